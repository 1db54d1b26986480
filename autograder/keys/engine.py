"""Keys: the grading-only half of an exercise, paired with its public declaration.

A key re-runs the public checks with plain expected values (not sealed digests), then the
hidden ones, and returns one :class:`course.checks.Result`. It also produces the sealed
digests of the visible examples that ``course/exercises/sealed.json`` ships to students.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from course.checks import (
    ChoiceMapExercise,
    Exercise,
    FunctionExercise,
    Incorrect,
    NotAttempted,
    Result,
    Status,
    ValueExercise,
    describe,
    quiet_warnings,
    seal,
    values_match,
)
from course.korean import with_particle

__all__ = ["Case", "ChoiceKey", "CustomKey", "FunctionKey", "Key", "ValueKey", "unstable_numbers"]


@dataclass(frozen=True)
class Case:
    """One hidden call of a learner's function: positional ``args`` and the ``expected`` return."""

    args: tuple
    expected: Any
    label: str = ""

    def call_text(self, name: str) -> str:
        if self.label:
            return f"{name}({self.label})"
        return f"{name}({', '.join(describe(a, 40) for a in self.args)})"


@dataclass
class Key:
    """Grading of one exercise. Subclasses implement :meth:`verify` and, if sealed, :meth:`digests`."""

    exercise: Exercise

    def verify(self, value: Any) -> str:
        """Raise :class:`Incorrect` or :class:`NotAttempted`; return what was checked, in Korean."""
        raise NotImplementedError

    def digests(self) -> list[str]:
        """Sealed digests of the visible examples, in order (empty when nothing is sealed)."""
        return []

    def sealed_values(self) -> list[Any]:
        """The plain values behind :meth:`digests` (for the stability check)."""
        return []

    def evaluate(self, namespace: Mapping[str, Any] | None = None) -> Result:
        """Grade the learner's answer; never raises."""
        title = self.exercise.title
        try:
            with quiet_warnings():
                summary = self.verify(self.exercise.lookup(namespace))
        except NotAttempted as reason:
            return Result(Status.NOT_ATTEMPTED, title, f"{reason} (채점: 0점)")
        except Incorrect as reason:
            return Result(Status.INCORRECT, title, f"{reason} (채점: 0점)")
        except Exception as error:  # grading must never show a traceback
            return Result(
                Status.INCORRECT,
                title,
                f"`{self.exercise.var}` 채점 중 오류가 났습니다 ({type(error).__name__}: {error}). {self.exercise.rule} (채점: 0점)",
            )
        takeaway = f" {self.exercise.on_correct}" if self.exercise.on_correct else ""
        return Result(Status.CORRECT, title, f"정답입니다 ({self.exercise.points}점). {summary}{takeaway}")


def _salt(exercise: Exercise, index: int) -> str:
    return f"{exercise.id}/{index}"


@dataclass
class FunctionKey(Key):
    """Expected returns of the public examples, in order, and hidden cases.

    ``hidden_verifier(function)`` (optional) runs extra hidden property checks.
    """

    exercise: FunctionExercise
    expected: Sequence[Any] = ()
    hidden: Sequence[Case] = ()
    hidden_verifier: Callable[[Any], None] | None = None

    def __post_init__(self) -> None:
        if len(self.expected) != len(self.exercise.examples):
            raise ValueError(
                f"{self.exercise.id}: {len(self.exercise.examples)} public examples but {len(self.expected)} expected values."
            )

    def verify(self, value: Any) -> str:
        exercise = self.exercise
        exercise.expect_function(value)
        for example, expected in zip(exercise.examples, self.expected):
            call = example.call_text(exercise.var)
            got = exercise.outcome(value, example.args, call, example.because())
            if not values_match(got, expected, exercise.tolerance):
                raise exercise.mismatch(got, example.args, call, example.because())
        for case in self.hidden:
            call = f"채점 사례 {case.call_text(exercise.var)}"
            got = exercise.outcome(value, case.args, call)
            if not values_match(got, case.expected, exercise.tolerance):
                raise exercise.mismatch(got, case.args, call)
        if self.hidden_verifier is not None:
            self.hidden_verifier(value)
        return f"공개 예시 {len(self.expected)}개와 채점 사례를 모두 통과했습니다."

    def digests(self) -> list[str]:
        return [seal(value, _salt(self.exercise, i), self.exercise.tolerance) for i, value in enumerate(self.expected)]

    def sealed_values(self) -> list[Any]:
        return list(self.expected)


@dataclass
class ValueKey(Key):
    exercise: ValueExercise
    expected: Any = None

    def verify(self, value: Any) -> str:
        exercise = self.exercise
        if not exercise.accepts(value):
            raise Incorrect(f"`{exercise.var}`에는 {with_particle(exercise.kind, '이')} 필요한데, 지금 값은 {describe(value)}입니다. {exercise.rule}")
        if not values_match(value, self.expected, exercise.tolerance):
            raise Incorrect(f"`{exercise.var}`의 값이 {describe(value)}입니다. {exercise.rule}")
        return "값이 맞습니다."

    def digests(self) -> list[str]:
        return [seal(self.expected, _salt(self.exercise, 0), self.exercise.tolerance)]

    def sealed_values(self) -> list[Any]:
        return [self.expected]


@dataclass
class CustomKey(Key):
    """The public checks, then ``hidden_verifier(value)`` (raises :class:`Incorrect`).

    ``summary`` says what grading checked, shown with a correct answer.
    """

    hidden_verifier: Callable[[Any], None] | None = None
    summary: str = "공개 검사와 채점 검사를 모두 통과했습니다."

    def verify(self, value: Any) -> str:
        self.exercise.verify(value)
        if self.hidden_verifier is not None:
            self.hidden_verifier(value)
        return self.summary


@dataclass
class ChoiceKey(Key):
    """The answer of every item and a short explanation of each, shown with the graded feedback."""

    exercise: ChoiceMapExercise
    answers: Mapping[str, str] = field(default_factory=dict)
    explanations: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        keys = list(self.exercise.keys)
        if list(self.answers) != keys or set(self.explanations) != set(keys):
            raise ValueError(f"{self.exercise.id}: answers and explanations must cover exactly the items {keys}.")
        invalid = [a for a in self.answers.values() if a not in self.exercise.choices]
        if invalid:
            raise ValueError(f"{self.exercise.id}: answers {invalid} are not among the choices.")

    def verify(self, value: Any) -> str:
        self.exercise.verify(value)
        wrong = [key for key, answer in self.answers.items() if value[key].strip() != answer]
        if wrong:
            notes = " ".join(f"'{key}': {self.explanations[key]}" for key in wrong)
            right = len(self.answers) - len(wrong)
            raise Incorrect(f"{len(self.answers)}개 중 {right}개가 맞았습니다. 틀린 항목의 해설: {notes}")
        return f"{len(self.answers)}개 항목이 모두 맞았습니다."


def unstable_numbers(value: Any, tolerance: float) -> list[float]:
    """Numbers in ``value`` that lie near a rounding boundary of the sealed form.

    A correct answer computed another way differs in the last bits; if the expected value is
    within 1/20 of a rounding step from a boundary, that answer could round the other way.
    """
    found = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, np.ndarray):
            if item.dtype.kind in "iufb":
                stack.extend(item.astype(float).ravel().tolist())
            else:
                stack.extend(item.tolist())
        elif isinstance(item, (int, float, np.integer, np.floating)) and not isinstance(item, (bool, np.bool_)):
            steps = float(item) / tolerance
            if math.isfinite(steps) and abs(abs(steps - math.floor(steps)) - 0.5) < 0.05:
                found.append(float(item))
    return found
