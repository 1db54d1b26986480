# nbgrader reads this file when `nbgrader` or formgrader runs from the repository root.
# Every setting lives in autograder/settings.py; edit it there.
# `python -m autograder [--workspace DIR] formgrader` starts formgrader on the right gradebook.
from autograder.settings import Settings, nbgrader_config

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)
c.merge(nbgrader_config(Settings.from_environment()))  # $AUTOGRADER_WORKSPACE: another workspace
