"""Chapter 4 — ReLU and friends: quiz questions (answers computed, never typed in)."""

import numpy as np

from nnbook.quiz import MultipleChoice, Numeric, SingleChoice, format_number
from nnlib.activations import get_activation
from nnlib.datasets import make_dataset

STUCK_BIAS = -5.0
STUCK_STEPS = 2000
STUCK_LEARNING_RATE = 0.5


def stuck_unit_bias_change(steps=STUCK_STEPS, learning_rate=STUCK_LEARNING_RATE):
    """How far gradient descent moves the bias of a ReLU unit that no sample activates.

    The unit h = relu(X w + b) on the moons data starts with b = -5 (every pre-activation
    negative) and is fitted to the target max(0, x1 + x2) by mean squared error.
    """
    X, _ = make_dataset("moons", n=200, noise=0.1, seed=0)
    relu = get_activation("relu")
    target = np.maximum(0.0, X[:, 0] + X[:, 1])
    w, b = np.array([0.5, -0.3]), STUCK_BIAS
    start = b
    for _ in range(steps):
        z = X @ w + b
        grad_z = 2 * (relu(z) - target) / len(X) * relu.derivative(z)
        w, b = w - learning_rate * X.T @ grad_z, b - learning_rate * grad_z.sum()
    return float(abs(b - start))


STUCK_UNIT = Numeric(
    r"A ReLU unit's pre-activation $z = \mathbf{w}\cdot\mathbf{x} + b$ is negative for "
    rf"**every** training sample; its bias is $b = {format_number(STUCK_BIAS)}$. Gradient "
    f"descent (learning rate {format_number(STUCK_LEARNING_RATE)}) now runs for "
    rf"{STUCK_STEPS} more steps. By how much does $b$ change?",
    answer=lambda: stuck_unit_bias_change(),
    explanation=(
        rf"Not at all: the change is {format_number(stuck_unit_bias_change())}. "
        r"Every sample contributes $\partial L/\partial h_i \cdot "
        r"\mathrm{ReLU}'(z_i) = 0$ to the gradient, so each update is exactly zero, the "
        r"pre-activations stay negative, and the next update is zero again."
    ),
    tolerance=1e-9,
    mistakes=[
        (
            lambda: abs(STUCK_BIAS),
            "That would bring b all the way to 0, which needs a non-zero gradient; the ReLU "
            "slope is 0 for every sample, so every update is exactly zero.",
        ),
    ],
    key="ch4-stuck-unit",
)

SECOND_LAYER_DEAD = SingleChoice(
    "A ReLU unit in the **second** hidden layer outputs 0 for every training sample. "
    "Training goes on with the same learning rate. What can happen to it?",
    [
        "It can come back: the first layer keeps learning and may feed it inputs that make "
        "some z positive.",
        "Nothing, ever: its gradient is exactly zero, so its weights and bias are frozen and "
        "it stays dead for the rest of training.",
        "It comes back on its own once the learning rate is decayed later in training, "
        "because smaller steps are gentler on it.",
        "It recovers slowly, because the loss still sends its bias a small positive gradient "
        "that pushes z back up.",
    ],
    0,
    [
        "Right. The unit's own gradient is zero, so its weights do not move, but its *inputs* "
        "are the first layer's outputs, which keep changing. In this chapter's runs such units "
        "do sometimes come back. A dead unit in the first layer, which sees the fixed data, "
        "cannot.",
        "Tempting, and true of the unit's own parameters: every update to them is exactly "
        "zero. But z = w·h + b also depends on h, the previous layer's output, which keeps "
        "learning.",
        "A smaller learning rate scales a zero gradient to zero: decaying it cannot revive "
        "anything by itself.",
        "The bias gradient is a sum of ReLU'(zᵢ) terms too, all exactly 0 for a dead unit; "
        "there is no small positive push.",
    ],
    key="ch4-second-layer-dead",
)

VARIANTS = ["relu", "leaky_relu", "elu", "gelu", "silu"]
NEGATIVE_SLOPE = MultipleChoice.from_predicate(
    r"For which activations is the slope $f'(z)$ at $z = -2$ **not** zero, so a unit with "
    r"only negative inputs still learns (select all that apply)?",
    VARIANTS,
    lambda name: bool(get_activation(name).derivative(np.array([-2.0]))[0] != 0.0),
    [
        "ReLU is flat for z < 0: its slope there is exactly 0. That is why units can die.",
        "Leaky ReLU has slope α (0.01 by default) for z < 0: small, never zero.",
        r"ELU's slope for z < 0 is $\alpha e^{z}$, positive (though it shrinks for very "
        r"negative z).",
        "GELU is smooth and its slope at −2 is small but not zero (it is even slightly "
        "negative there).",
        "SiLU, like GELU, is a smooth gate with a non-zero slope at −2.",
    ],
    label={
        "relu": "ReLU",
        "leaky_relu": "Leaky ReLU",
        "elu": "ELU",
        "gelu": "GELU",
        "silu": "SiLU",
    }.get,
    key="ch4-negative-slope",
)

ELU_AT_MINUS_ONE = Numeric(
    r"What is ELU with $\alpha = 1$ at $z = -1$? (Three decimals.)",
    answer=lambda: float(get_activation("elu", alpha=1.0)(np.array([-1.0]))[0]),
    explanation=r"$\alpha(e^{z} - 1) = e^{-1} - 1$: negative, and bounded below by $-\alpha$.",
    tolerance=0.001,
    mistakes=[
        (
            lambda: float(get_activation("leaky_relu", alpha=0.01)(np.array([-1.0]))[0]),
            r"That is Leaky ReLU ($\alpha z$); ELU uses $\alpha(e^{z}-1)$.",
        ),
        (lambda: float(np.exp(-1.0)), r"Do not forget the $-1$: $\alpha(e^{z} - 1)$."),
    ],
    key="ch4-elu-value",
)

FIRST_FIX = SingleChoice(
    "Training a ReLU network, you find that 45% of the hidden units are dead after the first "
    "few epochs. Which change is the most direct first fix?",
    [
        "Switch the hidden layers to sigmoid, whose units cannot die.",
        "Train for more epochs, so that the dead units have time to recover.",
        "Lower the learning rate, and restart from a fresh initialization.",
        "Add more hidden layers, so the network has units to spare.",
    ],
    2,
    [
        "Sigmoid units cannot die, but they saturate and shrink gradients in every layer — "
        "the problem ReLU was adopted to solve.",
        "A dead unit's own gradient is exactly zero; more epochs revive at most a few units "
        "of later layers, by chance, while the cause keeps killing others.",
        "Right. Large updates are what push units into the dead region; a smaller learning "
        "rate (and, if units still die, Leaky ReLU) is the standard remedy.",
        "More layers add more units that can die; they do not revive the dead ones.",
    ],
    key="ch4-first-fix",
)

QUESTIONS = [SECOND_LAYER_DEAD, NEGATIVE_SLOPE, ELU_AT_MINUS_ONE, FIRST_FIX]
PREDICT = [STUCK_UNIT]
