"""Chapter 01's exercises: the notebook's solutions pass, known mistakes are caught.

Solutions are read from the answer cells of the source notebook and run here without
TensorFlow; the generic contract is in tests/exercise_harness.py.
"""

import pytest

from autograder.keys import ch01 as keys
from course.checks import Status
from course.exercises import ch01
from exercise_harness import Chapter, ExerciseContract, release_source

CHAPTER = Chapter("01_ml_process", ch01, keys, min_exercises=7)
_run = CHAPTER.run
_assert_incorrect = CHAPTER.assert_incorrect


# A complete map of valid choices: the self-check confirms the format only (it is no oracle).
CHOICE_GRADED_ONLY = "a valid, complete choice map: the self-check confirms the format, grading judges it"

# ---------------------------------------------------------------------------
# Wrong answers: (source, None if the self-check catches it, else why only grading can)
# ---------------------------------------------------------------------------

WRONG = {
    "q1": [
        (  # deep learning for every large data set, statistics never
            'best_approach = {"a": "머신러닝", "b": "딥러닝", "c": "딥러닝", '
            '"d": "딥러닝", "e": "통계", "f": "딥러닝"}\n',
            CHOICE_GRADED_ONLY,
        ),
        ('best_approach = {k: "딥러닝" for k in "abcdef"}\n', CHOICE_GRADED_ONLY),
        (  # a word that is not one of the choices
            'best_approach = {"a": "통계", "b": "ML", "c": "DL", "d": "DL", "e": "통계", "f": "ML"}\n',
            None,
        ),
        ('best_approach = ["통계", "머신러닝", "딥러닝", "딥러닝", "통계", "머신러닝"]\n', None),
    ],
    "q2": [
        (  # multi-class and multi-label swapped
            'task_types = {"a": "이진 분류", "b": "다중 레이블 분류", "c": "회귀", "d": "다중 분류", '
            '"e": "생성", "f": "다중 레이블 분류", "g": "회귀", "h": "다중 분류"}\n',
            CHOICE_GRADED_ONLY,
        ),
        (  # generation seen as regression, temperature as classification
            'task_types = {"a": "이진 분류", "b": "다중 분류", "c": "다중 분류", "d": "다중 레이블 분류", '
            '"e": "회귀", "f": "다중 분류", "g": "회귀", "h": "다중 레이블 분류"}\n',
            CHOICE_GRADED_ONLY,
        ),
        ('task_types = {"a": "분류", "b": "분류", "c": "회귀", "d": "분류", "e": "생성", "f": "분류", "g": "회귀", "h": "분류"}\n', None),
        (  # one key missing
            'task_types = {"a": "이진 분류", "b": "다중 분류", "c": "회귀", "d": "다중 레이블 분류", '
            '"e": "생성", "f": "다중 분류", "g": "회귀"}\n',
            None,
        ),
    ],
    "q3": [
        (  # reinforcement learning mistaken for supervised learning (a score looks like a label)
            'learning_types = {"a": "지도 학습", "b": "비지도 학습", "c": "지도 학습", '
            '"d": "지도 학습", "e": "비지도 학습", "f": "지도 학습"}\n',
            CHOICE_GRADED_ONLY,
        ),
        (  # dimensionality reduction seen as supervised
            'learning_types = {"a": "지도 학습", "b": "비지도 학습", "c": "강화 학습", '
            '"d": "지도 학습", "e": "지도 학습", "f": "강화 학습"}\n',
            CHOICE_GRADED_ONLY,
        ),
        ('learning_types = {k: "지도" for k in "abcdef"}\n', None),
    ],
    "q4": [
        ("def describe_devices(device_names):\n    return f'GPU {len(device_names)}개'\n", None),
        (  # always says "one GPU" once a GPU is present: the visible list with two GPUs
            "def describe_devices(device_names):\n"
            "    return 'GPU 1개' if any('GPU' in name for name in device_names) else 'CPU'\n",
            None,
        ),
        (  # assumes exactly one CPU in the list: the visible lists with two CPUs
            "def describe_devices(device_names):\n"
            "    n = len(device_names) - 1\n"
            "    return f'GPU {n}개' if n > 0 else 'CPU'\n",
            None,
        ),
        (  # "GPU 0개" instead of "CPU"
            "def describe_devices(device_names):\n"
            "    n = sum(':GPU:' in name for name in device_names)\n"
            "    return f'GPU {n}개'\n",
            None,
        ),
        (  # counts the devices after the first GPU (assumes the GPUs come last)
            "def describe_devices(device_names):\n"
            "    kinds = [name.split(':')[1] for name in device_names]\n"
            "    n = len(kinds) - kinds.index('GPU') if 'GPU' in kinds else 0\n"
            "    return f'GPU {n}개' if n else 'CPU'\n",
            None,
        ),
    ],
    "q5": [
        ("def count_colors(bits_per_channel, channels):\n    return bits_per_channel * channels\n", None),
        ("def count_colors(bits_per_channel, channels):\n    return 2 ** bits_per_channel * channels\n", None),
        (  # ignores the bits: right only for 8-bit images (the visible 10-bit example)
            "def count_colors(bits_per_channel, channels):\n    return 256 ** channels\n",
            None,
        ),
        ("def count_colors(bits_per_channel, channels):\n    return 2 ** (bits_per_channel + channels)\n", None),
        (  # right number, but a float: the rule asks for an integer
            "def count_colors(bits_per_channel, channels):\n    return 2.0 ** (bits_per_channel * channels)\n",
            None,
        ),
        (  # hard-codes one or three channels: the visible 4-channel example
            "def count_colors(bits_per_channel, channels):\n"
            "    levels = 2 ** bits_per_channel\n"
            "    return levels if channels == 1 else levels * levels * levels\n",
            None,
        ),
    ],
    "q6": [
        (  # plain average of the three channels
            "def to_grayscale(image):\n    return image.mean(axis=2, keepdims=True)\n",
            None,
        ),
        (  # right values, but no channel axis: (H, W)
            "def to_grayscale(image):\n    return image @ np.array([0.299, 0.587, 0.114])\n",
            None,
        ),
        (  # weights in BGR order (OpenCV habit)
            "def to_grayscale(image):\n    return (image @ np.array([0.114, 0.587, 0.299]))[..., np.newaxis]\n",
            None,
        ),
        (  # grey copied into three channels: (H, W, 3)
            "def to_grayscale(image):\n"
            "    gray = image @ np.array([0.299, 0.587, 0.114])\n"
            "    return np.stack([gray, gray, gray], axis=-1)\n",
            None,
        ),
        (  # overwrites the caller's image
            "def to_grayscale(image):\n"
            "    gray = image @ np.array([0.299, 0.587, 0.114])\n"
            "    image[...] = gray[..., np.newaxis].astype(image.dtype)\n"
            "    return gray[..., np.newaxis]\n",
            None,
        ),
        (  # uint8 arithmetic overflows before the weights are applied
            "def to_grayscale(image):\n"
            "    total = image[..., 0] + image[..., 1] + image[..., 2]\n"
            "    return (total / 3)[..., np.newaxis]\n",
            None,
        ),
        (  # squeeze() also drops the height and width of a 1×1 image
            "def to_grayscale(image):\n"
            "    gray = np.squeeze(image) @ np.array([0.299, 0.587, 0.114])\n"
            "    return gray[..., np.newaxis]\n",
            "the visible images are 2×3 and 2×2, where squeeze() changes nothing; only the graded 1×1 image shows "
            "that it drops the height and width axes too",
        ),
    ],
    "q7": [
        (  # argmax down the columns
            "def to_class_names(probabilities, class_names):\n"
            "    return [class_names[i] for i in np.argmax(probabilities, axis=0)]\n",
            None,
        ),
        ("def to_class_names(probabilities, class_names):\n    return list(np.argmax(probabilities, axis=1))\n", None),
        (  # hard-codes the penguin names: the visible two-class example
            "def to_class_names(probabilities, class_names):\n"
            "    names = ['아델리', '턱끈', '젠투']\n"
            "    return [names[i] for i in np.argmax(probabilities, axis=1)]\n",
            None,
        ),
        (  # only answers when a probability passes 0.5: the visible five-class example
            "def to_class_names(probabilities, class_names):\n"
            "    return [class_names[j] for row in probabilities for j, p in enumerate(row) if p > 0.5]\n",
            None,
        ),
        (
            "def to_class_names(probabilities, class_names):\n"
            "    return [class_names[i] for i in np.argmin(probabilities, axis=1)]\n",
            None,
        ),
        ("def to_class_names(probabilities, class_names):\n    return class_names[np.argmax(probabilities)]\n", None),
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
    notebook = CHAPTER.notebook()
    cells = CHAPTER.cells_by_grade_id()
    for name in CHAPTER.dict_exercises:
        exercise = CHAPTER.exercises[name]
        number = name.removeprefix("q")
        task = next(c.source for c in notebook.cells if c.cell_type == "markdown" and c.source.startswith(f"### 문제 {number}."))
        skeleton = release_source(cells[f"{name}_answer"].source)
        for key in exercise.keys:
            assert f'| `"{key}"` |' in task, (name, key)
            assert f'"{key}": ...' in skeleton, (name, key)
        for choice in exercise.choices:
            assert f'`"{choice}"`' in task, (name, choice)


def test_visible_examples_match_what_the_prompt_promises():
    """The prompt's stated cases each have a visible example (several CPUs, 10 bits, float32, 0.5)."""
    q4_lists = [example.args[0] for example in ch01.q4.examples]
    assert any(sum(":CPU:" in n for n in names) >= 2 and sum(":GPU:" in n for n in names) >= 2 for names in q4_lists)
    assert any(names and ":GPU:" in names[0] for names in q4_lists)  # not CPU first
    assert any(bits != 8 for bits, _ in (example.args for example in ch01.q5.examples))
    assert any(channels == 4 for _, channels in (example.args for example in ch01.q5.examples))
    assert {example.args[0].dtype.name for example in ch01.q6.examples} == {"uint8", "float32"}
    q7_inputs = [example.args for example in ch01.q7.examples]
    assert {probabilities.shape[1] for probabilities, _ in q7_inputs} >= {2, 3, 5}
    assert any(probabilities.max(axis=1).min() < 0.5 for probabilities, _ in q7_inputs)


# ---------------------------------------------------------------------------
# Choice maps: the self-check is no oracle; grading explains
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", CHAPTER.dict_exercises)
def test_choice_map_self_check_is_not_an_oracle(name):
    """A complete but wrong map gets the same format message as the right one; grading explains."""
    wrong = _run(WRONG[name][0][0])
    right = CHAPTER.solution(name)
    assert CHAPTER.visible(name, wrong) == CHAPTER.visible(name, right)
    graded = CHAPTER.graded(name, wrong)
    assert graded.status is Status.INCORRECT and "틀린 항목의 해설" in graded.message


# ---------------------------------------------------------------------------
# Messages show what was found, never the expected value
# ---------------------------------------------------------------------------


def test_describe_devices_message_shows_what_was_returned_not_the_answer():
    result = _assert_incorrect("q4", _run(WRONG["q4"][0][0]), visible=True)
    assert "'GPU 1개'" in result.message  # what the learner returned for the CPU-only list
    assert "'CPU'" not in result.message


def test_describe_devices_names_the_rule_of_several_cpus():
    seen = CHAPTER.visible("q4", _run(WRONG["q4"][2][0]))
    assert seen.status is Status.INCORRECT and "CPU도 여러 개" in seen.message


def test_count_colors_message_does_not_show_the_expected_number():
    result = _assert_incorrect("q5", _run(WRONG["q5"][1][0]), visible=True)
    assert "768" in result.message
    assert "16777216" not in result.message and "16,777,216" not in result.message


def test_count_colors_names_the_rule_when_the_bits_are_ignored():
    seen = CHAPTER.visible("q5", _run(WRONG["q5"][2][0]))
    assert "채널당 비트 수가 8이 아니어도" in seen.message
    assert str(2**30) not in seen.message


def test_count_colors_rejects_a_float_visibly_and_says_why():
    seen = CHAPTER.visible("q5", _run(WRONG["q5"][4][0]))
    assert seen.status is Status.INCORRECT and "정수" in seen.message and "float" in seen.message


def test_grayscale_messages_name_the_shape_and_the_rule_not_the_grey_value():
    shape = _assert_incorrect("q6", _run(WRONG["q6"][1][0]), visible=True)
    assert "(2, 3)" in shape.message and "(2, 3, 1)" in shape.message
    mean = CHAPTER.visible("q6", _run(WRONG["q6"][0][0]))
    assert "0.299" in mean.message and "85" in mean.message  # what the plain average gave for the red pixel
    assert "76.2" not in mean.message  # the BT.601 grey of that pixel is never shown
    graded = CHAPTER.graded("q6", _run(WRONG["q6"][0][0]))
    assert "85" in graded.message and "76.2" not in graded.message


def test_grayscale_detects_a_modified_input():
    result = _assert_incorrect("q6", _run(WRONG["q6"][4][0]), visible=True)
    assert "원본" in result.message


def test_grayscale_accepts_rounded_truncated_and_float32_results_visibly_and_in_grading():
    rounded = "def to_grayscale(image):\n    return np.round(image @ np.array([0.299, 0.587, 0.114]))[..., None].astype(np.uint8)\n"
    truncated = "def to_grayscale(image):\n    return np.expand_dims((image @ np.array([0.299, 0.587, 0.114])).astype(np.uint8), -1)\n"
    as_float32 = (
        "def to_grayscale(image):\n"
        "    image = image.astype(np.float32)\n"
        "    gray = 0.299 * image[:, :, 0] + 0.587 * image[:, :, 1] + 0.114 * image[:, :, 2]\n"
        "    return gray.reshape(gray.shape + (1,))\n"
    )
    integer_weights = (
        "def to_grayscale(image):\n"
        "    gray = (image.astype(np.int64) @ np.array([299, 587, 114])) // 1000\n"
        "    return gray[:, :, np.newaxis]\n"
    )
    for source in (rounded, truncated, as_float32, integer_weights):
        namespace = _run(source)
        assert CHAPTER.visible("q6", namespace).passed, source
        assert CHAPTER.graded("q6", namespace).status is Status.CORRECT, source


def test_to_class_names_accepts_an_array_of_names():
    source = (
        "def to_class_names(probabilities, class_names):\n"
        "    return np.asarray(class_names)[probabilities.argmax(axis=1)]\n"
    )
    namespace = _run(source)
    assert CHAPTER.visible("q7", namespace).passed
    assert CHAPTER.graded("q7", namespace).status is Status.CORRECT


def test_describe_devices_accepts_other_correct_spellings():
    source = (
        "def describe_devices(device_names):\n"
        "    n = sum('GPU' in name for name in device_names)\n"
        "    return 'CPU' if n == 0 else 'GPU ' + str(n) + '개'\n"
    )
    namespace = _run(source)
    assert CHAPTER.visible("q4", namespace).passed
    assert CHAPTER.graded("q4", namespace).status is Status.CORRECT


def test_count_colors_accepts_a_numpy_integer():
    source = "def count_colors(bits_per_channel, channels):\n    return np.int64(2) ** (bits_per_channel * channels)\n"
    namespace = _run(source)
    assert CHAPTER.visible("q5", namespace).passed
    assert CHAPTER.graded("q5", namespace).status is Status.CORRECT
