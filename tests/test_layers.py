"""Dense layer: forward values, gradients against finite differences, and input errors."""

import numpy as np
import pytest

from nnlib.activations import ACTIVATION_NAMES, get_activation
from nnlib.gradcheck import check_layer_gradients, numerical_gradient
from nnlib.layers import Dense

# step has zero derivative almost everywhere and a jump at 0: nothing to check there.
DIFFERENTIABLE = [name for name in ACTIVATION_NAMES if name != "step"]


@pytest.fixture
def X():
    return np.random.default_rng(3).normal(size=(6, 4))


def test_forward_is_activation_of_affine_map(X):
    layer = Dense(4, 3, activation="tanh", seed=1)
    layer.b[:] = [0.1, -0.2, 0.3]
    expected = np.tanh(X @ layer.W + layer.b)
    np.testing.assert_allclose(layer.forward(X), expected, rtol=1e-15)
    # the cache holds exactly what backward needs
    assert layer.X is X
    np.testing.assert_allclose(layer.Z, X @ layer.W + layer.b, rtol=1e-15)
    assert layer(X).shape == (6, 3)


@pytest.mark.parametrize("activation", DIFFERENTIABLE)
def test_layer_gradients_match_finite_differences(activation, X):
    layer = Dense(4, 5, activation=activation, seed=2)
    layer.b[:] = np.linspace(-0.5, 0.5, 5)  # non-zero biases so db is exercised
    errors = check_layer_gradients(layer, X, seed=7)
    assert set(errors) == {"W", "b", "X"}
    for name, error in errors.items():
        assert error < 1e-6, f"{activation}: d{name} relative error {error:.2e}"


def test_backward_formulas_by_hand(X):
    # Independent of the gradcheck module: dW = X.T dZ, db = sum dZ, dX = dZ W.T,
    # with dZ = dA * (1 - tanh(Z)^2).
    layer = Dense(4, 2, activation="tanh", seed=0)
    A = layer.forward(X)
    dA = np.random.default_rng(1).normal(size=A.shape)
    dX = layer.backward(dA)
    dZ = dA * (1 - np.tanh(X @ layer.W + layer.b) ** 2)
    np.testing.assert_allclose(layer.dW, X.T @ dZ, rtol=1e-12)
    np.testing.assert_allclose(layer.db, dZ.sum(axis=0), rtol=1e-12)
    np.testing.assert_allclose(dX, dZ @ layer.W.T, rtol=1e-12)
    assert layer.backward(dA, input_gradient=False) is None


def test_bias_gradient_by_finite_differences_on_relu(X):
    layer = Dense(4, 3, activation="relu", seed=5)
    G = np.ones((6, 3))
    layer.forward(X)
    layer.backward(G)
    numeric = numerical_gradient(lambda _: float(np.sum(G * layer.forward(X))), layer.b)
    np.testing.assert_allclose(layer.db, numeric, atol=1e-8)


def test_parameters_are_the_arrays_themselves():
    layer = Dense(3, 2, seed=0)
    W, b = layer.parameters()
    assert W is layer.W and b is layer.b
    W -= 1.0  # an in-place update through the list changes the layer
    np.testing.assert_array_equal(layer.W, W)
    assert layer.parameter_count == 3 * 2 + 2
    assert [g.shape for g in layer.gradients()] == [(3, 2), (2,)]


def test_biases_start_at_zero_and_seed_fixes_weights():
    a, b, c = Dense(5, 4, seed=11), Dense(5, 4, seed=11), Dense(5, 4, seed=12)
    np.testing.assert_array_equal(a.W, b.W)
    assert not np.array_equal(a.W, c.W)
    np.testing.assert_array_equal(a.b, np.zeros(4))
    rng1, rng2 = np.random.default_rng(9), np.random.default_rng(9)
    np.testing.assert_array_equal(Dense(5, 4, rng=rng1).W, Dense(5, 4, rng=rng2).W)


def test_xavier_uniform_default_respects_its_limit():
    layer = Dense(50, 30, seed=0)
    limit = np.sqrt(6.0 / (50 + 30))
    assert np.abs(layer.W).max() <= limit
    assert np.abs(layer.W).max() > 0.9 * limit  # really uses the range, not zeros


def test_accepts_activation_objects_and_initializer_functions():
    layer = Dense(
        2,
        2,
        activation=get_activation("leaky_relu", alpha=0.2),
        initializer=lambda shape, rng: np.full(shape, 0.5),
    )
    out = layer.forward(np.array([[-1.0, -1.0], [1.0, 1.0]]))
    np.testing.assert_allclose(out, [[-0.2, -0.2], [1.0, 1.0]])
    assert "leaky_relu" in repr(layer) and "2 -> 2" in repr(layer)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"n_inputs": 0, "n_outputs": 2}, "n_inputs"),
        ({"n_inputs": 2, "n_outputs": -1}, "n_outputs"),
        ({"n_inputs": 2.5, "n_outputs": 2}, "n_inputs"),
        ({"n_inputs": 2, "n_outputs": 2, "activation": "sigmoidd"}, "unknown activation"),
        ({"n_inputs": 2, "n_outputs": 2, "initializer": "hee"}, "unknown initializer"),
    ],
)
def test_bad_construction_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Dense(**kwargs)


def test_wrong_input_shapes_are_explained():
    layer = Dense(3, 2)
    with pytest.raises(ValueError, match=r"\(n_samples, 3\)"):
        layer.forward(np.ones((4, 2)))
    with pytest.raises(ValueError, match=r"\(n_samples, 3\)"):
        layer.forward(np.ones(3))
    with pytest.raises(ValueError, match="forward before backward"):
        Dense(3, 2).backward(np.ones((1, 2)))


def test_changing_the_activation_changes_forward_and_backward(X):
    layer = Dense(4, 3, activation="linear", seed=0)
    layer.activation = "tanh"  # names are looked up, like in the constructor
    np.testing.assert_allclose(layer.forward(X), np.tanh(X @ layer.W + layer.b))
    assert max(check_layer_gradients(layer, X).values()) < 1e-6
    layer.activation = "linear"
    np.testing.assert_allclose(layer.forward(X), X @ layer.W + layer.b)
    assert max(check_layer_gradients(layer, X).values()) < 1e-6
