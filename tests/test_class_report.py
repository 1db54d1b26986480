"""The instructor's class report, from a gradebook built directly through nbgrader's API."""

import base64
import re

import pytest
from nbgrader.api import Gradebook

from autograder.class_report import PENDING, REJECTED, TAMPERING, summarize, write_class_report
from autograder.hints import record_hint_use
from autograder.journal import GradeResult, JournalEntry, append_entry
from autograder.settings import Settings

CHAPTER = "02_terminology"
NOTEBOOK = "02_terminology"
HOSTILE = "<script>alert(1)</script>"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# student → grade cell → auto_score (q1 has two grade cells, q2 one; q0_answer is worth 0 points)
SCORES = {
    "alice": {"q1_test": 2, "q1_hidden": 1, "q2_test": 3},
    "bob": {"q1_test": 2, "q1_hidden": 1, "q2_test": 0},
    "carol": {"q1_test": 2, "q1_hidden": 0, "q2_test": 3},  # q1 half right: no success
}
MAXIMA = {"q1_test": 2, "q1_hidden": 1, "q2_test": 3, "q0_answer": 0}


def _workspace(tmp_path) -> Settings:
    settings = Settings().with_workspace(tmp_path / "ws")
    settings.workspace_path.mkdir(parents=True)
    return settings


def _build_gradebook(settings: Settings, scores: dict, *, pending: set[tuple[str, str]] = frozenset()) -> None:
    """One chapter, one notebook; ``pending`` (student, cell) pairs still need manual grading."""
    with Gradebook(settings.db_url, settings.course_id) as gb:
        gb.add_assignment(CHAPTER)
        gb.add_notebook(NOTEBOOK, CHAPTER)
        for cell, points in MAXIMA.items():
            gb.add_grade_cell(cell, NOTEBOOK, CHAPTER, max_score=points, cell_type="code")
        for student, cells in scores.items():
            gb.add_student(student)
            gb.add_submission(CHAPTER, student)
            for cell in MAXIMA:
                grade = gb.find_grade(cell, NOTEBOOK, CHAPTER, student)
                grade.auto_score = cells.get(cell, 0)
                grade.needs_manual_grade = (student, cell) in pending
        gb.db.commit()


def _journal(settings: Settings, *results: GradeResult) -> None:
    for result in results:
        append_entry(settings.workspace_path, JournalEntry(result, digest="x"))


@pytest.fixture
def graded(tmp_path) -> Settings:
    settings = _workspace(tmp_path)
    _build_gradebook(settings, SCORES)
    record_hint_use(settings.workspace_path, "alice", CHAPTER, {"q1": 2})
    record_hint_use(settings.workspace_path, "bob", CHAPTER, {"q1": 1, "q2": 3})
    record_hint_use(settings.workspace_path, "carol", CHAPTER, {})
    return settings


def _chapter(settings: Settings):
    (summary,) = summarize(settings).assignments
    assert summary.name == CHAPTER
    return summary


def test_success_rates_are_exact_per_exercise(graded):
    rates = {rate.exercise: rate for rate in _chapter(graded).success}
    assert list(rates) == ["q1", "q2"]  # q0_answer (0 points) is no exercise
    assert (rates["q1"].succeeded, rates["q1"].n) == (2, 3)
    assert round(rates["q1"].percent, 1) == 66.7
    assert (rates["q2"].succeeded, rates["q2"].n) == (2, 3)


def test_pending_manual_grade_is_no_success_and_is_listed(tmp_path):
    settings = _workspace(tmp_path)
    _build_gradebook(settings, SCORES, pending={("alice", "q2_test")})
    rates = {rate.exercise: rate for rate in _chapter(settings).success}
    assert rates["q2"].succeeded == 1  # alice's full q2 score waits for a grader
    summary = summarize(settings)  # empty journal: pending comes from the gradebook alone
    assert [(a.kind, a.student_id, a.detail) for a in summary.attention] == [(PENDING, "alice", "1")]


def test_scores_and_maximum(graded):
    summary = _chapter(graded)
    assert summary.scores == {"alice": 6.0, "bob": 3.0, "carol": 5.0}
    assert summary.score_list == [3.0, 5.0, 6.0]
    assert summary.max_score == 6.0


def test_hint_means_and_top_users(graded):
    summary = _chapter(graded)
    assert summary.hint_students == 3
    assert summary.hint_means == pytest.approx({"q1": 1.0, "q2": 1.0})  # (2+1+0)/3, (0+3+0)/3
    assert summary.top_hint_users == [("bob", 4), ("alice", 2)]  # carol saw none


def test_attention_lists_rejected_tampering_and_pending(graded):
    _journal(
        graded,
        GradeResult("alice", CHAPTER, 6, 6),
        GradeResult("bob", CHAPTER, 3, 6, notes=("q2_test: tampering: the judge said incorrect (scored 0)",)),
        GradeResult("dave", CHAPTER, error="invalid notebook: not JSON"),
        GradeResult("erin", CHAPTER, 1, 6, pending=2),  # not in the gradebook: the journal's count
    )
    attention = [(a.kind, a.student_id, a.assignment_id, a.detail) for a in summarize(graded).attention]
    assert attention == [
        (REJECTED, "dave", CHAPTER, "invalid notebook: not JSON"),
        (TAMPERING, "bob", CHAPTER, "q2_test: tampering: the judge said incorrect (scored 0)"),
        (PENDING, "erin", CHAPTER, "2"),
    ]
    page = write_class_report(settings=graded).read_text(encoding="utf-8")
    assert "invalid notebook: not JSON" in page and "make formgrader" in page
    assert "확인이 필요한 제출물이 없습니다" not in page


def test_rejected_submission_is_left_out_of_the_statistics(graded):
    _journal(graded, GradeResult("carol", CHAPTER, error="no .ipynb files"))
    summary = _chapter(graded)
    assert summary.scores == {"alice": 6.0, "bob": 3.0}
    assert {rate.exercise: rate.n for rate in summary.success} == {"q1": 2, "q2": 2}


def test_page_has_plots_with_alt_text_and_png_data(graded):
    path = write_class_report(settings=graded)
    assert path == graded.workspace_path / "exports" / "class_report.html"
    page = path.read_text(encoding="utf-8")
    assert '<html lang="ko">' in page and 'charset="utf-8"' in page
    assert "<script" not in page and "http://" not in page and "https://" not in page
    images = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)">', page)
    assert len(images) >= 3 and len(images) == page.count("<img")
    for data, alt in images:
        assert base64.b64decode(data).startswith(PNG_SIGNATURE)
        assert alt.strip()
    alts = " ".join(alt for _, alt in images)
    assert "q1 66.7%" in alts  # the success plot states its numbers
    assert "3점 1명" in alts and "6점 1명" in alts  # so does the histogram
    assert "평균 4.67점" in page and "중앙값 (median) 5점" in page
    assert "확인이 필요한 제출물이 없습니다" in page


def test_hostile_student_id_and_note_are_escaped(tmp_path):
    settings = _workspace(tmp_path)
    _build_gradebook(settings, {HOSTILE: SCORES["alice"], "bob": SCORES["bob"]})
    record_hint_use(settings.workspace_path, HOSTILE, CHAPTER, {"q1": 3})
    _journal(settings, GradeResult("bob", CHAPTER, error='<img src=x onerror="alert(2)">'))
    page = write_class_report(settings=settings).read_text(encoding="utf-8")
    assert HOSTILE not in page and "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # top hint user
    assert "onerror=" not in page.replace("onerror=&quot;", "")
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page


def test_missing_gradebook_names_grade(tmp_path):
    settings = _workspace(tmp_path)
    with pytest.raises(FileNotFoundError, match="`grade`"):
        write_class_report(settings=settings)
    assert not (settings.workspace_path / "exports").exists()


def test_empty_gradebook_renders_a_no_submissions_page(tmp_path):
    settings = _workspace(tmp_path)
    with Gradebook(settings.db_url, settings.course_id) as gb:
        gb.add_assignment(CHAPTER)
    output = tmp_path / "elsewhere" / "report.html"
    assert write_class_report(settings=settings, output=output) == output
    page = output.read_text(encoding="utf-8")
    assert "아직 채점된 제출물이 없습니다 (no submissions yet)" in page
    assert "<img" not in page
    assert [name.name for name in output.parent.iterdir()] == ["report.html"]  # no temp file left
