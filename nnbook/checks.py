"""The toolkit's argument checks: each returns the value in the form the code needs, or
raises a ValueError or TypeError whose message names the argument, quotes what it got
(cut short) and says what it expects.

The live components (nnbook.live_*), the plotting helpers and side_by_side check what
a chapter author or a reader hands them with these, once at the public entry point,
so that a wrong value never ends as a NumPy traceback or a silent NaN.

>>> check_whole(3, "epochs", 0, 10)
3
>>> check_pair((-1, 2.5), "z_range")
(-1.0, 2.5)
"""

from __future__ import annotations

import math
import numbers

import numpy as np

__all__ = [
    "check_choice",
    "check_flag",
    "check_layer_sizes",
    "check_number",
    "check_numbers",
    "check_pair",
    "check_settings",
    "check_text",
    "check_whole",
    "describe",
    "finite_array",
]


def describe(value) -> str:
    """``value`` as a message quotes it: its repr, cut short, and its type."""
    text = repr(value)
    text = text if len(text) <= 60 else text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def check_number(value, name: str, low: float | None = None, high: float | None = None) -> float:
    """``value`` as a float, refused by ``name`` when not finite or outside [low, high]."""
    for bound, bound_name in ((low, "low"), (high, "high")):
        if bound is not None and (isinstance(bound, bool) or not isinstance(bound, numbers.Real)):
            raise TypeError(f"{bound_name} must be a number or None; got {describe(bound)}")
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {describe(value)}")
    if low is not None and high is not None and not low <= value <= high:
        raise ValueError(f"{name} must lie in [{low:g}, {high:g}]; got {value!r}")
    return float(value)


def check_numbers(**values: float) -> None:
    """Refuse, by its name, any of the keyword values that is not a finite number."""
    for name, value in values.items():
        check_number(value, name)


def check_pair(value, name: str, what: str = "(low, high)") -> tuple[float, float]:
    """``value`` as two finite floats, e.g. a range or a point; else an error naming it."""
    if isinstance(value, (str, dict)) or np.ndim(value) != 1 or len(value) != 2:
        raise ValueError(f"{name} must be two numbers {what}; got {describe(value)}")
    return check_number(value[0], name), check_number(value[1], name)


def finite_array(value, name: str) -> np.ndarray:
    """``value`` (an array, list or number) as a float array of finite numbers; text,
    complex numbers, objects and NaN or infinity are refused by ``name``."""
    try:
        array = np.asarray(value)
    except ValueError:  # ragged nested lists
        raise ValueError(f"{name} must be an array of numbers; got {describe(value)}") from None
    if array.dtype.kind not in "iuf" or array.dtype == object:
        raise ValueError(
            f"{name} must hold real numbers; got {array.dtype} values ({describe(value)})"
        )
    array = array.astype(float)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must hold finite numbers only; got NaN or infinity")
    return array


def check_whole(value, name: str, low: int | None = None, high: int | None = None) -> int:
    """``value`` as an int (a NumPy integer too), refused by ``name`` when it is not a
    whole number or lies outside [low, high] (either bound may be None)."""
    for bound, bound_name in ((low, "low"), (high, "high")):
        if bound is not None and (
            isinstance(bound, bool)
            or not isinstance(bound, numbers.Real)
            or not math.isfinite(bound)
        ):
            raise TypeError(f"{bound_name} must be a finite number or None; got {describe(bound)}")
    if low is not None and high is not None and low > high:
        raise ValueError(f"low must not be above high; got low={low}, high={high}")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number; got {describe(value)}")
    value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"[{low}, {high}]" if high is not None else f">= {low}"
        raise ValueError(f"{name} must be a whole number {bounds}; got {value}")
    return value


def check_layer_sizes(sizes, name: str = "sizes") -> list[int]:
    """``sizes`` as a list of at least two whole numbers >= 1 (a network's layer sizes)."""
    if isinstance(sizes, (str, dict)) or np.ndim(sizes) != 1 or len(sizes) < 2:
        raise ValueError(f"{name} must list the layer sizes, e.g. [2, 4, 1]; got {describe(sizes)}")
    return [check_whole(n, name, 1, 100_000) for n in sizes]


def check_settings(settings, name: str, keys, made_by: str) -> dict:
    """``settings`` when it is a dict with every one of ``keys``; else an error saying
    which function makes it (the settings of a component are made, checked, by one)."""
    if not isinstance(settings, dict) or any(key not in settings for key in keys):
        raise TypeError(f"{name} must be the dict made by {made_by}; got {describe(settings)}")
    return settings


def check_choice(value, name: str, options) -> str:
    """``value`` when it is one of the texts ``options``; else an error naming ``name``
    that lists them and quotes the value cut short (a 5,000-letter typo stays short)."""
    options = list(options)
    if not isinstance(value, str) or value not in options:
        raise ValueError(
            f"{name} must be one of {', '.join(map(str, options))}; got {describe(value)}"
        )
    return value


def check_text(value, name: str, empty: bool = True) -> str:
    """``value`` when it is a text (``str``); ``empty=False`` refuses a blank one too."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a text (str); got {describe(value)}")
    if not empty and not value.strip():
        raise ValueError(f"{name} must not be empty; got {value!r}")
    return value


def check_flag(value, name: str) -> bool:
    """``value`` when it is True or False: a flag given as text or a number is refused,
    so that ``show_derivative="no"`` is not taken for True."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {describe(value)}")
    return bool(value)
