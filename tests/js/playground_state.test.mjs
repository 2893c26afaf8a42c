// The page playground's state: URL round trips, garbage falls back, and a run with
// hostile settings answers with a message instead of NaN (book/js/playground/).
import assert from "node:assert/strict";
import { test } from "node:test";

import { DEFAULTS, HIDEABLE } from "../../book/js/playground/options.js";
import { PlaygroundRun } from "../../book/js/playground/run.js";
import { checkState, fromQuery, toQuery } from "../../book/js/playground/url.js";

const state = (changes) => ({ ...structuredClone(DEFAULTS), ...changes });

test("a state survives the trip to the URL and back", () => {
  const original = state({
    dataset: "spiral3", layers: [8, 1, 3], activation: "leaky_relu", learningRate: 0.00001,
    features: ["x2", "sin1", "x1x2"], batchSize: 0, noise: 0.35, trainPercent: 10,
    regularization: "l1", regularizationRate: 10, loss: "squared_error", showTest: true,
    discretize: true, seed: 9999, hide: HIDEABLE.slice(0, 4),
  });
  const { state: back, ignored } = fromQuery("?" + toQuery(original));
  assert.deepEqual(ignored, []);
  assert.deepEqual(back, original);
  assert.equal(toQuery(DEFAULTS), ""); // the defaults make no parameters
});

test("every bad parameter falls back to its default and is named", () => {
  const { state: got, ignored } = fromQuery("?layers=9,9&lr=2&noise=-1&batch=7&train=95&act=&features=&seed=1.5&test=yes&hide=everything&bogus=1");
  for (const key of ["layers", "learningRate", "noise", "batchSize", "trainPercent", "activation", "features", "seed", "showTest", "hide"]) {
    assert.deepEqual(got[key], DEFAULTS[key], key);
  }
  assert.equal(ignored.length, 11);
  for (const part of ["layers=9,9", "lr=2", "noise=-1", "batch=7", "train=95", "seed=1.5", "bogus"]) {
    assert.ok(ignored.some((line) => line.startsWith(part)), part);
  }
});

test("a regression data set switches the problem; a mismatched pair is refused", () => {
  assert.equal(fromQuery("?data=bumps").state.problem, "regression");
  const mismatch = fromQuery("?problem=classification&data=plane");
  assert.equal(mismatch.state.dataset, "circle");
  assert.ok(mismatch.ignored[0].startsWith("data=plane"));
  assert.deepEqual(checkState({ layers: [] }).state.layers, []);
});

test("the largest learning rate ends in a message, with finite weights drawn", () => {
  const run = new PlaygroundRun(state({ activation: "linear", layers: [8, 8, 8], learningRate: 10 }));
  run.trainEpochs(30);
  assert.equal(run.status, "diverged");
  assert.match(run.message, /diverged — lower the learning rate/);
  assert.ok(run.network.parameters().every((p) => p.every(Number.isFinite)));
  assert.ok(run.trainLoss.every(Number.isFinite));
  assert.equal(run.trainEpochs(5), false); // it stays stopped
});

test("the case records one batch order per epoch and the losses from epoch 0", () => {
  const run = new PlaygroundRun(state({ batchSize: 5 }));
  run.trainEpochs(3);
  const c = run.toCase();
  assert.equal(c.orders.length, 3);
  assert.equal(c.trainLoss.length, 4);
  assert.deepEqual([...c.orders[0]].sort((a, b) => a - b), [...Array(c.XTrain.length).keys()]);
});
