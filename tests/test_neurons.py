"""Tests for nnlib.neurons: the general neuron, McCulloch-Pitts units and Rosenblatt's
perceptron (convergence on separable gates, no convergence on XOR, a replay of every
update against the learning rule, and the errors on bad input)."""

import numpy as np
import pytest

from nnlib.datasets import gaussian_blobs, logic_gate
from nnlib.neurons import (
    McCullochPittsUnit,
    Neuron,
    Perceptron,
    PerceptronUpdate,
    mp_and,
    mp_not,
    mp_or,
)

INPUTS_2 = [[0, 0], [0, 1], [1, 0], [1, 1]]


def step(z):
    """The test's own step: 1 when z >= 0."""
    return (np.asarray(z) >= 0).astype(int)


# ----------------------------------------------------------------------------------
# Neuron
# ----------------------------------------------------------------------------------


def test_neuron_weighted_sum_and_output_by_hand():
    neuron = Neuron(weights=[0.5, -1.0, 2.0], bias=0.25, activation="sigmoid")
    X = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-2.0, 1.0, -0.5]])
    z_expected = np.array([0.5 - 2.0 + 6.0 + 0.25, 0.25, -1.0 - 1.0 - 1.0 + 0.25])
    np.testing.assert_allclose(neuron.weighted_sum(X), z_expected)
    np.testing.assert_allclose(neuron(X), 1 / (1 + np.exp(-z_expected)))


def test_neuron_single_input_vector_gives_a_number():
    neuron = Neuron([1.0, 1.0], bias=-1.5, activation="step")
    assert neuron.weighted_sum([1, 1]) == pytest.approx(0.5)
    assert neuron([1, 1]) == 1.0
    assert neuron([1, 0]) == 0.0
    assert isinstance(neuron([0, 1]), float)


def test_neuron_with_step_computes_and_gate_and_takes_activation_params():
    np.testing.assert_array_equal(Neuron([1, 1], bias=-1.5)(INPUTS_2), [0, 0, 0, 1])
    leaky = Neuron([1.0], bias=0.0, activation="leaky_relu", alpha=0.1)
    np.testing.assert_allclose(leaky([[-2.0], [3.0]]), [-0.2, 3.0])


def test_neuron_repr_shows_weights_and_activation():
    text = repr(Neuron([1.0, -2.0], bias=0.5, activation="relu"))
    assert "Neuron(" in text and "relu" in text and "-2" in text


def test_neuron_errors():
    neuron = Neuron([1.0, 2.0])
    with pytest.raises(ValueError, match=r"\(n_samples, 2\)"):
        neuron.weighted_sum(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="length 2"):
        neuron([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="NaN"):
        neuron([[np.nan, 1.0]])
    with pytest.raises(ValueError, match="weights contains NaN"):
        Neuron([1.0, np.inf])
    with pytest.raises(ValueError, match="one per input"):
        Neuron([[1.0, 2.0]])
    with pytest.raises(ValueError, match="unknown activation"):
        Neuron([1.0], activation="sigmod")
    with pytest.raises(ValueError, match="softmax"):
        Neuron([1.0], activation="softmax")


# ----------------------------------------------------------------------------------
# McCulloch-Pitts units
# ----------------------------------------------------------------------------------


def test_mp_and_or_not_truth_tables():
    np.testing.assert_array_equal(mp_and()(INPUTS_2), [0, 0, 0, 1])
    np.testing.assert_array_equal(mp_or()(INPUTS_2), [0, 1, 1, 1])
    np.testing.assert_array_equal(mp_not()([[0], [1]]), [1, 0])
    assert mp_not()([0]) == 1 and mp_not()([1]) == 0


def test_mp_gates_with_three_inputs():
    X, and_out = mp_and(3).truth_table()
    assert X.shape == (8, 3)
    np.testing.assert_array_equal(and_out, X.all(axis=1).astype(int))
    _, or_out = mp_or(3).truth_table()
    np.testing.assert_array_equal(or_out, X.any(axis=1).astype(int))


def test_mp_threshold_is_reached_not_exceeded():
    # weights 2 and 1, threshold 2: the first input alone is enough, the second is not
    unit = McCullochPittsUnit([2, 1], threshold=2)
    np.testing.assert_array_equal(unit(INPUTS_2), [0, 0, 1, 1])
    np.testing.assert_allclose(unit.weighted_sum(INPUTS_2), [0, 1, 2, 3])


def test_mp_inhibitory_input_vetoes_firing():
    # "x1 OR x2, unless x3": any active inhibitory input blocks the unit
    unit = McCullochPittsUnit([1, 1, 0], threshold=1, inhibitory=[2])
    X, out = unit.truth_table()
    expected = ((X[:, 0] | X[:, 1]) & (1 - X[:, 2])).astype(int)
    np.testing.assert_array_equal(out, expected)
    # a large excitatory sum cannot overrule the veto
    strong = McCullochPittsUnit([5, 5, 5], threshold=1, inhibitory=[2])
    assert strong([1, 1, 1]) == 0
    assert strong([1, 1, 0]) == 1
    assert "inhibitory=(2,)" in repr(strong)


def test_mp_units_compose_into_xor():
    # XOR = (x1 OR x2) AND NOT (x1 AND x2): two layers of threshold units
    X = np.array(INPUTS_2)
    either = mp_or()(X)
    both = mp_and()(X)
    xor = McCullochPittsUnit([1, 0], threshold=1, inhibitory=[1])(np.column_stack([either, both]))
    np.testing.assert_array_equal(xor, [0, 1, 1, 0])


def test_mp_errors():
    with pytest.raises(ValueError, match="excitatory and must be >= 0"):
        McCullochPittsUnit([1, -1], threshold=1)
    with pytest.raises(ValueError, match="out of range"):
        McCullochPittsUnit([1, 1], threshold=1, inhibitory=[2])
    with pytest.raises(ValueError, match="whole numbers"):
        McCullochPittsUnit([1, 1], threshold=1, inhibitory=[1.5])
    with pytest.raises(ValueError, match="binary"):
        mp_and()([[0.5, 1]])
    with pytest.raises(ValueError, match=r"\(n_samples, 2\)"):
        mp_and()([[1, 1, 1]])
    with pytest.raises(ValueError, match="threshold must be a finite number"):
        McCullochPittsUnit([1, 1], threshold=float("nan"))


# ----------------------------------------------------------------------------------
# Perceptron: convergence
# ----------------------------------------------------------------------------------


@pytest.mark.parametrize("gate", ["and", "or", "nand", "nor"])
@pytest.mark.parametrize("seed", [None, 0, 7])
def test_perceptron_learns_linearly_separable_gates(gate, seed):
    X, y = logic_gate(gate)
    perceptron = Perceptron(n_inputs=2, learning_rate=0.5, seed=seed)
    result = perceptron.fit(X, y, max_epochs=100)
    assert result.converged_epoch is not None
    assert result.converged
    np.testing.assert_array_equal(perceptron.predict(X), y)
    # training stops at the first clean epoch; every earlier epoch had mistakes
    assert result.epochs_run == result.converged_epoch
    assert result.errors_per_epoch[-1] == 0
    assert all(errors >= 1 for errors in result.errors_per_epoch[:-1])
    np.testing.assert_array_equal(result.weights, perceptron.weights)


def test_perceptron_never_learns_xor():
    X, y = logic_gate("xor")
    result = Perceptron(2).fit(X, y, max_epochs=100)
    assert result.converged_epoch is None
    assert not result.converged
    assert len(result.errors_per_epoch) == 100
    assert min(result.errors_per_epoch) >= 1


def test_perceptron_learns_separable_blobs():
    X, y = gaussian_blobs(n=100, noise=0.2, seed=0)  # far apart: separable
    perceptron = Perceptron(2, learning_rate=0.1)
    result = perceptron.fit(X, y, max_epochs=50)
    assert result.converged
    np.testing.assert_array_equal(perceptron.predict(X), y)


# ----------------------------------------------------------------------------------
# Perceptron: the learning rule, checked by hand and by replay
# ----------------------------------------------------------------------------------


def test_learning_rule_matches_hand_computation_from_zero():
    # w = 0, b = 0, x = (1, 1), y = 0: z = 0 so y_hat = step(0) = 1, error y - y_hat = -1
    # w <- 0 + 0.1 * (-1) * (1, 1) = (-0.1, -0.1);  b <- 0 + 0.1 * (-1) = -0.1
    perceptron = Perceptron(2, learning_rate=0.1)
    result = perceptron.fit([[1.0, 1.0]], [0], max_epochs=1)
    first = result.updates[0]
    np.testing.assert_allclose(first.weights, [-0.1, -0.1])
    assert first.bias == pytest.approx(-0.1)
    assert first.changed and first.prediction == 1 and first.target == 0
    assert first.sample_index == 0 and first.epoch == 1


def test_learning_rule_matches_hand_computation_from_random_start():
    perceptron = Perceptron(3, learning_rate=0.5, seed=3)
    w0 = perceptron.weights.copy()
    assert np.any(w0 != 0)  # a seed gives a random start
    x = np.array([2.0, -1.0, 0.5])
    y_hat = int(w0 @ x >= 0)
    target = 1 - y_hat  # a label the perceptron gets wrong, so the rule must act
    result = perceptron.fit(x.reshape(1, 3), [target], max_epochs=1)
    np.testing.assert_allclose(result.updates[0].weights, w0 + 0.5 * (target - y_hat) * x)
    assert result.updates[0].bias == pytest.approx(0.5 * (target - y_hat))


def test_update_returns_the_error_and_leaves_weights_alone_when_right():
    perceptron = Perceptron(2, learning_rate=1.0)
    assert perceptron.update([1.0, 2.0], 1) == 0  # z = 0 -> y_hat = 1, correct
    np.testing.assert_array_equal(perceptron.weights, [0.0, 0.0])
    assert perceptron.update([1.0, 2.0], 0) == -1
    np.testing.assert_array_equal(perceptron.weights, [-1.0, -2.0])
    assert perceptron.bias == -1.0


def replay(X, y, result, learning_rate):
    """Recount the mistakes per epoch by replaying the recorded updates with predict,
    and check each recorded state against the learning rule applied by hand."""
    checker = Perceptron(X.shape[1], learning_rate=learning_rate)
    weights, bias = result.initial_weights.copy(), result.initial_bias
    errors = [0] * result.epochs_run
    for record in result.updates:
        checker.weights, checker.bias = weights, bias
        x, target = X[record.sample_index], y[record.sample_index]
        y_hat = checker.predict(x)
        errors[record.epoch - 1] += int(y_hat != target)
        expected_weights = weights + learning_rate * (target - y_hat) * x
        expected_bias = bias + learning_rate * (target - y_hat)
        np.testing.assert_allclose(record.weights, expected_weights)
        assert record.bias == pytest.approx(expected_bias)
        assert record.changed == (y_hat != target)
        assert record.prediction == y_hat
        weights, bias = record.weights, record.bias
    return errors, weights, bias


@pytest.mark.parametrize("gate", ["and", "or", "nand", "xor"])
@pytest.mark.parametrize("shuffle_seed", [None, 5])
def test_error_counts_equal_a_replayed_recount(gate, shuffle_seed):
    X, y = logic_gate(gate)
    result = Perceptron(2, learning_rate=0.3, seed=1).fit(
        X, y, max_epochs=20, shuffle_seed=shuffle_seed
    )
    errors, weights, bias = replay(X, y, result, learning_rate=0.3)
    assert errors == result.errors_per_epoch
    np.testing.assert_allclose(weights, result.weights)
    assert bias == pytest.approx(result.bias)
    # one record per sample visit
    assert len(result.updates) == len(X) * result.epochs_run


def test_replay_on_a_larger_noisy_data_set():
    X, y = gaussian_blobs(n=60, noise=0.8, seed=2)  # overlapping: keeps making mistakes
    result = Perceptron(2, learning_rate=0.05).fit(X, y, max_epochs=15)
    errors, _, _ = replay(X, y, result, learning_rate=0.05)
    assert errors == result.errors_per_epoch
    assert sum(errors) > 0


def test_default_order_is_data_order_and_shuffle_is_seeded():
    X, y = logic_gate("xor")
    plain = Perceptron(2).fit(X, y, max_epochs=3)
    assert [u.sample_index for u in plain.updates] == [0, 1, 2, 3] * 3
    shuffled = Perceptron(2).fit(X, y, max_epochs=3, shuffle_seed=1)
    again = Perceptron(2).fit(X, y, max_epochs=3, shuffle_seed=1)
    order = [u.sample_index for u in shuffled.updates]
    assert order == [u.sample_index for u in again.updates]
    assert order != [0, 1, 2, 3] * 3
    for epoch in range(3):  # each epoch still shows every sample once
        assert sorted(order[4 * epoch : 4 * epoch + 4]) == [0, 1, 2, 3]


def test_fit_starts_over_so_it_is_repeatable():
    X, y = logic_gate("nand")
    perceptron = Perceptron(2, learning_rate=0.7, seed=4)
    first = perceptron.fit(X, y)
    second = perceptron.fit(X, y)
    assert first.errors_per_epoch == second.errors_per_epoch
    np.testing.assert_array_equal(first.weights, second.weights)
    np.testing.assert_array_equal(first.initial_weights, second.initial_weights)


def test_update_records_are_named_tuples_with_weights_bias_index_first():
    X, y = logic_gate("and")
    record = Perceptron(2).fit(X, y).updates[0]
    assert isinstance(record, PerceptronUpdate)
    weights, bias, sample_index = record[:3]
    assert weights.shape == (2,) and isinstance(bias, float) and sample_index == 0


def test_records_are_copies_not_views_of_the_live_weights():
    X, y = logic_gate("or")
    perceptron = Perceptron(2)
    result = perceptron.fit(X, y)
    snapshots = [(tuple(u.weights), u.bias) for u in result.updates if u.changed]
    # every change leaves a different snapshot behind
    assert len(set(snapshots)) == len(snapshots) >= 2
    # changing the live weights afterwards does not rewrite history
    before = [u.weights.copy() for u in result.updates]
    perceptron.weights += 100.0
    result.weights += 100.0
    for record, saved in zip(result.updates, before, strict=True):
        np.testing.assert_array_equal(record.weights, saved)


# ----------------------------------------------------------------------------------
# Perceptron: bad input
# ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "message"),
    [([-1, 1, 1, -1], "0 or 1"), ([0, 1, 2, 1], "0 or 1"), ([0, 0.5, 1, 1], "0 or 1")],
)
def test_perceptron_rejects_non_binary_labels(labels, message):
    X, _ = logic_gate("and")
    with pytest.raises(ValueError, match=message):
        Perceptron(2).fit(X, labels)


def test_perceptron_input_errors():
    X, y = logic_gate("and")
    perceptron = Perceptron(2)
    with pytest.raises(ValueError, match=r"\(n_samples, 2\)"):
        perceptron.fit(np.zeros((4, 3)), y)
    with pytest.raises(ValueError, match="NaN"):
        perceptron.fit(np.array([[0, 0], [0, np.nan], [1, 0], [1, 1]]), y)
    with pytest.raises(ValueError, match="same length"):
        perceptron.fit(X, y[:3])
    with pytest.raises(ValueError, match=r"shape \(n_samples,\)"):
        perceptron.fit(X, np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"\(n_samples, 2\)"):
        perceptron.predict(np.zeros((2, 5)))


@pytest.mark.parametrize("learning_rate", [0, -0.1, float("nan")])
def test_perceptron_rejects_bad_learning_rate(learning_rate):
    with pytest.raises(ValueError, match="learning_rate"):
        Perceptron(2, learning_rate=learning_rate)


@pytest.mark.parametrize("max_epochs", [0, -3, 2.5])
def test_perceptron_rejects_bad_max_epochs(max_epochs):
    X, y = logic_gate("and")
    with pytest.raises(ValueError, match="max_epochs"):
        Perceptron(2).fit(X, y, max_epochs=max_epochs)


def test_perceptron_rejects_bad_n_inputs():
    with pytest.raises(ValueError, match="n_inputs"):
        Perceptron(0)
