"""Grading keys: what only grading may see. Instructor-only; never part of a release.

Each chapter's module ``autograder.keys.chNN`` pairs every public exercise declaration
(``course.exercises.chNN.qN``) with its key: the expected values of the visible examples,
hidden cases, hidden verifiers, and the answers and explanations of choice questions.

The hidden part of every nbgrader test cell (see :func:`hidden_test_source`) first drops
``course`` and ``autograder`` from ``sys.modules`` and then calls
:func:`autograder.judge_client.grade`. While grading, that hands the exercise to the judge
outside the sandbox (:mod:`autograder.judge`), which runs these keys; this package is never
in the sandbox. Elsewhere (an instructor running a source notebook) it calls :func:`grade`
here, in the same kernel.
"""

from __future__ import annotations

import importlib
from typing import Any, Mapping

from autograder.keys.engine import ChoiceKey, CustomKey, FunctionKey, Key, ValueKey

__all__ = ["ChoiceKey", "CustomKey", "FunctionKey", "Key", "ValueKey", "grade", "hidden_test_source", "key_for", "keys_of"]

_PURGE = 'import sys; [sys.modules.pop(m) for m in list(sys.modules) if m.split(".")[0] in ("course", "autograder")]'


def module_name(chapter: str) -> str:
    """``"02_terminology"`` → ``"autograder.keys.ch02"``."""
    return f"autograder.keys.ch{chapter[:2]}"


def keys_of(chapter: str) -> dict[str, Key]:
    """Every key of a chapter, by exercise name (``q1`` …), in order."""
    module = importlib.import_module(module_name(chapter))
    return {name: getattr(module, name) for name in module.__all__}


def key_for(chapter: str, name: str) -> Key:
    keys = keys_of(chapter)
    if name not in keys:
        raise LookupError(f"{module_name(chapter)} has no key {name!r}; it has {', '.join(keys)}.")
    return keys[name]


def grade(chapter: str, name: str, namespace: Mapping[str, Any] | None = None) -> None:
    """The hidden test of one exercise: show the graded result; raise if it is not correct."""
    from course.checks import ExerciseFailed, show

    result = key_for(chapter, name).evaluate(namespace)
    # The verdict travels in the output's metadata: grading requires a passing one (see
    # autograder.preprocessors.GuardTestOutputs), so swallowing the error below does not pay.
    show(result, metadata={"dl_course": {"kind": "verdict", "chapter": chapter, "exercise": name, "passed": result.passed}})
    if not result.passed:
        raise ExerciseFailed(str(result))


def hidden_test_source(chapter: str, name: str) -> str:
    """The hidden part of an exercise's nbgrader test cell (markers included)."""
    return (
        "### BEGIN HIDDEN TESTS\n"
        f"{_PURGE}\n"
        f'from autograder.judge_client import grade; grade("{chapter}", "{name}")\n'
        "### END HIDDEN TESTS"
    )
