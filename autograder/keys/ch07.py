"""Grading key of chapter 07 (순환 신경망, RNN). Instructor-only.

Expected values are computed here by reference implementations (windowing, the time-ordered
split, the naive MAE, the SimpleRNN recurrence, the parameter formulas, checked against
Keras' ``count_params()`` in the tests). The forecasting model (q6) is graded exactly as
the self-check judges it: its test MAE against the naive forecast's, on the same windows.
"""

from __future__ import annotations

import math

import numpy as np

from autograder.keys.engine import Case, CustomKey, FunctionKey
from course.exercises import ch07 as public

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6"]


# ---------------------------------------------------------------------------
# 문제 1
# ---------------------------------------------------------------------------


def _reference_windows(series, timesteps: int, horizon: int = 1) -> dict:
    values = np.asarray(series, dtype=float)
    count = len(values) - timesteps - horizon + 1
    X = np.array([values[i : i + timesteps] for i in range(count)]).reshape(count, timesteps, 1)
    y = np.array([values[i + timesteps + horizon - 1] for i in range(count)])
    return {"X": X, "y": y}


def _windows_case(args: tuple, label: str) -> Case:
    return Case(args, _reference_windows(*args), label=label)


q1 = FunctionKey(
    public.q1,
    expected=[_reference_windows(*example.args) for example in public.q1.examples],
    hidden=(
        _windows_case((np.sin(np.arange(30) / 3.0) * 5 + 20, 12), "길이 30인 사인 곡선, timesteps=12"),
        _windows_case((np.arange(1.0, 11.0) ** 1.5, 4, 2), "길이 10인 시계열, timesteps=4, horizon=2"),
        _windows_case(([2.0, 7.0, 1.0, 8.0, 2.0, 8.0], 5), "길이 6인 리스트, timesteps=5 (창이 하나뿐)"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 2
# ---------------------------------------------------------------------------


def _reference_split(X, y, test_ratio: float) -> dict:
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    cut = len(X) - math.ceil(len(X) * test_ratio)
    return {"X_train": X[:cut], "X_test": X[cut:], "y_train": y[:cut], "y_test": y[cut:]}


def _split_case(X, y, ratio: float, label: str) -> Case:
    return Case((X, y, ratio), _reference_split(X, y, ratio), label=label)


_rng = np.random.default_rng(7)
q2 = FunctionKey(
    public.q2,
    expected=[_reference_split(*example.args) for example in public.q2.examples],
    hidden=(
        _split_case(_rng.normal(size=(23, 4)), _rng.normal(size=23), 0.3, "무작위 23×4 배열, test_ratio=0.3"),
        _split_case(np.arange(14.0).reshape(7, 2, 1), np.arange(7.0), 0.5, "3차원 창 7개, test_ratio=0.5"),
        _split_case(_rng.normal(size=(100, 12, 1)), _rng.normal(size=100), 0.15, "창 100개, test_ratio=0.15"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 3
# ---------------------------------------------------------------------------


def _reference_naive_mae(X, y) -> float:
    X = np.asarray(X, dtype=float)
    return float(np.mean(np.abs(np.asarray(y, dtype=float).reshape(-1) - X[:, -1, 0])))


def _naive_case(X, y, label: str) -> Case:
    return Case((X, y), _reference_naive_mae(X, y), label=label)


q3 = FunctionKey(
    public.q3,
    expected=[_reference_naive_mae(*example.args) for example in public.q3.examples],
    hidden=(
        _naive_case(
            np.array([[[0.0], [1.0], [2.0], [3.0], [-4.0]], [[1.0], [1.0], [1.0], [1.0], [2.5]]]),
            np.array([-1.0, 0.5]),
            "창 2개, 타임스텝 5개",
        ),
        _naive_case(
            np.arange(1.0, 13.0).reshape(6, 2, 1) ** 2 / 10,
            np.array([0.5, 2.0, 3.5, 9.0, 12.0, 13.0]),
            "창 6개, 타임스텝 2개",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 4
# ---------------------------------------------------------------------------


def _reference_rnn(x, W, U, b) -> np.ndarray:
    h = np.zeros(np.asarray(W).shape[1])
    states = []
    for x_t in np.asarray(x, dtype=float):
        h = np.tanh(x_t @ W + h @ U + b)
        states.append(h)
    return np.array(states)


def _random_rnn_case(seed: int, timesteps: int, features: int, units: int, label: str) -> Case:
    rng = np.random.default_rng(seed)
    args = (
        rng.normal(size=(timesteps, features)),
        rng.normal(scale=0.5, size=(features, units)),
        rng.normal(scale=0.5, size=(units, units)),
        rng.normal(scale=0.1, size=units),
    )
    return Case(args, _reference_rnn(*args), label=label)


q4 = FunctionKey(
    public.q4,
    expected=[_reference_rnn(*example.args) for example in public.q4.examples],
    hidden=(
        _random_rnn_case(11, 5, 1, 4, "무작위 입력: 타임스텝 5개 · 특성 1개 · 유닛 4개"),
        _random_rnn_case(12, 4, 3, 2, "무작위 입력: 타임스텝 4개 · 특성 3개 · 유닛 2개"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 5
# ---------------------------------------------------------------------------


def _reference_params(units: int, features: int) -> dict:
    weights = units * (units + features)
    return {"SimpleRNN": weights + units, "LSTM": 4 * (weights + units), "GRU": 3 * (weights + 2 * units)}


q5 = FunctionKey(
    public.q5,
    expected=[_reference_params(*example.args) for example in public.q5.examples],
    hidden=tuple(Case(args, _reference_params(*args)) for args in ((32, 1), (16, 5), (64, 32))),
)


# ---------------------------------------------------------------------------
# 문제 6: the self-check's rule is the whole rule; grading computes the same two MAEs.
# ---------------------------------------------------------------------------

q6 = CustomKey(public.q6, summary="테스트 기간의 MAE가 순진한 예측보다 낮습니다.")
