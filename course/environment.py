"""Prepare a notebook in one call: seeds, quiet TensorFlow, Korean plot font, plot captions.

Every notebook starts with::

    from course import setup
    info = setup()          # seed 42

which prints one Korean line such as::

    ✅ 실습 환경 준비 완료 | 실행 위치: 로컬 | 장치: CPU | TensorFlow 2.21.0 · Keras 3.15.1
    | 시드 42 | 한글 글꼴: NanumGothic

(on one line) and returns a :class:`RuntimeInfo`.

TensorFlow is imported lazily inside :func:`setup`, so ``import course`` stays fast and
works on a machine without TensorFlow.

Under IPython (Jupyter, Colab, Kaggle), :func:`setup` also shows every matplotlib figure that
carries a ``course.plots`` summary as HTML: the image with the Korean summary as its alt text and
a visible caption (:func:`course.plots.summary_html`). Other figures display as before.
"""

from __future__ import annotations

import glob
import importlib.util
import logging
import os
import random
import sys
from dataclasses import dataclass

import numpy as np

from course.bootstrap import detect_platform

__all__ = [
    "RuntimeInfo",
    "detect_platform",
    "setup",
    "show_figure_summaries",
    "use_korean_font",
]

# Substrings of installed font names that render Hangul (last-resort fallback).
_KOREAN_FONT_NAMES = ("Nanum", "Noto Sans CJK KR", "Malgun Gothic", "AppleGothic")
# Listed first, with the Korean font as per-glyph fallback for Hangul: mathtext (log-axis
# tick labels such as 10⁻¹) uses only the first family, and NanumGothic lacks U+2212 "−",
# "ŷ" and "✓". Ships with matplotlib.
_LATIN_FAMILY = "DejaVu Sans"
_SYSTEM_FONT_DIR = "/usr/share/fonts"

_PLATFORM_NAMES = {"local": "로컬", "colab": "Colab", "kaggle": "Kaggle"}
_TF_INSTALL_HINT = "TensorFlow 없음 (로컬: pip install tensorflow-cpu, Colab·Kaggle에는 이미 설치됨)"


@dataclass(frozen=True)
class RuntimeInfo:
    """What :func:`setup` found and did.

    Attributes
    ----------
    platform : {"local", "colab", "kaggle"}
    device : {"CPU", "GPU"}
    gpu_count : int
    tensorflow, keras : str or None
        Versions, or None when the package is not installed.
    seed : int
    font : str or None
        Matplotlib family used for Korean text, or None when none was found.
    gpu_name : str or None
        Name of the first GPU when TensorFlow reports one.
    """

    platform: str
    device: str
    gpu_count: int
    tensorflow: str | None
    keras: str | None
    seed: int
    font: str | None
    gpu_name: str | None = None

    def summary(self) -> str:
        """One Korean line describing the runtime (what :func:`setup` prints)."""
        if self.device == "GPU":
            device = f"GPU {self.gpu_count}개"
            if self.gpu_name:
                device += f" ({self.gpu_name})"
        else:
            device = "CPU"
        if self.tensorflow is None:
            libs = _TF_INSTALL_HINT
        else:
            libs = f"TensorFlow {self.tensorflow}"
            if self.keras is not None:
                libs += f" · Keras {self.keras}"
        font = self.font if self.font else "없음 (pip install koreanize-matplotlib)"
        parts = [
            "✅ 실습 환경 준비 완료",
            f"실행 위치: {_PLATFORM_NAMES.get(self.platform, self.platform)}",
            f"장치: {device}",
            libs,
            f"시드 {self.seed}",
            f"한글 글꼴: {font}",
        ]
        return " | ".join(parts)


# ---------------------------------------------------------------------------
# Korean font
# ---------------------------------------------------------------------------


def _bundled_font_files() -> list[str]:
    """NanumGothic files shipped inside koreanize-matplotlib, found without importing it.

    Importing the package fails on Python 3.12 (it imports ``distutils``).
    """
    try:
        spec = importlib.util.find_spec("koreanize_matplotlib")
    except (ImportError, ValueError):
        return []
    if spec is None or not spec.submodule_search_locations:
        return []
    files: list[str] = []
    for location in spec.submodule_search_locations:
        files += glob.glob(os.path.join(location, "**", "*.ttf"), recursive=True)
    return _regular_first(files)


def _system_nanum_files(font_dir: str = _SYSTEM_FONT_DIR) -> list[str]:
    """NanumGothic files from Debian's ``fonts-nanum`` package."""
    files = glob.glob(os.path.join(font_dir, "**", "NanumGothic*.ttf"), recursive=True)
    return _regular_first(files)


def _regular_first(files: list[str]) -> list[str]:
    """Sort font files so that the regular weight (``NanumGothic.ttf``) comes first."""
    return sorted(files, key=lambda f: (os.path.basename(f).lower() != "nanumgothic.ttf", f))


def _register_fonts(files: list[str]) -> str | None:
    """Add font files to matplotlib (once each) and return the first one's family name."""
    from matplotlib import font_manager

    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    family = None
    for path in files:
        try:
            if path not in known:
                font_manager.fontManager.addfont(path)
            name = font_manager.FontProperties(fname=path).get_name()
        except (OSError, RuntimeError, ValueError):
            continue
        family = family or name
    return family


def _installed_korean_family() -> str | None:
    """Name of an already-installed font that renders Hangul, if any."""
    from matplotlib import font_manager

    names = sorted({entry.name for entry in font_manager.fontManager.ttflist})
    for wanted in _KOREAN_FONT_NAMES:
        for name in names:
            if wanted in name:
                return name
    return None


def use_korean_font() -> str | None:
    """Make matplotlib render Hangul; return the family name used, or None.

    Looks, in order, for the NanumGothic files bundled with koreanize-matplotlib (without
    importing it), Debian's ``fonts-nanum`` files, then any installed font named Nanum,
    Noto Sans CJK KR, Malgun Gothic or AppleGothic. Sets ``font.family`` to DejaVu Sans
    followed by that family, so Latin text, digits and math come from DejaVu Sans and Hangul
    falls back to the Korean font, and ``axes.unicode_minus = False``
    (NanumGothic has no U+2212 minus sign). Prints a one-line Korean warning when no font
    is found; never raises for that.
    """
    import matplotlib

    family = (
        _register_fonts(_bundled_font_files())
        or _register_fonts(_system_nanum_files())
        or _installed_korean_family()
    )
    if family is None:
        print(
            "⚠️ 한글 글꼴을 찾지 못해 그래프의 한글이 네모(□)로 보일 수 있습니다. "
            "`pip install koreanize-matplotlib` 로 설치한 뒤 커널을 다시 시작하세요."
        )
        return None
    matplotlib.rcParams["font.family"] = [_LATIN_FAMILY, family]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return family


# ---------------------------------------------------------------------------
# Seeds and TensorFlow
# ---------------------------------------------------------------------------


def _check_seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(
            f"seed는 0 이상의 정수(int)여야 합니다. 받은 값: {seed!r} ({type(seed).__name__}). "
            "예: setup(seed=42)"
        )
    if seed < 0:
        raise ValueError(f"seed는 0 이상의 정수여야 합니다. 받은 값: {seed}. 예: setup(seed=42)")
    return int(seed)


def _quiet_tensorflow_logs() -> None:
    """Hide TensorFlow's C++ info/warning logs; must run before TensorFlow is imported."""
    # 3 also hides C++ "E0000 ..." lines that TF 2.21 prints during ordinary fit(); Python
    # exceptions are unaffected.
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    logging.getLogger("tensorflow").setLevel(logging.ERROR)
    try:
        from absl import logging as absl_logging
    except ImportError:
        return
    absl_logging.set_verbosity(absl_logging.ERROR)


class _NoNativeStderr:
    """Send file descriptor 2 to /dev/null inside the block and restore it afterwards.

    TensorFlow 2.21's C++ code writes "WARNING: All log messages before absl::InitializeLog()…"
    and "oneDNN custom operations are on…" straight to descriptor 2 while it is imported, even
    with ``TF_CPP_MIN_LOG_LEVEL=3``; Jupyter kernels forward that descriptor as red stderr
    output. Python's ``sys.stderr`` is left alone, so Python warnings and errors still show.
    """

    def __enter__(self):
        self._saved = None
        try:
            sys.stderr.flush()
        except (AttributeError, OSError, ValueError):
            pass
        try:
            self._saved = os.dup(2)
            devnull = os.open(os.devnull, os.O_WRONLY)
        except OSError:  # no descriptor 2 (some embedded interpreters): nothing to hide
            if self._saved is not None:
                os.close(self._saved)
                self._saved = None
            return self
        try:
            os.dup2(devnull, 2)
        finally:
            os.close(devnull)
        return self

    def __exit__(self, *exc_info):
        if self._saved is not None:
            os.dup2(self._saved, 2)
            os.close(self._saved)
        return False


def _import_tensorflow(quiet: bool = True):
    """Return the tensorflow module, or None when it is not installed.

    With ``quiet`` the import's native stderr lines are dropped (see :class:`_NoNativeStderr`).
    Nothing about TensorFlow's numerics changes (``TF_ENABLE_ONEDNN_OPTS`` is not touched).
    """
    if "tensorflow" in sys.modules:
        return sys.modules["tensorflow"]
    if importlib.util.find_spec("tensorflow") is None:
        return None
    try:
        if quiet:
            with _NoNativeStderr():
                import tensorflow as tf
        else:
            import tensorflow as tf
    except ImportError:
        return None
    return tf


def _import_keras():
    """Return the ``keras`` module, or None when it is not installed."""
    try:
        import keras
    except ImportError:
        return None
    return keras


def _gpus(tf) -> tuple[int, str | None]:
    """Number of visible GPUs and the first one's name (None if unknown)."""
    gpus = tf.config.list_physical_devices("GPU")
    if not gpus:
        return 0, None
    try:
        name = tf.config.experimental.get_device_details(gpus[0]).get("device_name")
    except (RuntimeError, ValueError, AttributeError):
        name = None
    return len(gpus), name


def show_figure_summaries() -> bool:
    """Make IPython show figures that carry a ``course.plots`` summary with alt text and a caption.

    Registers :func:`course.plots.summary_html` as the ``text/html`` formatter of matplotlib
    figures; figures without a summary still display as a plain PNG. Returns False, doing
    nothing, outside IPython (IPython is never imported here).

    The formatter is registered for ``FigureBase``, the base class of ``Figure``: matplotlib-inline
    removes every printer registered for ``Figure`` itself when it configures the inline backend
    (at the first figure after ``setup()``, and at each ``%matplotlib inline``), and IPython looks
    printers up along the class hierarchy.
    """
    ipython = sys.modules.get("IPython")
    get_ipython = getattr(ipython, "get_ipython", None)
    shell = get_ipython() if get_ipython is not None else None
    formatters = getattr(getattr(shell, "display_formatter", None), "formatters", None)
    if not formatters or "text/html" not in formatters:
        return False
    from matplotlib.figure import FigureBase

    from course.plots import summary_html

    formatters["text/html"].for_type(FigureBase, summary_html)
    return True


def setup(
    seed: int = 42,
    *,
    quiet: bool = True,
    determinism: bool = True,
    font: bool = True,
) -> RuntimeInfo:
    """Prepare the notebook: seeds, TensorFlow logs, Korean font; print one summary line.

    Parameters
    ----------
    seed : int, default 42
        Non-negative seed for Python ``random``, NumPy and Keras/TensorFlow.
    quiet : bool, default True
        Hide TensorFlow's C++ logs (``TF_CPP_MIN_LOG_LEVEL=3``) and its
        Python logger below ERROR. Python warnings stay visible.
    determinism : bool, default True
        Call ``tf.config.experimental.enable_op_determinism()`` so that training runs are
        repeatable (may be slower on a GPU).
    font : bool, default True
        Call :func:`use_korean_font`.

    Under IPython it also calls :func:`show_figure_summaries`, so figures drawn by
    ``course.plots`` show their Korean description as alt text and as a caption.

    Returns
    -------
    RuntimeInfo
        Its :meth:`RuntimeInfo.summary` line is printed.
    """
    seed = _check_seed(seed)
    if quiet:
        _quiet_tensorflow_logs()

    random.seed(seed)
    np.random.seed(seed)

    tf = _import_tensorflow(quiet)
    keras = _import_keras() if tf is not None else None
    if quiet and tf is not None:
        tf.get_logger().setLevel(logging.ERROR)
    if keras is not None:
        keras.utils.set_random_seed(seed)  # also seeds random, NumPy and TensorFlow
    elif tf is not None:
        tf.random.set_seed(seed)
    if tf is not None and determinism:
        tf.config.experimental.enable_op_determinism()

    gpu_count, gpu_name = _gpus(tf) if tf is not None else (0, None)
    info = RuntimeInfo(
        platform=detect_platform(),
        device="GPU" if gpu_count else "CPU",
        gpu_count=gpu_count,
        tensorflow=getattr(tf, "__version__", None),
        keras=getattr(keras, "__version__", None),
        seed=seed,
        font=use_korean_font() if font else None,
        gpu_name=gpu_name,
    )
    show_figure_summaries()
    print(info.summary())
    return info
