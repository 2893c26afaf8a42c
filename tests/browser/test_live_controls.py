"""Every control of every live explorable of the built book changes what it shows.

Run after `make book`:  .venv/bin/pytest -m browser tests/browser/test_live_controls.py

On each page of the built site, every mounted live component (book/js/components/)
except the quizzes (tests/browser/test_quiz_page.py) and the chapter 7 playground
(tests/browser/test_playground_browser.py) is driven control by control. A slider, or
a figure that is itself a control, is moved with the keyboard (End, or Home when that
changes nothing; a figure, the arrow keys when those do not); a drop-down takes
another option; a radio button or check box is clicked; a button is pressed (Play is
pressed, given 1.5 s, and pressed again; buttons that start over go last). After each
move the component's pictures (every canvas's pixels and every SVG's markup) or its
readout must differ from before. The tests that check those numbers against nnlib's
are the tests/test_live_*_in_chromium.py files.
"""

from __future__ import annotations

import pytest
from booksite import html_pages
from mounting import mount_in_view

pytestmark = pytest.mark.browser

NOT_HERE = ("quiz", "playground", "quiz-progress")
# Buttons that return to the first state: pressed last, once other moves have left it.
RESETS = ("Reset", "Start over", "Restart")
SELECTORS = {
    "slider": "input[type=range]",
    "select": "select",
    "choice": "input[type=radio]",
    "box": "input[type=checkbox]",
    "button": "button",
    # a figure that is itself the control: focus it and use the arrow keys
    "figure": "[tabindex='0']:not(input, button, select, a, summary, pre, [role=region])",
}

# Every component, mounted or not: one inside a folded block mounts once unfolded.
COMPONENTS_JS = """
(notHere) => [...document.querySelectorAll('.nnz-component')]
  .map((root, index) => ({ index, name: root.dataset.nnzComponent }))
  .filter((c) => !notHere.includes(c.name))
"""

# Everything a component shows, as one string: its pictures and its readouts.
SHOWN_JS = """
(root) => {
  const canvases = [...root.querySelectorAll('canvas')].map((c) => c.toDataURL());
  const svgs = [...root.querySelectorAll('svg')].map((s) => s.outerHTML);
  const texts = [...root.querySelectorAll('.nnz-fig-readout, [aria-live], output')]
    .map((n) => n.textContent);
  return [...canvases, ...svgs, ...texts].join('|');
}
"""

# The controls of a component: their kind, index among that kind, and name.
CONTROLS_JS = """
([root, selectors]) => {
  const shown = (n) => (n.offsetParent !== null || (n.labels && n.labels[0]
    && n.labels[0].offsetParent !== null)) && !n.disabled;
  const named = (n) => n.getAttribute('aria-label') || (n.labels && n.labels[0]
    ? n.labels[0].textContent.trim() : n.textContent.trim()) || n.id;
  const controls = [];
  for (const [kind, selector] of Object.entries(selectors)) {
    root.querySelectorAll(selector).forEach((n, i) => {
      // A choice already made (a checked radio button, a pressed choice button other
      // than Play) changes nothing when made again.
      const chosen = kind === 'choice' ? n.checked
        : kind === 'button' && n.getAttribute('aria-pressed') === 'true'
          && !['Play', 'Pause'].includes(n.textContent.trim());
      if (shown(n) && !chosen) {
        controls.push({ kind, i, name: named(n) });
      }
    });
  }
  return controls;
}
"""


# A component inside a folded block (an exercise's solution) or kept folded until the
# reader makes a prediction is unfolded first.
UNFOLD_JS = """
(node) => {
  for (let d = node.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
  for (let h = node.closest('[hidden]'); h; h = node.closest('[hidden]')) h.hidden = false;
}
"""


def _ids(pages):
    return [page.removesuffix(".html") for page in pages]


LIVE_PAGES = [page for page in html_pages() if page.startswith(("chapters/", "book/intro"))]


def _moves(page, root, control):
    """Move the control; yield after each try (a second try when the first was a no-op)."""
    kind, name = control["kind"], control["name"]
    target = root.locator(SELECTORS[kind]).nth(control["i"])
    if kind in ("slider", "figure"):
        # a figure may answer only the arrow keys
        keys = ("End", "Home") if kind == "slider" else ("End", "Home", "ArrowRight", "ArrowUp")
        for key in keys:
            target.press(key)
            yield
    elif kind == "select":
        chosen = target.evaluate("(n) => n.selectedIndex")
        target.select_option(index=(chosen + 1) % target.locator("option").count())
        yield
    elif kind in ("choice", "box"):
        target.evaluate("(n) => n.click()")  # it may be hidden behind its label
        yield
    else:
        target.click()
        if name in ("Play", "Pause"):
            page.wait_for_timeout(1500)  # the slowest steps every 0.7 s
            if target.is_enabled():  # the run may have ended meanwhile
                target.click()
        yield


def _changed(page, root, before: str) -> bool:
    for _ in range(20):
        if root.evaluate(SHOWN_JS) != before:
            return True
        page.wait_for_timeout(100)
    return False


@pytest.mark.parametrize("page_path", LIVE_PAGES, ids=_ids(LIVE_PAGES))
def test_every_control_of_every_live_explorable_changes_it(book, page_path):
    page, record = book.open(page_path)
    page.wait_for_timeout(500)  # the component modules mount after the page loads
    components = page.evaluate(COMPONENTS_JS, list(NOT_HERE))
    if page_path.startswith("chapters/0") and not components:
        mounted = page.locator("[data-nnz-component=playground].nnz-mounted").count()
        assert mounted, f"{page_path}: a chapter has at least one live explorable"
    unmoved, moved = [], 0
    for component in components:
        root = page.locator(".nnz-component").nth(component["index"])
        root.evaluate(UNFOLD_JS)
        mount_in_view(page, root.element_handle())
        assert root.evaluate("(n) => n.matches('.nnz-mounted')"), f"{component} failed to mount"
        controls = page.evaluate(CONTROLS_JS, [root.element_handle(), SELECTORS])
        assert controls, f"{page_path}: {component['name']} has no control"
        controls.sort(key=lambda control: control["name"] in RESETS)
        for control in controls:
            if root.locator(SELECTORS[control["kind"]]).nth(control["i"]).is_disabled():
                continue  # e.g. Step once the run is over
            root.scroll_into_view_if_needed()
            before = root.evaluate(SHOWN_JS)
            moved += 1
            if not any(_changed(page, root, before) for _ in _moves(page, root, control)):
                unmoved.append(f"{component['name']}: {control['kind']} {control['name']!r}")
    assert not record.errors, f"{page_path}: JavaScript errors: {record.errors}"
    assert not unmoved, f"{page_path}: controls that changed nothing:\n" + "\n".join(unmoved)
    print(f"{page_path}: {moved} controls of {len(components)} live explorables moved")
