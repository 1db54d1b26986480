"""Shared fixtures: the chapters, and a release + answer keys built into a temporary folder."""

from dataclasses import replace

import pytest

from autograder.notebooks import find_chapters
from autograder.settings import Settings

REPO_SETTINGS = Settings()
CHAPTERS = find_chapters(REPO_SETTINGS.source)
CHAPTER_IDS = [chapter.assignment_id for chapter in CHAPTERS]


@pytest.fixture(scope="session")
def built_course(tmp_path_factory) -> Settings:
    """Settings whose release/, solutions/ and workspace live in a temporary folder, built."""
    from autograder.release import release
    from autograder.solutions import solutions

    scratch = tmp_path_factory.mktemp("course")
    settings = replace(
        REPO_SETTINGS,
        release_directory=scratch / "release",
        solution_directory=scratch / "solutions",
        workspace=scratch / "workspace",
    )
    solutions(settings=settings)  # first: it writes the sealed digests the release embeds
    release(settings=settings)
    return settings
