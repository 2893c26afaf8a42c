// Training: repeat forward pass, backward pass, update -- and keep score.
//
// Python twin: nnlib/training.py (Trainer, TrainingDiverged). One step on a batch:
//     output = network.forward(X)
//     network.backward(dL/d(output))           every layer's dW, db
//     dW += l1 sign(W) + l2 W                  the penalties (weights, never biases)
//     optimizer.step(parameters, gradients)
// One epoch is one pass over the training set: one step on all of it (full batch,
// batchSize null), or steps on consecutive slices of a shuffled order. After each
// epoch the trainer records loss and accuracy on the training (and test) set.
//
// The history's training loss is the exact loss after each epoch: what nnlib records
// with Trainer(evaluate_train_every=1) (nnlib's default is a cheaper running mean).
//
// Divergence, by nnlib's two rules: the loss stops being a number, or it stays above
// DIVERGED_FACTOR times the larger of its starting value and the loss of guessing for
// DIVERGED_PATIENCE epochs in a row. nnlib raises TrainingDiverged; a page must not
// throw at its reader, so here the trainer sets status = "diverged" and a message
// that starts "training diverged — lower the learning rate" (as nnbook's playground
// engine does), undoes the epoch it stopped in (weights and history are those of the
// epoch before, so no NaN ever reaches them) and trains no further. Pass
// { throwOnDivergence: true } to get nnlib's behaviour, a TrainingDiverged error.

import { getLoss, targetsFromLabels } from "./losses.js";
import { Matrix } from "./matrix.js";
import { Network } from "./network.js";
import { getOptimizer } from "./optimizers.js";
import { Random } from "./random.js";
import { l1Gradient, l1Penalty, l2Gradient, l2Penalty } from "./regularization.js";

export const DIVERGED_ADVICE = "training diverged — lower the learning rate";
export const DIVERGED_FACTOR = 10;
export const DIVERGED_PATIENCE = 3;

export class TrainingDiverged extends Error {
  constructor(message, { history = null, epoch = null } = {}) {
    super(message);
    this.name = "TrainingDiverged";
    this.history = history;
    this.epoch = epoch;
  }
}

// "auto" is binary cross-entropy for one output unit and cross-entropy for several;
// the logit form after a linear output layer, the probability form after a sigmoid
// or softmax one (nnlib's _resolve_loss).
function resolveLoss(network, loss) {
  if (typeof loss === "string" && loss.trim().toLowerCase() === "auto") {
    loss = network.nOutputs === 1 ? "binary_cross_entropy" : "cross_entropy";
  }
  let resolved = getLoss(loss);
  const output = network.outputActivation;
  const classification = { binary_cross_entropy: "sigmoid", cross_entropy: "softmax" };
  const squashing = classification[resolved.name];
  if (squashing === undefined) return resolved;
  if (resolved.name === "binary_cross_entropy" && network.nOutputs !== 1) {
    throw new Error(`binary cross-entropy needs one output unit, but the network has ${network.nOutputs}; use loss "cross_entropy" for several classes`);
  }
  if (resolved.name === "cross_entropy" && network.nOutputs < 2) {
    throw new Error('cross-entropy needs one output unit per class (at least 2); with one output unit use loss "binary_cross_entropy"');
  }
  if (output !== "linear" && output !== squashing) {
    throw new Error(`${resolved.name} needs logits (outputActivation "linear") or probabilities ("${squashing}"); this network's output layer uses "${output}"`);
  }
  const fromLogits = output === "linear";
  if (resolved.fromLogits !== fromLogits) resolved = getLoss(resolved.name, { fromLogits });
  return resolved;
}

// dL/d(output) for the training loop, the same formulas as the loss objects but
// without their checks (nnlib's _fast_loss_gradient, operation for operation).
function fastLossGradient(loss) {
  if (loss.name === "mse") {
    return (output, T) => {
      const d = new Matrix(output.rows, output.cols);
      const scale = 2.0 / d.size;
      for (let i = 0; i < d.data.length; i++) d.data[i] = (output.data[i] - T.data[i]) * scale;
      return d;
    };
  }
  if (loss.name === "binary_cross_entropy" && loss.fromLogits) {
    // (sigmoid(z) - t) / n; exp(-z) may be Infinity for z < -709, and 1 / Infinity = 0
    // is still the right sigmoid
    return (output, T) => {
      const d = new Matrix(output.rows, 1);
      const n = d.rows;
      for (let i = 0; i < n; i++) d.data[i] = (1.0 / (1.0 + Math.exp(-output.data[i])) - T.data[i]) / n;
      return d;
    };
  }
  if (loss.name === "cross_entropy" && loss.fromLogits) {
    // (softmax(z) - onehot) / n
    return (output, T) => {
      const n = output.rows, k = output.cols;
      const e = new Matrix(n, k);
      for (let i = 0; i < n; i++) {
        let largest = -Infinity;
        for (let j = 0; j < k; j++) largest = Math.max(largest, output.data[i * k + j]);
        let sum = 0;
        for (let j = 0; j < k; j++) {
          e.data[i * k + j] = Math.exp(output.data[i * k + j] - largest);
          sum += e.data[i * k + j];
        }
        for (let j = 0; j < k; j++) e.data[i * k + j] = (e.data[i * k + j] / sum - T.data[i * k + j]) / n;
      }
      return e;
    };
  }
  return (output, T) => loss.gradient(output, T);
}

function isClassification(loss) {
  return loss.name === "binary_cross_entropy" || loss.name === "cross_entropy";
}

// (X, targets in the loss's shape, integer labels or null), checked once.
function prepareData(network, loss, X, y, xName, yName) {
  if (!(X instanceof Matrix)) X = Matrix.fromRows(X);
  if (X.cols !== network.nInputs) {
    throw new Error(`${xName} has ${X.cols} feature(s) per sample but the network expects ${network.nInputs} (layerSizes[0])`);
  }
  if (y === null || y === undefined) throw new Error(`${yName} is missing; every sample needs a target`);
  const n = y instanceof Matrix ? y.rows : y.length;
  if (n !== X.rows) throw new Error(`${xName} has ${X.rows} rows but ${yName} has ${n}; give one target per sample`);
  if (isClassification(loss)) {
    // labels, or targets already shaped (a 0/1 column, one-hot rows)
    const labels = y instanceof Matrix ? labelsFromTargets(y) : Int32Array.from(y);
    return [X, targetsFromLabels(labels, network.nOutputs), labels];
  }
  const T = y instanceof Matrix ? y : Matrix.column(y);
  if (T.cols !== network.nOutputs) {
    throw new Error(`${yName} has ${T.cols} column(s) but the network has ${network.nOutputs} output(s)`);
  }
  if (!T.isFinite()) throw new Error(`${yName} contains NaN or infinite values`);
  return [X, T, null];
}

function labelsFromTargets(T) {
  const labels = new Int32Array(T.rows);
  for (let i = 0; i < T.rows; i++) {
    if (T.cols === 1) {
      labels[i] = T.data[i];
    } else {
      let best = 0;
      for (let j = 1; j < T.cols; j++) if (T.get(i, j) > T.get(i, best)) best = j;
      labels[i] = best;
    }
  }
  return labels;
}

// The loss of a model that ignores its input and always predicts the same thing: the
// class frequencies for a classifier, the mean target for a regression (nnlib's
// _guess_loss, computed with the loss itself). A model far above it has blown up.
function guessLoss(loss, T) {
  const n = T.rows, k = T.cols;
  const mean = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) mean[j] += T.data[i * k + j];
  for (let j = 0; j < k; j++) {
    mean[j] /= n;
    if (isClassification(loss)) {
      mean[j] = Math.min(Math.max(mean[j], 1e-12), 1 - 1e-12);
      // the logits whose sigmoid / softmax are those frequencies
      if (loss.fromLogits) mean[j] = k === 1 ? Math.log(mean[j] / (1 - mean[j])) : Math.log(mean[j]);
    }
  }
  const constant = new Matrix(n, k);
  for (let i = 0; i < n; i++) constant.data.set(mean, i * k);
  const value = loss.value(constant, T);
  return Number.isFinite(value) ? value : Infinity;
}

function allFinite(arrays) {
  return arrays.every((array) => array.every(Number.isFinite));
}

export class Trainer {
  // y: class labels (an array of whole numbers) for the cross-entropies, or a Matrix
  // of targets as the loss reads them; numbers or a Matrix for regression ("mse").
  // explodedFactor (the playground engine uses 10): a train loss this many times its
  // value before training (at least 0.1) also counts as diverged, even while finite.
  constructor(
    network,
    X,
    y,
    {
      XTest = null,
      yTest = null,
      loss = "auto",
      optimizer = "sgd",
      learningRate = 0.1,
      batchSize = null,
      l1 = 0,
      l2 = 0,
      seed = 0,
      random = null,
      explodedFactor = null,
    } = {},
  ) {
    if (!(network instanceof Network)) throw new Error("network must be a Network, e.g. new Network([2, 8, 1])");
    this.network = network;
    this.loss = resolveLoss(network, loss);
    this.gradientOfLoss = fastLossGradient(this.loss);
    [this.XTrain, this.TTrain, this.labelsTrain] = prepareData(network, this.loss, X, y, "X", "y");
    if ((XTest === null) !== (yTest === null)) throw new Error("give both XTest and yTest, or neither");
    this.hasTestData = XTest !== null;
    if (this.hasTestData) {
      [this.XTest, this.TTest, this.labelsTest] = prepareData(network, this.loss, XTest, yTest, "XTest", "yTest");
    }
    this.optimizer = getOptimizer(optimizer, { learningRate });
    if (batchSize !== null && (!Number.isInteger(batchSize) || batchSize < 1)) {
      throw new Error(`batchSize must be a whole number >= 1, or null for the full batch; got ${batchSize}`);
    }
    this.batchSize = batchSize === null ? null : Math.min(batchSize, this.XTrain.rows);
    for (const [value, name] of [[l1, "l1"], [l2, "l2"]]) {
      if (typeof value !== "number" || !(value >= 0)) throw new Error(`${name} must be a number >= 0; got ${value}`);
    }
    this.l1 = l1;
    this.l2 = l2;
    this.random = random ?? new Random(seed);
    this.explodedFactor = explodedFactor;
    this.epoch = 0;
    this.status = "ready"; // "ready", "training" or "diverged"
    this.message = "";
    // nnlib's History: one entry per epoch in every list
    this.history = {
      epochs: [], trainLoss: [], trainAccuracy: [], testLoss: [], testAccuracy: [], penalty: [],
    };
    this.parameterList = network.parameters(); // updated in place, valid for good
    const initialLoss = this.evaluate(this.XTrain, this.TTrain).loss;
    this.initialLoss = Number.isFinite(initialLoss) ? initialLoss : Infinity;
    this.guessLoss = guessLoss(this.loss, this.TTrain);
    this.epochsAboveCeiling = 0;
  }

  // The training loss above which an epoch counts towards divergence (the floor keeps
  // a perfect start, loss 0, from flagging every rounding error).
  get divergenceCeiling() {
    return DIVERGED_FACTOR * Math.max(this.initialLoss, this.guessLoss, 1e-6);
  }

  get learningRate() {
    return this.optimizer.learningRate;
  }

  set learningRate(value) {
    this.optimizer.learningRate = value;
  }

  // One optimizer step on one batch (X a Matrix, T the targets as the loss reads
  // them). The hot path: it checks nothing and records nothing.
  step(X, T) {
    const network = this.network;
    const output = network.forward(X);
    network.backward(this.gradientOfLoss(output, T), false);
    if (this.l1 || this.l2) {
      for (const layer of network.layers) {
        const dW = layer.dW.data;
        if (this.l1) {
          const g = l1Gradient(layer.W, this.l1);
          for (let i = 0; i < dW.length; i++) dW[i] += g[i];
        }
        if (this.l2) {
          const g = l2Gradient(layer.W, this.l2);
          for (let i = 0; i < dW.length; i++) dW[i] += g[i];
        }
      }
    }
    this.optimizer.step(this.parameterList, network.gradients());
  }

  // One epoch. `order` (optional) is the sample order to slice batches from, e.g.
  // one made by Python; without it the trainer shuffles with its own Random. Full
  // batch ignores it, as nnlib does. Returns false (and trains nothing) once diverged.
  runEpoch(order = null, { throwOnDivergence = false } = {}) {
    if (this.status === "diverged") return false;
    const saved = this.network.copyParameters();
    const X = this.XTrain, T = this.TTrain;
    if (this.batchSize === null || this.batchSize >= X.rows) {
      this.step(X, T);
    } else {
      order = order ?? this.random.permutation(X.rows);
      if (order.length !== X.rows) throw new Error(`runEpoch: order lists ${order.length} samples, the training set has ${X.rows}`);
      const Xs = X.takeRows(order), Ts = T.takeRows(order);
      for (let start = 0; start < X.rows; start += this.batchSize) {
        this.step(Xs.sliceRows(start, start + this.batchSize), Ts.sliceRows(start, start + this.batchSize));
      }
    }
    this.epoch += 1;
    const { problem, recorded } = this.recordEpoch();
    if (problem) {
      const epoch = this.epoch;
      if (recorded) for (const values of Object.values(this.history)) values.pop();
      this.network.setParameters(saved); // show the last good weights, not the wreck
      this.epoch -= 1;
      this.status = "diverged";
      this.message = `${DIVERGED_ADVICE}: ${problem} in epoch ${epoch} (learning rate ${this.optimizer.learningRate}). Choose a smaller one and start over.`;
      if (throwOnDivergence) throw new TrainingDiverged(this.message, { history: this.history, epoch });
      return false;
    }
    this.status = "training";
    return true;
  }

  // Train `epochs` more epochs (continuing where the last call stopped); the history.
  run(epochs = 1, options = {}) {
    for (let e = 0; e < epochs; e++) if (!this.runEpoch(null, options)) break;
    return this.history;
  }

  // Record the latest epoch unless its numbers are broken. Returns { problem, recorded }:
  // what made it a divergence ("" when it was fine), and whether it is in the history.
  recordEpoch() {
    const broken = (problem) => ({ problem, recorded: false });
    const train = this.evaluate(this.XTrain, this.TTrain, this.labelsTrain);
    if (!Number.isFinite(train.loss)) return broken(`the loss became ${train.loss}`);
    if (!allFinite(this.parameterList)) return broken("the weights became infinite or NaN");
    if (this.explodedFactor !== null && train.loss > this.explodedFactor * Math.max(this.initialLoss, 0.1)) {
      return broken(`the loss grew from ${this.initialLoss.toPrecision(3)} to ${train.loss.toPrecision(3)}, more than ${this.explodedFactor} times where it started`);
    }
    const h = this.history;
    h.epochs.push(this.epoch);
    h.trainLoss.push(train.loss);
    h.trainAccuracy.push(train.accuracy);
    if (this.hasTestData) {
      const test = this.evaluate(this.XTest, this.TTest, this.labelsTest);
      h.testLoss.push(Number.isFinite(test.loss) ? test.loss : null);
      h.testAccuracy.push(test.accuracy);
    } else {
      h.testLoss.push(null);
      h.testAccuracy.push(null);
    }
    h.penalty.push(this.penalty());
    // nnlib's second rule: far above the start and guessing, epoch after epoch
    this.epochsAboveCeiling = train.loss > this.divergenceCeiling ? this.epochsAboveCeiling + 1 : 0;
    if (this.epochsAboveCeiling >= DIVERGED_PATIENCE) {
      const problem = `the training loss rose from ${this.initialLoss.toPrecision(3)} to ${train.loss.toPrecision(3)}, more than ${DIVERGED_FACTOR} times where it started and than the ${this.guessLoss.toPrecision(3)} of always guessing, for ${DIVERGED_PATIENCE} epochs`;
      return { problem, recorded: true };
    }
    return { problem: "", recorded: true };
  }

  // L1 + L2 penalty of the current weights (0 when both strengths are 0).
  penalty() {
    const weights = this.network.layers.map((layer) => layer.W.data);
    return l1Penalty(weights, this.l1) + l2Penalty(weights, this.l2);
  }

  // What training minimises: the data loss on the whole training set plus the penalty.
  objective() {
    return this.loss.value(this.network.forward(this.XTrain), this.TTrain) + this.penalty();
  }

  // { loss, accuracy } on (X, y); accuracy is null for regression, loss NaN when the
  // outputs are no longer finite numbers. `labels` skips recomputing them.
  evaluate(X, y, labels = undefined) {
    let T = y;
    if (labels === undefined) [X, T, labels] = prepareData(this.network, this.loss, X, y, "X", "y");
    const output = this.network.forward(X);
    if (!output.isFinite()) return { loss: NaN, accuracy: null };
    const loss = this.loss.value(output, T);
    if (labels === null) return { loss, accuracy: null };
    const predicted = this.network.classify(output);
    let correct = 0;
    for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) correct += 1;
    return { loss, accuracy: correct / labels.length };
  }
}
