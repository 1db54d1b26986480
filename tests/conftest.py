"""Shared fixtures: the chapters, and a release + answer keys built into a temporary folder."""

import os
import threading
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


def pytest_collection_modifyitems(items):
    """Slow tests first: pytest-xdist hands tests out in this order, so the long notebook runs
    start early and the many short tests fill the gaps instead of leaving one worker busy at the end.
    The runtime-profile tests come last of the slow ones: their venvs are built meanwhile."""
    items.sort(key=lambda item: (item.get_closest_marker("slow") is None, item.nodeid.startswith(_PROFILE_TESTS)))


_PROFILE_TESTS = "tests/test_profiles.py"
_profile_builds: list[threading.Thread] = []


def pytest_xdist_node_collection_finished(node, ids):
    """On the pytest-xdist controller, which is idle while workers test: build the runtime-profile
    venvs (network and disk) in the background once, if profile tests were collected. Workers that
    reach those tests wait on the venv's file lock (see tests/profiles/build.py)."""
    if _profile_builds or not any(test_id.startswith(_PROFILE_TESTS) for test_id in ids):
        return
    from profiles.build import PROFILES, ensure_profile

    for profile in PROFILES:
        thread = threading.Thread(target=ensure_profile, args=(profile,), kwargs={"log": lambda *a: None}, daemon=True)
        thread.start()
        _profile_builds.append(thread)


def pytest_xdist_auto_num_workers(config):
    """`-n auto`: one worker more than the cores (at most 4). Grading tests wait on sandboxes,
    kernels and time limits; the extra worker uses the cores meanwhile."""
    return min(4, (os.cpu_count() or 1) + 1)
