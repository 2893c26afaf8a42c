"""Tests for nnlib.initializers: sample statistics against the formulas (with tolerances
from the sampling error), reproducibility, names and errors."""

import math

import numpy as np
import pytest

from nnlib.initializers import (
    INITIALIZER_NAMES,
    Initializer,
    constant,
    fans,
    get_initializer,
    he_normal,
    he_uniform,
    normal,
    xavier_normal,
    xavier_uniform,
    zeros,
)

SHAPE = (300, 500)  # 150,000 draws: the sample variance is within ~1% of the truth
N_IN, N_OUT = SHAPE
N = N_IN * N_OUT

# (name, distribution, variance the literature gives for SHAPE)
FAN_BASED = [
    ("xavier_normal", "normal", 2 / (N_IN + N_OUT)),
    ("xavier_uniform", "uniform", 2 / (N_IN + N_OUT)),
    ("he_normal", "normal", 2 / N_IN),
    ("he_uniform", "uniform", 2 / N_IN),
]


def fourth_moment(distribution, variance):
    # E[W^4]: 3 sigma^4 for a normal; limit^4 / 5 = 9 variance^2 / 5 for a uniform
    return 3 * variance**2 if distribution == "normal" else 9 * variance**2 / 5


@pytest.mark.parametrize("name, distribution, variance", FAN_BASED)
def test_sample_variance_and_mean_match_the_formula(name, distribution, variance):
    W = get_initializer(name)(SHAPE, np.random.default_rng(0))
    assert W.shape == SHAPE and W.dtype == np.float64
    # standard error of the mean of W^2 (a variance estimate when the mean is 0)
    standard_error = math.sqrt((fourth_moment(distribution, variance) - variance**2) / N)
    assert abs(np.mean(W**2) - variance) < 3 * standard_error
    assert abs(np.mean(W)) < 3 * math.sqrt(variance / N)


@pytest.mark.parametrize(
    "name, limit", [("xavier_uniform", math.sqrt(6 / 800)), ("he_uniform", math.sqrt(6 / 300))]
)
def test_uniform_draws_fill_their_interval(name, limit):
    W = get_initializer(name)(SHAPE, np.random.default_rng(1))
    assert np.max(np.abs(W)) <= limit
    assert np.max(np.abs(W)) > 0.999 * limit  # 150,000 draws reach the edges
    assert get_initializer(name).scale(SHAPE) == pytest.approx(limit)


def test_normal_draws_look_normal():
    """About 68.3% of normal draws lie within one standard deviation."""
    W = he_normal()(SHAPE, np.random.default_rng(2))
    std = math.sqrt(2 / N_IN)
    fraction = np.mean(np.abs(W) < std)
    expected = math.erf(1 / math.sqrt(2))
    assert abs(fraction - expected) < 3 * math.sqrt(expected * (1 - expected) / N)


def test_normal_uses_the_given_std():
    W = normal(std=0.5)((400, 400), np.random.default_rng(3))
    standard_error = math.sqrt(2 * 0.25**2 / W.size)
    assert abs(np.mean(W**2) - 0.25) < 3 * standard_error
    assert repr(normal(0.5)) == "normal(std=0.5)"
    assert normal().scale((2, 2)) == 0.01


def test_zeros_and_constant():
    np.testing.assert_array_equal(zeros()((3, 2)), np.zeros((3, 2)))
    np.testing.assert_array_equal(constant(0.25)((4,), np.random.default_rng(0)), [0.25] * 4)
    np.testing.assert_array_equal(get_initializer("constant", value=-1)(2), [-1.0, -1.0])


@pytest.mark.parametrize("name", INITIALIZER_NAMES)
def test_same_seed_same_weights_different_seed_different_weights(name):
    init = get_initializer(name)
    first = init((20, 30), np.random.default_rng(7))
    again = init((20, 30), np.random.default_rng(7))
    as_int_seed = init((20, 30), 7)
    np.testing.assert_array_equal(first, again)
    np.testing.assert_array_equal(first, as_int_seed)
    other = init((20, 30), np.random.default_rng(8))
    if name in ("zeros", "constant"):
        np.testing.assert_array_equal(first, other)
    else:
        assert not np.array_equal(first, other)


@pytest.mark.parametrize(
    "alias, canonical",
    [
        ("glorot_normal", "xavier_normal"),
        ("glorot_uniform", "xavier_uniform"),
        ("xavier", "xavier_normal"),
        ("kaiming_normal", "he_normal"),
        ("kaiming_uniform", "he_uniform"),
        ("he", "he_normal"),
    ],
)
def test_aliases_give_the_same_weights(alias, canonical):
    a = get_initializer(alias)((10, 4), np.random.default_rng(0))
    b = get_initializer(canonical)((10, 4), np.random.default_rng(0))
    np.testing.assert_array_equal(a, b)
    assert get_initializer(alias).name == canonical


def test_fans_and_scales():
    assert fans((3, 7)) == (3, 7)
    assert xavier_normal().scale((3, 7)) == pytest.approx(math.sqrt(2 / 10))
    assert he_normal().scale((8, 100)) == pytest.approx(0.5)
    assert xavier_uniform().scale((3, 3)) == pytest.approx(1.0)
    assert he_uniform().scale((6, 1)) == pytest.approx(1.0)


def test_ready_made_initializers_pass_through():
    init = he_normal()
    assert isinstance(init, Initializer)
    assert get_initializer(init) is init

    def custom(shape, rng):
        return np.ones(shape)

    assert get_initializer(custom) is custom


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(ValueError) as info:
        get_initializer("xavir_normal")
    message = str(info.value)
    assert "'xavir_normal'" in message and "did you mean 'xavier_normal'" in message
    for known in INITIALIZER_NAMES:
        assert known in message


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda: he_normal()((0, 3), np.random.default_rng(0)), ["shape", ">= 1", "0"]),
        (lambda: he_normal()((3, -2), np.random.default_rng(0)), ["shape", "-2"]),
        (lambda: he_normal()((3, 2.5), np.random.default_rng(0)), ["whole number"]),
        (lambda: xavier_uniform()((5,), np.random.default_rng(0)), ["(n_in, n_out)", "zeros"]),
        (lambda: he_uniform()((5, 3)), ["default_rng", "seed"]),
        (lambda: he_uniform()((5, 3), "seed"), ["default_rng"]),
        (lambda: normal(std=0), ["std", "> 0"]),
        (lambda: normal(std=float("inf")), ["std", "finite"]),
        (lambda: get_initializer("he_normal", std=1.0), ["he_normal", "std"]),
        (lambda: get_initializer(3.5), ["name"]),
        (lambda: get_initializer(he_normal(), std=2), ["name instead"]),
    ],
)
def test_bad_input_raises_clear_errors(call, words):
    with pytest.raises(ValueError) as info:
        call()
    for word in words:
        assert word in str(info.value)
