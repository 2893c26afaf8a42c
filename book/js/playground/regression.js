// The playground's two regression problems: a target value over the plane.
//
// nnlib (and its twin) have only one-dimensional regression (regression_1d), but the
// playground's pictures and features live in the plane, so its regression sets are
// defined here, in a few lines the "show the code" text repeats in NumPy
// (code.js): points uniform on [-1.5, 1.5]^2, and
//
//   plane: y = (x1 + x2) / 3                      a tilted plane, values in [-1, 1]
//   bumps: y = g(x - c) - g(x + c),  g(v) = exp(-|v|^2 / 0.5),  c = (0.75, 0.75)
//          a hill at c and a pit at -c
//
// plus Gaussian noise of standard deviation `noise` on the target.

import { Matrix, Random } from "../nnlib/index.js";

export const REGRESSION_FORMULAS = {
  plane: (x1, x2) => (x1 + x2) / 3,
  bumps: (x1, x2) =>
    Math.exp(-((x1 - 0.75) ** 2 + (x2 - 0.75) ** 2) / 0.5) -
    Math.exp(-((x1 + 0.75) ** 2 + (x2 + 0.75) ** 2) / 0.5),
};

/** { X: Matrix (n x 2), y: Matrix (n x 1) } for "plane" or "bumps". */
export function makeRegressionSet(name, { n, noise, seed }) {
  const formula = REGRESSION_FORMULAS[name];
  if (!formula) throw new Error(`unknown regression set ${JSON.stringify(name)}; choose plane or bumps`);
  const random = new Random(seed);
  const X = new Matrix(n, 2);
  for (let i = 0; i < 2 * n; i++) X.data[i] = random.uniform(-1.5, 1.5);
  const y = new Matrix(n, 1);
  for (let i = 0; i < n; i++) y.data[i] = formula(X.data[2 * i], X.data[2 * i + 1]) + random.normal(0, noise);
  return { X, y };
}
