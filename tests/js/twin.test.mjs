// The browser twin (book/js/nnlib) against nnlib, on cases nnlib computed moments ago.
//
// Run through pytest (tests/test_js_twin.py), which builds the cases with nnlib,
// writes them to a JSON file and names it in NNZ_TWIN_CASES. Every expected number
// comes from that file; the twin replays the same inputs (data, initial weights,
// batch orders, settings) and must agree within the file's relative tolerance.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import * as nn from "../../book/js/nnlib/index.js";

const path = process.env.NNZ_TWIN_CASES;
if (!path) {
  throw new Error(
    "NNZ_TWIN_CASES is not set: these cases are computed by nnlib, so run them through " +
      "`.venv/bin/python -m pytest tests/test_js_twin.py`",
  );
}
const cases = JSON.parse(readFileSync(path, "utf8"));
const TOLERANCE = cases.tolerance;
// Below this magnitude two numbers count as equal when they differ by less than it:
// an underflowing sigmoid tail (1e-320 against 0) says nothing about the maths.
const TINY = 1e-300;
const worst = {}; // the largest relative difference seen, per section (printed at the end)

function flatten(value) {
  if (value instanceof nn.Matrix) return Array.from(value.data);
  if (ArrayBuffer.isView(value)) return Array.from(value);
  if (Array.isArray(value)) return value.flatMap(flatten);
  return [value];
}

// Every number of `actual` within TOLERANCE (relative) of `expected`.
function assertClose(actual, expected, what, section) {
  const a = flatten(actual);
  const e = flatten(expected);
  assert.equal(a.length, e.length, `${what}: ${a.length} numbers, nnlib has ${e.length}`);
  let largest = 0;
  for (let i = 0; i < e.length; i++) {
    if (e[i] === null) {
      assert.equal(a[i], null, `${what}[${i}]: nnlib has None, the twin ${a[i]}`);
      continue;
    }
    const difference = Math.abs(a[i] - e[i]);
    const scale = Math.max(Math.abs(a[i]), Math.abs(e[i]));
    if (!(difference <= TOLERANCE * scale || difference <= TINY)) {
      assert.fail(
        `${what}[${i}]: the twin gives ${a[i]}, nnlib ${e[i]} (relative difference ${(difference / scale).toExponential(2)}, tolerance ${TOLERANCE})`,
      );
    }
    if (scale > TINY) largest = Math.max(largest, difference / scale);
  }
  worst[section] = Math.max(worst[section] ?? 0, largest);
}

const matrix = (rows) => nn.Matrix.fromRows(rows);

function buildNetwork(c) {
  const network = new nn.Network(c.layerSizes, {
    activation: c.activation ?? "tanh",
    activationParams: c.params ?? {},
    outputActivation: c.outputActivation,
  });
  network.setParameters(c.parameters);
  return network;
}

test("activations: value, derivative and backward on a grid of z up to |z| = 1000", () => {
  for (const c of cases.activations) {
    const activation = nn.getActivation(c.name, c.params);
    assertClose(c.z.map(activation.value), c.value, `${c.name} value`, "activations");
    assertClose(c.z.map(activation.derivative), c.derivative, `${c.name} derivative`, "activations");
    const backward = c.z.map((z, i) => activation.backward(z, c.value[i], c.gradient[i]));
    assertClose(backward, c.backward, `${c.name} backward`, "activations");
  }
});

test("losses: value and gradient, from logits and from probabilities", () => {
  for (const c of cases.losses) {
    const loss = nn.getLoss(c.name, { fromLogits: c.fromLogits });
    const target = c.labels ? Int32Array.from(c.labels) : matrix(c.target);
    const what = `${c.name} (fromLogits ${c.fromLogits}${c.labels ? ", labels" : ""})`;
    assertClose(loss.value(matrix(c.output), target), c.value, `${what} value`, "losses");
    assertClose(loss.gradient(matrix(c.output), target), c.gradient, `${what} gradient`, "losses");
    const [value, gradient] = loss.valueAndGradient(matrix(c.output), target);
    assertClose([value, gradient], [c.value, c.gradient], `${what} valueAndGradient`, "losses");
  }
});

test("one forward and one backward pass through a network", () => {
  for (const c of cases.passes) {
    const what = `${c.activation} -> ${c.outputActivation} ${c.layerSizes.join("-")}`;
    const network = buildNetwork(c);
    const X = matrix(c.X);
    assertClose(network.forward(X), c.output, `${what} output`, "passes");
    const dX = network.backward(matrix(c.dOutput));
    assertClose(network.gradients(), c.gradients, `${what} gradients`, "passes");
    assertClose(dX, c.dX, `${what} dX`, "passes");
    assertClose(network.hiddenActivations(X), c.hidden, `${what} hidden activations`, "passes");
    assertClose(network.predictProba(X), c.predictProba, `${what} predictProba`, "passes");
    assert.deepEqual(Array.from(network.predict(X)), c.predict, `${what} predict`);
    assert.deepEqual(network.deadUnits(X), c.deadUnits, `${what} dead units`);
  }
});

test("optimizers: parameters after every update", () => {
  for (const c of cases.optimizers) {
    const o = c.options;
    const optimizer =
      c.name === "sgd"
        ? new nn.SGD(o.learningRate)
        : c.name === "momentum"
          ? new nn.Momentum(o.learningRate, o.momentum)
          : new nn.Adam(o.learningRate, o.beta1, o.beta2, o.epsilon);
    const parameters = c.parameters.map((p) => Float64Array.from(p));
    c.gradients.forEach((gradients, step) => {
      optimizer.step(parameters, gradients.map((g) => Float64Array.from(g)));
      assertClose(parameters, c.after[step], `${c.name} ${JSON.stringify(o)} after step ${step + 1}`, "optimizers");
    });
  }
});

test("input features, regression curves and train/test split sizes", () => {
  const f = cases.features;
  assertClose(nn.addFeatures(matrix(f.X), f.names), f.result, "addFeatures", "features");
  for (const c of cases.curves) {
    assertClose(c.x.map((x) => nn.regressionCurve(c.function, x)), c.y, `curve ${c.function}`, "features");
  }
  for (const s of cases.splits) {
    const X = new nn.Matrix(s.n, 1, Float64Array.from({ length: s.n }, (_, i) => i));
    const split = nn.trainTestSplit(X, new Int32Array(s.n), { testFraction: s.testFraction });
    assert.equal(split.XTest.rows, s.nTest, `n ${s.n}, testFraction ${s.testFraction}: test size`);
    const all = [...split.XTrain.data, ...split.XTest.data].sort((a, b) => a - b);
    assert.deepEqual(all, Array.from(X.data), "train and test together hold every row once");
  }
});

// Replays one case step by step: the same batches nnlib's Trainer.step saw.
function replay(c) {
  const network = buildNetwork(c);
  const X = matrix(c.X), T = matrix(c.T);
  const trainer = new nn.Trainer(network, X, T, {
    loss: c.loss,
    optimizer: nn.getOptimizer(c.optimizer, c.options),
    batchSize: c.batchSize,
    l1: c.l1,
    l2: c.l2,
  });
  const objective = [];
  for (let epoch = 0; epoch < c.epochs; epoch++) {
    if (c.batchSize === null) {
      trainer.step(X, T);
      objective.push(trainer.objective());
      continue;
    }
    const order = c.orders[epoch];
    const Xo = X.takeRows(order), To = T.takeRows(order);
    for (let start = 0; start < X.rows; start += c.batchSize) {
      trainer.step(Xo.sliceRows(start, start + c.batchSize), To.sliceRows(start, start + c.batchSize));
      objective.push(trainer.objective());
    }
  }
  return { network, objective };
}

test("training: every activation x loss x regularization x batch size, step by step", async (t) => {
  const kinds = new Set(cases.training.map((c) => `${c.activation}/${c.kind}/${c.regularization}/${c.batchSize}`));
  assert.ok(kinds.size >= 8 * 5 * 3 * 3, `only ${kinds.size} combinations in the cases file`);
  for (const c of cases.training) {
    const name = `#${c.id} ${c.activation} ${c.kind} ${c.regularization} batch ${c.batchSize ?? "all"} ${c.optimizer}`;
    await t.test(name, () => {
      assert.ok(c.objective.length >= 50, `${name}: only ${c.objective.length} steps`);
      const { network, objective } = replay(c);
      assertClose(objective, c.objective, `${name} loss after each step`, "training");
      assertClose(network.parameters(), c.finalParameters, `${name} final weights`, "training");
      const grid = matrix(c.grid);
      if (c.gridLabels === null) {
        assertClose(network.forward(grid), c.gridOutput, `${name} outputs on the grid`, "training");
      } else {
        assertClose(network.predictProba(grid), c.gridOutput, `${name} probabilities on the grid`, "training");
        assert.deepEqual(Array.from(network.predict(grid)), c.gridLabels, `${name} classes on the grid`);
      }
    });
  }
});

test("Trainer.runEpoch with nnlib's orders reproduces Trainer.run's history", async (t) => {
  for (const c of cases.runs) {
    const name = `${c.kind} ${c.layerSizes.join("-")} batch ${c.batchSize ?? "all"}`;
    await t.test(name, () => {
      const network = buildNetwork(c);
      const asTargets = (y) => (Array.isArray(y[0]) ? matrix(y) : Int32Array.from(y));
      const trainer = new nn.Trainer(network, matrix(c.XTrain), asTargets(c.yTrain), {
        XTest: matrix(c.XTest),
        yTest: asTargets(c.yTest),
        loss: c.loss,
        learningRate: c.learningRate,
        batchSize: c.batchSize,
        l2: c.l2,
      });
      const epochs = c.history.epochs.length;
      for (let epoch = 0; epoch < epochs; epoch++) {
        assert.ok(trainer.runEpoch(c.batchSize === null ? null : Int32Array.from(c.orders[epoch])));
      }
      assert.equal(trainer.status, "training");
      assert.deepEqual(trainer.history.epochs, c.history.epochs);
      for (const key of ["trainLoss", "trainAccuracy", "testLoss", "testAccuracy", "penalty"]) {
        assertClose(trainer.history[key], c.history[key], `${name} history.${key}`, "runs");
      }
      assertClose(network.parameters(), c.finalParameters, `${name} final weights`, "runs");
    });
  }
});

for (const c of cases.divergence) {
  const rule = c.lossBroken ? "the loss stops being a number" : "the loss stays far above its start";
  test(`divergence (${rule}): stops where nnlib raises TrainingDiverged`, () => {
    const network = new nn.Network(c.layerSizes, { activation: "leaky_relu" });
    network.setParameters(c.parameters);
    const X = matrix(c.X);
    const trainer = new nn.Trainer(network, X, matrix(c.y), { loss: "mse", learningRate: c.learningRate });
    trainer.run(c.divergedInEpoch + 20);
    assert.equal(trainer.status, "diverged");
    assert.ok(trainer.message.startsWith(c.advice), `message ${JSON.stringify(trainer.message)}`);
    // the epoch it stopped in is undone: history and weights of the one before
    assert.equal(trainer.epoch, c.divergedInEpoch - 1, "epochs completed before the divergence");
    const before = c.history.trainLoss.slice(0, c.divergedInEpoch - 1);
    assertClose(trainer.history.trainLoss, before, "history before the divergence", "divergence");
    assertClose(network.parameters(), c.lastGoodParameters, "weights after the divergence", "divergence");
    assert.ok(network.forward(X).isFinite(), "the restored network predicts finite numbers");
    assert.equal(trainer.runEpoch(), false, "a diverged trainer trains no further");
    assert.throws(
      () => new nn.Trainer(network, X, matrix(c.y), { loss: "mse", learningRate: c.learningRate }).run(c.divergedInEpoch + 20, { throwOnDivergence: true }),
      (error) => error instanceof nn.TrainingDiverged && error.message.startsWith(c.advice),
    );
  });
}

test("worst relative difference per section (for the record)", () => {
  for (const [section, value] of Object.entries(worst)) {
    console.log(`worst relative difference, ${section}: ${value.toExponential(2)}`);
  }
});
