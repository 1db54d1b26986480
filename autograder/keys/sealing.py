"""``course/exercises/sealed.json``: the sealed digests of every visible example.

Generated from the keys by ``python -m autograder solutions`` (with the answer keys) and
committed; a test fails when it is stale. Students receive digests only.
"""

from __future__ import annotations

import fcntl
import json
from pathlib import Path

from autograder.keys import keys_of
from autograder.keys.engine import unstable_numbers

__all__ = ["SEALED_PATH", "build_sealed_table", "write_sealed_table"]

SEALED_PATH = Path(__file__).resolve().parents[2] / "course" / "exercises" / "sealed.json"


def build_sealed_table(chapters: list[str]) -> dict[str, list[str]]:
    """Exercise id → digests of its visible examples; raises if a value cannot be sealed stably."""
    table: dict[str, list[str]] = {}
    for chapter in chapters:
        for key in keys_of(chapter).values():
            for value in key.sealed_values():
                unstable = unstable_numbers(value, key.exercise.tolerance)
                if unstable:
                    raise ValueError(
                        f"{key.exercise.id}: expected value(s) {unstable} lie on a rounding boundary of "
                        f"tolerance {key.exercise.tolerance}; choose another example or tolerance."
                    )
            digests = key.digests()
            if digests:
                table[key.exercise.id] = digests
    return table


def render(table: dict[str, list[str]]) -> str:
    return json.dumps(dict(sorted(table.items())), indent=1, ensure_ascii=False) + "\n"


def write_sealed_table(chapters: list[str], path: Path = SEALED_PATH) -> Path:
    """Write the table for ``chapters`` (entries of other chapters are kept)."""
    path = Path(path)
    fresh = build_sealed_table(chapters)
    with open(path.with_suffix(".lock"), "w") as lock:  # several builds may run at once
        fcntl.flock(lock, fcntl.LOCK_EX)
        table = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        table = {k: v for k, v in table.items() if k.split("/")[0] not in chapters}
        table.update(fresh)
        text = render(table)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return path
