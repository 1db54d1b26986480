"""Chapter 08's exercises: the notebook's solutions pass, known mistakes are caught.

Solutions are read from the answer cells of the source notebook and run here with the
context the notebook gives them (NumPy, pandas, TensorFlow, Keras, scipy.stats); the generic
contract is in tests/exercise_harness.py. No model is trained here: the region-share check
uses a hand-built model whose weights are set, and the Shapley reference is checked against
the real shap package on a small function.
"""

import re

import keras
import numpy as np
import pandas as pd
import pytest
import tensorflow as tf
from scipy import stats

from autograder.keys import ch08 as keys
from course import xai
from course.checks import Status
from course.exercises import ch08
from exercise_harness import ROOT, Chapter, ExerciseContract

CHAPTER = Chapter(
    "08_xai",
    ch08,
    keys,
    namespace=lambda: {"np": np, "pd": pd, "keras": keras, "tf": tf, "stats": stats},
    min_exercises=6,
    stub_raises=[],
    ignore_float_errors=True,
)
_run = CHAPTER.run

NOTES = ROOT / "autograder" / "instructor_notes" / "08_xai.md"


def _def(signature: str, body: str) -> str:
    return f"def {signature}:\n" + body


TOP = "top_features(coefficients, names, k)"
DROP = "permutation_drop(predict, X, y, column, order)"
SHAP = "shapley_values(f, x, baseline)"
GRAD = "input_gradient(f, x)"
SHARE = "region_share(heatmap, mask)"
RANK = "rank_similarity(map_a, map_b)"

_SHAPLEY_LOOP = (
    "    import itertools, math\n"
    "    x = np.asarray(x, dtype=float); baseline = np.asarray(baseline, dtype=float)\n"
    "    n = len(x); phi = np.zeros(n)\n"
    "    for i in range(n):\n"
    "        others = [j for j in range(n) if j != i]\n"
    "        for size in range(n):\n"
    "            weight = WEIGHT\n"
    "            for subset in itertools.combinations(others, size):\n"
    "                z = START\n"
    "                z[list(subset)] = x[list(subset)]\n"
    "                without = f(z)\n"
    "                z[i] = x[i]\n"
    "                phi[i] += weight * (f(z) - without)\n"
    "    return phi\n"
)
_SHAPLEY_WEIGHT = "math.factorial(size) * math.factorial(n - size - 1) / math.factorial(n)"


def _shapley(weight: str = _SHAPLEY_WEIGHT, start: str = "baseline.copy()") -> str:
    return _def(SHAP, _SHAPLEY_LOOP.replace("WEIGHT", weight).replace("START", start))


# ---------------------------------------------------------------------------
# Wrong answers: (source, None if the self-check catches it, else why only grading can)
# ---------------------------------------------------------------------------

WRONG = {
    "q1": [
        (_def(TOP, "    order = np.argsort(np.asarray(coefficients))[::-1][:k]\n    return [list(names)[i] for i in order]\n"), None),  # signed
        (_def(TOP, "    order = np.argsort(np.abs(coefficients))[:k]\n    return [list(names)[i] for i in order]\n"), None),  # smallest first
        (_def(TOP, "    return list(np.argsort(np.abs(coefficients))[::-1][:k])\n"), None),  # positions, not names
        (_def(TOP, "    order = np.argsort(np.abs(coefficients))[::-1]\n    return [list(names)[i] for i in order]\n"), None),  # ignores k
    ],
    "q2": [
        (  # subtracts the other way round
            _def(DROP, "    Xp = X.copy()\n    Xp[:, column] = X[order, column]\n    return float(np.mean(predict(Xp) == y) - np.mean(predict(X) == y))\n"),
            None,
        ),
        (  # clamps a negative drop at zero
            _def(DROP, "    Xp = X.copy()\n    Xp[:, column] = X[order, column]\n"
                       "    return max(0.0, float(np.mean(predict(X) == y) - np.mean(predict(Xp) == y)))\n"),
            None,
        ),
        (  # shuffles the column of X itself (no copy)
            _def(DROP, "    base = np.mean(predict(X) == y)\n    X[:, column] = X[order, column]\n"
                       "    return float(base - np.mean(predict(X) == y))\n"),
            None,
        ),
        (  # shuffles whole rows, not one column
            _def(DROP, "    return float(np.mean(predict(X) == y) - np.mean(predict(X[order]) == y))\n"),
            None,
        ),
    ],
    "q3": [
        (  # leave-one-out: f(x) − f(x with feature i at its baseline)
            _def(SHAP, "    x = np.asarray(x, dtype=float)\n    phi = np.zeros(len(x))\n"
                       "    for i in range(len(x)):\n        z = x.copy(); z[i] = baseline[i]\n        phi[i] = f(x) - f(z)\n    return phi\n"),
            None,
        ),
        (  # the feature alone: f(baseline with x_i) − f(baseline)
            _def(SHAP, "    b = np.asarray(baseline, dtype=float)\n    phi = np.zeros(len(x))\n"
                       "    for i in range(len(x)):\n        z = b.copy(); z[i] = x[i]\n        phi[i] = f(z) - f(b)\n    return phi\n"),
            None,
        ),
        (_shapley(weight="1 / 2 ** (n - 1)"), None),  # every coalition weighted equally
        (_shapley(start="np.zeros(n)"), None),  # absent features set to 0, not to the baseline
    ],
    "q4": [
        (  # forgets tape.watch: the gradient of a constant is None
            _def(GRAD, "    t = tf.constant(x, dtype=tf.float32)\n    with tf.GradientTape() as tape:\n        out = f(t)\n"
                       "    return tape.gradient(out, t).numpy()\n"),
            None,
        ),
        (  # returns the tensor, not a NumPy array
            _def(GRAD, "    t = tf.constant(x, dtype=tf.float32)\n    with tf.GradientTape() as tape:\n        tape.watch(t)\n        out = f(t)\n"
                       "    return tape.gradient(out, t)\n"),
            None,
        ),
        (  # forward finite difference: off by about h
            _def(GRAD, "    x = np.asarray(x, dtype=float)\n    h = 1e-3\n    grad = np.zeros_like(x)\n    base = float(f(tf.constant(x, dtype=tf.float32)))\n"
                       "    for index in np.ndindex(x.shape):\n        step = x.copy(); step[index] += h\n"
                       "        grad[index] = (float(f(tf.constant(step, dtype=tf.float32))) - base) / h\n    return grad\n"),
            None,
        ),
    ],
    "q5": [
        (_def(SHARE, "    return float(np.mean(mask))\n"), None),  # share of cells
        (_def(SHARE, "    return float(heatmap[mask].sum() / heatmap.sum())\n"), None),  # nan for an all-zero map
        (_def(SHARE, "    total = heatmap.mean()\n    return float(heatmap[mask].mean() / total) if total > 0 else 0.0\n"), None),  # ratio of means
        (_def(SHARE, "    total = heatmap.sum()\n    return float(heatmap[~mask].sum() / total) if total > 0 else 0.0\n"), None),  # outside
    ],
    "q6": [
        (_def(RANK, "    return float(np.corrcoef(np.ravel(map_a), np.ravel(map_b))[0, 1])\n"), None),  # Pearson on values
        (  # ranks by a double argsort: ties get different ranks
            _def(RANK, "    a = np.ravel(map_a).argsort().argsort(); b = np.ravel(map_b).argsort().argsort()\n"
                       "    return float(np.corrcoef(a, b)[0, 1])\n"),
            None,
        ),
        (_def(RANK, "    return float(stats.spearmanr(map_a, map_b).statistic)\n"), None),  # 2-D maps not flattened
    ],
}


class TestExerciseContract(ExerciseContract):
    chapter = CHAPTER
    wrong = WRONG


# ---------------------------------------------------------------------------
# Chapter-specific checks
# ---------------------------------------------------------------------------


def test_q3_reference_agrees_with_shap_exact_on_a_one_row_background():
    """The notebook says shap's Exact explainer with an independent masker on one baseline row gives
    the same numbers as the definition: the key's reference agrees with the real shap package."""
    import shap

    rng = np.random.default_rng(3)
    x, baseline = rng.normal(size=4), rng.normal(size=4)

    def f(z):
        return np.tanh(z[0] * z[1]) + 0.5 * z[2] ** 2 - z[3] * z[0]

    explainer = shap.explainers.Exact(lambda rows: np.array([f(row) for row in rows]), shap.maskers.Independent(baseline[None], max_samples=1))
    expected = explainer(x[None]).values[0]
    np.testing.assert_allclose(keys._reference_shapley(f, x, baseline), expected, atol=1e-8)


def test_q4_reference_agrees_with_a_central_finite_difference():
    x = np.array([0.3, -0.7, 1.1])
    h = 1e-3
    finite = [(float(ch08.sigmoid_score(tf.constant(x + h * e, tf.float32))) - float(ch08.sigmoid_score(tf.constant(x - h * e, tf.float32)))) / (2 * h)
              for e in np.eye(3)]
    np.testing.assert_allclose(keys._reference_gradient(ch08.sigmoid_score, x), finite, atol=1e-3)


def test_q6_reference_is_scipy_spearman_with_average_ranks():
    a, b = keys._sparse, keys._sparse_b
    assert keys._reference_rank(a, b) == pytest.approx(stats.spearmanr(a.ravel(), b.ravel()).statistic, abs=1e-12)


def test_q5_solution_finds_the_region_a_hand_built_model_reads():
    """Section 3.4's model sums the top-left quadrant only: its saliency map lies wholly inside it."""
    quadrant = np.zeros((28, 28), dtype=bool)
    quadrant[:14, :14] = True
    model = keras.Sequential([keras.Input(shape=(28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(1)])
    model.layers[-1].set_weights([quadrant.reshape(784, 1).astype("float32"), np.zeros(1, dtype="float32")])
    image = np.random.default_rng(0).uniform(size=(28, 28, 1))
    region_share = CHAPTER.solution("q5")["region_share"]
    saliency = xai.saliency_map(model, image)
    assert region_share(saliency, quadrant) == pytest.approx(1.0)
    assert region_share(saliency, ~quadrant) == pytest.approx(0.0)


def test_q3_efficiency_is_named_when_the_values_do_not_add_up():
    result = CHAPTER.visible("q3", _run(_shapley(weight="1 / 2 ** (n - 1)")))
    assert result.status is Status.INCORRECT
    assert "효율성" in result.message or "f(x) − f(baseline)" in result.message, result.message


def test_q2_and_q4_messages_name_the_broken_rule():
    in_place = CHAPTER.visible("q2", _run(WRONG["q2"][2][0]))
    assert "X.copy()" in in_place.message and "바꿨습니다" in in_place.message
    tensor = CHAPTER.visible("q4", _run(WRONG["q4"][1][0]))
    assert ".numpy()" in tensor.message
    names = CHAPTER.visible("q1", _run(WRONG["q1"][2][0]))
    assert "이름" in names.message


def test_prompts_state_the_rules_the_examples_stand_for():
    """Every visible example's `why` is a rule the prompt states in words."""
    cells = CHAPTER.notebook().cells
    prompts = {}
    for index, cell in enumerate(cells):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.endswith("_answer"):
            prompts[grade_id.removesuffix("_answer")] = cells[index - 1].source
    assert "절댓값" in prompts["q1"] and "pandas `Index`" in prompts["q1"]
    assert "복사본" in prompts["q2"] and "음수를 그대로" in prompts["q2"]
    assert "효율성" in prompts["q3"] and "baseline" in prompts["q3"]
    assert "같은 모양의 NumPy 배열" in prompts["q4"] and "유한 차분" in prompts["q4"]
    assert "0.0" in prompts["q5"] and "개수" in prompts["q5"]
    assert "평균 순위" in prompts["q6"] and "펼쳐서" in prompts["q6"]


# ---------------------------------------------------------------------------
# Instructor notes for the discussion prompts (not graded, never released)
# ---------------------------------------------------------------------------


def _discussion_prompts() -> list[str]:
    """The numbered questions of the notebook's 토론 section."""
    cell = next(c for c in CHAPTER.notebook().cells if c.cell_type == "markdown" and "### 4.3 토론" in c.source)
    section = cell.source.split("### 4.3 토론", 1)[1]
    return re.findall(r"^(\d+)\. \*\*([^*]+)\*\*", section, flags=re.M)


def test_every_discussion_prompt_has_a_model_answer_in_the_instructor_notes():
    prompts = _discussion_prompts()
    assert 2 <= len(prompts) <= 4, prompts
    notes = NOTES.read_text(encoding="utf-8")
    answers = dict(re.findall(r"^## 토론 (\d+)\. (.+)$", notes, flags=re.M))
    for number, title in prompts:
        assert answers.get(number, "").strip() == title.strip(), (number, title, answers)
        body = notes.split(f"## 토론 {number}.", 1)[1].split("\n## ", 1)[0]
        assert len(body.strip()) > 200, f"토론 {number}: the model answer is too short"
    assert len(answers) == len(prompts)


def test_instructor_notes_are_not_shipped_to_students():
    """Students receive course/ only (embedded in the first cell); the notes live under autograder/."""
    from autograder.bundle import bundle_files

    assert NOTES.is_file()
    assert not [path for path in bundle_files() if "instructor" in path.as_posix() or path.suffix == ".md"]
