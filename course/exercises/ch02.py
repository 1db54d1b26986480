"""Chapter 02 (용어 살펴보기): what a student may see of each exercise.

The notebook imports ``q1`` … ``q9``; each test cell runs ``qN.check()`` (the visible
self-check) and, hidden, the instructor's grading key. This module holds
rules, hints and the inputs of the visible examples only; their expected values are sealed
in ``sealed.json``. Nothing here imports TensorFlow or scikit-learn.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from course.checks import (
    ChoiceMapExercise,
    CustomExercise,
    Example,
    FunctionExercise,
    Incorrect,
    call_learner_function,
    describe,
)

CHAPTER = "02_terminology"

__all__ = ["CHAPTER", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"]


# ---------------------------------------------------------------------------
# Small literal data sets used by the cases
# ---------------------------------------------------------------------------


def _burger_machine(tp: int, fn: int, fp: int, tn: int) -> tuple[np.ndarray, np.ndarray]:
    """(y_true, y_pred) of a burger machine with the given counts; 1 = expired burger."""
    y_true = np.array([1] * (tp + fn) + [0] * (fp + tn), dtype=np.int64)
    y_pred = np.array([1] * tp + [0] * fn + [1] * fp + [0] * tn, dtype=np.int64)
    return y_true, y_pred


# Machine B of the notes' two burger machines (machine A is the prompt's worked example).
MACHINE_B = _burger_machine(30, 30, 10, 30)


# ---------------------------------------------------------------------------
# 문제 1. 항상 가장 많은 클래스로 답하는 모델의 정확도
# ---------------------------------------------------------------------------

q1 = FunctionExercise(
    chapter=CHAPTER,
    name="q1",
    title="문제 1",
    var="baseline_accuracy",
    points=2,
    rule=(
        "`baseline_accuracy(y)`는 언제나 `y`에서 가장 많이 나오는 클래스 하나로만 답하는 모델의 "
        "정확도(0~1 사이의 실수)를 돌려주어야 합니다. 레이블은 0/1뿐 아니라 여러 정수나 문자열일 수도 있습니다."
    ),
    hints=(
        "모든 샘플에 똑같은 답을 낸다면, 그 답이 맞는 샘플은 몇 개일까요? 가장 많은 클래스를 고르면 맞는 개수가 가장 커집니다.",
        "클래스마다 몇 번 나왔는지 세어 보세요. `np.unique(y, return_counts=True)`는 정수와 문자열 레이블 모두에 쓸 수 있습니다.",
        "`np.unique`에 개수도 함께 돌려 달라는 인자를 주면 클래스별 개수를 한 번에 얻습니다. 그중 가장 큰 개수를 전체 샘플 수로 나누고, 실수(float)로 돌려주세요.",
    ),
    on_correct="불균형 데이터에서는 이 '기준 정확도'보다 높아야 의미 있는 모델입니다.",
    graded_also="다른 레이블 구성 4가지(클래스 수가 다르거나 두 클래스가 똑같이 많은 경우)",
    examples=(
        Example((np.array([1, 1, 1, 0]),)),
        Example((np.array(["사기", "정상", "정상", "정상", "정상"]),), why="레이블이 문자열이어도"),
        Example((np.array([3, 3, 7, 7, 9, 9, 9, 9]),), why="레이블이 0, 1이 아닌 여러 정수여도"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 2. 과소표집(Undersampling)
# ---------------------------------------------------------------------------


def undersample_data(labels: list, n_features: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """X with unique rows (so every returned row can be traced back) and shuffled labels."""
    y = np.random.default_rng(seed).permutation(np.array(labels))
    X = np.arange(len(y) * n_features, dtype=float).reshape(len(y), n_features) / 10
    return X, y


def check_undersample(function: Any, X: np.ndarray, y: np.ndarray, *extra: Any) -> None:
    """Raise :class:`Incorrect` unless ``function(X, y, *extra)`` is a correct undersample."""
    name = "undersample"
    X_before, y_before = X.copy(), y.copy()
    result = call_learner_function(name, function, X, y, *extra)
    if not np.array_equal(X, X_before) or not np.array_equal(y, y_before):
        raise Incorrect(
            f"`{name}`가 입력으로 받은 원본 `X`나 `y`를 바꿨습니다. 원본은 그대로 두고 "
            "새 배열을 만들어 돌려주세요 (인덱스로 골라내면 새 배열이 됩니다)."
        )
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise Incorrect(
            f"`{name}`는 `(X_bal, y_bal)` 두 개를 튜플로 돌려주어야 하는데, 돌려준 값은 {describe(result)}입니다."
        )
    X_bal, y_bal = np.asarray(result[0]), np.asarray(result[1])
    if X_bal.ndim != 2 or X_bal.shape[1] != X.shape[1]:
        raise Incorrect(
            f"`X_bal`의 모양이 {X_bal.shape}입니다. `X`와 같은 열 {X.shape[1]}개를 가진 2차원 배열이어야 합니다."
        )
    if y_bal.ndim != 1 or len(y_bal) != len(X_bal):
        raise Incorrect(
            f"`X_bal`은 {len(X_bal)}행인데 `y_bal`의 모양은 {y_bal.shape}입니다. "
            "행 하나에 레이블 하나씩, 길이가 같은 1차원 배열이어야 합니다."
        )

    counts_before = Counter(y.tolist())
    counts_after = Counter(y_bal.tolist())
    shown = {label: counts_after.get(label, 0) for label in counts_before}
    unknown = set(counts_after) - set(counts_before)
    if unknown:
        raise Incorrect(f"`y_bal`에 원래 `y`에 없던 레이블 {sorted(map(str, unknown))}가 있습니다.")
    if len(set(shown.values())) != 1 or min(shown.values()) != min(counts_before.values()):
        raise Incorrect(
            f"돌려준 `y_bal`의 클래스별 개수가 {shown}입니다. 과소표집 뒤에는 모든 클래스가 "
            "가장 적은 클래스의 개수만큼 남아야 합니다."
        )

    row_index = {tuple(row): i for i, row in enumerate(X.tolist())}
    used: set[int] = set()
    for row, label in zip(X_bal.tolist(), y_bal.tolist()):
        index = row_index.get(tuple(row))
        if index is None:
            raise Incorrect("`X_bal`에 원래 `X`에 없던 행이 있습니다. 원본의 행을 그대로 골라내세요.")
        if y[index] != label:
            raise Incorrect(
                "`X_bal`의 행과 `y_bal`의 레이블 짝이 원본과 다릅니다. X와 y에 같은 인덱스를 써서 함께 골라내세요."
            )
        if index in used:
            raise Incorrect(
                "`X_bal`에 같은 행이 두 번 이상 들어 있습니다. 과소표집은 중복 없이(비복원) 뽑아야 합니다."
            )
        used.add(index)


def _verify_undersample(function: Any) -> str:
    X, y = undersample_data([0] * 40 + [1] * 10, n_features=2, seed=0)
    check_undersample(function, X, y)
    X, y = undersample_data(["정상"] * 9 + ["의심"] * 6 + ["사기"] * 4, n_features=3, seed=3)
    check_undersample(function, X, y)
    return "공개 예시 2개(0/1 레이블 40 : 10, 문자열 레이블 세 클래스 9 : 6 : 4)를 모두 통과했습니다."


q2 = CustomExercise(
    chapter=CHAPTER,
    name="q2",
    title="문제 2",
    var="undersample",
    points=3,
    rule=(
        "`undersample(X, y, seed=0)`는 `(X_bal, y_bal)`을 돌려주어야 합니다. 모든 클래스가 가장 적은 "
        "클래스의 개수만큼 남아야 하고, 행은 원본에서 중복 없이 골라야 하며, X의 행과 y의 레이블 짝이 유지되어야 합니다."
    ),
    hints=(
        "클래스마다 '남길 인덱스'를 정한 다음, 그 인덱스로 `X`와 `y`를 한꺼번에 골라내면 행과 레이블 짝이 깨지지 않습니다.",
        "`np.unique`에 `return_counts=True`를 주면 클래스 목록과 클래스별 개수를 함께 얻습니다. 그중 가장 작은 개수가 클래스마다 남길 개수입니다. 클래스마다 그 "
        "클래스에 속한 행의 인덱스는 `np.flatnonzero`로 모을 수 있습니다.",
        "문제 설명대로 시드로 난수 생성기를 **한 번만** 만들어 두고, 클래스마다 그 생성기의 `choice`로 인덱스를 가장 적은 개수만큼 중복 없이(`replace=False`) 뽑으세요. "
        "뽑은 인덱스들을 `np.concatenate`로 이어 하나의 인덱스 배열로 만들고, 그 배열 하나로 `X`와 `y`를 함께 골라 튜플로 돌려줍니다.",
    ),
    on_correct="과소표집은 간단하지만 많은 클래스의 데이터를 버린다는 점을 기억하세요.",
    graded_also="다른 클래스 구성과 `seed` 인자를 준 호출",
    verifier=_verify_undersample,
)


# ---------------------------------------------------------------------------
# 문제 3. 어떤 문제일까요? (회귀 / 분류)
# ---------------------------------------------------------------------------

q3 = ChoiceMapExercise(
    chapter=CHAPTER,
    name="q3",
    title="문제 3",
    var="problem_types",
    points=2,
    rule=(
        "정답이 연속적인 숫자인지, 정해진 범주 가운데 하나인지(범주가 두 개인지 여러 개인지), "
        "여러 범주를 동시에 고를 수 있는지를 기준으로 판단하세요."
    ),
    hints=(
        "먼저 각 상황의 '정답'이 어떤 모양인지 적어 보세요: 숫자 하나? 이름 하나? 여러 개에 동시에 표시?",
        "정답이 금액이나 사람 수처럼 연속적인 숫자면 회귀, 두 가지 중 하나면 이진 분류, 셋 이상 중 하나면 다중 분류입니다.",
        "상황마다 '한 샘플에 정답 범주가 동시에 몇 개까지 붙을 수 있는지' 세어 보세요. 하나뿐이면 (이진·다중) 분류, "
        "여러 개가 동시에 붙을 수 있으면 다중 레이블 분류입니다(노트의 세트 메뉴 원핫 표를 떠올리세요).",
    ),
    on_correct="문제의 종류가 정해져야 출력층과 손실 함수도 정할 수 있습니다.",
    choices=("회귀", "이진 분류", "다중 분류", "다중 레이블 분류"),
    keys=("a", "b", "c", "d", "e", "f"),
)


# ---------------------------------------------------------------------------
# 문제 4. 원핫 인코딩
# ---------------------------------------------------------------------------

_BURGERS = ["불고기버거", "치킨버거", "치즈버거"]

q4 = FunctionExercise(
    chapter=CHAPTER,
    name="q4",
    title="문제 4",
    var="one_hot",
    points=2,
    rule=(
        "`one_hot(labels, classes)`는 모양이 `(len(labels), len(classes))`인 2차원 NumPy 배열을 돌려주어야 합니다. "
        "i번째 행은 `labels[i]`가 `classes`에서 차지하는 위치의 열만 1이고 나머지는 0입니다 (열 순서는 `classes`의 순서)."
    ),
    hints=(
        "먼저 0으로 가득 찬 `(샘플 수, 클래스 수)` 배열을 만들고, 행마다 1을 하나씩 채워 넣는다고 생각해 보세요.",
        "레이블이 `classes`에서 몇 번째인지는 `classes.index(label)`로 알 수 있습니다. 열 순서는 반드시 `classes`를 따르세요.",
        "① 0으로 채운 정수 배열을 (샘플 수, 클래스 수) 모양으로 만들고 ② 레이블을 하나씩 돌며(`enumerate`) "
        "③ 그 행에서 해당 클래스의 열 위치(`classes.index`)에만 1을 넣은 뒤 ④ 배열을 돌려주세요.",
    ),
    on_correct="원핫 인코딩의 열 순서는 클래스 목록이 정합니다. 학습과 추론에서 같은 순서를 써야 합니다.",
    graded_also="다른 클래스 목록과 숫자 레이블",
    examples=(
        Example((["불고기버거", "치즈버거", "치킨버거", "불고기버거"], _BURGERS), why="열 순서는 `classes`의 순서"),
        Example((["콜라"], ["콜라", "환타", "사이다"]), why="레이블에 나오지 않는 클래스도 열을 차지합니다"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 5. K-Fold의 검증 폴드 크기
# ---------------------------------------------------------------------------

q5 = FunctionExercise(
    chapter=CHAPTER,
    name="q5",
    title="문제 5",
    var="fold_sizes",
    points=2,
    rule=(
        "`fold_sizes(n_samples, k)`는 scikit-learn의 `KFold(n_splits=k)`가 만드는 검증 폴드 k개의 크기를 "
        "폴드 순서대로 담은 리스트를 돌려주어야 합니다. 나머지가 생기면 앞쪽 폴드부터 한 개씩 더 받습니다."
    ),
    hints=(
        "샘플 n개를 k묶음으로 최대한 고르게 나누면, 묶음 크기는 두 가지(몫, 몫+1)뿐입니다.",
        "`n_samples`를 `k`로 나눈 몫이 기본 크기이고, 나머지만큼의 폴드가 하나씩 더 받습니다. 어느 폴드가 더 받는지 순서에 주의하세요.",
        "`divmod`로 몫과 나머지를 한 번에 구하세요. 그다음 폴드 번호를 0부터 `k - 1`까지 돌면서, 번호가 나머지보다 작은 앞쪽 폴드에는 몫보다 하나 큰 크기를, 나머지 폴드에는 "
        "몫을 넣어 리스트를 만드세요.",
    ),
    on_correct="K-Fold에서는 모든 샘플이 정확히 한 번씩 검증 데이터가 됩니다.",
    graded_also="나누어떨어지거나 폴드 하나에 한 개씩인 경우 등 3가지",
    examples=(Example((20, 4)), Example((10, 3), why="나머지는 앞쪽 폴드부터")),
)


# ---------------------------------------------------------------------------
# 문제 6. 배치 · 에폭 · 스텝
# ---------------------------------------------------------------------------

q6 = FunctionExercise(
    chapter=CHAPTER,
    name="q6",
    title="문제 6",
    var="training_steps",
    points=2,
    rule=(
        "`training_steps(n_samples, batch_size, epochs)`는 `(에폭당 스텝 수, 전체 가중치 업데이트 횟수)` 튜플을 "
        "돌려주어야 합니다. 케라스처럼 배치 크기보다 작은 마지막 배치도 한 스텝으로 셉니다."
    ),
    hints=(
        "햄버거 100개를 20개씩 먹으면 몇 번에 나눠 먹나요? 그 횟수가 에폭당 스텝 수이고, 에폭마다 같은 일을 반복합니다.",
        "나누어떨어지지 않을 때가 함정입니다. 110개를 20개씩 나누면 20개짜리 5묶음과 10개짜리 1묶음, 모두 6스텝입니다.",
        "에폭당 스텝 수는 `n_samples / batch_size`를 올림한 값(`math.ceil`)이고, 전체 업데이트 횟수는 여기에 에폭 수를 곱합니다.",
    ),
    on_correct="스텝 하나가 가중치 업데이트 한 번입니다. `model.optimizer.iterations`가 바로 이 수를 셉니다.",
    graded_also="배치가 샘플보다 큰 경우 등 4가지",
    examples=(
        Example((100, 25, 2)),
        Example((110, 20, 3), why="배치 크기보다 작은 마지막 배치도 한 스텝"),
        Example((1000, 32, 10), why="배치 크기보다 작은 마지막 배치도 한 스텝"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 7. 학습 곡선 진단
# ---------------------------------------------------------------------------

q7 = ChoiceMapExercise(
    chapter=CHAPTER,
    name="q7",
    title="문제 7",
    var="curve_diagnosis",
    points=2,
    rule=(
        "각 그래프에서 학습 손실과 검증 손실이 어디까지 내려가는지, 그리고 에폭이 지날수록 "
        "두 곡선 사이의 간격이 어떻게 변하는지를 보고 판단하세요."
    ),
    hints=(
        "그래프마다 두 가지를 확인하세요: ① 학습 손실이 충분히 낮아졌나? ② 검증 손실이 학습 손실을 따라 내려가나, 아니면 어느 순간 다시 올라가나?",
        "학습 손실만 계속 내려가고 검증 손실이 다시 올라가면 학습 데이터를 외운 것이고, 두 손실이 함께 높은 곳에 머물면 아직 덜 배운 것입니다.",
        "두 손실이 함께 낮게 내려가고 간격이 좁게 유지되는 그래프가 하나 있습니다. 나머지 둘은 위의 두 증상 중 하나씩입니다.",
    ),
    on_correct="학습 곡선은 모델의 건강검진표입니다. 학습 결과를 볼 때마다 먼저 그려 보세요.",
    choices=("과대적합", "과소적합", "적절"),
    keys=("A", "B", "C"),
)


# ---------------------------------------------------------------------------
# 문제 8. 정밀도 · 재현율 · F1 직접 계산하기
# ---------------------------------------------------------------------------

q8 = FunctionExercise(
    chapter=CHAPTER,
    name="q8",
    title="문제 8",
    var="precision_recall_f1",
    points=3,
    rule=(
        "`precision_recall_f1(y_true, y_pred)`는 양성을 1로 보고 `(정밀도, 재현율, F1)` 세 실수를 이 순서로 "
        "돌려주어야 합니다. 분모가 0이 되는 지표는 0.0으로 합니다."
    ),
    hints=(
        "먼저 TP, FP, FN을 세어 보세요. 정밀도는 '1이라고 예측한 것' 중에서, 재현율은 '실제로 1인 것' 중에서 맞힌 비율입니다.",
        "`tp = np.sum((y_true == 1) & (y_pred == 1))`처럼 조건 두 개를 `&`로 묶어 세면 됩니다. F1은 산술평균이 아니라 조화평균입니다.",
        "정밀도 = TP / (TP + FP), 재현율 = TP / (TP + FN), F1 = 2 × 정밀도 × 재현율 / (정밀도 + 재현율). "
        "각 분모가 0이면 나누기 전에 0.0을 쓰도록 `if`로 처리하세요.",
    ),
    on_correct="정밀도와 재현율은 보는 분모가 다릅니다. 어느 실수가 더 비싼지에 따라 중요한 지표가 달라집니다.",
    graded_also="기계 B와 무작위 레이블 두 쌍, 양성 예측이 없는 경우",
    examples=(
        Example(MACHINE_B, label="기계 B의 y_true, y_pred"),
        Example((np.array([0, 0, 0, 0]), np.array([0, 0, 0, 0])), why="분모가 0인 지표는 0.0"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 9. 재고 관리 직원과 고객 응대 직원
# ---------------------------------------------------------------------------

q9 = ChoiceMapExercise(
    chapter=CHAPTER,
    name="q9",
    title="문제 9",
    var="clerk_machines",
    points=1,
    rule=(
        "재고 관리 직원은 멀쩡한 햄버거를 버리면 손해이고, 고객 응대 직원은 유통기한 지난 햄버거를 손님에게 "
        "내주면 큰일입니다. 각 직원이 피하고 싶은 실수(FP, FN)를 줄여 주는 지표가 높은 기계를 고르세요."
    ),
    hints=(
        "두 기계의 정확도는 똑같이 60%입니다. 정밀도와 재현율 중 어느 쪽이 높은지 비교해 보세요.",
        "멀쩡한 햄버거를 '유통기한 지남'이라고 판정하는 실수는 FP이고, 정밀도가 높을수록 줄어듭니다. "
        "유통기한 지난 햄버거를 '정상'이라고 놓치는 실수는 FN이고, 재현율이 높을수록 줄어듭니다.",
    ),
    on_correct="정밀도와 재현율은 트레이드오프 관계입니다. 누가 쓰는지에 따라 좋은 모델이 달라집니다.",
    choices=("A", "B"),
    keys=("재고 관리 직원", "고객 응대 직원"),
)
