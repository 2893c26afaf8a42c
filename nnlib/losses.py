"""Loss functions: one number that says how wrong the network's outputs are.

Every loss is an average over the n samples of a batch, and every gradient is the
derivative of that average with respect to the network's output, so it already
carries the 1/n. Backpropagation starts from this gradient.

* ``MeanSquaredError``: regression.            L = mean((output - target)^2)
* ``BinaryCrossEntropy``: two classes, one output unit holding a logit (or a
  probability with ``from_logits=False``).     L = -mean(t log p + (1 - t) log(1 - p))
* ``CategoricalCrossEntropy``: k classes, k output units holding logits; softmax is
  applied inside.                              L = -mean(log softmax(output)[label])

Working from logits rather than probabilities is both faster (the gradient is simply
p - t) and more accurate: log(sigmoid(-800)) is -800, but sigmoid(-800) itself rounds
to 0 and log(0) = -inf. The logit forms below never take the log of a rounded
probability.
"""

from __future__ import annotations

import numpy as np

from nnlib._checks import as_labels, check_finite, check_flag, describe, unknown_name_error
from nnlib.activations import log_softmax, log_softmax_unchecked

__all__ = [
    "LOSS_NAMES",
    "PROBABILITY_EPSILON",
    "BinaryCrossEntropy",
    "CategoricalCrossEntropy",
    "Loss",
    "MeanSquaredError",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "categorical_cross_entropy",
    "get_loss",
    "log_softmax",
    "mean_squared_error",
]

# Probabilities are clipped to [eps, 1 - eps] before taking logs, so a confident wrong
# answer costs at most -log(1e-12) ~ 27.6 instead of infinity. (The logit forms need no
# clipping.)
PROBABILITY_EPSILON = 1e-12


def _underflow_is_exact():
    # e^-1000 rounding to 0.0 is the correct value, not a lost digit: no warning for it
    return np.errstate(under="ignore")


def _real_array(value, name: str, loss_name: str) -> np.ndarray:
    """A finite float64 array: NaN or infinity in a loss would only give a NaN loss."""
    try:
        if np.iscomplexobj(value):
            raise TypeError("complex numbers are not accepted")
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(
            f"{loss_name}: {name} must be an array of real numbers; got {describe(value)} ({error})"
        ) from None
    return check_finite(array, name)


def _as_output(output, loss_name: str) -> np.ndarray:
    output = _real_array(output, "output", loss_name)
    if output.ndim not in (1, 2) or output.shape[0] == 0:
        raise ValueError(
            f"{loss_name}: the output has shape {output.shape}, but it should be a non-empty "
            "array of shape (n_samples, n_outputs)"
        )
    return output


def _match_target(output: np.ndarray, target, loss_name: str) -> np.ndarray:
    """Return ``target`` as float64 with the same shape as ``output``.

    A column (n, 1) and a vector (n,) are treated as the same thing, because labels
    usually come as (n,) while a one-unit output layer produces (n, 1).
    """
    target = _real_array(target, "target", loss_name)
    if target.shape != output.shape:
        column_vs_vector = target.size == output.size and {target.ndim, output.ndim} == {1, 2}
        if column_vs_vector and (output.ndim == 1 or output.shape[1] == 1):
            return target.reshape(output.shape)
        raise ValueError(
            f"{loss_name}: the output has shape {output.shape} but the target has shape "
            f"{target.shape}; they must match, one row per sample"
        )
    return target


def _check_binary_targets(target: np.ndarray, loss_name: str) -> None:
    low, high = target.min(), target.max()
    if not (low >= 0.0 and high <= 1.0):  # written this way so NaN fails too
        raise ValueError(
            f"{loss_name}: target must hold 0 or 1 (or probabilities in between); got values "
            f"from {low} to {high}. For more than two classes use 'cross_entropy'"
        )


def _check_probabilities(output: np.ndarray, loss_name: str) -> None:
    low, high = output.min(), output.max()
    if not (low >= 0.0 and high <= 1.0):
        raise ValueError(
            f"{loss_name}: with from_logits=False the output must hold probabilities in "
            f"[0, 1]; got values from {low} to {high}. If these are raw scores (logits), "
            "use from_logits=True"
        )


def _check_rows_sum_to_one(rows: np.ndarray, name: str, loss_name: str) -> None:
    """Class probabilities (and one-hot rows) must sum to 1 in every row."""
    sums = rows.sum(axis=1)
    # 1e-4 leaves room for rounding and for the small nudges of a finite-difference check.
    bad = np.flatnonzero(np.abs(sums - 1.0) > 1e-4)
    if bad.size:
        raise ValueError(
            f"{loss_name}: every row of {name} must sum to 1 (one probability per class); "
            f"row {bad[0]} sums to {sums[bad[0]]:.6g} ({bad.size} such rows). One-hot rows "
            "hold a single 1; for raw scores use from_logits=True"
        )


class Loss:
    """Base class: ``loss(output, target) -> float`` and ``loss.gradient(output, target)``.

    A loss writes each formula once, in three methods:

    * ``check(output, target)`` validates both and returns them as float arrays in the
      loss's own form (for example one-hot rows for integer labels);
    * ``value_unchecked(output, target)``: the loss, a number;
    * ``gradient_unchecked(output, target)``: dL/d(output), the shape of ``output``.

    The public calls (``loss(...)``, ``gradient``, ``value_and_gradient``) check first
    and then use these. A training loop that checked its data once, such as
    :class:`~nnlib.training.Trainer`, calls the ``*_unchecked`` forms on every batch;
    they keep the dtype of their inputs (float32 stays float32), and they run in the
    caller's floating-point error state. Their exponentials may underflow to 0.0, which
    is the right answer: the public calls tell NumPy so, and
    the Trainer trains with every float warning off, so the per-batch forms need not.
    Sums are written ``x.sum()`` rather than ``np.sum(x)``: the same reduction,
    without ``np.sum``'s Python dispatch, which costs as much as the sum of a batch.
    """

    name = "loss"

    def check(self, output, target) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def value_unchecked(self, output: np.ndarray, target: np.ndarray) -> float:
        raise NotImplementedError

    def gradient_unchecked(self, output: np.ndarray, target: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def value_and_gradient_unchecked(self, output, target) -> tuple[float, np.ndarray]:
        """Both at once; a loss overrides it when the two share work (a softmax)."""
        return self.value_unchecked(output, target), self.gradient_unchecked(output, target)

    def __call__(self, output, target) -> float:
        checked = self.check(output, target)
        with _underflow_is_exact():
            return self.value_unchecked(*checked)

    def gradient(self, output, target) -> np.ndarray:
        checked = self.check(output, target)
        with _underflow_is_exact():
            return self.gradient_unchecked(*checked)

    def value_and_gradient(self, output, target) -> tuple[float, np.ndarray]:
        """(loss, gradient), checking the inputs once."""
        checked = self.check(output, target)
        with _underflow_is_exact():
            return self.value_and_gradient_unchecked(*checked)

    def _parameters(self) -> dict:
        return {}

    def __repr__(self) -> str:
        arguments = ", ".join(f"{key}={value!r}" for key, value in self._parameters().items())
        return f"{type(self).__name__}({arguments})"


class MeanSquaredError(Loss):
    """L = 1/(n m) sum (output - target)^2 over n samples and m outputs.

    dL/d output = 2 (output - target) / (n m).
    """

    name = "mse"

    def check(self, output, target):
        output = _as_output(output, "mean squared error")
        return output, _match_target(output, target, "mean squared error")

    def value_unchecked(self, output, target) -> float:
        difference = output - target
        return float((difference * difference).sum()) / difference.size

    def gradient_unchecked(self, output, target) -> np.ndarray:
        difference = output - target
        difference *= 2.0 / difference.size
        return difference


class BinaryCrossEntropy(Loss):
    """Binary cross-entropy for one output unit per sample; targets t in {0, 1}.

    From probabilities p (``from_logits=False``), clipped to [eps, 1 - eps]:
        L = -1/n sum [t log p + (1 - t) log(1 - p)],   dL/dp = (p - t) / (p (1 - p)) / n
    From logits x, with p = sigmoid(x) (the default):
        L = 1/n sum [max(x, 0) - x t + log(1 + e^-|x|)],   dL/dx = (sigmoid(x) - t) / n
    The logit form is the same function, rearranged so no exponential can overflow.
    """

    name = "binary_cross_entropy"

    def __init__(self, from_logits: bool = True):
        self.from_logits = check_flag(from_logits, "from_logits")

    def _parameters(self):
        return {"from_logits": self.from_logits}

    def check(self, output, target):
        name = "binary cross-entropy"
        output = _as_output(output, name)
        if output.ndim == 2 and output.shape[1] != 1:
            raise ValueError(
                f"{name} needs one output per sample, shape (n_samples, 1), but the output "
                f"has shape {output.shape}; for {output.shape[1]} classes use 'cross_entropy'"
            )
        target = _match_target(output, target, name)
        _check_binary_targets(target, name)
        if not self.from_logits:
            _check_probabilities(output, name)
        return output, target

    # From logits, value and gradient share e = e^-|x| (<= 1, so it cannot overflow):
    # log(1 + e^-|x|) is in the value, and sigmoid(x) = 1/(1 + e) for x >= 0 and
    # e/(1 + e) for x < 0 -- the stable sigmoid of nnlib.activations, from the same e.

    def _exp_minus_abs(self, x):
        return np.exp(-np.abs(x))  # e^-1000 underflows to 0.0, which is the answer

    def _value(self, x, e, target) -> float:
        if not self.from_logits:
            p = np.clip(x, PROBABILITY_EPSILON, 1.0 - PROBABILITY_EPSILON)
            per_sample = target * np.log(p) + (1.0 - target) * np.log1p(-p)
            return -float(per_sample.sum()) / p.size
        per_sample = np.maximum(x, 0.0) - x * target + np.log1p(e)
        return float(per_sample.sum()) / x.size

    def _gradient(self, x, e, target) -> np.ndarray:
        if not self.from_logits:
            p = np.clip(x, PROBABILITY_EPSILON, 1.0 - PROBABILITY_EPSILON)
            return (p - target) / (p * (1.0 - p)) / p.size
        d = np.where(x >= 0.0, 1.0, e)
        d /= 1.0 + e  # sigmoid(x)
        d -= target
        d /= d.size
        return d

    def value_unchecked(self, output, target) -> float:
        e = self._exp_minus_abs(output) if self.from_logits else None
        return self._value(output, e, target)

    def gradient_unchecked(self, output, target) -> np.ndarray:
        e = self._exp_minus_abs(output) if self.from_logits else None
        return self._gradient(output, e, target)

    def value_and_gradient_unchecked(self, output, target):
        e = self._exp_minus_abs(output) if self.from_logits else None
        return self._value(output, e, target), self._gradient(output, e, target)


class CategoricalCrossEntropy(Loss):
    """Cross-entropy for k classes; the output holds one logit per class, shape (n, k).

    With s = softmax(output) and integer labels y (or one-hot rows t):
        L = -1/n sum_i log s[i, y_i] = 1/n sum_i (logsumexp(output_i) - output[i, y_i])
        dL/d output = (s - onehot(y)) / n
    With ``from_logits=False`` the output holds probabilities p (rows summing to 1):
        L = -1/n sum_i log p[i, y_i] (p clipped at eps),   dL/dp = -onehot(y) / p / n
    ``check`` turns integer labels into one-hot rows, the form the unchecked methods read.
    """

    name = "cross_entropy"

    def __init__(self, from_logits: bool = True):
        self.from_logits = check_flag(from_logits, "from_logits")

    def _parameters(self):
        return {"from_logits": self.from_logits}

    def check(self, output, target):
        """Return (output, target_matrix) with the target as rows of class probabilities."""
        name = "categorical cross-entropy"
        output = _as_output(output, name)
        if output.ndim != 2 or output.shape[1] < 2:
            raise ValueError(
                f"{name} needs one output per class, shape (n_samples, n_classes) with at "
                f"least 2 classes; the output has shape {output.shape}. For a single output "
                "unit use 'binary_cross_entropy'"
            )
        n, k = output.shape
        target = np.asarray(target)
        if target.shape == output.shape:  # one-hot (or soft) targets
            target = _real_array(target, "target", name)
            _check_binary_targets(target, name)
            _check_rows_sum_to_one(target, "target", name)
            if not self.from_logits:
                _check_probabilities(output, name)
                _check_rows_sum_to_one(output, "output", name)
            return output, target
        labels = target
        # fast path for the common case; anything unusual goes through the full check,
        # which also produces the helpful message
        fast = labels.ndim == 1 and labels.dtype.kind in "iu" and len(labels) == n
        if not (fast and labels.min() >= 0 and labels.max() < k):
            if labels.ndim == 2 and labels.shape[1] != 1:
                raise ValueError(
                    f"{name}: the output has shape {output.shape} but the target has shape "
                    f"{labels.shape}; give integer labels of shape ({n},) or one-hot rows of "
                    f"shape {output.shape}"
                )
            labels = as_labels(labels, n_classes=k, name="target")
            if len(labels) != n:
                raise ValueError(
                    f"{name}: the output has {n} rows (samples) but the target has "
                    f"{len(labels)} labels; they must match"
                )
        onehot = np.zeros_like(output)
        onehot[np.arange(n), labels] = 1.0
        if not self.from_logits:
            _check_probabilities(output, name)
            _check_rows_sum_to_one(output, "output", name)
        return output, onehot

    def _log_probabilities(self, output):
        if self.from_logits:
            return log_softmax_unchecked(output, axis=1)
        return np.log(np.clip(output, PROBABILITY_EPSILON, 1.0))

    def _value(self, log_probabilities, target) -> float:
        return float(-(target * log_probabilities).sum() / len(target))

    def _gradient(self, output, probabilities, target) -> np.ndarray:
        n = len(target)
        if not self.from_logits:
            return -target / np.clip(output, PROBABILITY_EPSILON, 1.0) / n
        # written for soft targets too: d/dz of -sum_j t_j log s_j is s * sum_j t_j - t
        d = probabilities * target.sum(axis=1, keepdims=True)
        d -= target
        d /= n
        return d

    def value_unchecked(self, output, target) -> float:
        return self._value(self._log_probabilities(output), target)

    def _probabilities(self, log_probabilities):
        if not self.from_logits:
            return None  # the probability form's gradient reads the output itself
        return np.exp(log_probabilities)

    def gradient_unchecked(self, output, target) -> np.ndarray:
        probabilities = self._probabilities(self._log_probabilities(output))
        return self._gradient(output, probabilities, target)

    def value_and_gradient_unchecked(self, output, target):
        # one log softmax for both (the probabilities are its exponential)
        log_probabilities = self._log_probabilities(output)
        value = self._value(log_probabilities, target)
        return value, self._gradient(output, self._probabilities(log_probabilities), target)


def mean_squared_error(output, target) -> float:
    """mean((output - target)^2)."""
    return MeanSquaredError()(output, target)


def binary_cross_entropy(probabilities, target) -> float:
    """Binary cross-entropy from probabilities p in [0, 1] (clipped at PROBABILITY_EPSILON)."""
    return BinaryCrossEntropy(from_logits=False)(probabilities, target)


def binary_cross_entropy_with_logits(logits, target) -> float:
    """Binary cross-entropy from logits x, i.e. of p = sigmoid(x), computed stably."""
    return BinaryCrossEntropy(from_logits=True)(logits, target)


def categorical_cross_entropy(logits, target) -> float:
    """Cross-entropy of softmax(logits) against integer labels or one-hot rows."""
    return CategoricalCrossEntropy(from_logits=True)(logits, target)


_LOSSES = {
    "mse": MeanSquaredError,
    "mean_squared_error": MeanSquaredError,
    "squared_error": MeanSquaredError,
    "binary_cross_entropy": BinaryCrossEntropy,
    "bce": BinaryCrossEntropy,
    "cross_entropy": CategoricalCrossEntropy,
    "categorical_cross_entropy": CategoricalCrossEntropy,
}
LOSS_NAMES = tuple(_LOSSES)


def get_loss(name_or_loss, **params) -> Loss:
    """Look up a loss by name, e.g. ``get_loss("bce")`` or ``get_loss("bce", from_logits=False)``.

    A ``Loss`` object is returned unchanged; unknown names raise ValueError listing
    ``LOSS_NAMES``.
    """
    if isinstance(name_or_loss, Loss):
        if params:
            raise ValueError(
                f"parameters {sorted(params)} were given together with the ready-made loss "
                f"{name_or_loss!r}; pass a name instead"
            )
        return name_or_loss
    if not isinstance(name_or_loss, str):
        raise ValueError(
            f"a loss must be a name such as 'mse' or a Loss object; got {name_or_loss!r}"
        )
    key = name_or_loss.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in _LOSSES:
        raise unknown_name_error("loss", name_or_loss, LOSS_NAMES)
    try:
        return _LOSSES[key](**params)
    except TypeError:
        raise ValueError(
            f"loss {key!r} does not take the parameter(s) {', '.join(sorted(params))}; only "
            "the cross-entropy losses take one (from_logits)"
        ) from None
