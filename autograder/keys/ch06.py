"""Grading key of chapter 06 (합성곱 신경망). Instructor-only.

Expected values are computed here by reference implementations (output size, parameter
count, cross-correlation, 2×2 max pooling). The CNN is graded by the same rule the
self-check states (test accuracy and parameter count); the residual block is graded by the
same computational probes on two other input sizes.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from autograder.keys.engine import Case, CustomKey, FunctionKey
from course.exercises import ch06 as public

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6"]


# ---------------------------------------------------------------------------
# 문제 3
# ---------------------------------------------------------------------------


def _reference_size(size: int, kernel: int, stride: int, padding: str) -> int:
    if padding == "same":
        return int(math.ceil(size / stride))
    return (size - kernel) // stride + 1


q3 = FunctionKey(
    public.q3,
    expected=[_reference_size(*example.args) for example in public.q3.examples],
    hidden=tuple(
        Case(args, _reference_size(*args))
        for args in ((32, 5, 1, "valid"), (15, 2, 2, "valid"), (5, 3, 3, "same"), (224, 7, 2, "same"))
    ),
)


# ---------------------------------------------------------------------------
# 문제 4
# ---------------------------------------------------------------------------


def _reference_params(kernel_size: int, in_channels: int, filters: int) -> int:
    return (kernel_size * kernel_size * in_channels + 1) * filters


q4 = FunctionKey(
    public.q4,
    expected=[_reference_params(*example.args) for example in public.q4.examples],
    hidden=tuple(Case(args, _reference_params(*args)) for args in ((1, 16, 32), (3, 3, 64), (7, 2, 5))),
)


# ---------------------------------------------------------------------------
# 문제 1
# ---------------------------------------------------------------------------


def _reference_conv2d(image, kernel) -> np.ndarray:
    image, kernel = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    windows = np.lib.stride_tricks.sliding_window_view(image, (kh, kw))
    return np.einsum("ijkl,kl->ij", windows, kernel)


def _conv_case(image, kernel, label: str) -> Case:
    return Case((image, kernel), _reference_conv2d(image, kernel), label=label)


_rng = np.random.default_rng(6)
q1 = FunctionKey(
    public.q1,
    expected=[_reference_conv2d(*example.args) for example in public.q1.examples],
    hidden=(
        _conv_case(np.round(_rng.normal(size=(6, 7)), 2), np.round(_rng.normal(size=(3, 3)), 2), "무작위 실수 6×7 이미지, 3×3 커널"),
        _conv_case(np.arange(9).reshape(3, 3), np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]]), "3×3 이미지와 3×3 라플라시안 커널 (출력 한 칸)"),
        _conv_case(np.arange(40).reshape(5, 8) % 5, np.array([[2, -1], [0, 3], [1, 1]]), "5×8 이미지, 3×2 커널"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 2
# ---------------------------------------------------------------------------


def _reference_pool(feature_map) -> np.ndarray:
    x = np.asarray(feature_map, dtype=float)
    h, w = x.shape[0] // 2, x.shape[1] // 2
    return x[: 2 * h, : 2 * w].reshape(h, 2, w, 2).max(axis=(1, 3))


def _pool_case(feature_map, label: str) -> Case:
    return Case((feature_map,), _reference_pool(feature_map), label=label)


q2 = FunctionKey(
    public.q2,
    expected=[_reference_pool(example.args[0]) for example in public.q2.examples],
    hidden=(
        _pool_case(np.array([[3, -1], [2, 5]]), "2×2 특성 맵"),
        _pool_case(np.arange(28).reshape(7, 4) % 6 - 3, "높이만 홀수인 7×4 특성 맵"),
        _pool_case(np.round(_rng.normal(size=(6, 6)), 2), "무작위 실수 6×6 특성 맵"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 5: the visible rule is the whole rule (accuracy on the given test split and the
# parameter count); grading recomputes both on freshly imported code.
# ---------------------------------------------------------------------------

q5 = CustomKey(
    public.q5,
    summary=(
        f"테스트 정확도가 {public.TARGET_ACCURACY:.2f} 이상이고 파라미터 수가 Dense 모델"
        f"({public.DENSE_BASELINE_PARAMS:,}개)보다 적습니다."
    ),
)


# ---------------------------------------------------------------------------
# 문제 6: the same computational probes on two other input sizes.
# ---------------------------------------------------------------------------


def _other_sizes(value: Any) -> None:
    public.residual_block_checks(value, 6, 8)


q6 = CustomKey(
    public.q6,
    hidden_verifier=_other_sizes,
    summary="세 가지 입력 크기에서 출력 모양, 지름길 더하기, 가운데 ReLU, 더한 뒤의 ReLU가 모두 규칙대로 계산됩니다.",
)
