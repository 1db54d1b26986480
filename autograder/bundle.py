"""The first cell of every released notebook: the whole ``course`` package, embedded.

``build_bundle()`` zips every file under ``course/`` (``__pycache__`` and ``*.pyc`` skipped)
deterministically: sorted names, fixed timestamps and permissions, so the same tree always
gives the same bytes. ``header_source(chapter)`` wraps it, base64-encoded on one line, in a
short cell that

- uses ``course`` when it is already importable (local venv, the grading environment);
- otherwise extracts the bundle to ``<tempdir>/dl-course-ko-<sha>/`` (never the working folder:
  on Kaggle /kaggle/working is saved output) and puts that folder first on ``sys.path``;
- calls ``course.bootstrap.prepare(chapter)``, which installs only what the runtime lacks
  (the per-chapter list lives there, ``CHAPTER_PACKAGES``) and never changes what is installed.

Everything under ``course/`` is student-safe by construction: grading keys and hidden tests live
in ``autograder/``, never under ``course/``.

nbgrader's ``IncludeHeaderFooter`` prepends the one-cell notebook :func:`write_header` writes.
"""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from pathlib import Path

import nbformat

__all__ = [
    "BOOTSTRAP_TAG",
    "COURSE_DIR",
    "bundle_files",
    "build_bundle",
    "header_cell",
    "header_source",
    "write_header",
]

BOOTSTRAP_TAG = "course-bootstrap"
COURSE_DIR = Path(__file__).resolve().parent.parent / "course"
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry

_TEMPLATE = '''\
#@title ⚙️ 실습 환경 준비: 이 셀을 가장 먼저 실행하세요
# 도우미 라이브러리(course)가 아래 긴 문자열 안에 들어 있어 이 노트북 하나로 Colab·Kaggle·내 컴퓨터 어디서나 실행됩니다.
# 이미 설치된 패키지는 그대로 두고, 이 장에 필요한데 없는 것만 설치합니다. 고치지 말고 실행만 하세요.
_COURSE_BUNDLE = "{payload}"
import base64, hashlib, importlib.util, io, os, sys, tempfile, zipfile
if importlib.util.find_spec("course") is None:  # 설치된 course가 있으면 그것을 씁니다.
    _raw = base64.b64decode(_COURSE_BUNDLE)
    _home = os.path.join(tempfile.gettempdir(), "dl-course-ko-" + hashlib.sha256(_raw).hexdigest()[:16])
    if not os.path.isdir(_home):
        _tmp = tempfile.mkdtemp(prefix="dl-course-ko-"); zipfile.ZipFile(io.BytesIO(_raw)).extractall(_tmp)
        try: os.rename(_tmp, _home)
        except OSError: pass  # 다른 커널이 먼저 풀어 두었습니다.
    sys.path.insert(0, _home); importlib.invalidate_caches()
from course.bootstrap import prepare; prepare({chapter!r})
'''


def bundle_files(course_dir: Path = COURSE_DIR) -> list[Path]:
    """Every file under ``course_dir`` that goes into the bundle, sorted by its zip name."""
    course_dir = Path(course_dir)
    files = [
        path
        for path in course_dir.rglob("*")
        if path.is_file() and "__pycache__" not in path.relative_to(course_dir).parts and path.suffix != ".pyc"
    ]
    return sorted(files, key=lambda p: p.relative_to(course_dir).as_posix())


def build_bundle(course_dir: Path = COURSE_DIR) -> bytes:
    """The zip of ``course/`` (entries named ``course/...``): the same tree gives the same bytes."""
    course_dir = Path(course_dir)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in bundle_files(course_dir):
            info = zipfile.ZipInfo(f"course/{path.relative_to(course_dir).as_posix()}", date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # unix, whatever the machine that builds it
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return buffer.getvalue()


def bundle_sha(bundle: bytes) -> str:
    """The folder-name hash the cell uses: ``dl-course-ko-<this>``."""
    return hashlib.sha256(bundle).hexdigest()[:16]


def header_source(chapter: str | None, bundle: bytes | None = None) -> str:
    """The first cell's source for ``chapter`` (None: a cell that prepares for any chapter)."""
    bundle = build_bundle() if bundle is None else bundle
    payload = base64.b64encode(bundle).decode("ascii")
    return _TEMPLATE.format(payload=payload, chapter=chapter)


def header_cell(chapter: str | None, bundle: bytes | None = None) -> nbformat.NotebookNode:
    """The first cell: collapsed in Jupyter and shown as a form (title only) in Colab."""
    cell = nbformat.v4.new_code_cell(header_source(chapter, bundle), id="course-bootstrap")
    cell.metadata.update({"jupyter": {"source_hidden": True}, "cellView": "form", "tags": [BOOTSTRAP_TAG]})
    return cell


def write_header(path: Path, chapter: str | None, bundle: bytes | None = None) -> Path:
    """Write the one-cell header notebook that nbgrader prepends; return its path.

    The file is rewritten only when its content changes, so repeated runs leave it untouched.
    """
    notebook = nbformat.v4.new_notebook(cells=[header_cell(chapter, bundle)])
    text = nbformat.writes(notebook)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path
