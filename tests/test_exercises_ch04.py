"""Chapter 04's exercises accept the notebook's own solutions and reject known mistakes.

Solutions are read from the answer cells of the source notebook and run here with the
context the notebook gives them (NumPy, pandas, Keras). Every wrong answer must be
INCORRECT with a message that names what was found but never the expected value, and never
a traceback. The two model exercises must accept any correct architecture the prompt allows
and reject plausible-but-wrong models (wrong output activation, wrong loss, wrong input).
"""

import re
from pathlib import Path

import keras
import nbformat
import numpy as np
import pandas as pd
import pytest
import yaml

from course.checks import ExerciseFailed, FunctionExercise, Status, describe
from course.exercises import ch04

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "source_notebooks" / "04_keras_modeling" / "04_keras_modeling.ipynb"
DEMO_ANSWERS = ROOT / "autograder" / "demo_answers" / "04_keras_modeling.yml"
NAMES = list(ch04.__all__)
EXERCISES = {name: getattr(ch04, name) for name in NAMES}
FUNCTION_EXERCISES = ["q2", "q3", "q5", "q8"]
DICT_EXERCISES = ["q1", "q4"]
MODEL_EXERCISES = ["q6", "q7"]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _notebook():
    return nbformat.read(NOTEBOOK, as_version=4)


def _cells_by_grade_id():
    return {
        cell.metadata["nbgrader"]["grade_id"]: cell
        for cell in _notebook().cells
        if "nbgrader" in cell.metadata
    }


def _run(source: str) -> dict:
    """Execute an answer cell's source the way the notebook would (np, pd and keras imported)."""
    namespace = {"np": np, "pd": pd, "keras": keras}
    exec(source, namespace)
    return namespace


def _release_source(source: str) -> str:
    """The answer cell as nbgrader releases it: the solution region becomes a stub."""
    out, skipping = [], False
    for line in source.splitlines():
        stripped = line.strip()
        if stripped == "### BEGIN SOLUTION":
            indent = line[: len(line) - len(line.lstrip())]
            out += [f"{indent}# YOUR CODE HERE", f"{indent}raise NotImplementedError()"]
            skipping = True
        elif stripped == "### END SOLUTION":
            skipping = False
        elif not skipping:
            out.append(line)
    return "\n".join(out)


def _solution(name: str) -> dict:
    return _run(_cells_by_grade_id()[f"{name}_answer"].source)


def _assert_incorrect(name: str, namespace: dict, *, visible: bool = False):
    """The answer is INCORRECT when graded (and, with visible=True, already in the self-check)."""
    exercise = EXERCISES[name]
    result = exercise.evaluate(namespace, hidden=True)
    assert result.status is Status.INCORRECT, result
    assert "Traceback" not in result.message
    if visible:
        visible_result = exercise.evaluate(namespace)
        assert visible_result.status is Status.INCORRECT, visible_result
        assert "Traceback" not in visible_result.message
    _assert_no_expected_value_leaks(exercise, result.message)
    return result


def _assert_no_expected_value_leaks(exercise, message: str) -> None:
    """For the case the message names, its expected value must not appear (outside the
    call text and the rule, which may contain small digits of their own)."""
    if not isinstance(exercise, FunctionExercise):
        return
    for case in (*exercise.cases, *exercise.hidden_cases):
        call = case.call_text(exercise.var)
        if call in message:
            rest = message.replace(call, "").replace(exercise.rule, "")
            assert f"결과가 {describe(case.expected)}입니다" not in rest, message
            if len(describe(case.expected)) > 2:
                assert describe(case.expected) not in rest, message


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

WRONG_CASES = [(name, i) for name in NAMES for i in range(len(WRONG[name]))]

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


def test_every_exercise_has_answer_and_test_cells():
    cells = _cells_by_grade_id()
    for name in NAMES:
        assert f"{name}_answer" in cells and f"{name}_test" in cells, name
        assert f"### BEGIN HIDDEN TESTS\n{name}.grade()\n### END HIDDEN TESTS" in cells[f"{name}_test"].source


def test_points_and_titles_match_the_notebook():
    cells = _cells_by_grade_id()
    for number, name in enumerate(NAMES, start=1):
        exercise = EXERCISES[name]
        assert name == f"q{number}"
        assert exercise.title == f"문제 {number}"
        assert cells[f"{name}_test"].metadata["nbgrader"]["points"] == exercise.points, name
        assert f"(문제 {number} · {exercise.points}점)" in cells[f"{name}_test"].source
        heading = next(
            c.source for c in _notebook().cells if c.cell_type == "markdown" and c.source.startswith(f"### 문제 {number}.")
        )
        assert heading.splitlines()[0].endswith(f"({exercise.points}점)"), heading.splitlines()[0]


def test_declared_set_is_what_the_notebook_grades():
    graded = {gid.removesuffix("_test") for gid, c in _cells_by_grade_id().items() if c.metadata["nbgrader"]["grade"]}
    assert graded == set(NAMES)
    assert len(NAMES) >= 7


def test_every_exercise_has_a_rule_and_two_or_three_hints():
    for name, exercise in EXERCISES.items():
        assert exercise.rule and exercise.on_correct, name
        assert 2 <= len(exercise.hints) <= 3, name


def test_answer_names_are_used_only_in_their_answer_cell():
    """A blank release must never be accidentally correct because narrative code defined the name."""
    notebook = _notebook()
    for name, exercise in EXERCISES.items():
        pattern = re.compile(rf"\b{re.escape(exercise.var)}\b")
        users = [
            cell.metadata.get("nbgrader", {}).get("grade_id", cell.get("id"))
            for cell in notebook.cells
            if cell.cell_type == "code" and pattern.search(cell.source)
        ]
        assert users == [f"{name}_answer"], (name, users)


def test_notebook_is_committed_clean():
    notebook = _notebook()
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert "parameters" in code[0].metadata.get("tags", [])
    ids = [c.id for c in notebook.cells]
    assert ids == [f"c{i:02d}" for i in range(1, len(ids) + 1)]


def test_importing_the_exercises_loads_no_tensorflow():
    import subprocess
    import sys

    code = "import sys, course.exercises.ch04; print('tensorflow' in sys.modules or 'keras' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------
# Solutions pass, blanks are not attempted
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_notebook_solution_passes_visible_and_hidden_checks(name):
    namespace = _solution(name)
    exercise = EXERCISES[name]
    assert exercise.evaluate(namespace).passed
    result = exercise.evaluate(namespace, hidden=True)
    assert result.passed, result
    exercise.grade(namespace)  # must not raise


@pytest.mark.parametrize("name,index", RIGHT_CASES, ids=[f"{n}-right{i}" for n, i in RIGHT_CASES])
def test_other_correct_architectures_pass(name, index):
    result = EXERCISES[name].evaluate(_run(RIGHT_MODELS[name][index]), hidden=True)
    assert result.passed, result


@pytest.mark.parametrize("name", NAMES)
def test_empty_namespace_is_not_attempted(name):
    result = EXERCISES[name].evaluate({}, hidden=True)
    assert result.status is Status.NOT_ATTEMPTED
    with pytest.raises(ExerciseFailed):
        EXERCISES[name].grade({})


@pytest.mark.parametrize("name", NAMES)
def test_released_stub_is_not_attempted(name):
    """What a student gets from nbgrader, run as is: a stub function, a dict of `...`, or no model."""
    source = _release_source(_cells_by_grade_id()[f"{name}_answer"].source)
    assert "### BEGIN SOLUTION" not in source and "raise NotImplementedError()" in source
    namespace = {"np": np, "pd": pd, "keras": keras}
    try:
        exec(source, namespace)
    except NotImplementedError:
        assert name in DICT_EXERCISES + MODEL_EXERCISES  # these stubs raise at the top level
    result = EXERCISES[name].evaluate(namespace, hidden=True)
    assert result.status is Status.NOT_ATTEMPTED, result


@pytest.mark.parametrize("name", FUNCTION_EXERCISES)
def test_function_raising_not_implemented_is_not_attempted(name):
    def stub(*args):
        raise NotImplementedError()

    result = EXERCISES[name].evaluate({EXERCISES[name].var: stub}, hidden=True)
    assert result.status is Status.NOT_ATTEMPTED


@pytest.mark.parametrize("name", DICT_EXERCISES)
def test_dict_of_ellipsis_is_not_attempted(name):
    exercise = EXERCISES[name]
    keys = exercise.answers if hasattr(exercise, "answers") else ("AND", "OR", "NAND")
    result = exercise.evaluate({exercise.var: {key: ... for key in keys}}, hidden=True)
    assert result.status is Status.NOT_ATTEMPTED


@pytest.mark.parametrize("name", MODEL_EXERCISES)
def test_model_set_to_none_is_not_attempted(name):
    result = EXERCISES[name].evaluate({EXERCISES[name].var: None}, hidden=True)
    assert result.status is Status.NOT_ATTEMPTED


@pytest.mark.parametrize("name", FUNCTION_EXERCISES)
def test_function_that_crashes_is_incorrect_without_traceback(name):
    def crashes(*args):
        return undefined_name  # noqa: F821 - a learner's typo

    result = EXERCISES[name].evaluate({EXERCISES[name].var: crashes}, hidden=True)
    assert result.status is Status.INCORRECT
    assert "Traceback" not in result.message and "NameError" in result.message


@pytest.mark.parametrize("name", FUNCTION_EXERCISES)
def test_a_value_instead_of_a_function_is_incorrect(name):
    result = EXERCISES[name].evaluate({EXERCISES[name].var: 0.5}, hidden=True)
    assert result.status is Status.INCORRECT


# ---------------------------------------------------------------------------
# Wrong answers are rejected without giving the answer away
# ---------------------------------------------------------------------------


def test_every_exercise_has_two_wrong_answers_one_caught_visibly():
    for name in NAMES:
        assert len(WRONG[name]) >= 2, name
        assert any(visible for _, visible in WRONG[name]), name


@pytest.mark.parametrize("name,index", WRONG_CASES, ids=[f"{n}-wrong{i}" for n, i in WRONG_CASES])
def test_wrong_answer_is_incorrect(name, index):
    source, visible = WRONG[name][index]
    with np.errstate(all="ignore"):
        namespace = _run(source)
        _assert_incorrect(name, namespace, visible=visible)
        if not visible:  # caught only by the hidden checks: the self-check still says correct
            assert EXERCISES[name].evaluate(namespace).passed
        with pytest.raises(ExerciseFailed):
            EXERCISES[name].grade(namespace)


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
    namespace = _run(WRONG[name][0][0])
    result = _assert_incorrect(name, namespace, visible=True)
    answer = namespace[exercise.var]
    wrong_keys = [key for key, right in exercise.answers.items() if answer[key] != right]
    assert wrong_keys
    message = result.message.split("다음 중에서 고르세요")[0]
    for key in wrong_keys:
        assert exercise.answers[key] not in message, result.message


# ---------------------------------------------------------------------------
# Demo answers for the autograder
# ---------------------------------------------------------------------------


def _demo_answers() -> dict:
    return yaml.safe_load(DEMO_ANSWERS.read_text(encoding="utf-8"))


def test_demo_answers_name_existing_answer_cells():
    answers = _demo_answers()
    cells = _cells_by_grade_id()
    assert len(answers) >= 3
    assert "q6_answer" in answers or "q7_answer" in answers  # a model with the wrong output or loss
    for grade_id, source in answers.items():
        assert grade_id in cells and cells[grade_id].metadata["nbgrader"]["solution"], grade_id
        assert "### BEGIN SOLUTION" not in source and isinstance(source, str)


@pytest.mark.parametrize("grade_id", sorted(_demo_answers()))
def test_demo_wrong_answer_is_rejected(grade_id):
    name = grade_id.removesuffix("_answer")
    with np.errstate(all="ignore"):
        namespace = _run(_demo_answers()[grade_id])
        _assert_incorrect(name, namespace)
        with pytest.raises(ExerciseFailed):
            EXERCISES[name].grade(namespace)
