// What a reader can choose in the playground, and the defaults.
//
// The same choices as the Python playground (nnbook/playground/engine.py): its data
// sets, features, activations, learning rates, penalty strengths and batch sizes, so a
// setting means the same thing in the page and in a notebook. The ids here are also
// the values written into the page's URL (url.js).

export const CLASSIFICATION_DATASETS = [
  { id: "circle", label: "circle", classes: 2 },
  { id: "xor", label: "XOR", classes: 2 },
  { id: "gaussian", label: "Gaussian blobs", classes: 2 },
  { id: "spiral", label: "spiral", classes: 2 },
  { id: "moons", label: "moons", classes: 2 },
  { id: "spiral3", label: "spiral, 3 classes", classes: 3 },
];

// Regression sets: a target value over the plane instead of a class.
// `twinName` is the name nnlib's browser twin knows the set by (datasets.js).
export const REGRESSION_DATASETS = [
  { id: "plane", label: "plane", classes: 0 },
  { id: "bumps", label: "two bumps", classes: 0 },
];

export const FEATURES = [
  { id: "x1", name: "x1", label: "x1" },
  { id: "x2", name: "x2", label: "x2" },
  { id: "x1sq", name: "x1^2", label: "x1²" },
  { id: "x2sq", name: "x2^2", label: "x2²" },
  { id: "x1x2", name: "x1*x2", label: "x1·x2" },
  { id: "sin1", name: "sin(x1)", label: "sin x1" },
  { id: "sin2", name: "sin(x2)", label: "sin x2" },
];

export const ACTIVATIONS = [
  { id: "linear", label: "linear" },
  { id: "sigmoid", label: "sigmoid" },
  { id: "tanh", label: "tanh" },
  { id: "relu", label: "ReLU" },
  { id: "leaky_relu", label: "Leaky ReLU" },
  { id: "elu", label: "ELU" },
  { id: "gelu", label: "GELU" },
  { id: "silu", label: "SiLU" },
];

// Roughly three per factor of ten, from "nothing happens" to "everything blows up".
export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const REGULARIZATION_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const REGULARIZATIONS = [
  { id: "none", label: "none" },
  { id: "l1", label: "L1" },
  { id: "l2", label: "L2" },
];
// 0 stands for "the whole training set" (full batch).
export const BATCH_SIZES = [1, 2, 5, 10, 20, 30, 50, 100, 0];
export const LOSSES = [
  { id: "cross_entropy", label: "cross-entropy" },
  { id: "squared_error", label: "squared error" },
];
export const PROBLEMS = [
  { id: "classification", label: "classification" },
  { id: "regression", label: "regression" },
];

export const LIMITS = {
  noise: [0, 0.5],
  noiseStep: 0.05,
  trainPercent: [10, 90],
  trainPercentStep: 10,
  hiddenLayers: [0, 6],
  width: [1, 8],
  seed: [0, 9999],
};

export const N_SAMPLES = 500;

// The controls a teacher's link can hide (hide=name,name).
export const HIDEABLE = [
  "problem", "dataset", "noise", "trainPercent", "batchSize", "regenerate", "features",
  "layers", "activation", "learningRate", "regularization", "regularizationRate", "loss",
  "showTest", "discretize", "code",
];

export const DEFAULTS = Object.freeze({
  problem: "classification",
  dataset: "circle",
  noise: 0.1,
  trainPercent: 50,
  batchSize: 10,
  seed: 0,
  features: ["x1", "x2"],
  layers: [4],
  activation: "relu",
  learningRate: 0.03,
  regularization: "none",
  regularizationRate: 0,
  loss: "cross_entropy",
  showTest: false,
  discretize: false,
  hide: [],
});

export function datasetsFor(problem) {
  return problem === "regression" ? REGRESSION_DATASETS : CLASSIFICATION_DATASETS;
}

export function datasetInfo(id) {
  return [...CLASSIFICATION_DATASETS, ...REGRESSION_DATASETS].find((d) => d.id === id);
}

export function featureName(id) {
  return FEATURES.find((f) => f.id === id).name;
}

export function featureLabel(id) {
  return FEATURES.find((f) => f.id === id).label;
}

// A number as the page shows it: 0.00001 rather than 1e-5.
export function formatRate(value) {
  if (value === 0) return "0";
  if (value >= 0.001) return String(value);
  return value.toFixed(Math.ceil(-Math.log10(value)));
}
