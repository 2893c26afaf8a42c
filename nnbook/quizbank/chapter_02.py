"""Chapter 2 — A single neuron is a linear classifier. Quiz questions (answers computed)."""

import numpy as np

from nnbook.quiz import MultipleChoice, Numeric, SingleChoice, format_number
from nnlib.activations import sigmoid, step
from nnlib.datasets import logic_gate, spam_inbox
from nnlib.neurons import Perceptron


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
        "Tempting, since XOR is only a little harder than AND to write down. But no "
        "separating line exists for XOR (chapter 0), so there is nothing to find, however "
        "long it trains.",
        "Right. Every epoch contains mistakes, each mistake moves the line, and the weights "
        "return to the same few states again and again.",
        "The updates add and subtract the same few input vectors, so the weights stay small "
        "and cycle instead of growing.",
    ],
    key="ch2-predict-xor",
)


def step_and_sigmoid_agree(weights=(1.5, -2.0), bias=0.3):
    """Does sigmoid(z) >= 1/2 pick the same class as step(z) at every point of a grid?"""
    grid = np.stack(np.meshgrid(np.linspace(-3, 3, 61), np.linspace(-3, 3, 61)), -1)
    z = grid.reshape(-1, 2) @ np.array(weights) + bias
    return bool(np.array_equal(sigmoid(z) >= 0.5, step(z) == 1))


SWAP_ACTIVATION = SingleChoice(
    "You take a trained perceptron and replace its step by a sigmoid, keeping $\\mathbf{w}$ "
    "and $b$, and call a point class 1 when the output is at least 0.5. What changes?",
    [
        "The boundary bends into an S-shaped curve, because the sigmoid is nonlinear.",
        "Nothing at all: the outputs are still exactly 0 and 1.",
        "Points close to the line switch class, because the sigmoid is not sharp there.",
        "Same classes, same line; the output becomes a probability, ½ on the line.",
    ],
    lambda: 3 if step_and_sigmoid_agree() else 2,
    [
        "Tempting, but the sigmoid bends the *output*, not the boundary: σ(z) ≥ 0.5 "
        "exactly where z ≥ 0, and z = w·x + b = 0 is still a straight line.",
        "The outputs change: they become numbers between 0 and 1, near one half close to the "
        "line and near 0 or 1 far from it.",
        "Near the line the sigmoid is close to one half, but still on the same side of it as "
        "z is of 0, so no point switches class.",
        "Right. σ(z) ≥ 0.5 exactly when z ≥ 0, so the decisions and the straight boundary are "
        "unchanged; this neuron is logistic regression's model, read as a probability.",
    ],
    key="ch2-swap-activation",
)

DISTANCE_WEIGHTS, DISTANCE_BIAS = [1.0, 2.0], 3.0
_W_NORM = float(np.linalg.norm(DISTANCE_WEIGHTS))

DISTANCE = Numeric(
    r"A neuron has weights $\mathbf{w} = (1, 2)$ and bias $b = 3$. How far is its decision "
    r"boundary $\mathbf{w}\cdot\mathbf{x} + b = 0$ from the origin? (Two decimals.)",
    answer=lambda: boundary_distance(DISTANCE_WEIGHTS, DISTANCE_BIAS),
    explanation=(
        r"The distance is $|b| / \lVert\mathbf{w}\rVert = 3 / \sqrt{1^2 + 2^2} = "
        rf"3/{format_number(_W_NORM)} \approx "
        rf"{format_number(boundary_distance(DISTANCE_WEIGHTS, DISTANCE_BIAS))}$. "
        "The sign of b only says on which side of the origin the line lies."
    ),
    tolerance=0.01,
    mistakes=[
        (
            lambda: abs(DISTANCE_BIAS) / float(np.sum(np.square(DISTANCE_WEIGHTS))),
            "That divides by the squared length of w; use the length itself.",
        ),
        (
            lambda: abs(DISTANCE_BIAS) / float(np.sum(DISTANCE_WEIGHTS)),
            "That divides by w₁ + w₂; the length of w is the square root of w₁² + w₂².",
        ),
    ],
    key="ch2-distance",
)


def mistakes_in_order(gate, order):
    """Total perceptron mistakes on a gate whose rows are shown in ``order`` every epoch."""
    X, y = logic_gate(gate)
    return sum(Perceptron(2, learning_rate=1.0).fit(X[order], y[order]).errors_per_epoch)


def mistake_trace(gate, order):
    """'epoch e, example (x1, x2)' for every update the perceptron makes."""
    X, y = logic_gate(gate)
    run = Perceptron(2, learning_rate=1.0).fit(X[order], y[order])
    return [
        f"epoch {u.epoch}, example {tuple(int(v) for v in X[order][u.sample_index])}"
        for u in run.updates
        if u.changed
    ]


REVERSED = [3, 2, 1, 0]

OR_REVERSED = Numeric(
    "A perceptron starts from zero weights and bias, uses learning rate 1, and sees the OR "
    "truth table in the order **(1,1), (1,0), (0,1), (0,0)**, epoch after epoch. How many "
    "mistakes (weight updates) does it make in total before an epoch is error-free?",
    answer=lambda: mistakes_in_order("or", REVERSED),
    explanation=(
        "Trace it: the mistakes come at "
        + "; ".join(mistake_trace("or", REVERSED))
        + f", {mistakes_in_order('or', REVERSED)} in all. In the chapter's order the total is "
        f"{mistakes_in_order('or', [0, 1, 2, 3])}: the order changes the path of updates, and "
        "the convergence theorem bounds every path."
    ),
    tolerance=0.1,
    mistakes=[
        (
            lambda: mistakes_in_order("or", [0, 1, 2, 3]),
            "That is the count for the order (0,0), (0,1), (1,0), (1,1). Here the order is "
            "reversed, and the path of updates is different.",
        ),
    ],
    key="ch2-or-reversed",
)

X_XOR, Y_XOR = logic_gate("xor")
X_INBOX, Y_INBOX = spam_inbox(n=60, seed=0)
DATA_SETS = {
    "XOR with a third input $x_3 = x_1 x_2$ (the product of the two)": (
        np.column_stack([X_XOR, X_XOR[:, 0] * X_XOR[:, 1]]),
        Y_XOR,
    ),
    "OR with every input multiplied by 100": (100 * logic_gate("or")[0], logic_gate("or")[1]),
    "the toy inbox of 60 emails (two features)": (X_INBOX, Y_INBOX),
    "XOR plus a fifth point (0.5, 0.5) in class 1": (
        np.vstack([X_XOR, [0.5, 0.5]]),
        np.append(Y_XOR, 1),
    ),
}


def perceptron_settles(name, max_epochs=500):
    X, y = DATA_SETS[name]
    return Perceptron(X.shape[1]).fit(X, y, max_epochs=max_epochs).converged


SETTLES = MultipleChoice.from_predicate(
    "On which of these data sets does the perceptron rule reach an error-free epoch "
    "(select all that apply)?",
    list(DATA_SETS),
    perceptron_settles,
    [
        "Yes, surprisingly: with the product as a third input the four points are separable "
        "by a plane (for example x₁ + x₂ − 2x₃ = 0.5), so the theorem applies. New features "
        "can make a problem linear.",
        "Yes: scaling the inputs does not change which lines separate the points; R and the "
        "margin grow together, so the bound (R/γ)² stays the same.",
        "No: a few spam and normal emails sit among the other class, so no line separates the "
        "inbox, and the rule keeps making a mistake or two in every epoch.",
        "No: the four XOR corners are still there, and no line separates them, whatever a "
        "fifth point does.",
    ],
    key="ch2-settles",
)

QUESTIONS = [SWAP_ACTIVATION, DISTANCE, SETTLES, OR_REVERSED]
PREDICT = [PREDICT_XOR]
