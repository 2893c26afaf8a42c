// Rosenblatt's perceptron (1958), the neuron that learns its weights from examples.
//
// Python twin: nnlib/neurons.py (Perceptron, PerceptronUpdate, PerceptronResult). Same
// rule, same names in camelCase:
//     prediction  yHat = step(w . x + b)          (1 when w . x + b >= 0, as nnlib)
//     after each sample, error = y - yHat:
//         w <- w + learningRate * error * x
//         b <- b + learningRate * error
// `fit` shows the samples in data order, epoch after epoch, and stops after the first
// epoch without a mistake or after maxEpochs. nnlib's seeded random start and shuffled
// orders use numpy's generator, which the page does not have: pass the starting weights
// (`initialWeights`, `initialBias`) and, per epoch, the order (`orders`) from Python.

import { step } from "./activations.js";

function checkVector(values, name) {
  if (!Array.from(values ?? []).every(Number.isFinite) || (values ?? []).length === 0) {
    throw new Error(`${name} must be a non-empty list of finite numbers; got ${JSON.stringify(values)}`);
  }
  return Float64Array.from(values);
}

export class Perceptron {
  constructor(nInputs, { learningRate = 1.0, initialWeights = null, initialBias = 0.0 } = {}) {
    if (!Number.isInteger(nInputs) || nInputs < 1) {
      throw new Error(`nInputs must be a whole number >= 1; got ${nInputs}`);
    }
    if (!(learningRate > 0) || !Number.isFinite(learningRate)) {
      throw new Error(`learningRate must be a finite number > 0; got ${learningRate}`);
    }
    this.nInputs = nInputs;
    this.learningRate = learningRate;
    this.initialWeights = initialWeights === null ? new Float64Array(nInputs) : checkVector(initialWeights, "initialWeights");
    if (this.initialWeights.length !== nInputs) {
      throw new Error(`initialWeights needs ${nInputs} numbers, one per input; got ${this.initialWeights.length}`);
    }
    this.initialBias = initialBias;
    this.reset();
  }

  reset() {
    this.weights = Float64Array.from(this.initialWeights);
    this.bias = this.initialBias;
  }

  weightedSum(x) {
    let z = 0;
    for (let i = 0; i < this.nInputs; i++) z += x[i] * this.weights[i];
    return z + this.bias;
  }

  predict(x) {
    return step(this.weightedSum(x));
  }

  // The learning rule on one sample; returns the error y - yHat (-1, 0 or 1).
  update(x, target) {
    if (target !== 0 && target !== 1) throw new Error(`perceptron labels must be 0 or 1, got ${target}`);
    const error = target - this.predict(x);
    if (error !== 0) {
      const weights = new Float64Array(this.nInputs);
      for (let i = 0; i < this.nInputs; i++) weights[i] = this.weights[i] + this.learningRate * error * x[i];
      this.weights = weights;
      this.bias = this.bias + this.learningRate * error;
    }
    return error;
  }

  // One visit as nnlib records it (PerceptronUpdate), after applying the rule.
  visit(X, y, index, epoch) {
    const error = this.update(X[index], y[index]);
    return {
      weights: Float64Array.from(this.weights), bias: this.bias, sampleIndex: index,
      changed: error !== 0, epoch, prediction: y[index] - error, target: y[index],
    };
  }

  fit(X, y, { maxEpochs = 100, orders = null } = {}) {
    if (X.length !== y.length || X.length === 0) {
      throw new Error(`X and y must hold the same number (>= 1) of samples; got ${X.length} and ${y.length}`);
    }
    this.reset();
    const errorsPerEpoch = [], updates = [];
    let convergedEpoch = null;
    for (let epoch = 1; epoch <= maxEpochs; epoch++) {
      const order = orders ? orders[epoch - 1] : X.map((_, i) => i);
      let mistakes = 0;
      for (const index of order) {
        const record = this.visit(X, y, index, epoch);
        mistakes += record.changed ? 1 : 0;
        updates.push(record);
      }
      errorsPerEpoch.push(mistakes);
      if (mistakes === 0) {
        convergedEpoch = epoch;
        break;
      }
    }
    return {
      errorsPerEpoch, convergedEpoch, updates, weights: Float64Array.from(this.weights),
      bias: this.bias, initialWeights: Float64Array.from(this.initialWeights), initialBias: this.initialBias,
    };
  }
}
