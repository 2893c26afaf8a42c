"""No module touches another module's private (underscore) names.

A leading underscore says "this module's own business": a name another module needs is
made public and documented instead. The scan reads every Python file of nnlib, nnbook,
the benchmarks, the book's scripts and the tests and flags

* ``from module import _name`` from another module, and
* ``something._name`` where ``_name`` is defined nowhere in the file itself (so a class
  may read its own and its instances' private attributes, a subclass in the same file
  its base's);

Python's own protocol names (``__init__``, ``_repr_html_``) are not private. A module of
a package may use the package's private modules (``nnlib._checks``), and so may that
module's own unit tests (tests/test_checks.py), but no other package.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ["nnlib", "nnbook", "benchmarks", "book", "tests"]
FILES = sorted(
    path
    for folder in SCANNED
    for path in (ROOT / folder).rglob("*.py")
    if "_build" not in path.parts and "_vendor" not in path.parts
)


def is_private(name: str) -> bool:
    # _x is private; __x__ (dunder) and _x_ (IPython's _repr_html_ and friends) are protocols
    return name.startswith("_") and not name.endswith("_")


def defined_names(tree: ast.AST) -> set[str]:
    """Every name the file itself defines: functions, classes, variables, attributes set."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
    return names


def private_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = defined_names(tree)
    # names imported from another module are not the file's own, even if bound here
    top_package = path.relative_to(ROOT).parts[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            source_package = node.module.split(".")[0]
            module_parts = node.module.split(".")
            own_tests = path.stem == "test_" + module_parts[-1].lstrip("_")  # its unit tests
            crossing = source_package != top_package and not own_tests
            if crossing and any(map(is_private, module_parts)):
                found.append(f"line {node.lineno}: from {node.module} (a private module)")
            for alias in node.names:
                place = ROOT / Path(*module_parts, alias.name)
                is_module = place.with_suffix(".py").exists()
                if is_private(alias.name) and not (is_module and source_package == top_package):
                    found.append(f"line {node.lineno}: from {node.module} import {alias.name}")
                    own.discard(alias.asname or alias.name)
        elif isinstance(node, ast.Attribute) and is_private(node.attr) and node.attr not in own:
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def test_the_scan_sees_every_kind_of_crossing(tmp_path, monkeypatch):
    # the scan is only as good as what it catches: one file with each kind of use
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    (tmp_path / "pkg").mkdir()
    planted = tmp_path / "pkg" / "user.py"
    planted.write_text(
        "from nnlib.activations import _sigmoid\n"
        "from nnlib._checks import as_matrix\n"
        "import numpy as np\n"
        "class Own:\n"
        "    def __init__(self):\n"
        "        self._mine = 1\n"
        "    def read(self, other):\n"
        "        return other._mine + self.__dict__['x'] + self._repr_html_()\n"
        "def poke(trainer):\n"
        "    return trainer._objective(), np._NoValue\n"
    )
    found = "\n".join(private_uses(planted))
    for expected in ("import _sigmoid", "nnlib._checks", "trainer._objective", "np._NoValue"):
        assert expected in found
    assert "_mine" not in found and "_repr_html_" not in found and "__dict__" not in found


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_file_uses_another_modules_private_names(path):
    uses = private_uses(path)
    assert not uses, f"{path.relative_to(ROOT)} reaches into private names: {uses}"
