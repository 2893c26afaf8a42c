"""Networks that train live in the reader's page (chapter 4's dead ReLU units).

``dead_units_training`` returns, in the static book, the ``dead-units`` component
(book/js/components/dead-units.js): the browser twin of nnlib trains the network from
the exact weights nnlib's ``Network(sizes, seed=seed)`` starts with, on the data set
nnlib.datasets makes, at the learning rate the reader picks on a log-scale slider, and
counts the hidden units that are dead on every training sample. The fallback picture
and the JupyterLab face train with nnlib itself. ``dead_units_readout`` is the sentence
both faces show, so a test can compare the page with nnlib word for word.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from nnbook import plotting, widgets
from nnbook.checks import (
    check_flag,
    check_layer_sizes,
    check_number,
    check_numbers,
    check_pair,
    check_settings,
    check_whole,
    describe,
    finite_array,
)
from nnbook.live import book_colors, format_number, show
from nnlib.datasets import make_dataset
from nnlib.network import Network
from nnlib.training import DIVERGED_PATIENCE, Trainer

__all__ = [
    "dead_units_readout",
    "dead_units_settings",
    "dead_units_training",
    "format_learning_rate",
    "train_dead_units",
]

TITLE = "Dead ReLU units while training at a chosen learning rate"


def format_learning_rate(learning_rate: float) -> str:
    """Three significant digits (0.0100, 0.295, 3.16, 10.0), as the page writes them."""
    if check_number(learning_rate, "learning_rate") <= 0:
        raise ValueError(f"learning_rate must be > 0; got {learning_rate!r}")
    exponent = math.floor(math.log10(learning_rate) + 1e-9)
    return format_number(learning_rate, max(0, 2 - exponent))


def dead_units_readout(
    learning_rate: float, epoch: int, dead: int, n_hidden: int, loss: float, diverged: bool = False
) -> str:
    """What the page says after ``epoch`` epochs (its live region), from given numbers."""
    check_numbers(learning_rate=learning_rate, loss=loss)
    epoch, n_hidden = check_whole(epoch, "epoch", 0), check_whole(n_hidden, "n_hidden", 1)
    dead = check_whole(dead, "dead", 0, n_hidden)
    diverged = check_flag(diverged, "diverged")
    share = format_number(100 * dead / n_hidden, 0)
    text = (
        f"Learning rate {format_learning_rate(learning_rate)}, epoch {epoch}: "
        f"dead units: {dead} of {n_hidden} ({share}%), training loss {format_number(loss)}."
    )
    if diverged:
        text += (
            " Training diverged — lower the learning rate"
            " (the weights are those of the last good epoch)."
        )
    return text


def dead_units_settings(
    learning_rate: float = 0.3,
    *,
    lr_range=(0.01, 10.0),
    sizes=(2, 32, 32, 1),
    dataset: str = "moons",
    n: int = 200,
    noise: float = 0.1,
    data_seed: int = 0,
    seed: int = 0,
    epochs: int = 150,
    batch_size: int | None = None,
    epochs_per_frame: int = 1,
    title: str = TITLE,
) -> dict:
    """The component's settings, checked; data and starting weights come from nnlib."""
    low, high = check_pair(lr_range, "lr_range")  # refuses anything but two numbers
    data_seed, seed = check_whole(data_seed, "data_seed", 0), check_whole(seed, "seed", 0)
    if not 0 < low < high:
        raise ValueError(f"lr_range must be (low, high) with 0 < low < high; got {lr_range!r}")
    learning_rate = check_number(learning_rate, "learning_rate", low, high)
    sizes = check_layer_sizes(sizes)
    if len(sizes) < 3 or sizes[0] != 2 or sizes[-1] != 1 or min(sizes) < 1:
        raise ValueError(
            f"sizes must be [2, hidden..., 1] (two inputs, at least one hidden layer, one "
            f"output); got {sizes!r}"
        )
    for value, name in ((epochs, "epochs"), (epochs_per_frame, "epochs_per_frame")):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a whole number >= 1; got {value!r}")
    if batch_size is not None and (
        isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1
    ):
        raise ValueError(
            f"batch_size must be None (full batch) or a whole number >= 1; got {batch_size!r}"
        )
    X, y = make_dataset(dataset, n=n, noise=noise, seed=data_seed)
    network = Network(sizes, activation="relu", seed=seed)
    return {
        "points": X.tolist(),
        "labels": [int(v) for v in y],
        "sizes": sizes,
        "parameters": [p.tolist() for p in network.parameters()],
        "learningRate": learning_rate,
        # the slider moves log10 of the learning rate in steps of 0.01
        "logRange": [math.log10(low), math.log10(high)],
        "epochs": epochs,
        "batchSize": batch_size,
        "seed": seed,
        "epochsPerFrame": epochs_per_frame,
        "title": title,
        "colors": book_colors(),
    }


def train_dead_units(settings: dict, learning_rates, orders=None) -> dict:
    """Train as the page does with nnlib: one epoch per entry of ``learning_rates``.

    ``orders[e]`` is the sample order of epoch e's mini-batches (None: full batch, or
    nnlib's own shuffle). Returns the dead count and loss after each epoch (entry 0:
    before training) and whether training diverged, by either of nnlib's rules (the
    failed epoch is not counted).
    """
    keys = ("points", "labels", "sizes", "seed", "parameters", "learningRate", "batchSize")
    check_settings(settings, "settings", keys, "live_training.dead_units_settings")
    X = np.array(settings["points"], dtype=float)
    y = np.array(settings["labels"])
    learning_rates = finite_array(learning_rates, "learning_rates")
    if learning_rates.ndim != 1 or len(learning_rates) > 100_000 or np.any(learning_rates <= 0):
        raise ValueError(
            "learning_rates must be one learning rate > 0 per epoch (at most 100000); "
            f"got {describe(learning_rates)}"
        )
    if orders is not None:
        if (
            not isinstance(orders, (list, tuple, np.ndarray))
            or (isinstance(orders, np.ndarray) and orders.ndim == 0)  # it has no length
            or len(orders) != len(learning_rates)
        ):
            raise ValueError(f"orders must give one sample order per epoch; got {describe(orders)}")
        for epoch, order in enumerate(orders):
            if sorted(np.ravel(order).tolist()) != list(range(len(X))):
                raise ValueError(f"orders[{epoch}] must be an order of the {len(X)} samples")
    network = Network(settings["sizes"], activation="relu", seed=settings["seed"])
    network.set_parameters([np.array(p) for p in settings["parameters"]])
    trainer = Trainer(
        network,
        X,
        y,
        optimizer="sgd",
        learning_rate=learning_rates[0] if len(learning_rates) else settings["learningRate"],
        batch_size=settings["batchSize"],
        seed=settings["seed"],
    )
    dead = [int(sum(network.dead_units(X)))]
    losses = [trainer.evaluate(X, y)[0]]
    diverged, above = False, 0
    for epoch, learning_rate in enumerate(learning_rates):
        trainer.learning_rate = float(learning_rate)
        saved = [p.copy() for p in network.parameters()]
        size = settings["batchSize"]
        with np.errstate(all="ignore"):
            if size is None or size >= len(X):
                trainer.step(X, trainer.targets_train)
            else:
                order = (
                    trainer.rng.permutation(len(X)) if orders is None else np.asarray(orders[epoch])
                )
                Xs, Ts = X[order], trainer.targets_train[order]
                for start in range(0, len(X), size):
                    trainer.step(Xs[start : start + size], Ts[start : start + size])
        finite = all(np.isfinite(p).all() for p in network.parameters())
        loss = trainer.evaluate(X, y)[0] if finite else math.nan
        if not math.isfinite(loss):
            network.set_parameters(saved)  # as the page does: back to the last good epoch
            diverged = True
            break
        # nnlib's other rule (Trainer.run's): far above the start and guessing, epoch
        # after epoch. The weights stay, but the page does not count the epoch.
        above = above + 1 if loss > trainer.divergence_ceiling else 0
        if above >= DIVERGED_PATIENCE:
            diverged = True
            break
        dead.append(int(sum(network.dead_units(X))))
        losses.append(loss)
    return {
        "dead": dead,
        "loss": losses,
        "diverged": diverged,
        "hidden": sum(settings["sizes"][1:-1]),
    }


@functools.lru_cache(maxsize=32)
def _run_at(settings_key: tuple, learning_rate: float) -> dict:
    settings = dict(settings_key)
    settings = dead_units_settings(learning_rate, **settings)
    return train_dead_units(settings, [learning_rate] * settings["epochs"])


def _draw(run: dict, learning_rate: float, epoch: int, epochs: int):
    shown = min(epoch, len(run["dead"]) - 1)
    fig, (top, bottom) = plotting.new_figure(2, 1, figsize=(6.4, 5.0))
    steps = np.arange(shown + 1)
    plotting.line_plot(
        steps,
        {"training loss": run["loss"][: shown + 1]},
        ax=top,
        ylabel="training loss",
        title=f"learning rate {format_learning_rate(learning_rate)}",
    )
    plotting.line_plot(
        steps,
        {"dead share": np.array(run["dead"][: shown + 1]) / run["hidden"]},
        ax=bottom,
        xlabel="epoch",
        ylabel="share of hidden units dead",
        title=f"{run['dead'][shown]} of {run['hidden']} hidden units dead",
    )
    for ax in (top, bottom):
        ax.set_xlim(0, epochs)
    bottom.set_ylim(0, 1)
    return fig


def dead_units_training(
    learning_rate: float = 0.3, *, kernel: bool | None = None, as_html: bool = False, **options
):
    """A ReLU network trained live at a chosen learning rate, counting its dead units.

    ``options`` as in :func:`dead_units_settings` (lr_range, sizes, dataset, n, noise,
    data_seed, seed, epochs, batch_size, epochs_per_frame, title). For a chapter cell::

        live_training.dead_units_training(0.3, lr_range=(0.01, 10), epochs=150)
    """
    settings = dead_units_settings(learning_rate, **options)
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))
    epochs, low, high = settings["epochs"], *(10**v for v in settings["logRange"])

    def run(lr):
        return _run_at(key, float(lr))

    def draw(learning_rate, epoch):
        return _draw(run(learning_rate), learning_rate, epoch, epochs)

    def readout(learning_rate, epoch):
        r = run(learning_rate)
        shown = min(epoch, len(r["dead"]) - 1)
        return dead_units_readout(
            learning_rate,
            shown,
            r["dead"][shown],
            r["hidden"],
            r["loss"][shown],
            r["diverged"] and shown == len(r["dead"]) - 1,
        )

    def alt(learning_rate, epoch):
        return (
            f"Two curves over {epochs} epochs of training at learning rate "
            f"{format_learning_rate(learning_rate)}: the training loss, and the share of "
            f"the {run(learning_rate)['hidden']} hidden ReLU units that are dead."
        )

    controls = [
        widgets.FloatRange(
            "learning_rate", low, high, step=0.01, value=learning_rate, label="learning rate"
        ),
        widgets.IntRange("epoch", 0, epochs, step=1, value=epochs),
    ]
    return show(
        "dead-units",
        settings,
        title=settings["title"],
        values={"learning_rate": learning_rate, "epoch": epochs},
        draw=draw,
        readout=readout,
        alt=alt,
        controls=controls,
        kernel=kernel,
        as_html=as_html,
    )
