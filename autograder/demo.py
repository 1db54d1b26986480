"""The built-in demo class: an answer key, an untouched release and a partly wrong notebook.

The partly wrong notebook is the answer key with some answer cells replaced by plausible
mistakes from ``demo_answers/NN_slug.yml`` (grade id of an answer cell → wrong source).
Its expected score is known exactly: every test whose exercise was answered wrongly scores 0.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import yaml

from autograder.notebooks import NotebookError, chapter_path, grade_cells, read_notebook
from autograder.settings import Settings

__all__ = ["DEMO_STUDENTS", "build_demo_class", "expected_scores", "load_wrong_answers", "partly_wrong_notebook"]

DEMO_STUDENTS = ("answer_key", "untouched", "partly_wrong")


def _exercise_of(grade_id: str) -> str:
    """``q3_answer`` / ``q3_test`` → ``q3`` (the naming convention the notebook lint enforces)."""
    return grade_id.rsplit("_", 1)[0]


def load_wrong_answers(settings: Settings, assignment_id: str) -> dict[str, str]:
    """Answer-cell grade id → wrong source, read from the chapter's YAML file."""
    path = settings.path(settings.demo_answers_directory) / f"{assignment_id}.yml"
    if not path.is_file():
        raise NotebookError(f"Missing demo answers for {assignment_id}: create {path} (grade_id: wrong source).")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not data or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise NotebookError(f"{path} must map answer-cell grade ids to wrong source code (strings).")
    return data


def partly_wrong_notebook(answer_key: nbformat.NotebookNode, wrong: dict[str, str]) -> nbformat.NotebookNode:
    """A copy of the answer key with the listed answer cells replaced."""
    notebook = copy.deepcopy(answer_key)
    replaced = set()
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in wrong:
            cell.source = wrong[grade_id]
            replaced.add(grade_id)
    unknown = set(wrong) - replaced
    if unknown:
        raise NotebookError(f"Demo answers name cells that the notebook lacks: {', '.join(sorted(unknown))}.")
    return notebook


def expected_scores(source: nbformat.NotebookNode, wrong: dict[str, str]) -> dict[str, float]:
    """The exact score each demo student must get."""
    points = {cell.metadata.nbgrader.grade_id: float(cell.metadata.nbgrader.points) for cell in grade_cells(source)}
    wrong_exercises = {_exercise_of(grade_id) for grade_id in wrong}
    lost = sum(p for grade_id, p in points.items() if _exercise_of(grade_id) in wrong_exercises)
    total = sum(points.values())
    return {"answer_key": total, "untouched": 0.0, "partly_wrong": total - lost}


def build_demo_class(settings: Settings, assignment_id: str, folder: Path) -> dict[str, float]:
    """Write the three demo notebooks as ``folder/STUDENT/NN_slug.ipynb``; return expected scores.

    Needs ``release`` and ``solutions`` to have run for the chapter.
    """
    answer_key = read_notebook(chapter_path(settings.solutions, assignment_id))
    untouched = read_notebook(chapter_path(settings.release, assignment_id))
    wrong = load_wrong_answers(settings, assignment_id)
    notebooks = {
        "answer_key": answer_key,
        "untouched": untouched,
        "partly_wrong": partly_wrong_notebook(answer_key, wrong),
    }
    for student, notebook in notebooks.items():
        path = Path(folder) / student / f"{assignment_id}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, path)
    return expected_scores(read_notebook(chapter_path(settings.source, assignment_id)), wrong)
