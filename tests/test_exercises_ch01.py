"""Chapter 01's exercises accept the notebook's own solutions and reject known mistakes.

Solutions are read from the answer cells of the source notebook and run here without
TensorFlow; every wrong answer must be INCORRECT with a message that names what was found
but never the expected value, and never a traceback.
"""

import re
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
import yaml

from course.checks import ExerciseFailed, FunctionExercise, Status, describe
from course.exercises import ch01

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "source_notebooks" / "01_ml_process" / "01_ml_process.ipynb"
DEMO_ANSWERS = ROOT / "autograder" / "demo_answers" / "01_ml_process.yml"
NAMES = list(ch01.__all__)
EXERCISES = {name: getattr(ch01, name) for name in NAMES}
FUNCTION_EXERCISES = ["q4", "q5", "q6", "q7"]
DICT_EXERCISES = ["q1", "q2", "q3"]


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
    """Execute an answer cell's source the way the notebook would (np and pd imported)."""
    namespace = {"np": np, "pd": pd}
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
    """For the case the message names, its expected value must not appear.

    The rule is the task's fixed wording, shown with every wrong answer; it may name the
    output format (q4's `'CPU'`), so only the rest of the message is searched.
    """
    if not isinstance(exercise, FunctionExercise):
        return
    message = message.replace(exercise.rule, "")
    for case in (*exercise.cases, *exercise.hidden_cases):
        if case.call_text(exercise.var) in message:
            shown = re.escape(describe(case.expected))
            # ASCII boundaries only: "256" must not count as a leak of "2", but Korean particles may follow.
            assert not re.search(rf"(?<![0-9A-Za-z.]){shown}(?![0-9A-Za-z.])", message), message


# ---------------------------------------------------------------------------
# Wrong answers: (source, caught by the visible self-check too?)
# ---------------------------------------------------------------------------

WRONG = {
    "q1": [
        (  # deep learning for every large data set, statistics never
            'best_approach = {"a": "머신러닝", "b": "딥러닝", "c": "딥러닝", '
            '"d": "딥러닝", "e": "통계", "f": "딥러닝"}\n',
            True,
        ),
        ('best_approach = {k: "딥러닝" for k in "abcdef"}\n', True),
        (  # a word that is not one of the choices
            'best_approach = {"a": "통계", "b": "ML", "c": "DL", "d": "DL", "e": "통계", "f": "ML"}\n',
            True,
        ),
        ('best_approach = ["통계", "머신러닝", "딥러닝", "딥러닝", "통계", "머신러닝"]\n', True),
    ],
    "q2": [
        (  # multi-class and multi-label swapped
            'task_types = {"a": "이진 분류", "b": "다중 레이블 분류", "c": "회귀", "d": "다중 분류", '
            '"e": "생성", "f": "다중 레이블 분류", "g": "회귀", "h": "다중 분류"}\n',
            True,
        ),
        (  # generation seen as regression, temperature as classification
            'task_types = {"a": "이진 분류", "b": "다중 분류", "c": "다중 분류", "d": "다중 레이블 분류", '
            '"e": "회귀", "f": "다중 분류", "g": "회귀", "h": "다중 레이블 분류"}\n',
            True,
        ),
        ('task_types = {"a": "분류", "b": "분류", "c": "회귀", "d": "분류", "e": "생성", "f": "분류", "g": "회귀", "h": "분류"}\n', True),
        (  # one key missing
            'task_types = {"a": "이진 분류", "b": "다중 분류", "c": "회귀", "d": "다중 레이블 분류", '
            '"e": "생성", "f": "다중 분류", "g": "회귀"}\n',
            True,
        ),
    ],
    "q3": [
        (  # reinforcement learning mistaken for supervised learning (a score looks like a label)
            'learning_types = {"a": "지도 학습", "b": "비지도 학습", "c": "지도 학습", '
            '"d": "지도 학습", "e": "비지도 학습", "f": "지도 학습"}\n',
            True,
        ),
        (  # dimensionality reduction seen as supervised
            'learning_types = {"a": "지도 학습", "b": "비지도 학습", "c": "강화 학습", '
            '"d": "지도 학습", "e": "지도 학습", "f": "강화 학습"}\n',
            True,
        ),
        ('learning_types = {k: "지도" for k in "abcdef"}\n', True),
    ],
    "q4": [
        ("def describe_devices(device_names):\n    return f'GPU {len(device_names)}개'\n", True),
        (  # always says "one GPU" once a GPU is present
            "def describe_devices(device_names):\n"
            "    return 'GPU 1개' if any('GPU' in name for name in device_names) else 'CPU'\n",
            False,
        ),
        (  # assumes exactly one CPU in the list
            "def describe_devices(device_names):\n"
            "    n = len(device_names) - 1\n"
            "    return f'GPU {n}개' if n > 0 else 'CPU'\n",
            False,
        ),
        (  # "GPU 0개" instead of "CPU"
            "def describe_devices(device_names):\n"
            "    n = sum(':GPU:' in name for name in device_names)\n"
            "    return f'GPU {n}개'\n",
            True,
        ),
    ],
    "q5": [
        ("def count_colors(bits_per_channel, channels):\n    return bits_per_channel * channels\n", True),
        ("def count_colors(bits_per_channel, channels):\n    return 2 ** bits_per_channel * channels\n", True),
        (  # ignores the bits: right only for 8-bit images
            "def count_colors(bits_per_channel, channels):\n    return 256 ** channels\n",
            False,
        ),
        ("def count_colors(bits_per_channel, channels):\n    return 2 ** (bits_per_channel + channels)\n", True),
    ],
    "q6": [
        (  # plain average of the three channels
            "def to_grayscale(image):\n    return image.mean(axis=2, keepdims=True)\n",
            True,
        ),
        (  # right values, but no channel axis: (H, W)
            "def to_grayscale(image):\n    return image @ np.array([0.299, 0.587, 0.114])\n",
            True,
        ),
        (  # weights in BGR order (OpenCV habit)
            "def to_grayscale(image):\n    return (image @ np.array([0.114, 0.587, 0.299]))[..., np.newaxis]\n",
            True,
        ),
        (  # grey copied into three channels: (H, W, 3)
            "def to_grayscale(image):\n"
            "    gray = image @ np.array([0.299, 0.587, 0.114])\n"
            "    return np.stack([gray, gray, gray], axis=-1)\n",
            True,
        ),
        (  # overwrites the caller's image
            "def to_grayscale(image):\n"
            "    gray = image @ np.array([0.299, 0.587, 0.114])\n"
            "    image[...] = gray[..., np.newaxis].astype(image.dtype)\n"
            "    return gray[..., np.newaxis]\n",
            True,
        ),
        (  # uint8 arithmetic overflows before the weights are applied
            "def to_grayscale(image):\n"
            "    total = image[..., 0] + image[..., 1] + image[..., 2]\n"
            "    return (total / 3)[..., np.newaxis]\n",
            True,
        ),
    ],
    "q7": [
        (  # argmax down the columns
            "def to_class_names(probabilities, class_names):\n"
            "    return [class_names[i] for i in np.argmax(probabilities, axis=0)]\n",
            True,
        ),
        ("def to_class_names(probabilities, class_names):\n    return list(np.argmax(probabilities, axis=1))\n", True),
        (  # hard-codes the penguin names
            "def to_class_names(probabilities, class_names):\n"
            "    names = ['아델리', '턱끈', '젠투']\n"
            "    return [names[i] for i in np.argmax(probabilities, axis=1)]\n",
            False,
        ),
        (  # only answers when a probability passes 0.5
            "def to_class_names(probabilities, class_names):\n"
            "    return [class_names[j] for row in probabilities for j, p in enumerate(row) if p > 0.5]\n",
            False,
        ),
        (
            "def to_class_names(probabilities, class_names):\n"
            "    return [class_names[i] for i in np.argmin(probabilities, axis=1)]\n",
            True,
        ),
        ("def to_class_names(probabilities, class_names):\n    return class_names[np.argmax(probabilities)]\n", True),
    ],
}

WRONG_CASES = [(name, i) for name in NAMES for i in range(len(WRONG[name]))]


# ---------------------------------------------------------------------------
# The notebook and the declarations agree
# ---------------------------------------------------------------------------


def test_every_exercise_has_answer_and_test_cells():
    cells = _cells_by_grade_id()
    for name in NAMES:
        assert f"{name}_answer" in cells and f"{name}_test" in cells, name
        test_source = cells[f"{name}_test"].source
        assert f"### BEGIN HIDDEN TESTS\n{name}.grade()\n### END HIDDEN TESTS" in test_source


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
    assert len(NAMES) >= 6


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


def test_choice_map_keys_match_the_scenario_tables():
    """Every key the checker expects appears in the exercise's table and in the answer skeleton."""
    notebook = _notebook()
    cells = _cells_by_grade_id()
    for name in DICT_EXERCISES:
        exercise = EXERCISES[name]
        number = name.removeprefix("q")
        task = next(c.source for c in notebook.cells if c.cell_type == "markdown" and c.source.startswith(f"### 문제 {number}."))
        skeleton = _release_source(cells[f"{name}_answer"].source)
        for key in exercise.answers:
            assert f'| `"{key}"` |' in task, (name, key)
            assert f'"{key}": ...' in skeleton, (name, key)
        for choice in exercise.choices:
            assert f'`"{choice}"`' in task, (name, choice)


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


@pytest.mark.parametrize("name", NAMES)
def test_empty_namespace_is_not_attempted(name):
    result = EXERCISES[name].evaluate({}, hidden=True)
    assert result.status is Status.NOT_ATTEMPTED
    with pytest.raises(ExerciseFailed):
        EXERCISES[name].grade({})


@pytest.mark.parametrize("name", NAMES)
def test_released_stub_is_not_attempted(name):
    """What a student gets from nbgrader, run as is: a stub function or a dict of `...`."""
    source = _release_source(_cells_by_grade_id()[f"{name}_answer"].source)
    assert "### BEGIN SOLUTION" not in source and "raise NotImplementedError()" in source
    namespace = {"np": np, "pd": pd}
    try:
        exec(source, namespace)
    except NotImplementedError:
        assert name in DICT_EXERCISES  # the dict skeleton is defined before the stub raises
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
    result = exercise.evaluate({exercise.var: {key: ... for key in exercise.answers}}, hidden=True)
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
    namespace = _run(source)
    _assert_incorrect(name, namespace, visible=visible)
    if not visible:  # caught only by the hidden checks: the self-check still says correct
        assert EXERCISES[name].evaluate(namespace).passed
    with pytest.raises(ExerciseFailed):
        EXERCISES[name].grade(namespace)


@pytest.mark.parametrize("name", DICT_EXERCISES)
def test_choice_map_message_does_not_reveal_the_right_choice(name):
    """A wrong-but-valid dict: the message lists the wrong keys, never their right answers."""
    exercise = EXERCISES[name]
    namespace = _run(WRONG[name][0][0])
    result = _assert_incorrect(name, namespace, visible=True)
    answer = namespace[exercise.var]
    wrong_keys = [key for key, right in exercise.answers.items() if answer[key] != right]
    assert wrong_keys
    shown = result.message.replace(exercise.rule, "")  # the rule names every choice on purpose
    for key in wrong_keys:
        assert f"'{key}'" in shown
        assert exercise.answers[key] not in shown, result.message


def test_describe_devices_message_shows_what_was_returned_not_the_answer():
    result = _assert_incorrect("q4", _run(WRONG["q4"][0][0]), visible=True)
    assert "'GPU 1개'" in result.message  # what the learner returned for the CPU-only list
    assert "'CPU'" not in result.message.replace(EXERCISES["q4"].rule, "")


def test_count_colors_message_does_not_show_the_expected_number():
    result = _assert_incorrect("q5", _run(WRONG["q5"][1][0]), visible=True)
    assert "768" in result.message
    assert "16777216" not in result.message and "16,777,216" not in result.message


def test_count_colors_hidden_cases_catch_an_answer_fitted_to_8_bits():
    result = _assert_incorrect("q5", _run(WRONG["q5"][2][0]))
    assert "count_colors(" in result.message


def test_grayscale_messages_name_the_shape_and_the_rule_not_the_grey_value():
    shape = _assert_incorrect("q6", _run(WRONG["q6"][1][0]), visible=True)
    assert "(2, 3)" in shape.message and "(2, 3, 1)" in shape.message
    mean = _assert_incorrect("q6", _run(WRONG["q6"][0][0]), visible=True)
    assert "0.299" in mean.message and "±1" in mean.message
    assert "85" in mean.message  # what the plain average gave for the red pixel
    assert "76.2" not in mean.message  # the BT.601 grey of that pixel is never shown


def test_grayscale_detects_a_modified_input():
    result = _assert_incorrect("q6", _run(WRONG["q6"][4][0]), visible=True)
    assert "원본" in result.message


def test_grayscale_accepts_rounded_uint8_and_float32_results():
    rounded = "def to_grayscale(image):\n    return np.round(image @ np.array([0.299, 0.587, 0.114]))[..., None].astype(np.uint8)\n"
    truncated = "def to_grayscale(image):\n    return np.expand_dims((image @ np.array([0.299, 0.587, 0.114])).astype(np.uint8), -1)\n"
    as_float32 = (
        "def to_grayscale(image):\n"
        "    image = image.astype(np.float32)\n"
        "    gray = 0.299 * image[:, :, 0] + 0.587 * image[:, :, 1] + 0.114 * image[:, :, 2]\n"
        "    return gray.reshape(gray.shape + (1,))\n"
    )
    for source in (rounded, truncated, as_float32):
        assert EXERCISES["q6"].evaluate(_run(source), hidden=True).passed, source


def test_to_class_names_accepts_an_array_of_names():
    source = (
        "def to_class_names(probabilities, class_names):\n"
        "    return np.asarray(class_names)[probabilities.argmax(axis=1)]\n"
    )
    assert EXERCISES["q7"].evaluate(_run(source), hidden=True).passed


def test_describe_devices_accepts_other_correct_spellings():
    source = (
        "def describe_devices(device_names):\n"
        "    n = sum('GPU' in name for name in device_names)\n"
        "    return 'CPU' if n == 0 else 'GPU ' + str(n) + '개'\n"
    )
    assert EXERCISES["q4"].evaluate(_run(source), hidden=True).passed


# ---------------------------------------------------------------------------
# Demo answers for the autograder
# ---------------------------------------------------------------------------


def _demo_answers() -> dict:
    return yaml.safe_load(DEMO_ANSWERS.read_text(encoding="utf-8"))


def test_demo_answers_name_existing_answer_cells():
    answers = _demo_answers()
    cells = _cells_by_grade_id()
    assert len(answers) >= 3
    for grade_id, source in answers.items():
        assert grade_id in cells and cells[grade_id].metadata["nbgrader"]["solution"], grade_id
        assert "### BEGIN SOLUTION" not in source and isinstance(source, str)


@pytest.mark.parametrize("grade_id", sorted(_demo_answers()))
def test_demo_wrong_answer_is_rejected(grade_id):
    name = grade_id.removesuffix("_answer")
    namespace = _run(_demo_answers()[grade_id])
    _assert_incorrect(name, namespace)
    with pytest.raises(ExerciseFailed):
        EXERCISES[name].grade(namespace)
