"""Hint use: counted from the submitted notebook, stored per student and chapter, exported."""

import csv
import json

import nbformat
import pandas as pd
import pytest

from autograder.export import export, with_hint_columns
from autograder.hints import HINT_FILE, chapter_hint_use, count_hints, load_hint_use, record_hint_use


def hint_output(exercise, level, levels=3):
    return nbformat.v4.new_output(
        "display_data",
        data={"text/plain": f"힌트 ({level}/{levels})"},
        metadata={"dl_course": {"kind": "hint", "chapter": "02_terminology", "exercise": exercise,
                                "level": level, "levels": levels}},
    )


def code(source, *outputs):
    return nbformat.v4.new_code_cell(source, outputs=list(outputs))


def notebook(*cells):
    return nbformat.v4.new_notebook(cells=list(cells))


class TestCountHints:
    def test_highest_level_shown_per_exercise_is_summed(self):
        nb = notebook(
            code("q1.hint()", hint_output("q1", 1)),
            code("q1.hint()", hint_output("q1", 2)),
            code("q1.hint(1)", hint_output("q1", 1)),
            code("q2.hint()\nq2.hint()\nq2.hint()", hint_output("q2", 1), hint_output("q2", 2), hint_output("q2", 3)),
        )
        assert count_hints(nb) == {"q1": 2, "q2": 3}
        assert chapter_hint_use(nb) == 5

    def test_cleared_outputs_count_a_call_as_level_one_or_the_level_asked(self):
        nb = notebook(code("q1.hint()"), code("q3.hint( )\nq3.hint()"), code("q4.hint(2)"))
        assert count_hints(nb) == {"q1": 1, "q3": 1, "q4": 2}

    def test_a_cell_with_outputs_is_not_counted_twice_from_its_source(self):
        nb = notebook(code("q1.hint()\nq1.hint()", hint_output("q1", 1), hint_output("q1", 2)))
        assert count_hints(nb) == {"q1": 2}

    def test_calls_in_comments_strings_and_markdown_do_not_count(self):
        nb = notebook(
            nbformat.v4.new_markdown_cell("막히면 `q1.hint()`를 실행하세요."),
            code('# 막히면 q1.hint()를 실행해 보세요\nprint("q2.hint()")\nanswer = 1'),
            code("def f(:\n    q5.hint()  # broken code still counts, comment does not"),
        )
        assert count_hints(nb) == {"q5": 1}

    def test_no_hints(self):
        nb = notebook(code("x = 1", nbformat.v4.new_output("stream", text="1\n")), code("q1.check()"))
        assert count_hints(nb) == {} and chapter_hint_use(nb) == 0

    def test_other_outputs_with_metadata_are_ignored(self):
        check = nbformat.v4.new_output("display_data", data={"text/plain": "정답"},
                                       metadata={"dl_course": {"kind": "check", "exercise": "q1"}})
        nb = notebook(code("q1.check()", check), code("q10.hint()", hint_output("q10", 3)))
        assert count_hints(nb) == {"q10": 3}

    def test_counts_survive_a_round_trip_through_ipynb_json(self, tmp_path):
        path = tmp_path / "nb.ipynb"
        nbformat.write(notebook(code("q1.hint()", hint_output("q1", 2))), path)
        saved = json.loads(path.read_text(encoding="utf-8"))
        assert saved["cells"][0]["outputs"][0]["metadata"]["dl_course"]["level"] == 2
        assert count_hints(nbformat.read(path, as_version=4)) == {"q1": 2}


def test_record_replaces_the_entry_and_leaves_no_temporary_files(tmp_path):
    record_hint_use(tmp_path, "kim", "02_terminology", {"q1": 2, "q2": 1})
    record_hint_use(tmp_path, "kim", "03_data_prep", {"q1": 1})
    record_hint_use(tmp_path, "kim", "02_terminology", {"q1": 3})  # regraded
    assert load_hint_use(tmp_path) == {"kim": {
        "02_terminology": {"total": 3, "exercises": {"q1": 3}},
        "03_data_prep": {"total": 1, "exercises": {"q1": 1}},
    }}
    assert [p.name for p in tmp_path.iterdir()] == [HINT_FILE]


def test_hint_columns_sit_next_to_each_chapters_score():
    wide = pd.DataFrame({"02_terminology": [19.0, 5.0, 19.0], "03_data_prep": [10.0, 0.0, 12.0]},
                        index=pd.Index(["kim", "lee", "(max)"], name="student_id"))
    wide["total"] = wide.sum(axis=1)
    out = with_hint_columns(wide, {"kim": {"02_terminology": {"total": 4}}, "lee": {"02_terminology": {"total": 0}}})
    assert list(out.columns) == ["02_terminology", "02_terminology 힌트", "03_data_prep", "03_data_prep 힌트", "total"]
    assert out.loc["kim", "02_terminology 힌트"] == 4 and out.loc["lee", "02_terminology 힌트"] == 0
    assert pd.isna(out.loc["kim", "03_data_prep 힌트"]) and pd.isna(out.loc["(max)", "02_terminology 힌트"])


def _small_gradebook(settings):
    """A gradebook with one chapter (two test cells) and two graded students, no nbgrader run."""
    from nbgrader.api import Gradebook

    settings.workspace_path.mkdir(parents=True, exist_ok=True)
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        gradebook.add_assignment("02_terminology")
        gradebook.add_notebook("02_terminology", "02_terminology")
        for grade_id, points in (("q1_test", 2), ("q2_test", 3)):
            gradebook.add_grade_cell(grade_id, "02_terminology", "02_terminology", max_score=points, cell_type="code")
        for student, scores in (("kim", (2, 3)), ("lee", (0, 3))):
            gradebook.add_student(student)
            gradebook.add_submission("02_terminology", student)
            for grade_id, score in zip(("q1_test", "q2_test"), scores):
                gradebook.find_grade(grade_id, "02_terminology", "02_terminology", student).auto_score = score
            gradebook.db.commit()


@pytest.fixture
def nbgrader_on_path(monkeypatch):
    """nbgrader's Gradebook runs `alembic` from PATH: put the interpreter's scripts first."""
    import os
    import sys
    from pathlib import Path

    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")


@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")  # nbgrader's own session use
def test_export_writes_hint_columns_and_keeps_nbgraders_csv(tmp_path, nbgrader_on_path):
    from conftest import REPO_SETTINGS

    settings = REPO_SETTINGS.with_workspace(tmp_path / "ws")
    _small_gradebook(settings)
    record_hint_use(settings.workspace_path, "kim", "02_terminology", {"q1": 2, "q2": 1})
    record_hint_use(settings.workspace_path, "lee", "02_terminology", {})
    long_path, lms_path = export(settings=settings)
    with open(lms_path, encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        rows = {row["student_id"]: row for row in reader}
    assert reader.fieldnames == ["student_id", "02_terminology", "02_terminology 힌트", "total", "수동 채점 대기"]
    assert rows["kim"]["02_terminology 힌트"] == "3" and rows["lee"]["02_terminology 힌트"] == "0"
    assert float(rows["kim"]["total"]) == 5 and float(rows["lee"]["02_terminology"]) == 3
    assert rows["(max)"]["02_terminology 힌트"] == "" and float(rows["(max)"]["total"]) == 5
    with open(long_path, encoding="utf-8") as handle:
        assert not any("힌트" in column for column in csv.DictReader(handle).fieldnames)
