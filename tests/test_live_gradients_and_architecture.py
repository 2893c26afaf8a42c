"""nnbook.live_gradients and nnbook.live_architecture: readouts from nnlib, bad
settings refused by name, the kernel face computing with nnlib."""

import html

import numpy as np
import pytest

from nnbook import live, live_architecture, live_gradients
from nnlib.activations import get_activation, softmax
from nnlib.network import Network


def test_the_depth_readout_is_nnlibs_slope_to_the_power_n():
    text = live_gradients.depth_readout(["sigmoid", "tanh"], 20, 2.0)
    for name in ("sigmoid", "tanh"):
        factor = float(get_activation(name).derivative(2.0)) ** 20
        assert live.format_exponential(factor) in text


@pytest.mark.parametrize(
    ("value", "text"),
    [(1.255e-7, "1.26e−7"), (9.996e3, "1.00e+4"), (0.0, "0.00e+0"), (-2.5, "−2.50e+0")],
)
def test_exponents_are_written_as_javascript_writes_them(value, text):
    # 1.255e-7 is a little above ...255 in binary: toExponential (and Node) write 1.26e-7
    assert live.format_exponential(value) == text


def test_the_softmax_readout_is_nnlibs():
    logits = [1.5, -0.2, 0.3]
    text = live_gradients.softmax_readout(logits, 0.37)
    for k, p in enumerate(softmax(np.array(logits), temperature=0.37)):
        assert f"class {k} {p:.3f}" in text


def test_the_parameter_count_is_nnlibs():
    for sizes in ([2, 1], [2, 16, 16, 16, 1], [3, 5, 2]):
        assert f"= {Network(sizes).parameter_count} parameters." in (
            live_architecture.architecture_readout(sizes)
        )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: live_gradients.gradient_depth(depth=0),
            r"depth must be a whole number in \[1, 50\]",
        ),
        (lambda: live_gradients.gradient_depth(["softmax"]), "functions: 'softmax'"),
        (lambda: live_gradients.softmax_temperature(temperature=20), r"temperature must lie in"),
        (lambda: live_gradients.softmax_temperature([1.0]), "at least two numbers"),
        (
            lambda: live_architecture.architecture_builder(4),
            r"hidden_layers must be a whole number",
        ),
        (lambda: live_architecture.architecture_builder(1, 0), r"width must be a whole number"),
    ],
)
def test_bad_settings_are_refused_by_name(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_with_a_kernel_the_faces_compute_with_nnlib():
    view = live_gradients.gradient_depth(kernel=True)
    view.controls["depth"].value = 33
    assert html.unescape(view.readout.value) == live_gradients.depth_readout(
        ["sigmoid", "tanh", "relu"], 33, 1.0
    )
    view = live_gradients.softmax_temperature(kernel=True)
    view.controls["temperature"].value = 4.2
    assert html.unescape(view.readout.value) == live_gradients.softmax_readout(
        [2.0, 1.0, 0.5, -0.5, -1.0], 4.2
    )
    view = live_architecture.architecture_builder(kernel=True)
    view.controls["hidden_layers"].value = 3
    assert html.unescape(view.readout.value) == live_architecture.architecture_readout(
        [2, 4, 4, 4, 1]
    )


def test_the_static_book_gets_the_page_components(monkeypatch):
    monkeypatch.setenv("NNLIB_STATIC_WIDGETS", "1")
    assert 'data-nnz-component="gradient-depth"' in live_gradients.gradient_depth().data
    assert 'data-nnz-component="softmax-temperature"' in live_gradients.softmax_temperature().data
    assert 'data-nnz-component="architecture"' in live_architecture.architecture_builder().data
