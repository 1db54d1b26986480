"""Run nbgrader's own converters with our settings, and report their errors in words."""

from __future__ import annotations

import logging
import warnings

from sqlalchemy.exc import SAWarning

from nbgrader.api import Gradebook
from nbgrader.converters.base import NbGraderException
from nbgrader.coursedir import CourseDirectory

from autograder.bundle import build_bundle, write_header
from autograder.settings import Settings, is_course_chapter, nbgrader_config

__all__ = ["GradingError", "explain_errors", "prepare_workspace", "run_converter"]


class GradingError(Exception):
    """An nbgrader stage failed; the message carries nbgrader's own error lines."""


class _ErrorLines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


# nbgrader's error lines that only point elsewhere ("see the traceback above").
_GENERIC_ERRORS = ("There was an error processing assignment", "Please see the")


def explain_errors(messages: list[str], fallback: str) -> str:
    """The useful line of each nbgrader error: a traceback's last line (e.g. ``KeyError: 'q1_answer'``),
    else its first line."""
    reasons = []
    for message in messages:
        lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
        if not lines or lines[0].startswith(_GENERIC_ERRORS):
            continue
        reason = lines[-1] if lines[0].startswith("Traceback") else lines[0]
        if reason not in reasons:
            reasons.append(reason)
    return "; ".join(reasons) or fallback


def prepare_workspace(settings: Settings, assignment_id: str | None = None) -> None:
    """Create the workspace and gradebook folder and (re)write the first-cell header.

    The header embeds the current ``course/`` package (deterministic bytes): the generic one
    for the ``nbgrader`` command line, and ``assignment_id``'s own when one is given.
    """
    settings.workspace_path.mkdir(parents=True, exist_ok=True)
    bundle = build_bundle()
    write_header(settings.header_notebook, None, bundle)
    if assignment_id is not None and is_course_chapter(assignment_id):
        write_header(settings.chapter_header(assignment_id), assignment_id, bundle)
    with Gradebook(settings.db_url, settings.course_id):
        pass  # creates the SQLite gradebook and its tables


def run_converter(converter_class, settings: Settings, *, assignment_id: str, student_id: str = ".", **traits) -> None:
    """Run one nbgrader converter for one assignment (and student glob); raise GradingError on failure."""
    prepare_workspace(settings, assignment_id)
    config = nbgrader_config(settings, assignment_id)
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
        raise GradingError(explain_errors(errors.lines, str(error))) from None
    finally:
        converter.log.removeHandler(errors)
        converter.log.setLevel(level)
