"""Chapter 05's exercises accept the notebook's own solutions and reject known mistakes.

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
from course.exercises import ch05

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "source_notebooks" / "05_evaluation" / "05_evaluation.ipynb"
DEMO_ANSWERS = ROOT / "autograder" / "demo_answers" / "05_evaluation.yml"
NAMES = list(ch05.__all__)
EXERCISES = {name: getattr(ch05, name) for name in NAMES}
FUNCTION_EXERCISES = ["q1", "q2", "q3", "q4", "q6", "q7", "q8"]
DICT_EXERCISES = ["q5"]


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
        (  # > instead of >=: an exact tie at the threshold becomes 0 (hidden edge case)
            "def to_labels(probabilities, threshold=0.5):\n"
            "    p = np.asarray(probabilities).ravel()\n"
            "    return np.where(p > threshold, 1, 0)\n",
            False,
        ),
        (  # ignores the threshold argument
            "def to_labels(probabilities, threshold=0.5):\n"
            "    return np.where(np.asarray(probabilities).ravel() >= 0.5, 1, 0)\n",
            True,
        ),
        (  # keeps the Keras (n, 1) shape
            "def to_labels(probabilities, threshold=0.5):\n"
            "    return np.where(probabilities >= threshold, 1, 0)\n",
            False,
        ),
        (  # booleans instead of 0/1 integers
            "def to_labels(probabilities, threshold=0.5):\n"
            "    return np.asarray(probabilities).ravel() >= threshold\n",
            True,
        ),
        (  # rounds: the same as 0.5 only
            "def to_labels(probabilities, threshold=0.5):\n"
            "    return np.round(np.asarray(probabilities).ravel()).astype(int)\n",
            True,
        ),
    ],
    "q2": [
        (  # FP and FN swapped
            "def confusion_counts_at(y_true, scores, threshold):\n"
            "    pred = np.where(np.asarray(scores).ravel() >= threshold, 1, 0)\n"
            "    return {'TP': int(np.sum((y_true == 1) & (pred == 1))), 'FP': int(np.sum((y_true == 1) & (pred == 0))),\n"
            "            'FN': int(np.sum((y_true == 0) & (pred == 1))), 'TN': int(np.sum((y_true == 0) & (pred == 0)))}\n",
            True,
        ),
        (  # > instead of >=: the two scores of exactly 0.5 flip
            "def confusion_counts_at(y_true, scores, threshold):\n"
            "    pred = np.where(np.asarray(scores).ravel() > threshold, 1, 0)\n"
            "    return {'TP': int(np.sum((y_true == 1) & (pred == 1))), 'FP': int(np.sum((y_true == 0) & (pred == 1))),\n"
            "            'FN': int(np.sum((y_true == 1) & (pred == 0))), 'TN': int(np.sum((y_true == 0) & (pred == 0)))}\n",
            True,
        ),
        (  # always 0.5: right for the visible case only
            "def confusion_counts_at(y_true, scores, threshold):\n"
            "    pred = np.where(np.asarray(scores).ravel() >= 0.5, 1, 0)\n"
            "    return {'TP': int(np.sum((y_true == 1) & (pred == 1))), 'FP': int(np.sum((y_true == 0) & (pred == 1))),\n"
            "            'FN': int(np.sum((y_true == 1) & (pred == 0))), 'TN': int(np.sum((y_true == 0) & (pred == 0)))}\n",
            False,
        ),
        (  # forgets ravel: (n, 1) scores broadcast against (n,) labels
            "def confusion_counts_at(y_true, scores, threshold):\n"
            "    pred = np.where(scores >= threshold, 1, 0)\n"
            "    return {'TP': int(np.sum((y_true == 1) & (pred == 1))), 'FP': int(np.sum((y_true == 0) & (pred == 1))),\n"
            "            'FN': int(np.sum((y_true == 1) & (pred == 0))), 'TN': int(np.sum((y_true == 0) & (pred == 0)))}\n",
            False,
        ),
    ],
    "q3": [
        (  # the smallest score: recall is always 1, but it is not the largest threshold
            "def threshold_for_recall(y_true, scores, target_recall):\n"
            "    return float(np.min(scores))\n",
            True,
        ),
        (  # > instead of >=: overshoots when the target is hit exactly
            "def threshold_for_recall(y_true, scores, target_recall):\n"
            "    for t in sorted(set(scores.tolist()), reverse=True):\n"
            "        if np.sum((scores >= t) & (y_true == 1)) / np.sum(y_true == 1) > target_recall:\n"
            "            return float(t)\n"
            "    return float(np.min(scores))\n",
            True,
        ),
        (  # precision instead of recall
            "def threshold_for_recall(y_true, scores, target_recall):\n"
            "    for t in sorted(set(scores.tolist()), reverse=True):\n"
            "        if np.sum((scores >= t) & (y_true == 1)) / np.sum(scores >= t) >= target_recall:\n"
            "            return float(t)\n"
            "    return float(np.min(scores))\n",
            True,
        ),
        (  # the smallest threshold that still reaches the target... scanning upward and stopping at the first
            "def threshold_for_recall(y_true, scores, target_recall):\n"
            "    for t in sorted(set(scores.tolist())):\n"
            "        if np.sum((scores >= t) & (y_true == 1)) / np.sum(y_true == 1) >= target_recall:\n"
            "            return float(t)\n",
            True,
        ),
        (  # the k-th largest score of all samples instead of the positives
            "import math\n"
            "def threshold_for_recall(y_true, scores, target_recall):\n"
            "    k = math.ceil(target_recall * np.sum(y_true == 1))\n"
            "    return float(np.sort(scores)[::-1][k - 1])\n",
            True,
        ),
    ],
    "q4": [
        (  # RMSE without the square root (MSE)
            "def regression_metrics(y_true, y_pred):\n"
            "    e = np.ravel(y_true) - np.ravel(y_pred)\n"
            "    return float(np.mean(e ** 2)), float(np.mean(np.abs(e))), float(np.mean(np.abs(e) / np.abs(np.ravel(y_true))))\n",
            True,
        ),
        (  # MAPE in percent
            "def regression_metrics(y_true, y_pred):\n"
            "    e = np.ravel(y_true) - np.ravel(y_pred)\n"
            "    return float(np.sqrt(np.mean(e ** 2))), float(np.mean(np.abs(e))), "
            "float(100 * np.mean(np.abs(e) / np.abs(np.ravel(y_true))))\n",
            True,
        ),
        (  # MAPE divided by the prediction
            "def regression_metrics(y_true, y_pred):\n"
            "    e = np.ravel(y_true) - np.ravel(y_pred)\n"
            "    return float(np.sqrt(np.mean(e ** 2))), float(np.mean(np.abs(e))), float(np.mean(np.abs(e) / np.abs(np.ravel(y_pred))))\n",
            True,
        ),
        (  # no ravel: (n,) - (n, 1) broadcasts to (n, n)
            "def regression_metrics(y_true, y_pred):\n"
            "    e = y_true - y_pred\n"
            "    return float(np.sqrt(np.mean(e ** 2))), float(np.mean(np.abs(e))), float(np.mean(np.abs(e) / np.abs(y_true)))\n",
            False,
        ),
    ],
    "q5": [
        (
            'metric_choice = {"a": "정밀도", "b": "재현율", "c": "정확도", "d": "F1", '
            '"e": "AUC", "f": "RMSE", "g": "MAE", "h": "MAPE"}\n',
            True,
        ),
        ('metric_choice = {k: "정확도" for k in "abcdefgh"}\n', True),
        (
            'metric_choice = {"a": "재현율", "b": "정밀도", "c": "정확도", "d": "F1", '
            '"e": "AUC", "f": "MAE", "g": "RMSE", "h": "MAPE"}\n',
            True,
        ),
        (
            'metric_choice = {"a": "Recall", "b": "Precision", "c": "Accuracy", "d": "F1", '
            '"e": "AUC", "f": "RMSE", "g": "MAE", "h": "MAPE"}\n',
            True,
        ),
    ],
    "q6": [
        (  # sample standard deviation
            "def kfold_summary(scores):\n    return float(np.mean(scores)), float(np.std(scores, ddof=1))\n",
            True,
        ),
        (  # variance instead of standard deviation
            "def kfold_summary(scores):\n    return float(np.mean(scores)), float(np.var(scores))\n",
            True,
        ),
        (  # swapped order
            "def kfold_summary(scores):\n    return float(np.std(scores)), float(np.mean(scores))\n",
            True,
        ),
        (  # list method that does not exist
            "def kfold_summary(scores):\n    return scores.mean(), scores.std()\n",
            True,
        ),
    ],
    "q7": [
        (  # zip instead of the product: pairs values up
            "def grid_combinations(param_grid):\n"
            "    keys = list(param_grid)\n"
            "    return [dict(zip(keys, values)) for values in zip(*param_grid.values())]\n",
            True,
        ),
        (  # the count instead of the combinations
            "def grid_combinations(param_grid):\n"
            "    return int(np.prod([len(v) for v in param_grid.values()]))\n",
            True,
        ),
        (  # nested loops hard-coded for two keys
            "def grid_combinations(param_grid):\n"
            "    (k1, v1), (k2, v2) = param_grid.items()\n"
            "    return [{k1: a, k2: b} for a in v1 for b in v2]\n",
            False,
        ),
        (  # sorts the keys (scikit-learn's ParameterGrid order)
            "import itertools\n"
            "def grid_combinations(param_grid):\n"
            "    keys = sorted(param_grid)\n"
            "    return [dict(zip(keys, values)) for values in itertools.product(*(param_grid[k] for k in keys))]\n",
            True,
        ),
        (  # first key changes fastest
            "import itertools\n"
            "def grid_combinations(param_grid):\n"
            "    keys = list(param_grid)[::-1]\n"
            "    combos = [dict(zip(keys, values)) for values in itertools.product(*(param_grid[k] for k in keys))]\n"
            "    return [{k: c[k] for k in param_grid} for c in combos]\n",
            True,
        ),
    ],
    "q8": [
        (  # mean over the wrong axis: one number per model
            "def ensemble_average(prob_list, weights=None):\n"
            "    return np.mean(np.stack([np.ravel(p) for p in prob_list]), axis=1)\n",
            True,
        ),
        (  # weights not divided by their sum
            "def ensemble_average(prob_list, weights=None):\n"
            "    stacked = np.stack([np.ravel(p) for p in prob_list])\n"
            "    if weights is None:\n"
            "        return stacked.mean(axis=0)\n"
            "    return (np.asarray(weights)[:, None] * stacked).sum(axis=0)\n",
            False,
        ),
        (  # ignores the weights
            "def ensemble_average(prob_list, weights=None):\n"
            "    return np.mean(np.stack([np.ravel(p) for p in prob_list]), axis=0)\n",
            False,
        ),
        (  # keeps the Keras (n, 1) shape
            "def ensemble_average(prob_list, weights=None):\n"
            "    return np.average(np.stack(prob_list), axis=0, weights=weights)\n",
            False,
        ),
        (  # majority vote of labels instead of averaged probabilities
            "def ensemble_average(prob_list, weights=None):\n"
            "    votes = np.stack([np.ravel(p) >= 0.5 for p in prob_list])\n"
            "    return (votes.mean(axis=0) >= 0.5).astype(float)\n",
            True,
        ),
    ],
}

WRONG_CASES = [(name, i) for name in NAMES for i in range(len(WRONG[name]))]

# Other correct ways: each must pass the hidden checks too.
ALSO_RIGHT = {
    "q1": "def to_labels(probabilities, threshold=0.5):\n    return (np.asarray(probabilities).reshape(-1) >= threshold).astype(int)\n",
    "q2": (
        "from sklearn.metrics import confusion_matrix\n"
        "def confusion_counts_at(y_true, scores, threshold):\n"
        "    pred = (np.ravel(scores) >= threshold).astype(int)\n"
        "    tn, fp, fn, tp = confusion_matrix(y_true, pred, labels=[0, 1]).ravel()\n"
        "    return {'TP': tp, 'FP': fp, 'FN': fn, 'TN': tn}\n"
    ),
    "q3": (  # the k-th largest positive score, with k = ceil(target * positives)
        "import math\n"
        "def threshold_for_recall(y_true, scores, target_recall):\n"
        "    positives = np.sort(np.ravel(scores)[np.ravel(y_true) == 1])[::-1]\n"
        "    k = math.ceil(target_recall * len(positives))\n"
        "    return float(positives[max(k, 1) - 1])\n"
    ),
    "q4": (
        "from sklearn.metrics import mean_absolute_error, mean_absolute_percentage_error, root_mean_squared_error\n"
        "def regression_metrics(y_true, y_pred):\n"
        "    y_pred = np.ravel(y_pred)\n"
        "    return (root_mean_squared_error(y_true, y_pred), mean_absolute_error(y_true, y_pred),\n"
        "            mean_absolute_percentage_error(y_true, y_pred))\n"
    ),
    "q6": "import statistics\ndef kfold_summary(scores):\n    return statistics.fmean(scores), statistics.pstdev(scores)\n",
    "q7": (
        "def grid_combinations(param_grid):\n"
        "    combos = [{}]\n"
        "    for key, values in param_grid.items():\n"
        "        combos = [{**c, key: v} for c in combos for v in values]\n"
        "    return combos\n"
    ),
    "q8": (
        "def ensemble_average(prob_list, weights=None):\n"
        "    w = np.ones(len(prob_list)) if weights is None else np.asarray(weights, dtype=float)\n"
        "    total = sum(wi * np.asarray(p, dtype=float).reshape(-1) for wi, p in zip(w, prob_list))\n"
        "    return total / w.sum()\n"
    ),
}


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


def test_exercises_appear_in_number_order():
    order = [c.metadata["nbgrader"]["grade_id"] for c in _notebook().cells if "nbgrader" in c.metadata]
    assert order == [f"{name}_{kind}" for name in NAMES for kind in ("answer", "test")]


def test_declared_set_is_what_the_notebook_grades():
    graded = {gid.removesuffix("_test") for gid, c in _cells_by_grade_id().items() if c.metadata["nbgrader"]["grade"]}
    assert graded == set(NAMES)
    assert len(NAMES) >= 6


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


def test_keras_tuner_writes_only_into_a_temporary_directory():
    code = "\n".join(c.source for c in _notebook().cells if c.cell_type == "code")
    assert "keras_tuner.RandomSearch(" in code
    assert "directory=tuner_dir" in code and "tuner_dir = tempfile.mkdtemp(" in code
    assert "overwrite=True" in code and "verbose=0" in code and "seed=SEED" in code
    parameters = next(c for c in _notebook().cells if "parameters" in c.metadata.get("tags", [])).source
    max_trials = int(re.search(r"MAX_TRIALS\s*=\s*(\d+)", parameters).group(1))
    assert max_trials <= 4


def test_no_mean_squared_error_with_squared_argument():
    """scikit-learn 1.9 removed mean_squared_error(squared=False)."""
    code = "\n".join(c.source for c in _notebook().cells if c.cell_type == "code")
    assert "squared=False" not in code and "root_mean_squared_error" in code


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


@pytest.mark.parametrize("name", sorted(ALSO_RIGHT))
def test_other_correct_ways_also_pass(name):
    result = EXERCISES[name].evaluate(_run(ALSO_RIGHT[name]), hidden=True)
    assert result.passed, result


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
    result = _assert_incorrect(name, namespace, visible=visible)
    _assert_q1_does_not_leak(name, result.message)
    if not visible:  # caught only by the hidden checks: the self-check still says correct
        assert EXERCISES[name].evaluate(namespace).passed
    with pytest.raises(ExerciseFailed):
        EXERCISES[name].grade(namespace)


def _assert_q1_does_not_leak(name: str, message: str) -> None:
    """q1 is a custom check: for the case its message names, the expected labels must not appear."""
    if name != "q1":
        return
    for case in (*ch05._Q1_CASES, *ch05._Q1_HIDDEN):
        if case.call_text("to_labels") in message:
            assert describe(case.expected) not in message, message


def test_to_labels_strictly_greater_is_caught_by_a_tie_and_states_the_rule():
    result = _assert_incorrect("q1", _run(WRONG["q1"][0][0]))
    assert "`>=`" in result.message and "[1, 0, 1, 0]" not in result.message


def test_to_labels_bool_array_gets_a_dtype_message():
    result = _assert_incorrect("q1", _run(WRONG["q1"][3][0]), visible=True)
    assert "bool" in result.message and "정수" in result.message


def test_regression_message_shows_the_returned_triple_not_the_expected_one():
    result = _assert_incorrect("q4", _run(WRONG["q4"][1][0]), visible=True)
    assert "7.916666" in result.message  # MAPE in percent, what the learner returned
    assert describe(ch05._regression(ch05._Q5_TRUE, ch05._Q5_PRED)) not in result.message


def test_threshold_message_does_not_show_the_expected_threshold():
    result = _assert_incorrect("q3", _run(WRONG["q3"][0][0]), visible=True)
    assert "0.6" not in result.message.replace("0.65", "")


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
        assert f"'{exercise.answers[key]}'" not in result.message.split("다음 중에서")[0], result.message


def test_checks_do_not_modify_their_own_cases():
    """A learner's function that changes its inputs in place must not spoil later checks."""
    mutating = (
        "def to_labels(probabilities, threshold=0.5):\n"
        "    p = np.asarray(probabilities).reshape(-1)\n"
        "    out = np.where(p >= threshold, 1, 0)\n"
        "    p[:] = 0\n"
        "    return out\n"
    )
    before = [c.args[0].copy() for c in (*ch05._Q1_CASES, *ch05._Q1_HIDDEN)]
    EXERCISES["q1"].evaluate(_run(mutating), hidden=True)
    after = [c.args[0] for c in (*ch05._Q1_CASES, *ch05._Q1_HIDDEN)]
    assert all(np.array_equal(a, b) for a, b in zip(before, after))


def test_exercise_module_imports_no_tensorflow():
    import subprocess
    import sys

    code = "import sys, course.exercises.ch05; print('tensorflow' in sys.modules, 'sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False False"


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
