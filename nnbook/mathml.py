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

The book's math needs no macros (_config.yml defined none for MathJax); any would go
into ``MACROS``.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

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
    todo = sorted({(tex.strip(), bool(display)) for tex, display in expressions} - set(_cache))
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
            _cache[(tex, display)] = result["mathml"]
    if failures:
        raise MathError(
            "KaTeX cannot convert these expressions (fix the LaTeX):\n" + "\n".join(failures)
        )


def mathml(tex: str, *, display: bool = False) -> str:
    """One expression as KaTeX's MathML (``<span class="katex"><math>...``)."""
    key = (tex.strip(), bool(display))
    if key not in _cache:
        convert([key])
    return _cache[key]


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


__all__ = ["MathError", "convert", "html_with_mathml", "katex_version", "mathml"]
