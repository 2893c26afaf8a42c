"""Training never ends in silence: learning rates of 1e3 and 1e6 with every optimizer
and loss, a huge L2 penalty and inputs scaled by 1e6 all end in TrainingDiverged, with
the history so far on the error -- in fit, in Trainer.run and in the playground."""

import math
import warnings

import numpy as np
import pytest

from nnbook.playground.engine import Playground
from nnlib.datasets import regression_1d, spiral, xor_clouds
from nnlib.network import Network
from nnlib.optimizers import OPTIMIZER_NAMES
from nnlib.training import (
    DIVERGED_ADVICE,
    Trainer,
    TrainingDiverged,
    TrainingWorseThanGuessing,
    fit,
)

EPOCHS = 60


def _problem(loss, activation="tanh"):
    """(network, X, y) for each loss: two classes, three classes, a regression."""
    if loss == "binary_cross_entropy":
        X, y = xor_clouds(80, seed=0)
        return Network([2, 6, 1], activation=activation, seed=0), X, y
    if loss == "cross_entropy":
        X, y = spiral(90, arms=3, seed=0)
        return Network([2, 6, 3], activation=activation, seed=0), X, y
    X, y = regression_1d(60, seed=0)
    return Network([1, 6, 1], activation=activation, seed=0), X, y


def _diverges(loss, **options):
    network, X, y = _problem(loss, options.pop("activation", "tanh"))
    scale = options.pop("input_scale", 1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning on the way down
        with pytest.raises(TrainingDiverged) as info:
            fit(network, X * scale, y, loss=loss, epochs=EPOCHS, **options)
    error = info.value
    assert DIVERGED_ADVICE in str(error)
    assert 1 <= error.epoch <= EPOCHS
    # The history up to the stop is on the error, and every number in it is finite.
    assert len(error.history) in (error.epoch - 1, error.epoch)
    assert all(math.isfinite(value) for value in error.history.train_loss)
    return error


LOSSES = ["binary_cross_entropy", "cross_entropy", "mse"]


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("optimizer", OPTIMIZER_NAMES)
@pytest.mark.parametrize("learning_rate", [1e3, 1e6])
def test_a_huge_learning_rate_ends_in_the_diverged_error(loss, optimizer, learning_rate):
    error = _diverges(loss, optimizer=optimizer, learning_rate=learning_rate)
    assert f"below {learning_rate:g}" in str(error)  # the advice names the rate to beat


@pytest.mark.parametrize("loss", LOSSES)
def test_a_huge_l2_penalty_ends_in_the_diverged_error(loss):
    error = _diverges(loss, l2=1e6)
    assert "l2=1e+06" in str(error)


@pytest.mark.parametrize("loss", LOSSES)
def test_inputs_scaled_by_a_million_end_in_the_diverged_error(loss):
    # ReLU units pass the huge inputs on (tanh and sigmoid saturate instead: see the
    # worse-than-guessing test below).
    error = _diverges(loss, input_scale=1e6, activation="relu")
    assert "standardise" in str(error)


def test_a_run_that_is_fine_does_not_stop():
    network, X, y = _problem("binary_cross_entropy")
    history = fit(network, X, y, epochs=EPOCHS, learning_rate=0.1)
    assert len(history) == EPOCHS


def test_trainer_run_stops_after_the_patience_and_keeps_the_history():
    network, X, y = _problem("cross_entropy")
    trainer = Trainer(network, X, y, learning_rate=1e3, optimizer="momentum")
    with pytest.raises(TrainingDiverged) as info:
        for _ in range(EPOCHS):
            trainer.run(1)  # one epoch at a time, as widgets do
    assert info.value.history is trainer.history
    ceiling = trainer.divergence_ceiling
    assert ceiling == 10 * max(trainer.initial_loss, trainer.guess_loss, 1e-6)


def test_guess_loss_is_the_loss_of_predicting_the_class_frequencies():
    network, X, y = _problem("binary_cross_entropy")
    trainer = Trainer(network, X, y)
    p = y.mean()
    expected = -(p * math.log(p) + (1 - p) * math.log(1 - p))  # the entropy of the labels
    assert trainer.guess_loss == pytest.approx(expected, rel=1e-9)
    X, targets = regression_1d(40, seed=1)
    trainer = Trainer(Network([1, 4, 1], activation="tanh"), X, targets, loss="mse")
    assert trainer.guess_loss == pytest.approx(np.var(targets), rel=1e-9)


def test_a_saturated_sigmoid_network_that_ends_worse_than_guessing_says_so():
    # Inputs a million times too large saturate every sigmoid unit: the loss creeps
    # down from its start but ends above the loss of guessing the class frequencies.
    network, X, y = _problem("binary_cross_entropy", activation="sigmoid")
    with pytest.warns(TrainingWorseThanGuessing, match="worse than guessing") as record:
        history = fit(network, X * 1e6, y, epochs=EPOCHS)
    assert history.train_loss[-1] < history.train_loss[0]  # not diverging: stuck
    guess = Trainer(network, X * 1e6, y).guess_loss
    assert history.train_loss[-1] > guess
    assert f"{guess:.3g}" in str(record[0].message)


def test_the_playground_says_diverged_with_the_same_words():
    # A linear network with a huge rate blows up within a few epochs.
    engine = Playground(
        dataset="spiral", hidden_sizes=(8, 8), activation="linear", learning_rate=10.0
    )
    engine.step(30)
    assert engine.state.status == "diverged"
    assert DIVERGED_ADVICE in engine.state.message
