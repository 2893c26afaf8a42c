"""Chapter 6 — Representational power: universal approximation. Quiz questions.

Answers that rest on a calculation are computed here with nnlib and NumPy.
"""

import numpy as np

from nnbook.quiz import MultipleChoice, Numeric, SingleChoice
from nnlib.network import Network


def tent_network(depth):
    """A ReLU network with ``depth`` hidden layers of 2 units, each folding [0, 1] in half.

    One layer computes the tent map t(a) = 2 relu(a) - 4 relu(a - 1/2) of its input a;
    the weights of the next layer read t straight off the two units.
    """
    net = Network([1] + [2] * depth + [1], activation="relu")
    net.layers[0].W[...] = [[1.0, 1.0]]
    net.layers[0].b[...] = [0.0, -0.5]
    for layer in net.layers[1:-1]:
        layer.W[...] = [[2.0, 2.0], [-4.0, -4.0]]
        layer.b[...] = [0.0, -0.5]
    net.layers[-1].W[...] = [[2.0], [-4.0]]
    net.layers[-1].b[...] = [0.0]
    return net


def count_pieces(net, n_points=2**14 + 1):
    """Straight pieces of a 1-D network's output on [0, 1]: slope changes on a fine grid, plus 1."""
    x = np.linspace(0.0, 1.0, n_points)
    y = net(x[:, None])[:, 0]
    slopes = np.diff(y) / np.diff(x)
    changes = np.abs(np.diff(slopes)) > 1e-6 * max(1.0, float(np.abs(slopes).max()))
    # A kink between two grid points shows up as two consecutive changes; count runs.
    starts = changes & ~np.concatenate([[False], changes[:-1]])
    return int(starts.sum()) + 1


def bump_network(f, n_bumps, steepness, activation="sigmoid", low=-1.0, high=1.0):
    """The chapter's staircase: n_bumps bumps of height f(centre), two hidden units each."""
    centres = np.linspace(low, high, n_bumps)
    width = (high - low) / max(n_bumps - 1, 1)
    k = steepness / width
    net = Network([1, 2 * n_bumps, 1], activation=activation)
    hidden, output = net.layers
    hidden.W[0, 0::2], hidden.b[0::2] = k, -k * (centres - width / 2)
    hidden.W[0, 1::2], hidden.b[1::2] = k, -k * (centres + width / 2)
    output.W[0::2, 0], output.W[1::2, 0] = f(centres), -f(centres)
    output.b[:] = 0.0
    return net


def square(x):
    return x**2


OUTSIDE_X = 3.0
_OUTSIDE_VALUE = float(bump_network(square, 16, 50)(np.array([[OUTSIDE_X]]))[0, 0])

OUTSIDE = SingleChoice(
    r"A one-hidden-layer sigmoid network approximates $f(x) = x^2$ to within $\varepsilon$ on "
    r"$[-1, 1]$, as the theorem promises. What does the theorem tell you about its output at "
    r"$x = 3$?",
    [
        "It is f(3) = 9, to within the same ε as on [−1, 1]",
        "Nothing: the guarantee covers only [−1, 1]",
        "It is close to f(3) once the network has enough hidden units",
        "The theorem forbids evaluating the network outside its domain",
    ],
    1,
    [
        "Tempting, because an approximation that is good everywhere on the domain feels good "
        "everywhere. But the ε is promised only for inputs in the chosen compact set.",
        "Right. Outside the domain every steep sigmoid is fully on or fully off, so the sum "
        "flattens out: this chapter's 16-bump staircase for x² gives "
        f"{_OUTSIDE_VALUE:.2f} at x = 3, nowhere near 9.",
        "More units only sharpen the fit on [−1, 1]; they add no information about the target "
        "outside it, and the sigmoids still flatten there.",
        "The network computes a number for every input; the theorem just makes no promise "
        "about that number outside the domain.",
    ],
    key="ch6-outside",
)


def tanh_bump_ratio():
    """Height of a tanh bump over the sigmoid bump with the same weights (at x = 0)."""
    centre = np.array([[0.0]])
    sigmoid_net = bump_network(np.ones_like, 9, 50, activation="sigmoid")
    tanh_net = bump_network(np.ones_like, 9, 50, activation="tanh")
    return float(tanh_net(centre)[0, 0] / sigmoid_net(centre)[0, 0])


def tanh_answer():
    """Option 0 when a tanh bump is twice the sigmoid bump, option 1 when they are equal."""
    ratio = tanh_bump_ratio()
    return 0 if abs(ratio - 2.0) < 0.05 else 1 if abs(ratio - 1.0) < 0.05 else -1


TANH_BUMPS = SingleChoice(
    "Replace every sigmoid unit of the bump network by a tanh unit, keeping all weights and "
    "biases. What happens to the staircase?",
    [
        "Every bump becomes about twice as tall",
        "Nothing: tanh and sigmoid are both S-shaped steps",
        "The sum turns negative outside each bump, where tanh is negative",
        "It stops working: a bump needs a unit that is exactly 0 on one side",
    ],
    tanh_answer,
    [
        "Right: tanh(z) = 2σ(2z) − 1, so a difference of two tanh steps is twice a difference "
        "of (steeper) sigmoid steps, and the −1s cancel. Computed with the same weights, the "
        f"height ratio is {tanh_bump_ratio():.2f}. Halving the output weights repairs it.",
        "Both are S-shaped, which is why it still makes bumps, but tanh runs from −1 to 1, a "
        "step twice as tall as the sigmoid's 0 to 1.",
        "Each unit is negative on one side, but a bump is a difference of two steps, and "
        "outside the interval both are −1 (or both 1): the difference is 0.",
        "No unit needs to be 0 anywhere: only the difference of the two steps must vanish "
        "outside the interval, and it does.",
    ],
    key="ch6-tanh-bumps",
)

GUARANTEES = MultipleChoice(
    "A colleague fits a one-hidden-layer sigmoid network to flat prices as a function of floor "
    "area on 50–300 m², from 40 sales. Assuming the true price curve is continuous, which "
    "statements follow from the Universal Approximation Theorem? Select all that apply.",
    [
        "Some width and weights approximate the true curve on 50–300 m² within any tolerance "
        "she names.",
        "Training on her 40 sales will find such weights.",
        "The network will also predict well for a 500 m² flat.",
        "40 hidden units (one per sale) are enough for a tolerance of 1 €.",
        "The first statement would hold with ReLU hidden units too.",
    ],
    [0, 4],
    [
        "Yes: existence, on a closed and bounded domain, for a tolerance chosen in advance.",
        "No: the theorem says nothing about training, and 40 noisy sales do not even pin the "
        "curve down (chapter 8). The width-versus-depth experiment shows networks that could "
        "fit their target but were not found in the steps they had.",
        "No: 500 m² is outside the domain, where a sum of sigmoids flattens out whatever the "
        "true curve does.",
        "Tempting, since one unit per data point sounds like enough, but the theorem gives no "
        "size at all; the width needed can grow enormously as the tolerance shrinks.",
        "Yes: Leshno et al. (1993) extended it to every continuous activation that is not a "
        "polynomial, ReLU included.",
    ],
    key="ch6-guarantees",
)

SAWTOOTH_DEPTH = 10
SAWTOOTH_PIECES = count_pieces(tent_network(SAWTOOTH_DEPTH))
DEEP_UNITS = sum(layer.W.shape[1] for layer in tent_network(SAWTOOTH_DEPTH).layers[:-1])

SHALLOW_UNITS = Numeric(
    f"A deep ReLU network with {SAWTOOTH_DEPTH} hidden layers of 2 units each (the tent-map "
    "construction of this chapter, two layers deeper than its table) draws a sawtooth on "
    "[0, 1]. A network with ONE hidden "
    "ReLU layer and one input draws a function whose straight pieces number at most (hidden "
    "units + 1). What is the smallest number of hidden units such a one-hidden-layer network "
    "needs to draw the same sawtooth?",
    answer=lambda: count_pieces(tent_network(SAWTOOTH_DEPTH)) - 1,
    explanation=(
        f"The {SAWTOOTH_DEPTH}-layer sawtooth has {SAWTOOTH_PIECES} straight pieces (each "
        "layer doubles them), and each hidden ReLU of a one-layer network adds at most one "
        f"kink, so it needs one unit per kink: pieces − 1 = {SAWTOOTH_PIECES - 1}. The deep "
        f"network uses {DEEP_UNITS} hidden units; the shallow one needs about "
        f"{round((SAWTOOTH_PIECES - 1) / DEEP_UNITS)} times as many, and the gap doubles with "
        "every extra layer."
    ),
    tolerance=0.1,
    mistakes=[
        (
            lambda: count_pieces(tent_network(SAWTOOTH_DEPTH)),
            "That is the number of pieces; one unit per "
            "kink is enough, and there is one kink fewer than pieces.",
        ),
        (
            lambda: 2 * len(tent_network(SAWTOOTH_DEPTH).layers[:-1]),
            "That is how many units the deep network uses; the shallow network needs far more.",
        ),
    ],
    key="ch6-shallow-units",
)

QUESTIONS = [OUTSIDE, GUARANTEES, SHALLOW_UNITS, TANH_BUMPS]

PREDICT_DEPTH = 4
ONE_TENT_PIECES = count_pieces(tent_network(1))

PREDICT_PIECES = Numeric(
    f"Predict before you run: the tent-map network with {PREDICT_DEPTH} hidden layers of 2 "
    "ReLU units each folds [0, 1] four times. How many straight pieces does its output have "
    "on [0, 1]?",
    answer=lambda: count_pieces(tent_network(PREDICT_DEPTH)),
    explanation=(
        f"One tent layer makes {ONE_TENT_PIECES} pieces; each further layer maps both halves "
        "of [0, 1] onto the whole of [0, 1] again, so every piece becomes two: "
        + " × ".join([str(ONE_TENT_PIECES)] * PREDICT_DEPTH)
        + f" = {count_pieces(tent_network(PREDICT_DEPTH))}."
    ),
    tolerance=0.1,
    mistakes=[
        (
            lambda: count_pieces(tent_network(1)) * PREDICT_DEPTH,
            "That adds two pieces per layer; the folds multiply the pieces instead.",
        ),
    ],
    key="ch6-predict-pieces",
)

PREDICT = [PREDICT_PIECES]
