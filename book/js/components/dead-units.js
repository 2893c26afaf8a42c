// A ReLU network training live at a chosen learning rate, counting its dead units
// (chapter 4), in the page.
//
// Python side: nnbook/live_training.py (dead_units_training), which sends
//     { points, labels (nnlib.datasets), sizes, parameters (nnlib's Network(sizes,
//       seed) starting weights, [W1, b1, ...] as nested lists), learningRate,
//       logRange: [log10 low, log10 high], epochs, batchSize (null = full batch), seed,
//       epochsPerFrame, title, colors }.
// The twin's Network and Trainer (book/js/nnlib) train with plain gradient descent,
// epochsPerFrame epochs per animation frame while playing, and only while the figure
// is on screen. After each epoch the page counts the hidden units that output 0 on
// every training sample (Network.deadUnits) and draws the training loss and the dead
// share. The slider moves log10 of the learning rate; a new rate applies from the next
// epoch (Reset starts again from nnlib's weights at the chosen rate). A diverged run
// keeps the last good epoch's weights and says so instead of showing NaN.
//
// For tests, the element carries `nnzTraining`: { rate, learningRates, orders, dead,
// loss, status } -- the slider's rate, the rate and (mini-batch) sample order of every epoch trained so far,
// and the counts and losses after each (entry 0: before training); the component's
// root has data-on-screen="false" while training waits for it to scroll back.

import { Matrix } from "../nnlib/matrix.js";
import { Network } from "../nnlib/network.js";
import { Random } from "../nnlib/random.js";
import { Trainer } from "../nnlib/training.js";
import {
  addStyle, drawAxes, figureHandle, format, frameClock, makeButton, makeCanvasFigure,
  makeReadout, makeSlider, palette, showPlayState, sizeCanvas,
} from "./figure.js";

const STYLE = `.nnz-dead-units { margin: 0.5rem 0 1rem; max-width: 40rem; }`;

export function formatLearningRate(rate) {
  const exponent = Math.floor(Math.log10(rate) + 1e-9);
  return format(rate, Math.max(0, 2 - exponent));
}

export function readoutText(rate, epoch, dead, nHidden, loss, diverged) {
  let text = `Learning rate ${formatLearningRate(rate)}, epoch ${epoch}: dead units: ${dead} of ${nHidden} (${format((100 * dead) / nHidden, 0)}%), training loss ${format(loss)}.`;
  if (diverged) text += " Training diverged — lower the learning rate (the weights are those of the last good epoch).";
  return text;
}

export function mount(element, settings) {
  const { points, labels, sizes, parameters, logRange, epochs } = settings;
  if (!Array.isArray(points) || points.length !== labels?.length) {
    throw new Error(`dead-units: points and labels must be lists of the same length; got ${points?.length} and ${labels?.length}`);
  }
  if (!Array.isArray(logRange) || !(logRange[0] < logRange[1])) {
    throw new Error(`dead-units: logRange must be [log10 low, log10 high] with low < high; got ${JSON.stringify(logRange)}`);
  }
  const colors = palette(settings.colors);
  addStyle("nnz-dead-units-style", STYLE);
  const X = Matrix.fromRows(points);
  const nHidden = sizes.slice(1, -1).reduce((a, b) => a + b, 0);
  const perFrame = settings.epochsPerFrame ?? 1;
  let rate = settings.learningRate;
  let run = null;

  function newRun() {
    const network = new Network(sizes, { activation: "relu" });
    network.setParameters(parameters);
    const trainer = new Trainer(network, X, labels, { optimizer: "sgd", learningRate: rate, batchSize: settings.batchSize ?? null });
    run = {
      network, trainer, random: new Random(settings.seed ?? 0),
      record: { learningRates: [], orders: [], dead: [sum(network.deadUnits(X))], loss: [trainer.initialLoss], status: "ready" },
    };
    element.nnzTraining = run.record;
  }
  function sum(values) {
    return values.reduce((a, b) => a + b, 0);
  }

  const root = document.createElement("div");
  root.className = "nnz-dead-units";
  const slider = makeSlider({
    label: "learning rate (log scale)", min: logRange[0], max: logRange[1], step: 0.01,
    value: Math.log10(rate), valueText: (v) => formatLearningRate(10 ** v),
    onInput: (v) => { rate = 10 ** v; slider.set(v); draw(); },
  });
  const { figure, canvas } = makeCanvasFigure(`${settings.title || "Dead ReLU units"}: the learning-rate slider and the buttons control training`);
  figure.tabIndex = -1;
  const controls = document.createElement("div");
  controls.className = "nnz-fig-buttons";
  const playButton = makeButton("Play", () => (clock.playing ? pause() : play()));
  const stepButton = makeButton("Step", () => { pause(); trainEpoch(); draw(); });
  const resetButton = makeButton("Reset", () => { pause(); newRun(); draw(); });
  controls.append(playButton, stepButton, resetButton);
  const readout = makeReadout();
  root.append(slider.element, figure, controls, readout);
  element.append(root);

  // One epoch at the current rate; false when the run is over (done or diverged).
  function trainEpoch() {
    const { trainer, record } = run;
    if (record.status === "diverged" || record.learningRates.length >= epochs) return false;
    trainer.learningRate = rate;
    const mini = trainer.batchSize !== null && trainer.batchSize < X.rows;
    const order = mini ? run.random.permutation(X.rows) : null;
    // the rate and order of every epoch tried, the one that diverged included, so
    // nnlib can replay the run up to where it stopped
    record.learningRates.push(rate);
    record.orders.push(order ? Array.from(order) : null);
    if (!trainer.runEpoch(order)) {
      record.status = "diverged";
      return false;
    }
    record.dead.push(sum(run.network.deadUnits(X)));
    record.loss.push(trainer.history.trainLoss[trainer.history.trainLoss.length - 1]);
    record.status = "training";
    return record.learningRates.length < epochs;
  }

  const clock = frameClock(root, () => {
    let going = true;
    for (let i = 0; i < perFrame && going; i++) going = trainEpoch();
    return going;
  }, draw);
  const { play, pause } = clock;

  function draw() {
    const record = run.record;
    const width = Math.max(260, Math.min(640, Math.floor(root.clientWidth || 480)));
    const margin = { left: 56, right: 12, top: 26, bottom: 44 };
    const plotHeight = width < 400 ? 120 : 150;
    const height = margin.top + plotHeight + 46 + plotHeight + margin.bottom;
    const ctx = sizeCanvas(canvas, width, height);
    ctx.fillStyle = colors.face;
    ctx.fillRect(0, 0, width, height);
    const inner = width - margin.left - margin.right;
    const top = { x: margin.left, y: margin.top, width: inner, height: plotHeight };
    const bottom = { x: margin.left, y: margin.top + plotHeight + 46, width: inner, height: plotHeight };
    const epoch = record.dead.length - 1;
    const lossHigh = Math.max(...record.loss) * 1.05 || 1;
    const axesTop = drawAxes(ctx, top, { x: [0, epochs], y: [0, lossHigh], colors, title: "training loss", yLabel: "loss" });
    const axesBottom = drawAxes(ctx, bottom, {
      x: [0, epochs], y: [0, 1], colors, title: `${record.dead[epoch]} of ${nHidden} hidden units dead`,
      xLabel: "epoch", yLabel: "dead share",
    });
    const curve = (axes, values, color) => {
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.beginPath();
      values.forEach((v, i) => (i === 0 ? ctx.moveTo(axes.px(i), axes.py(v)) : ctx.lineTo(axes.px(i), axes.py(v))));
      ctx.stroke();
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.arc(axes.px(values.length - 1), axes.py(values[values.length - 1]), 3.5, 0, 2 * Math.PI);
      ctx.fill();
    };
    curve(axesTop, record.loss, colors.series[0]);
    curve(axesBottom, record.dead.map((d) => d / nHidden), colors.series[1]);

    record.rate = rate;
    const shownRate = record.learningRates.length ? record.learningRates[record.learningRates.length - 1] : rate;
    readout.textContent = readoutText(shownRate, epoch, record.dead[epoch], nHidden, record.loss[epoch], record.status === "diverged");
    const over = record.status === "diverged" || epoch >= epochs;
    showPlayState(clock, playButton, stepButton, over);
  }

  newRun();
  return figureHandle(root, draw, clock, readout);
}
