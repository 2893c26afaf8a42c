"""Chapter 8 — Capacity and overfitting: quiz questions (answers computed, never typed in)."""

from functools import cache
from itertools import pairwise

import numpy as np

from nnbook.quiz import MultipleChoice, Numeric, SingleChoice, format_number
from nnlib.datasets import regression_1d, regression_curve
from nnlib.network import Network
from nnlib.regularization import l2_gradient
from nnlib.training import fit

# The chapter's curve-fitting setup: 20 noisy training points of sin(pi x), 200 test points.
NOISE = 0.3


@cache
def curve_errors(width: int) -> tuple[float, float, float]:
    """(train MSE, test MSE, noise floor) of a [1, width, width, 1] tanh network, as in ch. 8."""
    X, y = regression_1d(n=20, function="sine", noise=NOISE, seed=1)
    X_test, y_test = regression_1d(n=200, function="sine", noise=NOISE, seed=2)
    network = Network([1, width, width, 1], activation="tanh", seed=0)
    history = fit(
        network,
        X,
        y,
        epochs=2000,
        loss="mse",
        optimizer="adam",
        learning_rate=0.01,
        validation_data=(X_test, y_test),
    )
    floor = float(np.mean((y_test - regression_curve("sine", X_test)) ** 2))
    return history.train_loss[-1], history.test_loss[-1], floor


def big_network_verdict() -> int:
    """Which option of OVERFIT_PREDICT describes the 32-unit network's test error."""
    train, test, floor = curve_errors(BIG_WIDTH)
    if test < 2 * max(train, 0.01):
        return 0
    if test < 1.5 * floor:
        return 1
    return 2


BIG_WIDTH = 32
BIG_PARAMETERS = Network([1, BIG_WIDTH, BIG_WIDTH, 1]).parameter_count

OVERFIT_PREDICT = SingleChoice(
    f"A network with two hidden layers of {BIG_WIDTH} tanh units ({BIG_PARAMETERS:,} "
    "parameters) trains on "
    "the **20** noisy points until its training error is close to 0. Its error on 200 new "
    "points from the same curve and noise will be ...",
    [
        "small too, about as small as its training error",
        "close to the noise level, the best any model can do on new points",
        "far above the noise level, and worse than a network with only 2 units per layer",
    ],
    big_network_verdict,
    [
        "A training error near 0 means the curve passes through the noisy points, noise and "
        "all. New points have new noise, which the network cannot have memorised.",
        "That is what the true curve itself would score. A network that bent itself through "
        "every noisy training point is not the true curve.",
        "Right: the network memorised the noise of the 20 points. Between them its curve "
        "swings wildly, so on new points it does worse than a much smaller network.",
    ],
    key="ch8-overfit-predict",
)

CS231N = SingleChoice(
    "According to cs231n, what's the recommended way to fight overfitting?",
    [
        "Use a smaller network, with fewer neurons, so it cannot memorise the data.",
        "Use as large a network as you can afford and control overfitting with "
        "regularization: an L2 penalty, dropout, early stopping, more data.",
        "Train for more epochs, until the training loss is exactly zero.",
        "Switch the hidden activation from ReLU to sigmoid.",
    ],
    1,
    [
        "That is the tempting answer the notes argue against: small networks do overfit less, "
        "but they are harder to train well; their final losses vary more from seed to seed "
        "and are worse on average.",
        "Right. Capacity is not the enemy; unchecked capacity is. A large, regularized "
        "network fits the pattern and leaves out the noise, and its training is more reliable.",
        "A training loss of zero on noisy data means the noise has been memorised: that is "
        "overfitting itself, not a cure. Early stopping does the opposite.",
        "The activation does not control capacity in this way; sigmoid hidden units mostly "
        "make training slower (chapter 7).",
    ],
    key="ch8-cs231n",
)

REMEDIES = [
    (
        "an L2 penalty on the weights (weight decay)",
        True,
        "Yes: it pulls every weight towards 0 a little at each step, which favours smooth "
        "functions.",
    ),
    (
        "dropout",
        True,
        "Yes: random units are switched off during training, so no unit can rely on a "
        "particular other one being there.",
    ),
    (
        "early stopping on a validation set",
        True,
        "Yes: stop when the validation error stops improving and keep the best weights.",
    ),
    (
        "more training data (or augmentation)",
        True,
        "Yes: more points pin the curve down between them; it is often the best regularizer.",
    ),
    (
        "training longer once the training loss has flattened out",
        False,
        "No: after the pattern is learned, further epochs mostly fit the noise.",
    ),
    (
        "choosing the regularization strength by the test-set error",
        False,
        "No: then the test set is no longer unseen data and its error is optimistic; tune on a "
        "validation set and look at the test set once, at the end.",
    ),
]

REMEDIES_QUESTION = MultipleChoice(
    "Which of these reduce overfitting of a large network in a sound way? (Select all that apply.)",
    [text for text, _, _ in REMEDIES],
    [i for i, (_, applies, _) in enumerate(REMEDIES) if applies],
    [why for _, _, why in REMEDIES],
    key="ch8-remedies",
)

L2_STRENGTH, L2_WEIGHT = 0.01, 3.0

L2_STEP = Numeric(
    r"With the L2 penalty $\frac{\lambda}{2}\sum W^2$ and strength "
    rf"$\lambda = {format_number(L2_STRENGTH)}$, how much does the penalty add to the gradient "
    rf"of a weight whose value is $w = {format_number(L2_WEIGHT)}$?",
    answer=lambda: float(l2_gradient(np.array([L2_WEIGHT]), L2_STRENGTH)[0]),
    explanation=(
        r"The derivative of $\frac{\lambda}{2}w^2$ is $\lambda w = "
        rf"{format_number(L2_STRENGTH)}\cdot {format_number(L2_WEIGHT)} = "
        rf"{format_number(float(l2_gradient(np.array([L2_WEIGHT]), L2_STRENGTH)[0]))}$. "
        r"A gradient step "
        r"then subtracts $\eta\lambda w$: every weight shrinks in proportion to its size, which "
        r"is why L2 is also called weight decay."
    ),
    tolerance=1e-4,
    mistakes=[
        (
            lambda: float(0.5 * L2_STRENGTH * np.square(L2_WEIGHT)),
            "That is the penalty itself, "
            r"$\frac{\lambda}{2}w^2$; the question asks for its gradient.",
        ),
        (
            lambda: float(np.multiply(L2_STRENGTH, L2_WEIGHT) * 2.0),
            r"The $\frac12$ in the penalty cancels "
            "the 2 of the derivative.",
        ),
    ],
    key="ch8-l2-step",
)

DIGITS_SIZES = [64, 100, 50, 10]
_DIGITS_LAYERS = [(n_in, n_out, n_in * n_out + n_out) for n_in, n_out in pairwise(DIGITS_SIZES)]
_DIGITS_UNITS = sum(DIGITS_SIZES[1:])  # one bias per unit that computes

DIGITS_PARAMETERS = Numeric(
    "The chapter's digit classifier has layer sizes 64 → 100 → 50 → 10. How many parameters "
    "(weights and biases) does it have?",
    answer=lambda: Network(DIGITS_SIZES).parameter_count,
    explanation=(
        ", ".join(
            rf"${n_in}\cdot{n_out}+{n_out} = {count}$" for n_in, n_out, count in _DIGITS_LAYERS[:-1]
        )
        + " and "
        + rf"${_DIGITS_LAYERS[-1][0]}\cdot{_DIGITS_LAYERS[-1][1]}+{_DIGITS_LAYERS[-1][1]} = "
        + rf"{_DIGITS_LAYERS[-1][2]}$: "
        + f"{Network(DIGITS_SIZES).parameter_count:,} in all, many more than there are "
        "training images."
    ),
    tolerance=0.5,
    mistakes=[
        (
            lambda: Network(DIGITS_SIZES).parameter_count - sum(DIGITS_SIZES[1:]),
            f"That counts only the weights; each of the {_DIGITS_UNITS} units also has a bias.",
        ),
    ],
    key="ch8-digits-parameters",
)

QUESTIONS = [CS231N, REMEDIES_QUESTION, L2_STEP, DIGITS_PARAMETERS]
PREDICT = [OVERFIT_PREDICT]
