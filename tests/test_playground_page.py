"""The playground's static face: the component chapter 7 shows in the built book.

The settings it writes must be ones the page's own reader accepts unchanged
(book/js/playground/url.js, run here with Node), and its fallback picture must say in
words what it shows.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from nnbook.components import component_html
from nnbook.playground import Playground, PlaygroundSettings, page_settings
from nnbook.playground.view import PRESETS, playground

ROOT = Path(__file__).resolve().parents[1]
URL_MODULE = ROOT / "book" / "js" / "playground" / "url.js"


def _component_parts(markup: str):
    match = re.search(
        r'data-nnz-component="([^"]+)".*?<script type="application/json">(.*?)</script>'
        r'<div class="nnz-fallback">(.*)</div></div>$',
        markup,
        re.S,
    )
    assert match, markup[:300]
    name, settings, fallback = match.groups()
    return name, json.loads(settings), fallback


def _page_reads(settings: dict) -> dict:
    """What the page's checkState makes of `settings`: {state, ignored}."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run the page's settings reader")
    script = (
        f"import {{ checkState }} from {json.dumps(URL_MODULE.as_uri())};\n"
        f"console.log(JSON.stringify(checkState({json.dumps(settings)})));\n"
    )
    result = subprocess.run(
        [node, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_static_mode_shows_the_live_component_with_the_chapter_settings(monkeypatch):
    monkeypatch.setenv("NNLIB_STATIC_WIDGETS", "1")
    name, settings, fallback = _component_parts(playground().data)
    assert name == "playground"
    assert settings == page_settings(PlaygroundSettings())
    assert settings["layers"] == [4] and settings["dataset"] == "circle"
    read = _page_reads(settings)
    assert read["ignored"] == []
    for key, value in settings.items():
        assert read["state"][key] == value, key


@pytest.mark.parametrize("preset", list(PRESETS))
def test_every_preset_becomes_settings_the_page_accepts(preset):
    settings = page_settings(PRESETS[preset].settings.replace(n_samples=500))
    read = _page_reads(settings)
    assert read["ignored"] == []
    assert read["state"]["layers"] == list(PRESETS[preset].settings.hidden_sizes)
    assert read["state"]["learningRate"] == PRESETS[preset].settings.learning_rate


def test_features_and_batch_sizes_map_to_the_page_names():
    settings = page_settings(
        PlaygroundSettings(features=("x1^2", "x1*x2", "sin(x2)"), batch_size=None, noise=0.12)
    )
    assert settings["features"] == ["x1sq", "x1x2", "sin2"]
    assert settings["batchSize"] == 0  # the whole training set
    assert settings["noise"] == 0.1  # the page's grid of 0.05
    assert _page_reads(settings)["ignored"] == []


def test_settings_the_page_cannot_show_are_refused_by_name():
    with pytest.raises(ValueError, match="500 points; got n_samples=300"):
        page_settings(PlaygroundSettings(n_samples=300))
    with pytest.raises(ValueError, match=r"hidden_sizes=\(9,\)"):
        page_settings(PlaygroundSettings(hidden_sizes=(9,)))
    with pytest.raises(ValueError, match="unknown data set"):
        page_settings(PlaygroundSettings(dataset="banana"))


def test_the_fallback_picture_describes_the_run_it_shows(monkeypatch):
    monkeypatch.setenv("NNLIB_STATIC_WIDGETS", "1")
    _, _, fallback = _component_parts(playground().data)
    alt = html.unescape(re.search(r'alt="([^"]+)"', fallback).group(1))
    engine = Playground(PlaygroundSettings())
    engine.step(100)
    assert engine.state.summary() in alt  # the numbers nnlib computes for that picture
    assert "circle" in alt and "<img" in fallback and "JavaScript" in fallback


def test_component_markup_is_what_the_loader_reads():
    markup = component_html("playground", page_settings(PlaygroundSettings()), "<p>x</p>", "a")
    name, settings, _ = _component_parts(markup)
    assert name == "playground" and settings["activation"] == "relu"
