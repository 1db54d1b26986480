"""Every configuration key of the instructor's tooling, in one place.

Each key has a default and a one-line description. ``nbgrader_config(settings)`` turns the
settings into nbgrader's own traitlets configuration, which the stages pass to nbgrader's
converters and which ``nbgrader_config.py`` at the repository root uses for the
``nbgrader`` command line and formgrader.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from traitlets.config import Config

__all__ = ["REPO_ROOT", "Settings", "nbgrader_config"]

REPO_ROOT = Path(__file__).resolve().parent.parent


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
    cell_timeout: int = _describe("Seconds one cell may run while grading before it is interrupted.", 180)
    kernel_name: str = _describe("Jupyter kernel that executes notebooks.", "python3")

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
        return f"sqlite:///{self.gradebook}"

    @property
    def header_notebook(self) -> Path:
        """The first cell nbgrader prepends when no chapter is known (the ``nbgrader`` command line).

        It prepares for every chapter; the stages use :meth:`chapter_header` instead.
        """
        return self.workspace_path / "header.ipynb"

    def chapter_header(self, assignment_id: str) -> Path:
        """The first cell (the embedded ``course`` package) nbgrader prepends to one chapter (generated)."""
        return self.workspace_path / "headers" / f"{assignment_id}.ipynb"

    def with_workspace(self, workspace: Path | str) -> "Settings":
        """The same course graded in another workspace (the demo class, tests)."""
        return replace(self, workspace=Path(workspace))

    @classmethod
    def describe(cls) -> dict[str, str]:
        """Key → one-line description, for `python -m autograder config`."""
        return {f.name: f.metadata["help"] for f in fields(cls)}


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
    header = settings.header_notebook if assignment_id is None else settings.chapter_header(assignment_id)
    c.IncludeHeaderFooter.header = str(header)
    c.Execute.timeout = settings.cell_timeout
    c.Execute.kernel_name = settings.kernel_name
    c.Execute.record_timing = False
    # Grading restores deleted grade cells instead of silently asking for manual grading.
    c.OverwriteCells.add_missing_cells = True
    # Feedback must not show hidden tests (nbgrader shows them by default).
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import ClearHiddenTests, GetGrades

    c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
    c.Exchange.root = str(settings.workspace_path / "exchange")
    return c
