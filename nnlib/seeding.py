"""Reproducible randomness: how every random thing in nnlib turns a seed into numbers.

Everything random in nnlib (data sets, initial weights, dropout masks, the shuffling
of mini-batches) takes a ``seed`` and draws from a NumPy ``Generator`` made by
:func:`as_generator`, so the same seed always gives the same result::

    as_generator(0)          # a fresh Generator seeded with 0
    as_generator(rng)        # an existing Generator, used as is (and advanced)
    as_generator(None)       # fresh, unpredictable entropy: different every run
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["as_generator"]


def as_generator(seed, name: str = "seed") -> np.random.Generator:
    """A NumPy Generator from an int seed, an existing Generator, or None (fresh).

    Passing a Generator shares it: whatever draws from the result advances the
    caller's generator too, which is how one seed can drive several steps in order.
    ``name`` is the argument's name for the error message.
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or (isinstance(seed, numbers.Integral) and not isinstance(seed, bool)):
        if seed is not None and seed < 0:
            raise ValueError(
                f"{name} must be a whole number >= 0 (e.g. {name}=0), a Generator or None; "
                f"got {seed!r}"
            )
        return np.random.default_rng(seed)
    raise ValueError(
        f"{name} must be an int (e.g. {name}=0), a Generator such as np.random.default_rng(0), "
        f"or None; got "
        f"{seed!r} ({type(seed).__name__})"
    )
