// A curve built from hidden units whose weights are set, not trained (chapter 6): pairs
// of steep sigmoids make bumps ("bumps"), or ReLU kinks make straight segments ("relu").
//
// Python side: nnbook/live_approximation.py (bump_approximation, relu_approximation),
// which sends { kind, units, unitRange: [fewest, most], steepness, steepnessRange,
// target (a name in TARGETS), gridPoints, showBumpsUpTo, title, colors }.
// The page builds the same [1, hidden, 1] network as nnbook's bump_network /
// relu_network with the browser twin of nnlib (book/js/nnlib), sets its weights the
// same way, and evaluates it on gridPoints evenly spaced points of [-1, 1] (as
// np.linspace spaces them) to draw the curve and measure the largest error.
//
// For tests, the element carries `nnzCurve`: { units, steepness, x, output, target,
// largestError } -- the grid, the network's outputs and the target there.

import { Matrix } from "../nnlib/matrix.js";
import { Network } from "../nnlib/network.js";
import { addStyle, drawAxes, format, makeCanvasFigure, makeReadout, makeSlider, palette, sizeCanvas, frameScheduler } from "./figure.js";

const LEGEND_FONT = "12px system-ui, sans-serif";
const CACHED = 64; // settings whose curves are kept (below: computeOnce)
const STYLE = `.nnz-curve-approximation { margin: 0.5rem 0 1rem; max-width: 44rem; }`;

// The chapter's target curves, the formulas of nnbook.live_approximation.TARGETS.
export const TARGETS = {
  wavy: (x) => Math.sin(2 * Math.PI * x) * Math.cos(5 * x) + 0.3 * x,
};

// numpy.linspace(low, high, n): i * step + low, the last point exactly high.
export function linspace(low, high, n) {
  const values = new Float64Array(n);
  const step = n > 1 ? (high - low) / (n - 1) : 0;
  for (let i = 0; i < n; i++) values[i] = i * step + low;
  if (n > 1) values[n - 1] = high;
  return values;
}

// nnbook.live_approximation.bump_network: bump i is the step up at its left edge minus
// the step up at its right edge, scaled by f at its centre.
export function bumpNetwork(f, nBumps, steepness, low = -1, high = 1) {
  const centres = linspace(low, high, nBumps);
  const width = (high - low) / Math.max(nBumps - 1, 1);
  const k = steepness / width;
  const net = new Network([1, 2 * nBumps, 1], { activation: "sigmoid" });
  const [hidden, output] = net.layers;
  for (let i = 0; i < nBumps; i++) {
    const left = centres[i] - width / 2, right = centres[i] + width / 2;
    hidden.W.data[2 * i] = k;
    hidden.b[2 * i] = -k * left;
    hidden.W.data[2 * i + 1] = k;
    hidden.b[2 * i + 1] = -k * right;
    const height = f(centres[i]);
    output.W.data[2 * i] = height;
    output.W.data[2 * i + 1] = -height;
  }
  output.b[0] = 0;
  return net;
}

// nnbook.live_approximation.relu_network: unit i is max(0, x - t_i), its output weight
// the change of slope at knot t_i, the output bias f(t_0).
export function reluNetwork(f, nUnits, low = -1, high = 1) {
  const knots = linspace(low, high, nUnits + 1);
  const values = Array.from(knots, f);
  const slopes = [];
  for (let i = 0; i < nUnits; i++) slopes.push((values[i + 1] - values[i]) / (knots[i + 1] - knots[i]));
  const net = new Network([1, nUnits, 1], { activation: "relu" });
  const [hidden, output] = net.layers;
  for (let i = 0; i < nUnits; i++) {
    hidden.W.data[i] = 1;
    hidden.b[i] = -knots[i];
    output.W.data[i] = slopes[i] - (i > 0 ? slopes[i - 1] : 0);
  }
  output.b[0] = values[0];
  return net;
}

export function readoutText(kind, units, steepness, error) {
  const plural = units !== 1 ? "s" : "";
  if (kind === "bumps") {
    return `${units} bump${plural} of steepness ${format(steepness, 1)}: ${2 * units} hidden sigmoid units, ${6 * units + 1} parameters, largest error ${format(error)}.`;
  }
  return `${units} hidden ReLU unit${plural}: ${units} straight segments, ${3 * units + 1} parameters, largest error ${format(error)}.`;
}

export function mount(element, settings) {
  const { kind, unitRange, steepnessRange } = settings;
  if (kind !== "bumps" && kind !== "relu") throw new Error(`curve-approximation: kind must be "bumps" or "relu"; got ${JSON.stringify(kind)}`);
  const f = TARGETS[settings.target];
  if (!f) throw new Error(`curve-approximation: target must be one of ${Object.keys(TARGETS).join(", ")}; got ${JSON.stringify(settings.target)}`);
  const colors = palette(settings.colors);
  addStyle("nnz-curve-approximation-style", STYLE);
  const grid = linspace(-1, 1, settings.gridPoints ?? 801);
  const X = new Matrix(grid.length, 1, Float64Array.from(grid));
  const targetValues = Array.from(grid, f);
  let units = settings.units, steepness = settings.steepness;

  const root = document.createElement("div");
  root.className = "nnz-curve-approximation";
  const unitWord = kind === "bumps" ? "bumps" : "hidden ReLU units";
  const unitSlider = makeSlider({
    label: unitWord, min: unitRange[0], max: unitRange[1], step: 1, value: units,
    valueText: (v) => (kind === "bumps" ? `${v} (${2 * v} hidden units)` : `${v}`),
    onInput: (v) => { units = v; unitSlider.set(v); schedule(); },
  });
  root.append(unitSlider.element);
  let steepSlider = null;
  if (kind === "bumps") {
    steepSlider = makeSlider({
      label: "steepness", min: steepnessRange[0], max: steepnessRange[1], step: 0.5, value: steepness,
      valueText: (v) => format(v, 1),
      onInput: (v) => { steepness = v; steepSlider.set(v); schedule(); },
    });
    root.append(steepSlider.element);
  }
  const keys = kind === "bumps" ? "the sliders above set the bumps and their steepness" : "the slider above sets the number of units";
  const { figure, canvas } = makeCanvasFigure(`${settings.title}: ${keys}`);
  figure.tabIndex = -1;
  const readout = makeReadout();
  root.append(figure, readout);
  element.append(root);

  function compute() {
    const net = kind === "bumps" ? bumpNetwork(f, units, steepness) : reluNetwork(f, units);
    const output = Array.from(net.forward(X).data);
    let error = 0;
    for (let i = 0; i < output.length; i++) error = Math.max(error, Math.abs(output[i] - targetValues[i]));
    let bumps = null;
    if (kind === "bumps" && units <= (settings.showBumpsUpTo ?? 16)) {
      // each bump's own contribution: height x (left step - right step)
      const H = net.hiddenActivations(X)[0];
      const V = net.layers[1].W.data;
      bumps = [];
      for (let j = 0; j < units; j++) {
        const values = new Float64Array(grid.length);
        for (let i = 0; i < grid.length; i++) {
          values[i] = H.get(i, 2 * j) * V[2 * j] + H.get(i, 2 * j + 1) * V[2 * j + 1];
        }
        bumps.push(values);
      }
    }
    return { output, error, bumps };
  }

  // Where each legend entry [colour, text] goes, as [x, row offset from `top`]: the
  // entries wrap onto a new row 18 px down when the next would pass `right`.
  const measure = document.createElement("canvas").getContext("2d");
  function legendPlaces(entries, left, top, right) {
    measure.font = LEGEND_FONT;
    let lx = left, ly = top;
    return entries.map(([, text]) => {
      const w = 28 + measure.measureText(text).width + 16;
      if (lx + w > right && lx > left) { lx = left; ly += 18; }
      const at = [lx, ly];
      lx += w;
      return at;
    });
  }

  // A drag goes back and forth over the same settings: each one's curves are computed
  // once (the network of 64 bumps takes most of a frame to evaluate) and kept, the
  // most recent CACHED of them.
  const computed = new Map();
  function computeOnce() {
    const key = `${units}|${steepness}`;
    if (!computed.has(key)) {
      if (computed.size >= CACHED) computed.delete(computed.keys().next().value);
      computed.set(key, compute());
    }
    return computed.get(key);
  }

  function draw() {
    const { output, error, bumps } = computeOnce();
    const width = Math.max(260, Math.min(660, Math.floor(root.clientWidth || 520)));
    const narrow = width < 420;
    const fitColor = kind === "bumps" ? colors.series[2] : colors.series[0];
    const entries = [[colors.muted, "target f(x)", 4], [fitColor, kind === "bumps" ? `network, ${2 * units} hidden units` : `network, ${units} hidden ReLUs`, 2]];
    if (bumps) entries.push([colors.series[5], "single bumps", 1]);
    const margin = { left: 50, right: 10, top: 28 };
    const places = legendPlaces(entries, margin.left, 0, width);
    // room under the plot for the x label and every row the legend wraps to
    margin.bottom = 40 + places[places.length - 1][1] + 14;
    const plotHeight = narrow ? 220 : 280;
    const height = margin.top + plotHeight + margin.bottom;
    const ctx = sizeCanvas(canvas, width, height);
    ctx.fillStyle = colors.face;
    ctx.fillRect(0, 0, width, height);
    const box = { x: margin.left, y: margin.top, width: width - margin.left - margin.right, height: plotHeight };
    const title = kind === "bumps" ? `${units} bumps, steepness ${format(steepness, 1)}` : `${units} ReLU units`;
    const axes = drawAxes(ctx, box, { x: [-1, 1], y: [-1.9, 1.9], colors, title, xLabel: "x", yLabel: "y" });
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.x, box.y, box.width, box.height);
    ctx.clip();
    const line = (values, color, lineWidth, alpha = 1) => {
      ctx.globalAlpha = alpha;
      ctx.strokeStyle = color;
      ctx.lineWidth = lineWidth;
      ctx.beginPath();
      for (let i = 0; i < grid.length; i++) {
        const u = axes.px(grid[i]), v = axes.py(values[i]);
        if (i === 0) ctx.moveTo(u, v); else ctx.lineTo(u, v);
      }
      ctx.stroke();
      ctx.globalAlpha = 1;
    };
    if (bumps) {
      // every bump in one path, one stroke: sixteen separate translucent strokes of
      // 801 points each were most of a redraw
      ctx.globalAlpha = 0.7;
      ctx.strokeStyle = colors.series[5];
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (const b of bumps) {
        for (let i = 0; i < grid.length; i++) {
          const u = axes.px(grid[i]), v = axes.py(b[i]);
          if (i === 0) ctx.moveTo(u, v); else ctx.lineTo(u, v);
        }
      }
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    line(targetValues, colors.muted, 4);
    line(output, fitColor, 2);
    if (kind === "relu") {
      ctx.fillStyle = colors.ink;
      for (const t of linspace(-1, 1, units + 1)) {
        ctx.beginPath();
        ctx.arc(axes.px(t), axes.py(f(t)), units > 32 ? 2 : 3, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    ctx.restore();
    // the legend, under the plot so it never hides the curves
    ctx.font = LEGEND_FONT;
    ctx.textBaseline = "middle";
    ctx.textAlign = "left";
    entries.forEach(([color, text, lineWidth], i) => {
      const lx = places[i][0], ly = box.y + box.height + 40 + places[i][1];
      ctx.strokeStyle = color;
      ctx.lineWidth = lineWidth;
      ctx.beginPath();
      ctx.moveTo(lx, ly);
      ctx.lineTo(lx + 22, ly);
      ctx.stroke();
      ctx.fillStyle = colors.ink;
      ctx.fillText(text, lx + 28, ly);
    });
    readout.textContent = readoutText(kind, units, steepness, error);
    element.nnzCurve = { units, steepness, x: Array.from(grid), output, target: targetValues, largestError: error };
  }
  const schedule = frameScheduler(draw);
  const resize = new ResizeObserver(() => schedule());
  resize.observe(root);
  draw();
  return {
    readout: () => readout.textContent,
    destroy() { resize.disconnect(); root.remove(); },
  };
}
