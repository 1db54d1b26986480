"""Demo cells: which cells grading skips, and that every chapter's demo cells are skippable."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from autograder.demo_cells import DEMO_TAG, demo_sources, parameters_read_by_learner, skipped_cells, trusted_sources
from autograder.notebooks import chapter_path, read_notebook
from conftest import CHAPTERS, REPO_SETTINGS

DEMO = "history = model.fit(X, y)\nplot(history)"


def notebook(*sources, test_cell=None):
    cells = [new_code_cell(source) for source in sources]
    if test_cell is not None:
        cell = new_code_cell(test_cell[1])
        cell.metadata["nbgrader"] = {"grade": True, "grade_id": f"{test_cell[0]}_test", "solution": False, "points": 1}
        cells.append(cell)
    return new_notebook(cells=cells)


def test_a_demo_cell_nothing_reads_is_skipped():
    nb = notebook("model = make()", DEMO, "answer = 3")
    assert skipped_cells(nb, {DEMO}) == [1]


def test_a_demo_cell_whose_result_a_later_cell_reads_runs():
    nb = notebook("model = make()", DEMO, "answer = history.history['loss'][-1]")
    assert skipped_cells(nb, {DEMO}) == []


def test_a_read_inside_a_function_counts_but_its_own_locals_do_not():
    assert skipped_cells(notebook(DEMO, "def f():\n    return history\n"), {DEMO}) == []
    assert skipped_cells(notebook(DEMO, "def f(history):\n    plot = history\n    return plot\n"), {DEMO}) == [0]


def test_a_name_assigned_again_before_it_is_read_cuts_the_flow():
    assert skipped_cells(notebook(DEMO, "history = None", "print(history)"), {DEMO}) == [0]
    assert skipped_cells(notebook(DEMO, "history = history or 1"), {DEMO}) == []  # reads it first


def test_a_demo_cell_that_changes_a_shared_object_runs_when_it_is_read_later():
    demo = "results.append(train())"
    assert skipped_cells(notebook("results = []", demo, "print(results)"), {demo}) == []
    assert skipped_cells(notebook("results = []", demo, "print(len(X))"), {demo}) == [1]
    pure = "print(X.mean(), X.astype('float32').std())"  # methods that change nothing
    assert skipped_cells(notebook("X = load()", pure, "answer = X"), {pure}) == [1]


def test_an_edited_demo_cell_runs():
    assert skipped_cells(notebook(DEMO + "  # mine"), {DEMO}) == []


def test_dynamic_name_access_anywhere_turns_skipping_off():
    for reader in ("answer = globals()['history']", "answer = eval('history')", "%run other.py"):
        assert skipped_cells(notebook(DEMO, reader), {DEMO}) == [], reader


def test_a_test_cell_reads_its_exercise_variable_through_the_judge():
    # 05_evaluation q1 checks the learner's `to_labels`: a demo cell defining it must run.
    demo = "def to_labels(p, threshold=0.5):\n    return p"
    nb = notebook(demo, test_cell=("q1", "q1.check()"))
    assert skipped_cells(nb, {demo}, "05_evaluation") == []
    assert skipped_cells(nb, {demo}, "01_ml_process") == [0]  # its q1 checks another variable


def test_a_parameter_the_learners_own_code_reads_keeps_its_value():
    chapter = "sample"
    trusted = {"EPOCHS = 5", "history = model.fit(X, y, epochs=EPOCHS)", "plot(history)"}
    own = notebook("EPOCHS = 5", "history = model.fit(X, y, epochs=EPOCHS)", "plot(history)", "answer = 3")
    assert parameters_read_by_learner(own, {"EPOCHS"}, trusted, chapter) == set()
    direct = notebook("EPOCHS = 5", "model.fit(X, y, epochs=EPOCHS)  # mine")
    assert parameters_read_by_learner(direct, {"EPOCHS"}, trusted, chapter) == {"EPOCHS"}
    through = notebook("EPOCHS = 5", "history = model.fit(X, y, epochs=EPOCHS)", "answer = history.history['loss']")
    assert parameters_read_by_learner(through, {"EPOCHS"}, trusted, chapter) == {"EPOCHS"}
    cut = notebook("EPOCHS = 5", "history = model.fit(X, y, epochs=EPOCHS)", "history = None", "answer = history")
    assert parameters_read_by_learner(cut, {"EPOCHS"}, trusted | {"history = None"}, chapter) == set()
    dynamic = notebook("EPOCHS = 5", "answer = eval('EPOCHS')")
    assert parameters_read_by_learner(dynamic, {"EPOCHS", "N_FOLDS"}, trusted, chapter) == {"EPOCHS", "N_FOLDS"}


def test_ch06_q5_trained_for_epochs_is_graded_with_the_epochs_of_the_class():
    # Graded with EPOCHS = 2 (fast), a model the learner trains for EPOCHS epochs would miss the
    # accuracy the self-check saw in class with EPOCHS = 5: such a submission keeps EPOCHS.
    key = read_notebook(REPO_SETTINGS.source / "06_cnn" / "06_cnn.ipynb")
    trusted = trusted_sources(key)
    assert parameters_read_by_learner(key, {"EPOCHS", "CNN_EPOCHS"}, trusted, "06_cnn") == set()
    for cell in key.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q5_answer":
            assert "epochs=8" in cell.source
            cell.source = cell.source.replace("epochs=8", "epochs=EPOCHS")
    assert parameters_read_by_learner(key, {"EPOCHS", "CNN_EPOCHS"}, trusted, "06_cnn") == {"EPOCHS"}


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.assignment_id)
def test_answer_keys_read_only_the_fast_parameters_the_chapter_keeps(chapter):
    from autograder.parameters import FAST_PARAMETERS, KEEP_PARAMETERS

    key = read_notebook(chapter.source)  # the source holds the answer key's code
    read = parameters_read_by_learner(key, set(FAST_PARAMETERS), trusted_sources(key), chapter.assignment_id)
    assert read == set(KEEP_PARAMETERS.get(chapter.assignment_id, ()))


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.assignment_id)
def test_demo_tags_sit_on_plain_code_cells_and_the_answer_key_skips_them_all(chapter, built_course):
    source = read_notebook(chapter.source)
    tagged = [i for i, c in enumerate(source.cells) if DEMO_TAG in c.get("metadata", {}).get("tags", [])]
    for index in tagged:
        cell = source.cells[index]
        assert cell.cell_type == "code" and not cell.metadata.get("nbgrader", {}).get("grade"), index
        assert "parameters" not in cell.metadata.get("tags", []) and "setup" not in cell.source[:200]
    sources = demo_sources(source)
    for notebook_path in (chapter_path(built_course.solutions, chapter.assignment_id),
                          chapter_path(built_course.release, chapter.assignment_id)):
        graded = nbformat.read(notebook_path, as_version=4)
        skipped = skipped_cells(graded, sources, chapter.assignment_id)
        assert sorted(graded.cells[i].source for i in skipped) == sorted(sources), notebook_path.name


@pytest.mark.slow
def test_grading_skips_demo_cells_unless_this_students_code_reads_them(built_course, tmp_path):
    from autograder.grade import grade
    from autograder.preprocessors import SKIPPED_NOTE

    chapter = "02_terminology"
    key = read_notebook(chapter_path(built_course.solutions, chapter))
    reader = nbformat.v4.new_code_cell('last_loss = history_over.history["loss"][-1]  # my own look at the demo')
    curious = nbformat.from_dict(nbformat.v4.new_notebook(cells=[*key.cells, reader], metadata=key.metadata))
    for student, notebook in {"plain": key, "curious": curious}.items():
        (tmp_path / "class" / student).mkdir(parents=True)
        nbformat.write(notebook, tmp_path / "class" / student / f"{chapter}.ipynb")
    settings = built_course.with_workspace(tmp_path / "ws")
    results = {r.student_id: r for r in grade(tmp_path / "class", settings=settings)}
    assert {s: r.score for s, r in results.items()} == {"plain": 19, "curious": 19}

    def demo_cells(student):
        graded = read_notebook(settings.workspace_path / "autograded" / student / chapter / f"{chapter}.ipynb")
        return {("history_over" if "history_over =" in c.source else "curve_runs"): c
                for c in graded.cells if DEMO_TAG in c.metadata.get("tags", [])}

    def skipped(cell):
        return cell.execution_count is None and [o.get("text") for o in cell.outputs] == [SKIPPED_NOTE]

    plain, curious_cells = demo_cells("plain"), demo_cells("curious")
    assert skipped(plain["history_over"]) and skipped(plain["curve_runs"])
    assert not skipped(curious_cells["history_over"]) and curious_cells["history_over"].execution_count  # it ran
    assert skipped(curious_cells["curve_runs"])
