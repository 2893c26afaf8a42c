"""The built book as a reader meets it: found, complete, readable at any width, accessible.

Run after `make book`:  .venv/bin/pytest -m browser tests/browser/test_reader.py

- Every page, the root index.html included: no request fails (no 404, also not for an
  icon: each page names its icon, and that file exists) and a meta description that
  is the page's own text.
- Every page at 1280 px and 390 px: no element reaches outside the text column (code,
  outputs, tables and formulas scroll inside their own box) and the page itself does
  not scroll sideways; no picture (image or canvas) is drawn out of its proportions.
- Every chapter page at 1280 px: a code cell's box holds SHOWN_CODE_COLUMNS characters
  of its font (the width the chapters' code is formatted to), so no line of it scrolls.
- axe-core with all its WCAG 2.0-2.2 rules of levels A and AA and its best practices,
  every impact, at both widths, light and dark: nothing on any page, the book's own
  (intro, references, glossary, notation, api, run-it-yourself) and every chapter;
  the AAA rules run in the same pass and are printed, not asserted.
"""

from __future__ import annotations

import html as html_module
import re
from urllib.parse import urljoin

import pytest
from booksite import AXE, SITE, chapter_pages, html_pages
from test_repo import SHOWN_CODE_COLUMNS

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
PAGES = html_pages()
EVERY_PAGE = ["index.html", *PAGES]
CHAPTERS = chapter_pages()
OWN_PAGES = [
    page
    for page in PAGES
    if page.removesuffix(".html").split("/")[-1]
    in ("intro", "references", "glossary", "notation", "api", "run-it-yourself")
]
# Every rule axe-core has for WCAG 2.0, 2.1 and 2.2 at levels A and AA, and its best
# practices: asserted. The AAA rules (enhanced contrast 7:1 and the like) are run
# too and printed, not asserted: the theme's link and code colours are AA, not AAA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
AXE_AAA_TAGS = ["wcag2aaa", "wcag21aaa", "wcag22aaa"]


def _ids(pages):
    return [page.removesuffix(".html") for page in pages]


def _require(pages):
    if not pages:
        pytest.fail("the built book is missing (_build/html): run `make book` first")


def _open(book, page_path, width, color_scheme="light"):
    page, record = book.open(page_path, color_scheme=color_scheme)
    if width != 1280:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(400)
    return page, record


# --------------------------------------------------------------------------------------
# Found and complete
# --------------------------------------------------------------------------------------

HEAD_JS = r"""
() => ({
  description: (document.querySelector('meta[name="description"]') || {}).content || '',
  icons: Array.from(document.querySelectorAll('link[rel~="icon"]')).map(l => l.href),
  text: (document.querySelector('main') || document.body).innerText,
  url: location.href,
})
"""


@pytest.mark.parametrize("page_path", EVERY_PAGE, ids=_ids(EVERY_PAGE))
def test_no_request_fails_and_the_page_names_its_icon(book, page_path):
    _require(PAGES)
    page, record = book.open(page_path)
    head = page.evaluate(HEAD_JS)
    failed = record.failed
    if page_path == "index.html":
        # The root redirects at once, which cancels its own icon request (ERR_ABORTED);
        # that the icon exists is checked below.
        failed = [request for request in failed if not request.endswith("(net::ERR_ABORTED)")]
    assert not failed, f"{page_path}: requests that failed: {failed}"
    assert head["icons"], f"{page_path} names no icon: browsers then ask for /favicon.ico"
    for icon in head["icons"]:
        relative = icon.removeprefix(book.base_url)
        assert (SITE / relative).is_file(), f"{page_path}: its icon {relative} is missing"
    if page_path == "index.html":
        # The root redirects to the first page, which must itself be complete.
        assert head["url"] != urljoin(book.base_url, "index.html"), "index.html did not redirect"


@pytest.mark.parametrize("page_path", EVERY_PAGE, ids=_ids(EVERY_PAGE))
def test_every_page_has_its_own_meta_description(site, page_path):
    _require(PAGES)
    html = (site / page_path).read_text(encoding="utf-8")
    found = re.findall(r'<meta name="description" content="([^"]*)"', html)
    assert len(found) == 1, f"{page_path}: expected one meta description, found {found}"
    description = found[0]
    assert len(description) >= 25, f"{page_path}: description too short: {description!r}"
    assert len(description) <= 160, f"{page_path}: description too long ({len(description)})"
    if page_path not in ("index.html", "genindex.html", "search.html", "py-modindex.html"):
        words = html_module.unescape(description).rstrip("…").split()
        text = " ".join(re.sub(r"<[^>]+>", " ", html_module.unescape(html)).split())
        assert " ".join(words[:8]) in text, (
            f"{page_path}: the description is not the page's own text: {description!r}"
        )


# --------------------------------------------------------------------------------------
# Readable at any width
# --------------------------------------------------------------------------------------

OVERFLOW_JS = r"""
() => {
  const column = document.querySelector('article.bd-article') || document.querySelector('main');
  if (!column) return {column: false, offenders: [], page: 0};
  const box = column.getBoundingClientRect();
  const clips = (node) => {
    const style = getComputedStyle(node);
    return ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX);
  };
  const offenders = [];
  for (const node of column.querySelectorAll('*')) {
    const rect = node.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) continue;
    if (node.closest('annotation, .visually-hidden, .sr-only')) continue;
    if (!(rect.right > box.right + 1 || rect.left < box.left - 1)) continue;
    // Inside a box of the column that scrolls or clips it: that box is what the reader sees.
    let parent = node.parentElement, clipped = false;
    while (parent && parent !== column) {
      if (clips(parent)) {
        const outer = parent.getBoundingClientRect();
        if (outer.right <= box.right + 1 && outer.left >= box.left - 1) { clipped = true; break; }
      }
      parent = parent.parentElement;
    }
    if (clipped) continue;
    const name = node.tagName.toLowerCase() + (node.id ? '#' + node.id : '')
      + (node.className && typeof node.className === 'string'
         ? '.' + node.className.trim().split(/\s+/).slice(0, 3).join('.') : '');
    offenders.push(`${name} [${Math.round(rect.left)}..${Math.round(rect.right)}] ` +
                   `in [${Math.round(box.left)}..${Math.round(box.right)}]: ` +
                   (node.textContent || '').trim().slice(0, 50));
  }
  const scroller = document.scrollingElement;
  return {column: true, offenders, page: scroller.scrollWidth - scroller.clientWidth};
}
"""


# Every picture (image or canvas) as drawn on the page against its own pixels: the
# ratio of its shown width to height over that of its pixels (1 when unstretched).
# Lazy images are loaded first; an image that did not load is reported as such.
STRETCH_JS = r"""
async () => {
  const images = [...document.querySelectorAll('main img')];
  images.forEach((img) => { img.loading = 'eager'; });
  await Promise.all(images.map((img) => img.decode().catch(() => null)));
  const found = [];
  for (const node of [...images, ...document.querySelectorAll('main canvas')]) {
    const rect = node.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) continue;
    const [w, h] = node.tagName === 'IMG'
      ? [node.naturalWidth, node.naturalHeight] : [node.width, node.height];
    const name = node.tagName.toLowerCase() + ' ' +
      (node.getAttribute('alt') || node.getAttribute('aria-label') ||
       (node.closest('[data-nnz-component]') || {}).dataset?.nnzComponent || '').slice(0, 60);
    if (!(w > 0 && h > 0)) { found.push({name, ratio: null}); continue; }
    found.push({name, ratio: (rect.width / rect.height) / (w / h),
                shown: [Math.round(rect.width), Math.round(rect.height)], pixels: [w, h]});
  }
  return found;
}
"""
# Rounding a picture's CSS size to whole device pixels moves its ratio by well under this.
STRETCH_TOLERANCE = 0.02


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page_path", PAGES, ids=_ids(PAGES))
def test_nothing_is_wider_than_its_column_and_no_picture_is_stretched(book, page_path, width):
    _require(PAGES)
    page, _record = _open(book, page_path, width)
    pictures = page.evaluate(STRETCH_JS)
    broken = [p["name"] for p in pictures if p["ratio"] is None]
    assert not broken, f"{page_path} at {width} px: pictures that did not load: {broken}"
    stretched = [p for p in pictures if abs(p["ratio"] - 1) > STRETCH_TOLERANCE]
    assert not stretched, f"{page_path} at {width} px: pictures drawn out of proportion:\n" + (
        "\n".join(
            f"- {p['name']}: {p['pixels']} pixels shown as {p['shown']} (x{p['ratio']:.2f})"
            for p in stretched
        )
    )
    result = page.evaluate(OVERFLOW_JS)
    assert result["column"], f"{page_path}: no article column found"
    # An element and all of its children overflow together: report the outermost few.
    assert not result["offenders"], (
        f"{page_path} at {width} px: {len(result['offenders'])} elements reach outside "
        "the text column:\n" + "\n".join(f"- {o}" for o in result["offenders"][:10])
    )
    assert result["page"] <= 1, f"{page_path} at {width} px scrolls sideways by {result['page']} px"


# --------------------------------------------------------------------------------------
# Accessible: axe-core, every rule
# --------------------------------------------------------------------------------------

AXE_ALL_JS = r"""
async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, tags: v.tags, count: v.nodes.length,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' :: ' + n.html.slice(0, 140)),
  }));
}
"""


def _axe(book, page_path, width, color_scheme):
    """(violations of the A/AA rules and best practices, violations of the AAA rules only).

    One axe pass with every tag: a page load and an axe run are most of a test's time.
    """
    if not AXE.is_file():
        pytest.fail("axe-core is missing (node_modules/axe-core): run `make book` first")
    page, _record = _open(book, page_path, width, color_scheme)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(AXE_ALL_JS, AXE_TAGS + AXE_AAA_TAGS)
    asserted = [v for v in found if set(v["tags"]) & set(AXE_TAGS)]
    return asserted, [v for v in found if v not in asserted]


def _describe(violations) -> str:
    return "\n".join(
        f"- {v['impact']} {v['id']} ({v['count']}x): {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in violations
    )


# How many characters of its own font the first code cell's box holds, padding aside.
CODE_COLUMNS_JS = """
() => {
  const pre = document.querySelector('.cell_input div.highlight pre');
  const style = getComputedStyle(pre);
  const probe = document.createElement('span');
  probe.style.font = style.font;
  probe.style.whiteSpace = 'pre';
  probe.textContent = 'x'.repeat(100);
  pre.append(probe);
  const character = probe.getBoundingClientRect().width / 100;
  probe.remove();
  const inside = pre.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return inside / character;
}
"""


@pytest.mark.parametrize("page_path", CHAPTERS, ids=_ids(CHAPTERS))
def test_a_code_cell_holds_the_columns_the_code_is_formatted_to(book, page_path):
    page, _ = book.open(page_path, width=1280)
    columns = page.evaluate(CODE_COLUMNS_JS)
    assert columns >= SHOWN_CODE_COLUMNS, (
        f"{page_path}: a code cell holds {columns:.1f} columns at 1280 px, fewer than the "
        f"{SHOWN_CODE_COLUMNS} the code is formatted to: its long lines scroll"
    )


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page_path", OWN_PAGES, ids=_ids(OWN_PAGES))
def test_book_pages_pass_every_axe_rule(book, page_path, width, color_scheme):
    _require(OWN_PAGES)
    violations, aaa = _axe(book, page_path, width, color_scheme)
    if aaa:
        print(f"\naxe AAA {page_path} at {width} px ({color_scheme}), not asserted:")
        print(_describe(aaa))
    assert not violations, f"{page_path} at {width} px ({color_scheme}):\n" + _describe(violations)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page_path", CHAPTERS, ids=_ids(CHAPTERS))
def test_chapter_pages_pass_every_axe_rule(book, page_path, width, color_scheme):
    _require(CHAPTERS)
    violations, aaa = _axe(book, page_path, width, color_scheme)
    if aaa:
        print(f"\naxe AAA {page_path} at {width} px ({color_scheme}), not asserted:")
        print(_describe(aaa))
    assert not violations, f"{page_path} at {width} px ({color_scheme}):\n" + _describe(violations)


# --------------------------------------------------------------------------------------
# A box that scrolls says so
# --------------------------------------------------------------------------------------

# Chapter 3's first display formula is wider than a phone's column (checked below, so
# the test notices if it ever fits and stops testing anything).
HIDDEN_SIDES_JS = r"""
async () => {
  const box = document.querySelector('div.math');
  const read = () => [box.dataset.nnzMore || '', getComputedStyle(box).maskImage];
  const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 50)));
  const result = {overflows: box.scrollWidth > box.clientWidth + 1, tabindex: box.tabIndex};
  result.start = read();
  box.scrollLeft = 10; box.dispatchEvent(new Event('scroll')); await frame();
  result.middle = read();
  box.scrollLeft = box.scrollWidth; box.dispatchEvent(new Event('scroll')); await frame();
  result.end = read();
  return result;
}
"""


def test_a_box_that_scrolls_sideways_fades_where_it_hides_more(book):
    page, _ = _open(book, "chapters/03_activation_functions.html", 390)
    page.wait_for_function("document.querySelector('div.math[tabindex=\"0\"]') !== null")
    found = page.evaluate(HIDDEN_SIDES_JS)
    assert found["overflows"], "chapter 3's first formula fits a phone now: pick a wider one"
    assert found["tabindex"] == 0, "a scrolling box is a tab stop"
    for where, side in (("start", "right"), ("middle", "both"), ("end", "left")):
        marked, mask = found[where]
        assert marked == side, f"at the {where} the box should hide more on the {side}: {found}"
        assert "gradient" in mask, f"at the {where} nothing fades the box: {mask!r}"


def test_the_progress_table_scrolls_in_its_own_box_on_a_phone(book):
    # The table is drawn by a component after the page has loaded: the page's check of
    # its scrolling boxes must run again once the component has mounted.
    page, _ = _open(book, "book/progress.html", 390)
    page.wait_for_function("document.querySelector('.nnz-progress-table') !== null")
    page.wait_for_timeout(300)
    found = page.evaluate(
        """() => { const box = document.querySelector('.nnz-progress-table');
        return {overflows: box.scrollWidth > box.clientWidth + 1, tabindex: box.tabIndex,
                more: box.dataset.nnzMore || '', page: document.scrollingElement.scrollWidth
                - document.scrollingElement.clientWidth}; }"""
    )
    assert found["page"] <= 1, f"the progress page scrolls sideways: {found}"
    assert found["overflows"], "the progress table fits a phone now: this test checks nothing"
    assert found["tabindex"] == 0 and found["more"] == "right", found
