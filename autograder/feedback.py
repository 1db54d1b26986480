"""Stage `feedback`: HTML reports for students, without the hidden tests."""

from __future__ import annotations

from pathlib import Path

from nbgrader.converters import GenerateFeedback

from autograder.converters import GradingError, run_converter
from autograder.notebooks import find_assignments
from autograder.settings import Settings

__all__ = ["feedback"]


def feedback(
    *, settings: Settings, chapters: list[str] | None = None, student: str = "*",
    problems: list[tuple[str, str, str]] | None = None,
) -> list[Path]:
    """Generate feedback HTML for graded students (``student`` is a glob, as in nbgrader).

    Hidden tests, live script and escape bytes are removed (see ``_feedback_config`` in
    settings). When nbgrader fails for the whole chapter, each student is retried alone, so one
    student's notebook cannot stop the others' feedback; ``problems`` (if given) receives
    ``(chapter, student, reason)`` for each failure. Returns the files written.
    """
    autograded = settings.workspace_path / "autograded"
    written: list[Path] = []
    for chapter in find_assignments(settings.source, chapters):
        graded = sorted(path.parent.name for path in autograded.glob(f"{student}/{chapter.assignment_id}"))
        if not graded:
            continue  # nobody graded yet for this chapter
        try:
            run_converter(GenerateFeedback, settings, assignment_id=chapter.assignment_id, student_id=student, force=True)
        except GradingError:
            for one in graded:
                try:
                    run_converter(GenerateFeedback, settings, assignment_id=chapter.assignment_id, student_id=one, force=True)
                except GradingError as error:
                    if problems is not None:
                        problems.append((chapter.assignment_id, one, str(error)))
        written.extend(sorted((settings.workspace_path / "feedback").glob(f"{student}/{chapter.assignment_id}/*.html")))
    return written
