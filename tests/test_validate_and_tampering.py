"""nbgrader's Validate tells the truth, and a student who patches the library scores nothing.

Both run the real nbgrader on chapter 02: Validate through its Python API (the Validate
button and `nbgrader validate` use it), grading through `autograder.grade`.
"""

import json

import nbformat
import pytest

from autograder.demo import load_demo_answers, replace_answers
from autograder.grade import grade
from autograder.notebooks import chapter_path, read_notebook
from autograder.parameters import fast_parameters, inject_parameters
from autograder.settings import nbgrader_config

pytestmark = pytest.mark.slow

CHAPTER = "02_terminology"

# An answer cell of a student who reads everything reachable from the exercises, tries
# every attribute that might hold an answer, and patches the checking code it can find.
TAMPERING = '''
import dataclasses, sys
import course.checks as _checks
from course.exercises import ch02 as _public
_found = {}
for _name in [n for n in dir(_public) if n.startswith("q")]:
    _q = getattr(_public, _name)
    for _attr in ("answers", "expected", "cases", "hidden_cases", "hidden", "hidden_verifier"):
        if hasattr(_q, _attr):
            _found[(_name, _attr)] = getattr(_q, _attr)
    if dataclasses.is_dataclass(_q):
        _found[(_name, "fields")] = dataclasses.asdict(_q)
_ok = lambda self, namespace=None: _checks.Result(_checks.Status.CORRECT, self.title, "ok")
_checks.Exercise.evaluate = _ok
_checks.Exercise.check = lambda self, namespace=None: None
_checks.values_match = lambda *a, **k: True
_checks.seal = lambda *a, **k: "same"
_checks.Result.passed = property(lambda self: True)
_checks.ExerciseFailed = type("Never", (Exception,), {})
for _module in [m for name, m in list(sys.modules.items()) if name.startswith("autograder")]:
    for _attr in ("grade", "evaluate"):
        if hasattr(_module, _attr):
            setattr(_module, _attr, lambda *a, **k: None)
'''

WRONG_BUT_TAMPERING = {
    "q1_answer": TAMPERING + "def baseline_accuracy(y):\n    return 0.5\n",
    "q2_answer": TAMPERING + "def undersample(X, y, seed=0):\n    return X, y\n",
    "q3_answer": TAMPERING + "problem_types = {k: '회귀' for k in 'abcdef'}\n",
    "q4_answer": TAMPERING + "def one_hot(labels, classes):\n    return labels\n",
    "q5_answer": TAMPERING + "def fold_sizes(n_samples, k):\n    return [0] * k\n",
    "q6_answer": TAMPERING + "def training_steps(n_samples, batch_size, epochs):\n    return 0, 0\n",
    "q7_answer": TAMPERING + "curve_diagnosis = {'A': '적절', 'B': '적절', 'C': '적절'}\n",
    "q8_answer": TAMPERING + "def precision_recall_f1(y_true, y_pred):\n    return 0, 0, 0\n",
    "q9_answer": TAMPERING + "clerk_machines = {'재고 관리 직원': 'A', '고객 응대 직원': 'B'}\n",
}


def validate(path):
    from nbgrader.validator import Validator

    return Validator(config=nbgrader_config_for(path)).validate(str(path))


def nbgrader_config_for(path):
    from autograder.settings import Settings

    return nbgrader_config(Settings())


def test_validate_fails_untouched_and_partly_wrong_and_passes_the_answer_key(built_course, tmp_path):
    release = read_notebook(chapter_path(built_course.release, CHAPTER))
    answer_key = read_notebook(chapter_path(built_course.solutions, CHAPTER))
    wrong, _ = load_demo_answers(built_course, CHAPTER)
    answers = {
        cell.metadata.nbgrader.grade_id: cell.source
        for cell in answer_key.cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }
    notebooks = {  # what students submit: the release with their answers
        "untouched": release,
        "partly_wrong": replace_answers(release, {**answers, **wrong}),
        "answer_key": replace_answers(release, answers),
    }
    results = {}
    for name, notebook in notebooks.items():
        path = tmp_path / name / f"{CHAPTER}.ipynb"
        path.parent.mkdir()
        fast, _ = inject_parameters(notebook, fast_parameters(CHAPTER))  # shorter demo training, same checks
        nbformat.write(fast, path)
        results[name] = validate(path)
    assert len(results["untouched"]["failed"]) == 9, results["untouched"]
    failed = sorted(item["source"].split("\n")[1] for item in results["partly_wrong"]["failed"])
    assert failed == ["q1.check()", "q6.check()", "q8.check()"], failed  # q3, a choice map, is graded only
    assert results["answer_key"] == {}
    shown = json.dumps(results, ensure_ascii=False)
    assert "BEGIN HIDDEN TESTS" not in shown and "autograder.keys" not in shown


def test_tampering_student_scores_no_more_than_a_blank_notebook(built_course, tmp_path):
    release = read_notebook(chapter_path(built_course.release, CHAPTER))
    incoming = tmp_path / "class"
    for student, notebook in {  # (the answer key's full marks are proven in the grading round trip)
        "tampering": replace_answers(release, WRONG_BUT_TAMPERING),
        "blank": release,
    }.items():
        path = incoming / student / f"{CHAPTER}.ipynb"
        path.parent.mkdir(parents=True)
        nbformat.write(notebook, path)
    results = {r.student_id: r for r in grade(incoming, settings=built_course.with_workspace(tmp_path / "ws"))}
    assert results["blank"].score == 0 and results["blank"].max_score == 19
    assert results["tampering"].ok and results["tampering"].score <= results["blank"].score
