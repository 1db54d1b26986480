"""Fast parameters: a chapter's demo training made short where no answer depends on it.

Every chapter declares its run-time knobs (epochs, folds, tuner trials) in the cell tagged
``parameters``. Grading and the tests run a chapter with :data:`FAST_PARAMETERS` injected right
after that cell, the way papermill injects parameters, so the chapter's demo training costs
seconds instead of minutes. A parameter that an answer uses (e.g. ch07 q6 trains the learner's
model for ``EPOCHS``; ch01 q7/q8 plot and read the learner's own ``history`` of ``EPOCHS``
epochs) is listed in :data:`KEEP_PARAMETERS` and keeps its value. The graded
notebook that comes back has no trace of the injected cell.
"""

from __future__ import annotations

import copy
import re

from nbformat import NotebookNode
from nbformat.v4 import new_code_cell

__all__ = ["FAST_PARAMETERS", "KEEP_PARAMETERS", "INJECTED_TAG", "declared_parameters", "fast_parameters",
           "inject_parameters", "remove_injected"]

# Values that keep every chapter short; only names a chapter's parameters cell declares are set.
FAST_PARAMETERS = {"EPOCHS": 2, "KFOLD_EPOCHS": 1, "N_FOLDS": 2, "MAX_TRIALS": 1, "TUNER_EPOCHS": 1, "CNN_EPOCHS": 1}
# Parameters an answer depends on, per chapter: they keep the chapter's own value.
KEEP_PARAMETERS: dict[str, frozenset[str]] = {"01_ml_process": frozenset({"EPOCHS"}), "07_rnn": frozenset({"EPOCHS"})}
INJECTED_TAG = "injected-parameters"  # papermill's tag for the cell it injects

_ASSIGNMENT = re.compile(r"(?m)^([A-Za-z_][A-Za-z0-9_]*)\s*=")


def _parameters_cell_index(notebook: NotebookNode) -> int | None:
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            return index
    return None


def declared_parameters(notebook: NotebookNode) -> set[str]:
    """Names the notebook's ``parameters`` cell assigns at the start of a line."""
    return _declared_in(notebook, _parameters_cell_index(notebook))


def _declared_in(notebook: NotebookNode, index: int | None) -> set[str]:
    return set() if index is None else set(_ASSIGNMENT.findall(notebook.cells[index].source))


def fast_parameters(assignment_id: str) -> dict:
    """The fast values for a chapter, minus the parameters its answers use."""
    keep = KEEP_PARAMETERS.get(assignment_id, frozenset())
    return {name: value for name, value in FAST_PARAMETERS.items() if name not in keep}


def inject_parameters(notebook: NotebookNode, parameters: dict) -> tuple[NotebookNode, int | None]:
    """A copy of ``notebook`` with a cell setting ``parameters`` right after its ``parameters`` cell.

    Returns the copy and the injected cell's index (``None``, and the notebook unchanged, when
    there is nothing to set or no ``parameters`` cell: then nothing is overridden).
    """
    from papermill.translators import translate_parameters

    index = _parameters_cell_index(notebook)
    declared = _declared_in(notebook, index)
    values = {name: value for name, value in parameters.items() if name in declared}
    if index is None or not values:
        return notebook, None
    prepared = copy.deepcopy(notebook)
    cell = new_code_cell(translate_parameters("python3", "python", values, "Parameters"))
    cell.metadata["tags"] = [INJECTED_TAG]
    if prepared.get("nbformat_minor", 0) < 5:
        cell.pop("id", None)  # cell ids exist from nbformat 4.5 on
    prepared.cells.insert(index + 1, cell)
    return prepared, index + 1


def remove_injected(notebook: NotebookNode, index: int | None) -> NotebookNode:
    """``notebook`` without the cell :func:`inject_parameters` put at ``index``."""
    if index is not None:
        del notebook.cells[index]
    return notebook
