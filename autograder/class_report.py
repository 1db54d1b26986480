"""The instructor's class report: one self-contained HTML page after grading.

``exports/class_report.html`` in the grading workspace shows, per assignment (chapter):

* a summary line: submissions graded, mean / median / highest score, and the maximum score;
* the success rate of every exercise (all its grade cells at full marks, none waiting for
  manual grading) as a table and a horizontal bar plot;
* the score distribution as a histogram;
* hint use: mean hint tiers viewed per exercise (table and bar plot) and the students who
  viewed the most hints;

and, for the whole class, one table of the submissions that need attention: rejected
(not graded, with the reason), tampering noted (with the note), and manual grading pending
(with the number of cells; graded in formgrader, ``make formgrader``).

Numbers come from the nbgrader gradebook (nbgrader's API, read only), ``hint_use.json``
(:mod:`autograder.hints`) and the grading journal (:mod:`autograder.journal`).
:func:`summarize` computes them; :func:`write_class_report` renders them. The page is in
Korean, has no JavaScript and no external resources: plots are PNGs embedded as base64, each
with an ``alt`` text that states its numbers. Everything that came from students or the
gradebook is HTML-escaped.
"""

from __future__ import annotations

import base64
import html
import io
import os
import re
import statistics
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from autograder.hints import load_hint_use
from autograder.journal import GradeResult, latest_results
from autograder.settings import Settings

__all__ = [
    "AssignmentSummary",
    "Attention",
    "ClassSummary",
    "ExerciseRate",
    "render_html",
    "summarize",
    "write_class_report",
]

REJECTED, TAMPERING, PENDING = "rejected", "tampering", "pending"
TOP_HINT_USERS = 5
_EPSILON = 1e-9


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ExerciseRate:
    """How many graded submissions solved one exercise completely."""

    exercise: str
    succeeded: int
    n: int

    @property
    def percent(self) -> float:
        return 100.0 * self.succeeded / self.n if self.n else 0.0


@dataclass(frozen=True)
class AssignmentSummary:
    name: str
    max_score: float
    scores: dict[str, float]  # student → score of each graded submission
    success: list[ExerciseRate]  # in exercise order (q1, q2, …, q10)
    hint_means: dict[str, float]  # exercise → mean hint tiers viewed, over students with a hint record
    hint_students: int  # students with a hint record for this assignment
    top_hint_users: list[tuple[str, int]]  # (student, tiers viewed in all), most first, only > 0

    @property
    def score_list(self) -> list[float]:
        return sorted(self.scores.values())


@dataclass(frozen=True)
class Attention:
    """One submission the instructor should look at."""

    kind: str  # REJECTED, TAMPERING or PENDING
    student_id: str
    assignment_id: str
    detail: str  # the reason, the note, or the number of cells waiting


@dataclass(frozen=True)
class ClassSummary:
    assignments: list[AssignmentSummary] = field(default_factory=list)
    attention: list[Attention] = field(default_factory=list)

    @property
    def graded(self) -> int:
        return sum(len(assignment.scores) for assignment in self.assignments)


def _exercise_of(grade_id: str) -> str:
    """``q3_test`` → ``q3``: the grade id without its last ``_suffix``."""
    return grade_id.rsplit("_", 1)[0] if "_" in grade_id else grade_id


def _natural_key(name: str) -> tuple:
    """Sort q2 before q10."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", name))


def _exercise_outcomes(submission) -> dict[str, bool]:
    """Exercise → whether every grade cell of it (max_score > 0) has full marks and none waits."""
    outcomes: dict[str, bool] = {}
    for notebook in submission.notebooks:
        for grade in notebook.grades:
            maximum = float(grade.max_score or 0.0)
            if maximum <= 0:
                continue
            exercise = _exercise_of(str(grade.name))
            full = not grade.needs_manual_grade and float(grade.score or 0.0) >= maximum - _EPSILON
            outcomes[exercise] = outcomes.get(exercise, True) and full
    return outcomes


def _pending_cells(submission) -> int:
    return sum(bool(grade.needs_manual_grade) for notebook in submission.notebooks for grade in notebook.grades)


def _success_rates(outcomes: list[dict[str, bool]]) -> list[ExerciseRate]:
    exercises = sorted({name for outcome in outcomes for name in outcome}, key=_natural_key)
    return [
        ExerciseRate(
            exercise,
            succeeded=sum(outcome[exercise] for outcome in outcomes if exercise in outcome),
            n=sum(exercise in outcome for outcome in outcomes),
        )
        for exercise in exercises
    ]


def _hint_numbers(
    assignment: str, exercises: list[str], hint_use: dict[str, dict[str, dict]]
) -> tuple[dict[str, float], int, list[tuple[str, int]]]:
    """Mean tiers per exercise, number of students with a record, and the top hint users."""
    records = {student: chapters[assignment] for student, chapters in hint_use.items()
               if isinstance(chapters, dict) and isinstance(chapters.get(assignment), dict)}
    if not records:
        return {}, 0, []
    names = set(exercises)
    for record in records.values():
        names.update(record.get("exercises", {}))
    means = {
        name: statistics.fmean(int(record.get("exercises", {}).get(name, 0)) for record in records.values())
        for name in sorted(names, key=_natural_key)
    }
    totals = [(student, int(record.get("total", 0))) for student, record in records.items()]
    top = sorted((item for item in totals if item[1] > 0), key=lambda item: (-item[1], item[0]))
    return means, len(records), top[:TOP_HINT_USERS]


def _attention(
    results: list[GradeResult], gradebook_pending: dict[tuple[str, str], int]
) -> list[Attention]:
    """Rejected and tampering from the journal; pending from the gradebook (formgrader updates it),
    or from the journal for submissions the gradebook does not hold."""
    rejected, tampering = [], []
    pending = dict(gradebook_pending)
    for result in results:
        key = (result.student_id, result.assignment_id)
        if result.error is not None:
            rejected.append(Attention(REJECTED, *key, result.error))
        tampering += [Attention(TAMPERING, *key, note) for note in result.notes if "tampering" in note.lower()]
        if result.pending > 0 and key not in gradebook_pending:
            pending[key] = result.pending
    waiting = [Attention(PENDING, student, assignment, str(cells))
               for (student, assignment), cells in pending.items() if cells > 0]
    order = lambda item: (item.assignment_id, item.student_id)  # noqa: E731
    return sorted(rejected, key=order) + sorted(tampering, key=order) + sorted(waiting, key=order)


def summarize(settings: Settings) -> ClassSummary:
    """The report's numbers, read from the gradebook, the hint file and the grading journal.

    A submission whose newest journal line is an error (rejected) is left out of the
    statistics even if an older grading left it in the gradebook.
    """
    if not settings.has_gradebook():
        raise FileNotFoundError(f"No gradebook at {settings.gradebook}: run `grade` first.")
    from nbgrader.api import Gradebook

    results = latest_results(settings.workspace_path)
    rejected = {(r.student_id, r.assignment_id) for r in results if r.error is not None}
    hint_use = load_hint_use(settings.workspace_path)
    assignments: list[AssignmentSummary] = []
    gradebook_pending: dict[tuple[str, str], int] = {}
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        for assignment in sorted(gradebook.assignments, key=lambda a: a.name):
            scores: dict[str, float] = {}
            outcomes: list[dict[str, bool]] = []
            for submission in assignment.submissions:
                key = (str(submission.student_id), str(assignment.name))
                gradebook_pending[key] = _pending_cells(submission)
                if key in rejected:
                    continue
                scores[key[0]] = float(submission.score or 0.0)
                outcomes.append(_exercise_outcomes(submission))
            success = _success_rates(outcomes)
            means, hint_students, top = _hint_numbers(assignment.name, [rate.exercise for rate in success], hint_use)
            assignments.append(AssignmentSummary(
                name=str(assignment.name),
                max_score=float(assignment.max_score or 0.0),
                scores=dict(sorted(scores.items())),
                success=success,
                hint_means=means,
                hint_students=hint_students,
                top_hint_users=top,
            ))
    return ClassSummary(assignments, _attention(results, gradebook_pending))


# ---------------------------------------------------------------------------
# Plots (matplotlib Figure + Agg canvas, no pyplot state)
# ---------------------------------------------------------------------------


def _use_korean_font() -> None:
    """Let matplotlib render Hangul when koreanize-matplotlib is installed."""
    try:
        import koreanize_matplotlib  # noqa: F401  (registers NanumGothic on import)
    except ImportError:
        pass


def _figure(height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.4, height), dpi=100)
    FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


def _png(figure) -> str:
    """The figure as base64 PNG; the figure is cleared afterwards."""
    buffer = io.BytesIO()
    try:
        figure.tight_layout()
        figure.canvas.print_png(buffer)
    finally:
        figure.clear()
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _fmt(value: float) -> str:
    """A number with at most two decimals and no trailing zeros (3, 2.5, 1.33)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _barh_png(labels: list[str], values: list[float], texts: list[str], *, xlabel: str, xmax: float) -> str:
    """Horizontal bars, first label on top, each bar annotated with its text; the axis ends at ``xmax``."""
    figure, axes = _figure(max(1.6, 0.45 * len(labels) + 1.0))
    positions = list(range(len(labels)))
    axes.barh(positions, values, color="#4c72b0")
    axes.set_yticks(positions, labels)
    axes.invert_yaxis()
    axes.set_xlim(0, xmax * 1.12)  # room for the texts past a full bar
    axes.set_xticks([tick for tick in axes.get_xticks() if tick <= xmax + _EPSILON])
    axes.set_xlabel(xlabel)
    for position, value, text in zip(positions, values, texts):
        axes.text(value + xmax * 0.01, position, text, va="center", fontsize=9)
    return _png(figure)


def _histogram_bins(scores: list[float], maximum: float) -> list[tuple[str, float, float, int]]:
    """(label, left edge, width, count) bins from 0 to the maximum score.

    Whole-point scores up to 10 points get one bar per point; otherwise ten equal bins.
    """
    top = max([maximum, *scores, 1.0])
    whole = all(s == int(s) for s in scores)
    if top == int(top) and top <= 10 and whole:
        return [(f"{k}점", k - 0.5, 1.0, sum(s == k for s in scores)) for k in range(int(top) + 1)]
    width = top / 10
    bins = []
    for index in range(10):
        low, high = index * width, (index + 1) * width
        count = sum(low <= s < high or (index == 9 and s >= high) for s in scores)
        bins.append((f"{_fmt(low)}–{_fmt(high)}점", low, width, count))
    return bins


def _histogram_png(bins: list[tuple[str, float, float, int]]) -> str:
    figure, axes = _figure(3.2)
    axes.bar([left for _, left, _, _ in bins], [n for *_, n in bins], width=[w for _, _, w, _ in bins],
             align="edge", color="#55a868", edgecolor="white")
    axes.set_xlabel("점수 (score)")
    axes.set_ylabel("학생 수 (students)")
    axes.yaxis.get_major_locator().set_params(integer=True)
    return _png(figure)


def _img(data: str, alt: str) -> str:
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

_STYLE = """
body { font-family: sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: left; }
td.num { text-align: right; }
img { max-width: 100%; display: block; margin: 0.5rem 0; }
section { border-top: 2px solid #ddd; margin-top: 2rem; }
.note { color: #555; }
"""

_KIND_LABEL = {
    REJECTED: "제출 거부 (rejected)",
    TAMPERING: "조작 의심 (tampering)",
    PENDING: "수동 채점 대기 (manual grading pending)",
}


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    """A table; ``rows`` must already be escaped."""
    head = "".join(f"<th>{header}</th>" for header in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{cell}</td>' if i in numeric else f"<td>{cell}</td>"
                         for i, cell in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _summary_line(summary: AssignmentSummary) -> str:
    scores = summary.score_list
    if not scores:
        return "<p>아직 채점된 제출물이 없습니다.</p>"
    return (
        f"<p>채점된 제출물 {len(scores)}개 · 평균 {_fmt(statistics.fmean(scores))}점 · "
        f"중앙값 (median) {_fmt(statistics.median(scores))}점 · 최고 {_fmt(max(scores))}점 · "
        f"만점 {_fmt(summary.max_score)}점</p>"
    )


def _success_section(summary: AssignmentSummary) -> str:
    rates = summary.success
    if not rates:
        return "<h3>문제별 성공률 (success rate)</h3><p>채점된 문제가 없습니다.</p>"
    rows = [[_e(r.exercise), f"{r.percent:.1f}%", f"{r.succeeded} / {r.n}"] for r in rates]
    alt = f"{summary.name} 문제별 성공률 막대그래프: " + ", ".join(
        f"{r.exercise} {r.percent:.1f}% ({r.n}명 중 {r.succeeded}명)" for r in rates)
    plot = _barh_png([r.exercise for r in rates], [r.percent for r in rates], [f"{r.percent:.1f}%" for r in rates],
                     xlabel="성공률 (%)", xmax=100.0)
    return (
        "<h3>문제별 성공률 (success rate)</h3>"
        '<p class="note">모든 채점 셀이 만점이고 수동 채점을 기다리는 셀이 없을 때 성공으로 셉니다.</p>'
        + _table(["문제 (exercise)", "성공률", "성공 / 제출 (n)"], rows, {1, 2}) + _img(plot, alt)
    )


def _histogram_section(summary: AssignmentSummary) -> str:
    bins = _histogram_bins(summary.score_list, summary.max_score)
    alt = f"{summary.name} 점수 분포 히스토그램: " + ", ".join(
        f"{label} {n}명" for label, _, _, n in bins)
    return "<h3>점수 분포 (score distribution)</h3>" + _img(_histogram_png(bins), alt)


def _hint_section(summary: AssignmentSummary) -> str:
    title = "<h3>힌트 사용 (hint use)</h3>"
    if not summary.hint_means:
        return title + "<p>이 과제의 힌트 사용 기록이 없습니다.</p>"
    means = summary.hint_means
    rows = [[_e(name), _fmt(mean)] for name, mean in means.items()]
    alt = f"{summary.name} 문제별 평균 힌트 단계 막대그래프: " + ", ".join(
        f"{name} 평균 {mean:.2f}단계" for name, mean in means.items())
    plot = _barh_png(list(means), list(means.values()), [_fmt(mean) for mean in means.values()],
                     xlabel="평균 힌트 단계 (tiers viewed)", xmax=max(1.0, max(means.values())))
    text = (f'<p class="note">힌트 기록이 있는 학생 {summary.hint_students}명 기준, 문제마다 본 가장 높은 '
            "힌트 단계의 평균입니다.</p>")
    top = summary.top_hint_users
    users = (
        "<h4>힌트를 가장 많이 본 학생</h4>"
        + _table(["학생 (student)", "본 힌트 단계 합계"], [[_e(s), str(n)] for s, n in top], {1})
        if top else "<p>힌트를 본 학생이 없습니다.</p>"
    )
    return title + text + _table(["문제 (exercise)", "평균 힌트 단계"], rows, {1}) + _img(plot, alt) + users


def _assignment_section(summary: AssignmentSummary) -> str:
    parts = [f"<section><h2>{_e(summary.name)}</h2>", _summary_line(summary)]
    if summary.scores:
        parts += [_success_section(summary), _histogram_section(summary)]
    parts += [_hint_section(summary), "</section>"]
    return "".join(parts)


def _attention_section(attention: list[Attention]) -> str:
    title = "<section><h2>확인이 필요한 제출물 (submissions that need attention)</h2>"
    if not attention:
        return title + "<p>확인이 필요한 제출물이 없습니다.</p></section>"
    rows = []
    for item in attention:
        detail = (f"{_e(item.detail)}개 셀이 수동 채점을 기다립니다" if item.kind == PENDING else _e(item.detail))
        rows.append([_KIND_LABEL[item.kind], _e(item.assignment_id), _e(item.student_id), detail])
    advice = ""
    if any(item.kind == PENDING for item in attention):
        advice = ("<p>수동 채점 대기 중인 제출물은 formgrader에서 채점하세요: <code>make formgrader</code>. "
                  "채점을 마치기 전의 점수는 최종 점수가 아닙니다.</p>")
    table = _table(["구분", "과제 (assignment)", "학생 (student)", "내용"], rows)
    return title + table + advice + "</section>"


def render_html(summary: ClassSummary) -> str:
    """The whole page for ``summary``."""
    _use_korean_font()
    body = ["<h1>채점 결과 보고서 (class report)</h1>"]
    if summary.graded == 0:
        body.append("<p>아직 채점된 제출물이 없습니다 (no submissions yet). "
                    "<code>grade</code>로 제출물을 채점한 뒤 다시 만드세요.</p>")
    body += [_assignment_section(assignment) for assignment in summary.assignments]
    body.append(_attention_section(summary.attention))
    return (
        '<!DOCTYPE html>\n<html lang="ko">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>채점 결과 보고서</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_class_report(*, settings: Settings, output: Path | None = None) -> Path:
    """Write the class report (default ``exports/class_report.html`` in the workspace); return its path."""
    if not settings.has_gradebook():
        raise FileNotFoundError(f"No gradebook at {settings.gradebook}: run `grade` first.")
    path = Path(output) if output is not None else settings.workspace_path / "exports" / "class_report.html"
    _write_atomically(path, render_html(summarize(settings)))
    return path
