"""Small networks trained live on XOR in the reader's page (chapters 0 and 5).

``xor_training`` (chapter 0, component ``xor-training``): a small network learns the
four XOR points while the reader watches, Play / Pause / Step / Reset, its decision map
and the points redrawn after every epoch. ``xor_fold`` (chapter 5, ``xor-fold``): the
input plane and the hidden layer's plane side by side, an epoch slider over the whole
run, the hidden points moving as the network trains; both planes keep the axes of the
whole run, so nothing jumps between epochs.

Both pages train with the browser twin of nnlib (book/js/nnlib) from the exact starting
weights of nnlib's ``Network(sizes, activation, seed)``, full batch, on the points
given here; :func:`train_like_the_page` is the same run with nnlib
(``Trainer(evaluate_train_every=1)``: the twin records the exact loss after each
epoch), which the fallback picture, the JupyterLab face and the browser tests use.
"""

from __future__ import annotations

import numpy as np

from nnbook import plotting, widgets
from nnbook.checks import (
    check_choice,
    check_layer_sizes,
    check_number,
    check_numbers,
    check_settings,
    check_whole,
    describe,
    finite_array,
)
from nnbook.live import book_colors, format_number, show
from nnlib.activations import sigmoid
from nnlib.network import Network
from nnlib.training import Trainer

__all__ = [
    "fold_extent",
    "fold_readout",
    "train_like_the_page",
    "training_settings",
    "xor_fold",
    "xor_training",
    "xor_training_readout",
]

OPTIMIZERS = ("sgd", "momentum", "adam")


def training_settings(
    points,
    labels,
    *,
    sizes=(2, 4, 1),
    activation: str = "relu",
    seed: int = 1,
    optimizer: str = "adam",
    learning_rate: float = 0.05,
    epochs: int = 300,
    epochs_per_frame: int = 1,
    padding: float = 0.6,
    title: str = "",
) -> dict:
    """The settings both components read, checked; starting weights from nnlib."""
    X = finite_array(points, "points")
    y = finite_array(labels, "labels")
    if X.ndim != 2 or X.shape[1] != 2 or len(X) == 0:
        raise ValueError(f"points must be an (n, 2) array of 2-D points; got shape {X.shape}")
    if y.shape != (len(X),) or not np.isin(y, (0, 1)).all():
        raise ValueError(f"labels must be {len(X)} class labels 0 or 1; got {describe(labels)}")
    sizes = check_layer_sizes(sizes)
    if len(sizes) < 3 or sizes[0] != 2 or sizes[-1] != 1 or min(sizes) < 1:
        raise ValueError(
            f"sizes must be [2, hidden..., 1] (two inputs, at least one hidden layer, one "
            f"output); got {sizes!r}"
        )
    check_choice(optimizer, "optimizer", OPTIMIZERS)
    learning_rate = check_number(learning_rate, "learning_rate", 1e-6, 10.0)
    padding = check_number(padding, "padding", 0.0, 10.0)
    for value, name in ((epochs, "epochs"), (epochs_per_frame, "epochs_per_frame")):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5000:
            raise ValueError(f"{name} must be a whole number in [1, 5000]; got {value!r}")
    network = Network(sizes, activation=activation, seed=seed)
    low, high = X.min(axis=0) - padding, X.max(axis=0) + padding
    return {
        "points": X.tolist(),
        "labels": [int(v) for v in y],
        "sizes": sizes,
        "activation": activation,
        "parameters": [p.tolist() for p in network.parameters()],
        "optimizer": optimizer,
        "learningRate": learning_rate,
        "epochs": epochs,
        "epochsPerFrame": epochs_per_frame,
        "extent": [float(low[0]), float(high[0]), float(low[1]), float(high[1])],
        "title": title,
        "colors": book_colors(),
    }


# What train_like_the_page reads from the settings of training_settings.
SETTINGS_KEYS = ("points", "labels", "sizes", "activation", "parameters", "optimizer", "epochs")


def _check_progress(epoch, epochs, loss, wrong, n) -> None:
    """The numbers of a readout: counts that fit together and a finite loss."""
    check_numbers(loss=loss)
    epochs, n = check_whole(epochs, "epochs", 0), check_whole(n, "n", 1)
    check_whole(epoch, "epoch (at most epochs)", 0, epochs)
    check_whole(wrong, "wrong (at most n)", 0, n)


def train_like_the_page(settings: dict, epochs: int | None = None) -> dict:
    """The page's run with nnlib: ``epochs`` (default: all) full-batch epochs.

    Returns ``loss`` and ``wrong`` (misclassified points) before training and after
    each epoch, and ``networks``: a copy of the network at each of those moments.
    """
    check_settings(settings, "settings", SETTINGS_KEYS, "live_xor.training_settings")
    epochs = settings["epochs"] if epochs is None else check_whole(epochs, "epochs", 0, 100_000)
    X = np.array(settings["points"], dtype=float)
    y = np.array(settings["labels"])
    network = Network(settings["sizes"], activation=settings["activation"])
    network.set_parameters([np.array(p) for p in settings["parameters"]])
    trainer = Trainer(
        network,
        X,
        y,
        optimizer=settings["optimizer"],
        learning_rate=settings["learningRate"],
        evaluate_train_every=1,
    )
    losses = [trainer.evaluate(X, y)[0]]
    wrong = [int(np.sum(network.predict(X) != y))]
    networks = [network.copy()]
    for _ in range(epochs):
        history = trainer.run(1)
        losses.append(history.train_loss[-1])
        wrong.append(int(np.sum(network.predict(X) != y)))
        networks.append(network.copy())
    return {"loss": losses, "wrong": wrong, "networks": networks}


def _cached_run(settings: dict):
    runs = {}

    def run() -> dict:
        if "all" not in runs:
            runs["all"] = train_like_the_page(settings)
        return runs["all"]

    return run


def _map(ax, probability, extent, resolution=80):
    grid = plotting.grid_over(extent[:2], extent[2:], resolution)
    p = plotting.predict_grid(probability, grid)
    ax.imshow(
        plotting.decision_map_rgb(p),
        origin="lower",
        extent=grid.extent,
        aspect="auto",
        interpolation="bilinear",
        zorder=0,
    )
    if p.min() < 0.5 < p.max():
        ax.contour(grid.xs, grid.ys, p, levels=[0.5], colors=plotting.INK_COLOR, linewidths=1.5)
    ax.set(xlim=extent[:2], ylim=extent[2:])
    ax.grid(False)


# ----------------------------------------------------------------------------------
# Chapter 0: a small network trained live on the four XOR points
# ----------------------------------------------------------------------------------


def xor_training_readout(epoch: int, epochs: int, loss: float, wrong: int, n: int) -> str:
    """The sentence the xor-training component shows after ``epoch`` epochs."""
    _check_progress(epoch, epochs, loss, wrong, n)
    return (
        f"Epoch {epoch} of {epochs}: training loss {format_number(loss, 4)}, "
        f"{wrong} of {n} points wrong."
    )


def xor_training(
    points,
    labels,
    *,
    kernel: bool | None = None,
    as_html: bool = False,
    **options,
):
    """A small two-layer network trained live to separate the XOR points.

    ``options`` as in :func:`training_settings` (sizes, activation, seed, optimizer,
    learning_rate, epochs, epochs_per_frame, padding, title). For a chapter cell::

        live_xor.xor_training(X_xor, y_xor, sizes=(2, 4, 1), seed=1, epochs=300)
    """
    settings = training_settings(points, labels, **options)
    if not settings["title"]:
        settings["title"] = "Training the {} network on XOR".format(
            "–".join(str(s) for s in settings["sizes"])
        )
    run, epochs, n = _cached_run(settings), settings["epochs"], len(settings["points"])
    X, y = np.array(settings["points"]), np.array(settings["labels"])

    def draw(epoch):
        network = run()["networks"][epoch]
        fig, ax = plotting.new_figure(figsize=(4.2, 3.8))
        _map(ax, network.predict_proba, settings["extent"])
        wrong = network.predict(X) != y
        plotting.scatter_data(X, y, ax=ax, legend=False, size=60)
        ax.plot(X[wrong, 0], X[wrong, 1], "x", ms=16, mew=2.5, color=plotting.VERMILLION)
        ax.set(
            title=f"epoch {epoch}: {int(wrong.sum())} of {n} wrong", xlabel="$x_1$", ylabel="$x_2$"
        )
        return fig

    def readout(epoch):
        r = run()
        return xor_training_readout(epoch, epochs, r["loss"][epoch], r["wrong"][epoch], n)

    def alt(epoch):
        return (
            f"The {n} XOR points over the decision map of the network after {epoch} of "
            f"{epochs} epochs of training; crosses mark the points it gets wrong."
        )

    return show(
        "xor-training",
        settings,
        title=settings["title"],
        values={"epoch": epochs},
        draw=draw,
        readout=readout,
        alt=alt,
        controls=[widgets.IntRange("epoch", 0, epochs, value=0, label="epochs trained")],
        kernel=kernel,
        as_html=as_html,
    )


# ----------------------------------------------------------------------------------
# Chapter 5: the fold, the input plane and the hidden plane during training
# ----------------------------------------------------------------------------------


def fold_extent(settings: dict, padding: float = 0.4) -> list[float]:
    """The hidden plane's axes for the whole run: every epoch's hidden points fit.

    [h1 low, h1 high, h2 low, h2 high] over all epochs of nnlib's run, widened by
    ``padding`` (the page draws every epoch with these axes).
    """
    check_settings(settings, "settings", SETTINGS_KEYS, "live_xor.training_settings")
    padding = check_number(padding, "padding", 0.0, 10.0)
    X = np.array(settings["points"], dtype=float)
    hidden = np.concatenate(
        [net.hidden_activations(X)[0] for net in train_like_the_page(settings)["networks"]]
    )
    low, high = hidden.min(axis=0) - padding, hidden.max(axis=0) + padding
    return [float(low[0]), float(high[0]), float(low[1]), float(high[1])]


def fold_readout(epoch: int, epochs: int, loss: float, wrong: int, n: int) -> str:
    """The sentence the xor-fold component shows at ``epoch``."""
    _check_progress(epoch, epochs, loss, wrong, n)
    accuracy = format_number(100 * (n - wrong) / n, 0)
    return (
        f"Epoch {epoch} of {epochs}: training loss {format_number(loss, 4)}, "
        f"training accuracy {accuracy}% ({wrong} of {n} points wrong)."
    )


def xor_fold(
    points,
    labels,
    *,
    epoch: int | None = None,
    kernel: bool | None = None,
    as_html: bool = False,
    **options,
):
    """The input plane and the hidden plane of a [2, 2, 1] network as it trains.

    ``options`` as in :func:`training_settings` (sizes must have one hidden layer of
    two units); ``epoch``: where the slider starts (default: the end). For a cell::

        live_xor.xor_fold(X_noisy, y_noisy, sizes=(2, 2, 1), seed=1, epochs=400)
    """
    options.setdefault("sizes", (2, 2, 1))
    options.setdefault("padding", 0.4)
    settings = training_settings(points, labels, **options)
    if settings["sizes"] != [2, 2, 1]:
        raise ValueError(
            f"xor_fold draws the hidden layer as a plane, so sizes must be [2, 2, 1]; "
            f"got {settings['sizes']!r}"
        )
    epochs, n = settings["epochs"], len(settings["points"])
    epoch = epochs if epoch is None else epoch
    if isinstance(epoch, bool) or not isinstance(epoch, int) or not 0 <= epoch <= epochs:
        raise ValueError(f"epoch must be a whole number in [0, {epochs}]; got {epoch!r}")
    settings["title"] = settings["title"] or "The fold: input plane and hidden plane"
    settings["hiddenExtent"] = fold_extent(settings)
    settings["epoch"] = epoch
    run = _cached_run(settings)
    X, y = np.array(settings["points"]), np.array(settings["labels"])

    def draw(epoch):
        network = run()["networks"][epoch]
        output = network.layers[-1]
        hidden = network.hidden_activations(X)[0]
        fig, (left, right) = plotting.new_figure(1, 2, figsize=(9.0, 4.0))
        _map(left, network.predict_proba, settings["extent"], 60)
        plotting.scatter_data(X, y, ax=left, legend=False, size=16)
        left.set(title=f"input plane, epoch {epoch}", xlabel="$x_1$", ylabel="$x_2$")
        _map(right, lambda H: sigmoid(H @ output.W + output.b), settings["hiddenExtent"], 60)
        plotting.scatter_data(hidden, y, ax=right, legend=False, size=16)
        right.set(title="hidden plane", xlabel="$h_1$", ylabel="$h_2$")
        right.set(xlim=settings["hiddenExtent"][:2], ylim=settings["hiddenExtent"][2:])
        return fig

    def readout(epoch):
        r = run()
        return fold_readout(epoch, epochs, r["loss"][epoch], r["wrong"][epoch], n)

    def alt(epoch):
        return (
            f"Left: the {n} noisy XOR points over the decision map of the [2, 2, 1] network "
            f"after {epoch} of {epochs} epochs. Right: the same points as the hidden layer "
            "places them (h1, h2), over the output neuron's straight boundary."
        )

    return show(
        "xor-fold",
        settings,
        title=settings["title"],
        values={"epoch": epoch},
        draw=draw,
        readout=readout,
        alt=alt,
        controls=[widgets.IntRange("epoch", 0, epochs, value=epoch, label="epoch")],
        kernel=kernel,
        as_html=as_html,
    )
