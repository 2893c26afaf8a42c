// Activation curves and their slopes, computed in the page (chapters 3 and 4).
//
// Python side: nnbook/live.py (activation_curves), which writes the settings
//     { functions: ["relu", "leaky_relu", ...], alpha, showDerivative, range: [low, high],
//       z, title, labels: { name: label }, colors: { series, face, ink, muted, grid } }
// and a fallback picture. The numbers come from the browser twin of nnlib
// (../nnlib/activations.js), the same formulas as nnlib.activations.
//
// The reader moves a vertical marker along z (pointer, touch or the arrow keys on the
// figure, which is a slider for assistive technology) and reads f(z) and f'(z) of every
// curve; an alpha slider appears when Leaky ReLU or ELU is shown.

import { getActivation } from "../nnlib/activations.js";
import {
  addStyle, drawAxes, format, frameScheduler, makeReadout, makeSlider, palette, sizeCanvas,
} from "./figure.js";

const LABELS = {
  linear: "linear",
  step: "step",
  sigmoid: "sigmoid",
  tanh: "tanh",
  relu: "ReLU",
  leaky_relu: "Leaky ReLU",
  elu: "ELU",
  gelu: "GELU",
  gelu_tanh: "GELU (tanh approx.)",
  silu: "SiLU",
  swish: "swish",
  softplus: "softplus",
};
const USES_ALPHA = new Set(["leaky_relu", "elu"]);
const ALPHA_RANGE = [0.01, 1.0]; // Leaky ReLU's alpha must stay <= 1
const SAMPLES = 481; // points per curve: smooth at any width a page gives the figure
const NARROW = 560; // below this width (CSS px) the two panels stack

const STYLE = `
.nnz-curves { margin: 0.5rem 0 1rem; max-width: 100%; }
.nnz-curves-figure { position: relative; touch-action: pan-y; cursor: crosshair; border-radius: 4px; }
.nnz-curves-figure:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
.nnz-curves-figure canvas { display: block; width: 100%; border-radius: 4px; }
.nnz-curves-readout { min-height: 3em; }
.nnz-curves-legend { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; list-style: none; padding: 0; margin: 0.3rem 0; }
.nnz-curves-legend li { display: flex; align-items: center; gap: 0.35rem; }
.nnz-curves-swatch { display: inline-block; width: 1.4em; height: 0.25em; border-radius: 2px; }
`;


// ---------------------------------------------------------------------------------
// Settings: checked once, with messages that name the setting
// ---------------------------------------------------------------------------------

function checkSettings(settings) {
  const s = { ...settings };
  const functions = s.functions ?? ["sigmoid", "tanh", "relu"];
  if (!Array.isArray(functions) || functions.length === 0) {
    throw new Error(`activation-curves: functions must be a non-empty list of names; got ${JSON.stringify(functions)}`);
  }
  for (const name of functions) {
    if (!Object.hasOwn(LABELS, name)) {
      throw new Error(`activation-curves: unknown function ${JSON.stringify(name)}; choose from ${Object.keys(LABELS).join(", ")}`);
    }
  }
  const range = s.range ?? [-6, 6];
  if (!Array.isArray(range) || range.length !== 2 || !(range[0] < range[1])) {
    throw new Error(`activation-curves: range must be [low, high] with low < high; got ${JSON.stringify(range)}`);
  }
  const alpha = s.alpha ?? 0.1;
  if (typeof alpha !== "number" || !(alpha >= ALPHA_RANGE[0] && alpha <= ALPHA_RANGE[1])) {
    throw new Error(`activation-curves: alpha must be a number in [${ALPHA_RANGE}]; got ${alpha}`);
  }
  const z = s.z ?? (range[0] + range[1]) / 2;
  if (typeof z !== "number" || !(z >= range[0] && z <= range[1])) {
    throw new Error(`activation-curves: z must lie in the range ${JSON.stringify(range)}; got ${z}`);
  }
  return {
    functions,
    range,
    alpha,
    z,
    showDerivative: s.showDerivative ?? true,
    title: s.title ?? "",
    labels: { ...LABELS, ...(s.labels ?? {}) },
    colors: palette(s.colors),
  };
}

// ---------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------

function activationsFor(functions, alpha) {
  return functions.map((name) => getActivation(name, USES_ALPHA.has(name) ? { alpha } : {}));
}

function label(name, alpha, labels = LABELS) {
  return USES_ALPHA.has(name) ? `${labels[name]} (α = ${alpha.toFixed(2)})` : labels[name];
}

// A y range that holds every curve at both ends of the alpha slider, so the axes do
// not jump while alpha moves.
function yRange(functions, range, alphas, which) {
  let low = 0, high = 0;
  for (const alpha of alphas) {
    for (const activation of activationsFor(functions, alpha)) {
      for (let i = 0; i < SAMPLES; i++) {
        const z = range[0] + ((range[1] - range[0]) * i) / (SAMPLES - 1);
        const v = activation[which](z);
        if (Number.isFinite(v)) {
          low = Math.min(low, v);
          high = Math.max(high, v);
        }
      }
    }
  }
  const pad = 0.08 * (high - low || 1);
  return [low - pad, high + pad];
}

// ---------------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------------

function drawPanel(ctx, box, panel, state, colors) {
  const { x, y, width, height } = box;
  const [zLow, zHigh] = state.range;
  const { px, py } = drawAxes(ctx, box, {
    x: state.range, y: panel.yRange, colors, title: panel.title, xLabel: "z",
  });
  ctx.save();
  // the curves, clipped to the plot box
  ctx.beginPath();
  ctx.rect(x, y, width, height);
  ctx.clip();
  ctx.lineWidth = 2.25;
  ctx.lineJoin = "round";
  state.activations.forEach((activation, k) => {
    ctx.strokeStyle = colors.series[k % colors.series.length];
    ctx.setLineDash(k >= colors.series.length ? [6, 4] : []);
    ctx.beginPath();
    for (let i = 0; i < SAMPLES; i++) {
      const z = zLow + ((zHigh - zLow) * i) / (SAMPLES - 1);
      const v = activation[panel.which](z);
      if (i === 0) ctx.moveTo(px(z), py(v));
      else ctx.lineTo(px(z), py(v));
    }
    ctx.stroke();
  });
  ctx.setLineDash([]);
  // the marker at the reader's z
  ctx.strokeStyle = colors.ink;
  ctx.lineWidth = 1;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(px(state.z), y);
  ctx.lineTo(px(state.z), y + height);
  ctx.stroke();
  ctx.setLineDash([]);
  state.activations.forEach((activation, k) => {
    ctx.fillStyle = colors.series[k % colors.series.length];
    ctx.strokeStyle = colors.face;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(px(state.z), py(activation[panel.which](state.z)), 4.5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  });
  ctx.restore();
}

// Plot boxes (CSS px) for one or two panels in a figure `width` wide.
function layout(width, panels) {
  const margin = { left: 46, right: 12, top: 28, bottom: 40 };
  const stacked = panels > 1 && width < NARROW;
  const columns = stacked ? 1 : panels;
  const cell = width / columns;
  const plotWidth = cell - margin.left - margin.right;
  const plotHeight = Math.round(Math.min(300, Math.max(160, plotWidth * 0.62)));
  const cellHeight = plotHeight + margin.top + margin.bottom;
  const boxes = Array.from({ length: panels }, (_, i) => ({
    x: (stacked ? 0 : i * cell) + margin.left,
    y: (stacked ? i * cellHeight : 0) + margin.top,
    width: plotWidth,
    height: plotHeight,
  }));
  return { boxes, height: cellHeight * (stacked ? panels : 1) };
}

// ---------------------------------------------------------------------------------
// The component
// ---------------------------------------------------------------------------------

export function mount(element, settings = {}) {
  const options = checkSettings(settings);
  addStyle("nnz-curves-style", STYLE);
  const usesAlpha = options.functions.some((name) => USES_ALPHA.has(name));
  const state = {
    range: options.range,
    z: options.z,
    alpha: options.alpha,
    activations: activationsFor(options.functions, options.alpha),
  };
  const alphas = usesAlpha ? [ALPHA_RANGE[0], ALPHA_RANGE[1], options.alpha] : [options.alpha];
  const panels = [{ which: "value", title: "f(z)", yRange: yRange(options.functions, options.range, alphas, "value") }];
  if (options.showDerivative) {
    panels.push({ which: "derivative", title: "slope f′(z)", yRange: yRange(options.functions, options.range, alphas, "derivative") });
  }

  const root = document.createElement("div");
  root.className = "nnz-curves";
  const figure = document.createElement("div");
  figure.className = "nnz-curves-figure";
  figure.tabIndex = 0;
  figure.setAttribute("role", "slider");
  figure.setAttribute("aria-label", `${options.title || "Activation curves"}: the position z of the readout (arrow keys move it)`);
  figure.setAttribute("aria-valuemin", String(options.range[0]));
  figure.setAttribute("aria-valuemax", String(options.range[1]));
  const canvas = document.createElement("canvas");
  canvas.setAttribute("aria-hidden", "true");
  figure.append(canvas);
  const readout = makeReadout("nnz-curves-readout");
  const legend = document.createElement("ul");
  legend.className = "nnz-curves-legend";
  legend.setAttribute("aria-label", "curves");
  root.append(figure, legend, readout);

  let alphaSlider = null;
  if (usesAlpha) {
    alphaSlider = makeSlider({
      label: "α (Leaky ReLU, ELU)", min: ALPHA_RANGE[0], max: ALPHA_RANGE[1], step: 0.01,
      value: options.alpha, valueText: (alpha) => `α = ${alpha.toFixed(2)}`,
      onInput: (alpha) => setAlpha(alpha),
    });
    root.append(alphaSlider.element);
  }
  element.append(root);

  function readoutText() {
    const parts = options.functions.map((name, k) => {
      const activation = state.activations[k];
      const value = format(activation.value(state.z));
      return options.showDerivative
        ? `${label(name, state.alpha, options.labels)} ${value}, slope ${format(activation.derivative(state.z))}`
        : `${label(name, state.alpha, options.labels)} ${value}`;
    });
    return `At z = ${format(state.z, 2)}: ${parts.join("; ")}.`;
  }

  let boxes = [];
  function draw() {
    const width = Math.max(240, Math.floor(figure.clientWidth || element.clientWidth || 640));
    const plan = layout(width, panels.length);
    boxes = plan.boxes;
    const ctx = sizeCanvas(canvas, width, plan.height);
    ctx.fillStyle = options.colors.face;
    ctx.fillRect(0, 0, width, plan.height);
    panels.forEach((panel, i) => drawPanel(ctx, boxes[i], panel, state, options.colors));
  }

  function update() {
    const text = readoutText();
    readout.textContent = text;
    figure.setAttribute("aria-valuenow", String(state.z));
    figure.setAttribute("aria-valuetext", text);
    legend.replaceChildren(
      ...options.functions.map((name, k) => {
        const item = document.createElement("li");
        const swatch = document.createElement("span");
        swatch.className = "nnz-curves-swatch";
        swatch.style.background = options.colors.series[k % options.colors.series.length];
        item.append(swatch, label(name, state.alpha, options.labels));
        return item;
      }),
    );
    if (alphaSlider) alphaSlider.set(state.alpha);
    draw();
  }

  const schedule = frameScheduler(update); // one redraw per frame, however fast the pointer

  function setZ(z) {
    const [low, high] = state.range;
    state.z = Math.min(high, Math.max(low, Math.round(z * 100) / 100));
    schedule();
  }

  function setAlpha(alpha) {
    state.alpha = Math.min(ALPHA_RANGE[1], Math.max(ALPHA_RANGE[0], alpha));
    state.activations = activationsFor(options.functions, state.alpha);
    schedule();
  }

  function zAt(clientX) {
    const rect = canvas.getBoundingClientRect();
    const xCss = clientX - rect.left;
    const box = boxes.find((b) => xCss >= b.x - 20 && xCss <= b.x + b.width + 20) ?? boxes[0];
    const [low, high] = state.range;
    return low + ((xCss - box.x) / box.width) * (high - low);
  }

  figure.addEventListener("pointermove", (event) => setZ(zAt(event.clientX)));
  figure.addEventListener("pointerdown", (event) => setZ(zAt(event.clientX)));
  const step = (state.range[1] - state.range[0]) / 120;
  figure.addEventListener("keydown", (event) => {
    const moves = {
      ArrowLeft: -step, ArrowDown: -step, ArrowRight: step, ArrowUp: step,
      PageDown: -10 * step, PageUp: 10 * step,
    };
    if (event.key in moves) setZ(state.z + moves[event.key]);
    else if (event.key === "Home") setZ(state.range[0]);
    else if (event.key === "End") setZ(state.range[1]);
    else return;
    event.preventDefault();
  });
  const resize = new ResizeObserver(() => schedule());
  resize.observe(figure);
  update();

  // For tests and for a page that wants to drive the figure.
  return {
    setZ,
    setAlpha,
    readout: () => readoutText(),
    destroy() {
      resize.disconnect();
      root.remove();
    },
  };
}
