"""The Run-it-yourself page works: from the built site alone, a chapter runs on a new machine.

Run after `make book` (it reads _build/html, like the browser tests). As a reader would:

1. take the two downloads the page links (the nnlib wheel and the chapters zip) from the
   built site, and check that the page's commands name that very wheel;
2. make a fresh virtual environment (no system site packages) and
   ``pip install "<wheel>[book]"`` into it, plus ipykernel, the kernel JupyterLab would
   start (pip takes the dependencies from the package index, through its usual cache;
   constraints.txt keeps them at the versions the book is tested with);
3. unpack the zip and execute a chapter from it, top to bottom, in that environment's
   kernel, outside the repository, live (no NNLIB_STATIC_WIDGETS).

The chapter's last cell, added by the test, reports where nnlib and nnbook were
imported from: the new environment, not the repository.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
PAGE = SITE / "book" / "run-it-yourself.html"
# Chapter 1 needs only what the [book] extra installs (no scikit-learn) and runs fast.
CHAPTER = "nnz-chapters/01_modeling_neurons.ipynb"
INSTALL_TIMEOUT_S = 900
EXECUTE_TIMEOUT_S = 600
WHERE_CELL = (
    "import sys, nnlib, nnbook\n"
    "print('nnlib', nnlib.__file__)\n"
    "print('nnbook', nnbook.__file__)\n"
    "print('prefix', sys.prefix)"
)


def downloads() -> dict[str, Path]:
    """The files the page links for download, by file name."""
    if not PAGE.is_file():
        pytest.fail(f"{PAGE.relative_to(ROOT)} is missing: run `make book` first")
    html = PAGE.read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+\.(?:whl|zip))"', html)
    return {Path(link).name: (PAGE.parent / link).resolve() for link in links}


def test_the_page_offers_the_wheel_and_the_notebooks():
    files = downloads()
    wheels = [name for name in files if name.endswith(".whl")]
    assert len(wheels) == 1, f"the page should link one wheel, links: {sorted(files)}"
    assert "nnz-chapters.zip" in files, f"no chapters zip among {sorted(files)}"
    for name, path in files.items():
        assert path.is_file(), f"the page links {name}, which is not in the site"
    text = PAGE.read_text(encoding="utf-8")
    assert f"./{wheels[0]}[book" in text, "the page's pip command does not name the wheel"
    # Every {{ placeholder }} of book/run-it-yourself.md was filled in (nnz_book.py).
    assert "{{" not in text, "a placeholder of the page was left unfilled"
    with zipfile.ZipFile(files[wheels[0]]) as wheel:
        packages = {name.split("/")[0] for name in wheel.namelist()}
    assert {"nnlib", "nnbook"} <= packages, f"the wheel holds {sorted(packages)}"
    with zipfile.ZipFile(files["nnz-chapters.zip"]) as archive:
        notebooks = sorted(archive.namelist())
    chapters = sorted(f"nnz-chapters/{p.name}" for p in (ROOT / "chapters").glob("[0-9][0-9]_*"))
    assert notebooks == chapters, f"the zip holds {notebooks}, the book has {chapters}"


def _run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
    assert result.returncode == 0, f"{' '.join(map(str, command))} failed:\n" + (
        result.stdout[-2000:] + result.stderr[-3000:]
    )
    return result


def test_a_downloaded_chapter_runs_in_a_fresh_environment(tmp_path):
    files = downloads()
    wheel = next(path for name, path in files.items() if name.endswith(".whl"))
    home = tmp_path / "reader"
    home.mkdir()
    with zipfile.ZipFile(files["nnz-chapters.zip"]) as archive:
        archive.extractall(home)

    venv = home / "nnz-venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NNLIB_STATIC_WIDGETS", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
    }
    _run(
        [str(python), "-m", "pip", "install", "--quiet", f"{wheel}[book]", "ipykernel"]
        + ["-c", str(ROOT / "constraints.txt")],
        env=env,
        cwd=home,
        timeout=INSTALL_TIMEOUT_S,
    )

    # A kernel spec of the new environment, found through JUPYTER_PATH only.
    kernels = home / "jupyter" / "kernels" / "reader"
    kernels.mkdir(parents=True)
    spec = {
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "reader's venv",
        "language": "python",
    }
    (kernels / "kernel.json").write_text(json.dumps(spec))

    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(home / CHAPTER, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(WHERE_CELL))
    saved = {key: os.environ.get(key) for key in ("JUPYTER_PATH", "NNLIB_STATIC_WIDGETS")}
    os.environ["JUPYTER_PATH"] = str(home / "jupyter")
    os.environ.pop("NNLIB_STATIC_WIDGETS", None)
    try:
        client = NotebookClient(
            notebook,
            kernel_name="reader",
            timeout=EXECUTE_TIMEOUT_S,
            resources={"metadata": {"path": str(home / "nnz-chapters")}},
        )
        client.execute()  # raises CellExecutionError, with the traceback, if a cell fails
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    where = "".join(
        output.get("text", "") for output in notebook.cells[-1].outputs if output.get("name")
    )
    places = dict(line.split(" ", 1) for line in where.strip().splitlines())
    assert Path(places["prefix"]).resolve() == venv.resolve(), where
    for package in ("nnlib", "nnbook"):
        module = Path(places[package]).resolve()
        assert venv.resolve() in module.parents, f"{package} came from {module}, not the venv"
        assert ROOT not in module.parents, f"{package} came from the repository: {module}"
    ran = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.get("execution_count") for cell in ran), "some cells did not run"
