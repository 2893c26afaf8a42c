// The perceptron learning a logic gate, update by update (chapter 2), in the page.
//
// Python side: nnbook/live_neurons.py (perceptron_steps), which sends
//     { gates: { and: { points, labels }, ... } (nnlib.datasets.logic_gate), gate,
//       learningRate, maxEpochs, extent, title, colors }.
// Step shows the next example to the twin's Perceptron (book/js/nnlib/neurons.js, the
// rule of nnlib.neurons.Perceptron), Play steps on its own, Reset starts again from
// w = (0, 0), b = 0. The shown example is ringed, points the current weights get wrong
// are crossed out, and the readout lists the mistakes per epoch. Examples come in data
// order, as nnlib's fit without shuffle_seed; training stops after the first epoch
// without a mistake, or after maxEpochs (XOR never gets there). Under the plane, a bar
// per epoch counts its mistakes (the running epoch's bar, paler, grows as it goes).
// Play steps only while the figure is on screen (the root's data-on-screen says which).
//
// For tests, the element carries `nnzPerceptron`: { visits, wrong (indices the current
// weights misclassify), errorsPerEpoch, running (mistakes so far in this epoch) }.

import { Perceptron } from "../nnlib/neurons.js";
import { addStyle, drawAxes, format, makeButton, makeCanvasFigure, makeReadout, palette, sizeCanvas } from "./figure.js";
import { classify, drawPlane, tint } from "./plane.js";

const STYLE = `.nnz-perceptron { margin: 0.5rem 0 1rem; max-width: 30rem; }`;
const PLAY_INTERVAL_MS = 700;

export function readoutText(gate, run) {
  const name = gate.toUpperCase();
  const w = `w = (${format(run.unit.weights[0], 2)}, ${format(run.unit.weights[1], 2)}), b = ${format(run.unit.bias, 2)}`;
  const mistakes = run.errorsPerEpoch.length ? run.errorsPerEpoch.join(", ") : "none yet";
  let head = `${name}: start, ${w}.`;
  if (run.last) {
    const u = run.last;
    const x = run.points[u.sampleIndex].map((v) => format(v, 0)).join(", ");
    const verdict = u.changed ? "wrong → update" : "right → no change";
    head = `${name}, epoch ${u.epoch}, example (${x}): predicted ${u.prediction}, target ${u.target}, ${verdict}; ${w}.`;
  }
  let tail = "";
  if (run.convergedEpoch !== null) tail = ` Converged: epoch ${run.convergedEpoch} had no mistake.`;
  else if (run.finished) tail = ` Stopped after ${run.errorsPerEpoch.length} epochs without converging.`;
  return `${head} Mistakes per epoch: ${mistakes}.${tail}`;
}

// A run of the stepper (what Step advances): newRun(gate, settings), then stepRun(run,
// maxEpochs) once per visit; wrongNow(run) lists the points its current weights
// misclassify (the crosses).
export function newRun(gate, settings) {
  const { points, labels } = settings.gates[gate];
  return {
    points, labels, unit: new Perceptron(2, { learningRate: settings.learningRate }),
    visits: 0, mistakes: 0, errorsPerEpoch: [], last: null, convergedEpoch: null, finished: false,
  };
}

// One visit, with the bookkeeping of nnlib's fit (an epoch's count is recorded when the
// epoch ends).
export function stepRun(run, maxEpochs) {
  if (run.finished) return;
  const n = run.points.length;
  const index = run.visits % n;
  const epoch = Math.floor(run.visits / n) + 1;
  run.last = run.unit.visit(run.points, run.labels, index, epoch);
  run.visits += 1;
  run.mistakes += run.last.changed ? 1 : 0;
  if (index === n - 1) {
    run.errorsPerEpoch.push(run.mistakes);
    if (run.mistakes === 0) run.convergedEpoch = epoch;
    run.finished = run.mistakes === 0 || epoch === maxEpochs;
    run.mistakes = 0;
  }
}

export function wrongNow(run) {
  const predicted = classify(run.points, Array.from(run.unit.weights), run.unit.bias);
  return run.labels.flatMap((y, i) => (predicted[i] !== y ? [i] : []));
}

export function mount(element, settings) {
  if (!settings.gates || !(settings.gate in settings.gates)) {
    throw new Error(`perceptron: gate must be one of ${Object.keys(settings.gates ?? {}).join(", ")}; got ${JSON.stringify(settings.gate)}`);
  }
  const colors = palette(settings.colors);
  addStyle("nnz-perceptron-style", STYLE);
  let gate = settings.gate;
  let run = newRun(gate, settings);
  let timer = null;
  let visible = true;

  const root = document.createElement("div");
  root.className = "nnz-perceptron";
  const gateRow = document.createElement("div");
  gateRow.className = "nnz-fig-buttons";
  gateRow.setAttribute("role", "group");
  gateRow.setAttribute("aria-label", "gate");
  const gateButtons = Object.keys(settings.gates).map((name) => {
    const b = makeButton(name.toUpperCase(), () => { gate = name; reset(); });
    b.dataset.gate = name;
    return b;
  });
  gateRow.append(...gateButtons);
  const { figure, canvas } = makeCanvasFigure(`${settings.title || "The perceptron"}: the buttons step through training`);
  figure.tabIndex = -1;
  const controls = document.createElement("div");
  controls.className = "nnz-fig-buttons";
  const stepButton = makeButton("Step", () => { pause(); advance(); });
  const playButton = makeButton("Play", () => (timer ? pause() : play()));
  const resetButton = makeButton("Reset", () => reset());
  controls.append(stepButton, playButton, resetButton);
  const readout = makeReadout();
  root.append(gateRow, figure, controls, readout);
  element.append(root);

  function draw() {
    const width = Math.max(240, Math.min(480, Math.floor(root.clientWidth || 400)));
    const margin = { left: 44, right: 12, top: 28, bottom: 40 };
    const side = width - margin.left - margin.right;
    const barsTop = side + margin.top + margin.bottom + 24;
    const barsHeight = 80;
    const height = barsTop + barsHeight + 40;
    const ctx = sizeCanvas(canvas, width, height);
    ctx.fillStyle = colors.face;
    ctx.fillRect(0, 0, width, height);
    const w = Array.from(run.unit.weights);
    const wrong = wrongNow(run);
    drawPlane(ctx, { x: margin.left, y: margin.top, width: side, height: side }, {
      extent: settings.extent, points: run.points, labels: run.labels, w, b: run.unit.bias, colors,
      wrong, ring: run.last ? run.last.sampleIndex : null, arrow: false, xLabel: "x₁",
      title: `${gate.toUpperCase()}: visit ${run.visits}, ${wrong.length} of ${run.points.length} wrong`,
    });
    drawMistakes(ctx, { x: margin.left, y: barsTop, width: side, height: barsHeight });
    element.nnzPerceptron = { visits: run.visits, wrong, errorsPerEpoch: [...run.errorsPerEpoch], running: run.mistakes };
    readout.textContent = readoutText(gate, run);
    for (const b of gateButtons) b.setAttribute("aria-pressed", String(b.dataset.gate === gate));
    stepButton.disabled = run.finished;
    playButton.textContent = timer ? "Pause" : "Play";
    playButton.setAttribute("aria-pressed", String(Boolean(timer)));
    playButton.disabled = run.finished;
  }
  // One bar per epoch (1 .. maxEpochs), its height the epoch's mistakes; the epoch
  // under way is drawn paler with the mistakes made so far.
  function drawMistakes(ctx, box) {
    const n = run.points.length;
    const epochs = settings.maxEpochs;
    const axes = drawAxes(ctx, box, {
      x: [0.5, epochs + 0.5], y: [0, n], colors, title: "mistakes per epoch", xLabel: "epoch",
      yTickCount: 3, xTickCount: Math.min(epochs, Math.max(2, Math.round(box.width / 40))),
      zeroLines: false, xTickLabel: (t) => (Number.isInteger(t) ? String(t) : ""),
    });
    const bar = (epoch, count, color) => {
      const half = Math.min(14, (axes.px(1) - axes.px(0)) * 0.35);
      ctx.fillStyle = color;
      ctx.fillRect(axes.px(epoch) - half, axes.py(count), 2 * half, axes.py(0) - axes.py(count));
    };
    run.errorsPerEpoch.forEach((count, i) => bar(i + 1, count, colors.negative));
    const inEpoch = run.visits % n;
    if (inEpoch && !run.finished) bar(run.errorsPerEpoch.length + 1, run.mistakes, tint(colors.negative, colors.face, 0.45));
  }
  function advance() {
    stepRun(run, settings.maxEpochs);
    if (run.finished) pause();
    draw();
  }
  function play() {
    timer = setInterval(() => { if (visible) advance(); }, PLAY_INTERVAL_MS);
    draw();
  }
  function pause() {
    if (timer) clearInterval(timer);
    timer = null;
    draw();
  }
  function reset() {
    pause();
    run = newRun(gate, settings);
    draw();
  }
  // Play waits while the figure is off screen and goes on when it returns.
  const seen = new IntersectionObserver((entries) => {
    visible = entries[entries.length - 1].isIntersecting;
    root.dataset.onScreen = String(visible);
  });
  seen.observe(root);
  const resize = new ResizeObserver(() => requestAnimationFrame(draw));
  resize.observe(root);
  draw();
  return {
    readout: () => readout.textContent,
    destroy() { pause(); seen.disconnect(); resize.disconnect(); root.remove(); },
  };
}
