// Learning-rate schedules on a noisy bowl (chapter 9), computed in the page.
//
// Python side: nnbook/live_optimization.py (lr_schedules), which sends
//     { surface ({ kind: "quadratic", hessian }), start, total, noise (total x 2: the
//       gradient noise of every step, drawn by numpy, the same for every schedule),
//       schedules: [{ label, spec }] with spec { kind: "constant" | "step_decay" (drop,
//       every) | "cosine" (totalSteps, minimum) | "warmup" (warmupSteps, then: spec) },
//       schedule (index), peak, peakRange, tail, title, colors }.
// SGD with the chosen schedule (the twin's, book/js/nnlib/schedules.js) steps the
// weights with gradient Hw + noise[t]; the constant schedule at the same peak runs
// beside it in grey. The readout averages the loss over the last `tail` steps.
//
// For tests, the element carries `nnzSchedules`: { schedule, peak, rates, losses, reference }.

import { SGD } from "../nnlib/optimizers.js";
import { constant, cosine, stepDecay, warmup } from "../nnlib/schedules.js";
import { addStyle, drawAxes, format, frameScheduler, makeCanvasFigure, makeReadout, makeSlider, palette, sizeCanvas, uniqueId } from "./figure.js";
import { drawLossCurves, lossText, surfaceGradient, surfaceLoss } from "./surface.js";

const STYLE = `.nnz-schedules { margin: 0.5rem 0 1rem; max-width: 46rem; }
.nnz-schedules fieldset { border: 0; padding: 0; margin: 0.3rem 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; }
.nnz-schedules legend { padding: 0; margin-bottom: 0.2rem; }
.nnz-schedules fieldset label { display: inline-flex; align-items: center; gap: 0.35rem; min-height: 44px; }`;

export function makeSchedule(spec, peak) {
  switch (spec.kind) {
    case "constant": return constant(peak);
    case "step_decay": return stepDecay(peak, spec.drop, spec.every);
    case "cosine": return cosine(peak, spec.totalSteps, spec.minimum ?? 0);
    case "warmup": return warmup(peak, spec.warmupSteps, spec.then ? makeSchedule(spec.then, peak) : null);
    default: throw new Error(`lr-schedules: unknown schedule kind ${JSON.stringify(spec.kind)}`);
  }
}

export function noisyRun(schedule, surface, start, noise) {
  const optimizer = new SGD(schedule);
  const w = Float64Array.from(start);
  const losses = [surfaceLoss(surface, w)];
  for (const [n1, n2] of noise) {
    const g = surfaceGradient(surface, w);
    g[0] += n1;
    g[1] += n2;
    optimizer.step([w], [g]);
    losses.push(surfaceLoss(surface, w));
  }
  return losses;
}

export function tailMean(losses, tail) {
  let sum = 0;
  for (const v of losses.slice(-tail)) sum += v;
  return sum / tail;
}

export function mount(element, settings) {
  const { surface, start, total, noise, schedules, peakRange, tail } = settings;
  if (!Array.isArray(noise) || noise.length !== total) {
    throw new Error(`lr-schedules: noise must hold one [n1, n2] per step (${total}); got ${noise?.length}`);
  }
  const colors = palette(settings.colors);
  addStyle("nnz-schedules-style", STYLE);
  const state = { schedule: settings.schedule ?? 0, peak: settings.peak };
  const root = document.createElement("div");
  root.className = "nnz-schedules";
  const { figure, canvas } = makeCanvasFigure(`${settings.title || "Learning-rate schedules"}: the choices and the slider below change the schedule and its peak rate`);
  figure.tabIndex = -1;
  const readout = makeReadout();
  const fieldset = document.createElement("fieldset");
  const legend = document.createElement("legend");
  legend.textContent = "schedule";
  fieldset.append(legend);
  const group = uniqueId("nnz-schedule");
  schedules.forEach(({ label }, k) => {
    const option = document.createElement("label");
    const input = Object.assign(document.createElement("input"), { type: "radio", name: group, value: String(k), checked: k === state.schedule });
    input.addEventListener("change", () => { state.schedule = k; schedule(); });
    option.append(input, document.createTextNode(label));
    fieldset.append(option);
  });
  const slider = makeSlider({
    label: "peak learning rate", min: peakRange[0], max: peakRange[1], step: 0.001, value: state.peak,
    valueText: (v) => `η = ${format(v, 3)}`, onInput: (v) => { state.peak = v; slider.set(v); schedule(); },
  });
  root.append(figure, readout, fieldset, slider.element);
  element.append(root);

  function update() {
    const { label, spec } = schedules[state.schedule];
    const chosen = makeSchedule(spec, state.peak);
    const rates = Array.from({ length: total }, (_, t) => chosen(t));
    const losses = noisyRun(chosen, surface, start, noise);
    const reference = noisyRun(constant(state.peak), surface, start, noise);
    element.nnzSchedules = { schedule: state.schedule, peak: state.peak, rates, losses, reference };
    const width = Math.max(260, Math.min(736, Math.floor(root.clientWidth || 640)));
    const wide = width >= 600;
    const margin = { left: 56, right: 12, top: 28, bottom: 44 };
    const panel = wide ? Math.floor((width - 2 * margin.left - 2 * margin.right) / 2) : width - margin.left - margin.right;
    const h = wide ? 220 : 170;
    const rateBox = { x: margin.left, y: margin.top, width: panel, height: h };
    const lossBox = wide
      ? { x: 2 * margin.left + margin.right + panel, y: margin.top, width: panel, height: h }
      : { x: margin.left, y: margin.top + h + margin.bottom + margin.top, width: panel, height: h };
    const height = lossBox.y + lossBox.height + margin.bottom + 22;
    const ctx = sizeCanvas(canvas, width, height);
    ctx.fillStyle = colors.face;
    ctx.fillRect(0, 0, width, height);
    const top = Math.max(0.2, peakRange[1] * 1.1);
    const { px, py } = drawAxes(ctx, rateBox, {
      x: [0, total], y: [0, top], colors, title: `${label}, peak η = ${format(state.peak, 3)}`,
      xLabel: "step t", yLabel: "learning rate", xTickLabel: (t) => String(Math.round(t)),
    });
    ctx.save();
    ctx.strokeStyle = colors.series[0];
    ctx.lineWidth = 2;
    ctx.beginPath();
    rates.forEach((r, t) => (t === 0 ? ctx.moveTo(px(t), py(r)) : ctx.lineTo(px(t), py(r))));
    ctx.stroke();
    ctx.restore();
    drawLossCurves(ctx, lossBox, [
      { values: reference, color: colors.muted, dash: [5, 3] },
      { values: losses, color: colors.series[0] },
    ], { steps: total, yRange: [1e-4, 1e2], colors, title: "loss with noisy gradients" });
    ctx.save();
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    const yKey = lossBox.y + lossBox.height + margin.bottom + 8;
    [[colors.series[0], [], label], [colors.muted, [5, 3], "constant"]].forEach(([color, dash, text], k) => {
      const x = lossBox.x + k * 140;
      ctx.strokeStyle = color;
      ctx.lineWidth = 2.5;
      ctx.setLineDash(dash);
      ctx.beginPath();
      ctx.moveTo(x, yKey);
      ctx.lineTo(x + 22, yKey);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = colors.ink;
      ctx.fillText(text, x + 28, yKey);
    });
    ctx.restore();
    readout.textContent = `${label}, peak η = ${format(state.peak, 3)}: average loss over the last ${tail} steps ` +
      `${lossText(tailMean(losses, tail))} (constant: ${lossText(tailMean(reference, tail))}).`;
  }
  const schedule = frameScheduler(update);
  const resize = new ResizeObserver(() => schedule());
  resize.observe(root);
  update();
  return { readout: () => readout.textContent, destroy() { resize.disconnect(); root.remove(); } };
}
