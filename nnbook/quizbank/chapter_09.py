"""Chapter 9 — Training the network: quiz questions (answers computed, never typed in)."""

import numpy as np

from nnbook.quiz import MultipleChoice, Numeric, SingleChoice, format_number
from nnlib.activations import get_activation, sigmoid
from nnlib.gradcheck import numerical_gradient
from nnlib.initializers import get_initializer
from nnlib.losses import BinaryCrossEntropy, MeanSquaredError
from nnlib.optimizers import Adam
from nnlib.regularization import Dropout


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
        r"Binary cross-entropy, $-\log \sigma(z)$",
        "Both send the same gradient; they only differ in the loss value.",
    ],
    # option 1 if cross-entropy's gradient is the larger one, else option 0
    lambda: 1 if logit_gradients(CE_LOGIT)[1] > logit_gradients(CE_LOGIT)[0] else 0,
    [
        r"The squared-error gradient is $2(\sigma(z) - 1)\,\sigma'(z)$, and $\sigma'(-10)$ is "
        r"tiny: the saturated sigmoid almost blocks it, exactly when the answer is most wrong.",
        r"Right. Cross-entropy's gradient is $\sigma(z) - 1 \approx "
        rf"{CE_PROBABILITY - 1:.0f}$, its largest possible "
        r"size: the log cancels the sigmoid's slope, so a confidently wrong unit gets a strong "
        r"push.",
        r"They differ by the factor $2\sigma'(z)$, which is far below 1 at $z = -10$; the "
        r"chapter prints the ratio.",
    ],
    key="ch9-ce-vs-mse",
)

SYMMETRY = SingleChoice(
    "A network has one hidden layer of 8 tanh units, and every weight starts at exactly 0.5. "
    "After 300 epochs of gradient descent, how many different hidden units does it have?",
    [
        "8: training makes them specialise.",
        "1: all 8 stay identical copies of each other.",
        "0: every weight is driven to zero.",
    ],
    1,
    [
        "To specialise they would need different updates, but identical units receive "
        "identical gradients, so they can never become different.",
        "Right. Equal weights mean equal outputs, equal deltas and equal updates, step after "
        "step: the symmetry is never broken, and the layer is worth one unit.",
        "Nothing pulls the weights to zero; they change, but all in the same way.",
    ],
    key="ch9-symmetry",
)

SOURCE = SingleChoice(
    "Which component makes a neural network more powerful than a linear classifier?",
    [
        "More weights per layer.",
        "The nonlinear activation functions between the layers.",
        "The bias terms.",
        "Training with gradient descent instead of a closed-form solution.",
    ],
    1,
    [
        "Without a nonlinearity, any number of weights and layers folds into one matrix: "
        "W2(W1x) = (W2W1)x is still a linear classifier (chapter 3).",
        "Right. A nonlinearity between layers stops them from collapsing into a single linear "
        "map, so the network can bend its decision boundary (and, with enough units, "
        "approximate any continuous function, chapter 6).",
        "A linear classifier Wx + b already has biases; they shift the boundary but never bend it.",
        "The training method decides which weights are found, not which functions the model can "
        "represent; logistic regression is trained by gradient descent and stays linear.",
    ],
    key="ch9-source-nonlinearity",
)

ADAM_CANDIDATES = [
    (r"$\beta_1 = 0.9$", "beta1", 0.9),
    (r"$\beta_2 = 0.99$", "beta2", 0.99),
    (r"$\beta_2 = 0.999$", "beta2", 0.999),
    (r"$\epsilon = 10^{-8}$", "epsilon", 1e-8),
    (r"learning rate $\eta = 0.1$", "learning_rate", 0.1),
]

ADAM = Adam()

ADAM_DEFAULTS = MultipleChoice(
    "Which of these are Adam's default settings (those of Kingma & Ba, used by "
    "<code>nnlib.optimizers.Adam()</code>)? Select all that apply.",
    [text for text, _, _ in ADAM_CANDIDATES],
    lambda: [
        i
        for i, (_, attribute, value) in enumerate(ADAM_CANDIDATES)
        if np.isclose(getattr(Adam(), attribute), value, rtol=1e-12, atol=0.0)
    ],
    [
        rf"Applies: $\beta_1 = {ADAM.beta1}$ averages the gradient over roughly the last "
        f"{round(1 / (1 - ADAM.beta1))} steps.",
        rf"Does not apply: the default is $\beta_2 = {ADAM.beta2}$, a longer average (about "
        f"{round(1 / (1 - ADAM.beta2))} steps) of the squared gradient.",
        r"Applies: $\beta_2 = 0.999$.",
        r"Applies: $\epsilon = 10^{-8}$ only guards against division by zero.",
        f"Does not apply: Adam's default learning rate is {ADAM.learning_rate}; since each "
        r"step is about "
        r"$\eta$ per weight, 0.1 would be a very large step.",
    ],
    key="ch9-adam-defaults",
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

QUESTIONS = [SOURCE, ADAM_DEFAULTS, CENTRAL_DIFFERENCE, HE_STD, TRUE_STATEMENTS, SYMMETRY]
PREDICT = [CE_VS_MSE]
