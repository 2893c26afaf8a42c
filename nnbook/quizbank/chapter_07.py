"""Chapter 7 — The playground: quiz questions (answers computed, never typed in)."""

from functools import cache
from itertools import pairwise

from nnbook.playground import Playground
from nnbook.quiz import MultipleChoice, Numeric, SingleChoice
from nnlib.activations import get_activation
from nnlib.network import Network

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


HIDDEN_LAYER = SingleChoice(
    "What does a hidden layer add to a classifier that a network with no hidden layer "
    "(inputs straight to the output) lacks?",
    [
        "More weights on the same straight boundary, so the line is placed more precisely.",
        "New features computed from the inputs by nonlinear units, so the decision boundary "
        "can bend, close around a region or split into several pieces.",
        "Faster training: a hidden layer always reaches a given accuracy in fewer epochs.",
        "A guarantee of 100% test accuracy on any data set.",
    ],
    1,
    [
        "Without a nonlinearity extra weights change nothing (chapter 3: linear layers fold "
        "into one), and with no hidden layer the logit is w·x + b, whose zero set is one line.",
        "Right. The output unit is still a linear classifier, but of the hidden units' outputs, "
        "not of x1 and x2. Each ReLU unit folds the plane along a line, and the output combines "
        "the folds into a curved or polygonal boundary.",
        "Not always: a hidden layer has more weights to set, and on data a line already "
        "separates (the Gaussian blobs) it buys nothing. Sigmoid hidden units can be slow.",
        "Capacity is not a guarantee: the network can still underfit (too few units, too few "
        "epochs), overfit noise (chapter 8) or fail to train (a learning rate that is too large).",
    ],
    key="ch7-hidden-layer",
)

LINEAR_CIRCLE = SingleChoice(
    f"A network with **no hidden layer** (inputs x1, x2) trains for {EPOCHS} epochs on the circle "
    "data set: class 0 inside a disc, class 1 in a ring around it. Its test accuracy will be "
    "closest to ...",
    ["about 50% (a coin toss)", "about 75%", "about 99%"],
    # the option nearest to the accuracy this run actually reaches
    lambda: min(
        range(3), key=lambda i: abs((0.5, 0.75, 0.99)[i] - playground_test_accuracy("circle"))
    ),
    [
        "Right. Any straight line leaves a large part of the ring on the disc's side, so the "
        "best a line can do is not much better than guessing one class for everything.",
        "A line can cut off part of the ring, but every line through or near the disc puts "
        "ring points of both sides with the disc; the run in the chapter shows the number.",
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
        "Gaussian blobs, inputs x1 and x2",
        "gaussian",
        ("x1", "x2"),
        "Two blobs on either side of a line: a straight boundary is all it takes.",
    ),
    (
        "circle, inputs x1 and x2",
        "circle",
        ("x1", "x2"),
        "A disc inside a ring needs a closed boundary; a line cannot close.",
    ),
    (
        "XOR, inputs x1 and x2",
        "xor",
        ("x1", "x2"),
        "Each class sits in two opposite quadrants; one line always puts a quadrant of each class "
        "on the wrong side.",
    ),
    (
        "circle, inputs x1² and x2²",
        "circle",
        ("x1^2", "x2^2"),
        "With squared inputs the circle x1² + x2² = r² is a straight line in the new features, so "
        "the linear model separates it.",
    ),
    (
        "two-arm spiral, inputs x1 and x2",
        "spiral",
        ("x1", "x2"),
        "The arms wind around each other; a line cuts both of them many times.",
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

# The sigmoid's largest slope is sigma'(0) = 1/SIGMOID_SLOPE_INVERSE.
SIGMOID_SLOPE_INVERSE = round(1 / float(get_activation("sigmoid").derivative(0.0)))

WHY_SIGMOID_SLOW = SingleChoice(
    "In the playground, the same network with sigmoid hidden units needs many more epochs "
    "than with ReLU units. Why?",
    [
        "Sigmoid is more expensive to compute, so each epoch does less.",
        f"The sigmoid's slope is at most 1/{SIGMOID_SLOPE_INVERSE} and near 0 once a unit "
        "saturates, so the gradient "
        "reaching the first layer is small and every step moves the weights only a little.",
        "Sigmoid units cannot represent a curved boundary.",
        "The sigmoid output layer clashes with sigmoid hidden units.",
    ],
    1,
    [
        "The cost per epoch affects seconds, not the number of epochs: the chapter counts "
        "epochs, and each epoch makes the same number of updates either way.",
        "Right. Backpropagation multiplies by each unit's slope; a ReLU unit passes the "
        "gradient on with slope 1 where it is active, a sigmoid unit at most "
        f"1/{SIGMOID_SLOPE_INVERSE} of it. "
        "Its outputs are also all positive (not zero-centred), which slows the next layer.",
        "They can: a smooth sigmoid unit bends the boundary as well as a ReLU does. With "
        "enough epochs the sigmoid network gets there too.",
        "With cross-entropy the network's last layer outputs a raw score (logit); the sigmoid "
        "is applied inside the loss whichever hidden activation is chosen.",
    ],
    key="ch7-why-sigmoid-slow",
)

QUESTIONS = [HIDDEN_LAYER, LINEAR_CAN, PARAMETERS, WHY_SIGMOID_SLOW]
PREDICT = [LINEAR_CIRCLE]
