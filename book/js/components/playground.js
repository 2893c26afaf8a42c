// The playground, live in the page: pick a toy problem and a network, press Play,
// watch it learn. Trains with the browser twin of nnlib (../nnlib/), so it needs no
// Python; in JupyterLab the same chapter cell shows the ipywidgets playground, which
// trains with nnlib itself (nnbook/playground/view.py).
//
// mount(element, settings): `settings` are the chapter's initial settings (the
// playground state of ../playground/options.js, written by nnbook.playground.view);
// the page's URL can change any of them (../playground/url.js), and every change is
// written back to the URL, so a link reproduces what the reader sees.
//
// The pieces: options.js (the choices), url.js (state <-> URL), run.js (data, network,
// training), draw.js (canvases), diagram.js (the network picture), controls.js (the
// form controls), code.js ("show the code"). This module lays them out and runs the
// animation: several epochs per requestAnimationFrame within a time budget, and no
// training while the playground is scrolled out of view.

import { pythonCode } from "../playground/code.js";
import {
  ACTIVATIONS, BATCH_SIZES, FEATURES, HIDEABLE, LEARNING_RATES, LIMITS, LOSSES, N_SAMPLES,
  PROBLEMS, REGULARIZATION_RATES, REGULARIZATIONS, datasetsFor, featureLabel, formatRate,
} from "../playground/options.js";
import { NetworkDiagram, UNIT_RESOLUTION } from "../playground/diagram.js";
import { drawDecisionOverlay, placeMap, drawLossCurves, drawThumbnail, paintMap } from "../playground/draw.js";
import { PlaygroundRun, makePlaygroundData } from "../playground/run.js";
import { checkState, fromQuery, urlWithState } from "../playground/url.js";
import { checkbox, element, select, slider, stepper, toggle } from "../playground/controls.js";

// The decision map is computed on a MAP_RESOLUTION^2 grid (and smoothed when drawn);
// each unit's small map takes every SAMPLE-th point of the same grid.
const MAP_RESOLUTION = 40;
const SAMPLE = 2;
// Our work per animation frame (ms), training and drawing together: the rest of a
// 60 Hz frame (16.7 ms) is the browser's, to lay out, paint and composite what we
// changed, which in a software-rendered headless Chromium takes about half the frame.
// Training gets what drawing leaves (running means of the drawing times), within
// these bounds: at least 1 ms, so that a large network on a slow machine still moves.
const FRAME_WORK_MS = 7;
const BUDGET_LIMITS_MS = [1, 5];
// While training, the decision map and the counters are redrawn every frame; the
// slower pictures at most this often, one per frame (the loss curves with the
// dead-unit count, then the diagram with its lines and the small map in every
// neuron): the eye cannot follow them faster, and together they cost more than the
// rest of a frame.
const SLOW_PICTURES_MS = 100;
const SLOW_PICTURES = ["curves", "diagram"];
const THUMBNAIL_POINTS = 120;

const HIDE_LABELS = {
  problem: "problem type", dataset: "data set", noise: "noise", trainPercent: "train/test ratio",
  batchSize: "batch size", regenerate: "Regenerate", features: "input features",
  layers: "hidden layers and widths", activation: "activation", learningRate: "learning rate",
  regularization: "regularization", regularizationRate: "regularization rate", loss: "loss",
  showTest: "show test data", discretize: "discretize", code: "show the code",
};

function loadStyles() {
  const href = new URL("../playground/playground.css", import.meta.url).href;
  if (![...document.querySelectorAll("link[rel=stylesheet]")].some((l) => l.href === href)) {
    document.head.append(element("link", { rel: "stylesheet", href }));
  }
}

function fixed(value, digits = 3) {
  return value === null || !Number.isFinite(value) ? "—" : value.toFixed(digits);
}

function percent(value) {
  return value === null || !Number.isFinite(value) ? "—" : `${(100 * value).toFixed(1)}%`;
}

class Playground {
  constructor(root, settings) {
    this.root = root;
    const chapter = checkState(settings);
    if (chapter.ignored.length) console.warn("playground settings ignored:", chapter.ignored);
    this.base = chapter.state;
    const fromUrl = fromQuery(window.location.search, this.base);
    this.state = fromUrl.state;
    this.playing = false;
    this.visible = true;
    this.inspected = null;
    this.frame = null;
    this.drawMs = { quick: null, curves: null, diagram: null }; // not measured yet
    this.slowDue = [];
    this.slowDrawn = 0;
    this.sizes = null;
    this.stats = { frames: 0, redraws: 0, steps: 0, epochs: 0, since: performance.now() };
    this.build();
    this.newRun();
    if (fromUrl.ignored.length) {
      this.say(`The link had settings the playground could not use, so it kept the ` +
        `defaults for them: ${fromUrl.ignored.join("; ")}.`, "warning");
    }
    this.observe();
  }

  // -- layout -----------------------------------------------------------------

  build() {
    const s = this.state;
    const reset = () => this.newRun({ announce: true });
    const change = (field) => (value) => this.change({ [field]: value });

    this.playButton = element("button", { type: "button", class: "nnz-pg-play", "aria-pressed": "false", "data-setting": "play" }, "Play");
    this.playButton.addEventListener("click", () => (this.playing ? this.pause() : this.play()));
    this.stepButton = element("button", { type: "button", "data-setting": "step", title: "Train one epoch" }, "Step");
    this.stepButton.addEventListener("click", () => {
      this.pause();
      this.trainEpochs(1);
      if (this.run.canTrain) this.say(`One epoch trained: epoch ${this.run.epoch}.`);
    });
    this.resetButton = element("button", { type: "button", "data-setting": "reset", title: "New initial weights, epoch 0" }, "Reset");
    this.resetButton.addEventListener("click", () => { this.pause(); reset(); });
    this.epochText = element("span", { class: "nnz-pg-epoch-value", "data-readout": "epoch" }, "0");

    this.controls = {
      problem: select({ name: "problem", label: "Problem", options: PROBLEMS, value: s.problem, onChange: change("problem") }),
      learningRate: slider({ name: "learningRate", label: "Learning rate", values: LEARNING_RATES, value: s.learningRate, format: formatRate, onChange: change("learningRate") }),
      activation: select({ name: "activation", label: "Activation", options: ACTIVATIONS, value: s.activation, onChange: change("activation") }),
      regularization: select({ name: "regularization", label: "Regularization", options: REGULARIZATIONS, value: s.regularization, onChange: change("regularization") }),
      regularizationRate: slider({ name: "regularizationRate", label: "Regularization rate", values: REGULARIZATION_RATES, value: s.regularizationRate, format: formatRate, onChange: change("regularizationRate") }),
      loss: select({ name: "loss", label: "Loss", options: LOSSES, value: s.loss, onChange: change("loss") }),
      trainPercent: slider({ name: "trainPercent", label: "Training data", values: range(LIMITS.trainPercent, LIMITS.trainPercentStep), value: s.trainPercent, format: (v) => `${v}%`, onChange: change("trainPercent") }),
      noise: slider({ name: "noise", label: "Noise", values: range(LIMITS.noise, LIMITS.noiseStep), value: s.noise, format: (v) => v.toFixed(2), onChange: change("noise") }),
      batchSize: slider({ name: "batchSize", label: "Batch size", values: BATCH_SIZES, value: s.batchSize, format: (v) => (v === 0 ? "all" : String(v)), onChange: change("batchSize") }),
      showTest: checkbox({ name: "showTest", label: "Show test data", checked: s.showTest, onChange: (v) => { this.state.showTest = v; this.writeUrl(); this.draw(); } }),
      discretize: checkbox({ name: "discretize", label: "Discretize output", checked: s.discretize, onChange: (v) => { this.state.discretize = v; this.writeUrl(); this.draw(); } }),
    };
    const regenerate = element("button", { type: "button", "data-setting": "regenerate", title: "New points from the next seed" }, "Regenerate");
    regenerate.addEventListener("click", () => this.change({ seed: (this.state.seed + 1) % (LIMITS.seed[1] + 1) }));
    this.regenerate = element("div", { class: "nnz-pg-field", "data-control": "regenerate" }, regenerate);

    const bar = element("div", { class: "nnz-pg-bar" },
      element("div", { class: "nnz-pg-buttons" }, this.playButton, this.stepButton, this.resetButton),
      element("div", { class: "nnz-pg-epoch" }, element("span", { class: "nnz-pg-small" }, "Epoch"), this.epochText),
      this.controls.problem.wrapper, this.controls.learningRate.wrapper, this.controls.activation.wrapper,
      this.controls.regularization.wrapper, this.controls.regularizationRate.wrapper, this.controls.loss.wrapper);

    // Data column: thumbnails, then the data's sliders.
    this.datasetGroup = element("div", { class: "nnz-pg-datasets", role: "radiogroup", "aria-label": "Data set" });
    const dataColumn = element("section", { class: "nnz-pg-column nnz-pg-data", "aria-label": "Data" },
      element("h3", { class: "nnz-pg-heading" }, "Data"),
      element("div", { "data-control": "dataset" }, this.datasetGroup),
      this.controls.trainPercent.wrapper, this.controls.noise.wrapper, this.controls.batchSize.wrapper,
      this.regenerate);

    // Network column: features, layer count, the diagram with its width steppers.
    this.featureToggles = FEATURES.map((f) =>
      toggle({ name: `feature-${f.id}`, label: f.label, pressed: s.features.includes(f.id), title: `input feature ${f.label}`, onChange: () => this.onFeatures() }));
    this.layersStepper = stepper({
      name: "layers", label: "Hidden layers", value: s.layers.length, min: LIMITS.hiddenLayers[0], max: LIMITS.hiddenLayers[1],
      describe: (n) => `${n} hidden layer${n === 1 ? "" : "s"}`,
      onChange: (n) => {
        const layers = this.state.layers.slice(0, n);
        while (layers.length < n) layers.push(layers.length ? layers[layers.length - 1] : 4);
        this.change({ layers });
      },
    });
    this.widthRow = element("div", { class: "nnz-pg-widths", "data-control": "layers" });
    this.diagramBox = element("div", { class: "nnz-pg-diagram" });
    this.diagram = new NetworkDiagram(this.diagramBox, { onInspect: (target) => { this.inspected = target; this.drawDecisionMap(); } });
    const netColumn = element("section", { class: "nnz-pg-column nnz-pg-net", "aria-label": "Network" },
      element("h3", { class: "nnz-pg-heading" }, "Network"),
      element("div", { class: "nnz-pg-features", role: "group", "aria-label": "Input features", "data-control": "features" },
        element("span", { class: "nnz-pg-small" }, "Input features"), ...this.featureToggles.map((t) => t.button)),
      element("div", { class: "nnz-pg-layers", "data-control": "layers" }, this.layersStepper.wrapper),
      this.widthRow, this.diagramBox,
      element("p", { class: "nnz-pg-small nnz-pg-legend" },
        "Lines: weights, ", element("span", { class: "nnz-pg-pos" }, "blue +"), ", ",
        element("span", { class: "nnz-pg-neg" }, "vermillion −"),
        ", wider = larger. Each square maps one unit's output; hover, focus or tap one to enlarge it."));

    // Output column: numbers, curves, the decision map.
    this.trainLossText = element("span", { "data-readout": "train-loss" });
    this.testLossText = element("span", { "data-readout": "test-loss" });
    this.accuracyText = element("span", { class: "nnz-pg-small", "data-readout": "accuracy" });
    this.lossText = element("p", { class: "nnz-pg-numbers", "data-readout": "losses" },
      this.trainLossText, " · ", this.testLossText, element("br"), this.accuracyText);
    this.deadText = element("p", { class: "nnz-pg-small", "data-readout": "dead" });
    this.lossCanvas = element("canvas", { role: "img", "aria-label": "Train and test loss against the epoch" });
    // The decision map: a small canvas (MAP_RESOLUTION pixels a side) that the browser
    // scales over the plot area, under a crisp picture of the points and axes.
    this.mapCanvas = element("canvas", { role: "img", class: "nnz-pg-map", "aria-label": "Decision map" });
    this.mapPixels = element("canvas", { class: "nnz-pg-map-pixels", "aria-hidden": "true" });
    this.mapStack = element("div", { class: "nnz-pg-map-stack" }, this.mapPixels, this.mapCanvas);
    // Two cells: the map (with its toggles) and the numbers (with the curves); side
    // by side when the column is wide, stacked when it is not.
    const outColumn = element("section", { class: "nnz-pg-column nnz-pg-out", "aria-label": "Output" },
      element("h3", { class: "nnz-pg-heading" }, "Output"),
      element("div", { class: "nnz-pg-out-grid" },
        element("div", { class: "nnz-pg-out-numbers" },
          this.lossText,
          element("p", { class: "nnz-pg-small nnz-pg-legend" },
            element("span", { class: "nnz-pg-pos" }, "— train"), "  ", element("span", { class: "nnz-pg-neg" }, "- - test"), " loss"),
          this.lossCanvas, this.deadText),
        element("div", { class: "nnz-pg-out-map" },
          this.mapStack,
          element("p", { class: "nnz-pg-small nnz-pg-legend" }, "Dots: training data; rings: test data. Background: the network's output (pale = unsure)."),
          element("div", { class: "nnz-pg-checks" }, this.controls.showTest.wrapper, this.controls.discretize.wrapper))));

    this.status = element("p", { class: "nnz-pg-status", role: "status", "aria-live": "polite" });

    // Show the code, and the links.
    this.codeBlock = element("code", { class: "language-python" });
    const copyCode = element("button", { type: "button", "data-setting": "copy-code" }, "Copy the code");
    copyCode.addEventListener("click", () => this.copy(this.codeBlock.textContent, "The code is copied."));
    const code = this.codeDetails = element("details", { class: "nnz-pg-code", "data-control": "code" },
      element("summary", {}, "Show the code"),
      element("p", { class: "nnz-pg-small" }, "nnlib code that sets up this run (same data set, features, network and training; NumPy draws its own random points and first weights). Paste it into a notebook cell."),
      element("div", { class: "nnz-pg-pre", tabindex: "0", role: "region", "aria-label": "Python code" }, this.codeBlock), copyCode);
    code.addEventListener("toggle", () => { if (code.open) this.writeCode(); });
    this.link = element("a", { class: "nnz-pg-link", href: "#" }, "Link to this setup");
    this.teacherLink = element("input", { type: "text", readonly: true, class: "nnz-pg-teacher-link", "aria-label": "Teacher's link" });
    this.hideBoxes = HIDEABLE.map((name) => checkbox({ name: `hide-${name}`, label: HIDE_LABELS[name], checked: false, onChange: () => this.writeTeacherLink() }));
    const teacher = element("details", { class: "nnz-pg-teacher" },
      element("summary", {}, "Teacher's link: hide controls"),
      element("p", { class: "nnz-pg-small" }, "Tick the controls your students should not see; the link opens this setup with them hidden."),
      element("div", { class: "nnz-pg-hide-list" }, ...this.hideBoxes.map((b) => b.wrapper)),
      this.teacherLink);

    this.box = element("div", { class: "nnz-pg" }, bar,
      element("div", { class: "nnz-pg-main" }, dataColumn, netColumn, outColumn),
      this.status, element("div", { class: "nnz-pg-footer" }, this.link), code, teacher);
    this.root.append(this.box);
    new ResizeObserver(() => this.layout()).observe(this.box);
  }

  layout() {
    const width = this.box.clientWidth;
    if (width === this.lastWidth || width === 0) return;
    this.lastWidth = width;
    this.sizes = null;
    this.buildDiagram();
    this.draw();
  }

  // -- state ------------------------------------------------------------------

  change(partial) {
    const wasPlaying = this.playing;
    const next = { ...this.state, ...partial };
    if (partial.problem && partial.problem !== this.state.problem) next.dataset = datasetsFor(partial.problem)[0].id;
    this.state = checkState(next, this.base).state;
    this.syncControls();
    this.newRun();
    this.say(wasPlaying
      ? "New setting: training starts over at epoch 0 and goes on."
      : "New setting: the network starts over at epoch 0.");
    if (wasPlaying && this.run.canTrain) this.play({ quiet: true });
  }

  onFeatures() {
    const features = FEATURES.filter((f, i) => this.featureToggles[i].button.getAttribute("aria-pressed") === "true").map((f) => f.id);
    if (features.length === 0) {
      this.featureToggles[FEATURES.findIndex((f) => f.id === this.state.features[0])].set(true);
      this.say("Keep at least one input feature: the network needs an input.", "warning");
      return;
    }
    this.change({ features });
  }

  syncControls() {
    const s = this.state;
    for (const [name, control] of Object.entries(this.controls)) control.set(s[name]);
    this.featureToggles.forEach((t, i) => t.set(s.features.includes(FEATURES[i].id)));
    this.layersStepper.set(s.layers.length);
    const regression = s.problem === "regression";
    this.controls.loss.wrapper.hidden = regression || s.hide.includes("loss");
    this.controls.regularizationRate.input.disabled = s.regularization === "none";
    for (const node of this.box.querySelectorAll("[data-control]")) {
      if (node.dataset.control !== "loss") node.hidden = s.hide.includes(node.dataset.control);
    }
    this.buildDatasets();
  }

  newRun({ announce = false } = {}) {
    this.run = new PlaygroundRun(this.state);
    this.inspected = null;
    this.syncControls();
    this.buildDiagram();
    this.writeUrl();
    this.draw();
    if (announce) this.say("Reset: new start at epoch 0.");
    if (!this.run.canTrain) this.say(this.run.message, "error");
  }

  writeUrl() {
    const href = urlWithState(window.location.href, { ...this.state }, this.base);
    try {
      window.history.replaceState(window.history.state, "", href);
    } catch {
      // file:// pages may refuse; the link below still carries the state.
    }
    this.link.href = href;
    this.writeTeacherLink();
  }

  writeTeacherLink() {
    const hide = HIDEABLE.filter((_, i) => this.hideBoxes[i].input.checked);
    this.teacherLink.value = urlWithState(window.location.href, { ...this.state, hide }, this.base);
  }

  // -- training ---------------------------------------------------------------

  play({ quiet = false } = {}) {
    if (!this.run.canTrain) {
      this.say(this.run.message || "This run cannot train; change a setting or press Reset.", "error");
      return;
    }
    this.playing = true;
    this.playButton.textContent = "Pause";
    this.playButton.setAttribute("aria-pressed", "true");
    if (!quiet) this.say("Training.");
    this.schedule();
  }

  pause() {
    if (!this.playing) return;
    this.playing = false;
    this.playButton.textContent = "Play";
    this.playButton.setAttribute("aria-pressed", "false");
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.say(`Paused at epoch ${this.run.epoch}.`);
  }

  schedule() {
    if (this.frame === null && this.playing && this.visible) {
      this.frame = requestAnimationFrame(() => this.tick());
    }
  }

  tick() {
    this.frame = null;
    if (!this.playing || !this.visible) return;
    const started = performance.now();
    const stepsBefore = this.run.steps;
    const epochsBefore = this.run.epoch;
    if (!this.slowDue.length && started - this.slowDrawn >= SLOW_PICTURES_MS) {
      this.slowDue = [...SLOW_PICTURES];
      this.slowDrawn = started;
    }
    const slow = this.slowDue.shift();
    // Batches, not whole epochs, so a frame stays within its budget even when one
    // epoch (batch size 1, six layers of eight) takes longer than a frame.
    const budget = this.trainingBudget(slow);
    while (performance.now() - started < budget && this.run.trainStep());
    this.run.checkWeights();
    this.stats.frames += 1;
    this.stats.epochs += this.run.epoch - epochsBefore;
    this.stats.steps += this.run.steps - stepsBefore;
    if (!this.run.canTrain) {
      this.afterTraining();
      this.pause();
      this.say(this.run.message, "error");
      return;
    }
    let drawStarted = performance.now();
    this.drawQuick();
    this.recordDrawing("quick", drawStarted);
    if (slow) {
      drawStarted = performance.now();
      if (slow === "curves") {
        this.countDeadUnits();
        this.drawCurves();
      } else this.drawDiagram();
      this.recordDrawing(slow, drawStarted);
      this.stats.redraws += 1;
    }
    this.schedule();
  }

  /** A running mean of how long (ms) each kind of drawing takes; the first drawing
   * of a kind sets it. */
  recordDrawing(kind, started) {
    const took = performance.now() - started;
    this.drawMs[kind] = this.drawMs[kind] === null ? took : 0.8 * this.drawMs[kind] + 0.2 * took;
  }

  /** The training time (ms) a frame can afford: the frame's work time less the
   * drawing it will do, within BUDGET_LIMITS_MS. */
  trainingBudget(slow) {
    const [low, high] = BUDGET_LIMITS_MS;
    const drawing = this.drawMs.quick + (slow ? this.drawMs[slow] : 0);
    return Math.max(low, Math.min(high, FRAME_WORK_MS - drawing));
  }

  trainEpochs(n) {
    this.run.trainEpochs(n);
    this.afterTraining();
    if (!this.run.canTrain) this.say(this.run.message || "These settings cannot train.", "error");
  }

  afterTraining() {
    this.countDeadUnits();
    this.draw();
  }

  /** Recount the dead units, and warn when a whole layer has died. */
  countDeadUnits() {
    const before = this.run.message;
    this.run.updateUnits();
    if (this.run.message && this.run.message !== before) this.say(this.run.message, "warning");
  }

  observe() {
    if (!("IntersectionObserver" in window)) return;
    new IntersectionObserver((entries) => {
      this.visible = entries[entries.length - 1].isIntersecting;
      this.box.dataset.visible = String(this.visible);
      this.schedule();
    }).observe(this.box);
  }

  // -- drawing ----------------------------------------------------------------

  buildDatasets() {
    const s = this.state;
    const key = `${s.problem}|${s.noise}|${s.seed}|${s.dataset}`;
    if (this.datasetKey === key) return;
    const sameList = this.datasetKey && this.datasetKey.split("|").slice(0, 3).join("|") === key.split("|").slice(0, 3).join("|");
    this.datasetKey = key;
    if (sameList) {
      for (const input of this.datasetGroup.querySelectorAll("input")) input.checked = input.value === s.dataset;
      return;
    }
    this.datasetGroup.replaceChildren();
    for (const info of datasetsFor(s.problem)) {
      const input = element("input", { type: "radio", name: `nnz-pg-dataset-${this.idSuffix()}`, value: info.id, class: "nnz-pg-visually-hidden", "data-setting": "dataset" });
      input.checked = info.id === s.dataset;
      input.addEventListener("change", () => { if (input.checked) this.change({ dataset: info.id }); });
      // Drawn once on a canvas, shown as an image: a canvas in the page is handed to
      // the compositor on every frame while training, an image only when it changes.
      const canvas = document.createElement("canvas");
      const thumbnail = element("img", { alt: "", "aria-hidden": "true", width: "44", height: "44" });
      const label = element("label", { class: "nnz-pg-dataset", title: info.label }, input, thumbnail, element("span", {}, info.label));
      this.datasetGroup.append(label);
      try {
        const { X, y } = makePlaygroundData(info.id, { n: THUMBNAIL_POINTS, noise: s.noise, seed: s.seed });
        let extent = 0;
        for (const v of X.data) extent = Math.max(extent, Math.abs(v));
        const values = y.data ?? y;
        let span = 0;
        for (const v of values) span = Math.max(span, Math.abs(v));
        const points = [];
        for (let i = 0; i < X.rows; i++) points.push({ x1: X.get(i, 0), x2: X.get(i, 1), label: values[i], value: values[i] / (span || 1) });
        drawThumbnail(canvas, 44, points, extent * 1.05, info.classes === 0 ? "signed" : "classes");
        thumbnail.src = canvas.toDataURL();
      } catch (error) {
        console.error(error);
      }
    }
  }

  idSuffix() {
    if (!this.suffix) this.suffix = Math.random().toString(36).slice(2, 8);
    return this.suffix;
  }

  buildDiagram() {
    const run = this.run;
    const s = this.state;
    const width = Math.max(200, this.diagramBox.clientWidth || 300);
    const columns = [
      { title: "inputs", units: s.features.map((id) => ({ label: `input ${featureLabel(id)}`, name: featureLabel(id) })) },
      ...s.layers.map((w, l) => ({ title: `layer ${l + 1}`, units: Array.from({ length: w }, (_, u) => ({ label: `hidden layer ${l + 1}, unit ${u + 1}` })) })),
      { title: "output", units: Array.from({ length: run.classes === 3 ? 3 : 1 }, (_, u) => ({ label: run.classes === 3 ? `output, class ${u + 1}` : "output" })) },
    ];
    this.diagram.build(columns, width);
    // One vertical − n + per hidden layer, over its column.
    this.widthRow.replaceChildren();
    s.layers.forEach((w, l) => {
      const control = stepper({
        name: `width-${l + 1}`, label: `Units in hidden layer ${l + 1}`, value: w, min: LIMITS.width[0], max: LIMITS.width[1],
        describe: (n) => String(n),
        onChange: (n) => { const layers = this.state.layers.slice(); layers[l] = n; this.change({ layers }); },
      });
      control.wrapper.classList.add("nnz-pg-width");
      control.wrapper.style.left = `${this.diagram.columnX(l + 1)}px`;
      this.widthRow.append(control.wrapper);
    });
    this.widthRow.style.height = s.layers.length ? "" : "0";
  }

  /** The small map of every unit, sampled from the frame's grid pass (every
   * SAMPLE-th point of the MAP_RESOLUTION grid), each scaled by its largest size. */
  unitMaps(pass) {
    const R = MAP_RESOLUTION, r = UNIT_RESOLUTION, stride = SAMPLE;
    const gridIndex = (i) => Math.floor(i / r) * stride * R + (i % r) * stride;
    const columnsOf = (M) => {
      const maps = [];
      for (let j = 0; j < M.cols; j++) {
        const largest = columnLargest(M, j);
        maps.push({ kind: "signed", valueAt: (i) => M.data[gridIndex(i) * M.cols + j] / largest });
      }
      return maps;
    };
    const maps = [columnsOf(pass.features), ...pass.hidden.map(columnsOf)];
    const out = pass.output;
    if (this.run.classes === 3) {
      maps.push([0, 1, 2].map((k) => ({ kind: "signed", valueAt: (i) => 2 * out.valueAt(gridIndex(i))[k] - 1 })));
    } else maps.push([{ kind: out.kind, valueAt: (i) => out.valueAt(gridIndex(i)) }]);
    return maps;
  }

  /** Everything: the counters, the decision map, the loss curves and the diagram. */
  draw() {
    // Timed like a training frame's drawing, so that the first frames after Play
    // budget their training with what the pictures really cost (from zero, the first
    // frame that redrew the diagram trained a full budget besides, and missed a frame).
    let started = performance.now();
    if (!this.drawQuick()) return;
    this.recordDrawing("quick", started);
    started = performance.now();
    this.drawCurves();
    this.recordDrawing("curves", started);
    started = performance.now();
    this.drawDiagram();
    this.recordDrawing("diagram", started);
  }

  /** The loss curves, the dead-unit count and the map's description. */
  drawCurves() {
    const run = this.run;
    if (!run.network) return;
    const summary = run.summary();
    this.deadText.textContent = summary.hiddenUnits
      ? `Dead units: ${summary.deadUnits} of ${summary.hiddenUnits} (output 0 for every training point)`
      : "No hidden layer: the output is a straight-line boundary in the chosen features.";
    drawLossCurves(this.lossCanvas, this.size("loss"), 80, run.trainLoss, run.testLoss);
    this.describeMap();
  }

  /** The network diagram (weights as lines, each unit's small map) and the code. */
  drawDiagram() {
    const run = this.run;
    if (!run.network) return;
    const dead = [[], ...run.deadMask, []];
    const weights = run.network.layers.map((layer) => layer.W);
    this.diagram.update(weights, this.unitMaps(this.pass), dead);
    if (this.codeOpen()) this.writeCode();
  }

  /** What every training frame redraws: the counters and the decision map.
   * Returns false when there is no network to draw. */
  drawQuick() {
    const run = this.run;
    this.epochText.textContent = run.epoch.toLocaleString("en-US");
    this.box.dataset.status = run.status;
    if (!run.network) {
      this.trainLossText.textContent = run.message;
      this.testLossText.textContent = this.accuracyText.textContent = this.deadText.textContent = "";
      return false;
    }
    const summary = run.summary();
    this.trainLossText.textContent = `Train loss ${fixed(summary.trainLoss)}`;
    this.testLossText.textContent = `Test loss ${fixed(summary.testLoss)}`;
    this.accuracyText.textContent = run.regression
      ? "(mean squared error)"
      : `accuracy ${percent(summary.trainAccuracy)} train, ${percent(summary.testAccuracy)} test`;
    this.pass = run.gridPass(MAP_RESOLUTION);
    this.passRun = run;
    this.paintDecisionMap();
    return true;
  }

  /** The CSS width of a picture, measured once per layout: reading it every frame,
   * just after the counters changed, would make the browser lay the page out again. */
  size(picture) {
    if (!this.sizes) {
      this.sizes = {
        loss: Math.min(this.lossCanvas.parentElement.clientWidth || 260, 320),
        map: Math.min(this.mapStack.parentElement.clientWidth || 260, 320),
      };
    }
    return this.sizes[picture];
  }

  codeOpen() {
    return this.codeDetails.open;
  }

  writeCode() {
    this.codeBlock.textContent = pythonCode(this.state, this.run.design(), this.run.featureNames, this.run.epoch);
  }

  /** The decision map (or the map of the inspected unit) with its description. */
  drawDecisionMap() {
    this.paintDecisionMap();
    this.describeMap();
  }

  paintDecisionMap() {
    const run = this.run;
    if (!run.network) return;
    const pass = this.pass && this.passRun === run ? this.pass : run.gridPass(MAP_RESOLUTION);
    this.pass = pass;
    this.passRun = run;
    let map = pass.output, caption = "";
    const target = this.inspected;
    if (target && target.column <= this.state.layers.length) {
      const M = target.column === 0 ? pass.features : pass.hidden[target.column - 1];
      const largest = columnLargest(M, target.unit);
      map = { kind: "signed", valueAt: (i) => M.data[i * M.cols + target.unit] / largest };
      caption = target.label;
    } else if (target) {
      caption = target.label;
    }
    const dead = Boolean(target && target.column > 0 && run.deadMask[target.column - 1] && run.deadMask[target.column - 1][target.unit]);
    paintMap(this.mapPixels, MAP_RESOLUTION, map.kind, map.valueAt, { discretize: this.state.discretize, dead });
    const size = this.size("map");
    this.points = this.points && this.pointsRun === run ? this.points : run.points();
    this.pointsRun = run;
    const overlay = {
      extent: run.extent, points: this.points, kind: run.regression ? "signed" : "classes",
      showTest: this.state.showTest, caption: caption ? `${caption}${dead ? " (dead)" : ""}` : "",
    };
    const ratio = window.devicePixelRatio || 1;
    const key = [size, ratio, overlay.extent, overlay.kind, overlay.showTest, overlay.caption].join("|");
    if (this.overlayKey !== key || this.overlayPoints !== this.points) {
      this.mapStack.style.width = this.mapStack.style.height = `${size}px`;
      placeMap(this.mapPixels, size);
      drawDecisionOverlay(this.mapCanvas, size, overlay);
      this.overlayKey = key;
      this.overlayPoints = this.points;
    }
    this.mapCaption = caption;
  }

  describeMap() {
    if (!this.run.network) return;
    const caption = this.mapCaption;
    this.mapCanvas.setAttribute("aria-label", caption
      ? `Map of ${caption} over the plane`
      : `Decision map of the ${this.state.dataset} data after ${this.run.epoch} epochs: ${this.lossText.textContent}`);
  }

  // -- talking ----------------------------------------------------------------

  say(text, kind = "info") {
    this.status.textContent = text;
    this.status.dataset.kind = kind;
  }

  async copy(text, done) {
    try {
      await navigator.clipboard.writeText(text);
      this.say(done);
    } catch {
      this.say("Copying is not allowed here: select the text and copy it by hand.", "warning");
    }
  }

  // -- for tests and benchmarks -------------------------------------------------

  api() {
    return {
      state: () => structuredClone(this.state),
      summary: () => this.run.summary(),
      message: () => this.status.textContent,
      runMessage: () => this.run.message,
      trainEpochs: (n) => { this.trainEpochs(n); return this.run.summary(); },
      case: () => this.run.toCase(),
      stats: () => ({ ...this.stats, elapsed: performance.now() - this.stats.since }),
      resetStats: () => { this.stats = { frames: 0, redraws: 0, steps: 0, epochs: 0, since: performance.now() }; },
      play: () => this.play(),
      pause: () => this.pause(),
      playing: () => this.playing,
    };
  }
}

function columnLargest(M, j) {
  let largest = 1e-12;
  for (let i = 0; i < M.rows; i++) largest = Math.max(largest, Math.abs(M.data[i * M.cols + j]));
  return largest;
}

function range([low, high], step) {
  const values = [];
  for (let i = 0; low + i * step <= high + 1e-9; i++) values.push(Math.round((low + i * step) * 1000) / 1000);
  return values;
}

export function mount(element, settings) {
  loadStyles();
  const playground = new Playground(element, settings || {});
  element.nnzPlayground = playground.api();
  return playground;
}
