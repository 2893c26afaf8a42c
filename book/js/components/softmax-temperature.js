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
    const height = box.y + box.height + 44;
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
      ctx.textBaseline = "top";
      ctx.fillText(`class ${k}`, px(k), box.y + box.height + 4);
      ctx.fillText(`logit ${format(logits[k], 1)}`, px(k), box.y + box.height + 20);
    });
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
