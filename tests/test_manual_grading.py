"""Manually graded cells: pending in the grade report, the export and the feedback, never a
final 0; a grade entered in nbgrader's formgrader (started by `autograder formgrader` on the
test's own workspace, driven through its REST API) reaches the export."""

from __future__ import annotations

import csv
import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import replace

import nbformat
import pytest

from autograder.export import PENDING_COLUMN, export
from autograder.feedback import feedback
from autograder.formgrader import formgrader_command
from autograder.grade import format_results, grade
from autograder.release import release
from autograder.settings import Settings

pytestmark = pytest.mark.slow
ASSIGNMENT = "00_manual"


def source_notebook():
    explain = nbformat.v4.new_markdown_cell("YOUR ANSWER HERE", metadata={"nbgrader": {
        "grade": True, "solution": True, "locked": False, "points": 2, "grade_id": "explain", "schema_version": 3}})
    answer = nbformat.v4.new_code_cell(
        "def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION",
        metadata={"nbgrader": {"grade": False, "solution": True, "locked": False, "grade_id": "double_answer",
                               "schema_version": 3}})
    test = nbformat.v4.new_code_cell("assert double(2) == 4", metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "points": 1, "grade_id": "double_test", "schema_version": 3}})
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("Why does a model overfit? Answer below."), explain, answer, test])
    notebook.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


def test_manual_cells_are_pending_until_graded(tmp_path):
    (tmp_path / "source" / ASSIGNMENT).mkdir(parents=True)
    nbformat.write(source_notebook(), tmp_path / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    settings = replace(Settings(), source_directory=tmp_path / "source", release_directory=tmp_path / "release",
                       solution_directory=tmp_path / "solutions", workspace=tmp_path / "ws")
    release(settings=settings)
    released = nbformat.read(tmp_path / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    assert len(released.cells) == 4  # no course header on an instructor's own assignment
    answered = nbformat.from_dict(released)
    answered.cells[1].source = "Too many parameters for too little data."
    answered.cells[2].source = "def double(x):\n    return x + x"
    for student, notebook in {"answered": answered, "blank": released}.items():
        (tmp_path / "class" / student).mkdir(parents=True)
        nbformat.write(notebook, tmp_path / "class" / student / f"{ASSIGNMENT}.ipynb")

    results = {r.student_id: r for r in grade(tmp_path / "class", settings=settings)}
    report = format_results(list(results.values()))
    assert results["answered"].score == 1 and results["answered"].pending == 1
    assert results["blank"].score == 0 and results["blank"].pending == 0  # unchanged answer: 0, nothing to grade
    assert "1 cell(s) need manual grading" in report and "not a final score" in report

    def lms_rows():
        with open(export(settings=settings)[1], encoding="utf-8-sig") as handle:
            return {row["student_id"]: row for row in csv.DictReader(handle)}

    rows = lms_rows()
    assert rows["answered"][PENDING_COLUMN] == ASSIGNMENT and rows["blank"][PENDING_COLUMN] == ""

    html = feedback(settings=settings, student="answered")[0].read_text(encoding="utf-8")
    assert "needs manual grading" in html and "수동 채점 대기" in html

    # The instructor grades the cell in formgrader, opened on this (non-default) workspace.
    with Formgrader(settings) as server:
        submissions = server.call("GET", f"submitted_notebooks/{ASSIGNMENT}/{ASSIGNMENT}")
        (submission,) = [s for s in submissions if s["student"] == "answered"]
        grades = {g["name"]: g for g in server.call("GET", f"grades?submission_id={submission['id']}")}
        assert grades["explain"]["needs_manual_grade"] is True
        stored = server.call("PUT", f"grade/{grades['explain']['id']}", {"manual_score": 2})
        assert stored["manual_score"] == 2 and stored["needs_manual_grade"] is False
    rows = lms_rows()
    assert float(rows["answered"][ASSIGNMENT]) == 3 and rows["answered"][PENDING_COLUMN] == ""


class Formgrader:
    """`autograder formgrader` as an instructor starts it, on a free port, driven over HTTP."""

    def __init__(self, settings):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.token = "test-token"
        argv, env = formgrader_command(settings, port=self.port, token=self.token)
        self.process = subprocess.Popen(argv, cwd=settings.root, env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def call(self, method, path, body=None):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/formgrader/api/{path}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def __enter__(self):
        deadline = time.monotonic() + 90
        while True:
            try:
                self.call("GET", "status")
                return self
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.__exit__()
                    raise RuntimeError("formgrader did not start:\n" + self.process.stderr.read().decode()[-3000:])
                time.sleep(0.5)

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stderr.close()
