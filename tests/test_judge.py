"""The judge on its own: sessions it refuses, a learner's side that disappears, repeated sessions."""

from __future__ import annotations

import socket
import threading

from autograder.judge import Judge
from autograder.judge_client import serve_session
from autograder.wire import receive_message, send_message

CHAPTER = "02_terminology"


def session(judge: Judge, kernel) -> None:
    """Run one judge session against ``kernel(connection)`` (the learner's side) in a thread."""
    judge_end, kernel_end = socket.socketpair()
    thread = threading.Thread(target=lambda: kernel(kernel_end), daemon=True)
    thread.start()
    with judge_end:
        judge.session(judge_end)
    thread.join(timeout=30)
    kernel_end.close()


def opening(exercise="q1", chapter=CHAPTER):
    return {"op": "open", "chapter": chapter, "exercise": exercise}


def answering(namespace, exercise="q1"):
    def kernel(connection):
        send_message(connection, opening(exercise))
        serve_session(connection, namespace)
    return kernel


def right_baseline(y):
    values, counts = __import__("numpy").unique(y, return_counts=True)
    return float(counts.max() / counts.sum())


def test_sessions_for_another_chapter_or_an_unknown_exercise_are_refused_once_noted():
    judge = Judge(CHAPTER)
    for bad in (opening(chapter="01_ml_process"), opening(exercise="q99"), opening(exercise="q99"), {"op": "hello"}):
        session(judge, lambda connection, bad=bad: send_message(connection, bad))
    assert judge.verdicts == {}
    assert len(judge.notes) == 3 and all("refused" in note for note in judge.notes)


def test_a_learner_side_that_disappears_mid_session_fails_the_exercise():
    judge = Judge(CHAPTER)

    def vanishes(connection):
        send_message(connection, opening())
        receive_message(connection)  # the lookup request; then the kernel dies
        connection.close()

    session(judge, vanishes)
    verdict = judge.verdict_for("q1")
    assert not verdict.passed and "연결이 끊겼습니다" in verdict.result.message


def test_every_session_of_an_exercise_must_pass():
    judge = Judge(CHAPTER)
    session(judge, answering({}))  # probing before the answer exists
    session(judge, answering({"baseline_accuracy": right_baseline}))
    verdict = judge.verdict_for("q1")
    assert [r.passed for r in verdict.results] == [False, True]
    assert not verdict.passed and "아직 정의되지 않았습니다" in verdict.result.message
    judge = Judge(CHAPTER)
    session(judge, answering({"baseline_accuracy": right_baseline}))
    assert judge.verdict_for("q1").passed
