"""Chapter 01's exercises: the notebook's solutions pass, known mistakes are caught.

Solutions are read from the answer cells of the source notebook and run here without
TensorFlow; the generic contract is in tests/exercise_harness.py.
"""

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - after choosing the backend

from autograder.keys import ch01 as keys  # noqa: E402
from course.checks import Status  # noqa: E402
from course.exercises import ch01  # noqa: E402
from exercise_harness import Chapter, ExerciseContract, release_source  # noqa: E402


class FakeHistory:
    """What `model.fit` returns, without TensorFlow: per-epoch records in `.history`, `.epoch` from 0."""

    def __init__(self, **records):
        self.history = {key: list(values) for key, values in records.items()}
        self.epoch = list(range(len(self.history["loss"])))


# A learner's own training (8 epochs): validation loss is lowest at epoch 5 (index 4), training loss at
# epoch 8; at the last epoch validation loss − training loss = 0.5731 − 0.2213 = 0.3518.
OWN_RECORDS = {
    "loss": [1.0512, 0.7133, 0.5248, 0.4117, 0.3409, 0.2904, 0.2527, 0.2213],
    "accuracy": [0.46, 0.71, 0.83, 0.88, 0.91, 0.93, 0.94, 0.95],
    "val_loss": [1.0034, 0.7421, 0.5836, 0.5012, 0.4718, 0.4906, 0.5302, 0.5731],
    "val_accuracy": [0.48, 0.69, 0.80, 0.84, 0.86, 0.85, 0.85, 0.84],
}


def _namespace() -> dict:
    """What an answer cell finds: NumPy, pandas, pyplot and the chapter's `history` (6.5절)."""
    plt.close("all")  # an answer cell draws: figures of earlier runs are closed first
    return {"np": np, "pd": pd, "plt": plt, "history": FakeHistory(**OWN_RECORDS)}


CHAPTER = Chapter(
    "01_ml_process", ch01, keys, namespace=_namespace, min_exercises=9,
    stub_raises=["q1", "q2", "q3", "q7", "q8"],  # choice maps and q8's dict raise after the skeleton; q7's cell calls the stub
)
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
        (  # the lecture notes' function as it is: shows the figure and returns nothing (also: x from 0, English labels)
            "def dl_history_plot(history):\n"
            "    plt.figure(figsize=(10, 6))\n"
            "    plt.plot(history['loss'], label='train_err', marker='.')\n"
            "    plt.plot(history['val_loss'], label='val_err', marker='.')\n"
            "    plt.ylabel('Loss'); plt.xlabel('Epoch'); plt.legend(); plt.grid(); plt.show()\n",
            None,
        ),
        (  # validation loss only
            "def dl_history_plot(history):\n"
            "    records = getattr(history, 'history', history)\n"
            "    fig, ax = plt.subplots()\n"
            "    ax.plot(range(1, len(records['val_loss']) + 1), records['val_loss'], label='검증 손실')\n"
            "    ax.set_xlabel('에폭'); ax.set_ylabel('손실'); ax.legend()\n"
            "    return ax\n",
            None,
        ),
        (  # the two names swapped
            "def dl_history_plot(history):\n"
            "    records = getattr(history, 'history', history)\n"
            "    epochs = range(1, len(records['loss']) + 1)\n"
            "    fig, ax = plt.subplots()\n"
            "    ax.plot(epochs, records['loss'], label='검증 손실')\n"
            "    ax.plot(epochs, records['val_loss'], label='학습 손실')\n"
            "    ax.set_xlabel('에폭'); ax.set_ylabel('손실'); ax.legend()\n"
            "    return ax\n",
            None,
        ),
        (  # no names on the curves (the legend is empty)
            "def dl_history_plot(history):\n"
            "    records = getattr(history, 'history', history)\n"
            "    epochs = range(1, len(records['loss']) + 1)\n"
            "    fig, ax = plt.subplots()\n"
            "    ax.plot(epochs, records['loss'])\n"
            "    ax.plot(epochs, records['val_loss'])\n"
            "    ax.set_xlabel('에폭'); ax.set_ylabel('손실')\n"
            "    return ax\n",
            None,
        ),
        (  # accuracy instead of loss
            "def dl_history_plot(history):\n"
            "    records = getattr(history, 'history', history)\n"
            "    epochs = range(1, len(records['loss']) + 1)\n"
            "    fig, ax = plt.subplots()\n"
            "    ax.plot(epochs, records['accuracy'], label='학습 손실')\n"
            "    ax.plot(epochs, records['val_accuracy'], label='검증 손실')\n"
            "    ax.set_xlabel('에폭'); ax.set_ylabel('정확도'); ax.legend()\n"
            "    return ax\n",
            None,
        ),
        (  # x from 0: plot(y) without the epoch numbers
            "def dl_history_plot(history):\n"
            "    records = getattr(history, 'history', history)\n"
            "    fig, ax = plt.subplots()\n"
            "    ax.plot(records['loss'], label='학습 손실')\n"
            "    ax.plot(records['val_loss'], label='검증 손실')\n"
            "    ax.set_xlabel('에폭'); ax.set_ylabel('손실'); ax.legend()\n"
            "    return ax\n",
            None,
        ),
        (  # the Figure instead of the Axes
            "def dl_history_plot(history):\n"
            "    records = getattr(history, 'history', history)\n"
            "    epochs = range(1, len(records['loss']) + 1)\n"
            "    fig, ax = plt.subplots()\n"
            "    ax.plot(epochs, records['loss'], label='학습 손실')\n"
            "    ax.plot(epochs, records['val_loss'], label='검증 손실')\n"
            "    ax.set_xlabel('에폭'); ax.set_ylabel('손실'); ax.legend()\n"
            "    return fig\n",
            None,
        ),
        (  # no new figure: draws on whatever figure is open (the visible case with a figure left open)
            "def dl_history_plot(history):\n"
            "    records = getattr(history, 'history', history)\n"
            "    epochs = range(1, len(records['loss']) + 1)\n"
            "    plt.plot(epochs, records['loss'], label='학습 손실')\n"
            "    plt.plot(epochs, records['val_loss'], label='검증 손실')\n"
            "    plt.xlabel('에폭'); plt.ylabel('손실'); plt.legend()\n"
            "    return plt.gca()\n",
            None,
        ),
        (  # no axis names
            "def dl_history_plot(history):\n"
            "    records = getattr(history, 'history', history)\n"
            "    epochs = range(1, len(records['loss']) + 1)\n"
            "    fig, ax = plt.subplots()\n"
            "    ax.plot(epochs, records['loss'], label='학습 손실')\n"
            "    ax.plot(epochs, records['val_loss'], label='검증 손실')\n"
            "    ax.legend()\n"
            "    return ax\n",
            None,
        ),
        (  # dict only: a History object has no ['loss']
            "def dl_history_plot(history):\n"
            "    epochs = range(1, len(history['loss']) + 1)\n"
            "    fig, ax = plt.subplots()\n"
            "    ax.plot(epochs, history['loss'], label='학습 손실')\n"
            "    ax.plot(epochs, history['val_loss'], label='검증 손실')\n"
            "    ax.set_xlabel('에폭'); ax.set_ylabel('손실'); ax.legend()\n"
            "    return ax\n",
            None,
        ),
    ],
    "q8": [
        (  # 0-based epoch (np.argmin as it is)
            'curve_reading = {"history": history, "best_val_epoch": int(np.argmin(history.history["val_loss"])),\n'
            '                 "final_gap": round(history.history["val_loss"][-1] - history.history["loss"][-1], 3)}\n',
            None,
        ),
        (  # the epoch of the lowest training loss
            'curve_reading = {"history": history, "best_val_epoch": int(np.argmin(history.history["loss"])) + 1,\n'
            '                 "final_gap": round(history.history["val_loss"][-1] - history.history["loss"][-1], 3)}\n',
            None,
        ),
        (  # a number copied from someone else's screen, not read from this history
            'curve_reading = {"history": history, "best_val_epoch": 12,\n'
            '                 "final_gap": round(history.history["val_loss"][-1] - history.history["loss"][-1], 3)}\n',
            None,
        ),
        (  # the gap the other way round: training loss − validation loss
            'curve_reading = {"history": history, "best_val_epoch": int(np.argmin(history.history["val_loss"])) + 1,\n'
            '                 "final_gap": round(history.history["loss"][-1] - history.history["val_loss"][-1], 3)}\n',
            None,
        ),
        (  # the gap at the best epoch instead of the last one
            'best = int(np.argmin(history.history["val_loss"]))\n'
            'curve_reading = {"history": history, "best_val_epoch": best + 1,\n'
            '                 "final_gap": round(history.history["val_loss"][best] - history.history["loss"][best], 3)}\n',
            None,
        ),
        (  # the epoch as a float
            'curve_reading = {"history": history, "best_val_epoch": np.argmin(history.history["val_loss"]) + 1.0,\n'
            '                 "final_gap": round(history.history["val_loss"][-1] - history.history["loss"][-1], 3)}\n',
            None,
        ),
        (  # the "history" item removed
            'curve_reading = {"best_val_epoch": int(np.argmin(history.history["val_loss"])) + 1,\n'
            '                 "final_gap": round(history.history["val_loss"][-1] - history.history["loss"][-1], 3)}\n',
            None,
        ),
    ],
    "q9": [
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
    q9_inputs = [example.args for example in ch01.q9.examples]
    assert {probabilities.shape[1] for probabilities, _ in q9_inputs} >= {2, 3, 5}
    assert any(probabilities.max(axis=1).min() < 0.5 for probabilities, _ in q9_inputs)
    cases = ch01.HISTORY_PLOT_CASES  # q7: a dict, a History object, a figure already open
    assert any(isinstance(case.history, dict) for case in cases)
    assert any(hasattr(case.history, "history") for case in cases) and any(case.figure_open for case in cases)
    assert any("accuracy" in case.records() for case in cases)  # accuracy drawn instead of loss shows


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
    assert CHAPTER.visible("q9", namespace).passed
    assert CHAPTER.graded("q9", namespace).status is Status.CORRECT


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


# ---------------------------------------------------------------------------
# 문제 7: the plot is judged by what it draws; the checks leave no figure open
# ---------------------------------------------------------------------------


def test_history_plot_messages_say_what_was_drawn():
    lecture = _assert_incorrect("q7", _run(WRONG["q7"][0][0]), visible=True)
    assert "`None`" in lecture.message and "return ax" in lecture.message
    from_zero = CHAPTER.visible("q7", _run(WRONG["q7"][5][0]))
    assert "0부터 시작합니다" in from_zero.message and "1부터" in from_zero.message
    accuracy = CHAPTER.visible("q7", _run(WRONG["q7"][4][0]))
    assert "`accuracy`" in accuracy.message and "정확도가 아니라 손실" in accuracy.message
    swapped = CHAPTER.visible("q7", _run(WRONG["q7"][2][0]))
    assert "서로 바뀌었습니다" in swapped.message
    unnamed = CHAPTER.visible("q7", _run(WRONG["q7"][3][0]))
    assert "이름(label)이 없습니다" in unnamed.message
    val_only = CHAPTER.visible("q7", _run(WRONG["q7"][1][0]))
    assert "학습 손실(`loss`) 곡선이 없습니다" in val_only.message and "`val_loss`" in val_only.message
    open_figure = CHAPTER.visible("q7", _run(WRONG["q7"][7][0]))
    assert "이미 열려 있던 그림" in open_figure.message
    figure = CHAPTER.visible("q7", _run(WRONG["q7"][6][0]))
    assert "Figure" in figure.message
    object_input = CHAPTER.visible("q7", _run(WRONG["q7"][9][0]))
    assert "History 객체가 들어와도" in object_input.message


def test_history_plot_checks_close_every_figure_they_open():
    namespace = CHAPTER.solution("q7")
    before = plt.get_fignums()
    assert CHAPTER.visible("q7", namespace).passed
    assert CHAPTER.graded("q7", namespace).status is Status.CORRECT
    assert plt.get_fignums() == before
    wrong = _run(WRONG["q7"][7][0])  # draws on the figure the check opened
    before = plt.get_fignums()
    CHAPTER.visible("q7", wrong)
    assert plt.get_fignums() == before


def test_history_plot_accepts_other_correct_drawings():
    library = (  # the helper library's plot of the same curves
        "from course import plots\n"
        "def dl_history_plot(history):\n"
        "    return plots.plot_history(history).axes[0]\n"
    )
    shows_too = (  # shows the figure itself, as the lecture notes do, and still returns the Axes
        "def dl_history_plot(history):\n"
        "    records = history if isinstance(history, dict) else history.history\n"
        "    ax = plt.figure().add_subplot()\n"
        "    n = np.arange(1, len(records['loss']) + 1)\n"
        "    ax.plot(n, np.array(records['loss'], dtype=np.float32), 'o-', label=' 학습 손실 ')\n"
        "    ax.plot(n, records['val_loss'], 's--', label='검증 손실')\n"
        "    ax.set(xlabel='Epoch', ylabel='Loss')\n"
        "    plt.legend()\n"
        "    plt.show()\n"
        "    return ax\n"
    )
    for source in (library, shows_too):
        namespace = _run(source)
        assert CHAPTER.visible("q7", namespace).passed, source
        assert CHAPTER.graded("q7", namespace).status is Status.CORRECT, source


# ---------------------------------------------------------------------------
# 문제 8: the reading is checked against the learner's own history, the same way in both checks
# ---------------------------------------------------------------------------


def test_curve_reading_is_checked_against_the_learners_own_history():
    typed = 'curve_reading = {"history": history, "best_val_epoch": 5, "final_gap": 0.352}\n'
    namespace = _run(typed)  # right for this learner's records
    assert CHAPTER.visible("q8", namespace).passed
    assert CHAPTER.graded("q8", namespace).status is Status.CORRECT
    other = dict(OWN_RECORDS, val_loss=[1.0, 0.8, 0.7, 0.65, 0.6, 0.58, 0.57, 0.565])  # another run: still falling
    namespace = dict(_namespace(), history=FakeHistory(**other))
    exec(typed, namespace)
    for result in (CHAPTER.visible("q8", namespace), CHAPTER.graded("q8", namespace)):
        assert result.status is Status.INCORRECT and "`best_val_epoch`의 값이 5입니다" in result.message
        assert "8" not in result.message.split("입니다.")[1][:40]  # the right epoch (8) is not given away
    computed = CHAPTER.solution("q8")["curve_reading"]
    namespace = dict(_namespace(), history=FakeHistory(**other))
    exec(CHAPTER.cells_by_grade_id()["q8_answer"].source, namespace)
    assert CHAPTER.graded("q8", namespace).status is Status.CORRECT  # computed from history: right on any run
    assert computed["best_val_epoch"] == 5


def test_curve_reading_messages_name_the_known_mistakes():
    zero = _assert_incorrect("q8", _run(WRONG["q8"][0][0]), visible=True)
    assert "0부터 센 번호" in zero.message
    training = CHAPTER.visible("q8", _run(WRONG["q8"][1][0]))
    assert "학습 손실(`loss`)이 가장 낮았던 에폭" in training.message
    sign = CHAPTER.visible("q8", _run(WRONG["q8"][3][0]))
    assert "부호가 반대" in sign.message and "-0.352" in sign.message  # what was found, as always
    as_float = CHAPTER.visible("q8", _run(WRONG["q8"][5][0]))
    assert "정수(int)" in as_float.message and "float" in as_float.message
    no_history = CHAPTER.visible("q8", _run(WRONG["q8"][6][0]))
    assert "'history'" in no_history.message


def test_curve_reading_accepts_an_unrounded_gap_and_a_dict_history():
    source = (
        'records = history.history\n'
        'curve_reading = {"history": records, "best_val_epoch": np.argmin(records["val_loss"]) + 1,\n'
        '                 "final_gap": records["val_loss"][-1] - records["loss"][-1]}\n'
    )
    namespace = _run(source)
    assert CHAPTER.visible("q8", namespace).passed
    assert CHAPTER.graded("q8", namespace).status is Status.CORRECT
