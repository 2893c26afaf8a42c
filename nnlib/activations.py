"""Activation functions and their derivatives.

An activation is the non-linear function a neuron applies to its weighted sum
``z = x . w + b``. Each one comes in two forms:

* a plain function, ``sigmoid(z)``, for plotting and experiments, and
* an ``Activation`` object, ``get_activation("sigmoid")``, which also knows its
  derivative and how to pass a gradient backwards through itself. Layers use these.

Everything works elementwise on float arrays of any shape (float32 stays float32; other
input becomes float64), except ``softmax``, which
normalises along one axis. The formulas are written so that no input in [-1e4, 1e4]
overflows or produces a warning: ``sigmoid(-1000)`` is exactly 0.0 and
``softmax([1000, 0])`` is exactly [1.0, 0.0].
"""

from __future__ import annotations

import inspect
import math

import numpy as np

from nnlib import _special
from nnlib._checks import (
    check_finite,
    check_non_negative,
    check_number,
    check_positive,
    describe,
    unknown_name_error,
)

__all__ = [
    "ACTIVATION_NAMES",
    "Activation",
    "ELU",
    "GELU",
    "GELUTanh",
    "LeakyReLU",
    "Linear",
    "ReLU",
    "SiLU",
    "Sigmoid",
    "Softmax",
    "Softplus",
    "Step",
    "Tanh",
    "elu",
    "erf",
    "erfc",
    "gelu",
    "gelu_tanh",
    "get_activation",
    "leaky_relu",
    "linear",
    "log_softmax",
    "log_softmax_unchecked",
    "relu",
    "sigmoid",
    "sigmoid_unchecked",
    "silu",
    "softmax",
    "softplus",
    "step",
    "swish",
    "tanh",
]


def _float_array(z, name: str = "z", bounded: bool = False) -> np.ndarray:
    """``z`` as a finite float array, else ValueError: float32 and float64 stay as they
    are (no copy), anything else (ints, lists, bools) becomes float64.

    NaN in, NaN out would hide where the NaN came from; an activation of NaN or of an
    infinite number is an error at the call that received it. Only the public calls
    check: a layer calls the ``*_unchecked`` methods, whose input it computed itself.
    ``bounded=True`` lets +-inf through for functions with a finite limit there
    (sigmoid(-inf) = 0, erf(inf) = 1); NaN never passes.
    """
    try:
        if np.iscomplexobj(z):
            raise TypeError("complex numbers are not accepted")
        array = np.asarray(z)
        if array.dtype != np.float64 and array.dtype != np.float32:
            array = array.astype(np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(
            f"{name} must be a number or an array of real numbers; got {describe(z)} ({error})"
        ) from None
    if bounded and not np.isnan(array).any():
        return array
    return check_finite(array, name)


def _unwrap(result: np.ndarray):
    """Give a plain NumPy scalar back for scalar input, so ``sigmoid(0)`` prints 0.5."""
    return result[()] if result.ndim == 0 else result


# ---------------------------------------------------------------------------------------
# The activation functions. Private kernels (leading underscore) take a float64 array and
# do no checking, so that a layer's forward and backward pass pay only for the arithmetic.
# ---------------------------------------------------------------------------------------


def _sigmoid(z):
    # 1 / (1 + e^-z) overflows for z = -1000. Both exponents below are <= 0, so nothing
    # can overflow: for z >= 0 this is 1 / (1 + e^-z), for z < 0 it is e^z / (1 + e^z).
    with np.errstate(under="ignore"):  # e^-1000 is 0.0 in float64, which is the answer
        return np.exp(np.minimum(z, 0.0)) / (1.0 + np.exp(-np.abs(z)))


def _max_shifted(z, axis):
    # Subtracting the maximum changes neither softmax nor log softmax mathematically (it
    # cancels in the ratio) but keeps every exponent <= 0, so exp cannot overflow.
    return z - z.max(axis=axis, keepdims=True)


def _softmax(z, temperature, axis):
    if temperature != 1.0:
        z = z / temperature
    with np.errstate(under="ignore"):  # e^-1000 rounding to 0 is correct, not an error
        e = np.exp(_max_shifted(z, axis))
    e /= e.sum(axis=axis, keepdims=True)
    return e


def _log_softmax(z, axis):
    # log sum_j e^(z_j) = m + log sum_j e^(z_j - m) with m = max_j z_j (log-sum-exp)
    shifted = _max_shifted(z, axis)
    with np.errstate(under="ignore"):
        return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


_GELU_TANH_C = math.sqrt(2.0 / math.pi)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_GELU_TANH_K = 0.044715


def step(z):
    """Heaviside step: 1 if z >= 0 else 0. The original perceptron's activation."""
    return _unwrap((_float_array(z, bounded=True) >= 0).astype(np.float64))


def linear(z):
    """Identity: f(z) = z (returned as is, not copied)."""
    return _unwrap(_float_array(z))


def sigmoid(z):
    """Logistic sigmoid: f(z) = 1 / (1 + e^-z), squashing any number into (0, 1)."""
    return _unwrap(_sigmoid(_float_array(z, bounded=True)))


def tanh(z):
    """Hyperbolic tangent: f(z) = (e^z - e^-z) / (e^z + e^-z) = 2 sigmoid(2z) - 1."""
    return _unwrap(np.tanh(_float_array(z, bounded=True)))


def relu(z):
    """Rectified linear unit: f(z) = max(z, 0)."""
    return _unwrap(np.maximum(_float_array(z), 0.0))


def _check_leaky_alpha(alpha):
    alpha = float(check_non_negative(alpha, "alpha"))
    if alpha > 1:
        raise ValueError(
            f"alpha must be between 0 and 1 (the slope for z < 0, e.g. 0.01); got {alpha!r}"
        )
    return alpha


def _leaky_relu(z, alpha):
    # with 0 <= alpha <= 1 the larger of z and alpha*z is z for z > 0 and alpha*z below;
    # one maximum is several times faster than np.where
    return np.maximum(z, alpha * z)


def leaky_relu(z, alpha=0.01):
    """Leaky ReLU: f(z) = z if z > 0 else alpha * z  (0 <= alpha <= 1)."""
    return _unwrap(_leaky_relu(_float_array(z), _check_leaky_alpha(alpha)))


def _elu(z, alpha):
    # max(z, 0) + alpha (e^min(z, 0) - 1) is z for z > 0 and alpha (e^z - 1) otherwise.
    # expm1 is accurate near 0, where exp(z) - 1 would cancel, and the minimum keeps
    # exp from overflowing for large z.
    with np.errstate(under="ignore"):
        return np.maximum(z, 0.0) + alpha * np.expm1(np.minimum(z, 0.0))


def elu(z, alpha=1.0):
    """Exponential linear unit: f(z) = z if z > 0 else alpha * (e^z - 1)  (alpha >= 0)."""
    return _unwrap(_elu(_float_array(z), float(check_non_negative(alpha, "alpha"))))


def gelu(z):
    """Gaussian error linear unit, exact: f(z) = z * Phi(z) = z/2 * (1 + erf(z / sqrt 2))."""
    z = _float_array(z)
    return _unwrap(z * _special.normal_cdf(z))


def _gelu_tanh_parts(z):
    # Far from 0 tanh(inner) is exactly +-1; clipping keeps z^3 from overflowing there.
    z = np.clip(z, -1e5, 1e5)
    inner = _GELU_TANH_C * (z + _GELU_TANH_K * z * z * z)
    return inner, np.tanh(inner)


def gelu_tanh(z):
    """GELU, tanh approximation: f(z) = z/2 * (1 + tanh(sqrt(2/pi) * (z + 0.044715 z^3)))."""
    z = _float_array(z)
    return _unwrap(0.5 * z * (1.0 + _gelu_tanh_parts(z)[1]))


def silu(z):
    """Sigmoid linear unit (also called swish): f(z) = z * sigmoid(z)."""
    z = _float_array(z)
    return _unwrap(z * _sigmoid(z))


swish = silu


def _softplus(z):
    # log(1 + e^z) = max(z, 0) + log(1 + e^-|z|): e^-|z| <= 1 cannot overflow, and log1p
    # stays accurate when it is tiny
    with np.errstate(under="ignore"):
        return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def softplus(z):
    """Softplus: f(z) = log(1 + e^z), a smooth ReLU."""
    return _unwrap(_softplus(_float_array(z)))


def softmax(z, temperature=1.0, axis=-1):
    """Softmax with temperature T along ``axis``: f(z)_i = e^(z_i/T) / sum_j e^(z_j/T).

    The outputs are positive and sum to 1 along ``axis``. A small T sharpens them
    towards a one-hot vector at the largest z; a large T flattens them towards uniform.
    """
    temperature = check_positive(temperature, "temperature")
    z = _float_array(z)
    return _checked_softmax(z, temperature, _check_axis(axis, z))


def log_softmax(z, axis=-1):
    """log softmax(z)_i = z_i - log sum_j e^(z_j) along ``axis``, computed stably.

    The cross-entropy loss needs this logarithm; taking ``log(softmax(z))`` instead
    would give -inf wherever a probability rounds to 0.
    """
    z = _float_array(z)
    axis = _check_axis(axis, z)
    # Numbers more than the largest float64 apart (1e308 and -1e308) overflow when the
    # largest is subtracted; their log softmax lies below what float64 can hold.
    with np.errstate(over="ignore"):
        result = _log_softmax(z, axis)
    if not np.isfinite(result).all():
        raise ValueError(
            f"z spans more than float64 can hold (from {z.min():.3g} to {z.max():.3g}), so "
            "its log softmax falls below -1.8e308; scale z down before taking it"
        )
    return result


def _checked_softmax(z: np.ndarray, temperature: float, axis: int) -> np.ndarray:
    """Softmax for the public calls: overflow that rounds to the right answer is
    silenced, overflow that would give NaN is an error naming what to change."""
    with np.errstate(over="ignore", invalid="ignore"):
        # z - max(z) overflowing to -inf (z spans more than 1.8e308) gives e^-inf = 0:
        # right. z / temperature overflowing to inf gives inf - inf = NaN: not.
        result = _softmax(z, temperature, axis)
    if not np.isfinite(result).all():
        raise ValueError(
            f"z / temperature overflows float64 (z reaches {np.abs(z).max():.3g}, the "
            f"temperature is {temperature:g}); use a larger temperature or smaller z"
        )
    return result


def _check_axis(axis, z: np.ndarray) -> int:
    axis = check_number(axis, "axis", integer=True)
    if z.ndim == 0 or not -z.ndim <= axis < z.ndim:
        raise ValueError(
            f"axis {axis} does not exist for z of shape {z.shape}; softmax needs an array "
            "with that axis (use axis=-1 for the last one)"
        )
    if z.shape[axis] == 0:
        # softmax of no numbers is undefined (the sum it divides by would be 0)
        raise ValueError(
            f"z has shape {z.shape}, with no numbers along axis {axis}; softmax needs at "
            "least one number along the axis it normalises"
        )
    return axis


def sigmoid_unchecked(z: np.ndarray) -> np.ndarray:
    """``sigmoid`` for a float64 array the caller vouches for: no checks (a loss's hot path)."""
    return _sigmoid(z)


def log_softmax_unchecked(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """``log_softmax`` for a float64 array the caller vouches for: no checks."""
    return _log_softmax(z, axis)


def erf(x):
    """Error function, erf(x) = 2/sqrt(pi) * integral from 0 to x of exp(-t^2) dt.

    Vectorised, with a relative error of about 1e-16 (W. J. Cody's approximations, in
    the private module ``nnlib._special``). GELU is built on it.
    """
    return _unwrap(_special.erf(_float_array(x, "x", bounded=True)))


def erfc(x):
    """Complementary error function, erfc(x) = 1 - erf(x), accurate also where it is tiny."""
    return _unwrap(_special.erfc(_float_array(x, "x", bounded=True)))


# ---------------------------------------------------------------------------------------
# Activation objects
# ---------------------------------------------------------------------------------------


class Activation:
    """An activation function together with its derivative.

    ``act(z)`` computes a = f(z); ``act.derivative(z)`` computes f'(z) elementwise; and
    ``act.backward(z, a, grad_a)`` turns dL/da into dL/dz during backpropagation (by
    the chain rule, grad_a * f'(z) for an elementwise f). ``a`` is the forward output,
    which some activations reuse to save work; pass None to have it recomputed.

    These public calls check their input. A layer calls ``forward_unchecked(z)`` and
    ``backward_unchecked(z, a, grad_a)`` instead, on arrays it computed itself; a new
    activation defines those two (and ``__call__`` and ``derivative``).
    """

    name = "activation"
    formula = ""

    def __call__(self, z):
        raise NotImplementedError

    def derivative(self, z):
        raise NotImplementedError

    def forward_unchecked(self, z: np.ndarray) -> np.ndarray:
        """f(z) for a float64 array the caller vouches for (a layer's own Z): no checks."""
        return self(z)

    def backward(self, z, a, grad_a):
        """dL/dz from dL/da, after checking that z, a (or None) and grad_a match."""
        z = _float_array(z, "z")
        grad_a = _float_array(grad_a, "grad_a")
        if a is not None:
            a = _float_array(a, "a")
            if a.shape != z.shape:
                raise ValueError(
                    f"a has shape {a.shape} but z has shape {z.shape}; they must match"
                )
        if grad_a.shape != z.shape:
            raise ValueError(
                f"grad_a has shape {grad_a.shape} but z has shape {z.shape}; the gradient "
                "must have the shape of the activation's output"
            )
        return self.backward_unchecked(z, a, grad_a)

    def backward_unchecked(self, z: np.ndarray, a, grad_a: np.ndarray) -> np.ndarray:
        """``backward`` without checks, for a layer's backward pass."""
        return grad_a * self.derivative(z)

    def _parameters(self) -> dict:
        return {}

    def __repr__(self) -> str:
        arguments = ", ".join(f"{key}={value!r}" for key, value in self._parameters().items())
        return f"{type(self).__name__}({arguments})"

    def __eq__(self, other) -> bool:
        return type(self) is type(other) and self._parameters() == other._parameters()

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple(self._parameters().items())))


class Step(Activation):
    """f(z) = 1 if z >= 0 else 0;  f'(z) = 0 (undefined at 0, taken as 0).

    Its zero derivative is why gradient descent cannot train step units: no signal
    flows back through them.
    """

    name = "step"
    formula = "f(z) = 1 if z >= 0 else 0"

    def __call__(self, z):
        return step(z)

    def forward_unchecked(self, z):
        return (z >= 0).astype(np.float64)

    def derivative(self, z):
        return np.zeros_like(_float_array(z))

    def backward_unchecked(self, z, a, grad_a):
        return np.zeros_like(grad_a)


class Linear(Activation):
    """f(z) = z;  f'(z) = 1. The output layer of a regression model uses it."""

    name = "linear"
    formula = "f(z) = z"

    def __call__(self, z):
        return linear(z)

    def forward_unchecked(self, z):
        return z

    def derivative(self, z):
        return np.ones_like(_float_array(z))

    def backward_unchecked(self, z, a, grad_a):
        return grad_a


class Sigmoid(Activation):
    """f(z) = 1 / (1 + e^-z);  f'(z) = f(z) (1 - f(z)), at most 1/4 (at z = 0)."""

    name = "sigmoid"
    formula = "f(z) = 1 / (1 + exp(-z))"

    def __call__(self, z):
        return sigmoid(z)

    def forward_unchecked(self, z):
        return _sigmoid(z)

    def derivative(self, z):
        s = _sigmoid(_float_array(z))
        return s * (1.0 - s)

    def backward_unchecked(self, z, a, grad_a):
        if a is None:
            a = _sigmoid(z)
        return grad_a * a * (1.0 - a)


class Tanh(Activation):
    """f(z) = tanh(z);  f'(z) = 1 - tanh(z)^2."""

    name = "tanh"
    formula = "f(z) = tanh(z)"

    def __call__(self, z):
        return tanh(z)

    def forward_unchecked(self, z):
        return np.tanh(z)

    def derivative(self, z):
        t = np.tanh(_float_array(z))
        return 1.0 - t * t

    def backward_unchecked(self, z, a, grad_a):
        if a is None:
            a = np.tanh(z)
        return grad_a * (1.0 - a * a)


class ReLU(Activation):
    """f(z) = max(z, 0);  f'(z) = 1 if z > 0 else 0 (the kink at 0 gets 0)."""

    name = "relu"
    formula = "f(z) = max(z, 0)"

    def __call__(self, z):
        return relu(z)

    def forward_unchecked(self, z):
        return np.maximum(z, 0.0)

    def derivative(self, z):
        return (_float_array(z) > 0).astype(np.float64)

    def backward_unchecked(self, z, a, grad_a):
        return grad_a * (z > 0)


class LeakyReLU(Activation):
    """f(z) = z if z > 0 else alpha z;  f'(z) = 1 if z > 0 else alpha.

    The small slope alpha for z < 0 keeps a unit from "dying" (never passing a gradient).
    """

    name = "leaky_relu"
    formula = "f(z) = z if z > 0 else alpha * z"

    def __init__(self, alpha=0.01):
        self.alpha = _check_leaky_alpha(alpha)

    def _parameters(self):
        return {"alpha": self.alpha}

    def __call__(self, z):
        return _unwrap(_leaky_relu(_float_array(z), self.alpha))

    def forward_unchecked(self, z):
        return _leaky_relu(z, self.alpha)

    def derivative(self, z):
        # alpha + (1 - alpha) [z > 0]: 1 where z > 0, alpha elsewhere
        return self.alpha + (1.0 - self.alpha) * (_float_array(z) > 0)

    def backward_unchecked(self, z, a, grad_a):
        return grad_a * (self.alpha + (1.0 - self.alpha) * (z > 0))


class ELU(Activation):
    """f(z) = z if z > 0 else alpha (e^z - 1);  f'(z) = 1 if z > 0 else alpha e^z."""

    name = "elu"
    formula = "f(z) = z if z > 0 else alpha * (exp(z) - 1)"

    def __init__(self, alpha=1.0):
        self.alpha = float(check_non_negative(alpha, "alpha"))

    def _parameters(self):
        return {"alpha": self.alpha}

    def __call__(self, z):
        return _unwrap(_elu(_float_array(z), self.alpha))

    def forward_unchecked(self, z):
        return _elu(z, self.alpha)

    def derivative(self, z):
        z = _float_array(z)
        # alpha e^min(z, 0) is alpha e^z for z <= 0 and alpha above; adding
        # (1 - alpha) [z > 0] turns the latter into 1
        with np.errstate(under="ignore"):
            return self.alpha * np.exp(np.minimum(z, 0.0)) + (1.0 - self.alpha) * (z > 0)

    def backward_unchecked(self, z, a, grad_a):
        if a is None:
            a = _elu(z, self.alpha)
        # for z <= 0, alpha e^z = f(z) + alpha, so the forward output saves an exp
        return grad_a * (np.minimum(a, 0.0) + self.alpha + (1.0 - self.alpha) * (z > 0))


class GELU(Activation):
    """f(z) = z Phi(z), Phi the standard normal CDF;  f'(z) = Phi(z) + z phi(z).

    phi(z) = e^(-z^2/2) / sqrt(2 pi) is the normal density. Computed exactly via erf.
    """

    name = "gelu"
    formula = "f(z) = z * Phi(z) = z/2 * (1 + erf(z / sqrt(2)))"

    def __call__(self, z):
        return gelu(z)

    def forward_unchecked(self, z):
        return z * _special.normal_cdf(z)

    def derivative(self, z):
        z = _float_array(z)
        with np.errstate(under="ignore", over="ignore"):  # z^2 = inf gives density 0
            density = _INV_SQRT_2PI * np.exp(-0.5 * z * z)
        return _special.normal_cdf(z) + z * density


class GELUTanh(Activation):
    """f(z) = z/2 (1 + tanh(u)),  u = sqrt(2/pi) (z + 0.044715 z^3).

    f'(z) = (1 + tanh u)/2 + z/2 (1 - tanh^2 u) sqrt(2/pi) (1 + 3 * 0.044715 z^2).
    """

    name = "gelu_tanh"
    formula = "f(z) = z/2 * (1 + tanh(sqrt(2/pi) * (z + 0.044715 z^3)))"

    def __call__(self, z):
        return gelu_tanh(z)

    def forward_unchecked(self, z):
        return 0.5 * z * (1.0 + _gelu_tanh_parts(z)[1])

    def derivative(self, z):
        z = np.clip(_float_array(z), -1e5, 1e5)  # beyond, f'(z) is exactly 0 or 1
        _, t = _gelu_tanh_parts(z)
        du_dz = _GELU_TANH_C * (1.0 + 3.0 * _GELU_TANH_K * z * z)
        return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * du_dz


class SiLU(Activation):
    """f(z) = z sigmoid(z) (swish);  f'(z) = s (1 + z (1 - s)) with s = sigmoid(z)."""

    name = "silu"
    formula = "f(z) = z * sigmoid(z)"

    def __call__(self, z):
        return silu(z)

    def forward_unchecked(self, z):
        return z * _sigmoid(z)

    def derivative(self, z):
        z = _float_array(z)
        s = _sigmoid(z)
        return s * (1.0 + z * (1.0 - s))


class Softplus(Activation):
    """f(z) = log(1 + e^z);  f'(z) = sigmoid(z)."""

    name = "softplus"
    formula = "f(z) = log(1 + exp(z))"

    def __call__(self, z):
        return softplus(z)

    def forward_unchecked(self, z):
        return _softplus(z)

    def derivative(self, z):
        return _sigmoid(_float_array(z))

    def backward_unchecked(self, z, a, grad_a):
        return grad_a * _sigmoid(z)


class Softmax(Activation):
    """f(z)_i = e^(z_i/T) / sum_j e^(z_j/T) along ``axis``, T the temperature.

    Unlike the others, softmax is not elementwise: every output depends on every input
    along the axis. Its Jacobian is  ds_i/dz_j = s_i (delta_ij - s_j) / T, so
    ``backward`` returns the Jacobian-vector product  s * (g - sum(g * s)) / T  without
    building the k-by-k matrix. ``derivative`` returns only the diagonal,
    s (1 - s) / T; use ``jacobian`` for the full matrix.
    """

    name = "softmax"
    formula = "f(z)_i = exp(z_i / T) / sum_j exp(z_j / T)"

    def __init__(self, temperature=1.0, axis=-1):
        self.temperature = float(check_positive(temperature, "temperature"))
        self.axis = check_number(axis, "axis", integer=True)

    def _parameters(self):
        return {"temperature": self.temperature, "axis": self.axis}

    def __call__(self, z):
        z = _float_array(z)
        return _checked_softmax(z, self.temperature, _check_axis(self.axis, z))

    def forward_unchecked(self, z):
        return _softmax(z, self.temperature, self.axis)

    def derivative(self, z):
        s = self(z)
        return s * (1.0 - s) / self.temperature

    def jacobian(self, z):
        """Full Jacobian ds_i/dz_j for softmax over the last axis: shape (..., k, k)."""
        z = _float_array(z)
        s = _checked_softmax(z, self.temperature, _check_axis(-1, z))
        diagonal = s[..., :, None] * np.eye(s.shape[-1])
        return (diagonal - s[..., :, None] * s[..., None, :]) / self.temperature

    def backward_unchecked(self, z, a, grad_a):
        if a is None:
            a = _softmax(z, self.temperature, self.axis)
        projected = np.sum(grad_a * a, axis=self.axis, keepdims=True)
        grad_z = a * (grad_a - projected)
        if self.temperature != 1.0:
            grad_z /= self.temperature
        return grad_z


_ACTIVATIONS = {
    "step": Step,
    "linear": Linear,
    "sigmoid": Sigmoid,
    "tanh": Tanh,
    "relu": ReLU,
    "leaky_relu": LeakyReLU,
    "elu": ELU,
    "gelu": GELU,
    "gelu_tanh": GELUTanh,
    "silu": SiLU,
    "swish": SiLU,
    "softplus": Softplus,
    "softmax": Softmax,
}
ACTIVATION_NAMES = tuple(_ACTIVATIONS)


def get_activation(name_or_activation, **params) -> Activation:
    """Look up an activation by name, e.g. ``get_activation("leaky_relu", alpha=0.1)``.

    An ``Activation`` object is returned unchanged. Parameters: ``alpha`` for leaky_relu
    and elu, ``temperature`` and ``axis`` for softmax. An unknown name raises ValueError
    listing the known ones (``ACTIVATION_NAMES``).
    """
    if isinstance(name_or_activation, Activation):
        if params:
            raise ValueError(
                f"parameters {sorted(params)} were given together with the ready-made "
                f"activation {name_or_activation!r}; pass a name instead, e.g. "
                f"get_activation({name_or_activation.name!r}, **params)"
            )
        return name_or_activation
    if not isinstance(name_or_activation, str):
        raise ValueError(
            "an activation must be a name such as 'relu' or an Activation object; got "
            f"{name_or_activation!r} ({type(name_or_activation).__name__})"
        )
    key = name_or_activation.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in _ACTIVATIONS:
        raise unknown_name_error("activation", name_or_activation, ACTIVATION_NAMES)
    cls = _ACTIVATIONS[key]
    try:
        return cls(**params)
    except TypeError:
        accepted = [p for p in inspect.signature(cls).parameters]
        accepted_text = ", ".join(accepted) if accepted else "no parameters"
        raise ValueError(
            f"activation {key!r} does not take the parameter(s) {', '.join(sorted(params))}; "
            f"it accepts: {accepted_text}"
        ) from None
