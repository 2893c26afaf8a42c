"""The playground's views: presets, the static player and the live ``PlaygroundView``.

``PRESETS`` are named experiments. ``PlaygroundView`` puts ipywidgets controls around
an engine; a ``Play`` widget is the clock: it ticks in the browser, and each tick
trains one chunk of epochs and redraws, so the kernel is never busy for long and Pause
always works; one Play/Pause toggle drives it. For the static book, where no Python
runs, ``playground()`` returns the component that trains in the page
(``nnbook.playground.page``); ``static_player`` (presets trained ahead of time and
replayed frame by frame) remains for pages that want a fixed replay.
"""

from __future__ import annotations

import html
import math
import time
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from nnbook import plotting
from nnbook.playground.engine import (
    ACTIVATIONS,
    BATCH_SIZES,
    DATASET_LABELS,
    DATASETS,
    FEATURE_LABELS,
    FEATURES,
    LEARNING_RATES,
    LIMITS,
    LOSSES,
    REGULARIZATION_RATES,
    REGULARIZATIONS,
    Playground,
    PlaygroundSettings,
    is_number,
    is_whole,
)
from nnbook.playground.page import PAGE_SAMPLES, static_playground
from nnbook.playground.pictures import (
    live_frame_png,
    loss_curve_image,
    neuron_maps_image,
    png_bytes,
    preset_picture,
)
from nnbook.widgets import DescribedImage, linked_stack, play_for, static_control, static_mode

# The training-data slider shows percentages: 100 * (1 - test_fraction), whose limits
# are the engine's (LIMITS["test_fraction"]), read in the opposite order.
TRAIN_PERCENT = tuple(round(100 * (1 - f)) for f in reversed(LIMITS["test_fraction"]))

# ----------------------------------------------------------------------------------
# Presets and pre-rendered frames for the static book
# ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Preset:
    """A named experiment: settings, how long to train, and what it shows."""

    title: str
    settings: PlaygroundSettings
    epochs: int
    lesson: str


def _preset(title, epochs, lesson, **settings) -> Preset:
    # 300 points keep the small static frames readable (and light).
    return Preset(title, PlaygroundSettings(n_samples=300, **settings), epochs, lesson)


# The tanh and sigmoid spirals compare activations, so everything else is shared.
_SPIRAL_NETWORK = {"dataset": "spiral", "hidden_sizes": (8, 8, 8), "learning_rate": 0.1}

PRESETS = {
    "circle-linear": _preset(
        "circle, no hidden layer: fails",
        150,
        "A network without a hidden layer can only draw one straight line, and no line "
        "separates a disc from the ring around it.",
        dataset="circle",
        hidden_sizes=(),
        learning_rate=0.1,
    ),
    "circle-relu": _preset(
        "circle, 1 hidden layer of 4 ReLU",
        150,
        "Four ReLU units are enough: each contributes one straight crease, and "
        "together they fence in the inner disc with a polygon.",
        dataset="circle",
        hidden_sizes=(4,),
        activation="relu",
        learning_rate=0.1,
    ),
    "xor-linear": _preset(
        "XOR, no hidden layer: fails",
        150,
        "XOR puts each class in two opposite corners. One straight line cannot split "
        "them: at best it cuts off one corner, so accuracy stays far below 100%.",
        dataset="xor",
        hidden_sizes=(),
        learning_rate=0.03,
    ),
    "spiral-tanh": _preset(
        "spiral, 3 hidden layers of 8 tanh",
        600,
        "Depth and width let the boundary follow both arms around the centre.",
        activation="tanh",
        **_SPIRAL_NETWORK,
    ),
    "spiral-sigmoid": _preset(
        "spiral, the same network with sigmoid: slower",
        600,
        "The same network and learning rate with sigmoid units. Sigmoid's slope is at "
        "most 0.25 (tanh's reaches 1), so the gradient shrinks at every layer it passes "
        "back through, and after as many epochs the loss is still far behind.",
        activation="sigmoid",
        **_SPIRAL_NETWORK,
    ),
    "spiral3-tanh": _preset(
        "three-arm spiral: three outputs and a softmax",
        600,
        "Three classes need three output units; a softmax turns their scores into "
        "probabilities, and each colour marks the most likely class.",
        dataset="spiral3",
        hidden_sizes=(8, 8, 8),
        activation="tanh",
        learning_rate=0.03,
    ),
}


def preset_frames(preset: str | Preset, n_frames: int = 24, size: int = 180) -> list[dict]:
    """Train a preset once and render ``n_frames`` snapshots from epoch 0 to the end.

    Each frame is ``{"epoch", "state", "png"}`` where ``png`` holds the decision map
    with the data, the loss curves so far and the epoch, loss and accuracy as text,
    as a small palette PNG (a few kilobytes).
    """
    if isinstance(preset, str):
        if preset not in PRESETS:
            raise ValueError(f"unknown preset {preset!r}; known: {', '.join(PRESETS)}")
        preset = PRESETS[preset]
    if not is_whole(n_frames, at_least=2):
        raise ValueError(f"n_frames must be a whole number >= 2; got {n_frames!r}")
    engine = Playground(preset.settings)
    frames = []
    for target in frame_epochs(preset.epochs, n_frames):
        engine.step(target - engine.epoch)
        state = engine.state
        frames.append(
            {
                "epoch": state.epoch,
                "state": state,
                "png": png_bytes(preset_picture(engine, state, size), small=True),
            }
        )
    return frames


# The presets the static book shows by default: five runs of 24 frames stay under the
# frame budget of one explorable (nnbook.widgets.FRAME_BUDGET_BYTES, base64 included).
STATIC_PRESETS = ("circle-relu", "xor-linear", "spiral-tanh", "spiral-sigmoid", "spiral3-tanh")


def frame_epochs(epochs: int, n_frames: int) -> list[int]:
    """``n_frames`` distinct epochs from 0 to ``epochs``, closer together at the start.

    Early epochs change the picture most, so the frames are spaced evenly in
    sqrt(epoch) (epoch = epochs * t^2), then nudged apart so no two coincide.
    """
    if epochs < n_frames - 1:
        raise ValueError(f"{n_frames} frames need at least {n_frames - 1} epochs; got {epochs}")
    targets = np.round(np.linspace(0.0, 1.0, n_frames) ** 2 * epochs).astype(int)
    for i in range(1, n_frames):
        targets[i] = max(targets[i], targets[i - 1] + 1)
    for i in range(n_frames - 2, -1, -1):  # the last frame is exactly `epochs`
        targets[i] = min(targets[i], targets[i + 1] - 1)
    return [int(t) for t in targets]


def _frame_description(title: str, state) -> str:
    """The text alternative of one pre-rendered playground frame."""
    return f"{title}, decision map and loss curves: {state.summary()} (train / test)"


def static_player(presets=None, n_frames: int = 24, size: int = 180):
    """The playground for pages without a kernel: presets replayed epoch by epoch.

    A dropdown picks a preset. Each preset has a Play button and an epoch slider over
    its pre-rendered frames (``preset_frames``), shown by a Stack of Images. Play ->
    slider -> Stack and dropdown -> preset are ``jslink``s (``nnbook.widgets``), so all
    of it works in static HTML. The returned box keeps its links in ``.links``, and
    every preset's box has ``.play``, ``.slider``, ``.stack`` and ``.links``.
    """
    names = list(STATIC_PRESETS if presets is None else presets)
    # Every widget gets its own Layout model (about 1 kB in the page) unless given
    # one; the frames can all share a single one.
    shared = widgets.Layout()
    boxes = []
    for name in names:
        frames = preset_frames(name, n_frames=n_frames, size=size)  # checks the name
        preset = PRESETS[name]
        slider = static_control("epoch", [frame["epoch"] for frame in frames], kind="slider")
        images = [
            DescribedImage(
                value=frame["png"],
                format="png",
                layout=shared,
                tooltip=_frame_description(preset.title, frame["state"]),
            )
            for frame in frames
        ]
        stack, links = linked_stack(images, [slider])
        play, play_link = play_for(slider, interval_ms=300)
        caption = widgets.HTML(
            f"<b>{preset.title}</b> <small>({preset.settings.describe()})</small><br>"
            f"{preset.lesson}"
        )
        box = widgets.VBox([caption, widgets.HBox([play, slider]), stack])
        box.play, box.slider, box.stack = play, slider, stack
        box.links = [play_link, *links]
        boxes.append(box)
    chooser = static_control(
        "preset", names, kind="dropdown", labels=[PRESETS[name].title for name in names]
    )
    chooser.layout = widgets.Layout(width="440px")
    outer, links = linked_stack(boxes, [chooser])
    player = widgets.VBox([chooser, outer])
    player.chooser, player.stack, player.presets, player.links = chooser, outer, boxes, links
    return player


# ----------------------------------------------------------------------------------
# The live view
# ----------------------------------------------------------------------------------


def _nearest_option(options, value):
    """``value`` if it is one of ``options``, else the closest one (on a log scale for
    numbers), so a view can show settings that came from code."""
    if value in options:
        return value
    numbers_only = [o for o in options if isinstance(o, (int, float)) and o is not None]
    if is_number(value) and numbers_only:
        return min(numbers_only, key=lambda o: abs(math.log10(o + 1e-6) - math.log10(value + 1e-6)))
    return options[0]


class PlaygroundView:
    """ipywidgets controls around a ``Playground``; ``view.widget`` is what to display.

    Train starts the ``play`` widget's clock and Pause stops it; every tick trains
    ``epochs_per_frame`` epochs (stopping early past ``frame_budget`` seconds) and
    redraws the pictures in place. Step trains one such chunk (within
    ``step_budget`` seconds); Reset starts over. Changing any setting pauses and
    starts over with the new settings.

    Why the kernel stays responsive: the clock ticks in the browser, each tick is one
    short callback, and Pause is just another message between ticks. A tick that
    arrives less than ``min_tick_gap`` seconds after the previous frame finished was
    queued while that frame was being computed, and is skipped, so a slow setting
    (batch size 1 on a deep network) cannot pile up a backlog that delays Pause.
    """

    def __init__(
        self,
        engine: Playground | None = None,
        *,
        epochs_per_frame: int = 5,
        interval_ms: int = 80,
        frame_budget: float = 0.05,
        step_budget: float = 1.0,
        image_size: int = 300,
        **settings,
    ):
        self.engine = engine if engine is not None else Playground(**settings)
        if engine is not None and settings:
            self.engine.configure(**settings)
        self.frame_budget = frame_budget
        self.step_budget = step_budget
        self.min_tick_gap = 0.5 * interval_ms / 1000
        self._last_frame_end = -math.inf
        self.image_size = image_size
        self.last_error = None
        self.notice = ""
        s = self.engine.settings
        layout = {"layout": widgets.Layout(width="300px"), "style": {"description_width": "110px"}}

        def slider(kind, description, value, **options):
            return kind(
                value=value, description=description, continuous_update=False, **layout, **options
            )

        def choice(description, options, value):
            return widgets.Dropdown(options=options, value=value, description=description, **layout)

        # ipywidgets reads a None value as "nothing selected", so the whole-set choice
        # ("all", batch_size=None) is 0 inside the slider.
        batch_options = [("all", 0) if size is None else (str(size), size) for size in BATCH_SIZES]
        self.controls = {
            "dataset": choice(
                "Data set",
                [(DATASET_LABELS[d], d) for d in DATASETS],
                _nearest_option(DATASETS, s.dataset),
            ),
            "noise": slider(
                widgets.FloatSlider,
                "Noise",
                float(np.clip(s.noise, *LIMITS["noise"])),
                min=LIMITS["noise"][0],
                max=LIMITS["noise"][1],
                step=0.05,
            ),
            "train_percent": slider(
                widgets.IntSlider,
                "Training data %",
                int(np.clip(round(100 * (1 - s.test_fraction), -1), *TRAIN_PERCENT)),
                min=TRAIN_PERCENT[0],
                max=TRAIN_PERCENT[1],
                step=10,
            ),
            "hidden_layers": slider(
                widgets.IntSlider,
                "Hidden layers",
                int(np.clip(len(s.hidden_sizes), *LIMITS["hidden_layers"])),
                min=LIMITS["hidden_layers"][0],
                max=LIMITS["hidden_layers"][1],
            ),
            "neurons": slider(
                widgets.IntSlider,
                "Units / layer",
                int(np.clip(max(s.hidden_sizes or (4,)), *LIMITS["neurons"])),
                min=LIMITS["neurons"][0],
                max=LIMITS["neurons"][1],
            ),
            "activation": choice(
                "Activation", ACTIVATIONS, _nearest_option(ACTIVATIONS, s.activation)
            ),
            "learning_rate": slider(
                widgets.SelectionSlider,
                "Learning rate",
                _nearest_option(LEARNING_RATES, s.learning_rate),
                options=LEARNING_RATES,
            ),
            "batch_size": slider(
                widgets.SelectionSlider,
                "Batch size",
                _nearest_option(BATCH_SIZES, s.batch_size) or 0,
                options=batch_options,
            ),
            "loss": choice(
                "Loss",
                [("cross-entropy", "cross_entropy"), ("squared error", "squared_error")],
                _nearest_option(LOSSES, s.loss),
            ),
            "regularization": choice(
                "Regularization",
                [("none", "none"), ("L1", "l1"), ("L2", "l2")],
                _nearest_option(REGULARIZATIONS, s.regularization),
            ),
            "regularization_rate": slider(
                widgets.SelectionSlider,
                "Reg. rate",
                _nearest_option(REGULARIZATION_RATES, s.regularization_rate),
                options=REGULARIZATION_RATES,
            ),
            "seed": widgets.BoundedIntText(
                value=int(np.clip(s.seed, 0, 9999)),
                min=0,
                max=9999,
                description="Seed",
                layout=widgets.Layout(width="190px"),
                style={"description_width": "40px"},
            ),
        }
        self.feature_buttons = {
            name: widgets.ToggleButton(
                value=name in s.features,
                description=FEATURE_LABELS.get(name, name),
                tooltip=name,
                layout=widgets.Layout(width="70px"),
            )
            for name in FEATURES
        }
        self.speed = slider(
            widgets.IntSlider,
            "Epochs / frame",
            int(np.clip(epochs_per_frame, 1, 50)),
            min=1,
            max=50,
        )
        # The clock: a Play widget ticks in the browser. Its own buttons stay hidden;
        # one Play/Pause toggle (as in the page's playground) starts and stops it.
        self.play = widgets.Play(
            value=0,
            min=0,
            max=10**9,
            step=1,
            interval=interval_ms,
            show_repeat=False,
            description="clock",
            layout=widgets.Layout(display="none"),
        )
        self.play_button = widgets.ToggleButton(
            value=False, description="Play", icon="play", button_style="success",
            tooltip="Play / Pause: train epoch after epoch",
        )  # fmt: skip
        self.step_button = widgets.Button(description="Step", icon="step-forward")
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        self.regenerate_button = widgets.Button(
            description="Regenerate", tooltip="New points from the next seed"
        )
        self.status = widgets.HTML()
        self.message = widgets.HTML()
        # The tooltips are the pictures' text alternatives (the <img> title attribute).
        self.decision = DescribedImage(
            format="png", width=image_size, height=image_size,
            tooltip="Decision map: the network's predicted class over the plane, with the data",
        )  # fmt: skip
        self.loss_curve = DescribedImage(
            format="png", width=image_size, height=90,
            tooltip="Train and test loss against the epoch",
        )  # fmt: skip
        # its size follows the network
        self.neurons = DescribedImage(
            format="png", tooltip="What each hidden unit responds to over the plane"
        )

        for control in self.controls.values():
            control.observe(self._guarded(self._on_setting), names="value")
        for button in self.feature_buttons.values():
            button.observe(self._guarded(self._on_setting), names="value")
        self.play.observe(self._guarded(self._on_tick), names="value")
        self.play_button.observe(self._guarded(self._on_play_button), names="value")
        self.play.observe(self._guarded(self._on_clock), names="playing")
        self.regenerate_button.on_click(self._guarded(lambda _: self.regenerate()))
        self.step_button.on_click(self._guarded(lambda _: self.step()))
        self.reset_button.on_click(self._guarded(lambda _: self.reset()))

        c = self.controls
        features = widgets.VBox(
            [
                widgets.HTML("<b>Input features</b>"),
                widgets.HBox(list(self.feature_buttons.values())[:4]),
                widgets.HBox(list(self.feature_buttons.values())[4:]),
            ]
        )
        # The page's groups, in the page's order: data, network, training. The
        # controls column keeps its width (flex 0 0) and the pictures wrap below it
        # when the notebook is narrow, so nothing covers a slider or its readout.
        left = widgets.VBox(
            [
                widgets.HTML("<b>Data</b>"),
                c["dataset"],
                c["train_percent"],
                c["noise"],
                c["batch_size"],
                widgets.HBox([self.regenerate_button, c["seed"]]),
                features,
                widgets.HTML("<b>Network</b>"),
                c["hidden_layers"],
                c["neurons"],
                c["activation"],
                widgets.HTML("<b>Training</b>"),
                c["learning_rate"],
                c["loss"],
                c["regularization"],
                c["regularization_rate"],
                self.speed,
            ],
            layout=widgets.Layout(flex="0 0 330px", width="330px", overflow="visible"),
        )
        buttons = widgets.HBox(
            [self.play_button, self.step_button, self.reset_button, self.play],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        legend = widgets.HTML(
            "<small>Dots: training data; rings: test data. Background: the network's "
            "output (pale = unsure).</small>"
        )
        neurons_box = widgets.VBox(
            [
                widgets.HTML(
                    "<b>Hidden units</b> <small>(a column per layer; grey = dead)</small>"
                ),
                self.neurons,
            ],
            layout=widgets.Layout(overflow="auto", max_width="100%"),
        )
        right = widgets.VBox(
            [
                buttons,
                self.status,
                self.message,
                widgets.HBox(
                    [widgets.VBox([self.decision, legend, self.loss_curve]), neurons_box],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
            ],
            layout=widgets.Layout(flex="1 1 320px", min_width="320px"),
        )
        self.widget = widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap"))
        self.refresh()

    # -- actions --------------------------------------------------------------------

    def train(self) -> None:
        """Start the clock (the Play widget); each tick trains a chunk and redraws."""
        if self.engine.can_train:
            self.play.playing = True
        self._show_playing()

    def pause(self) -> None:
        self.play.playing = False
        self._show_playing()

    def regenerate(self) -> None:
        """New points: the next seed (the page's Regenerate)."""
        self.controls["seed"].value = (self.controls["seed"].value + 1) % 10_000

    def _show_playing(self) -> None:
        playing = bool(self.play.playing)
        self.play_button.value = playing
        self.play_button.description = "Pause" if playing else "Play"
        self.play_button.icon = "pause" if playing else "play"

    def _on_play_button(self, change) -> None:
        if change["new"] and not self.play.playing:
            self.train()
            if not self.play.playing:  # could not train: say why, stay at "Play"
                self.refresh()
        elif not change["new"] and self.play.playing:
            self.pause()

    def _on_clock(self, change) -> None:
        self._show_playing()

    def step(self) -> None:
        """Train one chunk of ``epochs_per_frame`` epochs (fewer if that takes more than
        ``step_budget`` seconds) and redraw."""
        self.engine.step(self.speed.value, time_budget=self.step_budget)
        self.refresh()

    def reset(self) -> None:
        self.pause()
        self.engine.reset()
        self.refresh()

    def settings_from_controls(self) -> dict:
        c = self.controls
        return {
            "dataset": c["dataset"].value,
            "noise": float(c["noise"].value),
            "test_fraction": round(1 - c["train_percent"].value / 100, 2),
            "features": tuple(n for n, b in self.feature_buttons.items() if b.value),
            "hidden_sizes": (c["neurons"].value,) * c["hidden_layers"].value,
            "activation": c["activation"].value,
            "learning_rate": c["learning_rate"].value,
            "batch_size": c["batch_size"].value or None,
            "regularization": c["regularization"].value,
            "regularization_rate": c["regularization_rate"].value,
            "loss": c["loss"].value,
            "seed": int(c["seed"].value),
        }

    def _on_setting(self, change) -> None:
        # A new setting is a new run (epoch 0); if training was on, it goes on, and
        # the status line says that the run started over.
        was_playing = bool(self.play.playing)
        self.engine.configure(**self.settings_from_controls())
        if not (was_playing and self.engine.can_train):
            self.pause()
        self.refresh()
        self.notice = (
            "New setting: training starts over at epoch 0 and goes on."
            if was_playing and self.engine.can_train
            else "New setting: the network starts over at epoch 0."
        )
        self.status.value += f"<br><small>{self.notice}</small>"

    def _on_tick(self, change) -> None:
        # The clock runs in the browser. Ticks that arrive after Pause (or the Play
        # widget's own stop, which rewinds the value) must not train.
        if not self.play.playing or change["new"] <= change["old"]:
            return
        if time.perf_counter() - self._last_frame_end < self.min_tick_gap:
            return  # queued while the last frame was computed: drop it, stay current
        if not self.engine.can_train:
            self.pause()
            self.refresh()
            return
        self.engine.step(self.speed.value, time_budget=self.frame_budget)
        if not self.engine.can_train:
            self.pause()
        self.refresh()
        self._last_frame_end = time.perf_counter()

    def _guarded(self, callback):
        """Run a callback; show any unexpected error as a message, never a traceback."""

        def run(*args):
            try:
                callback(*args)
            except Exception as error:  # the reader sees a sentence, the test sees last_error
                self.last_error = error
                self.play.playing = False
                text = html.escape(f"{type(error).__name__}: {error}", quote=False)
                self.message.value = (
                    f"<span style='color:{plotting.WRONG_COLOR}'>something went wrong "
                    f"({text}). Press Reset or change a setting.</span>"
                )

        return run

    # -- drawing --------------------------------------------------------------------

    def refresh(self) -> None:
        """Redraw text and pictures from the engine's current state."""
        engine = self.engine
        state = engine.state
        text = state.summary() if state.status != "invalid" else f"epoch {state.epoch}"
        if state.hidden_units:
            text += f" · dead units {state.dead_units} of {state.hidden_units}"
        self.status.value = (
            f"<b>{text}</b> <small>(train / test)</small><br>"
            f"<small>{html.escape(engine.settings.describe(), quote=False)}</small>"
        )
        # Red for what stops training, ink for a warning while it goes on.
        colour = plotting.WRONG_COLOR if not state.ok else plotting.INK_COLOR
        self.message.value = (
            f"<span style='color:{colour}'>{html.escape(state.message, quote=False)}</span>"
            if state.message
            else ""
        )
        self.decision.value = live_frame_png(engine, self.image_size)
        self.loss_curve.value = png_bytes(
            loss_curve_image(state.train_loss_history, state.test_loss_history, self.image_size, 90)
        )
        units = neuron_maps_image(
            engine.neuron_maps(),
            dead=engine.dead_unit_mask(),
            empty_text="no hidden layer" if engine.network is not None else "no network",
        )
        # Set the size too: a box would otherwise stretch the picture to its width.
        self.neurons.width, self.neurons.height = str(units.width), str(units.height)
        self.neurons.value = png_bytes(units)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def playground(preset: str | None = None, **settings):
    """The playground that fits where the notebook runs.

    The settings are ``preset``'s (``PRESETS``), changed by any keyword settings
    (``PlaygroundSettings`` fields). In a live kernel: a ``PlaygroundView`` that trains
    with nnlib. In the static book (``nnbook.widgets.static_mode()``): the component
    that trains in the reader's browser (``nnbook.playground.page``), opened on the
    same settings.
    """
    if preset is not None and preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; known: {', '.join(PRESETS)}")
    base = PRESETS[preset].settings if preset is not None else PlaygroundSettings()
    if static_mode():
        # The page's data sets have 500 points (presets use 300 for small frames).
        chosen = base.replace(**{"n_samples": PAGE_SAMPLES, **settings})
        return static_playground(chosen)
    return PlaygroundView(Playground(base.replace(**settings)))
