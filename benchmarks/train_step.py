"""How much does nnlib's readable structure cost per training step?

One full-batch training step -- forward pass, backward pass, plain SGD update -- of a
2 -> 8 -> 8 -> 1 tanh network with a sigmoid output and binary cross-entropy, on 500
spiral points, timed four ways in this one process:

* nnlib: ``Trainer.run(1)``, the public call a reader makes (one epoch, here one
  full-batch step, plus the History's bookkeeping), and ``Trainer.step``, the public
  one-batch update ``run`` repeats;
* a bare NumPy loop of the same math, written out below with no functions or objects;
* scikit-learn's MLPClassifier doing the same steps (``partial_fit``, solver="sgd",
  batch_size=500, momentum=0, alpha=0);
* PyTorch (float64, CPU), only when it is installed.

All four start from the same weights; the script checks that nnlib, the bare loop
and scikit-learn end at the same weights, so the timings compare the same math.
Measurements are interleaved (one round of each in turn) so that a busy machine
slows all of them alike; the table reports the minimum and the median per step.

Targets: nnlib's ``Trainer.run(1)`` <= 1.3x the bare loop, and faster than scikit-learn.
Run:  python benchmarks/train_step.py
"""

from __future__ import annotations

import timeit
import warnings

import numpy as np
from blas import every_blas_on_one_thread  # benchmarks/blas.py, beside this file

from nnlib.datasets import spiral
from nnlib.network import Network
from nnlib.training import Trainer

LEARNING_RATE = 0.1
SIZES = [2, 8, 8, 1]
PUBLIC = "nnlib Trainer.run(1)"  # the call a reader makes: the headline ratio


def _make_nnlib(X, y):
    network = Network(SIZES, activation="tanh", seed=0)
    trainer = Trainer(network, X, y, optimizer="sgd", learning_rate=LEARNING_RATE)
    X_train, targets = trainer.X_train, trainer.targets_train  # checked once, by Trainer

    def step():
        trainer.step(X_train, targets)

    return network, step


def _make_bare(X, y, initial):
    """The same step with nothing but NumPy: what nnlib is measured against."""
    W1, b1, W2, b2, W3, b3 = (p.copy() for p in initial)
    Y = y.astype(np.float64).reshape(-1, 1)
    n = len(X)
    lr = LEARNING_RATE

    def step():
        nonlocal W1, b1, W2, b2, W3, b3  # updated in place (-=), as nnlib does
        A1 = np.tanh(X @ W1 + b1)
        A2 = np.tanh(A1 @ W2 + b2)
        Z3 = A2 @ W3 + b3
        dZ3 = (1.0 / (1.0 + np.exp(-Z3)) - Y) / n  # sigmoid + BCE from logits
        dW3 = A2.T @ dZ3
        db3 = dZ3.sum(axis=0)
        dZ2 = (dZ3 @ W3.T) * (1.0 - A2**2)
        dW2 = A1.T @ dZ2
        db2 = dZ2.sum(axis=0)
        dZ1 = (dZ2 @ W2.T) * (1.0 - A1**2)
        dW1 = X.T @ dZ1
        db1 = dZ1.sum(axis=0)
        W1 -= lr * dW1
        b1 -= lr * db1
        W2 -= lr * dW2
        b2 -= lr * db2
        W3 -= lr * dW3
        b3 -= lr * db3

    return [W1, b1, W2, b2, W3, b3], step


def _make_sklearn(X, y, initial):
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(
        hidden_layer_sizes=tuple(SIZES[1:-1]),
        activation="tanh",
        solver="sgd",
        learning_rate_init=LEARNING_RATE,
        momentum=0.0,
        batch_size=len(X),
        alpha=0.0,
        shuffle=False,
        random_state=0,
    )
    # The first call builds the weights (one step); overwrite them with `initial`.
    # Plain SGD (momentum 0) carries no state from step to step, so nothing else of
    # that first step survives.
    model.partial_fit(X, y, classes=np.unique(y))
    for i in range(len(model.coefs_)):
        model.coefs_[i][...] = initial[2 * i]
        model.intercepts_[i][...] = initial[2 * i + 1]

    def step():
        model.partial_fit(X, y)

    def parameters():
        return [p for W, b in zip(model.coefs_, model.intercepts_, strict=True) for p in (W, b)]

    return parameters, step


def _make_torch(X, y, initial):
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    layers = [
        torch.nn.Linear(a, b, dtype=torch.float64) for a, b in zip(SIZES, SIZES[1:], strict=False)
    ]
    with torch.no_grad():
        for i, layer in enumerate(layers):
            layer.weight.copy_(torch.from_numpy(initial[2 * i].T.copy()))
            layer.bias.copy_(torch.from_numpy(initial[2 * i + 1]))
    model = torch.nn.Sequential(layers[0], torch.nn.Tanh(), layers[1], torch.nn.Tanh(), layers[2])
    inputs = torch.from_numpy(X)
    targets = torch.from_numpy(y.astype(np.float64).reshape(-1, 1))
    loss_function = torch.nn.BCEWithLogitsLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)

    def step():
        optimizer.zero_grad()
        loss_function(model(inputs), targets).backward()
        optimizer.step()

    return step


def _max_difference(a, b):
    return max(float(np.max(np.abs(p - q))) for p, q in zip(a, b, strict=True))


def measure(number: int = 200, repeats: int = 15, n_points: int = 500) -> dict:
    """Time one training step each way; return microseconds per step and the ratios."""
    X, y = spiral(n_points, seed=0)
    network, nnlib_step = _make_nnlib(X, y)
    initial = network.copy_parameters()
    bare_parameters, bare_step = _make_bare(X, y, initial)
    sklearn_parameters, sklearn_step = _make_sklearn(X, y, initial)
    torch_step = _make_torch(X, y, initial)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn warns that one epoch did not converge
        # Same math? After 20 identical steps all three must hold the same weights.
        for _ in range(20):
            nnlib_step()
            bare_step()
            sklearn_step()
        agreement = {
            "bare": _max_difference(network.parameters(), bare_parameters),
            "sklearn": _max_difference(network.parameters(), sklearn_parameters()),
        }

        steps = {
            "nnlib Trainer.run(1)": _make_epoch_runner(X, y),
            "nnlib Trainer.step": nnlib_step,
            "bare NumPy": bare_step,
            "scikit-learn": sklearn_step,
        }
        if torch_step is not None:
            steps["PyTorch"] = torch_step
        times = {name: [] for name in steps}
        limit, blas_threads = every_blas_on_one_thread()
        with limit:
            for _ in range(repeats):
                for name, step in steps.items():
                    times[name].append(timeit.timeit(step, number=number) / number * 1e6)

    per_step = {
        name: {"min_us": float(np.min(t)), "median_us": float(np.median(t))}
        for name, t in times.items()
    }
    bare = per_step["bare NumPy"]
    ratios = {
        name: {
            "min": per_step[name]["min_us"] / bare["min_us"],
            "median": per_step[name]["median_us"] / bare["median_us"],
        }
        for name in per_step
    }
    return {
        "per_step": per_step,
        "ratio_to_bare": ratios,
        "nnlib_vs_bare": ratios[PUBLIC]["min"],
        "step_vs_bare": ratios["nnlib Trainer.step"]["min"],
        "nnlib_vs_sklearn": per_step[PUBLIC]["min_us"] / per_step["scikit-learn"]["min_us"],
        "max_weight_difference": agreement,
        "torch": torch_step is not None,
        "blas_threads": blas_threads,
    }


def _make_epoch_runner(X, y):
    """A whole ``Trainer.run(1)``: the step plus the per-epoch loss/accuracy bookkeeping."""
    network = Network(SIZES, activation="tanh", seed=0)
    trainer = Trainer(network, X, y, optimizer="sgd", learning_rate=LEARNING_RATE)
    return lambda: trainer.run(1)


def main() -> dict:
    results = measure()
    print("One full-batch training step: 2-8-8-1 tanh, sigmoid output + BCE, 500 points, SGD")
    print(f"{'implementation':<22}{'min us/step':>13}{'median us/step':>16}{'x bare (min)':>14}")
    for name, timing in results["per_step"].items():
        ratio = results["ratio_to_bare"][name]["min"]
        print(f"{name:<22}{timing['min_us']:>13.1f}{timing['median_us']:>16.1f}{ratio:>14.2f}")
    if not results["torch"]:
        print("(PyTorch is not installed: no torch row)")
    print("(Trainer.run(1) is Trainer.step plus the History's per-epoch bookkeeping)")
    print(
        f"(BLAS threads: {results['blas_threads']}, the same for all; "
        "runs interleaved, min and median over repeats)"
    )
    difference = results["max_weight_difference"]
    print(
        f"same math: after 20 steps nnlib's weights differ from the bare loop's by "
        f"{difference['bare']:.1e} and from scikit-learn's by {difference['sklearn']:.1e}"
    )
    vs_bare, vs_sklearn = results["nnlib_vs_bare"], results["nnlib_vs_sklearn"]
    print(f"nnlib Trainer.step / bare NumPy = {results['step_vs_bare']:.2f}")
    print(
        f"nnlib Trainer.run(1) / bare NumPy = {vs_bare:.2f}  (target <= 1.3: "
        f"{'met' if vs_bare <= 1.3 else 'NOT met'})"
    )
    print(
        f"nnlib Trainer.run(1) / scikit-learn = {vs_sklearn:.2f}  (target < 1: "
        f"{'met' if vs_sklearn < 1 else 'NOT met'})"
    )
    return results


if __name__ == "__main__":
    main()
