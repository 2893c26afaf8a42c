// The twin's seeded generator (book/js/nnlib/random.js): the published algorithm
// (against the words tests/twin_cases.py computes in plain Python integers),
// determinism, and the distributions it promises.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { Random } from "../../book/js/nnlib/random.js";

const N = 200000;

function draws(random, n, f) {
  return Float64Array.from({ length: n }, () => f(random));
}

function meanAndVariance(values) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return [mean, variance];
}

test("the same seed gives the same stream; different seeds give different ones", () => {
  for (const seed of [0, 1, 42, 2 ** 32 + 1, -7]) {
    const a = draws(new Random(seed), 100, (r) => r.uniform());
    const b = draws(new Random(seed), 100, (r) => r.uniform());
    assert.deepEqual(a, b, `seed ${seed}`);
  }
  const streams = [0, 1, 2, 3, 2 ** 32, 2 ** 32 + 1].map((seed) =>
    draws(new Random(seed), 20, (r) => r.uniform()).join(","),
  );
  assert.equal(new Set(streams).size, streams.length, "every seed starts its own stream");
});

test("uniform(low, high) has the mean (low + high) / 2 and variance (high - low)^2 / 12", () => {
  const low = -2, high = 5;
  const values = draws(new Random(3), N, (r) => r.uniform(low, high));
  const [mean, variance] = meanAndVariance(values);
  const expectedVariance = (high - low) ** 2 / 12;
  // the standard error of the mean is sqrt(variance / N); allow 5 of them
  assert.ok(Math.abs(mean - (low + high) / 2) < 5 * Math.sqrt(expectedVariance / N), `mean ${mean}`);
  assert.ok(Math.abs(variance / expectedVariance - 1) < 0.02, `variance ${variance}`);
  assert.ok(values.every((v) => v >= low && v < high), "every draw inside [low, high)");
  // ten equal bins each hold about a tenth
  const bins = new Array(10).fill(0);
  for (const v of values) bins[Math.floor(((v - low) / (high - low)) * 10)] += 1;
  for (const count of bins) assert.ok(Math.abs(count / N - 0.1) < 0.005, `bins ${bins}`);
});

test("normal(mean, std) has that mean and standard deviation, and normal tails", () => {
  const values = draws(new Random(4), N, (r) => r.normal(1.5, 0.5));
  const [mean, variance] = meanAndVariance(values);
  assert.ok(Math.abs(mean - 1.5) < 5 * Math.sqrt(0.25 / N), `mean ${mean}`);
  assert.ok(Math.abs(Math.sqrt(variance) / 0.5 - 1) < 0.01, `std ${Math.sqrt(variance)}`);
  // P(|Z| > 1.96) = 5% for a standard normal
  const outside = values.filter((v) => Math.abs(v - 1.5) > 1.96 * 0.5).length / N;
  assert.ok(Math.abs(outside - 0.05) < 0.003, `share beyond 1.96 std: ${outside}`);
});

test("integer(n) covers 0..n-1 evenly and nothing else", () => {
  const random = new Random(5);
  const n = 7;
  const counts = new Array(n).fill(0);
  for (let i = 0; i < N; i++) {
    const k = random.integer(n);
    assert.ok(Number.isInteger(k) && k >= 0 && k < n, `integer(${n}) gave ${k}`);
    counts[k] += 1;
  }
  for (const count of counts) assert.ok(Math.abs(count / N - 1 / n) < 0.005, `counts ${counts}`);
  assert.throws(() => random.integer(0), /n must be a whole number/);
});

test("permutation(n) holds every index exactly once, and shuffles", () => {
  const random = new Random(6);
  for (const n of [0, 1, 2, 10, 1000]) {
    const order = random.permutation(n);
    assert.ok(order instanceof Int32Array);
    assert.deepEqual(Array.from(order).sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i));
  }
  // every position of a 4-element permutation sees every value about equally often
  const counts = Array.from({ length: 4 }, () => new Array(4).fill(0));
  for (let i = 0; i < 40000; i++) random.permutation(4).forEach((value, position) => (counts[position][value] += 1));
  for (const row of counts) for (const count of row) assert.ok(Math.abs(count / 40000 - 0.25) < 0.01, `${counts}`);
});

test("a bad seed is refused with a message naming it", () => {
  assert.throws(() => new Random(0.5), /seed must be a whole number/);
  assert.throws(() => new Random("1"), /seed must be a whole number/);
});

test("the stream is xoshiro128** as published, seeded as documented", { skip: !process.env.NNZ_TWIN_CASES && "NNZ_TWIN_CASES is not set (run through pytest tests/test_js_twin.py)" }, () => {
  const cases = JSON.parse(readFileSync(process.env.NNZ_TWIN_CASES, "utf8")).random;
  assert.ok(cases.length > 0);
  for (const c of cases) {
    const words = new Random(c.seed);
    assert.deepEqual(Array.from({ length: c.words.length }, () => words.nextUint32()), c.words, `seed ${c.seed}: words`);
    const floats = new Random(c.seed);
    assert.deepEqual(Array.from({ length: c.floats.length }, () => floats.random()), c.floats, `seed ${c.seed}: random()`);
  }
});
