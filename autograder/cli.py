"""Command line: verbs mirror the stages and only delegate to keyword-only functions.

    python -m autograder release   [--chapter ID ...]
    python -m autograder solutions [--chapter ID ...]
    python -m autograder grade SUBMISSIONS (folder or .zip) [--assignment ID] [--full-demo]
    python -m autograder export    [--output DIR]
    python -m autograder feedback  [--chapter ID ...] [--student GLOB]
    python -m autograder course    [--chapter ID ...]   (the main job)
    python -m autograder lab       [--folder DIR]       (a student's working copy)
    python -m autograder formgrader [--port N]          (manual grading in nbgrader's formgrader)
    python -m autograder config
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from autograder.converters import GradingError
from autograder.notebooks import NotebookError
from autograder.sandbox import SandboxUnavailable
from autograder.settings import Settings

__all__ = ["main"]


def _release(args, settings):
    from autograder.release import release

    for path in release(settings=settings, chapters=args.chapter):
        print(f"released  {path}")
    return 0


def _solutions(args, settings):
    from autograder.solutions import solutions

    for path in solutions(settings=settings, chapters=args.chapter):
        print(f"answer key {path}")
    return 0


def _grade(args, settings):
    from autograder.grade import format_results, grade

    if args.unsafe_no_sandbox:
        settings = replace(settings, sandbox=False)
        print("warning: grading WITHOUT the sandbox: student code can read and change this machine.", file=sys.stderr)
    if args.full_demo:
        settings = replace(settings, fast_demo=False)
    results = grade(Path(args.submissions), settings=settings, assignment_id=args.assignment)
    print(format_results(results))
    return 0 if all(r.ok for r in results) else 1


def _export(args, settings):
    from autograder.export import export

    for path in export(settings=settings, output_directory=args.output):
        print(f"exported  {path}")
    return 0


def _feedback(args, settings):
    from autograder.feedback import feedback

    problems: list[tuple[str, str, str]] = []
    written = feedback(settings=settings, chapters=args.chapter, student=args.student, problems=problems)
    for path in written:
        print(f"feedback  {path}")
    for chapter, student, reason in problems:
        print(f"no feedback for {student} ({chapter}): {reason}")
    if not written and not problems:
        print("no graded submissions yet: run `grade` first.")
    return 1 if problems else 0


def _course(args, settings):
    from autograder.pipeline import format_table, run_course

    reports = run_course(settings=settings, chapters=args.chapter)
    print()
    print(format_table(reports))
    failed = [r.assignment_id for r in reports if not r.demo_ok()]
    if failed:
        print(f"\nFAIL: demo scores differ from the expected ones in {', '.join(failed)}.")
        return 1
    print("\nAll chapters executed; the demo class scored exactly as expected.")
    return 0


def _lab(args, settings):
    from autograder.lab import prepare_lab

    copied, kept = prepare_lab(settings=settings, folder=args.folder)
    for path in copied:
        print(f"새 노트북  {path}")
    for path in kept:
        print(f"그대로 둠  {path} (작업한 내용을 지키려고 덮어쓰지 않습니다; 새 배포본은 release/에 있습니다)")
    return 0


def _formgrader(args, settings):
    from autograder.formgrader import serve_formgrader

    return serve_formgrader(settings=settings, port=args.port, token=args.token)


def _config(args, settings):
    for key, text in Settings.describe().items():
        print(f"{key:<24} = {getattr(settings, key)!s:<50} # {text}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m autograder", description="Instructor tooling over nbgrader.")
    parser.add_argument("--workspace", type=Path, help="grading workspace (default: autograder/workspace)")
    verbs = parser.add_subparsers(dest="verb", required=True)

    def with_chapters(p):
        p.add_argument("--chapter", action="append", metavar="ID", help="only this chapter (repeatable), e.g. 02_terminology")
        return p

    with_chapters(verbs.add_parser("release", help="build student notebooks into release/")).set_defaults(run=_release)
    with_chapters(verbs.add_parser("solutions", help="build answer keys into solutions/")).set_defaults(run=_solutions)
    grade = verbs.add_parser("grade", help="autograde a folder or .zip of student notebooks")
    grade.add_argument("submissions", help="folder or .zip: STUDENT/NN_slug.ipynb, or STUDENT.ipynb with --assignment")
    grade.add_argument("--assignment", metavar="ID", help="chapter of flat STUDENT.ipynb files")
    grade.add_argument(
        "--unsafe-no-sandbox", action="store_true",
        help="run student code WITHOUT the bubblewrap sandbox (only for notebooks you trust)",
    )
    grade.add_argument(
        "--full-demo", action="store_true",
        help="run each chapter's demo training at its own parameters (default: the fast ones; answers keep theirs)",
    )
    grade.set_defaults(run=_grade)
    export = verbs.add_parser("export", help="write grades.csv and grades_lms.csv")
    export.add_argument("--output", type=Path, help="folder for the CSV files (default: WORKSPACE/exports)")
    export.set_defaults(run=_export)
    feedback = with_chapters(verbs.add_parser("feedback", help="HTML feedback without hidden tests"))
    feedback.add_argument("--student", default="*", help="student id glob (default: all)")
    feedback.set_defaults(run=_feedback)
    with_chapters(verbs.add_parser("course", help="the main job: release, solutions, execute, demo grading, table")).set_defaults(run=_course)
    lab = verbs.add_parser("lab", help="copy new released notebooks into a working folder (never overwrites)")
    lab.add_argument("--folder", type=Path, default=Path("lab"), help="working folder (default: lab)")
    lab.set_defaults(run=_lab)
    formgrader = verbs.add_parser("formgrader", help="nbgrader's formgrader on this workspace's gradebook (manual grading)")
    formgrader.add_argument("--port", type=int, default=8787, help="port on 127.0.0.1 (default: 8787)")
    formgrader.add_argument("--token", help="access token (default: a random one, printed with the URL)")
    formgrader.set_defaults(run=_formgrader)
    verbs.add_parser("config", help="show every setting with its description").set_defaults(run=_config)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings()
    if args.workspace is not None:
        settings = settings.with_workspace(args.workspace.resolve())
    try:
        return args.run(args, settings)
    except (NotebookError, GradingError, FileNotFoundError, SandboxUnavailable) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
