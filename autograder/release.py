"""Stage `release`: student notebooks (solutions and hidden tests removed) into release/."""

from __future__ import annotations

from pathlib import Path

from nbgrader.converters import GenerateAssignment

from autograder.converters import run_converter
from autograder.notebooks import find_assignments
from autograder.settings import Settings

__all__ = ["release"]


def release(*, settings: Settings, chapters: list[str] | None = None) -> list[Path]:
    """Build the student release of each assignment (chapters and an instructor's own) with
    nbgrader's GenerateAssignment.

    The chapter's cells are also saved into the gradebook, which grading needs to restore
    locked cells and hidden tests. Returns the released notebook paths.
    """
    released = []
    for assignment in find_assignments(settings.source, chapters):
        run_converter(GenerateAssignment, settings, assignment_id=assignment.assignment_id, force=True)
        released.extend(settings.release / assignment.assignment_id / f"{name}.ipynb" for name in assignment.notebooks)
    return released
