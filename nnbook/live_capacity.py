"""Capacity and overfitting trained live in the reader's page (chapter 8).

Two explorables share one component, ``overfitting`` (book/js/components/overfitting.js):
a network with two hidden layers of N tanh units, ``[1, N, N, 1]``, fits a few noisy
points of a curve with Adam, and the page draws the fit over the points and the train
and test error as it trains (the training error after every epoch, the test error once
per animation frame). ``capacity_training`` lets the reader move N (the
count of neurons per layer); ``l2_training`` keeps the largest network and moves the
L2 strength λ on a log scale whose leftmost stop is λ = 0.

Starting weights. Sending nnlib's starting weights for every N would weigh more than
the rest of the page, so Python sends those of the largest network,
``Network([1, M, M, 1], activation="tanh", seed=seed)``, and the N-unit network starts
from their first N units (``starting_parameters``): each weight matrix's top-left
block, multiplied by the ratio of Xavier limits, so the block is again drawn from
Xavier's uniform distribution for its own size. The page computes the same blocks.
Python's faces (the fallback picture and the JupyterLab explorable) train with nnlib
from the same weights; ``train_fit`` is that training, so a test can compare the page
with nnlib number for number.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from nnbook import plotting, widgets
from nnbook.checks import (
    check_choice,
    check_flag,
    check_number,
    check_numbers,
    check_pair,
    check_settings,
    check_whole,
    describe,
)
from nnbook.live import book_colors, format_number, show
from nnlib.datasets import regression_1d, regression_curve
from nnlib.network import Network
from nnlib.training import Trainer, TrainingDiverged

__all__ = [
    "capacity_training",
    "fit_readout",
    "fit_settings",
    "format_strength",
    "l2_training",
    "starting_parameters",
    "strength_at",
    "train_fit",
]

CAPACITY_TITLE = "Neurons against the fit, trained live"
L2_TITLE = "L2 strength on the large network, trained live"
STRENGTH_STEP = 0.01  # the λ slider moves log10 λ in these steps; one step below the range is 0


# What starting_parameters and train_fit read from the settings of fit_settings.
SETTINGS_KEYS = ("largest", "parameters", "train", "test", "epochs")


def format_strength(strength: float) -> str:
    """λ with three significant digits (0.000100, 0.0316), and 0 as "0", as the page writes it."""
    if check_number(strength, "strength") < 0:
        raise ValueError(f"strength must be >= 0; got {strength!r}")
    if strength == 0:
        return "0"
    exponent = math.floor(math.log10(strength) + 1e-9)
    return format_number(strength, max(0, 2 - exponent))


def strength_at(position: float, log_range) -> float:
    """λ at a slider position: 0 at the leftmost stop (below log_range), else 10**position."""
    position = check_number(position, "position", -300.0, 300.0)
    check_pair(log_range, "log_range", "(log10 low, log10 high)")
    return 0.0 if position < log_range[0] - STRENGTH_STEP / 2 else 10.0**position


def fit_readout(
    vary: str,
    neurons: int,
    strength: float,
    epoch: int,
    train_mse: float,
    test_mse: float,
    noise_floor: float,
    n_points: int,
    diverged: bool = False,
) -> str:
    """The sentence the page shows (its live region) after ``epoch`` epochs, from given numbers."""
    check_choice(vary, "vary", ("neurons", "l2"))
    neurons, epoch = check_whole(neurons, "neurons", 1), check_whole(epoch, "epoch", 0)
    n_points = check_whole(n_points, "n_points", 1)
    check_numbers(strength=strength, train_mse=train_mse, test_mse=test_mse)
    check_numbers(noise_floor=noise_floor)
    diverged = check_flag(diverged, "diverged")
    count = neurons * neurons + 4 * neurons + 1  # [1, N, N, 1]: W2 is N x N
    if vary == "neurons":
        head = f"N = {neurons} ({count} parameters for {n_points} points)"
    else:
        head = f"λ = {format_strength(strength)} on two layers of {neurons} units"
    text = (
        f"{head}, epoch {epoch}: train MSE {format_number(train_mse)}, test MSE "
        f"{format_number(test_mse)}; noise floor {format_number(noise_floor)}."
    )
    if diverged:
        text += " Training diverged (the weights are those of the last good epoch)."
    return text


def _whole(value, name: str, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ValueError(f"{name} must be a whole number >= {low}; got {describe(value)}")
    if high is not None and value > high:
        raise ValueError(f"{name} must be at most {high}; got {value}")
    return value


# The page trains in the reader's browser, a frame at a time: sizes beyond these would
# freeze it (and the settings, written into the page, would weigh megabytes).
MAX_NEURONS = 1000
MAX_POINTS = 10_000
MAX_NOISE = 10.0  # the curves lie within [-2, 2]; more noise hides them entirely


def fit_settings(
    vary: str = "neurons",
    *,
    neurons: int = 2,
    l2: float = 0.0,
    largest: int = 32,
    log_range=(-5.0, -1.0),
    n_train: int = 20,
    n_test: int = 200,
    noise: float = 0.3,
    function: str = "sine",
    train_seed: int = 1,
    test_seed: int = 2,
    seed: int = 0,
    epochs: int = 2000,
    learning_rate: float = 0.01,
    epochs_per_frame: int = 20,
    title: str = "",
) -> dict:
    """The component's settings, checked; data and the largest network's weights from nnlib.

    ``vary``: "neurons" (the slider moves N from 1 to ``largest``, λ stays ``l2``) or
    "l2" (N stays ``largest`` and the slider moves λ: log10 λ over ``log_range``, and 0).
    """
    check_choice(vary, "vary", ("neurons", "l2"))
    largest = _whole(largest, "largest", 1, MAX_NEURONS)
    neurons = largest if vary == "l2" else _whole(neurons, "neurons", 1)
    if neurons > largest:
        raise ValueError(f"neurons must lie in [1, largest={largest}]; got {neurons}")
    for value, name in ((epochs, "epochs"), (epochs_per_frame, "epochs_per_frame")):
        _whole(value, name, 1)
    n_train = _whole(n_train, "n_train", 2, MAX_POINTS)
    n_test = _whole(n_test, "n_test", 2, MAX_POINTS)
    check_number(noise, "noise", 0.0, MAX_NOISE)
    low, high = check_pair(log_range, "log_range", "(log10 low, log10 high)")
    if not low < high:
        raise ValueError(
            f"log_range must be (log10 low, log10 high) with low < high; got {log_range!r}"
        )
    l2 = check_number(l2, "l2")
    if l2 != 0 and not 10**low <= l2 <= 10**high:
        raise ValueError(
            f"l2 must be 0 or lie in [{10**low:g}, {10**high:g}] (log_range); got {l2}"
        )
    learning_rate = check_number(learning_rate, "learning_rate")
    if learning_rate <= 0:
        raise ValueError(f"learning_rate must be > 0; got {learning_rate}")
    X_train, y_train = regression_1d(n=n_train, function=function, noise=noise, seed=train_seed)
    X_test, y_test = regression_1d(n=n_test, function=function, noise=noise, seed=test_seed)
    curve_x = np.linspace(-1.0, 1.0, 121).reshape(-1, 1)
    network = Network([1, largest, largest, 1], activation="tanh", seed=seed)
    return {
        "vary": vary,
        "train": {"x": X_train[:, 0].tolist(), "y": y_train[:, 0].tolist()},
        "test": {"x": X_test[:, 0].tolist(), "y": y_test[:, 0].tolist()},
        "curve": {
            "x": curve_x[:, 0].tolist(),
            "y": regression_curve(function, curve_x)[:, 0].tolist(),
        },
        # the test error of the true curve itself: the best any model can hope for
        "noiseFloor": float(np.mean((y_test - regression_curve(function, X_test)) ** 2)),
        "largest": largest,
        "parameters": [p.tolist() for p in network.parameters()],
        "neurons": neurons,
        "l2": l2,
        "logRange": [low, high],
        "strengthStep": STRENGTH_STEP,
        "epochs": epochs,
        "learningRate": learning_rate,
        "epochsPerFrame": epochs_per_frame,
        "title": title or (CAPACITY_TITLE if vary == "neurons" else L2_TITLE),
        "colors": book_colors(),
    }


def starting_parameters(settings: dict, neurons: int) -> list[np.ndarray]:
    """[W1, b1, W2, b2, W3, b3] of the N-unit network: blocks of the largest one's, rescaled.

    Xavier's uniform limit is sqrt(6 / (fan_in + fan_out)); a block of a matrix drawn
    with the largest network's fans, times sqrt(their sum / the block's), is uniform
    with the block's own limit. Biases start at 0 in both.
    """
    check_settings(settings, "settings", SETTINGS_KEYS, "live_capacity.fit_settings")
    largest = settings["largest"]
    if isinstance(neurons, bool) or not isinstance(neurons, int) or not 1 <= neurons <= largest:
        raise ValueError(f"neurons must be a whole number in [1, {largest}]; got {neurons!r}")
    W1, b1, W2, b2, W3, b3 = (np.array(p, dtype=float) for p in settings["parameters"])
    n, m = neurons, largest
    return [
        W1[:, :n] * math.sqrt((1 + m) / (1 + n)),
        b1[:n].copy(),
        W2[:n, :n] * math.sqrt((m + m) / (n + n)),
        b2[:n].copy(),
        W3[:n, :] * math.sqrt((m + 1) / (n + 1)),
        b3.copy(),
    ]


def _column(values) -> np.ndarray:
    return np.array(values, dtype=float).reshape(-1, 1)


def train_fit(settings: dict, neurons: int, strength: float, epochs: int | None = None) -> dict:
    """Train as the page does, with nnlib: full-batch Adam on MSE, exact errors after each epoch.

    Returns {"train": [...], "test": [...]} (entry 0: before training), "diverged",
    and the trained "network".
    """
    check_settings(settings, "settings", SETTINGS_KEYS, "live_capacity.fit_settings")
    epochs = settings["epochs"] if epochs is None else check_whole(epochs, "epochs", 0, 100_000)
    strength = check_number(strength, "strength", 0.0, 1e6)
    neurons = check_whole(neurons, "neurons", 1, settings["largest"])
    network = Network([1, neurons, neurons, 1], activation="tanh")
    network.set_parameters(starting_parameters(settings, neurons))
    X_train, y_train = _column(settings["train"]["x"]), _column(settings["train"]["y"])
    X_test, y_test = _column(settings["test"]["x"]), _column(settings["test"]["y"])
    trainer = Trainer(
        network,
        X_train,
        y_train,
        X_test,
        y_test,
        loss="mse",
        optimizer="adam",
        learning_rate=settings["learningRate"],
        l2=float(strength),
        evaluate_train_every=1,
    )
    train, test = [trainer.evaluate(X_train, y_train)[0]], [trainer.evaluate(X_test, y_test)[0]]
    diverged = False
    try:
        trainer.run(epochs)
    except TrainingDiverged:
        diverged = True
    train += trainer.history.train_loss
    test += trainer.history.test_loss
    return {"train": train, "test": test, "diverged": diverged, "network": network}


@functools.lru_cache(maxsize=64)
def _run_at(settings_key: tuple, neurons: int, strength: float) -> dict:
    options = dict(settings_key)
    return train_fit(fit_settings(**options), neurons, strength)


def _draw(settings: dict, run: dict, neurons: int, strength: float, epoch: int):
    """The fit over the points (left) and the train and test error per epoch (right)."""
    shown = min(epoch, len(run["train"]) - 1)
    fig, (left, right) = plotting.new_figure(1, 2, figsize=(10, 3.6))
    test_x, test_y = settings["test"]["x"], settings["test"]["y"]
    left.plot(
        test_x, test_y, "o", mfc="none", ms=3, color=plotting.MUTED_COLOR, label="test points"
    )
    left.plot(
        settings["curve"]["x"],
        settings["curve"]["y"],
        "--",
        color=plotting.INK_COLOR,
        label="true curve",
    )
    left.plot(
        settings["train"]["x"],
        settings["train"]["y"],
        "o",
        color=plotting.ORANGE,
        mec=plotting.INK_COLOR,
        label="training points",
    )
    grid = _column(settings["curve"]["x"])
    left.plot(grid[:, 0], run["network"](grid)[:, 0], color=plotting.BLUE, lw=2, label="network")
    head = (
        f"two layers of {neurons} tanh units"
        if settings["vary"] == "neurons"
        else f"{neurons} units per layer, λ = {format_strength(strength)}"
    )
    left.set(ylim=(-2.2, 2.2), xlabel="x", ylabel="y", title=head)
    left.legend(loc="lower right", fontsize=8)
    steps = np.arange(shown + 1)
    right.plot(steps, run["train"][: shown + 1], color=plotting.BLUE, label="train MSE")
    right.plot(steps, run["test"][: shown + 1], "--", color=plotting.VERMILLION, label="test MSE")
    right.axhline(settings["noiseFloor"], color=plotting.MUTED_COLOR, ls=":", label="noise floor")
    right.set_yscale("log")
    right.set(
        xlim=(0, settings["epochs"]),
        xlabel="epoch",
        ylabel="mean squared error",
        title="train and test error",
    )
    right.legend(loc="upper right", fontsize=8)
    return fig


def _face(settings: dict, options: dict, kernel, as_html):
    """Both faces of one explorable; the kernel face has the page's slider and an epoch slider."""
    key = tuple(
        sorted((k, tuple(v) if isinstance(v, (list, tuple)) else v) for k, v in options.items())
    )
    epochs, vary, largest = settings["epochs"], settings["vary"], settings["largest"]
    n_points = len(settings["train"]["x"])

    def arguments(value):
        return (value, settings["l2"]) if vary == "neurons" else (largest, value)

    def run(value):
        neurons, strength = arguments(value)
        return _run_at(key, int(neurons), float(strength))

    def draw(value, epoch):
        return _draw(settings, run(value), *arguments(value), epoch)

    def readout(value, epoch):
        r = run(value)
        shown = min(epoch, len(r["train"]) - 1)
        return fit_readout(
            vary,
            *arguments(value),
            shown,
            r["train"][shown],
            r["test"][shown],
            settings["noiseFloor"],
            n_points,
            r["diverged"] and shown == len(r["train"]) - 1,
        )

    def alt(value, epoch):
        neurons, strength = arguments(value)
        return (
            f"Left: {n_points} noisy training points of a curve, test points and the true "
            f"curve, with the fit of a network with two hidden layers of {neurons} tanh units"
            f" trained with L2 strength {format_strength(strength)}. Right: its train and "
            f"test error over {epochs} epochs, with the noise floor."
        )

    if vary == "neurons":
        start = settings["neurons"]
        control = widgets.IntRange("value", 1, largest, value=start, label="neurons per layer N")
    else:
        start = settings["l2"]
        low, high = (10**v for v in settings["logRange"])
        control = widgets.FloatRange(
            "value", 0.0, high, step=low, value=start, label="L2 strength λ"
        )
    controls = [control, widgets.IntRange("epoch", 0, epochs, step=1, value=epochs)]
    return show(
        "overfitting",
        settings,
        title=settings["title"],
        values={"value": start, "epoch": epochs},
        draw=draw,
        readout=readout,
        alt=alt,
        controls=controls,
        kernel=kernel,
        as_html=as_html,
    )


def capacity_training(
    neurons: int = 2, *, kernel: bool | None = None, as_html: bool = False, **options
):
    """The reader moves N, the neurons per layer of [1, N, N, 1]; each N trains live.

    ``options`` as in :func:`fit_settings` (largest, l2, n_train, n_test, noise,
    function, train_seed, test_seed, seed, epochs, learning_rate, epochs_per_frame,
    title). For a chapter cell::

        live_capacity.capacity_training(2, largest=32, epochs=2000)
    """
    options = {**options, "vary": "neurons", "neurons": neurons}
    return _face(fit_settings(**options), options, kernel, as_html)


def l2_training(l2: float = 0.0, *, kernel: bool | None = None, as_html: bool = False, **options):
    """The largest network [1, M, M, 1] trained live at the L2 strength λ the reader picks.

    ``options`` as in :func:`fit_settings`; the slider moves log10 λ over ``log_range``
    and its leftmost stop is λ = 0. For a chapter cell::

        live_capacity.l2_training(0.0, largest=32, log_range=(-5, -1))
    """
    options = {**options, "vary": "l2", "l2": l2}
    return _face(fit_settings(**options), options, kernel, as_html)
