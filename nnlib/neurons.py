"""Single neurons: the McCulloch-Pitts threshold unit (1943), a general neuron, and
Rosenblatt's perceptron (1958), the first neuron that learned its weights from examples.

Every unit computes a weighted sum of its inputs and passes it through an activation:

    z = w . x + b            (the weighted sum)
    a = f(z)                 (the output)

Inputs are rows of ``X`` with shape ``(n_samples, n_inputs)``. For convenience a single
input vector of shape ``(n_inputs,)`` is accepted too and gives a single output back.
"""

import itertools
import math
import numbers
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from nnlib._checks import (
    as_labels,
    as_matrix,
    check_epochs,
    check_fits_in_memory,
    check_positive,
    check_same_length,
    describe,
)
from nnlib.activations import get_activation, step
from nnlib.seeding import as_generator

__all__ = [
    "McCullochPittsUnit",
    "Neuron",
    "Perceptron",
    "PerceptronResult",
    "PerceptronUpdate",
    "mp_and",
    "mp_not",
    "mp_or",
]


def _as_vector(values, name):
    """A finite 1-D float64 array (weights are one number per input)."""
    try:
        if np.iscomplexobj(values):  # NumPy would drop the imaginary part with a warning
            raise TypeError("complex numbers are not weights")
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be a list of real numbers, one per input; got {describe(values)}"
        ) from None
    if array.ndim != 1 or array.size == 0:
        raise ValueError(
            f"{name} must be a non-empty list of numbers, one per input; got shape {array.shape}"
        )
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinite values; give finite numbers")
    return array


def _as_inputs(X, n_inputs):
    """Return (X as a matrix, whether the caller passed one sample as a 1-D vector)."""
    raw = np.asarray(X)
    single = raw.ndim == 1
    if single:
        if raw.shape[0] != n_inputs:
            raise ValueError(
                f"expected one input vector of length {n_inputs} or X of shape "
                f"(n_samples, {n_inputs}); got shape {raw.shape}"
            )
        raw = raw.reshape(1, n_inputs)
    X = as_matrix(raw, name="X")
    if X.shape[1] != n_inputs:
        raise ValueError(
            f"this unit has {n_inputs} inputs, so X must have shape (n_samples, {n_inputs}); "
            f"got shape {X.shape}"
        )
    return X, single


def _check_finite_number(value, name):
    # math.isfinite takes any Python int (10**30 too), where np.isfinite would refuse it
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {describe(value)}")
    return float(value)


# ----------------------------------------------------------------------------------
# The general neuron
# ----------------------------------------------------------------------------------


class Neuron:
    """One artificial neuron: a = f(w . x + b).

    ``activation`` is a name understood by ``nnlib.activations.get_activation`` ("step",
    "sigmoid", "relu", ...) or an Activation object; extra keyword arguments (``alpha``)
    go to it.
    """

    def __init__(self, weights, bias=0.0, activation="step", **activation_params):
        self.weights = _as_vector(weights, "weights")
        self.bias = _check_finite_number(bias, "bias")
        self.activation = get_activation(activation, **activation_params)
        if self.activation.name == "softmax":
            # softmax normalises across several outputs; one neuron has only one.
            raise ValueError(
                "a single Neuron cannot use softmax, which needs a layer of several outputs; "
                "use 'sigmoid' for a probability from one neuron"
            )

    @property
    def n_inputs(self):
        return self.weights.shape[0]

    def weighted_sum(self, X):
        """z = X @ w + b: one number per sample (a float for a single input vector)."""
        X, single = _as_inputs(X, self.n_inputs)
        z = X @ self.weights + self.bias
        return float(z[0]) if single else z

    def __call__(self, X):
        """a = f(z): the neuron's output for each sample."""
        z = self.weighted_sum(X)
        a = self.activation(np.atleast_1d(z))
        return float(a[0]) if np.ndim(z) == 0 else a

    def __repr__(self):
        return (
            f"Neuron(weights={np.array2string(self.weights, precision=4)}, "
            f"bias={self.bias:.4g}, activation={self.activation.name!r})"
        )


# ----------------------------------------------------------------------------------
# McCulloch and Pitts, "A logical calculus of the ideas immanent in nervous activity" (1943)
# ----------------------------------------------------------------------------------


class McCullochPittsUnit:
    """A McCulloch-Pitts threshold unit with binary inputs and a binary output.

    The unit fires (outputs 1) when the weighted sum of its excitatory inputs reaches the
    threshold,

        output = 1  if  sum_i w_i x_i >= threshold  and no inhibitory input is active,
                 0  otherwise.

    Weights are excitatory, so they must be >= 0. The inputs listed in ``inhibitory``
    (by index) work as in the 1943 paper: a single active inhibitory input vetoes firing
    whatever the other inputs say. Their weights are not part of the sum. Nothing here
    learns; the weights and threshold are set by hand.
    """

    def __init__(self, weights, threshold, inhibitory=()):
        self.weights = _as_vector(weights, "weights")
        if np.any(self.weights < 0):
            raise ValueError(
                "McCulloch-Pitts weights are excitatory and must be >= 0; to let an input "
                "block firing, list its index in `inhibitory` instead"
            )
        self.threshold = _check_finite_number(threshold, "threshold")
        inhibitory = tuple(np.atleast_1d(np.asarray(inhibitory)).tolist())
        for index in inhibitory:
            if isinstance(index, bool) or not isinstance(index, int):
                raise ValueError(f"inhibitory lists input positions (whole numbers), got {index!r}")
            if not 0 <= index < self.n_inputs:
                raise ValueError(
                    f"inhibitory input index {index} is out of range for a unit with "
                    f"{self.n_inputs} inputs (valid: 0..{self.n_inputs - 1})"
                )
        self.inhibitory = tuple(sorted(set(inhibitory)))

    @property
    def n_inputs(self):
        return self.weights.shape[0]

    def _excitatory_mask(self):
        mask = np.ones(self.n_inputs, dtype=bool)
        mask[list(self.inhibitory)] = False
        return mask

    def weighted_sum(self, X):
        """sum of w_i x_i over the excitatory inputs."""
        X, single = self._binary_inputs(X)
        mask = self._excitatory_mask()
        total = X[:, mask] @ self.weights[mask]
        return float(total[0]) if single else total

    def __call__(self, X):
        """1 where the unit fires, else 0 (an int, or an int array for several samples)."""
        X, single = self._binary_inputs(X)
        mask = self._excitatory_mask()
        reaches_threshold = X[:, mask] @ self.weights[mask] >= self.threshold
        vetoed = np.any(X[:, ~mask] == 1, axis=1)
        fires = (reaches_threshold & ~vetoed).astype(np.int64)
        return int(fires[0]) if single else fires

    def truth_table(self):
        """Every binary input pattern (2**n_inputs rows, in counting order) and the output."""
        check_fits_in_memory(
            2**self.n_inputs * (self.n_inputs + 1),
            f"the truth table of {self.n_inputs} inputs (2**{self.n_inputs} rows)",
            "call the unit on the input patterns you need instead",
        )
        X = np.array(list(itertools.product((0, 1), repeat=self.n_inputs)), dtype=np.int64)
        return X, self(X)

    def _binary_inputs(self, X):
        X, single = _as_inputs(X, self.n_inputs)
        if not np.all((X == 0) | (X == 1)):
            raise ValueError("McCulloch-Pitts inputs must be binary: every entry 0 or 1")
        return X, single

    def __repr__(self):
        weights = np.array2string(self.weights, precision=4)
        extra = f", inhibitory={self.inhibitory}" if self.inhibitory else ""
        return f"McCullochPittsUnit(weights={weights}, threshold={self.threshold:g}{extra})"


def mp_and(n_inputs=2):
    """AND: fires only when all inputs are on (unit weights, threshold = n_inputs)."""
    n_inputs = check_positive(n_inputs, "n_inputs", integer=True)
    check_fits_in_memory(n_inputs, f"n_inputs={n_inputs}", "use fewer inputs")
    return McCullochPittsUnit(np.ones(n_inputs), threshold=n_inputs)


def mp_or(n_inputs=2):
    """OR: fires when at least one input is on (unit weights, threshold = 1)."""
    n_inputs = check_positive(n_inputs, "n_inputs", integer=True)
    check_fits_in_memory(n_inputs, f"n_inputs={n_inputs}", "use fewer inputs")
    return McCullochPittsUnit(np.ones(n_inputs), threshold=1)


def mp_not():
    """NOT: threshold 0, so the unit fires on its own; its one input is inhibitory and vetoes."""
    return McCullochPittsUnit([0.0], threshold=0, inhibitory=[0])


# ----------------------------------------------------------------------------------
# Rosenblatt, "The perceptron: a probabilistic model for information storage and
# organization in the brain" (1958)
# ----------------------------------------------------------------------------------


class PerceptronUpdate(NamedTuple):
    """The state after the perceptron looked at one sample during ``fit``."""

    weights: np.ndarray  # weights after the visit (a copy)
    bias: float  # bias after the visit
    sample_index: int  # row of X that was shown
    changed: bool  # True when the prediction was wrong and the rule moved the weights
    epoch: int  # 1-based epoch of the visit
    prediction: int  # y_hat made with the weights *before* the visit
    target: int  # the true label y


@dataclass
class PerceptronResult:
    """What ``Perceptron.fit`` did.

    ``errors_per_epoch[k]`` counts the mistakes (= updates) during epoch k + 1.
    ``converged_epoch`` is the first epoch (1-based) without a single mistake, or None if
    that never happened within ``max_epochs``; training stops after that epoch. Replaying
    ``updates`` from ``initial_weights`` / ``initial_bias`` reproduces training exactly.
    """

    errors_per_epoch: list
    converged_epoch: int | None
    updates: list = field(repr=False)  # one record per sample visit: too long to print
    weights: np.ndarray
    bias: float
    initial_weights: np.ndarray = field(repr=False)
    initial_bias: float = field(repr=False)

    @property
    def converged(self):
        return self.converged_epoch is not None

    @property
    def epochs_run(self):
        return len(self.errors_per_epoch)


class Perceptron:
    """Rosenblatt's perceptron for two classes labelled 0 and 1.

    Prediction:   y_hat = step(w . x + b)  (1 when w . x + b >= 0, else 0)
    Learning rule, applied after each sample (x, y):
        w <- w + learning_rate * (y - y_hat) * x
        b <- b + learning_rate * (y - y_hat)
    so nothing changes when the prediction is right. If the classes can be split by a
    straight line (hyperplane) the rule finds one in finitely many updates (Novikoff,
    1962); if they cannot, as for XOR, it never stops making mistakes.

    ``seed=None`` starts from zero weights and bias; an int seed starts from small random
    weights (normal, standard deviation 0.1) and zero bias.
    """

    def __init__(self, n_inputs, learning_rate=1.0, seed=None):
        self.n_inputs = check_positive(n_inputs, "n_inputs", integer=True)
        check_fits_in_memory(self.n_inputs, f"n_inputs={self.n_inputs}", "use fewer inputs")
        check_positive(learning_rate, "learning_rate")
        self.learning_rate = float(learning_rate)
        self.seed = seed
        if seed is None:
            self._initial_weights = np.zeros(self.n_inputs)
        else:
            self._initial_weights = as_generator(seed).normal(0.0, 0.1, self.n_inputs)
        self._initial_bias = 0.0
        self.reset()

    def reset(self):
        """Go back to the starting weights and bias."""
        self.weights = self._initial_weights.copy()
        self.bias = self._initial_bias

    def weighted_sum(self, X):
        """z = X @ w + b (a float for a single input vector)."""
        X, single = _as_inputs(X, self.n_inputs)
        z = X @ self.weights + self.bias
        return float(z[0]) if single else z

    def predict(self, X):
        """y_hat = 1 where w . x + b >= 0, else 0."""
        z = self.weighted_sum(X)
        # The same step as nnlib.activations (step(0) = 1), so a Neuron with activation
        # "step" and the perceptron's weights gives the same answers.
        prediction = step(np.atleast_1d(z)).astype(np.int64)
        return int(prediction[0]) if np.ndim(z) == 0 else prediction

    def update(self, x, target):
        """Apply the learning rule to one sample; return the error y - y_hat (-1, 0 or 1)."""
        x, _ = _as_inputs(x, self.n_inputs)
        if x.shape[0] != 1:
            raise ValueError(f"update takes one sample, shape ({self.n_inputs},); got {x.shape}")
        if isinstance(target, bool) or not isinstance(target, numbers.Integral | float):
            raise ValueError(f"target must be the label 0 or 1; got {describe(target)}")
        if target not in (0, 1):
            raise ValueError(f"target must be the label 0 or 1 (perceptron labels); got {target!r}")
        error = int(target) - self.predict(x[0])
        if error != 0:
            self.weights = self.weights + self.learning_rate * error * x[0]
            self.bias = self.bias + self.learning_rate * error
        return error

    def fit(self, X, y, max_epochs=100, shuffle_seed=None):
        """Train from the starting weights, one sample at a time, epoch after epoch.

        Samples are shown in data order, or in a fresh random order each epoch when
        ``shuffle_seed`` (an int) is given. Training stops after the first epoch without
        mistakes or after ``max_epochs``. Returns a ``PerceptronResult``; calling ``fit``
        again starts over, so the same call always gives the same result.
        """
        X, y = self._check_training_data(X, y)
        # each epoch records its number of mistakes
        max_epochs = check_epochs(max_epochs, "max_epochs", 1)
        rng = None if shuffle_seed is None else as_generator(shuffle_seed, "shuffle_seed")

        self.reset()
        errors_per_epoch, updates, converged_epoch = [], [], None
        for epoch in range(1, max_epochs + 1):
            order = np.arange(len(y)) if rng is None else rng.permutation(len(y))
            mistakes = 0
            for index in order:
                error = self.update(X[index], int(y[index]))
                mistakes += error != 0
                updates.append(
                    PerceptronUpdate(
                        weights=self.weights.copy(),
                        bias=float(self.bias),
                        sample_index=int(index),
                        changed=error != 0,
                        epoch=epoch,
                        prediction=int(y[index]) - error,
                        target=int(y[index]),
                    )
                )
            errors_per_epoch.append(int(mistakes))
            if mistakes == 0:
                converged_epoch = epoch
                break
        return PerceptronResult(
            errors_per_epoch=errors_per_epoch,
            converged_epoch=converged_epoch,
            updates=updates,
            weights=self.weights.copy(),
            bias=float(self.bias),
            initial_weights=self._initial_weights.copy(),
            initial_bias=self._initial_bias,
        )

    def _check_training_data(self, X, y):
        X, _ = _as_inputs(X, self.n_inputs)
        if len(X) == 0:
            raise ValueError("X has no samples; give at least one row to learn from")
        y_raw = np.asarray(y)
        if y_raw.ndim == 2 and y_raw.shape[1] == 1:
            y_raw = y_raw[:, 0]
        if y_raw.ndim != 1:
            raise ValueError(
                f"y must be a 1-D array of labels, shape (n_samples,); got {y_raw.shape}"
            )
        values = np.unique(y_raw)
        if not np.all(np.isin(values, (0, 1))):
            raise ValueError(
                f"perceptron labels must be 0 or 1, got values {values.tolist()}; "
                "map -1/+1 labels to 0/1 with (y + 1) // 2"
            )
        y = as_labels(y_raw, n_classes=2, name="y")
        check_same_length(X, y)
        return X, y

    def __repr__(self):
        return (
            f"Perceptron(n_inputs={self.n_inputs}, learning_rate={self.learning_rate:g}, "
            f"weights={np.array2string(self.weights, precision=4)}, bias={self.bias:.4g})"
        )
