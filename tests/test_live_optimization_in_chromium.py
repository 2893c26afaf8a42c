"""Chapter 9's optimizer components in Chromium: every control moved (slider, click,
drag, keys, buttons); the picture redrawn; the page's paths and readouts equal what
nnlib's optimizers give from the same start at the same rate, computed here at test
time (nnbook.live_optimization)."""

from __future__ import annotations

import math

import numpy as np
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
    wait_for_record,
)

from nnbook import live_optimization
from nnlib.optimizers import SGD

SIZES = [(1280, 2), (390, 3)]
RATE = "learning rate η (log scale)"


def tilted_bowl():
    angle = np.deg2rad(30)
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    return rotation @ np.diag([1.0, 10.0]) @ rotation.T


def descent_record(page) -> dict:
    return page.evaluate("document.querySelector('.nnz-component').nnzDescent")


def wait_for_start(page, start, tolerance: float = 1e-9) -> str:
    return wait_for_record(
        page,
        "nnzDescent",
        "(shown, [start, t]) => shown.start.every((v, i) => Math.abs(v - start[i]) <= t)",
        [list(start), tolerance],
    )


def check_descent_against_nnlib(page, settings) -> dict:
    record = descent_record(page)
    expected = live_optimization.descend(
        SGD(record["rate"]), settings["surface"], record["start"], settings["steps"]
    )
    assert record["blewUpAt"] == expected["blew_up_at"]
    assert np.array(record["path"]) == pytest.approx(expected["path"], rel=1e-9, abs=1e-12)
    assert record["losses"] == pytest.approx(expected["losses"], rel=1e-9, abs=1e-12)
    assert readout(page) == live_optimization.descent_readout(
        record["rate"], settings["limit"], record["start"], expected, settings["steps"]
    )
    return record


def surface_point(page, w1, w2):
    """CSS px on the canvas of the weights (w1, w2), from the drawn surface's frame."""
    box = page.evaluate(
        """() => { const c = document.querySelector('.nnz-component canvas');
        const r = c.getBoundingClientRect(); return [r.left, r.top, c.clientWidth]; }"""
    )
    left, top, width = box
    side = (width - 2 * 52 - 2 * 12) // 2 if width >= 600 else width - 52 - 12
    return left + 52 + (w1 + 5) / 10 * side, top + 28 + (5 - w2) / 10 * side


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_descent_in_the_page_is_nnlibs_sgd(width, scale):
    H = tilted_bowl()
    settings = live_optimization.descent_settings(H, (-4.0, 3.0), 0.1)
    html = live_optimization.descent_surface(H, (-4.0, 3.0), 0.1, as_html=True)
    with component_page(html, width, scale) as page:
        check_canvas_and_width(page, width, scale)
        record = check_descent_against_nnlib(page, settings)
        assert record["rate"] == 0.1 and record["start"] == [-4.0, 3.0]
        text, image = readout(page), picture(page)
        # the learning rate: continuous on a log scale, up to and past the limit 0.2
        slider = page.get_by_label(RATE, exact=True)
        for position in (math.log10(0.19), math.log10(0.25), -3.0, math.log10(0.0437)):
            set_slider(page, RATE, position)
            text = wait_for_readout_change(page, text)
            record = check_descent_against_nnlib(page, settings)
            assert record["rate"] == pytest.approx(10 ** float(slider.input_value()), rel=1e-12)
            assert slider.get_attribute("aria-valuetext") == (
                "η = " + live_optimization.format_learning_rate(record["rate"])
            )
            assert picture(page) != image
            image = picture(page)
        set_slider(page, RATE, math.log10(0.25))
        text = wait_for_readout_change(page, text)
        assert "diverged" in text and "NaN" not in text
        set_slider(page, RATE, -1.0)
        text = wait_for_readout_change(page, text)
        # click on the surface: the start moves there (rounded to 0.01)
        page.mouse.click(*surface_point(page, 2.0, -3.0))
        text = wait_for_readout_change(page, text)
        record = check_descent_against_nnlib(page, settings)
        assert record["start"] == pytest.approx([2.0, -3.0], abs=0.06)
        assert picture(page) != image
        image = picture(page)
        # drag it
        page.mouse.move(*surface_point(page, *record["start"]))
        page.mouse.down()
        page.mouse.move(*surface_point(page, -1.0, 4.0), steps=5)
        page.mouse.up()
        text = wait_for_start(page, [-1.0, 4.0], 0.06)
        record = check_descent_against_nnlib(page, settings)
        assert record["start"] == pytest.approx([-1.0, 4.0], abs=0.06)
        # the keyboard: arrows by 0.1, with Shift by 1
        before = record["start"]
        figure = page.locator(".nnz-descent .nnz-fig-canvas")
        press(page, figure, ["ArrowRight", "ArrowRight", "ArrowDown", "Shift+ArrowLeft"])
        text = wait_for_start(page, [before[0] + 0.2 - 1, before[1] - 0.1])
        record = check_descent_against_nnlib(page, settings)
        assert record["start"] == pytest.approx([before[0] + 0.2 - 1, before[1] - 0.1], abs=1e-9)
        assert "start at (" in figure.get_attribute("aria-label")
        screenshot(page, f"descent-surface-{width}")


CHOICES = {
    "SGD and momentum at 0.001, Adam at 0.1": {"SGD": 0.001, "momentum": 0.001, "Adam": 0.1},
    "SGD at 0.03 (blows up), the others at 0.002": {"SGD": 0.03, "momentum": 0.002, "Adam": 0.002},
}


def race_record(page) -> dict:
    return page.evaluate("document.querySelector('.nnz-component').nnzRace")


def check_race_against_nnlib(page, steps) -> dict:
    record = race_record(page)
    expected = live_optimization.race_runs(record["rates"], record["start"], steps)
    for name, run in expected.items():
        shown = record["runs"][name]
        assert shown["blewUpAt"] == run["blew_up_at"], name
        assert np.array(shown["path"]) == pytest.approx(run["path"], rel=1e-9, abs=1e-12), name
        assert shown["losses"] == pytest.approx(run["losses"], rel=1e-9, abs=1e-12), name
    assert readout(page) == live_optimization.race_readout(
        record["step"], record["rates"], expected
    )
    return record


def race_point(page, w1, w2):
    left, top, width = page.evaluate(
        """() => { const c = document.querySelector('.nnz-component canvas');
        const r = c.getBoundingClientRect(); return [r.left, r.top, c.clientWidth]; }"""
    )
    side = (width - 2 * 52 - 2 * 12) // 2 if width >= 600 else width - 52 - 12
    return left + 52 + (w1 + 2) / 4 * side, top + 28 + (3 - w2) / 4 * side


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_the_race_in_the_page_is_nnlibs_optimizers(width, scale):
    steps = 300
    html = live_optimization.optimizer_race(CHOICES, (-1.5, 2.0), steps, as_html=True)
    with component_page(html, width, scale) as page:
        check_canvas_and_width(page, width, scale)
        record = check_race_against_nnlib(page, steps)
        assert record["step"] == steps and record["rates"] == {
            "sgd": 0.001,
            "momentum": 0.001,
            "adam": 0.1,
        }
        text, image = readout(page), picture(page)
        # the step slider
        for value in (0, 137, 25):
            set_slider(page, "step", value)
            text = wait_for_readout_change(page, text)
            record = check_race_against_nnlib(page, steps)
            assert record["step"] == value
            assert page.get_by_label("step", exact=True).get_attribute("aria-valuetext") == (
                f"step {value} of {steps}"
            )
            assert picture(page) != image
            image = picture(page)
        # the other rates: SGD blows up, and the page says so
        page.get_by_label(list(CHOICES)[1]).check()
        text = wait_for_readout_change(page, text)
        record = check_race_against_nnlib(page, steps)
        assert record["runs"]["sgd"]["blewUpAt"] is not None
        set_slider(page, "step", steps)
        text = wait_for_readout_change(page, text)
        assert "SGD (η = 0.0300) blew up at step" in text and "NaN" not in text
        # a new start by click, then by keys
        page.mouse.click(*race_point(page, 0.5, -0.5))
        text = wait_for_readout_change(page, text)
        record = check_race_against_nnlib(page, steps)
        assert record["start"] == pytest.approx([0.5, -0.5], abs=0.03)
        before = record["start"]
        press(page, page.locator(".nnz-race .nnz-fig-canvas"), ["ArrowUp", "Shift+ArrowLeft"])
        text = wait_for_readout_change(page, text)
        record = check_race_against_nnlib(page, steps)
        assert record["start"] == pytest.approx([before[0] - 1, before[1] + 0.1], abs=1e-9)
        # Play from the end starts again at 0 and runs; Pause stops it
        page.get_by_role("button", name="Play").click()
        page.wait_for_function(
            "() => { const r = document.querySelector('.nnz-component').nnzRace;"
            " return r.step > 20 && r.step < 290; }"
        )
        page.get_by_role("button", name="Pause").click()
        check_race_against_nnlib(page, steps)
        screenshot(page, f"optimizer-race-{width}")


def test_the_race_pauses_while_off_screen():
    html = live_optimization.optimizer_race(
        CHOICES, (-1.5, 2.0), 2000, steps_per_frame=1, as_html=True
    )
    body = html + '<div style="height: 4000px"></div><p id="far">end</p>'
    with component_page(body) as page:
        page.get_by_role("button", name="Play").click()
        page.wait_for_function("() => document.querySelector('.nnz-component').nnzRace.step > 3")
        page.locator("#far").scroll_into_view_if_needed()
        page.wait_for_selector(".nnz-race[data-on-screen=false]", state="attached")
        hidden_at = race_record(page)["step"]
        page.evaluate(
            "() => new Promise(done => { let n = 0; const f = () => "
            "(++n < 30 ? requestAnimationFrame(f) : done()); requestAnimationFrame(f); })"
        )
        assert race_record(page)["step"] == hidden_at
        page.locator(".nnz-component").scroll_into_view_if_needed()
        page.wait_for_function(
            "n => document.querySelector('.nnz-component').nnzRace.step > n", arg=hidden_at
        )


INITIALIZERS = {
    "zeros": ("zeros", None),
    "too small (std 0.01)": ("normal", 0.01),
    "too large (std 1)": ("normal", 1.0),
    "Xavier": ("xavier_normal", None),
    "He": ("he_normal", None),
}


def spread_record(page) -> dict:
    return page.evaluate("document.querySelector('.nnz-component').nnzSpread")


def wait_for_spread(page, activation: str, initializer: int) -> str:
    return wait_for_record(
        page,
        "nnzSpread",
        "(shown, [a, i]) => shown.activation === a && shown.initializer === i",
        [activation, initializer],
    )


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_the_spread_in_the_page_is_nnlibs_from_the_same_weights(width, scale):
    from nnbook.components import component_html

    options = {"depth": 6, "width": 24, "samples": 30, "seed": 4}
    settings = live_optimization.spread_settings(INITIALIZERS, initializer="Xavier", **options)
    index = settings["initializer"]
    inputs, weights = live_optimization.spread_weights(settings, index)
    handed = {**settings, "inputs": inputs.tolist(), "weights": [W.tolist() for W in weights]}
    with component_page(component_html("init-spread", handed), width, scale) as page:
        check_canvas_and_width(page, width, scale)
        text, image = readout(page), picture(page)
        for activation in ("tanh", "relu", "tanh"):
            if activation != spread_record(page)["activation"]:
                page.get_by_label(live_optimization.SPREAD_ACTIVATIONS[activation]).check()
                text = wait_for_readout_change(page, text)
                assert picture(page) != image
                image = picture(page)
            record = spread_record(page)
            layers = live_optimization.spread_layers(inputs, weights, activation)
            stds = [float(A.std()) for A in layers]
            assert record["stds"] == pytest.approx(stds, rel=1e-9, abs=1e-300)
            assert text == live_optimization.spread_readout(activation, "Xavier", stds)


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_every_initializer_choice_redraws_with_the_twins_weights(width, scale):
    html = live_optimization.init_spread(INITIALIZERS, initializer="Xavier", as_html=True)
    with component_page(html, width, scale) as page:
        check_canvas_and_width(page, width, scale)
        text, image = readout(page), picture(page)
        seen = {}
        for activation in ("relu", "tanh"):
            page.get_by_label(live_optimization.SPREAD_ACTIVATIONS[activation]).check()
            for index, label in enumerate(INITIALIZERS):
                radio = page.get_by_label(label, exact=True)
                if not radio.is_checked():
                    radio.check()
                    wait_for_spread(page, activation, index)
                    assert picture(page) != image
                    image = picture(page)
                # also after the activation's own click, when this radio was checked
                text = wait_for_spread(page, activation, index)
                stds = spread_record(page)["stds"]
                assert text == live_optimization.spread_readout(activation, label, stds)
                seen[label, activation] = np.array(stds)
        # the twin's weights follow nnlib's scale rules: the chapter's claims hold in the page
        assert np.all(seen["zeros", "tanh"] == 0) and np.all(seen["zeros", "relu"] == 0)
        small = seen["too small (std 0.01)", "tanh"]
        assert small[-1] < 1e-6 * small[0]
        assert seen["too large (std 1)", "relu"][-1] > 1e6
        assert seen["Xavier", "relu"][-1] < 0.1 * seen["Xavier", "relu"][0]
        assert 1 / 3 < seen["He", "relu"][-1] / seen["He", "relu"][0] < 3
        screenshot(page, f"init-spread-{width}")


SPECS = {
    "constant": {"kind": "constant"},
    "step decay": {"kind": "step_decay", "drop": 0.5, "every": 50},
    "cosine": {"kind": "cosine", "totalSteps": 200},
    "warm-up + cosine": {
        "kind": "warmup",
        "warmupSteps": 20,
        "then": {"kind": "cosine", "totalSteps": 180},
    },
}


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_schedules_in_the_page_are_nnlibs(width, scale):
    H, noise = tilted_bowl(), np.random.default_rng(7).normal(size=(200, 2))
    html = live_optimization.lr_schedules(H, SPECS, noise, schedule="cosine", as_html=True)
    settings = live_optimization.schedules_settings(H, SPECS, noise, schedule="cosine")
    with component_page(html, width, scale) as page:
        check_canvas_and_width(page, width, scale)
        text, image = readout(page), picture(page)

        def check():
            record = page.evaluate("document.querySelector('.nnz-component').nnzSchedules")
            label = list(SPECS)[record["schedule"]]
            chosen = live_optimization.schedule_from_spec(SPECS[label], record["peak"])
            constant = live_optimization.schedule_from_spec(SPECS["constant"], record["peak"])
            assert record["rates"] == pytest.approx(chosen.values(200).tolist(), rel=1e-12)
            losses = live_optimization.noisy_run(chosen, settings["surface"], (-4, 3), noise)
            reference = live_optimization.noisy_run(constant, settings["surface"], (-4, 3), noise)
            assert record["losses"] == pytest.approx(losses, rel=1e-9)
            assert record["reference"] == pytest.approx(reference, rel=1e-9)
            assert readout(page) == live_optimization.schedules_readout(
                label, record["peak"], losses, reference, 20
            )
            return record

        check()
        for label in ("step decay", "warm-up + cosine", "constant"):
            page.get_by_label(label, exact=True).check()
            text = wait_for_readout_change(page, text)
            check()
            assert picture(page) != image
            image = picture(page)
        for peak in (0.02, 0.173, 0.05):
            set_slider(page, "peak learning rate", peak)
            text = wait_for_readout_change(page, text)
            assert check()["peak"] == pytest.approx(peak)
            assert page.get_by_label("peak learning rate").get_attribute("aria-valuetext") == (
                "η = " + live_optimization.format_number(peak)
            )
            assert picture(page) != image
            image = picture(page)
        press(page, page.get_by_label("peak learning rate"), ["ArrowRight"] * 3)
        text = wait_for_readout_change(page, text)
        assert check()["peak"] == pytest.approx(0.053)
        screenshot(page, f"lr-schedules-{width}")
