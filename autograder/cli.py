"""Command line: verbs mirror the stages and only delegate to keyword-only functions.

    python -m autograder release   [--chapter ID ...]
    python -m autograder solutions [--chapter ID ...]
    python -m autograder grade SUBMISSIONS (folder or .zip) [--assignment ID] [--full-demo]
                               [--workers N | --scheduler tcp://HOST:PORT] [--regrade]
    python -m autograder report    (the instructor's HTML page, also written after `grade`)
    python -m autograder export    [--output DIR]
    python -m autograder feedback  [--chapter ID ...] [--student GLOB]
    python -m autograder course    [--chapter ID ...] [--workers N]  (the main job)
    python -m autograder lab       [--folder DIR]       (a student's working copy)
    python -m autograder formgrader [--port N]          (manual grading in nbgrader's formgrader)
    python -m autograder config
"""

from __future__ import annotations

import argparse
import os
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
    if args.workers < 1:
        print("error: --workers must be at least 1", file=sys.stderr)
        return 2
    if args.scheduler and not settings.database_url:
        print("warning: --scheduler without --db: every worker writes the workspace's SQLite gradebook, which is "
              "unsafe on a network filesystem; use a PostgreSQL gradebook (--db postgresql+psycopg://…).", file=sys.stderr)
    results = grade(Path(args.submissions), settings=settings, assignment_id=args.assignment, workers=args.workers,
                    scheduler=args.scheduler, regrade=args.regrade, progress=True)
    print(format_results(results))
    if settings.has_gradebook():
        from autograder.class_report import write_class_report

        try:
            print(f"report    {write_class_report(settings=settings)}")
        except Exception as error:  # noqa: BLE001 - the grades are saved; the page can be made later
            print(f"warning: no class report ({type(error).__name__}: {error}); try `python -m autograder report`.",
                  file=sys.stderr)
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

    run = run_course(settings=settings, chapters=args.chapter, workers=args.workers)
    print()
    print(format_table(run))
    failed = [r.assignment_id for r in run.reports if not r.demo_ok()]
    if failed:
        print(f"\nFAIL: demo scores differ from the expected ones in {', '.join(failed)}.")
        return 1
    print("\nAll chapters executed; the demo class scored exactly as expected.")
    return 0


def _report(args, settings):
    from autograder.class_report import write_class_report

    print(f"report    {write_class_report(settings=settings, output=args.output)}")
    return 0


def _lab(args, settings):
    from autograder.lab import lab_command, lab_environment, prepare_lab

    copied, kept = prepare_lab(settings=settings, folder=args.folder)
    for path in copied:
        print(f"새 노트북  {path}")
    for path in kept:
        print(f"그대로 둠  {path} (작업한 내용을 지키려고 덮어쓰지 않습니다; 새 배포본은 release/에 있습니다)")
    if args.serve:  # the student's JupyterLab, in the working folder, with its own settings
        environment = lab_environment(args.folder)
        sys.stdout.flush()
        os.chdir(args.folder)
        os.execve(sys.executable, lab_command(allow_root=args.allow_root), environment)
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
    parser.add_argument("--db", metavar="URL", help="gradebook database, e.g. postgresql+psycopg://user@host/db "
                        "(default: SQLite in the workspace; also $AUTOGRADER_DB)")
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
        help="run every cell at the chapter's own parameters (default: fast demo parameters, answers keep theirs, "
             "and demo cells no later cell reads are skipped)",
    )
    where = grade.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, default=1, metavar="N",
                       help="grade N submissions at once on this machine (default: 1; the scores do not change)")
    where.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                       help="grade on a Dask cluster (workers need this repository and the workspace at the same path; use --db)")
    grade.add_argument("--regrade", action="store_true",
                       help="grade again what an earlier run already graded (default: skip unchanged submissions)")
    grade.set_defaults(run=_grade)
    export = verbs.add_parser("export", help="write grades.csv and grades_lms.csv")
    export.add_argument("--output", type=Path, help="folder for the CSV files (default: WORKSPACE/exports)")
    export.set_defaults(run=_export)
    feedback = with_chapters(verbs.add_parser("feedback", help="HTML feedback without hidden tests"))
    feedback.add_argument("--student", default="*", help="student id glob (default: all)")
    feedback.set_defaults(run=_feedback)
    report = verbs.add_parser("report", help="the instructor's HTML page: success rates, scores, hints, what needs attention")
    report.add_argument("--output", type=Path, help="HTML file (default: WORKSPACE/exports/class_report.html)")
    report.set_defaults(run=_report)
    course = with_chapters(verbs.add_parser("course", help="the main job: release, solutions, execute, demo grading, table"))
    course.add_argument("--workers", type=int, metavar="N", help="processes at once (default: one per core)")
    course.set_defaults(run=_course)
    lab = verbs.add_parser("lab", help="copy new released notebooks into a working folder (never overwrites)")
    lab.add_argument("--folder", type=Path, default=Path("lab"), help="working folder (default: lab)")
    lab.add_argument("--serve", action="store_true", help="then start the student's JupyterLab on that folder")
    lab.add_argument("--allow-root", action="store_true", help="pass --allow-root to JupyterLab (when running as root)")
    lab.set_defaults(run=_lab)
    formgrader = verbs.add_parser("formgrader", help="nbgrader's formgrader on this workspace's gradebook (manual grading)")
    formgrader.add_argument("--port", type=int, default=8787, help="port on 127.0.0.1 (default: 8787)")
    formgrader.add_argument("--token", help="access token (default: a random one, printed with the URL)")
    formgrader.set_defaults(run=_formgrader)
    verbs.add_parser("config", help="show every setting with its description").set_defaults(run=_config)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings.from_environment()
    if args.workspace is not None:
        settings = settings.with_workspace(args.workspace.resolve())
    if args.db:
        settings = replace(settings, database_url=args.db)
    try:
        return args.run(args, settings)
    except (NotebookError, GradingError, FileNotFoundError, SandboxUnavailable) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted: what was already graded is kept (grading_journal.jsonl); run the same command "
              "again to go on from there.", file=sys.stderr)
        return 130
