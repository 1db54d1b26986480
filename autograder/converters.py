"""Run nbgrader's own converters with our settings, and report their errors in words."""

from __future__ import annotations

import logging
import warnings

from sqlalchemy.exc import SAWarning

from nbgrader.api import Gradebook
from nbgrader.converters.base import NbGraderException
from nbgrader.coursedir import CourseDirectory

from autograder.bootstrap import write_header
from autograder.settings import Settings, nbgrader_config

__all__ = ["GradingError", "prepare_workspace", "run_converter"]


class GradingError(Exception):
    """An nbgrader stage failed; the message carries nbgrader's own error lines."""


class _ErrorLines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def prepare_workspace(settings: Settings) -> None:
    """Create the workspace and gradebook folder and (re)write the bootstrap header."""
    settings.workspace_path.mkdir(parents=True, exist_ok=True)
    write_header(settings.header_notebook, settings.install_source)
    with Gradebook(settings.db_url, settings.course_id):
        pass  # creates the SQLite gradebook and its tables


def run_converter(converter_class, settings: Settings, *, assignment_id: str, student_id: str = ".", **traits) -> None:
    """Run one nbgrader converter for one assignment (and student glob); raise GradingError on failure."""
    prepare_workspace(settings)
    config = nbgrader_config(settings)
    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id = assignment_id
    coursedir.student_id = student_id
    converter = converter_class(coursedir=coursedir, config=config, **traits)
    errors = _ErrorLines()
    converter.log.addHandler(errors)
    level = converter.log.level
    converter.log.setLevel(logging.WARNING)  # nbgrader's INFO lines drown the report
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SAWarning)  # nbgrader's own session warnings
            converter.start()
    except NbGraderException as error:
        detail = "; ".join(line.strip().splitlines()[0] for line in errors.lines if line.strip()) or str(error)
        raise GradingError(detail) from None
    finally:
        converter.log.removeHandler(errors)
        converter.log.setLevel(level)
