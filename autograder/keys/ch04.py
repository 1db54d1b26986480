"""Grading key of chapter 04 (케라스로 모델 만들기). Instructor-only.

Expected values are computed here by reference implementations (gradient descent, a
softmax that subtracts the maximum, the Dense parameter count); the model exercises are
graded by the public probe checks (output, loss, and the compile step the prompt states:
the Adam optimizer and an accuracy metric, read from the model loaded from its ``.keras``
file) and then trained for one epoch on a few rows of the real data, with the labels in the
form the exercise gives them.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np

from autograder.keys.engine import Case, ChoiceKey, CustomKey, FunctionKey
from course.checks import Incorrect
from course.exercises import ch04 as public
from course.korean import with_particle

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]


# ---------------------------------------------------------------------------
# 문제 1: the visible check is the whole truth table; grading adds nothing.
# ---------------------------------------------------------------------------

q1 = CustomKey(public.q1, summary="세 게이트 모두 네 입력에서 진리표와 같은 값을 냅니다.")


# ---------------------------------------------------------------------------
# 문제 2
# ---------------------------------------------------------------------------


def _reference_descent(df, x0: float, learning_rate: float, tol: float, max_steps: int) -> tuple[float, int]:
    x = float(x0)
    for step in range(max_steps):
        slope = df(x)
        if abs(slope) < tol:
            return x, step
        x = x - learning_rate * slope
    return x, max_steps


def _descent_case(args: tuple, label: str) -> Case:
    return Case(args, _reference_descent(*args), label=label)


q2 = FunctionKey(
    public.q2,
    expected=[_reference_descent(*example.args) for example in public.q2.examples],
    hidden=(
        _descent_case((public.slope_wavy, 2.0, 0.01, 1e-4, 500), "f(x) = x⁴ - 3x² + x의 기울기, x0=2, 학습률 0.01"),
        _descent_case((public.slope_shifted, 5.0, 0.001, 1e-2, 40), "f(x) = 0.5(x + 2)²의 기울기, 학습률 0.001(너무 작음), 최대 40걸음"),
        _descent_case((public.slope_shifted, 5.0, 0.5, 1e-6, 0), "max_steps=0인 경우"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 3
# ---------------------------------------------------------------------------


def _reference_softmax(z) -> np.ndarray:
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _softmax_case(z, label: str = "") -> Case:
    z = np.asarray(z, dtype=float)
    return Case((z,), _reference_softmax(z), label=label)


q3 = FunctionKey(
    public.q3,
    expected=[_reference_softmax(example.args[0]) for example in public.q3.examples],
    hidden=(
        _softmax_case([-1000.0, -1000.0], label="아주 작은 값 [-1000, -1000]"),
        _softmax_case([[1.0, 2.0, 3.0], [1000.0, 1000.0, 1000.0], [0.0, -5.0, 5.0]], label="2차원 배열(샘플 3개 × 클래스 3개, 큰 값 포함)"),
        _softmax_case([7.0], label="값이 하나뿐인 배열 [7]"),
        _softmax_case([-1000.0, 0.0, 1000.0], label="넓게 퍼진 값 [-1000, 0, 1000]"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 4
# ---------------------------------------------------------------------------

q4 = ChoiceKey(
    public.q4,
    answers={
        "a": "linear + mse",
        "b": "sigmoid + binary_crossentropy",
        "c": "softmax + sparse_categorical_crossentropy",
        "d": "softmax + categorical_crossentropy",
        "e": "linear + mse",
        "f": "sigmoid + binary_crossentropy",
    },
    explanations={
        "a": "가격은 연속적인 숫자이므로 출력을 그대로 내는 linear 출력층과 mse를 쓰는 회귀입니다.",
        "b": "스팸이면 1, 아니면 0인 둘 중 하나를 고르므로 양성(스팸, 1)일 확률 하나를 내는 sigmoid와 binary_crossentropy입니다.",
        "c": "레이블이 0, 1, 2 정수이므로 sparse_categorical_crossentropy를 씁니다. categorical_crossentropy는 원핫 레이블을 받아서 정수 레이블로는 계산되지 않습니다.",
        "d": "레이블이 원핫 벡터이므로 클래스 수만큼의 원핫 레이블을 그대로 받는 categorical_crossentropy를 씁니다.",
        "e": "기온은 연속적인 숫자이므로 linear 출력층과 mse를 쓰는 회귀입니다.",
        "f": "해지 1, 유지 0의 둘 중 하나이므로 sigmoid와 binary_crossentropy를 쓰는 이진 분류입니다.",
    },
)


# ---------------------------------------------------------------------------
# 문제 5
# ---------------------------------------------------------------------------


def _reference_params(sizes) -> int:
    return int(sum((n_in + 1) * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:])))


q5 = FunctionKey(
    public.q5,
    expected=[_reference_params(example.args[0]) for example in public.q5.examples],
    hidden=tuple(
        Case((list(sizes),), _reference_params(sizes))
        for sizes in ([64, 32, 10], [10, 1], [8, 8, 8, 8], [2, 16, 16, 3])
    ),
)


# ---------------------------------------------------------------------------
# 문제 6 · 7: the public probe checks, then one epoch of training on real rows.
# ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _cancer_rows() -> tuple[np.ndarray, np.ndarray]:
    """64 standardised breast-cancer rows (30 features) and their 0/1 labels, as given."""
    from course import data

    X, y = data.load_breast_cancer()
    values = X.to_numpy(dtype=np.float32)
    values = (values - values.mean(axis=0)) / values.std(axis=0)
    return values[:64], y.to_numpy()[:64]


@functools.lru_cache(maxsize=1)
def _digit_rows() -> tuple[np.ndarray, np.ndarray]:
    """96 digit images (8×8, scaled to 0..1) and their integer labels 0..9, as given."""
    from course import data

    images, labels = data.load_digits()
    return (images[:96] / 16.0).astype(np.float32), np.asarray(labels[:96])


def _fit_once(model, name: str, x: np.ndarray, y: np.ndarray) -> None:
    """Train one epoch on a few rows with the labels as the exercise gives them; the loss must be finite."""
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
        raise Incorrect(f"{with_particle(name, '을', code=True)} 한 에폭 학습했더니 손실이 {loss}입니다. 학습률이 너무 크지 않은지 확인하세요.")


def _cancer_trains(value: Any) -> None:
    x, y = _cancer_rows()
    _fit_once(value, "cancer_model", x, y)


def _digits_trains(value: Any) -> None:
    from course.model_checks import input_shape

    images, labels = _digit_rows()
    x = images.reshape((len(images),) + input_shape(value, "digits_model"))
    _fit_once(value, "digits_model", x, labels)


q6 = CustomKey(
    public.q6,
    hidden_verifier=_cancer_trains,
    summary="출력과 손실 함수가 이진 분류에 맞고, 옵티마이저(Adam)와 정확도 지표도 문제대로이며, 유방암 데이터 64행으로 한 에폭 학습도 됩니다.",
)

q7 = CustomKey(
    public.q7,
    hidden_verifier=_digits_trains,
    summary="출력과 손실 함수가 정수 레이블의 다중 분류에 맞고, 옵티마이저(Adam)와 정확도 지표도 문제대로이며, 손글씨 숫자 96장으로 한 에폭 학습도 됩니다.",
)


# ---------------------------------------------------------------------------
# 문제 8
# ---------------------------------------------------------------------------

q8 = FunctionKey(
    public.q8,
    expected=(3, 3, 2),
    hidden=(
        Case(({"val_loss": [0.3], "loss": [0.4]},), 1, label="에폭이 하나뿐인 history"),
        Case(
            (public.history_object(val_loss=[0.8, 0.7, 0.65, 0.6, 0.58, 0.57, 0.56, 0.55], loss=[0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2]),),
            8,
            label="검증 손실이 끝까지 내려가는 History 객체 (에폭 8개)",
        ),
        Case(
            (public.history_object(loss=[0.2, 0.5, 0.9], val_loss=[0.9, 0.5, 0.7]),),
            2,
            label="학습 손실은 첫 에폭이 가장 낮은 History 객체 (에폭 3개)",
        ),
    ),
)
