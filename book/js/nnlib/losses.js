// Loss functions: one number that says how wrong the network's outputs are.
//
// Python twin: nnlib/losses.py. Every loss is a mean over the n samples of a batch,
// and every gradient is the derivative of that mean with respect to the output, so it
// already carries the 1/n. Backpropagation starts from it.
//   mse                        L = mean((output - t)^2)           dL/do = 2 (o - t) / (n m)
//   binary_cross_entropy       logits x, p = sigmoid(x):
//                              L = mean(max(x, 0) - x t + log(1 + e^-|x|))   dL/dx = (p - t) / n
//   categorical_cross_entropy  logits, s = softmax(row):
//                              L = -mean(log s[label])            dL/do = (s - onehot) / n
// The logit forms never take the log of a rounded probability: log(sigmoid(-800)) is
// -800, while sigmoid(-800) rounds to 0 and log(0) = -inf. The probability forms
// (fromLogits: false, after a sigmoid or softmax output layer) clip p to
// [1e-12, 1 - 1e-12] as nnlib does.
//
// The target T is a Matrix shaped like the output (a column of 0/1 labels, one-hot
// rows, or values); plain label arrays are turned into that shape.

import { sigmoid } from "./activations.js";
import { Matrix } from "./matrix.js";

export const PROBABILITY_EPSILON = 1e-12;

function clip(p, low, high) {
  return Math.min(Math.max(p, low), high);
}

function checkShapes(name, output, T) {
  if (!(output instanceof Matrix) || !(T instanceof Matrix)) {
    throw new Error(`${name}: output and target must be Matrix objects`);
  }
  if (output.rows !== T.rows || output.cols !== T.cols) {
    throw new Error(
      `${name}: the output has shape ${output.rows}x${output.cols} but the target has shape ${T.rows}x${T.cols}; they must match, one row per sample`,
    );
  }
  if (output.rows === 0) throw new Error(`${name}: the batch is empty`);
}

// Labels (an array of whole numbers) as the target a loss reads: a column of 0/1 for
// one output unit, one-hot rows for k units. A Matrix passes through.
export function targetsFromLabels(labels, nOutputs) {
  if (labels instanceof Matrix) return labels;
  const n = labels.length;
  const T = new Matrix(n, nOutputs);
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= Math.max(nOutputs, 2)) {
      throw new Error(`label ${i} is ${label}; class labels must be whole numbers 0..${Math.max(nOutputs, 2) - 1}`);
    }
    if (nOutputs === 1) T.data[i] = label;
    else T.data[i * nOutputs + label] = 1.0;
  }
  return T;
}

function withBoth(loss) {
  loss.valueAndGradient = (output, T) => [loss.value(output, T), loss.gradient(output, T)];
  return loss;
}

// L = 1/(n m) sum (o - t)^2;  dL/do = 2 (o - t) / (n m)
function meanSquaredError() {
  return withBoth({
    name: "mse",
    value(output, T) {
      checkShapes("mean squared error", output, T);
      let sum = 0;
      for (let i = 0; i < output.data.length; i++) {
        const difference = output.data[i] - T.data[i];
        sum += difference * difference;
      }
      return sum / output.data.length;
    },
    gradient(output, T) {
      checkShapes("mean squared error", output, T);
      const G = new Matrix(output.rows, output.cols);
      const scale = 2.0 / output.data.length;
      for (let i = 0; i < G.data.length; i++) G.data[i] = scale * (output.data[i] - T.data[i]);
      return G;
    },
  });
}

function checkBinary(name, output, T) {
  checkShapes(name, output, T);
  if (output.cols !== 1) {
    throw new Error(`${name} needs one output per sample (n x 1); got ${output.cols} columns, use categorical_cross_entropy for several classes`);
  }
  for (const t of T.data) {
    if (!(t >= 0 && t <= 1)) throw new Error(`${name}: targets must be 0 or 1 (or in between); got ${t}`);
  }
}

function binaryCrossEntropy({ fromLogits = true } = {}) {
  const name = "binary cross-entropy";
  return withBoth({
    name: "binary_cross_entropy",
    fromLogits,
    value(output, T) {
      checkBinary(name, output, T);
      let sum = 0;
      const n = output.data.length;
      for (let i = 0; i < n; i++) {
        const x = output.data[i], t = T.data[i];
        if (fromLogits) {
          sum += Math.max(x, 0.0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
        } else {
          const p = clip(x, PROBABILITY_EPSILON, 1.0 - PROBABILITY_EPSILON);
          sum += t * Math.log(p) + (1.0 - t) * Math.log1p(-p);
        }
      }
      return fromLogits ? sum / n : -(sum / n);
    },
    gradient(output, T) {
      checkBinary(name, output, T);
      const n = output.data.length;
      const G = new Matrix(output.rows, 1);
      for (let i = 0; i < n; i++) {
        const x = output.data[i], t = T.data[i];
        if (fromLogits) {
          G.data[i] = (sigmoid(x) - t) / n;
        } else {
          const p = clip(x, PROBABILITY_EPSILON, 1.0 - PROBABILITY_EPSILON);
          G.data[i] = (p - t) / (p * (1.0 - p)) / n;
        }
      }
      return G;
    },
  });
}

// log softmax of every row: z_i - m - log sum_j e^(z_j - m), m the row maximum.
export function logSoftmaxRows(Z) {
  const out = new Matrix(Z.rows, Z.cols);
  const k = Z.cols;
  for (let i = 0; i < Z.rows; i++) {
    let largest = -Infinity;
    for (let j = 0; j < k; j++) largest = Math.max(largest, Z.data[i * k + j]);
    let sum = 0;
    for (let j = 0; j < k; j++) {
      out.data[i * k + j] = Z.data[i * k + j] - largest;
      sum += Math.exp(out.data[i * k + j]);
    }
    const logSum = Math.log(sum);
    for (let j = 0; j < k; j++) out.data[i * k + j] -= logSum;
  }
  return out;
}

function categoricalCrossEntropy({ fromLogits = true } = {}) {
  const name = "categorical cross-entropy";
  const check = (output, T) => {
    T = targetsFromLabels(T, output.cols);
    checkShapes(name, output, T);
    if (output.cols < 2) {
      throw new Error(`${name} needs one output per class (at least 2); for one output unit use binary_cross_entropy`);
    }
    return T;
  };
  const logProbabilities = (output) => {
    if (fromLogits) return logSoftmaxRows(output);
    const L = new Matrix(output.rows, output.cols);
    for (let i = 0; i < L.data.length; i++) {
      L.data[i] = Math.log(clip(output.data[i], PROBABILITY_EPSILON, 1.0));
    }
    return L;
  };
  return withBoth({
    name: "cross_entropy",
    fromLogits,
    // L = -1/n sum_i sum_j t_ij log s_ij  (one-hot t: minus the mean log-probability of the label)
    value(output, T) {
      T = check(output, T);
      const L = logProbabilities(output);
      let sum = 0;
      for (let i = 0; i < L.data.length; i++) sum += T.data[i] * L.data[i];
      return -sum / output.rows;
    },
    // d/dz of -sum_j t_j log s_j is s sum_j t_j - t (soft targets too), over n
    gradient(output, T) {
      T = check(output, T);
      const n = output.rows, k = output.cols;
      const G = new Matrix(n, k);
      if (!fromLogits) {
        for (let i = 0; i < G.data.length; i++) {
          G.data[i] = -T.data[i] / clip(output.data[i], PROBABILITY_EPSILON, 1.0) / n;
        }
        return G;
      }
      const L = logSoftmaxRows(output);
      for (let i = 0; i < n; i++) {
        let targetSum = 0;
        for (let j = 0; j < k; j++) targetSum += T.data[i * k + j];
        for (let j = 0; j < k; j++) {
          G.data[i * k + j] = (Math.exp(L.data[i * k + j]) * targetSum - T.data[i * k + j]) / n;
        }
      }
      return G;
    },
  });
}

const LOSSES = {
  mse: meanSquaredError,
  mean_squared_error: meanSquaredError,
  squared_error: meanSquaredError,
  binary_cross_entropy: binaryCrossEntropy,
  bce: binaryCrossEntropy,
  cross_entropy: categoricalCrossEntropy,
  categorical_cross_entropy: categoricalCrossEntropy,
};
export const LOSS_NAMES = Object.freeze(Object.keys(LOSSES));

// getLoss("bce"), getLoss("cross_entropy", { fromLogits: false }); a loss object passes through.
export function getLoss(name, params = {}) {
  if (typeof name === "object" && name !== null && typeof name.value === "function") return name;
  const key = typeof name === "string" ? name.trim().toLowerCase().replace(/[- ]/g, "_") : name;
  if (!Object.hasOwn(LOSSES, key)) {
    throw new Error(`unknown loss ${JSON.stringify(name)}; choose one of ${LOSS_NAMES.join(", ")}`);
  }
  return LOSSES[key](params);
}
