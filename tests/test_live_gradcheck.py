"""Chapter 9's gradient check: nnbook.live_gradcheck with nnlib, and its browser twin
(book/js/nnlib/gradcheck.js, book/js/components/gradient-check.js) in Node against
nnlib's numbers computed here at test time.

The twin's numericalGradient and relativeError are nnlib's to the last bit on a loss
both languages round alike; on the chapter's network the page's losses and gradients
agree with nnlib's to a few ulps and its relative errors within the bounds of
tests/gradcheck_bounds.py.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from gradcheck_bounds import GRADIENT_RTOL, LOSS_RTOL, RELATIVE, allowed

from nnbook import live_gradcheck
from nnlib.gradcheck import numerical_gradient, relative_error
from nnlib.losses import CategoricalCrossEntropy
from nnlib.network import Network

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")


def chapter_case():
    """Chapter 9's gradient-check network and data (its section "Gradient checking")."""
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(5, 2)), np.array([0, 2, 1, 2, 0])
    return Network([2, 4, 3, 3], activation="tanh", seed=0), X, y


def run_node(script: str, data) -> dict:
    """Run an ES-module ``script`` in Node with ``data`` as the JSON value ``input``."""
    body = (
        'import { readFileSync } from "node:fs";\n'
        'const input = JSON.parse(readFileSync(0, "utf-8"));\n' + script
    )
    result = subprocess.run(
        [NODE, "--input-type=module", "-e", body],
        input=json.dumps(data, allow_nan=False),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def module(path: str) -> str:
    return json.dumps((ROOT / path).as_uri())


# Steps across the whole slider, whole and fractional k, as the page computes them.
KS = [1.0, 1.73, 2.5, 3.0, 4.2, 5.0, 6.0, 6.66, 8.0, 9.5, 11.0, 12.0]


def test_the_bug_is_the_chapters_forgotten_tanh_derivative():
    net = Network([2, 5, 4, 3], activation="tanh", seed=3)
    X, y = np.random.default_rng(1).normal(size=(6, 2)), np.array([0, 1, 2, 2, 1, 0])
    W1, b1, W2, b2, W3, b3 = net.parameters()
    A1 = np.tanh(X @ W1 + b1)
    A2 = np.tanh(A1 @ W2 + b2)
    Z3 = A2 @ W3 + b3
    P = np.exp(Z3) / np.exp(Z3).sum(axis=1, keepdims=True)
    delta3 = (P - np.eye(3)[y]) / len(X)
    delta2 = (delta3 @ W3.T) * (1 - A2**2)
    correct, buggy = live_gradcheck.first_layer_gradients(net, X, y)
    assert correct == pytest.approx(X.T @ ((delta2 @ W2.T) * (1 - A1**2)), rel=1e-10)
    assert buggy == pytest.approx(X.T @ (delta2 @ W2.T), rel=1e-10)


def test_check_errors_are_nnlibs_gradient_check():
    net, X, y = chapter_case()
    errors = live_gradcheck.check_errors(net, X, y, [1e-2, 1e-6, 1e-11])
    loss = CategoricalCrossEntropy()
    correct, buggy = live_gradcheck.first_layer_gradients(net, X, y)
    for i, eps in enumerate([1e-2, 1e-6, 1e-11]):
        numeric = numerical_gradient(lambda _: loss(net.forward(X), y), net.layers[0].W, eps)
        assert errors["correct"][i] == relative_error(correct, numeric)
        assert errors["buggy"][i] == relative_error(buggy, numeric)
    # the chapter's claims, at three steps: U-shaped, the bug high everywhere
    assert errors["correct"][1] < 1e-3 * min(errors["correct"][0], errors["correct"][2])
    assert min(errors["buggy"]) > 1e-3


def test_settings_carry_nnlibs_network_and_data():
    net, X, y = chapter_case()
    settings = live_gradcheck.gradcheck_settings(net, X, y, k=4.5)
    assert settings["sizes"] == [2, 4, 3, 3]
    assert settings["activation"] == ["tanh", "tanh"] and settings["outputActivation"] == "linear"
    for sent, own in zip(settings["parameters"], net.parameters(), strict=True):
        assert np.array_equal(np.array(sent), own)
    assert np.array_equal(settings["points"], X) and settings["labels"] == [0, 2, 1, 2, 0]
    assert settings["k"] == 4.5 and settings["kRange"] == [1.0, 12.0]
    assert live_gradcheck.page_epsilon(4) == 1e-4 and live_gradcheck.page_epsilon(6) == 1e-6


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"network": "net"}, "network"),
        ({"X": np.zeros((5, 3))}, "X"),
        ({"y": [0.5] * 5}, "y"),
        ({"loss": "mse"}, "loss"),
        ({"k": 13.0}, "k"),
        ({"k_range": (5, 2)}, "k_range"),
        ({"network": Network([2, 3, 3], dropout=0.5)}, "dropout"),
        ({"network": Network([2, 3])}, "hidden layer"),
    ],
)
def test_bad_settings_are_refused_by_name(change, named):
    net, X, y = chapter_case()
    arguments = {"network": net, "X": X, "y": y, **change}
    options = {key: arguments.pop(key) for key in ("loss", "k", "k_range") if key in arguments}
    with pytest.raises(ValueError, match=named):
        live_gradcheck.gradcheck_settings(
            arguments["network"], arguments["X"], arguments["y"], **options
        )


def test_readout_names_epsilon_k_and_both_errors():
    text = live_gradcheck.gradcheck_readout(1e-6, 6.0, 4.0837e-10, 0.16422)
    assert text == (
        "ε = 1.00e−6 (k = 6.00): relative error 4.08e−10 for the correct backprop, "
        "1.64e−1 for the buggy one."
    )


def test_static_face_is_the_component_with_nnlibs_fallback():
    net, X, y = chapter_case()
    page = live_gradcheck.gradient_check(net, X, y, k=6.0, as_html=True)
    assert 'data-nnz-component="gradient-check"' in page
    errors = live_gradcheck.check_errors(net, X, y, [1e-6])
    caption = live_gradcheck.gradcheck_readout(1e-6, 6.0, errors["correct"][0], errors["buggy"][0])
    assert html.escape(caption) in page and 'alt="Log-log plot of the relative error' in page


def test_kernel_face_computes_with_nnlib(monkeypatch):
    net, X, y = chapter_case()
    face = live_gradcheck.gradient_check(net, X, y, kernel=True)
    for k in (2.37, 11.5):
        face.controls["k"].value = k
        epsilon = live_gradcheck.page_epsilon(k)
        errors = live_gradcheck.check_errors(net, X, y, [epsilon])
        assert html.unescape(face.readout.value) == live_gradcheck.gradcheck_readout(
            epsilon, k, errors["correct"][0], errors["buggy"][0]
        )
    monkeypatch.setenv("NNLIB_STATIC_WIDGETS", "1")
    shown = live_gradcheck.gradient_check(net, X, y)
    assert 'data-nnz-component="gradient-check"' in shown._repr_html_()


@needs_node
def test_the_twins_gradcheck_is_nnlibs_to_the_last_bit():
    """On a loss of + - * only, which both languages round alike, every ε gives nnlib's
    numbers exactly, also where rounding dominates."""
    rng = np.random.default_rng(5)
    x0, c = rng.normal(size=9), rng.normal(size=9).tolist()

    def f(x):
        total = 0.0
        for i in range(len(x)):
            xi = float(x[i])
            total += c[i] * xi * xi * xi - xi * float(x[(i + 1) % len(x)])
        return total

    analytic = [3 * c[i] * x0[i] ** 2 - x0[(i + 1) % 9] - x0[i - 1] for i in range(9)]
    epsilons = [live_gradcheck.page_epsilon(k) for k in KS]
    twin = run_node(
        f"import {{ numericalGradient, relativeError }} from {module('book/js/nnlib/index.js')};\n"
        "const { x0, c, analytic, epsilons } = input;\n"
        "const f = (x) => { let total = 0; for (let i = 0; i < x.length; i++) {\n"
        "  const xi = x[i]; total += c[i] * xi * xi * xi - xi * x[(i + 1) % x.length]; }\n"
        "  return total; };\n"
        "const out = epsilons.map((eps) => {\n"
        "  const n = numericalGradient(f, Float64Array.from(x0), eps);\n"
        "  const error = relativeError(Float64Array.from(analytic), n);\n"
        "  return { numeric: Array.from(n), error }; });\n"
        "console.log(JSON.stringify(out));\n",
        {"x0": x0.tolist(), "c": c, "analytic": analytic, "epsilons": epsilons},
    )
    for eps, shown in zip(epsilons, twin, strict=True):
        numeric = numerical_gradient(f, x0.copy(), eps)
        assert shown["numeric"] == numeric.tolist(), eps  # bit for bit
        assert shown["error"] == pytest.approx(relative_error(analytic, numeric), rel=1e-12)


PAGE_CASE = (
    "import {{ gradientCheckCase, errorsAt, pageEpsilon }} from {component};\n"
    "import {{ numericalGradient }} from {nnlib};\n"
    "const check = gradientCheckCase(input.settings);\n"
    "const losses = [];\n"
    "const eps = input.ks.map(pageEpsilon);\n"
    "const record = (x) => {{ const v = check.lossNow(); losses.push(v); return v; }};\n"
    "numericalGradient(record, check.weights, eps[input.lossesAt]);\n"
    "console.log(JSON.stringify({{ correct: Array.from(check.correct),\n"
    "  buggy: Array.from(check.buggy), losses, epsilons: eps,\n"
    "  errors: eps.map((e) => errorsAt(check, e)) }}));\n"
)


@needs_node
def test_the_page_computes_nnlibs_gradient_check_of_the_chapter():
    net, X, y = chapter_case()
    settings = live_gradcheck.gradcheck_settings(net, X, y)
    at = KS.index(9.5)
    twin = run_node(
        PAGE_CASE.format(
            component=module("book/js/components/gradient-check.js"),
            nnlib=module("book/js/nnlib/gradcheck.js"),
        ),
        {"settings": settings, "ks": KS, "lossesAt": at},
    )
    correct, buggy = live_gradcheck.first_layer_gradients(net, X, y)
    for shown, own in ((twin["correct"], correct), (twin["buggy"], buggy)):
        shown = np.array(shown).reshape(own.shape)
        assert np.linalg.norm(shown - own) <= GRADIENT_RTOL * np.linalg.norm(own)
    # the losses at the nudged weights, in numerical_gradient's order: a few ulps apart
    loss, weights, expected = CategoricalCrossEntropy(), net.layers[0].W, []

    def recording(_):
        expected.append(loss(net.forward(X), y))
        return expected[-1]

    numerical_gradient(recording, weights, twin["epsilons"][at])
    assert twin["losses"] == pytest.approx(expected, rel=LOSS_RTOL, abs=0)
    exact = 0
    for epsilon, shown in zip(twin["epsilons"], twin["errors"], strict=True):
        numeric = numerical_gradient(lambda _: loss(net.forward(X), y), weights, epsilon)
        for name, analytic in (("correct", correct), ("buggy", buggy)):
            r = relative_error(analytic, numeric)
            bound = allowed(epsilon, r, analytic, numeric, expected[0])
            assert abs(shown[name] - r) <= bound, (name, epsilon, shown[name], r, bound)
            exact += bound <= 2 * RELATIVE * r
    print(f"\n{exact} of {2 * len(KS)} relative errors held to {RELATIVE:g}; the rest to the band")
    assert exact >= 6  # the large steps, where truncation dominates, for both curves
