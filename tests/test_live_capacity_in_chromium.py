"""The overfitting component in Chromium (chapter 8): the reader moves N, or λ, and the
page trains; after every run its train and test errors must be what nnlib's Trainer
(with the test set, exact errors after every epoch) gives from the same starting
weights on the same data (nnbook.live_capacity.train_fit, computed here at test
time), and the readout must say so word for word."""

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
)

from nnbook import live_capacity

SIZES = [(1280, 2), (390, 3)]
N_LABEL = "neurons per layer N"
L2_LABEL = "L2 strength λ (log scale)"


def page_record(page) -> dict:
    return page.evaluate("document.querySelector('.nnz-component').nnzTraining")


def wait_until_done(page) -> dict:
    page.wait_for_function(
        "() => ['done', 'diverged'].includes("
        "document.querySelector('.nnz-component').nnzTraining.status)"
    )
    return page_record(page)


def check_against_nnlib(page, settings) -> dict:
    record = page_record(page)
    epochs = len(record["train"]) - 1
    expected = live_capacity.train_fit(settings, record["neurons"], record["l2"], epochs)
    assert record["train"] == pytest.approx(expected["train"], rel=1e-9, abs=1e-12)
    # the test error is measured once per frame, always at the epoch the page shows
    assert record["testEpochs"][-1] == epochs and record["testEpochs"] == sorted(
        set(record["testEpochs"])
    )
    measured = [expected["test"][epoch] for epoch in record["testEpochs"]]
    assert record["test"] == pytest.approx(measured, rel=1e-9, abs=1e-12)
    assert (record["status"] == "diverged") == expected["diverged"]
    assert readout(page) == live_capacity.fit_readout(
        settings["vary"],
        record["neurons"],
        record["l2"],
        epochs,
        expected["train"][-1],
        expected["test"][-1],
        settings["noiseFloor"],
        len(settings["train"]["x"]),
        expected["diverged"],
    )
    return record


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_moving_n_trains_nnlibs_network_in_the_page(width, scale):
    options = {"epochs": 60, "epochs_per_frame": 7, "largest": 24}
    settings = live_capacity.fit_settings("neurons", neurons=3, **options)
    html = live_capacity.capacity_training(3, as_html=True, **options)
    with component_page(html, width, scale) as page:
        check_canvas_and_width(page, width, scale)
        record = check_against_nnlib(page, settings)  # epoch 0: the starting weights
        assert record["neurons"] == 3 and record["status"] == "ready"
        image = picture(page)
        # keyboard: the arrows move N by one, and the new N trains on its own
        slider = page.get_by_label(N_LABEL)
        press(page, slider, ["ArrowRight", "ArrowRight"])
        assert slider.get_attribute("aria-valuetext") == "N = 5"
        record = wait_until_done(page)
        assert record["neurons"] == 5 and len(record["train"]) == 61
        check_against_nnlib(page, settings)
        assert picture(page) != image
        # the largest network, by dragging to the end of the slider
        image = picture(page)
        set_slider(page, N_LABEL, 24)
        record = wait_until_done(page)
        assert record["neurons"] == 24
        check_against_nnlib(page, settings)
        assert picture(page) != image
        check_canvas_and_width(page, width, scale)
        screenshot(page, f"overfitting-neurons-{width}")
        # Reset goes back to the starting weights; Play trains them again
        page.get_by_role("button", name="Reset").click()
        record = check_against_nnlib(page, settings)
        assert len(record["train"]) == 1
        page.get_by_role("button", name="Play").click()
        wait_until_done(page)
        check_against_nnlib(page, settings)


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_the_l2_slider_reaches_zero_and_every_strength_is_nnlibs(width, scale):
    options = {"epochs": 40, "epochs_per_frame": 10, "largest": 16, "log_range": (-4, -1)}
    settings = live_capacity.fit_settings("l2", l2=0.001, **options)
    html = live_capacity.l2_training(0.001, as_html=True, **options)
    with component_page(html, width, scale) as page:
        check_canvas_and_width(page, width, scale)
        slider = page.get_by_label(L2_LABEL)
        assert slider.get_attribute("aria-valuetext") == "λ = 0.00100"
        check_against_nnlib(page, settings)
        # Home: the leftmost stop is λ = 0
        image = picture(page)
        press(page, slider, ["Home"])
        assert slider.get_attribute("aria-valuetext") == "λ = 0"
        record = wait_until_done(page)
        assert record["l2"] == 0 and record["neurons"] == 16
        zero = check_against_nnlib(page, settings)
        assert picture(page) != image
        # one step right of 0 is the bottom of the log range
        press(page, slider, ["ArrowRight"])
        record = wait_until_done(page)
        assert record["l2"] == pytest.approx(1e-4)
        shown = live_capacity.format_strength(record["l2"])
        assert slider.get_attribute("aria-valuetext") == f"λ = {shown}"
        check_against_nnlib(page, settings)
        # the strongest penalty: the training error rises above the unregularized one
        set_slider(page, L2_LABEL, -1)
        record = wait_until_done(page)
        assert record["l2"] == pytest.approx(0.1)
        strong = check_against_nnlib(page, settings)
        assert strong["train"][-1] > zero["train"][-1]
        screenshot(page, f"overfitting-l2-{width}")


def epochs_trained(page) -> int:
    return len(page_record(page)["train"]) - 1


def test_training_pauses_while_the_figure_is_off_screen():
    options = {"epochs": 2_000, "epochs_per_frame": 2, "largest": 4, "n_test": 20}
    component = live_capacity.capacity_training(2, as_html=True, **options)
    body = component + '<div style="height: 4000px"></div><p id="far">end</p>'
    with component_page(body) as page:
        page.get_by_role("button", name="Play").click()
        page.wait_for_function(
            "() => document.querySelector('.nnz-component').nnzTraining.train.length > 5"
        )
        page.locator("#far").scroll_into_view_if_needed()
        page.wait_for_selector(".nnz-overfitting[data-on-screen=false]", state="attached")
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
            "n => document.querySelector('.nnz-component').nnzTraining.train.length - 1 > n",
            arg=hidden_at,
        )
