"""The gradient checker itself: it must agree with calculus and catch broken backprop."""

import numpy as np
import pytest

from nnlib.activations import Tanh
from nnlib.datasets import spiral
from nnlib.gradcheck import (
    check_gradients,
    check_layer_gradients,
    numerical_gradient,
    relative_error,
)
from nnlib.layers import Dense
from nnlib.network import Network


def test_numerical_gradient_of_known_functions():
    x = np.array([[0.5, -1.0], [2.0, 3.0]])
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(v**3), x), 3 * x**2, rtol=1e-8)
    np.testing.assert_allclose(
        numerical_gradient(lambda v: np.sin(v).sum(), x), np.cos(x), rtol=1e-8
    )
    # central differences are exact for quadratics (up to rounding)
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    v = np.array([0.3, -0.7])
    np.testing.assert_allclose(numerical_gradient(lambda w: w @ A @ w, v), 2 * A @ v, rtol=1e-9)


def test_numerical_gradient_restores_its_input():
    x = np.array([1.0, 2.0, 3.0])
    numerical_gradient(lambda v: float(v.sum()), x)
    np.testing.assert_array_equal(x, [1.0, 2.0, 3.0])


def test_numerical_gradient_needs_float64_arrays():
    with pytest.raises(ValueError, match="float64"):
        numerical_gradient(lambda v: 0.0, np.array([1, 2]))
    with pytest.raises(ValueError, match="epsilon"):
        numerical_gradient(lambda v: 0.0, np.ones(2), epsilon=0)


def test_relative_error_values():
    a = np.array([3.0, 4.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(a, -a) == pytest.approx(1.0)
    assert relative_error(a, np.zeros(2)) == pytest.approx(1.0)
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    # ||(0, 0.5)|| / (5 + ||(3, 4.5)||)
    assert relative_error(a, [3.0, 4.5]) == pytest.approx(0.5 / (5 + np.hypot(3, 4.5)))
    with pytest.raises(ValueError, match="shapes"):
        relative_error(np.ones(2), np.ones(3))


def test_check_gradients_passes_a_correct_network():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(6, 3))
    y = rng.integers(0, 3, size=6)
    errors = check_gradients(Network([3, 5, 3], activation="tanh", seed=1), X, y, l2=0.1)
    assert list(errors) == ["layer1.W", "layer1.b", "layer2.W", "layer2.b"]
    assert all(error < 1e-7 for error in errors.values())


class _ForgetsTheDerivative(Tanh):
    """A deliberately broken tanh: backward skips the factor 1 - a^2."""

    def backward_unchecked(self, z, a, grad_a):  # what a layer calls
        return grad_a


def test_check_gradients_catches_a_broken_backward():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(6, 2))
    y = rng.integers(0, 2, size=6)
    net = Network([2, 4, 1], activation="tanh", seed=0)
    net.layers[0].activation = _ForgetsTheDerivative()
    errors = check_gradients(net, X, y)
    assert errors["layer1.W"] > 1e-3 and errors["layer1.b"] > 1e-3
    assert errors["layer2.W"] < 1e-7  # the output layer is still right


def test_check_gradients_catches_a_wrong_penalty_gradient(monkeypatch):
    import nnlib.training

    monkeypatch.setattr(
        nnlib.training, "l2_gradient_unchecked", lambda W, strength: 2 * strength * W
    )
    rng = np.random.default_rng(1)
    X = rng.normal(size=(5, 2))
    errors = check_gradients(Network([2, 3, 1], seed=0), X, rng.integers(0, 2, 5), l2=1.0)
    assert errors["layer1.W"] > 1e-3
    assert errors["layer1.b"] < 1e-7  # biases carry no penalty


def test_check_layer_gradients_catches_a_wrong_weight_gradient():
    class Broken(Dense):
        def backward(self, dA, input_gradient=True):
            dX = super().backward(dA, input_gradient)
            self.dW = self.dW * 0.5  # pretend someone forgot a factor
            return dX

    X = np.random.default_rng(2).normal(size=(4, 3))
    errors = check_layer_gradients(Broken(3, 2, activation="sigmoid", seed=0), X)
    assert errors["W"] > 0.1
    assert errors["b"] < 1e-7 and errors["X"] < 1e-7


def test_check_gradients_validates_its_data():
    with pytest.raises(ValueError, match="2 classes"):
        check_gradients(Network([2, 1]), np.ones((3, 2)), [0, 1, 2])


def test_check_gradients_refuses_float32():
    X, y = spiral(10, seed=0)
    with pytest.raises(ValueError, match="need float64"):
        check_gradients(Network([2, 3, 1], dtype="float32"), X, y)
