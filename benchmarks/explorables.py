"""Redraw rate of every live explorable of the built book while a control is dragged.

Each chapter page of the built book (serve _build/html; build it with `make book`) is
opened in headless Chromium at 1280 px. For every live component on it (the quizzes
and the chapter 7 playground aside: benchmarks/playground_page.py times the
playground), the component is scrolled into view and, for FRAMES animation frames,
one of its controls moves a little every frame: its first slider (an input event),
and, where the figure itself is the control, pointer moves over the figure. The
script prints frames per second and the slowest frame next to the rate of an empty
animation loop in the same browser. A report, not a test: it prints and never fails
(target: >= 60 frames per second, one redraw per frame).

    .venv/bin/python benchmarks/explorables.py [--chapters 03 09]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
sys.path.insert(0, str(ROOT / "tests"))

import chromium  # noqa: E402  (tests/chromium.py: Debian's chromium and its flags)
from local_server import serve  # noqa: E402  (tests/local_server.py)
from mounting import mount_every_component  # noqa: E402  (tests/mounting.py)

FRAMES = 180
TARGET_FPS = 60.0
NOT_TIMED_HERE = {"quiz", "playground", "quiz-progress"}

# Moves the control of component number `index` on the page once per animation frame:
# its first slider through its whole range, or pointer moves across its figure.
DRIVER = """
async ([index, kind, frames]) => {
  const root = document.querySelectorAll('.nnz-component.nnz-mounted')[index];
  const slider = root.querySelector('input[type=range]');
  const canvas = root.querySelector('canvas');
  const times = [];
  let last = performance.now();
  for (let f = 0; f < frames; f++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    times.push(now - last);
    last = now;
    if (kind === 'slider') {
      const low = Number(slider.min), high = Number(slider.max);
      slider.value = String(low + (Math.sin(f / 20) + 1) / 2 * (high - low));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    } else {
      const box = canvas.getBoundingClientRect();
      const x = box.left + box.width * (0.3 + 0.4 * (Math.sin(f / 15) + 1) / 2);
      const y = box.top + box.height * (0.4 + 0.2 * (Math.cos(f / 15) + 1) / 2);
      const type = f === 0 ? 'pointerdown' : 'pointermove';
      const options = { clientX: x, clientY: y, bubbles: true, pointerId: 1, buttons: 1 };
      canvas.dispatchEvent(new PointerEvent(type, options));
    }
  }
  canvas && canvas.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, pointerId: 1 }));
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const total = times.slice(1).reduce((a, b) => a + b, 0);
  return { fps: (times.length - 1) / (total / 1000), slowest: Math.max(...times.slice(1)) };
}
"""

EMPTY_LOOP = """
(frames) => new Promise((done) => {
  let count = 0; const start = performance.now();
  const tick = () => (++count < frames ? requestAnimationFrame(tick)
    : done(count / ((performance.now() - start) / 1000)));
  requestAnimationFrame(tick);
})
"""

UNFOLD_JS = """
(node) => {
  for (let d = node.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
  for (let h = node.closest('[hidden]'); h; h = node.closest('[hidden]')) h.hidden = false;
}
"""

# What each component offers to drive: "slider" and/or "drag" (the figure is a control).
CONTROLS_JS = """
() => [...document.querySelectorAll('.nnz-component.nnz-mounted')].map((root) => ({
  name: root.dataset.nnzComponent,
  slider: !!root.querySelector('input[type=range]'),
  canvas: !!root.querySelector('canvas'),
}))
"""
# Components whose figure answers the pointer (drag a line, a point; click a start).
DRAGGABLE = {
    "activation-curves",
    "xor-line",
    "neuron-boundary",
    "descent-surface",
    "optimizer-race",
}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", nargs="*", help="chapter numbers, e.g. 03 09")
    args = parser.parse_args(argv)
    pages = sorted(SITE.glob("chapters/0*.html"))
    if args.chapters:
        pages = [p for p in pages if p.name[:2] in args.chapters]
    if not pages:
        print("no built chapter pages: run `make book` first")
        return
    from playwright.sync_api import sync_playwright

    with serve(SITE) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium.executable(), args=chromium.ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + pages[0].relative_to(SITE).as_posix())
        empty = page.evaluate(EMPTY_LOOP, 120)
        print(
            f"empty animation loop in this browser: {empty:.1f} frames/s (target {TARGET_FPS:.0f})"
        )
        print(f"{'chapter':8s} {'component, control':34s} {'frames/s':>9s} {'slowest':>10s}")
        rates = []
        for chapter in pages:
            page.goto(url + chapter.relative_to(SITE).as_posix())
            page.wait_for_load_state("load")
            # Components mount as they come near the screen, and those in a folded block
            # (a solution, a result kept until a prediction) once it opens: unfold every
            # one, then scroll to each component, as a reader would.
            for node in page.locator("[data-nnz-component]").element_handles():
                node.evaluate(UNFOLD_JS)
            mount_every_component(page)
            for index, info in enumerate(page.evaluate(CONTROLS_JS)):
                if info["name"] in NOT_TIMED_HERE:
                    continue
                kinds = (["slider"] if info["slider"] else []) + (
                    ["drag"] if info["canvas"] and info["name"] in DRAGGABLE else []
                )
                root = page.locator(".nnz-component.nnz-mounted").nth(index)
                # one folded (an exercise's solution, a result kept until a prediction) is unfolded
                root.evaluate(UNFOLD_JS)
                root.scroll_into_view_if_needed()
                for kind in kinds:
                    result = page.evaluate(DRIVER, [index, kind, FRAMES])
                    rates.append(result["fps"])
                    label = f"{info['name']}, {kind}"
                    print(
                        f"{chapter.name[:2]:8s} {label:34s} {result['fps']:9.1f} "
                        f"{result['slowest']:7.1f} ms",
                        flush=True,
                    )
        browser.close()
    if rates:
        near = sum(rate >= 0.95 * empty for rate in rates)
        print(
            f"slowest explorable: {min(rates):.1f} frames/s; "
            f"{near} of {len(rates)} within 5% of the empty loop"
        )


if __name__ == "__main__":
    main()
