"""Grading key of chapter 02 (용어 살펴보기). Instructor-only."""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.keys.engine import Case, ChoiceKey, CustomKey, FunctionKey
from course.exercises import ch02 as public

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"]

q1 = FunctionKey(
    public.q1,
    expected=(0.75, 0.8, 0.5),
    hidden=(
        Case((np.array([0, 1, 1, 2, 2, 2, 2]),), 4 / 7),
        Case((np.array(["고양이", "개", "개"]),), 2 / 3),
        Case((np.array([5, 5, 5, 1, 1, 1, 2]),), 3 / 7),
        Case((np.array([0, 1, 0, 1, 1, 0]),), 0.5),
    ),
)


def _undersample_hidden(function: Any) -> None:
    X, y = public.undersample_data(["정상"] * 30 + ["의심"] * 12 + ["사기"] * 5, n_features=3, seed=1)
    public.check_undersample(function, X, y)
    X, y = public.undersample_data([1] * 25 + [0] * 8, n_features=4, seed=2)
    public.check_undersample(function, X, y, 7)


q2 = CustomKey(
    public.q2,
    hidden_verifier=_undersample_hidden,
    summary="공개 예시 2개와 채점 사례 2개(세 클래스 30 : 12 : 5, seed=7을 준 호출)를 모두 통과했습니다.",
)

q3 = ChoiceKey(
    public.q3,
    answers={"a": "회귀", "b": "다중 레이블 분류", "c": "이진 분류", "d": "다중 분류", "e": "회귀", "f": "이진 분류"},
    explanations={
        "a": "관객 수는 연속적인 숫자이므로 회귀입니다.",
        "b": "버거와 음료를 동시에 고를 수 있어 한 샘플에 레이블이 여러 개 붙으므로 다중 레이블 분류입니다.",
        "c": "정상과 사기 두 범주 중 하나이므로 이진 분류입니다.",
        "d": "여러 버거 종류 가운데 하나를 고르므로 다중 분류입니다.",
        "e": "가격은 연속적인 숫자이므로 회귀입니다.",
        "f": "햄버거 또는 음료, 두 범주 중 하나이므로 이진 분류입니다.",
    },
)

q4 = FunctionKey(
    public.q4,
    expected=(np.array([[1, 0, 0], [0, 0, 1], [0, 1, 0], [1, 0, 0]]), np.array([[1, 0, 0]])),
    hidden=(
        Case((["치즈버거", "불고기버거"], ["치즈버거", "치킨버거", "불고기버거"]), np.array([[1, 0, 0], [0, 0, 1]])),
        Case(([2, 0, 1, 2], [0, 1, 2]), np.array([[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]])),
        Case(([30, 10, 30], [10, 20, 30]), np.array([[0, 0, 1], [1, 0, 0], [0, 0, 1]])),
        Case((["사이다", "콜라"], ["콜라", "환타", "사이다"]), np.array([[0, 0, 1], [1, 0, 0]])),
    ),
)

q5 = FunctionKey(
    public.q5,
    expected=([5, 5, 5, 5], [4, 3, 3]),
    hidden=(
        Case((1001, 10), [101] + [100] * 9),
        Case((7, 7), [1] * 7),
        Case((12, 5), [3, 3, 2, 2, 2]),
    ),
)

q6 = FunctionKey(
    public.q6,
    expected=((4, 8), (6, 18), (32, 320)),
    hidden=(
        Case((100, 20, 1), (5, 5)),
        Case((10, 64, 3), (1, 3)),
        Case((1, 1, 1), (1, 1)),
        Case((569, 16, 25), (36, 900)),
    ),
)

q7 = ChoiceKey(
    public.q7,
    answers={"A": "과소적합", "B": "적절", "C": "과대적합"},
    explanations={
        "A": "학습 손실과 검증 손실이 함께 높은 곳에 머물러 있으니 아직 덜 배운 과소적합입니다.",
        "B": "두 손실이 함께 낮게 내려가고 간격이 좁게 유지되니 적절합니다.",
        "C": "학습 손실은 계속 내려가는데 검증 손실이 다시 올라가니 학습 데이터를 외운 과대적합입니다.",
    },
)

# Two fixed cases drawn once with np.random.default_rng(7) and (2024).integers(0, 2, 16);
# expected values computed once with scikit-learn (zero_division=0) and stored as fractions.
_RANDOM_CASE_1 = (
    np.array([1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1]),
    np.array([0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1]),
)  # TP 3, FP 4, FN 7
_RANDOM_CASE_2 = (
    np.array([0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0]),
    np.array([1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0]),
)  # TP 4, FP 3, FN 2

q8 = FunctionKey(
    public.q8,
    expected=((0.75, 0.5, 0.6), (0.0, 0.0, 0.0)),
    hidden=(
        Case(_RANDOM_CASE_1, (3 / 7, 3 / 10, 6 / 17)),
        Case(_RANDOM_CASE_2, (4 / 7, 4 / 6, 8 / 13)),
        Case((np.array([1, 0, 1, 0, 0]), np.array([0, 0, 0, 0, 0])), (0.0, 0.0, 0.0)),
        Case((np.array([0, 0, 0, 0]), np.array([1, 0, 0, 0])), (0.0, 0.0, 0.0)),
    ),
)

q9 = ChoiceKey(
    public.q9,
    answers={"재고 관리 직원": "B", "고객 응대 직원": "A"},
    explanations={
        "재고 관리 직원": "멀쩡한 햄버거를 버리는 실수(FP)를 줄이려면 정밀도가 높은 기계 B가 맞습니다.",
        "고객 응대 직원": "유통기한 지난 햄버거를 놓치는 실수(FN)를 줄이려면 재현율이 높은 기계 A가 맞습니다.",
    },
)
