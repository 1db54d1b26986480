"""Stage `export`: grades as CSV files an LMS or a spreadsheet can import."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from nbgrader.api import Gradebook
from nbgrader.plugins import CsvExportPlugin

from autograder.hints import load_hint_use
from autograder.settings import Settings

__all__ = ["HINT_SUFFIX", "export", "hint_column", "with_hint_columns"]

HINT_SUFFIX = "힌트"


def export(*, settings: Settings, output_directory: Path | None = None) -> tuple[Path, Path]:
    """Write nbgrader's long CSV (one row per student and chapter) and a wide LMS table.

    ``grades.csv`` is nbgrader's own export. ``grades_lms.csv`` has one row per student, a
    column per chapter followed by ``NN_slug 힌트`` (hint tiers the student viewed in that
    chapter, counted by `grade`; empty when unknown), and the total, UTF-8 with BOM so that
    Excel shows Korean names. Returns both paths.
    """
    if not settings.gradebook.exists():
        raise FileNotFoundError(f"No gradebook at {settings.gradebook}: run `grade` first.")
    output_directory = Path(output_directory or settings.workspace_path / "exports")
    output_directory.mkdir(parents=True, exist_ok=True)
    long_path = output_directory / "grades.csv"
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        CsvExportPlugin(to=str(long_path)).export(gradebook)
    grades = pd.read_csv(long_path, dtype={"student_id": str})
    wide = grades.pivot_table(index="student_id", columns="assignment", values="score", aggfunc="sum", fill_value=0)
    maxima = grades.groupby("assignment")["max_score"].max()
    wide["total"] = wide.sum(axis=1)
    wide.loc["(max)"] = [*maxima.reindex(wide.columns[:-1]).tolist(), maxima.sum()]
    wide = with_hint_columns(wide, load_hint_use(settings.workspace_path))
    lms_path = output_directory / "grades_lms.csv"
    wide.reset_index().to_csv(lms_path, index=False, encoding="utf-8-sig")
    return long_path, lms_path


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
