"""nnbook.session: the note on widgets of a reopened notebook, live only."""

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
