// The gradient factor that survives N layers (chapter 3), computed in the page.
//
// Python side: nnbook/live_gradients.py (gradient_depth), which sends
//     { functions, labels, depth, depthRange: [1, max], z, zRange: [low, high], title, colors }.
// With every layer at the same z, backpropagation multiplies the slope f'(z) once per
// layer: after n layers the factor is f'(z)^n. The y axis is logarithmic and fitted to
// every curve's smallest and largest value at the chosen depth (no floor cut); a curve
// that is exactly 0 (ReLU for z < 0) cannot sit on a log axis, so it is drawn along the
// bottom edge and named there.

import { getActivation } from "../nnlib/activations.js";
import {
  addStyle, drawAxes, format, formatExponential, frameScheduler, makeCanvasFigure,
  makeReadout, makeSlider, palette, sizeCanvas,
} from "./figure.js";

const STYLE = `.nnz-depth { margin: 0.5rem 0 1rem; max-width: 44rem; }`;

export function factors(functions, depth, z) {
  return functions.map((name) => {
    const slope = getActivation(name).derivative(z);
    return Array.from({ length: depth + 1 }, (_, n) => slope ** n);
  });
}

export function logRange(series) {
  let low = Infinity, high = 0;
  for (const values of series) {
    for (const v of values) {
      if (v > 0) { low = Math.min(low, v); high = Math.max(high, v); }
    }
  }
  if (!(high > 0)) return [0.1, 10];
  low = Math.min(low, 1);
  high = Math.max(high, 1);
  // room below and above: half a decade, or 5% of the span when that is more, so no
  // curve touches the frame
  const pad = Math.max(0.5, 0.05 * (Math.log10(high) - Math.log10(low)));
  return [10 ** (Math.log10(low) - pad), 10 ** (Math.log10(high) + pad)];
}

// The pixel row of a value of curve k: on the log axis (py from drawAxes) when positive;
// an exact 0 has no place on it and lies along the bottom edge of box, each curve a few
// pixels above the previous so that two zero curves stay apart.
export function curveY(value, py, box, k) {
  return value > 0 ? py(value) : box.y + box.height - 2 - 3 * k;
}

export function mount(element, settings) {
  const { functions, labels = {}, depthRange, zRange } = settings;
  if (!Array.isArray(functions) || functions.length === 0) {
    throw new Error(`gradient-depth: functions must be a non-empty list; got ${JSON.stringify(functions)}`);
  }
  const colors = palette(settings.colors);
  addStyle("nnz-depth-style", STYLE);
  const state = { depth: settings.depth, z: settings.z };
  const root = document.createElement("div");
  root.className = "nnz-depth";
  const { figure, canvas } = makeCanvasFigure(`${settings.title || "Gradient factor after N layers"}: the sliders below change N and z`);
  figure.tabIndex = -1;
  const readout = makeReadout();
  const depthSlider = makeSlider({
    label: "depth N", min: depthRange[0], max: depthRange[1], step: 1, value: state.depth,
    valueText: (v) => `${v} layers`, onInput: (v) => { state.depth = Math.round(v); schedule(); },
  });
  const zSlider = makeSlider({
    label: "z at every layer", min: zRange[0], max: zRange[1], step: 0.01, value: state.z,
    valueText: (v) => format(v, 2), onInput: (v) => { state.z = Math.round(v * 100) / 100; schedule(); },
  });
  root.append(figure, readout, depthSlider.element, zSlider.element);
  element.append(root);

  function update() {
    const series = factors(functions, state.depth, state.z);
    const width = Math.max(240, Math.min(704, Math.floor(root.clientWidth || 640)));
    const box = { x: 58, y: 30, width: width - 70, height: Math.round(Math.min(300, Math.max(200, width * 0.5))) };
    const height = box.y + box.height + 44 + 18 * functions.length;
    const ctx = sizeCanvas(canvas, width, height);
    ctx.fillStyle = colors.face;
    ctx.fillRect(0, 0, width, height);
    const yRange = logRange(series);
    const { px, py } = drawAxes(ctx, box, {
      x: [0, Math.max(1, state.depth)], y: yRange, yLog: true, colors, xLabel: "number of layers n",
      title: `f′(z)ⁿ at z = ${format(state.z, 2)} (log scale)`, xTickLabel: (t) => String(Math.round(t)),
      xTickCount: Math.min(6, Math.max(2, state.depth)),
    });
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.x - 6, box.y - 6, box.width + 12, box.height + 12);
    ctx.clip();
    series.forEach((values, k) => {
      const color = colors.series[k % colors.series.length];
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.lineWidth = 2.25;
      ctx.setLineDash(k === 1 ? [7, 4] : k === 2 ? [2, 3] : []);
      const y = (v) => curveY(v, py, box, k);
      ctx.beginPath();
      values.forEach((v, n) => (n === 0 ? ctx.moveTo(px(n), y(v)) : ctx.lineTo(px(n), y(v))));
      ctx.stroke();
      ctx.setLineDash([]);
      if (values.length <= 60) {
        values.forEach((v, n) => { ctx.beginPath(); ctx.arc(px(n), y(v), 2.5, 0, 2 * Math.PI); ctx.fill(); });
      }
    });
    ctx.restore();
    // legend, with the value at N and a note for a curve that is 0
    ctx.save();
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    ctx.textAlign = "left";
    functions.forEach((name, k) => {
      const last = series[k][series[k].length - 1];
      const yText = box.y + box.height + 44 + 18 * k;
      ctx.fillStyle = colors.series[k % colors.series.length];
      ctx.fillRect(box.x, yText - 2, 18, 4);
      ctx.fillStyle = colors.ink;
      const note = last === 0 ? " (on the floor)" : "";
      ctx.fillText(`${labels[name] ?? name}: ${formatExponential(last)} after ${state.depth}${note}`, box.x + 24, yText);
    });
    ctx.restore();
    readout.textContent = readoutText(series);
    depthSlider.set(state.depth);
    zSlider.set(state.z);
  }
  function readoutText(series) {
    const parts = functions.map((name, k) => `${labels[name] ?? name} ${formatExponential(series[k][state.depth])}`);
    return `After ${state.depth} layers at z = ${format(state.z, 2)}: ${parts.join("; ")}.`;
  }
  const schedule = frameScheduler(update);
  const resize = new ResizeObserver(() => schedule());
  resize.observe(root);
  update();
  return { readout: () => readout.textContent, destroy() { resize.disconnect(); root.remove(); } };
}
