// Narrow-deep against wide-shallow at the same parameter budget, trained live in the
// page (chapter 6).
//
// Python side: nnbook/live_approximation.py (width_depth_training), which sends
//     { x, y (the training curve, one number per sample), hiddenLayers, width, seed,
//       depthRange, widthRange, seeds, epochs, learningRate, epochsPerFrame, title,
//       colors }.
// The narrow-deep network has `hiddenLayers` tanh layers of `width` units; the
// wide-shallow one has one tanh layer whose width N makes its 3N + 1 parameters
// closest to the deep one's (nnbook's shallow_width_for). Both start from weights the
// twin's Network draws with Random(seed) (not numpy's stream) and train with the twin's
// Trainer: full-batch Adam on the MSE, epochsPerFrame epochs per animation frame while
// playing, and only while the figure is on screen. Any slider starts both again.
//
// For tests, the element carries `nnzTraining`: { deepSizes, shallowSizes, deepStart,
// shallowStart (the starting [W1, b1, ...] as flat lists), deepLoss, shallowLoss (the
// exact training MSE after each epoch: the twin Trainer's history), status }; the
// component's root has data-on-screen="false" while training waits for it to return.

import { Matrix } from "../nnlib/matrix.js";
import { Network } from "../nnlib/network.js";
import { Trainer } from "../nnlib/training.js";
import {
  addStyle, drawAxes, figureHandle, format, frameClock, makeButton, makeCanvasFigure,
  makeReadout, makeSlider, palette, showPlayState, sizeCanvas,
} from "./figure.js";

const STYLE = `.nnz-width-depth { margin: 0.5rem 0 1rem; max-width: 44rem; }`;
const LEGEND_FONT = "12px system-ui, sans-serif";

export function shallowWidthFor(budget) {
  return Math.max(1, Math.round((budget - 1) / 3));
}

export function sizesFor(hiddenLayers, width) {
  const deep = [1, ...Array(hiddenLayers).fill(width), 1];
  const budget = new Network(deep, { activation: "tanh" }).parameterCount();
  return [deep, [1, shallowWidthFor(budget), 1]];
}

function parameterCount(sizes) {
  let count = 0;
  for (let i = 0; i < sizes.length - 1; i++) count += (sizes[i] + 1) * sizes[i + 1];
  return count;
}

function sizesText(sizes) {
  return `[${sizes.join(", ")}]`;
}

export function readoutText(epoch, epochs, deepSizes, deepLoss, shallowSizes, shallowLoss) {
  return `Epoch ${epoch} of ${epochs}: narrow-deep ${sizesText(deepSizes)} (${parameterCount(deepSizes)} parameters) MSE ${format(deepLoss, 4)}; wide-shallow ${sizesText(shallowSizes)} (${parameterCount(shallowSizes)} parameters) MSE ${format(shallowLoss, 4)}.`;
}

export function mount(element, settings) {
  const { x, y, epochs, depthRange, widthRange } = settings;
  if (!Array.isArray(x) || x.length !== y?.length || x.length === 0) {
    throw new Error(`width-depth: x and y must be lists of the same length; got ${x?.length} and ${y?.length}`);
  }
  const colors = palette(settings.colors);
  addStyle("nnz-width-depth-style", STYLE);
  const X = Matrix.column(x);
  const T = Matrix.column(y);
  const perFrame = settings.epochsPerFrame ?? 10;
  let hiddenLayers = settings.hiddenLayers, width = settings.width, seed = settings.seed;
  let run = null;
  const curveX = Array.from({ length: 201 }, (_, i) => -1 + i / 100);
  const curveInput = Matrix.column(curveX);

  function newRun() {
    const [deepSizes, shallowSizes] = sizesFor(hiddenLayers, width);
    const make = (sizes) => {
      const network = new Network(sizes, { activation: "tanh", seed });
      const start = network.copyParameters().map((p) => Array.from(p));
      const trainer = new Trainer(network, X, T, { loss: "mse", optimizer: "adam", learningRate: settings.learningRate });
      return { network, trainer, start, initial: trainer.initialLoss };
    };
    run = { deep: make(deepSizes), shallow: make(shallowSizes) };
    run.record = {
      deepSizes, shallowSizes, deepStart: run.deep.start, shallowStart: run.shallow.start,
      deepLoss: run.deep.trainer.history.trainLoss, shallowLoss: run.shallow.trainer.history.trainLoss,
      status: "ready",
    };
    element.nnzTraining = run.record;
  }

  const root = document.createElement("div");
  root.className = "nnz-width-depth";
  const restart = () => { newRun(); draw(); if (clock.playing) play(); };
  const depthSlider = makeSlider({
    label: "hidden layers (deep)", min: depthRange[0], max: depthRange[1], step: 1, value: hiddenLayers,
    valueText: (v) => `${v} layers`,
    onInput: (v) => { hiddenLayers = v; depthSlider.set(v); restart(); },
  });
  const widthSlider = makeSlider({
    label: "width (deep)", min: widthRange[0], max: widthRange[1], step: 1, value: width,
    valueText: (v) => `${v} units per layer`,
    onInput: (v) => { width = v; widthSlider.set(v); restart(); },
  });
  const seedSlider = makeSlider({
    label: "seed", min: 0, max: settings.seeds - 1, step: 1, value: seed,
    valueText: (v) => `seed ${v}`,
    onInput: (v) => { seed = v; seedSlider.set(v); restart(); },
  });
  const { figure, canvas } = makeCanvasFigure(`${settings.title}: the sliders set the deep network's shape and the seed, the buttons control training`);
  figure.tabIndex = -1;
  const controls = document.createElement("div");
  controls.className = "nnz-fig-buttons";
  const playButton = makeButton("Play", () => (clock.playing ? pause() : play()));
  const stepButton = makeButton("Step", () => { pause(); trainEpoch(); draw(); });
  const resetButton = makeButton("Reset", () => { pause(); newRun(); draw(); });
  controls.append(playButton, stepButton, resetButton);
  const readout = makeReadout();
  root.append(depthSlider.element, widthSlider.element, seedSlider.element, controls, figure, readout);
  element.append(root);

  function epochsDone() {
    return run.record.deepLoss.length;
  }

  // One epoch of both networks; false when the run is over (done or diverged).
  function trainEpoch() {
    const record = run.record;
    if (record.status === "diverged" || epochsDone() >= epochs) return false;
    const deepGood = run.deep.trainer.runEpoch();
    const shallowGood = run.shallow.trainer.runEpoch();
    if (!deepGood || !shallowGood) {
      record.status = "diverged";
      return false;
    }
    record.status = "training";
    return epochsDone() < epochs;
  }

  const clock = frameClock(root, () => {
    let going = true;
    for (let i = 0; i < perFrame && going; i++) going = trainEpoch();
    return going;
  }, draw);
  const { play, pause } = clock;

  function curve(ctx, axes, xs, ys, color, lineWidth, dash = []) {
    ctx.strokeStyle = color;
    ctx.lineWidth = lineWidth;
    ctx.setLineDash(dash);
    ctx.beginPath();
    xs.forEach((u, i) => (i === 0 ? ctx.moveTo(axes.px(u), axes.py(ys[i])) : ctx.lineTo(axes.px(u), axes.py(ys[i]))));
    ctx.stroke();
    ctx.setLineDash([]);
  }

  // Where each legend entry goes: rows of [swatch, text] that wrap at `right`.
  const measure = document.createElement("canvas").getContext("2d");
  function legendLayout(entries, left, top, right) {
    measure.font = LEGEND_FONT;
    let lx = left, ly = top;
    return entries.map((entry) => {
      const w = 28 + measure.measureText(entry[1]).width + 16;
      if (lx + w > right && lx > left) { lx = left; ly += 18; }
      const at = [lx, ly];
      lx += w;
      return at;
    });
  }

  function legend(ctx, entries, places) {
    ctx.font = LEGEND_FONT;
    ctx.textBaseline = "middle";
    ctx.textAlign = "left";
    entries.forEach(([color, text, lineWidth, dash], i) => {
      const [lx, ly] = places[i];
      ctx.strokeStyle = color;
      ctx.lineWidth = lineWidth;
      ctx.setLineDash(dash);
      ctx.beginPath();
      ctx.moveTo(lx, ly);
      ctx.lineTo(lx + 22, ly);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = colors.ink;
      ctx.fillText(text, lx + 28, ly);
    });
  }

  function draw() {
    const record = run.record;
    const w = Math.max(260, Math.min(660, Math.floor(root.clientWidth || 520)));
    const narrow = w < 420;
    const margin = { left: 56, right: 12, top: 26 };
    const fitHeight = narrow ? 190 : 240;
    const lossHeight = narrow ? 130 : 150;
    const deepColor = colors.series[2], shallowColor = colors.series[1];
    const entries = [
      [colors.muted, "target", 4, []],
      [deepColor, `narrow-deep ${sizesText(record.deepSizes)}`, 2, []],
      [shallowColor, `wide-shallow ${sizesText(record.shallowSizes)}`, 2, [6, 4]],
    ];
    const places = legendLayout(entries, margin.left, margin.top + fitHeight + 40, w - margin.right);
    const lossTop = places[places.length - 1][1] + 40;
    const height = lossTop + lossHeight + 44;
    const ctx = sizeCanvas(canvas, w, height);
    ctx.fillStyle = colors.face;
    ctx.fillRect(0, 0, w, height);
    const inner = w - margin.left - margin.right;
    const epoch = epochsDone();

    const fitBox = { x: margin.left, y: margin.top, width: inner, height: fitHeight };
    const fit = drawAxes(ctx, fitBox, { x: [-1, 1], y: [-2.2, 2.6], colors, title: `seed ${seed}, epoch ${epoch}`, xLabel: "x", yLabel: "y" });
    ctx.save();
    ctx.beginPath();
    ctx.rect(fitBox.x, fitBox.y, fitBox.width, fitBox.height);
    ctx.clip();
    curve(ctx, fit, x, y, colors.muted, 4);
    curve(ctx, fit, curveX, Array.from(run.shallow.network.forward(curveInput).data), shallowColor, 2, [6, 4]);
    curve(ctx, fit, curveX, Array.from(run.deep.network.forward(curveInput).data), deepColor, 2);
    ctx.restore();
    legend(ctx, entries, places);

    // training MSE on a log axis from the start to the last epoch
    const starts = [run.deep.initial, run.shallow.initial];
    const all = [...starts, ...record.deepLoss, ...record.shallowLoss].filter((v) => v > 0);
    const low = 10 ** Math.floor(Math.log10(Math.min(...all)));
    const high = 10 ** Math.ceil(Math.log10(Math.max(...all)));
    const lossBox = { x: margin.left, y: lossTop, width: inner, height: lossHeight };
    const loss = drawAxes(ctx, lossBox, { x: [0, epochs], y: [low, high === low ? low * 10 : high], yLog: true, colors, title: "training MSE", xLabel: "epoch", yLabel: "MSE" });
    const epochsAxis = Array.from({ length: epoch + 1 }, (_, i) => i);
    ctx.save();
    ctx.beginPath();
    ctx.rect(lossBox.x, lossBox.y, lossBox.width, lossBox.height);
    ctx.clip();
    curve(ctx, loss, epochsAxis, [run.shallow.initial, ...record.shallowLoss], shallowColor, 2, [6, 4]);
    curve(ctx, loss, epochsAxis, [run.deep.initial, ...record.deepLoss], deepColor, 2);
    ctx.restore();

    const deepLoss = epoch ? record.deepLoss[epoch - 1] : run.deep.initial;
    const shallowLoss = epoch ? record.shallowLoss[epoch - 1] : run.shallow.initial;
    let text = readoutText(epoch, epochs, record.deepSizes, deepLoss, record.shallowSizes, shallowLoss);
    if (record.status === "diverged") text += " Training diverged — the weights are those of the last good epoch.";
    readout.textContent = text;
    const over = record.status === "diverged" || epoch >= epochs;
    showPlayState(clock, playButton, stepButton, over);
  }

  newRun();
  return figureHandle(root, draw, clock, readout);
}
