"""The grading journal: one JSON line per finished submission, in the grading workspace.

`grade` appends a line as soon as a submission is graded (or found broken), so an interrupted
run resumes where it stopped: a submission whose files and grading inputs are unchanged since
its last line is not graded again. The newest line per (student, assignment) is that
submission's result; the instructor's report (:mod:`autograder.class_report`) reads it for the
submissions that need attention (not graded, tampering noted, manual grading pending).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["JOURNAL_FILE", "GradeResult", "JournalEntry", "append_entry", "latest_entries", "latest_results"]

JOURNAL_FILE = "grading_journal.jsonl"


@dataclass(frozen=True)
class GradeResult:
    student_id: str
    assignment_id: str
    score: float | None = None
    max_score: float | None = None
    error: str | None = None
    notes: tuple[str, ...] = ()
    pending: int = 0  # cells that wait for manual grading (their points are not in ``score`` yet)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class JournalEntry:
    result: GradeResult
    digest: str  # what was graded and with what (see grade._digest); "" when unknown
    seconds: float = 0.0


def _path(workspace: Path) -> Path:
    return Path(workspace) / JOURNAL_FILE


def append_entry(workspace: Path, entry: JournalEntry) -> None:
    """Append one line and flush it to disk (a run killed right after still keeps it)."""
    record = {**asdict(entry.result), "notes": list(entry.result.notes), "digest": entry.digest, "seconds": entry.seconds}
    path = _path(workspace)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as stream:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        stream.flush()
        os.fsync(stream.fileno())


def _entry(record: dict) -> JournalEntry | None:
    try:
        result = GradeResult(
            student_id=str(record["student_id"]),
            assignment_id=str(record["assignment_id"]),
            score=record.get("score"),
            max_score=record.get("max_score"),
            error=record.get("error"),
            notes=tuple(str(note) for note in record.get("notes", [])),
            pending=int(record.get("pending", 0)),
        )
        return JournalEntry(result, str(record.get("digest", "")), float(record.get("seconds", 0.0)))
    except (KeyError, TypeError, ValueError):
        return None


def latest_entries(workspace: Path) -> dict[tuple[str, str], JournalEntry]:
    """(student, assignment) → the newest entry. A line cut short by a crash is skipped."""
    path = _path(workspace)
    entries: dict[tuple[str, str], JournalEntry] = {}
    if not path.is_file():
        return entries
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        entry = _entry(record) if isinstance(record, dict) else None
        if entry is not None:
            entries[(entry.result.student_id, entry.result.assignment_id)] = entry
    return entries


def latest_results(workspace: Path) -> list[GradeResult]:
    """The newest result of every submission the journal knows, sorted by assignment and student."""
    entries = latest_entries(workspace)
    return [entries[key].result for key in sorted(entries, key=lambda k: (k[1], k[0]))]
