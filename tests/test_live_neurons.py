"""nnbook.live_neurons: readouts from nnlib, settings, fallbacks and the kernel face."""

import html
import json
import re

import numpy as np
import pytest

from nnbook import live_neurons
from nnlib import datasets
from nnlib.activations import sigmoid
from nnlib.neurons import Neuron


def test_the_xor_count_is_nnlibs_and_never_zero():
    X, y = datasets.logic_gate("xor")
    for theta in np.arange(0, 360, 7.5):
        for offset in np.linspace(-0.5, 1.5, 21):
            w = np.array([np.cos(np.radians(theta)), np.sin(np.radians(theta))])
            wrong = live_neurons.xor_line_errors(theta, offset)
            assert list(wrong) == list(np.flatnonzero((X @ w >= offset) != y))
            assert len(wrong) > 0


def test_the_neuron_readout_is_nnlibs_weighted_sum_and_outputs():
    text = live_neurons.neuron_readout(0.3, 0.8, -0.5, 1.25, -0.4)
    z = Neuron([-0.5, 1.25], bias=-0.4).weighted_sum([0.3, 0.8])
    assert f"= {z:.3f};" in text.replace("−", "-")
    assert f"σ(z) = {sigmoid(np.array([z]))[0]:.3f}" in text and "step(z) = 1" in text


def test_the_html_carries_the_data_and_a_described_picture():
    shown = live_neurons.xor_line(40, 0.25, as_html=True)
    settings = json.loads(
        re.search(r'<script type="application/json">(.*?)</script>', shown).group(1)
    )
    X, y = datasets.logic_gate("xor")
    assert settings["points"] == X.tolist() and settings["labels"] == y.tolist()
    assert (settings["theta"], settings["offset"]) == (40.0, 0.25)
    assert 'alt="The four XOR points' in shown
    assert live_neurons.xor_line_readout(40, 0.25) in html.unescape(shown)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: live_neurons.xor_line(theta=400), r"theta must lie in \[0, 360\]"),
        (lambda: live_neurons.xor_line(offset=float("nan")), "offset must be a finite number"),
        (lambda: live_neurons.neuron(w1=5), r"w1 must lie in \[-1, 2\]"),
    ],
)
def test_bad_settings_are_refused_by_name(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_with_a_kernel_the_faces_compute_with_nnlib():
    view = live_neurons.xor_line(30, 0.5, kernel=True)
    assert html.unescape(view.readout.value) == live_neurons.xor_line_readout(30, 0.5)
    view.controls["theta"].value = 100.0
    assert html.unescape(view.readout.value) == live_neurons.xor_line_readout(100.0, 0.5)
    view = live_neurons.neuron(kernel=True)
    view.controls["b"].value = 0.5
    assert html.unescape(view.readout.value) == live_neurons.neuron_readout(1, 0, 1, 1, 0.5)


def test_the_static_book_gets_the_page_components(monkeypatch):
    monkeypatch.setenv("NNLIB_STATIC_WIDGETS", "1")
    assert 'data-nnz-component="xor-line"' in live_neurons.xor_line().data
    assert 'data-nnz-component="neuron"' in live_neurons.neuron().data


def test_the_inbox_count_is_nnlibs():
    X, y = datasets.spam_inbox(n=60, seed=0)
    for w1, w2, b in [(1, 1, -5), (0.4, -0.3, 0.5), (1.5, 0.2, -8)]:
        wrong = np.flatnonzero(((X @ np.array([w1, w2]) + b) >= 0).astype(int) != y)
        assert list(live_neurons.inbox_errors(w1, w2, b)) == list(wrong)
        assert f": {len(wrong)} of 60 emails" in live_neurons.neuron_boundary_readout(w1, w2, b)


def test_the_perceptron_readout_replays_nnlibs_updates():
    from nnlib.neurons import Perceptron

    X, y = datasets.logic_gate("or")
    result = Perceptron(2).fit(X, y, max_epochs=10)
    last = len(result.updates)
    u = result.updates[5]
    text = live_neurons.perceptron_readout("or", 6)
    assert f"epoch {u.epoch}," in text and f"target {u.target}" in text
    assert f"Mistakes per epoch: {result.errors_per_epoch[0]}." in text
    end = live_neurons.perceptron_readout("or", last)
    assert f"Converged: epoch {result.converged_epoch} had no mistake." in end
    assert "without converging" in live_neurons.perceptron_readout(
        "xor", len(live_neurons.perceptron_run("xor").updates)
    )
    with pytest.raises(ValueError, match="visits must lie in"):
        live_neurons.perceptron_readout("or", last + 1)
    with pytest.raises(ValueError, match="gate must be one of"):
        live_neurons.perceptron_steps("nor")
    with pytest.raises(ValueError, match="no boundary"):
        live_neurons.neuron_boundary(w1=0, w2=0)


def test_the_perceptron_marks_are_nnlibs_mistakes():
    from nnlib.neurons import Perceptron

    X, y = datasets.logic_gate("xor")
    result = Perceptron(2).fit(X, y, max_epochs=10)
    for visits in range(len(result.updates) + 1):
        marks = live_neurons.perceptron_mistakes("xor", visits)
        if visits:
            u = result.updates[visits - 1]
            w, b = u.weights, u.bias
        else:
            w, b = result.initial_weights, result.initial_bias
        predicted = Perceptron(2)
        predicted.weights, predicted.bias = np.array(w, dtype=float), float(b)
        assert marks["wrong"] == list(np.flatnonzero(predicted.predict(X) != y))
        assert marks["errors_per_epoch"] == result.errors_per_epoch[: visits // 4]
        in_epoch = [u.changed for u in result.updates[:visits] if u.epoch == visits // 4 + 1]
        assert marks["running"] == sum(in_epoch)
    with pytest.raises(ValueError, match="visits must lie in"):
        live_neurons.perceptron_mistakes("xor", len(result.updates) + 1)
