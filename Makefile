# All set-up happens on first use: each target creates or updates .venv when needed.
#   make course   the main job (release, answer keys, execute every chapter, grade a demo class)
#   make test     the tests (CI runs exactly this through .ci/run)
# Conda users: `conda env create -f environment.yml`, then `make course VENV=$CONDA_PREFIX`.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.course-installed
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: course test lab browser release solutions grade export feedback report formgrader config clean-workspace sandbox-tools services

$(STAMP): pyproject.toml
	@test -x "$(BIN)/python" || "$(PYTHON)" -m venv "$(VENV)"
	"$(BIN)/python" -m pip install --quiet --upgrade pip
	"$(BIN)/python" -m pip install --quiet -e ".[tf,dev]"
	@touch "$(STAMP)"

# Grading runs each submission in a bubblewrap sandbox (Debian/Ubuntu package `bubblewrap`):
# installed here when missing and running as root, else the command to run is printed.
sandbox-tools:
	@command -v bwrap >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get install -y -qq bubblewrap >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq bubblewrap; }; \
	  else echo "bubblewrap is missing: run 'sudo apt-get install bubblewrap' (grading refuses student code without it)"; fi; }

# The tests start a private PostgreSQL server (Debian package `postgresql`) for the nbgrader
# gradebook (tests/services.py): installed here when missing and running as root, else the command is printed.
services:
	@command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get install -y -qq postgresql >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq postgresql; }; \
	  else echo "PostgreSQL is missing: run 'sudo apt-get install postgresql' (the tests start a private server from it)"; fi; }

# The browser test (tests/test_browser.py) drives JupyterLab in Debian's Chromium, with Korean and emoji
# fonts for its screenshots: installed here when missing and running as root, else the command is printed.
BROWSER_PACKAGES := chromium fonts-nanum fonts-noto-color-emoji
browser:
	@{ command -v chromium || command -v chromium-browser || command -v google-chrome; } >/dev/null && fc-list | grep -qi nanum || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq $(BROWSER_PACKAGES); }; \
	  else echo "Chromium or a Korean font is missing: run 'sudo apt-get install $(BROWSER_PACKAGES)' (the browser test needs them)"; fi; }

course: $(STAMP) sandbox-tools
	"$(BIN)/python" -m autograder course

test: $(STAMP) sandbox-tools services browser
	"$(BIN)/python" -m pytest

# JupyterLab on a working copy of the release in lab/: notebooks already there are never overwritten.
lab: $(STAMP)
	"$(BIN)/python" -m autograder lab --folder lab --serve $(ROOT_FLAG)

release solutions export feedback report config: $(STAMP)
	"$(BIN)/python" -m autograder $@

# make grade SUBMISSIONS=path/to/class.zip [ASSIGNMENT=02_terminology] [WORKERS=2] [SCHEDULER=tcp://host:8786 DB=postgresql+psycopg://…]
grade: $(STAMP) sandbox-tools
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=folder-or-zip [ASSIGNMENT=NN_slug] [WORKERS=N]"; exit 2; }
	"$(BIN)/python" -m autograder $(if $(DB),--db "$(DB)",) grade "$(SUBMISSIONS)" $(if $(ASSIGNMENT),--assignment $(ASSIGNMENT),) \
	  $(if $(WORKERS),--workers $(WORKERS),) $(if $(SCHEDULER),--scheduler $(SCHEDULER),)

# nbgrader's formgrader on the gradebook, for manual grading: make formgrader [WORKSPACE=dir]
formgrader: $(STAMP)
	"$(BIN)/python" -m autograder $(if $(WORKSPACE),--workspace $(WORKSPACE),) formgrader

# Removes the grading workspace (gradebook included) after asking.
clean-workspace:
	@read -p "Delete autograder/workspace (gradebook and all grading results)? [y/N] " answer; \
	  [ "$$answer" = y ] && rm -rf autograder/workspace && echo deleted || echo kept
