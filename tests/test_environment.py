"""Tests for course.environment: seeds, quiet TensorFlow, Korean font, platform detection."""

import dataclasses
import logging
import os
import random
import shutil
import subprocess
import sys
import warnings
from io import BytesIO

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from course import environment  # noqa: E402
from course.environment import (  # noqa: E402
    RuntimeInfo,
    detect_platform,
    setup,
    use_korean_font,
)


def _draws_after_setup(seed):
    """Python, NumPy and Keras random draws right after setup(seed)."""
    import keras

    setup(seed)
    layer = keras.layers.Dense(4)
    layer.build((None, 3))
    return random.random(), np.random.rand(3), np.asarray(layer.kernel)


# --- setup (imports TensorFlow; keep these few) ---------------------------------------


def test_setup_returns_runtime_info_and_prints_summary(capsys):
    import keras
    import tensorflow as tf

    info = setup(123)
    printed = capsys.readouterr().out.strip()

    assert isinstance(info, RuntimeInfo)
    assert info.seed == 123
    assert info.tensorflow == tf.__version__
    assert info.keras == keras.__version__
    assert info.platform == "local"
    assert (info.device == "GPU") == (info.gpu_count > 0)
    assert info.font is not None and matplotlib.rcParams["font.family"] == ["DejaVu Sans", info.font]
    assert printed == info.summary()
    assert "실행 위치" in printed and f"TensorFlow {tf.__version__}" in printed and "시드 123" in printed
    assert os.environ["TF_CPP_MIN_LOG_LEVEL"] == "3"
    assert tf.get_logger().level == logging.ERROR
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.seed = 1


def test_setup_same_seed_gives_same_random_numbers_and_keras_weights():
    first = _draws_after_setup(7)
    second = _draws_after_setup(7)
    other = _draws_after_setup(8)

    assert first[0] == second[0]
    np.testing.assert_array_equal(first[1], second[1])
    np.testing.assert_array_equal(first[2], second[2])
    assert not np.array_equal(first[1], other[1])
    assert not np.array_equal(first[2], other[2])


def test_setup_determinism_flag_controls_op_determinism(monkeypatch):
    import tensorflow as tf

    calls = []
    monkeypatch.setattr(tf.config.experimental, "enable_op_determinism", lambda: calls.append(1))
    setup(1, font=False, determinism=False)
    assert calls == []
    info = setup(1, font=False, determinism=True)
    assert calls == [1]
    assert info.font is None


def test_setup_without_tensorflow_still_seeds_and_reports(monkeypatch, capsys):
    monkeypatch.setattr(environment, "_import_tensorflow", lambda *args, **kwargs: None)
    info = setup(5, font=False)
    a = np.random.rand(3)
    setup(5, font=False)
    b = np.random.rand(3)
    out = capsys.readouterr().out

    np.testing.assert_array_equal(a, b)
    assert info.tensorflow is None and info.keras is None and info.device == "CPU"
    assert "TensorFlow 없음" in out and "pip install tensorflow-cpu" in out


@pytest.mark.parametrize(
    "seed, error",
    [(-1, ValueError), (True, TypeError), (1.5, TypeError), ("42", TypeError), (None, TypeError)],
)
def test_setup_rejects_invalid_seed(seed, error):
    with pytest.raises(error, match="seed"):
        setup(seed)


# --- pure parts -----------------------------------------------------------------------


def test_import_course_and_font_setup_import_neither_tensorflow_nor_koreanize():
    code = (
        "import sys, course, course.environment as e\n"
        "assert 'tensorflow' not in sys.modules\n"
        "assert e.use_korean_font() == 'NanumGothic'\n"
        "assert 'koreanize_matplotlib' not in sys.modules, 'imported koreanize_matplotlib'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "environ, modules, expected",
    [
        ({}, {"google.colab": object()}, "colab"),
        ({"COLAB_RELEASE_TAG": "release-colab_20250101"}, {}, "colab"),
        ({"KAGGLE_KERNEL_RUN_TYPE": "Interactive"}, {}, "kaggle"),
        # Kaggle's image is built on Colab's and sets COLAB_RELEASE_TAG too: Kaggle wins.
        ({"KAGGLE_KERNEL_RUN_TYPE": "Batch", "COLAB_RELEASE_TAG": "release-colab_20250101"}, {}, "kaggle"),
        ({"KAGGLE_URL_BASE": "https://www.kaggle.com", "COLAB_RELEASE_TAG": "x"}, {"google.colab": object()}, "kaggle"),
        ({"HOME": "/home/student"}, {"numpy": np}, "local"),
    ],
)
def test_detect_platform(environ, modules, expected):
    assert detect_platform(environ=environ, modules=modules) == expected


def test_summary_line_for_gpu_and_missing_tensorflow():
    gpu = RuntimeInfo("colab", "GPU", 1, "2.19.0", "3.10.0", 42, "NanumGothic", "NVIDIA T4")
    assert "실행 위치: Colab" in gpu.summary()
    assert "장치: GPU 1개 (NVIDIA T4)" in gpu.summary()
    assert "TensorFlow 2.19.0 · Keras 3.10.0" in gpu.summary()

    bare = RuntimeInfo("kaggle", "CPU", 0, None, None, 0, None)
    assert "실행 위치: Kaggle" in bare.summary()
    assert "TensorFlow 없음" in bare.summary()
    assert "pip install koreanize-matplotlib" in bare.summary()


# --- Korean font ----------------------------------------------------------------------


def test_use_korean_font_renders_hangul_without_glyph_warnings():
    family = use_korean_font()
    assert family is not None
    props = font_manager.FontProperties(family=family)
    path = font_manager.findfont(props, fallback_to_default=False)
    assert "nanum" in os.path.basename(path).lower()
    assert matplotlib.rcParams["axes.unicode_minus"] is False

    fig, ax = plt.subplots()
    try:
        ax.set_title("한글 제목: 학습 곡선")
        ax.set_xlabel("에폭(Epoch)")
        ax.plot([-1, 0, 1], label="검증 손실")
        ax.legend()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig.savefig(BytesIO(), format="png")
    finally:
        plt.close(fig)
    glyph_warnings = [str(w.message) for w in caught if "Glyph" in str(w.message)]
    assert glyph_warnings == []


def test_use_korean_font_twice_registers_each_file_once():
    use_korean_font()
    before = len(font_manager.fontManager.ttflist)
    use_korean_font()
    assert len(font_manager.fontManager.ttflist) == before


def test_system_nanum_files_found_regular_first(tmp_path):
    bundled = environment._bundled_font_files()
    assert os.path.basename(bundled[0]) == "NanumGothic.ttf"
    folder = tmp_path / "truetype" / "nanum"
    folder.mkdir(parents=True)
    for path in bundled:
        shutil.copy(path, folder)
    found = environment._system_nanum_files(str(tmp_path))
    assert len(found) == len(bundled)
    assert os.path.basename(found[0]) == "NanumGothic.ttf"


def test_use_korean_font_warns_in_korean_when_no_font(monkeypatch, capsys):
    monkeypatch.setattr(environment, "_bundled_font_files", lambda: [])
    monkeypatch.setattr(environment, "_system_nanum_files", lambda: [])
    monkeypatch.setattr(environment, "_installed_korean_family", lambda: None)
    assert use_korean_font() is None
    out = capsys.readouterr().out
    assert "한글 글꼴" in out and "pip install koreanize-matplotlib" in out
    assert out.count("\n") == 1


def test_log_axis_ticks_and_hangul_render_without_missing_glyphs():
    """Mathtext tick labels (10^-1) use the first family; Hangul must still fall back to the Korean font."""
    import logging

    from course.environment import use_korean_font

    use_korean_font()
    fig, ax = plt.subplots()
    ax.set_yscale("log")
    ax.plot([0.01, 0.1, 1, 10], label="학습 손실")
    ax.set_title("한글 제목")
    ax.legend()
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logging.getLogger("matplotlib").addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig.savefig(BytesIO())
    finally:
        logging.getLogger("matplotlib").removeHandler(handler)
        plt.close(fig)
    problems = [str(w.message) for w in caught] + [r.getMessage() for r in records]
    assert not [p for p in problems if "glyph" in p.lower()], problems


# --- figure captions in IPython -------------------------------------------------------------


def test_show_figure_summaries_registers_html_for_figures_with_a_summary_only(monkeypatch):
    import types

    from IPython.core.formatters import DisplayFormatter

    from course import plots

    assert environment.show_figure_summaries() is False  # plain Python: no IPython shell
    monkeypatch.delitem(sys.modules, "IPython", raising=False)
    assert environment.show_figure_summaries() is False  # IPython not even imported

    shell = types.SimpleNamespace(display_formatter=DisplayFormatter())
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell))
    assert environment.show_figure_summaries() is True

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Glyph")  # no Korean font in this process
        described = plots.plot_history({"loss": [1.0, 0.5]})
        plain, ax = plt.subplots()
        ax.plot([1, 2])
        html_formatter = shell.display_formatter.formatters["text/html"]
        assert html_formatter(described) == plots.summary_html(described) and "<figure" in html_formatter(described)
        assert html_formatter(plain) is None
    plt.close("all")
