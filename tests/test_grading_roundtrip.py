"""A whole class through the command line: grade, export, feedback."""

import csv
import hashlib
import zipfile

import nbformat
import pytest

from autograder import cli
from autograder.demo import build_demo_class
from autograder.notebooks import chapter_path
from conftest import CHAPTER_IDS

pytestmark = pytest.mark.slow


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("assignment_id", CHAPTER_IDS)
def test_class_round_trip(built_course, assignment_id, tmp_path, capsys):
    # The class: answer key, untouched release, partly wrong and alternative notebooks, a broken file.
    incoming = tmp_path / "class"
    expected = build_demo_class(built_course, assignment_id, incoming)
    (incoming / "broken_json").mkdir()
    (incoming / "broken_json" / f"{assignment_id}.ipynb").write_text('{"cells": [', encoding="utf-8")
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(incoming.rglob("*.ipynb")):
            zf.write(path, path.relative_to(incoming))
    before = digest(archive)
    workspace = tmp_path / "workspace"

    code = cli.main(["--workspace", str(workspace), "grade", str(archive)])
    report = capsys.readouterr().out
    assert code == 1, report  # one submission could not be graded
    lines = {line.split()[2]: line for line in report.splitlines()
             if assignment_id in line and line.lstrip().startswith(("✅", "❌", "⏳"))}
    maximum = expected["answer_key"]
    assert f"{maximum:g} / {maximum:g}" in lines["answer_key"]
    assert f" 0 / {maximum:g}" in lines["untouched"]
    assert f" {expected['partly_wrong']:g} / {maximum:g}" in lines["partly_wrong"]
    assert 0 < expected["partly_wrong"] < maximum
    assert f"{maximum:g} / {maximum:g}" in lines["alternative"]  # correct answers written differently
    assert "NOT GRADED" in lines["broken_json"] and "invalid JSON at line 1" in lines["broken_json"]
    assert "4 graded, 1 not graded." in report
    assert digest(archive) == before
    page = (workspace / "exports" / "class_report.html").read_text(encoding="utf-8")  # the instructor's report
    assert f"report    {workspace / 'exports' / 'class_report.html'}" in report
    assert assignment_id in page and "broken_json" in page and "invalid JSON" in page  # the rejected one needs attention

    assert cli.main(["--workspace", str(workspace), "export"]) == 0
    capsys.readouterr()
    with open(workspace / "exports" / "grades.csv", encoding="utf-8") as handle:
        scores = {row["student_id"]: float(row["score"]) for row in csv.DictReader(handle)}
    assert scores == {
        "answer_key": maximum, "untouched": 0.0, "partly_wrong": expected["partly_wrong"],
        "alternative": maximum, "broken_json": 0.0,
    }
    with open(workspace / "exports" / "grades_lms.csv", encoding="utf-8-sig") as handle:
        lms = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert float(lms["(max)"]["total"]) == maximum and float(lms["partly_wrong"][assignment_id]) == expected["partly_wrong"]

    assert cli.main(["--workspace", str(workspace), "feedback", "--chapter", assignment_id]) == 0
    capsys.readouterr()
    html = (workspace / "feedback" / "partly_wrong" / assignment_id / f"{assignment_id}.html").read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in html and "autograder.keys" not in html
    assert "다시 생각해 보세요" in html  # the Korean message of a failed exercise
    assert "most recent call last" not in html  # no Python traceback (nbconvert's CSS names "Traceback")


def test_flat_files_with_assignment_and_a_student_who_deleted_a_test_cell(built_course, tmp_path, capsys):
    assignment_id = CHAPTER_IDS[0]
    key = nbformat.read(chapter_path(built_course.solutions, assignment_id), as_version=4)
    key.cells = [c for c in key.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "q1_test"]
    folder = tmp_path / "flat"
    folder.mkdir()
    nbformat.write(key, folder / "student_7.ipynb")
    code = cli.main(["--workspace", str(tmp_path / "ws"), "grade", str(folder), "--assignment", assignment_id])
    report = capsys.readouterr().out
    assert code == 0, report
    line = next(line for line in report.splitlines() if "student_7" in line)
    score, maximum = line.split()[-3], line.split()[-1]
    assert score == maximum  # the deleted test cell was restored from the source and passed
