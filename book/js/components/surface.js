// Two-weight loss surfaces and optimizer paths over them (chapter 9), shared by the
// descent-surface and optimizer-race components.
//
// Python twin: nnbook/live_optimization.py (surface_loss, surface_gradient, descend),
// which writes the same arithmetic in the same order, so the paths agree to rounding.
//   { kind: "quadratic", hessian: [[a, b], [c, d]] }   L = 1/2 w.Hw,  gradient Hw
//   { kind: "rosenbrock" }                             L = (1 - w1)^2 + 100 (w2 - w1^2)^2
// `descend` runs one of the twin's optimizers (book/js/nnlib/optimizers.js) on the
// weight vector, exactly as a network's weights are updated (in place, step by step).
// `drawField` paints the surface as shaded bands between the contour levels Python
// chose, one evaluation per device pixel, so the contour lines stay crisp.

import { drawAxes, format, formatExponential } from "./figure.js";

// A loss as the readouts write it ("1.08e+2"), or "overflow" past the largest float
// (nnbook.live_optimization.loss_text).
export function lossText(value, digits = 2) {
  return Number.isFinite(value) ? formatExponential(value, digits) : "overflow";
}

// Three significant digits (0.00100, 0.0316, 0.200), as nnbook.live_training.format_learning_rate.
export function formatLearningRate(rate) {
  const exponent = Math.floor(Math.log10(rate) + 1e-9);
  return format(rate, Math.max(0, 2 - exponent));
}

export function surfaceLoss(surface, w) {
  const [w1, w2] = w;
  if (surface.kind === "quadratic") {
    const [[a, b], [c, d]] = surface.hessian;
    return 0.5 * (w1 * (a * w1 + b * w2) + w2 * (c * w1 + d * w2));
  }
  if (surface.kind === "rosenbrock") {
    const gap = 1 - w1, valley = w2 - w1 * w1;
    return gap * gap + 100 * (valley * valley);
  }
  throw new Error(`surface: kind must be "quadratic" or "rosenbrock"; got ${JSON.stringify(surface.kind)}`);
}

export function surfaceGradient(surface, w) {
  const [w1, w2] = w;
  if (surface.kind === "quadratic") {
    const [[a, b], [c, d]] = surface.hessian;
    return Float64Array.of(a * w1 + b * w2, c * w1 + d * w2);
  }
  const valley = w2 - w1 * w1;
  return Float64Array.of(-2 * (1 - w1) - 400 * w1 * valley, 200 * valley);
}

// The path of `steps` optimizer steps from `start`: an array of [w1, w2] (steps + 1
// entries) and the loss at each. Once a weight is no longer a finite number the path
// stops growing (the rest would be NaN) and `blewUpAt` says at which step.
export function descend(optimizer, surface, start, steps) {
  const w = Float64Array.from(start);
  const path = [[w[0], w[1]]];
  const losses = [surfaceLoss(surface, w)];
  let blewUpAt = null;
  for (let t = 1; t <= steps; t++) {
    optimizer.step([w], [surfaceGradient(surface, w)]);
    if (!Number.isFinite(w[0]) || !Number.isFinite(w[1])) {
      blewUpAt = t;
      break;
    }
    path.push([w[0], w[1]]);
    losses.push(surfaceLoss(surface, w));
  }
  return { path, losses, blewUpAt };
}

const fieldCache = new WeakMap();

// Shaded bands between `levels` (increasing) and a dark pixel where the band changes:
// drawn into an offscreen canvas at device resolution, kept until the size changes.
export function drawField(ctx, box, surface, extent, levels, colors) {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.round(box.width * ratio), height = Math.round(box.height * ratio);
  const key = `${width}x${height}`;
  let cached = fieldCache.get(ctx.canvas);
  if (!cached || cached.key !== key) {
    const [x0, x1, y0, y1] = extent;
    const band = new Uint8Array(width * height);
    const w = [0, 0];
    for (let j = 0; j < height; j++) {
      w[1] = y1 - ((j + 0.5) / height) * (y1 - y0);
      for (let i = 0; i < width; i++) {
        w[0] = x0 + ((i + 0.5) / width) * (x1 - x0);
        const loss = surfaceLoss(surface, w);
        let k = 0;
        while (k < levels.length && loss > levels[k]) k++;
        band[j * width + i] = k;
      }
    }
    const offscreen = document.createElement("canvas");
    offscreen.width = width;
    offscreen.height = height;
    const image = offscreen.getContext("2d").createImageData(width, height);
    const face = hex(colors.face), shade = hex(colors.series[0]), line = hex(colors.muted);
    for (let p = 0; p < width * height; p++) {
      const k = band[p];
      const edge = (p % width < width - 1 && band[p + 1] !== k) || (p + width < band.length && band[p + width] !== k);
      // low loss: a light blue tint; high loss: the face colour
      const t = 0.28 * (1 - k / levels.length);
      const rgb = edge ? line : face.map((f, c) => Math.round(f + t * (shade[c] - f)));
      image.data.set([rgb[0], rgb[1], rgb[2], 255], 4 * p);
    }
    offscreen.getContext("2d").putImageData(image, 0, 0);
    cached = { key, offscreen };
    fieldCache.set(ctx.canvas, cached);
  }
  ctx.drawImage(cached.offscreen, box.x, box.y, box.width, box.height);
}

function hex(color) {
  const n = parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

// Axes over the field, mapping data to CSS px and back.
export function surfaceAxes(ctx, box, extent, colors, title) {
  const [x0, x1, y0, y1] = extent;
  const { px, py } = drawAxes(ctx, box, {
    x: [x0, x1], y: [y0, y1], colors, title, xLabel: "weight 1", yLabel: "weight 2", zeroLines: false,
  });
  const toData = (xCss, yCss) => [
    x0 + ((xCss - box.x) / box.width) * (x1 - x0),
    y0 + ((box.y + box.height - yCss) / box.height) * (y1 - y0),
  ];
  return { px, py, toData };
}

// A path as a line with dots, clipped to the box; returns the index of the first
// point outside the box (or null) so the component can say where it left.
export function drawPath(ctx, box, axes, path, color, { dots = true, dash = [] } = {}) {
  const { px, py } = axes;
  const inside = ([u, v]) => {
    const x = px(u), y = py(v);
    return x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;
  };
  let leaves = null;
  for (let k = 0; k < path.length; k++) {
    if (!inside(path[k])) { leaves = k; break; }
  }
  const shown = leaves === null ? path : path.slice(0, leaves + 1);
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.width, box.height);
  ctx.clip();
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 1.6;
  ctx.setLineDash(dash);
  ctx.beginPath();
  shown.forEach(([u, v], k) => (k === 0 ? ctx.moveTo(px(u), py(v)) : ctx.lineTo(px(u), py(v))));
  ctx.stroke();
  ctx.setLineDash([]);
  if (dots) {
    for (const [u, v] of shown) {
      ctx.beginPath();
      ctx.arc(px(u), py(v), 2.4, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.restore();
  return leaves;
}

export function drawStar(ctx, x, y, radius, color, ink) {
  ctx.save();
  ctx.fillStyle = color;
  ctx.strokeStyle = ink;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const r = k % 2 === 0 ? radius : radius * 0.45;
    const angle = -Math.PI / 2 + (k * Math.PI) / 5;
    const [u, v] = [x + r * Math.cos(angle), y + r * Math.sin(angle)];
    if (k === 0) ctx.moveTo(u, v);
    else ctx.lineTo(u, v);
  }
  ctx.closePath();
  ctx.fill();
  ctx.stroke();
  ctx.restore();
}

// Loss per step on a log axis; values outside [low, high] are pinned to the frame.
export function drawLossCurves(ctx, box, series, { steps, yRange, colors, title, marker }) {
  const { px, py } = drawAxes(ctx, box, {
    x: [0, steps], y: yRange, yLog: true, colors, title, xLabel: "step", yLabel: "loss (log scale)",
    xTickLabel: (t) => String(Math.round(t)),
  });
  const clamp = (v) => Math.min(yRange[1], Math.max(yRange[0], v));
  ctx.save();
  for (const { values, color, dash = [] } of series) {
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = 2;
    ctx.setLineDash(dash);
    ctx.beginPath();
    values.forEach((v, k) => (k === 0 ? ctx.moveTo(px(k), py(clamp(v))) : ctx.lineTo(px(k), py(clamp(v)))));
    ctx.stroke();
    ctx.setLineDash([]);
    if (marker !== undefined && values.length) {
      const k = Math.min(marker, values.length - 1);
      ctx.beginPath();
      ctx.arc(px(k), py(clamp(values[k])), 3.5, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.restore();
}
