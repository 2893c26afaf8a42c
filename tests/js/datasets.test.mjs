// The twin's data sets (book/js/nnlib/datasets.js) against nnlib.datasets.
//
// The twin draws from its own Random, so its points are not nnlib's; what must agree
// is what defines each set: shapes, class balance (exactly), and where the points lie
// and how they spread (statistics of 6,000 points, clean and with the default noise,
// which nnlib computed for the same set moments ago; see tests/twin_cases.py).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { makeDataset, regression1d, regressionCurve } from "../../book/js/nnlib/index.js";

const path = process.env.NNZ_TWIN_CASES;
if (!path) throw new Error("NNZ_TWIN_CASES is not set: run `.venv/bin/python -m pytest tests/test_js_twin.py`");
const cases = JSON.parse(readFileSync(path, "utf8")).datasets;
const sets = cases.filter((c) => c.name !== "regression1d");
const N = 6000;

function classCounts(y) {
  const counts = [];
  for (const label of y) counts[label] = (counts[label] ?? 0) + 1;
  return Array.from(counts, (c) => c ?? 0);
}

function statistics(X, y) {
  const classes = Math.max(...y) + 1;
  return Array.from({ length: classes }, (_, label) => {
    const points = [];
    for (let i = 0; i < y.length; i++) if (y[i] === label) points.push([X.get(i, 0), X.get(i, 1)]);
    const column = (j) => points.map((p) => p[j]);
    const mean = [0, 1].map((j) => column(j).reduce((a, b) => a + b, 0) / points.length);
    const std = [0, 1].map((j) => Math.sqrt(column(j).reduce((a, b) => a + (b - mean[j]) ** 2, 0) / points.length));
    const radius = points.map(([a, b]) => Math.hypot(a, b));
    const radiusMean = radius.reduce((a, b) => a + b, 0) / radius.length;
    return {
      mean,
      std,
      min: [0, 1].map((j) => Math.min(...column(j))),
      max: [0, 1].map((j) => Math.max(...column(j))),
      radiusMin: Math.min(...radius),
      radiusMax: Math.max(...radius),
      radiusMean,
      radiusStd: Math.sqrt(radius.reduce((a, b) => a + (b - radiusMean) ** 2, 0) / radius.length),
      count: points.length,
    };
  });
}

// Two samples of 6,000 points from one distribution. Their means differ by a few
// standard errors of the difference, sqrt(s1^2/n1 + s2^2/n2), at most: allow 5 (a
// chance below 1e-6 per comparison). A standard deviation's standard error is about
// s / sqrt(2n). Extremes of bounded (clean) shapes agree to `extreme`.
const STANDARD_ERRORS = 5;

function assertSimilar(actual, expected, what, { extreme = 0.04 } = {}) {
  expected.forEach((e, label) => {
    const a = actual[label];
    const near = (x, y, tolerance, key) =>
      assert.ok(Math.abs(x - y) <= tolerance, `${what}, class ${label}, ${key}: twin ${x}, nnlib ${y} (allowed ${tolerance.toPrecision(2)})`);
    const meanError = (sa, se) => STANDARD_ERRORS * Math.sqrt((sa * sa) / a.count + (se * se) / e.count) + 1e-12;
    const stdError = (sa, se) => STANDARD_ERRORS * Math.sqrt((sa * sa) / (2 * a.count) + (se * se) / (2 * e.count)) + 1e-12;
    for (const j of [0, 1]) {
      near(a.mean[j], e.mean[j], meanError(a.std[j], e.std[j]), `mean of x${j + 1}`);
      near(a.std[j], e.std[j], stdError(a.std[j], e.std[j]), `std of x${j + 1}`);
    }
    near(a.radiusMean, e.radiusMean, meanError(a.radiusStd, e.radiusStd), "mean radius");
    // extremes of a noisy cloud are set by a few stray points; compare them only for clean shapes
    if (extreme !== null) {
      for (const j of [0, 1]) {
        near(a.min[j], e.min[j], extreme, `min of x${j + 1}`);
        near(a.max[j], e.max[j], extreme, `max of x${j + 1}`);
      }
      near(a.radiusMin, e.radiusMin, extreme, "min radius");
      near(a.radiusMax, e.radiusMax, extreme, "max radius");
    }
  });
}

test("every data set nnlib has, and no other", () => {
  for (const c of sets) assert.doesNotThrow(() => makeDataset(c.name), c.name);
  assert.throws(() => makeDataset("spirals"), /unknown data set "spirals"; choose one of/);
});

test("shapes and class balance equal nnlib's for every n", () => {
  for (const c of sets) {
    for (const [n, counts] of Object.entries(c.counts)) {
      const { X, y } = makeDataset(c.name, { n: Number(n), seed: 0 });
      assert.deepEqual([X.rows, X.cols], [Number(n), 2], `${c.name} n=${n}: X shape`);
      assert.ok(y instanceof Int32Array && y.length === Number(n), `${c.name} n=${n}: y`);
      assert.deepEqual(classCounts(y), counts, `${c.name} n=${n}: points per class`);
    }
  }
});

test("clean shapes lie where nnlib's do, and spread the same way", () => {
  for (const c of sets) {
    const { X, y } = makeDataset(c.name, { n: N, noise: 0, seed: 1 });
    assertSimilar(statistics(X, y), c.stats.clean, `${c.name} without noise`);
  }
});

test("with the default noise the clouds have nnlib's centres and spreads", () => {
  for (const c of sets) {
    const { X, y } = makeDataset(c.name, { n: N, seed: 1 });
    assertSimilar(statistics(X, y), c.stats.default, `${c.name} with default noise`, { extreme: null });
  }
});

test("a seed fixes the data; another seed gives other data", () => {
  for (const c of sets) {
    const a = makeDataset(c.name, { n: 50, seed: 3 });
    const b = makeDataset(c.name, { n: 50, seed: 3 });
    const other = makeDataset(c.name, { n: 50, seed: 4 });
    assert.deepEqual(a.X.data, b.X.data, `${c.name}: same seed, same points`);
    assert.deepEqual(a.y, b.y, `${c.name}: same seed, same labels`);
    assert.notDeepEqual(a.X.data, other.X.data, `${c.name}: another seed, other points`);
  }
});

test("noise shakes the points of one seed without redrawing them", () => {
  for (const c of sets) {
    const clean = makeDataset(c.name, { n: N, noise: 0, seed: 2 });
    const noisy = makeDataset(c.name, { n: N, noise: 0.2, seed: 2 });
    assert.deepEqual(noisy.y, clean.y, `${c.name}: the labels stay`);
    const shifts = Array.from(noisy.X.data, (v, i) => v - clean.X.data[i]);
    const std = Math.sqrt(shifts.reduce((a, b) => a + b * b, 0) / shifts.length);
    assert.ok(Math.abs(std / 0.2 - 1) < 0.03, `${c.name}: the jitter's standard deviation is ${std}`);
  }
});

test("regression1d: sorted inputs on [-1, 1] spread like nnlib's, targets on the curve", () => {
  const e = cases.find((c) => c.name === "regression1d");
  const { X, y } = regression1d({ n: N, function: "sine", noise: 0, seed: 1 });
  assert.deepEqual([X.rows, X.cols, y.rows, y.cols], [N, 1, N, 1]);
  const x = Array.from(X.data);
  assert.ok(x.every((v, i) => i === 0 || v >= x[i - 1]), "X is sorted ascending");
  const mean = x.reduce((a, b) => a + b, 0) / N;
  const std = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / N);
  for (const [key, value] of Object.entries({ min: x[0], max: x[N - 1], mean, std })) {
    assert.ok(Math.abs(value - e[key]) < 0.02, `${key}: twin ${value}, nnlib ${e[key]}`);
  }
  x.forEach((v, i) => assert.equal(y.data[i], regressionCurve("sine", v)));
  const noisy = regression1d({ n: N, function: "sine", noise: 0.1, seed: 1 });
  assert.deepEqual(noisy.X.data, X.data, "noise moves the targets, not the inputs");
});
