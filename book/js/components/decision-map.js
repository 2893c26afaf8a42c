// A network's decision map over a plane, and labelled points on it: the picture of the
// live-trained XOR networks (xor-training.js, chapter 0; xor-fold.js, chapter 5).
//
//   probabilityGrid(extent, cells, probability)
//       { values: Float64Array(cells * cells), cells }: probability(Matrix of grid
//       points, one per row) -> Matrix (n x 1) of P(class 1), evaluated at the centres
//       of a cells x cells grid over extent = [x0, x1, y0, y1], row 0 at the top.
//   drawDecisionMap(ctx, box, extent, grid, colors)
//       shades the box like nnbook.plotting.decision_map_rgb (class colours mixed by
//       probability, fading to the face colour where the model is unsure; strength
//       0.6) and draws the boundary p = 0.5 as a dark line (marching squares).
//   drawPoints(ctx, box, extent, points, labels, colors, { radius, wrong })
//       class 0 circles, class 1 squares (as nnbook.plotting), a cross over each index
//       in `wrong`; points outside the box are clipped.

import { Matrix } from "../nnlib/matrix.js";

const STRENGTH = 0.6; // nnbook.plotting.decision_map_rgb's default

function rgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function probabilityGrid(extent, cells, probability) {
  const [x0, x1, y0, y1] = extent;
  const G = new Matrix(cells * cells, 2);
  for (let row = 0; row < cells; row++) {
    const y = y1 - ((row + 0.5) / cells) * (y1 - y0);
    for (let col = 0; col < cells; col++) {
      const k = row * cells + col;
      G.data[2 * k] = x0 + ((col + 0.5) / cells) * (x1 - x0);
      G.data[2 * k + 1] = y;
    }
  }
  return { values: Float64Array.from(probability(G).data), cells };
}

// Where the boundary crosses the edge between two grid centres (linear in p).
function crossing(pa, pb) {
  return (0.5 - pa) / (pb - pa);
}

// One small canvas per grid size, reused by every redraw: a new canvas on each frame
// of a drag made the browser set up (and later collect) a new bitmap every time.
const scratch = new Map();
function scratchCanvas(cells) {
  if (!scratch.has(cells)) {
    const canvas = document.createElement("canvas");
    canvas.width = cells;
    canvas.height = cells;
    scratch.set(cells, canvas);
  }
  return scratch.get(cells);
}

export function drawDecisionMap(ctx, box, extent, grid, colors) {
  const { values, cells } = grid;
  const face = rgb(colors.face), c0 = rgb(colors.classes[0]), c1 = rgb(colors.classes[1]);
  const image = new ImageData(cells, cells);
  for (let k = 0; k < cells * cells; k++) {
    const p = Math.min(1, Math.max(0, values[k]));
    const confidence = Math.abs(2 * p - 1);
    for (let channel = 0; channel < 3; channel++) {
      const mixed = (1 - p) * c0[channel] + p * c1[channel];
      image.data[4 * k + channel] = Math.round(face[channel] + STRENGTH * confidence * (mixed - face[channel]));
    }
    image.data[4 * k + 3] = 255;
  }
  const small = scratchCanvas(cells);
  small.getContext("2d").putImageData(image, 0, 0);
  ctx.save();
  ctx.imageSmoothingEnabled = true;
  // Bilinear: the grid is a smooth field of probabilities and the boundary is drawn on
  // top as a line, so a finer filter shows nothing more; it cost the fold (two maps per
  // redraw) frames while its slider was dragged.
  ctx.imageSmoothingQuality = "low";
  ctx.drawImage(small, box.x, box.y, box.width, box.height);
  // the boundary: in every square of four neighbouring centres whose probabilities
  // straddle 0.5, a segment between the edges where they cross
  const cw = box.width / cells, ch = box.height / cells;
  const at = (row, col) => values[row * cells + col];
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.width, box.height);
  ctx.clip();
  ctx.strokeStyle = colors.ink;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (let row = 0; row < cells - 1; row++) {
    for (let col = 0; col < cells - 1; col++) {
      const p = [at(row, col), at(row, col + 1), at(row + 1, col + 1), at(row + 1, col)];
      const left = box.x + (col + 0.5) * cw, top = box.y + (row + 0.5) * ch;
      const edges = [];
      if ((p[0] >= 0.5) !== (p[1] >= 0.5)) edges.push([left + crossing(p[0], p[1]) * cw, top]);
      if ((p[1] >= 0.5) !== (p[2] >= 0.5)) edges.push([left + cw, top + crossing(p[1], p[2]) * ch]);
      if ((p[3] >= 0.5) !== (p[2] >= 0.5)) edges.push([left + crossing(p[3], p[2]) * cw, top + ch]);
      if ((p[0] >= 0.5) !== (p[3] >= 0.5)) edges.push([left, top + crossing(p[0], p[3]) * ch]);
      for (let e = 0; e + 1 < edges.length; e += 2) {
        ctx.moveTo(...edges[e]);
        ctx.lineTo(...edges[e + 1]);
      }
    }
  }
  ctx.stroke();
  ctx.restore();
}

export function drawPoints(ctx, box, extent, points, labels, colors, { radius = 5, wrong = [] } = {}) {
  const [x0, x1, y0, y1] = extent;
  const px = (u) => box.x + ((u - x0) / (x1 - x0)) * box.width;
  const py = (v) => box.y + box.height - ((v - y0) / (y1 - y0)) * box.height;
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.width, box.height);
  ctx.clip();
  points.forEach(([u, v], i) => {
    const cx = px(u), cy = py(v);
    ctx.fillStyle = colors.classes[labels[i]];
    ctx.strokeStyle = colors.ink;
    ctx.lineWidth = 1;
    ctx.beginPath();
    if (labels[i] === 1) ctx.rect(cx - radius, cy - radius, 2 * radius, 2 * radius);
    else ctx.arc(cx, cy, radius * 1.1, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  });
  ctx.strokeStyle = colors.negative;
  ctx.lineWidth = 2.5;
  for (const i of wrong) {
    const cx = px(points[i][0]), cy = py(points[i][1]), r = radius + 4;
    ctx.beginPath();
    ctx.moveTo(cx - r, cy - r);
    ctx.lineTo(cx + r, cy + r);
    ctx.moveTo(cx + r, cy - r);
    ctx.lineTo(cx - r, cy + r);
    ctx.stroke();
  }
  ctx.restore();
}
