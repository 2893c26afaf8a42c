"""Quiz questions as data, and a pure function that grades an answer.

A question holds its prompt (HTML, LaTeX between ``$...$``), its options, the right
answer(s) and an explanation for every option, so a reader who picks a wrong option
learns *why* it is wrong. Three kinds:

- ``SingleChoice``: exactly one option is right.
- ``MultipleChoice``: "select all that apply"; every option is right or wrong on its own.
- ``Numeric``: a number, right within a tolerance. The answer is a zero-argument function
  that computes it with nnlib/NumPy, never a typed-in literal, so the book cannot state
  a number its own code disagrees with::

      Numeric(
          r"What is $\\sigma'(0)$?",
          answer=lambda: float(get_activation("sigmoid").derivative(0.0)),
          explanation=r"$\\sigma'(z) = \\sigma(z)(1-\\sigma(z)) = 0.5 \\cdot 0.5$.",
      )

Choice options whose correctness rests on a calculation are computed the same way
(``SingleChoice.from_values``, ``MultipleChoice.from_predicate``, or options and answers
given as zero-argument functions).

``grade(question, response) -> Feedback`` is pure: no widgets, no printing. The widgets
in ``nnbook.widgets`` are a thin view over it. ``QuizScore`` keeps the reader's score.
"""

from __future__ import annotations

import builtins
import dis
import math
import numbers
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

# --------------------------------------------------------------------------------------
# Reading and writing numbers
# --------------------------------------------------------------------------------------

# ASCII digits and spaces only (re.ASCII), so the page's JavaScript port of this parser
# (book/js/quiz/grade.js) reads exactly the same entries.
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_PLAIN = re.compile(rf"^({_NUMBER})$", re.ASCII)
_PERCENT = re.compile(rf"^({_NUMBER})\s*%$", re.ASCII)
_FRACTION = re.compile(rf"^({_NUMBER})\s*/\s*({_NUMBER})$", re.ASCII)
_EXAMPLES = "0.25, .25, 1/4, 25% or 2.5e-1"
# What a question whose answer is a whole number offers as examples instead.
WHOLE_NUMBER_EXAMPLES = "7 or 120"


def parse_number(text, *, examples: str = _EXAMPLES) -> float:
    """Read a number the way a person types it.

    Accepts ``0.25``, ``.25``, ``1/4``, ``25%``, ``2.5e-1``, a leading ``+`` or minus
    sign (also the typographic minus ``−``) and surrounding spaces; real numbers pass
    through. Anything else raises ValueError with a message meant for the reader, which
    shows ``examples`` of what to type.
    """
    if isinstance(text, bool):
        raise ValueError("expected a number, not True/False")
    if isinstance(text, numbers.Real):  # Python and NumPy ints and floats alike
        value = float(text)
    else:
        if not isinstance(text, str):
            raise ValueError(f"expected a number typed as text; got {type(text).__name__}")
        cleaned = text.strip().replace("−", "-").replace("–", "-")
        if not cleaned:
            raise ValueError(f"Type a number first (for example {examples}).")
        if match := _PLAIN.match(cleaned):
            value = float(match.group(1))
        elif match := _PERCENT.match(cleaned):
            value = float(match.group(1)) / 100.0
        elif match := _FRACTION.match(cleaned):
            denominator = float(match.group(2))
            if denominator == 0:
                raise ValueError(f"Cannot divide by zero in '{_short(text.strip())}'.")
            value = float(match.group(1)) / denominator
        else:
            raise ValueError(
                f"Could not read '{_short(text.strip())}' as a number. Write it like {examples}."
            )
    if not math.isfinite(value):
        raise ValueError(f"'{_short(str(text).strip())}' is not a finite number.")
    return value


def format_number(value: float, digits: int = 4) -> str:
    """A short, readable form with ``digits`` significant digits: 0.25, 0.1966, 17.

    From 1,000 on, the digits before the point are all kept and grouped by thousands
    (12,060 and 1,235, never 1.206e+04); tiny numbers keep the exponent (1.907e-08).
    """
    if isinstance(digits, bool) or not isinstance(digits, int) or not 1 <= digits <= 17:
        raise ValueError(f"digits must be a whole number from 1 to 17; got {digits!r}")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"value must be a number; got {_short(repr(value))}")
    value = float(value)
    if math.isfinite(value) and 1e3 <= abs(value) < 1e15:
        whole_digits = len(str(int(abs(value))))
        text = f"{value:,.{max(0, digits - whole_digits)}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        text = f"{value:.{digits}g}"
    return "0" if text == "-0" else text


def computed_by_code(function) -> bool:
    """True when ``function`` computes its value by calling code, not by returning a literal.

    A heuristic on the function's byte code: it must make at least one call and refer
    to at least one name that is not a Python builtin (a module, a function, a variable
    of the quiz module, an attribute). ``lambda: 0.25`` and ``lambda: float(1 / 4)`` fail;
    ``lambda: float(sigmoid(0.0))`` passes.
    """
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    builtin_names = set(dir(builtins))
    names: set[str] = set()
    calls = False
    pending = [code]
    while pending:  # comprehensions and inner functions are separate code objects
        current = pending.pop()
        names |= set(current.co_names) | set(current.co_freevars)
        for instruction in dis.get_instructions(current):
            if instruction.opname.startswith("CALL"):
                calls = True
        pending.extend(c for c in current.co_consts if hasattr(c, "co_code"))
    return calls and bool(names - builtin_names)


# --------------------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------------------


def _check_text(value, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} must be a non-empty string; got {value!r}")
    return value


def _resolve(value):
    """Call a zero-argument function; leave a plain value alone."""
    return value() if callable(value) else value


def _option_text(value, position: int) -> str:
    value = _resolve(value)
    if isinstance(value, str):
        return _check_text(value, f"option {position}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):  # a NumPy scalar
        return format_number(float(value))
    raise ValueError(f"option {position} must be text or a number; got {_short(repr(value))}")


def _as_list(value) -> list | None:
    """``value`` as a list, or None when it is not a collection of items: a text, a
    number, or a 0-d NumPy array (which claims to be iterable but refuses when iterated)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return None
    try:
        return list(value)
    except TypeError:
        return None


def _check_options(prompt, options, explanations) -> tuple[tuple[str, ...], tuple[str, ...]]:
    _check_text(prompt, "the prompt")
    listed = _as_list(options)
    if listed is None:
        raise ValueError(f"options must be a list of option texts; got {_short(repr(options))}")
    options = listed
    if len(options) < 2:
        raise ValueError(f"a choice question needs at least 2 options; got {len(options)}")
    texts = tuple(_option_text(option, i) for i, option in enumerate(options))
    if len(set(texts)) != len(texts):
        raise ValueError(f"options must be different from each other; got {list(texts)}")
    explanations = list(explanations)
    if len(explanations) != len(texts):
        raise ValueError(
            f"every option needs an explanation: {len(texts)} options but "
            f"{len(explanations)} explanations"
        )
    for i, explanation in enumerate(explanations):
        if not isinstance(explanation, str) or not explanation.strip():
            raise ValueError(f"the explanation for option {i} ({texts[i]!r}) is missing")
    return texts, tuple(explanations)


def _check_index(value, n_options: int, what: str) -> int:
    # Whole numbers of any kind (NumPy's too), but not True/False or 1.5.
    whole = isinstance(value, numbers.Integral) or (
        isinstance(value, numbers.Real) and math.isfinite(value) and float(value).is_integer()
    )
    if isinstance(value, bool) or not whole:
        raise ValueError(f"{what} must be an option index (an int); got {_short(repr(value))}")
    index = int(value)
    if not 0 <= index < n_options:
        raise ValueError(
            f"{what} {_short(str(index))} is out of range for {n_options} options "
            f"(use 0..{n_options - 1})"
        )
    return index


class SingleChoice:
    """Exactly one right option.

    ``options``: texts (or zero-argument functions returning a text or a number, which
    is then formatted); ``answer``: index of the right option, or a zero-argument
    function returning it; ``explanations``: one per option, shown when it is chosen.
    """

    kind = "single"

    def __init__(self, prompt: str, options, answer, explanations, *, key: str | None = None):
        self.prompt = prompt
        self.options, self.explanations = _check_options(prompt, options, explanations)
        self.answer_source = answer
        self.answer = _check_index(_resolve(answer), len(self.options), "the answer index")
        self.key = key

    @classmethod
    def from_values(
        cls,
        prompt: str,
        candidates: Sequence[tuple[object, str]],
        correct: Callable[[], float],
        *,
        tolerance: float = 1e-9,
        key: str | None = None,
    ) -> SingleChoice:
        """Options that are computed numbers; the right one is found by calculation.

        ``candidates``: (value or zero-argument function, explanation) pairs;
        ``correct``: a function computing the true value. Exactly one candidate must
        equal it (within ``tolerance``); the options are shown formatted.
        """
        target = float(_resolve(correct))
        listed = _as_list(candidates)
        if listed is None:
            raise ValueError(
                f"candidates must be a list of (value, explanation) pairs; got "
                f"{_short(repr(candidates))}"
            )
        candidates = listed
        if not all(isinstance(c, (tuple, list)) and len(c) == 2 for c in candidates):
            raise ValueError(
                f"candidates must be (value, explanation) pairs; got {_short(repr(candidates))}"
            )
        values = [float(_resolve(value)) for value, _ in candidates]
        matches = [i for i, v in enumerate(values) if abs(v - target) <= tolerance]
        if len(matches) != 1:
            raise ValueError(
                f"exactly one candidate must equal the computed answer {format_number(target)}; "
                f"{len(matches)} of {[format_number(v) for v in values]} do"
            )
        question = cls(
            prompt,
            [format_number(v) for v in values],
            matches[0],
            [explanation for _, explanation in candidates],
            key=key,
        )
        question.answer_source = correct
        return question

    def feedback_for(self, index: int) -> tuple[bool, str]:
        """(is it right, the explanation) for choosing option ``index``."""
        index = _check_index(index, len(self.options), "option")
        return index == self.answer, self.explanations[index]

    def __repr__(self) -> str:
        return f"SingleChoice({_short(self.prompt)!r}, {len(self.options)} options)"


class MultipleChoice:
    """Select all that apply: each option is right or wrong on its own.

    ``answers``: the indices of the options that apply (possibly none), or a zero-argument
    function returning them; ``explanations``: one per option, saying why it does or
    does not apply.
    """

    kind = "multiple"

    def __init__(self, prompt: str, options, answers, explanations, *, key: str | None = None):
        self.prompt = prompt
        self.options, self.explanations = _check_options(prompt, options, explanations)
        self.answer_source = answers
        resolved = _resolve(answers)
        if not isinstance(resolved, (int, str)):
            try:
                resolved = list(resolved)
            except TypeError:
                raise ValueError(
                    f"answers must be a collection of option indices, like {{0, 2}}; got "
                    f"{_short(repr(resolved))}"
                ) from None
        if isinstance(resolved, (int, str)) or not isinstance(resolved, Iterable):
            raise ValueError(
                f"answers must be a collection of option indices, like {{0, 2}}; got {resolved!r}"
            )
        resolved = list(resolved)
        self.answers = frozenset(
            _check_index(i, len(self.options), "an answer index") for i in resolved
        )
        if len(self.answers) != len(resolved):
            raise ValueError(f"answers lists an option twice: {resolved}")
        self.key = key

    @classmethod
    def from_predicate(
        cls,
        prompt: str,
        items: Sequence,
        applies: Callable[[object], bool],
        explanations,
        *,
        label: Callable[[object], str] = str,
        key: str | None = None,
    ) -> MultipleChoice:
        """Options from ``items``; which ones apply is decided by ``applies(item)``.

        For example, which activations are zero at zero:
        ``from_predicate(prompt, ["relu", "sigmoid"], lambda n: get_activation(n)(0.0) == 0,
        explanations)``.
        """
        listed = _as_list(items)
        if listed is None:
            raise ValueError(f"items must be a list of the options' values; got {items!r:.60}")
        items = listed
        if not callable(applies):
            raise ValueError(f"applies must be a function item -> True/False; got {applies!r}")
        question = cls(
            prompt,
            [label(item) for item in items],
            [i for i, item in enumerate(items) if applies(item)],
            explanations,
            key=key,
        )
        question.answer_source = applies
        return question

    def feedback_for(self, index: int, marked_applies: bool) -> tuple[bool, str]:
        """(is the mark right, the explanation) for marking option ``index``."""
        index = _check_index(index, len(self.options), "option")
        if not isinstance(marked_applies, bool):
            raise ValueError(f"marked_applies must be True or False; got {marked_applies!r}")
        applies = index in self.answers
        return marked_applies == applies, self.explanations[index]

    def __repr__(self) -> str:
        return f"MultipleChoice({_short(self.prompt)!r}, {len(self.options)} options)"


class Numeric:
    """A number, right when within ``tolerance`` of the computed answer.

    ``answer``: a zero-argument function computing the value with nnlib/NumPy.
    ``tolerance``: how far off still counts as right (absolute; relative to the answer
    when ``relative=True``). ``mistakes``: optional (value or function, explanation)
    pairs for wrong answers worth a specific hint. ``unit`` is shown next to the box.
    """

    kind = "numeric"

    def __init__(
        self,
        prompt: str,
        answer: Callable[[], float],
        explanation: str,
        *,
        tolerance: float = 0.01,
        relative: bool = False,
        mistakes: Sequence[tuple[object, str]] = (),
        unit: str = "",
        key: str | None = None,
    ):
        self.prompt = _check_text(prompt, "the prompt")
        self.explanation = _check_text(explanation, "the explanation")
        if not callable(answer):
            raise ValueError(
                "answer must be a zero-argument function that computes the value with "
                f"nnlib or NumPy, like answer=lambda: float(...); got the literal {answer!r}"
            )
        if not computed_by_code(answer):
            raise ValueError(
                "answer must compute its value by calling nnlib or NumPy code; a function "
                "that only returns a typed-in number is not accepted"
            )
        value = answer()
        if isinstance(value, bool) or not _is_real(value) or not math.isfinite(float(value)):
            raise ValueError(f"answer() must return a finite real number; got {value!r}")
        self.answer_source = answer
        self.answer = float(value)
        if isinstance(tolerance, bool) or not _is_real(tolerance):
            raise ValueError(f"tolerance must be a number; got {tolerance!r}")
        if not tolerance > 0 or not math.isfinite(tolerance):
            raise ValueError(f"tolerance must be > 0; got {tolerance}")
        self.tolerance = float(tolerance)
        self.relative = bool(relative)
        if self.relative and self.answer == 0:
            raise ValueError("a relative tolerance needs a non-zero answer; use relative=False")
        self.mistakes = tuple(
            (float(_resolve(v)), _check_text(text, "a mistake's explanation"))
            for v, text in mistakes
        )
        for wrong, _ in self.mistakes:
            if self.accepts(wrong):
                raise ValueError(
                    f"the mistake {format_number(wrong)} would be graded as right; "
                    "remove it or lower the tolerance"
                )
        self.unit = unit
        self.key = key

    @property
    def allowed_error(self) -> float:
        """The largest distance from the answer that still counts as right."""
        return self.tolerance * abs(self.answer) if self.relative else self.tolerance

    @property
    def whole_number(self) -> bool:
        """True when the answer is a whole number and only that number counts as right.

        Such a question is about counting (units, parameters, pieces): it speaks of no
        tolerance and offers whole numbers as examples, not 1/4 or 25%.
        """
        return self.answer.is_integer() and self.allowed_error <= 0.5

    @property
    def examples(self) -> str:
        """What the reader may type, as examples (for messages and the entry box)."""
        return WHOLE_NUMBER_EXAMPLES if self.whole_number else _EXAMPLES

    def tolerance_text(self) -> str:
        """How far off still counts, in words ("within ±0.01", "within 2%"; "" if whole)."""
        if self.whole_number:
            return ""
        if self.relative:
            return f"within {format_number(self.tolerance * 100)}%"
        return f"within ±{format_number(self.allowed_error)}"

    def accepts(self, value: float) -> bool:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise ValueError(f"value must be a number to compare with the answer; got {value!r}")
        # A hair of slack: an entry exactly on the boundary must not fail on a rounding error.
        return abs(value - self.answer) <= self.allowed_error * (1 + 1e-12)

    def answer_text(self) -> str:
        """The answer as the reader sees it: "0.25 (answers within ±0.001 count as right)"."""
        unit = f" {self.unit}" if self.unit else ""
        text = f"{format_number(self.answer)}{unit}"
        if self.whole_number:
            return text
        return f"{text} (answers {self.tolerance_text()} of it count as right)"

    def __repr__(self) -> str:
        return f"Numeric({_short(self.prompt)!r}, answer={format_number(self.answer)})"


Question = SingleChoice | MultipleChoice | Numeric


def _is_real(value) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return not isinstance(value, (str, bytes, complex))


def _short(text: str, width: int = 50) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --------------------------------------------------------------------------------------
# Grading
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Feedback:
    """The verdict on one response.

    ``correct`` is None when the response could not be graded (nothing chosen, a number
    that could not be read): ``message`` then says what to do and no mark is given.
    ``option_feedback`` maps option index -> (was the reader right about it, explanation).
    """

    correct: bool | None
    message: str
    option_feedback: dict[int, tuple[bool, str]] = field(default_factory=dict)


def grade(question: Question, response) -> Feedback:
    """Grade ``response`` to ``question``.

    - SingleChoice: the chosen option's index (or its text).
    - MultipleChoice: the indices of the options marked as applying (any iterable), or one
      bool per option.
    - Numeric: the typed text (see ``parse_number``) or a number.
    ``None`` (nothing answered yet) gives ``correct=None``.
    """
    if isinstance(question, SingleChoice):
        return _grade_single(question, response)
    if isinstance(question, MultipleChoice):
        return _grade_multiple(question, response)
    if isinstance(question, Numeric):
        return _grade_numeric(question, response)
    raise ValueError(
        f"grade() needs a SingleChoice, MultipleChoice or Numeric question; got "
        f"{type(question).__name__}"
    )


def _grade_single(question: SingleChoice, response) -> Feedback:
    if response is None or (isinstance(response, str) and not response.strip()):
        return Feedback(None, "Choose an option first.")
    if isinstance(response, str):
        if response not in question.options:
            return Feedback(None, f"'{response}' is not one of the options.")
        response = question.options.index(response)
    try:
        index = _check_index(response, len(question.options), "option")
    except ValueError as error:
        return Feedback(None, str(error))
    right, explanation = question.feedback_for(index)
    message = "Correct!" if right else "Not quite."
    return Feedback(right, message, {index: (right, explanation)})


def _grade_multiple(question: MultipleChoice, response) -> Feedback:
    if response is None:
        return Feedback(None, "Mark the options that apply first.")
    listed = None if isinstance(response, int) else _as_list(response)
    if listed is None:
        return Feedback(None, f"Expected the indices of the chosen options; got {response!r}.")
    response = listed
    n = len(question.options)
    if response and all(isinstance(flag, bool) for flag in response):
        if len(response) != n:
            return Feedback(None, f"Expected one mark per option ({n}); got {len(response)}.")
        chosen = {i for i, flag in enumerate(response) if flag}
    else:
        try:
            chosen = {_check_index(i, n, "option") for i in response}
        except ValueError as error:
            return Feedback(None, str(error))
    per_option = {i: question.feedback_for(i, i in chosen) for i in range(n)}
    wrong = sum(1 for right, _ in per_option.values() if not right)
    if wrong == 0:
        return Feedback(True, "Correct! Every option is marked right.", per_option)
    marks = "mark is" if wrong == 1 else "marks are"
    return Feedback(False, f"Not quite: {wrong} of {n} {marks} wrong.", per_option)


def _grade_numeric(question: Numeric, response) -> Feedback:
    if response is None:
        return Feedback(None, f"Type a number first (for example {question.examples}).")
    try:
        value = parse_number(response, examples=question.examples)
    except ValueError as error:
        return Feedback(None, str(error))
    shown = format_number(value)
    if question.accepts(value):
        return Feedback(True, f"Correct! {question.explanation}")
    hint = ""
    for wrong, explanation in question.mistakes:
        if abs(value - wrong) <= question.allowed_error:
            hint = " " + explanation
            break
    verdict = (
        f"{shown} is not the answer."
        if question.whole_number
        else f"{shown} is not {question.tolerance_text()} of the answer."
    )
    return Feedback(False, f"Not quite: {verdict}{hint} Try again, or open “Show the answer”.")


# --------------------------------------------------------------------------------------
# Score
# --------------------------------------------------------------------------------------


class QuizScore:
    """The reader's score over a set of questions: the first checked answer counts.

    Later attempts still get feedback but do not change the score, so trying every
    option in turn does not inflate it. ``on_change(callback)`` registers a function
    called with the score after every change (the widgets update their label with it).
    """

    def __init__(self, total: int):
        if isinstance(total, bool) or not isinstance(total, int) or total < 0:
            raise ValueError(f"total must be a non-negative number of questions; got {total!r}")
        self.total = total
        self.results: dict[object, bool] = {}
        self._callbacks: list[Callable[[QuizScore], None]] = []

    @property
    def correct(self) -> int:
        return sum(self.results.values())

    @property
    def answered(self) -> int:
        return len(self.results)

    def record(self, key, correct: bool | None) -> bool:
        """Record a first attempt; return True if it counted. ``None`` (ungraded) never counts."""
        if correct is not None and not isinstance(correct, bool):
            raise ValueError(f"correct must be True, False or None (ungraded); got {correct!r}")
        if correct is None or key in self.results:
            return False
        if len(self.results) >= self.total:
            raise ValueError(f"all {self.total} questions already have a score")
        self.results[key] = bool(correct)
        for callback in self._callbacks:
            callback(self)
        return True

    def reset(self) -> None:
        self.results.clear()
        for callback in self._callbacks:
            callback(self)

    def on_change(self, callback: Callable[[QuizScore], None]) -> None:
        self._callbacks.append(callback)

    @property
    def text(self) -> str:
        left = self.total - self.answered
        tail = f" ({left} still to answer)" if left else ""
        return f"Score: {self.correct} / {self.total}{tail}"

    def __repr__(self) -> str:
        return f"QuizScore({self.correct} / {self.total}, answered {self.answered})"


__all__ = [
    "Feedback",
    "MultipleChoice",
    "Numeric",
    "Question",
    "QuizScore",
    "WHOLE_NUMBER_EXAMPLES",
    "SingleChoice",
    "computed_by_code",
    "format_number",
    "grade",
    "parse_number",
]


_CHAPTER_KEY = re.compile(r"^ch(\d+)-")


def chapter_of(questions) -> int | None:
    """The chapter the questions' keys name ("ch7-linear-circle" -> 7); None unless every
    question has such a key and all name the same chapter. The static page remembers a
    reader's answers under this number."""
    found = {
        match.group(1) if (match := _CHAPTER_KEY.match(question.key or "")) else None
        for question in questions
    }
    return int(found.pop()) if len(found) == 1 and None not in found else None
