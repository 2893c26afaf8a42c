"""Quiz texts as HTML (both faces) and the static page's quiz settings (nnbook.quiz_html)."""

import html
import re

import numpy as np
import pytest

from nnbook import progress, quiz_html
from nnbook.quiz import MultipleChoice, Numeric, SingleChoice, chapter_of, grade
from nnbook.quizbank import all_quizzes, available_chapters, load_chapter

MATH = re.compile(r"\$\$.+?\$\$|\$[^$]+\$", re.S)
# What inline Markdown looks like when nothing turned it into HTML.
RAW_MARKDOWN = re.compile(
    r"\*\*|`|(?<![\w*])\*(?=[^\s*]).+?(?<=[^\s*])\*(?![\w*])|(?<!\w)_\w[^_]*_(?!\w)"
)
# Two words in a row with only spaces or punctuation between them.
WORD_PAIR = re.compile(r"(?=\b([A-Za-z]+)\b[\s.,:;!?]+\b([A-Za-z]+)\b)")


def seen_text(fragment: str) -> str:
    """What a reader reads: tags dropped, entities decoded, a formula as the mark §."""
    return html.unescape(re.sub(r"<[^>]+>", " ", MATH.sub(" § ", fragment)))


def doubled_word(text: str) -> str | None:
    """ "Right. Right." or "applies. Applies" (not "AND and": a name, then a word)."""
    for match in WORD_PAIR.finditer(text):
        first, second = match.groups()
        if first == second or (first[1:] == second[1:] and first[0].lower() == second[0].lower()):
            return f"{first} {second}"
    return None


def every_feedback(question) -> list[str]:
    """Every feedback text either face can show for ``question``, as HTML."""
    if isinstance(question, SingleChoice):
        verdicts = [quiz_html.option_feedback(question, i) for i in range(len(question.options))]
    elif isinstance(question, MultipleChoice):
        verdicts = [
            quiz_html.mark_feedback(question, i, marked)
            for i in range(len(question.options))
            for marked in (True, False)
        ]
    else:
        responses = [question.answer, question.answer + 10 * question.allowed_error + 1, "abc", ""]
        responses += [value for value, _ in question.mistakes]
        messages = [quiz_html.rich_text(grade(question, r).message) for r in responses]
        return [*messages, quiz_html.answer_html(question)]
    return [f"{v.head} {v.body}" for v in verdicts]


QUIZBANK = all_quizzes()


@pytest.mark.parametrize(("label", "question"), QUIZBANK, ids=[label for label, _ in QUIZBANK])
def test_quizbank_feedback_has_no_raw_markdown_and_no_doubled_words(label, question):
    for text in every_feedback(question):
        shown = seen_text(text)
        assert not RAW_MARKDOWN.search(shown), f"{label}: raw Markdown in {shown!r}"
        doubled = doubled_word(shown)
        assert not doubled, f"{label}: {doubled!r} in {shown!r}"


@pytest.mark.parametrize(("label", "question"), QUIZBANK, ids=[label for label, _ in QUIZBANK])
def test_quizbank_prompts_and_options_have_no_raw_markdown(label, question):
    texts = [question.prompt, *getattr(question, "options", ())]
    for text in texts:
        shown = seen_text(quiz_html.rich_text(text))
        assert not RAW_MARKDOWN.search(shown), f"{label}: raw Markdown in {shown!r}"


def test_the_checks_above_would_see_the_old_defects():
    """The doubled "Right. Right." and an unrendered *not* are what those tests look for."""
    assert doubled_word(seen_text("✓ Right. Right. The sum reaches 2"))
    assert doubled_word(seen_text("Right: it applies. Applies: beta"))
    assert not doubled_word(seen_text("it separates AND and OR; then $a$, then $b$"))
    assert RAW_MARKDOWN.search(seen_text("fires when the inputs are *not* both on"))
    assert not RAW_MARKDOWN.search(seen_text(quiz_html.rich_text("are *not* both on")))


def test_rich_text_renders_inline_markdown_but_not_math_or_products():
    assert quiz_html.rich_text("the *first* winter") == "the <em>first</em> winter"
    assert quiz_html.rich_text("the **fewest** points") == "the <b>fewest</b> points"
    assert quiz_html.rich_text("call `fit`") == "call <code>fit</code>"
    assert quiz_html.rich_text(r"$a*b*c$ and *x*") == r"$a*b*c$ and <em>x</em>"
    assert quiz_html.rich_text("features x1*x2 and x1*x1") == "features x1*x2 and x1*x1"


def test_single_choice_verdict_does_not_repeat_the_explanations_first_word():
    question = SingleChoice(
        "Which?",
        ["a", "b", "c"],
        0,
        ["Right. It is a.", "No: that is b.", "That is c."],
    )
    right, no, other = (quiz_html.option_feedback(question, i) for i in range(3))
    assert (right.right, right.head, right.body) == (True, "Right.", "It is a.")
    assert (no.right, no.head, no.body) == (False, "No:", "that is b.")
    assert (other.head, other.body) == ("Not quite.", "That is c.")


def test_multiple_choice_verdict_leaves_the_truth_to_an_explanation_that_states_it():
    question = MultipleChoice(
        "Which apply?", ["a", "b"], [0], ["Applies: a does.", "b is something else."]
    )
    stated = quiz_html.mark_feedback(question, 0, True)
    assert stated.head == "Right." and stated.body == "Applies: a does."
    plain = quiz_html.mark_feedback(question, 1, True)
    assert plain.head == "Not quite: it does not apply." and not plain.right


def whole_number_question():
    return Numeric(
        "How many parameters?",
        answer=lambda: float(np.prod([20, 603])),
        explanation="Count them.",
        tolerance=0.5,
    )


def test_whole_number_questions_speak_of_no_fraction_and_no_tolerance():
    question = whole_number_question()
    assert question.whole_number
    assert quiz_html.entry_placeholder(question) == "a whole number"
    shown = seen_text(quiz_html.answer_html(question))
    assert f"{int(question.answer):,}" in shown and "±" not in shown
    wrong = grade(question, question.answer + 1).message
    assert "is not the answer" in wrong and "±" not in wrong
    for entry in ("", "abc", None):
        message = grade(question, entry).message
        assert "1/4" not in message and "25%" not in message, message


def test_fractional_questions_show_their_tolerance_readably():
    absolute = Numeric(
        "Slope?", answer=lambda: float(np.tanh(0.5)), explanation="e", tolerance=0.001
    )
    assert not absolute.whole_number
    assert "within ±0.001 of it count" in absolute.answer_text()
    relative = Numeric(
        "Tiny?",
        answer=lambda: float(np.power(0.5, 20)),
        explanation="e",
        tolerance=0.02,
        relative=True,
    )
    assert "within 2% of it count" in relative.answer_text()
    assert "not within 2% of the answer" in grade(relative, "1").message
    assert "e.g. 0.25" in quiz_html.entry_placeholder(relative)


def test_quiz_settings_key_number_and_fingerprint_each_question():
    bank = load_chapter(available_chapters()[0])
    settings = quiz_html.quiz_settings(bank.questions, title="Quiz", chapter=bank.chapter)
    assert [q["heading"] for q in settings["questions"]][:2] == ["Question 1.", "Question 2."]
    prints = [q["fingerprint"] for q in settings["questions"]]
    assert len(set(prints)) == len(prints)
    changed = SingleChoice("Which?", ["a", "b"], 1, ["x", "y"])
    same = SingleChoice("Which?", ["a", "b"], 1, ["x", "y"])
    other = SingleChoice("Which?", ["a", "b"], 0, ["x", "y"])  # the answer moved
    assert quiz_html.fingerprint(changed) == quiz_html.fingerprint(same)
    assert quiz_html.fingerprint(changed) != quiz_html.fingerprint(other)


def test_quiz_settings_refuse_what_the_page_cannot_show():
    question = SingleChoice("Which?", ["a", "b"], 1, ["x", "y"], key="k")
    with pytest.raises(ValueError, match="role"):
        quiz_html.quiz_settings([question], role="exam")
    with pytest.raises(ValueError, match="exactly one question"):
        quiz_html.quiz_settings([question, question], role="predict")
    with pytest.raises(ValueError, match="different keys"):
        quiz_html.quiz_settings([question, question])
    with pytest.raises(ValueError, match="at least one question"):
        quiz_html.quiz_settings([])
    with pytest.raises(ValueError, match="nnbook.quiz"):
        quiz_html.quiz_settings(["What?"])


def test_the_fallback_shows_every_question_with_folded_answers():
    bank = load_chapter(available_chapters()[-1])
    settings = quiz_html.quiz_settings(bank.questions, title="Quiz")
    fallback = quiz_html.fallback_html(settings)
    for entry in settings["questions"]:
        assert entry["prompt"] in fallback
        for option in entry.get("options", []):
            assert option in fallback
    assert fallback.count("<details>") == len(settings["questions"])


def test_chapter_of_finds_the_quizbank_module_of_the_questions():
    for chapter in available_chapters():
        bank = load_chapter(chapter)
        assert chapter_of(bank.questions) == chapter
        assert chapter_of(bank.predict[:1]) == (chapter if bank.predict else None)
    assert chapter_of([whole_number_question()]) is None


def test_progress_lists_every_chapter_with_its_number_of_questions():
    settings = progress.progress_settings()
    assert [c["chapter"] for c in settings["chapters"]] == available_chapters()
    assert [c["questions"] for c in settings["chapters"]] == [
        len(load_chapter(n).questions) for n in available_chapters()
    ]
    output = progress.progress_component()
    assert 'data-nnz-component="quiz-progress"' in output.data
