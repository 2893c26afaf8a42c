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


WHY_DEEP = SingleChoice(
    "The Universal Approximation Theorem guarantees that a wide enough 2-layer network can "
    "represent any function. Why do we still use deep networks?",
    [
        "The theorem only says a good set of weights exists. It does not say how many hidden "
        "units are needed (it can be astronomically many) or that training will find them; deep "
        "networks represent many functions with far fewer units and, in practice, train to "
        "better solutions.",
        "Because the theorem is false for the ReLU activation, which deep networks use.",
        "Deep networks can represent functions that no 2-layer network can approximate at all.",
        "Deep networks have fewer parameters, so they never overfit.",
    ],
    0,
    [
        "Right. Existence is not efficiency and not learnability. The sawtooth in this chapter "
        "needs a number of shallow units that doubles with every layer of the deep network, "
        "and the width-versus-depth experiment shows that training is the other half of the "
        "story.",
        "The theorem holds for ReLU too (Leshno et al., 1993: any activation that is not a "
        "polynomial works), and this chapter builds ReLU approximations by hand.",
        "On a bounded domain, any continuous function a deep network computes can also be "
        "approximated by some wide 2-layer network: that is exactly what the theorem says. The "
        "difference is in how many units it takes and whether training finds them.",
        "Depth is not a cure for overfitting (chapter 8); deep networks often have more "
        "parameters, not fewer.",
    ],
    key="ch6-why-deep",
)

GUARANTEES = MultipleChoice(
    "What does the Universal Approximation Theorem (Cybenko 1989, Hornik 1991) guarantee? "
    "Select all that apply.",
    [
        "For any continuous function on a closed, bounded domain and any tolerance ε > 0, some "
        "one-hidden-layer network is within ε of it everywhere on that domain.",
        "Gradient descent started from random weights finds such a network.",
        "A useful upper bound on the number of hidden units needed for any continuous function.",
        "The same network approximates the function well far outside the domain too.",
        "It holds for sigmoid hidden units, and more generally for many other activations.",
    ],
    [0, 4],
    [
        "Yes: that is the statement. It is about existence, on a compact domain, for a "
        "tolerance chosen in advance.",
        "No: the theorem says nothing about training. The width-versus-depth experiment shows "
        "networks that could fit the target but were not found by the optimiser in the steps "
        "it had.",
        "No: the width may have to grow enormously as ε shrinks or as the function gets more "
        "wiggly; the theorem gives no practical size.",
        "No: outside the domain a sum of sigmoids flattens out (and a ReLU network goes "
        "straight), whatever the target does there.",
        "Yes: Cybenko proved it for sigmoids; Hornik showed it is the layered architecture, not "
        "the particular squashing function, that matters, and Leshno et al. (1993) extended it "
        "to every non-polynomial activation, ReLU included.",
    ],
    key="ch6-guarantees",
)

SAWTOOTH_DEPTH = 5
SAWTOOTH_PIECES = count_pieces(tent_network(SAWTOOTH_DEPTH))
DEEP_UNITS = sum(layer.W.shape[1] for layer in tent_network(SAWTOOTH_DEPTH).layers[:-1])

SHALLOW_UNITS = Numeric(
    f"A deep ReLU network with {SAWTOOTH_DEPTH} hidden layers of 2 units each (the tent-map "
    "construction of this chapter) draws a sawtooth on [0, 1]. A network with ONE hidden "
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

BUMP_UNITS = SingleChoice(
    "In the constructive picture, how do one-hidden-layer sigmoid networks make a bump (a "
    "function that is about 1 on an interval and about 0 elsewhere)?",
    [
        "With two steep sigmoid units: a step up at the left edge minus a step up at the right "
        "edge.",
        "With one sigmoid unit with a very large bias.",
        "With one sigmoid unit with a negative weight.",
        "It cannot: a bump needs a second hidden layer.",
    ],
    0,
    [
        "Right: σ(k(x − a)) − σ(k(x − b)) with a large k is ≈ 1 between a and b and ≈ 0 "
        "outside. The output layer subtracts the two units by giving them weights +h and −h.",
        "A single sigmoid is monotone: it can step up or down once, not up and back down.",
        "A negative weight turns the step around (down instead of up), still only one step.",
        "One hidden layer suffices: the output neuron's weighted sum does the subtraction.",
    ],
    key="ch6-bump-units",
)

QUESTIONS = [WHY_DEEP, GUARANTEES, SHALLOW_UNITS, BUMP_UNITS]

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
