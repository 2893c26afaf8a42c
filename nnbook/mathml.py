"""LaTeX to MathML at build time, with KaTeX: the static book's pages load no MathJax.

Chromium, Firefox and Safari draw MathML themselves, so a formula turned into a
``<math>`` element when the book is built costs the reader no script and no web font.
KaTeX (npm, pinned by package.json + package-lock.json, never copied into the site)
does the conversion in Node, once for a whole batch of expressions: starting Node
costs far more than converting a formula. Results are cached by expression for the
life of the process, so a formula written twice is converted once.

Two callers in the static build:

- the Sphinx extension (book/_ext/nnz_book.py), for the math of the prose and of
  Markdown or LaTeX cell outputs (every expression of the book in one batch);
- ``nnbook.quiz_html.quiz_component``, for the ``$...$`` inside quiz texts.

JupyterLab is not affected: there the notebooks' Markdown and the quiz widgets keep
their ``$...$`` for JupyterLab's own MathJax.

Chromium draws MathML Core, which ignores ``mathvariant`` other than "normal": KaTeX
writes ``\\mathbf{W}`` as ``<mi mathvariant="bold">W</mi>``, which would show an italic
W. ``core_mathml`` writes such letters as Unicode's mathematical letters (𝐖, ℒ, ℝ)
instead, as MathML Core asks; Firefox and Safari draw those the same.

The book's math needs no macros (_config.yml defined none for MathJax); any would go
into ``MACROS``.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from nnbook.checks import check_flag, check_text, describe

ROOT = Path(__file__).resolve().parents[1]
KATEX = ROOT / "node_modules" / "katex"
MACROS: dict[str, str] = {}
NODE_SECONDS = 120

# Reads [[tex, display], ...] as JSON on stdin, writes [{"mathml"} or {"error"}, ...].
# strict "error": LaTeX that KaTeX only guesses at fails the build instead of warning.
_CONVERTER = r"""
const katex = require(process.argv[1]);
const macros = JSON.parse(process.argv[2]);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const results = JSON.parse(input).map(([tex, display]) => {
    try {
      return {mathml: katex.renderToString(tex, {
        displayMode: display, output: "mathml", throwOnError: true, strict: "error",
        trust: false, macros: {...macros}})};
    } catch (error) {
      return {error: String(error.message || error)};
    }
  });
  process.stdout.write(JSON.stringify(results));
});
"""

_cache: dict[tuple[str, bool], str] = {}


class MathError(ValueError):
    """KaTeX refused an expression (the message names it and says why)."""


def katex_version() -> str:
    manifest = KATEX / "package.json"
    if not manifest.is_file():
        raise MathError(
            f"KaTeX is missing ({manifest} not found): run `npm ci` in {ROOT} "
            "(make book does), which installs the version package-lock.json pins."
        )
    return json.loads(manifest.read_text())["version"]


def convert(expressions: Iterable[tuple[str, bool]]) -> None:
    """Convert every (tex, display) pair not converted yet, in one run of Node."""
    todo = sorted(set(_checked_expressions(expressions)) - set(_cache))
    if not todo:
        return
    katex_version()  # a clear message when node_modules lacks KaTeX
    node = shutil.which("node")
    if node is None:
        raise MathError("the book's math is converted by KaTeX in Node: install Node (v20)")
    finished = subprocess.run(
        [node, "-e", _CONVERTER, str(KATEX), json.dumps(MACROS)],
        input=json.dumps(todo),
        capture_output=True,
        text=True,
        timeout=NODE_SECONDS,
        check=False,
    )
    if finished.returncode != 0:
        raise MathError(f"KaTeX (Node) failed: {finished.stderr.strip()[-800:]}")
    failures = []
    for (tex, display), result in zip(todo, json.loads(finished.stdout), strict=True):
        if "error" in result:
            failures.append(f"  {tex!r}: {result['error']}")
        else:
            _cache[(tex, display)] = core_mathml(result["mathml"])
    if failures:
        raise MathError(
            "KaTeX cannot convert these expressions (fix the LaTeX):\n" + "\n".join(failures)
        )


def _items(value) -> list | None:
    """``value``'s items as a list; None for a text, a dict, a number or a 0-d array."""
    if isinstance(value, (str, bytes, dict)) or not isinstance(value, Iterable):
        return None
    try:
        return list(value)
    except TypeError:  # a 0-d NumPy array claims to be iterable, then refuses
        return None


def _checked_expressions(expressions) -> list[tuple[str, bool]]:
    """``expressions`` as (stripped tex, display) pairs, refused by name if it is not a
    collection of (text, True/False) pairs: Node would only fail on them later."""
    items = _items(expressions)
    if items is None:
        raise TypeError(
            f"expressions must be a list of (tex, display) pairs, like [('x^2', False)]; "
            f"got {describe(expressions)}"
        )
    pairs = []
    for item in items:
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            raise TypeError(
                f"expressions must hold (tex, display) pairs, like ('x^2', False); "
                f"got {describe(item)}"
            )
        tex, display = item
        pairs.append(
            (check_text(tex, "an expression's tex").strip(), check_flag(display, "display"))
        )
    return pairs


# Unicode's names of the mathematical letters: "MATHEMATICAL BOLD CAPITAL W"; a few
# letters are older characters ("SCRIPT CAPITAL L", ℒ; "DOUBLE-STRUCK CAPITAL R", ℝ).
_VARIANT_NAMES = {
    "bold": ["MATHEMATICAL BOLD"],
    "italic": ["MATHEMATICAL ITALIC"],
    "bold-italic": ["MATHEMATICAL BOLD ITALIC"],
    "script": ["MATHEMATICAL SCRIPT", "SCRIPT"],
    "bold-script": ["MATHEMATICAL BOLD SCRIPT"],
    "double-struck": ["MATHEMATICAL DOUBLE-STRUCK", "DOUBLE-STRUCK"],
    "fraktur": ["MATHEMATICAL FRAKTUR", "BLACK-LETTER"],
    "sans-serif": ["MATHEMATICAL SANS-SERIF"],
    "bold-sans-serif": ["MATHEMATICAL SANS-SERIF BOLD"],
    "monospace": ["MATHEMATICAL MONOSPACE"],
}
_VARIANT_TOKEN = re.compile(r'<(mi|mn) mathvariant="([a-z-]+)">([^<]*)</\1>')


def variant_character(character: str, variant: str) -> str | None:
    """``character`` as Unicode's letter of ``variant`` (e.g. W, "bold" -> 𝐖), if it has one."""
    if not isinstance(character, str) or len(character) != 1:
        raise TypeError(f"character must be one character (a str); got {describe(character)}")
    check_text(variant, "variant")
    name = unicodedata.name(character, "")
    for prefix, kind in (("LATIN CAPITAL LETTER ", "CAPITAL "), ("LATIN SMALL LETTER ", "SMALL ")):
        if name.startswith(prefix):
            name = kind + name.removeprefix(prefix)
    name = name.replace("GREEK CAPITAL LETTER ", "CAPITAL ").replace(
        "GREEK SMALL LETTER ", "SMALL "
    )
    for prefix in _VARIANT_NAMES.get(variant, []):
        try:
            return unicodedata.lookup(f"{prefix} {name}")
        except KeyError:
            continue
    return None


def _core_token(match: re.Match) -> str:
    tag, variant, text = match.groups()
    letters = [variant_character(character, variant) for character in html.unescape(text)]
    if variant == "normal" or not letters or None in letters:
        return match.group(0)  # "normal" MathML Core draws itself; else keep KaTeX's
    return f"<{tag}>{''.join(letters)}</{tag}>"


def core_mathml(markup: str) -> str:
    """KaTeX's MathML with bold, script, double-struck... letters as Unicode's math letters."""
    return _VARIANT_TOKEN.sub(_core_token, check_text(markup, "markup"))


def mathml(tex: str, *, display: bool = False) -> str:
    """One expression as KaTeX's MathML (``<span class="katex"><math>...``), MathML Core
    letters (``core_mathml``)."""
    key = (check_text(tex, "tex").strip(), check_flag(display, "display"))
    if key not in _cache:
        convert([key])
    return _cache[key]


_ANNOTATION = re.compile(r"<annotation\b.*?</annotation>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def labelled(markup: str) -> str:
    """MathML markup whose ``<math>`` is named by the formula's own characters.

    For a formula that is all the text of a table's header cell: axe-core reads no
    text inside ``<math>``, so such a header counts as empty (its rule
    empty-table-header), and a reader that speaks a column's name without MathML
    would have nothing to say. The name is what the formula shows (x₁, f(z)), not
    its TeX source (the annotation).
    """
    markup = check_text(markup, "markup")
    if "<math" not in markup:
        raise ValueError(
            f"markup must be MathML, holding a <math> element to name; got {markup[:60]!r}"
        )
    shown = html.unescape(_TAG.sub("", _ANNOTATION.sub("", markup)))
    name = " ".join(shown.split())
    return markup.replace("<math", f'<math aria-label="{html.escape(name)}"', 1)


# $$...$$ (display) or $...$ (inline) inside a text; \$ is a dollar sign, not math.
_DOLLARS = re.compile(
    r"(?<!\\)\$\$(.+?)(?<!\\)\$\$|(?<!\\)\$(?!\s)([^$]+?)(?<![\\\s])\$", re.DOTALL
)


def _found(text: str) -> list[tuple[re.Match, str, bool]]:
    found = []
    for match in _DOLLARS.finditer(text):
        display = match.group(1) is not None
        # The text is HTML: &lt; inside a formula is the reader's <.
        tex = html.unescape(match.group(1) if display else match.group(2))
        found.append((match, tex, display))
    return found


def html_with_mathml(texts: list[str]) -> list[str]:
    """HTML texts with every ``$...$`` and ``$$...$$`` replaced by MathML (one batch)."""
    items = _items(texts)
    if items is None:
        raise TypeError(f"texts must be a list of HTML texts; got {describe(texts)}")
    texts = [check_text(text, "each of the texts") for text in items]
    found = [_found(text) for text in texts]
    convert((tex, display) for matches in found for _, tex, display in matches)
    results = []
    for text, matches in zip(texts, found, strict=True):
        pieces, start = [], 0
        for match, tex, display in matches:
            pieces += [text[start : match.start()], mathml(tex, display=display)]
            start = match.end()
        results.append("".join(pieces) + text[start:])
    return results


__all__ = [
    "MathError",
    "convert",
    "core_mathml",
    "html_with_mathml",
    "katex_version",
    "labelled",
    "mathml",
    "variant_character",
]
