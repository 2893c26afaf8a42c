"""The architecture builder of chapter 5 as a live component.

``architecture_builder`` gives the page component in the static book and an nnlib
explorable with a kernel (nnbook.live.show); ``architecture_readout`` is the sentence
the page shows, with nnlib's ``Network(sizes).parameter_count``.

>>> architecture_readout([2, 4, 1])
'2-layer network [2, 4, 1]: (2·4 + 4) + (4·1 + 1) = 17 parameters.'
"""

from __future__ import annotations

from nnbook import plotting, widgets
from nnbook.checks import check_layer_sizes
from nnbook.live import book_colors, show
from nnlib.network import Network

__all__ = ["HIDDEN_RANGE", "WIDTH_RANGE", "architecture_builder", "architecture_readout"]

HIDDEN_RANGE = (0, 3)
WIDTH_RANGE = (1, 16)


def architecture_readout(sizes) -> str:
    """'L-layer network [...]: (n·m + m) + ... = P parameters', P from nnlib."""
    sizes = check_layer_sizes(sizes)
    count = Network(sizes).parameter_count
    terms = " + ".join(f"({n}·{m} + {m})" for n, m in zip(sizes[:-1], sizes[1:], strict=True))
    return f"{len(sizes) - 1}-layer network {sizes}: {terms} = {count} parameters."


def _whole(value, name, low, high):
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number in [{low}, {high}]; got {value!r}")
    return value


def architecture_builder(
    hidden_layers: int = 1,
    width: int = 4,
    *,
    inputs: int = 2,
    outputs: int = 1,
    kernel: bool | None = None,
    as_html: bool = False,
):
    """0-3 hidden layers of 1-16 neurons: the diagram and nnlib's parameter count.

    For a chapter cell: ``live_architecture.architecture_builder(hidden_layers=1, width=4)``.
    """
    hidden_layers = _whole(hidden_layers, "hidden_layers", *HIDDEN_RANGE)
    width = _whole(width, "width", *WIDTH_RANGE)
    inputs = _whole(inputs, "inputs", 1, 16)
    outputs = _whole(outputs, "outputs", 1, 16)
    title = "Architecture builder"
    settings = {
        "inputs": inputs,
        "outputs": outputs,
        "hiddenLayers": hidden_layers,
        "width": width,
        "hiddenRange": list(HIDDEN_RANGE),
        "widthRange": list(WIDTH_RANGE),
        "title": title,
        "colors": book_colors(),
    }

    def sizes(hidden_layers, width):
        return [inputs] + [width] * hidden_layers + [outputs]

    def draw(hidden_layers, width):
        fig, ax = plotting.new_figure(figsize=(6.0, 3.6))
        plotting.draw_network(sizes(hidden_layers, width), ax=ax, max_units=8)
        return fig

    def alt(hidden_layers, width):
        return (
            f"Diagram of the network {sizes(hidden_layers, width)}: {inputs} inputs, "
            f"{hidden_layers} hidden layers of {width}, {outputs} output."
        )

    return show(
        "architecture",
        settings,
        title=title,
        values={"hidden_layers": hidden_layers, "width": width},
        draw=draw,
        readout=lambda hidden_layers, width: architecture_readout(sizes(hidden_layers, width)),
        alt=alt,
        kernel=kernel,
        as_html=as_html,
        controls=[
            widgets.IntRange(
                "hidden_layers", *HIDDEN_RANGE, value=hidden_layers, label="hidden layers"
            ),
            widgets.IntRange("width", *WIDTH_RANGE, value=width, label="neurons per hidden layer"),
        ],
    )
