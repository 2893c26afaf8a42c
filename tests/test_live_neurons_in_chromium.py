"""The xor-line and neuron components in Chromium: every control moved, every readout
the sentence nnlib computes (nnbook.live_neurons.*_readout), the picture redrawn."""

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

from nnbook import live_neurons

SIZES = [(1280, 2), (390, 3)]


def xor_state(page) -> tuple[float, float]:
    return (
        float(page.get_by_label("angle θ", exact=True).input_value()),
        float(page.get_by_label("offset c", exact=True).input_value()),
    )


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
        for keys in (
            ["ArrowLeft"] * 15,
            ["Shift+ArrowRight"] * 4,
            ["ArrowUp"] * 30,
            ["Shift+ArrowDown"] * 9,
        ):
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
        assert (
            page.get_by_label("angle θ", exact=True).get_attribute("aria-valuetext").endswith("°")
        )
        screenshot(page, f"xor-line-{width}")


NEURON_LABELS = {
    "x1": "input x₁",
    "x2": "input x₂",
    "w1": "weight w₁",
    "w2": "weight w₂",
    "b": "bias b",
}


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_the_neuron_follows_every_slider(width, scale):
    start = {"x1": 1.0, "x2": 0.0, "w1": 1.0, "w2": 1.0, "b": -1.0}
    with component_page(live_neurons.neuron(**start, as_html=True), width, scale) as page:
        check_canvas_and_width(page, width, scale)
        text, image = readout(page), picture(page)
        assert text == live_neurons.neuron_readout(**start)
        values = dict(start)
        for name, value in [
            ("x2", 0.63),
            ("w1", -0.35),
            ("w2", 1.87),
            ("b", 0.42),
            ("x1", 0.07),
            ("b", -2.0),
        ]:
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


def boundary_state(page) -> dict:
    return {
        name: float(page.get_by_label(label, exact=True).input_value())
        for name, label in (("w1", "weight w₁"), ("w2", "weight w₂"), ("b", "bias b"))
    }


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_the_inbox_boundary_follows_sliders_and_drags(width, scale):
    with component_page(live_neurons.neuron_boundary(1, 1, -5, as_html=True), width, scale) as page:
        check_canvas_and_width(page, width, scale)
        text, image = readout(page), picture(page)
        assert text == live_neurons.neuron_boundary_readout(1, 1, -5)

        def check(before_text, before_image):
            now = wait_for_readout_change(page, before_text)
            assert now == live_neurons.neuron_boundary_readout(**boundary_state(page))
            assert picture(page) != before_image
            return now, picture(page)

        for label, value in (
            ("weight w₁", 0.37),
            ("weight w₂", -0.62),
            ("bias b", 1.15),
            ("weight w₂", 1.2),
            ("bias b", -6.4),
        ):
            set_slider(page, label, value)
            text, image = check(text, image)
        press(page, page.get_by_label("bias b", exact=True), ["ArrowRight"] * 4)
        text, image = check(text, image)
        assert boundary_state(page)["b"] == pytest.approx(-6.36)
        box = page.locator(".nnz-fig-canvas canvas").bounding_box()
        before = boundary_state(page)
        page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.4, box["y"] + box["height"] * 0.55, steps=4)
        page.mouse.up()
        text, image = check(text, image)
        after = boundary_state(page)
        assert (after["w1"], after["w2"]) == (before["w1"], before["w2"]) and after["b"] != before[
            "b"
        ]
        hx, hy = (
            float(v)
            for v in page.locator(".nnz-fig-canvas").get_attribute("data-handle").split(",")
        )
        page.mouse.move(box["x"] + hx, box["y"] + hy)
        page.mouse.down()
        page.mouse.move(box["x"] + hx - 25, box["y"] + hy + 20, steps=4)
        page.mouse.up()
        text, image = check(text, image)
        assert boundary_state(page)["w1"] != after["w1"]
        screenshot(page, f"neuron-boundary-{width}")


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_the_perceptron_steps_plays_and_resets_as_nnlib(width, scale):
    with component_page(live_neurons.perceptron_steps("and", as_html=True), width, scale) as page:
        check_canvas_and_width(page, width, scale)
        assert readout(page) == live_neurons.perceptron_readout("and", 0)
        step = page.get_by_role("button", name="Step")
        for gate in live_neurons.PERCEPTRON_GATES:
            page.get_by_role("button", name=gate.upper(), exact=True).click()
            assert readout(page) == live_neurons.perceptron_readout(gate, 0)
            assert (
                page.get_by_role("button", name=gate.upper(), exact=True).get_attribute(
                    "aria-pressed"
                )
                == "true"
            )
            total = len(live_neurons.perceptron_run(gate).updates)
            image = picture(page)
            changed_pictures = 0
            for visit in range(1, total + 1):
                step.click()
                assert readout(page) == live_neurons.perceptron_readout(gate, visit), (gate, visit)
                marked = page.evaluate("document.querySelector('.nnz-component').nnzPerceptron")
                expected = live_neurons.perceptron_mistakes(gate, visit)
                assert marked["wrong"] == expected["wrong"], (gate, visit)
                assert marked["errorsPerEpoch"] == expected["errors_per_epoch"], (gate, visit)
                assert marked["running"] == expected["running"], (gate, visit)
                changed_pictures += picture(page) != image  # the ring moves every visit
                image = picture(page)
            assert changed_pictures == total
            assert step.is_disabled()  # converged, or the last epoch done
        # Reset, then Play runs on its own until Pause
        page.get_by_role("button", name="Reset").click()
        assert readout(page) == live_neurons.perceptron_readout("xor", 0)
        page.get_by_role("button", name="Play").click()
        page.wait_for_function(
            "() => document.querySelector('.nnz-fig-readout').textContent.includes('epoch 2')"
        )
        page.get_by_role("button", name="Pause").click()
        text = readout(page)
        visits = next(
            v
            for v in range(len(live_neurons.perceptron_run("xor").updates) + 1)
            if live_neurons.perceptron_readout("xor", v) == text
        )
        assert visits >= 5
        screenshot(page, f"perceptron-{width}")


def test_the_perceptron_waits_while_off_screen():
    body = live_neurons.perceptron_steps("xor", max_epochs=50, as_html=True)
    body += '<div style="height: 4000px"></div><p id="far">end</p>'
    with component_page(body) as page:
        visits = "() => document.querySelector('.nnz-component').nnzPerceptron.visits"
        page.get_by_role("button", name="Play").click()
        page.wait_for_function(visits + " > 1")
        page.locator("#far").scroll_into_view_if_needed()
        page.wait_for_selector(".nnz-perceptron[data-on-screen=false]", state="attached")
        hidden_at = page.evaluate(visits)
        page.wait_for_timeout(2000)  # Play steps every 0.7 s when on screen
        assert page.evaluate(visits) == hidden_at
        page.locator(".nnz-component").scroll_into_view_if_needed()
        page.wait_for_function(visits + " > " + str(hidden_at))
