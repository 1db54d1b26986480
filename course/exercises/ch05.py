"""Chapter 05 (평가하기): what a student may see of each exercise.

The notebook imports ``q1`` … ``q9``; each test cell runs ``qN.check()`` (the visible
self-check) and, hidden, the instructor's grading key. This module holds
rules, hints, the inputs of the visible examples and public property checks (output type
and shape, key order) only; the expected values of the examples are sealed in
``sealed.json``.

- q9: a Keras model the learner trains and a threshold chosen with their own q3 function on
  the validation data, judged by what the model computes: on the chapter's own split
  (recomputed here by :func:`cancer_split`), the threshold is one of the model's validation
  scores and finds every malignant validation case, and on the test data it reaches the
  stated recall and precision. Self-check and grading run the same checks.

Importing this module imports neither TensorFlow nor scikit-learn; q9's check does, lazily.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np

from course.checks import (
    ChoiceMapExercise,
    CustomExercise,
    Example,
    FunctionExercise,
    Incorrect,
    NotAttempted,
    describe,
)

CHAPTER = "05_evaluation"

__all__ = ["CHAPTER", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"]


# ---------------------------------------------------------------------------
# 문제 1. 확률을 레이블로 바꾸기
# ---------------------------------------------------------------------------

_Q1_RULE = (
    "`to_labels(probabilities, threshold=0.5)`는 확률이 임계값 이상(`>=`)이면 1, 아니면 0인 "
    "1차원 정수 배열을 돌려주어야 합니다. 확률이 임계값과 똑같으면 1입니다. "
    "입력은 1차원 배열일 수도, 케라스 `predict`가 내는 `(n, 1)` 모양일 수도 있습니다."
)

# The Keras-shaped visible example, also used by the public dtype check.
_Q1_KERAS_EXAMPLE = Example(
    (np.array([[0.91], [0.12], [0.5], [0.35]]),), label="케라스 출력 모양 (4, 1)의 확률", why="입력이 `(n, 1)` 모양이어도 결과는 1차원"
)


def _labels_are_integers(function: Any) -> None:
    """Public property: the result is an array of integers (not booleans, not floats)."""
    name = "to_labels"
    got = _Q1_KERAS_EXAMPLE.call(name, function, _Q1_RULE)
    if isinstance(got, (np.ndarray, list, tuple)):
        array = np.asarray(got)
        if array.size and array.dtype.kind not in "iu":
            raise Incorrect(
                f"`{_Q1_KERAS_EXAMPLE.call_text(name)}`의 결과가 자료형 {array.dtype}인 배열입니다. "
                "True/False나 실수가 아니라 0과 1의 정수 배열로 돌려주세요."
            )


q1 = FunctionExercise(
    chapter=CHAPTER,
    name="q1",
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
    graded_also="다른 확률과 임계값 3가지(임계값과 똑같은 확률, `(n, 1)` 모양 포함)",
    before=_labels_are_integers,
    examples=(
        Example((np.array([0.1, 0.62, 0.73, 0.49, 0.98]),)),
        Example((np.array([0.7, 0.2, 0.81, 0.79]), 0.8), why="임계값은 `threshold` 인자로 정합니다"),
        Example((np.array([0.3, 0.5, 0.7]),), why="확률이 임계값과 똑같으면 1"),
        _Q1_KERAS_EXAMPLE,
    ),
)


# ---------------------------------------------------------------------------
# 문제 2. 임계값을 정해 혼동행렬 네 칸 세기
# ---------------------------------------------------------------------------

Q2_TRUE = np.array([1, 1, 0, 0, 1, 0, 1, 0])
Q2_SCORES = np.array([0.9, 0.4, 0.6, 0.2, 0.5, 0.5, 0.8, 0.1])
_CELLS = ("TP", "FP", "FN", "TN")
_Q2_RULE = (
    "`confusion_counts_at(y_true, scores, threshold)`는 점수가 임계값 이상(`>=`)이면 양성(1)으로 판정했을 때의 "
    "`{\"TP\": ..., \"FP\": ..., \"FN\": ..., \"TN\": ...}` 딕셔너리(값은 정수)를 돌려주어야 합니다. "
    "`scores`는 `(n, 1)` 모양일 수도 있습니다."
)
_Q2_FIRST_EXAMPLE = Example((Q2_TRUE, Q2_SCORES, 0.5), label="y_true, scores (위의 8개), 0.5", why="점수가 임계값과 똑같으면 양성")


def _counts_are_a_dict_of_integers(function: Any) -> None:
    """Public property: a dict with exactly the keys TP, FP, FN, TN and integer counts."""
    name = "confusion_counts_at"
    got = _Q2_FIRST_EXAMPLE.call(name, function, _Q2_RULE)
    if not isinstance(got, dict):
        raise Incorrect(
            f"`{name}`는 딕셔너리를 돌려주어야 하는데, 돌려준 값은 {describe(got)}입니다. "
            '`{"TP": ..., "FP": ..., "FN": ..., "TN": ...}` 모양으로 돌려주세요.'
        )
    if set(got) != set(_CELLS):
        raise Incorrect(
            f"`{name}`가 돌려준 딕셔너리의 키가 {sorted(map(str, got))}입니다. 키는 정확히 "
            '"TP", "FP", "FN", "TN" 네 개여야 합니다.'
        )
    not_int = [key for key in _CELLS if not isinstance(got[key], (int, np.integer)) or isinstance(got[key], bool)]
    if not_int:
        raise Incorrect(
            f"`{name}`가 돌려준 {', '.join(not_int)}의 값이 정수가 아닙니다 "
            f"({', '.join(describe(got[k]) for k in not_int)}). 개수는 `int(...)`로 바꿔 담으세요."
        )


q2 = FunctionExercise(
    chapter=CHAPTER,
    name="q2",
    title="문제 2",
    var="confusion_counts_at",
    points=2,
    rule=_Q2_RULE,
    hints=(
        "먼저 문제 1처럼 점수를 0/1 예측으로 바꾸고, 실제값과 예측값의 네 가지 조합을 세면 됩니다.",
        "점수가 `(n, 1)` 모양이면 먼저 1차원으로 펴고 `threshold`와 `>=`로 비교해 예측을 만드세요. 그다음 "
        "`np.sum((y_true == 1) & (pred == 1))`처럼 조건 두 개를 `&`로 묶어 세면 됩니다. FP는 '실제 0인데 1로 예측'입니다.",
        "TP는 (실제 1, 예측 1), FP는 (실제 0, 예측 1), FN은 (실제 1, 예측 0), TN은 (실제 0, 예측 0)입니다. "
        "네 개수를 각각 `int(...)`로 바꿔 딕셔너리에 담으세요.",
    ),
    on_correct="임계값을 바꾸면 혼동행렬의 네 칸이 함께 움직입니다. 한 칸이 줄면 다른 칸이 늘어납니다.",
    graded_also="다른 임계값과 다른 데이터 20개(`(20, 1)` 모양 점수)",
    before=_counts_are_a_dict_of_integers,
    examples=(
        _Q2_FIRST_EXAMPLE,
        Example(
            (Q2_TRUE, Q2_SCORES.reshape(-1, 1), 0.3),
            label="y_true, scores를 (8, 1) 모양으로, 0.3",
            why="`scores`가 `(n, 1)` 모양이고 임계값이 0.5가 아니어도",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 3. 목표 재현율을 지키는 가장 큰 임계값
# ---------------------------------------------------------------------------

Q3_TRUE = np.array([1, 0, 1, 1, 0, 1, 0, 0, 1, 0])
Q3_SCORES = np.array([0.95, 0.9, 0.8, 0.7, 0.65, 0.6, 0.4, 0.3, 0.2, 0.1])
_Q3_TIES_TRUE = np.array([1, 1, 1, 0, 1, 0, 0, 1])
_Q3_TIES_SCORES = np.array([0.9, 0.7, 0.7, 0.7, 0.5, 0.5, 0.2, 0.5])

q3 = FunctionExercise(
    chapter=CHAPTER,
    name="q3",
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
    graded_also="다른 목표 재현율과 다른 데이터 50개",
    examples=(
        Example((Q3_TRUE, Q3_SCORES, 0.8), label="y_true, scores (위의 10개), 0.8", why="재현율이 목표와 같아도 됩니다"),
        Example((Q3_TRUE, Q3_SCORES, 1.0), label="y_true, scores (위의 10개), 1.0"),
        Example(
            (_Q3_TIES_TRUE, _Q3_TIES_SCORES, 0.6),
            label="같은 점수가 여러 개인 8개, 0.6",
            why="같은 점수는 함께 1이 됩니다 (`scores >= 임계값`)",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 4. 회귀 지표 직접 계산하기
# ---------------------------------------------------------------------------

Q4_TRUE = np.array([100.0, 150.0, 200.0, 250.0])
Q4_PRED = np.array([110.0, 140.0, 230.0, 250.0])

q4 = FunctionExercise(
    chapter=CHAPTER,
    name="q4",
    title="문제 4",
    var="regression_metrics",
    points=3,
    rule=(
        "`regression_metrics(y_true, y_pred)`는 `(RMSE, MAE, MAPE)` 세 실수를 이 순서로 돌려주어야 합니다. "
        "MAPE는 scikit-learn처럼 백분율이 아닌 비율(0.25 = 25%)이고 실제값의 절댓값으로 나눕니다. "
        "`y_pred`는 케라스 출력처럼 `(n, 1)` 모양일 수도 있습니다."
    ),
    hints=(
        "먼저 실제값에서 예측값을 뺀 오차 배열을 한 번 구해 두세요. RMSE는 제곱 → 평균 → 제곱근, MAE는 절댓값 → 평균, MAPE는 |오차| / |실제값| → 평균입니다.",
        "`y_pred`가 `(n, 1)`이고 `y_true`가 `(n,)`이면 빼기가 `(n, n)` 배열을 만들어 엉뚱한 값이 나옵니다. 두 배열 모두 `np.asarray`로 바꾼 뒤 "
        "`.ravel()`로 펴세요. MAPE에 100을 곱하지 마세요.",
        "① 두 입력을 실수 배열로 바꿔 1차원으로 펴고 ② 오차 배열을 구한 뒤 ③ `np.sqrt`, `np.mean`, `np.abs`를 첫 번째 힌트의 순서대로 조합해 세 지표를 계산하고 "
        "④ 각각 `float`로 바꿔 (RMSE, MAE, MAPE) 순서의 튜플로 돌려주세요. MAPE의 분모는 실제값의 절댓값입니다.",
    ),
    on_correct="RMSE는 늘 MAE 이상입니다. 두 값의 차이가 크면 몇몇 큰 오차가 RMSE를 끌어올리고 있다는 뜻입니다.",
    graded_also="다른 데이터 12개(`(12, 1)` 모양 예측)",
    examples=(
        Example((Q4_TRUE, Q4_PRED)),
        Example(
            (np.array([3.0, 5.0, 2.0]), np.array([[2.5], [5.0], [4.0]])),
            label="[3.0, 5.0, 2.0], (3, 1) 모양의 [[2.5], [5.0], [4.0]]",
            why="`y_pred`가 `(n, 1)` 모양이어도",
        ),
        Example((np.array([-2.0, 4.0]), np.array([-1.0, 3.0])), why="실제값이 음수여도 MAPE의 분모는 실제값의 절댓값"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 5. 상황에 맞는 평가 지표 고르기
# ---------------------------------------------------------------------------

q5 = ChoiceMapExercise(
    chapter=CHAPTER,
    name="q5",
    title="문제 5",
    var="metric_choice",
    points=3,
    rule=(
        "분류라면 어떤 실수(FP, FN)가 더 비싼지, 임계값이 정해졌는지, 클래스가 균형인지 보고, "
        "회귀라면 큰 오차에 더 큰 벌을 줄지, 오차를 원래 단위로 말할지 비율로 말할지 보고 고르세요."
    ),
    hints=(
        "먼저 분류 상황(a~e)과 회귀 상황(f~h)을 나누세요. 분류 지표는 정확도·정밀도·재현율·F1·AUC, 회귀 지표는 RMSE·MAE·MAPE입니다.",
        "분류 상황마다 더 비싼 실수가 FN(놓침)인지 FP(헛경보)인지, 둘 다 비슷한지 먼저 적어 보세요. 그다음 2장과 3절을 떠올려 "
        "놓침을 줄이는 지표, 헛경보를 줄이는 지표, 둘을 한 숫자로 묶는 지표, 임계값 없이 순서 매기는 능력을 보는 지표를 짝지으세요.",
        "회귀 상황은 4절 표의 '읽는 법' 열과 견주어 보세요. 오차를 제곱하는지, 원래 단위로 말하는지, 실제값에 대한 비율로 말하는지가 "
        "세 지표를 가릅니다. 상황 설명에서 굵게 쓴 말이 어느 성질을 원하는지 살펴보세요.",
    ),
    on_correct="좋은 지표는 '무엇이 더 비싼 실수인가'라는 질문에서 나옵니다. 지표를 고른 이유를 늘 말할 수 있어야 합니다.",
    choices=("정확도", "정밀도", "재현율", "F1", "AUC", "RMSE", "MAE", "MAPE"),
    keys=("a", "b", "c", "d", "e", "f", "g", "h"),
)


# ---------------------------------------------------------------------------
# 문제 6. K-폴드 점수 요약하기
# ---------------------------------------------------------------------------

q6 = FunctionExercise(
    chapter=CHAPTER,
    name="q6",
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
    graded_also="다른 점수 목록 2가지(모든 점수가 같은 경우 포함)",
    examples=(
        Example(([0.9, 0.95, 0.85, 0.9, 0.9],), why="`scores`가 리스트여도, 표준편차는 모표준편차(ddof=0)"),
        Example((np.array([0.97, 0.93, 0.99]),), why="`scores`가 NumPy 배열이어도"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 7. 그리드 서치의 조합 만들기
# ---------------------------------------------------------------------------

Q7_GRID = {"units": [8, 32], "learning_rate": [0.01, 0.001]}
_Q7_RULE = (
    "`grid_combinations(param_grid)`는 하이퍼파라미터 조합을 하나씩 딕셔너리로 담은 리스트를 돌려주어야 합니다. "
    "딕셔너리의 키는 `param_grid`의 키 순서 그대로이고, 리스트의 순서는 마지막 키의 값이 가장 빨리 바뀌는 순서"
    "(`itertools.product`의 순서)입니다. 키는 하나일 수도, 셋 이상일 수도 있습니다."
)
_Q7_THREE_KEYS = Example(({"units": [4, 8], "activation": ["relu", "tanh"], "batch_size": [32]},), why="키가 셋 이상이어도")


def _combinations_keep_the_key_order(function: Any) -> None:
    """Public property: a list of dicts whose keys follow ``param_grid``'s order."""
    name = "grid_combinations"
    (grid,) = _Q7_THREE_KEYS.args
    got = _Q7_THREE_KEYS.call(name, function, _Q7_RULE)
    if not isinstance(got, list) or not all(isinstance(item, dict) for item in got):
        raise Incorrect(
            f"`{name}`는 조합마다 딕셔너리 하나씩을 담은 리스트를 돌려주어야 하는데, 돌려준 값은 {describe(got)}입니다."
        )
    for item in got:
        if list(item) != list(grid):
            raise Incorrect(
                f"`{name}({describe(grid, 80)})`가 돌려준 조합의 키 순서가 {list(item)}입니다. "
                "조합 딕셔너리의 키는 `param_grid`의 키 순서 그대로여야 합니다."
            )


q7 = FunctionExercise(
    chapter=CHAPTER,
    name="q7",
    title="문제 7",
    var="grid_combinations",
    points=2,
    rule=_Q7_RULE,
    hints=(
        "하이퍼파라미터가 두 개라면 이중 `for` 문으로 모든 짝을 만들 수 있습니다. 그런데 키가 하나일 수도, 셋이나 넷일 수도 있습니다.",
        "`itertools.product`에 값 목록들을 풀어서(`*`) 넘기면 모든 조합을 튜플로, 과제가 요구하는 순서대로 만들어 줍니다. 튜플 안의 값 순서는 넘긴 목록의 순서이니, 키 "
        "순서를 먼저 정해 두고 같은 순서로 값 목록을 넘기세요.",
        "키들을 리스트로 꺼내 두고, `itertools.product`가 내는 조합 튜플마다 `zip`으로 키와 값을 짝지어 `dict`로 만드세요. 이 딕셔너리들을 리스트에 모아 돌려주면 "
        "됩니다.",
    ),
    on_correct="조합의 개수는 값 개수의 곱입니다. 하이퍼파라미터가 늘수록 그리드 서치의 비용은 곱으로 늘어납니다.",
    graded_also="다른 그리드 2가지(키 순서가 다르거나 키가 셋인 경우)",
    before=_combinations_keep_the_key_order,
    examples=(
        Example((Q7_GRID,)),
        _Q7_THREE_KEYS,
        Example(({"epochs": [10, 20, 30]},), why="키가 하나여도"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 8. 확률 평균 앙상블
# ---------------------------------------------------------------------------

Q8_PROBS = [np.array([0.9, 0.2, 0.6]), np.array([0.7, 0.4, 0.2]), np.array([0.8, 0.0, 0.7])]
Q8_KERAS = [np.array([[0.8], [0.3], [0.55], [0.1]]), np.array([[0.6], [0.5], [0.35], [0.3]])]
Q8_FOUR = [np.array([0.1, 0.9]), np.array([0.3, 0.7]), np.array([0.2, 0.6]), np.array([0.6, 1.0])]

q8 = FunctionExercise(
    chapter=CHAPTER,
    name="q8",
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
        "모델마다 편 배열을 모아 `np.stack`으로 `(모델 수, 샘플 수)` 배열로 쌓으세요. 그 배열을 모델 축을 따라 `np.average`로 평균하면서 받은 "
        "`weights`를 그대로 넘기면 됩니다. `weights`가 `None`이면 `np.average`가 단순 평균을 구하므로 따로 나눌 필요가 없습니다.",
    ),
    on_correct="확률 평균 앙상블은 구현은 간단하지만, 서로 다른 실수를 하는 모델을 모을 때 효과가 큽니다.",
    graded_also="다른 확률과 가중치 2가지(`(n, 1)` 모양과 가중치를 함께 준 경우 포함)",
    examples=(
        Example((Q8_FOUR,), label="모델 4개, 샘플 2개의 확률", why="결과의 길이는 모델 수가 아니라 샘플 수"),
        Example((Q8_KERAS,), label="케라스 출력 모양 (4, 1) 확률 2개", why="확률 배열이 `(n, 1)` 모양이어도"),
        Example((Q8_PROBS, [2, 1, 1]), label="위의 모델 3개 확률, weights=[2, 1, 1]", why="가중치는 가중치 합으로 나눕니다"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 9. 나의 최종 모델과 임계값 (a trained model, judged by what it computes)
# ---------------------------------------------------------------------------

SPLIT_SEED = 42  # the notebook's SEED: section 1 splits the data with it
TARGET_VAL_RECALL = 1.0  # every malignant case of the validation data is found
MIN_TEST_RECALL = 0.90
MIN_TEST_PRECISION = 0.70
N_FEATURES = 30
# Scores the learner computed with ``predict`` (batches of 32) and the check's ``model(x)`` (one
# batch) may differ in the last bits of float32: a threshold within this of a score counts as it.
_SCORE_TOLERANCE = 1e-6


@functools.lru_cache(maxsize=1)
def cancer_split() -> dict[str, np.ndarray]:
    """The chapter's section-1 data, exactly as the notebook makes it: breast cancer with
    malignant = 1, ``train_test_split(test_size=0.2, stratify, random_state=42)`` for the test
    data, then ``test_size=0.25`` of the rest for validation, a ``StandardScaler`` fitted on the
    training part only. Returns ``X_val_s, y_val, X_test_s, y_test`` by name."""
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    from course import data

    X_bc, y_bc = data.load_breast_cancer()
    y_all = (y_bc == 0).astype(int).to_numpy()
    X_all = X_bc.to_numpy()
    X_rest, X_test, y_rest, y_test = train_test_split(
        X_all, y_all, test_size=0.2, stratify=y_all, random_state=SPLIT_SEED
    )
    X_train, X_val, y_train, y_val = train_test_split(
        X_rest, y_rest, test_size=0.25, stratify=y_rest, random_state=SPLIT_SEED
    )
    scaler = StandardScaler().fit(X_train)
    return {
        "X_val_s": scaler.transform(X_val),
        "y_val": y_val,
        "X_test_s": scaler.transform(X_test),
        "y_test": y_test,
    }


_Q9_RULE = (
    "`final_choice = (final_model, final_threshold)`: `final_model`은 1절의 스케일러로 표준화한 특성 30개를 받아 "
    "악성(1)일 **확률** 하나를 내는, 학습을 마친 케라스 모델이고, `final_threshold`는 문제 3의 `threshold_for_recall`로 "
    "검증 데이터(`X_val_s`, `y_val`)에서 고른 임계값입니다. 조건은 셋입니다(`점수 >= final_threshold`이면 악성으로 판정): "
    "① `final_threshold`는 `final_model`이 검증 데이터에 낸 점수 가운데 하나이고, 그 임계값으로 검증 데이터의 악성 환자를 "
    f"모두 찾습니다(재현율 {TARGET_VAL_RECALL:.1f}). ② 테스트 데이터(`X_test_s`, `y_test`)에서 재현율 {MIN_TEST_RECALL:.2f} 이상, "
    f"③ 정밀도 {MIN_TEST_PRECISION:.2f} 이상."
)


def _scores(model, name: str, X: np.ndarray) -> np.ndarray:
    """``model(X)`` as a 1-D array of probabilities (one per row)."""
    from course.model_checks import expect_finite_trained_output, probe_output

    out = probe_output(model, name, np.asarray(X, dtype=np.float32))
    if out.shape != (len(X), 1):
        raise Incorrect(
            f"`{name}`에 환자 {len(X)}명의 특성을 넣었더니 출력 모양이 {out.shape}입니다. 환자마다 악성일 확률 하나, "
            f"곧 `({len(X)}, 1)`이 나와야 합니다. 출력층을 `Dense(1, activation=\"sigmoid\")`로 만드세요."
        )
    expect_finite_trained_output(out, name)
    return out.ravel()


def _threshold_value(value: Any) -> float:
    name = "final_threshold"
    if value is None or value is Ellipsis:
        raise NotAttempted(f"`{name}`에 아직 임계값이 없습니다. 문제 3의 함수로 검증 데이터에서 고른 값을 넣으세요.")
    if isinstance(value, (bool, np.bool_)):
        raise Incorrect(f"`{name}`가 {value}입니다. 임계값은 0과 1 사이의 실수여야 합니다.")
    array = np.asarray(value) if isinstance(value, (np.ndarray, np.generic)) else None
    if array is not None and array.size == 1 and array.dtype.kind in "iuf":
        value = float(array.reshape(-1)[0])
    if not isinstance(value, (int, float)):
        raise Incorrect(
            f"`{name}`는 실수 하나여야 하는데, 지금 값은 {describe(value)}입니다. 문제 3의 함수가 돌려주는 실수를 그대로 쓰세요."
        )
    if not math.isfinite(float(value)):
        raise Incorrect(f"`{name}`가 {value}입니다. 임계값은 0과 1 사이의 실수여야 합니다.")
    return float(value)


def verify_final_choice(value: Any) -> str:
    """Checks the three stated conditions on what ``final_model`` computes (see ``_Q9_RULE``)."""
    from course.model_checks import PROBABILITY, expect_model, input_shape, output_form, probe_inputs, probe_output

    if not isinstance(value, tuple) or len(value) != 2:
        raise Incorrect(
            f"`final_choice`는 `(final_model, final_threshold)` 두 값의 튜플이어야 하는데, 지금 값은 {describe(value)}입니다. "
            "답 셀 맨 아래 줄 `final_choice = (final_model, final_threshold)`를 지우거나 바꾸지 마세요."
        )
    model_value, threshold_value = value
    name = "final_model"
    model = expect_model(model_value, name)
    threshold = _threshold_value(threshold_value)
    shape = input_shape(model, name)
    if shape != (N_FEATURES,):
        raise Incorrect(
            f"`{name}`의 입력 모양이 {shape}입니다. 표준화한 특성 {N_FEATURES}개를 받도록 "
            f"`keras.Input(shape=({N_FEATURES},))`로 시작하세요."
        )
    probes = probe_inputs(shape)
    form = output_form(model, name, probe_output(model, name, probes), problem="binary")
    if form != PROBABILITY:
        raise Incorrect(
            f"`{name}`의 출력이 0~1 범위를 벗어납니다. 확률이 아닌 값에는 임계값을 그대로 쓸 수 없습니다. "
            "출력층이 악성일 확률을 내도록 시그모이드 활성화 함수를 쓰세요."
        )

    split = cancer_split()
    val_scores = _scores(model, name, split["X_val_s"])
    val_positive = split["y_val"] == 1
    val_found = int(np.sum((val_scores >= threshold - _SCORE_TOLERANCE) & val_positive))
    val_total = int(np.sum(val_positive))
    if val_found < TARGET_VAL_RECALL * val_total:
        raise Incorrect(
            f"검증 데이터에서 `final_threshold` {describe(threshold)}로 판정하면 악성 환자 {val_total}명 중 {val_found}명을 찾습니다"
            f"(재현율 {val_found / val_total:.3f}). 임계값은 검증 데이터의 악성 환자를 모두 찾도록(목표 재현율 "
            f"{TARGET_VAL_RECALL:.1f}) 골라야 합니다. `final_model`이 검증 데이터에 낸 점수로 문제 3의 함수를 불러 보세요."
        )
    if float(np.min(np.abs(val_scores - threshold))) > _SCORE_TOLERANCE:
        raise Incorrect(
            f"`final_threshold` {describe(threshold)}는 `final_model`이 검증 데이터에 낸 점수 가운데 어느 것과도 같지 않습니다. "
            "문제 3의 함수는 점수 가운데 하나를 돌려줍니다. 다른 모델이나 다른 데이터의 점수로 고르지 않았는지, "
            "임계값을 고른 뒤에 모델을 다시 학습시키지는 않았는지 확인하세요."
        )

    test_scores = _scores(model, name, split["X_test_s"])
    test_positive = split["y_test"] == 1
    flagged = test_scores >= threshold - _SCORE_TOLERANCE
    found = int(np.sum(flagged & test_positive))
    total = int(np.sum(test_positive))
    alarms = int(np.sum(flagged))
    recall = found / total
    precision = found / alarms if alarms else 0.0
    measured = (
        f"테스트 데이터에서 `final_threshold` {describe(threshold)}로 판정하면 악성 환자 {total}명 중 {found}명을 찾고"
        f"(재현율 {recall:.3f}), 악성으로 판정한 {alarms}명 중 {found}명이 실제 악성입니다(정밀도 {precision:.3f})"
    )
    if recall < MIN_TEST_RECALL:
        raise Incorrect(
            f"{measured}. 재현율이 {MIN_TEST_RECALL:.2f}보다 낮습니다. 검증 데이터에서 악성 환자를 모두 찾는 임계값을 골랐는데도 "
            "새 데이터에서 많이 놓친다면 모델이 덜 학습되었거나 학습 데이터에 지나치게 맞춰진 것입니다. 모델의 크기, 학습률, 에폭을 조절해 보세요."
        )
    if precision < MIN_TEST_PRECISION:
        raise Incorrect(
            f"{measured}. 정밀도가 {MIN_TEST_PRECISION:.2f}보다 낮아 헛경보가 너무 많습니다. 모델이 악성과 양성 종양을 잘 가르지 "
            "못하면 악성을 모두 찾는 임계값이 아주 낮아집니다. `fit`으로 충분히 학습시켰는지, 문제 3의 함수가 목표를 지키는 "
            "**가장 큰** 임계값을 돌려주는지 확인하세요."
        )
    return f"{measured}."


q9 = CustomExercise(
    chapter=CHAPTER,
    name="q9",
    title="문제 9",
    var="final_choice",
    points=3,
    rule=_Q9_RULE,
    hints=(
        "세 단계입니다: ① 학습 데이터(`X_train_s`, `y_train`)로만 모델을 만들어 학습시키고 ② 검증 데이터에서 그 모델의 점수를 구해 "
        "문제 3의 함수로 임계값을 고른 뒤 ③ 테스트 데이터는 🔒 셀에 맡깁니다. 모델은 1절의 `build_model`처럼 은닉층 하나짜리 Dense 모델이면 충분합니다.",
        "모델이 내는 검증 점수는 `(n, 1)` 모양이니 1차원으로 펴서 문제 3의 `threshold_for_recall`에 넘기세요. 목표 재현율 1.0은 "
        "'검증 데이터의 악성 환자를 한 명도 놓치지 않기'입니다. 임계값은 반드시 `final_model` 자신의 점수로 고르세요(1절의 `cancer_model` 점수가 아니라).",
        "정밀도가 모자라면 모델이 악성과 양성 종양을 덜 가르는 것입니다. 학습률(0.001~0.01)과 에폭(20~30번, CPU에서 몇 초)을 조절해 보세요. "
        "🔒 셀을 실행하기 전에, 고른 임계값으로 **검증 데이터**에서 정밀도를 먼저 계산해 보면 테스트 데이터를 여러 번 들여다보지 않아도 됩니다.",
    ),
    on_correct="임계값은 검증 데이터에서 여유 있는 목표로 고르고, 테스트 데이터에서는 그 약속이 지켜지는지 딱 한 번 확인합니다.",
    verifier=verify_final_choice,
)
