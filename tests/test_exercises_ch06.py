"""Chapter 06's exercises: the notebook's solutions pass, known mistakes are caught.

Solutions are read from the answer cells of the source notebook and run here with the
context the notebook gives them (NumPy, pandas, Keras and the chapter's MNIST split); the
generic contract is in tests/exercise_harness.py. The CNN exercise (q5) trains a model, so
its solution runs once per session; its wrong answers are caught without training (too many
parameters, no channel axis, or a model that was never trained).
"""

import functools

import keras
import numpy as np
import pandas as pd
import pytest

from autograder.keys import ch06 as keys
from course.checks import Status
from course.exercises import ch06
from exercise_harness import ExerciseContract, TrainingChapter


@functools.lru_cache(maxsize=1)
def _split():
    """The notebook's split (section 1.1), computed the way the notebook computes it."""
    from sklearn.model_selection import train_test_split

    from course import data

    images, labels = data.load_mnist_sample()
    X = (images / 255.0).astype("float32")[..., np.newaxis]
    return train_test_split(X, labels, test_size=0.2, stratify=labels, random_state=42)


def _namespace() -> dict:
    X_train, X_test, y_train, y_test = _split()
    return {"np": np, "pd": pd, "keras": keras, "X_train": X_train, "X_test": X_test, "y_train": y_train, "y_test": y_test}



CHAPTER = TrainingChapter(
    "06_cnn",
    ch06,
    keys,
    namespace=_namespace,
    min_exercises=6,
    stub_raises=["q5"],
)
_run = CHAPTER.run


def _conv(body: str) -> str:
    return "def conv2d(image, kernel):\n" + body


def _pool(body: str) -> str:
    return "def max_pool2d(feature_map):\n" + body


def _size(same: str, valid: str) -> str:
    return (
        "def conv_output_size(size, kernel, stride, padding):\n"
        f"    if padding == 'same':\n        return {same}\n"
        f"    return {valid}\n"
    )


def _block(body: str) -> str:
    return "def residual_block(x, filters):\n" + body


CONV = "keras.layers.Conv2D(filters, 3, padding='same'{})"


def _cnn(*layers: str, train: bool = False, input_shape: str = "(28, 28, 1)") -> str:
    body = ",\n    ".join([f"keras.Input(shape={input_shape})", *layers])
    source = (
        "keras.backend.clear_session()\n"
        f"cnn_model = keras.Sequential([\n    {body},\n])\n"
        "cnn_model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
    )
    if train:
        source += "cnn_model.fit(X_train[:200], y_train[:200], epochs=1, verbose=0)\n"
    return source


SMALL_CNN = [
    "keras.layers.Conv2D(8, 3, activation='relu')",
    "keras.layers.MaxPooling2D()",
    "keras.layers.Flatten()",
    "keras.layers.Dense(10, activation='softmax')",
]

# ---------------------------------------------------------------------------
# Wrong answers: (source, None if the self-check catches it, else why only grading can)
# ---------------------------------------------------------------------------

_LOOP = (
    "    kh, kw = kernel.shape\n"
    "    H, W = image.shape\n"
    "    out = np.zeros((H - kh + 1, W - kw + 1))\n"
    "    for i in range(H - kh + 1):\n"
    "        for j in range(W - kw + 1):\n"
    "            out[i, j] = (image[i:i + kh, j:j + kw] * kernel).sum()\n"
    "    return out\n"
)

WRONG = {
    "q1": [
        (_conv("    kernel = np.flip(kernel)\n" + _LOOP), None),  # true convolution: flips the kernel
        (_conv(_LOOP.replace("kh, kw = kernel.shape", "kh = kw = kernel.shape[0]")), None),  # assumes a square kernel
        (_conv(_LOOP.replace("H, W = image.shape", "H = W = image.shape[0]")), None),  # assumes a square image
        (  # 'same' output: zero-pads the image first
            _conv(
                "    kh, kw = kernel.shape\n"
                "    padded = np.pad(image, ((kh // 2, kh // 2), (kw // 2, kw // 2)))\n"
                "    out = np.zeros(image.shape)\n"
                "    for i in range(image.shape[0]):\n"
                "        for j in range(image.shape[1]):\n"
                "            out[i, j] = (padded[i:i + kh, j:j + kw] * kernel).sum()\n"
                "    return out\n"
            ),
            None,
        ),
        (_conv(_LOOP.replace("return out", "return out.tolist()")), None),  # a list, not an array
    ],
    "q2": [
        (  # average pooling
            _pool(
                "    h, w = feature_map.shape[0] // 2, feature_map.shape[1] // 2\n"
                "    return feature_map[:2 * h, :2 * w].reshape(h, 2, w, 2).mean(axis=(1, 3))\n"
            ),
            None,
        ),
        (  # keeps the partial window of an odd size (ceil), as 'same' would
            _pool(
                "    H, W = feature_map.shape\n"
                "    out = np.zeros(((H + 1) // 2, (W + 1) // 2))\n"
                "    for i in range(out.shape[0]):\n"
                "        for j in range(out.shape[1]):\n"
                "            out[i, j] = feature_map[2 * i:2 * i + 2, 2 * j:2 * j + 2].max()\n"
                "    return out\n"
            ),
            None,
        ),
        (  # starts the maximum at 0: all-negative windows give 0
            _pool(
                "    H, W = feature_map.shape\n"
                "    out = np.zeros((H // 2, W // 2))\n"
                "    for i in range(H // 2):\n"
                "        for j in range(W // 2):\n"
                "            best = 0\n"
                "            for v in feature_map[2 * i:2 * i + 2, 2 * j:2 * j + 2].ravel():\n"
                "                best = max(best, v)\n"
                "            out[i, j] = best\n"
                "    return out\n"
            ),
            None,
        ),
        (  # stride 1: overlapping windows
            _pool(
                "    H, W = feature_map.shape\n"
                "    out = np.zeros((H - 1, W - 1))\n"
                "    for i in range(H - 1):\n"
                "        for j in range(W - 1):\n"
                "            out[i, j] = feature_map[i:i + 2, j:j + 2].max()\n"
                "    return out\n"
            ),
            None,
        ),
    ],
    "q3": [
        (_size("size", "(size - kernel) // stride + 1"), None),  # 'same' ignores the stride
        (_size("size // stride", "(size - kernel) // stride + 1"), None),  # 'same' rounds down
        (_size("-(-size // stride)", "(size - kernel) // stride"), None),  # 'valid' forgets the + 1
        (_size("-(-size // stride)", "-(-(size - kernel) // stride) + 1"), None),  # 'valid' rounds up
    ],
    "q4": [
        ("def conv_params(kernel_size, in_channels, filters):\n    return kernel_size * kernel_size * in_channels * filters\n", None),
        ("def conv_params(kernel_size, in_channels, filters):\n    return (kernel_size * kernel_size + 1) * filters\n", None),
        ("def conv_params(kernel_size, in_channels, filters):\n    return kernel_size * kernel_size * in_channels * filters + 1\n", None),
        ("def conv_params(kernel_size, in_channels, filters):\n    return (kernel_size * in_channels + 1) * filters\n", None),
    ],
    "q5": [
        (_cnn(*SMALL_CNN), None),  # compiled but never trained
        (  # the Dense baseline: as many parameters as the baseline
            _cnn("keras.layers.Flatten()", "keras.layers.Dense(128, activation='relu')", "keras.layers.Dense(10, activation='softmax')"),
            None,
        ),
        (  # a CNN that flattens a big feature map: more parameters than the Dense baseline
            _cnn("keras.layers.Conv2D(32, 3, activation='relu')", "keras.layers.Flatten()", "keras.layers.Dense(10, activation='softmax')"),
            None,
        ),
        (_cnn("keras.layers.Reshape((28, 28, 1))", *SMALL_CNN, input_shape="(28, 28)"), None),  # no channel axis in the input
        (_cnn(*SMALL_CNN, train=True), None),  # trained one epoch on 200 images: far below the target accuracy
    ],
    "q6": [
        (  # concatenates instead of adding
            _block(
                f"    y = {CONV.format(', activation=' + repr('relu'))}(x)\n"
                f"    y = {CONV.format('')}(y)\n"
                "    return keras.layers.Activation('relu')(keras.layers.Concatenate()([x, y]))\n"
            ),
            None,
        ),
        (  # no shortcut at all: a plain two-layer block
            _block(
                f"    y = {CONV.format(', activation=' + repr('relu'))}(x)\n"
                f"    y = {CONV.format('')}(y)\n"
                "    return keras.layers.Activation('relu')(y)\n"
            ),
            None,
        ),
        (  # no ReLU between the two convolutions
            _block(
                f"    y = {CONV.format('')}(x)\n"
                f"    y = {CONV.format('')}(y)\n"
                "    return keras.layers.Activation('relu')(keras.layers.Add()([x, y]))\n"
            ),
            None,
        ),
        (  # ReLU on the second convolution, before the addition
            _block(
                f"    y = {CONV.format(', activation=' + repr('relu'))}(x)\n"
                f"    y = {CONV.format(', activation=' + repr('relu'))}(y)\n"
                "    return keras.layers.Add()([x, y])\n"
            ),
            None,
        ),
        (  # one convolution only
            _block(
                f"    y = {CONV.format('')}(x)\n"
                "    return keras.layers.Activation('relu')(keras.layers.Add()([x, y]))\n"
            ),
            None,
        ),
        (  # returns the model's layer instead of a tensor
            _block("    return keras.layers.Add()\n"),
            None,
        ),
    ],
}


class TestExerciseContract(ExerciseContract):
    chapter = CHAPTER
    wrong = WRONG


# ---------------------------------------------------------------------------
# Chapter-specific checks
# ---------------------------------------------------------------------------


def test_the_checker_uses_the_notebooks_own_test_split():
    """q5 is judged on `mnist_test_set()`: the same rows and labels the notebook's split gives."""
    notebook = CHAPTER.notebook()
    split_cell = next(c.source for c in notebook.cells if "train_test_split(X, labels" in c.source)
    assert "test_size=0.2, stratify=labels, random_state=42" in split_cell
    assert "X[..., np.newaxis]" in split_cell and "images / 255.0" in split_cell
    X_test, y_test = ch06.mnist_test_set()
    _, expected_X, _, expected_y = _split()
    np.testing.assert_array_equal(X_test, expected_X)
    np.testing.assert_array_equal(y_test, expected_y)
    assert X_test.shape == (1000, 28, 28, 1)


def test_dense_baseline_count_stated_in_the_prompt_is_the_notebooks_dense_model():
    model = keras.Sequential([
        keras.Input(shape=(28, 28, 1)), keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"), keras.layers.Dense(10, activation="softmax"),
    ])
    assert model.count_params() == ch06.DENSE_BASELINE_PARAMS
    prompt = next(c.source for c in CHAPTER.notebook().cells if c.source.startswith("### 문제 5."))
    assert f"{ch06.DENSE_BASELINE_PARAMS:,}" in prompt and f"{ch06.TARGET_ACCURACY:.2f}" in prompt


def test_q1_reference_agrees_with_keras_conv2d():
    """The prompt says the result equals Keras' Conv2D (no kernel flip): the key agrees with Keras."""
    rng = np.random.default_rng(0)
    image, kernel = rng.normal(size=(6, 7)), rng.normal(size=(3, 2))
    layer = keras.layers.Conv2D(1, (3, 2), use_bias=False)
    layer.build((None, 6, 7, 1))
    layer.set_weights([kernel[:, :, None, None].astype("float32")])
    expected = layer(image[None, :, :, None].astype("float32")).numpy()[0, :, :, 0]
    np.testing.assert_allclose(keys._reference_conv2d(image, kernel), expected, atol=1e-5)


def test_q2_reference_agrees_with_keras_max_pooling_on_odd_sizes():
    x = np.random.default_rng(1).normal(size=(7, 5))
    expected = keras.layers.MaxPooling2D(2)(x[None, :, :, None].astype("float32")).numpy()[0, :, :, 0]
    np.testing.assert_allclose(keys._reference_pool(x), expected, atol=1e-6)


@pytest.mark.parametrize("args", [(28, 3, 1, "valid"), (28, 3, 1, "same"), (28, 5, 2, "valid"), (7, 3, 2, "same"), (224, 7, 2, "same")])
def test_q3_q4_references_agree_with_keras_layers(args):
    size, kernel, stride, padding = args
    layer = keras.layers.Conv2D(4, kernel, strides=stride, padding=padding)
    out = layer(np.zeros((1, size, size, 3), dtype="float32"))
    assert tuple(out.shape[1:3]) == (keys._reference_size(*args),) * 2
    assert layer.count_params() == keys._reference_params(kernel, 3, 4)


def test_q5_messages_name_what_was_found():
    dense = CHAPTER.visible("q5", _run(WRONG["q5"][1][0]))
    assert dense.status is Status.INCORRECT and "101,770" in dense.message and "적지 않습니다" in dense.message
    untrained = CHAPTER.visible("q5", _run(WRONG["q5"][0][0]))
    assert "테스트 정확도가 0." in untrained.message and "0.94보다 낮습니다" in untrained.message
    no_channel = CHAPTER.visible("q5", _run(WRONG["q5"][3][0]))
    assert "(28, 28)" in no_channel.message and "채널" in no_channel.message


def test_q6_messages_point_at_the_broken_rule():
    concat = CHAPTER.visible("q6", _run(WRONG["q6"][0][0]))
    assert "(8, 8, 8)" in concat.message and "이어 붙이면" in concat.message
    assert "지름길" in CHAPTER.visible("q6", _run(WRONG["q6"][1][0])).message
    assert "둘째 합성곱 전에 ReLU" in CHAPTER.visible("q6", _run(WRONG["q6"][2][0])).message
    assert "더하기 다음에" in CHAPTER.visible("q6", _run(WRONG["q6"][3][0])).message
    assert "3×3 합성곱 두 개" in CHAPTER.visible("q6", _run(WRONG["q6"][4][0])).message


def test_q6_a_block_that_hard_codes_the_filter_count_is_caught_by_the_self_check():
    """`filters` is a stated rule: the self-check builds the block with two filter counts."""
    source = _block(
        "    y = keras.layers.Conv2D(4, 3, padding='same', activation='relu')(x)\n"
        "    y = keras.layers.Conv2D(4, 3, padding='same')(y)\n"
        "    return keras.layers.Activation('relu')(keras.layers.Add()([x, y]))\n"
    )
    namespace = _run(source)
    result = CHAPTER.visible("q6", namespace)
    assert not result.passed and "(5, 5, 2)" in result.message, result.message
    assert CHAPTER.graded("q6", namespace).status is Status.INCORRECT
