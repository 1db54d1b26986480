"""Grading key of chapter 03 (데이터 준비하기). Instructor-only.

Expected results are computed here by small reference implementations (NumPy and pandas
only), in the plain form the public ``reduce`` functions give (``course.exercises.ch03``).
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pandas as pd

from autograder.keys.engine import Case, ChoiceKey, CustomKey, FunctionKey
from course.exercises import ch03 as public

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]


def _outputs(exercise: Any, reference: Any) -> tuple:
    """The reference's result of every visible example, in order."""
    return tuple(reference(*example.args) for example in exercise.examples)


# ---------------------------------------------------------------------------
# 문제 1
# ---------------------------------------------------------------------------


def _house_vector(house: dict, street_names: Sequence[str]) -> np.ndarray:
    numbers = [house["num_rooms"], house["num_bedrooms"], house["num_basement_rooms"]]
    return np.array(numbers + [1 if s == house["street_name"] else 0 for s in street_names], dtype=float)


_Q1_HIDDEN = (
    ({"num_rooms": 5, "num_bedrooms": 2, "street_name": "Ocean Drive", "num_basement_rooms": 1}, ["Ocean Drive"], "거리 이름이 하나뿐인 목록"),
    (
        {"num_rooms": 7.5, "num_bedrooms": 3, "street_name": "Main Street", "num_basement_rooms": -1},
        ["Elm Street", "Main Street", "Ocean Drive"],
        "방 수가 7.5인 집, 거리 이름 3개",
    ),
    ({"num_rooms": 3, "num_bedrooms": 1, "street_name": "Pine Road", "num_basement_rooms": 0}, [], "거리 이름 목록이 비어 있는 경우"),
)

q1 = FunctionKey(
    public.q1,
    expected=_outputs(public.q1, _house_vector),
    hidden=tuple(Case((house, streets), _house_vector(house, streets), label) for house, streets, label in _Q1_HIDDEN),
)


# ---------------------------------------------------------------------------
# 문제 2
# ---------------------------------------------------------------------------


def _missing(frame: pd.DataFrame) -> list:
    counts = frame.isna().sum()
    return [(str(column), int(count)) for column, count in counts.items() if count > 0]


def _survey() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "이름": ["가", "나", "다", "라"],
            "메모": [np.nan, np.nan, np.nan, np.nan],
            "등급": pd.Categorical(["A", None, "B", "A"]),
            "점수": np.array([1.5, np.nan, 2.5, 3.0], dtype="float32"),
        }
    )


q2 = FunctionKey(
    public.q2,
    expected=_outputs(public.q2, _missing),
    hidden=(Case((_survey(),), _missing(_survey()), "설문 4행: 모든 칸이 빈 열, 범주형 열, float32 열"),),
)


# ---------------------------------------------------------------------------
# 문제 3
# ---------------------------------------------------------------------------


def _split_hidden(function: Any) -> None:
    labels = np.repeat(np.array(["정상", "의심", "사기"]), [500, 300, 200])  # sorted on purpose
    X = np.arange(3000, dtype=float).reshape(1000, 3)
    sizes = (0.15, 0.15)
    first = public.check_split(function, X, labels, 0, "샘플 1,000개(클래스 500·300·200), seed=0, val_size=0.15, test_size=0.15", sizes)
    second = public.check_split(function, X, labels, 7, "샘플 1,000개(클래스 500·300·200), seed=7, val_size=0.15, test_size=0.15", sizes)
    public.check_seed_matters(first, second, "0과 7")
    rng = np.random.default_rng(3)
    small_labels = rng.permutation(np.repeat([0, 1, 2], [90, 45, 15]))
    small_X = np.column_stack([np.arange(150), rng.normal(size=150).round(3)])
    public.check_split(
        function, small_X, small_labels, 3, "샘플 150개(클래스 90·45·15), seed=3, val_size=0.3, test_size=0.1", (0.3, 0.1)
    )


q3 = CustomKey(
    public.q3,
    hidden_verifier=_split_hidden,
    summary="공개 검사와 채점 사례(정렬된 레이블 1,000개를 검증 15%·테스트 15%로, 샘플 150개를 검증 30%·테스트 10%로)를 모두 통과했습니다.",
)


# ---------------------------------------------------------------------------
# 문제 4
# ---------------------------------------------------------------------------


def _filled(train: pd.DataFrame, test: pd.DataFrame, columns: list) -> dict:
    medians = train[columns].median()
    return {
        part: {str(c): (float(medians[c]) if frame[c].isna().any() else None) for c in columns}
        for part, frame in (("학습", train), ("테스트", test))
    }


def _fill_hidden_data() -> tuple[pd.DataFrame, pd.DataFrame]:
    train = pd.DataFrame(
        {
            "나이": [23.0, np.nan, 31.0, 35.0, 62.0, np.nan],
            "키": [170.0, 182.0, np.nan, 165.0, 158.0, 176.0],
            "도시": ["서울", "부산", None, "서울", "대구", "부산"],
            "점수": [np.nan, 1.0, 2.0, 3.0, 4.0, 5.0],
        },
        index=[10, 11, 12, 13, 14, 15],
    )
    test = pd.DataFrame(
        {
            "나이": [np.nan, 70.0, 80.0, 90.0],
            "키": [np.nan, np.nan, 190.0, 200.0],
            "도시": [None, "광주", "서울", None],
            "점수": [np.nan, 9.0, 9.0, 9.0],
        },
        index=[20, 21, 22, 23],
    )
    return train, test


_TRAIN, _TEST = _fill_hidden_data()
_TRAIN_NO_GAPS = _TRAIN.fillna({"나이": 30.0, "키": 170.0})

q4 = FunctionKey(
    public.q4,
    expected=_outputs(public.q4, _filled),
    hidden=(
        Case((_TRAIN, _TEST, ["나이", "키"]), _filled(_TRAIN, _TEST, ["나이", "키"]), "학습 6행 · 테스트 4행, 중앙값이 크게 다른 두 데이터"),
        Case((_TRAIN_NO_GAPS, _TEST, ["키"]), _filled(_TRAIN_NO_GAPS, _TEST, ["키"]), "학습 데이터에는 빈칸이 없고 테스트 데이터에만 있는 경우"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 5
# ---------------------------------------------------------------------------


def _dummies(frame: pd.DataFrame, categories: dict) -> dict:
    names = [f"{column}_{category}" for column, found in categories.items() for category in found]
    values = {
        f"{column}_{category}": [int(value == category) if isinstance(value, str) else 0 for value in frame[column].tolist()]
        for column, found in categories.items()
        for category in found
    }
    return {public._DUMMY_NAMES: names, public._DUMMY_VALUES: values}


def _survey() -> pd.DataFrame:
    """Six answers, index 101…106: an unknown city (대전), a gap in each coded column, no 대구 at all."""
    return pd.DataFrame(
        {
            "도시": ["서울", "부산", "대전", None, "서울", "부산"],
            "만족도": [4.0, 3.5, 5.0, 2.0, np.nan, 4.5],
            "학년": ["2학년", "1학년", None, "3학년", "2학년", "2학년"],
            "메모": ["좋음", None, "보통", "좋음", "없음", None],
        },
        index=range(101, 107),
    )


_SURVEY_CATEGORIES = {"학년": ["1학년", "2학년", "3학년"], "도시": ["서울", "부산", "대구"]}

q5 = FunctionKey(
    public.q5,
    expected=_outputs(public.q5, _dummies),
    hidden=(
        Case(
            (_survey(), _SURVEY_CATEGORIES),
            _dummies(_survey(), _SURVEY_CATEGORIES),
            "설문 6행(행 인덱스 101…106), {'학년': ['1학년', '2학년', '3학년'], '도시': ['서울', '부산', '대구']}",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 6
# ---------------------------------------------------------------------------

_EDGES = (3500, 4500, 5500)
_NAMES = ("가벼움", "보통", "무거움", "아주 무거움")


def _bins(values: Any) -> list:
    return [None if pd.isna(v) else _NAMES[sum(float(v) >= edge for edge in _EDGES)] for v in list(values)]


_NEAR_EDGES = [5499.9, 4499.99, 3500.01, 5500.0001, np.nan, 4500.5]

q6 = FunctionKey(
    public.q6,
    expected=_outputs(public.q6, _bins),
    hidden=(
        Case((np.array([4200.0]),), _bins([4200.0]), "값이 하나뿐인 배열"),
        Case((pd.Series(_NEAR_EDGES, index=[5, 4, 3, 2, 1, 0]),), _bins(_NEAR_EDGES), "경계 바로 옆의 값이 든 Series (인덱스 5…0)"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 7
# ---------------------------------------------------------------------------


def _scaled(x_train: np.ndarray, x_test: np.ndarray) -> dict:
    center = np.median(x_train, axis=0)
    spread = np.percentile(x_train, 75, axis=0) - np.percentile(x_train, 25, axis=0)
    assert np.all(spread > 0), "the prompt promises no column with IQR 0"
    return {"학습": (x_train - center) / spread, "테스트": (x_test - center) / spread}


def _penguin_scale_data() -> tuple[np.ndarray, np.ndarray]:
    values = public.penguins_copy(drop_na=True)[public.NUMERIC].to_numpy(dtype=float)
    in_test = np.arange(len(values)) % 4 == 0
    return values[~in_test], values[in_test]


_Q7_HIDDEN = (
    (*_penguin_scale_data(), "펭귄 숫자 특성 4개, 학습 249행 · 테스트 84행"),
    (
        np.array([[-2.0, 100.0, 0.5], [0.0, 300.0, 0.1], [4.0, 200.0, 0.9], [1.0, 250.0, 0.3], [3.0, 150.0, 0.7]]),
        np.array([[8.0, 120.0, 0.4], [-1.0, 400.0, 1.5]]),
        "학습 5행 · 테스트 2행, 특성 3개",
    ),
)

q7 = FunctionKey(
    public.q7,
    expected=_outputs(public.q7, _scaled),
    hidden=tuple(Case((x_train, x_test), _scaled(x_train, x_test), label) for x_train, x_test, label in _Q7_HIDDEN),
)


# ---------------------------------------------------------------------------
# 문제 8
# ---------------------------------------------------------------------------

q8 = ChoiceKey(
    public.q8,
    answers={"a": "누수", "b": "안전", "c": "누수", "d": "누수", "e": "안전", "f": "안전", "g": "누수"},
    explanations={
        "a": "전체 데이터로 fit한 스케일러의 평균·표준편차에는 나중에 테스트 데이터가 될 행의 정보가 이미 들어 있으니 누수입니다.",
        "b": "기준값은 학습 데이터에서만 배우고 검증·테스트 데이터에는 transform만 했으니 안전합니다.",
        "c": "나누기 전 전체 데이터의 평균에는 테스트 데이터가 될 행의 값이 섞여 있으니 누수입니다.",
        "d": "테스트 정확도를 보고 에폭 수를 고르면 테스트 데이터가 모델 선택에 쓰인 것이니 누수입니다(이런 선택은 검증 데이터로 합니다).",
        "e": "'이 행의 측정값이 모두 비었는가'라는 행마다의 규칙만 쓰고 다른 행의 통계는 쓰지 않으니 안전합니다.",
        "f": "열 목록은 학습 데이터에서 정했고 테스트 데이터는 그 목록에 맞추기만 했으니 안전합니다.",
        "g": "맞혀야 할 정답(종)을 특성으로 넣으면 예측하는 날에는 알 수 없는 정보를 쓰는 것이니 누수입니다.",
    },
)
