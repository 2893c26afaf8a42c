"""Tests for nnlib.datasets: shapes, determinism, the geometry each generator promises,
splitting, feature columns, the digits loader and the errors on bad input."""

import builtins
import sys

import numpy as np
import pytest

from nnlib import datasets
from nnlib.datasets import (
    DATASET_NAMES,
    FEATURES,
    LOGIC_GATES,
    REGRESSION_FUNCTIONS,
    add_features,
    circles,
    gaussian_blobs,
    load_digits,
    logic_gate,
    make_dataset,
    moons,
    regression_1d,
    regression_curve,
    spam_inbox,
    spiral,
    train_test_split,
    xor_clouds,
)

# (generator, extra kwargs, number of classes)
GENERATORS = [
    (xor_clouds, {}, 2),
    (circles, {}, 2),
    (gaussian_blobs, {}, 2),
    (spiral, {"arms": 2}, 2),
    (spiral, {"arms": 3}, 3),
    (moons, {}, 2),
]
GENERATOR_IDS = ["xor", "circles", "gaussian", "spiral2", "spiral3", "moons"]


# ----------------------------------------------------------------------------------
# Shapes, dtypes, classes, determinism
# ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("generator", "kwargs", "n_classes"), GENERATORS, ids=GENERATOR_IDS)
@pytest.mark.parametrize("n", [7, 200])
def test_generator_shapes_dtypes_and_balanced_classes(generator, kwargs, n_classes, n):
    X, y = generator(n=n, seed=1, **kwargs)
    assert X.shape == (n, 2)
    assert X.dtype == np.float64
    assert y.shape == (n,)
    assert np.issubdtype(y.dtype, np.integer)
    counts = np.bincount(y, minlength=n_classes)
    assert len(counts) == n_classes  # no label outside 0..k-1
    assert counts.max() - counts.min() <= 1  # as even as n allows
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize(("generator", "kwargs", "n_classes"), GENERATORS, ids=GENERATOR_IDS)
def test_smallest_n_still_has_every_class(generator, kwargs, n_classes):
    _, y = generator(n=n_classes, seed=0, **kwargs)
    assert sorted(y.tolist()) == list(range(n_classes))


@pytest.mark.parametrize(("generator", "kwargs", "n_classes"), GENERATORS, ids=GENERATOR_IDS)
def test_same_seed_same_data_different_seed_different_data(generator, kwargs, n_classes):
    X1, y1 = generator(n=50, seed=3, **kwargs)
    X2, y2 = generator(n=50, seed=3, **kwargs)
    X3, _ = generator(n=50, seed=4, **kwargs)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.allclose(X1, X3)


def test_generator_accepts_a_numpy_generator_as_seed():
    X1, y1 = circles(n=30, seed=np.random.default_rng(5))
    X2, y2 = circles(n=30, seed=np.random.default_rng(5))
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)


def test_classes_are_shuffled_not_stored_in_blocks():
    _, y = moons(n=100, seed=0)
    # Sorted labels would change value exactly once.
    assert np.count_nonzero(np.diff(y)) > 10


# ----------------------------------------------------------------------------------
# Geometry: each check would fail for a wrong generator
# ----------------------------------------------------------------------------------


def test_xor_label_is_xor_of_coordinate_signs_without_noise():
    X, y = xor_clouds(n=400, noise=0.0, seed=2)
    expected = (X[:, 0] > 0) ^ (X[:, 1] > 0)
    np.testing.assert_array_equal(y, expected.astype(int))
    # all four quadrants are used, and nothing sits on an axis
    quadrants = {(bool(a > 0), bool(b > 0)) for a, b in X}
    assert len(quadrants) == 4
    assert np.all(np.abs(X) >= 0.1)


def test_xor_noise_moves_points_but_keeps_labels():
    X_clean, y_clean = xor_clouds(n=400, noise=0.0, seed=2)
    X_noisy, y_noisy = xor_clouds(n=400, noise=0.3, seed=2)
    np.testing.assert_array_equal(y_clean, y_noisy)
    wrong_side = ((X_noisy[:, 0] > 0) ^ (X_noisy[:, 1] > 0)).astype(int) != y_noisy
    assert 0 < wrong_side.mean() < 0.5  # some overlap, but mostly still XOR


def test_circles_inner_disc_lies_inside_the_ring():
    X, y = circles(n=500, noise=0.0, seed=0)
    radius = np.hypot(X[:, 0], X[:, 1])
    inner, outer = radius[y == 1], radius[y == 0]
    assert inner.max() <= 0.5
    assert outer.min() >= 0.8 and outer.max() <= 1.2
    # the disc is filled, not a thin circle
    assert inner.min() < 0.1


def test_circles_with_noise_inner_radii_still_smaller_on_average():
    X, y = circles(n=500, noise=0.1, seed=0)
    radius = np.hypot(X[:, 0], X[:, 1])
    assert np.median(radius[y == 1]) + 0.3 < np.median(radius[y == 0])


@pytest.mark.parametrize("arms", [2, 3])
def test_spiral_angle_increases_with_radius_along_each_arm(arms):
    X, y = spiral(n=300 * arms, arms=arms, noise=0.0, seed=0)
    for arm in range(arms):
        points = X[y == arm]
        radius = np.hypot(points[:, 0], points[:, 1])
        order = np.argsort(radius)
        angle = np.unwrap(np.arctan2(points[order, 1], points[order, 0]))
        assert np.all(np.diff(angle) > 0), f"arm {arm} does not wind outwards"
        # the arm winds more than once around the centre
        assert angle[-1] - angle[0] > 2 * np.pi


@pytest.mark.parametrize("arms", [2, 3])
def test_spiral_arms_are_rotated_copies(arms):
    # At equal radius, arm k sits 2*pi*k/arms further round than arm 0.
    X, y = spiral(n=300 * arms, arms=arms, noise=0.0, seed=1)
    radius = np.hypot(X[:, 0], X[:, 1])
    angle = np.arctan2(X[:, 1], X[:, 0])
    winding = 2 * np.pi * datasets.SPIRAL_TURNS * (radius - 0.1) / 1.4
    offset = np.mod(angle - winding, 2 * np.pi)
    expected = np.mod(2 * np.pi * y / arms, 2 * np.pi)
    gap = np.abs(np.angle(np.exp(1j * (offset - expected))))
    assert gap.max() < 1e-9


def test_gaussian_blob_centres_and_spread():
    X, y = gaussian_blobs(n=4000, noise=0.5, seed=0)
    np.testing.assert_allclose(X[y == 0].mean(axis=0), [-1, -1], atol=0.05)
    np.testing.assert_allclose(X[y == 1].mean(axis=0), [1, 1], atol=0.05)
    np.testing.assert_allclose(X[y == 0].std(axis=0), [0.5, 0.5], atol=0.05)


def test_moons_lie_on_two_shifted_half_circles_without_noise():
    X, y = moons(n=300, noise=0.0, seed=0)
    upper = X[y == 0] + [0.5, 0.25]  # undo the centring shift
    lower = X[y == 1] + [0.5, 0.25]
    np.testing.assert_allclose(np.hypot(upper[:, 0], upper[:, 1]), 1.0)
    assert np.all(upper[:, 1] >= 0)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1.0)
    assert np.all(lower[:, 1] <= 0.5)


@pytest.mark.parametrize("name", ["circle", "gaussian", "moons"])
def test_noise_is_the_standard_deviation_of_the_jitter(name):
    clean, _ = make_dataset(name, n=4000, noise=0.0, seed=9)
    noisy, _ = make_dataset(name, n=4000, noise=0.2, seed=9)
    # Same seed: the clean shape is drawn identically, then jitter is added.
    jitter = noisy - clean
    np.testing.assert_allclose(jitter.std(), 0.2, rtol=0.05)


# ----------------------------------------------------------------------------------
# Logic gates, make_dataset, regression
# ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gate", "outputs"),
    [
        ("and", [0, 0, 0, 1]),
        ("or", [0, 1, 1, 1]),
        ("nand", [1, 1, 1, 0]),
        ("nor", [1, 0, 0, 0]),
        ("xor", [0, 1, 1, 0]),
    ],
)
def test_logic_gate_truth_tables(gate, outputs):
    X, y = logic_gate(gate)
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    assert X.dtype == np.float64
    np.testing.assert_array_equal(y, outputs)
    assert np.issubdtype(y.dtype, np.integer)


def test_logic_gate_name_is_case_insensitive_and_all_listed():
    np.testing.assert_array_equal(logic_gate("XOR")[1], logic_gate("xor")[1])
    assert set(LOGIC_GATES) == {"and", "or", "nand", "nor", "xor"}


def test_make_dataset_dispatches_to_the_generators():
    assert set(DATASET_NAMES) == {"circle", "xor", "gaussian", "spiral", "moons", "spiral3"}
    pairs = {
        "circle": circles(n=60, seed=4),
        "xor": xor_clouds(n=60, seed=4),
        "gaussian": gaussian_blobs(n=60, seed=4),
        "spiral": spiral(n=60, arms=2, seed=4),
        "moons": moons(n=60, seed=4),
        "spiral3": spiral(n=60, arms=3, seed=4),
    }
    for name, (X_expected, y_expected) in pairs.items():
        X, y = make_dataset(name, n=60, seed=4)
        np.testing.assert_array_equal(X, X_expected, err_msg=name)
        np.testing.assert_array_equal(y, y_expected, err_msg=name)


def test_make_dataset_passes_noise_on():
    X, _ = make_dataset("circle", n=60, noise=0.3, seed=4)
    np.testing.assert_array_equal(X, circles(n=60, noise=0.3, seed=4)[0])
    assert len(np.unique(make_dataset("spiral3", n=30)[1])) == 3


@pytest.mark.parametrize("function", REGRESSION_FUNCTIONS)
def test_regression_without_noise_follows_the_curve(function):
    X, y = regression_1d(n=80, function=function, noise=0.0, seed=0)
    assert X.shape == (80, 1) and y.shape == (80, 1)
    assert X.dtype == np.float64 and y.dtype == np.float64
    assert np.all(np.diff(X[:, 0]) >= 0)  # sorted, ready to draw as a line
    assert X.min() >= -1 and X.max() <= 1
    np.testing.assert_allclose(y, regression_curve(function, X))


def test_regression_curves_match_their_formulas():
    x = np.array([-0.75, -0.5, 0.0, 0.25, 0.5])
    np.testing.assert_allclose(regression_curve("sine", x), np.sin(np.pi * x))
    np.testing.assert_allclose(regression_curve("abs", x), [0.75, 0.5, 0.0, 0.25, 0.5])
    np.testing.assert_array_equal(regression_curve("step", x), [0, 0, 1, 1, 1])
    wavy = np.sin(np.pi * x) + 0.5 * np.sin(3 * np.pi * x) + 0.25 * np.sin(7 * np.pi * x)
    np.testing.assert_allclose(regression_curve("wavy", x), wavy)


def test_regression_noise_level():
    X, y = regression_1d(n=5000, function="sine", noise=0.1, seed=0)
    residual = y - np.sin(np.pi * X)
    np.testing.assert_allclose(residual.std(), 0.1, rtol=0.05)
    assert abs(residual.mean()) < 0.01


# ----------------------------------------------------------------------------------
# The running example: the toy spam inbox
# ----------------------------------------------------------------------------------


def test_spam_inbox_shapes_and_alternating_labels():
    X, y = spam_inbox()
    assert X.shape == (60, 2) and X.dtype == np.float64
    assert y.shape == (60,) and y.dtype == np.int64
    np.testing.assert_array_equal(y, np.arange(60) % 2)  # normal, spam, normal, ...
    X, y = spam_inbox(n=7, seed=3)
    assert X.shape == (7, 2)
    np.testing.assert_array_equal(y, [0, 1, 0, 1, 0, 1, 0])


def test_spam_inbox_is_the_data_chapters_0_and_2_were_written_with():
    # The chapters defined the inbox inline before it moved here; their printed results
    # (e.g. 2 emails misclassified by "links + exclamation marks >= 5") rely on it.
    rng = np.random.default_rng(0)
    labels = np.arange(60) % 2
    centres = np.array([[1.0, 1.0], [4.0, 3.5]])
    expected = np.clip(centres[labels] + rng.normal(0.0, 1.0, size=(60, 2)), 0.0, None)
    X, y = spam_inbox(n=60, seed=0)
    np.testing.assert_array_equal(X, expected)
    np.testing.assert_array_equal(y, labels)
    assert np.sum((X @ np.array([1.0, 1.0]) - 5.0 >= 0) != y) == 2


def test_spam_inbox_is_seeded():
    a, b, c = spam_inbox(seed=1), spam_inbox(seed=1), spam_inbox(seed=2)
    np.testing.assert_array_equal(a[0], b[0])
    assert not np.allclose(a[0], c[0])
    np.testing.assert_array_equal(spam_inbox(seed=np.random.default_rng(1))[0], a[0])


def test_spam_inbox_rates_are_non_negative_and_spam_has_more_of_both():
    X, y = spam_inbox(n=4000, seed=0)
    assert X.min() == 0.0  # clipped draws, not negative rates
    normal, spam = X[y == 0].mean(axis=0), X[y == 1].mean(axis=0)
    # Centres (1, 1) and (4, 3.5); clipping at 0 lifts the normal mail's mean slightly.
    np.testing.assert_allclose(spam, [4.0, 3.5], atol=0.1)
    assert np.all(normal > 1.0) and np.all(normal < 1.2)


def test_spam_inbox_bad_arguments():
    with pytest.raises(ValueError, match="n must be at least 2"):
        spam_inbox(n=1)
    with pytest.raises(ValueError, match="seed must be"):
        spam_inbox(seed="seven")


# ----------------------------------------------------------------------------------
# train_test_split
# ----------------------------------------------------------------------------------


def test_split_sizes_disjoint_and_rows_stay_with_labels():
    X = np.column_stack([np.arange(200.0), -np.arange(200.0)])
    y = np.arange(200)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_fraction=0.2, seed=0)
    assert X_train.shape == (160, 2) and X_test.shape == (40, 2)
    assert y_train.shape == (160,) and y_test.shape == (40,)
    train_rows, test_rows = set(X_train[:, 0]), set(X_test[:, 0])
    assert not train_rows & test_rows
    assert train_rows | test_rows == set(range(200))
    np.testing.assert_array_equal(X_train[:, 0], y_train)
    np.testing.assert_array_equal(X_test[:, 0], y_test)
    # shuffled: the test set is not just the last 40 rows
    assert set(y_test) != set(range(160, 200))


def test_split_is_seeded():
    X, y = circles(n=50, seed=0)
    first = train_test_split(X, y, seed=1)
    again = train_test_split(X, y, seed=1)
    other = train_test_split(X, y, seed=2)
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[1], other[1])


def test_split_keeps_regression_targets_as_columns():
    X, y = regression_1d(n=50, seed=0)
    _, X_test, _, y_test = train_test_split(X, y, test_fraction=0.3)
    assert X_test.shape == (15, 1) and y_test.shape == (15, 1)


@pytest.mark.parametrize(("n", "fraction", "empty"), [(3, 0.1, "test"), (3, 0.9, "training")])
def test_split_refuses_to_leave_a_part_empty(n, fraction, empty):
    X, y = np.zeros((n, 2)), np.zeros(n, dtype=int)
    with pytest.raises(ValueError, match=f"{empty} set empty"):
        train_test_split(X, y, test_fraction=fraction)


@pytest.mark.parametrize("fraction", [0, 1, -0.2, 1.5, float("nan"), "0.2"])
def test_split_rejects_fractions_outside_zero_one(fraction):
    with pytest.raises(ValueError, match="test_fraction"):
        train_test_split(np.zeros((10, 2)), np.zeros(10, dtype=int), test_fraction=fraction)


def test_split_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="same length"):
        train_test_split(np.zeros((10, 2)), np.zeros(9, dtype=int))


# ----------------------------------------------------------------------------------
# add_features
# ----------------------------------------------------------------------------------


def test_add_features_columns_equal_their_formulas():
    X = np.array([[0.5, -2.0], [1.5, 3.0], [-1.0, 0.25]])
    x1, x2 = X[:, 0], X[:, 1]
    out = add_features(X, FEATURES)
    expected = np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)])
    np.testing.assert_allclose(out, expected)
    assert FEATURES == ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")


def test_add_features_keeps_the_requested_order():
    X = np.array([[2.0, 3.0]])
    np.testing.assert_allclose(add_features(X, ["x1*x2", "x1"]), [[6.0, 2.0]])
    np.testing.assert_allclose(add_features(X, "x2^2"), [[9.0]])


def test_squared_features_make_circles_linearly_separable():
    X, y = circles(n=300, noise=0.0, seed=0)
    squares = add_features(X, ["x1^2", "x2^2"])
    # the line x1^2 + x2^2 = 0.6^2 separates the classes perfectly
    np.testing.assert_array_equal(squares.sum(axis=1) < 0.36, y == 1)


def test_add_features_errors():
    X = np.zeros((4, 2))
    with pytest.raises(ValueError, match=r"unknown feature 'x3'.*known: x1, x2"):
        add_features(X, ["x1", "x3"])
    with pytest.raises(ValueError, match="at least one feature"):
        add_features(X, [])
    with pytest.raises(ValueError, match=r"\(n_samples, 2\)"):
        add_features(np.zeros((4, 3)), ["x1"])
    with pytest.raises(ValueError, match="NaN"):
        add_features(np.array([[np.nan, 1.0]]), ["x1"])


# ----------------------------------------------------------------------------------
# load_digits
# ----------------------------------------------------------------------------------


def test_load_digits_shapes_scaling_and_split():
    pytest.importorskip("sklearn")
    X_train, X_test, y_train, y_test = load_digits()
    assert len(X_train) + len(X_test) == 1797
    assert (len(X_train), len(X_test)) == (1438, 359)  # 80/20
    assert X_train.shape[1] == X_test.shape[1] == 64
    assert X_train.dtype == np.float64
    all_pixels = np.concatenate([X_train, X_test])
    assert all_pixels.min() == 0.0 and all_pixels.max() == 1.0
    # pixels were 0..16 in steps of 1, so scaled values are multiples of 1/16
    np.testing.assert_allclose(all_pixels * 16, np.round(all_pixels * 16))
    assert set(np.concatenate([y_train, y_test]).tolist()) == set(range(10))
    assert np.issubdtype(y_train.dtype, np.integer)


def test_load_digits_is_seeded():
    pytest.importorskip("sklearn")
    a = load_digits(test_fraction=0.5, seed=1)
    b = load_digits(test_fraction=0.5, seed=1)
    c = load_digits(test_fraction=0.5, seed=2)
    np.testing.assert_array_equal(a[3], b[3])
    assert len(a[1]) == 898 or len(a[1]) == 899
    assert not np.array_equal(a[3], c[3])


def test_load_digits_without_scikit_learn_says_how_to_install(monkeypatch):
    real_import = builtins.__import__

    def no_sklearn(name, *args, **kwargs):
        if name == "sklearn" or name.startswith("sklearn."):
            raise ModuleNotFoundError("No module named 'sklearn'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_sklearn)
    monkeypatch.delitem(sys.modules, "sklearn.datasets", raising=False)
    with pytest.raises(ImportError, match="pip install scikit-learn"):
        load_digits()


# ----------------------------------------------------------------------------------
# Bad input
# ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_negative_noise_is_rejected(name):
    with pytest.raises(ValueError, match="noise must be >= 0"):
        make_dataset(name, noise=-0.1)


@pytest.mark.parametrize("noise", [float("nan"), float("inf"), "a lot"])
def test_non_numeric_noise_is_rejected(noise):
    with pytest.raises(ValueError, match="noise"):
        circles(noise=noise)


@pytest.mark.parametrize(("name", "n_classes"), [("circle", 2), ("spiral3", 3)])
def test_too_few_points_is_rejected(name, n_classes):
    with pytest.raises(ValueError, match=f"n must be at least {n_classes}"):
        make_dataset(name, n=n_classes - 1)


@pytest.mark.parametrize("n", [2.5, "100", None, 0])
def test_n_must_be_a_positive_whole_number(n):
    with pytest.raises(ValueError, match="n must be"):
        moons(n=n)


def test_other_bad_arguments():
    with pytest.raises(ValueError, match="arms must be 2 or 3"):
        spiral(arms=4)
    with pytest.raises(ValueError, match="seed must be"):
        circles(seed="seven")
    with pytest.raises(ValueError, match=r"unknown data set 'spirals'.*did you mean 'spiral'"):
        make_dataset("spirals")
    with pytest.raises(ValueError, match="unknown logic gate 'xnor'"):
        logic_gate("xnor")
    with pytest.raises(ValueError, match="unknown regression function 'cosine'"):
        regression_1d(function="cosine")
    with pytest.raises(ValueError, match="n must be a whole number >= 1"):
        regression_1d(n=0)
