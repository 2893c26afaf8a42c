"""Live component of chapter 9: how small should the step ε of a gradient check be?

``gradient_check(network, X, y)`` shows the relative error between backprop's
gradient of the first layer's weights and the central-difference estimate
(nnlib.gradcheck) against ε = 10^-k, on a log-log plot, for the correct backward pass
and for one that forgets the first hidden layer's activation derivative (the
chapter's bug); the reader slides k continuously (component ``gradient-check``,
book/js/components/gradient-check.js, which rebuilds the same network from the
weights sent here and computes with the browser twin, book/js/nnlib/gradcheck.js).

``first_layer_gradients`` and ``check_errors`` are the same computation with nnlib,
which the fallback picture, the JupyterLab face and the tests use; ``gradcheck_readout``
writes the sentence the page shows.

>>> import numpy as np
>>> from nnlib.network import Network
>>> net = Network([2, 3, 2], activation="tanh", seed=0)
>>> X, y = np.random.default_rng(0).normal(size=(4, 2)), np.array([0, 1, 1, 0])
>>> errors = check_errors(net, X, y, [1e-5])
>>> errors["correct"][0] < 1e-8 < 1e-3 < errors["buggy"][0]
True
"""

from __future__ import annotations

import functools

import numpy as np

from nnbook import plotting, widgets
from nnbook.checks import check_choice, check_numbers, check_pair, finite_array
from nnbook.live import book_colors, check_number, format_exponential, format_number, show
from nnlib.gradcheck import numerical_gradient, relative_error
from nnlib.losses import get_loss
from nnlib.network import Network

__all__ = [
    "LOSSES",
    "check_errors",
    "first_layer_gradients",
    "gradcheck_readout",
    "gradcheck_settings",
    "gradient_check",
    "page_epsilon",
]

# The losses the page knows (the twin's getLoss names), for classification labels.
LOSSES = ("categorical_cross_entropy", "binary_cross_entropy")
# The twin's elementwise activations a hidden layer may use.
PAGE_ACTIVATIONS = ("linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "silu")
GRID_PER_UNIT = 20  # curve points per unit of k on the page
PICTURE_PER_UNIT = 10  # and in the picture nnlib draws (each point costs 16 forward passes)


def _check_case(network, X, y, loss: str):
    if not isinstance(network, Network):
        raise ValueError(f"network must be an nnlib Network; got {type(network).__name__}")
    if network.dtype != np.float64 or network.dropout:
        raise ValueError(
            "network must be a float64 Network without dropout (a gradient check needs "
            f"float64 and a deterministic loss); got dtype {network.dtype}, dropout "
            f"{network.dropout}"
        )
    if len(network.layers) < 2:
        raise ValueError(
            f"network needs a hidden layer (the bug forgets its activation derivative); got "
            f"layer sizes {list(network.layer_sizes)}"
        )
    check_choice(loss, "loss", LOSSES)
    X = finite_array(X, "X")
    if X.ndim != 2 or X.shape[1] != network.n_inputs or len(X) == 0:
        raise ValueError(
            f"X must be finite numbers of shape (n_samples, {network.n_inputs}); got shape "
            f"{X.shape}"
        )
    y = np.asarray(y) if isinstance(y, (np.ndarray, list, tuple)) else np.asarray([])
    if y.shape != (len(X),) or y.dtype.kind not in "iu":
        raise ValueError(f"y must be {len(X)} whole-number class labels; got {y!r}")
    return X, y, get_loss(loss)


def first_layer_gradients(network, X, y, loss: str = "categorical_cross_entropy"):
    """(correct, buggy): backprop's dL/dW of the first layer, and the same with the bug.

    The buggy backward pass forgets the first hidden layer's activation derivative: it
    multiplies the incoming dL/dA by the layer's input as if dL/dZ were dL/dA.
    """
    X, y, loss_function = _check_case(network, X, y, loss)
    d = loss_function.gradient(network.forward(X), y)
    for layer in reversed(network.layers[1:]):
        d = layer.backward(d)
    buggy = X.T @ d  # the factor f'(Z1) is missing
    network.layers[0].backward(d)
    return network.layers[0].dW.copy(), buggy


def check_errors(network, X, y, epsilons, loss: str = "categorical_cross_entropy") -> dict:
    """{"correct": [...], "buggy": [...]}: the relative error at each ε, by nnlib.gradcheck."""
    X, y, loss_function = _check_case(network, X, y, loss)
    correct, buggy = first_layer_gradients(network, X, y, loss)
    weights = network.layers[0].W

    def loss_now(_):
        return loss_function(network.forward(X), y)

    if isinstance(epsilons, (str, dict)) or np.ndim(epsilons) != 1 or len(epsilons) == 0:
        raise ValueError(f"epsilons must be a list of step sizes; got {epsilons!r:.60}")
    errors = {"correct": [], "buggy": []}
    for epsilon in epsilons:
        numeric = numerical_gradient(loss_now, weights, check_number(epsilon, "epsilon"))
        errors["correct"].append(relative_error(correct, numeric))
        errors["buggy"].append(relative_error(buggy, numeric))
    return errors


def gradcheck_readout(epsilon: float, k: float, correct: float, buggy: float) -> str:
    """The sentence of the gradient-check component at ε = 10^-k."""
    check_numbers(epsilon=epsilon, k=k, correct=correct, buggy=buggy)
    return (
        f"ε = {format_exponential(epsilon)} (k = {format_number(k, 2)}): relative error "
        f"{format_exponential(correct)} for the correct backprop, "
        f"{format_exponential(buggy)} for the buggy one."
    )


def gradcheck_settings(
    network,
    X,
    y,
    *,
    loss: str = "categorical_cross_entropy",
    k: float = 6.0,
    k_range=(1.0, 12.0),
    title: str = "The step ε of a finite-difference gradient check",
) -> dict:
    """The component's settings, checked: the network's layers and weights, the data."""
    X, y, _ = _check_case(network, X, y, loss)
    names = [layer.activation.name for layer in network.layers]
    for name in names[:-1]:
        if name not in PAGE_ACTIVATIONS:
            raise ValueError(
                f"the page's network needs elementwise hidden activations "
                f"({', '.join(PAGE_ACTIVATIONS)}); this one uses {name!r}"
            )
    low, high = check_pair(k_range, "k_range")
    if not 0 < low < high <= 15:
        raise ValueError(f"k_range must be (low, high) with 0 < low < high <= 15; got {k_range!r}")
    return {
        "sizes": list(network.layer_sizes),
        "activation": names[:-1],
        "outputActivation": names[-1],
        "parameters": [p.tolist() for p in network.parameters()],
        "points": X.tolist(),
        "labels": [int(v) for v in y],
        "loss": loss,
        "k": check_number(k, "k", low, high),
        "kRange": [low, high],
        "gridPerUnit": GRID_PER_UNIT,
        "errorRange": [1e-12, 1.0],
        "title": title,
        "colors": book_colors(),
    }


def page_epsilon(k: float) -> float:
    """10^-k as the page computes it, 1 / 10^k: the double nearest 10^-k for a whole k."""
    return 1.0 / 10.0 ** check_number(k, "k", 0.0, 300.0)


def gradient_check(network, X, y, *, kernel: bool | None = None, as_html: bool = False, **options):
    """The relative error of the first layer's gradient against ε = 10^-k, k on a slider.

    ``options`` as in :func:`gradcheck_settings` (loss, k, k_range, title). For a
    chapter cell: ``live_gradcheck.gradient_check(net, X, y, k=6.0)``.
    """
    settings = gradcheck_settings(network, X, y, **options)
    loss = settings["loss"]
    low, high = settings["kRange"]
    grid = np.linspace(low, high, int(round((high - low) * PICTURE_PER_UNIT)) + 1)

    @functools.lru_cache(maxsize=1)
    def curve():
        return check_errors(network, X, y, [page_epsilon(k) for k in grid], loss)

    @functools.lru_cache(maxsize=64)
    def at(k):
        errors = check_errors(network, X, y, [page_epsilon(k)], loss)
        return errors["correct"][0], errors["buggy"][0]

    def draw(k):
        errors, (correct, buggy) = curve(), at(k)
        bottom, top = settings["errorRange"]
        fig, ax = plotting.new_figure(figsize=(6.4, 3.7))
        epsilons = [page_epsilon(v) for v in grid]
        for (label, values), color in zip(
            (("correct backprop", errors["correct"]), ("buggy backprop", errors["buggy"])),
            plotting.SERIES_COLORS,
            strict=False,
        ):
            ax.loglog(epsilons, np.clip(values, bottom, top), color=color, label=label)
        ax.axvline(page_epsilon(k), color=plotting.MUTED_COLOR, ls=":")
        ax.plot(
            [page_epsilon(k)] * 2,
            np.clip([correct, buggy], bottom, top),
            "o",
            color=plotting.INK_COLOR,
        )
        ax.set(
            xlim=(page_epsilon(low), page_epsilon(high)),
            ylim=(bottom, top),
            xlabel="ε (log scale; smaller to the right)",
            ylabel="relative error (log scale)",
            title=f"Gradient check of the first layer's weights at ε = 10^-{format_number(k, 2)}",
        )
        ax.legend(loc="center right")
        return fig

    def readout(k):
        return gradcheck_readout(page_epsilon(k), k, *at(k))

    def alt(k):
        return (
            f"Log-log plot of the relative error of the first layer's weight gradient against "
            f"the step ε from 10^-{format_number(low, 0)} to 10^-{format_number(high, 0)}, for "
            "the correct backward pass (a U shape) and the buggy one (high everywhere), with "
            f"ε = {format_exponential(page_epsilon(k))} marked."
        )

    return show(
        "gradient-check",
        settings,
        title=settings["title"],
        values={"k": settings["k"]},
        draw=draw,
        readout=readout,
        alt=alt,
        kernel=kernel,
        as_html=as_html,
        controls=[
            widgets.FloatRange(
                "k", low, high, step=0.01, value=settings["k"], label="ε = 10^-k, k ="
            )
        ],
    )
