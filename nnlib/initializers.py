"""Weight initializers: how a layer's weights are set before training starts.

Starting every weight at zero fails: all units in a layer would compute the same thing
and receive the same update forever. Starting with random weights that are too large
(or too small) makes signals grow (or shrink) layer after layer. The fan-based schemes
pick the spread from the layer's size so that the variance of the signal stays about
the same from layer to layer:

* Xavier / Glorot (for tanh, sigmoid, linear):  Var(W) = 2 / (n_in + n_out)
* He / Kaiming (for ReLU and friends):           Var(W) = 2 / n_in

A normal distribution with that variance has std = sqrt(Var); a uniform one on
[-limit, limit] has variance limit^2 / 3, so limit = sqrt(3 Var).

Use: ``init = get_initializer("he_normal"); W = init((n_in, n_out), rng)`` where ``rng``
is a seeded ``numpy.random.Generator`` (or an int seed).
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from nnlib._checks import (
    check_fits_in_memory,
    check_number,
    check_positive,
    describe,
    unknown_name_error,
)
from nnlib.seeding import as_generator

__all__ = [
    "INITIALIZER_NAMES",
    "Initializer",
    "constant",
    "fans",
    "get_initializer",
    "he_normal",
    "he_uniform",
    "normal",
    "xavier_normal",
    "xavier_uniform",
    "zeros",
]


def _as_shape(shape) -> tuple[int, ...]:
    if isinstance(shape, numbers.Integral):
        shape = (shape,)
    try:
        shape = tuple(shape)
    except TypeError:
        raise ValueError(
            f"shape must be a tuple of sizes such as (n_in, n_out); got {shape!r}"
        ) from None
    if not shape:
        raise ValueError("shape must have at least one size, e.g. (n_in, n_out)")
    return tuple(check_positive(size, "every size in shape", integer=True) for size in shape)


def _as_rng(rng) -> np.random.Generator:
    if rng is None:
        raise ValueError(
            "random initializers need a random-number generator so results are "
            "reproducible; pass rng=np.random.default_rng(seed) or an int seed, not None"
        )
    return as_generator(rng, "rng")


def fans(shape) -> tuple[int, int]:
    """Return (n_in, n_out) for a weight matrix of shape (n_in, n_out)."""
    shape = _as_shape(shape)
    if len(shape) != 2:
        raise ValueError(
            f"fan-based initializers need a weight matrix shape (n_in, n_out); got {shape}. "
            "Biases are usually initialised with 'zeros'"
        )
    return shape


class Initializer:
    """A named recipe for initial weights: ``init(shape, rng) -> array``.

    ``scale(shape)`` gives the standard deviation (for normal draws) or the limit (for
    uniform draws) that the recipe uses for that shape.
    """

    def __init__(self, name: str, draw, scale, **params):
        if draw is not None and not callable(draw):
            raise ValueError(
                f"draw must be a function (rng, shape, scale) -> array, or None; got {draw!r}"
            )
        if not callable(scale):
            raise ValueError(f"scale must be a function shape -> number; got {scale!r}")
        self.name = name
        self._draw = draw  # (rng, shape, scale) -> array
        self._scale = scale  # shape -> float
        self.params = params

    def scale(self, shape) -> float:
        return self._checked_scale(_as_shape(shape))

    def _checked_scale(self, shape) -> float:
        # scale may be the caller's own function: a wrong one is named here, not in NumPy
        value = self._scale(shape)
        if (
            isinstance(value, bool)
            or not isinstance(value, numbers.Real)
            or not math.isfinite(value)
            or (value < 0 and self._draw is not None)  # a spread; constant's value may be < 0
        ):
            raise ValueError(
                f"scale(shape) must return a finite number (>= 0: the spread of the weights "
                f"drawn); got {describe(value)} for shape {shape}"
            )
        return value

    def __call__(self, shape, rng=None) -> np.ndarray:
        shape = _as_shape(shape)
        check_fits_in_memory(
            math.prod(shape), f"weights of shape {shape}", "use fewer units or inputs"
        )
        scale = self._checked_scale(shape)
        if self._draw is None:  # deterministic: zeros and constant need no randomness
            return np.full(shape, scale, dtype=np.float64)
        return self._draw(_as_rng(rng), shape, scale)

    def __repr__(self) -> str:
        arguments = ", ".join(f"{key}={value!r}" for key, value in self.params.items())
        return f"{self.name}({arguments})"


def _normal_draw(rng, shape, std):
    return rng.normal(0.0, std, size=shape)


def _uniform_draw(rng, shape, limit):
    return rng.uniform(-limit, limit, size=shape)


def zeros() -> Initializer:
    """All weights 0. Fine for biases; for weights it leaves every unit identical."""
    return Initializer("zeros", None, lambda shape: 0.0)


def constant(value: float = 0.0) -> Initializer:
    """Every weight equal to ``value``."""
    value = float(check_number(value, "value", integer=False))
    return Initializer("constant", None, lambda shape: value, value=value)


def normal(std: float = 0.01) -> Initializer:
    """W ~ Normal(0, std^2), the same spread whatever the layer size."""
    std = float(check_positive(std, "std"))
    return Initializer("normal", _normal_draw, lambda shape: std, std=std)


def xavier_normal() -> Initializer:
    """Glorot & Bengio (2010): W ~ Normal(0, 2 / (n_in + n_out))."""
    return Initializer(
        "xavier_normal", _normal_draw, lambda shape: math.sqrt(2.0 / sum(fans(shape)))
    )


def xavier_uniform() -> Initializer:
    """Glorot & Bengio (2010): W ~ Uniform(-l, l), l = sqrt(6 / (n_in + n_out))."""
    return Initializer(
        "xavier_uniform", _uniform_draw, lambda shape: math.sqrt(6.0 / sum(fans(shape)))
    )


def he_normal() -> Initializer:
    """He et al. (2015): W ~ Normal(0, 2 / n_in). Plain (not truncated) normal."""
    return Initializer("he_normal", _normal_draw, lambda shape: math.sqrt(2.0 / fans(shape)[0]))


def he_uniform() -> Initializer:
    """He et al. (2015): W ~ Uniform(-l, l), l = sqrt(6 / n_in)."""
    return Initializer("he_uniform", _uniform_draw, lambda shape: math.sqrt(6.0 / fans(shape)[0]))


_INITIALIZERS = {
    "zeros": zeros,
    "constant": constant,
    "normal": normal,
    "xavier_normal": xavier_normal,
    "xavier_uniform": xavier_uniform,
    "glorot_normal": xavier_normal,
    "glorot_uniform": xavier_uniform,
    "xavier": xavier_normal,
    "glorot": xavier_normal,
    "he_normal": he_normal,
    "he_uniform": he_uniform,
    "kaiming_normal": he_normal,
    "kaiming_uniform": he_uniform,
    "he": he_normal,
    "kaiming": he_normal,
}
INITIALIZER_NAMES = tuple(_INITIALIZERS)


def get_initializer(name_or_initializer, **params) -> Initializer:
    """Look up an initializer by name: ``get_initializer("normal", std=0.1)``.

    An ``Initializer`` (or any callable ``init(shape, rng)``) is returned unchanged.
    Unknown names raise ValueError listing ``INITIALIZER_NAMES``.
    """
    if isinstance(name_or_initializer, Initializer) or (
        callable(name_or_initializer) and not isinstance(name_or_initializer, str)
    ):
        if params:
            raise ValueError(
                f"parameters {sorted(params)} were given together with a ready-made "
                "initializer; pass its name instead, e.g. get_initializer('normal', std=0.1)"
            )
        return name_or_initializer
    if not isinstance(name_or_initializer, str):
        raise ValueError(
            "an initializer must be a name such as 'he_normal' or an Initializer; got "
            f"{name_or_initializer!r}"
        )
    key = name_or_initializer.strip().lower().replace("-", "_")
    if key not in _INITIALIZERS:
        raise unknown_name_error("initializer", name_or_initializer, INITIALIZER_NAMES)
    factory = _INITIALIZERS[key]
    try:
        return factory(**params)
    except TypeError:
        raise ValueError(
            f"initializer {key!r} does not take the parameter(s) {', '.join(sorted(params))}; "
            "only 'constant' (value) and 'normal' (std) take parameters"
        ) from None
