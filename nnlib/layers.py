"""A fully connected (dense) layer: the building block of every network in the book.

Forward, for a batch ``X`` of shape (n_samples, n_inputs)::

    Z = X @ W + b          (n_samples, n_outputs)   weighted sums, one column per unit
    A = f(Z)                                        the activation, element by element

Backward, given ``dA = dL/dA`` from the layer above::

    dZ = f'(Z) * dA        (the activation's backward; softmax uses its Jacobian)
    dW = X.T @ dZ          each weight's gradient sums over the samples
    db = dZ.sum(axis=0)
    dX = dZ @ W.T          handed on to the layer below

The forward pass keeps ``X``, ``Z`` and ``A`` because backward needs exactly those.
"""

from __future__ import annotations

import numpy as np

from nnlib._checks import (
    as_matrix,
    check_fits_in_memory,
    check_flag,
    check_float_dtype,
    check_positive,
)
from nnlib.activations import get_activation
from nnlib.initializers import get_initializer
from nnlib.seeding import as_generator

__all__ = ["Dense"]


class Dense:
    """A layer of ``n_outputs`` units, each connected to all ``n_inputs`` inputs.

    Parameters
    ----------
    n_inputs, n_outputs : sizes of the layer (whole numbers >= 1).
    activation : name (``"relu"``, ``"tanh"``, ...) or an ``Activation`` object.
    initializer : name from :mod:`nnlib.initializers` or a callable
        ``init(shape, rng) -> array``. Biases always start at zero.
    seed, rng : where the initial weights come from; ``rng`` (a NumPy Generator) wins
        over ``seed`` so that a network can draw all its layers from one generator.
    dtype : "float64" (default) or "float32": the type of the weights, and of what the
        layer computes from inputs of that type.

    Attributes: ``W`` (n_inputs, n_outputs), ``b`` (n_outputs,), after ``backward`` the
    gradients ``dW`` and ``db``, and after ``forward`` the cached ``X``, ``Z``, ``A``.
    """

    def __init__(
        self,
        n_inputs: int,
        n_outputs: int,
        activation="linear",
        initializer="xavier_uniform",
        seed: int | None = 0,
        rng: np.random.Generator | None = None,
        dtype="float64",
    ):
        self.n_inputs = check_positive(n_inputs, "n_inputs", integer=True)
        self.n_outputs = check_positive(n_outputs, "n_outputs", integer=True)
        self.activation = get_activation(activation)
        # W, its gradient and the optimizer's state: a few copies of n_inputs x n_outputs.
        check_fits_in_memory(
            4 * self.n_inputs * self.n_outputs,
            f"a Dense layer of n_inputs x n_outputs = {self.n_inputs} x {self.n_outputs} weights",
            "use fewer units",
        )
        init = get_initializer(initializer) if isinstance(initializer, str) else initializer
        if not callable(init):
            raise ValueError(
                f"initializer must be a name such as 'he_normal' or a function "
                f"init(shape, rng); got {initializer!r}"
            )
        rng = as_generator(seed) if rng is None else as_generator(rng, "rng")
        self.dtype = check_float_dtype(dtype)
        self.W = np.array(init((self.n_inputs, self.n_outputs), rng), dtype=self.dtype)
        if self.W.shape != (self.n_inputs, self.n_outputs):
            raise ValueError(
                f"initializer returned shape {self.W.shape}, expected "
                f"{(self.n_inputs, self.n_outputs)}"
            )
        self.b = np.zeros(self.n_outputs, dtype=self.dtype)
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)
        self.X = self.Z = self.A = None

    @property
    def activation(self):
        """The layer's Activation object (assigning a name or object replaces it)."""
        return self._activation

    @activation.setter
    def activation(self, value):
        self._activation = get_activation(value)
        # A linear activation's backward is the identity; skipping the call saves work
        # on every output layer in every step.
        self._identity = self._activation.name == "linear"

    def forward(self, X, training: bool = False) -> np.ndarray:
        """Compute ``A = f(X @ W + b)`` and remember X, Z, A for ``backward``.

        ``X`` is checked first (numbers, shape (n_samples, n_inputs), finite). ``training``
        is accepted for a uniform interface; a dense layer behaves the same either way.
        """
        check_flag(training, "training")
        if np.ndim(X) == 1:
            raise ValueError(
                f"a Dense layer with {self.n_inputs} inputs needs X of shape "
                f"(n_samples, {self.n_inputs}); got shape {np.shape(X)}; for a single "
                "sample use X.reshape(1, -1)"
            )
        X = as_matrix(X, "X", self.dtype)
        if X.shape[1] != self.n_inputs:
            raise ValueError(
                f"a Dense layer with {self.n_inputs} inputs needs X of shape "
                f"(n_samples, {self.n_inputs}); got shape {X.shape}"
            )
        return self.forward_unchecked(X)

    def forward_unchecked(self, X: np.ndarray) -> np.ndarray:
        """``forward`` without the checks, for a network whose input was checked once.

        ``X`` must be a float array of shape (n_samples, n_inputs).
        """
        Z = X @ self.W
        Z += self.b  # in place: Z is a fresh array, no need for another one
        self.X, self.Z = X, Z
        self.A = Z if self._identity else self._activation.forward_unchecked(Z)
        return self.A

    def __call__(self, X, training: bool = False) -> np.ndarray:
        return self.forward(X, training)

    def backward(self, dA, input_gradient: bool = True) -> np.ndarray | None:
        """Given ``dA = dL/dA``, set ``dW`` and ``db`` and return ``dX = dL/dX``.

        Pass ``input_gradient=False`` for the first layer of a network: nobody needs the
        gradient with respect to the data, so one matrix product can be skipped.
        """
        if self.X is None:
            raise ValueError("call forward before backward: backward needs the cached X, Z, A")
        check_flag(input_gradient, "input_gradient")
        if isinstance(dA, np.ndarray) and dA.ndim == 1 and self.n_outputs == 1:
            dA = dA.reshape(-1, 1)
        dA = as_matrix(dA, "dA", self.dtype)
        if dA.shape != self.A.shape:
            raise ValueError(
                f"dA has shape {dA.shape} but the latest forward output A has shape "
                f"{self.A.shape}; pass the gradient for that same batch, one row per sample"
            )
        return self.backward_unchecked(dA, input_gradient)

    def backward_unchecked(self, dA: np.ndarray, input_gradient: bool = True):
        """``backward`` without the checks, for a network's backward pass."""
        if self._identity:
            dZ = dA
        else:
            dZ = self._activation.backward_unchecked(self.Z, self.A, dA)
        self.dW = self.X.T @ dZ
        self.db = dZ.sum(axis=0)
        return dZ @ self.W.T if input_gradient else None

    def parameters(self) -> list[np.ndarray]:
        """``[W, b]`` -- the arrays themselves, so an optimizer can update them in place."""
        return [self.W, self.b]

    def gradients(self) -> list[np.ndarray]:
        """``[dW, db]`` from the latest ``backward``, in the order of ``parameters()``."""
        return [self.dW, self.db]

    @property
    def parameter_count(self) -> int:
        """Trainable numbers: ``n_inputs * n_outputs`` weights plus ``n_outputs`` biases."""
        return self.W.size + self.b.size

    def __repr__(self) -> str:
        return f"Dense({self.n_inputs} -> {self.n_outputs}, activation={self.activation.name!r})"
