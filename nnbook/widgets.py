"""Interactive pieces of the book: quizzes, explorables and a progress bar.

Every widget here has two faces.

*Live* (a running kernel: JupyterLab, Colab): Python callbacks run, so a quiz has a
Check button that grades with ``nnbook.quiz.grade`` and keeps the score, and an
explorable recomputes its figure for any control value.

*Static* (the HTML book: no kernel, no Python callback ever runs): a quiz is a
component of the page (``nnbook.quiz_html.quiz_component``): the page grades it with a
JavaScript port of ``nnbook.quiz`` and creates no widget at all. An explorable
pre-renders its frames over a grid of control values into nested Stacks whose
``selected_index`` is linked in the browser (``jslink``) to the controls.
``static_mode()`` is True when the environment variable ``NNLIB_STATIC_WIDGETS=1``
(the book build sets it); every factory also takes ``static=True/False`` to force a face.

Factories return widgets (they never display them), so tests can set ``.value`` /
``.index``, call ``.click()`` and read what is shown; a static quiz factory returns the
component's HTML.
"""

from __future__ import annotations

import base64
import html
import itertools
import math
import numbers
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
import traitlets
from ipywidgets.widgets.widget_link import Link
from tqdm.auto import tqdm

from nnbook import plotting
from nnbook.checks import describe
from nnbook.quiz import (
    Feedback,
    MultipleChoice,
    Numeric,
    QuizScore,
    SingleChoice,
    chapter_of,
    format_number,
    grade,
)
from nnbook.quiz_html import (
    Verdict,
    answer_html,
    entry_placeholder,
    mark_feedback,
    option_feedback,
    quiz_component,
    rich_text,
)

STATIC_ENV = "NNLIB_STATIC_WIDGETS"


def static_mode() -> bool:
    """True when widgets must work without a kernel (env ``NNLIB_STATIC_WIDGETS=1``)."""
    return os.environ.get(STATIC_ENV, "").strip().lower() in ("1", "true", "yes")


def _is_static(static: bool | None) -> bool:
    return static_mode() if static is None else bool(static)


# --------------------------------------------------------------------------------------
# Feedback boxes
# --------------------------------------------------------------------------------------


def verdict_html(right: bool | None, head: str, text: str = "") -> str:
    """A feedback box: a coloured bar plus a symbol, so it does not rely on colour alone."""
    if right is None:
        color, symbol = plotting.MUTED_COLOR, "ℹ"
    elif right:
        color, symbol = plotting.RIGHT_COLOR, "✓"
    else:
        color, symbol = plotting.WRONG_COLOR, "✗"
    return (
        f'<div style="border-left: 4px solid {color}; padding: 2px 10px; margin: 4px 0;">'
        f"<b>{symbol} {head}</b> {text}</div>"
    )


class DescribedImage(widgets.Image):
    """An Image whose ``tooltip`` (the picture's text alternative) renders everywhere.

    ipywidgets 8's front end reads ``description.length`` whenever a widget has a
    tooltip, and a plain Image has no description, so JupyterLab would show an error
    instead of the picture. An empty description fixes that.
    """

    description = traitlets.Unicode("").tag(sync=True)


def _feedback_html(feedback: Feedback) -> str:
    # An ungraded message may quote what the reader typed: shown as text, never as markup.
    if feedback.correct is None:
        return verdict_html(None, html.escape(feedback.message))
    return verdict_html(feedback.correct, rich_text(feedback.message))


def _verdict_box(verdict: Verdict) -> str:
    return verdict_html(verdict.right, verdict.head, verdict.body)


# --------------------------------------------------------------------------------------
# Quiz views (live: a kernel grades; the static book shows quiz_html.quiz_component)
# --------------------------------------------------------------------------------------


class QuestionView(widgets.VBox):
    """Common part of the three quiz views: prompt, answer area, Check button, verdict.

    ``check()`` grades the current response (what the Check button does), shows the
    feedback and records the first graded attempt in ``score``.
    """

    def __init__(
        self,
        question,
        *,
        number: int | None = None,
        heading: str | None = None,
        score: QuizScore | None = None,
        key=None,
    ):
        super().__init__(layout=widgets.Layout(margin="0 0 14px 0"))
        self.question = question
        self.score = score
        self.key = key if key is not None else (question.key or id(question))
        self.last_feedback: Feedback | None = None
        if heading is None:
            heading = f"Question {number}." if number is not None else "Question."
        self.prompt = widgets.HTMLMath(
            f"<b>{html.escape(heading)}</b> {rich_text(question.prompt)}"
        )
        self.verdict = widgets.HTMLMath("")
        answer_area = self._build_answer_area()
        self.check_button = widgets.Button(
            description="Check", button_style="primary", icon="check"
        )
        self.check_button.on_click(lambda _button: self.check())
        self.children = [
            self.prompt,
            *answer_area,
            self.check_button,
            self.verdict,
            *self._build_after_check(),
        ]

    # Subclasses fill these in.
    def _build_answer_area(self) -> list[widgets.Widget]:
        raise NotImplementedError

    def _build_after_check(self) -> list[widgets.Widget]:
        return []

    def response(self):
        """The reader's current answer, in the form ``nnbook.quiz.grade`` takes."""
        raise NotImplementedError

    def _show_option_feedback(self, feedback: Feedback) -> None:
        pass

    def _hide_feedback(self, _change=None) -> None:
        """The reader changed the answer: the old verdict no longer applies."""
        self.verdict.value = ""

    def check(self) -> Feedback:
        feedback = grade(self.question, self.response())
        self.last_feedback = feedback
        self.verdict.value = _feedback_html(feedback)
        if feedback.correct is not None:
            self._show_option_feedback(feedback)
            if self.score is not None:
                counted = self.score.record(self.key, feedback.correct)
                if not counted:
                    self.verdict.value += (
                        '<div style="opacity: 0.75; font-size: 90%;">'
                        "(Only your first answer counts toward the score.)</div>"
                    )
        return feedback


# ipywidgets' radio buttons are 13 x 20 px on one unwrapped line; the quiz's own rule
# gives every choice a 24 px button on a row at least 32 px tall whose text wraps
# (WCAG 2.2 asks for 24 px targets). The row is a <label> around the button, so the
# choice's text is the button's accessible name.
QUIZ_CHOICES_CLASS = "nnz-quiz-choices"
QUIZ_CHOICES_STYLE = f"""<style>
.{QUIZ_CHOICES_CLASS} .widget-radio-box label {{
  display: flex; align-items: center; gap: 0.6em; height: auto; min-height: 32px;
  line-height: 1.35; white-space: normal; padding: 2px 0;
}}
.{QUIZ_CHOICES_CLASS} .widget-radio-box input[type="radio"] {{
  flex: none; float: none; width: 24px; height: 24px; margin: 0 0 0 2px;
}}
</style>"""


def _needs_letters(options: Sequence[str]) -> bool:
    # A radio button's label is plain text, so an option with math needs a rendered
    # listing (A., B., ...) beside lettered buttons.
    return any("$" in option for option in options)


def plain_text(text: str) -> str:
    """Quiz text without its markup: what a radio button's label can show."""
    return html.unescape(re.sub(r"<[^>]+>", "", rich_text(text)))


class SingleChoiceView(QuestionView):
    """RadioButtons; the Check button reveals the chosen option's feedback (``feedback_stack``)."""

    def _build_answer_area(self):
        q = self.question
        area: list[widgets.Widget] = []
        if _needs_letters(q.options):
            letters = [chr(ord("A") + i) for i in range(len(q.options))]
            listing = "<br>".join(
                f"<b>{letter}.</b> {rich_text(text)}"
                for letter, text in zip(letters, q.options, strict=True)
            )
            area.append(widgets.HTMLMath(listing))
            labels = letters
        else:
            labels = [plain_text(option) for option in q.options]
        self.choices = widgets.RadioButtons(
            options=labels, index=None, layout=widgets.Layout(width="auto")
        )
        self.choices.add_class(QUIZ_CHOICES_CLASS)
        # The rule travels with the prompt: an HTML widget of its own would add an
        # empty line to every question.
        self.prompt.value += QUIZ_CHOICES_STYLE
        self.feedback_stack = widgets.Stack(
            [widgets.HTMLMath(_verdict_box(option_feedback(q, i))) for i in range(len(q.options))],
            selected_index=None,
        )
        self.choices.observe(self._hide_feedback, names="index")
        area.append(self.choices)
        return area

    def _build_after_check(self):
        return [self.feedback_stack]

    def _hide_feedback(self, _change=None):
        super()._hide_feedback()
        self.feedback_stack.selected_index = None

    def response(self):
        return self.choices.index

    def _show_option_feedback(self, feedback):
        self.feedback_stack.selected_index = self.choices.index


class OptionRow(widgets.VBox):
    """One option of a multiple-choice question: its text, a two-way toggle, feedback."""

    MARKS = ("applies", "does not apply")

    def __init__(self, question: MultipleChoice, index: int):
        super().__init__(layout=widgets.Layout(margin="2px 0 6px 0"))
        self.index = index
        self.toggle = widgets.ToggleButtons(
            options=list(self.MARKS), index=None, style={"button_width": "auto"}
        )
        self.label = widgets.HTMLMath(rich_text(question.options[index]))
        texts = [
            widgets.HTMLMath(_verdict_box(mark_feedback(question, index, marked)))
            for marked in (True, False)
        ]
        # child 0: the feedback for "applies", child 1: for "does not apply"
        self.stack = widgets.Stack(texts, selected_index=None)
        self.children = [widgets.HBox([self.toggle, self.label]), self.stack]


class MultipleChoiceView(QuestionView):
    """Select all that apply: every option is a row marked "applies"/"does not apply"."""

    def _build_answer_area(self):
        self.rows = [OptionRow(self.question, i) for i in range(len(self.question.options))]
        for row in self.rows:
            row.toggle.observe(self._hide_feedback, names="index")
        hint = widgets.HTML("<i>Mark every option.</i>")
        return [hint, *self.rows]

    def _hide_feedback(self, _change=None):
        super()._hide_feedback()
        for row in self.rows:
            row.stack.selected_index = None

    def response(self):
        if any(row.toggle.index is None for row in self.rows):
            return None
        return [row.toggle.index == 0 for row in self.rows]

    def check(self) -> Feedback:
        unmarked = sum(row.toggle.index is None for row in self.rows)
        if unmarked:
            feedback = Feedback(
                None,
                f"Mark every option as “applies” or “does not apply” first "
                f"({unmarked} still unmarked).",
            )
            self.last_feedback = feedback
            self.verdict.value = _feedback_html(feedback)
            return feedback
        return super().check()

    def _show_option_feedback(self, feedback):
        for row in self.rows:
            row.stack.selected_index = row.toggle.index


class NumericView(QuestionView):
    """A text box for a number, and a collapsed "Show the answer" Accordion."""

    def _build_answer_area(self):
        q = self.question
        self.entry = widgets.Text(
            placeholder=entry_placeholder(q), layout=widgets.Layout(width="16em")
        )
        self.entry.observe(self._hide_feedback, names="value")
        unit = widgets.HTML(html.escape(q.unit))
        return [widgets.HBox([self.entry, unit])]

    def _build_after_check(self):
        body = widgets.HTMLMath(answer_html(self.question))
        self.answer_box = widgets.Accordion([body], titles=("Show the answer",))
        self.answer_box.selected_index = None
        return [self.answer_box]

    def response(self):
        return self.entry.value


_VIEWS = {"single": SingleChoiceView, "multiple": MultipleChoiceView, "numeric": NumericView}


def quiz_widget(
    question,
    *,
    number: int | None = None,
    heading: str | None = None,
    score: QuizScore | None = None,
    key=None,
    static: bool | None = None,
):
    """The view for one question (SingleChoice, MultipleChoice or Numeric).

    Live: a QuestionView. Static (the book): a quiz component graded in the page.
    """
    if not isinstance(question, (SingleChoice, MultipleChoice, Numeric)):
        raise ValueError(
            f"quiz_widget needs a question from nnbook.quiz; got {type(question).__name__}"
        )
    if _is_static(static):
        return quiz_component([question], role="question", chapter=chapter_of([question]))
    view = _VIEWS[question.kind]
    return view(question, number=number, heading=heading, score=score, key=key)


def predict_widget(question, *, static: bool | None = None):
    """A predict-then-run moment: answer first, then run the next cell to see.

    Static: the page keeps the next cell's result folded until the reader has answered.
    """
    if _is_static(static):
        if not isinstance(question, (SingleChoice, MultipleChoice, Numeric)):
            raise ValueError(
                f"predict_widget needs a question from nnbook.quiz; got {type(question).__name__}"
            )
        return quiz_component([question], role="predict", chapter=chapter_of([question]))
    return quiz_widget(question, heading="Predict, then run the next cell.", static=False)


class ChapterQuiz(widgets.VBox):
    """A chapter's questions with a shared score (``score``; shown as "Score: 2 / 3")."""

    def __init__(self, questions, *, title: str):
        super().__init__()
        questions = list(questions)
        if not questions:
            raise ValueError("a chapter quiz needs at least one question")
        self.score = QuizScore(len(questions))
        self.views = [
            quiz_widget(q, number=i + 1, score=self.score, key=i, static=False)
            for i, q in enumerate(questions)
        ]
        # h3: the quiz sits under the chapter's h2 sections (often one called "Quiz").
        self.title = widgets.HTML(f"<h3>{html.escape(title)}</h3>")
        self.score_label = widgets.HTML(f"<b>{self.score.text}</b>")
        self.score.on_change(
            lambda score: setattr(self.score_label, "value", f"<b>{score.text}</b>")
        )
        self.children = [self.title, *self.views, self.score_label]


def chapter_quiz(
    questions_or_chapter, *, title: str = "Check your understanding", static: bool | None = None
):
    """All questions of a chapter, e.g. ``chapter_quiz(chapter_05.QUESTIONS)``.

    Live: a ChapterQuiz. Static (the book): a quiz component that grades in the page,
    keeps the chapter's score and remembers the answers in the reader's browser.
    A chapter number is not accepted: the quiz bank imports these views, so the views
    cannot import the bank (``nnbook.quizbank.load_chapter(n).questions`` gives a
    chapter's list).
    """
    if isinstance(questions_or_chapter, int) and not isinstance(questions_or_chapter, bool):
        raise ValueError(
            f"chapter_quiz takes a list of questions, not a chapter number "
            f"({questions_or_chapter}); pass "
            f"nnbook.quizbank.load_chapter({questions_or_chapter}).questions"
        )
    questions = list(questions_or_chapter)
    if _is_static(static):
        return quiz_component(questions, role="chapter", title=title, chapter=chapter_of(questions))
    return ChapterQuiz(questions, title=title)


# --------------------------------------------------------------------------------------
# Static frames: pre-rendered pictures linked to controls in the browser
# --------------------------------------------------------------------------------------


def static_control(
    label: str,
    values: Sequence,
    *,
    kind: str = "slider",
    index: int = 0,
    labels: Sequence[str] | None = None,
) -> widgets.Widget:
    """A control whose ``index`` trait picks one of ``values`` (for jslinking to Stacks).

    ``kind``: "slider" (SelectionSlider), "dropdown" or "toggle" (ToggleButtons);
    ``labels``: the text shown for each value (default: the values, formatted).
    """
    if (
        isinstance(values, (str, bytes))
        or not isinstance(values, Sequence | np.ndarray)
        or (isinstance(values, np.ndarray) and values.ndim != 1)
    ):
        raise ValueError(f"control {label!r}: values must be a list; got {describe(values)}")
    if not isinstance(kind, str) or kind not in ("slider", "dropdown", "toggle"):
        raise ValueError(
            f"unknown control kind {describe(kind)}; use 'slider', 'dropdown' or 'toggle'"
        )
    values = list(values)
    if not values:
        raise ValueError(f"control {label!r} needs at least one value")
    labels = [_format_value(v) for v in values] if labels is None else list(labels)
    if len(labels) != len(values):
        raise ValueError(f"control {label!r}: {len(values)} values but {len(labels)} labels")
    if isinstance(index, bool) or not isinstance(index, numbers.Integral):
        raise ValueError(f"control {label!r}: index must be a whole number; got {index!r:.60}")
    if not 0 <= index < len(values):
        raise ValueError(
            f"control {label!r}: index {index} is out of range for {len(values)} values "
            f"(use 0..{len(values) - 1})"
        )
    options = list(zip(labels, values, strict=True))
    if len({text for text, _ in options}) != len(options):
        raise ValueError(f"control {label!r} has values that look the same: {options}")
    style = {"description_width": "initial"}
    if kind == "slider":
        return widgets.SelectionSlider(
            options=options,
            index=index,
            description=label,
            style=style,
            continuous_update=True,
            layout=widgets.Layout(width="420px"),
        )
    if kind == "dropdown":
        return widgets.Dropdown(options=options, index=index, description=label, style=style)
    return widgets.ToggleButtons(options=options, index=index, description=label, style=style)


def _check_static_count(control) -> None:
    """A count of static values: at least 1, and no more pictures than a page may hold."""
    if not 1 <= control.static_values <= MAX_FRAMES:
        raise ValueError(
            f"{control.name}: static_values must be a count from 1 to {MAX_FRAMES} (the "
            f"pictures a static page can hold); got {control.static_values}"
        )


def _format_value(value) -> str:
    if isinstance(value, (float, np.floating)):
        return format_number(value)
    return str(value)


def linked_stack(
    leaves: Sequence[widgets.Widget], controls: Sequence[widgets.Widget]
) -> tuple[widgets.Stack, list[Link]]:
    """Nest Stacks over ``leaves`` and jslink them to the controls' ``index``.

    ``leaves`` are in ``itertools.product`` order over the controls' options (the last
    control varies fastest). The outer Stack is switched by control 0; every Stack one
    level down by control 1; and so on. Returns (outer stack, the links). Works in a
    page without a kernel.
    """
    controls = list(controls)
    if not controls:
        raise ValueError("linked_stack needs at least one control")
    sizes = [len(c.options) for c in controls]
    leaves = list(leaves)
    if len(leaves) != math.prod(sizes):
        raise ValueError(
            f"{len(leaves)} frames for controls with {sizes} options; expected {math.prod(sizes)}"
        )
    links: list[Link] = []

    def build(depth: int, chunk: list) -> widgets.Widget:
        if depth == len(controls):
            return chunk[0]
        width = len(chunk) // sizes[depth]
        children = [
            build(depth + 1, chunk[i * width : (i + 1) * width]) for i in range(sizes[depth])
        ]
        stack = widgets.Stack(children, selected_index=controls[depth].index)
        links.append(widgets.jslink((controls[depth], "index"), (stack, "selected_index")))
        return stack

    return build(0, leaves), links


def play_for(control: widgets.Widget, interval_ms: int = 500) -> tuple[widgets.Play, Link]:
    """A Play button that steps a static control through its options (jslinked)."""
    play = widgets.Play(
        value=control.index or 0, min=0, max=len(control.options) - 1, interval=interval_ms
    )
    return play, widgets.jslink((play, "value"), (control, "index"))


# --------------------------------------------------------------------------------------
# Explorables
# --------------------------------------------------------------------------------------

# What one explorable's frames may add to a page, base64 included (the whole page,
# text and all widgets, should stay under 2.5 MB).
FRAME_BUDGET_BYTES = 1_000_000
MAX_FRAMES = 400


def _slider_settings(spec, continuous_update: bool) -> dict:
    """What a live slider for a FloatRange or IntRange is built from."""
    if not isinstance(continuous_update, bool):
        raise TypeError(f"continuous_update must be True or False; got {continuous_update!r}")
    return {
        "value": spec.value,
        "min": spec.min,
        "max": spec.max,
        "step": spec.step,
        "description": spec.label or spec.name,
        "continuous_update": continuous_update,
        "style": {"description_width": "initial"},
        "layout": widgets.Layout(width="420px"),
    }


def _nearest_static_control(spec) -> widgets.Widget:
    """The static control over ``spec.grid()``, starting at the value nearest ``spec.value``."""
    grid = spec.grid()
    start = int(np.argmin([abs(v - spec.value) for v in grid]))
    return static_control(spec.label or spec.name, grid, index=start)


def _check_finite_setting(control, field_name: str, integer: bool) -> None:
    """A slider's min/max/step/value must be a finite number (a whole one for IntRange)."""
    value = getattr(control, field_name)
    wanted = numbers.Integral if integer else numbers.Real
    if isinstance(value, bool) or not isinstance(value, wanted) or not math.isfinite(value):
        kind = "a whole number" if integer else "a finite number"
        raise ValueError(f"{control.name}: {field_name} must be {kind}; got {value!r}")


def _static_value_list(control, convert) -> list:
    """The explicit ``static_values`` of a range control: non-empty, numbers, inside the range."""
    try:
        values = [convert(v) for v in control.static_values]
    except (TypeError, ValueError):
        raise ValueError(
            f"{control.name}: static_values must be a count or a list of numbers; "
            f"got {control.static_values!r}"
        ) from None
    if not values:
        raise ValueError(
            f"{control.name}: static_values is empty; list at least one value for the "
            "static page, or give a count such as 5"
        )
    outside = [v for v in values if not control.min <= v <= control.max]
    if outside:
        raise ValueError(
            f"{control.name}: static_values {outside} are outside the range "
            f"[min={control.min}, max={control.max}]"
        )
    return values


@dataclass
class FloatRange:
    """A real-valued control: a FloatSlider live, ``static_values`` grid values in the book.

    ``static_values``: how many evenly spaced values (int), or the values themselves.
    """

    name: str
    min: float
    max: float
    step: float | None = None
    value: float | None = None
    label: str | None = None
    static_values: int | Sequence[float] = 5

    def __post_init__(self):
        for field_name in ("min", "max"):
            _check_finite_setting(self, field_name, integer=False)
        if not self.min < self.max:
            raise ValueError(f"{self.name}: min must be below max; got {self.min} and {self.max}")
        if self.step is None:
            self.step = (self.max - self.min) / 100
        _check_finite_setting(self, "step", integer=False)
        if self.step <= 0:
            raise ValueError(f"{self.name}: step must be > 0; got {self.step}")
        if self.value is None:
            self.value = self.min
        _check_finite_setting(self, "value", integer=False)
        if not self.min <= self.value <= self.max:
            raise ValueError(
                f"{self.name}: value {self.value} is outside [min, max] = [{self.min}, {self.max}]"
            )
        self.grid()  # an unusable static_values list fails here, not when the book is built

    def grid(self) -> list[float]:
        if isinstance(self.static_values, int):
            _check_static_count(self)
            values = np.linspace(self.min, self.max, self.static_values)
            return [float(v) for v in np.round(values, 10)]
        return _static_value_list(self, float)

    def live_widget(self, continuous_update: bool) -> widgets.Widget:
        return widgets.FloatSlider(
            readout_format=".3g", **_slider_settings(self, continuous_update)
        )

    def static_widget(self) -> widgets.Widget:
        return _nearest_static_control(self)


@dataclass
class IntRange:
    """An integer control (IntSlider live); ``static_values`` as for FloatRange."""

    name: str
    min: int
    max: int
    step: int = 1
    value: int | None = None
    label: str | None = None
    static_values: int | Sequence[int] | None = None  # None: every value

    def __post_init__(self):
        for field_name in ("min", "max", "step"):
            _check_finite_setting(self, field_name, integer=True)
        if not self.min < self.max or self.step < 1:
            raise ValueError(
                f"{self.name}: need min < max and step >= 1; got min={self.min}, "
                f"max={self.max}, step={self.step}"
            )
        if self.value is None:
            self.value = self.min
        _check_finite_setting(self, "value", integer=True)
        if not self.min <= self.value <= self.max:
            raise ValueError(
                f"{self.name}: value {self.value} is outside [min, max] = [{self.min}, {self.max}]"
            )
        self.grid()  # an unusable static_values list fails here, not when the book is built

    def grid(self) -> list[int]:
        if self.static_values is None:
            return list(range(self.min, self.max + 1, self.step))
        if isinstance(self.static_values, int):
            _check_static_count(self)
            values = np.linspace(self.min, self.max, self.static_values)
            return sorted({int(round(v)) for v in values})
        return _static_value_list(self, int)

    def live_widget(self, continuous_update: bool) -> widgets.Widget:
        return widgets.IntSlider(**_slider_settings(self, continuous_update))

    def static_widget(self) -> widgets.Widget:
        return _nearest_static_control(self)


@dataclass
class Choice:
    """A choice among values (Dropdown, or ToggleButtons with ``toggle=True``).

    ``options``: values, or (label, value) pairs.
    """

    name: str
    options: Sequence
    value: object = None
    label: str | None = None
    toggle: bool = False

    def __post_init__(self):
        if isinstance(self.options, (str, bytes)) or not isinstance(self.options, Sequence):
            raise ValueError(
                f"{self.name}: options must be a list of values or (label, value) pairs; "
                f"got {self.options!r:.60}"
            )
        pairs = [
            o if isinstance(o, tuple) and len(o) == 2 else (_format_value(o), o)
            for o in self.options
        ]
        if not pairs:
            raise ValueError(f"{self.name}: needs at least one option")
        self.options = pairs
        values = [v for _, v in pairs]
        if self.value is None:
            self.value = values[0]
        if self.value not in values:
            raise ValueError(
                f"{self.name}: value {describe(self.value)} is not one of the options {values}"
            )

    def grid(self) -> list:
        return [v for _, v in self.options]

    def live_widget(self, continuous_update: bool) -> widgets.Widget:
        kind = widgets.ToggleButtons if self.toggle else widgets.Dropdown
        return kind(
            options=list(self.options),
            value=self.value,
            description=self.label or self.name,
            style={"description_width": "initial"},
        )

    def static_widget(self) -> widgets.Widget:
        values = self.grid()
        return static_control(
            self.label or self.name,
            values,
            kind="toggle" if self.toggle else "dropdown",
            index=values.index(self.value),
            labels=[text for text, _ in self.options],
        )


@dataclass(frozen=True)
class Frame:
    """One rendered picture: PNG bytes and an optional readout text (HTML)."""

    png: bytes | None
    readout: str = ""
    error: str = ""


def render_frame(render: Callable, params: dict, dpi: float = 72, colors: int | None = 64) -> Frame:
    """Call ``render(**params)`` and encode the result; an exception becomes ``Frame.error``.

    ``render`` may return a matplotlib Figure, an RGB(A) uint8 image array, PNG bytes, or
    a pair (one of those, readout text).
    """
    try:
        result = render(**params)
        readout = ""
        if isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], str):
            result, readout = result
        if hasattr(result, "savefig"):
            png = plotting.figure_to_png(result, dpi=dpi, colors=colors)
        elif isinstance(result, np.ndarray):
            png = plotting.array_to_png(result, colors=colors)
        elif isinstance(result, bytes):
            png = result
        else:
            raise TypeError(
                "render must return a matplotlib Figure, an RGB image array or PNG bytes "
                f"(optionally paired with a readout text); got {type(result).__name__}"
            )
        return Frame(png, readout)
    except Exception as error:  # the reader sees a message, never a traceback
        setting = ", ".join(f"{k} = {_format_value(v)}" for k, v in params.items())
        message = str(error) or type(error).__name__
        return Frame(None, "", f"Could not draw this for {setting}: {message}")


class Explorable(widgets.VBox):
    """Controls and a picture drawn by ``render(**params)``. Build it with ``explorable()``.

    Live: ``controls`` are FloatSlider/IntSlider/Dropdown/ToggleButtons; a change calls
    ``render`` again and replaces ``image.value`` (one Image, no flicker, no pile-up);
    ``readout`` shows the readout text and ``message`` any error.
    Static: ``controls`` are SelectionSlider/Dropdown/ToggleButtons whose ``index`` is
    jslinked to nested Stacks (``stack``) of pre-rendered ``frames``.
    """

    def __init__(
        self,
        render: Callable,
        controls: Sequence,
        *,
        title: str | None = None,
        static: bool | None = None,
        play: str | None = None,
        dpi: float = 72,
        colors: int | None = 64,
        continuous_update: bool = False,
        interval_ms: int = 500,
        budget_bytes: int = FRAME_BUDGET_BYTES,
        max_frames: int = MAX_FRAMES,
        alt: str | Callable | None = None,
    ):
        super().__init__()
        self.render = render
        self.title = title
        self.alt = alt
        try:
            self.specs = list(controls)
            names = [spec.name for spec in self.specs]
        except (TypeError, AttributeError):
            raise ValueError(
                f"controls must be a list of FloatRange/IntRange/Choice; got {controls!r:.60}"
            ) from None
        if not self.specs:
            raise ValueError("controls is empty; an explorable needs at least one control")
        if len(set(names)) != len(names):
            raise ValueError(f"control names must be different; got {names}")
        if play is not None and play not in names:
            raise ValueError(f"play={play!r} is not one of the controls {names}")
        self.static = _is_static(static)
        self.dpi, self.colors = dpi, colors
        self.message = widgets.HTML("")
        self.readout = widgets.HTML("")
        self.links: list[Link] = []
        self.play: widgets.Play | None = None
        self.frames: dict[tuple, Frame] = {}
        self.image: widgets.Image | None = None
        self.stack: widgets.Stack | None = None
        header = [widgets.HTML(f"<b>{html.escape(title)}</b>")] if title else []
        if self.static:
            body = self._build_static(play, interval_ms, budget_bytes, max_frames)
        else:
            body = self._build_live(play, interval_ms, continuous_update)
        self.children = [*header, *body]

    # -- live -------------------------------------------------------------------------

    def _build_live(self, play, interval_ms, continuous_update):
        self.controls = {s.name: s.live_widget(continuous_update) for s in self.specs}
        self.image = DescribedImage(format="png")
        for control in self.controls.values():
            control.observe(lambda _change: self.refresh(), names="value")
        rows: list[widgets.Widget] = list(self.controls.values())
        if play is not None:
            spec, control = self._spec(play), self.controls[play]
            if isinstance(spec, IntRange):
                self.play = widgets.Play(
                    value=control.value, min=spec.min, max=spec.max, step=spec.step,
                    interval=interval_ms,
                )  # fmt: skip
                self.links.append(widgets.jslink((self.play, "value"), (control, "value")))
            else:
                grid = spec.grid()
                self.play = widgets.Play(value=0, min=0, max=len(grid) - 1, interval=interval_ms)

                def step(change, grid=grid, control=control):
                    control.value = grid[change["new"]]

                self.play.observe(step, names="value")
            rows.insert(0, self.play)
        self.refresh()
        return [*rows, self.image, self.readout, self.message]

    def refresh(self) -> Frame:
        """Live: draw the picture for the current control values (a no-op when static)."""
        if self.static:
            raise RuntimeError("a static explorable shows pre-rendered frames; it cannot refresh")
        frame = render_frame(self.render, self.params(), self.dpi, self.colors)
        if frame.error:
            self.message.value = verdict_html(None, "", html.escape(frame.error))
            self.image.layout.visibility = "hidden"  # keeps its space: nothing jumps
            self.readout.value = ""
        else:
            self.message.value = ""
            self.image.value = frame.png
            self.image.tooltip = self.describe(self.params())
            self.image.layout.visibility = "visible"
            self.readout.value = frame.readout
        return frame

    def params(self) -> dict:
        """The current control values, as passed to ``render``."""
        return {name: control.value for name, control in self.controls.items()}

    def _spec(self, name):
        return next(s for s in self.specs if s.name == name)

    # -- static -----------------------------------------------------------------------

    def _build_static(self, play, interval_ms, budget_bytes, max_frames):
        grids = [spec.grid() for spec in self.specs]
        count = math.prod(len(g) for g in grids)
        if count > max_frames:
            raise ValueError(
                f"{count} frames ({' x '.join(str(len(g)) for g in grids)}) is too many for a "
                f"page (limit {max_frames}); give the controls fewer static_values"
            )
        self.controls = {s.name: s.static_widget() for s in self.specs}
        names = [s.name for s in self.specs]
        images: dict[bytes, widgets.Image] = {}
        leaves_by_content: dict[tuple, widgets.Widget] = {}
        leaves = []
        for values in itertools.product(*grids):
            params = dict(zip(names, values, strict=True))
            frame = render_frame(self.render, params, self.dpi, self.colors)
            self.frames[values] = frame
            content = (frame.png, frame.readout, frame.error)
            if content not in leaves_by_content:
                leaves_by_content[content] = self._leaf(frame, images, self.describe(params))
            leaves.append(leaves_by_content[content])
        report = self.size_report()
        if report["embedded_bytes"] > budget_bytes:
            raise ValueError(
                f"this explorable's {report['unique_images']} frames take "
                f"{report['embedded_bytes'] / 1e6:.2f} MB in the page, over the budget of "
                f"{budget_bytes / 1e6:.2f} MB: use fewer static_values, a lower dpi or "
                "fewer colours"
            )
        self.stack, links = linked_stack(leaves, list(self.controls.values()))
        self.links.extend(links)
        rows: list[widgets.Widget] = list(self.controls.values())
        if play is not None:
            self.play, link = play_for(self.controls[play], interval_ms)
            self.links.append(link)
            rows.insert(0, self.play)
        return [*rows, self.stack]

    def describe(self, params: dict) -> str:
        """The text alternative of the picture drawn for ``params``.

        ``alt`` may be a string, or a function of the control values (called like
        ``render``); by default the title and the control values describe the picture.
        The text goes into the image's ``title`` attribute (ipywidgets' ``tooltip``),
        which screen readers announce when an image has no ``alt``.
        """
        if callable(self.alt):
            return str(self.alt(**params))
        setting = ", ".join(f"{name} = {_format_value(v)}" for name, v in params.items())
        head = self.alt or self.title or "Figure"
        return f"{head} ({setting})"

    @staticmethod
    def _leaf(frame: Frame, images: dict, description: str) -> widgets.Widget:
        if frame.error:
            return widgets.HTML(verdict_html(None, "", html.escape(frame.error)))
        if frame.png not in images:  # identical pictures share one Image
            images[frame.png] = DescribedImage(value=frame.png, format="png", tooltip=description)
        if not frame.readout:
            return images[frame.png]
        return widgets.VBox([images[frame.png], widgets.HTML(frame.readout)])

    def frame_bytes(self) -> int:
        """Bytes of PNG data the static page embeds (each distinct picture once)."""
        return sum(len(png) for png in {f.png for f in self.frames.values() if f.png})

    def size_report(self) -> dict:
        """Frame count, distinct pictures, PNG bytes and the bytes they add to a page.

        Widget state stores binary values as base64 (4 bytes per 3), so
        ``embedded_bytes`` is about 4/3 of ``png_bytes``.
        """
        png_bytes = self.frame_bytes()
        unique = len({f.png for f in self.frames.values() if f.png})
        return {
            "frames": len(self.frames),
            "unique_images": unique,
            "png_bytes": png_bytes,
            "embedded_bytes": 4 * math.ceil(png_bytes / 3) if png_bytes else 0,
            "errors": sum(1 for f in self.frames.values() if f.error),
        }


def explorable(render: Callable, controls: Sequence, **options) -> Explorable:
    """A slider-driven figure: ``render(**params)`` draws, the Explorable lays out controls.

    ``controls``: FloatRange / IntRange / Choice specs, one per parameter of ``render``.
    Options: ``title``, ``alt`` (the pictures' text alternative: a string or a function of
    the control values), ``static`` (None = ``static_mode()``), ``play`` (a control name to
    animate with a Play button), ``dpi`` and ``colors`` (frame size), ``continuous_update``
    (live: redraw while dragging), ``interval_ms``, ``budget_bytes``, ``max_frames``.
    """
    return Explorable(render, controls, **options)


def png_data_url(png: bytes) -> str:
    """A ``data:`` URL for PNG bytes (to put a frame inside HTML)."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@dataclass(frozen=True)
class FigureWithAlt:
    """A finished picture and its text alternative; notebooks show it as ``<img alt>``."""

    png: bytes
    alt: str

    def _repr_html_(self) -> str:
        return f'<img src="{png_data_url(self.png)}" alt="{html.escape(self.alt, quote=True)}">'


def show_figure(fig, alt: str, *, dpi: float = 90, colors: int | None = 64) -> FigureWithAlt:
    """Encode a matplotlib figure (and close it) as a picture that carries alt text.

    Use it as the last line of a cell: ``widgets.show_figure(fig, alt="...")``. Plain
    matplotlib output has no alt text, which screen readers need.
    """
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("show_figure needs alt: a sentence that says what the figure shows")
    return FigureWithAlt(plotting.figure_to_png(fig, dpi=dpi, colors=colors), alt.strip())


# --------------------------------------------------------------------------------------
# Progress
# --------------------------------------------------------------------------------------


def progress(
    iterable=None,
    total: int | None = None,
    description: str | None = None,
    *,
    delay: float = 1.0,
    **kwargs,
):
    """A progress bar (tqdm.auto: a widget in a notebook, text in a terminal).

    It appears only when the work lasts longer than ``delay`` seconds, so quick loops stay
    quiet and anything around two seconds or longer shows its progress. In the static
    book it is switched off: nobody can watch a finished bar move.
    """
    kwargs.setdefault("disable", static_mode())
    return tqdm(iterable, total=total, desc=description, delay=delay, **kwargs)


__all__ = [
    "FRAME_BUDGET_BYTES",
    "ChapterQuiz",
    "Choice",
    "Explorable",
    "FloatRange",
    "Frame",
    "IntRange",
    "MultipleChoiceView",
    "NumericView",
    "OptionRow",
    "QuestionView",
    "SingleChoiceView",
    "chapter_quiz",
    "explorable",
    "linked_stack",
    "play_for",
    "png_data_url",
    "predict_widget",
    "progress",
    "quiz_widget",
    "render_frame",
    "static_control",
    "static_mode",
    "verdict_html",
]
