"""Grading key of chapter 05 (평가하기). Instructor-only.

Expected values are computed here with NumPy reference implementations (never shipped to
students); hidden cases use other predictions, other thresholds, Keras-shaped ``(n, 1)``
outputs and ties, so that the usual mistakes (``>`` instead of ``>=``, a forgotten
``ravel``, MAPE in percent, the sample standard deviation, unnormalised weights) fail.
q9 (a trained model and its threshold) is judged by the public rule alone: what the
model computes on the chapter's own validation and test data.
"""

from __future__ import annotations

import itertools

import numpy as np

from autograder.keys.engine import Case, ChoiceKey, CustomKey, FunctionKey
from course.exercises import ch05 as public

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"]


# ---------------------------------------------------------------------------
# Reference computations (NumPy only)
# ---------------------------------------------------------------------------


def _reference_labels(scores, threshold: float = 0.5) -> np.ndarray:
    return np.where(np.asarray(scores, dtype=float).ravel() >= threshold, 1, 0)


def _reference_counts(y_true, scores, threshold: float) -> dict[str, int]:
    y_true = np.asarray(y_true).ravel()
    pred = _reference_labels(scores, threshold)
    return {
        "TP": int(np.sum((y_true == 1) & (pred == 1))),
        "FP": int(np.sum((y_true == 0) & (pred == 1))),
        "FN": int(np.sum((y_true == 1) & (pred == 0))),
        "TN": int(np.sum((y_true == 0) & (pred == 0))),
    }


def _reference_threshold(y_true, scores, target: float) -> float:
    """The largest value t among ``scores`` with recall(scores >= t) >= target."""
    y_true = np.asarray(y_true).ravel()
    scores = np.asarray(scores, dtype=float).ravel()
    positives = int(np.sum(y_true == 1))
    for t in sorted(set(scores.tolist()), reverse=True):
        if np.sum((scores >= t) & (y_true == 1)) / positives >= target:
            return float(t)
    raise ValueError("no threshold reaches the target")  # pragma: no cover - the minimum gives recall 1


def _reference_regression(y_true, y_pred) -> tuple[float, float, float]:
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    error = y_true - y_pred
    return (
        float(np.sqrt(np.mean(error**2))),
        float(np.mean(np.abs(error))),
        float(np.mean(np.abs(error) / np.abs(y_true))),
    )


def _reference_summary(scores) -> tuple[float, float]:
    scores = np.asarray(scores, dtype=float)
    return float(scores.mean()), float(scores.std())


def _reference_grid(param_grid: dict) -> list[dict]:
    keys = list(param_grid)
    return [dict(zip(keys, values)) for values in itertools.product(*(param_grid[k] for k in keys))]


def _reference_average(prob_list, weights=None) -> np.ndarray:
    stacked = np.stack([np.asarray(p, dtype=float).ravel() for p in prob_list])
    if weights is None:
        return stacked.mean(axis=0)
    weights = np.asarray(weights, dtype=float)
    return (weights[:, None] * stacked).sum(axis=0) / weights.sum()


def _expected(function, exercise) -> tuple:
    """The reference's result on every visible example of ``exercise``, in order."""
    return tuple(function(*example.args) for example in exercise.examples)


def _case(function, args: tuple, label: str = "") -> Case:
    return Case(args, function(*args), label=label)


# ---------------------------------------------------------------------------
# 문제 1
# ---------------------------------------------------------------------------

q1 = FunctionKey(
    public.q1,
    expected=_expected(_reference_labels, public.q1),
    hidden=(
        _case(_reference_labels, (np.array([0.8, 0.79, 0.95, 0.1, 0.8]), 0.8)),
        _case(_reference_labels, (np.array([[0.05], [0.01], [0.5]]), 0.05), label="(3, 1) 확률, 임계값 0.05"),
        _case(_reference_labels, (np.array([0.999, 0.3]), 0.99)),
    ),
)


# ---------------------------------------------------------------------------
# 문제 2
# ---------------------------------------------------------------------------

_Q2_RNG = np.random.default_rng(5)
_Q2_RANDOM_TRUE = _Q2_RNG.integers(0, 2, 20)
_Q2_RANDOM_SCORES = np.round(_Q2_RNG.random((20, 1)), 2)

q2 = FunctionKey(
    public.q2,
    expected=_expected(_reference_counts, public.q2),
    hidden=(
        _case(_reference_counts, (public.Q2_TRUE, public.Q2_SCORES, 0.85), label="y_true, scores (위의 8개), 0.85"),
        _case(_reference_counts, (public.Q2_TRUE, public.Q2_SCORES, 0.4), label="y_true, scores (위의 8개), 0.4"),
        _case(
            _reference_counts,
            (_Q2_RANDOM_TRUE, _Q2_RANDOM_SCORES, 0.42),
            label="숨겨진 20개, (20, 1) 모양 점수, 0.42",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 3
# ---------------------------------------------------------------------------

_Q3_RNG = np.random.default_rng(11)
_Q3_RANDOM_TRUE = np.array([1] * 20 + [0] * 30)[_Q3_RNG.permutation(50)]
_Q3_RANDOM_SCORES = np.round(np.clip(0.35 * _Q3_RANDOM_TRUE + _Q3_RNG.normal(0.35, 0.2, 50), 0, 1), 2)

q3 = FunctionKey(
    public.q3,
    expected=_expected(_reference_threshold, public.q3),
    hidden=(
        _case(_reference_threshold, (public.Q3_TRUE, public.Q3_SCORES, 0.5), label="y_true, scores (위의 10개), 0.5"),
        _case(_reference_threshold, (public.Q3_TRUE, public.Q3_SCORES, 0.6), label="y_true, scores (위의 10개), 0.6"),
        _case(_reference_threshold, (_Q3_RANDOM_TRUE, _Q3_RANDOM_SCORES, 0.95), label="숨겨진 50개 (양성 20개), 0.95"),
        _case(_reference_threshold, (_Q3_RANDOM_TRUE, _Q3_RANDOM_SCORES, 0.9), label="숨겨진 50개 (양성 20개), 0.9"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 4
# ---------------------------------------------------------------------------

_Q4_RNG = np.random.default_rng(3)
_Q4_HIDDEN_TRUE = np.round(_Q4_RNG.uniform(50, 300, 12), 1)
_Q4_HIDDEN_PRED = np.round(_Q4_HIDDEN_TRUE + _Q4_RNG.normal(0, 40, 12), 1).reshape(-1, 1)

q4 = FunctionKey(
    public.q4,
    expected=_expected(_reference_regression, public.q4),
    hidden=(
        _case(_reference_regression, (_Q4_HIDDEN_TRUE, _Q4_HIDDEN_PRED), label="숨겨진 12개, (12, 1) 모양 예측"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 5
# ---------------------------------------------------------------------------

q5 = ChoiceKey(
    public.q5,
    answers={
        "a": "재현율",
        "b": "정밀도",
        "c": "정확도",
        "d": "F1",
        "e": "AUC",
        "f": "RMSE",
        "g": "MAE",
        "h": "MAPE",
    },
    explanations={
        "a": "악성을 놓치는 실수(FN)가 가장 비싸니, 실제 악성 가운데 찾아낸 비율인 재현율을 봐야 합니다.",
        "b": "업무 메일을 스팸으로 잘못 거르는 실수(FP)가 비싸니, 스팸이라고 판정한 것 가운데 진짜 스팸의 비율인 정밀도를 봐야 합니다.",
        "c": "클래스가 반반이고 두 실수의 비용이 같으니 전체에서 맞힌 비율인 정확도로 충분합니다.",
        "d": "클래스가 심하게 불균형하고 FN과 FP가 비슷하게 중요하니, 정밀도와 재현율을 한 숫자로 묶는 F1이 알맞습니다.",
        "e": "임계값을 정하기 전에 샘플을 얼마나 잘 줄 세우는지 비교하려면 모든 임계값을 아우르는 AUC를 씁니다.",
        "f": "오차를 제곱해 큰 오차에 더 큰 벌을 주는 지표는 RMSE입니다.",
        "g": "'평균 몇 개 틀린다'처럼 원래 단위로 평균 오차를 말해 주는 지표는 MAE입니다.",
        "h": "가격대가 크게 다른 대상의 오차를 실제값에 대한 비율로 비교하려면 MAPE를 씁니다.",
    },
)


# ---------------------------------------------------------------------------
# 문제 6
# ---------------------------------------------------------------------------

q6 = FunctionKey(
    public.q6,
    expected=_expected(_reference_summary, public.q6),
    hidden=(
        _case(_reference_summary, ([0.8, 0.6, 0.7, 0.9, 0.5, 0.6, 0.7, 0.8, 0.9, 0.5],)),
        Case((np.array([0.6, 0.6, 0.6]),), (0.6, 0.0)),
    ),
)


# ---------------------------------------------------------------------------
# 문제 7
# ---------------------------------------------------------------------------

_Q7_HIDDEN = (
    {"learning_rate": [0.1, 0.01, 0.001], "units": [16, 64]},
    {"dropout": [0.0, 0.5], "units": [8, 16], "learning_rate": [0.01, 0.001]},
)

q7 = FunctionKey(
    public.q7,
    expected=_expected(_reference_grid, public.q7),
    hidden=tuple(_case(_reference_grid, (grid,)) for grid in _Q7_HIDDEN),
)


# ---------------------------------------------------------------------------
# 문제 8
# ---------------------------------------------------------------------------

_Q8_FIVE = [
    np.array([[0.2], [0.9], [0.4], [0.7], [0.05]]),
    np.array([[0.3], [0.8], [0.6], [0.5], [0.15]]),
    np.array([[0.1], [0.95], [0.5], [0.9], [0.25]]),
]

q8 = FunctionKey(
    public.q8,
    expected=_expected(_reference_average, public.q8),
    hidden=(
        _case(_reference_average, (public.Q8_KERAS, [1, 3]), label="(4, 1) 확률 2개, weights=[1, 3]"),
        _case(_reference_average, (_Q8_FIVE, [0.5, 0.25, 0.25]), label="(5, 1) 확률 3개, weights=[0.5, 0.25, 0.25]"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 9: the visible rule is the whole rule (the threshold is one of the model's validation
# scores and finds every malignant validation case; recall and precision on the test data);
# grading recomputes all of it on the chapter's own split with freshly imported code.
# ---------------------------------------------------------------------------

q9 = CustomKey(
    public.q9,
    summary=(
        "검증 데이터의 점수에서 고른 임계값이 검증 데이터의 악성 환자를 모두 찾고, 테스트 데이터에서 재현율 "
        f"{public.MIN_TEST_RECALL:.2f} 이상, 정밀도 {public.MIN_TEST_PRECISION:.2f} 이상입니다."
    ),
)
