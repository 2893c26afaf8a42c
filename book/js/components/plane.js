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
//       point `ring`, and with `arrow` the weight vector w (arrowScale * w long, data
//       units) from its foot on the boundary: the point of the line nearest `anchor`
//       (default: the middle of the extent, so the arrow stays in view). Returns
//       { px, py, toData(xCss, yCss), foot, tip } (foot and tip of the arrow in data units).
//   classify(points, w, b)             1 where w . x + b >= 0, else 0 (nnlib's step(0) = 1).

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

export function drawPlane(ctx, box, options) {
  const { extent, points, labels, w, b, colors } = options;
  const [x0, x1, y0, y1] = extent;
  const px = (u) => box.x + ((u - x0) / (x1 - x0)) * box.width;
  const py = (v) => box.y + box.height - ((v - y0) / (y1 - y0)) * box.height;
  const norm2 = w[0] * w[0] + w[1] * w[1];
  const anchor = options.anchor ?? [(x0 + x1) / 2, (y0 + y1) / 2];
  const reach = norm2 > 0 ? (anchor[0] * w[0] + anchor[1] * w[1] + b) / norm2 : 0;
  const foot = [anchor[0] - reach * w[0], anchor[1] - reach * w[1]];
  const scale = options.arrowScale ?? 1;
  const tip = [foot[0] + scale * w[0], foot[1] + scale * w[1]];

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
    // along the line's direction
    const far = 4 * Math.max(x1 - x0, y1 - y0) + Math.hypot(foot[0], foot[1]);
    const d = [-w[1] / Math.sqrt(norm2), w[0] / Math.sqrt(norm2)];
    ctx.strokeStyle = colors.ink;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(px(foot[0] - far * d[0]), py(foot[1] - far * d[1]));
    ctx.lineTo(px(foot[0] + far * d[0]), py(foot[1] + far * d[1]));
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
    const angle = Math.atan2(by - ay, bx - ax);
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
  return { px, py, toData, foot, tip };
}
