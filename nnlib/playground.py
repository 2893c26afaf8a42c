"""The playground: pick a toy problem and a network, press Train, watch it learn.

A small cousin of the TensorFlow Playground, built on ``nnlib``. It comes in three
layers, each usable without the next:

* ``Playground`` — the engine. Plain NumPy and ``nnlib``: it turns a
  ``PlaygroundSettings`` into a data set, a ``Network`` and a ``Trainer``;
  ``step(n_epochs)`` trains; ``state``, ``decision_map()``, ``neuron_maps()`` and
  ``dead_units()`` report what the network has learned. Nothing it does raises at the
  reader: a learning rate that blows the weights up, or settings that cannot work,
  become a ``state.message`` ("training diverged — lower the learning rate ...").
* Pictures — ``decision_image``, ``loss_curve_image``, ``neuron_maps_image`` and
  ``png_bytes`` draw those numbers with Pillow (no matplotlib), quick enough for
  dozens of frames per second.
* Views — ``PlaygroundView`` puts ipywidgets controls around an engine. A ``Play``
  widget is the clock: it ticks in the browser, and each tick trains one chunk of
  epochs and redraws, so the kernel is never busy for long and Pause always works.
  For the static book, where no Python runs, ``static_player`` shows presets whose
  training was rendered ahead of time, one frame per step, scrubbed with a slider.

``playground()`` picks the right view for where the notebook runs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import html
import io
import itertools
import math
import numbers
import time
from dataclasses import dataclass, field

import numpy as np

from nnlib import plotting
from nnlib.datasets import FEATURES, add_features, make_dataset, train_test_split
from nnlib.network import Network
from nnlib.training import Trainer, TrainingDiverged

__all__ = [
    "ACTIVATIONS",
    "BATCH_SIZES",
    "DATASETS",
    "FEATURES",
    "LEARNING_RATES",
    "LIMITS",
    "LOSSES",
    "PRESETS",
    "STATIC_PRESETS",
    "REGULARIZATION_RATES",
    "REGULARIZATIONS",
    "Playground",
    "PlaygroundSettings",
    "PlaygroundState",
    "PlaygroundView",
    "Preset",
    "decision_image",
    "loss_curve_image",
    "neuron_maps_image",
    "playground",
    "png_bytes",
    "preset_frames",
    "render_frame",
    "static_player",
]

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
ACTIVATIONS = ("relu", "leaky_relu", "elu", "tanh", "sigmoid", "silu", "linear")
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
NEURON_RESOLUTION = 24

DIVERGED_ADVICE = "training diverged — lower the learning rate"
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
                changes[name] = (
                    (value,) if isinstance(value, (str, numbers.Integral)) else tuple(value)
                )
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
            if value not in known:
                found.append(
                    f"unknown {what} {value!r}; choose one of {', '.join(map(str, known))}"
                )

        one_of(self.dataset, DATASETS, "data set")
        one_of(self.activation, ACTIVATIONS, "activation")
        one_of(self.loss, LOSSES, "loss")
        one_of(self.regularization, REGULARIZATIONS, "regularization")
        if not self.features:
            found.append("no input feature is switched on; choose at least one (e.g. x1 and x2)")
        for feature in self.features:
            one_of(feature, FEATURES, "input feature")
        if len(set(self.features)) != len(self.features):
            found.append("an input feature is listed twice; list each feature once")
        if any(
            isinstance(width, bool) or not isinstance(width, numbers.Integral) or width < 1
            for width in self.hidden_sizes
        ):
            found.append(f"every hidden layer needs at least one unit; got {self.hidden_sizes}")
        if not _is_number(self.learning_rate) or not self.learning_rate > 0:
            found.append(f"the learning rate must be a number > 0; got {self.learning_rate!r}")
        if not _is_number(self.noise) or self.noise < 0:
            found.append(f"noise must be a number >= 0; got {self.noise!r}")
        if not _is_number(self.regularization_rate) or self.regularization_rate < 0:
            found.append(f"the regularization rate must be >= 0; got {self.regularization_rate!r}")
        if not _is_number(self.test_fraction) or not 0 < self.test_fraction < 1:
            found.append(f"the test fraction must lie between 0 and 1; got {self.test_fraction!r}")
        if self.batch_size is not None and (
            isinstance(self.batch_size, bool)
            or not isinstance(self.batch_size, numbers.Integral)
            or self.batch_size < 1
        ):
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


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


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
            f"epoch {self.epoch} · loss {_loss_text(self.train_loss)} / "
            f"{_loss_text(self.test_loss)} · accuracy {_percent_text(self.train_accuracy)} / "
            f"{_percent_text(self.test_accuracy)}"
        )


def _loss_text(value) -> str:
    return "—" if value is None or not math.isfinite(value) else f"{value:.3f}"


def _percent_text(value) -> str:
    return "—" if value is None or not math.isfinite(value) else f"{100 * value:.1f}%"


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
            self._make_data()
            problems = self.settings.problems()
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
        if isinstance(n_epochs, bool) or not isinstance(n_epochs, numbers.Integral) or n_epochs < 0:
            raise ValueError(f"n_epochs must be a whole number >= 0; got {n_epochs!r}")
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
            except TrainingDiverged:
                problem = "the loss became infinite or NaN"
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
            # Dead = outputs exactly 0 for every training point (Network.dead_units
            # counts the same thing; the view also needs to know which units).
            self._dead_mask = [
                np.all(outputs == 0.0, axis=0)
                for outputs in network.hidden_activations(self._inputs_train)
            ]
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
        """The (resolution^2, 2) points of the picture, row by row from the top left.

        Row 0 of every map is the top of the picture (largest x2), column 0 its left
        edge (smallest x1), so a map can be shown as an image as it is.
        """
        ticks = np.linspace(-self.extent, self.extent, resolution)
        x1, x2 = np.meshgrid(ticks, ticks[::-1])
        return np.column_stack([x1.ravel(), x2.ravel()])

    def _grid_inputs(self, resolution: int) -> np.ndarray:
        if resolution not in self._grids:
            self._grids[resolution] = add_features(self.grid(resolution), self.settings.features)
        return self._grids[resolution]

    def decision_map(self, resolution: int = DECISION_RESOLUTION) -> np.ndarray | None:
        """The network's class probabilities over the picture.

        Shape (resolution, resolution) holding P(class 1) for two classes, or
        (resolution, resolution, k) for k classes. None when the settings are invalid.
        """
        if self.network is None:
            return None
        with _quiet():
            probabilities = self.network.predict_proba(self._grid_inputs(resolution))
        if probabilities.shape[1] == 1:
            return probabilities[:, 0].reshape(resolution, resolution)
        return probabilities.reshape(resolution, resolution, -1)

    def neuron_maps(self, resolution: int = NEURON_RESOLUTION) -> list[np.ndarray]:
        """Every hidden unit's output over the picture: one (res, res, width) per layer."""
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


_BLAS = {}


def _quiet():
    """The context every engine computation runs in: no overflow warnings (divergence
    is reported as a state instead) and one BLAS thread.

    The matrices here are tiny (at most 10,000 x 8). Waking BLAS worker threads for
    them costs more than the arithmetic, and on a busy two-core machine those threads
    fight the kernel for the CPU: one thread made a frame three to four times faster
    here. ``threadpoolctl`` (which scikit-learn brings along) does the limiting; without
    it, NumPy's default is used.
    """
    stack = contextlib.ExitStack()
    stack.enter_context(np.errstate(all="ignore"))
    if "controller" not in _BLAS:
        try:
            from threadpoolctl import ThreadpoolController

            _BLAS["controller"] = ThreadpoolController()
        except ImportError:  # pragma: no cover - optional speed-up
            _BLAS["controller"] = None
    if _BLAS["controller"] is not None:
        stack.enter_context(_BLAS["controller"].limit(limits=1, user_api="blas"))
    return stack


def _one_hot(labels: np.ndarray, n_outputs: int) -> np.ndarray:
    if n_outputs == 1:
        return labels.reshape(-1, 1).astype(np.float64)
    return np.eye(n_outputs)[labels]


# ----------------------------------------------------------------------------------
# Pictures (Pillow only; imported lazily so the engine needs nothing but NumPy)
# ----------------------------------------------------------------------------------


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


# The book's palette (nnlib.plotting): orange, teal and sky blue for the classes, blue
# and vermillion for positive and negative values and for the two loss curves.
CLASS_RGB = np.array([_rgb(c) for c in plotting.CLASS_COLORS], dtype=np.float64)
FACE_RGB = np.array(_rgb(plotting.FACE_COLOR), dtype=np.float64)
INK_RGB = _rgb(plotting.INK_COLOR)
MUTED_RGB = _rgb(plotting.MUTED_COLOR)
POSITIVE_RGB = np.array(_rgb(plotting.POSITIVE_COLOR), dtype=np.float64)
NEGATIVE_RGB = np.array(_rgb(plotting.NEGATIVE_COLOR), dtype=np.float64)
TRAIN_LINE = _rgb(plotting.SERIES_COLORS[0])
TEST_LINE = _rgb(plotting.SERIES_COLORS[1])
BLANK_RGB = (215, 215, 215)
DEAD_RGB = (190, 190, 190)
_KEPT_COLOURS = [
    *(tuple(int(c) for c in colour) for colour in CLASS_RGB),
    INK_RGB,
    (255, 255, 255),
    tuple(int(c) for c in FACE_RGB),
    TRAIN_LINE,
    TEST_LINE,
    MUTED_RGB,
]


_LOOKUP = {}


def decision_rgb(probabilities: np.ndarray | None) -> np.ndarray:
    """Colour a decision map (``plotting.decision_map_rgb``); grey when there is none.

    A map with NaN or infinite entries (weights that overflowed) is grey too.
    """
    if probabilities is None or not np.all(np.isfinite(probabilities)):
        shape = (
            (DECISION_RESOLUTION, DECISION_RESOLUTION)
            if probabilities is None
            else (probabilities.shape[:2])
        )
        return np.full((*shape, 3), BLANK_RGB, dtype=np.uint8)
    probabilities = np.clip(probabilities, 0.0, 1.0)
    if probabilities.ndim == 3:
        return plotting.decision_map_rgb(probabilities)
    # Two classes: the colour depends on P(class 1) alone, so colour 1,024 levels once
    # and look the pixels up (a dozen times faster; steps of 0.001 are invisible).
    if "binary" not in _LOOKUP:
        levels = np.linspace(0.0, 1.0, 1024).reshape(1, -1)
        _LOOKUP["binary"] = plotting.decision_map_rgb(levels)[0]
    return _LOOKUP["binary"][np.rint(probabilities * 1023).astype(np.intp)]


def _pil():
    try:
        from PIL import Image, ImageDraw, ImageFont
    except ImportError as error:  # pragma: no cover - Pillow ships with nnlib[widgets]
        raise ImportError(
            "the playground's pictures need Pillow; install it with `pip install pillow` "
            "(or `pip install nnlib[widgets]`)"
        ) from error
    return Image, ImageDraw, ImageFont


_FONTS = {}


def _font(size: int):
    if size not in _FONTS:
        _, _, ImageFont = _pil()
        try:
            _FONTS[size] = ImageFont.load_default(size=size)
        except TypeError:  # Pillow < 10.1 has one bitmap size only
            _FONTS[size] = ImageFont.load_default()
    return _FONTS[size]


_POINT_LAYERS = {}


def _points_layer(engine: Playground, size: int):
    """The training and test points as a transparent layer, drawn once per data set."""
    key = (engine.data_version, size)
    if key not in _POINT_LAYERS:
        Image, ImageDraw, _ = _pil()
        layer = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        scale = size / (2 * engine.extent)
        radius = max(2.0, size / 110)
        for points, labels, filled in (
            (engine.X_train, engine.y_train, True),
            (engine.X_test, engine.y_test, False),
        ):
            for (x1, x2), label in zip(points, labels, strict=True):
                cx, cy = (x1 + engine.extent) * scale, (engine.extent - x2) * scale
                box = (cx - radius, cy - radius, cx + radius, cy + radius)
                colour = tuple(int(c) for c in CLASS_RGB[label]) + (255,)
                if filled:  # training points: solid, with a dark rim
                    draw.ellipse(box, fill=colour, outline=(*INK_RGB, 255))
                else:  # test points: a ring in the class colour inside a dark rim
                    draw.ellipse(box, fill=(255, 255, 255, 255), outline=(*INK_RGB, 255))
                    inner = (box[0] + 1.5, box[1] + 1.5, box[2] - 1.5, box[3] - 1.5)
                    draw.ellipse(inner, fill=None, outline=colour, width=2)
        if len(_POINT_LAYERS) > 16:  # many engines come and go in a session
            _POINT_LAYERS.clear()
        _POINT_LAYERS[key] = layer
    return _POINT_LAYERS[key]


def decision_image(engine: Playground, size: int = 300, *, probabilities=None, smooth=True):
    """The decision map of ``engine`` with its data on top, as a ``size``-pixel PIL image.

    Training points are filled dots, test points rings with a dark rim. ``smooth``
    interpolates between grid cells (prettier); without it every cell is a flat
    block of colour, which compresses several times better for pages.
    """
    Image, _, _ = _pil()
    if probabilities is None:
        probabilities = engine.decision_map()
    background = Image.fromarray(decision_rgb(probabilities), "RGB").resize(
        (size, size), Image.BILINEAR if smooth else Image.NEAREST
    )
    if len(engine.X_train) == 0:
        return background
    background = background.convert("RGBA")
    background.alpha_composite(_points_layer(engine, size))
    return background.convert("RGB")


def loss_curve_image(
    train_losses, test_losses, width: int = 300, height: int = 90, *, crisp_text=False
):
    """Train (blue) and test (vermillion) loss against epoch, a small PIL line chart.

    ``crisp_text`` draws the labels without anti-aliasing (smaller PNGs for pages).
    """
    Image, ImageDraw, _ = _pil()
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    if crisp_text:
        draw.fontmode = "1"
    left, right, top, bottom = 4, width - 4, 14, height - 4
    draw.line([(left, bottom), (right, bottom)], fill=MUTED_RGB)
    draw.text((left, 1), "loss: train", fill=TRAIN_LINE, font=_font(10))
    draw.text((left + 58, 1), "test", fill=TEST_LINE, font=_font(10))
    values = [np.asarray(v, dtype=np.float64) for v in (train_losses, test_losses) if len(v)]
    finite = np.concatenate(values) if values else np.zeros(0)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return image
    ceiling = max(float(finite.max()), 1e-12)
    draw.text((right - 60, 1), f"max {ceiling:.3g}", fill=MUTED_RGB, font=_font(10))
    n_epochs = max(len(train_losses), len(test_losses), 2)
    for losses, colour in ((train_losses, TRAIN_LINE), (test_losses, TEST_LINE)):
        losses = np.asarray(losses, dtype=np.float64)
        if losses.size == 0:
            continue
        # Entry i (the loss after i epochs) sits at i / (n - 1) of the width; more
        # epochs than pixels are thinned to one sample per pixel.
        index = np.unique(
            np.linspace(0, losses.size - 1, min(losses.size, right - left)).astype(int)
        )
        xs = left + index / (n_epochs - 1) * (right - left)
        ys = bottom - np.clip(losses[index] / ceiling, 0, 1) * (bottom - top)
        points = list(zip(xs.tolist(), ys.tolist(), strict=True))
        if len(points) == 1:
            points = points * 2
        draw.line(points, fill=colour, width=2)
    return image


def neuron_maps_image(maps, tile: int = 40, gap: int = 4, dead=None, empty_text="no hidden layer"):
    """One small map per hidden unit: a column per layer, a row per unit.

    Each unit's output is scaled by its own largest |value|: vermillion where it is
    negative, blue where positive, pale at zero. A dead unit is grey: one marked in
    ``dead`` (a boolean array per layer, e.g. ``Playground.dead_unit_mask()``), or one
    that is 0 all over its map.
    """
    Image, ImageDraw, _ = _pil()
    if not maps:
        image = Image.new("RGB", (120, 20), (255, 255, 255))
        ImageDraw.Draw(image).text((2, 4), empty_text, fill=MUTED_RGB, font=_font(11))
        return image
    rows = max(layer.shape[-1] for layer in maps)
    width = len(maps) * (tile + gap) - gap
    height = rows * (tile + gap) - gap
    canvas = np.full((height, width, 3), 255, dtype=np.uint8)
    for column, layer in enumerate(maps):
        for row in range(layer.shape[-1]):
            canvas[
                row * (tile + gap) : row * (tile + gap) + tile,
                column * (tile + gap) : column * (tile + gap) + tile,
            ] = _unit_tile(layer[..., row], tile, bool(dead is not None and dead[column][row]))
    return Image.fromarray(canvas, "RGB")


def _unit_tile(values: np.ndarray, tile: int, dead: bool) -> np.ndarray:
    values = np.asarray(values, dtype=np.float64)
    largest = float(np.max(np.abs(values))) if np.all(np.isfinite(values)) else 0.0
    if dead or largest == 0.0:
        return np.full((tile, tile, 3), DEAD_RGB, dtype=np.uint8)
    Image, _, _ = _pil()
    scaled = (values / largest)[..., None]
    colour = np.where(scaled < 0, NEGATIVE_RGB, POSITIVE_RGB)
    rgb = (FACE_RGB + np.abs(scaled) * (colour - FACE_RGB)).astype(np.uint8)
    return np.asarray(Image.fromarray(rgb, "RGB").resize((tile, tile), Image.BILINEAR))


def png_bytes(image, *, small: bool = False, colours: int = 24) -> bytes:
    """Encode a PIL image as PNG.

    ``small=False`` is for live frames: the fastest zlib level, because the bytes go
    to the browser over a local socket. ``small=True`` is for pages: the image is
    reduced to a palette of ``colours`` colours and compressed hard, several times
    smaller. The palette always holds the book's class, ink and line colours exactly
    (``_KEPT_COLOURS``); the rest is fitted to the image. A purely fitted palette
    spends its colours on the large pale areas and can merge the small, saturated
    data points of different classes into one colour.
    """
    Image, _, _ = _pil()
    buffer = io.BytesIO()
    if not small:
        image.save(buffer, format="PNG", compress_level=1)
        return buffer.getvalue()
    image = image.convert("RGB")
    kept = [channel for colour in _KEPT_COLOURS for channel in colour]
    fitted = max(2, colours - len(_KEPT_COLOURS))
    adaptive = image.quantize(fitted, method=Image.Quantize.MEDIANCUT).getpalette()[: 3 * fitted]
    palette = Image.new("P", (1, 1))
    entries = kept + adaptive
    palette.putpalette(entries + entries[-3:] * (256 - len(entries) // 3))
    image = image.quantize(palette=palette, dither=Image.Dither.NONE)
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def render_frame(engine: Playground, size: int = 300) -> bytes:
    """The live decision picture as PNG bytes for an Image widget: the 100 x 100
    probability grid, coloured, scaled to ``size`` pixels, with the data on top.

    After ``engine.step(...)`` this is one frame of the playground's animation
    (benchmarks/frames.py measures how many per second).
    """
    return png_bytes(decision_image(engine, size))


# ----------------------------------------------------------------------------------
# Presets and pre-rendered frames for the static book
# ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Preset:
    """A named experiment: settings, how long to train, and what it shows."""

    title: str
    settings: PlaygroundSettings
    epochs: int
    lesson: str


def _preset(title, epochs, lesson, **settings) -> Preset:
    # 300 points keep the small static frames readable (and light).
    return Preset(title, PlaygroundSettings(n_samples=300, **settings), epochs, lesson)


PRESETS = {
    "circle-linear": _preset(
        "circle, no hidden layer: fails",
        150,
        "A network without a hidden layer can only draw one straight line, and no line "
        "separates a disc from the ring around it.",
        dataset="circle",
        hidden_sizes=(),
        learning_rate=0.1,
    ),
    "circle-relu": _preset(
        "circle, 1 hidden layer of 4 ReLU",
        150,
        "Four ReLU units are enough: each contributes one straight crease, and "
        "together they fence in the inner disc with a polygon.",
        dataset="circle",
        hidden_sizes=(4,),
        activation="relu",
        learning_rate=0.1,
    ),
    "xor-linear": _preset(
        "XOR, no hidden layer: fails",
        150,
        "XOR puts each class in two opposite corners. One straight line cannot split "
        "them: at best it cuts off one corner, so accuracy stays far below 100%.",
        dataset="xor",
        hidden_sizes=(),
        learning_rate=0.03,
    ),
    "spiral-tanh": _preset(
        "spiral, 3 hidden layers of 8 tanh",
        600,
        "Depth and width let the boundary follow both arms around the centre.",
        dataset="spiral",
        hidden_sizes=(8, 8, 8),
        activation="tanh",
        learning_rate=0.1,
    ),
    "spiral-sigmoid": _preset(
        "spiral, the same network with sigmoid: slower",
        600,
        "The same network and learning rate with sigmoid units. Sigmoid's slope is at "
        "most 0.25 (tanh's reaches 1), so the gradient shrinks at every layer it passes "
        "back through, and after as many epochs the loss is still far behind.",
        dataset="spiral",
        hidden_sizes=(8, 8, 8),
        activation="sigmoid",
        learning_rate=0.1,
    ),
    "spiral3-tanh": _preset(
        "three-arm spiral: three outputs and a softmax",
        600,
        "Three classes need three output units; a softmax turns their scores into "
        "probabilities, and each colour marks the most likely class.",
        dataset="spiral3",
        hidden_sizes=(8, 8, 8),
        activation="tanh",
        learning_rate=0.03,
    ),
}


def preset_frames(preset: str | Preset, n_frames: int = 24, size: int = 180) -> list[dict]:
    """Train a preset once and render ``n_frames`` snapshots from epoch 0 to the end.

    Each frame is ``{"epoch", "state", "png"}`` where ``png`` holds the decision map
    with the data, the loss curves so far and the epoch, loss and accuracy as text,
    as a small palette PNG (a few kilobytes).
    """
    if isinstance(preset, str):
        if preset not in PRESETS:
            raise ValueError(f"unknown preset {preset!r}; known: {', '.join(PRESETS)}")
        preset = PRESETS[preset]
    if isinstance(n_frames, bool) or not isinstance(n_frames, numbers.Integral) or n_frames < 2:
        raise ValueError(f"n_frames must be a whole number >= 2; got {n_frames!r}")
    engine = Playground(preset.settings)
    frames = []
    for target in _frame_epochs(preset.epochs, n_frames):
        engine.step(target - engine.epoch)
        state = engine.state
        frames.append(
            {
                "epoch": state.epoch,
                "state": state,
                "png": png_bytes(_preset_picture(engine, state, size), small=True),
            }
        )
    return frames


# The presets the static book shows by default: five runs of 24 frames stay under the
# frame budget of one explorable (nnlib.widgets.FRAME_BUDGET_BYTES, base64 included).
STATIC_PRESETS = ("circle-relu", "xor-linear", "spiral-tanh", "spiral-sigmoid", "spiral3-tanh")


def _frame_epochs(epochs: int, n_frames: int) -> list[int]:
    """``n_frames`` distinct epochs from 0 to ``epochs``, closer together at the start.

    Early epochs change the picture most, so the frames are spaced evenly in
    sqrt(epoch) (epoch = epochs * t^2), then nudged apart so no two coincide.
    """
    if epochs < n_frames - 1:
        raise ValueError(f"{n_frames} frames need at least {n_frames - 1} epochs; got {epochs}")
    targets = np.round(np.linspace(0.0, 1.0, n_frames) ** 2 * epochs).astype(int)
    for i in range(1, n_frames):
        targets[i] = max(targets[i], targets[i - 1] + 1)
    for i in range(n_frames - 2, -1, -1):  # the last frame is exactly `epochs`
        targets[i] = min(targets[i], targets[i + 1] - 1)
    return [int(t) for t in targets]


def _preset_picture(engine: Playground, state: PlaygroundState, size: int):
    """One static frame: the map on the left; loss curves and numbers on the right.

    Drawn to compress well: the map in flat blocks of 2 x 2 pixels (a grid of
    size / 2 cells) and text without anti-aliasing.
    """
    Image, ImageDraw, _ = _pil()
    picture = Image.new("RGB", (2 * size + 8, size), (255, 255, 255))
    probabilities = engine.decision_map(max(2, size // 2))
    picture.paste(decision_image(engine, size, probabilities=probabilities, smooth=False), (0, 0))
    curve = loss_curve_image(
        state.train_loss_history, state.test_loss_history, size, size // 2, crisp_text=True
    )
    picture.paste(curve, (size + 8, 0))
    draw = ImageDraw.Draw(picture)
    draw.fontmode = "1"
    lines = [
        f"epoch {state.epoch}",
        f"train  loss {_loss_text(state.train_loss)}  acc {_percent_text(state.train_accuracy)}",
        f"test   loss {_loss_text(state.test_loss)}  acc {_percent_text(state.test_accuracy)}",
    ]
    if state.hidden_units:
        lines.append(f"dead units {state.dead_units} of {state.hidden_units}")
    if state.message:
        # The first clause only ("training diverged — lower the learning rate"): the
        # frame is small, and the caption above the player tells the rest.
        lines.append(state.message.split(":")[0].split(" (")[0])
    y = size // 2 + 6
    for line in lines:
        draw.text((size + 8, y), line, fill=INK_RGB, font=_font(11))
        y += 15
    return picture


def static_player(presets=None, n_frames: int = 24, size: int = 180):
    """The playground for pages without a kernel: presets replayed epoch by epoch.

    A dropdown picks a preset. Each preset has a Play button and an epoch slider over
    its pre-rendered frames (``preset_frames``), shown by a Stack of Images. Play ->
    slider -> Stack and dropdown -> preset are ``jslink``s (``nnlib.widgets``), so all
    of it works in static HTML. The returned box keeps its links in ``.links``, and
    every preset's box has ``.play``, ``.slider``, ``.stack`` and ``.links``.
    """
    import ipywidgets as ipw

    from nnlib.widgets import linked_stack, play_for, static_control

    names = list(STATIC_PRESETS if presets is None else presets)
    # Every widget gets its own Layout model (about 1 kB in the page) unless given
    # one; the frames can all share a single one.
    shared = ipw.Layout()
    boxes = []
    for name in names:
        frames = preset_frames(name, n_frames=n_frames, size=size)  # checks the name
        preset = PRESETS[name]
        slider = static_control("epoch", [frame["epoch"] for frame in frames], kind="slider")
        images = [ipw.Image(value=frame["png"], format="png", layout=shared) for frame in frames]
        stack, links = linked_stack(images, [slider])
        play, play_link = play_for(slider, interval_ms=300)
        caption = ipw.HTML(
            f"<b>{preset.title}</b> <small>({preset.settings.describe()})</small><br>"
            f"{preset.lesson}"
        )
        box = ipw.VBox([caption, ipw.HBox([play, slider]), stack])
        box.play, box.slider, box.stack = play, slider, stack
        box.links = [play_link, *links]
        boxes.append(box)
    chooser = static_control(
        "preset", names, kind="dropdown", labels=[PRESETS[name].title for name in names]
    )
    chooser.layout = ipw.Layout(width="440px")
    outer, links = linked_stack(boxes, [chooser])
    player = ipw.VBox([chooser, outer])
    player.chooser, player.stack, player.presets, player.links = chooser, outer, boxes, links
    return player


# ----------------------------------------------------------------------------------
# The live view
# ----------------------------------------------------------------------------------


def _nearest_option(options, value):
    """``value`` if it is one of ``options``, else the closest one (on a log scale for
    numbers), so a view can show settings that came from code."""
    if value in options:
        return value
    numbers_only = [o for o in options if isinstance(o, (int, float)) and o is not None]
    if _is_number(value) and numbers_only:
        return min(numbers_only, key=lambda o: abs(math.log10(o + 1e-6) - math.log10(value + 1e-6)))
    return options[0]


class PlaygroundView:
    """ipywidgets controls around a ``Playground``; ``view.widget`` is what to display.

    Train starts the ``play`` widget's clock and Pause stops it; every tick trains
    ``epochs_per_frame`` epochs (stopping early past ``frame_budget`` seconds) and
    redraws the pictures in place. Step trains one such chunk (within
    ``step_budget`` seconds); Reset starts over. Changing any setting pauses and
    starts over with the new settings.

    Why the kernel stays responsive: the clock ticks in the browser, each tick is one
    short callback, and Pause is just another message between ticks. A tick that
    arrives less than ``min_tick_gap`` seconds after the previous frame finished was
    queued while that frame was being computed, and is skipped, so a slow setting
    (batch size 1 on a deep network) cannot pile up a backlog that delays Pause.
    """

    def __init__(
        self,
        engine: Playground | None = None,
        *,
        epochs_per_frame: int = 5,
        interval_ms: int = 80,
        frame_budget: float = 0.05,
        step_budget: float = 1.0,
        image_size: int = 300,
        **settings,
    ):
        import ipywidgets as widgets

        self.engine = engine if engine is not None else Playground(**settings)
        if engine is not None and settings:
            self.engine.configure(**settings)
        self.frame_budget = frame_budget
        self.step_budget = step_budget
        self.min_tick_gap = 0.5 * interval_ms / 1000
        self._last_frame_end = -math.inf
        self.image_size = image_size
        self.last_error = None
        s = self.engine.settings
        layout = {"layout": widgets.Layout(width="300px"), "style": {"description_width": "110px"}}

        def slider(kind, description, value, **options):
            return kind(
                value=value, description=description, continuous_update=False, **layout, **options
            )

        def choice(description, options, value):
            return widgets.Dropdown(options=options, value=value, description=description, **layout)

        # ipywidgets reads a None value as "nothing selected", so the whole-set choice
        # ("all", batch_size=None) is 0 inside the slider.
        batch_options = [("all", 0) if size is None else (str(size), size) for size in BATCH_SIZES]
        self.controls = {
            "dataset": choice(
                "data",
                [(DATASET_LABELS[d], d) for d in DATASETS],
                _nearest_option(DATASETS, s.dataset),
            ),
            "noise": slider(
                widgets.FloatSlider,
                "noise",
                float(np.clip(s.noise, *LIMITS["noise"])),
                min=LIMITS["noise"][0],
                max=LIMITS["noise"][1],
                step=0.05,
            ),
            "train_percent": slider(
                widgets.IntSlider,
                "training data %",
                int(np.clip(round(100 * (1 - s.test_fraction), -1), 10, 90)),
                min=10,
                max=90,
                step=10,
            ),
            "hidden_layers": slider(
                widgets.IntSlider, "hidden layers", min(len(s.hidden_sizes), 6), min=0, max=6
            ),
            "neurons": slider(
                widgets.IntSlider,
                "neurons / layer",
                int(np.clip(max(s.hidden_sizes or (4,)), 1, 8)),
                min=1,
                max=8,
            ),
            "activation": choice(
                "activation", ACTIVATIONS, _nearest_option(ACTIVATIONS, s.activation)
            ),
            "learning_rate": slider(
                widgets.SelectionSlider,
                "learning rate",
                _nearest_option(LEARNING_RATES, s.learning_rate),
                options=LEARNING_RATES,
            ),
            "batch_size": slider(
                widgets.SelectionSlider,
                "batch size",
                _nearest_option(BATCH_SIZES, s.batch_size) or 0,
                options=batch_options,
            ),
            "loss": choice(
                "loss",
                [("cross-entropy", "cross_entropy"), ("squared error", "squared_error")],
                _nearest_option(LOSSES, s.loss),
            ),
            "regularization": choice(
                "regularization",
                [("none", "none"), ("L1", "l1"), ("L2", "l2")],
                _nearest_option(REGULARIZATIONS, s.regularization),
            ),
            "regularization_rate": slider(
                widgets.SelectionSlider,
                "reg. rate",
                _nearest_option(REGULARIZATION_RATES, s.regularization_rate),
                options=REGULARIZATION_RATES,
            ),
            "seed": widgets.BoundedIntText(
                value=int(np.clip(s.seed, 0, 9999)), min=0, max=9999, description="seed", **layout
            ),
        }
        self.feature_buttons = {
            name: widgets.ToggleButton(
                value=name in s.features,
                description=FEATURE_LABELS.get(name, name),
                tooltip=name,
                layout=widgets.Layout(width="70px"),
            )
            for name in FEATURES
        }
        self.speed = slider(
            widgets.IntSlider,
            "epochs / frame",
            int(np.clip(epochs_per_frame, 1, 50)),
            min=1,
            max=50,
        )
        self.play = widgets.Play(
            value=0,
            min=0,
            max=10**9,
            step=1,
            interval=interval_ms,
            show_repeat=False,
            description="train",
        )
        self.train_button = widgets.Button(description="Train", icon="play", button_style="success")
        self.pause_button = widgets.Button(description="Pause", icon="pause")
        self.step_button = widgets.Button(description="Step", icon="step-forward")
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        self.status = widgets.HTML()
        self.message = widgets.HTML()
        self.decision = widgets.Image(format="png", width=image_size, height=image_size)
        self.loss_curve = widgets.Image(format="png", width=image_size, height=90)
        self.neurons = widgets.Image(format="png")  # its size follows the network

        for control in self.controls.values():
            control.observe(self._guarded(self._on_setting), names="value")
        for button in self.feature_buttons.values():
            button.observe(self._guarded(self._on_setting), names="value")
        self.play.observe(self._guarded(self._on_tick), names="value")
        self.train_button.on_click(self._guarded(lambda _: self.train()))
        self.pause_button.on_click(self._guarded(lambda _: self.pause()))
        self.step_button.on_click(self._guarded(lambda _: self.step()))
        self.reset_button.on_click(self._guarded(lambda _: self.reset()))

        c = self.controls
        features = widgets.VBox(
            [
                widgets.HTML("<b>input features</b>"),
                widgets.HBox(list(self.feature_buttons.values())[:4]),
                widgets.HBox(list(self.feature_buttons.values())[4:]),
            ]
        )
        left = widgets.VBox(
            [
                widgets.HTML("<b>data</b>"),
                c["dataset"],
                c["noise"],
                c["train_percent"],
                c["seed"],
                features,
                widgets.HTML("<b>network</b>"),
                c["hidden_layers"],
                c["neurons"],
                c["activation"],
                widgets.HTML("<b>training</b>"),
                c["learning_rate"],
                c["batch_size"],
                c["loss"],
                c["regularization"],
                c["regularization_rate"],
                self.speed,
            ]
        )
        buttons = widgets.HBox(
            [self.train_button, self.pause_button, self.step_button, self.reset_button, self.play]
        )
        legend = widgets.HTML(
            "<small>filled dots: training data · rings: test data · "
            "background: the network's prediction (pale = unsure)</small>"
        )
        neurons_box = widgets.VBox(
            [
                widgets.HTML(
                    "<b>hidden units</b> <small>(a column per layer; grey = dead)</small>"
                ),
                self.neurons,
            ]
        )
        right = widgets.VBox(
            [
                buttons,
                self.status,
                self.message,
                widgets.HBox([widgets.VBox([self.decision, legend, self.loss_curve]), neurons_box]),
            ]
        )
        self.widget = widgets.HBox([left, right])
        self.refresh()

    # -- actions --------------------------------------------------------------------

    def train(self) -> None:
        """Start the clock (the Play widget); each tick trains a chunk and redraws."""
        if self.engine.can_train:
            self.play.playing = True

    def pause(self) -> None:
        self.play.playing = False

    def step(self) -> None:
        """Train one chunk of ``epochs_per_frame`` epochs (fewer if that takes more than
        ``step_budget`` seconds) and redraw."""
        self.engine.step(self.speed.value, time_budget=self.step_budget)
        self.refresh()

    def reset(self) -> None:
        self.pause()
        self.engine.reset()
        self.refresh()

    def settings_from_controls(self) -> dict:
        c = self.controls
        return {
            "dataset": c["dataset"].value,
            "noise": float(c["noise"].value),
            "test_fraction": round(1 - c["train_percent"].value / 100, 2),
            "features": tuple(n for n, b in self.feature_buttons.items() if b.value),
            "hidden_sizes": (c["neurons"].value,) * c["hidden_layers"].value,
            "activation": c["activation"].value,
            "learning_rate": c["learning_rate"].value,
            "batch_size": c["batch_size"].value or None,
            "regularization": c["regularization"].value,
            "regularization_rate": c["regularization_rate"].value,
            "loss": c["loss"].value,
            "seed": int(c["seed"].value),
        }

    def _on_setting(self, change) -> None:
        self.pause()
        self.engine.configure(**self.settings_from_controls())
        self.refresh()

    def _on_tick(self, change) -> None:
        # The clock runs in the browser. Ticks that arrive after Pause (or the Play
        # widget's own stop, which rewinds the value) must not train.
        if not self.play.playing or change["new"] <= change["old"]:
            return
        if time.perf_counter() - self._last_frame_end < self.min_tick_gap:
            return  # queued while the last frame was computed: drop it, stay current
        if not self.engine.can_train:
            self.pause()
            self.refresh()
            return
        self.engine.step(self.speed.value, time_budget=self.frame_budget)
        if not self.engine.can_train:
            self.pause()
        self.refresh()
        self._last_frame_end = time.perf_counter()

    def _guarded(self, callback):
        """Run a callback; show any unexpected error as a message, never a traceback."""

        def run(*args):
            try:
                callback(*args)
            except Exception as error:  # the reader sees a sentence, the test sees last_error
                self.last_error = error
                self.play.playing = False
                text = html.escape(f"{type(error).__name__}: {error}", quote=False)
                self.message.value = (
                    f"<span style='color:{plotting.WRONG_COLOR}'>something went wrong "
                    f"({text}). Press Reset or change a setting.</span>"
                )

        return run

    # -- drawing --------------------------------------------------------------------

    def refresh(self) -> None:
        """Redraw text and pictures from the engine's current state."""
        engine = self.engine
        state = engine.state
        text = state.summary() if state.status != "invalid" else f"epoch {state.epoch}"
        if state.hidden_units:
            text += f" · dead units {state.dead_units} of {state.hidden_units}"
        self.status.value = (
            f"<b>{text}</b> <small>(train / test)</small><br>"
            f"<small>{html.escape(engine.settings.describe(), quote=False)}</small>"
        )
        # Red for what stops training, ink for a warning while it goes on.
        colour = plotting.WRONG_COLOR if not state.ok else plotting.INK_COLOR
        self.message.value = (
            f"<span style='color:{colour}'>{html.escape(state.message, quote=False)}</span>"
            if state.message
            else ""
        )
        self.decision.value = render_frame(engine, self.image_size)
        self.loss_curve.value = png_bytes(
            loss_curve_image(state.train_loss_history, state.test_loss_history, self.image_size, 90)
        )
        units = neuron_maps_image(
            engine.neuron_maps(),
            dead=engine.dead_unit_mask(),
            empty_text="no hidden layer" if engine.network is not None else "no network",
        )
        # Set the size too: a box would otherwise stretch the picture to its width.
        self.neurons.width, self.neurons.height = str(units.width), str(units.height)
        self.neurons.value = png_bytes(units)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def playground(preset: str | None = None, **settings):
    """The playground that fits where the notebook runs.

    In a live kernel: a ``PlaygroundView`` (of ``preset``'s settings, changed by any
    keyword settings). In the static book (``nnlib.widgets.static_mode()``): the
    pre-rendered presets of ``static_player``, opened on ``preset`` when it is one of
    them (keyword settings cannot apply there: those runs were trained in advance).
    """
    from nnlib.widgets import static_mode

    if preset is not None and preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; known: {', '.join(PRESETS)}")
    if static_mode():
        player = static_player()
        if preset in STATIC_PRESETS:  # open the player on that preset
            player.chooser.index = player.stack.selected_index = STATIC_PRESETS.index(preset)
        return player
    base = PRESETS[preset].settings if preset is not None else PlaygroundSettings()
    return PlaygroundView(Playground(base.replace(**settings)))
