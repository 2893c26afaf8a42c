"""Every public entry point of nnlib and of the toolkit's input-facing modules, fed
generated bad values: the answer is a clear error naming the argument, or a finite and
correct result (see tests/bad_input.py for what counts). The list of entry points is
read from the modules themselves, so a new public function without a case fails
``test_every_public_entry_point_has_a_case``.

Run ``python tests/test_bad_input.py`` to print the number of entry points covered.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil

import bad_input_toolkit
import numpy as np
import pytest
from bad_input import Case, bad_values, judge, numbers_in, run_quietly
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from nnbook import quiz, widgets
from nnbook.playground import engine
from nnlib import (
    activations,
    datasets,
    gradcheck,
    initializers,
    layers,
    losses,
    network,
    neurons,
    optimizers,
    regularization,
    schedules,
    seeding,
    training,
)

# Modules whose every public callable needs a case, and the names read from them.
MODULES = [
    "nnlib.activations",
    "nnlib.layers",
    "nnlib.network",
    "nnlib.losses",
    "nnlib.training",
    "nnlib.gradcheck",
    "nnlib.seeding",
    "nnlib.datasets",
    "nnlib.initializers",
    "nnlib.neurons",
    "nnlib.optimizers",
    "nnlib.regularization",
    "nnlib.schedules",
    "nnbook.quiz",
    "nnbook.playground.engine",
    *bad_input_toolkit.MODULES,  # the live components and the helpers they draw with
]
# From the widget module, the controls a chapter author configures (the views are
# built from checked quiz objects and controls, so their inputs are already checked).
WIDGET_CONTROLS = ["FloatRange", "IntRange", "Choice", "static_control", "explorable"]

# The hot paths, documented as checking nothing: every ``*_unchecked`` method and
# function (each has a checked public twin with a case), and the trainer's per-batch
# step, which works on the arrays the Trainer checked when it was built.
HOT_PATHS = {"nnlib.training.Trainer.step", "nnlib.training.Trainer.compute_gradients"}


def _is_hot_path(qualified: str) -> bool:
    return qualified.endswith("_unchecked") or qualified in HOT_PATHS


# Plain records the library fills in and readers only read: nothing to check.
RECORDS = {
    "nnlib.training.History",
    "nnlib.training.TrainingDiverged",
    "nnlib.training.TrainingWorseThanGuessing",
    "nnlib.neurons.PerceptronResult",
    "nnlib.neurons.PerceptronUpdate",
    "nnbook.quiz.Feedback",
    "nnbook.playground.engine.PlaygroundState",
    *bad_input_toolkit.RECORDS,
}


def public_entry_points() -> list[str]:
    """Qualified names of public functions, classes and methods that take arguments."""
    found = []
    for module_name in MODULES + ["nnbook.widgets"]:
        module = importlib.import_module(module_name)
        names = getattr(module, "__all__", None) or [n for n in dir(module) if n[0] != "_"]
        if module_name == "nnbook.widgets":
            names = WIDGET_CONTROLS
        for name in names:
            obj = getattr(module, name)
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            if obj.__module__ != module_name:
                continue  # imported from elsewhere; covered where it is defined
            qualified = f"{module_name}.{name}"
            if qualified in RECORDS:
                continue
            if _takes_arguments(obj) and not _is_hot_path(qualified):
                found.append(qualified)
            if inspect.isclass(obj):
                for method_name, method in vars(obj).items():
                    if isinstance(method, (classmethod, staticmethod)):
                        method = method.__func__
                    if method_name[0] != "_" and inspect.isfunction(method):
                        method_qualified = f"{qualified}.{method_name}"
                        if _takes_arguments(method) and not _is_hot_path(method_qualified):
                            found.append(method_qualified)
    return sorted(found)


def _takes_arguments(obj) -> bool:
    try:
        parameters = inspect.signature(obj).parameters
    except (TypeError, ValueError):
        return False
    return any(name not in ("self", "cls") for name in parameters)


# ----------------------------------------------------------------------------------
# The cases: one valid call per entry point
# ----------------------------------------------------------------------------------

X2 = np.array([[0.5, -1.0], [1.5, 0.25], [-0.5, 0.75], [1.0, 1.0]])
LABELS = np.array([0, 1, 0, 1])
CASES: dict[str, Case] = {}


def case(entry: str, call, /, **valid):
    names = valid.pop("names", {})
    skip = valid.pop("skip", ())
    compare = valid.pop("compare", True)
    CASES[entry] = Case(call, valid, names, skip, compare)


# --- activations -----------------------------------------------------------------------
A = "nnlib.activations."
Z = np.array([[-2.0, -0.5, 0.0], [0.25, 1.0, 3.0]])
for function in (
    "step",
    "linear",
    "sigmoid",
    "tanh",
    "relu",
    "gelu",
    "gelu_tanh",
    "silu",
    "swish",
    "softplus",
):
    case(A + function, getattr(activations, function), z=Z)
case(A + "leaky_relu", activations.leaky_relu, z=Z, alpha=0.1)
case(A + "elu", activations.elu, z=Z, alpha=1.0)
case(A + "softmax", activations.softmax, z=Z, temperature=2.0, axis=1)
case(A + "log_softmax", activations.log_softmax, z=Z, axis=1)
case(A + "erf", activations.erf, x=Z)
case(A + "erfc", activations.erfc, x=Z)
case(
    A + "get_activation",
    lambda name_or_activation: activations.get_activation(name_or_activation)(Z),
    name_or_activation="tanh",
    names={"name_or_activation": ("activation",)},
)
case(A + "ELU", lambda alpha: activations.ELU(alpha)(Z), alpha=0.5)
case(A + "LeakyReLU", lambda alpha: activations.LeakyReLU(alpha)(Z), alpha=0.1)
case(
    A + "Softmax",
    lambda temperature, axis: activations.Softmax(temperature, axis)(Z),
    temperature=2.0,
    axis=1,
)
for class_name in activations.__all__:
    activation_class = getattr(activations, class_name)
    if not (
        inspect.isclass(activation_class) and issubclass(activation_class, activations.Activation)
    ):
        continue
    # the base class has no formula of its own: its methods are exercised through Tanh
    instance = (
        activations.Tanh() if activation_class is activations.Activation else activation_class()
    )
    for method in ("derivative", "jacobian"):
        if method in vars(activation_class):
            case(f"{A}{class_name}.{method}", getattr(instance, method), z=Z)
    if "backward" in vars(activation_class):
        case(
            f"{A}{class_name}.backward",
            instance.backward,
            z=Z,
            a=np.tanh(Z),
            grad_a=np.ones_like(Z),
        )

# --- layers and networks ---------------------------------------------------------------
L = "nnlib.layers."
X3 = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5], [-0.5, 0.75, 1.0], [1.0, 1.0, 0.0]])
case(
    L + "Dense",
    lambda **kw: layers.Dense(**kw).forward(X3),
    n_inputs=3,
    n_outputs=2,
    activation="tanh",
    initializer="he_normal",
    seed=0,
    names={"n_inputs": ("inputs",), "activation": ("activation",), "initializer": ("initializer",)},
)
case(
    L + "Dense.forward",
    lambda X, training: layers.Dense(3, 2, "tanh").forward(X, training),
    X=X3,
    training=False,
)


def _dense_backward(dA, input_gradient):
    layer = layers.Dense(3, 2, "sigmoid")
    layer.forward(X3)
    return layer.backward(dA, input_gradient), layer.dW, layer.db


case(L + "Dense.backward", _dense_backward, dA=np.ones((4, 2)), input_gradient=True)

NW = "nnlib.network."


def _net():
    return network.Network([3, 4, 2], activation="tanh", seed=0)


case(
    NW + "Network",
    lambda **kw: network.Network(**kw).forward(X3),
    layer_sizes=[3, 4, 2],
    activation="relu",
    output_activation="linear",
    initializer="he_normal",
    dropout=0.2,
    seed=0,
    names={"layer_sizes": ("layer_sizes[0]", "layer_sizes[1]", "layer_sizes[2]", "inputs")},
)
case(NW + "Network.forward", lambda X, training: _net().forward(X, training), X=X3, training=False)


def _network_backward(d_output, input_gradient):
    net = _net()
    net.forward(X3)
    return net.backward(d_output, input_gradient), net.gradients()


case(NW + "Network.backward", _network_backward, d_output=np.ones((4, 2)), input_gradient=True)
case(
    NW + "Network.set_parameters",
    lambda values: (_net().set_parameters(values), values)[1],
    values=_net().copy_parameters(),
)
for method in ("predict_proba", "predict", "hidden_activations", "dead_unit_mask", "dead_units"):
    case(f"{NW}Network.{method}", lambda X, method=method: getattr(_net(), method)(X), X=X3)
case(NW + "Network.classify", lambda output: _net().classify(output), output=_net().forward(X3))

# --- losses ------------------------------------------------------------------------------
LO = "nnlib.losses."
LOGITS = np.array([[2.0, -1.0], [0.5, 0.5], [-1.0, 3.0]])
PROBABILITIES = np.array([[0.7, 0.3], [0.5, 0.5], [0.1, 0.9]])
COLUMN = np.array([[1.5], [-0.5], [0.25]])
BITS = np.array([1.0, 0.0, 1.0])
ONE_HOT = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
LOSS_WORDS = {"output": ("output",), "target": ("target",)}
loss_examples = {
    "MeanSquaredError": (losses.MeanSquaredError(), COLUMN, np.array([[1.0], [0.0], [0.5]])),
    "BinaryCrossEntropy": (losses.BinaryCrossEntropy(), COLUMN, BITS),
    "CategoricalCrossEntropy": (losses.CategoricalCrossEntropy(), LOGITS, ONE_HOT),
    "Loss": (losses.CategoricalCrossEntropy(from_logits=False), PROBABILITIES, ONE_HOT),
}
for class_name, (loss, output, target) in loss_examples.items():
    for method in ("check", "gradient", "value_and_gradient"):
        if method in vars(getattr(losses, class_name)):
            case(f"{LO}{class_name}.{method}", getattr(loss, method), output=output, target=target)
for class_name in ("BinaryCrossEntropy", "CategoricalCrossEntropy"):
    loss_class = getattr(losses, class_name)
    output, target = (
        (PROBABILITIES, ONE_HOT) if class_name[0] == "C" else (np.array([0.2, 0.9, 0.6]), BITS)
    )
    case(
        LO + class_name,
        lambda from_logits, c=loss_class, o=output, t=target: c(from_logits)(o, t),
        from_logits=False,
    )
case(LO + "mean_squared_error", losses.mean_squared_error, output=COLUMN, target=COLUMN * 2)
case(
    LO + "binary_cross_entropy",
    losses.binary_cross_entropy,
    probabilities=np.array([0.2, 0.9, 0.6]),
    target=BITS,
    names={"probabilities": ("output",)},
)
case(
    LO + "binary_cross_entropy_with_logits",
    losses.binary_cross_entropy_with_logits,
    logits=COLUMN,
    target=BITS,
    names={"logits": ("output",)},
)
case(
    LO + "categorical_cross_entropy",
    losses.categorical_cross_entropy,
    logits=LOGITS,
    target=np.array([0, 1, 1]),
    names={"logits": ("output",)},
)
case(
    LO + "get_loss",
    lambda name_or_loss: losses.get_loss(name_or_loss)(LOGITS, ONE_HOT),
    name_or_loss="cross_entropy",
    names={"name_or_loss": ("loss",)},
)

# --- training and gradient checks --------------------------------------------------------
T = "nnlib.training."
TRAINING_WORDS = {
    "X": ("X_train",),
    "y": ("y_train", "labels", "target"),
    "X_train": ("X_train",),
    "y_train": ("y_train",),
    "learning_rate": ("learning rate",),
    "network": ("network",),
    "optimizer": ("optimizer",),
    "loss": ("loss", "binary cross-entropy", "cross-entropy"),
}
FIT = dict(
    loss="auto", optimizer="adam", learning_rate=0.05, batch_size=2, l1=0.001, l2=0.001, seed=0
)


def _fit(**kw):
    history = training.fit(network.Network([3, 4, 1], activation="tanh", seed=0), **kw)
    return history.train_loss


case(T + "fit", _fit, X=X3, y=np.array([0, 1, 1, 0]), epochs=3, **FIT, names=TRAINING_WORDS)


def _trainer(**kw):
    trainer = training.Trainer(network.Network([3, 4, 1], activation="tanh", seed=0), **kw)
    return trainer.run(2).train_loss


case(
    T + "Trainer",
    _trainer,
    X_train=X3,
    y_train=np.array([0, 1, 1, 0]),
    X_test=X3[:2],
    y_test=np.array([0, 1]),
    early_stopping_patience=2,
    **FIT,
    names=dict(TRAINING_WORDS, X_test=("X_test",), y_test=("y_test",)),
)


def _a_trainer():
    return training.Trainer(network.Network([3, 4, 1], activation="tanh", seed=0), X3, [0, 1, 1, 0])


case(T + "Trainer.run", lambda epochs: _a_trainer().run(epochs).train_loss, epochs=2)
case(
    T + "Trainer.evaluate", lambda X, y: _a_trainer().evaluate(X, y), X=X3, y=np.array([1, 1, 0, 0])
)

G = "nnlib.gradcheck."
case(
    G + "numerical_gradient",
    gradcheck.numerical_gradient,
    f=lambda x: float(np.sum(x**2)),
    x=np.array([1.0, 2.0]),
    epsilon=1e-6,
)
case(G + "relative_error", gradcheck.relative_error, a=np.array([1.0, 2.0]), b=np.array([1.0, 2.1]))
case(
    G + "check_gradients",
    lambda **kw: gradcheck.check_gradients(network.Network([3, 4, 1], activation="tanh"), **kw),
    X=X3,
    y=np.array([0, 1, 1, 0]),
    loss="auto",
    l1=0.01,
    l2=0.01,
    epsilon=1e-6,
    names=TRAINING_WORDS,
)
case(
    G + "check_layer_gradients",
    lambda X, seed, epsilon: gradcheck.check_layer_gradients(
        layers.Dense(3, 2, "tanh"), X, seed, epsilon
    ),
    X=X3,
    seed=0,
    epsilon=1e-6,
)
case(
    "nnlib.seeding.as_generator",
    lambda seed: seeding.as_generator(seed).integers(0, 100, size=3),
    seed=0,
)

# --- datasets ------------------------------------------------------------------------
D = "nnlib.datasets."
for generator in (datasets.circles, datasets.xor_clouds, datasets.gaussian_blobs, datasets.moons):
    case(D + generator.__name__, generator, n=20, noise=0.1, seed=0)
case(D + "spiral", datasets.spiral, n=20, arms=2, noise=0.1, seed=0)
case(D + "spam_inbox", datasets.spam_inbox, n=20, seed=0)
case(D + "logic_gate", datasets.logic_gate, name="xor", names={"name": ("logic gate",)})
case(
    D + "make_dataset",
    datasets.make_dataset,
    name="moons",
    n=20,
    noise=0.1,
    seed=0,
    names={"name": ("data set",)},
)
case(
    D + "regression_curve",
    datasets.regression_curve,
    function="sine",
    x=np.linspace(-1, 1, 5),
    names={"function": ("regression function",)},
)
case(
    D + "regression_1d",
    datasets.regression_1d,
    n=20,
    function="wavy",
    noise=0.1,
    seed=0,
    names={"function": ("regression function",)},
)
case(
    D + "train_test_split",
    datasets.train_test_split,
    X=X2,
    y=LABELS,
    test_fraction=0.5,
    seed=0,
)
case(
    D + "add_features",
    datasets.add_features,
    X=X2,
    features=["x1", "x1*x2"],
    names={"features": ("feature",)},
)
case(D + "load_digits", datasets.load_digits, test_fraction=0.2, seed=0)

# --- initializers ----------------------------------------------------------------------
INIT = "nnlib.initializers."
case(INIT + "constant", initializers.constant, value=0.5)
case(INIT + "normal", initializers.normal, std=0.1)
case(INIT + "fans", initializers.fans, shape=(3, 4))
case(
    INIT + "get_initializer",
    lambda name_or_initializer: initializers.get_initializer(name_or_initializer)((2, 3), 0),
    name_or_initializer="he_normal",
    names={"name_or_initializer": ("initializer",)},
)
case(
    INIT + "Initializer",
    lambda name, draw, scale: initializers.Initializer(name, draw, scale)((2, 3), 0),
    name="mine",
    draw=lambda rng, shape, scale: rng.normal(0.0, scale, size=shape),
    scale=lambda shape: 0.1,
    skip=("name",),  # a label, any text will do
)
case(
    INIT + "Initializer.scale",
    lambda shape: initializers.xavier_uniform().scale(shape),
    shape=(3, 4),
)

# --- neurons -------------------------------------------------------------------------
N = "nnlib.neurons."
case(
    N + "Neuron",
    lambda weights, bias, activation: neurons.Neuron(weights, bias, activation)(X2),
    weights=np.array([1.0, -2.0]),
    bias=0.5,
    activation="sigmoid",
    names={"weights": ("inputs",)},  # too few weights for X: "this unit has 1 inputs"
)
case(N + "Neuron.weighted_sum", lambda X: neurons.Neuron([1.0, -2.0], 0.5).weighted_sum(X), X=X2)
BINARY = np.array([[0, 1], [1, 1], [0, 0]], dtype=np.float64)
case(
    N + "McCullochPittsUnit",
    lambda weights, threshold, inhibitory: neurons.McCullochPittsUnit(
        weights, threshold, inhibitory
    )(BINARY),
    weights=np.array([1.0, 1.0]),
    threshold=2.0,
    inhibitory=(),
    names={"weights": ("inputs",)},
)
case(
    N + "McCullochPittsUnit.weighted_sum",
    lambda X: neurons.mp_and().weighted_sum(X),
    X=BINARY,
    names={"X": ("McCulloch-Pitts inputs",)},
)
case(N + "mp_and", lambda n_inputs: neurons.mp_and(n_inputs).truth_table(), n_inputs=2)
case(N + "mp_or", lambda n_inputs: neurons.mp_or(n_inputs).truth_table(), n_inputs=3)
case(
    N + "Perceptron",
    lambda n_inputs, learning_rate, seed: neurons.Perceptron(n_inputs, learning_rate, seed).fit(
        X2, LABELS, max_epochs=3
    ),
    n_inputs=2,
    learning_rate=0.5,
    seed=0,
)
case(N + "Perceptron.weighted_sum", lambda X: neurons.Perceptron(2).weighted_sum(X), X=X2)
case(N + "Perceptron.predict", lambda X: neurons.Perceptron(2).predict(X), X=X2)
case(
    N + "Perceptron.update",
    lambda x, target: neurons.Perceptron(2).update(x, target),
    x=np.array([0.5, -1.0]),
    target=1,
    names={"x": ("X",)},
)
case(
    N + "Perceptron.fit",
    lambda X, y, max_epochs, shuffle_seed: neurons.Perceptron(2).fit(
        X, y, max_epochs, shuffle_seed
    ),
    X=X2,
    y=LABELS,
    max_epochs=3,
    shuffle_seed=0,
    names={"y": ("labels",)},
)

# --- optimizers ----------------------------------------------------------------------
OPT = "nnlib.optimizers."


def _one_step(optimizer_class, **options):
    def call(parameters=None, gradients=None, **overrides):
        optimizer = optimizer_class(**dict(options, **overrides))
        parameters = [np.ones((2, 3)), np.zeros(3)] if parameters is None else parameters
        gradients = [np.full((2, 3), 0.5), np.ones(3)] if gradients is None else gradients
        optimizer.step(parameters, gradients)
        return parameters

    return call


case(OPT + "SGD", _one_step(optimizers.SGD), learning_rate=0.1)
case(OPT + "Momentum", _one_step(optimizers.Momentum), learning_rate=0.1, momentum=0.9)
case(
    OPT + "Adam",
    _one_step(optimizers.Adam),
    learning_rate=0.01,
    beta1=0.9,
    beta2=0.999,
    epsilon=1e-8,
)
case(
    OPT + "Optimizer", lambda learning_rate: optimizers.Optimizer(learning_rate), learning_rate=0.1
)
case(
    OPT + "Optimizer.step",
    _one_step(optimizers.SGD),
    parameters=[np.ones((2, 3)), np.zeros(3)],
    gradients=[np.full((2, 3), 0.5), np.ones(3)],
)
case(
    OPT + "get_optimizer",
    lambda name, learning_rate: _one_step(lambda **o: optimizers.get_optimizer(name, **o))(
        learning_rate=learning_rate
    ),
    name="momentum",
    learning_rate=0.1,
    names={"name": ("optimizer",)},
)

# --- regularization --------------------------------------------------------------------
R = "nnlib.regularization."
W = np.array([[0.5, -1.0, 0.0], [2.0, 0.25, -0.75]])
case(R + "l1_penalty", regularization.l1_penalty, weights=[W, W.T.copy()], strength=0.1)
case(R + "l2_penalty", regularization.l2_penalty, weights=[W, W.T.copy()], strength=0.1)
case(R + "l1_gradient", regularization.l1_gradient, W=W, strength=0.1)
case(R + "l2_gradient", regularization.l2_gradient, W=W, strength=0.1)
case(
    R + "Dropout",
    lambda rate, seed: regularization.Dropout(rate, seed).forward(W, training=True),
    rate=0.5,
    seed=0,
)
case(
    R + "Dropout.forward",
    lambda X, training: regularization.Dropout(0.5, seed=0).forward(X, training),
    X=W,
    training=True,
)


def _dropout_backward(dA):
    dropout = regularization.Dropout(0.5, seed=0)
    dropout.forward(W, training=True)
    return dropout.backward(dA)


case(R + "Dropout.backward", _dropout_backward, dA=np.ones_like(W))

# --- schedules -----------------------------------------------------------------------
S = "nnlib.schedules."
case(S + "constant", lambda lr: schedules.constant(lr).values(4), lr=0.1)
case(
    S + "step_decay",
    lambda lr, drop, every: schedules.step_decay(lr, drop, every).values(4),
    lr=0.1,
    drop=0.5,
    every=2,
)
case(
    S + "cosine",
    lambda lr, total_steps, minimum: schedules.cosine(lr, total_steps, minimum).values(4),
    lr=0.1,
    total_steps=3,
    minimum=0.01,
)
case(
    S + "warmup",
    lambda lr, warmup_steps, then: schedules.warmup(lr, warmup_steps, then).values(4),
    lr=0.1,
    warmup_steps=2,
    then=schedules.constant(0.05),
)
case(
    S + "Schedule",
    lambda rate, description: schedules.Schedule(rate, description).values(3),
    rate=lambda step: 0.1 / (step + 1),
    description="harmonic",
    skip=("rate", "description"),  # any callable and any label are accepted as given
)
case(S + "Schedule.values", lambda n_steps: schedules.constant(0.1).values(n_steps), n_steps=3)

# --- the quiz ------------------------------------------------------------------------
Q = "nnbook.quiz."


def _numeric(**changes):
    options = dict(
        prompt="What is 1/4?",
        answer=lambda: float(np.divide(1, 4)),
        explanation="One over four.",
        tolerance=0.01,
    )
    options.update(changes)
    return quiz.Numeric(**options)


case(Q + "parse_number", quiz.parse_number, text="1/4", names={"text": ("number", "Type")})
case(Q + "format_number", quiz.format_number, value=0.25, digits=3)
case(Q + "computed_by_code", quiz.computed_by_code, function=lambda: float(np.sqrt(2.0)))
case(
    Q + "Numeric",
    lambda **kw: quiz.grade(_numeric(**kw), "0.25").correct,
    tolerance=0.01,
    explanation="One over four.",
    names={"explanation": ("the explanation",)},
)
case(Q + "Numeric.accepts", lambda value: _numeric().accepts(value), value=0.25)
case(
    Q + "grade",
    lambda response: quiz.grade(_numeric(), response).correct,
    response="25%",
)
case(
    Q + "SingleChoice",
    lambda options, answer: quiz.SingleChoice("Pick", options, answer, ["yes", "no"]).answer,
    options=["a", "b"],
    answer=0,
    names={"answer": ("the answer index",), "options": ("option 0", "option 1", "option 2")},
)
case(
    Q + "SingleChoice.from_values",
    lambda candidates: (
        quiz.SingleChoice.from_values("Pick", candidates, lambda: float(np.sqrt(4.0))).answer
    ),
    candidates=[(2.0, "right"), (3.0, "wrong")],
    names={"candidates": ("candidate",)},
)
case(
    Q + "SingleChoice.feedback_for",
    lambda index: quiz.SingleChoice("Pick", ["a", "b"], 0, ["yes", "no"]).feedback_for(index),
    index=1,
    names={"index": ("option",)},
)
case(
    Q + "MultipleChoice",
    lambda answers: quiz.MultipleChoice("Pick", ["a", "b", "c"], answers, ["1", "2", "3"]).answers,
    answers=[0, 2],
    names={"answers": ("answer",)},
)
case(
    Q + "MultipleChoice.from_predicate",
    lambda items, applies: (
        quiz.MultipleChoice.from_predicate(
            "Which are even?", items, applies, ["two", "three", "four"]
        ).answers
    ),
    items=[2, 3, 4],
    applies=lambda v: isinstance(v, int) and v % 2 == 0,
    names={"items": ("option", "options"), "applies": ("answers",)},
)
case(
    Q + "MultipleChoice.feedback_for",
    lambda index, marked_applies: quiz.MultipleChoice(
        "Pick", ["a", "b"], [0], ["1", "2"]
    ).feedback_for(index, marked_applies),
    index=1,
    marked_applies=True,
    names={"index": ("option",)},
)
case(Q + "QuizScore", lambda total: quiz.QuizScore(total).text, total=3)
case(
    Q + "QuizScore.record",
    lambda key, correct: quiz.QuizScore(2).record(key, correct),
    key="q1",
    correct=True,
    skip=("key",),
)
case(
    Q + "QuizScore.on_change",
    lambda callback: quiz.QuizScore(2).on_change(callback),
    callback=lambda score: None,
)

# --- the playground engine -------------------------------------------------------------
P = "nnbook.playground.engine."


SETTINGS = dict(
    dataset="xor",
    noise=0.1,
    n_samples=40,
    test_fraction=0.5,
    features=("x1", "x2"),
    hidden_sizes=(3,),
    activation="tanh",
    learning_rate=0.03,
    batch_size=10,
    regularization="l2",
    regularization_rate=0.001,
    loss="cross_entropy",
    seed=0,
)
# How the playground's messages speak of each setting.
SETTING_WORDS = {
    "dataset": ("data set",),
    "noise": ("noise",),
    "test_fraction": ("test fraction",),
    "features": ("input feature", "feature"),
    "hidden_sizes": ("hidden layer",),
    "learning_rate": ("learning rate",),
    "batch_size": ("batch size",),
    "regularization_rate": ("regularization rate",),
}


def _trained(playground, epochs=2):
    """The message of an invalid run, or the numbers of a trained one."""
    playground.step(epochs)
    state = playground.state
    if state.status == "invalid":
        return state.message
    return state.train_loss, state.test_loss, playground.decision_map(8)


def _state_message(result):
    return result if isinstance(result, str) else None


for entry, call in {
    "Playground": lambda **s: _trained(engine.Playground(**s)),
    "Playground.configure": lambda **s: _trained(_configured(**s)),
    "PlaygroundSettings": lambda **s: _trained(engine.Playground(engine.PlaygroundSettings(**s))),
    "PlaygroundSettings.replace": lambda **s: _trained(
        engine.Playground(engine.PlaygroundSettings().replace(**s))
    ),
}.items():
    CASES[P + entry] = Case(call, dict(SETTINGS), SETTING_WORDS, message_of=_state_message)


def _configured(**settings):
    playground = engine.Playground(n_samples=40)
    playground.configure(**settings)
    return playground


case(
    P + "Playground.step",
    lambda n_epochs, time_budget: engine.Playground(n_samples=40).step(n_epochs, time_budget),
    n_epochs=2,
    time_budget=10.0,
)
for method in ("grid", "decision_map", "neuron_maps"):
    case(
        f"{P}Playground.{method}",
        lambda resolution, method=method: getattr(engine.Playground(n_samples=40), method)(
            resolution
        ),
        resolution=6,
    )

case(P + "is_number", engine.is_number, value=0.5)
case(P + "is_whole", engine.is_whole, value=3, at_least=1, skip=("at_least",))  # set in code
case(P + "loss_text", engine.loss_text, value=0.25)
case(P + "percent_text", engine.percent_text, value=0.25)

# --- the explorables' controls ---------------------------------------------------------
WG = "nnbook.widgets."
case(
    WG + "FloatRange",
    lambda **kw: widgets.FloatRange("w", **kw).grid(),
    min=-1.0,
    max=1.0,
    step=0.5,
    value=0.0,
    static_values=[-1.0, 0.5],
)
for control in (
    widgets.FloatRange("w", 0.0, 1.0),
    widgets.IntRange("n", 0, 4),
    widgets.Choice("kind", ["a", "b"]),
):
    case(
        f"{WG}{type(control).__name__}.live_widget",
        lambda continuous_update, control=control: control.live_widget(continuous_update).value,
        continuous_update=True,
    )
case(
    WG + "IntRange",
    lambda **kw: widgets.IntRange("n", **kw).grid(),
    min=1,
    max=5,
    step=1,
    value=2,
    static_values=[1, 3],
)
case(
    WG + "Choice",
    lambda options, value: widgets.Choice("kind", options, value).grid(),
    options=["relu", "tanh"],
    value="tanh",
    names={"options": ("option",)},
)
case(
    WG + "static_control",
    lambda values, kind, index: widgets.static_control("w", values, kind=kind, index=index).index,
    values=[0.1, 0.2, 0.3],
    kind="dropdown",
    index=1,
    names={"values": ("value",)},
)
case(
    WG + "explorable",
    lambda controls: widgets.explorable(lambda w: None, controls),
    controls=[widgets.FloatRange("w", 0.0, 1.0, static_values=2)],
    compare=False,
)

CASES.update(bad_input_toolkit.CASES)

# ----------------------------------------------------------------------------------
# The tests
# ----------------------------------------------------------------------------------

FAST = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,  # the same examples on every run
    phases=[Phase.explicit, Phase.generate],  # report the first failure; do not shrink it
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# Modules of the two packages the property tests do not read, each with the reason.
# "Not covered yet" marks the open part of the work: those modules still need cases.
NOT_READ = {
    "nnlib._checks": "private: the checks themselves, exercised through every case",
    "nnlib._special": "private: numerics behind the public activations and losses",
    "nnbook.playground": "a package: its modules are listed one by one",
    "nnbook.playground.view": "the ipywidgets face; its controls are widgets, not calls",
    "nnbook.quizbank": "question data, no entry points",
    "nnbook.widgets": "read for its controls only (WIDGET_CONTROLS)",
}


def test_every_module_is_read_or_said_why_not():
    import nnbook
    import nnlib

    found = {
        info.name
        for package in (nnlib, nnbook)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
        if not info.name.startswith("nnbook.quizbank.")
    }
    unread = sorted(found - set(MODULES) - set(NOT_READ))
    stale = sorted((set(MODULES) | set(NOT_READ)) - found)
    assert not unread, f"modules neither read by the bad-input tests nor excused: {unread}"
    assert not stale, f"listed modules that do not exist: {stale}"


def test_every_public_entry_point_has_a_case():
    entry_points = set(public_entry_points())
    missing = sorted(entry_points - set(CASES))
    stale = sorted(set(CASES) - entry_points)
    assert not missing, f"public entry points without a bad-input case: {missing}"
    assert not stale, f"cases for names that are not public entry points: {stale}"


QUICK = sorted(name for name, entry in CASES.items() if not entry.draws)
DRAWING = sorted(name for name, entry in CASES.items() if entry.draws)


@pytest.mark.parametrize("name", QUICK)
def test_the_valid_call_works(name):
    result = run_quietly(CASES[name].call, CASES[name].valid)
    found = numbers_in(result)
    assert found is None or all(np.isfinite(value) for value in found)


@functools.cache
def _reference(name: str):
    """The numbers of the valid call's result (computed once per case)."""
    return numbers_in(run_quietly(CASES[name].call, CASES[name].valid))


def _bad_value_test(name, data):
    entry = CASES[name]
    arguments = entry.arguments()
    if not arguments:
        return
    argument = data.draw(st.sampled_from(arguments), label="argument")
    bad = data.draw(bad_values(entry.valid[argument]), label="value")
    reference = _reference(name) if entry.compare else None
    judge(entry, argument, bad, reference)


@pytest.mark.parametrize("name", QUICK)
@FAST
@given(data=st.data())
def test_bad_values_get_a_clear_error_or_a_correct_result(name, data):
    _bad_value_test(name, data)


@pytest.mark.parametrize("name", DRAWING)
@settings(FAST, max_examples=4)
@given(data=st.data())
def test_bad_values_of_a_drawing_entry_point(name, data):
    """The same for the entry points that draw a picture, with fewer values: most bad
    values are refused before anything is drawn, but an accepted one costs seconds."""
    _bad_value_test(name, data)


if __name__ == "__main__":
    points = public_entry_points()
    print(f"{len(points)} public entry points, {len(set(points) & set(CASES))} with a case")
