"""How far the page's gradient check may lie from nnlib's, and why (shared by the tests of
the gradient-check component).

The page and nnlib compute the same formulas in float64, but not with the same
elementary functions: NumPy's tanh, exp and log (SIMD code on this machine) and its
BLAS products (fused multiply-adds) round differently from V8's Math.tanh and the
twin's loops, in the last bit of about half the results. The losses therefore agree
to a few ulps, not bit for bit (test_live_gradcheck.py measures it), and a central
difference divides that disagreement by 2ε. So the two relative errors must agree

    within RELATIVE (1e-9) where truncation dominates (large ε), and
    within the rounding band everywhere: the change of
        r = ||a - n|| / (||a|| + ||n||)
    when the analytic gradient a moves by ||Δa|| <= GRADIENT_RTOL ||a|| and every
    entry of the numeric gradient n by |Δn_i| <= 2 LOSS_RTOL |L| / (2ε):
        |Δr| <= (||Δa|| + ||Δn||) (1 + r) / (||a|| + ||n|| - ||Δa|| - ||Δn||).

The band is computed from nnlib's numbers alone; the bounds on the losses and the
gradients it assumes are asserted on their own.
"""

from __future__ import annotations

import math

import numpy as np

RELATIVE = 1e-9
LOSS_RTOL = 1e-15  # the page's losses against nnlib's (a few ulps of a loss near 1)
GRADIENT_RTOL = 1e-13  # the page's backprop gradients against nnlib's, in norm


def rounding_band(epsilon: float, r: float, analytic, numeric, loss: float) -> float:
    """The largest change of the relative error r that rounding alone can explain."""
    analytic, numeric = np.asarray(analytic, float), np.asarray(numeric, float)
    shift_a = GRADIENT_RTOL * np.linalg.norm(analytic)
    shift_n = math.sqrt(numeric.size) * LOSS_RTOL * abs(loss) / epsilon
    room = np.linalg.norm(analytic) + np.linalg.norm(numeric) - shift_a - shift_n
    return math.inf if room <= 0 else (shift_a + shift_n) * (1 + r) / room


def allowed(epsilon: float, r: float, analytic, numeric, loss: float) -> float:
    """RELATIVE of r, plus the rounding band."""
    return RELATIVE * r + rounding_band(epsilon, r, analytic, numeric, loss)
