"""Chapter 1 — Modeling neurons. Quiz questions (answers computed, never typed in)."""

import numpy as np

from nnbook.quiz import MultipleChoice, Numeric, SingleChoice
from nnlib.datasets import logic_gate
from nnlib.neurons import McCullochPittsUnit, Neuron

GATE_NAMES = ["or", "xor", "and", "nand"]


def mp_gate_name(weights, threshold):
    """Which two-input gate a McCulloch-Pitts unit computes (None if none of GATE_NAMES)."""
    X, fires = McCullochPittsUnit(weights, threshold).truth_table()
    for name in GATE_NAMES:
        X_gate, y_gate = logic_gate(name)
        if np.array_equal(X, X_gate) and np.array_equal(fires, y_gate):
            return name
    return None


def gate_threshold(name, weights=(1, 1)):
    """The smallest integer threshold at which a unit with ``weights`` computes gate ``name``."""
    for threshold in range(len(weights) + 2):
        if mp_gate_name(list(weights), threshold) == name:
            return threshold
    raise ValueError(f"no threshold computes {name}")


PREDICT_MP_GATE = SingleChoice(
    "A McCulloch–Pitts unit has two binary inputs, both with weight 1, and fires when "
    "$x_1 + x_2 \\ge 2$. Which logic gate does it compute?",
    [name.upper() for name in GATE_NAMES],
    lambda: GATE_NAMES.index(mp_gate_name([1, 1], 2)),
    [
        "OR would fire as soon as one input is on; that needs a threshold of "
        f"{gate_threshold('or')}.",
        "XOR would fire for exactly one active input and stay silent for two; a single "
        "threshold unit cannot do that (chapter 0).",
        "Right: the sum reaches 2 only when both inputs are on, which is AND.",
        "NAND fires when the inputs are *not* both on: the opposite of this unit.",
    ],
    key="ch1-predict-mp-gate",
)

BEYOND_THE_MODEL = SingleChoice(
    r"Which of these things a real neuron does can the artificial neuron "
    r"$a = f(\mathbf{w}\cdot\mathbf{x} + b)$ **not** represent, whatever its weights, bias and "
    r"activation?",
    [
        "An inhibitory synapse: an input that makes the cell less likely to fire when it "
        "is active.",
        "A response to timing: two spikes close together count more than the same two far apart.",
        "A firing threshold: the cell stays silent until its summed input reaches a certain level.",
        "Synapses of different strengths: some inputs matter much more to the cell than others do.",
    ],
    1,
    [
        "A negative weight does exactly that: an active input then lowers z and pushes the "
        "unit away from firing.",
        "Right. The model receives one number per input and has no notion of time, so spike "
        "timing, which real neurons use, has no place in it. That is part of why it is a "
        "cartoon.",
        "The bias is a threshold in disguise: with a step, the unit fires when "
        r"$\mathbf{w}\cdot\mathbf{x} \ge -b$.",
        "The size of each weight is the strength of its connection; large weights make "
        "their inputs matter more.",
    ],
    key="ch1-beyond-the-model",
)

SPAM_WEIGHTS, SPAM_BIAS, SPAM_EMAIL = np.array([0.8, 0.6]), -3.5, np.array([3.0, 2.5])


def spam_decision(weights=SPAM_WEIGHTS, bias=SPAM_BIAS, email=SPAM_EMAIL, activation="step"):
    """The neuron's verdict (1 = spam) for an email: output at least one half."""
    return int(Neuron(weights, bias, activation=activation)(email) >= 0.5)


def spam_sum(weights=SPAM_WEIGHTS, bias=SPAM_BIAS, email=SPAM_EMAIL):
    """The spam neuron's weighted sum z for an email."""
    return float(Neuron(weights, bias).weighted_sum(email))


CHANGES = {
    "Make the bias more sceptical: b = −5 instead of −3.5.": dict(bias=-5.0),
    "Double both weights, to (1.6, 1.2).": dict(weights=2 * SPAM_WEIGHTS),
    "Let exclamation marks count against spam: w₂ = −0.6.": dict(
        weights=SPAM_WEIGHTS * np.array([1.0, -1.0])
    ),
    "The email has 2 links per 100 words instead of 3.": dict(email=np.array([2.0, 2.5])),
    "Replace the step by a sigmoid and call it spam when the output is at least 0.5.": dict(
        activation="sigmoid"
    ),
}

FLIPS_THE_VERDICT = MultipleChoice.from_predicate(
    r"The chapter's spam neuron has $\mathbf{w} = (0.8, 0.6)$, $b = -3.5$ and a step; for the "
    r"email $\mathbf{x} = (3, 2.5)$ it says *spam*. Which single change would make it say "
    r"*normal* instead (select all that apply)?",
    list(CHANGES),
    lambda change: spam_decision(**CHANGES[change]) != spam_decision(),
    [
        f"Yes: z drops by 1.5, from {spam_sum():.1f} to {spam_sum(bias=-5.0):.1f}, below "
        "the threshold.",
        "No: doubling the weights doubles the evidence, "
        f"z = {spam_sum(weights=2 * SPAM_WEIGHTS):.1f}, "
        "even more clearly spam. (Doubling the bias too would leave the boundary where it is.)",
        "Yes: a negative weight turns the 2.5 exclamation marks into a reason *not* to fire; "
        f"z = {spam_sum(weights=SPAM_WEIGHTS * np.array([1.0, -1.0])):.1f}.",
        f"Yes: one link fewer lowers z by 0.8, to {spam_sum(email=np.array([2.0, 2.5])):.1f}.",
        "No, though it looks like a big change: σ(z) ≥ 0.5 exactly when z ≥ 0, so the "
        "verdict is the same; only the output becomes a probability.",
    ],
    key="ch1-flips-the-verdict",
)

WEIGHTED_SUM = Numeric(
    r"A neuron has weights $\mathbf{w} = (0.5, -1, 2)$ and bias $b = 0.5$. What is its "
    r"weighted sum $z = \mathbf{w}\cdot\mathbf{x} + b$ for the input $\mathbf{x} = (2, 1, 1)$?",
    answer=lambda: Neuron([0.5, -1.0, 2.0], 0.5).weighted_sum(np.array([2.0, 1.0, 1.0])),
    explanation=r"$z = 0.5\cdot 2 + (-1)\cdot 1 + 2\cdot 1 + 0.5$.",
    tolerance=1e-6,
    mistakes=[
        (
            lambda: Neuron([0.5, -1.0, 2.0], 0.0).weighted_sum(np.array([2.0, 1.0, 1.0])),
            "That leaves out the bias.",
        ),
        (
            lambda: Neuron([0.5, 1.0, 2.0], 0.5).weighted_sum(np.array([2.0, 1.0, 1.0])),
            "Mind the sign of the second weight: −1 times 1 subtracts.",
        ),
    ],
    key="ch1-weighted-sum",
)

UNEQUAL_WEIGHTS, UNEQUAL_THRESHOLD = [2, 1, 1], 3


def firing_patterns(weights=UNEQUAL_WEIGHTS, threshold=UNEQUAL_THRESHOLD):
    """How many binary input patterns make a McCulloch-Pitts unit fire."""
    return int(McCullochPittsUnit(weights, threshold).truth_table()[1].sum())


FIRING_COUNT = Numeric(
    "A McCulloch–Pitts unit has three binary inputs with weights (2, 1, 1) and threshold 3. "
    "For how many of the 8 possible input patterns does it fire?",
    answer=lambda: firing_patterns(),
    explanation=(
        f"It fires for {firing_patterns()} patterns: the heavy first input must be on (without "
        "it the sum is at most 2), together with at least one of the others: (1,1,0), (1,0,1) "
        "and (1,1,1). Unequal weights make some inputs count more: here input 1 is required."
    ),
    tolerance=0.1,
    mistakes=[
        (
            lambda: firing_patterns(threshold=2),
            "That counts the patterns with a sum of at least 2; the threshold is 3.",
        ),
        (
            lambda: firing_patterns(weights=[1, 1, 1]),
            "That treats all weights as 1 (only (1,1,1) reaches 3); the first input weighs 2.",
        ),
    ],
    key="ch1-firing-count",
)

QUESTIONS = [BEYOND_THE_MODEL, FLIPS_THE_VERDICT, WEIGHTED_SUM, FIRING_COUNT]
PREDICT = [PREDICT_MP_GATE]
