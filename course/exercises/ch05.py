"""Graded exercises of chapter 05 (평가하기), declared as data.

The notebook imports ``q1`` … ``q8`` and calls ``qN.check()`` (visible self-check),
``qN.hint()`` and, in the hidden nbgrader test cells, ``qN.grade()``.

Visible checks use small literal arrays shown in the notebook; hidden checks use other
predictions and other thresholds, Keras-shaped ``(n, 1)`` outputs and ties at the
threshold, so that the usual mistakes (``>`` instead of ``>=``, a forgotten ``ravel``,
MAPE in percent, the sample standard deviation, unnormalised weights) give a different
answer. Expected values are computed here with NumPy only; nothing in this module imports
TensorFlow or scikit-learn.
"""

from __future__ import annotations

import copy
import itertools
from typing import Any, Sequence

import numpy as np

from course.checks import (
    Case,
    ChoiceMapExercise,
    CustomExercise,
    FunctionExercise,
    Incorrect,
    call_learner_function,
    describe,
    values_match,
)

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]


# ---------------------------------------------------------------------------
# Reference computations (NumPy only) used to build the expected values
# ---------------------------------------------------------------------------


def _labels(scores, threshold: float = 0.5) -> np.ndarray:
    return np.where(np.asarray(scores, dtype=float).ravel() >= threshold, 1, 0)


def _counts(y_true, scores, threshold: float) -> dict[str, int]:
    y_true = np.asarray(y_true).ravel()
    pred = _labels(scores, threshold)
    return {
        "TP": int(np.sum((y_true == 1) & (pred == 1))),
        "FP": int(np.sum((y_true == 0) & (pred == 1))),
        "FN": int(np.sum((y_true == 1) & (pred == 0))),
        "TN": int(np.sum((y_true == 0) & (pred == 0))),
    }


def _largest_threshold(y_true, scores, target: float) -> float:
    """The largest value t among ``scores`` with recall(scores >= t) >= target."""
    y_true = np.asarray(y_true).ravel()
    scores = np.asarray(scores, dtype=float).ravel()
    positives = int(np.sum(y_true == 1))
    for t in sorted(set(scores.tolist()), reverse=True):
        if np.sum((scores >= t) & (y_true == 1)) / positives >= target:
            return float(t)
    raise ValueError("no threshold reaches the target")  # pragma: no cover - min score gives recall 1


def _regression(y_true, y_pred) -> tuple[float, float, float]:
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    error = y_true - y_pred
    return (
        float(np.sqrt(np.mean(error**2))),
        float(np.mean(np.abs(error))),
        float(np.mean(np.abs(error) / np.abs(y_true))),
    )


def _average(prob_list, weights=None) -> np.ndarray:
    stacked = np.stack([np.asarray(p, dtype=float).ravel() for p in prob_list])
    if weights is None:
        return stacked.mean(axis=0)
    weights = np.asarray(weights, dtype=float)
    return (weights[:, None] * stacked).sum(axis=0) / weights.sum()


# ---------------------------------------------------------------------------
# 문제 1. 확률을 레이블로 바꾸기
# ---------------------------------------------------------------------------

_Q1_RULE = (
    "`to_labels(probabilities, threshold=0.5)`는 확률이 임계값 이상(`>=`)이면 1, 아니면 0인 "
    "1차원 정수 배열을 돌려주어야 합니다. 입력은 1차원 배열일 수도, 케라스 `predict`가 내는 `(n, 1)` 모양일 수도 있습니다."
)


def _check_to_labels(function: Any, cases: Sequence[Case]) -> None:
    name = "to_labels"
    for case in cases:
        got = call_learner_function(name, function, *copy.deepcopy(case.args))
        array = np.asarray(got) if isinstance(got, (np.ndarray, list, tuple)) else None
        if array is not None and array.ndim == 1 and array.shape == np.shape(case.expected) and array.dtype.kind not in "iu":
            raise Incorrect(
                f"`{case.call_text(name)}`의 결과가 자료형 {array.dtype}인 배열입니다. "
                "`np.where(조건, 1, 0)`처럼 0과 1의 정수 배열로 돌려주세요."
            )
        if not values_match(got, case.expected):
            raise Incorrect(f"`{case.call_text(name)}`의 결과가 {describe(got)}입니다. {_Q1_RULE}")


_Q1_CASES = (
    Case((np.array([0.1, 0.62, 0.73, 0.49, 0.98]),), np.array([0, 1, 1, 0, 1])),
    Case((np.array([0.2, 0.6, 0.4, 0.25]), 0.3), np.array([0, 1, 1, 0])),
)
_Q1_HIDDEN = (
    Case((np.array([[0.91], [0.12], [0.5], [0.35]]),), np.array([1, 0, 1, 0]), label="케라스 출력 모양 (4, 1)의 확률"),
    Case((np.array([0.8, 0.79, 0.95, 0.1, 0.8]), 0.8), np.array([1, 0, 1, 0, 1])),
    Case((np.array([[0.05], [0.01], [0.5]]), 0.05), np.array([1, 0, 1]), label="(3, 1) 확률, 임계값 0.05"),
    Case((np.array([0.999, 0.3]), 0.99), np.array([1, 0])),
)

q1 = CustomExercise(
    title="문제 1",
    var="to_labels",
    points=2,
    rule=_Q1_RULE,
    hints=(
        "노트에서 확률을 0/1 레이블로 바꾼 `np.where` 한 줄을 떠올리세요. 여기서는 0.5 대신 `threshold`와 비교하고, 확률이 임계값과 똑같을 때는 1입니다.",
        "케라스의 `predict`는 `(n, 1)` 모양을 돌려줍니다. 입력을 `np.asarray`로 배열로 바꾼 뒤 `.ravel()`로 먼저 1차원으로 펴세요.",
        "먼저 입력을 배열로 바꿔 1차원으로 편 다음, 임계값과 **이상**(`>=`)으로 비교한 True/False 배열을 `np.where`로 1과 0으로 바꿔 돌려주세요. `>`로 비교하면 "
        "임계값과 똑같은 확률이 0이 되어 버립니다.",
    ),
    on_correct="추론이 내는 것은 확률이고, 평가하려면 임계값으로 레이블을 만들어야 합니다. 임계값은 0.5로 정해진 것이 아닙니다.",
    verifier=lambda function: _check_to_labels(function, _Q1_CASES),
    hidden_verifier=lambda function: _check_to_labels(function, _Q1_HIDDEN),
)


# ---------------------------------------------------------------------------
# 문제 2. 임계값을 정해 혼동행렬 네 칸 세기
# ---------------------------------------------------------------------------

_Q2_TRUE = np.array([1, 1, 0, 0, 1, 0, 1, 0])
_Q2_SCORES = np.array([0.9, 0.4, 0.6, 0.2, 0.5, 0.5, 0.8, 0.1])
_Q2_RNG = np.random.default_rng(5)
_Q2_RANDOM_TRUE = _Q2_RNG.integers(0, 2, 20)
_Q2_RANDOM_SCORES = np.round(_Q2_RNG.random((20, 1)), 2)

q2 = FunctionExercise(
    title="문제 2",
    var="confusion_counts_at",
    points=2,
    rule=(
        "`confusion_counts_at(y_true, scores, threshold)`는 점수가 임계값 이상(`>=`)이면 양성(1)으로 판정했을 때의 "
        "`{\"TP\": ..., \"FP\": ..., \"FN\": ..., \"TN\": ...}` 딕셔너리(값은 정수)를 돌려주어야 합니다. "
        "`scores`는 `(n, 1)` 모양일 수도 있습니다."
    ),
    hints=(
        "먼저 문제 1처럼 점수를 0/1 예측으로 바꾸고, 실제 값과 예측 값의 네 가지 조합을 세면 됩니다.",
        "`pred = np.where(np.asarray(scores).ravel() >= threshold, 1, 0)`을 만든 뒤 "
        "`np.sum((y_true == 1) & (pred == 1))`처럼 조건 두 개를 `&`로 묶어 세세요. FP는 '실제 0인데 1로 예측'입니다.",
        "TP는 (실제 1, 예측 1), FP는 (실제 0, 예측 1), FN은 (실제 1, 예측 0), TN은 (실제 0, 예측 0)입니다. "
        "`int(...)`로 바꿔 딕셔너리에 담으세요.",
    ),
    on_correct="임계값을 바꾸면 혼동행렬의 네 칸이 함께 움직입니다. 한 칸이 줄면 다른 칸이 늘어납니다.",
    cases=(
        Case((_Q2_TRUE, _Q2_SCORES, 0.5), _counts(_Q2_TRUE, _Q2_SCORES, 0.5), label="y_true, scores (위의 8개), 0.5"),
    ),
    hidden_cases=(
        Case((_Q2_TRUE, _Q2_SCORES, 0.3), _counts(_Q2_TRUE, _Q2_SCORES, 0.3), label="y_true, scores (위의 8개), 0.3"),
        Case((_Q2_TRUE, _Q2_SCORES, 0.85), _counts(_Q2_TRUE, _Q2_SCORES, 0.85), label="y_true, scores (위의 8개), 0.85"),
        Case(
            (_Q2_RANDOM_TRUE, _Q2_RANDOM_SCORES, 0.42),
            _counts(_Q2_RANDOM_TRUE, _Q2_RANDOM_SCORES, 0.42),
            label="숨겨진 20개, (20, 1) 모양 점수, 0.42",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 3. 목표 재현율을 지키는 가장 큰 임계값
# ---------------------------------------------------------------------------

_Q3_TRUE = np.array([1, 0, 1, 1, 0, 1, 0, 0, 1, 0])
_Q3_SCORES = np.array([0.95, 0.9, 0.8, 0.7, 0.65, 0.6, 0.4, 0.3, 0.2, 0.1])
_Q3_RNG = np.random.default_rng(11)
_Q3_RANDOM_TRUE = np.array([1] * 20 + [0] * 30)[_Q3_RNG.permutation(50)]
_Q3_RANDOM_SCORES = np.round(np.clip(0.35 * _Q3_RANDOM_TRUE + _Q3_RNG.normal(0.35, 0.2, 50), 0, 1), 2)
_Q3_TIES_TRUE = np.array([1, 1, 1, 0, 1, 0, 0, 1])
_Q3_TIES_SCORES = np.array([0.9, 0.7, 0.7, 0.7, 0.5, 0.5, 0.2, 0.5])


def _q3_case(y_true, scores, target, label=""):
    return Case((y_true, scores, target), _largest_threshold(y_true, scores, target), label=label)


q3 = FunctionExercise(
    title="문제 3",
    var="threshold_for_recall",
    points=3,
    rule=(
        "`threshold_for_recall(y_true, scores, target_recall)`는 `scores`에 들어 있는 값 가운데, 그 값을 임계값으로 "
        "썼을 때(`scores >= 임계값`이면 1) 재현율이 `target_recall` 이상이 되는 가장 큰 값을 실수로 돌려주어야 합니다."
    ),
    hints=(
        "임계값을 높은 값에서부터 하나씩 낮춰 가며 재현율을 계산해 보세요. 처음으로 목표에 닿는 값이 답입니다.",
        "후보는 점수 값들에서 중복을 없애고(`set`) 큰 것부터 늘어놓은 것(`sorted`의 `reverse=True`)입니다. 재현율 = (점수 ≥ t 이면서 실제 1인 개수) / (실제 "
        "1인 개수)이고, 목표와 같아도(`>=`) 됩니다.",
        "입력을 NumPy 배열로 바꾸고 실제 1인 개수를 먼저 세어 두세요. 후보를 큰 것부터 돌면서, 후보마다 '점수가 후보 이상'과 '실제 1'이라는 두 불리언 배열을 `&`로 묶어 "
        "`np.sum`으로 세고 재현율을 구합니다. 처음으로 목표 이상이 되면 그 후보를 `float`로 바꿔 바로 돌려주세요.",
    ),
    on_correct="고객 응대 직원처럼 놓치면 안 되는 쪽이라면, 목표 재현율을 먼저 정하고 그다음 임계값을 고릅니다.",
    cases=(
        _q3_case(_Q3_TRUE, _Q3_SCORES, 0.8, label="y_true, scores (위의 10개), 0.8"),
        _q3_case(_Q3_TRUE, _Q3_SCORES, 1.0, label="y_true, scores (위의 10개), 1.0"),
    ),
    hidden_cases=(
        _q3_case(_Q3_TRUE, _Q3_SCORES, 0.5, label="y_true, scores (위의 10개), 0.5"),
        _q3_case(_Q3_TRUE, _Q3_SCORES, 0.6, label="y_true, scores (위의 10개), 0.6"),
        _q3_case(_Q3_RANDOM_TRUE, _Q3_RANDOM_SCORES, 0.95, label="숨겨진 50개 (양성 20개), 0.95"),
        _q3_case(_Q3_RANDOM_TRUE, _Q3_RANDOM_SCORES, 0.9, label="숨겨진 50개 (양성 20개), 0.9"),
        _q3_case(_Q3_TIES_TRUE, _Q3_TIES_SCORES, 0.6, label="같은 점수가 여러 개인 8개, 0.6"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 4. 회귀 지표 직접 계산하기
# ---------------------------------------------------------------------------

_Q5_TRUE = np.array([100.0, 150.0, 200.0, 250.0])
_Q5_PRED = np.array([110.0, 140.0, 230.0, 250.0])
_Q5_RNG = np.random.default_rng(3)
_Q5_HIDDEN_TRUE = np.round(_Q5_RNG.uniform(50, 300, 12), 1)
_Q5_HIDDEN_PRED = np.round(_Q5_HIDDEN_TRUE + _Q5_RNG.normal(0, 40, 12), 1).reshape(-1, 1)

q4 = FunctionExercise(
    title="문제 4",
    var="regression_metrics",
    points=3,
    rule=(
        "`regression_metrics(y_true, y_pred)`는 `(RMSE, MAE, MAPE)` 세 실수를 이 순서로 돌려주어야 합니다. "
        "MAPE는 scikit-learn처럼 백분율이 아닌 비율(0.25 = 25%)이고 실제 값으로 나눕니다. "
        "`y_pred`는 케라스 출력처럼 `(n, 1)` 모양일 수도 있습니다."
    ),
    hints=(
        "먼저 실제 값에서 예측 값을 뺀 오차 배열을 한 번 구해 두세요. RMSE는 제곱 → 평균 → 제곱근, MAE는 절댓값 → 평균, MAPE는 |오차| / |실제 값| → 평균입니다.",
        "`y_pred`가 `(n, 1)`이고 `y_true`가 `(n,)`이면 빼기가 `(n, n)` 배열을 만들어 엉뚱한 값이 나옵니다. 두 배열 모두 `np.asarray`로 바꾼 뒤 "
        "`.ravel()`로 펴세요. MAPE에 100을 곱하지 마세요.",
        "① 두 입력을 실수 배열로 바꿔 1차원으로 펴고 ② 오차 배열을 구한 뒤 ③ `np.sqrt`, `np.mean`, `np.abs`를 첫 번째 힌트의 순서대로 조합해 세 지표를 계산하고 "
        "④ 각각 `float`로 바꿔 (RMSE, MAE, MAPE) 순서의 튜플로 돌려주세요. MAPE의 분모는 실제 값의 절댓값입니다.",
    ),
    on_correct="RMSE는 늘 MAE 이상입니다. 두 값의 차이가 크면 몇몇 큰 오차가 RMSE를 끌어올리고 있다는 뜻입니다.",
    cases=(Case((_Q5_TRUE, _Q5_PRED), _regression(_Q5_TRUE, _Q5_PRED)),),
    hidden_cases=(
        Case((_Q5_HIDDEN_TRUE, _Q5_HIDDEN_PRED), _regression(_Q5_HIDDEN_TRUE, _Q5_HIDDEN_PRED), label="숨겨진 12개, (12, 1) 모양 예측"),
        Case((np.array([3.0, 5.0, 2.0]), np.array([2.5, 5.0, 4.0])), _regression([3.0, 5.0, 2.0], [2.5, 5.0, 4.0])),
        Case((np.array([-2.0, 4.0]), np.array([-1.0, 3.0])), _regression([-2.0, 4.0], [-1.0, 3.0])),
    ),
)


# ---------------------------------------------------------------------------
# 문제 5. 상황에 맞는 평가 지표 고르기
# ---------------------------------------------------------------------------

q5 = ChoiceMapExercise(
    title="문제 5",
    var="metric_choice",
    points=3,
    rule=(
        "분류라면 어떤 실수(FP, FN)가 더 비싼지, 임계값이 정해졌는지, 클래스가 균형인지 보고, "
        "회귀라면 큰 오차에 더 큰 벌을 줄지, 오차를 원래 단위로 말할지 비율로 말할지 보고 고르세요."
    ),
    hints=(
        "먼저 분류 상황(a~e)과 회귀 상황(f~h)을 나누세요. 분류 지표는 정확도·정밀도·재현율·F1·AUC, 회귀 지표는 RMSE·MAE·MAPE입니다.",
        "FN(놓침)이 비싸면 재현율, FP(헛경보)가 비싸면 정밀도, 둘 다 비슷하게 중요하지만 불균형이면 F1, "
        "임계값을 정하기 전 모델의 '순위 매기는 능력'을 비교하려면 AUC입니다.",
        "RMSE는 오차를 제곱하므로 큰 오차에 더 큰 벌을 주고, MAE는 '평균 몇 개 틀렸나'를 원래 단위로 말하며, "
        "MAPE는 오차를 실제 값에 대한 비율로 말하므로 규모가 다른 대상을 함께 비교할 때 씁니다.",
    ),
    on_correct="좋은 지표는 '무엇이 더 비싼 실수인가'라는 질문에서 나옵니다. 지표를 고른 이유를 늘 말할 수 있어야 합니다.",
    choices=("정확도", "정밀도", "재현율", "F1", "AUC", "RMSE", "MAE", "MAPE"),
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
)


# ---------------------------------------------------------------------------
# 문제 6. K-폴드 점수 요약하기
# ---------------------------------------------------------------------------


def _summary(scores) -> tuple[float, float]:
    scores = np.asarray(scores, dtype=float)
    return float(scores.mean()), float(scores.std())


q6 = FunctionExercise(
    title="문제 6",
    var="kfold_summary",
    points=1,
    rule=(
        "`kfold_summary(scores)`는 폴드별 점수의 `(평균, 표준편차)` 두 실수를 이 순서로 돌려주어야 합니다. "
        "표준편차는 `np.std`의 기본값과 같은 모표준편차(ddof=0)입니다. `scores`는 리스트일 수도, 배열일 수도 있습니다."
    ),
    hints=(
        "리스트에는 `.mean()`이 없습니다. `np.asarray(scores)`로 바꾸거나 `np.mean`, `np.std` 함수를 쓰세요.",
        "`np.std(scores)`는 n으로 나누는 모표준편차이고, `ddof=1`을 주면 n - 1로 나누는 표본표준편차가 됩니다. 여기서는 기본값을 쓰세요.",
    ),
    on_correct="평균만 보지 말고 표준편차도 함께 보세요. 폴드마다 점수가 크게 흔들린다면 평균 하나를 믿기 어렵습니다.",
    cases=(Case(([0.9, 0.95, 0.85, 0.9, 0.9],), _summary([0.9, 0.95, 0.85, 0.9, 0.9])),),
    hidden_cases=(
        Case((np.array([0.97, 0.93, 0.99]),), _summary([0.97, 0.93, 0.99])),
        Case(([0.8, 0.6, 0.7, 0.9, 0.5, 0.6, 0.7, 0.8, 0.9, 0.5],), _summary([0.8, 0.6, 0.7, 0.9, 0.5, 0.6, 0.7, 0.8, 0.9, 0.5])),
        Case((np.array([0.75, 0.75, 0.75, 0.75]),), (0.75, 0.0)),
    ),
)


# ---------------------------------------------------------------------------
# 문제 7. 그리드 서치의 조합 만들기
# ---------------------------------------------------------------------------


def _grid(param_grid: dict) -> list[dict]:
    keys = list(param_grid)
    return [dict(zip(keys, values)) for values in itertools.product(*(param_grid[k] for k in keys))]


_Q7_GRID = {"units": [8, 32], "learning_rate": [0.01, 0.001]}
_Q7_HIDDEN = (
    {"learning_rate": [0.1, 0.01, 0.001], "units": [16, 64]},
    {"units": [4, 8], "activation": ["relu", "tanh"], "batch_size": [32]},
    {"epochs": [10, 20, 30]},
    {"dropout": [0.0, 0.5], "units": [8, 16], "learning_rate": [0.01, 0.001]},
)

q7 = FunctionExercise(
    title="문제 7",
    var="grid_combinations",
    points=2,
    rule=(
        "`grid_combinations(param_grid)`는 하이퍼파라미터 조합을 하나씩 딕셔너리로 담은 리스트를 돌려주어야 합니다. "
        "딕셔너리의 키는 `param_grid`의 키 순서 그대로이고, 리스트의 순서는 마지막 키의 값이 가장 빨리 바뀌는 순서"
        "(`itertools.product`의 순서)입니다."
    ),
    hints=(
        "하이퍼파라미터가 두 개라면 이중 `for` 문으로 모든 짝을 만들 수 있습니다. 그런데 키가 세 개, 네 개일 수도 있습니다.",
        "`itertools.product`에 값 목록들을 풀어서(`*`) 넘기면 모든 조합을 튜플로, 과제가 요구하는 순서대로 만들어 줍니다. 튜플 안의 값 순서는 넘긴 목록의 순서이니, 키 "
        "순서를 먼저 정해 두고 같은 순서로 값 목록을 넘기세요.",
        "키들을 리스트로 꺼내 두고, `itertools.product`가 내는 조합 튜플마다 `zip`으로 키와 값을 짝지어 `dict`로 만드세요. 이 딕셔너리들을 리스트 내포로 모아 돌려주면 "
        "됩니다.",
    ),
    on_correct="조합의 개수는 값 개수의 곱입니다. 하이퍼파라미터가 늘수록 그리드 서치의 비용은 곱으로 늘어납니다.",
    cases=(Case((_Q7_GRID,), _grid(_Q7_GRID)),),
    hidden_cases=tuple(Case((grid,), _grid(grid)) for grid in _Q7_HIDDEN),
)


# ---------------------------------------------------------------------------
# 문제 8. 확률 평균 앙상블
# ---------------------------------------------------------------------------

_Q8_PROBS = [np.array([0.9, 0.2, 0.6]), np.array([0.7, 0.4, 0.2]), np.array([0.8, 0.0, 0.7])]
_Q8_KERAS = [np.array([[0.8], [0.3], [0.55], [0.1]]), np.array([[0.6], [0.5], [0.35], [0.3]])]
_Q8_FOUR = [np.array([0.1, 0.9]), np.array([0.3, 0.7]), np.array([0.2, 0.6]), np.array([0.6, 1.0])]

q8 = FunctionExercise(
    title="문제 8",
    var="ensemble_average",
    points=3,
    rule=(
        "`ensemble_average(prob_list, weights=None)`는 모델별 확률 배열들을 샘플마다 평균한 1차원 실수 배열(길이 = 샘플 수)을 "
        "돌려주어야 합니다. `weights`가 주어지면 모델별 가중치를 가중치 합으로 나눈 가중 평균입니다. "
        "각 확률 배열은 `(n,)`일 수도, 케라스 출력처럼 `(n, 1)`일 수도 있습니다."
    ),
    hints=(
        "모델이 행, 샘플이 열이 되도록 쌓으면 평균할 방향이 분명해집니다: `np.stack([...])`의 모양은 `(모델 수, 샘플 수)`입니다.",
        "쌓기 전에 각 배열을 `np.asarray`로 바꾸고 `.ravel()`로 1차원으로 펴세요. 평균은 모델 방향(`axis=0`)으로 구합니다. 가중치가 있으면 `np.average`의 "
        "`weights` 인자가 가중치 합으로 나누는 일까지 해 줍니다.",
        "모델마다 편 배열을 리스트 내포로 만들어 `np.stack`으로 `(모델 수, 샘플 수)` 배열로 쌓으세요. 그 배열을 모델 축을 따라 `np.average`로 평균하면서 받은 "
        "`weights`를 그대로 넘기면 됩니다. `weights`가 `None`이면 `np.average`가 단순 평균을 구하므로 따로 나눌 필요가 없습니다.",
    ),
    on_correct="확률 평균 앙상블은 구현은 간단하지만, 서로 다른 실수를 하는 모델을 모을 때 효과가 큽니다.",
    cases=(Case((_Q8_PROBS,), _average(_Q8_PROBS), label="위의 모델 3개 확률"),),
    hidden_cases=(
        Case((_Q8_KERAS,), _average(_Q8_KERAS), label="케라스 출력 모양 (4, 1) 확률 2개"),
        Case((_Q8_KERAS, [1, 3]), _average(_Q8_KERAS, [1, 3]), label="(4, 1) 확률 2개, weights=[1, 3]"),
        Case((_Q8_PROBS, [2, 1, 1]), _average(_Q8_PROBS, [2, 1, 1]), label="위의 모델 3개 확률, weights=[2, 1, 1]"),
        Case((_Q8_FOUR,), _average(_Q8_FOUR), label="모델 4개, 샘플 2개의 확률"),
    ),
)
