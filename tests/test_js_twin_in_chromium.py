"""The browser twin loads in Chromium as plain ES modules and computes there what it
computes in Node.

book/js/nnlib is served from the worktree by ``python -m http.server``; a page (given
to Chromium by Playwright, not written to disk) imports ``book/js/nnlib/index.js``
and tests/js/twin_demo.mjs, trains a small network, and hands back its losses and
weights. Node runs the same module: the random stream must be identical, and
everything that passes through Math.exp, Math.sin, ... equal within 1e-9 (engines may
round those differently in the last bit). Equality with nnlib itself is
tests/test_js_twin.py's job.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from live_page import local_page

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>twin</title></head>
<body><script type="module">
import * as nn from "/book/js/nnlib/index.js";
import { demoRun } from "/tests/js/twin_demo.mjs";
window.twinResult = demoRun(nn);
</script></body></html>"""


def node_result() -> dict:
    script = (
        "const nn = await import(process.argv[1]);"
        "const { demoRun } = await import(process.argv[2]);"
        "console.log(JSON.stringify(demoRun(nn)));"
    )
    completed = subprocess.run(
        [
            NODE,
            "--input-type=module",
            "-e",
            script,
            (ROOT / "book/js/nnlib/index.js").as_uri(),
            (ROOT / "tests/js/twin_demo.mjs").as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def flat(values) -> np.ndarray:
    if isinstance(values, list) and values and isinstance(values[0], list):
        return np.concatenate([flat(v) for v in values])
    return np.asarray(values, dtype=float)


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed")
def test_the_twin_runs_in_chromium_as_it_does_in_node():
    with local_page(PAGE) as page:
        page.wait_for_function("window.twinResult !== undefined", timeout=120_000)
        in_browser = page.evaluate("window.twinResult")
    assert in_browser["status"] == "training"
    assert len(in_browser["trainLoss"]) == 20
    assert in_browser["trainLoss"][-1] < in_browser["trainLoss"][0]  # it learned
    in_node = node_result()
    for exact in ("uniforms", "integers", "permutation", "status"):
        assert in_browser[exact] == in_node[exact], exact
    # Math.exp, Math.sin, ... may round differently in another engine's version
    for key in ("normals", "data", "trainLoss", "testAccuracy", "parameters"):
        browser_values, node_values = flat(in_browser[key]), flat(in_node[key])
        np.testing.assert_allclose(browser_values, node_values, rtol=1e-9, atol=1e-15, err_msg=key)
        print(
            key,
            "identical"
            if np.array_equal(browser_values, node_values)
            else "differ in the last bits",
        )
