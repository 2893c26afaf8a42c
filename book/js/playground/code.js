// "Show the code": the nnlib code that sets up the playground's current run, ready to
// paste into a notebook. It builds the same data set (by name, noise, seed and split),
// the same features, network and training settings; nnlib draws its own random
// numbers (NumPy's), so its points and first weights differ from the page's while
// everything the reader chose is the same.

import { N_SAMPLES } from "./options.js";

// The page's regression sets (regression.js) in NumPy: nnlib has only 1-D regression.
const REGRESSION_PYTHON = {
  plane: ["y = (x1 + x2) / 3"],
  bumps: [
    "y = np.exp(-((x1 - 0.75) ** 2 + (x2 - 0.75) ** 2) / 0.5) - np.exp(",
    "    -((x1 + 0.75) ** 2 + (x2 + 0.75) ** 2) / 0.5",
    ")",
  ],
};

function dataLines(state, seed) {
  if (!REGRESSION_PYTHON[state.dataset]) {
    return [`X, y = make_dataset(${py(state.dataset)}, n=${N_SAMPLES}, noise=${pyNumber(state.noise)}, seed=${seed})`];
  }
  return [
    `# The playground's "${state.dataset}" regression set: a value over the plane, plus noise.`,
    `rng = np.random.default_rng(${seed})`,
    `X = rng.uniform(-1.5, 1.5, size=(${N_SAMPLES}, 2))`,
    "x1, x2 = X[:, 0], X[:, 1]",
    ...REGRESSION_PYTHON[state.dataset],
    `y = (y + rng.normal(0.0, ${pyNumber(state.noise)}, size=y.shape)).reshape(-1, 1)`,
  ];
}

const py = (value) => (value === null ? "None" : JSON.stringify(value));

function pyNumber(value) {
  // 1e-05 -> 0.00001: the way the page shows it, and valid Python.
  if (value === 0) return "0.0";
  if (Number.isInteger(value)) return `${value}.0`;
  return value >= 0.001 ? String(value) : value.toFixed(Math.ceil(-Math.log10(value)));
}

/** Python source for `design` (PlaygroundRun.design()) and the page's state. */
export function pythonCode(state, design, features, epochs) {
  const { sizes, activation, outputActivation, loss, learningRate, batchSize, l1, l2, seed } = design;
  const oneHot = loss === "mse" && sizes[sizes.length - 1] > 1;
  const regression = Boolean(REGRESSION_PYTHON[state.dataset]);
  const column = loss === "mse" && sizes[sizes.length - 1] === 1 && !regression;
  const targets = oneHot
    ? ["# Squared error compares probabilities with one-hot targets.",
       "T_train, T_test = np.eye(3)[y_train], np.eye(3)[y_test]"]
    : column
      ? ["T_train, T_test = y_train.reshape(-1, 1), y_test.reshape(-1, 1)"]
      : ["T_train, T_test = y_train, y_test"];
  const penalty = [];
  if (l1) penalty.push(`    l1=${pyNumber(l1)},`);
  if (l2) penalty.push(`    l2=${pyNumber(l2)},`);
  const lossName = loss === "mse" ? "mse" : "auto";
  const lines = [
    "import numpy as np",
    "",
    `from nnlib.datasets import add_features, ${regression ? "" : "make_dataset, "}train_test_split`,
    "from nnlib.network import Network",
    "from nnlib.training import Trainer",
    "",
    ...dataLines(state, seed),
    "X_train, X_test, y_train, y_test = train_test_split(",
    `    X, y, test_fraction=${pyNumber((100 - state.trainPercent) / 100)}, seed=${seed}`,
    ")",
    `features = [${features.map(py).join(", ")}]`,
    "inputs_train, inputs_test = add_features(X_train, features), add_features(X_test, features)",
    ...targets,
    "",
    "network = Network(",
    `    [${sizes.join(", ")}], activation=${py(activation)}, output_activation=${py(outputActivation)}, seed=${seed}`,
    ")",
    "trainer = Trainer(",
    "    network, inputs_train, T_train, inputs_test, T_test,",
    `    loss=${py(lossName)}, optimizer="sgd", learning_rate=${pyNumber(learningRate)}, batch_size=${batchSize === null ? "None" : batchSize},`,
    ...penalty,
    `    seed=${seed},`,
    ")",
    `history = trainer.run(${Math.max(epochs, 1)})`,
    'print(f"epoch {trainer.epoch}: train loss {history.train_loss[-1]:.3f}, test loss {history.test_loss[-1]:.3f}")',
  ];
  return lines.join("\n") + "\n";
}
