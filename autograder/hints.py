"""Hint use, counted from a notebook as the student saved it, and kept per student and chapter.

The exercise engine shows each hint tier as a ``display_data`` output whose metadata carries
``{"dl_course": {"kind": "hint", "exercise": "q1", "level": 2, "levels": 3}}``. For every
exercise the highest tier shown counts; a chapter's hint use is the sum over its exercises.
A ``qN.hint(...)`` call in a code cell with no hint output for ``qN`` (outputs cleared) counts
as tier 1, or as the tier written in the call (``q1.hint(3)``).

``hint_use.json`` in the grading workspace maps student → chapter → counts; `grade` replaces a
student's entry for a chapter each time it grades that chapter, and `export` reads it.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
import tokenize
from pathlib import Path

import nbformat

__all__ = ["HINT_FILE", "chapter_hint_use", "count_hints", "load_hint_use", "record_hint_use"]

HINT_FILE = "hint_use.json"

_HINT_CALL = re.compile(r"\b(q\d+)\s*\.\s*hint\s*\(\s*(\d*)")


def _hint_outputs(cell: nbformat.NotebookNode) -> dict[str, int]:
    """Exercise → highest tier among a code cell's hint outputs."""
    levels: dict[str, int] = {}
    for output in cell.get("outputs", []):
        usage = (output.get("metadata") or {}).get("dl_course")
        if not isinstance(usage, dict) or usage.get("kind") != "hint":
            continue
        exercise, level = usage.get("exercise"), usage.get("level")
        if isinstance(exercise, str) and isinstance(level, int) and not isinstance(level, bool) and level > 0:
            levels[exercise] = max(levels.get(exercise, 0), level)
    return levels


def _code_without_comments_and_strings(source: str) -> str:
    """Source with comments and string literals blanked (a hint named in a comment is no call)."""
    kept = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type not in (tokenize.COMMENT, tokenize.STRING):
                kept.append(token.string)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return "\n".join(line.split("#", 1)[0] for line in source.splitlines())
    return " ".join(kept)


def _hint_calls(source: str) -> dict[str, int]:
    """Exercise → tier of ``qN.hint()`` calls in code (1, or the literal tier passed)."""
    levels: dict[str, int] = {}
    for exercise, level in _HINT_CALL.findall(_code_without_comments_and_strings(source)):
        levels[exercise] = max(levels.get(exercise, 0), int(level) if level else 1)
    return levels


def count_hints(notebook: nbformat.NotebookNode) -> dict[str, int]:
    """Exercise → highest hint tier the student saw, read from outputs and hint calls."""
    seen: dict[str, int] = {}
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        shown = _hint_outputs(cell)
        calls = {name: level for name, level in _hint_calls(cell.source).items() if name not in shown}
        for exercise, level in {**calls, **shown}.items():
            seen[exercise] = max(seen.get(exercise, 0), level)
    return dict(sorted(seen.items(), key=lambda item: (len(item[0]), item[0])))


def chapter_hint_use(notebook: nbformat.NotebookNode) -> int:
    """A chapter's hint use: the sum over its exercises of the highest tier seen."""
    return sum(count_hints(notebook).values())


def load_hint_use(workspace: Path) -> dict[str, dict[str, dict]]:
    """student → chapter → ``{"total": n, "exercises": {...}}``; empty when nothing was graded."""
    path = Path(workspace) / HINT_FILE
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def record_hint_use(workspace: Path, student_id: str, assignment_id: str, exercises: dict[str, int]) -> None:
    """Replace one (student, chapter) entry; the file is rewritten atomically."""
    workspace = Path(workspace)
    workspace.mkdir(parents=True, exist_ok=True)
    data = load_hint_use(workspace)
    data.setdefault(student_id, {})[assignment_id] = {"total": sum(exercises.values()), "exercises": exercises}
    handle, temporary = tempfile.mkstemp(dir=workspace, prefix=".hint_use.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, indent=1, sort_keys=True)
        os.replace(temporary, workspace / HINT_FILE)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
