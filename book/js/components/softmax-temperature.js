// Softmax with a temperature (chapter 3): bars of probabilities, computed in the page.
//
// Python side: nnbook/live_gradients.py (softmax_temperature), which sends
//     { logits: [...], temperature, range: [low, high], title, colors }.
// softmax(z / T) with the twin's softmaxRows (nnlib.activations.softmax divides by T
// first too). The slider moves log10 T evenly, so small and large temperatures get the
// same room; T itself is kept at 0.01.

import { Matrix } from "../nnlib/matrix.js";
import { softmaxRows } from "../nnlib/activations.js";
import {
  addStyle, drawAxes, format, frameScheduler, makeCanvasFigure, makeReadout, makeSlider,
  palette, sizeCanvas,
} from "./figure.js";

const STYLE = `.nnz-softmax { margin: 0.5rem 0 1rem; max-width: 40rem; }`;

export function probabilities(logits, temperature) {
  const Z = new Matrix(1, logits.length, Float64Array.from(logits, (v) => v / temperature));
  return Array.from(softmaxRows(Z).data);
}

const temperatureAt = (u) => Math.round(10 ** u * 100) / 100;

// The gap, in CSS px, that keeps two neighbouring labels from reading as one.
const LABEL_GAP = 8;

// One row of labels under the bars: "logit −0.5" under each bar while every such label
// fits the space of one bar (`spacing`), else the values alone under the bars and the
// name once, in the margin left of the plot (a phone's narrow bars).
function labelRow(ctx, name, values, px, spacing, box, y) {
  const widest = Math.max(...values.map((v) => ctx.measureText(`${name} ${v}`).width));
  const whole = widest + LABEL_GAP <= spacing;
  ctx.textAlign = "center";
  values.forEach((v, k) => ctx.fillText(whole ? `${name} ${v}` : v, px(k), y));
  if (!whole) {
    ctx.textAlign = "right";
    ctx.fillText(name, box.x - 5, y);
  }
}

export function mount(element, settings) {
  const { logits, range } = settings;
  if (!Array.isArray(logits) || logits.length < 2) {
    throw new Error(`softmax-temperature: logits must list at least two numbers; got ${JSON.stringify(logits)}`);
  }
  const colors = palette(settings.colors);
  addStyle("nnz-softmax-style", STYLE);
  const state = { temperature: settings.temperature };
  const root = document.createElement("div");
  root.className = "nnz-softmax";
  const { figure, canvas } = makeCanvasFigure(`${settings.title || "Softmax with a temperature"}: the slider below changes T`);
  figure.tabIndex = -1;
  const readout = makeReadout();
  const slider = makeSlider({
    label: "temperature T (log scale)", min: Math.log10(range[0]), max: Math.log10(range[1]), step: 0.005,
    value: Math.log10(state.temperature), valueText: () => `T = ${format(state.temperature, 2)}`,
    onInput: (u) => { state.temperature = temperatureAt(u); schedule(); },
  });
  root.append(figure, readout, slider.element);
  element.append(root);

  function update() {
    const p = probabilities(logits, state.temperature);
    const width = Math.max(240, Math.min(640, Math.floor(root.clientWidth || 560)));
    const box = { x: 46, y: 30, width: width - 58, height: 200 };
    const height = box.y + box.height + 46;
    const ctx = sizeCanvas(canvas, width, height);
    ctx.fillStyle = colors.face;
    ctx.fillRect(0, 0, width, height);
    const n = logits.length;
    const { px, py } = drawAxes(ctx, box, {
      x: [-0.5, n - 0.5], y: [0, 1], colors, title: `softmax(logits / T) at T = ${format(state.temperature, 2)}`,
      xTickCount: 1, yTickCount: 3, zeroLines: false, xTickLabel: () => "",
    });
    ctx.save();
    ctx.font = "12px system-ui, sans-serif";
    ctx.textAlign = "center";
    const barWidth = Math.min(60, (box.width / n) * 0.7);
    p.forEach((value, k) => {
      ctx.fillStyle = colors.series[0];
      ctx.fillRect(px(k) - barWidth / 2, py(value), barWidth, py(0) - py(value));
      ctx.fillStyle = colors.ink;
      ctx.textBaseline = "bottom";
      ctx.fillText(format(value, 3), px(k), Math.max(box.y + 12, py(value) - 2));
    });
    ctx.fillStyle = colors.ink;
    ctx.textBaseline = "top";
    const rows = [["class", logits.map((_, k) => String(k))], ["logit", logits.map((v) => format(v, 1))]];
    rows.forEach(([name, values], row) => labelRow(ctx, name, values, px, box.width / n, box, box.y + box.height + 5 + 16 * row));
    ctx.restore();
    readout.textContent = `At T = ${format(state.temperature, 2)}: ` +
      p.map((v, k) => `class ${k} ${format(v, 3)}`).join(", ") + ".";
    slider.set(Math.log10(state.temperature));
  }
  const schedule = frameScheduler(update);
  const resize = new ResizeObserver(() => schedule());
  resize.observe(root);
  update();
  return { readout: () => readout.textContent, destroy() { resize.disconnect(); root.remove(); } };
}
