// Gradient descent on a two-weight loss surface (chapter 9): the reader picks the start
// by clicking or dragging on the surface (or with the arrow keys) and the learning rate
// on a log-scale slider; the path of `steps` SGD steps and its loss are redrawn at once.
//
// Python side: nnbook/live_optimization.py (descent_surface), which sends
//     { surface ({ kind: "quadratic", hessian }), start: [w1, w2], learningRate,
//       logRange: [log10 low, log10 high], steps, extent: [x0, x1, y0, y1], levels
//       (contour levels), limit (2 / largest curvature, by numpy), lossRange, title, colors }.
// The path is the twin's SGD (book/js/nnlib/optimizers.js) stepping the weight vector.
// The start is rounded to 0.01 (the arrow keys move it by 0.1, with Shift by 1), so the
// readout can name it and nnbook.live_optimization.descent_readout says the same words.
//
// For tests, the element carries `nnzDescent`: { rate, start, path, losses, blewUpAt }.

import { SGD } from "../nnlib/optimizers.js";
import {
  addStyle, format, frameScheduler, makeCanvasFigure, makeReadout, makeSlider,
  palette, pointerAt, sizeCanvas,
} from "./figure.js";
import { descend, drawField, formatLearningRate, lossText, drawLossCurves, drawPath, drawStar, surfaceAxes } from "./surface.js";

const STYLE = `.nnz-descent { margin: 0.5rem 0 1rem; max-width: 46rem; }
.nnz-descent .nnz-fig-canvas { cursor: crosshair; }`;

export function verdict(losses, blewUpAt) {
  const first = losses[0], last = losses[losses.length - 1];
  if (blewUpAt !== null || !Number.isFinite(last) || last > first) return "diverged: the loss grew";
  if (first === 0) return "it starts at the minimum";
  if (last > 0.01 * first) return "still far from the minimum";
  return "converging";
}

export function readoutText(rate, limit, start, run, steps) {
  const { losses, blewUpAt } = run;
  const end = blewUpAt === null ? `${lossText(losses[losses.length - 1])} after ${steps} steps` : `overflow at step ${blewUpAt}`;
  return `η = ${formatLearningRate(rate)} (limit 2/λ_max = ${format(limit)}), start (${format(start[0], 2)}, ${format(start[1], 2)}): ` +
    `loss ${lossText(losses[0])} → ${end} — ${verdict(losses, blewUpAt)}.`;
}

const round2 = (v) => Math.round(v * 100) / 100;

export function mount(element, settings) {
  const { surface, logRange, steps, extent, levels, limit } = settings;
  if (!Array.isArray(logRange) || !(logRange[0] < logRange[1])) {
    throw new Error(`descent-surface: logRange must be [log10 low, log10 high] with low < high; got ${JSON.stringify(logRange)}`);
  }
  if (!Array.isArray(extent) || extent.length !== 4) {
    throw new Error(`descent-surface: extent must be [x0, x1, y0, y1]; got ${JSON.stringify(extent)}`);
  }
  const colors = palette(settings.colors);
  addStyle("nnz-descent-style", STYLE);
  const lossRange = settings.lossRange ?? [1e-8, 1e8];
  const state = { rate: settings.learningRate, start: settings.start.map(round2) };

  const root = document.createElement("div");
  root.className = "nnz-descent";
  const keysLabel = "click or drag on the surface to choose the start; the arrow keys move it (with Shift, further)";
  const label = `${settings.title || "Gradient descent on a loss surface"}: ${keysLabel}`;
  const { figure, canvas } = makeCanvasFigure(label);
  const readout = makeReadout();
  const slider = makeSlider({
    label: "learning rate η (log scale)", min: logRange[0], max: logRange[1], step: 0.001,
    value: Math.log10(state.rate), valueText: (v) => `η = ${formatLearningRate(10 ** v)}`,
    onInput: (v) => { state.rate = 10 ** v; slider.set(v); schedule(); },
  });
  root.append(figure, readout, slider.element);
  element.append(root);

  let geometry = null;
  function setStart(w) {
    const [x0, x1, y0, y1] = extent;
    state.start = [round2(Math.min(x1, Math.max(x0, w[0]))), round2(Math.min(y1, Math.max(y0, w[1])))];
    schedule();
  }

  function update() {
    const run = descend(new SGD(state.rate), surface, state.start, steps);
    element.nnzDescent = { rate: state.rate, start: [...state.start], ...run };
    const width = Math.max(260, Math.min(736, Math.floor(root.clientWidth || 640)));
    const wide = width >= 600;
    const margin = { left: 52, right: 12, top: 28, bottom: 44 };
    const side = wide ? Math.floor((width - 2 * margin.left - 2 * margin.right) / 2) : width - margin.left - margin.right;
    const surfaceBox = { x: margin.left, y: margin.top, width: side, height: side };
    const lossHeight = wide ? side : Math.round(side * 0.62);
    const lossBox = wide
      ? { x: 2 * margin.left + margin.right + side, y: margin.top, width: side, height: side }
      : { x: margin.left, y: margin.top + side + margin.bottom + margin.top, width: side, height: lossHeight };
    const height = lossBox.y + lossBox.height + margin.bottom;
    const ctx = sizeCanvas(canvas, width, height);
    ctx.fillStyle = colors.face;
    ctx.fillRect(0, 0, width, height);
    drawField(ctx, surfaceBox, surface, extent, levels, colors);
    const axes = surfaceAxes(ctx, surfaceBox, extent, colors, `${steps} steps of gradient descent`);
    geometry = { box: surfaceBox, toData: axes.toData };
    drawStar(ctx, axes.px(0), axes.py(0), 9, colors.series[1], colors.ink);
    const leaves = drawPath(ctx, surfaceBox, axes, run.path, colors.series[0]);
    // the start: a ring the reader grabs
    ctx.save();
    ctx.strokeStyle = colors.ink;
    ctx.fillStyle = colors.face;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(axes.px(state.start[0]), axes.py(state.start[1]), 7, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    ctx.font = "12px system-ui, sans-serif";
    ctx.fillStyle = colors.ink;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    const gone = leaves !== null ? leaves : run.blewUpAt;
    if (gone !== null) ctx.fillText(`the path leaves the plot at step ${gone}`, surfaceBox.x + side / 2, surfaceBox.y + 6);
    ctx.restore();
    drawLossCurves(ctx, lossBox, [{ values: run.losses, color: colors.series[0] }], {
      steps, yRange: lossRange, colors, title: "loss after each step",
    });
    readout.textContent = readoutText(state.rate, limit, state.start, run, steps);
    figure.setAttribute("aria-label", `${label}; start at (${format(state.start[0], 2)}, ${format(state.start[1], 2)})`);
  }
  const schedule = frameScheduler(update);

  let dragging = false;
  function startAt(event) {
    if (!geometry) return;
    const [x, y] = pointerAt(canvas, event);
    const { box } = geometry;
    if (x < box.x || x > box.x + box.width || y < box.y || y > box.y + box.height) return false;
    setStart(geometry.toData(x, y));
    return true;
  }
  canvas.addEventListener("pointerdown", (event) => {
    if (startAt(event)) {
      dragging = true;
      canvas.setPointerCapture(event.pointerId);
      figure.focus({ preventScroll: true });
      event.preventDefault();
    }
  });
  canvas.addEventListener("pointermove", (event) => { if (dragging) startAt(event); });
  const stop = () => { dragging = false; };
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
  figure.addEventListener("keydown", (event) => {
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const size = event.shiftKey ? 1 : 0.1;
    setStart([state.start[0] + size * move[0], state.start[1] + size * move[1]]);
  });

  const resize = new ResizeObserver(() => schedule());
  resize.observe(root);
  update();
  return { readout: () => readout.textContent, destroy() { resize.disconnect(); root.remove(); } };
}
