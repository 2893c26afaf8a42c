"""Chapter 8 — Capacity and overfitting: quiz questions (answers computed, never typed in)."""

from functools import cache
from itertools import pairwise

import numpy as np

from nnbook.quiz import MultipleChoice, Numeric, SingleChoice, format_number
from nnbook.side_by_side import fit_side_by_side
from nnlib.datasets import regression_1d, regression_curve
from nnlib.network import Network
from nnlib.regularization import l2_gradient

# The chapter's curve-fitting setup: 20 noisy training points of sin(pi x), 200 test points.
NOISE = 0.3


SEEDS = range(10)


@cache
def curve_errors(width: int) -> tuple[float, float, float]:
    """Median (train MSE, test MSE) over SEEDS of [1, width, width, 1] tanh networks, and the
    noise floor, trained as in chapter 8 (full-batch Adam, learning rate 0.01, 2000 epochs)."""
    X, y = regression_1d(n=20, function="sine", noise=NOISE, seed=1)
    X_test, y_test = regression_1d(n=200, function="sine", noise=NOISE, seed=2)
    nets = fit_side_by_side([1, width, width, 1], SEEDS, X, y, epochs=2000, learning_rate=0.01)
    train = float(np.median([np.mean((net(X) - y) ** 2) for net in nets]))
    test = float(np.median([np.mean((net(X_test) - y_test) ** 2) for net in nets]))
    floor = float(np.mean((y_test - regression_curve("sine", X_test)) ** 2))
    return train, test, floor


def big_network_verdict() -> int:
    """Which option of OVERFIT_PREDICT describes the 32-unit networks' median test error."""
    train, test, floor = curve_errors(BIG_WIDTH)
    if test < 2 * max(train, 0.01):
        return 0
    if test > 1.5 * floor and test > curve_errors(SMALL_WIDTH)[1]:
        return 1
    return 2


BIG_WIDTH, SMALL_WIDTH = 32, 2
BIG_PARAMETERS = Network([1, BIG_WIDTH, BIG_WIDTH, 1]).parameter_count

OVERFIT_PREDICT = SingleChoice(
    f"A network with two hidden layers of {BIG_WIDTH} tanh units ({BIG_PARAMETERS:,} "
    "parameters) trains on "
    "the **20** noisy points until its training error is close to 0. Its error on 200 new "
    "points from the same curve and noise will be ...",
    [
        "small too, about as small as its training error",
        f"far above the noise level, and above a {SMALL_WIDTH}-unit network's",
        "close to the noise level, the best any model can do on new points",
    ],
    big_network_verdict,
    [
        "Tempting, since the network did so well on its own points. But a training error near "
        "0 means the curve passes through the noisy points, noise and all; new points have new "
        "noise, which the network cannot have memorised.",
        "Right: the network memorised the noise of the 20 points. Between them its curve "
        f"swings wildly, so on new points it does worse than a network with {SMALL_WIDTH} "
        "units per layer (the medians over ten seeds in the chapter show it).",
        "That is what the true curve itself would score. A network that bent itself through "
        "every noisy training point is not the true curve.",
    ],
    key="ch8-overfit-predict",
)


def noise_floor(noise: float) -> float:
    """Test MSE of the true sine curve on the chapter's 200 test points at this noise level."""
    X_test, y_test = regression_1d(n=200, function="sine", noise=noise, seed=2)
    return float(np.mean((y_test - regression_curve("sine", X_test)) ** 2))


FLOOR_RATIO = noise_floor(2 * NOISE) / noise_floor(NOISE)

NOISE_FLOOR = SingleChoice(
    f"The chapter's data have noise σ = {NOISE}. If the noise were doubled to σ = "
    f"{2 * NOISE:g} (same curve, same number of points), what would happen to the noise floor, "
    "the test error of the true curve itself?",
    [
        "It would quadruple",
        "It would double, like σ",
        "It would stay the same: it belongs to the true curve, which did not change",
        "It would depend on which network is trained",
    ],
    lambda: 0 if abs(FLOOR_RATIO - 4) < 0.5 else 1 if abs(FLOOR_RATIO - 2) < 0.5 else -1,
    [
        f"Right: the floor is the mean squared noise, about σ², and twice the noise gives "
        f"four times its square (the chapter's test points give a ratio of {FLOOR_RATIO:.2f}).",
        "Tempting, since the noise doubled. But the error is measured in squares, so the floor "
        "grows like σ², not like σ.",
        "The true curve is the same, but the floor measures how far the noisy test points lie "
        "from it, and that distance grows with the noise.",
        "The floor is the error of the true curve, which no network enters: every network's "
        "test error sits on top of it.",
    ],
    key="ch8-noise-floor",
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

DIGITS_SIZES = [784, 100, 50, 10]
_DIGITS_LAYERS = [(n_in, n_out, n_in * n_out + n_out) for n_in, n_out in pairwise(DIGITS_SIZES)]
_DIGITS_UNITS = sum(DIGITS_SIZES[1:])  # one bias per unit that computes

DIGITS_PARAMETERS = Numeric(
    "The chapter's digit classifier has layer sizes 64 → 100 → 50 → 10 for 8×8 images. Keep "
    "its hidden layers but feed it 28×28 images (MNIST), so 784 → 100 → 50 → 10. How many "
    "parameters (weights and biases) does it have now?",
    answer=lambda: Network(DIGITS_SIZES).parameter_count,
    explanation=(
        ", ".join(
            rf"${n_in}\cdot{n_out}+{n_out} = {count}$" for n_in, n_out, count in _DIGITS_LAYERS[:-1]
        )
        + " and "
        + rf"${_DIGITS_LAYERS[-1][0]}\cdot{_DIGITS_LAYERS[-1][1]}+{_DIGITS_LAYERS[-1][1]} = "
        + rf"{_DIGITS_LAYERS[-1][2]}$: "
        + f"{Network(DIGITS_SIZES).parameter_count:,} in all. Nearly all of the growth is in "
        "the first layer, whose weights scale with the number of pixels."
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

QUESTIONS = [NOISE_FLOOR, REMEDIES_QUESTION, L2_STEP, DIGITS_PARAMETERS]
PREDICT = [OVERFIT_PREDICT]
