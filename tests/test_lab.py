"""`make lab` gives a student's JupyterLab: student tools on, instructor tools off, no popups.

The server is started the way `python -m autograder lab --serve` starts it (same command and
environment) on 127.0.0.1, and asked over HTTP what a browser would load.
"""

import json
import sys
from pathlib import Path

import pytest

from lab_server import http_get as _get
from lab_server import running_lab

from autograder.lab import (
    COURSE_ID,
    EXCHANGE_DIR,
    INSTRUCTOR_LAB_PLUGINS,
    lab_command,
    lab_environment,
    write_student_config,
)

TOKEN = "student-lab-test"


@pytest.fixture(scope="module")
def student_lab(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lab")
    write_student_config(folder)
    with running_lab(folder, TOKEN) as base:
        yield base, folder


def test_instructor_tools_are_off(student_lab):
    base, _ = student_lab
    assert _get(f"{base}/formgrader?token={TOKEN}")[0] == 404
    status, page = _get(f"{base}/lab?token={TOKEN}")
    assert status == 200
    for plugin in INSTRUCTOR_LAB_PLUGINS:
        assert f'"{plugin}"' in page.split('"disabledExtensions"', 1)[1].split("]", 1)[0]
    assert '"@jupyter/nbgrader:assignment-list"' not in page.split('"disabledExtensions"', 1)[1].split("]", 1)[0]


def test_assignments_panel_lists_without_an_exchange_error(student_lab):
    base, folder = student_lab
    status, body = _get(f"{base}/assignments?course_id={COURSE_ID}&token={TOKEN}")
    assert status == 200
    assert json.loads(body) == {"success": True, "value": []}
    assert (folder / EXCHANGE_DIR).is_dir()
    assert "No nbgrader_config.py file found" not in (folder / "server.log").read_text()


def test_no_news_or_update_popup(student_lab):
    base, _ = student_lab
    status, body = _get(f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={TOKEN}")
    assert status == 200
    settings = json.loads(body)["settings"]
    assert settings["fetchNews"] == "false" and settings["checkForUpdates"] is False


def test_student_config_never_overwrites_what_is_there(tmp_path):
    mine = tmp_path / "nbgrader_config.py"
    mine.write_text("c = get_config()\nc.CourseDirectory.course_id = 'my-own'\n", encoding="utf-8")
    written, kept = write_student_config(tmp_path)
    assert kept == [mine] and mine.read_text(encoding="utf-8").endswith("'my-own'\n")
    assert len(written) == 3
    again_written, again_kept = write_student_config(tmp_path)
    assert again_written == [] and len(again_kept) == 4


def test_lab_command_runs_this_python_and_the_environment_points_into_the_folder(tmp_path):
    command = lab_command()
    assert command[:4] == [sys.executable, "-m", "jupyter", "lab"] and "--allow-root" not in command
    env = lab_environment(tmp_path, base={})
    assert Path(env["JUPYTER_CONFIG_DIR"]) == (tmp_path / ".jupyter").resolve()
    assert Path(env["JUPYTERLAB_SETTINGS_DIR"]).is_relative_to(Path(env["JUPYTER_CONFIG_DIR"]))
