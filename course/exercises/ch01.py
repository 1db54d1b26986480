"""Chapter 01 (머신러닝 프로세스): the graded exercises, declared as data.

Each ``qN`` is used in the notebook as ``qN.check()`` (self-check), ``qN.hint()`` and, in
the hidden test cell, ``qN.grade()``.

Expected values are literals or are computed here from tiny literal arrays; nothing in
this module imports TensorFlow or scikit-learn.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from course.checks import (
    Case,
    ChoiceMapExercise,
    CustomExercise,
    FunctionExercise,
    Incorrect,
    call_learner_function,
    describe,
)

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7"]


# ---------------------------------------------------------------------------
# 문제 1. 통계, 머신러닝, 딥러닝 중 무엇이 알맞을까요?
# ---------------------------------------------------------------------------

q1 = ChoiceMapExercise(
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
        "수십 건의 자료로 관계 하나를 설명하거나 '우연이 아닌지' 따지는 일은 통계의 몫입니다. "
        "사진이나 녹음처럼 사람이 특성을 정하기 어려운 데이터는 딥러닝이 강합니다.",
        "남은 상황은 수천~수만 건의 표 데이터로 예측하고, 어떤 특성이 중요했는지 설명해야 하는 경우입니다. CPU만으로도 충분한 쪽을 고르세요.",
    ),
    on_correct="딥러닝이 늘 정답은 아닙니다. 데이터의 크기와 형태, 설명이 필요한지, 쓸 수 있는 장비가 도구를 정합니다.",
    choices=("통계", "머신러닝", "딥러닝"),
    answers={
        "a": "통계",
        "b": "머신러닝",
        "c": "딥러닝",
        "d": "딥러닝",
        "e": "통계",
        "f": "머신러닝",
    },
)


# ---------------------------------------------------------------------------
# 문제 2. 어떤 종류의 문제일까요?
# ---------------------------------------------------------------------------

q2 = ChoiceMapExercise(
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
        "사진 한 장에 사람과 자동차가 함께 있을 수 있고, 영화 한 편이 액션이면서 코미디일 수 있습니다. "
        "이렇게 1이 여러 개 찍히는 경우가 다중 레이블 분류입니다.",
    ),
    on_correct="문제의 종류가 정해져야 출력층, 손실 함수, 평가 지표를 고를 수 있습니다.",
    choices=("이진 분류", "다중 분류", "다중 레이블 분류", "회귀", "생성"),
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
)


# ---------------------------------------------------------------------------
# 문제 3. 지도 학습, 비지도 학습, 강화 학습
# ---------------------------------------------------------------------------

q3 = ChoiceMapExercise(
    title="문제 3",
    var="learning_types",
    points=2,
    rule=(
        "학습 데이터에 정답(레이블)이 함께 있으면 지도 학습, 정답 없이 데이터의 구조나 비슷한 것끼리의 묶음을 찾으면 "
        "비지도 학습, 에이전트가 환경에서 행동하고 그 결과로 받는 보상으로 배우면 강화 학습입니다."
    ),
    hints=(
        "상황마다 '모델에게 정답을 알려 주는가?'부터 확인하세요. 정답 대신 점수나 보상을 주는 경우도 있습니다.",
        "'스팸/정상 표시', '실제 거래 가격'처럼 데이터와 함께 기록된 답이 있으면 지도 학습입니다. "
        "'비슷한 것끼리 묶기', '차원 축소'는 정답 없이 하는 일입니다.",
        "게임 캐릭터나 바둑 AI처럼 스스로 행동한 뒤 점수(보상)를 받고, 보상이 커지는 행동을 더 자주 하도록 배우는 것이 강화 학습입니다.",
    ),
    on_correct="이 과정에서 만드는 모델은 대부분 정답이 있는 지도 학습입니다.",
    choices=("지도 학습", "비지도 학습", "강화 학습"),
    answers={
        "a": "지도 학습",
        "b": "비지도 학습",
        "c": "강화 학습",
        "d": "지도 학습",
        "e": "비지도 학습",
        "f": "강화 학습",
    },
)


# ---------------------------------------------------------------------------
# 문제 4. 이 런타임에는 GPU가 있을까요?
# ---------------------------------------------------------------------------


def _devices(*kinds: str) -> list[str]:
    """Device names as ``tf.config.list_physical_devices()`` reports them, numbered per kind."""
    seen: dict[str, int] = {}
    names = []
    for kind in kinds:
        names.append(f"/physical_device:{kind}:{seen.get(kind, 0)}")
        seen[kind] = seen.get(kind, 0) + 1
    return names


q4 = FunctionExercise(
    title="문제 4",
    var="describe_devices",
    points=2,
    rule=(
        "`describe_devices(device_names)`는 장치 이름 목록에서 종류가 GPU인 장치의 개수를 세어, 하나 이상이면 "
        "`'GPU N개'` 형식의 문자열(N은 GPU 개수)을, 하나도 없으면 `'CPU'`를 돌려주어야 합니다. "
        "CPU가 몇 개 있든, 목록의 순서가 어떻든 GPU만 세어야 합니다."
    ),
    hints=(
        "장치 이름 `'/physical_device:GPU:0'`은 `:`로 나누면 가운데 조각이 장치 종류입니다. GPU인 이름만 세어 보세요.",
        "`sum(1 for name in device_names if ':GPU:' in name)`처럼 조건에 맞는 이름의 개수를 셀 수 있습니다. "
        "CPU가 하나뿐이라고 가정하고 전체 개수에서 1을 빼면, CPU가 둘인 컴퓨터에서 틀립니다.",
        "GPU 개수를 `n_gpus`에 구한 뒤 `return f'GPU {n_gpus}개' if n_gpus > 0 else 'CPU'`처럼 돌려주세요.",
    ),
    on_correct="코랩이나 캐글에서 GPU를 켠 뒤 이 노트북의 장치 이름 목록을 넣어 보면 'GPU 1개'가 나옵니다.",
    cases=(
        Case((_devices("CPU"),), "CPU"),
        Case((_devices("CPU", "GPU"),), "GPU 1개", label="[CPU:0, GPU:0]의 장치 이름 2개"),
    ),
    hidden_cases=(
        Case((_devices("CPU", *["GPU"] * 8),), "GPU 8개", label="[CPU:0, GPU:0, …, GPU:7]의 장치 이름 9개"),
        Case(([],), "CPU"),
        Case(
            (["/physical_device:GPU:0", "/physical_device:CPU:0", "/physical_device:GPU:1", "/physical_device:CPU:1"],),
            "GPU 2개",
            label="[GPU:0, CPU:0, GPU:1, CPU:1]의 장치 이름 4개",
        ),
        Case((_devices("GPU"),), "GPU 1개"),
        Case((_devices("CPU", "CPU"),), "CPU", label="[CPU:0, CPU:1]의 장치 이름 2개"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 5. 표현할 수 있는 색의 수
# ---------------------------------------------------------------------------

q5 = FunctionExercise(
    title="문제 5",
    var="count_colors",
    points=1,
    rule=(
        "`count_colors(bits_per_channel, channels)`는 채널 하나가 `bits_per_channel`비트이고 채널이 `channels`개인 "
        "이미지가 한 픽셀에서 표현할 수 있는 서로 다른 색(값의 조합)의 개수를 정수로 돌려주어야 합니다."
    ),
    hints=(
        "1비트는 0과 1, 두 가지 값을 가집니다. 비트가 하나 늘 때마다 가짓수는 두 배가 됩니다. 8비트면 몇 가지일까요?",
        "채널 하나의 단계 수는 `2 ** bits_per_channel`입니다. 채널이 여러 개면 각 채널의 값을 따로 고를 수 있으니, 단계 수를 더하지 말고 곱하세요.",
        "`(2 ** bits_per_channel) ** channels`를 돌려주면 됩니다. RGB 3채널 8비트라면 256 × 256 × 256입니다.",
    ),
    on_correct="채널당 8비트 RGB의 색 16,777,216가지를 트루 컬러(True Color)라고 부릅니다.",
    cases=(
        Case((8, 3), 16_777_216),
        Case((8, 1), 256),
    ),
    hidden_cases=(
        Case((1, 1), 2),
        Case((1, 3), 8),
        Case((10, 3), 2**30),
        Case((16, 1), 65_536),
        Case((5, 4), 2**20),
    ),
)


# ---------------------------------------------------------------------------
# 문제 6. 컬러 이미지를 흑백 이미지로
# ---------------------------------------------------------------------------

_GRAY_WEIGHTS = np.array([0.299, 0.587, 0.114])
_GRAY_TOLERANCE = 1.0


def _palette() -> np.ndarray:
    """2×3 uint8 image: red, green, blue / white, black, mid grey."""
    return np.array(
        [
            [[255, 0, 0], [0, 255, 0], [0, 0, 255]],
            [[255, 255, 255], [0, 0, 0], [128, 128, 128]],
        ],
        dtype=np.uint8,
    )


def _random_image(height: int, width: int, seed: int, dtype=np.uint8) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, size=(height, width, 3)).astype(dtype)


def _check_grayscale(function: Any, image: np.ndarray, label: str) -> None:
    """Raise :class:`Incorrect` unless ``function(image)`` is the BT.601 grayscale (H, W, 1)."""
    name = "to_grayscale"
    call = f"{name}({label})"
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
        raise Incorrect(f"`{call}`의 결과가 {describe(result)}입니다. 숫자로 된 NumPy 배열을 돌려주어야 합니다.")
    height, width = image.shape[:2]
    if gray.shape != (height, width, 1):
        raise Incorrect(
            f"`{call}`의 결과 모양(shape)이 {gray.shape}입니다. 입력 모양이 {image.shape}이면 "
            f"결과는 채널 축 하나를 남긴 ({height}, {width}, 1)이어야 합니다."
        )
    reference = image.astype(float) @ _GRAY_WEIGHTS
    error = np.abs(gray[..., 0].astype(float) - reference)
    if not np.all(np.isfinite(error)) or error.max() > _GRAY_TOLERANCE:
        row, col = np.unravel_index(np.argmax(np.where(np.isfinite(error), error, np.inf)), error.shape)
        rgb = tuple(int(v) for v in image[row, col])
        got = float(gray[row, col, 0])
        raise Incorrect(
            f"`{call}`에서 ({row}, {col}) 픽셀의 회색 값이 {got:.6g}입니다. 이 픽셀의 (R, G, B)는 {rgb}이고, "
            "회색 값은 0.299 × R + 0.587 × G + 0.114 × B로 계산해야 합니다 (허용 오차 ±1)."
        )


def _verify_grayscale(function: Any) -> None:
    _check_grayscale(function, _palette(), "빨강·초록·파랑·흰색·검정·회색 2×3 이미지")


def _verify_grayscale_hidden(function: Any) -> None:
    _check_grayscale(function, _random_image(5, 4, seed=1), "무작위 5×4 컬러 이미지")
    _check_grayscale(function, _random_image(3, 7, seed=2, dtype=np.float32), "float32 3×7 컬러 이미지")
    _check_grayscale(function, np.array([[[10, 200, 30]]], dtype=np.uint8), "1×1 컬러 이미지")


q6 = CustomExercise(
    title="문제 6",
    var="to_grayscale",
    points=3,
    rule=(
        "`to_grayscale(image)`는 모양이 (H, W, 3)인 RGB 이미지를 받아 모양이 (H, W, 1)인 숫자 배열을 돌려주어야 합니다. "
        "각 픽셀의 값은 0.299 × R + 0.587 × G + 0.114 × B이고 (정수로 바꾸며 생기는 ±1 이내의 차이는 괜찮습니다), "
        "입력 이미지는 바꾸지 않아야 합니다."
    ),
    hints=(
        "마지막 축(채널 축)이 R, G, B입니다. `image[..., 0]`이 R 채널 전체, `image[..., 1]`이 G 채널 전체입니다.",
        "세 채널에 가중치를 곱해 더하면 (H, W) 배열이 됩니다. `image @ np.array([0.299, 0.587, 0.114])`처럼 행렬 곱으로 "
        "한 번에 계산할 수도 있습니다. 세 채널의 단순 평균과는 다른 값입니다.",
        "(H, W) 배열 `gray`를 구한 뒤 `gray[..., np.newaxis]`(또는 `np.expand_dims(gray, axis=-1)`)로 "
        "마지막에 길이 1인 채널 축을 붙여 돌려주세요.",
    ),
    on_correct="사람의 눈은 초록에 가장 민감해서 G의 가중치가 가장 큽니다. (H, W, 1) 모양은 케라스의 이미지 층이 기대하는 모양이기도 합니다.",
    verifier=_verify_grayscale,
    hidden_verifier=_verify_grayscale_hidden,
)


# ---------------------------------------------------------------------------
# 문제 7. 확률을 클래스 이름으로 (추론)
# ---------------------------------------------------------------------------

_PENGUINS_KO = ["아델리", "턱끈", "젠투"]

q7 = FunctionExercise(
    title="문제 7",
    var="to_class_names",
    points=2,
    rule=(
        "`to_class_names(probabilities, class_names)`는 모양이 (샘플 수, 클래스 수)인 확률 배열의 각 행에서 "
        "확률이 가장 큰 열을 찾아, 그 열 번호에 해당하는 `class_names`의 이름을 샘플 순서대로 담은 리스트를 돌려주어야 합니다. "
        "클래스 수와 이름은 매번 달라질 수 있습니다."
    ),
    hints=(
        "행 하나가 샘플 하나입니다. 행마다 '가장 큰 확률이 몇 번째 열에 있는가'를 구하면 그 번호가 예측한 클래스입니다.",
        "`np.argmax(probabilities, axis=1)`은 행마다 가장 큰 값의 열 번호를 돌려줍니다. `axis=0`이면 열마다 구하니 주의하세요. "
        "가장 큰 확률이 0.5보다 작을 수도 있습니다.",
        "`indices = np.argmax(probabilities, axis=1)`을 구한 뒤 `[class_names[i] for i in indices]`로 이름 리스트를 만드세요.",
    ),
    on_correct="모델이 내놓는 것은 확률이고, 확률을 답으로 바꾸는 이 단계가 추론의 마지막 한 걸음입니다.",
    cases=(
        Case(
            (
                np.array(
                    [
                        [0.90, 0.07, 0.03],
                        [0.05, 0.15, 0.80],
                        [0.20, 0.70, 0.10],
                        [0.01, 0.01, 0.98],
                    ]
                ),
                _PENGUINS_KO,
            ),
            ["아델리", "젠투", "턱끈", "젠투"],
            label="펭귄 4마리의 확률, ['아델리', '턱끈', '젠투']",
        ),
    ),
    hidden_cases=(
        Case(
            (np.array([[0.8, 0.2], [0.3, 0.7], [0.55, 0.45], [0.1, 0.9], [0.6, 0.4]]), ["정상", "사기"]),
            ["정상", "사기", "정상", "사기", "정상"],
        ),
        Case((np.array([[0.1, 0.2, 0.3, 0.4]]), ["봄", "여름", "가을", "겨울"]), ["겨울"]),
        Case(
            (
                np.array(
                    [
                        [0.40, 0.35, 0.25],
                        [0.30, 0.30, 0.40],
                        [0.25, 0.45, 0.30],
                    ]
                ),
                ["젠투", "아델리", "턱끈"],
            ),
            ["젠투", "턱끈", "아델리"],
        ),
        Case(
            (
                np.array(
                    [
                        [0.1, 0.1, 0.1, 0.1, 0.6],
                        [0.5, 0.2, 0.1, 0.1, 0.1],
                        [0.1, 0.1, 0.4, 0.3, 0.1],
                    ]
                ),
                ["0", "1", "2", "3", "4"],
            ),
            ["4", "0", "2"],
        ),
    ),
)
