// The architecture builder (chapter 5): a diagram and the parameter count, in the page.
//
// Python side: nnbook/live_architecture.py (architecture_builder), which sends
//     { inputs, outputs, hiddenLayers, width, hiddenRange: [0, 3], widthRange: [1, 16],
//       title, colors }.
// The count is the twin's Network(sizes).parameterCount(), nnlib's
// Network(sizes).parameter_count: (n_in · n_out + n_out) summed over the layers.

import { Network } from "../nnlib/network.js";
import {
  addStyle, frameScheduler, makeCanvasFigure, makeReadout, makeSlider, palette, sizeCanvas,
} from "./figure.js";

const STYLE = `.nnz-architecture { margin: 0.5rem 0 1rem; max-width: 44rem; }`;
const MAX_DRAWN = 8; // units drawn per layer; the rest stand behind a "⋮ +k"

export function layerSizes(inputs, hiddenLayers, width, outputs) {
  return [inputs, ...Array(hiddenLayers).fill(width), outputs];
}

export function readoutText(sizes) {
  const count = new Network(sizes, { seed: 0 }).parameterCount();
  const terms = sizes.slice(1).map((m, i) => `(${sizes[i]}·${m} + ${m})`).join(" + ");
  return `${sizes.length - 1}-layer network [${sizes.join(", ")}]: ${terms} = ${count} parameters.`;
}

function drawn(n) {
  if (n <= MAX_DRAWN) return { units: n, hidden: 0 };
  return { units: MAX_DRAWN - 1, hidden: n - (MAX_DRAWN - 1) };
}

function drawNetwork(ctx, box, sizes, colors) {
  const columns = sizes.length;
  const x = (i) => box.x + (box.width * (i + 0.5)) / columns;
  const slots = sizes.map((n) => drawn(n));
  const y = (i, k) => {
    const count = slots[i].units + (slots[i].hidden ? 1 : 0);
    return box.y + (box.height * (k + 0.5)) / count;
  };
  const radius = Math.max(5, Math.min(13, box.height / (2.6 * MAX_DRAWN), box.width / (5 * columns)));
  ctx.save();
  ctx.strokeStyle = colors.muted;
  ctx.lineWidth = 0.8;
  for (let i = 0; i + 1 < columns; i++) {
    for (let a = 0; a < slots[i].units; a++) {
      for (let b = 0; b < slots[i + 1].units; b++) {
        ctx.beginPath();
        ctx.moveTo(x(i), y(i, a));
        ctx.lineTo(x(i + 1), y(i + 1, b));
        ctx.stroke();
      }
    }
  }
  ctx.font = "12px system-ui, sans-serif";
  ctx.textAlign = "center";
  sizes.forEach((n, i) => {
    const fill = i === 0 ? colors.classes[2] : i === columns - 1 ? colors.classes[1] : colors.classes[0];
    for (let k = 0; k < slots[i].units; k++) {
      ctx.fillStyle = fill;
      ctx.strokeStyle = colors.ink;
      ctx.lineWidth = 1.2;
      ctx.beginPath();
      ctx.arc(x(i), y(i, k), radius, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
    ctx.fillStyle = colors.ink;
    if (slots[i].hidden) {
      ctx.textBaseline = "middle";
      ctx.fillText(`⋮ +${slots[i].hidden}`, x(i), y(i, slots[i].units));
    }
    ctx.textBaseline = "top";
    const name = i === 0 ? "input" : i === columns - 1 ? "output" : `hidden ${i}`;
    ctx.fillText(name, x(i), box.y + box.height + 6);
    ctx.fillText(`${n} unit${n === 1 ? "" : "s"}`, x(i), box.y + box.height + 22);
  });
  ctx.restore();
}

export function mount(element, settings) {
  const { inputs, outputs, hiddenRange, widthRange } = settings;
  for (const [name, value] of [["inputs", inputs], ["outputs", outputs]]) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`architecture: ${name} must be a whole number >= 1; got ${value}`);
  }
  const colors = palette(settings.colors);
  addStyle("nnz-architecture-style", STYLE);
  const state = { hiddenLayers: settings.hiddenLayers, width: settings.width };
  const root = document.createElement("div");
  root.className = "nnz-architecture";
  const { figure, canvas } = makeCanvasFigure(`${settings.title || "Architecture builder"}: the sliders below change the network`);
  figure.tabIndex = -1;
  const readout = makeReadout();
  const layers = makeSlider({
    label: "hidden layers", min: hiddenRange[0], max: hiddenRange[1], step: 1, value: state.hiddenLayers,
    valueText: (v) => `${v} hidden layer${v === 1 ? "" : "s"}`,
    onInput: (v) => { state.hiddenLayers = Math.round(v); schedule(); },
  });
  const width = makeSlider({
    label: "neurons per hidden layer", min: widthRange[0], max: widthRange[1], step: 1, value: state.width,
    valueText: (v) => `${v} per layer`, onInput: (v) => { state.width = Math.round(v); schedule(); },
  });
  root.append(figure, readout, layers.element, width.element);
  element.append(root);

  function update() {
    const sizes = layerSizes(inputs, state.hiddenLayers, state.width, outputs);
    const cssWidth = Math.max(240, Math.min(704, Math.floor(root.clientWidth || 640)));
    const box = { x: 8, y: 12, width: cssWidth - 16, height: 240 };
    const height = box.y + box.height + 44;
    const ctx = sizeCanvas(canvas, cssWidth, height);
    ctx.fillStyle = colors.face;
    ctx.fillRect(0, 0, cssWidth, height);
    drawNetwork(ctx, box, sizes, colors);
    readout.textContent = readoutText(sizes);
    layers.set(state.hiddenLayers);
    width.set(state.width);
  }
  const schedule = frameScheduler(update);
  const resize = new ResizeObserver(() => schedule());
  resize.observe(root);
  update();
  return { readout: () => readout.textContent, destroy() { resize.disconnect(); root.remove(); } };
}
