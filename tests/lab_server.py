"""Start the student's JupyterLab the way `python -m autograder lab --serve` does, on 127.0.0.1."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from autograder.lab import lab_command, lab_environment


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url: str, timeout: float = 10) -> tuple[int, str]:
    """(status, body) of a GET; an HTTP error gives its status and an empty body."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


@contextlib.contextmanager
def running_lab(folder: Path, token: str, *, start_timeout: float = 90):
    """Yield the base URL of JupyterLab serving ``folder`` (its student config already written).

    The server's log goes to ``folder/server.log``; a server that exits or does not answer in
    time fails with the log's tail.
    """
    folder = Path(folder)
    port = free_port()
    command = lab_command(allow_root=True) + [
        "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
    ]
    log_path = folder / "server.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(command, cwd=folder, env=lab_environment(folder), stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + start_timeout
            while True:
                if server.poll() is not None:
                    raise RuntimeError(f"JupyterLab exited: {log_path.read_text()[-2000:]}")
                with contextlib.suppress(OSError):
                    if http_get(f"{base}/api/status?token={token}")[0] == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not answer within {start_timeout:.0f} s: {log_path.read_text()[-2000:]}")
                time.sleep(0.5)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
