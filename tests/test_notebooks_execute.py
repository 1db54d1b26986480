"""Every source notebook runs top to bottom under papermill, and nbgrader validates it."""

import resource

import pytest

from autograder.notebooks import execute_notebook, read_notebook
from autograder.settings import nbgrader_config
from conftest import CHAPTERS, REPO_SETTINGS

pytestmark = pytest.mark.slow

TIME_BUDGET_SECONDS = 60  # per chapter with default parameters, on a 2-core CPU


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
def test_nbgrader_validator_reports_success(chapter):
    from nbgrader.validator import Validator

    results = Validator(config=nbgrader_config(REPO_SETTINGS)).validate(str(chapter.source))
    assert results == {}, results
