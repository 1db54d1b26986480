"""Grading key of chapter 08 (설명 가능한 AI). Instructor-only.

Expected values are computed here by reference implementations (top-k by absolute
coefficient, one permutation drop, exact Shapley values over all coalitions, a
``tf.GradientTape`` gradient, a region's share of a map's total, Spearman's ρ with average
ranks). Hidden cases apply the same rules the prompts state to other inputs.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
from scipy import stats

from autograder.keys.engine import Case, FunctionKey
from autograder.probes.ch08 import linear4 as _linear4
from autograder.probes.ch08 import linear_tf as _linear_tf
from autograder.probes.ch08 import product4 as _product4
from autograder.probes.ch08 import sigmoid3 as _sigmoid3
from autograder.probes.ch08 import tanh_model as _tanh_model
from autograder.probes.ch08 import three_feature_rule as _three_feature_rule
from course.exercises import ch08 as public

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6"]

_rng = np.random.default_rng(8)


# ---------------------------------------------------------------------------
# 문제 1
# ---------------------------------------------------------------------------


def _reference_top(coefficients, names, k) -> list:
    order = np.argsort(-np.abs(np.asarray(coefficients, dtype=float)), kind="stable")[:k]
    names = list(names)
    return [names[i] for i in order]


_coefs30 = np.round(_rng.normal(size=30), 3)
_names30 = pd.Index([f"feature_{i:02d}" for i in range(30)])
q1 = FunctionKey(
    public.q1,
    expected=[_reference_top(*example.args) for example in public.q1.examples],
    hidden=(
        Case((_coefs30, _names30, 5), _reference_top(_coefs30, _names30, 5), "무작위 계수 30개, pandas Index 이름, k=5"),
        Case((-_coefs30, list(_names30), 1), _reference_top(-_coefs30, _names30, 1), "부호를 뒤집은 계수 30개, 리스트 이름, k=1"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 2
# ---------------------------------------------------------------------------


def _reference_drop(predict, X, y, column, order) -> float:
    X = np.asarray(X)
    permuted = X.copy()
    permuted[:, column] = X[order, column]
    return float(np.mean(predict(X) == y) - np.mean(predict(permuted) == y))


_X40 = np.round(_rng.normal(size=(40, 3)), 2)
_y40 = (_X40[:, 0] - 0.5 * _X40[:, 2] + 0.3 * _rng.normal(size=40) > 0).astype(int)
_order40 = _rng.permutation(40)

q2 = FunctionKey(
    public.q2,
    expected=[_reference_drop(*example.args) for example in public.q2.examples],
    hidden=tuple(
        Case((_three_feature_rule, _X40, _y40, column, _order40), _reference_drop(_three_feature_rule, _X40, _y40, column, _order40),
             f"특성 3개 규칙 모델, 샘플 40개, column={column}, 무작위 order")
        for column in range(3)
    ),
)


# ---------------------------------------------------------------------------
# 문제 3
# ---------------------------------------------------------------------------


def _reference_shapley(f, x, baseline) -> np.ndarray:
    x, baseline = np.asarray(x, dtype=float), np.asarray(baseline, dtype=float)
    n = len(x)
    phi = np.zeros(n)
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for size in range(n):
            weight = math.factorial(size) * math.factorial(n - size - 1) / math.factorial(n)
            for subset in itertools.combinations(others, size):
                z = baseline.copy()
                z[list(subset)] = x[list(subset)]
                without = f(z)
                z[i] = x[i]
                phi[i] += weight * (f(z) - without)
    return phi


def _shapley_case(f, x, baseline, label: str) -> Case:
    x, baseline = np.array(x, dtype=float), np.array(baseline, dtype=float)
    return Case((f, x, baseline), _reference_shapley(f, x, baseline), label)


q3 = FunctionKey(
    public.q3,
    expected=[_reference_shapley(*example.args) for example in public.q3.examples],
    hidden=(
        _shapley_case(_linear4, [1.0, -1.0, 4.0, 2.0], [0.5, 0.5, 0.5, 0.5], "특성 4개 선형 모델, 기준값 0.5"),
        _shapley_case(_product4, [2.0, -1.0, 3.0, 0.5], [1.0, 0.5, -1.0, 2.0], "곱셈 항이 겹치는 특성 4개 모델"),
        _shapley_case(_sigmoid3, [1.0, 2.0, -1.0], [0.0, 0.5, 1.0], "시그모이드 모델 (특성 3개)"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 4
# ---------------------------------------------------------------------------


def _reference_gradient(f, x) -> np.ndarray:
    import tensorflow as tf

    tensor = tf.constant(np.asarray(x), dtype=tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(tensor)
        out = f(tensor)
    return tape.gradient(out, tensor).numpy().astype(float)


_rng.normal(size=(3, 3))  # kept so that later hidden inputs stay the same; W33 lives in autograder.probes.ch08


_x33 = np.round(_rng.uniform(-0.5, 0.5, size=(3, 3)), 2)
_x4 = np.array([0.3, -1.0, 2.0, 0.0])

q4 = FunctionKey(
    public.q4,
    expected=[_reference_gradient(*example.args) for example in public.q4.examples],
    hidden=(
        Case((_tanh_model, _x33), _reference_gradient(_tanh_model, _x33), "f(z) = tanh(Σ W ⊙ z), 3×3 무작위 W와 x"),
        Case((_linear_tf, _x4), _reference_gradient(_linear_tf, _x4), "특성 4개 선형 함수"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 5
# ---------------------------------------------------------------------------


def _reference_share(heatmap, mask) -> float:
    heatmap = np.asarray(heatmap, dtype=float)
    total = heatmap.sum()
    return float(heatmap[np.asarray(mask, dtype=bool)].sum() / total) if total > 0 else 0.0


_map28 = _rng.uniform(size=(28, 28)) ** 3
_mask28 = _rng.uniform(size=(28, 28)) < 0.3

q5 = FunctionKey(
    public.q5,
    expected=[_reference_share(*example.args) for example in public.q5.examples],
    hidden=(
        Case((_map28, _mask28), _reference_share(_map28, _mask28), "무작위 28×28 히트맵과 마스크"),
        Case((_map28, np.ones((28, 28), dtype=bool)), 1.0, "전부 True인 마스크"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 6
# ---------------------------------------------------------------------------


def _reference_rank(map_a, map_b) -> float:
    a, b = np.asarray(map_a, dtype=float).ravel(), np.asarray(map_b, dtype=float).ravel()
    return float(np.corrcoef(stats.rankdata(a), stats.rankdata(b))[0, 1])


_a28 = _rng.uniform(size=(28, 28))
_b28 = _a28 ** 2 + 0.3 * _rng.uniform(size=(28, 28))
_c28 = _rng.uniform(size=(28, 28))
_sparse = np.maximum(_rng.normal(size=(28, 28)), 0.0)  # about half zeros, like a ReLU map
_sparse_b = np.maximum(_sparse + 0.5 * _rng.normal(size=(28, 28)), 0.0)

q6 = FunctionKey(
    public.q6,
    expected=[_reference_rank(*example.args) for example in public.q6.examples],
    hidden=(
        Case((_a28, _b28), _reference_rank(_a28, _b28), "무작위 28×28 맵과 그 맵의 단조 변환 + 잡음"),
        Case((_a28, _c28), _reference_rank(_a28, _c28), "서로 무관한 무작위 28×28 맵"),
        Case((_sparse, _sparse_b), _reference_rank(_sparse, _sparse_b), "0이 절반쯤인 28×28 맵 두 장"),
    ),
)
