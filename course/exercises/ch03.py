"""Chapter 03 (데이터 준비하기): what a student may see of each exercise.

The notebook imports ``q1`` … ``q8``; each test cell runs ``qN.check()`` (the visible
self-check) and, hidden, the instructor's grading key. This module holds the
rules, hints, the inputs of the visible examples and public property checks only (the
result's type and shape, an unchanged input, a stated property such as "a different seed
gives a different split"); the expected results of the visible examples are sealed in
``sealed.json``. Nothing here imports TensorFlow or scikit-learn.

Most answers of this chapter are pandas objects or several arrays: each function
exercise's ``reduce`` hook first checks the form the prompt states and reduces the
result to plain values (a list of labels, the fill value of each column, …); those plain
values are what is sealed and graded.
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import Any, Sequence

import numpy as np
import pandas as pd

from course.checks import (
    ChoiceMapExercise,
    CustomExercise,
    Example,
    FunctionExercise,
    Incorrect,
    call_learner_function,
    describe,
)

CHAPTER = "03_data_prep"

__all__ = ["CHAPTER", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]

NUMERIC = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
LEAKAGE = "데이터 누수(Data Leakage)"


@functools.lru_cache(maxsize=1)
def _penguins() -> pd.DataFrame:
    """The raw penguins (344 rows, with gaps); callers get a copy."""
    from course import data

    return data.load_penguins()


def penguins_copy(drop_na: bool = False) -> pd.DataFrame:
    frame = _penguins().copy()
    return frame.dropna().reset_index(drop=True) if drop_na else frame


def same_cells(a: Any, b: Any) -> bool:
    """Two Series or arrays hold the same cells, position by position (missing values count as equal)."""
    a_list = pd.Series(np.asarray(a, dtype=object)).tolist()
    b_list = pd.Series(np.asarray(b, dtype=object)).tolist()
    if len(a_list) != len(b_list):
        return False
    for x, y in zip(a_list, b_list):
        x_missing, y_missing = pd.isna(x), pd.isna(y)
        if x_missing or y_missing:
            if not (x_missing and y_missing):
                return False
        elif x != y:
            return False
    return True


def _same_input(before: Any, after: Any) -> bool:
    if isinstance(before, pd.DataFrame):
        return (
            isinstance(after, pd.DataFrame)
            and after.shape == before.shape
            and list(after.columns) == list(before.columns)
            and all(same_cells(before[c], after[c]) for c in before.columns)
        )
    if isinstance(before, (pd.Series, np.ndarray)):
        return np.shape(before) == np.shape(after) and same_cells(np.ravel(before), np.ravel(after))
    if isinstance(before, dict):
        return isinstance(after, dict) and before.keys() == after.keys() and all(
            _same_input(before[k], after[k]) for k in before
        )
    if isinstance(before, list):
        return isinstance(after, list) and len(before) == len(after) and all(
            _same_input(b, a) for b, a in zip(before, after)
        )
    try:
        return bool(before == after) or (pd.isna(before) and pd.isna(after))
    except (TypeError, ValueError):
        return True


def unchanged(name: str, pairs: Sequence[tuple[Any, Any]]) -> None:
    """Raise unless every input is still equal to the copy taken before the call."""
    for before, after in pairs:
        if not _same_input(before, after):
            raise Incorrect(
                f"`{name}`가 입력으로 받은 원본 데이터를 바꿨습니다. 원본은 그대로 두고, 결과는 "
                "복사본(`.copy()`)이나 새 배열에 만들어 돌려주세요."
            )


def keeps_inputs(name: str):
    """An ``inputs_check`` for :class:`FunctionExercise`: the learner's function must leave its inputs as they were."""

    def check(before: tuple, after: tuple) -> None:
        unchanged(name, list(zip(before, after)))

    return check


# ---------------------------------------------------------------------------
# 문제 1. house_info를 특성 벡터로
# ---------------------------------------------------------------------------

STREETS = ["Main Street", "Shorebird Way", "Ocean Drive", "Elm Street"]
HOUSE_INFO = {"num_rooms": 6, "num_bedrooms": 3, "street_name": "Shorebird Way", "num_basement_rooms": -1}

q1 = FunctionExercise(
    chapter=CHAPTER,
    name="q1",
    title="문제 1",
    var="house_to_vector",
    points=2,
    rule=(
        "`house_to_vector(house, street_names)`는 `[num_rooms, num_bedrooms, num_basement_rooms, "
        "street_name의 원핫 벡터…]` 순서로 된 길이 `3 + len(street_names)`의 1차원 NumPy 배열(실수)을 돌려주어야 합니다. "
        "숫자 값은 그대로 넣고, 원핫 부분의 열 순서는 `street_names`의 순서를 따르며, 목록에 없는 거리 이름이면 원핫 부분이 모두 0입니다. "
        "딕셔너리의 키 순서가 다르거나 다른 키가 더 있어도 같은 규칙입니다."
    ),
    hints=(
        "결과는 숫자 세 개(방 수, 침실 수, 지하실 방 수) 뒤에 거리 이름의 원핫 벡터를 이어 붙인 것입니다. "
        "딕셔너리의 키 순서에 기대지 말고 `house[\"num_rooms\"]`처럼 이름으로 꺼내세요.",
        "원핫 부분은 `street_names`를 차례로 돌면서 `house[\"street_name\"]`과 같으면 1, 다르면 0을 적으면 됩니다. "
        "이렇게 하면 목록에 없는 거리도 오류 없이 모두 0이 됩니다.",
        "숫자 세 개를 이름으로 꺼낸 리스트와, `street_names`를 돌며 만든 0/1 원핫 리스트를 따로 만드세요. 두 리스트를 이어 붙인 뒤 "
        "실수 자료형의 NumPy 배열로 바꿔 돌려주면 됩니다.",
    ),
    on_correct="특성 벡터의 자리마다 뜻이 정해져 있습니다. 학습할 때와 예측할 때 같은 순서의 거리 목록을 써야 합니다.",
    graded_also="거리 이름이 하나뿐이거나 비어 있는 목록 등 3가지",
    examples=(
        Example((HOUSE_INFO, STREETS), label="강의 노트의 house_info, 거리 이름 4개"),
        Example(
            ({"num_rooms": 3, "num_bedrooms": 1, "street_name": "Pine Road", "num_basement_rooms": 0}, STREETS),
            label="목록에 없는 거리(Pine Road)의 집, 거리 이름 4개",
            why="목록에 없는 거리면 원핫 부분이 모두 0",
        ),
        Example(
            (
                {"street_name": "Elm Street", "price": 350000, "num_basement_rooms": 2, "num_bedrooms": 4, "num_rooms": 9},
                ["Elm Street", "Shorebird Way"],
            ),
            label="키 순서가 다르고 price가 더 있는 집, 거리 이름 2개",
            why="키 순서가 달라도, 다른 키가 더 있어도 이름으로 꺼냅니다",
        ),
        Example(
            (
                {"num_rooms": 4, "num_bedrooms": 2, "street_name": "Main Street", "num_basement_rooms": 1},
                ["Shorebird Way", "Ocean Drive", "Main Street"],
            ),
            label="Main Street의 집, 거리 이름 3개 ['Shorebird Way', 'Ocean Drive', 'Main Street']",
            why="원핫 부분의 열 순서는 `street_names`의 순서",
        ),
        Example(
            ({"num_rooms": 2.5, "num_bedrooms": 1, "street_name": "Ocean Drive", "num_basement_rooms": -1}, STREETS),
            label="방 수가 2.5인 집, 거리 이름 4개",
            why="숫자 값은 바꾸지 않고 실수 그대로",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 2. 열마다 결측치 세기
# ---------------------------------------------------------------------------

_Q2_RULE = (
    "`count_missing(df)`는 결측치가 하나 이상 있는 열만, 데이터프레임의 열 순서대로 담은 pandas Series를 "
    "돌려주어야 합니다. 인덱스는 열 이름, 값은 그 열의 결측치 개수(정수)입니다. 숫자 열의 NaN뿐 아니라 글자 열의 빈칸"
    "(None, NaN, pd.NA)도 결측치이고, 결측치가 하나도 없으면 빈 Series입니다."
)


def _plain_count(value: Any) -> Any:
    number = float(value)
    return int(number) if number.is_integer() else number


def reduce_missing(args: tuple, result: Any, call: str) -> list:
    """The learner's Series as ``[(column, count), …]`` in its order, after the stated form checks."""
    (frame,) = args
    if not isinstance(result, pd.Series):
        raise Incorrect(
            f"`{call}`의 결과가 {describe(result)}입니다. 열 이름을 인덱스로 하는 pandas Series"
            "(`df.isna().sum()`과 같은 모양)를 돌려주세요."
        )
    got = list(result.index)
    columns = list(frame.columns)
    not_columns = [c for c in got if c not in columns]
    if not_columns:
        raise Incorrect(
            f"`{call}` 결과의 인덱스 {describe(not_columns[:3])}은(는) 열 이름이 아닙니다. "
            "행마다가 아니라 열마다 결측치를 세세요."
        )
    if len(set(got)) != len(got):
        raise Incorrect(f"`{call}`의 결과에 같은 열이 두 번 이상 들어 있습니다. 열마다 한 번씩만 세세요.")
    values = list(result.tolist())
    not_numbers = [c for c, v in zip(got, values) if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, np.integer, np.floating))]
    if not_numbers:
        raise Incorrect(f"`{call}`에서 '{not_numbers[0]}' 열의 값이 숫자가 아닙니다. 값은 그 열의 결측치 개수(정수)입니다.")
    no_gaps = [c for c, v in zip(got, values) if v == 0]
    if no_gaps:
        raise Incorrect(
            f"`{call}`의 결과에 결측치가 0개인 열 {describe(no_gaps[:3])}까지 들어 있습니다. "
            "결측치가 하나 이상 있는 열만 남기세요."
        )
    positions = [columns.index(c) for c in got]
    if positions != sorted(positions):
        raise Incorrect(f"`{call}`의 열 순서가 {describe(got)}입니다. 정렬하지 말고 데이터프레임의 열 순서를 그대로 따르세요.")
    return [(str(c), _plain_count(v)) for c, v in zip(got, values)]


def shop_orders() -> pd.DataFrame:
    """A small order table: gaps in a text column (None), a string column (pd.NA), 1, 2 and 3 gaps."""
    return pd.DataFrame(
        {
            "메뉴": ["불고기버거", None, "치즈버거", "치킨버거", "치즈버거"],
            "가격": [5500.0, 4000.0, np.nan, 4500.0, 5000.0],
            "주문 수": [3, 1, 4, 1, 5],
            "매장": pd.Series(["강남", "역삼", pd.NA, pd.NA, "강남"], dtype="string"),
            "평점": [4.5, np.nan, np.nan, np.nan, 3.0],
        }
    )


q2 = FunctionExercise(
    chapter=CHAPTER,
    name="q2",
    title="문제 2",
    var="count_missing",
    points=2,
    rule=_Q2_RULE,
    hints=(
        "먼저 칸마다 '비어 있는가(True/False)'를 표시한 표를 만든 다음, 열마다 True의 개수를 더하면 됩니다.",
        "`df.isna()`가 그 True/False 표이고, `.sum()`은 기본으로 열마다 더합니다. 그다음 0보다 큰 값만 골라내세요.",
        "두 단계로 나누세요: 열마다 결측치 개수를 센 Series를 변수에 담아 두고, 그 Series에 '0보다 큰가'라는 불리언 조건으로 인덱싱해 결측치가 있는 열만 남깁니다. "
        "정렬(`sort_values`)은 하지 않습니다.",
    ),
    on_correct="결측치가 어디에 몇 개 있는지 알아야 지울지 채울지 정할 수 있습니다.",
    graded_also="다른 데이터프레임 한 가지(모든 칸이 빈 열, 범주형 열이 있는 경우)",
    examples=(
        Example((penguins_copy(),), label="펭귄 데이터 344행"),
        Example(
            (shop_orders(),),
            label="가게 주문표 5행 (메뉴·가격·주문 수·매장·평점)",
            why="글자 열의 빈칸(None, pd.NA)도, 결측치가 한 개뿐인 열도 셉니다",
        ),
        Example(
            (pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]}),),
            label="결측치가 하나도 없는 데이터프레임",
            why="결측치가 하나도 없으면 빈 Series",
        ),
    ),
    reduce=reduce_missing,
    inputs_check=keeps_inputs("count_missing"),
)


# ---------------------------------------------------------------------------
# 문제 3. 정한 비율로 학습 · 검증 · 테스트로 층화 추출하여 나누기
# ---------------------------------------------------------------------------

_SPLIT_PARTS = ("학습", "검증", "테스트")
_DEFAULT_SIZES = (0.2, 0.2)  # val_size, test_size when the call gives none
_SPLIT_TOLERANCE = 2  # samples: rounding of two successive splits moves a part by one or two

_Q3_RULE = (
    "`split_three_ways(X, y, seed, val_size=0.2, test_size=0.2)`는 `(x_train, x_val, x_test, y_train, y_val, y_test)`를 "
    "돌려주어야 합니다. `val_size`와 `test_size`는 **전체 데이터에 대한** 검증·테스트 데이터의 비율이고, 나머지 "
    "`1 - val_size - test_size`가 학습 데이터입니다(기본값이면 60 : 20 : 20). 모든 행이 정확히 한 부분에만 들어가고 "
    "X의 행과 y의 레이블 짝이 유지되며, 세 부분 모두 클래스 비율이 원래 데이터와 같아야 하고(층화 추출), "
    "같은 `seed`면 언제나 같은 결과가, 다른 `seed`면 다른 결과가 나와야 합니다."
)


def _row_keys(values: Any) -> list[tuple]:
    """Each row as a hashable key (missing values compare equal), for DataFrames and arrays."""
    array = values.to_numpy(dtype=object) if isinstance(values, (pd.DataFrame, pd.Series)) else np.asarray(values, dtype=object)
    if array.ndim == 1:
        array = array.reshape(-1, 1)
    return [tuple("<NA>" if pd.isna(v) else repr(v) for v in row) for row in array.tolist()]


def _labels(values: Any) -> list:
    return [repr(v) for v in np.asarray(values, dtype=object).ravel().tolist()]


def _percent(fraction: float) -> str:
    return f"{round(fraction * 100, 6):g}%"


def _split_parts(function: Any, X: Any, y: Any, seed: int, sizes: tuple | None, label: str) -> tuple:
    """Call the learner's function: ``(X, y, seed)`` when ``sizes`` is None (the defaults), else with
    ``val_size=`` and ``test_size=`` as keyword arguments."""
    name = "split_three_ways"
    if not callable(function):
        call_learner_function(name, function)  # raises the usual "must be a function" message

    def call(*args: Any) -> Any:
        if sizes is None:
            return function(*args)
        return function(*args, val_size=sizes[0], test_size=sizes[1])

    X_before, y_before = X.copy(), y.copy()
    try:
        result = call_learner_function(name, call, X, y, seed)
    except Incorrect as error:
        raise Incorrect(f"{error} (`{name}({label})`를 부를 때).") from None
    unchanged(name, [(X_before, X), (y_before, y)])
    if not isinstance(result, (tuple, list)) or len(result) != 6:
        raise Incorrect(
            f"`{name}({label})`의 결과가 {describe(result)}입니다. "
            "`x_train, x_val, x_test, y_train, y_val, y_test` 여섯 개를 이 순서의 튜플로 돌려주세요."
        )
    return tuple(result)


def check_split(function: Any, X: Any, y: Any, seed: int, label: str, sizes: tuple | None = None) -> list[tuple]:
    """Check one split against the stated rules; return the row keys of x_train (for the seed checks).

    ``sizes`` is ``(val_size, test_size)`` passed as keyword arguments, or None to call with the
    defaults. Nothing here computes a split: sizes, the partition of the rows, the row/label pairs
    and the class shares are compared with the input and the stated fractions only.
    """
    name = "split_three_ways"
    val_size, test_size = _DEFAULT_SIZES if sizes is None else sizes
    fractions = (1 - val_size - test_size, val_size, test_size)
    parts = _split_parts(function, X, y, seed, sizes, label)
    xs, ys = parts[:3], parts[3:]
    for part, x_part, y_part in zip(_SPLIT_PARTS, xs, ys):
        if np.ndim(x_part) == 0 or np.ndim(y_part) == 0 or len(x_part) != len(y_part):
            raise Incorrect(
                f"`{name}({label})`에서 {part} 데이터의 x와 y 개수가 맞지 않습니다. "
                "돌려주는 순서가 `x_train, x_val, x_test, y_train, y_val, y_test`인지 확인하세요."
            )
    n = len(y)
    sizes_found = [len(p) for p in ys]
    targets = [fraction * n for fraction in fractions]
    if sum(sizes_found) != n or any(abs(size - target) > _SPLIT_TOLERANCE for size, target in zip(sizes_found, targets)):
        shown = " · ".join(f"{part} {size}개" for part, size in zip(_SPLIT_PARTS, sizes_found))
        ratios = f"`val_size={val_size:g}`, `test_size={test_size:g}`"
        given = f"비율을 주지 않으면 기본값({ratios})대로" if sizes is None else f"{ratios}이면"
        wanted = " · ".join(f"{part} {_percent(fraction)}" for part, fraction in zip(_SPLIT_PARTS, fractions))
        raise Incorrect(
            f"`{name}({label})`가 나눈 크기가 {shown}입니다 (전체 {n}개). {given} {wanted}가 되어야 합니다. "
            "인자로 받은 `val_size`와 `test_size`를 썼는지, "
            "`test_size`에 비율(0~1 사이의 실수)을 주었는지, 두 번째로 나눌 때의 비율이 '남은 데이터'에 대한 비율인지 확인하세요."
        )

    original_rows = _row_keys(X)
    row_lists = [_row_keys(p) for p in xs]
    if Counter(key for rows in row_lists for key in rows) != Counter(original_rows):
        raise Incorrect(
            f"`{name}({label})`의 세 부분을 합치면 원래 X와 같은 행이 되지 않습니다. 어떤 행은 두 부분에 겹쳐 "
            "들어갔거나 빠졌습니다. 모든 행이 정확히 한 부분에만 들어가야 합니다."
        )
    original_pairs = Counter(zip(original_rows, _labels(y)))
    pairs = Counter(pair for rows, y_part in zip(row_lists, ys) for pair in zip(rows, _labels(y_part)))
    if pairs != original_pairs:
        raise Incorrect(
            f"`{name}({label})`에서 X의 행과 y의 레이블 짝이 원래 데이터와 다릅니다. X와 y를 같은 "
            "`train_test_split` 호출에 함께 넣어 같은 방식으로 나누세요."
        )

    all_labels = Counter(_labels(y))
    for part, y_part, fraction in zip(_SPLIT_PARTS, ys, fractions):
        part_labels = Counter(_labels(y_part))
        for cls, total in all_labels.items():
            if abs(part_labels.get(cls, 0) - fraction * total) > _SPLIT_TOLERANCE:
                raise Incorrect(
                    f"`{name}({label})`의 {part} 데이터에서 클래스 {cls}의 비율이 "
                    f"{part_labels.get(cls, 0) / len(y_part):.1%}인데, 원래 데이터에서는 {total / n:.1%}입니다. "
                    "나눌 때마다 `stratify=`에 그때의 레이블을 주어 층화 추출하세요."
                )

    again = _split_parts(function, X, y, seed, sizes, label)
    if _row_keys(again[0]) != row_lists[0]:
        raise Incorrect(
            f"`{name}({label})`를 같은 seed로 두 번 불렀더니 결과가 달랐습니다. 나눌 때마다 `random_state=seed`를 주세요."
        )
    return row_lists[0]


def check_seed_matters(first: list[tuple], second: list[tuple], seeds: str) -> None:
    """Two splits of the same data with different seeds must differ."""
    if first == second:
        raise Incorrect(
            f"`split_three_ways`가 seed를 바꿔도({seeds}) 똑같이 나눕니다. 고정된 숫자 대신 인자로 받은 `seed`를 "
            "`random_state`에 넘기세요."
        )


def penguin_split_data() -> tuple[pd.DataFrame, pd.Series]:
    frame = penguins_copy().dropna(subset=NUMERIC, how="all").reset_index(drop=True)
    return frame[["island", *NUMERIC, "sex"]], frame["species"]


def array_split_data() -> tuple[np.ndarray, np.ndarray]:
    """200 samples as NumPy arrays: classes 0, 1, 2 with 100, 60 and 40 samples, shuffled."""
    rng = np.random.default_rng(11)
    labels = rng.permutation(np.repeat([0, 1, 2], [100, 60, 40]))
    return np.arange(400, dtype=float).reshape(200, 2), labels


def _verify_split(function: Any) -> str:
    X, y = penguin_split_data()
    first = check_split(function, X, y, 42, "펭귄 342마리, seed=42")
    second = check_split(function, X, y, 7, "펭귄 342마리, seed=7")
    check_seed_matters(first, second, "42와 7")
    check_split(function, X, y, 42, "펭귄 342마리, seed=42, val_size=0.1, test_size=0.3", (0.1, 0.3))
    X_array, y_array = array_split_data()
    check_split(
        function, X_array, y_array, 0, "NumPy 배열 200개(클래스 100·60·40), seed=0, val_size=0.25, test_size=0.1", (0.25, 0.1)
    )
    return (
        "공개 검사(펭귄 342마리를 기본 비율과 seed 42·7로, 검증 10%·테스트 30%로 나누기, NumPy 배열 200개를 검증 25%·테스트 10%로 "
        "나누기: 크기, 겹침 없음, 행과 레이블 짝, 층화 추출, 같은 seed면 같은 결과, 다른 seed면 다른 결과)를 모두 통과했습니다."
    )


q3 = CustomExercise(
    chapter=CHAPTER,
    name="q3",
    title="문제 3",
    var="split_three_ways",
    points=3,
    rule=_Q3_RULE,
    hints=(
        "한 번에 세 부분으로 나누는 함수는 없습니다. 먼저 테스트 데이터를 떼어 내고, 남은 데이터를 다시 학습과 검증으로 나누세요. "
        "첫 번째로 나눌 때는 전체에서 떼는 것이니 `test_size`를 그대로 쓰면 됩니다.",
        "두 번째로 나눌 때의 비율은 전체가 아니라 '남은 데이터'에 대한 비율입니다. 남은 데이터는 전체의 `1 - test_size`이니, 그중 몇 %를 "
        "떼어야 전체의 `val_size`가 될까요? (기본값이면 남은 80% 중 25%를 떼야 전체의 20%입니다.) 두 번 모두 `stratify=`와 `random_state=seed`를 주세요.",
        "`train_test_split`을 두 번 부르세요. 첫 번째는 전체 `X`, `y`에서 `test_size`만큼을 테스트로 떼어 내고, 두 번째는 첫 번째에서 남은 부분만 다시 "
        "학습과 검증으로 나눕니다. 이때의 `test_size`는 `val_size`를 `(1 - test_size)`로 나눈 값입니다. 두 번 모두 `stratify=`에는 그때 나누는 레이블을, "
        "`random_state=`에는 `seed`를 주고, 여섯 개를 과제에 적힌 순서로 돌려주세요.",
    ),
    on_correct="비율은 데이터의 크기와 목적에 따라 정합니다. 어떤 비율이든 '남은 데이터에 대한 비율'로 바꿔 두 번 나누면 되고, 층화 추출로 드문 클래스도 세 부분에 고르게 들어갑니다.",
    graded_also="다른 데이터와 비율 두 가지(레이블이 정렬된 샘플 1,000개, 클래스가 90·45·15인 샘플 150개)",
    verifier=_verify_split,
)


# ---------------------------------------------------------------------------
# 문제 4. 학습 데이터의 중앙값으로 결측치 대체하기
# ---------------------------------------------------------------------------

_Q4_RULE = (
    "`fill_with_train_median(train, test, columns)`는 `(train_filled, test_filled)`를 돌려주어야 합니다. "
    "`columns`의 열마다 빈칸을 **학습 데이터(train)에서 구한 중앙값**으로 채우고(테스트 데이터도 같은 값으로), "
    "`columns`에 없는 열과 원래 값이 있던 칸은 그대로 두며, 원본 데이터프레임은 바꾸지 않습니다."
)

_PARTS = ("학습", "테스트")


def reduce_fill(args: tuple, result: Any, call: str) -> dict:
    """``{part: {column: the one value its gaps were filled with, or None}}`` after the stated form checks."""
    train, test, columns = args
    if (
        not isinstance(result, (tuple, list))
        or len(result) != 2
        or not all(isinstance(part, pd.DataFrame) for part in result)
    ):
        raise Incorrect(
            f"`{call}`의 결과가 {describe(result)}입니다. 데이터프레임 두 개 `(train_filled, test_filled)`를 튜플로 돌려주세요."
        )
    filled: dict[str, dict[str, Any]] = {}
    for part, got, original in zip(_PARTS, result, (train, test)):
        if got.shape != original.shape or list(got.columns) != list(original.columns):
            raise Incorrect(
                f"`{call}`가 돌려준 {part} 데이터의 모양이나 열이 원래와 다릅니다 "
                f"(shape {got.shape}). 행을 지우지 말고 빈칸만 채우세요."
            )
        filled[part] = {}
        for column in original.columns:
            if column not in columns:
                if not same_cells(got[column], original[column]):
                    raise Incorrect(
                        f"`{call}`가 {part} 데이터에서 `columns`에 없는 '{column}' 열까지 바꿨습니다. 지정한 열만 채우세요."
                    )
                continue
            got_values = pd.to_numeric(got[column], errors="coerce").to_numpy(dtype=float)
            original_values = original[column].to_numpy(dtype=float)
            if np.isnan(got_values).any():
                raise Incorrect(f"`{call}`의 {part} 데이터 '{column}' 열에 아직 빈칸이 남아 있습니다.")
            known = ~np.isnan(original_values)
            if not np.allclose(got_values[known], original_values[known]):
                raise Incorrect(
                    f"`{call}`가 {part} 데이터 '{column}' 열에서 원래 값이 있던 칸까지 바꿨습니다. 빈칸만 채우세요."
                )
            values = np.unique(got_values[~known])
            if values.size > 1:
                raise Incorrect(
                    f"`{call}`가 {part} 데이터 '{column}' 열의 빈칸들을 서로 다른 값 {describe(values)}(으)로 "
                    "채웠습니다. 한 열의 빈칸은 모두 같은 값으로 채워야 합니다."
                )
            filled[part][str(column)] = float(values[0]) if values.size else None
    return filled


def explain_fill(args: tuple, got: dict, call: str) -> str:
    """Name the usual mistake behind wrong fill values (leakage, mean, zero), without the right value."""
    train, test, columns = args
    both = pd.concat([train, test])
    diagnoses = (
        (_PARTS, lambda part, column: both[column].median(),
         f"이 값은 학습 데이터와 테스트 데이터를 합친 전체 데이터의 중앙값입니다. 테스트 데이터의 정보가 학습에 새어 들어가는 {LEAKAGE}입니다."),
        (("테스트",), lambda part, column: test[column].median(),
         f"이 값은 테스트 데이터 자신의 중앙값입니다. 테스트 데이터로 통계를 구하는 것은 {LEAKAGE}입니다."),
        (_PARTS, lambda part, column: train[column].mean(),
         "이 값은 학습 데이터의 평균(mean)입니다. 평균이 아니라 중앙값(median)으로 채우세요."),
        (_PARTS, lambda part, column: 0.0,
         "빈칸을 0으로 채우면 '없는 값'을 '0이라는 값'으로 착각하게 됩니다. 학습 데이터의 중앙값으로 채우세요."),
    )
    for parts, candidate, reason in diagnoses:
        found = [(part, column, value) for part in parts for column, value in got[part].items() if value is not None]
        if found and all(np.isclose(value, candidate(part, column)) for part, column, value in found):
            part, column, value = found[-1] if parts == ("테스트",) else found[0]
            return f"`{call}`가 {part} 데이터 '{column}' 열의 빈칸을 {describe(value)}(으)로 채웠습니다. {reason}"
    return ""


def penguin_fill_data() -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = penguins_copy()
    in_test = np.arange(len(frame)) % 5 == 1  # puts one of the two empty penguins in each part
    return frame[~in_test].copy(), frame[in_test].copy()


_FILL_TRAIN, _FILL_TEST = penguin_fill_data()

q4 = FunctionExercise(
    chapter=CHAPTER,
    name="q4",
    title="문제 4",
    var="fill_with_train_median",
    points=3,
    rule=_Q4_RULE,
    hints=(
        "채울 값은 학습 데이터에서만 구합니다. 테스트 데이터는 '아직 보지 못한 새 데이터'라고 생각하세요. 구한 값은 학습과 테스트 모두에 씁니다.",
        "열마다의 중앙값은 학습 데이터에서 `columns` 열만 골라 `.median()`을 부르면 (열 이름 → 중앙값) Series로 한 번에 구할 수 있습니다. 원본을 바꾸지 않으려면 먼저 "
        "`.copy()`를 만드세요.",
        "① 학습 데이터에서만 중앙값 Series를 구하고 ② `train`과 `test`를 각각 복사한 뒤 ③ 두 복사본의 `columns` 열만 `.fillna`로 그 **같은** 중앙값 "
        "Series를 써서 채웁니다. `fillna`에 Series를 주면 열 이름이 맞는 열마다 그 값으로 채워집니다. 마지막으로 두 복사본을 튜플로 돌려줍니다.",
    ),
    on_correct="학습 데이터에서 구한 값을 저장해 두었다가 새 데이터에도 똑같이 쓰는 것, 이것이 누수 없는 전처리의 기본입니다.",
    graded_also="인덱스가 0부터가 아닌 작은 데이터 두 가지(학습과 테스트의 중앙값이 크게 다른 경우, 학습 데이터에는 빈칸이 없는 경우)",
    examples=(
        Example((_FILL_TRAIN, _FILL_TEST, list(NUMERIC)), label="펭귄 학습 275행 · 테스트 69행, 숫자 열 4개"),
        Example(
            (_FILL_TRAIN, _FILL_TEST, ["bill_depth_mm", "body_mass_g"]),
            label="펭귄 학습 275행 · 테스트 69행, columns=['bill_depth_mm', 'body_mass_g']",
            why="`columns`에 없는 열의 빈칸은 그대로",
        ),
    ),
    reduce=reduce_fill,
    explain=explain_fill,
    inputs_check=keeps_inputs("fill_with_train_median"),
)


# ---------------------------------------------------------------------------
# 문제 5. 정해 둔 범주 목록으로 가변수화
# ---------------------------------------------------------------------------

_Q5_RULE = (
    "`encode_categoricals(df, categories)`는 `categories`({열 이름: [범주, …]})에 적힌 범주마다 `열이름_범주` 이름의 "
    "가변수 열(0/1 정수)을 하나씩 만든 새 데이터프레임을 돌려주어야 합니다. `df`에 나오지 않는 범주도 열을 만들고(모두 0), "
    "목록에 없는 값이나 빈칸인 행은 그 열의 가변수가 모두 0입니다. 가변수 열은 `categories`에 적힌 순서(열 순서, 그 안에서 "
    "범주 순서)대로 놓습니다. 가변수화한 원래 열은 없애고 다른 열은 그대로 두며, 원본 데이터프레임은 바꾸지 않습니다."
)

_DUMMY_NAMES = "가변수 열"
_DUMMY_VALUES = "값"


def reduce_dummies(args: tuple, result: Any, call: str) -> dict:
    """The dummy columns the learner added, in the result's order, and their values, after the stated form checks."""
    frame, categories = args
    columns = list(categories)
    if not isinstance(result, pd.DataFrame):
        raise Incorrect(f"`{call}`의 결과가 {describe(result)}입니다. 데이터프레임을 돌려주세요.")
    if len(result) != len(frame):
        raise Incorrect(
            f"`{call}`의 결과가 {len(result)}행입니다(원래 {len(frame)}행). 행은 지우거나 늘리지 말고 그대로 두세요. "
            "가변수를 따로 만들어 이어 붙였다면 두 표의 행 인덱스가 같은지 확인하세요."
        )
    left = [c for c in columns if c in result.columns]
    if left:
        raise Incorrect(f"`{call}`의 결과에 원래 범주형 열 {describe(left)}이(가) 남아 있습니다. 가변수 열을 만든 뒤 원래 열은 없애세요.")
    kept = [c for c in frame.columns if c not in columns]
    dropped = [c for c in kept if c not in result.columns]
    if dropped:
        raise Incorrect(
            f"`{call}`의 결과에 `categories`에 없는 열 {describe(dropped[:3])}이(가) 사라졌습니다. "
            "`categories`에 적힌 열만 가변수화하고, 나머지 열은 그대로 두세요."
        )
    for column in kept:
        if not same_cells(result[column], frame[column]):
            raise Incorrect(f"`{call}`가 가변수화하지 않을 '{column}' 열의 값을 바꿨습니다. 그대로 두세요.")
    names: list[str] = []
    values: dict[str, list] = {}
    for column in result.columns:
        if column in frame.columns:
            continue
        cells = result[column]
        if isinstance(cells, pd.DataFrame):
            raise Incorrect(f"`{call}`의 결과에 '{column}' 열이 두 번 이상 있습니다. 범주마다 열을 하나씩만 만드세요.")
        if cells.dtype == bool or not pd.api.types.is_numeric_dtype(cells):
            raise Incorrect(
                f"`{call}`의 가변수 열 '{column}'의 자료형이 {cells.dtype}입니다. "
                "신경망에 넣을 수 있도록 0과 1인 정수로 만드세요(`.astype(int)` 또는 `dtype=int`)."
            )
        names.append(str(column))
        values[str(column)] = [_plain_count(v) if pd.notna(v) else None for v in cells.tolist()]
    return {_DUMMY_NAMES: names, _DUMMY_VALUES: values}


def explain_dummies(args: tuple, got: dict, call: str) -> str:
    """Name the usual mistake (a column for gaps or unknown values, a missing or reordered column), never the values."""
    frame, categories = args
    names = got[_DUMMY_NAMES]
    listed = [f"{column}_{category}" for column, found in categories.items() for category in found]
    for_gaps = [name for name in names if any(name == f"{column}_nan" for column in categories)]
    if for_gaps:
        return (
            f"`{call}`의 결과에 빈칸을 위한 열 {describe(for_gaps)}이(가) 있습니다. 빈칸인 행은 가변수를 모두 0으로 두고, "
            "빈칸 열은 만들지 않습니다."
        )
    unlisted = [name for name in names if name not in listed]
    if unlisted:
        return (
            f"`{call}`가 `categories`에 없는 범주의 열 {describe(unlisted[:4])}을(를) 만들었습니다. 열은 `categories`에 적힌 "
            "범주로만 만들고, 목록에 없는 값이 든 행은 그 열의 가변수를 모두 0으로 두세요."
        )
    missing = [name for name in listed if name not in names]
    if missing:
        return (
            f"`{call}`의 결과에 {describe(missing[:4])} 열이 없습니다. `df`에 한 번도 나오지 않는 범주라도 `categories`에 "
            "적혀 있으면 열을 만드세요(그 열은 모두 0)."
        )
    if names != listed:
        return (
            f"`{call}`가 만든 가변수 열의 순서가 {describe(names, 200)}입니다. 정렬하거나 `df`의 열 순서를 따르지 말고, "
            "`categories`에 적힌 순서(열 순서, 그 안에서 범주 순서)대로 놓으세요."
        )
    return (
        f"`{call}`가 만든 가변수 열의 0/1 값이 맞지 않습니다. 값이 그 범주와 같은 행만 1이고, 다른 범주·목록에 없는 값·빈칸인 "
        "행은 0입니다."
    )


def burger_orders() -> pd.DataFrame:
    """Five orders with a row index that is not 0, 1, 2, …, a gap in '버거' and text columns left as they are."""
    return pd.DataFrame(
        {
            "주문 번호": ["A-01", "A-02", "A-03", "A-04", "A-05"],
            "버거": ["치즈버거", "불고기버거", "치즈버거", None, "치킨버거"],
            "음료": ["콜라", "사이다", "콜라", "환타", "콜라"],
            "가격": [5000.0, 5500.0, np.nan, 1500.0, 4500.0],
        },
        index=[13, 11, 14, 12, 15],
    )


def new_penguins() -> pd.DataFrame:
    """Four penguins that arrive after training: a fourth island (Anvers), gaps, and no Dream or Torgersen."""
    return pd.DataFrame(
        {
            "island": ["Biscoe", "Anvers", None, "Biscoe"],
            "bill_length_mm": [45.2, 41.0, 39.8, 50.1],
            "sex": ["male", "female", "female", None],
        }
    )


PENGUIN_CATEGORIES = {"island": ["Biscoe", "Dream", "Torgersen"], "sex": ["female", "male"]}

q5 = FunctionExercise(
    chapter=CHAPTER,
    name="q5",
    title="문제 5",
    var="encode_categoricals",
    points=2,
    rule=_Q5_RULE,
    hints=(
        "만들 열은 `df`가 아니라 `categories`가 정합니다. `categories`를 돌면서, 적힌 범주마다 '이 행의 값이 그 범주인가?'를 "
        "0/1로 적은 열을 하나씩 만드세요. `pd.get_dummies`는 그 데이터에 나오는 범주로만 열을 만들어서 그대로는 맞지 않습니다.",
        "`df[열] == 범주`는 행마다 True/False인 Series입니다. 목록에 없는 값이나 빈칸은 어느 범주와도 같지 않으니 저절로 False가 됩니다. "
        "True/False는 `.astype(int)`로 1/0 정수가 됩니다.",
        "① `df.drop(columns=…)`으로 `categories`의 열을 뺀 새 데이터프레임을 만들고 ② `categories.items()`를 돌며 열 이름과 범주 목록을 꺼내 "
        "③ 범주마다 `열이름_범주` 이름의 새 열에 비교 결과를 정수로 바꿔 넣은 뒤 ④ 그 데이터프레임을 돌려주세요. 이렇게 차례로 넣으면 "
        "열 순서도 `categories`의 순서가 됩니다.",
    ),
    on_correct="범주 목록을 학습 데이터에서 한 번 정해 두면 학습·검증·테스트 데이터와 새 데이터가 모두 같은 열을 같은 순서로 갖습니다.",
    graded_also="다른 표 한 가지(두 열의 순서가 표와 다르고, 목록에 없는 값과 표에 없는 범주가 있는 설문)",
    examples=(
        Example((penguins_copy(), PENGUIN_CATEGORIES), label="펭귄 데이터 344행, 섬 3개·성별 2개의 범주 목록"),
        Example(
            (burger_orders(), {"버거": ["치즈버거", "불고기버거", "치킨버거"]}),
            label="주문표 5행(행 인덱스 13, 11, 14, 12, 15), {'버거': ['치즈버거', '불고기버거', '치킨버거']}",
            why="행 인덱스가 0, 1, 2…가 아니어도, 빈칸인 행은 모두 0, 글자 열 '주문 번호'와 '음료'는 그대로",
        ),
        Example(
            (new_penguins(), PENGUIN_CATEGORIES),
            label="새로 들어온 펭귄 4마리(섬: Biscoe, Anvers, 빈칸, Biscoe), 섬 3개·성별 2개의 범주 목록",
            why="목록에 없는 섬(Anvers)은 모두 0이고, 이 네 마리에 없는 Dream·Torgersen도 열을 만듭니다",
        ),
        Example(
            (burger_orders(), {"음료": ["콜라", "사이다", "환타", "제로콜라"], "버거": ["치킨버거", "치즈버거", "불고기버거"]}),
            label="주문표 5행, {'음료': ['콜라', '사이다', '환타', '제로콜라'], '버거': ['치킨버거', '치즈버거', '불고기버거']}",
            why="가변수 열은 `categories`에 적힌 순서대로: '음료'의 범주들이 먼저, 범주는 목록의 순서",
        ),
    ),
    reduce=reduce_dummies,
    explain=explain_dummies,
    inputs_check=keeps_inputs("encode_categoricals"),
)


# ---------------------------------------------------------------------------
# 문제 6. 몸무게 구간화
# ---------------------------------------------------------------------------

_Q6_RULE = (
    "`bin_body_mass(values)`는 값마다 구간 이름을 담은 pandas Series를 돌려주어야 합니다. 3,500 미만은 '가벼움', "
    "3,500 이상 4,500 미만은 '보통', 4,500 이상 5,500 미만은 '무거움', 5,500 이상은 '아주 무거움'이고, "
    "빈칸(NaN)은 빈칸으로 둡니다. 경계값은 오른쪽 구간에 들어가고, `values`는 리스트, NumPy 배열, Series 모두 될 수 있습니다."
)


def reduce_bins(args: tuple, result: Any, call: str) -> list:
    """The learner's Series as a list of names, with None for gaps."""
    if not isinstance(result, pd.Series):
        raise Incorrect(
            f"`{call}`의 결과가 {describe(result)}입니다. 값마다 구간 이름을 담은 pandas Series를 돌려주세요 "
            "(`pd.cut`에 리스트나 배열을 그대로 넣으면 Series가 아닌 Categorical이 나옵니다)."
        )
    return [None if pd.isna(v) else (v if isinstance(v, (int, float, np.number)) else str(v)) for v in result.tolist()]


q6 = FunctionExercise(
    chapter=CHAPTER,
    name="q6",
    title="문제 6",
    var="bin_body_mass",
    points=2,
    rule=_Q6_RULE,
    hints=(
        "구간 네 개의 경계는 3,500 · 4,500 · 5,500이고, 양 끝은 열려 있습니다(무한대). 경계값이 어느 구간에 들어가는지가 함정입니다.",
        "`pd.cut`에 경계 목록(`bins=`)과 이름(`labels=`)을 주면 됩니다. 양 끝은 `-np.inf`, `np.inf`로 막으세요. "
        "리스트나 배열이 들어와도 Series가 나오도록 먼저 `pd.Series`로 감싸세요.",
        "`pd.cut`은 기본적으로 각 구간의 오른쪽 경계를 포함합니다(`right=True`). 이 문제는 경계값이 오른쪽 구간에 들어가야 하니, "
        "구간의 왼쪽 경계를 포함하도록 `right` 인자를 바꾸세요. `pd.cut`은 빈칸(NaN)을 알아서 빈칸으로 둡니다.",
    ),
    on_correct="구간화하면 연속형 특성이 범주형 특성이 됩니다. 필요하면 여기에 다시 가변수화를 적용할 수 있습니다.",
    graded_also="값이 하나뿐인 배열과 경계 바로 옆의 값들",
    examples=(
        Example((np.array([3750.0, 3800.0, 3250.0, np.nan, 4675.0, 5850.0, 4400.0]),), label="펭귄 7마리의 몸무게 배열 (빈칸 하나)"),
        Example(
            (pd.Series([3500.0, 4500.0, 5500.0, 3499.9, 2700.0, 6300.0], name="body_mass_g"),),
            label="경계값 3,500 · 4,500 · 5,500이 든 Series",
            why="경계값은 오른쪽 구간에 들어갑니다",
        ),
        Example(([5000, 3000, np.nan, 4500],), why="`values`가 정수와 NaN이 섞인 리스트여도"),
    ),
    reduce=reduce_bins,
)


# ---------------------------------------------------------------------------
# 문제 7. 학습 데이터로만 fit하는 로버스트 스케일링
# ---------------------------------------------------------------------------

_Q7_RULE = (
    "`scale_train_test(x_train, x_test)`는 `(x_train_scaled, x_test_scaled)`를 돌려주어야 합니다. 열마다 "
    "(값 − **학습 데이터의** 중앙값) / (**학습 데이터의** IQR)로 바꾸고, 테스트 데이터에도 같은 중앙값과 IQR을 씁니다. "
    "IQR은 75번째 백분위수 − 25번째 백분위수이고, 백분위수는 `np.percentile`의 기본 방식(선형 보간)으로 구합니다. "
    "원본 배열은 바꾸지 않습니다."
)


def reduce_scaled(args: tuple, result: Any, call: str) -> dict:
    """``{"학습": array, "테스트": array}`` after the stated form checks (a pair, numbers, the input's shape)."""
    x_train, x_test = args
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise Incorrect(f"`{call}`의 결과가 {describe(result)}입니다. 배열 두 개 `(x_train_scaled, x_test_scaled)`를 튜플로 돌려주세요.")
    scaled = {}
    for part, got, original in zip(_PARTS, result, (x_train, x_test)):
        try:
            got = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            raise Incorrect(f"`{call}`가 돌려준 {part} 데이터를 숫자 배열로 바꿀 수 없습니다: {describe(got)}") from None
        if got.shape != np.shape(original):
            raise Incorrect(f"`{call}`가 돌려준 {part} 데이터의 모양이 {got.shape}입니다. 입력과 같은 모양 {np.shape(original)}이어야 합니다.")
        scaled[part] = got
    return scaled


def _scaled_by(values: np.ndarray, center: Any, spread: Any) -> np.ndarray:
    with np.errstate(all="ignore"):
        return (values - center) / spread


def _iqr(reference: np.ndarray, method: str = "linear", axis: int | None = 0) -> Any:
    low, high = np.percentile(reference, [25, 75], axis=axis, method=method)
    return high - low


def explain_scaled(args: tuple, got: dict, call: str) -> str:
    """Name the usual mistake (statistics of other data, another formula), never the right numbers."""
    x_train, x_test = (np.asarray(a, dtype=float) for a in args)
    both = np.vstack([x_train, x_test])
    train_got, test_got = got["학습"], got["테스트"]

    def same(got_part: np.ndarray, candidate: np.ndarray) -> bool:
        return bool(np.all(np.isfinite(candidate))) and np.allclose(got_part, candidate)

    def robust_with(values: np.ndarray, reference: np.ndarray) -> np.ndarray:
        return _scaled_by(values, np.median(reference, axis=0), _iqr(reference))

    if same(train_got, robust_with(x_train, both)) and same(test_got, robust_with(x_test, both)):
        return (
            f"`{call}`는 학습 데이터와 테스트 데이터를 합친 전체 데이터의 중앙값·IQR로 바꾼 결과입니다. 테스트 데이터의 정보가 "
            f"학습에 새어 들어가는 {LEAKAGE}입니다. 중앙값과 IQR은 학습 데이터로만 구하세요."
        )
    if same(train_got, robust_with(x_train, x_test)) and same(test_got, robust_with(x_test, x_test)):
        return (
            f"`{call}`는 테스트 데이터의 중앙값·IQR로 두 데이터를 모두 바꾼 결과입니다. 테스트 데이터로 기준값을 구하는 것은 "
            f"{LEAKAGE}입니다. 중앙값과 IQR은 학습 데이터로만 구하세요."
        )
    if same(test_got, robust_with(x_test, x_test)):
        return (
            f"`{call}`의 테스트 데이터는 테스트 데이터 자신의 중앙값·IQR로 바꾼 결과입니다(스케일러라면 `fit_transform`). "
            "테스트 데이터에도 학습 데이터에서 구한 중앙값과 IQR을 쓰세요(스케일러라면 `transform`만)."
        )
    formulas = (
        (_scaled_by(x_train, x_train.mean(axis=0), x_train.std(axis=0)),
         "평균 0, 표준편차 1로 바꾸는 표준화(StandardScaler) 결과입니다. 이 문제는 중앙값과 IQR을 쓰는 로버스트 스케일링입니다."),
        (_scaled_by(x_train, x_train.min(axis=0), x_train.max(axis=0) - x_train.min(axis=0)),
         "최솟값 0, 최댓값 1로 바꾸는 정규화(MinMaxScaler) 결과입니다. 이 문제는 중앙값과 IQR을 쓰는 로버스트 스케일링입니다."),
        (_scaled_by(x_train, np.median(x_train), _iqr(x_train, axis=None)),
         "배열 전체에서 중앙값과 IQR을 하나씩만 구한 결과입니다. `axis=0`을 주어 열마다 따로 구하세요."),
        (_scaled_by(x_train, x_train.mean(axis=0), _iqr(x_train)),
         "중앙값 대신 평균을 뺀 결과입니다. 열마다 학습 데이터의 중앙값을 빼세요."),
        (_scaled_by(x_train, np.median(x_train, axis=0), x_train.std(axis=0)),
         "IQR 대신 표준편차로 나눈 결과입니다. 75번째 백분위수 − 25번째 백분위수로 나누세요."),
        *(
            (_scaled_by(x_train, np.median(x_train, axis=0), _iqr(x_train, method)),
             f"백분위수를 {how} 결과입니다. 두 값 사이를 선형 보간하는 `np.percentile`의 기본 방식으로 구하세요.")
            for method, how in (
                ("lower", "보간하지 않고 정렬한 값 하나로 고른(`method='lower'`와 같은)"),
                ("higher", "보간하지 않고 정렬한 값 하나로 고른(`method='higher'`와 같은)"),
                ("nearest", "보간하지 않고 정렬한 값 하나로 고른(`method='nearest'`와 같은)"),
                ("midpoint", "두 값의 한가운데로 구한(`method='midpoint'`와 같은)"),
            )
        ),
    )
    for candidate, reason in formulas:
        if same(train_got, candidate):
            return f"`{call}`의 학습 데이터는 {reason}"
    return ""


q7 = FunctionExercise(
    chapter=CHAPTER,
    name="q7",
    title="문제 7",
    var="scale_train_test",
    points=3,
    rule=_Q7_RULE,
    hints=(
        "로버스트 스케일링이 '배우는' 것은 열마다의 중앙값과 IQR입니다. 이 값을 어느 데이터에서 구해야 할까요? 테스트 데이터는 아직 보지 못한 데이터입니다.",
        "NumPy의 `np.median`과 `np.percentile`에 `axis=0`을 주면 열마다의 값이 한 번에 나옵니다(`axis`를 빠뜨리면 배열 전체에서 하나만 나옵니다). "
        "IQR은 75번째 백분위수에서 25번째 백분위수를 뺀 값입니다. `x_test`로는 아무것도 구하지 않습니다.",
        "① 학습 데이터에서만 열마다의 중앙값과 IQR을 구해 변수에 담고 ② 두 배열 모두에 (배열 − 중앙값) / IQR을 그 **같은** 값으로 계산해 "
        "③ 튜플로 돌려주세요. 브로드캐스팅 덕분에 열마다 반복할 필요가 없습니다. `RobustScaler`를 쓴다면 학습 데이터로만 `fit`하고 두 배열을 각각 "
        "`transform`합니다.",
    ),
    on_correct="중앙값과 IQR은 이상치 몇 개에 거의 흔들리지 않습니다. 그래도 기준값이니 fit은 학습 데이터로만, transform은 모든 데이터에 합니다.",
    graded_also="펭귄 숫자 특성 4개(학습 249행 · 테스트 84행)와 특성이 3개인 작은 배열",
    examples=(
        Example(
            (
                np.array([[1.0, 10.0], [2.0, 30.0], [3.0, 20.0], [5.0, 50.0]]),
                np.array([[0.0, 70.0], [7.0, 15.0], [4.0, 35.0]]),
            ),
            label="학습 4행 · 테스트 3행, 특성 2개 (테스트 값이 학습 범위를 벗어남)",
            why="테스트 데이터에도 학습 데이터의 중앙값과 IQR을 씁니다",
        ),
        Example(
            (
                np.array(
                    [
                        [38.0, 180.0, 3700.0],
                        [40.0, 195.0, 3900.0],
                        [36.0, 190.0, 3550.0],
                        [46.0, 210.0, 4700.0],
                        [39.0, 185.0, 40000.0],
                    ]
                ),
                np.array([[41.0, 200.0, 3800.0], [37.0, 220.0, 5000.0]]),
            ),
            label="학습 5행 · 테스트 2행, 특성 3개 (학습 데이터 마지막 열에 잘못 적힌 40000)",
            why="열마다 따로, 이상치가 있어도 같은 공식",
        ),
    ),
    reduce=reduce_scaled,
    explain=explain_scaled,
    inputs_check=keeps_inputs("scale_train_test"),
)


# ---------------------------------------------------------------------------
# 문제 8. 데이터 누수일까요?
# ---------------------------------------------------------------------------

q8 = ChoiceMapExercise(
    chapter=CHAPTER,
    name="q8",
    title="문제 8",
    var="leakage_cases",
    points=2,
    rule=(
        "테스트(또는 검증) 데이터의 정보, 또는 예측할 때는 알 수 없는 정답의 정보가 학습이나 모델 선택에 쓰였는지를 "
        "기준으로 판단하세요. 행마다 정해진 규칙으로 지우는 것처럼 다른 행의 통계를 쓰지 않는 처리는 누수가 아닙니다."
    ),
    hints=(
        "각 상황에서 '무엇으로 fit했는가(또는 무엇을 보고 골랐는가)'를 찾아보세요. 그 안에 테스트 데이터나 정답이 들어 있으면 누수입니다.",
        "전체 데이터로 통계(평균, 최솟값·최댓값)를 먼저 구한 뒤에 나누면, 나중에 테스트 데이터가 될 행의 정보가 이미 섞인 것입니다. "
        "테스트 점수를 보며 설정을 고르는 것도 테스트 데이터를 학습에 쓴 셈입니다.",
        "상황마다 '예측하는 날에도 이 정보를 알 수 있을까?', '이 통계에 테스트 데이터가 들어갔을까?' 두 가지를 물어보세요. "
        "학습 데이터로만 배운 것을 다른 데이터에 적용하기만 하거나, 다른 행을 보지 않는 행 단위 규칙이면 누수가 아닙니다.",
    ),
    on_correct="누수는 점수를 실제보다 좋아 보이게 만듭니다. 의심스러우면 '예측하는 날에도 이 정보를 알 수 있을까?'라고 물어보세요.",
    choices=("누수", "안전"),
    keys=("a", "b", "c", "d", "e", "f", "g"),
)
