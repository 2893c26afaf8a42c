"""The dead-units component in Chromium: the reader moves the learning rate and trains;
after every run the page's dead-unit count and loss must be what nnlib's Trainer.step
gives from the same starting weights, on the same batches, at the same rates
(nnbook.live_training.train_dead_units, computed here at test time)."""

from __future__ import annotations

import math

import pytest
from live_page import (
    check_canvas_and_width,
    component_page,
    pause_in_the_frame_that_sees,
    picture,
    press,
    readout,
    screenshot,
    set_slider,
)

from nnbook import live_training

SIZES = [(1280, 2), (390, 3)]
LABEL = "learning rate (log scale)"


def page_record(page) -> dict:
    return page.evaluate("document.querySelector('.nnz-component').nnzTraining")


def check_against_nnlib(page, settings) -> dict:
    record = page_record(page)
    orders = record["orders"] if settings["batchSize"] else None
    expected = live_training.train_dead_units(settings, record["learningRates"], orders)
    assert record["dead"] == expected["dead"]
    assert record["loss"] == pytest.approx(expected["loss"], rel=1e-9, abs=1e-12)
    epoch = len(record["dead"]) - 1
    diverged = record["status"] == "diverged"
    assert diverged == expected["diverged"]
    rate = record["learningRates"][-1] if epoch else record["rate"]
    assert readout(page) == live_training.dead_units_readout(
        rate, epoch, expected["dead"][-1], expected["hidden"], expected["loss"][-1], diverged
    )
    return record


def play_until(page, epochs: int) -> None:
    page.get_by_role("button", name="Play").click()
    pause_in_the_frame_that_sees(page, "r => r.dead.length - 1", epochs)


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_training_in_the_page_is_nnlibs_training(width, scale):
    options = {"epochs": 60, "epochs_per_frame": 2}
    settings = live_training.dead_units_settings(0.3, **options)
    html = live_training.dead_units_training(0.3, as_html=True, **options)
    with component_page(html, width, scale) as page:
        check_canvas_and_width(page, width, scale)
        record = check_against_nnlib(page, settings)  # epoch 0: nnlib's starting weights
        assert record["rate"] == settings["learningRate"]
        # keyboard: the slider's arrows move log10(rate) by 0.01; its text says the rate
        slider = page.get_by_label(LABEL)
        press(page, slider, ["ArrowRight"] * 10)
        value = float(slider.input_value())
        assert value == pytest.approx(math.log10(0.3) + 0.1, abs=0.006)
        assert slider.get_attribute("aria-valuetext") == live_training.format_learning_rate(
            10**value
        )
        image = picture(page)
        play_until(page, 10)
        record = check_against_nnlib(page, settings)
        assert picture(page) != image
        # a new rate applies from the next epoch; Step trains exactly one more
        set_slider(page, LABEL, 0.5)
        before = len(record["dead"])
        page.get_by_role("button", name="Step").click()
        record = check_against_nnlib(page, settings)
        assert len(record["dead"]) == before + 1
        assert record["learningRates"][-1] == pytest.approx(10**0.5)
        assert len(set(record["learningRates"])) == 2
        screenshot(page, f"dead-units-{width}")
        # a very large rate: many dead units, the page says so and never shows NaN
        set_slider(page, LABEL, 1)
        page.get_by_role("button", name="Reset").click()
        assert page_record(page)["learningRates"] == []
        play_until(page, options["epochs"])
        record = check_against_nnlib(page, settings)
        assert "NaN" not in readout(page)


def test_mini_batch_orders_the_page_shows_are_the_ones_it_trained_on():
    options = {"epochs": 8, "batch_size": 32, "sizes": (2, 8, 8, 1), "seed": 3}
    settings = live_training.dead_units_settings(2.0, **options)
    with component_page(live_training.dead_units_training(2.0, as_html=True, **options)) as page:
        play_until(page, 8)
        record = check_against_nnlib(page, settings)
        assert len(record["dead"]) == 9
        assert all(sorted(order) == list(range(200)) for order in record["orders"])
        assert record["orders"][0] != record["orders"][1]


def epochs_trained(page) -> int:
    return len(page_record(page)["learningRates"])


def test_training_pauses_while_the_figure_is_off_screen():
    options = {"epochs": 2_000, "sizes": (2, 4, 1), "n": 40}
    component = live_training.dead_units_training(0.3, as_html=True, **options)
    body = component + '<div style="height: 4000px"></div><p id="far">end</p>'
    with component_page(body) as page:
        page.get_by_role("button", name="Play").click()
        page.wait_for_function(
            "() => document.querySelector('.nnz-component').nnzTraining.learningRates.length > 5"
        )
        page.locator("#far").scroll_into_view_if_needed()
        page.wait_for_selector(".nnz-dead-units[data-on-screen=false]", state="attached")
        hidden_at = epochs_trained(page)
        # Still training when hidden, so the count below could have grown.
        assert hidden_at < options["epochs"]
        page.evaluate(
            "() => new Promise(done => { let n = 0; const f = () => "
            "(++n < 30 ? requestAnimationFrame(f) : done()); requestAnimationFrame(f); })"
        )
        assert epochs_trained(page) == hidden_at
        page.locator(".nnz-component").scroll_into_view_if_needed()
        page.wait_for_function(
            "n => document.querySelector('.nnz-component').nnzTraining.learningRates.length > n",
            arg=hidden_at,
        )
