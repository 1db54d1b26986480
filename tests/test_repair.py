"""Submissions that lost their nbgrader metadata, Colab-style names and duplicate notebooks.

Fast tests build small notebooks by hand; one slow test grades a stripped chapter-02 answer
key end to end through nbgrader.
"""

import copy
import logging
import os
import zipfile

import nbformat
import pytest

from autograder.converters import GradingError, explain_errors
from autograder.grade import (
    GradeResult,
    _unpack,
    chapter_of,
    collect_submissions,
    format_results,
    strip_copy_markers,
)
from autograder.repair import needs_repair, repair_notebook

CHAPTERS = {"02_terminology", "03_data_prep"}
BASE = {"locked": False, "schema_version": 3, "solution": False, "task": False, "grade": False}


def answer_cell(name, source):
    meta = {"deletable": False, "nbgrader": {**BASE, "solution": True, "grade_id": f"{name}_answer", "cell_type": "code"}}
    return nbformat.v4.new_code_cell(source, metadata=meta)


def grade_cell(name, points):
    source = f"# 🔒 자동 채점 셀 ({name}, {points}점): 수정하지 마세요.\n{name}.check()"
    meta = {"deletable": False, "editable": False,
            "nbgrader": {**BASE, "grade": True, "locked": True, "points": points, "grade_id": f"{name}_test"}}
    return nbformat.v4.new_code_cell(source, metadata=meta)


STUBS = {
    "q1": 'def baseline_accuracy(y):\n    """정확도를 돌려줍니다."""\n    # YOUR CODE HERE\n    raise NotImplementedError()',
    "q2": "# 각 항목의 ...을 바꾸세요.\nproblem_types = {\n    \"a\": ...,\n    \"b\": ...,\n}",
    "q3": "def one_hot(labels, classes):\n    # YOUR CODE HERE\n    raise NotImplementedError()",
}
ANSWERS = {
    "q1": 'def baseline_accuracy(y):\n    """정확도를 돌려줍니다."""\n    values, counts = np.unique(y, return_counts=True)\n    return counts.max() / len(y)',
    "q2": "# 각 항목의 ...을 바꾸세요.\nproblem_types = {\n    \"a\": \"회귀\",\n    \"b\": \"이진 분류\",\n}",
    "q3": "def one_hot(labels, classes):\n    return np.eye(len(classes))[[classes.index(l) for l in labels]]",
}


def release_notebook():
    """A small chapter: markdown and demo code around three exercises."""
    cells = [nbformat.v4.new_markdown_cell("# 02. 용어"), nbformat.v4.new_code_cell("import numpy as np")]
    for number, name in enumerate(STUBS, start=1):
        cells += [
            nbformat.v4.new_markdown_cell(f"### 문제 {number}\n\n설명 {number}"),
            answer_cell(name, STUBS[name]),
            grade_cell(name, number),
            nbformat.v4.new_code_cell(f"print('demo {number}')"),
        ]
    cells.append(nbformat.v4.new_markdown_cell("## 요약"))
    return nbformat.v4.new_notebook(cells=cells)


def answer_key():
    """The release with answers written and hidden tests (as GenerateSolution leaves them)."""
    notebook = release_notebook()
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        name = grade_id.split("_")[0]
        if grade_id.endswith("_answer"):
            cell.source = ANSWERS[name]
        elif grade_id.endswith("_test"):
            cell.source += f"\n### BEGIN HIDDEN TESTS\n{name}.grade()\n### END HIDDEN TESTS"
    return notebook


def stripped(notebook, cells=None):
    """A copy whose cells (all, or those indexed) lost the metadata Colab drops."""
    notebook = copy.deepcopy(notebook)
    for index, cell in enumerate(notebook.cells):
        if cells is None or index in cells:
            for key in ("nbgrader", "deletable", "editable"):
                cell.metadata.pop(key, None)
    return notebook


def ids(notebook):
    """(position, grade id) of every nbgrader cell."""
    return [(i, c.metadata["nbgrader"]["grade_id"]) for i, c in enumerate(notebook.cells) if "nbgrader" in c.metadata]


def cell_with(notebook, grade_id):
    return next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


class TestRepair:
    def test_intact_submission_needs_nothing(self):
        assert not needs_repair(answer_key(), release_notebook())
        assert not needs_repair(release_notebook(), release_notebook())

    def test_fully_stripped_answer_key_gets_every_cell_back_and_keeps_the_answers(self):
        key = answer_key()
        repair = repair_notebook(stripped(key), release_notebook())
        assert ids(repair.notebook) == ids(key)
        assert [c.source for c in repair.notebook.cells] == [c.source for c in key.cells]
        assert cell_with(repair.notebook, "q1_test").metadata["editable"] is False
        assert repair.summary() == ["metadata restored for 6 cells, matched by content and position"]

    def test_original_notebook_is_not_modified(self):
        submission = stripped(answer_key())
        before = copy.deepcopy(submission)
        repair_notebook(submission, release_notebook())
        assert submission == before

    def test_partly_stripped_notebook_counts_only_restored_cells(self):
        key = answer_key()
        repair = repair_notebook(stripped(key, cells={3, 4}), release_notebook())
        assert ids(repair.notebook) == ids(key) and repair.restored == 2

    def test_extra_cells_and_edited_answers_are_matched_by_first_line_between_anchors(self):
        submission = stripped(answer_key())
        submission.cells.insert(3, nbformat.v4.new_code_cell("print(y[:5])  # 확인용"))
        submission.cells.insert(5, nbformat.v4.new_code_cell(""))
        submission.cells[4].source += "\n\nprint(baseline_accuracy([0, 0, 1]))"
        repair = repair_notebook(submission, release_notebook())
        assert cell_with(repair.notebook, "q1_answer").source.startswith("def baseline_accuracy(y):")
        assert "print(baseline_accuracy" in cell_with(repair.notebook, "q1_answer").source
        assert sum(1 for c in repair.notebook.cells if c.source == "print(y[:5])  # 확인용" and "nbgrader" not in c.metadata) == 1

    def test_answer_rewritten_without_its_first_line_is_taken_by_position(self):
        submission = stripped(answer_key())
        q3 = next(i for i, c in enumerate(submission.cells) if c.source == ANSWERS["q3"])
        submission.cells[q3].source = "import numpy as np\nlookup = {}\n"
        repair = repair_notebook(submission, release_notebook())
        assert cell_with(repair.notebook, "q3_answer").source == "import numpy as np\nlookup = {}\n"

    def test_deleted_answer_cell_is_put_back_as_the_stub_with_a_reason(self):
        submission = stripped(answer_key())
        submission.cells = [c for c in submission.cells if c.source != ANSWERS["q2"]]
        repair = repair_notebook(submission, release_notebook())
        assert ids(repair.notebook) == ids(answer_key())  # the stub sits where the answer was
        assert cell_with(repair.notebook, "q2_answer").source == STUBS["q2"]
        (note,) = [n for n in repair.summary() if "q2" in n]
        assert "answer cell for q2 (`problem_types = {`) not found" in note and "graded as unanswered" in note
        assert repair.restored == 5

    def test_deleted_test_cell_is_put_back_from_the_release(self):
        submission = stripped(answer_key())
        del submission.cells[4]  # q1's test cell
        repair = repair_notebook(submission, release_notebook())
        assert ids(repair.notebook) == ids(answer_key())
        assert any("test cell q1_test not found" in n for n in repair.notes)
        assert all(c.get("id") for c in repair.notebook.cells)  # restored cells get fresh ids

    def test_duplicated_grade_cell_keeps_the_best_match(self):
        submission = answer_key()
        copied = copy.deepcopy(cell_with(submission, "q1_test"))
        copied.source = "q1.check()  # 한 번 더"
        submission.cells.insert(6, copied)
        assert needs_repair(submission, release_notebook())
        repair = repair_notebook(submission, release_notebook())
        assert [grade_id for _, grade_id in ids(repair.notebook)] == [grade_id for _, grade_id in ids(answer_key())]
        assert "nbgrader" not in repair.notebook.cells[6].metadata and "nbgrader" in repair.notebook.cells[4].metadata
        assert repair.notes == ["q1_test appeared 2 times: kept cell 5, removed the metadata of cell 7"]

    def test_unknown_grade_id_is_dropped(self):
        submission = answer_key()
        submission.cells[1].metadata["nbgrader"] = {**BASE, "grade_id": "old_cell", "locked": True}
        repair = repair_notebook(submission, release_notebook())
        assert "nbgrader" not in repair.notebook.cells[1].metadata
        assert "unknown grade id 'old_cell'" in repair.notes[0]

    def test_another_chapters_notebook_is_flagged(self):
        other = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"다른 장 {i}") for i in range(5)])
        repair = repair_notebook(other, release_notebook())
        assert "right chapter" in repair.notes[-1]
        assert len(ids(repair.notebook)) == 6  # everything put back: graded as unanswered


@pytest.mark.parametrize("stem", [
    "02_terminology", "Copy of 02_terminology", "copy of 02_terminology", "02_terminology.ipynb의 사본",
    "02_terminology의 사본", "02_terminology (1)", "사본 - 02_terminology", "02_terminology(2)",
    "Copy of 02_terminology (3)", "02_terminology - Copy", "02-terminology",
])
def test_download_names_are_recognised_as_the_chapter(stem):
    assert chapter_of(stem, CHAPTERS) == "02_terminology"


def test_a_student_number_in_parentheses_is_not_a_copy_marker():
    assert strip_copy_markers("홍길동 (2024001)") == "홍길동 (2024001)"
    assert strip_copy_markers("Copy of kim (1)") == "kim"


def write(path, text="{}", mtime=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


class TestCollectCopies:
    def test_nested_download_names(self, tmp_path):
        for student, name in [("a", "Copy of 02_terminology"), ("b", "02_terminology.ipynb의 사본"),
                              ("c", "02_terminology (1)"), ("d", "사본 - 03_data_prep"), ("e", "03_data_prep(2)")]:
            write(tmp_path / student / f"{name}.ipynb")
        found, problems = collect_submissions(tmp_path, known_chapters=CHAPTERS)
        assert problems == []
        assert sorted((s.student_id, s.assignment_id) for s in found) == [
            ("a", "02_terminology"), ("b", "02_terminology"), ("c", "02_terminology"),
            ("d", "03_data_prep"), ("e", "03_data_prep")]
        assert all(s.notes == () for s in found)

    def test_flat_download_names_are_the_student(self, tmp_path):
        write(tmp_path / "Copy of kim.ipynb")
        write(tmp_path / "lee (1).ipynb")
        write(tmp_path / "홍길동 (2024001).ipynb")
        found, problems = collect_submissions(tmp_path, known_chapters=CHAPTERS, assignment_id="02_terminology")
        assert problems == []
        assert sorted(s.student_id for s in found) == ["kim", "lee", "홍길동_2024001"]

    def test_two_notebooks_for_one_chapter_grade_the_newest(self, tmp_path):
        write(tmp_path / "kim" / "02_terminology.ipynb", mtime=1_700_000_000)
        write(tmp_path / "kim" / "Copy of 02_terminology.ipynb", mtime=1_700_000_500)
        write(tmp_path / "kim" / "03_data_prep.ipynb", mtime=1_700_000_000)
        found, _ = collect_submissions(tmp_path, known_chapters=CHAPTERS)
        chosen = next(s for s in found if s.assignment_id == "02_terminology")
        assert len(found) == 2 and chosen.path.name == "Copy of 02_terminology.ipynb"
        assert "2 notebooks for this chapter: graded `kim/Copy of 02_terminology.ipynb` (the newest)" in chosen.notes[0]
        assert "ignored `kim/02_terminology.ipynb`" in chosen.notes[0]

    def test_equal_times_prefer_the_plain_name(self, tmp_path):
        write(tmp_path / "kim" / "Copy of 02_terminology.ipynb", mtime=1_700_000_000)
        write(tmp_path / "kim" / "02_terminology.ipynb", mtime=1_700_000_000)
        (chosen,), _ = collect_submissions(tmp_path, known_chapters=CHAPTERS)
        assert chosen.path.name == "02_terminology.ipynb" and "(same modification time: the plain name)" in chosen.notes[0]
        assert chosen.notes[0].endswith("ignored `kim/Copy of 02_terminology.ipynb`")

    def test_flat_copies_of_one_student(self, tmp_path):
        write(tmp_path / "kim.ipynb", mtime=1_700_000_900)
        write(tmp_path / "kim (1).ipynb", mtime=1_700_000_000)
        (chosen,), _ = collect_submissions(tmp_path, known_chapters=CHAPTERS, assignment_id="03_data_prep")
        assert chosen.path.name == "kim.ipynb" and "ignored `kim (1).ipynb`" in chosen.notes[0]

    def test_zip_keeps_the_notebooks_modification_times(self, tmp_path):
        archive = tmp_path / "class.zip"
        with zipfile.ZipFile(archive, "w") as zf:
            zf.writestr(zipfile.ZipInfo("kim/02_terminology.ipynb", (2026, 3, 2, 10, 0, 0)), "{}")
            zf.writestr(zipfile.ZipInfo("kim/Copy of 02_terminology.ipynb", (2026, 3, 1, 10, 0, 0)), "{}")
        scratch = tmp_path / "scratch"
        scratch.mkdir()
        (chosen,), _ = collect_submissions(_unpack(archive, scratch), known_chapters=CHAPTERS)
        assert chosen.path.name == "02_terminology.ipynb"


def test_nbgrader_error_shows_the_tracebacks_last_line():
    traceback = (
        "Traceback (most recent call last):\n  File \"overwritecells.py\", line 131, in add_missing_grade_cells\n"
        "    prev_cell_idx = submitted_cell_idxs[prev_cell_id] + added_count\nKeyError: 'q1_answer'\n"
    )
    messages = ["There was an error processing assignment: /x/submitted/kim/02_terminology", traceback,
                "Please see the the above traceback for details on the specific errors on the above failures."]
    assert explain_errors(messages, "fallback") == "KeyError: 'q1_answer'"
    assert explain_errors([], "fallback") == "fallback"


def test_grading_failure_reports_the_reason_not_the_traceback_header(tmp_path):
    """run_converter keeps the last line of nbgrader's logged traceback (the real cause)."""
    from nbgrader.converters.base import NbGraderException

    from autograder.converters import run_converter
    from autograder.settings import Settings

    class FailingConverter:
        def __init__(self, **kwargs):
            self.log = logging.getLogger("test-failing-converter")

        def start(self):
            self.log.error("Traceback (most recent call last):\n  File x\nKeyError: 'q3_answer'")
            self.log.error("There was an error processing assignment: /x")
            raise NbGraderException("Please see the error log")

    settings = Settings().with_workspace(tmp_path / "ws")
    with pytest.raises(GradingError, match=r"^KeyError: 'q3_answer'$"):
        run_converter(FailingConverter, settings, assignment_id="02_terminology")


def test_notes_are_printed_under_the_students_line():
    results = [GradeResult("kim", "02_terminology", 19, 19, notes=("metadata restored for 18 cells, matched by content and position",)),
               GradeResult("lee", "02_terminology", error="grading failed: KeyError: 'q1_answer'", notes=("answer cell for q1 (`def f():`) not found",))]
    lines = format_results(results).splitlines()
    assert lines[0].split()[-3:] == ["19", "/", "19"]
    assert lines[1].strip() == "↳ metadata restored for 18 cells, matched by content and position"
    assert "NOT GRADED: grading failed: KeyError: 'q1_answer'" in lines[2] and "↳ answer cell for q1" in lines[3]


@pytest.fixture(scope="module")
def chapter_02(tmp_path_factory):
    """Settings with chapter 02's release and answer key built in a temporary folder.

    Only this chapter is built (conftest's ``built_course`` builds all of them).
    """
    from dataclasses import replace

    from autograder.release import release
    from autograder.solutions import solutions
    from conftest import REPO_SETTINGS

    scratch = tmp_path_factory.mktemp("chapter_02")
    settings = replace(REPO_SETTINGS, release_directory=scratch / "release",
                       solution_directory=scratch / "solutions", workspace=scratch / "workspace")
    release(settings=settings, chapters=["02_terminology"])
    solutions(settings=settings, chapters=["02_terminology"])
    return settings


@pytest.mark.slow
def test_stripped_answer_key_with_a_colab_name_scores_like_the_intact_key(chapter_02, tmp_path):
    from autograder.grade import grade
    from autograder.notebooks import chapter_path, read_notebook

    built_course, chapter = chapter_02, "02_terminology"
    key = read_notebook(chapter_path(built_course.solutions, chapter))
    release = read_notebook(chapter_path(built_course.release, chapter))
    incoming = tmp_path / "class"
    for folder, name, notebook in [("intact", chapter, key), ("kim", f"Copy of {chapter}", stripped(key)),
                                   ("lee", f"{chapter}.ipynb의 사본", stripped(release))]:
        (incoming / folder).mkdir(parents=True)
        nbformat.write(notebook, incoming / folder / f"{name}.ipynb")
    restorable = len(ids(release))

    results = {r.student_id: r for r in grade(incoming, settings=built_course.with_workspace(tmp_path / "ws"))}

    assert all(r.ok for r in results.values()), format_results(list(results.values()))
    intact, kim, lee = results["intact"], results["kim"], results["lee"]
    assert intact.score == intact.max_score > 0 and intact.notes == ()
    assert (kim.score, kim.max_score) == (intact.score, intact.max_score)
    assert kim.notes == (f"metadata restored for {restorable} cells, matched by content and position",)
    assert lee.score == 0 and lee.max_score == intact.max_score
    assert lee.notes[0] == f"metadata restored for {restorable} cells, matched by content and position"
