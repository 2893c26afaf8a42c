"""nnbook.live: the settings, readout and fallback of components that compute in the page."""

import html
import json
import math
import re

import pytest

from nnbook import live
from nnlib.activations import elu, gelu, leaky_relu, sigmoid


def test_readout_takes_its_numbers_from_nnlib():
    text = live.activation_readout(["sigmoid", "leaky_relu", "elu", "gelu"], 0.3, -1.25)
    expected = [
        f"sigmoid {live.format_number(sigmoid(-1.25))}",
        f"Leaky ReLU (α = 0.30) {live.format_number(leaky_relu(-1.25, alpha=0.3))}",
        f"ELU (α = 0.30) {live.format_number(elu(-1.25, alpha=0.3))}",
        f"GELU {live.format_number(gelu(-1.25))}",
    ]
    assert text.startswith("At z = −1.25: ")
    for part in expected:
        assert part in text


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [
        (0.0625, 3, "0.063"),  # a tie in binary: JavaScript's toFixed rounds it up
        (-0.0625, 3, "−0.063"),
        (-0.0, 3, "0.000"),  # toFixed writes no sign for -0
        (-0.0001, 3, "−0.000"),
        (2.5, 0, "3"),
        (1.0 / 3.0, 2, "0.33"),
    ],
)
def test_numbers_are_written_as_the_page_writes_them(value, digits, text):
    # the cases where Python's own format differs: ties go half-up, -0 has no sign
    assert live.format_number(value, digits) == text


def test_the_settings_carry_what_the_component_needs():
    settings = live.activation_curves_settings(["relu", "elu"], alpha=0.5, z_range=(-3, 2), z=1)
    assert settings["functions"] == ["relu", "elu"]
    assert settings["range"] == [-3.0, 2.0] and settings["z"] == 1.0 and settings["alpha"] == 0.5
    assert settings["labels"] == {"relu": "ReLU", "elu": "ELU"}
    assert settings["showDerivative"] is True
    json.dumps(settings, allow_nan=False)  # JSON, no NaN


def test_the_html_holds_the_settings_and_a_picture_with_its_text_alternative():
    html = live.activation_curves_html(["sigmoid", "tanh", "relu"], z=1.0, z_range=(-6, 6))
    payload = re.search(r'<script type="application/json">(.*?)</script>', html).group(1)
    assert json.loads(payload) == live.activation_curves_settings(
        ["sigmoid", "tanh", "relu"], z=1.0, z_range=(-6, 6)
    )
    image = re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="([^"]+)"', html)
    assert image and "sigmoid, tanh, ReLU" in image.group(1) and "slopes" in image.group(1)
    # the caption is the readout at the starting z
    assert live.activation_readout(["sigmoid", "tanh", "relu"], 0.1, 1.0) in html


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"functions": ["softmax"]}, "functions: 'softmax' is not an elementwise activation"),
        ({"functions": "relu"}, "non-empty list of activation names"),
        ({"functions": []}, "non-empty list"),
        ({"alpha": 2.0}, r"alpha must lie in \[0.01, 1.0\]"),
        ({"alpha": math.nan}, "alpha must be a finite number"),
        ({"z_range": (3, -3)}, "low < high"),
        ({"z": 10.0}, "z must lie inside z_range"),
    ],
)
def test_bad_settings_are_refused_by_name(options, message):
    functions = options.pop("functions", ["relu"])
    with pytest.raises(ValueError, match=message):
        live.activation_curves_settings(functions, **options)


def test_with_a_kernel_the_same_function_gives_an_nnlib_explorable_with_the_same_readout():
    functions = ["relu", "leaky_relu", "elu"]
    view = live.activation_curves(functions, alpha=0.2, z_range=(-3, 3), z=-1.0, kernel=True)
    assert html.unescape(view.readout.value) == live.activation_readout(functions, 0.2, -1.0)
    before = view.image.value
    view.controls["z"].value = 0.5
    view.controls["alpha"].value = 0.6
    assert html.unescape(view.readout.value) == live.activation_readout(functions, 0.6, 0.5)
    assert view.image.value != before and view.image.value[:4] == b"\x89PNG"


def test_without_alpha_functions_there_is_no_alpha_control():
    view = live.activation_curves(["sigmoid", "tanh"], kernel=True)
    assert list(view.controls) == ["z"]


def test_the_static_book_gets_the_page_component(monkeypatch):
    monkeypatch.setenv("NNLIB_STATIC_WIDGETS", "1")
    shown = live.activation_curves(["sigmoid"], z_range=(-2, 2))
    assert 'data-nnz-component="activation-curves"' in shown.data


def test_the_shared_palette_is_nnbook_plottings():
    from nnbook import plotting

    colors = live.book_colors()
    assert colors["series"] == list(plotting.SERIES_COLORS)
    assert colors["classes"] == list(plotting.CLASS_COLORS)
    assert colors["face"] == plotting.FACE_COLOR and colors["ink"] == plotting.INK_COLOR
