"""Stage `grade`: file a class's notebooks into nbgrader's submitted tree and autograde them.

Accepted layouts (a folder or a .zip of one):

- ``STUDENT/NN_slug.ipynb`` (or nbgrader's ``STUDENT/NN_slug/NN_slug.ipynb``): one folder
  per student, notebooks named after their chapter;
- ``STUDENT.ipynb``: flat files named after the student, with ``assignment_id`` given.

Download names from Colab, Kaggle or a file manager (``Copy of 02_terminology.ipynb``,
``02_terminology.ipynb의 사본.ipynb``, ``사본 - 02_terminology.ipynb``, ``02_terminology (1).ipynb``)
count as the chapter (or, flat, as the student). When one student has several notebooks for a
chapter, the newest (modification time inside the zip or folder; the plain name on a tie) is
graded and the others are named in that student's report line as ignored.

Originals are only read: each notebook is copied into the workspace before nbgrader sees it.
A notebook that lost its nbgrader metadata is compared with the chapter's release and graded
from a repaired copy (see :mod:`autograder.repair`); the report says what was restored. Hint
use is counted from the notebook as submitted (see :mod:`autograder.hints`).
A broken submission is reported with its reason (and scores 0 in the export) while the rest
of the class is still graded.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.converters import Autograde
from sqlalchemy.exc import OperationalError

from autograder.converters import GradingError, prepare_workspace, run_converter
from autograder.hints import count_hints, record_hint_use
from autograder.journal import GradeResult, JournalEntry, append_entry, latest_entries
from autograder.notebooks import NotebookError, find_assignments, read_notebook
from autograder.preprocessors import read_report
from autograder.progress import Progress
from autograder.release import release
from autograder.repair import needs_repair, repair_notebook
from autograder.sandbox import INSTALL_HINT, SandboxUnavailable, build_library, unavailable_reason
from autograder.settings import Settings
from autograder.workers import Job, JobOutcome, run_jobs

__all__ = ["GradeResult", "Submission", "autograde_submission", "collect_submissions", "format_results", "grade", "take_snapshot"]

_IGNORED_PARTS = {"__MACOSX", ".ipynb_checkpoints"}


# Copy markers that browsers, Colab, Kaggle and file managers add to a download name.
_COPY_MARKERS = (
    re.compile(r"^copy of\s+(?P<name>.+)$", re.IGNORECASE),  # Colab (English)
    re.compile(r"^사본\s*-\s*(?P<name>.+)$"),  # Google Drive (Korean)
    re.compile(r"^(?P<name>.+?)(?:\.ipynb)?의\s*사본$"),  # Colab (Korean)
    re.compile(r"^(?P<name>.+?)\s*\(\d{1,2}\)$"),  # browsers: "name (1)", "name(2)"
    re.compile(r"^(?P<name>.+?)\s*-\s*(?:copy|복사본)(?:\s*\(\d{1,2}\))?$", re.IGNORECASE),  # file managers
)


@dataclass(frozen=True)
class Submission:
    student_id: str
    assignment_id: str
    path: Path
    notes: tuple[str, ...] = ()
    notebook: str = ""  # notebook id inside the assignment; a chapter's is the chapter id

    @property
    def notebook_id(self) -> str:
        return self.notebook or self.assignment_id


def _student_id(name: str) -> str:
    """nbgrader uses the id as a folder name: keep letters (any script), digits, '-', '_', '.'."""
    cleaned = re.sub(r"[^\w.-]+", "_", name.strip()).strip("._")
    return cleaned or "unnamed"


def strip_copy_markers(stem: str) -> str:
    """``Copy of 02_terminology (1)`` → ``02_terminology``: the name before it was downloaded."""
    stem = stem.strip()
    while True:
        for marker in _COPY_MARKERS:
            match = marker.match(stem)
            if match:
                stem = match.group("name").strip()
                break
        else:
            return stem


def chapter_of(stem: str, known_chapters: set[str]) -> str | None:
    """The chapter a notebook name stands for (copy markers, case and ``-`` for ``_`` forgiven)."""
    name = strip_copy_markers(stem)
    for candidate in (name, name.lower().replace("-", "_").replace(" ", "_")):
        if candidate in known_chapters:
            return candidate
    return None


def _is_plain_name(submission: Submission) -> bool:
    return strip_copy_markers(submission.path.stem) == submission.path.stem


def _newest_first(submission: Submission) -> tuple:
    """Sort key: newest modification time, then the plain (uncopied) name, then the name."""
    return (-submission.path.stat().st_mtime, not _is_plain_name(submission), str(submission.path))


def _ignored_note(chosen: Submission, others: list[Submission], folder: Path) -> str:
    tie = chosen.path.stat().st_mtime == others[0].path.stat().st_mtime
    why = "same modification time: the plain name" if tie else "the newest"
    ignored = ", ".join(f"`{other.path.relative_to(folder)}`" for other in others)
    return (f"{1 + len(others)} notebooks for this chapter: graded `{chosen.path.relative_to(folder)}` ({why}); "
            f"ignored {ignored}")


def _one_per_chapter(submissions: list[Submission], folder: Path) -> list[Submission]:
    """Keep one file per (student, assignment, notebook): the newest; name the ignored ones in its notes."""
    groups: dict[tuple[str, str, str], list[Submission]] = {}
    for submission in submissions:
        key = (submission.student_id, submission.assignment_id, submission.notebook_id)
        groups.setdefault(key, []).append(submission)
    kept = []
    for group in groups.values():
        chosen, *others = sorted(group, key=_newest_first)
        if others:
            chosen = replace(chosen, notes=(_ignored_note(chosen, others, folder),))
        kept.append(chosen)
    return kept


def _place(relative: Path, stem: str, notebooks: dict[str, tuple[str, ...]], assignment_id: str | None):
    """(assignment, notebook id) a submitted file stands for, or (None, reason).

    Tried in order: a chapter's own name; a folder on the way named after an assignment
    (nbgrader's ``STUDENT/ps1/problem1.ipynb``); a notebook name that only one assignment has;
    ``--assignment``.
    """
    name = strip_copy_markers(stem)
    nested = len(relative.parts) >= 2
    chapters = {a for a, names in notebooks.items() if names == (a,)}
    candidates = []
    if nested:
        chapter = chapter_of(stem, chapters)
        if chapter is not None:
            return chapter, chapter
        candidates = [part for part in relative.parts[1:-1] if part in notebooks]
        if not candidates:
            candidates = [a for a, names in notebooks.items() if name in names]
    if not candidates and assignment_id is not None:
        candidates = [assignment_id]
    if len(candidates) != 1:
        return None, None
    assignment = candidates[0]
    names = notebooks.get(assignment, (assignment,))
    if len(names) == 1:
        return assignment, names[0]
    return (assignment, name) if name in names else (assignment, None)


def collect_submissions(
    folder: Path, *, known_chapters: set[str], assignment_id: str | None = None,
    notebooks: dict[str, tuple[str, ...]] | None = None,
) -> tuple[list[Submission], list[GradeResult]]:
    """Find the notebooks of a class; return those to grade and those that cannot be filed.

    ``notebooks`` maps each known assignment to its notebook ids (default: a chapter's own).
    """
    notebooks = dict(notebooks or {})
    for chapter in known_chapters:
        notebooks.setdefault(chapter, (chapter,))
    known_chapters = set(notebooks)
    submissions, problems = [], []
    files = sorted(
        path
        for path in Path(folder).rglob("*.ipynb")
        if not _IGNORED_PARTS.intersection(path.parts) and not path.name.startswith(".")
    )
    for path in files:
        relative = path.relative_to(folder)
        nested = len(relative.parts) >= 2
        student = _student_id(relative.parts[0] if nested else strip_copy_markers(path.stem))
        chapter, notebook = _place(relative, path.stem, notebooks, assignment_id)
        if chapter is not None and chapter in notebooks and notebook is None:
            problems.append(GradeResult(student, chapter, error=(
                f"{relative}: not a notebook of {chapter} (expected one of: {', '.join(notebooks[chapter])}).")))
            continue
        if chapter is None:
            problems.append(GradeResult(student, "?", error=(
                f"{relative}: cannot tell the chapter. Name the file NN_slug.ipynb inside a student "
                f"folder, or pass --assignment (one of: {', '.join(sorted(known_chapters))})."
            )))
            continue
        if chapter not in known_chapters:
            problems.append(GradeResult(student, chapter, error=f"unknown chapter {chapter!r}."))
            continue
        submissions.append(Submission(student, chapter, path, notebook=notebook))
    if not files:
        problems.append(GradeResult("-", assignment_id or "?", error=f"no .ipynb files found in {folder}."))
    return _one_per_chapter(submissions, Path(folder)), problems


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
        _keep_zip_times(archive, scratch)
    return scratch


def _keep_zip_times(archive: zipfile.ZipFile, scratch: Path) -> None:
    """Give extracted files the modification times stored in the zip (extractall does not)."""
    for member in archive.infolist():
        if not member.is_dir():
            stamp = time.mktime((*member.date_time, 0, 0, -1))
            os.utime(scratch / member.filename, (stamp, stamp))


def _submitted_folder(settings: Settings, student: str, assignment: str) -> Path:
    return settings.workspace_path / "submitted" / student / assignment


def _file_submission(settings: Settings, submission: Submission, repaired: nbformat.NotebookNode | None) -> None:
    """Copy a notebook (or write its repaired copy) into submitted/STUDENT/ASSIGNMENT/NOTEBOOK.ipynb,
    with the files beside it when it came in nbgrader's ``STUDENT/ASSIGNMENT/`` layout.

    The original is never modified.
    """
    folder = _submitted_folder(settings, submission.student_id, submission.assignment_id)
    folder.mkdir(parents=True, exist_ok=True)
    destination = folder / f"{submission.notebook_id}.ipynb"
    if repaired is None:
        shutil.copyfile(submission.path, destination)
    else:
        nbformat.write(repaired, destination)
    if submission.path.parent.name == submission.assignment_id:
        for extra in submission.path.parent.iterdir():
            if extra.is_file() and not extra.is_symlink() and extra.suffix != ".ipynb":
                shutil.copyfile(extra, folder / extra.name)


def _repair(notebook: nbformat.NotebookNode, release_notebook: nbformat.NotebookNode):
    """(repaired notebook or None when nothing was missing, notes for the report)."""
    if not needs_repair(notebook, release_notebook):
        return None, ()
    repair = repair_notebook(notebook, release_notebook)
    return repair.notebook, tuple(repair.summary())


def _autograde(settings: Settings, student_id: str, assignment_id: str) -> tuple[float, float, int]:
    """Run nbgrader's Autograde for one filed submission; raise GradingError with a readable reason.

    SQLite allows one writer at a time: a write that waited too long for parallel workers is
    tried again (PostgreSQL, for a cluster, has no such limit).
    """
    for attempt in range(1, _LOCK_ATTEMPTS + 1):
        try:
            run_converter(Autograde, settings, assignment_id=assignment_id, student_id=student_id,
                          force=True, create_student=True)
            return _score(settings, student_id, assignment_id)
        except (GradingError, OperationalError) as error:
            if "database is locked" not in str(error) or attempt == _LOCK_ATTEMPTS:
                raise
            time.sleep(attempt)
    raise AssertionError("unreachable")


_LOCK_ATTEMPTS = 5


def _score(settings: Settings, student_id: str, assignment_id: str) -> tuple[float, float, int]:
    """(score so far, maximum, number of cells still waiting for manual grading)."""
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        found = gradebook.find_submission(assignment_id, student_id)
        pending = sum(grade.needs_manual_grade for notebook in found.notebooks for grade in notebook.grades)
        return float(found.score), float(found.max_score), int(pending)


def _register_student(settings: Settings, student_id: str) -> None:
    """A student whose notebook could not be graded still appears (with 0) in the export."""
    with Gradebook(settings.db_url, settings.course_id) as gradebook:
        gradebook.update_or_create_student(student_id)


def grade(
    submissions: Path, *, settings: Settings, assignment_id: str | None = None, workers: int = 1,
    scheduler: str | None = None, regrade: bool = False, progress: bool = False,
) -> list[GradeResult]:
    """Autograde every notebook found in ``submissions`` (a folder or a .zip).

    Student code runs in the sandbox of :mod:`autograder.sandbox` unless ``settings.sandbox``
    is False; when no sandbox can be set up, grading refuses (``SandboxUnavailable``) before
    anything runs. Everything grading reads (chapters, hidden tests, the kernel's library)
    comes from a read-only snapshot taken first, never from the live tree.

    Submissions are graded on ``workers`` local processes, or on the Dask cluster at
    ``scheduler`` (see :mod:`autograder.workers`); the scores are those of one-by-one grading.
    Each finished submission is written to the journal (:mod:`autograder.journal`) at once: a
    submission whose files and grading inputs are unchanged since it was last graded is not
    graded again (an interrupted run resumes) unless ``regrade`` is set.
    """
    if settings.sandbox and unavailable_reason() is not None:
        raise SandboxUnavailable(f"Cannot grade safely: {unavailable_reason()} {INSTALL_HINT}")
    assignments = {a.assignment_id: a.notebooks for a in find_assignments(settings.source)}
    chapters = set(assignments)
    if assignment_id is not None and assignment_id not in chapters:
        raise NotebookError(f"Unknown chapter {assignment_id!r}; choose from: {', '.join(sorted(chapters))}.")
    prepare_workspace(settings)
    results: list[GradeResult] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = _unpack(Path(submissions), Path(scratch))
        found, problems = collect_submissions(
            folder, known_chapters=chapters, assignment_id=assignment_id, notebooks=assignments)
        graded_chapters = sorted({s.assignment_id for s in found})
        settings = take_snapshot(settings, chapters=graded_chapters)
        for problem in problems:
            append_entry(settings.workspace_path, JournalEntry(problem, digest=""))
        results.extend(problems)
        # The gradebook must hold the snapshot's source cells (hidden tests included); this
        # refresh writes its notebooks inside the workspace, never over the student release.
        refresh = replace(settings, release_directory=settings.workspace_path / "release")
        release(settings=refresh, chapters=graded_chapters or None)
        groups: dict[tuple[str, str], list[Submission]] = {}
        for submission in found:
            groups.setdefault((submission.student_id, submission.assignment_id), []).append(submission)
        jobs, notes = [], {}
        done = {} if regrade else latest_entries(settings.workspace_path)
        fingerprints = {chapter: _grading_fingerprint(settings, chapter) for chapter in graded_chapters}
        for (student, assignment), group in groups.items():
            filed = _file_group(settings, student, assignment, group, refresh.release / assignment)
            if isinstance(filed, GradeResult):
                append_entry(settings.workspace_path, JournalEntry(filed, digest=""))
                results.append(filed)
                continue
            digest = _digest(group, fingerprints[assignment])
            previous = done.get((student, assignment))
            resumed = _resumed(settings, previous.result) if previous is not None and previous.digest == digest else None
            if resumed is not None:
                results.append(resumed)
                continue
            notes[(student, assignment)] = (filed, digest)
            jobs.append(Job(f"{assignment}/{student}", autograde_submission, (settings, student, assignment)))
        results.extend(_run(settings, jobs, notes, workers=workers, scheduler=scheduler, progress=progress))
    return results


def _run(settings: Settings, jobs: list[Job], notes: dict, *, workers: int, scheduler: str | None, progress: bool):
    """Grade the jobs; journal and yield each result as it finishes."""
    bar = Progress(len(jobs), enabled=progress)
    try:
        for outcome in run_jobs(jobs, workers=workers, scheduler=scheduler):
            assignment, student = outcome.job.key.split("/", 1)
            filed, digest = notes[(student, assignment)]
            result = _result(settings, student, assignment, filed, outcome)
            append_entry(settings.workspace_path, JournalEntry(result, digest if result.ok else "", outcome.seconds))
            bar.advance(assignment, student, _outcome_text(result))
            yield result
    finally:
        bar.close()


def _result(settings: Settings, student: str, assignment: str, filed: tuple[str, ...], outcome: JobOutcome) -> GradeResult:
    if outcome.ok:
        score, max_score, pending, reported = outcome.value
        return GradeResult(student, assignment, score, max_score, notes=filed + tuple(reported), pending=pending)
    with contextlib.suppress(Exception):
        _register_student(settings, student)
    reported = tuple(read_report(settings.reports_path, student, assignment))
    reason = outcome.error.split(": ", 1)[1] if outcome.error.startswith("GradingError: ") else outcome.error
    return GradeResult(student, assignment, error=f"grading failed: {reason}", notes=filed + reported)


def _outcome_text(result: GradeResult) -> str:
    return f"✅ {result.score:g}/{result.max_score:g}" if result.ok else "❌ 채점 실패"


def autograde_submission(settings: Settings, student: str, assignment: str) -> tuple[float, float, int, list[str]]:
    """One job: autograde a filed submission (in any worker); (score, max, pending cells, notes).

    The chapter's grading key is imported before the submission runs, from this worker's copy.
    """
    from autograder.settings import is_course_chapter

    if is_course_chapter(assignment):
        from autograder.keys import keys_of

        keys_of(assignment)
    if not (settings.workspace_path / "submitted" / student / assignment).is_dir():
        raise GradingError(
            f"this worker cannot see {settings.workspace_path}: on a Dask cluster the workspace must be at the "
            "same path on every worker (a shared filesystem)")
    read_report(settings.reports_path, student, assignment, clear=True)
    score, max_score, pending = _autograde(settings, student, assignment)
    return score, max_score, pending, read_report(settings.reports_path, student, assignment)


def _grading_fingerprint(settings: Settings, assignment: str) -> str:
    """Everything a chapter's grading depends on: its snapshot, the kernel library, the grader's
    code (keys included) and the settings that change a run."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    files = [
        *sorted(p for p in (settings.source / assignment).rglob("*") if p.is_file()),
        *sorted(p for p in (settings.snapshot_path / "lib").rglob("*") if p.is_file() and "__pycache__" not in p.parts),
        *sorted([*package.glob("*.py"), *package.glob("keys/*.py"), *package.glob("probes/*.py")]),
    ]
    for path in files:
        digest.update(str(path).encode() + b"\0" + path.read_bytes())
    options = (settings.fast_demo, settings.sandbox, settings.cell_timeout, settings.notebook_timeout,
               settings.memory_limit_mb, settings.max_processes, settings.kernel_name)
    digest.update(repr(options).encode())
    return digest.hexdigest()


def _digest(group: list[Submission], fingerprint: str) -> str:
    digest = hashlib.sha256(fingerprint.encode())
    for submission in sorted(group, key=lambda s: s.notebook_id):
        digest.update(submission.notebook_id.encode() + b"\0" + submission.path.read_bytes())
    return digest.hexdigest()


def _resumed(settings: Settings, result: GradeResult) -> GradeResult | None:
    """A result graded before, with its score as the gradebook has it now (manual grades included);
    None when it no longer counts (it failed, or its autograded copy or gradebook entry is gone)."""
    if not result.ok or not (settings.workspace_path / "autograded" / result.student_id / result.assignment_id).is_dir():
        return None
    try:
        score, max_score, pending = _score(settings, result.student_id, result.assignment_id)
    except MissingEntry:
        return None
    notes = result.notes if any(n.startswith(_RESUMED) for n in result.notes) else result.notes + (_RESUMED_NOTE,)
    return replace(result, score=score, max_score=max_score, pending=pending, notes=notes)


_RESUMED = "already graded"
_RESUMED_NOTE = f"{_RESUMED}: unchanged since the last run, not graded again (--regrade grades it anew)"


def take_snapshot(settings: Settings, chapters: list[str] | None = None) -> Settings:
    """Copy the chapters and the graded kernel's library into ``snapshot/``, read-only.

    Returns settings whose source directory is the snapshot: nothing a submission does to
    the live tree (possible only with --unsafe-no-sandbox) changes how the batch is graded.
    The grading keys of ``chapters`` (default: all) are imported now, before any submission runs.
    """
    snapshot = settings.snapshot_path
    if snapshot.exists():
        for path in [snapshot, *snapshot.rglob("*")]:
            if not path.is_symlink():
                path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(snapshot)
    source = snapshot / "source"
    shutil.copytree(settings.source, source, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    build_library(snapshot / "lib", root=Path(settings.root))
    _load_keys(source, chapters)
    for path in [source, *source.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    return replace(settings, source_directory=source)


def _load_keys(source: Path, chapters: list[str] | None = None) -> None:
    """Import the chapters' grading keys now, before any submission runs: the judge keeps
    using these modules for the whole batch, whatever happens to the files afterwards."""
    from autograder.keys import keys_of
    from autograder.settings import is_course_chapter

    for folder in sorted(source.iterdir()):
        if folder.is_dir() and is_course_chapter(folder.name) and (chapters is None or folder.name in chapters):
            keys_of(folder.name)


def _prepare(settings: Settings, submission: Submission, release_folder: Path) -> tuple[str, ...]:
    """Read, count hints, repair if needed and file one notebook; return its notes.

    Raises :class:`NotebookError` when the file cannot be read as a notebook.
    """
    student, chapter = submission.student_id, submission.assignment_id
    label = "" if submission.notebook_id == chapter else f"{submission.notebook_id}.ipynb: "
    notebook = read_notebook(submission.path)
    if submission.notebook_id == chapter:
        record_hint_use(settings.workspace_path, student, chapter, count_hints(notebook))
    repaired, repair_notes = _repair(notebook, read_notebook(release_folder / f"{submission.notebook_id}.ipynb"))
    notes = submission.notes + tuple(label + note for note in repair_notes)
    if repaired is None and submission.path.read_bytes()[:3] == b"\xef\xbb\xbf":
        repaired, notes = notebook, notes + (f"{label}UTF-8 BOM at the start of the file removed",)
    _file_submission(settings, submission, repaired)
    return notes


def _file_group(
    settings: Settings, student: str, chapter: str, group: list[Submission], release_folder: Path
) -> tuple[str, ...] | GradeResult:
    """File every notebook one student submitted for one assignment; return the notes for the report.

    A notebook that cannot be read is named in the notes and scores 0 (nbgrader's rule for a
    missing notebook); when none can be read the result is the reason, not a score.
    """
    folder = _submitted_folder(settings, student, chapter)
    if folder.exists():
        shutil.rmtree(folder)
    notes: tuple[str, ...] = ()
    errors: list[str] = []
    for submission in sorted(group, key=lambda s: s.notebook_id):
        try:
            notes += _prepare(settings, submission, release_folder)
        except NotebookError as error:
            label = "" if submission.notebook_id == chapter else f"{submission.notebook_id}.ipynb: "
            errors.append(f"{label}{error}")
            notes += submission.notes
    if len(errors) == len(group):
        _register_student(settings, student)
        return GradeResult(student, chapter, error="; ".join(errors), notes=notes)
    return notes + tuple(f"not graded (scores 0): {error}" for error in errors)


def format_results(results: list[GradeResult]) -> str:
    """One line per student, broken submissions with their reason; notes (repairs, ignored
    copies) follow on indented lines that start with ``↳``."""
    lines = []
    for result in sorted(results, key=lambda r: (r.assignment_id, r.student_id)):
        if result.ok and result.pending:
            lines.append(
                f"  ⏳ {result.assignment_id:<20} {result.student_id:<24} {result.score:g} / {result.max_score:g} so far: "
                f"{result.pending} cell(s) need manual grading (formgrader), not a final score"
            )
        elif result.ok:
            lines.append(f"  ✅ {result.assignment_id:<20} {result.student_id:<24} {result.score:g} / {result.max_score:g}")
        else:
            lines.append(f"  ❌ {result.assignment_id:<20} {result.student_id:<24} NOT GRADED: {result.error}")
        lines.extend(f"       ↳ {note}" for note in result.notes)
    graded = sum(r.ok for r in results)
    lines.append(f"  {graded} graded, {len(results) - graded} not graded.")
    return "\n".join(lines)
