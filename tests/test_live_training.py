"""nnbook.live_training: the dead-units component's settings, readout and faces."""

import html
import json
import math
import re

import numpy as np
import pytest

from nnbook import live_training
from nnlib.datasets import make_dataset
from nnlib.network import Network
from nnlib.training import Trainer


def test_settings_carry_nnlibs_data_and_starting_weights():
    settings = live_training.dead_units_settings(
        0.3, sizes=(2, 8, 4, 1), seed=5, n=50, noise=0.2, data_seed=1
    )
    X, y = make_dataset("moons", n=50, noise=0.2, seed=1)
    assert np.array_equal(np.array(settings["points"]), X)
    assert settings["labels"] == y.tolist()
    network = Network([2, 8, 4, 1], activation="relu", seed=5)
    assert len(settings["parameters"]) == len(network.parameters())
    for sent, own in zip(settings["parameters"], network.parameters(), strict=True):
        assert np.array_equal(np.array(sent), own)
    assert settings["logRange"] == [math.log10(0.01), math.log10(10.0)]
    assert settings["learningRate"] == 0.3 and settings["batchSize"] is None


def test_training_as_the_page_does_is_nnlibs_trainer():
    settings = live_training.dead_units_settings(0.5, sizes=(2, 6, 1), n=40, epochs=5)
    run = live_training.train_dead_units(settings, [0.5] * 5)
    X, y = make_dataset("moons", n=40, noise=0.1, seed=0)
    network = Network([2, 6, 1], activation="relu", seed=0)
    # the page reports the loss after each epoch: ask the History for that exact figure
    trainer = Trainer(network, X, y, optimizer="sgd", learning_rate=0.5, evaluate_train_every=1)
    trainer.run(5)
    assert run["loss"][1:] == pytest.approx(trainer.history.train_loss, rel=1e-12)
    assert run["dead"][-1] == sum(network.dead_units(X))
    assert run["hidden"] == 6 and not run["diverged"]


def test_a_larger_learning_rate_kills_more_units_in_chapter_4s_case():
    settings = live_training.dead_units_settings(0.3)
    calm = live_training.train_dead_units(settings, [0.3] * 150)
    wild = live_training.train_dead_units(settings, [10.0] * 150)
    assert wild["dead"][-1] > calm["dead"][-1]


def test_readout_states_count_share_and_loss():
    text = live_training.dead_units_readout(0.0316, 12, 5, 64, 0.12345)
    share = live_training.format_number(100 * 5 / 64, 0)
    assert (
        text
        == f"Learning rate 0.0316, epoch 12: dead units: 5 of 64 ({share}%), training loss 0.123."
    )
    assert "diverged" in live_training.dead_units_readout(3, 1, 0, 8, 1.0, diverged=True)


@pytest.mark.parametrize(
    ("rate", "text"), [(0.01, "0.0100"), (0.295, "0.295"), (3.162, "3.16"), (10.0, "10.0")]
)
def test_learning_rates_keep_three_significant_digits(rate, text):
    assert live_training.format_learning_rate(rate) == text


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"lr_range": (0, 1)}, "lr_range"),
        ({"lr_range": (1, 0.1)}, "lr_range"),
        ({"sizes": (3, 4, 1)}, "sizes"),
        ({"sizes": (2, 1)}, "sizes"),
        ({"epochs": 0}, "epochs"),
        ({"batch_size": 0}, "batch_size"),
        ({"epochs_per_frame": 1.5}, "epochs_per_frame"),
    ],
)
def test_bad_settings_are_refused_by_name(options, named):
    with pytest.raises(ValueError, match=named):
        live_training.dead_units_settings(0.3, **options)


def test_learning_rate_outside_its_range_is_refused():
    with pytest.raises(ValueError, match="learning_rate"):
        live_training.dead_units_settings(20.0)


def test_static_face_is_the_component_with_nnlibs_fallback():
    page = live_training.dead_units_training(0.3, epochs=20, as_html=True)
    assert 'data-nnz-component="dead-units"' in page
    settings = json.loads(
        html.unescape(re.search(r"<script[^>]*>(.*?)</script>", page, re.S).group(1))
    )
    assert settings["epochs"] == 20
    run = live_training.train_dead_units(
        live_training.dead_units_settings(0.3, epochs=20), [0.3] * 20
    )
    caption = live_training.dead_units_readout(0.3, 20, run["dead"][-1], 64, run["loss"][-1])
    assert html.escape(caption) in page or caption in page
    assert 'alt="Two curves over 20 epochs' in page


def test_kernel_face_trains_with_nnlib():
    face = live_training.dead_units_training(0.3, epochs=10, kernel=True)
    face.controls["learning_rate"].value = 3.0
    face.controls["epoch"].value = 4
    settings = live_training.dead_units_settings(3.0, epochs=10)
    run = live_training.train_dead_units(settings, [3.0] * 10)
    assert html.unescape(face.readout.value) == live_training.dead_units_readout(
        3.0, 4, run["dead"][4], 64, run["loss"][4]
    )


def test_the_static_book_gets_the_page_component(monkeypatch):
    monkeypatch.setenv("NNLIB_STATIC_WIDGETS", "1")
    shown = live_training.dead_units_training(0.3, epochs=5)
    assert 'data-nnz-component="dead-units"' in shown._repr_html_()
