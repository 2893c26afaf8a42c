"""Redraw rate of the live components while a control is dragged, in headless Chromium.

Each component (as nnbook.live_* writes it for a chapter) is mounted on a page served
from the worktree; in the page, one control moves a little every animation frame for
FRAMES frames (a slider's input event, or pointer moves on a draggable figure), and the
script reports frames per second and the slowest frame. A report, not a test: it
prints and never fails (target: >= 60 fps, one redraw per frame).

    .venv/bin/python benchmarks/explorables.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import chromium  # noqa: E402
from worktree_server import serve_worktree  # noqa: E402

from nnbook import live, live_architecture, live_gradients, live_neurons  # noqa: E402

FRAMES = 240

# (name, component HTML, how to drive it: ("slider", label) or ("drag", None))
CASES = [
    (
        "activation curves, alpha slider",
        lambda: live.activation_curves_html(["relu", "leaky_relu", "elu", "gelu", "silu"]),
        ("slider", 0),
    ),
    ("xor line, drag", lambda: live_neurons.xor_line(as_html=True), ("drag", None)),
    ("neuron, bias slider", lambda: live_neurons.neuron(as_html=True), ("slider", 4)),
    ("inbox boundary, drag", lambda: live_neurons.neuron_boundary(as_html=True), ("drag", None)),
    (
        "gradient depth, z slider",
        lambda: live_gradients.gradient_depth(depth=50, as_html=True),
        ("slider", 1),
    ),
    (
        "softmax, temperature slider",
        lambda: live_gradients.softmax_temperature(as_html=True),
        ("slider", 0),
    ),
    (
        "architecture, width slider",
        lambda: live_architecture.architecture_builder(3, 4, as_html=True),
        ("slider", 1),
    ),
]

DRIVER = """
async ([kind, index, frames]) => {
  const root = document.querySelector('.nnz-component');
  const times = [];
  let last = performance.now();
  for (let f = 0; f < frames; f++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    times.push(now - last);
    last = now;
    if (kind === 'slider') {
      const input = root.querySelectorAll('input[type=range]')[index];
      const low = Number(input.min), high = Number(input.max);
      const t = (Math.sin(f / 20) + 1) / 2;
      input.value = String(low + t * (high - low));
      input.dispatchEvent(new Event('input', { bubbles: true }));
    } else {
      const figure = root.querySelector('.nnz-fig-canvas');
      const box = figure.querySelector('canvas').getBoundingClientRect();
      const x = box.left + box.width * (0.3 + 0.4 * (Math.sin(f / 15) + 1) / 2);
      const y = box.top + box.height * 0.5;
      const type = f === 0 ? 'pointerdown' : 'pointermove';
      const options = { clientX: x, clientY: y, bubbles: true, pointerId: 1 };
      figure.dispatchEvent(new PointerEvent(type, options));
    }
  }
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const total = times.slice(1).reduce((a, b) => a + b, 0);
  return { fps: (times.length - 1) / (total / 1000), slowest: Math.max(...times.slice(1)) };
}
"""


def serve(document: str):
    def handler(route):
        route.fulfill(body=document, content_type="text/html")

    return handler


def main() -> None:
    from playwright.sync_api import sync_playwright

    with serve_worktree() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium.executable(), args=chromium.ARGS)
        print(f"{'component, control':36s} {'frames/s':>9s} {'slowest frame':>14s}")
        for name, make_html, (kind, index) in CASES:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=2)
            body = make_html()
            document = (
                '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>b</title>'
                '<script type="module" src="/book/js/nnz-components.js"></script></head>'
                f"<body><main>{body}</main></body></html>"
            )
            page.route(url + "bench.html", serve(document))
            page.goto(url + "bench.html")
            page.wait_for_selector(".nnz-component.nnz-mounted", timeout=60_000)
            result = page.evaluate(DRIVER, [kind, index or 0, FRAMES])
            print(f"{name:36s} {result['fps']:9.1f} {result['slowest']:11.1f} ms", flush=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
