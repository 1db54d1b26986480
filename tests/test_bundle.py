"""The first cell of a released notebook: course/ embedded, deterministic, student-safe, self-contained."""

from __future__ import annotations

import base64
import io
import json
import os
import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder.bundle import BOOTSTRAP_TAG, COURSE_DIR, build_bundle, bundle_files, header_cell, header_source, write_header
from course import bootstrap

ROOT = Path(__file__).resolve().parent.parent


def names(bundle: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(bundle)).namelist()


def test_bundle_is_byte_identical_when_built_twice_and_after_touching_files(tmp_path):
    first = build_bundle()
    os.utime(COURSE_DIR / "__init__.py")  # a new modification time must not change the bytes
    assert build_bundle() == first
    assert header_source("02_terminology", first) == header_source("02_terminology")


def test_bundle_holds_every_file_under_course_and_nothing_else():
    bundle = build_bundle()
    listed = names(bundle)
    expected = sorted(
        "course/" + p.relative_to(COURSE_DIR).as_posix()
        for p in COURSE_DIR.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )
    assert listed == expected
    assert "course/datasets/penguins.csv" in listed and "course/bootstrap.py" in listed
    assert all(name.startswith("course/") for name in listed)
    assert not any("__pycache__" in name or name.endswith(".pyc") for name in listed)
    # Grading material lives in autograder/ (keys, demo answers): never in what students receive.
    assert not any("autograder" in name or "keys" in Path(name).parts or Path(name).stem == "keys" for name in listed)
    archive = zipfile.ZipFile(io.BytesIO(bundle))
    inside = {archive.read(name) for name in listed}
    grading = {p for p in (ROOT / "autograder").rglob("*") if p.is_file() and p.stat().st_size > 64}
    assert not [p for p in grading if p.read_bytes() in inside], "a file of autograder/ is in the bundle"


def test_bundle_skips_caches_and_sorts_names(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.py").write_text("z = 1\n")
    (tmp_path / "a.py").write_text("a = 1\n")
    (tmp_path / "data.json").write_text("{}")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / "stray.pyc").write_bytes(b"\0")
    assert [p.name for p in bundle_files(tmp_path)] == ["a.py", "z.py", "data.json"]
    assert names(build_bundle(tmp_path)) == ["course/a.py", "course/b/z.py", "course/data.json"]


def test_header_cell_is_short_collapsed_and_tagged():
    cell = header_cell("05_evaluation")
    assert cell.metadata["jupyter"] == {"source_hidden": True}
    assert cell.metadata["cellView"] == "form" and cell.metadata["tags"] == [BOOTSTRAP_TAG]
    lines = cell.source.splitlines()
    assert lines[0].startswith("#@title ")
    long_lines = [line for line in lines if len(line) > 200]
    assert len(long_lines) == 1 and long_lines[0].startswith('_COURSE_BUNDLE = "')
    assert len(lines) <= 15, "the first cell must stay short: the logic lives in course/bootstrap.py"
    assert sum(line.startswith("#") for line in lines) <= 4
    assert lines[-1] == "from course.bootstrap import prepare; prepare('05_evaluation')"
    compile(cell.source, "header", "exec")
    payload = re.search(r'_COURSE_BUNDLE = "([A-Za-z0-9+/=]+)"', cell.source).group(1)
    assert base64.b64decode(payload) == build_bundle()


def test_write_header_is_a_valid_one_cell_notebook_and_stable(tmp_path):
    path = write_header(tmp_path / "h.ipynb", "01_ml_process")
    stamp = path.stat().st_mtime_ns
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert len(notebook.cells) == 1 and notebook.cells[0].id == "course-bootstrap"
    write_header(path, "01_ml_process")
    assert path.stat().st_mtime_ns == stamp  # unchanged content is not rewritten


def _isolated_python(code: str, cwd: Path, tmpdir: Path) -> subprocess.CompletedProcess:
    """This interpreter without site processing: its site-packages on sys.path (NumPy, TensorFlow…)
    but not the editable install of this repository, and neither the repository nor cwd."""
    purelib = sysconfig.get_paths()["purelib"]
    prelude = f"import sys; sys.path.append({purelib!r})\n"
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp"), "TMPDIR": str(tmpdir),
           "TF_CPP_MIN_LOG_LEVEL": "3"}
    # The program goes through stdin: the first cell (course/ embedded) exceeds the 128 KiB limit of one argument.
    return subprocess.run([sys.executable, "-I", "-S", "-"], input=prelude + code, capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


def test_first_cell_extracts_the_bundle_and_course_imports_without_the_repository(tmp_path):
    (tmp_path / "work").mkdir()
    (tmp_path / "tmp").mkdir()
    probe = "import importlib.util; assert importlib.util.find_spec('course') is None, 'course is importable'\n"
    code = probe + header_source("01_ml_process") + (
        "\nfrom course import setup, data, plots\n"
        "import course, json\n"
        "print(json.dumps({'file': course.__file__, 'rows': len(data.load_penguins())}))\n"
    )
    run = _isolated_python(code, tmp_path / "work", tmp_path / "tmp")
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.strip().splitlines()
    assert lines[0].startswith("✅ 도우미 라이브러리 course 준비 완료")
    found = json.loads(lines[-1])
    extracted = next((tmp_path / "tmp").glob("dl-course-ko-*"))
    assert Path(found["file"]) == extracted / "course" / "__init__.py" and found["rows"] == 344
    assert list((tmp_path / "work").iterdir()) == [], "nothing is written to the working folder"
    # A second run (same kernel or a new one) reuses the extracted folder.
    again = _isolated_python(header_source("01_ml_process"), tmp_path / "work", tmp_path / "tmp")
    assert again.returncode == 0 and len(list((tmp_path / "tmp").glob("dl-course-ko-*"))) == 1


def test_first_cell_uses_an_importable_course_and_extracts_nothing(tmp_path):
    run = subprocess.run([sys.executable, "-"], input=header_source("02_terminology"), capture_output=True, text=True,
                         cwd=tmp_path, env={**os.environ, "TMPDIR": str(tmp_path)}, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "✅ 도우미 라이브러리 course 준비 완료. 다음 셀로 넘어가세요."
    assert not list(tmp_path.glob("dl-course-ko-*"))


# --- course.bootstrap.prepare -----------------------------------------------------------


def test_installed_pins_are_plain_name_version_lines():
    pins = bootstrap.installed_pins()
    import numpy

    assert f"numpy=={numpy.__version__}" in pins
    assert all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*==\S+", pin) for pin in pins)
    assert not any("@" in pin for pin in pins)


def test_missing_runtime_package_raises_one_korean_line(monkeypatch):
    monkeypatch.setitem(bootstrap.REQUIRED_MODULES, "no_such_module_xyz", "tensorflow")
    with pytest.raises(bootstrap.CourseSetupError) as caught:
        bootstrap.prepare("01_ml_process")
    lines = caught.value._render_traceback_()
    assert len(lines) == 1 and "tensorflow" in lines[0] and "pip install tensorflow-cpu" in lines[0]


@pytest.mark.parametrize(
    "environ, expected",
    [({"KAGGLE_KERNEL_RUN_TYPE": "Interactive", "COLAB_RELEASE_TAG": "x"}, "Internet"), ({"COLAB_RELEASE_TAG": "x"}, "인터넷")],
)
def test_failed_install_shows_pips_last_lines_and_one_korean_line(monkeypatch, capsys, environ, expected):
    for name in ("KAGGLE_KERNEL_RUN_TYPE", "KAGGLE_URL_BASE", "COLAB_RELEASE_TAG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setitem(bootstrap.CHAPTER_PACKAGES, "99_test", {"no_such_module_xyz": "no-such-package-xyz"})
    failed = subprocess.CompletedProcess([], 1, stdout="", stderr="noise\nERROR: No matching distribution found\n")
    monkeypatch.setattr(bootstrap, "pip_install", lambda requirements, **kw: failed)
    with pytest.raises(bootstrap.CourseSetupError) as caught:
        bootstrap.prepare("99_test")
    (line,) = caught.value._render_traceback_()
    assert "no-such-package-xyz" in line and expected in line
    assert "No matching distribution" in capsys.readouterr().out


def test_ipython_shows_the_korean_line_instead_of_a_traceback():
    code = (
        "from IPython.testing.globalipapp import start_ipython\n"
        "ip = start_ipython()\n"
        "ip.run_cell('from course.bootstrap import CourseSetupError\\nraise CourseSetupError(\"설명 한 줄\")')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    shown = run.stdout + run.stderr
    assert "❌ 설명 한 줄" in shown and "Traceback" not in shown, shown


def test_nothing_to_install_prints_one_line(monkeypatch, capsys):
    monkeypatch.setattr(bootstrap, "pip_install", lambda *a, **k: pytest.fail("pip must not run"))
    bootstrap.prepare("01_ml_process")
    assert capsys.readouterr().out == "✅ 도우미 라이브러리 course 준비 완료. 다음 셀로 넘어가세요.\n"
