"""Learning-rate schedules: how big a step the optimizer takes at step t.

A schedule is a plain callable ``schedule(step) -> learning_rate`` where ``step``
counts the updates already made (0 for the very first update). Every optimizer in
:mod:`nnlib.optimizers` accepts a number or a schedule as its ``learning_rate``.

    constant(lr)                        lr
    step_decay(lr, drop, every)         lr * drop ** (step // every)
    cosine(lr, total_steps, minimum)    minimum + (lr - minimum) * (1 + cos(pi * t / T)) / 2
    warmup(lr, warmup_steps, then)      lr * (step + 1) / warmup_steps, then `then`

Example::

    >>> schedule = warmup(0.1, warmup_steps=5, then=cosine(0.1, total_steps=95))
    >>> schedule(0), schedule(4)
    (0.02, 0.1)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable

import numpy as np

from nnlib._checks import check_fits_in_memory, check_non_negative, check_positive

__all__ = ["Schedule", "constant", "step_decay", "cosine", "warmup"]


class Schedule:
    """A learning-rate schedule: a function of the step number with a readable name.

    ``schedule(step)`` returns the learning rate for update number ``step`` (0-based);
    ``schedule.values(n)`` returns the first ``n`` rates as an array, handy for plots.
    """

    def __init__(self, rate: Callable[[int], float], description: str):
        self._rate = rate
        self.description = description

    def __call__(self, step: int) -> float:
        # Called once per optimizer update, so it checks only what is cheap to check.
        if isinstance(step, bool) or not isinstance(step, numbers.Integral) or step < 0:
            raise ValueError(
                f"step must be a whole number >= 0 (the updates made so far); got {step!r}"
            )
        return self._rate(step)

    def values(self, n_steps: int) -> np.ndarray:
        """The learning rates of steps 0, 1, ..., n_steps - 1."""
        n_steps = check_positive(n_steps, "n_steps", integer=True)
        check_fits_in_memory(n_steps, f"n_steps={n_steps}", "ask for the rates of fewer steps")
        # fromiter with a count allocates the n_steps floats once, no list in between
        rates = (self._rate(step) for step in range(n_steps))
        return np.fromiter(rates, dtype=np.float64, count=n_steps)

    def __repr__(self) -> str:
        return self.description


def constant(lr: float) -> Schedule:
    """The same learning rate at every step: ``rate(t) = lr``."""
    check_positive(lr, "lr")
    lr = float(lr)
    return Schedule(lambda step: lr, f"constant(lr={lr:g})")


def step_decay(lr: float, drop: float = 0.5, every: int = 10) -> Schedule:
    """Multiply the rate by ``drop`` once every ``every`` steps.

    ``rate(t) = lr * drop ** floor(t / every)``: with the defaults the rate halves
    after steps 10, 20, 30, ...
    """
    check_positive(lr, "lr")
    lr = float(lr)
    drop = float(check_positive(drop, "drop"))
    if drop > 1.0:
        raise ValueError(f"drop must be in (0, 1] (the factor applied at each decay), got {drop}")
    every = check_positive(every, "every", integer=True)

    def rate(step: int) -> float:
        return lr * drop ** (step // every)

    return Schedule(rate, f"step_decay(lr={lr:g}, drop={drop:g}, every={every})")


def cosine(lr: float, total_steps: int, minimum: float = 0.0) -> Schedule:
    """Half a cosine wave from ``lr`` down to ``minimum`` over ``total_steps`` steps.

    ``rate(t) = minimum + (lr - minimum) * (1 + cos(pi * t / T)) / 2`` with
    ``T = total_steps``; after ``T`` steps the rate stays at ``minimum``. The decay is
    slow at the start, fastest in the middle (where the rate is the average of the two
    ends) and gentle again at the end.
    """
    check_positive(lr, "lr")
    lr = float(lr)
    total_steps = check_positive(total_steps, "total_steps", integer=True)
    minimum = float(check_non_negative(minimum, "minimum"))
    if minimum > lr:
        raise ValueError(f"minimum must be between 0 and lr={lr:g}, got {minimum}")

    def rate(step: int) -> float:
        progress = min(step, total_steps) / total_steps
        return minimum + (lr - minimum) * (1.0 + math.cos(math.pi * progress)) / 2.0

    return Schedule(rate, f"cosine(lr={lr:g}, total_steps={total_steps}, minimum={minimum:g})")


def warmup(
    lr: float, warmup_steps: int, then: Schedule | Callable[[int], float] | None = None
) -> Schedule:
    """Ramp the rate up linearly over ``warmup_steps`` steps, then hand over to ``then``.

    During warm-up ``rate(t) = lr * (t + 1) / warmup_steps``, so the first step already
    moves (a rate of 0 would waste it) and step ``warmup_steps - 1`` reaches ``lr``.
    Afterwards the rate is ``then(t - warmup_steps)`` -- ``then`` starts counting from 0
    when warm-up ends -- or simply ``lr`` when ``then`` is None.
    """
    check_positive(lr, "lr")
    lr = float(lr)
    warmup_steps = check_positive(warmup_steps, "warmup_steps", integer=True)
    if then is not None and not callable(then):
        raise ValueError(f"then must be a schedule (e.g. cosine(...)) or None, got {then!r}")

    def after_warmup(step: int) -> float:
        value = then(step)
        # A rate that is no number (or < 0) would surface later as NaN weights, far from here.
        if not isinstance(value, numbers.Real) or not math.isfinite(value) or value < 0:
            raise ValueError(
                f"then must give a learning rate >= 0 at every step; then({step}) "
                f"gave {str(value)[:40]!r}: pass a schedule such as cosine(...)"
            )
        return float(value)

    if then is not None:
        after_warmup(0)  # a then that is not a schedule fails here, not mid-training

    def rate(step: int) -> float:
        if step < warmup_steps:
            return lr * (step + 1) / warmup_steps
        return lr if then is None else after_warmup(step - warmup_steps)

    after = "" if then is None else f", then={then!r}"
    return Schedule(rate, f"warmup(lr={lr:g}, warmup_steps={warmup_steps}{after})")
