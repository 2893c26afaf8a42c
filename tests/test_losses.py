"""Tests for nnlib.losses: known values, gradients against finite differences, the
logit and probability forms agreeing, stability for huge logits, and clear errors."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnlib.gradcheck import numerical_gradient
from nnlib.losses import (
    LOSS_NAMES,
    PROBABILITY_EPSILON,
    BinaryCrossEntropy,
    CategoricalCrossEntropy,
    Loss,
    MeanSquaredError,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    categorical_cross_entropy,
    get_loss,
    log_softmax,
    mean_squared_error,
)


def strict():
    """Overflow, division by zero and invalid operations raise; underflow to 0 is fine."""
    return np.errstate(over="raise", divide="raise", invalid="raise", under="ignore")


def relative_error(a, b):
    return np.max(np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), 1e-8))


def sigmoid_reference(x):
    return 1 / (1 + np.exp(-x))  # fine for the moderate logits used with it


RNG = np.random.default_rng(0)
LOGITS_K = RNG.normal(0, 2, size=(6, 4))
LABELS_K = np.array([0, 3, 1, 1, 2, 0])
LOGITS_1 = RNG.normal(0, 2, size=(8, 1))
LABELS_1 = np.array([0, 1, 1, 0, 1, 0, 0, 1])

GRADIENT_CASES = [
    ("mse one output", MeanSquaredError(), RNG.normal(size=(5, 1)), RNG.normal(size=(5, 1))),
    ("mse three outputs", MeanSquaredError(), RNG.normal(size=(5, 3)), RNG.normal(size=(5, 3))),
    ("mse (n,) target", MeanSquaredError(), RNG.normal(size=(5, 1)), RNG.normal(size=5)),
    ("bce logits", BinaryCrossEntropy(), LOGITS_1, LABELS_1),
    ("bce soft targets", BinaryCrossEntropy(), LOGITS_1, RNG.uniform(size=8)),
    (
        "bce probabilities",
        BinaryCrossEntropy(from_logits=False),
        RNG.uniform(0.05, 0.95, size=(8, 1)),
        LABELS_1,
    ),
    ("ce labels", CategoricalCrossEntropy(), LOGITS_K, LABELS_K),
    ("ce one-hot", CategoricalCrossEntropy(), LOGITS_K, np.eye(4)[LABELS_K]),
    ("ce soft targets", CategoricalCrossEntropy(), LOGITS_K, RNG.dirichlet(np.ones(4), size=6)),
    (
        "ce probabilities",
        CategoricalCrossEntropy(from_logits=False),
        RNG.dirichlet(np.ones(4), size=6),
        LABELS_K,
    ),
]


@pytest.mark.parametrize(
    "loss, output, target",
    [case[1:] for case in GRADIENT_CASES],
    ids=[c[0] for c in GRADIENT_CASES],
)
def test_gradient_matches_finite_differences(loss, output, target):
    analytic = loss.gradient(output, target)
    assert analytic.shape == output.shape
    numeric = numerical_gradient(lambda o: loss(o, target), output)
    assert relative_error(analytic, numeric) < 1e-6


@pytest.mark.parametrize(
    "loss, output, target",
    [case[1:] for case in GRADIENT_CASES],
    ids=[c[0] for c in GRADIENT_CASES],
)
def test_value_and_gradient_agrees_with_separate_calls(loss, output, target):
    value, gradient = loss.value_and_gradient(output, target)
    assert isinstance(value, float)
    assert value == loss(output, target)
    np.testing.assert_array_equal(gradient, loss.gradient(output, target))


# --- known values and independent formulas ---------------------------------------------


def test_known_values():
    assert binary_cross_entropy([[0.5]], [1]) == pytest.approx(math.log(2), rel=1e-15)
    assert binary_cross_entropy([[0.5]], [0]) == pytest.approx(math.log(2), rel=1e-15)
    assert binary_cross_entropy_with_logits([[0.0]], [1]) == pytest.approx(math.log(2), rel=1e-15)
    assert mean_squared_error([[1.0], [2.0], [3.0]], [1, 2, 5]) == pytest.approx(4 / 3)
    # equal logits: every class gets probability 1/k, so the loss is log k
    assert categorical_cross_entropy(np.zeros((3, 5)), [0, 4, 2]) == pytest.approx(math.log(5))
    assert binary_cross_entropy([[0.9], [0.2]], [1, 0]) == pytest.approx(
        -(math.log(0.9) + math.log(0.8)) / 2
    )


def test_bce_from_logits_equals_bce_of_sigmoid_probabilities():
    logits = np.linspace(-8, 8, 33).reshape(-1, 1)
    targets = (np.arange(33) % 2).reshape(-1, 1)
    from_logits = binary_cross_entropy_with_logits(logits, targets)
    from_probabilities = binary_cross_entropy(sigmoid_reference(logits), targets)
    assert from_logits == pytest.approx(from_probabilities, rel=1e-12)
    np.testing.assert_allclose(
        BinaryCrossEntropy().gradient(logits, targets),
        (sigmoid_reference(logits) - targets) / 33,
        rtol=1e-12,
    )


def test_categorical_cross_entropy_is_minus_log_softmax_of_the_true_class():
    expected = np.mean(
        [
            -math.log(math.exp(row[label]) / sum(math.exp(v) for v in row))
            for row, label in zip(LOGITS_K, LABELS_K, strict=True)
        ]
    )
    assert categorical_cross_entropy(LOGITS_K, LABELS_K) == pytest.approx(expected, rel=1e-13)
    one_hot = np.eye(4)[LABELS_K]
    assert categorical_cross_entropy(LOGITS_K, one_hot) == pytest.approx(expected, rel=1e-13)
    # from probabilities gives the same number
    probabilities = np.exp(LOGITS_K) / np.exp(LOGITS_K).sum(axis=1, keepdims=True)
    from_probabilities = CategoricalCrossEntropy(from_logits=False)(probabilities, LABELS_K)
    assert from_probabilities == pytest.approx(expected, rel=1e-13)


def test_cross_entropy_gradient_is_softmax_minus_one_hot_over_n():
    probabilities = np.exp(LOGITS_K) / np.exp(LOGITS_K).sum(axis=1, keepdims=True)
    expected = (probabilities - np.eye(4)[LABELS_K]) / len(LABELS_K)
    gradient = CategoricalCrossEntropy().gradient(LOGITS_K, LABELS_K)
    np.testing.assert_allclose(gradient, expected, rtol=1e-12, atol=1e-17)
    np.testing.assert_allclose(gradient.sum(axis=1), 0, atol=1e-16)


def test_log_softmax_is_stable():
    with strict():
        result = log_softmax(np.array([[1000.0, 0.0, -1000.0]]))
    np.testing.assert_array_equal(result, [[0.0, -1000.0, -2000.0]])


# --- stability -------------------------------------------------------------------------


def test_huge_logits_give_exact_finite_losses_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            assert binary_cross_entropy_with_logits([[1000.0]], [1]) == 0.0
            assert binary_cross_entropy_with_logits([[-1000.0]], [0]) == 0.0
            assert binary_cross_entropy_with_logits([[1000.0]], [0]) == 1000.0
            assert binary_cross_entropy_with_logits([[-1000.0]], [1]) == 1000.0
            assert categorical_cross_entropy([[1000.0, 0.0]], [0]) == 0.0
            assert categorical_cross_entropy([[1000.0, 0.0]], [1]) == 1000.0
            np.testing.assert_array_equal(
                CategoricalCrossEntropy().gradient([[1000.0, 0.0]], [1]), [[1.0, -1.0]]
            )
            np.testing.assert_array_equal(
                BinaryCrossEntropy().gradient([[1000.0], [-1000.0]], [0, 0]), [[0.5], [0.0]]
            )


def test_small_logit_losses_keep_their_precision():
    # log(1 + e^-40) ~ 4.25e-18 would round to 0 if computed as softplus(x) - x
    assert binary_cross_entropy_with_logits([[40.0]], [1]) == pytest.approx(
        math.log1p(math.exp(-40)), rel=1e-12, abs=0
    )


def test_probabilities_are_clipped_so_certain_mistakes_stay_finite():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = binary_cross_entropy([[0.0], [1.0]], [1, 0])
        gradient = BinaryCrossEntropy(from_logits=False).gradient([[0.0], [1.0]], [1, 0])
        ce_value = CategoricalCrossEntropy(from_logits=False)([[1.0, 0.0]], [1])
    assert value == pytest.approx(-math.log(PROBABILITY_EPSILON), rel=1e-6)
    assert ce_value == pytest.approx(-math.log(PROBABILITY_EPSILON), rel=1e-6)
    assert np.all(np.isfinite(gradient))


@settings(max_examples=60, deadline=None)
@given(
    logits=arrays(
        np.float64, st.tuples(st.integers(1, 6), st.integers(2, 4)), elements=st.floats(-1e4, 1e4)
    ),
    data=st.data(),
)
def test_property_losses_and_gradients_are_finite_for_logits_up_to_1e4(logits, data):
    n, k = logits.shape
    labels = np.array(data.draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    cases = [
        (CategoricalCrossEntropy(), logits, labels),
        (BinaryCrossEntropy(), logits[:, :1], labels % 2),
        (MeanSquaredError(), logits, logits[::-1]),
    ]
    with warnings.catch_warnings(), strict():
        warnings.simplefilter("error")
        for loss, output, target in cases:
            value, gradient = loss.value_and_gradient(output, target)
            assert np.isfinite(value) and value >= 0
            assert np.all(np.isfinite(gradient))


# --- names and errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, cls",
    [
        ("mse", MeanSquaredError),
        ("squared_error", MeanSquaredError),
        ("binary_cross_entropy", BinaryCrossEntropy),
        ("bce", BinaryCrossEntropy),
        ("cross_entropy", CategoricalCrossEntropy),
        ("categorical_cross_entropy", CategoricalCrossEntropy),
    ],
)
def test_get_loss_by_name(name, cls):
    loss = get_loss(name)
    assert type(loss) is cls and isinstance(loss, Loss)
    assert name in LOSS_NAMES
    assert get_loss(loss) is loss


def test_get_loss_parameters_and_repr():
    loss = get_loss("bce", from_logits=False)
    assert loss.from_logits is False
    assert repr(loss) == "BinaryCrossEntropy(from_logits=False)"
    with pytest.raises(ValueError, match="from_logits"):
        get_loss("mse", from_logits=True)


def test_unknown_loss_name_lists_the_known_ones():
    with pytest.raises(ValueError) as info:
        get_loss("hinge")
    message = str(info.value)
    assert "'hinge'" in message
    for known in LOSS_NAMES:
        assert known in message


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda: mean_squared_error(np.zeros((3, 2)), np.zeros(3)), ["(3, 2)", "(3,)", "match"]),
        (lambda: mean_squared_error(np.zeros((3, 1)), np.zeros(4)), ["(3, 1)", "(4,)"]),
        (lambda: mean_squared_error(np.zeros((0, 1)), np.zeros(0)), ["non-empty"]),
        (lambda: binary_cross_entropy_with_logits(np.zeros((3, 2)), [0, 1, 1]), ["cross_entropy"]),
        (lambda: binary_cross_entropy_with_logits(np.zeros((3, 1)), [0, 1, 2]), ["0 or 1", "2.0"]),
        (lambda: binary_cross_entropy(np.array([[1.5], [0.2]]), [0, 1]), ["from_logits=True"]),
        (lambda: categorical_cross_entropy(np.zeros((3, 3)), [0, 1, 3]), ["label 3", "0..2"]),
        (lambda: categorical_cross_entropy(np.zeros((3, 3)), [0, -1, 2]), ["negative"]),
        (lambda: categorical_cross_entropy(np.zeros((3, 3)), [0.5, 1, 2]), ["whole numbers"]),
        (lambda: categorical_cross_entropy(np.zeros((3, 3)), [0, 1]), ["3 rows", "2 labels"]),
        (lambda: categorical_cross_entropy(np.zeros((3, 3)), np.zeros((3, 2))), ["one-hot"]),
        (lambda: categorical_cross_entropy(np.zeros((3, 1)), [0, 0, 0]), ["binary"]),
        (lambda: categorical_cross_entropy(np.zeros(3), [0, 0, 0]), ["n_classes"]),
    ],
)
def test_bad_shapes_and_labels_raise_clear_errors(call, words):
    with pytest.raises(ValueError) as info:
        call()
    for word in words:
        assert word in str(info.value)
