"""Optimizers: turn gradients into parameter updates.

Every optimizer has one method, ``step(parameters, gradients)``, that changes each
parameter array IN PLACE (``W -= ...``). ``step`` first checks that there is one
gradient of the right shape per parameter, then calls ``update_unchecked``, which
does the arithmetic and checks nothing: the training loop, whose arrays are right by
construction, calls ``update_unchecked`` directly on every batch. In-place matters:
the layers hold references to their weight arrays, so an update that built new
arrays would silently train copies nobody uses.

    SGD        W <- W - lr * g
    Momentum   v <- mu * v - lr * g;       W <- W + v
    Adam       m <- b1 * m + (1 - b1) * g;  v <- b2 * v + (1 - b2) * g**2
               m_hat = m / (1 - b1**t);     v_hat = v / (1 - b2**t)
               W <- W - lr * m_hat / (sqrt(v_hat) + eps)

``learning_rate`` is a positive number or a schedule from :mod:`nnlib.schedules`
(called with the number of updates made so far). Optimizers that keep state
(velocity, moment estimates) match it to the parameters by position, so always pass
the same arrays in the same order -- ``network.parameters()`` does.
"""

from __future__ import annotations

import inspect
import math

import numpy as np

from nnlib._checks import check_non_negative, check_positive, describe, unknown_name_error

__all__ = ["Optimizer", "SGD", "Momentum", "Adam", "OPTIMIZER_NAMES", "get_optimizer"]


class Optimizer:
    """Shared bookkeeping: the learning rate (number or schedule) and the update count."""

    name = "optimizer"

    def __init__(self, learning_rate=0.1):
        self.learning_rate = learning_rate
        self.iterations = 0  # updates made so far; drives schedules and Adam's bias correction

    @property
    def learning_rate(self):
        """A positive number, or a schedule ``f(step) -> rate``. May be changed between steps."""
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        if callable(value):
            # A schedule from nnlib.schedules is checked when it is built; any other
            # function is tried once, so a wrong one fails here and not mid-training.
            try:
                first = value(0)
            except Exception as error:  # noqa: BLE001 - any failure means "not a schedule"
                raise ValueError(
                    f"learning_rate must be a number > 0 or a schedule step -> rate; calling "
                    f"{value!r:.60}(0) failed ({type(error).__name__}: {error})"
                ) from None
            check_positive(first, "learning_rate (its value at step 0)")
        else:
            value = float(check_positive(value, "learning_rate"))
        self._learning_rate = value

    @property
    def current_learning_rate(self) -> float:
        """The rate the next call to ``step`` will use."""
        rate = self._learning_rate
        return float(rate(self.iterations)) if callable(rate) else rate

    def step(self, parameters, gradients) -> None:
        """Check the arrays, then update every parameter in place (see ``update_unchecked``)."""
        _check_parameters_and_gradients(parameters, gradients)
        self.update_unchecked(parameters, gradients)

    def update_unchecked(self, parameters, gradients) -> None:
        """The update itself, without checks: lists of float arrays, matched by position."""
        raise NotImplementedError

    def reset(self) -> None:
        """Forget the update count and any state, as if freshly built."""
        self.iterations = 0

    def _state_for(self, state, parameters):
        """One zero array per parameter, created on the first step."""
        if state is None or len(state) != len(parameters):
            state = [np.zeros_like(p) for p in parameters]
        return state

    def _options(self) -> str:
        return f"learning_rate={self._learning_rate!r}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._options()})"


class SGD(Optimizer):
    """Plain gradient descent: ``W <- W - lr * g``."""

    name = "sgd"

    def __init__(self, learning_rate=0.1):
        super().__init__(learning_rate)

    def update_unchecked(self, parameters, gradients) -> None:
        rate = self._learning_rate
        if callable(rate):
            rate = rate(self.iterations)
        for parameter, gradient in zip(parameters, gradients, strict=True):
            parameter -= rate * gradient
        self.iterations += 1


class Momentum(Optimizer):
    """Gradient descent with a velocity that remembers past steps.

    ``v <- mu * v - lr * g`` then ``W <- W + v``. Consistent gradients build up speed
    (up to ``1 / (1 - mu)`` times a plain step); gradients that flip sign cancel out.
    """

    name = "momentum"

    def __init__(self, learning_rate=0.1, momentum=0.9):
        super().__init__(learning_rate)
        self.momentum = _check_decay(momentum, "momentum")
        self.velocities = None

    def update_unchecked(self, parameters, gradients) -> None:
        rate = self._learning_rate
        if callable(rate):
            rate = rate(self.iterations)
        velocities = self.velocities = self._state_for(self.velocities, parameters)
        for parameter, gradient, velocity in zip(parameters, gradients, velocities, strict=True):
            velocity *= self.momentum
            velocity -= rate * gradient
            parameter += velocity
        self.iterations += 1

    def reset(self) -> None:
        super().reset()
        self.velocities = None

    def _options(self) -> str:
        return f"{super()._options()}, momentum={self.momentum:g}"


class Adam(Optimizer):
    """Adaptive moment estimation (Kingma & Ba, 2015).

    Keeps running averages of the gradient (``m``, first moment) and of its square
    (``v``, second moment). Both start at zero, so early averages are too small; dividing
    by ``1 - beta**t`` corrects that bias. The step ``lr * m_hat / (sqrt(v_hat) + eps)``
    has roughly the size ``lr`` whatever the scale of the gradient -- on the first
    step it is exactly ``lr * g / (|g| + eps)``, i.e. ``lr * sign(g)``.
    """

    name = "adam"

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
        super().__init__(learning_rate)
        self.beta1 = _check_decay(beta1, "beta1", typical=0.9)
        self.beta2 = _check_decay(beta2, "beta2", typical=0.999)
        self.epsilon = float(check_positive(epsilon, "epsilon"))
        self.first_moments = None  # m: running mean of g
        self.second_moments = None  # v: running mean of g**2
        self._work = None  # two scratch arrays per parameter (see update_unchecked)

    def update_unchecked(self, parameters, gradients) -> None:
        rate = self._learning_rate
        if callable(rate):
            rate = rate(self.iterations)
        self.iterations += 1
        t = self.iterations
        beta1, beta2 = self.beta1, self.beta2
        correction1, correction2 = 1.0 - beta1**t, 1.0 - beta2**t
        # lr * m_hat / (sqrt(v_hat) + eps) with m_hat = m / c1, v_hat = v / c2 equals
        # (lr * sqrt(c2) / c1) * m / (sqrt(v) + eps * sqrt(c2)): the same number, with the
        # corrections folded into two scalars instead of two extra passes over each array.
        step_size = rate * math.sqrt(correction2) / correction1
        epsilon = self.epsilon * math.sqrt(correction2)
        ms = self.first_moments = self._state_for(self.first_moments, parameters)
        vs = self.second_moments = self._state_for(self.second_moments, parameters)
        # Each line below would build a temporary array the size of the parameter, every
        # step; for a big layer making those costs as much as the arithmetic in them.
        # So the same operations, in the same order, write into two arrays per parameter
        # kept between steps (out=...): the numbers are the same to the last bit.
        work = self._work
        if work is None or len(work) != len(parameters):
            work = self._work = [(np.empty_like(p), np.empty_like(p)) for p in parameters]
        for parameter, gradient, m, v, (scaled, denominator) in zip(
            parameters, gradients, ms, vs, work, strict=True
        ):
            m *= beta1
            m += np.multiply(gradient, 1.0 - beta1, out=scaled)  # (1 - beta1) * g
            v *= beta2
            squared = np.square(gradient, out=scaled)
            squared *= 1.0 - beta2
            v += squared  # (1 - beta2) * g**2
            np.sqrt(v, out=denominator)
            denominator += epsilon
            step = np.multiply(m, step_size, out=scaled)
            step /= denominator
            parameter -= step  # step_size * m / (sqrt(v) + epsilon)

    def reset(self) -> None:
        super().reset()
        self.first_moments = self.second_moments = self._work = None

    def _options(self) -> str:
        return (
            f"{super()._options()}, beta1={self.beta1:g}, beta2={self.beta2:g}, "
            f"epsilon={self.epsilon:g}"
        )


def _check_decay(value, name: str, typical: float = 0.9) -> float:
    """A decay factor such as momentum or Adam's betas: a number in [0, 1)."""
    value = float(check_non_negative(value, name))
    if value >= 1.0:
        raise ValueError(
            f"{name} must be at least 0 and below 1 ({typical:g} is typical); got {value!r}: "
            "at 1 or more past steps never fade and the updates grow without bound"
        )
    return value


def _check_parameters_and_gradients(parameters, gradients) -> None:
    """One float array per parameter, one gradient of the same shape per parameter."""
    for value, name in ((parameters, "parameters"), (gradients, "gradients")):
        if isinstance(value, np.ndarray) or not isinstance(value, (list, tuple)):
            raise TypeError(
                f"{name} must be a list of arrays (e.g. network.{name}()); got {describe(value)}"
            )
    if len(parameters) != len(gradients):
        raise ValueError(
            f"gradients has {len(gradients)} arrays but parameters has {len(parameters)}; "
            "give one gradient per parameter, in the same order"
        )
    for i, (parameter, gradient) in enumerate(zip(parameters, gradients, strict=True)):
        if not isinstance(parameter, np.ndarray) or parameter.dtype.kind != "f":
            raise TypeError(
                f"parameters[{i}] must be a float array that can be updated in place; got "
                f"{describe(parameter)}"
            )
        if not isinstance(gradient, np.ndarray) or gradient.dtype.kind not in "fiu":
            raise TypeError(f"gradients[{i}] must be an array of numbers; got {describe(gradient)}")
        if gradient.shape != parameter.shape:
            raise ValueError(
                f"gradients[{i}] has shape {gradient.shape} but parameters[{i}] has shape "
                f"{parameter.shape}; every gradient must have its parameter's shape"
            )
        # NaN or infinite gradients are let through on purpose: watching an optimizer
        # blow up (and the weights turn to NaN) is part of what the book shows.


_OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}
OPTIMIZER_NAMES = tuple(_OPTIMIZERS)


def get_optimizer(name, **options) -> Optimizer:
    """Build an optimizer from its name ("sgd", "momentum", "adam"); an instance passes through.

    ``options`` go to the constructor, e.g. ``get_optimizer("adam", learning_rate=0.01)``.
    """
    if isinstance(name, Optimizer):
        if options:
            raise ValueError(
                "options can only be given with an optimizer name, not with an optimizer object"
            )
        return name
    if not isinstance(name, str) or name.lower() not in _OPTIMIZERS:
        raise unknown_name_error("optimizer", name, OPTIMIZER_NAMES)
    optimizer_class = _OPTIMIZERS[name.lower()]
    accepted = [p for p in inspect.signature(optimizer_class).parameters]
    unknown = sorted(set(options) - set(accepted))
    if unknown:
        raise TypeError(
            f"{name!r} does not take the option {unknown[0]!r}; it takes {', '.join(accepted)}"
        )
    return optimizer_class(**options)
