"""Every configuration key of the instructor's tooling, in one place.

Each key has a default and a one-line description. ``nbgrader_config(settings)`` turns the
settings into nbgrader's own traitlets configuration, which the stages pass to nbgrader's
converters and which ``nbgrader_config.py`` at the repository root uses for the
``nbgrader`` command line and formgrader.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from traitlets.config import Config

__all__ = ["DATABASE_ENV", "REPO_ROOT", "WORKSPACE_ENV", "Settings", "is_course_chapter", "nbgrader_config"]

REPO_ROOT = Path(__file__).resolve().parent.parent
# Set by `python -m autograder --workspace DIR formgrader`, so that nbgrader_config.py (which
# formgrader loads from the repository root) opens the gradebook of that workspace.
WORKSPACE_ENV = "AUTOGRADER_WORKSPACE"
# A gradebook database URL (PostgreSQL for grading on a cluster), read like the workspace.
DATABASE_ENV = "AUTOGRADER_DB"


def _describe(text: str, default):
    return field(default=default, metadata={"help": text})


@dataclass(frozen=True)
class Settings:
    """Paths and options of the course. Relative paths are relative to ``root``."""

    root: Path = _describe("Repository root; every relative path below starts here.", REPO_ROOT)
    source_directory: Path = _describe("Chapters as authored: NN_slug/NN_slug.ipynb.", Path("source_notebooks"))
    release_directory: Path = _describe("Student notebooks built by `release` (never committed).", Path("release"))
    solution_directory: Path = _describe("Answer keys built by `solutions` (committed).", Path("solutions"))
    workspace: Path = _describe(
        "Grading workspace: submitted/, autograded/, feedback/, exports and the gradebook.",
        Path("autograder/workspace"),
    )
    demo_answers_directory: Path = _describe(
        "Plausible wrong answers per chapter (YAML) for the demo class.", Path("autograder/demo_answers")
    )
    course_id: str = _describe("nbgrader course id stored in the gradebook.", "dl-course-ko")
    database_url: str = _describe(
        "Gradebook database URL, e.g. postgresql+psycopg://user@host/db for a Dask cluster; empty: SQLite in the workspace.", ""
    )
    cell_timeout: int = _describe("Seconds one cell may run while grading before it is interrupted.", 180)
    kernel_name: str = _describe("Jupyter kernel that executes notebooks.", "python3")
    sandbox: bool = _describe(
        "Grade each submission in a bubblewrap sandbox; False (--unsafe-no-sandbox) runs student code unconfined.", True
    )
    notebook_timeout: int = _describe("Seconds one submission may run in all while grading.", 1200)
    memory_limit_mb: int = _describe("Address space (MiB) each process of a graded submission may use.", 6144)
    max_processes: int = _describe("Processes and threads a graded submission may have at once.", 256)
    fast_demo: bool = _describe(
        "Grade chapters fast: their fast parameters (answers' own parameters kept) and no demo cell that no "
        "later cell needs; False (--full-demo) runs every cell at the chapter's own values.", True
    )

    def path(self, relative: Path | str) -> Path:
        """Resolve a configured path against ``root``."""
        relative = Path(relative)
        return relative if relative.is_absolute() else Path(self.root) / relative

    @property
    def source(self) -> Path:
        return self.path(self.source_directory)

    @property
    def release(self) -> Path:
        return self.path(self.release_directory)

    @property
    def solutions(self) -> Path:
        return self.path(self.solution_directory)

    @property
    def workspace_path(self) -> Path:
        return self.path(self.workspace)

    @property
    def gradebook(self) -> Path:
        return self.workspace_path / "gradebook.db"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.gradebook}"

    def has_gradebook(self) -> bool:
        """Whether grading has created the gradebook (a database server is assumed to hold one)."""
        return bool(self.database_url) or self.gradebook.exists()

    @property
    def header_notebook(self) -> Path:
        """The first cell nbgrader prepends when no chapter is known (the ``nbgrader`` command line).

        It prepares for every chapter; the stages use :meth:`chapter_header` instead.
        """
        return self.workspace_path / "header.ipynb"

    @property
    def snapshot_path(self) -> Path:
        """Read-only copies taken when a grading batch starts (chapters, the graded kernel's library)."""
        return self.workspace_path / "snapshot"

    @property
    def reports_path(self) -> Path:
        """Notes the grading preprocessors wrote per submission (sandbox, tampering)."""
        return self.workspace_path / "reports"

    def chapter_header(self, assignment_id: str) -> Path:
        """The first cell (the embedded ``course`` package) nbgrader prepends to one chapter (generated)."""
        return self.workspace_path / "headers" / f"{assignment_id}.ipynb"

    @classmethod
    def from_environment(cls) -> "Settings":
        """The defaults, with ``$AUTOGRADER_WORKSPACE`` and ``$AUTOGRADER_DB`` when they are set."""
        workspace = os.environ.get(WORKSPACE_ENV, "").strip()
        settings = cls().with_workspace(Path(workspace).resolve()) if workspace else cls()
        database = os.environ.get(DATABASE_ENV, "").strip()
        return replace(settings, database_url=database) if database else settings

    def with_workspace(self, workspace: Path | str) -> "Settings":
        """The same course graded in another workspace (the demo class, tests)."""
        return replace(self, workspace=Path(workspace))

    @classmethod
    def describe(cls) -> dict[str, str]:
        """Key → one-line description, for `python -m autograder config`."""
        return {f.name: f.metadata["help"] for f in fields(cls)}


def is_course_chapter(assignment_id: str) -> bool:
    """Whether ``assignment_id`` is one of the course's chapters (``course.exercises.chNN.CHAPTER``)."""
    module = _exercise_module(assignment_id)
    return module is not None and getattr(module, "CHAPTER", None) == assignment_id


def _exercise_module(assignment_id: str):
    import importlib

    if not (len(assignment_id) > 2 and assignment_id[:2].isdigit()):
        return None
    try:
        return importlib.import_module(f"course.exercises.ch{assignment_id[:2]}")
    except ImportError:
        return None


def nbgrader_config(settings: Settings, assignment_id: str | None = None) -> Config:
    """nbgrader's configuration for these settings (absolute paths, our gradebook).

    With ``assignment_id`` the released notebook's first cell is that chapter's header.
    """
    c = Config()
    c.CourseDirectory.root = str(settings.root)
    c.CourseDirectory.course_id = settings.course_id
    c.CourseDirectory.source_directory = str(settings.source)
    c.CourseDirectory.release_directory = str(settings.release)
    c.CourseDirectory.solution_directory = str(settings.solutions)
    c.CourseDirectory.submitted_directory = str(settings.workspace_path / "submitted")
    c.CourseDirectory.autograded_directory = str(settings.workspace_path / "autograded")
    c.CourseDirectory.feedback_directory = str(settings.workspace_path / "feedback")
    c.CourseDirectory.db_url = settings.db_url
    c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "*.egg-info"]
    if assignment_id is None:
        c.IncludeHeaderFooter.header = str(settings.header_notebook)
    elif is_course_chapter(assignment_id):
        c.IncludeHeaderFooter.header = str(settings.chapter_header(assignment_id))
    else:  # an instructor's own assignment: no course header
        c.IncludeHeaderFooter.header = ""
    c.Execute.timeout = settings.cell_timeout
    c.Execute.kernel_name = settings.kernel_name
    c.Execute.record_timing = False
    # Grading restores deleted grade cells instead of silently asking for manual grading.
    c.OverwriteCells.add_missing_cells = True
    _feedback_config(c)
    _autograde_config(c, settings, assignment_id)
    c.Exchange.root = str(settings.workspace_path / "exchange")
    return c


def _autograde_config(c: Config, settings: Settings, assignment_id: str | None) -> None:
    """nbgrader's Autograde pipeline with the sandboxed Execute and the test-output guard."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import AssignLatePenalties, CheckCellMetadata, IgnorePattern, LimitOutput, SaveAutoGrades

    from autograder.preprocessors import GuardTestOutputs, SandboxedExecute

    c.Autograde.autograde_preprocessors = [
        SandboxedExecute, GuardTestOutputs, IgnorePattern, ClearMetadataPreprocessor,
        LimitOutput, SaveAutoGrades, AssignLatePenalties, CheckCellMetadata,
    ]
    c.SandboxedExecute.timeout = settings.cell_timeout
    c.SandboxedExecute.kernel_name = settings.kernel_name
    c.SandboxedExecute.sandbox = settings.sandbox
    c.SandboxedExecute.library = str(settings.snapshot_path / "lib")
    c.SandboxedExecute.report_directory = str(settings.reports_path)
    c.SandboxedExecute.notebook_timeout = settings.notebook_timeout
    c.SandboxedExecute.memory_mb = settings.memory_limit_mb
    c.SandboxedExecute.max_processes = settings.max_processes
    if settings.fast_demo and assignment_id is not None and is_course_chapter(assignment_id):
        from autograder.parameters import fast_parameters

        c.SandboxedExecute.parameters = fast_parameters(assignment_id)
        c.SandboxedExecute.demo_sources, c.SandboxedExecute.trusted_sources = _chapter_sources(settings, assignment_id)
    c.GuardTestOutputs.report_directory = str(settings.reports_path)


def _chapter_sources(settings: Settings, assignment_id: str) -> tuple[list[str], list[str]]:
    """(sources of the ``demo`` cells, sources of all the chapter's own code cells), read from its
    (snapshot of the) source notebook."""
    import nbformat

    from autograder.demo_cells import demo_sources, trusted_sources

    path = settings.source / assignment_id / f"{assignment_id}.ipynb"
    if not path.is_file():
        return [], []
    notebook = nbformat.read(path, as_version=4)
    return sorted(demo_sources(notebook)), sorted(trusted_sources(notebook))


# What the course's own result boxes use; everything else in an output's HTML is escaped.
_FEEDBACK_TAGS = ["a", "b", "br", "code", "div", "em", "i", "li", "ol", "p", "pre", "span", "strong", "table",
                  "tbody", "td", "th", "thead", "tr", "ul"]
_FEEDBACK_STYLES = ["background", "border-left", "border-radius", "color", "font-weight", "line-height", "margin",
                    "padding", "text-align"]


def _feedback_config(c: Config) -> None:
    """Feedback shows no hidden test (source or output), no live script, no raw escape bytes."""
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbconvert.preprocessors.sanitize import SanitizeHTML
    from nbgrader.preprocessors import GetGrades

    from autograder.preprocessors import MarkPendingGrades, SafeFeedback

    c.GenerateFeedback.preprocessors = [GetGrades, MarkPendingGrades, SafeFeedback, SanitizeHTML, CSSHTMLHeaderPreprocessor]
    c.SanitizeHTML.tags = _FEEDBACK_TAGS
    c.SanitizeHTML.attributes = {"*": ["style"], "a": ["href", "title"]}
    c.SanitizeHTML.styles = _FEEDBACK_STYLES
    c.SanitizeHTML.strip = True
    c.SanitizeHTML.enabled = True  # nbconvert preprocessors are off unless enabled
