"""Chapter 5 — Layers: stacking neurons. Quiz questions (answers computed, never typed in)."""

from itertools import pairwise

import numpy as np

from nnbook.quiz import MultipleChoice, Numeric, SingleChoice
from nnlib.network import Network


def hidden_layers_of(n_layers, width=4):
    """Hidden layers of an ``n_layers``-layer network (the input layer is not counted)."""
    sizes = [2] + [width] * (n_layers - 1) + [1]
    net = Network(sizes)
    assert len(net.layers) == n_layers  # one Dense layer per counted layer
    return len(net.layers) - 1


def _weights(sizes):
    """Weights only: n_in * n_out for each pair of neighbouring layers."""
    return [n_in * n_out for n_in, n_out in pairwise(sizes)]


HIDDEN_OF_3 = hidden_layers_of(3)

THREE_LAYER_HIDDEN = SingleChoice.from_values(
    'A "3-layer neural network" has how many hidden layers?',
    [
        (
            lambda: hidden_layers_of(3) - 1,
            f"{HIDDEN_OF_3 - 1} hidden layer plus the output "
            f"layer makes a {hidden_layers_of(2) + 1}-layer network: that is the network of "
            "chapter 0.",
        ),
        (
            lambda: hidden_layers_of(3),
            "Right. The input layer holds the data and has no weights, "
            "so it is not counted; of the three layers that compute, the last is the output layer, "
            f"which leaves {HIDDEN_OF_3} hidden ones. An N-layer network has N − 1 hidden layers.",
        ),
        (
            lambda: hidden_layers_of(3) + 1,
            "That counts the input layer as a layer of the network. "
            "By convention it is not counted: it computes nothing and has no weights.",
        ),
        (
            lambda: hidden_layers_of(3) + 2,
            "That is the number of layers *including* the input "
            f"layer ({HIDDEN_OF_3 + 2}: input, {HIDDEN_OF_3} hidden, output), and the input and "
            "output layers are not hidden.",
        ),
    ],
    correct=lambda: hidden_layers_of(3),
    key="ch5-three-layer-hidden",
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
        r"$100 \times 5$.",
        r"True: one row per sample, one column per hidden unit.",
        r"False: the weights are $3 \cdot 5 + 5 \cdot 2$. Each matrix links only two "
        r"neighbouring layers; sizes multiply within a layer and add across layers.",
    ],
    key="ch5-shapes",
)

CACHE = SingleChoice(
    "Why does each dense layer keep (cache) its input X and its weighted sums Z during the "
    "forward pass?",
    [
        "Backpropagation needs them: dW = Xᵀ·dZ uses the layer's input, and the activation's "
        "slope f′(Z) uses the weighted sums.",
        "To make the forward pass faster the next time the same input arrives.",
        "So that the network can undo the forward pass and recover the input from the output.",
        "They are kept only for plotting; training would work the same without them.",
    ],
    0,
    [
        "Right. The gradient of a layer's weights is its input times the gradient arriving at "
        "its weighted sums, and that gradient passes through f′(Z). Without the cache the "
        "backward pass would have to recompute the forward pass.",
        "No: a new batch gives new values every time; nothing is looked up.",
        "A layer is generally not invertible (a ReLU throws away negative values), and "
        "nothing in training needs to invert it.",
        "Training needs them: without X and Z there are no weight gradients.",
    ],
    key="ch5-cache",
)

QUESTIONS = [THREE_LAYER_HIDDEN, DIGITS_PARAMETERS, SHAPE_FACTS, CACHE]


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
