"""Source notebooks are clean, valid nbgrader notebooks that follow the course's pattern."""

import importlib
import re

import nbformat

from autograder.keys import hidden_test_source
import pytest
from nbgrader.nbgraderformat import MetadataValidator

from autograder.notebooks import read_notebook
from conftest import CHAPTERS

GRADE_ID = re.compile(r"^[a-zA-Z0-9_-]+$")
FORBIDDEN_AT_RUN_TIME = ("fetch_openml", "fetch_california", "load_dataset(", "keras.datasets", "urllib", "requests.", "wget ", "!pip", "%pip")


def nbgrader_cells(notebook):
    return [(cell, cell.metadata["nbgrader"]) for cell in notebook.cells if "nbgrader" in cell.metadata]


def exercises_module(chapter):
    return importlib.import_module(f"course.exercises.ch{chapter.assignment_id[:2]}")


@pytest.fixture(params=CHAPTERS, ids=lambda c: c.assignment_id)
def chapter(request):
    return request.param


@pytest.fixture
def notebook(chapter):
    return read_notebook(chapter.source)


def test_there_is_at_least_one_chapter():
    assert CHAPTERS, "no chapter found under source_notebooks/"


def test_no_outputs_committed(notebook):
    dirty = [i for i, c in enumerate(notebook.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert dirty == [], f"cells with outputs or execution counts: {dirty}"


def test_valid_nbformat_and_nbgrader_schema_3(notebook):
    nbformat.validate(notebook)
    MetadataValidator().validate_nb(notebook)
    assert all(meta["schema_version"] == 3 for _, meta in nbgrader_cells(notebook))
    assert notebook.metadata.kernelspec.name == "python3"


def test_grade_ids_unique_and_well_formed(notebook):
    ids = [meta["grade_id"] for _, meta in nbgrader_cells(notebook)]
    assert len(ids) == len(set(ids)), "duplicate grade ids"
    assert all(GRADE_ID.match(grade_id) for grade_id in ids)


def test_every_answer_cell_is_followed_by_its_test_cell_visible_check_then_hidden_key(notebook):
    # Order matters: nbgrader's OverwriteCells.add_missing_cells puts a deleted test cell back
    # right after the previous nbgrader cell, so each test must directly follow its answer.
    # The test cell's visible line is the self-check (what Validate runs); the hidden part
    # grades with the instructor-only key.
    cells = notebook.cells
    assignment = notebook_assignment(notebook)
    answers = [i for i, c in enumerate(cells) if c.metadata.get("nbgrader", {}).get("solution")]
    assert len(answers) >= 6
    for i in answers:
        answer_id = cells[i].metadata.nbgrader.grade_id
        name = answer_id.removesuffix("_answer")
        assert answer_id.endswith("_answer") and "### BEGIN SOLUTION" in cells[i].source, answer_id
        test = cells[i + 1]
        meta = test.metadata.get("nbgrader", {})
        assert meta.get("grade_id") == f"{name}_test" and meta["grade"] and meta["locked"] and meta["points"] > 0
        assert test.source.split("\n")[1] == f"{name}.check()"
        assert test.source.endswith(hidden_test_source(assignment, name))
    assert not [c for c in cells if "self-check" in c.metadata.get("tags", [])]


def notebook_assignment(notebook) -> str:
    """The chapter id, read from the exercises' import line (`from course.exercises.chNN import ...`)."""
    import re

    from autograder.notebooks import find_chapters
    from autograder.settings import Settings

    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    number = re.search(r"from course\.exercises\.ch(\d\d) import", text).group(1)
    return next(c.assignment_id for c in find_chapters(Settings().source) if c.assignment_id.startswith(number))


def test_only_answer_and_test_cells_are_nbgrader_cells(notebook):
    kinds = {meta["grade_id"].rsplit("_", 1)[1] for _, meta in nbgrader_cells(notebook)}
    assert kinds == {"answer", "test"}


def test_exercise_declarations_match_the_notebook(chapter, notebook):
    module = exercises_module(chapter)
    cells = {meta["grade_id"]: meta for _, meta in nbgrader_cells(notebook)}
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    names = [name for name in module.__all__ if re.fullmatch(r"q\d+", name)]
    for name in names:
        exercise = getattr(module, name)
        assert cells[f"{name}_test"]["points"] == exercise.points, name
        number = name.removeprefix("q")
        heading = re.search(rf"###\s*문제\s*{number}\..*\((\d+)점\)", markdown)
        assert heading and int(heading.group(1)) == exercise.points, f"heading of {name} must show ({exercise.points}점)"
    tested = {gid.removesuffix("_test") for gid, meta in cells.items() if meta.get("grade")}
    assert tested == set(names)


def test_parameters_cell_comes_first_then_setup(notebook):
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    assert "setup(" in code[1].source


def test_chapter_has_goals_summary_and_wrap_up(notebook):
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    for heading in ("학습 목표", "요약 정리", "Wrap Up"):
        assert heading in markdown


def test_nothing_downloads_at_run_time(notebook):
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert [word for word in FORBIDDEN_AT_RUN_TIME if word in code] == []


def unrendered_bold(text):
    """Closing ``**`` right after punctuation and right before a letter (e.g. ``**20%**입니다``):
    CommonMark does not treat it as closing, so the bold shows as raw asterisks."""
    found = []
    for line in text.splitlines():
        positions = [m.start() for m in re.finditer(r"\*\*", line)]
        for pos in positions[1::2]:
            before, after = line[pos - 1], line[pos + 2 : pos + 3]
            if not (before.isalnum() or before.isspace()) and after.isalnum():
                found.append(line[max(0, pos - 20) : pos + 4])
    return found


def test_unrendered_bold_detector():
    assert unrendered_bold("비율은 **20%**입니다") == ["비율은 **20%**입니"]
    assert unrendered_bold("**클래스 불균형**(Class Imbalance)과 (**선택**) 그리고 **20%** 입니다") == []


def test_bold_text_renders_before_korean_particles(notebook):
    broken = [hit for c in notebook.cells if c.cell_type == "markdown" for hit in unrendered_bold(c.source)]
    assert broken == [], f"bold that will not render (move the particle or the punctuation): {broken}"
