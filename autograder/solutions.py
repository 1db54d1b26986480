"""Stage `solutions`: answer keys into solutions/, regenerated from the source notebooks."""

from __future__ import annotations

from pathlib import Path

from nbgrader.api import Gradebook
from nbgrader.converters import GenerateSolution
from nbgrader.preprocessors import ClearMarkScheme, ClearOutput, LockCells

from autograder.converters import prepare_workspace, run_converter
from autograder.keys.sealing import write_sealed_table
from autograder.notebooks import chapter_path, find_chapters
from autograder.settings import Settings

__all__ = ["solutions"]

# nbgrader's default list without Execute: answer keys stay free of outputs, so that
# regenerating them is byte-for-byte repeatable and CI can tell a stale key from a fresh one.
# Nor IncludeHeaderFooter: the release's first cell embeds all of course/ (tens of kB), which
# would make every committed key stale whenever anything under course/ changes. Answer keys
# are opened where `course` is installed (the instructor's venv, grading), so they start with
# the parameters cell; the release carries the header.
ANSWER_KEY_PREPROCESSORS = [LockCells, ClearOutput, ClearMarkScheme]


def solutions(*, settings: Settings, chapters: list[str] | None = None) -> list[Path]:
    """Write each chapter's answer key (solutions and hidden tests kept) with GenerateSolution,
    and the sealed digests of the chapters' visible examples (``course/exercises/sealed.json``)."""
    prepare_workspace(settings)
    selected = find_chapters(settings.source, chapters)
    write_sealed_table([chapter.assignment_id for chapter in selected], settings.path("course/exercises/sealed.json"))
    written = []
    for chapter in selected:
        with Gradebook(settings.db_url, settings.course_id) as gradebook:
            gradebook.update_or_create_assignment(chapter.assignment_id)
        run_converter(
            GenerateSolution,
            settings,
            assignment_id=chapter.assignment_id,
            force=True,
            preprocessors=ANSWER_KEY_PREPROCESSORS,
        )
        written.append(chapter_path(settings.solutions, chapter.assignment_id))
    return written
