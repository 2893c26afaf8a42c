"""Tests for nnlib.activations: values against independent formulas, derivatives
against finite differences, numerical stability, and errors on bad names."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from nnlib.activations import (
    ACTIVATION_NAMES,
    Activation,
    Softmax,
    elu,
    erf,
    erfc,
    gelu,
    gelu_tanh,
    get_activation,
    leaky_relu,
    linear,
    relu,
    sigmoid,
    silu,
    softmax,
    softplus,
    step,
    swish,
    tanh,
)

ELEMENTWISE = [name for name in ACTIVATION_NAMES if name != "softmax"]
# Activations with a kink (or jump) at 0, where the derivative is not defined.
KINKED = {"step", "relu", "leaky_relu", "elu"}


def strict():
    """Turn every floating-point problem except underflow into an error.

    Underflow (a result too small for float64, rounded to 0.0 or a subnormal) is not a
    mistake: e^-1000 really is 0.0 in double precision, and NumPy ignores it by default.
    Overflow, division by zero and invalid operations (the ones that make inf and NaN)
    are what an unstable formula would trigger.
    """
    return np.errstate(over="raise", divide="raise", invalid="raise", under="ignore")


def central_difference(f, z, h=1e-5):
    return (f(z + h) - f(z - h)) / (2 * h)


def relative_error(a, b, floor=1e-8):
    a, b = np.asarray(a), np.asarray(b)
    return np.max(np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), floor))


def sample_points(name):
    """Points in [-6, 6] that avoid kinks (|z| >= 0.01) and the grid value 0."""
    z = np.linspace(-6, 6, 241) + 0.00731
    if name in KINKED:
        z = z[np.abs(z) > 0.01]
    return z


# --- derivatives ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_finite_differences(name):
    activation = get_activation(name)
    z = sample_points(name)
    numeric = central_difference(activation, z)
    analytic = activation.derivative(z)
    # where the true derivative is (almost) zero a relative error means nothing
    keep = np.abs(numeric) > 1e-3
    if name == "step":
        np.testing.assert_array_equal(analytic, 0.0)
        np.testing.assert_array_equal(numeric, 0.0)
        return
    assert keep.sum() > 100
    assert relative_error(analytic[keep], numeric[keep]) < 1e-6
    # and near-zero derivatives agree in absolute terms
    assert np.max(np.abs(analytic - numeric)) < 1e-8


@pytest.mark.parametrize(
    "name, params", [("leaky_relu", {"alpha": 0.2}), ("elu", {"alpha": 0.5}), ("elu", {})]
)
def test_derivative_with_parameters_matches_finite_differences(name, params):
    activation = get_activation(name, **params)
    z = sample_points(name)
    assert relative_error(activation.derivative(z), central_difference(activation, z)) < 1e-6


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_backward_is_chain_rule_with_and_without_forward_output(name):
    activation = get_activation(name)
    rng = np.random.default_rng(1)
    z = rng.normal(0, 3, size=(7, 5))
    grad_a = rng.normal(size=(7, 5))
    expected = grad_a * activation.derivative(z)
    np.testing.assert_allclose(activation.backward(z, activation(z), grad_a), expected, rtol=1e-12)
    np.testing.assert_allclose(activation.backward(z, None, grad_a), expected, rtol=1e-12)


@pytest.mark.parametrize("temperature, axis", [(1.0, -1), (0.5, -1), (3.0, 0)])
def test_softmax_backward_matches_finite_differences(temperature, axis):
    """backward is the Jacobian-vector product: the gradient of sum(g * softmax(z))."""
    activation = Softmax(temperature=temperature, axis=axis)
    rng = np.random.default_rng(2)
    z = rng.normal(size=(4, 5))
    g = rng.normal(size=(4, 5))

    def objective(zz):
        return np.sum(g * activation(zz))

    numeric = np.zeros_like(z)
    h = 1e-6
    for index in np.ndindex(z.shape):
        plus, minus = z.copy(), z.copy()
        plus[index] += h
        minus[index] -= h
        numeric[index] = (objective(plus) - objective(minus)) / (2 * h)
    analytic = activation.backward(z, activation(z), g)
    assert relative_error(analytic, numeric) < 1e-6
    np.testing.assert_allclose(activation.backward(z, None, g), analytic, rtol=1e-12)


def test_softmax_jacobian_and_diagonal_derivative_match_finite_differences():
    activation = Softmax(temperature=0.7)
    z = np.array([0.3, -1.2, 2.0, 0.1])
    h = 1e-6
    numeric = np.empty((4, 4))
    for j in range(4):
        step_j = np.zeros(4)
        step_j[j] = h
        numeric[:, j] = (activation(z + step_j) - activation(z - step_j)) / (2 * h)
    assert relative_error(activation.jacobian(z), numeric) < 1e-6
    assert relative_error(activation.derivative(z), np.diag(numeric)) < 1e-6


# --- values against independent formulas ---------------------------------------------


def test_tanh_is_a_rescaled_sigmoid():
    z = np.linspace(-20, 20, 4001)
    np.testing.assert_allclose(tanh(z), 2 * sigmoid(2 * z) - 1, rtol=0, atol=1e-15)


def test_sigmoid_known_values():
    assert get_activation("sigmoid").derivative(0.0) == 0.25
    assert sigmoid(0.0) == 0.5
    z = np.array([-30.0, -2.0, 0.7, 5.0])
    reference = np.array([1 / (1 + math.exp(-v)) for v in z])
    np.testing.assert_allclose(sigmoid(z), reference, rtol=1e-15)


def test_simple_activations_against_definitions():
    z = np.array([-2.5, -0.5, 0.0, 0.5, 2.5])
    np.testing.assert_array_equal(step(z), [0, 0, 1, 1, 1])
    np.testing.assert_array_equal(linear(z), z)
    np.testing.assert_array_equal(relu(z), [0, 0, 0, 0.5, 2.5])
    np.testing.assert_allclose(leaky_relu(z, 0.1), [-0.25, -0.05, 0, 0.5, 2.5], rtol=1e-15)
    np.testing.assert_allclose(
        elu(z, 2.0), [2 * math.expm1(-2.5), 2 * math.expm1(-0.5), 0, 0.5, 2.5], rtol=1e-15
    )
    np.testing.assert_allclose(softplus(z), [math.log1p(math.exp(v)) for v in z], rtol=1e-15)
    np.testing.assert_allclose(silu(z), [v / (1 + math.exp(-v)) for v in z], rtol=1e-15)
    assert swish is silu


def test_erf_matches_math_erf_on_a_dense_grid():
    x = np.concatenate([np.linspace(-8, 8, 160_001), np.geomspace(1e-300, 1e-3, 200)])
    expected = np.array([math.erf(v) for v in x])
    assert relative_error(erf(x), expected, floor=1e-300) < 1e-13


def test_erfc_matches_math_erfc_including_the_far_tail():
    x = np.linspace(-6, 26, 64_001)
    expected = np.array([math.erfc(v) for v in x])
    assert relative_error(erfc(x), expected, floor=1e-300) < 1e-13
    assert erfc(40.0) == 0.0 and erfc(-40.0) == 2.0
    assert erf(np.inf) == 1.0 and erf(-np.inf) == -1.0
    with pytest.raises(ValueError, match="x contains NaN"):
        erf(np.nan)  # an error at the call, not a NaN that surfaces later


def test_gelu_matches_an_erf_reference_computed_in_python():
    z = np.linspace(-12, 12, 4801)
    # z * Phi(z) with Phi(z) = erfc(-z / sqrt 2) / 2; erfc keeps the left tail accurate
    reference = np.array([v * 0.5 * math.erfc(-v / math.sqrt(2)) for v in z])
    assert relative_error(gelu(z), reference, floor=1e-300) < 1e-13


def test_gelu_tanh_matches_its_formula():
    z = np.linspace(-8, 8, 1601)
    c = math.sqrt(2 / math.pi)
    reference = [0.5 * v * (1 + math.tanh(c * (v + 0.044715 * v**3))) for v in z]
    # absolute tolerance too: in the left tail 1 + tanh(u) cancels to (almost) nothing
    np.testing.assert_allclose(gelu_tanh(z), reference, rtol=1e-13, atol=1e-15)


def test_gelu_tanh_approximation_stays_close_to_exact_gelu():
    z = np.linspace(-10, 10, 200_001)
    max_difference = np.max(np.abs(gelu_tanh(z) - gelu(z)))
    assert max_difference < 1e-3
    assert max_difference > 0  # it is an approximation, not the same function


def reference_softmax(z, temperature):
    exps = [math.exp(v / temperature) for v in z]
    return np.array([e / sum(exps) for e in exps])


@pytest.mark.parametrize("temperature", [0.25, 0.5, 1.0, 2.0, 10.0])
def test_softmax_with_temperature_matches_a_hand_written_reference(temperature):
    z = np.array([1.0, -0.5, 2.0, 0.0])
    np.testing.assert_allclose(softmax(z, temperature), reference_softmax(z, temperature), 1e-14)


def test_softmax_temperature_extremes_and_axis():
    z = np.array([1.0, 2.0, 3.0])
    cold = softmax(z, temperature=0.01)  # the others get e^-100 and e^-200 of the weight
    assert cold[2] == pytest.approx(1.0, abs=1e-15)
    assert np.all(cold[:2] < 1e-40)
    np.testing.assert_allclose(softmax(z, temperature=1e4), [1 / 3] * 3, atol=1e-4)
    batch = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 6.0]])
    np.testing.assert_allclose(softmax(batch).sum(axis=1), [1, 1], rtol=1e-15)
    np.testing.assert_allclose(softmax(batch, axis=0).sum(axis=0), [1, 1, 1], rtol=1e-15)
    np.testing.assert_allclose(softmax(batch, axis=0)[:, 0], reference_softmax([1.0, 0.0], 1))
    with pytest.raises(ValueError, match="temperature"):
        softmax(z, temperature=0)


# --- numerical stability ----------------------------------------------------------------


def test_sigmoid_and_softmax_of_huge_inputs_are_exact_and_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            assert sigmoid(1000.0) == 1.0
            assert sigmoid(-1000.0) == 0.0
            np.testing.assert_array_equal(softmax(np.array([1000.0, 0.0])), [1.0, 0.0])
            np.testing.assert_array_equal(softmax(np.array([[0.0, -1000.0]])), [[1.0, 0.0]])
            assert softplus(-1000.0) == 0.0
            assert softplus(1000.0) == 1000.0


SPECIAL_POINTS = np.array(
    [-1e4, -1000, -745.5, -709, -40, -1e-300, 0, 1e-300, 40, 709, 745.5, 1000, 1e4]
)


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_no_overflow_on_a_dense_grid_up_to_1e4(name):
    activation = get_activation(name)
    z = np.concatenate([np.linspace(-1e4, 1e4, 20_001), np.linspace(-800, 800, 16_001)])
    z = np.concatenate([z, SPECIAL_POINTS]).reshape(-1, 1)
    if name == "softmax":
        z = z.reshape(-1, 3)  # rows with wildly different logits
    with warnings.catch_warnings(), strict():
        warnings.simplefilter("error")
        for result in (
            activation(z),
            activation.derivative(z),
            activation.backward(z, activation(z), np.ones_like(z)),
        ):
            assert np.all(np.isfinite(result))


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(ACTIVATION_NAMES),
    z=arrays(
        np.float64,
        array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=6),
        elements=st.floats(-1e4, 1e4),
    ),
)
def test_property_no_nan_inf_or_warning_for_inputs_up_to_1e4(name, z):
    activation = get_activation(name)
    with warnings.catch_warnings(), strict():
        warnings.simplefilter("error")
        a = activation(z)
        derivative = activation.derivative(z)
        grad_z = activation.backward(z, a, np.ones_like(z))
    for result in (a, derivative, grad_z):
        assert result.shape == z.shape
        assert np.all(np.isfinite(result))
    if name in ("sigmoid", "softmax"):
        assert np.all((a >= 0) & (a <= 1))


# --- objects, names and errors ---------------------------------------------------------


FUNCTIONS = {
    "step": step,
    "linear": linear,
    "sigmoid": sigmoid,
    "tanh": tanh,
    "relu": relu,
    "leaky_relu": leaky_relu,
    "elu": elu,
    "gelu": gelu,
    "gelu_tanh": gelu_tanh,
    "silu": silu,
    "swish": swish,
    "softplus": softplus,
    "softmax": softmax,
}


def test_every_name_has_a_function():
    assert set(FUNCTIONS) == set(ACTIVATION_NAMES)


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_every_name_gives_an_activation_that_agrees_with_its_function(name):
    activation = get_activation(name)
    assert isinstance(activation, Activation)
    assert activation.name == ("silu" if name == "swish" else name)
    assert "f(z)" in type(activation).__doc__  # the formula is documented
    z = np.linspace(-3, 3, 13)
    np.testing.assert_array_equal(activation(z), FUNCTIONS[name](z))


def test_scalar_input_gives_scalar_output():
    assert isinstance(sigmoid(0), np.floating)
    assert isinstance(get_activation("relu")(-2.0), np.floating)
    assert float(relu(-2)) == 0.0


def test_get_activation_parameters_and_pass_through():
    leaky = get_activation("leaky_relu", alpha=0.3)
    assert leaky.alpha == 0.3
    assert leaky(-10.0) == pytest.approx(-3.0)
    assert get_activation(leaky) is leaky
    assert get_activation("  ReLU ").name == "relu"
    assert get_activation("softmax", temperature=2.0).temperature == 2.0
    assert repr(get_activation("elu", alpha=0.5)) == "ELU(alpha=0.5)"
    assert get_activation("leaky_relu", alpha=0.3) == leaky


def test_unknown_activation_name_lists_the_known_ones():
    with pytest.raises(ValueError) as info:
        get_activation("sigmod")
    message = str(info.value)
    assert "'sigmod'" in message
    assert "did you mean 'sigmoid'" in message
    for known in ACTIVATION_NAMES:
        assert known in message


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda: get_activation("relu", alpha=0.1), ["relu", "alpha"]),
        (lambda: get_activation("leaky_relu", alpha=-0.1), ["alpha", ">= 0"]),
        (lambda: get_activation("leaky_relu", alpha=2.0), ["alpha", "between 0 and 1"]),
        (lambda: get_activation("elu", alpha=float("nan")), ["alpha", "finite"]),
        (lambda: get_activation("softmax", temperature=0.0), ["temperature", "> 0"]),
        (lambda: get_activation("softmax", temperature=-1), ["temperature"]),
        (lambda: get_activation(3), ["name", "Activation"]),
        (lambda: get_activation(get_activation("relu"), alpha=1), ["name instead"]),
    ],
)
def test_bad_parameters_raise_clear_errors(call, words):
    with pytest.raises(ValueError) as info:
        call()
    for word in words:
        assert word in str(info.value)
