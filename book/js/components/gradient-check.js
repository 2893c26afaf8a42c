// How small should the step ε of a gradient check be? (chapter 9), computed in the page.
//
// Python side: nnbook/live_gradcheck.py (gradient_check), which sends the chapter's
// network and data:
//     { sizes, activation (one name per hidden layer), outputActivation, parameters
//       ([W1, b1, ...] nested lists, nnlib's weights), points, labels, loss (a twin
//       loss name), k, kRange: [low, high], gridPerUnit, errorRange, title, colors }.
// The twin's Network (book/js/nnlib) is rebuilt from those weights. Backprop gives the
// first layer's weight gradient twice: correctly, and with the chapter's bug (the first
// hidden layer's activation derivative forgotten: dW1 = X^T dA1 instead of X^T dZ1).
// The twin's numericalGradient (book/js/nnlib/gradcheck.js) estimates it by central
// differences with ε = 10^-k, and relativeError compares; the curves over the whole
// range are computed once, the marked ε again at every move of the slider.
// The reader moves k with the slider, by clicking or dragging on the plot, or with
// the arrow keys on the figure (0.1 a press, with Shift 1).
//
// For tests, the element carries `nnzGradcheck`: { k, epsilon, correct, buggy,
// curve: { ks, epsilons, correct, buggy }, gradients: { correct, buggy } }.

import { numericalGradient, relativeError } from "../nnlib/gradcheck.js";
import { getLoss } from "../nnlib/losses.js";
import { Matrix, transposeMatmul } from "../nnlib/matrix.js";
import { Network } from "../nnlib/network.js";
import {
  addStyle, drawAxes, format, formatExponential, frameScheduler, makeCanvasFigure, makeReadout,
  makeSlider, palette, pointerAt, sizeCanvas, superscript,
} from "./figure.js";

const SLIDER_NAME = "exponent k, with ε = 10 to the power −k";
const STYLE = `.nnz-gradcheck { margin: 0.5rem 0 1rem; max-width: 46rem; }
.nnz-gradcheck .nnz-fig-canvas { cursor: ew-resize; }`;

// 10^-k as 1 / 10^k: for a whole k both numbers are exact or correctly rounded, so
// k = 4 gives the double nearest 1e-4 (10 ** -4 is one bit off in V8).
export function pageEpsilon(k) {
  return 1 / 10 ** k;
}

// The chapter's network and data, and the first layer's gradient from backprop, right
// and wrong. `lossNow()` is the loss at the network's current weights.
export function gradientCheckCase(settings) {
  const { sizes, parameters, points, labels } = settings;
  const network = new Network(sizes, { activation: settings.activation, outputActivation: settings.outputActivation });
  network.setParameters(parameters);
  const X = Matrix.fromRows(points);
  const loss = getLoss(settings.loss);
  const lossNow = () => loss.value(network.forward(X), labels);
  let d = loss.gradient(network.forward(X), labels);
  const layers = network.layers;
  for (let i = layers.length - 1; i > 0; i--) d = layers[i].backward(d);
  const buggy = transposeMatmul(X, d).data; // the factor f'(Z1) is missing
  layers[0].backward(d, false);
  const correct = layers[0].dW.data.slice();
  return { network, lossNow, correct, buggy, weights: layers[0].W };
}

// The relative error of both gradients against the central difference with step epsilon.
export function errorsAt(check, epsilon) {
  const numeric = numericalGradient(check.lossNow, check.weights, epsilon);
  return { correct: relativeError(check.correct, numeric), buggy: relativeError(check.buggy, numeric) };
}

export function readoutText(epsilon, k, correct, buggy) {
  return `ε = ${formatExponential(epsilon)} (k = ${format(k, 2)}): relative error ` +
    `${formatExponential(correct)} for the correct backprop, ${formatExponential(buggy)} for the buggy one.`;
}

const round2 = (v) => Math.round(v * 100) / 100;

export function mount(element, settings) {
  const { kRange, points, labels } = settings;
  if (!Array.isArray(kRange) || !(kRange[0] < kRange[1])) {
    throw new Error(`gradient-check: kRange must be [low, high] with low < high; got ${JSON.stringify(kRange)}`);
  }
  if (!Array.isArray(points) || points.length !== labels?.length) {
    throw new Error(`gradient-check: points and labels must be lists of the same length; got ${points?.length} and ${labels?.length}`);
  }
  const colors = palette(settings.colors);
  addStyle("nnz-gradcheck-style", STYLE);
  const [low, high] = kRange;
  const [bottom, top] = settings.errorRange ?? [1e-12, 1];
  const check = gradientCheckCase(settings);
  const count = Math.round((high - low) * (settings.gridPerUnit ?? 20)) + 1;
  const ks = Array.from({ length: count }, (_, i) => low + ((high - low) * i) / (count - 1));
  const epsilons = ks.map(pageEpsilon);
  const sweep = epsilons.map((epsilon) => errorsAt(check, epsilon));
  const curve = { ks, epsilons, correct: sweep.map((e) => e.correct), buggy: sweep.map((e) => e.buggy) };
  const state = { k: round2(settings.k) };

  const root = document.createElement("div");
  root.className = "nnz-gradcheck";
  const label = `${settings.title || "Gradient check"}: click or drag on the plot to choose ε; the arrow keys move k by 0.1 (with Shift, by 1)`;
  const { figure, canvas } = makeCanvasFigure(label);
  const readout = makeReadout();
  const valueText = (k) => `k = ${format(k, 2)}, ε = ${formatExponential(pageEpsilon(k))}`;
  const slider = makeSlider({
    label: "exponent k (ε = 10⁻ᵏ)", min: low, max: high, step: 0.01, value: state.k, valueText,
    onInput: (v) => setK(v),
  });
  // the superscripts read as "superscript minus" or not at all: the name says it in words
  slider.input.setAttribute("aria-label", SLIDER_NAME);
  root.append(figure, readout, slider.element);
  element.append(root);

  let box = null;
  function setK(k) {
    state.k = round2(Math.min(high, Math.max(low, k)));
    slider.set(state.k);
    schedule();
  }

  function update() {
    const epsilon = pageEpsilon(state.k);
    const marked = errorsAt(check, epsilon);
    element.nnzGradcheck = {
      k: state.k, epsilon, ...marked, curve,
      gradients: { correct: Array.from(check.correct), buggy: Array.from(check.buggy) },
    };
    const width = Math.max(260, Math.min(736, Math.floor(root.clientWidth || 640)));
    const wide = width >= 600;
    const margin = { left: 58, right: 16, top: 30, bottom: 46 };
    box = { x: margin.left, y: margin.top, width: width - margin.left - margin.right, height: wide ? 300 : 230 };
    const height = box.y + box.height + margin.bottom + 26;
    const ctx = sizeCanvas(canvas, width, height);
    ctx.fillStyle = colors.face;
    ctx.fillRect(0, 0, width, height);
    const { px, py } = drawAxes(ctx, box, {
      x: [low, high], y: [bottom, top], yLog: true, colors, zeroLines: false,
      title: wide ? "Gradient check of the first layer's weights" : "first layer's weights",
      xLabel: "ε (log scale; smaller to the right)", yLabel: "relative error",
      xTickLabel: (t) => (Number.isInteger(t) ? superscript(-t) : format(-t, 1)),
    });
    const clamp = (v) => Math.min(top, Math.max(bottom, v));
    const series = [
      { values: curve.correct, value: marked.correct, color: colors.series[0], text: "correct backprop" },
      { values: curve.buggy, value: marked.buggy, color: colors.series[1], text: "buggy backprop" },
    ];
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.x, box.y, box.width, box.height);
    ctx.clip();
    for (const { values, color } of series) {
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.beginPath();
      values.forEach((v, i) => (i === 0 ? ctx.moveTo(px(ks[i]), py(clamp(v))) : ctx.lineTo(px(ks[i]), py(clamp(v)))));
      ctx.stroke();
    }
    // the chosen ε: a dotted line, a dot on each curve and its value beside it
    const x = px(state.k);
    ctx.strokeStyle = colors.ink;
    ctx.lineWidth = 1;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(x, box.y);
    ctx.lineTo(x, box.y + box.height);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.font = "bold 12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    const onRight = x < box.x + box.width - 70;
    ctx.textAlign = onRight ? "left" : "right";
    for (const { value, color } of series) {
      const y = py(clamp(value));
      ctx.fillStyle = color;
      ctx.strokeStyle = colors.ink;
      ctx.beginPath();
      ctx.arc(x, y, 4.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = colors.ink;
      // above the dot, or below it where the frame's top edge would cut the text
      ctx.fillText(formatExponential(value, 1), x + (onRight ? 8 : -8), y - 10 < box.y + 8 ? y + 12 : y - 10);
    }
    ctx.restore();
    // the key, under the x label
    ctx.save();
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    const yKey = box.y + box.height + margin.bottom + 10;
    series.forEach(({ color, text }, i) => {
      const xKey = box.x + i * 150;
      ctx.strokeStyle = color;
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      ctx.moveTo(xKey, yKey);
      ctx.lineTo(xKey + 22, yKey);
      ctx.stroke();
      ctx.fillStyle = colors.ink;
      ctx.fillText(text, xKey + 28, yKey);
    });
    ctx.restore();
    readout.textContent = readoutText(epsilon, state.k, marked.correct, marked.buggy);
    figure.setAttribute("aria-label", `${label}; now ${valueText(state.k)}`);
  }
  const schedule = frameScheduler(update);

  let dragging = false;
  function pick(event) {
    if (!box) return false;
    const [x, y] = pointerAt(canvas, event);
    if (y < box.y - 10 || y > box.y + box.height + 10 || x < box.x - 10 || x > box.x + box.width + 10) return false;
    setK(low + ((x - box.x) / box.width) * (high - low));
    return true;
  }
  canvas.addEventListener("pointerdown", (event) => {
    if (pick(event)) {
      dragging = true;
      canvas.setPointerCapture(event.pointerId);
      figure.focus({ preventScroll: true });
      event.preventDefault();
    }
  });
  canvas.addEventListener("pointermove", (event) => { if (dragging) pick(event); });
  const stop = () => { dragging = false; };
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
  figure.addEventListener("keydown", (event) => {
    const moves = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1 };
    if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      setK(event.key === "Home" ? low : high);
      return;
    }
    if (!(event.key in moves)) return;
    event.preventDefault();
    setK(state.k + moves[event.key] * (event.shiftKey ? 1 : 0.1));
  });

  const resize = new ResizeObserver(() => schedule());
  resize.observe(root);
  update();
  return { readout: () => readout.textContent, destroy() { resize.disconnect(); root.remove(); } };
}
