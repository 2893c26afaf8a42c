"""The machinery behind tests/test_bad_input.py: what a bad value is, and what counts as a
clear answer to one.

A *case* describes one public entry point by a call that works: the keyword arguments of
a valid call, and a function that makes the call (building any object it needs afresh,
so calls do not share state). The property test then replaces one argument at a time by
a generated bad value and demands one of two outcomes:

* a ``ValueError`` or ``TypeError`` raised by nnlib's or nnbook's own code (the
  innermost frame of the traceback is in one of the two packages, so it is not NumPy's
  message passed through) whose message names the argument, or
* a result made only of finite numbers -- and, when the bad value is merely another
  spelling of the valid one (a list instead of an array, whole floats as integers),
  the same result as the valid call.

Warnings are errors throughout: a result that comes with "overflow encountered" is not
a clean result.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import re
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
OUR_CODE = (str(ROOT / "nnlib") + "/", str(ROOT / "nnbook") + "/")


@dataclasses.dataclass
class Case:
    """One entry point: ``call(**valid)`` works; ``names[arg]`` lists the words a message
    about ``arg`` may use (default: the argument's own name); ``skip`` lists arguments
    that take anything (e.g. a label text) and are therefore not fuzzed."""

    call: Callable
    valid: dict
    names: dict = dataclasses.field(default_factory=dict)
    skip: tuple = ()
    compare: bool = True  # False when the result is an object, not numbers
    # For entry points that report bad settings in their result instead of raising
    # (the playground shows a message): result -> that message, or None when all is well.
    message_of: Callable | None = None
    # A component's face draws its fallback picture (seconds, not milliseconds): it gets
    # fewer generated values, and its valid call is left to the component's own tests
    # (tests/test_live_*.py), which check what it shows.
    draws: bool = False

    def arguments(self) -> list[str]:
        return [name for name in self.valid if name not in self.skip]

    def words_for(self, argument: str) -> tuple[str, ...]:
        return (argument, *self.names.get(argument, ()))


# ----------------------------------------------------------------------------------
# Bad values
# ----------------------------------------------------------------------------------

SPECIAL_NUMBERS = [math.nan, math.inf, -math.inf, -1, 0, -0.5, 2.5, 1e300, -1e300, 10**30]


def _poisoned(array: np.ndarray, value: float) -> np.ndarray:
    bad = np.array(array, dtype=np.float64, copy=True)
    bad.flat[bad.size // 2] = value
    return bad


def bad_versions(valid) -> list:
    """Values derived from the valid one: other spellings, wrong shapes, NaN inside."""
    if isinstance(valid, np.ndarray) and valid.size:
        versions = [
            valid.tolist(),  # the same numbers as nested lists
            np.zeros((0,) + valid.shape[1:]),  # no samples
            np.zeros(valid.shape[:-1] + (0,)),  # no features
            valid.ravel(),  # one rank less
            valid[..., None],  # one rank more
            valid.T.copy(),  # transposed
            np.asarray(valid[..., :1]),  # too few columns
            np.concatenate([valid, valid], axis=-1),  # too many columns
            _poisoned(valid, math.nan),
            _poisoned(valid, math.inf),
            _poisoned(valid, -math.inf),
            valid.astype(np.complex128),
            valid.astype(str),
            valid.astype(object),
        ]
        if valid.ndim >= 1:
            versions.append(tuple(valid.tolist()))
        if np.issubdtype(valid.dtype, np.floating) and np.all(valid == np.round(valid)):
            versions.append(valid.astype(np.int64))  # the same whole numbers as ints
        return versions
    if isinstance(valid, numbers.Real) and not isinstance(valid, bool):
        return [np.float64(valid), np.array(valid), [valid], -valid, valid * 1e12]
    if isinstance(valid, str):
        return [valid.upper(), valid + "x", "", " ", valid * 500, [valid]]
    if isinstance(valid, (list, tuple)):
        return [[], list(valid) + [None], tuple(reversed(valid)), {}, "x".join(map(str, valid))]
    return []


def same_spelling(valid, bad) -> bool:
    """True when ``bad`` is the valid value written differently (must give the same result)."""
    if isinstance(valid, np.ndarray):
        if isinstance(bad, (list, tuple)):
            return np.array_equal(np.asarray(bad, dtype=object), valid.astype(object))
        if isinstance(bad, np.ndarray) and bad.dtype.kind in "iu" and bad.shape == valid.shape:
            return bool(np.all(bad == valid))
        return False
    if isinstance(valid, numbers.Real) and not isinstance(valid, bool):
        return isinstance(bad, np.floating) and float(bad) == valid
    return False


GENERIC = st.one_of(
    st.sampled_from(SPECIAL_NUMBERS),
    st.text(max_size=12),
    st.none(),
    st.booleans(),
    st.complex_numbers(max_magnitude=10, allow_nan=False, allow_infinity=False),
    st.lists(st.floats(-10, 10), max_size=4),
    st.tuples(st.integers(-3, 3), st.integers(-3, 3)),
    st.sampled_from(
        [
            np.array(1.5),  # a 0-d array
            np.zeros(0),
            np.zeros((0, 0)),
            np.arange(6).reshape(2, 3),  # an integer array
            np.full((2, 2), math.nan),
            np.ones((2, 2, 2)),
            np.array([["a", "b"]]),
            object(),
            {"a": 1},
            print,  # a callable that is not the right one
        ]
    ),
)


def bad_values(valid) -> st.SearchStrategy:
    derived = bad_versions(valid)
    if not derived:
        return GENERIC
    return st.one_of(st.sampled_from(derived), GENERIC)


# ----------------------------------------------------------------------------------
# Judging the outcome
# ----------------------------------------------------------------------------------


def numbers_in(result, depth: int = 0) -> list[float] | None:
    """Every number in a result (arrays, numbers, tuples, lists, dicts, simple objects),
    or None when the result is something else (a widget, a picture as bytes)."""
    if depth > 4:
        return []
    if isinstance(result, (bool, np.bool_, str, bytes)) or result is None:
        return []
    if isinstance(result, numbers.Number):
        return [complex(result)]
    if isinstance(result, np.ndarray):
        if result.dtype.kind in "biufc":
            return result.astype(np.complex128).ravel().tolist()
        if result.dtype.kind == "O":
            found = []
            for item in result.ravel():
                found += numbers_in(item, depth + 1) or []
            return found
        return []
    if isinstance(result, dict):
        result = list(result.values())
    if isinstance(result, (list, tuple)):
        found = []
        for item in result:
            found += numbers_in(item, depth + 1) or []
        return found
    if dataclasses.is_dataclass(result):
        return numbers_in([getattr(result, f.name) for f in dataclasses.fields(result)], depth + 1)
    if hasattr(result, "__dict__"):
        arrays = [v for v in vars(result).values() if isinstance(v, np.ndarray)]
        return numbers_in(arrays, depth + 1)
    return None


def raised_by_our_code(error: BaseException) -> bool:
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and frames[-1].filename.startswith(OUR_CODE)


def names_argument(message: str, words) -> bool:
    return any(
        re.search(rf"(?<![A-Za-z0-9_]){re.escape(w)}(?![A-Za-z0-9_])", message) for w in words
    )


def run_quietly(call, kwargs):
    """Call with every warning turned into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return call(**kwargs)


def judge(case: Case, argument: str, bad, reference) -> None:
    """Assert the outcome of ``case.call`` with ``argument=bad`` is a clear error or a
    finite (and, for another spelling of the valid value, equal) result."""
    kwargs = dict(case.valid, **{argument: bad})
    shown = f"{argument}={_short(bad)}"
    try:
        result = run_quietly(case.call, kwargs)
    except (ValueError, TypeError) as error:
        message = str(error)
        assert raised_by_our_code(error), (
            f"{shown}: {type(error).__name__} came from outside nnlib/nnbook: {message}\n"
            + "".join(traceback.format_tb(error.__traceback__)[-2:])
        )
        assert names_argument(message, case.words_for(argument)), (
            f"{shown}: the message does not name {case.words_for(argument)}: {message}"
        )
        assert len(message) < 1000, f"{shown}: a {len(message)}-character message"
        return
    message = case.message_of(result) if case.message_of else None
    if message is not None:
        assert names_argument(message, case.words_for(argument)), (
            f"{shown}: the reported problem does not name {case.words_for(argument)}: {message}"
        )
        return
    found = numbers_in(result)
    if found is None:
        return
    assert all(np.isfinite(value) for value in found), f"{shown}: a result that is not finite"
    if case.compare and reference is not None and same_spelling(case.valid[argument], bad):
        assert len(found) == len(reference) and np.allclose(found, reference), (
            f"{shown}: another spelling of the valid value gave a different result"
        )


def _short(value) -> str:
    text = repr(value)
    return text if len(text) < 80 else text[:77] + "..."
