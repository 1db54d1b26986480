"""Exercises declared as data, checked with one friendly Korean message.

An exercise names the student's variable, states the rule in Korean and lists tiered
hints; a subclass picks the checking strategy (a value, a choice, a function run on
test cases, or a custom verifier). Learners call:

- ``q1.check()``: visible self-check, shows one styled message and never raises;
- ``q1.hint()``: the next hint tier (``q1.hint(2)`` for a given tier);
- ``q1.grade()``: used by the hidden nbgrader test cell; runs the visible and the hidden
  checks and raises :class:`ExerciseFailed` (shown as one Korean line, no traceback).

Messages name the variable, show what was found and state the rule; they never show the
expected value. Outcomes travel as exceptions (:class:`NotAttempted`, :class:`Incorrect`)
and are turned into a :class:`Result` in one place, :meth:`Exercise.evaluate`.
"""

from __future__ import annotations

import enum
import html
import math
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np

__all__ = [
    "Case",
    "ChoiceExercise",
    "ChoiceMapExercise",
    "CustomExercise",
    "Exercise",
    "ExerciseFailed",
    "FunctionExercise",
    "Incorrect",
    "NotAttempted",
    "Result",
    "Status",
    "ValueExercise",
    "call_learner_function",
    "describe",
    "values_match",
]


class NotAttempted(Exception):
    """The learner has not answered yet (missing variable, placeholder, unfinished function)."""


class Incorrect(Exception):
    """The answer breaks the rule; the message says what was found and what the rule is."""


class ExerciseFailed(AssertionError):
    """Raised by :meth:`Exercise.grade` so that nbgrader scores the test cell zero.

    IPython calls ``_render_traceback_`` instead of printing a traceback, so a learner (and
    the feedback report) sees one Korean line rather than library internals or test code.
    """

    def _render_traceback_(self) -> list[str]:
        return [str(self)]


class Status(enum.Enum):
    CORRECT = "correct"
    INCORRECT = "incorrect"
    NOT_ATTEMPTED = "not_attempted"
    HINT = "hint"


_STYLE = {
    Status.CORRECT: ("✅", "정답입니다", "#e8f5e9", "#2e7d32"),
    Status.INCORRECT: ("❌", "다시 생각해 보세요", "#fdecea", "#c62828"),
    Status.NOT_ATTEMPTED: ("✏️", "아직 답이 없습니다", "#e3f2fd", "#1565c0"),
    Status.HINT: ("💡", "힌트", "#fff8e1", "#ef6c00"),
}


@dataclass(frozen=True)
class Result:
    """One outcome of a check, shown as a styled box in Jupyter and as text elsewhere."""

    status: Status
    title: str
    message: str

    @property
    def passed(self) -> bool:
        return self.status is Status.CORRECT

    def __str__(self) -> str:
        icon, label, _, _ = _STYLE[self.status]
        return f"{icon} [{self.title}] {label}: {self.message}"

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython plain-text display
        printer.text(str(self))

    def _repr_html_(self) -> str:
        icon, label, background, colour = _STYLE[self.status]
        body = _inline_code(html.escape(self.message)).replace("\n", "<br>")
        return (
            f'<div style="background:{background};border-left:6px solid {colour};'
            f'padding:8px 12px;margin:4px 0;border-radius:4px;line-height:1.6">'
            f'<b style="color:{colour}">{icon} {html.escape(self.title)} · {label}</b>'
            f"<br>{body}</div>"
        )


def _inline_code(text: str) -> str:
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", text)


def _show(result: Result) -> None:
    """Display a result: rich in IPython, printed text elsewhere."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython is a dependency
        print(result)
        return
    if get_ipython() is None:
        print(result)
    else:
        display(result)


def _learner_namespace() -> Mapping[str, Any]:
    """The namespace the learner's cells run in (IPython's user namespace, else __main__)."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # pragma: no cover
        shell = None
    if shell is not None:
        return shell.user_ns
    return vars(sys.modules["__main__"])


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


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def values_match(got: Any, expected: Any, tolerance: float = 1e-6) -> bool:
    """Compare an answer with an expected value: numbers within a tolerance, arrays by
    shape and value, strings after trimming spaces, mappings key by key."""
    if isinstance(expected, (bool, np.bool_)):
        return isinstance(got, (bool, np.bool_)) and bool(got) == bool(expected)
    if _is_number(expected):
        return _is_number(got) and math.isclose(float(got), float(expected), rel_tol=tolerance, abs_tol=tolerance)
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
            return bool(np.allclose(got_array, expected_array, rtol=tolerance, atol=tolerance))
        return all(values_match(g, e, tolerance) for g, e in zip(list(got), list(expected)))
    return got == expected


@dataclass
class Exercise:
    """An exercise declared as data. Subclasses implement :meth:`verify`.

    Attributes:
        title: shown in every message, e.g. ``"문제 3"``.
        var: the learner's variable or function name.
        points: points of the nbgrader test cell (a lint test checks they agree).
        rule: the rule in Korean; shown when an answer is wrong. Never the answer itself.
        hints: tiered hints, gentlest first.
        on_correct: a short takeaway shown with a correct answer.
    """

    title: str
    var: str
    points: int
    rule: str
    hints: Sequence[str] = ()
    on_correct: str = ""
    _hints_shown: int = field(default=0, init=False, repr=False, compare=False)

    # --- strategy, implemented by subclasses -------------------------------------------
    def verify(self, value: Any) -> None:
        """Raise :class:`Incorrect` or :class:`NotAttempted` unless ``value`` is right."""
        raise NotImplementedError

    def verify_hidden(self, value: Any) -> None:
        """Extra checks that only the grader runs (other inputs, stricter cases)."""

    # --- shared machinery ------------------------------------------------------------
    def _lookup(self, namespace: Mapping[str, Any] | None) -> Any:
        namespace = _learner_namespace() if namespace is None else namespace
        if self.var not in namespace:
            raise NotAttempted(
                f"`{self.var}`이(가) 아직 정의되지 않았습니다. 답 셀에 코드를 작성하고 실행(Shift+Enter)한 뒤 다시 확인하세요."
            )
        value = namespace[self.var]
        if value is None or value is Ellipsis:
            raise NotAttempted(f"`{self.var}`의 값이 아직 `{value!r}`입니다. 답을 채워 넣으세요.")
        return value

    def evaluate(self, namespace: Mapping[str, Any] | None = None, *, hidden: bool = False) -> Result:
        """Check the learner's answer and return a :class:`Result` (never raises)."""
        try:
            value = self._lookup(namespace)
            self.verify(value)
            if hidden:
                self.verify_hidden(value)
        except NotAttempted as reason:
            return Result(Status.NOT_ATTEMPTED, self.title, f"{reason} 막히면 `{self._hint_call()}`를 실행해 보세요.")
        except Incorrect as reason:
            return Result(Status.INCORRECT, self.title, f"{reason} 막히면 `{self._hint_call()}`를 실행해 보세요.")
        except Exception as error:  # a check must never show a traceback to a learner
            return Result(
                Status.INCORRECT,
                self.title,
                f"`{self.var}` 확인 중 오류가 났습니다 ({type(error).__name__}: {error}). {self.rule}",
            )
        message = "잘했습니다! 🎉" + (f" {self.on_correct}" if self.on_correct else "")
        return Result(Status.CORRECT, self.title, message)

    def _hint_call(self) -> str:
        for name, value in _learner_namespace().items():
            if value is self and not name.startswith("_"):
                return f"{name}.hint()"
        return "hint()"

    def check(self, namespace: Mapping[str, Any] | None = None) -> None:
        """Visible self-check: show one styled Korean message."""
        _show(self.evaluate(namespace))

    def grade(self, namespace: Mapping[str, Any] | None = None) -> None:
        """Hidden test: run visible and hidden checks; raise :class:`ExerciseFailed` if wrong."""
        result = self.evaluate(namespace, hidden=True)
        if not result.passed:
            raise ExerciseFailed(str(result))
        _show(result)

    def hint(self, level: int | None = None) -> None:
        """Show the next hint tier, or tier ``level`` (1-based)."""
        if not self.hints:
            _show(Result(Status.HINT, self.title, "이 문제에는 힌트가 없습니다. 설명을 다시 읽어 보세요."))
            return
        if level is None:
            self._hints_shown = min(self._hints_shown + 1, len(self.hints))
            level = self._hints_shown
        if not isinstance(level, int) or not 1 <= level <= len(self.hints):
            _show(Result(Status.HINT, self.title, f"힌트 번호는 1부터 {len(self.hints)}까지입니다."))
            return
        more = " 다시 실행하면 더 자세한 힌트가 나옵니다." if level < len(self.hints) else ""
        _show(Result(Status.HINT, self.title, f"({level}/{len(self.hints)}) {self.hints[level - 1]}{more}"))


@dataclass
class ValueExercise(Exercise):
    """The learner stores a value in ``var``; it must match ``expected``."""

    expected: Any = None
    tolerance: float = 1e-6

    def verify(self, value: Any) -> None:
        if _is_number(self.expected) and not _is_number(value):
            raise Incorrect(f"`{self.var}`에는 숫자가 필요한데, 지금 값은 {describe(value)}입니다. {self.rule}")
        if not values_match(value, self.expected, self.tolerance):
            raise Incorrect(f"`{self.var}`의 값이 {describe(value)}입니다. {self.rule}")


@dataclass
class ChoiceExercise(Exercise):
    """The learner picks one of ``choices``; ``answer`` is the right one."""

    choices: Sequence[str] = ()
    answer: str = ""

    def verify(self, value: Any) -> None:
        options = ", ".join(repr(c) for c in self.choices)
        picked = value.strip() if isinstance(value, str) else value
        if picked not in self.choices:
            raise Incorrect(f"`{self.var}`의 지금 값은 {describe(value)}입니다. 다음 중 하나를 문자열로 쓰세요: {options}.")
        if picked != self.answer:
            raise Incorrect(f"`{self.var}`에 고른 답 {picked!r}은(는) 맞지 않습니다. {self.rule}")


@dataclass
class ChoiceMapExercise(Exercise):
    """The learner fills a dict that maps each item to one of ``choices``."""

    choices: Sequence[str] = ()
    answers: Mapping[str, str] = field(default_factory=dict)

    def verify(self, value: Any) -> None:
        if not isinstance(value, Mapping):
            raise Incorrect(f"`{self.var}`은(는) 딕셔너리(dict)여야 하는데, 지금 값은 {describe(value)}입니다.")
        missing = [key for key in self.answers if key not in value]
        unfilled = [key for key in self.answers if key in value and value[key] in (None, Ellipsis, "")]
        if missing:
            raise Incorrect(f"`{self.var}`에 {', '.join(map(repr, missing))} 항목이 없습니다. 모든 항목에 답하세요.")
        if len(unfilled) == len(self.answers):
            raise NotAttempted(f"`{self.var}`의 항목이 모두 비어 있습니다. 각 항목에 답을 채워 넣으세요.")
        options = ", ".join(repr(c) for c in self.choices)
        invalid = [key for key in self.answers if not isinstance(value[key], str) or value[key].strip() not in self.choices]
        if invalid:
            raise Incorrect(
                f"`{self.var}`의 {', '.join(map(repr, invalid))} 항목은 고를 수 있는 답이 아닙니다. 다음 중에서 고르세요: {options}."
            )
        wrong = [key for key, answer in self.answers.items() if value[key].strip() != answer]
        if wrong:
            raise Incorrect(
                f"{len(self.answers)}개 중 {len(self.answers) - len(wrong)}개가 맞았습니다. "
                f"{', '.join(map(repr, wrong))} 항목을 다시 생각해 보세요. {self.rule}"
            )


def call_learner_function(name: str, function: Any, *args: Any) -> Any:
    """Call a learner's function, turning its failures into Korean outcomes.

    ``NotImplementedError`` (nbgrader's placeholder) means not attempted; any other error
    becomes :class:`Incorrect` naming the call and the error, never a traceback.
    """
    if not callable(function):
        raise Incorrect(f"`{name}`은(는) 함수여야 하는데, 지금 값은 {describe(function)}입니다. `def {name}(...):`로 정의하세요.")
    try:
        return function(*args)
    except NotImplementedError:
        raise NotAttempted(f"`{name}` 함수의 본문을 아직 완성하지 않았습니다.") from None
    except Exception as error:
        call = f"{name}({', '.join(describe(a, 40) for a in args)})"
        raise Incorrect(f"`{call}` 실행 중 오류가 났습니다: {type(error).__name__}: {error}") from None


@dataclass(frozen=True)
class Case:
    """One call of a learner's function: positional ``args`` and the ``expected`` return.

    ``label`` names big inputs in feedback (e.g. ``"기계 A의 y_true, y_pred"``) where a
    shortened array would not tell the learner which input it was.
    """

    args: tuple
    expected: Any
    label: str = ""

    def call_text(self, name: str) -> str:
        if self.label:
            return f"{name}({self.label})"
        return f"{name}({', '.join(describe(a, 40) for a in self.args)})"


@dataclass
class FunctionExercise(Exercise):
    """The learner writes a function ``var``; it is called on visible and hidden cases."""

    cases: Sequence[Case] = ()
    hidden_cases: Sequence[Case] = ()
    tolerance: float = 1e-6

    def _run(self, function: Any, cases: Sequence[Case]) -> None:
        for case in cases:
            got = call_learner_function(self.var, function, *case.args)
            if not values_match(got, case.expected, self.tolerance):
                raise Incorrect(f"`{case.call_text(self.var)}`의 결과가 {describe(got)}입니다. {self.rule}")

    def verify(self, value: Any) -> None:
        self._run(value, self.cases)

    def verify_hidden(self, value: Any) -> None:
        self._run(value, self.hidden_cases)


@dataclass
class CustomExercise(Exercise):
    """Checking is done by functions that raise :class:`Incorrect` with a Korean message.

    ``verifier(value)`` runs for the self-check; ``hidden_verifier(value)`` only when graded.
    """

    verifier: Callable[[Any], None] | None = None
    hidden_verifier: Callable[[Any], None] | None = None

    def verify(self, value: Any) -> None:
        if self.verifier is not None:
            self.verifier(value)

    def verify_hidden(self, value: Any) -> None:
        if self.hidden_verifier is not None:
            self.hidden_verifier(value)
