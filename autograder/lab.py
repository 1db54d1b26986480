"""Stage `lab`: a student's own working copy of the release, never overwritten, and the
configuration that makes `make lab` a student's JupyterLab.

The student's JupyterLab keeps nbgrader's student tools (Validate, the Assignments panel)
and hides the instructor's (formgrader, Create Assignment, the course list). Its settings
live in the working folder (``.jupyter/``), so the instructor's own Jupyter is untouched:

- ``.jupyter/jupyter_server_config.json``: nbgrader's formgrader and course-list server
  extensions off;
- ``.jupyter/labconfig/page_config.json``: the matching JupyterLab plugins off;
- ``.jupyter/lab/user-settings/…/notification.jupyterlab-settings``: no news or update popup;
- ``nbgrader_config.py`` beside the notebooks: the course id and an exchange folder inside
  the working folder, so the Assignments panel opens without an exchange error.

A file that already exists is never rewritten (the learner may have changed it).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from autograder.notebooks import chapter_path, find_chapters
from autograder.release import release
from autograder.settings import Settings

__all__ = [
    "COURSE_ID",
    "EXCHANGE_DIR",
    "INSTRUCTOR_LAB_PLUGINS",
    "INSTRUCTOR_SERVER_EXTENSIONS",
    "lab_command",
    "lab_environment",
    "prepare_lab",
    "write_student_config",
]

COURSE_ID = "dl-course-ko"
INSTRUCTOR_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
)
INSTRUCTOR_LAB_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
)
CONFIG_DIR = ".jupyter"
EXCHANGE_DIR = ".exchange"
_NOTIFICATION_SETTINGS = Path("lab", "user-settings", "@jupyterlab", "apputils-extension", "notification.jupyterlab-settings")


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
    write_student_config(Path(folder))
    return copied, kept


def _student_files(folder: Path) -> dict[Path, str]:
    config = folder / CONFIG_DIR
    exchange = (folder / EXCHANGE_DIR).resolve()
    server = {"ServerApp": {"jpserver_extensions": {name: False for name in INSTRUCTOR_SERVER_EXTENSIONS}}}
    page = {"disabledExtensions": {name: True for name in INSTRUCTOR_LAB_PLUGINS}}
    notification = {"fetchNews": "false", "checkForUpdates": False}
    nbgrader = (
        '"""nbgrader settings of this working folder, written by `make lab` (edit freely; it is never rewritten)."""\n'
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
    )
    return {
        config / "jupyter_server_config.json": json.dumps(server, indent=2) + "\n",
        config / "labconfig" / "page_config.json": json.dumps(page, indent=2) + "\n",
        config / _NOTIFICATION_SETTINGS: json.dumps(notification, indent=2) + "\n",
        folder / "nbgrader_config.py": nbgrader,
    }


def write_student_config(folder: Path) -> tuple[list[Path], list[Path]]:
    """Write the student JupyterLab configuration into ``folder``; existing files are kept.

    Returns (written, kept).
    """
    written, kept = [], []
    for path, text in _student_files(folder).items():
        if path.exists():
            kept.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    (folder / EXCHANGE_DIR).mkdir(parents=True, exist_ok=True)
    return written, kept


def lab_environment(folder: Path, base: dict | None = None) -> dict[str, str]:
    """The environment for ``jupyter lab`` in ``folder``: its own config and settings folders."""
    env = dict(os.environ if base is None else base)
    config = (Path(folder) / CONFIG_DIR).resolve()
    env["JUPYTER_CONFIG_DIR"] = str(config)
    env["JUPYTERLAB_SETTINGS_DIR"] = str(config / "lab" / "user-settings")
    return env


def lab_command(*, allow_root: bool = False) -> list[str]:
    """``python -m jupyter lab`` for the working folder (run it with that folder as the current one,
    where nbgrader's student extensions look for ``nbgrader_config.py``)."""
    command = [sys.executable, "-m", "jupyter", "lab", "--ServerApp.root_dir=."]
    return command + (["--allow-root"] if allow_root else [])
