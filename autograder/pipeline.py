"""The main job: release, answer keys, execute every chapter, grade the demo class, report."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field

from autograder.demo import build_demo_class
from autograder.grade import GradeResult, grade
from autograder.notebooks import execute_notebook, find_chapters, grade_cells, read_notebook
from autograder.release import release
from autograder.settings import Settings
from autograder.solutions import solutions

__all__ = ["ChapterReport", "format_table", "run_course"]


@dataclass
class ChapterReport:
    assignment_id: str
    exercises: int
    points: float
    seconds: float
    expected: dict[str, float] = field(default_factory=dict)
    graded: dict[str, GradeResult] = field(default_factory=dict)

    def demo_ok(self) -> bool:
        return all(
            student in self.graded and self.graded[student].ok and self.graded[student].score == score
            for student, score in self.expected.items()
        )


def run_course(*, settings: Settings, chapters: list[str] | None = None, log=print) -> list[ChapterReport]:
    """Run the whole pipeline for the chosen chapters and return one report per chapter."""
    selected = find_chapters(settings.source, chapters)
    ids = [c.assignment_id for c in selected]
    # Answer keys first: they also write the sealed digests that the release embeds.
    log(f"▶ solutions → {settings.solutions}")
    solutions(settings=settings, chapters=ids)
    log(f"▶ release → {settings.release}")
    release(settings=settings, chapters=ids)
    demo_settings = settings.with_workspace(settings.workspace_path / "demo")
    shutil.rmtree(demo_settings.workspace_path, ignore_errors=True)
    reports = []
    for chapter in selected:
        source = read_notebook(chapter.source)
        cells = grade_cells(source)
        log(f"▶ {chapter.assignment_id}: papermill")
        seconds = execute_notebook(
            chapter.source,
            settings.workspace_path / "executed" / chapter.notebook_name,
            kernel_name=settings.kernel_name,
        )
        log(f"▶ {chapter.assignment_id}: grading the demo class")
        incoming = demo_settings.workspace_path / "incoming" / chapter.assignment_id
        expected = build_demo_class(settings, chapter.assignment_id, incoming)
        results = grade(incoming, settings=demo_settings)
        reports.append(ChapterReport(
            assignment_id=chapter.assignment_id,
            exercises=len(cells),
            points=sum(float(c.metadata.nbgrader.points) for c in cells),
            seconds=seconds,
            expected=expected,
            graded={r.student_id: r for r in results},
        ))
    return reports


def _demo_cell(report: ChapterReport, student: str) -> str:
    result = report.graded.get(student)
    if result is None or not result.ok:
        return "오류"
    mark = "" if result.score == report.expected[student] else f" (기대 {report.expected[student]:g})"
    return f"{result.score:g}{mark}"


def format_table(reports: list[ChapterReport]) -> str:
    """The per-chapter table printed by the main job."""
    header = ("장(chapter)", "문제", "배점", "실행(초)", "정답지", "빈 노트북", "일부 오답", "다른 풀이", "확인")
    rows = [
        (
            r.assignment_id,
            str(r.exercises),
            f"{r.points:g}",
            f"{r.seconds:.1f}",
            _demo_cell(r, "answer_key"),
            _demo_cell(r, "untouched"),
            _demo_cell(r, "partly_wrong"),
            _demo_cell(r, "alternative"),
            "OK" if r.demo_ok() else "FAIL",
        )
        for r in reports
    ]
    widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [" | ".join(_pad(cell, w) for cell, w in zip(row, widths)) for row in [header, *rows]]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def _width(text: str) -> int:
    """Display width: Hangul and other wide characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
