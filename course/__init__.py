"""Helper library of the Korean introductory deep-learning course.

Notebooks import from here: ``from course import setup, data, plots``; each chapter's
exercises live in ``course.exercises.chNN``.
"""

from course import checks, data, model_checks, plots
from course.environment import setup

__all__ = ["checks", "data", "model_checks", "plots", "setup"]
__version__ = "0.1.0"
