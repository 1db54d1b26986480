"""Answer keys are fresh, and the student release hides what it must."""

import nbformat
import pytest

from autograder.bundle import BOOTSTRAP_TAG, header_source
from autograder.notebooks import chapter_path, read_notebook
from conftest import CHAPTER_IDS, REPO_SETTINGS


def comparable(notebook):
    return [(c.cell_type, c.source, dict(c.metadata.get("nbgrader", {}))) for c in notebook.cells]


@pytest.mark.parametrize("assignment_id", CHAPTER_IDS)
def test_committed_answer_key_is_up_to_date(built_course, assignment_id):
    committed = chapter_path(REPO_SETTINGS.solutions, assignment_id)
    assert committed.is_file(), f"missing {committed}: run `make solutions` and commit it"
    fresh = read_notebook(chapter_path(built_course.solutions, assignment_id))
    assert comparable(read_notebook(committed)) == comparable(fresh), (
        f"{committed} is stale: run `make solutions` and commit the result"
    )


@pytest.mark.parametrize("assignment_id", CHAPTER_IDS)
def test_answer_key_keeps_solutions_and_has_no_outputs(built_course, assignment_id):
    key = read_notebook(chapter_path(built_course.solutions, assignment_id))
    text = "\n".join(c.source for c in key.cells)
    assert "### BEGIN SOLUTION" in text and "### BEGIN HIDDEN TESTS" in text
    # No embedded course/ in committed keys: they would go stale whenever course/ changes.
    assert BOOTSTRAP_TAG not in key.cells[0].metadata.get("tags", []) and "_COURSE_BUNDLE" not in text
    assert not any(c.get("outputs") for c in key.cells if c.cell_type == "code")


@pytest.mark.parametrize("assignment_id", CHAPTER_IDS)
def test_release_hides_solutions_and_tests_and_starts_with_the_bootstrap(built_course, assignment_id):
    released = read_notebook(chapter_path(built_course.release, assignment_id))
    text = "\n".join(c.source for c in released.cells)
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text and ".grade()" not in text
    first = released.cells[0]
    assert BOOTSTRAP_TAG in first.metadata.get("tags", []) and first.source == header_source(assignment_id)
    assert first.metadata["cellView"] == "form" and first.metadata["jupyter"]["source_hidden"] is True
    answers = [c for c in released.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert answers and all("raise NotImplementedError()" in c.source for c in answers)


def test_release_is_reproducible(built_course, tmp_path):
    from dataclasses import replace

    from autograder.release import release

    again = replace(built_course, release_directory=tmp_path / "release", workspace=tmp_path / "ws")
    for path in release(settings=again):
        original = built_course.release / path.relative_to(tmp_path / "release")
        assert nbformat.read(path, 4) == nbformat.read(original, 4)
