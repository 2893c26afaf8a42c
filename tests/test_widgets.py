"""Drive every widget the way a reader would: set values, press buttons, read what shows."""

import html
import io
import json
import re

import ipywidgets
import numpy as np
import pytest
from ipywidgets.widgets.widget_link import Link
from PIL import Image

from nnbook import plotting, widgets
from nnbook.quiz import MultipleChoice, Numeric, SingleChoice
from nnlib.activations import get_activation


@pytest.fixture(autouse=True)
def _live_by_default(monkeypatch):
    monkeypatch.delenv(widgets.STATIC_ENV, raising=False)


def text_of(html_value: str) -> str:
    """What a reader sees in an HTML widget: the markup stripped."""
    return html.unescape(re.sub(r"<[^>]+>", " ", html_value))


def single():
    return SingleChoice(
        "What is relu(-3)?",
        ["-3", "0", "3"],
        1,
        ["ReLU clips negatives.", "max(0, -3) = 0.", "That is |z|, not ReLU."],
    )


def multiple():
    return MultipleChoice(
        "Which activations output 0 at z = 0?",
        ["tanh", "sigmoid", "relu"],
        {0, 2},
        ["tanh(0) = 0.", "sigmoid(0) = 0.5.", "relu(0) = 0."],
    )


def numeric():
    return Numeric(
        r"What is $\sigma'(0)$?",
        answer=lambda: float(get_activation("sigmoid").derivative(0.0)),
        explanation="σ(0)(1 − σ(0)) = 0.5 · 0.5.",
        tolerance=0.001,
    )


def component_settings(output) -> dict:
    """The settings a static quiz hands to the page (the JSON inside its component)."""
    payload = re.search(r'<script type="application/json">(.*?)</script>', output.data, re.S)
    return json.loads(payload.group(1))


def is_link(link, source, source_trait, target, target_trait) -> bool:
    return (
        isinstance(link, Link)
        and link.source == (source, source_trait)
        and link.target == (target, target_trait)
    )


# -- static mode -------------------------------------------------------------------------


def test_static_mode_follows_the_environment(monkeypatch):
    assert widgets.static_mode() is False
    monkeypatch.setenv("NNLIB_STATIC_WIDGETS", "1")
    assert widgets.static_mode() is True
    monkeypatch.setenv("NNLIB_STATIC_WIDGETS", "0")
    assert widgets.static_mode() is False


def test_factories_pick_the_static_face_from_the_environment(monkeypatch):
    monkeypatch.setenv("NNLIB_STATIC_WIDGETS", "1")
    output = widgets.quiz_widget(single())
    assert 'data-nnz-component="quiz"' in output.data
    assert isinstance(widgets.quiz_widget(single(), static=False), widgets.QuestionView)


def test_static_quizzes_create_no_widget(monkeypatch):
    """A page whose quizzes create no widget needs no widget manager and no widget state."""
    opened = []
    monkeypatch.setattr(ipywidgets.Widget, "open", lambda self: opened.append(self))
    widgets.chapter_quiz([single(), multiple(), numeric()], static=True)
    widgets.predict_widget(numeric(), static=True)
    widgets.quiz_widget(multiple(), static=True)
    assert opened == []
    widgets.quiz_widget(single(), static=False)
    assert opened  # the check above would notice a widget


# -- single choice -----------------------------------------------------------------------


def test_static_single_choice_carries_the_feedback_of_every_option():
    settings = component_settings(widgets.quiz_widget(single(), static=True))
    assert settings["role"] == "question"
    (question,) = settings["questions"]
    assert question["kind"] == "single" and question["options"] == ["-3", "0", "3"]
    assert question["answer"] == 1
    verdicts = [(v["right"], v["head"], v["body"]) for v in question["feedback"]]
    assert verdicts == [
        (False, "Not quite.", "ReLU clips negatives."),
        (True, "Right.", "max(0, -3) = 0."),
        (False, "Not quite.", "That is |z|, not ReLU."),
    ]


def test_live_single_choice_grades_on_check_and_hides_stale_feedback():
    view = widgets.quiz_widget(single(), static=False)
    view.choices.index = 2
    assert view.feedback_stack.selected_index is None
    view.check_button.click()
    assert "Not quite" in text_of(view.verdict.value)
    assert view.feedback_stack.selected_index == 2
    view.choices.index = 1  # a new choice: the old verdict no longer applies
    assert view.verdict.value == "" and view.feedback_stack.selected_index is None
    view.check_button.click()
    assert "Correct!" in text_of(view.verdict.value)
    assert view.last_feedback.correct is True


def test_live_single_choice_without_a_choice_asks_for_one():
    view = widgets.quiz_widget(single(), static=False)
    view.check_button.click()
    assert "Choose an option first" in text_of(view.verdict.value)
    assert view.feedback_stack.selected_index is None


def test_math_in_options_is_shown_beside_lettered_buttons():
    question = SingleChoice(
        "Which is the sigmoid?",
        [r"$\frac{1}{1+e^{-z}}$", r"$\max(0, z)$"],
        0,
        ["Yes.", "That is ReLU."],
    )
    view = widgets.quiz_widget(question, static=False)
    assert list(view.choices.options) == ["A", "B"]
    listing = next(
        child
        for child in view.children
        if isinstance(child, ipywidgets.HTMLMath) and "A." in child.value
    )
    assert r"\frac{1}{1+e^{-z}}" in listing.value


# -- multiple choice ---------------------------------------------------------------------


def test_multiple_choice_feedback_for_both_marks_in_both_faces():
    question = multiple()
    live = widgets.quiz_widget(question, static=False)
    assert len(live.rows) == 3
    for row in live.rows:
        assert list(row.toggle.options) == ["applies", "does not apply"]
        assert row.toggle.index is None and row.stack.selected_index is None
    applies, does_not = (text_of(child.value) for child in live.rows[1].stack.children)
    # sigmoid(0) = 0.5: "applies" is wrong, "does not apply" is right.
    assert "Not quite: it does not apply." in applies and "sigmoid(0) = 0.5." in applies
    assert "Right: it does not apply." in does_not
    applies, does_not = (text_of(child.value) for child in live.rows[0].stack.children)
    assert "Right: it applies." in applies and "Not quite: it applies." in does_not
    (page,) = component_settings(widgets.quiz_widget(question, static=True))["questions"]
    assert page["answers"] == [0, 2]
    assert [[mark["right"] for mark in row] for row in page["feedback"]] == [
        [True, False],
        [False, True],
        [True, False],
    ]
    assert page["feedback"][1][0]["head"] == "Not quite: it does not apply."


def test_live_multiple_choice_needs_every_option_marked():
    view = widgets.quiz_widget(multiple(), static=False)
    view.rows[0].toggle.index = 0
    view.check_button.click()
    assert "2 still unmarked" in text_of(view.verdict.value)
    assert view.last_feedback.correct is None
    assert all(row.stack.selected_index is None for row in view.rows)


def test_live_multiple_choice_grades_and_reveals_each_row():
    view = widgets.quiz_widget(multiple(), static=False)
    for row, mark in zip(view.rows, ["applies", "applies", "applies"], strict=True):
        row.toggle.value = mark
    view.check_button.click()
    assert "1 of 3 mark is wrong" in text_of(view.verdict.value)
    assert [row.stack.selected_index for row in view.rows] == [0, 0, 0]
    view.rows[1].toggle.value = "does not apply"
    assert view.verdict.value == ""
    view.check_button.click()
    assert "Correct!" in text_of(view.verdict.value)


# -- numeric -----------------------------------------------------------------------------


def test_static_numeric_carries_its_grading_data_and_answer():
    (page,) = component_settings(widgets.quiz_widget(numeric(), static=True))["questions"]
    assert page["kind"] == "numeric"
    assert page["answer"] == pytest.approx(0.25) and page["tolerance"] == 0.001
    assert page["placeholder"] == "e.g. 0.25, 1/4 or 25%"
    body = text_of(page["answer_html"])
    assert "0.25" in body and "±0.001" in body and "0.5 · 0.5" in body


def test_live_numeric_has_an_entry_and_a_collapsed_answer():
    view = widgets.quiz_widget(numeric(), static=False)
    assert isinstance(view.entry, ipywidgets.Text)
    assert view.answer_box.titles == ("Show the answer",)
    assert view.answer_box.selected_index is None  # collapsed
    body = text_of(view.answer_box.children[0].value)
    assert "0.25" in body and "±0.001" in body and "0.5 · 0.5" in body


@pytest.mark.parametrize("entry", ["0.25", ".25", "1/4", "25%", "2.5e-1"])
def test_live_numeric_accepts_every_spelling(entry):
    view = widgets.quiz_widget(numeric(), static=False)
    view.entry.value = entry
    view.check_button.click()
    assert "Correct!" in text_of(view.verdict.value)


def test_live_numeric_unreadable_entry_gets_a_message_not_a_mark():
    quiz = widgets.chapter_quiz([numeric()], static=False)
    view = quiz.views[0]
    view.entry.value = "abc"
    view.check_button.click()
    assert "Could not read 'abc'" in text_of(view.verdict.value)
    assert quiz.score.answered == 0
    view.entry.value = "0.3"
    view.check_button.click()
    assert "Not quite" in text_of(view.verdict.value)
    assert quiz.score.answered == 1 and quiz.score.correct == 0


# -- chapter quiz and score --------------------------------------------------------------


def test_chapter_quiz_keeps_the_score():
    quiz = widgets.chapter_quiz([single(), multiple(), numeric()], static=False)
    first, second, third = quiz.views
    assert text_of(quiz.score_label.value).strip() == "Score: 0 / 3 (3 still to answer)"
    first.choices.index = 1
    first.check_button.click()
    for row, index in zip(second.rows, [0, 1, 0], strict=True):
        row.toggle.index = index
    second.check_button.click()
    third.entry.value = "0.5"
    third.check_button.click()
    assert text_of(quiz.score_label.value).strip() == "Score: 2 / 3"
    # Retrying does not change the score; the feedback says so.
    third.entry.value = "1/4"
    third.check_button.click()
    assert "Correct!" in text_of(third.verdict.value)
    assert "first answer counts" in third.verdict.value
    assert text_of(quiz.score_label.value).strip() == "Score: 2 / 3"


def test_static_chapter_quiz_numbers_its_questions_and_names_its_chapter():
    from nnbook.quizbank import chapter_01

    output = widgets.chapter_quiz(chapter_01.QUESTIONS, title="Chapter 1 quiz", static=True)
    settings = component_settings(output)
    assert settings["role"] == "chapter" and settings["title"] == "Chapter 1 quiz"
    assert settings["chapter"] == 1  # found in the quizbank: answers are kept per chapter
    assert [q["heading"] for q in settings["questions"]] == [
        f"Question {i + 1}." for i in range(len(chapter_01.QUESTIONS))
    ]
    assert [q["key"] for q in settings["questions"]] == [q.key for q in chapter_01.QUESTIONS]
    assert 'aria-label="Chapter 1 quiz"' in output.data


def test_chapter_quiz_shows_a_chapter_of_the_quizbank_and_refuses_a_bare_number():
    from nnbook.quizbank import available_chapters, load_chapter

    chapter = available_chapters()[0]
    settings = component_settings(
        widgets.chapter_quiz(load_chapter(chapter).questions, static=True)
    )
    assert settings["chapter"] == chapter
    assert len(settings["questions"]) == len(load_chapter(chapter).questions)
    live = widgets.chapter_quiz(load_chapter(chapter).questions, static=False)
    assert len(live.views) == len(settings["questions"])
    with pytest.raises(ValueError, match="load_chapter"):
        widgets.chapter_quiz(chapter)


def test_predict_widget_frames_the_question_as_a_prediction():
    view = widgets.predict_widget(single(), static=False)
    assert "Predict" in view.prompt.value
    settings = component_settings(widgets.predict_widget(single(), static=True))
    assert settings["role"] == "predict" and settings["chapter"] is None
    assert "Predict" in settings["questions"][0]["heading"]


def test_quiz_widget_refuses_other_objects():
    with pytest.raises(ValueError, match="nnbook.quiz"):
        widgets.quiz_widget("What?")


# -- explorables: live -------------------------------------------------------------------


def line_figure(slope, offset=0.0):
    fig, ax = plotting.new_figure(figsize=(3, 2))
    x = np.linspace(-1, 1, 20)
    ax.plot(x, slope * x + offset)
    ax.set_title(f"slope {slope:.2f}")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    return fig


def test_live_explorable_redraws_when_a_slider_moves():
    calls = []

    def render(slope, offset):
        calls.append((slope, offset))
        return line_figure(slope, offset), f"slope is {slope:.1f}"

    view = widgets.explorable(
        render,
        [
            widgets.FloatRange("slope", -2, 2, 0.5, value=1.0),
            widgets.FloatRange("offset", 0, 1, 0.5),
        ],
        static=False,
    )
    slider = view.controls["slope"]
    assert isinstance(slider, ipywidgets.FloatSlider)
    before = view.image.value
    assert before[:8] == b"\x89PNG\r\n\x1a\n"
    assert view.readout.value == "slope is 1.0"
    slider.value = -1.5  # any value, not only grid values
    assert calls[-1] == (-1.5, 0.0)
    assert view.image.value != before
    assert view.readout.value == "slope is -1.5"
    # The picture is replaced in place: still the same single Image widget.
    assert sum(isinstance(c, ipywidgets.Image) for c in view.children) == 1


def test_render_errors_become_a_message_and_the_view_recovers():
    def render(slope):
        if slope < 0:
            raise ValueError("the slope must be >= 0 here")
        return line_figure(slope)

    view = widgets.explorable(render, [widgets.FloatRange("slope", -1, 1, 0.5, 0.5)], static=False)
    view.controls["slope"].value = -1.0  # must not raise
    shown = text_of(view.message.value)
    assert "Could not draw this for slope = -1: the slope must be >= 0 here" in shown
    assert "Traceback" not in view.message.value
    assert view.image.layout.visibility == "hidden"
    view.controls["slope"].value = 1.0
    assert view.message.value == "" and view.image.layout.visibility == "visible"


def test_render_returning_the_wrong_type_is_reported():
    view = widgets.explorable(lambda k: "a picture", [widgets.IntRange("k", 0, 3)], static=False)
    assert "render must return a matplotlib Figure" in view.message.value


def test_live_choice_and_int_controls_and_image_arrays():
    def render(color, size):
        image = np.zeros((size, size, 3), dtype=np.uint8)
        image[...] = {"orange": (230, 159, 0), "teal": (0, 158, 115)}[color]
        return image

    view = widgets.explorable(
        render,
        [widgets.Choice("color", ["orange", "teal"]), widgets.IntRange("size", 2, 6, value=4)],
        static=False,
    )
    assert isinstance(view.controls["color"], ipywidgets.Dropdown)
    assert isinstance(view.controls["size"], ipywidgets.IntSlider)
    view.controls["color"].value = "teal"
    view.controls["size"].value = 5
    picture = Image.open(io.BytesIO(view.image.value)).convert("RGB")
    assert picture.size == (5, 5) and picture.getpixel((0, 0)) == (0, 158, 115)


def test_live_play_button_drives_an_integer_control():
    view = widgets.explorable(
        lambda epoch: line_figure(epoch / 10),
        [widgets.IntRange("epoch", 0, 10, 5)],
        play="epoch",
        static=False,
    )
    assert isinstance(view.play, ipywidgets.Play)
    assert any(
        is_link(link, view.play, "value", view.controls["epoch"], "value") for link in view.links
    )


# -- explorables: static -----------------------------------------------------------------


def test_static_explorable_nests_stacks_linked_to_each_control():
    def render(a, b):
        return line_figure(a, b), f"a = {a:g}, b = {b:g}"

    view = widgets.explorable(
        render,
        [
            widgets.FloatRange("a", 0, 1, value=0.5, static_values=3),
            widgets.Choice("b", [0.0, 1.0], toggle=True),
        ],
        static=True,
    )
    a_control, b_control = view.controls["a"], view.controls["b"]
    assert isinstance(a_control, ipywidgets.SelectionSlider)
    assert isinstance(b_control, ipywidgets.ToggleButtons)
    assert [value for _, value in a_control.options] == [0.0, 0.5, 1.0]
    assert a_control.index == 1  # the starting value
    outer = view.stack
    assert len(outer.children) == 3 and outer.selected_index == a_control.index
    assert any(is_link(link, a_control, "index", outer, "selected_index") for link in view.links)
    for inner in outer.children:
        assert isinstance(inner, ipywidgets.Stack) and len(inner.children) == 2
        assert any(
            is_link(link, b_control, "index", inner, "selected_index") for link in view.links
        )
    # Every leaf shows the frame rendered for exactly its pair of values.
    for i, a in enumerate([0.0, 0.5, 1.0]):
        for j, b in enumerate([0.0, 1.0]):
            leaf = outer.children[i].children[j]
            image, readout = leaf.children
            assert image.value == view.frames[(a, b)].png
            assert readout.value == f"a = {a:g}, b = {b:g}"
    assert view.size_report()["frames"] == 6


def test_static_explorable_shares_identical_frames_and_reports_errors():
    def render(a, b):
        if a == 2:
            raise ValueError("too steep")
        return line_figure(a)  # b does not change the picture

    view = widgets.explorable(
        render,
        [widgets.IntRange("a", 0, 2), widgets.Choice("b", ["x", "y"])],
        static=True,
    )
    inner = view.stack.children[0]
    assert inner.children[0] is inner.children[1]  # one Image, embedded once
    report = view.size_report()
    assert report == {
        "frames": 6,
        "unique_images": 2,
        "png_bytes": view.frame_bytes(),
        "embedded_bytes": 4 * -(-view.frame_bytes() // 3),
        "errors": 2,
    }
    error_leaf = view.stack.children[2].children[0]
    assert "Could not draw this for a = 2, b = x: too steep" in text_of(error_leaf.value)


def test_static_play_button_is_linked_to_the_control_index():
    view = widgets.explorable(
        lambda epoch: line_figure(epoch),
        [widgets.IntRange("epoch", 0, 4, static_values=3)],
        play="epoch",
        static=True,
    )
    control = view.controls["epoch"]
    assert [v for _, v in control.options] == [0, 2, 4]
    assert (view.play.min, view.play.max) == (0, 2)
    assert any(is_link(link, view.play, "value", control, "index") for link in view.links)


def test_static_explorable_refuses_too_many_frames_or_bytes():
    with pytest.raises(ValueError, match="too many"):
        widgets.explorable(
            line_figure, [widgets.FloatRange("slope", 0, 1, static_values=50),
                          widgets.FloatRange("offset", 0, 1, static_values=50)],
            static=True,
        )  # fmt: skip
    with pytest.raises(ValueError, match="over the budget"):
        widgets.explorable(
            line_figure,
            [widgets.FloatRange("slope", 0, 1, static_values=2)],
            static=True,
            budget_bytes=100,
        )


def test_a_typical_three_control_explorable_fits_the_page_budget():
    """A decision map over 4 x 3 x 3 settings at the default frame size."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2))
    y = (X[:, 0] + X[:, 1] > 0).astype(int)

    def render(w1, w2, activation):
        act = get_activation(activation)

        def probability(points):
            z = points @ np.array([w1, w2])
            return 1 / (1 + np.exp(-3 * np.tanh(act(z))))

        fig, ax = plotting.new_figure(figsize=(4.5, 3.4))
        plotting.decision_map(probability, X, y, ax=ax, resolution=60, title=f"{activation}")
        wrong = int(((probability(X) > 0.5) != y).sum())
        return fig, f"misclassified: {wrong}"

    view = widgets.explorable(
        render,
        [
            widgets.FloatRange("w1", -2, 2, static_values=4, value=1.0),
            widgets.FloatRange("w2", -2, 2, static_values=3, value=1.0),
            widgets.Choice("activation", ["tanh", "relu", "linear"]),
        ],
        static=True,
    )
    report = view.size_report()
    assert report["frames"] == 36 and report["errors"] == 0
    assert report["embedded_bytes"] <= widgets.FRAME_BUDGET_BYTES
    # Room for growth: even 100 frames of this kind would stay within the budget.
    assert report["embedded_bytes"] / report["unique_images"] * 100 <= widgets.FRAME_BUDGET_BYTES
    frame = next(iter(view.frames.values()))
    assert frame.readout.startswith("misclassified: ")
    assert Image.open(io.BytesIO(frame.png)).mode == "P"  # palette PNG


# -- building blocks ---------------------------------------------------------------------


def test_linked_stack_checks_the_number_of_frames():
    control = widgets.static_control("k", [1, 2])
    with pytest.raises(ValueError, match="expected 2"):
        widgets.linked_stack([ipywidgets.HTML("a")], [control])


def test_static_control_kinds():
    assert isinstance(widgets.static_control("k", [1, 2], kind="dropdown"), ipywidgets.Dropdown)
    with pytest.raises(ValueError, match="unknown control kind"):
        widgets.static_control("k", [1, 2], kind="knob")
    with pytest.raises(ValueError, match="look the same"):
        widgets.static_control("k", [0.100001, 0.1000011])


def test_control_specs_validate_their_ranges():
    with pytest.raises(ValueError, match="min must be below max"):
        widgets.FloatRange("x", 1, 0)
    with pytest.raises(ValueError, match="outside"):
        widgets.FloatRange("x", 0, 1, value=2)
    with pytest.raises(ValueError, match="not one of"):
        widgets.Choice("c", ["a", "b"], value="z")
    with pytest.raises(ValueError, match="play="):
        widgets.explorable(
            line_figure, [widgets.FloatRange("slope", 0, 1)], play="offset", static=False
        )


# -- progress ----------------------------------------------------------------------------


def test_progress_counts_and_is_quiet_for_quick_work():
    bar = widgets.progress(range(5), description="training")
    assert list(bar) == [0, 1, 2, 3, 4]
    assert bar.n == 5 and bar.total == 5 and bar.desc == "training"
    assert bar.delay == 1.0  # shown only for work that lasts more than a second


def test_progress_is_off_in_the_static_book(monkeypatch):
    monkeypatch.setenv("NNLIB_STATIC_WIDGETS", "1")
    assert widgets.progress(range(3)).disable is True


def test_live_play_button_steps_a_float_control_through_its_grid():
    view = widgets.explorable(
        lambda slope: line_figure(slope),
        [widgets.FloatRange("slope", 0, 1, 0.25, static_values=3)],
        play="slope",
        static=False,
    )
    assert (view.play.min, view.play.max) == (0, 2)
    before = view.image.value
    view.play.value = 2  # what the Play button does on its last step
    assert view.controls["slope"].value == 1.0
    assert view.image.value != before


def test_explorable_pictures_carry_a_text_alternative():
    def render(slope):
        return line_figure(slope)

    live = widgets.explorable(
        render, [widgets.FloatRange("slope", -1, 1, 0.5, value=0.5)], title="A line", static=False
    )
    assert live.image.tooltip == "A line (slope = 0.5)"
    live.controls["slope"].value = -1.0
    assert live.image.tooltip == "A line (slope = -1)"

    described = widgets.explorable(
        render,
        [widgets.FloatRange("slope", -1, 1, value=0.0, static_values=3)],
        alt=lambda slope: f"a straight line with slope {slope:g}",
        static=True,
    )
    tooltips = {image.tooltip for image in described.stack.children}
    assert tooltips == {f"a straight line with slope {s:g}" for s in (-1.0, 0.0, 1.0)}


def test_show_figure_gives_an_img_with_alt_text():
    shown = widgets.show_figure(line_figure(1.0), alt='Line with "slope" 1')
    page = shown._repr_html_()
    assert page.startswith('<img src="data:image/png;base64,')
    assert 'alt="Line with &quot;slope&quot; 1"' in page
    with pytest.raises(ValueError, match="alt"):
        widgets.show_figure(line_figure(1.0), alt="  ")


def test_quiz_text_turns_inline_markdown_into_html_but_leaves_math_alone():
    assert widgets.rich_text("the **fewest** points") == "the <b>fewest</b> points"
    assert widgets.rich_text("call `fit`") == "call <code>fit</code>"
    assert widgets.rich_text(r"$a**2 * b$ is **big**") == r"$a**2 * b$ is <b>big</b>"
    question = Numeric(
        "What is the **fewest** number?",
        answer=lambda: float(np.sqrt(1.0)),
        explanation="One `line` cannot do *better*.",
    )
    view = widgets.quiz_widget(question, static=False)
    assert "<b>fewest</b>" in view.prompt.value and "**" not in view.prompt.value
    answer_html = view.answer_box.children[0].value
    assert "<code>line</code>" in answer_html and "<em>better</em>" in answer_html


def test_each_radio_button_is_labelled_with_its_choice_text():
    # The label around a radio button is its accessible name: it must be the choice
    # itself (markup removed), even for a long sentence, never a bare letter.
    long_option = "a sentence long enough that one line of a radio button could not hold it all"
    question = SingleChoice(
        "Which?",
        [long_option, "the *short* one", "x<sub>1</sub> &minus; x<sub>2</sub>"],
        answer=1,
        explanations=["too long", "fits", "a difference"],
    )
    view = widgets.quiz_widget(question, static=False)
    assert list(view.choices.options) == [long_option, "the short one", "x1 − x2"]
    assert not any(
        isinstance(c, ipywidgets.HTMLMath) and "A." in c.value for c in view.children
    )


def test_options_with_math_get_a_rendered_listing_and_lettered_buttons():
    question = SingleChoice(
        "Which?", [r"$\sigma(0)$", "one half"], answer=1, explanations=["a", "b"]
    )
    view = widgets.quiz_widget(question, static=False)
    assert list(view.choices.options) == ["A", "B"]
    listing = next(
        c for c in view.children if isinstance(c, ipywidgets.HTMLMath) and "A." in c.value
    )
    assert r"$\sigma(0)$" in listing.value


def css_pixels(style: str, selector_end: str, prop: str) -> float:
    rule = re.search(re.escape(selector_end) + r"\s*\{([^}]*)\}", style)
    assert rule, f"no rule for {selector_end!r} in {style!r}"
    value = re.search(rf"(?<![-\w]){prop}:\s*(\d+(?:\.\d+)?)px", rule.group(1))
    assert value, f"no {prop} in px in the rule for {selector_end!r}: {rule.group(1)!r}"
    return float(value.group(1))


def test_radio_buttons_are_comfortable_targets():
    question = SingleChoice("Which?", ["yes", "no"], answer=0, explanations=["a", "b"])
    view = widgets.quiz_widget(question, static=False)
    # The view carries the rule that sizes its buttons, scoped by the choices' class.
    assert widgets.QUIZ_CHOICES_CLASS in view.choices.get_state()["_dom_classes"]
    style = view.prompt.value[view.prompt.value.index("<style>") :]
    scope = f".{widgets.QUIZ_CHOICES_CLASS} .widget-radio-box"
    assert css_pixels(style, f"{scope} label", "min-height") >= 24
    button = f'{scope} input[type="radio"]'
    assert css_pixels(style, button, "width") >= 24
    assert css_pixels(style, button, "height") >= 24


def test_described_images_carry_an_empty_description_for_the_front_end():
    # ipywidgets 8's front end reads description.length of any widget with a tooltip.
    image = widgets.DescribedImage(format="png", tooltip="a picture")
    state = image.get_state()
    assert state["description"] == "" and state["tooltip"] == "a picture"
    assert "description" not in ipywidgets.Image().get_state()
