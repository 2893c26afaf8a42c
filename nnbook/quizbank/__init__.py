"""The book's quiz questions, one module per chapter: ``chapter_00.py`` ... ``chapter_09.py``.

Each chapter module defines ``QUESTIONS`` (a list of nnbook.quiz questions, at least three,
mixing single choice, multiple choice and numeric) and optionally ``PREDICT`` (questions
asked as predict-then-run moments inside the chapter). Numeric answers, and choices
whose correctness rests on a calculation, are computed by nnlib/NumPy code there.

This file only finds and loads those modules::

    from nnbook.quizbank import load_chapter
    bank = load_chapter(3)          # bank.questions, bank.predict
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from dataclasses import dataclass

_MODULE_NAME = re.compile(r"^chapter_(\d{2})$")


@dataclass(frozen=True)
class ChapterBank:
    """The questions of one chapter."""

    chapter: int
    questions: tuple
    predict: tuple
    module: str

    def __len__(self) -> int:
        return len(self.questions) + len(self.predict)


def available_chapters() -> list[int]:
    """Numbers of the chapters that have a quizbank module, in order."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        match = _MODULE_NAME.match(info.name)
        if match:
            found.append(int(match.group(1)))
    return sorted(found)


def load_chapter(chapter: int) -> ChapterBank:
    """Import ``nnbook.quizbank.chapter_NN`` and return its QUESTIONS and PREDICT."""
    if isinstance(chapter, bool) or not isinstance(chapter, int) or not 0 <= chapter <= 99:
        raise ValueError(f"chapter must be a number 0..99; got {chapter!r}")
    name = f"{__name__}.chapter_{chapter:02d}"
    if chapter not in available_chapters():
        raise ValueError(
            f"no quiz module for chapter {chapter} ({name}); chapters with quizzes: "
            f"{available_chapters()}"
        )
    module = importlib.import_module(name)
    questions = getattr(module, "QUESTIONS", None)
    if questions is None:
        raise ValueError(f"{name} must define QUESTIONS, a list of questions")
    return ChapterBank(chapter, tuple(questions), tuple(getattr(module, "PREDICT", ())), name)


def chapter_of(questions) -> int | None:
    """The chapter whose quizbank module holds all of ``questions`` (None if none does).

    Only modules already imported are searched (a chapter imports its own), so asking
    never runs another chapter's calculations. The static page remembers a reader's
    answers under this number.
    """
    questions = list(questions)
    if not questions:
        return None
    for chapter in available_chapters():
        module = sys.modules.get(f"{__name__}.chapter_{chapter:02d}")
        if module is None:
            continue
        held = [*getattr(module, "QUESTIONS", ()), *getattr(module, "PREDICT", ())]
        if all(any(question is known for known in held) for question in questions):
            return chapter
    return None


def all_quizzes() -> list[tuple[str, object]]:
    """Every question in the book as (label, question); labels like 'chapter_03.QUESTIONS[1]'."""
    everything = []
    for chapter in available_chapters():
        bank = load_chapter(chapter)
        stem = bank.module.rsplit(".", 1)[1]
        everything += [(f"{stem}.QUESTIONS[{i}]", q) for i, q in enumerate(bank.questions)]
        everything += [(f"{stem}.PREDICT[{i}]", q) for i, q in enumerate(bank.predict)]
    return everything


__all__ = ["ChapterBank", "all_quizzes", "available_chapters", "chapter_of", "load_chapter"]
