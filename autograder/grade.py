"""Stage `grade`: file a class's notebooks into nbgrader's submitted tree and autograde them.

Accepted layouts (a folder or a .zip of one):

- ``STUDENT/NN_slug.ipynb`` (or nbgrader's ``STUDENT/NN_slug/NN_slug.ipynb``): one folder
  per student, notebooks named after their chapter;
- ``STUDENT.ipynb``: flat files named after the student, with ``assignment_id`` given.

Originals are only read: each notebook is copied into the workspace before nbgrader sees it.
A broken submission is reported with its reason (and scores 0 in the export) while the rest
of the class is still graded.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.converters import Autograde

from autograder.converters import GradingError, prepare_workspace, run_converter
from autograder.notebooks import NotebookError, chapter_path, find_chapters, read_notebook
from autograder.release import release
from autograder.settings import Settings

__all__ = ["GradeResult", "Submission", "collect_submissions", "format_results", "grade"]

_IGNORED_PARTS = {"__MACOSX", ".ipynb_checkpoints"}


@dataclass(frozen=True)
class Submission:
    student_id: str
    assignment_id: str
    path: Path


@dataclass(frozen=True)
class GradeResult:
    student_id: str
    assignment_id: str
    score: float | None = None
    max_score: float | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _student_id(name: str) -> str:
    """nbgrader uses the id as a folder name: keep letters (any script), digits, '-', '_', '.'."""
    cleaned = re.sub(r"[^\w.-]+", "_", name.strip()).strip("._")
    return cleaned or "unnamed"


def collect_submissions(
    folder: Path, *, known_chapters: set[str], assignment_id: str | None = None
) -> tuple[list[Submission], list[GradeResult]]:
    """Find the notebooks of a class; return those to grade and those that cannot be filed."""
    submissions, problems = [], []
    notebooks = sorted(
        path
        for path in Path(folder).rglob("*.ipynb")
        if not _IGNORED_PARTS.intersection(path.parts) and not path.name.startswith(".")
    )
    for path in notebooks:
        relative = path.relative_to(folder)
        nested = len(relative.parts) >= 2
        student = _student_id(relative.parts[0] if nested else path.stem)
        chapter = path.stem if nested and path.stem in known_chapters else assignment_id
        if chapter is None:
            problems.append(GradeResult(student, "?", error=(
                f"{relative}: cannot tell the chapter. Name the file NN_slug.ipynb inside a student "
                f"folder, or pass --assignment (one of: {', '.join(sorted(known_chapters))})."
            )))
            continue
        if chapter not in known_chapters:
            problems.append(GradeResult(student, chapter, error=f"unknown chapter {chapter!r}."))
            continue
        submissions.append(Submission(student, chapter, path))
    if not notebooks:
        problems.append(GradeResult("-", assignment_id or "?", error=f"no .ipynb files found in {folder}."))
    return submissions, problems


def _unpack(source: Path, scratch: Path) -> Path:
    """A folder to read the class from: the folder itself, or a zip extracted into scratch."""
    if source.is_dir():
        return source
    if not source.exists():
        raise NotebookError(f"Submissions not found: {source}")
    if not zipfile.is_zipfile(source):
        raise NotebookError(f"{source} is neither a folder nor a .zip file of notebooks.")
    with zipfile.ZipFile(source) as archive:
        for member in archive.namelist():
            target = (scratch / member).resolve()
            if not target.is_relative_to(scratch.resolve()):
                raise NotebookError(f"Unsafe path inside the zip: {member!r}.")
        archive.extractall(scratch)
    return scratch


def _file_submission(settings: Settings, submission: Submission) -> None:
    """Copy a notebook into submitted/STUDENT/CHAPTER/CHAPTER.ipynb (the original is untouched)."""
    destination = chapter_path(
        settings.workspace_path / "submitted" / submission.student_id, submission.assignment_id
    )
    if destination.parent.exists():
        shutil.rmtree(destination.parent)
    destination.parent.mkdir(parents=True)
    shutil.copyfile(submission.path, destination)


def _score(settings: Settings, student_id: str, assignment_id: str) -> tuple[float, float]:
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        found = gradebook.find_submission(assignment_id, student_id)
        return float(found.score), float(found.max_score)


def _register_student(settings: Settings, student_id: str) -> None:
    """A student whose notebook could not be graded still appears (with 0) in the export."""
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        gradebook.update_or_create_student(student_id)


def grade(submissions: Path, *, settings: Settings, assignment_id: str | None = None) -> list[GradeResult]:
    """Autograde every notebook found in ``submissions`` (a folder or a .zip)."""
    chapters = {chapter.assignment_id for chapter in find_chapters(settings.source)}
    if assignment_id is not None and assignment_id not in chapters:
        raise NotebookError(f"Unknown chapter {assignment_id!r}; choose from: {', '.join(sorted(chapters))}.")
    prepare_workspace(settings)
    results: list[GradeResult] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = _unpack(Path(submissions), Path(scratch))
        found, problems = collect_submissions(folder, known_chapters=chapters, assignment_id=assignment_id)
        results.extend(problems)
        # The gradebook must hold the current source cells (hidden tests included); this
        # refresh writes its notebooks inside the workspace, never over the student release.
        refresh = replace(settings, release_directory=settings.workspace_path / "release")
        release(settings=refresh, chapters=sorted({s.assignment_id for s in found}) or None)
        for submission in found:
            try:
                read_notebook(submission.path)
            except NotebookError as error:
                _register_student(settings, submission.student_id)
                results.append(GradeResult(submission.student_id, submission.assignment_id, error=str(error)))
                continue
            _file_submission(settings, submission)
            try:
                run_converter(
                    Autograde,
                    settings,
                    assignment_id=submission.assignment_id,
                    student_id=submission.student_id,
                    force=True,
                    create_student=True,
                )
                score, max_score = _score(settings, submission.student_id, submission.assignment_id)
            except (GradingError, MissingEntry) as error:
                results.append(GradeResult(submission.student_id, submission.assignment_id, error=f"grading failed: {error}"))
                continue
            results.append(GradeResult(submission.student_id, submission.assignment_id, score, max_score))
    return results


def format_results(results: list[GradeResult]) -> str:
    """One line per student, broken submissions with their reason."""
    lines = []
    for result in sorted(results, key=lambda r: (r.assignment_id, r.student_id)):
        if result.ok:
            lines.append(f"  ✅ {result.assignment_id:<20} {result.student_id:<24} {result.score:g} / {result.max_score:g}")
        else:
            lines.append(f"  ❌ {result.assignment_id:<20} {result.student_id:<24} NOT GRADED: {result.error}")
    graded = sum(r.ok for r in results)
    lines.append(f"  {graded} graded, {len(results) - graded} not graded.")
    return "\n".join(lines)
