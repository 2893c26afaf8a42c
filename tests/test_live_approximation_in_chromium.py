"""Chapter 6's components in Chromium: the reader moves every control; the curve the page
draws must be nnlib's network at those settings (nnbook.live_approximation's
constructions, evaluated here at test time), and the live-trained pair must have
exactly the losses nnlib's Trainer(evaluate_train_every=1) gives from the starting
weights the page reports, on the data Python handed over."""

from __future__ import annotations

import numpy as np
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

from nnbook import live_approximation as la

SIZES = [(1280, 2), (390, 3)]


def curve_record(page, index: int = 0) -> dict:
    return page.evaluate(f"document.querySelectorAll('.nnz-component')[{index}].nnzCurve")


def check_curve(page, settings, index: int = 0) -> dict:
    # the page redraws in the next animation frame: wait until it shows the sliders' values
    page.wait_for_function(
        """i => { const c = document.querySelectorAll('.nnz-component')[i];
        const [units, steep] = c.querySelectorAll('input[type=range]');
        return c.nnzCurve.units === Number(units.value)
          && (!steep || c.nnzCurve.steepness === Number(steep.value)); }""",
        arg=index,
    )
    record = curve_record(page, index)
    x = np.array(record["x"])[:, None]
    assert np.array_equal(x, np.linspace(-1, 1, settings["gridPoints"])[:, None])
    net = la.curve_network(settings, record["units"], record["steepness"])
    assert np.array(record["output"]) == pytest.approx(net(x)[:, 0], abs=1e-12)
    error = la.largest_error(settings, net)
    assert record["largestError"] == pytest.approx(error, rel=1e-9)
    assert readout(page, index) == la.approximation_readout(
        settings["kind"], record["units"], record["steepness"], error
    )
    return record


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_bumps_and_segments_in_the_page_are_nnlibs_networks(width, scale):
    bumps = la.bump_approximation(8, 50.0, as_html=True, unit_range=(1, 64))
    relu = la.relu_approximation(8, as_html=True, unit_range=(1, 64))
    bump_settings = la.approximation_settings("bumps", units=8, steepness=50.0, unit_range=(1, 64))
    relu_settings = la.approximation_settings("relu", units=8, unit_range=(1, 64))
    with component_page(bumps + relu, width, scale) as page:
        page.wait_for_function("document.querySelectorAll('.nnz-mounted').length === 2")
        check_canvas_and_width(page, width, scale)
        assert check_curve(page, bump_settings, 0)["units"] == 8
        check_curve(page, relu_settings, 1)
        # keyboard: arrows move the counts one by one, the steepness by 0.5
        units = page.get_by_label("bumps", exact=True)
        image = picture(page, 0)
        press(page, units, ["ArrowRight", "ArrowRight", "ArrowLeft"])
        assert check_curve(page, bump_settings, 0)["units"] == 9
        assert units.get_attribute("aria-valuetext") == "9 (18 hidden units)"
        assert picture(page, 0) != image
        steep = page.get_by_label("steepness", exact=True)
        press(page, steep, ["ArrowLeft"] * 3)
        assert check_curve(page, bump_settings, 0)["steepness"] == 48.5
        assert steep.get_attribute("aria-valuetext") == "48.5"
        # across the whole ranges, as a drag sets them
        for count, steepness in [(1, 1.0), (3, 7.5), (16, 10.0), (64, 100.0)]:
            before = picture(page, 0)
            set_slider(page, "bumps", count)
            set_slider(page, "steepness", steepness)
            record = check_curve(page, bump_settings, 0)
            assert (record["units"], record["steepness"]) == (count, steepness)
            assert picture(page, 0) != before
        screenshot(page, f"curve-approximation-{width}")
        relu_units = page.get_by_label("hidden ReLU units", exact=True)
        for count in (1, 2, 33, 64):
            before = picture(page, 1)
            set_slider(page, "hidden ReLU units", count)
            assert check_curve(page, relu_settings, 1)["units"] == count
            assert relu_units.get_attribute("aria-valuetext") == str(count)
            assert picture(page, 1) != before


def training_record(page) -> dict:
    return page.evaluate("document.querySelector('.nnz-component').nnzTraining")


def check_training(page, settings) -> dict:
    record = training_record(page)
    epochs = len(record["deepLoss"])
    assert len(record["shallowLoss"]) == epochs
    for kind in ("deep", "shallow"):
        expected = la.train_width_depth(
            settings, record[f"{kind}Sizes"], record[f"{kind}Start"], epochs
        )
        assert record[f"{kind}Loss"] == pytest.approx(expected, rel=1e-9, abs=1e-14)
    if epochs:
        assert readout(page) == la.width_depth_readout(
            epochs,
            settings["epochs"],
            record["deepSizes"],
            record["deepLoss"][-1],
            record["shallowSizes"],
            record["shallowLoss"][-1],
        )
    return record


def play_until(page, epochs: int) -> None:
    page.get_by_role("button", name="Play").click()
    pause_in_the_frame_that_sees(page, "r => r.deepLoss.length", epochs)


def chapter_data(shift: float = 0.25):
    """The chapter's 100 points of the wavy curve, raised by ``shift``.

    On the chapter's own curve (odd, on points symmetric about 0) every bias gradient
    at the start is 0 up to rounding, and Adam divides those ~1e-17 remainders by its
    epsilon of 1e-8: the twin's and numpy's sums, rounded in different orders, then
    part after the first epoch. A shifted curve has real bias gradients, and the page
    must then follow nnlib to rounding for every epoch.
    """
    x = np.linspace(-1, 1, 100)[:, None]
    return x, la.wavy(x) + shift


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_the_pair_trains_in_the_page_as_nnlib_trains_it(width, scale):
    x, y = chapter_data()
    options = {"epochs": 120, "epochs_per_frame": 10}
    settings = la.width_depth_settings(x, y, **options)
    with component_page(
        la.width_depth_training(x, y, as_html=True, **options), width, scale
    ) as page:
        check_canvas_and_width(page, width, scale)
        record = check_training(page, settings)
        assert record["deepSizes"] == [1, 8, 8, 8, 1]
        assert record["shallowSizes"] == la.width_depth_sizes(3, 8)[1]
        image = picture(page)
        play_until(page, 40)
        record = check_training(page, settings)
        assert len(record["deepLoss"]) >= 40 and picture(page) != image
        page.get_by_role("button", name="Step").click()
        assert len(check_training(page, settings)["deepLoss"]) == len(record["deepLoss"]) + 1
        screenshot(page, f"width-depth-{width}")
        # every slider starts a new pair: other sizes, other starting weights
        for label, keys, expected in [
            ("hidden layers (deep)", ["ArrowLeft"], ([1, 8, 8, 1], "2 layers")),
            ("width (deep)", ["ArrowRight"] * 2, ([1, 10, 10, 1], "10 units per layer")),
        ]:
            before, starts = picture(page), training_record(page)["deepStart"]
            slider = page.get_by_label(label, exact=True)
            press(page, slider, keys)
            record = check_training(page, settings)
            assert record["deepSizes"] == expected[0] and record["deepLoss"] == []
            assert record["deepStart"] != starts
            assert slider.get_attribute("aria-valuetext") == expected[1]
            assert picture(page) != before
        starts = training_record(page)["deepStart"]
        set_slider(page, "seed", 9)
        assert page.get_by_label("seed", exact=True).get_attribute("aria-valuetext") == "seed 9"
        record = check_training(page, settings)
        assert record["deepSizes"] == [1, 10, 10, 1] and record["deepStart"] != starts
        play_until(page, options["epochs"])
        record = check_training(page, settings)
        assert len(record["deepLoss"]) == options["epochs"]
        assert page.get_by_role("button", name="Play").is_disabled()
        set_slider(page, "hidden layers (deep)", 5)
        set_slider(page, "width (deep)", 2)
        assert check_training(page, settings)["deepSizes"] == [1, 2, 2, 2, 2, 2, 1]


def test_training_pauses_while_the_figure_is_off_screen():
    x, y = chapter_data()
    epochs = 1_000  # far more than the test lets it train
    component = la.width_depth_training(x, y, epochs=epochs, epochs_per_frame=1, as_html=True)
    body = component + '<div style="height: 4000px"></div><p id="far">end</p>'
    with component_page(body) as page:
        page.get_by_role("button", name="Play").click()
        page.wait_for_function(
            "() => document.querySelector('.nnz-component').nnzTraining.deepLoss.length > 5"
        )
        page.locator("#far").scroll_into_view_if_needed()
        page.wait_for_selector(".nnz-width-depth[data-on-screen=false]", state="attached")
        hidden_at = len(training_record(page)["deepLoss"])
        # Still training when hidden, so the count below could have grown.
        assert hidden_at < epochs
        page.evaluate(
            "() => new Promise(done => { let n = 0; const f = () => "
            "(++n < 30 ? requestAnimationFrame(f) : done()); requestAnimationFrame(f); })"
        )
        assert len(training_record(page)["deepLoss"]) == hidden_at
        page.locator(".nnz-component").scroll_into_view_if_needed()
        page.wait_for_function(
            "n => document.querySelector('.nnz-component').nnzTraining.deepLoss.length > n",
            arg=hidden_at,
        )


def test_on_the_chapters_own_curve_the_first_epoch_is_nnlibs():
    x, y = chapter_data(shift=0.0)
    settings = la.width_depth_settings(x, y, epochs=10)
    with component_page(la.width_depth_training(x, y, epochs=10, as_html=True)) as page:
        page.get_by_role("button", name="Step").click()
        record = training_record(page)
        for kind in ("deep", "shallow"):
            expected = la.train_width_depth(
                settings, record[f"{kind}Sizes"], record[f"{kind}Start"], 1
            )
            assert record[f"{kind}Loss"] == pytest.approx(expected, rel=1e-12)
