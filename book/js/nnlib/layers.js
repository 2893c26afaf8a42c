// A fully connected (dense) layer.
//
// Python twin: nnlib/layers.py (class Dense). For a batch X (n_samples x n_inputs):
//   forward:   Z = X W + b,   A = f(Z)
//   backward:  dZ = f'(Z) * dA   (the activation's backward; softmax uses its Jacobian)
//              dW = X^T dZ,  db = column sums of dZ,  dX = dZ W^T
// forward keeps X, Z and A because backward needs exactly those.

import { getActivation } from "./activations.js";
import { getInitializer } from "./initializers.js";
import { Matrix, matmul, matmulTransposed, transposeMatmul } from "./matrix.js";
import { Random } from "./random.js";

function checkSize(value, what) {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`Dense: ${what} must be a whole number >= 1; got ${value}`);
  }
  return value;
}

// Given weights as a Matrix, nested rows or a flat row-major list: a Matrix of our own.
function asWeights(W, nInputs, nOutputs) {
  let matrix;
  if (W instanceof Matrix) matrix = W.copy();
  else if (Array.isArray(W[0])) matrix = Matrix.fromRows(W);
  else matrix = new Matrix(nInputs, nOutputs, Float64Array.from(W));
  if (matrix.rows !== nInputs || matrix.cols !== nOutputs) {
    throw new Error(`Dense: W has shape ${matrix.rows}x${matrix.cols}, expected ${nInputs}x${nOutputs}`);
  }
  return matrix;
}

export class Dense {
  // W may be given (nested rows, a Matrix or a flat array); otherwise it is drawn
  // with `initializer` from `random` (or a new Random(seed)). Biases start at zero.
  constructor(nInputs, nOutputs, options = {}) {
    const { activation = "linear", initializer = "xavier_uniform", W = null, b = null } = options;
    this.nInputs = checkSize(nInputs, "nInputs");
    this.nOutputs = checkSize(nOutputs, "nOutputs");
    this.activation = getActivation(activation);
    if (W === null) {
      const init = getInitializer(initializer);
      const random = options.random ?? new Random(options.seed ?? 0);
      this.W = new Matrix(nInputs, nOutputs, init(nInputs, nOutputs, random));
    } else {
      this.W = asWeights(W, nInputs, nOutputs);
    }
    this.b = b === null ? new Float64Array(nOutputs) : Float64Array.from(b);
    this.dW = new Matrix(nInputs, nOutputs);
    this.db = new Float64Array(nOutputs);
    this.X = this.Z = this.A = null;
  }

  forward(X) {
    if (!(X instanceof Matrix) || X.cols !== this.nInputs) {
      const got = X instanceof Matrix ? `${X.rows}x${X.cols}` : typeof X;
      throw new Error(`a Dense layer with ${this.nInputs} inputs needs X of shape (n_samples, ${this.nInputs}); got ${got}`);
    }
    const Z = matmul(X, this.W);
    const z = Z.data, b = this.b, m = this.nOutputs;
    // + b after the product, as nnlib's `Z += self.b`: the same rounding
    for (let row = 0; row < z.length; row += m) for (let j = 0; j < m; j++) z[row + j] += b[j];
    this.X = X;
    this.Z = Z;
    this.A = this.applyActivation(Z);
    return this.A;
  }

  applyActivation(Z) {
    const activation = this.activation;
    if (activation.name === "linear") return Z; // the identity: nothing to compute
    if (!activation.elementwise) return activation.value(Z);
    const A = new Matrix(Z.rows, Z.cols);
    const z = Z.data, a = A.data, f = activation.value;
    for (let i = 0; i < z.length; i++) a[i] = f(z[i]);
    return A;
  }

  // Given dA = dL/dA, set dW and db and return dX = dL/dX (null when the caller,
  // the first layer of a network, does not need it: one product saved).
  backward(dA, inputGradient = true) {
    if (this.X === null) throw new Error("call forward before backward: backward needs the cached X, Z, A");
    const activation = this.activation;
    let dZ;
    if (activation.name === "linear") {
      dZ = dA;
    } else if (!activation.elementwise) {
      dZ = activation.backward(this.Z, this.A, dA);
    } else {
      dZ = new Matrix(dA.rows, dA.cols);
      const z = this.Z.data, a = this.A.data, g = dA.data, d = dZ.data, back = activation.backward;
      for (let i = 0; i < d.length; i++) d[i] = back(z[i], a[i], g[i]);
    }
    this.dW = transposeMatmul(this.X, dZ);
    const db = new Float64Array(this.nOutputs);
    const m = this.nOutputs;
    for (let s = 0; s < dZ.rows; s++) for (let j = 0; j < m; j++) db[j] += dZ.data[s * m + j];
    this.db = db;
    return inputGradient ? matmulTransposed(dZ, this.W) : null;
  }

  // [W, b] as flat Float64Arrays: the arrays themselves, so an optimizer updates them in place.
  parameters() {
    return [this.W.data, this.b];
  }

  gradients() {
    return [this.dW.data, this.db];
  }

  parameterCount() {
    return this.W.size + this.b.length;
  }
}
