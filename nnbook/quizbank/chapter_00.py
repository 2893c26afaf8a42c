"""Chapter 0 — Why neural networks? Quiz questions (answers computed, never typed in)."""

from itertools import pairwise

import numpy as np

from nnbook.quiz import MultipleChoice, Numeric, SingleChoice
from nnlib.datasets import logic_gate
from nnlib.network import Network


def fewest_line_errors(gate, n_angles=360, n_offsets=201):
    """The fewest points of a logic gate that a straight line misclassifies (a search).

    Lines are w . x >= c with w = (cos t, sin t): every line and both choices of which side
    is class 1, over a grid of angles t and offsets c in [-2, 2].
    """
    X, y = logic_gate(gate)
    angles = np.linspace(0.0, 2 * np.pi, n_angles, endpoint=False)
    normals = np.stack([np.cos(angles), np.sin(angles)])  # (2, n_angles)
    offsets = np.linspace(-2.0, 2.0, n_offsets)
    projections = X @ normals  # (4, n_angles)
    predictions = projections[:, :, None] >= offsets[None, None, :]
    errors = (predictions != y[:, None, None].astype(bool)).sum(axis=0)
    return int(errors.min())


XOR_ERRORS = fewest_line_errors("xor")
N_XOR_POINTS = len(logic_gate("xor")[1])

FEWEST_XOR_ERRORS = Numeric(
    r"A straight line $w_1 x_1 + w_2 x_2 + b = 0$ splits the four XOR points "
    r"$(0,0), (1,1)$ (class 0) and $(0,1), (1,0)$ (class 1). Choosing the line as well as "
    r"you can, what is the **fewest** number of points it gets wrong?",
    answer=lambda: fewest_line_errors("xor"),
    explanation=(
        f"The fewest is {XOR_ERRORS}. A line can put {N_XOR_POINTS - XOR_ERRORS} points on "
        "their correct sides (for example it can cut off the corner (0,0) alone), but never all "
        f"{N_XOR_POINTS}: the two diagonals cross, so any line that has both class-1 points "
        "on one side also has a class-0 point there."
    ),
    tolerance=0.1,
    mistakes=[
        (
            lambda: fewest_line_errors("and"),
            f"{fewest_line_errors('and')} mistakes would mean XOR is linearly separable; try it "
            f"in the explorable — the count never reaches {fewest_line_errors('and')}.",
        ),
        (
            lambda: 2 * fewest_line_errors("xor"),
            f"A line through the middle gets {2 * XOR_ERRORS} wrong; "
            "a line that cuts off one corner does better.",
        ),
    ],
    key="ch0-fewest-xor-errors",
)

WHY_XOR = SingleChoice(
    "Why can't a linear classifier solve the XOR problem?",
    [
        "Its decision boundary is one straight line, and no straight line puts both class-1 "
        "points on one side and both class-0 points on the other.",
        "Four points are too few examples to learn from.",
        "Its learning rate is too small; with enough training it would find a separating line.",
        "XOR inputs are binary, and linear classifiers only accept continuous inputs.",
    ],
    0,
    [
        "Right. A linear classifier predicts by the sign of w·x + b, so its two regions are "
        "separated by a straight line. XOR's classes sit on crossing diagonals; adding the "
        "inequalities for the four points gives a contradiction.",
        "The amount of data is not the issue: the same four points are learned perfectly by a "
        "two-layer network, and a linear model fails on thousands of noisy XOR points too.",
        "No setting of the weights works, so no amount of training can find one. The limit is "
        "the shape of the boundary, not the optimiser.",
        "A linear classifier happily takes 0/1 inputs: it separates AND and OR, which are "
        "binary too.",
    ],
    key="ch0-why-xor",
)

GATES = ["and", "or", "nand", "nor", "xor"]
SEPARABLE_GATES = MultipleChoice.from_predicate(
    "Which of these two-input logic gates can a single straight line separate "
    "(select all that apply)?",
    GATES,
    lambda gate: fewest_line_errors(gate) == 0,
    [
        "AND is 1 only at (1,1): a line cuts that corner off from the other three.",
        "OR is 0 only at (0,0): a line cuts that corner off.",
        "NAND is AND with the classes swapped, so the same line works.",
        "NOR is OR with the classes swapped, so the same line works.",
        "XOR puts its classes on crossing diagonals; no line separates them.",
    ],
    label=str.upper,
    key="ch0-separable-gates",
)

TWO_LAYER_SIZES = [2, 4, 1]
_TWO_LAYER_WEIGHTS = [n_in * n_out for n_in, n_out in pairwise(TWO_LAYER_SIZES)]

TWO_LAYER_PARAMETERS = Numeric(
    r"The two-layer network in this chapter has 2 inputs, 4 hidden units and 1 output: "
    r"$f(\mathbf{x}) = W_2 \max(0, W_1\mathbf{x} + \mathbf{b}_1) + b_2$. How many numbers "
    r"(weights and biases) does it learn?",
    answer=lambda: Network(TWO_LAYER_SIZES).parameter_count,
    explanation=(
        f"W1 is 4×2 ({_TWO_LAYER_WEIGHTS[0]} weights), b1 has 4 entries, W2 is 1×4 "
        f"({_TWO_LAYER_WEIGHTS[1]} weights) and b2 is one number: "
        f"{_TWO_LAYER_WEIGHTS[0]} + 4 + {_TWO_LAYER_WEIGHTS[1]} + 1 = "
        f"{Network(TWO_LAYER_SIZES).parameter_count}."
    ),
    tolerance=0.1,
    mistakes=[
        (
            lambda: int(np.sum(_TWO_LAYER_WEIGHTS)),
            "That counts the weights but forgets the biases.",
        ),
    ],
    key="ch0-two-layer-parameters",
)

AI_WINTER = SingleChoice(
    "What ended the second AI winter (the 1990s to the mid-2000s)?",
    [
        "Large labelled data sets, fast GPUs, and better ingredients such as ReLU, dropout "
        "and batch normalization.",
        "The invention of the perceptron learning rule.",
        "Minsky and Papert's proof about XOR.",
        "McCulloch and Pitts' threshold neuron.",
    ],
    0,
    [
        "Right. Data (ImageNet), compute (GPUs) and training tricks came together; AlexNet "
        "(2012) is the landmark.",
        "The perceptron (1958) came long before either winter.",
        "That 1969 analysis is usually blamed for the *first* winter, not credited with ending "
        "the second.",
        "The 1943 threshold neuron is where the story starts, decades before the winters.",
    ],
    key="ch0-ai-winter",
)

QUESTIONS = [WHY_XOR, SEPARABLE_GATES, TWO_LAYER_PARAMETERS, AI_WINTER]
PREDICT = [FEWEST_XOR_ERRORS]
