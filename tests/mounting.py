"""Bring a page's live components into view one by one until each has mounted.

book/js/nnz-components.js mounts a component only when it comes within about a
viewport of the screen, as a reader scrolls to it. A test that needs every component
of a page live takes the reader's path: it scrolls each unmounted component into view
in turn, waits for it to mount (or to fail, which the test then sees), and scrolls
back to the top at the end, where the page opened.
"""

from __future__ import annotations

PENDING = "[data-nnz-component]:not(.nnz-mounted):not(.nnz-failed)"
SETTLED_JS = "(element) => element.matches('.nnz-mounted, .nnz-failed')"


def mount_every_component(page, timeout_ms: int = 30_000) -> None:
    """Scroll to each component still waiting, until none is; then back to the top."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    pending = page.locator(PENDING)
    while pending.count() > 0:
        component = pending.first.element_handle()
        name = component.get_attribute("data-nnz-component")
        component.scroll_into_view_if_needed(timeout=timeout_ms)
        try:
            page.wait_for_function(SETTLED_JS, arg=component, timeout=timeout_ms)
        except PlaywrightTimeout:
            raise AssertionError(
                f"the component {name!r} did not mount within {timeout_ms} ms of being "
                "scrolled into view"
            ) from None
    page.evaluate("window.scrollTo(0, 0)")
