"""Live components of chapter 9: optimizers on two-weight loss surfaces, and the
spread of the activations through many layers for each initializer.

``descent_surface`` is gradient descent on a quadratic bowl, started where the reader
clicks, at a learning rate on a log-scale slider (book/js/components/descent-surface.js);
``optimizer_race`` races SGD, momentum and Adam over the Rosenbrock valley
(optimizer-race.js); ``init_spread`` sends signals through many layers
(init-spread.js); ``lr_schedules`` runs SGD under a schedule with noisy
gradients (lr-schedules.js). The optimizer pages step their weight vector with the browser twin's
optimizers; this module does the same with nnlib's (``descend``), in the same
arithmetic order (``surface_loss``, ``surface_gradient``), and writes the sentences
the pages show (``*_readout``), so a test can hold the page against nnlib. With a
kernel the same functions give nnlib explorables (nnbook.live.show).

>>> bowl = quadratic_surface([[2.0, 0.0], [0.0, 1.0]])
>>> descend(SGD(0.25), bowl, (1.0, 1.0), 2)["path"][-1].tolist()
[0.25, 0.5625]
"""

from __future__ import annotations

import functools
import math
import numbers

import numpy as np

from nnbook import plotting, widgets
from nnbook.checks import (
    check_choice,
    check_number,
    check_numbers,
    check_pair,
    check_settings,
    check_whole,
    describe,
    finite_array,
)
from nnbook.live import book_colors, format_exponential, format_number, show
from nnbook.live_training import format_learning_rate
from nnlib import schedules
from nnlib.activations import get_activation
from nnlib.initializers import get_initializer
from nnlib.optimizers import SGD, Adam, Momentum

__all__ = [
    "OPTIMIZER_LABELS",
    "descend",
    "loss_text",
    "lr_schedules",
    "noisy_run",
    "descent_readout",
    "descent_settings",
    "descent_surface",
    "init_spread",
    "optimizer_race",
    "quadratic_surface",
    "race_readout",
    "race_runs",
    "race_settings",
    "rosenbrock_surface",
    "schedule_from_spec",
    "schedules_readout",
    "schedules_settings",
    "spread_layers",
    "spread_readout",
    "spread_settings",
    "spread_weights",
    "surface_gradient",
    "surface_loss",
    "tail_mean",
]

OPTIMIZER_LABELS = {"sgd": "SGD", "momentum": "momentum", "adam": "Adam"}
OPTIMIZER_CLASSES = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def quadratic_surface(hessian) -> dict:
    """The bowl ``L(w) = 1/2 w.Hw`` as the pages receive it; ``hessian`` 2 x 2 symmetric."""
    H = finite_array(hessian, "hessian")
    if H.shape != (2, 2) or not np.all(np.isfinite(H)) or not np.allclose(H, H.T):
        raise ValueError(f"hessian must be a finite symmetric 2 x 2 matrix; got {hessian!r}")
    return {"kind": "quadratic", "hessian": H.tolist()}


def rosenbrock_surface() -> dict:
    """The Rosenbrock valley ``(1 - w1)^2 + 100 (w2 - w1^2)^2``, minimum at (1, 1)."""
    return {"kind": "rosenbrock"}


def _check_surface(surface) -> None:
    made_by = "quadratic_surface(hessian) or rosenbrock_surface()"
    check_settings(surface, "surface", ("kind",), made_by)
    if surface["kind"] not in ("quadratic", "rosenbrock") or (
        surface["kind"] == "quadratic" and "hessian" not in surface
    ):
        raise ValueError(f"surface must be made by {made_by}; got {surface!r}")


def surface_loss(surface: dict, w) -> float:
    """The loss at ``w``, in the page's order of operations (surface.js)."""
    _check_surface(surface)
    w1, w2 = check_pair(w, "w", "(w1, w2)")
    if surface["kind"] == "quadratic":
        (a, b), (c, d) = surface["hessian"]
        return 0.5 * (w1 * (a * w1 + b * w2) + w2 * (c * w1 + d * w2))
    gap, valley = 1 - w1, w2 - w1 * w1
    return gap * gap + 100 * (valley * valley)


def surface_gradient(surface: dict, w) -> np.ndarray:
    """The gradient at ``w``, in the page's order of operations."""
    _check_surface(surface)
    w1, w2 = check_pair(w, "w", "(w1, w2)")
    if surface["kind"] == "quadratic":
        (a, b), (c, d) = surface["hessian"]
        return np.array([a * w1 + b * w2, c * w1 + d * w2])
    valley = w2 - w1 * w1
    return np.array([-2 * (1 - w1) - 400 * w1 * valley, 200 * valley])


def descend(optimizer, surface: dict, start, steps: int) -> dict:
    """``steps`` updates of an nnlib optimizer on the weight vector, from ``start``.

    Returns ``path`` ((k + 1) x 2), ``losses`` and ``blew_up_at``: the step at which a
    weight stopped being a finite number (the path ends before it), or None.
    """
    if not callable(getattr(optimizer, "step", None)):
        raise TypeError(f"optimizer must be an nnlib optimizer such as SGD(0.1); got {optimizer!r}")
    _check_surface(surface)
    w = np.array(check_pair(start, "start", "(w1, w2)"))
    steps = check_whole(steps, "steps", 0, 100_000)
    path, losses, blew_up_at = [w.copy()], [surface_loss(surface, w)], None
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, steps + 1):
            optimizer.step([w], [surface_gradient(surface, w)])  # in place, like a network
            if not np.all(np.isfinite(w)):
                blew_up_at = t
                break
            path.append(w.copy())
            losses.append(surface_loss(surface, w))
    return {"path": np.array(path), "losses": losses, "blew_up_at": blew_up_at}


def loss_text(value: float, digits: int = 2) -> str:
    """A loss as the pages write it: ``1.08e+2``, or "overflow" past the largest float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"value must be a number (a loss); got {value!r}")
    return format_exponential(value, digits) if math.isfinite(value) else "overflow"


def _verdict(losses, blew_up_at) -> str:
    first, last = losses[0], losses[-1]
    if blew_up_at is not None or not math.isfinite(last) or last > first:
        return "diverged: the loss grew"
    if first == 0:
        return "it starts at the minimum"
    if last > 0.01 * first:
        return "still far from the minimum"
    return "converging"


def descent_readout(learning_rate: float, limit: float, start, run: dict, steps: int) -> str:
    """The sentence of the descent-surface component for a run of :func:`descend`."""
    check_settings(run, "run", ("losses", "blew_up_at"), "descend")
    check_numbers(learning_rate=learning_rate, limit=limit)
    start, steps = check_pair(start, "start", "(w1, w2)"), check_whole(steps, "steps", 0)
    losses, blew_up_at = run["losses"], run["blew_up_at"]
    end = (
        f"{loss_text(losses[-1])} after {steps} steps"
        if blew_up_at is None
        else f"overflow at step {blew_up_at}"
    )
    return (
        f"η = {format_learning_rate(learning_rate)} (limit 2/λ_max = {format_number(limit)}), "
        f"start ({format_number(start[0], 2)}, {format_number(start[1], 2)}): "
        f"loss {loss_text(losses[0])} → {end} — {_verdict(losses, blew_up_at)}."
    )


def _check_steps(steps, name="steps"):
    return check_whole(steps, name, 1, 2000)


def _check_extent(extent):
    if isinstance(extent, (str, dict)) or np.ndim(extent) != 1 or len(extent) != 4:
        raise ValueError(f"extent must be (w1 low, w1 high, w2 low, w2 high); got {extent!r}")
    x0, x1, y0, y1 = (check_number(v, "extent") for v in extent)
    if not (x0 < x1 and y0 < y1):
        raise ValueError(f"extent must have low < high on both axes; got {extent!r}")
    return [x0, x1, y0, y1]


def _check_start(start, extent):
    check_pair(start, "start", "(w1, w2)")
    w1 = check_number(start[0], "start", extent[0], extent[1])
    w2 = check_number(start[1], "start", extent[2], extent[3])
    return [round(w1, 2), round(w2, 2)]  # the page rounds the start to 0.01


def descent_settings(
    hessian,
    start=(-4.0, 3.0),
    learning_rate: float = 0.1,
    *,
    lr_range=(0.001, 0.3),
    steps: int = 40,
    extent=(-5.0, 5.0, -5.0, 5.0),
    levels=None,
    title: str = "Gradient descent on a loss surface: choose the start and the learning rate",
) -> dict:
    """The descent-surface component's settings, checked; the limit 2/λ_max by numpy."""
    surface = quadratic_surface(hessian)
    curvatures = np.linalg.eigvalsh(np.array(surface["hessian"]))
    if curvatures.min() <= 0:
        raise ValueError(f"hessian must be positive definite (a bowl); its curvatures {curvatures}")
    low, high = check_pair(lr_range, "lr_range")
    if not 0 < low < high:
        raise ValueError(f"lr_range must be (low, high) with 0 < low < high; got {lr_range!r}")
    extent = _check_extent(extent)
    levels = np.geomspace(0.05, 150, 12) if levels is None else finite_array(levels, "levels")
    if levels.ndim != 1 or not np.all(np.diff(levels) > 0):
        raise ValueError(f"levels must be increasing numbers; got {levels!r}")
    return {
        "surface": surface,
        "start": _check_start(start, extent),
        "learningRate": check_number(learning_rate, "learning_rate", low, high),
        # the slider moves log10 of the learning rate in steps of 0.001
        "logRange": [math.log10(low), math.log10(high)],
        "steps": _check_steps(steps),
        "extent": extent,
        "levels": levels.tolist(),
        "limit": float(2 / curvatures.max()),
        "lossRange": [1e-8, 1e8],
        "title": title,
        "colors": book_colors(),
    }


def _contour_grid(surface: dict, extent, n: int = 161):
    w1, w2 = np.meshgrid(np.linspace(extent[0], extent[1], n), np.linspace(extent[2], extent[3], n))
    loss = np.vectorize(lambda u, v: surface_loss(surface, (u, v)))(w1, w2)
    return w1, w2, loss


def _surface_panel(ax, surface, extent, levels, title):
    w1, w2, loss = _contour_grid(surface, extent)
    ax.contour(w1, w2, loss, levels=levels, colors=plotting.MUTED_COLOR, linewidths=0.8)
    ax.set(xlim=extent[:2], ylim=extent[2:], xlabel="weight 1", ylabel="weight 2", title=title)
    ax.set_aspect("equal")


def _inside(path, extent):
    inside = (
        (path[:, 0] >= extent[0])
        & (path[:, 0] <= extent[1])
        & (path[:, 1] >= extent[2])
        & (path[:, 1] <= extent[3])
    )
    return len(path) if inside.all() else int(np.argmin(inside)) + 1


def descent_surface(
    hessian,
    start=(-4.0, 3.0),
    learning_rate: float = 0.1,
    *,
    kernel: bool | None = None,
    as_html: bool = False,
    **options,
):
    """Gradient descent on the bowl ``1/2 w.Hw``: click to choose the start, slide η.

    ``options`` as in :func:`descent_settings` (lr_range, steps, extent, levels, title).
    For a chapter cell: ``live_optimization.descent_surface(H, START, 0.1)``.
    """
    settings = descent_settings(hessian, start, learning_rate, **options)
    surface, steps, extent = settings["surface"], settings["steps"], settings["extent"]
    low, high = (10**v for v in settings["logRange"])

    @functools.lru_cache(maxsize=64)
    def run(learning_rate, w1, w2):
        return descend(SGD(learning_rate), surface, (w1, w2), steps)

    def draw(learning_rate, start_w1, start_w2):
        r = run(learning_rate, start_w1, start_w2)
        fig, (left, right) = plotting.new_figure(1, 2, figsize=(9.6, 4.0))
        _surface_panel(
            left, surface, extent, settings["levels"], f"{steps} steps of gradient descent"
        )
        shown = r["path"][: _inside(r["path"], extent)]
        left.plot(*shown.T, "o-", color=plotting.BLUE, ms=3, lw=1.2)
        left.plot(start_w1, start_w2, "o", mfc=plotting.FACE_COLOR, mec=plotting.INK_COLOR, ms=9)
        left.plot(0, 0, "*", color=plotting.VERMILLION, ms=12)
        right.semilogy(
            np.arange(len(r["losses"])), np.clip(r["losses"], 1e-8, 1e8), color=plotting.BLUE
        )
        right.set(
            xlim=(0, steps),
            ylim=(1e-8, 1e8),
            xlabel="step",
            ylabel="loss (log scale)",
            title="loss after each step",
        )
        return fig

    def readout(learning_rate, start_w1, start_w2):
        start = (round(start_w1, 2), round(start_w2, 2))
        return descent_readout(
            learning_rate, settings["limit"], start, run(learning_rate, *start), steps
        )

    def alt(learning_rate, start_w1, start_w2):
        return (
            f"Contour lines of an elongated bowl with the path of {steps} gradient-descent steps "
            f"from ({format_number(start_w1, 2)}, {format_number(start_w2, 2)}) at learning rate "
            f"{format_learning_rate(learning_rate)}, and the loss after each step on a log scale."
        )

    w1, w2 = settings["start"]
    return show(
        "descent-surface",
        settings,
        title=settings["title"],
        values={"learning_rate": settings["learningRate"], "start_w1": w1, "start_w2": w2},
        draw=draw,
        readout=readout,
        alt=alt,
        kernel=kernel,
        as_html=as_html,
        controls=[
            widgets.FloatRange(
                "learning_rate",
                low,
                high,
                step=0.001,
                value=settings["learningRate"],
                label="learning rate η",
            ),
            widgets.FloatRange(
                "start_w1", *extent[:2], step=0.1, value=w1, label="start, weight 1"
            ),
            widgets.FloatRange(
                "start_w2", *extent[2:], step=0.1, value=w2, label="start, weight 2"
            ),
        ],
    )


def race_readout(step: int, rates: dict, runs: dict) -> str:
    """The sentence of the optimizer-race component after ``step`` steps of each run."""
    step = check_whole(step, "step", 0)
    _check_rates(rates)
    if (
        not isinstance(runs, dict)
        or not runs
        or any(name not in OPTIMIZER_CLASSES for name in runs)
    ):
        raise TypeError(f"runs must be the dict made by race_runs; got {runs!r}")
    parts = []
    for name in (n for n in OPTIMIZER_CLASSES if n in runs):  # the page's order
        run = runs[name]
        head = f"{OPTIMIZER_LABELS[name]} (η = {format_learning_rate(rates[name])})"
        if run["blew_up_at"] is not None and step >= run["blew_up_at"]:
            parts.append(f"{head} blew up at step {run['blew_up_at']}")
        else:
            loss = run["losses"][min(step, len(run["losses"]) - 1)]
            parts.append(f"{head} loss {loss_text(loss, 1)}")
    return f"After {step} steps: {'; '.join(parts)}."


def _check_rates(rates) -> None:
    if not isinstance(rates, dict) or set(rates) != set(OPTIMIZER_CLASSES):
        raise ValueError(
            f"rates must give a learning rate to each of {', '.join(OPTIMIZER_CLASSES)}; "
            f"got {rates!r}"
        )
    for name, rate in rates.items():
        check_number(rate, f"rates[{name!r}]")


def race_runs(rates: dict, start, steps: int, surface: dict | None = None) -> dict:
    """Each optimizer (nnlib's defaults but the rate) from ``start``, as the page runs them."""
    _check_rates(rates)
    surface = rosenbrock_surface() if surface is None else surface
    return {
        name: descend(OPTIMIZER_CLASSES[name](rates[name]), surface, start, steps)
        for name in OPTIMIZER_CLASSES
    }


def _check_choices(choices) -> list:
    if not isinstance(choices, dict) or not choices:
        raise ValueError(
            "choices must map a label to learning rates per optimizer, e.g. {'all at 0.001': "
            f"{{'sgd': 0.001, 'momentum': 0.001, 'adam': 0.001}}}}; got {choices!r}"
        )
    checked = []
    for label, rates in choices.items():
        if not isinstance(rates, dict):
            raise ValueError(f"choices[{label!r}] must map each optimizer to a rate; got {rates!r}")
        named = {str(k).lower(): v for k, v in rates.items()}
        if set(named) != set(OPTIMIZER_CLASSES):
            raise ValueError(
                f"choices[{label!r}] must give a rate for each of {', '.join(OPTIMIZER_CLASSES)}; "
                f"got {sorted(named)}"
            )
        rates = {n: check_number(named[n], f"choices[{label!r}][{n!r}]") for n in OPTIMIZER_CLASSES}
        if min(rates.values()) <= 0:
            raise ValueError(f"choices[{label!r}]: every learning rate must be > 0; got {rates}")
        checked.append({"label": str(label), "rates": rates})
    return checked


def race_settings(
    choices: dict,
    start=(-1.5, 2.0),
    steps: int = 500,
    *,
    choice: int = 0,
    extent=(-2.0, 2.0, -1.0, 3.0),
    levels=None,
    steps_per_frame: int = 2,
    title: str = "SGD, momentum and Adam on the Rosenbrock valley",
) -> dict:
    """The optimizer-race component's settings, checked."""
    choices = _check_choices(choices)
    if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < len(choices):
        raise ValueError(
            f"choice must be an index into choices (0 to {len(choices) - 1}); got {choice!r}"
        )
    if (
        isinstance(steps_per_frame, bool)
        or not isinstance(steps_per_frame, int)
        or steps_per_frame < 1
    ):
        raise ValueError(f"steps_per_frame must be a whole number >= 1; got {steps_per_frame!r}")
    extent = _check_extent(extent)
    levels = np.geomspace(0.5, 2000, 12) if levels is None else finite_array(levels, "levels")
    if levels.ndim != 1 or not np.all(np.diff(levels) > 0):
        raise ValueError(f"levels must be increasing numbers; got {levels!r}")
    return {
        "surface": rosenbrock_surface(),
        "start": _check_start(start, extent),
        "steps": _check_steps(steps),
        "step": steps,
        "extent": extent,
        "levels": levels.tolist(),
        "lossRange": [1e-8, 1e3],
        "optimizers": list(OPTIMIZER_CLASSES),
        "labels": dict(OPTIMIZER_LABELS),
        "choices": choices,
        "choice": choice,
        "stepsPerFrame": steps_per_frame,
        "title": title,
        "colors": book_colors(),
    }


def optimizer_race(
    choices: dict,
    start=(-1.5, 2.0),
    steps: int = 500,
    *,
    kernel: bool | None = None,
    as_html: bool = False,
    **options,
):
    """SGD, momentum and Adam from the same start on the Rosenbrock valley.

    ``choices``: label -> learning rate per optimizer (keys "sgd", "momentum", "adam", any
    case); ``options`` as in :func:`race_settings`. For a chapter cell::

        live_optimization.optimizer_race({"all at 0.001": {"sgd": 1e-3, "momentum": 1e-3,
                                          "adam": 1e-3}}, (-1.5, 2.0), 500)
    """
    settings = race_settings(choices, start, steps, **options)
    surface, extent = settings["surface"], settings["extent"]
    labels = [c["label"] for c in settings["choices"]]
    rates_of = {c["label"]: c["rates"] for c in settings["choices"]}

    @functools.lru_cache(maxsize=16)
    def runs(label, w1, w2):
        return race_runs(rates_of[label], (w1, w2), steps, surface)

    def draw(rates, step, start_w1, start_w2):
        r = runs(rates, round(start_w1, 2), round(start_w2, 2))
        fig, (left, right) = plotting.new_figure(1, 2, figsize=(9.6, 4.0))
        _surface_panel(left, surface, extent, settings["levels"], f"paths after {step} steps")
        left.plot(1, 1, "*", color=plotting.INK_COLOR, ms=13)
        for k, (name, run) in enumerate(r.items()):
            color, style = plotting.SERIES_COLORS[k], ["-", "--", ":"][k]
            path = run["path"][: step + 1]
            label = f"{OPTIMIZER_LABELS[name]} (η = {format_learning_rate(rates_of[rates][name])})"
            left.plot(*path.T, style, color=color, lw=1.4)
            left.plot(*path[-1], "o", color=color, mec=plotting.INK_COLOR, ms=7)
            losses = np.clip(run["losses"][: step + 1], 1e-8, 1e3)
            right.semilogy(np.arange(len(losses)), losses, style, color=color, label=label)
        right.set(
            xlim=(0, steps),
            ylim=(1e-8, 1e3),
            xlabel="step",
            ylabel="loss (log scale)",
            title="loss so far",
        )
        right.legend(loc="lower left", fontsize=8)
        return fig

    def readout(rates, step, start_w1, start_w2):
        r = runs(rates, round(start_w1, 2), round(start_w2, 2))
        return race_readout(step, rates_of[rates], r)

    def alt(rates, step, start_w1, start_w2):
        return (
            f"Contour lines of the Rosenbrock valley with the paths of SGD, momentum and Adam "
            f"after {step} steps from ({format_number(start_w1, 2)}, {format_number(start_w2, 2)}) "
            f"with {rates}, and their losses on a log scale."
        )

    w1, w2 = settings["start"]
    first = labels[settings["choice"]]
    return show(
        "optimizer-race",
        settings,
        title=settings["title"],
        values={"rates": first, "step": steps, "start_w1": w1, "start_w2": w2},
        draw=draw,
        readout=readout,
        alt=alt,
        kernel=kernel,
        as_html=as_html,
        controls=[
            widgets.Choice("rates", labels, value=first, label="learning rates"),
            widgets.IntRange("step", 0, steps, value=steps, label="step"),
            widgets.FloatRange(
                "start_w1", *extent[:2], step=0.1, value=w1, label="start, weight 1"
            ),
            widgets.FloatRange(
                "start_w2", *extent[2:], step=0.1, value=w2, label="start, weight 2"
            ),
        ],
    )


# The spread of the activations through many layers (the init-spread component).

SPREAD_ACTIVATIONS = {"tanh": "tanh", "relu": "ReLU"}


def _check_spread_activation(activation) -> None:
    check_choice(activation, "activation", SPREAD_ACTIVATIONS)


def spread_layers(inputs, weights, activation: str) -> list:
    """``A <- f(A W)`` layer by layer (no bias), with nnlib's activation: each layer's A."""
    _check_spread_activation(activation)
    A, layers = finite_array(inputs, "inputs"), []
    if A.ndim != 2 or A.size == 0:
        raise ValueError(f"inputs must be a (samples, units) array; got shape {A.shape}")
    if isinstance(weights, (str, dict, np.ndarray)) or not isinstance(weights, (list, tuple)):
        raise TypeError(f"weights must be a list of square matrices; got {weights!r}")
    f = get_activation(activation)
    for k, W in enumerate(weights):
        W = finite_array(W, f"weights[{k}]")
        if W.ndim != 2 or W.shape[0] != A.shape[1]:
            raise ValueError(
                f"weights[{k}] must have {A.shape[1]} rows (the units before it"
                f"{': the columns of inputs' if k == 0 else ''}); got shape {W.shape}"
            )
        A = f(A @ W)
        layers.append(A)
    return layers


def spread_readout(activation: str, initializer_label: str, stds) -> str:
    """The sentence of the init-spread component for the standard deviations per layer."""
    _check_spread_activation(activation)
    stds = finite_array(stds, "stds")
    if stds.ndim != 1 or not len(stds) or np.any(stds < 0):
        raise ValueError(f"stds must be one standard deviation (>= 0) per layer; got {stds!r}")
    stds = [float(s) for s in stds]
    ratio = (
        f" (layer {len(stds)} / layer 1 = {format_exponential(stds[-1] / stds[0], 1)})"
        if stds[0] > 0
        else ""
    )
    values = ", ".join(format_exponential(s, 1) for s in stds)
    return (
        f"{SPREAD_ACTIVATIONS[activation]} with {initializer_label}: standard deviation per "
        f"layer {values}{ratio}."
    )


def _spread_initializer(spec: dict):
    name = spec["name"]
    return get_initializer(name, std=spec["std"]) if name == "normal" else get_initializer(name)


def spread_settings(
    initializers: dict,
    *,
    initializer: str | None = None,
    activation: str = "tanh",
    depth: int = 10,
    width: int = 128,
    samples: int = 200,
    seed: int = 0,
    title: str = "Activation spread through the layers for each initialization",
) -> dict:
    """The init-spread component's settings, checked.

    ``initializers``: label -> (nnlib initializer name, std for "normal" else None), e.g.
    ``{"He": ("he_normal", None), "too small (std 0.01)": ("normal", 0.01)}``.
    """
    if not isinstance(initializers, dict) or not initializers:
        raise ValueError(
            f"initializers must map labels to (name, std); got {describe(initializers)}"
        )
    specs = []
    for label, value in initializers.items():
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            raise ValueError(
                f"initializers[{label!r}] must be a pair (name, std); got {describe(value)}"
            )
        name, std = value
        get_initializer(name, **({"std": std} if name == "normal" else {}))  # nnlib checks it
        if name not in (
            "zeros",
            "normal",
            "xavier_normal",
            "xavier_uniform",
            "he_normal",
            "he_uniform",
        ):
            raise ValueError(f"initializers[{label!r}]: the page has no initializer {name!r}")
        specs.append(
            {"label": str(label), "name": name, "std": None if std is None else float(std)}
        )
    labels = [s["label"] for s in specs]
    initializer = labels[0] if initializer is None else initializer
    check_choice(initializer, "initializer", labels)
    _check_spread_activation(activation)
    for value, name, high in (
        (depth, "depth", 30),
        (width, "width", 256),
        (samples, "samples", 1000),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
            raise ValueError(f"{name} must be a whole number in [1, {high}]; got {value!r}")
    return {
        "initializers": specs,
        "activations": list(SPREAD_ACTIVATIONS),
        "labels": dict(SPREAD_ACTIVATIONS),
        "initializer": labels.index(initializer),
        "activation": activation,
        "depth": depth,
        "width": width,
        "samples": samples,
        "seed": seed,
        "title": title,
        "colors": book_colors(),
    }


def spread_weights(settings: dict, index: int) -> tuple:
    """nnlib's inputs and weights for initializer ``index`` (seeded; not the page's stream)."""
    keys = ("width", "initializers", "seed", "samples", "depth")
    check_settings(settings, "settings", keys, "spread_settings")
    index = check_whole(index, "index", 0, len(settings["initializers"]) - 1)
    n, spec = settings["width"], settings["initializers"][index]
    inputs = np.random.default_rng(settings["seed"]).normal(size=(settings["samples"], n))
    rng = np.random.default_rng(settings["seed"] + 1)
    init = _spread_initializer(spec)
    return inputs, [init((n, n), rng) for _ in range(settings["depth"])]


def init_spread(
    initializers: dict, *, kernel: bool | None = None, as_html: bool = False, **options
):
    """Activations through ``depth`` layers of ``width`` units for each initializer.

    ``initializers`` and ``options`` as in :func:`spread_settings`. The page draws its
    own inputs and weights with the twin (same scale rules, another random stream); the
    fallback and the kernel face use nnlib's. For a chapter cell::

        live_optimization.init_spread({"Xavier": ("xavier_normal", None),
                                       "He": ("he_normal", None)}, activation="relu")
    """
    settings = spread_settings(initializers, **options)
    labels = [s["label"] for s in settings["initializers"]]
    depth = settings["depth"]

    @functools.lru_cache(maxsize=16)
    def stds_and_layers(initializer, activation):
        inputs, weights = spread_weights(settings, labels.index(initializer))
        layers = spread_layers(inputs, weights, activation)
        return [float(A.std()) for A in layers], layers

    def draw(initializer, activation):
        stds, layers = stds_and_layers(initializer, activation)
        fig, axes = plotting.new_figure(2, 1, figsize=(8.0, 4.6), height_ratios=(1, 2))
        top, bottom = axes
        edges = np.linspace(-1, 1, 41) if activation == "tanh" else np.linspace(0, 4, 41)
        for k, A in enumerate(layers):
            values = A.ravel() if activation == "tanh" else A[A > 0]
            counts, _ = np.histogram(np.clip(values, edges[0], edges[-1]), bins=edges)
            scaled = counts / max(counts.max(), 1) * 0.9
            top.stairs(
                scaled + 0,
                k + (edges - edges[0]) / (edges[-1] - edges[0]) * 0.9,
                fill=True,
                color=plotting.BLUE,
                orientation="vertical",
            )
        top.set(
            xlim=(0, depth),
            yticks=[],
            title="activations per layer (one histogram each)",
            xticks=np.arange(depth) + 0.45,
            xticklabels=[str(k + 1) for k in range(depth)],
        )
        positive = [s for s in stds if s > 0] or [1.0]
        low = 10.0 ** np.floor(np.log10(min(positive)))
        high = 10.0 ** np.ceil(np.log10(max(positive)))
        low = min(low, high / 100)
        bottom.semilogy(
            np.arange(1, depth + 1), np.maximum(stds, low * 1.01), "o-", color=plotting.VERMILLION
        )
        bottom.set(
            ylim=(low, high),
            xlabel="layer",
            ylabel="standard deviation",
            xticks=range(1, depth + 1),
            title=f"{SPREAD_ACTIVATIONS[activation]} with {initializer}",
        )
        return fig

    def readout(initializer, activation):
        return spread_readout(activation, initializer, stds_and_layers(initializer, activation)[0])

    def alt(initializer, activation):
        return (
            f"Histograms of the activations in each of {depth} layers of {settings['width']} "
            f"{SPREAD_ACTIVATIONS[activation]} units with {initializer} initialization, and "
            "their standard deviation per layer on a log scale."
        )

    first = labels[settings["initializer"]]
    return show(
        "init-spread",
        settings,
        title=settings["title"],
        values={"initializer": first, "activation": settings["activation"]},
        draw=draw,
        readout=readout,
        alt=alt,
        kernel=kernel,
        as_html=as_html,
        controls=[
            widgets.Choice("initializer", labels, value=first),
            widgets.Choice(
                "activation", list(SPREAD_ACTIVATIONS), value=settings["activation"], toggle=True
            ),
        ],
    )


# Learning-rate schedules on a noisy bowl (the lr-schedules component).


def schedule_from_spec(spec: dict, peak: float):
    """An nnlib.schedules schedule from the page's description of it, at ``peak``.

    ``spec``: {"kind": "constant"}, {"kind": "step_decay", "drop", "every"},
    {"kind": "cosine", "totalSteps", "minimum"} or {"kind": "warmup", "warmupSteps",
    "then": spec or None}.
    """
    if not isinstance(spec, dict):
        raise TypeError(
            f"spec must describe a schedule, e.g. {{'kind': 'constant'}}; got {describe(spec)}"
        )
    peak = check_number(peak, "peak")
    if peak <= 0:
        raise ValueError(f"peak must be a learning rate > 0; got {peak!r}")
    kind = spec.get("kind")
    check_choice(kind, "spec's kind", ("constant", "step_decay", "cosine", "warmup"))

    def needed(key):
        if key not in spec:
            raise ValueError(f"spec of kind {kind!r} needs {key!r}; got {describe(spec)}")
        return spec[key]

    if kind == "constant":
        return schedules.constant(peak)
    if kind == "step_decay":
        return schedules.step_decay(peak, drop=needed("drop"), every=needed("every"))
    if kind == "cosine":
        return schedules.cosine(
            peak, total_steps=needed("totalSteps"), minimum=spec.get("minimum", 0.0)
        )
    then = spec.get("then")
    return schedules.warmup(
        peak,
        warmup_steps=needed("warmupSteps"),
        then=None if then is None else schedule_from_spec(then, peak),
    )


def _check_noise(noise) -> np.ndarray:
    noise = finite_array(noise, "noise")
    if noise.ndim != 2 or noise.shape[1] != 2 or len(noise) == 0:
        raise ValueError(
            f"noise must be one pair of numbers per step (at least one step); got shape "
            f"{noise.shape}"
        )
    return noise


def noisy_run(schedule, surface: dict, start, noise) -> list:
    """SGD with ``schedule`` and gradient ``surface_gradient + noise[t]``: the loss per step."""
    if not isinstance(schedule, schedules.Schedule):
        raise TypeError(f"schedule must be an nnlib.schedules schedule; got {schedule!r}")
    _check_surface(surface)
    noise = _check_noise(noise)
    optimizer, w = SGD(schedule), np.array(check_pair(start, "start", "(w1, w2)"))
    losses = [surface_loss(surface, w)]
    for n1, n2 in noise:
        g = surface_gradient(surface, w)
        g[0] += n1
        g[1] += n2
        optimizer.step([w], [g])
        losses.append(surface_loss(surface, w))
    return losses


def _check_losses(losses, name: str) -> list[float]:
    """Losses per step: numbers, where infinity stands for an overflow (NaN does not)."""
    if isinstance(losses, (str, dict)) or np.ndim(losses) != 1 or not len(losses):
        raise ValueError(f"{name} must be a list of losses, one per step; got {losses!r}")
    for value in losses:
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(value):
            raise ValueError(f"{name} must hold numbers (losses); got {value!r}")
    return [float(value) for value in losses]


def tail_mean(losses, tail: int) -> float:
    """The mean of the last ``tail`` losses, summed in order as the page does."""
    losses = _check_losses(losses, "losses")
    tail = check_whole(tail, "tail (at most the number of losses)", 1, len(losses))
    total = 0.0
    for value in losses[-tail:]:
        total += value
    return total / tail


def schedules_readout(label: str, peak: float, losses, reference, tail: int) -> str:
    """The sentence of the lr-schedules component."""
    peak = check_number(peak, "peak")
    _check_losses(reference, "reference")
    return (
        f"{label}, peak η = {format_number(peak)}: average loss over the last {tail} steps "
        f"{loss_text(tail_mean(losses, tail))} (constant: {loss_text(tail_mean(reference, tail))})."
    )


def schedules_settings(
    hessian,
    specs: dict,
    noise,
    *,
    start=(-4.0, 3.0),
    schedule: str | None = None,
    peak: float = 0.1,
    peak_range=(0.02, 0.18),
    tail: int = 20,
    title: str = "Learning-rate schedules and the noise floor",
) -> dict:
    """The lr-schedules component's settings, checked (every spec built once by nnlib)."""
    noise = _check_noise(noise)
    low, high = check_pair(peak_range, "peak_range")
    if not 0 < low < high:
        raise ValueError(f"peak_range must be (low, high) with 0 < low < high; got {peak_range!r}")
    peak = check_number(peak, "peak", low, high)
    if not isinstance(specs, dict) or not specs:
        raise ValueError(f"specs must map labels to schedule descriptions; got {describe(specs)}")
    for label, spec in specs.items():
        if not isinstance(spec, dict):
            raise TypeError(
                f"specs[{label!r}] must describe a schedule, e.g. {{'kind': 'constant'}}; "
                f"got {describe(spec)}"
            )
        schedule_from_spec(spec, peak)
    labels = list(specs)
    schedule = labels[0] if schedule is None else schedule
    check_choice(schedule, "schedule", labels)
    if isinstance(tail, bool) or not isinstance(tail, int) or not 1 <= tail <= len(noise):
        raise ValueError(f"tail must be a whole number in [1, {len(noise)}]; got {tail!r}")
    extent = [-1e300, 1e300, -1e300, 1e300]
    return {
        "surface": quadratic_surface(hessian),
        "start": _check_start(start, extent),
        "total": len(noise),
        "noise": noise.tolist(),
        "schedules": [{"label": k, "spec": v} for k, v in specs.items()],
        "schedule": labels.index(schedule),
        "peak": peak,
        "peakRange": [low, high],
        "tail": tail,
        "title": title,
        "colors": book_colors(),
    }


def lr_schedules(
    hessian, specs: dict, noise, *, kernel: bool | None = None, as_html: bool = False, **options
):
    """SGD on the bowl with noisy gradients under each schedule, against a constant rate.

    ``specs``: label -> description (see :func:`schedule_from_spec`); ``noise``: one
    pair per step; ``options`` as in :func:`schedules_settings`.
    """
    settings = schedules_settings(hessian, specs, noise, **options)
    surface, start, total, tail = (
        settings["surface"],
        settings["start"],
        settings["total"],
        settings["tail"],
    )
    low, high = settings["peakRange"]

    @functools.lru_cache(maxsize=64)
    def runs(label, peak):
        chosen = schedule_from_spec(specs[label], peak)
        return (
            chosen.values(total),
            noisy_run(chosen, surface, start, settings["noise"]),
            noisy_run(schedules.constant(peak), surface, start, settings["noise"]),
        )

    def draw(schedule, peak):
        rates, losses, reference = runs(schedule, peak)
        fig, (left, right) = plotting.new_figure(1, 2, figsize=(9.6, 3.5))
        left.plot(np.arange(total), rates, color=plotting.BLUE)
        left.set(
            ylim=(0, max(0.2, high * 1.1)),
            xlabel="step t",
            ylabel="learning rate",
            title=f"{schedule}, peak η = {format_number(peak)}",
        )
        right.semilogy(reference, "--", color=plotting.MUTED_COLOR, label="constant")
        right.semilogy(losses, color=plotting.BLUE, label=schedule)
        right.set(
            ylim=(1e-4, 1e2),
            xlabel="step t",
            ylabel="loss (log scale)",
            title="loss with noisy gradients",
        )
        right.legend(loc="upper right")
        return fig

    def readout(schedule, peak):
        _, losses, reference = runs(schedule, peak)
        return schedules_readout(schedule, peak, losses, reference, tail)

    def alt(schedule, peak):
        return (
            f"The learning rate of the {schedule} schedule over {total} steps at peak "
            f"{format_number(peak)}, and the loss of SGD with noisy gradients under it and under "
            "a constant rate, on a log scale."
        )

    first = settings["schedules"][settings["schedule"]]["label"]
    return show(
        "lr-schedules",
        settings,
        title=settings["title"],
        values={"schedule": first, "peak": settings["peak"]},
        draw=draw,
        readout=readout,
        alt=alt,
        kernel=kernel,
        as_html=as_html,
        controls=[
            widgets.Choice("schedule", list(specs), value=first, toggle=True),
            widgets.FloatRange(
                "peak", low, high, step=0.001, value=settings["peak"], label="peak learning rate"
            ),
        ],
    )
