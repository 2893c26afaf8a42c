"""Chapter 5 — Layers: stacking neurons. Quiz questions (answers computed, never typed in)."""

from itertools import pairwise

import numpy as np

from nnbook.quiz import MultipleChoice, Numeric, SingleChoice
from nnlib.datasets import logic_gate
from nnlib.layers import Dense
from nnlib.network import Network


def book_count(paper_layers):
    """(layers, hidden layers) in this book's convention for a network that a paper calls
    ``paper_layers``-layer while counting the input layer too."""
    sizes = [2] + [4] * (paper_layers - 2) + [1]  # input, hidden ..., output: paper_layers entries
    net = Network(sizes)
    return len(net.layers), len(net.layers) - 1


def _weights(sizes):
    """Weights only: n_in * n_out for each pair of neighbouring layers."""
    return [n_in * n_out for n_in, n_out in pairwise(sizes)]


PAPER_LAYERS = 5
COUNT_OPTIONS = [
    "5 layers, of which 4 are hidden",
    "6 layers, 5 hidden",
    "4 layers, 3 hidden",
    "4 layers, all 4 of them hidden",
]
_BOOK_LAYERS, _BOOK_HIDDEN = book_count(PAPER_LAYERS)

PAPER_CONVENTION = SingleChoice(
    f'A paper that counts the input layer calls its network "{PAPER_LAYERS}-layer". '
    "How does this book describe the same network?",
    COUNT_OPTIONS,
    lambda: COUNT_OPTIONS.index("{} layers, {} hidden".format(*book_count(PAPER_LAYERS))),
    [
        "Tempting, because it keeps the paper's number; but the paper counted the input layer, "
        "which computes nothing and which this book never counts. Remove it before counting.",
        "That adds the input layer once more instead of removing it. The paper's count already "
        "includes it.",
        f"Right. Without the input the network has {_BOOK_LAYERS} layers with weights; the last "
        f"of them is the output layer, which leaves {_BOOK_HIDDEN} hidden ones (an N-layer "
        "network has N − 1 hidden layers).",
        "Removing the input layer is right, but the output layer is not hidden: its values are "
        "the network's answer.",
    ],
    key="ch5-paper-convention",
)

DIGITS_SIZES = [64, 32, 16, 10]
_DIGITS_PER_LAYER = [(n_out, n_in, n_in * n_out + n_out) for n_in, n_out in pairwise(DIGITS_SIZES)]

DIGITS_PARAMETERS = Numeric(
    r"A network for 8×8 digit images has layer sizes $[64, 32, 16, 10]$ (64 pixels in, "
    r"two hidden layers, 10 class scores out). How many weights and biases does it have?",
    answer=lambda: Network(DIGITS_SIZES).parameter_count,
    explanation=(
        r"Each layer has $n_l \cdot n_{l-1} + n_l$ parameters: "
        + ", then ".join(
            rf"${n_out} \cdot {n_in} + {n_out} = {count}$"
            for n_out, n_in, count in _DIGITS_PER_LAYER
        )
        + f"; together {Network(DIGITS_SIZES).parameter_count:,}."
    ),
    tolerance=0.1,
    mistakes=[
        (
            lambda: sum(_weights(DIGITS_SIZES)),
            "That counts the weights only; every unit also has a bias.",
        ),
        (
            lambda: int(np.prod(DIGITS_SIZES)),
            "The layer sizes are not multiplied all together: each "
            "weight matrix connects only two neighbouring layers.",
        ),
    ],
    key="ch5-digits-parameters",
)

SHAPES = [
    r"$W^{[1]}$ of the single-example form $\mathbf{z}^{[1]} = W^{[1]}\mathbf{x} + "
    r"\mathbf{b}^{[1]}$ has shape $5 \times 3$",
    r"$\mathbf{b}^{[2]}$ has 2 entries",
    r"For a batch of 100 samples, $Z^{[1]}$ has shape $100 \times 3$",
    r"$A^{[1]}$ for a batch of 100 samples has shape $100 \times 5$",
    r"The network has $3 \cdot 5 \cdot 2$ weights",
]


def _shape_facts():
    """Check each statement about a [3, 5, 2] network against nnlib arrays."""
    net = Network([3, 5, 2], activation="relu", seed=0)
    X = np.zeros((100, 3))
    net.forward(X)
    first, second = net.layers
    weights = first.W.size + second.W.size
    return [
        first.W.T.shape == (5, 3),  # nnlib stores W transposed: (n_inputs, n_outputs)
        second.b.shape == (2,),
        first.Z.shape == (100, 3),
        first.A.shape == (100, 5),
        weights == 3 * 5 * 2,
    ]


SHAPE_FACTS = MultipleChoice(
    r"A network has layer sizes $[3, 5, 2]$. Which statements are true (select all that apply)?",
    SHAPES,
    lambda: [i for i, fact in enumerate(_shape_facts()) if fact],
    [
        r"True: the hidden layer has 5 units, each with 3 input weights, so $W^{[1]}$ is "
        r"$n_1 \times n_0 = 5 \times 3$. (nnlib stores its transpose, $3 \times 5$, so a batch "
        r"can flow through as rows.)",
        r"True: one bias per output unit.",
        r"False: $Z^{[1]}$ holds one weighted sum per sample and per *hidden unit*, so it is "
        r"$100 \times 5$. The 3 is the number of inputs, which is tempting because $Z^{[1]}$ is "
        r"computed from them.",
        r"True: one row per sample, one column per hidden unit.",
        r"False: the weights are $3 \cdot 5 + 5 \cdot 2$. Each matrix links only two "
        r"neighbouring layers; sizes multiply within a layer and add across layers.",
    ],
    key="ch5-shapes",
)

# The hand-made fold of section 5.5 and four changes to it; which change breaks it is computed.
FOLD_WEIGHTS, FOLD_BIASES = np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([0.0, -1.0])
FOLD_CHANGES = {
    "Change the second unit's bias from −1 to −0.5": (FOLD_WEIGHTS, [0.0, -0.5], "relu"),
    "Multiply both units' weights and biases by 3": (3 * FOLD_WEIGHTS, 3 * FOLD_BIASES, "relu"),
    "Swap the two units, so that h₁ and h₂ trade places": (
        FOLD_WEIGHTS[:, ::-1],
        FOLD_BIASES[::-1],
        "relu",
    ),
    "Drop the ReLU from both units": (FOLD_WEIGHTS, FOLD_BIASES, "linear"),
}


def linearly_separable(points, labels, n_directions=3600):
    """True when some straight line puts the two classes on different sides (2-D points).

    Projects the points on many directions; for a handful of points a fine grid of
    directions finds a separating one whenever the gap between the classes is not tiny.
    """
    angles = np.linspace(0.0, np.pi, n_directions, endpoint=False)
    projections = points @ np.stack([np.cos(angles), np.sin(angles)])
    ones, zeros = projections[labels == 1], projections[labels == 0]
    gap_up = ones.min(axis=0) - zeros.max(axis=0)
    gap_down = zeros.min(axis=0) - ones.max(axis=0)
    return bool(np.max(np.maximum(gap_up, gap_down)) > 1e-9)


def fold_still_works(change):
    """Are the XOR points linearly separable after the changed fold?"""
    weights, biases, activation = FOLD_CHANGES[change]
    layer = Dense(2, 2, activation=activation)
    layer.W[...], layer.b[...] = weights, biases
    X, y = logic_gate("xor")
    return linearly_separable(layer(X), y)


_BREAKS = [name for name in FOLD_CHANGES if not fold_still_works(name)]

FOLD_BREAK = SingleChoice(
    r"The fold of section 5.5 (folding the XOR points) is $h_1 = \max(0, x_1 + x_2)$, "
    r"$h_2 = \max(0, x_1 + x_2 - 1)$. Which single change leaves the four XOR points "
    "**not** linearly separable in the hidden plane?",
    list(FOLD_CHANGES),
    lambda: list(FOLD_CHANGES).index(_BREAKS[0]) if len(_BREAKS) == 1 else -1,
    [
        "Tempting, because the bias −1 looks carefully chosen. But the points still land on "
        "three hidden points that are not on one line, with class 1 in the middle one; a line "
        "cuts that one off.",
        "Scaling stretches the hidden plane but keeps its shape: a line that separated the "
        "points before separates the stretched points too (scaled by 3).",
        "Swapping only exchanges the axes of the hidden plane, a mirror image; the separating "
        "line is mirrored with it.",
        "Right. Without the ReLU both units compute x₁ + x₂ (minus a constant), so all four "
        "points land on one straight line with the class-1 point between the class-0 ones, and "
        "no line separates the middle of a line from its ends. The bend at zero is what folds.",
    ],
    key="ch5-fold-break",
)

QUESTIONS = [PAPER_CONVENTION, DIGITS_PARAMETERS, SHAPE_FACTS, FOLD_BREAK]


PREDICT_SIZES = [3, 4, 4, 1]

PREDICT_PARAMETERS = Numeric(
    r"Predict before you run: how many parameters (weights and biases) does a network with "
    r"layer sizes $[3, 4, 4, 1]$ have?",
    answer=lambda: Network(PREDICT_SIZES).parameter_count,
    explanation=(
        r"Layer by layer, $n_l \cdot n_{l-1} + n_l$: "
        + ", then ".join(
            rf"${n_out} \cdot {n_in} + {n_out} = {n_in * n_out + n_out}$"
            for n_in, n_out in pairwise(PREDICT_SIZES)
        )
        + f"; together {Network(PREDICT_SIZES).parameter_count}."
    ),
    tolerance=0.1,
    mistakes=[
        (lambda: sum(_weights(PREDICT_SIZES)), "Those are the weights; add one bias per unit."),
        (
            lambda: sum(PREDICT_SIZES[1:]),
            "That is the number of units (neurons) that compute, not the number of parameters.",
        ),
    ],
    key="ch5-predict-parameters",
)

PREDICT = [PREDICT_PARAMETERS]
