"""Checks on the repository itself: lint, and notebooks committed without outputs."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

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


# The page's code column holds this many characters of the code font at 1280 px; a
# longer line scrolls sideways, and the reader loses its end.
SHOWN_CODE_COLUMNS = 82


@pytest.mark.parametrize("path", CHAPTERS, ids=[path.stem for path in CHAPTERS])
def test_code_the_page_shows_fits_its_column(path):
    offenders = []
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(notebook["cells"]):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell["cell_type"] != "code" or {"remove-cell", "remove-input"} & set(tags):
            continue
        for line in "".join(cell["source"]).splitlines():
            if len(line) > SHOWN_CODE_COLUMNS:
                offenders.append(f"{path.name} cell {index} ({len(line)}): {line.strip()[:50]}")
    assert not offenders, (
        f"code lines longer than {SHOWN_CODE_COLUMNS} characters scroll sideways on the "
        "page; format the cell (ruff format --line-length 82) or shorten them:\n"
        + "\n".join(offenders)
    )


EVAL_ROLE = re.compile(r"\{eval\}`([^`]+)`")
GLUE_ROLE = re.compile(r"\{glue(?::\w+)?\}`")
ASSIGNED = re.compile(r"^(\w+)\s*=", re.MULTILINE)


@pytest.mark.parametrize("path", CHAPTERS, ids=[path.stem for path in CHAPTERS])
def test_every_quoted_number_is_set_above_the_prose_that_quotes_it(path):
    """Prose quotes computed numbers with {eval}`name` (never glue, which JupyterLab
    shows as a raw key). myst-nb (inline execution) and JupyterLab (Run All) evaluate
    the role when they reach the markdown cell, so ``name`` must be assigned by a code
    cell above it that runs on the page: not a remove-cell, which inline execution
    skips."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    quoted = [
        name
        for cell in notebook["cells"]
        if cell["cell_type"] == "markdown"
        for name in EVAL_ROLE.findall("".join(cell["source"]))
    ]
    if quoted:
        assert notebook["metadata"].get("mystnb", {}).get("execution_mode") == "inline", (
            f"{path.name} quotes {{eval}} values but does not build in inline execution mode"
        )
    defined, problems = set(), []
    for index, cell in enumerate(notebook["cells"]):
        text = "".join(cell["source"])
        if cell["cell_type"] == "code":
            if "remove-cell" not in cell.get("metadata", {}).get("tags", []):
                defined |= set(ASSIGNED.findall(text))
            continue
        if GLUE_ROLE.search(text):
            problems.append(f"cell {index} quotes with a glue role")
        problems += [
            f"cell {index} quotes {name}, which no code cell above sets"
            for name in EVAL_ROLE.findall(text)
            if name not in defined
        ]
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("uid", [0, 1000])
def test_make_lab_passes_allow_root_only_when_run_as_root(tmp_path, uid):
    """JupyterLab refuses to start as root without --allow-root, and needs it only then.

    The Makefile asks `id -u`; an `id` of the test's own, first on PATH, answers as
    root or as a user, so both cases run whoever runs the tests.
    """
    fake_id = tmp_path / "id"
    fake_id.write_text(f"#!/bin/sh\necho {uid}\n")
    fake_id.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        ["make", "-n", "lab"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    starts = [line for line in result.stdout.splitlines() if "jupyter lab" in line]
    assert len(starts) == 1, f"`make -n lab` should start JupyterLab once:\n{result.stdout}"
    assert ("--allow-root" in starts[0].split()) == (uid == 0), (
        f"as uid {uid}, `make lab` runs: {starts[0]}"
    )
