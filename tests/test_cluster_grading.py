"""`grade --scheduler tcp://…`: a local Dask scheduler with two workers and a PostgreSQL gradebook,
both started here from installed packages (tests/services.py). A worker killed mid-run loses no
submission: Dask runs its job again on the other worker."""

import os
import signal
import threading
import time
from dataclasses import replace

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograder.demo import build_demo_class
from autograder.grade import grade
from autograder.notebooks import chapter_path
from services import dask_cluster, postgres_server

pytestmark = pytest.mark.slow
CHAPTER = "01_ml_process"


def kill_a_busy_worker(address, killed: list, stop: threading.Event) -> None:
    """SIGKILL the first worker seen running a grading job (as a crashed machine would)."""
    from distributed import Client

    with Client(address, timeout=60) as client:
        pids = client.run(os.getpid)  # worker address → pid
        while not stop.is_set():
            for worker, keys in client.processing().items():
                if keys and worker in pids:
                    time.sleep(2)  # well inside the job: its sandbox and kernel are running
                    os.kill(pids[worker], signal.SIGKILL)
                    killed.append(worker)
                    return
            time.sleep(0.2)


def test_grading_on_a_dask_cluster_with_postgresql_matches_sequential_and_survives_a_killed_worker(built_course, tmp_path):
    incoming = tmp_path / "class"
    known = build_demo_class(built_course, CHAPTER, incoming)
    key = nbformat.read(chapter_path(built_course.solutions, CHAPTER), as_version=4)
    for extra in ("extra_1",):
        (incoming / extra).mkdir()
        nbformat.write(key, incoming / extra / f"{CHAPTER}.ipynb")
        known[extra] = known["answer_key"]
    sequential = grade(incoming, settings=built_course.with_workspace(tmp_path / "sequential"))  # one by one, SQLite
    expected = {r.student_id: r.score for r in sequential}
    assert expected == known
    with postgres_server(tmp_path / "pg") as url, dask_cluster(2) as cluster:
        settings = replace(built_course.with_workspace(tmp_path / "ws"), database_url=url)
        killed: list = []
        stop = threading.Event()
        killer = threading.Thread(target=kill_a_busy_worker, args=(cluster.address, killed, stop), daemon=True)
        killer.start()
        try:
            results = grade(incoming, settings=settings, scheduler=cluster.address)
        finally:
            stop.set()
            killer.join(timeout=60)
        assert len(killed) == 1, "no worker was killed mid-run"
        assert sum(p.poll() is not None for p in cluster.worker_processes) == 1
        assert all(r.ok for r in results), [r.error for r in results if not r.ok]
        assert {r.student_id: r.score for r in results} == expected
        with Gradebook(url, settings.course_id) as gradebook:  # the scores live in PostgreSQL
            stored = {s.student_id: s.score for s in gradebook.find_assignment(CHAPTER).submissions}
        assert stored == expected
        assert not settings.gradebook.exists()  # no SQLite gradebook on the side
