"""Chapter 3 — Activation functions: quiz questions (answers computed, never typed in)."""

import numpy as np

from nnbook.quiz import MultipleChoice, Numeric, SingleChoice
from nnlib.activations import get_activation, sigmoid, softmax

LOGITS = np.array([2.0, 1.0, 0.1])


def best_slope(name):
    """The largest derivative of an activation on a fine grid over [-10, 10] (contains 0)."""
    z = np.arange(-10_000, 10_001) / 1000
    return float(get_activation(name).derivative(z).max())


def linear_stack_collapses(depth=10, width=3, seed=0):
    """True when a stack of linear layers gives the same outputs as one product matrix."""
    rng = np.random.default_rng(seed)
    weights = [rng.normal(size=(width, width)) / np.sqrt(width) for _ in range(depth)]
    X = rng.normal(size=(20, width))
    H = X
    for W in weights:
        H = H @ W
    return bool(np.allclose(H, X @ np.linalg.multi_dot(weights)))


DEPTH = 10
SIGMOID_PEAK = best_slope("sigmoid")  # sigma'(0), the sigmoid's largest slope
SIGMOID_AT_0 = float(get_activation("sigmoid")(0.0))
# The slope and the value at 0 are unit fractions 1/n; write them as \tfrac{1}{n}.
PEAK_FRAC = rf"\tfrac{{1}}{{{round(1 / SIGMOID_PEAK)}}}"
HALF_FRAC = rf"\tfrac{{1}}{{{round(1 / SIGMOID_AT_0)}}}"
_SURVIVING = SIGMOID_PEAK**DEPTH
_SURVIVING_DENOMINATOR = f"{round(1 / _SURVIVING):,}".replace(",", r"\,")

SIGMOID_DEPTH_10 = Numeric(
    rf"Every sigmoid unit on a path through **{DEPTH}** layers sits at its best point, $z = 0$. "
    r"Ignoring the weights, what fraction of the gradient survives the ten slopes "
    r"$\sigma'(z)$ it is multiplied by? (Scientific notation such as `1.2e-5` is fine.)",
    answer=lambda: best_slope("sigmoid") ** DEPTH,
    explanation=(
        rf"The sigmoid's slope is at most $\sigma'(0) = {PEAK_FRAC}$, so ten layers multiply "
        rf"the gradient by at most $({PEAK_FRAC})^{{{DEPTH}}} = 1/{_SURVIVING_DENOMINATOR}$, "
        rf"about $10^{{{round(np.log10(_SURVIVING))}}}$."
    ),
    tolerance=0.02,
    relative=True,
    mistakes=[
        (
            lambda: best_slope("sigmoid") * DEPTH,
            "That adds the ten slopes; backpropagation multiplies them.",
        ),
        (
            lambda: best_slope("tanh") ** DEPTH,
            "That is the tanh best case; the sigmoid's largest slope is smaller.",
        ),
        (
            lambda: float(get_activation("sigmoid")(0.0)) ** DEPTH,
            rf"That uses $\sigma(0) = {HALF_FRAC}$, the function's value, "
            r"not its slope $\sigma'(0)$.",
        ),
    ],
    key="ch3-sigmoid-depth-10",
)

DEEP_FIX = SingleChoice(
    "A 30-layer network with sigmoid hidden units trains, but its first layers barely change. "
    "Which change of hidden activation is most likely to help, and why?",
    [
        "tanh: its outputs are zero-centred, and that is exactly what stops gradients from "
        "vanishing.",
        "softmax: it normalises every layer's outputs, so no unit can saturate.",
        "ReLU: an active unit's slope is exactly 1, so the product of slopes stops shrinking.",
        "σ(4z), a steeper sigmoid: its slope at 0 is 1, four times the plain sigmoid's 1/4.",
    ],
    2,
    [
        "tanh is better than the sigmoid (its best slope is 1, not 1/4), but away from z = 0 "
        "its slope is below 1 too, so over 30 layers the product still shrinks. Zero-centring "
        "helps the updates' direction, not the vanishing.",
        "Softmax belongs in a classifier's output layer: it couples all units into one "
        "probability distribution, which is not what hidden features need.",
        "Right. Sigmoid and tanh multiply the gradient by a slope below 1 in every layer "
        f"(at most 1/{round(1 / SIGMOID_PEAK)} for the sigmoid); ReLU's slope is exactly 1 "
        "wherever the unit is active, so gradients cross active paths undiminished.",
        "Tempting: the slope at exactly 0 is 1. But the steeper curve saturates four times "
        "sooner, so for most inputs its slope is smaller, and the product over 30 layers "
        "still vanishes.",
    ],
    key="ch3-deep-fix",
)

_Z = np.linspace(-9, 9, 181)

STATEMENTS = [
    (
        "σ(z) + σ(−z) = 1 for every z.",
        lambda: bool(np.allclose(sigmoid(_Z) + sigmoid(-_Z), 1.0)),
        r"True: $\sigma(-z) = 1/(1 + e^{z}) = e^{-z}/(e^{-z} + 1) = 1 - \sigma(z)$. The "
        "sigmoid is symmetric about its midpoint (0, ½), which is also why tanh, a rescaled "
        "sigmoid, is an odd function.",
    ),
    (
        "tanh's slope at z = 1 is larger than the sigmoid's slope at its best point z = 0.",
        lambda: bool(
            get_activation("tanh").derivative(np.array([1.0]))[0]
            > get_activation("sigmoid").derivative(np.array([0.0]))[0]
        ),
        "True: tanh'(1) = 1 − tanh²(1) ≈ "
        f"{float(get_activation('tanh').derivative(np.array([1.0]))[0]):.2f}, above "
        f"σ'(0) = {SIGMOID_PEAK:.2f}. tanh is four times taller in slope, so even off its "
        "peak it beats the sigmoid's best.",
    ),
    (
        "Doubling every logit leaves the softmax probabilities unchanged.",
        lambda: bool(np.allclose(softmax(2 * LOGITS), softmax(LOGITS))),
        "False, though it sounds like the shift rule: *adding* a constant changes nothing, "
        "but *multiplying* by 2 is the same as halving the temperature, which sharpens the "
        "distribution.",
    ),
    (
        "ReLU saturates for large positive inputs.",
        lambda: bool(get_activation("relu").derivative(50.0) < 0.5),
        "False: for z > 0 ReLU's slope is exactly 1, however large z is. Only its negative side "
        "is flat.",
    ),
    (
        "A stack of ten linear layers (no activation) can represent functions a single linear "
        "layer cannot.",
        lambda: not linear_stack_collapses(),
        "False: the product of the ten weight matrices is one matrix (and the biases combine "
        "into one bias), so the stack is exactly one linear layer.",
    ),
]

TRUE_STATEMENTS = MultipleChoice(
    "Which statements are true (select all that apply)?",
    [text for text, _, _ in STATEMENTS],
    lambda: [i for i, (_, holds, _) in enumerate(STATEMENTS) if holds()],
    [why for _, _, why in STATEMENTS],
    key="ch3-true-statements",
)

WEATHER_OUTPUT = SingleChoice(
    "One network predicts two things from today's weather: tomorrow's temperature in °C and "
    "the probability that it rains. What belongs in its output layer?",
    [
        "2 units: no activation on the temperature, a sigmoid on the rain.",
        "2 units with a softmax over both, so the outputs form a distribution.",
        "2 units with a sigmoid each, the temperature rescaled afterwards.",
        "2 units with ReLU: temperatures and probabilities are never negative.",
    ],
    0,
    [
        "Right. Each output gets the activation of its own task: none for a value that can be "
        "any number (regression), a sigmoid for the probability of a yes/no event.",
        "Softmax is for mutually exclusive classes whose probabilities share 1; a temperature "
        "and a chance of rain are not competing classes.",
        "Tempting, but a sigmoid caps the output inside (0, 1); the network would have to "
        "squeeze every temperature into that range and the extremes could never be reached.",
        "Temperatures in °C can be negative, which ReLU cannot output, and a ReLU "
        "'probability' can exceed 1.",
    ],
    key="ch3-weather-output",
)

QUIZ_LOGITS, QUIZ_T = np.array([3.0, 1.0, 0.0]), 2.0

SOFTMAX_FIRST = Numeric(
    r"The logits are $(3,\ 1,\ 0)$ and the temperature is $T = 2$. What probability does "
    r"softmax give the first class? (Two decimals are enough.)",
    answer=lambda: float(softmax(QUIZ_LOGITS, temperature=QUIZ_T)[0]),
    explanation=(
        r"Divide by $T$ first: the logits become $("
        + r",\ ".join(f"{v:g}" for v in QUIZ_LOGITS / QUIZ_T)
        + r")$, and "
        + rf"$e^{{{QUIZ_LOGITS[0] / QUIZ_T:g}}} / ("
        + " + ".join(f"e^{{{v:g}}}" for v in QUIZ_LOGITS / QUIZ_T)
        + r") \approx "
        + f"{float(softmax(QUIZ_LOGITS, temperature=QUIZ_T)[0]):.2f}$. At $T = 1$ it would be "
        + f"{float(softmax(QUIZ_LOGITS)[0]):.2f}: the higher temperature flattens the "
        "distribution."
    ),
    tolerance=0.01,
    mistakes=[
        (
            lambda: float(softmax(QUIZ_LOGITS)[0]),
            "That is the ordinary softmax, T = 1; divide the logits by T = 2 first.",
        ),
        (
            lambda: float(QUIZ_LOGITS[0] / np.sum(QUIZ_LOGITS)),
            "That divides the logits by their sum; softmax exponentiates them first.",
        ),
    ],
    key="ch3-softmax-first",
)

PREDICTABLE = SingleChoice(
    "A language model picks its next word by sampling from softmax(logits / T). You want it "
    "to be more predictable, almost always taking its likeliest word. What do you do?",
    [
        "Raise T above 1, so the likeliest word gets a stronger push.",
        "Add the same large constant to every logit.",
        "Set T = 1 exactly, the ordinary softmax.",
        "Lower T towards 0.",
    ],
    # the option whose temperature gives the likeliest word the largest probability
    lambda: 3 if softmax(LOGITS, temperature=0.1).max() > softmax(LOGITS).max() else 0,
    [
        "It works the other way round: a large T shrinks the gaps between the logits and "
        "flattens the distribution, so the sampling gets *more* adventurous.",
        "Adding a constant to every logit leaves softmax unchanged (the factor cancels), so "
        "the model samples exactly as before.",
        "T = 1 is where the model started; it changes nothing.",
        "Right. Dividing by a small T widens the gaps between logits, so the largest one takes "
        "nearly all the probability: sampling becomes almost always picking the top word.",
    ],
    key="ch3-predictable",
)

QUESTIONS = [DEEP_FIX, TRUE_STATEMENTS, WEATHER_OUTPUT, SOFTMAX_FIRST, PREDICTABLE]
PREDICT = [SIGMOID_DEPTH_10]
