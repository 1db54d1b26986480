"""What a student can reach holds no answer, and patching the library cannot raise a score.

A "curious student" reads every attribute reachable from each `qN` (dataclass fields,
functions' closures, defaults and module globals, recursively). Nothing grading-only (an
expected value of a visible example or hidden case, a choice answer) may be found there.
The tampering student is graded through the real nbgrader in `test_tampering_student_*`.
"""

import __future__
import dataclasses
import inspect
import types

import numpy as np
import pytest

from autograder.keys import keys_of
from conftest import CHAPTER_IDS
from exercise_harness import _distinctive_texts


def reachable_texts(root, limit: int = 20_000) -> str:
    """repr() of every object reachable from ``root`` through public and private attributes."""
    seen, texts, stack = set(), [], [root]
    while stack and len(seen) < limit:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, (types.ModuleType, type)) and obj.__name__.split(".")[0] not in ("course",):
            continue
        seen.add(id(obj))
        try:
            texts.append(repr(obj) if not isinstance(obj, np.ndarray) else np.array2string(obj, threshold=10**6))
        except Exception:  # noqa: BLE001 - an odd object is just skipped
            pass
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            stack.extend(getattr(obj, f.name) for f in dataclasses.fields(obj))
        if isinstance(obj, (list, tuple, set, frozenset)):
            stack.extend(obj)
        elif isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, types.FunctionType):
            stack.extend(cell.cell_contents for cell in obj.__closure__ or () if _has_contents(cell))
            stack.extend(obj.__defaults__ or ())
            module = inspect.getmodule(obj)
            if module is not None and module.__name__.startswith("course"):
                stack.extend(_module_globals(module))
        elif isinstance(obj, types.ModuleType):
            stack.extend(_module_globals(obj))
        elif hasattr(obj, "__dict__") and type(obj).__module__.startswith("course"):
            stack.extend(vars(obj).values())
    return "\n".join(texts)


def _module_globals(module) -> list:
    """A module's own globals (not dunders, not `from __future__` flags)."""
    return [v for k, v in vars(module).items() if not k.startswith("__") and k not in __future__.all_feature_names]


def _has_contents(cell) -> bool:
    try:
        cell.cell_contents
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("assignment_id", CHAPTER_IDS)
def test_nothing_reachable_from_the_exercises_gives_an_answer_away(assignment_id):
    keys = keys_of(assignment_id)
    for name, key in keys.items():
        found = reachable_texts(key.exercise)
        leaks = [text for other in keys.values() for text in _distinctive_texts(other) if text in found]
        assert not leaks, (name, leaks[:5])


def test_the_walker_would_find_a_planted_answer():
    from course.exercises import ch02

    planted = dataclasses.replace(ch02.q5, rule=ch02.q5.rule + " [4, 3, 3]")
    assert "[4, 3, 3]" in reachable_texts(planted)


def student_material(release_notebook) -> str:
    """Everything a student receives with one released notebook: its cells and the files of
    the `course` bundle embedded in its first cell (decoded and unzipped)."""
    import base64
    import io
    import re
    import zipfile

    texts = [cell.source for cell in release_notebook.cells]
    for payload in re.findall(r'"([A-Za-z0-9+/=]{200,})"', release_notebook.cells[0].source):
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(payload))) as archive:
            names = archive.namelist()
            assert names and all(name.startswith("course/") for name in names), names
            texts += names
            texts += [archive.read(name).decode("utf-8", errors="replace") for name in names]
    return "\n".join(texts)


LONG_ENOUGH = 7  # shorter texts ("0.98", "(1, 1)") occur by chance; they are searched in the exercise's own prompt


def grading_only_texts(key) -> list[str]:
    """A key's distinctive texts, less those its public rule states itself (an output format like "CPU")."""
    return [text for text in _distinctive_texts(key) if text.strip("'\"") not in key.exercise.rule]


def exercise_prompts(release_notebook) -> dict[str, str]:
    """Exercise name → what the student reads for it: the markdown before its answer cell, and the stub."""
    cells = release_notebook.cells
    prompts = {}
    for index, cell in enumerate(cells):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.endswith("_answer"):
            before = cells[index - 1].source if cells[index - 1].cell_type == "markdown" else ""
            prompts[grade_id.removesuffix("_answer")] = before + "\n" + cell.source
    return prompts


@pytest.mark.slow
@pytest.mark.parametrize("assignment_id", CHAPTER_IDS)
def test_nothing_a_student_receives_holds_an_answer_hidden_case_or_key(built_course, assignment_id):
    from autograder.notebooks import chapter_path, read_notebook

    release = read_notebook(chapter_path(built_course.release, assignment_id))
    material = student_material(release)
    assert "course/checks.py" in material and "course/exercises/sealed.json" in material  # the bundle was read
    assert "BEGIN HIDDEN TESTS" not in material and "BEGIN SOLUTION" not in material
    assert "autograder" not in material
    leaks = [
        (chapter, name, text)
        for chapter in CHAPTER_IDS
        for name, key in keys_of(chapter).items()
        for text in grading_only_texts(key)
        if len(text) >= LONG_ENOUGH and text in material
    ]
    prompts = exercise_prompts(release)
    leaks += [
        (assignment_id, name, text)
        for name, key in keys_of(assignment_id).items()
        for text in grading_only_texts(key)
        if text in prompts[name]
    ]
    # A hidden case's inputs may be the chapter's public data with other parameters (e.g. another
    # threshold); what must never be found is its expected result, checked above.
    assert not leaks, leaks[:10]


def test_a_worked_example_in_the_prompt_would_be_found():
    """The prompt check is not vacuous: a prompt stating a visible example's result is caught."""
    import nbformat

    from autograder.keys import key_for

    key = key_for("02_terminology", "q5")
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("예: `fold_sizes(10, 3)`은 `[4, 3, 3]`입니다."),
        nbformat.v4.new_code_cell("def fold_sizes(n_samples, k):\n    raise NotImplementedError()",
                                  metadata={"nbgrader": {"grade_id": "q5_answer"}}),
    ])
    prompt = exercise_prompts(notebook)["q5"]
    assert [text for text in grading_only_texts(key) if text in prompt] == ["[4, 3, 3]"]
