"""Tests for nnlib.regularization: weight penalties and their gradients, and inverted
dropout (identity at inference, the right fraction dropped, the mean preserved)."""

import math

import numpy as np
import pytest

from nnlib.gradcheck import numerical_gradient
from nnlib.regularization import Dropout, l1_gradient, l1_penalty, l2_gradient, l2_penalty

W1 = np.array([[1.0, -2.0], [0.5, 0.0]])
W2 = np.array([[3.0], [-4.0]])


def test_penalties_known_values():
    assert l1_penalty([W1, W2], 0.1) == pytest.approx(0.1 * (3.5 + 7.0))
    assert l2_penalty([W1, W2], 0.1) == pytest.approx(0.05 * (1 + 4 + 0.25 + 9 + 16))
    assert l1_penalty(W2, 1.0) == 7.0  # a single matrix works too
    assert l2_penalty([W1], 0.0) == 0.0 and l1_penalty([W1], 0) == 0.0


def test_gradients_match_finite_differences():
    W = np.random.default_rng(0).normal(size=(4, 3))  # no entry is exactly 0
    np.testing.assert_allclose(
        l2_gradient(W, 0.3), numerical_gradient(lambda w: l2_penalty([w], 0.3), W), rtol=1e-7
    )
    np.testing.assert_allclose(
        l1_gradient(W, 0.3), numerical_gradient(lambda w: l1_penalty([w], 0.3), W), rtol=1e-7
    )
    np.testing.assert_array_equal(l1_gradient(W1, 2.0), [[2, -2], [2, 0]])  # 0 at the kink


@pytest.mark.parametrize("penalty", [l1_penalty, l2_penalty])
@pytest.mark.parametrize("strength", [-0.1, float("nan"), "0.1"])
def test_bad_strength_raises(penalty, strength):
    with pytest.raises(ValueError, match="strength"):
        penalty([W1], strength)


def test_dropout_is_the_identity_at_inference():
    X = np.random.default_rng(1).normal(size=(50, 8))
    dropout = Dropout(0.5, seed=0)
    assert dropout.forward(X) is X
    assert dropout.forward(X, training=False) is X
    dA = np.ones_like(X)
    assert dropout.backward(dA) is dA
    assert Dropout(0.0).forward(X, training=True) is X


@pytest.mark.parametrize("rate", [0.1, 0.5, 0.8])
def test_dropout_drops_the_right_fraction_and_scales_the_rest(rate):
    X = np.random.default_rng(2).uniform(1, 2, size=(400, 250))  # no zeros of its own
    out = Dropout(rate, seed=3).forward(X, training=True)
    dropped = out == 0
    n = X.size
    assert abs(dropped.mean() - rate) < 4 * math.sqrt(rate * (1 - rate) / n)
    np.testing.assert_allclose(out[~dropped], X[~dropped] / (1 - rate), rtol=1e-15)


@pytest.mark.parametrize("rate", [0.2, 0.5, 0.9])
def test_dropout_preserves_the_mean_in_expectation(rate):
    X = np.ones((500, 200))
    out = Dropout(rate, seed=4).forward(X, training=True)
    # each entry is 1/(1-rate) with probability 1-rate, else 0: mean 1, variance rate/(1-rate)
    standard_error = math.sqrt(rate / (1 - rate) / X.size)
    assert abs(out.mean() - 1.0) < 4 * standard_error


def test_dropout_backward_uses_the_forward_mask():
    X = np.random.default_rng(5).normal(size=(30, 10))
    dropout = Dropout(0.4, seed=6)
    out = dropout.forward(X, training=True)
    dA = np.random.default_rng(7).normal(size=X.shape)
    dX = dropout.backward(dA)
    np.testing.assert_array_equal(dX == 0, out == 0)
    np.testing.assert_allclose(dX[out != 0], dA[out != 0] / 0.6, rtol=1e-15)
    # an inference pass afterwards switches the mask off again
    dropout.forward(X, training=False)
    assert dropout.backward(dA) is dA


def test_dropout_is_seeded():
    X = np.ones((20, 20))
    a = Dropout(0.5, seed=1).forward(X, training=True)
    b = Dropout(0.5, seed=1).forward(X, training=True)
    c = Dropout(0.5, seed=2).forward(X, training=True)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    d = Dropout(0.5, rng=np.random.default_rng(1)).forward(X, training=True)
    np.testing.assert_array_equal(a, d)
    # successive training passes draw fresh masks
    dropout = Dropout(0.5, seed=1)
    assert not np.array_equal(dropout(X, training=True), dropout(X, training=True))


@pytest.mark.parametrize("rate", [1.0, -0.1, 1.5, float("nan"), None])
def test_bad_dropout_rate_raises(rate):
    with pytest.raises(ValueError, match="dropout rate"):
        Dropout(rate)


def test_dropout_repr_and_bad_rng():
    assert repr(Dropout(0.25)) == "Dropout(rate=0.25)"
    with pytest.raises(ValueError, match="rng must be an int .* Generator"):
        Dropout(0.5, rng="42")
    # an int rng is a seed, read by the one helper every random thing in nnlib uses
    X = np.ones((4, 6))
    np.testing.assert_array_equal(
        Dropout(0.5, rng=42).forward(X, training=True),
        Dropout(0.5, seed=42).forward(X, training=True),
    )
