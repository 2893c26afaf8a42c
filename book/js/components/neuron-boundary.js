// A two-input neuron's straight boundary over the inbox (chapter 2), computed in the page.
//
// Python side: nnbook/live_neurons.py (neuron_boundary), which sends
//     { points, labels (nnlib.datasets.spam_inbox), w1, w2, b, ranges: { w1, w2, b },
//       extent: [x0, x1, y0, y1], arrowScale (the arrow is arrowScale * w long where it
//       fits), title, colors }.
// The neuron says "spam" where w₁x₁ + w₂x₂ + b >= 0. The reader drags the boundary (it
// follows the pointer, w kept, b changes) or the weight vector's handle (w follows the
// pointer, the boundary turns about the arrow's foot), or uses the sliders (the keyboard
// path). Misclassified emails are crossed out and counted.

import {
  addStyle, format, frameScheduler, makeCanvasFigure, makeReadout, makeSlider, palette,
  pointerAt, sizeCanvas,
} from "./figure.js";
import { classify, drawPlane } from "./plane.js";

const STYLE = `.nnz-boundary { margin: 0.5rem 0 1rem; max-width: 32rem; }
.nnz-boundary .nnz-fig-canvas { cursor: grab; }`;
const HANDLE_RADIUS = 18;
const NAMES = ["w1", "w2", "b"];
const LABELS = { w1: "weight w₁", w2: "weight w₂", b: "bias b" };

export function misclassified(points, labels, w1, w2, b) {
  const predicted = classify(points, [w1, w2], b);
  return labels.flatMap((y, i) => (predicted[i] !== y ? [i] : []));
}

export function mount(element, settings) {
  const { points, labels, ranges } = settings;
  const arrowScale = settings.arrowScale ?? 1.5;
  if (!Array.isArray(points) || points.length !== labels?.length) {
    throw new Error("neuron-boundary: points and labels must be lists of the same length");
  }
  const colors = palette(settings.colors);
  addStyle("nnz-boundary-style", STYLE);
  const state = { w1: settings.w1, w2: settings.w2, b: settings.b };
  const root = document.createElement("div");
  root.className = "nnz-boundary";
  const { figure, canvas } = makeCanvasFigure(
    `${settings.title || "A two-input neuron"}: drag the boundary to move it or the arrow's handle to change the weights; the sliders below do the same`,
  );
  figure.tabIndex = -1;
  const readout = makeReadout();
  const sliders = Object.fromEntries(NAMES.map((name) => [name, makeSlider({
    label: LABELS[name], min: ranges[name][0], max: ranges[name][1], step: 0.01, value: state[name],
    valueText: (v) => format(v, 2), onInput: (v) => set({ ...state, [name]: v }),
  })]));
  root.append(figure, readout, ...NAMES.map((name) => sliders[name].element));
  element.append(root);

  let geometry = null;
  function update() {
    const wrong = misclassified(points, labels, state.w1, state.w2, state.b);
    const width = Math.max(240, Math.min(512, Math.floor(root.clientWidth || 480)));
    // 56 px on the left leaves room for the rotated x₂ label beside the tick numbers
    const margin = { left: 56, right: 12, top: 28, bottom: 40 };
    const side = width - margin.left - margin.right;
    const height = side + margin.top + margin.bottom;
    const ctx = sizeCanvas(canvas, width, height);
    ctx.fillStyle = colors.face;
    ctx.fillRect(0, 0, width, height);
    geometry = drawPlane(ctx, { x: margin.left, y: margin.top, width: side, height: side }, {
      extent: settings.extent, points, labels, w: [state.w1, state.w2], b: state.b, colors, wrong,
      arrow: true, arrowScale, xLabel: "x₁: links", yLabel: "x₂: exclamation marks",
      title: `misclassified: ${wrong.length} of ${points.length}`,
    });
    figure.dataset.handle = [geometry.px(geometry.tip[0]), geometry.py(geometry.tip[1])].map(Math.round).join(",");
    readout.textContent = `Boundary ${format(state.w1, 2)}·x₁ + ${format(state.w2, 2)}·x₂ + (${format(state.b, 2)}) = 0: ` +
      `${wrong.length} of ${points.length} emails misclassified.`;
    for (const name of NAMES) sliders[name].set(state[name]);
  }
  const schedule = frameScheduler(update);

  // Values are kept at 0.01 (as the sliders), inside their ranges; w = (0, 0) has no
  // boundary, so such a move is refused.
  function set(values) {
    const next = {};
    for (const name of NAMES) {
      const [low, high] = ranges[name];
      next[name] = Math.round(Math.min(high, Math.max(low, values[name])) * 100) / 100;
    }
    if (next.w1 === 0 && next.w2 === 0) return;
    Object.assign(state, next);
    schedule();
  }

  let dragging = null;
  figure.addEventListener("pointerdown", (event) => {
    const [x, y] = pointerAt(canvas, event);
    const [hx, hy] = figure.dataset.handle.split(",").map(Number);
    dragging = Math.hypot(x - hx, y - hy) <= HANDLE_RADIUS ? "weights" : "boundary";
    figure.setPointerCapture?.(event.pointerId);
    move(x, y);
  });
  function move(x, y) {
    const p = geometry.toData(x, y);
    if (dragging === "boundary") {
      set({ ...state, b: -(p[0] * state.w1 + p[1] * state.w2) });
    } else {
      // the tip is drawn at foot + arrowScale * w, the scale shortened near the edge
      // (plane.js arrowPlacement); a floor keeps a very short arrow's drag from racing
      const foot = geometry.foot;
      const scale = Math.max(geometry.arrowScale, arrowScale / 4);
      const w1 = (p[0] - foot[0]) / scale, w2 = (p[1] - foot[1]) / scale;
      set({ w1, w2, b: -(foot[0] * w1 + foot[1] * w2) });
    }
  }
  figure.addEventListener("pointermove", (event) => {
    if (dragging) move(...pointerAt(canvas, event));
  });
  const stop = () => { dragging = null; };
  figure.addEventListener("pointerup", stop);
  figure.addEventListener("pointercancel", stop);
  const resize = new ResizeObserver(() => schedule());
  resize.observe(root);
  update();
  return { set, readout: () => readout.textContent, destroy() { resize.disconnect(); root.remove(); } };
}
