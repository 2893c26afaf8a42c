"""Chapter 9's gradient-check component in Chromium: the slider (pointer and keys), a
click and a drag on the plot and the figure's arrow keys move ε; the picture and the
readout change; every relative error the page shows is nnlib's (computed here at test
time) within the bounds of tests/gradcheck_bounds.py, and the chapter's claims hold
for the page's own curves."""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck_bounds import allowed
from live_page import (
    check_canvas_and_width,
    component_page,
    picture,
    press,
    readout,
    screenshot,
    set_slider,
    wait_for_readout_change,
    wait_for_record,
)

from nnbook import live_gradcheck
from nnlib.gradcheck import numerical_gradient, relative_error
from nnlib.losses import CategoricalCrossEntropy
from nnlib.network import Network

SIZES = [(1280, 2), (390, 3)]
SLIDER = "exponent k, with ε = 10 to the power −k"


def chapter_case():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(5, 2)), np.array([0, 2, 1, 2, 0])
    return Network([2, 4, 3, 3], activation="tanh", seed=0), X, y


def record(page) -> dict:
    return page.evaluate("document.querySelector('.nnz-component').nnzGradcheck")


def wait_for_k(page, k: float, tolerance: float = 1e-9) -> str:
    return wait_for_record(
        page, "nnzGradcheck", "(shown, [k, t]) => Math.abs(shown.k - k) <= t", [k, tolerance]
    )


def nnlib_errors(net, X, y, epsilon):
    """(correct, buggy) relative errors and the bounds the page's may differ by."""
    loss = CategoricalCrossEntropy()
    correct, buggy = live_gradcheck.first_layer_gradients(net, X, y)
    numeric = numerical_gradient(lambda _: loss(net.forward(X), y), net.layers[0].W, epsilon)
    value = loss(net.forward(X), y)
    out = []
    for analytic in (correct, buggy):
        r = relative_error(analytic, numeric)
        out.append((r, allowed(epsilon, r, analytic, numeric, value)))
    return out


def check_against_nnlib(page, case) -> dict:
    shown = record(page)
    (correct, c_bound), (buggy, b_bound) = nnlib_errors(*case, shown["epsilon"])
    # 1 / 10^k: Python's and V8's powers may differ in the last bit for a fractional k
    assert shown["epsilon"] == pytest.approx(live_gradcheck.page_epsilon(shown["k"]), rel=1e-15)
    assert abs(shown["correct"] - correct) <= c_bound
    assert abs(shown["buggy"] - buggy) <= b_bound
    assert readout(page) == live_gradcheck.gradcheck_readout(
        shown["epsilon"], shown["k"], shown["correct"], shown["buggy"]
    )
    slider = page.get_by_label(SLIDER, exact=True)
    assert float(slider.input_value()) == pytest.approx(shown["k"], abs=1e-9)
    assert slider.get_attribute("aria-valuetext") == (
        f"k = {live_gradcheck.format_number(shown['k'], 2)}, "
        f"ε = {live_gradcheck.format_exponential(shown['epsilon'])}"
    )
    return shown


def plot_x(page, k):
    """CSS px of k on the plot, from the component's frame (left 58, right 16 px)."""
    left, top, width = page.evaluate(
        """() => { const c = document.querySelector('.nnz-component canvas');
        const r = c.getBoundingClientRect(); return [r.left, r.top, c.clientWidth]; }"""
    )
    return left + 58 + (k - 1) / 11 * (width - 58 - 16), top + 30 + 100


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_the_gradient_check_in_the_page_is_nnlibs(width, scale):
    case = chapter_case()
    html = live_gradcheck.gradient_check(*case, k=6.0, as_html=True)
    with component_page(html, width, scale) as page:
        check_canvas_and_width(page, width, scale)
        shown = check_against_nnlib(page, case)
        assert shown["k"] == 6.0 and shown["epsilon"] == 1e-6
        # the page's whole curves: nnlib's within the bounds, and the chapter's claims
        curve = shown["curve"]
        for i in range(0, len(curve["ks"]), 10):
            (c, c_bound), (b, b_bound) = nnlib_errors(*case, curve["epsilons"][i])
            assert abs(curve["correct"][i] - c) <= c_bound
            assert abs(curve["buggy"][i] - b) <= b_bound
        correct = np.array(curve["correct"])
        bottom = int(np.argmin(correct))
        assert 0 < bottom < len(correct) - 1, "the correct curve is U-shaped"
        assert correct[curve["ks"].index(6.0)] < 100 * correct[bottom]
        assert min(curve["buggy"]) > 1e-3, "the buggy curve stays high for every ε"
        text, image = readout(page), picture(page)
        # the slider: continuous, any k
        for k in (2.5, 9.37, 1.0, 12.0, 4.06):
            set_slider(page, SLIDER, k)
            text = wait_for_readout_change(page, text)
            assert check_against_nnlib(page, case)["k"] == pytest.approx(k)
            assert picture(page) != image
            image = picture(page)
        # the slider's own keys: 0.01 a press
        press(page, page.get_by_label(SLIDER, exact=True), ["ArrowRight", "ArrowRight"])
        text = wait_for_k(page, 4.08)
        assert check_against_nnlib(page, case)["k"] == pytest.approx(4.08)
        # a click on the plot, then a drag
        page.mouse.click(*plot_x(page, 3.0))
        text = wait_for_k(page, 3.0, 0.03)
        assert check_against_nnlib(page, case)["k"] == pytest.approx(3.0, abs=0.03)
        assert picture(page) != image
        image = picture(page)
        page.mouse.move(*plot_x(page, 3.0))
        page.mouse.down()
        page.mouse.move(*plot_x(page, 10.0), steps=6)
        page.mouse.up()
        text = wait_for_k(page, 10.0, 0.03)
        assert check_against_nnlib(page, case)["k"] == pytest.approx(10.0, abs=0.03)
        # the figure's keys: 0.1 a press, 1 with Shift; Home and End
        before = record(page)["k"]
        figure = page.locator(".nnz-gradcheck .nnz-fig-canvas")
        press(page, figure, ["ArrowLeft", "ArrowLeft", "ArrowLeft", "Shift+ArrowLeft"])
        text = wait_for_k(page, before - 1.3)
        assert check_against_nnlib(page, case)["k"] == pytest.approx(before - 1.3, abs=1e-9)
        assert "now k = " in figure.get_attribute("aria-label")
        press(page, figure, ["Home"])
        text = wait_for_readout_change(page, text)
        assert check_against_nnlib(page, case)["k"] == 1.0
        press(page, figure, ["End"])
        text = wait_for_readout_change(page, text)
        assert check_against_nnlib(page, case)["k"] == 12.0
        assert picture(page) != image
        screenshot(page, f"gradient-check-{width}")
