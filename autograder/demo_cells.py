"""Demo cells: a chapter's demonstrations (training runs, plots) that no answer depends on.

Grading does not pay for them. The author tags such a cell ``demo`` in the source notebook; when
a submission is graded, a code cell is skipped only when

1. its source is exactly the source of a ``demo`` cell of the trusted chapter (a cell the student
   changed always runs), and
2. nothing it defines or changes is read by a later cell that does run, in *this* submission
   (the student's own cells and the hidden tests included): a student whose answer reads, say,
   the ``history`` of a demo training gets that cell run, and so the same score as without skipping.

"Defines or changes" is read from the code (``ast``): names it assigns, imports or defines, and
names it changes in place (``x.append(...)``, ``x[k] = v``, ``model.fit(...)``), modules aside.
A name flows to a later cell that reads it unless a cell in between assigns it anew. The test
suite checks that every ``demo`` cell of every chapter is skipped for the answer key, and the
demo class proves the scores equal those of a full run (tests/test_demo_cells.py).
"""

from __future__ import annotations

import ast
import importlib
import re
from dataclasses import dataclass, replace

from nbformat import NotebookNode

__all__ = ["DEMO_TAG", "SKIPPED_SOURCE", "demo_sources", "parameters_read_by_learner", "skipped_cells", "trusted_sources"]

DEMO_TAG = "demo"
# What runs instead of a skipped cell (the graded notebook gets the original source back).
SKIPPED_SOURCE = "# demo cell: not run while grading (no answer depends on it)"


@dataclass(frozen=True)
class _Effects:
    assigns: frozenset[str]  # names (re)bound by the cell
    changes: frozenset[str]  # names changed in place (method calls, item or attribute stores)
    reads: frozenset[str]  # names read before the cell binds them
    parsed: bool = True


def demo_sources(notebook: NotebookNode) -> set[str]:
    """Sources of the code cells tagged ``demo`` (from the trusted chapter)."""
    return {
        cell.source for cell in notebook.cells
        if cell.cell_type == "code" and DEMO_TAG in cell.get("metadata", {}).get("tags", [])
    }


def trusted_sources(notebook: NotebookNode) -> set[str]:
    """Sources of the chapter's own code cells (not answer or test cells), from the trusted chapter."""
    return {
        cell.source for cell in notebook.cells
        if cell.cell_type == "code" and not cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    }


def skipped_cells(notebook: NotebookNode, sources: set[str] | frozenset[str], assignment_id: str = "") -> list[int]:
    """Indices of the code cells that grading may skip in ``notebook`` (see the module docstring).

    A test cell also reads, unseen in its code, the variable its exercise checks (``qN.var``).
    Nothing is skipped when a cell reaches names dynamically (``eval``, ``globals()``, ``%run`` …).
    """
    code = [(index, cell) for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"]
    if not sources or any(_dynamic(cell.source) for _, cell in code if cell.source not in sources):
        return []
    effects, modules = _notebook_effects(code, assignment_id)
    skip = {index for index, cell in code if cell.source in sources and effects[index].parsed and cell.source.strip()}
    changed = True
    while changed:  # un-skipping a cell can make it read from an earlier skipped one
        changed = False
        for index in sorted(skip):
            if _flows_into_running_cell(index, code, effects, skip, modules):
                skip.discard(index)
                changed = True
    return sorted(skip)


def _notebook_effects(code: list[tuple[int, NotebookNode]], assignment_id: str) -> tuple[dict[int, _Effects], set[str]]:
    """Each code cell's effects (a test cell's exercise variable counted as read) and every imported module name."""
    effects = {index: _with_exercise_reads(_effects(cell.source), cell, assignment_id) for index, cell in code}
    modules = set().union(*(_imported(cell.source) for _, cell in code)) if code else set()
    return effects, modules


_DYNAMIC_NAMES = {"eval", "exec", "globals", "locals", "vars", "get_ipython", "__import__", "__builtins__", "compile"}
_DYNAMIC_MAGICS = re.compile(r"^\s*%{1,2}\s*(run|store|load|who|whos|reset|xdel|macro|recall|rerun)\b", re.MULTILINE)


def _dynamic(source: str) -> bool:
    """Whether a cell may read or change names without naming them (then nothing is skipped)."""
    if _DYNAMIC_MAGICS.search(source) or "__dict__" in source:
        return True
    try:
        tree = ast.parse(_without_magics(source))
    except SyntaxError:
        return False  # a cell that does not parse runs nothing but its error
    return any(isinstance(node, ast.Name) and node.id in _DYNAMIC_NAMES for node in ast.walk(tree))


def _with_exercise_reads(effects: _Effects, cell: NotebookNode, assignment_id: str) -> _Effects:
    """A course test cell reads its exercise's variable through the judge, not in its code."""
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
    variable = _exercise_variable(assignment_id, grade_id.rsplit("_", 1)[0]) if grade_id.endswith("_test") else None
    return effects if variable is None else replace(effects, reads=effects.reads | {variable})


def _exercise_variable(assignment_id: str, exercise: str) -> str | None:
    from autograder.settings import is_course_chapter

    if not is_course_chapter(assignment_id):
        return None
    module = importlib.import_module(f"course.exercises.ch{assignment_id[:2]}")
    variable = getattr(getattr(module, exercise, None), "var", None)
    return variable if isinstance(variable, str) else None


def _flows_into_running_cell(index, code, effects, skip, modules) -> bool:
    mine = effects[index]
    alive = set(mine.assigns) | (set(mine.changes) - modules)
    for later, _ in code:
        if later <= index or not alive:
            continue
        other = effects[later]
        if later not in skip and alive & other.reads:
            return True
        alive -= other.assigns
    return False


def _without_magics(source: str) -> str:
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def _imported(source: str) -> set[str]:
    try:
        tree = ast.parse(_without_magics(source))
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _effects(source: str) -> _Effects:
    try:
        tree = ast.parse(_without_magics(source))
    except SyntaxError:
        return _Effects(frozenset(), frozenset(), frozenset(), parsed=False)
    assigns, changes, reads = set(), set(), set()
    for statement in tree.body:  # in order: a name the cell assigned before reading it is its own
        scope = _Scope()
        scope.visit(statement)
        reads |= scope.loads - assigns - scope.targets
        changes |= scope.changes - assigns
        assigns |= scope.stores
    return _Effects(frozenset(assigns), frozenset(changes), frozenset(reads))


# Methods that return a new value and leave their object as it was (``inplace=True`` aside).
_PURE_METHODS = frozenset(
    "abs agg all any apply argmax argmin argsort astype copy count count_params cumsum describe dot drop dropna "
    "endswith evaluate fillna flatten format get get_config get_layer get_loc get_weights groupby head index "
    "info isin isna item items join keys map max mean median min notna numpy predict predict_proba query "
    "ravel replace reset_index reshape round sort_values split squeeze startswith std strip sum summary tail "
    "to_dict to_frame to_numpy tolist transform value_counts values var corr cumprod diff idxmax idxmin "
    "nlargest nsmallest nunique pct_change pivot_table prod quantile rank rename rolling set_index shift "
    "sort_index to_list unique where".split()
)


class _Scope(ast.NodeVisitor):
    """Names one top-level statement binds, reads (from outside it) and changes in place.

    A function's (or lambda's, or comprehension's) own parameters and local variables stay inside
    it; what its body reads from outside counts as read by the statement (conservative: a
    function may be called later). Loop, ``with`` and ``except`` targets bind at cell level and
    are not reads where the statement uses them.
    """

    def __init__(self) -> None:
        self.stores: set[str] = set()
        self.loads: set[str] = set()
        self.changes: set[str] = set()
        self.targets: set[str] = set()

    def visit_Name(self, node: ast.Name) -> None:
        (self.stores if isinstance(node.ctx, (ast.Store, ast.Del)) else self.loads).add(node.id)

    def visit_Import(self, node) -> None:
        self.stores.update((alias.asname or alias.name).split(".")[0] for alias in node.names)

    visit_ImportFrom = visit_Import

    def visit_Global(self, node) -> None:
        self.stores.update(node.names)

    visit_Nonlocal = visit_Global

    def visit_FunctionDef(self, node) -> None:
        self.stores.add(node.name)
        for outer in [*node.decorator_list, *node.args.defaults, *[d for d in node.args.kw_defaults if d is not None]]:
            self.visit(outer)
        self._inner(node.body, node.args)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        for outer in [*node.args.defaults, *[d for d in node.args.kw_defaults if d is not None]]:
            self.visit(outer)
        self._inner([node.body], node.args)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.stores.add(node.name)
        for outer in [*node.bases, *node.decorator_list]:
            self.visit(outer)
        self._inner(node.body, None)

    def _visit_comprehension(self, node) -> None:
        inner = _Scope()
        for generator in node.generators:
            inner.visit(generator)
        for part in [getattr(node, name) for name in ("elt", "key", "value") if hasattr(node, name)]:
            inner.visit(part)
        self._absorb(inner, local=inner.stores)

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _visit_comprehension

    def _inner(self, body: list[ast.AST], arguments: ast.arguments | None) -> None:
        inner = _Scope()
        for statement in body:
            inner.visit(statement)
        parameters = set()
        if arguments is not None:
            every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg]
            parameters = {argument.arg for argument in every if argument is not None}
        declared = {name for statement in body for node in ast.walk(statement)
                    if isinstance(node, (ast.Global, ast.Nonlocal)) for name in node.names}
        self.stores |= declared
        self._absorb(inner, local=(inner.stores | parameters) - declared)

    def _absorb(self, inner: "_Scope", *, local: set[str]) -> None:
        self.loads |= inner.loads - local
        self.changes |= inner.changes - local

    def visit_For(self, node) -> None:
        self.targets |= _target_names(node.target)
        self.generic_visit(node)

    visit_AsyncFor = visit_For

    def visit_withitem(self, node: ast.withitem) -> None:
        if node.optional_vars is not None:
            self.targets |= _target_names(node.optional_vars)
        self.generic_visit(node)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.stores.add(node.name)
            self.targets.add(node.name)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        in_place = any(k.arg == "inplace" and not (isinstance(k.value, ast.Constant) and not k.value.value)
                       for k in node.keywords)
        if isinstance(node.func, ast.Attribute) and (node.func.attr not in _PURE_METHODS or in_place):
            self._changed(node.func.value)
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self._changed(node.value)
        self.generic_visit(node)

    visit_Subscript = visit_Attribute

    def _changed(self, node: ast.AST) -> None:
        root = _root_name(node)
        if root:
            self.changes.add(root)


def _target_names(target: ast.AST) -> set[str]:
    return {node.id for node in ast.walk(target) if isinstance(node, ast.Name)}


def parameters_read_by_learner(
    notebook: NotebookNode, names: set[str], trusted_sources: set[str], assignment_id: str = ""
) -> set[str]:
    """Which of ``names`` (fast parameters) the learner's own code depends on in ``notebook``.

    A cell is the learner's when its source is not one of the chapter's own code cells
    (``trusted_sources``): answer cells, cells they added or edited. A parameter counts when
    such a cell reads it, or reads a name computed from it by the chapter's cells (``EPOCHS`` →
    ``history`` → the learner's answer), or when a test cell checks an exercise variable computed
    from it. Grading keeps those parameters at the chapter's own value for this submission, so
    the learner's code sees at grading what it saw in class. Dynamic name access keeps them all.
    """
    code = [(index, cell) for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"]
    if any(_dynamic(cell.source) for _, cell in code if cell.source not in trusted_sources):
        return set(names)
    effects, modules = _notebook_effects(code, assignment_id)
    kept = set()
    for name in names:
        tainted = {name}
        for index, cell in code:
            effect = effects[index]
            is_test = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "").endswith("_test")
            learners = cell.source not in trusted_sources and not is_test
            if (learners or is_test) and tainted & effect.reads:
                kept.add(name)
                break
            if tainted & effect.reads:  # what it computes depends on the parameter (modules it imports do not)
                tainted |= (set(effect.assigns) - _imported(cell.source)) | (set(effect.changes) - modules)
            else:
                tainted -= set(effect.assigns) - {name}
    return kept
