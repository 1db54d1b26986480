"""Chapter 07 (순환 신경망, RNN): what a student may see of each exercise.

The notebook imports ``q1`` … ``q6``; each test cell runs ``qN.check()`` (the visible
self-check) and, hidden, the instructor's grading key. This module holds rules, hints, the
inputs of the visible examples and public form checks (a tuple of two or four arrays, the
shape of the hidden states, the keys of a dict) only; expected values are sealed in
``sealed.json``.

The forecasting exercise (q6) is judged by what the learner's trained model computes on
the chapter's test windows (the last 20% of the monthly CO₂ windows, in time order): its
mean absolute error must be lower than the naive forecast's ("next month = this month").
The self-check and grading compute the same two numbers; grading adds no other rule.
Keras is imported lazily, only when the model check runs.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from course.checks import (
    CustomExercise,
    Example,
    FunctionExercise,
    Incorrect,
    describe,
)

CHAPTER = "07_rnn"

__all__ = ["CHAPTER", "TEST_RATIO", "TIMESTEPS", "forecast_test_windows", "q1", "q2", "q3", "q4", "q5", "q6"]

TIMESTEPS = 12  # months in one window of the forecasting exercise
TEST_RATIO = 0.2  # the last 20% of the windows, in time order, are the test windows


def _pair(name: str, result: Any, call: str, rule: str, count: int) -> tuple:
    if not isinstance(result, (tuple, list)) or len(result) != count:
        raise Incorrect(f"`{call}`의 결과가 {describe(result)}입니다. 배열 {count}개를 튜플로 돌려주어야 합니다. {rule}")
    try:
        return tuple(np.asarray(part, dtype=float) for part in result)
    except (TypeError, ValueError):
        raise Incorrect(f"`{call}`의 결과를 숫자 배열로 바꿀 수 없습니다: {describe(result)}. {rule}") from None


# ---------------------------------------------------------------------------
# 문제 1. 시계열을 창(window)으로 자르기
# ---------------------------------------------------------------------------

_Q1_RULE = (
    "`make_windows(series, timesteps, horizon=1)`는 `(X, y)`를 돌려주어야 합니다. `X`는 모양이 "
    "`(샘플 수, timesteps, 1)`인 3차원 배열이고, i번째 창 `X[i, :, 0]`은 `series[i : i + timesteps]`입니다. "
    "`y[i]`는 창의 마지막 값에서 `horizon`칸 뒤의 값, 곧 `series[i + timesteps + horizon - 1]`입니다. "
    "만들 수 있는 창을 하나도 빠짐없이 만들므로 샘플 수는 `len(series) - timesteps - horizon + 1`이고, "
    "마지막 창의 `y`는 시계열의 마지막 값입니다. `series`는 리스트, NumPy 배열, pandas Series 어느 것이어도 됩니다."
)


def _q1_reduce(args: tuple, result: Any, call: str) -> dict:
    X, y = _pair("make_windows", result, call, _Q1_RULE, 2)
    if X.ndim != 3 or X.shape[-1:] != (1,):
        raise Incorrect(
            f"`{call}`이 돌려준 X의 모양이 {X.shape}입니다. 순환 층은 (샘플 수, 타임스텝 수, 특성 수) 3차원 입력을 받습니다. "
            f"특성이 하나이니 마지막 축의 크기는 1이어야 합니다. {_Q1_RULE}"
        )
    return {"X": X, "y": y}


q1 = FunctionExercise(
    chapter=CHAPTER,
    name="q1",
    title="문제 1",
    var="make_windows",
    points=3,
    rule=_Q1_RULE,
    hints=(
        "창의 시작 위치 i를 0부터 하나씩 옮기며 `series[i : i + timesteps]`를 잘라 모으세요. 먼저 `np.asarray(series, dtype=float)`로 "
        "배열로 바꾸면 pandas Series도 위치로 자를 수 있습니다. 시작 위치가 몇 개인지는 '마지막 창의 정답이 시계열의 마지막 값'이 되도록 정하세요.",
        "길이 6인 시계열에서 timesteps=3, horizon=1이면 창은 [0:3], [1:4], [2:5] 세 개이고 정답은 3, 4, 5번 자리의 값입니다. "
        "창들을 `np.array`로 쌓으면 (샘플 수, timesteps) 2차원이 되니, 특성 축을 하나 더 붙여야 합니다(`[..., np.newaxis]` 또는 `reshape`).",
        "순서대로 하세요: ① 값을 실수 배열로 바꾸고, ② 창의 개수 n = 전체 길이 - timesteps - horizon + 1을 구하고, ③ i = 0 … n-1마다 창은 "
        "i에서 timesteps개, 정답은 창이 끝난 자리(i + timesteps)에서 horizon - 1칸 더 간 자리의 값으로 두 리스트에 모읍니다. "
        "④ 창 리스트를 배열로 만든 뒤 마지막에 크기 1인 축을 붙이고, 정답 리스트도 배열로 만들어 `(X, y)`로 돌려줍니다.",
    ),
    on_correct="이 창 하나하나가 순환 신경망이 보는 샘플입니다. 케라스의 `keras.utils.timeseries_dataset_from_array`도 같은 일을 합니다.",
    graded_also="길이, 창 크기, horizon이 다른 시계열 3가지",
    tolerance=1e-6,
    reduce=_q1_reduce,
    examples=(
        Example(([10.0, 11.0, 12.0, 13.0, 14.0, 15.0], 3), label="[10, 11, 12, 13, 14, 15], timesteps=3"),
        Example(
            (np.array([1.0, 4.0, 9.0, 16.0, 25.0, 36.0, 49.0]), 2, 3),
            label="[1, 4, 9, 16, 25, 36, 49], timesteps=2, horizon=3",
            why="y는 창의 마지막 값에서 horizon칸 뒤",
        ),
        Example(
            (pd.Series([3.0, 1.0, 4.0, 1.0, 5.0], index=[10, 11, 12, 13, 14]), 4),
            label="인덱스가 10부터인 pandas Series [3, 1, 4, 1, 5], timesteps=4",
            why="pandas Series도 위치로 자르고, 마지막 창까지 빠짐없이",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 2. 시간 순서대로 나누기
# ---------------------------------------------------------------------------

_Q2_RULE = (
    "`time_split(X, y, test_ratio)`는 `(X_train, X_test, y_train, y_test)`를 돌려주어야 합니다. 섞지 않고 시간 순서를 "
    "그대로 지키며, 맨 뒤의 `math.ceil(len(X) * test_ratio)`개 샘플이 테스트, 그 앞의 샘플이 모두 학습 데이터입니다 "
    "(scikit-learn의 `train_test_split(..., shuffle=False)`와 같은 개수). `X`는 2차원이든 3차원이든 첫 축(샘플)을 따라 나눕니다."
)


def _q2_reduce(args: tuple, result: Any, call: str) -> dict:
    X_train, X_test, y_train, y_test = _pair("time_split", result, call, _Q2_RULE, 4)
    return {"X_train": X_train, "X_test": X_test, "y_train": y_train, "y_test": y_test}


q2 = FunctionExercise(
    chapter=CHAPTER,
    name="q2",
    title="문제 2",
    var="time_split",
    points=2,
    rule=_Q2_RULE,
    hints=(
        "3장의 `train_test_split(..., stratify=y)`는 샘플을 섞었습니다. 시계열에서 섞으면 미래의 창으로 학습하고 과거를 맞히는 셈이 됩니다. "
        "여기서는 앞부분이 학습, 뒷부분이 테스트입니다.",
        "테스트 샘플 수 `n_test`를 먼저 구하고(올림), 슬라이싱으로 앞의 `len(X) - n_test`개와 뒤의 `n_test`개를 나누세요. "
        "`train_test_split`을 쓰려면 섞지 않는 옵션을 주어야 합니다.",
        "① 테스트 샘플 수를 `math.ceil`로 올림해 구하고, ② 전체 길이에서 그 수를 뺀 자리를 자르는 위치로 삼아, ③ X와 y를 각각 그 위치의 앞과 뒤로 슬라이싱한 뒤 "
        "(X 앞, X 뒤, y 앞, y 뒤) 순서의 튜플로 돌려줍니다.",
    ),
    on_correct="테스트 기간이 학습 기간보다 뒤에 있어야 '내일을 예측하는' 실제 상황과 같아집니다.",
    graded_also="샘플 수와 비율이 다른 데이터 3가지",
    reduce=_q2_reduce,
    examples=(
        Example(
            (np.arange(20.0).reshape(10, 2), np.arange(100.0, 110.0), 0.2),
            label="X = 10×2 배열(0~19), y = [100, …, 109], test_ratio=0.2",
            why="섞지 않고 맨 뒤가 테스트",
        ),
        Example(
            (np.arange(10.0).reshape(10, 1), np.arange(10.0) * 10, 0.25),
            label="샘플 10개, test_ratio=0.25 (10 × 0.25 = 2.5)",
            why="테스트 샘플 수는 올림(`math.ceil`)",
        ),
        Example(
            (np.arange(30.0).reshape(10, 3, 1), np.arange(10.0), 0.4),
            label="3차원 창 배열 (10, 3, 1), test_ratio=0.4",
            why="3차원 X도 첫 축을 따라",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 3. 순진한 예측(naive forecast)의 MAE
# ---------------------------------------------------------------------------

_Q3_RULE = (
    "`naive_mae(X, y)`는 모양이 `(샘플 수, 타임스텝 수, 1)`인 창 `X`와 정답 `y`를 받아, '다음 값 = 창의 마지막 값'이라는 "
    "순진한 예측(naive forecast)의 평균 절대 오차(MAE), 곧 `|y - 창의 마지막 값|`의 평균을 실수 하나로 돌려주어야 합니다."
)

q3 = FunctionExercise(
    chapter=CHAPTER,
    name="q3",
    title="문제 3",
    var="naive_mae",
    points=2,
    rule=_Q3_RULE,
    hints=(
        "창마다 예측값은 그 창의 마지막 값입니다. 3차원 배열에서 '모든 샘플의 마지막 타임스텝, 첫 특성'은 `X[:, -1, 0]`입니다.",
        "오차 `y - 예측`은 양수도 음수도 있습니다. 그대로 평균하면 서로 지워지니 절댓값(`np.abs`)을 취한 뒤 평균(`np.mean`)하세요.",
        "① 예측 = `X`의 마지막 타임스텝 값(샘플마다 하나, 1차원), ② 오차 = `y`(1차원으로 바꿔서) - 예측, ③ 절댓값의 평균을 `float`로 돌려줍니다.",
    ),
    on_correct="이 숫자가 모든 예측 모델이 넘어야 할 기준선(baseline)입니다. 기준선보다 못한 모델은 쓸 이유가 없습니다.",
    graded_also="창 크기가 다른 데이터 2가지",
    examples=(
        Example(
            (np.array([[[1.0], [2.0], [3.0]], [[2.0], [3.0], [5.0]]]), np.array([4.0, 6.0])),
            label="창 2개 [[1, 2, 3], [2, 3, 5]] (모양 (2, 3, 1)), y = [4, 6]",
        ),
        Example(
            (np.array([[[5.0], [7.0]], [[7.0], [6.0]], [[6.0], [9.0]], [[9.0], [8.0]]]), np.array([6.0, 9.0, 8.0, 10.0])),
            label="창 4개 [[5, 7], [7, 6], [6, 9], [9, 8]], y = [6, 9, 8, 10]",
            why="오차가 음수인 샘플도 절댓값으로",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 4. SimpleRNN을 NumPy로 펼치기
# ---------------------------------------------------------------------------

_Q4_RULE = (
    "`rnn_forward(x, W, U, b)`는 한 샘플의 입력 `x`(모양 `(타임스텝 수, 특성 수)`)를 SimpleRNN처럼 처리해 타임스텝마다의 "
    "은닉 상태를 모두 담은 배열(모양 `(타임스텝 수, 유닛 수)`)을 돌려주어야 합니다. 처음 은닉 상태는 0이고, "
    "`h_t = tanh(x_t @ W + h_{t-1} @ U + b)`입니다. `W`는 `(특성 수, 유닛 수)`, `U`는 `(유닛 수, 유닛 수)`, `b`는 `(유닛 수,)`로 "
    "케라스의 `layer.get_weights()`가 주는 kernel, recurrent_kernel, bias 그대로입니다."
)


def _q4_reduce(args: tuple, result: Any, call: str) -> np.ndarray:
    x, W = np.asarray(args[0]), np.asarray(args[1])
    try:
        states = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise Incorrect(f"`{call}`의 결과를 숫자 배열로 바꿀 수 없습니다: {describe(result)}. {_Q4_RULE}") from None
    expected_shape = (x.shape[0], W.shape[1])
    if states.shape != expected_shape:
        raise Incorrect(
            f"`{call}`의 결과 모양이 {states.shape}입니다. 타임스텝 {x.shape[0]}개마다 유닛 {W.shape[1]}개의 은닉 상태를 모두 "
            f"담아 {expected_shape} 모양이어야 합니다(마지막 상태만 돌려주면 안 됩니다). {_Q4_RULE}"
        )
    return states


q4 = FunctionExercise(
    chapter=CHAPTER,
    name="q4",
    title="문제 4",
    var="rnn_forward",
    points=3,
    rule=_Q4_RULE,
    hints=(
        "은닉 상태 `h`를 유닛 수만큼의 0으로 시작하고, 타임스텝을 하나씩 돌며 새 `h`를 계산해 리스트에 모으세요. 새 `h`는 지금 입력과 바로 전 `h`를 함께 씁니다.",
        "곱하는 순서에 주의하세요. `x_t`(특성 수,) `@ W`(특성 수, 유닛 수)와 `h`(유닛 수,) `@ U`(유닛 수, 유닛 수)는 둘 다 (유닛 수,)가 됩니다. "
        "`U @ h`처럼 순서를 바꾸면 U를 전치한 셈이 되어 값이 달라집니다. 활성화 함수는 `np.tanh`입니다.",
        "① 은닉 상태를 유닛 수(`W`의 열 수)만큼의 0으로 만들고, ② `for x_t in x:` 안에서 `h`를 '입력 항 + 순환 항 + 편향'에 tanh를 씌운 값으로 바꾸고 리스트에 붙입니다. "
        "③ 반복이 끝나면 리스트를 `np.array`로 쌓아 돌려줍니다(타임스텝 수 × 유닛 수).",
    ),
    on_correct="케라스의 SimpleRNN이 하는 계산이 이 반복문 하나입니다. 같은 W, U, b를 모든 타임스텝에서 다시 씁니다(가중치 공유).",
    graded_also="크기가 다른 무작위 입력과 가중치 2가지",
    tolerance=1e-4,
    reduce=_q4_reduce,
    examples=(
        Example(
            (
                np.array([[1.0], [0.5], [-1.0]]),
                np.array([[0.5, -0.3]]),
                np.array([[0.2, 0.4], [-0.6, 0.1]]),
                np.array([0.3, -0.2]),
            ),
            label="타임스텝 3개 · 특성 1개 · 유닛 2개 (U가 대칭이 아님)",
            why="`h_{t-1} @ U` 순서와 처음 상태 0",
        ),
        Example(
            (
                np.array([[0.3, -0.2], [1.5, 0.8]]),
                np.array([[1.0, -0.5, 0.2], [0.3, 0.8, -1.2]]),
                np.array([[0.1, 0.0, -0.3], [0.5, 0.2, 0.0], [-0.4, 0.3, 0.6]]),
                np.array([0.0, 0.2, -0.2]),
            ),
            label="타임스텝 2개 · 특성 2개 · 유닛 3개",
            why="특성과 유닛이 여럿이어도",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 5. 순환 층의 파라미터 수
# ---------------------------------------------------------------------------

_Q5_KEYS = ("SimpleRNN", "LSTM", "GRU")

_Q5_RULE = (
    "`rnn_params(units, features)`는 특성 `features`개를 받는 유닛 `units`개짜리 순환 층 하나의 파라미터 수를 "
    "`{\"SimpleRNN\": …, \"LSTM\": …, \"GRU\": …}` 딕셔너리(값은 정수)로 돌려주어야 합니다. SimpleRNN은 "
    "입력 가중치(features × units) + 순환 가중치(units × units) + 편향(units)이고, LSTM은 그런 묶음이 게이트 4개만큼, "
    "GRU는 3개만큼 있습니다. 단 케라스의 GRU(`reset_after=True`, 기본값)는 묶음마다 편향이 두 벌(2 × units)입니다."
)


def _q5_reduce(args: tuple, result: Any, call: str) -> dict:
    if not isinstance(result, dict) or set(result) != set(_Q5_KEYS):
        raise Incorrect(
            f"`{call}`의 결과가 {describe(result)}입니다. 키가 \"SimpleRNN\", \"LSTM\", \"GRU\" 세 개인 딕셔너리여야 합니다. {_Q5_RULE}"
        )
    return {key: result[key] for key in _Q5_KEYS}


q5 = FunctionExercise(
    chapter=CHAPTER,
    name="q5",
    title="문제 5",
    var="rnn_params",
    points=2,
    rule=_Q5_RULE,
    hints=(
        "SimpleRNN의 가중치는 `get_weights()`의 세 배열 kernel (features, units), recurrent_kernel (units, units), bias (units,)입니다. "
        "세 배열의 원소 수를 더하면 됩니다.",
        "LSTM은 입력 · 망각 · 출력 게이트와 새 기억 후보, 네 묶음이 각각 SimpleRNN과 같은 크기의 가중치를 가집니다. GRU는 리셋 · 업데이트 게이트와 "
        "후보, 세 묶음입니다. 케라스 GRU는 묶음마다 편향이 두 개(입력 쪽, 순환 쪽)입니다.",
        "묶음 하나의 가중치 수 `w = units * (units + features)`를 먼저 구하세요. SimpleRNN = w + units, LSTM = 4 × (w + units), "
        "GRU = 3 × (w + 편향 두 벌)입니다. 세 값을 정수로 딕셔너리에 담아 돌려줍니다.",
    ),
    on_correct="유닛 수가 같아도 LSTM은 SimpleRNN의 4배, GRU는 약 3배의 파라미터를 가집니다. `model.count_params()`로 확인해 보세요.",
    graded_also="유닛과 특성 수가 다른 조합 3가지",
    reduce=_q5_reduce,
    examples=(
        Example((4, 1), label="units=4, features=1"),
        Example((8, 3), why="특성이 여럿이면 입력 가중치가 features × units"),
        Example((1, 1), why="GRU의 편향은 묶음마다 두 벌"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 6. 기준선을 이기는 예측 모델
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _windows() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All monthly CO₂ windows of TIMESTEPS months, their next-month targets and target dates."""
    from course import data

    series = data.load_co2()
    frame = data.lag_frame(series, TIMESTEPS)
    X = frame.drop(columns="t").to_numpy(dtype=np.float32)[..., np.newaxis]
    y = frame["t"].to_numpy(dtype=np.float32)
    return X, y, pd.DatetimeIndex(frame.index).to_numpy()


def forecast_test_windows() -> tuple[np.ndarray, np.ndarray]:
    """The test windows of the forecasting exercise: the last 20% of the monthly windows.

    Returns ``(X_test, y_test)``: raw CO₂ values in ppm, ``X_test`` of shape (103, 12, 1).
    """
    X, y, _ = _windows()
    n_test = math.ceil(len(X) * TEST_RATIO)
    return X[-n_test:].copy(), y[-n_test:].copy()


def relative(X: np.ndarray) -> np.ndarray:
    """Each window minus its own last value: the model's input form in exercise 6."""
    X = np.asarray(X, dtype=np.float32)
    return X - X[:, -1:, :]


_Q6_RULE = (
    "`forecast_model`은 학습을 마친 케라스 모델이어야 합니다. 입력은 12개월 창에서 그 창의 마지막 값을 뺀 "
    "`X - X[:, -1:, :]`(모양 `(샘플 수, 12, 1)`)이고, 출력은 샘플마다 값 하나, 곧 다음 달 CO₂ 농도가 창의 마지막 달보다 "
    "얼마나 변하는지(ppm)입니다. 예측값 = 창의 마지막 값 + 모델 출력으로 계산한 테스트 기간(마지막 20%의 창)의 MAE가 "
    "순진한 예측('다음 달 = 이번 달')의 MAE보다 낮아야 합니다."
)


def _forecast_errors(model) -> tuple[float, float]:
    from course.model_checks import expect_model, probe_output

    model = expect_model(model, "forecast_model")
    X_test, y_test = forecast_test_windows()
    out = probe_output(model, "forecast_model", relative(X_test))
    if out.size != len(X_test) or (out.ndim > 1 and out.shape[1:] not in ((1,), ())):
        raise Incorrect(
            f"`forecast_model`에 테스트 창 {len(X_test)}개를 넣었더니 출력 모양이 {out.shape}입니다. "
            f"샘플마다 값 하나, 곧 ({len(X_test)}, 1) 모양이어야 합니다. {_Q6_RULE}"
        )
    change = out.reshape(-1)
    if not np.all(np.isfinite(change)):
        raise Incorrect(f"`forecast_model`의 출력에 inf나 nan이 있습니다. 학습률을 낮춰 다시 학습시키세요. {_Q6_RULE}")
    last = X_test[:, -1, 0].astype(np.float64)
    model_mae = float(np.mean(np.abs(y_test - (last + change))))
    naive = float(np.mean(np.abs(y_test - last)))
    return model_mae, naive


def verify_forecast(value: Any) -> str:
    model_mae, naive = _forecast_errors(value)
    if not model_mae < naive:
        raise Incorrect(
            f"테스트 기간의 MAE가 모델 {model_mae:.3f} ppm, 순진한 예측 {naive:.3f} ppm입니다. 모델이 기준선보다 낮아야 합니다. "
            "입력과 정답을 '창의 마지막 값을 뺀 변화량'으로 만들어 학습시켰는지, 에폭이 충분한지 확인하세요. " + _Q6_RULE
        )
    gain = naive - model_mae
    return (
        f"테스트 기간(창 {len(forecast_test_windows()[0])}개)의 MAE가 모델 {model_mae:.3f} ppm으로 순진한 예측 {naive:.3f} ppm보다 "
        f"{gain:.3f} ppm({gain / naive:.0%}) 낮습니다."
    )


q6 = CustomExercise(
    chapter=CHAPTER,
    name="q6",
    title="문제 6",
    var="forecast_model",
    points=4,
    rule=_Q6_RULE,
    hints=(
        "CO₂는 해마다 오르기 때문에 테스트 기간의 값은 학습 기간에 한 번도 나온 적 없는 크기입니다. 값 자체 대신 '창의 마지막 값에서 얼마나 변하는지'를 배우면 "
        "오르는 추세와 상관없이 계절의 오르내림만 배우면 됩니다. 7.2절에서 만든 `X_train_rel`, `y_train_rel`이 바로 그 데이터입니다.",
        "입력 모양은 `keras.Input(shape=(12, 1))`, 그 뒤에 `SimpleRNN`, `LSTM`, `GRU` 가운데 하나(유닛 16개 정도)와 `Dense(1)` 출력층이면 충분합니다. "
        "회귀이므로 출력층에 활성화 함수를 두지 않고 손실은 `\"mse\"`나 `\"mae\"`를 씁니다. 학습률을 0.01로 조금 키우면 적은 에폭으로도 됩니다.",
        "순서: ① 세션을 비우고 시드를 고정합니다(`clear_session`, `set_random_seed`에 `SEED`). ② `Sequential`에 입력층(12, 1), 순환 층 하나, "
        "유닛 1개짜리 `Dense`를 쌓습니다. ③ 학습률 0.01의 Adam과 `\"mse\"`로 compile합니다. ④ 7.2절에서 만든 변화량 입력과 "
        "변화량 정답으로 `fit(..., epochs=EPOCHS, verbose=0)`.",
    ),
    on_correct="순진한 예측은 '추세'는 잘 따라가지만 계절의 오르내림을 모릅니다. 모델이 더한 것은 바로 그 계절성입니다.",
    verifier=verify_forecast,
)
