"""Input checks shared by every nnlib module.

A library for learners should fail early and say, in plain words, what is wrong and
what to do about it: "X has shape (4,), but a model needs a 2-D array ..." is useful,
"IndexError: tuple index out of range" from deep inside a matrix product is not.

Each helper either returns a cleaned-up value (a float64 matrix, an int label vector,
the number itself) or raises ``ValueError``. They are meant to be called once, where
data enters the library (a constructor, ``fit``), not inside the training loop.
"""

from __future__ import annotations

import difflib
import numbers
import os
from collections.abc import Iterable

import numpy as np

__all__ = [
    "as_matrix",
    "as_labels",
    "check_finite",
    "check_same_length",
    "check_positive",
    "check_non_negative",
    "check_probability",
    "check_flag",
    "check_epochs",
    "check_fits_in_memory",
    "describe",
    "unknown_name_error",
]


def describe(value) -> str:
    """A short description of a value for an error message: its repr and type.

    Arrays are described by shape and dtype instead: a 10,000-number repr helps nobody.
    """
    if isinstance(value, np.ndarray) and value.ndim > 0:
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def check_finite(array: np.ndarray, name: str = "X") -> np.ndarray:
    """Raise ValueError if ``array`` holds NaN or infinite values; return it unchanged.

    The message counts the bad entries and points at the first one, because "somewhere
    in 10,000 numbers" is hard to act on.
    """
    array = np.asarray(array)
    if array.dtype.kind not in "fc":
        return array  # integers and booleans cannot hold NaN or infinity
    finite = np.isfinite(array)
    if finite.all():
        return array
    bad = np.argwhere(~finite)
    first = tuple(int(i) for i in bad[0])
    kind = "NaN" if np.isnan(array[first]) else "infinite"
    where = f"row {first[0]}, column {first[1]}" if len(first) == 2 else f"index {first}"
    raise ValueError(
        f"{name} contains NaN or infinite values ({len(bad)} entries; the first is {kind}, "
        f"at {where}); remove those samples or fill in the missing values before using it"
    )


def as_matrix(X, name: str = "X", dtype=np.float64) -> np.ndarray:
    """Return ``X`` as a finite array of ``dtype`` (float64 unless a float32 network asks
    for float32) of shape (n_samples, n_features).

    A 1-D array is *not* reshaped silently: ``[1, 2, 3]`` could mean three samples of one
    feature or one sample of three features, and guessing wrong gives nonsense results
    instead of an error. The message tells you which reshape to use.
    """
    try:
        # Complex numbers are refused, not cut to their real part (NumPy would warn and drop
        # the imaginary part).
        if np.iscomplexobj(X) or isinstance(X, complex):
            raise TypeError("complex numbers have no place in a network's inputs")
        matrix = np.asarray(X, dtype=dtype)
    except (TypeError, ValueError) as error:
        raise ValueError(
            f"{name} must be an array of real numbers of shape (n_samples, n_features); "
            f"could not convert {describe(X)} to floats ({error})"
        ) from None
    if matrix.ndim == 1:
        raise ValueError(
            f"{name} has shape {matrix.shape}, but a model needs a 2-D array of shape "
            f"(n_samples, n_features); reshape with {name}.reshape(-1, 1) for a single "
            f"feature, or {name}.reshape(1, -1) for a single sample"
        )
    if matrix.ndim != 2:
        raise ValueError(
            f"{name} has shape {matrix.shape}, but a model needs a 2-D array of shape "
            f"(n_samples, n_features); flatten each sample, e.g. "
            f"{name}.reshape(len({name}), -1)"
        )
    if matrix.shape[0] == 0 or matrix.shape[1] == 0:
        raise ValueError(
            f"{name} is empty (shape {matrix.shape}); it needs at least one sample and one feature"
        )
    return check_finite(matrix, name)


def as_labels(y, n_classes: int | None = None, name: str = "y") -> np.ndarray:
    """Return class labels as an int64 array of shape (n,), with values 0..n_classes-1.

    Accepts a column of shape (n, 1) too. Floats are fine if they are whole numbers
    (``1.0``); anything else (``0.5``, ``"cat"``, negative numbers, a label that is too
    large for ``n_classes``) raises ValueError.
    """
    labels = np.asarray(y)
    if labels.ndim == 2 and labels.shape[1] == 1:
        labels = labels[:, 0]
    if labels.ndim != 1:
        hint = (
            f"; if {name} is one-hot encoded, convert it with {name}.argmax(axis=1)"
            if labels.ndim == 2
            else ""
        )
        raise ValueError(
            f"{name} has shape {labels.shape}, but class labels must be a 1-D array of "
            f"shape (n_samples,){hint}"
        )
    if labels.size == 0:
        raise ValueError(f"{name} is empty; it needs at least one label")
    kind = labels.dtype.kind
    if kind == "b":
        labels = labels.astype(np.int64)
    elif kind == "f":
        check_finite(labels, name)
        if not np.all(labels == np.round(labels)):
            example = labels[labels != np.round(labels)][0]
            raise ValueError(
                f"{name} contains {example!r}, but class labels must be whole numbers "
                "0..k-1; for regression targets use a mean-squared-error loss instead"
            )
    elif kind not in "iu":
        raise ValueError(
            f"class labels must be integers 0..k-1, but {name} has dtype {labels.dtype}; "
            f"encode class names as integers first, e.g. "
            f"classes, {name} = np.unique({name}, return_inverse=True)"
        )
    labels = labels.astype(np.int64, copy=False)
    smallest = int(labels.min())
    if smallest < 0:
        raise ValueError(
            f"{name} contains the negative label {smallest}; labels must be 0..k-1 "
            "(for -1/+1 labels use (y + 1) // 2)"
        )
    if n_classes is not None:
        n_classes = check_positive(n_classes, "n_classes", integer=True)
        largest = int(labels.max())
        if largest >= n_classes:
            raise ValueError(
                f"{name} contains the label {largest}, but there are {n_classes} classes, so "
                f"labels must be 0..{n_classes - 1}; check the labels or give the model "
                f"{largest + 1} outputs"
            )
    return labels


def check_same_length(X, y, x_name: str = "X", y_name: str = "y") -> None:
    """Raise ValueError unless ``X`` and ``y`` have the same number of samples (rows)."""
    n_x, n_y = len(X), len(y)
    if n_x != n_y:
        raise ValueError(
            f"{x_name} has {n_x} samples (rows) but {y_name} has {n_y}; every sample needs "
            "exactly one target, so they must be the same length"
        )


def check_number(value, name: str, integer: bool):
    """Shared part of the scalar checks: a real, finite number (an int if asked)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        wanted = "a whole number" if integer else "a number"
        raise ValueError(f"{name} must be {wanted}; got {describe(value)}")
    if integer and not isinstance(value, numbers.Integral):
        if float(value).is_integer():
            return int(value)
        raise ValueError(f"{name} must be a whole number; got {value!r}")
    if isinstance(value, numbers.Integral):
        return int(value)  # whole numbers are always finite, however large
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value!r}")
    return int(value) if integer else value


def check_positive(value, name: str, integer: bool = False):
    """Return ``value`` if it is a number > 0, else raise ValueError.

    Use ``integer=True`` for sizes and counts (layer widths, epochs, batch sizes).
    """
    value = check_number(value, name, integer)
    if value <= 0:
        wanted = "a whole number >= 1" if integer else "a number > 0"
        raise ValueError(f"{name} must be {wanted}; got {value!r}")
    return value


def check_non_negative(value, name: str, integer: bool = False):
    """Return ``value`` if it is a number >= 0 (0 usually means "switched off")."""
    value = check_number(value, name, integer)
    if value < 0:
        raise ValueError(f"{name} must be >= 0 (use 0 to switch it off); got {value!r}")
    return value


def check_probability(value, name: str) -> float:
    """Return ``value`` as a float if it lies in [0, 1), else raise ValueError.

    1 is excluded on purpose: it is meant for rates such as dropout, where a rate of 1
    would drop every unit and leave nothing to learn from.
    """
    value = check_number(value, name, integer=False)
    if not 0 <= value < 1:
        raise ValueError(
            f"{name} must be at least 0 and below 1 (a fraction, e.g. 0.2); got {value!r}"
        )
    return float(value)


def check_float_dtype(dtype, name: str = "dtype") -> np.dtype:
    """Return ``dtype`` as a NumPy dtype if it is float64 or float32, else raise ValueError.

    float64 is nnlib's default (and what gradient checks need); float32 halves the
    memory and speeds up the matrix products, at about 7 significant digits.
    """
    try:
        wanted = np.dtype(dtype)
    except TypeError:
        wanted = None
    if wanted not in (np.dtype(np.float64), np.dtype(np.float32)):
        raise ValueError(
            f"{name} must be 'float64' (the default) or 'float32'; got {describe(dtype)}"
        )
    return wanted


def unknown_name_error(kind: str, name, known: Iterable[str]) -> ValueError:
    """Build (not raise) the error for a name that is not in ``known``.

    >>> raise unknown_name_error("activation", "rleu", ["relu", "sigmoid"])
    Traceback (most recent call last):
    ...
    ValueError: unknown activation 'rleu' (did you mean 'relu'?); known: relu, sigmoid
    """
    known = list(known)
    guess = ""
    if isinstance(name, str):
        close = difflib.get_close_matches(name.lower(), known, n=1)
        if close:
            guess = f" (did you mean {close[0]!r}?)"
    shown = repr(name) if len(repr(name)) <= 40 else repr(name)[:37] + "..."
    return ValueError(f"unknown {kind} {shown}{guess}; known: {', '.join(known)}")


def check_flag(value, name: str) -> bool:
    """Return ``value`` if it is True or False (NumPy's booleans too), else raise TypeError.

    A yes/no option must not accept just anything truthy: ``from_logits="no"`` is a
    non-empty string, so ``if from_logits:`` would quietly take it as True.
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise TypeError(f"{name} must be True or False; got {describe(value)}")


def _memory_limit() -> int:
    """Bytes of physical memory on this machine (16 GiB where the OS does not say)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return 16 * 2**30


def _bytes_text(n_bytes: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB", "TB", "PB"):
        if n_bytes < 1000 or unit == "PB":
            return f"{n_bytes:.3g} {unit}"
        n_bytes /= 1000
    raise AssertionError("unreachable")


def check_fits_in_memory(n_numbers, what: str, advice: str) -> None:
    """Raise ValueError, before anything is allocated, if ``n_numbers`` float64 values
    would not fit in this machine's memory.

    ``what`` names the request ("n=10**15 points"); ``advice`` says what to do instead.
    Checking first matters: NumPy would either fail with its own message or, worse,
    start swapping and freeze the notebook.
    """
    needed = 8.0 * float(n_numbers)
    available = _memory_limit()
    if needed > available:
        raise ValueError(
            f"{what} would need about {_bytes_text(needed)} of memory, more than this "
            f"computer has ({_bytes_text(available)}); {advice}"
        )


def check_epochs(value, name: str, numbers_per_epoch: int, zero_allowed: bool = False) -> int:
    """Return a number of epochs (a whole number >= 1, or >= 0 when ``zero_allowed``),
    else raise ValueError.

    Training records ``numbers_per_epoch`` numbers every epoch, so a count whose record
    alone would not fit in memory (``epochs=1e300``) could never finish: it is refused
    before the first epoch instead of running for years.
    """
    check = check_non_negative if zero_allowed else check_positive
    epochs = check(value, name, integer=True)
    check_fits_in_memory(
        epochs * numbers_per_epoch,
        f"{name}={epochs} (a record of {numbers_per_epoch} numbers per epoch)",
        "train for fewer epochs; a few thousand are plenty for the book's data sets",
    )
    return epochs
