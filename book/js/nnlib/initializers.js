// Weight initializers: how a layer's weights are set before training starts.
//
// Python twin: nnlib/initializers.py. The spread comes from the layer's size so the
// signal's variance stays about the same from layer to layer:
//   Xavier / Glorot (tanh, sigmoid, linear):  Var(W) = 2 / (n_in + n_out)
//   He / Kaiming (ReLU and friends):          Var(W) = 2 / n_in
// A uniform draw on [-limit, limit] has variance limit^2 / 3, so limit = sqrt(3 Var).
// Each initializer is init(nInputs, nOutputs, random) -> Float64Array (row-major,
// nInputs x nOutputs, like nnlib's W). The numbers differ from nnlib's (another
// random stream); the scales are the same.

function draw(n, sample) {
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = sample();
  return values;
}

export function zeros() {
  return (nInputs, nOutputs) => new Float64Array(nInputs * nOutputs);
}

export function normal(std = 0.01) {
  return (nInputs, nOutputs, random) => draw(nInputs * nOutputs, () => random.normal(0, std));
}

export function xavierNormal() {
  return (nInputs, nOutputs, random) => {
    const std = Math.sqrt(2.0 / (nInputs + nOutputs));
    return draw(nInputs * nOutputs, () => random.normal(0, std));
  };
}

export function xavierUniform() {
  return (nInputs, nOutputs, random) => {
    const limit = Math.sqrt(6.0 / (nInputs + nOutputs));
    return draw(nInputs * nOutputs, () => random.uniform(-limit, limit));
  };
}

export function heNormal() {
  return (nInputs, nOutputs, random) => {
    const std = Math.sqrt(2.0 / nInputs);
    return draw(nInputs * nOutputs, () => random.normal(0, std));
  };
}

export function heUniform() {
  return (nInputs, nOutputs, random) => {
    const limit = Math.sqrt(6.0 / nInputs);
    return draw(nInputs * nOutputs, () => random.uniform(-limit, limit));
  };
}

const INITIALIZERS = {
  zeros,
  normal,
  xavier_normal: xavierNormal,
  xavier_uniform: xavierUniform,
  he_normal: heNormal,
  he_uniform: heUniform,
};
export const INITIALIZER_NAMES = Object.freeze(Object.keys(INITIALIZERS));

export function getInitializer(name, params = {}) {
  if (typeof name === "function") return name;
  if (!Object.hasOwn(INITIALIZERS, name)) {
    throw new Error(
      `unknown initializer ${JSON.stringify(name)}; choose one of ${INITIALIZER_NAMES.join(", ")}`,
    );
  }
  return name === "normal" ? normal(params.std) : INITIALIZERS[name]();
}

// Activations whose gradient is 0 or 1 over large ranges get He initialisation;
// the saturating ones (tanh, sigmoid) and linear get Xavier. The same rule as
// nnlib's Network when no initializer is named.
const RELU_FAMILY = new Set(["relu", "leaky_relu", "elu", "gelu", "gelu_tanh", "silu", "swish"]);

export function defaultInitializerName(activationName) {
  return RELU_FAMILY.has(activationName) ? "he_uniform" : "xavier_uniform";
}
