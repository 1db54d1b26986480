"""Chapter 02's exercises accept the notebook's own solutions and reject known mistakes.

Solutions are read from the answer cells of the source notebook and run here without
TensorFlow; every wrong answer must be INCORRECT with a message that names what was found
but never the expected value, and never a traceback.
"""

import re
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
import yaml

from course.checks import ExerciseFailed, FunctionExercise, Status, describe
from course.exercises import ch02

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "source_notebooks" / "02_terminology" / "02_terminology.ipynb"
DEMO_ANSWERS = ROOT / "autograder" / "demo_answers" / "02_terminology.yml"
NAMES = list(ch02.__all__)
EXERCISES = {name: getattr(ch02, name) for name in NAMES}
FUNCTION_EXERCISES = ["q1", "q2", "q4", "q5", "q6", "q8"]
DICT_EXERCISES = ["q3", "q7", "q9"]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _notebook():
    return nbformat.read(NOTEBOOK, as_version=4)


def _cells_by_grade_id():
    return {
        cell.metadata["nbgrader"]["grade_id"]: cell
        for cell in _notebook().cells
        if "nbgrader" in cell.metadata
    }


def _run(source: str) -> dict:
    """Execute an answer cell's source the way the notebook would (np and pd imported)."""
    namespace = {"np": np, "pd": pd}
    exec(source, namespace)
    return namespace


def _release_source(source: str) -> str:
    """The answer cell as nbgrader releases it: the solution region becomes a stub."""
    out, skipping = [], False
    for line in source.splitlines():
        stripped = line.strip()
        if stripped == "### BEGIN SOLUTION":
            indent = line[: len(line) - len(line.lstrip())]
            out += [f"{indent}# YOUR CODE HERE", f"{indent}raise NotImplementedError()"]
            skipping = True
        elif stripped == "### END SOLUTION":
            skipping = False
        elif not skipping:
            out.append(line)
    return "\n".join(out)


def _solution(name: str) -> dict:
    return _run(_cells_by_grade_id()[f"{name}_answer"].source)


def _assert_incorrect(name: str, namespace: dict, *, visible: bool = False):
    """The answer is INCORRECT when graded (and, with visible=True, already in the self-check)."""
    exercise = EXERCISES[name]
    result = exercise.evaluate(namespace, hidden=True)
    assert result.status is Status.INCORRECT, result
    assert "Traceback" not in result.message
    assert exercise.rule or result.message
    if visible:
        visible_result = exercise.evaluate(namespace)
        assert visible_result.status is Status.INCORRECT, visible_result
        assert "Traceback" not in visible_result.message
    _assert_no_expected_value_leaks(exercise, result.message)
    return result


def _assert_no_expected_value_leaks(exercise, message: str) -> None:
    """For the case the message names, its expected value must not appear."""
    if not isinstance(exercise, FunctionExercise):
        return
    for case in (*exercise.cases, *exercise.hidden_cases):
        if case.call_text(exercise.var) in message:
            assert describe(case.expected) not in message, message


# ---------------------------------------------------------------------------
# Wrong answers: (source, caught by the visible self-check too?)
# ---------------------------------------------------------------------------

WRONG = {
    "q1": [
        ("def baseline_accuracy(y):\n    return float(np.mean(y == 0))\n", True),
        ("def baseline_accuracy(y):\n    return int(np.bincount(y).max())\n", True),
        # Works for integer labels only: strings make np.bincount raise.
        ("def baseline_accuracy(y):\n    return np.bincount(y).max() / len(y)\n", False),
        # Works for 0/1 labels only.
        ("def baseline_accuracy(y):\n    p = np.mean(y)\n    return max(p, 1 - p)\n", False),
    ],
    "q2": [
        ("def undersample(X, y, seed=0):\n    return X, y\n", True),
        (  # oversampling instead of undersampling
            "def undersample(X, y, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    classes, counts = np.unique(y, return_counts=True)\n"
            "    idx = np.concatenate([rng.choice(np.flatnonzero(y == c), counts.max(), replace=True) for c in classes])\n"
            "    return X[idx], y[idx]\n",
            True,
        ),
        (  # X and y sampled with different indices: row/label pairs broken
            "def undersample(X, y, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    classes, counts = np.unique(y, return_counts=True)\n"
            "    idx = np.concatenate([rng.choice(np.flatnonzero(y == c), counts.min(), replace=False) for c in classes])\n"
            "    return X[rng.permutation(idx)], y[idx]\n",
            True,
        ),
        (  # hard-codes the labels 0 and 1
            "def undersample(X, y, seed=0):\n"
            "    n = min(np.sum(y == 0), np.sum(y == 1))\n"
            "    idx = np.concatenate([np.flatnonzero(y == 0)[:n], np.flatnonzero(y == 1)[:n]])\n"
            "    return X[idx], y[idx]\n",
            False,
        ),
        (  # shuffles the caller's arrays in place
            "def undersample(X, y, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    order = rng.permutation(len(y))\n"
            "    X[:] = X[order]\n"
            "    y[:] = y[order]\n"
            "    classes, counts = np.unique(y, return_counts=True)\n"
            "    idx = np.concatenate([np.flatnonzero(y == c)[: counts.min()] for c in classes])\n"
            "    return X[idx], y[idx]\n",
            True,
        ),
    ],
    "q3": [
        (
            'problem_types = {"a": "회귀", "b": "다중 분류", "c": "이진 분류", '
            '"d": "다중 레이블 분류", "e": "회귀", "f": "이진 분류"}\n',
            True,
        ),
        ('problem_types = {k: "이진 분류" for k in "abcdef"}\n', True),
        ('problem_types = {"a": "회귀", "b": "분류", "c": "분류", "d": "분류", "e": "회귀", "f": "분류"}\n', True),
        ('problem_types = ["회귀", "다중 레이블 분류", "이진 분류", "다중 분류", "회귀", "이진 분류"]\n', True),
    ],
    "q4": [
        ("def one_hot(labels, classes):\n    return pd.get_dummies(labels).to_numpy().astype(int)\n", True),
        ("def one_hot(labels, classes):\n    return np.eye(len(classes), dtype=int)[labels]\n", True),
        (
            "def one_hot(labels, classes):\n"
            "    return np.array([[int(label == c) for label in labels] for c in classes])\n",
            True,
        ),
        (  # squeezes away the row axis of a single sample
            "def one_hot(labels, classes):\n"
            "    return np.array([[int(label == c) for c in classes] for label in labels]).squeeze()\n",
            False,
        ),
    ],
    "q5": [
        ("def fold_sizes(n_samples, k):\n    return [n_samples // k] * k\n", True),
        (
            "def fold_sizes(n_samples, k):\n"
            "    base, extra = divmod(n_samples, k)\n"
            "    return [base] * (k - extra) + [base + 1] * extra\n",
            True,
        ),
        (
            "def fold_sizes(n_samples, k):\n"
            "    base, extra = divmod(n_samples, k)\n"
            "    return [n_samples - (base + 1 if i < extra else base) for i in range(k)]\n",
            True,
        ),
    ],
    "q6": [
        (
            "def training_steps(n_samples, batch_size, epochs):\n"
            "    steps = n_samples // batch_size\n"
            "    return steps, steps * epochs\n",
            True,
        ),
        (  # round() instead of rounding up: right for 110/20, wrong for 1000/32
            "def training_steps(n_samples, batch_size, epochs):\n"
            "    steps = round(n_samples / batch_size)\n"
            "    return steps, steps * epochs\n",
            False,
        ),
        (
            "def training_steps(n_samples, batch_size, epochs):\n"
            "    steps = -(-n_samples // batch_size)\n"
            "    return steps, n_samples * epochs\n",
            True,
        ),
    ],
    "q7": [
        ('curve_diagnosis = {"A": "과대적합", "B": "적절", "C": "과소적합"}\n', True),
        ('curve_diagnosis = {"A": "적절", "B": "적절", "C": "적절"}\n', True),
        ('curve_diagnosis = {"A": "과소적합", "B": "좋음", "C": "과대적합"}\n', True),
    ],
    "q8": [
        (  # precision and recall swapped
            "def precision_recall_f1(y_true, y_pred):\n"
            "    tp = np.sum((y_true == 1) & (y_pred == 1))\n"
            "    fp = np.sum((y_true == 0) & (y_pred == 1))\n"
            "    fn = np.sum((y_true == 1) & (y_pred == 0))\n"
            "    p, r = tp / (tp + fn), tp / (tp + fp)\n"
            "    return p, r, 2 * p * r / (p + r)\n",
            True,
        ),
        (  # arithmetic mean instead of the harmonic mean
            "def precision_recall_f1(y_true, y_pred):\n"
            "    tp = np.sum((y_true == 1) & (y_pred == 1))\n"
            "    fp = np.sum((y_true == 0) & (y_pred == 1))\n"
            "    fn = np.sum((y_true == 1) & (y_pred == 0))\n"
            "    p, r = tp / (tp + fp), tp / (tp + fn)\n"
            "    return p, r, (p + r) / 2\n",
            True,
        ),
        (  # no guard for a zero denominator: ZeroDivisionError on an all-zero prediction
            "def precision_recall_f1(y_true, y_pred):\n"
            "    tp = int(np.sum((y_true == 1) & (y_pred == 1)))\n"
            "    fp = int(np.sum((y_true == 0) & (y_pred == 1)))\n"
            "    fn = int(np.sum((y_true == 1) & (y_pred == 0)))\n"
            "    p, r = tp / (tp + fp), tp / (tp + fn)\n"
            "    return p, r, 2 * p * r / (p + r)\n",
            False,
        ),
        (  # same without int(): NumPy returns nan instead of raising
            "def precision_recall_f1(y_true, y_pred):\n"
            "    tp = np.sum((y_true == 1) & (y_pred == 1))\n"
            "    fp = np.sum((y_true == 0) & (y_pred == 1))\n"
            "    fn = np.sum((y_true == 1) & (y_pred == 0))\n"
            "    with np.errstate(all='ignore'):\n"
            "        p, r = tp / (tp + fp), tp / (tp + fn)\n"
            "        return p, r, 2 * p * r / (p + r)\n",
            False,
        ),
    ],
    "q9": [
        ('clerk_machines = {"재고 관리 직원": "A", "고객 응대 직원": "B"}\n', True),
        ('clerk_machines = {"재고 관리 직원": "B", "고객 응대 직원": "B"}\n', True),
        ('clerk_machines = {"재고 관리 직원": "C", "고객 응대 직원": "A"}\n', True),
    ],
}

WRONG_CASES = [(name, i) for name in NAMES for i in range(len(WRONG[name]))]


# ---------------------------------------------------------------------------
# The notebook and the declarations agree
# ---------------------------------------------------------------------------


def test_every_exercise_has_answer_and_test_cells():
    cells = _cells_by_grade_id()
    for name in NAMES:
        assert f"{name}_answer" in cells and f"{name}_test" in cells, name
        test_source = cells[f"{name}_test"].source
        assert f"### BEGIN HIDDEN TESTS\n{name}.grade()\n### END HIDDEN TESTS" in test_source


def test_points_and_titles_match_the_notebook():
    cells = _cells_by_grade_id()
    for number, name in enumerate(NAMES, start=1):
        exercise = EXERCISES[name]
        assert name == f"q{number}"
        assert exercise.title == f"문제 {number}"
        assert cells[f"{name}_test"].metadata["nbgrader"]["points"] == exercise.points, name
        assert f"(문제 {number} · {exercise.points}점)" in cells[f"{name}_test"].source
        heading = next(
            c.source for c in _notebook().cells if c.cell_type == "markdown" and c.source.startswith(f"### 문제 {number}.")
        )
        assert heading.splitlines()[0].endswith(f"({exercise.points}점)"), heading.splitlines()[0]


def test_declared_set_is_what_the_notebook_grades():
    graded = {gid.removesuffix("_test") for gid, c in _cells_by_grade_id().items() if c.metadata["nbgrader"]["grade"]}
    assert graded == set(NAMES)
    assert len(NAMES) >= 7


def test_every_exercise_has_a_rule_and_two_or_three_hints():
    for name, exercise in EXERCISES.items():
        assert exercise.rule and exercise.on_correct, name
        assert 2 <= len(exercise.hints) <= 3, name


def test_answer_names_are_used_only_in_their_answer_cell():
    """A blank release must never be accidentally correct because narrative code defined the name."""
    notebook = _notebook()
    for name, exercise in EXERCISES.items():
        pattern = re.compile(rf"\b{re.escape(exercise.var)}\b")
        users = [
            cell.metadata.get("nbgrader", {}).get("grade_id", cell.get("id"))
            for cell in notebook.cells
            if cell.cell_type == "code" and pattern.search(cell.source)
        ]
        assert users == [f"{name}_answer"], (name, users)


def test_notebook_is_committed_clean():
    notebook = _notebook()
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert "parameters" in code[0].metadata.get("tags", [])
    ids = [c.id for c in notebook.cells]
    assert ids == [f"c{i:02d}" for i in range(1, len(ids) + 1)]


# ---------------------------------------------------------------------------
# Solutions pass, blanks are not attempted
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_notebook_solution_passes_visible_and_hidden_checks(name):
    namespace = _solution(name)
    exercise = EXERCISES[name]
    assert exercise.evaluate(namespace).passed
    result = exercise.evaluate(namespace, hidden=True)
    assert result.passed, result
    exercise.grade(namespace)  # must not raise


@pytest.mark.parametrize("name", NAMES)
def test_empty_namespace_is_not_attempted(name):
    result = EXERCISES[name].evaluate({}, hidden=True)
    assert result.status is Status.NOT_ATTEMPTED
    with pytest.raises(ExerciseFailed):
        EXERCISES[name].grade({})


@pytest.mark.parametrize("name", NAMES)
def test_released_stub_is_not_attempted(name):
    """What a student gets from nbgrader, run as is: a stub function or a dict of `...`."""
    source = _release_source(_cells_by_grade_id()[f"{name}_answer"].source)
    assert "### BEGIN SOLUTION" not in source and "raise NotImplementedError()" in source
    namespace = {"np": np, "pd": pd}
    try:
        exec(source, namespace)
    except NotImplementedError:
        assert name in DICT_EXERCISES  # the dict skeleton is defined before the stub raises
    result = EXERCISES[name].evaluate(namespace, hidden=True)
    assert result.status is Status.NOT_ATTEMPTED, result


@pytest.mark.parametrize("name", FUNCTION_EXERCISES)
def test_function_raising_not_implemented_is_not_attempted(name):
    def stub(*args):
        raise NotImplementedError()

    result = EXERCISES[name].evaluate({EXERCISES[name].var: stub}, hidden=True)
    assert result.status is Status.NOT_ATTEMPTED


@pytest.mark.parametrize("name", DICT_EXERCISES)
def test_dict_of_ellipsis_is_not_attempted(name):
    exercise = EXERCISES[name]
    result = exercise.evaluate({exercise.var: {key: ... for key in exercise.answers}}, hidden=True)
    assert result.status is Status.NOT_ATTEMPTED


@pytest.mark.parametrize("name", FUNCTION_EXERCISES)
def test_function_that_crashes_is_incorrect_without_traceback(name):
    def crashes(*args):
        return undefined_name  # noqa: F821 - a learner's typo

    result = EXERCISES[name].evaluate({EXERCISES[name].var: crashes}, hidden=True)
    assert result.status is Status.INCORRECT
    assert "Traceback" not in result.message and "NameError" in result.message


@pytest.mark.parametrize("name", FUNCTION_EXERCISES)
def test_a_value_instead_of_a_function_is_incorrect(name):
    result = EXERCISES[name].evaluate({EXERCISES[name].var: 0.5}, hidden=True)
    assert result.status is Status.INCORRECT


# ---------------------------------------------------------------------------
# Wrong answers are rejected without giving the answer away
# ---------------------------------------------------------------------------


def test_every_exercise_has_two_wrong_answers_one_caught_visibly():
    for name in NAMES:
        assert len(WRONG[name]) >= 2, name
        assert any(visible for _, visible in WRONG[name]), name


@pytest.mark.parametrize("name,index", WRONG_CASES, ids=[f"{n}-wrong{i}" for n, i in WRONG_CASES])
def test_wrong_answer_is_incorrect(name, index):
    source, visible = WRONG[name][index]
    namespace = _run(source)
    _assert_incorrect(name, namespace, visible=visible)
    if not visible:  # caught only by the hidden checks: the self-check still says correct
        assert EXERCISES[name].evaluate(namespace).passed
    with pytest.raises(ExerciseFailed):
        EXERCISES[name].grade(namespace)


def test_training_steps_message_shows_what_was_returned_not_the_answer():
    result = _assert_incorrect("q6", _run(WRONG["q6"][0][0]), visible=True)
    assert "(5, 15)" in result.message
    assert "(6, 18)" not in result.message and "(50, 500)" not in result.message


def test_fold_sizes_message_does_not_show_the_expected_sizes():
    result = _assert_incorrect("q5", _run(WRONG["q5"][0][0]), visible=True)
    assert "[3, 3, 3]" in result.message and "[4, 3, 3]" not in result.message


def test_precision_recall_message_does_not_show_the_expected_triple():
    result = _assert_incorrect("q8", _run(WRONG["q8"][0][0]), visible=True)
    assert "(0.5, 0.75, 0.6)" not in result.message


def test_baseline_accuracy_message_does_not_show_the_expected_value():
    result = _assert_incorrect("q1", _run(WRONG["q1"][0][0]), visible=True)
    assert "0.9" not in result.message.replace("0.98", "")


@pytest.mark.parametrize("name", DICT_EXERCISES)
def test_choice_map_message_does_not_reveal_the_right_choice(name):
    """A wrong-but-valid dict: the message lists the wrong keys, never their right answers."""
    exercise = EXERCISES[name]
    namespace = _run(WRONG[name][0][0])
    result = _assert_incorrect(name, namespace, visible=True)
    answer = namespace[exercise.var]
    wrong_keys = [key for key, right in exercise.answers.items() if answer[key] != right]
    assert wrong_keys
    for key in wrong_keys:
        right = exercise.answers[key]
        if len(right) == 1:  # "A" / "B": look for the letter on its own
            assert not re.search(rf"(?<![A-Za-z]){right}(?![A-Za-z])", result.message), result.message
        else:
            assert right not in result.message, result.message


def test_undersample_hidden_check_uses_three_string_classes():
    result = _assert_incorrect("q2", _run(WRONG["q2"][3][0]))
    assert "클래스별 개수" in result.message


def test_undersample_detects_broken_pairs_and_modified_inputs():
    broken = _assert_incorrect("q2", _run(WRONG["q2"][2][0]), visible=True)
    assert "짝" in broken.message
    in_place = _assert_incorrect("q2", _run(WRONG["q2"][4][0]), visible=True)
    assert "원본" in in_place.message


# ---------------------------------------------------------------------------
# Demo answers for the autograder
# ---------------------------------------------------------------------------


def _demo_answers() -> dict:
    return yaml.safe_load(DEMO_ANSWERS.read_text(encoding="utf-8"))


def test_demo_answers_name_existing_answer_cells():
    answers = _demo_answers()
    cells = _cells_by_grade_id()
    assert len(answers) >= 3
    for grade_id, source in answers.items():
        assert grade_id in cells and cells[grade_id].metadata["nbgrader"]["solution"], grade_id
        assert "### BEGIN SOLUTION" not in source and isinstance(source, str)


@pytest.mark.parametrize("grade_id", sorted(_demo_answers()))
def test_demo_wrong_answer_is_rejected(grade_id):
    name = grade_id.removesuffix("_answer")
    namespace = _run(_demo_answers()[grade_id])
    _assert_incorrect(name, namespace)
    with pytest.raises(ExerciseFailed):
        EXERCISES[name].grade(namespace)
