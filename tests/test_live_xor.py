"""nnbook.live_xor: the runs the xor-training and xor-fold pages replay are nnlib's."""

from __future__ import annotations

import numpy as np
import pytest

from nnbook import live_xor
from nnlib import datasets
from nnlib.network import Network
from nnlib.training import fit

X_XOR, Y_XOR = datasets.logic_gate("xor")


def test_the_page_run_is_nnlibs_fit_from_the_same_start():
    settings = live_xor.training_settings(X_XOR, Y_XOR, sizes=(2, 4, 1), seed=1, epochs=50)
    run = live_xor.train_like_the_page(settings)
    net = Network([2, 4, 1], activation="relu", seed=1)
    for p, q in zip(run["networks"][0].parameters(), net.parameters(), strict=True):
        assert np.array_equal(p, q)
    history = fit(
        net, X_XOR, Y_XOR, epochs=50, optimizer="adam", learning_rate=0.05, evaluate_train_every=1
    )
    assert run["loss"][1:] == pytest.approx(history.train_loss, rel=1e-12)
    for p, q in zip(run["networks"][-1].parameters(), net.parameters(), strict=True):
        assert np.allclose(p, q, rtol=1e-12)
    assert run["wrong"][-1] == int(np.sum(net.predict(X_XOR) != Y_XOR))
    assert len(run["loss"]) == len(run["wrong"]) == 51


def test_the_fold_axes_hold_every_epochs_hidden_points():
    rng = np.random.default_rng(3)
    X = np.repeat(X_XOR, 5, axis=0) + rng.normal(0, 0.1, size=(20, 2))
    y = np.repeat(Y_XOR, 5)
    settings = live_xor.training_settings(X, y, sizes=(2, 2, 1), seed=1, epochs=60)
    extent = live_xor.fold_extent(settings, padding=0.0)
    hidden = np.concatenate(
        [n.hidden_activations(X)[0] for n in live_xor.train_like_the_page(settings)["networks"]]
    )
    assert extent == pytest.approx(
        [*[f(hidden[:, 0]) for f in (np.min, np.max)], *[f(hidden[:, 1]) for f in (np.min, np.max)]]
    )


def test_readouts_and_components():
    assert live_xor.xor_training_readout(3, 300, 0.69314, 2, 4) == (
        "Epoch 3 of 300: training loss 0.6931, 2 of 4 points wrong."
    )
    assert "training accuracy 75%" in live_xor.fold_readout(5, 400, 0.5, 25, 100)
    html = live_xor.xor_training(X_XOR, Y_XOR, epochs=20, as_html=True)
    assert 'data-nnz-component="xor-training"' in html and "<img" in html
    html = live_xor.xor_fold(X_XOR, Y_XOR, epochs=20, as_html=True)
    assert 'data-nnz-component="xor-fold"' in html and "alt=" in html


def test_bad_settings_are_refused_by_name():
    with pytest.raises(ValueError, match="sizes must be"):
        live_xor.training_settings(X_XOR, Y_XOR, sizes=(3, 4, 1))
    with pytest.raises(ValueError, match="labels must be"):
        live_xor.training_settings(X_XOR, [0, 1, 2, 0])
    with pytest.raises(ValueError, match="epochs must be"):
        live_xor.training_settings(X_XOR, Y_XOR, epochs=0)
    with pytest.raises(ValueError, match="optimizer must be"):
        live_xor.training_settings(X_XOR, Y_XOR, optimizer="rmsprop")
    with pytest.raises(ValueError, match=r"sizes must be \[2, 2, 1\]"):
        live_xor.xor_fold(X_XOR, Y_XOR, sizes=(2, 3, 1))
    with pytest.raises(ValueError, match="epoch must be"):
        live_xor.xor_fold(X_XOR, Y_XOR, epochs=10, epoch=11)
