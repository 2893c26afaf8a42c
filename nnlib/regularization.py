"""Regularization: discouraging a network from fitting the noise in its training data.

* Weight penalties add a cost for large weights to the loss:
    L1:  strength * sum |W|          gradient  strength * sign(W)
    L2:  strength / 2 * sum W^2      gradient  strength * W
  L2 ("weight decay") shrinks every weight in proportion to its size; L1 pulls weights
  towards exactly zero by a constant amount, so it tends to switch inputs off entirely.
  The penalty is applied to weight matrices only; biases are conventionally left alone.

* Dropout randomly switches off a fraction ``rate`` of the units on every training
  step, so no unit can rely on a particular partner being present. This is "inverted"
  dropout: the surviving activations are multiplied by 1 / (1 - rate) during training,
  so their expected value is unchanged and nothing needs rescaling at inference time,
  when dropout does nothing at all.
"""

from __future__ import annotations

import numpy as np

from nnlib._checks import check_finite, check_flag, check_non_negative, check_probability, describe
from nnlib.seeding import as_generator

__all__ = ["Dropout", "l1_gradient", "l1_penalty", "l2_gradient", "l2_penalty"]


def _as_list(weights) -> list:
    """One weight matrix or a list of them, as a list of finite float arrays."""
    if isinstance(weights, np.ndarray):
        weights = [weights]
    if not isinstance(weights, (list, tuple)):
        raise TypeError(
            f"weights must be a weight matrix or a list of them; got {describe(weights)}"
        )
    for i, W in enumerate(weights):
        _check_weight_array(W, f"weights[{i}]")
    return list(weights)


def _finite(W, i: int) -> np.ndarray:
    return check_finite(W, f"weights[{i}]")


def _check_weight_array(W, name: str) -> None:
    # Cheap (no pass over the numbers): the gradients below run on every training step.
    if not isinstance(W, np.ndarray) or W.dtype.kind not in "fiu":
        raise TypeError(f"{name} must be an array of numbers; got {describe(W)}")


def l1_penalty(weights, strength: float) -> float:
    """strength * sum of |W| over every weight matrix in ``weights``."""
    strength = check_non_negative(strength, "strength")
    weights = _as_list(weights)
    if strength == 0:
        return 0.0
    return float(strength * sum(np.abs(_finite(W, i)).sum() for i, W in enumerate(weights)))


def l1_gradient(W: np.ndarray, strength: float) -> np.ndarray:
    """d/dW of strength * sum |W|: strength * sign(W) (0 where W is exactly 0)."""
    _check_weight_array(W, "W")
    strength = check_non_negative(strength, "strength")
    return l1_gradient_unchecked(check_finite(W, "W"), strength)


def l1_gradient_unchecked(W: np.ndarray, strength: float) -> np.ndarray:
    """``l1_gradient`` without the checks, for the training loop's every step (the
    Trainer checked the strength once; weights gone NaN show as a NaN loss, which it
    reports as divergence)."""
    return strength * np.sign(W)


def l2_penalty(weights, strength: float) -> float:
    """strength / 2 * sum of W^2 over every weight matrix in ``weights``."""
    strength = check_non_negative(strength, "strength")
    weights = _as_list(weights)
    if strength == 0:
        return 0.0
    # float64 first: the square of a large int would wrap around silently.
    squares = (np.sum(np.square(_finite(W, i), dtype=np.float64)) for i, W in enumerate(weights))
    return float(0.5 * strength * sum(squares))


def l2_gradient(W: np.ndarray, strength: float) -> np.ndarray:
    """d/dW of strength / 2 * sum W^2: strength * W."""
    _check_weight_array(W, "W")
    strength = check_non_negative(strength, "strength")
    return l2_gradient_unchecked(check_finite(W, "W"), strength)


def l2_gradient_unchecked(W: np.ndarray, strength: float) -> np.ndarray:
    """``l2_gradient`` without the checks, for the training loop (see l1_gradient_unchecked)."""
    return strength * W


class Dropout:
    """Inverted dropout with a fixed ``rate`` (the fraction of units dropped).

    ``forward(X, training=True)`` zeroes each entry with probability ``rate`` and
    scales the rest by 1 / (1 - rate); ``forward(X, training=False)`` returns X
    unchanged. ``backward(dA)`` sends the gradient through the same mask (kept entries
    times 1 / (1 - rate), dropped entries 0). Randomness comes from ``seed`` or ``rng``.
    """

    def __init__(self, rate: float = 0.5, seed: int | None = 0, rng=None):
        self.rate = check_probability(rate, "dropout rate")
        self.rng = as_generator(seed, "seed") if rng is None else as_generator(rng, "rng")
        self.mask = None  # the scaled keep-mask of the last training forward pass

    def forward(self, X: np.ndarray, training: bool = False) -> np.ndarray:
        training = check_flag(training, "training")
        if not isinstance(X, np.ndarray) or X.dtype.kind not in "fiu":
            raise TypeError(f"X must be an array of activations; got {describe(X)}")
        check_finite(X, "X")  # NaN activations would pass through as NaN, unnoticed
        return self.forward_unchecked(X, training)

    __call__ = forward

    def forward_unchecked(self, X: np.ndarray, training: bool = False) -> np.ndarray:
        """``forward`` without the checks, for a network's training step: its input
        was checked once, and activations gone NaN show as a NaN loss, which the
        Trainer reports as divergence."""
        if not training or self.rate == 0.0:
            self.mask = None
            return X
        keep = self.rng.random(np.shape(X)) >= self.rate
        # in the dtype of X, so float32 training stays float32
        self.mask = np.multiply(keep, 1.0 / (1.0 - self.rate), dtype=np.result_type(X, 1.0))
        return X * self.mask

    def backward(self, dA: np.ndarray) -> np.ndarray:
        if not isinstance(dA, np.ndarray) or dA.dtype.kind not in "fiu":
            raise TypeError(f"dA must be an array of gradients; got {describe(dA)}")
        if self.mask is not None and dA.shape != self.mask.shape:
            raise ValueError(
                f"dA has shape {dA.shape} but the last training forward pass had shape "
                f"{self.mask.shape}; backward needs the gradient of that same output"
            )
        return self.backward_unchecked(check_finite(dA, "dA"))

    def backward_unchecked(self, dA: np.ndarray) -> np.ndarray:
        """``backward`` without the checks, for a network's backward pass."""
        return dA if self.mask is None else dA * self.mask

    def __repr__(self) -> str:
        return f"Dropout(rate={self.rate!r})"
