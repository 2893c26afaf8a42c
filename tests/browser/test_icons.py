"""The site's Font Awesome fonts hold every icon its pages draw, and little else.

book/_ext/nnz_icons.py cuts the theme's icon fonts down after the build. Here Chromium
opens pages, light and dark, at a desktop and a phone width, with the sidebars and the
download menu opened, and lists every icon it draws (a ``::before``/``::after`` in a Font
Awesome font); each must be a character of the font the site serves, read with
fontTools here.
"""

from __future__ import annotations

import pytest
from booksite import SITE, chapter_pages

pytestmark = pytest.mark.browser

fontTools = pytest.importorskip("fontTools.ttLib")

FONTS = SITE / "_static" / "vendor" / "fontawesome" / "webfonts"
PAGES = [page for page in chapter_pages() if page.startswith("chapters/09")][:1] + [
    "book/glossary.html"
]

ICONS_JS = r"""
() => {
  const drawn = [];
  for (const element of document.querySelectorAll('*')) {
    for (const pseudo of ['::before', '::after']) {
      const style = getComputedStyle(element, pseudo);
      if (!style.fontFamily.includes('Font Awesome')) continue;
      const content = style.content.replace(/^"|"$/g, '');
      if (!content || content === 'none' || content === 'normal') continue;
      const code = content.codePointAt(0);
      if (code < 0xe000 || code > 0xf8ff) continue;
      drawn.push({code, weight: style.fontWeight, family: style.fontFamily,
                  where: (element.className && element.className.baseVal === undefined
                          ? element.className : element.tagName).toString().slice(0, 60)});
    }
  }
  return drawn;
}
"""


def _characters(name: str) -> set[int]:
    font = fontTools.TTFont(str(FONTS / name))
    return set(font.getBestCmap())


def test_the_icon_fonts_are_cut_down():
    if not FONTS.is_dir():
        pytest.fail("the built book is missing (_build/html): run `make book` first")
    solid = _characters("fa-solid-900.woff2")
    assert 5 < len(solid) < 100, f"the solid icon font holds {len(solid)} characters"


@pytest.mark.parametrize("page_path", PAGES)
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_icon_drawn_is_in_the_served_font(browser, base_url, page_path, width, scheme):
    if not (SITE / page_path).is_file():
        pytest.fail(f"{page_path} is not built: run `make book` first")
    fonts = {
        ("Free", "900"): _characters("fa-solid-900.woff2"),
        ("Free", "400"): _characters("fa-regular-400.woff2"),
        ("Brands", "400"): _characters("fa-brands-400.woff2"),
    }
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + page_path, wait_until="load")
    page.wait_for_load_state("networkidle")
    drawn = page.evaluate(ICONS_JS)
    # Open what holds more icons: the download menu, and on a phone the sidebar.
    for selector in (".dropdown-download-buttons button", ".primary-toggle"):
        control = page.locator(selector).first
        if control.count() and control.is_visible():
            control.click()
            page.wait_for_timeout(300)
            drawn += page.evaluate(ICONS_JS)
    context.close()
    assert drawn, f"{page_path}: no icon drawn at all (the header's buttons have icons)"
    missing = []
    for icon in drawn:
        family = "Brands" if "Brands" in icon["family"] else "Free"
        weight = "900" if family == "Free" and int(icon["weight"]) >= 600 else "400"
        if icon["code"] not in fonts[(family, weight)]:
            missing.append((hex(icon["code"]), family, weight, icon["where"]))
    assert not missing, f"{page_path}: icons drawn that the served font lacks: {missing}"
