"""book/build.py skips a build only when the stamp matches every source it reads."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# build.py imports its sibling book/downloads.py, as it does when run as a script
if str(ROOT / "book") not in sys.path:
    sys.path.insert(0, str(ROOT / "book"))
spec = importlib.util.spec_from_file_location("book_build", ROOT / "book" / "build.py")
build = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build)


def make_sources(root: Path) -> None:
    (root / "chapters").mkdir()
    (root / "chapters" / "00.ipynb").write_text("{}")
    (root / "nnlib").mkdir()
    (root / "nnlib" / "network.py").write_text("x = 1\n")
    (root / "_config.yml").write_text("title: t\n")


def test_the_digest_changes_with_any_source_and_ignores_caches(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "ROOT", tmp_path)
    make_sources(tmp_path)
    first = build.source_digest()
    assert build.source_digest() == first  # same sources, same stamp
    (tmp_path / "nnlib" / "__pycache__").mkdir()
    (tmp_path / "nnlib" / "__pycache__" / "network.pyc").write_bytes(b"\0")
    assert build.source_digest() == first  # caches are not sources
    (tmp_path / "nnlib" / "network.py").write_text("x = 2\n")
    assert build.source_digest() != first  # an edited module
    (tmp_path / "nnlib" / "network.py").write_text("x = 1\n")
    assert build.source_digest() == first
    (tmp_path / "chapters" / "01.ipynb").write_text("{}")
    assert build.source_digest() != first  # a new notebook


def test_if_changed_skips_only_when_the_stamp_matches(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(build, "ROOT", tmp_path)
    monkeypatch.setattr(build, "HTML", tmp_path / "_build" / "html")
    monkeypatch.setattr(build, "STAMP", tmp_path / "_build" / "html" / ".sources.sha256")
    monkeypatch.setattr(build, "VENDOR", tmp_path / "missing")  # a real build stops here
    make_sources(tmp_path)
    build.HTML.mkdir(parents=True)
    build.STAMP.write_text(build.source_digest() + "\n")
    assert build.main(["--if-changed"]) == 0
    assert "already built" in capsys.readouterr().out
    (tmp_path / "_config.yml").write_text("title: changed\n")
    assert build.main(["--if-changed"]) == 2  # stale: it tries to build (assets missing)
