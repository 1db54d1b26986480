"""Inside the sandbox: execute a notebook with nbgrader's Execute, saving it after every cell.

    python -m autograder.sandbox_runner IN.ipynb OUT.ipynb --timeout SECONDS --kernel NAME

Saving after every cell means that when the sandbox is killed (notebook time limit) or the
kernel dies, the cells that did run still come back. Nothing here is trusted by the grader:
only the outputs of ``OUT.ipynb`` are read, onto the notebook prepared outside.
"""

from __future__ import annotations

import argparse
import os
import sys

import nbformat
from nbgrader.preprocessors import Execute


class _SavingExecute(Execute):
    output_path = ""

    def on_cell_executed(self, **kwargs):
        super().on_cell_executed(**kwargs)
        _save(self.nb, self.output_path)


def _save(notebook, path: str) -> None:
    partial = path + ".partial"
    with open(partial, "w", encoding="utf-8") as handle:
        handle.write(nbformat.writes(notebook))
    os.replace(partial, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("output")
    parser.add_argument("--timeout", type=int, default=180)
    parser.add_argument("--kernel", default="python3")
    args = parser.parse_args(argv)
    notebook = nbformat.read(args.source, as_version=4)
    os.remove(args.source)  # the submission's code need not find the prepared notebook (hidden tests)
    executor = _SavingExecute(timeout=args.timeout, kernel_name=args.kernel, record_timing=False)
    executor.output_path = args.output
    try:
        executor.preprocess(notebook, {"metadata": {"path": os.getcwd()}})
    except Exception as error:  # a dead or unresponsive kernel: keep what ran
        _save(notebook, args.output)
        first = (str(error).strip().splitlines() or [""])[0][:150]
        print(f"execution stopped: {type(error).__name__}: {first}", file=sys.stderr)
        return 3
    _save(notebook, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
