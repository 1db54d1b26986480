"""Instructor tooling over nbgrader: release, solutions, grade, export, feedback.

Each stage is a keyword-only function in its own module; ``python -m autograder`` is a thin
command line over them (see ``autograder.cli``) and ``autograder.settings`` holds every key.
"""

import os
import sys

# nbgrader runs the `alembic` executable and Jupyter finds kernels through PATH: make the
# tools installed beside this interpreter visible even when the venv is not activated.
_bin = os.path.dirname(sys.executable)
if _bin not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _bin + os.pathsep + os.environ.get("PATH", "")
