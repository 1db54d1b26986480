"""Chapter 08 (설명 가능한 AI, xAI): what a student may see of each exercise.

The notebook imports ``q1`` … ``q6``; each test cell runs ``qN.check()`` (the visible
self-check) and, hidden, the instructor's grading key. This module holds rules, hints, the
inputs of the visible examples and public property checks only; the expected values of the
examples are sealed in ``sealed.json``.

- q1: the k features with the largest absolute logistic-regression coefficients.
- q2: permutation importance of one feature by hand (a given row order, accuracy drop).
- q3: exact Shapley values of a small model over all coalitions (absent features take their
  baseline values); the efficiency rule (values sum to f(x) − f(baseline)) is also checked
  as a public property on every example.
- q4: the gradient of a scalar function with ``tf.GradientTape``.
- q5: the share of a heatmap's total inside a region (a boolean mask).
- q6: the Spearman rank correlation of two maps (ties get average ranks), the similarity
  measure of the sanity check.

TensorFlow is imported lazily, only inside the functions of q4's examples.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from course.checks import Example, FunctionExercise, Incorrect, describe

CHAPTER = "08_xai"

__all__ = ["CHAPTER", "q1", "q2", "q3", "q4", "q5", "q6"]


def _float_array(result: Any, call: str, rule: str, shape: tuple | None = None, what: str = "NumPy 배열") -> np.ndarray:
    """The result as a float array; Incorrect when it is not array-like or has the wrong shape."""
    if isinstance(result, (str, bytes, dict)) or result is None:
        raise Incorrect(f"`{call}`의 결과가 {describe(result)}입니다. {what}을(를) 돌려주세요. {rule}")
    try:
        array = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise Incorrect(f"`{call}`의 결과가 {describe(result)}입니다. 숫자로 된 {what}을(를) 돌려주세요. {rule}") from None
    if shape is not None and array.shape != shape:
        raise Incorrect(f"`{call}`의 결과 모양이 {array.shape}입니다. {shape} 모양이어야 합니다. {rule}")
    return array


def _float_result(result: Any, call: str, rule: str) -> float:
    if isinstance(result, np.ndarray) and result.shape == ():
        result = result.item()
    if isinstance(result, (bool, np.bool_)) or not isinstance(result, (int, float, np.integer, np.floating)):
        raise Incorrect(f"`{call}`의 결과가 {describe(result)}입니다. 실수 하나(float)를 돌려주세요. {rule}")
    return float(result)


# ---------------------------------------------------------------------------
# 문제 1. 로지스틱 회귀 계수로 중요한 특성 고르기
# ---------------------------------------------------------------------------

_Q1_RULE = (
    "`top_features(coefficients, names, k)`는 계수의 **절댓값**이 큰 특성 `k`개의 이름을, 절댓값이 큰 것부터 차례로 담은 "
    "리스트로 돌려주어야 합니다. `coefficients`는 리스트나 1차원 NumPy 배열, `names`는 같은 길이의 리스트나 pandas `Index`이고, "
    "절댓값이 같은 계수는 없습니다."
)


def _names_list(args: tuple, result: Any, call: str) -> list:
    if isinstance(result, (str, bytes)) or not isinstance(result, (list, tuple, np.ndarray, pd.Index)):
        raise Incorrect(f"`{call}`의 결과가 {describe(result)}입니다. 특성 이름의 리스트를 돌려주세요. {_Q1_RULE}")
    names = list(result)
    if not all(isinstance(name, str) for name in names):
        raise Incorrect(
            f"`{call}`의 결과가 {describe(names)}입니다. 위치(인덱스)가 아니라 특성 **이름**(문자열)을 담아 돌려주세요. {_Q1_RULE}"
        )
    return names


q1 = FunctionExercise(
    chapter=CHAPTER,
    name="q1",
    title="문제 1",
    var="top_features",
    points=2,
    rule=_Q1_RULE,
    hints=(
        "양의 계수는 양성(1) 쪽으로, 음의 계수는 악성(0) 쪽으로 예측을 미는 힘입니다. 얼마나 세게 미는지는 부호가 아니라 크기(절댓값)가 말해 줍니다.",
        "`np.abs`로 절댓값을 구하고 `np.argsort`로 정렬 순서(위치)를 얻으세요. `argsort`는 작은 것부터 늘어놓으니 순서를 뒤집어야 합니다. "
        "`names`가 pandas `Index`여도 위치로 꺼낼 수 있게 먼저 `list(names)`로 바꾸세요.",
        "절댓값 배열의 `argsort()` 결과를 `[::-1]`로 뒤집어 앞에서 `k`개를 자르고, 그 위치마다 이름을 꺼내 리스트로 만드세요.",
    ),
    on_correct="표준화한 특성의 계수는 '특성이 1 표준편차 커질 때 로그 오즈가 얼마나 바뀌는가'라서 서로 크기를 비교할 수 있습니다.",
    graded_also="특성 30개짜리 계수에서 상위 5개와 상위 1개",
    reduce=lambda args, result, call: _names_list(args, result, call),
    examples=(
        Example(([0.5, -2.0, 1.0], ["a", "b", "c"], 2), why="부호와 상관없이 절댓값으로"),
        Example(([3.0, 1.0, -0.5, 2.0], ["w", "x", "y", "z"], 3), why="절댓값이 큰 것부터 차례로"),
        Example(
            (np.array([-0.1, 0.4, -0.9, 0.2, 0.05]), pd.Index(["radius", "texture", "area", "symmetry", "fractal"]), 1),
            label="NumPy 배열 계수 5개, pandas Index 이름, k=1",
            why="계수가 NumPy 배열이고 이름이 pandas Index여도",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 2. 순열 중요도 한 번 손으로 계산하기
# ---------------------------------------------------------------------------

_Q2_RULE = (
    "`permutation_drop(predict, X, y, column, order)`는 ① 원래 `X`에서의 정확도에서 ② `X`의 **복사본**에서 `column`번 열만 "
    "`X[order, column]`으로 바꾼(그 열의 값만 `order` 순서로 섞은) 데이터의 정확도를 뺀 값(float)을 돌려주어야 합니다. "
    "정확도는 `predict(데이터)`가 돌려준 레이블이 `y`와 같은 비율입니다. 섞은 뒤 정확도가 오히려 높으면 음수를 그대로 돌려주고, "
    "인자로 받은 `X`는 바꾸면 안 됩니다."
)


def first_feature_positive(X):
    """Predicts 1 where the first column is positive (a model that reads column 0 only)."""
    return (np.asarray(X)[:, 0] > 0).astype(int)


def sum_positive(X):
    """Predicts 1 where the first two columns add up to more than zero."""
    X = np.asarray(X)
    return (X[:, 0] + X[:, 1] > 0).astype(int)


_Q2_X = np.array([[1, 5], [2, -1], [-1, 0.5], [-2, 2], [0.5, -3], [-0.5, 1]], dtype=float)
_Q2_Y = np.array([1, 1, 0, 0, 1, 0])
_Q2_Y_NOISY = np.array([0, 0, 1, 0, 1, 0])


def _unchanged_X(before: tuple, after: tuple) -> None:
    if not np.array_equal(np.asarray(before[1]), np.asarray(after[1])):
        raise Incorrect(
            "`permutation_drop`이 인자로 받은 `X`를 바꿨습니다. 다른 특성의 중요도를 잴 때도 같은 `X`를 쓰니, "
            f"`X.copy()`로 복사본을 만든 뒤 그 복사본의 열만 섞으세요. {_Q2_RULE}"
        )


q2 = FunctionExercise(
    chapter=CHAPTER,
    name="q2",
    title="문제 2",
    var="permutation_drop",
    points=3,
    rule=_Q2_RULE,
    hints=(
        "정확도는 `np.mean(predict(데이터) == y)`로 구합니다. 두 번 구하세요: 원래 `X`로 한 번, 한 열만 섞은 복사본으로 한 번.",
        "`X_perm = X.copy()`를 만든 뒤 `column`번 열 전체에 `X[order, column]`을 넣습니다. 다른 열과 `y`는 그대로 둡니다. "
        "복사하지 않고 `X`의 열을 바로 바꾸면 호출한 쪽의 데이터까지 바뀝니다.",
        "원래 정확도 − 섞은 뒤 정확도를 `float`로 돌려주세요. 뺄셈 순서가 바뀌면 부호가 반대가 되고, 음수를 0으로 바꾸지도 않습니다.",
    ),
    on_correct="scikit-learn의 `permutation_importance`는 이 계산을 무작위 순서로 `n_repeats`번 되풀이해 평균과 표준편차를 냅니다.",
    graded_also="특성 3개, 샘플 40개인 무작위 데이터의 세 열",
    inputs_check=_unchanged_X,
    reduce=lambda args, result, call: _float_result(result, call, _Q2_RULE),
    examples=(
        Example(
            (first_feature_positive, _Q2_X, _Q2_Y, 0, np.array([5, 4, 3, 2, 1, 0])),
            label="0번 열만 읽는 모델, 샘플 6개, column=0, order=[5, 4, 3, 2, 1, 0]",
            why="원래 정확도 − 섞은 뒤 정확도",
        ),
        Example(
            (first_feature_positive, _Q2_X, _Q2_Y, 1, np.array([5, 4, 3, 2, 1, 0])),
            label="0번 열만 읽는 모델, column=1",
            why="모델이 쓰지 않는 특성은 섞어도 정확도가 그대로",
        ),
        Example(
            (sum_positive, _Q2_X, _Q2_Y_NOISY, 1, np.array([1, 0, 3, 2, 5, 4])),
            label="두 열의 합을 읽는 모델, 다른 y, column=1, order=[1, 0, 3, 2, 5, 4]",
            why="섞은 뒤가 더 정확하면 음수 그대로",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 3. 섀플리 값을 정의대로 계산하기
# ---------------------------------------------------------------------------

_Q3_RULE = (
    "`shapley_values(f, x, baseline)`는 특성마다 섀플리 값 하나씩, 길이 n인 1차원 NumPy 배열을 돌려주어야 합니다. "
    "특성 i의 값은 i를 뺀 나머지 특성의 모든 부분집합(연합) S에 대해 `|S|! (n - |S| - 1)! / n!` × [f(S ∪ {i}가 있는 입력) − f(S가 있는 입력)]을 "
    "더한 것입니다. '있는' 특성은 `x`의 값을, '없는' 특성은 `baseline`의 값을 씁니다. `f`는 길이 n인 1차원 NumPy 배열 하나를 받아 "
    "숫자 하나를 돌려줍니다. 결과는 효율성(Efficiency) 규칙을 지켜야 합니다: 값을 모두 더하면 f(x) − f(baseline)입니다."
)


def _efficiency(args: tuple, result: Any, call: str) -> np.ndarray:
    f, x, baseline = args
    n = len(x)
    values = _float_array(result, call, _Q3_RULE, shape=(n,), what=f"길이 {n}인 1차원 배열")
    gap = float(f(np.array(x, dtype=float))) - float(f(np.array(baseline, dtype=float)))
    if not np.isclose(values.sum(), gap, atol=1e-6):
        raise Incorrect(
            f"`{call}`의 결과 {describe(values)}의 합이 {values.sum():.6g}인데, f(x) − f(baseline)은 {gap:.6g}입니다 "
            f"(효율성 규칙: 섀플리 값의 합은 f(x) − f(baseline)). 연합의 가중치 `|S|! (n - |S| - 1)! / n!`과 모든 부분집합을 빠짐없이 "
            f"더했는지 확인하세요. {_Q3_RULE}"
        )
    return values


def linear_model(z):
    """f(z) = 2·z0 − z1 + 0.5·z2."""
    return 2.0 * z[0] - z[1] + 0.5 * z[2]


def interaction_model(z):
    """f(z) = z0·z1 + z2: z0 and z1 interact."""
    return z[0] * z[1] + z[2]


def product_model(z):
    """f(z) = z0·z1·z2 + z3: a three-way interaction and one additive feature."""
    return z[0] * z[1] * z[2] + z[3]


def four_feature_model(z):
    """f(z) = max(z0, z1) + z2·z3 + 0.5·z0: four features, interactions and a maximum."""
    return max(z[0], z[1]) + z[2] * z[3] + 0.5 * z[0]


q3 = FunctionExercise(
    chapter=CHAPTER,
    name="q3",
    title="문제 3",
    var="shapley_values",
    points=5,
    rule=_Q3_RULE,
    hints=(
        "특성 i마다, i를 뺀 나머지 특성들로 만들 수 있는 모든 부분집합 S를 돕니다. `itertools.combinations(나머지, 크기)`를 크기 0부터 n-1까지 "
        "부르면 모든 부분집합이 나옵니다. 부분집합 하나마다 f를 두 번(i가 없을 때, 있을 때) 부릅니다.",
        "'S가 있는 입력'은 `z = baseline.copy()`에서 시작해 S에 든 위치만 `x`의 값으로 바꾼 배열입니다. 여기에 `z[i] = x[i]`까지 넣으면 "
        "'S ∪ {i}가 있는 입력'이 됩니다. 가중치의 계승은 `math.factorial`로 구합니다. 모든 특성이 없는 입력은 기준값 그 자체입니다.",
        "`x`와 `baseline`을 `np.asarray(..., dtype=float)`로 바꾸고 `phi = np.zeros(n)`을 만든 뒤, 삼중 반복(특성 i → 크기 k → 부분집합 S)에서 "
        "`phi[i]`에 `가중치 × (f(S ∪ {i}) − f(S))`를 더하세요. 가중치는 k와 n만으로 정해집니다. 다 더한 뒤 `phi.sum()`이 "
        "`f(x) − f(baseline)`과 같은지 스스로 확인해 보세요.",
    ),
    on_correct=(
        "shap 패키지의 `Exact` 설명기(Explainer)가 특성이 적을 때 하는 일이 바로 이것입니다. 특성이 n개면 f를 n·2^(n-1)번 불러야 해서, "
        "특성이 많으면 표본을 뽑아 근사합니다(Permutation, Kernel SHAP)."
    ),
    graded_also="기준값이 0이 아닌 특성 4개 선형 모델, 곱셈 모델, 시그모이드 모델",
    reduce=_efficiency,
    examples=(
        Example(
            (linear_model, np.array([1.0, 2.0, 3.0]), np.zeros(3)),
            label="f(z) = 2·z0 − z1 + 0.5·z2, x = [1, 2, 3], baseline = [0, 0, 0]",
            why="선형 모델이면 특성마다 w_i · (x_i − baseline_i)",
        ),
        Example(
            (interaction_model, np.array([3.0, 4.0, 1.0]), np.array([1.0, 2.0, 0.0])),
            label="f(z) = z0·z1 + z2, x = [3, 4, 1], baseline = [1, 2, 0]",
            why="상호작용 항의 몫은 두 특성이 나눠 가짐",
        ),
        Example(
            (product_model, np.array([2, 3, -1, 1], dtype=float), np.ones(4)),
            label="f(z) = z0·z1·z2 + z3, x = [2, 3, -1, 1], baseline = [1, 1, 1, 1]",
            why="값이 기준값과 같은 특성(z3)은 0, 세 특성의 상호작용은 연합 가중치대로",
        ),
        Example(
            (four_feature_model, np.array([1.0, 3.0, 2.0, -2.0]), np.array([0.5, 0.0, 1.0, 1.0])),
            label="f(z) = max(z0, z1) + z2·z3 + 0.5·z0, x = [1, 3, 2, -2], baseline = [0.5, 0, 1, 1]",
            why="특성 4개: 값의 합이 f(x) − f(baseline)(효율성)",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 4. tf.GradientTape로 입력에 대한 기울기
# ---------------------------------------------------------------------------

_Q4_RULE = (
    "`input_gradient(f, x)`는 스칼라 함수 `f`의 `x`에서의 기울기(∂f/∂x)를 `x`와 같은 모양의 NumPy 배열로 돌려주어야 합니다. "
    "`x`는 NumPy 배열이고, `f`는 `x`와 모양이 같은 텐서플로 텐서(float32)를 받아 스칼라 텐서를 돌려주는 함수입니다. "
    "유한 차분으로 어림하지 말고 `tf.GradientTape`로 정확히 계산하세요(텐서가 아니라 `.numpy()`로 바꾼 배열을 돌려줍니다)."
)


def _gradient_array(args: tuple, result: Any, call: str) -> np.ndarray:
    shape = np.shape(args[1])
    if not isinstance(result, np.ndarray):
        raise Incorrect(
            f"`{call}`의 결과가 {type(result).__name__}입니다. 텐서는 `.numpy()`로 NumPy 배열로 바꿔 돌려주세요. {_Q4_RULE}"
        )
    return _float_array(result, call, _Q4_RULE, shape=shape)


def square_sum(z):
    """f(z) = Σ z²."""
    import tensorflow as tf

    return tf.reduce_sum(z**2)


def sigmoid_score(z):
    """f(z) = sigmoid(0.5·z0 − z1 + 2·z2)."""
    import tensorflow as tf

    return tf.sigmoid(tf.reduce_sum(tf.constant([0.5, -1, 2], dtype=tf.float32) * z))


def corner_product(z):
    """f(z) = z[0, 0]·z[1, 1] − z[0, 1] on a 2×2 input."""
    return z[0, 0] * z[1, 1] - z[0, 1]


q4 = FunctionExercise(
    chapter=CHAPTER,
    name="q4",
    title="문제 4",
    var="input_gradient",
    points=3,
    rule=_Q4_RULE,
    hints=(
        "3.1절의 예처럼 `x`를 `tf.constant(x, dtype=tf.float32)`로 텐서로 만들고, `tf.GradientTape()`를 `with` 문으로 열고 그 블록 안에서 `f`를 부르세요. "
        "상수 텐서는 테이프가 저절로 지켜보지 않으니 `tape.watch`가 필요합니다.",
        "`tape.gradient(출력, 입력)`이 `None`을 돌려준다면 입력을 지켜보지 않았거나, f를 테이프 블록 밖에서 불렀다는 뜻입니다. "
        "결과는 텐서이니 `.numpy()`로 바꿔 돌려주세요. 모양은 `x`와 같습니다.",
        "순서: ① `x`를 float32 텐서로 ② 테이프 블록을 열고 그 텐서를 watch ③ 블록 안에서 `f`를 불러 출력을 받음 ④ 블록 밖에서 "
        "출력의 입력에 대한 기울기를 구해 `.numpy()`로 돌려줌.",
    ),
    on_correct="딥러닝 라이브러리는 `fit`할 때 이 자동 미분으로 손실의 가중치에 대한 기울기를 구합니다. 여기서는 같은 도구를 입력 쪽으로 돌렸습니다.",
    graded_also="3×3 가중치의 tanh 모델과 특성 4개 선형 함수",
    tolerance=1e-4,
    reduce=_gradient_array,
    examples=(
        Example((square_sum, np.array([1.0, -2.0, 3.0])), label="f(z) = Σ z², x = [1, -2, 3]", why="tf.GradientTape의 자동 미분"),
        Example(
            (sigmoid_score, np.array([1.0, 2.0, 0.5])),
            label="f(z) = sigmoid(0.5·z0 − z1 + 2·z2), x = [1, 2, 0.5]",
            why="합성 함수도 연쇄 법칙대로 정확히(유한 차분 어림이 아님)",
        ),
        Example(
            (corner_product, np.array([[1.0, 2.0], [3.0, 4.0]])),
            label="f(z) = z[0, 0]·z[1, 1] − z[0, 1], 2×2 x = [[1, 2], [3, 4]]",
            why="x가 2차원이면 기울기도 같은 2차원 모양",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 5. 히트맵이 영역 안에 얼마나 모였는가
# ---------------------------------------------------------------------------

_Q5_RULE = (
    "`region_share(heatmap, mask)`는 히트맵 값의 **합** 가운데 `mask`가 `True`인 칸에 든 몫, 곧 "
    "(mask 안 값의 합) / (전체 값의 합)을 실수(float)로 돌려주어야 합니다. `heatmap`은 0 이상의 값을 담은 배열, `mask`는 모양이 같은 "
    "불리언 배열입니다. 히트맵이 모두 0이면 0.0을 돌려줍니다(0으로 나누지 않음)."
)


def _share_result(args: tuple, result: Any, call: str) -> float:
    value = _float_result(result, call, _Q5_RULE)
    if not np.isfinite(value):
        raise Incorrect(f"`{call}`의 결과가 {describe(result)}입니다. 히트맵이 모두 0이면 0.0을 돌려주세요(0으로 나누지 않기). {_Q5_RULE}")
    return value


_Q5_QUADRANT = np.zeros((4, 4), dtype=bool)
_Q5_QUADRANT[:2, :2] = True

q5 = FunctionExercise(
    chapter=CHAPTER,
    name="q5",
    title="문제 5",
    var="region_share",
    points=2,
    rule=_Q5_RULE,
    hints=(
        "불리언 배열로 인덱싱하면 `heatmap[mask]`는 mask가 True인 칸의 값만 모은 1차원 배열입니다.",
        "칸의 **개수** 비율(`mask.mean()`)이나 평균의 비율이 아니라 값의 **합**의 비율입니다. 나누기 전에 전체 합이 0인지 먼저 확인하세요.",
        "전체 합을 구해 0이면 `0.0`을 돌려주고, 아니면 mask 안 값의 합을 전체 합으로 나눈 값을 `float`로 돌려주세요.",
    ),
    on_correct="설명 맵의 값이 모델이 실제로 읽는 영역에 모여 있는지를 숫자 하나로 잴 수 있습니다. 그림만 보고 판단하는 것보다 믿을 만합니다.",
    graded_also="무작위 28×28 맵과 마스크, 전부 True인 마스크",
    reduce=_share_result,
    examples=(
        Example(
            (np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[True, False], [False, False]])),
            label="2×2 히트맵 [[1, 0], [0, 1]], 왼쪽 위 한 칸 마스크",
        ),
        Example(
            (np.arange(16, dtype=float).reshape(4, 4), _Q5_QUADRANT),
            label="4×4 히트맵 np.arange(16).reshape(4, 4), 왼쪽 위 2×2 마스크",
            why="칸 수의 비율이 아니라 값의 합의 비율",
        ),
        Example((np.zeros((3, 3)), np.eye(3, dtype=bool)), label="모두 0인 3×3 히트맵, 대각선 마스크", why="히트맵이 모두 0이면 0.0"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 6. 두 설명 맵의 순위 상관
# ---------------------------------------------------------------------------

_Q6_RULE = (
    "`rank_similarity(map_a, map_b)`는 모양이 같은 두 맵(1차원 또는 2차원 배열)을 1차원으로 펼쳐, 값 대신 **순위**로 계산한 "
    "스피어만 순위 상관계수(Spearman's ρ)를 실수(float)로 돌려주어야 합니다. 값이 같은 칸에는 평균 순위를 줍니다"
    "(`scipy.stats.spearmanr`와 같은 규칙). 모든 값이 같은 맵은 주어지지 않습니다."
)

q6 = FunctionExercise(
    chapter=CHAPTER,
    name="q6",
    title="문제 6",
    var="rank_similarity",
    points=3,
    rule=_Q6_RULE,
    hints=(
        "스피어만 순위 상관은 두 배열을 각각 순위로 바꾼 뒤 구한 피어슨 상관계수입니다. 값의 크기가 아니라 순서만 봅니다.",
        "2차원 맵은 먼저 `.ravel()`로 펼치세요. 같은 값에 평균 순위를 주는 함수로 `scipy.stats.rankdata`가 있고, "
        "`scipy.stats.spearmanr`는 순위 매기기부터 상관계수까지 한 번에 합니다. `np.argsort`를 두 번 쓰는 순위는 같은 값에 서로 다른 순위를 줍니다.",
        "두 맵을 펼친 1차원 배열로 `spearmanr`를 부르고, 결과의 상관계수(`.statistic`, 예전 버전은 `.correlation`)를 `float`로 돌려주세요. "
        "직접 하려면 `rankdata`로 두 순위 배열을 만든 뒤 `np.corrcoef(순위1, 순위2)[0, 1]`을 구합니다.",
    ),
    on_correct="1이면 두 맵이 같은 칸을 같은 순서로 중요하게 봅니다. 무작위 가중치 모델의 맵과 순위 상관이 높다면, 그 설명은 학습한 내용이 아니라 입력 이미지 자체를 보여 주는 것일 수 있습니다.",
    graded_also="무작위 28×28 맵 두 쌍과 0이 많은(같은 값이 많은) 맵",
    reduce=lambda args, result, call: _float_result(result, call, _Q6_RULE),
    examples=(
        Example((np.array([1.0, 2.0, 3.0, 4.0]), np.array([10.0, 20.0, 30.0, 40.0])), why="크기가 달라도 순서가 같으면"),
        Example(
            (np.array([1.0, 2.0, 3.0, 4.0, 5.0]), np.array([1.0, 4.0, 9.0, 100.0, 16.0])),
            why="값이 아니라 순위로(피어슨 상관계수가 아님)",
        ),
        Example(
            (np.array([[0.0, 1.0], [2.0, 3.0]]), np.array([[3.0, 2.0], [1.0, 0.0]])),
            label="2×2 맵 [[0, 1], [2, 3]]과 [[3, 2], [1, 0]]",
            why="2차원 맵은 펼쳐서",
        ),
        Example(
            (np.array([0.0, 0.0, 1.0, 2.0, 0.0, 3.0]), np.array([1.0, 0.0, 2.0, 3.0, 0.5, 2.5])),
            why="같은 값에는 평균 순위",
        ),
    ),
)
