// The spread of the activations through many layers for each initializer (chapter 9),
// computed in the page.
//
// Python side: nnbook/live_optimization.py (init_spread), which sends
//     { initializers: [{ label, name, std }] (names of book/js/nnlib/initializers.js),
//       activations: [names], labels, initializer (index), activation (name), depth,
//       width, samples, seed, title, colors } and, for tests only, `inputs` (samples x
//       width) and `weights` (depth matrices width x width), nested lists from Python.
// Without `weights` the page draws the inputs (standard normal) and every layer's
// weights with the twin's Random(seed) and initializers: nnlib's scale rules, another
// random stream. Each layer computes A <- f(A W) (no bias), the twin's matmul and
// activation. Top: a histogram of each layer's activations (ReLU: the positive ones;
// values past the range in the last bin). Bottom: the standard deviation per layer on
// a log axis fitted to the values, in whole decades (spreadRange).
//
// For tests, the element carries `nnzSpread`: { initializer, activation, stds }.

import { getActivation } from "../nnlib/activations.js";
import { getInitializer } from "../nnlib/initializers.js";
import { Matrix, matmul } from "../nnlib/matrix.js";
import { Random } from "../nnlib/random.js";
import { addStyle, drawAxes, formatExponential, frameScheduler, makeCanvasFigure, makeReadout, palette, sizeCanvas, uniqueId } from "./figure.js";

const STYLE = `.nnz-spread { margin: 0.5rem 0 1rem; max-width: 46rem; }
.nnz-spread fieldset { border: 0; padding: 0; margin: 0.3rem 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; }
.nnz-spread legend { padding: 0; margin-bottom: 0.2rem; }
.nnz-spread fieldset label { display: inline-flex; align-items: center; gap: 0.35rem; min-height: 44px; }`;
const BINS = 40;

// Population standard deviation (NumPy's std): mean first, then mean squared deviation.
export function std(values) {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return Math.sqrt(squares / values.length);
}

// The y range of the spread panel: whole decades around the positive values, at least
// two of them (a flat curve is not stretched into a slope). The axis follows the values,
// so a change of the spread across the layers fills a good part of the panel.
export function spreadRange(stds) {
  const positive = stds.filter((s) => s > 0);
  let lowDecade = positive.length ? Math.floor(Math.log10(Math.min(...positive))) : -1;
  const highDecade = positive.length ? Math.ceil(Math.log10(Math.max(...positive))) : 1;
  if (highDecade - lowDecade < 2) lowDecade = highDecade - 2;
  return [10 ** lowDecade, 10 ** highDecade];
}

export function spreadReadout(activationLabel, initializerLabel, stds) {
  const ratio = stds[0] > 0 ? ` (layer ${stds.length} / layer 1 = ${formatExponential(stds[stds.length - 1] / stds[0], 1)})` : "";
  return `${activationLabel} with ${initializerLabel}: standard deviation per layer ${stds.map((s) => formatExponential(s, 1)).join(", ")}${ratio}.`;
}

function radioGroup(legendText, options, checked, onChange) {
  const fieldset = document.createElement("fieldset");
  const legend = document.createElement("legend");
  legend.textContent = legendText;
  fieldset.append(legend);
  const name = uniqueId("nnz-spread");
  options.forEach(([value, text]) => {
    const label = document.createElement("label");
    const input = Object.assign(document.createElement("input"), { type: "radio", name, value: String(value), checked: value === checked });
    input.addEventListener("change", () => onChange(value));
    label.append(input, document.createTextNode(text));
    fieldset.append(label);
  });
  return fieldset;
}

const nextTask = () => new Promise((resume) => setTimeout(resume, 0));

export async function mount(element, settings) {
  const { initializers, activations, labels = {}, depth, width, samples } = settings;
  if (!Array.isArray(initializers) || initializers.length === 0) {
    throw new Error(`init-spread: initializers must be a non-empty list of { label, name, std }; got ${JSON.stringify(initializers)}`);
  }
  const colors = palette(settings.colors);
  addStyle("nnz-spread-style", STYLE);
  const state = { initializer: settings.initializer ?? 0, activation: settings.activation ?? activations[0] };
  const inputs = settings.inputs
    ? Matrix.fromRows(settings.inputs)
    : (() => {
        const random = new Random(settings.seed ?? 0);
        const X = new Matrix(samples, width);
        for (let i = 0; i < X.data.length; i++) X.data[i] = random.normal();
        return X;
      })();
  const weightCache = new Map();
  function weights(index) {
    if (settings.weights) return settings.weights.map((W) => Matrix.fromRows(W));
    if (!weightCache.has(index)) {
      const { name, std: spread } = initializers[index];
      const init = getInitializer(name, { std: spread });
      const random = new Random((settings.seed ?? 0) + 1);
      const n = inputs.cols;
      weightCache.set(index, Array.from({ length: depth }, () => new Matrix(n, n, init(n, n, random))));
    }
    return weightCache.get(index);
  }

  const root = document.createElement("div");
  root.className = "nnz-spread";
  const { figure, canvas } = makeCanvasFigure(`${settings.title || "Activation spread through the layers"}: the choices below change the initializer and the activation`);
  figure.tabIndex = -1;
  const readout = makeReadout();
  const initChoice = radioGroup("initializer", initializers.map((init, k) => [k, init.label]), state.initializer, (k) => { state.initializer = k; schedule(); });
  const activationChoice = radioGroup("activation", activations.map((a) => [a, labels[a] ?? a]), state.activation, (a) => { state.activation = a; schedule(); });
  root.append(figure, readout, initChoice, activationChoice);

  // The activations of every layer, one layer at a time.
  function* layerSteps() {
    const f = getActivation(state.activation);
    let A = inputs;
    for (const W of weights(state.initializer)) {
      A = matmul(A, W);
      for (let i = 0; i < A.data.length; i++) A.data[i] = f.value(A.data[i]);
      yield A;
    }
  }
  const stateKey = () => `${state.initializer}|${state.activation}`;

  let computed = { key: null, outputs: null };
  function update() {
    const key = stateKey();
    if (computed.key !== key) computed = { key, outputs: [...layerSteps()] }; // a resize only redraws
    const { outputs } = computed;
    const stds = outputs.map((A) => std(A.data));
    element.nnzSpread = { initializer: state.initializer, activation: state.activation, stds };
    const widthPx = Math.max(260, Math.min(736, Math.floor(root.clientWidth || 640)));
    const perRow = widthPx >= 600 ? Math.min(10, depth) : Math.min(5, depth);
    const rows = Math.ceil(depth / perRow);
    const left = 52, right = 12, gap = 6;
    const cell = (widthPx - left - right - gap * (perRow - 1)) / perRow;
    const histHeight = 56, histTop = 28;
    const stdTop = histTop + rows * (histHeight + 34) + 24;
    const stdBox = { x: left, y: stdTop, width: widthPx - left - right, height: widthPx >= 600 ? 190 : 160 };
    const height = stdBox.y + stdBox.height + 44;
    const ctx = sizeCanvas(canvas, widthPx, height);
    ctx.fillStyle = colors.face;
    ctx.fillRect(0, 0, widthPx, height);
    const tanhLike = state.activation !== "relu";
    const [low, high] = tanhLike ? [-1, 1] : [0, 4];
    ctx.save();
    ctx.font = "bold 13px system-ui, sans-serif";
    ctx.fillStyle = colors.ink;
    ctx.textAlign = "left";
    ctx.textBaseline = "bottom";
    ctx.fillText(tanhLike ? "activations per layer" : "positive activations per layer (past 4: last bin)", left, histTop - 8);
    ctx.font = "12px system-ui, sans-serif";
    outputs.forEach((A, k) => {
      const x = left + (k % perRow) * (cell + gap), y = histTop + Math.floor(k / perRow) * (histHeight + 34);
      const counts = new Array(BINS).fill(0);
      let any = false;
      for (const v of A.data) {
        if (!tanhLike && !(v > 0)) continue;
        const bin = Math.min(BINS - 1, Math.max(0, Math.floor(((v - low) / (high - low)) * BINS)));
        counts[bin] += 1;
        if (v !== 0) any = true;
      }
      const top = Math.max(...counts);
      ctx.strokeStyle = colors.grid;
      ctx.strokeRect(x, y, cell, histHeight);
      ctx.fillStyle = colors.series[0];
      if (any) {
        counts.forEach((c, b) => {
          const h = (c / top) * (histHeight - 2);
          ctx.fillRect(x + (b / BINS) * cell, y + histHeight - h, cell / BINS + 0.3, h);
        });
      }
      ctx.fillStyle = colors.ink;
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      if (!any) ctx.fillText("all 0", x + cell / 2, y + histHeight / 2 - 7);
      ctx.fillText(`layer ${k + 1}`, x + cell / 2, y + histHeight + 3);
      ctx.fillStyle = colors.muted;
      ctx.fillText(tanhLike ? "−1 … 1" : "0 … 4", x + cell / 2, y + histHeight + 17);
    });
    ctx.restore();
    const positive = stds.filter((s) => s > 0);
    const { px, py } = drawAxes(ctx, stdBox, {
      x: [0.5, depth + 0.5], y: spreadRange(stds), yLog: true, colors,
      title: `${labels[state.activation] ?? state.activation} with ${initializers[state.initializer].label}: standard deviation per layer`,
      xLabel: "layer", xTickLabel: (t) => String(Math.round(t)), xTickCount: Math.min(depth, 10),
    });
    ctx.save();
    ctx.strokeStyle = colors.series[1];
    ctx.fillStyle = colors.series[1];
    ctx.lineWidth = 2;
    const floor = stdBox.y + stdBox.height - 3;
    const y = (s) => (s > 0 ? py(s) : floor);
    ctx.beginPath();
    stds.forEach((s, k) => (k === 0 ? ctx.moveTo(px(k + 1), y(s)) : ctx.lineTo(px(k + 1), y(s))));
    ctx.stroke();
    stds.forEach((s, k) => { ctx.beginPath(); ctx.arc(px(k + 1), y(s), 3.5, 0, 2 * Math.PI); ctx.fill(); });
    if (!positive.length) {
      ctx.fillStyle = colors.ink;
      ctx.font = "12px system-ui, sans-serif";
      ctx.textAlign = "center";
      ctx.fillText("standard deviation 0 in every layer (drawn on the floor)", stdBox.x + stdBox.width / 2, stdBox.y + stdBox.height / 2);
    }
    ctx.restore();
    readout.textContent = spreadReadout(labels[state.activation] ?? state.activation, initializers[state.initializer].label, stds);
  }
  const schedule = frameScheduler(update);
  // The first picture pushes the whole batch through every layer: in one task that
  // was over half a second of a phone's main thread as the reader scrolled here. One
  // layer a task does the same operations in the same order (the same numbers); the
  // component joins the page (its controls, its resize observer) once they are done.
  const firstKey = stateKey();
  const firstOutputs = [];
  for (const A of layerSteps()) {
    firstOutputs.push(A);
    await nextTask();
  }
  computed = { key: firstKey, outputs: firstOutputs };
  element.append(root);
  update();
  const resize = new ResizeObserver(() => schedule());
  resize.observe(root);
  return { readout: () => readout.textContent, destroy() { resize.disconnect(); root.remove(); } };
}
