"""Serve the worktree itself at 127.0.0.1 for tests that load book/js in Chromium
without building the book (tests/local_server.py on a free port)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from local_server import serve

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def serve_worktree(probe: str = "book/js/nnlib/index.js") -> Iterator[str]:
    """Yield the server's base URL; ``probe`` is fetched first to know it is up."""
    with serve(ROOT, probe) as url:
        yield url


def only_local_requests(page, base_url: str, outside: list) -> None:
    """Let the page fetch from ``base_url`` only; record (and refuse) anything else."""

    def route(request_route):
        if request_route.request.url.startswith(base_url):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
