// Learning-rate schedules: how big a step the optimizer takes at step t.
//
// Python twin: nnlib/schedules.py. A schedule is a function step -> rate, where step
// counts the updates already made (0 for the first); every optimizer of optimizers.js
// accepts one as its learningRate.
//   constant(lr)                      lr
//   stepDecay(lr, drop, every)        lr * drop ** floor(t / every)
//   cosine(lr, totalSteps, minimum)   minimum + (lr - minimum) (1 + cos(pi t / T)) / 2
//   warmup(lr, warmupSteps, then)     lr (t + 1) / warmupSteps, then `then(t - warmupSteps)`

function positive(value, name) {
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    throw new Error(`${name} must be a number > 0; got ${value}`);
  }
  return value;
}

function wholePositive(value, name) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number >= 1; got ${value}`);
  return value;
}

export function constant(lr) {
  positive(lr, "lr");
  return () => lr;
}

export function stepDecay(lr, drop = 0.5, every = 10) {
  positive(lr, "lr");
  positive(drop, "drop");
  if (drop > 1) throw new Error(`drop must be in (0, 1] (the factor applied at each decay); got ${drop}`);
  wholePositive(every, "every");
  return (step) => lr * drop ** Math.floor(step / every);
}

export function cosine(lr, totalSteps, minimum = 0) {
  positive(lr, "lr");
  wholePositive(totalSteps, "totalSteps");
  if (!(minimum >= 0 && minimum <= lr)) throw new Error(`minimum must be between 0 and lr=${lr}; got ${minimum}`);
  return (step) => {
    const progress = Math.min(step, totalSteps) / totalSteps;
    return minimum + ((lr - minimum) * (1.0 + Math.cos(Math.PI * progress))) / 2.0;
  };
}

export function warmup(lr, warmupSteps, then = null) {
  positive(lr, "lr");
  wholePositive(warmupSteps, "warmupSteps");
  if (then !== null && typeof then !== "function") throw new Error(`then must be a schedule or null; got ${then}`);
  return (step) => {
    if (step < warmupSteps) return (lr * (step + 1)) / warmupSteps;
    return then === null ? lr : then(step - warmupSteps);
  };
}
