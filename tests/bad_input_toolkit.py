"""The bad-input cases of the book's toolkit beyond the quiz, the playground and the
widget controls: the live components (nnbook.live_*), which compute in Python what the
static pages' scripts show, and the helpers they draw with (components, grids,
plotting, side_by_side). tests/test_bad_input.py adds these to its own cases and
checks that every public entry point of ``MODULES`` has one.

Each case is one valid call, small enough to be quick (few epochs, few points, small
pictures), so that the property test can repeat it with one argument made bad.
Arguments that take anything -- a label, a title, a callable of the chapter author's --
are listed in ``skip``.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from bad_input import Case  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from PIL import Image  # noqa: E402

from nnbook import (  # noqa: E402
    checks,
    components,
    grids,
    live,
    live_approximation,
    live_architecture,
    live_capacity,
    live_gradcheck,
    live_gradients,
    live_neurons,
    live_optimization,
    live_training,
    live_xor,
    mathml,
    plotting,
    quiz,
    quiz_html,
    side_by_side,
    widgets,
)
from nnbook.playground import engine, page, pictures  # noqa: E402
from nnlib import network, optimizers, training  # noqa: E402

MODULES = [
    "nnbook.checks",
    "nnbook.components",
    "nnbook.grids",
    "nnbook.live",
    "nnbook.live_approximation",
    "nnbook.live_architecture",
    "nnbook.live_capacity",
    "nnbook.live_gradcheck",
    "nnbook.live_gradients",
    "nnbook.live_neurons",
    "nnbook.live_optimization",
    "nnbook.live_training",
    "nnbook.live_xor",
    "nnbook.mathml",
    "nnbook.playground.page",
    "nnbook.playground.pictures",
    "nnbook.plotting",
    "nnbook.progress",  # no entry point takes an argument: nothing to feed
    "nnbook.session",  # likewise
    "nnbook.quiz_html",
    "nnbook.side_by_side",
]
# Plain records the toolkit fills in and readers only read.
RECORDS = {"nnbook.grids.Grid", "nnbook.quiz_html.Verdict", "nnbook.mathml.MathError"}

CASES: dict[str, Case] = {}


def case(entry: str, call, /, **valid):
    names = valid.pop("names", {})
    skip = valid.pop("skip", ())
    compare = valid.pop("compare", True)
    draws = valid.pop("draws", False)
    CASES[entry] = Case(call, valid, names, skip, compare, draws=draws)


FACE = {"as_html": True}  # the static face: settings and a fallback picture, no kernel

# --- components and grids ----------------------------------------------------------------
C = "nnbook.components."
for function in ("component", "component_html"):
    case(
        C + function,
        getattr(components, function),
        name="demo",
        settings={"a": 1.5, "b": [1, 2]},
        fallback_html="<p>picture</p>",
        label="A demo",
        names={"name": ("component name",)},
        skip=("fallback_html", "label"),
        compare=False,
    )
case(C + "settings_json", components.settings_json, settings={"a": 1.5, "b": [1, 2]})
case(
    "nnbook.grids.grid_over",
    lambda **kw: grids.grid_over(**kw).points,
    x_range=(-1.0, 1.0),
    y_range=(0.0, 2.0),
    resolution=4,
)

# --- the checks themselves ------------------------------------------------------------------
CH = "nnbook.checks."
case(CH + "describe", checks.describe, value=0.5)

# --- live: the activation curves and the shared helpers -----------------------------------
LV = "nnbook.live."
FUNCTIONS = ["sigmoid", "elu"]
case(
    LV + "activation_curves",
    lambda functions, z, kernel: live.activation_curves(functions, z=z, kernel=kernel),
    functions=FUNCTIONS,
    z=1.0,
    kernel=False,
    compare=False,
    draws=True,
)
case(
    LV + "activation_curves_html",
    lambda functions, z: live.activation_curves_html(functions, z=z),
    functions=FUNCTIONS,
    z=1.0,
)
case(
    LV + "activation_curves_settings",
    live.activation_curves_settings,
    functions=FUNCTIONS,
    alpha=0.2,
    show_derivative=True,
    z_range=(-3.0, 3.0),
    z=1.0,
    title="Curves",
    skip=("title",),
)
case(
    LV + "activation_readout",
    live.activation_readout,
    functions=FUNCTIONS,
    alpha=0.2,
    z=1.0,
    show_derivative=False,
)
case(
    CH + "check_number",
    checks.check_number,
    value=0.5,
    name="w1",
    low=-1.0,
    high=1.0,
    # a value outside [low, high] is refused by its own name, quoting the bounds
    names={"value": ("w1",), "low": ("w1",), "high": ("w1",)},
    skip=("name",),
)
case(
    LV + "figure_html",
    live.figure_html,
    fig=Figure(figsize=(1, 1)),
    alt="an empty picture",
    caption="Nothing to see.",
    names={"fig": ("figure",)},
)
case(
    CH + "check_numbers",
    lambda loss, rate: checks.check_numbers(loss=loss, rate=rate),
    loss=0.5,
    rate=0.1,
)
case(
    CH + "check_whole",
    checks.check_whole,
    value=3,
    name="epochs",
    low=0,
    high=10,
    # as for check_number: a value outside [low, high] is refused by its own name
    names={"value": ("epochs",), "low": ("epochs",), "high": ("epochs",)},
    skip=("name",),
)
case(
    CH + "check_choice",
    checks.check_choice,
    value="relu",
    name="activation",
    options=("relu", "tanh"),
    names={"value": ("activation",)},
    skip=("name", "options"),  # the calling module's constants
)
case(
    CH + "check_text",
    checks.check_text,
    value="a caption",
    name="caption",
    empty=False,
    names={"value": ("caption",)},
    skip=("name", "empty"),  # set in code by the caller, like the name
)
case(
    CH + "check_flag",
    checks.check_flag,
    value=True,
    name="diverged",
    names={"value": ("diverged",)},
    skip=("name",),
)
case(
    CH + "check_pair",
    checks.check_pair,
    value=(-1.0, 2.0),
    name="z_range",
    what="(low, high)",
    names={"value": ("z_range",)},
    skip=("name", "what"),
)
case(LV + "check_functions", live.check_functions, functions=FUNCTIONS)
case(
    CH + "check_layer_sizes",
    checks.check_layer_sizes,
    sizes=[2, 4, 1],
    name="sizes",
    skip=("name",),
)
case(
    CH + "check_settings",
    checks.check_settings,
    settings={"points": [], "labels": []},
    name="settings",
    keys=("points", "labels"),
    made_by="training_settings",
    skip=("name", "made_by", "keys"),  # the keys are the calling module's constant
)
case(
    CH + "finite_array",
    checks.finite_array,
    value=np.array([[1.0, 2.0]]),
    name="x",
    names={"value": ("x",)},
    skip=("name",),
)
case(LV + "format_number", live.format_number, value=-0.125, digits=2)
case(LV + "format_exponential", live.format_exponential, value=-1.25e-7, digits=2)


def _show(**kw):
    return live.show(
        "demo",
        {"w": 0.5},
        title="A demo",
        draw=lambda w: Figure(figsize=(1, 1)),
        readout=lambda w: f"w is {w}",
        alt=lambda w: "an empty picture",
        **kw,
    )


case(
    LV + "show",
    _show,
    values={"w": 0.5},
    controls=[widgets.FloatRange("w", 0.0, 1.0)],
    kernel=None,
    as_html=True,
    compare=False,
    draws=True,
)

# --- live_approximation ----------------------------------------------------------------
AP = "nnbook.live_approximation."
APPROX = live_approximation.approximation_settings("bumps", units=4, grid_points=41)
X1 = np.linspace(-1.0, 1.0, 12)
WD_OPTIONS = dict(hidden_layers=2, width=3, seeds=2, epochs=4, learning_rate=0.02)
WIDTH_DEPTH = live_approximation.width_depth_settings(
    X1[:, None], np.sin(3 * X1)[:, None], **WD_OPTIONS
)
case(
    AP + "approximation_settings",
    live_approximation.approximation_settings,
    kind="relu",
    units=4,
    unit_range=(1, 16),
    steepness=20.0,
    steepness_range=(1.0, 50.0),
    target="wavy",
    grid_points=41,
    show_bumps_up_to=8,
    title="",
    skip=("title",),
)
case(
    AP + "approximation_readout",
    live_approximation.approximation_readout,
    kind="bumps",
    units=3,
    steepness=20.0,
    error=0.125,
)
case(
    AP + "bump_approximation",
    lambda n_bumps, steepness, grid_points: live_approximation.bump_approximation(
        n_bumps, steepness, grid_points=grid_points, **FACE
    ),
    n_bumps=3,
    steepness=20.0,
    grid_points=41,
    names={"n_bumps": ("units",)},
    compare=False,
    draws=True,
)
case(
    AP + "relu_approximation",
    lambda n_units, grid_points: live_approximation.relu_approximation(
        n_units, grid_points=grid_points, **FACE
    ),
    n_units=3,
    grid_points=41,
    names={"n_units": ("units",)},
    compare=False,
    draws=True,
)
case(
    AP + "bump_network",
    lambda **kw: live_approximation.bump_network(**kw).forward(X1[:, None]),
    f=np.sin,
    n_bumps=3,
    steepness=20.0,
    low=-1.0,
    high=1.0,
)
case(
    AP + "relu_network",
    lambda **kw: live_approximation.relu_network(**kw).forward(X1[:, None]),
    f=np.sin,
    n_units=3,
    low=-1.0,
    high=1.0,
)
case(
    AP + "curve_network",
    lambda **kw: live_approximation.curve_network(**kw).forward(X1[:, None]),
    settings=APPROX,
    units=3,
    steepness=20.0,
)
case(AP + "shallow_width_for", live_approximation.shallow_width_for, budget=61)
case(AP + "wavy", live_approximation.wavy, x=X1)
case(
    AP + "width_depth_sizes",
    live_approximation.width_depth_sizes,
    hidden_layers=2,
    width=3,
)
case(
    AP + "width_depth_settings",
    lambda **kw: live_approximation.width_depth_settings(**kw)["x"],
    x_train=X1[:, None],
    y_train=np.sin(3 * X1)[:, None],
    **WD_OPTIONS,
)
case(
    AP + "width_depth_readout",
    live_approximation.width_depth_readout,
    epoch=3,
    epochs=10,
    deep_sizes=[1, 3, 3, 1],
    deep_loss=0.25,
    shallow_sizes=[1, 7, 1],
    shallow_loss=0.5,
)
case(
    AP + "train_width_depth",
    lambda **kw: live_approximation.train_width_depth(**kw),
    settings=WIDTH_DEPTH,
    sizes=[1, 3, 3, 1],
    parameters=[p.tolist() for p in network.Network([1, 3, 3, 1]).copy_parameters()],
    epochs=3,
)
case(
    AP + "width_depth_training",
    lambda x_train, y_train: live_approximation.width_depth_training(
        x_train, y_train, **WD_OPTIONS, **FACE
    ),
    x_train=X1[:, None],
    y_train=np.sin(3 * X1)[:, None],
    compare=False,
    draws=True,
)

# --- live_architecture and live_gradients ------------------------------------------------
AR = "nnbook.live_architecture."
case(
    AR + "architecture_builder",
    lambda **kw: live_architecture.architecture_builder(**kw, **FACE),
    hidden_layers=2,
    width=3,
    inputs=2,
    outputs=1,
    kernel=None,
    compare=False,
    draws=True,
)
case(AR + "architecture_readout", live_architecture.architecture_readout, sizes=[2, 3, 1])
GR = "nnbook.live_gradients."
case(
    GR + "depth_factors",
    live_gradients.depth_factors,
    functions=["sigmoid", "relu"],
    depth=4,
    z=0.5,
)
case(
    GR + "depth_readout",
    live_gradients.depth_readout,
    functions=["sigmoid", "relu"],
    depth=4,
    z=0.5,
)
case(
    GR + "gradient_depth",
    lambda **kw: live_gradients.gradient_depth(**kw, **FACE),
    functions=["sigmoid", "relu"],
    depth=4,
    z=0.5,
    compare=False,
    draws=True,
)
case(
    GR + "softmax_readout",
    live_gradients.softmax_readout,
    logits=np.array([2.0, 1.0, -0.5]),
    temperature=0.5,
)
case(
    GR + "softmax_temperature",
    lambda **kw: live_gradients.softmax_temperature(**kw, **FACE),
    logits=np.array([2.0, 1.0, -0.5]),
    temperature=0.5,
    compare=False,
    draws=True,
)

# --- live_capacity -------------------------------------------------------------------------
CP = "nnbook.live_capacity."
SMALL = dict(largest=4, epochs=3, n_test=10, n_train=8)
FIT = live_capacity.fit_settings("neurons", neurons=2, **SMALL)
case(
    CP + "fit_settings",
    lambda **kw: live_capacity.fit_settings(**kw)["train"],
    vary="l2",
    neurons=2,
    l2=0.001,
    log_range=(-4.0, -1.0),
    noise=0.2,
    function="sine",
    seed=0,
    learning_rate=0.01,
    **SMALL,
    names={"function": ("regression function",)},
)
case(
    CP + "fit_readout",
    live_capacity.fit_readout,
    vary="neurons",
    neurons=3,
    strength=0.001,
    epoch=5,
    train_mse=0.25,
    test_mse=0.5,
    noise_floor=0.09,
    n_points=20,
    diverged=False,
)
case(CP + "format_strength", live_capacity.format_strength, strength=0.0316)
case(CP + "strength_at", live_capacity.strength_at, position=-2.0, log_range=(-5.0, -1.0))
case(CP + "starting_parameters", live_capacity.starting_parameters, settings=FIT, neurons=3)
case(
    CP + "train_fit",
    lambda **kw: {k: v for k, v in live_capacity.train_fit(**kw).items() if k != "network"},
    settings=FIT,
    neurons=2,
    strength=0.001,
    epochs=2,
)
case(
    CP + "capacity_training",
    lambda neurons: live_capacity.capacity_training(neurons, **SMALL, **FACE),
    neurons=2,
    compare=False,
    draws=True,
)
case(
    CP + "l2_training",
    lambda l2: live_capacity.l2_training(l2, **SMALL, **FACE),
    l2=0.001,
    compare=False,
    draws=True,
)

# --- live_neurons --------------------------------------------------------------------------
NE = "nnbook.live_neurons."
case(
    NE + "arrow_placement",
    live_neurons.arrow_placement,
    extent=[-1.0, 2.0, -1.0, 2.0],
    w=[1.0, 0.5],
    b=-0.5,
    scale=1.5,
)
case(NE + "inbox_errors", live_neurons.inbox_errors, w1=1.0, w2=1.0, b=-5.0, n=20, seed=0)
case(
    NE + "neuron_boundary_readout",
    live_neurons.neuron_boundary_readout,
    w1=1.0,
    w2=1.0,
    b=-5.0,
    n=20,
    seed=0,
)
case(
    NE + "neuron_boundary",
    lambda **kw: live_neurons.neuron_boundary(**kw, **FACE),
    w1=1.0,
    w2=1.0,
    b=-5.0,
    n=20,
    seed=0,
    compare=False,
    draws=True,
)
NEURON = dict(x1=0.3, x2=0.8, w1=-0.5, w2=1.25, b=-0.4)
case(NE + "neuron_readout", live_neurons.neuron_readout, **NEURON)
case(
    NE + "neuron",
    lambda **kw: live_neurons.neuron(**kw, **FACE),
    **NEURON,
    compare=False,
    draws=True,
)
PERCEPTRON = dict(gate="or", learning_rate=1.0, max_epochs=5)
case(
    NE + "perceptron_run",
    lambda **kw: live_neurons.perceptron_run(**kw).weights,
    **PERCEPTRON,
    names={"gate": ("logic gate",)},
)
case(NE + "perceptron_mistakes", live_neurons.perceptron_mistakes, visits=3, **PERCEPTRON)
case(NE + "perceptron_readout", live_neurons.perceptron_readout, visits=3, **PERCEPTRON)
case(
    NE + "perceptron_steps",
    lambda **kw: live_neurons.perceptron_steps(**kw, **FACE),
    **PERCEPTRON,
    compare=False,
    draws=True,
)
case(NE + "xor_line_errors", live_neurons.xor_line_errors, theta=30.0, offset=0.5)
case(NE + "xor_line_readout", live_neurons.xor_line_readout, theta=30.0, offset=0.5)
case(
    NE + "xor_line",
    lambda **kw: live_neurons.xor_line(**kw, **FACE),
    theta=30.0,
    offset=0.5,
    compare=False,
    draws=True,
)

# --- live_optimization ---------------------------------------------------------------------
OP = "nnbook.live_optimization."
H = np.array([[2.0, 0.5], [0.5, 1.0]])
BOWL = live_optimization.quadratic_surface(H)
RATES = {"sgd": 0.001, "momentum": 0.001, "adam": 0.01}
CHOICES = {"slow": RATES}
SPECS = {"constant": {"kind": "constant"}, "step": {"kind": "step_decay", "drop": 0.5, "every": 5}}
NOISE = np.random.default_rng(0).normal(scale=0.1, size=(12, 2))
INITIALIZERS = {"He": ("he_normal", None), "small": ("normal", 0.01)}
SPREAD = dict(depth=3, width=8, samples=10)
SPREAD_SETTINGS = live_optimization.spread_settings(INITIALIZERS, **SPREAD)
case(OP + "quadratic_surface", live_optimization.quadratic_surface, hessian=H)
case(OP + "surface_loss", live_optimization.surface_loss, surface=BOWL, w=np.array([1.0, -2.0]))
case(
    OP + "surface_gradient",
    live_optimization.surface_gradient,
    surface=BOWL,
    w=np.array([1.0, -2.0]),
)
case(
    OP + "descend",
    live_optimization.descend,
    optimizer=optimizers.SGD(0.1),  # SGD keeps no state between steps
    surface=BOWL,
    start=(1.0, -2.0),
    steps=5,
)
DESCENT = live_optimization.descend(optimizers.SGD(0.1), BOWL, (1.0, -2.0), 5)
case(
    OP + "descent_readout",
    live_optimization.descent_readout,
    learning_rate=0.1,
    limit=0.8,
    start=(1.0, -2.0),
    run=DESCENT,
    steps=5,
)
case(OP + "loss_text", live_optimization.loss_text, value=108.25, digits=2)
case(
    OP + "descent_settings",
    lambda **kw: live_optimization.descent_settings(**kw)["start"],
    hessian=H,
    start=(1.0, -2.0),
    learning_rate=0.1,
    lr_range=(0.001, 0.3),
    steps=5,
    extent=(-3.0, 3.0, -3.0, 3.0),
    levels=[0.1, 1.0, 10.0],
)
case(
    OP + "descent_surface",
    lambda **kw: live_optimization.descent_surface(**kw, steps=5, **FACE),
    hessian=H,
    start=(1.0, -2.0),
    learning_rate=0.1,
    compare=False,
    draws=True,
)
case(
    OP + "race_runs",
    live_optimization.race_runs,
    rates=RATES,
    start=(-1.5, 2.0),
    steps=5,
    surface=BOWL,
)
case(
    OP + "race_readout",
    live_optimization.race_readout,
    step=3,
    rates=RATES,
    runs=live_optimization.race_runs(RATES, (-1.5, 2.0), 5),
)
case(
    OP + "race_settings",
    lambda **kw: live_optimization.race_settings(**kw)["start"],
    choices=CHOICES,
    start=(-1.5, 2.0),
    steps=5,
    choice=0,
    extent=(-2.0, 2.0, -1.0, 3.0),
    levels=[1.0, 10.0],
    steps_per_frame=2,
)
case(
    OP + "optimizer_race",
    lambda **kw: live_optimization.optimizer_race(**kw, **FACE),
    choices=CHOICES,
    start=(-1.5, 2.0),
    steps=5,
    compare=False,
    draws=True,
)
case(
    OP + "spread_settings",
    lambda **kw: live_optimization.spread_settings(**kw)["initializers"],
    initializers=INITIALIZERS,
    initializer="small",
    activation="relu",
    seed=0,
    **SPREAD,
)
case(
    OP + "spread_weights",
    live_optimization.spread_weights,
    settings=SPREAD_SETTINGS,
    index=1,
)
case(
    OP + "spread_layers",
    live_optimization.spread_layers,
    inputs=np.ones((3, 2)),
    weights=[np.eye(2), 0.5 * np.eye(2)],
    activation="tanh",
)
case(
    OP + "spread_readout",
    live_optimization.spread_readout,
    activation="tanh",
    initializer_label="He",
    stds=[0.5, 0.25],
    skip=("initializer_label",),
)
case(
    OP + "init_spread",
    lambda initializers: live_optimization.init_spread(initializers, **SPREAD, **FACE),
    initializers=INITIALIZERS,
    compare=False,
    draws=True,
)
case(
    OP + "schedule_from_spec",
    lambda spec, peak: live_optimization.schedule_from_spec(spec, peak).values(6),
    spec={"kind": "warmup", "warmupSteps": 2, "then": {"kind": "cosine", "totalSteps": 4}},
    peak=0.1,
)
case(
    OP + "noisy_run",
    live_optimization.noisy_run,
    schedule=live_optimization.schedule_from_spec({"kind": "constant"}, 0.1),
    surface=BOWL,
    start=(1.0, -2.0),
    noise=NOISE,
)
case(OP + "tail_mean", live_optimization.tail_mean, losses=[3.0, 2.0, 1.0, 0.5], tail=2)
case(
    OP + "schedules_readout",
    live_optimization.schedules_readout,
    label="constant",
    peak=0.1,
    losses=[3.0, 2.0, 1.0, 0.5],
    reference=[3.0, 2.5, 2.0, 1.5],
    tail=2,
    skip=("label",),
)
case(
    OP + "schedules_settings",
    lambda **kw: live_optimization.schedules_settings(**kw)["noise"],
    hessian=H,
    specs=SPECS,
    noise=NOISE,
    start=(-4.0, 3.0),
    schedule="step",
    peak=0.1,
    peak_range=(0.02, 0.18),
    tail=4,
)
case(
    OP + "lr_schedules",
    lambda **kw: live_optimization.lr_schedules(**kw, tail=4, **FACE),
    hessian=H,
    specs=SPECS,
    noise=NOISE,
    compare=False,
    draws=True,
)

# --- live_training and live_xor ------------------------------------------------------------
TR = "nnbook.live_training."
DEAD = dict(sizes=(2, 4, 4, 1), n=20, epochs=3)
DEAD_SETTINGS = live_training.dead_units_settings(0.3, **DEAD)
case(
    TR + "dead_units_settings",
    lambda **kw: live_training.dead_units_settings(**kw)["points"],
    learning_rate=0.3,
    lr_range=(0.01, 10.0),
    dataset="moons",
    noise=0.1,
    data_seed=0,
    seed=0,
    batch_size=5,
    epochs_per_frame=1,
    **DEAD,
    names={"dataset": ("data set",)},
)
case(
    TR + "dead_units_readout",
    live_training.dead_units_readout,
    learning_rate=0.3,
    epoch=2,
    dead=3,
    n_hidden=8,
    loss=0.5,
    diverged=False,
)
case(TR + "format_learning_rate", live_training.format_learning_rate, learning_rate=0.03)
case(
    TR + "train_dead_units",
    live_training.train_dead_units,
    settings=DEAD_SETTINGS,
    learning_rates=[0.3, 0.3],
    orders=None,
)
case(
    TR + "dead_units_training",
    lambda learning_rate: live_training.dead_units_training(learning_rate, **DEAD, **FACE),
    learning_rate=0.3,
    compare=False,
    draws=True,
)
XO = "nnbook.live_xor."
XOR_POINTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_LABELS = np.array([0, 1, 1, 0])
XOR_OPTIONS = dict(sizes=(2, 2, 1), epochs=4)
XOR = live_xor.training_settings(XOR_POINTS, XOR_LABELS, **XOR_OPTIONS)
case(
    XO + "training_settings",
    lambda **kw: live_xor.training_settings(**kw)["parameters"],
    points=XOR_POINTS,
    labels=XOR_LABELS,
    activation="tanh",
    seed=1,
    optimizer="adam",
    learning_rate=0.05,
    epochs_per_frame=1,
    padding=0.6,
    **XOR_OPTIONS,
)
case(
    XO + "train_like_the_page",
    lambda **kw: live_xor.train_like_the_page(**kw)["loss"],
    settings=XOR,
    epochs=2,
)
case(XO + "fold_extent", live_xor.fold_extent, settings=XOR, padding=0.4)
for readout in ("fold_readout", "xor_training_readout"):
    case(XO + readout, getattr(live_xor, readout), epoch=2, epochs=4, loss=0.5, wrong=1, n=4)
for component_function in (live_xor.xor_training, live_xor.xor_fold):
    case(
        XO + component_function.__name__,
        lambda points, labels, f=component_function: f(points, labels, **XOR_OPTIONS, **FACE),
        points=XOR_POINTS,
        labels=XOR_LABELS,
        compare=False,
        draws=True,
    )

# --- plotting --------------------------------------------------------------------------------
PL = "nnbook.plotting."
XY = np.array([[0.0, 0.0], [1.0, 0.5], [0.5, 1.0], [1.0, 1.0]])
XY_LABELS = np.array([0, 1, 1, 0])
NET = network.Network([2, 3, 2], activation="tanh", seed=0)
IMAGE = np.random.default_rng(0).integers(0, 256, size=(4, 5, 3)).astype(np.uint8)
PNG = dict(compare=False)


def _picture(draw):
    """Call a drawing function on a small figure of its own, then let it go."""

    def call(**kw):
        fig, ax = plotting.new_figure(figsize=(2, 2))
        try:
            draw(ax=ax, **kw)
        finally:
            plt.close(fig)

    return call


case(PL + "array_to_png", plotting.array_to_png, image=IMAGE, colors=8, scale=2, **PNG)
case(
    PL + "encode_png", plotting.encode_png, image=Image.fromarray(IMAGE), colors=8, fast=True, **PNG
)
case(
    PL + "figure_to_png",
    plotting.figure_to_png,
    fig=Figure(figsize=(1, 1)),
    dpi=20,
    colors=16,
    close=True,
    names={"fig": ("figure",)},
    **PNG,
)
case(PL + "hex_to_rgb", plotting.hex_to_rgb, color="#0072B2")
case(
    PL + "decision_map_rgb",
    plotting.decision_map_rgb,
    probabilities=NET.predict_proba(XY),
    colors=["#0072B2", "#D55E00"],
    strength=0.6,
)
case(
    PL + "make_grid", lambda **kw: plotting.make_grid(**kw).points, X=XY, resolution=4, padding=0.5
)
case(
    PL + "predict_grid",
    lambda model_or_fn, resolution: plotting.predict_grid(
        model_or_fn, plotting.make_grid(XY, resolution)
    ),
    model_or_fn=NET,
    resolution=4,
)
case(
    PL + "decision_map",
    _picture(plotting.decision_map),
    model_or_fn=NET,
    X=XY,
    y=XY_LABELS,
    resolution=8,
    padding=0.5,
    title="map",
    skip=("title",),
)
case(
    PL + "draw_network",
    _picture(plotting.draw_network),
    layer_sizes=[2, 3, 1],
    weights=None,
    title="net",
    max_units=5,
    skip=("title",),
)
case(
    PL + "line_plot",
    _picture(plotting.line_plot),
    x=np.arange(4.0),
    series={"a": [1.0, 2.0, 0.5, 1.0]},
    title="lines",
    skip=("title", "xlabel", "ylabel"),
)
case(
    PL + "scatter_data",
    _picture(plotting.scatter_data),
    X=XY,
    y=XY_LABELS,
    class_names=["no", "yes"],
    size=20.0,
    title="dots",
    skip=("title",),
)
case(
    PL + "plot_activation",
    _picture(plotting.plot_activation),
    name="tanh",
    z_range=(-2.0, 2.0),
    derivative=True,
    points=21,
    names={"name": ("activation",)},
)
HISTORY = training.fit(
    network.Network([2, 3, 1], seed=0), XY, XY_LABELS, epochs=3, learning_rate=0.1, seed=0
)
case(
    PL + "plot_history",
    lambda history, title: plt.close(
        np.atleast_1d(plotting.plot_history(history, title=title))[0].figure
    ),
    history=HISTORY,
    title="history",
    skip=("title",),
)
case(
    PL + "new_figure",
    lambda **kw: plt.close(plotting.new_figure(**kw)[0]),
    nrows=1,
    ncols=2,
    figsize=(2.0, 1.0),
    layout="constrained",
)

# --- side_by_side ---------------------------------------------------------------------------
case(
    "nnbook.side_by_side.fit_side_by_side",
    lambda **kw: [net.copy_parameters() for net in side_by_side.fit_side_by_side(**kw)],
    sizes=[1, 3, 1],
    seeds=[0, 1],
    X=X1[:, None],
    y=np.sin(3 * X1)[:, None],
    epochs=3,
    learning_rate=0.01,
    l2=0.001,
)

# --- live_gradcheck ---------------------------------------------------------------------------
GC = "nnbook.live_gradcheck."
GC_X = np.array([[0.5, -1.0], [1.5, 0.25], [-0.75, 0.5], [0.1, 0.9]])
GC_Y = np.array([0, 1, 1, 0])


def gradcheck_network():
    return network.Network([2, 3, 2], activation="tanh", seed=0)


GC_CASE = {"X": GC_X, "y": GC_Y, "loss": "categorical_cross_entropy"}
case(
    GC + "first_layer_gradients",
    lambda **kw: live_gradcheck.first_layer_gradients(gradcheck_network(), **kw),
    **GC_CASE,
)
case(
    GC + "check_errors",
    lambda **kw: live_gradcheck.check_errors(gradcheck_network(), **kw),
    epsilons=[1e-3, 1e-6],
    **GC_CASE,
    names={"epsilons": ("epsilon",)},
)
case(
    GC + "gradcheck_readout",
    live_gradcheck.gradcheck_readout,
    epsilon=1e-6,
    k=6.0,
    correct=1e-9,
    buggy=0.3,
)
case(
    GC + "gradcheck_settings",
    lambda **kw: live_gradcheck.gradcheck_settings(gradcheck_network(), **kw),
    k=6.0,
    k_range=(1.0, 12.0),
    title="check",
    skip=("title",),
    compare=False,
    **GC_CASE,
)
case(GC + "page_epsilon", live_gradcheck.page_epsilon, k=6.0)
case(
    GC + "gradient_check",
    lambda **kw: live_gradcheck.gradient_check(gradcheck_network(), GC_X, GC_Y, **kw),
    k=6.0,
    as_html=True,
    compare=False,
    draws=True,
)


# --- quiz_html: the quiz texts of both faces and the static page's quiz ----------------------
QH = "nnbook.quiz_html."
SINGLE = quiz.SingleChoice("Pick $x$", ["a", "*b*"], 0, ["Right. It is a.", "No."])
MULTIPLE = quiz.MultipleChoice("Mark", ["a", "b", "c"], [0, 2], ["Yes: a.", "b.", "c."])
NUMERIC = quiz.Numeric(
    prompt="What is 1/4?",
    answer=lambda: float(np.divide(1, 4)),
    explanation="One over **four**.",
    tolerance=0.01,
)
QUIZ = quiz_html.quiz_settings([SINGLE, NUMERIC], title="Two questions")
for function in ("answer_html", "entry_placeholder"):
    case(QH + function, getattr(quiz_html, function), question=NUMERIC)
for function in ("grading_data", "fingerprint"):
    case(QH + function, getattr(quiz_html, function), question=MULTIPLE)
case(
    QH + "option_feedback",
    lambda question, index: quiz_html.option_feedback(question, index).as_dict(),
    question=SINGLE,
    index=1,
    names={"index": ("option",)},
)
case(
    QH + "mark_feedback",
    lambda **kw: quiz_html.mark_feedback(**kw).as_dict(),
    question=MULTIPLE,
    index=1,
    marked_applies=True,
    names={"index": ("option",)},
)
case(
    QH + "question_settings",
    lambda question, key, heading: quiz_html.question_settings(question, key=key, heading=heading),
    question=SINGLE,
    key="q1",
    heading="Question 1.",
)
case(
    QH + "quiz_settings",
    lambda questions, role, title, chapter: quiz_html.quiz_settings(
        questions, role=role, title=title, chapter=chapter
    ),
    questions=[SINGLE, NUMERIC],
    role="chapter",
    title="Two questions",
    chapter=3,
    names={"questions": ("question",)},
)
case(QH + "fallback_html", quiz_html.fallback_html, settings=QUIZ, names={"settings": ("quiz",)})
case(QH + "rich_text", quiz_html.rich_text, text="**bold**, *emphasis* and $x*y$")
# These two convert the math with KaTeX in Node (a fraction of a second per call).
case(
    QH + "settings_with_mathml",
    quiz_html.settings_with_mathml,
    settings=QUIZ,
    names={"settings": ("quiz",)},
)
case(
    QH + "quiz_component",
    lambda questions, role, title, chapter: quiz_html.quiz_component(
        questions, role=role, title=title, chapter=chapter
    ),
    questions=[SINGLE],
    role="question",
    title="",
    chapter=None,
    names={"questions": ("question",)},
    compare=False,
)

# --- mathml: LaTeX to MathML with KaTeX in Node, at build time ---------------------------------
# A bad expression costs one run of Node (a tenth of a second); the valid ones are cached.
MM = "nnbook.mathml."
LATEX_WORDS = ("KaTeX", "LaTeX")
case(
    MM + "convert",
    mathml.convert,
    expressions=[("x^2", False), ("\\frac{a}{b}", True)],
    names={"expressions": ("expression", *LATEX_WORDS)},
)
case(
    MM + "mathml",
    mathml.mathml,
    tex="\\mathbf{W} x + b",
    display=False,
    names={"tex": LATEX_WORDS},
)
case(
    MM + "html_with_mathml",
    mathml.html_with_mathml,
    texts=["a $y_1$ b", "no math", "$$z$$"],
    names={"texts": ("text", *LATEX_WORDS)},
)
case(MM + "core_mathml", mathml.core_mathml, markup='<mi mathvariant="bold">W</mi>')
case(
    MM + "labelled",
    mathml.labelled,
    markup="<math><semantics><msub><mi>x</mi><mn>1</mn></msub>"
    '<annotation encoding="application/x-tex">x_1</annotation></semantics></math>',
)
case(MM + "variant_character", mathml.variant_character, character="W", variant="bold")

# --- the playground's static page and pictures ----------------------------------------------
PG = "nnbook.playground.page."
PAGE = engine.PlaygroundSettings(n_samples=page.PAGE_SAMPLES)
SMALL_RUN = engine.PlaygroundSettings(n_samples=40)
case(PG + "page_settings", page.page_settings, settings=PAGE)
case(
    PG + "fallback_html",
    page.fallback_html,
    settings=SMALL_RUN,
    epochs=2,
    compare=False,
    draws=True,
)
case(
    PG + "static_playground",
    page.static_playground,
    settings=engine.PlaygroundSettings(n_samples=page.PAGE_SAMPLES, batch_size=100),
    compare=False,
    draws=True,
)
PI = "nnbook.playground.pictures."


def _engine(epochs=1):
    """A small playground, trained a little (built afresh for every call)."""
    playground = engine.Playground(n_samples=40)
    playground.step(epochs)
    return playground


def _with_engine(draw):
    """``draw`` called with a fresh small engine where the case's ``engine`` is None."""

    def call(engine=None, **kw):
        return draw(_engine() if engine is None else engine, **kw)

    return call


def _array_of(image):
    """A PIL picture as its pixels (numbers the judge can read)."""
    return np.asarray(image)


case(PI + "decision_rgb", pictures.decision_rgb, probabilities=np.full((4, 4), 0.25))
case(
    PI + "decision_image",
    lambda **kw: _array_of(_with_engine(pictures.decision_image)(**kw)),
    engine=None,
    size=24,
    probabilities=None,
    smooth=True,
)
case(
    PI + "live_frame_png",
    lambda **kw: _with_engine(pictures.live_frame_png)(**kw),
    engine=None,
    size=24,
    compare=False,
)
case(
    PI + "loss_curve_image",
    lambda **kw: _array_of(pictures.loss_curve_image(**kw)),
    train_losses=[0.7, 0.5, 0.4],
    test_losses=[0.75, 0.6, 0.55],
    width=60,
    height=30,
    crisp_text=False,
)
MAPS = [np.linspace(-1, 1, 2 * 3 * 3).reshape(3, 3, 2)]
case(
    PI + "neuron_maps_image",
    lambda **kw: _array_of(pictures.neuron_maps_image(**kw)),
    maps=MAPS,
    tile=6,
    gap=2,
    dead=[np.array([False, True])],
    empty_text="no hidden layer",
    skip=("empty_text",),
)
case(
    PI + "png_bytes",
    pictures.png_bytes,
    image=Image.fromarray(IMAGE),
    small=True,
    colours=24,
    compare=False,
)
case(
    PI + "preset_picture",
    lambda engine, state, size: _array_of(
        pictures.preset_picture(
            _engine() if engine is None else engine,
            _engine().state if state is None else state,
            size,
        )
    ),
    engine=None,
    state=None,
    size=40,
)
