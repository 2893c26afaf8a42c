"""How many playground frames per second this machine draws.

One frame is what the live playground does on every tick of its clock: train a chunk
of epochs, predict the class probabilities on the 100 x 100 grid, colour them, put
the data points on top and encode the picture as PNG bytes for the Image widget.
The network is 2 -> 8 -> 8 -> 1 (tanh) on 500 training points (plus 500 test
points, evaluated every epoch as the playground does), trained with mini-batches of
10, one epoch per frame. The target is 30 frames per second.

Also reported: where the time goes, and the full redraw of the view (the frame plus
the loss curve and the hidden-unit maps). Each figure is the fastest of three rounds,
the one least disturbed by other work on the machine. The engine runs NumPy's BLAS
on one thread (see ``nnlib.training.one_blas_thread``); for matrices this small that is what
makes a frame fast on a busy two-core machine.

Run: python benchmarks/frames.py
"""

import time

from nnbook.playground import (
    Playground,
    decision_image,
    live_frame_png,
    loss_curve_image,
    neuron_maps_image,
    png_bytes,
)

TARGET_FPS = 30.0


def _engine(batch_size):
    return Playground(
        dataset="circle",
        n_samples=1000,
        test_fraction=0.5,
        hidden_sizes=(8, 8),
        activation="tanh",
        learning_rate=0.03,
        batch_size=batch_size,
        seed=0,
    )


def _timed(function, repeats, rounds=3):
    """Seconds per call: the fastest of ``rounds`` rounds of ``repeats`` calls.

    The fastest round is the one least disturbed by other processes on the machine
    (the timeit convention).
    """
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(repeats):
            function()
        best = min(best, (time.perf_counter() - started) / repeats)
    return best


def measure(n_frames=40, epochs_per_frame=1, batch_size=10, image_size=300):
    """Time frames (best of 3 rounds of ``n_frames``) after a warm-up; return a dict.

    Keys: fps, ms_per_frame, and the average milliseconds of each part (train, map =
    predict + colour + points, encode), plus full_redraw_fps for the whole view.
    """
    engine = _engine(batch_size)
    if engine.state.status != "ready":
        raise RuntimeError(f"benchmark settings are invalid: {engine.state.message}")

    def frame():
        engine.step(epochs_per_frame)
        return live_frame_png(engine, image_size)

    for _ in range(5):  # warm-up: first-call costs, caches, the point layer
        frame()
    seconds = _timed(frame, n_frames)

    train = _timed(lambda: engine.step(epochs_per_frame), n_frames)
    picture = decision_image(engine, image_size)
    draw = _timed(lambda: decision_image(engine, image_size), n_frames)
    encode = _timed(lambda: png_bytes(picture), n_frames)

    def full_redraw():
        frame()
        state = engine.state
        png_bytes(loss_curve_image(state.train_loss_history, state.test_loss_history))
        png_bytes(neuron_maps_image(engine.neuron_maps(), dead=engine.dead_unit_mask()))

    full = _timed(full_redraw, max(10, n_frames // 3))
    if engine.state.status != "training":
        raise RuntimeError(f"training did not run cleanly: {engine.state.message}")
    return {
        "fps": 1.0 / seconds,
        "ms_per_frame": 1000 * seconds,
        "train_ms": 1000 * train,
        "map_ms": 1000 * draw,
        "encode_ms": 1000 * encode,
        "full_redraw_fps": 1.0 / full,
        "epochs_per_frame": epochs_per_frame,
        "batch_size": batch_size,
        "png_bytes": len(png_bytes(picture)),
    }


def main():
    rows = [measure(batch_size=10), measure(batch_size=None)]
    print("playground frames: 2 -> 8 -> 8 -> 1 tanh, 500 train + 500 test points, 1 epoch/frame")
    print(
        f"{'batch':>6} {'fps':>7} {'ms/frame':>9} {'train':>7} {'map':>7} {'encode':>7} "
        f"{'full view fps':>14}"
    )
    for row in rows:
        batch = "all" if row["batch_size"] is None else row["batch_size"]
        print(
            f"{batch:>6} {row['fps']:7.1f} {row['ms_per_frame']:9.2f} {row['train_ms']:7.2f} "
            f"{row['map_ms']:7.2f} {row['encode_ms']:7.2f} {row['full_redraw_fps']:14.1f}"
        )
    worst = min(row["fps"] for row in rows)
    verdict = "meets" if worst >= TARGET_FPS else "MISSES"
    print(f"slowest: {worst:.1f} fps — {verdict} the {TARGET_FPS:.0f} fps target")
    return rows


if __name__ == "__main__":
    main()
