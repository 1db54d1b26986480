"""Running jobs on local processes, the grading journal and the progress line (fast, no notebooks)."""

import os
import time

import pytest

from autograder.journal import GradeResult, JournalEntry, append_entry, latest_entries, latest_results
from autograder.progress import Progress, format_seconds
from autograder.workers import Job, run_jobs


def square(value):
    return value * value


def fail(message):
    raise ValueError(message)


def die_once(marker):
    """Kill this worker process the first time (as the OOM killer would); succeed afterwards."""
    if not os.path.exists(marker):
        open(marker, "w").close()
        os._exit(9)
    return os.getpid()


def sleep_then(value, seconds):
    time.sleep(seconds)
    return value


@pytest.mark.parametrize("workers", [1, 2])
def test_every_job_yields_one_outcome_and_an_exception_stays_in_its_job(workers):
    jobs = [Job(f"square/{n}", square, (n,)) for n in range(5)] + [Job("fail/x", fail, ("nope",))]
    outcomes = {o.job.key: o for o in run_jobs(jobs, workers=workers)}
    assert {k: o.value for k, o in outcomes.items() if o.ok} == {f"square/{n}": n * n for n in range(5)}
    assert outcomes["fail/x"].error == "ValueError: nope" and not outcomes["fail/x"].ok


def test_outcomes_come_as_jobs_finish_on_parallel_workers():
    jobs = [Job("slow/a", sleep_then, ("a", 1.5)), Job("fast/b", sleep_then, ("b", 0.0))]
    order = [outcome.value for outcome in run_jobs(jobs, workers=2)]
    assert order == ["b", "a"]


def test_a_worker_that_dies_loses_no_job(tmp_path):
    jobs = [Job("die/once", die_once, (str(tmp_path / "marker"),)), Job("square/3", square, (3,))]
    outcomes = {o.job.key: o for o in run_jobs(jobs, workers=2)}
    assert outcomes["die/once"].ok and outcomes["die/once"].attempts == 2
    assert outcomes["square/3"].value == 9


def test_workers_must_be_positive():
    with pytest.raises(ValueError):
        list(run_jobs([Job("square/1", square, (1,))], workers=0))


def test_journal_keeps_the_newest_line_and_skips_a_line_cut_short(tmp_path):
    first = GradeResult("alice", "02_terminology", 10.0, 19.0, notes=("a note",))
    second = GradeResult("alice", "02_terminology", 19.0, 19.0)
    other = GradeResult("bob", "01_ml_process", error="invalid JSON")
    for result, digest in [(first, "d1"), (other, ""), (second, "d2")]:
        append_entry(tmp_path, JournalEntry(result, digest, seconds=1.5))
    with open(tmp_path / "grading_journal.jsonl", "a", encoding="utf-8") as stream:
        stream.write('{"student_id": "carol", "assignment_id"')  # the run was killed mid-line
    entries = latest_entries(tmp_path)
    assert set(entries) == {("alice", "02_terminology"), ("bob", "01_ml_process")}
    assert entries[("alice", "02_terminology")] == JournalEntry(second, "d2", 1.5)
    assert [r.student_id for r in latest_results(tmp_path)] == ["bob", "alice"]  # by assignment, then student
    assert latest_results(tmp_path / "nowhere") == []


def test_progress_line_names_the_submission_with_elapsed_time_and_eta(capsys, monkeypatch):
    clock = iter([100.0, 110.0, 110.0, 130.0, 130.0])
    monkeypatch.setattr("autograder.progress.time.monotonic", lambda: next(clock))
    progress = Progress(4)
    progress.advance("02_terminology", "alice", "✅ 19/19")
    progress.advance("02_terminology", "bob", "❌ 채점 실패")
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "[1/4 · 경과 0:10 · 남은 시간 약 0:30] 02_terminology alice ✅ 19/19",
        "[2/4 · 경과 0:30 · 남은 시간 약 0:30] 02_terminology bob ❌ 채점 실패",
    ]
    assert format_seconds(3725) == "1:02:05"


def test_on_a_terminal_the_progress_is_a_bar_with_the_submission_elapsed_time_and_eta():
    import io

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    progress = Progress(3, stream=screen)
    progress.advance("03_data_prep", "minji", "✅ 19/19")
    progress.close()
    text = screen.getvalue()
    assert "03_data_prep minji ✅ 19/19" in text and "1/3" in text
    assert "경과 00:00" in text and "남은 시간" in text  # tqdm's elapsed time and ETA


def test_no_progress_output_when_disabled(capsys):
    progress = Progress(2, enabled=False)
    progress.advance("03_data_prep", "minji", "✅")
    assert capsys.readouterr().err == ""
