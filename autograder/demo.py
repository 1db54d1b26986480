"""The built-in demo class: the answer key, an untouched release, a partly wrong notebook and
a notebook of alternative correct answers.

``demo_answers/NN_slug.yml`` has two maps (grade id of an answer cell → source): ``wrong``,
plausible mistakes that replace some answer cells of the answer key (every test whose
exercise was answered wrongly scores 0), and ``alternative``, a correct answer for every
exercise written differently from the key (full marks). Expected scores are known exactly.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import yaml

from autograder.notebooks import NotebookError, chapter_path, grade_cells, read_notebook
from autograder.settings import Settings

__all__ = ["DEMO_STUDENTS", "build_demo_class", "expected_scores", "load_demo_answers", "replace_answers"]

DEMO_STUDENTS = ("answer_key", "untouched", "partly_wrong", "alternative")


def _exercise_of(grade_id: str) -> str:
    """``q3_answer`` / ``q3_test`` → ``q3`` (the naming convention the notebook lint enforces)."""
    return grade_id.rsplit("_", 1)[0]


def _source_map(data, path: Path, section: str) -> dict[str, str]:
    answers = data.get(section) if isinstance(data, dict) else None
    if not isinstance(answers, dict) or not answers or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in answers.items()
    ):
        raise NotebookError(f"{path}: `{section}:` must map answer-cell grade ids to source code (strings).")
    return answers


def load_demo_answers(settings: Settings, assignment_id: str) -> tuple[dict[str, str], dict[str, str]]:
    """(wrong, alternative): answer-cell grade id → source, read from the chapter's YAML file."""
    path = settings.path(settings.demo_answers_directory) / f"{assignment_id}.yml"
    if not path.is_file():
        raise NotebookError(f"Missing demo answers for {assignment_id}: create {path} with `wrong:` and `alternative:`.")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return _source_map(data, path, "wrong"), _source_map(data, path, "alternative")


def replace_answers(answer_key: nbformat.NotebookNode, sources: dict[str, str]) -> nbformat.NotebookNode:
    """A copy of the answer key with the listed answer cells replaced."""
    notebook = copy.deepcopy(answer_key)
    replaced = set()
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in sources:
            cell.source = sources[grade_id]
            replaced.add(grade_id)
    unknown = set(sources) - replaced
    if unknown:
        raise NotebookError(f"Demo answers name cells that the notebook lacks: {', '.join(sorted(unknown))}.")
    return notebook


def expected_scores(source: nbformat.NotebookNode, wrong: dict[str, str]) -> dict[str, float]:
    """The exact score each demo student must get."""
    points = {cell.metadata.nbgrader.grade_id: float(cell.metadata.nbgrader.points) for cell in grade_cells(source)}
    wrong_exercises = {_exercise_of(grade_id) for grade_id in wrong}
    lost = sum(p for grade_id, p in points.items() if _exercise_of(grade_id) in wrong_exercises)
    total = sum(points.values())
    return {"answer_key": total, "untouched": 0.0, "partly_wrong": total - lost, "alternative": total}


def build_demo_class(settings: Settings, assignment_id: str, folder: Path) -> dict[str, float]:
    """Write the three demo notebooks as ``folder/STUDENT/NN_slug.ipynb``; return expected scores.

    Needs ``release`` and ``solutions`` to have run for the chapter.
    """
    answer_key = read_notebook(chapter_path(settings.solutions, assignment_id))
    untouched = read_notebook(chapter_path(settings.release, assignment_id))
    wrong, alternative = load_demo_answers(settings, assignment_id)
    notebooks = {
        "answer_key": answer_key,
        "untouched": untouched,
        "partly_wrong": replace_answers(answer_key, wrong),
        "alternative": replace_answers(answer_key, alternative),
    }
    for student, notebook in notebooks.items():
        path = Path(folder) / student / f"{assignment_id}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, path)
    return expected_scores(read_notebook(chapter_path(settings.source, assignment_id)), wrong)
