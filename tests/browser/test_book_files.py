"""The book's sources agree: the toc lists every chapter (and only files that exist),
and the API reference documents every nnlib module.

No browser needed (not marked `browser`): it runs with the unit tests.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CHAPTER_FILE = re.compile(r"^chapters/(\d\d)_[a-z0-9_]+$")

# The chapter files, as the chapter briefs name them.
CHAPTER_NAMES = {
    0: "00_why_neural_networks",
    1: "01_modeling_neurons",
    2: "02_single_neuron",
    3: "03_activation_functions",
    4: "04_relu_and_friends",
    5: "05_layers",
    6: "06_universal_approximation",
    7: "07_playground",
    8: "08_capacity_and_overfitting",
    9: "09_training",
}
# Which part each chapter belongs to.
PARTS = {
    "Foundations": [0, 1, 2],
    "Activations": [3, 4],
    "Networks": [5, 6, 7, 8],
    "Training": [9],
}


def toc() -> dict:
    return yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))


def toc_files() -> list[str]:
    data = toc()
    files = [data["root"]]
    for part in data.get("parts", []):
        for chapter in part.get("chapters", []):
            files.append(chapter["file"])
            files += [section["file"] for section in chapter.get("sections", [])]
    return files


def source_of(docname: str) -> Path | None:
    for suffix in (".ipynb", ".md", ".rst"):
        path = ROOT / f"{docname}{suffix}"
        if path.is_file():
            return path
    return None


def test_every_toc_entry_exists():
    missing = [name for name in toc_files() if source_of(name) is None]
    assert not missing, f"_toc.yml lists files that do not exist: {missing}"


def test_every_chapter_notebook_is_in_the_toc():
    listed = set(toc_files())
    notebooks = sorted(
        f"chapters/{path.stem}" for path in (ROOT / "chapters").glob("[0-9][0-9]_*.ipynb")
    )
    unlisted = [name for name in notebooks if name not in listed]
    assert not unlisted, f"chapter notebooks missing from _toc.yml: {unlisted}"


def test_chapters_have_their_names_and_parts():
    """Chapter files are named as planned and sit in their part, in order."""
    for part in toc()["parts"]:
        numbers = []
        for chapter in part.get("chapters", []):
            match = CHAPTER_FILE.match(chapter["file"])
            if not match:
                continue
            number = int(match.group(1))
            assert chapter["file"] == f"chapters/{CHAPTER_NAMES[number]}", (
                f"chapter {number} should be chapters/{CHAPTER_NAMES[number]}.ipynb"
            )
            assert number in PARTS.get(part["caption"], []), (
                f"chapter {number} is listed under {part['caption']!r}; "
                f"it belongs to {[p for p, n in PARTS.items() if number in n]}"
            )
            numbers.append(number)
        assert numbers == sorted(numbers), f"{part['caption']}: chapters out of order"
        if numbers:
            assert part.get("numbered"), f"the part {part['caption']!r} must be numbered"


def test_api_reference_covers_every_module():
    """book/api.md documents every public module of nnlib and nnbook (autodoc), so none
    is forgotten, and nnlib comes first: the toolkit is documented apart, after it."""
    page = (ROOT / "book" / "api.md").read_text(encoding="utf-8")
    documented = re.findall(r"automodule:: ((?:nnlib|nnbook)[\w.]*)", page)
    modules = set()
    for package in ("nnlib", "nnbook"):
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            if any(part.startswith("_") for part in parts) or "quizbank" in parts:
                continue
            modules.add(".".join(parts))
    modules -= {"nnlib", "nnbook"}
    missing = sorted(modules - set(documented))
    assert not missing, f"book/api.md does not document: {missing}"
    packages = [name.split(".")[0] for name in documented]
    assert packages == sorted(packages, key=["nnlib", "nnbook"].index), "nnlib first"
