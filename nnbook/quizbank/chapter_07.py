"""Chapter 7 — The playground: quiz questions (answers computed, never typed in)."""

from functools import cache
from itertools import pairwise

import numpy as np

from nnbook.playground import Playground
from nnbook.quiz import MultipleChoice, Numeric, SingleChoice
from nnlib.activations import get_activation
from nnlib.datasets import add_features, circles
from nnlib.network import Network
from nnlib.training import fit

# The guided experiments of chapter 7 train for this many epochs on 300 points.
EPOCHS = 200


@cache
def playground_test_accuracy(dataset, hidden_sizes=(), features=("x1", "x2"), activation="relu"):
    """Test accuracy of a playground run, trained as in the chapter's experiments."""
    engine = Playground(
        dataset=dataset,
        hidden_sizes=hidden_sizes,
        features=features,
        activation=activation,
        n_samples=300,
        learning_rate=0.1,
    )
    engine.step(EPOCHS)
    return engine.state.test_accuracy


# A circle data set moved away from the origin, for a question the chapter does not print.
SHIFT = (1.0, 1.0)


@cache
def shifted_circle_accuracy(features):
    """Training accuracy of a no-hidden-layer model on the circle data moved by SHIFT."""
    X, y = circles(n=200, noise=0.1, seed=0)
    inputs = add_features(X + np.array(SHIFT), features)
    model = Network([inputs.shape[1], 1], seed=0)
    fit(model, inputs, y, epochs=1000, optimizer="adam", learning_rate=0.1)
    return float(np.mean(model.predict(inputs) == y))


def shifted_circle_answer():
    """Option 3 when squares alone fail and squares plus x1, x2 succeed."""
    squares = shifted_circle_accuracy(("x1^2", "x2^2"))
    both = shifted_circle_accuracy(("x1", "x2", "x1^2", "x2^2"))
    return 3 if squares < 0.85 and both >= 0.95 else -1


SHIFTED_CIRCLE = SingleChoice(
    "Experiment 1 separated the circle with a linear model on x1² and x2². Now the whole data "
    f"set is moved so that the disc is centred at {SHIFT} instead of the origin. What happens "
    "to that linear model?",
    [
        "It still works: the disc is still a circle, and x1², x2² describe circles",
        "It still works, but needs many more epochs",
        "It fails, and no linear model on the playground's features can fix that",
        "It fails until x1 and x2 are added as features",
    ],
    shifted_circle_answer,
    [
        "Tempting, because the shape did not change. But (x1 − a)² + (x2 − b)² = r² expands to "
        "x1² + x2² − 2a·x1 − 2b·x2 + …: the boundary is a line only in features that include "
        f"x1 and x2. On x1², x2² alone the model reaches "
        f"{shifted_circle_accuracy(('x1^2', 'x2^2')):.0%}.",
        "More epochs cannot help: in x1², x2² the shifted circle is not a straight line, so no "
        "weights separate it.",
        "x1 and x2 are among the playground's features; with them the expanded circle equation "
        "is linear again.",
        "Right. The moved circle is x1² + x2² − 2a·x1 − 2b·x2 + const = 0, a straight line in "
        "the features (x1, x2, x1², x2²). With all four the model reaches "
        f"{shifted_circle_accuracy(('x1', 'x2', 'x1^2', 'x2^2')):.0%} on its training points.",
    ],
    key="ch7-shifted-circle",
)

LAYERS_BACK = 5
_MAX_SLOPE = float(get_activation("sigmoid").derivative(0.0))
SLOPE_OPTIONS = [
    ("1/4: the slope limit applies once, whatever the depth", _MAX_SLOPE),
    (f"1/20, that is 1/(4·{LAYERS_BACK})", _MAX_SLOPE / LAYERS_BACK),
    (f"(1/4)^{LAYERS_BACK}, about 1/1000", _MAX_SLOPE**LAYERS_BACK),
    ("1: each slope is at most 1/4, but the weights make up for it", 1.0),
]

SLOPE_PRODUCT = SingleChoice(
    f"A gradient travels back through {LAYERS_BACK} layers of sigmoid units. Leaving the "
    "weights aside, at most what fraction of it do the sigmoid slopes let through?",
    [text for text, _ in SLOPE_OPTIONS],
    lambda: min(
        range(len(SLOPE_OPTIONS)),
        key=lambda i: abs(SLOPE_OPTIONS[i][1] - _MAX_SLOPE**LAYERS_BACK),
    ),
    [
        "Tempting, since the chapter names one number, 1/4. But every layer multiplies the "
        "gradient by its own slopes on the way back, so the factors compound.",
        "That divides by the number of layers; the chain rule multiplies the slopes instead "
        "of adding their effects.",
        f"Right. Each layer multiplies by a slope of at most σ′(0) = {_MAX_SLOPE:g}, so "
        f"{LAYERS_BACK} layers let through at most {_MAX_SLOPE**LAYERS_BACK:.2g} of it. "
        "That is why deep sigmoid stacks learn slowly in their first layers.",
        "Large weights can enlarge a gradient, but the question leaves them aside; and large "
        "weights push sigmoids into saturation, where the slope is far below 1/4.",
    ],
    key="ch7-slope-product",
)

LINEAR_CIRCLE = SingleChoice(
    f"A network with **no hidden layer** (inputs x1, x2) trains for {EPOCHS} epochs on the circle "
    "data set: one class inside a disc, the other in a ring around it. Its test accuracy will be "
    "closest to ...",
    ["about 75%", "about 50%", "about 99%"],
    # the option nearest to the accuracy this run actually reaches
    lambda: min(
        range(3), key=lambda i: abs((0.75, 0.5, 0.99)[i] - playground_test_accuracy("circle"))
    ),
    [
        "Tempting: a line can cut off part of the ring. But every line through or near the "
        "disc leaves ring points on both of its sides with the disc.",
        "Right: a coin toss. Any straight line leaves a large part of the ring on the disc's "
        "side, so a line does not much better than guessing one class for everything.",
        "That needs a boundary that closes around the disc, which a single line cannot do.",
    ],
    key="ch7-linear-circle",
)

PLAYGROUND_SIZES = [2, 8, 8, 1]
_PLAYGROUND_LAYERS = [
    (n_in, n_out, n_in * n_out + n_out) for n_in, n_out in pairwise(PLAYGROUND_SIZES)
]
_PLAYGROUND_WEIGHTS = sum(n_in * n_out for n_in, n_out, _ in _PLAYGROUND_LAYERS)

PARAMETERS = Numeric(
    "The playground network takes the two inputs x1 and x2, has two hidden layers of 8 units "
    "each and one output unit. How many parameters (weights and biases) does it have?",
    answer=lambda: Network(PLAYGROUND_SIZES).parameter_count,
    explanation=(
        r"Each dense layer has $n_\text{in} n_\text{out} + n_\text{out}$ parameters: "
        + ", ".join(
            rf"${n_in}\cdot {n_out} + {n_out} = {count}$"
            for n_in, n_out, count in _PLAYGROUND_LAYERS[:-1]
        )
        + " and "
        + rf"${_PLAYGROUND_LAYERS[-1][0]}\cdot {_PLAYGROUND_LAYERS[-1][1]} + "
        + rf"{_PLAYGROUND_LAYERS[-1][1]} = {_PLAYGROUND_LAYERS[-1][2]}$"
        + f", together {Network(PLAYGROUND_SIZES).parameter_count}."
    ),
    tolerance=0.5,
    mistakes=[
        (lambda: _PLAYGROUND_WEIGHTS, "That counts only the weights; every unit also has a bias."),
    ],
    key="ch7-parameters",
)

LINEAR_OPTIONS = [
    (
        "Gaussian blobs, inputs x1² and x2²",
        "gaussian",
        ("x1^2", "x2^2"),
        "Tempting, because the blobs are the easiest data set. But squaring throws away the "
        "signs, and the blobs lie on opposite sides of the origin: both land in the same place.",
    ),
    (
        "circle, inputs x1², x2² and x1·x2",
        "circle",
        ("x1^2", "x2^2", "x1*x2"),
        "Applies: x1² and x2² already make the circle a straight line; the extra feature x1·x2 "
        "does no harm (its weight can stay near 0).",
    ),
    (
        "XOR, inputs x1² and x2²",
        "xor",
        ("x1^2", "x2^2"),
        "Squares look like the fix that worked for the circle, but XOR's class depends on the "
        "signs of x1 and x2, and squares erase exactly the signs.",
    ),
    (
        "circle, input x1² alone",
        "circle",
        ("x1^2",),
        "One square only sees the distance from the x2 axis: a band |x1| < c, not a disc; "
        "ring points above and below the disc fall inside the band.",
    ),
    (
        "Gaussian blobs, inputs x1, x2, x1² and x2²",
        "gaussian",
        ("x1", "x2", "x1^2", "x2^2"),
        "Applies: with x1 and x2 among the features the model can still draw the straight "
        "line that separates the blobs (the squares' weights can stay small).",
    ),
]

LINEAR_CAN = MultipleChoice(
    "Which problems can a network with **no hidden layer** classify with at least 90% test "
    "accuracy? (Select all that apply.)",
    [text for text, *_ in LINEAR_OPTIONS],
    lambda: [
        i
        for i, (_, dataset, features, _) in enumerate(LINEAR_OPTIONS)
        if playground_test_accuracy(dataset, features=features) >= 0.9
    ],
    [why for *_, why in LINEAR_OPTIONS],
    key="ch7-linear-can",
)

QUESTIONS = [SHIFTED_CIRCLE, LINEAR_CAN, PARAMETERS, SLOPE_PRODUCT]
PREDICT = [LINEAR_CIRCLE]
