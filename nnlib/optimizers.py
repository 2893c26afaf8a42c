"""Optimizers: turn gradients into parameter updates.

Every optimizer has one method, ``step(parameters, gradients)``, that changes each
parameter array IN PLACE (``W -= ...``). In-place matters: the layers hold references
to their weight arrays, so an update that built new arrays would silently train
copies nobody uses.

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

import math

import numpy as np

from nnlib._checks import check_positive, unknown_name_error

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
        if not callable(value):  # a schedule is checked when it is built
            value = float(check_positive(value, "learning_rate"))
        self._learning_rate = value

    @property
    def current_learning_rate(self) -> float:
        """The rate the next call to ``step`` will use."""
        rate = self._learning_rate
        return float(rate(self.iterations)) if callable(rate) else rate

    def step(self, parameters, gradients) -> None:
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

    def step(self, parameters, gradients) -> None:
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
        if not 0.0 <= momentum < 1.0:
            raise ValueError(f"momentum must be in [0, 1) (0.9 is typical), got {momentum}")
        self.momentum = float(momentum)
        self.velocities = None

    def step(self, parameters, gradients) -> None:
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
        for value, label in ((beta1, "beta1"), (beta2, "beta2")):
            if not 0.0 <= value < 1.0:
                raise ValueError(f"{label} must be in [0, 1), got {value}")
        check_positive(epsilon, "epsilon")
        self.beta1, self.beta2, self.epsilon = float(beta1), float(beta2), float(epsilon)
        self.first_moments = None  # m: running mean of g
        self.second_moments = None  # v: running mean of g**2

    def step(self, parameters, gradients) -> None:
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
        for parameter, gradient, m, v in zip(parameters, gradients, ms, vs, strict=True):
            m *= beta1
            m += (1.0 - beta1) * gradient
            v *= beta2
            v += (1.0 - beta2) * np.square(gradient)
            denominator = np.sqrt(v)
            denominator += epsilon
            parameter -= step_size * m / denominator

    def reset(self) -> None:
        super().reset()
        self.first_moments = self.second_moments = None

    def _options(self) -> str:
        return (
            f"{super()._options()}, beta1={self.beta1:g}, beta2={self.beta2:g}, "
            f"epsilon={self.epsilon:g}"
        )


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
    key = name.lower() if isinstance(name, str) else name
    if key not in _OPTIMIZERS:
        raise unknown_name_error("optimizer", name, OPTIMIZER_NAMES)
    return _OPTIMIZERS[key](**options)
