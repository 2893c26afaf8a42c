"""nnbook.live_approximation: chapter 6's constructions, readouts, settings and faces."""

import html
import json
import re

import numpy as np
import pytest

from nnbook import live_approximation as la
from nnlib.activations import sigmoid
from nnlib.network import Network
from nnlib.training import Trainer, fit


def settings_in(page: str) -> dict:
    return json.loads(html.unescape(re.search(r"<script[^>]*>(.*?)</script>", page, re.S).group(1)))


def test_a_bump_is_two_steep_sigmoids_scaled_by_the_target_at_its_centre():
    n, steepness = 5, 30.0
    net = la.bump_network(la.wavy, n, steepness)
    x = np.linspace(-1, 1, 37)[:, None]
    centres = np.linspace(-1, 1, n)
    width = 2 / (n - 1)
    k = steepness / width
    expected = sum(
        la.wavy(c) * (sigmoid(k * (x - c + width / 2)) - sigmoid(k * (x - c - width / 2)))
        for c in centres
    )
    assert net(x) == pytest.approx(expected, abs=1e-12)
    assert net.layer_sizes == (1, 2 * n, 1)


def test_relu_segments_pass_through_the_knots_and_are_straight_between():
    n = 6
    net = la.relu_network(la.wavy, n)
    knots = np.linspace(-1, 1, n + 1)
    assert net(knots[:, None])[:, 0] == pytest.approx(la.wavy(knots), abs=1e-12)
    middles = (knots[:-1] + knots[1:]) / 2
    halfway = (la.wavy(knots[:-1]) + la.wavy(knots[1:])) / 2
    assert net(middles[:, None])[:, 0] == pytest.approx(halfway, abs=1e-12)


@pytest.mark.parametrize("budget", [97, 169, 100, 101])
def test_the_shallow_width_gives_the_closest_budget(budget):
    width = la.shallow_width_for(budget)
    best = min(range(1, 200), key=lambda n: abs(3 * n + 1 - budget))
    assert abs(3 * width + 1 - budget) == abs(3 * best + 1 - budget)


def test_width_depth_sizes_match_the_budget():
    deep, shallow = la.width_depth_sizes(3, 8)
    assert deep == [1, 8, 8, 8, 1]
    assert shallow == [1, la.shallow_width_for(Network(deep).parameter_count), 1]
    assert abs(Network(shallow).parameter_count - Network(deep).parameter_count) <= 1


def test_readouts_state_the_units_parameters_and_error():
    bumps = la.approximation_readout("bumps", 8, 50.0, 0.12345)
    assert bumps == (
        f"8 bumps of steepness 50.0: 16 hidden sigmoid units, "
        f"{la.bump_network(la.wavy, 8, 50).parameter_count} parameters, largest error 0.123."
    )
    relu = la.approximation_readout("relu", 1, 50.0, 2.0)
    assert relu == (
        f"1 hidden ReLU unit: 1 straight segments, "
        f"{la.relu_network(la.wavy, 1).parameter_count} parameters, largest error 2.000."
    )
    assert la.approximation_readout("relu", 12, 0, 0.5).startswith(
        f"12 hidden ReLU units: 12 straight segments, {Network([1, 12, 1]).parameter_count}"
    )


def test_width_depth_readout_counts_parameters_with_nnlib():
    text = la.width_depth_readout(5, 100, [1, 4, 4, 1], 0.5, [1, 11, 1], 0.25)
    assert f"({Network([1, 4, 4, 1]).parameter_count} parameters) MSE 0.5000" in text
    assert f"({Network([1, 11, 1]).parameter_count} parameters) MSE 0.2500." in text
    assert text.startswith("Epoch 5 of 100: narrow-deep [1, 4, 4, 1]")


def test_training_as_the_page_does_is_nnlibs_full_batch_adam():
    x = np.linspace(-1, 1, 30)[:, None]
    y = la.wavy(x) + 0.25
    settings = la.width_depth_settings(x, y, learning_rate=0.05)
    start = Network([1, 4, 4, 1], activation="tanh", seed=7)
    flat = [p.ravel().tolist() for p in start.parameters()]  # as the page reports them
    losses = la.train_width_depth(settings, [1, 4, 4, 1], flat, 20)
    # the same training one epoch at a time, the error measured directly after each
    own = Network([1, 4, 4, 1], activation="tanh", seed=7)
    trainer = Trainer(own, x, y, loss="mse", optimizer="adam", learning_rate=0.05)
    measured = []
    for _ in range(20):
        trainer.run(1)
        measured.append(float(np.mean((own(x) - y) ** 2)))
    assert losses == pytest.approx(measured, rel=1e-12)
    history = fit(
        Network([1, 4, 4, 1], activation="tanh", seed=7),
        x,
        y,
        epochs=20,
        loss="mse",
        optimizer="adam",
        learning_rate=0.05,
    )
    assert len(history.train_loss) == 20 and measured[-1] < measured[0]


def test_the_curve_component_carries_its_settings_and_nnlibs_fallback():
    page = la.bump_approximation(5, 12.5, as_html=True, unit_range=(1, 32))
    assert 'data-nnz-component="curve-approximation"' in page
    settings = settings_in(page)
    assert settings["kind"] == "bumps" and settings["units"] == 5
    assert settings["unitRange"] == [1, 32] and settings["steepness"] == 12.5
    error = la.largest_error(settings, la.bump_network(la.wavy, 5, 12.5))
    caption = la.approximation_readout("bumps", 5, 12.5, error)
    assert f"<figcaption>{html.escape(caption)}</figcaption>" in page
    assert 'alt="The wavy target curve and a sum of 5 sigmoid bumps' in page
    relu = la.relu_approximation(9, as_html=True)
    error = la.largest_error(settings_in(relu), la.relu_network(la.wavy, 9))
    assert html.escape(la.approximation_readout("relu", 9, 50.0, error)) in relu


def test_the_largest_error_is_measured_on_the_chapters_grid():
    settings = la.approximation_settings("relu", units=8)
    x = np.linspace(-1, 1, 801)[:, None]
    net = la.relu_network(la.wavy, 8)
    assert la.largest_error(settings, net) == float(np.abs(net(x) - la.wavy(x)).max())


def test_the_width_depth_fallback_trains_nnlibs_own_start():
    x = np.linspace(-1, 1, 20)[:, None]
    y = la.wavy(x)
    page = la.width_depth_training(x, y, hidden_layers=2, width=3, seed=1, epochs=15, as_html=True)
    assert 'data-nnz-component="width-depth"' in page
    settings = settings_in(page)
    assert settings["x"] == x[:, 0].tolist() and settings["y"] == y[:, 0].tolist()
    losses = {}
    for sizes in la.width_depth_sizes(2, 3):
        network = Network(sizes, activation="tanh", seed=1)
        trainer = Trainer(
            network,
            x,
            y,
            loss="mse",
            optimizer="adam",
            learning_rate=0.02,
            evaluate_train_every=1,
        )
        losses[str(sizes)] = trainer.run(15).train_loss[-1]
    deep, shallow = la.width_depth_sizes(2, 3)
    caption = la.width_depth_readout(15, 15, deep, losses[str(deep)], shallow, losses[str(shallow)])
    assert html.escape(caption) in page


def test_kernel_faces_compute_with_nnlib():
    face = la.bump_approximation(8, 50.0, kernel=True)
    face.controls["units"].value = 3
    face.controls["steepness"].value = 10.0
    settings = la.approximation_settings("bumps", units=3, steepness=10.0)
    error = la.largest_error(settings, la.bump_network(la.wavy, 3, 10.0))
    assert html.unescape(face.readout.value) == la.approximation_readout("bumps", 3, 10.0, error)
    x = np.linspace(-1, 1, 12)[:, None]
    trained = la.width_depth_training(x, la.wavy(x), epochs=4, width=2, kernel=True)
    trained.controls["seed"].value = 2
    assert "Epoch 4 of 4: narrow-deep [1, 2, 2, 2, 1]" in html.unescape(trained.readout.value)


def test_the_static_book_gets_the_page_components(monkeypatch):
    monkeypatch.setenv("NNLIB_STATIC_WIDGETS", "1")
    assert 'data-nnz-component="curve-approximation"' in la.relu_approximation(4)._repr_html_()


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (lambda: la.approximation_settings("steps", units=3), "kind"),
        (lambda: la.approximation_settings("relu", units=3, target="sine"), "target"),
        (lambda: la.approximation_settings("relu", units=0), "units"),
        (lambda: la.approximation_settings("relu", units=2.5), "units"),
        (lambda: la.approximation_settings("relu", units=3, unit_range=(8, 2)), "unit_range"),
        (lambda: la.approximation_settings("bumps", units=3, steepness=500.0), "steepness"),
        (lambda: la.width_depth_settings([[0.0]], [[1.0]], width=40), "width"),
        (lambda: la.width_depth_settings([[0.0]], [[1.0]], seed=10), "seed"),
        (lambda: la.width_depth_settings([0.0, 1.0], [1.0, 2.0]), "x_train"),
        (lambda: la.width_depth_settings([[0.0]], [[np.nan]]), "y_train must hold finite numbers"),
        (lambda: la.width_depth_settings([[0.0]], [[1.0]], depth_range=(3, 3)), "depth_range"),
    ],
)
def test_bad_settings_are_refused_by_name(call, named):
    with pytest.raises(ValueError, match=named):
        call()
