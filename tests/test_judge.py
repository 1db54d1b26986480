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


def test_unsandboxed_grading_still_asks_the_judge(tmp_path):
    """--unsafe-no-sandbox: the kernel is a child of the grader and reaches the judge by socket too."""
    from nbformat.v4 import new_code_cell, new_notebook

    from autograder.keys import hidden_test_source
    from autograder.preprocessors import JUDGE_RESOURCE, GuardTestOutputs, SandboxedExecute

    def test_cell(name):
        cell = new_code_cell(f"{name}.check()\n" + hidden_test_source(CHAPTER, name))
        cell.metadata.nbgrader = {"grade": True, "solution": False, "grade_id": f"{name}_test", "points": 2}
        return cell

    notebook = new_notebook(cells=[
        new_code_cell("from course.exercises.ch02 import q1, q5\nimport numpy as np"),
        new_code_cell("def baseline_accuracy(y):\n    values, counts = np.unique(y, return_counts=True)\n"
                      "    return float(counts.max() / counts.sum())"),
        test_cell("q1"),
        new_code_cell("def fold_sizes(n_samples, k):\n    return [n_samples // k] * k"),  # ignores the remainder
        test_cell("q5"),
    ])
    notebook.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    resources = {"nbgrader": {"assignment": CHAPTER, "student": "s"}, "metadata": {"path": str(tmp_path)}}
    executed, resources = SandboxedExecute(sandbox=False, timeout=120).preprocess(notebook, resources)
    assert resources[JUDGE_RESOURCE].verdict_for("q1").passed
    assert not resources[JUDGE_RESOURCE].verdict_for("q5").passed
    graded, _ = GuardTestOutputs().preprocess(executed, resources)
    assert [o.output_type for o in graded.cells[2].outputs] == ["display_data"]
    assert [o.output_type for o in graded.cells[4].outputs] == ["display_data", "error"]
