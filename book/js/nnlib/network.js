// A multilayer network: a stack of Dense layers, trained by backpropagation.
//
// Python twin: nnlib/network.py (class Network). new Network([2, 8, 8, 1],
// { activation: "tanh" }) builds
//     input (2) -> Dense(2 -> 8, tanh) -> Dense(8 -> 8, tanh) -> Dense(8 -> 1, linear)
// The output layer is linear by default, so the network returns logits; the losses
// turn them into probabilities safely, and predictProba does the same.
//
// Backpropagation is the chain rule applied layer by layer, from the output down:
//     d = dL/d(output)
//     for each layer from the last to the first:  d = layer.backward(d)

import { getActivation, sigmoid, softmaxRows } from "./activations.js";
import { defaultInitializerName } from "./initializers.js";
import { Dense } from "./layers.js";
import { Matrix } from "./matrix.js";
import { Random } from "./random.js";

export class Network {
  // activation: one name for every hidden layer, or a list with one per hidden layer.
  // initializer: null picks He for ReLU-like layers and Xavier otherwise (as nnlib).
  // The weights come from `random`, or from new Random(seed).
  constructor(layerSizes, options = {}) {
    const { activation = "relu", outputActivation = "linear", initializer = null } = options;
    const activationParams = options.activationParams ?? {}; // e.g. { alpha: 0.1 } for leaky_relu
    if (!Array.isArray(layerSizes) || layerSizes.length < 2) {
      throw new Error(
        `layerSizes needs at least an input and an output size, e.g. [2, 1]; got ${JSON.stringify(layerSizes)}`,
      );
    }
    layerSizes.forEach((size, i) => {
      if (!Number.isInteger(size) || size < 1) {
        throw new Error(`layerSizes[${i}] (a layer width) must be a whole number >= 1; got ${size}`);
      }
    });
    const nHidden = layerSizes.length - 2;
    let hidden;
    if (Array.isArray(activation)) {
      if (activation.length !== nHidden) {
        throw new Error(
          `activation lists one name per hidden layer; layerSizes has ${nHidden} hidden layer(s) but ${activation.length} activation(s) were given`,
        );
      }
      hidden = activation.map((name) => getActivation(name, activationParams));
    } else {
      // looked up even without hidden layers, so an unknown name always fails
      const shared = getActivation(activation, activationParams);
      hidden = Array(nHidden).fill(shared);
    }
    const output = getActivation(outputActivation);
    const random = options.random ?? new Random(options.seed ?? 0);
    // One generator for all layers, drawn in order, as nnlib draws from one Generator.
    this.layers = [];
    const activations = [...hidden, output];
    for (let i = 0; i < layerSizes.length - 1; i++) {
      const act = activations[i];
      this.layers.push(
        new Dense(layerSizes[i], layerSizes[i + 1], {
          activation: act,
          initializer: initializer ?? defaultInitializerName(act.name),
          random,
        }),
      );
    }
    this.layerSizes = [...layerSizes];
    this.nInputs = layerSizes[0];
    this.nOutputs = layerSizes[layerSizes.length - 1];
  }

  // "linear" means the outputs are logits.
  get outputActivation() {
    return this.layers[this.layers.length - 1].activation.name;
  }

  // 2 for one output unit (class 1 or not), else one class per output.
  get nClasses() {
    return this.nOutputs === 1 ? 2 : this.nOutputs;
  }

  forward(X) {
    if (!(X instanceof Matrix)) X = Matrix.fromRows(X);
    if (X.cols !== this.nInputs) {
      throw new Error(
        `X has ${X.cols} feature(s) per sample but this network expects ${this.nInputs} (layerSizes[0]); got X of shape ${X.rows}x${X.cols}`,
      );
    }
    let output = X;
    for (const layer of this.layers) output = layer.forward(output);
    return output;
  }

  // Backpropagate dOutput = dL/d(output); fills every layer's dW and db. Returns
  // dL/dX, or null with inputGradient = false (the trainer needs none).
  backward(dOutput, inputGradient = true) {
    const layers = this.layers;
    const last = layers[layers.length - 1];
    if (last.A === null) throw new Error("call forward before backward: backward needs the cached values");
    if (dOutput.rows !== last.A.rows || dOutput.cols !== last.A.cols) {
      throw new Error(
        `dOutput has shape ${dOutput.rows}x${dOutput.cols} but the latest output has shape ${last.A.rows}x${last.A.cols}; pass the loss gradient for that same batch`,
      );
    }
    let d = dOutput;
    for (let i = layers.length - 1; i > 0; i--) d = layers[i].backward(d);
    return layers[0].backward(d, inputGradient);
  }

  // [W1, b1, W2, b2, ...] as flat Float64Arrays (W row-major): the arrays themselves.
  parameters() {
    return this.layers.flatMap((layer) => layer.parameters());
  }

  // [dW1, db1, dW2, db2, ...] from the latest backward, matching parameters().
  gradients() {
    return this.layers.flatMap((layer) => layer.gradients());
  }

  parameterNames() {
    return this.layers.flatMap((layer, i) => [`layer${i + 1}.W`, `layer${i + 1}.b`]);
  }

  parameterCount() {
    return this.layers.reduce((sum, layer) => sum + layer.parameterCount(), 0);
  }

  // Copies of every parameter (a snapshot later training will not change).
  copyParameters() {
    return this.parameters().map((p) => p.slice());
  }

  // Overwrite the parameters in place, from a snapshot or from nested arrays as
  // Python's [p.tolist() for p in network.parameters()] writes them.
  setParameters(values) {
    const current = this.parameters();
    const names = this.parameterNames();
    if (!values || values.length !== current.length) {
      throw new Error(`setParameters expected ${current.length} arrays, got ${values ? values.length : values}`);
    }
    current.forEach((target, i) => {
      const value = values[i];
      const flat = value instanceof Matrix ? value.data : Array.isArray(value) ? value.flat() : value;
      if (flat.length !== target.length) {
        throw new Error(`${names[i]} has ${target.length} numbers, got ${flat.length}`);
      }
      target.set(flat);
    });
  }

  // Class probabilities: n x 1 (P(class 1)) for one output, n x k for k outputs.
  // Logits go through a sigmoid or softmax; a sigmoid/softmax output passes through.
  predictProba(X) {
    const output = this.forward(X);
    const kind = this.outputActivation;
    if (kind === "sigmoid" || kind === "softmax") return output;
    if (kind !== "linear") {
      throw new Error(
        `predictProba needs an output layer giving logits (outputActivation "linear") or probabilities ("sigmoid"/"softmax"); this one uses ${JSON.stringify(kind)}`,
      );
    }
    if (this.nOutputs > 1) return softmaxRows(output);
    const P = new Matrix(output.rows, 1);
    for (let i = 0; i < output.rows; i++) P.data[i] = sigmoid(output.data[i]);
    return P;
  }

  // Predicted class labels: output past the activation's midpoint for one unit, else argmax.
  predict(X) {
    return this.classify(this.forward(X));
  }

  classify(output) {
    const labels = new Int32Array(output.rows);
    if (this.nOutputs > 1) {
      const k = output.cols;
      for (let i = 0; i < output.rows; i++) {
        let best = 0;
        for (let j = 1; j < k; j++) if (output.data[i * k + j] > output.data[i * k + best]) best = j;
        labels[i] = best;
      }
      return labels;
    }
    const thresholds = { linear: 0.0, tanh: 0.0, sigmoid: 0.5 };
    const threshold = thresholds[this.outputActivation];
    if (threshold === undefined) {
      throw new Error(
        `cannot turn a single ${JSON.stringify(this.outputActivation)} output into a class; use outputActivation "linear", "sigmoid" or "tanh"`,
      );
    }
    for (let i = 0; i < output.rows; i++) labels[i] = output.data[i] > threshold ? 1 : 0;
    return labels;
  }

  // The output of every hidden layer for X: a list of (n_samples x width) matrices.
  // Column j of entry i is what hidden unit j of layer i + 1 computes for each sample.
  hiddenActivations(X) {
    this.forward(X);
    return this.layers.slice(0, -1).map((layer) => layer.A);
  }

  // Per hidden layer, a Uint8Array (width): 1 where the unit outputs exactly 0 for
  // every sample of X. A dead ReLU gets no gradient, so it never recovers.
  deadUnitMask(X) {
    return this.hiddenActivations(X).map((A) => {
      const mask = new Uint8Array(A.cols).fill(1);
      for (let i = 0; i < A.data.length; i++) if (A.data[i] !== 0) mask[i % A.cols] = 0;
      return mask;
    });
  }

  deadUnits(X) {
    return this.deadUnitMask(X).map((mask) => mask.reduce((sum, dead) => sum + dead, 0));
  }
}
