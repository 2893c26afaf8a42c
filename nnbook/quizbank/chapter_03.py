"""Chapter 3 — Activation functions: quiz questions (answers computed, never typed in)."""

import numpy as np

from nnbook.quiz import MultipleChoice, Numeric, SingleChoice, format_number
from nnlib.activations import get_activation, softmax

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
EXP_LOGITS = np.exp(LOGITS)

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

WHY_RELU = SingleChoice(
    "Why did ReLU accelerate deep learning?",
    [
        "It is bounded, so activations can never grow too large.",
        "It is zero-centred, which removes the zig-zag in gradient descent.",
        "Its slope is exactly 1 for every positive input, so gradients pass through active "
        "units without shrinking, and it is cheap to compute.",
        "It makes the network linear, so the loss becomes convex and easy to minimise.",
    ],
    2,
    [
        "ReLU is unbounded above (max(0, z) grows with z). Bounded functions like sigmoid "
        "and tanh are the ones that saturate.",
        "ReLU outputs are never negative, so it is not zero-centred; tanh is.",
        "Right. Sigmoid and tanh multiply the gradient by a slope below 1 in every layer "
        f"(at most 1/{round(1 / SIGMOID_PEAK)} for sigmoid), so deep stacks lose it; ReLU's "
        "slope is 1 where it is active. It is also a comparison, with no exponential.",
        "ReLU is nonlinear (piecewise linear with a kink at 0); a network of it is not "
        "linear, and its loss is not convex. If it were linear, depth would collapse to one "
        "matrix.",
    ],
    key="ch3-why-relu",
)

STATEMENTS = [
    (
        "tanh is zero-centred (its outputs are symmetric around 0).",
        lambda: bool(np.isclose(get_activation("tanh")(-1.3), -get_activation("tanh")(1.3))),
        "True: tanh(−z) = −tanh(z), so its outputs range over (−1, 1) around 0.",
    ),
    (
        "tanh(z) = 2σ(2z) − 1 for every z.",
        lambda: bool(
            np.allclose(
                get_activation("tanh")(np.linspace(-9, 9, 181)),
                2 * get_activation("sigmoid")(2 * np.linspace(-9, 9, 181)) - 1,
            )
        ),
        "True: tanh is a sigmoid stretched to (−1, 1) and squeezed horizontally; chapter 3 "
        "checks it numerically.",
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
    (
        "The sigmoid's derivative never exceeds 1/4.",
        lambda: best_slope("sigmoid") <= 0.25 + 1e-12,
        r"True: $\sigma'(z) = \sigma(z)(1-\sigma(z))$ peaks at $z = 0$ with value "
        rf"${HALF_FRAC}\cdot{HALF_FRAC} = {PEAK_FRAC}$.",
    ),
]

TRUE_STATEMENTS = MultipleChoice(
    "Which statements are true (select all that apply)?",
    [text for text, _, _ in STATEMENTS],
    lambda: [i for i, (_, holds, _) in enumerate(STATEMENTS) if holds()],
    [why for _, _, why in STATEMENTS],
    key="ch3-true-statements",
)

OUTPUT_LAYER = SingleChoice(
    "A network predicts which of 10 digits an image shows. What belongs in its output layer?",
    [
        "1 unit with sigmoid",
        "10 units with softmax",
        "10 units with ReLU",
        "1 unit with no activation",
    ],
    1,
    [
        "A single sigmoid answers one yes/no question (two classes), not ten.",
        "Right. Softmax turns the 10 logits into a probability distribution over the digits.",
        "ReLU outputs are not probabilities: they need not add up to 1 and can be all 0.",
        "No activation is the choice for regression, where the output is a value to predict.",
    ],
    key="ch3-output-layer",
)

SOFTMAX_FIRST = Numeric(
    r"The logits are $(2,\ 1,\ 0.1)$ and the temperature is $T = 1$. What probability does "
    r"softmax give the first class? (Two decimals are enough.)",
    answer=lambda: float(softmax(LOGITS)[0]),
    explanation=(
        rf"$e^{{{format_number(LOGITS[0])}}} / ("
        + " + ".join(rf"e^{{{format_number(z)}}}" for z in LOGITS)
        + r") \approx "
        + f"{EXP_LOGITS[0]:.2f} / ("
        + " + ".join(f"{e:.2f}" for e in EXP_LOGITS)
        + rf") \approx {float(softmax(LOGITS)[0]):.2f}$. The largest "
        r"logit gets the largest share, but at $T = 1$ not all of it."
    ),
    tolerance=0.01,
    mistakes=[
        (
            lambda: float(LOGITS[0] / np.sum(LOGITS)),
            "That divides the logits by their sum; softmax exponentiates them first.",
        ),
    ],
    key="ch3-softmax-first",
)

TEMPERATURE = SingleChoice(
    "You raise the softmax temperature T from 1 to 100. What happens to the probabilities?",
    [
        "The largest one approaches 1.",
        "They approach a uniform distribution.",
        "They no longer add up to 1.",
        "Nothing: softmax ignores T.",
    ],
    # option 1 if the spread of the probabilities shrinks as T grows, else option 0
    lambda: 1 if np.ptp(softmax(LOGITS, temperature=100.0)) < np.ptp(softmax(LOGITS)) else 0,
    [
        "That happens for a small T (T → 0), which exaggerates the gaps.",
        "Right. Dividing by a large T shrinks the gaps between the logits towards 0, and equal "
        "logits give equal probabilities.",
        "Softmax always produces a distribution: the outputs add up to 1 for every T.",
        "The logits are divided by T before exponentiating, so T changes the result.",
    ],
    key="ch3-temperature",
)

QUESTIONS = [WHY_RELU, TRUE_STATEMENTS, OUTPUT_LAYER, SOFTMAX_FIRST, TEMPERATURE]
PREDICT = [SIGMOID_DEPTH_10]
