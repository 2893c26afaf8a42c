// The playground's pictures on <canvas>: the decision map with its data and axes,
// the loss curves, the data-set thumbnails and the small maps inside the neurons.
//
// Colours are the book's (nnbook/plotting.py): orange, teal and sky blue for the
// classes, blue and vermillion for positive and negative values, on the off-white
// card of the book's figures. A map mixes the class colours by probability and fades
// to the card where the network is unsure, as plotting.decision_map_rgb does.

export const PALETTE = {
  classes: ["#E69F00", "#009E73", "#56B4E9"],
  positive: "#0072B2",
  negative: "#D55E00",
  face: "#FAFAF7",
  ink: "#222222",
  muted: "#8A8A8A",
  grid: "#DDDDDD",
  train: "#0072B2",
  test: "#D55E00",
  dead: "#BEBEBE",
};
const STRENGTH = 0.6; // how strongly a certain region is tinted (plotting.decision_map_rgb)

function rgb(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}
const CLASS_RGB = PALETTE.classes.map(rgb);
const FACE_RGB = rgb(PALETTE.face);
const POSITIVE_RGB = rgb(PALETTE.positive);
const NEGATIVE_RGB = rgb(PALETTE.negative);
const DEAD_RGB = rgb(PALETTE.dead);

/** A value in [-1, 1] as a colour: vermillion (−) through the card to blue (+),
 * kept strong enough that a point near 0 still shows on the map. */
function signedColour(value) {
  const t = Math.max(-1, Math.min(1, Number.isFinite(value) ? value : 0));
  const target = t >= 0 ? POSITIVE_RGB : NEGATIVE_RGB;
  const weight = 0.25 + 0.75 * Math.abs(t);
  const mix = (k) => Math.round(FACE_RGB[k] + weight * (target[k] - FACE_RGB[k]));
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

/** Size a canvas to `cssWidth` x `cssHeight` CSS pixels, backed at the device's
 * pixel ratio so lines and text stay crisp; returns its 2-D context, scaled to CSS
 * pixels. */
export function fitCanvas(canvas, cssWidth, cssHeight) {
  const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  const width = Math.max(1, Math.round(cssWidth * ratio));
  const height = Math.max(1, Math.round(cssHeight * ratio));
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  canvas.style.width = `${cssWidth}px`;
  canvas.style.height = `${cssHeight}px`;
  const context = canvas.getContext("2d");
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  return context;
}

/** The colour of one map pixel.
 * kind "binary": value = P(class 1); "multi": value = [p0, p1, p2];
 * "signed": value = a number in about [-1, 1] (regression, a hidden unit's output). */
function pixel(kind, value, discretize, out, offset) {
  let r, g, b;
  if (kind === "signed") {
    const t = Math.max(-1, Math.min(1, value));
    const target = t >= 0 ? POSITIVE_RGB : NEGATIVE_RGB;
    const weight = discretize ? (Math.abs(t) > 0.0 ? 0.75 : 0) : 0.75 * Math.abs(t);
    r = FACE_RGB[0] + weight * (target[0] - FACE_RGB[0]);
    g = FACE_RGB[1] + weight * (target[1] - FACE_RGB[1]);
    b = FACE_RGB[2] + weight * (target[2] - FACE_RGB[2]);
  } else if (kind === "binary" && !discretize) {
    // Two classes: the same mix as below, without building an array per pixel.
    const q = Math.max(0, Math.min(1, value));
    const c0 = CLASS_RGB[0], c1 = CLASS_RGB[1];
    const weight = STRENGTH * Math.abs(2 * q - 1);
    r = FACE_RGB[0] + weight * ((1 - q) * c0[0] + q * c1[0] - FACE_RGB[0]);
    g = FACE_RGB[1] + weight * ((1 - q) * c0[1] + q * c1[1] - FACE_RGB[1]);
    b = FACE_RGB[2] + weight * ((1 - q) * c0[2] + q * c1[2] - FACE_RGB[2]);
  } else {
    const p = kind === "binary" ? [1 - value, value] : value;
    const k = p.length;
    let best = 0;
    for (let i = 1; i < k; i++) if (p[i] > p[best]) best = i;
    if (discretize) {
      const colour = CLASS_RGB[best];
      r = FACE_RGB[0] + STRENGTH * (colour[0] - FACE_RGB[0]);
      g = FACE_RGB[1] + STRENGTH * (colour[1] - FACE_RGB[1]);
      b = FACE_RGB[2] + STRENGTH * (colour[2] - FACE_RGB[2]);
    } else {
      let mr = 0, mg = 0, mb = 0;
      for (let i = 0; i < k; i++) {
        const q = Math.max(0, Math.min(1, p[i]));
        mr += q * CLASS_RGB[i][0];
        mg += q * CLASS_RGB[i][1];
        mb += q * CLASS_RGB[i][2];
      }
      const confidence = Math.max(0, Math.min(1, (p[best] - 1 / k) / (1 - 1 / k)));
      const weight = STRENGTH * confidence;
      r = FACE_RGB[0] + weight * (mr - FACE_RGB[0]);
      g = FACE_RGB[1] + weight * (mg - FACE_RGB[1]);
      b = FACE_RGB[2] + weight * (mb - FACE_RGB[2]);
    }
  }
  out[offset] = r;
  out[offset + 1] = g;
  out[offset + 2] = b;
  out[offset + 3] = 255;
}

/** Paint a resolution x resolution map (row 0 = top = largest x2) into an offscreen
 * canvas; `valueAt(index)` gives pixel i's value (see `pixel`). Grey when `dead`. */
export function paintMap(target, resolution, kind, valueAt, { discretize = false, dead = false } = {}) {
  if (target.width !== resolution) target.width = target.height = resolution;
  const context = target.getContext("2d");
  // One ImageData per canvas, reused: a map is repainted many times a second.
  if (!target.nnzImage || target.nnzImage.width !== resolution) {
    target.nnzImage = context.createImageData(resolution, resolution);
  }
  const image = target.nnzImage;
  const data = image.data;
  for (let i = 0; i < resolution * resolution; i++) {
    if (dead) {
      data[4 * i] = DEAD_RGB[0];
      data[4 * i + 1] = DEAD_RGB[1];
      data[4 * i + 2] = DEAD_RGB[2];
      data[4 * i + 3] = 255;
    } else {
      pixel(kind, valueAt(i), discretize, data, 4 * i);
    }
  }
  context.putImageData(image, 0, 0);
  return target;
}

const MARGIN = { left: 30, right: 12, top: 6, bottom: 26 };

/** Where the decision map's plot area lies in its `size` x `size` picture (CSS px). */
export function plotArea(size) {
  return { left: MARGIN.left, top: MARGIN.top, side: size - MARGIN.left - MARGIN.right };
}

/** Place the small map canvas (resolution x resolution pixels, painted by paintMap)
 * over the plot area of the `size` picture: the browser scales it up smoothly, so a
 * training frame repaints only resolution^2 pixels. */
export function placeMap(mapCanvas, size) {
  const { left, top, side } = plotArea(size);
  Object.assign(mapCanvas.style, { left: `${left}px`, top: `${top}px`, width: `${side}px`, height: `${side}px` });
}

/** What lies over the decision map, drawn at the device's pixel ratio: the card
 * around the plot, the points, the frame, axes with ticks at every half unit, and a
 * caption. The plot area stays transparent, so the map beneath shows. `points`
 * lists {x1, x2, label, value, test}. Redrawn only when one of these changes. */
export function drawDecisionOverlay(canvas, size, { extent, points, kind, showTest, caption }) {
  const context = fitCanvas(canvas, size, size);
  const { left: x0, top: y0, side: plot } = plotArea(size);
  context.clearRect(0, 0, size, size);
  context.fillStyle = PALETTE.face;
  context.fillRect(0, 0, size, y0);
  context.fillRect(0, y0 + plot, size, size - y0 - plot);
  context.fillRect(0, y0, x0, plot);
  context.fillRect(x0 + plot, y0, size - x0 - plot, plot);
  const toX = (v) => x0 + ((v + extent) / (2 * extent)) * plot;
  const toY = (v) => y0 + ((extent - v) / (2 * extent)) * plot;
  drawPoints(context, points, { toX, toY, x0, y0, plot, size, kind, showTest });
  // Frame and axes.
  context.strokeStyle = PALETTE.muted;
  context.lineWidth = 1;
  context.strokeRect(x0 + 0.5, y0 + 0.5, plot - 1, plot - 1);
  context.fillStyle = PALETTE.ink;
  context.font = "11px system-ui, sans-serif";
  const step = extent > 3 ? 1 : 0.5;
  context.textAlign = "center";
  context.textBaseline = "top";
  for (let v = -Math.floor(extent / step) * step; v <= extent + 1e-9; v += step) {
    const x = toX(v);
    context.fillRect(x - 0.5, y0 + plot, 1, 4);
    if (Math.abs(v / step) % 2 === 0 || extent <= 1.5) context.fillText(tick(v), x, y0 + plot + 5);
  }
  context.fillText("x1", x0 + plot - 8, y0 + plot + 14);
  context.textAlign = "right";
  context.textBaseline = "middle";
  for (let v = -Math.floor(extent / step) * step; v <= extent + 1e-9; v += step) {
    const y = toY(v);
    context.fillRect(x0 - 4, y - 0.5, 4, 1);
    // a wide label ("−1.5") in a phone's narrow margin ends nearer the frame, inside the canvas
    const text = tick(v);
    if (Math.abs(v / step) % 2 === 0 || extent <= 1.5) context.fillText(text, Math.max(x0 - 6, context.measureText(text).width + 1), y);
  }
  context.save();
  context.translate(9, y0 + 12);
  context.rotate(-Math.PI / 2);
  context.textAlign = "right";
  context.fillText("x2", 0, 0);
  context.restore();
  if (caption) {
    context.textAlign = "left";
    context.textBaseline = "top";
    const width = context.measureText(caption).width;
    context.fillStyle = "rgba(250,250,247,0.9)";
    context.fillRect(x0 + 4, y0 + 4, width + 8, 17);
    context.fillStyle = PALETTE.ink;
    context.fillText(caption, x0 + 8, y0 + 7);
  }
}

function drawPoints(context, points, { toX, toY, x0, y0, plot, size, kind, showTest }) {
  const radius = size < 260 ? 2.6 : 3.4;
  for (const point of points) {
    if (point.test && !showTest) continue;
    const x = toX(point.x1), y = toY(point.x2);
    if (x < x0 || x > x0 + plot || y < y0 || y > y0 + plot) continue;
    const fill = kind === "signed" ? signedColour(point.value) : PALETTE.classes[point.label];
    context.beginPath();
    context.arc(x, y, radius, 0, 2 * Math.PI);
    if (point.test) {
      // Test points: rings, so they never pass for training points.
      context.lineWidth = 1.6;
      context.strokeStyle = fill;
      context.fillStyle = PALETTE.face;
      context.fill();
      context.stroke();
    } else {
      context.fillStyle = fill;
      context.fill();
      context.lineWidth = 0.8;
      context.strokeStyle = PALETTE.ink;
      context.stroke();
    }
  }
}

function tick(v) {
  const rounded = Math.round(v * 10) / 10;
  return rounded === 0 ? "0" : String(rounded).replace("-", "−");
}

/** Train and test loss against the epoch. */
export function drawLossCurves(canvas, width, height, trainLoss, testLoss) {
  const context = fitCanvas(canvas, width, height);
  context.fillStyle = PALETTE.face;
  context.fillRect(0, 0, width, height);
  const left = 34, right = 6, top = 6, bottom = 18;
  const plotW = width - left - right, plotH = height - top - bottom;
  const finite = [...trainLoss, ...testLoss].filter(Number.isFinite);
  const high = finite.length ? Math.max(...finite) * 1.05 || 1 : 1;
  const n = Math.max(trainLoss.length - 1, 1);
  context.strokeStyle = PALETTE.grid;
  context.lineWidth = 1;
  context.strokeRect(left + 0.5, top + 0.5, plotW - 1, plotH - 1);
  context.fillStyle = PALETTE.ink;
  context.font = "10px system-ui, sans-serif";
  context.textAlign = "right";
  context.textBaseline = "middle";
  context.fillText(formatTick(high), left - 4, top + 4);
  context.fillText("0", left - 4, top + plotH);
  context.textAlign = "center";
  context.textBaseline = "top";
  context.fillText("epoch", left + plotW / 2, top + plotH + 4);
  context.textAlign = "right";
  context.fillText(String(n === 1 && trainLoss.length < 2 ? 0 : n), left + plotW, top + plotH + 4);
  const line = (values, colour, dash) => {
    context.beginPath();
    context.strokeStyle = colour;
    context.lineWidth = 1.6;
    context.setLineDash(dash);
    // At most one vertex per CSS pixel: long runs stay cheap to draw.
    const stride = Math.max(1, Math.floor(values.length / plotW));
    let started = false;
    for (let i = 0; i < values.length; i += stride) {
      if (!Number.isFinite(values[i])) continue;
      const x = left + (i / n) * plotW;
      const y = top + plotH - (Math.min(values[i], high) / high) * plotH;
      if (started) context.lineTo(x, y);
      else context.moveTo(x, y);
      started = true;
    }
    const last = values.length - 1;
    if (started && last % stride !== 0 && Number.isFinite(values[last])) {
      context.lineTo(left + (last / n) * plotW, top + plotH - (Math.min(values[last], high) / high) * plotH);
    }
    context.stroke();
    context.setLineDash([]);
  };
  line(testLoss, PALETTE.test, [4, 3]);
  line(trainLoss, PALETTE.train, []);
}

function formatTick(value) {
  return value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(2);
}

/** A data-set thumbnail: its points on the card (no axes). */
export function drawThumbnail(canvas, size, points, extent, kind) {
  const context = fitCanvas(canvas, size, size);
  context.fillStyle = PALETTE.face;
  context.fillRect(0, 0, size, size);
  for (const point of points) {
    const x = ((point.x1 + extent) / (2 * extent)) * size;
    const y = ((extent - point.x2) / (2 * extent)) * size;
    context.fillStyle = kind === "signed" ? signedColour(point.value) : PALETTE.classes[point.label];
    context.fillRect(x - 1.2, y - 1.2, 2.4, 2.4);
  }
}
