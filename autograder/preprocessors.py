"""nbgrader preprocessors of the course's Autograde pipeline (configured in :mod:`autograder.settings`).

- :class:`SandboxedExecute` replaces nbgrader's Execute: the notebook runs in the sandbox of
  :mod:`autograder.sandbox` and only its outputs come back.
- :class:`GuardTestOutputs` runs right after it, before nbgrader scores the test cells:
  a course test cell shows exactly the verdict of the judge (:mod:`autograder.judge`, outside
  the student's process), whatever the kernel showed; in other test cells honest noise
  (warnings, stderr) no longer costs points, results a test cell never produces are not taken
  as partial credit, and a test cell that never ran scores 0.

Both write what they noticed to ``REPORTS/STUDENT/ASSIGNMENT.json``; `grade` adds it to the
student's report line.
"""

from __future__ import annotations

import ast
import html as htmllib
import contextlib
import copy
import json
import os
import re
import tempfile
from pathlib import Path

from nbformat import NotebookNode
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from nbgrader.utils import is_grade, is_solution
from traitlets import Bool, Dict, Integer, List, Unicode

from autograder.demo_cells import SKIPPED_SOURCE, parameters_read_by_learner, skipped_cells
from autograder.parameters import inject_parameters, remove_injected
from autograder.sandbox import Limits, build_library, run_notebook
from autograder.settings import REPO_ROOT

__all__ = ["COURSE_TEST_MARKER", "GuardTestOutputs", "MarkPendingGrades", "PENDING_NOTE", "SafeFeedback", "SandboxedExecute", "read_report"]

# Where SandboxedExecute leaves the submission's judge for GuardTestOutputs.
JUDGE_RESOURCE = "dl_course_judge"
# The hidden part of every course test cell hands its exercise to the judge this way.
COURSE_TEST_MARKER = "from autograder.judge_client import grade"


def _report_path(directory: str, resources: dict) -> Path | None:
    info = resources.get("nbgrader", {})
    if not directory or "student" not in info or "assignment" not in info:
        return None
    return Path(directory) / info["student"] / f"{info['assignment']}.json"


def _add_to_report(directory: str, resources: dict, notes: list[str]) -> None:
    path = _report_path(directory, resources)
    if path is None or not notes:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    known = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    path.write_text(json.dumps(known + [n for n in notes if n not in known], ensure_ascii=False), encoding="utf-8")


def read_report(directory: Path, student: str, assignment: str, *, clear: bool = False) -> list[str]:
    """What the preprocessors noted for one submission (``clear`` removes it, before a new run)."""
    path = Path(directory) / student / f"{assignment}.json"
    if clear:
        path.unlink(missing_ok=True)
        return []
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


class SandboxedExecute(Execute):
    """nbgrader's Execute, run inside a bubblewrap sandbox (unless ``sandbox`` is False)."""

    sandbox = Bool(True, help="Execute in the sandbox; False runs student code unconfined.").tag(config=True)
    library = Unicode("", help="Read-only snapshot of what a graded kernel may import.").tag(config=True)
    report_directory = Unicode("", help="Where notes per submission are written.").tag(config=True)
    notebook_timeout = Integer(1200, help="Seconds the whole notebook may run.").tag(config=True)
    memory_mb = Integer(6144, help="Address-space limit per process, MiB.").tag(config=True)
    max_processes = Integer(256, help="Processes and threads the submission may have at once.").tag(config=True)

    parameters = Dict(help="Values injected after the notebook's `parameters` cell (fast demo training).").tag(config=True)
    demo_sources = List(Unicode(), help="Sources of the chapter's `demo` cells, skipped where no later cell needs them.").tag(config=True)

    trusted_sources = List(Unicode(), help="Sources of the chapter's own code cells: a parameter the learner's other "
                                             "code reads keeps its value.").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict):
        assignment = resources.get("nbgrader", {}).get("assignment", "")
        keep = parameters_read_by_learner(nb, set(self.parameters), set(self.trusted_sources), assignment)
        prepared, injected = inject_parameters(nb, {k: v for k, v in self.parameters.items() if k not in keep})
        prepared, skipped = _skip_demo_cells(prepared, set(self.demo_sources), assignment)
        executed, resources = self._execute(prepared, resources)
        return remove_injected(_restore_demo_cells(executed, skipped), injected), resources

    def _execute(self, prepared: NotebookNode, resources: dict):
        judge = self._judge(resources)
        resources[JUDGE_RESOURCE] = judge
        if not self.sandbox:
            _add_to_report(self.report_directory, resources, ["executed WITHOUT the sandbox (--unsafe-no-sandbox)"])
            with _judge_outside_sandbox(judge):
                return super().preprocess(prepared, resources)
        limits = Limits(
            cell_timeout=self.timeout or 180,
            notebook_timeout=self.notebook_timeout,
            memory_mb=self.memory_mb,
            max_processes=self.max_processes,
        )
        library = Path(self.library)
        if not library.exists():  # the nbgrader command line, outside `python -m autograder grade`
            build_library(library, root=REPO_ROOT)
        outcome = run_notebook(
            prepared,
            library=library,
            files_from=Path(resources.get("metadata", {}).get("path") or "."),
            kernel_name=self.kernel_name or "python3",
            limits=limits,
            judge=judge,
        )
        _add_to_report(self.report_directory, resources, outcome.notes + (judge.notes if judge else []))
        return outcome.notebook, resources

    def _judge(self, resources: dict):
        """A judge for a course chapter's exercises (None for an instructor's own assignment)."""
        from autograder.judge import Judge
        from autograder.settings import is_course_chapter

        assignment = resources.get("nbgrader", {}).get("assignment", "")
        return Judge(assignment, timeout=self.timeout or 180) if is_course_chapter(assignment) else None


# What a skipped demo cell shows in the graded notebook and the feedback.
SKIPPED_NOTE = "(채점할 때는 실행하지 않은 데모 셀입니다: 어떤 답도 이 셀의 결과를 쓰지 않습니다.)\n"


def _skip_demo_cells(notebook: NotebookNode, sources: set[str], assignment: str) -> tuple[NotebookNode, dict[int, str]]:
    """A copy of ``notebook`` whose skippable demo cells run nothing; index → original source."""
    indices = skipped_cells(notebook, sources, assignment)
    if not indices:
        return notebook, {}
    prepared = copy.deepcopy(notebook)
    originals = {}
    for index in indices:
        originals[index] = prepared.cells[index].source
        prepared.cells[index].source = SKIPPED_SOURCE
    return prepared, originals


def _restore_demo_cells(notebook: NotebookNode, originals: dict[int, str]) -> NotebookNode:
    for index, source in originals.items():
        cell = notebook.cells[index]
        cell.source = source
        cell.execution_count = None
        cell.outputs = [new_output("stream", name="stdout", text=SKIPPED_NOTE)]
    return notebook


@contextlib.contextmanager
def _judge_outside_sandbox(judge):
    """Unsandboxed grading: the kernel (a child of this process) reaches the judge the same way."""
    if judge is None:
        yield
        return
    from autograder.judge_client import JUDGE_ENV

    with tempfile.TemporaryDirectory(prefix="course-judge-") as folder, judge.listening(Path(folder) / "judge.sock") as path:
        previous = os.environ.get(JUDGE_ENV)
        os.environ[JUDGE_ENV] = str(path)
        try:
            yield
        finally:
            if previous is None:
                os.environ.pop(JUDGE_ENV, None)
            else:
                os.environ[JUDGE_ENV] = previous


def _error(name: str, message: str) -> NotebookNode:
    return new_output("error", ename=name, evalue=message, traceback=[f"{name}: {message}"])


def _ends_with_expression(source: str) -> bool:
    """Whether IPython would display the value of this (trusted) cell's last statement."""
    try:
        body = ast.parse(_without_magics(source)).body
    except SyntaxError:
        return True  # cannot tell: leave nbgrader's reading as it is
    return bool(body) and isinstance(body[-1], ast.Expr) and not source.rstrip().endswith(";")


def _without_magics(source: str) -> str:
    """Cell source with IPython magics and shell escapes (``%``, ``!``) blanked out."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def _is_verdict(output: NotebookNode, passed: bool) -> bool:
    info = output.get("metadata", {}).get("dl_course", {})
    return output.output_type == "display_data" and info.get("kind") == "verdict" and info.get("passed") is passed


class GuardTestOutputs(NbGraderPreprocessor):
    """Make the outputs of autograder test cells mean what nbgrader's scoring assumes."""

    report_directory = Unicode("", help="Where notes per submission are written.").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict):
        self._notes: list[str] = []
        nb, resources = super().preprocess(nb, resources)
        _add_to_report(self.report_directory, resources, self._notes)
        return nb, resources

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int):
        if cell.cell_type != "code" or not is_grade(cell) or is_solution(cell):
            return cell, resources
        name = cell.metadata.nbgrader.get("grade_id", f"cell {index}")
        if cell.execution_count is None and not any(o.output_type == "error" for o in cell.outputs):
            cell.outputs.append(_error("NotExecuted", "이 채점 셀은 실행되지 않았습니다 (the test cell never ran)."))
            self._notes.append(f"{name}: the test cell never ran (scored 0)")
            return cell, resources
        course_cell = COURSE_TEST_MARKER in cell.source
        judge = resources.get(JUDGE_RESOURCE)
        if course_cell and judge is not None:
            cell.outputs = self._judged_outputs(cell, name, judge)
            return cell, resources
        results = [o for o in cell.outputs if o.output_type == "execute_result"]
        # IPython shows a result only for a trailing expression, once; course tests return None.
        allowed = results[-1:] if _ends_with_expression(cell.source) and not course_cell else []
        for output in cell.outputs:
            if output.output_type == "stream" and output.name == "stderr":
                output.name = "stdout"  # warnings and progress bars are not failures
            elif output.output_type == "execute_result" and not any(output is a for a in allowed):
                output.output_type = "display_data"  # nbgrader would read it as (partial) credit
                output.pop("execution_count", None)
                self._notes.append(f"{name}: tampering: the test cell showed a result its code cannot produce (ignored)")
        failed = any(o.output_type == "error" for o in cell.outputs)
        if course_cell and not failed and not any(_is_verdict(o, True) for o in cell.outputs):
            cell.outputs.append(_error("NoVerdict", "채점기의 '정답' 판정이 없습니다 (no passing verdict from the grader)."))
            forged = any(_is_verdict(o, False) for o in cell.outputs)
            why = "the grader said incorrect but no error reached the notebook" if forged else "the grader showed no verdict"
            self._notes.append(f"{name}: tampering: {why} (scored 0)")
        return cell, resources

    def _judged_outputs(self, cell: NotebookNode, name: str, judge) -> list[NotebookNode]:
        """A course test cell shows exactly the judge's verdict (an error when it is not a pass);
        whatever the kernel printed or displayed there is dropped."""
        exercise = name.removesuffix("_test")
        verdict = judge.verdict_for(exercise)
        shown_pass = any(_is_verdict(o, True) for o in cell.outputs)
        if verdict is None:
            why = "the kernel showed a passing verdict, but " if shown_pass else ""
            self._notes.append(f"{name}: tampering or a crash: {why}the hidden test never reached the judge (scored 0)")
            return [_error("NoVerdict", "채점기에 답이 전달되지 않았습니다 (the hidden test never reached the judge).")]
        result = verdict.result
        if shown_pass and not verdict.passed:
            self._notes.append(f"{name}: tampering: the kernel showed a passing verdict the judge did not give (ignored)")
        elif not verdict.passed and not any(o.output_type == "error" for o in cell.outputs):
            self._notes.append(f"{name}: tampering: the judge said incorrect but no error reached the notebook (scored 0)")
        if any(o.output_type == "execute_result" for o in cell.outputs):
            self._notes.append(f"{name}: tampering: the test cell showed a result its code cannot produce (ignored)")
        if len(verdict.results) > 1:
            self._notes.append(f"{name}: {len(verdict.results)} judge sessions; every one must pass")
        info = {"kind": "verdict", "chapter": judge.chapter, "exercise": exercise, "passed": verdict.passed, "judge": True}
        shown = new_output(
            "display_data",
            data={"text/plain": str(result), "text/html": result._repr_html_()},
            metadata={"dl_course": info},
        )
        return [shown] if verdict.passed else [shown, _error("ExerciseFailed", str(result))]


_HIDDEN_BEGIN, _HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?|[\x00-\x08\x0b-\x1f\x7f]")
HIDDEN_PLACEHOLDER = "[채점 코드라서 숨겼습니다 (hidden test code removed)]"


def _hidden_lines(source: str) -> list[str]:
    lines, inside = [], False
    for line in source.splitlines():
        if _HIDDEN_BEGIN in line:
            inside = True
        elif _HIDDEN_END in line:
            inside = False
        elif inside and len(line.strip()) >= 8:
            lines.append(line.strip())
    return lines


def _without_hidden(source: str) -> str:
    kept, inside = [], False
    for line in source.splitlines():
        if _HIDDEN_BEGIN in line:
            inside = True
        elif _HIDDEN_END in line:
            inside = False
        elif not inside:
            kept.append(line)
    return "\n".join(kept)


class SafeFeedback(NbGraderPreprocessor):
    """Before feedback is rendered: hidden tests out of the test cells *and* of every output,
    and no terminal escape or control bytes in any text. (Live HTML is handled by nbconvert's
    SanitizeHTML, configured in settings.)

    Unlike nbgrader's ClearHiddenTests it reads the markers only in autograder test cells (whose
    source comes from the gradebook), so a student's answer that mentions the markers cannot
    stop feedback.
    """

    def preprocess(self, nb: NotebookNode, resources: dict):
        tests = [c for c in nb.cells if c.cell_type == "code" and is_grade(c) and not is_solution(c)]
        self._secret = sorted({line for cell in tests for line in _hidden_lines(cell.source)}, key=len, reverse=True)
        for cell in tests:
            cell.source = _without_hidden(cell.source)
        return super().preprocess(nb, resources)

    def _clean(self, text: str) -> str:
        text = _ESCAPES.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
        for line in self._secret:
            text = text.replace(line, HIDDEN_PLACEHOLDER)
        return text

    def _clean_value(self, value):
        if isinstance(value, str):
            return self._clean(value)
        if isinstance(value, list):
            return [self._clean_value(item) for item in value]
        if isinstance(value, dict):
            return {key: self._clean_value(item) for key, item in value.items()}
        return value

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int):
        if cell.cell_type != "code":
            return cell, resources
        for output in cell.outputs:
            if "text" in output:
                output.text = self._clean(output.text)
            if "traceback" in output:
                output.traceback = [self._clean(line) for line in output.traceback]
                output.evalue = self._clean(output.get("evalue", ""))
            if "data" in output:
                output.data = {key: self._clean_value(value) if key.startswith("text/") else value
                               for key, value in _plain_figure(output.data).items()}
        return cell, resources


def _plain_figure(data: dict) -> dict:
    """A ``course.plots`` figure shown as HTML (image with alt text and caption) comes back as its
    PNG with the caption as plain text: the sanitizer that feedback needs strips inline images."""
    html = data.get("text/html")
    html = "".join(html) if isinstance(html, list) else html
    if "image/png" not in data or not isinstance(html, str) or not html.startswith("<figure") or "<img src=\"data:" not in html:
        return data
    plain = {key: value for key, value in data.items() if key != "text/html"}
    caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", html, re.S)
    if caption:
        plain["text/plain"] = htmllib.unescape(re.sub(r"<br>", "\n", caption.group(1)))
    return plain


PENDING_NOTE = "⏳ 수동 채점 대기 (needs manual grading): 이 셀의 점수는 아직 확정되지 않았습니다."


class MarkPendingGrades(NbGraderPreprocessor):
    """In feedback, a cell that waits for manual grading says so (instead of a bare 0)."""

    def preprocess(self, nb: NotebookNode, resources: dict):
        from nbgrader.api import Gradebook, MissingEntry

        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            for cell in nb.cells:
                if not is_grade(cell):
                    continue
                try:
                    grade = gradebook.find_grade(
                        cell.metadata.nbgrader["grade_id"], info["notebook"], info["assignment"], info["student"])
                except MissingEntry:
                    continue
                if grade.needs_manual_grade:
                    cell.metadata.nbgrader["score"] = None
                    note = f"\n\n> {PENDING_NOTE}" if cell.cell_type == "markdown" else f"\n# {PENDING_NOTE}"
                    cell.source += note
        return nb, resources
