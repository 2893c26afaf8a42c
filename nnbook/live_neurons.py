"""Live components of single neurons and straight boundaries (chapters 0 to 2).

Each function gives the page component in the static book and an nnlib explorable with
a kernel (see nnbook.live.show); the ``*_readout`` functions compute, with nnlib, the
sentence the page shows, which the browser tests compare with the page's.

>>> xor_line_readout(45.0, 0.5)
'θ = 45.0°, c = 0.50: 1 of 4 points misclassified.'
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Circle

from nnbook import plotting, widgets
from nnbook.checks import (
    check_choice,
    check_number,
    check_numbers,
    check_pair,
    check_whole,
    describe,
)
from nnbook.live import book_colors, format_number, show
from nnlib import datasets
from nnlib.activations import sigmoid, step
from nnlib.neurons import Neuron, Perceptron

__all__ = [
    "BOUNDARY_ARROW_SCALE",
    "BOUNDARY_RANGES",
    "NEURON_RANGES",
    "PERCEPTRON_GATES",
    "XOR_OFFSET_RANGE",
    "arrow_placement",
    "inbox_errors",
    "neuron",
    "neuron_boundary",
    "neuron_boundary_readout",
    "neuron_readout",
    "perceptron_mistakes",
    "perceptron_readout",
    "perceptron_run",
    "perceptron_steps",
    "xor_line",
    "xor_line_errors",
    "xor_line_readout",
]

XOR_OFFSET_RANGE = (-0.5, 1.5)
XOR_EXTENT = (-0.6, 1.6, -0.6, 1.6)


def xor_line_errors(theta: float, offset: float) -> np.ndarray:
    """Indices of the XOR points on the wrong side of w . x = c, w = (cos θ, sin θ)."""
    check_numbers(theta=theta, offset=offset)
    X, y = datasets.logic_gate("xor")
    radians = np.radians(float(theta))  # a Python int of 10**30 is a number NumPy refuses
    w = np.array([np.cos(radians), np.sin(radians)])
    return np.flatnonzero((X @ w >= offset).astype(int) != y)


def xor_line_readout(theta: float, offset: float) -> str:
    """The sentence of the xor-line component at angle ``theta`` (degrees), offset ``c``."""
    wrong = len(xor_line_errors(theta, offset))
    return (
        f"θ = {format_number(theta, 1)}°, c = {format_number(offset, 2)}: "
        f"{wrong} of 4 points misclassified."
    )


def arrow_placement(extent, w, b, scale: float = 1.0) -> tuple:
    """(foot, tip, scale) of the weight arrow, both ends inside ``extent``.

    The twin of arrowPlacement in book/js/components/plane.js: the foot is the point of
    the boundary w . x + b = 0 nearest the extent's middle, moved along the boundary
    into the extent; when the boundary misses the extent, the corner nearest it. The tip
    is foot + scale * w with the scale shortened where the tip would leave the extent.
    """
    if isinstance(extent, (str, dict)) or np.ndim(extent) != 1 or len(extent) != 4:
        raise ValueError(f"extent must be four numbers (x0, x1, y0, y1); got {describe(extent)}")
    x0, x1 = check_pair(extent[:2], "extent (x0, x1)")
    y0, y1 = check_pair(extent[2:], "extent (y0, y1)")
    if not (x0 < x1 and y0 < y1):
        raise ValueError(f"extent must have x0 < x1 and y0 < y1; got {list(extent)}")
    w = np.array(check_pair(w, "w", "(w1, w2)"))
    b = check_number(b, "b")
    scale = check_number(scale, "scale", 0)
    low, high = np.array([x0, y0]), np.array([x1, y1])
    middle = (low + high) / 2
    norm2 = float(w @ w)
    if not norm2 > 0:
        return middle, middle.copy(), 0.0

    def side(p):
        return p[0] * w[0] + p[1] * w[1] + b

    foot = middle - side(middle) / norm2 * w
    d = np.array([-w[1], w[0]]) / np.sqrt(norm2)
    t_low, t_high = -np.inf, np.inf
    for i in range(2):
        if d[i] == 0:
            if not low[i] <= foot[i] <= high[i]:
                t_low = np.inf
        else:
            a, c = (low[i] - foot[i]) / d[i], (high[i] - foot[i]) / d[i]
            t_low, t_high = max(t_low, min(a, c)), min(t_high, max(a, c))
    if t_low <= t_high:
        foot = foot + min(max(0.0, t_low), t_high) * d
    else:  # no part of the boundary is in view: start at the corner nearest it
        corners = [(low[0], low[1]), (high[0], low[1]), (high[0], high[1]), (low[0], high[1])]
        foot = np.array(min(corners, key=lambda c: abs(side(c))), dtype=float)
    foot = np.clip(foot, low, high)  # rounding may leave it a hair outside
    s = float(scale)
    for i in range(2):
        if w[i] > 0:
            s = min(s, (high[i] - foot[i]) / w[i])
        elif w[i] < 0:
            s = min(s, (low[i] - foot[i]) / w[i])
    s = max(0.0, s)
    return foot, np.clip(foot + s * w, low, high), s


def _draw_plane(ax, X, y, w, b, extent, wrong=(), title="", arrow_scale=1.0, ring=None):
    """The matplotlib twin of book/js/components/plane.js, for fallbacks and the kernel."""
    xs = np.linspace(extent[0], extent[1], 120)
    ys = np.linspace(extent[2], extent[3], 120)
    grid = np.stack(np.meshgrid(xs, ys), axis=-1)
    side = (grid @ np.asarray(w) + b >= 0).astype(float)
    ax.imshow(plotting.decision_map_rgb(side), origin="lower", extent=extent, aspect="auto")
    if np.any(w):
        w = np.asarray(w, dtype=float)
        on_line = -b / (w @ w) * w  # the boundary's point nearest the origin
        reach = 20 + np.hypot(*on_line) + float(np.linalg.norm(extent))
        ends = on_line + np.outer([-reach, reach], np.array([-w[1], w[0]]) / np.sqrt(w @ w))
        ax.plot(ends[:, 0], ends[:, 1], color=plotting.INK_COLOR, lw=1.5)
        foot, tip, _ = arrow_placement(extent, w, b, arrow_scale)
        ax.annotate(
            "",
            xy=tip,
            xytext=foot,
            arrowprops={"arrowstyle": "-|>", "color": plotting.INK_COLOR, "lw": 2},
        )
    plotting.scatter_data(X, y, ax=ax, legend=False, title=title)
    if ring is not None:
        ax.plot(*X[ring], "o", ms=22, mfc="none", mec=plotting.INK_COLOR, mew=2, zorder=4)
    for i in wrong:
        ax.plot(*X[i], "x", color=plotting.NEGATIVE_COLOR, ms=12, mew=2.5, zorder=4)
    ax.set(xlim=extent[:2], ylim=extent[2:])
    ax.grid(False)


def xor_line(
    theta: float = 30.0, offset: float = 0.5, *, kernel: bool | None = None, as_html: bool = False
):
    """Drag and turn a line over the four XOR points; the misclassified count is live.

    For a chapter cell: ``live_neurons.xor_line(theta=30, offset=0.5)``.
    """
    theta = check_number(theta, "theta", 0.0, 360.0)
    offset = check_number(offset, "offset", *XOR_OFFSET_RANGE)
    X, y = datasets.logic_gate("xor")
    title = "Turn and shift a line over the XOR points"
    settings = {
        "points": X.tolist(),
        "labels": y.tolist(),
        "theta": theta,
        "offset": offset,
        "offsetRange": list(XOR_OFFSET_RANGE),
        "extent": list(XOR_EXTENT),
        "title": title,
        "colors": book_colors(),
    }

    def draw(theta, offset):
        radians = np.radians(theta)
        fig, ax = plotting.new_figure(figsize=(4.0, 3.6))
        wrong = xor_line_errors(theta, offset)
        _draw_plane(
            ax,
            X,
            y,
            [np.cos(radians), np.sin(radians)],
            -offset,
            XOR_EXTENT,
            wrong,
            title=f"misclassified: {len(wrong)} of 4",
            arrow_scale=0.45,
        )
        return fig

    def alt(theta, offset):
        return (
            f"The four XOR points and the line at angle {format_number(theta, 1)} degrees, "
            f"offset {format_number(offset, 2)}; crosses mark the misclassified points."
        )

    return show(
        "xor-line",
        settings,
        title=title,
        values={"theta": theta, "offset": offset},
        draw=draw,
        readout=xor_line_readout,
        alt=alt,
        kernel=kernel,
        as_html=as_html,
        controls=[
            widgets.FloatRange("theta", 0, 360, step=0.1, value=theta, label="angle θ"),
            widgets.FloatRange(
                "offset", *XOR_OFFSET_RANGE, step=0.01, value=offset, label="offset c"
            ),
        ],
    )


# ----------------------------------------------------------------------------------
# One neuron (chapter 1)
# ----------------------------------------------------------------------------------

NEURON_RANGES = {
    "x1": (0.0, 1.0),
    "x2": (0.0, 1.0),
    "w1": (-1.0, 2.0),
    "w2": (-1.0, 2.0),
    "b": (-2.0, 1.0),
}


def neuron_readout(x1: float, x2: float, w1: float, w2: float, b: float) -> str:
    """The sentence of the neuron component: nnlib's weighted sum, step and sigmoid."""
    check_numbers(x1=x1, x2=x2, w1=w1, w2=w2, b=b)
    unit = Neuron([w1, w2], bias=b, activation="step")
    z = unit.weighted_sum([x1, x2])
    out_step = step(np.array([z]))[0]
    out_sigmoid = sigmoid(np.array([z]))[0]
    f = format_number
    return (
        f"z = w₁x₁ + w₂x₂ + b = ({f(w1, 2)})({f(x1, 2)}) + ({f(w2, 2)})({f(x2, 2)}) + ({f(b, 2)}) "
        f"= {f(z, 3)}; step(z) = {f(out_step, 0)}; σ(z) = {f(out_sigmoid, 3)}."
    )


def _draw_neuron(x1, x2, w1, w2, b):
    z = Neuron([w1, w2], bias=b).weighted_sum([x1, x2])
    fig, (left, right) = plotting.new_figure(1, 2, figsize=(8.0, 3.0))
    for value, weight, height in ((x1, w1, 0.75), (x2, w2, 0.25)):
        color = plotting.POSITIVE_COLOR if weight >= 0 else plotting.NEGATIVE_COLOR
        left.plot([0.15, 0.6], [height, 0.5], color=color, lw=1 + 3 * abs(weight))
        left.add_patch(_circle((0.15, height), 0.09))
        left.text(0.15, height, format_number(value, 2), ha="center", va="center", fontsize=9)
        left.text(
            0.37,
            (height + 0.5) / 2 + 0.06,
            f"w = {format_number(weight, 2)}",
            ha="center",
            fontsize=9,
        )
    left.add_patch(_circle((0.65, 0.5), 0.13))
    left.text(0.65, 0.5, f"Σ\nz = {format_number(z, 2)}", ha="center", va="center", fontsize=9)
    left.text(0.65, 0.25, f"b = {format_number(b, 2)}", ha="center", fontsize=9)
    left.set(xlim=(0, 1), ylim=(0, 1), title="the neuron")
    left.axis("off")
    grid = np.linspace(-6, 6, 241)
    right.plot(grid, step(grid), color=plotting.VERMILLION, ls="--", label="step")
    right.plot(grid, sigmoid(grid), color=plotting.BLUE, label="sigmoid")
    shown = float(np.clip(z, -6, 6))
    right.plot(
        [shown, shown],
        [step(np.array([z]))[0], sigmoid(np.array([z]))[0]],
        "o",
        color=plotting.INK_COLOR,
    )
    right.set(xlim=(-6, 6), xlabel="weighted sum z", ylabel="output a", title="output")
    right.legend(loc="upper left")
    return fig


def _circle(centre, radius):
    return Circle(centre, radius, facecolor=plotting.FACE_COLOR, edgecolor=plotting.INK_COLOR)


def neuron(
    x1: float = 1.0,
    x2: float = 0.0,
    w1: float = 1.0,
    w2: float = 1.0,
    b: float = -1.0,
    *,
    kernel: bool | None = None,
    as_html: bool = False,
):
    """One neuron: inputs, weights and bias change z, step(z), σ(z) and its drawing.

    For a chapter cell: ``live_neurons.neuron(x1=1, x2=0, w1=1, w2=1, b=-1)``.
    """
    values = {
        name: check_number(v, name, *NEURON_RANGES[name])
        for name, v in {"x1": x1, "x2": x2, "w1": w1, "w2": w2, "b": b}.items()
    }
    title = "One neuron: weighted sum and output"
    settings = {
        **values,
        "ranges": {k: list(v) for k, v in NEURON_RANGES.items()},
        "title": title,
        "colors": book_colors(),
    }
    labels = {
        "x1": "input x₁",
        "x2": "input x₂",
        "w1": "weight w₁",
        "w2": "weight w₂",
        "b": "bias b",
    }

    def alt(**v):
        return (
            "A neuron with inputs x₁ and x₂, weights drawn as lines as thick as they are "
            "large, the sum node, and the step and sigmoid curves with this neuron's "
            f"output marked; {neuron_readout(**v)}"
        )

    return show(
        "neuron",
        settings,
        title=title,
        values=values,
        draw=_draw_neuron,
        readout=neuron_readout,
        alt=alt,
        kernel=kernel,
        as_html=as_html,
        controls=[
            widgets.FloatRange(k, *NEURON_RANGES[k], step=0.01, value=values[k], label=labels[k])
            for k in NEURON_RANGES
        ],
    )


# ----------------------------------------------------------------------------------
# A two-input neuron over the inbox, and the perceptron rule (chapter 2)
# ----------------------------------------------------------------------------------

BOUNDARY_RANGES = {"w1": (-1.0, 1.5), "w2": (-1.0, 1.5), "b": (-8.0, 2.0)}
BOUNDARY_ARROW_SCALE = 1.5  # the weight arrow is 1.5 w long where it fits in the plot


def inbox_errors(w1: float, w2: float, b: float, n: int = 60, seed: int = 0) -> np.ndarray:
    """Indices of the inbox emails the neuron step(w . x + b) gets wrong, by nnlib."""
    check_numbers(w1=w1, w2=w2, b=b)
    X, y = datasets.spam_inbox(n=n, seed=seed)
    predicted = Neuron([w1, w2], bias=b, activation="step")(X)
    return np.flatnonzero(predicted.astype(int) != y)


def neuron_boundary_readout(w1: float, w2: float, b: float, n: int = 60, seed: int = 0) -> str:
    """The sentence of the neuron-boundary component."""
    check_numbers(w1=w1, w2=w2, b=b)
    f = format_number
    return (
        f"Boundary {f(w1, 2)}·x₁ + {f(w2, 2)}·x₂ + ({f(b, 2)}) = 0: "
        f"{len(inbox_errors(w1, w2, b, n, seed))} of {n} emails misclassified."
    )


def neuron_boundary(
    w1: float = 1.0,
    w2: float = 1.0,
    b: float = -5.0,
    *,
    n: int = 60,
    seed: int = 0,
    kernel: bool | None = None,
    as_html: bool = False,
):
    """Drag the boundary or the weight vector of a two-input neuron over the inbox.

    The data are ``nnlib.datasets.spam_inbox(n, seed)``. For a chapter cell:
    ``live_neurons.neuron_boundary(w1=1, w2=1, b=-5)``.
    """
    values = {
        name: check_number(v, name, *BOUNDARY_RANGES[name])
        for name, v in {"w1": w1, "w2": w2, "b": b}.items()
    }
    if values["w1"] == 0 and values["w2"] == 0:
        raise ValueError("w1 and w2 are both 0: such a neuron has no boundary; make one non-zero")
    X, y = datasets.spam_inbox(n=n, seed=seed)
    extent = [
        float(X[:, 0].min() - 0.8),
        float(X[:, 0].max() + 0.8),
        float(X[:, 1].min() - 0.8),
        float(X[:, 1].max() + 0.8),
    ]
    title = "A two-input neuron: its boundary is always straight"
    settings = {
        **values,
        "points": X.tolist(),
        "labels": y.tolist(),
        "extent": extent,
        "ranges": {k: list(v) for k, v in BOUNDARY_RANGES.items()},
        "arrowScale": BOUNDARY_ARROW_SCALE,
        "title": title,
        "colors": book_colors(),
    }

    def draw(w1, w2, b):
        fig, ax = plotting.new_figure(figsize=(4.8, 4.2))
        wrong = inbox_errors(w1, w2, b, n, seed)
        _draw_plane(
            ax,
            X,
            y,
            [w1, w2],
            b,
            extent,
            wrong,
            arrow_scale=BOUNDARY_ARROW_SCALE,
            title=f"misclassified: {len(wrong)} of {n}",
        )
        ax.set(xlabel="$x_1$: links", ylabel="$x_2$: exclamation marks")
        return fig

    def alt(w1, w2, b):
        return (
            f"The {n} emails of the inbox (normal mail and spam) and the boundary of the "
            f"neuron with w = ({format_number(w1, 2)}, {format_number(w2, 2)}) and "
            f"b = {format_number(b, 2)}; crosses mark the misclassified emails."
        )

    return show(
        "neuron-boundary",
        settings,
        title=title,
        values=values,
        draw=draw,
        readout=lambda **v: neuron_boundary_readout(**v, n=n, seed=seed),
        alt=alt,
        kernel=kernel,
        as_html=as_html,
        controls=[
            widgets.FloatRange(
                k,
                *BOUNDARY_RANGES[k],
                step=0.01,
                value=values[k],
                label={"w1": "weight w₁", "w2": "weight w₂", "b": "bias b"}[k],
            )
            for k in BOUNDARY_RANGES
        ],
    )


PERCEPTRON_GATES = ("and", "or", "xor")


def perceptron_run(gate: str, learning_rate: float = 1.0, max_epochs: int = 10):
    """nnlib's Perceptron(2).fit on a gate's truth table, from w = 0, b = 0, data order."""
    X, y = datasets.logic_gate(gate)
    return Perceptron(2, learning_rate=learning_rate).fit(X, y, max_epochs=max_epochs)


def perceptron_mistakes(
    gate: str, visits: int, learning_rate: float = 1.0, max_epochs: int = 10
) -> dict:
    """What the perceptron component marks after ``visits`` steps, from nnlib's run.

    ``wrong``: indices of the truth table's rows the current weights misclassify (the
    crosses); ``errors_per_epoch``: the mistakes of each finished epoch (the bars);
    ``running``: the mistakes so far in the epoch under way (its paler bar).
    """
    X, y = datasets.logic_gate(gate)
    result = perceptron_run(gate, learning_rate, max_epochs)
    visits = check_whole(visits, "visits")
    if not 0 <= visits <= len(result.updates):
        raise ValueError(f"visits must lie in [0, {len(result.updates)}] for {gate}; got {visits}")
    if visits == 0:
        w, b = result.initial_weights, result.initial_bias
    else:
        w, b = result.updates[visits - 1].weights, result.updates[visits - 1].bias
    finished = visits // len(X)
    running = sum(u.changed for u in result.updates[finished * len(X) : visits])
    return {
        "wrong": np.flatnonzero((X @ w + b >= 0).astype(int) != y).tolist(),
        "errors_per_epoch": list(result.errors_per_epoch[:finished]),
        "running": int(running),
    }


def perceptron_readout(
    gate: str, visits: int, learning_rate: float = 1.0, max_epochs: int = 10
) -> str:
    """The sentence of the perceptron component after ``visits`` steps, from nnlib."""
    X, _ = datasets.logic_gate(gate)
    result = perceptron_run(gate, learning_rate, max_epochs)
    visits = check_whole(visits, "visits")
    if not 0 <= visits <= len(result.updates):
        raise ValueError(f"visits must lie in [0, {len(result.updates)}] for {gate}; got {visits}")
    f = format_number
    if visits == 0:
        w, b = result.initial_weights, result.initial_bias
    else:
        u = result.updates[visits - 1]
        w, b = u.weights, u.bias
    weights = f"w = ({f(w[0], 2)}, {f(w[1], 2)}), b = {f(b, 2)}"
    head = f"{gate.upper()}: start, {weights}."
    if visits:
        x = ", ".join(f(v, 0) for v in X[u.sample_index])
        verdict = "wrong → update" if u.changed else "right → no change"
        head = (
            f"{gate.upper()}, epoch {u.epoch}, example ({x}): predicted {u.prediction}, "
            f"target {u.target}, {verdict}; {weights}."
        )
    done = result.errors_per_epoch[: visits // len(X)]
    mistakes = ", ".join(str(m) for m in done) if done else "none yet"
    tail = ""
    if visits == len(result.updates):
        tail = (
            f" Converged: epoch {result.converged_epoch} had no mistake."
            if result.converged
            else f" Stopped after {result.epochs_run} epochs without converging."
        )
    return f"{head} Mistakes per epoch: {mistakes}.{tail}"


def perceptron_steps(
    gate: str = "and",
    *,
    learning_rate: float = 1.0,
    max_epochs: int = 10,
    kernel: bool | None = None,
    as_html: bool = False,
):
    """The perceptron learning AND, OR or XOR update by update (Step / Play / Reset).

    For a chapter cell: ``live_neurons.perceptron_steps("and")``.
    """
    check_choice(gate, "gate", PERCEPTRON_GATES)
    check_number(learning_rate, "learning_rate", 0.01, 10.0)
    if isinstance(max_epochs, bool) or not isinstance(max_epochs, int) or not 1 <= max_epochs <= 50:
        raise ValueError(f"max_epochs must be a whole number in [1, 50]; got {max_epochs!r}")
    gates = {}
    for name in PERCEPTRON_GATES:
        X, y = datasets.logic_gate(name)
        gates[name] = {"points": X.tolist(), "labels": y.tolist()}
    title = "The perceptron learning rule, one example at a time"
    settings = {
        "gates": gates,
        "gate": gate,
        "learningRate": float(learning_rate),
        "maxEpochs": max_epochs,
        "extent": list(XOR_EXTENT),
        "title": title,
        "colors": book_colors(),
    }
    longest = max(
        len(perceptron_run(g, learning_rate, max_epochs).updates) for g in PERCEPTRON_GATES
    )

    def state(gate, visit):
        result = perceptron_run(gate, learning_rate, max_epochs)
        visit = min(visit, len(result.updates))
        if visit == 0:
            return result, visit, result.initial_weights, result.initial_bias
        u = result.updates[visit - 1]
        return result, visit, u.weights, u.bias

    def draw(gate, visit):
        result, visit, w, b = state(gate, visit)
        X, y = datasets.logic_gate(gate)
        wrong = np.flatnonzero((X @ w + b >= 0).astype(int) != y)
        ring = result.updates[visit - 1].sample_index if visit else None
        fig, ax = plotting.new_figure(figsize=(4.2, 3.8))
        _draw_plane(
            ax,
            X,
            y,
            w,
            b,
            XOR_EXTENT,
            wrong,
            ring=ring,
            title=f"{gate.upper()}: visit {visit}, {len(wrong)} of 4 wrong",
        )
        return fig

    def readout(gate, visit):
        _, visit, _, _ = state(gate, visit)
        return perceptron_readout(gate, visit, learning_rate, max_epochs)

    def alt(gate, visit):
        return (
            f"The truth table of {gate.upper()} as four points, the perceptron's boundary "
            "after the examples shown so far, the current example ringed and its "
            "mistakes crossed out."
        )

    return show(
        "perceptron",
        settings,
        title=title,
        values={"gate": gate, "visit": 0},
        draw=draw,
        readout=readout,
        alt=alt,
        kernel=kernel,
        as_html=as_html,
        controls=[
            widgets.Choice(
                "gate",
                [(g.upper(), g) for g in PERCEPTRON_GATES],
                value=gate,
                toggle=True,
                label="gate",
            ),
            widgets.IntRange("visit", 0, longest, value=0, label="examples shown"),
        ],
    )
