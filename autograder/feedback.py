"""Stage `feedback`: HTML reports for students, without the hidden tests."""

from __future__ import annotations

from pathlib import Path

from nbgrader.converters import GenerateFeedback

from autograder.converters import run_converter
from autograder.notebooks import find_chapters
from autograder.settings import Settings

__all__ = ["feedback"]


def feedback(*, settings: Settings, chapters: list[str] | None = None, student: str = "*") -> list[Path]:
    """Generate feedback HTML for graded students (``student`` is a glob, as in nbgrader).

    Hidden tests are removed by nbgrader's ClearHiddenTests (see settings). Returns the files.
    """
    autograded = settings.workspace_path / "autograded"
    written: list[Path] = []
    for chapter in find_chapters(settings.source, chapters):
        if not any(autograded.glob(f"{student}/{chapter.assignment_id}")):
            continue  # nobody graded yet for this chapter
        run_converter(GenerateFeedback, settings, assignment_id=chapter.assignment_id, student_id=student, force=True)
        written.extend(sorted((settings.workspace_path / "feedback").glob(f"{student}/{chapter.assignment_id}/*.html")))
    return written
