"""Chapter 02's exercises accept the notebook's own solutions and reject known mistakes.

Solutions are read from the answer cells of the source notebook and run here without
TensorFlow; every wrong answer must be INCORRECT with a message that names what was found
but never the expected value, and never a traceback.
"""

import re

import pytest

from course.exercises import ch02
from exercise_harness import Chapter, ExerciseContract

CHAPTER = Chapter(
    "02_terminology",
    ch02,
    function_exercises=["q1", "q2", "q4", "q5", "q6", "q8"],
    dict_exercises=["q3", "q7", "q9"],
    min_exercises=7,
)
EXERCISES = CHAPTER.exercises
DICT_EXERCISES = CHAPTER.dict_exercises
_run = CHAPTER.run
_assert_incorrect = CHAPTER.assert_incorrect


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


class TestExerciseContract(ExerciseContract):
    """The checks every chapter's exercises pass (tests/exercise_harness.py), for this chapter."""

    chapter = CHAPTER
    wrong = WRONG


# ---------------------------------------------------------------------------
# Wrong answers are rejected without giving the answer away
# ---------------------------------------------------------------------------


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
    result, wrong_keys = CHAPTER.wrong_choices(name, WRONG[name][0][0])
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
