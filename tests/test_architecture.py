"""The layout of the package (docs/architecture.md): one subpackage per stage of a case's way, every
module importable on its own, no import circles, dependencies running one way down the stages,
and no module or function too long to read at once.

Imports are read from the source with ``ast``: every ``import`` and ``from … import`` anywhere in a
module (inside functions and ``if TYPE_CHECKING:`` blocks too), relative ones resolved.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "reasoner"

#: The stages from the bottom up.  A module may import modules of its own stage and of the stages
#: below it, never above: the law knows no case; a case is read and checked against the law; its
#: atoms are solved; the answer is explained, then rendered; batch screening, the commands and
#: the command line sit on top.
STAGES = ("law", "case", "solve", "explain", "render", "batch", "serve", "commands", "cli")

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _stage(module: str) -> str | None:
    """The stage of a module: the first name below ``reasoner`` (None for the package itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def _imports(module: str) -> set[str]:
    """The modules of the package that a module imports, wherever in it the import is; every name
    under ``reasoner`` it imports must be a module of the tree (an import inside a function is not
    run by importing the module, so a stale one would fail only when it is called)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:  # a name may be a submodule (from reasoner.solve import engine)
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in MODULES else target)
    missing = sorted(m for m in out if m.split(".")[0] == "reasoner" and m not in MODULES)
    assert missing == [], f"{module} imports modules that do not exist: {missing}"
    return {m for m in out if m in MODULES and m != module}


GRAPH: dict[str, set[str]] = {m: _imports(m) for m in MODULES}


def test_the_stages_are_the_packages():
    """Every module belongs to a stage; each package says in its docstring what it takes and gives."""
    assert {_stage(m) for m in MODULES} - {None} == set(STAGES)
    for module, path in MODULES.items():
        if path.name != "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        doc = ast.get_docstring(tree)
        assert doc and len(tree.body) == 1, f"{module}: __init__.py holds its docstring and nothing else"
        assert len(doc.splitlines()) <= 2, f"{module}: what the stage takes and gives, in two lines"


def test_every_module_imports_on_its_own():
    """Each module imported first in a fresh interpreter: no module works only because another
    happened to be imported before it (the sign of a circle broken by import order)."""

    def fresh_import(module: str) -> tuple[str, int, str]:
        done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, cwd=ROOT)
        return module, done.returncode, done.stderr

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1)) as pool:
        failed = [(m, err) for m, rc, err in pool.map(fresh_import, MODULES) if rc != 0]
    assert failed == [], "\n".join(f"{m}:\n{err}" for m, err in failed)


def test_the_imports_have_no_circle():
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for n in sorted(GRAPH[m]):
            if state.get(n) == 1:
                circle = path[path.index(n) :] + [n]
                raise AssertionError("import circle: " + " -> ".join(circle))
            if n not in state:
                visit(n)
        path.pop()
        state[m] = 2

    for m in sorted(GRAPH):
        if m not in state:
            visit(m)


def test_dependencies_run_down_the_stages():
    """A module imports its own stage or a lower one: law <- case <- solve <- explain <- render <-
    batch <- commands <- cli."""
    rank: dict[str | None, int] = {s: i for i, s in enumerate(STAGES)}
    rank[None] = -1  # the package itself: below every stage
    upward = [
        f"{m} ({_stage(m)}) imports {n} ({_stage(n)})"
        for m, targets in sorted(GRAPH.items())
        for n in sorted(targets)
        if rank[_stage(n)] > rank[_stage(m)]
    ]
    assert upward == []


def test_no_module_or_function_is_too_long():
    """At most 400 lines a module and 80 a function (from its first decorator to its last line,
    docstring and comments included; methods and nested functions each count on their own)."""
    long_modules, long_functions = [], []
    for module, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE_LINES:
            long_modules.append(f"{module}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                first = min([node.lineno] + [d.lineno for d in node.decorator_list])
                length = node.end_lineno - first + 1  # type: ignore[operator]
                if length > MAX_FUNCTION_LINES:
                    long_functions.append(f"{module}.{node.name} (line {node.lineno}): {length} lines")
    assert long_modules == []
    assert long_functions == []


def test_every_package_and_its_data_is_installed():
    """A wheel holds every package of the tree (setuptools is given the list) and the translation
    table beside the module that reads it: CI installs the package, not the checkout."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packages = {m for m, p in MODULES.items() if p.name == "__init__.py"}
    assert set(config["packages"]) - {"reasoner.asp"} == packages
    data = config["package-data"]
    for table in PACKAGE.rglob("*.toml"):
        owner = _module_name(table.parent / "__init__.py")
        assert table.name in data.get(owner, []), f"{table.relative_to(ROOT)} is not in the package data of {owner}"
