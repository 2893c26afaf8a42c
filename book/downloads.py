"""Build what a reader downloads from the site to run the chapters on their own machine.

    python book/downloads.py        (book/build.py runs it before every build)

Writes into book/_downloads/ (git-ignored), from the repository as it is now:

- the wheel of the project, ``nnlib-<version>-py3-none-any.whl``: both packages that
  pyproject.toml defines (nnlib, and nnbook, the book's toolkit), with the ``[book]``
  extra that pulls in what nnbook needs (ipywidgets, matplotlib, ...);
- ``nnz-chapters.zip``: the chapter notebooks (chapters/NN_*.ipynb, committed without
  outputs) in a folder ``nnz-chapters/``.

The Run-it-yourself page (book/run-it-yourself.md) links both with the ``{download}``
role, so Sphinx copies them into the site and a missing file fails the strict build.
The wheel is built from a scratch copy of the sources, so the build leaves no
``build/`` or ``*.egg-info`` behind in the repository.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / "book" / "_downloads"
CHAPTERS_ZIP = "nnz-chapters.zip"
PACKAGE_SOURCES = ("pyproject.toml", "README.md", "nnlib", "nnbook")
# Fixed timestamps inside the zip: the same notebooks give the same file.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def build_wheel(dest: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="nnz-wheel-") as scratch:
        source = Path(scratch) / "src"
        source.mkdir()
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
        for name in PACKAGE_SOURCES:
            path = ROOT / name
            if path.is_dir():
                shutil.copytree(path, source / name, ignore=ignore)
            else:
                shutil.copy2(path, source / name)
        command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
        command += ["--wheel-dir", str(dest), str(source)]
        # setuptools' deprecation notices would bury the build's own output: show
        # what pip printed only when it fails.
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            raise SystemExit(f"book/downloads.py: pip wheel failed ({result.returncode})")
    wheels = sorted(dest.glob("nnlib-*-py3-none-any.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"book/downloads.py: expected one nnlib wheel in {dest}, got {wheels}")
    return wheels[0]


def build_chapters_zip(dest: Path) -> Path:
    target = dest / CHAPTERS_ZIP
    notebooks = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        raise SystemExit("book/downloads.py: no chapter notebooks in chapters/")
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for notebook in notebooks:
            info = zipfile.ZipInfo(f"nnz-chapters/{notebook.name}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, notebook.read_bytes())
    return target


def main() -> int:
    if DEST.exists():
        shutil.rmtree(DEST)
    DEST.mkdir(parents=True)
    for path in (build_wheel(DEST), build_chapters_zip(DEST)):
        print(f"book/downloads.py: {path.relative_to(ROOT)} ({path.stat().st_size / 1e3:.0f} kB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
