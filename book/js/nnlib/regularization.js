// Weight penalties: a cost for large weights, added to the loss.
//
// Python twin: nnlib/regularization.py (l1_*, l2_*; Dropout is not in the twin).
//   L1:  strength * sum |W|        gradient  strength * sign(W)
//   L2:  strength / 2 * sum W^2    gradient  strength * W
// L2 shrinks every weight in proportion to its size; L1 pulls each towards zero by a
// constant amount, so it switches inputs off entirely. Only weight matrices are
// penalised, never biases. `weights` is one flat array (a Matrix's data) or a list.

import { Matrix } from "./matrix.js";

function asList(weights) {
  const list = Array.isArray(weights) ? weights : [weights];
  return list.map((W) => (W instanceof Matrix ? W.data : W));
}

function checkStrength(strength, what) {
  if (typeof strength !== "number" || !(strength >= 0)) {
    throw new Error(`${what} must be a number >= 0; got ${strength}`);
  }
  return strength;
}

export function l1Penalty(weights, strength) {
  if (checkStrength(strength, "L1 strength") === 0) return 0.0;
  let total = 0;
  for (const W of asList(weights)) {
    let sum = 0;
    for (const w of W) sum += Math.abs(w);
    total += sum;
  }
  return strength * total;
}

// strength * sign(W), 0 where a weight is exactly 0.
export function l1Gradient(W, strength) {
  const w = W instanceof Matrix ? W.data : W;
  const g = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) g[i] = strength * Math.sign(w[i]);
  return g;
}

export function l2Penalty(weights, strength) {
  if (checkStrength(strength, "L2 strength") === 0) return 0.0;
  let total = 0;
  for (const W of asList(weights)) {
    let sum = 0;
    for (const w of W) sum += w * w;
    total += sum;
  }
  return 0.5 * strength * total;
}

export function l2Gradient(W, strength) {
  const w = W instanceof Matrix ? W.data : W;
  const g = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) g[i] = strength * w[i];
  return g;
}
