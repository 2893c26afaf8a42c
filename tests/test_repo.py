"""Checks on the repository itself: lint, and notebooks committed without outputs."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))


def test_ruff_finds_no_lint_errors():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_there_are_chapter_notebooks():
    assert CHAPTERS, "no notebooks found in chapters/"


def test_chapter_notebooks_are_committed_without_outputs():
    offenders = []
    for path in CHAPTERS:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for index, cell in enumerate(notebook["cells"]):
            if cell["cell_type"] != "code":
                continue
            if cell.get("outputs") or cell.get("execution_count") is not None:
                offenders.append(f"{path.name} cell {index}")
    assert not offenders, (
        "these cells carry outputs; clear them before committing "
        "(jupyter nbconvert --clear-output --inplace chapters/*.ipynb): " + ", ".join(offenders)
    )
