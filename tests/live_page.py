"""Open a page served from the worktree in Chromium: the harness of the browser tests
of the twin and the live components.

``local_page(document)`` shows any HTML; ``component_page(body)`` shows what
nnbook.live_* writes for a chapter cell, with the book's stylesheet and loader, once
mounted. The page may request nothing from outside, and a script error fails the
test. ``picture(page)`` is a canvas's pixels (as a data URL) to check that a move
changed the drawing; ``check_canvas_and_width(page, width, scale)`` checks crisp
canvases and the 390-px rule.
"""

from __future__ import annotations

import contextlib
import os

import chromium
import pytest
from mounting import mount_every_component
from worktree_server import only_local_requests, serve_worktree


@contextlib.contextmanager
def local_page(document: str, width: int = 1280, scale: float = 2):
    """Chromium showing ``document`` as page.html of the worktree's server.

    The page may request nothing from outside the server, and a script error or a
    console error fails the test (checked when the block ends).
    """
    playwright = pytest.importorskip("playwright.sync_api")
    errors, outside = [], []
    with serve_worktree() as url, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium.executable(), args=chromium.ARGS)
        page = browser.new_page(viewport={"width": width, "height": 900}, device_scale_factor=scale)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        only_local_requests(page, url, outside)
        page.route(url + "page.html", lambda r: r.fulfill(body=document, content_type="text/html"))
        page.goto(url + "page.html")
        yield page
        browser.close()
    assert errors == [], errors
    assert outside == [], outside


@contextlib.contextmanager
def component_page(body: str, width: int = 1280, scale: float = 2):
    """``body`` (what nnbook.live_* writes) with the book's stylesheet and loader, every
    component mounted."""
    document = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>component</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/book/assets/nnz-book.css">
<script type="module" src="/book/js/nnz-components.js"></script></head>
<body><main>{body}</main></body></html>"""
    with local_page(document, width, scale) as page:
        # Components mount as they come near the screen: each is scrolled to in turn.
        mount_every_component(page, timeout_ms=60_000)
        yield page


def picture(page, index: int = 0) -> str:
    return page.evaluate(f"document.querySelectorAll('.nnz-component canvas')[{index}].toDataURL()")


# In the first animation frame whose training record reaches `n` epochs (or diverged):
# Pause, unless the run ended on its own (the button then reads Play, disabled).
PAUSE_AT_JS = """
([epochsOf, n]) => new Promise((done) => {
  const epochs = eval(epochsOf);
  const check = () => {
    const record = document.querySelector('.nnz-component').nnzTraining;
    if (epochs(record) >= n || record.status === 'diverged') {
      const button = document.querySelector('.nnz-fig-buttons button');
      if (button.textContent === 'Pause') button.click();
      done();
    } else requestAnimationFrame(check);
  };
  check();
})
"""


def pause_in_the_frame_that_sees(page, epochs_of: str, n: int) -> None:
    """Let a playing component train until ``epochs_of(record)`` (JavaScript, on its
    nnzTraining record) reaches ``n``, and pause it in that very frame. (A wait from
    Python and a pause in a second call let a loaded machine train on to the end.)"""
    page.evaluate(PAUSE_AT_JS, [epochs_of, n])


def check_canvas_and_width(page, width: int, scale: float) -> None:
    """Every canvas has one pixel per device pixel, and nothing overflows the page."""
    for canvas in page.locator(".nnz-component canvas").all():
        pixels, css_width = canvas.evaluate("c => [c.width, c.clientWidth]")
        assert pixels == round(css_width * scale)
        assert css_width <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not page.locator(".nnz-fallback").first.is_visible(), "the fallback hides once mounted"


def settle(page) -> None:
    """Wait two animation frames: the components redraw on the next frame after an
    input (several key presses coalesce into one redraw), so by then what they show
    matches their record. Reading sooner compares a new record with an old readout."""
    page.evaluate(
        "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )


def readout(page, index: int = 0) -> str:
    settle(page)
    return page.locator(".nnz-fig-readout").nth(index).inner_text()


def set_slider(page, label: str, value: float) -> None:
    """Move the range input labelled ``label`` to ``value`` as a reader would (input event)."""
    page.get_by_label(label, exact=True).fill(str(value))


def press(page, locator, keys) -> None:
    locator.focus()
    for key in keys:
        page.keyboard.press(key)
    settle(page)


def wait_for_readout_change(page, before: str, index: int = 0) -> str:
    page.wait_for_function(
        "([before, i]) => document.querySelectorAll('.nnz-fig-readout')[i].textContent !== before",
        arg=[before, index],
    )
    return readout(page, index)


def screenshot(page, name: str) -> None:
    folder = os.environ.get("NNZ_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def wait_for_record(page, name: str, condition: str, arg) -> str:
    """Wait until the component's test record (``element[name]``) meets ``condition``, a
    JavaScript function of the record and ``arg``; return the readout then.

    After several key presses, a drag or two quick clicks, a readout change says only
    that the first has landed: a later frame would change the record between reading
    it and reading the readout. Waiting for the value the test expects does not race.
    """
    page.wait_for_function(
        f"""(arg) => {{
            const shown = document.querySelector('.nnz-component').{name};
            return ({condition})(shown, arg); }}""",
        arg=arg,
    )
    return readout(page)
