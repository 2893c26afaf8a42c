"""Train many small regression networks at once, for statistics over seeds.

A claim such as "depth wins at the same budget" or "the test error rises with the width"
should hold over many random starts, not one. Training ten networks one after another
with ``nnlib.training.fit`` costs ten times one network, and for the book's tiny curve
fits almost all of that time is Python overhead per step, not arithmetic.

``fit_side_by_side`` does the same arithmetic as

    fit(net, X, y, epochs=..., loss="mse", optimizer="adam", learning_rate=..., l2=...)

(full batch, tanh hidden layers, linear output) for a whole list of networks at once:
every weight array gets a first axis that numbers the networks, one batched matrix
product serves them all, and nnlib's ``Adam``, which updates arrays entry by entry,
updates the stacked weights. The result equals ``fit``'s number for number
(tests/test_side_by_side.py checks it), and comes back as ordinary nnlib Networks.
"""

from __future__ import annotations

import numpy as np

from nnbook.checks import check_layer_sizes, check_number, check_whole, finite_array
from nnlib.network import Network
from nnlib.optimizers import Adam

MAX_L2 = 1e6


def fit_side_by_side(
    sizes, seeds, X, y, *, epochs: int = 1000, learning_rate: float = 0.01, l2=0.0
) -> list[Network]:
    """One tanh network ``Network(sizes, activation="tanh", seed=s)`` per seed, all trained at once.

    ``l2`` is one strength for all, or one per network (the same seed may then repeat, to
    compare strengths from one start). Returns the trained networks in the order of ``seeds``.
    """
    sizes = check_layer_sizes(sizes, "sizes")
    if isinstance(seeds, (str, dict)) or np.ndim(seeds) != 1:
        raise ValueError(f"seeds must be a list of seeds, e.g. range(10); got {seeds!r}")
    seeds = [check_whole(seed, "seeds", 0) for seed in seeds]
    if not seeds:
        raise ValueError("seeds must name at least one seed, e.g. range(10); got none")
    epochs = check_whole(epochs, "epochs", 1, 1_000_000)
    learning_rate = check_number(learning_rate, "learning_rate", 1e-12, 1e3)
    strengths = finite_array(l2, "l2")
    if strengths.ndim > 1 or (strengths.ndim == 1 and len(strengths) != len(seeds)):
        raise ValueError(f"l2 must be one number or one per seed ({len(seeds)}); got {l2!r}")
    # Far stronger penalties pin every weight to 0 anyway, and their squared gradients
    # (Adam keeps them) would overflow.
    if np.any(strengths < 0) or np.any(strengths > MAX_L2):
        raise ValueError(f"l2 must lie in [0, {MAX_L2:g}] (0: no penalty); got {l2!r}")
    strengths = np.broadcast_to(strengths, (len(seeds),))
    X, y = finite_array(X, "X"), finite_array(y, "y")
    if X.ndim != 2 or X.shape[1] != sizes[0] or not len(X):
        raise ValueError(f"X must be (n, {sizes[0]}) for sizes {sizes}; got shape {X.shape}")
    if y.shape != (len(X), sizes[-1]):
        raise ValueError(f"y must be ({len(X)}, {sizes[-1]}) for X and sizes; got {y.shape}")
    nets = [Network(sizes, activation="tanh", seed=seed) for seed in seeds]
    depth = len(nets[0].layers)
    W = [np.stack([net.layers[k].W for net in nets]) for k in range(depth)]
    b = [np.stack([net.layers[k].b for net in nets])[:, None, :] for k in range(depth)]
    adam = Adam(learning_rate)
    for _ in range(epochs):
        inputs, A = [], X[None]  # (1, n, n_in): the same data for every network
        for k in range(depth):
            inputs.append(A)
            Z = A @ W[k] + b[k]  # (networks, n, units)
            A = np.tanh(Z) if k < depth - 1 else Z  # tanh hidden layers, linear output
        delta = (2.0 / A.shape[1]) * (A - y)  # gradient of each network's own MSE
        dW, db = [None] * depth, [None] * depth
        for k in reversed(range(depth)):
            dW[k] = np.swapaxes(inputs[k], 1, 2) @ delta + strengths[:, None, None] * W[k]
            db[k] = delta.sum(axis=1, keepdims=True)
            if k > 0:  # back through layer k's input, a tanh output: tanh' = 1 - a^2
                delta = (delta @ np.swapaxes(W[k], 1, 2)) * (1.0 - inputs[k] ** 2)
        adam.step(W + b, dW + db)
    for i, net in enumerate(nets):
        for k in range(depth):
            net.layers[k].W[...] = W[k][i]
            net.layers[k].b[...] = b[k][i, 0]
    return nets


__all__ = ["fit_side_by_side"]
