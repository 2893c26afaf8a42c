"""Chapter 2 — A single neuron is a linear classifier. Quiz questions (answers computed)."""

import numpy as np

from nnbook.quiz import MultipleChoice, Numeric, SingleChoice, format_number
from nnlib.datasets import logic_gate
from nnlib.neurons import Perceptron

GATES = ["and", "or", "nand", "nor", "xor"]


def perceptron_run(gate, max_epochs=100):
    """Train a zero-initialised perceptron (learning rate 1) on a logic gate."""
    X, y = logic_gate(gate)
    return Perceptron(2, learning_rate=1.0).fit(X, y, max_epochs=max_epochs)


def boundary_distance(weights, bias):
    """Distance from the origin to the line w . x + b = 0: |b| / ||w||."""
    return float(abs(bias) / np.linalg.norm(weights))


OUTCOMES = [
    "It finds a separating line, only after many more epochs than AND needs.",
    "It never has an epoch without mistakes: the weights keep cycling.",
    "Its weights grow without bound until the numbers overflow.",
]

PREDICT_XOR = SingleChoice(
    "The perceptron learns AND in a few epochs. What happens when it is trained on **XOR** "
    "for 100 epochs?",
    OUTCOMES,
    lambda: 0 if perceptron_run("xor").converged else 1,
    [
        "No separating line exists for XOR (chapter 0), so there is nothing to find, however "
        "long it trains.",
        "Right. Every epoch contains mistakes, each mistake moves the line, and the weights "
        "return to the same few states again and again.",
        "The updates add and subtract the same few input vectors, so the weights stay small "
        "and cycle instead of growing.",
    ],
    key="ch2-predict-xor",
)

SIGMOID_NEURON = SingleChoice(
    "A single neuron with a sigmoid activation is equivalent to:",
    [
        "logistic regression",
        "a perceptron",
        "a network with one hidden layer",
        "a nearest-neighbour classifier",
    ],
    0,
    [
        "Right. σ(w·x + b) is exactly the logistic regression model: a probability from a "
        "linear score, trained by minimising cross-entropy, with a straight decision boundary.",
        "Close, but the perceptron uses a step, outputs hard 0/1 labels and learns with the "
        "perceptron rule. With a sigmoid the output is a probability and the model is "
        "trained by gradient descent.",
        "A hidden layer needs several neurons feeding another one; a single neuron draws only "
        "one straight boundary.",
        "Nearest-neighbour classifiers store the training points and can draw curved "
        "boundaries; a single neuron keeps only w and b.",
    ],
    key="ch2-sigmoid-neuron",
)

DISTANCE_WEIGHTS, DISTANCE_BIAS = [3.0, 4.0], -10.0
_W_NORM = float(np.linalg.norm(DISTANCE_WEIGHTS))

DISTANCE = Numeric(
    r"A neuron has weights $\mathbf{w} = (3, 4)$ and bias $b = -10$. How far is its decision "
    r"boundary $\mathbf{w}\cdot\mathbf{x} + b = 0$ from the origin?",
    answer=lambda: boundary_distance(DISTANCE_WEIGHTS, DISTANCE_BIAS),
    explanation=(
        r"The distance is $|b| / \lVert\mathbf{w}\rVert = 10 / \sqrt{3^2 + 4^2} = "
        rf"10/{format_number(_W_NORM)} = "
        rf"{format_number(boundary_distance(DISTANCE_WEIGHTS, DISTANCE_BIAS))}$."
    ),
    tolerance=0.01,
    mistakes=[
        (
            lambda: abs(DISTANCE_BIAS) / float(np.sum(np.square(DISTANCE_WEIGHTS))),
            "That divides by the squared length of w; use the length itself.",
        )
    ],
    key="ch2-distance",
)

OR_MISTAKES = Numeric(
    "A perceptron starts from zero weights and bias, uses learning rate 1, and sees the OR "
    "truth table in the order (0,0), (0,1), (1,0), (1,1), epoch after epoch. How many "
    "mistakes (weight updates) does it make in total before an epoch is error-free?",
    answer=lambda: sum(perceptron_run("or").errors_per_epoch),
    explanation="Run Perceptron(2).fit on datasets.logic_gate('or') and add up errors_per_epoch.",
    tolerance=0.1,
    key="ch2-or-mistakes",
)

CONVERGES = MultipleChoice.from_predicate(
    "On which gates does the perceptron reach an error-free epoch within 100 epochs? "
    "(select all that apply)",
    GATES,
    lambda gate: perceptron_run(gate).converged,
    [
        "AND is linearly separable, so the convergence theorem guarantees it.",
        "OR is linearly separable, so the convergence theorem guarantees it.",
        "NAND is linearly separable (AND with the classes swapped).",
        "NOR is linearly separable (OR with the classes swapped).",
        "XOR is not linearly separable: no epoch is ever free of mistakes.",
    ],
    label=str.upper,
    key="ch2-converges",
)

QUESTIONS = [SIGMOID_NEURON, DISTANCE, CONVERGES, OR_MISTAKES]
PREDICT = [PREDICT_XOR]
