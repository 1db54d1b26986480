"""What the first cell of a released notebook does once ``course`` is importable.

The first cell carries this whole package as a zip: when
``course`` is not installed it extracts it to a temporary folder, puts that folder first on
``sys.path`` and calls :func:`prepare` with the chapter id. :func:`prepare` then

- checks that the runtime already has the scientific stack (NumPy, pandas, Matplotlib,
  scikit-learn, TensorFlow, Keras, IPython): those are never installed from here;
- installs only what the chapter needs and the runtime lacks (``CHAPTER_PACKAGES``), plus the
  optional Korean font package, with pip and a constraints file that pins every installed
  distribution, so nothing already there is upgraded or downgraded;
- prints one line, or raises :class:`CourseSetupError`, whose one Korean line IPython shows
  instead of a traceback, and which stops "Run all".

Only the standard library is used here: this runs before anything else is known to work.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import re
import site
import subprocess
import sys
import tempfile

from course.korean import with_particle

__all__ = ["CHAPTER_PACKAGES", "CourseSetupError", "OPTIONAL_PACKAGES", "REQUIRED_MODULES", "prepare"]

# import name -> pip name. Present on Colab and Kaggle; locally they come with the course's venv.
REQUIRED_MODULES = {
    "numpy": "numpy",
    "pandas": "pandas",
    "matplotlib": "matplotlib",
    "sklearn": "scikit-learn",
    "tensorflow": "tensorflow",
    "keras": "keras",
    "IPython": "ipython",
}
# What a chapter needs beyond the runtime's own packages: chapter id -> {import name: pip name}.
# The one place that says which chapter needs what (Colab lacks keras-tuner; Kaggle has it).
# seaborn: Colab and Kaggle have it; a plain local Python gets it here (or the Korean line saying what to install).
CHAPTER_PACKAGES: dict[str, dict[str, str]] = {
    "03_data_prep": {"seaborn": "seaborn"},
    "05_evaluation": {"keras_tuner": "keras-tuner", "seaborn": "seaborn"},
    "06_cnn": {"mlxtend": "mlxtend"},
    "07_rnn": {"statsmodels": "statsmodels"},
    "08_xai": {"shap": "shap", "mlxtend": "mlxtend"},
}
# Installed when missing and possible; without it setup() prints a Korean warning and goes on.
OPTIONAL_PACKAGES = {"koreanize_matplotlib": "koreanize-matplotlib"}

_PIP_TAIL_LINES = 8


class CourseSetupError(RuntimeError):
    """The runtime cannot run this notebook; the message says what to do, in one Korean line."""

    def _render_traceback_(self):  # IPython shows these lines instead of a traceback
        return [f"❌ {self}"]


def detect_platform(environ=None, modules=None) -> str:
    """Return ``"kaggle"``, ``"colab"`` or ``"local"``.

    Kaggle is tested first: its image is built on Colab's and also sets ``COLAB_RELEASE_TAG``.

    Parameters
    ----------
    environ : mapping, optional
        Environment variables; defaults to ``os.environ``.
    modules : mapping, optional
        Imported modules; defaults to ``sys.modules``.
    """
    environ = os.environ if environ is None else environ
    modules = sys.modules if modules is None else modules
    if "KAGGLE_KERNEL_RUN_TYPE" in environ or "KAGGLE_URL_BASE" in environ:
        return "kaggle"
    if "google.colab" in modules or "COLAB_RELEASE_TAG" in environ:
        return "colab"
    return "local"


def missing(modules: dict[str, str]) -> list[str]:
    """pip names of the entries whose import name cannot be found (nothing is imported)."""
    absent = []
    for module, requirement in modules.items():
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            absent.append(requirement)
    return absent


_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_VERSION = re.compile(r"^[0-9][A-Za-z0-9.+!_-]*$")


def installed_pins() -> list[str]:
    """``name==version`` for every installed distribution (the one first on sys.path wins)."""
    pins: dict[str, str] = {}
    for dist in importlib.metadata.distributions():
        try:
            name, version = dist.metadata["Name"], dist.version
        except Exception:  # broken metadata of some unrelated package
            continue
        if not name or not version or not _NAME.match(name) or not _VERSION.match(version):
            continue
        pins.setdefault(re.sub(r"[-_.]+", "-", name).lower(), f"{name}=={version}")
    return sorted(pins.values(), key=str.lower)


def pip_install(requirements: list[str], *, retries: int = 2) -> subprocess.CompletedProcess:
    """``pip install -c <every installed version> requirements``: additions only, output captured."""
    with tempfile.NamedTemporaryFile("w", suffix="-constraints.txt", delete=False, encoding="utf-8") as handle:
        handle.write("\n".join(installed_pins()) + "\n")
    try:
        command = [
            sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "--no-input",
            "--progress-bar", "off", "--retries", str(retries), "--timeout", "20",
            "-c", handle.name, *requirements,
        ]
        result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    finally:
        os.unlink(handle.name)
    importlib.invalidate_caches()
    user_site = site.getusersitepackages() if hasattr(site, "getusersitepackages") else None
    if user_site and os.path.isdir(user_site) and user_site not in sys.path:
        site.addsitedir(user_site)  # pip fell back to a user install into a folder new to this process
    return result


def _tail(result: subprocess.CompletedProcess) -> str:
    lines = [line for line in (result.stderr or result.stdout or "").splitlines() if line.strip()]
    return "\n".join(lines[-_PIP_TAIL_LINES:])


def _base_fix(platform: str, absent: list[str]) -> str:
    names = ", ".join(absent)
    if platform == "local":
        hint = "가상환경에서 `pip install tensorflow-cpu scikit-learn pandas matplotlib ipython`을 실행한 뒤 커널을 다시 시작하세요"
    else:
        hint = "런타임을 초기화(런타임 > 런타임 연결 해제 및 삭제)한 뒤 다시 실행하세요"
    return f"이 실행 환경에 {with_particle(names, '이')} 없습니다. {hint}."


def _install_fix(platform: str, absent: list[str]) -> str:
    names = " ".join(absent)
    if platform == "kaggle":
        hint = "오른쪽 Settings 패널에서 Internet을 켠 뒤(휴대폰 인증 필요) 이 셀을 다시 실행하세요"
    elif platform == "colab":
        hint = "인터넷 연결을 확인하고 이 셀을 다시 실행하세요"
    else:
        hint = f"인터넷 연결을 확인하거나 터미널에서 `pip install {names}`을 실행한 뒤 커널을 다시 시작하세요"
    return f"{with_particle(names, '을')} 설치하지 못했습니다. {hint}."


def prepare(chapter: str | None = None) -> None:
    """Make sure this runtime can run ``chapter``; install only what it lacks; print one line.

    Raises :class:`CourseSetupError` (one Korean line, no traceback in IPython) when the
    runtime lacks the scientific stack or a package the chapter needs cannot be installed.
    """
    platform = detect_platform()
    absent = missing(REQUIRED_MODULES)
    if absent:
        raise CourseSetupError(_base_fix(platform, absent))
    if chapter is None:  # a header built without a chapter: everything any chapter may need
        needed = {module: name for packages in CHAPTER_PACKAGES.values() for module, name in packages.items()}
    else:
        needed = CHAPTER_PACKAGES.get(chapter, {})
    installed = []
    required = missing(needed)
    if required:
        print(f"📦 {', '.join(required)} 설치 중 (1분 안쪽) ...", flush=True)
        result = pip_install(required)
        still = missing({m: n for m, n in needed.items() if n in required})
        if result.returncode != 0 or still:
            print(_tail(result))
            raise CourseSetupError(_install_fix(platform, required))
        installed += required
    optional = missing(OPTIONAL_PACKAGES)
    if optional and pip_install(optional, retries=0).returncode == 0 and not missing(OPTIONAL_PACKAGES):
        installed += optional
    extra = f" (새로 설치: {', '.join(installed)})" if installed else ""
    print(f"✅ 도우미 라이브러리 course 준비 완료{extra}. 다음 셀로 넘어가세요.")
