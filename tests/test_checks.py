"""Tests for nnlib._checks: clean input passes through, bad input raises ValueError with
a message that says what is wrong and what to do."""

import numpy as np
import pytest

from nnlib._checks import (
    as_labels,
    as_matrix,
    check_finite,
    check_non_negative,
    check_positive,
    check_probability,
    check_same_length,
    unknown_name_error,
)


def error_message(call) -> str:
    with pytest.raises(ValueError) as info:
        call()
    return str(info.value)


# --- as_matrix -------------------------------------------------------------------------


def test_as_matrix_converts_to_float64():
    X = as_matrix([[1, 2], [3, 4], [5, 6]])
    assert X.dtype == np.float64 and X.shape == (3, 2)
    np.testing.assert_array_equal(X, [[1, 2], [3, 4], [5, 6]])
    already = np.zeros((4, 3))
    assert as_matrix(already) is already  # no needless copy


def test_as_matrix_rejects_1d_and_says_how_to_reshape():
    message = error_message(lambda: as_matrix(np.arange(4.0)))
    assert "shape (4,)" in message
    assert "(n_samples, n_features)" in message
    assert "X.reshape(-1, 1)" in message


def test_as_matrix_rejects_other_shapes_and_empty_input():
    assert "flatten" in error_message(lambda: as_matrix(np.zeros((2, 3, 4))))
    assert "(n_samples, n_features)" in error_message(lambda: as_matrix(5.0))
    assert "empty" in error_message(lambda: as_matrix(np.zeros((0, 2))))
    assert "empty" in error_message(lambda: as_matrix(np.zeros((3, 0))))


@pytest.mark.parametrize(
    "bad, word", [(np.nan, "NaN"), (np.inf, "infinite"), (-np.inf, "infinite")]
)
def test_as_matrix_rejects_nan_and_infinity_and_says_where(bad, word):
    X = np.ones((5, 3))
    X[2, 1] = bad
    X[4, 0] = bad
    message = error_message(lambda: as_matrix(X, name="X_train"))
    assert "X_train contains NaN or infinite values" in message
    assert "2 entries" in message
    assert word in message
    assert "row 2, column 1" in message


def test_as_matrix_rejects_non_numbers():
    message = error_message(lambda: as_matrix([["a", "b"]], name="features"))
    assert "features" in message and "numbers" in message


def test_check_finite_passes_integers_and_reports_1d_positions():
    ints = np.arange(3)
    assert check_finite(ints) is ints
    message = error_message(lambda: check_finite(np.array([0.0, np.nan]), name="w"))
    assert "w contains NaN" in message and "index (1,)" in message


# --- as_labels -------------------------------------------------------------------------


def test_as_labels_accepts_vectors_columns_whole_floats_and_booleans():
    np.testing.assert_array_equal(as_labels([0, 2, 1]), [0, 2, 1])
    assert as_labels(np.array([[1], [0]])).shape == (2,)
    labels = as_labels(np.array([1.0, 0.0, 2.0]), n_classes=3)
    assert labels.dtype == np.int64
    np.testing.assert_array_equal(labels, [1, 0, 2])
    np.testing.assert_array_equal(as_labels(np.array([True, False])), [1, 0])


@pytest.mark.parametrize(
    "labels, n_classes, words",
    [
        ([0, 1, 3], 3, ["label 3", "3 classes", "0..2"]),
        ([0, -1, 1], None, ["negative label -1", "0..k-1"]),
        ([0.0, 0.5, 1.0], None, ["0.5", "whole numbers"]),
        ([0.0, np.nan], None, ["NaN"]),
        (["cat", "dog"], None, ["integers", "np.unique"]),
        (np.eye(3), None, ["(3, 3)", "argmax(axis=1)"]),
        (np.zeros((2, 2, 2)), None, ["1-D"]),
        ([], None, ["empty"]),
        ([0, 1], 0, ["n_classes", ">= 1"]),
    ],
)
def test_as_labels_rejects_bad_labels_with_clear_messages(labels, n_classes, words):
    message = error_message(lambda: as_labels(labels, n_classes=n_classes))
    for word in words:
        assert word in message


# --- lengths and scalars ----------------------------------------------------------------


def test_check_same_length():
    check_same_length(np.zeros((3, 2)), np.zeros(3))
    message = error_message(lambda: check_same_length(np.zeros((3, 2)), np.zeros(4)))
    assert "X has 3 samples" in message and "y has 4" in message


def test_check_positive_returns_valid_values():
    assert check_positive(0.1, "learning_rate") == 0.1
    assert check_positive(3, "epochs", integer=True) == 3
    assert check_positive(np.int64(4), "epochs", integer=True) == 4
    assert check_positive(3.0, "epochs", integer=True) == 3  # whole floats are fine


@pytest.mark.parametrize(
    "value, integer, words",
    [
        (0, False, ["learning_rate", "> 0", "0"]),
        (-0.5, False, ["> 0", "-0.5"]),
        (float("nan"), False, ["finite"]),
        (float("inf"), False, ["finite"]),
        ("0.1", False, ["a number", "'0.1'"]),
        (True, False, ["a number"]),
        (None, False, ["a number"]),
        (0, True, [">= 1"]),
        (2.5, True, ["whole number", "2.5"]),
    ],
)
def test_check_positive_rejects_bad_values(value, integer, words):
    message = error_message(lambda: check_positive(value, "learning_rate", integer=integer))
    for word in words:
        assert word in message


def test_check_non_negative():
    assert check_non_negative(0, "l2") == 0
    assert "switch it off" in error_message(lambda: check_non_negative(-1, "l2"))


def test_check_probability():
    assert check_probability(0, "dropout rate") == 0.0
    assert check_probability(0.5, "dropout rate") == 0.5
    for bad in (1, 1.0, -0.01, 2):
        message = error_message(lambda bad=bad: check_probability(bad, "dropout rate"))
        assert "dropout rate" in message and "below 1" in message


def test_unknown_name_error_names_the_bad_name_and_lists_the_known_ones():
    error = unknown_name_error("activation", "foo", ["relu", "sigmoid", "tanh"])
    assert isinstance(error, ValueError)
    assert str(error) == "unknown activation 'foo'; known: relu, sigmoid, tanh"
    close = unknown_name_error("optimizer", "Adma", ["sgd", "adam"])
    assert "did you mean 'adam'?" in str(close)
