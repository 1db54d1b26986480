"""The contract every chapter's exercises share, written once.

A chapter's test module builds a `Chapter` (its assignment id, its exercise module, which
exercises are functions or choice maps, and what an answer cell finds already imported),
lists its known WRONG answers, and subclasses `ExerciseContract`. The subclass collects the
generic tests below for that chapter; the module keeps only what is special to it.

Solutions are read from the answer cells of the source notebook and run without TensorFlow
(Keras only where a chapter's namespace imports it); every wrong answer must be INCORRECT
with a message that names what was found but never the expected value, and never a traceback.
"""

import contextlib
import re
from pathlib import Path
from types import ModuleType
from typing import Callable, Iterable, Mapping, Optional

import nbformat
import numpy as np
import pandas as pd
import pytest
import yaml

from course.checks import ExerciseFailed, FunctionExercise, Status, describe

ROOT = Path(__file__).resolve().parents[1]

LeakCheck = Callable[[object, str], None]


# ---------------------------------------------------------------------------
# How a message may not give the expected value away (chapters differ; each keeps its own)
# ---------------------------------------------------------------------------


def no_expected_value_anywhere(exercise, message: str) -> None:
    """For the case the message names, its expected value must not appear at all."""
    if not isinstance(exercise, FunctionExercise):
        return
    for case in (*exercise.cases, *exercise.hidden_cases):
        if case.call_text(exercise.var) in message:
            assert describe(case.expected) not in message, message


def no_expected_number_outside_the_rule(exercise, message: str) -> None:
    """For the case the message names, its expected value must not appear as a whole token.

    The rule is the task's fixed wording, shown with every wrong answer; it may name the
    output format (ch01 q4's `'CPU'`), so only the rest of the message is searched.
    """
    if not isinstance(exercise, FunctionExercise):
        return
    message = message.replace(exercise.rule, "")
    for case in (*exercise.cases, *exercise.hidden_cases):
        if case.call_text(exercise.var) in message:
            shown = re.escape(describe(case.expected))
            # ASCII boundaries only: "256" must not count as a leak of "2", but Korean particles may follow.
            assert not re.search(rf"(?<![0-9A-Za-z.]){shown}(?![0-9A-Za-z.])", message), message


def no_expected_value_outside_call_and_rule(exercise, message: str) -> None:
    """For the case the message names, its expected value must not appear (outside the
    call text and the rule, which may contain small digits of their own)."""
    if not isinstance(exercise, FunctionExercise):
        return
    for case in (*exercise.cases, *exercise.hidden_cases):
        call = case.call_text(exercise.var)
        if call in message:
            rest = message.replace(call, "").replace(exercise.rule, "")
            assert f"결과가 {describe(case.expected)}입니다" not in rest, message
            if len(describe(case.expected)) > 2:
                assert describe(case.expected) not in rest, message


# ---------------------------------------------------------------------------
# Notebook helpers
# ---------------------------------------------------------------------------


def release_source(source: str) -> str:
    """The answer cell as nbgrader releases it: the solution region becomes a stub."""
    out, skipping = [], False
    for line in source.splitlines():
        stripped = line.strip()
        if stripped == "### BEGIN SOLUTION":
            indent = line[: len(line) - len(line.lstrip())]
            out += [f"{indent}# YOUR CODE HERE", f"{indent}raise NotImplementedError()"]
            skipping = True
        elif stripped == "### END SOLUTION":
            skipping = False
        elif not skipping:
            out.append(line)
    return "\n".join(out)


def _numpy_and_pandas() -> dict:
    return {"np": np, "pd": pd}


class Chapter:
    """One chapter's notebook, exercises and the context its answer cells run in.

    assignment: the id shared by the source notebook and the demo answers ("02_terminology").
    namespace: what the notebook has imported by the time an answer cell runs.
    leak_check: how a wrong answer's message is searched for the expected value (None: not searched).
    stub_raises: exercises whose released stub raises NotImplementedError at the top level.
    dict_keys: keys for a choice-map exercise that declares no `answers`.
    ignore_float_errors: run wrong and demo answers under np.errstate(all="ignore").
    rerun_wrong_answers: give each later check on a wrong answer a freshly run namespace.
    """

    def __init__(
        self,
        assignment: str,
        module: ModuleType,
        *,
        function_exercises: Iterable[str],
        dict_exercises: Iterable[str],
        namespace: Callable[[], dict] = _numpy_and_pandas,
        leak_check: Optional[LeakCheck] = no_expected_value_anywhere,
        min_exercises: int = 6,
        stub_raises: Optional[Iterable[str]] = None,
        dict_keys: Optional[Mapping[str, Iterable[str]]] = None,
        ignore_float_errors: bool = False,
        rerun_wrong_answers: bool = False,
    ):
        self.assignment = assignment
        self.module = module
        self.notebook_path = ROOT / "source_notebooks" / assignment / f"{assignment}.ipynb"
        self.demo_answers_path = ROOT / "autograder" / "demo_answers" / f"{assignment}.yml"
        self.names = list(module.__all__)
        self.exercises = {name: getattr(module, name) for name in self.names}
        self.function_exercises = list(function_exercises)
        self.dict_exercises = list(dict_exercises)
        self.namespace = namespace
        self.leak_check = leak_check
        self.min_exercises = min_exercises
        self.stub_raises = list(self.dict_exercises if stub_raises is None else stub_raises)
        self.dict_keys = dict(dict_keys or {})
        self.ignore_float_errors = ignore_float_errors
        self.rerun_wrong_answers = rerun_wrong_answers

    def notebook(self):
        return nbformat.read(self.notebook_path, as_version=4)

    def cells_by_grade_id(self) -> dict:
        return {
            cell.metadata["nbgrader"]["grade_id"]: cell
            for cell in self.notebook().cells
            if "nbgrader" in cell.metadata
        }

    def run(self, source: str) -> dict:
        """Execute an answer cell's source the way the notebook would."""
        namespace = self.namespace()
        exec(source, namespace)
        return namespace

    def solution(self, name: str) -> dict:
        return self.run(self.cells_by_grade_id()[f"{name}_answer"].source)

    def demo_answers(self) -> dict:
        return yaml.safe_load(self.demo_answers_path.read_text(encoding="utf-8"))

    def float_errors(self):
        return np.errstate(all="ignore") if self.ignore_float_errors else contextlib.nullcontext()

    def assert_incorrect(self, name: str, namespace: dict, *, visible: bool = False):
        """The answer is INCORRECT when graded (and, with visible=True, already in the self-check)."""
        exercise = self.exercises[name]
        result = exercise.evaluate(namespace, hidden=True)
        assert result.status is Status.INCORRECT, result
        assert exercise.rule or result.message
        assert "Traceback" not in result.message
        if visible:
            visible_result = exercise.evaluate(namespace)
            assert visible_result.status is Status.INCORRECT, visible_result
            assert "Traceback" not in visible_result.message
        if self.leak_check is not None:
            self.leak_check(exercise, result.message)
        return result

    def wrong_choices(self, name: str, source: str):
        """Run a wrong-but-valid choice map: INCORRECT already in the self-check.

        Returns the result and the keys the map got wrong, for the chapter's own message checks.
        """
        exercise = self.exercises[name]
        namespace = self.run(source)
        result = self.assert_incorrect(name, namespace, visible=True)
        answer = namespace[exercise.var]
        return result, [key for key, right in exercise.answers.items() if answer[key] != right]


# ---------------------------------------------------------------------------
# The generic tests: subclass with `chapter` and `wrong` set
# ---------------------------------------------------------------------------


class ExerciseContract:
    """What every chapter's exercises must do. Not collected itself (no `Test` prefix)."""

    chapter: Chapter
    wrong: Mapping[str, list]  # name -> [(source, caught by the visible self-check too?)]

    def pytest_generate_tests(self, metafunc):
        chapter, wrong = self.chapter, self.wrong
        if "name" in metafunc.fixturenames:
            metafunc.parametrize("name", chapter.names)
        if "function_name" in metafunc.fixturenames:
            metafunc.parametrize("function_name", chapter.function_exercises)
        if "dict_name" in metafunc.fixturenames:
            metafunc.parametrize("dict_name", chapter.dict_exercises)
        if "wrong_case" in metafunc.fixturenames:
            cases = [(name, i) for name in chapter.names for i in range(len(wrong[name]))]
            metafunc.parametrize("wrong_case", cases, ids=[f"{n}-wrong{i}" for n, i in cases])
        if "demo_grade_id" in metafunc.fixturenames:
            metafunc.parametrize("demo_grade_id", sorted(chapter.demo_answers()))

    # -- The notebook and the declarations agree ----------------------------

    def test_every_exercise_has_answer_and_test_cells(self):
        cells = self.chapter.cells_by_grade_id()
        for name in self.chapter.names:
            assert f"{name}_answer" in cells and f"{name}_test" in cells, name
            test_source = cells[f"{name}_test"].source
            assert f"### BEGIN HIDDEN TESTS\n{name}.grade()\n### END HIDDEN TESTS" in test_source

    def test_points_and_titles_match_the_notebook(self):
        cells = self.chapter.cells_by_grade_id()
        notebook = self.chapter.notebook()
        for number, name in enumerate(self.chapter.names, start=1):
            exercise = self.chapter.exercises[name]
            assert name == f"q{number}"
            assert exercise.title == f"문제 {number}"
            assert cells[f"{name}_test"].metadata["nbgrader"]["points"] == exercise.points, name
            assert f"(문제 {number} · {exercise.points}점)" in cells[f"{name}_test"].source
            heading = next(
                c.source for c in notebook.cells if c.cell_type == "markdown" and c.source.startswith(f"### 문제 {number}.")
            )
            assert heading.splitlines()[0].endswith(f"({exercise.points}점)"), heading.splitlines()[0]

    def test_declared_set_is_what_the_notebook_grades(self):
        cells = self.chapter.cells_by_grade_id()
        graded = {gid.removesuffix("_test") for gid, c in cells.items() if c.metadata["nbgrader"]["grade"]}
        assert graded == set(self.chapter.names)
        assert len(self.chapter.names) >= self.chapter.min_exercises

    def test_every_exercise_has_a_rule_and_two_or_three_hints(self):
        for name, exercise in self.chapter.exercises.items():
            assert exercise.rule and exercise.on_correct, name
            assert 2 <= len(exercise.hints) <= 3, name

    def test_answer_names_are_used_only_in_their_answer_cell(self):
        """A blank release must never be accidentally correct because narrative code defined the name."""
        notebook = self.chapter.notebook()
        for name, exercise in self.chapter.exercises.items():
            pattern = re.compile(rf"\b{re.escape(exercise.var)}\b")
            users = [
                cell.metadata.get("nbgrader", {}).get("grade_id", cell.get("id"))
                for cell in notebook.cells
                if cell.cell_type == "code" and pattern.search(cell.source)
            ]
            assert users == [f"{name}_answer"], (name, users)

    def test_notebook_is_committed_clean(self):
        notebook = self.chapter.notebook()
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert all(c.outputs == [] and c.execution_count is None for c in code)
        assert "parameters" in code[0].metadata.get("tags", [])
        ids = [c.id for c in notebook.cells]
        assert ids == [f"c{i:02d}" for i in range(1, len(ids) + 1)]

    # -- Solutions pass, blanks are not attempted ----------------------------

    def test_notebook_solution_passes_visible_and_hidden_checks(self, name):
        namespace = self.chapter.solution(name)
        exercise = self.chapter.exercises[name]
        assert exercise.evaluate(namespace).passed
        result = exercise.evaluate(namespace, hidden=True)
        assert result.passed, result
        exercise.grade(namespace)  # must not raise

    def test_empty_namespace_is_not_attempted(self, name):
        exercise = self.chapter.exercises[name]
        result = exercise.evaluate({}, hidden=True)
        assert result.status is Status.NOT_ATTEMPTED
        with pytest.raises(ExerciseFailed):
            exercise.grade({})

    def test_released_stub_is_not_attempted(self, name):
        """What a student gets from nbgrader, run as is: a stub function, a dict of `...`, or no model."""
        source = release_source(self.chapter.cells_by_grade_id()[f"{name}_answer"].source)
        assert "### BEGIN SOLUTION" not in source and "raise NotImplementedError()" in source
        namespace = self.chapter.namespace()
        try:
            exec(source, namespace)
        except NotImplementedError:
            assert name in self.chapter.stub_raises  # these stubs raise at the top level
        result = self.chapter.exercises[name].evaluate(namespace, hidden=True)
        assert result.status is Status.NOT_ATTEMPTED, result

    def test_function_raising_not_implemented_is_not_attempted(self, function_name):
        def stub(*args):
            raise NotImplementedError()

        exercise = self.chapter.exercises[function_name]
        result = exercise.evaluate({exercise.var: stub}, hidden=True)
        assert result.status is Status.NOT_ATTEMPTED

    def test_dict_of_ellipsis_is_not_attempted(self, dict_name):
        exercise = self.chapter.exercises[dict_name]
        keys = self.chapter.dict_keys.get(dict_name) or exercise.answers
        result = exercise.evaluate({exercise.var: {key: ... for key in keys}}, hidden=True)
        assert result.status is Status.NOT_ATTEMPTED

    def test_function_that_crashes_is_incorrect_without_traceback(self, function_name):
        def crashes(*args):
            return undefined_name  # noqa: F821 - a learner's typo

        exercise = self.chapter.exercises[function_name]
        result = exercise.evaluate({exercise.var: crashes}, hidden=True)
        assert result.status is Status.INCORRECT
        assert "Traceback" not in result.message and "NameError" in result.message

    def test_a_value_instead_of_a_function_is_incorrect(self, function_name):
        exercise = self.chapter.exercises[function_name]
        result = exercise.evaluate({exercise.var: 0.5}, hidden=True)
        assert result.status is Status.INCORRECT

    # -- Wrong answers are rejected without giving the answer away -----------

    def test_every_exercise_has_two_wrong_answers_one_caught_visibly(self):
        for name in self.chapter.names:
            assert len(self.wrong[name]) >= 2, name
            assert any(visible for _, visible in self.wrong[name]), name

    def test_wrong_answer_is_incorrect(self, wrong_case):
        name, index = wrong_case
        source, visible = self.wrong[name][index]
        chapter = self.chapter
        exercise = chapter.exercises[name]

        def namespace_for_next_check():
            return chapter.run(source) if chapter.rerun_wrong_answers else namespace

        with chapter.float_errors():
            namespace = chapter.run(source)
            chapter.assert_incorrect(name, namespace, visible=visible)
            if not visible:  # caught only by the hidden checks: the self-check still says correct
                assert exercise.evaluate(namespace_for_next_check()).passed
            with pytest.raises(ExerciseFailed):
                exercise.grade(namespace_for_next_check())

    # -- Demo answers for the autograder -------------------------------------

    def test_demo_answers_name_existing_answer_cells(self):
        answers = self.chapter.demo_answers()
        cells = self.chapter.cells_by_grade_id()
        assert len(answers) >= 3
        for grade_id, source in answers.items():
            assert grade_id in cells and cells[grade_id].metadata["nbgrader"]["solution"], grade_id
            assert "### BEGIN SOLUTION" not in source and isinstance(source, str)

    def test_demo_wrong_answer_is_rejected(self, demo_grade_id):
        name = demo_grade_id.removesuffix("_answer")
        with self.chapter.float_errors():
            namespace = self.chapter.run(self.chapter.demo_answers()[demo_grade_id])
            self.chapter.assert_incorrect(name, namespace)
            with pytest.raises(ExerciseFailed):
                self.chapter.exercises[name].grade(namespace)

    # -- Hints lead to the method, never paste the answer ---------------------

    def test_hints_never_paste_a_solution_line(self):
        """No line of the notebook's solution may appear verbatim in a hint.

        Lines the learner sees anyway (in the task prompt, the markdown cell right before the
        answer cell, or in the answer cell outside the solution markers, such as the `def`
        line) are allowed, and so are comments and short lines (under 20 characters).
        """
        cells = self.chapter.notebook().cells
        leaks = {}
        for name, exercise in self.chapter.exercises.items():
            index = next(
                i for i, c in enumerate(cells)
                if c.metadata.get("nbgrader", {}).get("grade_id") == f"{name}_answer"
            )
            prompt = cells[index - 1].source if cells[index - 1].cell_type == "markdown" else ""
            inside, outside, in_solution = [], [], False
            for line in cells[index].source.splitlines():
                stripped = line.strip()
                if stripped == "### BEGIN SOLUTION":
                    in_solution = True
                elif stripped == "### END SOLUTION":
                    in_solution = False
                else:
                    (inside if in_solution else outside).append(stripped)
            solution_lines = {
                line for line in inside
                if len(line) >= 20 and not line.startswith("#") and line not in outside and line not in prompt
            }
            hints = "\n".join(exercise.hints)
            pasted = sorted(line for line in solution_lines if line in hints)
            if pasted:
                leaks[name] = pasted
        assert not leaks, leaks
