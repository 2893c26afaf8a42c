"""Cases for the browser twin of nnlib (book/js/nnlib), computed by nnlib at test time.

``build_cases()`` returns one JSON-ready dict. Every expected number in it comes from
nnlib run right now: data from ``nnlib.datasets`` (with features), initial weights
from ``Network(seed=...)``, then nnlib's own forward/backward passes, losses,
optimizers and ``Trainer.step``/``Trainer.run`` on batch orders drawn here. The
JavaScript side (tests/js/twin.test.mjs) reads the same inputs, replays them with the
twin and compares every recorded number. Nothing expected is typed by hand.

Sections:

* ``activations``  value, derivative and backward of every activation on a grid of z
  that includes large |z| (+-1000) and the branch points of the erf approximation;
* ``losses``       value and gradient of each loss, from logits and from probabilities;
* ``passes``       one forward and one backward pass through a network;
* ``optimizers``   parameters after each of several SGD / Momentum / Adam updates;
* ``features``, ``curves``, ``splits``  add_features, regression_curve, split sizes;
* ``training``     every activation x loss x regularization x batch size: loss after
  every step, final weights, and probabilities (or outputs) on a grid;
* ``runs``         ``Trainer.run`` epoch by epoch with test data: the whole history;
* ``divergence``   two runs that blow up (one rule each), and where nnlib says so;
* ``datasets``     nnlib's class counts and per-class statistics of every data set.
* ``figures``      the figure tests' cases (tests/figure_cases.py): component settings
  and what nnlib says five figures must show (tests/js/figures.test.mjs).
"""

from __future__ import annotations

import copy
import itertools

import numpy as np
from figure_cases import figure_cases

from nnlib.activations import get_activation
from nnlib.datasets import (
    DATASET_NAMES,
    FEATURES,
    REGRESSION_FUNCTIONS,
    add_features,
    logic_gate,
    make_dataset,
    regression_1d,
    regression_curve,
    train_test_split,
)
from nnlib.losses import get_loss
from nnlib.network import Network
from nnlib.neurons import Perceptron
from nnlib.optimizers import get_optimizer
from nnlib.training import Trainer, TrainingDiverged

# float64 on both sides: only the order of additions inside matrix products (BLAS)
# and sums (NumPy's pairwise summation) differs, by ~1e-16 per operation.
RELATIVE_TOLERANCE = 1e-9

# The playground's activations, with a non-default alpha where there is one, so that
# the twin is seen to use it.
ACTIVATIONS = {
    "linear": {},
    "sigmoid": {},
    "tanh": {},
    "relu": {},
    "leaky_relu": {"alpha": 0.1},
    "elu": {"alpha": 0.8},
    "gelu": {},
    "silu": {},
}

# What the network ends in and what it is compared with. The three squared-error kinds
# are the playground's (probabilities against 0/1 or one-hot targets) and plain
# regression on a 1-D curve.
LOSS_KINDS = {
    "bce_logits": {"loss": "binary_cross_entropy", "output": "linear", "classes": 2},
    "softmax_ce": {"loss": "cross_entropy", "output": "linear", "classes": 3},
    "mse_sigmoid": {"loss": "mse", "output": "sigmoid", "classes": 2},
    "mse_softmax": {"loss": "mse", "output": "softmax", "classes": 3},
    "mse_regression": {"loss": "mse", "output": "linear", "classes": None},
}
# The cross-entropies after a sigmoid or softmax output layer (probabilities, not
# logits): nnlib's Trainer then picks the probability form of the loss. Run cases only.
PROBABILITY_KINDS = {
    "bce_probabilities": {"loss": "binary_cross_entropy", "output": "sigmoid", "classes": 2},
    "softmax_ce_probabilities": {"loss": "cross_entropy", "output": "softmax", "classes": 3},
}
REGULARIZATIONS = {"none": (0.0, 0.0), "l1": (0.01, 0.0), "l2": (0.0, 0.03)}
N_TRAIN = 30
# batch size -> epochs, so that every case takes at least 60 steps
BATCHES = {1: 2, 6: 12, None: 60}
TWO_CLASS_SETS = ("circle", "xor", "gaussian", "spiral", "moons")
FEATURE_SETS = (
    ("x1", "x2"),
    FEATURES,
    ("x1^2", "x2^2", "x1*x2"),
    ("x1", "x2", "sin(x1)", "sin(x2)"),
)
GRID_TICKS = np.linspace(-1.5, 1.5, 15)


def rows(array) -> list:
    return np.asarray(array, dtype=np.float64).tolist()


def parameters_of(network: Network) -> list:
    return [p.tolist() for p in network.parameters()]


def _z_grid() -> np.ndarray:
    branch_points = [0.46875, 4.0, 27.3, 30.0]  # where erf switches formula or clips
    near = [x * s for x in branch_points for s in (1 - 1e-9, 1.0, 1 + 1e-9)]
    large = [5.0, 10.0, 20.0, 36.0, 50.0, 100.0, 700.0, 710.0, 800.0, 1000.0]
    small = [0.0, 1e-300, 1e-12, 1e-8, 1e-4]
    magnitudes = sorted(set(near + large + small + list(np.linspace(0, 6, 49))))
    return np.array(sorted(set([-m for m in magnitudes] + magnitudes)))


def activation_cases(rng) -> list:
    z = _z_grid()
    gradient = rng.normal(size=z.shape)
    cases = []
    for name, params in ACTIVATIONS.items():
        activation = get_activation(name, **params)
        value = np.asarray(activation(z), dtype=np.float64)
        cases.append(
            {
                "name": name,
                "params": params,
                "z": rows(z),
                "value": rows(value),
                "derivative": rows(activation.derivative(z)),
                "gradient": rows(gradient),
                "backward": rows(activation.backward(z, value, gradient)),
            }
        )
    return cases


def loss_cases(rng) -> list:
    n = 7
    logits_1 = rng.normal(0, 3, size=(n, 1))
    logits_1[:2, 0] = [800.0, -800.0]  # far beyond where sigmoid rounds to 0 or 1
    labels_2 = rng.integers(0, 2, size=n)
    logits_3 = rng.normal(0, 3, size=(n, 3))
    logits_3[0] = [900.0, -900.0, 0.0]
    labels_3 = rng.integers(0, 3, size=n)
    soft = rng.dirichlet(np.ones(3), size=n)
    probabilities_1 = rng.uniform(0.0, 1.0, size=(n, 1))
    probabilities_1[0, 0] = 0.0  # clipped at PROBABILITY_EPSILON
    probabilities_3 = rng.dirichlet(np.ones(3), size=n)
    column = labels_2.reshape(-1, 1).astype(np.float64)
    one_hot = np.eye(3)[labels_3]
    specs = [
        ("mse", {}, rng.normal(size=(n, 2)), rng.normal(size=(n, 2))),
        ("binary_cross_entropy", {"from_logits": True}, logits_1, column),
        ("binary_cross_entropy", {"from_logits": False}, probabilities_1, column),
        ("cross_entropy", {"from_logits": True}, logits_3, one_hot),
        ("cross_entropy", {"from_logits": True}, logits_3, soft),
        ("cross_entropy", {"from_logits": False}, probabilities_3, one_hot),
    ]
    cases = []
    for name, params, output, target in specs:
        loss = get_loss(name, **params)
        value, gradient = loss.value_and_gradient(output, target)
        cases.append(
            {
                "name": name,
                "fromLogits": params.get("from_logits", True),
                "output": rows(output),
                "target": rows(target),
                "value": float(value),
                "gradient": rows(gradient),
            }
        )
    # integer labels instead of one-hot rows give the same numbers
    cases.append({**cases[3], "labels": labels_3.tolist()})
    return cases


def pass_cases(rng) -> list:
    cases = []
    for (name, params), spec in itertools.product(ACTIVATIONS.items(), LOSS_KINDS.values()):
        n_out = 3 if spec["classes"] == 3 else 1
        sizes = [3, 6, 5, n_out]
        network = Network(
            sizes,
            activation=get_activation(name, **params),
            output_activation=spec["output"],
            seed=7,
        )
        X = rng.normal(0, 1.5, size=(9, 3))
        d_output = rng.normal(size=(9, n_out))
        initial = parameters_of(network)
        output = network.forward(X)
        dX = network.backward(d_output)
        cases.append(
            {
                "activation": name,
                "params": params,
                "outputActivation": spec["output"],
                "layerSizes": sizes,
                "parameters": initial,
                "X": rows(X),
                "output": rows(output),
                "hidden": [rows(A) for A in network.hidden_activations(X)],
                "dOutput": rows(d_output),
                "gradients": [g.tolist() for g in network.gradients()],
                "dX": rows(dX),
                "predictProba": rows(network.predict_proba(X)),
                "predict": network.predict(X).tolist(),
                "deadUnits": network.dead_units(X),
            }
        )
    return cases


def optimizer_cases(rng) -> list:
    shapes = [(3, 2), (2,)]
    specs = [
        ("sgd", {"learning_rate": 0.1}),
        ("momentum", {"learning_rate": 0.05, "momentum": 0.8}),
        ("adam", {"learning_rate": 0.01}),
        ("adam", {"learning_rate": 0.02, "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-6}),
    ]
    cases = []
    for name, options in specs:
        optimizer = get_optimizer(name, **options)
        parameters = [rng.normal(size=shape) for shape in shapes]
        initial = [p.ravel().tolist() for p in parameters]
        gradient_steps, after = [], []
        for _ in range(6):
            gradients = [rng.normal(size=shape) for shape in shapes]
            optimizer.step(parameters, gradients)
            gradient_steps.append([g.ravel().tolist() for g in gradients])
            after.append([p.ravel().tolist() for p in parameters])
        cases.append(
            {
                "name": name,
                "options": {_camel(key): value for key, value in options.items()},
                "parameters": initial,
                "gradients": gradient_steps,
                "after": after,
            }
        )
    return cases


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def feature_and_curve_cases(rng) -> dict:
    X = rng.uniform(-3, 3, size=(25, 2))
    x = np.linspace(-1.2, 1.2, 49)
    splits = [
        {
            "n": n,
            "testFraction": f,
            "nTest": len(train_test_split(np.zeros((n, 1)), np.zeros(n), f)[1]),
        }
        for n, f in [(5, 0.5), (7, 0.5), (10, 0.25), (200, 0.3), (9, 0.5), (3, 0.5)]
    ]
    return {
        "features": {
            "X": rows(X),
            "names": list(FEATURES),
            "result": rows(add_features(X, FEATURES)),
        },
        "curves": [
            {"function": f, "x": rows(x), "y": rows(regression_curve(f, x))}
            for f in REGRESSION_FUNCTIONS
        ],
        "splits": splits,
    }


def _data(kind: str, spec: dict, features, seed: int):
    """Inputs X, targets T in the loss's shape, labels (or None) and the grid's inputs."""
    if spec["classes"] is None:
        X, y = regression_1d(N_TRAIN, function="wavy", noise=0.1, seed=seed)
        grid = np.linspace(-1.1, 1.1, 41).reshape(-1, 1)
        return X, y, None, grid
    name = "spiral3" if spec["classes"] == 3 else TWO_CLASS_SETS[seed % len(TWO_CLASS_SETS)]
    points, labels = make_dataset(name, n=N_TRAIN, seed=seed)
    x1, x2 = np.meshgrid(GRID_TICKS, GRID_TICKS[::-1])
    grid = add_features(np.column_stack([x1.ravel(), x2.ravel()]), features)
    X = add_features(points, features)
    T = np.eye(3)[labels] if spec["classes"] == 3 else labels.reshape(-1, 1).astype(np.float64)
    return X, T, labels, grid


def _network(activation_name, kind, n_inputs, seed, hidden=(5, 4)):
    spec = {**LOSS_KINDS, **PROBABILITY_KINDS}[kind]
    n_out = 3 if spec["classes"] == 3 else 1
    activation = get_activation(activation_name, **ACTIVATIONS[activation_name])
    return Network(
        [n_inputs, *hidden, n_out],
        activation=activation,
        output_activation=spec["output"],
        seed=seed,
    )


def _grid_result(network, kind, grid):
    if LOSS_KINDS[kind]["classes"] is None:
        return rows(network.forward(grid)), None
    return rows(network.predict_proba(grid)), network.predict(grid).tolist()


def training_case(
    case_id, activation, kind, regularization, batch_size, optimizer="sgd", options=None
):
    spec = LOSS_KINDS[kind]
    seed = case_id
    features = FEATURE_SETS[case_id % len(FEATURE_SETS)]
    X, T, labels, grid = _data(kind, spec, features, seed)
    network = _network(activation, kind, X.shape[1], seed)
    initial = parameters_of(network)
    l1, l2 = REGULARIZATIONS[regularization]
    options = options or {"learning_rate": 0.1}
    # nnlib's Trainer takes labels for the cross-entropies and targets for squared
    # error; step() takes the targets in the loss's shape (T) for all of them.
    y = T if spec["loss"] == "mse" else labels
    trainer = Trainer(
        network,
        X,
        y,
        loss=spec["loss"],
        optimizer=get_optimizer(optimizer, **options),
        batch_size=batch_size,
        l1=l1,
        l2=l2,
    )
    order_rng = np.random.default_rng(1000 + case_id)
    orders, losses = [], []
    for _ in range(BATCHES[batch_size]):
        if batch_size is None:
            batches = [(X, T)]
        else:
            order = order_rng.permutation(len(X))
            orders.append(order.tolist())
            Xo, To = X[order], T[order]
            batches = [
                (Xo[s : s + batch_size], To[s : s + batch_size])
                for s in range(0, len(X), batch_size)
            ]
        for X_batch, T_batch in batches:
            trainer.step(X_batch, T_batch)
            losses.append(trainer.objective())
    grid_output, grid_labels = _grid_result(network, kind, grid)
    return {
        "id": case_id,
        "activation": activation,
        "params": ACTIVATIONS[activation],
        "kind": kind,
        "loss": spec["loss"],
        "outputActivation": spec["output"],
        "layerSizes": list(network.layer_sizes),
        "regularization": regularization,
        "l1": l1,
        "l2": l2,
        "batchSize": batch_size,
        "optimizer": optimizer,
        "options": {_camel(key): value for key, value in options.items()},
        "features": list(features),
        "X": rows(X),
        "T": rows(T),
        "parameters": initial,
        "orders": orders,
        "epochs": BATCHES[batch_size],
        "objective": losses,
        "finalParameters": parameters_of(network),
        "grid": rows(grid),
        "gridOutput": grid_output,
        "gridLabels": grid_labels,
    }


def training_cases() -> list:
    cases = []
    grid = itertools.product(ACTIVATIONS, LOSS_KINDS, REGULARIZATIONS, BATCHES)
    for case_id, (activation, kind, regularization, batch) in enumerate(grid):
        cases.append(training_case(case_id, activation, kind, regularization, batch))
    # The other optimizers, on every activation, mid-size batches.
    others = [
        ("momentum", {"learning_rate": 0.05, "momentum": 0.9}),
        ("adam", {"learning_rate": 0.01}),
    ]
    for (optimizer, options), activation in itertools.product(others, ACTIVATIONS):
        kind = "bce_logits" if optimizer == "momentum" else "softmax_ce"
        cases.append(training_case(len(cases), activation, kind, "l2", 6, optimizer, options))
    return cases


def _history(history) -> dict:
    return {
        "epochs": history.epochs,
        "trainLoss": history.train_loss,
        "trainAccuracy": history.train_accuracy,
        "testLoss": history.test_loss,
        "testAccuracy": history.test_accuracy,
        "penalty": history.penalty,
    }


def run_cases() -> list:
    """Trainer.run with test data: the orders are those nnlib's own generator draws."""
    cases = []
    kinds = {**LOSS_KINDS, **PROBABILITY_KINDS}
    # the playground's extremes too: no hidden layer, and six hidden layers of eight
    hidden_choices = ((5, 4), (), (8,) * 6)
    grid = itertools.product(kinds, (5, None), hidden_choices)
    for case_id, (kind, batch_size, hidden) in enumerate(grid):
        spec = kinds[kind]
        features = ("x1", "x2", "x1*x2")
        X, T, labels, _ = _data(kind, spec, features, 500 + case_id)
        y = T if spec["loss"] == "mse" else labels  # as in training_case
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_fraction=0.3, seed=case_id)
        network = _network("tanh", kind, X.shape[1], case_id, hidden)
        initial = parameters_of(network)
        trainer = Trainer(
            network,
            X_train,
            y_train,
            X_test,
            y_test,
            loss=spec["loss"],
            learning_rate=0.2,
            batch_size=batch_size,
            l2=0.01,
            seed=case_id,
            # the twin records the loss after each epoch, nnlib's exact figure
            evaluate_train_every=1,
        )
        epochs = 15
        shadow = copy.deepcopy(trainer.rng)  # draws the same permutations run() will
        orders = (
            [shadow.permutation(len(X_train)).tolist() for _ in range(epochs)] if batch_size else []
        )
        trainer.run(epochs)
        cases.append(
            {
                "kind": kind,
                "loss": spec["loss"],
                "outputActivation": spec["output"],
                "layerSizes": list(network.layer_sizes),
                "batchSize": batch_size,
                "learningRate": 0.2,
                "l2": 0.01,
                "XTrain": rows(X_train),
                "yTrain": rows(y_train) if spec["loss"] == "mse" else y_train.tolist(),
                "XTest": rows(X_test),
                "yTest": rows(y_test) if spec["loss"] == "mse" else y_test.tolist(),
                "parameters": initial,
                "orders": orders,
                "history": _history(trainer.history),
                "finalParameters": parameters_of(network),
            }
        )
    return cases


def divergence_case(learning_rate: float) -> dict:
    """Regression with a learning rate far too large, and where nnlib says it diverged.

    A rate of 1 sends the loss far above its start for DIVERGED_PATIENCE epochs (the
    weights stay finite); a rate of 1000 overflows the loss to infinity.
    """
    X, y = regression_1d(30, function="sine", seed=3)
    network = Network([1, 8, 8, 1], activation="leaky_relu", seed=3)
    initial = parameters_of(network)
    trainer = Trainer(
        network,
        X,
        y,
        loss="mse",
        learning_rate=learning_rate,
        batch_size=None,
        evaluate_train_every=1,
    )
    last_good = parameters_of(network)
    for _ in range(200):
        try:
            trainer.run(1)
        except TrainingDiverged as error:
            return {
                "X": rows(X),
                "y": rows(y),
                "layerSizes": [1, 8, 8, 1],
                "learningRate": learning_rate,
                "parameters": initial,
                "divergedInEpoch": error.epoch,
                # the loss stopped being a number: nothing of that epoch is recorded
                "lossBroken": len(error.history) < error.epoch,
                "history": _history(error.history),
                "lastGoodParameters": last_good,
                "advice": str(error).split(":")[0],
            }
        last_good = parameters_of(network)
    raise AssertionError("the divergence case did not diverge; choose a larger learning rate")


def dataset_cases() -> list:
    """Per data set: nnlib's class counts, and statistics of clean and noisy points."""
    cases = []
    for name in DATASET_NAMES:
        counts = {
            n: np.bincount(make_dataset(name, n=n, seed=0)[1]).tolist() for n in (3, 7, 200, 201)
        }
        stats = {}
        for noise in (0.0, None):
            X, y = make_dataset(name, n=6000, noise=noise, seed=1)
            per_class = []
            for label in range(int(y.max()) + 1):
                points = X[y == label]
                radius = np.hypot(points[:, 0], points[:, 1])
                per_class.append(
                    {
                        "mean": points.mean(axis=0).tolist(),
                        "std": points.std(axis=0).tolist(),
                        "min": points.min(axis=0).tolist(),
                        "max": points.max(axis=0).tolist(),
                        "radiusMin": float(radius.min()),
                        "radiusMax": float(radius.max()),
                        "radiusMean": float(radius.mean()),
                        "radiusStd": float(radius.std()),
                        "count": len(points),
                    }
                )
            stats["clean" if noise == 0.0 else "default"] = per_class
        cases.append(
            {"name": name, "counts": {str(k): v for k, v in counts.items()}, "stats": stats}
        )
    X, y = regression_1d(6000, function="sine", noise=0.0, seed=1)
    cases.append(
        {
            "name": "regression1d",
            "min": float(X.min()),
            "max": float(X.max()),
            "mean": float(X.mean()),
            "std": float(X.std()),
        }
    )
    return cases


# ----------------------------------------------------------------------------------
# The twin's generator, written again in plain Python integers from the published
# algorithms (xoshiro128**: https://prng.di.unimi.it/xoshiro128starstar.c; the seeder:
# a 0x9e3779b9 counter through MurmurHash3's fmix32), so the JavaScript's 32-bit
# tricks (Math.imul, >>>, <<) are checked against arithmetic modulo 2^32.
# ----------------------------------------------------------------------------------

MASK32 = 0xFFFFFFFF


def _seed_words(seed: int) -> list[int]:
    high = (seed // 2**32) & MASK32  # floor division: Math.floor(seed / 2^32)
    state = ((seed & MASK32) ^ ((high * 0x27D4EB2F) & MASK32)) & MASK32
    words = []
    for _ in range(4):
        state = (state + 0x9E3779B9) & MASK32
        z = state
        z = ((z ^ (z >> 16)) * 0x85EBCA6B) & MASK32
        z = ((z ^ (z >> 13)) * 0xC2B2AE35) & MASK32
        words.append(z ^ (z >> 16))
    return words


def _rotl(x: int, k: int) -> int:
    return ((x << k) | (x >> (32 - k))) & MASK32


def xoshiro128starstar(seed: int, count: int) -> list[int]:
    s = _seed_words(seed)
    out = []
    for _ in range(count):
        out.append((_rotl((s[1] * 5) & MASK32, 7) * 9) & MASK32)
        t = (s[1] << 9) & MASK32
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 11)
    return out


def random_cases() -> list:
    cases = []
    for seed in (0, 1, 42, 2**31 - 1, 2**32 + 5, 2**40 + 3):
        words = xoshiro128starstar(seed, 40)
        # random(): 27 high bits of one word and 26 of the next, over 2^53
        floats = [
            ((a >> 5) * 2**26 + (b >> 6)) / 2**53
            for a, b in zip(words[::2], words[1::2], strict=True)
        ]
        cases.append({"seed": seed, "words": words, "floats": floats})
    return cases


def perceptron_cases() -> list:
    """Perceptron.fit on the logic gates and on random data, every visit recorded.

    The seeded start and the shuffled orders come from numpy, so the case carries them:
    the twin starts from ``initialWeights`` and shows the samples in ``orders``.
    """
    rng = np.random.default_rng(58)
    X3 = rng.normal(size=(20, 3))
    y3 = (X3 @ np.array([0.8, -0.5, 0.3]) + 0.2 >= 0).astype(int)
    runs = [
        (gate, *logic_gate(gate), rate, seed, None)
        for gate in ("and", "or", "nand", "xor")
        for rate, seed in ((1.0, None), (0.5, 3))
    ]
    runs.append(("random-3d", X3, y3, 0.1, 7, 11))
    cases = []
    for name, X, y, rate, seed, shuffle_seed in runs:
        result = Perceptron(X.shape[1], learning_rate=rate, seed=seed).fit(
            X, y, max_epochs=12, shuffle_seed=shuffle_seed
        )
        orders = [
            [u.sample_index for u in result.updates if u.epoch == e]
            for e in range(1, result.epochs_run + 1)
        ]
        cases.append(
            {
                "name": name,
                "X": rows(X),
                "y": [int(v) for v in y],
                "learningRate": rate,
                "maxEpochs": 12,
                "initialWeights": rows(result.initial_weights),
                "initialBias": result.initial_bias,
                "orders": orders,
                "errorsPerEpoch": result.errors_per_epoch,
                "convergedEpoch": result.converged_epoch,
                "updates": [
                    {
                        "weights": rows(u.weights),
                        "bias": u.bias,
                        "sampleIndex": u.sample_index,
                        "changed": bool(u.changed),
                        "epoch": u.epoch,
                        "prediction": u.prediction,
                        "target": u.target,
                    }
                    for u in result.updates
                ],
            }
        )
    return cases


def build_cases() -> dict:
    rng = np.random.default_rng(20261201)
    return {
        "tolerance": RELATIVE_TOLERANCE,
        "activations": activation_cases(rng),
        "losses": loss_cases(rng),
        "passes": pass_cases(rng),
        "optimizers": optimizer_cases(rng),
        **feature_and_curve_cases(rng),
        "training": training_cases(),
        "runs": run_cases(),
        "divergence": [divergence_case(1.0), divergence_case(1000.0)],
        "datasets": dataset_cases(),
        "random": random_cases(),
        "perceptron": perceptron_cases(),
        # the figure tests' cases (tests/figure_cases.py, tests/js/figures.test.mjs)
        "figures": figure_cases(),
    }
