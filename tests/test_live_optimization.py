"""nnbook.live_optimization: chapter 9's surfaces, paths, readouts and both faces."""

import html
import json
import re

import numpy as np
import pytest

from nnbook import live_optimization
from nnlib.optimizers import SGD


def tilted_bowl():
    angle = np.deg2rad(30)
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    return rotation @ np.diag([1.0, 10.0]) @ rotation.T


def page_settings(page: str) -> dict:
    return json.loads(html.unescape(re.search(r"<script[^>]*>(.*?)</script>", page, re.S).group(1)))


def test_surfaces_are_the_formulas():
    H = tilted_bowl()
    bowl = live_optimization.quadratic_surface(H)
    valley = live_optimization.rosenbrock_surface()
    for w in ([-4.0, 3.0], [0.3, -1.7], [1.0, 1.0]):
        w = np.array(w)
        assert live_optimization.surface_loss(bowl, w) == pytest.approx(0.5 * w @ H @ w)
        assert live_optimization.surface_gradient(bowl, w) == pytest.approx(H @ w)
        assert live_optimization.surface_loss(valley, w) == pytest.approx(
            (1 - w[0]) ** 2 + 100 * (w[1] - w[0] ** 2) ** 2
        )
    # the gradient is the loss's slope: central differences
    for surface in (bowl, valley):
        w, h = np.array([-0.8, 1.3]), 1e-6
        numeric = [
            (
                live_optimization.surface_loss(surface, w + h * e)
                - live_optimization.surface_loss(surface, w - h * e)
            )
            / (2 * h)
            for e in np.eye(2)
        ]
        assert live_optimization.surface_gradient(surface, w) == pytest.approx(numeric, rel=1e-6)


def test_descend_is_gradient_descent_step_by_step():
    H = tilted_bowl()
    run = live_optimization.descend(SGD(0.15), live_optimization.quadratic_surface(H), (-4, 3), 25)
    w, path = np.array([-4.0, 3.0]), [np.array([-4.0, 3.0])]
    for _ in range(25):
        w = w - 0.15 * H @ w
        path.append(w)
    assert run["path"] == pytest.approx(np.array(path), rel=1e-12)
    assert run["losses"] == pytest.approx([0.5 * p @ H @ p for p in path], rel=1e-12)
    assert run["blew_up_at"] is None


def test_a_path_that_overflows_ends_before_the_first_non_number():
    run = live_optimization.descend(
        SGD(0.3), live_optimization.quadratic_surface(tilted_bowl()), (-4, 3), 2000
    )
    assert run["blew_up_at"] is not None
    assert len(run["path"]) == run["blew_up_at"] == len(run["losses"])
    assert np.all(np.isfinite(run["path"]))


def test_settings_carry_the_surface_and_numpys_limit():
    H = tilted_bowl()
    settings = live_optimization.descent_settings(H, (-4.0, 3.0), 0.1, lr_range=(0.001, 0.3))
    assert np.array(settings["surface"]["hessian"]) == pytest.approx(H, abs=0)
    assert settings["limit"] == pytest.approx(2 / np.linalg.eigvalsh(H).max(), rel=1e-12)
    assert settings["logRange"] == pytest.approx([-3, np.log10(0.3)])
    assert settings["start"] == [-4.0, 3.0]


@pytest.mark.parametrize(
    ("rate", "start", "verdict"),
    [
        (0.1, (-4, 3), "converging"),
        (0.002, (-4, 3), "still far from the minimum"),
        (0.25, (-4, 3), "diverged: the loss grew"),
        (0.1, (0, 0), "it starts at the minimum"),
    ],
)
def test_readout_names_rate_limit_start_losses_and_verdict(rate, start, verdict):
    H = tilted_bowl()
    surface = live_optimization.quadratic_surface(H)
    run = live_optimization.descend(SGD(rate), surface, start, 40)
    text = live_optimization.descent_readout(rate, 0.2, start, run, 40)
    assert text.endswith(f"— {verdict}.")
    first = live_optimization.format_exponential(0.5 * np.array(start) @ H @ np.array(start))
    assert f"loss {first} →" in text
    assert text.startswith(f"η = {live_optimization.format_learning_rate(rate)} (limit")


def test_overflow_is_said_in_words():
    surface = live_optimization.quadratic_surface(tilted_bowl())
    run = live_optimization.descend(SGD(0.3), surface, (-4, 3), 2000)
    text = live_optimization.descent_readout(0.3, 0.2, (-4, 3), run, 2000)
    assert f"overflow at step {run['blew_up_at']}" in text and "nan" not in text.lower()


@pytest.mark.parametrize(
    ("args", "options", "named"),
    [
        (([[1, 2], [0, 1]],), {}, "hessian"),
        (([[1, 0], [0, -1]],), {}, "hessian"),
        ((None, (9, 0)), {}, "start"),
        ((None, (0, 0), 5.0), {}, "learning_rate"),
        ((None,), {"lr_range": (0, 1)}, "lr_range"),
        ((None,), {"steps": 0}, "steps"),
        ((None,), {"extent": (1, 0, 0, 1)}, "extent"),
        ((None,), {"levels": [3, 2, 1]}, "levels"),
    ],
)
def test_bad_descent_settings_are_refused_by_name(args, options, named):
    args = (tilted_bowl() if args[0] is None else args[0], *args[1:])
    with pytest.raises(ValueError, match=named):
        live_optimization.descent_settings(*args, **options)


def test_static_face_is_the_component_with_nnlibs_fallback():
    H = tilted_bowl()
    page = live_optimization.descent_surface(H, (-4, 3), 0.1, as_html=True)
    assert 'data-nnz-component="descent-surface"' in page
    settings = page_settings(page)
    run = live_optimization.descend(SGD(0.1), settings["surface"], (-4, 3), 40)
    caption = live_optimization.descent_readout(0.1, settings["limit"], (-4, 3), run, 40)
    assert html.escape(caption) in page
    assert 'alt="Contour lines of an elongated bowl' in page


def test_kernel_face_descends_with_nnlib():
    H = tilted_bowl()
    face = live_optimization.descent_surface(H, (-4, 3), 0.1, kernel=True)
    face.controls["learning_rate"].value = 0.21
    face.controls["start_w1"].value = 2.0
    run = live_optimization.descend(
        SGD(0.21), live_optimization.quadratic_surface(H), (2.0, 3.0), 40
    )
    assert html.unescape(face.readout.value) == live_optimization.descent_readout(
        0.21, 2 / np.linalg.eigvalsh(H).max(), (2.0, 3.0), run, 40
    )


def test_the_static_book_gets_the_page_component(monkeypatch):
    monkeypatch.setenv("NNLIB_STATIC_WIDGETS", "1")
    shown = live_optimization.descent_surface(tilted_bowl())
    assert 'data-nnz-component="descent-surface"' in shown._repr_html_()


CHOICES = {
    "SGD and momentum at 0.001, Adam at 0.1": {"SGD": 0.001, "momentum": 0.001, "Adam": 0.1},
    "all at 0.002": {"sgd": 0.002, "momentum": 0.002, "adam": 0.002},
}


def test_race_runs_are_nnlibs_optimizers_with_their_defaults():
    from nnlib.optimizers import Adam, Momentum

    rates = {"sgd": 0.001, "momentum": 0.001, "adam": 0.1}
    runs = live_optimization.race_runs(rates, (-1.5, 2.0), 50)
    valley = live_optimization.rosenbrock_surface()
    for name, optimizer in (
        ("sgd", SGD(0.001)),
        ("momentum", Momentum(0.001)),
        ("adam", Adam(0.1)),
    ):
        w = np.array([-1.5, 2.0])
        for _ in range(50):
            optimizer.step([w], [live_optimization.surface_gradient(valley, w)])
        assert runs[name]["path"][-1] == pytest.approx(w, rel=1e-12)
    assert list(runs) == ["sgd", "momentum", "adam"]


def test_race_readout_names_each_optimizer_rate_and_loss():
    rates = {"sgd": 0.03, "momentum": 0.001, "adam": 0.1}
    runs = live_optimization.race_runs(rates, (-1.5, 2.0), 100)
    assert runs["sgd"]["blew_up_at"] is not None  # far above SGD's window on this valley
    text = live_optimization.race_readout(100, rates, runs)
    assert f"SGD (η = 0.0300) blew up at step {runs['sgd']['blew_up_at']}" in text
    loss = live_optimization.format_exponential(runs["adam"]["losses"][100], 1)
    assert text.endswith(f"Adam (η = 0.100) loss {loss}.")
    early = live_optimization.race_readout(0, rates, runs)
    start_loss = live_optimization.format_exponential((1 + 1.5) ** 2 + 100 * (2 - 2.25) ** 2, 1)
    assert early.startswith(f"After 0 steps: SGD (η = 0.0300) loss {start_loss};")


@pytest.mark.parametrize(
    ("choices", "options", "named"),
    [
        ({}, {}, "choices"),
        ({"x": {"sgd": 0.1, "adam": 0.1}}, {}, "choices"),
        ({"x": {"sgd": 0.1, "adam": 0.1, "momentum": -1}}, {}, "learning rate"),
        (CHOICES, {"choice": 2}, "choice"),
        (CHOICES, {"steps_per_frame": 0}, "steps_per_frame"),
        (CHOICES, {"start": (5, 0)}, "start"),
    ],
)
def test_bad_race_settings_are_refused_by_name(choices, options, named):
    with pytest.raises(ValueError, match=named):
        live_optimization.race_settings(choices, **options)


def test_race_static_face_and_kernel_face():
    page = live_optimization.optimizer_race(CHOICES, (-1.5, 2.0), 200, as_html=True)
    settings = page_settings(page)
    assert 'data-nnz-component="optimizer-race"' in page
    assert settings["choices"][0]["rates"] == {"sgd": 0.001, "momentum": 0.001, "adam": 0.1}
    runs = live_optimization.race_runs(settings["choices"][0]["rates"], (-1.5, 2.0), 200)
    assert (
        html.escape(live_optimization.race_readout(200, settings["choices"][0]["rates"], runs))
        in page
    )
    face = live_optimization.optimizer_race(CHOICES, (-1.5, 2.0), 200, kernel=True)
    face.controls["rates"].value = "all at 0.002"
    face.controls["step"].value = 37
    rates = {"sgd": 0.002, "momentum": 0.002, "adam": 0.002}
    assert html.unescape(face.readout.value) == live_optimization.race_readout(
        37, rates, live_optimization.race_runs(rates, (-1.5, 2.0), 200)
    )


INITIALIZERS = {
    "zeros": ("zeros", None),
    "too small (std 0.01)": ("normal", 0.01),
    "Xavier": ("xavier_normal", None),
    "He": ("he_normal", None),
}


def test_spread_layers_are_the_chapters_recursion():
    settings = live_optimization.spread_settings(INITIALIZERS, depth=4, width=16, samples=50)
    inputs, weights = live_optimization.spread_weights(settings, 3)
    assert inputs.shape == (50, 16) and len(weights) == 4
    assert np.std(weights[0]) == pytest.approx(np.sqrt(2 / 16), rel=0.2)  # He's rule
    A = inputs
    for W, layer in zip(
        weights, live_optimization.spread_layers(inputs, weights, "relu"), strict=True
    ):
        A = np.maximum(A @ W, 0)
        assert layer == pytest.approx(A, rel=1e-12)


def test_spread_readout_gives_each_layer_and_the_ratio():
    text = live_optimization.spread_readout("relu", "He", [0.5, 0.25, 0.125])
    values = ", ".join(live_optimization.format_exponential(v, 1) for v in (0.5, 0.25, 0.125))
    ratio = live_optimization.format_exponential(0.25, 1)
    assert (
        text
        == f"ReLU with He: standard deviation per layer {values} (layer 3 / layer 1 = {ratio})."
    )
    assert live_optimization.spread_readout("tanh", "zeros", [0.0, 0.0]).endswith("0.0e+0, 0.0e+0.")


@pytest.mark.parametrize(
    ("initializers", "options", "named"),
    [
        ({}, {}, "initializers"),
        ({"x": ("constant", None)}, {}, "initializer"),
        (INITIALIZERS, {"initializer": "LeCun"}, "initializer"),
        (INITIALIZERS, {"activation": "gelu"}, "activation"),
        (INITIALIZERS, {"depth": 0}, "depth"),
        (INITIALIZERS, {"width": 1000}, "width"),
    ],
)
def test_bad_spread_settings_are_refused_by_name(initializers, options, named):
    with pytest.raises(ValueError, match=named):
        live_optimization.spread_settings(initializers, **options)


def test_spread_faces():
    page = live_optimization.init_spread(
        INITIALIZERS, initializer="He", depth=3, width=8, as_html=True
    )
    settings = page_settings(page)
    assert 'data-nnz-component="init-spread"' in page and settings["initializer"] == 3
    inputs, weights = live_optimization.spread_weights(settings, 3)
    stds = [A.std() for A in live_optimization.spread_layers(inputs, weights, "tanh")]
    assert html.escape(live_optimization.spread_readout("tanh", "He", stds)) in page
    face = live_optimization.init_spread(INITIALIZERS, depth=3, width=8, kernel=True)
    face.controls["initializer"].value = "too small (std 0.01)"
    face.controls["activation"].value = "relu"
    inputs, weights = live_optimization.spread_weights(settings, 1)
    stds = [A.std() for A in live_optimization.spread_layers(inputs, weights, "relu")]
    assert html.unescape(face.readout.value) == live_optimization.spread_readout(
        "relu", "too small (std 0.01)", stds
    )


SPECS = {
    "constant": {"kind": "constant"},
    "step decay": {"kind": "step_decay", "drop": 0.5, "every": 50},
    "cosine": {"kind": "cosine", "totalSteps": 200},
    "warm-up + cosine": {
        "kind": "warmup",
        "warmupSteps": 20,
        "then": {"kind": "cosine", "totalSteps": 180},
    },
}


def test_specs_build_nnlibs_schedules():
    from nnlib.schedules import cosine, step_decay, warmup

    expected = {
        "step decay": step_decay(0.1, drop=0.5, every=50),
        "cosine": cosine(0.1, total_steps=200),
        "warm-up + cosine": warmup(0.1, warmup_steps=20, then=cosine(0.1, total_steps=180)),
    }
    for label, schedule in expected.items():
        built = live_optimization.schedule_from_spec(SPECS[label], 0.1)
        assert built.values(200) == pytest.approx(schedule.values(200), rel=1e-15)
    with pytest.raises(ValueError, match="kind"):
        live_optimization.schedule_from_spec({"kind": "exponential"}, 0.1)


def test_noisy_run_adds_the_noise_to_every_gradient():
    from nnlib.schedules import constant

    H, noise = tilted_bowl(), np.random.default_rng(1).normal(size=(30, 2))
    losses = live_optimization.noisy_run(
        constant(0.05), live_optimization.quadratic_surface(H), (-4, 3), noise
    )
    w = np.array([-4.0, 3.0])
    for n in noise:
        w = w - 0.05 * (H @ w + n)
    assert losses[-1] == pytest.approx(0.5 * w @ H @ w, rel=1e-10)
    assert len(losses) == 31


def test_schedules_faces_and_refusals():
    H, noise = tilted_bowl(), np.random.default_rng(7).normal(size=(200, 2))
    page = live_optimization.lr_schedules(H, SPECS, noise, schedule="cosine", as_html=True)
    settings = page_settings(page)
    assert 'data-nnz-component="lr-schedules"' in page and settings["schedule"] == 2
    surface = settings["surface"]
    chosen = live_optimization.schedule_from_spec(SPECS["cosine"], 0.1)
    losses = live_optimization.noisy_run(chosen, surface, (-4, 3), noise)
    reference = live_optimization.noisy_run(
        live_optimization.schedule_from_spec(SPECS["constant"], 0.1), surface, (-4, 3), noise
    )
    text = live_optimization.schedules_readout("cosine", 0.1, losses, reference, 20)
    assert html.escape(text) in page
    face = live_optimization.lr_schedules(H, SPECS, noise, kernel=True)
    face.controls["peak"].value = 0.15
    assert "constant, peak η = 0.150" in html.unescape(face.readout.value)
    for options, named in (
        ({"peak": 0.5}, "peak"),
        ({"tail": 0}, "tail"),
        ({"schedule": "x"}, "schedule"),
    ):
        with pytest.raises(ValueError, match=named):
            live_optimization.schedules_settings(H, SPECS, noise, **options)
    with pytest.raises(ValueError, match="noise"):
        live_optimization.schedules_settings(H, SPECS, noise[:, :1])
