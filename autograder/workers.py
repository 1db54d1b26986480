"""Independent jobs run in this process, on local worker processes, or on a Dask cluster.

``run_jobs`` yields each job's outcome as soon as it is done, in the order they finish:

- ``workers=1`` and no scheduler: one after the other, in this process;
- ``workers=N``: N worker processes of this machine (``spawn``: a fresh interpreter each, as
  TensorFlow in the parent must not be forked). A worker that dies (killed, out of memory) loses
  no job: the jobs it had not finished run again in a new pool;
- ``scheduler="tcp://HOST:PORT"``: a Dask cluster (``dask scheduler`` / ``dask worker``). Every
  worker needs this repository (the same version) and the grading workspace at the same path,
  e.g. on a shared filesystem; the gradebook is then a PostgreSQL database (``--db``). Dask
  itself runs a job again elsewhere when its worker dies.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context

__all__ = ["Job", "JobOutcome", "run_jobs"]


@dataclass(frozen=True)
class Job:
    key: str  # unique within one run, e.g. "02_terminology/alice"
    function: Callable
    args: tuple = ()


@dataclass(frozen=True)
class JobOutcome:
    job: Job
    value: object = None
    error: str | None = None  # "TypeName: message" when the job raised or its worker was lost
    seconds: float = 0.0
    attempts: int = 1
    extra: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None


def _timed(function: Callable, *args) -> tuple[object, str | None, float]:
    """Run one job, returning (value, error, seconds): a job's exception never breaks the batch."""
    started = time.perf_counter()
    try:
        return function(*args), None, time.perf_counter() - started
    except Exception as error:  # noqa: BLE001 - reported per job
        return None, f"{type(error).__name__}: {error}", time.perf_counter() - started


def run_jobs(jobs: list[Job], *, workers: int = 1, scheduler: str | None = None, retries: int = 2) -> Iterator[JobOutcome]:
    """Run ``jobs``; yield one :class:`JobOutcome` per job as each finishes."""
    if workers < 1:
        raise ValueError("workers must be at least 1")
    if scheduler:
        yield from _on_dask(jobs, scheduler)
    elif workers == 1 or len(jobs) <= 1:
        for job in jobs:
            value, error, seconds = _timed(job.function, *job.args)
            yield JobOutcome(job, value, error, seconds)
    else:
        yield from _on_processes(jobs, workers, retries)


def _on_processes(jobs: list[Job], workers: int, retries: int) -> Iterator[JobOutcome]:
    pending, attempt = list(jobs), 0
    while pending:
        attempt += 1
        with ProcessPoolExecutor(max_workers=min(workers, len(pending)), mp_context=get_context("spawn")) as pool:
            futures = {pool.submit(_timed, job.function, *job.args): job for job in pending}
            pending = []
            waiting = set(futures)
            while waiting:
                done, waiting = wait(waiting, return_when=FIRST_COMPLETED)
                for future in done:
                    job = futures[future]
                    try:
                        value, error, seconds = future.result()
                    except BrokenProcessPool:
                        if attempt <= retries:
                            pending.append(job)  # its worker died: run it again in a new pool
                            continue
                        value, error, seconds = None, "a grading worker died (killed or out of memory) three times", 0.0
                    yield JobOutcome(job, value, error, seconds, attempts=attempt)


def _on_dask(jobs: list[Job], scheduler: str) -> Iterator[JobOutcome]:
    try:
        from distributed import Client, as_completed
    except ImportError as error:  # pragma: no cover - dask is in the dev extra
        raise RuntimeError("--scheduler needs Dask: pip install 'distributed'") from error
    with Client(scheduler, timeout=60) as client:
        futures = {
            client.submit(_timed, job.function, *job.args, key=f"grade-{index}-{job.key}", pure=False, retries=1): job
            for index, job in enumerate(jobs)
        }
        for future in as_completed(futures):
            job = futures[future]
            try:
                value, error, seconds = future.result()
            except Exception as error:  # noqa: BLE001 - e.g. KilledWorker after repeated worker deaths
                value, error, seconds = None, f"{type(error).__name__}: {error}", 0.0
            yield JobOutcome(job, value, error, seconds)
