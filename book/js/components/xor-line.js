// One straight line over the four XOR points (chapter 0), computed in the page.
//
// Python side: nnbook/live_neurons.py (xor_line), which sends
//     { points: [[x1, x2] x 4], labels: [0, 1, 1, 0], theta, offset, offsetRange,
//       extent: [x0, x1, y0, y1], title, colors }
// with the points and labels of nnlib.datasets.logic_gate("xor").
//
// The line is w . x = c with w = (cos θ, sin θ); the side w . x >= c is class 1. The
// reader drags the line (it follows the pointer, θ kept) or its arrow's handle (the line
// turns about its marked foot), uses the keys on the figure (← → turn, ↑ ↓ shift; with
// Shift ten times further) or the two sliders. The count of misclassified points updates
// with every move; for XOR it is never 0.

import {
  addStyle, format, frameScheduler, makeCanvasFigure, makeReadout, makeSlider, palette,
  pointerAt, sizeCanvas,
} from "./figure.js";
import { classify, drawPlane } from "./plane.js";

const STYLE = `.nnz-xor-line { margin: 0.5rem 0 1rem; max-width: 30rem; }
.nnz-xor-line .nnz-fig-canvas { cursor: grab; }`;
const HANDLE_RADIUS = 18; // CSS px around the arrow's tip that turn the line

function check(settings) {
  const s = { offsetRange: [-0.5, 1.5], extent: [-0.6, 1.6, -0.6, 1.6], title: "", ...settings };
  if (!Array.isArray(s.points) || !Array.isArray(s.labels) || s.points.length !== s.labels.length) {
    throw new Error(`xor-line: points and labels must be lists of the same length; got ${JSON.stringify([s.points, s.labels])}`);
  }
  for (const [name, value] of [["theta", s.theta], ["offset", s.offset]]) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new Error(`xor-line: ${name} must be a finite number; got ${JSON.stringify(value)}`);
    }
  }
  return { ...s, colors: palette(s.colors) };
}

// The numbers the page shows, rounded as the controls store them: θ to 0.1 degree, c to
// 0.01, so nnbook.live_neurons.xor_line_readout can recompute them exactly.
export function lineErrors(points, labels, theta, offset) {
  const radians = theta * (Math.PI / 180); // numpy's radians(): theta * (pi / 180)
  const w = [Math.cos(radians), Math.sin(radians)];
  const predicted = classify(points, w, -offset);
  return { w, wrong: labels.flatMap((y, i) => (predicted[i] !== y ? [i] : [])) };
}

export function mount(element, settings) {
  const options = check(settings);
  addStyle("nnz-xor-line-style", STYLE);
  const { points, labels } = options;
  const state = { theta: options.theta, offset: options.offset };
  const root = document.createElement("div");
  root.className = "nnz-xor-line";
  const { figure, canvas } = makeCanvasFigure(
    `${options.title || "A line over the XOR points"}: drag the line to shift it or its arrow to turn it; ` +
      "left and right arrow keys turn it, up and down arrow keys shift it",
  );
  const readout = makeReadout();
  const thetaSlider = makeSlider({
    label: "angle θ", min: 0, max: 360, step: 0.1, value: state.theta,
    valueText: (v) => `${format(v, 1)}°`, onInput: (v) => set(v, state.offset),
  });
  const offsetSlider = makeSlider({
    label: "offset c", min: options.offsetRange[0], max: options.offsetRange[1], step: 0.01,
    value: state.offset, valueText: (v) => format(v, 2), onInput: (v) => set(state.theta, v),
  });
  root.append(figure, readout, thetaSlider.element, offsetSlider.element);
  element.append(root);

  let geometry = null;
  function readoutText(wrong) {
    return `θ = ${format(state.theta, 1)}°, c = ${format(state.offset, 2)}: ` +
      `${wrong.length} of ${points.length} points misclassified.`;
  }
  function update() {
    const { w, wrong } = lineErrors(points, labels, state.theta, state.offset);
    const width = Math.max(240, Math.min(480, Math.floor(root.clientWidth || 400)));
    const margin = { left: 44, right: 12, top: 28, bottom: 40 };
    const side = width - margin.left - margin.right;
    const ctx = sizeCanvas(canvas, width, side + margin.top + margin.bottom);
    ctx.fillStyle = options.colors.face;
    ctx.fillRect(0, 0, width, side + margin.top + margin.bottom);
    geometry = drawPlane(ctx, { x: margin.left, y: margin.top, width: side, height: side }, {
      extent: options.extent, points, labels, w, b: -state.offset, colors: options.colors,
      wrong, arrow: true, arrowScale: 0.45, xLabel: "x₁", title: `misclassified: ${wrong.length} of ${points.length}`,
    });
    // where the turning handle is (CSS px), for tests and page scripts
    figure.dataset.handle = [geometry.px(geometry.tip[0]), geometry.py(geometry.tip[1])].map(Math.round).join(",");
    const text = readoutText(wrong);
    readout.textContent = text;
    thetaSlider.set(state.theta);
    offsetSlider.set(state.offset);
  }
  const schedule = frameScheduler(update);

  function set(theta, offset) {
    const [low, high] = options.offsetRange;
    state.theta = Math.round((((theta % 360) + 360) % 360) * 10) / 10;
    state.offset = Math.round(Math.min(high, Math.max(low, offset)) * 100) / 100;
    schedule();
  }

  let dragging = null; // "turn" or "shift"
  figure.addEventListener("pointerdown", (event) => {
    const [x, y] = pointerAt(canvas, event);
    const tip = [geometry.px(geometry.tip[0]), geometry.py(geometry.tip[1])];
    dragging = Math.hypot(x - tip[0], y - tip[1]) <= HANDLE_RADIUS ? "turn" : "shift";
    figure.setPointerCapture?.(event.pointerId);
    move(x, y);
  });
  function move(x, y) {
    const p = geometry.toData(x, y);
    const radians = state.theta * (Math.PI / 180);
    if (dragging === "shift") {
      set(state.theta, p[0] * Math.cos(radians) + p[1] * Math.sin(radians));
    } else {
      const foot = geometry.foot;
      const angle = Math.atan2(p[1] - foot[1], p[0] - foot[0]);
      if (Math.hypot(p[1] - foot[1], p[0] - foot[0]) < 1e-6) return;
      set((angle * 180) / Math.PI, foot[0] * Math.cos(angle) + foot[1] * Math.sin(angle));
    }
  }
  figure.addEventListener("pointermove", (event) => {
    if (dragging) move(...pointerAt(canvas, event));
  });
  const stop = () => { dragging = null; };
  figure.addEventListener("pointerup", stop);
  figure.addEventListener("pointercancel", stop);
  figure.addEventListener("keydown", (event) => {
    const scale = event.shiftKey ? 10 : 1;
    const moves = {
      ArrowLeft: [scale, 0], ArrowRight: [-scale, 0], ArrowUp: [0, 0.01 * scale], ArrowDown: [0, -0.01 * scale],
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    set(state.theta + moves[event.key][0], state.offset + moves[event.key][1]);
  });
  const resize = new ResizeObserver(() => schedule());
  resize.observe(root);
  update();
  return {
    set,
    readout: () => readout.textContent,
    destroy() { resize.disconnect(); root.remove(); },
  };
}
