"""The gradient-depth and softmax-temperature components in Chromium: every control
moved, every readout the sentence nnlib computes, the picture redrawn."""

from __future__ import annotations

import math

import pytest
from live_page import (
    check_canvas_and_width,
    component_page,
    picture,
    press,
    readout,
    screenshot,
    set_slider,
    wait_for_readout_change,
)

from nnbook import live_gradients

SIZES = [(1280, 2), (390, 3)]
FUNCTIONS = ["sigmoid", "tanh", "relu"]


def depth_state(page):
    return (
        int(page.get_by_label("depth N", exact=True).input_value()),
        float(page.get_by_label("z at every layer", exact=True).input_value()),
    )


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_the_depth_curves_follow_both_sliders(width, scale):
    shown = live_gradients.gradient_depth(FUNCTIONS, 10, 1.0, as_html=True)
    with component_page(shown, width, scale) as page:
        check_canvas_and_width(page, width, scale)
        text, image = readout(page), picture(page)
        assert text == live_gradients.depth_readout(FUNCTIONS, 10, 1.0)
        moves = [
            ("depth N", 50),
            ("z at every layer", 3.0),
            ("z at every layer", -0.73),
            ("depth N", 1),
            ("z at every layer", 0.0),
            ("depth N", 37),
        ]
        for label, value in moves:
            set_slider(page, label, value)
            text = wait_for_readout_change(page, text)
            depth, z = depth_state(page)
            assert text == live_gradients.depth_readout(FUNCTIONS, depth, z), (label, value)
            assert picture(page) != image
            image = picture(page)
        press(page, page.get_by_label("depth N", exact=True), ["ArrowLeft"] * 2)
        text = wait_for_readout_change(page, text)
        assert depth_state(page)[0] == 35
        assert text == live_gradients.depth_readout(FUNCTIONS, *depth_state(page))
        assert (
            page.get_by_label("depth N", exact=True).get_attribute("aria-valuetext") == "35 layers"
        )
        screenshot(page, f"gradient-depth-{width}")


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_the_softmax_bars_follow_the_temperature(width, scale):
    logits = [2.0, 1.0, 0.5, -0.5, -1.0]
    with component_page(
        live_gradients.softmax_temperature(logits, 1.0, as_html=True), width, scale
    ) as page:
        check_canvas_and_width(page, width, scale)
        text, image = readout(page), picture(page)
        assert text == live_gradients.softmax_readout(logits, 1.0)
        slider = page.get_by_label("temperature T (log scale)", exact=True)
        for position in (-1.0, 1.0, math.log10(0.37), 0.5):
            set_slider(page, "temperature T (log scale)", position)
            text = wait_for_readout_change(page, text)
            temperature = float(slider.get_attribute("aria-valuetext").removeprefix("T = "))
            assert temperature == round(10**position, 2)
            assert text == live_gradients.softmax_readout(logits, temperature)
            assert picture(page) != image
            image = picture(page)
        press(page, slider, ["ArrowLeft"] * 10)
        text = wait_for_readout_change(page, text)
        temperature = float(slider.get_attribute("aria-valuetext").removeprefix("T = "))
        assert temperature == round(10 ** (0.5 - 10 * 0.005), 2)
        assert text == live_gradients.softmax_readout(logits, temperature)
        screenshot(page, f"softmax-{width}")
