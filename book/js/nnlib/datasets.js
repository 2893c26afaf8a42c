// Small data sets, generated in code from a seed.
//
// Python twin: nnlib/datasets.py. Same shapes, formulas and ranges; the random
// numbers come from this twin's Random, so the points themselves differ from
// nnlib's (the equivalence tests take their data from Python).
// Every 2-D generator returns { X: Matrix (n x 2), y: Int32Array (n) }, the points
// roughly inside [-1.5, 1.5]^2. `noise` is always the standard deviation of the
// Gaussian jitter added to each coordinate after the clean shape is drawn; the label
// belongs to the clean shape. The jitter is drawn last, so with a fixed seed the
// noise level moves the points without redrawing them.

import { Matrix } from "./matrix.js";
import { Random } from "./random.js";

function checkN(n, nClasses) {
  if (!Number.isInteger(n) || n < nClasses) {
    throw new Error(`n must be a whole number of at least ${nClasses} (one point per class); got ${n}`);
  }
  return n;
}

function checkNoise(noise) {
  if (typeof noise !== "number" || !(noise >= 0) || !Number.isFinite(noise)) {
    throw new Error(`noise (a standard deviation) must be a number >= 0; got ${noise}`);
  }
  return noise;
}

function asRandom(seed) {
  return seed instanceof Random ? seed : new Random(seed);
}

// Split n as evenly as possible: the first n % groups groups get one more.
function classSizes(n, groups) {
  return Array.from({ length: groups }, (_, g) => Math.floor(n / groups) + (g < n % groups ? 1 : 0));
}

// Shuffle so the classes are not stored in blocks, then add the jitter.
function finish(random, points, labels, noise) {
  const n = labels.length;
  const order = random.permutation(n);
  const X = new Matrix(n, 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    X.data[2 * i] = points[2 * order[i]];
    X.data[2 * i + 1] = points[2 * order[i] + 1];
    y[i] = labels[order[i]];
  }
  for (let i = 0; i < X.data.length; i++) X.data[i] += random.normal(0, noise);
  return { X, y };
}

// Four clouds, one per quadrant; label 1 where the two coordinates differ in sign.
// Each coordinate's size is uniform on [0.1, 1], leaving an empty band along the axes.
export function xorClouds({ n = 200, noise = 0.2, seed = 0 } = {}) {
  checkN(n, 2);
  checkNoise(noise);
  const random = asRandom(seed);
  const signs = [[1, 1], [-1, 1], [-1, -1], [1, -1]]; // so even n = 2 has both classes
  const points = [], labels = [];
  classSizes(n, 4).forEach((size, q) => {
    const [s1, s2] = signs[q];
    for (let i = 0; i < size; i++) {
      points.push(random.uniform(0.1, 1.0) * s1, random.uniform(0.1, 1.0) * s2);
      labels.push(s1 !== s2 ? 1 : 0);
    }
  });
  return finish(random, points, labels, noise);
}

// A disc (label 1, radius <= 0.5, r = 0.5 sqrt(u) spreads points evenly over its
// area) inside a ring (label 0, 0.8 <= r <= 1.2).
export function circles({ n = 200, noise = 0.1, seed = 0 } = {}) {
  checkN(n, 2);
  checkNoise(noise);
  const random = asRandom(seed);
  const [nRing, nDisc] = classSizes(n, 2);
  // drawn in nnlib's order: the disc's radii first, then the ring's
  const disc = Array.from({ length: nDisc }, () => 0.5 * Math.sqrt(random.uniform(0, 1)));
  const ring = Array.from({ length: nRing }, () => random.uniform(0.8, 1.2));
  const radius = [...ring, ...disc];
  const points = [], labels = [];
  for (let i = 0; i < n; i++) {
    const angle = random.uniform(0, 2 * Math.PI);
    points.push(radius[i] * Math.cos(angle), radius[i] * Math.sin(angle));
    labels.push(i < nRing ? 0 : 1);
  }
  return finish(random, points, labels, noise);
}

// Two round clouds centred at (-1, -1) (label 0) and (1, 1) (label 1); noise is each
// cloud's standard deviation, so it alone decides how much they overlap.
export function gaussianBlobs({ n = 200, noise = 0.5, seed = 0 } = {}) {
  checkN(n, 2);
  checkNoise(noise);
  const random = asRandom(seed);
  const points = [], labels = [];
  classSizes(n, 2).forEach((size, label) => {
    const centre = label === 0 ? -1.0 : 1.0;
    for (let i = 0; i < size; i++) {
      points.push(centre, centre);
      labels.push(label);
    }
  });
  return finish(random, points, labels, noise);
}

export const SPIRAL_TURNS = 1.25; // how many times each arm winds around the origin

// Interleaved arms, one class per arm. A clean point at position t in [0, 1] along
// arm k has radius 0.1 + 1.4 t and angle 2 pi (SPIRAL_TURNS t + k / arms);
// t = sqrt(u) spreads the points evenly along the arm.
export function spiral({ n = 200, arms = 2, noise = 0.1, seed = 0 } = {}) {
  if (arms !== 2 && arms !== 3) throw new Error(`arms must be 2 or 3; got ${arms}`);
  checkN(n, arms);
  checkNoise(noise);
  const random = asRandom(seed);
  const points = [], labels = [];
  classSizes(n, arms).forEach((size, arm) => {
    for (let i = 0; i < size; i++) {
      const t = Math.sqrt(random.uniform(0, 1));
      const radius = 0.1 + 1.4 * t;
      const angle = 2 * Math.PI * (SPIRAL_TURNS * t + arm / arms);
      points.push(radius * Math.cos(angle), radius * Math.sin(angle));
      labels.push(arm);
    }
  });
  return finish(random, points, labels, noise);
}

// Two interlocking half-moons: (cos s, sin s) (label 0) and (1 - cos s, 0.5 - sin s)
// (label 1) for s in [0, pi], both shifted by (-0.5, -0.25) to centre the picture.
export function moons({ n = 200, noise = 0.1, seed = 0 } = {}) {
  checkN(n, 2);
  checkNoise(noise);
  const random = asRandom(seed);
  const [nUpper, nLower] = classSizes(n, 2);
  const upper = Array.from({ length: nUpper }, () => random.uniform(0, Math.PI));
  const lower = Array.from({ length: nLower }, () => random.uniform(0, Math.PI));
  const points = [], labels = [];
  for (const s of upper) {
    points.push(Math.cos(s) - 0.5, Math.sin(s) - 0.25);
    labels.push(0);
  }
  for (const s of lower) {
    points.push(1.0 - Math.cos(s) - 0.5, 0.5 - Math.sin(s) - 0.25);
    labels.push(1);
  }
  return finish(random, points, labels, noise);
}

const GENERATORS = {
  circle: [circles, {}],
  xor: [xorClouds, {}],
  gaussian: [gaussianBlobs, {}],
  spiral: [spiral, { arms: 2 }],
  moons: [moons, {}],
  spiral3: [spiral, { arms: 3 }],
};
export const DATASET_NAMES = Object.freeze(Object.keys(GENERATORS));

// One of the playground's data sets by name; noise null keeps the generator's default.
export function makeDataset(name, { n = 200, noise = null, seed = 0 } = {}) {
  if (!Object.hasOwn(GENERATORS, name)) {
    throw new Error(`unknown data set ${JSON.stringify(name)}; choose one of ${DATASET_NAMES.join(", ")}`);
  }
  const [generator, fixed] = GENERATORS[name];
  const options = { ...fixed, n, seed };
  if (noise !== null && noise !== undefined) options.noise = noise;
  return generator(options);
}

// ---------------------------------------------------------------------------------
// One-dimensional regression: noisy samples of a curve on [-1, 1]
// ---------------------------------------------------------------------------------

const CURVES = {
  sine: (x) => Math.sin(Math.PI * x),
  wavy: (x) => Math.sin(Math.PI * x) + 0.5 * Math.sin(3 * Math.PI * x) + 0.25 * Math.sin(7 * Math.PI * x),
  abs: (x) => Math.abs(x),
  step: (x) => (x >= 0.0 ? 1.0 : 0.0),
};
export const REGRESSION_FUNCTIONS = Object.freeze(Object.keys(CURVES));

function checkCurve(name) {
  if (!Object.hasOwn(CURVES, name)) {
    throw new Error(`unknown regression function ${JSON.stringify(name)}; choose one of ${REGRESSION_FUNCTIONS.join(", ")}`);
  }
  return CURVES[name];
}

// The noise-free target of regression1d at x:  sine: sin(pi x);
// wavy: sin(pi x) + 0.5 sin(3 pi x) + 0.25 sin(7 pi x);  abs: |x|;  step: [x >= 0].
export function regressionCurve(name, x) {
  return checkCurve(name)(x);
}

// X (n x 1) uniform on [-1, 1], sorted so it can be drawn as a line, and
// y = curve(X) + noise * N(0, 1), (n x 1).
export function regression1d({ n = 100, function: name = "sine", noise = 0.1, seed = 0 } = {}) {
  const curve = checkCurve(name);
  checkN(n, 1);
  checkNoise(noise);
  const random = asRandom(seed);
  const xs = Float64Array.from({ length: n }, () => random.uniform(-1, 1)).sort();
  const y = new Matrix(n, 1);
  for (let i = 0; i < n; i++) y.data[i] = curve(xs[i]) + random.normal(0, noise);
  return { X: new Matrix(n, 1, xs), y };
}

// ---------------------------------------------------------------------------------
// Splitting and feature engineering
// ---------------------------------------------------------------------------------

// Python's round(): halves go to the even neighbour (round(2.5) = 2), where
// Math.round would go up; the split sizes must match nnlib's.
function roundHalfToEven(x) {
  const nearest = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 ? 2 * Math.round(x / 2) : nearest;
}

// Shuffle the rows, hold out round(testFraction n) for testing. y is labels (an
// array) or a Matrix of targets; its rows move with X's. Not stratified.
export function trainTestSplit(X, y, { testFraction = 0.2, seed = 0 } = {}) {
  const n = X.rows;
  const ny = y instanceof Matrix ? y.rows : y.length;
  if (ny !== n) throw new Error(`X has ${n} rows but y has ${ny}; give one target per sample`);
  if (typeof testFraction !== "number" || !(testFraction > 0 && testFraction < 1)) {
    throw new Error(`testFraction must be strictly between 0 and 1; got ${testFraction}`);
  }
  const nTest = roundHalfToEven(testFraction * n);
  if (nTest === 0 || nTest === n) {
    throw new Error(`testFraction ${testFraction} of ${n} samples leaves the ${nTest === 0 ? "test" : "training"} set empty; choose a fraction that puts at least one sample in each part`);
  }
  const order = asRandom(seed).permutation(n);
  const test = order.subarray(0, nTest), train = order.subarray(nTest);
  const pick = (rows) => (y instanceof Matrix ? y.takeRows(rows) : Int32Array.from(rows, (i) => y[i]));
  return { XTrain: X.takeRows(train), XTest: X.takeRows(test), yTrain: pick(train), yTest: pick(test) };
}

const FEATURE_FORMULAS = {
  x1: (x1, x2) => x1,
  x2: (x1, x2) => x2,
  "x1^2": (x1, x2) => x1 * x1,
  "x2^2": (x1, x2) => x2 * x2,
  "x1*x2": (x1, x2) => x1 * x2,
  "sin(x1)": (x1, x2) => Math.sin(x1),
  "sin(x2)": (x1, x2) => Math.sin(x2),
};
export const FEATURES = Object.freeze(Object.keys(FEATURE_FORMULAS));

// New input columns from the two coordinates, one per name, in the order given;
// a hand-made feature such as x1^2 can make a curved boundary straight.
export function addFeatures(X, features) {
  if (X.cols !== 2) throw new Error(`addFeatures needs points with 2 coordinates (n x 2); got ${X.rows}x${X.cols}`);
  if (typeof features === "string") features = [features];
  if (!features || features.length === 0) throw new Error(`choose at least one feature from ${FEATURES.join(", ")}`);
  for (const feature of features) {
    if (!Object.hasOwn(FEATURE_FORMULAS, feature)) {
      throw new Error(`unknown feature ${JSON.stringify(feature)}; choose from ${FEATURES.join(", ")}`);
    }
  }
  const formulas = features.map((feature) => FEATURE_FORMULAS[feature]);
  const k = formulas.length;
  const out = new Matrix(X.rows, k);
  for (let i = 0; i < X.rows; i++) {
    const x1 = X.data[2 * i], x2 = X.data[2 * i + 1];
    for (let j = 0; j < k; j++) out.data[i * k + j] = formulas[j](x1, x2);
  }
  return out;
}
