"""The playground's face in the static book: a live component that trains in the page.

Without a kernel no Python runs, so the static book shows the component
``book/js/components/playground.js``, which trains with the browser twin of nnlib.
``page_settings`` turns ``PlaygroundSettings`` into the component's settings (the
names and choices of ``book/js/playground/options.js``, which also appear in the
page's URL); ``static_playground`` returns the component with a fallback picture (the
decision map after ``FALLBACK_EPOCHS`` epochs, trained here with nnlib) and its text
alternative, for readers without scripts and for print.

>>> page_settings(PlaygroundSettings(hidden_sizes=(8, 8), features=("x1", "x1^2")))["layers"]
[8, 8]
"""

from __future__ import annotations

import base64
import html
import math

from nnbook.checks import check_whole, describe
from nnbook.components import component
from nnbook.playground.engine import (
    BATCH_SIZES,
    DATASET_LABELS,
    LEARNING_RATES,
    LIMITS,
    REGULARIZATION_RATES,
    Playground,
    PlaygroundSettings,
)
from nnbook.playground.pictures import live_frame_png

# Feature names in nnlib -> their ids in the page (short, and safe in a URL).
PAGE_FEATURE_IDS = {
    "x1": "x1",
    "x2": "x2",
    "x1^2": "x1sq",
    "x2^2": "x2sq",
    "x1*x2": "x1x2",
    "sin(x1)": "sin1",
    "sin(x2)": "sin2",
}
# The page's data sets have 500 points (options.js N_SAMPLES).
PAGE_SAMPLES = 500
PAGE_ACTIVATIONS = ("linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "silu")
NOISE_STEP = 0.05
FALLBACK_EPOCHS = 100
# A fallback picture is drawn at build time; more epochs than this would take minutes.
MAX_FALLBACK_EPOCHS = 10_000
LABEL = "Neural-network playground: choose data, features and a network, then train it"


def _nearest(options, value):
    """The option closest to ``value`` on a log scale (0 only matches 0)."""
    if value in options:
        return value
    positive = [o for o in options if o > 0]
    if not value or value <= 0:
        return min(options)
    return min(positive, key=lambda o: abs(math.log10(o) - math.log10(value)))


def _check_settings(settings) -> PlaygroundSettings:
    if not isinstance(settings, PlaygroundSettings):
        raise TypeError(f"settings must be a PlaygroundSettings; got {describe(settings)}")
    return settings


def page_settings(settings: PlaygroundSettings) -> dict:
    """``settings`` as the page's playground reads them (book/js/playground/url.js).

    The page offers the Python playground's choices on the same grids (noise in
    steps of 0.05, the training share in steps of 10%, up to 6 hidden layers of
    1 to 8 units); a setting between grid points goes to the nearest one. Settings
    the page cannot show raise ``ValueError`` naming them.
    """
    problems = _check_settings(settings).problems()
    if problems:
        raise ValueError("the playground cannot show these settings: " + "; ".join(problems))
    if settings.activation not in PAGE_ACTIVATIONS:
        raise ValueError(
            f"the page's playground has no activation {settings.activation!r}; choose one of "
            + ", ".join(PAGE_ACTIVATIONS)
        )
    low, high = LIMITS["hidden_layers"]
    widths = LIMITS["neurons"]
    if len(settings.hidden_sizes) > high or any(
        not widths[0] <= w <= widths[1] for w in settings.hidden_sizes
    ):
        raise ValueError(
            f"the page's playground shows {low} to {high} hidden layers of {widths[0]} to "
            f"{widths[1]} units; got hidden_sizes={settings.hidden_sizes}"
        )
    if settings.n_samples != PAGE_SAMPLES:
        raise ValueError(
            f"the page's playground uses {PAGE_SAMPLES} points; got n_samples={settings.n_samples}"
        )
    noise_low, noise_high = LIMITS["noise"]
    noise = min(max(settings.noise, noise_low), noise_high)
    train_percent = int(round(100 * (1 - settings.test_fraction), -1))
    return {
        "problem": "classification",
        "dataset": settings.dataset,
        "noise": round(round(noise / NOISE_STEP) * NOISE_STEP, 6),
        "trainPercent": min(max(train_percent, 10), 90),
        "batchSize": _nearest([b for b in BATCH_SIZES if b], settings.batch_size)
        if settings.batch_size
        else 0,
        "seed": int(settings.seed) % 10_000,
        "features": [PAGE_FEATURE_IDS[f] for f in settings.features],
        "layers": list(settings.hidden_sizes),
        "activation": settings.activation,
        "learningRate": _nearest(LEARNING_RATES, settings.learning_rate),
        "regularization": settings.regularization,
        "regularizationRate": _nearest(REGULARIZATION_RATES, settings.regularization_rate)
        if settings.regularization != "none"
        else 0,
        "loss": settings.loss,
        "showTest": False,
        "discretize": False,
    }


def fallback_html(settings: PlaygroundSettings, epochs: int = FALLBACK_EPOCHS) -> str:
    """A picture of the run after ``epochs`` epochs (nnlib), with a text alternative."""
    _check_settings(settings)
    epochs = check_whole(epochs, "epochs", 0, MAX_FALLBACK_EPOCHS)
    engine = Playground(settings)
    engine.step(epochs)
    state = engine.state
    description = (
        f"Playground picture: the {DATASET_LABELS[settings.dataset]} data set and the decision "
        f"map of a {settings.describe()} network after {state.summary()} (train / test)."
    )
    image = base64.b64encode(live_frame_png(engine, 300)).decode("ascii")
    return (
        f'<figure><img src="data:image/png;base64,{image}" width="300" height="300" '
        f'alt="{html.escape(description)}"><figcaption>{html.escape(description)} '
        "The live playground needs JavaScript.</figcaption></figure>"
    )


def static_playground(settings: PlaygroundSettings):
    """The component for the static page (``nnbook.components.component``)."""
    return component("playground", page_settings(settings), fallback_html(settings), LABEL)
