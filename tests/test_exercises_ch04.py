"""Chapter 04's exercises: the notebook's solutions pass, known mistakes are caught.

Solutions are read from the answer cells of the source notebook and run here with the
context the notebook gives them (NumPy, pandas, Keras); the generic contract is in
tests/exercise_harness.py. The two model exercises must accept any model that computes the
right thing (any hidden layers, an `Activation` layer, `Reshape` instead of `Flatten`,
logits with `from_logits=True`) and reject plausible-but-wrong models.
"""

import keras
import numpy as np
import pandas as pd
import pytest

from autograder.keys import ch04 as keys
from course.checks import Status
from course.exercises import ch04
from exercise_harness import ROOT, Chapter, ExerciseContract

MODEL_EXERCISES = ["q6", "q7"]
CHAPTER = Chapter(
    "04_keras_modeling",
    ch04,
    keys,
    namespace=lambda: {"np": np, "pd": pd, "keras": keras},
    min_exercises=7,
    stub_raises=["q1", "q4", *MODEL_EXERCISES],
    ignore_float_errors=True,
)
_run = CHAPTER.run
_assert_incorrect = CHAPTER.assert_incorrect

# A complete map of valid choices: the self-check confirms the format only (it is no oracle).
CHOICE_GRADED_ONLY = "a valid, complete choice map: the self-check confirms the format, grading judges it"


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


NO_METRICS = None  # compile(...) without a metrics argument


def _model_source(name: str, *layers: str, loss: str, input_shape: str, optimizer: str = "'adam'", metrics: str | None = "['accuracy']") -> str:
    body = ",\n    ".join([f"keras.Input(shape={input_shape})", *layers])
    metrics_arg = "" if metrics is NO_METRICS else f", metrics={metrics}"
    return (
        "keras.backend.clear_session()\n"
        f"{name} = keras.Sequential([\n    {body},\n])\n"
        f"{name}.compile(optimizer={optimizer}, loss={loss}{metrics_arg})\n"
    )


def _cancer(*hidden: str, output: str = "keras.layers.Dense(1, activation='sigmoid')", loss: str = "'binary_crossentropy'", input_shape: str = "(30,)", **compile_args) -> str:
    return _model_source("cancer_model", *hidden, output, loss=loss, input_shape=input_shape, **compile_args)


def _digits(*hidden: str, output: str = "keras.layers.Dense(10, activation='softmax')", loss: str = "'sparse_categorical_crossentropy'", input_shape: str = "(8, 8)", flatten: bool = True, **compile_args) -> str:
    layers = (["keras.layers.Flatten()"] if flatten else []) + list(hidden) + [output]
    return _model_source("digits_model", *layers, loss=loss, input_shape=input_shape, **compile_args)


RELU16 = "keras.layers.Dense(16, activation='relu')"
RELU32 = "keras.layers.Dense(32, activation='relu')"

# ---------------------------------------------------------------------------
# Wrong answers: (source, None if the self-check catches it, else why only grading can)
# ---------------------------------------------------------------------------

WRONG = {
    "q1": [
        ('gate_weights = {"AND": (1, 1, 0.5), "OR": (1, 1, 1.5), "NAND": (-1, -1, -1.5)}\n', None),  # AND and OR swapped
        ('gate_weights = {"AND": (1, 1, 1.5), "OR": (1, 1, 0.5), "NAND": (1, 1, 1.5)}\n', None),  # NAND = AND
        ('gate_weights = {"AND": (1, 1, 2), "OR": (1, 1, 0.5), "NAND": (-1, -1, -1.5)}\n', None),  # theta on the boundary
        ('gate_weights = [(1, 1, 1.5), (1, 1, 0.5), (-1, -1, -1.5)]\n', None),
        ('gate_weights = {"AND": (1, 1), "OR": (1, 1, 0.5), "NAND": (-1, -1, -1.5)}\n', None),
    ],
    "q2": [
        (  # gradient ascent: moves with the slope
            "def gradient_descent(df, x0, learning_rate, tol, max_steps):\n"
            "    x = x0\n"
            "    for step in range(max_steps):\n"
            "        if abs(df(x)) < tol:\n"
            "            return x, step\n"
            "        x = x + learning_rate * df(x)\n"
            "    return x, max_steps\n",
            None,
        ),
        (  # ignores tol: always walks max_steps
            "def gradient_descent(df, x0, learning_rate, tol, max_steps):\n"
            "    x = x0\n"
            "    for step in range(max_steps):\n"
            "        x = x - learning_rate * df(x)\n"
            "    return x, max_steps\n",
            None,
        ),
        (  # checks after moving: one step too many when the start is already flat (visible example x0=3)
            "def gradient_descent(df, x0, learning_rate, tol, max_steps):\n"
            "    x = x0\n"
            "    for step in range(1, max_steps + 1):\n"
            "        x = x - learning_rate * df(x)\n"
            "        if abs(df(x)) < tol:\n"
            "            return x, step\n"
            "    return x, max_steps\n",
            None,
        ),
        (  # returns only x
            "def gradient_descent(df, x0, learning_rate, tol, max_steps):\n"
            "    x = x0\n"
            "    for step in range(max_steps):\n"
            "        if abs(df(x)) < tol:\n"
            "            return x\n"
            "        x = x - learning_rate * df(x)\n"
            "    return x\n",
            None,
        ),
        (  # counts the steps it did not take when it runs out (returns max_steps - 1)
            "def gradient_descent(df, x0, learning_rate, tol, max_steps):\n"
            "    x, step = x0, 0\n"
            "    for step in range(max_steps):\n"
            "        if abs(df(x)) < tol:\n"
            "            return x, step\n"
            "        x = x - learning_rate * df(x)\n"
            "    return x, step\n",
            None,
        ),
    ],
    "q3": [
        (  # the naive formula overflows for big scores (visible example [1000, 1001, 1002])
            "def stable_softmax(z):\n"
            "    z = np.asarray(z, dtype=float)\n"
            "    e = np.exp(z)\n"
            "    return e / e.sum(axis=-1, keepdims=True)\n",
            None,
        ),
        (  # one maximum and one sum over the whole 2-D array
            "def stable_softmax(z):\n"
            "    z = np.asarray(z, dtype=float)\n"
            "    e = np.exp(z - z.max())\n"
            "    return e / e.sum()\n",
            None,
        ),
        (  # forgets the exponential
            "def stable_softmax(z):\n"
            "    z = np.asarray(z, dtype=float)\n"
            "    return z / z.sum(axis=-1, keepdims=True)\n",
            None,
        ),
        (  # subtracts the minimum: fine for the visible scores, overflows when they spread beyond ~700
            "def stable_softmax(z):\n"
            "    z = np.asarray(z, dtype=float)\n"
            "    e = np.exp(z - z.min(axis=-1, keepdims=True))\n"
            "    return e / e.sum(axis=-1, keepdims=True)\n",
            "subtracting the minimum keeps every visible input finite (their scores spread by less than 10); "
            "only the hidden scores spread from -1000 to 1000 overflow it",
        ),
    ],
    "q4": [
        (  # sparse and categorical swapped
            'output_layer_choices = {"a": "linear + mse", "b": "sigmoid + binary_crossentropy", '
            '"c": "softmax + categorical_crossentropy", "d": "softmax + sparse_categorical_crossentropy", '
            '"e": "linear + mse", "f": "sigmoid + binary_crossentropy"}\n',
            CHOICE_GRADED_ONLY,
        ),
        ('output_layer_choices = {k: "softmax + sparse_categorical_crossentropy" for k in "abcdef"}\n', CHOICE_GRADED_ONLY),
        (
            'output_layer_choices = {"a": "relu + mse", "b": "sigmoid + binary_crossentropy", '
            '"c": "softmax + sparse_categorical_crossentropy", "d": "softmax + categorical_crossentropy", '
            '"e": "linear + mse", "f": "sigmoid + binary_crossentropy"}\n',
            None,
        ),
    ],
    "q5": [
        (  # forgets the bias
            "def count_dense_params(layer_sizes):\n"
            "    return sum(a * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))\n",
            None,
        ),
        (  # one bias per layer input instead of per neuron
            "def count_dense_params(layer_sizes):\n"
            "    return sum((a + 1) * (b + 1) for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))\n",
            None,
        ),
        (  # hard-codes the notes' answers: fails on the visible one-layer list
            "def count_dense_params(layer_sizes):\n"
            "    return {4: 145, 3: 513}[len(layer_sizes)]\n",
            None,
        ),
        (  # hard-codes the answer of every visible example
            "def count_dense_params(layer_sizes):\n"
            "    return {4: 145, 3: 513, 2: 15}[len(layer_sizes)]\n",
            "a table of the visible examples' answers passes them by construction; only other lists can catch it",
        ),
    ],
    "q6": [
        (_cancer(RELU16, loss="'mse'"), None),  # wrong loss
        (_cancer(RELU16, output="keras.layers.Dense(1, activation='relu')"), None),  # not a probability
        (_cancer(RELU16, output="keras.layers.Dense(1, activation='softmax')"), None),  # always 1
        (  # softmax with two neurons: the prompt asks for one value per sample
            _cancer(output="keras.layers.Dense(2, activation='softmax')", loss="'sparse_categorical_crossentropy'"),
            None,
        ),
        (_cancer(RELU16, input_shape="(31,)"), None),  # wrong input
        (  # built but never compiled
            "keras.backend.clear_session()\n"
            "cancer_model = keras.Sequential([keras.Input(shape=(30,)), keras.layers.Dense(1, activation='sigmoid')])\n",
            None,
        ),
        ("cancer_model = 'sigmoid + binary_crossentropy'\n", None),
        (  # a probability output with a loss that expects logits
            _cancer(RELU16, loss="keras.losses.BinaryCrossentropy(from_logits=True)"),
            None,
        ),
        (  # a logits output with a loss that expects probabilities
            _cancer(RELU16, output="keras.layers.Dense(1)"),
            None,
        ),
        # The compile step the prompt states: Adam, accuracy among the metrics.
        (_cancer(RELU16, optimizer="keras.optimizers.SGD(learning_rate=0.01)"), None),  # index 9: SGD
        (_cancer(RELU16, metrics=NO_METRICS), None),  # index 10: no metrics at all
        (_cancer(RELU16, metrics="['mae']"), None),  # index 11: a regression metric instead of accuracy
    ],
    "q7": [
        (_digits(RELU32, loss="'binary_crossentropy'"), None),  # wrong loss
        (_digits(RELU32, output="keras.layers.Dense(10, activation='sigmoid')"), None),  # rows do not sum to 1
        (_digits(RELU32, output="keras.layers.Dense(1)", loss="'mse'"), None),
        (_digits(RELU32, output="keras.layers.Dense(9, activation='softmax')"), None),
        (_digits(RELU32, flatten=False), None),  # no Flatten for (8, 8) images
        (_digits(input_shape="(8,)", flatten=False), None),
        (_digits(RELU32, loss="'categorical_crossentropy'"), None),  # one-hot loss on integer labels
        (_digits(RELU32, loss="keras.losses.SparseCategoricalCrossentropy(from_logits=True)"), None),
        (_digits(RELU32, output="keras.layers.Dense(10)"), None),  # logits with a probability loss
        (_digits(RELU32, optimizer="'sgd'"), None),  # index 9: SGD
        (_digits(RELU32, metrics="['mae']"), None),  # index 10: a regression metric instead of accuracy
        (_digits(RELU32, metrics="[keras.metrics.Accuracy()]"), None),  # index 11: exact-match accuracy, not classification
        (_digits(RELU32, optimizer="'adamw'"), None),  # index 12: AdamW is another optimizer
    ],
    "q8": [
        (  # 0-based epoch
            "def best_epoch(history):\n"
            "    records = history.history if hasattr(history, 'history') else history\n"
            "    return int(np.argmin(records['val_loss']))\n",
            None,
        ),
        (  # training loss instead of validation loss
            "def best_epoch(history):\n"
            "    records = history.history if hasattr(history, 'history') else history\n"
            "    return int(np.argmin(records['loss'])) + 1\n",
            None,
        ),
        (  # works on dicts only (visible History example)
            "def best_epoch(history):\n"
            "    return int(np.argmin(history['val_loss'])) + 1\n",
            None,
        ),
        (  # last lowest value instead of the first (visible tie example)
            "def best_epoch(history):\n"
            "    records = history.history if hasattr(history, 'history') else history\n"
            "    values = list(records['val_loss'])\n"
            "    return len(values) - values[::-1].index(min(values))\n",
            None,
        ),
    ],
}


class TestExerciseContract(ExerciseContract):
    """The checks every chapter's exercises pass (tests/exercise_harness.py), for this chapter."""

    chapter = CHAPTER
    wrong = WRONG


# Other models the prompts allow: all must pass the self-check and grading.
RIGHT_MODELS = {
    "q6": [
        _cancer(),  # no hidden layer at all
        _cancer(RELU32, "keras.layers.Dropout(0.2)", "keras.layers.Dense(8, activation='tanh')"),
        _cancer(RELU16, output="keras.layers.Dense(1)", loss="keras.losses.BinaryCrossentropy(from_logits=True)"),
        _cancer(RELU16, "keras.layers.Dense(1)", output="keras.layers.Activation('sigmoid')"),
        _cancer(RELU16, loss="keras.losses.BinaryCrossentropy()"),
        _cancer(RELU16, optimizer="keras.optimizers.Adam(learning_rate=0.01)", metrics="['acc']"),
        _cancer(RELU16, metrics="[keras.metrics.AUC(), keras.metrics.BinaryAccuracy()]"),
        _cancer(RELU16, metrics="['binary_accuracy', 'mae']"),
    ],
    "q7": [
        _digits(input_shape="(64,)", flatten=False),
        _digits("keras.layers.Dense(64)", "keras.layers.BatchNormalization()", "keras.layers.Activation('relu')", loss="keras.losses.SparseCategoricalCrossentropy()"),
        _digits("keras.layers.Reshape((64,))", RELU16, flatten=False),
        _digits(RELU16, "keras.layers.Dense(10)", output="keras.layers.Activation('softmax')"),
        _digits(RELU16, output="keras.layers.Dense(10)", loss="keras.losses.SparseCategoricalCrossentropy(from_logits=True)"),
        _digits(RELU16, optimizer="keras.optimizers.Adam(0.005)", metrics="[keras.metrics.SparseCategoricalAccuracy()]"),
        _digits(RELU16, metrics="['sparse_categorical_accuracy']"),
    ],
}
RIGHT_CASES = [(name, i) for name in RIGHT_MODELS for i in range(len(RIGHT_MODELS[name]))]


def test_importing_the_exercises_loads_no_tensorflow():
    import subprocess
    import sys

    code = "import sys, course.exercises.ch04; print('tensorflow' in sys.modules or 'keras' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("name,index", RIGHT_CASES, ids=[f"{n}-right{i}" for n, i in RIGHT_CASES])
def test_other_correct_models_pass(name, index):
    namespace = _run(RIGHT_MODELS[name][index])
    seen = CHAPTER.visible(name, namespace)
    assert seen.status is Status.CORRECT, seen
    graded = CHAPTER.graded(name, namespace)
    assert graded.status is Status.CORRECT, graded


@pytest.mark.parametrize("name", MODEL_EXERCISES)
def test_model_set_to_none_is_not_attempted(name):
    namespace = {CHAPTER.exercises[name].var: None}
    assert CHAPTER.visible(name, namespace).status is Status.NOT_ATTEMPTED
    assert CHAPTER.graded(name, namespace).status is Status.NOT_ATTEMPTED


# ---------------------------------------------------------------------------
# Messages name what was found, never the expected value or model
# ---------------------------------------------------------------------------


def _seen(name: str, index: int):
    result = CHAPTER.visible(name, _run(WRONG[name][index][0]))
    assert result.status is Status.INCORRECT, result
    return result.message


def test_model_messages_name_the_wrong_part_without_the_answer():
    mse = _seen("q6", 0)
    assert "mean_squared_error" in mse and "0.250" in mse and "binary_crossentropy" not in mse
    relu = _seen("q6", 1)
    assert "'relu'" in relu and "로짓" in relu and "sigmoid" not in relu
    constant = _seen("q6", 2)
    assert "언제나" in constant and "'softmax'" in constant
    two_units = _seen("q6", 3)
    assert "(16, 2)" in two_units and "2개" in two_units
    assert "컴파일" in _seen("q6", 5)
    from_logits = _seen("q6", 7)
    assert "from_logits" in from_logits and "이미 확률" in from_logits
    no_flatten = _seen("q7", 4)
    assert "(16, 8, 10)" in no_flatten and "Flatten" in no_flatten
    cce = _seen("q7", 6)
    assert "categorical_crossentropy" in cce and "정수" in cce and "sparse_categorical_crossentropy" not in cce
    sigmoid10 = _seen("q7", 1)
    assert "합이 1" in sigmoid10 and "'sigmoid'" in sigmoid10


def test_compile_messages_say_what_was_found():
    """The optimizer and metrics the prompts ask for are checked visibly, and the message names what was compiled."""
    sgd = _seen("q6", 9)
    assert "'SGD'" in sgd and "옵티마이저" in sgd
    no_metrics = _seen("q6", 10)
    assert "`metrics`" in no_metrics and "주지 않았습니다" in no_metrics
    mae = _seen("q6", 11)
    assert "'mae'" in mae and "정확도가 없습니다" in mae
    assert "'SGD'" in _seen("q7", 9)
    assert "'mae'" in _seen("q7", 10)
    exact = _seen("q7", 11)
    assert "'Accuracy'" in exact and "똑같은" in exact
    assert "'AdamW'" in _seen("q7", 12)


def test_compile_checks_read_the_model_as_grading_receives_it():
    """Grading judges the model loaded from a .keras file (safe mode): the optimizer and the
    compile config's metrics must read the same there as in the learner's kernel."""
    from autograder.wire import _keras_bytes, _load_keras

    for source in (_cancer(RELU16, optimizer="keras.optimizers.Adam(0.01)", metrics="[keras.metrics.BinaryAccuracy(), 'mae']"), WRONG["q6"][9][0]):
        model = _run(source)["cancer_model"]
        loaded = _load_keras(_keras_bytes(model))
        assert ch04.compiled_optimizer(loaded) == ch04.compiled_optimizer(model)
        assert ch04.compiled_metrics(loaded) == ch04.compiled_metrics(model)
    assert ch04.compiled_metrics(_run(WRONG["q6"][10][0])["cancer_model"]) == []


def test_integer_labels_rule_agrees_between_q4_and_q7():
    """Categorical cross-entropy cannot train on integer labels: the q4 key and the q7 model check agree."""
    assert keys.q4.answers["c"] == "softmax + sparse_categorical_crossentropy"  # integer labels
    assert keys.q4.answers["d"] == "softmax + categorical_crossentropy"  # one-hot labels
    assert "정수 레이블로는 계산되지 않습니다" in keys.q4.explanations["c"]
    assert "정수" in CHAPTER.graded("q7", _run(WRONG["q7"][6][0])).message


def test_gate_message_shows_the_outputs_not_the_truth_table():
    result = _assert_incorrect("q1", _run(WRONG["q1"][0][0]), visible=True)
    assert "'AND'" in result.message and "(1, 1)→1" in result.message  # theta 0.5 turns AND into OR


def test_naive_softmax_is_caught_visibly_on_big_scores():
    with np.errstate(all="ignore"):
        seen = CHAPTER.visible("q3", _run(WRONG["q3"][0][0]))
    assert seen.status is Status.INCORRECT
    assert "1000" in seen.message and "nan" in seen.message and "넘치" not in seen.message.split("(")[0]


def test_descent_checked_after_moving_is_caught_visibly_by_the_flat_start():
    seen = CHAPTER.visible("q2", _run(WRONG["q2"][2][0]))
    assert seen.status is Status.INCORRECT and "0걸음" in seen.message


def test_param_count_message_does_not_show_the_expected_count():
    result = _assert_incorrect("q5", _run(WRONG["q5"][0][0]), visible=True)
    assert "145" not in result.message and "132" in result.message


def test_choice_map_self_check_is_not_an_oracle():
    wrong = _run(WRONG["q4"][0][0])
    right = CHAPTER.solution("q4")
    assert CHAPTER.visible("q4", wrong) == CHAPTER.visible("q4", right)
    graded = CHAPTER.graded("q4", wrong)
    assert "6개 중 4개" in graded.message and "원핫" in graded.message


def test_demo_answers_include_a_model_with_the_wrong_output_or_loss():
    wrong = CHAPTER.demo_answers()["wrong"]
    assert "q6_answer" in wrong or "q7_answer" in wrong


@pytest.mark.parametrize("seed", range(12))
def test_a_relu_output_is_never_taken_for_a_probability_whatever_the_initial_weights(seed):
    """Probing the whole model alone let a ReLU output pass for some initial weights (hidden ReLUs
    feed it non-negative values); the output layer is probed on its own too."""
    import keras

    keras.utils.set_random_seed(seed)
    namespace = _run(WRONG["q6"][1][0])
    assert CHAPTER.visible("q6", namespace).status is Status.INCORRECT
    assert CHAPTER.graded("q6", namespace).status is Status.INCORRECT
