"""Chapter 06 (합성곱 신경망, CNN): what a student may see of each exercise.

The notebook imports ``q3`` … ``q6``; each test cell runs ``qN.check()`` (the visible
self-check) and, hidden, the instructor's grading key. This module holds rules, hints,
the inputs of the visible examples and public property checks only; the expected values of
the examples are sealed in ``sealed.json``.

- q3 · q4: a convolution layer's output size and parameter count by hand (one visible
  example per stated rule: 'valid', 'same', a stride with a remainder).
- q1 · q2: a 2-D cross-correlation (as Keras' ``Conv2D`` computes it, no kernel flip) and
  2×2 max pooling in NumPy (odd sizes drop the last row/column, as Keras' 'valid' does).
- q5: a CNN the learner trains, judged by what it computes: its test accuracy on the
  chapter's own test split (recomputed here by :func:`mnist_test_set`) and
  ``count_params()`` against the stated Dense baseline.
- q6: a residual block written with the Functional API, judged by computation: a model built
  from it is probed with its two kernels set to zero, identity and negated identity, which
  shows the shortcut is added, the inner ReLU sits between the convolutions and the last
  ReLU comes after the addition. Layer classes are never compared.

Keras is imported lazily, only when a model check runs.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from course.checks import (
    CustomExercise,
    Example,
    FunctionExercise,
    Incorrect,
    call_learner_function,
    describe,
)

CHAPTER = "06_cnn"

__all__ = ["CHAPTER", "q1", "q2", "q3", "q4", "q5", "q6"]


# ---------------------------------------------------------------------------
# 문제 3. 합성곱 층의 출력 크기
# ---------------------------------------------------------------------------

q3 = FunctionExercise(
    chapter=CHAPTER,
    name="q3",
    title="문제 3",
    var="conv_output_size",
    points=2,
    rule=(
        "`conv_output_size(size, kernel, stride, padding)`는 한 변의 크기 `size`인 입력에 한 변 `kernel`인 필터를 "
        "`stride` 간격으로 적용했을 때 출력의 한 변 크기(정수)를 돌려주어야 합니다. `padding=\"valid\"`(패딩 없음)이면 "
        "`(size - kernel) // stride + 1`(나머지는 버림), `padding=\"same\"`이면 커널 크기와 상관없이 `size / stride`를 "
        "올림한 값입니다(스트라이드 1이면 입력과 같은 크기)."
    ),
    hints=(
        "`padding` 값에 따라 두 갈래로 나누세요. 'valid'는 필터가 이미지 안에 완전히 들어가는 위치만 셉니다.",
        "'valid'에서는 필터의 왼쪽 끝이 0, stride, 2·stride, … 로 움직이고 `size - kernel`을 넘으면 안 됩니다. "
        "'same'에서는 올림이 필요합니다. 정수만으로 올림하려면 `-(-a // b)`를, 아니면 `math.ceil`을 쓰세요.",
        "padding이 \"same\"인 갈래에서는 size를 stride로 나눈 몫을 올림해 돌려주고, 그 밖에는 `size - kernel`을 stride로 "
        "정수 나눗셈(`//`)한 몫에 1을 더해 돌려줍니다. 두 갈래 모두 `int`를 돌려주세요.",
    ),
    on_correct="`model.summary()`의 Output Shape 열이 바로 이 계산입니다. 28×28 입력에 3×3 'valid' 합성곱을 하면 가장자리 한 줄씩이 줄어듭니다.",
    graded_also="다른 크기 · 커널 · 스트라이드 조합 4가지",
    examples=(
        Example((28, 3, 1, "valid"), why="'valid'는 필터가 완전히 들어가는 위치만"),
        Example((28, 3, 1, "same"), why="'same'에 스트라이드 1이면 입력과 같은 크기"),
        Example((28, 5, 2, "valid"), why="'valid'에서 나눗셈의 나머지는 버림"),
        Example((7, 3, 2, "same"), why="'same'에 스트라이드가 있으면 size / stride를 올림"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 4. 합성곱 층의 파라미터 수
# ---------------------------------------------------------------------------

q4 = FunctionExercise(
    chapter=CHAPTER,
    name="q4",
    title="문제 4",
    var="conv_params",
    points=2,
    rule=(
        "`conv_params(kernel_size, in_channels, filters)`는 `kernel_size × kernel_size` 크기 필터를 `filters`개 가진 "
        "`Conv2D` 층이 `in_channels`개 채널의 입력을 받을 때 학습할 파라미터 수(정수)를 돌려주어야 합니다. 필터 하나는 "
        "입력의 모든 채널에 걸쳐 있어 가중치가 `kernel_size × kernel_size × in_channels`개이고, 필터마다 편향이 하나씩 있습니다."
    ),
    hints=(
        "필터 하나의 가중치 수를 먼저 세고, 그것을 필터 수만큼 곱하세요. 편향을 잊지 마세요.",
        "컬러 이미지(채널 3)에 3×3 필터를 쓰면 필터 하나가 3×3×3개의 가중치를 가집니다. 편향은 층 전체에 하나가 아니라 필터마다 하나입니다.",
        "(필터 하나의 가중치 수 + 1) × 필터 수를 계산해 `int`로 돌려주세요. 필터 하나의 가중치 수는 세 인자 가운데 둘을 곱한 것이 아닙니다.",
    ),
    on_correct="합성곱 층의 파라미터 수는 이미지 크기와 상관이 없습니다. 같은 필터를 모든 위치에서 함께 쓰기(가중치 공유) 때문입니다.",
    graded_also="다른 커널 크기 · 채널 수 · 필터 수 조합 3가지",
    examples=(
        Example((3, 1, 8), why="흑백 이미지(채널 1)"),
        Example((3, 8, 16), why="앞 층의 필터 수가 다음 층의 입력 채널 수"),
        Example((5, 3, 4), why="컬러 이미지(채널 3)에 5×5 필터"),
    ),
)


# ---------------------------------------------------------------------------
# 문제 1. NumPy로 2차원 합성곱
# ---------------------------------------------------------------------------


def _float_2d(args: tuple, result: Any, call: str) -> np.ndarray:
    """The prompt's form: a 2-D NumPy array of numbers."""
    if not isinstance(result, np.ndarray):
        raise Incorrect(f"`{call}`의 결과가 {describe(result)}입니다. NumPy 배열(`np.ndarray`)을 돌려주세요.")
    if result.ndim != 2 or result.dtype.kind not in "iuf":
        raise Incorrect(f"`{call}`의 결과가 {describe(result)}입니다. 숫자로 된 2차원 배열을 돌려주세요.")
    return result.astype(float)


q1 = FunctionExercise(
    chapter=CHAPTER,
    name="q1",
    title="문제 1",
    var="conv2d",
    points=3,
    rule=(
        "`conv2d(image, kernel)`은 2차원 배열 `image`(H×W)에 2차원 필터 `kernel`(kh×kw)을 패딩 없이('valid'), 스트라이드 1로 "
        "적용한 2차원 NumPy 배열을 돌려주어야 합니다. 출력 모양은 `(H - kh + 1, W - kw + 1)`이고, "
        "`out[i, j] = (image[i:i+kh, j:j+kw] * kernel).sum()`입니다. 케라스 `Conv2D`처럼 커널을 뒤집지 않습니다"
        "(교차 상관, Cross-correlation). 이미지와 커널이 정사각형이 아닐 수도 있습니다."
    ),
    hints=(
        "출력의 칸 (i, j)마다 이미지에서 커널과 같은 크기의 창(window)을 잘라 커널과 원소끼리 곱해 더합니다. 먼저 출력 모양을 계산해 `np.zeros`로 만드세요.",
        "창의 왼쪽 위 모서리 (i, j)는 i가 0부터 H - kh까지, j가 0부터 W - kw까지 움직입니다. 높이와 너비는 따로 세야 정사각형이 아닌 경우도 맞습니다.",
        "커널과 이미지의 높이 · 너비를 각각 `.shape`로 따로 얻고, 출력 모양의 `np.zeros` 배열을 만든 뒤 이중 `for` 문으로 "
        "칸마다 '잘라낸 창 × 커널'의 합을 넣으세요. 커널을 `np.flip` 하지 마세요.",
    ),
    on_correct="케라스 `Conv2D`가 채널마다 하는 일이 바로 이 계산입니다. 다만 필터의 값을 사람이 정하지 않고 데이터로 배웁니다.",
    graded_also="무작위 실수 이미지와 커널, 출력이 한 칸뿐인 경우 등 3가지",
    tolerance=1e-6,
    reduce=_float_2d,
    examples=(
        Example(
            (np.arange(16).reshape(4, 4), np.array([[1, 0], [0, -1]])),
            label="4×4 이미지 0..15, 커널 [[1, 0], [0, -1]]",
            why="커널을 뒤집지 않습니다(케라스와 같은 교차 상관)",
        ),
        Example(
            (np.arange(30).reshape(5, 6) % 7, np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])),
            label="5×6 이미지, 세로 경계 소벨 필터 3×3",
            why="정사각형이 아닌 이미지: 출력은 (H - kh + 1, W - kw + 1)",
        ),
        Example(
            (np.array([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]), np.array([[1, 2, 3]])),
            label="3×4 이미지, 1×3 커널 [[1, 2, 3]]",
            why="커널이 정사각형이 아니어도",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 2. NumPy로 최대 풀링
# ---------------------------------------------------------------------------

q2 = FunctionExercise(
    chapter=CHAPTER,
    name="q2",
    title="문제 2",
    var="max_pool2d",
    points=2,
    rule=(
        "`max_pool2d(feature_map)`은 2차원 배열을 2×2 창, 스트라이드 2로 최대 풀링(Max Pooling)한 2차원 NumPy 배열을 돌려주어야 "
        "합니다. 겹치지 않는 2×2 칸마다 가장 큰 값 하나를 남기므로 출력 모양은 `(H // 2, W // 2)`이고, 높이나 너비가 홀수이면 "
        "케라스 `MaxPooling2D`('valid')처럼 남는 마지막 행이나 열은 버립니다. 값이 음수여도 최댓값입니다."
    ),
    hints=(
        "출력의 칸 (i, j)는 입력의 행 2i, 2i+1과 열 2j, 2j+1로 이루어진 2×2 창의 최댓값입니다.",
        "출력 모양은 `(H // 2, W // 2)`입니다. 홀수 크기의 남는 줄은 어떤 창에도 들어가지 않습니다. 최댓값은 `np.max`로 구하고, 0에서 시작해 비교하지 마세요(값이 모두 음수일 수 있습니다).",
        "`np.zeros((H // 2, W // 2))`를 만들고 이중 `for` 문으로 칸마다 `feature_map[2*i:2*i+2, 2*j:2*j+2]`의 최댓값을 넣으세요. "
        "반복 없이 하려면 먼저 `[:H//2*2, :W//2*2]`로 자른 뒤 `reshape(H//2, 2, W//2, 2)`하고 축 (1, 3)으로 `max`를 구해도 됩니다.",
    ),
    on_correct="풀링에는 학습할 파라미터가 없습니다. 크기를 절반으로 줄이면서 가장 강한 반응만 남겨, 조금 움직인 특성에도 덜 민감해집니다.",
    graded_also="2×2 입력, 높이만 홀수인 입력, 무작위 실수 입력 3가지",
    tolerance=1e-6,
    reduce=_float_2d,
    examples=(
        Example((np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 7, 2], [3, 2, 6, 8]]),), label="4×4 특성 맵"),
        Example(
            (np.arange(25).reshape(5, 5) % 9,),
            label="5×5 특성 맵 (np.arange(25).reshape(5, 5) % 9)",
            why="홀수 크기면 남는 마지막 행과 열은 버림",
        ),
        Example(
            (-np.arange(1, 25).reshape(4, 6),),
            label="값이 모두 음수인 4×6 특성 맵 (-1 … -24)",
            why="값이 음수여도, 정사각형이 아니어도",
        ),
    ),
)


# ---------------------------------------------------------------------------
# 문제 5. Dense보다 작고 더 정확한 CNN
# ---------------------------------------------------------------------------

TEST_SIZE = 0.2
SPLIT_SEED = 42
DENSE_BASELINE_PARAMS = 101_770  # 784 → 128 → 10 Dense model of section 1 (stated in the prompt)
TARGET_ACCURACY = 0.94


@functools.lru_cache(maxsize=1)
def mnist_test_set() -> tuple[np.ndarray, np.ndarray]:
    """The chapter's test split, exactly as the notebook makes it: MNIST sample scaled to 0..1,
    a channel axis added (28, 28, 1), then ``train_test_split(test_size=0.2, stratify=labels,
    random_state=42)``. Returns ``(X_test, y_test)``."""
    from sklearn.model_selection import train_test_split

    from course import data

    images, labels = data.load_mnist_sample()
    X = (images / 255.0).astype("float32")[..., np.newaxis]
    _, X_test, _, y_test = train_test_split(X, labels, test_size=TEST_SIZE, stratify=labels, random_state=SPLIT_SEED)
    return X_test, y_test


def accuracy_on_test_set(model, name: str) -> float:
    """Accuracy of ``argmax(model(X_test))`` on the chapter's test split (probabilities or logits)."""
    from course.model_checks import expect_finite_trained_output, probe_output

    X_test, y_test = mnist_test_set()
    outputs = [probe_output(model, name, X_test[start : start + 500]) for start in range(0, len(X_test), 500)]
    out = np.concatenate(outputs)
    if out.shape != (len(X_test), 10):
        raise Incorrect(
            f"`{name}`에 테스트 이미지 {len(X_test)}장을 넣었더니 출력 모양이 {out.shape}입니다. 숫자 0~9의 점수 10개씩, "
            f"곧 `({len(X_test)}, 10)`이 나와야 합니다."
        )
    expect_finite_trained_output(out, name)
    return float(np.mean(np.argmax(out, axis=1) == y_test))


_Q5_RULE = (
    "`cnn_model`은 `(28, 28, 1)` 모양의 이미지(0~1로 나눈 값, 채널 축 포함)를 받아 숫자 0~9의 점수 10개를 내는, 학습을 마친 "
    f"케라스 모델이어야 합니다. 조건은 둘입니다: ① 주어진 `X_test, y_test`에서 정확도가 {TARGET_ACCURACY:.2f} 이상 "
    f"(가장 큰 점수의 자리를 예측으로 봄), ② `cnn_model.count_params()`가 1절의 Dense 모델({DENSE_BASELINE_PARAMS:,}개)보다 적을 것."
)


def verify_cnn_model(value: Any) -> str:
    from course.model_checks import expect_model, input_shape

    name = "cnn_model"
    model = expect_model(value, name)
    shape = input_shape(model, name)
    if shape != (28, 28, 1):
        raise Incorrect(
            f"`{name}`의 입력 모양이 {shape}입니다. 채널 축까지 넣어 `keras.Input(shape=(28, 28, 1))`로 시작하세요. {_Q5_RULE}"
        )
    params = int(model.count_params())
    if params >= DENSE_BASELINE_PARAMS:
        raise Incorrect(
            f"`{name}`의 파라미터가 {params:,}개로, Dense 모델({DENSE_BASELINE_PARAMS:,}개)보다 적지 않습니다. "
            "필터 수나 Flatten 뒤 Dense 층의 크기를 줄이고, 풀링으로 특성 맵을 작게 만드세요."
        )
    accuracy = accuracy_on_test_set(model, name)
    if accuracy < TARGET_ACCURACY:
        raise Incorrect(
            f"`{name}`의 테스트 정확도가 {accuracy:.3f}로 {TARGET_ACCURACY:.2f}보다 낮습니다. `fit`으로 충분히 학습시켰는지, "
            f"출력층과 손실 함수가 0~9 정수 레이블에 맞는지 확인하세요. {_Q5_RULE}"
        )
    return f"파라미터 {params:,}개(Dense 모델의 {params / DENSE_BASELINE_PARAMS:.0%})로 테스트 정확도 {accuracy:.3f}를 냈습니다."


q5 = CustomExercise(
    chapter=CHAPTER,
    name="q5",
    title="문제 5",
    var="cnn_model",
    points=4,
    rule=_Q5_RULE,
    hints=(
        "3절의 CNN 구조를 따라 하세요: 입력 → (`Conv2D` → `MaxPooling2D`) 두어 번 → `Flatten` → `Dense(10, 'softmax')`. "
        "컴파일한 뒤 `fit`으로 학습까지 해야 합니다.",
        "파라미터는 대부분 `Flatten` 바로 뒤의 `Dense` 층에 있습니다. 풀링으로 특성 맵을 줄인 뒤 펼치면 적어집니다. `summary()`로 확인하세요. "
        "레이블이 0~9 정수이니 손실은 `sparse_categorical_crossentropy`입니다.",
        "입력층(모양 `(28, 28, 1)`) → 합성곱 층 → 풀링 층 → 합성곱 층 → 풀링 층 → 펼치는 층 → 출력층 순서의 `keras.Sequential` 모델을 만들고 "
        "`compile(optimizer=\"adam\", ...)` 뒤 `cnn_model.fit(X_train, y_train, epochs=5, batch_size=32, verbose=0)`으로 학습하세요. "
        "필터는 16개, 32개 정도면 충분합니다. 정확도가 모자라면 에폭을 늘려 보세요.",
    ),
    on_correct="합성곱 층은 가중치를 모든 위치에서 함께 쓰므로, 더 적은 파라미터로 더 정확한 모델을 만들 수 있습니다.",
    verifier=verify_cnn_model,
)


# ---------------------------------------------------------------------------
# 문제 6. 함수형 API로 잔차 블록 만들기
# ---------------------------------------------------------------------------

_Q6_RULE = (
    "`residual_block(x, filters)`는 채널이 `filters`개인 케라스 텐서 `x`를 받아 같은 모양의 텐서를 돌려주어야 합니다. "
    "블록 안에는 학습할 층으로 3×3 `Conv2D(filters, 3, padding=\"same\")` 두 개(편향 포함)만 있고, 계산 순서는 "
    "합성곱 → ReLU → 합성곱 → 입력 `x`를 **더하기**(`Add`, 이어 붙이기가 아님) → ReLU입니다: "
    "`출력 = ReLU(x + F(x))`, `F(x) = Conv(ReLU(Conv(x)))`."
)


def _identity_kernel(filters: int, scale: float) -> np.ndarray:
    kernel = np.zeros((3, 3, filters, filters), dtype="float32")
    kernel[1, 1] = scale * np.eye(filters, dtype="float32")
    return kernel


def residual_block_checks(function: Any, size: int, filters: int) -> None:
    """Build ``Model(x, residual_block(x, filters))`` for an input of ``size × size × filters`` and
    probe it with set kernels; raise :class:`Incorrect` naming the first rule it breaks."""
    import keras

    name = "residual_block"
    x = keras.Input(shape=(size, size, filters))
    call = f"{name}(keras.Input(shape=({size}, {size}, {filters})), {filters})"
    try:
        out = call_learner_function(name, function, x, filters)
    except Incorrect as error:
        raise Incorrect(f"{error}. {_Q6_RULE}") from None
    if not isinstance(out, (keras.KerasTensor, _Unconnected)):
        raise Incorrect(f"`{call}`의 결과가 {describe(out)}입니다. 층을 텐서에 적용한 결과(케라스 텐서)를 돌려주세요. {_Q6_RULE}")
    shape = tuple(out.shape[1:])
    if shape != (size, size, filters):
        raise Incorrect(
            f"`{call}`의 출력 모양이 {shape}입니다. 잔차 블록의 출력은 입력과 같은 모양 {(size, size, filters)}이어야 합니다"
            f"(이어 붙이면 채널 수가 늘어납니다). {_Q6_RULE}"
        )
    try:
        if isinstance(out, _Unconnected):  # graded from block_models: building the model failed there
            raise out.error
        model = keras.Model(x, out)
    except Exception as error:
        raise Incorrect(f"`{call}`의 출력으로 `keras.Model(x, 출력)`을 만들 수 없습니다 ({type(error).__name__}). 블록 안의 층이 모두 `x`에서 이어져야 합니다.") from None
    weights = model.get_weights()
    shapes = [w.shape for w in weights]
    expected_shapes = [(3, 3, filters, filters), (filters,)] * 2
    if shapes != expected_shapes:
        raise Incorrect(
            f"`{call}`로 만든 모델의 가중치 모양이 {shapes}입니다(파라미터 {model.count_params():,}개). "
            f"학습할 층은 편향이 있는 3×3 합성곱 두 개뿐이어야 합니다. {_Q6_RULE}"
        )
    rng = np.random.default_rng(size * 100 + filters)
    probe = rng.uniform(0.1, 1.0, size=(4, size, size, filters)).astype("float32")  # non-negative, like ReLU outputs
    bias = np.zeros(filters, dtype="float32")

    def run(first: float, second: float) -> np.ndarray:
        model.set_weights([_identity_kernel(filters, first), bias, _identity_kernel(filters, second), bias])
        return np.asarray(model(probe, training=False), dtype=np.float64)

    zero = run(0.0, 0.0)
    if not np.allclose(zero, probe, atol=1e-5):
        raise Incorrect(
            f"두 합성곱의 가중치를 모두 0으로 두면 F(x) = 0이라 블록은 입력을 그대로 내야 하는데, `{call}`의 출력은 입력과 다릅니다"
            f"(출력 평균 {zero.mean():.3f}, 입력 평균 {probe.mean():.3f}). 입력 `x`를 지름길(Shortcut)로 더했는지 확인하세요. {_Q6_RULE}"
        )
    inner = run(-1.0, 1.0)
    if not np.allclose(inner, probe, atol=1e-5):
        raise Incorrect(
            f"첫 합성곱이 -x, 둘째가 항등(identity)이 되게 가중치를 두면, 두 합성곱 사이의 ReLU가 음수를 0으로 만들어 블록은 입력을 그대로 내야 "
            f"하는데 `{call}`의 출력은 달랐습니다(출력 평균 {inner.mean():.3f}). 첫 합성곱 다음, 둘째 합성곱 전에 ReLU가 있는지 확인하세요. {_Q6_RULE}"
        )
    outer = run(1.0, -2.0)
    if not np.allclose(outer, 0.0, atol=1e-5):
        raise Incorrect(
            f"F(x) = -2x가 되게 가중치를 두면 x + F(x) = -x이고, 더한 **뒤의** ReLU가 이를 0으로 만들어야 하는데 `{call}`의 출력은 0이 "
            f"아니었습니다(출력 평균 {outer.mean():.3f}). 마지막 ReLU는 둘째 합성곱이 아니라 더하기 다음에 두세요. {_Q6_RULE}"
        )


VISIBLE_BLOCK_SIZES = ((8, 4), (5, 2))  # (height = width, filters) the self-check builds
GRADED_BLOCK_SIZES = (*VISIBLE_BLOCK_SIZES, (6, 8))  # grading adds the size `graded_also` names


def block_models(function: Any) -> list[dict]:
    """For grading, in the learner's kernel: what ``function`` builds at every graded size, as
    data (a Keras model, or what went wrong), so that the judge outside can probe it."""
    import keras

    built = []
    for size, filters in GRADED_BLOCK_SIZES:
        entry: dict = {"size": size, "filters": filters}
        x = keras.Input(shape=(size, size, filters))
        try:
            out = function(x, filters)
        except Exception as error:
            entry["raised"] = [type(error).__name__, str(error)[:2000]]
        else:
            if not isinstance(out, keras.KerasTensor):
                entry["returned"] = out
            else:
                try:
                    entry["model"] = keras.Model(x, out)
                except Exception as error:
                    entry["unconnected"] = [list(out.shape[1:]), type(error).__name__, str(error)[:2000]]
        built.append(entry)
    return built


class _RebuiltBlock:
    """The judge's stand-in for the learner's ``residual_block``, from :func:`block_models`."""

    __name__ = "residual_block"

    def __init__(self, built: list[dict]) -> None:
        self.built = {(entry["size"], entry["filters"]): entry for entry in built}

    def __call__(self, x: Any, filters: int) -> Any:
        entry = self.built.get((int(x.shape[1]), int(filters)))
        if entry is None:
            raise LookupError(f"no block was built for input {tuple(x.shape[1:])} and filters={filters}")
        if "raised" in entry:
            name, message = entry["raised"]
            if name == "NotImplementedError":
                raise NotImplementedError(message)
            raise type(str(name), (Exception,), {})(message)
        if "returned" in entry:
            return entry["returned"]
        if "unconnected" in entry:
            shape, name, message = entry["unconnected"]
            return _Unconnected(tuple(shape), name, message)
        return entry["model"](x)


class _Unconnected:
    """A tensor not connected to the block's input: building the model fails as it did."""

    def __init__(self, shape: tuple, name: str, message: str) -> None:
        self.shape = (None, *shape)
        self.error = type(str(name), (Exception,), {})(message)


def rebuild_block(built: Any) -> Any:
    return _RebuiltBlock(built) if isinstance(built, list) else built


def verify_residual_block(value: Any) -> str:
    if not callable(value):
        raise Incorrect(f"`residual_block`은(는) 함수여야 하는데, 지금 값은 {describe(value)}입니다. `def residual_block(x, filters):`로 정의하세요.")
    for size, filters in VISIBLE_BLOCK_SIZES:  # two filter counts: `filters` is a rule, not a constant
        residual_block_checks(value, size, filters)
    return (
        "8×8 · 필터 4개와 5×5 · 필터 2개 입력에서 출력 모양이 같고, 합성곱 두 개의 가중치를 0 · 항등 · 음의 항등으로 바꿔 넣어 보니 "
        "지름길 더하기, 가운데 ReLU, 더한 뒤의 ReLU가 모두 규칙대로 계산됩니다."
    )


q6 = CustomExercise(
    chapter=CHAPTER,
    name="q6",
    title="문제 6",
    var="residual_block",
    points=3,
    rule=_Q6_RULE,
    hints=(
        "함수형 API에서는 층을 만들고 바로 텐서에 호출합니다: `y = keras.layers.Conv2D(...)(x)`. 처음 받은 `x`를 지름길로 쓰려면 변수에 남겨 두세요.",
        "두 텐서를 더하는 층은 `keras.layers.Add()`이고 리스트로 받습니다: `keras.layers.Add()([a, b])`. 첫 합성곱에는 ReLU를 붙이고, 둘째 합성곱에는 붙이지 마세요. "
        "ReLU는 더한 다음에 한 번 더 씁니다.",
        "순서대로 쓰세요: ① `filters`개, 3×3, `padding=\"same\"`, `activation=\"relu\"`인 합성곱을 `x`에 적용 ② 같은 합성곱을 활성화 함수 없이 ① 결과에 적용 "
        "③ `Add()`로 ②와 `x`를 더함 ④ `keras.layers.ReLU()`나 `Activation(\"relu\")`를 ③에 적용해 돌려줌.",
    ),
    on_correct="F(x)가 0이기만 해도 블록은 입력을 그대로 전달합니다. 그래서 층을 더 쌓아도 최소한 얕은 모델보다 나빠지기 어렵습니다.",
    graded_also="다른 크기의 입력(6×6 · 필터 8개)",
    verifier=verify_residual_block,
    transfer=block_models,
    rebuild=rebuild_block,
)
