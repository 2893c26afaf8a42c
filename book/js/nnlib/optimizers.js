// Optimizers: turn gradients into parameter updates.
//
// Python twin: nnlib/optimizers.py. step(parameters, gradients) changes every
// parameter array IN PLACE: the layers hold their weight arrays, so an update that
// built new arrays would train copies nobody uses.
//   SGD       W <- W - lr g
//   Momentum  v <- mu v - lr g;          W <- W + v
//   Adam      m <- b1 m + (1 - b1) g;    v <- b2 v + (1 - b2) g^2
//             W <- W - lr m_hat / (sqrt(v_hat) + eps),  m_hat = m / (1 - b1^t), v_hat = v / (1 - b2^t)
// State (velocities, moments) is matched to the parameters by position, so always
// pass the same arrays in the same order; network.parameters() does.

function checkRate(learningRate) {
  if (typeof learningRate === "function") return learningRate; // a schedule f(step)
  if (typeof learningRate !== "number" || !(learningRate > 0) || !Number.isFinite(learningRate)) {
    throw new Error(`learningRate must be a number > 0 (e.g. 0.03); got ${learningRate}`);
  }
  return learningRate;
}

class Optimizer {
  constructor(learningRate) {
    this.learningRate = learningRate;
    this.iterations = 0; // updates so far: drives schedules and Adam's bias correction
  }

  // A number > 0 or a schedule f(step) -> rate; may be changed between steps.
  get learningRate() {
    return this.rate;
  }

  set learningRate(value) {
    this.rate = checkRate(value);
  }

  currentLearningRate() {
    const rate = this.learningRate;
    return typeof rate === "function" ? rate(this.iterations) : rate;
  }

  reset() {
    this.iterations = 0;
  }
}

function zerosLike(parameters) {
  return parameters.map((p) => new Float64Array(p.length));
}

export class SGD extends Optimizer {
  constructor(learningRate = 0.1) {
    super(learningRate);
    this.name = "sgd";
  }

  step(parameters, gradients) {
    const rate = this.currentLearningRate();
    parameters.forEach((p, i) => {
      const g = gradients[i];
      for (let j = 0; j < p.length; j++) p[j] -= rate * g[j];
    });
    this.iterations += 1;
  }
}

// Consistent gradients build up speed (up to 1 / (1 - mu) times a plain step);
// gradients that flip sign cancel out.
export class Momentum extends Optimizer {
  constructor(learningRate = 0.1, momentum = 0.9) {
    super(learningRate);
    if (!(momentum >= 0 && momentum < 1)) {
      throw new Error(`momentum must be in [0, 1) (0.9 is typical); got ${momentum}`);
    }
    this.name = "momentum";
    this.momentum = momentum;
    this.velocities = null;
  }

  step(parameters, gradients) {
    const rate = this.currentLearningRate();
    if (this.velocities === null || this.velocities.length !== parameters.length) {
      this.velocities = zerosLike(parameters);
    }
    const mu = this.momentum;
    parameters.forEach((p, i) => {
      const g = gradients[i], v = this.velocities[i];
      for (let j = 0; j < p.length; j++) {
        v[j] *= mu;
        v[j] -= rate * g[j];
        p[j] += v[j];
      }
    });
    this.iterations += 1;
  }

  reset() {
    super.reset();
    this.velocities = null;
  }
}

// Adam (Kingma & Ba, 2015). m and v start at zero, so early averages are too small;
// dividing by 1 - beta^t corrects that. As in nnlib the two corrections are folded
// into two numbers, lr sqrt(c2) / c1 and eps sqrt(c2): the same update, fewer passes.
export class Adam extends Optimizer {
  constructor(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8) {
    super(learningRate);
    for (const [value, label] of [[beta1, "beta1"], [beta2, "beta2"]]) {
      if (!(value >= 0 && value < 1)) throw new Error(`${label} must be in [0, 1); got ${value}`);
    }
    if (!(epsilon > 0)) throw new Error(`epsilon must be > 0; got ${epsilon}`);
    this.name = "adam";
    Object.assign(this, { beta1, beta2, epsilon });
    this.firstMoments = null; // m: running mean of g
    this.secondMoments = null; // v: running mean of g^2
  }

  step(parameters, gradients) {
    const rate = this.currentLearningRate();
    this.iterations += 1;
    const t = this.iterations;
    const { beta1, beta2 } = this;
    const correction1 = 1.0 - beta1 ** t;
    const correction2 = 1.0 - beta2 ** t;
    const stepSize = (rate * Math.sqrt(correction2)) / correction1;
    const epsilon = this.epsilon * Math.sqrt(correction2);
    if (this.firstMoments === null || this.firstMoments.length !== parameters.length) {
      this.firstMoments = zerosLike(parameters);
      this.secondMoments = zerosLike(parameters);
    }
    parameters.forEach((p, i) => {
      const g = gradients[i], m = this.firstMoments[i], v = this.secondMoments[i];
      for (let j = 0; j < p.length; j++) {
        m[j] *= beta1;
        m[j] += (1.0 - beta1) * g[j];
        v[j] *= beta2;
        v[j] += (1.0 - beta2) * (g[j] * g[j]);
        p[j] -= (stepSize * m[j]) / (Math.sqrt(v[j]) + epsilon);
      }
    });
  }

  reset() {
    super.reset();
    this.firstMoments = this.secondMoments = null;
  }
}

const OPTIMIZERS = { sgd: SGD, momentum: Momentum, adam: Adam };
export const OPTIMIZER_NAMES = Object.freeze(Object.keys(OPTIMIZERS));

// getOptimizer("adam", { learningRate: 0.01 }); an optimizer object passes through.
export function getOptimizer(name, { learningRate, momentum, beta1, beta2, epsilon } = {}) {
  if (typeof name === "object" && name !== null && typeof name.step === "function") return name;
  switch (name) {
    case "sgd":
      return new SGD(learningRate);
    case "momentum":
      return new Momentum(learningRate, momentum);
    case "adam":
      return new Adam(learningRate, beta1, beta2, epsilon);
    default:
      throw new Error(`unknown optimizer ${JSON.stringify(name)}; choose one of ${OPTIMIZER_NAMES.join(", ")}`);
  }
}
