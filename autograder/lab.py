"""Stage `lab`: a student's own working copy of the release, never overwritten."""

from __future__ import annotations

import shutil
from pathlib import Path

from autograder.notebooks import chapter_path, find_chapters
from autograder.release import release
from autograder.settings import Settings

__all__ = ["prepare_lab"]


def prepare_lab(*, settings: Settings, folder: Path) -> tuple[list[Path], list[Path]]:
    """Release every chapter, then copy into ``folder`` the notebooks it does not have yet.

    A notebook already in ``folder`` holds the learner's work and is left exactly as it is.
    Returns (copied, kept).
    """
    release(settings=settings)
    copied, kept = [], []
    for chapter in find_chapters(settings.source):
        source = chapter_path(settings.release, chapter.assignment_id)
        target = chapter_path(Path(folder), chapter.assignment_id)
        if target.exists():
            kept.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        copied.append(target)
    return copied, kept
