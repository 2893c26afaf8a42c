"""Chapter 6's explorables, live in the page: curves built from hidden units, and depth
against width trained at the same parameter budget.

Three components, each with its two faces (``nnbook.live.show``):

- ``bump_approximation``: a one-hidden-layer sigmoid network whose weights are *set*
  so that pairs of steep sigmoids make bumps following a target curve
  (:func:`bump_network`); the reader moves the number of bumps and their steepness.
- ``relu_approximation``: a ReLU network whose units add kinks, joining points of the
  curve by straight segments (:func:`relu_network`); the reader moves the unit count.
  Both are the ``curve-approximation`` component (book/js/components/curve-approximation.js),
  which builds the same network with the browser twin of nnlib and draws it.
- ``width_depth_training``: a narrow-deep tanh network and a wide-shallow one with the
  same parameter budget (:func:`shallow_width_for`), trained side by side in the page
  with full-batch Adam on the data Python hands over (book/js/components/width-depth.js);
  the reader sets the depth, the width and the seed.

The constructions and the readout sentences live here once, so the chapter, the
fallback pictures and the tests use the very code the page is compared with.
"""

from __future__ import annotations

import functools

import numpy as np

from nnbook import plotting, widgets
from nnbook.checks import (
    check_choice,
    check_number,
    check_numbers,
    check_pair,
    check_settings,
    check_whole,
    finite_array,
)
from nnbook.live import book_colors, format_number, show
from nnlib.network import Network
from nnlib.training import Trainer

__all__ = [
    "TARGETS",
    "approximation_readout",
    "approximation_settings",
    "bump_approximation",
    "bump_network",
    "curve_network",
    "relu_approximation",
    "relu_network",
    "shallow_width_for",
    "train_width_depth",
    "wavy",
    "width_depth_readout",
    "width_depth_settings",
    "width_depth_sizes",
    "width_depth_training",
]


def wavy(x):
    """Chapter 6's target curve, sin(2 pi x) cos(5 x) + 0.3 x."""
    if isinstance(x, bool):
        raise TypeError(f"x must be a number or an array of numbers; got {x!r}")
    x = finite_array(x, "x")
    return np.sin(2 * np.pi * x) * np.cos(5 * x) + 0.3 * x


# Targets the page knows by name (curve-approximation.js has the same formulas).
TARGETS = {"wavy": wavy}
SETTINGS_MADE_BY = "live_approximation.approximation_settings"


def _check_curve(f, low, high) -> tuple[float, float]:
    if not callable(f):
        raise TypeError(f"f must be a function of x, such as np.sin; got {f!r}")
    low, high = check_number(low, "low"), check_number(high, "high")
    if not low < high:
        raise ValueError(f"low must be below high; got low={low}, high={high}")
    # f is the caller's: a function that returns no numbers is named here, not in NumPy
    finite_array(f(np.linspace(low, high, 3)), "f(x) (f must return a number for every x)")
    return low, high


def bump_network(f, n_bumps, steepness, low=-1.0, high=1.0):
    """A [1, 2*n_bumps, 1] sigmoid network whose output is a sum of n_bumps bumps following f.

    Bump i is centred on the i-th of n_bumps evenly spaced points and has height f there;
    `steepness` is the slope k times the bump width (so steepness 50 = steep relative to the bump).
    """
    low, high = _check_curve(f, low, high)
    n_bumps = check_whole(n_bumps, "n_bumps", 1, 10_000)
    steepness = check_number(steepness, "steepness", 0.0, 1e4)
    centres = np.linspace(low, high, n_bumps)
    width = (high - low) / max(n_bumps - 1, 1)
    left, right = centres - width / 2, centres + width / 2
    k = steepness / width
    net = Network([1, 2 * n_bumps, 1], activation="sigmoid")
    hidden, output = net.layers
    hidden.W[0, 0::2], hidden.b[0::2] = k, -k * left  # step up at the left edge ...
    hidden.W[0, 1::2], hidden.b[1::2] = k, -k * right  # ... and at the right edge
    output.W[0::2, 0], output.W[1::2, 0] = f(centres), -f(centres)  # up minus up = a bump
    output.b[:] = 0.0
    return net


def relu_network(f, n_units, low=-1.0, high=1.0):
    """A [1, n_units, 1] ReLU network that joins n_units + 1 points of f by straight lines."""
    low, high = _check_curve(f, low, high)
    n_units = check_whole(n_units, "n_units", 1, 10_000)
    knots = np.linspace(low, high, n_units + 1)
    slopes = np.diff(f(knots)) / np.diff(knots)
    net = Network([1, n_units, 1], activation="relu")
    hidden, output = net.layers
    hidden.W[0, :], hidden.b[:] = 1.0, -knots[:-1]  # unit i: max(0, x - t_i)
    output.W[:, 0] = np.diff(slopes, prepend=0.0)  # change of slope at t_i
    output.b[:] = f(knots[0])
    return net


def shallow_width_for(budget):
    """Hidden width N of a [1, N, 1] network whose 3N + 1 parameters come closest to `budget`."""
    budget = check_whole(budget, "budget", 1)
    return max(1, round((budget - 1) / 3))


# ---------------------------------------------------------------- curves from units

KINDS = {
    "bumps": "Steps, bumps and a curve",
    "relu": "Piecewise-linear fits with ReLU units",
}


def _check_count(value, name: str, low: int, high: int) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, np.integer))
        or not (low <= value <= high)
    ):
        raise ValueError(f"{name} must be a whole number in [{low}, {high}]; got {value!r}")
    return int(value)


def approximation_settings(
    kind: str,
    *,
    units: int,
    unit_range=(1, 64),
    steepness: float = 50.0,
    steepness_range=(1.0, 100.0),
    target: str = "wavy",
    grid_points: int = 801,
    show_bumps_up_to: int = 16,
    title: str = "",
) -> dict:
    """The curve-approximation component's settings, checked.

    ``kind`` "bumps" (``units`` = number of bumps, two sigmoid units each, with
    ``steepness``) or "relu" (``units`` = hidden ReLU units). The largest error is
    measured on ``grid_points`` evenly spaced points of [-1, 1].
    """
    check_choice(kind, "kind", KINDS)
    check_choice(target, "target", TARGETS)
    if isinstance(unit_range, (str, dict)) or np.ndim(unit_range) != 1 or len(unit_range) != 2:
        raise ValueError(f"unit_range must be (fewest, most); got {unit_range!r}")
    low, high = (_check_count(v, "unit_range", 1, 512) for v in unit_range)
    if not low < high:
        raise ValueError(
            f"unit_range must be (fewest, most) with fewest < most; got {unit_range!r}"
        )
    units = _check_count(units, "units", low, high)
    s_low, s_high = check_pair(steepness_range, "steepness_range")
    check_number(s_low, "steepness_range", 0.01, 1000.0)
    check_number(s_high, "steepness_range", 0.01, 1000.0)
    if not s_low < s_high:
        raise ValueError(
            f"steepness_range must be (low, high) with low < high; got {steepness_range!r}"
        )
    steepness = check_number(steepness, "steepness", s_low, s_high)
    grid_points = _check_count(grid_points, "grid_points", 2, 10_001)
    return {
        "kind": kind,
        "units": units,
        "unitRange": [low, high],
        "steepness": steepness,
        "steepnessRange": [s_low, s_high],
        "target": target,
        "gridPoints": grid_points,
        "showBumpsUpTo": _check_count(show_bumps_up_to, "show_bumps_up_to", 0, 512),
        "title": title or KINDS[kind],
        "colors": book_colors(),
    }


def curve_network(settings: dict, units: int, steepness: float | None = None) -> Network:
    """The network the component shows at ``units`` (and ``steepness`` for bumps)."""
    check_settings(settings, "settings", ("kind", "target", "steepness"), SETTINGS_MADE_BY)
    units = check_whole(units, "units", 1, 10_000)
    f = TARGETS[settings["target"]]
    if settings["kind"] == "bumps":
        return bump_network(f, units, settings["steepness"] if steepness is None else steepness)
    return relu_network(f, units)


def _grid(settings: dict) -> np.ndarray:
    return np.linspace(-1.0, 1.0, settings["gridPoints"])[:, None]


def largest_error(settings: dict, network: Network) -> float:
    """max |network(x) - f(x)| over the component's grid of [-1, 1]."""
    x = _grid(settings)
    return float(np.abs(network(x) - TARGETS[settings["target"]](x)).max())


def approximation_readout(kind: str, units: int, steepness: float, error: float) -> str:
    """The sentence the page shows (its live region), from given numbers."""
    check_choice(kind, "kind", KINDS)
    units = check_whole(units, "units", 1)
    check_numbers(steepness=steepness, error=error)
    if kind == "bumps":
        return (
            f"{units} bump{'s' if units != 1 else ''} of steepness {format_number(steepness, 1)}: "
            f"{2 * units} hidden sigmoid units, {6 * units + 1} parameters, "
            f"largest error {format_number(error)}."
        )
    return (
        f"{units} hidden ReLU unit{'s' if units != 1 else ''}: {units} straight segments, "
        f"{3 * units + 1} parameters, largest error {format_number(error)}."
    )


def _draw_curve(settings: dict, units: int, steepness: float):
    net = curve_network(settings, units, steepness)
    x = _grid(settings)
    y = TARGETS[settings["target"]](x)
    fig, ax = plotting.new_figure(figsize=(6.6, 3.6))
    if settings["kind"] == "bumps" and units <= settings["showBumpsUpTo"]:
        hidden = net.hidden_activations(x)[0]
        heights = net.layers[1].W[:, 0]
        bumps = hidden[:, 0::2] * heights[0::2] + hidden[:, 1::2] * heights[1::2]
        ax.plot(x[:, 0], bumps, color=plotting.SKY_BLUE, lw=0.8, alpha=0.6)
    ax.plot(x[:, 0], y[:, 0], color=plotting.MUTED_COLOR, lw=3, label="target f(x)")
    what = f"{2 * units} hidden units" if settings["kind"] == "bumps" else f"{units} hidden ReLUs"
    color = plotting.TEAL if settings["kind"] == "bumps" else plotting.BLUE
    ax.plot(x[:, 0], net(x)[:, 0], color=color, lw=1.8, label=f"network, {what}")
    if settings["kind"] == "relu":
        knots = np.linspace(-1, 1, units + 1)
        f = TARGETS[settings["target"]]
        ax.plot(knots, f(knots), "o", color=plotting.INK_COLOR, ms=3, label="knots")
    ax.set(xlabel="x", ylabel="y", ylim=(-1.9, 1.9), title=settings["title"])
    ax.legend(loc="upper left")
    return fig


def _curve_explorable(settings: dict, kernel, as_html):
    kind = settings["kind"]

    def error(units, steepness):
        return largest_error(settings, curve_network(settings, units, steepness))

    def alt(units, steepness=settings["steepness"]):
        if kind == "bumps":
            return (
                f"The wavy target curve and a sum of {units} sigmoid bumps of steepness "
                f"{format_number(steepness, 1)} following it as a smoothed staircase."
            )
        return (
            f"The wavy target curve and {units} straight segments joining "
            f"{units + 1} evenly spaced points on it."
        )

    low, high = settings["unitRange"]
    label = "bumps" if kind == "bumps" else "hidden ReLU units"
    controls = [widgets.IntRange("units", low, high, value=settings["units"], label=label)]
    if kind == "bumps":
        controls.append(
            widgets.FloatRange(
                "steepness", *settings["steepnessRange"], step=0.5, value=settings["steepness"]
            )
        )
    return show(
        "curve-approximation",
        settings,
        title=settings["title"],
        values={"units": settings["units"], "steepness": settings["steepness"]},
        draw=lambda units, steepness=settings["steepness"]: _draw_curve(settings, units, steepness),
        readout=lambda units, steepness=settings["steepness"]: approximation_readout(
            kind, units, steepness, error(units, steepness)
        ),
        alt=alt,
        controls=controls,
        kernel=kernel,
        as_html=as_html,
    )


def bump_approximation(
    n_bumps: int = 8,
    steepness: float = 50.0,
    *,
    kernel: bool | None = None,
    as_html: bool = False,
    **options,
):
    """Bumps of two steep sigmoids each, adding up to a curve; the reader moves both.

    ``options`` as in :func:`approximation_settings` (unit_range, steepness_range,
    target, grid_points, show_bumps_up_to, title). For a chapter cell::

        live_approximation.bump_approximation(8, 50.0, unit_range=(1, 64))
    """
    settings = approximation_settings("bumps", units=n_bumps, steepness=steepness, **options)
    return _curve_explorable(settings, kernel, as_html)


def relu_approximation(
    n_units: int = 8, *, kernel: bool | None = None, as_html: bool = False, **options
):
    """Straight segments from hidden ReLU units joining points of a curve.

    ``options`` as in :func:`approximation_settings` (unit_range, target, grid_points,
    title). For a chapter cell::

        live_approximation.relu_approximation(8, unit_range=(1, 64))
    """
    options.setdefault("steepness_range", (1.0, 100.0))
    settings = approximation_settings("relu", units=n_units, **options)
    return _curve_explorable(settings, kernel, as_html)


# ---------------------------------------------------------------- width against depth

DEPTH_TITLE = "Narrow-deep against wide-shallow at the same parameter budget"


def width_depth_sizes(hidden_layers: int, width: int) -> tuple[list[int], list[int]]:
    """(narrow-deep sizes, wide-shallow sizes with the closest parameter count)."""
    hidden_layers = check_whole(hidden_layers, "hidden_layers", 1, 100)
    width = check_whole(width, "width", 1, 10_000)
    deep = [1] + [width] * hidden_layers + [1]
    budget = Network(deep).parameter_count
    return deep, [1, shallow_width_for(budget), 1]


def width_depth_settings(
    x_train,
    y_train,
    *,
    hidden_layers: int = 3,
    width: int = 8,
    seed: int = 0,
    depth_range=(2, 5),
    width_range=(2, 16),
    seeds: int = 10,
    epochs: int = 1000,
    learning_rate: float = 0.02,
    epochs_per_frame: int = 10,
    title: str = DEPTH_TITLE,
) -> dict:
    """The width-depth component's settings, checked; the data come from Python.

    Both networks train with full-batch Adam at ``learning_rate`` on the MSE of
    (``x_train``, ``y_train``), one column each, for ``epochs`` epochs, from starting
    weights the page draws with the twin's Random(seed) (another stream than numpy's;
    the page reports them, so tests can train nnlib from the same start).
    """
    x, y = finite_array(x_train, "x_train"), finite_array(y_train, "y_train")
    if x.ndim != 2 or x.shape[1] != 1 or y.shape != x.shape or not len(x):
        raise ValueError(
            f"x_train and y_train must be columns of the same length (n, 1); got shapes "
            f"{x.shape} and {y.shape}"
        )
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise ValueError("x_train and y_train must hold finite numbers only")
    ranges = {}
    for name, given in (("depth_range", depth_range), ("width_range", width_range)):
        if isinstance(given, (str, dict)) or np.ndim(given) != 1 or len(given) != 2:
            raise ValueError(f"{name} must be (fewest, most); got {given!r}")
        low, high = (_check_count(v, name, 1, 64) for v in given)
        if not low < high:
            raise ValueError(f"{name} must be (fewest, most) with fewest < most; got {given!r}")
        ranges[name] = [low, high]
    hidden_layers = _check_count(hidden_layers, "hidden_layers", *ranges["depth_range"])
    width = _check_count(width, "width", *ranges["width_range"])
    seeds = _check_count(seeds, "seeds", 1, 1000)
    seed = _check_count(seed, "seed", 0, seeds - 1)
    epochs = _check_count(epochs, "epochs", 1, 100_000)
    epochs_per_frame = _check_count(epochs_per_frame, "epochs_per_frame", 1, 1000)
    learning_rate = check_number(learning_rate, "learning_rate", 1e-6, 10.0)
    return {
        "x": x[:, 0].tolist(),
        "y": y[:, 0].tolist(),
        "hiddenLayers": hidden_layers,
        "width": width,
        "seed": seed,
        "depthRange": ranges["depth_range"],
        "widthRange": ranges["width_range"],
        "seeds": seeds,
        "epochs": epochs,
        "learningRate": learning_rate,
        "epochsPerFrame": epochs_per_frame,
        "title": title,
        "colors": book_colors(),
    }


def train_width_depth(settings: dict, sizes, parameters, epochs: int) -> list[float]:
    """nnlib's training as the page does it: the exact MSE after each of ``epochs`` epochs.

    ``parameters``: the starting [W1, b1, ...], nested or flat (row-major) lists, as the
    page reports them.
    """
    check_settings(settings, "settings", ("x", "y", "learningRate"), "width_depth_settings")
    sizes = _check_sizes(sizes, "sizes")
    epochs = check_whole(epochs, "epochs", 0, 100_000)
    x = np.array(settings["x"])[:, None]
    y = np.array(settings["y"])[:, None]
    network = Network(list(sizes), activation="tanh")
    own = network.parameters()
    if isinstance(parameters, (str, dict)) or not isinstance(parameters, (list, tuple)):
        raise TypeError(f"parameters must be a list [W1, b1, ...]; got {parameters!r}")
    if len(parameters) != len(own):
        raise ValueError(
            f"parameters must hold {len(own)} arrays for sizes {sizes}; got {len(parameters)}"
        )
    given = [finite_array(p, f"parameters[{k}]") for k, p in enumerate(parameters)]
    for k, (p, mine) in enumerate(zip(given, own, strict=True)):
        if p.size != mine.size:
            raise ValueError(f"parameters[{k}] must hold {mine.size} numbers; got {p.size}")
    network.set_parameters([p.reshape(mine.shape) for p, mine in zip(given, own, strict=True)])
    trainer = Trainer(
        network,
        x,
        y,
        loss="mse",
        optimizer="adam",
        learning_rate=settings["learningRate"],
        evaluate_train_every=1,
    )
    trainer.run(epochs)
    return list(trainer.history.train_loss)


def _check_sizes(sizes, name: str) -> list[int]:
    """A curve network's layer sizes: one input, hidden widths, one output."""
    if isinstance(sizes, (str, dict)) or np.ndim(sizes) != 1 or len(sizes) < 3:
        raise ValueError(f"{name} must be layer sizes such as [1, 8, 8, 1]; got {sizes!r}")
    sizes = [check_whole(n, name, 1, 10_000) for n in sizes]
    if sizes[0] != 1 or sizes[-1] != 1:
        raise ValueError(f"{name} must start and end with 1 (a curve); got {sizes}")
    return sizes


def width_depth_readout(
    epoch: int, epochs: int, deep_sizes, deep_loss: float, shallow_sizes, shallow_loss: float
) -> str:
    """The sentence the page shows after ``epoch`` epochs, from given numbers."""
    epochs = check_whole(epochs, "epochs", 0)
    check_whole(epoch, "epoch (at most epochs)", 0, epochs)
    check_numbers(deep_loss=deep_loss, shallow_loss=shallow_loss)
    deep_count = Network(_check_sizes(deep_sizes, "deep_sizes")).parameter_count
    shallow_count = Network(_check_sizes(shallow_sizes, "shallow_sizes")).parameter_count
    return (
        f"Epoch {epoch} of {epochs}: narrow-deep {list(deep_sizes)} ({deep_count} parameters) "
        f"MSE {format_number(deep_loss, 4)}; wide-shallow {list(shallow_sizes)} "
        f"({shallow_count} parameters) MSE {format_number(shallow_loss, 4)}."
    )


@functools.lru_cache(maxsize=64)
def _nnlib_run(x_key: tuple, y_key: tuple, sizes: tuple, seed: int, epochs: int, rate: float):
    """The kernel face's and the fallback's run: nnlib's own Network(sizes, seed) start."""
    x, y = np.array(x_key)[:, None], np.array(y_key)[:, None]
    network = Network(list(sizes), activation="tanh", seed=seed)
    trainer = Trainer(
        network, x, y, loss="mse", optimizer="adam", learning_rate=rate, evaluate_train_every=1
    )
    trainer.run(epochs)
    return network, list(trainer.history.train_loss)


def width_depth_training(
    x_train,
    y_train,
    *,
    kernel: bool | None = None,
    as_html: bool = False,
    **options,
):
    """Narrow-deep against wide-shallow at the same budget, trained live.

    ``options`` as in :func:`width_depth_settings` (hidden_layers, width, seed,
    depth_range, width_range, seeds, epochs, learning_rate, epochs_per_frame, title).
    The fallback picture and the JupyterLab face train nnlib's own ``Network(sizes,
    activation="tanh", seed=seed)``. For a chapter cell::

        live_approximation.width_depth_training(x_train, y_train, epochs=1000)
    """
    settings = width_depth_settings(x_train, y_train, **options)
    x_key, y_key = tuple(settings["x"]), tuple(settings["y"])
    epochs, rate = settings["epochs"], settings["learningRate"]

    def runs(hidden_layers, width, seed):
        deep, shallow = width_depth_sizes(hidden_layers, width)
        return (
            (deep, *_nnlib_run(x_key, y_key, tuple(deep), seed, epochs, rate)),
            (shallow, *_nnlib_run(x_key, y_key, tuple(shallow), seed, epochs, rate)),
        )

    def draw(hidden_layers, width, seed):
        (deep_sizes, deep, deep_losses), (shallow_sizes, shallow, shallow_losses) = runs(
            hidden_layers, width, seed
        )
        x = np.linspace(-1, 1, 401)[:, None]
        fig, (top, bottom) = plotting.new_figure(2, 1, figsize=(6.6, 5.6))
        top.plot(settings["x"], settings["y"], color=plotting.MUTED_COLOR, lw=4, label="target")
        top.plot(
            x[:, 0],
            shallow(x)[:, 0],
            color=plotting.ORANGE,
            lw=2,
            ls="--",
            label=f"wide-shallow {shallow_sizes}",
        )
        top.plot(
            x[:, 0], deep(x)[:, 0], color=plotting.TEAL, lw=2, label=f"narrow-deep {deep_sizes}"
        )
        top.set(xlabel="x", ylabel="y", ylim=(-2.2, 2.6), title=f"seed {seed}")
        top.legend(loc="upper left", fontsize=8)
        epochs_axis = np.arange(1, epochs + 1)
        bottom.plot(epochs_axis, deep_losses, color=plotting.TEAL, lw=2)
        bottom.plot(epochs_axis, shallow_losses, color=plotting.ORANGE, lw=2, ls="--")
        bottom.set_yscale("log")
        bottom.set(xlabel="epoch", ylabel="training MSE (log)")
        return fig

    def readout(hidden_layers, width, seed):
        (deep_sizes, _, deep_losses), (shallow_sizes, _, shallow_losses) = runs(
            hidden_layers, width, seed
        )
        return width_depth_readout(
            epochs, epochs, deep_sizes, deep_losses[-1], shallow_sizes, shallow_losses[-1]
        )

    def alt(hidden_layers, width, seed):
        deep_sizes, shallow_sizes = width_depth_sizes(hidden_layers, width)
        return (
            f"The wavy target with the fits of a narrow-deep network {deep_sizes} and a "
            f"wide-shallow network {shallow_sizes} after {epochs} epochs from seed {seed}, "
            f"and both training errors over the epochs on a log scale."
        )

    controls = [
        widgets.IntRange(
            "hidden_layers",
            *settings["depthRange"],
            value=settings["hiddenLayers"],
            label="hidden layers (deep)",
        ),
        widgets.IntRange(
            "width", *settings["widthRange"], value=settings["width"], label="width (deep)"
        ),
        widgets.IntRange("seed", 0, settings["seeds"] - 1, value=settings["seed"]),
    ]
    return show(
        "width-depth",
        settings,
        title=settings["title"],
        values={
            "hidden_layers": settings["hiddenLayers"],
            "width": settings["width"],
            "seed": settings["seed"],
        },
        draw=draw,
        readout=readout,
        alt=alt,
        controls=controls,
        kernel=kernel,
        as_html=as_html,
    )
