// The twin's perceptron (book/js/nnlib/neurons.js) against nnlib's Perceptron.fit, on
// cases nnlib computed moments ago (tests/twin_cases.py perceptron_cases, through
// tests/test_js_twin.py): every visit's weights, bias, verdict and prediction, the
// mistakes per epoch and the converged epoch.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { Perceptron } from "../../book/js/nnlib/index.js";

const path = process.env.NNZ_TWIN_CASES;
if (!path) throw new Error("NNZ_TWIN_CASES is not set: run `.venv/bin/python -m pytest tests/test_js_twin.py`");
const { perceptron: cases, tolerance } = JSON.parse(readFileSync(path, "utf8"));

function close(actual, expected, what) {
  const scale = Math.max(Math.abs(actual), Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tolerance * scale, `${what}: twin ${actual}, nnlib ${expected}`);
}

test("perceptron: every visit of nnlib's fit, on the gates and on random data", async (t) => {
  assert.ok(cases.length >= 9);
  for (const c of cases) {
    await t.test(`${c.name}, learning rate ${c.learningRate}`, () => {
      const unit = new Perceptron(c.X[0].length, {
        learningRate: c.learningRate, initialWeights: c.initialWeights, initialBias: c.initialBias,
      });
      const result = unit.fit(c.X, c.y, { maxEpochs: c.maxEpochs, orders: c.orders });
      assert.deepEqual(result.errorsPerEpoch, c.errorsPerEpoch);
      assert.equal(result.convergedEpoch, c.convergedEpoch);
      assert.equal(result.updates.length, c.updates.length);
      result.updates.forEach((u, k) => {
        const e = c.updates[k];
        for (const key of ["sampleIndex", "changed", "epoch", "prediction", "target"]) {
          assert.equal(u[key], e[key], `visit ${k} ${key}`);
        }
        Array.from(u.weights).forEach((w, i) => close(w, e.weights[i], `visit ${k} weight ${i}`));
        close(u.bias, e.bias, `visit ${k} bias`);
      });
    });
  }
});
