"""Gradient checking: is backpropagation computing the right derivatives?

Backprop is easy to get subtly wrong -- a missing transpose, a forgotten 1/n -- and a
wrong gradient often still lowers the loss a bit, so training alone will not tell you.
The check compares it with the definition of a derivative, estimated by nudging one
number at a time (a *central difference*)::

    df/dx  ~  (f(x + eps) - f(x - eps)) / (2 eps)

The error of this estimate shrinks like eps^2, so with eps = 1e-6 in float64 a correct
gradient agrees to about 1e-8 or better (relative), while a wrong one is typically
off by 1e-2 or more. Checking costs two loss evaluations per parameter: fine for a
small network, far too slow for training.
"""

from __future__ import annotations

import numbers

import numpy as np

from nnlib._checks import as_matrix, check_finite, check_positive, describe
from nnlib.layers import Dense
from nnlib.network import Network
from nnlib.seeding import as_generator
from nnlib.training import Trainer

__all__ = ["numerical_gradient", "relative_error", "check_gradients", "check_layer_gradients"]


def numerical_gradient(f, x: np.ndarray, epsilon: float = 1e-6) -> np.ndarray:
    """Central-difference estimate of the gradient of the scalar function ``f`` at ``x``.

    ``f(x)`` must return a number. ``x`` must be a float64 array; each entry is nudged
    to ``x + eps`` and ``x - eps`` in place and then restored, so ``f`` may also ignore
    its argument and read ``x`` through another reference (a network's weights).
    """
    if not callable(f):
        raise ValueError(f"f must be a function x -> number; got {f!r:.60}")
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise ValueError(
            f"x must be a float64 NumPy array (it is nudged in place); got {describe(x)}"
        )
    check_finite(x, "x")
    epsilon = check_positive(epsilon, "epsilon")
    if epsilon > 1:  # x +- a huge step says nothing about the slope at x, and overflows
        raise ValueError(
            f"epsilon must be a small step, at most 1 (1e-6 is usual); got {epsilon!r}"
        )
    value = f(x)  # once up front, so a wrong f fails with a message, not mid-way
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value):
        raise ValueError(f"f(x) must return a finite number (the value at x); got {value!r:.60}")
    gradient = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + epsilon
        f_plus = f(x)
        x[index] = original - epsilon
        f_minus = f(x)
        x[index] = original  # restore before the next entry
        gradient[index] = (f_plus - f_minus) / (2.0 * epsilon)
    return gradient


def _real_array(value, name: str) -> np.ndarray:
    try:
        if np.iscomplexobj(value):
            raise TypeError("complex numbers are not accepted")
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(
            f"{name} must be an array of real numbers; got {describe(value)} ({error})"
        ) from None
    return check_finite(array, name)


def relative_error(a, b) -> float:
    """``||a - b|| / (||a|| + ||b||)``: 0 for identical arrays, 1 for opposite ones.

    The norms are taken over the whole array rather than entry by entry: an entry whose
    true derivative is ~0 would otherwise turn harmless rounding noise (about 1e-10 for
    a central difference) into a huge "relative" error.
    """
    a, b = _real_array(a, "a"), _real_array(b, "b")
    if a.shape != b.shape:
        raise ValueError(f"cannot compare arrays of different shapes: a {a.shape}, b {b.shape}")
    # Divided by the largest entry first, so that the norms of huge numbers (1e200)
    # cannot overflow; the ratio is the same.
    largest = max(float(np.max(np.abs(a), initial=0.0)), float(np.max(np.abs(b), initial=0.0)))
    if largest == 0.0:
        return 0.0  # both exactly zero: they agree
    a, b = a / largest, b / largest
    return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))


def check_gradients(
    network: Network,
    X,
    y,
    loss="auto",
    l1: float = 0.0,
    l2: float = 0.0,
    epsilon: float = 1e-6,
) -> dict[str, float]:
    """Compare backprop's gradients with central differences, parameter by parameter.

    Returns ``{"layer1.W": error, "layer1.b": error, ...}`` with the relative error of
    each parameter array (see :func:`relative_error`); below ~1e-6 means correct.
    ``loss``, ``l1`` and ``l2`` mean the same as for :class:`~nnlib.training.Trainer`,
    whose gradient code is the one being checked. Dropout is switched off for the
    check (it would make the loss random). Use a few samples: the cost is two forward
    passes per parameter.
    """
    if network.dtype != np.float64:
        raise ValueError(
            f"gradient checks need float64 (central differences lose their digits in "
            f"{network.dtype}); check a network built with dtype='float64'"
        )
    trainer = Trainer(network, X, y, loss=loss, l1=l1, l2=l2)
    with np.errstate(over="ignore", under="ignore"):
        trainer.compute_gradients(trainer.X_train, trainer.targets_train, training=False)
        analytic = [g.copy() for g in network.gradients()]
        errors = {}
        for name, parameter, gradient in zip(
            network.parameter_names(), network.parameters(), analytic, strict=True
        ):
            numeric = numerical_gradient(lambda _: trainer.objective(), parameter, epsilon)
            if not (np.isfinite(gradient).all() and np.isfinite(numeric).all()):
                # nothing to compare: the error of inf against inf is NaN
                raise ValueError(
                    f"the gradient of {name} is not finite at these weights (l1={l1!r}, "
                    f"l2={l2!r}); check with smaller penalties (1e-4 to 1e-2 is usual) and "
                    "inputs of ordinary size"
                )
            errors[name] = relative_error(gradient, numeric)
    return errors


def check_layer_gradients(layer: Dense, X, seed=0, epsilon: float = 1e-6) -> dict[str, float]:
    """Gradient check of one Dense layer on its own: ``{"W": ..., "b": ..., "X": ...}``.

    Uses the scalar ``L = sum(G * layer.forward(X))`` with a fixed random ``G``, so
    ``dL/dA = G`` is the upstream gradient handed to ``layer.backward``.
    """
    X = as_matrix(X).copy()  # nudged in place below, so never the caller's array
    rng = as_generator(seed)
    G = rng.normal(size=(X.shape[0], layer.n_outputs))

    def loss(_):
        return float(np.sum(G * layer.forward(X)))

    layer.forward(X)
    dX = layer.backward(G)
    analytic = {"W": layer.dW.copy(), "b": layer.db.copy(), "X": dX}
    targets = {"W": layer.W, "b": layer.b, "X": X}
    return {
        name: relative_error(analytic[name], numerical_gradient(loss, targets[name], epsilon))
        for name in ("W", "b", "X")
    }
