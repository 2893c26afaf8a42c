// Capacity and overfitting, trained live in the page (chapter 8): a network with two
// hidden layers of N tanh units fits a few noisy points of a curve, and the reader
// moves either N (settings.vary "neurons") or the L2 strength λ of the largest
// network (vary "l2"; a log scale whose leftmost stop is λ = 0).
//
// Python side: nnbook/live_capacity.py (capacity_training, l2_training), which sends
//     { vary, train: {x, y}, test: {x, y}, curve: {x, y} (the true curve), noiseFloor,
//       largest (M), parameters (nnlib's Network([1, M, M, 1], tanh, seed) starting
//       weights, [W1, b1, W2, b2, W3, b3] as nested lists), neurons, l2,
//       logRange: [log10 low, log10 high], strengthStep, epochs, learningRate,
//       epochsPerFrame, title, colors }.
// The N-unit network starts from the first N units of the largest one, each block
// rescaled to its own Xavier limit (live_capacity.starting_parameters, the same
// arithmetic). The twin's Trainer trains full-batch Adam on the mean squared error
// while playing, and only while the figure is on screen: in each animation frame as
// many epochs as fit in FRAME_BUDGET_MS (at most epochsPerFrame), so the page stays
// responsive on a slow phone; the speed varies, the numbers do not. After each epoch
// the trainer records the exact training error; the test error (ten times the points)
// is measured once per frame, after the frame's last epoch, so the test curve has a
// point every few epochs and the readout's test error is always the current epoch's.
// Moving the slider starts a new run at the new setting and plays it.
//
// For tests, the element carries `nnzTraining`: { neurons, l2, train, testEpochs,
// test, status } -- the setting of the current run, its training error after each
// epoch (entry 0: before training), the epochs at which the test error was measured
// and its values there, and "ready", "training", "done" or "diverged"; the
// component's root has data-on-screen="false" while training waits for it to scroll
// back.

import { Matrix } from "../nnlib/matrix.js";
import { Network } from "../nnlib/network.js";
import { Trainer } from "../nnlib/training.js";
import {
  addStyle, drawAxes, figureHandle, format, frameClock, makeButton, makeCanvasFigure,
  makeReadout, makeSlider, palette, showPlayState, sizeCanvas,
} from "./figure.js";

const FRAME_BUDGET_MS = 10;
const STYLE = `.nnz-overfitting { margin: 0.5rem 0 1rem; max-width: 48rem; }`;

export function formatStrength(strength) {
  if (strength === 0) return "0";
  const exponent = Math.floor(Math.log10(strength) + 1e-9);
  return format(strength, Math.max(0, 2 - exponent));
}

// λ of a slider position: 0 at the leftmost stop, one step below the range.
export function strengthAt(position, logRange, step) {
  return position < logRange[0] - step / 2 ? 0 : 10 ** position;
}

export function readoutText(vary, neurons, strength, epoch, train, test, noiseFloor, nPoints, diverged) {
  const count = neurons * neurons + 4 * neurons + 1; // [1, N, N, 1]: W2 has N², W1 b1 b2 W3 N each, b3 one
  const head = vary === "neurons"
    ? `N = ${neurons} (${count} parameters for ${nPoints} points)`
    : `λ = ${formatStrength(strength)} on two layers of ${neurons} units`;
  let text = `${head}, epoch ${epoch}: train MSE ${format(train)}, test MSE ${format(test)}; noise floor ${format(noiseFloor)}.`;
  if (diverged) text += " Training diverged (the weights are those of the last good epoch).";
  return text;
}

// [W1, b1, W2, b2, W3, b3] of the N-unit network as nested lists: blocks of the
// largest network's weights times the ratio of Xavier limits (see the Python twin).
export function startingParameters(parameters, largest, n) {
  const [W1, b1, W2, b2, W3, b3] = parameters;
  const m = largest;
  const scale1 = Math.sqrt((1 + m) / (1 + n)), scale2 = Math.sqrt((m + m) / (n + n)), scale3 = Math.sqrt((m + 1) / (n + 1));
  return [
    [W1[0].slice(0, n).map((w) => w * scale1)],
    b1.slice(0, n),
    W2.slice(0, n).map((row) => row.slice(0, n).map((w) => w * scale2)),
    b2.slice(0, n),
    W3.slice(0, n).map((row) => [row[0] * scale3]),
    b3.slice(),
  ];
}

function column(values) {
  return Matrix.column(values);
}

export function mount(element, settings) {
  const { vary, train, test, curve, noiseFloor, largest, parameters, logRange, epochs } = settings;
  if (vary !== "neurons" && vary !== "l2") throw new Error(`overfitting: vary must be "neurons" or "l2"; got ${JSON.stringify(vary)}`);
  if (!Array.isArray(train?.x) || train.x.length !== train.y?.length || !Array.isArray(test?.x) || test.x.length !== test.y?.length) {
    throw new Error("overfitting: train and test must be { x, y } lists of the same length");
  }
  if (!Number.isInteger(largest) || largest < 1 || parameters?.length !== 6) {
    throw new Error(`overfitting: largest must be a whole number >= 1 with six parameter arrays; got ${largest}`);
  }
  const colors = palette(settings.colors);
  addStyle("nnz-overfitting-style", STYLE);
  const step = settings.strengthStep ?? 0.01;
  const XTrain = column(train.x), yTrain = column(train.y);
  const XTest = column(test.x), yTest = column(test.y);
  const curveX = column(curve.x);
  const perFrame = settings.epochsPerFrame ?? 50;
  let neurons = vary === "neurons" ? settings.neurons : largest;
  let strength = settings.l2;
  let run = null;

  function newRun() {
    const network = new Network([1, neurons, neurons, 1], { activation: "tanh" });
    network.setParameters(startingParameters(parameters, largest, neurons));
    const trainer = new Trainer(network, XTrain, yTrain, {
      loss: "mse", optimizer: "adam", learningRate: settings.learningRate, l2: strength,
    });
    const record = {
      neurons, l2: strength, status: "ready",
      train: [trainer.initialLoss], testEpochs: [], test: [],
    };
    run = { network, trainer, record };
    measureTest();
    element.nnzTraining = record;
  }

  const root = document.createElement("div");
  root.className = "nnz-overfitting";
  const slider = vary === "neurons"
    ? makeSlider({
      label: "neurons per layer N", min: 1, max: largest, step: 1, value: neurons,
      valueText: (v) => `N = ${v}`,
      onInput: (v) => { neurons = Math.round(v); slider.set(neurons); restart(); },
    })
    : makeSlider({
      label: "L2 strength λ (log scale)", min: logRange[0] - step, max: logRange[1], step,
      value: strength === 0 ? logRange[0] - step : Math.log10(strength),
      valueText: (v) => `λ = ${formatStrength(strengthAt(v, logRange, step))}`,
      onInput: (v) => { strength = strengthAt(v, logRange, step); slider.set(v); restart(); },
    });
  const { figure, canvas } = makeCanvasFigure(`${settings.title}: the slider and the buttons control training`);
  figure.tabIndex = -1;
  const controls = document.createElement("div");
  controls.className = "nnz-fig-buttons";
  const playButton = makeButton("Play", () => (clock.playing ? pause() : play()));
  const resetButton = makeButton("Reset", () => { pause(); newRun(); draw(); });
  controls.append(playButton, resetButton);
  const readout = makeReadout();
  root.append(slider.element, controls, figure, readout);
  element.append(root);

  // One epoch; false when the run is over (all epochs trained, or diverged).
  function trainEpoch() {
    const { trainer, record } = run;
    if (record.status === "diverged" || record.status === "done") return false;
    if (!trainer.runEpoch()) {
      record.status = "diverged";
      return false;
    }
    const h = trainer.history;
    record.train.push(h.trainLoss[h.trainLoss.length - 1]);
    record.status = record.train.length - 1 >= epochs ? "done" : "training";
    return record.status === "training";
  }

  // The test error of the current weights, once per epoch at most.
  function measureTest() {
    const { trainer, record } = run;
    const epoch = record.train.length - 1;
    if (record.testEpochs[record.testEpochs.length - 1] === epoch) return;
    record.testEpochs.push(epoch);
    record.test.push(trainer.evaluate(XTest, yTest).loss);
  }

  // A slider input rebuilds the run at once (so the record and readout follow the
  // slider) but trains nothing in that frame: building the network and measuring its
  // test error already took part of the frame, and an epoch on top made it run long.
  // Training goes on from the next frame; the epochs are the same, only later.
  let justRestarted = false;
  const clock = frameClock(root, () => {
    if (justRestarted) {
      justRestarted = false;
      return true;
    }
    let going = true;
    const start = performance.now();
    for (let i = 0; i < perFrame && going && (i === 0 || performance.now() - start < FRAME_BUDGET_MS); i++) {
      going = trainEpoch();
    }
    measureTest();
    return going;
  }, draw);
  const { play, pause } = clock;
  function restart() {
    newRun();
    justRestarted = true;
    // While playing, the pending frame draws the new run; drawing here as well (as
    // pause() and play() both do) would draw twice for one input.
    if (!clock.playing) play();
  }

  function polyline(ctx, xs, ys, axes, color, dash = []) {
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.setLineDash(dash);
    ctx.beginPath();
    xs.forEach((x, i) => (i === 0 ? ctx.moveTo(axes.px(x), axes.py(ys[i])) : ctx.lineTo(axes.px(x), axes.py(ys[i]))));
    ctx.stroke();
    ctx.restore();
  }

  function legend(ctx, x, y, entries) {
    ctx.save();
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    ctx.textAlign = "left";
    let at = x;
    for (const { text, color, dash, marker } of entries) {
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.lineWidth = 2;
      if (marker) {
        ctx.beginPath();
        ctx.arc(at + 9, y, 4, 0, 2 * Math.PI);
        if (marker === "ring") ctx.stroke(); else ctx.fill();
      } else {
        ctx.setLineDash(dash ?? []);
        ctx.beginPath();
        ctx.moveTo(at, y);
        ctx.lineTo(at + 18, y);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      ctx.fillStyle = colors.ink;
      ctx.fillText(text, at + 22, y);
      at += 22 + ctx.measureText(text).width + 14;
    }
    ctx.restore();
  }

  function drawFit(ctx, box) {
    const axes = drawAxes(ctx, box, {
      x: [-1, 1], y: [-2.2, 2.2], colors, xLabel: "x", yLabel: "y",
      title: vary === "neurons" ? `two layers of ${neurons} tanh units` : `${neurons} units per layer, λ = ${formatStrength(strength)}`,
    });
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.x, box.y, box.width, box.height);
    ctx.clip();
    ctx.strokeStyle = colors.muted;
    ctx.lineWidth = 1;
    test.x.forEach((x, i) => {
      ctx.beginPath();
      ctx.arc(axes.px(x), axes.py(test.y[i]), 2.5, 0, 2 * Math.PI);
      ctx.stroke();
    });
    polyline(ctx, curve.x, curve.y, axes, colors.ink, [6, 4]);
    ctx.fillStyle = colors.classes[0];
    ctx.strokeStyle = colors.ink;
    train.x.forEach((x, i) => {
      ctx.beginPath();
      ctx.arc(axes.px(x), axes.py(train.y[i]), 4.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    });
    const fitted = run.network.forward(curveX).data;
    polyline(ctx, curve.x, Array.from(fitted, (v) => Math.max(-10, Math.min(10, v))), axes, colors.series[0]);
    ctx.restore();
  }

  function drawErrors(ctx, box, record) {
    const values = [...record.train, ...record.test, noiseFloor].filter((v) => v > 0);
    const low = 10 ** Math.floor(Math.log10(Math.min(1e-2, ...values)));
    const high = 10 ** Math.ceil(Math.log10(Math.max(1, ...values)));
    const axes = drawAxes(ctx, box, {
      x: [0, epochs], y: [low, high], yLog: true, colors, xLabel: "epoch", yLabel: "mean squared error",
      title: "train and test error", zeroLines: false,
    });
    const epochsSoFar = record.train.map((_, i) => i);
    const clampLow = (v) => Math.max(low, v);
    ctx.save();
    ctx.strokeStyle = colors.muted;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([2, 3]);
    ctx.beginPath();
    ctx.moveTo(box.x, axes.py(noiseFloor));
    ctx.lineTo(box.x + box.width, axes.py(noiseFloor));
    ctx.stroke();
    ctx.restore();
    polyline(ctx, epochsSoFar, record.train.map(clampLow), axes, colors.series[0]);
    polyline(ctx, record.testEpochs, record.test.map(clampLow), axes, colors.series[1], [6, 3]);
  }

  function draw() {
    const record = run.record;
    const width = Math.max(260, Math.min(760, Math.floor(root.clientWidth || 480)));
    const wide = width >= 620;
    const margin = { left: 56, right: 12, top: 26, bottom: 44 };
    const legendHeight = wide ? 44 : 64;
    const plotHeight = wide ? 230 : 200;
    const panelWidth = wide ? (width - 2 * margin.left - 2 * margin.right) / 2 : width - margin.left - margin.right;
    const height = wide
      ? margin.top + plotHeight + margin.bottom + legendHeight
      : 2 * (margin.top + plotHeight + margin.bottom) + legendHeight;
    const ctx = sizeCanvas(canvas, width, height);
    ctx.fillStyle = colors.face;
    ctx.fillRect(0, 0, width, height);
    const fitBox = { x: margin.left, y: margin.top, width: panelWidth, height: plotHeight };
    const errorBox = wide
      ? { x: 2 * margin.left + margin.right + panelWidth, y: margin.top, width: panelWidth, height: plotHeight }
      : { x: margin.left, y: 2 * margin.top + plotHeight + margin.bottom, width: panelWidth, height: plotHeight };
    drawFit(ctx, fitBox);
    drawErrors(ctx, errorBox, record);
    const legendY = height - legendHeight + 12;
    const fitEntries = [
      { text: "training points", color: colors.classes[0], marker: "dot" },
      { text: "test points", color: colors.muted, marker: "ring" },
      { text: "true curve", color: colors.ink, dash: [6, 4] },
      { text: "network", color: colors.series[0] },
    ];
    const errorEntries = [
      { text: "train MSE", color: colors.series[0] },
      { text: "test MSE", color: colors.series[1], dash: [6, 3] },
      { text: "noise floor", color: colors.muted, dash: [2, 3] },
    ];
    if (wide) {
      legend(ctx, 8, legendY, fitEntries);
      legend(ctx, 8, legendY + 20, errorEntries);
    } else {
      legend(ctx, 8, legendY, fitEntries.slice(0, 2));
      legend(ctx, 8, legendY + 20, fitEntries.slice(2));
      legend(ctx, 8, legendY + 40, errorEntries);
    }
    const epoch = record.train.length - 1;
    readout.textContent = readoutText(vary, neurons, strength, epoch, record.train[epoch], record.test[record.test.length - 1], noiseFloor, train.x.length, record.status === "diverged");
    const over = record.status === "diverged" || record.status === "done";
    showPlayState(clock, playButton, null, over);
  }

  newRun();
  return figureHandle(root, draw, clock, readout);
}
