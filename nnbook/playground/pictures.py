"""The playground's pictures, drawn with Pillow (no matplotlib).

``decision_image`` colours a ``Playground``'s decision map and draws its data on top,
``loss_curve_image`` plots the train and test loss, ``neuron_maps_image`` shows what
every hidden unit computes, and ``png_bytes`` encodes a picture (with the book's one
encoder, ``nnbook.plotting.encode_png``), fast for live frames or small for pages.
``live_frame_png`` is one live frame: the decision picture as PNG bytes;
``preset_picture`` is one frame of a pre-rendered preset for the static book. The
live pictures are quick enough for dozens of frames per second (benchmarks/frames.py).
The engine's maps have row 0 at the bottom (the book's grid); images have it at the
top, so the pictures flip the rows.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from nnbook import plotting
from nnbook.checks import check_flag, check_text, check_whole, describe
from nnbook.playground.engine import (
    DECISION_RESOLUTION,
    Playground,
    PlaygroundState,
    loss_text,
    percent_text,
)
from nnbook.plotting import hex_to_rgb as _rgb

# The book's palette (nnbook.plotting): orange, teal and sky blue for the classes, blue
# and vermillion for positive and negative values and for the two loss curves.
CLASS_RGB = np.array([_rgb(c) for c in plotting.CLASS_COLORS], dtype=np.float64)
FACE_RGB = np.array(_rgb(plotting.FACE_COLOR), dtype=np.float64)
INK_RGB = _rgb(plotting.INK_COLOR)
MUTED_RGB = _rgb(plotting.MUTED_COLOR)
POSITIVE_RGB = np.array(_rgb(plotting.POSITIVE_COLOR), dtype=np.float64)
NEGATIVE_RGB = np.array(_rgb(plotting.NEGATIVE_COLOR), dtype=np.float64)
TRAIN_LINE = _rgb(plotting.SERIES_COLORS[0])
TEST_LINE = _rgb(plotting.SERIES_COLORS[1])
BLANK_RGB = (215, 215, 215)
DEAD_RGB = (190, 190, 190)
KEPT_COLOURS = [
    *(tuple(int(c) for c in colour) for colour in CLASS_RGB),
    INK_RGB,
    (255, 255, 255),
    tuple(int(c) for c in FACE_RGB),
    TRAIN_LINE,
    TEST_LINE,
    MUTED_RGB,
]


# Pictures larger than this are never needed on a page and would take seconds to draw.
MAX_PIXELS = 4096


def _check_engine(engine) -> Playground:
    if not isinstance(engine, Playground):
        raise TypeError(
            f"engine must be a nnbook.playground.engine.Playground; got {describe(engine)}"
        )
    return engine


def _check_size(value, name: str, low: int = 1) -> int:
    return check_whole(value, name, low, MAX_PIXELS)


def _check_probabilities(probabilities) -> np.ndarray | None:
    """A decision map as ``decision_rgb`` takes it: None, or an array of real numbers of
    shape (rows, columns) or (rows, columns, classes). Only the type and shape are
    checked (cheap, once per frame); NaN is allowed and drawn grey."""
    if probabilities is None:
        return None
    if not isinstance(probabilities, np.ndarray) or probabilities.dtype.kind not in "biuf":
        raise TypeError(
            f"probabilities must be an array of real numbers (a decision map) or None; "
            f"got {describe(probabilities)}"
        )
    if probabilities.ndim not in (2, 3) or 0 in probabilities.shape:
        raise ValueError(
            f"probabilities must have shape (rows, columns) or (rows, columns, classes); "
            f"got shape {probabilities.shape}"
        )
    return probabilities


_LOOKUP = {}


def decision_rgb(probabilities: np.ndarray | None) -> np.ndarray:
    """Colour a decision map (``plotting.decision_map_rgb``); grey when there is none.

    A map with NaN or infinite entries (weights that overflowed) is grey too.
    """
    probabilities = _check_probabilities(probabilities)
    if probabilities is None or not np.all(np.isfinite(probabilities)):
        shape = (
            (DECISION_RESOLUTION, DECISION_RESOLUTION)
            if probabilities is None
            else (probabilities.shape[:2])
        )
        return np.full((*shape, 3), BLANK_RGB, dtype=np.uint8)
    probabilities = np.clip(probabilities, 0.0, 1.0)
    if probabilities.ndim == 3:
        return plotting.decision_map_rgb(probabilities)
    # Two classes: the colour depends on P(class 1) alone, so colour 1,024 levels once
    # and look the pixels up (a dozen times faster; steps of 0.001 are invisible).
    if "binary" not in _LOOKUP:
        levels = np.linspace(0.0, 1.0, 1024).reshape(1, -1)
        _LOOKUP["binary"] = plotting.decision_map_rgb(levels)[0]
    return _LOOKUP["binary"][np.rint(probabilities * 1023).astype(np.intp)]


_FONTS = {}


def _font(size: int):
    if size not in _FONTS:
        try:
            _FONTS[size] = ImageFont.load_default(size=size)
        except TypeError:  # Pillow < 10.1 has one bitmap size only
            _FONTS[size] = ImageFont.load_default()
    return _FONTS[size]


_POINT_LAYERS = {}


def _points_layer(engine: Playground, size: int):
    """The training and test points as a transparent layer, drawn once per data set."""
    key = (engine.data_version, size)
    if key not in _POINT_LAYERS:
        layer = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        scale = size / (2 * engine.extent)
        radius = max(2.0, size / 110)
        for points, labels, filled in (
            (engine.X_train, engine.y_train, True),
            (engine.X_test, engine.y_test, False),
        ):
            for (x1, x2), label in zip(points, labels, strict=True):
                cx, cy = (x1 + engine.extent) * scale, (engine.extent - x2) * scale
                box = (cx - radius, cy - radius, cx + radius, cy + radius)
                colour = tuple(int(c) for c in CLASS_RGB[label]) + (255,)
                if filled:  # training points: solid, with a dark rim
                    draw.ellipse(box, fill=colour, outline=(*INK_RGB, 255))
                else:  # test points: a ring in the class colour inside a dark rim
                    draw.ellipse(box, fill=(255, 255, 255, 255), outline=(*INK_RGB, 255))
                    inner = (box[0] + 1.5, box[1] + 1.5, box[2] - 1.5, box[3] - 1.5)
                    draw.ellipse(inner, fill=None, outline=colour, width=2)
        if len(_POINT_LAYERS) > 16:  # many engines come and go in a session
            _POINT_LAYERS.clear()
        _POINT_LAYERS[key] = layer
    return _POINT_LAYERS[key]


def decision_image(engine: Playground, size: int = 300, *, probabilities=None, smooth=True):
    """The decision map of ``engine`` with its data on top, as a ``size``-pixel PIL image.

    Training points are filled dots, test points rings with a dark rim. ``smooth``
    interpolates between grid cells (prettier); without it every cell is a flat
    block of colour, which compresses several times better for pages.
    """
    _check_engine(engine)
    size = _check_size(size, "size")
    smooth = check_flag(smooth, "smooth")
    if probabilities is None:
        probabilities = engine.decision_map()
    rgb = np.ascontiguousarray(decision_rgb(probabilities)[::-1])  # row 0 = top
    background = Image.fromarray(rgb, "RGB").resize(
        (size, size), Image.BILINEAR if smooth else Image.NEAREST
    )
    if len(engine.X_train) == 0:
        return background
    background = background.convert("RGBA")
    background.alpha_composite(_points_layer(engine, size))
    return background.convert("RGB")


def loss_curve_image(
    train_losses, test_losses, width: int = 300, height: int = 90, *, crisp_text=False
):
    """Train (blue) and test (vermillion) loss against epoch, a small PIL line chart.

    ``crisp_text`` draws the labels without anti-aliasing (smaller PNGs for pages).
    """
    train_losses = _losses(train_losses, "train_losses")
    test_losses = _losses(test_losses, "test_losses")
    # room for the labels above the chart and a few pixels of curve
    width = _check_size(width, "width", 16)
    height = _check_size(height, "height", 20)
    crisp_text = check_flag(crisp_text, "crisp_text")
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    if crisp_text:
        draw.fontmode = "1"
    left, right, top, bottom = 4, width - 4, 14, height - 4
    draw.line([(left, bottom), (right, bottom)], fill=MUTED_RGB)
    draw.text((left, 1), "loss: train", fill=TRAIN_LINE, font=_font(10))
    draw.text((left + 58, 1), "test", fill=TEST_LINE, font=_font(10))
    values = [np.asarray(v, dtype=np.float64) for v in (train_losses, test_losses) if len(v)]
    finite = np.concatenate(values) if values else np.zeros(0)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return image
    ceiling = max(float(finite.max()), 1e-12)
    draw.text((right - 60, 1), f"max {ceiling:.3g}", fill=MUTED_RGB, font=_font(10))
    n_epochs = max(len(train_losses), len(test_losses), 2)
    for losses, colour in ((train_losses, TRAIN_LINE), (test_losses, TEST_LINE)):
        losses = np.asarray(losses, dtype=np.float64)
        if losses.size == 0:
            continue
        # Entry i (the loss after i epochs) sits at i / (n - 1) of the width; more
        # epochs than pixels are thinned to one sample per pixel.
        index = np.unique(
            np.linspace(0, losses.size - 1, min(losses.size, right - left)).astype(int)
        )
        xs = left + index / (n_epochs - 1) * (right - left)
        ys = bottom - np.clip(losses[index] / ceiling, 0, 1) * (bottom - top)
        points = list(zip(xs.tolist(), ys.tolist(), strict=True))
        if len(points) == 1:
            points = points * 2
        draw.line(points, fill=colour, width=2)
    return image


def _losses(values, name: str) -> np.ndarray:
    """A loss history as a 1-D float array (NaN and infinity allowed: a run that diverged)."""
    try:
        if isinstance(values, (str, bytes, dict)) or np.iscomplexobj(values):
            raise TypeError("not a list of real numbers")
        losses = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be a list of losses (numbers); got {describe(values)}"
        ) from None
    if losses.ndim != 1:
        raise ValueError(f"{name} must be a list of losses (numbers); got shape {losses.shape}")
    return losses


def neuron_maps_image(maps, tile: int = 40, gap: int = 4, dead=None, empty_text="no hidden layer"):
    """One small map per hidden unit: a column per layer, a row per unit.

    Each unit's output is scaled by its own largest |value|: vermillion where it is
    negative, blue where positive, pale at zero. A dead unit is grey: one marked in
    ``dead`` (a boolean array per layer, e.g. ``Playground.dead_unit_mask()``), or one
    that is 0 all over its map.
    """
    maps, dead = _check_maps(maps, dead)
    tile = _check_size(tile, "tile")
    gap = _check_size(gap, "gap", 0)
    check_text(empty_text, "empty_text")
    if not maps:
        image = Image.new("RGB", (120, 20), (255, 255, 255))
        ImageDraw.Draw(image).text((2, 4), empty_text, fill=MUTED_RGB, font=_font(11))
        return image
    rows = max(layer.shape[-1] for layer in maps)
    width = len(maps) * (tile + gap) - gap
    height = rows * (tile + gap) - gap
    canvas = np.full((height, width, 3), 255, dtype=np.uint8)
    for column, layer in enumerate(maps):
        for row in range(layer.shape[-1]):
            canvas[
                row * (tile + gap) : row * (tile + gap) + tile,
                column * (tile + gap) : column * (tile + gap) + tile,
            ] = _unit_tile(layer[..., row], tile, bool(dead is not None and dead[column][row]))
    return Image.fromarray(canvas, "RGB")


def _check_maps(maps, dead):
    """Neuron maps as ``neuron_maps_image`` draws them: a list of arrays of shape
    (rows, columns, units), and for ``dead`` None or one boolean array of units each."""
    if isinstance(maps, (str, dict, np.ndarray)) or not isinstance(maps, (list, tuple)):
        raise TypeError(
            f"maps must be a list of arrays, one per hidden layer (Playground.neuron_maps()); "
            f"got {describe(maps)}"
        )
    for layer in maps:
        if not isinstance(layer, np.ndarray) or layer.dtype.kind not in "biuf" or layer.ndim != 3:
            raise TypeError(
                f"maps must hold arrays of shape (rows, columns, units); got {describe(layer)}"
            )
    if dead is None:
        return maps, None
    units = [layer.shape[-1] for layer in maps]
    shapes = [np.shape(mask) for mask in dead] if isinstance(dead, (list, tuple)) else None
    if shapes != [(n,) for n in units]:
        raise ValueError(
            f"dead must be None or one boolean array per layer of maps ({units} units); "
            f"got {describe(dead)}"
        )
    return maps, [np.asarray(mask, dtype=bool) for mask in dead]


def _unit_tile(values: np.ndarray, tile: int, dead: bool) -> np.ndarray:
    values = np.asarray(values, dtype=np.float64)[::-1]  # row 0 = the top of the tile
    largest = float(np.max(np.abs(values))) if np.all(np.isfinite(values)) else 0.0
    if dead or largest == 0.0:
        return np.full((tile, tile, 3), DEAD_RGB, dtype=np.uint8)
    scaled = (values / largest)[..., None]
    colour = np.where(scaled < 0, NEGATIVE_RGB, POSITIVE_RGB)
    rgb = (FACE_RGB + np.abs(scaled) * (colour - FACE_RGB)).astype(np.uint8)
    return np.asarray(Image.fromarray(rgb, "RGB").resize((tile, tile), Image.BILINEAR))


def png_bytes(image, *, small: bool = False, colours: int = 24) -> bytes:
    """Encode a PIL image as PNG (``plotting.encode_png``).

    ``small=False`` is for live frames: full colour, the fastest zlib level.
    ``small=True`` is for pages: a palette of ``colours`` colours that always holds the
    book's class, ink and line colours exactly (``KEPT_COLOURS``), compressed hard,
    several times smaller.
    """
    small = check_flag(small, "small")
    colours = check_whole(colours, "colours", 2, 256)
    if not small:
        return plotting.encode_png(image, fast=True)
    return plotting.encode_png(image, colours, keep=KEPT_COLOURS)


def live_frame_png(engine: Playground, size: int = 300) -> bytes:
    """The live decision picture as PNG bytes for an Image widget: the 100 x 100
    probability grid, coloured, scaled to ``size`` pixels, with the data on top.

    After ``engine.step(...)`` this is one frame of the playground's animation
    (benchmarks/frames.py measures how many per second).
    """
    _check_engine(engine)  # decision_image checks the size
    return png_bytes(decision_image(engine, size))


def preset_picture(engine: Playground, state: PlaygroundState, size: int):
    """One static frame: the map on the left; loss curves and numbers on the right.

    Drawn to compress well: the map in flat blocks of 2 x 2 pixels (a grid of
    size / 2 cells) and text without anti-aliasing.
    """
    _check_engine(engine)
    if not isinstance(state, PlaygroundState):
        raise TypeError(
            f"state must be a PlaygroundState (Playground.state); got {describe(state)}"
        )
    size = _check_size(size, "size", 40)  # the loss curve beside the map is size / 2 high
    picture = Image.new("RGB", (2 * size + 8, size), (255, 255, 255))
    probabilities = engine.decision_map(max(2, size // 2))
    picture.paste(decision_image(engine, size, probabilities=probabilities, smooth=False), (0, 0))
    curve = loss_curve_image(
        state.train_loss_history, state.test_loss_history, size, size // 2, crisp_text=True
    )
    picture.paste(curve, (size + 8, 0))
    draw = ImageDraw.Draw(picture)
    draw.fontmode = "1"
    lines = [
        f"epoch {state.epoch}",
        f"train  loss {loss_text(state.train_loss)}  acc {percent_text(state.train_accuracy)}",
        f"test   loss {loss_text(state.test_loss)}  acc {percent_text(state.test_accuracy)}",
    ]
    if state.hidden_units:
        lines.append(f"dead units {state.dead_units} of {state.hidden_units}")
    if state.message:
        # The first clause only ("training diverged — lower the learning rate"): the
        # frame is small, and the caption above the player tells the rest.
        lines.append(state.message.split(":")[0].split(" (")[0])
    y = size // 2 + 6
    for line in lines:
        draw.text((size + 8, y), line, fill=INK_RGB, font=_font(11))
        y += 15
    return picture
