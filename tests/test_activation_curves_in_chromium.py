"""The activation-curves component, mounted by the book's loader in Chromium.

The page (handed to Chromium by Playwright) holds what ``nnbook.live`` writes for a
chapter cell, the book's stylesheet and its loader (book/js/nnz-components.js),
served from the worktree. The reader's paths are driven -- keys, pointer, the alpha
slider -- and every readout the page shows must be the sentence nnlib computes for
the same z and alpha (nnbook.live.activation_readout).
"""

from __future__ import annotations

import pytest
from live_page import check_canvas_and_width, component_page, screenshot

from nnbook import live

FUNCTIONS = ["relu", "leaky_relu", "elu", "gelu", "silu"]
OPTIONS = {"alpha": 0.1, "z_range": (-4.0, 3.0), "z": 1.0, "title": "ReLU and its relatives"}


def state(page) -> tuple[float, float, str]:
    figure = page.locator("[role=slider]")
    alpha = float(page.locator("input[type=range]").input_value())
    return (
        float(figure.get_attribute("aria-valuenow")),
        alpha,
        figure.get_attribute("aria-valuetext"),
    )


def wait_for_change(page, before: str) -> None:
    page.wait_for_function(
        "before => document.querySelector('[role=slider]')"
        ".getAttribute('aria-valuetext') !== before",
        arg=before,
    )


@pytest.mark.parametrize(("width", "scale"), [(1280, 2), (390, 3)])
def test_every_readout_is_what_nnlib_computes(width, scale):
    with component_page(live.activation_curves_html(FUNCTIONS, **OPTIONS), width, scale) as page:
        # one pixel per device pixel, within the page, the fallback hidden
        check_canvas_and_width(page, width, scale)
        canvas = page.locator(".nnz-curves canvas")

        z, alpha, text = state(page)
        assert (z, alpha) == (OPTIONS["z"], OPTIONS["alpha"])
        assert text == live.activation_readout(FUNCTIONS, alpha, z)
        assert page.locator(".nnz-curves-readout").inner_text() == text

        figure = page.locator("[role=slider]")
        figure.focus()
        for keys in (["Home"], ["ArrowRight"] * 7, ["PageUp"], ["End"], ["ArrowLeft"] * 3):
            before = state(page)[2]
            for key in keys:
                page.keyboard.press(key)
            wait_for_change(page, before)
            z, alpha, text = state(page)
            assert text == live.activation_readout(FUNCTIONS, alpha, z), keys
        assert z < OPTIONS["z_range"][1]

        # the alpha slider changes Leaky ReLU and ELU, and the readout follows
        slider = page.locator("input[type=range]")
        before = state(page)[2]
        slider.focus()
        for _ in range(20):
            page.keyboard.press("ArrowRight")
        wait_for_change(page, before)
        z, alpha, text = state(page)
        assert alpha == pytest.approx(0.30)
        assert text == live.activation_readout(FUNCTIONS, alpha, z)
        assert slider.get_attribute("aria-valuetext") == "α = 0.30"

        # the pointer moves the readout to where it points
        box = canvas.bounding_box()
        before = state(page)[2]
        page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.4)
        wait_for_change(page, before)
        z, alpha, text = state(page)
        assert text == live.activation_readout(FUNCTIONS, alpha, z)

        screenshot(page, f"activation-curves-{width}")
