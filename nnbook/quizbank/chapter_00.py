"""Chapter 0 — Why neural networks? Quiz questions (answers computed, never typed in)."""

from itertools import pairwise

import numpy as np

from nnbook.quiz import MultipleChoice, Numeric, SingleChoice
from nnlib.datasets import logic_gate
from nnlib.network import Network

XOR_INPUTS, XOR_LABELS = logic_gate("xor")


def fewest_line_errors_on(X, y, n_angles=360, n_offsets=201):
    """The fewest of the points X (labels y) that a straight line misclassifies (a search).

    Lines are w . x >= c with w = (cos t, sin t): every line and both choices of which side
    is class 1, over a grid of angles t and offsets c in [-2, 2].
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    angles = np.linspace(0.0, 2 * np.pi, n_angles, endpoint=False)
    normals = np.stack([np.cos(angles), np.sin(angles)])  # (2, n_angles)
    offsets = np.linspace(-2.0, 2.0, n_offsets)
    predictions = (X @ normals)[:, :, None] >= offsets[None, None, :]
    errors = (predictions != y[:, None, None].astype(bool)).sum(axis=0)
    return int(errors.min())


def fewest_line_errors(gate):
    """The fewest points of a logic gate's truth table that a straight line gets wrong."""
    return fewest_line_errors_on(*logic_gate(gate))


XOR_ERRORS = fewest_line_errors("xor")
N_XOR_POINTS = len(XOR_LABELS)

FEWEST_XOR_ERRORS = Numeric(
    r"A straight line $w_1 x_1 + w_2 x_2 + b = 0$ splits the four XOR points "
    r"$(0,0), (1,1)$ (class 0) and $(0,1), (1,0)$ (class 1). Choosing the line as well as "
    r"you can, what is the **fewest** number of points it gets wrong?",
    answer=lambda: fewest_line_errors("xor"),
    explanation=(
        f"The fewest is {XOR_ERRORS}. A line can put {N_XOR_POINTS - XOR_ERRORS} points on "
        "their correct sides (for example it can cut off the corner (0,0) alone), but never all "
        f"{N_XOR_POINTS}: the two diagonals cross, so any line that has both class-1 points "
        "on one side also has a class-0 point there."
    ),
    tolerance=0.1,
    mistakes=[
        (
            lambda: fewest_line_errors("and"),
            f"{fewest_line_errors('and')} mistakes would mean XOR is linearly separable; try it "
            f"in the explorable — the count never reaches {fewest_line_errors('and')}.",
        ),
        (
            lambda: 2 * fewest_line_errors("xor"),
            f"A line through the middle gets {2 * XOR_ERRORS} wrong; "
            "a line that cuts off one corner does better.",
        ),
    ],
    key="ch0-fewest-xor-errors",
)

# XOR without its corner (1, 0): three points, class 1 only at (0, 1).
KEEP = [0, 1, 3]
THREE_POINT_ERRORS = fewest_line_errors_on(XOR_INPUTS[KEEP], XOR_LABELS[KEEP])

THREE_POINTS = SingleChoice(
    "Delete the point (1, 0) from XOR. Left are (0, 0) and (1, 1) in class 0 and (0, 1) in "
    "class 1. What can a single straight line do now?",
    [
        "Still no better than one point wrong: (0, 0) and (1, 1) lie on a diagonal, and the "
        "diagonal is what defeats a line.",
        "Get all three right: a line can cut the corner (0, 1) off from the other two.",
        "Get all three right, but only if the line passes through the origin.",
        "It depends on the training: with a small enough learning rate it gets all three.",
    ],
    lambda: 1 if THREE_POINT_ERRORS == 0 else 0,
    [
        "Tempting, since the class-0 pair still sits on a diagonal. But XOR fails because "
        "*both* diagonals must be split; with one class-1 point left, a line just beside "
        "(0, 1) separates it.",
        "Right. The search finds a line with "
        f"{THREE_POINT_ERRORS} errors, for example $x_2 - x_1 = 0.5$: only (0, 1) lies above "
        "it. The contradiction in the XOR proof needed both class-1 points.",
        "The bias lets a line sit anywhere; a separating line such as $x_2 - x_1 = 0.5$ "
        "misses the origin. Lines through the origin are the ones with $b = 0$, a special case.",
        "Whether a separating line exists is a question about geometry, not training: if one "
        "exists, the learning rate only decides how fast it is found.",
    ],
    key="ch0-three-points",
)

# Two-input functions given by their outputs for (0,0), (0,1), (1,0), (1,1).
FUNCTIONS = {
    "x₁ AND NOT x₂": (0, 0, 1, 0),
    "XNOR (1 when the inputs are equal)": (1, 0, 0, 1),
    "NOR": tuple(logic_gate("nor")[1]),
    "x₁ (copy the first input)": (0, 0, 1, 1),
}
SEPARABLE_FUNCTIONS = MultipleChoice.from_predicate(
    "Which of these two-input functions can a single straight line compute, with no point "
    "wrong (select all that apply)?",
    list(FUNCTIONS),
    lambda name: fewest_line_errors_on(XOR_INPUTS, np.array(FUNCTIONS[name])) == 0,
    [
        "Yes: it is 1 only at the corner (1, 0), and a line can cut one corner off.",
        "No, although it looks new: XNOR is XOR with the two classes swapped, so it has the "
        "same crossing diagonals, and swapping sides does not help a line.",
        "Yes: NOR is 1 only at (0, 0), a single corner again.",
        "Yes: the vertical line $x_1 = 0.5$ does it. A function may ignore an input and still "
        "be linear.",
    ],
    key="ch0-separable-functions",
)

NET_SIZES = [3, 5, 2]
_NET_WEIGHTS = [n_in * n_out for n_in, n_out in pairwise(NET_SIZES)]
_NET_BIASES = NET_SIZES[1:]

NET_PARAMETERS = Numeric(
    r"A two-layer network like this chapter's has **3** inputs, **5** hidden units and "
    r"**2** outputs: $f(\mathbf{x}) = W_2 \max(0, W_1\mathbf{x} + \mathbf{b}_1) + "
    r"\mathbf{b}_2$. How many numbers (weights and biases) does it learn?",
    answer=lambda: Network(NET_SIZES).parameter_count,
    explanation=(
        f"W1 is 5×3 ({_NET_WEIGHTS[0]} weights) and b1 has {_NET_BIASES[0]} entries; W2 is "
        f"2×5 ({_NET_WEIGHTS[1]} weights) and b2 has {_NET_BIASES[1]}: "
        f"{_NET_WEIGHTS[0]} + {_NET_BIASES[0]} + {_NET_WEIGHTS[1]} + {_NET_BIASES[1]} = "
        f"{Network(NET_SIZES).parameter_count}."
    ),
    tolerance=0.1,
    mistakes=[
        (
            lambda: int(np.sum(_NET_WEIGHTS)),
            "That counts the weights but forgets the biases, one per hidden and output unit.",
        ),
        (
            lambda: int(np.sum(_NET_WEIGHTS)) + _NET_BIASES[0],
            "Close: the two output units have a bias each too.",
        ),
    ],
    key="ch0-net-parameters",
)

AI_WINTERS = SingleChoice(
    "Which statement about the AI winters and the lulls of neural-network research is accurate?",
    [
        "Batch normalization (2015) ended the second AI winter: after years of fading "
        "gradients, it finally made deep networks trainable.",
        "Backpropagation (1986) ended the lull of neural-network research in the late 1990s, "
        "once computers were fast enough to run it.",
        "Minsky and Papert's *Perceptrons* (1969) ended the first AI winter by showing what "
        "single-layer networks can and cannot do.",
        "The winters (1974–80, 1987–93) hit all of AI; neural networks' later lull ended "
        "with deep belief nets and AlexNet.",
    ],
    3,
    [
        "Tempting, because batch normalization does help deep networks train. But the second "
        "AI winter ended in the early 1990s, and the neural-network lull had already ended "
        "with deep belief nets (2006) and AlexNet (2012), three years before batch norm.",
        "Backpropagation ended the *first* lull, in the 1980s; the lull of the late 1990s "
        "came after it, when deeper networks trained badly even with backpropagation.",
        "The book is usually blamed for starting neural networks' first lull, not ending "
        "anything; the first AI winter began years later, in 1974.",
        "Right. The winters concern AI funding in general, expert systems included. Neural "
        "networks' own lull ran from the mid-1990s to the mid-2000s, ending with the deep "
        "belief nets and AlexNet.",
    ],
    key="ch0-ai-winters",
)

QUESTIONS = [THREE_POINTS, SEPARABLE_FUNCTIONS, NET_PARAMETERS, AI_WINTERS]
PREDICT = [FEWEST_XOR_ERRORS]
