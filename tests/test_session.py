"""nnbook.session: the note on widgets of a reopened notebook, live only."""

import json
from pathlib import Path

from nnbook import session
from nnbook.widgets import STATIC_ENV


def test_live_session_explains_missing_widgets(monkeypatch, capsys):
    monkeypatch.delenv(STATIC_ENV, raising=False)
    session.explain_widgets()
    printed = capsys.readouterr().out
    assert "model not found" in printed
    assert "Run All Cells" in printed
    assert printed.count("\n") == 1, "one line, printed once"


def test_static_page_prints_nothing(monkeypatch, capsys):
    monkeypatch.setenv(STATIC_ENV, "1")
    session.explain_widgets()
    assert capsys.readouterr().out == ""


def test_every_chapter_explains_missing_widgets_in_its_first_code_cell():
    """The note is saved with the first cell's output, where a student sees it first."""
    chapters = sorted((Path(__file__).resolve().parents[1] / "chapters").glob("0*.ipynb"))
    missing = []
    for path in chapters:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        first_code = next(c for c in cells if c["cell_type"] == "code")
        if "session.explain_widgets()" not in "".join(first_code["source"]):
            missing.append(path.name)
    assert chapters and not missing, f"chapters without the note in the first code cell: {missing}"
