"""The book names its repository once, in _config.yml, and the header links to it.

`html_theme_options.repository_url` is the one place (book/_ext/nnz_book.py,
show_repository_link, turns the theme's repository button on exactly when it is set).
Each test builds a one-page Sphinx site with the book's theme and extension, so what is
checked is the header the theme really writes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import nnz_book  # noqa: E402  (book/_ext/nnz_book.py)

REPOSITORY = "https://github.com/an-example-team/neural-networks-from-zero"

CONF = """
import sys
sys.path.insert(0, {ext!r})
sys.path.insert(0, {root!r})
extensions = ["sphinx.ext.autodoc", "nnz_book"]
html_theme = "sphinx_book_theme"
html_theme_options = {{"repository_url": {url!r}}}
"""


def build_one_page(folder: Path, url: str) -> str:
    (folder / "conf.py").write_text(
        CONF.format(ext=str(ROOT / "book" / "_ext"), root=str(ROOT), url=url), encoding="utf-8"
    )
    (folder / "index.rst").write_text("A page\n======\n\nSome words.\n", encoding="utf-8")
    out = folder / "_build"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(folder), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return (out / "index.html").read_text(encoding="utf-8")


def test_the_header_links_to_the_repository_named_in_the_config(tmp_path):
    page = build_one_page(tmp_path, REPOSITORY)
    assert f'href="{REPOSITORY}"' in page
    assert "btn-source-repository-button" in page


def test_no_repository_named_means_no_repository_link(tmp_path):
    page = build_one_page(tmp_path, "")
    assert "btn-source-repository-button" not in page
    assert 'href=""' not in page


def test_the_config_names_the_repository_in_one_place():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    theme = config["sphinx"]["config"]["html_theme_options"]
    assert isinstance(theme.get("repository_url"), str)
    # The theme's own switches would be a second place that could disagree with the URL.
    assert "use_repository_button" not in theme
    assert "use_repository_button" not in config.get("html", {})


def test_the_run_it_yourself_page_names_the_repository_when_there_is_one():
    assert f"]({REPOSITORY})" in nnz_book.repository_words(REPOSITORY)
    assert "](" not in nnz_book.repository_words("")
    text = (ROOT / "book" / "run-it-yourself.md").read_text(encoding="utf-8")
    assert "{{ repository }}" in text


def test_a_repository_url_that_is_not_text_is_refused_by_name():
    class Config:
        html_theme_options = {"repository_url": 42}

    with pytest.raises(TypeError, match="repository_url"):
        nnz_book.show_repository_link(None, Config())
