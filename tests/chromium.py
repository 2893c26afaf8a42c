"""Debian's chromium for the browser tests of the book and of JupyterLab.

Shared by tests/browser and tests/lab (pyproject puts tests/ on the import path).
Playwright drives the system browser; it never downloads one of its own.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from local_server import free_port  # noqa: F401  (the tests' one free-port finder)

CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
# Headless as root, and no background requests: this machine's network is closed, and
# the site tests must see only the requests a page itself makes.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def executable() -> str:
    """The chromium binary (env NNZ_CHROMIUM overrides); fails the test when missing."""
    explicit = os.environ.get("NNZ_CHROMIUM")
    if explicit:
        return explicit
    for candidate in CANDIDATES:
        if Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("chromium")
    if not found:
        pytest.fail("Debian's chromium is not installed: run `make chromium`")
    return found
