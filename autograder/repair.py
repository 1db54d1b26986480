"""Give a submission back the nbgrader metadata it lost (Colab, another editor, copy and paste).

nbgrader finds answer and test cells by their ``metadata.nbgrader.grade_id`` only; a notebook
that lost it fails in ``OverwriteCells`` with a bare ``KeyError``. :func:`repair_notebook`
compares the submission with the chapter's release notebook and copies the release's nbgrader
metadata onto the matching cells:

1. cells that kept valid metadata stay as they are (a grade id used twice keeps its best match;
   unknown grade ids are dropped);
2. anchors: cells whose content is unchanged (markdown, locked and test cells, untouched
   stubs), aligned in order with :class:`difflib.SequenceMatcher`;
3. each release nbgrader cell still unmatched is looked for between the submission positions
   of its neighbouring anchors: the cell of the same type whose first code line (e.g.
   ``def baseline_accuracy(y):``) equals the release's, else the most similar one;
4. a cell that cannot be found is put back from the release (an answer cell as its empty stub,
   so the exercise is graded as unanswered), with a note a TA can act on.

The student's source is always kept; nbgrader itself restores locked and test cells' sources.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import nbformat

__all__ = ["Repair", "needs_repair", "repair_notebook"]

# Below this similarity a cell without a matching first line is not taken for a test or locked cell.
LOCKED_SIMILARITY = 0.6
# Below this similarity a cell without a matching first line is not taken for an answer cell,
# unless it is the only candidate left between its anchors.
ANSWER_SIMILARITY = 0.35

# Below this share of release cells found unchanged, the notebook may be another chapter's.
MIN_UNCHANGED = 0.3
# Characters of a cell compared for similarity.
SIMILARITY_CHARS = 3000

_HIDDEN_TESTS = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?^[ \t]*### END HIDDEN TESTS[^\n]*\n?", re.M | re.S)
_CELL_KEYS = ("nbgrader", "deletable", "editable")


@dataclass
class Repair:
    """The repaired notebook and what was done, in sentences for the grade report."""

    notebook: nbformat.NotebookNode
    restored: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        head = [f"metadata restored for {self.restored} cells, matched by content and position"] if self.restored else []
        return head + self.notes


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader") or {}


def _grade_id(cell) -> str | None:
    return _nbgrader(cell).get("grade_id") or None


def _text(cell) -> str:
    """Source without hidden tests and trailing blanks: what a student's copy shows."""
    source = _HIDDEN_TESTS.sub("", cell.source)
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


def _first_line(cell) -> str:
    """First non-blank code line that is not a comment (else the first non-blank line)."""
    lines = [line.strip() for line in _text(cell).splitlines() if line.strip()]
    code = [line for line in lines if not line.startswith("#")]
    return (code or lines or [""])[0]


def _similarity(a, b) -> float:
    """difflib's ratio of two cells' texts (their first characters: cells can embed whole packages)."""
    return SequenceMatcher(None, _text(a)[:SIMILARITY_CHARS], _text(b)[:SIMILARITY_CHARS], autojunk=False).ratio()


def _kind(cell) -> str:
    meta = _nbgrader(cell)
    if meta.get("solution"):
        return "answer"
    return "test" if meta.get("grade") else "locked"


def needs_repair(submission: nbformat.NotebookNode, release: nbformat.NotebookNode) -> bool:
    """True unless every release grade id appears exactly once in the submission (and no other)."""
    wanted = Counter(filter(None, map(_grade_id, release.cells)))
    found = Counter(filter(None, map(_grade_id, submission.cells)))
    return wanted != found


def _drop_metadata(cell) -> None:
    for key in _CELL_KEYS:
        cell.metadata.pop(key, None)


def _keep_valid_metadata(cells, release_cells, by_id, notes) -> dict[int, int]:
    """Pairs (release index → submission index) from metadata the submission kept."""
    holders: dict[str, list[int]] = {}
    for index, cell in enumerate(cells):
        grade_id = _grade_id(cell)
        if grade_id is None:
            continue
        if grade_id not in by_id:
            _drop_metadata(cell)
            notes.append(f"cell {index + 1} had an unknown grade id {grade_id!r}: its nbgrader metadata was removed")
            continue
        holders.setdefault(grade_id, []).append(index)
    pairs = {}
    for grade_id, indices in holders.items():
        reference = release_cells[by_id[grade_id]]
        best = max(indices, key=lambda i: (_similarity(cells[i], reference), -i))
        for index in indices:
            if index != best:
                _drop_metadata(cells[index])
        if len(indices) > 1:
            dropped = ", ".join(str(i + 1) for i in indices if i != best)
            notes.append(f"{grade_id} appeared {len(indices)} times: kept cell {best + 1}, removed the metadata of cell {dropped}")
        pairs[by_id[grade_id]] = best
    return pairs


def _anchor_key(cell, index: int, side: str):
    text = _text(cell)
    return (cell.cell_type, text) if text else ("empty", side, index)


def _monotone(pairs: dict[int, int]) -> dict[int, int]:
    """The longest subset of pairs increasing on both sides (cells moved out of order are dropped)."""
    items = sorted(pairs.items())
    best: list[list[tuple[int, int]]] = []
    for i, (r, s) in enumerate(items):
        chain = max((best[j] for j in range(i) if items[j][1] < s), key=len, default=[])
        best.append([*chain, (r, s)])
    return dict(max(best, key=len, default=[]))


def _anchors(cells, release_cells, fixed: dict[int, int]) -> dict[int, int]:
    """Unchanged cells aligned in order, plus the pairs kept from metadata."""
    left = [_anchor_key(c, i, "release") for i, c in enumerate(release_cells)]
    right = [_anchor_key(c, i, "submission") for i, c in enumerate(cells)]
    taken = set(fixed.values())
    pairs = dict(fixed)
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            r, s = block.a + offset, block.b + offset
            if r in pairs or s in taken or (_grade_id(cells[s]) and not _grade_id(release_cells[r])):
                continue
            pairs[r] = s
            taken.add(s)
    return _monotone(pairs)


def _window(pairs: dict[int, int], r: int, size: int) -> range:
    """Submission positions strictly between the anchors around release cell r."""
    low = max((s for q, s in pairs.items() if q < r), default=-1)
    high = min((s for q, s in pairs.items() if q > r), default=size)
    return range(low + 1, high)


def _find(cells, reference, window: range, taken: set[int]) -> int | None:
    """The submission cell in the window that stands for a release nbgrader cell, if any."""
    candidates = [
        s for s in window
        if s not in taken and cells[s].cell_type == reference.cell_type and not _grade_id(cells[s])
    ]
    if not candidates:
        return None
    first = _first_line(reference)
    same_first = [s for s in candidates if first and _first_line(cells[s]) == first]
    if same_first:
        return max(same_first, key=lambda s: (_similarity(cells[s], reference), -s))
    best = max(candidates, key=lambda s: (_similarity(cells[s], reference), -s))
    score = _similarity(cells[best], reference)
    if _kind(reference) == "answer":
        return best if score >= ANSWER_SIMILARITY or len(candidates) == 1 else None
    return best if score >= LOCKED_SIMILARITY else None


def _copy_metadata(cell, reference) -> None:
    for key in _CELL_KEYS:
        if key in reference.metadata:
            cell.metadata[key] = copy.deepcopy(reference.metadata[key])


def _missing_note(reference) -> str:
    grade_id, first = _grade_id(reference), _first_line(reference)
    kind = _kind(reference)
    exercise = grade_id.rsplit("_", 1)[0]
    if kind == "answer":
        return (f"answer cell for {exercise} (`{first}`) not found: the student may have deleted it; "
                "graded as unanswered (the release's empty answer cell was put back; check by hand if the answer is elsewhere)")
    return f"{kind} cell {grade_id} not found: put back from the release"


def _restored_cell(reference, with_id: bool) -> nbformat.NotebookNode:
    """A clean copy of a release cell; a fresh cell id when the notebook's format has ids."""
    cell = copy.deepcopy(reference)
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
    cell.pop("id", None)
    if with_id:
        cell["id"] = uuid.uuid4().hex[:8]
    return cell


def _insert_missing(cells, release_cells, pairs, missing, with_id: bool) -> list:
    """Put release cells that were not found back after their preceding matched cell."""
    after: dict[int, list] = {}
    for r in missing:
        low = max((s for q, s in pairs.items() if q < r), default=-1)
        after.setdefault(low, []).append(_restored_cell(release_cells[r], with_id))
    result = list(after.get(-1, []))
    for index, cell in enumerate(cells):
        result.append(cell)
        result.extend(after.get(index, []))
    return result


def repair_notebook(submission: nbformat.NotebookNode, release: nbformat.NotebookNode) -> Repair:
    """A copy of ``submission`` with the release's nbgrader metadata on the matching cells."""
    notebook = copy.deepcopy(submission)
    cells, release_cells = notebook.cells, release.cells
    by_id = {_grade_id(c): i for i, c in enumerate(release_cells) if _grade_id(c)}
    repair = Repair(notebook)
    fixed = _keep_valid_metadata(cells, release_cells, by_id, repair.notes)
    pairs = _anchors(cells, release_cells, fixed)
    anchored = set(pairs)
    taken = set(pairs.values())
    missing = []
    for r in sorted(by_id.values()):
        if r in fixed:
            continue  # the cell kept its own metadata (even if it was moved)
        if r not in pairs:
            found = _find(cells, release_cells[r], _window(pairs, r, len(cells)), taken)
            if found is None:
                missing.append(r)
                repair.notes.append(_missing_note(release_cells[r]))
                continue
            pairs[r] = found
            taken.add(found)
        if not _grade_id(cells[pairs[r]]):
            _copy_metadata(cells[pairs[r]], release_cells[r])
            repair.restored += 1
    with_id = (notebook.nbformat, notebook.nbformat_minor) >= (4, 5)
    notebook.cells = _insert_missing(cells, release_cells, pairs, missing, with_id)
    if len(anchored) < MIN_UNCHANGED * len(release_cells):
        repair.notes.append(
            f"only {len(anchored)} of the release's {len(release_cells)} cells were found unchanged: "
            "is this the right chapter's notebook? Check it by hand"
        )
    return repair
