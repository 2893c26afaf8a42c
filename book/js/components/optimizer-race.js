// SGD, momentum and Adam racing over a two-weight loss surface (chapter 9).
//
// Python side: nnbook/live_optimization.py (optimizer_race), which sends
//     { surface ({ kind: "rosenbrock" }), start, steps, extent, levels, lossRange,
//       optimizers: ["sgd", "momentum", "adam"], labels, choices: [{ label, rates:
//       { sgd, momentum, adam } }] (the learning rates the chapter picked), choice,
//       step (shown first), stepsPerFrame, title, colors }.
// Each optimizer is the twin's (book/js/nnlib/optimizers.js, nnlib's defaults for
// momentum and Adam's betas) stepping its own copy of the weight vector from the same
// start. The reader picks the rates (radio buttons), the step (slider, or Play), and the
// start (click or drag on the surface; arrow keys on the figure, with Shift further).
// Play advances stepsPerFrame steps per animation frame, only while the figure is on
// screen. A path whose weights overflow ends there and the readout says so.
//
// For tests, the element carries `nnzRace`: { choice, rates, start, step, runs: { name:
// { path, losses, blewUpAt } } }; the root has data-on-screen while Play waits.

import { getOptimizer } from "../nnlib/optimizers.js";
import {
  addStyle, format, frameScheduler, makeCanvasFigure, makeReadout, makeSlider,
  palette, pointerAt, sizeCanvas, uniqueId,
} from "./figure.js";
import { descend, drawField, drawLossCurves, drawPath, drawStar, formatLearningRate, lossText, surfaceAxes } from "./surface.js";

const STYLE = `.nnz-race { margin: 0.5rem 0 1rem; max-width: 46rem; }
.nnz-race .nnz-fig-canvas { cursor: crosshair; }
.nnz-race fieldset { border: 0; padding: 0; margin: 0.3rem 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; }
.nnz-race legend { padding: 0; margin-bottom: 0.2rem; }
.nnz-race fieldset label { display: inline-flex; align-items: center; gap: 0.35rem; min-height: 44px; }`;
const DASHES = [[], [7, 4], [2, 3]];
const round2 = (v) => Math.round(v * 100) / 100;

export function raceReadout(step, optimizers, labels, rates, runs) {
  const parts = optimizers.map((name) => {
    const { losses, blewUpAt } = runs[name];
    const head = `${labels[name]} (η = ${formatLearningRate(rates[name])})`;
    if (blewUpAt !== null && step >= blewUpAt) return `${head} blew up at step ${blewUpAt}`;
    return `${head} loss ${lossText(losses[Math.min(step, losses.length - 1)], 1)}`;
  });
  return `After ${step} steps: ${parts.join("; ")}.`;
}

export function mount(element, settings) {
  const { surface, steps, extent, levels, optimizers, labels, choices } = settings;
  if (!Array.isArray(choices) || choices.length === 0) {
    throw new Error(`optimizer-race: choices must be a non-empty list of { label, rates }; got ${JSON.stringify(choices)}`);
  }
  const colors = palette(settings.colors);
  addStyle("nnz-race-style", STYLE);
  const lossRange = settings.lossRange ?? [1e-8, 1e3];
  const perFrame = settings.stepsPerFrame ?? 2;
  const state = { choice: settings.choice ?? 0, step: settings.step ?? steps, start: settings.start.map(round2) };
  let runs = null, playing = false, visible = true, frame = null;

  const root = document.createElement("div");
  root.className = "nnz-race";
  const label = `${settings.title || "Optimizers racing"}: click or drag on the surface to choose the start; the arrow keys move it (with Shift, further)`;
  const { figure, canvas } = makeCanvasFigure(label);
  const readout = makeReadout();
  const fieldset = document.createElement("fieldset");
  const legend = document.createElement("legend");
  legend.textContent = "learning rates";
  fieldset.append(legend);
  const group = uniqueId("nnz-race-choice");
  choices.forEach((choice, k) => {
    const option = document.createElement("label");
    const input = Object.assign(document.createElement("input"), { type: "radio", name: group, value: String(k), checked: k === state.choice });
    input.addEventListener("change", () => { state.choice = k; recompute(); });
    option.append(input, document.createTextNode(choice.label));
    fieldset.append(option);
  });
  const slider = makeSlider({
    label: "step", min: 0, max: steps, step: 1, value: state.step, valueText: (v) => `step ${v} of ${steps}`,
    onInput: (v) => { pause(); state.step = Math.round(v); schedule(); },
  });
  const buttons = document.createElement("div");
  buttons.className = "nnz-fig-buttons";
  const playButton = Object.assign(document.createElement("button"), { type: "button", textContent: "Play" });
  playButton.addEventListener("click", () => (playing ? pause() : play()));
  const resetButton = Object.assign(document.createElement("button"), { type: "button", textContent: "Reset" });
  resetButton.addEventListener("click", () => { pause(); state.step = 0; schedule(); });
  buttons.append(playButton, resetButton);
  root.append(figure, readout, fieldset, slider.element, buttons);
  element.append(root);

  function recompute() {
    const rates = choices[state.choice].rates;
    runs = {};
    for (const name of optimizers) {
      runs[name] = descend(getOptimizer(name, { learningRate: rates[name] }), surface, state.start, steps);
    }
    schedule();
  }

  let geometry = null;
  function update() {
    const rates = choices[state.choice].rates;
    element.nnzRace = { choice: state.choice, rates, start: [...state.start], step: state.step, runs };
    const width = Math.max(260, Math.min(736, Math.floor(root.clientWidth || 640)));
    const wide = width >= 600;
    const margin = { left: 52, right: 12, top: 28, bottom: 44 };
    const side = wide ? Math.floor((width - 2 * margin.left - 2 * margin.right) / 2) : width - margin.left - margin.right;
    const surfaceBox = { x: margin.left, y: margin.top, width: side, height: side };
    const lossBox = wide
      ? { x: 2 * margin.left + margin.right + side, y: margin.top, width: side, height: side }
      : { x: margin.left, y: margin.top + side + margin.bottom + margin.top, width: side, height: Math.round(side * 0.62) };
    const legendTop = lossBox.y + lossBox.height + margin.bottom;
    const height = legendTop + 20 * optimizers.length;
    const ctx = sizeCanvas(canvas, width, height);
    ctx.fillStyle = colors.face;
    ctx.fillRect(0, 0, width, height);
    drawField(ctx, surfaceBox, surface, extent, levels, colors);
    const axes = surfaceAxes(ctx, surfaceBox, extent, colors, `paths after ${state.step} steps`);
    geometry = { box: surfaceBox, toData: axes.toData };
    drawStar(ctx, axes.px(1), axes.py(1), 9, colors.ink, colors.ink);
    optimizers.forEach((name, k) => {
      const color = colors.series[k % colors.series.length];
      const { path } = runs[name];
      const shown = path.slice(0, Math.min(state.step, path.length - 1) + 1);
      drawPath(ctx, surfaceBox, axes, shown, color, { dots: false, dash: DASHES[k % DASHES.length] });
      const [u, v] = shown[shown.length - 1];
      ctx.save();
      ctx.fillStyle = color;
      ctx.strokeStyle = colors.ink;
      ctx.beginPath();
      ctx.arc(axes.px(u), axes.py(v), 5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
      ctx.restore();
    });
    ctx.save();
    ctx.strokeStyle = colors.ink;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(axes.px(state.start[0]), axes.py(state.start[1]), 7, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.restore();
    drawLossCurves(ctx, lossBox, optimizers.map((name, k) => ({
      values: runs[name].losses.slice(0, state.step + 1),
      color: colors.series[k % colors.series.length], dash: DASHES[k % DASHES.length],
    })), { steps, yRange: lossRange, colors, title: "loss so far", marker: state.step });
    ctx.save();
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    optimizers.forEach((name, k) => {
      const y = legendTop + 20 * k + 8;
      ctx.strokeStyle = colors.series[k % colors.series.length];
      ctx.lineWidth = 3;
      ctx.setLineDash(DASHES[k % DASHES.length]);
      ctx.beginPath();
      ctx.moveTo(surfaceBox.x, y);
      ctx.lineTo(surfaceBox.x + 24, y);
      ctx.stroke();
      ctx.fillStyle = colors.ink;
      ctx.fillText(`${labels[name]}, η = ${formatLearningRate(rates[name])}`, surfaceBox.x + 32, y);
    });
    ctx.restore();
    readout.textContent = raceReadout(state.step, optimizers, labels, rates, runs);
    slider.set(state.step);
    figure.setAttribute("aria-label", `${label}; start at (${format(state.start[0], 2)}, ${format(state.start[1], 2)})`);
    playButton.textContent = playing ? "Pause" : "Play";
    playButton.setAttribute("aria-pressed", String(playing));
  }
  const schedule = frameScheduler(update);

  function tick() {
    frame = null;
    if (!playing || !visible) return;
    state.step = Math.min(steps, state.step + perFrame);
    if (state.step >= steps) playing = false;
    update();
    if (playing) frame = requestAnimationFrame(tick);
  }
  function play() {
    if (state.step >= steps) state.step = 0;
    playing = true;
    if (frame === null && visible) frame = requestAnimationFrame(tick);
    schedule();
  }
  function pause() {
    playing = false;
    if (frame !== null) cancelAnimationFrame(frame);
    frame = null;
    schedule();
  }

  function setStart(w) {
    const [x0, x1, y0, y1] = extent;
    state.start = [round2(Math.min(x1, Math.max(x0, w[0]))), round2(Math.min(y1, Math.max(y0, w[1])))];
    recompute();
  }
  let dragging = false;
  function startAt(event) {
    if (!geometry) return false;
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
  canvas.addEventListener("pointerup", () => { dragging = false; });
  canvas.addEventListener("pointercancel", () => { dragging = false; });
  figure.addEventListener("keydown", (event) => {
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const size = event.shiftKey ? 1 : 0.1;
    setStart([state.start[0] + size * move[0], state.start[1] + size * move[1]]);
  });

  // Play stops while the figure is off screen and goes on when it returns.
  const seen = new IntersectionObserver((entries) => {
    visible = entries[entries.length - 1].isIntersecting;
    if (visible && playing && frame === null) frame = requestAnimationFrame(tick);
    root.dataset.onScreen = String(visible);
  });
  seen.observe(root);
  const resize = new ResizeObserver(() => schedule());
  resize.observe(root);
  recompute();
  update();
  return { readout: () => readout.textContent, destroy() { pause(); seen.disconnect(); resize.disconnect(); root.remove(); } };
}
