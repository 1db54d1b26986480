"""Stage `formgrader`: nbgrader's own formgrader on this course's gradebook.

formgrader reads ``nbgrader_config.py`` from the directory the server starts in, so the
server starts at the repository root; a workspace other than the default one travels in
``$AUTOGRADER_WORKSPACE``. Manual grades entered there are stored in the same gradebook
and reach the next ``export`` and ``feedback``.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

from autograder.settings import DATABASE_ENV, WORKSPACE_ENV, Settings

__all__ = ["formgrader_command", "formgrader_url", "serve_formgrader"]


def formgrader_command(settings: Settings, *, port: int, token: str) -> tuple[list[str], dict[str, str]]:
    """The Jupyter server command line and environment that serve formgrader for ``settings``."""
    argv = [
        sys.executable, "-m", "jupyter", "server", "--no-browser",
        f"--port={port}", "--port-retries=0", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={settings.root}", f"--IdentityProvider.token={token}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")
    env = dict(os.environ, **{WORKSPACE_ENV: str(settings.workspace_path)})
    if settings.database_url:
        env[DATABASE_ENV] = settings.database_url
    return argv, env


def formgrader_url(port: int, token: str) -> str:
    return f"http://127.0.0.1:{port}/formgrader?token={token}"


def serve_formgrader(*, settings: Settings, port: int = 8787, token: str | None = None) -> int:
    """Run formgrader until interrupted (Ctrl+C); returns the server's exit status."""
    if not settings.has_gradebook():
        raise FileNotFoundError(
            f"no gradebook at {settings.gradebook}: grade first (`python -m autograder grade …`), "
            "or pass the workspace you graded into with --workspace."
        )
    token = token or secrets.token_hex(16)
    argv, env = formgrader_command(settings, port=port, token=token)
    print(f"formgrader: {formgrader_url(port, token)}  (gradebook {settings.database_url or settings.gradebook}; stop with Ctrl+C)", flush=True)
    try:
        return subprocess.call(argv, cwd=settings.root, env=env)
    except KeyboardInterrupt:
        return 0
