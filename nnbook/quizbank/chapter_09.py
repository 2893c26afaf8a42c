"""Chapter 9 — Training the network: quiz questions (answers computed, never typed in)."""

import numpy as np

from nnbook.quiz import MultipleChoice, Numeric, SingleChoice, format_number
from nnlib.activations import get_activation, sigmoid
from nnlib.datasets import make_dataset
from nnlib.gradcheck import numerical_gradient
from nnlib.initializers import get_initializer
from nnlib.losses import BinaryCrossEntropy, MeanSquaredError
from nnlib.network import Network
from nnlib.optimizers import SGD, Momentum
from nnlib.regularization import Dropout
from nnlib.training import fit


def logit_gradients(logit=-10.0, label=1.0):
    """(|dMSE/dz|, |dBCE/dz|) for one sigmoid output unit at ``logit`` with ``label``."""
    z, t = np.array([[logit]]), np.array([[label]])
    mse = MeanSquaredError().gradient(sigmoid(z), t) * get_activation("sigmoid").derivative(z)
    bce = BinaryCrossEntropy().gradient(z, t)
    return abs(float(mse.item())), abs(float(bce.item()))


def cube_central_difference(x=2.0, epsilon=0.1):
    """The central-difference estimate of d/dx x^3, computed by nnlib.gradcheck."""
    return float(numerical_gradient(lambda w: float(w[0] ** 3), np.array([x]), epsilon)[0])


def dropout_output_mean(rate=0.5):
    """Mean output of inverted dropout on a large array of ones, while training."""
    return float(Dropout(rate, seed=0).forward(np.ones((500, 500)), training=True).mean())


CE_LOGIT = -10.0
CE_PROBABILITY = float(sigmoid(np.array(CE_LOGIT)))

CE_VS_MSE = SingleChoice(
    rf"A sigmoid output unit has logit $z = {format_number(CE_LOGIT)}$ (probability about "
    f"{CE_PROBABILITY:.5f}) for a sample whose "
    r"label is 1: confidently wrong. Which loss sends the larger gradient back to $z$?",
    [
        r"Squared error on the probability, $(\sigma(z) - 1)^2$",
        "Both send the same gradient; they differ only in the loss value",
        r"Binary cross-entropy, $-\log \sigma(z)$",
    ],
    # option 2 if cross-entropy's gradient is the larger one, else option 0
    lambda: 2 if logit_gradients(CE_LOGIT)[1] > logit_gradients(CE_LOGIT)[0] else 0,
    [
        r"Tempting, because its loss is large here. But its gradient is "
        r"$2(\sigma(z) - 1)\,\sigma'(z)$, and $\sigma'(-10)$ is tiny: the saturated sigmoid "
        r"almost blocks it, exactly when the answer is most wrong.",
        r"They differ by the factor $2\sigma'(z)$, which is far below 1 at $z = -10$.",
        r"Right. Cross-entropy's gradient is $\sigma(z) - 1 \approx "
        rf"{CE_PROBABILITY - 1:.0f}$, its largest possible "
        r"size: the log cancels the sigmoid's slope, so a confidently wrong unit gets a strong "
        r"push.",
    ],
    key="ch9-ce-vs-mse",
)


def distinct_hidden_units(change: str, epochs: int = 60) -> int:
    """Distinct hidden units of a [2, 8, 1] network whose weights all start at 0.5, after training
    with one change to that start or to the training (as in the chapter, on the moons data)."""
    X, y = make_dataset("moons", n=200, noise=0.1, seed=0)
    activation = "relu" if change == "relu" else "tanh"
    net = Network(
        [2, 8, 1], activation=activation, initializer=get_initializer("constant", value=0.5), seed=0
    )
    if change == "random biases":
        net.layers[0].b[...] = np.random.default_rng(0).normal(0.0, 0.5, size=8)
    fit(
        net,
        X,
        y,
        epochs=epochs,
        learning_rate=2.0 if change == "larger rate" else 0.5,
        batch_size=20 if change == "mini-batches" else None,
        seed=0,
    )
    return len(np.unique(net.layers[0].W, axis=1).T)


SYMMETRY_CHANGES = ["random biases", "larger rate", "relu", "mini-batches"]

SYMMETRY = SingleChoice(
    "Section 9.8.1's network starts with every weight at 0.5 and ends with 8 identical hidden "
    "units. Which single change would let its hidden units become different?",
    [
        "Start the 8 biases at different random values, weights still 0.5",
        "Train with a four times larger learning rate",
        "Use ReLU hidden units instead of tanh",
        "Train on shuffled mini-batches of 20 instead of the full batch",
    ],
    lambda: [distinct_hidden_units(c) > 1 for c in SYMMETRY_CHANGES].index(True),
    [
        "Right. Different biases give the units different outputs on the same input, hence "
        "different deltas and different updates: the symmetry is broken (any random difference "
        f"will do). Trained that way the layer ends with {distinct_hidden_units('random biases')} "
        "distinct units.",
        "Tempting, since bigger steps shake things up. But every unit still gets the same "
        "gradient, so bigger identical steps keep them identical.",
        "The activation changes what each unit computes, but all 8 compute the same thing from "
        "the same weights, so they still receive identical updates.",
        "Tempting, since mini-batches add noise. But the noise is the same for every unit: each "
        "batch gives all 8 identical gradients.",
    ],
    key="ch9-symmetry",
)

SOURCE = SingleChoice(
    "Which component makes a neural network more powerful than a linear classifier?",
    [
        "More weights per layer",
        "The bias terms",
        "Training with gradient descent instead of a closed-form solution",
        "The nonlinear activations between the layers",
    ],
    3,
    [
        "Tempting, since more weights sound like more power. But without a nonlinearity any "
        "number of weights and layers folds into one matrix: W2(W1x) = (W2W1)x is still a "
        "linear classifier (chapter 3).",
        "A linear classifier Wx + b already has biases; they shift the boundary but never bend it.",
        "The training method decides which weights are found, not which functions the model can "
        "represent; logistic regression is trained by gradient descent and stays linear.",
        "Right. A nonlinearity between layers stops them from collapsing into a single linear "
        "map, so the network can bend its decision boundary (and, with enough units, "
        "approximate any continuous function, chapter 6).",
    ],
    key="ch9-source-nonlinearity",
)


def momentum_step_growth(beta: float, steps: int = 2000) -> float:
    """Last step of nnlib's Momentum under a constant gradient, over a plain step's size."""
    w = np.zeros(1)
    optimizer = Momentum(0.01, momentum=beta)
    for _ in range(steps):
        before = w.copy()
        optimizer.step([w], [np.ones(1)])
    return float((before - w)[0] / 0.01)


def momentum_zero_is_sgd() -> bool:
    """Does Momentum with momentum 0 take exactly plain gradient descent's steps?"""
    w_momentum, w_sgd = np.array([1.0, -2.0]), np.array([1.0, -2.0])
    momentum, sgd = Momentum(0.1, momentum=0.0), SGD(0.1)
    for _ in range(5):
        momentum.step([w_momentum], [3 * w_momentum])
        sgd.step([w_sgd], [3 * w_sgd])
    return bool(np.allclose(w_momentum, w_sgd))


MOMENTUM_STATEMENTS = [
    (
        "Along a direction where the gradient never changes, its steps grow to about 100 times "
        "a plain gradient-descent step",
        lambda: abs(momentum_step_growth(0.99) - 100) < 1,
        f"True: the velocity adds up to 1/(1 − β) = 100 plain steps; nnlib's Momentum reaches "
        f"{momentum_step_growth(0.99):.1f} times a plain step.",
    ),
    (
        "It forgets old gradients faster than with β = 0.9",
        lambda: False,
        "False, and a common mix-up: β is the share of the old velocity that is kept, so a "
        "larger β remembers longer (about 100 steps instead of 10).",
    ),
    (
        "Across a valley, where the gradient flips sign every step, the velocity's zig-zag is "
        "damped even more than with β = 0.9",
        lambda: False,
        "False: the flipping gradients cancel in the velocity either way, but a larger β keeps "
        "more of the old velocity, so the swing across the valley dies down more slowly.",
    ),
    (
        "With β = 0 instead, momentum would be plain gradient descent",
        momentum_zero_is_sgd,
        "True: with β = 0 the velocity is just −η g, the plain step (nnlib's Momentum and SGD "
        "then take identical steps).",
    ),
]

MOMENTUM_BETA = MultipleChoice(
    "Momentum's β is raised from the usual 0.9 to 0.99. Which statements about the new "
    "optimizer are true? Select all that apply.",
    [text for text, _, _ in MOMENTUM_STATEMENTS],
    lambda: [i for i, (_, holds, _) in enumerate(MOMENTUM_STATEMENTS) if holds()],
    [why for _, _, why in MOMENTUM_STATEMENTS],
    key="ch9-momentum-beta",
)

CD_W, CD_EPS = 2.0, 0.1
_CD_ABOVE, _CD_BELOW = CD_W + CD_EPS, CD_W - CD_EPS
_CD_EXACT = float(np.polyval([3, 0, 0], CD_W))  # 3 w^2

CENTRAL_DIFFERENCE = Numeric(
    rf"Estimate the derivative of $f(w) = w^3$ at $w = {format_number(CD_W)}$ with a central "
    rf"difference and step $\varepsilon = {format_number(CD_EPS)}$: "
    rf"$\bigl(f({format_number(_CD_ABOVE)}) - f({format_number(_CD_BELOW)})\bigr) / "
    rf"{format_number(2 * CD_EPS)}$. (Three decimals.)",
    answer=lambda: cube_central_difference(CD_W, CD_EPS),
    explanation=(
        rf"$({format_number(_CD_ABOVE**3, 6)} - {format_number(_CD_BELOW**3, 6)})"
        rf"/{format_number(2 * CD_EPS)} = "
        rf"{format_number(cube_central_difference(CD_W, CD_EPS), 6)}$. The exact derivative "
        rf"is $3w^2 = {format_number(_CD_EXACT)}$; the central difference is off by "
        rf"$\varepsilon^2 = {format_number(CD_EPS**2)}$ (for a cubic, exactly "
        r"$\varepsilon^2$), which is why a small $\varepsilon$ makes it so accurate."
    ),
    tolerance=0.0005,
    mistakes=[
        (
            lambda: float(np.polyval([3, 0, 0], CD_W)),
            "That is the exact derivative $3w^2$; the central difference is slightly off it.",
        ),
        (
            lambda: float((np.power(_CD_ABOVE, 3) - np.power(CD_W, 3)) / CD_EPS),
            r"That is the one-sided (forward) difference "
            rf"$(f({format_number(_CD_ABOVE)}) - f({format_number(CD_W)}))"
            rf"/{format_number(CD_EPS)}$, whose error is of "
            r"order $\varepsilon$, not $\varepsilon^2$.",
        ),
    ],
    key="ch9-central-difference",
)

HE_SHAPE = (50, 20)  # (n_in, n_out)
HE_SCALE = float(get_initializer("he_normal").scale(HE_SHAPE))

HE_STD = Numeric(
    rf"A ReLU layer has $n_\text{{in}} = {HE_SHAPE[0]}$ inputs and {HE_SHAPE[1]} units. With "
    r"He initialization, what is the standard deviation of its initial weights?",
    answer=lambda: float(get_initializer("he_normal").scale(HE_SHAPE)),
    explanation=(
        rf"He: $\operatorname{{Var}}(W) = 2/n_\text{{in}} = 2/{HE_SHAPE[0]} = "
        rf"{format_number(HE_SCALE**2)}$, so the standard deviation "
        rf"is $\sqrt{{{format_number(HE_SCALE**2)}}} = {format_number(HE_SCALE)}$."
    ),
    tolerance=0.002,
    mistakes=[
        (
            lambda: float(get_initializer("xavier_normal").scale(HE_SHAPE)),
            r"That is Xavier, $\sqrt{2/(n_\text{in}+n_\text{out})}$; He uses only $n_\text{in}$.",
        ),
        (
            lambda: float(get_initializer("he_normal").scale(HE_SHAPE)) ** 2,
            "That is the variance; the question asks for the standard deviation, its square root.",
        ),
    ],
    key="ch9-he-std",
)

DROPOUT_RATE = 0.5
# Inverted dropout multiplies the kept outputs by 1 / (1 - rate): read it off nnlib.
DROPOUT_SCALE = float(Dropout(DROPOUT_RATE, seed=0).forward(np.ones((10, 10)), training=True).max())
SQUARE_LAYER = (100, 100)
XAVIER_VAR = float(get_initializer("xavier_normal").scale(SQUARE_LAYER)) ** 2
HE_VAR = float(get_initializer("he_normal").scale(SQUARE_LAYER)) ** 2
BOWL_CURVATURE, BOWL_RATE = 10.0, 0.3

STATEMENTS = [
    (
        "With inverted dropout at rate 0.5, the mean of a unit's output while training equals its "
        "mean without dropout.",
        lambda: bool(abs(dropout_output_mean(DROPOUT_RATE) - 1.0) < 0.02),
        f"True: kept outputs are multiplied by 1/(1 − {DROPOUT_RATE}) = "
        f"{format_number(DROPOUT_SCALE)}, dropped ones are 0, so on average nothing "
        "changes and no rescaling is needed at test time.",
    ),
    (
        "For a layer with 100 inputs and 100 outputs, Xavier initialization draws smaller "
        "weights (a smaller standard deviation) than He initialization.",
        lambda: (
            get_initializer("xavier_normal").scale(SQUARE_LAYER)
            < get_initializer("he_normal").scale(SQUARE_LAYER)
        ),
        f"True: Xavier's variance is 2/({SQUARE_LAYER[0]} + {SQUARE_LAYER[1]}) = "
        f"{format_number(XAVIER_VAR)}, He's is 2/{SQUARE_LAYER[0]} = {format_number(HE_VAR)}. "
        f"He multiplies the variance by {format_number(HE_VAR / XAVIER_VAR)} because a ReLU "
        "zeroes about half of its inputs.",
    ),
    (
        "For a classifier, squared error on the sigmoid output gives a larger gradient than "
        "cross-entropy when the network is confidently wrong.",
        lambda: logit_gradients()[0] > logit_gradients()[1],
        "False: the sigmoid's slope, nearly 0 when it is saturated, multiplies the squared-error "
        "gradient; cross-entropy's gradient is the probability minus the label.",
    ),
    (
        "Gradient descent on a bowl with largest curvature 10 converges for any learning rate "
        "below 0.5.",
        lambda: bool(abs(1 - BOWL_RATE * BOWL_CURVATURE) < 1),
        "False: a direction with curvature λ is multiplied by (1 − ηλ) each step, which shrinks "
        f"only for η < 2/λ = {format_number(2 / BOWL_CURVATURE)}; at η = "
        f"{format_number(BOWL_RATE)} the factor is "
        f"{format_number(1 - BOWL_RATE * BOWL_CURVATURE).replace('-', '−')} and the steps "
        "blow up.",
    ),
]

TRUE_STATEMENTS = MultipleChoice(
    "Which statements are true? Select all that apply.",
    [text for text, _, _ in STATEMENTS],
    lambda: [i for i, (_, holds, _) in enumerate(STATEMENTS) if holds()],
    [why for _, _, why in STATEMENTS],
    key="ch9-true-statements",
)

QUESTIONS = [SOURCE, MOMENTUM_BETA, CENTRAL_DIFFERENCE, HE_STD, TRUE_STATEMENTS, SYMMETRY]
PREDICT = [CE_VS_MSE]
