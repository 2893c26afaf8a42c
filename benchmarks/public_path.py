"""Training through the public API: nnlib's ``fit`` against the floor and the big names.

Four network sizes, each trained for a fixed number of epochs, in float64 and float32:

  a  2 -> 8 -> 8 -> 1 tanh,        500 points, full batch,  SGD   (binary cross-entropy)
  b  2 -> 64 -> 64 -> 1 ReLU,    5,000 points, batch 100,   SGD   (binary cross-entropy)
  c  64 -> 256 -> 128 -> 10 ReLU, 20,000 points, batch 128, Adam  (softmax cross-entropy)
  d  784 -> 512 -> 256 -> 10 ReLU, 20,000 points, batch 256, Adam (softmax cross-entropy)

Contenders, timed in one process, interleaved (one run of each in turn, repeated), so
a busy machine slows all of them alike:

* nnlib: ``fit(network, X, y, ...)``, the call a reader makes (data checks included);
* bare NumPy: the same arithmetic written out below as one loop, no functions, no
  checks -- the floor nnlib is measured against. Like ``fit`` it records, per epoch,
  the mean loss and accuracy of the batches (what ``fit``'s History returns), and the
  script checks the two records agree; "bare, no History" is the same loop without
  that record, shown for what the record costs;
* scikit-learn: ``MLPClassifier.fit`` for the same epochs (its own initial weights and
  shuffling; no L2, no early stopping);
* PyTorch CPU with 1 and with 2 threads, only when torch is installed.

nnlib, the bare loop and PyTorch start from the same weights and see the same
mini-batches (the bare loop and PyTorch draw the order from the seed the way nnlib's
Trainer does), so the script checks that they end at the same training loss. For
scikit-learn that holds only at size a (full batch: no shuffling), checked with
``partial_fit`` from nnlib's initial weights, outside the timing.

With torch installed, each size also prints the time of one batch's matrix products
alone in NumPy's BLAS and in PyTorch's: where they dominate (size d), that ratio is the
floor under nnlib / PyTorch that no Python code around the products can lower.

Each row gives the median CPU time and wall time over the repeats, with the spread
(min-max) of the CPU time; ratios are nnlib's median CPU time over the contender's.
Nine repeats by default: on a 2-core machine one run's CPU time varies by 10-20%, and
with five the median of two equal loops came out up to 1.2 apart.
NumPy's BLAS (and scikit-learn's) runs on one thread for every NumPy contender.

Targets (issue "Training through the public API..."): nnlib <= 1.1x bare NumPy at
every size and dtype; faster than PyTorch (1 thread) and scikit-learn in float64;
within 1.1x of PyTorch at size d in float32.
Run:  python benchmarks/public_path.py [--repeats N] [--sizes abcd] [--torch 1,2]
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import random
import time
import warnings
from dataclasses import dataclass

import numpy as np
from blas import every_blas_on_one_thread  # benchmarks/blas.py, beside this file

from nnlib.datasets import spiral
from nnlib.network import Network
from nnlib.training import fit


@dataclass(frozen=True)
class Size:
    name: str
    layers: tuple
    activation: str
    n: int
    batch: int | None
    optimizer: str
    learning_rate: float
    epochs: int


SIZES = {
    "a": Size("a", (2, 8, 8, 1), "tanh", 500, None, "sgd", 0.1, 200),
    "b": Size("b", (2, 64, 64, 1), "relu", 5_000, 100, "sgd", 0.1, 4),
    "c": Size("c", (64, 256, 128, 10), "relu", 20_000, 128, "adam", 0.001, 2),
    "d": Size("d", (784, 512, 256, 10), "relu", 20_000, 256, "adam", 0.001, 1),
}
SEED = 0
# A pause before each timed run: BLAS and OpenMP worker threads spin for a moment after
# their last task (OpenMP's default is 200 ms), and process CPU time counts that
# spinning, so without it the contender timed next would be billed for them.
SETTLE_SECONDS = 0.25
# The bare loop without the History's numbers: shown beside the yardstick, not a target.
BARE_ALONE = "bare, no History"


def make_data(size: Size):
    """2-D spirals for a and b; for c and d, Gaussian inputs labelled by a random teacher."""
    if size.layers[0] == 2:
        return spiral(size.n, seed=SEED)
    rng = np.random.default_rng(SEED)
    X = rng.normal(size=(size.n, size.layers[0]))
    teacher = rng.normal(size=(size.layers[0], size.layers[-1]))
    return X, np.argmax(X @ teacher, axis=1)


# ------------------------------------------------------------------------ contenders


def run_nnlib(size, X, y, network, dtype, record=True):
    net = network.copy()
    history = fit(
        net, X, y, epochs=size.epochs, optimizer=size.optimizer,
        learning_rate=size.learning_rate, batch_size=size.batch, seed=SEED,
    )  # fmt: skip
    return net.parameters(), list(zip(history.train_loss, history.train_accuracy, strict=True))


def run_bare(size, X, y, initial, dtype, record=True):
    """The floor: forward, backward, update for every batch, written out plainly.

    With ``record`` it also keeps what ``fit``'s History holds -- per epoch, the mean
    over the batches of each batch's loss and accuracy before its update -- so it does
    the arithmetic the public path does; without, it is the bare training alone.
    """
    X = X.astype(dtype)
    params = [p.astype(dtype, copy=True) for p in initial]
    n_layers = len(params) // 2
    binary = size.layers[-1] == 1
    T = y.reshape(-1, 1).astype(dtype) if binary else np.eye(size.layers[-1], dtype=dtype)[y]
    relu = size.activation == "relu"
    rng = np.random.default_rng(SEED)
    batch = size.n if size.batch is None else size.batch
    adam = size.optimizer == "adam"
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, step = size.learning_rate, 0
    curve = []
    for _ in range(size.epochs):
        if batch < size.n:
            order = rng.permutation(size.n)
            Xe, Te, ye = X[order], T[order], y[order]
        else:
            Xe, Te, ye = X, T, y
        loss_sum, correct = 0.0, 0
        for start in range(0, size.n, batch):
            xb, tb = Xe[start : start + batch], Te[start : start + batch]
            inputs, outputs = [xb], []
            a = xb
            for i in range(n_layers):
                z = a @ params[2 * i] + params[2 * i + 1]
                if i < n_layers - 1:
                    a = np.maximum(z, 0.0) if relu else np.tanh(z)
                    inputs.append(a)
                    outputs.append(a)
                else:
                    a = z
            if binary:  # sigmoid and its loss, written stably from one e^-|a| as nnlib does
                e = np.exp(-np.abs(a))
                if record:
                    loss_sum += float(np.sum(np.maximum(a, 0.0) - a * tb + np.log1p(e)))
                    correct += np.count_nonzero((a[:, 0] > 0.0) == (ye[start : start + batch] == 1))
                d = np.where(a >= 0.0, 1.0, e) / (1.0 + e) - tb
            else:
                # softmax as nnlib's loss computes it: the exponential of the log softmax
                shifted = a - a.max(axis=1, keepdims=True)
                log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
                if record:
                    loss_sum -= float(np.sum(tb * log_p))
                    correct += np.count_nonzero(a.argmax(axis=1) == ye[start : start + batch])
                d = np.exp(log_p) - tb
            d /= len(xb)
            grads = [None] * len(params)
            for i in range(n_layers - 1, -1, -1):
                grads[2 * i] = inputs[i].T @ d
                grads[2 * i + 1] = d.sum(axis=0)
                if i > 0:
                    d = d @ params[2 * i].T
                    h = outputs[i - 1]
                    d = d * (h > 0) if relu else d * (1.0 - h * h)
            step += 1
            if adam:
                # math.sqrt, not np.sqrt: a NumPy float64 scalar would turn float32
                # arrays into float64 ones (NumPy 2's rules), a Python float does not
                c1, c2 = 1.0 - 0.9**step, 1.0 - 0.999**step
                rate, eps = lr * math.sqrt(c2) / c1, 1e-8 * math.sqrt(c2)
                for p, g, mi, vi in zip(params, grads, m, v, strict=True):
                    mi *= 0.9
                    mi += (1.0 - 0.9) * g
                    vi *= 0.999
                    vi += (1.0 - 0.999) * (g * g)
                    p -= rate * mi / (np.sqrt(vi) + eps)
            else:
                for p, g in zip(params, grads, strict=True):
                    p -= lr * g
        if record:
            curve.append((loss_sum / size.n, correct / size.n))
    return params, curve


def sklearn_model(size, epochs, batch, warm=False):
    from sklearn.neural_network import MLPClassifier

    return MLPClassifier(
        hidden_layer_sizes=size.layers[1:-1], activation=size.activation,
        solver=size.optimizer if size.optimizer == "adam" else "sgd",
        learning_rate_init=size.learning_rate, momentum=0.0, nesterovs_momentum=False,
        batch_size=batch, max_iter=epochs, alpha=0.0, tol=0.0,
        n_iter_no_change=epochs + 1, shuffle=True, random_state=SEED, warm_start=warm,
    )  # fmt: skip


def run_sklearn(size, X, y, initial, dtype):
    model = sklearn_model(size, size.epochs, size.batch or size.n)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "maximum iterations reached": intended here
        model.fit(X.astype(dtype), y)
    return [p for W, b in zip(model.coefs_, model.intercepts_, strict=True) for p in (W, b)]


def sklearn_same_steps(size, X, y, initial, dtype):
    """Size a only: from nnlib's initial weights, one full-batch step per partial_fit."""
    model = sklearn_model(size, 1, size.n)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.partial_fit(X.astype(dtype), y, classes=np.unique(y))  # builds the weights
        for i in range(len(model.coefs_)):
            model.coefs_[i][...] = initial[2 * i]
            model.intercepts_[i][...] = initial[2 * i + 1]
        # plain SGD (momentum 0) keeps no state, so the first call's step is forgotten
        for _ in range(size.epochs):
            model.partial_fit(X.astype(dtype), y)
    return [p for W, b in zip(model.coefs_, model.intercepts_, strict=True) for p in (W, b)]


def torch_runner(threads: int):
    # PyTorch's OpenMP workers spin for a while after each parallel region, waiting for
    # more work. In one process that spinning is counted in the CPU time of whichever
    # contender runs next (nnlib, in the interleaved order), and on two cores it takes
    # that contender's second core. Passive waiting puts them to sleep instead; it is
    # read when OpenMP starts, so it is set before torch is first imported.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        import torch
    except ImportError:
        return None

    def run_torch(size, X, y, initial, dtype):
        torch.set_num_threads(threads)
        tdtype = torch.float64 if dtype == np.float64 else torch.float32
        layers, n_layers = [], len(initial) // 2
        for i in range(n_layers):
            linear = torch.nn.Linear(*initial[2 * i].shape, dtype=tdtype)
            with torch.no_grad():
                linear.weight.copy_(torch.from_numpy(initial[2 * i].T.astype(dtype)))
                linear.bias.copy_(torch.from_numpy(initial[2 * i + 1].astype(dtype)))
            layers.append(linear)
            if i < n_layers - 1:
                layers.append(torch.nn.ReLU() if size.activation == "relu" else torch.nn.Tanh())
        model = torch.nn.Sequential(*layers)
        inputs = torch.from_numpy(X.astype(dtype))
        binary = size.layers[-1] == 1
        if binary:
            targets = torch.from_numpy(y.reshape(-1, 1).astype(dtype))
            loss_function = torch.nn.BCEWithLogitsLoss()
        else:
            targets = torch.from_numpy(y.astype(np.int64))
            loss_function = torch.nn.CrossEntropyLoss()
        if size.optimizer == "adam":
            optimizer = torch.optim.Adam(model.parameters(), lr=size.learning_rate)
        else:
            optimizer = torch.optim.SGD(model.parameters(), lr=size.learning_rate)
        rng = np.random.default_rng(SEED)
        batch = size.n if size.batch is None else size.batch
        for _ in range(size.epochs):
            if batch < size.n:
                order = torch.from_numpy(rng.permutation(size.n))
                xe, te = inputs[order], targets[order]
            else:
                xe, te = inputs, targets
            for start in range(0, size.n, batch):
                optimizer.zero_grad()
                loss = loss_function(model(xe[start : start + batch]), te[start : start + batch])
                loss.backward()
                optimizer.step()
        return [
            t.detach().numpy().T.copy() if t.ndim == 2 else t.detach().numpy().copy()
            for layer in layers
            if isinstance(layer, torch.nn.Linear)
            for t in (layer.weight, layer.bias)
        ]

    return run_torch


# ------------------------------------------------------------------------ measuring


def training_loss(parameters, X, y, activation: str) -> float:
    """The data loss of final weights on the whole training set, in float64, one formula."""
    a = X
    n_layers = len(parameters) // 2
    for i in range(n_layers):
        a = a @ np.asarray(parameters[2 * i], dtype=np.float64) + parameters[2 * i + 1]
        if i < n_layers - 1:
            a = np.maximum(a, 0.0) if activation == "relu" else np.tanh(a)
    if a.shape[1] == 1:
        z, t = a[:, 0], y
        return float(np.mean(np.maximum(z, 0) - z * t + np.log1p(np.exp(-np.abs(z)))))
    shifted = a - a.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-np.mean(log_p[np.arange(len(y)), y]))


def measure(size: Size, dtype, repeats: int, torch_threads=(1, 2)) -> dict:
    X, y = make_data(size)
    network = Network(list(size.layers), activation=size.activation, seed=SEED, dtype=dtype)
    initial = [p.astype(np.float64) for p in network.parameters()]
    contenders = {
        "nnlib fit": lambda: run_nnlib(size, X, y, network, dtype),
        "bare NumPy": lambda: run_bare(size, X, y, initial, dtype),
        BARE_ALONE: lambda: run_bare(size, X, y, initial, dtype, record=False),
        "scikit-learn fit": lambda: run_sklearn(size, X, y, initial, dtype),
    }
    for threads in torch_threads:
        runner = torch_runner(threads)
        if runner is not None:
            contenders[f"PyTorch {threads} thread{'s' * (threads > 1)}"] = lambda runner=runner: (
                runner(size, X, y, initial, dtype)
            )
    cpu = {name: [] for name in contenders}
    wall = {name: [] for name in contenders}
    final, curves = {}, {}
    # scikit-learn brings its own BLAS (SciPy's copy): loaded now, the limit covers it
    import sklearn.neural_network  # noqa: F401

    limit, _ = every_blas_on_one_thread()
    order = random.Random(SEED)
    with limit:
        for _ in range(repeats):
            # A contender pays for some of the leftovers of the one before it (seen:
            # whichever ran after scikit-learn took 0.1-0.3 s longer at size d), so the
            # order is shuffled each repeat, and garbage is collected between runs.
            names = list(contenders)
            order.shuffle(names)
            for name in names:
                run = contenders[name]
                gc.collect()
                time.sleep(SETTLE_SECONDS)
                w0, c0 = time.perf_counter(), time.process_time()
                parameters = run()
                cpu[name].append(time.process_time() - c0)
                wall[name].append(time.perf_counter() - w0)
                if isinstance(parameters, tuple):  # nnlib and the bare loop: and a curve
                    parameters, curves[name] = parameters
                final[name] = parameters
        losses = {name: training_loss(p, X, y, size.activation) for name, p in final.items()}
        if size.name == "a":
            losses["scikit-learn, same steps"] = training_loss(
                sklearn_same_steps(size, X, y, initial, dtype), X, y, size.activation
            )
    return {"cpu": cpu, "wall": wall, "losses": losses, "curves": curves}


def products_of_one_step(size: Size, dtype, repeats: int = 20):
    """Best time of one batch's matrix products alone, NumPy's BLAS against PyTorch's
    (one thread each), or None without torch: the floor under both trainers, since at
    size d the products are most of a step. Random matrices: the values do not matter."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    rng = np.random.default_rng(SEED)
    batch = size.n if size.batch is None else size.batch
    shapes = []  # (rows, inner, columns) of each product: forward, dW, and dX but the first
    for i, (n_in, n_out) in enumerate(zip(size.layers[:-1], size.layers[1:], strict=True)):
        shapes += [(batch, n_in, n_out), (n_in, batch, n_out)]
        if i > 0:
            shapes.append((batch, n_out, n_in))
    pairs = [
        (rng.random((r, k)).astype(dtype), rng.random((k, c)).astype(dtype)) for r, k, c in shapes
    ]
    as_torch = [(torch.from_numpy(a), torch.from_numpy(b)) for a, b in pairs]
    best = {}
    limit, _ = every_blas_on_one_thread()
    with limit:
        for name, matrices in (("NumPy", pairs), ("PyTorch", as_torch)):
            times = []
            for _ in range(repeats):
                start = time.process_time()
                for a, b in matrices:
                    a @ b
                times.append(time.process_time() - start)
            best[name] = min(times)
    return best


def report(size: Size, dtype, results: dict) -> list[tuple]:
    cpu, wall, losses = results["cpu"], results["wall"], results["losses"]
    nnlib = float(np.median(cpu["nnlib fit"]))
    batch = "full batch" if size.batch is None else f"batch {size.batch}"
    print(
        f"\nsize {size.name}: {'-'.join(map(str, size.layers))} {size.activation}, "
        f"{size.n:,} points, {batch}, {size.optimizer}, {size.epochs} epoch(s), "
        f"{np.dtype(dtype).name}"
    )
    print(
        f"  {'contender':<20}{'CPU s (median)':>15}{'spread':>17}{'wall s':>9}"
        f"{'nnlib / it':>12}{'final loss':>12}"
    )
    ratios = []
    for name in cpu:
        median = float(np.median(cpu[name]))
        spread = f"{min(cpu[name]):.3f}-{max(cpu[name]):.3f}"
        ratio = nnlib / median
        ratios.append((size.name, np.dtype(dtype).name, name, ratio))
        print(
            f"  {name:<20}{median:>15.4f}{spread:>17}{float(np.median(wall[name])):>9.3f}"
            f"{ratio:>12.2f}{losses[name]:>12.5f}"
        )
    same = [n for n in losses if n.startswith("bare") or n.startswith("PyTorch") or "same" in n]
    tolerance = 1e-6 if dtype == np.float64 else 1e-3
    for name in same:
        difference = abs(losses[name] - losses["nnlib fit"]) / max(losses["nnlib fit"], 1e-12)
        verdict = "same" if difference <= tolerance else "DIFFERENT"
        print(f"  same maths, same steps: {name} loss differs by {difference:.1e} ({verdict})")
    # nnlib's History against the bare loop's record of the same batches
    ours, theirs = (np.array(results["curves"][name]) for name in ("nnlib fit", "bare NumPy"))
    difference = float(np.max(np.abs(ours - theirs) / np.maximum(np.abs(ours), 1e-12)))
    verdict = "same" if difference <= tolerance else "DIFFERENT"
    print(
        f"  History (mean batch loss, accuracy): bare NumPy differs by {difference:.1e} ({verdict})"
    )
    products = products_of_one_step(size, dtype)
    if products is not None:
        print(
            f"  one batch's matrix products alone (1 thread): NumPy's BLAS "
            f"{products['NumPy'] * 1e3:.3f} ms, PyTorch's {products['PyTorch'] * 1e3:.3f} ms "
            f"(NumPy / PyTorch = {products['NumPy'] / products['PyTorch']:.2f})"
        )
    return ratios


def check_targets(ratios: list[tuple]) -> None:
    print("\nTargets")
    for size, dtype, name, ratio in ratios:
        if name == "bare NumPy":
            goal = 1.1
        elif dtype == "float64" and name in ("PyTorch 1 thread", "scikit-learn fit"):
            goal = 1.0
        elif size == "d" and dtype == "float32" and name == "PyTorch 1 thread":
            goal = 1.1
        else:
            continue
        verdict = "met" if ratio <= goal else "NOT met"
        print(f"  size {size} {dtype}: nnlib / {name} = {ratio:.2f} (<= {goal}: {verdict})")


def main(argv=None) -> list[tuple]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--sizes", default="abcd")
    # two PyTorch threads on a machine whose cores are busy spin for seconds: --torch 1
    parser.add_argument("--torch", default="1,2", help="PyTorch thread counts, e.g. 1,2")
    args = parser.parse_args(argv)
    ratios = []
    for key in args.sizes:
        for dtype in (np.float64, np.float32):
            size = SIZES[key]
            threads = [int(t) for t in args.torch.split(",") if t]
            ratios += report(size, dtype, measure(size, dtype, args.repeats, threads))
    check_targets(ratios)
    return ratios


if __name__ == "__main__":
    main()
