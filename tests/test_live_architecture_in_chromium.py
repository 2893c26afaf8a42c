"""The architecture builder in Chromium: every hidden-layer count and several widths,
each readout (and so each parameter count) the one nnlib computes, the diagram redrawn."""

from __future__ import annotations

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

from nnbook import live_architecture


@pytest.mark.parametrize(("width", "scale"), [(1280, 2), (390, 3)])
def test_every_architecture_shows_nnlibs_parameter_count(width, scale):
    with component_page(
        live_architecture.architecture_builder(1, 4, as_html=True), width, scale
    ) as page:
        check_canvas_and_width(page, width, scale)
        text, image = readout(page), picture(page)
        assert text == live_architecture.architecture_readout([2, 4, 1])
        state = {"hidden": 1, "width": 4}
        for hidden in (0, 2, 3):
            for units in (16, 1, 7):
                for label, key, value in (
                    ("hidden layers", "hidden", hidden),
                    ("neurons per hidden layer", "width", units),
                ):
                    if state[key] == value or (key == "width" and state["hidden"] == 0):
                        continue
                    set_slider(page, label, value)
                    state[key] = value
                    text = wait_for_readout_change(page, text)
                    sizes = [2] + [state["width"]] * state["hidden"] + [1]
                    assert text == live_architecture.architecture_readout(sizes)
                    assert picture(page) != image
                    image = picture(page)
        press(page, page.get_by_label("hidden layers", exact=True), ["ArrowLeft"])
        text = wait_for_readout_change(page, text)
        assert text == live_architecture.architecture_readout([2, 7, 7, 1])
        assert (
            page.get_by_label("hidden layers", exact=True).get_attribute("aria-valuetext")
            == "2 hidden layers"
        )
        screenshot(page, f"architecture-{width}")
