"""Chapter 7's playground, live in the built page (book/js/components/playground.js).

Run after `make book`:  .venv/bin/pytest -m browser tests/browser/test_playground_browser.py

Every control changes what it should; Play trains and the loss falls, Pause stops,
Reset returns to epoch 0; the URL carries the whole state (and a teacher's hide=
list); a mangled URL falls back with a message; every control at its extremes gives
a result or a message, never NaN; the numbers the page shows after N epochs equal
nnlib's for the same case (the page exposes its data, initial weights and batch
orders, and nnlib's Trainer.step replays them); the code it shows runs and builds the
same network; axe-core finds nothing at 1280 and 390 px.
"""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest
from booksite import AXE, chapter_pages

from nnlib.network import Network
from nnlib.training import Trainer

pytestmark = pytest.mark.browser

CHAPTER = next((p for p in chapter_pages() if "07_playground" in p), None)
PLAYGROUND = "[data-nnz-component=playground]"
API = f"document.querySelector('{PLAYGROUND}').nnzPlayground"


def _open(book, query: str = "", **options):
    if CHAPTER is None:
        pytest.fail("the built book has no chapter 7 page: run `make book` first")
    page, record = book.open(CHAPTER + query, **options)
    page.wait_for_function(f"() => !!({API})", timeout=20_000)
    page.locator(PLAYGROUND).scroll_into_view_if_needed()
    return page, record


def _call(page, expression: str):
    return page.evaluate(f"() => {API}.{expression}")


def _control(page, name: str):
    return page.locator(f"{PLAYGROUND} [data-setting='{name}']")


def _epoch(page) -> int:
    return int(page.locator(f"{PLAYGROUND} [data-readout=epoch]").inner_text().replace(",", ""))


def _shown_loss(page, which: str) -> float:
    text = page.locator(f"{PLAYGROUND} [data-readout={which}-loss]").inner_text()
    return float(re.search(r"(\d+\.\d+)", text).group(1))


def _assert_clean(record):
    assert not record.outside_requests, record.outside_requests
    assert not record.errors, record.errors
    assert not record.failed, record.failed


# --------------------------------------------------------------------------------------
# Controls
# --------------------------------------------------------------------------------------


def test_the_component_mounts_and_replaces_its_fallback(book):
    page, record = _open(book)
    assert page.locator(f"{PLAYGROUND}.nnz-mounted").count() == 1
    assert not page.locator(f"{PLAYGROUND} .nnz-fallback").is_visible()
    assert page.locator(f"{PLAYGROUND} .nnz-pg").is_visible()
    assert _epoch(page) == 0
    _assert_clean(record)


def test_the_data_set_picker_changes_the_points(book):
    page, record = _open(book)
    before = _call(page, "case().XTrain")
    page.locator(f"{PLAYGROUND} label.nnz-pg-dataset", has_text="XOR").click()
    assert _call(page, "state().dataset") == "xor"
    after = _call(page, "case().XTrain")
    assert before != after
    assert "data=xor" in page.evaluate("location.search")
    _assert_clean(record)


def test_a_feature_toggle_changes_the_input_column_of_the_diagram(book):
    page, record = _open(book)
    inputs = page.locator(f"{PLAYGROUND} .nnz-pg-unit[data-column='0']")
    assert inputs.count() == 2
    toggle = _control(page, "feature-x1sq")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert inputs.count() == 3
    assert "input x1²" in [inputs.nth(i).get_attribute("aria-label") for i in range(3)]
    assert _call(page, "case().sizes")[0] == 3
    _assert_clean(record)


# For each neuron's button: the alpha and colour of the shared map canvas at the
# button's centre, and the alpha halfway down the gap below it (between two neurons).
UNIT_MAP_PIXELS_JS = """
(root) => {
  const canvas = root.querySelector('canvas.nnz-pg-unit-maps');
  const box = canvas.getBoundingClientRect();
  const scale = canvas.width / box.width;
  const context = canvas.getContext('2d');
  const at = (x, y) => [...context.getImageData(
    Math.floor((x - box.left) * scale), Math.floor((y - box.top) * scale), 1, 1).data];
  return [...root.querySelectorAll('.nnz-pg-unit')].map((button) => {
    const r = button.getBoundingClientRect();
    return { centre: at(r.left + r.width / 2, r.top + r.height / 2),
             gap: at(r.left + r.width / 2, r.bottom + 3)[3] };
  });
}
"""


def test_every_neuron_shows_its_map_and_training_redraws_them(book):
    page, record = _open(book, "?layers=4,3&batch=10")
    root = page.locator(PLAYGROUND)
    before = root.evaluate(UNIT_MAP_PIXELS_JS)
    assert len(before) == 2 + 4 + 3 + 1
    assert all(unit["centre"][3] == 255 for unit in before), "a map under every neuron"
    assert all(unit["gap"] == 0 for unit in before), "nothing painted between neurons"
    epoch = _epoch(page)
    for _ in range(5):
        _control(page, "step").click()
    page.wait_for_function(f"() => {API}.summary().epoch >= {epoch + 5}")
    page.wait_for_timeout(300)  # the diagram is one of the slower pictures
    after = root.evaluate(UNIT_MAP_PIXELS_JS)
    hidden = slice(2, 2 + 4 + 3)  # the inputs' maps are fixed; the hidden ones learn
    pairs = zip(before[hidden], after[hidden], strict=True)
    changed = [b["centre"] != a["centre"] for b, a in pairs]
    assert any(changed), "training redraws the hidden units' maps"
    _assert_clean(record)


def test_play_trains_the_loss_falls_pause_stops_and_reset_returns_to_zero(book):
    page, record = _open(book)  # the chapter's setting: circle, one hidden layer of 4
    assert _call(page, "state().layers") == [4]
    start = _shown_loss(page, "train")
    play = _control(page, "play")
    play.click()
    assert play.get_attribute("aria-pressed") == "true"
    page.wait_for_function(f"() => {API}.summary().epoch >= 40", timeout=60_000)
    play.click()  # Pause
    assert play.get_attribute("aria-pressed") == "false"
    stopped = _epoch(page)
    page.wait_for_timeout(600)
    assert _epoch(page) == stopped == _call(page, "summary().epoch")
    assert _shown_loss(page, "train") < 0.8 * start
    _control(page, "reset").click()
    assert _epoch(page) == 0 and _call(page, "summary().epoch") == 0
    assert _shown_loss(page, "train") == start
    _control(page, "step").click()
    assert _epoch(page) == 1
    _assert_clean(record)


def test_every_slider_and_select_changes_its_setting(book):
    page, record = _open(book)
    changes = {
        "learningRate": ("ArrowRight", 0.1),
        "noise": ("ArrowRight", 0.15),
        "trainPercent": ("ArrowLeft", 40),
        "batchSize": ("ArrowRight", 20),
        "regularizationRate": None,
    }
    for name, change in changes.items():
        if change is None:
            continue
        key, expected = change
        _control(page, name).focus()
        page.keyboard.press(key)
        assert _call(page, f"state().{name}") == expected, name
        assert _control(page, name).get_attribute("aria-valuetext")
    _control(page, "activation").select_option("tanh")
    _control(page, "regularization").select_option("l2")
    _control(page, "regularizationRate").focus()
    page.keyboard.press("ArrowRight")
    state = _call(page, "state()")
    assert state["activation"] == "tanh" and state["regularization"] == "l2"
    assert state["regularizationRate"] == 0.001
    assert _call(page, "case().l2") == 0.001
    _control(page, "layers-plus").click()
    _control(page, "width-2-plus").click()
    assert _call(page, "state().layers") == [4, 5]
    _control(page, "problem").select_option("regression")
    assert _call(page, "state().dataset") in ("plane", "bumps")
    assert _call(page, "summary().trainAccuracy") is None
    _assert_clean(record)


# --------------------------------------------------------------------------------------
# The URL
# --------------------------------------------------------------------------------------

ROUND_TRIP = (
    "?data=spiral&layers=8,3&act=tanh&lr=0.1&features=x1,x2,sin1&batch=5&noise=0.2"
    "&train=70&reg=l2&regrate=0.001&test=1&disc=1&seed=7"
)


def test_the_url_round_trips_the_state(book):
    page, record = _open(book, ROUND_TRIP)
    state = _call(page, "state()")
    expected = {
        "dataset": "spiral", "layers": [8, 3], "activation": "tanh", "learningRate": 0.1,
        "features": ["x1", "x2", "sin1"], "batchSize": 5, "noise": 0.2, "trainPercent": 70,
        "regularization": "l2", "regularizationRate": 0.001, "showTest": True,
        "discretize": True, "seed": 7,
    }  # fmt: skip
    assert {k: state[k] for k in expected} == expected
    assert _control(page, "activation").input_value() == "tanh"
    assert _control(page, "showTest").is_checked()
    _control(page, "activation").select_option("sigmoid")
    link = page.evaluate("location.href")
    assert "act=sigmoid" in link
    assert page.locator(f"{PLAYGROUND} a.nnz-pg-link").get_attribute("href") == link
    again, record2 = _open(book, link[link.index("?") :])
    assert _call(again, "state()") == {**state, "activation": "sigmoid"}
    _assert_clean(record)
    _assert_clean(record2)


def test_a_teachers_link_keeps_its_controls_hidden(book):
    page, record = _open(book, "?hide=layers,features,learningRate")
    for name in ("layers", "features", "learningRate"):
        for node in page.locator(f"{PLAYGROUND} [data-control='{name}']").all():
            assert not node.is_visible(), name
    assert not _control(page, "layers-plus").is_visible()
    assert not _control(page, "width-1-plus").is_visible()
    page.locator(f"{PLAYGROUND} label.nnz-pg-dataset", has_text="moons").click()  # a rebuild
    assert not _control(page, "feature-x1").is_visible()
    assert not _control(page, "width-1-plus").is_visible()
    assert _control(page, "activation").is_visible()
    # The teacher's-link builder writes such a link.
    page.locator(f"{PLAYGROUND} .nnz-pg-teacher summary").click()
    _control(page, "hide-noise").check()
    assert "hide=" in page.locator(f"{PLAYGROUND} .nnz-pg-teacher-link").input_value()
    assert "noise" in page.locator(f"{PLAYGROUND} .nnz-pg-teacher-link").input_value()
    _assert_clean(record)


def test_a_garbage_url_falls_back_to_the_defaults_and_says_which(book):
    page, record = _open(book, "?layers=banana&lr=-5&noise=7&act=%3Cscript%3E&data=spiral&zzz=1")
    state = _call(page, "state()")
    defaults, _ = _open(book)
    base = _call(defaults, "state()")
    for key in ("layers", "learningRate", "noise", "activation"):
        assert state[key] == base[key], key
    assert state["dataset"] == "spiral"  # the valid one is kept
    message = page.locator(f"{PLAYGROUND} [role=status]").inner_text()
    for part in ("layers=banana", "lr=-5", "noise=7", "act=<script>", "zzz"):
        assert part in message, part
    assert page.locator(f"{PLAYGROUND} script:not([type])").count() == 0
    _assert_clean(record)


# --------------------------------------------------------------------------------------
# Extremes
# --------------------------------------------------------------------------------------

EXTREMES = {
    "no hidden layer": "?layers=none",
    "6 x 8": "?layers=8,8,8,8,8,8",
    "largest learning rate": "?lr=10",
    "most noise": "?noise=0.5",
    "batch 1": "?batch=1",
    "smallest train share": "?train=10",
    "all at once": "?layers=8,8,8,8,8,8&lr=10&noise=0.5&batch=1&train=10",
    "regression, largest rate": "?problem=regression&data=plane&lr=10",
}


@pytest.mark.parametrize("query", EXTREMES.values(), ids=EXTREMES.keys())
def test_every_extreme_shows_a_result_or_a_message(book, query):
    page, record = _open(book, query)
    _control(page, "play").click()
    page.wait_for_timeout(1500)
    summary = _call(page, "summary()")  # the page answers: not frozen
    _control(page, "step").click()
    text = page.locator(f"{PLAYGROUND} .nnz-pg").inner_text()
    assert "NaN" not in text and "Infinity" not in text
    status = page.locator(f"{PLAYGROUND} [role=status]").inner_text()
    if summary["status"] == "diverged":
        assert "diverged — lower the learning rate" in status
    else:
        assert summary["epoch"] > 0
        assert math.isfinite(summary["trainLoss"]) and math.isfinite(summary["testLoss"])
    _assert_clean(record)


def test_a_blown_up_run_stops_with_the_advice_and_no_nan(book):
    page, record = _open(book, "?act=linear&layers=8,8,8&lr=10")
    _control(page, "play").click()
    page.wait_for_function(f"() => {API}.summary().status === 'diverged'", timeout=30_000)
    assert _control(page, "play").get_attribute("aria-pressed") == "false"
    assert "diverged — lower the learning rate" in _call(page, "message()")
    case = _call(page, "case()")
    assert all(math.isfinite(v) for p in case["parameters"] for v in p)
    _assert_clean(record)


def test_training_pauses_while_scrolled_out_of_view(book):
    page, record = _open(book)
    _control(page, "play").click()
    page.wait_for_function(f"() => {API}.summary().epoch > 3", timeout=30_000)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function(
        f"() => document.querySelector('{PLAYGROUND} .nnz-pg').dataset.visible === 'false'"
    )
    page.wait_for_timeout(200)
    away = _call(page, "summary().epoch")
    page.wait_for_timeout(700)
    assert _call(page, "summary().epoch") == away
    assert _call(page, "playing()") is True  # still on: it goes on when seen again
    page.locator(PLAYGROUND).scroll_into_view_if_needed()
    page.wait_for_function(f"() => {API}.summary().epoch > {away}", timeout=30_000)
    _assert_clean(record)


# --------------------------------------------------------------------------------------
# The page's numbers are nnlib's
# --------------------------------------------------------------------------------------

CASES = {
    "circle relu": "?",
    "spiral3 tanh softmax l2 batch 5": (
        "?data=spiral3&layers=5,4&act=tanh&batch=5&reg=l2&regrate=0.003"
    ),
    "xor squared error l1 full batch": (
        "?data=xor&loss=squared_error&act=sigmoid&batch=all&reg=l1&regrate=0.001&lr=0.3"
    ),
    "moons elu features": "?data=moons&features=x1,x2,x1x2,sin2&act=elu&layers=6",
    "gelu silu regression": "?problem=regression&data=bumps&act=gelu&layers=8&lr=0.1",
    "no hidden layer batch 1": "?layers=none&batch=1&train=30",
}


def _replay_with_nnlib(case: dict):
    """Train nnlib's Network from the page's initial weights on the page's batches."""
    network = Network(
        case["sizes"], activation=case["activation"], output_activation=case["outputActivation"]
    )
    network.set_parameters(
        [
            np.array(p).reshape(shape)
            for p, shape in zip(case["initialParameters"], case["parameterShapes"], strict=True)
        ]
    )
    X, T = np.array(case["XTrain"]), np.array(case["TTrain"])
    X_test, T_test = np.array(case["XTest"]), np.array(case["TTest"])
    if case["loss"] == "mse":
        y, loss = T, "mse"
    else:
        y, loss = (T[:, 0].astype(int) if T.shape[1] == 1 else T.argmax(axis=1)), "auto"
    trainer = Trainer(
        network, X, y, loss=loss, optimizer="sgd", learning_rate=case["learningRate"],
        batch_size=case["batchSize"], l1=case["l1"], l2=case["l2"],
    )  # fmt: skip
    train_losses = [float(trainer.loss(network.forward(X), T))]
    test_losses = [float(trainer.loss(network.forward(X_test), T_test))]
    for order in case["orders"]:
        if order is None:
            trainer.step(X, T)
        else:
            order = np.array(order)
            for start in range(0, len(X), case["batchSize"]):
                batch = order[start : start + case["batchSize"]]
                trainer.step(X[batch], T[batch])
        train_losses.append(float(trainer.loss(network.forward(X), T)))
        test_losses.append(float(trainer.loss(network.forward(X_test), T_test)))
    return network, train_losses, test_losses


@pytest.mark.parametrize("query", CASES.values(), ids=CASES.keys())
def test_the_numbers_the_page_shows_are_nnlibs(book, query):
    page, record = _open(book, query)
    epochs = 12
    page.evaluate(f"() => {API}.trainEpochs({epochs})")
    case = _call(page, "case()")
    assert case["epoch"] == epochs == _epoch(page) and len(case["orders"]) == epochs
    network, train_losses, test_losses = _replay_with_nnlib(case)
    np.testing.assert_allclose(case["trainLoss"], train_losses, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(case["testLoss"], test_losses, rtol=1e-9, atol=1e-12)
    for page_value, nnlib_value in zip(case["parameters"], network.parameters(), strict=True):
        np.testing.assert_allclose(page_value, nnlib_value.ravel(), rtol=1e-9, atol=1e-12)
    assert _shown_loss(page, "train") == float(f"{train_losses[-1]:.3f}")
    assert _shown_loss(page, "test") == float(f"{test_losses[-1]:.3f}")
    _assert_clean(record)


CODE_CASES = {
    "classification": "?data=spiral3&layers=5,3&act=tanh&lr=0.1&batch=20"
    + "&reg=l1&regrate=0.001&features=x1,x2,x1x2",
    "squared error": "?data=circle&loss=squared_error&layers=none&batch=all&lr=1",
    "regression": "?problem=regression&data=bumps&layers=6,6&act=silu&reg=l2&regrate=0.01",
}


@pytest.mark.parametrize("query", CODE_CASES.values(), ids=CODE_CASES.keys())
def test_show_the_code_runs_and_builds_the_same_run(book, query):
    page, record = _open(book, query)
    page.locator(f"{PLAYGROUND} .nnz-pg-code summary").click()
    # The details element's toggle event, which writes the code, comes after the click.
    code_block = page.locator(f"{PLAYGROUND} .nnz-pg-code code")
    code_block.filter(has_text="network =").wait_for()
    code = code_block.inner_text()
    case = _call(page, "case()")
    namespace: dict = {}
    exec(compile(code, "<playground code>", "exec"), namespace)  # noqa: S102 - the page's own code
    network, trainer = namespace["network"], namespace["trainer"]
    assert list(network.layer_sizes) == case["sizes"]
    hidden = [layer.activation.name for layer in network.layers[:-1]]
    assert hidden == [case["activation"]] * (len(case["sizes"]) - 2)
    assert network.output_activation == case["outputActivation"]
    assert trainer.optimizer.learning_rate == case["learningRate"]
    assert trainer.batch_size == case["batchSize"] or (
        case["batchSize"] is None and trainer.batch_size is None
    )
    assert (trainer.l1, trainer.l2) == (case["l1"], case["l2"])
    expected_loss = (
        "mse" if case["loss"] == "mse"
        else "binary_cross_entropy" if case["sizes"][-1] == 1 else "cross_entropy"
    )  # fmt: skip
    assert trainer.loss.name == expected_loss
    assert namespace["features"] == case["features"]
    assert len(namespace["inputs_train"]) == len(case["XTrain"])
    _assert_clean(record)


# --------------------------------------------------------------------------------------
# Phone, keyboard, accessibility
# --------------------------------------------------------------------------------------


def test_on_a_phone_nothing_is_cut_off_and_touch_enlarges_a_unit(book):
    page, record = _open(book, "?layers=8,8,8,8,8,8", width=390, has_touch=True)
    overflow = page.evaluate(
        f"""() => {{
          const box = document.querySelector('{PLAYGROUND} .nnz-pg').getBoundingClientRect();
          return [...document.querySelectorAll('{PLAYGROUND} .nnz-pg *')]
            .filter(n => n.offsetParent !== null && !n.closest('.nnz-pg-pre')
                         && !n.closest('[hidden]'))
            .filter(n => {{ const r = n.getBoundingClientRect();
                            return r.width > 0
                              && (r.right > box.right + 1 || r.left < box.left - 1); }})
            .map(n => n.className || n.tagName).slice(0, 8);
        }}"""
    )
    assert overflow == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    unit = page.locator(f"{PLAYGROUND} .nnz-pg-unit[data-column='1'][data-unit='0']")
    unit.tap()
    assert unit.get_attribute("aria-pressed") == "true"
    label = page.locator(f"{PLAYGROUND} canvas.nnz-pg-map").get_attribute("aria-label")
    assert label.startswith("Map of hidden layer 1, unit 1")
    _control(page, "play").tap()
    page.wait_for_function(f"() => {API}.summary().epoch > 0", timeout=30_000)
    _assert_clean(record)


def test_the_keyboard_reaches_and_works_every_control(book):
    page, record = _open(book)
    _control(page, "play").focus()
    page.keyboard.press("Enter")
    assert _call(page, "playing()") is True
    page.keyboard.press("Enter")
    assert _call(page, "playing()") is False
    radio = page.locator(f"{PLAYGROUND} input[data-setting=dataset]").first
    radio.focus()
    page.keyboard.press("ArrowRight")
    assert _call(page, "state().dataset") == "xor"
    focusable = page.evaluate(
        f"""() => [...document.querySelectorAll(
              '{PLAYGROUND} button, {PLAYGROUND} input, {PLAYGROUND} select')]
          .filter(n => n.offsetParent !== null && n.tabIndex < 0)
          .map(n => n.outerHTML.slice(0, 80))"""
    )
    assert focusable == []
    _assert_clean(record)


AXE_ALL_JS = r"""
async (selector) => {
  const result = await axe.run(document.querySelector(selector), {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' :: ' + n.html.slice(0, 140))}));
}
"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_axe_finds_no_violation_of_any_impact_in_the_playground(book, width, color_scheme):
    """Every axe rule, every impact, on the playground while it trains (the rest of
    the page is checked for serious and critical ones by test_site.py)."""
    if not AXE.is_file():
        pytest.fail("axe-core is missing (node_modules/axe-core): run `npm ci`")
    page, _ = _open(book, width=width, color_scheme=color_scheme)
    _control(page, "play").click()
    page.wait_for_timeout(500)
    page.locator(f"{PLAYGROUND} .nnz-pg-code summary").click()  # the code too
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(AXE_ALL_JS, PLAYGROUND)
    assert not violations, json.dumps(violations, indent=1, ensure_ascii=False)
