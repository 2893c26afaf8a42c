"""The built book's math is MathML made at build time: no page loads MathJax.

Read from the HTML files of _build/html (run after `make book`):

- no page names MathJax (no script, no configuration) and the site ships none;
- every formula element of the prose (``.math``) holds a ``<math>`` element, and a
  chapter page has at least as many as its notebook's Markdown has ``$...$``/``$$...$$``
  expressions (counted from the source here);
- the quizzes' texts (the component's settings and its no-script fallback) hold MathML
  and no ``$...$`` left for a script to typeset;
- a formula of the page is exactly what KaTeX (node_modules, the pinned version) makes
  of its LaTeX source, run here in Node independently of the build's own code (with
  bold, script... letters as Unicode's math letters, ``nnbook.mathml.core_mathml``),
  and no page keeps a ``mathvariant`` that Chromium's MathML Core would ignore.

tests/browser/test_site.py checks in Chromium that the MathML is drawn as math.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from booksite import ROOT, SITE, chapter_pages, html_pages

from nnbook.mathml import core_mathml

bs4 = pytest.importorskip("bs4")

pytestmark = pytest.mark.browser

PAGES = html_pages()
CHAPTERS = chapter_pages()
# $$...$$ or $...$ in Markdown; code spans are removed before counting.
SOURCE_MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$", re.DOTALL)
CODE_SPAN = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
RAW_MATH = re.compile(r"\$[^$\s][^$]*\$")


def _ids(pages):
    return [page.removesuffix(".html") for page in pages]


def _soup(page_path: str):
    return bs4.BeautifulSoup((SITE / page_path).read_text(encoding="utf-8"), "html.parser")


def _markdown_of(page_path: str) -> str:
    notebook = ROOT / page_path.replace(".html", ".ipynb")
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def _require(pages):
    if not pages:
        pytest.fail("the built book is missing (_build/html): run `make book` first")


@pytest.mark.parametrize("page_path", PAGES, ids=_ids(PAGES))
def test_no_page_loads_mathjax(page_path):
    _require(PAGES)
    soup = _soup(page_path)
    sources = [script.get("src", "") for script in soup.find_all("script")]
    assert not [src for src in sources if "mathjax" in src.lower()], sources
    inline = " ".join(script.get_text() for script in soup.find_all("script"))
    assert "MathJax" not in inline, f"{page_path} configures MathJax"


def test_the_site_ships_no_mathjax():
    _require(PAGES)
    assert not list(SITE.rglob("tex-chtml*.js")), "MathJax's files are still in the site"


@pytest.mark.parametrize("page_path", CHAPTERS, ids=_ids(CHAPTERS))
def test_every_formula_of_the_prose_is_mathml(page_path):
    _require(CHAPTERS)
    soup = _soup(page_path)
    formulas = soup.select("span.math, div.math")
    without = [f.get_text()[:60] for f in formulas if f.find("math") is None]
    assert not without, f"{page_path}: formulas without MathML: {without[:5]}"
    written = len(SOURCE_MATH.findall(CODE_SPAN.sub("", _markdown_of(page_path))))
    assert len(formulas) >= written, (
        f"{page_path}: {written} formulas in the notebook's Markdown, {len(formulas)} on the page"
    )


def _quizzes(soup):
    return soup.select('[data-nnz-component="quiz"]')


def test_quiz_math_is_mathml():
    _require(CHAPTERS)
    formulas = 0
    for page_path in CHAPTERS:
        for quiz in _quizzes(_soup(page_path)):
            settings = quiz.find("script", attrs={"type": "application/json"}).get_text()
            texts = json.dumps(json.loads(settings), ensure_ascii=False)
            fallback = quiz.select_one(".nnz-fallback")
            for where, text in (("settings", texts), ("fallback", fallback.get_text())):
                left = RAW_MATH.findall(text)
                assert not left, f"{page_path}: raw LaTeX in a quiz's {where}: {left[:3]}"
            formulas += len(fallback.find_all("math"))
    # The quiz bank writes formulas (sigma'(0), ...): some must have become MathML.
    assert formulas > 0, "no quiz formula became MathML"


def _katex(tex: str, display: bool) -> str:
    script = (
        "const katex = require(process.argv[1]);"
        "process.stdout.write(katex.renderToString(process.argv[2], "
        "{displayMode: process.argv[3] === 'display', output: 'mathml'}));"
    )
    finished = subprocess.run(
        [
            "node",
            "-e",
            script,
            str(ROOT / "node_modules" / "katex"),
            tex,
            "display" if display else "inline",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return finished.stdout


@pytest.mark.parametrize(
    "page_path, marker",
    [
        ("chapters/09_training.html", r"\begin{aligned}"),
        ("chapters/03_activation_functions.html", "softmax"),
        ("chapters/05_layers.html", r"\mathbf"),
    ],
)
def test_a_formula_is_what_katex_makes_of_its_source(page_path, marker):
    _require(CHAPTERS)
    if not (SITE / page_path).is_file():
        pytest.skip(f"{page_path} is not built")
    written = [
        expression
        for expression in SOURCE_MATH.findall(CODE_SPAN.sub("", _markdown_of(page_path)))
        if marker in expression
    ]
    assert written, f"{page_path}'s source has no formula with {marker!r}"
    expression = written[0]
    display = expression.startswith("$$")
    tex = expression.strip("$").strip()
    html = (SITE / page_path).read_text(encoding="utf-8")
    expected = core_mathml(_katex(tex, display))
    assert expected in html, f"{page_path}: KaTeX's MathML for {tex!r} is not on the page"
    assert not re.search(r'mathvariant="(?!normal")', html), f"{page_path}: a mathvariant left"
