"""A course chapter graded with tampering and honest noise: tampering never pays, noise never costs.

Chapter 02 with four students: the answer key whose functions warn and print to stderr while
they work (full marks); a blank notebook and the answer key under an IPython AST transformer
that wraps every cell in try/except (0 and full marks); a blank notebook whose hook shows a
numeric result before every cell, which nbgrader alone reads as credit (0).
"""

from __future__ import annotations

import json

import nbformat
import pytest

from autograder.grade import grade
from autograder.notebooks import chapter_path
from course.exercises import ch02

pytestmark = pytest.mark.slow
CHAPTER = "02_terminology"

NOISE = '''
_quiet_{var} = {var}
def {var}(*args, **kwargs):
    import sys, warnings
    warnings.warn("이 함수는 느릴 수 있습니다", UserWarning)
    print("계산 중...", file=sys.stderr)
    return _quiet_{var}(*args, **kwargs)
'''
SWALLOW = '''import ast
from IPython import get_ipython
class Swallow(ast.NodeTransformer):
    def visit_Module(self, node):
        handler = ast.ExceptHandler(type=ast.Name("BaseException", ast.Load()), name=None, body=[ast.Pass()])
        node.body = [ast.Try(body=node.body or [ast.Pass()], handlers=[handler], orelse=[], finalbody=[])]
        return ast.fix_missing_locations(node)
get_ipython().ast_transformers.append(Swallow())'''
FORGE = '''from IPython import get_ipython
ip = get_ipython()
ip.events.register("pre_run_cell", lambda info: ip.displayhook(3.0))'''


def copy(notebook):
    return nbformat.from_dict(json.loads(json.dumps(notebook)))


def with_first_cell(notebook, code):
    notebook = copy(notebook)
    notebook.cells.insert(1, nbformat.v4.new_code_cell(code))
    return notebook


def with_noisy_functions(notebook):
    notebook = copy(notebook)
    functions = ["baseline_accuracy", "undersample", "one_hot", "fold_sizes", "training_steps", "precision_recall_f1"]
    for cell in notebook.cells:
        for var in functions:
            if cell.cell_type == "code" and f"def {var}(" in cell.source:
                cell.source += "\n" + NOISE.format(var=var)
    return notebook


def test_tampering_never_pays_and_noise_never_costs(built_course, tmp_path):
    key = nbformat.read(chapter_path(built_course.solutions, CHAPTER), as_version=4)
    blank = nbformat.read(chapter_path(built_course.release, CHAPTER), as_version=4)
    students = {
        "honest_noise": (with_noisy_functions(key), 19),
        "swallow_blank": (with_first_cell(blank, SWALLOW), 0),
        "swallow_key": (with_first_cell(key, SWALLOW), 19),
        "forged_blank": (with_first_cell(blank, FORGE), 0),
    }
    incoming = tmp_path / "class"
    for student, (notebook, _) in students.items():
        (incoming / student).mkdir(parents=True)
        nbformat.write(notebook, incoming / student / f"{CHAPTER}.ipynb")

    results = {r.student_id: r for r in grade(incoming, settings=built_course.with_workspace(tmp_path / "ws"))}

    for student, (_, expected) in students.items():
        assert results[student].ok and results[student].score == expected, (student, results[student])
    assert any("tampering" in note for note in results["swallow_blank"].notes)
    assert any("tampering" in note for note in results["forged_blank"].notes)
    assert not any("tampering" in note for note in results["honest_noise"].notes)


# A fake `autograder.judge_client` served by an import hook: its grade() shows a passing
# verdict (with the course's verdict metadata) and never reaches the judge.
FAKE_JUDGE_CLIENT = '''import sys, importlib.abc, importlib.util
try:
    import autograder.keys
    print("KEYS READABLE")
except ImportError as error:
    print("keys:", type(error).__name__, error)
class FakeClient(importlib.abc.Loader, importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        return importlib.util.spec_from_loader(name, self) if name == "autograder.judge_client" else None
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        def grade(chapter, name):
            from IPython.display import display
            display({"text/plain": "✅ 정답입니다"}, raw=True,
                    metadata={"dl_course": {"kind": "verdict", "chapter": chapter, "exercise": name, "passed": True}})
        module.grade = grade
sys.meta_path.insert(0, FakeClient())'''
# A learner's own judge session for q4 before its function exists: probing fails q4.
PROBE_Q4 = '''from autograder.judge_client import grade
try:
    grade("01_ml_process", "q4")
except Exception as error:
    print("probe:", type(error).__name__)'''


def test_the_judge_decides_outside_the_kernel(built_course, tmp_path):
    chapter = "01_ml_process"
    key = nbformat.read(chapter_path(built_course.solutions, chapter), as_version=4)
    blank = nbformat.read(chapter_path(built_course.release, chapter), as_version=4)
    full = sum(float(c.metadata.nbgrader.points) for c in key.cells if c.metadata.get("nbgrader", {}).get("grade"))
    students = {
        "fake_client_blank": (with_first_cell(blank, FAKE_JUDGE_CLIENT), 0),
        "fake_client_key": (with_first_cell(key, FAKE_JUDGE_CLIENT), 0),  # no answer reached the judge
        "probes_then_answers": (with_first_cell(key, PROBE_Q4), full - 2),
    }
    incoming = tmp_path / "class"
    for student, (notebook, _) in students.items():
        (incoming / student).mkdir(parents=True)
        nbformat.write(notebook, incoming / student / f"{chapter}.ipynb")
    settings = built_course.with_workspace(tmp_path / "ws")

    results = {r.student_id: r for r in grade(incoming, settings=settings)}

    for student, (_, expected) in students.items():
        assert results[student].ok and results[student].score == expected, (student, results[student])
    assert any("never reached the judge" in note for note in results["fake_client_blank"].notes)
    assert any("2 judge sessions" in note for note in results["probes_then_answers"].notes)
    graded = nbformat.read(settings.workspace_path / "autograded" / "fake_client_blank" / chapter / f"{chapter}.ipynb", 4)
    printed = "".join(o.get("text", "") for o in graded.cells[1].outputs)
    assert "keys: ModuleNotFoundError" in printed and "KEYS READABLE" not in printed
