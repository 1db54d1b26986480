"""Every source notebook runs top to bottom under papermill, and nbgrader validates it."""

import resource

import nbformat
import pytest

from autograder.notebooks import execute_notebook, read_notebook
from autograder.parameters import fast_parameters, inject_parameters
from autograder.settings import nbgrader_config
from conftest import CHAPTERS, REPO_SETTINGS

pytestmark = pytest.mark.slow

# Per chapter with default parameters: a student's "minutes on a CPU", with room for a slow or
# shared CI machine (this guards against a chapter that grew slow; it is no benchmark).
TIME_BUDGET_SECONDS = 150


def children_cpu_seconds() -> float:
    """CPU time (user + system) of this process's finished children: here, the notebook's kernel."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.assignment_id)
def test_executes_with_papermill_within_budget_and_every_check_passes(chapter, tmp_path):
    output = tmp_path / chapter.notebook_name
    cpu_before = children_cpu_seconds()
    seconds = execute_notebook(chapter.source, output)
    cpu_seconds = children_cpu_seconds() - cpu_before
    # Wall time grows when other tests share the cores (pytest-xdist); the kernel's own CPU time
    # does not. A chapter within budget on an idle 2-core machine passes either measure.
    assert min(seconds, cpu_seconds) < TIME_BUDGET_SECONDS, (
        f"{chapter.assignment_id} took {seconds:.0f} s ({cpu_seconds:.0f} s of kernel CPU)"
    )
    executed = read_notebook(output)
    tests = [c for c in executed.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert tests
    for cell in tests:
        shown = [str(o.get("data", {}).get("text/plain", "")) + o.get("text", "") for o in cell.outputs]
        assert len(shown) == 2, f"{cell.source}: {shown}"  # the self-check, then the graded result
        assert shown[0].startswith(("✅", "☑️")) and shown[1].startswith("✅") and "정답입니다" in shown[1], shown
    assert not any(o.output_type == "error" for c in executed.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.assignment_id)
def test_nbgrader_validator_reports_success(chapter, tmp_path):
    """The source notebook, with the fast parameters injected as grading injects them
    (the full run is the papermill test above), validates."""
    from nbgrader.validator import Validator

    notebook, _ = inject_parameters(read_notebook(chapter.source), fast_parameters(chapter.assignment_id))
    path = tmp_path / chapter.notebook_name
    nbformat.write(notebook, path)
    results = Validator(config=nbgrader_config(REPO_SETTINGS)).validate(str(path))
    assert results == {}, results
