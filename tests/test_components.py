"""The Python side of the page's live components (nnbook.components)."""

import json
import re

import pytest

from nnbook.components import component_html, settings_json


def test_settings_round_trip_and_cannot_close_the_script_element():
    settings = {"title": "</script><script>alert(1)</script>", "rate": 0.03, "sizes": [4, 4]}
    text = settings_json(settings)
    assert "<" not in text and ">" not in text
    assert json.loads(text) == settings


def test_component_html_names_the_module_and_keeps_the_fallback():
    html = component_html("playground", {"seed": 3}, fallback_html="<img alt='a map'>", label="P")
    assert 'data-nnz-component="playground"' in html
    assert 'aria-label="P"' in html
    payload = re.search(r'<script type="application/json">(.*?)</script>', html).group(1)
    assert json.loads(payload) == {"seed": 3}
    assert "<div class=\"nnz-fallback\"><img alt='a map'></div>" in html


@pytest.mark.parametrize("name", ["../evil", "Play ground", "", 3])
def test_component_names_must_be_module_file_names(name):
    with pytest.raises(ValueError, match="component name"):
        component_html(name, {})


def test_nan_settings_are_refused():
    with pytest.raises(ValueError):
        settings_json({"rate": float("nan")})
