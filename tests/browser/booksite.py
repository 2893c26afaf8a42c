"""Where the built book is and which pages it has (shared by conftest and the tests).

Imported by name (pytest puts tests/browser on sys.path, as it has no __init__.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from local_server import COMPRESSIBLE  # noqa: F401  (what a web server compresses)

ROOT = Path(__file__).resolve().parents[2]
# NNZ_BOOK_SITE: another built site to test (for example a quick build of a few pages).
SITE = Path(os.environ.get("NNZ_BOOK_SITE") or ROOT / "_build" / "html")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


# Pages that are not reading pages: the redirect at the root.
SKIPPED_PAGES = {"index.html"}


# Filled by the page-weight test, printed at the end of the run.
PAGE_WEIGHTS: list[dict] = []


def html_pages() -> list[str]:
    """Every HTML page of the built site, relative to its root (POSIX paths)."""
    if not SITE.is_dir():
        return []
    pages = []
    for path in sorted(SITE.rglob("*.html")):
        relative = path.relative_to(SITE).as_posix()
        if relative.startswith(("_static/", "_sources/", "reports/", "_images/")):
            continue
        if relative in SKIPPED_PAGES:
            continue
        pages.append(relative)
    return pages


def chapter_pages() -> list[str]:
    return [page for page in html_pages() if page.startswith("chapters/")]
