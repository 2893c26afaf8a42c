"""The book's figures: colours, labels, legends, decision maps and small PNGs."""

import io
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex, to_rgb  # noqa: E402
from PIL import Image  # noqa: E402

from nnbook import plotting  # noqa: E402
from nnlib.activations import get_activation  # noqa: E402
from nnlib.network import Network  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def two_blobs():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(-1.5, 0.5, (20, 2)), rng.normal(1.5, 0.5, (20, 2))])
    y = np.repeat([0, 1], 20)
    return X, y


def sigmoid_of_sum(points):
    return 1.0 / (1.0 + np.exp(-(points[:, 0] + points[:, 1])))


def legend_texts(ax):
    legend = ax.get_legend()
    return [] if legend is None else [t.get_text() for t in legend.get_texts()]


def assert_labelled(ax):
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


def luminance(color) -> float:
    r, g, b = to_rgb(color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# -- style -------------------------------------------------------------------------------


def test_importing_changes_no_matplotlib_setting():
    code = (
        "import matplotlib as mpl; before = dict(mpl.rcParams); "
        "import nnbook.plotting, nnbook.widgets; "
        "assert dict(mpl.rcParams) == before, 'import changed rcParams'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_book_style_reads_on_light_and_dark_pages():
    style = plotting.book_style_rc()
    # An opaque light card with dark ink, not a transparent figure.
    assert style["savefig.transparent"] is False
    assert luminance(style["figure.facecolor"]) > 0.9
    assert luminance(style["axes.facecolor"]) > 0.9
    for key in ("text.color", "axes.labelcolor", "xtick.color", "ytick.color"):
        assert luminance(style[key]) < 0.2


def test_use_book_style_applies_the_style(monkeypatch):
    with matplotlib.rc_context():
        plotting.use_book_style()
        assert to_hex(matplotlib.rcParams["figure.facecolor"]) == plotting.FACE_COLOR.lower()
    with plotting.book_style():
        assert to_hex(matplotlib.rcParams["text.color"]) == plotting.INK_COLOR.lower()


def test_class_colours_are_okabe_ito():
    assert plotting.CLASS_COLORS == ("#E69F00", "#009E73", "#56B4E9")
    assert len(set(plotting.CLASS_MARKERS)) == 3  # shape tells the classes apart too


# -- decision maps -----------------------------------------------------------------------


def test_decision_map_rgb_tints_by_class_and_fades_when_unsure():
    p = np.array([[0.0, 0.5, 1.0]])
    image = plotting.decision_map_rgb(p, strength=1.0)
    assert image.shape == (1, 3, 3) and image.dtype == np.uint8
    assert to_hex(image[0, 0] / 255) == plotting.ORANGE.lower()  # sure of class 0
    assert to_hex(image[0, 2] / 255) == plotting.TEAL.lower()  # sure of class 1
    assert to_hex(image[0, 1] / 255) == plotting.FACE_COLOR.lower()  # a coin toss: background


def test_decision_map_rgb_handles_three_classes():
    p = np.zeros((2, 2, 3))
    p[0, 0] = [0, 0, 1]
    p[0, 1] = [1 / 3, 1 / 3, 1 / 3]
    p[1, :] = [0.5, 0.5, 0.0]
    image = plotting.decision_map_rgb(p, strength=1.0)
    assert to_hex(image[0, 0] / 255) == plotting.SKY_BLUE.lower()
    assert to_hex(image[0, 1] / 255) == plotting.FACE_COLOR.lower()
    # Half sure between two classes: partly tinted, lighter than either colour.
    assert luminance(image[1, 0] / 255) > luminance(plotting.ORANGE)


def test_decision_map_rgb_rejects_bad_input():
    with pytest.raises(ValueError, match="shape"):
        plotting.decision_map_rgb(np.zeros(4))
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        plotting.decision_map_rgb(np.full((2, 2), 3.0))
    with pytest.raises(ValueError, match="NaN"):
        plotting.decision_map_rgb(np.full((2, 2), np.nan))
    with pytest.raises(ValueError, match="4 classes need 4 colours"):
        plotting.decision_map_rgb(np.full((2, 2, 4), 0.25))


def test_grid_and_predictions_line_up():
    X, _ = two_blobs()
    grid = plotting.make_grid(X, resolution=7, padding=0.5)
    assert grid.points.shape == (49, 2) and grid.shape == (7, 7)
    assert grid.extent[0] == pytest.approx(X[:, 0].min() - 0.5)
    probabilities = plotting.predict_grid(sigmoid_of_sum, grid)
    assert probabilities.shape == (7, 7)
    # Row i belongs to ys[i], column j to xs[j].
    i, j = 2, 5
    assert probabilities[i, j] == pytest.approx(
        sigmoid_of_sum(np.array([[grid.xs[j], grid.ys[i]]]))[0]
    )


def test_predict_grid_uses_predict_proba_of_a_network():
    from nnlib.network import Network

    X, _ = two_blobs()
    grid = plotting.make_grid(X, resolution=5)
    binary = Network([2, 4, 1], seed=0)
    assert plotting.predict_grid(binary, grid).shape == (5, 5)
    np.testing.assert_allclose(
        plotting.predict_grid(binary, grid).ravel(), binary.predict_proba(grid.points)[:, 0]
    )
    three = Network([2, 4, 3], seed=0)
    probabilities = plotting.predict_grid(three, grid)
    assert probabilities.shape == (5, 5, 3)
    np.testing.assert_allclose(probabilities.sum(axis=2), 1.0)


def test_predict_grid_explains_scores_that_are_not_probabilities():
    X, _ = two_blobs()
    grid = plotting.make_grid(X, resolution=5)
    with pytest.raises(ValueError, match="apply sigmoid or softmax"):
        plotting.predict_grid(lambda points: points.sum(axis=1), grid)
    with pytest.raises(ValueError, match="predict_proba"):
        plotting.predict_grid(42, grid)
    with pytest.raises(ValueError, match=r"\(n_samples, 2\)"):
        plotting.make_grid(np.zeros((5, 3)))


def test_decision_map_draws_regions_boundary_data_and_labels():
    X, y = two_blobs()
    ax = plotting.decision_map(sigmoid_of_sum, X, y, resolution=50, title="A line")
    assert_labelled(ax)
    assert ax.get_title() == "A line"
    assert legend_texts(ax) == ["class 0", "class 1", "decision boundary"]
    image = ax.get_images()[0].get_array()
    assert image.shape == (50, 50, 3)
    # Class 0 points are orange circles, class 1 teal squares.
    colours = [to_hex(c.get_facecolor()[0]) for c in ax.collections if len(c.get_offsets()) == 20]
    assert colours == [plotting.ORANGE.lower(), plotting.TEAL.lower()]


def test_decision_map_of_a_three_class_network():
    from nnlib.network import Network

    rng = np.random.default_rng(1)
    X = rng.normal(size=(30, 2))
    y = np.arange(30) % 3
    ax = plotting.decision_map(Network([2, 5, 3], seed=0), X, y, resolution=30)
    assert legend_texts(ax)[:3] == ["class 0", "class 1", "class 2"]
    assert_labelled(ax)


def test_scatter_data_checks_its_input():
    X, y = two_blobs()
    ax = plotting.scatter_data(X, y)
    assert_labelled(ax)
    assert legend_texts(ax) == ["class 0", "class 1"]
    with pytest.raises(ValueError, match="labels"):
        plotting.scatter_data(X, y[:-1])
    with pytest.raises(ValueError, match="0..2"):
        plotting.scatter_data(X, y + 5)


# -- networks, activations, histories ----------------------------------------------------


def test_draw_network_titles_the_parameter_count():
    ax = plotting.draw_network([2, 4, 1])
    assert ax.get_title() == "Network 2–4–1: 17 parameters"
    assert_labelled(ax)
    assert len(ax.lines) == 2 * 4 + 4 * 1  # one line per weight


def test_draw_network_shows_weights_by_width_and_sign():
    weights = [np.array([[2.0, -1.0]]), np.array([[0.5], [-0.1]])]
    ax = plotting.draw_network([1, 2, 1], weights=weights, title="Tiny")
    assert ax.get_title() == "Tiny: 7 parameters"
    widths = [line.get_linewidth() for line in ax.lines]
    colours = [to_hex(line.get_color()) for line in ax.lines]
    assert widths[0] == max(widths) and widths[3] == min(widths)  # |2.0| and |-0.1|
    assert colours == [
        plotting.POSITIVE_COLOR.lower(),
        plotting.NEGATIVE_COLOR.lower(),
        plotting.POSITIVE_COLOR.lower(),
        plotting.NEGATIVE_COLOR.lower(),
    ]
    assert legend_texts(ax) == ["positive weight", "negative weight"]


def test_draw_network_takes_a_network_and_checks_shapes():
    from nnlib.network import Network

    ax = plotting.draw_network([2, 3, 1], weights=Network([2, 3, 1], seed=0))
    assert len(ax.lines) == 9
    with pytest.raises(ValueError, match=r"shape \(2, 3\)"):
        plotting.draw_network([2, 3, 1], weights=[np.zeros((3, 2)), np.zeros((3, 1))])


def test_draw_network_abbreviates_wide_layers():
    ax = plotting.draw_network([64, 16, 10], max_units=6)
    assert len(ax.lines) == 6 * 6 + 6 * 6
    assert "64" in ax.get_xticklabels()[0].get_text()
    assert ax.get_title().endswith(f"{Network([64, 16, 10]).parameter_count:,} parameters")


def test_plot_activation_draws_the_function_and_its_derivative():
    ax = plotting.plot_activation("sigmoid", z_range=(-4, 4), points=81)
    assert_labelled(ax)
    curve, slope = [line for line in ax.lines if len(line.get_xdata()) == 81]
    z = curve.get_xdata()
    sigmoid = get_activation("sigmoid")
    np.testing.assert_allclose(curve.get_ydata(), sigmoid(z))
    np.testing.assert_allclose(slope.get_ydata(), sigmoid.derivative(z))
    assert len(legend_texts(ax)) == 2


def test_plot_activation_passes_parameters_and_refuses_softmax():
    ax = plotting.plot_activation("leaky_relu", alpha=0.2, derivative=False)
    curve = next(line for line in ax.lines if len(line.get_xdata()) > 2)
    assert curve.get_ydata()[0] == pytest.approx(0.2 * curve.get_xdata()[0])
    with pytest.raises(ValueError, match="vector"):
        plotting.plot_activation("softmax")


def test_plot_history_of_a_real_training_run():
    from nnlib.network import Network
    from nnlib.training import fit

    X, y = two_blobs()
    history = fit(Network([2, 3, 1], seed=0), X, y, epochs=15, validation_data=(X, y))
    loss_ax, accuracy_ax = plotting.plot_history(history)
    for ax in (loss_ax, accuracy_ax):
        assert_labelled(ax)
        assert legend_texts(ax) == ["train", "test"]
    np.testing.assert_allclose(loss_ax.lines[0].get_ydata(), history.train_loss)
    np.testing.assert_allclose(accuracy_ax.lines[1].get_ydata(), history.test_accuracy)


def test_plot_history_of_a_loss_list_has_one_panel():
    ax = plotting.plot_history([1.0, 0.5, 0.25])
    assert ax.get_title() == "Loss" and ax.get_xlabel() == "epoch"
    np.testing.assert_allclose(ax.lines[0].get_xdata(), [1, 2, 3])
    with pytest.raises(ValueError, match="no train_loss"):
        plotting.plot_history({"train_loss": []})


def test_line_plot_insists_on_a_title():
    ax = plotting.line_plot([0, 1], {"a": [0, 1], "b": [1, 0]}, title="Two lines")
    assert legend_texts(ax) == ["a", "b"]
    with pytest.raises(ValueError, match="title"):
        plotting.line_plot([0, 1], [0, 1])


# -- PNG encoding ------------------------------------------------------------------------


def test_figure_to_png_is_small_and_quantized():
    X, y = two_blobs()
    fig, ax = plotting.new_figure(figsize=(5, 4))
    plotting.decision_map(sigmoid_of_sum, X, y, ax=ax, resolution=80)
    dpi_before = fig.dpi
    small = plotting.figure_to_png(fig, dpi=60, colors=32)
    full = plotting.figure_to_png(fig, dpi=60, colors=None)
    image = Image.open(io.BytesIO(small))
    assert image.size == (300, 240)
    assert image.mode == "P" and len(image.getcolors()) <= 32
    assert len(small) < len(full)
    assert fig.dpi == dpi_before  # encoding leaves the figure as it was


def test_figure_to_png_keeps_class_markers_in_their_own_colour():
    # Chapter 0's XOR points over a decision map tinted in the same class colours: with
    # a purely fitted palette each marker took its region's tint and drew as an empty
    # ring. The centre pixel of every marker must be its class colour, exactly.
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 0])
    fig, ax = plotting.new_figure(figsize=(4.2, 3.8))
    plotting.decision_map(
        lambda p: np.full(len(p), 0.5 + 0.4 * np.sign(p[:, 0] - p[:, 1])),
        X,
        None,
        ax=ax,
        padding=0.6,
        resolution=80,
    )
    plotting.scatter_data(X, y, ax=ax, legend=False, size=60)
    fig.set_dpi(96)  # the encoding's dpi, so that the layout it drew is the one measured
    png = plotting.figure_to_png(fig, dpi=96, close=False)
    centres = ax.transData.transform(X)  # display pixels, origin at the bottom left
    image = np.array(Image.open(io.BytesIO(png)).convert("RGB"))
    height = image.shape[0]
    for (cx, cy), label in zip(centres, y, strict=True):
        pixel = tuple(int(v) for v in image[int(round(height - cy)), int(round(cx))])
        assert pixel == plotting.hex_to_rgb(plotting.CLASS_COLORS[label]), (
            f"the class-{label} marker drew as {pixel}"
        )


def test_figure_to_png_closes_pyplot_figures():
    fig, ax = plt.subplots()
    ax.plot([0, 1])
    plotting.figure_to_png(fig)
    assert not plt.fignum_exists(fig.number)


def test_array_to_png_round_trips_and_upscales():
    image = np.zeros((2, 3, 3), dtype=np.uint8)
    image[0, 0] = (230, 159, 0)
    png = plotting.array_to_png(image, scale=4)
    decoded = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    assert decoded.shape == (8, 12, 3)
    assert tuple(decoded[3, 3]) == (230, 159, 0) and tuple(decoded[4, 4]) == (0, 0, 0)
    with pytest.raises(ValueError, match="uint8"):
        plotting.array_to_png(image.astype(float))


def test_book_style_keeps_interactive_mode_switched_on_while_drawing():
    """In a notebook the first figure turns interactive mode on; reverting it would stop
    every later figure from being shown at the end of its cell."""
    was = matplotlib.is_interactive()
    try:
        matplotlib.interactive(False)
        with plotting.book_style():
            matplotlib.interactive(True)  # what the inline backend does when it loads
        assert matplotlib.is_interactive()
        with plotting.book_style():
            pass
        assert matplotlib.is_interactive()
    finally:
        matplotlib.interactive(was)
