"""Helper library of the Korean introductory deep-learning course.

Notebooks import from here: ``from course import setup, data, plots, xai``; each chapter's
exercises live in ``course.exercises.chNN``.
"""

from course import checks, data, model_checks, plots, xai
from course.environment import setup

__all__ = ["checks", "data", "model_checks", "plots", "setup", "xai"]
__version__ = "0.1.0"
