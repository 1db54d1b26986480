"""Graded exercises of chapter 04 (케라스로 모델 만들기), declared as data.

The notebook imports ``q1`` … ``q8`` and calls ``qN.check()`` (visible self-check),
``qN.hint()`` and, in the hidden nbgrader test cells, ``qN.grade()``.

Function exercises run the learner's code on the chapter's own examples (the notes'
12→8→4→1 network, a bowl-shaped loss, the softmax example) and, when graded, on other
inputs built so that the usual mistakes show: a naive softmax that overflows, a count
without the bias, an off-by-one epoch. The two model exercises accept any hidden layers:
they read the learner's Keras model only through :mod:`course.model_checks` (public API:
layer classes, ``units``, activations, ``model.loss``) and, when graded, train it for one
epoch on a few rows to prove it runs. Keras is imported lazily, only when a model check
runs, so importing this module loads no TensorFlow.
"""

from __future__ import annotations

import functools
import math
from types import SimpleNamespace
from typing import Any, Mapping

import numpy as np

from course.checks import (
    Case,
    ChoiceMapExercise,
    CustomExercise,
    FunctionExercise,
    Incorrect,
    NotAttempted,
    describe,
)

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]


# ---------------------------------------------------------------------------
# 문제 1. 퍼셉트론으로 논리 게이트 만들기
# ---------------------------------------------------------------------------

_GATES = {
    "AND": {(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 1},
    "OR": {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 1},
    "NAND": {(0, 0): 1, (0, 1): 1, (1, 0): 1, (1, 1): 0},
}

_Q1_RULE = (
    "`gate_weights`는 \"AND\", \"OR\", \"NAND\" 세 키마다 `(w1, w2, theta)` 숫자 세 개를 담은 딕셔너리여야 합니다. "
    "퍼셉트론은 `w1*x1 + w2*x2 > theta`이면 1, 아니면 0을 냅니다. 네 입력 (0,0), (0,1), (1,0), (1,1) 모두에서 "
    "게이트의 진리표와 같은 값을 내는 가중치와 임계값이면 어떤 숫자든 정답입니다."
)


def _is_real(value: Any) -> bool:
    return (
        isinstance(value, (int, float, np.integer, np.floating))
        and not isinstance(value, (bool, np.bool_))
        and math.isfinite(float(value))
    )


def _fire(w1: float, w2: float, theta: float, x1: int, x2: int) -> int:
    return 1 if w1 * x1 + w2 * x2 > theta else 0


def _verify_gates(value: Any) -> None:
    name = "gate_weights"
    if not isinstance(value, Mapping):
        raise Incorrect(f"`{name}`은(는) 딕셔너리(dict)여야 하는데, 지금 값은 {describe(value)}입니다.")
    missing = [gate for gate in _GATES if gate not in value]
    if missing:
        raise Incorrect(f"`{name}`에 {', '.join(map(repr, missing))} 키가 없습니다. \"AND\", \"OR\", \"NAND\"를 모두 채우세요.")
    if all(value[gate] is Ellipsis or value[gate] is None for gate in _GATES):
        raise NotAttempted(f"`{name}`의 값이 모두 비어 있습니다. 게이트마다 `(w1, w2, theta)`를 채워 넣으세요.")
    for gate in _GATES:
        weights = value[gate]
        if not isinstance(weights, (tuple, list)) or len(weights) != 3 or not all(_is_real(w) for w in weights):
            raise Incorrect(
                f"`{name}[{gate!r}]`의 값이 {describe(weights)}입니다. `(w1, w2, theta)`처럼 유한한 숫자 세 개를 튜플로 쓰세요."
            )
        w1, w2, theta = (float(w) for w in weights)
        outputs = {inputs: _fire(w1, w2, theta, *inputs) for inputs in _GATES[gate]}
        if outputs != _GATES[gate]:
            shown = ", ".join(f"{inputs}→{out}" for inputs, out in outputs.items())
            raise Incorrect(
                f"`{name}[{gate!r}]` = {describe(tuple(weights))}인 퍼셉트론의 출력은 {shown}입니다. "
                f"{gate} 게이트의 진리표와 다릅니다. {_Q1_RULE}"
            )


q1 = CustomExercise(
    title="문제 1",
    var="gate_weights",
    points=2,
    rule=_Q1_RULE,
    hints=(
        "게이트마다 '1이 나와야 하는 입력'과 '0이 나와야 하는 입력'을 나누는 임계값을 찾는 문제입니다. "
        "w1 = w2 = 1로 두고 theta만 바꿔 보세요. 가중합 w1*x1 + w2*x2는 입력에 따라 0, 1, 2 가운데 하나가 됩니다.",
        "AND는 가중합이 2일 때만, OR는 1 이상일 때 1이어야 합니다. 그러면 theta는 각각 1과 2 사이, 0과 1 사이에 있으면 됩니다. "
        "NAND는 AND의 반대이니 가중치와 임계값의 부호를 모두 바꿔 보세요.",
        "예: AND는 `(1, 1, 1.5)`, OR는 `(1, 1, 0.5)`, NAND는 `(-1, -1, -1.5)`. 다른 숫자도 진리표만 맞으면 정답입니다.",
    ),
    on_correct="가중치와 임계값만 바꿨을 뿐인데 같은 퍼셉트론이 서로 다른 게이트가 되었습니다. 학습이란 이 숫자들을 데이터로 찾는 일입니다.",
    verifier=_verify_gates,
)


# ---------------------------------------------------------------------------
# 문제 2. 멈출 때를 아는 경사 하강법
# ---------------------------------------------------------------------------


def _reference_descent(df, x0: float, learning_rate: float, tol: float, max_steps: int) -> tuple[float, int]:
    x = float(x0)
    for step in range(max_steps):
        slope = df(x)
        if abs(slope) < tol:
            return x, step
        x = x - learning_rate * slope
    return x, max_steps


def _slope_bowl(x):
    """기울기 of f(x) = (x - 3)**2."""
    return 2 * (x - 3)


def _slope_wavy(x):
    """기울기 of f(x) = x**4 - 3*x**2 + x (두 개의 골짜기)."""
    return 4 * x**3 - 6 * x + 1


def _slope_shifted(x):
    """기울기 of f(x) = 0.5 * (x + 2)**2."""
    return x + 2


def _descent_case(df, x0, learning_rate, tol, max_steps, label):
    return Case((df, x0, learning_rate, tol, max_steps), _reference_descent(df, x0, learning_rate, tol, max_steps), label=label)


_Q2_RULE = (
    "`gradient_descent(df, x0, learning_rate, tol, max_steps)`는 `(x, steps)`를 돌려주어야 합니다. `x0`에서 시작해 "
    "매번 기울기 `df(x)`를 구하고, 그 절댓값이 `tol`보다 작으면 그 자리에서 멈춥니다. 아니면 `x = x - learning_rate * df(x)`로 "
    "한 걸음 움직입니다. 걸음은 많아야 `max_steps`번이고, `steps`는 실제로 움직인 횟수입니다(시작점에서 바로 멈추면 0)."
)

q2 = FunctionExercise(
    title="문제 2",
    var="gradient_descent",
    points=3,
    rule=_Q2_RULE,
    hints=(
        "많아야 `max_steps`번 도는 반복문 안에서 매번 ① 현재 x의 기울기를 구하고 ② 그 절댓값이 `tol`보다 작으면 지금까지 움직인 횟수와 함께 멈추고 ③ 아니면 기울기의 반대 "
        "방향으로 한 걸음 움직입니다. 반복이 끝까지 돌았다면 움직인 횟수는 `max_steps`입니다.",
        "움직이는 방향에 주의하세요. 기울기가 양수면 x를 줄이고, 음수면 늘려야 내려갑니다(과제 설명의 갱신식). 멈출지는 움직이기 **전에** 확인해야 시작점이 이미 최솟값일 때 0걸음이 "
        "됩니다.",
        "x를 `x0`에서 시작하고, 0부터 세는 반복 변수를 그대로 '지금까지 움직인 횟수'로 쓰세요. 반복 안에서 기울기는 한 번만 구해 변수에 담고, 멈춤 검사(`abs`로 구한 절댓값과 "
        "`tol` 비교)와 한 걸음 갱신에 같은 값을 씁니다. 멈출 때는 현재 x와 반복 변수를, 반복을 다 돈 뒤에는 x와 `max_steps`를 돌려줍니다.",
    ),
    on_correct="학습률이 너무 크면 `max_steps`까지 가도 멈추지 못하고, 너무 작으면 멈추기까지 오래 걸립니다. 케라스의 옵티마이저도 이 한 걸음을 가중치마다 되풀이합니다.",
    cases=(
        _descent_case(_slope_bowl, 0.0, 0.1, 1e-3, 1000, "f(x) = (x - 3)²의 기울기, x0=0, 학습률 0.1, tol=0.001, 최대 1000걸음"),
    ),
    hidden_cases=(
        _descent_case(_slope_bowl, 0.0, 1.1, 1e-3, 20, "f(x) = (x - 3)²의 기울기, 학습률 1.1(너무 큼), 최대 20걸음"),
        _descent_case(_slope_bowl, 3.0, 0.1, 1e-3, 50, "시작점 x0=3이 이미 최솟값인 경우"),
        _descent_case(_slope_wavy, 2.0, 0.01, 1e-4, 500, "f(x) = x⁴ - 3x² + x의 기울기, x0=2, 학습률 0.01"),
        _descent_case(_slope_shifted, 5.0, 0.001, 1e-2, 40, "f(x) = 0.5(x + 2)²의 기울기, 학습률 0.001(너무 작음), 최대 40걸음"),
        _descent_case(_slope_shifted, 5.0, 0.5, 1e-6, 0, "max_steps=0인 경우"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 3. 넘치지 않는 소프트맥스
# ---------------------------------------------------------------------------


def _reference_softmax(z) -> np.ndarray:
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _softmax_case(z, label=""):
    return Case((np.asarray(z, dtype=float),), _reference_softmax(z), label=label)


_Q3_RULE = (
    "`stable_softmax(z)`는 `z`와 같은 모양의 NumPy 배열을 돌려주어야 합니다. 마지막 축(1차원이면 전체, 2차원이면 행마다)을 따라 "
    "`exp(z_i) / Σ exp(z_j)`를 계산하고, 값이 1000처럼 커도 `inf`나 `nan`이 나오지 않아야 합니다."
)

q3 = FunctionExercise(
    title="문제 3",
    var="stable_softmax",
    points=2,
    rule=_Q3_RULE,
    hints=(
        "`np.exp(1000)`은 `inf`가 됩니다. 소프트맥스는 모든 입력에서 같은 수를 빼도 결과가 바뀌지 않습니다. 어떤 수를 빼면 지수가 절대 넘치지 않을까요?",
        "마지막 축의 최댓값을 빼면 가장 큰 지수가 `exp(0) = 1`이 됩니다. 2차원 입력에서는 행마다 따로 계산해야 하니 최댓값과 합 모두 `axis=-1, keepdims=True`로 "
        "구하세요. `keepdims`가 있어야 빼기와 나누기가 행마다 맞춰집니다.",
        "순서대로 하세요: ① 입력을 `np.asarray`로 실수 배열로 바꿉니다(리스트도 받도록). ② 마지막 축의 최댓값을 뺀 값에 `np.exp`를 취합니다. ③ 그 지수 값들을 같은 축의 "
        "합으로 나눠 돌려줍니다. ②의 최댓값과 ③의 합은 모두 마지막 축을 따라 차원을 유지하며 구합니다.",
    ),
    on_correct="케라스의 softmax도 안에서 최댓값을 빼고 계산합니다. 출력의 합은 언제나 1이라 클래스별 확률로 읽을 수 있습니다.",
    cases=(
        _softmax_case([2.0, 1.0, 0.1]),
        _softmax_case([1.0, 2.0, 3.0]),
    ),
    hidden_cases=(
        _softmax_case([1000.0, 1001.0, 1002.0], label="큰 값 [1000, 1001, 1002]"),
        _softmax_case([-1000.0, -1000.0], label="아주 작은 값 [-1000, -1000]"),
        _softmax_case([[1.0, 2.0, 3.0], [1000.0, 1000.0, 1000.0], [0.0, -5.0, 5.0]], label="2차원 배열(샘플 3개 × 클래스 3개)"),
        _softmax_case([7.0], label="값이 하나뿐인 배열 [7]"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 4. 문제에 맞는 출력층과 손실 함수
# ---------------------------------------------------------------------------

q4 = ChoiceMapExercise(
    title="문제 4",
    var="output_layer_choices",
    points=2,
    rule=(
        "예측하려는 값이 숫자 하나인지(회귀), 둘 중 하나인지(이진 분류), 여럿 중 하나인지(다중 분류) 먼저 정하세요. "
        "다중 분류라면 레이블이 정수(0, 1, 2, …)인지 원핫 벡터인지에 따라 손실 함수가 달라집니다."
    ),
    hints=(
        "표의 세 줄을 떠올리세요: 회귀는 출력을 그대로(linear), 이진 분류는 0~1 확률 하나(sigmoid), 다중 분류는 클래스별 확률(softmax).",
        "softmax를 쓰는 두 선택지는 레이블 모양으로 가릅니다. 레이블이 `3`처럼 정수면 sparse_categorical_crossentropy, "
        "`[0, 0, 0, 1, 0, …]`처럼 원핫 벡터면 categorical_crossentropy입니다.",
        "회귀는 a와 e, 이진 분류는 b와 f, 다중 분류는 c와 d입니다. 다중 분류 두 개는 레이블 모양을 다시 읽어 보세요.",
    ),
    on_correct="출력층과 손실 함수는 짝으로 움직입니다. 모델을 만들 때마다 이 표부터 확인하세요.",
    choices=(
        "linear + mse",
        "sigmoid + binary_crossentropy",
        "softmax + sparse_categorical_crossentropy",
        "softmax + categorical_crossentropy",
    ),
    answers={
        "a": "linear + mse",
        "b": "sigmoid + binary_crossentropy",
        "c": "softmax + sparse_categorical_crossentropy",
        "d": "softmax + categorical_crossentropy",
        "e": "linear + mse",
        "f": "sigmoid + binary_crossentropy",
    },
)


# ---------------------------------------------------------------------------
# 문제 5. Dense 층의 파라미터 수 세기
# ---------------------------------------------------------------------------


def _reference_params(sizes) -> int:
    return int(sum((n_in + 1) * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:])))


def _params_case(sizes, label=""):
    return Case((list(sizes),), _reference_params(sizes), label=label)


q5 = FunctionExercise(
    title="문제 5",
    var="count_dense_params",
    points=2,
    rule=(
        "`count_dense_params(layer_sizes)`는 입력 크기부터 출력 뉴런 수까지 적은 목록(예: `[12, 8, 4, 1]`)을 받아, 이 크기의 "
        "Dense 층들을 이었을 때 학습할 파라미터 수(정수)를 돌려주어야 합니다. 층마다 (들어오는 값의 수 + 1) × 뉴런 수이고, "
        "+1은 뉴런마다 하나씩 있는 편향입니다."
    ),
    hints=(
        "목록의 이웃한 두 수가 층 하나입니다. `[12, 8, 4, 1]`이면 12→8, 8→4, 4→1 세 층이지요. 층마다 가중치와 편향을 세어 더하세요.",
        "12→8 층에는 가중치가 12 × 8개, 편향이 뉴런마다 하나씩 8개 있습니다. 합치면 (12 + 1) × 8 = 104입니다. 이웃한 두 수를 짝지으려면 목록과 '한 칸 밀린' 목록을 "
        "`zip`으로 묶으세요.",
        "`zip`에 마지막 원소를 뺀 목록(들어오는 값의 수)과 첫 원소를 뺀 목록(뉴런 수)을 넘기면 층마다 짝을 얻습니다. 짝마다 (들어오는 값의 수 + 1) × 뉴런 수를 계산해 "
        "`sum`으로 모두 더하세요. `for` 문으로 하나씩 누적해도 됩니다.",
    ),
    on_correct="`model.summary()`의 Param # 열과 `model.count_params()`가 바로 이 계산입니다.",
    cases=(
        _params_case([12, 8, 4, 1], label="[12, 8, 4, 1] (강의 노트의 모델)"),
        _params_case([30, 16, 1]),
    ),
    hidden_cases=(
        _params_case([4, 3]),
        _params_case([64, 32, 10]),
        _params_case([10, 1]),
        _params_case([8, 8, 8, 8]),
        _params_case([2, 16, 16, 3]),
    ),
)


# ---------------------------------------------------------------------------
# 문제 6 · 7. 케라스 모델 만들고 컴파일하기
# ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _cancer_rows() -> tuple[np.ndarray, np.ndarray]:
    """64 standardised breast-cancer rows (30 features) and their 0/1 labels."""
    from course import data

    X, y = data.load_breast_cancer()
    values = X.to_numpy(dtype=np.float32)
    values = (values - values.mean(axis=0)) / values.std(axis=0)
    return values[:64], y.to_numpy()[:64].astype(np.float32)


@functools.lru_cache(maxsize=1)
def _digit_rows() -> tuple[np.ndarray, np.ndarray]:
    """96 digit images (8×8, scaled to 0..1) and their labels 0..9."""
    from course import data

    images, labels = data.load_digits()
    return images[:96] / 16.0, labels[:96]


def _input_shape(model, name: str) -> tuple:
    """The model's input shape without the batch axis; Incorrect when it has no input yet."""
    try:
        inputs = model.inputs
        shape = tuple(inputs[0].shape[1:]) if inputs else None
    except Exception:  # an unbuilt Sequential has no inputs
        shape = None
    if not shape or any(size is None for size in shape):
        raise Incorrect(
            f"`{name}`의 입력 크기가 정해져 있지 않습니다. 모델의 첫 줄에 `keras.Input(shape=(...))`으로 입력층을 넣으세요."
        )
    return shape


def _fit_once(model, name: str, x: np.ndarray, y: np.ndarray) -> None:
    """Train one epoch on a few rows; the loss must be a finite number."""
    try:
        history = model.fit(x, y, epochs=1, batch_size=32, verbose=0)
        loss = float(history.history["loss"][-1])
    except Exception as error:
        message = " ".join(str(error).split())[:160]
        raise Incorrect(
            f"`{name}.fit(...)`으로 한 에폭 학습해 보았더니 오류가 났습니다 ({type(error).__name__}: {message}). "
            "입력 크기, 출력층, 손실 함수가 문제에 맞는지 확인하세요."
        ) from None
    if not math.isfinite(loss):
        raise Incorrect(f"`{name}`을(를) 한 에폭 학습했더니 손실이 {loss}입니다. 학습률이 너무 크지 않은지 확인하세요.")


_Q6_RULE = (
    "`cancer_model`은 특성 30개를 받는(`keras.Input(shape=(30,))`) 컴파일된 케라스 모델이어야 합니다. 이진 분류이므로 "
    "출력층은 뉴런 1개의 Dense 층이고, 활성화 함수와 손실 함수는 이진 분류에 맞아야 합니다. 은닉층은 자유입니다."
)


def _verify_cancer(value: Any) -> None:
    from course.model_checks import expect_model, expect_output_for

    model = expect_model(value, "cancer_model")
    shape = _input_shape(model, "cancer_model")
    if shape != (30,):
        raise Incorrect(f"`cancer_model`의 입력 모양이 {shape}입니다. 유방암 데이터의 특성 수에 맞춰 입력층을 만드세요.")
    expect_output_for(model, "cancer_model", problem="binary")


def _verify_cancer_hidden(value: Any) -> None:
    from course.model_checks import uses_logits

    model = value
    x, y = _cancer_rows()
    _fit_once(model, "cancer_model", x, y)
    proba = np.asarray(model(x[:8]))
    if proba.shape != (8, 1):
        raise Incorrect(f"`cancer_model`이 샘플 8개에 낸 출력의 모양이 {proba.shape}입니다. 샘플마다 양성일 확률 하나가 나와야 합니다.")
    if not uses_logits(model) and not np.all((proba >= 0) & (proba <= 1)):
        raise Incorrect("`cancer_model`의 출력이 0~1 범위를 벗어납니다. 출력은 양성일 확률이어야 합니다. 출력층의 활성화 함수를 확인하세요.")


q6 = CustomExercise(
    title="문제 6",
    var="cancer_model",
    points=3,
    rule=_Q6_RULE,
    hints=(
        "노트의 이진 분류 템플릿을 떠올리세요: 입력층 → (은닉층 몇 개) → 출력층. 입력 크기는 특성 수, 출력층은 '양성일 확률' 하나입니다.",
        "출력층의 뉴런 수, 활성화 함수, 손실 함수는 3.2절 '문제에 맞는 출력층과 손실 함수' 표의 이진 분류 행에 있습니다. "
        "모델을 만든 뒤 `cancer_model.compile(...)`까지 실행해야 채점할 수 있습니다.",
        "4절의 회귀 모델 코드를 본보기로 삼아 같은 순서를 따르세요: `keras.backend.clear_session()` → "
        "`keras.Sequential([입력층, 은닉층, 출력층])` → `compile(optimizer=..., loss=..., metrics=[...])`. "
        "입력층 크기는 이 데이터의 특성 수와 같아야 하고, 회귀 모델과 달라지는 것은 출력층과 손실 함수뿐입니다.",
    ),
    on_correct="sigmoid 출력은 확률이므로, 예측할 때 `np.where(pred >= 0.5, 1, 0)`으로 0/1을 정합니다.",
    verifier=_verify_cancer,
    hidden_verifier=_verify_cancer_hidden,
)


_Q7_RULE = (
    "`digits_model`은 8×8 숫자 이미지를 받는(`keras.Input(shape=(8, 8))` 다음 `Flatten`, 또는 펼친 64개를 받는 "
    "`keras.Input(shape=(64,))`) 컴파일된 케라스 모델이어야 합니다. 0~9 열 가지 숫자를 고르는 다중 분류이므로 출력층은 "
    "클래스 수만큼의 뉴런을 가진 Dense 층이고, 활성화 함수와 손실 함수는 다중 분류에 맞아야 합니다. 은닉층은 자유입니다."
)


def _verify_digits(value: Any) -> None:
    from course.model_checks import expect_model, expect_output_for

    model = expect_model(value, "digits_model")
    shape = _input_shape(model, "digits_model")
    if int(np.prod(shape)) != 64:
        raise Incorrect(f"`digits_model`의 입력 모양이 {shape}입니다. 8×8 이미지, 곧 (8, 8) 또는 펼친 (64,)를 받아야 합니다.")
    if len(shape) > 1:
        import keras

        if not any(isinstance(layer, keras.layers.Flatten) for layer in model.layers):
            raise Incorrect("`digits_model`은 (8, 8) 이미지를 받는데 `Flatten` 층이 없습니다. Dense 층에 넣기 전에 이미지를 한 줄로 펼치세요.")
    expect_output_for(model, "digits_model", problem="multiclass", classes=10)


def _verify_digits_hidden(value: Any) -> None:
    from course.model_checks import loss_name, uses_logits

    model = value
    images, labels = _digit_rows()
    x = images.reshape((len(images),) + _input_shape(model, "digits_model"))
    y = np.eye(10, dtype=np.float32)[labels] if loss_name(model) == "categorical_crossentropy" else labels
    _fit_once(model, "digits_model", x, y)
    out = np.asarray(model(x[:8]))
    if out.shape != (8, 10):
        raise Incorrect(f"`digits_model`이 이미지 8장에 낸 출력의 모양이 {out.shape}입니다. 이미지마다 열 개의 값이 나와야 합니다.")
    if not uses_logits(model) and not np.allclose(out.sum(axis=1), 1.0, atol=1e-3):
        raise Incorrect("`digits_model`의 출력이 이미지마다 합이 1인 확률이 아닙니다. 출력층의 활성화 함수를 확인하세요.")


q7 = CustomExercise(
    title="문제 7",
    var="digits_model",
    points=3,
    rule=_Q7_RULE,
    hints=(
        "입력은 8×8 이미지입니다. Dense 층은 한 줄로 된 입력을 받으니 `keras.layers.Flatten()`으로 펼치세요. 출력층은 숫자 0~9의 확률 열 개입니다.",
        "출력층의 뉴런 수와 활성화 함수, 손실 함수는 3.2절 표의 다중 분류 행을 보세요. 레이블이 0~9 정수인지 "
        "원핫 벡터인지에 따라 알맞은 손실 함수가 달라집니다.",
        "5절의 이진 분류 모델과 같은 순서로 만들되, 맨 앞에 `keras.Input(shape=(8, 8))`과 `keras.layers.Flatten()`을 두어 "
        "이미지를 한 줄로 펼치세요. 그 뒤에 은닉층과 출력층을 쌓고 `compile(...)`까지 실행합니다.",
    ),
    on_correct="softmax 출력에서 가장 큰 확률의 자리(`argmax`)가 예측한 숫자입니다.",
    verifier=_verify_digits,
    hidden_verifier=_verify_digits_hidden,
)


# ---------------------------------------------------------------------------
# 문제 8. 검증 손실이 가장 낮았던 에폭
# ---------------------------------------------------------------------------


def _history(**records) -> SimpleNamespace:
    """An object shaped like keras.callbacks.History: its ``.history`` is the dict."""
    return SimpleNamespace(history={key: list(values) for key, values in records.items()})


q8 = FunctionExercise(
    title="문제 8",
    var="best_epoch",
    points=2,
    rule=(
        "`best_epoch(history)`는 `model.fit`이 돌려준 History 객체(또는 그 `.history` 딕셔너리)를 받아, 검증 손실(`val_loss`)이 "
        "가장 낮았던 에폭 번호를 정수로 돌려주어야 합니다. 에폭 번호는 1부터 세고, 가장 낮은 값이 여러 번 나오면 가장 먼저 나온 에폭입니다."
    ),
    hints=(
        "History 객체라면 기록은 `history.history`에 딕셔너리로 들어 있습니다. 딕셔너리가 바로 들어올 수도 있으니 "
        "`hasattr(history, \"history\")`로 구분하세요. 학습 손실(`loss`)이 아니라 검증 손실(`val_loss`)을 봅니다.",
        "`np.argmin`은 가장 작은 값의 위치를 0부터 세어 돌려주고, 같은 값이 여럿이면 첫 번째를 고릅니다. 에폭은 1부터 세니 1을 더하세요.",
        "두 단계입니다. ① 들어온 값에 `history` 속성이 있으면 그 속성(딕셔너리)을, 없으면 들어온 값 자체를 기록으로 씁니다. ② 그 기록의 `\"val_loss\"` 목록에서 "
        "`np.argmin`으로 가장 작은 값의 위치를 찾고, 에폭 번호가 되도록 1을 더한 뒤 파이썬 `int`로 바꿔 돌려주세요.",
    ),
    on_correct="조기 종료(EarlyStopping)에 `restore_best_weights=True`를 주면 케라스가 바로 이 에폭의 가중치로 되돌려 줍니다.",
    cases=(
        Case(
            ({"loss": [0.9, 0.6, 0.45, 0.38, 0.33], "val_loss": [0.95, 0.7, 0.62, 0.66, 0.74]},),
            3,
            label="에폭 5개의 history 딕셔너리",
        ),
    ),
    hidden_cases=(
        Case(
            (_history(loss=[1.2, 0.8, 0.5, 0.3, 0.2, 0.1], val_loss=[1.3, 0.9, 0.7, 0.75, 0.9, 1.1], accuracy=[0.5] * 6),),
            3,
            label="model.fit이 돌려준 History 객체 (에폭 6개)",
        ),
        Case(({"loss": [0.5, 0.4, 0.3, 0.2], "val_loss": [0.6, 0.45, 0.45, 0.5]},), 2, label="가장 낮은 검증 손실이 두 번 나오는 history"),
        Case(({"val_loss": [0.3], "loss": [0.4]},), 1, label="에폭이 하나뿐인 history"),
        Case(
            (_history(val_loss=[0.8, 0.7, 0.65, 0.6, 0.58, 0.57, 0.56, 0.55], loss=[0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2]),),
            8,
            label="검증 손실이 끝까지 내려가는 History 객체 (에폭 8개)",
        ),
    ),
)
