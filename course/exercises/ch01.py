"""Chapter 01 (머신러닝 프로세스): what a student may see of each exercise.

The notebook imports ``q1`` … ``q9``; each test cell runs ``qN.check()`` (the visible
self-check) and, hidden, the instructor's grading key. This module holds
rules, hints, the inputs of the visible examples and public property checks only; the
expected values of the examples are sealed in ``sealed.json``, and the choice answers live
in the key. Nothing here imports TensorFlow or scikit-learn (matplotlib only inside q7's check).

q7 and q8 have nothing to seal: q7's plot is judged by what the learner's function draws for the
visible inputs, q8's reading by the learner's own learning records. Their ``transfer`` hooks run in
the learner's kernel and turn both into plain data; the self-check checks the same data, so it and
grading always agree.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from course.checks import (
    ChoiceMapExercise,
    CustomExercise,
    Example,
    FunctionExercise,
    Incorrect,
    NotAttempted,
    call_learner_function,
    describe,
    is_number,
)

CHAPTER = "01_ml_process"

__all__ = ["CHAPTER", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"]


# ---------------------------------------------------------------------------
# 문제 1. 통계, 머신러닝, 딥러닝 중 무엇이 알맞을까요?
# ---------------------------------------------------------------------------

q1 = ChoiceMapExercise(
    chapter=CHAPTER,
    name="q1",
    title="문제 1",
    var="best_approach",
    points=2,
    rule=(
        "비교표의 기준으로 판단하세요: 작은 데이터에서 단순한 관계를 설명하거나 검정하면 통계, "
        "표로 정리된 소~중규모 데이터로 예측하면서 사람이 특성을 다루고 결과를 설명해야 하면 머신러닝, "
        "이미지·음성·텍스트 같은 대규모 비정형 데이터에서 특성을 스스로 뽑아야 하면 딥러닝입니다."
    ),
    hints=(
        "상황마다 세 가지를 적어 보세요: ① 데이터가 몇 건인가? ② 표(숫자 열)인가, 이미지·소리·글인가? ③ 예측이 목적인가, 관계를 설명·검정하는 것이 목적인가?",
        "적은 자료로 관계 하나를 설명하거나 '우연이 아닌지' 따지는 일은 통계의 몫입니다. "
        "사진이나 녹음처럼 사람이 특성을 정하기 어려운 대규모 데이터는 딥러닝이 강합니다.",
        "표 데이터로 예측하면서 결과를 설명해야 하는 상황이라면, 비교표의 '해석 가능성'과 '연산 자원' 줄이 결정적입니다. "
        "두 줄에서 상황의 조건에 맞는 열을 찾아보세요.",
    ),
    on_correct="딥러닝이 늘 정답은 아닙니다. 데이터의 크기와 형태, 설명이 필요한지, 쓸 수 있는 장비가 도구를 정합니다.",
    choices=("통계", "머신러닝", "딥러닝"),
    keys=("a", "b", "c", "d", "e", "f"),
)


# ---------------------------------------------------------------------------
# 문제 2. 어떤 종류의 문제일까요?
# ---------------------------------------------------------------------------

q2 = ChoiceMapExercise(
    chapter=CHAPTER,
    name="q2",
    title="문제 2",
    var="task_types",
    points=2,
    rule=(
        "정답(출력)이 어떤 모양인지로 판단하세요: 연속적인 숫자면 회귀, 두 범주 중 하나면 이진 분류, "
        "셋 이상의 범주 중 하나면 다중 분류, 한 샘플에 여러 범주를 동시에 붙이면 다중 레이블 분류, "
        "문장이나 그림처럼 새로운 데이터를 만들어 내면 생성입니다."
    ),
    hints=(
        "각 상황에서 모델이 내놓아야 하는 답을 하나 적어 보세요. 숫자 하나? 이름 하나? 이름 여러 개? 새 문장?",
        "기온이나 가격처럼 크기를 비교할 수 있는 숫자는 회귀입니다. 범주를 고르는 문제라면 고를 수 있는 범주의 수와 "
        "한 번에 몇 개를 고르는지 세어 보세요.",
        "정답을 범주마다 0/1로 적는 표를 떠올려 보세요. 한 행에 1이 하나뿐이면 (이진·다중) 분류이고, "
        "한 행에 1이 여러 개 찍힐 수 있으면 다중 레이블 분류입니다. 상황 설명에서 '모두'라는 말에 주의하세요.",
    ),
    on_correct="문제의 종류가 정해져야 출력층, 손실 함수, 평가 지표를 고를 수 있습니다.",
    choices=("이진 분류", "다중 분류", "다중 레이블 분류", "회귀", "생성"),
    keys=("a", "b", "c", "d", "e", "f", "g", "h"),
)


# ---------------------------------------------------------------------------
# 문제 3. 지도 학습, 비지도 학습, 강화 학습
# ---------------------------------------------------------------------------

q3 = ChoiceMapExercise(
    chapter=CHAPTER,
    name="q3",
    title="문제 3",
    var="learning_types",
    points=2,
    rule=(
        "학습 데이터에 정답(레이블)이 함께 있으면 지도 학습, 정답 없이 데이터의 구조나 비슷한 것끼리의 묶음을 찾으면 "
        "비지도 학습, 에이전트가 환경에서 행동하고 그 결과로 받는 보상으로 배우면 강화 학습입니다."
    ),
    hints=(
        "상황마다 '모델에게 정답을 알려 주는가?'부터 확인하세요. 정답 대신 점수나 보상을 주는 경우도 있습니다.",
        "데이터와 함께 기록된 답(표시, 실제값)이 있으면 지도 학습입니다. 정답 없이 비슷한 것끼리 묶거나 차원을 줄여 "
        "데이터의 구조를 찾는 일은 비지도 학습입니다.",
        "정답도 없고 데이터의 구조를 찾는 것도 아니라면, 모델이 스스로 행동하고 그 결과로 점수를 받는지 보세요. "
        "점수(보상)가 커지는 행동을 더 자주 하도록 배우는 것이 강화 학습입니다.",
    ),
    on_correct="이 과정에서 만드는 모델은 대부분 정답이 있는 지도 학습입니다.",
    choices=("지도 학습", "비지도 학습", "강화 학습"),
    keys=("a", "b", "c", "d", "e", "f"),
)


# ---------------------------------------------------------------------------
# 문제 4. 장치 목록 읽기
# ---------------------------------------------------------------------------


def devices(*kinds: str) -> list[str]:
    """Device names as ``tf.config.list_physical_devices()`` reports them, numbered per kind."""
    seen: dict[str, int] = {}
    names = []
    for kind in kinds:
        names.append(f"/physical_device:{kind}:{seen.get(kind, 0)}")
        seen[kind] = seen.get(kind, 0) + 1
    return names


q4 = FunctionExercise(
    chapter=CHAPTER,
    name="q4",
    title="문제 4",
    var="describe_devices",
    points=2,
    rule=(
        "`describe_devices(device_names)`는 장치 이름 목록에서 종류가 GPU인 장치의 개수를 세어, 하나 이상이면 "
        '`"GPU N개"` 형식의 문자열(N은 GPU 개수)을, 하나도 없으면 `"CPU"`를 돌려주어야 합니다. '
        "CPU가 몇 개 있든, 목록의 순서가 어떻든 GPU만 세어야 합니다."
    ),
    hints=(
        "장치 이름 `'/physical_device:GPU:0'`은 `:`로 나누면 가운데 조각이 장치 종류입니다. 종류가 GPU인 이름만 세어 보세요.",
        "목록을 하나씩 돌며 조건에 맞는 이름의 개수를 세세요 (`for` 문과 카운터, 또는 조건을 넣은 `sum`). "
        "CPU가 하나뿐이라고 가정하고 전체 개수에서 1을 빼면, CPU가 둘인 컴퓨터에서 틀립니다.",
        "GPU 개수를 변수에 구한 뒤, 그 개수가 0인지 아닌지에 따라 두 형식 중 하나를 돌려주세요. "
        "f-문자열을 쓰면 개수를 문자열 안에 넣을 수 있습니다.",
    ),
    on_correct="코랩이나 캐글에서 GPU를 켠 뒤 이 노트북의 장치 이름 목록을 넣어 보면 GPU가 1개로 나옵니다.",
    graded_also="GPU가 8개인 목록, 빈 목록, GPU만 있는 목록 등 4가지",
    examples=(
        Example((devices("CPU"),)),
        Example((devices("CPU", "GPU"),), label="[CPU:0, GPU:0]의 장치 이름 2개"),
        Example(
            (["/physical_device:GPU:0", "/physical_device:CPU:0", "/physical_device:GPU:1", "/physical_device:CPU:1"],),
            label="[GPU:0, CPU:0, GPU:1, CPU:1]의 장치 이름 4개",
            why="CPU도 여러 개이고 순서가 섞여 있어도 GPU만 셉니다",
        ),
        Example((devices("CPU", "CPU"),), label="[CPU:0, CPU:1]의 장치 이름 2개", why="CPU가 여러 개여도 GPU가 없으면 CPU"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 5. 표현할 수 있는 색의 수
# ---------------------------------------------------------------------------


def _returns_an_integer(function: Any) -> None:
    """The rule asks for an integer: a float such as ``2.0 ** 24`` is not one."""
    result = call_learner_function("count_colors", function, 8, 1)
    if not is_number(result) or not isinstance(result, (int, np.integer)):
        raise Incorrect(
            f"`count_colors(8, 1)`의 결과가 {describe(result)} (자료형 `{type(result).__name__}`)입니다. "
            "색의 개수는 정수(int)로 돌려주어야 합니다. 실수가 섞인 계산(`2.0 ** …`, `math.pow`, `/`)을 쓰지 않았는지 확인하세요."
        )


q5 = FunctionExercise(
    chapter=CHAPTER,
    name="q5",
    title="문제 5",
    var="count_colors",
    points=1,
    rule=(
        "`count_colors(bits_per_channel, channels)`는 채널 하나가 `bits_per_channel`비트이고 채널이 `channels`개인 "
        "이미지가 한 픽셀에서 표현할 수 있는 서로 다른 색(값의 조합)의 개수를 정수로 돌려주어야 합니다. "
        "비트 수와 채널 수는 8과 3이 아닐 수도 있습니다."
    ),
    hints=(
        "1비트는 0과 1, 두 가지 값을 가집니다. 비트가 하나 늘 때마다 가짓수는 두 배가 됩니다. 8비트면 몇 가지일까요?",
        "채널 하나의 단계 수는 2를 `bits_per_channel`번 곱한 값입니다. 채널이 여러 개면 각 채널의 값을 따로 고를 수 있으니, "
        "단계 수를 더하지 말고 곱하세요.",
        "색의 수는 '채널 하나의 단계 수'를 채널 수만큼 곱한 값입니다. 거듭제곱 연산자 `**`를 쓰면 한 줄로 계산할 수 있고, "
        "정수끼리 계산하면 결과도 정수입니다. 숫자 256을 코드에 직접 적으면 8비트가 아닌 이미지에서 틀립니다.",
    ),
    on_correct="채널당 8비트 RGB의 색 16,777,216가지를 트루 컬러(True Color)라고 부릅니다.",
    graded_also="다른 비트 수와 채널 수 조합 4가지",
    before=_returns_an_integer,
    examples=(
        Example((8, 3)),
        Example((8, 1)),
        Example((10, 3), why="채널당 비트 수가 8이 아니어도"),
        Example((8, 4), why="투명도(알파) 채널을 더한 4채널이어도"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 6. 컬러 이미지를 흑백 이미지로
# ---------------------------------------------------------------------------

# Every pixel of the visible images has a grey value whose fractional part lies between 0.05
# and 0.45 (or is exactly 0), so the exact value, the rounded value and the truncated value
# all round to the same integer: the sealed comparison (to the nearest integer) accepts every
# way the rule allows.
COLOR_IMAGE = np.array(
    [
        [[255, 0, 0], [0, 200, 0], [0, 0, 255]],  # 빨강, 초록, 파랑
        [[245, 245, 220], [0, 0, 0], [139, 69, 19]],  # 베이지, 검정, 갈색
    ],
    dtype=np.uint8,
)
COLOR_IMAGE_FLOAT32 = np.array(
    [
        [[255, 165, 0], [220, 20, 60]],  # 주황, 진홍
        [[60, 180, 75], [200, 100, 50]],  # 초록, 황토
    ],
    dtype=np.float32,
)


def gray_image_of(function: Any, image: np.ndarray, label: str) -> np.ndarray:
    """Public property checks of one call: numbers, shape (H, W, 1), the input left unchanged.

    Returns the learner's grey image as an array (it computes no reference)."""
    name = "to_grayscale"
    image = image.copy()
    before = image.copy()
    result = call_learner_function(name, function, image)
    if not np.array_equal(image, before):
        raise Incorrect(
            f"`{name}`가 입력으로 받은 원본 이미지를 바꿨습니다. 원본은 그대로 두고 새 배열을 만들어 돌려주세요."
        )
    try:
        gray = np.asarray(result)
    except Exception:  # noqa: BLE001 - any odd object is simply not an array
        gray = None
    if gray is None or gray.dtype.kind not in "iuf":
        raise Incorrect(f"`{name}({label})`의 결과가 {describe(result)}입니다. 숫자로 된 NumPy 배열을 돌려주어야 합니다.")
    height, width = image.shape[:2]
    if gray.shape != (height, width, 1):
        raise Incorrect(
            f"`{name}({label})`의 결과 모양(shape)이 {gray.shape}입니다. 입력 모양이 {image.shape}이면 "
            f"결과는 채널 축 하나를 남긴 ({height}, {width}, 1)이어야 합니다."
        )
    return gray


def _keeps_input_and_returns_h_w_1(function: Any) -> None:
    for image, label in ((COLOR_IMAGE, "2×3 uint8 이미지"), (COLOR_IMAGE_FLOAT32, "2×2 float32 이미지")):
        gray_image_of(function, image, label)


q6 = FunctionExercise(
    chapter=CHAPTER,
    name="q6",
    title="문제 6",
    var="to_grayscale",
    points=3,
    rule=(
        "`to_grayscale(image)`는 모양이 (H, W, 3)인 RGB 이미지(`uint8` 또는 `float32`)를 받아 모양이 (H, W, 1)인 숫자 배열을 "
        "돌려주어야 합니다. 각 픽셀의 값은 0.299 × R + 0.587 × G + 0.114 × B이고 (정수로 바꾸며 반올림하거나 "
        "소수점 아래를 버려서 생기는 1 미만의 차이는 괜찮습니다), 입력 이미지는 바꾸지 않아야 합니다."
    ),
    hints=(
        "마지막 축(채널 축)이 R, G, B입니다. `image[..., 0]`이 R 채널 전체, `image[..., 1]`이 G 채널 전체입니다.",
        "세 채널에 각자의 가중치를 곱해 더하면 (H, W) 배열이 됩니다. 채널마다 따로 곱해 더해도 되고, 가중치 세 개를 "
        "벡터로 만들어 행렬 곱(`@`)으로 한 번에 계산해도 됩니다. 세 채널의 단순 평균과는 다른 값입니다.",
        "(H, W) 배열을 구한 뒤 `np.newaxis`나 `np.expand_dims`로 마지막에 길이 1인 채널 축을 붙여 돌려주세요. "
        "`uint8` 채널끼리 먼저 더하면 255를 넘는 값이 넘치니(overflow), 가중치를 곱하거나 실수로 바꾼 뒤에 더하세요.",
    ),
    on_correct="사람의 눈은 초록에 가장 민감해서 G의 가중치가 가장 큽니다. (H, W, 1) 모양은 케라스의 이미지 층이 기대하는 모양이기도 합니다.",
    graded_also="무작위 컬러 이미지 2장(`uint8`, `float32`)과 1×1 이미지",
    tolerance=1.0,
    before=_keeps_input_and_returns_h_w_1,
    examples=(
        Example((COLOR_IMAGE,), label="빨강·초록·파랑·베이지·검정·갈색 2×3 uint8 이미지"),
        Example((COLOR_IMAGE_FLOAT32,), label="주황·진홍·초록·황토 2×2 float32 이미지", why="입력이 float32여도"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 7. 학습 곡선을 그리는 함수 만들기
# ---------------------------------------------------------------------------

TRAIN_LOSS_LABEL = "학습 손실"
VAL_LOSS_LABEL = "검증 손실"
_OTHER_FIGURE = "dl-course-ch01-q7-open-figure"  # gid of the line on the figure a check leaves open


class RecordedHistory:
    """Shaped like ``keras.callbacks.History`` after ``model.fit``: ``.history`` holds the
    per-epoch records, ``.epoch`` the epoch indices (0, 1, …, as Keras counts them)."""

    def __init__(self, **records: list[float]) -> None:
        self.history = {key: list(values) for key, values in records.items()}
        self.epoch = list(range(len(next(iter(self.history.values()), []))))

    def __repr__(self) -> str:
        return f"<History: {', '.join(self.history)}; 에폭 {len(self.epoch)}개>"


@dataclass(frozen=True)
class PlotCase:
    """One visible call of ``dl_history_plot``: its input and, optionally, a figure left open before it."""

    history: Any
    label: str
    why: str = ""
    figure_open: bool = False

    def records(self) -> dict[str, list[float]]:
        return getattr(self.history, "history", self.history)


HISTORY_PLOT_CASES = (
    PlotCase(
        {
            "loss": [0.92, 0.61, 0.47, 0.41, 0.38],
            "accuracy": [0.55, 0.74, 0.82, 0.85, 0.87],
            "val_loss": [0.95, 0.70, 0.58, 0.60, 0.66],
            "val_accuracy": [0.52, 0.70, 0.78, 0.77, 0.75],
        },
        label="에폭 5개의 history 딕셔너리",
    ),
    PlotCase(
        RecordedHistory(
            loss=[1.31, 0.88, 0.64, 0.51, 0.44, 0.40, 0.37],
            accuracy=[0.41, 0.63, 0.77, 0.83, 0.86, 0.88, 0.89],
            val_loss=[1.25, 0.91, 0.73, 0.66, 0.63, 0.62, 0.64],
            val_accuracy=[0.45, 0.60, 0.72, 0.76, 0.78, 0.79, 0.78],
        ),
        label="model.fit이 돌려준 History 객체 (에폭 7개)",
        why="History 객체가 들어와도",
    ),
    PlotCase(
        {"loss": [0.7, 0.5, 0.45], "val_loss": [0.8, 0.65, 0.6]},
        label="에폭 3개의 history 딕셔너리, 다른 그림이 열려 있을 때",
        why="다른 그림이 이미 열려 있어도 새 그림에",
        figure_open=True,
    ),
)

_Q7_RULE = (
    "`dl_history_plot(history)`는 `model.fit`이 돌려준 History 객체나 그 `.history` 딕셔너리를 받아, **새 그림**(figure) 하나에 "
    "학습 손실(`loss`)과 검증 손실(`val_loss`)을 에폭마다 선 그래프로 그리고 그 Axes를 돌려주어야 합니다. "
    f"x 좌표는 **1부터** 시작하는 에폭 번호(1, 2, …, 에폭 수)이고, 곡선의 이름(label)은 `'{TRAIN_LOSS_LABEL}'`과 `'{VAL_LOSS_LABEL}'`, "
    "범례(legend)가 두 이름을 보여 주며, x축과 y축에 이름이 있어야 합니다. 그림에는 이 두 곡선만 그립니다."
)


def _numbers(values: Any) -> list[float] | None:
    try:
        array = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        return None
    return array.tolist()


def _drawing_of(result: Any) -> dict:
    """What a returned Axes shows, as plain data (its lines, legend, axis names)."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if not isinstance(result, Axes):
        return {"returned": type(result).__name__, "returned_text": describe(result), "figure": isinstance(result, Figure)}
    lines = [
        {
            "x": _numbers(line.get_xdata()),
            "y": _numbers(line.get_ydata()),
            "label": str(line.get_label()),
            "other_figure": line.get_gid() == _OTHER_FIGURE,
        }
        for line in result.get_lines()
    ]
    legends = [result.get_legend(), *result.figure.legends]
    legend = [text.get_text() for box in legends if box is not None for text in box.get_texts()]
    return {
        "returned": "Axes",
        "lines": lines,
        "legend": legend if any(box is not None for box in legends) else None,
        "xlabel": result.get_xlabel(),
        "ylabel": result.get_ylabel(),
    }


def history_plot_drawings(function: Any) -> dict:
    """For the self-check and, in the learner's kernel, for grading: what ``function`` draws for
    every visible input, as plain data. Every figure opened here is closed again."""
    if not callable(function):
        return {"kind": "history_plot", "not_function": describe(function)}
    import matplotlib.pyplot as plt

    drawings = []
    for case in HISTORY_PLOT_CASES:
        before = set(plt.get_fignums())
        try:
            if case.figure_open:
                other = plt.figure()
                other.add_subplot().plot([0, 1], [0, 0], gid=_OTHER_FIGURE)
            try:
                result = function(copy.deepcopy(case.history))
            except Exception as error:  # the learner's error, reported by name like any call
                drawings.append({"raised": [type(error).__name__, str(error)[:500]]})
            else:
                drawings.append(_drawing_of(result))
        finally:
            for number in set(plt.get_fignums()) - before:
                plt.close(number)
    return {"kind": "history_plot", "drawings": drawings}


class KernelReport:
    """The judge's stand-in for a learner's value that cannot cross as data: what a public
    ``transfer`` function gathered from it in the learner's kernel (a dict with its ``kind``)."""

    def __init__(self, data: dict, shown: str) -> None:
        self.data = data
        self.shown = shown

    def __repr__(self) -> str:
        return self.shown


def _report(value: Any, kind: str, gather: Any, shown: str) -> KernelReport:
    """``value`` as a :class:`KernelReport` of ``kind``: as the judge rebuilt it, or gathered here."""
    if isinstance(value, KernelReport) and value.data.get("kind") == kind:
        return value
    return KernelReport(gather(value), shown)


def _rebuilder(kind: str, shown: str):
    """The ``rebuild`` hook for a ``transfer`` that returns a dict of ``kind``."""

    def rebuild(data: Any) -> Any:
        return KernelReport(data, shown) if isinstance(data, dict) and data.get("kind") == kind else data

    return rebuild


_DRAWINGS_SHOWN = "<dl_history_plot이 그린 그림들>"
rebuild_history_plot = _rebuilder("history_plot", _DRAWINGS_SHOWN)


def _same_series(values: list[float] | None, expected: list[float]) -> bool:
    return values is not None and len(values) == len(expected) and bool(np.allclose(values, expected, rtol=1e-6, atol=1e-9))


def _line_names(lines: list[dict], records: Mapping[str, list[float]]) -> str:
    """What each drawn line is, in words: the record it repeats, else its first values."""
    names = []
    for line in lines:
        key = next((k for k, v in records.items() if _same_series(line["y"], v)), None)
        shown = f"`{key}`" if key else describe(line["y"], 40)
        names.append(f"{shown} (이름 '{line['label']}')" if not line["label"].startswith("_") else f"{shown} (이름 없음)")
    return ", ".join(names) if names else "없음"


def _check_drawing(drawing: dict, case: PlotCase) -> None:
    call = f"dl_history_plot({case.label})"
    because = case.why and f" ({case.why})"
    if "raised" in drawing:
        name, message = drawing["raised"]
        if name == "NotImplementedError":
            raise NotAttempted("`dl_history_plot` 함수의 본문을 아직 완성하지 않았습니다.")
        raise Incorrect(f"`{call}` 실행 중 오류가 났습니다: {name}: {message}{because}. {_Q7_RULE}")
    if drawing["returned"] != "Axes":
        if drawing["returned"] == "NoneType":
            found = "`None`입니다. 함수 끝에 `return ax`를 빠뜨리지 않았는지 확인하세요"
        elif drawing["figure"]:
            found = "Axes가 아니라 그림 전체(Figure)입니다. 곡선을 그린 Axes(`ax`)를 돌려주세요"
        else:
            found = f"{drawing['returned_text']}입니다. 곡선을 그린 Axes를 돌려주세요"
        raise Incorrect(f"`{call}`의 결과가 {found}{because}. {_Q7_RULE}")
    lines = drawing["lines"]
    if any(line["other_figure"] for line in lines):
        raise Incorrect(
            f"`{call}`에서 새 그림을 만들지 않고 이미 열려 있던 그림에 곡선을 그렸습니다{because}. "
            "함수 안에서 `plt.subplots()`나 `plt.figure()`로 새 그림을 먼저 만드세요."
        )
    records = case.records()
    train = [line for line in lines if _same_series(line["y"], records["loss"])]
    valid = [line for line in lines if _same_series(line["y"], records["val_loss"])]
    drawn = _line_names(lines, records)
    if not train or not valid:
        missing = " · ".join(
            f"{name}(`{key}`)" for name, key, found in (("학습 손실", "loss", train), ("검증 손실", "val_loss", valid)) if not found
        )
        accuracy = any(key for line in lines for key, v in records.items() if "acc" in key and _same_series(line["y"], v))
        extra = " 정확도가 아니라 손실을 그립니다." if accuracy else ""
        raise Incorrect(f"`{call}`의 Axes에 {missing} 곡선이 없습니다. 그린 선: {drawn}.{extra}{because} {_Q7_RULE}")
    if len(lines) != 2:
        raise Incorrect(f"`{call}`의 Axes에 선이 {len(lines)}개 있습니다 (그린 선: {drawn}){because}. 학습 손실과 검증 손실, 두 곡선만 그리세요.")
    train, valid = train[0], valid[0]
    epochs = list(range(1, len(records["loss"]) + 1))
    for name, line in (("학습 손실", train), ("검증 손실", valid)):
        if not _same_series(line["x"], [float(e) for e in epochs]):
            zero = _same_series(line["x"], [float(e - 1) for e in epochs])
            found = "0부터 시작합니다" if zero else f"{describe(line['x'], 60)}입니다"
            raise Incorrect(
                f"`{call}`에서 {name} 곡선의 x 좌표가 {found}{because}. x 좌표는 1부터 시작하는 에폭 번호(1, 2, …, {len(epochs)})여야 합니다. "
                "`plot(y)`처럼 x를 빼면 0부터 시작하니, 에폭 번호를 x로 함께 넘기세요."
            )
    labels = (train["label"], valid["label"])
    if labels == (VAL_LOSS_LABEL, TRAIN_LOSS_LABEL):
        raise Incorrect(f"`{call}`에서 두 곡선의 이름이 서로 바뀌었습니다: `loss` 곡선의 이름이 '{VAL_LOSS_LABEL}'입니다{because}. {_Q7_RULE}")
    for name, line, wanted in (("학습 손실", train, TRAIN_LOSS_LABEL), ("검증 손실", valid, VAL_LOSS_LABEL)):
        if line["label"].startswith("_"):
            raise Incorrect(f"`{call}`에서 {name} 곡선에 이름(label)이 없습니다{because}. `plot(..., label='{wanted}')`처럼 이름을 붙이세요.")
        if line["label"].strip() != wanted:
            raise Incorrect(f"`{call}`에서 {name} 곡선의 이름이 '{line['label']}'입니다{because}. 이름은 '{wanted}'로 붙이세요.")
    legend = drawing["legend"]
    if legend is None:
        raise Incorrect(f"`{call}`의 그림에 범례(legend)가 없습니다{because}. 곡선을 그린 뒤 `ax.legend()`를 부르세요.")
    if not {TRAIN_LOSS_LABEL, VAL_LOSS_LABEL} <= {text.strip() for text in legend}:
        raise Incorrect(f"`{call}`의 범례에 보이는 이름이 {legend}입니다{because}. 범례가 두 곡선의 이름을 모두 보여 주어야 합니다.")
    for axis, label in (("x", drawing["xlabel"]), ("y", drawing["ylabel"])):
        if not label.strip():
            raise Incorrect(
                f"`{call}`의 {axis}축에 이름이 없습니다{because}. `ax.set_{axis}label(...)`로 이름을 붙이세요 (예: '에폭', '손실')."
            )


def verify_history_plot(value: Any) -> str:
    data = _report(value, "history_plot", history_plot_drawings, _DRAWINGS_SHOWN).data
    if "not_function" in data:
        raise Incorrect(f"`dl_history_plot`은 함수여야 하는데, 지금 값은 {data['not_function']}입니다. `def dl_history_plot(history):`로 정의하세요.")
    drawings = data.get("drawings")
    if not isinstance(drawings, list) or len(drawings) != len(HISTORY_PLOT_CASES):
        raise Incorrect("`dl_history_plot`이 그린 그림을 확인하지 못했습니다. 답 셀을 다시 실행한 뒤 확인하세요.")
    for drawing, case in zip(drawings, HISTORY_PLOT_CASES):
        _check_drawing(drawing, case)
    return (
        "딕셔너리, History 객체, 다른 그림이 열려 있을 때 모두 새 그림에 두 손실 곡선을 1부터 시작하는 에폭 번호로 그리고, "
        "곡선 이름·범례·축 이름을 붙여 Axes를 돌려줍니다."
    )


q7 = CustomExercise(
    chapter=CHAPTER,
    name="q7",
    title="문제 7",
    var="dl_history_plot",
    points=3,
    rule=_Q7_RULE,
    hints=(
        "History 객체라면 기록은 `history.history`에 딕셔너리로 들어 있습니다. 딕셔너리가 바로 들어올 수도 있으니 "
        "`hasattr(history, \"history\")`로 구분하세요. 손실은 `\"loss\"`와 `\"val_loss\"` 키에 있습니다 (정확도 `\"accuracy\"`가 아닙니다).",
        "`fig, ax = plt.subplots()`로 새 그림과 Axes를 함께 만든 뒤 `ax.plot(x, y, label=이름)`으로 곡선을 그립니다. "
        "`ax.plot(y)`처럼 x를 빼면 x가 0부터 시작하니, `range(1, 에폭 수 + 1)`을 x로 넘기세요.",
        "순서대로 쓰세요: ① 기록 딕셔너리 꺼내기 ② 새 그림과 Axes 만들기 ③ 에폭 번호를 x로 두 손실을 각각 `ax.plot`(이름 붙이기) "
        "④ `ax.set_xlabel`, `ax.set_ylabel`, `ax.legend()` ⑤ Axes를 `return`. 함수 안에서 `plt.show()`는 부르지 않아도 됩니다.",
    ),
    on_correct="강의 노트의 `dl_history_plot`을 직접 만들었습니다. 같은 그림은 `plots.plot_history(history)`로도 그릴 수 있습니다.",
    verifier=verify_history_plot,
    transfer=history_plot_drawings,
    rebuild=rebuild_history_plot,
)


# ---------------------------------------------------------------------------
# 문제 8. 내 학습 곡선 읽기
# ---------------------------------------------------------------------------

CURVE_READING_KEYS = ("history", "best_val_epoch", "final_gap")
FINAL_GAP_TOLERANCE = 0.001

_Q8_RULE = (
    "`curve_reading`은 `\"history\"`(여러분의 학습 기록, 그대로 둡니다), `\"best_val_epoch\"`, `\"final_gap\"` 세 항목의 딕셔너리입니다. "
    "`best_val_epoch`은 그 기록에서 검증 손실(`val_loss`)이 가장 낮았던 에폭 번호(**1부터** 세는 정수, 가장 낮은 값이 여러 번이면 "
    "가장 먼저 나온 에폭)이고, `final_gap`은 **마지막 에폭**의 검증 손실에서 학습 손실을 뺀 값(소수 셋째 자리까지 반올림한 실수, "
    "0.001까지의 차이는 괜찮습니다)입니다."
)


def _records_of(history: Any) -> tuple[dict | None, str]:
    """The per-epoch records of a History object or its dict, as plain lists; else why not."""
    records = getattr(history, "history", history)
    if not isinstance(records, Mapping):
        return None, f"`\"history\"` 항목이 {describe(history, 60)}입니다. `model.fit`이 돌려준 `history`를 그대로 두세요."
    plain = {}
    for key in ("loss", "val_loss"):
        values = _numbers(records.get(key)) if key in records else None
        if not values:
            return None, (
                f"`\"history\"` 항목의 기록에 `{key}`가 없거나 비어 있습니다. 6.5절의 학습 셀(`history = model.fit(...)`)을 "
                "검증 데이터와 함께 실행하고, `\"history\"` 항목은 그대로 두세요."
            )
        plain[key] = values
    if len(plain["loss"]) != len(plain["val_loss"]):
        return None, "`\"history\"` 항목의 `loss`와 `val_loss` 길이가 다릅니다. `model.fit`이 돌려준 `history`를 그대로 두세요."
    return plain, ""


def curve_reading_data(value: Any) -> dict:
    """For the self-check and, in the learner's kernel, for grading: the answers as they are and
    the learning records of the ``"history"`` item as plain lists."""
    if not isinstance(value, Mapping):
        return {"kind": "curve_reading", "not_dict": describe(value)}
    answers = {str(key): item for key, item in value.items() if key != "history"}
    records, problem = _records_of(value["history"]) if "history" in value else (None, "")
    return {"kind": "curve_reading", "keys": [str(key) for key in value], "answers": answers,
            "records": records, "problem": problem}


_READING_SHOWN = "<curve_reading의 답과 학습 기록>"
rebuild_curve_reading = _rebuilder("curve_reading", _READING_SHOWN)


def _blank(item: Any) -> bool:
    return item is None or item is Ellipsis


def verify_curve_reading(value: Any) -> str:
    data = _report(value, "curve_reading", curve_reading_data, _READING_SHOWN).data
    if "not_dict" in data:
        raise Incorrect(f"`curve_reading`은 딕셔너리(dict)여야 하는데, 지금 값은 {data['not_dict']}입니다.")
    missing = [key for key in CURVE_READING_KEYS if key not in data["keys"]]
    if missing:
        raise Incorrect(f"`curve_reading`에 {', '.join(map(repr, missing))} 항목이 없습니다. 답 셀의 세 항목을 모두 남겨 두세요.")
    extra = [key for key in data["keys"] if key not in CURVE_READING_KEYS]
    if extra:
        raise Incorrect(f"`curve_reading`에 없는 항목 {', '.join(map(repr, extra))}이(가) 있습니다. 주어진 세 항목만 채우세요.")
    answers = data["answers"]
    blanks = [key for key in ("best_val_epoch", "final_gap") if _blank(answers[key])]
    if len(blanks) == 2:
        raise NotAttempted("`curve_reading`의 `best_val_epoch`과 `final_gap`이 아직 비어 있습니다. `...`을 답으로 바꾸세요.")
    if blanks:
        raise Incorrect(f"`curve_reading`의 {repr(blanks[0])} 항목이 아직 비어 있습니다. 두 항목을 모두 채우세요.")
    records = data["records"]
    if records is None:
        raise Incorrect(data["problem"])
    loss, val_loss = records["loss"], records["val_loss"]
    epochs = len(val_loss)
    best = answers["best_val_epoch"]
    if not is_number(best) or not isinstance(best, (int, np.integer)):
        raise Incorrect(
            f"`best_val_epoch`의 값이 {describe(best)} (자료형 `{type(best).__name__}`)입니다. 에폭 번호는 정수(int)로 적으세요. {_Q8_RULE}"
        )
    lowest = int(np.argmin(val_loss)) + 1
    if int(best) != lowest:
        if int(best) == lowest - 1:
            reason = "0부터 센 번호 같습니다. 에폭은 1부터 셉니다(첫 에폭이 1)."
        elif int(best) == int(np.argmin(loss)) + 1:
            reason = "학습 손실(`loss`)이 가장 낮았던 에폭입니다. 검증 손실(`val_loss`)을 보세요."
        elif not 1 <= int(best) <= epochs:
            reason = f"여러분의 기록에는 에폭이 1부터 {epochs}까지 있습니다."
        else:
            reason = "여러분의 `history`에서 검증 손실이 가장 낮았던 에폭이 아닙니다. 그래프에서 읽거나 옮겨 적지 말고 `history`에서 계산하세요."
        raise Incorrect(f"`best_val_epoch`의 값이 {int(best)}입니다. {reason}")
    gap = answers["final_gap"]
    if not is_number(gap) or not math.isfinite(float(gap)):
        raise Incorrect(f"`final_gap`의 값이 {describe(gap)} (자료형 `{type(gap).__name__}`)입니다. 실수(float)로 적으세요. {_Q8_RULE}")
    difference = val_loss[-1] - loss[-1]
    if abs(float(gap) - difference) > FINAL_GAP_TOLERANCE + 1e-9:
        if abs(float(gap) + difference) <= FINAL_GAP_TOLERANCE + 1e-9:
            reason = "부호가 반대입니다: 학습 손실에서 검증 손실을 뺐습니다. 검증 손실 − 학습 손실입니다."
        else:
            reason = "여러분의 `history`에서 마지막 에폭의 검증 손실 − 학습 손실과 다릅니다 (마지막 값은 `[-1]`로 꺼냅니다)."
        raise Incorrect(f"`final_gap`의 값이 {describe(gap)}입니다. {reason}")
    return f"여러분의 학습 기록(에폭 {epochs}개)에서 검증 손실이 가장 낮았던 에폭과 마지막 에폭의 두 손실 차이를 맞게 읽었습니다."


q8 = CustomExercise(
    chapter=CHAPTER,
    name="q8",
    title="문제 8",
    var="curve_reading",
    points=2,
    rule=_Q8_RULE,
    hints=(
        "기록은 `history.history[\"val_loss\"]`와 `history.history[\"loss\"]`에 에폭 순서대로 들어 있습니다. "
        "그래프에서 눈으로 읽어 적지 말고 코드로 계산하세요.",
        "`np.argmin`은 가장 작은 값의 위치를 0부터 세어 돌려줍니다(같은 값이 여럿이면 첫 번째). 에폭은 1부터 세니 한 칸 차이가 납니다. "
        "리스트의 마지막 값은 `[-1]`로 꺼냅니다.",
        "`best_val_epoch`: 검증 손실 목록에 `np.argmin`을 쓰고 1을 더해 `int`로 바꿉니다. 학습 손실이 아니라 검증 손실입니다. "
        "`final_gap`: 검증 손실의 마지막 값에서 학습 손실의 마지막 값을 빼고 `round(값, 3)`으로 반올림합니다.",
    ),
    on_correct=(
        "`best_val_epoch`이 마지막 에폭보다 한참 앞이고 그 뒤로 검증 손실이 오르며 `final_gap`이 커진다면 과대적합의 신호입니다. "
        "2장 3.4절에서 자세히 다룹니다."
    ),
    verifier=verify_curve_reading,
    transfer=curve_reading_data,
    rebuild=rebuild_curve_reading,
)


# ---------------------------------------------------------------------------
# 문제 9. 확률을 클래스 이름으로 (추론)
# ---------------------------------------------------------------------------

PENGUINS_KO = ["아델리", "턱끈", "젠투"]

q9 = FunctionExercise(
    chapter=CHAPTER,
    name="q9",
    title="문제 9",
    var="to_class_names",
    points=2,
    rule=(
        "`to_class_names(probabilities, class_names)`는 모양이 (샘플 수, 클래스 수)인 확률 배열의 각 행에서 "
        "확률이 가장 큰 열을 찾아, 그 열 번호에 해당하는 `class_names`의 이름을 샘플 순서대로 담은 리스트를 돌려주어야 합니다. "
        "클래스 수와 이름은 매번 달라질 수 있고, 가장 큰 확률이 0.5보다 작을 수도 있습니다."
    ),
    hints=(
        "행 하나가 샘플 하나입니다. 행마다 '가장 큰 확률이 몇 번째 열에 있는가'를 구하면 그 번호가 예측한 클래스입니다.",
        "`np.argmax`에 축(`axis`)을 알맞게 주면 행마다 가장 큰 값의 열 번호를 한 번에 얻습니다. 축을 잘못 주면 열마다 구하니 주의하세요. "
        "가장 큰 확률이 0.5보다 작을 수도 있으니 0.5와 비교하지 마세요.",
        "열 번호들을 얻었으면 번호마다 인자로 받은 `class_names`에서 이름을 꺼내 리스트로 모으세요 (리스트 컴프리헨션). "
        "클래스 이름을 코드에 직접 적으면 다른 클래스 목록에서 틀립니다.",
    ),
    on_correct="모델이 내놓는 것은 확률이고, 확률을 답으로 바꾸는 이 단계가 추론의 마지막 한 걸음입니다.",
    graded_also="클래스 순서가 바뀐 목록, 클래스가 4개·5개인 경우 등 4가지",
    examples=(
        Example(
            (
                np.array(
                    [
                        [0.90, 0.07, 0.03],
                        [0.05, 0.15, 0.80],
                        [0.20, 0.70, 0.10],
                        [0.01, 0.01, 0.98],
                    ]
                ),
                PENGUINS_KO,
            ),
            label="펭귄 4마리의 확률, ['아델리', '턱끈', '젠투']",
        ),
        Example(
            (np.array([[0.35, 0.65], [0.9, 0.1], [0.2, 0.8]]), ["정상", "사기"]),
            why="클래스가 2개이고 이름이 달라도",
        ),
        Example(
            (
                np.array(
                    [
                        [0.15, 0.20, 0.30, 0.25, 0.10],
                        [0.40, 0.15, 0.15, 0.15, 0.15],
                    ]
                ),
                ["월", "화", "수", "목", "금"],
            ),
            why="클래스가 5개이고 가장 큰 확률이 0.5보다 작아도",
        ),
    ),
)
