// A two-feature plane with labelled points and one straight boundary w . x + b = 0:
// the picture of chapters 0 and 2 (the XOR line, a two-input neuron, the perceptron).
//
//   tint(color, face, strength=0.6)   the colour nnbook.plotting.decision_map_rgb gives a
//                                     certain region of class `color`.
//   drawPlane(ctx, box, { extent: [x0, x1, y0, y1], points, labels, w, b, colors,
//             wrong, ring, arrow, anchor, arrowScale, xLabel, yLabel, title })
//       shades the side w . x + b >= 0 with class 1's tint and the other side with
//       class 0's, draws the boundary, the points (class 0 circles, class 1 squares as in
//       nnbook.plotting), a cross over each point whose index is in `wrong`, a ring around
//       point `ring`, and with `arrow` the weight vector w from its foot, placed by
//       arrowPlacement (below) so that foot and tip stay inside the extent. Returns
//       { px, py, toData(xCss, yCss), foot, tip, arrowScale } (foot and tip in data
//       units; tip = foot + arrowScale * w, the scale actually drawn).
//   arrowPlacement(extent, w, b, { anchor, scale })
//       { foot, tip, scale } of the weight arrow, both ends inside the extent: the foot
//       is the point of the boundary nearest `anchor` (default: the middle of the
//       extent) but no further than the boundary's part inside the extent; when the
//       boundary misses the extent, the corner nearest it. The tip is foot + scale * w,
//       shortened (scale made smaller) where it would leave the extent.
//   classify(points, w, b)             1 where w . x + b >= 0, else 0 (nnlib's step(0) = 1).
//
// nnbook/live_neurons.py (arrow_placement) is the same placement for the Python pictures.

import { drawAxes } from "./figure.js";

function rgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function tint(color, face, strength = 0.6) {
  const c = rgb(color), f = rgb(face);
  const mixed = f.map((v, i) => Math.round(v + strength * (c[i] - v)));
  return `rgb(${mixed.join(",")})`;
}

export function classify(points, w, b) {
  // x1 w1 + x2 w2 + b, in the order numpy's X @ w + b adds
  return points.map(([x1, x2]) => (x1 * w[0] + x2 * w[1] + b >= 0 ? 1 : 0));
}

// The polygon of the box [x0, x1] x [y0, y1] where w . x + b >= 0 (Sutherland-Hodgman
// against one half-plane), in data units.
function positiveSide(extent, w, b) {
  const [x0, x1, y0, y1] = extent;
  const corners = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
  const side = (p) => p[0] * w[0] + p[1] * w[1] + b;
  const out = [];
  for (let i = 0; i < 4; i++) {
    const p = corners[i], q = corners[(i + 1) % 4];
    const sp = side(p), sq = side(q);
    if (sp >= 0) out.push(p);
    if ((sp >= 0) !== (sq >= 0)) {
      const t = sp / (sp - sq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

function fillPolygon(ctx, polygon, px, py) {
  if (polygon.length < 3) return;
  ctx.beginPath();
  polygon.forEach(([u, v], i) => (i === 0 ? ctx.moveTo(px(u), py(v)) : ctx.lineTo(px(u), py(v))));
  ctx.closePath();
  ctx.fill();
}

const clamp = (v, low, high) => Math.min(high, Math.max(low, v));

export function arrowPlacement(extent, w, b, { anchor, scale = 1 } = {}) {
  const [x0, x1, y0, y1] = extent;
  const low = [x0, y0], high = [x1, y1];
  const middle = anchor ?? [(x0 + x1) / 2, (y0 + y1) / 2];
  const norm2 = w[0] * w[0] + w[1] * w[1];
  if (!(norm2 > 0)) return { foot: [...middle], tip: [...middle], scale: 0 };
  const side = (p) => p[0] * w[0] + p[1] * w[1] + b;
  // the boundary's point nearest the anchor, then along the boundary (direction d) to
  // the part of it inside the extent: foot + t d is inside for t in [tLow, tHigh]
  const reach = side(middle) / norm2;
  let foot = [middle[0] - reach * w[0], middle[1] - reach * w[1]];
  const length = Math.sqrt(norm2);
  const d = [-w[1] / length, w[0] / length];
  let tLow = -Infinity, tHigh = Infinity;
  for (let i = 0; i < 2; i++) {
    if (d[i] === 0) {
      if (foot[i] < low[i] || foot[i] > high[i]) tLow = Infinity;
    } else {
      const [a, c] = [(low[i] - foot[i]) / d[i], (high[i] - foot[i]) / d[i]];
      tLow = Math.max(tLow, Math.min(a, c));
      tHigh = Math.min(tHigh, Math.max(a, c));
    }
  }
  if (tLow <= tHigh) {
    const t = clamp(0, tLow, tHigh);
    foot = [foot[0] + t * d[0], foot[1] + t * d[1]];
  } else {
    // no part of the boundary is in view: start at the corner nearest it
    const corners = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
    foot = corners.reduce((best, c) => (Math.abs(side(c)) < Math.abs(side(best)) ? c : best));
  }
  // rounding may leave the foot a hair outside
  foot = [clamp(foot[0], x0, x1), clamp(foot[1], y0, y1)];
  let s = scale;
  for (let i = 0; i < 2; i++) {
    if (w[i] > 0) s = Math.min(s, (high[i] - foot[i]) / w[i]);
    if (w[i] < 0) s = Math.min(s, (low[i] - foot[i]) / w[i]);
  }
  s = Math.max(0, s);
  const tip = [clamp(foot[0] + s * w[0], x0, x1), clamp(foot[1] + s * w[1], y0, y1)];
  return { foot, tip, scale: s };
}

export function drawPlane(ctx, box, options) {
  const { extent, points, labels, w, b, colors } = options;
  const [x0, x1, y0, y1] = extent;
  const px = (u) => box.x + ((u - x0) / (x1 - x0)) * box.width;
  const py = (v) => box.y + box.height - ((v - y0) / (y1 - y0)) * box.height;
  const norm2 = w[0] * w[0] + w[1] * w[1];
  const { foot, tip, scale } = arrowPlacement(extent, w, b, { anchor: options.anchor, scale: options.arrowScale ?? 1 });

  ctx.save();
  ctx.fillStyle = tint(colors.classes[0], colors.face);
  ctx.fillRect(box.x, box.y, box.width, box.height);
  if (norm2 > 0) {
    ctx.fillStyle = tint(colors.classes[1], colors.face);
    fillPolygon(ctx, positiveSide(extent, w, b), px, py);
  }
  ctx.restore();
  drawAxes(ctx, box, {
    x: [x0, x1], y: [y0, y1], colors, title: options.title, xLabel: options.xLabel,
    yLabel: options.yLabel, zeroLines: false,
  });

  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.width, box.height);
  ctx.clip();
  if (norm2 > 0) {
    // the boundary: the foot of the perpendicular from the origin, plus and minus far
    // along the line's direction (the arrow's foot may be off the line, at a corner)
    const onLine = [(-b * w[0]) / norm2, (-b * w[1]) / norm2];
    const far = 4 * Math.max(x1 - x0, y1 - y0) + Math.hypot(onLine[0], onLine[1]) + Math.hypot(x0, x1, y0, y1);
    const d = [-w[1] / Math.sqrt(norm2), w[0] / Math.sqrt(norm2)];
    ctx.strokeStyle = colors.ink;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(px(onLine[0] - far * d[0]), py(onLine[1] - far * d[1]));
    ctx.lineTo(px(onLine[0] + far * d[0]), py(onLine[1] + far * d[1]));
    ctx.stroke();
  }
  const wrong = new Set(options.wrong ?? []);
  points.forEach(([u, v], i) => {
    const cx = px(u), cy = py(v);
    ctx.fillStyle = colors.classes[labels[i]];
    ctx.strokeStyle = colors.ink;
    ctx.lineWidth = 1;
    ctx.beginPath();
    if (labels[i] === 1) ctx.rect(cx - 5, cy - 5, 10, 10);
    else ctx.arc(cx, cy, 5.5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    if (wrong.has(i)) {
      ctx.strokeStyle = colors.negative;
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      ctx.moveTo(cx - 9, cy - 9);
      ctx.lineTo(cx + 9, cy + 9);
      ctx.moveTo(cx + 9, cy - 9);
      ctx.lineTo(cx - 9, cy + 9);
      ctx.stroke();
    }
  });
  if (options.ring != null) {
    const [u, v] = points[options.ring];
    ctx.strokeStyle = colors.ink;
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    ctx.arc(px(u), py(v), 15, 0, 2 * Math.PI);
    ctx.stroke();
  }
  if (options.arrow && norm2 > 0) {
    const [ax, ay, bx, by] = [px(foot[0]), py(foot[1]), px(tip[0]), py(tip[1])];
    // the head points along w even when the arrow had to shrink to nothing at the edge
    const angle = Math.atan2(py(foot[1] + w[1]) - ay, px(foot[0] + w[0]) - ax);
    ctx.strokeStyle = colors.ink;
    ctx.fillStyle = colors.ink;
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    ctx.moveTo(ax, ay);
    ctx.lineTo(bx - 8 * Math.cos(angle), by - 8 * Math.sin(angle));
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(bx, by);
    ctx.lineTo(bx - 12 * Math.cos(angle - 0.4), by - 12 * Math.sin(angle - 0.4));
    ctx.lineTo(bx - 12 * Math.cos(angle + 0.4), by - 12 * Math.sin(angle + 0.4));
    ctx.closePath();
    ctx.fill();
    // the handle the reader drags
    ctx.fillStyle = colors.face;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(bx, by, 7, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();
  const toData = (xCss, yCss) => [
    x0 + ((xCss - box.x) / box.width) * (x1 - x0),
    y0 + ((box.y + box.height - yCss) / box.height) * (y1 - y0),
  ];
  return { px, py, toData, foot, tip, arrowScale: scale };
}
