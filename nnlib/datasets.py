"""Small data sets, generated in code so every chapter can redraw them from a seed.

Two-class (and three-class) toy problems live in the plane: every generator returns
``X`` of shape ``(n, 2)`` (float64) and integer labels ``y`` of shape ``(n,)``. The
points sit roughly inside the square [-1.5, 1.5]^2 (the Gaussian blobs spread a little
wider), a scale at which freshly initialised networks train without input normalisation.
The book's running example, ``spam_inbox``, is the exception: its two features are
rates in real units.

``noise`` always means the same thing: the standard deviation of Gaussian jitter added
to each coordinate after the clean shape is drawn. The label belongs to the clean shape,
so with enough noise the classes overlap, as they do in real data. The jitter is drawn
last, so with a fixed seed the noise level moves the points without redrawing them.

Nothing is downloaded. The one real data set, the 8x8 handwritten digits, is read from
the file scikit-learn ships inside its package.
"""

import numbers

import numpy as np

from nnlib._checks import (
    as_matrix,
    check_finite,
    check_fits_in_memory,
    check_non_negative,
    check_positive,
    check_same_length,
    describe,
    unknown_name_error,
)
from nnlib.seeding import as_generator

__all__ = [
    "DATASET_NAMES",
    "FEATURES",
    "LOGIC_GATES",
    "REGRESSION_FUNCTIONS",
    "add_features",
    "circles",
    "gaussian_blobs",
    "load_digits",
    "logic_gate",
    "make_dataset",
    "moons",
    "regression_1d",
    "regression_curve",
    "spam_inbox",
    "spiral",
    "train_test_split",
    "xor_clouds",
]


# ----------------------------------------------------------------------------------
# Argument checks shared by the generators
# ----------------------------------------------------------------------------------


def _check_n(n, n_classes):
    n = check_positive(n, "n", integer=True)
    if n < n_classes:
        raise ValueError(
            f"n must be at least {n_classes} (one point per class), got {n}; ask for more points"
        )
    # Each point holds two coordinates, and drawing them takes a few temporary arrays.
    check_fits_in_memory(
        8 * n, f"n={n:,} points", "ask for fewer points (a few hundred show every shape)"
    )
    return n


def _check_noise(noise):
    # noise is a standard deviation, so 0 (clean shapes) is allowed and negatives are not.
    return float(check_non_negative(noise, "noise"))


def _class_sizes(n, n_groups):
    """Split n points as evenly as possible: the first n % n_groups groups get one more."""
    return [n // n_groups + (1 if group < n % n_groups else 0) for group in range(n_groups)]


def _finish(rng, X, y, noise):
    """Shuffle so the classes are not stored in blocks, then add the jitter.

    The jitter is drawn last, so one seed gives the same clean points in the same order
    at every noise level: moving a noise slider shakes the points, it does not redraw them.
    """
    order = rng.permutation(len(y))
    X = X[order] + rng.normal(0.0, noise, size=X.shape)
    return X.astype(np.float64), y[order].astype(np.int64)


# ----------------------------------------------------------------------------------
# Logic gates: the four corners of the unit square
# ----------------------------------------------------------------------------------

_GATE_OUTPUTS = {
    # outputs for the inputs (0,0), (0,1), (1,0), (1,1)
    "and": (0, 0, 0, 1),
    "or": (0, 1, 1, 1),
    "nand": (1, 1, 1, 0),
    "nor": (1, 0, 0, 0),
    "xor": (0, 1, 1, 0),
}
LOGIC_GATES = tuple(_GATE_OUTPUTS)


def logic_gate(name):
    """The truth table of a two-input gate as a data set.

    Returns ``X = [[0,0],[0,1],[1,0],[1,1]]`` and ``y`` the gate's output for each row.
    ``name`` is one of ``LOGIC_GATES`` (case does not matter). XOR is the famous one no
    single straight line can separate.
    """
    key = str(name).lower()
    if key not in _GATE_OUTPUTS:
        raise unknown_name_error("logic gate", name, LOGIC_GATES)
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    y = np.array(_GATE_OUTPUTS[key], dtype=np.int64)
    return X, y


# ----------------------------------------------------------------------------------
# Two-dimensional classification problems
# ----------------------------------------------------------------------------------


def xor_clouds(n=200, noise=0.2, seed=0):
    """Four clouds, one per quadrant; label 1 where the two coordinates have different signs.

    ``y = (x1 > 0) XOR (x2 > 0)`` for the clean points. Each coordinate's size is drawn
    uniformly from [0.1, 1], which keeps a small empty band along the axes.
    """
    n = _check_n(n, 2)
    noise = _check_noise(noise)
    rng = as_generator(seed)
    # Quadrants ordered so that even n=2 gets one point of each class.
    quadrant_signs = [(1, 1), (-1, 1), (-1, -1), (1, -1)]
    parts, labels = [], []
    for (sign1, sign2), size in zip(quadrant_signs, _class_sizes(n, 4), strict=True):
        magnitudes = rng.uniform(0.1, 1.0, size=(size, 2))
        parts.append(magnitudes * np.array([sign1, sign2]))
        labels.append(np.full(size, int(sign1 != sign2)))
    return _finish(rng, np.concatenate(parts), np.concatenate(labels), noise)


def circles(n=200, noise=0.1, seed=0):
    """A disc (label 1) inside a ring (label 0).

    Clean inner points have radius r <= 0.5 (spread evenly over the disc's area:
    r = 0.5 * sqrt(u)); clean ring points have 0.8 <= r <= 1.2. No straight line splits
    them, but the feature x1^2 + x2^2 does.
    """
    n = _check_n(n, 2)
    noise = _check_noise(noise)
    rng = as_generator(seed)
    n_ring, n_disc = _class_sizes(n, 2)
    disc_radius = 0.5 * np.sqrt(rng.uniform(0.0, 1.0, n_disc))
    ring_radius = rng.uniform(0.8, 1.2, n_ring)
    radius = np.concatenate([ring_radius, disc_radius])
    angle = rng.uniform(0.0, 2 * np.pi, n)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    y = np.concatenate([np.zeros(n_ring), np.ones(n_disc)])
    return _finish(rng, X, y, noise)


def gaussian_blobs(n=200, noise=0.5, seed=0):
    """Two round Gaussian clouds centred at (-1, -1) (label 0) and (1, 1) (label 1).

    Here ``noise`` is each cloud's standard deviation, so it alone decides how much the
    classes overlap (with the default 0.5 about 0.2 % of points fall on the wrong side
    of the best line). A straight line is the right answer for this one.
    """
    n = _check_n(n, 2)
    noise = _check_noise(noise)
    rng = as_generator(seed)
    sizes = _class_sizes(n, 2)
    centres = np.array([[-1.0, -1.0], [1.0, 1.0]])
    X = np.repeat(centres, sizes, axis=0)  # every point starts at its class centre
    y = np.repeat([0, 1], sizes)
    return _finish(rng, X, y, noise)


SPIRAL_TURNS = 1.25  # how many times each arm winds around the origin


def spiral(n=200, arms=2, noise=0.1, seed=0):
    """Interleaved spiral arms, one class per arm (``arms`` = 2 or 3).

    A clean point on arm k at position t in [0, 1] along the arm has
        radius = 0.1 + 1.4 t,   angle = 2 pi (SPIRAL_TURNS * t + k / arms),
    so along every arm the angle grows with the radius. t = sqrt(u) with u uniform, which
    spreads the points evenly along the arm instead of crowding the centre.
    """
    if isinstance(arms, bool) or not isinstance(arms, numbers.Integral) or arms not in (2, 3):
        raise ValueError(f"arms must be 2 or 3, got {arms!r}")
    n = _check_n(n, arms)
    noise = _check_noise(noise)
    rng = as_generator(seed)
    parts, labels = [], []
    for arm, size in enumerate(_class_sizes(n, arms)):
        t = np.sqrt(rng.uniform(0.0, 1.0, size))
        radius = 0.1 + 1.4 * t
        angle = 2 * np.pi * (SPIRAL_TURNS * t + arm / arms)
        parts.append(np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]))
        labels.append(np.full(size, arm))
    return _finish(rng, np.concatenate(parts), np.concatenate(labels), noise)


def moons(n=200, noise=0.1, seed=0):
    """Two interlocking half-moons.

    Upper moon (label 0): (cos s, sin s) for s in [0, pi]; lower moon (label 1):
    (1 - cos s, 0.5 - sin s). Both are shifted by (-0.5, -0.25) to centre the picture.
    """
    n = _check_n(n, 2)
    noise = _check_noise(noise)
    rng = as_generator(seed)
    n_upper, n_lower = _class_sizes(n, 2)
    s_upper = rng.uniform(0.0, np.pi, n_upper)
    s_lower = rng.uniform(0.0, np.pi, n_lower)
    upper = np.column_stack([np.cos(s_upper), np.sin(s_upper)])
    lower = np.column_stack([1.0 - np.cos(s_lower), 0.5 - np.sin(s_lower)])
    X = np.concatenate([upper, lower]) - np.array([0.5, 0.25])
    y = np.concatenate([np.zeros(n_upper), np.ones(n_lower)])
    return _finish(rng, X, y, noise)


def spam_inbox(n=60, seed=0):
    """The book's running example: a toy inbox of ``n`` emails, half of them spam.

    Each email is described by two features, both rates per 100 words:

    - ``X[:, 0]`` (x1): how many links it contains,
    - ``X[:, 1]`` (x2): how many exclamation marks it contains.

    ``y`` is 1 for spam and 0 for normal mail, alternating (0, 1, 0, 1, ...). Normal mail
    is drawn around (1, 1) and spam around (4, 3.5), each with unit Gaussian spread in
    both features; negative draws are clipped to 0, since a rate cannot be negative.
    The clouds overlap a little: a straight line separates them almost, not quite.

    Unlike the other sets here the features keep their real units (not centred
    around the origin), so that a hand-set rule such as "links + exclamation marks
    >= 5" reads naturally.
    """
    n = _check_n(n, 2)
    rng = as_generator(seed)
    y = np.arange(n) % 2
    centres = np.array([[1.0, 1.0], [4.0, 3.5]])
    X = np.clip(centres[y] + rng.normal(0.0, 1.0, size=(n, 2)), 0.0, None)
    return X.astype(np.float64), y.astype(np.int64)


_GENERATORS = {
    "circle": (circles, {}),
    "xor": (xor_clouds, {}),
    "gaussian": (gaussian_blobs, {}),
    "spiral": (spiral, {"arms": 2}),
    "moons": (moons, {}),
    "spiral3": (spiral, {"arms": 3}),
}
DATASET_NAMES = tuple(_GENERATORS)


def make_dataset(name, n=200, noise=None, seed=0):
    """Generate one of the playground's data sets by name (see ``DATASET_NAMES``).

    ``noise=None`` keeps that generator's own default; any other value is passed on.
    """
    if not isinstance(name, str) or name not in _GENERATORS:
        raise unknown_name_error("data set", name, DATASET_NAMES)
    generator, fixed = _GENERATORS[name]
    kwargs = dict(fixed, n=n, seed=seed)
    if noise is not None:
        kwargs["noise"] = noise
    return generator(**kwargs)


# ----------------------------------------------------------------------------------
# One-dimensional regression
# ----------------------------------------------------------------------------------

_CURVES = {
    "sine": lambda x: np.sin(np.pi * x),
    "wavy": lambda x: (
        np.sin(np.pi * x) + 0.5 * np.sin(3 * np.pi * x) + 0.25 * np.sin(7 * np.pi * x)
    ),
    "abs": np.abs,
    "step": lambda x: np.where(x >= 0.0, 1.0, 0.0),
}
REGRESSION_FUNCTIONS = tuple(_CURVES)


def regression_curve(function, x):
    """The noise-free target curve of ``regression_1d`` evaluated at ``x`` (any shape).

    sine: sin(pi x); wavy: sin(pi x) + 0.5 sin(3 pi x) + 0.25 sin(7 pi x);
    abs: |x|; step: 0 for x < 0 and 1 for x >= 0.
    """
    if not isinstance(function, str) or function not in _CURVES:
        raise unknown_name_error("regression function", function, REGRESSION_FUNCTIONS)
    try:
        if np.iscomplexobj(x):  # NumPy would drop the imaginary part with a warning
            raise TypeError("complex numbers")
        x = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(
            f"x must be a real number or an array of real numbers; got {describe(x)}"
        ) from None
    return _CURVES[function](check_finite(x, "x"))


def regression_1d(n=100, function="sine", noise=0.1, seed=0):
    """Noisy samples of a curve on [-1, 1], for fitting a network to a function.

    Returns ``X`` of shape (n, 1), sorted ascending so it can be drawn as a line, and
    ``y = curve(X) + noise * N(0, 1)`` of shape (n, 1), float64.
    """
    if not isinstance(function, str) or function not in _CURVES:
        raise unknown_name_error("regression function", function, REGRESSION_FUNCTIONS)
    n = _check_n(n, 1)
    noise = _check_noise(noise)
    rng = as_generator(seed)
    X = np.sort(rng.uniform(-1.0, 1.0, n)).reshape(n, 1)
    y = regression_curve(function, X) + rng.normal(0.0, noise, size=(n, 1))
    return X, y.astype(np.float64)


# ----------------------------------------------------------------------------------
# Splitting and feature engineering
# ----------------------------------------------------------------------------------


def train_test_split(X, y, test_fraction=0.2, seed=0):
    """Shuffle the rows, then hold out ``round(test_fraction * n)`` of them for testing.

    Returns ``X_train, X_test, y_train, y_test``. ``y`` may be labels (n,) or regression
    targets (n, 1); its rows move with the rows of ``X``. Not stratified.
    """
    X = as_matrix(X, name="X")
    y = np.asarray(y)
    if y.ndim == 0:
        raise ValueError("y must have one entry (or row) per sample of X, got a single number")
    check_same_length(X, y)
    if y.dtype.kind in "fc":
        check_finite(y, "y")
    if isinstance(test_fraction, bool) or not isinstance(test_fraction, numbers.Real):
        raise ValueError(f"test_fraction must be a number between 0 and 1, got {test_fraction!r}")
    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must be strictly between 0 and 1, got {test_fraction}")
    n = len(X)
    n_test = int(round(test_fraction * n))
    if n_test == 0 or n_test == n:
        empty = "test" if n_test == 0 else "training"
        raise ValueError(
            f"test_fraction={test_fraction} of {n} samples leaves the {empty} set empty; "
            "choose a fraction that puts at least one sample in each part"
        )
    order = as_generator(seed).permutation(n)
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


_FEATURE_FORMULAS = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1**2,
    "x2^2": lambda x1, x2: x2**2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin(x1)": lambda x1, x2: np.sin(x1),
    "sin(x2)": lambda x1, x2: np.sin(x2),
}
FEATURES = tuple(_FEATURE_FORMULAS)


def add_features(X, features):
    """Build new input columns from the two coordinates, as in the TensorFlow Playground.

    ``features`` lists names from ``FEATURES`` ("x1", "x2", "x1^2", "x2^2", "x1*x2",
    "sin(x1)", "sin(x2)"); the result has one column per name, in the order given.
    Hand-made features like x1^2 + x2^2 can make a curved boundary straight.
    """
    X = as_matrix(X, name="X")
    if X.shape[1] != 2:
        raise ValueError(
            f"add_features needs points with 2 coordinates, X of shape (n_samples, 2); "
            f"got shape {X.shape}"
        )
    if isinstance(features, str):
        features = (features,)
    if isinstance(features, np.ndarray) or not isinstance(features, (list, tuple)):
        raise TypeError(
            f"features must be a list of names from {', '.join(FEATURES)}; got {features!r:.60}"
        )
    features = tuple(features)
    if not features:
        raise ValueError(f"choose at least one feature from {', '.join(FEATURES)}")
    for feature in features:
        if not isinstance(feature, str) or feature not in _FEATURE_FORMULAS:
            raise unknown_name_error("feature", feature, FEATURES)
    x1, x2 = X[:, 0], X[:, 1]
    return np.column_stack([_FEATURE_FORMULAS[feature](x1, x2) for feature in features])


# ----------------------------------------------------------------------------------
# Real data: 8x8 handwritten digits
# ----------------------------------------------------------------------------------


def load_digits(test_fraction=0.2, seed=42):
    """The 1,797 handwritten digits (8x8 pixels, classes 0-9) bundled with scikit-learn.

    Pixels are scaled from 0..16 to [0, 1]. Returns ``X_train, X_test, y_train, y_test``
    with 64 features per image. Needs scikit-learn (the data file ships inside it, so
    nothing is downloaded).
    """
    try:
        from sklearn.datasets import load_digits as _sklearn_load_digits
    except ImportError as error:
        raise ImportError(
            "load_digits reads the digits file that ships with scikit-learn, which is not "
            "installed; install it with `pip install scikit-learn`"
        ) from error
    digits = _sklearn_load_digits()
    X = digits.data.astype(np.float64) / 16.0
    y = digits.target.astype(np.int64)
    return train_test_split(X, y, test_fraction=test_fraction, seed=seed)
