"""The xor-training (chapter 0) and xor-fold (chapter 5) components in Chromium: every
control moved, the picture redrawn, and the page's losses, mistakes and hidden points
equal to nnlib's run from the same starting weights (nnbook.live_xor.train_like_the_page,
computed here at test time, with Trainer(evaluate_train_every=1))."""

from __future__ import annotations

import numpy as np
import pytest
from live_page import check_canvas_and_width, component_page, picture, press, readout, screenshot

from nnbook import live_xor
from nnlib import datasets

SIZES = [(1280, 2), (390, 3)]
X_XOR, Y_XOR = datasets.logic_gate("xor")
TRAINING = {"sizes": (2, 4, 1), "seed": 1, "epochs": 120, "epochs_per_frame": 2}


def noisy_xor():
    rng = np.random.default_rng(0)
    return np.repeat(X_XOR, 25, axis=0) + rng.normal(0.0, 0.12, size=(100, 2)), np.repeat(Y_XOR, 25)


def record(page, name="nnzTraining") -> dict:
    return page.evaluate(f"document.querySelector('.nnz-component').{name}")


def check_training(page, expected, epochs) -> int:
    page_run = record(page)
    epoch = len(page_run["loss"]) - 1
    assert page_run["loss"] == pytest.approx(expected["loss"][: epoch + 1], rel=1e-9, abs=1e-12)
    assert page_run["wrong"] == expected["wrong"][: epoch + 1]
    assert readout(page) == live_xor.xor_training_readout(
        epoch, epochs, expected["loss"][epoch], expected["wrong"][epoch], len(X_XOR)
    )
    return epoch


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_the_xor_network_trains_in_the_page_as_in_nnlib(width, scale):
    settings = live_xor.training_settings(X_XOR, Y_XOR, **TRAINING)
    expected = live_xor.train_like_the_page(settings)
    assert expected["wrong"][-1] == 0 < expected["wrong"][0]  # the run does learn XOR
    html = live_xor.xor_training(X_XOR, Y_XOR, as_html=True, **TRAINING)
    with component_page(html, width, scale) as page:
        check_canvas_and_width(page, width, scale)
        assert check_training(page, expected, 120) == 0
        image = picture(page)
        step = page.get_by_role("button", name="Step")
        step.click()
        assert check_training(page, expected, 120) == 1
        assert picture(page) != image
        press(page, step, ["Enter", "Space"])  # the keyboard path: two more epochs
        assert check_training(page, expected, 120) == 3
        page.get_by_role("button", name="Play").click()
        page.wait_for_function(
            "() => document.querySelector('.nnz-component').nnzTraining.loss.length > 40"
        )
        page.get_by_role("button", name="Pause").click()
        epoch = check_training(page, expected, 120)
        assert epoch > 40
        image = picture(page)
        page.get_by_role("button", name="Play").click()  # on to the end, where it stops
        page.wait_for_function(
            "() => document.querySelector('.nnz-component').nnzTraining.loss.length === 121"
        )
        assert check_training(page, expected, 120) == 120
        assert picture(page) != image
        assert page.get_by_role("button", name="Play").is_disabled()
        assert step.is_disabled()
        screenshot(page, f"xor-training-{width}")
        page.get_by_role("button", name="Reset").click()
        assert check_training(page, expected, 120) == 0


def test_xor_training_waits_while_off_screen():
    options = {**TRAINING, "epochs": 5000, "epochs_per_frame": 1}
    body = live_xor.xor_training(X_XOR, Y_XOR, as_html=True, **options)
    body += '<div style="height: 4000px"></div><p id="far">end</p>'
    with component_page(body) as page:
        count = "() => document.querySelector('.nnz-component').nnzTraining.loss.length"
        page.get_by_role("button", name="Play").click()
        page.wait_for_function(count + " > 5")
        page.locator("#far").scroll_into_view_if_needed()
        page.wait_for_selector(".nnz-xor-training[data-on-screen=false]", state="attached")
        hidden_at = page.evaluate(count)
        page.evaluate(
            "() => new Promise(done => { let n = 0; const f = () => "
            "(++n < 30 ? requestAnimationFrame(f) : done()); requestAnimationFrame(f); })"
        )
        assert page.evaluate(count) == hidden_at
        page.locator(".nnz-component").scroll_into_view_if_needed()
        page.wait_for_function(count + " > " + str(hidden_at))


def check_fold(page, settings, expected):
    fold = record(page, "nnzFold")
    epoch = fold["epoch"]
    assert fold["loss"] == pytest.approx(expected["loss"], rel=1e-9, abs=1e-12)
    assert fold["wrong"] == expected["wrong"]
    X = np.array(settings["points"])
    hidden = expected["networks"][epoch].hidden_activations(X)[0]
    assert np.allclose(fold["hidden"], hidden, rtol=1e-9, atol=1e-12)
    low = np.array(settings["hiddenExtent"][::2])
    high = np.array(settings["hiddenExtent"][1::2])
    assert np.all(hidden >= low) and np.all(hidden <= high)  # fixed axes hold every epoch
    assert readout(page) == live_xor.fold_readout(
        epoch, settings["epochs"], expected["loss"][epoch], expected["wrong"][epoch], len(X)
    )
    slider = page.get_by_label("epoch", exact=True)
    assert slider.get_attribute("aria-valuetext") == f"{epoch} of {settings['epochs']}"
    return epoch


@pytest.mark.parametrize(("width", "scale"), SIZES)
def test_the_fold_scrubs_nnlibs_run_with_fixed_axes(width, scale):
    X, y = noisy_xor()
    options = {"seed": 1, "epochs": 400, "epochs_per_frame": 4}
    settings = live_xor.training_settings(X, y, sizes=(2, 2, 1), padding=0.4, **options)
    settings["hiddenExtent"] = live_xor.fold_extent(settings)
    expected = live_xor.train_like_the_page(settings)
    html = live_xor.xor_fold(X, y, as_html=True, **options)
    with component_page(html, width, scale) as page:
        check_canvas_and_width(page, width, scale)
        assert check_fold(page, settings, expected) == 400
        slider = page.get_by_label("epoch", exact=True)
        image = picture(page)
        slider.fill("0")
        assert check_fold(page, settings, expected) == 0
        assert picture(page) != image
        image = picture(page)
        press(page, slider, ["ArrowRight"] * 7)  # the keyboard path: one epoch a key
        assert check_fold(page, settings, expected) == 7
        assert picture(page) != image
        slider.fill("137")
        assert check_fold(page, settings, expected) == 137
        page.get_by_role("button", name="Play").click()
        page.wait_for_function(
            "() => document.querySelector('.nnz-component').nnzFold.epoch >= 200"
        )
        page.get_by_role("button", name="Pause").click()
        assert check_fold(page, settings, expected) >= 200
        screenshot(page, f"xor-fold-{width}")
