"""Chapter 01's exercises accept the notebook's own solutions and reject known mistakes.

Solutions are read from the answer cells of the source notebook and run here without
TensorFlow; every wrong answer must be INCORRECT with a message that names what was found
but never the expected value, and never a traceback.
"""

import pytest

from course.exercises import ch01
from exercise_harness import Chapter, ExerciseContract, no_expected_number_outside_the_rule, release_source

CHAPTER = Chapter(
    "01_ml_process",
    ch01,
    function_exercises=["q4", "q5", "q6", "q7"],
    dict_exercises=["q1", "q2", "q3"],
    leak_check=no_expected_number_outside_the_rule,  # the rule may name the output format (q4's 'CPU')
)
EXERCISES = CHAPTER.exercises
DICT_EXERCISES = CHAPTER.dict_exercises
_notebook = CHAPTER.notebook
_cells_by_grade_id = CHAPTER.cells_by_grade_id
_run = CHAPTER.run
_assert_incorrect = CHAPTER.assert_incorrect


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


class TestExerciseContract(ExerciseContract):
    """The checks every chapter's exercises pass (tests/exercise_harness.py), for this chapter."""

    chapter = CHAPTER
    wrong = WRONG


# ---------------------------------------------------------------------------
# The notebook and the declarations agree
# ---------------------------------------------------------------------------


def test_choice_map_keys_match_the_scenario_tables():
    """Every key the checker expects appears in the exercise's table and in the answer skeleton."""
    notebook = _notebook()
    cells = _cells_by_grade_id()
    for name in DICT_EXERCISES:
        exercise = EXERCISES[name]
        number = name.removeprefix("q")
        task = next(c.source for c in notebook.cells if c.cell_type == "markdown" and c.source.startswith(f"### 문제 {number}."))
        skeleton = release_source(cells[f"{name}_answer"].source)
        for key in exercise.answers:
            assert f'| `"{key}"` |' in task, (name, key)
            assert f'"{key}": ...' in skeleton, (name, key)
        for choice in exercise.choices:
            assert f'`"{choice}"`' in task, (name, choice)


# ---------------------------------------------------------------------------
# Wrong answers are rejected without giving the answer away
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", DICT_EXERCISES)
def test_choice_map_message_does_not_reveal_the_right_choice(name):
    """A wrong-but-valid dict: the message lists the wrong keys, never their right answers."""
    exercise = EXERCISES[name]
    result, wrong_keys = CHAPTER.wrong_choices(name, WRONG[name][0][0])
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
