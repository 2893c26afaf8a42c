"""Chapter 1 — Modeling neurons. Quiz questions (answers computed, never typed in)."""

import itertools

import numpy as np

from nnbook.quiz import MultipleChoice, Numeric, SingleChoice
from nnlib.datasets import logic_gate
from nnlib.neurons import McCullochPittsUnit, Neuron

GATE_NAMES = ["and", "or", "xor", "nand"]


def mp_gate_name(weights, threshold):
    """Which two-input gate a McCulloch-Pitts unit computes (None if none of GATE_NAMES)."""
    X, fires = McCullochPittsUnit(weights, threshold).truth_table()
    for name in GATE_NAMES:
        X_gate, y_gate = logic_gate(name)
        if np.array_equal(X, X_gate) and np.array_equal(fires, y_gate):
            return name
    return None


def majority_threshold(n_inputs=3):
    """The smallest integer threshold for which unit weights give 'most inputs are on'."""
    patterns = np.array(list(itertools.product((0, 1), repeat=n_inputs)))
    majority = (patterns.sum(axis=1) > n_inputs / 2).astype(int)
    for threshold in range(n_inputs + 2):
        _, fires = McCullochPittsUnit(np.ones(n_inputs), threshold).truth_table()
        if np.array_equal(fires, majority):
            return threshold
    raise ValueError("no threshold computes majority")


def gate_threshold(name, weights=(1, 1)):
    """The smallest integer threshold at which a unit with ``weights`` computes gate ``name``."""
    for threshold in range(len(weights) + 2):
        if mp_gate_name(list(weights), threshold) == name:
            return threshold
    raise ValueError(f"no threshold computes {name}")


MAJORITY_THRESHOLD = majority_threshold(3)

PREDICT_MP_GATE = SingleChoice(
    "A McCulloch–Pitts unit has two binary inputs, both with weight 1, and fires when "
    "$x_1 + x_2 \\ge 2$. Which logic gate does it compute?",
    [name.upper() for name in GATE_NAMES],
    lambda: GATE_NAMES.index(mp_gate_name([1, 1], 2)),
    [
        "Right: the sum reaches 2 only when both inputs are on, which is AND.",
        "OR would fire as soon as one input is on; that needs a threshold of "
        f"{gate_threshold('or')}.",
        "XOR would fire for exactly one active input and stay silent for two; a single "
        "threshold unit cannot do that (chapter 0).",
        "NAND fires when the inputs are *not* both on: the opposite of this unit.",
    ],
    key="ch1-predict-mp-gate",
)

CAUTION = SingleChoice(
    "Why should we be cautious about the biological neuron analogy?",
    [
        "Real neurons are far more complex (spike timing, many kinds of synapses and "
        "neurotransmitters, computation inside the dendrites); the artificial neuron is a "
        "cartoon, and networks work because of mathematics and engineering, not because "
        "they copy the brain.",
        "Because artificial neurons are more powerful than biological ones, so the analogy "
        "undersells them.",
        "Because biological neurons do not use electrical signals at all.",
        "Because the artificial neuron cannot compute even simple logic such as AND.",
    ],
    0,
    [
        "Right. The model keeps one idea (weighted inputs, a sum, a threshold-like output) "
        "and drops almost everything else a real cell does. Reasoning about networks as "
        "brain simulations leads to wrong intuitions.",
        "That is not the point of the caveat: one artificial unit is far *simpler* than a "
        "real neuron, not more powerful.",
        "They do: electrical spikes travel along the axon, and chemistry carries the signal "
        "across synapses.",
        "It can: chapter 1 builds AND, OR and NOT from threshold units.",
    ],
    key="ch1-caution",
)

IN_THE_MODEL = MultipleChoice(
    "Which of these are part of the artificial neuron $a = f(\\mathbf{w}\\cdot\\mathbf{x} + b)$? "
    "(select all that apply)",
    [
        "a weight for each input",
        "a bias added to the weighted sum",
        "an activation function applied to the sum",
        "the precise timing of spikes",
        "different neurotransmitters for different connections",
    ],
    [0, 1, 2],
    [
        "Yes: each input is multiplied by its own weight, the model's 'synapse strength'.",
        "Yes: b shifts the sum, so it acts like an adjustable firing threshold.",
        "Yes: f (a step, a sigmoid, a ReLU...) turns the sum into the output.",
        "No: the artificial neuron outputs one number per input, with no notion of time; "
        "real neurons encode information in when they spike.",
        "No: one number per connection (the weight) is all the model keeps of synaptic chemistry.",
    ],
    key="ch1-in-the-model",
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
        )
    ],
    key="ch1-weighted-sum",
)

MAJORITY = Numeric(
    "A McCulloch–Pitts unit has three binary inputs, each with weight 1. What threshold "
    "makes it fire exactly when **most** of its inputs (two or three) are on?",
    answer=lambda: majority_threshold(3),
    explanation=(
        f"With threshold {MAJORITY_THRESHOLD} the unit fires when at least "
        f"{MAJORITY_THRESHOLD} of the three inputs are 1."
    ),
    tolerance=0.1,
    mistakes=[
        (
            lambda: majority_threshold(3) + 1,
            f"Threshold {MAJORITY_THRESHOLD + 1} demands all three inputs: that is AND.",
        ),
        (
            lambda: majority_threshold(3) - 1,
            f"Threshold {MAJORITY_THRESHOLD - 1} fires for any single input: that is OR.",
        ),
    ],
    key="ch1-majority",
)

QUESTIONS = [CAUTION, IN_THE_MODEL, WEIGHTED_SUM, MAJORITY]
PREDICT = [PREDICT_MP_GATE]
