"""Sphinx extension for Neural Networks from Zero.

1. Chapters carry their own numbers, 0 to 9 (see ``renumber_from_zero``).
2. nnlib's docstrings are written as plain text for readers of the source (formulas
   indented under a sentence, ``|x|`` for absolute values); ``plain_text_to_rst``
   turns those conventions into valid reStructuredText before napoleon and autodoc
   read them, so the API reference builds without warnings.
3. sphinx-thebe is switched off (no launch buttons; it would name a CDN).
4. The execution time of every notebook is saved to _build/execution_times.json.
5. Math is MathML made when the book is built (KaTeX in Node, ``nnbook.mathml``), so no
   page loads MathJax: the renderer ``nnz_mathml`` (``html_math_renderer``).
6. A page loads what it uses: one whose notebook shows no widget carries neither the
   widget manager (embed.js, 1.8 MB) nor the embedded widget state (``light_pages``).
7. Every page gets a meta description (its first paragraph), and the site's root
   index.html (a redirect) gets a real page head with the icon, so no browser asks
   for a /favicon.ico that does not exist.
8. The Run-it-yourself page names the files of book/_downloads and the pinned
   versions of requirements.txt as they are (``{{ nnlib_wheel }}``, ``{{ pin:NAME }}``).
9. Pictures load as the reader nears them (``lazy_pictures``): every ``<img>`` of a
   page's body gets ``loading="lazy"``, and the PNGs written into the HTML as
   ``data:`` URLs (the components' fallbacks, the notebooks' figures) become files.

Numbering
---------

Sphinx numbers the chapters of numbered toctrees 1, 2, 3, ... by their position
(continued across the parts by sphinx-multitoc-numbering). The book's chapters are
0 to 9: their files are chapters/00_... to chapters/09_... and their titles read
"Chapter 0 — ...". After Sphinx assigns the numbers, this extension gives every
chapter its own number (from the title's "Chapter N", else from the file name, else
its position minus one), so that:

- sections inside chapter 5 read 5.1, 5.2, ... and figures "Fig. 5.1", also while
  some chapters are still missing from the toc;
- a title that already says "Chapter N" gets no second number in front (the sidebar
  would otherwise show "6. Chapter 5 — Layers");
- a title whose "Chapter N" disagrees with its file name (chapters/NN_...) is
  reported as a warning, which fails the strict build.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from nnbook import mathml

logger = logging.getLogger(__name__)

CHAPTER_TITLE = re.compile(r"^\s*Chapter\s+(\d+)\b")


CHAPTER_FILE = re.compile(r"^chapters/(\d+)_")


def _renumber(number: Any, chapter: int) -> Any:
    if not number:
        return number
    return type(number)([chapter, *number[1:]])


def _renumber_toc_references(toc: nodes.Node, chapter: int, drop_top_number: bool) -> None:
    """Renumber the entries of a page's own toc (the sidebar and prev/next use them)."""
    for reference in toc.findall(nodes.reference):
        number = reference.get("secnumber")
        if not number:
            continue
        if drop_top_number and len(number) == 1:
            reference["secnumber"] = None
        else:
            reference["secnumber"] = _renumber(number, chapter)


def chapter_number(docname: str, title_text: str, position: int) -> tuple[int, bool]:
    """(the chapter's number, whether its title already shows it)."""
    in_title = CHAPTER_TITLE.match(title_text)
    in_file = CHAPTER_FILE.match(docname)
    if in_title and in_file and int(in_title.group(1)) != int(in_file.group(1)):
        logger.warning(
            "%s: the title says 'Chapter %s' but the file name says chapter %s; make them agree",
            docname,
            in_title.group(1),
            int(in_file.group(1)),
            location=docname,
        )
    if in_title:
        return int(in_title.group(1)), True
    if in_file:
        return int(in_file.group(1)), False
    return position - 1, False


def renumber_from_zero(app: Sphinx, env: BuildEnvironment) -> list[str]:
    chapters: dict[str, int] = {}
    for docname, secnums in env.toc_secnumbers.items():
        top = secnums.get("")
        if not top:
            continue
        title = env.titles.get(docname)
        title_text = title.astext() if title is not None else ""
        chapter, titled = chapter_number(docname, title_text, top[0])
        chapters[docname] = chapter
        for anchor, number in list(secnums.items()):
            secnums[anchor] = _renumber(number, chapter)
        if titled:
            # The heading already carries the number; keep "5.1", "5.2" on its sections.
            secnums[""] = None
        if title is not None and title.get("secnumber"):
            title["secnumber"] = None if titled else _renumber(title["secnumber"], chapter)
        if docname in env.tocs:
            _renumber_toc_references(env.tocs[docname], chapter, drop_top_number=titled)

    for docname, figtypes in env.toc_fignumbers.items():
        if docname not in chapters:
            continue
        for numbers in figtypes.values():
            for figure_id, number in list(numbers.items()):
                if len(number) > 1:
                    numbers[figure_id] = _renumber(number, chapters[docname])
    # Every numbered page is rewritten anyway (the book is always built with --all).
    return []


# --------------------------------------------------------------------------------------
# Plain-text docstrings -> reStructuredText
# --------------------------------------------------------------------------------------

# Section headers after which the docstring is napoleon's business (NumPy style with
# an underline, or Google style ending in a colon).
SECTION_NAMES = {
    "args",
    "arguments",
    "attributes",
    "example",
    "examples",
    "keyword args",
    "keyword arguments",
    "methods",
    "note",
    "notes",
    "other parameters",
    "parameters",
    "raises",
    "references",
    "return",
    "returns",
    "see also",
    "todo",
    "warning",
    "warnings",
    "warns",
    "yield",
    "yields",
}
BULLET = re.compile(r"^(\s*)([-*+]|\d+[.)]|#\.)\s+")
UNDERLINE = re.compile(r"^\s*([-=~^\"'`#*+])\1{2,}\s*$")
INLINE_LITERAL = re.compile(r"(``.+?``|`[^`]+`_?|:[a-z:]+:`[^`]+`)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_section_header(lines: list[str], i: int) -> bool:
    text = lines[i].strip()
    if _indent(lines[i]) != 0 or not text:
        return False
    if text.lower() in SECTION_NAMES and i + 1 < len(lines) and UNDERLINE.match(lines[i + 1]):
        return True
    return text.endswith(":") and text[:-1].strip().lower() in SECTION_NAMES


def _escape_pipes(line: str) -> str:
    """`|x|` means an absolute value here, not a substitution reference."""
    if "|" not in line or line.lstrip().startswith(("|", "+")):
        return line
    parts = INLINE_LITERAL.split(line)
    return "".join(
        part if INLINE_LITERAL.fullmatch(part) else part.replace("|", "\\|") for part in parts
    )


def plain_text_to_rst(lines: list[str]) -> list[str]:
    """Make a plain-text docstring valid reST without changing how it reads.

    Before the first section header (Parameters, Returns, ...):
    - a block indented deeper than the paragraph above it (a formula, a table of
      update rules) becomes a plain-text code block, keeping its line breaks and
      alignment;
    - a list followed directly by a paragraph gets the blank line reST needs;
    - ``|`` outside inline literals is escaped.
    Doctest blocks (``>>>``), explicit ``::`` blocks and directives are left alone.
    """
    out: list[str] = []
    content_indent = 0  # where the text of the current paragraph or list item starts
    in_list = False
    previous_blank = True
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if _is_section_header(lines, i):
            out.extend(lines[i:])
            break
        if not line.strip():
            out.append(line)
            previous_blank = True
            i += 1
            continue
        indent = _indent(line)
        stripped = line.strip()
        last_text = next((text.rstrip() for text in reversed(out) if text.strip()), "")
        if indent > content_indent and (
            last_text.endswith("::") or last_text.lstrip().startswith(".. ")
        ):
            # An explicit literal block or a directive's body: copy it as it is.
            while i < n and (not lines[i].strip() or _indent(lines[i]) > content_indent):
                out.append(lines[i])
                i += 1
            previous_blank = not out[-1].strip()
            continue
        if indent > content_indent and out and not stripped.startswith(">>>"):
            # Gather the indented block (blank lines inside it included).
            j = i
            block: list[str] = []
            while j < n and (not lines[j].strip() or _indent(lines[j]) > content_indent):
                block.append(lines[j])
                j += 1
            while block and not block[-1].strip():
                block.pop()
                j -= 1
            if previous_blank:
                while out and not out[-1].strip():
                    out.pop()
            # A plain-text block, not Python: no syntax colouring.
            out.extend(["", " " * content_indent + ".. code-block:: text", ""])
            out.extend(block)
            out.append("")
            previous_blank = True
            i = j
            continue
        bullet = BULLET.match(line)
        if bullet:
            if not previous_blank and not in_list:
                out.append("")
            in_list = True
            content_indent = bullet.end()
        elif in_list and indent < content_indent:
            # A paragraph right after a list: reST wants a blank line in between.
            if not previous_blank:
                out.append("")
            in_list = False
            content_indent = indent
        elif previous_blank and not in_list:
            content_indent = indent
        elif previous_blank and in_list and indent < content_indent:
            in_list = False
            content_indent = indent
        out.append(line if stripped.startswith(">>>") else _escape_pipes(line))
        previous_blank = False
        i += 1
    return out


def process_docstring(app, what, name, obj, options, lines: list[str]) -> None:
    lines[:] = plain_text_to_rst(lines)


# --------------------------------------------------------------------------------------
# No Thebe
# --------------------------------------------------------------------------------------


def drop_thebe(app: Sphinx) -> None:
    """Disconnect sphinx-thebe, which Jupyter Book always loads.

    The book has no launch buttons, and sphinx-thebe would add to every page a
    script naming a CDN copy of Thebe (loaded on demand) plus, with this version of
    Jupyter Book, the same inline configuration twice, which throws "Identifier
    'THEBE_JS_URL' has already been declared" in the browser.
    """
    for listeners in app.events.listeners.values():
        listeners[:] = [
            listener
            for listener in listeners
            if not getattr(listener.handler, "__module__", "").startswith("sphinx_thebe")
            or listener.handler.__name__ == "st_static_path"
        ]


# --------------------------------------------------------------------------------------
# Execution times
# --------------------------------------------------------------------------------------

EXECUTION_TIMES = "execution_times.json"


def write_execution_times(app: Sphinx, exception: Exception | None) -> None:
    """Save how long each notebook took to execute, for book/build.py to print.

    myst-nb keeps, per notebook, the execution method, its run time and whether it
    succeeded. Written next to the HTML folder (_build/execution_times.json), also
    when the build fails.
    """
    env = app.env
    if env is None:
        return
    records = {}
    for docname, metadata in sorted(getattr(env, "nb_metadata", {}).items()):
        data = metadata.get("exec_data")
        if not data:
            continue
        records[docname] = {
            "runtime": data.get("runtime"),
            "method": data.get("method"),
            "succeeded": data.get("succeeded"),
            "error": data.get("error"),
        }
    target = Path(app.outdir).parent / EXECUTION_TIMES
    target.write_text(json.dumps(records, indent=2) + "\n")


# --------------------------------------------------------------------------------------
# Math as MathML, converted when the book is built
# --------------------------------------------------------------------------------------

MATH_RENDERER = "nnz_mathml"


def _math_text(node: nodes.Element) -> str:
    return node.astext()


def convert_all_math(app: Sphinx, env: BuildEnvironment) -> None:
    """Convert every formula of the book with KaTeX in one run of Node, before writing.

    The page writers then find each expression already converted (nnbook.mathml's
    cache); a formula added later (none is expected) would still be converted alone.
    """
    expressions = []
    for docname in sorted(env.found_docs):
        doctree = env.get_doctree(docname)
        expressions += [(_math_text(node), False) for node in doctree.findall(nodes.math)]
        expressions += [(_math_text(node), True) for node in doctree.findall(nodes.math_block)]
    try:
        mathml.convert(expressions)
    except mathml.MathError as error:
        # Not yet a fault: a cell output offers its LaTeX (text/latex, even pygments'
        # Verbatim for source code) next to the HTML the page shows, and only what is
        # written counts. The page writer warns, with the place, for a formula it writes.
        logger.debug("%s", error)


def _converted(node: nodes.Element, display: bool) -> str:
    try:
        return mathml.mathml(_math_text(node), display=display)
    except mathml.MathError as error:
        logger.warning("%s", error, location=node)
        return html.escape(_math_text(node))


def _in_table_header(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.thead):
        parent = parent.parent
    return parent is not None


def visit_inline_math(self, node: nodes.Element) -> None:
    markup = _converted(node, display=False)
    if _in_table_header(node):
        # A column named by a formula alone ($x_1$) would otherwise read as empty.
        markup = mathml.labelled(markup)
    self.body.append(
        self.starttag(node, "span", "", CLASS="math notranslate nohighlight") + markup + "</span>"
    )
    raise nodes.SkipNode


def visit_block_math(self, node: nodes.Element) -> None:
    # A display formula that is wider than the column scrolls inside its own box.
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node.get("number"):
        self.body.append(f'<span class="eqno">({node["number"]})</span>')
    self.body.append(_converted(node, display=True) + "</div>\n")
    raise nodes.SkipNode


def no_departure(self, node: nodes.Element) -> None:
    """Never called: the visitors above write the whole element and skip the node."""


# --------------------------------------------------------------------------------------
# Light pages
# --------------------------------------------------------------------------------------

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _is_widget_script(script) -> bool:
    attributes = getattr(script, "attributes", {})
    filename = str(getattr(script, "filename", ""))
    return attributes.get("type") == WIDGET_STATE or "@jupyter-widgets/html-manager" in filename


def light_pages(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Load only what the page uses, and let no listed script block the first paint.

    myst-nb adds the widget manager and the widget state to every page whose notebook
    saved any widget state, even when no cell displays a widget (the kernel keeps the
    state of every widget it created): a page without a widget view gets neither.
    Runs after myst-nb has added them. (The theme's own search scripts are written by
    its template, not listed here.)
    """
    scripts = context.get("script_files")
    if not scripts:
        return
    if WIDGET_VIEW not in context.get("body", ""):
        scripts = [script for script in scripts if not _is_widget_script(script)]
    context["script_files"] = [_without_blocking(script) for script in scripts]


# Sphinx's own scripts stay as they are: the theme's template loads the search scripts
# (searchtools.js, searchindex.js) synchronously, and those call into these at once.
SPHINX_CORE_SCRIPTS = ("documentation_options.js", "doctools.js", "sphinx_highlight.js")


def _without_blocking(script):
    """The same script file with ``defer``, so that it does not hold up the first paint.

    Deferred scripts still run in their order, before DOMContentLoaded, which is when
    the theme's and the extensions' scripts set themselves up. Inline scripts, data
    scripts, modules and Sphinx's core scripts are left alone.
    """
    attributes = dict(getattr(script, "attributes", {}))
    filename = str(script.filename or "")
    if not filename or filename.endswith(SPHINX_CORE_SCRIPTS):
        return script
    if attributes.get("type") not in (None, "text/javascript"):
        return script
    if "async" in attributes or "defer" in attributes:
        return script
    attributes["defer"] = "defer"
    # Sphinx's script objects are immutable: make the changed one with the same class.
    return type(script)(script.filename, priority=script.priority, **attributes)


# Pictures that load as the reader nears them
# --------------------------------------------------------------------------------------

# A PNG written into the page as a data: URL (nnbook's fallbacks and figures do so,
# so that a notebook carries its pictures).
INLINE_PNG = re.compile(r'(<img\b[^>]*?\bsrc=")data:image/png;base64,([A-Za-z0-9+/=]+)(")')
# An <img> start tag that does not say how it loads.
IMG_WITHOUT_LOADING = re.compile(r"<img\b(?![^>]*\bloading=)")


def lazy_pictures(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Let the page's pictures load when the reader comes near them, not with the page.

    A data: URL is part of the HTML: the browser downloads it before it can show the
    first screen, even for a picture twenty screens down (they were half of chapter
    9's bytes). Each becomes a file of _images/ named by its content, and every
    picture gets ``loading="lazy"``: the browser fetches it when it nears the screen,
    and at once if it is on the first one. A lazy picture that scripts are off for
    still loads; so does one being printed.
    """
    body = context.get("body")
    if not body or "<img" not in body:
        return
    folder = Path(app.outdir) / "_images"

    def to_file(match: re.Match) -> str:
        png = base64.b64decode(match.group(2))
        name = f"inline-{hashlib.sha256(png).hexdigest()[:32]}.png"
        path = folder / name
        if not path.is_file():  # the same picture twice (or two pages) is one file
            folder.mkdir(parents=True, exist_ok=True)
            path.write_bytes(png)
        return match.group(1) + context["pathto"](f"_images/{name}", 1) + match.group(3)

    body = INLINE_PNG.sub(to_file, body)
    context["body"] = IMG_WITHOUT_LOADING.sub('<img loading="lazy"', body)


# Meta descriptions and the root redirect
# --------------------------------------------------------------------------------------

DESCRIPTION_LENGTH = 155  # characters: what search engines show of a description
SKIPPED_FOR_DESCRIPTION = (nodes.admonition, nodes.literal_block, nodes.math_block)
# Pages Sphinx generates, which have no title of their own in the page context.
GENERATED_PAGE_TITLES = {"genindex": "Index", "py-modindex": "Module index", "search": "Search"}


def first_paragraph(doctree: nodes.Node) -> str:
    """The text of the page's first paragraph of prose (not a note, code or math)."""
    for paragraph in doctree.findall(nodes.paragraph):
        parent, skipped = paragraph.parent, False
        while parent is not None:
            if isinstance(parent, SKIPPED_FOR_DESCRIPTION) or "cell_output" in parent.get(
                "classes", []
            ):
                skipped = True
                break
            parent = parent.parent
        # A formula's LaTeX source is no description: prefer paragraphs without one.
        if paragraph.next_node(nodes.math) is not None:
            continue
        text = " ".join(paragraph.astext().split())
        if not skipped and len(text) >= 40:
            return text
    return ""


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def add_meta_description(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """A ``<meta name="description">`` on every page: its first paragraph, else its title."""
    text = first_paragraph(doctree) if doctree is not None else ""
    if not text:
        title = re.sub(r"<[^>]+>", "", context.get("title") or "")
        title = title or GENERATED_PAGE_TITLES.get(pagename, pagename)
        book = app.config.html_title or app.config.project
        text = (
            f"{title}: a page of {book}, a book that builds neural networks "
            "from a single neuron up, with code you can run."
        )
    meta = f'<meta name="description" content="{html.escape(shorten(text), quote=True)}" />\n'
    context["metatags"] = context.get("metatags", "") + meta


def write_root_redirect(app: Sphinx, exception: Exception | None) -> None:
    """The site's index.html: a redirect to the first page, with a title and the icon.

    sphinx-external-toc writes a bare ``<meta http-equiv="Refresh">`` (no icon link, so
    browsers fetch a /favicon.ico the site does not have) unless the file exists; this
    runs first and writes a whole small page instead.
    """
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    target = f"{app.config.root_doc}.html"
    favicon = Path(app.config.html_favicon or "").name
    icon = f'<link rel="icon" href="_static/{favicon}" />\n' if favicon else ""
    title = html.escape(app.config.html_title or app.config.project)
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8" />\n'
        f"<title>{title}</title>\n"
        f'<meta name="description" content="{title}: the start page." />\n{icon}'
        f'<meta http-equiv="Refresh" content="0; url={target}" />\n</head>\n<body>\n'
        f'<p><a href="{target}">{title}</a></p>\n</body>\n</html>\n'
    )
    (Path(app.outdir) / "index.html").write_text(page, encoding="utf-8")


# --------------------------------------------------------------------------------------
# The Run-it-yourself page: file names and versions as they are
# --------------------------------------------------------------------------------------

RUN_IT_YOURSELF = "book/run-it-yourself"
PIN = re.compile(r"\{\{ pin:([A-Za-z0-9_.\-]+) \}\}")


def pinned_requirements(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)", line.strip())
        if match:
            pins[match.group(1).lower()] = f"{match.group(1)}=={match.group(2)}"
    return pins


def show_repository_link(app: Sphinx, config) -> None:
    """Show the header's repository link exactly when _config.yml names a repository.

    The URL is written once, as ``repository_url`` in the theme options of _config.yml.
    Left empty, the header has no link (the theme would otherwise link to an empty URL);
    filled in, the header links to it and the Run-it-yourself page names it.
    """
    url = config.html_theme_options.get("repository_url", "")
    if not isinstance(url, str):
        raise TypeError(
            f"_config.yml: html_theme_options.repository_url must be a URL in quotes "
            f"(or empty for no link); got {url!r}"
        )
    config.html_theme_options["use_repository_button"] = bool(url.strip())


def repository_words(url: str) -> str:
    """How the Run-it-yourself page names the book's sources: with a link when it has one."""
    url = url.strip()
    return f"the book's sources ([its repository]({url}))" if url else "the book's sources"


def fill_run_it_yourself(app: Sphinx, docname: str, source: list[str]) -> None:
    """Put the wheel's file name, the pinned versions and the repository into the
    Run-it-yourself page."""
    if docname != RUN_IT_YOURSELF:
        return
    url = app.config.html_theme_options.get("repository_url", "")
    source[0] = source[0].replace("{{ repository }}", repository_words(url))
    root = Path(app.srcdir)
    wheels = sorted((root / "book" / "_downloads").glob("nnlib-*.whl"))
    if len(wheels) != 1:
        logger.warning(
            "%s: expected one nnlib wheel in book/_downloads, found %d; "
            "run book/build.py (it runs book/downloads.py first)",
            docname,
            len(wheels),
            location=docname,
        )
        return
    pins = pinned_requirements(root / "requirements.txt")

    def pin(match: re.Match) -> str:
        name = match.group(1).lower()
        if name not in pins:
            logger.warning("%s: requirements.txt pins no %s", docname, name, location=docname)
            return name
        return pins[name]

    source[0] = PIN.sub(pin, source[0].replace("{{ nnlib_wheel }}", wheels[0].name))


def setup(app: Sphinx) -> dict[str, Any]:
    # Font Awesome cut down to the icons the pages show (book/_ext/nnz_icons.py).
    app.setup_extension("nnz_icons")
    app.connect("html-page-context", add_meta_description)
    # Before sphinx-external-toc's own redirect (priority 500), which keeps an existing file.
    app.connect("build-finished", write_root_redirect, priority=400)
    app.connect("config-inited", show_repository_link)
    app.connect("source-read", fill_run_it_yourself)
    app.add_html_math_renderer(
        MATH_RENDERER, (visit_inline_math, no_departure), (visit_block_math, no_departure)
    )
    app.connect("env-updated", convert_all_math)
    # After myst-nb's add_per_page_html_resources (priority 500) has added the scripts.
    app.connect("html-page-context", light_pages, priority=900)
    app.connect("html-page-context", lazy_pictures)
    app.connect("build-finished", write_execution_times)
    app.connect("builder-inited", drop_thebe)
    # After Sphinx's TocTreeCollector (priority 500) has assigned the numbers.
    app.connect("env-get-updated", renumber_from_zero, priority=900)
    # Before napoleon (priority 500) reads the sections.
    app.connect("autodoc-process-docstring", process_docstring, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
