"""The playground's engine: settings in, a trained network and numbers about it out.

``PlaygroundSettings`` says what to train (data set, features, layers, activation,
learning rate, batch size, penalty, loss, seed); ``Playground`` turns it into a data
set, a ``Network`` and a ``Trainer``, trains a few epochs per ``step(n_epochs)``, and
reports through ``state`` (a ``PlaygroundState``), ``decision_map()``,
``neuron_maps()`` and ``dead_units()``. Nothing it does raises at the reader: a
learning rate that blows the weights up, or settings that cannot work, become a
``state.message`` ("training diverged — lower the learning rate ...").

Plain NumPy and ``nnlib``: no ipywidgets, no matplotlib, no Pillow, so the engine runs
(and is tested) anywhere.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import math
import numbers
import time
from dataclasses import dataclass, field

import numpy as np

from nnbook.grids import grid_over
from nnlib.datasets import FEATURES, add_features, make_dataset, train_test_split
from nnlib.network import Network
from nnlib.training import DIVERGED_ADVICE, Trainer, TrainingDiverged, one_blas_thread

# ----------------------------------------------------------------------------------
# What can be chosen
# ----------------------------------------------------------------------------------

DATASETS = ("circle", "xor", "gaussian", "spiral", "moons", "spiral3")
DATASET_LABELS = {
    "circle": "circle",
    "xor": "XOR",
    "gaussian": "Gaussian blobs",
    "spiral": "spiral",
    "moons": "moons",
    "spiral3": "spiral, 3 classes",
}
FEATURE_LABELS = {
    "x1": "x1",
    "x2": "x2",
    "x1^2": "x1²",
    "x2^2": "x2²",
    "x1*x2": "x1·x2",
    "sin(x1)": "sin x1",
    "sin(x2)": "sin x2",
}
# The same list, in the same order, as the page's playground (book/js/playground/options.js).
ACTIVATIONS = ("linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "silu")
LOSSES = ("cross_entropy", "squared_error")
REGULARIZATIONS = ("none", "l1", "l2")
# The learning rates and penalty strengths of the TensorFlow Playground: roughly
# three per factor of ten, from "nothing happens" to "everything blows up".
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REGULARIZATION_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
BATCH_SIZES = (1, 2, 5, 10, 20, 30, 50, 100, None)  # None = the whole training set
LIMITS = {
    "noise": (0.0, 0.5),
    "test_fraction": (0.1, 0.9),
    "hidden_layers": (0, 6),
    "neurons": (1, 8),
}

# Grids: the decision map is drawn from DECISION_RESOLUTION^2 predictions, and every
# hidden unit gets a small NEURON_RESOLUTION^2 map of its own output.
DECISION_RESOLUTION = 100
MAX_RESOLUTION = 1000  # a million grid points: more would only cost memory
# More points than this would make every epoch too slow to watch.
MAX_SAMPLES = 10_000
# Likewise for a network wider or deeper than this (the page offers up to 6 x 8).
MAX_WIDTH = 1000
MAX_HIDDEN_LAYERS = 100
NEURON_RESOLUTION = 24


# A loss this many times its value at epoch 0 counts as diverged even while finite.
EXPLODED_FACTOR = 10


@dataclass(frozen=True)
class PlaygroundSettings:
    """Everything that defines one playground run. Change a field, get a new run.

    ``hidden_sizes`` lists the width of each hidden layer: ``()`` is no hidden layer
    (a linear classifier), ``(4,)`` one layer of four units, ``(8, 8, 8)`` three of
    eight. ``test_fraction`` of the ``n_samples`` points is held out for testing.
    ``batch_size=None`` trains on the whole training set at once. ``regularization``
    is "none", "l1" or "l2", with strength ``regularization_rate``. ``loss`` is
    "cross_entropy" (logits + sigmoid/softmax inside the loss) or "squared_error"
    (squared distance between the predicted probabilities and the one-hot targets).
    """

    dataset: str = "circle"
    noise: float = 0.1
    n_samples: int = 500
    test_fraction: float = 0.5
    features: tuple[str, ...] = ("x1", "x2")
    hidden_sizes: tuple[int, ...] = (4,)
    activation: str = "relu"
    learning_rate: float = 0.03
    batch_size: int | None = 10
    regularization: str = "none"
    regularization_rate: float = 0.0
    loss: str = "cross_entropy"
    seed: int = 0

    def replace(self, **changes) -> PlaygroundSettings:
        """A copy with some fields changed (lists become tuples, so copies stay hashable)."""
        for name in ("features", "hidden_sizes"):
            if name in changes and not isinstance(changes[name], tuple):
                value = changes[name]
                if isinstance(value, (str, numbers.Integral)):
                    changes[name] = (value,)
                elif isinstance(value, list) or (isinstance(value, np.ndarray) and value.ndim):
                    changes[name] = tuple(value)
                # anything else (a 0-d array too) stays as given, for problems() to name
        unknown = sorted(set(changes) - {f.name for f in dataclasses.fields(self)})
        if unknown:
            known = ", ".join(f.name for f in dataclasses.fields(self))
            raise ValueError(f"unknown playground setting {unknown[0]!r}; known: {known}")
        return dataclasses.replace(self, **changes)

    @property
    def n_classes(self) -> int:
        return 3 if self.dataset == "spiral3" else 2

    def problems(self) -> list[str]:
        """Reasons these settings cannot train, in plain words ([] when they can)."""
        found = []

        def one_of(value, known, what):
            if not isinstance(value, str) or value not in known:
                found.append(
                    f"unknown {what} {value!r}; choose one of {', '.join(map(str, known))}"
                )

        one_of(self.dataset, DATASETS, "data set")
        one_of(self.activation, ACTIVATIONS, "activation")
        one_of(self.loss, LOSSES, "loss")
        one_of(self.regularization, REGULARIZATIONS, "regularization")
        if not isinstance(self.features, tuple):
            found.append(f"the input features must be a list of names; got {self.features!r}")
        elif not self.features:
            found.append("no input feature is switched on; choose at least one (e.g. x1 and x2)")
        else:
            for feature in self.features:
                one_of(feature, FEATURES, "input feature")
            if len(set(map(repr, self.features))) != len(self.features):
                found.append("an input feature is listed twice; list each feature once")
        if not isinstance(self.hidden_sizes, tuple):
            found.append(
                f"the hidden layer sizes must be a list of widths; got {self.hidden_sizes!r}"
            )
        elif not all(is_whole(width, at_least=1) for width in self.hidden_sizes):
            found.append(f"every hidden layer needs at least one unit; got {self.hidden_sizes}")
        elif len(self.hidden_sizes) > MAX_HIDDEN_LAYERS or max(self.hidden_sizes, default=1) > (
            MAX_WIDTH
        ):
            found.append(
                f"a hidden layer may have at most {MAX_WIDTH} units and the network at most "
                f"{MAX_HIDDEN_LAYERS} of them (more would be too slow to watch); got "
                f"{len(self.hidden_sizes)}, the widest {max(self.hidden_sizes)}"
            )
        if not is_number(self.learning_rate) or not self.learning_rate > 0:
            found.append(f"the learning rate must be a number > 0; got {self.learning_rate!r}")
        if not is_number(self.noise) or self.noise < 0:
            found.append(f"noise must be a number >= 0; got {self.noise!r}")
        if not is_number(self.regularization_rate) or self.regularization_rate < 0:
            found.append(f"the regularization rate must be >= 0; got {self.regularization_rate!r}")
        if not is_number(self.test_fraction) or not 0 < self.test_fraction < 1:
            found.append(f"the test fraction must lie between 0 and 1; got {self.test_fraction!r}")
        if not is_whole(self.n_samples, at_least=2) or self.n_samples > MAX_SAMPLES:
            found.append(
                f"n_samples (the number of points) must be a whole number from 2 to "
                f"{MAX_SAMPLES}; got {self.n_samples!r}"
            )
        if not is_whole(self.seed, at_least=0):
            found.append(
                f"the seed must be a whole number >= 0 (it picks the data and the first "
                f"weights); got {self.seed!r}"
            )
        if self.batch_size is not None and not is_whole(self.batch_size, at_least=1):
            found.append(
                f"the batch size must be a whole number >= 1 (or None); got {self.batch_size!r}"
            )
        return found

    def describe(self) -> str:
        """One line, e.g. "circle · 2→4→1 · relu · lr 0.03 · batch 10" (layer widths
        from the inputs to the outputs)."""
        widths = [str(len(self.features))] + [str(w) for w in self.hidden_sizes]
        widths.append("3" if self.n_classes == 3 else "1")
        penalty = (
            f" · {self.regularization.upper()} {self.regularization_rate:g}"
            if self.regularization != "none" and self.regularization_rate > 0
            else ""
        )
        batch = "all" if self.batch_size is None else str(self.batch_size)
        return (
            f"{DATASET_LABELS.get(self.dataset, self.dataset)} · {'→'.join(widths)} · "
            f"{self.activation} · lr {self.learning_rate:g} · batch {batch}{penalty}"
        )


def is_number(value) -> bool:
    """A real, finite number (not a bool): what every numeric setting must be."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def is_whole(value, at_least: int) -> bool:
    """A whole number (not a bool, not 2.0) of at least ``at_least``."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= at_least


@dataclass
class PlaygroundState:
    """A snapshot of a run, for a view to print.

    ``status`` is "ready" (not trained yet), "training" (has trained, can go on),
    "diverged" (the weights blew up; the picture shows the last good epoch) or
    "invalid" (the settings cannot train). ``message`` says what happened and what to
    do; it is "" while all is well, and can warn while training goes on (a layer of
    dead units). Losses are the data loss without the L1/L2 penalty, so train and
    test compare; the histories start at epoch 0 (entry ``e`` is the loss after ``e``
    epochs). Numbers are None when the settings are invalid.
    """

    epoch: int = 0
    status: str = "ready"
    message: str = ""
    train_loss: float | None = None
    test_loss: float | None = None
    train_accuracy: float | None = None
    test_accuracy: float | None = None
    dead_units: int | None = None
    hidden_units: int = 0
    train_loss_history: list = field(default_factory=list)
    test_loss_history: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status in ("ready", "training")

    def summary(self) -> str:
        """'epoch 120 · loss 0.123 / 0.150 · accuracy 95.0% / 93.0%' (train / test)."""
        if self.status == "invalid":
            return self.message
        return (
            f"epoch {self.epoch} · loss {loss_text(self.train_loss)} / "
            f"{loss_text(self.test_loss)} · accuracy {percent_text(self.train_accuracy)} / "
            f"{percent_text(self.test_accuracy)}"
        )


def loss_text(value) -> str:
    """A loss as the playground prints it: three decimals, or a dash when there is none."""
    return f"{value:.3f}" if is_number(value) else "—"


def percent_text(value) -> str:
    """An accuracy in [0, 1] as a percentage with one decimal, or a dash."""
    return f"{100 * value:.1f}%" if is_number(value) else "—"


# ----------------------------------------------------------------------------------
# The engine
# ----------------------------------------------------------------------------------


_DATA_VERSIONS = itertools.count(1)


class Playground:
    """Train one small classifier on one 2-D toy problem, a few epochs at a time.

    >>> engine = Playground(dataset="circle", hidden_sizes=(4,), activation="relu")
    >>> engine.step(50)                # train 50 more epochs; returns how many ran
    50
    >>> engine.state.epoch
    50
    >>> engine.decision_map().shape   # P(class 1) on a 100 x 100 grid over the data
    (100, 100)

    Keyword arguments are ``PlaygroundSettings`` fields. ``configure(**changes)``
    changes settings and starts over; ``reset()`` starts over with the same ones (same
    seed, so the same data and the same initial weights).
    """

    def __init__(self, settings: PlaygroundSettings | None = None, **changes):
        self.settings = (settings or PlaygroundSettings()).replace(**changes)
        self.reset()

    # -- building -------------------------------------------------------------------

    def configure(self, **changes) -> PlaygroundState:
        """Change some settings (``PlaygroundSettings`` field names) and start over."""
        self.settings = self.settings.replace(**changes)
        return self.reset()

    def reset(self) -> PlaygroundState:
        """Fresh data, fresh weights (both from ``settings.seed``), epoch 0."""
        self.data_version = next(_DATA_VERSIONS)  # unique across engines (picture caches)
        self.network = None
        self.trainer = None
        self._status = "ready"
        self._message = ""
        self._epoch = 0
        self._history_length = 0
        self._dead_units = None
        self._dead_mask = []
        self._train_accuracy = self._test_accuracy = None
        self._grids = {}
        self.X_train = self.X_test = np.zeros((0, 2))
        self.y_train = self.y_test = np.zeros(0, dtype=np.int64)
        self.extent = 1.5
        try:
            # The data first: even when the network settings cannot work, the reader
            # still sees the points.
            problems = self.settings.problems()
            try:
                self._make_data()
            except ValueError:
                if not problems:
                    raise
                # The problems below name the playground's settings; nnlib's error
                # names its own arguments (n, seed), which the reader never typed.
            if problems:
                raise ValueError("; ".join(problems))
            self._build()
        except ValueError as error:  # nnlib's checks explain themselves
            self.network = self.trainer = None
            self._status = "invalid"
            self._message = f"cannot train with these settings: {error}"
        return self.state

    def _make_data(self) -> None:
        s = self.settings
        X, y = make_dataset(s.dataset, n=s.n_samples, noise=s.noise, seed=s.seed)
        X_train, X_test, y_train, y_test = train_test_split(
            X, y, test_fraction=s.test_fraction, seed=s.seed
        )
        self.X_train, self.X_test, self.y_train, self.y_test = X_train, X_test, y_train, y_test
        # A square view centred on the origin that holds every point, so the pixels
        # of the decision map are square and the picture does not jump between runs
        # of the same data set.
        self.extent = math.ceil(2.2 * float(np.abs(X).max())) / 2

    def _build(self) -> None:
        s = self.settings
        self._inputs_train = add_features(self.X_train, s.features)
        self._inputs_test = add_features(self.X_test, s.features)

        n_outputs = 3 if s.n_classes == 3 else 1
        # Cross-entropy reads logits; squared error compares probabilities with the
        # one-hot targets, so there the network itself ends in a sigmoid or softmax.
        if s.loss == "cross_entropy":
            output_activation, loss = "linear", "auto"
            targets_train, targets_test = self.y_train, self.y_test
        else:
            output_activation = "softmax" if n_outputs > 1 else "sigmoid"
            loss = "mse"
            targets_train = _one_hot(self.y_train, n_outputs)
            targets_test = _one_hot(self.y_test, n_outputs)
        self.network = Network(
            [len(s.features), *s.hidden_sizes, n_outputs],
            activation=s.activation,
            output_activation=output_activation,
            seed=s.seed,
        )
        batch_size = s.batch_size
        if batch_size is not None and batch_size >= len(self.X_train):
            batch_size = None  # a batch cannot be larger than the training set
        penalty = s.regularization_rate if s.regularization != "none" else 0.0
        self.trainer = Trainer(
            self.network,
            self._inputs_train,
            targets_train,
            self._inputs_test,
            targets_test,
            loss=loss,
            optimizer="sgd",
            learning_rate=s.learning_rate,
            batch_size=batch_size,
            l1=penalty if s.regularization == "l1" else 0.0,
            l2=penalty if s.regularization == "l2" else 0.0,
            seed=s.seed,
        )
        # The losses before any training, so every curve starts at epoch 0.
        with _quiet():
            self._initial_losses = (
                self.trainer.evaluate(self._inputs_train, targets_train)[0],
                self.trainer.evaluate(self._inputs_test, targets_test)[0],
            )
        self._update_metrics()

    # -- training -------------------------------------------------------------------

    @property
    def can_train(self) -> bool:
        return self._status in ("ready", "training")

    def step(self, n_epochs: int = 1, time_budget: float | None = None) -> int:
        """Train up to ``n_epochs`` more epochs; return how many were trained.

        With ``time_budget`` (seconds) training stops after the first epoch that ends
        past the budget, so a view stays responsive even with batch size 1 on a deep
        network. Nothing happens (0 is returned) once the run has diverged or when the
        settings are invalid; ``state.message`` says why.
        """
        if not is_whole(n_epochs, at_least=0):
            raise ValueError(f"n_epochs must be a whole number >= 0; got {n_epochs!r}")
        if time_budget is not None and not (is_number(time_budget) and time_budget > 0):
            raise ValueError(
                f"time_budget must be a number of seconds > 0, or None; got {time_budget!r}"
            )
        if not self.can_train or n_epochs == 0:
            return 0
        started = time.perf_counter()
        done = 0
        # One epoch per Trainer.run call: a snapshot before each one lets a run that
        # blows up go back to its last good epoch, and a time budget can stop between
        # any two epochs. (A call costs microseconds; an epoch, at least a forward and
        # backward pass over the data.)
        while done < n_epochs:
            saved = self.network.copy_parameters()
            try:
                with _quiet():
                    self.trainer.run(1)
                problem = self._blown_up()
            except TrainingDiverged as error:
                problem = error.reason or "the loss became infinite or NaN"
            except (ValueError, FloatingPointError, OverflowError) as error:
                self.network.set_parameters(saved)
                self._status = "invalid"
                self._message = f"training stopped: {error}"
                break
            if problem:
                # Show the last good weights, not the wreck.
                self.network.set_parameters(saved)
                self._status = "diverged"
                self._message = (
                    f"{DIVERGED_ADVICE}: {problem} in epoch {self._epoch + 1} with learning "
                    f"rate {self.settings.learning_rate:g}. Choose a smaller one (that starts "
                    "over), or press Reset to watch it again."
                )
                break
            done += 1
            self._epoch += 1
            self._history_length = len(self.trainer.history.train_loss)
            self._status = "training"
            if time_budget is not None and time.perf_counter() - started >= time_budget:
                break
        self._update_metrics()
        return done

    def _blown_up(self) -> str:
        """Why the latest epoch counts as diverged ("" if it does not).

        Not only NaN or infinity: a loss far above where it started means the steps
        overshoot so badly that the units saturate (tanh, sigmoid) and training cannot
        recover, even though every number is still finite.
        """
        history = self.trainer.history
        latest = history.train_loss[self._history_length :]
        if not all(math.isfinite(value) for value in latest):
            return "the loss became infinite or NaN"
        if not all(np.all(np.isfinite(p)) for p in self.network.parameters()):
            return "the weights became infinite or NaN"
        start = self._initial_losses[0]
        if latest and latest[-1] > EXPLODED_FACTOR * max(start, 0.1):
            return (
                f"the loss grew from {start:.3g} to {latest[-1]:.3g}, more than "
                f"{EXPLODED_FACTOR} times where it started"
            )
        return ""

    def _update_metrics(self) -> None:
        network = self.network
        with _quiet():
            self._train_accuracy = float(
                np.mean(network.predict(self._inputs_train) == self.y_train)
            )
            self._test_accuracy = float(np.mean(network.predict(self._inputs_test) == self.y_test))
            # Dead = outputs exactly 0 for every training point.
            self._dead_mask = network.dead_unit_mask(self._inputs_train)
        dead = [int(mask.sum()) for mask in self._dead_mask]
        self._dead_units = int(sum(dead))
        if self.can_train:
            # A layer whose units are all dead passes no gradient down: the run is stuck
            # for good. Worth saying, though it is not an error.
            stuck = [
                i + 1
                for i, (n, width) in enumerate(zip(dead, self.settings.hidden_sizes, strict=True))
                if n == width
            ]
            self._message = (
                f"every unit of hidden layer {stuck[0]} is dead (it outputs 0 for every "
                "training point), so no gradient flows through it and the network has "
                "stopped learning; lower the learning rate and start over"
                if stuck
                else ""
            )

    # -- reading --------------------------------------------------------------------

    @property
    def epoch(self) -> int:
        return self._epoch

    @property
    def state(self) -> PlaygroundState:
        """Where the run stands now (a fresh snapshot on every access)."""
        if self.network is None:
            return PlaygroundState(status=self._status, message=self._message)
        history = self.trainer.history
        n = self._history_length
        initial_train, initial_test = self._initial_losses
        train_losses = [initial_train] + [float(v) for v in history.train_loss[:n]]
        test_losses = [initial_test] + [float(v) for v in history.test_loss[:n]]
        return PlaygroundState(
            epoch=self._epoch,
            status=self._status,
            message=self._message,
            train_loss=train_losses[-1] if train_losses else None,
            test_loss=test_losses[-1] if test_losses else None,
            train_accuracy=self._train_accuracy,
            test_accuracy=self._test_accuracy,
            dead_units=self._dead_units,
            hidden_units=int(sum(self.settings.hidden_sizes)),
            train_loss_history=train_losses,
            test_loss_history=test_losses,
        )

    def dead_units(self) -> int | None:
        """Hidden units whose output is 0 for every training point (dead ReLUs)."""
        return self._dead_units

    def dead_unit_mask(self) -> list[np.ndarray]:
        """Which units are dead: one boolean array per hidden layer ([] when invalid)."""
        return [mask.copy() for mask in self._dead_mask] if self.network is not None else []

    def grid(self, resolution: int = DECISION_RESOLUTION) -> np.ndarray:
        """The (resolution^2, 2) points of the picture: the book's one grid
        (``nnbook.grids.grid_over``) over the square [-extent, extent]^2.

        Row 0 of every map is the bottom of the picture (smallest x2), column 0 its
        left edge (smallest x1), as in a plot; flip the rows (``map[::-1]``) to show a
        map as an image, whose row 0 is the top.
        """
        if not is_whole(resolution, at_least=2) or resolution > MAX_RESOLUTION:
            raise ValueError(
                f"resolution must be a whole number from 2 to {MAX_RESOLUTION} (pixels per "
                f"side of the picture); got {resolution!r}"
            )
        return grid_over(
            (-self.extent, self.extent), (-self.extent, self.extent), resolution
        ).points

    def _grid_inputs(self, resolution: int) -> np.ndarray:
        if resolution not in self._grids:
            self._grids[resolution] = add_features(self.grid(resolution), self.settings.features)
        return self._grids[resolution]

    def decision_map(self, resolution: int = DECISION_RESOLUTION) -> np.ndarray | None:
        """The network's class probabilities over the picture.

        Shape (resolution, resolution) holding P(class 1) for two classes, or
        (resolution, resolution, k) for k classes. None when the settings are invalid.
        """
        self.grid(resolution)  # checks resolution even when there is no network
        if self.network is None:
            return None
        with _quiet():
            probabilities = self.network.predict_proba(self._grid_inputs(resolution))
        if probabilities.shape[1] == 1:
            return probabilities[:, 0].reshape(resolution, resolution)
        return probabilities.reshape(resolution, resolution, -1)

    def neuron_maps(self, resolution: int = NEURON_RESOLUTION) -> list[np.ndarray]:
        """Every hidden unit's output over the picture: one (res, res, width) per layer."""
        self.grid(resolution)  # checks resolution even when there is nothing to draw
        if self.network is None or not self.settings.hidden_sizes:
            return []
        with _quiet():
            outputs = self.network.hidden_activations(self._grid_inputs(resolution))
        return [layer.reshape(resolution, resolution, -1) for layer in outputs]

    def __repr__(self) -> str:
        state = self.state
        text = f"Playground({self.settings.describe()}; {state.summary()}"
        if state.message and state.status != "invalid":
            text += f"; {state.message}"
        return text + ")"


def _quiet():
    """The context every engine computation runs in: no overflow warnings (divergence
    is reported as a state instead) and one BLAS thread (``training.one_blas_thread``:
    for matrices this small, one thread made a frame three to four times faster).
    """
    stack = contextlib.ExitStack()
    stack.enter_context(np.errstate(all="ignore"))
    stack.enter_context(one_blas_thread())
    return stack


def _one_hot(labels: np.ndarray, n_outputs: int) -> np.ndarray:
    if n_outputs == 1:
        return labels.reshape(-1, 1).astype(np.float64)
    return np.eye(n_outputs)[labels]
