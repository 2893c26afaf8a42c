// The drawing pieces every live component of the book shares.
//
// API (everything a component needs; nothing else is exported):
//
//   DEFAULT_COLORS            nnbook/plotting.py's palette: { series: [...], classes: [...],
//                             face, ink, muted, grid, positive, negative }.
//   palette(colors)           DEFAULT_COLORS with the settings' `colors` (sent by
//                             nnbook.live.book_colors()) laid over them. The figure is a
//                             light card (face colour) on light AND dark pages, as the
//                             book's pictures and widgets are (book/assets/nnz-book.css),
//                             so its ink stays readable in both themes.
//   addStyle(id, css)         puts one <style id=id> into the page, once.
//   uniqueId(prefix)          an id for label/input pairs.
//   format(value, digits=3)   toFixed with the typographic minus (U+2212) and no "−0";
//                             nnbook.live.format_number writes numbers the same way.
//   formatExponential(value, digits=2)  toExponential, typographic minus
//                             (nnbook.live.format_exponential).
//   ticks(low, high, count)   { values, digits }: steps of 1, 2 or 5 x 10^k, at least
//                             `count` inside [low, high], never collapsing to one.
//   logTicks(low, high)       { values } powers of ten for a log axis (low, high > 0).
//   superscript(exponent)     "10⁻⁶" for a whole exponent: a log axis's tick label.
//   makeButton(text, onClick) a <button type=button> with its click handler.
//   frameClock(root, advance, redraw)
//                             the clock of a figure that animates: while playing and
//                             while root is on screen (root.dataset.onScreen), calls
//                             advance() then redraw() once per animation frame; advance
//                             returning false ends the run (playing turns false before
//                             that last redraw); play() and pause() redraw too (the
//                             Play button shows the state). { playing, play(), pause(),
//                             disconnect() }, whose methods may be called unbound.
//   sizeCanvas(canvas, width, height)
//                             sets the backing store to width x height CSS px times
//                             devicePixelRatio, the CSS size to width x height, and
//                             returns the 2-D context scaled so drawing is in CSS px.
//   drawAxes(ctx, box, { x, y, colors, title, xLabel, yLabel, yLog, xTickCount,
//                        yTickCount, zeroLines = true, xTickLabel })
//                             grid, tick labels, zero lines and frame of one plot box
//                             { x, y, width, height } (CSS px) over the data ranges
//                             x = [low, high], y = [low, high]; returns { px, py } mapping
//                             data to CSS px (py is logarithmic with yLog). Tick labels,
//                             title and axis labels stay inside the canvas (its CSS width
//                             from sizeCanvas, or canvasWidth): an edge label shifts in, a
//                             title too wide shrinks (fitFont).
//   insideCanvas(centre, textWidth, limit)  the centre that keeps a string inside [0, limit].
//   fitFont(ctx, text, maxWidth, size, weight)  sets the largest font (size down to 9 px)
//                             at which text fits in maxWidth; returns its width.
//   makeReadout(className)    a <p aria-live="polite"> for the numbers a component shows.
//   makeSlider({ label, min, max, step, value, valueText, onInput, className })
//                             a labelled <input type=range> with an <output>; valueText(v)
//                             gives the aria-valuetext and the output's text. Returns
//                             { element, input, set(value) } (set updates the texts, and
//                             does not call onInput).
//   makeCanvasFigure(label, className)  { figure, canvas }: a focusable group (role,
//                             aria-label naming its keys) holding an aria-hidden canvas.
//   pointerAt(canvas, event)  [x, y] of a pointer event in CSS px on the canvas.
//   Classes for buttons: put them in a <div class="nnz-fig-buttons"> (44 px targets).
//   frameScheduler(callback)  schedule(): runs callback once in the next animation
//                             frame, however many times it was called before.

export const DEFAULT_COLORS = {
  series: ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9"],
  classes: ["#E69F00", "#009E73", "#56B4E9"],
  face: "#FAFAF7",
  ink: "#222222",
  muted: "#8A8A8A",
  grid: "#DDDDDD",
  positive: "#0072B2",
  negative: "#D55E00",
};

export function palette(colors = {}) {
  return { ...DEFAULT_COLORS, ...colors };
}

const SHARED_STYLE = `
.nnz-fig-slider { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.6rem; margin: 0.3rem 0; }
.nnz-fig-slider label { min-width: 7.5em; }
.nnz-fig-slider input { flex: 1 1 10rem; max-width: 24rem; min-height: 44px; margin: 0; }
.nnz-fig-slider output { font-variant-numeric: tabular-nums; min-width: 4.5em; }
.nnz-fig-canvas { position: relative; touch-action: none; border-radius: 4px; max-width: 100%; }
.nnz-fig-canvas:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
.nnz-fig-canvas canvas { display: block; border-radius: 4px; }
.nnz-fig-buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.3rem 0; }
.nnz-fig-buttons button { min-height: 44px; min-width: 44px; padding: 0 1rem; font: inherit; border: 1px solid #555; border-radius: 4px; background: #F4F4F0; color: #222; cursor: pointer; }
.nnz-fig-buttons button[aria-pressed=true] { background: #0072B2; color: #fff; }
.nnz-fig-readout { margin: 0.4rem 0; font-variant-numeric: tabular-nums; min-height: 1.5em; }
/* a radio button or check box is tapped through its label: at least 44 x 44 px */
.nnz-component fieldset label:has(> input) { display: inline-flex; align-items: center; min-height: 44px; min-width: 44px; }
/* a group of choices is named like a slider's label, not in the theme's large legend type */
.nnz-component fieldset > legend { font-size: inherit; line-height: inherit; float: none; width: auto; }
`;

export function addStyle(id, css) {
  if (!document.getElementById("nnz-fig-style")) {
    const shared = document.createElement("style");
    shared.id = "nnz-fig-style";
    shared.textContent = SHARED_STYLE;
    document.head.append(shared);
  }
  if (document.getElementById(id)) return;
  const style = document.createElement("style");
  style.id = id;
  style.textContent = css;
  document.head.append(style);
}

let idCounter = 0;
export function uniqueId(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}-${Math.random().toString(36).slice(2, 7)}`;
}

// Typographic minus, so "−0.500" reads as negative (and as "minus" to a screen reader);
// toFixed already writes no sign for -0, and "-0.000" (a tiny negative) keeps its sign,
// as nnbook.live.format_number does.
export function format(value, digits = 3) {
  return value.toFixed(digits).replace("-", "−");
}

export function ticks(low, high, count) {
  const top = 10 ** Math.ceil(Math.log10(high - low));
  let step = top;
  for (const candidate of [top, top / 2, top / 5, top / 10, top / 20, top / 50, top / 100]) {
    step = candidate;
    if (Math.floor(high / step) - Math.ceil(low / step) + 1 >= count) break;
  }
  const values = [];
  for (let k = Math.ceil(low / step - 1e-9); k * step <= high + 1e-9 * step; k++) {
    values.push(k === 0 ? 0 : k * step);
  }
  return { values, digits: Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) };
}

// Powers of ten between low and high; when there are many, every second, third... so
// at most about eight labels fit however many decades the axis spans.
export function logTicks(low, high) {
  const first = Math.ceil(Math.log10(low) - 1e-9);
  const last = Math.floor(Math.log10(high) + 1e-9);
  const every = Math.max(1, Math.ceil((last - first + 1) / 8));
  const values = [];
  for (let k = last; k >= first; k -= every) values.unshift(10 ** k);
  return { values, exponents: values.map((v) => Math.round(Math.log10(v))) };
}

export function sizeCanvas(canvas, width, height) {
  const ratio = window.devicePixelRatio || 1;
  const [pixelWidth, pixelHeight] = [Math.round(width * ratio), Math.round(height * ratio)];
  const ctx = canvas.getContext("2d");
  if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
    canvas.width = pixelWidth;
    canvas.height = pixelHeight;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  } else {
    // Same size as the last frame: clear it and its drawing state instead of setting
    // the size again, which would allocate a new bitmap on every redraw of a drag.
    // (Browsers from before 2023 have no reset(): setting the size clears there.)
    if (typeof ctx.reset === "function") ctx.reset();
    else canvas.width = pixelWidth;
  }
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

const FONT_FAMILY = "system-ui, sans-serif";
const FONT = `12px ${FONT_FAMILY}`;
const TITLE_SIZE = 13;

export function superscript(exponent) {
  const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  const text = String(Math.abs(exponent)).split("").map((d) => digits[Number(d)]).join("");
  return `10${exponent < 0 ? "⁻" : ""}${text}`;
}

// The canvas's width in CSS px, as sizeCanvas set it (Infinity when it is not known,
// as in the Node tests' stand-in context).
function cssWidthOf(ctx) {
  return Number.parseFloat(ctx.canvas?.style?.width) || Infinity;
}

// Where to centre a string `textWidth` wide near `centre` so that all of it stays
// inside [0, limit], 1 px in from either edge (as far as the string fits at all).
export function insideCanvas(centre, textWidth, limit) {
  const half = textWidth / 2 + 1;
  return Math.max(half, Math.min(centre, limit - half));
}

// Sets ctx.font to the largest size from `size` px down to 9 px at which `text` fits
// in `maxWidth` (a title on a phone), and returns the text's width at that size.
export function fitFont(ctx, text, maxWidth, size = 12, weight = "") {
  let width;
  for (let s = size; s >= 9; s -= 1) {
    ctx.font = `${weight}${s}px ${FONT_FAMILY}`;
    width = ctx.measureText(text).width;
    if (width <= maxWidth) break;
  }
  return width;
}

export function drawAxes(ctx, box, options) {
  const { x: [xLow, xHigh], y: [yLow, yHigh], colors } = options;
  const { x, y, width, height } = box;
  const canvasWidth = options.canvasWidth ?? cssWidthOf(ctx);
  const px = (v) => x + ((v - xLow) / (xHigh - xLow)) * width;
  const py = options.yLog
    ? (v) => y + height - ((Math.log10(v) - Math.log10(yLow)) / (Math.log10(yHigh) - Math.log10(yLow))) * height
    : (v) => y + height - ((v - yLow) / (yHigh - yLow)) * height;

  ctx.save();
  ctx.font = FONT;
  ctx.strokeStyle = colors.grid;
  ctx.lineWidth = 1;
  ctx.fillStyle = colors.ink;
  const xt = ticks(xLow, xHigh, options.xTickCount ?? Math.max(3, Math.round(width / 70)));
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const t of xt.values) {
    ctx.beginPath();
    ctx.moveTo(px(t), y);
    ctx.lineTo(px(t), y + height);
    ctx.stroke();
    const text = options.xTickLabel ? options.xTickLabel(t) : format(t, xt.digits);
    // the last label ("1000") centred on the right edge of a narrow canvas would be cut
    ctx.fillText(text, insideCanvas(px(t), ctx.measureText(text).width, canvasWidth), y + height + 4);
  }
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  if (options.yLog) {
    const yt = logTicks(yLow, yHigh);
    yt.values.forEach((t, i) => {
      ctx.beginPath();
      ctx.moveTo(x, py(t));
      ctx.lineTo(x + width, py(t));
      ctx.stroke();
      ctx.fillText(superscript(yt.exponents[i]), x - 5, py(t));
    });
  } else {
    const yt = ticks(yLow, yHigh, options.yTickCount ?? Math.max(3, Math.round(height / 45)));
    for (const t of yt.values) {
      ctx.beginPath();
      ctx.moveTo(x, py(t));
      ctx.lineTo(x + width, py(t));
      ctx.stroke();
      ctx.fillText(format(t, yt.digits), x - 5, py(t));
    }
  }
  if (options.zeroLines ?? true) {
    ctx.strokeStyle = colors.muted;
    ctx.beginPath();
    if (xLow <= 0 && xHigh >= 0) {
      ctx.moveTo(px(0), y);
      ctx.lineTo(px(0), y + height);
    }
    if (!options.yLog && yLow <= 0 && yHigh >= 0) {
      ctx.moveTo(x, py(0));
      ctx.lineTo(x + width, py(0));
    }
    ctx.stroke();
  }
  ctx.strokeStyle = colors.ink;
  ctx.strokeRect(x, y, width, height);
  ctx.textAlign = "center";
  if (options.title) {
    ctx.textBaseline = "bottom";
    const titleWidth = fitFont(ctx, options.title, canvasWidth - 4, TITLE_SIZE, "bold ");
    ctx.fillText(options.title, insideCanvas(x + width / 2, titleWidth, canvasWidth), y - 6, canvasWidth - 4);
    ctx.font = FONT;
  }
  if (options.xLabel) {
    ctx.textBaseline = "top";
    ctx.fillText(options.xLabel, insideCanvas(x + width / 2, ctx.measureText(options.xLabel).width, canvasWidth), y + height + 20);
  }
  if (options.yLabel) {
    // rotated a quarter turn, the label's ink reaches its ascent left of where it stands
    ctx.textBaseline = "bottom";
    const ascent = ctx.measureText(options.yLabel).actualBoundingBoxAscent ?? 12;
    ctx.translate(Math.max(x - 40, ascent + 1), y + height / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(options.yLabel, 0, 0);
  }
  ctx.restore();
  return { px, py };
}

export function makeReadout(className = "") {
  const readout = document.createElement("p");
  readout.className = `nnz-fig-readout ${className}`.trim();
  readout.setAttribute("aria-live", "polite");
  return readout;
}

export function makeSlider({ label, min, max, step, value, valueText, onInput, className = "" }) {
  const element = document.createElement("div");
  element.className = `nnz-fig-slider ${className}`.trim();
  const id = uniqueId("nnz-slider");
  const text = document.createElement("label");
  text.htmlFor = id;
  text.textContent = label;
  const input = Object.assign(document.createElement("input"), {
    type: "range", id, min: String(min), max: String(max), step: String(step), value: String(value),
  });
  const output = document.createElement("output");
  output.htmlFor = id;
  element.append(text, input, output);
  function set(v) {
    input.value = String(v);
    const words = valueText(v);
    output.textContent = words;
    input.setAttribute("aria-valuetext", words);
  }
  set(value);
  if (onInput) input.addEventListener("input", () => onInput(Number(input.value)));
  return { element, input, set };
}

export function makeButton(text, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.addEventListener("click", onClick);
  return b;
}

export function frameClock(root, advance, redraw) {
  let playing = false, visible = true, frame = null;
  const tick = () => {
    frame = null;
    if (!playing || !visible) return;
    if (advance() === false) playing = false;
    redraw();
    if (playing) frame = requestAnimationFrame(tick);
  };
  // Off screen nothing advances (no work for a figure nobody sees); it goes on when
  // the figure scrolls back.
  const seen = new IntersectionObserver((entries) => {
    visible = entries[entries.length - 1].isIntersecting;
    root.dataset.onScreen = String(visible);
    if (visible && playing && frame === null) frame = requestAnimationFrame(tick);
  });
  seen.observe(root);
  const stop = () => {
    playing = false;
    if (frame !== null) cancelAnimationFrame(frame);
    frame = null;
  };
  return {
    get playing() { return playing; },
    play() {
      playing = true;
      if (frame === null && visible) frame = requestAnimationFrame(tick);
      redraw();
    },
    pause() {
      stop();
      redraw();
    },
    disconnect() { stop(); seen.disconnect(); },
  };
}

/** The Play button says what pressing it does (Pause while playing, aria-pressed
 * then); Play and Step are disabled once the run is over. */
export function showPlayState(clock, playButton, stepButton, over = false) {
  playButton.textContent = clock.playing ? "Pause" : "Play";
  playButton.setAttribute("aria-pressed", String(clock.playing));
  playButton.disabled = over;
  if (stepButton) stepButton.disabled = over;
}

/** Draw now and again whenever the figure's box changes size; the component's handle:
 * its readout text, and destroy(), which stops its clock and removes it. */
export function figureHandle(root, draw, clock, readout) {
  const resize = new ResizeObserver(() => requestAnimationFrame(draw));
  resize.observe(root);
  draw();
  return {
    readout: () => readout.textContent,
    destroy() { clock.disconnect(); resize.disconnect(); root.remove(); },
  };
}

export function frameScheduler(callback) {
  let pending = false;
  return function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      callback();
    });
  };
}

// toExponential with the typographic minus in the mantissa and the exponent, as
// nnbook.live.format_exponential writes it ("1.26e−7", "3.00e+0").
export function formatExponential(value, digits = 2) {
  return value.toExponential(digits).replaceAll("-", "−");
}

// A focusable box holding the component's canvas: the figure the reader drags and, for
// the keyboard, a group whose aria-label says which keys move what (the sliders beside
// it are the other keyboard path). `figure.clientWidth` is the width to draw at.
export function makeCanvasFigure(label, className = "") {
  const figure = document.createElement("div");
  figure.className = `nnz-fig-canvas ${className}`.trim();
  figure.tabIndex = 0;
  figure.setAttribute("role", "group");
  figure.setAttribute("aria-label", label);
  const canvas = document.createElement("canvas");
  canvas.setAttribute("aria-hidden", "true");
  figure.append(canvas);
  return { figure, canvas };
}

// Pointer position in CSS px relative to the canvas.
export function pointerAt(canvas, event) {
  const rect = canvas.getBoundingClientRect();
  return [event.clientX - rect.left, event.clientY - rect.top];
}
