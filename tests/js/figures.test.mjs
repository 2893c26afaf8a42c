// Five figure defects that were fixed once, each held by one test that fails if it comes
// back. Settings and expected values come from Python at test time (tests/figure_cases.py,
// through tests/test_js_twin.py, in the `figures` section of NNZ_TWIN_CASES).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { SGD } from "../../book/js/nnlib/optimizers.js";
import { readoutText as descentReadout } from "../../book/js/components/descent-surface.js";
import { drawAxes } from "../../book/js/components/figure.js";
import { curveY, factors, logRange } from "../../book/js/components/gradient-depth.js";
import { spreadRange } from "../../book/js/components/init-spread.js";
import { newRun, stepRun, wrongNow } from "../../book/js/components/perceptron.js";
import { drawPlane } from "../../book/js/components/plane.js";
import { descend, drawPath, surfaceAxes } from "../../book/js/components/surface.js";
import { recordingContext, staysIn } from "./canvas_recorder.mjs";

const path = process.env.NNZ_TWIN_CASES;
if (!path) throw new Error("NNZ_TWIN_CASES is not set: run `.venv/bin/python -m pytest tests/test_js_twin.py`");
const { figures, tolerance } = JSON.parse(readFileSync(path, "utf8"));

const COLORS = { classes: ["#0072B2", "#D55E00"], face: "#ffffff", ink: "#222222", grid: "#dddddd", muted: "#888888", negative: "#D55E00", series: ["#0072B2", "#D55E00", "#009E73"] };
const BOX = { x: 44, y: 28, width: 300, height: 300 };

function near(actual, expected) {
  return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
}

test("neuron-boundary: the weight arrow's foot and tip stay in the plot for every slider setting", () => {
  const { settings, arrows } = figures.neuronBoundary;
  const [x0, x1, y0, y1] = settings.extent;
  const inside = ([u, v]) => u >= x0 && u <= x1 && v >= y0 && v <= y1;
  assert.ok(arrows.length > 20000);
  const { ctx } = recordingContext();
  for (const [w1, w2, b, ...python] of arrows) {
    const { foot, tip } = drawPlane(ctx, BOX, {
      extent: settings.extent, points: settings.points, labels: settings.labels, w: [w1, w2], b,
      colors: COLORS, arrow: true, arrowScale: settings.arrowScale,
    });
    const where = `w = (${w1}, ${w2}), b = ${b}: foot ${foot}, tip ${tip}`;
    assert.ok(inside(foot) && inside(tip), `leaves the extent ${settings.extent} at ${where}`);
    // and where the Python picture (live_neurons.arrow_placement) draws it
    assert.ok([...foot, ...tip].every((v, i) => near(v, python[i])), `${where}, Python ${python}`);
  }
});

test("perceptron: the crosses after every step are the points nnlib's weights at that step get wrong", () => {
  const { settings, wrong } = figures.perceptron;
  for (const [gate, expected] of Object.entries(wrong)) {
    const run = newRun(gate, settings);
    const marked = [wrongNow(run)];
    while (!run.finished) {
      stepRun(run, settings.maxEpochs);
      marked.push(wrongNow(run));
    }
    assert.deepEqual(marked, expected, gate);
  }
});

test("gradient-depth: every positive factor lies inside the log range, an exact 0 on the bottom edge", () => {
  const { settings, zs, factors: expectedFactors } = figures.gradientDepth;
  const [shallow, deepest] = settings.depthRange;
  const box = { x: 58, y: 30, width: 600, height: 300 };
  const { ctx } = recordingContext();
  let zeros = 0;
  zs.forEach((z, i) => {
    for (let depth = shallow; depth <= deepest; depth++) {
      const series = factors(settings.functions, depth, z);
      series.forEach((values, k) => values.forEach((v, n) => {
        assert.ok(near(v, expectedFactors[i][k][n]), `${settings.functions[k]} at z = ${z}, n = ${n}: ${v}`);
      }));
      const yRange = logRange(series);
      const { py } = drawAxes(ctx, box, { x: [0, depth], y: yRange, yLog: true, colors: COLORS });
      series.forEach((values, k) => values.forEach((v, n) => {
        const y = curveY(v, py, box, k);
        const where = `${settings.functions[k]}, z = ${z}, depth ${depth}, n = ${n}, value ${v}, range ${yRange}`;
        if (v > 0) {
          assert.ok(yRange[0] < v && v < yRange[1], `cut off: ${where}`);
          assert.ok(y >= box.y && y <= box.y + box.height, `drawn at ${y}: ${where}`);
        } else {
          zeros += 1;
          assert.ok(y > box.y + box.height - 10 && y <= box.y + box.height, `a 0 drawn at ${y}, not on the bottom edge: ${where}`);
        }
      }));
    }
  });
  assert.ok(zeros > 0, "no curve was exactly 0: the ReLU case is not tested");
});

// A 25x change of the spread is log10(25) = 1.4 decades. It must fill at least a third
// of the spread panel's height (>= 53 px of its 160): a change the eye sees at once.
// The fixed 10^-12..10^12 axis this replaced gave it 6% (about 9 px).
const VISIBLE_CHANGE = 25;
const VISIBLE_SHARE = 1 / 3;

test("init-spread: the y range holds every spread and a 25x change fills a third of the axis", () => {
  const decades = (low, high) => Math.log10(high) - Math.log10(low);
  const check = (stds, name) => {
    const [low, high] = spreadRange(stds);
    const positive = stds.filter((s) => s > 0);
    for (const s of positive) assert.ok(low <= s && s <= high, `${name}: ${s} outside [${low}, ${high}]`);
    if (positive.length < 2) return;
    const change = Math.max(...positive) / Math.min(...positive);
    if (change >= VISIBLE_CHANGE) {
      const share = decades(Math.min(...positive), Math.max(...positive)) / decades(low, high);
      assert.ok(share >= VISIBLE_SHARE, `${name}: a ${change.toPrecision(3)}x change fills ${share.toFixed(2)} of [${low}, ${high}]`);
    }
  };
  // the chapter's initializers and activations, spreads by nnlib
  const { stds } = figures.initSpread;
  assert.equal(Object.keys(stds).length, figures.initSpread.settings.initializers.length * figures.initSpread.settings.activations.length);
  for (const [name, values] of Object.entries(stds)) check(values, name);
  // and a change of exactly 25x starting anywhere in 12 decades, where rounding to whole
  // decades costs the most
  const depth = figures.initSpread.settings.depth;
  for (let k = -600; k <= 600; k++) {
    const first = 10 ** (k / 100);
    const growing = Array.from({ length: depth }, (_, n) => first * VISIBLE_CHANGE ** (n / (depth - 1)));
    check(growing, `25x from ${first}`);
  }
});

test("descent-surface: at the largest learning rate the path stays in its panel and the page says it diverged", () => {
  const { settings, rate, starts, readouts } = figures.descentSurface;
  assert.ok(rate > settings.limit, `the slider's largest rate ${rate} is below the limit ${settings.limit}`);
  const { ctx, strokes } = recordingContext();
  let left = 0;
  starts.forEach((start, i) => {
    const run = descend(new SGD(10 ** settings.logRange[1]), settings.surface, start, settings.steps);
    strokes.length = 0;
    const axes = surfaceAxes(ctx, BOX, settings.extent, COLORS, "path");
    strokes.length = 0; // only the path's own ink is asked about
    const leaves = drawPath(ctx, BOX, axes, run.path, COLORS.series[0]);
    left += leaves !== null;
    strokes.forEach((stroke) => assert.ok(staysIn(stroke, BOX), `from (${start}) the path is drawn outside its panel`));
    assert.equal(descentReadout(rate, settings.limit, start, run, settings.steps), readouts[i]);
  });
  assert.ok(left > 0, "no path left the panel: the clipping is not tested");
  assert.match(readouts[0], /diverged/);
});
