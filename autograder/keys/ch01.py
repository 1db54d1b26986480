"""Grading key of chapter 01 (머신러닝 프로세스). Instructor-only."""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.keys.engine import Case, ChoiceKey, CustomKey, FunctionKey
from course.checks import Incorrect
from course.exercises import ch01 as public

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"]

q1 = ChoiceKey(
    public.q1,
    answers={"a": "통계", "b": "머신러닝", "c": "딥러닝", "d": "딥러닝", "e": "통계", "f": "머신러닝"},
    explanations={
        "a": "환자 60명의 작은 자료로 약효가 우연이 아닌지 검정하고 근거를 밝히는 일은 통계의 몫입니다.",
        "b": "고객 8,000명의 표 데이터로 예측하면서 중요한 특성을 설명해야 하고 장비도 CPU뿐이니 머신러닝이 알맞습니다.",
        "c": "사진 200만 장이라는 대규모 비정형 데이터에서 특성까지 배워야 하고 GPU도 있으니 딥러닝이 알맞습니다.",
        "d": "수만 시간의 녹음은 사람이 특성을 정하기 어려운 대규모 비정형 데이터라 딥러닝이 알맞습니다.",
        "e": "12개월치 작은 자료로 직선 관계를 구하고 기울기의 뜻을 설명하는 일은 통계(회귀 분석)입니다.",
        "f": "5만 건의 표 데이터로 예측하면서 막은 이유를 설명해야 하니 해석하기 쉬운 머신러닝이 알맞습니다.",
    },
)

q2 = ChoiceKey(
    public.q2,
    answers={
        "a": "이진 분류",
        "b": "다중 분류",
        "c": "회귀",
        "d": "다중 레이블 분류",
        "e": "생성",
        "f": "다중 분류",
        "g": "회귀",
        "h": "다중 레이블 분류",
    },
    explanations={
        "a": "스팸인지 아닌지, 두 범주 중 하나를 고르므로 이진 분류입니다.",
        "b": "0~9, 열 개의 범주 중 하나를 고르므로 다중 분류입니다.",
        "c": "최고 기온은 연속적인 숫자이므로 회귀입니다.",
        "d": "사진 한 장에 여러 물체가 동시에 있을 수 있어 범주를 여러 개 붙이므로 다중 레이블 분류입니다.",
        "e": "홍보 문구라는 새로운 데이터를 만들어 내므로 생성입니다.",
        "f": "아델리·턱끈·젠투, 세 범주 중 하나를 고르므로 다중 분류입니다.",
        "g": "판매 가격은 연속적인 숫자이므로 회귀입니다.",
        "h": "영화 한 편에 장르 태그를 여러 개 동시에 붙이므로 다중 레이블 분류입니다.",
    },
)

q3 = ChoiceKey(
    public.q3,
    answers={"a": "지도 학습", "b": "비지도 학습", "c": "강화 학습", "d": "지도 학습", "e": "비지도 학습", "f": "강화 학습"},
    explanations={
        "a": "'스팸'과 '정상'이라는 정답이 붙은 메일로 배우므로 지도 학습입니다.",
        "b": "정답 없이 구매 습관이 비슷한 고객끼리 묶으므로(군집화) 비지도 학습입니다.",
        "c": "쿠키가 직접 행동하고 그 결과로 얻는 점수(보상)로 배우므로 강화 학습입니다.",
        "d": "실제 거래 가격이라는 정답이 함께 기록된 자료로 배우므로 지도 학습입니다.",
        "e": "정답 없이 데이터의 구조를 찾아 차원을 줄이므로 비지도 학습입니다.",
        "f": "대국을 두고 이기면 받는 보상으로 행동을 배우므로 강화 학습입니다.",
    },
)

q4 = FunctionKey(
    public.q4,
    expected=("CPU", "GPU 1개", "GPU 2개", "CPU"),
    hidden=(
        Case((public.devices("CPU", *["GPU"] * 8),), "GPU 8개", label="[CPU:0, GPU:0, …, GPU:7]의 장치 이름 9개"),
        Case(([],), "CPU"),
        Case((public.devices("GPU"),), "GPU 1개"),
        Case(
            (["/physical_device:CPU:0", "/physical_device:GPU:0", "/physical_device:CPU:1", "/physical_device:GPU:1", "/physical_device:GPU:2"],),
            "GPU 3개",
            label="[CPU:0, GPU:0, CPU:1, GPU:1, GPU:2]의 장치 이름 5개",
        ),
    ),
)

q5 = FunctionKey(
    public.q5,
    expected=(2**24, 2**8, 2**30, 2**32),
    hidden=(
        Case((1, 1), 2),
        Case((1, 3), 8),
        Case((16, 1), 2**16),
        Case((5, 4), 2**20),
    ),
)


# ---------------------------------------------------------------------------
# 문제 6: the BT.601 reference, allowed to differ by at most 1 (rounding or truncating)
# ---------------------------------------------------------------------------

_GRAY_WEIGHTS = np.array([0.299, 0.587, 0.114])
_GRAY_TOLERANCE = 1.0


def _reference_grayscale(image: np.ndarray) -> np.ndarray:
    return (np.asarray(image, dtype=float) @ _GRAY_WEIGHTS)[..., np.newaxis]


def _random_image(height: int, width: int, seed: int, dtype=np.uint8) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, size=(height, width, 3)).astype(dtype)


def _check_grayscale(function: Any, image: np.ndarray, label: str) -> None:
    """Raise :class:`Incorrect` unless ``function(image)`` is the BT.601 grey (H, W, 1) within ±1."""
    call = f"to_grayscale({label})"
    gray = public.gray_image_of(function, image, label)
    error = np.abs(gray[..., 0].astype(float) - _reference_grayscale(image)[..., 0])
    if not np.all(np.isfinite(error)) or error.max() > _GRAY_TOLERANCE:
        row, col = np.unravel_index(np.argmax(np.where(np.isfinite(error), error, np.inf)), error.shape)
        rgb = tuple(float(v) if image.dtype.kind == "f" else int(v) for v in image[row, col])
        raise Incorrect(
            f"`{call}`에서 ({row}, {col}) 픽셀의 회색 값이 {float(gray[row, col, 0]):.6g}입니다. 이 픽셀의 (R, G, B)는 {rgb}이고, "
            "회색 값은 0.299 × R + 0.587 × G + 0.114 × B로 계산해야 합니다 (정수로 바꾸며 생기는 1 미만의 차이만 괜찮습니다)."
        )


def _grayscale_hidden(function: Any) -> None:
    # The visible images again, with the grading tolerance (±1 from the exact grey value).
    _check_grayscale(function, public.COLOR_IMAGE.copy(), "공개 예시의 2×3 uint8 이미지")
    _check_grayscale(function, public.COLOR_IMAGE_FLOAT32.copy(), "공개 예시의 2×2 float32 이미지")
    _check_grayscale(function, _random_image(5, 4, seed=1), "무작위 5×4 uint8 컬러 이미지")
    _check_grayscale(function, _random_image(3, 7, seed=2, dtype=np.float32), "무작위 3×7 float32 컬러 이미지")
    _check_grayscale(function, np.array([[[10, 200, 30]]], dtype=np.uint8), "1×1 컬러 이미지")


q6 = FunctionKey(
    public.q6,
    expected=(_reference_grayscale(public.COLOR_IMAGE), _reference_grayscale(public.COLOR_IMAGE_FLOAT32)),
    hidden_verifier=_grayscale_hidden,
)

# ---------------------------------------------------------------------------
# 문제 7: what the learner's function draws for the visible inputs (transferred as data from the
# kernel); nothing is hidden, so grading checks exactly what the self-check does.
# ---------------------------------------------------------------------------

q7 = CustomKey(
    public.q7,
    summary=(
        "딕셔너리, History 객체, 다른 그림이 열려 있을 때 모두 새 그림에 학습 손실과 검증 손실을 1부터 시작하는 에폭 번호로 그리고, "
        "곡선 이름·범례·축 이름을 붙여 Axes를 돌려줍니다."
    ),
)

# ---------------------------------------------------------------------------
# 문제 8: the answers against the learner's own learning records (transferred from the kernel with
# the answers); the expected values differ per run, so they cannot be sealed or hidden.
# ---------------------------------------------------------------------------

q8 = CustomKey(
    public.q8,
    summary="여러분의 학습 기록에서 검증 손실이 가장 낮았던 에폭과 마지막 에폭의 두 손실 차이를 맞게 읽었습니다.",
)

q9 = FunctionKey(
    public.q9,
    expected=(["아델리", "젠투", "턱끈", "젠투"], ["사기", "정상", "사기"], ["수", "월"]),
    hidden=(
        Case(
            (np.array([[0.8, 0.2], [0.3, 0.7], [0.55, 0.45], [0.1, 0.9], [0.6, 0.4]]), ["정상", "사기"]),
            ["정상", "사기", "정상", "사기", "정상"],
        ),
        Case((np.array([[0.1, 0.2, 0.3, 0.4]]), ["봄", "여름", "가을", "겨울"]), ["겨울"]),
        Case(
            (np.array([[0.40, 0.35, 0.25], [0.30, 0.30, 0.40], [0.25, 0.45, 0.30]]), ["젠투", "아델리", "턱끈"]),
            ["젠투", "턱끈", "아델리"],
        ),
        Case(
            (
                np.array([[0.1, 0.1, 0.1, 0.1, 0.6], [0.5, 0.2, 0.1, 0.1, 0.1], [0.1, 0.1, 0.4, 0.3, 0.1]]),
                ["0", "1", "2", "3", "4"],
            ),
            ["4", "0", "2"],
        ),
    ),
)
