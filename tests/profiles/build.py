"""Virtual environments that stand in for the runtimes students use (Colab, Kaggle).

Each ``tests/profiles/<name>.txt`` pins what matters of one published runtime; its first line
``# python X.Y`` names the interpreter. :func:`ensure_profile` creates the venv once under the
cache folder (``.course-build/profiles/`` in the repository, ignored by git; the environment
variable ``COURSE_PROFILE_CACHE`` moves it) and reuses it while the requirement file and the
interpreter version are unchanged (the folder name carries their hash).

    python tests/profiles/build.py            # build (or reuse) every profile, print the paths
    python tests/profiles/build.py kaggle-py312
"""

from __future__ import annotations

import fcntl
import glob
import hashlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
COMPLETE = ".profile-complete"


@dataclass(frozen=True)
class Profile:
    name: str
    python_version: str  # "3.12"
    requirements: Path
    online: bool  # False: the notebook runs with no network at all (Kaggle with Internet off)

    @property
    def label(self) -> str:
        return self.name


def _profile(name: str) -> Profile:
    path = HERE / f"{name}.txt"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    if not first.startswith("# python "):
        raise ValueError(f"{path}: the first line must be '# python X.Y'")
    return Profile(name, first.split()[-1], path, online=not name.startswith("kaggle"))


PROFILES = [_profile(p.stem) for p in sorted(HERE.glob("*.txt"))]


def cache_root() -> Path:
    return Path(os.environ.get("COURSE_PROFILE_CACHE") or REPO / ".course-build" / "profiles")


def find_python(version: str) -> str:
    """An interpreter of exactly ``version`` (on PATH or under ~/.pyenv/versions); raise if none."""
    candidates = [shutil.which(f"python{version}")]
    candidates += sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin/python{version}")), reverse=True)
    for candidate in filter(None, candidates):
        try:
            found = subprocess.run(
                [candidate, "-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"],
                capture_output=True, text=True, timeout=60,
            ).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            continue
        if found == version:
            return candidate
    raise RuntimeError(
        f"Python {version} is needed for the runtime profiles (tests/profiles/) but was not found on PATH "
        f"(python{version}) or under ~/.pyenv/versions/{version}.*. Install it, e.g. `pyenv install {version}`."
    )


def venv_path(profile: Profile, python: str) -> Path:
    full_version = subprocess.run([python, "-c", "import sys; print(sys.version)"], capture_output=True, text=True,
                                  check=True).stdout.strip()
    digest = hashlib.sha256(profile.requirements.read_bytes() + full_version.encode()).hexdigest()[:12]
    return cache_root() / f"{profile.name}-{digest}"


def ensure_profile(profile: Profile, log=print) -> Path:
    """Return the profile's venv folder, creating it first when missing or stale."""
    python = find_python(profile.python_version)
    target = venv_path(profile, python)
    if (target / COMPLETE).is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / f"{profile.name}.lock", "w") as lock:  # test workers may ask at the same time
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (target / COMPLETE).is_file():  # built by another process while this one waited
            return target
        return _build(profile, python, target, log)


def _build(profile: Profile, python: str, target: Path, log) -> Path:
    for stale in target.parent.glob(f"{profile.name}-*"):  # older requirement files, half-built folders
        shutil.rmtree(stale, ignore_errors=True)
    started = time.perf_counter()
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([python, "-m", "venv", str(target)], check=True)
    run = subprocess.run(
        [str(target / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check", "--no-compile",
         "--quiet", "-r", str(profile.requirements)],
        capture_output=True, text=True,
    )
    if run.returncode != 0:
        shutil.rmtree(target, ignore_errors=True)
        raise RuntimeError(f"building profile {profile.name} failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
    # Byte-compile once here, on every core, rather than in each of the parallel kernels' first imports.
    subprocess.run([str(target / "bin" / "python"), "-m", "compileall", "-q", "-j", "0", str(target / "lib")],
                   capture_output=True, check=False)
    (target / COMPLETE).write_text(profile.requirements.read_text(encoding="utf-8"), encoding="utf-8")
    log(f"built profile {profile.name} in {time.perf_counter() - started:.0f} s: {target}")
    return target


if __name__ == "__main__":
    wanted = sys.argv[1:]
    for profile in PROFILES:
        if not wanted or profile.name in wanted:
            print(profile.name, ensure_profile(profile))
