"""Which memory layout makes each matrix product of a size-d step fastest in NumPy?

Size d of public_path.py: 784 -> 512 -> 256 -> 10 ReLU, batch 256. One training step
makes eight products (three forward, three weight gradients, two input gradients; the
first layer needs no input gradient). nnlib stores ``W`` as (n_inputs, n_outputs) in C
order; PyTorch stores ``weight`` as (n_outputs, n_inputs), i.e. the same numbers in
Fortran order from NumPy's point of view. Each product is timed here in several
layouts that give the same numbers:

* as nnlib writes it now (C-ordered ``W``);
* with ``W`` in Fortran order (PyTorch's layout);
* as the transpose of the transposed product (``(B.T @ A.T).T``);
* into a preallocated output (``np.matmul(..., out=)``), with ``np.dot``;
* SciPy's BLAS wrapper (``dgemm``/``sgemm``) with transpose flags, when SciPy is there;

against PyTorch's own product (``torch.mm`` in the layout ``nn.Linear`` uses), and the
elementwise parts of a step (ReLU and its gradient, softmax cross-entropy gradient,
bias gradient, one Adam update of the biggest weight) against PyTorch's.

Timing: CPU time, one BLAS thread everywhere, variants interleaved (each repeat runs
every variant once, in a shuffled order), median over the repeats of the time per call.
What it showed on a 2-core AMD EPYC (Zen 4) with OpenBLAS's SkylakeX kernels: nnlib's
C-ordered layout is the fastest or within noise for every large product; Fortran order
only helps the small output layer's input gradient and costs more in its forward, and
a Fortran-ordered gradient slows Adam's elementwise passes over C-ordered state several
times over. So nnlib keeps W in C order.
Run:  python benchmarks/matmul_layouts.py [--repeats N] [--dtype float64|float32|both]
"""

from __future__ import annotations

import argparse
import os
import random
import time

import numpy as np
from blas import every_blas_on_one_thread  # benchmarks/blas.py, beside this file

LAYERS = (784, 512, 256, 10)
BATCH = 256
SEED = 0
# Calls per timed run: enough that one run takes some milliseconds.
TARGET_SECONDS = 0.03


def _scipy_gemm(dtype):
    try:
        from scipy.linalg import blas
    except ImportError:
        return None
    return blas.dgemm if dtype == np.float64 else blas.sgemm


def product_variants(dtype, torch):
    """{product name: {variant name: zero-argument callable}} for one dtype."""
    rng = np.random.default_rng(SEED)
    gemm = _scipy_gemm(dtype)
    products = {}
    for i, (n_in, n_out) in enumerate(zip(LAYERS[:-1], LAYERS[1:], strict=True)):
        A = rng.standard_normal((BATCH, n_in)).astype(dtype)  # layer input, C order
        W = rng.standard_normal((n_in, n_out)).astype(dtype)  # nnlib's weight
        dZ = rng.standard_normal((BATCH, n_out)).astype(dtype)
        W_f = np.asfortranarray(W)  # PyTorch's layout: weight (n_out, n_in) in C order
        Z_out = np.empty((BATCH, n_out), dtype)
        dW_out = np.empty((n_in, n_out), dtype)
        dW_out_fortran = np.empty((n_in, n_out), dtype, order="F")
        dX_out = np.empty((BATCH, n_in), dtype)
        tag = f"L{i + 1} {n_in}x{n_out}"

        forward = {
            "nnlib: A @ W": lambda A=A, W=W: A @ W,
            "A @ W_fortran": lambda A=A, W=W_f: A @ W,
            "(W.T @ A.T).T": lambda A=A, W=W: (W.T @ A.T).T,
            "matmul out=": lambda A=A, W=W, o=Z_out: np.matmul(A, W, out=o),
            "np.dot": lambda A=A, W=W: np.dot(A, W),
        }
        weight_gradient = {
            "nnlib: A.T @ dZ": lambda A=A, d=dZ: A.T @ d,
            "(dZ.T @ A).T": lambda A=A, d=dZ: (d.T @ A).T,
            "matmul out=": lambda A=A, d=dZ, o=dW_out: np.matmul(A.T, d, out=o),
            "out= Fortran": lambda A=A, d=dZ, o=dW_out_fortran: np.matmul(A.T, d, out=o),
            "np.dot": lambda A=A, d=dZ: np.dot(A.T, d),
        }
        input_gradient = {
            "nnlib: dZ @ W.T": lambda d=dZ, W=W: d @ W.T,
            "dZ @ W_fortran.T": lambda d=dZ, W=W_f: d @ W.T,
            "(W @ dZ.T).T": lambda d=dZ, W=W: (W @ d.T).T,
            "matmul out=": lambda d=dZ, W=W, o=dX_out: np.matmul(d, W.T, out=o),
            "np.dot": lambda d=dZ, W=W: np.dot(d, W.T),
        }
        if gemm is not None:
            # Fortran BLAS on C arrays: pass the transposes (Fortran views, no copy)
            # and read the result back transposed.
            forward["scipy gemm"] = lambda A=A, W=W, g=gemm: g(1.0, W.T, A.T).T
            weight_gradient["scipy gemm trans_b"] = lambda A=A, d=dZ, g=gemm: g(
                1.0, A.T, d.T, trans_b=1
            )
            input_gradient["scipy gemm trans_a"] = lambda d=dZ, W=W, g=gemm: (
                g(1.0, W.T, d.T, trans_a=1).T
            )
        if torch is not None:
            # nn.Linear: weight (n_out, n_in); forward input @ weight.t(), backward
            # grad_input = grad @ weight, grad_weight = grad.t() @ input.
            tA, tdZ = torch.from_numpy(A), torch.from_numpy(dZ)
            weight = torch.from_numpy(np.ascontiguousarray(W.T))
            tW = torch.from_numpy(W)
            forward["torch mm(A, weight.t())"] = lambda a=tA, w=weight: torch.mm(a, w.t())
            forward["torch mm(A, W) nnlib layout"] = lambda a=tA, w=tW: torch.mm(a, w)
            weight_gradient["torch mm(dZ.t(), A)"] = lambda a=tA, d=tdZ: torch.mm(d.t(), a)
            weight_gradient["torch mm(A.t(), dZ)"] = lambda a=tA, d=tdZ: torch.mm(a.t(), d)
            input_gradient["torch mm(dZ, weight)"] = lambda d=tdZ, w=weight: torch.mm(d, w)
            input_gradient["torch mm(dZ, W.t())"] = lambda d=tdZ, w=tW: torch.mm(d, w.t())
        products[f"{tag} forward"] = forward
        products[f"{tag} dW"] = weight_gradient
        if i > 0:
            products[f"{tag} dX"] = input_gradient
    return products


def elementwise_variants(dtype, torch):
    """The non-product parts of a step, nnlib's way against PyTorch's."""
    rng = np.random.default_rng(SEED)
    Z = rng.standard_normal((BATCH, LAYERS[1])).astype(dtype)
    dA = rng.standard_normal((BATCH, LAYERS[1])).astype(dtype)
    logits = rng.standard_normal((BATCH, LAYERS[-1])).astype(dtype)
    labels = rng.integers(0, LAYERS[-1], BATCH)
    T = np.eye(LAYERS[-1], dtype=dtype)[labels]
    W = rng.standard_normal((LAYERS[0], LAYERS[1])).astype(dtype)
    g = rng.standard_normal(W.shape).astype(dtype)
    m, v, scaled, denominator = (np.zeros_like(W) for _ in range(4))

    def softmax_gradient():
        shifted = logits - logits.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        d = np.exp(log_p) - T
        d /= BATCH
        return d

    def adam():  # nnlib's Adam.update_unchecked on one array
        nonlocal m, v, denominator  # augmented assignments below are in place
        m *= 0.9
        m += np.multiply(g, 0.1, out=scaled)
        v *= 0.999
        squared = np.square(g, out=scaled)
        squared *= 0.001
        v += squared
        np.sqrt(v, out=denominator)
        denominator += 1e-8
        step = np.multiply(m, 1e-3, out=scaled)
        step /= denominator
        W.__isub__(step)

    parts = {
        "ReLU forward 256x512": {"nnlib: np.maximum(Z, 0)": lambda: np.maximum(Z, 0.0)},
        "ReLU backward 256x512": {"nnlib: dA * (Z > 0)": lambda: dA * (Z > 0)},
        "bias gradient 256x512": {"nnlib: dZ.sum(axis=0)": lambda: dA.sum(axis=0)},
        "softmax CE gradient 256x10": {"nnlib: exp(log_softmax) - T": softmax_gradient},
        "Adam update 784x512": {"nnlib: in place, out=": adam},
    }
    if torch is not None:
        tZ, tdA, tlogits = (torch.from_numpy(x) for x in (Z, dA, logits))
        tlabels = torch.from_numpy(labels)
        tW = torch.from_numpy(W.copy()).requires_grad_()
        tW.grad = torch.from_numpy(g.copy())
        optimizer = torch.optim.Adam([tW], lr=1e-3)
        optimizer.step()  # creates its state

        logits_grad = tlogits.clone().requires_grad_()

        def torch_softmax_gradient():  # log-softmax forward and backward, as nnlib's
            loss = torch.nn.functional.cross_entropy(logits_grad, tlabels)
            return torch.autograd.grad(loss, logits_grad)[0]

        parts["ReLU forward 256x512"]["torch.relu"] = lambda: torch.relu(tZ)
        parts["ReLU backward 256x512"]["torch threshold_backward"] = lambda: (
            torch.ops.aten.threshold_backward(tdA, tZ, 0)
        )
        parts["bias gradient 256x512"]["torch sum(0)"] = lambda: tdA.sum(0)
        parts["softmax CE gradient 256x10"]["torch cross_entropy grad"] = torch_softmax_gradient
        parts["Adam update 784x512"]["torch.optim.Adam.step"] = optimizer.step
    return parts


def calls_per_run(function) -> int:
    start = time.process_time()
    count = 0
    while time.process_time() - start < TARGET_SECONDS / 3:
        function()
        count += 1
    return max(3 * count, 3)


def time_variants(groups: dict, repeats: int) -> dict:
    """{group: {variant: median seconds per call}}, every variant of every group
    interleaved across the repeats."""
    entries = [(group, name, f) for group, fs in groups.items() for name, f in fs.items()]
    counts = {(g, n): calls_per_run(f) for g, n, f in entries}
    times = {(g, n): [] for g, n, _ in entries}
    shuffle = random.Random(SEED)
    for _ in range(repeats):
        shuffle.shuffle(entries)
        for group, name, function in entries:
            count = counts[group, name]
            start = time.process_time()
            for _ in range(count):
                function()
            times[group, name].append((time.process_time() - start) / count)
    result = {}
    for (group, name), values in times.items():
        values = np.array(values)
        result.setdefault(group, {})[name] = (
            float(np.median(values)),
            float(values.min()),
            float(values.max()),
        )
    return result


def report(title: str, result: dict) -> None:
    print(f"\n{title}")
    for group, variants in result.items():
        baseline = next(iter(variants.values()))[0]
        torch_times = [t[0] for n, t in variants.items() if n.startswith("torch")]
        torch_best = min(torch_times) if torch_times else None
        print(f"  {group}")
        for name, (median, low, high) in variants.items():
            versus = f"{median / torch_best:7.2f}" if torch_best else "      -"
            print(
                f"    {name:<30}{median * 1e6:9.1f} us  ({low * 1e6:.1f}-{high * 1e6:.1f})"
                f"  / nnlib {median / baseline:5.2f}  / torch best {versus}"
            )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--dtype", default="both", choices=["float64", "float32", "both"])
    parser.add_argument("--skip-elementwise", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # see public_path.torch_runner
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        torch = None
    dtypes = [np.float64, np.float32] if args.dtype == "both" else [np.dtype(args.dtype).type]
    limit, _ = every_blas_on_one_thread()
    with limit:
        for dtype in dtypes:
            name = np.dtype(dtype).name
            report(f"products, {name}", time_variants(product_variants(dtype, torch), args.repeats))
            if not args.skip_elementwise:
                groups = elementwise_variants(dtype, torch)
                report(f"elementwise, {name}", time_variants(groups, args.repeats))


if __name__ == "__main__":
    main()
