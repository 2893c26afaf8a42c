// One playground run in the browser: data, network and training, with nnlib's twin.
//
// The browser twin of the Python engine (nnbook/playground/engine.py): a `PlaygroundRun`
// turns a playground state into a data set, a Network and a Trainer, trains epoch by
// epoch, and reports losses, accuracy, dead units and the maps the page draws. Like
// the engine it never throws at the reader: a learning rate that blows the weights up
// becomes status "diverged" and a message, and the last good weights stay drawn.
//
// It also keeps the run as a *case* (`toCase()`): the inputs, targets, initial
// weights and every epoch's batch order, so a test can replay exactly this run with
// nnlib in Python and compare the numbers the page shows.

import { Matrix, Network, Random, Trainer, addFeatures, makeDataset, trainTestSplit } from "../nnlib/index.js";
import { N_SAMPLES, datasetInfo, featureName } from "./options.js";
import { makeRegressionSet } from "./regression.js";

export const DIVERGED_ADVICE = "diverged — lower the learning rate";
// A loss this many times its value at epoch 0 counts as diverged even while finite
// (the Python engine's EXPLODED_FACTOR).
const EXPLODED_FACTOR = 10;
// Batch orders kept for the case: enough for any test, bounded for a long session.
const RECORDED_EPOCHS = 3000;

function oneHot(labels, k) {
  const T = new Matrix(labels.length, k);
  labels.forEach((label, i) => T.set(i, label, 1));
  return T;
}

/** Any of the playground's data sets by id: { X, y }. */
export function makePlaygroundData(id, options) {
  return datasetInfo(id).classes === 0 ? makeRegressionSet(id, options) : makeDataset(id, options);
}

export class PlaygroundRun {
  constructor(state) {
    this.state = state;
    this.info = datasetInfo(state.dataset);
    this.regression = this.info.classes === 0;
    this.classes = this.info.classes;
    this.epoch = 0;
    this.steps = 0;
    this.status = "ready";
    this.message = "";
    this.orders = [];
    this.grids = new Map();
    try {
      this.makeData();
      this.build();
    } catch (error) {
      this.status = "invalid";
      this.message = `these settings cannot train: ${error.message}`;
      this.network = null;
    }
  }

  makeData() {
    const s = this.state;
    const options = { n: N_SAMPLES, noise: s.noise, seed: s.seed };
    const { X, y } = makePlaygroundData(s.dataset, options);
    const split = trainTestSplit(X, y, { testFraction: (100 - s.trainPercent) / 100, seed: s.seed });
    Object.assign(this, split); // XTrain, XTest, yTrain, yTest
    let largest = 0;
    for (const v of X.data) largest = Math.max(largest, Math.abs(v));
    // A square view centred on the origin that holds every point (as the engine's).
    this.extent = Math.ceil(2.2 * largest) / 2;
    // The pictures show regression targets divided by their largest size.
    let span = 0;
    for (const v of y.data ?? y) span = Math.max(span, Math.abs(v));
    this.targetScale = span || 1;
  }

  /** The shape of the network and how it is trained, as nnlib names them. */
  design() {
    const s = this.state;
    const nOutputs = this.classes === 3 ? 3 : 1;
    let outputActivation = "linear", loss = "auto";
    if (this.regression) loss = "mse";
    else if (s.loss === "squared_error") {
      // Squared error compares probabilities with one-hot targets (as the engine does).
      outputActivation = nOutputs > 1 ? "softmax" : "sigmoid";
      loss = "mse";
    }
    return {
      sizes: [s.features.length, ...s.layers, nOutputs],
      activation: s.activation,
      outputActivation,
      loss,
      learningRate: s.learningRate,
      batchSize: s.batchSize === 0 || s.batchSize >= this.XTrain.rows ? null : s.batchSize,
      l1: s.regularization === "l1" ? s.regularizationRate : 0,
      l2: s.regularization === "l2" ? s.regularizationRate : 0,
      seed: s.seed,
    };
  }

  /** What the Trainer is given as targets: labels for cross-entropy, a Matrix for mse. */
  targets(y) {
    if (this.regression) return y;
    if (this.design().loss === "mse") return this.classes === 3 ? oneHot(Array.from(y), 3) : Matrix.column(y);
    return y;
  }

  build() {
    const d = this.design();
    this.featureNames = this.state.features.map(featureName);
    this.inputsTrain = addFeatures(this.XTrain, this.featureNames);
    this.inputsTest = addFeatures(this.XTest, this.featureNames);
    this.network = new Network(d.sizes, {
      activation: d.activation, outputActivation: d.outputActivation, seed: d.seed,
    });
    this.trainer = new Trainer(this.network, this.inputsTrain, this.targets(this.yTrain), {
      XTest: this.inputsTest, yTest: this.targets(this.yTest),
      loss: d.loss, optimizer: "sgd", learningRate: d.learningRate,
      batchSize: d.batchSize, l1: d.l1, l2: d.l2, seed: d.seed,
    });
    this.batchSize = this.trainer.batchSize;
    // The batch orders come from here, one permutation per epoch, and are recorded.
    this.random = new Random(d.seed + 1);
    this.initialParameters = this.network.parameters().map((p) => Array.from(p));
    const t = this.trainer;
    this.trainLoss = [];
    this.testLoss = [];
    this.accuracies = [];
    this.recordEpoch();
    this.initialLoss = this.trainLoss[0];
    this.position = 0; // where in the current epoch's order the next batch starts
    this.updateUnits();
  }

  get canTrain() {
    return this.status === "ready" || this.status === "training";
  }

  /** Losses (entry e: after e epochs; the data loss without the penalty) and accuracy. */
  recordEpoch() {
    const t = this.trainer;
    const train = t.evaluate(t.XTrain, t.TTrain, t.labelsTrain);
    const test = t.evaluate(t.XTest, t.TTest, t.labelsTest);
    this.trainLoss.push(train.loss);
    this.testLoss.push(test.loss);
    this.accuracies.push({ train: train.accuracy, test: test.accuracy });
  }

  /** Train one batch (Trainer.step), starting a new epoch when the last one is done:
   * each epoch has its own recorded order, and the losses are recorded at its end.
   * A frame may so stop in the middle of an epoch and stay within its time budget.
   * Returns false when the run cannot (or can no longer) train. */
  trainStep() {
    if (!this.canTrain) return false;
    const t = this.trainer, X = t.XTrain, T = t.TTrain, n = X.rows;
    if (this.position === 0) {
      this.saved = this.network.copyParameters();
      this.order = this.batchSize === null ? null : this.random.permutation(n);
    }
    if (this.order === null) {
      t.step(X, T);
      this.position = n;
    } else {
      const batch = this.order.subarray(this.position, Math.min(this.position + this.batchSize, n));
      t.step(X.takeRows(batch), T.takeRows(batch));
      this.position += batch.length;
    }
    this.steps += 1;
    if (this.position >= n) return this.finishEpoch();
    return true;
  }

  /** Train to the end of `n` more epochs (Step, tests). */
  trainEpochs(n) {
    const target = this.epoch + n;
    while (this.epoch < target && this.trainStep());
    return this.canTrain;
  }

  finishEpoch() {
    this.position = 0;
    this.recordEpoch();
    const problem = this.blownUp();
    if (problem) {
      this.trainLoss.pop();
      this.testLoss.pop();
      this.accuracies.pop();
      this.diverge(problem, this.epoch + 1);
      return false;
    }
    if (this.orders.length < RECORDED_EPOCHS) this.orders.push(this.order === null ? null : Array.from(this.order));
    this.epoch += 1;
    this.status = "training";
    return true;
  }

  /** Go back to the last good weights and say what happened. */
  diverge(problem, epoch) {
    this.network.setParameters(this.saved);
    this.position = 0;
    this.status = "diverged";
    this.message =
      `Training ${DIVERGED_ADVICE}: ${problem} in epoch ${epoch} with learning rate ` +
      `${this.state.learningRate}. Choose a smaller one, or press Reset to watch it again.`;
  }

  /** Between frames, in the middle of an epoch: weights that are no longer numbers
   * end the run at once, so the page never draws NaN. */
  checkWeights() {
    if (this.canTrain && this.position > 0 && !this.parametersFinite()) {
      this.diverge("the weights overflowed (they are no longer finite numbers)", this.epoch + 1);
    }
  }

  parametersFinite() {
    for (const p of this.network.parameters()) for (const v of p) if (!Number.isFinite(v)) return false;
    return true;
  }

  blownUp() {
    const latest = this.trainLoss[this.trainLoss.length - 1];
    if (!Number.isFinite(latest) || !Number.isFinite(this.testLoss[this.testLoss.length - 1])) {
      return "the loss overflowed (it is no longer a finite number)";
    }
    if (!this.parametersFinite()) return "the weights overflowed (they are no longer finite numbers)";
    if (latest > EXPLODED_FACTOR * Math.max(this.initialLoss, 0.1)) {
      return `the loss grew from ${this.initialLoss.toPrecision(3)} to ${latest.toPrecision(3)}, ` +
        `more than ${EXPLODED_FACTOR} times where it started`;
    }
    return "";
  }

  latestAccuracy(which) {
    if (this.regression || !this.network) return null;
    return this.accuracies[this.accuracies.length - 1][which];
  }

  /** Recount dead units (output 0 for every training point) and warn about a layer
   * that is dead as a whole. Called after each frame, not each epoch. */
  updateUnits() {
    if (!this.network || this.state.layers.length === 0) {
      this.deadMask = [];
      this.deadUnits = 0;
      return;
    }
    this.deadMask = this.network.deadUnitMask(this.inputsTrain).map((m) => Array.from(m, Boolean));
    this.deadUnits = this.deadMask.reduce((sum, layer) => sum + layer.filter(Boolean).length, 0);
    if (this.canTrain) {
      const stuck = this.deadMask.findIndex((layer) => layer.every(Boolean));
      this.message = stuck >= 0
        ? `Every unit of hidden layer ${stuck + 1} is dead (it outputs 0 for every training ` +
          "point), so no gradient flows through it and the network has stopped learning: " +
          "lower the learning rate and press Reset."
        : "";
    }
  }

  get hiddenUnits() {
    return this.state.layers.reduce((a, b) => a + b, 0);
  }

  /** The points of the picture, row by row from the top left (as the engine's grid). */
  grid(resolution) {
    if (!this.grids.has(resolution)) {
      const points = new Matrix(resolution * resolution, 2);
      for (let r = 0; r < resolution; r++) {
        for (let c = 0; c < resolution; c++) {
          const i = r * resolution + c;
          points.set(i, 0, -this.extent + (2 * this.extent * c) / (resolution - 1));
          points.set(i, 1, this.extent - (2 * this.extent * r) / (resolution - 1));
        }
      }
      this.grids.set(resolution, { points, inputs: addFeatures(points, this.featureNames) });
    }
    return this.grids.get(resolution);
  }

  /** One forward pass over the picture's grid: the output as { kind, valueAt(i) }
   * for draw.paintMap, every hidden layer's outputs (a Matrix, res^2 x width) and
   * the input features (res^2 x features). One pass feeds every map of a frame. */
  gridPass(resolution) {
    const { inputs } = this.grid(resolution);
    const out = this.network.predictProba(inputs);
    // predictProba ran the forward pass, so each hidden layer holds its outputs (A).
    const hidden = this.network.layers.slice(0, -1).map((layer) => layer.A);
    let output;
    if (this.regression) {
      const scale = this.targetScale;
      output = { kind: "signed", valueAt: (i) => out.data[i] / scale };
    } else if (out.cols === 1) output = { kind: "binary", valueAt: (i) => out.data[i] };
    else output = { kind: "multi", valueAt: (i) => [out.data[3 * i], out.data[3 * i + 1], out.data[3 * i + 2]] };
    return { output, hidden, features: inputs, probabilities: out };
  }

  /** The data as the picture draws it. */
  points() {
    const list = [];
    const add = (X, y, test) => {
      const labels = y.data ?? y;
      for (let i = 0; i < X.rows; i++) {
        list.push({
          x1: X.get(i, 0), x2: X.get(i, 1), test,
          label: this.regression ? 0 : labels[i],
          value: this.regression ? labels[i] / this.targetScale : 0,
        });
      }
    };
    add(this.XTrain, this.yTrain, false);
    add(this.XTest, this.yTest, true);
    return list;
  }

  summary() {
    return {
      epoch: this.epoch,
      status: this.status,
      trainLoss: this.trainLoss[this.trainLoss.length - 1] ?? null,
      testLoss: this.testLoss[this.testLoss.length - 1] ?? null,
      trainAccuracy: this.latestAccuracy("train"),
      testAccuracy: this.latestAccuracy("test"),
      deadUnits: this.deadUnits ?? null,
      hiddenUnits: this.hiddenUnits,
      steps: this.steps,
    };
  }

  /** This run as a case for nnlib (plain JSON): replaying its batch orders with
   * Trainer.step from its initial weights gives the page's losses. */
  toCase() {
    const d = this.design();
    return {
      ...d,
      features: this.featureNames,
      XTrain: this.inputsTrain.toRows(),
      TTrain: this.trainer.TTrain.toRows(),
      XTest: this.inputsTest.toRows(),
      TTest: this.trainer.TTest.toRows(),
      initialParameters: this.initialParameters,
      parameterShapes: this.network.parameters().map((_, k) => {
        const layer = this.network.layers[Math.floor(k / 2)];
        return k % 2 === 0 ? [layer.W.rows, layer.W.cols] : [layer.b.length];
      }),
      orders: this.orders.slice(0, this.epoch),
      epoch: this.epoch,
      trainLoss: this.trainLoss.slice(),
      testLoss: this.testLoss.slice(),
      parameters: this.network.parameters().map((p) => Array.from(p)),
    };
  }
}
