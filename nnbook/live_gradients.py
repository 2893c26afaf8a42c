"""Live components of chapter 3: the gradient through N layers, softmax's temperature.

Each function gives the page component in the static book and an nnlib explorable with
a kernel (nnbook.live.show); the ``*_readout`` functions compute, with nnlib, the
sentence the page shows.

>>> depth_readout(["relu"], 3, 1.0)
'After 3 layers at z = 1.00: ReLU 1.00e+0.'
"""

from __future__ import annotations

import numpy as np

from nnbook import plotting, widgets
from nnbook.checks import check_number, check_numbers, check_whole, describe, finite_array
from nnbook.live import (
    ACTIVATION_LABELS,
    book_colors,
    check_functions,
    format_exponential,
    format_number,
    show,
)
from nnlib.activations import get_activation, softmax

__all__ = [
    "DEPTH_RANGE",
    "TEMPERATURE_RANGE",
    "depth_factors",
    "depth_readout",
    "gradient_depth",
    "softmax_readout",
    "softmax_temperature",
]

DEPTH_RANGE = (1, 50)
Z_RANGE = (-1.0, 3.0)
TEMPERATURE_RANGE = (0.1, 10.0)


def depth_factors(functions, depth: int, z: float) -> dict:
    """f'(z) ** n for n = 0..depth, per activation, by nnlib."""
    functions = check_functions(functions)
    depth = check_whole(depth, "depth", 0, 1000)
    z = check_number(z, "z")
    n = np.arange(depth + 1)
    return {name: float(get_activation(name).derivative(z)) ** n for name in functions}


def depth_readout(functions, depth: int, z: float) -> str:
    """The sentence of the gradient-depth component."""
    factors = depth_factors(functions, depth, z)
    parts = [
        f"{ACTIVATION_LABELS[k]} {format_exponential(float(v[-1]))}" for k, v in factors.items()
    ]
    return f"After {depth} layers at z = {format_number(z, 2)}: {'; '.join(parts)}."


def _check_depth(depth):
    if (
        isinstance(depth, bool)
        or not isinstance(depth, int)
        or not DEPTH_RANGE[0] <= depth <= DEPTH_RANGE[1]
    ):
        raise ValueError(
            f"depth must be a whole number in [{DEPTH_RANGE[0]}, {DEPTH_RANGE[1]}]; got {depth!r}"
        )
    return depth


def gradient_depth(
    functions=("sigmoid", "tanh", "relu"),
    depth: int = 10,
    z: float = 1.0,
    *,
    kernel: bool | None = None,
    as_html: bool = False,
):
    """The gradient factor f'(z)^n through n = 0..N layers, on a log axis fitted to it.

    For a chapter cell: ``live_gradients.gradient_depth(["sigmoid", "tanh", "relu"], 10, 1.0)``.
    """
    functions = check_functions(functions)
    for name in functions:
        if name not in ACTIVATION_LABELS:
            raise ValueError(f"functions: {name!r} is not one of {', '.join(ACTIVATION_LABELS)}")
    depth = _check_depth(depth)
    z = check_number(z, "z", *Z_RANGE)
    title = "The gradient that survives N layers"
    settings = {
        "functions": functions,
        "labels": {n: ACTIVATION_LABELS[n] for n in functions},
        "depth": depth,
        "depthRange": list(DEPTH_RANGE),
        "z": z,
        "zRange": list(Z_RANGE),
        "title": title,
        "colors": book_colors(),
    }

    def draw(depth, z):
        factors = depth_factors(functions, depth, z)
        fig, ax = plotting.new_figure(figsize=(6.4, 3.6))
        positive = [v[v > 0] for v in factors.values() if np.any(v > 0)]
        low = min(min(float(p.min()) for p in positive), 1.0)
        for k, (name, values) in enumerate(factors.items()):
            shown = np.where(values > 0, values, low / 10)  # 0 sits on the bottom edge
            ax.plot(
                np.arange(depth + 1),
                shown,
                marker="o",
                ms=3,
                label=ACTIVATION_LABELS[name],
                color=plotting.SERIES_COLORS[k],
            )
        ax.set_yscale("log")
        ax.set_ylim(low / 10, max(max(float(p.max()) for p in positive), 1.0) * 10)
        ax.set(
            xlabel="number of layers n",
            ylabel="f′(z)ⁿ (log scale)",
            title=f"Gradient factor after n layers, every layer at z = {format_number(z, 2)}",
        )
        ax.legend(loc="best")
        return fig

    def alt(depth, z):
        return (
            f"Log-scale curves of the slope to the power n for n from 0 to {depth}, at "
            f"z = {format_number(z, 2)}, for {', '.join(ACTIVATION_LABELS[n] for n in functions)}."
        )

    return show(
        "gradient-depth",
        settings,
        title=title,
        values={"depth": depth, "z": z},
        draw=draw,
        readout=lambda depth, z: depth_readout(functions, depth, z),
        alt=alt,
        kernel=kernel,
        as_html=as_html,
        controls=[
            widgets.IntRange("depth", *DEPTH_RANGE, value=depth, label="depth N"),
            widgets.FloatRange("z", *Z_RANGE, step=0.01, value=z, label="z at every layer"),
        ],
    )


def _check_logits(logits) -> np.ndarray:
    if isinstance(logits, (str, dict)):
        raise ValueError(f"logits must be a list of at least two numbers; got {describe(logits)}")
    values = finite_array(logits, "logits")  # refuses text, complex numbers, NaN
    if values.ndim != 1 or len(values) < 2:
        raise ValueError(f"logits must be a list of at least two numbers; got {describe(logits)}")
    return values


def softmax_readout(logits, temperature: float) -> str:
    """The sentence of the softmax-temperature component: nnlib's softmax(logits, T)."""
    logits = _check_logits(logits)
    check_numbers(temperature=temperature)
    p = softmax(logits, temperature=temperature)
    parts = ", ".join(f"class {k} {format_number(float(v), 3)}" for k, v in enumerate(p))
    return f"At T = {format_number(temperature, 2)}: {parts}."


def softmax_temperature(
    logits=(2.0, 1.0, 0.5, -0.5, -1.0),
    temperature: float = 1.0,
    *,
    kernel: bool | None = None,
    as_html: bool = False,
):
    """Bars of softmax(logits / T) with a temperature slider (log scale, 0.1 to 10).

    For a chapter cell: ``live_gradients.softmax_temperature([2.0, 1.0, 0.5, -0.5, -1.0])``.
    """
    logits = _check_logits(logits).tolist()
    temperature = round(check_number(temperature, "temperature", *TEMPERATURE_RANGE), 2)
    title = "Softmax of the logits at temperature T"
    settings = {
        "logits": logits,
        "temperature": temperature,
        "range": list(TEMPERATURE_RANGE),
        "title": title,
        "colors": book_colors(),
    }

    def draw(temperature):
        p = softmax(np.asarray(logits), temperature=temperature)
        fig, ax = plotting.new_figure(figsize=(6.0, 3.2))
        ax.bar(
            [f"class {k}\nlogit {format_number(v, 1)}" for k, v in enumerate(logits)],
            p,
            color=plotting.BLUE,
        )
        ax.set_ylim(0, 1)
        ax.set(
            title=f"softmax(logits / T) at T = {format_number(temperature, 2)}",
            ylabel="probability",
        )
        return fig

    def alt(temperature):
        return (
            f"Bars of the softmax probabilities of {len(logits)} classes at temperature "
            f"{format_number(temperature, 2)}."
        )

    return show(
        "softmax-temperature",
        settings,
        title=title,
        values={"temperature": temperature},
        draw=draw,
        readout=lambda temperature: softmax_readout(logits, temperature),
        alt=alt,
        kernel=kernel,
        as_html=as_html,
        controls=[
            widgets.FloatRange(
                "temperature",
                *TEMPERATURE_RANGE,
                step=0.01,
                value=temperature,
                label="temperature T",
            )
        ],
    )
