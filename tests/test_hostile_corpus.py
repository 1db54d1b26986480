"""A hostile and damaged class, graded as an instructor would: nothing it does escapes or pays.

One batch of 40+ submissions of a small plain-nbgrader assignment (see ``hostile_corpus``)
goes through `grade`, `export` and `feedback`. Asserted: no batch abort, no lost submission,
the honest score (or a clear reason) for every case, no tampering that pays, no network
connection, no file changed outside the submission's scratch, no process left behind, no
hidden test in any feedback, no live script or raw escape bytes in feedback.
"""

from __future__ import annotations

import csv
import hashlib
import os
import socket
import sqlite3
import threading
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from autograder import sandbox
from autograder.export import export
from autograder.feedback import feedback
from autograder.grade import _student_id, format_results, grade
from autograder.release import release
from autograder.settings import REPO_ROOT, Settings
from hostile_corpus import ASSIGNMENT, FULL, HIDDEN_LINES, SECRET, SLEEPER, build_class, source_notebook

pytestmark = pytest.mark.slow


class Listener:
    """A TCP server on the host's loopback that counts connections (there must be none)."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()


def tree_digest(*folders: Path) -> dict[str, str]:
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in folders for path in sorted(Path(folder).rglob("*")) if path.is_file()
    }


def leftover_processes(uids: set[int]) -> list[str]:
    """Processes of this batch's sandbox uids (other tests may be grading at the same time), or
    carrying the process-flood marker."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            uid = int((entry / "status").read_text().split("Uid:")[1].split()[0])
        except (OSError, IndexError, ValueError):
            continue
        if SLEEPER in command or uid in uids:
            found.append(f"{entry.name} uid={uid} {command[:80]}")
    return found


def outputs_text(notebook: nbformat.NotebookNode) -> str:
    return nbformat.writes(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(outputs=c.outputs) for c in notebook.cells if c.cell_type == "code"]))


class _LiveMarkup(HTMLParser):
    """Collects markup a browser would run: script bodies and on* event attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        self.found += [f"<{tag} {name}=...>" for name, _ in attrs if name.lower().startswith("on")]

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and ("alert" in data or "pwned" in data):
            self.found.append(f"<script>{data.strip()[:60]}")


def live_markup(html: str) -> list[str]:
    """Live script or event handlers in an HTML page (escaped text shown as code is not live)."""
    parser = _LiveMarkup()
    parser.feed(html)
    return parser.found


def test_hostile_class_is_graded_safely(tmp_path, capsys, monkeypatch):
    used_uids: set[int] = set()
    pick_uid = sandbox._sandbox_uid

    def recorded_uid():
        uid = pick_uid()
        if uid is not None:
            used_uids.add(uid)
        return uid

    monkeypatch.setattr(sandbox, "_sandbox_uid", recorded_uid)
    probe = tmp_path / "probe"
    (probe / "source" / ASSIGNMENT).mkdir(parents=True)
    nbformat.write(source_notebook(), probe / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    settings = replace(
        Settings(), source_directory=probe / "source", release_directory=probe / "release",
        solution_directory=probe / "solutions", workspace=probe / "workspace",
        cell_timeout=8, notebook_timeout=45, memory_limit_mb=2048, max_processes=64,
    )
    release(settings=settings)
    released = nbformat.read(probe / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    assert "add(-5, 5)" not in nbformat.writes(released)

    canary_dir = REPO_ROOT / ".course-build"
    canary_dir.mkdir(exist_ok=True)
    canary = canary_dir / f"canary-{os.getpid()}.txt"
    canary.write_text("untouched", encoding="utf-8")
    listener = Listener()
    incoming = tmp_path / "class"
    source_file = probe / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    canaries = [canary, source_file, probe / "workspace" / "gradebook.db",
                probe / "workspace" / "snapshot" / "lib" / "autograder" / "__init__.py",
                REPO_ROOT / "autograder" / "keys" / f"canary-{os.getpid()}.py"]
    cases = build_class(released, incoming, listen_port=listener.port, canaries=canaries, probe_root=probe)
    assert len(cases) >= 40
    before = tree_digest(incoming, probe / "source", canary_dir, REPO_ROOT / "autograder" / "keys", REPO_ROOT / "course")

    try:
        results = grade(incoming, settings=settings)
    finally:
        canary.unlink()
    report = format_results(results)
    capsys.readouterr()

    # 0 batch aborts, 0 lost submissions: one result per case, each a score or a reason.
    by_student = {r.student_id: r for r in results}
    assert len(results) == len(cases), report
    mismatches = []
    for case in cases:
        result = by_student[_student_id(case.name)]
        if case.score is None:
            fine = not result.ok and case.reason in result.error
        else:
            fine = result.ok and result.score == case.score and result.max_score == FULL
        if case.note:
            fine = fine and any(case.note in note for note in result.notes)
        if not fine:
            mismatches.append(f"{case.name}: expected {case.score} {case.reason!r} {case.note!r}; got {result}")
    assert mismatches == [], "\n".join(mismatches) + "\n" + report

    # 0 network connections, 0 files changed outside scratch, 0 leftover processes.
    assert listener.connections == 0
    assert tree_digest(incoming, probe / "source", REPO_ROOT / "autograder" / "keys", REPO_ROOT / "course") == {
        k: v for k, v in before.items() if not k.startswith(str(canary_dir))}
    assert not (REPO_ROOT / "autograder" / "keys" / f"canary-{os.getpid()}.py").exists()
    assert leftover_processes(used_uids) == []

    autograded = probe / "workspace" / "autograded"
    attacker = nbformat.read(autograded / "reads_others" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    assert "found []" in outputs_text(attacker) and SECRET not in outputs_text(attacker)
    writer = outputs_text(nbformat.read(autograded / "writes_everywhere" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4))
    assert "WROTE" not in writer and "DELETED" not in writer and "refused" in writer

    # The gradebook holds what grading wrote, nothing a submission wrote.
    with sqlite3.connect(probe / "workspace" / "gradebook.db") as db:
        tables = {row[0] for row in db.execute("select name from sqlite_master where type='table'")}
        students = {row[0] for row in db.execute("select id from student")}
    assert "pwned" not in tables and "fake_student" not in students
    assert students == {_student_id(case.name) for case in cases}
    long_csv, lms_csv = export(settings=settings)
    with open(long_csv, encoding="utf-8") as handle:
        exported = {row["student_id"]: float(row["score"]) for row in csv.DictReader(handle)}
    assert exported == {_student_id(c.name): (c.score or 0.0) for c in cases}

    # Feedback: one page per graded student, whatever the others did; no hidden tests, no script.
    written = feedback(settings=settings)
    graded = {r.student_id for r in results if r.ok}
    assert {path.parent.parent.name for path in written} == graded
    for path in written:
        html = path.read_text(encoding="utf-8")
        assert not any(line in html for line in HIDDEN_LINES), path
        assert live_markup(html) == [], path
        assert "\x1b" not in html and "\x00" not in html and "\x07" not in html, path
