"""How fast the live playground of the built chapter 7 page runs in headless Chromium.

The page trains with the browser twin of nnlib inside requestAnimationFrame: each
frame trains batches for the milliseconds its drawing leaves, then redraws the
counters and the decision map; the loss curves and the network diagram are redrawn
ten times a second, each on a frame of its own. This drives Debian's chromium on the
built page (serve _build/html; build it first with `make book`), trains a
2 -> 8 -> 8 -> 1 tanh network on the 500-point circle (250 training points, batches
of 10) for a few seconds and prints animation frames per second, picture redraws
per second, training steps (batches) per frame and epochs per second, next to the
rate at which the same browser runs an empty animation loop on this machine.
The target is 60 frames per second. Printed, not asserted.

Run: python benchmarks/playground_page.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
sys.path.insert(0, str(ROOT / "tests"))

import chromium  # noqa: E402  (tests/chromium.py: Debian's chromium and its flags)
from local_server import serve  # noqa: E402  (tests/local_server.py)

TARGET_FPS = 60.0
SECONDS = 5.0
QUERY = "?layers=8,8&act=tanh&batch=10"
API = "document.querySelector('[data-nnz-component=playground]').nnzPlayground"

# The page's animation frames over `seconds`, from their own timestamps: the rate is
# (frames - 1) over the time from the first frame to the last. (Frames counted over a
# window that starts before the first frame and ends after the last would read low by
# up to two frames' worth, about 0.2 fps in 5 s, even in a loop that misses none.)
# With `play`, the playground trains throughout and its own counters (ticks, steps,
# epochs) are read over the same frames.
FRAMES_JS = f"""
([seconds, play]) => new Promise((done) => {{
  const api = {API};
  if (play) {{ api.resetStats(); api.play(); }}
  const times = []; const start = performance.now();
  const frame = (now) => {{
    times.push(now);
    if (now - start < seconds * 1000) requestAnimationFrame(frame);
    else {{
      const stats = play ? api.stats() : null;
      if (play) api.pause();
      done({{ times, stats }});
    }}
  }};
  requestAnimationFrame(frame);
}})
"""
# An interval this many times a 60 Hz frame or longer means at least one frame missed.
MISSED = 1.5


def frame_rate(times):
    """(frames per second, frames missed, slowest interval in ms) of frame timestamps."""
    intervals = [later - earlier for earlier, later in zip(times[:-1], times[1:], strict=True)]
    seconds = (times[-1] - times[0]) / 1000
    missed = sum(
        round(d / (1000 / TARGET_FPS)) - 1 for d in intervals if d >= MISSED * 1000 / TARGET_FPS
    )
    return len(intervals) / seconds, missed, max(intervals)


def main():
    chapter = next(SITE.glob("chapters/07_*.html"), None)
    if chapter is None:
        print("the built chapter 7 page is missing: run `make book` first")
        return
    from playwright.sync_api import sync_playwright

    with serve(SITE) as url:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium.executable(), args=chromium.ARGS
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url + chapter.relative_to(SITE).as_posix() + QUERY)
            # it mounts as it comes near the screen, as a reader scrolls to it
            page.locator("[data-nnz-component=playground]").scroll_into_view_if_needed()
            page.wait_for_function(f"() => !!({API})", timeout=30_000)
            empty = page.evaluate(FRAMES_JS, [SECONDS, False])
            playing = page.evaluate(FRAMES_JS, [SECONDS, True])
            summary = page.evaluate(f"() => {API}.summary()")
            browser.close()
    empty_fps, empty_missed, empty_slowest = frame_rate(empty["times"])
    fps, missed, slowest = frame_rate(playing["times"])
    stats = playing["stats"]
    seconds = (playing["times"][-1] - playing["times"][0]) / 1000
    frames = len(playing["times"])
    print("live playground in the built chapter 7 page, headless Chromium")
    print("network 2 -> 8 -> 8 -> 1 (tanh), circle, 500 points (250 train), batch 10")
    print(f"  animation frames per second  {fps:7.1f}   (target {TARGET_FPS:.0f})")
    print(f"    frames missed, slowest     {missed:7d}   {slowest:.1f} ms")
    print(f"  empty animation loop         {empty_fps:7.1f}   (this browser on this machine)")
    print(f"    frames missed, slowest     {empty_missed:7d}   {empty_slowest:.1f} ms")
    print(f"  ratio to the empty loop      {fps / empty_fps:7.2f}")
    ticks = stats["frames"] / frames
    print(f"  playground ticks per frame   {ticks:7.2f}   (1: it trained on every frame)")
    print(f"  picture redraws per second   {stats['redraws'] / seconds:7.1f}")
    print(f"  training steps per frame     {stats['steps'] / max(stats['frames'], 1):7.1f}")
    print(f"  epochs per second            {stats['epochs'] / seconds:7.1f}")
    print(
        f"  (trained {summary['epoch']} epochs in {seconds:.1f} s; train loss "
        f"{summary['trainLoss']:.3f})"
    )


if __name__ == "__main__":
    main()
