"""Chapter 02's exercises: the notebook's solutions pass, known mistakes are caught.

Solutions are read from the answer cells of the source notebook and run here without
TensorFlow; the generic contract is in tests/exercise_harness.py.
"""

from autograder.keys import ch02 as keys
from course.exercises import ch02
from exercise_harness import Chapter, ExerciseContract

CHAPTER = Chapter("02_terminology", ch02, keys, min_exercises=7)
_run = CHAPTER.run
_assert_incorrect = CHAPTER.assert_incorrect


# A complete map of valid choices: the self-check confirms the format only (it is no oracle).
CHOICE_GRADED_ONLY = "a valid, complete choice map: the self-check confirms the format, grading judges it"

# ---------------------------------------------------------------------------
# Wrong answers: (source, None if the self-check catches it, else why only grading can)
# ---------------------------------------------------------------------------

WRONG = {
    "q1": [
        ("def baseline_accuracy(y):\n    return float(np.mean(y == 0))\n", None),
        ("def baseline_accuracy(y):\n    return int(np.bincount(y).max())\n", None),
        # Works for integer labels only: strings make np.bincount raise.
        ("def baseline_accuracy(y):\n    return np.bincount(y).max() / len(y)\n", None),
        # Works for 0/1 labels only.
        ("def baseline_accuracy(y):\n    p = np.mean(y)\n    return max(p, 1 - p)\n", None),
    ],
    "q2": [
        ("def undersample(X, y, seed=0):\n    return X, y\n", None),
        (  # oversampling instead of undersampling
            "def undersample(X, y, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    classes, counts = np.unique(y, return_counts=True)\n"
            "    idx = np.concatenate([rng.choice(np.flatnonzero(y == c), counts.max(), replace=True) for c in classes])\n"
            "    return X[idx], y[idx]\n",
            None,
        ),
        (  # X and y sampled with different indices: row/label pairs broken
            "def undersample(X, y, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    classes, counts = np.unique(y, return_counts=True)\n"
            "    idx = np.concatenate([rng.choice(np.flatnonzero(y == c), counts.min(), replace=False) for c in classes])\n"
            "    return X[rng.permutation(idx)], y[idx]\n",
            None,
        ),
        (  # hard-codes the labels 0 and 1
            "def undersample(X, y, seed=0):\n"
            "    n = min(np.sum(y == 0), np.sum(y == 1))\n"
            "    idx = np.concatenate([np.flatnonzero(y == 0)[:n], np.flatnonzero(y == 1)[:n]])\n"
            "    return X[idx], y[idx]\n",
            None,
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
            None,
        ),
    ],
    "q3": [
        (
            'problem_types = {"a": "회귀", "b": "다중 분류", "c": "이진 분류", '
            '"d": "다중 레이블 분류", "e": "회귀", "f": "이진 분류"}\n',
            CHOICE_GRADED_ONLY,
        ),
        ('problem_types = {k: "이진 분류" for k in "abcdef"}\n', CHOICE_GRADED_ONLY),
        ('problem_types = {"a": "회귀", "b": "분류", "c": "분류", "d": "분류", "e": "회귀", "f": "분류"}\n', None),
        ('problem_types = ["회귀", "다중 레이블 분류", "이진 분류", "다중 분류", "회귀", "이진 분류"]\n', None),
    ],
    "q4": [
        ("def one_hot(labels, classes):\n    return pd.get_dummies(labels).to_numpy().astype(int)\n", None),
        ("def one_hot(labels, classes):\n    return np.eye(len(classes), dtype=int)[labels]\n", None),
        (
            "def one_hot(labels, classes):\n"
            "    return np.array([[int(label == c) for label in labels] for c in classes])\n",
            None,
        ),
        (  # squeezes away the row axis of a single sample
            "def one_hot(labels, classes):\n"
            "    return np.array([[int(label == c) for c in classes] for label in labels]).squeeze()\n",
            None,
        ),
    ],
    "q5": [
        ("def fold_sizes(n_samples, k):\n    return [n_samples // k] * k\n", None),
        (
            "def fold_sizes(n_samples, k):\n"
            "    base, extra = divmod(n_samples, k)\n"
            "    return [base] * (k - extra) + [base + 1] * extra\n",
            None,
        ),
        (
            "def fold_sizes(n_samples, k):\n"
            "    base, extra = divmod(n_samples, k)\n"
            "    return [n_samples - (base + 1 if i < extra else base) for i in range(k)]\n",
            None,
        ),
    ],
    "q6": [
        (
            "def training_steps(n_samples, batch_size, epochs):\n"
            "    steps = n_samples // batch_size\n"
            "    return steps, steps * epochs\n",
            None,
        ),
        (  # round() instead of rounding up: right for 110/20, wrong for 1000/32
            "def training_steps(n_samples, batch_size, epochs):\n"
            "    steps = round(n_samples / batch_size)\n"
            "    return steps, steps * epochs\n",
            None,
        ),
        (
            "def training_steps(n_samples, batch_size, epochs):\n"
            "    steps = -(-n_samples // batch_size)\n"
            "    return steps, n_samples * epochs\n",
            None,
        ),
    ],
    "q7": [
        ('curve_diagnosis = {"A": "과대적합", "B": "적절", "C": "과소적합"}\n', CHOICE_GRADED_ONLY),
        ('curve_diagnosis = {"A": "적절", "B": "적절", "C": "적절"}\n', CHOICE_GRADED_ONLY),
        ('curve_diagnosis = {"A": "과소적합", "B": "좋음", "C": "과대적합"}\n', None),
    ],
    "q8": [
        (  # precision and recall swapped
            "def precision_recall_f1(y_true, y_pred):\n"
            "    tp = np.sum((y_true == 1) & (y_pred == 1))\n"
            "    fp = np.sum((y_true == 0) & (y_pred == 1))\n"
            "    fn = np.sum((y_true == 1) & (y_pred == 0))\n"
            "    p, r = tp / (tp + fn), tp / (tp + fp)\n"
            "    return p, r, 2 * p * r / (p + r)\n",
            None,
        ),
        (  # arithmetic mean instead of the harmonic mean
            "def precision_recall_f1(y_true, y_pred):\n"
            "    tp = np.sum((y_true == 1) & (y_pred == 1))\n"
            "    fp = np.sum((y_true == 0) & (y_pred == 1))\n"
            "    fn = np.sum((y_true == 1) & (y_pred == 0))\n"
            "    p, r = tp / (tp + fp), tp / (tp + fn)\n"
            "    return p, r, (p + r) / 2\n",
            None,
        ),
        (  # no guard for a zero denominator: ZeroDivisionError on an all-zero prediction
            "def precision_recall_f1(y_true, y_pred):\n"
            "    tp = int(np.sum((y_true == 1) & (y_pred == 1)))\n"
            "    fp = int(np.sum((y_true == 0) & (y_pred == 1)))\n"
            "    fn = int(np.sum((y_true == 1) & (y_pred == 0)))\n"
            "    p, r = tp / (tp + fp), tp / (tp + fn)\n"
            "    return p, r, 2 * p * r / (p + r)\n",
            None,
        ),
        (  # same without int(): NumPy returns nan instead of raising
            "def precision_recall_f1(y_true, y_pred):\n"
            "    tp = np.sum((y_true == 1) & (y_pred == 1))\n"
            "    fp = np.sum((y_true == 0) & (y_pred == 1))\n"
            "    fn = np.sum((y_true == 1) & (y_pred == 0))\n"
            "    with np.errstate(all='ignore'):\n"
            "        p, r = tp / (tp + fp), tp / (tp + fn)\n"
            "        return p, r, 2 * p * r / (p + r)\n",
            None,
        ),
    ],
    "q9": [
        ('clerk_machines = {"재고 관리 직원": "A", "고객 응대 직원": "B"}\n', CHOICE_GRADED_ONLY),
        ('clerk_machines = {"재고 관리 직원": "B", "고객 응대 직원": "B"}\n', CHOICE_GRADED_ONLY),
        ('clerk_machines = {"재고 관리 직원": "C", "고객 응대 직원": "A"}\n', None),
    ],
}


class TestExerciseContract(ExerciseContract):
    """The checks every chapter's exercises pass (tests/exercise_harness.py), for this chapter."""

    chapter = CHAPTER
    wrong = WRONG


# ---------------------------------------------------------------------------
# Messages show what was found, never the expected value
# ---------------------------------------------------------------------------


def test_training_steps_message_shows_what_was_returned_not_the_answer():
    result = _assert_incorrect("q6", _run(WRONG["q6"][0][0]), visible=True)
    assert "(5, 15)" in result.message
    assert "(6, 18)" not in result.message and "(50, 500)" not in result.message


def test_fold_sizes_message_does_not_show_the_expected_sizes():
    seen = CHAPTER.visible("q5", _run(WRONG["q5"][0][0]))
    assert "[3, 3, 3]" in seen.message and "[4, 3, 3]" not in seen.message


def test_baseline_accuracy_names_the_string_labels_rule_when_bincount_fails():
    seen = CHAPTER.visible("q1", _run(WRONG["q1"][2][0]))
    assert "레이블이 문자열이어도" in seen.message and "0.8" not in seen.message


def test_choice_map_self_check_is_not_an_oracle():
    """A complete but wrong map gets the same format message as the right one; grading explains."""
    wrong = _run(WRONG["q9"][0][0])
    right = CHAPTER.solution("q9")
    assert CHAPTER.visible("q9", wrong) == CHAPTER.visible("q9", right)
    graded = CHAPTER.graded("q9", wrong)
    assert "2개 중 0개" in graded.message and "정밀도" in graded.message


def test_undersample_detects_broken_pairs_and_modified_inputs():
    broken = _assert_incorrect("q2", _run(WRONG["q2"][2][0]), visible=True)
    assert "짝" in broken.message
    in_place = _assert_incorrect("q2", _run(WRONG["q2"][4][0]), visible=True)
    assert "원본" in in_place.message
