"""Bring a page's live components into view one by one until each has mounted.

book/js/nnz-components.js mounts a component only when it comes within about a
viewport of the screen, as a reader scrolls to it. A test that needs every component
of a page live takes the reader's path: it scrolls each unmounted component into view
in turn, waits for it to mount (or to fail, which the test then sees), and scrolls
back to the top at the end, where the page opened.

A component inside a folded block (a result a quiz keeps hidden until the reader has
answered) is not on the page to scroll to: it mounts when the block opens, and is
left waiting here (``mount_in_view`` mounts it once a test has unfolded it).
"""

from __future__ import annotations

PENDING = "[data-nnz-component]:not(.nnz-mounted):not(.nnz-failed)"
SETTLED_JS = "(element) => element.matches('.nnz-mounted, .nnz-failed')"
# The first pending component that is laid out (not inside a hidden block), or null.
FIRST_SHOWN_JS = """
(selector) => [...document.querySelectorAll(selector)]
  .find((element) => element.getClientRects().length > 0) || null
"""


def mount_in_view(page, component, timeout_ms: int = 30_000) -> None:
    """Scroll ``component`` (an element handle) into view and wait until it has mounted."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    name = component.get_attribute("data-nnz-component")
    component.scroll_into_view_if_needed(timeout=timeout_ms)
    try:
        page.wait_for_function(SETTLED_JS, arg=component, timeout=timeout_ms)
    except PlaywrightTimeout:
        raise AssertionError(
            f"the component {name!r} did not mount within {timeout_ms} ms of being "
            "scrolled into view"
        ) from None


def mount_every_component(page, timeout_ms: int = 30_000) -> None:
    """Scroll to each shown component still waiting, until none is; then to the top."""
    while True:
        # One query that finds it or says none is left: a component may mount while
        # this looks (a count, then a wait for the first, could wait for one that had
        # just mounted).
        component = page.evaluate_handle(FIRST_SHOWN_JS, PENDING).as_element()
        if component is None:
            break
        mount_in_view(page, component, timeout_ms)
    page.evaluate("window.scrollTo(0, 0)")
