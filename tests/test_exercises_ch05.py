"""Chapter 05's exercises: the notebook's solutions pass, known mistakes are caught.

Solutions are read from the answer cells of the source notebook and run here with the
context the notebook gives them (NumPy, pandas, Keras, the section-1 split, SEED and the
learner's own q3 function); the generic contract is in tests/exercise_harness.py. q9 trains
a small Dense model (a second or two), so its solution runs once per session.
"""

import functools
import re
import subprocess
import sys

import keras
import numpy as np
import pandas as pd

from autograder.keys import ch05 as keys
from course.checks import Status, describe
from course.exercises import ch05
from exercise_harness import ROOT, Chapter, ExerciseContract, TrainingChapter, solution_region

SEED = 42


@functools.lru_cache(maxsize=1)
def _split() -> dict:
    """Section 1's split, computed the way the notebook computes it."""
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    from course import data

    X_bc, y_bc = data.load_breast_cancer()
    y_all = (y_bc == 0).astype(int).to_numpy()
    X_all = X_bc.to_numpy()
    X_rest, X_test, y_rest, y_test = train_test_split(X_all, y_all, test_size=0.2, stratify=y_all, random_state=SEED)
    X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, test_size=0.25, stratify=y_rest, random_state=SEED)
    scaler = StandardScaler().fit(X_train)
    X_train_s, X_val_s, X_test_s = (scaler.transform(part) for part in (X_train, X_val, X_test))
    return {"X_train_s": X_train_s, "y_train": y_train, "X_val_s": X_val_s, "y_val": y_val,
            "X_test_s": X_test_s, "y_test": y_test}


@functools.lru_cache(maxsize=1)
def _q3_solution_source() -> str:
    return next(c.source for c in Chapter("05_evaluation", ch05, keys).notebook().cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == "q3_answer")


def _namespace() -> dict:
    """What an answer cell finds: imports, SEED, the split, and (from q3's answer cell) threshold_for_recall."""
    namespace = {"np": np, "pd": pd, "keras": keras, "SEED": SEED, **_split()}
    exec(_q3_solution_source(), namespace)
    return namespace



CHAPTER = TrainingChapter("05_evaluation", ch05, keys, namespace=_namespace, min_exercises=9, stub_raises=["q5", "q9"])
_run = CHAPTER.run
_assert_incorrect = CHAPTER.assert_incorrect
_notebook = CHAPTER.notebook

# A complete map of valid choices: the self-check confirms the format only (it is no oracle).
CHOICE_GRADED_ONLY = "a valid, complete choice map: the self-check confirms the format, grading judges it"


def _counts_source(compare: str = ">=", scores: str = "np.asarray(scores).ravel()", threshold: str = "threshold",
                   fp: str = "(y_true == 0) & (pred == 1)", fn: str = "(y_true == 1) & (pred == 0)") -> str:
    return (
        "def confusion_counts_at(y_true, scores, threshold):\n"
        f"    pred = np.where({scores} {compare} {threshold}, 1, 0)\n"
        "    return {'TP': int(np.sum((y_true == 1) & (pred == 1))), "
        f"'FP': int(np.sum({fp})),\n"
        f"            'FN': int(np.sum({fn})), 'TN': int(np.sum((y_true == 0) & (pred == 0)))}}\n"
    )


def _final(layers: str = "keras.layers.Dense(32, activation='relu'), keras.layers.Dense(1, activation='sigmoid')",
           *, learning_rate: float = 0.001, epochs: int = 30, train: bool = True,
           threshold: str = "threshold_for_recall(y_val, final_model(X_val_s).numpy().ravel(), 1.0)",
           loss: str = "'binary_crossentropy'") -> str:
    """A q9 answer cell: a Dense model trained on the training data and a threshold."""
    fit = f"final_model.fit(X_train_s, y_train, epochs={epochs}, batch_size=32, verbose=0)\n" if train else ""
    return (
        "keras.utils.set_random_seed(SEED)\n"
        f"final_model = keras.Sequential([keras.Input(shape=(30,)), {layers}])\n"
        f"final_model.compile(optimizer=keras.optimizers.Adam({learning_rate}), loss={loss})\n"
        f"{fit}"
        f"final_threshold = {threshold}\n"
        "final_choice = (final_model, final_threshold)\n"
    )


# ---------------------------------------------------------------------------
# Wrong answers: (source, None if the self-check catches it, else why only grading can)
# ---------------------------------------------------------------------------

WRONG = {
    "q1": [
        (  # > instead of >=: a probability exactly at the threshold becomes 0
            "def to_labels(probabilities, threshold=0.5):\n"
            "    p = np.asarray(probabilities).ravel()\n"
            "    return np.where(p > threshold, 1, 0)\n",
            None,
        ),
        (  # ignores the threshold argument
            "def to_labels(probabilities, threshold=0.5):\n"
            "    return np.where(np.asarray(probabilities).ravel() >= 0.5, 1, 0)\n",
            None,
        ),
        (  # keeps the Keras (n, 1) shape
            "def to_labels(probabilities, threshold=0.5):\n"
            "    return np.where(probabilities >= threshold, 1, 0)\n",
            None,
        ),
        (  # booleans instead of 0/1 integers
            "def to_labels(probabilities, threshold=0.5):\n"
            "    return np.asarray(probabilities).ravel() >= threshold\n",
            None,
        ),
        (  # floats 0.0/1.0 instead of integers
            "def to_labels(probabilities, threshold=0.5):\n"
            "    return (np.asarray(probabilities).ravel() >= threshold) * 1.0\n",
            None,
        ),
        (  # rounds: the same as 0.5 only
            "def to_labels(probabilities, threshold=0.5):\n"
            "    return np.round(np.asarray(probabilities).ravel()).astype(int)\n",
            None,
        ),
    ],
    "q2": [
        (_counts_source(fp="(y_true == 1) & (pred == 0)", fn="(y_true == 0) & (pred == 1)"), None),  # FP and FN swapped
        (_counts_source(compare=">"), None),  # > instead of >=: the two scores of exactly 0.5 flip
        (_counts_source(threshold="0.5"), None),  # always 0.5
        (_counts_source(scores="scores"), None),  # forgets ravel: (n, 1) scores broadcast against (n,) labels
        (  # counts as floats
            "def confusion_counts_at(y_true, scores, threshold):\n"
            "    pred = np.ravel(scores) >= threshold\n"
            "    t = np.ravel(y_true) == 1\n"
            "    return {'TP': float(np.sum(t & pred)), 'FP': float(np.sum(~t & pred)),\n"
            "            'FN': float(np.sum(t & ~pred)), 'TN': float(np.sum(~t & ~pred))}\n",
            None,
        ),
        (  # lower-case keys
            "def confusion_counts_at(y_true, scores, threshold):\n"
            "    pred = np.ravel(scores) >= threshold\n"
            "    t = np.ravel(y_true) == 1\n"
            "    return {'tp': int(np.sum(t & pred)), 'fp': int(np.sum(~t & pred)),\n"
            "            'fn': int(np.sum(t & ~pred)), 'tn': int(np.sum(~t & ~pred))}\n",
            None,
        ),
    ],
    "q3": [
        (  # the smallest score: recall is always 1, but it is not the largest threshold
            "def threshold_for_recall(y_true, scores, target_recall):\n"
            "    return float(np.min(scores))\n",
            None,
        ),
        (  # > instead of >=: overshoots when the target is hit exactly
            "def threshold_for_recall(y_true, scores, target_recall):\n"
            "    for t in sorted(set(scores.tolist()), reverse=True):\n"
            "        if np.sum((scores >= t) & (y_true == 1)) / np.sum(y_true == 1) > target_recall:\n"
            "            return float(t)\n"
            "    return float(np.min(scores))\n",
            None,
        ),
        (  # precision instead of recall
            "def threshold_for_recall(y_true, scores, target_recall):\n"
            "    for t in sorted(set(scores.tolist()), reverse=True):\n"
            "        if np.sum((scores >= t) & (y_true == 1)) / np.sum(scores >= t) >= target_recall:\n"
            "            return float(t)\n"
            "    return float(np.min(scores))\n",
            None,
        ),
        (  # scans upward and stops at the first score that reaches the target: the smallest, not the largest
            "def threshold_for_recall(y_true, scores, target_recall):\n"
            "    for t in sorted(set(scores.tolist())):\n"
            "        if np.sum((scores >= t) & (y_true == 1)) / np.sum(y_true == 1) >= target_recall:\n"
            "            return float(t)\n",
            None,
        ),
        (  # the k-th largest score of all samples instead of the positives
            "import math\n"
            "def threshold_for_recall(y_true, scores, target_recall):\n"
            "    k = math.ceil(target_recall * np.sum(y_true == 1))\n"
            "    return float(np.sort(scores)[::-1][k - 1])\n",
            None,
        ),
    ],
    "q4": [
        (  # RMSE without the square root (MSE)
            "def regression_metrics(y_true, y_pred):\n"
            "    e = np.ravel(y_true) - np.ravel(y_pred)\n"
            "    return float(np.mean(e ** 2)), float(np.mean(np.abs(e))), float(np.mean(np.abs(e) / np.abs(np.ravel(y_true))))\n",
            None,
        ),
        (  # MAPE in percent
            "def regression_metrics(y_true, y_pred):\n"
            "    e = np.ravel(y_true) - np.ravel(y_pred)\n"
            "    return float(np.sqrt(np.mean(e ** 2))), float(np.mean(np.abs(e))), "
            "float(100 * np.mean(np.abs(e) / np.abs(np.ravel(y_true))))\n",
            None,
        ),
        (  # MAPE divided by the prediction
            "def regression_metrics(y_true, y_pred):\n"
            "    e = np.ravel(y_true) - np.ravel(y_pred)\n"
            "    return float(np.sqrt(np.mean(e ** 2))), float(np.mean(np.abs(e))), float(np.mean(np.abs(e) / np.abs(np.ravel(y_pred))))\n",
            None,
        ),
        (  # no ravel: (n,) - (n, 1) broadcasts to (n, n)
            "def regression_metrics(y_true, y_pred):\n"
            "    e = y_true - y_pred\n"
            "    return float(np.sqrt(np.mean(e ** 2))), float(np.mean(np.abs(e))), float(np.mean(np.abs(e) / np.abs(y_true)))\n",
            None,
        ),
        (  # MAPE divided by the signed true value (no absolute value)
            "def regression_metrics(y_true, y_pred):\n"
            "    t, p = np.ravel(y_true), np.ravel(y_pred)\n"
            "    e = t - p\n"
            "    return float(np.sqrt(np.mean(e ** 2))), float(np.mean(np.abs(e))), float(np.mean(np.abs(e) / t))\n",
            None,
        ),
    ],
    "q5": [
        (
            'metric_choice = {"a": "정밀도", "b": "재현율", "c": "정확도", "d": "F1", '
            '"e": "AUC", "f": "RMSE", "g": "MAE", "h": "MAPE"}\n',
            CHOICE_GRADED_ONLY,
        ),
        ('metric_choice = {k: "정확도" for k in "abcdefgh"}\n', CHOICE_GRADED_ONLY),
        (
            'metric_choice = {"a": "재현율", "b": "정밀도", "c": "정확도", "d": "F1", '
            '"e": "AUC", "f": "MAE", "g": "RMSE", "h": "MAPE"}\n',
            CHOICE_GRADED_ONLY,
        ),
        (
            'metric_choice = {"a": "Recall", "b": "Precision", "c": "Accuracy", "d": "F1", '
            '"e": "AUC", "f": "RMSE", "g": "MAE", "h": "MAPE"}\n',
            None,
        ),
        ('metric_choice = {"a": "재현율", "b": "정밀도"}\n', None),
    ],
    "q6": [
        (  # sample standard deviation
            "def kfold_summary(scores):\n    return float(np.mean(scores)), float(np.std(scores, ddof=1))\n",
            None,
        ),
        (  # variance instead of standard deviation
            "def kfold_summary(scores):\n    return float(np.mean(scores)), float(np.var(scores))\n",
            None,
        ),
        (  # swapped order
            "def kfold_summary(scores):\n    return float(np.std(scores)), float(np.mean(scores))\n",
            None,
        ),
        (  # list method that does not exist
            "def kfold_summary(scores):\n    return scores.mean(), scores.std()\n",
            None,
        ),
    ],
    "q7": [
        (  # zip instead of the product: pairs values up
            "def grid_combinations(param_grid):\n"
            "    keys = list(param_grid)\n"
            "    return [dict(zip(keys, values)) for values in zip(*param_grid.values())]\n",
            None,
        ),
        (  # the count instead of the combinations
            "def grid_combinations(param_grid):\n"
            "    return int(np.prod([len(v) for v in param_grid.values()]))\n",
            None,
        ),
        (  # nested loops hard-coded for two keys
            "def grid_combinations(param_grid):\n"
            "    (k1, v1), (k2, v2) = param_grid.items()\n"
            "    return [{k1: a, k2: b} for a in v1 for b in v2]\n",
            None,
        ),
        (  # sorts the keys (scikit-learn's ParameterGrid order)
            "import itertools\n"
            "def grid_combinations(param_grid):\n"
            "    keys = sorted(param_grid)\n"
            "    return [dict(zip(keys, values)) for values in itertools.product(*(param_grid[k] for k in keys))]\n",
            None,
        ),
        (  # first key changes fastest
            "import itertools\n"
            "def grid_combinations(param_grid):\n"
            "    keys = list(param_grid)[::-1]\n"
            "    combos = [dict(zip(keys, values)) for values in itertools.product(*(param_grid[k] for k in keys))]\n"
            "    return [{k: c[k] for k in param_grid} for c in combos]\n",
            None,
        ),
        (  # right combinations in the right order, but each dict's keys in sorted order
            "import itertools\n"
            "def grid_combinations(param_grid):\n"
            "    keys = list(param_grid)\n"
            "    combos = [dict(zip(keys, values)) for values in itertools.product(*param_grid.values())]\n"
            "    return [{k: c[k] for k in sorted(c)} for c in combos]\n",
            None,
        ),
    ],
    "q8": [
        (  # mean over the wrong axis: one number per model
            "def ensemble_average(prob_list, weights=None):\n"
            "    return np.mean(np.stack([np.ravel(p) for p in prob_list]), axis=1)\n",
            None,
        ),
        (  # weights not divided by their sum
            "def ensemble_average(prob_list, weights=None):\n"
            "    stacked = np.stack([np.ravel(p) for p in prob_list])\n"
            "    if weights is None:\n"
            "        return stacked.mean(axis=0)\n"
            "    return (np.asarray(weights)[:, None] * stacked).sum(axis=0)\n",
            None,
        ),
        (  # ignores the weights
            "def ensemble_average(prob_list, weights=None):\n"
            "    return np.mean(np.stack([np.ravel(p) for p in prob_list]), axis=0)\n",
            None,
        ),
        (  # keeps the Keras (n, 1) shape
            "def ensemble_average(prob_list, weights=None):\n"
            "    return np.average(np.stack(prob_list), axis=0, weights=weights)\n",
            None,
        ),
        (  # majority vote of labels instead of averaged probabilities
            "def ensemble_average(prob_list, weights=None):\n"
            "    votes = np.stack([np.ravel(p) >= 0.5 for p in prob_list])\n"
            "    return (votes.mean(axis=0) >= 0.5).astype(float)\n",
            None,
        ),
        (  # weights divided by the number of models instead of their sum
            "def ensemble_average(prob_list, weights=None):\n"
            "    stacked = np.stack([np.ravel(p) for p in prob_list])\n"
            "    w = np.ones(len(prob_list)) if weights is None else np.asarray(weights, dtype=float)\n"
            "    return (w[:, None] * stacked).mean(axis=0)\n",
            None,
        ),
    ],
    "q9": [
        (_final(train=False), None),  # compiled, never trained: the threshold that finds every case flags almost all
        (_final(learning_rate=1e-5, epochs=1), None),  # one epoch at a tiny learning rate: barely trained
        (_final(threshold="0.5"), None),  # the default threshold: misses a malignant validation case
        (  # a threshold for recall 0.95, not 1.0: misses validation cases
            _final(threshold="threshold_for_recall(y_val, final_model(X_val_s).numpy().ravel(), 0.95)"),
            None,
        ),
        (  # the threshold of another model's validation scores
            _final(threshold=(
                "threshold_for_recall(y_val, keras.Sequential([keras.Input(shape=(30,)), "
                "keras.layers.Dense(1, activation='sigmoid')])(X_val_s).numpy().ravel(), 1.0)"
            )),
            None,
        ),
        (  # the smallest validation score: finds every case, but is not the largest such threshold
            _final(threshold="float(final_model(X_val_s).numpy().min())"),
            None,
        ),
        (  # a constant output (all zeros): nothing to rank
            _final("keras.layers.Dense(1, activation='sigmoid', kernel_initializer='zeros', bias_initializer=keras.initializers.Constant(-40.0))",
                   train=False),
            None,
        ),
        (  # logits out (no sigmoid): not probabilities
            _final("keras.layers.Dense(32, activation='relu'), keras.layers.Dense(1)",
                   loss="keras.losses.BinaryCrossentropy(from_logits=True)"),
            None,
        ),
    ],
}


class TestExerciseContract(ExerciseContract):
    """The checks every chapter's exercises pass (tests/exercise_harness.py), for this chapter."""

    chapter = CHAPTER
    wrong = WRONG

    def test_q9_solution_calls_the_learners_own_q3_function(self):
        q9_answer = self.chapter.cells_by_grade_id()["q9_answer"].source
        assert "threshold_for_recall(" in solution_region(q9_answer)


# ---------------------------------------------------------------------------
# The notebook's narrative code
# ---------------------------------------------------------------------------


def test_exercises_appear_in_number_order():
    order = [c.metadata["nbgrader"]["grade_id"] for c in _notebook().cells if "nbgrader" in c.metadata]
    assert order == [f"{name}_{kind}" for name in CHAPTER.names for kind in ("answer", "test")]


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


def test_markdown_describes_the_check_cell_flow_not_separate_self_check_cells():
    for cell in _notebook().cells:
        if cell.cell_type == "markdown" and cell.source.startswith("### 문제"):
            assert "🔒 확인·채점 셀" in cell.source and ".hint()" in cell.source, cell.source.splitlines()[0]
            assert not re.search(r"아래 셀에서 `q\d\.check\(\)`", cell.source)


# ---------------------------------------------------------------------------
# Messages show what was found, never the expected value
# ---------------------------------------------------------------------------


def test_to_labels_strictly_greater_is_caught_visibly_by_the_tie_rule():
    seen = CHAPTER.visible("q1", _run(WRONG["q1"][0][0]))
    assert "확률이 임계값과 똑같으면 1" in seen.message and "`>=`" in seen.message
    assert "[0, 1, 1]" not in seen.message  # the expected labels of the tie example


def test_to_labels_bool_array_gets_a_dtype_message():
    result = _assert_incorrect("q1", _run(WRONG["q1"][3][0]), visible=True)
    assert "bool" in result.message and "정수" in result.message


def test_regression_message_shows_the_returned_triple_not_the_expected_one():
    result = _assert_incorrect("q4", _run(WRONG["q4"][1][0]), visible=True)
    assert "7.916666" in result.message  # MAPE in percent, what the learner returned
    assert describe(keys.q4.expected[0]) not in result.message


def test_threshold_message_does_not_show_the_expected_threshold():
    result = _assert_incorrect("q3", _run(WRONG["q3"][0][0]), visible=True)
    assert "0.6" not in result.message.replace("0.65", "")


def test_grid_key_order_is_checked_visibly():
    seen = CHAPTER.visible("q7", _run(WRONG["q7"][5][0]))
    assert "키 순서" in seen.message


def test_choice_map_self_check_is_not_an_oracle_and_grading_explains():
    wrong = _run(WRONG["q5"][0][0])
    right = CHAPTER.solution("q5")
    assert CHAPTER.visible("q5", wrong) == CHAPTER.visible("q5", right)
    graded = CHAPTER.graded("q5", wrong)
    assert "8개 중 6개" in graded.message and "FN" in graded.message


def test_checks_do_not_modify_their_own_examples():
    """A learner's function that changes its inputs in place must not spoil later checks."""
    mutating = (
        "def to_labels(probabilities, threshold=0.5):\n"
        "    p = np.asarray(probabilities).reshape(-1)\n"
        "    out = np.where(p >= threshold, 1, 0)\n"
        "    p[:] = 0\n"
        "    return out\n"
    )
    arrays = [e.args[0] for e in ch05.q1.examples] + [c.args[0] for c in keys.q1.hidden]
    before = [a.copy() for a in arrays]
    namespace = _run(mutating)
    assert CHAPTER.visible("q1", namespace).passed
    assert CHAPTER.graded("q1", namespace).passed
    assert all(np.array_equal(a, b) for a, b in zip(before, arrays))


# ---------------------------------------------------------------------------
# q9: a trained model and a threshold, judged by what the model computes
# ---------------------------------------------------------------------------


def test_q9_is_judged_on_the_notebooks_own_split():
    """q9 is checked on `cancer_split()`: the rows the notebook's section-1 cell gives."""
    cell = next(c.source for c in _notebook().cells if "train_test_split(X_all, y_all" in c.source)
    assert "test_size=0.2, stratify=y_all, random_state=SEED" in cell
    assert "test_size=0.25, stratify=y_rest, random_state=SEED" in cell
    assert "StandardScaler().fit(X_train)" in cell and "y_all = (y_bc == 0)" in cell
    parameters = next(c for c in _notebook().cells if "parameters" in c.metadata.get("tags", [])).source
    assert re.search(r"^SEED = (\d+)", parameters, re.M).group(1) == str(ch05.SPLIT_SEED) == str(SEED)
    split = ch05.cancer_split()
    for name in ("X_val_s", "y_val", "X_test_s", "y_test"):
        np.testing.assert_array_equal(split[name], _split()[name])
    assert int(split["y_val"].sum()) == 43 and int(split["y_test"].sum()) == 42  # as the prompt says


def test_q9_the_split_cell_reads_no_demo_parameter():
    """An answer that reads the split must not depend on EPOCHS: the training is a cell of its own."""
    cell = next(c.source for c in _notebook().cells if "train_test_split(X_all, y_all" in c.source)
    assert "EPOCHS" not in cell and "model.fit(" not in cell


def test_q9_solution_passes_with_margin():
    namespace = CHAPTER.solution("q9")
    model, threshold = namespace["final_choice"]
    split = ch05.cancer_split()
    test_scores = model(split["X_test_s"]).numpy().ravel()
    flagged = test_scores >= threshold
    recall = np.sum(flagged & (split["y_test"] == 1)) / np.sum(split["y_test"] == 1)
    precision = np.sum(flagged & (split["y_test"] == 1)) / np.sum(flagged)
    assert recall >= ch05.MIN_TEST_RECALL + 0.05 and precision >= ch05.MIN_TEST_PRECISION + 0.1, (recall, precision)
    assert np.sum(model(split["X_test_s"]).numpy().ravel() >= 0.5) < np.sum(flagged)  # a lower threshold than 0.5


def test_q9_messages_say_what_was_measured_never_an_expected_value():
    untrained = _assert_incorrect("q9", _run(WRONG["q9"][0][0]), visible=True)
    assert "테스트 데이터" in untrained.message and "정밀도" in untrained.message and "0.70보다 낮아" in untrained.message
    assert re.search(r"악성 환자 42명 중 \d+명을 찾고", untrained.message)
    default = _assert_incorrect("q9", _run(WRONG["q9"][2][0]), visible=True)
    assert "검증 데이터에서 `final_threshold` 0.5로 판정하면 악성 환자 43명 중" in default.message
    other = CHAPTER.visible("q9", _run(WRONG["q9"][4][0]))
    assert other.status is Status.INCORRECT and "검증 데이터" in other.message
    constant = CHAPTER.visible("q9", _run(WRONG["q9"][6][0]))
    assert "언제나" in constant.message
    logits = CHAPTER.visible("q9", _run(WRONG["q9"][7][0]))
    assert "0~1 범위를 벗어납니다" in logits.message
    # The solution's own threshold (an expected value of sorts) is never shown to a wrong answer.
    solution_threshold = CHAPTER.solution("q9")["final_threshold"]
    for result in (untrained, default, other):
        assert describe(solution_threshold) not in result.message


def test_q9_self_check_and_grading_agree_on_a_threshold_from_predict():
    """Scores from `predict` (batches of 32) and from `model(x)` differ in the last bits at most."""
    source = _final(threshold="threshold_for_recall(y_val, final_model.predict(X_val_s, verbose=0).ravel(), 1.0)")
    namespace = _run(source)
    assert CHAPTER.visible("q9", namespace).status is Status.CORRECT
    assert CHAPTER.graded("q9", namespace).status is Status.CORRECT


def test_q9_stub_with_blanks_is_not_attempted():
    namespace = _run("final_model = ...\nfinal_threshold = ...\nfinal_choice = (final_model, final_threshold)\n")
    assert CHAPTER.visible("q9", namespace).status is Status.NOT_ATTEMPTED
    assert CHAPTER.graded("q9", namespace).status is Status.NOT_ATTEMPTED


def test_q9_an_answer_that_trains_for_epochs_keeps_the_class_value_when_graded():
    """The key trains for a literal number of epochs; a learner's `epochs=EPOCHS` keeps EPOCHS at grading."""
    from autograder.demo_cells import parameters_read_by_learner, trusted_sources
    from autograder.parameters import FAST_PARAMETERS

    key = _notebook()
    trusted = trusted_sources(key)
    assert parameters_read_by_learner(key, set(FAST_PARAMETERS), trusted, CHAPTER.assignment) == set()
    answer = next(c for c in key.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q9_answer")
    assert "epochs=30" in solution_region(answer.source)
    original = answer.source
    answer.source = original.replace("epochs=30", "epochs=EPOCHS")
    assert parameters_read_by_learner(key, set(FAST_PARAMETERS), trusted, CHAPTER.assignment) == {"EPOCHS"}
    reused = (  # section 1's model, trained for EPOCHS by the chapter's own cell
        "final_model = cancer_model\n"
        "final_threshold = threshold_for_recall(y_val, final_model(X_val_s).numpy().ravel(), 1.0)\n"
    )
    answer.source = original.replace(solution_region(original), reused)
    assert parameters_read_by_learner(key, set(FAST_PARAMETERS), trusted, CHAPTER.assignment) == {"EPOCHS"}


def test_exercise_module_imports_no_tensorflow():
    code = "import sys, course.exercises.ch05; print('tensorflow' in sys.modules, 'sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False False"
