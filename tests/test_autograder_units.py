"""Fast tests of the instructor tooling's parts (no notebook execution)."""

import json
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder import cli
from autograder.demo import expected_scores, replace_answers
from autograder.grade import _unpack, collect_submissions
from autograder.notebooks import NotebookError, find_chapters, read_notebook
from autograder.pipeline import ChapterReport, CourseRun, format_table
from autograder.grade import GradeResult
from autograder.settings import Settings, nbgrader_config

CHAPTERS = {"02_terminology", "03_data_prep"}


def write(path: Path, text: str = "{}") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def tiny_notebook(answer_points=(("q1", 2), ("q2", 3))):
    cells = []
    for name, points in answer_points:
        base = {"locked": False, "schema_version": 3, "solution": False, "task": False, "grade": False}
        cells.append(nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {**base, "solution": True, "grade_id": f"{name}_answer"}}))
        cells.append(nbformat.v4.new_code_cell(f"{name}.grade()", metadata={"nbgrader": {**base, "grade": True, "locked": True, "points": points, "grade_id": f"{name}_test"}}))
    return nbformat.v4.new_notebook(cells=cells)


class TestCollectSubmissions:
    def test_student_folders_and_nbgrader_layout(self, tmp_path):
        write(tmp_path / "kim" / "02_terminology.ipynb")
        write(tmp_path / "lee" / "02_terminology" / "02_terminology.ipynb")
        write(tmp_path / "lee" / ".ipynb_checkpoints" / "02_terminology-checkpoint.ipynb")
        write(tmp_path / "__MACOSX" / "kim" / "02_terminology.ipynb")
        found, problems = collect_submissions(tmp_path, known_chapters=CHAPTERS)
        assert problems == []
        assert sorted((s.student_id, s.assignment_id) for s in found) == [("kim", "02_terminology"), ("lee", "02_terminology")]

    def test_flat_files_need_the_assignment(self, tmp_path):
        write(tmp_path / "홍길동 (2024001).ipynb")
        found, problems = collect_submissions(tmp_path, known_chapters=CHAPTERS)
        assert found == [] and "--assignment" in problems[0].error
        found, problems = collect_submissions(tmp_path, known_chapters=CHAPTERS, assignment_id="03_data_prep")
        assert problems == [] and found[0].student_id == "홍길동_2024001" and found[0].assignment_id == "03_data_prep"

    def test_empty_folder_is_reported(self, tmp_path):
        _, problems = collect_submissions(tmp_path, known_chapters=CHAPTERS)
        assert "no .ipynb" in problems[0].error

    def test_zip_with_path_traversal_is_refused(self, tmp_path):
        archive = tmp_path / "class.zip"
        with zipfile.ZipFile(archive, "w") as zf:
            zf.writestr("../evil.ipynb", "{}")
        scratch = tmp_path / "scratch"
        scratch.mkdir()
        with pytest.raises(NotebookError, match="Unsafe path"):
            _unpack(archive, scratch)

    def test_not_a_zip_is_refused(self, tmp_path):
        with pytest.raises(NotebookError, match="neither a folder nor a .zip"):
            _unpack(write(tmp_path / "class.txt", "hello"), tmp_path)


class TestReadNotebook:
    def test_invalid_json_says_where_and_what_to_do(self, tmp_path):
        path = write(tmp_path / "broken.ipynb", '{"cells": [')
        with pytest.raises(NotebookError, match=r"invalid JSON at line 1.*resubmit"):
            read_notebook(path)

    def test_binary_file_is_refused(self, tmp_path):
        path = tmp_path / "binary.ipynb"
        path.write_bytes(b"\xff\xfe\x00\x01")
        with pytest.raises(NotebookError, match="not UTF-8"):
            read_notebook(path)

    def test_missing_file(self, tmp_path):
        with pytest.raises(NotebookError, match="not found"):
            read_notebook(tmp_path / "nope.ipynb")

    def test_json_that_is_not_a_notebook(self, tmp_path):
        with pytest.raises(NotebookError):
            read_notebook(write(tmp_path / "x.ipynb", json.dumps({"hello": 1})))


def test_find_chapters_orders_and_rejects_unknown(tmp_path):
    for name in ("03_data_prep", "02_terminology"):
        write(tmp_path / name / f"{name}.ipynb")
    (tmp_path / "notes").mkdir()
    assert [c.assignment_id for c in find_chapters(tmp_path)] == ["02_terminology", "03_data_prep"]
    with pytest.raises(NotebookError, match="Unknown chapter '09_x'"):
        find_chapters(tmp_path, ["09_x"])


class TestDemo:
    def test_expected_scores_subtract_the_wrong_exercises(self):
        scores = expected_scores(tiny_notebook(), {"q2_answer": "x = 0"})
        assert scores == {"answer_key": 5.0, "untouched": 0.0, "partly_wrong": 2.0, "alternative": 5.0}

    def test_partly_wrong_replaces_only_named_cells_and_keeps_the_original(self):
        original = tiny_notebook()
        changed = replace_answers(original, {"q1_answer": "x = 2"})
        assert changed.cells[0].source == "x = 2" and changed.cells[2].source == "x = 1"
        assert original.cells[0].source == "x = 1"
        with pytest.raises(NotebookError, match="q9_answer"):
            replace_answers(original, {"q9_answer": "x"})


class TestSettings:
    def test_every_key_is_described(self):
        described = Settings.describe()
        assert set(described) == {f for f in Settings.__dataclass_fields__} and all(described.values())

    def test_nbgrader_config_uses_absolute_paths_and_hides_tests_in_feedback(self, tmp_path):
        settings = Settings(root=tmp_path)
        config = nbgrader_config(settings)
        assert config.CourseDirectory.source_directory == str(tmp_path / "source_notebooks")
        assert config.CourseDirectory.db_url == f"sqlite:///{tmp_path / 'autograder/workspace/gradebook.db'}"
        assert {"SafeFeedback", "SanitizeHTML"} <= {p.__name__ for p in config.GenerateFeedback.preprocessors}
        assert "SandboxedExecute" in [p.__name__ for p in config.Autograde.autograde_preprocessors]
        assert config.OverwriteCells.add_missing_cells is True

    def test_workspace_override(self, tmp_path):
        assert Settings().with_workspace(tmp_path).gradebook == tmp_path / "gradebook.db"

    def test_each_chapter_gets_its_own_header(self, tmp_path):
        settings = Settings(root=tmp_path)
        assert nbgrader_config(settings).IncludeHeaderFooter.header == str(settings.header_notebook)
        header = nbgrader_config(settings, "05_evaluation").IncludeHeaderFooter.header
        assert header == str(settings.chapter_header("05_evaluation")) and header.endswith("05_evaluation.ipynb")

    def test_an_instructors_own_assignment_gets_no_course_header(self, tmp_path):
        settings = Settings(root=tmp_path)
        for assignment in ("00_probe", "ps1", "02_other_slug"):
            assert nbgrader_config(settings, assignment).IncludeHeaderFooter.header == ""


def test_cli_reports_bad_input_without_traceback(tmp_path, capsys):
    code = cli.main(["--workspace", str(tmp_path), "grade", str(tmp_path / "missing.zip")])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error:") and "Traceback" not in err


def test_cli_export_without_gradebook_says_grade_first(tmp_path, capsys):
    assert cli.main(["--workspace", str(tmp_path), "export"]) == 2
    assert "run `grade` first" in capsys.readouterr().err


def test_format_table_aligns_hangul_and_flags_mismatch():
    ok = ChapterReport("02_terminology", 9, 19, 31.2, {"answer_key": 19, "untouched": 0, "partly_wrong": 12},
                       {s: GradeResult(s, "02_terminology", v, 19) for s, v in {"answer_key": 19, "untouched": 0, "partly_wrong": 12}.items()})
    bad = ChapterReport("03_data_prep", 6, 12, 20.0, {"answer_key": 12, "untouched": 0, "partly_wrong": 8},
                        {s: GradeResult(s, "03_data_prep", v, 12) for s, v in {"answer_key": 12, "untouched": 0, "partly_wrong": 10}.items()})
    failed = ChapterReport("04_keras_modeling", 8, 19, 3.0, {"answer_key": 19},
                           {"answer_key": GradeResult("answer_key", "04_keras_modeling", 19, 19)}, error="CellExecutionError: boom")
    text = format_table(CourseRun([ok, bad, failed], wall_seconds=312.4, workers=2))
    lines = text.splitlines()
    assert "OK" in lines[2] and "FAIL" in lines[3] and "10 (기대 8)" in lines[3]
    assert "실패" in lines[4] and "FAIL" in lines[4] and not failed.demo_ok()  # a failed papermill run fails the chapter
    from autograder.pipeline import _width

    assert len({_width(line) for line in lines[:5]}) == 1
    assert "전체 걸린 시간(wall time): 5:12 (312초, 작업자 2개)" in text
    assert "04_keras_modeling: papermill 실행 실패: CellExecutionError: boom" in text


def test_lab_copy_never_overwrites_a_learners_notebook(tmp_path):
    from dataclasses import replace

    from autograder.lab import prepare_lab
    from conftest import CHAPTER_IDS, REPO_SETTINGS

    settings = replace(REPO_SETTINGS, release_directory=tmp_path / "release", workspace=tmp_path / "ws")
    folder = tmp_path / "lab"
    copied, kept = prepare_lab(settings=settings, folder=folder)
    assert len(copied) == len(CHAPTER_IDS) and kept == []
    work = copied[0]
    work.write_text(work.read_text(encoding="utf-8").replace("raise NotImplementedError()", "answer = 42", 1), encoding="utf-8")
    edited = work.read_bytes()
    copied, kept = prepare_lab(settings=settings, folder=folder)
    assert copied == [] and work in kept and work.read_bytes() == edited
