"""An instructor's own nbgrader assignment beside the chapters: nbgrader's documentation course
ps1 (two notebooks, an image, nbformat 4.0, manually graded cells), submitted by bitdiddle and
hacker, gets exactly the per-cell scores of plain nbgrader, with no renaming or conversion."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import nbgrader
import pytest
from nbgrader.api import Gradebook
from nbgrader.converters import Autograde, GenerateAssignment
from nbgrader.coursedir import CourseDirectory
from traitlets.config import Config

from autograder.grade import grade
from autograder.settings import REPO_ROOT, Settings

pytestmark = pytest.mark.slow
DOCS = Path(nbgrader.__file__).parent / "docs" / "source" / "user_guide"
STUDENTS = ("bitdiddle", "hacker")


def cell_scores(db_url: str) -> dict:
    scores = {}
    with Gradebook(db_url) as gradebook:
        for student in STUDENTS:
            submission = gradebook.find_submission("ps1", student)
            for notebook in submission.notebooks:
                for cell in notebook.grades:
                    scores[(student, notebook.name, cell.name)] = (cell.auto_score, cell.needs_manual_grade)
    return scores


def plain_nbgrader(root: Path) -> dict:
    """Release and autograde with nbgrader alone (its default configuration)."""
    shutil.copytree(DOCS / "source" / "ps1", root / "source" / "ps1")
    for student in STUDENTS:
        shutil.copytree(DOCS / "submitted" / student / "ps1", root / "submitted" / student / "ps1")
    config = Config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    for converter, student in [(GenerateAssignment, "."), (Autograde, "*")]:
        coursedir = CourseDirectory(config=config)
        coursedir.assignment_id, coursedir.student_id = "ps1", student
        converter(coursedir=coursedir, config=config, force=True, create_student=True).start()
    return cell_scores(config.CourseDirectory.db_url)


def test_ps1_scores_match_plain_nbgrader(tmp_path):
    expected = plain_nbgrader(tmp_path / "plain")
    assert len(expected) >= 10 and any(manual for _, manual in expected.values())

    (tmp_path / "course" / "source").mkdir(parents=True)
    shutil.copytree(DOCS / "source" / "ps1", tmp_path / "course" / "source" / "ps1")
    shutil.copytree(REPO_ROOT / "source_notebooks" / "01_ml_process", tmp_path / "course" / "source" / "01_ml_process")
    settings = replace(Settings(), source_directory=tmp_path / "course" / "source",
                       release_directory=tmp_path / "course" / "release",
                       solution_directory=tmp_path / "course" / "solutions", workspace=tmp_path / "course" / "ws")
    incoming = tmp_path / "class"
    for student in STUDENTS:
        shutil.copytree(DOCS / "submitted" / student / "ps1", incoming / student / "ps1")

    results = grade(incoming, settings=settings)

    assert [(r.student_id, r.assignment_id, r.ok) for r in results] == [("bitdiddle", "ps1", True), ("hacker", "ps1", True)]
    assert all(r.pending > 0 for r in results)  # the written answers wait for the instructor
    assert cell_scores(settings.db_url) == expected
    released = sorted(p.name for p in (tmp_path / "course" / "ws" / "release" / "ps1").iterdir())
    assert released == ["jupyter.png", "problem1.ipynb", "problem2.ipynb"]
