"""The first cell of every released notebook: installs the helper library when missing.

nbgrader's ``IncludeHeaderFooter`` prepends the header notebook written here, so a notebook
uploaded alone to Colab or Kaggle sets itself up. Only the ``course`` package and its light
dependencies are installed; the runtime's own TensorFlow is never replaced.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

__all__ = ["BOOTSTRAP_TAG", "bootstrap_source", "write_header"]

BOOTSTRAP_TAG = "course-bootstrap"

_TEMPLATE = '''\
# ⚙️ 실습 환경 준비: 이 셀을 가장 먼저 실행하세요.
# Colab·Kaggle에 이 노트북 하나만 올렸다면 도우미 라이브러리(course)를 설치합니다.
# 이미 설치된 TensorFlow는 그대로 둡니다. 설치 후 바로 아래 셀의 setup()이 환경을 맞춥니다.
import importlib, importlib.util, subprocess, sys

COURSE_INSTALL_SOURCE = {source!r}

if importlib.util.find_spec("course") is None:
    print("📦 도우미 라이브러리를 설치합니다 (30초쯤 걸립니다) ...")
    _pip = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", COURSE_INSTALL_SOURCE],
        capture_output=True, text=True,
    )
    if _pip.returncode != 0:
        print("❌ 설치하지 못했습니다. 인터넷 연결을 확인하세요."
              " Kaggle이라면 오른쪽 Settings에서 Internet을 켠 뒤 이 셀을 다시 실행하세요.")
        print(_pip.stderr[-800:])
    else:
        importlib.invalidate_caches()
        print("✅ 설치 완료: 다음 셀로 넘어가세요.")
else:
    print("✅ 도우미 라이브러리(course)가 이미 준비되어 있습니다.")
'''


def bootstrap_source(install_source: str) -> str:
    """The Python source of the bootstrap cell for a given pip install source."""
    if not isinstance(install_source, str) or not install_source.strip():
        raise ValueError(
            "install_source must be a non-empty pip requirement, e.g. "
            "'git+https://github.com/ORG/REPO.git' (COURSE_INSTALL_SOURCE)."
        )
    return _TEMPLATE.format(source=install_source.strip())


def write_header(path: Path, install_source: str) -> Path:
    """Write the one-cell header notebook that nbgrader prepends; return its path."""
    cell = nbformat.v4.new_code_cell(bootstrap_source(install_source), id="course-bootstrap")
    cell.metadata["tags"] = [BOOTSTRAP_TAG]
    notebook = nbformat.v4.new_notebook(cells=[cell])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    return path
