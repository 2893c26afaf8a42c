"""Build the book from scratch and print how long it took.

    python book/build.py            (what `make book` runs, after npm ci + vendor_assets)
    python book/build.py --if-changed   (what `make test` runs: skips the build when
                                         the stamp says _build/html is of these sources)

- Builds the downloads of the Run-it-yourself page first (book/downloads.py: the
  project's wheel and a zip of the chapter notebooks, into book/_downloads/).
- Removes the previous HTML and Sphinx environment, so every notebook is executed
  again (execute_notebooks: force) and the time is that of a clean build.
- Runs `jupyter-book build . -W --keep-going --all` with NNLIB_STATIC_WIDGETS=1, so the
  explorables pre-render their frames for the static page. -W: any warning fails the
  build; --keep-going: all of them are reported first.
- Prints the wall time of the whole build and a table of each notebook's execution
  time against its budget (15 s for chapters 0-4, 30 s for chapters 5-9).
- A failed build keeps its execution reports in _build/html/reports/; their names
  are printed.
- A successful build writes _build/html/.sources.sha256: one hash over the path and
  bytes of every file the build reads (SOURCES below). With --if-changed, a stamp that
  matches the sources as they are now means the HTML is already theirs, and nothing
  is built (`make book` then `make test` builds once).

Exit code: jupyter-book's.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import downloads  # book/downloads.py: the wheel and the chapters zip the site offers

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
HTML = BUILD / "html"
VENDOR = ROOT / "book" / "_vendor" / "vendor"
TIMES = BUILD / "execution_times.json"

STAMP = HTML / ".sources.sha256"

WHOLE_BUILD_BUDGET = 300.0  # seconds, execution included

# Everything the build reads: the configuration, the pages and their assets, the
# notebooks, the two packages they import, the pinned environment. (book/_vendor is
# copied from node_modules, which package-lock.json pins.)
SOURCES = [
    "_config.yml",
    "_toc.yml",
    "book",
    "chapters",
    "nnlib",
    "nnbook",
    "pyproject.toml",
    "requirements.txt",
    "constraints.txt",
    "package-lock.json",
]
SKIPPED_PARTS = {"_vendor", "__pycache__", ".ipynb_checkpoints"}


def source_digest() -> str:
    """SHA-256 over the relative path and the bytes of every source file, in sorted order."""
    files = []
    for name in SOURCES:
        path = ROOT / name
        candidates = path.rglob("*") if path.is_dir() else [path]
        files += [p for p in candidates if p.is_file() and not SKIPPED_PARTS & set(p.parts)]
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def notebook_budget(docname: str) -> float | None:
    """The execution budget of a chapter notebook in seconds (None: no budget)."""
    match = re.fullmatch(r"chapters/(\d\d)_.*", docname)
    if not match:
        return None
    return 15.0 if int(match.group(1)) <= 4 else 30.0


def print_execution_table(wall: float) -> None:
    print()
    print("Execution time of each notebook (myst-nb, during this build)")
    try:
        records = json.loads(TIMES.read_text())
    except (OSError, ValueError):
        records = {}
    if not records:
        print("  (no notebook was executed)")
    width = max([len(name) for name in records] + [8])
    print(f"  {'notebook':<{width}}  {'seconds':>8}  {'budget':>6}  status")
    total = 0.0
    for docname, record in records.items():
        runtime = record.get("runtime") or 0.0
        total += runtime
        budget = notebook_budget(docname)
        if not record.get("succeeded"):
            status = "FAILED"
        elif budget is not None and runtime > budget:
            status = "OVER BUDGET"
        else:
            status = "ok"
        budget_text = f"{budget:.0f}" if budget is not None else "-"
        print(f"  {docname:<{width}}  {runtime:8.1f}  {budget_text:>6}  {status}")
    print(f"  {'all notebooks':<{width}}  {total:8.1f}")
    verdict = "within" if wall <= WHOLE_BUILD_BUDGET else "OVER"
    print(
        f"Clean build of the whole book: {wall:.1f} s "
        f"({verdict} the {WHOLE_BUILD_BUDGET:.0f} s budget)"
    )


def main(argv: list[str]) -> int:
    digest = source_digest()
    if "--if-changed" in argv:
        if STAMP.is_file() and STAMP.read_text().strip() == digest:
            print(f"book/build.py: {HTML.relative_to(ROOT)}/ is already built from these sources")
            return 0
    if not (VENDOR / "npm" / "@jupyter-widgets").is_dir():
        print(
            "book/build.py: the browser assets are missing (book/_vendor/vendor). "
            "Run `make book` (npm ci + book/vendor_assets.py) first.",
            file=sys.stderr,
        )
        return 2
    for stale in (HTML, BUILD / ".doctrees", BUILD / "jupyter_execute", TIMES):
        if stale.is_dir():
            shutil.rmtree(stale)
        elif stale.exists():
            stale.unlink()

    downloads.main()
    env = dict(os.environ, NNLIB_STATIC_WIDGETS="1")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [str(jupyter_book), "build", str(ROOT), "-W", "--keep-going", "--all"]
    print("$ NNLIB_STATIC_WIDGETS=1 " + " ".join(command[0:1] + ["build", ".", *command[3:]]))
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    wall = time.perf_counter() - start

    print_execution_table(wall)
    reports = sorted(p for p in (HTML / "reports").glob("**/*") if p.is_file())
    if reports:
        print("Execution reports (tracebacks of failed notebooks):")
        for report in reports:
            print(f"  {report.relative_to(ROOT)}")
    if result.returncode == 0:
        STAMP.write_text(digest + "\n")
        print(f"The book is in {HTML.relative_to(ROOT)}/ (open index.html).")
    else:
        print(f"The build FAILED (exit code {result.returncode}); see the warnings above.")
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
