"""The xor-line and neuron components in Chromium: every control moved, every readout
the sentence nnlib computes (nnbook.live_neurons.*_readout), the picture redrawn."""

from __future__ import annotations

import pytest
from live_page import (
    check_canvas_and_width, component_page, picture, press, readout, screenshot, set_slider,
    wait_for_readout_change,
)

from nnbook import live_neurons

SIZES = [(1280, 2), (390, 3)]


def xor_state(page) -> tuple[float, float]:
    return (float(page.get_by_label("angle θ", exact=True).input_value()),
            float(page.get_by_label("offset c", exact=True).input_value()))


def check_xor(page, before_text, before_picture):
    text = wait_for_readout_change(page, before_text)
    theta, offset = xor_state(page)
    assert text == live_neurons.xor_line_readout(theta, offset)
    assert len(live_neurons.xor_line_errors(theta, offset)) > 0  # XOR: never 0
    assert picture(page) != before_picture
    return text, picture(page)


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_the_xor_line_follows_keys_sliders_and_drags(width, scale):
    with component_page(live_neurons.xor_line(30, 0.5, as_html=True), width, scale) as page:
        check_canvas_and_width(page, width, scale)
        text, image = readout(page), picture(page)
        assert text == live_neurons.xor_line_readout(30, 0.5)
        figure = page.locator(".nnz-fig-canvas")
        for keys in (["ArrowLeft"] * 15, ["Shift+ArrowRight"] * 4, ["ArrowUp"] * 30,
                     ["Shift+ArrowDown"] * 9):
            press(page, figure, keys)
            text, image = check_xor(page, text, image)
        assert xor_state(page) == (30 + 15 - 40, round(0.5 + 0.30 - 0.90, 2))  # ← turns left
        set_slider(page, "angle θ", 123.4)
        text, image = check_xor(page, text, image)
        set_slider(page, "offset c", -0.37)
        text, image = check_xor(page, text, image)
        assert xor_state(page) == (123.4, -0.37)
        # drag the line (it shifts, θ kept), then the arrow's handle (it turns)
        box = page.locator(".nnz-fig-canvas canvas").bounding_box()
        page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.45, steps=5)
        page.mouse.up()
        text, image = check_xor(page, text, image)
        assert xor_state(page)[0] == 123.4 and xor_state(page)[1] != -0.37
        hx, hy = (float(v) for v in figure.get_attribute("data-handle").split(","))
        page.mouse.move(box["x"] + hx, box["y"] + hy)
        page.mouse.down()
        page.mouse.move(box["x"] + hx + 40, box["y"] + hy + 30, steps=5)
        page.mouse.up()
        turned = xor_state(page)[0]
        text, image = check_xor(page, text, image)
        assert xor_state(page)[0] != 123.4 and turned == xor_state(page)[0]
        assert page.get_by_label("angle θ", exact=True).get_attribute("aria-valuetext").endswith("°")
        screenshot(page, f"xor-line-{width}")


NEURON_LABELS = {"x1": "input x₁", "x2": "input x₂", "w1": "weight w₁", "w2": "weight w₂",
                 "b": "bias b"}


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_the_neuron_follows_every_slider(width, scale):
    start = {"x1": 1.0, "x2": 0.0, "w1": 1.0, "w2": 1.0, "b": -1.0}
    with component_page(live_neurons.neuron(**start, as_html=True), width, scale) as page:
        check_canvas_and_width(page, width, scale)
        text, image = readout(page), picture(page)
        assert text == live_neurons.neuron_readout(**start)
        values = dict(start)
        for name, value in [("x2", 0.63), ("w1", -0.35), ("w2", 1.87), ("b", 0.42), ("x1", 0.07),
                            ("b", -2.0)]:
            set_slider(page, NEURON_LABELS[name], value)
            values[name] = value
            text = wait_for_readout_change(page, text)
            assert text == live_neurons.neuron_readout(**values), name
            assert picture(page) != image
            image = picture(page)
        # the keyboard path: arrow keys on a slider move it by its step
        press(page, page.get_by_label("weight w₂", exact=True), ["ArrowLeft"] * 3)
        values["w2"] = round(1.87 - 0.03, 2)
        text = wait_for_readout_change(page, text)
        assert text == live_neurons.neuron_readout(**values)
        assert page.get_by_label("weight w₂", exact=True).get_attribute("aria-valuetext") == "1.84"
        screenshot(page, f"neuron-{width}")
