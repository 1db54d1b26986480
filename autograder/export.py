"""Stage `export`: grades as CSV files an LMS or a spreadsheet can import."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from nbgrader.api import Gradebook
from nbgrader.plugins import CsvExportPlugin

from autograder.hints import load_hint_use
from autograder.settings import Settings

__all__ = ["HINT_SUFFIX", "PENDING_COLUMN", "export", "hint_column", "pending_manual_grading", "with_hint_columns"]

HINT_SUFFIX = "힌트"
# Assignments whose score still waits for manual grading (formgrader): the score is not final.
PENDING_COLUMN = "수동 채점 대기"


def export(*, settings: Settings, output_directory: Path | None = None) -> tuple[Path, Path]:
    """Write nbgrader's long CSV (one row per student and chapter) and a wide LMS table.

    ``grades.csv`` is nbgrader's own export; its score leaves out cells that wait for manual
    grading, so ``grades_lms.csv`` names those assignments in the ``수동 채점 대기`` column. ``grades_lms.csv`` has one row per student, a
    column per chapter followed by ``NN_slug 힌트`` (hint tiers the student viewed in that
    chapter, counted by `grade`; empty when unknown), and the total, UTF-8 with BOM so that
    Excel shows Korean names. Returns both paths.
    """
    if not settings.has_gradebook():
        raise FileNotFoundError(f"No gradebook at {settings.gradebook}: run `grade` first.")
    output_directory = Path(output_directory or settings.workspace_path / "exports")
    output_directory.mkdir(parents=True, exist_ok=True)
    long_path = output_directory / "grades.csv"
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        CsvExportPlugin(to=str(long_path)).export(gradebook)
        pending = pending_manual_grading(gradebook)
    grades = pd.read_csv(long_path, dtype={"student_id": str})
    wide = grades.pivot_table(index="student_id", columns="assignment", values="score", aggfunc="sum", fill_value=0)
    maxima = grades.groupby("assignment")["max_score"].max()
    wide["total"] = wide.sum(axis=1)
    wide.loc["(max)"] = [*maxima.reindex(wide.columns[:-1]).tolist(), maxima.sum()]
    wide = with_hint_columns(wide, load_hint_use(settings.workspace_path))
    wide[PENDING_COLUMN] = [" ".join(pending.get(student, [])) for student in wide.index]
    lms_path = output_directory / "grades_lms.csv"
    wide.reset_index().to_csv(lms_path, index=False, encoding="utf-8-sig")
    return long_path, lms_path


def pending_manual_grading(gradebook: Gradebook) -> dict[str, list[str]]:
    """Student → assignments whose score is not final yet (cells wait for manual grading)."""
    pending: dict[str, list[str]] = {}
    for assignment in gradebook.assignments:
        for submission in assignment.submissions:
            if submission.needs_manual_grade:
                pending.setdefault(submission.student_id, []).append(assignment.name)
    return pending


def hint_column(assignment_id: str) -> str:
    return f"{assignment_id} {HINT_SUFFIX}"


def with_hint_columns(wide: pd.DataFrame, hint_use: dict[str, dict[str, dict]]) -> pd.DataFrame:
    """Insert ``NN_slug 힌트`` after each chapter's score column (empty for unknown and ``(max)``)."""
    chapters = [column for column in wide.columns if column != "total"]
    for chapter in chapters:
        counts = [hint_use.get(student, {}).get(chapter, {}).get("total") for student in wide.index]
        wide[hint_column(chapter)] = pd.array(counts, dtype="Int64")
    order = [name for chapter in chapters for name in (chapter, hint_column(chapter))]
    return wide[[*order, "total"]]
