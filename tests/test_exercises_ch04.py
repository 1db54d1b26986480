"""Chapter 04's exercises accept the notebook's own solutions and reject known mistakes.

Solutions are read from the answer cells of the source notebook and run here with the
context the notebook gives them (NumPy, pandas, Keras). Every wrong answer must be
INCORRECT with a message that names what was found but never the expected value, and never
a traceback. The two model exercises must accept any correct architecture the prompt allows
and reject plausible-but-wrong models (wrong output activation, wrong loss, wrong input).
"""

import keras
import numpy as np
import pandas as pd
import pytest

from course.checks import Status
from course.exercises import ch04
from exercise_harness import ROOT, Chapter, ExerciseContract, no_expected_value_outside_call_and_rule

MODEL_EXERCISES = ["q6", "q7"]
CHAPTER = Chapter(
    "04_keras_modeling",
    ch04,
    function_exercises=["q2", "q3", "q5", "q8"],
    dict_exercises=["q1", "q4"],
    namespace=lambda: {"np": np, "pd": pd, "keras": keras},
    leak_check=no_expected_value_outside_call_and_rule,
    min_exercises=7,
    stub_raises=["q1", "q4", *MODEL_EXERCISES],
    dict_keys={"q1": ("AND", "OR", "NAND")},  # the gate table declares no `answers`
    ignore_float_errors=True,
)
EXERCISES = CHAPTER.exercises
DICT_EXERCISES = CHAPTER.dict_exercises
_run = CHAPTER.run
_assert_incorrect = CHAPTER.assert_incorrect


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _model_source(*hidden: str, output: str, loss: str, input_shape: str = "(30,)", flatten: bool = False) -> str:
    layers = [f"keras.Input(shape={input_shape})"] + (["keras.layers.Flatten()"] if flatten else []) + list(hidden) + [output]
    body = ",\n    ".join(layers)
    return (
        "keras.backend.clear_session()\n"
        f"model = keras.Sequential([\n    {body},\n])\n"
        f"model.compile(optimizer='adam', loss={loss}, metrics=['accuracy'])\n"
    )


def _cancer(*hidden: str, output: str = "keras.layers.Dense(1, activation='sigmoid')", loss: str = "'binary_crossentropy'", input_shape: str = "(30,)") -> str:
    return _model_source(*hidden, output=output, loss=loss, input_shape=input_shape).replace("model", "cancer_model")


def _digits(*hidden: str, output: str = "keras.layers.Dense(10, activation='softmax')", loss: str = "'sparse_categorical_crossentropy'", input_shape: str = "(8, 8)", flatten: bool = True) -> str:
    return _model_source(*hidden, output=output, loss=loss, input_shape=input_shape, flatten=flatten).replace("model", "digits_model")


# ---------------------------------------------------------------------------
# Wrong answers: (source, caught by the visible self-check too?)
# ---------------------------------------------------------------------------

WRONG = {
    "q1": [
        ('gate_weights = {"AND": (1, 1, 0.5), "OR": (1, 1, 1.5), "NAND": (-1, -1, -1.5)}\n', True),  # AND and OR swapped
        ('gate_weights = {"AND": (1, 1, 1.5), "OR": (1, 1, 0.5), "NAND": (1, 1, 1.5)}\n', True),  # NAND = AND
        ('gate_weights = {"AND": (1, 1, 2), "OR": (1, 1, 0.5), "NAND": (-1, -1, -1.5)}\n', True),  # theta on the boundary
        ('gate_weights = [(1, 1, 1.5), (1, 1, 0.5), (-1, -1, -1.5)]\n', True),
        ('gate_weights = {"AND": (1, 1), "OR": (1, 1, 0.5), "NAND": (-1, -1, -1.5)}\n', True),
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
            True,
        ),
        (  # ignores tol: always walks max_steps
            "def gradient_descent(df, x0, learning_rate, tol, max_steps):\n"
            "    x = x0\n"
            "    for step in range(max_steps):\n"
            "        x = x - learning_rate * df(x)\n"
            "    return x, max_steps\n",
            True,
        ),
        (  # checks after moving: one step too many when the start is already flat
            "def gradient_descent(df, x0, learning_rate, tol, max_steps):\n"
            "    x = x0\n"
            "    for step in range(1, max_steps + 1):\n"
            "        x = x - learning_rate * df(x)\n"
            "        if abs(df(x)) < tol:\n"
            "            return x, step\n"
            "    return x, max_steps\n",
            False,
        ),
        (  # returns only x
            "def gradient_descent(df, x0, learning_rate, tol, max_steps):\n"
            "    x = x0\n"
            "    for step in range(max_steps):\n"
            "        if abs(df(x)) < tol:\n"
            "            return x\n"
            "        x = x - learning_rate * df(x)\n"
            "    return x\n",
            True,
        ),
    ],
    "q3": [
        (  # the naive formula overflows for big scores
            "def stable_softmax(z):\n"
            "    z = np.asarray(z, dtype=float)\n"
            "    e = np.exp(z)\n"
            "    return e / e.sum(axis=-1, keepdims=True)\n",
            False,
        ),
        (  # one maximum and one sum over the whole 2-D array
            "def stable_softmax(z):\n"
            "    z = np.asarray(z, dtype=float)\n"
            "    e = np.exp(z - z.max())\n"
            "    return e / e.sum()\n",
            False,
        ),
        (  # forgets the exponential
            "def stable_softmax(z):\n"
            "    z = np.asarray(z, dtype=float)\n"
            "    return z / z.sum(axis=-1, keepdims=True)\n",
            True,
        ),
    ],
    "q4": [
        (  # sparse and categorical swapped
            'output_layer_choices = {"a": "linear + mse", "b": "sigmoid + binary_crossentropy", '
            '"c": "softmax + categorical_crossentropy", "d": "softmax + sparse_categorical_crossentropy", '
            '"e": "linear + mse", "f": "sigmoid + binary_crossentropy"}\n',
            True,
        ),
        ('output_layer_choices = {k: "softmax + sparse_categorical_crossentropy" for k in "abcdef"}\n', True),
        (
            'output_layer_choices = {"a": "relu + mse", "b": "sigmoid + binary_crossentropy", '
            '"c": "softmax + sparse_categorical_crossentropy", "d": "softmax + categorical_crossentropy", '
            '"e": "linear + mse", "f": "sigmoid + binary_crossentropy"}\n',
            True,
        ),
    ],
    "q5": [
        (  # forgets the bias
            "def count_dense_params(layer_sizes):\n"
            "    return sum(a * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))\n",
            True,
        ),
        (  # one bias per layer input instead of per neuron
            "def count_dense_params(layer_sizes):\n"
            "    return sum((a + 1) * (b + 1) for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))\n",
            True,
        ),
        (  # hard-codes the notes' answer
            "def count_dense_params(layer_sizes):\n"
            "    return {4: 145, 3: 513}[len(layer_sizes)]\n",
            False,
        ),
    ],
    "q6": [
        (_cancer("keras.layers.Dense(16, activation='relu')", loss="'mse'"), True),  # wrong loss
        (_cancer("keras.layers.Dense(16, activation='relu')", output="keras.layers.Dense(1, activation='relu')"), True),
        (_cancer("keras.layers.Dense(16, activation='relu')", output="keras.layers.Dense(1, activation='softmax')"), True),
        (  # softmax with two neurons: the prompt asks for one probability
            _cancer(output="keras.layers.Dense(2, activation='softmax')", loss="'sparse_categorical_crossentropy'"),
            True,
        ),
        (_cancer("keras.layers.Dense(16, activation='relu')", input_shape="(31,)"), True),  # wrong input
        (  # built but never compiled
            "keras.backend.clear_session()\n"
            "cancer_model = keras.Sequential([keras.Input(shape=(30,)), keras.layers.Dense(1, activation='sigmoid')])\n",
            True,
        ),
        ("cancer_model = 'sigmoid + binary_crossentropy'\n", True),
    ],
    "q7": [
        (_digits("keras.layers.Dense(32, activation='relu')", loss="'binary_crossentropy'"), True),  # wrong loss
        (_digits("keras.layers.Dense(32, activation='relu')", output="keras.layers.Dense(10, activation='sigmoid')"), True),
        (_digits("keras.layers.Dense(32, activation='relu')", output="keras.layers.Dense(1)", loss="'mse'"), True),
        (_digits("keras.layers.Dense(32, activation='relu')", output="keras.layers.Dense(9, activation='softmax')"), True),
        (_digits("keras.layers.Dense(32, activation='relu')", flatten=False), True),  # no Flatten for (8, 8) images
        (_digits(input_shape="(8,)", flatten=False), True),
    ],
    "q8": [
        (  # 0-based epoch
            "def best_epoch(history):\n"
            "    records = history.history if hasattr(history, 'history') else history\n"
            "    return int(np.argmin(records['val_loss']))\n",
            True,
        ),
        (  # training loss instead of validation loss
            "def best_epoch(history):\n"
            "    records = history.history if hasattr(history, 'history') else history\n"
            "    return int(np.argmin(records['loss'])) + 1\n",
            True,
        ),
        (  # works on dicts only
            "def best_epoch(history):\n"
            "    return int(np.argmin(history['val_loss'])) + 1\n",
            False,
        ),
        (  # last lowest value instead of the first
            "def best_epoch(history):\n"
            "    records = history.history if hasattr(history, 'history') else history\n"
            "    values = list(records['val_loss'])\n"
            "    return len(values) - values[::-1].index(min(values))\n",
            False,
        ),
    ],
}


class TestExerciseContract(ExerciseContract):
    """The checks every chapter's exercises pass (tests/exercise_harness.py), for this chapter."""

    chapter = CHAPTER
    wrong = WRONG

# Other architectures the prompts allow: all must pass, hidden checks included.
RIGHT_MODELS = {
    "q6": [
        _cancer(),  # no hidden layer at all
        _cancer("keras.layers.Dense(32, activation='relu')", "keras.layers.Dropout(0.2)", "keras.layers.Dense(8, activation='tanh')"),
        (  # logits with from_logits=True
            "keras.backend.clear_session()\n"
            "cancer_model = keras.Sequential([keras.Input(shape=(30,)), keras.layers.Dense(8, activation='relu'), keras.layers.Dense(1)])\n"
            "cancer_model.compile(optimizer='adam', loss=keras.losses.BinaryCrossentropy(from_logits=True), metrics=['accuracy'])\n"
        ),
    ],
    "q7": [
        _digits(input_shape="(64,)", flatten=False),
        _digits("keras.layers.Dense(64, activation='relu')", "keras.layers.BatchNormalization()", "keras.layers.Dense(16, activation='relu')", loss="'categorical_crossentropy'"),
        _digits("keras.layers.Dense(16, activation='relu')", loss="keras.losses.SparseCategoricalCrossentropy()"),
    ],
}
RIGHT_CASES = [(name, i) for name in RIGHT_MODELS for i in range(len(RIGHT_MODELS[name]))]


# ---------------------------------------------------------------------------
# The notebook and the declarations agree
# ---------------------------------------------------------------------------


def test_importing_the_exercises_loads_no_tensorflow():
    import subprocess
    import sys

    code = "import sys, course.exercises.ch04; print('tensorflow' in sys.modules or 'keras' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------
# Solutions pass, blanks are not attempted
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name,index", RIGHT_CASES, ids=[f"{n}-right{i}" for n, i in RIGHT_CASES])
def test_other_correct_architectures_pass(name, index):
    result = EXERCISES[name].evaluate(_run(RIGHT_MODELS[name][index]), hidden=True)
    assert result.passed, result


@pytest.mark.parametrize("name", MODEL_EXERCISES)
def test_model_set_to_none_is_not_attempted(name):
    result = EXERCISES[name].evaluate({EXERCISES[name].var: None}, hidden=True)
    assert result.status is Status.NOT_ATTEMPTED


# ---------------------------------------------------------------------------
# Wrong answers are rejected without giving the answer away
# ---------------------------------------------------------------------------


def test_model_messages_name_the_wrong_part():
    loss = _assert_incorrect("q6", _run(WRONG["q6"][0][0]), visible=True)
    assert "손실 함수" in loss.message and "mean_squared_error" in loss.message
    assert "binary_crossentropy" not in loss.message
    activation = _assert_incorrect("q6", _run(WRONG["q6"][1][0]), visible=True)
    assert "활성화 함수" in activation.message and "'relu'" in activation.message and "sigmoid" not in activation.message
    not_compiled = _assert_incorrect("q6", _run(WRONG["q6"][5][0]), visible=True)
    assert "컴파일" in not_compiled.message
    digits_loss = _assert_incorrect("q7", _run(WRONG["q7"][0][0]), visible=True)
    assert "sparse_categorical_crossentropy" not in digits_loss.message
    no_flatten = _assert_incorrect("q7", _run(WRONG["q7"][4][0]), visible=True)
    assert "Flatten" in no_flatten.message


def test_gate_message_shows_the_outputs_not_the_truth_table():
    result = _assert_incorrect("q1", _run(WRONG["q1"][0][0]), visible=True)
    assert "'AND'" in result.message and "(1, 1)→1" in result.message  # theta 0.5 turns AND into OR


def test_naive_softmax_is_caught_on_big_scores():
    with np.errstate(all="ignore"):
        result = _assert_incorrect("q3", _run(WRONG["q3"][0][0]))
    assert "1000" in result.message and "nan" in result.message


def test_param_count_message_does_not_show_the_expected_count():
    result = _assert_incorrect("q5", _run(WRONG["q5"][0][0]), visible=True)
    assert "145" not in result.message and "132" in result.message


@pytest.mark.parametrize("name", DICT_EXERCISES[1:])
def test_choice_map_message_does_not_reveal_the_right_choice(name):
    exercise = EXERCISES[name]
    result, wrong_keys = CHAPTER.wrong_choices(name, WRONG[name][0][0])
    assert wrong_keys
    message = result.message.split("다음 중에서 고르세요")[0]
    for key in wrong_keys:
        assert exercise.answers[key] not in message, result.message


# ---------------------------------------------------------------------------
# Demo answers for the autograder
# ---------------------------------------------------------------------------


def test_demo_answers_include_a_model_with_the_wrong_output_or_loss():
    answers = CHAPTER.demo_answers()
    assert "q6_answer" in answers or "q7_answer" in answers
