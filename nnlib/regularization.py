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

from nnlib._checks import check_non_negative, check_probability
from nnlib.seeding import as_generator

__all__ = ["Dropout", "l1_gradient", "l1_penalty", "l2_gradient", "l2_penalty"]


def _as_list(weights) -> list:
    # one matrix or a list of them
    if isinstance(weights, np.ndarray):
        return [weights]
    return list(weights)


def l1_penalty(weights, strength: float) -> float:
    """strength * sum of |W| over every weight matrix in ``weights``."""
    strength = check_non_negative(strength, "L1 strength")
    if strength == 0:
        return 0.0
    return float(strength * sum(np.abs(W).sum() for W in _as_list(weights)))


def l1_gradient(W: np.ndarray, strength: float) -> np.ndarray:
    """d/dW of strength * sum |W|: strength * sign(W) (0 where W is exactly 0)."""
    return strength * np.sign(W)


def l2_penalty(weights, strength: float) -> float:
    """strength / 2 * sum of W^2 over every weight matrix in ``weights``."""
    strength = check_non_negative(strength, "L2 strength")
    if strength == 0:
        return 0.0
    return float(0.5 * strength * sum(np.sum(W * W) for W in _as_list(weights)))


def l2_gradient(W: np.ndarray, strength: float) -> np.ndarray:
    """d/dW of strength / 2 * sum W^2: strength * W."""
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
        if not training or self.rate == 0.0:
            self.mask = None
            return X
        keep = self.rng.random(np.shape(X)) >= self.rate
        # in the dtype of X, so float32 training stays float32
        self.mask = np.multiply(keep, 1.0 / (1.0 - self.rate), dtype=np.result_type(X, 1.0))
        return X * self.mask

    __call__ = forward

    def backward(self, dA: np.ndarray) -> np.ndarray:
        if self.mask is None:
            return dA
        return dA * self.mask

    def __repr__(self) -> str:
        return f"Dropout(rate={self.rate!r})"
