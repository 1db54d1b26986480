"""`grade --workers N`: the sequential scores, a progress line per submission, resuming and regrading."""

import json
import os
import signal
import subprocess
import sys
import time

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograder.demo import build_demo_class
from autograder.grade import grade
from autograder.journal import JOURNAL_FILE, latest_entries
from autograder.notebooks import chapter_path
from autograder.settings import REPO_ROOT

pytestmark = pytest.mark.slow
CHAPTER = "01_ml_process"


def scores(results):
    return {r.student_id: r.score for r in results if r.assignment_id == CHAPTER}


def journal_lines(settings):
    return (settings.workspace_path / JOURNAL_FILE).read_text(encoding="utf-8").splitlines()


def test_parallel_grading_scores_as_sequential_resumes_and_regrades_idempotently(built_course, tmp_path, capsys):
    incoming = tmp_path / "class"
    expected = build_demo_class(built_course, CHAPTER, incoming)
    settings = built_course.with_workspace(tmp_path / "ws")

    first = grade(incoming, settings=settings, workers=2, progress=True)
    assert scores(first) == expected  # the scores one-by-one grading gives (the demo class's known ones)
    progress = capsys.readouterr().err
    assert f"[4/4 · 경과" in progress and "남은 시간 끝" in progress
    assert all(f"{CHAPTER} {student}" in progress for student in expected)
    assert len(journal_lines(settings)) == 4

    again = grade(incoming, settings=settings, workers=2, progress=True)  # nothing changed: nothing runs
    assert scores(again) == expected and len(journal_lines(settings)) == 4
    assert all(any(n.startswith("already graded") for n in r.notes) for r in again)
    assert "[" not in capsys.readouterr().err  # no submission was graded, so no progress line

    key = nbformat.read(chapter_path(built_course.solutions, CHAPTER), as_version=4)
    nbformat.write(key, incoming / "partly_wrong" / f"{CHAPTER}.ipynb")  # a corrected resubmission
    changed = grade(incoming, settings=settings, workers=2)
    assert scores(changed) == {**expected, "partly_wrong": expected["answer_key"]}
    assert len(journal_lines(settings)) == 5  # only the changed one was graded

    regraded = grade(incoming, settings=settings, workers=1, regrade=True)  # all again, one by one
    assert scores(regraded) == scores(changed) and len(journal_lines(settings)) == 9
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        submissions = gradebook.find_assignment(CHAPTER).submissions
        assert sorted(s.student_id for s in submissions) == sorted(expected)  # no duplicate entries
        assert {s.student_id: s.score for s in submissions} == scores(regraded)


def test_an_interrupted_run_resumes_without_regrading_what_is_done(built_course, tmp_path):
    incoming = tmp_path / "class"
    expected = build_demo_class(built_course, CHAPTER, incoming)
    settings = built_course.with_workspace(tmp_path / "ws")
    journal = settings.workspace_path / JOURNAL_FILE
    environment = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    script = (
        "import sys; from pathlib import Path; from autograder.grade import grade; from autograder.settings import Settings; "
        "from dataclasses import replace; "
        f"s = replace(Settings(), release_directory=Path({str(built_course.release)!r}), "
        f"solution_directory=Path({str(built_course.solutions)!r}), workspace=Path({str(settings.workspace_path)!r})); "
        f"grade(Path({str(incoming)!r}), settings=s)"
    )
    run = subprocess.Popen([sys.executable, "-c", script], cwd=REPO_ROOT, env=environment, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while not (journal.exists() and journal.read_text(encoding="utf-8").strip()) and time.monotonic() < deadline:
            assert run.poll() is None, "grading ended before it could be interrupted"
            time.sleep(0.2)
    finally:
        os.killpg(run.pid, signal.SIGKILL)  # as a power cut or Ctrl+C would
        run.wait()
    done = {json.loads(line)["student_id"] for line in journal.read_text(encoding="utf-8").splitlines()}
    assert 1 <= len(done) < len(expected)

    resumed = grade(incoming, settings=settings)
    assert scores(resumed) == expected
    for result in resumed:
        resumed_note = any(n.startswith("already graded") for n in result.notes)
        assert resumed_note == (result.student_id in done), result
    assert set(latest_entries(settings.workspace_path)) == {(s, CHAPTER) for s in expected}


def test_the_main_job_runs_chapters_and_the_demo_class_on_the_same_workers(tmp_path):
    from dataclasses import replace

    from autograder.pipeline import format_table, run_course
    from conftest import REPO_SETTINGS

    settings = replace(REPO_SETTINGS, release_directory=tmp_path / "release", solution_directory=tmp_path / "solutions",
                       workspace=tmp_path / "ws")
    logged = []
    run = run_course(settings=settings, chapters=[CHAPTER], workers=2, log=logged.append)
    [report] = run.reports
    assert report.demo_ok() and report.error is None and report.seconds > 0 and report.grading_seconds > 0
    assert (settings.workspace_path / "executed" / f"{CHAPTER}.ipynb").is_file()  # papermill's output
    assert any(line.startswith(f"  papermill {CHAPTER}: ") for line in logged)
    assert run.workers == 2 and 0 < run.wall_seconds < report.seconds + report.grading_seconds + 120
    assert f"작업자 2개" in format_table(run)
