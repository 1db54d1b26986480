"""The first cells of a released notebook print only the course's own lines, in a real kernel.

The header cell, the parameters cell and the ``setup()`` cell run in a Jupyter kernel of this
environment (TensorFlow 2.21, whose import writes two lines straight to file descriptor 2,
which kernels forward as red stderr output). Students must see no stderr at all there.
"""

from __future__ import annotations

import os
from dataclasses import replace

import nbformat
import pytest

from autograder.notebooks import chapter_path, read_notebook
from conftest import REPO_SETTINGS

pytestmark = pytest.mark.slow

OWN_LINE_STARTS = ("✅", "⚠️", "📦")


def test_header_parameters_and_setup_cells_write_no_stderr(tmp_path):
    from nbclient import NotebookClient

    from autograder.release import release

    settings = replace(REPO_SETTINGS, release_directory=tmp_path / "release", workspace=tmp_path / "ws")
    release(settings=settings, chapters=["01_ml_process"])
    notebook = read_notebook(chapter_path(settings.release, "01_ml_process"))
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert "course-bootstrap" in code[0].metadata["tags"] and "parameters" in code[1].metadata["tags"]
    assert "setup(" in code[2].source
    # The setup cell as released, minus the chapter's exercise import (exercises are tested elsewhere).
    code[2].source = "\n".join(line for line in code[2].source.splitlines() if not line.startswith("from course.exercises"))
    # A control cell: file descriptor 2 reaches the notebook (ipykernel forwards it, but not when it
    # sees PYTEST_CURRENT_TEST, hence the kernel's environment without it); the pause lets the
    # kernel's forwarding thread deliver anything the earlier cells wrote.
    control = nbformat.v4.new_code_cell("import os, time\ntime.sleep(1.5)\nos.write(2, b'control\\n'); time.sleep(0.5)")
    notebook.cells = [*code[:3], control]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute(env=env)

    assert [o.text for o in notebook.cells[-1].outputs if o.get("name") == "stderr"] == ["control\n"]
    notebook.cells = notebook.cells[:-1]
    outputs = [o for cell in notebook.cells for o in cell.outputs]
    stderr = [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert stderr == [], stderr
    assert not [o for o in outputs if o.output_type in ("error", "execute_result", "display_data")]
    stdout = "".join(o.text for o in outputs if o.output_type == "stream" and o.name == "stdout").splitlines()
    assert stdout[0].startswith("✅ 도우미 라이브러리 course 준비 완료")
    assert stdout[-1].startswith("✅ 실습 환경 준비 완료 | 실행 위치: 로컬")
    assert all(line.startswith(OWN_LINE_STARTS) for line in stdout), stdout
