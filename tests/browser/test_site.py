"""The built book in a real browser: self-contained, error-free, interactive, accessible.

Run after `make book`:  .venv/bin/pytest -m browser tests/browser

Every page: no request leaves 127.0.0.1, no JavaScript error and no missing file,
every math expression drawn as MathML, every widget rendered, every image described, and
axe-core finds no serious or critical accessibility violation.
Every chapter page: its quiz component mounts and answers (test_quiz_page.py checks
that it grades as nnbook.quiz does), each control of each explorable changes the
picture, each Play button plays, and the page weight is measured, printed and kept
within budget.

Explorables are found by their structure as nnbook.widgets builds them.
"""

from __future__ import annotations

import json
import re

import pytest
from booksite import AXE, PAGE_WEIGHTS, chapter_pages, html_pages

pytestmark = pytest.mark.browser

PAGE_BUDGET_BYTES = 2_500_000
MULTIPLE_MARKS = ("applies", "does not apply")

ALL_PAGES = html_pages()
CHAPTERS = chapter_pages()


def _ids(pages):
    return [page.removesuffix(".html") for page in pages]


def _require_pages(pages):
    if not pages:
        pytest.fail("the built book is missing (_build/html): run `make book` first")


# --------------------------------------------------------------------------------------
# JavaScript run inside the page
# --------------------------------------------------------------------------------------

MATH_JS = r"""
() => {
  const nodes = Array.from(document.querySelectorAll('.math'));
  const untypeset = nodes
    .filter(n => !n.querySelector('math'))
    .map(n => n.textContent.trim().slice(0, 80));
  // MathML the browser does not draw as math (display would be "inline", not "math").
  const undrawn = Array.from(document.querySelectorAll('math'))
    .filter(m => !getComputedStyle(m).display.includes('math'))
    .map(m => m.textContent.trim().slice(0, 80));
  const errors = Array.from(document.querySelectorAll('merror, .katex-error'))
    .map(n => n.textContent.trim().slice(0, 80));
  // LaTeX inside widgets or quizzes that stayed raw: $...$ in the text.
  const raw = Array.from(document.querySelectorAll('.widget-htmlmath-content, .nnz-quiz'))
    .filter(n => n.offsetParent !== null)
    .map(n => n.textContent)
    .filter(text => /\$[^$\s][^$]*\$/.test(text))
    .map(text => text.trim().slice(0, 80));
  return {count: nodes.length, untypeset, undrawn, errors, raw,
          mathjax: typeof window.MathJax !== 'undefined'};
}
"""

WIDGETS_JS = r"""
() => {
  const views = Array.from(
    document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]'));
  const missing = views.filter(script => {
    const area = script.previousElementSibling;
    return !(area && area.classList.contains('widget-subarea') && area.children.length > 0);
  }).map(script => script.textContent.slice(0, 120));
  const models = {};
  document.querySelectorAll('script[type="application/vnd.jupyter.widget-state+json"]')
    .forEach(s => Object.assign(models, JSON.parse(s.textContent).state));
  const broken = document.querySelectorAll('.jupyter-widgets-error-widget').length;
  return {views: views.length, rendered: views.length - missing.length, missing, broken, models};
}
"""

IMAGES_JS = r"""
() => Array.from(document.querySelectorAll('img')).map(img => ({
  src: (img.getAttribute('src') || '').slice(0, 80),
  name: img.getAttribute('alt') || img.getAttribute('aria-label') || img.getAttribute('title')
        || '',
  hidden: img.getAttribute('aria-hidden') === 'true' || img.getAttribute('role') === 'presentation'
}))
"""

PICTURE_JS = r"""
async (root) => {
  const images = Array.from(root.querySelectorAll('img'))
    .filter(img => img.offsetParent !== null && img.getBoundingClientRect().width > 0);
  const keys = [];
  for (const img of images) {
    let key = img.getAttribute('src') || '';
    if (key.startsWith('blob:') || key.startsWith('data:')) {
      const buffer = await (await fetch(key)).arrayBuffer();
      const digest = await crypto.subtle.digest('SHA-256', buffer);
      key = Array.from(new Uint8Array(digest)).map(b => b.toString(16).padStart(2, '0')).join('');
    }
    keys.push(key);
  }
  return keys.join('|');
}
"""

AXE_JS = r"""
async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: '
                                                   + n.html.slice(0, 160))}));
}
"""


def looks_like_a_file_name(text: str) -> bool:
    """myst-nb's fallback alt text is the image's path: that describes nothing."""
    text = text.strip()
    return bool(re.search(r"\.(png|jpe?g|gif|svg|webp)$", text, re.I)) or "_images/" in text


# --------------------------------------------------------------------------------------
# Every page
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("page_path", ALL_PAGES, ids=_ids(ALL_PAGES))
def test_page_is_self_contained_and_renders(book, page_path):
    _require_pages(ALL_PAGES)
    page, record = book.open(page_path)

    assert not record.outside_requests, (
        f"{page_path} requested files from outside the site: {record.outside_requests}"
    )
    assert not record.failed, f"{page_path}: requests that failed: {record.failed}"
    assert not record.errors, f"{page_path}: JavaScript errors: {record.errors}"

    math = page.evaluate(MATH_JS)
    assert not math["untypeset"], f"{page_path}: math left untypeset: {math['untypeset']}"
    assert not math["undrawn"], f"{page_path}: MathML not drawn as math: {math['undrawn']}"
    assert not math["errors"], f"{page_path}: math errors: {math['errors']}"
    assert not math["raw"], f"{page_path}: raw $...$ left in widgets: {math['raw']}"
    assert not math["mathjax"], f"{page_path} loads MathJax"
    if math["count"]:
        assert page.locator("math").count() >= math["count"]

    widgets = page.evaluate(WIDGETS_JS)
    assert widgets["rendered"] == widgets["views"], (
        f"{page_path}: {widgets['views'] - widgets['rendered']} of {widgets['views']} "
        f"widgets not rendered: {widgets['missing']}"
    )
    assert widgets["broken"] == 0, (
        f"{page_path}: {widgets['broken']} widget views failed to render (error widgets)"
    )

    undescribed = [
        image["src"]
        for image in page.evaluate(IMAGES_JS)
        if not image["hidden"]
        and (not image["name"].strip() or looks_like_a_file_name(image["name"]))
    ]
    # Pictures inside widgets (explorable frames) are described by their tooltip,
    # which becomes the <img> title; check them all, also those not displayed yet.
    undescribed += [
        f"widget Image {model_id}"
        for model_id, model in widgets["models"].items()
        if model.get("model_name") == "ImageModel"
        and not (model.get("state", {}).get("tooltip") or "").strip()
    ]
    assert not undescribed, (
        f"{page_path}: {len(undescribed)} images without a description (alt text, or a "
        f"tooltip for a widget Image): {undescribed[:6]}"
    )


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("page_path", ALL_PAGES, ids=_ids(ALL_PAGES))
def test_page_accessibility(book, page_path, color_scheme):
    """axe-core on the page as a reader with a light or a dark system theme sees it."""
    _require_pages(ALL_PAGES)
    if not AXE.is_file():
        pytest.fail("axe-core is missing (node_modules/axe-core): run `make book` first")
    page, _record = book.open(page_path, color_scheme=color_scheme)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(AXE_JS)
    assert not violations, (
        f"{page_path} ({color_scheme}): serious/critical accessibility violations:\n"
    ) + "\n".join(
        f"- {v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in violations
    )


# --------------------------------------------------------------------------------------
# Chapter pages: quizzes, explorables, playback, weight
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("page_path", CHAPTERS, ids=_ids(CHAPTERS))
def test_quizzes_answer_in_the_page(book, page_path):
    """Every chapter has a quiz component of at least 3 questions, mounted and answerable.

    How the page grades them is tested in test_quiz_page.py.
    """
    _require_pages(CHAPTERS)
    page, record = book.open(page_path)
    failed = page.locator(".nnz-component.nnz-failed").count()
    assert failed == 0, f"{page_path}: {failed} components failed to mount"
    questions = page.locator(".nnz-quiz-chapter .nnz-question")
    if page_path.split("/")[-1][:2].isdigit():
        assert questions.count() >= 3, f"{page_path}: a chapter has a quiz of at least 3 questions"
    for i in range(questions.count()):
        question = questions.nth(i)
        question.scroll_into_view_if_needed()
        question.locator("button.nnz-check").click()
        feedback = question.locator(".nnz-feedback")
        feedback.wait_for()
        assert feedback.inner_text().strip(), f"{page_path}: question {i + 1} says nothing"
    math = page.evaluate(MATH_JS)
    assert not math["raw"], f"{page_path}: raw $...$ in a quiz: {math['raw']}"
    assert not record.errors, f"{page_path}: JavaScript errors while answering: {record.errors}"


def _picture(area) -> str:
    return area.evaluate(PICTURE_JS)


def _shown(area) -> str:
    """What an explorable shows: its pictures and its readout texts (not the controls)."""
    texts = area.evaluate(
        """(root) => Array.from(root.querySelectorAll(
              '.widget-html-content, .widget-htmlmath-content'))
            .filter(node => node.offsetParent !== null)
            .map(node => node.textContent.trim()).join(' | ')"""
    )
    return _picture(area) + " || " + texts


def _slider_moves(page, slider):
    handle = slider.locator(".noUi-handle").first
    base = slider.locator(".noUi-base").first
    for fraction in (1.0, 0.0, 0.5, 0.25, 0.75):
        box_handle, box_base = handle.bounding_box(), base.bounding_box()
        if not box_handle or not box_base:
            return
        page.mouse.move(
            box_handle["x"] + box_handle["width"] / 2, box_handle["y"] + box_handle["height"] / 2
        )
        page.mouse.down()
        page.mouse.move(
            box_base["x"] + fraction * box_base["width"],
            box_base["y"] + box_base["height"] / 2,
            steps=8,
        )
        page.mouse.up()
        yield f"drag to {fraction:.0%}"


def _dropdown_moves(page, dropdown):
    select = dropdown.locator("select").first
    count = select.locator("option").count()
    for index in [*range(1, count), 0][:6]:
        select.select_option(index=index)
        yield f"choose option {index + 1}"


def _toggle_moves(page, toggle):
    buttons = toggle.locator("button")
    for index in [*range(1, buttons.count()), 0][:6]:
        buttons.nth(index).click()
        yield f"press {buttons.nth(index).inner_text().strip()!r}"


CONTROL_KINDS = {
    "slider": (".widget-slider", _slider_moves),
    "dropdown": (".widget-dropdown", _dropdown_moves),
    "toggle": (".widget-toggle-buttons", _toggle_moves),
}


def _explorable_controls(page):
    """(output index, control kind, index among that kind) of every explorable control.

    An explorable is a widget output with at least one picture; its controls are its
    sliders, drop-downs and toggle buttons (not the quiz's "applies" toggles).
    """
    found = []
    areas = page.locator(".widget-subarea")
    for index in range(areas.count()):
        area = areas.nth(index)
        if area.locator("img").count() == 0:
            continue
        for kind, (selector, _moves) in CONTROL_KINDS.items():
            controls = area.locator(selector)
            for k in range(controls.count()):
                control = controls.nth(k)
                if not control.is_visible():
                    continue
                if kind == "toggle":
                    texts = tuple(t.strip() for t in control.locator("button").all_inner_texts())
                    if texts == MULTIPLE_MARKS or len(texts) < 2:
                        continue
                found.append((index, kind, k))
    return found


@pytest.mark.parametrize("page_path", CHAPTERS, ids=_ids(CHAPTERS))
def test_explorables_respond_to_their_controls(book, page_path):
    """Each control, moved from the page's initial state, changes what the explorable shows."""
    _require_pages(CHAPTERS)
    page, record = book.open(page_path)
    controls = _explorable_controls(page)
    # Live components (data-nnz-component, e.g. chapter 7's playground) have their own
    # browser tests (tests/browser/test_playground_browser.py); they count as explorables.
    live = page.locator("[data-nnz-component].nnz-mounted").count()
    if page_path.split("/")[-1][:2].isdigit():
        assert controls or live, f"{page_path}: a chapter has at least one explorable"
    for index, kind, k in controls:
        if record.errors:
            break
        page, record = book.open(page_path)  # every control starts from the initial state
        area = page.locator(".widget-subarea").nth(index)
        selector, moves = CONTROL_KINDS[kind]
        control = area.locator(selector).nth(k)
        control.scroll_into_view_if_needed()
        before = _shown(area)
        changed, tried = False, []
        for move in moves(page, control):
            page.wait_for_timeout(200)
            tried.append(move)
            if _shown(area) != before:
                changed = True
                break
        assert changed, (
            f"{page_path}, widget output #{index + 1}: moving its {kind} #{k + 1} "
            f"({', '.join(tried) or 'no move possible'}) changed neither picture nor readout"
        )
        assert page.evaluate(WIDGETS_JS)["broken"] == 0, f"{page_path}: a frame failed to render"
    assert not record.errors, f"{page_path}: JavaScript errors while exploring: {record.errors}"


@pytest.mark.parametrize("page_path", CHAPTERS, ids=_ids(CHAPTERS))
def test_page_weight(book, page_path):
    _require_pages(CHAPTERS)
    page, record = book.open(page_path, measure=True)
    html = next((r for r in record.resources if r["url"] == record.url), None)
    assert html is not None, f"{page_path}: the page itself was not measured"
    own = sum(
        r["bytes"] for r in record.resources if r["url"] == record.url or "/_images/" in r["url"]
    )
    weight = {
        "page": page_path,
        "html": html["bytes"],
        "own": own,
        "raw": record.raw_bytes(),
        "transfer": record.transfer_bytes(),
    }
    PAGE_WEIGHTS.append(weight)
    print(json.dumps(weight))
    assert own <= PAGE_BUDGET_BYTES, (
        f"{page_path}: the page and its images weigh {own / 1e6:.2f} MB "
        f"(budget {PAGE_BUDGET_BYTES / 1e6:.1f} MB): fewer or smaller frames"
    )
    assert weight["transfer"] <= PAGE_BUDGET_BYTES, (
        f"{page_path}: a first visit downloads {weight['transfer'] / 1e6:.2f} MB compressed "
        f"(budget {PAGE_BUDGET_BYTES / 1e6:.1f} MB)"
    )


# Where each component lies at load, relative to the screen, and whether it has mounted.
COMPONENT_PLACES_JS = """
() => [...document.querySelectorAll('[data-nnz-component]')].map((element) => ({
  name: element.dataset.nnzComponent,
  screensBelow: element.getBoundingClientRect().top / window.innerHeight,
  mounted: element.classList.contains('nnz-mounted'),
  fallbackShown: element.querySelector('.nnz-fallback').offsetParent !== null,
}))
"""


def test_components_mount_as_the_reader_scrolls_to_them(book, site):
    """On the chapter page with the most components, one several screens down is not
    mounted after load (its fallback picture shows), and mounts once scrolled to."""
    _require_pages(CHAPTERS)
    counts = {
        page: (site / page).read_text(encoding="utf-8").count("data-nnz-component=")
        for page in CHAPTERS
    }
    page_path = max(counts, key=counts.get)
    page, record = book.open(page_path, settle=False)
    page.wait_for_load_state("networkidle")
    # Mounts run one per task after load: an eager loader would have mounted every
    # component on the page well within this time.
    page.wait_for_timeout(2000)
    places = page.evaluate(COMPONENT_PLACES_JS)
    far = [i for i, place in enumerate(places) if place["screensBelow"] > 3]
    assert far, f"{page_path}: no component lies more than three screens down: {places}"
    for i in far:
        assert not places[i]["mounted"], (
            f"{page_path}: {places[i]} mounted before the reader came near"
        )
        assert places[i]["fallbackShown"], f"{page_path}: {places[i]} hides its fallback unmounted"
    last = page.locator("[data-nnz-component]").nth(far[-1])
    last.scroll_into_view_if_needed()
    page.wait_for_function(
        "(element) => element.classList.contains('nnz-mounted')", arg=last.element_handle()
    )
    assert not last.locator(".nnz-fallback").is_visible(), "a mounted component hides its fallback"
    assert not record.errors, f"{page_path}: JavaScript errors: {record.errors}"


ARTICLE = re.compile(r'<article class="bd-article">(.*)</article>', re.S)
IMG_TAG = re.compile(r"<img\b[^>]*>")
IMG_SOURCE = re.compile(r'\bsrc="([^"]+)"')


@pytest.mark.parametrize("page_path", CHAPTERS, ids=_ids(CHAPTERS))
def test_pictures_are_files_that_load_as_the_reader_nears_them(site, page_path):
    """No picture of a chapter is written into its HTML (a data: URL is downloaded
    before the first screen shows, however far down it sits), and every one has
    loading="lazy" (book/_ext/nnz_book.py, lazy_pictures)."""
    _require_pages(CHAPTERS)
    article = ARTICLE.search((site / page_path).read_text(encoding="utf-8"))
    assert article, f"{page_path}: no <article class=bd-article> in the page"
    tags = IMG_TAG.findall(article.group(1))
    assert tags, f"{page_path}: a chapter shows pictures"
    for tag in tags:
        source = IMG_SOURCE.search(tag)
        assert source and not source.group(1).startswith("data:"), f"{page_path}: {tag[:120]}"
        assert (site / page_path).parent.joinpath(source.group(1)).resolve().is_file(), tag[:120]
        assert 'loading="lazy"' in tag, f"{page_path}: a picture loads with the page: {tag[:120]}"


# Every value data-theme takes, and whether the page's body had begun by then.
THEME_CHANGES_JS = """
window.nnzThemeChanges = [];
new MutationObserver((records) => {
  for (const record of records) {
    window.nnzThemeChanges.push({
      old: record.oldValue,
      now: record.target.getAttribute('data-theme'),
      body: document.body !== null,
    });
  }
}).observe(document, {
  subtree: true, attributes: true, attributeFilter: ['data-theme'], attributeOldValue: true,
});
"""


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_theme_is_chosen_before_the_page_is_styled(browser, base_url, color_scheme):
    """On a first visit, data-theme gets its final value in the head: the theme's
    script, run at the end of the page, finds nothing to change (a change there made
    the browser restyle the whole page; book/_templates/layout.html)."""
    _require_pages(CHAPTERS)
    context = browser.new_context(color_scheme=color_scheme)
    try:
        page = context.new_page()
        page.add_init_script(THEME_CHANGES_JS)
        page.goto(base_url + CHAPTERS[-1], wait_until="load")
        changes = page.evaluate("window.nnzThemeChanges")
        shown = page.evaluate("document.documentElement.dataset.theme")
    finally:
        context.close()
    assert shown == color_scheme
    late = [c for c in changes if c["body"] and c["old"] != c["now"]]
    assert not late, f"data-theme changed after the body began: {late} (all: {changes})"


@pytest.mark.parametrize("page_path", CHAPTERS, ids=_ids(CHAPTERS))
def test_chapter_offers_its_notebook_for_download(site, page_path):
    """The download button of a chapter page gives its notebook (.ipynb), outputs cleared."""
    _require_pages(CHAPTERS)
    html = (site / page_path).read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+\.ipynb)"[^>]*>\s*<span[^>]*>\s*<i', html)
    links += re.findall(r'href="([^"]+\.ipynb)"', html)
    assert links, f"{page_path} has no .ipynb download link"
    target = (site / page_path).parent / links[0]
    assert target.resolve().is_file(), f"{page_path}: the download {links[0]} is missing"
    notebook = json.loads(target.read_text(encoding="utf-8"))
    assert notebook.get("cells"), f"{links[0]} is not a notebook"
    assert target.stem == page_path.split("/")[-1].removesuffix(".html")
