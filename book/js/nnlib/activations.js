// Activation functions and their derivatives.
//
// Python twin: nnlib/activations.py. Same names, same formulas, written in the same
// order of operations, so a value here equals nnlib's to the last bit or two.
//
// nnlib works on whole arrays; here every activation works on one number z, and the
// layer loops. Each activation is an object
//     { name, formula, value(z), derivative(z), backward(z, a, gradient) }
// where backward turns dL/da into dL/dz, reusing the forward output a where nnlib
// does (so sigmoid's backward is gradient * a * (1 - a), not a second exp).
// Softmax is the exception: it normalises a whole row, so it lives in softmaxRows
// and its activation object works on matrices.

import { Matrix } from "./matrix.js";

// ---------------------------------------------------------------------------------
// The error function, for the exact GELU: GELU(z) = z Phi(z) with
// Phi(z) = (1 + erf(z / sqrt 2)) / 2 the standard normal CDF. JavaScript has no erf
// either, so this is the same W. J. Cody (1969) rational approximation as nnlib's,
// with his published coefficients, highest power first for one Horner loop.
// ---------------------------------------------------------------------------------

// |x| <= 0.46875:  erf(x) = x P(x^2) / Q(x^2)
const ERF_SMALL_P = [
  1.85777706184603153e-1, 3.16112374387056560e0, 1.13864154151050156e2,
  3.77485237685302021e2, 3.20937758913846947e3,
];
const ERF_SMALL_Q = [
  1.0, 2.36012909523441209e1, 2.44024637934444173e2, 1.28261652607737228e3,
  2.84423683343917062e3,
];
// 0.46875 < |x| <= 4:  erfc(x) = exp(-x^2) P(x) / Q(x)
const ERFC_MIDDLE_P = [
  2.15311535474403846e-8, 5.64188496988670089e-1, 8.88314979438837594e0,
  6.61191906371416295e1, 2.98635138197400131e2, 8.8195222124176909e2,
  1.71204761263407058e3, 2.05107837782607147e3, 1.23033935479799725e3,
];
const ERFC_MIDDLE_Q = [
  1.0, 1.57449261107098347e1, 1.17693950891312499e2, 5.37181101862009858e2,
  1.62138957456669019e3, 3.29079923573345963e3, 4.36261909014324716e3,
  3.43936767414372164e3, 1.23033935480374942e3,
];
// |x| > 4:  erfc(x) = exp(-x^2) / x (1/sqrt(pi) - u P(u) / Q(u)),  u = 1 / x^2
const ERFC_LARGE_P = [
  1.63153871373020978e-2, 3.05326634961232344e-1, 3.60344899949804439e-1,
  1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4,
];
const ERFC_LARGE_Q = [
  1.0, 2.56852019228982242e0, 1.87295284992346047e0, 5.27905102951428412e-1,
  6.05183413124413191e-2, 2.33520497626869185e-3,
];
const INV_SQRT_PI = 1.0 / Math.sqrt(Math.PI);
const SQRT_2 = Math.sqrt(2.0);
const INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
// erfc(x) is below the smallest double once x > 27.3; clipping at 30 changes nothing
// and keeps x * x finite.
const ERFC_ZERO_BEYOND = 30.0;

function horner(coefficients, x) {
  let result = coefficients[0];
  for (let i = 1; i < coefficients.length; i++) result = result * x + coefficients[i];
  return result;
}

function erfSmall(x) {
  const x2 = x * x;
  return (x * horner(ERF_SMALL_P, x2)) / horner(ERF_SMALL_Q, x2);
}

// erfc(y) for y > 0.46875 (or NaN, which falls through to NaN).
function erfcPositive(y) {
  y = Math.min(y, ERFC_ZERO_BEYOND);
  let ratio;
  if (y <= 4.0) {
    ratio = horner(ERFC_MIDDLE_P, y) / horner(ERFC_MIDDLE_Q, y);
  } else {
    const u = 1.0 / (y * y);
    ratio = (INV_SQRT_PI - (u * horner(ERFC_LARGE_P, u)) / horner(ERFC_LARGE_Q, u)) / y;
  }
  // exp(-y^2) would lose digits to the rounding of y^2; with t = y rounded down to a
  // multiple of 1/16, t^2 is exact and y^2 = t^2 + (y - t)(y + t).
  const t = Math.trunc(16.0 * y) / 16.0;
  return Math.exp(-t * t) * Math.exp(-(y - t) * (y + t)) * ratio;
}

// erf(x) = 2/sqrt(pi) * integral from 0 to x of exp(-t^2) dt, relative error ~1e-16.
export function erf(x) {
  if (Math.abs(x) <= 0.46875) return erfSmall(x);
  const magnitude = 1.0 - erfcPositive(Math.abs(x));
  return x < 0 ? -magnitude : magnitude;
}

// erfc(x) = 1 - erf(x), accurate also where it is tiny (large x).
export function erfc(x) {
  if (Math.abs(x) <= 0.46875) return 1.0 - erfSmall(x);
  const positive = erfcPositive(Math.abs(x));
  return x < -0.46875 ? 2.0 - positive : positive; // erfc(-y) = 2 - erfc(y)
}

// Phi(z) = erfc(-z / sqrt 2) / 2: erfc keeps the left tail accurate.
function normalCdf(z) {
  return 0.5 * erfc(-z / SQRT_2);
}

// ---------------------------------------------------------------------------------
// The functions, one number at a time
// ---------------------------------------------------------------------------------

// f(z) = 1 / (1 + e^-z), written so that no exponent is positive: for z >= 0 this
// is 1 / (1 + e^-z), for z < 0 it is e^z / (1 + e^z). sigmoid(-1000) is exactly 0.
export function sigmoid(z) {
  return Math.exp(Math.min(z, 0.0)) / (1.0 + Math.exp(-Math.abs(z)));
}

export function step(z) {
  return z >= 0 ? 1.0 : 0.0;
}

export function linear(z) {
  return z;
}

export function tanh(z) {
  return Math.tanh(z);
}

export function relu(z) {
  return Math.max(z, 0.0);
}

// With 0 <= alpha <= 1 the larger of z and alpha z is the right branch on each side.
export function leakyRelu(z, alpha = 0.01) {
  return Math.max(z, alpha * z);
}

// max(z, 0) + alpha (e^min(z, 0) - 1): expm1 is accurate near 0, and the minimum
// keeps exp from overflowing for large z.
export function elu(z, alpha = 1.0) {
  return Math.max(z, 0.0) + alpha * Math.expm1(Math.min(z, 0.0));
}

// f(z) = z Phi(z), exactly (through erf), not the tanh approximation.
export function gelu(z) {
  return z * normalCdf(z);
}

const GELU_TANH_C = Math.sqrt(2.0 / Math.PI);
const GELU_TANH_K = 0.044715;

// f(z) = z/2 (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))
export function geluTanh(z) {
  const inner = GELU_TANH_C * (z + GELU_TANH_K * z * z * z);
  return 0.5 * z * (1.0 + Math.tanh(inner));
}

// f(z) = z sigmoid(z), also called swish.
export function silu(z) {
  return z * sigmoid(z);
}

// log(1 + e^z) = max(z, 0) + log(1 + e^-|z|): nothing overflows, log1p keeps the
// small end accurate.
export function softplus(z) {
  return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
}

// Softmax of every row: s_i = e^(z_i - m) / sum_j e^(z_j - m), m the row's maximum
// (subtracting it cancels in the ratio and keeps every exponent <= 0).
export function softmaxRows(Z) {
  const S = new Matrix(Z.rows, Z.cols);
  const z = Z.data, s = S.data, k = Z.cols;
  for (let i = 0; i < Z.rows; i++) {
    const start = i * k;
    let largest = -Infinity;
    for (let j = 0; j < k; j++) largest = Math.max(largest, z[start + j]);
    let sum = 0;
    for (let j = 0; j < k; j++) {
      s[start + j] = Math.exp(z[start + j] - largest);
      sum += s[start + j];
    }
    for (let j = 0; j < k; j++) s[start + j] /= sum;
  }
  return S;
}

// ---------------------------------------------------------------------------------
// Activation objects: the function, its derivative and its backward step
// ---------------------------------------------------------------------------------

// backward(z, a, g) = g f'(z) for an elementwise f; the ones below that reuse the
// forward output a do so exactly where nnlib does.
function elementwise(name, formula, value, derivative, backward) {
  return {
    name,
    formula,
    elementwise: true,
    value,
    derivative,
    backward: backward ?? ((z, a, g) => g * derivative(z)),
  };
}

function checkAlpha(name, alpha, upper) {
  if (typeof alpha !== "number" || !Number.isFinite(alpha) || alpha < 0 || alpha > upper) {
    const range = upper === Infinity ? ">= 0" : `between 0 and ${upper}`;
    throw new Error(`${name}: alpha must be a number ${range}; got ${alpha}`);
  }
  return alpha;
}

const FACTORIES = {
  step: () =>
    elementwise("step", "f(z) = 1 if z >= 0 else 0", step, () => 0.0, () => 0.0),

  linear: () => elementwise("linear", "f(z) = z", linear, () => 1.0, (z, a, g) => g),

  // f'(z) = f(z) (1 - f(z)), at most 1/4 (at z = 0)
  sigmoid: () =>
    elementwise(
      "sigmoid",
      "f(z) = 1 / (1 + exp(-z))",
      sigmoid,
      (z) => {
        const s = sigmoid(z);
        return s * (1.0 - s);
      },
      (z, a, g) => g * a * (1.0 - a),
    ),

  // f'(z) = 1 - tanh(z)^2
  tanh: () =>
    elementwise(
      "tanh",
      "f(z) = tanh(z)",
      tanh,
      (z) => {
        const t = Math.tanh(z);
        return 1.0 - t * t;
      },
      (z, a, g) => g * (1.0 - a * a),
    ),

  // f'(z) = 1 if z > 0 else 0 (the kink at 0 gets 0)
  relu: () =>
    elementwise("relu", "f(z) = max(z, 0)", relu, (z) => (z > 0 ? 1.0 : 0.0), (z, a, g) =>
      g * (z > 0 ? 1 : 0),
    ),

  // f'(z) = alpha + (1 - alpha) [z > 0]: 1 where z > 0, alpha elsewhere
  leaky_relu: ({ alpha = 0.01 } = {}) => {
    checkAlpha("leaky_relu", alpha, 1);
    const slope = (z) => alpha + (1.0 - alpha) * (z > 0 ? 1 : 0);
    return {
      ...elementwise(
        "leaky_relu",
        "f(z) = z if z > 0 else alpha * z",
        (z) => leakyRelu(z, alpha),
        slope,
        (z, a, g) => g * slope(z),
      ),
      alpha,
    };
  },

  // f'(z) = alpha e^min(z, 0) + (1 - alpha) [z > 0]; backward uses alpha e^z =
  // f(z) + alpha for z <= 0, which saves an exp, as nnlib does
  elu: ({ alpha = 1.0 } = {}) => {
    checkAlpha("elu", alpha, Infinity);
    return {
      ...elementwise(
        "elu",
        "f(z) = z if z > 0 else alpha * (exp(z) - 1)",
        (z) => elu(z, alpha),
        (z) => alpha * Math.exp(Math.min(z, 0.0)) + (1.0 - alpha) * (z > 0 ? 1 : 0),
        (z, a, g) => g * (Math.min(a, 0.0) + alpha + (1.0 - alpha) * (z > 0 ? 1 : 0)),
      ),
      alpha,
    };
  },

  // f'(z) = Phi(z) + z phi(z), phi(z) = e^(-z^2/2) / sqrt(2 pi) the normal density
  gelu: () =>
    elementwise(
      "gelu",
      "f(z) = z * Phi(z) = z/2 * (1 + erf(z / sqrt(2)))",
      gelu,
      (z) => normalCdf(z) + z * (INV_SQRT_2PI * Math.exp(-0.5 * z * z)),
    ),

  // f'(z) = (1 + tanh u)/2 + z/2 (1 - tanh^2 u) sqrt(2/pi) (1 + 3 * 0.044715 z^2)
  gelu_tanh: () =>
    elementwise(
      "gelu_tanh",
      "f(z) = z/2 * (1 + tanh(sqrt(2/pi) * (z + 0.044715 z^3)))",
      geluTanh,
      (z) => {
        const t = Math.tanh(GELU_TANH_C * (z + GELU_TANH_K * z * z * z));
        const duDz = GELU_TANH_C * (1.0 + 3.0 * GELU_TANH_K * z * z);
        return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * duDz;
      },
    ),

  // f'(z) = s (1 + z (1 - s)), s = sigmoid(z)
  silu: () =>
    elementwise("silu", "f(z) = z * sigmoid(z)", silu, (z) => {
      const s = sigmoid(z);
      return s * (1.0 + z * (1.0 - s));
    }),

  // f'(z) = sigmoid(z)
  softplus: () =>
    elementwise("softplus", "f(z) = log(1 + exp(z))", softplus, sigmoid, (z, a, g) =>
      g * sigmoid(z),
    ),

  // Not elementwise: works on whole matrices. backward is the Jacobian-vector
  // product s * (g - sum_j g_j s_j), row by row, without the k x k Jacobian.
  softmax: () => ({
    name: "softmax",
    formula: "f(z)_i = exp(z_i) / sum_j exp(z_j)",
    elementwise: false,
    value: softmaxRows,
    derivative(Z) {
      // only the diagonal of the Jacobian, s (1 - s), as nnlib's Softmax.derivative
      const S = softmaxRows(Z);
      for (let i = 0; i < S.data.length; i++) S.data[i] = S.data[i] * (1.0 - S.data[i]);
      return S;
    },
    backward(Z, A, G) {
      const out = new Matrix(G.rows, G.cols);
      const k = G.cols;
      for (let i = 0; i < G.rows; i++) {
        let projected = 0;
        for (let j = 0; j < k; j++) projected += G.data[i * k + j] * A.data[i * k + j];
        for (let j = 0; j < k; j++) {
          out.data[i * k + j] = A.data[i * k + j] * (G.data[i * k + j] - projected);
        }
      }
      return out;
    },
  }),
};
FACTORIES.swish = FACTORIES.silu;

export const ACTIVATION_NAMES = Object.freeze(Object.keys(FACTORIES));

// getActivation("leaky_relu", { alpha: 0.1 }); an activation object passes through.
export function getActivation(name, params = {}) {
  if (typeof name === "object" && name !== null && typeof name.value === "function") return name;
  if (typeof name !== "string") {
    throw new Error(`an activation must be a name such as "relu"; got ${String(name)}`);
  }
  const key = name.trim().toLowerCase().replace(/[- ]/g, "_");
  if (!Object.hasOwn(FACTORIES, key)) {
    throw new Error(
      `unknown activation ${JSON.stringify(name)}; choose one of ${ACTIVATION_NAMES.join(", ")}`,
    );
  }
  return FACTORIES[key](params);
}
