"""The student-side half of every exercise: rule, hints, visible examples, self-check.

An exercise is declared as data in ``course.exercises.chNN`` and holds only what a student
may see: the variable to inspect, the rule in Korean, tiered hints and visible examples.
Expected values never appear here. A visible example's expected value is *sealed*: the
committed file ``course/exercises/sealed.json`` holds a salted, key-stretched hash of its
canonical, rounded form (:func:`seal`), generated from the instructor's grading keys. The
self-check hashes the learner's result the same way and compares digests.

What only grading sees (expected values, hidden cases, reference functions, choice answers)
lives in an instructor-only package that the hidden nbgrader test cells import afresh;
nothing a learner patches here can change a score.

Learners call:

- ``q1.check()``: the visible self-check, one styled Korean message. It never raises in a
  learner's session; under ``nbgrader validate`` (``NBGRADER_EXECUTION=validate``) a
  failed check raises :class:`ExerciseFailed`, so Validate tells the truth; under
  ``nbgrader autograde`` it stays silent and the hidden test decides.
- ``q1.hint()``: the next hint tier (``q1.hint(2)`` for a given tier). Each hint output
  carries ``{"dl_course": {"kind": "hint", ...}}`` metadata, so grading can count hint use.
"""

from __future__ import annotations

import contextlib
import copy
import enum
import hashlib
import html
import json
import math
import os
import re
import sys
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from course.korean import with_particle

__all__ = [
    "ChoiceMapExercise",
    "CustomExercise",
    "Example",
    "Exercise",
    "ExerciseFailed",
    "FunctionExercise",
    "Incorrect",
    "NotAttempted",
    "Result",
    "Status",
    "ValueExercise",
    "call_learner_function",
    "canonical",
    "describe",
    "seal",
    "values_match",
]

# Key stretching makes each guess of a sealed value cost ~25 ms: a brute-force search
# over a million candidate answers takes hours, while one self-check stays instant.
SEAL_ITERATIONS = 100_000
SEAL_PREFIX = "dl-course-ko"


class NotAttempted(Exception):
    """The learner has not answered yet (missing variable, placeholder, unfinished function)."""


class Incorrect(Exception):
    """The answer breaks the rule; the message says what was found and what the rule is."""


class ExerciseFailed(AssertionError):
    """Raised so that nbgrader scores a test cell zero.

    IPython calls ``_render_traceback_`` instead of printing a traceback, so a learner (and
    the feedback report) sees one Korean line rather than library internals or test code.
    """

    def _render_traceback_(self) -> list[str]:
        return [str(self)]


class Status(enum.Enum):
    CORRECT = "correct"
    FORMAT_OK = "format_ok"
    INCORRECT = "incorrect"
    NOT_ATTEMPTED = "not_attempted"
    HINT = "hint"


_STYLE = {
    Status.CORRECT: ("✅", "통과", "#e8f5e9", "#2e7d32"),
    Status.FORMAT_OK: ("☑️", "형식 확인", "#eef3f8", "#37474f"),
    Status.INCORRECT: ("❌", "다시 생각해 보세요", "#fdecea", "#c62828"),
    Status.NOT_ATTEMPTED: ("✏️", "아직 답이 없습니다", "#e3f2fd", "#1565c0"),
    Status.HINT: ("💡", "힌트", "#fff8e1", "#a84300"),
}
# The box sets its own text colour: a light box under a dark theme's light text would be unreadable.
# Every colour pair here has at least WCAG AA contrast (4.5:1), in light and dark themes alike.
_TEXT_COLOUR = "#1f2328"
_CODE_STYLE = f"background:rgba(0,0,0,0.07);color:{_TEXT_COLOUR};padding:0 3px;border-radius:3px"


@dataclass(frozen=True)
class Result:
    """One outcome of a check, shown as a styled box in Jupyter and as text elsewhere."""

    status: Status
    title: str
    message: str

    @property
    def passed(self) -> bool:
        """True when the self-check found nothing wrong (correct, or a complete choice map)."""
        return self.status in (Status.CORRECT, Status.FORMAT_OK)

    def __str__(self) -> str:
        icon, label, _, _ = _STYLE[self.status]
        return f"{icon} [{self.title}] {label}: {_markup(self.message, html_tags=False)}"

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython plain-text display
        printer.text(str(self))

    def _repr_html_(self) -> str:
        icon, label, background, colour = _STYLE[self.status]
        body = _markup(html.escape(self.message)).replace("\n", "<br>")
        return (
            f'<div style="background:{background};color:{_TEXT_COLOUR};border-left:6px solid {colour};'
            f'padding:8px 12px;margin:4px 0;border-radius:4px;line-height:1.6">'
            f'<b style="color:{colour}">{icon} {html.escape(self.title)} · {label}</b>'
            f"<br>{body}</div>"
        )


_CODE_SPAN = re.compile(r"(`[^`]+`)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _markup(text: str, *, html_tags: bool = True) -> str:
    """The little Markdown the messages use: `code` and **bold** (never inside code).

    ``html_tags=False`` (plain text) keeps the backticks and drops the ``**``.
    """
    parts = []
    for part in _CODE_SPAN.split(text):
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            parts.append(f'<code style="{_CODE_STYLE}">{part[1:-1]}</code>' if html_tags else part)
        else:
            parts.append(_BOLD.sub(r"<strong>\1</strong>" if html_tags else r"\1", part))
    return "".join(parts)


def show(result: Result, metadata: Mapping[str, Any] | None = None) -> None:
    """Display a result: rich in IPython (with output metadata), printed text elsewhere."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        print(result)
        return
    if get_ipython() is None:
        print(result)
    else:
        display(result, metadata=dict(metadata or {}))


def learner_namespace() -> Mapping[str, Any]:
    """The namespace the learner's cells run in (IPython's user namespace, else __main__)."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # pragma: no cover
        shell = None
    if shell is not None:
        return shell.user_ns
    return vars(sys.modules["__main__"])


@contextlib.contextmanager
def quiet_warnings():
    """Warnings raised by a learner's code while it is checked stay out of the output: nbgrader
    scores a test cell with any stderr output as 0, even for a correct answer."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def nbgrader_execution() -> str:
    """``"validate"`` or ``"autograde"`` while nbgrader runs the notebook, else ``""``."""
    return os.environ.get("NBGRADER_EXECUTION", "")


# ---------------------------------------------------------------------------
# Describing and comparing values
# ---------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """NumPy scalars as plain Python numbers, inside tuples, lists and dicts too."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (tuple, list)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def describe(value: Any, limit: int = 120) -> str:
    """A short, readable description of a value for feedback messages."""
    value = _plain(value)
    if isinstance(value, np.ndarray):
        text = np.array2string(value, threshold=12, edgeitems=3, separator=", ")
        text = f"배열 shape={value.shape} {text}"
    elif callable(value) and hasattr(value, "__name__"):
        text = f"함수 {value.__name__}"
    elif hasattr(value, "shape") and hasattr(value, "columns"):  # DataFrame-like
        text = f"데이터프레임 shape={tuple(value.shape)}"
    elif isinstance(value, float):
        text = f"{value:.6g}"
    else:
        text = repr(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_number(value: Any) -> bool:
    """An int or float (NumPy's too), but not a bool."""
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


# Relative slack for rounding noise of large values only; the tolerance itself is absolute.
_FLOAT_NOISE = 1e-12


def values_match(got: Any, expected: Any, tolerance: float = 1e-6) -> bool:
    """Compare an answer with an expected value: numbers within an absolute ``tolerance``
    (the same grid a sealed value is rounded to), arrays by shape and value, strings after
    trimming spaces, mappings key by key."""
    if isinstance(expected, (bool, np.bool_)):
        return isinstance(got, (bool, np.bool_)) and bool(got) == bool(expected)
    if is_number(expected):
        return is_number(got) and math.isclose(float(got), float(expected), rel_tol=_FLOAT_NOISE, abs_tol=tolerance)
    if isinstance(expected, str):
        return isinstance(got, str) and got.strip() == expected.strip()
    if isinstance(expected, Mapping):
        return (
            isinstance(got, Mapping)
            and set(got) == set(expected)
            and all(values_match(got[key], expected[key], tolerance) for key in expected)
        )
    if isinstance(expected, (list, tuple, np.ndarray)):
        if isinstance(got, (str, bytes, Mapping)) or not isinstance(got, (list, tuple, np.ndarray)):
            return False
        try:
            got_array, expected_array = np.asarray(got), np.asarray(expected)
        except (ValueError, TypeError):
            return False
        if got_array.shape != expected_array.shape:
            return False
        if expected_array.dtype.kind in "iufb" and got_array.dtype.kind in "iufb":
            return bool(np.allclose(got_array, expected_array, rtol=_FLOAT_NOISE, atol=tolerance))
        return all(values_match(g, e, tolerance) for g, e in zip(list(got), list(expected)))
    return got == expected


# ---------------------------------------------------------------------------
# Sealed expected values
# ---------------------------------------------------------------------------


def _canonical_number(value: float, tolerance: float) -> str:
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return str(int(round(value / tolerance)))


def _canonical_tree(value: Any, tolerance: float) -> Any:
    """A JSON-able form of ``value`` that :func:`values_match` would not tell apart.

    Numbers become multiples of ``tolerance`` (so two values with the same canonical form
    differ by less than ``tolerance``); lists, tuples and arrays become their shape and
    items; strings are trimmed; mappings are sorted by key.
    """
    if isinstance(value, (bool, np.bool_)):
        return ["bool", bool(value)]
    if is_number(value):
        return ["num", _canonical_number(value, tolerance)]
    if isinstance(value, str):
        return ["str", value.strip()]
    if isinstance(value, Mapping):
        return ["map", sorted([repr(key), _canonical_tree(item, tolerance)] for key, item in value.items())]
    if isinstance(value, (list, tuple, np.ndarray)):
        try:
            array = np.asarray(value)
        except (ValueError, TypeError):
            array = None
        if array is not None and array.dtype.kind in "iufb":
            flat = [_canonical_number(x, tolerance) for x in array.astype(float).ravel()]
            return ["array", list(array.shape), flat]
        if array is not None and array.ndim > 0:
            return ["seq", list(array.shape[:1]), [_canonical_tree(item, tolerance) for item in list(value)]]
        return ["seq", [len(value)], [_canonical_tree(item, tolerance) for item in list(value)]]
    if value is None:
        return ["none"]
    return ["other", type(value).__name__, repr(value)]


def canonical(value: Any, tolerance: float = 1e-6) -> str:
    """The canonical text of a value (see :func:`_canonical_tree`)."""
    return json.dumps(_canonical_tree(_plain(value), tolerance), ensure_ascii=False, separators=(",", ":"))


def seal(value: Any, salt: str, tolerance: float = 1e-6) -> str:
    """A salted, key-stretched hash of the canonical form of ``value`` (hex, 32 digits)."""
    digest = hashlib.pbkdf2_hmac(
        "sha256", canonical(value, tolerance).encode("utf-8"), f"{SEAL_PREFIX}:{salt}".encode("utf-8"), SEAL_ITERATIONS
    )
    return digest.hex()[:32]


@lru_cache(maxsize=1)
def _sealed_table() -> dict[str, list[str]]:
    text = resources.files("course.exercises").joinpath("sealed.json").read_text(encoding="utf-8")
    return json.loads(text)


def sealed_digests(exercise_id: str) -> list[str]:
    """The sealed digests of one exercise's visible examples, in order."""
    try:
        return list(_sealed_table()[exercise_id])
    except KeyError:
        raise LookupError(
            f"No sealed values for {exercise_id}: the course package is out of date. Download the "
            "chapter's notebook again (instructors: regenerate the answer keys)."
        ) from None


# ---------------------------------------------------------------------------
# Calling a learner's function
# ---------------------------------------------------------------------------


def call_learner_function(name: str, function: Any, *args: Any) -> Any:
    """Call a learner's function, turning its failures into Korean outcomes.

    ``NotImplementedError`` (nbgrader's placeholder) means not attempted; any other error
    becomes :class:`Incorrect` naming the call and the error, never a traceback.
    """
    if not callable(function):
        raise Incorrect(f"{with_particle(name, '은', code=True)} 함수여야 하는데, 지금 값은 {describe(function)}입니다. `def {name}(...):`로 정의하세요.")
    try:
        return function(*args)
    except NotImplementedError:
        raise NotAttempted(f"`{name}` 함수의 본문을 아직 완성하지 않았습니다.") from None
    except Exception as error:
        call = f"{name}({', '.join(describe(a, 40) for a in args)})"
        raise Incorrect(f"`{call}` 실행 중 오류가 났습니다: {type(error).__name__}: {error}") from None


@dataclass(frozen=True)
class Example:
    """One visible call of a learner's function: positional ``args`` (the expected return is sealed).

    ``label`` names big inputs in messages (e.g. ``"기계 A의 y_true, y_pred"``) where a
    shortened array would not tell the learner which input it was. ``why`` names the rule
    this example stands for, shown when it fails (e.g. ``"레이블이 문자열이어도"``).
    """

    args: tuple
    label: str = ""
    why: str = ""

    def call_text(self, name: str) -> str:
        if self.label:
            return f"{name}({self.label})"
        return f"{name}({', '.join(describe(a, 40) for a in self.args)})"

    def because(self) -> str:
        return f" ({self.why})" if self.why else ""

    def call(self, name: str, function: Any, rule: str) -> Any:
        """Call the learner's function on a copy of the arguments; a crash names this example's rule."""
        try:
            return call_learner_function(name, function, *copy.deepcopy(self.args))
        except Incorrect as error:
            raise Incorrect(f"{error}{self.because()}. {rule}") from None


# ---------------------------------------------------------------------------
# Exercises
# ---------------------------------------------------------------------------


@dataclass
class Exercise:
    """The student-visible declaration of one exercise. Subclasses implement :meth:`verify`.

    Attributes:
        chapter: the chapter id, e.g. ``"02_terminology"``.
        name: ``"q1"`` … (the notebook's variable and the nbgrader grade ids ``q1_answer``/``q1_test``).
        title: shown in every message, e.g. ``"문제 3"``.
        var: the learner's variable or function name.
        points: points of the nbgrader test cell (a lint test checks they agree).
        rule: the rule in Korean; shown when an answer is wrong. Never the answer itself.
        hints: tiered hints, gentlest first; the last one leads to the method, never the value.
        on_correct: a short takeaway shown with a correct answer.
        graded_also: what grading checks beyond the visible examples, in Korean (e.g.
            "다른 레이블 구성 4가지"); empty when grading checks exactly what the self-check does.
    """

    chapter: str
    name: str
    title: str
    var: str
    points: int
    rule: str
    hints: Sequence[str] = ()
    on_correct: str = ""
    graded_also: str = ""
    _hints_shown: int = field(default=0, init=False, repr=False, compare=False)

    @property
    def id(self) -> str:
        return f"{self.chapter}/{self.name}"

    # --- strategy, implemented by subclasses -------------------------------------------
    def verify(self, value: Any) -> str:
        """Raise :class:`Incorrect` or :class:`NotAttempted`; return what was checked, in Korean."""
        raise NotImplementedError

    def passed_status(self) -> Status:
        return Status.CORRECT

    # --- shared machinery ------------------------------------------------------------
    def lookup(self, namespace: Mapping[str, Any] | None) -> Any:
        """The learner's value of ``var``; :class:`NotAttempted` when missing or a placeholder."""
        namespace = learner_namespace() if namespace is None else namespace
        if self.var not in namespace:
            raise NotAttempted(
                f"{with_particle(self.var, '이', code=True)} 아직 정의되지 않았습니다. 답 셀에 코드를 작성하고 실행(Shift+Enter)한 뒤 다시 확인하세요."
            )
        value = namespace[self.var]
        if value is Ellipsis:
            raise NotAttempted(f"`{self.var}`에 아직 빈칸 `...`이 그대로 있습니다. `...`을 지우고 답을 채워 넣으세요.")
        if value is None:
            raise NotAttempted(f"`{self.var}`의 값이 아직 `None`입니다. 답을 채워 넣으세요.")
        return value

    def evaluate(self, namespace: Mapping[str, Any] | None = None) -> Result:
        """Run the visible self-check and return a :class:`Result` (never raises)."""
        hint = f" 막히면 `{self.name}.hint()`를 실행해 보세요."
        try:
            with quiet_warnings():
                checked = self.verify(self.lookup(namespace))
        except NotAttempted as reason:
            return Result(Status.NOT_ATTEMPTED, self.title, f"{reason}{hint}")
        except Incorrect as reason:
            return Result(Status.INCORRECT, self.title, f"{reason}{hint}")
        except Exception as error:  # a check must never show a traceback to a learner
            return Result(
                Status.INCORRECT,
                self.title,
                f"`{self.var}` 확인 중 오류가 났습니다 ({type(error).__name__}: {error}). {self.rule}",
            )
        status = self.passed_status()
        if status is Status.FORMAT_OK:
            return Result(status, self.title, checked)
        message = checked
        if self.graded_also:
            message += f" 채점 때는 {self.graded_also}도 확인합니다."
        if self.on_correct:
            message += f" {self.on_correct}"
        return Result(status, self.title, message)

    def check(self, namespace: Mapping[str, Any] | None = None) -> None:
        """Visible self-check: show one styled Korean message.

        Under ``nbgrader validate`` a failed check raises :class:`ExerciseFailed`; under
        ``nbgrader autograde`` nothing is shown (the hidden test reports instead).
        """
        mode = nbgrader_execution()
        if mode == "autograde":
            return
        result = self.evaluate(namespace)
        show(result)
        if mode == "validate" and not result.passed:
            raise ExerciseFailed(str(result))

    def hint(self, level: int | None = None) -> None:
        """Show the next hint tier, or tier ``level`` (1-based)."""
        if not self.hints:
            show(Result(Status.HINT, self.title, "이 문제에는 힌트가 없습니다. 설명을 다시 읽어 보세요."))
            return
        if level is None:
            self._hints_shown = min(self._hints_shown + 1, len(self.hints))
            level = self._hints_shown
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= len(self.hints):
            show(Result(Status.HINT, self.title, f"힌트 번호는 1부터 {len(self.hints)}까지입니다."))
            return
        more = " 다시 실행하면 더 자세한 힌트가 나옵니다." if level < len(self.hints) else ""
        usage = {"kind": "hint", "chapter": self.chapter, "exercise": self.name, "level": level, "levels": len(self.hints)}
        show(
            Result(Status.HINT, self.title, f"({level}/{len(self.hints)}) {self.hints[level - 1]}{more}"),
            metadata={"dl_course": usage},
        )


def _passed_examples(count: int) -> str:
    return "공개 예시를 통과했습니다." if count == 1 else f"공개 예시 {count}개를 모두 통과했습니다."


@dataclass
class FunctionExercise(Exercise):
    """The learner writes a function ``var``; it is called on the visible ``examples``.

    Each example's expected return is sealed (``sealed.json``), compared after rounding to
    ``tolerance``. Optional public hooks, none of which may compute the answer:

    - ``before(function)``: property checks on the function first (e.g. its signature);
    - ``inputs_check(before, after)``: raises :class:`Incorrect` when the function changed
      its arguments (``before`` are copies taken before the call);
    - ``reduce(args, result, call)``: checks the form the prompt states (type, shape) and
      returns the plain values that are sealed and graded (e.g. a DataFrame's columns);
    - ``explain(args, got, call)``: names a known mistake behind a wrong result (e.g. data
      leakage), never the right value; ``""`` when it recognises nothing.
    """

    examples: Sequence[Example] = ()
    tolerance: float = 1e-6
    before: Callable[[Any], None] | None = None
    inputs_check: Callable[[tuple, tuple], None] | None = None
    reduce: Callable[[tuple, Any, str], Any] | None = None
    explain: Callable[[tuple, Any, str], str] | None = None

    def outcome(self, function: Any, args: tuple, call: str, because: str = "") -> Any:
        """Call the learner's function on copies of ``args``; return the (reduced) result."""
        args = copy.deepcopy(args)
        before = copy.deepcopy(args) if self.inputs_check is not None else args
        try:
            result = call_learner_function(self.var, function, *args)
        except Incorrect as error:
            raise Incorrect(f"{error}{because}. {self.rule}") from None
        if self.inputs_check is not None:
            self.inputs_check(before, args)
        return self.reduce(before, result, call) if self.reduce is not None else result

    def mismatch(self, got: Any, args: tuple, call: str, because: str = "") -> Incorrect:
        """The :class:`Incorrect` for a wrong result: what was found, never what was expected."""
        reason = self.explain(args, got, call) if self.explain is not None else ""
        return Incorrect(reason or f"`{call}`의 결과가 {describe(got)}입니다{because}. {self.rule}")

    def expect_function(self, value: Any) -> None:
        if not callable(value):
            raise Incorrect(f"{with_particle(self.var, '은', code=True)} 함수여야 하는데, 지금 값은 {describe(value)}입니다. `def {self.var}(...):`로 정의하세요.")
        if self.before is not None:
            self.before(value)

    def verify(self, value: Any) -> str:
        self.expect_function(value)
        digests = sealed_digests(self.id)
        if len(digests) != len(self.examples):
            raise LookupError(f"{self.id}: {len(self.examples)} examples but {len(digests)} sealed values.")
        for index, (example, digest) in enumerate(zip(self.examples, digests)):
            call = example.call_text(self.var)
            got = self.outcome(value, example.args, call, example.because())
            if seal(got, f"{self.id}/{index}", self.tolerance) != digest:
                raise self.mismatch(got, example.args, call, example.because())
        return _passed_examples(len(self.examples))


@dataclass
class ValueExercise(Exercise):
    """The learner stores one value in ``var``; it is compared with a sealed value.

    ``kind`` is a short Korean description of the expected type for messages ("정수", "실수");
    ``accepts`` (optional) rejects values of the wrong type or shape before the comparison.
    """

    tolerance: float = 1e-6
    kind: str = "숫자"
    accepts: Callable[[Any], bool] = is_number

    def verify(self, value: Any) -> str:
        if not self.accepts(value):
            raise Incorrect(f"`{self.var}`에는 {with_particle(self.kind, '이')} 필요한데, 지금 값은 {describe(value)}입니다. {self.rule}")
        (digest,) = sealed_digests(self.id)
        if seal(value, f"{self.id}/0", self.tolerance) != digest:
            raise Incorrect(f"`{self.var}`의 값이 {describe(value)}입니다. {self.rule}")
        return "값이 맞습니다."


@dataclass
class CustomExercise(Exercise):
    """Checking is done by ``verifier(value)``, which raises :class:`Incorrect` with a Korean
    message and returns what it checked (a Korean sentence). It checks the rules the prompt
    states; it must not compute the reference answer (seal expected outputs instead)."""

    verifier: Callable[[Any], str | None] | None = None
    # For grading outside the learner's kernel, when the value cannot cross as data or as calls
    # (e.g. a function that builds Keras tensors): ``transfer(value)`` runs in the kernel and
    # returns data; ``rebuild(data)`` runs in the judge and returns what ``verifier`` checks.
    transfer: Callable[[Any], Any] | None = None
    rebuild: Callable[[Any], Any] | None = None

    def verify(self, value: Any) -> str:
        checked = self.verifier(value) if self.verifier is not None else None
        return checked or "공개 검사를 모두 통과했습니다."


@dataclass
class ChoiceMapExercise(Exercise):
    """The learner fills a dict that maps each of ``keys`` to one of ``choices``.

    The self-check is not an oracle: it confirms the map is complete and every value is a
    valid choice. Correctness and explanations come with the graded feedback.
    """

    choices: Sequence[str] = ()
    keys: Sequence[str] = ()

    def passed_status(self) -> Status:
        return Status.FORMAT_OK

    def verify(self, value: Any) -> str:
        if not isinstance(value, Mapping):
            raise Incorrect(f"{with_particle(self.var, '은', code=True)} 딕셔너리(dict)여야 하는데, 지금 값은 {describe(value)}입니다.")
        missing = [key for key in self.keys if key not in value]
        if missing:
            raise Incorrect(f"`{self.var}`에 {', '.join(map(repr, missing))} 항목이 없습니다. 모든 항목에 답하세요.")
        extra = [key for key in value if key not in self.keys]
        if extra:
            raise Incorrect(f"`{self.var}`에 없는 항목 {', '.join(map(repr, extra))}이(가) 있습니다. 주어진 항목만 채우세요.")
        unfilled = [key for key in self.keys if value[key] in (None, Ellipsis, "")]
        if len(unfilled) == len(self.keys):
            raise NotAttempted(f"`{self.var}`의 항목이 모두 비어 있습니다. 각 항목에 답을 채워 넣으세요.")
        if unfilled:
            raise Incorrect(f"`{self.var}`의 {', '.join(map(repr, unfilled))} 항목이 아직 비어 있습니다. 모든 항목에 답하세요.")
        options = ", ".join(repr(c) for c in self.choices)
        invalid = [key for key in self.keys if not isinstance(value[key], str) or value[key].strip() not in self.choices]
        if invalid:
            raise Incorrect(
                f"`{self.var}`의 {', '.join(map(repr, invalid))} 항목은 고를 수 있는 답이 아닙니다. 다음 중에서 고르세요: {options}."
            )
        return (
            f"{len(self.keys)}개 항목 모두 고를 수 있는 답으로 채웠습니다. 정답 여부와 해설은 채점 뒤 피드백에서 알려 드립니다 "
            "(자가 점검은 정답을 알려 주지 않습니다)."
        )
