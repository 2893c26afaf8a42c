// Gradient checking: does backpropagation compute the right derivatives?
//
// Python twin: nnlib/gradcheck.py (numerical_gradient, relative_error). A backward
// pass with a bug often still lowers the loss a little, so training alone does not
// reveal it. The check compares it with the definition of a derivative, estimated by
// nudging one number at a time by +-eps (a central difference):
//     df/dx  ~  (f(x + eps) - f(x - eps)) / (2 eps)
// Its truncation error shrinks like eps^2, but the two values of f are nearly equal,
// so their rounding (about 1e-16 of f) is divided by 2 eps: too small a step makes the
// estimate worse again. The arithmetic below is nnlib's, in nnlib's order, so the same
// f gives the same estimate to the last bit.

import { Matrix } from "./matrix.js";

function asNumbers(x, name) {
  const data = x instanceof Matrix ? x.data : x;
  if (!(data instanceof Float64Array)) {
    throw new Error(`${name} must be a Float64Array or a Matrix (it is nudged in place); got ${Object.prototype.toString.call(x)}`);
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new Error(`${name} must hold finite numbers; entry ${i} is ${data[i]}`);
  }
  return data;
}

// Central-difference estimate of the gradient of the number f(x) at x. Each entry of x
// is set to x + eps and x - eps in place and then restored, so f may ignore its
// argument and read x through another reference (a network's weights).
export function numericalGradient(f, x, epsilon = 1e-6) {
  if (typeof f !== "function") throw new Error(`f must be a function x -> number; got ${typeof f}`);
  const data = asNumbers(x, "x");
  if (!(typeof epsilon === "number" && Number.isFinite(epsilon) && epsilon > 0)) {
    throw new Error(`epsilon must be a finite number > 0; got ${epsilon}`);
  }
  const value = f(x); // once up front, so a wrong f fails here with a message
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`f(x) must return a finite number (the value at x); got ${value}`);
  }
  const gradient = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const original = data[i];
    data[i] = original + epsilon;
    const fPlus = f(x);
    data[i] = original - epsilon;
    const fMinus = f(x);
    data[i] = original; // restore before the next entry
    gradient[i] = (fPlus - fMinus) / (2.0 * epsilon);
  }
  return gradient;
}

function norm(values) {
  let sum = 0;
  for (const v of values) sum += v * v;
  return Math.sqrt(sum);
}

// ||a - b|| / (||a|| + ||b||): 0 for identical arrays, 1 for opposite ones. The norms
// run over the whole array, not entry by entry: an entry whose true derivative is
// about 0 would otherwise turn harmless rounding noise into a huge "relative" error.
export function relativeError(a, b) {
  const x = a instanceof Matrix ? a.data : a, y = b instanceof Matrix ? b.data : b;
  if (x?.length === undefined || y?.length === undefined || x.length !== y.length) {
    throw new Error(`cannot compare arrays of different sizes: a has ${x?.length}, b has ${y?.length} numbers`);
  }
  const difference = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      throw new Error(`a and b must hold finite numbers; entry ${i} is ${x[i]} and ${y[i]}`);
    }
    difference[i] = x[i] - y[i];
  }
  const scale = norm(x) + norm(y);
  if (scale === 0) return 0; // both exactly zero: they agree
  return norm(difference) / scale;
}
