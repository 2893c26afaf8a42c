"""The twin's schedules (book/js/nnlib/schedules.js) give nnlib.schedules' rates.

nnlib computes each schedule's first rates now; Node imports the twin's module and
computes the same; they must agree within a relative 1e-12. Skipped only without Node.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from nnlib.schedules import constant, cosine, step_decay, warmup

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")
STEPS = 300

CASES = {
    "constant(0.1)": constant(0.1),
    "stepDecay(0.2, 0.5, 50)": step_decay(0.2, drop=0.5, every=50),
    "stepDecay(0.3, 0.9, 7)": step_decay(0.3, drop=0.9, every=7),
    "cosine(0.1, 200)": cosine(0.1, total_steps=200),
    "cosine(0.5, 120, 0.01)": cosine(0.5, total_steps=120, minimum=0.01),
    "warmup(0.1, 20, cosine(0.1, 180))": warmup(
        0.1, warmup_steps=20, then=cosine(0.1, total_steps=180)
    ),
    "warmup(0.05, 30)": warmup(0.05, warmup_steps=30),
}


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed")
def test_the_twins_schedules_are_nnlibs():
    module = (ROOT / "book/js/nnlib/schedules.js").as_uri()
    script = (
        f"import {{ constant, stepDecay, cosine, warmup }} from {json.dumps(module)};\n"
        f"const cases = {json.dumps(list(CASES))};\n"
        "const out = {};\n"
        "for (const c of cases) {\n"
        f"  const s = eval(c); out[c] = Array.from({{ length: {STEPS} }}, (_, t) => s(t)); }}\n"
        "console.log(JSON.stringify(out));\n"
    )
    result = subprocess.run(
        [NODE, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    twin = json.loads(result.stdout)
    for name, schedule in CASES.items():
        assert twin[name] == pytest.approx(schedule.values(STEPS).tolist(), rel=1e-12, abs=0), name


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed")
def test_the_twins_schedules_refuse_bad_settings_by_name():
    module = (ROOT / "book/js/nnlib/schedules.js").as_uri()
    script = (
        f"import {{ stepDecay, cosine }} from {json.dumps(module)};\n"
        "const said = [];\n"
        "for (const f of [() => stepDecay(0.1, 2), () => cosine(0.1, 0), () => cosine(-1, 10)]) {\n"
        "  try { f(); said.push(null); } catch (e) { said.push(e.message); } }\n"
        "console.log(JSON.stringify(said));\n"
    )
    result = subprocess.run(
        [NODE, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60
    )
    drop, total, lr = json.loads(result.stdout)
    assert drop.startswith("drop") and total.startswith("totalSteps") and lr.startswith("lr")
