"""Every chapter's released notebook runs alone in each runtime students use.

A profile (``tests/profiles/<name>.txt``) pins what matters of a published runtime: Colab on
Python 3.13 and 3.12, Kaggle on 3.12. For each profile and chapter, the student release gets
the answer key's answers (cells matched by nbgrader ``grade_id``; the release's own first cell
is kept) and is copied alone into an empty folder. In every profile each chapter's set-up
(the first cell, the parameters and ``setup()`` with the chapter's imports) runs in the
profile's kernel; each chapter also runs to the end, with fast parameters, in one profile
(:data:`FULL_RUN`, round robin, so every profile runs whole chapters and the course code
meets every runtime). The first cell must only add packages (``pip freeze`` after ⊇ before,
no version changed) and leave ``pip check`` clean. The Kaggle profile runs in a new network
namespace (``unshare -n``): no network at all, like Kaggle with Internet off.

Slow: one notebook run per test (pytest-xdist spreads them over the workers); the profile venvs
are built once, under a file lock, and cached under ``.course-build/profiles``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import nbformat
import pytest

from autograder.notebooks import chapter_path, read_notebook
from autograder.parameters import fast_parameters
from conftest import CHAPTER_IDS, REPO_SETTINGS

from profiles.build import PROFILES, ensure_profile

pytestmark = pytest.mark.slow

RUNNER = Path(__file__).resolve().parent / "profiles" / "run_notebook.py"
# What each runtime's kernel sees in its environment (Kaggle's image also sets Colab's tag).
PLATFORM_ENV = {
    "colab": {"COLAB_RELEASE_TAG": "release-colab-external_20260801-060048_RC00"},
    "kaggle": {
        "KAGGLE_KERNEL_RUN_TYPE": "Interactive",
        "KAGGLE_URL_BASE": "https://www.kaggle.com",
        "COLAB_RELEASE_TAG": "release-colab-external_20260801-060048_RC00",
    },
}


def student_notebook(release: nbformat.NotebookNode, key: nbformat.NotebookNode, parameters: dict) -> nbformat.NotebookNode:
    """The release with every answer cell's source taken from the answer key (by grade_id), and the
    parameters cell set to ``parameters`` (values a chapter does not declare are ignored)."""
    answers = {
        cell.metadata.nbgrader.grade_id: cell.source
        for cell in key.cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }
    filled = 0
    for cell in release.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = answers[grade_id]
            filled += 1
    assert filled == len(answers) > 0
    for cell in release.cells:
        if "parameters" in cell.metadata.get("tags", []):
            for name, value in parameters.items():
                cell.source = re.sub(rf"(?m)^{name}\s*=\s*[^#\n]*?(\s*#|$)", rf"{name} = {value}\1", cell.source)
            break
    return release


@lru_cache(maxsize=1)  # probed once per worker, not once per offline run
def network_namespace_prefix() -> tuple[str, ...]:
    """A command prefix that runs what follows with no network (its own loopback only)."""
    for prefix in (["unshare", "-n"], ["unshare", "-rn"]):
        probe = subprocess.run([*prefix, "sh", "-c", "ip link set lo up"], capture_output=True, text=True)
        if probe.returncode == 0:
            return (*prefix, "sh", "-c", 'ip link set lo up && exec "$@"', "offline")
    raise RuntimeError(
        "The Kaggle profile needs a new network namespace (`unshare -n` as root, or `unshare -rn` with user "
        f"namespaces) and `ip` (iproute2); both failed here: {probe.stderr.strip()}"
    )


@pytest.fixture(scope="session")
def profile_venvs():
    started = time.perf_counter()
    with ThreadPoolExecutor(len(PROFILES)) as pool:
        venvs = dict(zip([p.name for p in PROFILES], pool.map(ensure_profile, PROFILES)))
    print(f"\nprofile venvs ready in {time.perf_counter() - started:.0f} s")
    return venvs


@pytest.fixture(scope="session")
def profile_release(tmp_path_factory):
    """The student release, built once per test worker."""
    from dataclasses import replace

    from autograder.release import release

    scratch = tmp_path_factory.mktemp("profile-release")
    settings = replace(REPO_SETTINGS, release_directory=scratch / "release", workspace=scratch / "workspace")
    release(settings=settings)
    return settings.release


# The one profile in which each chapter runs to the end (the others run its set-up cells).
FULL_RUN = {chapter: PROFILES[index % len(PROFILES)].name for index, chapter in enumerate(CHAPTER_IDS)}


def set_up_cells_only(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook up to its ``setup()`` cell (the first cell, the parameters, the set-up)."""
    setup = next(i for i, c in enumerate(notebook.cells) if c.cell_type == "code" and "setup(" in c.source)
    notebook.cells = notebook.cells[: setup + 1]
    return notebook


def run_in_profile(profile_name: str, assignment_id: str, venv: Path, release_folder: Path, folder: Path,
                   *, whole: bool = True) -> dict:
    """Run the chapter's release, answered from the committed answer key, in the profile's kernel
    (only its set-up cells unless ``whole``)."""
    profile = next(p for p in PROFILES if p.name == profile_name)
    notebook = student_notebook(
        read_notebook(chapter_path(release_folder, assignment_id)),
        read_notebook(chapter_path(REPO_SETTINGS.solutions, assignment_id)),
        fast_parameters(assignment_id),
    )
    if not whole:
        notebook = set_up_cells_only(notebook)
    path = folder / f"{assignment_id}.ipynb"
    nbformat.write(notebook, path)
    command = [sys.executable, str(RUNNER), str(venv), str(path), str(folder / "result.json")]
    command += [f"--env={k}={v}" for k, v in PLATFORM_ENV[profile_name.split("-")[0]].items()]
    if not profile.online:
        command = [*network_namespace_prefix(), *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    result_file = folder / "result.json"
    if not result_file.is_file():
        return {"error": f"runner failed ({done.returncode}): {done.stderr[-3000:]}"}
    result = json.loads(result_file.read_text(encoding="utf-8"))
    result["executed"] = str(folder / "executed.ipynb")
    return result


def _lines(notebook: nbformat.NotebookNode, code_index: int, stream: str) -> list[str]:
    """Lines a stream wrote in the notebook's ``code_index``-th code cell."""
    outputs = [c for c in notebook.cells if c.cell_type == "code"][code_index].get("outputs", [])
    return "".join(o.get("text", "") for o in outputs if o.output_type == "stream" and o.name == stream).splitlines()


@pytest.mark.parametrize("assignment_id", CHAPTER_IDS)
@pytest.mark.parametrize("profile", [p.name for p in PROFILES])
def test_release_sets_up_runs_and_only_adds_packages(profile_venvs, profile_release, profile, assignment_id, tmp_path):
    whole = FULL_RUN[assignment_id] == profile
    result = run_in_profile(profile, assignment_id, profile_venvs[profile], profile_release, tmp_path, whole=whole)
    assert result["error"] is None, result["error"]
    executed = nbformat.read(result["executed"], as_version=4)
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors[0]
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), "the run stopped early"
    assert whole or "setup(" in code[-1].source
    first_out = _lines(executed, 0, "stdout")
    assert first_out and first_out[-1].startswith("✅"), first_out
    assert not _lines(executed, 0, "stderr")
    before, after = set(result["freeze_before"]), set(result["freeze_after"])
    assert before <= after, f"the first cell changed installed versions: {sorted(before - after)}"
    assert result["pip_check"][0] == 0, result["pip_check"][1]
    added = {line.split("==")[0].lower() for line in after - before}
    if profile.startswith("kaggle"):
        assert added == set(), "no network on Kaggle: nothing can be installed"
        shown = [line for index in range(3) for line in _lines(executed, index, "stdout")]
        assert any("한글 글꼴" in line for line in shown), shown  # the font warning, then the run goes on
    else:
        assert "koreanize-matplotlib" in added  # the optional font package, from the index
        if assignment_id == "05_evaluation":
            assert "keras-tuner" in added  # Colab lacks it; the chapter needs it


@pytest.mark.parametrize("profile", [p.name for p in PROFILES])
def test_every_profile_runs_whole_chapters(profile):
    assert sorted(FULL_RUN) == sorted(CHAPTER_IDS)
    assert sum(1 for chosen in FULL_RUN.values() if chosen == profile) >= 2
    assert FULL_RUN["05_evaluation"].startswith("colab")  # keras-tuner is installed there, then used
