"""On a 390-px phone, every live component's controls are big enough to tap and its
canvas text stays inside the canvas.

Run after `make book`:  .venv/bin/pytest -m browser tests/browser/test_phone_fit.py

Tap targets: each input, button, select and summary of a mounted component (the
quizzes and the playground included) must offer a box of at least 44 x 44 CSS px
(WCAG 2.5.5) to a finger: its own box, or for a radio button or check box, its
label (a tap on the label toggles the input), whichever is larger.

Canvas text: the page's CanvasRenderingContext2D.fillText is wrapped, before any
script runs, to record where each string lands (measureText's ink box, through the
context's transform, in device px). What is on a canvas once the page has settled is
what was drawn after its last clear (a new size, ctx.reset(), or a fill of
the whole canvas); each such box must lie inside the canvas, and
two strings of one frame on one line must stand at least 4 CSS px apart (tick labels
that run into each other read as one).
"""

from __future__ import annotations

import pytest
from booksite import chapter_pages
from conftest import wait_until_settled

pytestmark = pytest.mark.browser

PHONE = 390
SMALLEST_TAP = 44  # CSS px
# Two strings on one line closer than this read as one ("logit −0.5logit −1.0").
SMALLEST_GAP = 4  # CSS px

# Records every fillText of a canvas since its last clear (a new size or ctx.reset()).
RECORD_CANVAS_TEXT_JS = """
(() => {
  const drawn = new WeakMap();
  window.nnzCanvasText = (canvas) => drawn.get(canvas) || [];
  const clear = (canvas) => drawn.set(canvas, []);
  const proto = CanvasRenderingContext2D.prototype;
  const fillText = proto.fillText;
  proto.fillText = function (text, x, y, maxWidth) {
    fillText.call(this, text, x, y, maxWidth);
    const m = this.measureText(text);
    const squeeze = maxWidth !== undefined && m.width > maxWidth ? maxWidth / m.width : 1;
    const left = x - m.actualBoundingBoxLeft * squeeze;
    const right = x + m.actualBoundingBoxRight * squeeze;
    const top = y - m.actualBoundingBoxAscent, bottom = y + m.actualBoundingBoxDescent;
    const t = this.getTransform();
    const corners = [[left, top], [right, top], [left, bottom], [right, bottom]]
      .map(([u, v]) => t.transformPoint(new DOMPoint(u, v)));
    const xs = corners.map((p) => p.x), ys = corners.map((p) => p.y);
    if (!drawn.has(this.canvas)) clear(this.canvas);
    drawn.get(this.canvas).push({ text: String(text), left: Math.min(...xs), right: Math.max(...xs),
      top: Math.min(...ys), bottom: Math.max(...ys) });
  };
  // a fill or clear of the whole canvas starts a new frame too
  for (const paint of ['fillRect', 'clearRect']) {
    const own = proto[paint];
    proto[paint] = function (x, y, w, h) {
      const t = this.getTransform();
      const a = t.transformPoint(new DOMPoint(x, y));
      const b = t.transformPoint(new DOMPoint(x + w, y + h));
      const { width, height } = this.canvas;
      if (Math.min(a.x, b.x) <= 0 && Math.min(a.y, b.y) <= 0
          && Math.max(a.x, b.x) >= width && Math.max(a.y, b.y) >= height) clear(this.canvas);
      return own.call(this, x, y, w, h);
    };
  }
  const reset = proto.reset;
  proto.reset = function () { clear(this.canvas); return reset.call(this); };
  for (const side of ['width', 'height']) {
    const own = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, side);
    Object.defineProperty(HTMLCanvasElement.prototype, side, {
      get() { return own.get.call(this); },
      set(value) { clear(this); own.set.call(this, value); },
    });
  }
})();
"""

# Every control of the mounted components, with the box a finger can hit.
TAP_BOXES_JS = """
() => {
  const boxes = [];
  for (const root of document.querySelectorAll('.nnz-component.nnz-mounted')) {
    for (const n of root.querySelectorAll('input, button, select, summary')) {
      if (n.getClientRects().length === 0 || n.type === 'hidden') continue;  // not shown
      let r = n.getBoundingClientRect();
      // a tap area a transparent ::before spreads around a small control (the
      // playground's neuron maps)
      const before = getComputedStyle(n, '::before');
      if (before.content !== 'none' && before.position === 'absolute') {
        const w = parseFloat(before.width) || 0, h = parseFloat(before.height) || 0;
        if (w * h > r.width * r.height) r = { width: w, height: h };
      }
      if (n.type === 'radio' || n.type === 'checkbox') {
        for (const label of n.labels || []) {
          const l = label.getBoundingClientRect();
          if (l.width * l.height > r.width * r.height) r = l;
        }
      }
      const name = n.getAttribute('aria-label')
        || (n.labels && n.labels[0] ? n.labels[0].textContent : n.textContent) || n.type;
      boxes.push({ component: root.dataset.nnzComponent, control: `${n.tagName.toLowerCase()}`
        + `[${n.type || ''}] ${name.trim().slice(0, 40)}`,
        width: Math.round(r.width), height: Math.round(r.height) });
    }
  }
  return boxes;
}
"""

# What each mounted component's canvases show now, with their size in device px.
CANVAS_TEXT_JS = """
() => [...document.querySelectorAll('.nnz-component.nnz-mounted canvas')]
  .filter((c) => c.getClientRects().length > 0)
  .map((c) => ({ component: c.closest('.nnz-component').dataset.nnzComponent,
                 width: c.width, height: c.height, cssWidth: c.clientWidth,
                 texts: window.nnzCanvasText(c) }))
"""


def _open_on_phone(book, page_path):
    page, record = book.open(page_path, width=PHONE, color_scheme="dark", settle=False)
    page.add_init_script(RECORD_CANVAS_TEXT_JS)
    page.reload(wait_until="load")
    wait_until_settled(page)
    page.wait_for_timeout(300)  # the last redraws a mount or a resize schedules
    return page, record


def _too_close(a, b, gap):
    """Two strings that share a line and stand less than ``gap`` apart (or overlap)."""
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > -gap
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0
    )


def canvas_text_problems(canvases):
    """Strings outside their canvas, and strings that run into each other, per canvas."""
    problems = []
    for canvas in canvases:
        scale = canvas["width"] / canvas["cssWidth"]  # device px per CSS px
        slack, gap = 1 * scale, SMALLEST_GAP * scale
        texts = [t for t in canvas["texts"] if t["text"].strip()]
        for t in texts:
            if (
                t["left"] < -slack
                or t["top"] < -slack
                or t["right"] > canvas["width"] + slack
                or t["bottom"] > canvas["height"] + slack
            ):
                problems.append(f"{canvas['component']}: {t['text']!r} leaves the canvas: {t}")
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                if _too_close(a, b, gap):
                    problems.append(f"{canvas['component']}: {a['text']!r} runs into {b['text']!r}")
    return problems


LIVE_CHAPTERS = [page for page in chapter_pages() if page.startswith("chapters/0")]


@pytest.mark.parametrize("page_path", LIVE_CHAPTERS, ids=[p[9:11] for p in LIVE_CHAPTERS])
def test_components_fit_a_phone(book, page_path):
    page, record = _open_on_phone(book, page_path)
    small = [
        f"{b['component']}: {b['control']} is {b['width']} x {b['height']} px"
        for b in page.evaluate(TAP_BOXES_JS)
        if min(b["width"], b["height"]) < SMALLEST_TAP
    ]
    canvases = page.evaluate(CANVAS_TEXT_JS)
    drawn = sum(len(c["texts"]) for c in canvases)
    assert not canvases or drawn, "the fillText record saw no text: is the probe installed?"
    problems = canvas_text_problems(canvases)
    assert not record.errors, record.errors
    assert not small + problems, f"{page_path}:\n" + "\n".join(small + problems)
