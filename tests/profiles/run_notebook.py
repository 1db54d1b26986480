"""Run one notebook to the end in a runtime profile's kernel, the way a student would.

    python tests/profiles/run_notebook.py PROFILE_VENV NOTEBOOK RESULT_JSON [--env NAME=VALUE ...]

Runs with the course's own venv (nbclient is there); the kernel runs in a throw-away venv
layered on the profile venv (its site-packages come first, the profile's after), so whatever
the notebook's first cell pip-installs lands in the throw-away layer and the cached profile
stays pristine for the next run. The notebook's folder is the kernel's working folder.

Writes RESULT_JSON: ``freeze_before`` / ``freeze_after`` (``pip freeze --all`` just before the
kernel starts and right after the first cell), ``pip_check`` (exit code and output after the
first cell), ``error`` (the first failing cell, or null), ``seconds``; and writes the executed
notebook next to the input as ``executed.ipynb``.

For a profile without network, wrap the whole command in a new network namespace
(``unshare -n``): the kernel then talks to this process over the namespace's own loopback.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

CELL_TIMEOUT = 600


def layered_venv(profile: Path, where: Path) -> Path:
    """A venv without pip of its own whose site-packages chain to the profile's; returns its python."""
    base_python = profile / "bin" / "python"
    subprocess.run([str(base_python), "-m", "venv", "--without-pip", str(where)], check=True)
    purelib = lambda python: subprocess.run(  # noqa: E731
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    base_site, own_site = purelib(base_python), purelib(where / "bin" / "python")
    Path(own_site, "_profile_base.pth").write_text(f"import site; site.addsitedir({base_site!r})\n", encoding="utf-8")
    return where / "bin" / "python"


def pip(python: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", *args],
                          capture_output=True, text=True, env=env)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("profile", type=Path)
    parser.add_argument("notebook", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the kernel")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="profile-run-"))
    python = layered_venv(args.profile.resolve(), scratch / "venv")
    # PYTEST_*: ipykernel stops forwarding file descriptors 1 and 2 to the notebook when it sees them.
    env = {k: v for k, v in os.environ.items()
           if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "JUPYTER_PATH"} and not k.startswith("PYTEST_")}
    env["PATH"] = f"{python.parent}{os.pathsep}{env.get('PATH', '')}"
    (scratch / "tmp").mkdir()
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # debugpy's note on the kernel's own stderr, not the notebook's
    env["TMPDIR"] = str(scratch / "tmp")  # where the first cell extracts course/: fresh every run
    env.update(item.split("=", 1) for item in args.env)

    kernels = scratch / "kernels" / "profile"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "profile", "language": "python", "env": {},
    }), encoding="utf-8")

    result = {"freeze_before": pip(python, "freeze", "--all", env=env).stdout.splitlines(), "error": None}
    notebook = nbformat.read(args.notebook, as_version=4)
    manager = KernelManager(kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels.parent)]),
                            kernel_name="profile")
    client = NotebookClient(notebook, km=manager, timeout=CELL_TIMEOUT, kernel_name="profile",
                            resources={"metadata": {"path": str(args.notebook.parent)}})
    started = time.perf_counter()
    try:
        with client.setup_kernel(env=env, cwd=str(args.notebook.parent)):
            for index, cell in enumerate(notebook.cells):
                try:
                    client.execute_cell(cell, index)
                except CellExecutionError as error:
                    result["error"] = f"cell {index}: {str(error)[-3000:]}"
                    break
                if index == 0:
                    result["freeze_after"] = pip(python, "freeze", "--all", env=env).stdout.splitlines()
                    check = pip(python, "check", env=env)
                    result["pip_check"] = [check.returncode, check.stdout + check.stderr]
    except Exception as error:  # the kernel died or never started
        result["error"] = result["error"] or f"{type(error).__name__}: {error}"
    finally:
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)
    result["seconds"] = round(time.perf_counter() - started, 1)
    nbformat.write(notebook, args.notebook.with_name("executed.ipynb"))
    args.result.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    subprocess.run(["rm", "-rf", str(scratch)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
