"""Explorables that compute in the reader's page, one function per component.

Each function checks its settings with nnlib. In the static book
(``widgets.static_mode()``) it returns
``nnbook.components.component(NAME, settings, fallback_html, label)``: the page's
loader mounts ``book/js/components/NAME.js``, which computes with the browser twin of
nnlib (``book/js/nnlib``). The fallback -- a picture drawn by nnlib and matplotlib at
the given settings, with its text alternative and the readout as a caption -- shows
where scripts do not run and in print. With a kernel (JupyterLab) the same function
returns an ipywidgets explorable that computes with nnlib, with the same controls,
colours and readout sentence (``kernel=True``/``False`` forces one face).

>>> html = activation_curves_html(["relu", "elu"], alpha=0.3, z_range=(-3, 3), z=-1.0)
>>> 'data-nnz-component="activation-curves"' in html
True
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext

import numpy as np

from nnbook import plotting, widgets
from nnbook.checks import check_flag, check_number, check_numbers, check_pair, check_whole, describe
from nnbook.components import component, component_html
from nnlib.activations import get_activation

__all__ = [
    "ACTIVATION_LABELS",
    "activation_curves",
    "activation_curves_html",
    "activation_curves_settings",
    "activation_readout",
    "book_colors",
    "check_functions",
    "figure_html",
    "format_exponential",
    "show",
    "format_number",
]

# How the curves are named on the page (the component shows these, from the settings).
ACTIVATION_LABELS = {
    "linear": "linear",
    "step": "step",
    "sigmoid": "sigmoid",
    "tanh": "tanh",
    "relu": "ReLU",
    "leaky_relu": "Leaky ReLU",
    "elu": "ELU",
    "gelu": "GELU",
    "gelu_tanh": "GELU (tanh approx.)",
    "silu": "SiLU",
    "swish": "swish",
    "softplus": "softplus",
}
USES_ALPHA = ("leaky_relu", "elu")
ALPHA_RANGE = (0.01, 1.0)  # the component's slider; Leaky ReLU's alpha must stay <= 1


def book_colors() -> dict:
    """nnbook.plotting's palette as the components read it (book/js/components/figure.js)."""
    return {
        "series": list(plotting.SERIES_COLORS),
        "classes": list(plotting.CLASS_COLORS),
        "face": plotting.FACE_COLOR,
        "ink": plotting.INK_COLOR,
        "muted": plotting.MUTED_COLOR,
        "grid": plotting.GRID_COLOR,
        "positive": plotting.POSITIVE_COLOR,
        "negative": plotting.NEGATIVE_COLOR,
    }


def format_number(value: float, digits: int = 3) -> str:
    """``value`` with ``digits`` decimals, exactly as the page writes it.

    JavaScript's ``toFixed`` rounds the exact binary value half away from zero (Python's
    format rounds half to even) and writes no sign for -0; the minus is the typographic
    one, U+2212.
    """
    value = check_number(value, "value")
    digits = check_whole(digits, "digits", 0, 20)
    with localcontext(prec=400):  # enough digits for any float up to 1.8e308
        magnitude = Decimal(abs(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    text = f"{magnitude:.{digits}f}"
    return ("−" + text) if value < 0 else text


def _label(name: str, alpha: float) -> str:
    if name in USES_ALPHA:
        return f"{ACTIVATION_LABELS[name]} (α = {format_number(alpha, 2)})"
    return ACTIVATION_LABELS[name]


def _activation(name: str, alpha: float):
    return get_activation(name, alpha=alpha) if name in USES_ALPHA else get_activation(name)


def check_functions(functions) -> list[str]:
    """``functions`` as a list of names from ACTIVATION_LABELS, or an error naming it."""
    if isinstance(functions, str) or not isinstance(functions, (list, tuple)) or not functions:
        raise ValueError(
            f"functions must be a non-empty list of activation names such as "
            f"['sigmoid', 'tanh']; got {describe(functions)}"
        )
    for name in functions:
        if not isinstance(name, str) or name not in ACTIVATION_LABELS:
            raise ValueError(
                f"functions: {name!r} is not an elementwise activation; the known ones "
                f"are {', '.join(ACTIVATION_LABELS)}"
            )
    return list(functions)


def activation_readout(functions, alpha: float, z: float, show_derivative: bool = True) -> str:
    """The sentence the component shows (and gives screen readers) at ``z``, from nnlib."""
    functions = check_functions(functions)
    check_numbers(alpha=alpha, z=z)
    show_derivative = check_flag(show_derivative, "show_derivative")
    parts = []
    for name in functions:
        f = _activation(name, alpha)
        text = f"{_label(name, alpha)} {format_number(float(f(z)))}"
        if show_derivative:
            text += f", slope {format_number(float(f.derivative(z)))}"
        parts.append(text)
    return f"At z = {format_number(z, 2)}: {'; '.join(parts)}."


def format_exponential(value: float, digits: int = 2) -> str:
    """``value`` as JavaScript's ``toExponential(digits)`` writes it, typographic minus.

    The exact binary value is rounded half up to ``digits`` decimals of the mantissa
    (``1.25e-7``, ``3.00e+0``), so Python and the page print the same text.
    """
    value = check_number(value, "value")
    digits = check_whole(digits, "digits", 0, 20)
    if value == 0:
        return f"{0:.{digits}f}e+0"
    exact = Decimal(abs(value))
    exponent = exact.adjusted()
    quantum = Decimal(1).scaleb(-digits)
    mantissa = exact.scaleb(-exponent).quantize(quantum, rounding=ROUND_HALF_UP)
    if mantissa >= 10:
        exponent += 1
        mantissa = exact.scaleb(-exponent).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "−" if value < 0 else ""
    return f"{sign}{mantissa}e{'+' if exponent >= 0 else '−'}{abs(exponent)}"


def figure_html(fig, alt: str, caption: str) -> str:
    """A matplotlib figure as the fallback of a component: picture, alt text, caption."""
    for text, name in ((alt, "alt"), (caption, "caption")):
        if not isinstance(text, str):
            raise TypeError(f"{name} must be text; got {describe(text)}")
    png = plotting.figure_to_png(fig, dpi=96)
    source = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return (
        f'<figure><img src="{source}" alt="{html.escape(alt, quote=True)}" '
        f'style="max-width:100%"><figcaption>{html.escape(caption)}</figcaption></figure>'
    )


def show(
    name: str,
    settings: dict,
    *,
    title: str,
    values: dict,
    draw,
    readout,
    alt,
    controls,
    kernel: bool | None = None,
    as_html: bool = False,
):
    """One explorable with its two faces, for the modules of nnbook.live_*.

    ``draw(**values)`` -> matplotlib figure, ``readout(**values)`` -> the sentence the
    page shows, ``alt(**values)`` -> the picture's text alternative, all computed by
    nnlib; ``values``: the starting control values; ``controls``: nnbook.widgets specs
    with the same names, for the kernel face. ``kernel=None`` picks the face (the page
    component in the static book, an nnlib explorable with a kernel); ``as_html`` gives
    the component's HTML (for tests and for pages built without IPython).
    """
    if not isinstance(values, dict):
        raise TypeError(f"values must map each control's name to its start; got {describe(values)}")
    if isinstance(controls, (list, tuple)):
        # every control starts at its value (values may hold fixed settings besides)
        names = [getattr(control, "name", None) for control in controls]
        if not all(isinstance(name, str) for name in names):
            raise TypeError(
                f"controls must be nnbook.widgets controls (FloatRange, IntRange, Choice); "
                f"got {describe(controls)}"
            )
        missing = [name for name in names if name not in values]
        if missing:
            raise ValueError(
                f"values must give a start for each control, by name ({names}); "
                f"{missing} missing from keys {list(values)[:10]}"
            )
    as_html = check_flag(as_html, "as_html")
    kernel = None if kernel is None else check_flag(kernel, "kernel")
    use_kernel = not as_html and (not widgets.static_mode() if kernel is None else kernel)
    if use_kernel:
        return widgets.explorable(
            lambda **v: (draw(**v), html.escape(readout(**v))),
            controls,
            title=title,
            alt=lambda **v: alt(**v),
            static=False,
        )
    fallback = figure_html(draw(**values), alt(**values), readout(**values))
    if as_html:
        return component_html(name, settings, fallback, title)
    return component(name, settings, fallback, title)


def activation_curves_settings(
    functions: Sequence[str] = ("sigmoid", "tanh", "relu"),
    *,
    alpha: float = 0.1,
    show_derivative: bool = True,
    z_range: tuple[float, float] = (-6.0, 6.0),
    z: float | None = None,
    title: str = "",
) -> dict:
    """The component's settings, checked: every name known to nnlib, numbers in range."""
    functions = check_functions(functions)
    show_derivative = check_flag(show_derivative, "show_derivative")
    alpha = check_number(alpha, "alpha")
    if not ALPHA_RANGE[0] <= alpha <= ALPHA_RANGE[1]:
        raise ValueError(f"alpha must lie in [{ALPHA_RANGE[0]}, {ALPHA_RANGE[1]}]; got {alpha}")
    low, high = check_pair(z_range, "z_range")
    if not low < high:
        raise ValueError(f"z_range must be (low, high) with low < high; got {z_range!r}")
    z = (low + high) / 2 if z is None else check_number(z, "z")
    if not low <= z <= high:
        raise ValueError(f"z must lie inside z_range {z_range!r}; got {z}")
    return {
        "functions": list(functions),
        "labels": {name: ACTIVATION_LABELS[name] for name in functions},
        "alpha": alpha,
        "showDerivative": bool(show_derivative),
        "range": [low, high],
        "z": z,
        "title": title,
        "colors": book_colors(),
    }


def _draw(settings: dict, z: float, alpha: float):
    """The curves (and slopes) at ``alpha`` with the readout's z marked: a figure."""
    functions = settings["functions"]
    low, high = settings["range"]
    grid = np.linspace(low, high, 481)
    panels = 2 if settings["showDerivative"] else 1
    fig, axes = plotting.new_figure(1, panels, figsize=(5.0 * panels, 3.4))
    axes = np.atleast_1d(axes)
    series = {_label(n, alpha): _activation(n, alpha) for n in functions}
    plotting.line_plot(
        grid,
        {k: f(grid) for k, f in series.items()},
        ax=axes[0],
        title="f(z)",
        xlabel="z",
        ylabel="f(z)",
    )
    if panels == 2:
        plotting.line_plot(
            grid,
            {k: f.derivative(grid) for k, f in series.items()},
            ax=axes[1],
            title="slope f′(z)",
            xlabel="z",
            ylabel="f′(z)",
        )
    for ax in axes:
        ax.axvline(z, color=plotting.MUTED_COLOR, ls=":")
    return fig


def _alt(settings: dict, alpha: float) -> str:
    low, high = settings["range"]
    names = ", ".join(_label(n, alpha) for n in settings["functions"])
    alt = f"Curves of {names} for z from {format_number(low, 1)} to {format_number(high, 1)}"
    return alt + (", and their slopes." if settings["showDerivative"] else ".")


def _fallback_picture(settings: dict) -> str:
    """The picture at the settings, as a figure element with alt text and the readout."""
    z, alpha = settings["z"], settings["alpha"]
    png = plotting.figure_to_png(_draw(settings, z, alpha), dpi=96)
    source = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    readout = activation_readout(settings["functions"], alpha, z, settings["showDerivative"])
    return (
        f'<figure><img src="{source}" alt="{_alt(settings, alpha)}" style="max-width:100%">'
        f"<figcaption>{readout}</figcaption></figure>"
    )


def _kernel_explorable(settings: dict):
    """The JupyterLab face: sliders for z (and alpha), redrawn by nnlib."""
    low, high = settings["range"]
    functions = settings["functions"]

    def render(z, alpha=settings["alpha"]):
        readout = activation_readout(functions, alpha, z, settings["showDerivative"])
        return _draw(settings, z, alpha), readout

    controls = [widgets.FloatRange("z", low, high, step=0.01, value=settings["z"])]
    if any(name in USES_ALPHA for name in functions):
        controls.append(
            widgets.FloatRange(
                "alpha",
                *ALPHA_RANGE,
                step=0.01,
                value=settings["alpha"],
                label="α (Leaky ReLU, ELU)",
            )
        )
    return widgets.explorable(
        render,
        controls,
        title=settings["title"] or "Activation curves and their slopes",
        alt=lambda z, alpha=settings["alpha"]: _alt(settings, alpha),
        static=False,
    )


def _component_parts(functions, options) -> tuple[dict, str, str]:
    settings = activation_curves_settings(functions, **options)
    label = settings["title"] or "Activation curves and their slopes"
    return settings, _fallback_picture(settings), label


def activation_curves_html(functions=("sigmoid", "tanh", "relu"), **options) -> str:
    """The component's HTML (settings and fallback); ``options`` as in the settings."""
    return component_html("activation-curves", *_component_parts(functions, options))


def activation_curves(
    functions=("sigmoid", "tanh", "relu"), *, kernel: bool | None = None, **options
):
    """Activation curves with their slopes and a readout the reader moves along z.

    ``functions``: names from ``ACTIVATION_LABELS``; ``alpha`` (Leaky ReLU, ELU; a
    slider appears when either is shown), ``show_derivative``, ``z_range``, ``z`` (where
    the readout starts), ``title``. ``kernel=None`` picks the face: the page component
    in the static book, an nnlib explorable with a kernel. For a chapter cell::

        live.activation_curves(["sigmoid", "tanh", "relu"], z_range=(-6, 6), z=1.0)
    """
    kernel = None if kernel is None else check_flag(kernel, "kernel")
    use_kernel = not widgets.static_mode() if kernel is None else kernel
    if use_kernel:
        return _kernel_explorable(activation_curves_settings(functions, **options))
    return component("activation-curves", *_component_parts(functions, options))
