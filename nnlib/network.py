"""A multilayer network: a stack of Dense layers, trained by backpropagation.

``Network([2, 8, 8, 1], activation="tanh")`` builds::

    input (2) -> Dense(2 -> 8, tanh) -> Dense(8 -> 8, tanh) -> Dense(8 -> 1, linear)

``[2, 1]`` has no hidden layer: a linear model (logistic regression once a sigmoid
loss is put on top). The output layer is linear by default, so the network returns
*logits*; the losses in :mod:`nnlib.losses` turn them into probabilities in a
numerically safe way, and ``predict_proba`` does the same for you.

Backpropagation is the chain rule applied layer by layer, from the output down::

    d = dL/d(output)
    for layer in reversed(layers):
        d = layer.backward(d)      # sets layer.dW, layer.db; returns dL/d(layer input)
"""

from __future__ import annotations

import copy

import numpy as np

from nnlib._checks import (
    as_matrix,
    check_finite,
    check_flag,
    check_float_dtype,
    check_positive,
    check_probability,
    describe,
)
from nnlib.activations import get_activation, sigmoid, softmax
from nnlib.layers import Dense
from nnlib.regularization import Dropout
from nnlib.seeding import as_generator

__all__ = ["Network"]

# Activations whose gradient is 0 or 1 over large ranges; He initialisation keeps the
# signal's variance steady through them, Xavier suits the saturating ones (tanh, sigmoid).
_RELU_FAMILY = frozenset({"relu", "leaky_relu", "elu", "gelu", "gelu_tanh", "silu", "swish"})
# The output value that separates class 0 from class 1 for a single output unit.
_MIDPOINTS = {"linear": 0.0, "tanh": 0.0, "sigmoid": 0.5}


class Network:
    """A fully connected feed-forward network.

    Parameters
    ----------
    layer_sizes : e.g. ``[2, 8, 8, 1]`` -- inputs, hidden layer widths, outputs.
    activation : hidden-layer activation, one name for all or a list (one per hidden layer).
    output_activation : ``"linear"`` (logits; the default), ``"sigmoid"``, ``"softmax"``, ...
    initializer : None picks He initialisation for ReLU-like layers and Xavier otherwise;
        a name from :mod:`nnlib.initializers` applies to every layer.
    dropout : fraction of hidden units switched off at random during training (0 = none).
    seed : int, None or a NumPy Generator; the initial weights (and dropout masks) come
        from it, so the same seed gives the same network.
    dtype : "float64" (the default) or "float32": the weights' type, which inputs are
        converted to. float32 drawn from the same seed starts from the float64 weights,
        rounded. Training (:class:`~nnlib.training.Trainer`) follows the network's dtype.
    """

    def __init__(
        self,
        layer_sizes,
        activation="relu",
        output_activation="linear",
        initializer=None,
        dropout: float = 0.0,
        seed=0,
        dtype="float64",
    ):
        # (a 0-d NumPy array has __len__ but no length)
        if (
            isinstance(layer_sizes, (str, bytes))
            or not hasattr(layer_sizes, "__len__")
            or (isinstance(layer_sizes, np.ndarray) and layer_sizes.ndim != 1)
        ):
            raise ValueError(
                f"layer_sizes must be a list of layer widths such as [2, 8, 1]; got "
                f"{describe(layer_sizes)}"
            )
        if len(layer_sizes) < 2:
            raise ValueError(
                f"layer_sizes needs at least an input and an output size, e.g. [2, 1]; got "
                f"{list(layer_sizes)!r}"
            )
        sizes = [
            check_positive(size, f"layer_sizes[{i}] (a layer width)", integer=True)
            for i, size in enumerate(layer_sizes)
        ]
        n_hidden = len(sizes) - 2

        if isinstance(activation, (list, tuple)):
            if len(activation) != n_hidden:
                raise ValueError(
                    f"activation lists one name per hidden layer; layer_sizes {sizes} has "
                    f"{n_hidden} hidden layer(s) but {len(activation)} activation(s) were given"
                )
            hidden_activations = [get_activation(a) for a in activation]
        else:
            hidden_activations = [get_activation(activation)] * n_hidden
            get_activation(activation)  # unknown names fail even without hidden layers
        try:
            output = get_activation(output_activation)
        except ValueError as error:
            raise ValueError(f"output_activation: {error}") from None
        self.dropout = check_probability(dropout, "dropout")
        self.dtype = check_float_dtype(dtype)

        rng = as_generator(seed)
        self.layers: list[Dense] = []
        for n_in, n_out, act in zip(
            sizes[:-1], sizes[1:], [*hidden_activations, output], strict=True
        ):
            if initializer is None:
                init = "he_uniform" if act.name in _RELU_FAMILY else "xavier_uniform"
            else:
                init = initializer
            self.layers.append(Dense(n_in, n_out, act, initializer=init, rng=rng, dtype=self.dtype))
        # Dropout masks come from their own seeds, drawn after the weights, so a network
        # with dropout starts from exactly the same weights as one without.
        self.dropouts: list[Dropout] = []
        if self.dropout > 0:
            seeds = rng.integers(0, 2**31, size=n_hidden)
            self.dropouts = [Dropout(self.dropout, seed=int(s)) for s in seeds]
        self._dropout_applied = False  # did the latest forward pass drop units?

        self.layer_sizes = tuple(sizes)
        self.n_inputs, self.n_outputs = sizes[0], sizes[-1]

    @property
    def output_activation(self) -> str:
        """Name of the output layer's activation ("linear" means the outputs are logits)."""
        return self.layers[-1].activation.name

    # ------------------------------------------------------------------ forward / backward

    def forward(self, X, training: bool = False) -> np.ndarray:
        """The network's output for ``X`` (n_samples, n_inputs); logits by default.

        ``training=True`` applies dropout (if any). Each layer caches what its backward
        needs, so ``backward`` can follow.
        """
        check_flag(training, "training")
        return self.forward_unchecked(self._check_inputs(X), training)

    __call__ = forward

    def forward_unchecked(self, X: np.ndarray, training: bool = False) -> np.ndarray:
        """``forward`` without the input check, for a loop that checked X once up front.

        ``X`` must already be a float array of shape (n_samples, n_inputs); anything
        else fails deep inside NumPy or gives nonsense. The training loop calls this on
        every batch, where re-checking would cost as much as small layers' arithmetic.
        """
        layers = self.layers
        if training and self.dropouts:
            for layer, dropout in zip(layers[:-1], self.dropouts, strict=True):
                X = dropout.forward_unchecked(layer.forward_unchecked(X), training=True)
            self._dropout_applied = True
            return layers[-1].forward_unchecked(X)
        self._dropout_applied = False
        for layer in layers:
            X = layer.forward_unchecked(X)
        return X

    def backward(self, d_output, input_gradient: bool = True) -> np.ndarray | None:
        """Backpropagate ``d_output = dL/d(output)``; fill every layer's ``dW`` and ``db``.

        Returns ``dL/dX`` (same shape as the input), or None with ``input_gradient=False``.
        """
        last = self.layers[-1]
        if last.A is None:
            raise ValueError("call forward before backward: backward needs the cached values")
        check_flag(input_gradient, "input_gradient")
        if isinstance(d_output, np.ndarray) and d_output.ndim == 1 and self.n_outputs == 1:
            d_output = d_output.reshape(-1, 1)
        d_output = as_matrix(d_output, "d_output", self.dtype)
        if d_output.shape != last.A.shape:
            raise ValueError(
                f"d_output has shape {d_output.shape} but the latest output has shape "
                f"{last.A.shape}; pass the loss gradient for that same batch"
            )
        return self.backward_unchecked(d_output, input_gradient)

    def backward_unchecked(self, d: np.ndarray, input_gradient: bool = False):
        """``backward`` without checking ``d``, for the training loop (see forward_unchecked).

        ``d`` must have the shape of the latest output. Skips dL/dX unless asked:
        nothing below the first layer needs it during training.
        """
        layers = self.layers
        for i in range(len(layers) - 1, 0, -1):
            d = layers[i].backward_unchecked(d)
            if self._dropout_applied:
                d = self.dropouts[i - 1].backward_unchecked(d)
        return layers[0].backward_unchecked(d, input_gradient)

    # ------------------------------------------------------------------ parameters

    def parameters(self) -> list[np.ndarray]:
        """``[W1, b1, W2, b2, ...]``: the arrays themselves (optimizers update them in place)."""
        return [p for layer in self.layers for p in (layer.W, layer.b)]

    def gradients(self) -> list[np.ndarray]:
        """``[dW1, db1, dW2, db2, ...]`` from the latest backward, matching ``parameters()``."""
        return [g for layer in self.layers for g in (layer.dW, layer.db)]

    def parameter_names(self) -> list[str]:
        """``["layer1.W", "layer1.b", "layer2.W", ...]``, matching ``parameters()``."""
        return [f"layer{i}.{p}" for i in range(1, len(self.layers) + 1) for p in ("W", "b")]

    @property
    def parameter_count(self) -> int:
        """Total number of weights and biases: the sum of ``n_in * n_out + n_out`` per layer."""
        return sum(layer.parameter_count for layer in self.layers)

    def copy_parameters(self) -> list[np.ndarray]:
        """Copies of all parameters (a snapshot that later training will not change)."""
        return [p.copy() for p in self.parameters()]

    def set_parameters(self, values) -> None:
        """Overwrite the parameters with ``values`` (e.g. a snapshot), in place."""
        current = self.parameters()
        if isinstance(values, np.ndarray) or not isinstance(values, (list, tuple)):
            raise TypeError(
                f"values must be a list of {len(current)} arrays (e.g. from copy_parameters()); "
                f"got {describe(values)}"
            )
        if len(values) != len(current):
            raise ValueError(f"values has {len(values)} arrays, but the network has {len(current)}")
        checked = []
        for name, target, value in zip(self.parameter_names(), current, values, strict=True):
            try:
                if np.iscomplexobj(value):
                    raise TypeError
                value = np.asarray(value, dtype=target.dtype)
            except (TypeError, ValueError):
                raise ValueError(
                    f"values for {name} must be real numbers; got {describe(value)}"
                ) from None
            if value.shape != target.shape:
                raise ValueError(
                    f"values for {name} have shape {value.shape}; {name} has shape {target.shape}"
                )
            checked.append(check_finite(value, f"values for {name}"))
        for target, value in zip(current, checked, strict=True):  # all checked: now write
            target[...] = value

    def copy(self) -> Network:
        """An independent deep copy (same weights, nothing shared)."""
        return copy.deepcopy(self)

    # ------------------------------------------------------------------ predictions

    @property
    def n_classes(self) -> int:
        """Number of classes when used as a classifier: 2 for one output unit, else n_outputs."""
        return 2 if self.n_outputs == 1 else self.n_outputs

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities: shape (n, 1) = P(class 1) for one output, (n, k) for k outputs.

        Logits go through a sigmoid (one output) or softmax (k outputs); an output layer
        that already ends in sigmoid/softmax is passed through unchanged.
        """
        output = self.forward(X)
        kind = self.output_activation
        if kind in ("sigmoid", "softmax"):
            return output
        if kind != "linear":
            raise ValueError(
                f"predict_proba needs an output layer giving logits (output_activation="
                f"'linear') or probabilities ('sigmoid'/'softmax'); this one uses {kind!r}"
            )
        return sigmoid(output) if self.n_outputs == 1 else softmax(output)

    def predict(self, X) -> np.ndarray:
        """Predicted class labels (n,): output above the midpoint for one unit, else argmax."""
        return self.classify(self.forward(X))

    def classify(self, output: np.ndarray) -> np.ndarray:
        """Class labels (n,) from outputs of this network (e.g. ``forward``'s result)."""
        # Cheap checks only (no pass over the numbers): the training loop calls this once
        # per epoch on outputs it computed itself.
        if not isinstance(output, np.ndarray) or output.dtype.kind != "f":
            raise TypeError(f"output must be a float array from forward(); got {describe(output)}")
        if output.ndim != 2 or output.shape[1] != self.n_outputs:
            raise ValueError(
                f"output has shape {output.shape}, but this network gives "
                f"(n_samples, {self.n_outputs}); pass what forward() returned"
            )
        if self.n_outputs == 1 and self.output_activation not in _MIDPOINTS:
            raise ValueError(
                f"cannot turn a single {self.output_activation!r} output into a class; use "
                "output_activation 'linear', 'sigmoid' or 'tanh'"
            )
        return self.classify_unchecked(output)

    def classify_unchecked(self, output: np.ndarray) -> np.ndarray:
        """``classify`` without the checks, for the training loop's per-batch accuracy
        (its outputs come from this network, and the Trainer's loss needs an output
        layer classify accepts)."""
        if self.n_outputs > 1:
            return np.argmax(output, axis=1)
        # One unit: class 1 when the output is past the activation's midpoint
        # (logit 0 = probability 0.5).
        return (output[:, 0] > _MIDPOINTS[self.output_activation]).astype(np.int64)

    def hidden_activations(self, X) -> list[np.ndarray]:
        """The outputs of every hidden layer for ``X``: a list of (n_samples, width) arrays.

        Column ``j`` of entry ``i`` is what hidden unit ``j`` of layer ``i + 1`` computes
        for each sample -- plot it over the input plane to see what that neuron detects.
        """
        self.forward(X)
        return [layer.A for layer in self.layers[:-1]]

    def dead_unit_mask(self, X) -> list[np.ndarray]:
        """Per hidden layer, a boolean array (width,): True where the unit outputs exactly 0
        for every sample in ``X``.

        A dead ReLU unit gets zero gradient everywhere, so it never recovers. The mask
        says *which* units died, e.g. to grey them out in a picture of the network.
        """
        return [np.all(A == 0.0, axis=0) for A in self.hidden_activations(X)]

    def dead_units(self, X) -> list[int]:
        """Per hidden layer, how many units output exactly 0 for every sample in ``X``
        (the number of True entries of :meth:`dead_unit_mask`)."""
        return [int(mask.sum()) for mask in self.dead_unit_mask(X)]

    # ------------------------------------------------------------------ helpers

    def _check_inputs(self, X) -> np.ndarray:
        X = as_matrix(X, "X", self.dtype)
        if X.shape[1] != self.n_inputs:
            raise ValueError(
                f"X has {X.shape[1]} feature(s) per sample but this network expects "
                f"{self.n_inputs} (layer_sizes[0]); got X of shape {X.shape}"
            )
        return X

    def summary(self) -> str:
        """A small table: one row per layer with its shape, activation and parameter count."""
        rows = [f"{'layer':<8}{'shape':<12}{'activation':<12}{'parameters':>10}"]
        for i, layer in enumerate(self.layers, start=1):
            shape = f"{layer.n_inputs} -> {layer.n_outputs}"
            rows.append(
                f"{'layer' + str(i):<8}{shape:<12}{layer.activation.name:<12}"
                f"{layer.parameter_count:>10}"
            )
        rows.append(f"{'total':<32}{self.parameter_count:>10}")
        return "\n".join(rows)

    def __repr__(self) -> str:
        names = [layer.activation.name for layer in self.layers[:-1]]
        parts = [repr(list(self.layer_sizes))]
        if names:
            parts.append(f"activation={names[0] if len(set(names)) == 1 else names!r}")
        parts.append(f"output_activation={self.output_activation!r}")
        if self.dropout:
            parts.append(f"dropout={self.dropout:g}")
        if self.dtype != np.float64:
            parts.append(f"dtype='{self.dtype}'")
        parts.append(f"parameters={self.parameter_count}")
        return f"Network({', '.join(parts)})"
