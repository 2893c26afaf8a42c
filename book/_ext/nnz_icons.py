"""The site's icon fonts hold only the icons its pages show.

pydata-sphinx-theme draws every icon of the page (the header's buttons, the
admonitions' signs, the previous/next arrows) with Font Awesome 6 Free, whose solid
web font is ~150 KB: a first visit fetched it for about twenty icons. After the site
is written, this cuts each of the theme's Font Awesome web fonts (same file names,
so the theme's CSS and markup stay as they are, light and dark) down to the glyphs
that can appear:

- every ``fa-NAME`` class named in a built page or in a script of the site (the theme's
  scripts add some icons themselves), mapped to its character by the theme's CSS;
- every icon character the theme's own CSS rules use outside the ``.fa-NAME`` classes
  (the admonitions' ``--pst-icon-*`` signs, for example).

tests/browser/test_site.py checks in Chromium that every icon a page draws is in the
cut font. Needs fontTools (with brotli for WOFF2), both pinned in requirements.txt.
"""

from __future__ import annotations

import re
from pathlib import Path

from fontTools import subset
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

FONT_FOLDER = "_static/vendor/fontawesome/webfonts"
THEME_CSS = "_static/styles/pydata-sphinx-theme.css"
# A rule of Font Awesome's own icon classes: `.fa-a:before,.fa-b:before{content:"\f019"}`.
ICON_RULE = re.compile(
    r'((?:\.fa-[a-z0-9-]+:(?::)?(?:before|after),?)+)\{content:"\\([0-9a-f]{4,5})"\}'
)
ICON_CLASS = re.compile(r"\bfa-([a-z0-9]+(?:-[a-z0-9]+)*)")
# An icon character anywhere else in CSS, escaped ("\f019") or not: Font Awesome's
# glyphs sit in the Private Use Area.
ICON_CHARACTER = re.compile(r'"(?:\\([ef][0-9a-f]{3})|([\ue000-\uf8ff]))"')


def icon_codepoints(css: str) -> dict[str, int]:
    """Font Awesome's class names (without ``fa-``) and their characters, from the CSS."""
    codepoints = {}
    for selectors, hexadecimal in ICON_RULE.findall(css):
        for name in re.findall(r"\.fa-([a-z0-9-]+):", selectors):
            codepoints[name] = int(hexadecimal, 16)
    return codepoints


def used_codepoints(site: Path) -> set[int]:
    """The characters of every icon the built site can show."""
    css = (site / THEME_CSS).read_text(encoding="utf-8")
    by_name = icon_codepoints(css)
    names: set[str] = set()
    for path in list(site.rglob("*.html")) + list((site / "_static").rglob("*.js")):
        if "vendor" in path.relative_to(site).parts:
            continue  # the widget manager carries its own (older) Font Awesome
        names.update(ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    used = {by_name[name] for name in names if name in by_name}
    for sheet in (site / "_static").rglob("*.css"):
        if "vendor" in sheet.relative_to(site).parts:
            continue
        rest = ICON_RULE.sub("", sheet.read_text(encoding="utf-8", errors="replace"))
        for escaped, literal in ICON_CHARACTER.findall(rest):
            used.add(int(escaped, 16) if escaped else ord(literal))
    return used


def cut_font(path: Path, codepoints: set[int]) -> tuple[int, int]:
    """Keep only ``codepoints`` in the font at ``path`` (rewritten in place)."""
    before = path.stat().st_size
    options = subset.Options()
    options.flavor = "woff2" if path.suffix == ".woff2" else None
    options.layout_features = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(path), options)
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=sorted(codepoints))
    cutter.subset(font)
    subset.save_font(font, str(path), options)
    return before, path.stat().st_size


def cut_icon_fonts(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    site = Path(app.outdir)
    fonts = sorted((site / FONT_FOLDER).glob("fa-*"))
    if not fonts or not (site / THEME_CSS).is_file():
        logger.warning("nnz_icons: no Font Awesome fonts in %s; the theme changed?", FONT_FOLDER)
        return
    codepoints = used_codepoints(site)
    before = after = 0
    for font in fonts:
        sizes = cut_font(font, codepoints)
        before, after = before + sizes[0], after + sizes[1]
    logger.info(
        "nnz_icons: %d icons kept; Font Awesome fonts %d KB -> %d KB",
        len(codepoints),
        before // 1024,
        after // 1024,
    )


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", cut_icon_fonts)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
