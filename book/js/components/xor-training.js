// A small two-layer network trained live to separate the four XOR points (chapter 0).
//
// Python side: nnbook/live_xor.py (xor_training), which sends
//     { points, labels, sizes, activation, parameters (nnlib's Network(sizes,
//       activation, seed) starting weights, [W1, b1, ...] nested lists), optimizer,
//       learningRate, epochs, epochsPerFrame, extent: [x0, x1, y0, y1], title, colors }.
// The twin's Network and Trainer (book/js/nnlib) train full batch, epochsPerFrame
// epochs per animation frame while playing and only while the figure is on screen
// (the root's data-on-screen says which); Step trains one epoch, Reset goes back to
// nnlib's starting weights. After each epoch the page redraws the decision map, the
// points (crosses on the ones the network gets wrong) and the loss curve, and says
// the epoch, loss and mistakes (nnbook.live_xor.xor_training_readout, word for word).
//
// For tests, the element carries `nnzTraining`: { loss, wrong, status } -- the exact
// training loss and the count of wrong points before training and after each epoch.

import { Matrix } from "../nnlib/matrix.js";
import { Network } from "../nnlib/network.js";
import { Trainer } from "../nnlib/training.js";
import { drawDecisionMap, drawPoints, probabilityGrid } from "./decision-map.js";
import {
  addStyle, drawAxes, figureHandle, format, frameClock, makeButton, makeCanvasFigure,
  makeReadout, palette, showPlayState, sizeCanvas,
} from "./figure.js";

const STYLE = `.nnz-xor-training { margin: 0.5rem 0 1rem; max-width: 30rem; }`;
const CELLS = 64;

export function readoutText(epoch, epochs, loss, wrong, n) {
  return `Epoch ${epoch} of ${epochs}: training loss ${format(loss, 4)}, ${wrong} of ${n} points wrong.`;
}

export function mount(element, settings) {
  const { points, labels, sizes, parameters, epochs, extent } = settings;
  if (!Array.isArray(points) || points.length !== labels?.length) {
    throw new Error(`xor-training: points and labels must be lists of the same length; got ${points?.length} and ${labels?.length}`);
  }
  if (!Array.isArray(extent) || extent.length !== 4) {
    throw new Error(`xor-training: extent must be [x0, x1, y0, y1]; got ${JSON.stringify(extent)}`);
  }
  const colors = palette(settings.colors);
  addStyle("nnz-xor-training-style", STYLE);
  const X = Matrix.fromRows(points);
  const perFrame = settings.epochsPerFrame ?? 1;
  let run = null;

  function wrongIndices(network) {
    const predicted = network.predict(X);
    return labels.flatMap((y, i) => (predicted[i] !== y ? [i] : []));
  }
  function newRun() {
    const network = new Network(sizes, { activation: settings.activation });
    network.setParameters(parameters);
    const trainer = new Trainer(network, X, labels, { optimizer: settings.optimizer, learningRate: settings.learningRate });
    run = { network, trainer, record: { loss: [trainer.initialLoss], wrong: [wrongIndices(network).length], status: "ready" } };
    element.nnzTraining = run.record;
  }

  const root = document.createElement("div");
  root.className = "nnz-xor-training";
  const { figure, canvas } = makeCanvasFigure(`${settings.title || "Training on XOR"}: Play, Step and Reset control training`);
  figure.tabIndex = -1;
  const controls = document.createElement("div");
  controls.className = "nnz-fig-buttons";
  const playButton = makeButton("Play", () => (clock.playing ? pause() : play()));
  const stepButton = makeButton("Step", () => { pause(); trainEpoch(); draw(); });
  const resetButton = makeButton("Reset", () => { pause(); newRun(); draw(); });
  stepButton.setAttribute("aria-label", "Step: train one epoch");
  controls.append(playButton, stepButton, resetButton);
  const readout = makeReadout();
  root.append(figure, controls, readout);
  element.append(root);

  // One epoch; false when the run is over (all epochs done, or diverged).
  function trainEpoch() {
    const { trainer, network, record } = run;
    if (record.status === "diverged" || record.loss.length > epochs) return false;
    if (!trainer.runEpoch()) {
      record.status = "diverged";
      return false;
    }
    record.loss.push(trainer.history.trainLoss[trainer.history.trainLoss.length - 1]);
    record.wrong.push(wrongIndices(network).length);
    record.status = "training";
    return record.loss.length <= epochs;
  }

  const clock = frameClock(root, () => {
    let going = true;
    for (let i = 0; i < perFrame && going; i++) going = trainEpoch();
    return going;
  }, draw);
  const { play, pause } = clock;

  function draw() {
    const { record, network } = run;
    const width = Math.max(260, Math.min(460, Math.floor(root.clientWidth || 420)));
    const margin = { left: 50, right: 14, top: 28 };
    const side = width - margin.left - margin.right;
    const lossTop = margin.top + side + 76;
    const lossHeight = 90;
    const height = lossTop + lossHeight + 44;
    const ctx = sizeCanvas(canvas, width, height);
    ctx.fillStyle = colors.face;
    ctx.fillRect(0, 0, width, height);
    const box = { x: margin.left, y: margin.top, width: side, height: side };
    const epoch = record.loss.length - 1;
    const wrong = wrongIndices(network);
    drawDecisionMap(ctx, box, extent, probabilityGrid(extent, CELLS, (G) => network.predictProba(G)), colors);
    drawAxes(ctx, box, {
      x: extent.slice(0, 2), y: extent.slice(2), colors, zeroLines: false, xLabel: "x₁", yLabel: "x₂", xTickCount: 5, yTickCount: 5,
      title: `epoch ${epoch}: ${wrong.length} of ${points.length} wrong`,
    });
    drawPoints(ctx, box, extent, points, labels, colors, { radius: 6, wrong });
    const lossBox = { x: margin.left, y: lossTop, width: side, height: lossHeight };
    const lossHigh = Math.max(...record.loss) * 1.05 || 1;
    const axes = drawAxes(ctx, lossBox, {
      x: [0, epochs], y: [0, lossHigh], colors, title: "training loss", xLabel: "epoch", yTickCount: 3,
    });
    ctx.strokeStyle = colors.series[0];
    ctx.lineWidth = 2;
    ctx.beginPath();
    record.loss.forEach((v, i) => (i === 0 ? ctx.moveTo(axes.px(i), axes.py(v)) : ctx.lineTo(axes.px(i), axes.py(v))));
    ctx.stroke();

    let text = readoutText(epoch, epochs, record.loss[epoch], record.wrong[epoch], points.length);
    if (record.status === "diverged") text += " Training diverged — lower the learning rate.";
    readout.textContent = text;
    const over = record.status === "diverged" || epoch >= epochs;
    showPlayState(clock, playButton, stepButton, over);
  }

  newRun();
  return figureHandle(root, draw, clock, readout);
}
