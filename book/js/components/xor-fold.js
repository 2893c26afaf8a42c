// The fold (chapter 5): the input plane and the hidden layer's plane of a [2, 2, 1]
// network side by side while it learns noisy XOR, in the page.
//
// Python side: nnbook/live_xor.py (xor_fold), which sends the settings of
// xor-training.js plus hiddenExtent (the hidden plane's axes for the whole run, from
// nnlib's run) and epoch (where the slider starts).
// At mount the twin's Trainer (book/js/nnlib) trains the whole run, full batch, from
// nnlib's starting weights, keeping the weights after every epoch; the epoch slider
// (every epoch from 0 to the last; arrow keys step one) shows any of them, and Play
// moves it on, epochsPerFrame epochs a frame, only while the figure is on screen.
// Left: the network's decision map over the input plane. Right: each point placed
// where the hidden layer sends it, (h1, h2), over the output neuron's own map there,
// whose boundary is a straight line. Both planes keep their axes for the whole run.
//
// For tests, the element carries `nnzFold`: { epoch, loss, wrong (per epoch, 0 = before
// training), hidden (the shown epoch's hidden points) }.

import { Matrix } from "../nnlib/matrix.js";
import { Network } from "../nnlib/network.js";
import { Trainer } from "../nnlib/training.js";
import { drawDecisionMap, drawPoints, probabilityGrid } from "./decision-map.js";
import {
  addStyle, drawAxes, figureHandle, format, frameClock, makeButton, makeCanvasFigure,
  makeReadout, makeSlider, palette, showPlayState, sizeCanvas,
} from "./figure.js";

const STYLE = `.nnz-xor-fold { margin: 0.5rem 0 1rem; max-width: 48rem; }`;
const CELLS = 56;

export function readoutText(epoch, epochs, loss, wrong, n) {
  const accuracy = format((100 * (n - wrong)) / n, 0);
  return `Epoch ${epoch} of ${epochs}: training loss ${format(loss, 4)}, training accuracy ${accuracy}% (${wrong} of ${n} points wrong).`;
}

function sigmoid(z) {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

// The whole run: the weights, loss and mistakes before training and after each epoch.
function trainRun(settings, X) {
  const network = new Network(settings.sizes, { activation: settings.activation });
  network.setParameters(settings.parameters);
  const trainer = new Trainer(network, X, settings.labels, { optimizer: settings.optimizer, learningRate: settings.learningRate });
  const wrongCount = () => {
    const predicted = network.predict(X);
    return settings.labels.reduce((count, y, i) => count + (predicted[i] !== y ? 1 : 0), 0);
  };
  const run = { weights: [network.copyParameters()], loss: [trainer.initialLoss], wrong: [wrongCount()], diverged: false };
  for (let e = 0; e < settings.epochs; e++) {
    if (!trainer.runEpoch()) {
      run.diverged = true;
      break;
    }
    run.weights.push(network.copyParameters());
    run.loss.push(trainer.history.trainLoss[trainer.history.trainLoss.length - 1]);
    run.wrong.push(wrongCount());
  }
  return run;
}

export function mount(element, settings) {
  const { points, labels, epochs, extent, hiddenExtent } = settings;
  if (JSON.stringify(settings.sizes) !== "[2,2,1]") {
    throw new Error(`xor-fold: sizes must be [2, 2, 1] (the hidden layer is drawn as a plane); got ${JSON.stringify(settings.sizes)}`);
  }
  if (!Array.isArray(hiddenExtent) || hiddenExtent.length !== 4) {
    throw new Error(`xor-fold: hiddenExtent must be [h1 low, h1 high, h2 low, h2 high]; got ${JSON.stringify(hiddenExtent)}`);
  }
  const colors = palette(settings.colors);
  addStyle("nnz-xor-fold-style", STYLE);
  const X = Matrix.fromRows(points);
  const run = trainRun(settings, X);
  const last = run.weights.length - 1;
  const network = new Network(settings.sizes, { activation: settings.activation });
  const perFrame = settings.epochsPerFrame ?? 2;
  let epoch = Math.min(settings.epoch ?? last, last);

  const root = document.createElement("div");
  root.className = "nnz-xor-fold";
  const slider = makeSlider({
    label: "epoch", min: 0, max: last, step: 1, value: epoch,
    valueText: (v) => `${v} of ${epochs}`,
    onInput: (v) => { pause(); show(v); },
  });
  const { figure, canvas } = makeCanvasFigure(`${settings.title || "The fold"}: the epoch slider and Play move through training`);
  figure.tabIndex = -1;
  const controls = document.createElement("div");
  controls.className = "nnz-fig-buttons";
  const playButton = makeButton("Play", () => (clock.playing ? pause() : play()));
  controls.append(playButton);
  const readout = makeReadout();
  root.append(slider.element, figure, controls, readout);
  element.append(root);

  function show(e) {
    epoch = e;
    slider.set(e);
    draw();
  }
  const clock = frameClock(root, () => {
    epoch = Math.min(last, epoch + perFrame);
    slider.set(epoch);
    return epoch < last;
  }, draw);
  function play() {
    if (epoch >= last) epoch = 0; // Play at the end starts the run again
    slider.set(epoch);
    clock.play();
  }
  const { pause } = clock;

  function draw() {
    network.setParameters(run.weights[epoch]);
    const hiddenMatrix = network.hiddenActivations(X)[0];
    const hidden = hiddenMatrix.toRows();
    const output = network.layers[network.layers.length - 1];
    const available = Math.floor(root.clientWidth || 640);
    const width = Math.max(260, Math.min(760, available));
    const sideBySide = width >= 560;
    const margin = { left: 50, right: 14, top: 28, bottom: 46 };
    const panel = sideBySide ? Math.floor((width - 2 * (margin.left + margin.right)) / 2) : width - margin.left - margin.right;
    const height = sideBySide ? margin.top + panel + margin.bottom : 2 * (margin.top + panel + margin.bottom);
    const ctx = sizeCanvas(canvas, width, height);
    ctx.fillStyle = colors.face;
    ctx.fillRect(0, 0, width, height);
    const left = { x: margin.left, y: margin.top, width: panel, height: panel };
    const right = sideBySide
      ? { x: 2 * margin.left + margin.right + panel, y: margin.top, width: panel, height: panel }
      : { x: margin.left, y: 2 * margin.top + panel + margin.bottom, width: panel, height: panel };

    drawDecisionMap(ctx, left, extent, probabilityGrid(extent, CELLS, (G) => network.predictProba(G)), colors);
    drawAxes(ctx, left, { x: extent.slice(0, 2), y: extent.slice(2), colors, zeroLines: false, xLabel: "x₁", yLabel: "x₂", title: `input plane, epoch ${epoch}` });
    drawPoints(ctx, left, extent, points, labels, colors, { radius: 3.5 });

    // the output neuron alone, on hidden points: sigmoid(h . w + b)
    const outputProbability = (H) => {
      const P = new Matrix(H.rows, 1);
      for (let i = 0; i < H.rows; i++) {
        P.data[i] = sigmoid(H.data[2 * i] * output.W.data[0] + H.data[2 * i + 1] * output.W.data[1] + output.b[0]);
      }
      return P;
    };
    drawDecisionMap(ctx, right, hiddenExtent, probabilityGrid(hiddenExtent, CELLS, outputProbability), colors);
    drawAxes(ctx, right, { x: hiddenExtent.slice(0, 2), y: hiddenExtent.slice(2), colors, zeroLines: false, xLabel: "h₁", yLabel: "h₂", title: "hidden plane (h₁, h₂)" });
    drawPoints(ctx, right, hiddenExtent, hidden, labels, colors, { radius: 3.5 });

    let text = readoutText(epoch, epochs, run.loss[epoch], run.wrong[epoch], points.length);
    if (run.diverged && epoch === last) text += " Training diverged — lower the learning rate.";
    readout.textContent = text;
    element.nnzFold = { epoch, loss: run.loss, wrong: run.wrong, hidden };
    showPlayState(clock, playButton);
  }

  return figureHandle(root, draw, clock, readout);
}
