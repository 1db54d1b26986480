"""Throwaway services for tests: a private PostgreSQL server and a local Dask cluster.

Both are started from installed packages (Debian's ``postgresql``; ``dask``/``distributed`` from
the ``dev`` extra) by the test that needs them and torn down afterwards, leaving no process behind.

    with postgres_server(tmp_path) as url:   # SQLAlchemy URL, e.g. for nbgrader's Gradebook
        ...
    with dask_cluster(2) as cluster:         # cluster.address, cluster.worker_processes
        ...
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

DEBIAN_POSTGRES = Path("/usr/lib/postgresql")  # Debian's versioned installs: <version>/bin/initdb
POSTGRES_USER = "nbgrader"  # the database superuser created by initdb (trust authentication)
_MISSING_POSTGRES = (
    "PostgreSQL is not installed (no initdb found on PATH or in /usr/lib/postgresql/*/bin): "
    "run `make services` (as root) or `sudo apt-get install postgresql`"
)
# A Unix socket path may hold at most 107 bytes; keep room for "/.s.PGSQL.65535.lock".
_MAX_SOCKET_DIR = 80


# --------------------------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------------------------


def postgres_bindir() -> Path:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``: the one on PATH, else the
    highest version under Debian's /usr/lib/postgresql/. RuntimeError when none is installed."""
    candidates = []
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    candidates.extend(sorted(DEBIAN_POSTGRES.glob("*/bin"), key=_version_key, reverse=True))
    for bindir in candidates:
        if all(os.access(bindir / tool, os.X_OK) for tool in ("initdb", "pg_ctl", "postgres")):
            return bindir
    raise RuntimeError(_MISSING_POSTGRES)


def _version_key(bindir: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", bindir.parent.name)) or (0,)


@contextlib.contextmanager
def postgres_server(folder: Path, *, database: str = "gradebook") -> Iterator[str]:
    """Run a private PostgreSQL server with one empty database; yield its SQLAlchemy URL
    ``postgresql+psycopg://nbgrader@/<database>?host=<socket dir>&port=<port>``.

    The server listens only on a Unix socket in its own folder (no TCP, so no clash with a
    system cluster on port 5432), trusts every local connection and runs without fsync. Its files
    live in a new folder inside ``folder`` (or under /tmp when running as root and the
    ``postgres`` user cannot reach ``folder``); on exit the server is stopped (``pg_ctl stop -m
    immediate``) and that folder deleted. PostgreSQL refuses to run as root, so as root the
    server runs as Debian's ``postgres`` system user (``runuser``)."""
    bindir = postgres_bindir()
    run_as = _postgres_account()
    base = _postgres_base(Path(folder), run_as)
    socket_dir = base / "run"
    data = base / "data"
    log = base / "postgresql.log"
    extra_dirs: list[Path] = []
    if len(str(socket_dir)) > _MAX_SOCKET_DIR:
        socket_dir = Path(tempfile.mkdtemp(prefix="pgs-", dir="/tmp" if os.path.isdir("/tmp") else None))
        extra_dirs.append(socket_dir)
    started = False
    try:
        socket_dir.mkdir(exist_ok=True)
        if run_as is not None:
            for path in (base, socket_dir):
                os.chown(path, run_as.pw_uid, run_as.pw_gid)
            log.touch()
            os.chown(log, run_as.pw_uid, run_as.pw_gid)
        port = _free_port()

        def run(*command: str | Path, timeout: float = 120) -> None:
            prefix = ["runuser", "-u", run_as.pw_name, "--"] if run_as is not None else []
            result = subprocess.run(
                [*prefix, *map(str, command)],
                cwd=base,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
            if result.returncode != 0:
                tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
                raise RuntimeError(
                    f"{' '.join(map(str, command))} failed ({result.returncode}):\n"
                    f"{result.stdout[-3000:]}{result.stderr[-3000:]}{tail}"
                )

        run(bindir / "initdb", "-D", data, "-A", "trust", "-U", POSTGRES_USER, "-E", "UTF8", "--no-locale",
            "--no-sync", "--no-instructions")
        settings = {
            "listen_addresses": "",
            "port": str(port),
            "unix_socket_directories": str(socket_dir),
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "100",
        }
        with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:  # appending keeps the owner
            conf.write("\n# tests/services.py: private, Unix socket only, no durability\n")
            for key, value in settings.items():
                conf.write(f"{key} = '{value.replace(chr(39), chr(39) * 2)}'\n")
        started = True
        run(bindir / "pg_ctl", "-D", data, "-l", log, "-w", "-t", "60", "start")
        _create_database(socket_dir, port, database)
        yield f"postgresql+psycopg://{POSTGRES_USER}@/{database}?host={socket_dir}&port={port}"
    finally:
        if started:
            _stop_postgres(bindir, data, run_as)
        for path in (base, *extra_dirs):
            shutil.rmtree(path, ignore_errors=True)


def _postgres_account() -> pwd.struct_passwd | None:
    """None to run the server as the current user; Debian's ``postgres`` account when root."""
    if os.geteuid() != 0:
        return None
    if shutil.which("runuser") is None:
        raise RuntimeError("running as root needs `runuser` (util-linux) to start PostgreSQL as `postgres`")
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        raise RuntimeError(
            "PostgreSQL refuses to run as root and there is no `postgres` user: " + _MISSING_POSTGRES
        ) from None


def _postgres_base(folder: Path, run_as: pwd.struct_passwd | None) -> Path:
    """A new empty folder for the cluster, inside ``folder`` if the server's account reaches it."""
    folder.mkdir(parents=True, exist_ok=True)
    if run_as is not None:
        reachable = subprocess.run(
            ["runuser", "-u", run_as.pw_name, "--", "test", "-x", str(folder)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
        ).returncode == 0
        if not reachable:  # e.g. pytest's tmp_path: /tmp/pytest-of-root is private to root
            folder = Path("/tmp") if os.path.isdir("/tmp") else Path(tempfile.gettempdir())
    return Path(tempfile.mkdtemp(prefix="postgresql-", dir=folder))


def _free_port() -> int:
    """A TCP port nobody listens on; it only names the socket file, the server opens no TCP port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _create_database(socket_dir: Path, port: int, database: str, timeout: float = 30) -> None:
    import psycopg
    from psycopg import sql

    deadline = time.monotonic() + timeout
    while True:
        try:
            with psycopg.connect(host=str(socket_dir), port=port, user=POSTGRES_USER, dbname="postgres",
                                 autocommit=True, connect_timeout=5) as connection:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _stop_postgres(bindir: Path, data: Path, run_as: pwd.struct_passwd | None) -> None:
    """``pg_ctl stop -m immediate``; the postmaster is killed if it is still there afterwards."""
    postmaster = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        postmaster = int((data / "postmaster.pid").read_text().split()[0])
    prefix = ["runuser", "-u", run_as.pw_name, "--"] if run_as is not None else []
    with contextlib.suppress(subprocess.TimeoutExpired, OSError):
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "-t", "30", "stop"],
                       cwd="/", stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
    if postmaster is not None and _alive(postmaster):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(postmaster, signal.SIGKILL)
        _wait_gone(postmaster, 10)


# --------------------------------------------------------------------------------------------
# Dask
# --------------------------------------------------------------------------------------------


@dataclass
class DaskCluster:
    address: str  # "tcp://127.0.0.1:PORT"
    scheduler_process: subprocess.Popen
    worker_processes: list[subprocess.Popen] = field(default_factory=list)
    folder: Path | None = None  # scheduler file, worker spill folders and logs

    @property
    def processes(self) -> list[subprocess.Popen]:
        return [self.scheduler_process, *self.worker_processes]


@contextlib.contextmanager
def dask_cluster(workers: int = 2, *, env: Mapping[str, str] | None = None,
                 timeout: float = 120) -> Iterator[DaskCluster]:
    """Run a Dask scheduler on 127.0.0.1 and ``workers`` workers, each its own process with one
    thread and no nanny (a killed worker stays dead), started with this interpreter, in the
    repository root and with it on PYTHONPATH (tasks import ``autograder``). ``env`` adds or
    overrides environment variables. Yields once every worker has joined the scheduler; on exit
    every process group is killed."""
    folder = Path(tempfile.mkdtemp(prefix="dask-cluster-"))
    environment = dict(os.environ)
    environment.update(env or {})
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(REPO_ROOT), *[p for p in environment.get("PYTHONPATH", "").split(os.pathsep) if p]]
    )
    environment.setdefault("PYTHONUNBUFFERED", "1")
    processes: list[subprocess.Popen] = []
    logs: list = []

    def launch(name: str, *arguments: str) -> subprocess.Popen:
        log = open(folder / f"{name}.log", "wb")
        logs.append(log)
        process = subprocess.Popen(
            [sys.executable, *arguments],
            cwd=REPO_ROOT,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: torn down with killpg
        )
        processes.append(process)
        return process

    def log_tail() -> str:
        return "".join(
            f"\n--- {path.name} ---\n{path.read_text(errors='replace')[-2000:]}" for path in sorted(folder.glob("*.log"))
        )

    try:
        scheduler_file = folder / "scheduler.json"
        scheduler = launch(
            "scheduler", "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
            "--no-dashboard", "--scheduler-file", str(scheduler_file),
        )
        deadline = time.monotonic() + timeout
        address = None
        while address is None:
            if scheduler.poll() is not None:
                raise RuntimeError(f"the Dask scheduler exited ({scheduler.returncode}){log_tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the Dask scheduler did not start within {timeout:.0f} s{log_tail()}")
            with contextlib.suppress(OSError, ValueError, KeyError):
                address = json.loads(scheduler_file.read_text())["address"]
            if address is None:
                time.sleep(0.1)
        cluster = DaskCluster(address=address, scheduler_process=scheduler, folder=folder)
        for index in range(workers):
            cluster.worker_processes.append(launch(
                f"worker-{index}", "-m", "distributed.cli.dask_worker", address, "--name", f"worker-{index}",
                "--nthreads", "1", "--no-nanny", "--no-dashboard", "--memory-limit", "0",
                "--local-directory", str(folder / f"worker-{index}"),
            ))
        _wait_for_workers(cluster, workers, deadline, log_tail)
        yield cluster
    finally:
        for process in reversed(processes):
            _kill_group(process)
        for log in logs:
            log.close()
        shutil.rmtree(folder, ignore_errors=True)


def _wait_for_workers(cluster: DaskCluster, count: int, deadline: float, log_tail) -> None:
    from distributed import Client

    remaining = max(deadline - time.monotonic(), 1)
    try:
        with Client(cluster.address, timeout=remaining, set_as_default=False) as client:
            client.wait_for_workers(count, timeout=max(deadline - time.monotonic(), 1))
    except Exception as error:
        dead = [p.args[-1] for p in cluster.processes if p.poll() is not None]
        raise RuntimeError(f"the Dask cluster did not come up ({error!r}; exited: {dead}){log_tail()}") from error


def _kill_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # its own session: pgid == pid
    with contextlib.suppress(ProcessLookupError):
        process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


# --------------------------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------------------------


def processes_mentioning(text: str) -> list[tuple[int, str]]:
    """Live processes (pid, command line) whose command line contains ``text`` (zombies have none)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        with contextlib.suppress(OSError):
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
            if text in command:
                found.append((int(entry.name), command))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _wait_gone(pid: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
