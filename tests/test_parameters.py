"""Fast parameters: injected after the parameters cell for grading, gone from what comes back."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder.notebooks import read_notebook
from autograder.parameters import (
    FAST_PARAMETERS, INJECTED_TAG, KEEP_PARAMETERS, declared_parameters, fast_parameters, inject_parameters, remove_injected,
)
from autograder.preprocessors import SandboxedExecute
from autograder.sandbox import build_library
from autograder.settings import REPO_ROOT, Settings, nbgrader_config
from conftest import CHAPTERS


def notebook_with_parameters(minor=5):
    parameters = new_code_cell("SEED = 42\nEPOCHS = 40  # epochs\nBATCH_SIZE = 16")
    parameters.metadata["tags"] = ["parameters"]
    notebook = new_notebook(cells=[new_markdown_cell("# title"), parameters, new_code_cell("print(EPOCHS, BATCH_SIZE)")])
    notebook.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.nbformat_minor = minor
    if minor < 5:
        for cell in notebook.cells:
            cell.pop("id", None)
    return notebook


def test_injection_sets_only_declared_names_right_after_the_parameters_cell():
    notebook = notebook_with_parameters()
    prepared, index = inject_parameters(notebook, {"EPOCHS": 2, "N_FOLDS": 2})
    assert index == 2 and len(prepared.cells) == 4 and len(notebook.cells) == 3  # the original is untouched
    assert prepared.cells[index].metadata["tags"] == [INJECTED_TAG]
    assert "EPOCHS = 2" in prepared.cells[index].source and "N_FOLDS" not in prepared.cells[index].source
    nbformat.validate(prepared)
    assert remove_injected(prepared, index).cells == notebook.cells


def test_nothing_is_injected_without_a_parameters_cell_or_values():
    bare = new_notebook(cells=[new_code_cell("EPOCHS = 40")])
    assert inject_parameters(bare, {"EPOCHS": 2}) == (bare, None)
    notebook = notebook_with_parameters()
    assert inject_parameters(notebook, {"N_FOLDS": 2}) == (notebook, None)
    assert remove_injected(notebook, None) is notebook


def test_an_older_nbformat_minor_gets_a_cell_without_an_id():
    prepared, index = inject_parameters(notebook_with_parameters(minor=4), {"EPOCHS": 2})
    assert "id" not in prepared.cells[index]
    nbformat.validate(prepared)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.assignment_id)
def test_every_chapter_declares_epochs_and_answers_keep_theirs(chapter):
    declared = declared_parameters(read_notebook(chapter.source))
    assert {"SEED", "EPOCHS"} <= declared
    fast = fast_parameters(chapter.assignment_id)
    # ch07 q6 trains the learner's model for EPOCHS; ch01 q7/q8 plot and read the learner's own history
    if chapter.assignment_id in ("01_ml_process", "07_rnn"):
        assert "EPOCHS" not in fast and KEEP_PARAMETERS[chapter.assignment_id] == {"EPOCHS"}
    else:
        assert fast["EPOCHS"] == FAST_PARAMETERS["EPOCHS"]


def test_grading_configuration_uses_fast_parameters_for_chapters_only():
    settings = Settings()
    assert nbgrader_config(settings, "02_terminology").SandboxedExecute.parameters == fast_parameters("02_terminology")
    assert "parameters" not in nbgrader_config(settings, "ps1").SandboxedExecute
    full = settings.__class__(fast_demo=False)
    assert "parameters" not in nbgrader_config(full, "02_terminology").SandboxedExecute


@pytest.mark.parametrize("sandboxed", [True, False])
def test_the_kernel_sees_the_fast_values_and_the_injected_cell_does_not_come_back(sandboxed, tmp_path):
    library = build_library(tmp_path / "lib", root=REPO_ROOT) if sandboxed else tmp_path / "lib"
    chapter_cells = [cell.source for cell in notebook_with_parameters().cells if cell.cell_type == "code"]
    execute = SandboxedExecute(
        parameters={"EPOCHS": 2}, sandbox=sandboxed, library=str(library), timeout=60, kernel_name="python3",
        trusted_sources=chapter_cells,  # the printing cell is the chapter's own, not the learner's
    )
    notebook = notebook_with_parameters()
    executed, _ = execute.preprocess(notebook, {"metadata": {"path": str(tmp_path)}})
    assert [cell.source for cell in executed.cells] == [cell.source for cell in notebook_with_parameters().cells]
    assert "".join(o.get("text", "") for o in executed.cells[2].outputs).split() == ["2", "16"]
    # A cell the learner wrote that reads EPOCHS sees the chapter's own value, as in class.
    learners = notebook_with_parameters()
    learners.cells[2].source = "print(EPOCHS, BATCH_SIZE)  # my check"
    executed, _ = execute.preprocess(learners, {"metadata": {"path": str(tmp_path)}})
    assert "".join(o.get("text", "") for o in executed.cells[2].outputs).split() == ["40", "16"]
