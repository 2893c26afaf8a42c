"""Fixtures for the browser tests of the built book (marked `browser`).

The site in _build/html is served by tests/local_server.py (Python's http.server at
127.0.0.1) on a free port and opened in Debian's chromium, driven by Playwright. Every browser
context refuses (and records) any request that does not go to that server, so a
test can prove the site needs nothing from outside.

Build the book first: `make book`.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path

import chromium
import pytest
from booksite import COMPRESSIBLE, PAGE_WEIGHTS, ROOT, SITE
from local_server import serve
from mounting import mount_every_component


@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"the built book is missing ({SITE.relative_to(ROOT)}): run `make book` first")
    return SITE


@pytest.fixture(scope="session")
def base_url(site: Path):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    # Module scope: Playwright's sync API runs one event loop at a time, and the
    # JupyterLab test (tests/lab) starts its own after this module is done.
    executable = chromium.executable()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=chromium.ARGS)
        yield browser
        browser.close()


@dataclass
class PageRecord:
    """What happened while a page was open."""

    url: str
    outside_requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    resources: list[dict] = field(default_factory=list)

    def transfer_bytes(self) -> int:
        return sum(r["transfer"] for r in self.resources)

    def raw_bytes(self) -> int:
        return sum(r["bytes"] for r in self.resources)


class BookBrowser:
    """Opens pages of the book in fresh contexts that refuse outside requests."""

    def __init__(self, browser, base_url: str):
        self.browser = browser
        self.base_url = base_url
        self._contexts = []

    def open(
        self,
        page_path: str,
        *,
        measure: bool = False,
        color_scheme: str = "light",
        width: int = 1280,
        has_touch: bool = False,
        settle: bool = True,
    ):
        """Open ``page_path``; with ``settle`` (the default), wait until every widget and
        component has rendered (wait_until_settled), else only for the load event."""
        context = self.browser.new_context(
            viewport={"width": width, "height": 900},
            color_scheme=color_scheme,
            has_touch=has_touch,
        )
        self._contexts.append(context)
        record = PageRecord(self.base_url + page_path)

        def route(route):
            url = route.request.url
            if url.startswith(self.base_url):
                route.continue_()
            else:
                record.outside_requests.append(url)
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda error: record.errors.append(f"uncaught: {error}"))
        page.on(
            "console",
            lambda message: (
                record.errors.append(f"console.error: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        page.on(
            "requestfailed",
            lambda request: (
                record.failed.append(f"{request.url} ({request.failure})")
                if request.url.startswith(self.base_url)
                else None
            ),
        )

        def finished(request):
            response = request.response()
            if response is None:
                return
            if response.status >= 400:
                record.failed.append(f"{request.url} (HTTP {response.status})")
            if not measure:
                return
            try:
                body = response.body()
            except Exception:  # redirects and the like have no body
                return
            kind = response.headers.get("content-type", "")
            transfer = (
                len(gzip.compress(body, compresslevel=6))
                if any(token in kind for token in COMPRESSIBLE)
                else len(body)
            )
            record.resources.append(
                {"url": request.url, "bytes": len(body), "transfer": transfer, "type": kind}
            )

        page.on("requestfinished", finished)
        page.goto(record.url, wait_until="load")
        if settle:
            wait_until_settled(page)
        return page, record

    def close(self):
        for context in self._contexts:
            context.close()
        self._contexts.clear()


WIDGETS_RENDERED_JS = """
() => {
  const views = Array.from(
    document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]'));
  return views.every(script => {
    const area = script.previousElementSibling;
    return area && area.classList.contains('widget-subarea') && area.children.length > 0;
  });
}
"""


def wait_until_settled(page, timeout_ms: int = 30_000) -> None:
    """Wait for the widgets and every component to render (math is MathML already).

    Components mount as they come near the screen, so each is scrolled into view in
    turn (tests/mounting.py); the page is back at its top afterwards.
    """
    page.wait_for_function(WIDGETS_RENDERED_JS, timeout=timeout_ms)
    mount_every_component(page, timeout_ms)
    page.wait_for_load_state("networkidle", timeout=timeout_ms)


@pytest.fixture
def book(browser, base_url):
    opener = BookBrowser(browser, base_url)
    yield opener
    opener.close()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not PAGE_WEIGHTS:
        return
    write = terminalreporter.write_line
    terminalreporter.section("page weight of the chapter pages")
    write(
        "bytes a first visit downloads: html = the page with its widget state; "
        "own = html + its images; all = everything it loads (raw, and gzip-compressed "
        "as a web server sends text)"
    )
    width = max(len(w["page"]) for w in PAGE_WEIGHTS)
    write(f"{'page':<{width}}  {'html MB':>8}  {'own MB':>7}  {'all MB':>7}  {'sent MB':>7}")
    for weight in sorted(PAGE_WEIGHTS, key=lambda w: w["page"]):
        write(
            f"{weight['page']:<{width}}  {weight['html'] / 1e6:8.2f}  {weight['own'] / 1e6:7.2f}"
            f"  {weight['raw'] / 1e6:7.2f}  {weight['transfer'] / 1e6:7.2f}"
        )
