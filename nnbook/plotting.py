"""One look for every figure in the book.

Colours come from the Okabe–Ito palette, which stays distinguishable for the common
forms of colour blindness: class 0 is orange, class 1 is bluish green (teal), a third
class is sky blue. Every class also gets its own marker shape, so a grey-scale print
still tells the classes apart.

Figures have a light face and dark text instead of a transparent background: a
transparent figure with black text disappears on a dark theme, while a light card with
dark text reads on both a light and a dark page.

Nothing here changes matplotlib on import. Call ``use_book_style()`` once (the imports
cell of every chapter does) or draw inside ``book_style()``. The helpers draw inside the
book style themselves, so frames rendered for explorables look the same either way.

Some pieces draw without matplotlib, for code that makes many images quickly (the
playground): ``make_grid`` lays the book's one grid (``nnbook.grids``) over the data,
``predict_grid`` evaluates a model on it,
``decision_map_rgb`` turns the probabilities into an RGB image, ``hex_to_rgb`` reads a
colour and ``encode_png`` is the one PNG encoder (``array_to_png`` and
``figure_to_png`` feed it).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from cycler import cycler
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from PIL import Image

from nnbook.checks import (
    check_flag,
    check_layer_sizes,
    check_number,
    check_pair,
    check_whole,
    describe,
    finite_array,
)
from nnbook.grids import Grid, grid_over
from nnlib.activations import get_activation
from nnlib.network import Network

# --------------------------------------------------------------------------------------
# Colours and style
# --------------------------------------------------------------------------------------

ORANGE = "#E69F00"  # class 0
TEAL = "#009E73"  # class 1 (Okabe–Ito "bluish green")
SKY_BLUE = "#56B4E9"  # class 2
BLUE = "#0072B2"  # first line series, positive weights
VERMILLION = "#D55E00"  # second line series, negative weights
REDDISH_PURPLE = "#CC79A7"
YELLOW = "#F0E442"

CLASS_COLORS = (ORANGE, TEAL, SKY_BLUE)
CLASS_MARKERS = ("o", "s", "^")
SERIES_COLORS = (BLUE, VERMILLION, TEAL, ORANGE, REDDISH_PURPLE, SKY_BLUE)
POSITIVE_COLOR = BLUE
NEGATIVE_COLOR = VERMILLION

FACE_COLOR = "#FAFAF7"  # an off-white card: readable on a light and on a dark page
INK_COLOR = "#222222"  # text, axes, point edges
MUTED_COLOR = "#8A8A8A"
GRID_COLOR = "#DDDDDD"

RIGHT_COLOR = TEAL  # used by the quiz feedback too
WRONG_COLOR = VERMILLION

# The colours a palette-reduced picture must keep exactly (see encode_png): the class and
# series colours, ink and face. Fitted alone, a 64-colour palette spends itself on the
# tinted regions of a decision map, and a class marker of the region's own colour
# merges into it (chapter 0's XOR points drew as empty rings).
KEPT_HEX = (*dict.fromkeys(CLASS_COLORS + SERIES_COLORS), INK_COLOR, MUTED_COLOR, FACE_COLOR)


def book_style_rc() -> dict:
    """The book's matplotlib settings as an rcParams dictionary."""

    return {
        "figure.facecolor": FACE_COLOR,
        "figure.edgecolor": FACE_COLOR,
        "axes.facecolor": FACE_COLOR,
        "savefig.facecolor": FACE_COLOR,
        "savefig.edgecolor": FACE_COLOR,
        "savefig.transparent": False,
        "text.color": INK_COLOR,
        "axes.labelcolor": INK_COLOR,
        "axes.titlecolor": INK_COLOR,
        "axes.edgecolor": "#555555",
        "xtick.color": INK_COLOR,
        "ytick.color": INK_COLOR,
        "axes.prop_cycle": cycler(color=list(SERIES_COLORS)),
        "axes.grid": True,
        "grid.color": GRID_COLOR,
        "grid.linewidth": 0.6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.labelsize": 10,
        "font.size": 10,
        "legend.fontsize": 9,
        "legend.frameon": True,
        "legend.facecolor": "white",
        "legend.edgecolor": "#CCCCCC",
        "legend.framealpha": 0.9,
        "lines.linewidth": 2.0,
        "figure.figsize": (5.5, 4.0),
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "image.cmap": "viridis",
    }


def use_book_style() -> None:
    """Apply the book's look to every figure drawn from now on (matplotlib rcParams)."""
    mpl.rcParams.update(book_style_rc())


@contextlib.contextmanager
def book_style() -> Iterator[None]:
    """Draw inside the book's look without changing the global matplotlib settings."""
    with mpl.rc_context(book_style_rc()):
        try:
            yield
        finally:
            # In a notebook the first figure loads the inline backend, which switches on
            # interactive mode; that is session state, not style, so keep it. (Reverting it
            # would stop every later figure from showing at the end of its cell.)
            interactive = mpl.is_interactive()
    mpl.interactive(interactive)


def new_figure(
    nrows: int = 1, ncols: int = 1, figsize=None, layout: str | None = "constrained", **subplot_kw
):
    """A figure that pyplot does not track: ``fig, ax = new_figure()``.

    Use it inside ``render`` functions of explorables: the figure is turned into a PNG
    and dropped, and because pyplot never saw it the notebook does not also show it
    at the end of the cell and it needs no ``plt.close``. ``layout=None`` skips the
    constrained layout pass (about a third faster per frame; set margins yourself).
    """
    nrows, ncols = check_whole(nrows, "nrows", 1, 50), check_whole(ncols, "ncols", 1, 50)
    if figsize is not None:
        figsize = check_pair(figsize, "figsize", "(width, height) in inches")
        if not (0 < figsize[0] <= 100 and 0 < figsize[1] <= 100):
            raise ValueError(f"figsize must be (width, height) in (0, 100] inches; got {figsize}")
    if layout is not None and (
        not isinstance(layout, str) or layout not in ("constrained", "tight", "compressed")
    ):
        raise ValueError(
            f"layout must be 'constrained', 'tight', 'compressed' or None; got {describe(layout)}"
        )
    with book_style():
        fig = Figure(figsize=figsize, layout=layout)
        axes = fig.subplots(nrows, ncols, **subplot_kw)
    return fig, axes


def _axes_or_new(ax, figsize=None):
    """Draw on ``ax`` if given, otherwise on a new pyplot figure (shown by the notebook)."""
    if ax is not None:
        return ax
    with book_style():
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """``"#E69F00"`` -> ``(230, 159, 0)``: a colour's red, green and blue, each 0..255."""
    if not isinstance(color, str):
        raise TypeError(f"color must be text such as '#E69F00'; got {describe(color)}")
    digits = color.lstrip("#")
    if len(digits) != 6 or any(c not in "0123456789abcdefABCDEF" for c in digits):
        raise ValueError(f"color must be written as #RRGGBB; got {describe(color)}")
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))


# --------------------------------------------------------------------------------------
# PNG encoding: small images for pages that embed many frames
# --------------------------------------------------------------------------------------


def encode_png(image, colors: int | None = None, *, keep=(), fast: bool = False) -> bytes:
    """Encode a PIL image as PNG bytes: the one encoder every picture of the book uses.

    ``colors`` reduces the image to a palette of that many colours (2..256; None keeps
    full colour), without dithering, because flat areas and clean lines then compress
    far better. ``keep`` lists (r, g, b) colours the palette must hold exactly; the
    rest of the palette is fitted to the image. (A purely fitted palette spends its
    entries on large pale areas and can merge small, saturated dots of different
    classes into one colour.) ``fast=True`` uses zlib's fastest level, for live frames
    that go to the browser over a local socket; otherwise the encoder tries hard for
    small files. A transparent image is flattened onto the figure face first: it
    would vanish on a dark page.
    """
    if not isinstance(image, Image.Image):
        raise TypeError(f"image must be a PIL image (see array_to_png); got {describe(image)}")
    colors = None if colors is None else check_whole(colors, "colors")
    fast = check_flag(fast, "fast")
    if image.mode == "RGBA":
        background = Image.new("RGBA", image.size, FACE_COLOR)
        image = Image.alpha_composite(background, image)
    if image.mode != "RGB":
        image = image.convert("RGB")
    if colors is not None:
        if not 2 <= colors <= 256:
            raise ValueError(f"colors must be between 2 and 256 (a PNG palette); got {colors}")
        if keep:
            kept = [channel for colour in keep for channel in colour]
            fitted = max(2, colors - len(keep))
            adaptive = image.quantize(fitted, method=Image.Quantize.MEDIANCUT).getpalette()
            entries = kept + adaptive[: 3 * fitted]
            palette = Image.new("P", (1, 1))
            palette.putpalette(entries + entries[-3:] * (256 - len(entries) // 3))
            image = image.quantize(palette=palette, dither=Image.Dither.NONE)
        else:
            image = image.quantize(
                colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
            )
    out = io.BytesIO()
    if fast:
        image.save(out, format="PNG", compress_level=1)
    else:
        image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def figure_to_png(fig, dpi: float = 72, colors: int | None = 64, close: bool = True) -> bytes:
    """Encode a matplotlib figure as a small PNG.

    ``dpi`` sets the pixel size (a 5.5 x 4 inch figure at 72 dpi is 396 x 288 pixels);
    ``colors`` quantizes to a palette of that many colours (None keeps full colour), in
    which the book's own colours (``KEPT_HEX``) stay exact.
    A figure that pyplot tracks is closed afterwards unless ``close=False``.
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib figure; got {describe(fig)}")
    dpi = check_number(dpi, "dpi", 1, 1000)
    close = check_flag(close, "close")
    # Draw once on an Agg canvas and take its pixels. (savefig would draw twice for a
    # figure with constrained layout; explorables encode hundreds of frames.)
    original_canvas, original_dpi = fig.canvas, fig.dpi
    try:
        canvas = FigureCanvasAgg(fig)
        fig.set_dpi(dpi)
        canvas.draw()
        width, height = canvas.get_width_height()
        pixels = Image.frombuffer(
            "RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1
        )
        png = encode_png(pixels, colors, keep=[hex_to_rgb(c) for c in KEPT_HEX])
    finally:
        fig.set_dpi(original_dpi)
        fig.set_canvas(original_canvas)
    if close and getattr(fig.canvas, "manager", None) is not None:
        plt.close(fig)  # only pyplot-made figures have a manager
    return png


def array_to_png(image: np.ndarray, colors: int | None = None, scale: int = 1) -> bytes:
    """Encode an RGB(A) uint8 array (height, width, 3 or 4) as PNG, optionally upscaled.

    ``scale`` repeats every pixel ``scale`` times in both directions (a crisp upscale for
    coarse grids). Row 0 is the top of the picture.
    """
    image = np.asarray(image)
    if image.ndim != 3 or image.shape[2] not in (3, 4) or image.dtype != np.uint8:
        raise ValueError(
            "expected a uint8 image of shape (height, width, 3) or (height, width, 4); "
            f"got dtype {image.dtype} and shape {image.shape}"
        )
    scale = check_whole(scale, "scale", 1, 64)
    if scale > 1:
        image = image.repeat(scale, axis=0).repeat(scale, axis=1)
    return encode_png(Image.fromarray(image), colors)


# --------------------------------------------------------------------------------------
# Decision maps
# --------------------------------------------------------------------------------------


def make_grid(X, resolution: int = 150, padding: float = 0.5) -> Grid:
    """A ``resolution`` x ``resolution`` grid over the bounding box of X, widened by ``padding``."""
    X = finite_array(X, "X")
    if X.ndim != 2 or X.shape[1] != 2 or len(X) == 0:
        raise ValueError(
            f"a decision map needs points with two features, X of shape (n_samples, 2); "
            f"got shape {X.shape}"
        )
    if not np.all(np.isfinite(X)):
        raise ValueError("X contains NaN or infinite values; clean the data before plotting")
    resolution = check_whole(resolution, "resolution", 2, 4000)
    padding = check_number(padding, "padding", 0.0, 1e6)
    low = X.min(axis=0) - padding
    high = X.max(axis=0) + padding
    high = np.where(high - low < 1e-9, low + 1.0, high)  # all points on one line
    return grid_over((low[0], high[0]), (low[1], high[1]), int(resolution))


def predict_grid(model_or_fn, grid: Grid) -> np.ndarray:
    """Class probabilities on every grid point.

    ``model_or_fn`` is anything with ``predict_proba(X)`` (a Network) or any callable
    taking an (n, 2) array and returning probabilities: (n,) or (n, 1) for the
    probability of class 1, or (n, k) for k classes. Returns (ny, nx) for two classes
    and (ny, nx, k) for more.
    """
    predict = getattr(model_or_fn, "predict_proba", None)
    if predict is None:
        if not callable(model_or_fn):
            raise ValueError(
                "model_or_fn must be a model with predict_proba(X) or a function of an "
                f"(n, 2) array; got {describe(model_or_fn)}"
            )
        predict = model_or_fn
    returned = predict(grid.points)
    try:
        probabilities = np.asarray(returned, dtype=float)
    except (TypeError, ValueError):
        probabilities = None
    if probabilities is None or probabilities.ndim == 0:  # e.g. a function that printed
        raise ValueError(
            f"model_or_fn must return probabilities for the points; got {describe(returned)}"
        )
    n = len(grid.points)
    if probabilities.ndim == 2 and probabilities.shape[1] == 1:
        probabilities = probabilities[:, 0]
    if probabilities.shape[0] != n or probabilities.ndim not in (1, 2):
        raise ValueError(
            f"the model returned shape {probabilities.shape} for {n} points; expected "
            f"({n},), ({n}, 1) or ({n}, n_classes)"
        )
    _check_probabilities(probabilities)
    if probabilities.ndim == 1:
        return probabilities.reshape(grid.shape)
    return probabilities.reshape(*grid.shape, probabilities.shape[1])


def _check_probabilities(probabilities: np.ndarray) -> None:
    if not np.all(np.isfinite(probabilities)):
        raise ValueError("the probabilities contain NaN or infinite values (did training diverge?)")
    low, high = float(probabilities.min()), float(probabilities.max())
    if low < -1e-9 or high > 1 + 1e-9:
        raise ValueError(
            f"expected probabilities in [0, 1]; got values from {low:.3g} to {high:.3g}. "
            "Pass a function that returns probabilities (apply sigmoid or softmax to scores)."
        )


def decision_map_rgb(
    probabilities, colors: Sequence[str] | None = None, strength: float = 0.6
) -> np.ndarray:
    """Colour a grid of class probabilities: a uint8 RGB image (height, width, 3).

    ``probabilities`` is (height, width) for the probability of class 1, or
    (height, width, k) for k classes. Each pixel mixes the class colours by probability
    and fades towards the background as the model gets unsure:

        confidence = (max_k p_k - 1/k) / (1 - 1/k)          (0 = a coin toss, 1 = certain)
        colour     = background + strength * confidence * (sum_k p_k colour_k - background)

    so the boundary region (p close to 0.5) is pale and confident regions are tinted.
    Pure NumPy: no matplotlib needed. Rows are not flipped.
    """
    p = finite_array(probabilities, "probabilities")
    if p.size == 0:
        raise ValueError(f"probabilities is empty (shape {p.shape}); there is nothing to colour")
    if p.ndim == 2:
        p = np.stack([1.0 - p, p], axis=-1)
    elif p.ndim == 3 and p.shape[2] == 1:
        p = np.concatenate([1.0 - p, p], axis=-1)
    elif p.ndim != 3:
        raise ValueError(
            "expected probabilities of shape (height, width) or (height, width, n_classes); "
            f"got shape {p.shape}"
        )
    _check_probabilities(p)
    strength = check_number(strength, "strength", 0.0, 1.0)
    p = np.clip(p, 0.0, 1.0)
    k = p.shape[2]
    if colors is not None and (
        not isinstance(colors, (list, tuple)) or not all(isinstance(c, str) for c in colors)
    ):
        raise TypeError(f"colors must be a list of colours such as '#E69F00'; got {colors!r}")
    colors = CLASS_COLORS if colors is None else tuple(colors)
    if len(colors) < k:
        raise ValueError(f"colors: {k} classes need {k} colours; got {len(colors)}")
    palette = np.array([hex_to_rgb(c) for c in colors[:k]]) / 255.0  # (k, 3)
    background = np.array(hex_to_rgb(FACE_COLOR)) / 255.0
    mixed = p @ palette  # (h, w, 3)
    confidence = (p.max(axis=2) - 1.0 / k) / (1.0 - 1.0 / k)
    weight = (strength * np.clip(confidence, 0.0, 1.0))[..., None]
    rgb = background + weight * (mixed - background)
    return np.clip(np.rint(rgb * 255.0), 0, 255).astype(np.uint8)


def scatter_data(
    X,
    y=None,
    ax=None,
    title: str = "Data",
    class_names: Sequence[str] | None = None,
    size: float = 36,
    legend: bool = True,
):
    """Scatter 2-D points coloured and shaped by class. Returns the Axes."""
    X = finite_array(X, "X")
    size = check_number(size, "size", 0.0, 1e4)
    legend = check_flag(legend, "legend")
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"scatter_data needs X of shape (n_samples, 2); got shape {X.shape}")
    labels = np.zeros(len(X), dtype=int) if y is None else finite_array(y, "y").reshape(-1)
    if len(labels) != len(X):
        raise ValueError(f"X has {len(X)} rows but y has {len(labels)} labels")
    if y is not None and not np.all(np.equal(np.mod(labels, 1), 0)):
        raise ValueError("scatter_data needs integer class labels in y")
    labels = labels.astype(int)
    classes = np.unique(labels)
    if class_names is not None and (
        isinstance(class_names, (str, dict))
        or np.ndim(class_names) != 1
        or len(class_names) <= classes.max(initial=0)
    ):
        raise ValueError(
            f"class_names must name every class 0..{classes.max(initial=0)}; got {class_names!r}"
        )
    if classes.min(initial=0) < 0 or classes.max(initial=0) >= len(CLASS_COLORS):
        raise ValueError(
            f"scatter_data draws up to {len(CLASS_COLORS)} classes labelled 0..2; got labels "
            f"{classes.tolist()}"
        )
    with book_style():
        ax = _axes_or_new(ax)
        for c in classes:
            name = class_names[c] if class_names is not None else f"class {c}"  # checked above
            points = X[labels == c]
            ax.scatter(
                points[:, 0],
                points[:, 1],
                s=size,
                c=CLASS_COLORS[c] if y is not None else BLUE,
                marker=CLASS_MARKERS[c],
                edgecolors=INK_COLOR,
                linewidths=0.6,
                label=name if y is not None else "data",
                zorder=3,
            )
        ax.set_title(title)
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        if legend and len(classes) > 1:
            ax.legend(loc="best")
    return ax


def decision_map(
    model_or_fn,
    X,
    y=None,
    ax=None,
    resolution: int = 150,
    padding: float = 0.5,
    title: str = "Decision map",
    boundary: bool = True,
    legend: bool = True,
):
    """Shade the plane by the model's predicted class and draw the data on top.

    ``model_or_fn``: a model with ``predict_proba`` or any callable on an (n, 2) array
    returning probabilities (see ``predict_grid``). Pale = unsure, strong tint = sure;
    the dark line is the decision boundary (where the predicted class changes).
    Returns the Axes.
    """
    grid = make_grid(X, resolution, padding)
    probabilities = predict_grid(model_or_fn, grid)
    with book_style():
        ax = _axes_or_new(ax)
        ax.imshow(
            decision_map_rgb(probabilities),
            origin="lower",
            extent=grid.extent,
            aspect="auto",
            interpolation="bilinear",
            zorder=0,
        )
        ax.grid(False)
        handles = []
        if boundary:
            if probabilities.ndim == 2:
                fields = [probabilities]
            else:  # one "is it class c?" indicator per class; shared boundaries coincide
                labels = probabilities.argmax(axis=2)
                fields = [(labels == c).astype(float) for c in range(probabilities.shape[2])]
            drawn = False
            for field in fields:
                if field.min() < 0.5 < field.max():
                    ax.contour(
                        grid.xs, grid.ys, field, levels=[0.5], colors=INK_COLOR, linewidths=1.3
                    )
                    drawn = True
            if drawn:
                handles.append(Line2D([], [], color=INK_COLOR, lw=1.3, label="decision boundary"))
        if y is not None:
            scatter_data(X, y, ax=ax, title=title, legend=False)
        ax.set_xlim(grid.extent[0], grid.extent[1])
        ax.set_ylim(grid.extent[2], grid.extent[3])
        ax.set_title(title)
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        if legend:
            points, names = ax.get_legend_handles_labels()
            handles = points + handles
            if len(handles) > 1:
                ax.legend(handles=handles, loc="best")
    return ax


# --------------------------------------------------------------------------------------
# Networks, activations, training curves
# --------------------------------------------------------------------------------------


def _check_layer_sizes(layer_sizes) -> list[int]:
    return check_layer_sizes(layer_sizes, "layer_sizes")


def _shown_units(n: int, max_units: int) -> list[int]:
    if n <= max_units:
        return list(range(n))
    return list(range(max_units - 1)) + [n - 1]


def draw_network(
    layer_sizes: Sequence[int],
    weights=None,
    ax=None,
    title: str | None = None,
    max_units: int = 10,
):
    """Draw a fully connected network as circles and lines. Returns the Axes.

    ``weights`` (optional) is a list of arrays of shape (n_in, n_out), one per layer, or a
    Network (its layers' ``W`` are used): line width shows |w| and colour its sign.
    Layers wider than ``max_units`` show their first units, a gap and the last unit.
    The title always states the parameter count, computed from the sizes.
    """
    sizes = _check_layer_sizes(layer_sizes)
    max_units = check_whole(max_units, "max_units", 2, 1000)
    if weights is not None and hasattr(weights, "layers"):
        weights = [layer.W for layer in weights.layers]
    if weights is not None:
        if isinstance(weights, (str, dict, np.ndarray)) or not isinstance(weights, (list, tuple)):
            raise TypeError(f"weights must be a list of arrays or a Network; got {weights!r}")
        weights = [finite_array(W, f"weights[{k}]") for k, W in enumerate(weights)]
        if len(weights) != len(sizes) - 1:
            raise ValueError(
                f"{len(sizes)} layer sizes need {len(sizes) - 1} weight matrices; "
                f"got weights with {len(weights)}"
            )
        for i, W in enumerate(weights):
            if W.shape != (sizes[i], sizes[i + 1]):
                raise ValueError(
                    f"weights[{i}] should have shape ({sizes[i]}, {sizes[i + 1]}) "
                    f"(n_inputs, n_outputs); got {W.shape}"
                )
        largest = max(float(np.abs(W).max()) for W in weights) or 1.0
    count = Network(sizes).parameter_count  # nnlib's count, not a copy of its formula
    name = title if title is not None else "Network " + "–".join(str(s) for s in sizes)

    shown = [_shown_units(n, max_units) for n in sizes]
    height = max(len(s) for s in shown)

    def y_of(layer: int, position: int) -> float:
        return (len(shown[layer]) - 1) / 2.0 - position

    with book_style():
        ax = _axes_or_new(ax, figsize=(1.6 * len(sizes) + 1.5, 0.45 * height + 1.8))
        for layer in range(len(sizes) - 1):
            for p_in, i in enumerate(shown[layer]):
                for p_out, j in enumerate(shown[layer + 1]):
                    if weights is None:
                        color, width, alpha = MUTED_COLOR, 0.8, 0.6
                    else:
                        w = weights[layer][i, j]
                        color = POSITIVE_COLOR if w >= 0 else NEGATIVE_COLOR
                        width, alpha = 0.3 + 3.2 * abs(w) / largest, 0.85
                    ax.plot(
                        [layer, layer + 1],
                        [y_of(layer, p_in), y_of(layer + 1, p_out)],
                        color=color,
                        lw=width,
                        alpha=alpha,
                        zorder=1,
                    )
        for layer, units in enumerate(shown):
            fill = "white" if layer in (0, len(sizes) - 1) else "#E8E8E8"
            ys = [y_of(layer, p) for p in range(len(units))]
            ax.scatter(
                [layer] * len(units),
                ys,
                s=260,
                c=fill,
                edgecolors=INK_COLOR,
                linewidths=1.2,
                zorder=3,
            )
            if len(units) < sizes[layer]:  # a gap for the units not drawn
                ax.text(layer, (ys[-2] + ys[-1]) / 2, "⋮", ha="center", va="center", zorder=4)
        labels = []
        for layer, n in enumerate(sizes):
            if layer == 0:
                kind = "input"
            elif layer == len(sizes) - 1:
                kind = "output"
            else:
                kind = f"hidden {layer}" if len(sizes) > 3 else "hidden"
            labels.append(f"{kind}\n({n})")
        ax.set_xticks(range(len(sizes)), labels)
        ax.set_yticks([])
        ax.grid(False)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.set_xlim(-0.5, len(sizes) - 0.5)
        ax.set_ylim(-height / 2.0 - 0.2, height / 2.0 + 0.2)
        ax.set_xlabel("layer (units)")
        ax.set_ylabel("units")
        ax.set_title(f"{name}: {count:,} parameters")
        if weights is not None:
            ax.legend(
                handles=[
                    Line2D([], [], color=POSITIVE_COLOR, lw=2.5, label="positive weight"),
                    Line2D([], [], color=NEGATIVE_COLOR, lw=2.5, label="negative weight"),
                ],
                loc="center left",
                bbox_to_anchor=(1.0, 0.5),
            )
    return ax


def plot_activation(
    name,
    ax=None,
    z_range: tuple[float, float] = (-5.0, 5.0),
    derivative: bool = True,
    points: int = 401,
    title: str | None = None,
    **params,
):
    """Plot an activation f(z) and (by default) its derivative f'(z). Returns the Axes.

    ``name`` is anything ``nnlib.activations.get_activation`` accepts; ``params`` go to it
    (``alpha`` for leaky ReLU and ELU).
    """
    activation = get_activation(name, **params)
    if activation.name == "softmax":
        raise ValueError(
            "softmax acts on a whole vector of scores, not on one number; "
            "plot an elementwise activation such as 'sigmoid' instead"
        )
    low, high = check_pair(z_range, "z_range")
    if not low < high:
        raise ValueError(f"z_range must be (low, high) with low < high; got {z_range}")
    derivative = check_flag(derivative, "derivative")
    z = np.linspace(low, high, check_whole(points, "points", 2, 1_000_000))
    with book_style():
        ax = _axes_or_new(ax)
        ax.axhline(0.0, color=MUTED_COLOR, lw=0.8, zorder=1)
        ax.axvline(0.0, color=MUTED_COLOR, lw=0.8, zorder=1)
        ax.plot(z, activation(z), color=BLUE, label=f"{activation.name}(z)", zorder=3)
        if derivative:
            ax.plot(
                z,
                activation.derivative(z),
                color=VERMILLION,
                ls="--",
                label=f"{activation.name}′(z)",
                zorder=3,
            )
            ax.legend(loc="best")
        default = f"{activation.name} and its derivative" if derivative else activation.name
        ax.set_title(title or default)
        ax.set_xlabel("z (weighted input)")
        ax.set_ylabel("value")
    return ax


def _history_field(history, name):
    if isinstance(history, dict):
        values = history.get(name)
    else:
        values = getattr(history, name, None)
    if values is None:
        return None
    values = list(values)
    if not values or all(v is None for v in values):
        return None
    try:
        return np.array([np.nan if v is None else float(v) for v in values])
    except (TypeError, ValueError):
        raise ValueError(f"history's {name} must hold numbers; got {describe(values)}") from None


def plot_history(history, axes=None, title: str | None = None):
    """Loss (and accuracy, when there is one) per epoch, train and test. Returns the Axes.

    ``history`` is a ``nnlib.training.History``, its ``as_dict()``, or a plain list of
    loss values. ``axes``: one Axes, or two when the history has an accuracy.
    """
    if isinstance(history, (list, tuple, np.ndarray)):
        if np.ndim(history) != 1:
            raise ValueError(
                f"history as a list must be one loss per epoch; got {describe(history)}"
            )
        history = {"train_loss": list(history)}
    train_loss = _history_field(history, "train_loss")
    if train_loss is None:
        raise ValueError("the history has no train_loss values yet; train for an epoch first")
    test_loss = _history_field(history, "test_loss")
    train_accuracy = _history_field(history, "train_accuracy")
    test_accuracy = _history_field(history, "test_accuracy")
    epochs = _history_field(history, "epochs")
    if epochs is None or len(epochs) != len(train_loss):
        epochs = np.arange(1, len(train_loss) + 1)
    # Mark the restored epoch only when early stopping actually stopped the run.
    field = history.get if isinstance(history, dict) else lambda key: getattr(history, key, None)
    best = field("best_epoch") if field("stopped_early") else None

    panels = [("Loss", "loss", train_loss, test_loss)]
    if train_accuracy is not None or test_accuracy is not None:
        panels.append(("Accuracy", "accuracy", train_accuracy, test_accuracy))

    with book_style():
        if axes is None:
            _, axes = plt.subplots(
                1, len(panels), figsize=(5.0 * len(panels), 3.6), layout="constrained"
            )
        axes = np.atleast_1d(axes)
        if len(axes) < len(panels):
            raise ValueError(f"this history needs {len(panels)} axes; got {len(axes)}")
        for ax, (panel_title, ylabel, train, test) in zip(axes, panels, strict=False):
            series = 0
            if train is not None:
                ax.plot(epochs, train, color=BLUE, label="train")
                series += 1
            if test is not None:
                ax.plot(epochs, test, color=VERMILLION, ls="--", label="test")
                series += 1
            if best is not None:
                ax.axvline(best, color=MUTED_COLOR, ls=":", lw=1.2, label="best epoch")
                series += 1
            if ylabel == "accuracy":
                ax.set_ylim(-0.02, 1.02)
            ax.set_title(panel_title)
            ax.set_xlabel("epoch")
            ax.set_ylabel(ylabel)
            if series > 1:
                ax.legend(loc="best")
        if title:
            axes[0].figure.suptitle(title)
    return axes if len(panels) > 1 else axes[0]


def line_plot(
    x,
    series: dict[str, Sequence[float]] | Sequence[float],
    ax=None,
    title: str = "",
    xlabel: str = "x",
    ylabel: str = "y",
):
    """Lines of the book's colours: ``series`` maps a label to y values (or is one series)."""
    x = finite_array(x, "x")
    if not isinstance(series, dict):
        series = {ylabel: series}
    for label, values in series.items():
        values = finite_array(values, f"series[{label!r}]")
        if values.shape != x.shape:
            raise ValueError(
                f"series[{label!r}] must have one value per x ({x.shape}); got shape {values.shape}"
            )
    if not title:
        raise ValueError("every figure in the book has a title; pass title=...")
    with book_style():
        ax = _axes_or_new(ax)
        for i, (label, values) in enumerate(series.items()):
            ax.plot(x, values, color=SERIES_COLORS[i % len(SERIES_COLORS)], label=label)
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if len(series) > 1:
            ax.legend(loc="best")
    return ax


__all__ = [
    "BLUE",
    "CLASS_COLORS",
    "CLASS_MARKERS",
    "FACE_COLOR",
    "Grid",
    "INK_COLOR",
    "MUTED_COLOR",
    "NEGATIVE_COLOR",
    "ORANGE",
    "POSITIVE_COLOR",
    "RIGHT_COLOR",
    "SERIES_COLORS",
    "SKY_BLUE",
    "TEAL",
    "VERMILLION",
    "WRONG_COLOR",
    "array_to_png",
    "encode_png",
    "grid_over",
    "hex_to_rgb",
    "book_style",
    "book_style_rc",
    "decision_map",
    "decision_map_rgb",
    "draw_network",
    "figure_to_png",
    "line_plot",
    "make_grid",
    "new_figure",
    "plot_activation",
    "plot_history",
    "predict_grid",
    "scatter_data",
    "use_book_style",
]
