"""Serve the worktree itself at 127.0.0.1 for tests that load book/js in Chromium
without building the book (``python -m http.server`` on a free port)."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import chromium
import pytest

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def serve_worktree(probe: str = "book/js/nnlib/index.js") -> Iterator[str]:
    """Yield the server's base URL; ``probe`` is fetched first to know it is up."""
    port = chromium.free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(url + probe, timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("could not start `python -m http.server` for the worktree")
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def only_local_requests(page, base_url: str, outside: list) -> None:
    """Let the page fetch from ``base_url`` only; record (and refuse) anything else."""

    def route(request_route):
        if request_route.request.url.startswith(base_url):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
