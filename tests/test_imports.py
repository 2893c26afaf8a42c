"""The two packages import in one direction: nnlib <- nnbook <- chapters.

nnlib is the subject, NumPy only: none of its modules may import the book's toolkit
or the libraries the toolkit draws with. nnbook's modules import at the top, and
their imports form no cycle. The graph is read from the source (the AST), so an
import hidden inside a function counts as much as one at the top.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_IN_NNLIB = {"nnbook", "ipywidgets", "matplotlib", "PIL"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules_of(package: str) -> dict[str, Path]:
    return {module_name(path): path for path in sorted((ROOT / package).rglob("*.py"))}


def imported_names(path: Path, name: str) -> list[tuple[str, ast.stmt]]:
    """(imported module, node) for every import statement anywhere in the file.

    ``from a.b import c`` yields ``a.b.c`` when that is a module of ours, else ``a.b``;
    relative imports are resolved against the module's own package.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                place = ROOT / Path(*candidate.split("."))
                is_module = place.with_suffix(".py").exists() or (place / "__init__.py").exists()
                found.append((candidate if is_module else base, node))
    return found


def import_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the directed graph as [a, b, ..., a], or None when there is none."""
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*stack[stack.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_importing_nnlib_loads_none_of_the_toolkit_or_its_drawing_libraries():
    code = (
        "import sys, nnlib\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(FORBIDDEN_IN_NNLIB)}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]", result.stdout


@pytest.mark.parametrize("name, path", modules_of("nnlib").items())
def test_no_nnlib_module_imports_the_toolkit_or_a_drawing_library(name, path):
    # static, so an import inside a function (run only on some call) is caught too
    bad = [
        f"line {node.lineno}: {target}"
        for target, node in imported_names(path, name)
        if target.split(".")[0] in FORBIDDEN_IN_NNLIB
    ]
    assert not bad, f"{name} imports {bad}; nnlib must need only NumPy"


def nnbook_graph() -> dict[str, set[str]]:
    """Module -> the nnbook modules it imports. Importing ``a.b.c`` runs ``a/b/__init__``
    first, so it counts as importing the package ``a.b`` too, unless the importer is
    inside that package (then the package is already being imported)."""
    modules = modules_of("nnbook")
    graph = {}
    for name, path in modules.items():
        targets = set()
        for target, _ in imported_names(path, name):
            parts = target.split(".")
            for end in range(2, len(parts) + 1):
                package = ".".join(parts[:end])
                inside = name == package or name.startswith(package + ".")
                if package in modules and (end == len(parts) or not inside):
                    targets.add(package)
        graph[name] = targets - {name}
    return graph


def test_nnbook_modules_import_each_other_without_a_cycle():
    cycle = import_cycle(nnbook_graph())
    assert cycle is None, "nnbook's imports run in a circle: " + " -> ".join(cycle)


def test_the_cycle_finder_finds_a_cycle_of_three_and_none_in_a_chain():
    # the test above is only as good as this search
    assert import_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert import_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


@pytest.mark.parametrize("name, path", modules_of("nnbook").items())
def test_every_nnbook_module_imports_at_the_top(name, path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    at_top = {id(node) for node in tree.body}
    hidden = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in at_top
    ]
    assert not hidden, f"{name} imports inside a function or block at line(s) {hidden}"
