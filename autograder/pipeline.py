"""The main job: release, answer keys, execute every chapter, grade the demo class, report."""

from __future__ import annotations

import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from autograder.demo import DEMO_STUDENTS, build_demo_class
from autograder.grade import GradeResult, grade
from autograder.journal import latest_entries
from autograder.notebooks import execute_notebook, find_chapters, grade_cells, read_notebook
from autograder.progress import format_seconds
from autograder.release import release
from autograder.settings import Settings
from autograder.solutions import solutions
from autograder.workers import Job, run_jobs

__all__ = ["ChapterReport", "CourseRun", "execute_chapter", "format_table", "run_course"]


@dataclass
class ChapterReport:
    assignment_id: str
    exercises: int
    points: float
    seconds: float  # the chapter's own papermill run
    expected: dict[str, float] = field(default_factory=dict)
    graded: dict[str, GradeResult] = field(default_factory=dict)
    error: str | None = None  # the papermill run failed: why
    grading_seconds: float = 0.0  # its demo class, summed over submissions

    def demo_ok(self) -> bool:
        return self.error is None and all(
            student in self.graded and self.graded[student].ok and self.graded[student].score == score
            for student, score in self.expected.items()
        )


@dataclass
class CourseRun:
    reports: list[ChapterReport]
    wall_seconds: float
    workers: int


def run_course(
    *, settings: Settings, chapters: list[str] | None = None, workers: int | None = None, log=print
) -> CourseRun:
    """Run the whole pipeline for the chosen chapters: answer keys and release first, then every
    chapter's papermill run and its demo class's grading, all on ``workers`` processes
    (default: one per core) through the same machinery as `grade --workers`."""
    started = time.perf_counter()
    workers = workers or os.cpu_count() or 1
    selected = find_chapters(settings.source, chapters)
    ids = [c.assignment_id for c in selected]
    # Answer keys first: they also write the sealed digests that the release embeds.
    log(f"▶ solutions → {settings.solutions}")
    solutions(settings=settings, chapters=ids)
    log(f"▶ release → {settings.release}")
    release(settings=settings, chapters=ids)
    demo_settings = settings.with_workspace(settings.workspace_path / "demo")
    shutil.rmtree(demo_settings.workspace_path, ignore_errors=True)
    incoming = demo_settings.workspace_path / "incoming"
    expected = {chapter: build_demo_class(settings, chapter, incoming) for chapter in ids}
    log(f"▶ papermill ({len(ids)} chapters) and the demo class ({len(ids) * len(DEMO_STUDENTS)} submissions) "
        f"on {workers} worker(s)")
    executions: dict[str, tuple[float, str | None]] = {}
    runner = threading.Thread(target=_execute_chapters, args=(settings, selected, workers, executions, log))
    runner.start()
    try:
        results = grade(incoming, settings=demo_settings, workers=workers, progress=True)
    finally:
        runner.join()
    seconds = {(e.result.assignment_id, e.result.student_id): e.seconds
               for e in latest_entries(demo_settings.workspace_path).values()}
    reports = []
    for chapter in selected:
        source = read_notebook(chapter.source)
        cells = grade_cells(source)
        run_seconds, error = executions.get(chapter.assignment_id, (0.0, "not executed"))
        graded = {r.student_id: r for r in results if r.assignment_id == chapter.assignment_id}
        reports.append(ChapterReport(
            assignment_id=chapter.assignment_id,
            exercises=len(cells),
            points=sum(float(c.metadata.nbgrader.points) for c in cells),
            seconds=run_seconds,
            expected=expected[chapter.assignment_id],
            graded=graded,
            error=error,
            grading_seconds=sum(seconds.get((chapter.assignment_id, student), 0.0) for student in graded),
        ))
    return CourseRun(reports, time.perf_counter() - started, workers)


def execute_chapter(source: Path, output: Path, kernel_name: str) -> float:
    """One job: a chapter's papermill run at its own parameters; seconds."""
    return execute_notebook(source, output, kernel_name=kernel_name)


def _execute_chapters(settings: Settings, selected, workers: int, executions: dict, log) -> None:
    """Every chapter's papermill run (longest first), each outcome stored in ``executions``."""
    jobs = [
        Job(chapter.assignment_id, execute_chapter,
            (chapter.source, settings.workspace_path / "executed" / chapter.notebook_name, settings.kernel_name))
        for chapter in sorted(selected, key=lambda c: _LONGEST_FIRST.get(c.assignment_id, 0), reverse=True)
    ]
    for outcome in run_jobs(jobs, workers=workers):
        executions[outcome.job.key] = (outcome.value if outcome.ok else outcome.seconds, outcome.error)
        log(f"  papermill {outcome.job.key}: " + (f"{outcome.value:.1f} s" if outcome.ok else f"FAILED: {outcome.error}"))


# Chapters whose papermill run takes longest start first (2-core seconds, README table).
_LONGEST_FIRST = {"02_terminology": 47, "08_xai": 46, "04_keras_modeling": 44, "06_cnn": 43, "05_evaluation": 36,
                  "07_rnn": 26, "01_ml_process": 22, "03_data_prep": 21}


def _demo_cell(report: ChapterReport, student: str) -> str:
    result = report.graded.get(student)
    if result is None or not result.ok:
        return "오류"
    mark = "" if result.score == report.expected[student] else f" (기대 {report.expected[student]:g})"
    return f"{result.score:g}{mark}"


def format_table(run: CourseRun) -> str:
    """The per-chapter table printed by the main job, and the run's wall time."""
    reports = run.reports
    header = ("장(chapter)", "문제", "배점", "실행(초)", "채점(초)", "정답지", "빈 노트북", "일부 오답", "다른 풀이", "확인")
    rows = [
        (
            r.assignment_id,
            str(r.exercises),
            f"{r.points:g}",
            "실패" if r.error else f"{r.seconds:.1f}",
            f"{r.grading_seconds:.1f}",
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
    lines.append("")
    lines.append(f"전체 걸린 시간(wall time): {format_seconds(run.wall_seconds)} ({run.wall_seconds:.0f}초, 작업자 {run.workers}개)"
                 " · 실행·채점(초)은 작업마다 걸린 시간으로, 작업자들이 동시에 돌린 것을 합친 값입니다.")
    for report in reports:
        if report.error:
            lines.append(f"{report.assignment_id}: papermill 실행 실패: {report.error}")
    return "\n".join(lines)


def _width(text: str) -> int:
    """Display width: Hangul and other wide characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
