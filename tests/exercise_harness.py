"""The contract every chapter's exercises share, written once.

A chapter's test module builds a `Chapter` (its assignment id, its public exercise module,
its grading-key module, and what an answer cell finds already imported), lists its known
WRONG answers, and subclasses `ExerciseContract`. Alternative correct answers come from the
chapter's demo-answers YAML (`alternative:`), so the same answers also go through the real
nbgrader in the grading round trip.

A WRONG entry is `(source, None)` when the visible self-check already rejects it, or
`(source, "reason")` when only grading can catch it (the reason says why: e.g. a choice
question, whose self-check is not an oracle). Every wrong answer fails grading.
"""

import contextlib
import functools
import re
from pathlib import Path
from types import ModuleType
from typing import Callable, Iterable, Mapping, Optional

import nbformat
import numpy as np
import pandas as pd
import yaml

from autograder.keys import hidden_test_source
from autograder.keys.engine import ChoiceKey, FunctionKey, ValueKey
from course.checks import ChoiceMapExercise, FunctionExercise, Status, describe

ROOT = Path(__file__).resolve().parents[1]


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


def normalized(source: str) -> str:
    """Source without comments, docstrings' surrounding spaces and blank lines, for comparisons."""
    lines = [line.split("#", 1)[0].rstrip() for line in source.splitlines()]
    return "\n".join(line for line in lines if line.strip())


def solution_region(source: str) -> str:
    match = re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", source, re.S)
    return match.group(1) if match else source


def judge_over_socket(chapter: str, name: str, namespace: Mapping):
    """One judge session over a socket pair: the learner's side serves ``namespace`` in a thread."""
    import socket
    import threading

    from autograder.judge import Judge
    from autograder.judge_client import serve_session
    from autograder.wire import send_message

    judge = Judge(chapter, timeout=120)
    judge_end, kernel_end = socket.socketpair()

    def kernel():
        with kernel_end:
            send_message(kernel_end, {"op": "open", "chapter": chapter, "exercise": name})
            serve_session(kernel_end, namespace)

    thread = threading.Thread(target=kernel, daemon=True)
    thread.start()
    with judge_end:
        judge.session(judge_end)
    thread.join(timeout=120)
    return judge.verdict_for(name).results[-1]


def _numpy_and_pandas() -> dict:
    return {"np": np, "pd": pd}


class Chapter:
    """One chapter's notebook, public exercises, grading keys and answer-cell context.

    namespace: what the notebook has imported by the time an answer cell runs.
    stub_raises: exercises whose released stub raises NotImplementedError at the top level.
    ignore_float_errors: run wrong and demo answers under np.errstate(all="ignore").
    rerun_wrong_answers: give each check on a wrong answer a freshly run namespace.
    """

    def __init__(
        self,
        assignment: str,
        public: ModuleType,
        keys: ModuleType,
        *,
        namespace: Callable[[], dict] = _numpy_and_pandas,
        min_exercises: int = 6,
        stub_raises: Optional[Iterable[str]] = None,
        ignore_float_errors: bool = False,
        rerun_wrong_answers: bool = False,
    ):
        self.assignment = assignment
        self.public = public
        self.notebook_path = ROOT / "source_notebooks" / assignment / f"{assignment}.ipynb"
        self.demo_answers_path = ROOT / "autograder" / "demo_answers" / f"{assignment}.yml"
        self.names = [name for name in public.__all__ if re.fullmatch(r"q\d+", name)]
        self.exercises = {name: getattr(public, name) for name in self.names}
        self.keys = {name: getattr(keys, name) for name in self.names}
        self.function_exercises = [n for n, e in self.exercises.items() if isinstance(e, FunctionExercise)]
        self.dict_exercises = [n for n, e in self.exercises.items() if isinstance(e, ChoiceMapExercise)]
        self.namespace = namespace
        self.min_exercises = min_exercises
        self.stub_raises = list(self.dict_exercises if stub_raises is None else stub_raises)
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

    def visible(self, name: str, namespace: Mapping):
        return self.exercises[name].evaluate(namespace)

    def graded(self, name: str, namespace: Mapping):
        """The grade as grading decides it: the judge, over a socket, asks this namespace (the
        learner's side) for the value and calls; it must agree with the key run in-process."""
        remote = judge_over_socket(self.assignment, name, namespace)
        local = self.keys[name].evaluate(namespace)
        # Keras numbers auto-named layers per process (add, add_1, ...): the two runs differ only there.
        same = [re.sub(r"(name=[a-z]+?)(_\d+)?,", r"\1,", r.message) for r in (remote, local)]
        assert remote.status == local.status and same[0] == same[1], (name, remote, local)
        return remote

    def assert_incorrect(self, name: str, namespace: dict, *, visible: bool = False):
        """The answer is INCORRECT when graded (and, with visible=True, already in the self-check)."""
        result = self.graded(name, namespace)
        assert result.status is Status.INCORRECT, result
        assert "Traceback" not in result.message
        if visible:
            seen = self.visible(name, namespace)
            assert seen.status is Status.INCORRECT, seen
            assert "Traceback" not in seen.message
        return result


class TrainingChapter(Chapter):
    """A chapter whose answer cells train models: each solution cell runs once per test process."""

    @functools.lru_cache(maxsize=None)
    def _cached_solution(self, name: str) -> dict:
        return super().solution(name)

    def solution(self, name: str) -> dict:
        return self._cached_solution(name)


# ---------------------------------------------------------------------------
# The generic tests: subclass with `chapter` and `wrong` set
# ---------------------------------------------------------------------------


class ExerciseContract:
    """What every chapter's exercises must do. Not collected itself (no `Test` prefix)."""

    chapter: Chapter
    wrong: Mapping[str, list]  # name -> [(source, None | "why only grading catches it")]

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
            metafunc.parametrize("demo_grade_id", sorted(chapter.demo_answers()["wrong"]))

    def _namespace_for(self, source: str, namespace: dict) -> dict:
        return self.chapter.run(source) if self.chapter.rerun_wrong_answers else namespace

    # -- The notebook, the declarations and the keys agree --------------------

    def test_every_exercise_has_answer_cell_and_a_visible_plus_hidden_test_cell(self):
        cells = self.chapter.cells_by_grade_id()
        for name in self.chapter.names:
            assert f"{name}_answer" in cells and f"{name}_test" in cells, name
            lines = cells[f"{name}_test"].source.split("\n", 2)
            assert lines[0].startswith("# 🔒") and lines[1] == f"{name}.check()", lines
            assert lines[2] == hidden_test_source(self.chapter.assignment, name)

    def test_points_and_titles_match_the_notebook(self):
        cells = self.chapter.cells_by_grade_id()
        notebook = self.chapter.notebook()
        for number, name in enumerate(self.chapter.names, start=1):
            exercise = self.chapter.exercises[name]
            assert name == f"q{number}" and exercise.name == name
            assert exercise.chapter == self.chapter.assignment
            assert exercise.title == f"문제 {number}"
            assert cells[f"{name}_test"].metadata["nbgrader"]["points"] == exercise.points, name
            assert f"(문제 {number} · {exercise.points}점)" in cells[f"{name}_test"].source
            heading = next(
                c.source for c in notebook.cells if c.cell_type == "markdown" and c.source.startswith(f"### 문제 {number}.")
            )
            assert heading.splitlines()[0].endswith(f"({exercise.points}점)"), heading.splitlines()[0]

    def test_declared_set_is_what_the_notebook_grades_and_every_exercise_has_its_key(self):
        cells = self.chapter.cells_by_grade_id()
        graded = {gid.removesuffix("_test") for gid, c in cells.items() if c.metadata["nbgrader"]["grade"]}
        assert graded == set(self.chapter.names)
        assert len(self.chapter.names) >= self.chapter.min_exercises
        for name, key in self.chapter.keys.items():
            assert key.exercise is self.chapter.exercises[name], name

    def test_every_exercise_has_a_rule_and_two_or_three_hints(self):
        for name, exercise in self.chapter.exercises.items():
            assert exercise.rule and exercise.on_correct, name
            assert 2 <= len(exercise.hints) <= 3, name

    def test_graded_also_says_what_grading_adds_when_it_adds_something(self):
        for name, key in self.chapter.keys.items():
            adds = bool(getattr(key, "hidden", ())) or getattr(key, "hidden_verifier", None) is not None
            if isinstance(key, ChoiceKey):
                continue  # its self-check says grading decides
            assert bool(self.chapter.exercises[name].graded_also) == adds, name

    def test_answer_names_are_used_only_in_their_answer_cell(self):
        """A blank release must never be accidentally correct because narrative code defined the name.

        A later answer's *solution* may reuse an earlier answer (ch05 q9 calls the learner's q3
        function); what the student receives of that later cell, its released stub, must not."""
        notebook = self.chapter.notebook()
        for name, exercise in self.chapter.exercises.items():
            pattern = re.compile(rf"\b{re.escape(exercise.var)}\b")
            users = []
            for cell in notebook.cells:
                if cell.cell_type != "code":
                    continue
                nbgrader = cell.metadata.get("nbgrader", {})
                grade_id = nbgrader.get("grade_id", "")
                other_answer = nbgrader.get("solution", False) and grade_id != f"{name}_answer"
                if pattern.search(release_source(cell.source) if other_answer else cell.source):
                    users.append(grade_id or cell.get("id"))
            assert users == [f"{name}_answer"], (name, users)

    def test_notebook_is_committed_clean(self):
        notebook = self.chapter.notebook()
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert all(c.outputs == [] and c.execution_count is None for c in code)
        assert "parameters" in code[0].metadata.get("tags", [])
        ids = [c.id for c in notebook.cells]
        assert ids == [f"c{i:02d}" for i in range(1, len(ids) + 1)]

    # -- Solutions pass, blanks are not attempted ----------------------------

    def test_notebook_solution_passes_the_self_check_and_grading(self, name):
        namespace = self.chapter.solution(name)
        seen = self.chapter.visible(name, namespace)
        assert seen.passed, seen
        graded = self.chapter.graded(name, namespace)
        assert graded.status is Status.CORRECT, graded

    def test_success_message_says_what_was_checked(self, name):
        seen = self.chapter.visible(name, self.chapter.solution(name))
        exercise = self.chapter.exercises[name]
        if isinstance(exercise, ChoiceMapExercise):
            assert seen.status is Status.FORMAT_OK and "채점" in seen.message
        elif exercise.graded_also:
            assert f"채점 때는 {exercise.graded_also}도 확인합니다" in seen.message

    def test_empty_namespace_is_not_attempted(self, name):
        assert self.chapter.visible(name, {}).status is Status.NOT_ATTEMPTED
        assert self.chapter.graded(name, {}).status is Status.NOT_ATTEMPTED

    def test_released_stub_is_not_attempted(self, name):
        """What a student gets from nbgrader, run as is: a stub function, a dict of `...`, or no model."""
        source = release_source(self.chapter.cells_by_grade_id()[f"{name}_answer"].source)
        assert "### BEGIN SOLUTION" not in source and "raise NotImplementedError()" in source
        namespace = self.chapter.namespace()
        try:
            exec(source, namespace)
        except NotImplementedError:
            assert name in self.chapter.stub_raises  # these stubs raise at the top level
        assert self.chapter.visible(name, namespace).status is Status.NOT_ATTEMPTED
        assert self.chapter.graded(name, namespace).status is Status.NOT_ATTEMPTED

    def test_function_raising_not_implemented_is_not_attempted(self, function_name):
        def stub(*args):
            raise NotImplementedError()

        namespace = {self.chapter.exercises[function_name].var: stub}
        assert self.chapter.graded(function_name, namespace).status is Status.NOT_ATTEMPTED

    def test_function_that_crashes_is_incorrect_without_traceback(self, function_name):
        def crashes(*args):
            return undefined_name  # noqa: F821 - a learner's typo

        namespace = {self.chapter.exercises[function_name].var: crashes}
        for result in (self.chapter.visible(function_name, namespace), self.chapter.graded(function_name, namespace)):
            assert result.status is Status.INCORRECT
            assert "Traceback" not in result.message and "NameError" in result.message

    def test_a_value_instead_of_a_function_is_incorrect(self, function_name):
        namespace = {self.chapter.exercises[function_name].var: 0.5}
        assert self.chapter.visible(function_name, namespace).status is Status.INCORRECT
        assert self.chapter.graded(function_name, namespace).status is Status.INCORRECT

    # -- Wrong answers: rejected by grading, and visibly unless a reason says why not

    def test_every_exercise_has_two_wrong_answers_one_caught_visibly(self):
        for name in self.chapter.names:
            assert len(self.wrong[name]) >= 2, name
            assert any(reason is None for _, reason in self.wrong[name]), name
            for _, reason in self.wrong[name]:
                assert reason is None or (isinstance(reason, str) and len(reason) > 10), (name, reason)

    def test_wrong_answer_fails_grading_and_the_self_check_unless_explained(self, wrong_case):
        name, index = wrong_case
        source, reason = self.wrong[name][index]
        chapter = self.chapter
        with chapter.float_errors():
            namespace = chapter.run(source)
            graded = chapter.graded(name, namespace)
            assert graded.status is Status.INCORRECT, graded
            assert "Traceback" not in graded.message
            seen = chapter.visible(name, self._namespace_for(source, namespace))
            if reason is None:
                assert seen.status is Status.INCORRECT, seen
                assert "Traceback" not in seen.message
            else:  # listed as caught only by grading: the self-check must indeed let it through
                assert seen.passed, (reason, seen)

    # -- Alternative correct answers ----------------------------------------

    def test_every_exercise_has_an_alternative_answer_written_differently(self):
        alternatives = self.chapter.demo_answers()["alternative"]
        cells = self.chapter.cells_by_grade_id()
        for name in self.chapter.names:
            source = alternatives.get(f"{name}_answer")
            assert source, f"{name}: add an alternative correct answer to {self.chapter.demo_answers_path.name}"
            solution = solution_region(cells[f"{name}_answer"].source)
            assert normalized(source) != normalized(cells[f"{name}_answer"].source)
            assert normalized(solution) not in normalized(source), name

    def test_alternative_answer_passes_the_self_check_and_grading(self, name):
        source = self.chapter.demo_answers()["alternative"][f"{name}_answer"]
        with self.chapter.float_errors():
            namespace = self.chapter.run(source)
            assert self.chapter.visible(name, namespace).passed
            graded = self.chapter.graded(name, self._namespace_for(source, namespace))
            assert graded.status is Status.CORRECT, graded

    # -- Demo answers for the autograder -------------------------------------

    def test_demo_answers_name_existing_answer_cells(self):
        answers = self.chapter.demo_answers()
        assert set(answers) == {"wrong", "alternative"}
        cells = self.chapter.cells_by_grade_id()
        assert len(answers["wrong"]) >= 3
        for grade_id, source in [*answers["wrong"].items(), *answers["alternative"].items()]:
            assert grade_id in cells and cells[grade_id].metadata["nbgrader"]["solution"], grade_id
            assert "### BEGIN SOLUTION" not in source and isinstance(source, str)

    def test_demo_wrong_answer_fails_grading(self, demo_grade_id):
        name = demo_grade_id.removesuffix("_answer")
        with self.chapter.float_errors():
            namespace = self.chapter.run(self.chapter.demo_answers()["wrong"][demo_grade_id])
            self.chapter.assert_incorrect(name, namespace)

    # -- Nothing grading-only in the public module; hints lead to the method ----

    def test_public_module_holds_no_expected_value_or_choice_answer(self):
        source = Path(self.chapter.public.__file__).read_text(encoding="utf-8")
        leaks = []
        for name, key in self.chapter.keys.items():
            for text in _distinctive_texts(key):
                if text in source:
                    leaks.append((name, text))
        assert not leaks, leaks

    def test_hints_never_paste_a_solution_line_or_an_expected_value(self):
        """No solution line (20+ characters, not shown elsewhere) and no distinctive expected value in a hint."""
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
            pasted += [text for text in _distinctive_texts(self.chapter.keys[name]) if text in hints]
            if pasted:
                leaks[name] = pasted
        assert not leaks, leaks


def _distinctive_texts(key) -> list[str]:
    """Texts that would give a key's answers away if found in student material.

    Expected values (of visible examples and hidden cases) written as `describe` and `repr`
    show them, when long enough not to occur by chance (4+ characters), and every choice
    answer written as a dict item.
    """
    values = []
    if isinstance(key, FunctionKey):
        values = [*key.expected, *(case.expected for case in key.hidden)]
    elif isinstance(key, ValueKey):
        values = [key.expected]
    texts = []
    for value in values:
        for text in {describe(value), repr(value)}:
            if len(text) >= 4 and not text.startswith("배열"):
                texts.append(text)
    if isinstance(key, ChoiceKey):
        for item, answer in key.answers.items():
            texts += [f'"{item}": "{answer}"', f"'{item}': '{answer}'"]
    return texts
