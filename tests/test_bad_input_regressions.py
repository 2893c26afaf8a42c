"""One focused test per gap the bad-input property tests (tests/test_bad_input.py) found:
each input once gave a NumPy message, a warning, a wrong error or a run that never
ended; now it gets a clear error naming the argument, or the right result."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from nnbook import quiz
from nnbook.playground import engine
from nnlib import activations, network, neurons, training
from nnlib.training import TrainingDiverged

X = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5], [-0.5, 0.75, 1.0], [1.0, 1.0, 0.0]])
Y = np.array([0, 1, 1, 0])


@pytest.fixture(autouse=True)
def warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


@pytest.mark.parametrize(
    "call",
    [
        lambda z: activations.softmax(z),
        lambda z: activations.log_softmax(z),
        lambda z: activations.Softmax().jacobian(z),
    ],
)
@pytest.mark.parametrize("z", [np.zeros(0), np.zeros((2, 0))])
def test_softmax_of_no_numbers_is_refused(call, z):
    # NumPy's "zero-size array to reduction operation maximum" before
    with pytest.raises(ValueError, match=r"z has shape .* no numbers along axis"):
        call(z)


def test_numbers_too_far_apart_give_softmax_exactly_and_log_softmax_an_error():
    z = np.array([1e308, -1e308])  # z - max(z) overflows: a RuntimeWarning before
    np.testing.assert_array_equal(activations.softmax(z), [1.0, 0.0])
    with pytest.raises(ValueError, match="z spans more than float64 can hold"):
        activations.log_softmax(z)


def test_a_temperature_that_overflows_z_is_named():
    with pytest.raises(ValueError, match="z / temperature overflows"):
        activations.softmax(np.array([3.0, 1e10]), temperature=1e-300)


@pytest.mark.parametrize(
    "make",
    [
        lambda bad: quiz.SingleChoice.from_values("Pick", bad, lambda: 2.0),
        lambda bad: quiz.SingleChoice("Pick", bad, 0, ["yes", "no"]),
        lambda bad: quiz.MultipleChoice.from_predicate("Pick", bad, bool, ["a", "b"]),
    ],
)
def test_a_0d_array_is_not_taken_for_a_list_of_options(make):
    # iterating a 0-d array raised NumPy's "iteration over a 0-d array"
    with pytest.raises(ValueError, match="must be a list"):
        make(np.array(1.5))


def test_grading_a_0d_array_as_marked_options_explains_what_is_expected():
    question = quiz.MultipleChoice("Pick", ["a", "b"], [0], ["1", "2"])
    feedback = quiz.grade(question, np.array(1))
    assert feedback.correct is None and "indices of the chosen options" in feedback.message


def test_a_0d_array_of_features_is_reported_as_a_setting_problem():
    settings = engine.PlaygroundSettings().replace(features=np.array(1.5))
    assert any("input features must be a list" in p for p in settings.problems())


@pytest.mark.parametrize("epochs", [10**30, 1e300, 2e12])
def test_epochs_that_could_never_finish_are_refused_before_training(epochs):
    # these ran for ever (range(10**30)); the history alone would not fit in memory
    net = network.Network([3, 4, 1], seed=0)
    with pytest.raises(ValueError, match=r"epochs=.* would need about"):
        training.fit(net, X, Y, epochs=epochs)
    with pytest.raises(ValueError, match=r"epochs=.* would need about"):
        training.Trainer(net, X, Y).run(epochs)
    with pytest.raises(ValueError, match=r"max_epochs=.* would need about"):
        neurons.Perceptron(3).fit(X, Y, max_epochs=epochs)


def test_weights_wrecked_by_a_huge_learning_rate_are_divergence_with_a_penalty():
    # with l1/l2 on, the penalty's check of the weights spoke of "weights[0]" instead
    net = network.Network([3, 4, 1], activation="tanh", seed=0)
    with pytest.raises(TrainingDiverged, match="the weights became NaN or infinite") as info:
        training.fit(net, X, Y, epochs=3, learning_rate=1e300, l2=0.001, seed=0)
    assert "learning rate below" in str(info.value)
