"""Special functions NumPy lacks: the error function erf and its complement erfc.

GELU needs them: GELU(z) = z * Phi(z), where Phi(z) = (1 + erf(z / sqrt 2)) / 2 is the
standard normal CDF. This module is private (the chapters teach activations, not
rational approximations); :mod:`nnlib.activations` re-exports ``erf`` and ``erfc``.

The functions take a float64 array and return one of the same shape; they check
nothing, like the other kernels nnlib's layers call.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["erf", "erfc", "normal_cdf"]

# We use W. J. Cody's rational approximations ("Rational Chebyshev approximations for
# the error function", Mathematics of Computation 23, 1969), which are accurate to
# about 1e-16 in three ranges of |x|. The coefficients below are his published values,
# written highest power first so one Horner loop evaluates every polynomial.

# |x| <= 0.46875:  erf(x) = x * P(x^2) / Q(x^2)
_ERF_SMALL_P = (
    1.85777706184603153e-1,
    3.16112374387056560e00,
    1.13864154151050156e02,
    3.77485237685302021e02,
    3.20937758913846947e03,
)
_ERF_SMALL_Q = (
    1.0,
    2.36012909523441209e01,
    2.44024637934444173e02,
    1.28261652607737228e03,
    2.84423683343917062e03,
)
# 0.46875 < |x| <= 4:  erfc(x) = exp(-x^2) * P(x) / Q(x)
_ERFC_MIDDLE_P = (
    2.15311535474403846e-8,
    5.64188496988670089e-1,
    8.88314979438837594e00,
    6.61191906371416295e01,
    2.98635138197400131e02,
    8.81952221241769090e02,
    1.71204761263407058e03,
    2.05107837782607147e03,
    1.23033935479799725e03,
)
_ERFC_MIDDLE_Q = (
    1.0,
    1.57449261107098347e01,
    1.17693950891312499e02,
    5.37181101862009858e02,
    1.62138957456669019e03,
    3.29079923573345963e03,
    4.36261909014324716e03,
    3.43936767414372164e03,
    1.23033935480374942e03,
)
# |x| > 4:  erfc(x) = exp(-x^2) / x * (1/sqrt(pi) - u * P(u) / Q(u)),  u = 1 / x^2
_ERFC_LARGE_P = (
    1.63153871373020978e-2,
    3.05326634961232344e-1,
    3.60344899949804439e-1,
    1.25781726111229246e-1,
    1.60837851487422766e-2,
    6.58749161529837803e-4,
)
_ERFC_LARGE_Q = (
    1.0,
    2.56852019228982242e00,
    1.87295284992346047e00,
    5.27905102951428412e-1,
    6.05183413124413191e-2,
    2.33520497626869185e-3,
)
_INV_SQRT_PI = 1.0 / math.sqrt(math.pi)
_SQRT_2 = math.sqrt(2.0)
# erfc(x) is below the smallest float64 (~5e-324) once x > 27.3, so larger inputs can be
# clipped here without changing any result, and x*x can never overflow.
_ERFC_ZERO_BEYOND = 30.0


def _horner(coefficients, x):
    result = np.full_like(x, coefficients[0])
    for c in coefficients[1:]:
        result *= x
        result += c
    return result


def _erf_small(x):
    """erf(x) for |x| <= 0.46875."""
    x2 = x * x
    return x * _horner(_ERF_SMALL_P, x2) / _horner(_ERF_SMALL_Q, x2)


def _erfc_positive(y):
    """erfc(y) for a 1-D array of y > 0.46875."""
    y = np.minimum(y, _ERFC_ZERO_BEYOND)
    ratio = np.empty_like(y)
    # Index arrays rather than boolean masks: gathering with indices is several times
    # faster in NumPy when the mask is irregular. "not <=" sends NaN to the last branch.
    middle = np.flatnonzero(y <= 4.0)
    far = np.flatnonzero(~(y <= 4.0))
    ym = y[middle]
    ratio[middle] = _horner(_ERFC_MIDDLE_P, ym) / _horner(_ERFC_MIDDLE_Q, ym)
    yf = y[far]
    u = 1.0 / (yf * yf)
    ratio[far] = (_INV_SQRT_PI - u * _horner(_ERFC_LARGE_P, u) / _horner(_ERFC_LARGE_Q, u)) / yf
    # exp(-y^2) loses accuracy when y^2 is rounded, so split y = t + (y - t), with t a
    # multiple of 1/16 whose square is exact: y^2 = t^2 + (y - t)(y + t).
    t = np.trunc(16.0 * y) / 16.0
    with np.errstate(under="ignore"):  # erfc(27) really is below 1e-300: 0.0 is right
        return np.exp(-t * t) * np.exp(-(y - t) * (y + t)) * ratio


def _split_at_small(x):
    """Flatten x and return (flat, indices with |x| <= 0.46875, all other indices)."""
    flat = x.ravel()
    is_small = np.abs(flat) <= 0.46875
    return flat, np.flatnonzero(is_small), np.flatnonzero(~is_small)


def erf(x):
    """erf(x) = 2/sqrt(pi) * integral from 0 to x of exp(-t^2) dt, relative error ~1e-16."""
    flat, small, large = _split_at_small(x)
    result = np.empty_like(flat)
    result[small] = _erf_small(flat[small])
    x_large = flat[large]
    result[large] = np.copysign(1.0 - _erfc_positive(np.abs(x_large)), x_large)
    return result.reshape(x.shape)


def erfc(x):
    """erfc(x) = 1 - erf(x), accurate also where it is tiny (the far right tail)."""
    flat, small, large = _split_at_small(x)
    result = np.empty_like(flat)
    result[small] = 1.0 - _erf_small(flat[small])
    result[large] = _erfc_positive(np.abs(flat[large]))
    negative = np.flatnonzero(flat < -0.46875)
    result[negative] = 2.0 - result[negative]  # erfc(-y) = 2 - erfc(y)
    return result.reshape(x.shape)


def normal_cdf(z):
    """Phi(z) = P(N(0, 1) <= z) = erfc(-z / sqrt 2) / 2 (erfc keeps the left tail accurate)."""
    return 0.5 * erfc(-z / _SQRT_2)
