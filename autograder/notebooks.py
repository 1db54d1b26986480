"""Finding chapters, reading notebooks safely, and executing them with papermill."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

__all__ = [
    "CHAPTER_PATTERN",
    "Assignment",
    "Chapter",
    "NotebookError",
    "chapter_path",
    "execute_notebook",
    "find_assignments",
    "find_chapters",
    "grade_cells",
    "read_notebook",
]

CHAPTER_PATTERN = re.compile(r"^\d{2}_[a-z0-9_]+$")


class NotebookError(Exception):
    """A notebook that cannot be used, with a message that says what to do."""


@dataclass(frozen=True)
class Chapter:
    """One chapter: the folder name is the nbgrader assignment id and the notebook id."""

    assignment_id: str
    source: Path

    @property
    def notebook_name(self) -> str:
        return f"{self.assignment_id}.ipynb"


@dataclass(frozen=True)
class Assignment:
    """Any nbgrader assignment in the source folder: a course chapter or an instructor's own
    (any folder name, one or more notebooks, extra files)."""

    assignment_id: str
    folder: Path
    notebooks: tuple[str, ...]  # notebook ids (file names without .ipynb), sorted

    @property
    def is_chapter(self) -> bool:
        return bool(CHAPTER_PATTERN.match(self.assignment_id)) and self.notebooks == (self.assignment_id,)


def find_assignments(source_directory: Path, only: list[str] | None = None) -> list[Assignment]:
    """Every assignment folder under ``source_directory`` (chapters first, then the others by name)."""
    chapters = {c.assignment_id for c in find_chapters(source_directory)}
    found = []
    for folder in sorted(Path(source_directory).iterdir()):
        if not folder.is_dir() or folder.name.startswith((".", "_")):
            continue
        names = tuple(sorted(p.stem for p in folder.glob("*.ipynb") if not p.name.startswith(".")))
        if names:
            found.append(Assignment(folder.name, folder, names))
    found.sort(key=lambda a: (a.assignment_id not in chapters, a.assignment_id))
    if only:
        known = {a.assignment_id for a in found}
        unknown = [name for name in only if name not in known]
        if unknown:
            raise NotebookError(f"Unknown assignment {unknown[0]!r}; choose from: {', '.join(sorted(known))}.")
        found = [a for a in found if a.assignment_id in only]
    return found


def chapter_path(directory: Path, assignment_id: str) -> Path:
    """``directory/NN_slug/NN_slug.ipynb``."""
    return Path(directory) / assignment_id / f"{assignment_id}.ipynb"


def find_chapters(source_directory: Path, only: list[str] | None = None) -> list[Chapter]:
    """Chapters under ``source_directory`` in order; ``only`` selects some by id."""
    source_directory = Path(source_directory)
    if not source_directory.is_dir():
        raise NotebookError(f"Source folder not found: {source_directory}. Run from the repository root.")
    chapters = [
        Chapter(folder.name, chapter_path(source_directory, folder.name))
        for folder in sorted(source_directory.iterdir())
        if folder.is_dir() and CHAPTER_PATTERN.match(folder.name)
    ]
    missing = [c.source for c in chapters if not c.source.is_file()]
    if missing:
        raise NotebookError(f"Chapter folder without its notebook: {missing[0]} (expected NN_slug/NN_slug.ipynb).")
    if only:
        known = {c.assignment_id for c in chapters}
        unknown = [name for name in only if name not in known]
        if unknown:
            raise NotebookError(f"Unknown chapter {unknown[0]!r}; choose from: {', '.join(sorted(known))}.")
        chapters = [c for c in chapters if c.assignment_id in only]
    return chapters


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """Read and validate a notebook, or raise :class:`NotebookError` saying what is wrong."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # a UTF-8 BOM (some editors add one) is fine
    except FileNotFoundError:
        raise NotebookError(f"File not found: {path}") from None
    except UnicodeDecodeError:
        raise NotebookError(f"Not a text notebook (not UTF-8): {path.name}. Ask for the .ipynb file itself.") from None
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookError(
            f"Broken notebook (invalid JSON at line {error.lineno}, column {error.colno}): {path.name}. "
            "Ask the student to download the notebook again (File > Download) and resubmit."
        ) from None
    try:
        notebook = nbformat.reads(text, as_version=4)
    except Exception as error:  # nbformat's own reader errors
        raise NotebookError(f"Not a Jupyter notebook: {path.name} ({type(error).__name__}: {error}).") from None
    try:
        nbformat.validate(notebook)
    except nbformat.ValidationError as error:
        raise NotebookError(f"Invalid notebook structure in {path.name}: {error.message}") from None
    return notebook


def grade_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """Autograded test cells (nbgrader ``grade: true`` code cells)."""
    return [
        cell
        for cell in notebook.cells
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade")
    ]


def execute_notebook(
    source: Path, output: Path, *, parameters: dict | None = None, kernel_name: str = "python3"
) -> float:
    """Execute a notebook top to bottom with papermill in its own folder; return seconds."""
    import papermill

    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    papermill.execute_notebook(
        str(source),
        str(output),
        parameters=parameters or {},
        cwd=str(Path(source).parent),
        kernel_name=kernel_name,
        progress_bar=False,
        log_output=False,
    )
    return time.perf_counter() - started
