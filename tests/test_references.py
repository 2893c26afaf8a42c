"""Every work a chapter cites has its entry on the References page (book/references.md).

A citation is an author-year mention as the chapters and the quiz bank write them:

    Surname YEAR                     Misra 2019, Block 1962
    Surname, YEAR / Surname (YEAR)   (Telgarsky, 2016), Nair and Hinton (2010)
    Surname & Surname YEAR           Maas, Hannun & Ng 2013, Eldan & Shamir 2016
    Surname ... and Surname, YEAR    (Leshno, Lin, Pinkus and Schocken, 1993)
    Surname et al. YEAR              He et al. 2015, (Cho et al., 2014), Leshno et al. (1993)
    ... Surname in YEAR              (Rumelhart, Hinton and Williams in 1986)

A surname is a capitalised word (McCulloch, LeCun, van-less); the citation's key is its
FIRST surname and its year. A few capitalised words before a year are not authors:
sentence openers ("In 1958", "After 1969") and the names of models that stand for
their paper ("AlexNet 2012" is Krizhevsky et al. 2012, "Transformers (2017)" is
Vaswani et al. 2017); both lists are below, small and explicit.

A References entry opens with its authors and year in bold: ``**Surname, A., ...
(YEAR).**``; its key is the first surname and the year.

Cited text: every markdown cell of chapters/NN_*.ipynb and every string in
nnbook/quizbank/*.py (the quiz prompts and feedback shown on the pages).
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCES = ROOT / "book" / "references.md"

SURNAME = r"[A-Z][A-Za-z'’\-]*[a-z][A-Za-z'’\-]*"
YEAR = r"(?:1[89]\d\d|20\d\d)"
CITATION = re.compile(
    rf"(?P<first>{SURNAME})"
    rf"(?P<others>(?:,\s+{SURNAME})*(?:,?\s+(?:and|&)\s+{SURNAME})?)"
    rf"(?P<etal>,?\s+et\s+al\.)?"
    rf"(?:,?\s+|\s+in\s+|\s+\()"
    rf"(?P<year>{YEAR})\b"
)
ENTRY = re.compile(r"^\*\*(?P<authors>[^*]+?)\((?P<year>\d{4})\)\.\*\*", re.MULTILINE)

# Capitalised words that can stand right before a year without naming an author.
NOT_AUTHORS = set(
    "In After Before Since Until By From Around Chapter".split()
    + "The That This These Those A An Its Their".split()
    # ideas dated by the year they took hold, not papers (the quiz on the field's history)
    + "Backpropagation Perceptrons".split()
)
# Names of models that stand for the paper that introduced them.
MODEL_NAMES = {"AlexNet": "Krizhevsky", "Transformers": "Vaswani", "Transformer": "Vaswani"}


def plain(text: str) -> str:
    """Markdown emphasis and links out of the way: **Nair and Hinton (2010)** -> text."""
    text = re.sub(r"\*+|_{2,}", "", text)
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)


def citations_in(text: str) -> set[tuple[str, int]]:
    """The (first surname, year) of every author-year citation in a text."""
    found = set()
    for match in CITATION.finditer(plain(text)):
        first = match.group("first")
        if first in NOT_AUTHORS:
            continue
        found.add((MODEL_NAMES.get(first, first), int(match.group("year"))))
    return found


def entries_in(text: str) -> set[tuple[str, int]]:
    """The (first surname, year) of every entry of the References page."""
    return {
        (match.group("authors").split(",")[0].strip(), int(match.group("year")))
        for match in ENTRY.finditer(text)
    }


def cited_texts() -> list[tuple[str, str]]:
    """(where, text) of every markdown cell of the chapters and every quiz-bank string."""
    texts = []
    for path in sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for index, cell in enumerate(notebook["cells"]):
            if cell["cell_type"] == "markdown":
                texts.append((f"{path.name} cell {index}", "".join(cell["source"])))
    for path in sorted((ROOT / "nnbook" / "quizbank").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.append((f"nnbook/quizbank/{path.name} line {node.lineno}", node.value))
    return texts


def missing_entries(texts, references_text: str) -> dict[tuple[str, int], list[str]]:
    """Citations without an entry, each with the places that cite it."""
    entries = entries_in(references_text)
    missing: dict[tuple[str, int], list[str]] = {}
    for where, text in texts:
        for citation in citations_in(text):
            if citation not in entries:
                missing.setdefault(citation, []).append(where)
    return missing


# --------------------------------------------------------------------------------------


def test_the_pattern_reads_the_citation_styles_the_chapters_use():
    text = (
        "ReLU (Nair & Hinton 2010); **Glorot, Bordes and Bengio (2011)** showed; "
        "(Leshno, Lin, Pinkus and Schocken, 1993); Results (Telgarsky 2016; Eldan & Shamir "
        "2016); (He et al., 2016, trained); Leshno et al. (1993) extended; random search "
        "(Bergstra & Bengio,\n   2012); (Rumelhart, Hinton and Williams in 1986); "
        "In 1958 Frank Rosenblatt; for 2000 steps; AlexNet 2012; Chapter 2000"
    )
    assert citations_in(text) == {
        ("Nair", 2010),
        ("Glorot", 2011),
        ("Leshno", 1993),
        ("Telgarsky", 2016),
        ("Eldan", 2016),
        ("He", 2016),
        ("Bergstra", 2012),
        ("Rumelhart", 1986),
        ("Krizhevsky", 2012),
    }


def test_the_references_page_has_entries():
    entries = entries_in(REFERENCES.read_text(encoding="utf-8"))
    assert ("McCulloch", 1943) in entries and ("Srivastava", 2014) in entries
    assert len(entries) >= 20, f"only {len(entries)} entries read from {REFERENCES.name}"


def test_the_chapters_cite_works():
    """The chapters do cite: a pattern that matched nothing would pass the test below."""
    cited = set().union(*(citations_in(text) for _where, text in cited_texts()))
    assert len(cited) >= 20, f"only {len(cited)} citations found: {sorted(cited)}"


def test_every_citation_has_its_entry():
    missing = missing_entries(cited_texts(), REFERENCES.read_text(encoding="utf-8"))
    assert not missing, "cited but missing from book/references.md:\n" + "\n".join(
        f"- {surname} {year}: {', '.join(places[:4])}"
        for (surname, year), places in sorted(missing.items())
    )


def test_a_removed_entry_is_reported():
    """Take one entry off the page: the check names the citation and where it is."""
    page = REFERENCES.read_text(encoding="utf-8")
    entry = re.search(r"^\*\*Telgarsky, M\. \(2016\)\.\*\*.*?(?=^\(ref-|\Z)", page, re.M | re.S)
    assert entry, "the Telgarsky 2016 entry is expected on the page for this check"
    without = page.replace(entry.group(0), "")
    missing = missing_entries(cited_texts(), without)
    assert list(missing) == [("Telgarsky", 2016)]
    assert any("06_universal_approximation" in place for place in missing[("Telgarsky", 2016)])
