"""The playground: the engine trains and reports, the view responds to its controls,
and the static presets are wired to play in a page without a kernel."""

import ast
import io
import sys
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest
from ipywidgets.widgets.widget_link import Link

from nnbook import checks, grids
from nnbook import playground as pg
from nnbook.grids import grid_over
from nnbook.playground import (
    DIVERGED_ADVICE,
    LEARNING_RATES,
    Playground,
    PlaygroundSettings,
)
from nnbook.playground import engine as pg_engine
from nnbook.playground import view as pg_view
from nnbook.playground.view import PRESETS, PlaygroundView

# ----------------------------------------------------------------------------------
# The engine
# ----------------------------------------------------------------------------------


def test_step_trains_the_asked_number_of_epochs_and_records_the_losses():
    engine = Playground(dataset="circle", hidden_sizes=(4,), seed=0)
    assert engine.state.epoch == 0 and engine.state.status == "ready"
    assert engine.step(3) == 3
    assert engine.step(4) == 4
    state = engine.state
    assert state.epoch == 7 and state.status == "training" and state.message == ""
    # The curves start at epoch 0: entry e is the loss after e epochs.
    assert len(state.train_loss_history) == 8 and len(state.test_loss_history) == 8
    assert state.train_loss == state.train_loss_history[-1]
    assert (
        state.train_loss_history[0]
        == Playground(dataset="circle", hidden_sizes=(4,)).state.train_loss
    )
    assert 0.0 <= state.train_accuracy <= 1.0 and 0.0 <= state.test_accuracy <= 1.0


def test_training_in_chunks_equals_training_at_once():
    in_chunks, at_once = Playground(dataset="moons", seed=3), Playground(dataset="moons", seed=3)
    for _ in range(4):
        in_chunks.step(5)
    at_once.step(20)
    np.testing.assert_allclose(in_chunks.decision_map(), at_once.decision_map())
    assert in_chunks.state.train_loss_history == at_once.state.train_loss_history


def test_reset_returns_to_epoch_zero_and_the_same_start():
    engine = Playground(dataset="xor", hidden_sizes=(4, 4), seed=1)
    start = engine.decision_map().copy()
    engine.step(20)
    assert not np.allclose(engine.decision_map(), start)
    state = engine.reset()
    assert state.epoch == 0 and len(state.train_loss_history) == 1
    np.testing.assert_array_equal(engine.decision_map(), start)


def test_maps_cover_the_data_and_have_the_documented_shapes():
    engine = Playground(dataset="circle", hidden_sizes=(5, 3), activation="tanh")
    probabilities = engine.decision_map()
    assert probabilities.shape == (100, 100)
    assert np.all((probabilities >= 0) & (probabilities <= 1))
    assert np.abs(np.concatenate([engine.X_train, engine.X_test])).max() <= engine.extent
    grid = engine.grid(100)
    assert grid[0, 1] == grid.min(axis=0)[1] and grid[0, 0] == grid.min(axis=0)[0]  # bottom left
    # the book's one grid: the same points as plotting's maps, in the same order
    side = (-engine.extent, engine.extent)
    np.testing.assert_array_equal(grid, grid_over(side, side, 100).points)
    maps = engine.neuron_maps()
    assert [m.shape for m in maps] == [(24, 24, 5), (24, 24, 3)]


def test_a_linear_model_fails_on_circles_where_one_relu_layer_succeeds():
    common = dict(dataset="circle", noise=0.1, learning_rate=0.1, batch_size=10, seed=0)
    linear = Playground(hidden_sizes=(), **common)
    hidden = Playground(hidden_sizes=(8,), activation="relu", **common)
    linear.step(200)
    hidden.step(200)
    assert linear.state.test_accuracy < 0.75
    assert hidden.state.test_accuracy > 0.90
    assert linear.dead_units() == 0 and linear.state.hidden_units == 0


def test_a_layer_of_dead_relus_is_counted_shown_and_explained():
    engine = Playground(
        dataset="spiral", hidden_sizes=(8, 8, 8), activation="relu", learning_rate=10.0
    )
    engine.step(50)
    state = engine.state
    masks = engine.dead_unit_mask()
    assert state.status == "training"  # finite numbers: not diverged, but stuck
    assert (
        state.dead_units
        == sum(int(m.sum()) for m in masks)
        == sum(engine.network.dead_units(engine.trainer.X_train))
    )
    full = [i + 1 for i, m in enumerate(masks) if m.all()]
    assert full and f"every unit of hidden layer {full[0]} is dead" in state.message
    tiles = np.asarray(pg.neuron_maps_image(engine.neuron_maps(), tile=10, gap=0, dead=masks))
    for layer, mask in enumerate(masks):
        for unit, dead in enumerate(mask):
            tile = tiles[unit * 10 : unit * 10 + 10, layer * 10 : layer * 10 + 10]
            assert np.all(tile == pg.DEAD_RGB) == bool(dead)


def test_three_arm_spiral_gets_three_softmax_outputs():
    engine = Playground(dataset="spiral3", hidden_sizes=(8, 8))
    assert engine.network.n_outputs == 3
    assert set(np.unique(engine.y_train)) == {0, 1, 2}
    probabilities = engine.decision_map()
    assert probabilities.shape == (100, 100, 3)
    np.testing.assert_allclose(probabilities.sum(axis=-1), 1.0)
    engine.step(5)
    assert engine.state.status == "training"


@pytest.mark.parametrize("dataset", ["circle", "spiral3"])
def test_squared_error_loss_trains_too(dataset):
    engine = Playground(
        dataset=dataset, loss="squared_error", hidden_sizes=(8, 8), learning_rate=0.3, seed=0
    )
    before = engine.state.train_accuracy
    engine.step(100)
    state = engine.state
    assert state.status == "training"
    assert state.train_loss_history[-1] < state.train_loss_history[0]
    assert state.train_accuracy > before


def test_a_huge_learning_rate_becomes_a_message_not_an_exception():
    engine = Playground(
        dataset="spiral", hidden_sizes=(8, 8, 8), activation="linear", learning_rate=10.0
    )
    engine.step(50)
    state = engine.state
    assert state.status == "diverged"
    assert DIVERGED_ADVICE in state.message
    assert "training diverged — lower the learning rate" in state.message
    # The picture shows the last good weights, and training does not go on.
    assert np.all(np.isfinite(engine.decision_map()))
    epoch = state.epoch
    assert engine.step(5) == 0 and engine.state.epoch == epoch
    assert engine.reset().status == "ready"


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"features": ()}, "at least one"),
        ({"dataset": "circles"}, "unknown data set"),
        ({"activation": "rleu"}, "unknown activation"),
        ({"learning_rate": 0.0}, "learning rate"),
        ({"hidden_sizes": (4, 0)}, "at least one unit"),
        ({"test_fraction": 0.999}, "empty"),
    ],
)
def test_impossible_settings_become_a_message(changes, words):
    engine = Playground(**changes)
    state = engine.state
    assert state.status == "invalid" and not state.ok
    assert words in state.message
    assert engine.step(3) == 0
    assert engine.decision_map() is None and engine.neuron_maps() == []


def test_unknown_setting_names_are_a_value_error():
    with pytest.raises(ValueError, match="unknown playground setting 'hidden_layer'"):
        Playground(hidden_layer=3)


def test_a_time_budget_keeps_one_call_short():
    engine = Playground(dataset="spiral", hidden_sizes=(8,) * 6, batch_size=1, n_samples=1000)
    done = engine.step(10_000, time_budget=0.05)
    assert 1 <= done < 10_000
    assert engine.state.epoch == done


def _third_party_imports(module) -> set[str]:
    imported = set()
    for node in ast.walk(ast.parse(Path(module.__file__).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module)
    return {name for name in imported if name.split(".")[0] not in sys.stdlib_module_names}


def test_the_engine_needs_neither_ipywidgets_nor_matplotlib():
    # The package imports its views too (chapters import everything from it), so the
    # engine's independence is a property of its own imports: NumPy, nnlib and the
    # NumPy-only grid (with the NumPy-only argument checks), nothing that draws.
    engine_imports = _third_party_imports(pg_engine)
    assert {name for name in engine_imports if not name.startswith("nnlib")} == {
        "numpy",
        "nnbook.grids",
    }
    assert _third_party_imports(grids) == {"numpy", "nnbook.checks"}
    assert _third_party_imports(checks) == {"numpy"}


# ----------------------------------------------------------------------------------
# Pictures
# ----------------------------------------------------------------------------------


def test_pictures_are_pngs_of_the_asked_size():
    from PIL import Image

    engine = Playground(dataset="spiral3", hidden_sizes=(3, 2))
    engine.step(2)
    png = pg.png_bytes(pg.decision_image(engine, 120))
    assert png.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(png)).size == (120, 120)
    state = engine.state
    curve = pg.loss_curve_image(state.train_loss_history, state.test_loss_history, 200, 60)
    assert curve.size == (200, 60)
    neurons = pg.neuron_maps_image(engine.neuron_maps(), tile=20, gap=2)
    assert neurons.size == (2 * 22 - 2, 3 * 22 - 2)  # a column per layer, a row per unit


def test_dead_units_are_grey_tiles_and_live_ones_are_coloured():
    tiles = pg.neuron_maps_image([np.stack([np.zeros((4, 4)), np.eye(4)], axis=-1)], tile=8)
    pixels = np.asarray(tiles)
    assert np.all(pixels[:8, :8] == pg.DEAD_RGB)
    assert not np.all(pixels[12:, :8] == pg.DEAD_RGB)


def test_training_points_are_drawn_in_their_class_colour_on_the_map():
    engine = Playground(dataset="circle", n_samples=60, noise=0.0)
    uniform = np.full((100, 100), 0.5)
    picture = np.asarray(pg.decision_image(engine, 200, probabilities=uniform))
    background = pg.decision_rgb(uniform)[0, 0]
    scale = 200 / (2 * engine.extent)
    everything = np.concatenate([engine.X_train, engine.X_test])
    checked = 0
    for point, label in zip(engine.X_train, engine.y_train, strict=True):
        distances = np.sort(np.hypot(*(everything - point).T)) * scale
        if distances[1] < 6:  # overlapping dots hide each other; look at lone ones
            continue
        column = int((point[0] + engine.extent) * scale)
        row = int((engine.extent - point[1]) * scale)
        assert tuple(picture[row, column]) == tuple(pg.CLASS_RGB[label].astype(int))
        checked += 1
    assert checked >= 5
    assert tuple(picture[0, 0]) == tuple(background)  # a corner far from every point


# ----------------------------------------------------------------------------------
# The live view, driven the way a front end would drive it
# ----------------------------------------------------------------------------------


@pytest.fixture
def view():
    view = PlaygroundView(dataset="circle", hidden_sizes=(4,), epochs_per_frame=3)
    # A test sends its ticks back to back; a browser spaces them `interval` apart.
    view.min_tick_gap = 0.0
    # No time budget per tick or Step: on a busy machine they would otherwise train
    # fewer epochs than asked, and the counts below would depend on the machine's load.
    view.frame_budget = None
    view.step_budget = None
    return view


def test_step_button_advances_the_epoch_label_and_redraws_the_map(view):
    label, picture = view.status.value, view.decision.value
    assert "epoch 0" in label
    view.step_button.click()
    assert "epoch 3" in view.status.value
    assert view.decision.value != picture
    assert view.loss_curve.value and view.neurons.value
    assert view.last_error is None


def test_play_ticks_train_and_pause_stops_them(view):
    view.play_button.value = True  # the one Play/Pause toggle
    assert view.play.playing is True
    assert view.play_button.description == "Pause"
    for _ in range(3):
        view.play.value += 1  # what the browser sends on every tick
    epoch = view.engine.epoch
    assert epoch == 9 and f"epoch {epoch}" in view.status.value
    view.play_button.value = False
    assert view.play.playing is False and view.play_button.description == "Play"
    picture = view.decision.value
    view.play.value += 1  # a tick already on its way when Pause was pressed
    view.play.value += 1
    assert view.engine.epoch == epoch and view.decision.value == picture


def test_ticks_queued_behind_a_slow_frame_are_dropped(view):
    view.min_tick_gap = 60.0  # as if every tick arrived while a frame was computed
    view.play.playing = True
    view.play.value += 1  # the first tick after a while trains
    assert view.engine.epoch == 3
    for _ in range(5):
        view.play.value += 1  # the backlog is skipped, cheaply
    assert view.engine.epoch == 3


def test_the_play_widget_own_stop_rewinding_the_value_does_not_train(view):
    view.play.playing = True
    view.play.value = 5
    epoch = view.engine.epoch
    view.play.playing = False
    view.play.value = 0
    assert view.engine.epoch == epoch


def test_reset_button_returns_to_epoch_zero_and_stops_the_clock(view):
    view.step_button.click()
    view.play.playing = True
    view.reset_button.click()
    assert view.engine.epoch == 0 and "epoch 0" in view.status.value
    assert view.play.playing is False


def test_changing_a_control_rebuilds_the_run(view):
    view.step_button.click()
    view.controls["dataset"].value = "spiral3"
    assert view.engine.settings.dataset == "spiral3" and view.engine.epoch == 0
    assert view.engine.network.n_outputs == 3
    view.controls["hidden_layers"].value = 2
    view.controls["neurons"].value = 6
    assert view.engine.settings.hidden_sizes == (6, 6)
    view.feature_buttons["x1^2"].value = True
    assert view.engine.settings.features == ("x1", "x2", "x1^2")
    assert view.engine.network.n_inputs == 3


def test_every_control_at_its_extremes_gives_a_result_or_a_message(view):
    def settings_to_try(control):
        if isinstance(control, (widgets.Dropdown, widgets.SelectionSlider)):
            return [("index", i) for i in range(len(control.options))]  # every option
        return [("value", control.min), ("value", control.max)]

    for name, control in [*view.controls.items(), ("speed", view.speed)]:
        original = (control.index if hasattr(control, "index") else None, control.value)
        for trait, value in settings_to_try(control):
            setattr(control, trait, value)
            view.reset_button.click()
            view.step_button.click()
            state = view.engine.state
            assert view.last_error is None, (name, value, view.last_error)
            if state.ok:
                assert state.epoch == view.speed.value, (name, value)
                assert "epoch 0" not in view.status.value
            else:
                assert state.message and state.message in view.message.value, (name, value)
        control.value = original[1]


def test_all_extremes_at_once_still_answer(view):
    c = view.controls
    c["hidden_layers"].value = 6
    c["neurons"].value = 1
    c["batch_size"].value = 1
    c["noise"].value = c["noise"].max
    c["train_percent"].value = c["train_percent"].min
    c["learning_rate"].value = LEARNING_RATES[-1]
    c["regularization"].value = "l1"
    c["regularization_rate"].value = c["regularization_rate"].options[-1]
    view.speed.value = view.speed.max
    view.step_button.click()
    assert view.last_error is None
    state = view.engine.state
    assert state.ok or state.message in view.message.value


def test_a_huge_learning_rate_shows_the_divergence_message(view):
    view.controls["activation"].value = "linear"
    view.controls["hidden_layers"].value = 3
    view.controls["neurons"].value = 8
    view.controls["learning_rate"].value = LEARNING_RATES[-1]
    view.speed.value = 20
    view.play_button.value = True
    for _ in range(5):
        view.play.value += 1
    assert view.engine.state.status == "diverged"
    assert "diverged — lower the learning rate" in view.message.value
    assert view.play.playing is False  # the clock stops by itself
    assert view.play_button.value is False  # and the toggle says so
    view.reset_button.click()
    assert view.message.value == "" and view.engine.state.status == "ready"


def test_no_feature_selected_shows_a_message(view):
    for button in view.feature_buttons.values():
        button.value = False
    assert view.engine.state.status == "invalid"
    assert "at least one" in view.message.value
    view.play_button.value = True
    assert view.play.playing is False and view.play_button.value is False
    view.step_button.click()
    assert view.last_error is None


# ----------------------------------------------------------------------------------
# The static book: pre-rendered presets
# ----------------------------------------------------------------------------------


def test_frame_epochs_are_distinct_and_span_the_run():
    epochs = pg_view.frame_epochs(150, 30)
    assert len(epochs) == 30 and epochs[0] == 0 and epochs[-1] == 150
    assert all(b > a for a, b in zip(epochs, epochs[1:], strict=False))


def test_preset_frames_have_the_right_count_and_show_progress():
    frames = pg_view.preset_frames("circle-relu", n_frames=12, size=120)
    from PIL import Image

    assert Image.open(io.BytesIO(frames[0]["png"])).size == (2 * 120 + 8, 120)
    assert len(frames) == 12
    assert [f["epoch"] for f in frames] == pg_view.frame_epochs(PRESETS["circle-relu"].epochs, 12)
    assert all(f["png"].startswith(b"\x89PNG") for f in frames)
    assert len({f["png"] for f in frames}) == 12
    assert frames[-1]["state"].test_accuracy > 0.9


def test_the_presets_teach_what_their_titles_say():
    def final(name):
        engine = Playground(PRESETS[name].settings)
        engine.step(PRESETS[name].epochs)
        return engine.state

    assert final("xor-linear").test_accuracy < 0.75
    assert final("circle-linear").test_accuracy < 0.75
    assert final("circle-relu").test_accuracy > 0.9
    assert final("spiral3-tanh").test_accuracy > 0.8
    tanh, sigmoid = final("spiral-tanh"), final("spiral-sigmoid")
    assert sigmoid.train_loss > tanh.train_loss


@pytest.fixture(scope="module")
def player():
    return pg_view.static_player()  # the default: STATIC_PRESETS, 24 frames each


def test_static_player_links_play_to_slider_to_stack(player):
    chooser, outer = player.children
    assert isinstance(chooser, widgets.Dropdown) and isinstance(outer, widgets.Stack)
    assert [title for title, _ in chooser.options] == [
        PRESETS[name].title for name in pg_view.STATIC_PRESETS
    ]
    (link,) = player.links
    assert isinstance(link, Link)  # a jslink: kept by the browser, no kernel needed
    assert link.source == (chooser, "index") and link.target == (outer, "selected_index")
    assert list(outer.children) == player.presets
    for name, box in zip(pg_view.STATIC_PRESETS, player.presets, strict=True):
        play, slider, stack = box.play, box.slider, box.stack
        assert box.children[1].children == (play, slider) and box.children[2] is stack
        assert isinstance(play, widgets.Play) and isinstance(stack, widgets.Stack)
        assert len(stack.children) == 24 and len(slider.options) == 24 and play.max == 23
        assert all(isinstance(image, widgets.Image) for image in stack.children)
        # The slider is labelled with the epoch each frame shows.
        assert [value for _, value in slider.options] == pg_view.frame_epochs(
            PRESETS[name].epochs, 24
        )
        play_link, stack_link = box.links
        assert isinstance(play_link, Link) and isinstance(stack_link, Link)
        assert play_link.source == (play, "value") and play_link.target == (slider, "index")
        assert stack_link.source == (slider, "index")
        assert stack_link.target == (stack, "selected_index")


def test_static_frames_fit_the_page_budget(player):
    import json

    from ipywidgets.embed import dependency_state

    from nnbook.widgets import FRAME_BUDGET_BYTES

    sizes = [len(image.value) for box in player.presets for image in box.stack.children]
    assert max(sizes) < 8_000
    # Widget state stores the bytes base64-encoded: 4/3 of the PNG size.
    assert sum(sizes) * 4 / 3 < 0.9 * FRAME_BUDGET_BYTES
    # Everything the page embeds for the player (every model, frames included).
    state = dependency_state([player], drop_defaults=False)
    assert len(json.dumps(state, separators=(",", ":"))) < FRAME_BUDGET_BYTES


def test_static_frames_keep_the_class_colours_exactly(player):
    from PIL import Image

    first = player.presets[-1].stack.children[0].value  # three-arm spiral, epoch 0
    colours = {
        tuple(c) for c in np.asarray(Image.open(io.BytesIO(first)).convert("RGB")).reshape(-1, 3)
    }
    for colour in pg.CLASS_RGB.astype(int):
        assert tuple(colour) in colours


def test_playground_picks_the_live_component_in_static_mode(monkeypatch):
    monkeypatch.setenv("NNLIB_STATIC_WIDGETS", "1")
    monkeypatch.setattr(pg_view, "static_playground", lambda settings: ("component", settings))
    kind, settings = pg_view.playground()
    assert kind == "component" and settings == PlaygroundSettings()
    kind, settings = pg_view.playground("spiral-tanh", learning_rate=0.3)
    assert settings.hidden_sizes == (8, 8, 8) and settings.learning_rate == 0.3
    assert settings.n_samples == 500  # the page's data sets have 500 points
    monkeypatch.setenv("NNLIB_STATIC_WIDGETS", "0")
    live = pg_view.playground("spiral-tanh", learning_rate=0.3)
    assert isinstance(live, PlaygroundView)
    assert live.engine.settings.hidden_sizes == (8, 8, 8)
    assert live.engine.settings.learning_rate == 0.3
    assert live._repr_mimebundle_()["application/vnd.jupyter.widget-view+json"]


def test_an_unknown_preset_is_refused_in_both_faces(monkeypatch):
    for static in ("1", "0"):
        monkeypatch.setenv("NNLIB_STATIC_WIDGETS", static)
        with pytest.raises(ValueError, match="unknown preset 'spiral'"):
            pg_view.playground("spiral")


def test_a_new_setting_while_playing_keeps_training_and_says_so(view):
    view.play_button.value = True
    view.play.value += 1
    assert view.engine.epoch == 3
    view.controls["noise"].value = 0.3
    assert view.engine.epoch == 0 and view.engine.settings.noise == 0.3
    assert view.play.playing is True  # training goes on with the new data
    assert "starts over at epoch 0" in view.status.value
    view.play.value += 1
    assert view.engine.epoch == 3


def test_the_view_has_one_play_control_and_regenerates_data(view):
    buttons = [
        w for w in _all_widgets(view.widget) if getattr(w, "description", "") in ("Train", "Pause")
    ]
    assert buttons == []  # no second play control
    assert view.play.layout.display == "none"  # the clock ticks, unseen
    before = view.engine.X_train.copy()
    view.regenerate_button.click()
    assert view.engine.settings.seed == 1 and not np.array_equal(before, view.engine.X_train)


def _all_widgets(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _all_widgets(child)


def test_settings_describe_the_network():
    settings = PlaygroundSettings(dataset="spiral3", hidden_sizes=(8, 8), activation="tanh")
    assert "2→8→8→3" in settings.describe() and "tanh" in settings.describe()


def test_every_playground_picture_has_a_text_alternative():
    player = pg_view.static_player(presets=["xor-linear"], n_frames=3, size=60)
    (box,) = player.children[1].children
    descriptions = [image.tooltip for image in box.stack.children]
    assert len(set(descriptions)) == 3  # each frame describes its own epoch
    assert all(
        d.startswith(pg_view.PRESETS["xor-linear"].title) and "epoch" in d for d in descriptions
    )
    view = pg_view.PlaygroundView()
    assert all(image.tooltip for image in (view.decision, view.loss_curve, view.neurons))


def test_playground_images_sync_a_description_so_their_tooltips_render():
    view = pg_view.PlaygroundView()
    for image in (view.decision, view.loss_curve, view.neurons):
        assert image.get_state()["description"] == ""


REPO = Path(__file__).resolve().parents[1]


def _button_labels_of_the_notebook_face() -> set[str]:
    view = pg_view.PlaygroundView()
    buttons = (widgets.Button, widgets.ToggleButton)

    def labels(widget):
        found = {widget.description} if isinstance(widget, buttons) else set()
        for child in getattr(widget, "children", ()):
            found |= labels(child)
        return found

    idle = labels(view.widget)
    view.train()  # the play button now reads Pause
    playing = labels(view.widget)
    view.pause()
    return idle | playing


def _button_labels_of_the_page_face() -> set[str]:
    import re

    source = (REPO / "book/js/components/playground.js").read_text()
    made = re.findall(r'element\("button", \{[^}]*\}, "([^"]+)"\)', source)
    relabelled = re.findall(r'playButton\.textContent = "([^"]+)"', source)
    return set(made) | set(relabelled)


def test_chapter_7_names_only_buttons_that_both_faces_have():
    import json
    import re

    chapter = json.loads(next((REPO / "chapters").glob("07_*.ipynb")).read_text())
    prose = "".join("".join(c["source"]) for c in chapter["cells"] if c["cell_type"] == "markdown")
    sentence = re.search(r"The buttons:(.*?)\n\n", prose, re.S).group(1)
    named = set(re.findall(r"\*\*([^*]+)\*\*", sentence))
    assert {"Play", "Pause", "Step", "Reset"} <= named
    notebook, page = _button_labels_of_the_notebook_face(), _button_labels_of_the_page_face()
    assert named <= notebook, f"the notebook's playground has no {sorted(named - notebook)}"
    assert named <= page, f"the page's playground has no {sorted(named - page)}"
