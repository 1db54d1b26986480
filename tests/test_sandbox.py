"""The sandbox and the grading preprocessors, one behaviour at a time (the hostile class is in
test_hostile_corpus)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from autograder import cli, sandbox
from autograder.grade import grade
from autograder.preprocessors import HIDDEN_PLACEHOLDER, GuardTestOutputs, SafeFeedback
from autograder.sandbox import Limits, SandboxUnavailable, build_library, run_notebook
from autograder.settings import REPO_ROOT, Settings


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return build_library(tmp_path_factory.mktemp("snapshot") / "lib", root=REPO_ROOT)


def notebook_of(*sources):
    notebook = new_notebook(cells=[new_code_cell(source) for source in sources])
    notebook.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


def text_of(cell):
    return "".join(o.get("text", "") + str(o.get("evalue", "")) for o in cell.outputs)


def test_sandboxed_code_sees_only_its_scratch_folder(library, tmp_path):
    (tmp_path / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    outcome = run_notebook(notebook_of(
        "import os; print(os.getcwd(), os.getuid() != 0, open('data.csv').read().strip())",
        f"print(os.path.exists({str(REPO_ROOT / 'source_notebooks')!r}), os.path.exists({str(library)!r}))",
        "open('/grading/lib/course/__init__.py', 'a')",
        "import course, sys; print(course.__file__)",
    ), library=library, files_from=tmp_path, limits=Limits(cell_timeout=30, notebook_timeout=90))
    cells = outcome.notebook.cells
    assert outcome.executed_cells == 4 and outcome.notes == []
    assert text_of(cells[0]).split() == ["/grading/work", "True", "a,b\n1,2".split()[0], "1,2"]
    assert text_of(cells[1]).split() == ["False", "False"]
    assert "Read-only file system" in text_of(cells[2]) or "Permission denied" in text_of(cells[2])
    assert text_of(cells[3]).strip() == "/grading/lib/course/__init__.py"


def test_only_outputs_come_back_from_the_sandbox(library):
    trusted = notebook_of("print('hello')", "x = 1")
    outcome = run_notebook(notebook_of(
        "import nbformat, os\nprint('hello')",
        # The submission rewrites the runner's output file: sources and extra cells are ignored.
        "nb = nbformat.read('.grading-in.ipynb', 4); nb.cells[0].source = 'forged'\n"
        "nb.cells.append(nbformat.v4.new_code_cell('extra')); nbformat.write(nb, '.grading-out.ipynb')\n"
        "os.chmod('.grading-out.ipynb', 0o444)",
    ), library=library, limits=Limits(cell_timeout=30, notebook_timeout=90))
    assert [c.source for c in outcome.notebook.cells] == ["import nbformat, os\nprint('hello')", outcome.notebook.cells[1].source]
    assert "unusable" in " ".join(outcome.notes) or outcome.executed_cells == 2
    assert trusted.cells[0].source == "print('hello')"


def test_limits_memory_time_and_processes(library):
    outcome = run_notebook(notebook_of(
        "try:\n    hog = bytearray(3 * 1024**3)\nexcept MemoryError:\n    print('memory refused')",
        "import subprocess\nn = 0\ntry:\n    for _ in range(200):\n        subprocess.Popen(['sleep', '600']); n += 1\n"
        "except OSError:\n    print('processes refused at', n)",
        "import time\nwhile True:\n    time.sleep(0.1)",
        "print('after the timeout')",
    ), library=library, limits=Limits(cell_timeout=5, notebook_timeout=90, memory_mb=1024, max_processes=40))
    cells = outcome.notebook.cells
    assert "memory refused" in text_of(cells[0])
    assert "processes refused at" in text_of(cells[1])
    assert any(o.output_type == "error" and "Timeout" in o.ename for o in cells[2].outputs)
    assert "after the timeout" in text_of(cells[3])


def test_notebook_time_limit_kills_everything(library):
    outcome = run_notebook(notebook_of(
        "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    time.sleep(0.1)",
        "print('never')",
    ), library=library, limits=Limits(cell_timeout=60, notebook_timeout=8))
    assert outcome.timed_out and "time limit" in outcome.notes[0]
    assert outcome.notebook.cells[1].execution_count is None


def test_grading_refuses_without_a_sandbox_and_says_what_to_do(monkeypatch, tmp_path, capsys):
    sandbox.unavailable_reason.cache_clear()
    monkeypatch.setattr(shutil, "which", lambda name: None)
    try:
        with pytest.raises(SandboxUnavailable, match="bubblewrap"):
            grade(tmp_path, settings=Settings().with_workspace(tmp_path / "ws"))
        assert not (tmp_path / "ws").exists()  # refused before anything was written
        code = cli.main(["--workspace", str(tmp_path / "ws"), "grade", str(tmp_path)])
        assert code == 2 and "--unsafe-no-sandbox" in capsys.readouterr().err
    finally:
        sandbox.unavailable_reason.cache_clear()


def test_cli_has_the_unsafe_flag():
    args = cli.build_parser().parse_args(["grade", "class.zip", "--unsafe-no-sandbox"])
    assert args.unsafe_no_sandbox


def graded_cell(source, outputs, *, executed=True, grade_id="t"):
    cell = new_code_cell(source, outputs=outputs, execution_count=1 if executed else None)
    cell.metadata.nbgrader = {"grade": True, "solution": False, "grade_id": grade_id, "points": 1}
    return cell


def guard(cell, resources=None):
    nb, _ = GuardTestOutputs().preprocess(new_notebook(cells=[cell]), resources or {})
    return [o.output_type + ":" + o.get("name", o.get("ename", "")) for o in nb.cells[0].outputs]


def test_guard_makes_noise_harmless_and_forged_results_worthless():
    stderr = new_output("stream", name="stderr", text="UserWarning: harmless\n")
    assert guard(graded_cell("assert f() == 1", [stderr])) == ["stream:stdout"]
    forged = lambda: new_output("execute_result", data={"text/plain": "1.0"}, execution_count=1)
    assert guard(graded_cell("assert f() == 1", [forged()])) == ["display_data:"]
    # A test that ends with an expression keeps its last result (nbgrader's partial credit).
    assert guard(graded_cell("score(f())", [forged(), forged()])) == ["display_data:", "execute_result:"]
    assert guard(graded_cell("assert f() == 1", [], executed=False)) == ["error:NotExecuted"]


class FakeJudge:
    chapter = "02_terminology"

    def __init__(self, **verdicts):
        self.verdicts = verdicts

    def verdict_for(self, name):
        return self.verdicts.get(name)


def test_a_course_test_cell_shows_exactly_the_judges_verdict():
    from autograder.judge import Verdict
    from autograder.preprocessors import JUDGE_RESOURCE
    from course.checks import Result, Status

    source = 'q1.check()\nfrom autograder.judge_client import grade; grade("02_terminology", "q1")'
    forged_pass = new_output("display_data", data={"text/plain": "✅"}, metadata={"dl_course": {"kind": "verdict", "passed": True}})
    noise = new_output("stream", name="stdout", text="hidden input printed by the learner's function\n")
    right, wrong = Result(Status.CORRECT, "문제 1", "정답입니다"), Result(Status.INCORRECT, "문제 1", "다시")

    def judged(verdict):
        cell = graded_cell(source, [noise, forged_pass], grade_id="q1_test")
        judge = FakeJudge(q1=verdict) if verdict else FakeJudge()
        nb, _ = GuardTestOutputs().preprocess(new_notebook(cells=[cell]), {JUDGE_RESOURCE: judge})
        return nb.cells[0].outputs

    passed = judged(Verdict([right]))
    assert [o.output_type for o in passed] == ["display_data"] and passed[0].metadata["dl_course"]["judge"]
    assert "정답입니다" in passed[0].data["text/plain"]
    probed = judged(Verdict([wrong, right]))  # one failing session fails the exercise
    assert [o.output_type for o in probed] == ["display_data", "error"] and "다시" in probed[1].evalue
    assert [o.get("ename") for o in judged(None)] == ["NoVerdict"]


def test_safe_feedback_hides_tests_everywhere_and_strips_escapes():
    test = graded_cell("assert f(1) == 2\n### BEGIN HIDDEN TESTS\nassert f(-5) == 999\n### END HIDDEN TESTS", [
        new_output("stream", name="stdout", text="SOURCE: assert f(-5) == 999\n\x1b[2J\x1b]0;t\x07\x00done\r\n")])
    answer = new_code_cell("def f(x):\n    ### BEGIN HIDDEN TESTS\n    return 2 * x")
    answer.metadata.nbgrader = {"grade": False, "solution": True, "grade_id": "a"}
    nb, _ = SafeFeedback().preprocess(new_notebook(cells=[answer, test]), {})
    assert nb.cells[0].source == answer.source  # the student's own text stays
    assert nb.cells[1].source == "assert f(1) == 2"
    assert nb.cells[1].outputs[0].text == f"SOURCE: {HIDDEN_PLACEHOLDER}\ndone\n"


def test_feedback_shows_a_captioned_course_figure_as_its_png():
    """The sanitizer strips inline images from HTML, so a `course.plots` figure (HTML with alt text
    and caption, and its PNG) reaches feedback as the PNG, its caption as the plain text."""
    import matplotlib

    matplotlib.use("Agg")
    from course import plots

    figure_html = plots.summary_html(plots.plot_history({"loss": [1.0, 0.5], "val_loss": [1.2, 0.7]}))
    figure = new_output("display_data", data={"text/html": figure_html, "image/png": "iVBORw0K", "text/plain": "<Figure>"})
    box = new_output("display_data", data={"text/html": "<figure>not a plot</figure>", "text/plain": "."})
    nb, _ = SafeFeedback().preprocess(new_notebook(cells=[new_code_cell("", outputs=[figure, box])]), {})
    shown, other = nb.cells[0].outputs
    assert set(shown.data) == {"image/png", "text/plain"} and shown.data["image/png"] == "iVBORw0K"
    assert shown.data["text/plain"].startswith("그림 설명: ") and "검증 손실" in shown.data["text/plain"]
    assert other.data["text/html"] == "<figure>not a plot</figure>"  # other HTML is the sanitizer's job


def test_feedback_html_keeps_the_course_boxes_and_drops_live_script():
    from nbconvert.preprocessors.sanitize import SanitizeHTML

    from autograder.settings import nbgrader_config
    from course.checks import Result, Status

    config = nbgrader_config(Settings())
    box = Result(Status.INCORRECT, "문제 1", "다시 생각해 보세요")._repr_html_()
    hostile = '<script>alert("x")</script><b onmouseover="alert(1)">hi</b><iframe src="https://x"></iframe>'
    cell = new_code_cell("", outputs=[new_output("display_data", data={"text/html": box + hostile, "text/plain": "."})])
    nb, _ = SanitizeHTML(config=config)(new_notebook(cells=[cell]), {})
    html = nb.cells[0].outputs[0].data["text/html"]
    assert "<script" not in html and "onmouseover" not in html and "<iframe" not in html
    assert "다시 생각해 보세요" in html and "border-left" in html


def test_the_graded_kernels_library_holds_no_answer_key(library):
    assert not (library / "autograder" / "keys").exists()
    assert sorted(p.name for p in (library / "autograder").glob("*.py")) == sorted(sandbox.KERNEL_MODULES)
    assert not any("autograder.keys" in p.read_text(encoding="utf-8") for p in (library / "autograder" / "probes").glob("*.py"))
