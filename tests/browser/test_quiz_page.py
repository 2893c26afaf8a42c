"""The static page's quizzes in Chromium grade as nnbook.quiz does, and remember.

Run after `make book`:  .venv/bin/pytest -m browser tests/browser/test_quiz_page.py

The questions are read back from each quiz component's settings and found in the
quizbank by chapter and key, so every expectation is computed here by nnbook.quiz.grade
(never typed in). Every page: no JavaScript error and no request outside 127.0.0.1.
"""

from __future__ import annotations

import json

import pytest
from booksite import chapter_pages, html_pages
from mounting import mount_every_component

from nnbook.quiz import MultipleChoice, Numeric, QuizScore, SingleChoice, grade
from nnbook.quiz_html import option_feedback
from nnbook.quizbank import load_chapter

pytestmark = pytest.mark.browser

CHAPTERS = chapter_pages()
PROGRESS = "book/progress.html"
VERDICT_CLASS = {True: "nnz-verdict-right", False: "nnz-verdict-wrong", None: "nnz-verdict-info"}

HIDDEN_CELLS = "() => document.querySelectorAll('.cell[hidden]').length"
SETTINGS_JS = """
() => Array.from(document.querySelectorAll('[data-nnz-component="quiz"]')).map(host =>
  JSON.parse(host.querySelector(':scope > script[type="application/json"]').textContent))
"""


def _require(pages):
    if not pages:
        pytest.fail("the built book is missing (_build/html): run `make book` first")


def _ids(pages):
    return [page.removesuffix(".html") for page in pages]


def quiz_pages() -> list[str]:
    return [page for page in CHAPTERS if page.split("/")[-1][:2].isdigit()]


def question_of(settings: dict, entry: dict):
    """The quizbank question behind a question of the page."""
    bank = load_chapter(settings["chapter"])
    found = [q for q in (*bank.questions, *bank.predict) if q.key == entry["key"]]
    assert len(found) == 1, f"chapter {settings['chapter']}: no question with key {entry['key']}"
    return found[0]


def verdict_of(box) -> bool | None:
    classes = box.get_attribute("class") or ""
    for correct, name in VERDICT_CLASS.items():
        if name in classes:
            return correct
    raise AssertionError(f"not a verdict box: {classes!r}")


def answer(form, question, response) -> None:
    """Give ``response`` (as nnbook.quiz.grade takes it) in the page, then press Check."""
    if isinstance(question, Numeric):
        form.locator("input.nnz-entry").fill(str(response))
    else:
        chosen = {response} if isinstance(question, SingleChoice) else set(response)
        inputs = form.locator(".nnz-option input")
        for i in range(inputs.count()):
            if i in chosen:
                inputs.nth(i).check()
            elif isinstance(question, MultipleChoice):
                inputs.nth(i).uncheck()
    form.locator("button.nnz-check").click()


def responses_for(question) -> list:
    """Right, wrong and unreadable answers, as grade() takes them."""
    if isinstance(question, SingleChoice):
        return list(range(len(question.options)))
    if isinstance(question, MultipleChoice):
        n = len(question.options)
        return [sorted(question.answers), list(range(n)), [], [i for i in range(n) if i % 2]]
    return [repr(question.answer), repr(question.answer + 3 * question.allowed_error + 1), "abc"]


def check_feedback(form, question, response, where: str) -> bool | None:
    expected = grade(question, response)
    feedback = form.locator(".nnz-feedback")
    assert feedback.get_attribute("aria-live") == "polite", f"{where}: feedback not announced"
    box = feedback.locator(".nnz-verdict").first
    box.wait_for()
    assert verdict_of(box) == expected.correct, (
        f"{where}: answered {response!r}, the page says {box.inner_text()!r}, "
        f"Python's grade says {expected.correct} ({expected.message!r})"
    )
    text = box.inner_text()
    if isinstance(question, SingleChoice):
        assert option_feedback(question, response).head in text, f"{where}: {text!r}"
    elif "$" not in expected.message:
        assert expected.message.split(" ", 1)[0] in text, f"{where}: {text!r}"
    if isinstance(question, MultipleChoice) and expected.correct is not None:
        rows = form.locator(".nnz-option-feedback .nnz-verdict")
        marks = [verdict_of(rows.nth(i)) for i in range(rows.count())]
        assert marks == [right for _, (right, _) in sorted(expected.option_feedback.items())]
    return expected.correct


@pytest.mark.parametrize("page_path", quiz_pages(), ids=_ids(quiz_pages()))
def test_quizzes_grade_like_python_and_keep_the_first_answer(book, page_path):
    _require(CHAPTERS)
    page, record = book.open(page_path)
    settings = page.evaluate(SETTINGS_JS)
    assert any(s["role"] == "chapter" for s in settings), f"{page_path}: no chapter quiz"
    quizzes = page.locator('[data-nnz-component="quiz"]')
    for k, quiz in enumerate(settings):
        host = quizzes.nth(k)
        forms = host.locator("form.nnz-question")
        assert forms.count() == len(quiz["questions"])
        score = QuizScore(len(quiz["questions"]))
        for i, entry in enumerate(quiz["questions"]):
            question = question_of(quiz, entry)
            form = forms.nth(i)
            form.scroll_into_view_if_needed()
            for response in responses_for(question):
                answer(form, question, response)
                where = f"{page_path} quiz {k + 1} question {i + 1}"
                # Only the first graded answer counts, in the page as in QuizScore.
                score.record(i, check_feedback(form, question, response, where))
        if quiz["role"] == "chapter":
            shown = host.locator(".nnz-quiz-score").inner_text().strip()
            assert shown == score.text, f"{page_path}: the page's score {shown!r} != {score.text!r}"
    assert not record.errors, f"{page_path}: JavaScript errors: {record.errors}"
    assert not record.outside_requests, f"{page_path}: requests outside: {record.outside_requests}"


@pytest.mark.parametrize("page_path", quiz_pages(), ids=_ids(quiz_pages()))
def test_quiz_controls_are_accessible(book, page_path):
    """Radios share a name inside a fieldset with a legend, targets are at least 24 px,
    focus is visible, and the title follows the page's headings without skipping a level."""
    _require(CHAPTERS)
    page, record = book.open(page_path)
    facts = page.evaluate(
        """() => Array.from(document.querySelectorAll('form.nnz-question')).map(form => {
          const inputs = Array.from(form.querySelectorAll('.nnz-option input'));
          const legend = form.querySelector('fieldset > legend');
          return {
            names: [...new Set(inputs.map(i => i.name))],
            legend: legend ? legend.textContent.trim().length : 0,
            sizes: inputs.map(i => { const r = i.getBoundingClientRect();
                                     return [r.width, r.height]; }),
          };
        })"""
    )
    assert facts, f"{page_path}: no quiz question"
    for i, fact in enumerate(facts):
        assert fact["legend"] > 0, f"{page_path} question {i + 1}: no legend names the group"
        if fact["sizes"]:
            assert len(fact["names"]) == 1, f"{page_path} question {i + 1}: {fact['names']}"
            small = [s for s in fact["sizes"] if s[0] < 24 or s[1] < 24]
            assert not small, f"{page_path} question {i + 1}: targets under 24 px: {small}"
    radio = page.locator(".nnz-option input").first
    radio.scroll_into_view_if_needed()
    radio.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus arrives by keyboard: :focus-visible applies
    outline = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return [document.activeElement.tagName, s.outlineStyle,
                           parseFloat(s.outlineWidth)]; }"""
    )
    assert outline[1] != "none" and outline[2] >= 2, f"{page_path}: focus not visible: {outline}"
    levels = page.evaluate(
        """() => { const all = Array.from(document.querySelectorAll(
                     'article h1, article h2, article h3, article h4, article h5, article h6'));
                   return all.filter(h => h.offsetParent !== null)
                             .map(h => [Number(h.tagName[1]),
                                        h.classList.contains('nnz-quiz-title')]); }"""
    )
    for (before, _), (level, is_quiz) in zip(levels, levels[1:], strict=False):
        if is_quiz:
            assert level <= before + 1, f"{page_path}: the quiz title h{level} follows h{before}"
    assert not record.errors, f"{page_path}: JavaScript errors: {record.errors}"


def _predict_pages() -> list[str]:
    return quiz_pages()


@pytest.mark.parametrize("page_path", _predict_pages(), ids=_ids(_predict_pages()))
def test_predict_then_run_keeps_the_result_folded_until_answered(book, page_path):
    _require(CHAPTERS)
    page, record = book.open(page_path)
    predictions = page.locator(".nnz-quiz-predict")
    if predictions.count() == 0:
        pytest.skip(f"{page_path} has no predict-then-run question")
    settings = [s for s in page.evaluate(SETTINGS_JS) if s["role"] == "predict"]
    for k in range(predictions.count()):
        fold = page.locator(".nnz-predict-fold").nth(0)
        assert fold.is_visible(), f"{page_path}: prediction {k + 1} folds nothing"
        hidden = page.evaluate(HIDDEN_CELLS)
        assert hidden >= 1
        question = question_of(settings[k], settings[k]["questions"][0])
        form = predictions.nth(k).locator("form.nnz-question")
        form.scroll_into_view_if_needed()
        wrong = "abc" if isinstance(question, Numeric) else next(iter(responses_for(question)))
        if isinstance(question, Numeric):
            answer(form, question, wrong)  # unreadable: not an answer, stays folded
            assert page.evaluate(HIDDEN_CELLS) == hidden
            answer(form, question, repr(question.answer))
        else:
            answer(form, question, wrong)
        page.wait_for_timeout(100)
        after = page.evaluate(HIDDEN_CELLS)
        assert after == hidden - 1, f"{page_path}: answering did not unfold the result"
    assert not record.errors, f"{page_path}: JavaScript errors: {record.errors}"


def test_progress_survives_a_reload_shows_on_the_progress_page_and_resets(book):
    pages = quiz_pages()
    _require(pages)
    if PROGRESS not in html_pages():
        pytest.fail(f"{PROGRESS} is missing from the built book")
    page_path = pages[0]
    page, record = book.open(page_path)
    quiz = next(s for s in page.evaluate(SETTINGS_JS) if s["role"] == "chapter")
    host = page.locator(".nnz-quiz-chapter")
    first = host.locator("form.nnz-question").first
    question = question_of(quiz, quiz["questions"][0])
    single = isinstance(question, SingleChoice)
    right = question.answer if single else responses_for(question)[0]
    first.scroll_into_view_if_needed()
    answer(first, question, right)
    score = QuizScore(len(quiz["questions"]))
    score.record(0, grade(question, right).correct)
    assert host.locator(".nnz-quiz-score").inner_text().strip() == score.text

    page.reload()
    mount_every_component(page)
    host = page.locator(".nnz-quiz-chapter")
    assert host.locator(".nnz-quiz-score").inner_text().strip() == score.text
    box = host.locator("form.nnz-question").first.locator(".nnz-feedback .nnz-verdict")
    assert verdict_of(box) is True, "the remembered answer's feedback is not shown again"

    page.goto(record.url.rsplit("/chapters/", 1)[0] + "/" + PROGRESS)
    mount_every_component(page)
    row = page.locator(f'tr[data-chapter="{quiz["chapter"]}"]')
    assert row.locator(".nnz-progress-score").inner_text().strip() == (
        f"{score.correct} / {score.total}"
    )
    assert row.locator("a").get_attribute("href").endswith(page_path.split("/")[-1])
    row.locator("button").click()
    assert row.locator(".nnz-progress-answered").inner_text().strip() == "not started"
    assert "forgotten" in page.locator(".nnz-progress-status").inner_text()
    stored = page.evaluate("() => window.localStorage.getItem('nnz-quiz-answers-v1')")
    assert quiz["chapter"] is None or f"chapter-{quiz['chapter']}" not in json.loads(stored or "{}")

    page.goto(record.url)
    mount_every_component(page)
    empty = QuizScore(len(quiz["questions"])).text
    assert page.locator(".nnz-quiz-score").first.inner_text().strip() == empty
    assert not record.errors, f"JavaScript errors: {record.errors}"
    assert not record.outside_requests, f"requests outside 127.0.0.1: {record.outside_requests}"


# The box the theme draws around an HTML output, for every quiz on the page: its
# background and padding, and the page's own background.
QUIZ_CARD_JS = """
() => Array.from(document.querySelectorAll('.nnz-quiz')).map((quiz) => {
  const card = quiz.closest('.cell_output .output');
  const style = getComputedStyle(card);
  return {background: style.backgroundColor, padding: style.paddingTop,
          theme: document.documentElement.dataset.theme};
})
"""


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_a_quiz_sits_on_the_page_itself_not_on_an_output_card(book, color_scheme):
    # In dark mode the theme's light output card framed every quiz in a light band.
    page, _ = book.open("chapters/03_activation_functions.html", color_scheme=color_scheme)
    cards = page.evaluate(QUIZ_CARD_JS)
    assert cards, "chapter 3 has no quiz on its page"
    assert {card["theme"] for card in cards} == {color_scheme}
    for card in cards:
        assert card["background"] == "rgba(0, 0, 0, 0)" and card["padding"] == "0px", card
