// Bad input to the twin gets a clear error naming the argument, and training that
// blows up becomes a state with advice, never NaN handed on. Needs no Python cases.

import assert from "node:assert/strict";
import { test } from "node:test";

import * as nn from "../../book/js/nnlib/index.js";

test("every bad argument is refused with a message that names it", () => {
  const X = new nn.Matrix(4, 2, Float64Array.from([0, 0, 0, 1, 1, 0, 1, 1]));
  const y = [0, 1, 1, 0];
  const cases = [
    [() => new nn.Matrix(2, 2, new Float64Array(3)), /a 2 x 2 matrix needs 4 numbers; got 3/],
    [() => nn.matmul(X, X), /matmul: shapes 4x2 and 4x2 do not fit/],
    [() => nn.getActivation("rectifier"), /unknown activation "rectifier"; choose one of .*relu/],
    [() => nn.getActivation("leaky_relu", { alpha: 2 }), /leaky_relu: alpha must be a number between 0 and 1; got 2/],
    [() => new nn.Network([2]), /layerSizes needs at least an input and an output size/],
    [() => new nn.Network([2, 0, 1]), /layerSizes\[1\] \(a layer width\) must be a whole number >= 1; got 0/],
    [() => new nn.Network([2, 3, 1], { activation: ["relu", "tanh"] }), /one name per hidden layer; layerSizes has 1 hidden layer\(s\) but 2/],
    [() => new nn.Network([3, 1]).forward(X), /X has 2 feature\(s\) per sample but this network expects 3/],
    [() => nn.getLoss("hinge"), /unknown loss "hinge"; choose one of/],
    [() => nn.getLoss("mse").value(X, new nn.Matrix(4, 1)), /the output has shape 4x2 but the target has shape 4x1/],
    [() => new nn.Trainer(new nn.Network([2, 1]), X, y, { batchSize: 0 }), /batchSize must be a whole number >= 1, or null/],
    [() => new nn.Trainer(new nn.Network([2, 1]), X, y, { learningRate: -1 }), /learningRate must be a number > 0 \(e\.g\. 0\.03\); got -1/],
    [() => new nn.Trainer(new nn.Network([2, 1]), X, y, { l2: -0.1 }), /l2 must be a number >= 0; got -0\.1/],
    [() => new nn.Trainer(new nn.Network([2, 1]), X, [0, 1]), /X has 4 rows but y has 2; give one target per sample/],
    [() => new nn.Trainer(new nn.Network([2, 1]), X, [0, 1, 2, 0]), /label 2 is 2; class labels must be whole numbers 0\.\.1/],
    [() => new nn.Trainer(new nn.Network([2, 2]), X, y, { loss: "binary_cross_entropy" }), /binary cross-entropy needs one output unit, but the network has 2/],
    [() => new nn.Momentum(0.1, 1.5), /momentum must be in \[0, 1\)/],
    [() => nn.makeDataset("spirals"), /unknown data set "spirals"; choose one of circle/],
    [() => nn.makeDataset("circle", { n: 1 }), /n must be a whole number of at least 2/],
    [() => nn.makeDataset("xor", { noise: -1 }), /noise \(a standard deviation\) must be a number >= 0; got -1/],
    [() => nn.addFeatures(X, ["x3"]), /unknown feature "x3"; choose from x1, x2/],
    [() => nn.addFeatures(X, []), /choose at least one feature/],
    [() => nn.trainTestSplit(X, y, { testFraction: 1 }), /testFraction must be strictly between 0 and 1; got 1/],
    [() => nn.trainTestSplit(X, y, { testFraction: 0.01 }), /leaves the test set empty/],
    [() => nn.regression1d({ function: "cubic" }), /unknown regression function "cubic"; choose one of sine/],
  ];
  for (const [call, message] of cases) assert.throws(call, message);
});

test("a loss that explodes (the playground engine's rule) is a state, with the last good weights", () => {
  const { X, y } = nn.makeDataset("circle", { n: 100, seed: 0 });
  const network = new nn.Network([2, 8, 1], { activation: "relu", seed: 0 });
  const trainer = new nn.Trainer(network, X, y, { learningRate: 1000, batchSize: 5, explodedFactor: 10 });
  const before = network.copyParameters();
  assert.equal(trainer.runEpoch(), false);
  assert.equal(trainer.status, "diverged");
  assert.equal(trainer.epoch, 0);
  assert.match(trainer.message, new RegExp(`^${nn.DIVERGED_ADVICE}: the loss grew from .* more than 10 times where it started in epoch 1`));
  assert.deepEqual(network.parameters(), before, "the weights are those before the epoch that blew up");
  assert.deepEqual(trainer.history.trainLoss, [], "nothing of the wreck is recorded");
  assert.ok(network.predictProba(X).isFinite());
  // without the rule the same run is still "training": nnlib's Trainer only stops at NaN or infinity
  const lenient = new nn.Trainer(new nn.Network([2, 8, 1], { activation: "relu", seed: 0 }), X, y, { learningRate: 1000, batchSize: 5 });
  assert.equal(lenient.runEpoch(), true);
});

test("a learning rate changed between steps is checked like the first one", () => {
  const { X, y } = nn.makeDataset("xor", { n: 20 });
  const trainer = new nn.Trainer(new nn.Network([2, 1]), X, y, { learningRate: 0.1 });
  trainer.learningRate = 0.3;
  assert.equal(trainer.optimizer.currentLearningRate(), 0.3);
  assert.throws(() => (trainer.learningRate = 0), /learningRate must be a number > 0/);
  assert.throws(() => (trainer.learningRate = "fast"), /learningRate must be a number > 0/);
});
