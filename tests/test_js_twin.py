"""The browser twin of nnlib (book/js/nnlib) computes what nnlib computes.

nnlib builds the cases now (tests/twin_cases.py: data, initial weights, batch orders,
settings and every expected number), writes them to a JSON file, and Node's built-in
test runner replays them with the twin (tests/js/*.test.mjs), which must agree within
a relative 1e-9 -- float64 on both sides. Skipped, with the reason, only when Node is
not installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from twin_cases import build_cases

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(
    NODE is None, reason="Node.js is not installed (the twin's tests run in `node --test`)"
)


@pytest.fixture(scope="module")
def cases_file(tmp_path_factory) -> Path:
    cases = build_cases()
    path = tmp_path_factory.mktemp("twin") / "cases.json"
    # allow_nan=False: JSON has no NaN, and a case that produced one is a broken case
    path.write_text(json.dumps(cases, allow_nan=False), encoding="utf-8")
    return path


# Every node test in tests/js/ but the quiz grader's, which tests/test_js_quiz.py runs
# with its own cases.
TWIN_TESTS = sorted(
    str(path.relative_to(ROOT))
    for path in (ROOT / "tests" / "js").glob("*.test.mjs")
    if path.name != "quiz_grade.test.mjs"
)


def run_node_tests(cases_file: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NNZ_TWIN_CASES": str(cases_file)}
    return subprocess.run(
        [NODE, "--test", "--test-reporter=spec", *TWIN_TESTS],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_the_twin_agrees_with_nnlib_in_node(cases_file):
    result = run_node_tests(cases_file)
    output = result.stdout + result.stderr
    # The spec reporter lists the failures with their messages at the end.
    assert result.returncode == 0, "node --test tests/js/*.test.mjs failed:\n" + output[-20000:]
    passed = re.search(r"ℹ pass (\d+)", output)
    failed = re.search(r"ℹ fail (\d+)", output)
    skipped = re.search(r"ℹ skipped (\d+)", output)
    assert passed and failed and skipped, "could not read node's summary:\n" + output[-5000:]
    n_training = len(json.loads(cases_file.read_text(encoding="utf-8"))["training"])
    # every training case is its own subtest: none may have been skipped silently
    assert int(failed.group(1)) == 0
    assert int(skipped.group(1)) == 0, output[-5000:]
    assert int(passed.group(1)) > n_training, output[-5000:]
    print("\n".join(line for line in output.splitlines() if line.startswith("worst relative")))
