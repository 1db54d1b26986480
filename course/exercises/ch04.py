"""Chapter 04 (케라스로 모델 만들기): what a student may see of each exercise.

The notebook imports ``q1`` … ``q8``; each test cell runs ``qN.check()`` (the visible
self-check) and, hidden, the instructor's grading key. This module holds
rules, hints and the inputs of the visible examples only; their expected values are sealed
in ``sealed.json``.

Function exercises run the learner's code on the chapter's own examples (the notes'
12→8→4→1 network, a bowl-shaped loss, the softmax example), chosen so that every rule the
prompt states has a visible example (large scores for the softmax, a start that is already
flat for gradient descent, a History object and a tie for ``best_epoch``). The gate table
(q1) is checked in full against the truth table printed in the prompt. The two model
exercises accept any hidden layers: :mod:`course.model_checks` probes the learner's Keras
model by what it computes (output shape and form, and whether the compiled loss fits the
labels as given); the compile step is then read from the model itself (its optimizer and
its compile config, which the ``.keras`` file that carries a model to grading keeps), so
the optimizer and the accuracy metric the prompts ask for are checked the same way in the
self-check and in grading. Keras is imported lazily, only when a model check runs, so
importing this module loads no TensorFlow.
"""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any, Mapping

import numpy as np

from course.checks import (
    ChoiceMapExercise,
    CustomExercise,
    Example,
    FunctionExercise,
    Incorrect,
    NotAttempted,
    describe,
)
from course.korean import with_particle

CHAPTER = "04_keras_modeling"

__all__ = ["CHAPTER", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]


# ---------------------------------------------------------------------------
# 문제 1. 퍼셉트론으로 논리 게이트 만들기
# ---------------------------------------------------------------------------

# The truth tables printed in the prompt: the rule itself, not an answer (any weights that
# reproduce them are correct).
TRUTH_TABLES = {
    "AND": {(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 1},
    "OR": {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 1},
    "NAND": {(0, 0): 1, (0, 1): 1, (1, 0): 1, (1, 1): 0},
}

_Q1_RULE = (
    "`gate_weights`는 \"AND\", \"OR\", \"NAND\" 세 키마다 `(w1, w2, theta)` 숫자 세 개를 담은 딕셔너리여야 합니다. "
    "퍼셉트론은 `w1*x1 + w2*x2 > theta`이면 1, 아니면 0을 냅니다. 네 입력 (0,0), (0,1), (1,0), (1,1) 모두에서 "
    "게이트의 진리표와 같은 값을 내는 가중치와 임계값이면 어떤 숫자든 정답입니다."
)


def _is_real(value: Any) -> bool:
    return (
        isinstance(value, (int, float, np.integer, np.floating))
        and not isinstance(value, (bool, np.bool_))
        and math.isfinite(float(value))
    )


def perceptron(w1: float, w2: float, theta: float, x1: int, x2: int) -> int:
    """The prompt's perceptron: 1 when the weighted sum exceeds theta, else 0."""
    return 1 if w1 * x1 + w2 * x2 > theta else 0


def _verify_gates(value: Any) -> str:
    name = "gate_weights"
    if not isinstance(value, Mapping):
        raise Incorrect(f"{with_particle(name, '은', code=True)} 딕셔너리(dict)여야 하는데, 지금 값은 {describe(value)}입니다.")
    missing = [gate for gate in TRUTH_TABLES if gate not in value]
    if missing:
        raise Incorrect(f"`{name}`에 {', '.join(map(repr, missing))} 키가 없습니다. \"AND\", \"OR\", \"NAND\"를 모두 채우세요.")
    if all(value[gate] is Ellipsis or value[gate] is None for gate in TRUTH_TABLES):
        raise NotAttempted(f"`{name}`의 값이 모두 비어 있습니다. 게이트마다 `(w1, w2, theta)`를 채워 넣으세요.")
    for gate, table in TRUTH_TABLES.items():
        weights = value[gate]
        if not isinstance(weights, (tuple, list)) or len(weights) != 3 or not all(_is_real(w) for w in weights):
            raise Incorrect(
                f"`{name}[{gate!r}]`의 값이 {describe(weights)}입니다. `(w1, w2, theta)`처럼 유한한 숫자 세 개를 튜플로 쓰세요."
            )
        w1, w2, theta = (float(w) for w in weights)
        outputs = {inputs: perceptron(w1, w2, theta, *inputs) for inputs in table}
        if outputs != table:
            shown = ", ".join(f"{inputs}→{out}" for inputs, out in outputs.items())
            raise Incorrect(
                f"`{name}[{gate!r}]` = {describe(tuple(weights))}인 퍼셉트론의 출력은 {shown}입니다. "
                f"{gate} 게이트의 진리표와 다릅니다. {_Q1_RULE}"
            )
    return "세 게이트 모두 네 입력에서 진리표와 같은 값을 냅니다."


q1 = CustomExercise(
    chapter=CHAPTER,
    name="q1",
    title="문제 1",
    var="gate_weights",
    points=2,
    rule=_Q1_RULE,
    hints=(
        "게이트마다 '1이 나와야 하는 입력'과 '0이 나와야 하는 입력'을 나누는 임계값을 찾는 문제입니다. "
        "w1 = w2 = 1로 두고 theta만 바꿔 보세요. 가중합 w1*x1 + w2*x2는 입력에 따라 0, 1, 2 가운데 하나가 됩니다.",
        "AND는 가중합이 2일 때만, OR는 가중합이 1 이상일 때 1이어야 합니다. 그러면 theta는 '0이 나와야 하는 가중합'보다 크고 "
        "'1이 나와야 하는 가중합'보다 작으면 됩니다. NAND는 AND의 반대입니다.",
        "게이트마다 네 입력의 가중합을 표로 적고, ① 1이 나와야 하는 입력들의 가중합 중 가장 작은 값과 ② 0이 나와야 하는 입력들의 "
        "가중합 중 가장 큰 값을 찾으세요. theta를 ②와 ① 사이(두 값의 가운데쯤)에 두면 그 게이트가 됩니다. "
        "NAND처럼 (0, 0)에서 1이 나와야 하면, 가중치를 음수로 두고 같은 방법으로 theta를 고르세요(부호를 모두 뒤집으면 출력도 뒤집힙니다).",
    ),
    on_correct="가중치와 임계값만 바꿨을 뿐인데 같은 퍼셉트론이 서로 다른 게이트가 되었습니다. 학습이란 이 숫자들을 데이터로 찾는 일입니다.",
    verifier=_verify_gates,
)


# ---------------------------------------------------------------------------
# 문제 2. 멈출 때를 아는 경사하강법
# ---------------------------------------------------------------------------


def slope_bowl(x):
    """기울기 of f(x) = (x - 3)**2."""
    return 2 * (x - 3)


def slope_wavy(x):
    """기울기 of f(x) = x**4 - 3*x**2 + x (두 개의 골짜기)."""
    return 4 * x**3 - 6 * x + 1


def slope_shifted(x):
    """기울기 of f(x) = 0.5 * (x + 2)**2."""
    return x + 2


_Q2_RULE = (
    "`gradient_descent(df, x0, learning_rate, tol, max_steps)`는 `(x, steps)`를 돌려주어야 합니다. `x0`에서 시작해 "
    "매번 기울기 `df(x)`를 구하고, 그 절댓값이 `tol`보다 작으면 그 자리에서 멈춥니다. 아니면 `x = x - learning_rate * df(x)`로 "
    "한 걸음 움직입니다. 걸음은 많아야 `max_steps`번이고, `steps`는 실제로 움직인 횟수입니다(시작점에서 바로 멈추면 0)."
)

q2 = FunctionExercise(
    chapter=CHAPTER,
    name="q2",
    title="문제 2",
    var="gradient_descent",
    points=3,
    rule=_Q2_RULE,
    hints=(
        "많아야 `max_steps`번 도는 반복문 안에서 매번 ① 현재 x의 기울기를 구하고 ② 그 절댓값이 `tol`보다 작으면 지금까지 움직인 횟수와 함께 멈추고 ③ 아니면 기울기의 반대 "
        "방향으로 한 걸음 움직입니다. 반복이 끝까지 돌았다면 움직인 횟수는 `max_steps`입니다.",
        "움직이는 방향에 주의하세요. 기울기가 양수면 x를 줄이고, 음수면 늘려야 내려갑니다(문제 설명의 갱신식). 멈출지는 움직이기 **전에** 확인해야 시작점이 이미 최솟값일 때 0걸음이 "
        "됩니다.",
        "x를 `x0`에서 시작하고, 0부터 세는 반복 변수를 그대로 '지금까지 움직인 횟수'로 쓰세요. 반복 안에서 기울기는 한 번만 구해 변수에 담고, 멈춤 검사(`abs`로 구한 절댓값과 "
        "`tol` 비교)와 한 걸음 갱신에 같은 값을 씁니다. 멈출 때는 현재 x와 반복 변수를, 반복을 다 돈 뒤에는 x와 `max_steps`를 돌려줍니다.",
    ),
    on_correct="학습률이 너무 크면 `max_steps`까지 가도 멈추지 못하고, 너무 작으면 멈추기까지 오래 걸립니다. 케라스의 옵티마이저도 이 한 걸음을 가중치마다 되풀이합니다.",
    graded_also="골짜기가 둘인 함수, 너무 작은 학습률, `max_steps=0` 등 다른 조건 3가지",
    tolerance=1e-5,
    examples=(
        Example((slope_bowl, 0.0, 0.1, 1e-3, 1000), label="f(x) = (x - 3)²의 기울기, x0=0, 학습률 0.1, tol=0.001, 최대 1000걸음"),
        Example(
            (slope_bowl, 3.0, 0.1, 1e-3, 50),
            label="f(x) = (x - 3)²의 기울기, x0=3, 학습률 0.1, tol=0.001, 최대 50걸음",
            why="움직이기 전에 확인: 시작점이 이미 바닥이면 0걸음",
        ),
        Example(
            (slope_bowl, 0.0, 1.1, 1e-3, 20),
            label="f(x) = (x - 3)²의 기울기, x0=0, 학습률 1.1, tol=0.001, 최대 20걸음",
            why="끝까지 멈추지 못하면 steps는 max_steps",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 3. 넘치지 않는 소프트맥스
# ---------------------------------------------------------------------------

_Q3_RULE = (
    "`stable_softmax(z)`는 `z`와 같은 모양의 NumPy 배열을 돌려주어야 합니다. 마지막 축(1차원이면 전체, 2차원이면 행마다)을 따라 "
    "`exp(z_i) / Σ exp(z_j)`를 계산하고, 값이 1000처럼 커도 `inf`나 `nan`이 나오지 않아야 합니다."
)

q3 = FunctionExercise(
    chapter=CHAPTER,
    name="q3",
    title="문제 3",
    var="stable_softmax",
    points=2,
    rule=_Q3_RULE,
    hints=(
        "`np.exp(1000)`은 `inf`가 됩니다. 소프트맥스는 모든 입력에서 같은 수를 빼도 결과가 바뀌지 않습니다. 어떤 수를 빼면 지수가 절대 넘치지 않을까요?",
        "마지막 축의 최댓값을 빼면 가장 큰 지수가 `exp(0) = 1`이 됩니다. 2차원 입력에서는 행마다 따로 계산해야 하니 최댓값과 합 모두 `axis=-1, keepdims=True`로 "
        "구하세요. `keepdims`가 있어야 빼기와 나누기가 행마다 맞춰집니다.",
        "순서대로 하세요: ① 입력을 `np.asarray`로 실수 배열로 바꿉니다(리스트도 받도록). ② 마지막 축의 최댓값을 뺀 값에 `np.exp`를 취합니다. ③ 그 지수 값들을 같은 축의 "
        "합으로 나눠 돌려줍니다. ②의 최댓값과 ③의 합은 모두 마지막 축을 따라 차원을 유지하며 구합니다.",
    ),
    on_correct="케라스의 softmax도 안에서 최댓값을 빼고 계산합니다. 출력의 합은 언제나 1이라 클래스별 확률로 읽을 수 있습니다.",
    graded_also="아주 작은 점수, 넓게 퍼진 점수, 값이 하나뿐인 배열 등 다른 입력 4가지",
    tolerance=1e-5,
    examples=(
        Example((np.array([2.0, 1.0, 0.1]),)),
        Example((np.array([1000.0, 1001.0, 1002.0]),), why="값이 1000처럼 커도 `inf`나 `nan`이 나오면 안 됩니다"),
        Example(
            (np.array([[1.0, 2.0, 3.0], [0.0, -2.0, 2.0]]),),
            label="2차원 배열 [[1, 2, 3], [0, -2, 2]]",
            why="2차원이면 행마다 합이 1",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 4. 문제에 맞는 출력층과 손실 함수
# ---------------------------------------------------------------------------

q4 = ChoiceMapExercise(
    chapter=CHAPTER,
    name="q4",
    title="문제 4",
    var="output_layer_choices",
    points=2,
    rule=(
        "예측하려는 값이 숫자 하나인지(회귀), 둘 중 하나인지(이진 분류), 여럿 중 하나인지(다중 분류) 먼저 정하세요. "
        "다중 분류라면 레이블이 정수(0, 1, 2, …)인지 원핫 벡터인지에 따라 손실 함수가 달라집니다."
    ),
    hints=(
        "표의 세 줄을 떠올리세요: 회귀는 출력을 그대로(linear), 이진 분류는 0~1 확률 하나(sigmoid), 다중 분류는 클래스별 확률(softmax).",
        "softmax를 쓰는 두 선택지는 레이블 모양으로 가릅니다. 레이블이 `3`처럼 정수 하나인지, `[0, 0, 0, 1, 0, …]`처럼 "
        "클래스 수만큼의 원핫 벡터인지 상황마다 확인하세요.",
        "상황마다 ① 정답이 연속적인 숫자인지, 둘 중 하나인지, 여럿 중 하나인지 정해 세 줄 가운데 하나를 고르고, ② 다중 분류라면 "
        "3.2절 표에서 '레이블이 정수'인 줄과 '레이블이 원핫 벡터'인 줄 가운데 그 상황의 레이블 모양에 맞는 줄의 손실 함수를 고르세요.",
    ),
    on_correct="출력층과 손실 함수는 짝으로 움직입니다. 모델을 만들 때마다 이 표부터 확인하세요.",
    choices=(
        "linear + mse",
        "sigmoid + binary_crossentropy",
        "softmax + sparse_categorical_crossentropy",
        "softmax + categorical_crossentropy",
    ),
    keys=("a", "b", "c", "d", "e", "f"),
)


# ---------------------------------------------------------------------------
# 문제 5. Dense 층의 파라미터 수 세기
# ---------------------------------------------------------------------------

q5 = FunctionExercise(
    chapter=CHAPTER,
    name="q5",
    title="문제 5",
    var="count_dense_params",
    points=2,
    rule=(
        "`count_dense_params(layer_sizes)`는 입력 크기부터 출력 뉴런 수까지 적은 목록(예: `[12, 8, 4, 1]`)을 받아, 이 크기의 "
        "Dense 층들을 이었을 때 학습할 파라미터 수(정수)를 돌려주어야 합니다. 층마다 (들어오는 값의 수 + 1) × 뉴런 수이고, "
        "+1은 뉴런마다 하나씩 있는 편향입니다."
    ),
    hints=(
        "목록의 이웃한 두 수가 층 하나입니다. `[12, 8, 4, 1]`이면 12→8, 8→4, 4→1 세 층이지요. 층마다 가중치와 편향을 세어 더하세요.",
        "12→8 층에는 가중치가 12 × 8개, 편향이 뉴런마다 하나씩 8개 있습니다. 이웃한 두 수를 짝지으려면 목록과 '한 칸 밀린' 목록을 "
        "`zip`으로 묶으세요.",
        "`zip`에 마지막 원소를 뺀 목록(들어오는 값의 수)과 첫 원소를 뺀 목록(뉴런 수)을 넘기면 층마다 짝을 얻습니다. 짝마다 (들어오는 값의 수 + 1) × 뉴런 수를 계산해 "
        "`sum`으로 모두 더하세요. `for` 문으로 하나씩 누적해도 됩니다.",
    ),
    on_correct="`model.summary()`의 Param # 열과 `model.count_params()`가 바로 이 계산입니다.",
    graded_also="층 수와 크기가 다른 목록 4가지",
    examples=(
        Example(([12, 8, 4, 1],), label="[12, 8, 4, 1] (강의 노트의 모델)"),
        Example(([30, 16, 1],), why="층마다 편향은 뉴런 수만큼"),
        Example(([4, 3],), why="층이 하나뿐인 목록도"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 6 · 7. 케라스 모델 만들고 컴파일하기
# ---------------------------------------------------------------------------

PROBE_COUNT = 16


def binary_labels(count: int = PROBE_COUNT) -> np.ndarray:
    """Labels as the cancer data gives them: 0/1 integers, one per sample."""
    return np.arange(count) % 2


def digit_labels(count: int = PROBE_COUNT) -> np.ndarray:
    """Labels as the digits data gives them: integer class ids 0..9, one per sample."""
    return np.arange(count) % 10


# The compile step the prompts ask for, besides the loss: the Adam optimizer (any learning
# rate) and accuracy among the metrics. Both are read from the compiled model: its optimizer
# object and its compile config, which survive the ``.keras`` file that carries the model to
# grading. Accepted accuracy metrics: the strings Keras resolves to the accuracy that fits
# the model's output and labels ("accuracy", "acc"), and that accuracy named explicitly, as
# a string, function or metric object.
ACCEPTED_OPTIMIZER = "Adam"
_ACCURACY = {
    "binary": ("accuracy", "acc", "binary_accuracy", "BinaryAccuracy"),
    "multiclass": ("accuracy", "acc", "sparse_categorical_accuracy", "SparseCategoricalAccuracy"),
}
# keras.metrics.Accuracy counts predictions exactly equal to the label: never a probability.
_EXACT_ACCURACY = ("Accuracy",)
_OPTIMIZER_RULE = "옵티마이저는 Adam(`\"adam\"`, 또는 학습률을 정한 `keras.optimizers.Adam(...)`)이어야 합니다."
_METRICS_RULE = {
    "binary": (
        "`metrics` 목록에 정확도(`\"accuracy\"`, `\"acc\"`, `\"binary_accuracy\"` 또는 `keras.metrics.BinaryAccuracy()`)가 "
        "있어야 합니다(다른 지표를 함께 넣어도 됩니다)."
    ),
    "multiclass": (
        "`metrics` 목록에 정확도(`\"accuracy\"`, `\"acc\"`, `\"sparse_categorical_accuracy\"` 또는 "
        "`keras.metrics.SparseCategoricalAccuracy()`)가 있어야 합니다(다른 지표를 함께 넣어도 됩니다)."
    ),
}
_COMPILE_RULE = {problem: f"컴파일할 때 {_OPTIMIZER_RULE} 또 {rule}" for problem, rule in _METRICS_RULE.items()}


def compiled_optimizer(model) -> str | None:
    """Class name of the optimizer the model was compiled with ('Adam', 'SGD' …); None before compile."""
    optimizer = getattr(model, "optimizer", None)
    return None if optimizer is None else type(optimizer).__name__


def compiled_metrics(model) -> list[str]:
    """Names of the metrics given to ``compile(metrics=...)``, read from the compile config:
    strings as written, metric objects by class name, metric functions by function name."""
    try:
        config = model.get_compile_config() or {}
    except Exception:
        config = {}
    names: list[str] = []

    def walk(item: Any) -> None:
        if item is None:
            return
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, Mapping) and "class_name" in item:  # a serialised metric
            shown = item.get("config") if item.get("class_name") == "function" else item.get("class_name")
            names.append(str(shown))
        elif isinstance(item, Mapping):  # metrics per output
            for inner in item.values():
                walk(inner)
        elif isinstance(item, (list, tuple)):
            for inner in item:
                walk(inner)
        else:
            names.append(getattr(item, "__name__", type(item).__name__))

    walk(config.get("metrics"))
    return names


def expect_compiled_as_asked(model, name: str, problem: str) -> None:
    """The optimizer is Adam and accuracy is among the metrics; Incorrect says what was found."""
    found = compiled_optimizer(model)
    if found is None:
        raise Incorrect(f"`{name}`의 옵티마이저가 정해지지 않았습니다. `compile(optimizer=...)`로 주세요. {_OPTIMIZER_RULE}")
    if found != ACCEPTED_OPTIMIZER:
        raise Incorrect(f"{with_particle(name, '을', code=True)} 컴파일할 때 준 옵티마이저가 '{found}'입니다. {_OPTIMIZER_RULE}")
    rule = _METRICS_RULE[problem]
    metrics = compiled_metrics(model)
    if any(metric in _ACCURACY[problem] for metric in metrics):
        return
    if not metrics:
        raise Incorrect(f"{with_particle(name, '을', code=True)} 컴파일할 때 지표(`metrics`)를 주지 않았습니다. {rule}")
    shown = ", ".join(f"'{metric}'" for metric in metrics)
    note = ""
    if any(metric in _EXACT_ACCURACY for metric in metrics):
        note = (
            " `keras.metrics.Accuracy`는 예측값이 레이블과 **똑같은** 비율을 재서, 확률이나 로짓을 내는 모델에서는 "
            "거의 언제나 0입니다."
        )
    raise Incorrect(
        f"{with_particle(name, '을', code=True)} 컴파일할 때 준 지표(`metrics`)는 {shown}이고, 이 문제에 맞는 정확도가 없습니다.{note} {rule}"
    )


_Q6_RULE = (
    "`cancer_model`은 특성 30개를 받는(`keras.Input(shape=(30,))`) 컴파일된 케라스 모델이어야 합니다. 이진 분류이므로 "
    "샘플마다 값 하나(출력 모양 `(샘플 수, 1)`)를 내야 하고, 출력층의 활성화 함수와 손실 함수는 0/1 레이블의 이진 분류에 "
    "맞아야 합니다(확률을 내거나, 로짓을 내고 손실에 `from_logits=True`). 은닉층은 자유입니다. " + _COMPILE_RULE["binary"]
)


def verify_cancer_model(value: Any) -> str:
    from course.model_checks import expect_classifier, expect_model, input_shape

    model = expect_model(value, "cancer_model")
    shape = input_shape(model, "cancer_model")
    if shape != (30,):
        raise Incorrect(f"`cancer_model`의 입력 모양이 {shape}입니다. 유방암 데이터의 특성 수에 맞춰 입력층을 만드세요.")
    form = expect_classifier(
        model, "cancer_model", problem="binary", labels=binary_labels(), labels_text="0/1 정수 레이블"
    )
    expect_compiled_as_asked(model, "cancer_model", "binary")
    what = "양성(Positive, 1)일 확률" if form == "probability" else "로짓"
    return (
        f"입력 {PROBE_COUNT}개(큰 값 포함)에 대한 출력이 샘플마다 {what} 하나이고, "
        "컴파일한 손실 함수가 0/1 레이블과 그 출력으로 알맞게 계산되며, 옵티마이저는 Adam이고 지표에 정확도가 있습니다."
    )


q6 = CustomExercise(
    chapter=CHAPTER,
    name="q6",
    title="문제 6",
    var="cancer_model",
    points=3,
    rule=_Q6_RULE,
    hints=(
        "노트의 이진 분류 템플릿을 떠올리세요: 입력층 → (은닉층 몇 개) → 출력층. 입력 크기는 특성 수, 출력층은 '양성(Positive, 1)일 확률' 하나입니다.",
        "출력층의 뉴런 수, 활성화 함수, 손실 함수는 3.2절 '문제에 맞는 출력층과 손실 함수' 표의 이진 분류 행에 있습니다. "
        "모델을 만든 뒤 `cancer_model.compile(...)`까지 실행해야 채점할 수 있습니다.",
        "4.2절의 당뇨병 회귀 모델(`diab_model`) 셀을 본보기로 삼아 같은 순서로 만드세요: `keras.Sequential([입력층, 은닉층, 출력층])` → "
        "`compile(optimizer=..., loss=..., metrics=[...])`. 그 셀에서 바꿀 곳은 네 군데입니다. ① 입력층 크기: 당뇨병 특성 10개 대신 "
        "이 데이터의 특성 수. ② 출력층: 활성화 함수 없는 회귀 출력 대신, 3.2절 표의 이진 분류 행에 있는 활성화 함수를 준 뉴런 1개. "
        "③ 손실 함수: `\"mse\"` 대신 같은 행의 손실 함수. ④ 지표: 회귀의 `\"mae\"` 대신 정확도. 옵티마이저는 그 셀처럼 Adam이면 되고, "
        "학습률(0.05)은 정하지 않고 기본값으로 두어도 됩니다. 은닉층은 그대로 써도 됩니다.",
    ),
    on_correct="sigmoid 출력은 확률이므로, 예측할 때 `np.where(pred >= 0.5, 1, 0)`으로 0/1을 정합니다.",
    graded_also="유방암 데이터 64행으로 한 에폭 학습이 되는지",
    verifier=verify_cancer_model,
)


_Q7_RULE = (
    "`digits_model`은 8×8 숫자 이미지를 받는(`keras.Input(shape=(8, 8))` 다음 `Flatten`, 또는 펼친 64개를 받는 "
    "`keras.Input(shape=(64,))`) 컴파일된 케라스 모델이어야 합니다. 0~9 열 가지 숫자를 고르는 다중 분류이므로 "
    "이미지마다 클래스 수만큼의 값(출력 모양 `(샘플 수, 10)`)을 내야 하고, 출력층의 활성화 함수와 손실 함수는 "
    "레이블이 0~9 **정수**인 다중 분류에 맞아야 합니다(합이 1인 확률을 내거나, 로짓을 내고 손실에 `from_logits=True`). "
    "은닉층은 자유입니다. " + _COMPILE_RULE["multiclass"]
)


def verify_digits_model(value: Any) -> str:
    from course.model_checks import expect_classifier, expect_model, input_shape

    model = expect_model(value, "digits_model")
    shape = input_shape(model, "digits_model")
    if int(np.prod(shape)) != 64:
        raise Incorrect(f"`digits_model`의 입력 모양이 {shape}입니다. 8×8 이미지, 곧 (8, 8) 또는 펼친 (64,)를 받아야 합니다.")
    form = expect_classifier(
        model,
        "digits_model",
        problem="multiclass",
        classes=10,
        labels=digit_labels(),
        labels_text="0~9 정수 레이블",
    )
    expect_compiled_as_asked(model, "digits_model", "multiclass")
    what = "합이 1인 클래스별 확률" if form == "probability" else "클래스별 로짓"
    return (
        f"이미지 {PROBE_COUNT}장(큰 값 포함)에 대한 출력이 이미지마다 {what} 10개이고, "
        "컴파일한 손실 함수가 0~9 정수 레이블과 그 출력으로 알맞게 계산되며, 옵티마이저는 Adam이고 지표에 정확도가 있습니다."
    )


q7 = CustomExercise(
    chapter=CHAPTER,
    name="q7",
    title="문제 7",
    var="digits_model",
    points=3,
    rule=_Q7_RULE,
    hints=(
        "입력은 8×8 이미지입니다. Dense 층은 한 줄로 된 입력을 받으니 `keras.layers.Flatten()`으로 펼치세요. 출력층은 숫자 0~9의 확률 열 개입니다.",
        "출력층의 뉴런 수와 활성화 함수, 손실 함수는 3.2절 표의 다중 분류 행을 보세요. 이 데이터의 레이블은 0~9 정수입니다. "
        "정수 레이블과 원핫 레이블은 손실 함수가 다릅니다.",
        "5절의 이진 분류 모델과 같은 순서로 만들되, 맨 앞에 `keras.Input(shape=(8, 8))`과 `keras.layers.Flatten()`을 두어 "
        "이미지를 한 줄로 펼치세요. 그 뒤에 은닉층과 출력층을 쌓고 `compile(...)`까지 실행합니다.",
    ),
    on_correct="softmax 출력에서 가장 큰 확률의 자리(`argmax`)가 예측한 숫자입니다.",
    graded_also="손글씨 숫자 96장으로 한 에폭 학습이 되는지",
    verifier=verify_digits_model,
)


# ---------------------------------------------------------------------------
# 문제 8. 검증 손실이 가장 낮았던 에폭
# ---------------------------------------------------------------------------


def history_object(**records) -> SimpleNamespace:
    """An object shaped like keras.callbacks.History: its ``.history`` is the dict."""
    return SimpleNamespace(history={key: list(values) for key, values in records.items()})


q8 = FunctionExercise(
    chapter=CHAPTER,
    name="q8",
    title="문제 8",
    var="best_epoch",
    points=2,
    rule=(
        "`best_epoch(history)`는 `model.fit`이 돌려준 History 객체(또는 그 `.history` 딕셔너리)를 받아, 검증 손실(`val_loss`)이 "
        "가장 낮았던 에폭 번호를 정수로 돌려주어야 합니다. 에폭 번호는 1부터 세고, 가장 낮은 값이 여러 번 나오면 가장 먼저 나온 에폭입니다."
    ),
    hints=(
        "History 객체라면 기록은 `history.history`에 딕셔너리로 들어 있습니다. 딕셔너리가 바로 들어올 수도 있으니 "
        "`hasattr(history, \"history\")`로 구분하세요. 학습 손실(`loss`)이 아니라 검증 손실(`val_loss`)을 봅니다.",
        "`np.argmin`은 가장 작은 값의 위치를 0부터 세어 돌려주고, 같은 값이 여럿이면 첫 번째를 고릅니다. 에폭은 1부터 세니 1을 더하세요.",
        "두 단계입니다. ① 들어온 값에 `history` 속성이 있으면 그 속성(딕셔너리)을, 없으면 들어온 값 자체를 기록으로 씁니다. ② 그 기록의 `\"val_loss\"` 목록에서 "
        "`np.argmin`으로 가장 작은 값의 위치를 찾고, 에폭 번호가 되도록 1을 더한 뒤 파이썬 `int`로 바꿔 돌려주세요.",
    ),
    on_correct="조기 종료(EarlyStopping)에 `restore_best_weights=True`를 주면 케라스가 바로 이 에폭의 가중치로 되돌려 줍니다.",
    graded_also="에폭이 하나뿐이거나 검증 손실이 끝까지 내려가는 기록 등 3가지",
    examples=(
        Example(
            ({"loss": [0.9, 0.6, 0.45, 0.38, 0.33], "val_loss": [0.95, 0.7, 0.62, 0.66, 0.74]},),
            label="에폭 5개의 history 딕셔너리",
        ),
        Example(
            (history_object(loss=[1.2, 0.8, 0.5, 0.3, 0.2, 0.1], val_loss=[1.3, 0.9, 0.7, 0.75, 0.9, 1.1], accuracy=[0.5] * 6),),
            label="model.fit이 돌려준 History 객체 (에폭 6개)",
            why="History 객체가 들어와도",
        ),
        Example(
            ({"loss": [0.5, 0.4, 0.3, 0.2], "val_loss": [0.6, 0.45, 0.45, 0.5]},),
            label="가장 낮은 검증 손실 0.45가 두 번 나오는 history",
            why="가장 낮은 값이 여러 번이면 가장 먼저 나온 에폭",
        ),
    ),
)
