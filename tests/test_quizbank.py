"""Every quiz question in the book: its stated answer passes its own grader, wrong ones fail.

The questions live in nnlib/quizbank/chapter_NN.py (one module per chapter). These tests
load whatever chapters exist, so a new chapter is checked as soon as its file lands.
"""

import ast
import dis
import math
import subprocess
import sys
from pathlib import Path

import pytest

from nnbook import quizbank
from nnbook.quiz import MultipleChoice, Numeric, SingleChoice, computed_by_code, grade
from nnbook.quizbank import all_quizzes, available_chapters, load_chapter

CHAPTERS = available_chapters()
QUIZZES = all_quizzes()
IDS = [label for label, _ in QUIZZES]
NUMERIC = [(label, q) for label, q in QUIZZES if isinstance(q, Numeric)]


def test_the_book_has_quizzes():
    assert CHAPTERS, "no nnlib/quizbank/chapter_NN.py module found"
    assert all(0 <= n <= 9 for n in CHAPTERS)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_has_at_least_three_questions_of_every_kind(chapter):
    bank = load_chapter(chapter)
    assert len(bank.questions) >= 3, f"chapter {chapter} has {len(bank.questions)} questions"
    kinds = {type(q) for q in bank.questions}
    assert kinds == {SingleChoice, MultipleChoice, Numeric}, (
        f"chapter {chapter} QUESTIONS mixes only {sorted(k.__name__ for k in kinds)}; "
        "use single choice, multiple choice and numeric"
    )


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_question_keys_are_unique_within_a_chapter(chapter):
    bank = load_chapter(chapter)
    keys = [q.key for q in bank.questions + bank.predict if q.key is not None]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(("label", "question"), QUIZZES, ids=IDS)
def test_every_option_has_feedback(label, question):
    if isinstance(question, Numeric):
        assert question.explanation.strip()
        return
    assert len(question.explanations) == len(question.options)
    assert all(text.strip() for text in question.explanations)


@pytest.mark.parametrize(("label", "question"), QUIZZES, ids=IDS)
def test_the_stated_answer_passes_its_own_grader(label, question):
    if isinstance(question, SingleChoice):
        response = question.answer
    elif isinstance(question, MultipleChoice):
        response = set(question.answers)
    else:
        response = repr(question.answer)  # typed as text, the way a reader would
    feedback = grade(question, response)
    assert feedback.correct is True, feedback.message


@pytest.mark.parametrize(("label", "question"), QUIZZES, ids=IDS)
def test_wrong_answers_fail(label, question):
    if isinstance(question, SingleChoice):
        for index in range(len(question.options)):
            if index != question.answer:
                assert grade(question, index).correct is False
    elif isinstance(question, MultipleChoice):
        for index in range(len(question.options)):
            flipped = set(question.answers) ^ {index}  # one mark wrong
            assert grade(question, flipped).correct is False
    else:
        miss = 2 * question.allowed_error + 1e-9
        for wrong in (question.answer + miss, question.answer - miss):
            assert grade(question, wrong).correct is False
        for wrong, _ in question.mistakes:
            assert grade(question, wrong).correct is False


@pytest.mark.parametrize(("label", "question"), NUMERIC, ids=[label for label, _ in NUMERIC])
def test_numeric_answers_are_computed_by_code(label, question):
    function = question.answer_source
    assert callable(function) and not isinstance(function, (int, float))
    code = function.__code__
    assert code.co_argcount == 0, "the answer is a zero-argument function"
    # It must call something and name at least one global, attribute or closure variable:
    # `lambda: 0.25` has neither.
    names = set(code.co_names) | set(code.co_freevars)
    assert names, f"{label}: the answer function names no code"
    assert any(i.opname.startswith("CALL") for i in dis.get_instructions(code)), label
    assert computed_by_code(function)
    # And it is deterministic: calling it again gives the same number.
    assert math.isclose(float(function()), question.answer, rel_tol=1e-12, abs_tol=1e-12)


def test_quizbank_modules_do_not_import_widgets():
    """Questions are data: no quizbank module imports a widget or drawing library, or the
    views. (Chapter 7's questions run the playground's engine; its package, imported
    at the top like every nnbook module, also holds the playground's view.)"""
    views = {"ipywidgets", "matplotlib", "PIL", "nnbook.widgets", "nnbook.plotting"}
    for path in sorted(Path(quizbank.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                hit = {v for v in views if name == v or name.startswith(v + ".")}
                assert not hit, f"{path.name} line {node.lineno} imports {name}"
    # and loading every chapter's questions still works without a kernel
    code = "from nnbook.quizbank import all_quizzes; all_quizzes()"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_load_chapter_explains_a_missing_chapter():
    with pytest.raises(ValueError, match="no quiz module for chapter 99"):
        load_chapter(99)  # the book has chapters 0..9
    with pytest.raises(ValueError, match="0..99"):
        load_chapter("3")
