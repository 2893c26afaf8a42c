"""The progress page: every chapter's quiz score, kept in the reader's browser.

The page's component (``book/js/components/quiz-progress.js``) reads the answers the
quizzes stored in localStorage; Python only says which chapters have a quiz and how
many questions each has.
"""

from __future__ import annotations

from IPython.display import HTML

from nnbook import components
from nnbook.quizbank import available_chapters, load_chapter


def progress_settings() -> dict:
    """Every chapter with a quiz and its number of questions, from the quizbank."""
    return {
        "chapters": [
            {"chapter": number, "questions": len(load_chapter(number).questions)}
            for number in available_chapters()
        ]
    }


def progress_component() -> HTML:
    """The progress page: every chapter's quiz score, kept in the reader's browser."""
    settings = progress_settings()
    rows = "".join(
        f"<li>Chapter {entry['chapter']}: {entry['questions']} questions</li>"
        for entry in settings["chapters"]
    )
    fallback = (
        "<p>Your scores appear here when scripts are on: the quizzes keep them in this "
        f"browser only.</p><ul>{rows}</ul>"
    )
    return components.component("quiz-progress", settings, fallback, "Your quiz scores")
