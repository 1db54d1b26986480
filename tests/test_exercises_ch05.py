"""Chapter 05's exercises accept the notebook's own solutions and reject known mistakes.

Solutions are read from the answer cells of the source notebook and run here without
TensorFlow; every wrong answer must be INCORRECT with a message that names what was found
but never the expected value, and never a traceback.
"""

import re

import numpy as np
import pytest

from course.checks import describe
from course.exercises import ch05
from exercise_harness import ROOT, Chapter, ExerciseContract, no_expected_value_anywhere

def _no_expected_value_leaks(exercise, message: str) -> None:
    """The shared check, plus q1's own cases searched by name (to_labels)."""
    no_expected_value_anywhere(exercise, message)
    if exercise is ch05.q1:
        for case in (*ch05._Q1_CASES, *ch05._Q1_HIDDEN):
            if case.call_text("to_labels") in message:
                assert describe(case.expected) not in message, message


CHAPTER = Chapter(
    "05_evaluation",
    ch05,
    function_exercises=["q1", "q2", "q3", "q4", "q6", "q7", "q8"],
    dict_exercises=["q5"],
    leak_check=_no_expected_value_leaks,
    min_exercises=7,
)
NAMES = CHAPTER.names
EXERCISES = CHAPTER.exercises
DICT_EXERCISES = CHAPTER.dict_exercises
_notebook = CHAPTER.notebook
_run = CHAPTER.run
_assert_incorrect = CHAPTER.assert_incorrect


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


class TestExerciseContract(ExerciseContract):
    """The checks every chapter's exercises pass (tests/exercise_harness.py), for this chapter."""

    chapter = CHAPTER
    wrong = WRONG

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


def test_exercises_appear_in_number_order():
    order = [c.metadata["nbgrader"]["grade_id"] for c in _notebook().cells if "nbgrader" in c.metadata]
    assert order == [f"{name}_{kind}" for name in NAMES for kind in ("answer", "test")]


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


@pytest.mark.parametrize("name", sorted(ALSO_RIGHT))
def test_other_correct_ways_also_pass(name):
    result = EXERCISES[name].evaluate(_run(ALSO_RIGHT[name]), hidden=True)
    assert result.passed, result


# ---------------------------------------------------------------------------
# Wrong answers are rejected without giving the answer away
# ---------------------------------------------------------------------------


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
    result, wrong_keys = CHAPTER.wrong_choices(name, WRONG[name][0][0])
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
