"""nnbook.live_capacity: the overfitting component's settings, starting weights, training,
readout and both faces, checked against nnlib computed here."""

import html
import json
import math
import re

import numpy as np
import pytest

from nnbook import live_capacity
from nnbook.live import format_number
from nnlib.datasets import regression_1d, regression_curve
from nnlib.initializers import xavier_uniform
from nnlib.network import Network
from nnlib.training import Trainer

SMALL = {"largest": 6, "epochs": 15, "n_test": 30}


def test_settings_carry_nnlibs_data_and_the_largest_networks_weights():
    settings = live_capacity.fit_settings("neurons", neurons=3, **SMALL)
    X, y = regression_1d(n=20, function="sine", noise=0.3, seed=1)
    assert settings["train"] == {"x": X[:, 0].tolist(), "y": y[:, 0].tolist()}
    X_test, y_test = regression_1d(n=30, function="sine", noise=0.3, seed=2)
    assert settings["test"]["y"] == y_test[:, 0].tolist()
    assert settings["noiseFloor"] == pytest.approx(
        np.mean((y_test - regression_curve("sine", X_test)) ** 2), rel=1e-15
    )
    network = Network([1, 6, 6, 1], activation="tanh", seed=0)
    for sent, own in zip(settings["parameters"], network.parameters(), strict=True):
        assert np.array_equal(np.array(sent), own)
    assert settings["neurons"] == 3 and settings["l2"] == 0
    assert live_capacity.fit_settings("l2", l2=0.01, **SMALL)["neurons"] == 6


def test_the_largest_network_starts_from_nnlibs_own_weights():
    settings = live_capacity.fit_settings(**SMALL)
    blocks = live_capacity.starting_parameters(settings, 6)
    network = Network([1, 6, 6, 1], activation="tanh", seed=0)
    for block, own in zip(blocks, network.parameters(), strict=True):
        assert np.array_equal(block, own)


def test_smaller_networks_start_inside_their_own_xavier_limits():
    settings = live_capacity.fit_settings(largest=40, epochs=1)
    for n in (1, 3, 10):
        W1, b1, W2, b2, W3, b3 = live_capacity.starting_parameters(settings, n)
        assert [W1.shape, W2.shape, W3.shape] == [(1, n), (n, n), (n, 1)]
        assert not b1.any() and not b2.any() and not b3.any()
        for W in (W1, W2, W3):
            limit = xavier_uniform().scale(W.shape)
            assert np.abs(W).max() <= limit
    # a block of a large random matrix fills its own limit, not the large one's
    W2 = live_capacity.starting_parameters(settings, 10)[2]
    assert np.abs(W2).max() > 0.8 * xavier_uniform().scale((10, 10))


def test_training_as_the_page_does_is_nnlibs_trainer_with_exact_errors():
    settings = live_capacity.fit_settings("neurons", neurons=4, **SMALL)
    run = live_capacity.train_fit(settings, 4, 0.001, epochs=12)
    network = Network([1, 4, 4, 1], activation="tanh")
    network.set_parameters(live_capacity.starting_parameters(settings, 4))
    X, y = regression_1d(n=20, function="sine", noise=0.3, seed=1)
    X_test, y_test = regression_1d(n=30, function="sine", noise=0.3, seed=2)
    start_train = float(np.mean((network(X) - y) ** 2))
    trainer = Trainer(
        network, X, y, X_test, y_test, loss="mse", optimizer="adam",
        learning_rate=0.01, l2=0.001, evaluate_train_every=1,
    )  # fmt: skip
    trainer.run(12)
    assert run["train"][0] == pytest.approx(start_train, rel=1e-12)
    assert run["train"][1:] == pytest.approx(trainer.history.train_loss, rel=1e-12)
    assert run["test"][1:] == pytest.approx(trainer.history.test_loss, rel=1e-12)
    assert run["test"][-1] == pytest.approx(float(np.mean((network(X_test) - y_test) ** 2)))
    assert len(run["train"]) == 13 and not run["diverged"]


def test_the_chapters_case_overfits_at_large_n_and_l2_calms_it():
    settings = live_capacity.fit_settings(largest=32, epochs=600)
    small, large = (live_capacity.train_fit(settings, n, 0.0) for n in (2, 32))
    assert large["train"][-1] < small["train"][-1]
    assert large["test"][-1] > large["train"][-1] + settings["noiseFloor"]
    calmed = live_capacity.train_fit(settings, 32, 0.01)
    assert calmed["test"][-1] < large["test"][-1] and calmed["train"][-1] > large["train"][-1]


@pytest.mark.parametrize(
    ("strength", "text"), [(0.0, "0"), (1e-5, "0.0000100"), (0.000316, "0.000316"), (0.1, "0.100")]
)
def test_strengths_keep_three_significant_digits(strength, text):
    assert live_capacity.format_strength(strength) == text


def test_the_leftmost_slider_stop_is_zero():
    log_range = (-5, -1)
    step = live_capacity.STRENGTH_STEP
    assert live_capacity.strength_at(-5 - step, log_range) == 0
    assert live_capacity.strength_at(-5, log_range) == pytest.approx(1e-5)
    assert live_capacity.strength_at(-2, log_range) == pytest.approx(0.01)


def test_readout_counts_parameters_and_states_both_errors():
    text = live_capacity.fit_readout("neurons", 8, 0.0, 100, 0.05, 0.25, 0.09, 20)
    count = Network([1, 8, 8, 1], activation="tanh").parameter_count
    assert text == (
        f"N = 8 ({count} parameters for 20 points), epoch 100: train MSE 0.050, "
        "test MSE 0.250; noise floor 0.090."
    )
    text = live_capacity.fit_readout("l2", 32, 0.001, 5, 0.1, 0.2, 0.09, 20, diverged=True)
    assert text.startswith("λ = 0.00100 on two layers of 32 units, epoch 5:")
    assert "diverged" in text


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"vary": "width"}, "vary"),
        ({"neurons": 0}, "neurons"),
        ({"neurons": 40}, "neurons"),
        ({"largest": 2.5}, "largest"),
        ({"epochs": 0}, "epochs"),
        ({"epochs_per_frame": 0}, "epochs_per_frame"),
        ({"log_range": (-1, -5)}, "log_range"),
        ({"l2": 0.5}, "l2"),
        ({"l2": math.nan}, "l2"),
        ({"learning_rate": 0}, "learning_rate"),
    ],
)
def test_bad_settings_are_refused_by_name(options, named):
    with pytest.raises(ValueError, match=named):
        live_capacity.fit_settings(**options)


def test_starting_parameters_refuse_a_count_outside_the_slider():
    settings = live_capacity.fit_settings(**SMALL)
    with pytest.raises(ValueError, match="neurons"):
        live_capacity.starting_parameters(settings, 7)


def component_settings(page: str) -> dict:
    script = re.search(r"<script[^>]*>(.*?)</script>", page, re.S).group(1)
    return json.loads(html.unescape(script))


def test_static_face_is_the_component_with_nnlibs_fallback():
    page = live_capacity.capacity_training(3, as_html=True, **SMALL)
    assert 'data-nnz-component="overfitting"' in page
    assert component_settings(page)["vary"] == "neurons"
    settings = live_capacity.fit_settings("neurons", neurons=3, **SMALL)
    run = live_capacity.train_fit(settings, 3, 0.0)
    caption = live_capacity.fit_readout(
        "neurons", 3, 0.0, 15, run["train"][-1], run["test"][-1], settings["noiseFloor"], 20
    )
    assert html.escape(caption) in page
    assert 'alt="Left: 20 noisy training points' in page


def test_kernel_faces_train_with_nnlib():
    face = live_capacity.l2_training(0.0, kernel=True, **SMALL)
    face.controls["value"].value = 0.01
    face.controls["epoch"].value = 7
    settings = live_capacity.fit_settings("l2", **SMALL)
    run = live_capacity.train_fit(settings, 6, 0.01)
    assert html.unescape(face.readout.value) == live_capacity.fit_readout(
        "l2", 6, 0.01, 7, run["train"][7], run["test"][7], settings["noiseFloor"], 20
    )
    face = live_capacity.capacity_training(2, kernel=True, **SMALL)
    face.controls["value"].value = 5
    run = live_capacity.train_fit(settings, 5, 0.0)
    assert f"train MSE {format_number(run['train'][-1])}" in html.unescape(face.readout.value)


def test_the_static_book_gets_the_page_component(monkeypatch):
    monkeypatch.setenv("NNLIB_STATIC_WIDGETS", "1")
    shown = live_capacity.l2_training(0.001, **SMALL)
    assert 'data-nnz-component="overfitting"' in shown._repr_html_()
