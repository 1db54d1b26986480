"""Benchmark: one class of chapter-02 submissions graded by plain sequential `nbgrader autograde`
and by `python -m autograder grade --workers 2`, in one go; prints both times, the ratio, and
whether every score is identical (exit status 1 when one differs).

    .venv/bin/python benchmarks/grading_speed.py [--students 8] [--workers 2]

Plain nbgrader runs each notebook as submitted (its demo training at the chapter's own
parameters, nbgrader's own Execute preprocessor, no sandbox, hidden tests judged in the kernel).
The course's `grade` runs the same notebooks in its sandbox with the judge outside, fast demo
parameters and demo cells skipped (see autograder/parameters.py and autograder/demo_cells.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import nbformat  # noqa: E402
from nbgrader.api import Gradebook  # noqa: E402

from autograder.demo import build_demo_class, load_demo_answers, replace_answers  # noqa: E402
from autograder.notebooks import chapter_path  # noqa: E402
from autograder.release import release  # noqa: E402
from autograder.settings import Settings  # noqa: E402
from autograder.solutions import solutions  # noqa: E402

CHAPTER = "02_terminology"


def build_class(settings: Settings, folder: Path, students: int) -> None:
    """The demo class (answer key, untouched, partly wrong, alternative) and answer keys with one
    wrong answer each, up to ``students`` notebooks."""
    build_demo_class(settings, CHAPTER, folder)
    key = nbformat.read(chapter_path(settings.solutions, CHAPTER), as_version=4)
    wrong, _ = load_demo_answers(settings, CHAPTER)
    for number, (grade_id, source) in enumerate(sorted(wrong.items()) * students, start=1):
        if len(list(folder.iterdir())) >= students:
            break
        path = folder / f"one_wrong_{number:02d}" / f"{CHAPTER}.ipynb"
        path.parent.mkdir(parents=True)
        nbformat.write(replace_answers(key, {grade_id: source}), path)


def plain_nbgrader(settings: Settings, folder: Path, course: Path) -> tuple[float, dict[str, float]]:
    """`nbgrader autograde` over the class, one submission after the other, with nbgrader's own pipeline."""
    for student in sorted(p.name for p in folder.iterdir()):
        target = course / "submitted" / student / CHAPTER
        target.mkdir(parents=True)
        shutil.copy(folder / student / f"{CHAPTER}.ipynb", target / f"{CHAPTER}.ipynb")
    config = course / "nbgrader_config.py"
    config.write_text("\n".join([
        "c = get_config()",
        f"c.CourseDirectory.root = {str(course)!r}",
        f"c.CourseDirectory.course_id = {settings.course_id!r}",
        f"c.CourseDirectory.source_directory = {str(settings.source)!r}",
        f"c.CourseDirectory.db_url = {'sqlite:///' + str(course / 'gradebook.db')!r}",
        f"c.IncludeHeaderFooter.header = {str(settings.chapter_header(CHAPTER))!r}",
        f"c.Execute.timeout = {settings.cell_timeout}",
        "",
    ]), encoding="utf-8")
    nbgrader = [sys.executable, "-m", "nbgrader"]
    subprocess.run([*nbgrader, "generate_assignment", CHAPTER, "--force"], cwd=course, check=True, capture_output=True)
    started = time.perf_counter()
    subprocess.run([*nbgrader, "autograde", CHAPTER, "--force"], cwd=course, check=True, capture_output=True)
    seconds = time.perf_counter() - started
    return seconds, _scores(f"sqlite:///{course / 'gradebook.db'}", settings.course_id)


def course_grade(settings: Settings, folder: Path, workers: int) -> tuple[float, dict[str, float]]:
    started = time.perf_counter()
    command = [sys.executable, "-m", "autograder", "--workspace", str(settings.workspace_path), "grade", str(folder),
               "--workers", str(workers)]
    run = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if run.returncode != 0:
        print(run.stdout, run.stderr, sep="\n")
        raise SystemExit("the course's grade failed")
    return seconds, _scores(settings.db_url, settings.course_id)


def _scores(db_url: str, course_id: str) -> dict[str, float]:
    with Gradebook(db_url, course_id) as gradebook:
        return {s.student_id: float(s.score) for s in gradebook.find_assignment(CHAPTER).submissions}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="grading-benchmark-") as scratch:
        scratch = Path(scratch)
        settings = replace(Settings(), release_directory=scratch / "release", solution_directory=scratch / "solutions",
                           workspace=scratch / "workspace")
        solutions(settings=settings, chapters=[CHAPTER])
        release(settings=settings, chapters=[CHAPTER])
        folder = scratch / "class"
        build_class(settings, folder, args.students)
        students = len(list(folder.iterdir()))
        print(f"{students} submissions of {CHAPTER}, {os.cpu_count()} cores")
        plain_seconds, plain = plain_nbgrader(settings, folder, scratch / "plain")
        print(f"plain sequential nbgrader autograde: {plain_seconds:7.1f} s ({plain_seconds / students:.1f} s per submission)")
        ours_seconds, ours = course_grade(settings, folder, args.workers)
        print(f"autograder grade --workers {args.workers}:      {ours_seconds:7.1f} s ({ours_seconds / students:.1f} s per submission)")
        print(f"ratio: {plain_seconds / ours_seconds:.2f}x faster")
        same = plain == ours and len(ours) == students
        print("scores identical: " + ("yes" if same else "NO"))
        for student in sorted(plain):
            print(f"  {student:<16} nbgrader {plain[student]:5g}   course {ours.get(student, float('nan')):5g}")
        return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
