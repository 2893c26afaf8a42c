// One neuron, computed in the page (chapter 1): a = f(w₁x₁ + w₂x₂ + b).
//
// Python side: nnbook/live_neurons.py (neuron), which sends
//     { x1, x2, w1, w2, b, ranges: { x1: [low, high], ... }, title, colors }.
// Five sliders move the inputs, the weights and the bias; the picture shows the neuron
// (each weight a line as thick as it is large, blue when positive, vermilion when
// negative; the sum node with z) and the step and sigmoid curves with this neuron's two
// outputs marked. The numbers come from the browser twin of nnlib.

import { sigmoid, step } from "../nnlib/activations.js";
import {
  addStyle, drawAxes, format, frameScheduler, makeCanvasFigure, makeReadout, makeSlider,
  palette, sizeCanvas,
} from "./figure.js";

const STYLE = `.nnz-neuron { margin: 0.5rem 0 1rem; max-width: 100%; }`;
const NAMES = ["x1", "x2", "w1", "w2", "b"];
const LABELS = { x1: "input x₁", x2: "input x₂", w1: "weight w₁", w2: "weight w₂", b: "bias b" };
const Z_RANGE = [-6, 6];
const NARROW = 520; // below this width (CSS px) the two pictures stack

export function weightedSum({ x1, x2, w1, w2, b }) {
  return x1 * w1 + x2 * w2 + b; // nnlib: X @ w + b
}

export function readoutText(v) {
  const z = weightedSum(v);
  const f = format;
  return `z = w₁x₁ + w₂x₂ + b = (${f(v.w1, 2)})(${f(v.x1, 2)}) + (${f(v.w2, 2)})(${f(v.x2, 2)}) + (${f(v.b, 2)}) ` +
    `= ${f(z, 3)}; step(z) = ${f(step(z), 0)}; σ(z) = ${f(sigmoid(z), 3)}.`;
}

function circle(ctx, x, y, r, colors, text) {
  ctx.fillStyle = colors.face;
  ctx.strokeStyle = colors.ink;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = colors.ink;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  const lines = text.split("\n");
  lines.forEach((line, i) => ctx.fillText(line, x, y + (i - (lines.length - 1) / 2) * 15));
}

function drawNeuron(ctx, box, v, colors) {
  const { x, y, width, height } = box;
  const z = weightedSum(v);
  ctx.save();
  ctx.font = "13px system-ui, sans-serif";
  const inputs = [[v.x1, v.w1, "x₁", y + height * 0.25], [v.x2, v.w2, "x₂", y + height * 0.75]];
  const sum = [x + width * 0.58, y + height * 0.5];
  const out = [x + width * 0.9, y + height * 0.5];
  for (const [, weight, , iy] of inputs) {
    ctx.strokeStyle = weight >= 0 ? colors.positive : colors.negative;
    ctx.lineWidth = 1 + 3 * Math.abs(weight);
    ctx.setLineDash(weight === 0 ? [4, 4] : []);
    ctx.beginPath();
    ctx.moveTo(x + 28, iy);
    ctx.lineTo(sum[0], sum[1]);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.strokeStyle = colors.ink;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(sum[0], sum[1]);
  ctx.lineTo(out[0] - 10, out[1]);
  ctx.stroke();
  ctx.fillStyle = colors.ink;
  ctx.beginPath();
  ctx.moveTo(out[0], out[1]);
  ctx.lineTo(out[0] - 12, out[1] - 6);
  ctx.lineTo(out[0] - 12, out[1] + 6);
  ctx.fill();
  for (const [value, weight, name, iy] of inputs) {
    circle(ctx, x + 26, iy, 24, colors, `${name}\n${format(value, 2)}`);
    ctx.fillStyle = colors.ink;
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    const mx = (x + 26 + sum[0]) / 2, my = (iy + sum[1]) / 2;
    ctx.fillText(`w = ${format(weight, 2)}`, mx, my - 8);
  }
  circle(ctx, sum[0], sum[1], 42, colors, `Σ + b\nz = ${format(z, 2)}`);
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.fillText(`b = ${format(v.b, 2)}`, sum[0], sum[1] + 48);
  ctx.textBaseline = "bottom";
  ctx.fillText(`a`, out[0] - 6, out[1] - 10);
  ctx.restore();
}

function drawOutput(ctx, box, v, colors) {
  const { px, py } = drawAxes(ctx, box, {
    x: Z_RANGE, y: [-0.1, 1.1], colors, title: "output a = f(z)", xLabel: "weighted sum z",
    yTickCount: 3,
  });
  const z = weightedSum(v);
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.width, box.height);
  ctx.clip();
  const curves = [[step, colors.series[1], [6, 4]], [sigmoid, colors.series[0], []]];
  for (const [f, color, dash] of curves) {
    ctx.strokeStyle = color;
    ctx.lineWidth = 2.25;
    ctx.setLineDash(dash);
    ctx.beginPath();
    for (let i = 0; i <= 480; i++) {
      const t = Z_RANGE[0] + ((Z_RANGE[1] - Z_RANGE[0]) * i) / 480;
      if (i === 0) ctx.moveTo(px(t), py(f(t)));
      else ctx.lineTo(px(t), py(f(t)));
    }
    ctx.stroke();
  }
  ctx.setLineDash([]);
  const shown = Math.min(Z_RANGE[1], Math.max(Z_RANGE[0], z)); // off the axis: at its edge
  for (const [f, color] of curves) {
    ctx.fillStyle = color;
    ctx.strokeStyle = colors.ink;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(px(shown), py(f(z)), 5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();
  // legend
  ctx.save();
  ctx.font = "12px system-ui, sans-serif";
  ctx.textBaseline = "middle";
  ctx.textAlign = "left";
  [["step", colors.series[1]], ["sigmoid σ", colors.series[0]]].forEach(([name, color], i) => {
    ctx.fillStyle = color;
    ctx.fillRect(box.x + 8, box.y + 12 + 16 * i, 16, 3);
    ctx.fillStyle = colors.ink;
    ctx.fillText(name, box.x + 28, box.y + 13 + 16 * i);
  });
  ctx.restore();
}

export function mount(element, settings) {
  const ranges = settings.ranges ?? {};
  for (const name of NAMES) {
    const value = settings[name];
    const [low, high] = ranges[name] ?? [];
    if (typeof value !== "number" || !(value >= low && value <= high)) {
      throw new Error(`neuron: ${name} must be a number in ranges.${name} ${JSON.stringify(ranges[name])}; got ${JSON.stringify(value)}`);
    }
  }
  const colors = palette(settings.colors);
  addStyle("nnz-neuron-style", STYLE);
  const state = Object.fromEntries(NAMES.map((name) => [name, settings[name]]));
  const root = document.createElement("div");
  root.className = "nnz-neuron";
  const { figure, canvas } = makeCanvasFigure(`${settings.title || "One neuron"}: the sliders below change it`);
  figure.tabIndex = -1;
  const readout = makeReadout();
  const sliders = Object.fromEntries(NAMES.map((name) => [name, makeSlider({
    label: LABELS[name], min: ranges[name][0], max: ranges[name][1], step: 0.01, value: state[name],
    valueText: (v) => format(v, 2),
    onInput: (v) => { state[name] = Math.round(v * 100) / 100; schedule(); },
  })]));
  root.append(figure, readout, ...NAMES.map((name) => sliders[name].element));
  element.append(root);

  function update() {
    const width = Math.max(240, Math.floor(root.clientWidth || 640));
    const stacked = width < NARROW;
    const half = stacked ? width : width / 2;
    const neuronHeight = 200, chartHeight = Math.round(Math.min(240, Math.max(170, half * 0.6)));
    const height = stacked ? neuronHeight + chartHeight + 70 : Math.max(neuronHeight, chartHeight + 70);
    const ctx = sizeCanvas(canvas, width, height);
    ctx.fillStyle = colors.face;
    ctx.fillRect(0, 0, width, height);
    drawNeuron(ctx, { x: 8, y: 10, width: half - 16, height: neuronHeight - 20 }, state, colors);
    const chart = stacked
      ? { x: 44, y: neuronHeight + 28, width: width - 56, height: chartHeight }
      : { x: half + 44, y: 28, width: half - 56, height: chartHeight };
    drawOutput(ctx, chart, state, colors);
    readout.textContent = readoutText(state);
    for (const name of NAMES) sliders[name].set(state[name]);
  }
  const schedule = frameScheduler(update);
  const resize = new ResizeObserver(() => schedule());
  resize.observe(root);
  update();
  return {
    set(values) { Object.assign(state, values); schedule(); },
    readout: () => readout.textContent,
    destroy() { resize.disconnect(); root.remove(); },
  };
}
