"""One BLAS thread for every implementation a benchmark times.

The matrices in these benchmarks are tiny: extra BLAS threads only add hand-off cost,
and on a busy machine waking them would add noise to every implementation alike.
Unlike ``nnlib.training.one_blas_thread``, this limits every BLAS loaded at the time of
the call, scikit-learn's SciPy copy included, so the comparison stays fair.
"""

import contextlib


def every_blas_on_one_thread():
    """(context manager, label for the report): threadpoolctl's limit, when installed."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext(), "default"
    return threadpool_limits(limits=1, user_api="blas"), "1"
