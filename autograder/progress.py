"""Progress of a grading run: done/total, the submission just finished, elapsed time and an ETA.

On a terminal it is a tqdm bar; elsewhere (CI logs, files) one line per finished submission.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress", "format_seconds"]


def format_seconds(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class Progress:
    """Call :meth:`advance` once per finished submission; :meth:`close` at the end."""

    def __init__(self, total: int, *, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0
        self.started = time.monotonic()
        self._bar = None
        if self.enabled and getattr(self.stream, "isatty", lambda: False)():
            from tqdm import tqdm

            self._bar = tqdm(total=total, file=self.stream, unit="제출", dynamic_ncols=True,
                             bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [경과 {elapsed}, 남은 시간 {remaining}]")

    def eta(self) -> float | None:
        """Seconds left, from the mean pace so far (None before the first submission is done)."""
        if self.done == 0:
            return None
        elapsed = time.monotonic() - self.started
        return elapsed / self.done * (self.total - self.done)

    def line(self, assignment: str, student: str, outcome: str) -> str:
        elapsed = format_seconds(time.monotonic() - self.started)
        eta = self.eta()
        left = "끝" if self.done >= self.total else ("?" if eta is None else f"약 {format_seconds(eta)}")
        return f"[{self.done}/{self.total} · 경과 {elapsed} · 남은 시간 {left}] {assignment} {student} {outcome}"

    def advance(self, assignment: str, student: str, outcome: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.set_description_str(f"{assignment} {student} {outcome}"[:60])
            self._bar.update(1)
        else:
            print(self.line(assignment, student, outcome), file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
