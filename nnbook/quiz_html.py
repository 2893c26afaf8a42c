"""Quiz questions as HTML: the texts both faces show, and the static page's quiz.

Both faces of a quiz (the ipywidgets views of ``nnbook.widgets`` in JupyterLab, and the
component ``book/js/components/quiz.js`` in the static book) show the same texts, made
here once:

- ``rich_text``: a quiz author's inline Markdown (``**bold**``, ``*emphasis*``,
  `` `code` ``) as HTML; LaTeX between ``$...$`` is kept (JupyterLab's MathJax typesets
  it in the widgets).
- ``option_feedback`` / ``mark_feedback``: the verdict shown for a chosen option (single
  choice) or for one mark (multiple choice), as a ``Verdict`` (right, head, body). The
  head never repeats what the author's explanation already opens with ("Right. Right."
  becomes "Right.").
- ``entry_placeholder`` and ``answer_html`` for numeric questions.

In the static book (``nnbook.widgets.static_mode()``) a quiz is a component:
``quiz_component`` writes the questions' settings as JSON (``quiz_settings``) with a
fallback that shows them readably without scripts (``fallback_html``); its LaTeX is
MathML already (``nnbook.mathml``, KaTeX at build time), so the page needs no MathJax.
The page grades
with ``book/js/quiz/grade.js``, a port of ``nnbook.quiz.grade``; ``grading_data``
is what that port reads of a question, and ``tests/test_js_quiz.py`` proves the two
give the same verdicts.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass

import numpy as np
from IPython.display import HTML

from nnbook import components, mathml
from nnbook.checks import check_settings, check_text, check_whole, describe
from nnbook.quiz import MultipleChoice, Numeric, SingleChoice

QUESTION_KINDS = (SingleChoice, MultipleChoice, Numeric)


def _check_question(question, kinds=QUESTION_KINDS, name: str = "question"):
    """``question`` when it is one of ``kinds`` (nnbook.quiz's question classes); a
    ValueError otherwise, as quiz_settings has always raised for a non-question."""
    if not isinstance(question, kinds):
        names = [kind.__name__ for kind in kinds]
        wanted = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
        raise ValueError(f"{name} must be a {wanted} from nnbook.quiz; got {describe(question)}")
    return question


# --------------------------------------------------------------------------------------
# Inline Markdown
# --------------------------------------------------------------------------------------

# Math ($...$, $$...$$) is split off first, so a * inside a formula is never emphasis.
_MATH = re.compile(r"(\$\$.+?\$\$|\$[^$]+\$)", re.DOTALL)
_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL)
# *emphasis*, but not the * of a product such as x1*x2 (a letter or digit touches it).
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])", re.DOTALL)


def rich_text(text: str) -> str:
    """Quiz text as HTML: ``**bold**``, ``*emphasis*`` and `` `code` `` become tags.

    Quiz texts are HTML already (``<sub>``, entities); math is kept as it is.
    """
    pieces = _MATH.split(check_text(text, "text"))
    for i in range(0, len(pieces), 2):  # even pieces are outside math
        piece = _CODE.sub(r"<code>\1</code>", pieces[i])
        piece = _BOLD.sub(r"<b>\1</b>", piece)
        pieces[i] = _EMPHASIS.sub(r"<em>\1</em>", piece)
    return "".join(pieces)


# --------------------------------------------------------------------------------------
# Verdicts for options and marks
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """What a reader sees for one option: right or not, a short head, the explanation (HTML)."""

    right: bool
    head: str
    body: str

    def as_dict(self) -> dict:
        return {"right": self.right, "head": self.head, "body": self.body}


# How an author's explanation may open when it states the verdict itself.
_AGREEING_LEAD = {
    True: re.compile(r"^(Right|Correct|Yes)([.:!,])\s+"),
    False: re.compile(r"^(Not quite|Wrong|No)([.:!,])\s+"),
}
# How a multiple-choice explanation may open when it says whether the option applies.
_TRUTH_LEAD = re.compile(r"^(Yes|No|True|False|Applies|Does not apply|It applies)\b")


def option_feedback(question: SingleChoice, index: int) -> Verdict:
    """The verdict for choosing option ``index`` of a single-choice question."""
    _check_question(question, (SingleChoice,))
    right, explanation = question.feedback_for(index)
    lead = _AGREEING_LEAD[right].match(explanation)
    if lead:  # "Right. The model keeps ..." -> head "Right.", no second "Right."
        head, explanation = lead.group(1) + lead.group(2), explanation[lead.end() :]
    else:
        head = "Right." if right else "Not quite."
    return Verdict(right, head, rich_text(explanation))


def mark_feedback(question: MultipleChoice, index: int, marked_applies: bool) -> Verdict:
    """The verdict for marking option ``index`` as applying (or not)."""
    _check_question(question, (MultipleChoice,))
    right, explanation = question.feedback_for(index, marked_applies)
    if _TRUTH_LEAD.match(explanation):  # "Applies: ..." already says whether it applies
        head = "Right." if right else "Not quite."
    else:
        truth = "it applies." if index in question.answers else "it does not apply."
        head = f"Right: {truth}" if right else f"Not quite: {truth}"
    return Verdict(right, head, rich_text(explanation))


def entry_placeholder(question: Numeric) -> str:
    """The hint inside a numeric question's entry box."""
    _check_question(question, (Numeric,))
    return "a whole number" if question.whole_number else "e.g. 0.25, 1/4 or 25%"


def answer_html(question: Numeric) -> str:
    """What "Show the answer" reveals: the answer and its explanation."""
    _check_question(question, (Numeric,))
    return (
        f"<b>Answer:</b> {html.escape(question.answer_text())}<br>{rich_text(question.explanation)}"
    )


# --------------------------------------------------------------------------------------
# The static page's quiz component
# --------------------------------------------------------------------------------------

HEADINGS = {"question": "Question.", "predict": "Predict first, then see the result."}


def grading_data(question) -> dict:
    """What book/js/quiz/grade.js reads of a question to grade it like nnbook.quiz.grade.

    Texts are HTML (``rich_text``): the page shows the messages it builds from them.
    """
    _check_question(question)
    if isinstance(question, SingleChoice):
        return {
            "kind": "single",
            "options": [rich_text(text) for text in question.options],
            "answer": question.answer,
            "explanations": [rich_text(text) for text in question.explanations],
        }
    if isinstance(question, MultipleChoice):
        return {
            "kind": "multiple",
            "options": [rich_text(text) for text in question.options],
            "answers": sorted(question.answers),
            "explanations": [rich_text(text) for text in question.explanations],
        }
    return {
        "kind": "numeric",
        "answer": question.answer,
        "tolerance": question.tolerance,
        "relative": question.relative,
        "mistakes": [[value, rich_text(text)] for value, text in question.mistakes],
        "explanation": rich_text(question.explanation),
    }


def fingerprint(question) -> str:
    """A short digest of what the question asks and accepts.

    The page remembers answers under the question's key; when a later edition of the
    book changes the question, the digest changes and the old answer is not reused.
    """
    data = {**grading_data(question), "prompt": question.prompt}
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()[:12]


def question_settings(question, *, key: str, heading: str) -> dict:
    """One question as the page's quiz component reads it."""
    check_text(key, "key", empty=False)
    check_text(heading, "heading")
    settings = {
        **grading_data(question),
        "key": key,
        "fingerprint": fingerprint(question),
        "heading": heading,
        "prompt": rich_text(question.prompt),
    }
    if isinstance(question, SingleChoice):
        settings["feedback"] = [
            option_feedback(question, i).as_dict() for i in range(len(question.options))
        ]
    elif isinstance(question, MultipleChoice):
        settings["feedback"] = [
            [mark_feedback(question, i, marked).as_dict() for marked in (True, False)]
            for i in range(len(question.options))
        ]
    else:
        settings.update(
            unit=question.unit,
            placeholder=entry_placeholder(question),
            answer_html=answer_html(question),
        )
    return settings


def quiz_settings(
    questions, *, role: str = "chapter", title: str = "", chapter: int | None = None
) -> dict:
    """The settings of a quiz component.

    ``role``: "chapter" (numbered questions, a title and the chapter's score),
    "question" (one question) or "predict" (one question whose result, the next cell's
    output on the page, stays folded until it is answered). ``chapter``: the number
    under which the page remembers the answers (None: the page's own address).
    """
    if isinstance(questions, QUESTION_KINDS + (str, dict)) or np.ndim(questions) != 1:
        raise TypeError(
            f"questions must be a list of questions from nnbook.quiz; got {describe(questions)}"
        )
    questions = list(questions)
    if not isinstance(role, str) or role not in ("chapter", "question", "predict"):
        raise ValueError(f"role must be 'chapter', 'question' or 'predict'; got {describe(role)}")
    check_text(title, "title")
    if chapter is not None:
        check_whole(chapter, "chapter", 0)
    if not questions:
        raise ValueError("a quiz needs at least one question")
    if role != "chapter" and len(questions) != 1:
        raise ValueError(f"a {role} quiz shows exactly one question; got {len(questions)}")
    for question in questions:
        grading_data(question)  # refuses anything that is not a question, with a message
    entries = []
    for i, question in enumerate(questions):
        key = question.key or (
            f"q{i + 1}" if role == "chapter" else f"{role}-{fingerprint(question)}"
        )
        heading = f"Question {i + 1}." if role == "chapter" else HEADINGS[role]
        entries.append(question_settings(question, key=key, heading=heading))
    keys = [entry["key"] for entry in entries]
    if len(set(keys)) != len(keys):
        raise ValueError(f"the questions of one quiz need different keys; got {keys}")
    return {"role": role, "title": title, "chapter": chapter, "questions": entries}


def _fallback_question(entry: dict) -> str:
    parts = [f"<p><strong>{html.escape(entry['heading'])}</strong> {entry['prompt']}</p>"]
    if entry["kind"] in ("single", "multiple"):
        if entry["kind"] == "multiple":
            parts.append("<p><em>Select all that apply.</em></p>")
        items = "".join(f"<li>{option}</li>" for option in entry["options"])
        parts.append(f'<ol type="A">{items}</ol>')
        right = [entry["answer"]] if entry["kind"] == "single" else entry["answers"]
        letters = ", ".join(chr(ord("A") + i) for i in right) or "none of them"
        reasons = "".join(f"<li>{explanation}</li>" for explanation in entry["explanations"])
        parts.append(
            f"<details><summary>Show the answer</summary><p><b>Answer:</b> {letters}</p>"
            f'<ol type="A">{reasons}</ol></details>'
        )
    else:
        parts.append(
            f"<details><summary>Show the answer</summary><p>{entry['answer_html']}</p></details>"
        )
    return '<div class="nnz-quiz-fallback-question">' + "".join(parts) + "</div>"


def fallback_html(settings: dict) -> str:
    """The quiz for a reader without scripts: every question, its options, folded answers."""
    check_settings(settings, "settings", ("title", "questions"), "quiz_settings")
    title = settings.get("title")
    head = f"<p><strong>{html.escape(title)}</strong></p>" if title else ""
    return head + "".join(_fallback_question(entry) for entry in settings["questions"])


def _texts(value) -> list[str]:
    """Every string inside ``value`` (nested lists and dicts), in a fixed order."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _texts(item)]
    return []


def _replace_texts(value, texts):
    """``value`` with its strings taken in order from the iterator ``texts``."""
    if isinstance(value, str):
        return next(texts)
    if isinstance(value, dict):
        return {key: _replace_texts(item, texts) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_replace_texts(item, texts) for item in value]
    return value


def settings_with_mathml(settings: dict) -> dict:
    """The settings with the LaTeX of every text as MathML (all of it in one KaTeX run)."""
    check_settings(settings, "settings", ("title", "questions"), "quiz_settings")
    converted = mathml.html_with_mathml(_texts(settings))
    return _replace_texts(settings, iter(converted))


def quiz_component(
    questions, *, role: str = "chapter", title: str = "", chapter: int | None = None
) -> HTML:
    """A quiz for the static page: ``nnbook.components.component("quiz", ...)``.

    Its math is MathML (``settings_with_mathml``); the fingerprints stay those of the
    questions' own texts.
    """
    settings = quiz_settings(questions, role=role, title=title, chapter=chapter)
    settings = settings_with_mathml(settings)
    label = title or HEADINGS.get(role, "Quiz").rstrip(".")
    return components.component("quiz", settings, fallback_html(settings), label)


__all__ = [
    "Verdict",
    "answer_html",
    "entry_placeholder",
    "fallback_html",
    "fingerprint",
    "grading_data",
    "mark_feedback",
    "option_feedback",
    "question_settings",
    "quiz_component",
    "quiz_settings",
    "rich_text",
    "settings_with_mathml",
]
