"""The services the instructor tooling grades with: a PostgreSQL nbgrader gradebook and a Dask
cluster, both started here from installed packages (tests/services.py; `make services` installs
Debian's postgresql)."""

from __future__ import annotations

import importlib.util
import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest
import sqlalchemy

import autograder  # noqa: F401  puts the venv's bin/ on PATH: nbgrader runs the `alembic` executable
import services
from services import dask_cluster, postgres_server, processes_mentioning

COURSE = "dl-course-ko"

# nbgrader needs nothing PostgreSQL-specific besides the driver (psycopg 3, URL scheme
# postgresql+psycopg): no alembic migration is run. Gradebook() creates the tables itself and
# stamps alembic_version with `alembic heads` (the executable must be on PATH, as for SQLite).
# That first open of an empty database must not race: two processes creating the tables at once
# fail (duplicate enum type grade_cell_type), so the gradebook is created once before any
# parallel writer starts.


def test_postgresql_serves_as_the_nbgrader_gradebook(tmp_path):
    from nbgrader.api import Gradebook

    with postgres_server(tmp_path) as url:
        assert url.startswith("postgresql+psycopg://")
        with Gradebook(url, COURSE) as gradebook:
            gradebook.add_student("s1", first_name="길동", last_name="홍")
            gradebook.add_assignment("02_terminology")
        with Gradebook(url, COURSE) as gradebook:  # a second session sees what the first committed
            assert [s.id for s in gradebook.students] == ["s1"]
            assert gradebook.find_student("s1").first_name == "길동"
            assert [a.name for a in gradebook.assignments] == ["02_terminology"]
            assert gradebook.find_assignment("02_terminology").course_id == COURSE
        engine = sqlalchemy.create_engine(url)
        try:
            with engine.connect() as connection:
                assert connection.execute(sqlalchemy.text("SELECT count(*) FROM alembic_version")).scalar() == 1
        finally:
            engine.dispose()


def _add_students(url: str, prefix: str, count: int, barrier) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(url, COURSE) as gradebook:
        barrier.wait(timeout=60)  # both writers start together
        for number in range(count):
            gradebook.add_student(f"{prefix}{number:02d}")


def test_two_processes_writing_one_gradebook_lose_nothing(tmp_path):
    from nbgrader.api import Gradebook

    with postgres_server(tmp_path) as url:
        with Gradebook(url, COURSE):  # tables first (see above)
            pass
        context = multiprocessing.get_context("spawn")
        barrier = context.Barrier(2)
        writers = [
            context.Process(target=_add_students, args=(url, prefix, 20, barrier)) for prefix in ("a", "b")
        ]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(timeout=120)
        assert [writer.exitcode for writer in writers] == [0, 0]
        with Gradebook(url, COURSE) as gradebook:
            ids = sorted(student.id for student in gradebook.students)
        assert ids == [f"{prefix}{n:02d}" for prefix in "ab" for n in range(20)]


def test_postgres_server_leaves_nothing_behind(tmp_path):
    with postgres_server(tmp_path) as url:
        engine = sqlalchemy.create_engine(url)
        try:
            with engine.connect() as connection:
                data = Path(connection.execute(sqlalchemy.text("SHOW data_directory")).scalar())
                listening = connection.execute(sqlalchemy.text("SHOW listen_addresses")).scalar()
        finally:
            engine.dispose()
        postmaster = int((data / "postmaster.pid").read_text().split()[0])
        assert services._alive(postmaster) and processes_mentioning(str(data))
        assert listening == ""  # Unix socket only: never clashes with a system cluster on 5432
        if os.geteuid() == 0:
            assert data.stat().st_uid == services.pwd.getpwnam("postgres").pw_uid
    services._wait_gone(postmaster, 10)
    assert not services._alive(postmaster)
    assert processes_mentioning(str(data)) == []
    assert not data.exists() and not data.parent.exists()


def test_missing_postgresql_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(services.shutil, "which", lambda name: None)
    monkeypatch.setattr(services, "DEBIAN_POSTGRES", tmp_path / "none")
    with pytest.raises(RuntimeError, match="make services"):
        with postgres_server(tmp_path):
            pass


def test_dask_cluster_runs_on_both_workers_and_survives_a_killed_one():
    from distributed import Client

    with dask_cluster(2) as cluster:
        address = cluster.address
        assert address.startswith("tcp://127.0.0.1:")
        worker_pids = {process.pid for process in cluster.worker_processes}
        assert len(worker_pids) == 2
        with Client(address, timeout=60, set_as_default=False) as client:
            pids = client.gather([client.submit(os.getpid, pure=False) for _ in range(40)])
            assert set(pids) == worker_pids  # no nanny: the task runs in the worker process itself
            assert set(client.run(os.getcwd).values()) == {str(services.REPO_ROOT)}
            origins = client.run(lambda: importlib.util.find_spec("autograder").origin)
            assert set(origins.values()) == {str(services.REPO_ROOT / "autograder" / "__init__.py")}

            victim, survivor = cluster.worker_processes
            os.kill(victim.pid, signal.SIGKILL)
            victim.wait(timeout=10)
            assert client.submit(os.getpid, pure=False).result(timeout=60) == survivor.pid
            deadline = time.monotonic() + 30
            while len(client.scheduler_info()["workers"]) != 1 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert len(client.scheduler_info()["workers"]) == 1
            assert victim.poll() == -signal.SIGKILL  # stays dead: nothing restarts it
    assert all(process.poll() is not None for process in cluster.processes)
    assert processes_mentioning(address) == []
    assert processes_mentioning(str(cluster.folder)) == []
    assert not cluster.folder.exists()
