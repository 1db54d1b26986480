"""Run one submission's notebook where its code can reach nothing else (bubblewrap, no Docker).

The sandbox (``bwrap`` from Debian's ``bubblewrap`` package) gives each submission:

- new mount, PID, network, IPC and UTS namespaces: no network (its own loopback only), no
  view of other processes, and every process it started dies with it;
- a read-only view of the system, the Python installation and a *library snapshot* (the
  ``course`` package and the kernel's side of the judge, copied when the batch started);
  nothing else of the machine: no repository, no other submission, no source notebook, no
  answer key, no gradebook;
- the judge's socket (:mod:`autograder.judge`): the hidden tests hand their exercises to the
  judge outside, which decides pass or fail;
- one writable folder, a scratch copy of the submission's own files, thrown away afterwards;
- when grading runs as root, an unprivileged user id of its own (so the process cap holds);
- limits: seconds per cell (nbclient), seconds per notebook, address space, processes,
  file size.

Inside, :mod:`autograder.sandbox_runner` executes the notebook with nbgrader's own Execute
preprocessor. Only the cell *outputs* come back; the notebook structure (sources, metadata,
hidden tests) is always the trusted one nbgrader prepared outside.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder.judge_client import JUDGE_ENV

__all__ = [
    "INSTALL_HINT",
    "Limits",
    "Outcome",
    "SandboxUnavailable",
    "build_library",
    "run_notebook",
    "unavailable_reason",
]

INSTALL_HINT = (
    "Install bubblewrap (`sudo apt-get install bubblewrap`), or pass --unsafe-no-sandbox to run "
    "student code unconfined (only for notebooks you trust). / 채점 격리 환경(bubblewrap)이 필요합니다."
)
WORKDIR = "/grading/work"
LIBRARY = "/grading/lib"
JUDGE_DIR = "/grading/judge"  # the judge's socket (read-only bind; connecting needs no write access)
_SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib64", "/etc")


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot be set up on this machine; the message says why and what to do."""


@dataclass(frozen=True)
class Limits:
    cell_timeout: int = 180
    notebook_timeout: int = 1200
    memory_mb: int = 6144
    max_processes: int = 256
    max_file_mb: int = 256


@dataclass
class Outcome:
    """What came back from one sandboxed run."""

    notebook: nbformat.NotebookNode
    executed_cells: int
    timed_out: bool = False
    returncode: int | None = None
    notes: list[str] = field(default_factory=list)


def _base_command(uid: int | None) -> list[str]:
    command = ["bwrap", "--die-with-parent", "--new-session", "--clearenv"]
    # As root no user namespace: the sandbox then drops to its own uid with setpriv.
    command += ["--unshare-user"] if uid is None else []
    command += ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
    for directory in _SYSTEM_DIRS:
        command += ["--ro-bind-try", directory, directory]
    # /tmp first: a tmpfs mounted after the binds would hide a Python that lives under /tmp.
    command += ["--dev", "/dev", "--proc", "/proc", "--perms", "1777", "--tmpfs", "/tmp"]
    python_dirs = sorted({sys.base_prefix, sys.prefix, os.path.realpath(sys.base_prefix)})
    for directory in _ancestors([*python_dirs, LIBRARY, WORKDIR, JUDGE_DIR]):
        command += ["--perms", "0755", "--dir", directory]  # bwrap would make them 0700
    for directory in python_dirs:
        command += ["--ro-bind", directory, directory]
    return command + ["--perms", "1777", "--tmpfs", "/dev/shm"]


def _ancestors(paths: list[str]) -> list[str]:
    """Every parent folder of ``paths`` (not ``/`` nor the system folders), outermost first."""
    found = {str(parent) for path in paths for parent in Path(path).parents}
    return sorted(found - {"/", *_SYSTEM_DIRS}, key=lambda p: (p.count("/"), p))


def _drop_privileges(uid: int | None) -> list[str]:
    """As root: become an unprivileged uid of the sandbox's own (RLIMIT_NPROC does not bind root)."""
    if uid is None:
        return []
    return [
        "setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
        "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs",
    ]


def _limits(limits: Limits) -> list[str]:
    megabyte = 1024 * 1024
    return [
        "prlimit",
        f"--as={limits.memory_mb * megabyte}",
        f"--nproc={limits.max_processes}",
        f"--fsize={limits.max_file_mb * megabyte}",
        "--core=0",
        "--",
    ]


def _sandbox_uid() -> int | None:
    """A fresh unprivileged uid when grading runs as root; None otherwise (a user namespace is used)."""
    return random.randrange(200_000, 260_000) if os.geteuid() == 0 else None


@functools.lru_cache(maxsize=1)
def unavailable_reason() -> str | None:
    """None when the sandbox works here; otherwise why not, in one line (checked once per process)."""
    if shutil.which("bwrap") is None:
        return "bubblewrap (`bwrap`) is not installed."
    uid = _sandbox_uid()
    for tool in ("prlimit", *(["setpriv"] if uid is not None else [])):
        if shutil.which(tool) is None:
            return f"`{tool}` (util-linux) is not installed."
    command = _base_command(uid) + _drop_privileges(uid) + [sys.executable, "-c", "pass"]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bwrap could not start ({error})."
    if run.returncode != 0:
        last = (run.stderr.strip().splitlines() or ["no message"])[-1]
        return f"bwrap cannot create a sandbox on this machine ({last}); an unprivileged container may forbid namespaces."
    return None


# What of the `autograder` package a graded kernel may import (never the keys).
KERNEL_MODULES = ("__init__.py", "sandbox_runner.py", "judge_client.py", "wire.py")


def build_library(destination: Path, *, root: Path) -> Path:
    """Copy what a graded kernel may import into ``destination``: ``course``, the kernel's side
    of the judge (:mod:`autograder.judge_client`, :mod:`autograder.wire`) and the grading
    probes. The keys stay out: the judge runs them outside the sandbox.

    The copy is made once per batch, before any student code runs, and bound read-only into
    every sandbox, so no submission can change what the next one is graded with.
    """
    destination = Path(destination)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.lock")
    shutil.copytree(root / "course", destination / "course", ignore=ignore)
    (destination / "autograder").mkdir(parents=True)
    for name in KERNEL_MODULES:
        shutil.copy2(root / "autograder" / name, destination / "autograder" / name)
    shutil.copytree(root / "autograder" / "probes", destination / "autograder" / "probes", ignore=ignore)
    _make_read_only(destination)
    return destination


def _make_read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        mode = 0o555 if path.is_dir() else 0o444
        path.chmod(mode)


def _environment(limits: Limits, *, judge: bool = False) -> list[str]:
    home = "/tmp/home"
    variables = {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "PYTHONPATH": LIBRARY,
        "PYTHONDONTWRITEBYTECODE": "1",
        "JUPYTER_RUNTIME_DIR": f"{home}/runtime",
        "IPYTHONDIR": f"{home}/ipython",
        "MPLCONFIGDIR": f"{home}/matplotlib",
        "MPLBACKEND": "Agg",
        "LANG": "C.UTF-8",
        "NBGRADER_EXECUTION": "autograde",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "OMP_NUM_THREADS": str(min(4, os.cpu_count() or 1)),
    }
    if judge:
        variables[JUDGE_ENV] = f"{JUDGE_DIR}/judge.sock"
    return [arg for name, value in variables.items() for arg in ("--setenv", name, value)]


def _copy_files(source: Path | None, scratch: Path) -> None:
    """The submission's own files (data, images; no notebooks) into the scratch folder."""
    if source is None or not Path(source).is_dir():
        return
    for path in Path(source).rglob("*"):
        if path.is_file() and not path.is_symlink() and path.suffix != ".ipynb":
            target = scratch / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def _chown_tree(folder: Path, uid: int | None) -> None:
    if uid is None:
        return
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, uid, uid, follow_symlinks=False)


def run_notebook(
    notebook: nbformat.NotebookNode,
    *,
    library: Path,
    files_from: Path | None = None,
    kernel_name: str = "python3",
    limits: Limits = Limits(),
    judge=None,
) -> Outcome:
    """Execute ``notebook`` in a fresh sandbox; return it with the outputs that came back.

    ``files_from`` is the submission's folder: its non-notebook files are copied into the
    scratch working directory. ``judge`` (an :class:`autograder.judge.Judge`) listens on a
    socket bound into the sandbox while the notebook runs. Raises :class:`SandboxUnavailable`
    when no sandbox can run.
    """
    reason = unavailable_reason()
    if reason is not None:
        raise SandboxUnavailable(f"{reason} {INSTALL_HINT}")
    uid = _sandbox_uid()
    with tempfile.TemporaryDirectory(prefix="course-sandbox-") as scratch_root:
        scratch = Path(scratch_root) / "work"
        scratch.mkdir()
        _copy_files(files_from, scratch)
        (scratch / ".grading-in.ipynb").write_text(nbformat.writes(notebook), encoding="utf-8")
        _chown_tree(scratch, uid)
        judge_dir = Path(scratch_root) / "judge"
        judge_dir.mkdir(mode=0o755)
        judge_dir.chmod(0o755)
        command = (
            _base_command(uid)
            + ["--ro-bind", str(library), LIBRARY, "--bind", str(scratch), WORKDIR, "--chdir", WORKDIR]
            + ["--ro-bind", str(judge_dir), JUDGE_DIR]
            + _environment(limits, judge=judge is not None)
            + _limits(limits)
            + _drop_privileges(uid)
            + [sys.executable, "-m", "autograder.sandbox_runner", ".grading-in.ipynb", ".grading-out.ipynb",
               "--timeout", str(limits.cell_timeout), "--kernel", kernel_name]
        )
        log = Path(scratch_root) / "stderr.txt"
        with judge.listening(judge_dir / "judge.sock") if judge is not None else contextlib.nullcontext():
            timed_out, returncode = _run(command, limits.notebook_timeout, log)
        executed, count, notes = _read_outputs(notebook, scratch / ".grading-out.ipynb", limits)
        last_line = _last_line(log)
    if timed_out:
        notes.insert(0, f"stopped after the notebook time limit ({limits.notebook_timeout} s)")
    elif count < _code_cells(notebook):
        notes.insert(0, f"execution stopped early (exit code {returncode}; {last_line})")
    return Outcome(executed, count, timed_out, returncode, notes)


def _run(command: list[str], timeout: int, log: Path) -> tuple[bool, int | None]:
    """Run the sandbox; on timeout kill it (its PID namespace, and so every process in it, dies)."""
    with open(log, "wb") as stderr:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True
        )
        try:
            return False, process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return True, None


def _last_line(log: Path) -> str:
    """The sandbox's last stderr line, printable characters only, for the instructor's report."""
    with open(log, "rb") as handle:
        handle.seek(max(0, log.stat().st_size - 2000))
        text = handle.read().decode("utf-8", "replace")
    lines = ["".join(ch for ch in line if ch.isprintable()).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    return lines[-1][:200] if lines else "no message"


def _code_cells(notebook: nbformat.NotebookNode) -> int:
    return sum(cell.cell_type == "code" for cell in notebook.cells)


def _read_outputs(
    trusted: nbformat.NotebookNode, path: Path, limits: Limits
) -> tuple[nbformat.NotebookNode, int, list[str]]:
    """Copy outputs from the sandbox's notebook onto the trusted one (cells matched by position).

    Only ``outputs`` and ``execution_count`` of code cells are taken; everything else (sources,
    metadata, hidden tests) stays as nbgrader prepared it outside the sandbox.
    """
    result = nbformat.from_dict(json.loads(json.dumps(trusted)))
    for cell in result.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    notes: list[str] = []
    try:
        if path.stat().st_size > limits.max_file_mb * 1024 * 1024:
            raise ValueError("too large")
        returned = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)  # joins split lines
        cells = returned["cells"]
        if len(cells) != len(result.cells):
            raise ValueError("cell count changed")
    except FileNotFoundError:
        return result, 0, ["no executed notebook came back from the sandbox"]
    except Exception as error:  # anything the sandbox wrote is untrusted
        return result, 0, [f"the executed notebook that came back is unusable ({error}); nothing was scored from it"]
    executed = 0
    for mine, theirs in zip(result.cells, cells):
        if mine.cell_type != "code" or not isinstance(theirs, dict):
            continue
        outputs = theirs.get("outputs")
        count = theirs.get("execution_count")
        if not isinstance(outputs, list) or not (count is None or isinstance(count, int)):
            continue
        try:
            mine.outputs = [nbformat.from_dict(output) for output in outputs if isinstance(output, dict)]
            nbformat.validate(nbformat.v4.new_notebook(cells=[mine]))
        except Exception:
            mine.outputs = [nbformat.v4.new_output("error", ename="InvalidOutput", evalue="", traceback=[
                "출력 형식이 올바르지 않아 버렸습니다 (invalid output discarded)."])]
            notes.append("a cell returned outputs that are not valid notebook outputs")
        mine.execution_count = count
        executed += count is not None
    return result, executed, notes

