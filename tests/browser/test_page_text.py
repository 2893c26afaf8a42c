"""What the built pages say: no test or plumbing noise, no timings, no broken rendering.

Read from the HTML files of _build/html (no browser): the page's text as a reader sees
it, plus the text the page's widgets carry in their saved state (progress bars, quiz
feedback and readouts are widgets, rendered from that state).

- Nowhere on a page: nbval markers (``NBVAL``), the toolkit's plumbing calls
  (``draw_without_rendering``, ``static_values=``, ``chapter_quiz(``).
- In code-cell outputs and widget text: nothing that changes from build to build
  (progress-bar rates such as ``119.77 epoch/s``, ``s/it``, elapsed times such as
  ``[00:01<00:00`` or ``0.24 s``) and no stand-in for a figure (``<Figure size ...>``).
- In the prose (paragraphs, list items, headings, table cells, definitions), outside
  math and code: no raw ``$`` and no ``\\(``, ``\\[`` or ``\\command`` (math that
  MyST did not turn into a formula).
- On every chapter page, the exercises' answers stay folded: each ``{dropdown}
  Solution`` of the notebook is a closed <details> with its prose inside; each code
  cell tagged hide-output shows its output only inside a closed <details>; and neither
  the page's "On this page" list nor the left sidebar has a "Solution" entry.

Run after `make book`.
"""

from __future__ import annotations

import json
import re

import pytest
from booksite import ROOT, SITE, chapter_pages, html_pages

bs4 = pytest.importorskip("bs4")

PAGES = html_pages()
CHAPTERS = chapter_pages()

PLUMBING = ("NBVAL", "draw_without_rendering", "static_values=", "chapter_quiz(")
# The API reference documents the toolkit's functions by name: there a call's name is
# the subject, not plumbing. nbval markers are wrong everywhere.
REFERENCE_PAGES = {"book/api.html", "genindex.html"}
VARYING = re.compile(
    r"\d+(?:\.\d+)?\s?(?:it|epochs?|batch(?:es)?|steps?|frames?)/s\b"  # rates
    r"|\bs/it\b"  # tqdm's slow rate
    r"|\[\d\d:\d\d<\d\d:\d\d"  # tqdm's elapsed<remaining
    # timings: "0.24 s", "3.36s", "12 ms" (not "the 1990s" or "its 0s and 1s")
    r"|(?<![\w.])(?:\d+\.\d+\s?|\d+\s)(?:s|ms|µs|seconds)\b(?![\w/])"
)
FIGURE_STAND_IN = "<Figure size"
RAW_MATH = re.compile(r"\$|\\[(\[]|\\[A-Za-z]+")
PROSE = "p, li, dt, dd, h1, h2, h3, h4, h5, h6, td, th, figcaption, caption"
# Widgets and the page's components (quizzes, explorables) are not the page's prose
# (test_math.py checks the quizzes' math); a formula's MathML keeps its LaTeX source
# as an annotation the browser does not show.
NOT_PROSE = (
    "script, style, pre, code, kbd, samp, .math, math, .cell_input, "
    ".highlight, .widget-subarea, .nnz-component, .headerlink"
)


def _ids(pages):
    return [page.removesuffix(".html") for page in pages]


def _soup(page_path: str):
    return bs4.BeautifulSoup((SITE / page_path).read_text(encoding="utf-8"), "html.parser")


def _widget_texts(soup) -> list[str]:
    """Every string in the saved widget state (values, descriptions, options)."""
    texts: list[str] = []

    def walk(value):
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for script in soup.select('script[type="application/vnd.jupyter.widget-state+json"]'):
        state = json.loads(script.string or "{}").get("state", {})
        for model in state.values():
            walk(model.get("state", {}))
    return texts


def _page_text(soup) -> str:
    body = soup.select_one("main") or soup.body or soup
    return body.get_text(" ")


def _output_texts(soup) -> list[str]:
    texts = [
        node.get_text(" ")
        for node in soup.select(".cell_output")
        if not node.find_parent(class_="cell_output")
    ]
    return texts + _widget_texts(soup)


def _prose_texts(soup) -> list[str]:
    main = soup.select_one("main") or soup
    for node in main.select(NOT_PROSE):
        node.decompose()
    return [" ".join(node.get_text(" ").split()) for node in main.select(PROSE)]


def _require_pages():
    if not PAGES:
        pytest.fail("the built book is missing (_build/html): run `make book` first")


@pytest.mark.parametrize("page_path", PAGES, ids=_ids(PAGES))
def test_no_test_markers_or_plumbing(page_path):
    _require_pages()
    soup = _soup(page_path)
    text = _page_text(soup) + "\n" + "\n".join(_widget_texts(soup))
    markers = ("NBVAL",) if page_path in REFERENCE_PAGES else PLUMBING
    found = {marker: text.count(marker) for marker in markers if marker in text}
    assert not found, f"{page_path} shows test or plumbing text: {found}"


@pytest.mark.parametrize("page_path", PAGES, ids=_ids(PAGES))
def test_no_varying_text_or_figure_stand_ins(page_path):
    _require_pages()
    problems = []
    for text in _output_texts(_soup(page_path)):
        for match in VARYING.finditer(text):
            start = max(0, match.start() - 40)
            problems.append(f"varies between builds: ...{text[start : match.end() + 20]!r}")
        if FIGURE_STAND_IN in text:
            index = text.index(FIGURE_STAND_IN)
            problems.append(f"a figure printed as text: {text[index : index + 45]!r}")
    assert not problems, f"{page_path}:\n" + "\n".join(f"- {p}" for p in problems[:12])


@pytest.mark.parametrize("page_path", PAGES, ids=_ids(PAGES))
def test_no_raw_math_in_prose(page_path):
    _require_pages()
    problems = []
    for text in _prose_texts(_soup(page_path)):
        for match in RAW_MATH.finditer(text):
            start = max(0, match.start() - 40)
            snippet = text[start : match.end() + 30]
            if snippet not in problems:  # a list item inside a paragraph is read twice
                problems.append(snippet)
    assert not problems, f"{page_path}: raw $ or \\ in the prose:\n" + "\n".join(
        f"- ...{p!r}" for p in problems[:12]
    )


# The widget manager (embed.js, 447 KB) and the saved widget state belong only on pages
# that still show an ipywidgets explorable (frames pre-rendered into the page); every
# explorable of the book now computes in the page. A page named here must say why.
WIDGET_MANAGER = ("@jupyter-widgets/html-manager", "application/vnd.jupyter.widget-state+json")
WIDGET_MANAGER_PAGES: dict[str, str] = {}


@pytest.mark.parametrize("page_path", PAGES, ids=_ids(PAGES))
def test_only_the_named_pages_load_the_widget_manager(page_path):
    _require_pages()
    text = (SITE / page_path).read_text(encoding="utf-8")
    found = [marker for marker in WIDGET_MANAGER if marker in text]
    if page_path in WIDGET_MANAGER_PAGES:
        assert found, f"{page_path} no longer loads the widget manager: drop it from the list"
    else:
        assert not found, f"{page_path} loads the widget manager or widget state: {found}"


SEARCH_SCRIPTS = ("searchtools.js", "language_data.js", "searchindex.js")


@pytest.mark.parametrize("page_path", [*PAGES, "search.html"], ids=_ids([*PAGES, "search.html"]))
def test_only_the_search_page_loads_the_search_index(page_path):
    """The theme would load the search scripts and the whole index, blocking, in every
    page's head (book/_templates/layout.html cuts them); the search page needs them."""
    _require_pages()
    text = (SITE / page_path).read_text(encoding="utf-8")
    scripts = re.findall(r'<script[^>]*\ssrc="([^"]+)"', text)
    loaded = sorted({name for name in SEARCH_SCRIPTS for src in scripts if name in src})
    if page_path == "search.html":
        assert loaded == sorted(SEARCH_SCRIPTS)
    else:
        assert not loaded, f"{page_path} loads the search scripts {loaded}"


# A solution in the notebooks' Markdown: ```{dropdown} Solution (or :::{dropdown}).
# The dropdowns that hold an answer: an exercise's solution, and what a predicted
# result shows (a reader who has not answered yet must not see it).
ANSWER_TITLES = ("Solution", "What the result shows", "What the table and the explorable show")
ANSWER_DROPDOWN = re.compile(
    r"^(?:`{3,}|:{3,})\{dropdown\}\s*(?:" + "|".join(map(re.escape, ANSWER_TITLES)) + r")\b",
    re.MULTILINE,
)
# The navigation a reader scans: the page's own "On this page" list, the left sidebar.
TOC_NAVS = "nav#pst-page-toc-nav, nav.bd-docs-nav"


def _notebook_folds(page_path: str) -> tuple[int, int]:
    """(answer dropdowns, code cells with a hide-output tag) in the page's notebook."""
    notebook = ROOT / "chapters" / (page_path.removeprefix("chapters/").removesuffix(".html"))
    cells = json.loads(notebook.with_suffix(".ipynb").read_text(encoding="utf-8"))["cells"]
    dropdowns = sum(
        len(ANSWER_DROPDOWN.findall("".join(c["source"])))
        for c in cells
        if c["cell_type"] == "markdown"
    )
    shown = {"remove-cell", "remove-output"}
    hidden = sum(
        1
        for c in cells
        if c["cell_type"] == "code"
        and "hide-output" in (tags := c.get("metadata", {}).get("tags", []))
        and not shown & set(tags)
    )
    return dropdowns, hidden


def _closed(node) -> bool:
    """True if ``node`` sits inside a <details> that is closed (no open attribute)."""
    return any(parent.get("open") is None for parent in node.find_parents("details"))


def fold_problems(soup, dropdowns: int, hidden: int) -> list[str]:
    """What a reader would see of the answers before opening them, on one page."""
    problems = []
    solutions = [
        d
        for d in soup.select("details")
        if d.summary and d.summary.get_text().strip().startswith(ANSWER_TITLES)
    ]
    if len(solutions) != dropdowns:
        problems.append(
            f"{len(solutions)} answer dropdowns on the page, {dropdowns} in the notebook"
        )
    for solution in solutions:
        title = " ".join(solution.summary.get_text().split())
        body = solution.get_text(" ").replace(solution.summary.get_text(" "), "", 1)
        if solution.get("open") is not None:
            problems.append(f"the dropdown {title!r} starts open")
        if not body.strip():
            problems.append(f"the dropdown {title!r} holds no answer")
    cells = soup.select("div.cell.tag_hide-output")
    if len(cells) != hidden:
        problems.append(
            f"{len(cells)} cells with hidden output on the page, {hidden} in the notebook"
        )
    for i, cell in enumerate(cells):
        outputs = cell.select(".cell_output")
        if not outputs:
            problems.append(f"hide-output cell {i} has no output to hide")
        for output in outputs:
            if not _closed(output):
                problems.append(f"hide-output cell {i}: its output shows unfolded")
    for nav in soup.select(TOC_NAVS):
        for link in nav.select("a"):
            if "solution" in link.get_text().lower():
                problems.append(f"a Solution entry in the navigation: {link.get_text().strip()!r}")
    return problems


@pytest.mark.parametrize("page_path", CHAPTERS, ids=_ids(CHAPTERS))
def test_solutions_stay_folded_and_out_of_the_navigation(page_path):
    if not CHAPTERS:
        pytest.fail("the built book is missing (_build/html): run `make book` first")
    soup = _soup(page_path)
    assert soup.select("nav#pst-page-toc-nav"), f"{page_path} has no 'On this page' list to check"
    assert soup.select("nav.bd-docs-nav a"), f"{page_path} has no sidebar to check"
    problems = fold_problems(soup, *_notebook_folds(page_path))
    assert not problems, f"{page_path}:\n" + "\n".join(problems)


def test_the_fold_check_sees_an_unfolded_answer():
    """A built page, broken three ways: an open dropdown, an output unfolded, a toc entry."""
    page_path = "chapters/01_modeling_neurons.html"
    folds = _notebook_folds(page_path)
    assert folds[0] and folds[1], f"{page_path} no longer has both kinds of fold to break"
    assert fold_problems(_soup(page_path), *folds) == []

    opened = _soup(page_path)
    next(d for d in opened.select("details.sd-dropdown")).attrs["open"] = ""
    assert [p for p in fold_problems(opened, *folds) if "starts open" in p]

    unfolded = _soup(page_path)
    unfolded.select_one("div.cell.tag_hide-output details").unwrap()  # hide-output dropped
    assert [p for p in fold_problems(unfolded, *folds) if "unfolded" in p]

    listed = _soup(page_path)
    entry = listed.new_tag("a", href="#solution")
    entry.string = "Solution"
    listed.select_one("nav#pst-page-toc-nav").append(entry)
    assert [p for p in fold_problems(listed, *folds) if "navigation" in p]


def test_the_checks_see_what_they_look_for():
    """Each check fires on a small page that has the defect (and not on a clean one)."""
    page = bs4.BeautifulSoup(
        "<main><p>A rate of <span class='math'>\\(\\lambda\\)</span> is fine.</p>"
        "<ul><li>L2 adds $\\lambda W$ to the gradient</li></ul>"
        "<div class='cell_input'><pre># NBVAL_CHECK_OUTPUT</pre></div>"
        "<div class='cell_output'><pre>100%|##| 50/50 [00:00&lt;00:00, 119.77 epoch/s]"
        "</pre><pre>&lt;Figure size 1000x360 with 2 Axes&gt;</pre></div></main>",
        "html.parser",
    )
    outputs = " ".join(_output_texts(page))
    assert VARYING.search(outputs) and FIGURE_STAND_IN in outputs
    assert VARYING.search("final loss 0.323, accuracy 0.84, 0.04 s")
    assert "NBVAL" in _page_text(page)
    assert [t for t in _prose_texts(page) if RAW_MATH.search(t)] == [
        "L2 adds $\\lambda W$ to the gradient"
    ]
    clean = "epoch 200: loss 0.1234, 95.8%, 2000 steps of 0.5; the 1990s; its 0s and 1s"
    assert not VARYING.search(clean)
