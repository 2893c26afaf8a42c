"""The static page grades quizzes as Python does: shared test vectors, checked in Node.

Python grades many typed answers with nnbook.quiz at test time (every spelling of a
number, whitespace, commas, garbage, long strings, the edges of each tolerance, every
quizbank question with right, wrong and unreadable responses, multiple-choice sets),
writes question, response and verdict to a JSON file, and `node --test` runs
tests/js/quiz_grade.test.mjs, which requires book/js/quiz/grade.js to give the same
verdicts, messages and per-option feedback. Skipped only when node is not installed.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nnbook.quiz import (
    WHOLE_NUMBER_EXAMPLES,
    MultipleChoice,
    Numeric,
    QuizScore,
    SingleChoice,
    format_number,
    grade,
    parse_number,
)
from nnbook.quiz_html import grading_data, rich_text
from nnbook.quizbank import all_quizzes

ROOT = Path(__file__).resolve().parents[1]
NODE_TEST = ROOT / "tests" / "js" / "quiz_grade.test.mjs"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(
    NODE is None, reason="node is not installed, so the page's quiz grader cannot be run"
)

# Every character Python's str.strip() removes, and two it keeps that browsers strip.
PYTHON_SPACES = [chr(c) for c in range(0x3001) if chr(c).isspace()]
NOT_PYTHON_SPACES = ["\ufeff", "\u200b", "\u180e"]


def _entries() -> list:
    quarter = ["0.25", ".25", "1/4", "25%", "2.5e-1", "+0.25", "1 / 4", "25 %", "2.5E-1"]
    signs = ["-0.25", "−0.25", "–0.25", "-1/4", "1/-4", "-25%", "+-1", "--1", "-0", "+0"]
    commas = ["1,5", "0,25", "12,060", "1,000", "1,000.5", "1, 5"]
    garbage = [
        "",
        " ",
        "abc",
        "0.2.5",
        "nan",
        "NaN",
        "inf",
        "Infinity",
        "-inf",
        "1e",
        "e5",
        ".",
        "5.",
        "%",
        "25%%",
        "1/4/2",
        "1/0",
        "0/0",
        "-1/0",
        "0x10",
        "1_000",
        "½",
        "٣",
        "１",
        "1e+5",
        "1E5",
        "10%/2",
        "1/4%",
        "1 4",
        "(1)",
        "1.5.",
        "+",
        "-",
        "/",
        "e",
        "2 ** 3",
        "1e999",
        "-1e999",
        "1e-999",
        "1/1e999",
        "1e999/1e999",
        "0.25\x00",
        "'0.25'",
    ]
    long = ["1" * 400, "9" * 320, "0." + "0" * 300 + "1", "x" * 1000, "1/" + "3" * 200]
    spaced = [f"{space}0.25{space}" for space in PYTHON_SPACES + NOT_PYTHON_SPACES]
    spaced += [f"1{space}/{space}4" for space in PYTHON_SPACES + NOT_PYTHON_SPACES]
    spaced += [f"25{space}%" for space in PYTHON_SPACES]
    rng = random.Random(0)
    typed = []
    for _ in range(150):
        value = rng.uniform(-1, 1) * 10 ** rng.randint(-12, 12)
        typed += [repr(value), f"{value:.6g}", f"{value * 100!r}%", f"{value * 7!r}/7"]
    numbers = [0.25, -3, 0, 1e300, -0.0, 2.5e-1, 12060]
    odd = [True, False, None, [1], {"a": 1}]
    return quarter + signs + commas + garbage + long + spaced + typed + numbers + odd


def parse_vectors() -> list[dict]:
    cases = []
    for entry in _entries():
        for examples in (None, WHOLE_NUMBER_EXAMPLES):
            case = {"text": entry, "examples": examples}
            try:
                case["value"] = parse_number(entry, **({"examples": examples} if examples else {}))
            except ValueError as error:
                case["error"] = str(error)
            cases.append(case)
    return cases


def format_vectors() -> list[dict]:
    values = [
        0.0,
        -0.0,
        0.25,
        0.196611933241,
        17.0,
        12060.0,
        -12060.0,
        1234.5678,
        999.95,
        999.96,
        9999.5,
        12345.5,
        12344.5,
        1.0625,
        1.0635,
        0.03125,
        2.5e-5,
        1e-4,
        9.99995e-5,
        1e15,
        1e15 - 1,
        999999999999999.5,
        5e-324,
        1.7976931348623157e308,
        123456789.0,
        0.5,
        2.5,
        3.5,
        -2.5,
        1e3,
        999.5,
        1000.5,
        1e21,
        1e22,
        9.5367431640625e-07,
    ]
    rng = random.Random(1)
    for _ in range(1500):
        values.append(rng.choice([-1, 1]) * 10 ** rng.uniform(-10, 16))
    for _ in range(300):  # exact ties: halves and quarters at many scales
        values.append(rng.randint(-(10**6), 10**6) / rng.choice([2, 4, 8, 16, 32]))
    return [
        {"value": value, "digits": digits, "text": format_number(value, digits)}
        for value in values
        for digits in (4, 2, 3, 6)
    ]


def _expected(question, response) -> dict:
    feedback = grade(question, response)
    # The page's texts are HTML (rich_text); a message quoting them is rendered the same.
    message = feedback.message if feedback.correct is None else rich_text(feedback.message)
    return {
        "correct": feedback.correct,
        "message": message,
        "option_feedback": {
            str(i): [right, rich_text(text)]
            for i, (right, text) in sorted(feedback.option_feedback.items())
        },
    }


def _single_responses(question: SingleChoice) -> list:
    n = len(question.options)
    plain = [text for text in question.options if rich_text(text) == text]
    return [None, "", "  ", *range(n), n, -1, True, "nonsense", *plain[:2]]


def _multiple_responses(question: MultipleChoice) -> list:
    n = len(question.options)
    answers = sorted(question.answers)
    flags = [i in question.answers for i in range(n)]
    return [
        None, [], answers, list(range(n)), *[[i] for i in range(n)], flags,
        [not flag for flag in flags], flags[:-1], [n], ["a"], [0, True], [0, 0], 3, "abc",
        [-1], [True] * n,
    ]  # fmt: skip


def _numeric_responses(question: Numeric) -> list:
    answer, error = question.answer, question.allowed_error
    edges = []
    for sign in (1, -1):
        edges += [
            answer + sign * error,
            answer + sign * error * (1 + 1e-13),
            answer + sign * error * (1 + 1e-9),
            answer + sign * error * 2,
            answer + sign * error / 2,
        ]
    mistakes = [value for value, _ in question.mistakes]
    near = [value + error / 2 for value in mistakes] + [value - error * 3 for value in mistakes]
    spelled = [
        repr(answer), format_number(answer), f"{answer:.6g}", f"{answer * 100!r}%",
        f"{answer * 4!r}/4", f"  {answer!r}  ", f"{answer:,}", str(int(answer)) + ".0",
        f"{-answer!r}".replace("-", "−"),
    ]  # fmt: skip
    return [
        None, "", "   ", "abc", "1,5", True, answer, *spelled,
        *[repr(value) for value in edges + mistakes + near], *edges[:2],
    ]  # fmt: skip


def _extra_questions() -> list[tuple[str, object]]:
    """Questions the book does not have yet: relative tolerance, units, large numbers."""
    return [
        (
            "relative",
            Numeric(
                "How small?",
                answer=lambda: float(np.power(0.5, 20)),
                explanation="Twenty halvings: *tiny*.",
                tolerance=0.02,
                relative=True,
                mistakes=[(lambda: float(np.power(0.5, 10)), "That is ten halvings.")],
            ),
        ),
        (
            "whole-with-unit",
            Numeric(
                "How many?",
                answer=lambda: float(np.prod([20, 603])),
                explanation="Count them: **all** of them.",
                tolerance=0.5,
                unit="weights",
                mistakes=[(lambda: float(np.prod([20, 600])), "Close: `3` short.")],
            ),
        ),
        (
            "tight",
            Numeric(
                "Exactly?",
                answer=lambda: float(np.sqrt(2.0)),
                explanation="$\\sqrt{2}$.",
                tolerance=1e-9,
            ),
        ),
    ]


def grade_vectors() -> list[dict]:
    cases = []
    for label, question in [*all_quizzes(), *_extra_questions()]:
        if isinstance(question, SingleChoice):
            responses = _single_responses(question)
        elif isinstance(question, MultipleChoice):
            responses = _multiple_responses(question)
        else:
            responses = _numeric_responses(question)
        data = grading_data(question)
        for response in responses:
            cases.append(
                {
                    "label": label,
                    "question": data,
                    "response": response,
                    "expected": _expected(question, response),
                }
            )
    return cases


def score_vectors() -> list[dict]:
    cases = []
    for total in range(0, 6):
        for answered in range(total + 1):
            for correct in range(answered + 1):
                score = QuizScore(total)
                for i in range(answered):
                    score.record(i, i < correct)
                cases.append(
                    {"correct": correct, "answered": answered, "total": total, "text": score.text}
                )
    return cases


def test_vectors_cover_every_verdict_and_kind():
    """The cases are worth comparing: right, wrong and unreadable answers of every kind."""
    cases = grade_vectors()
    seen = {(case["question"]["kind"], case["expected"]["correct"]) for case in cases}
    assert seen == {(k, c) for k in ("single", "multiple", "numeric") for c in (True, False, None)}
    parsed = parse_vectors()
    assert any("error" in case for case in parsed) and any("value" in case for case in parsed)


def test_the_page_grades_like_python(tmp_path):
    vectors = {
        "parse_number": parse_vectors(),
        "format_number": format_vectors(),
        "grade": grade_vectors(),
        "score_text": score_vectors(),
    }
    path = tmp_path / "quiz_vectors.json"
    path.write_text(json.dumps(vectors, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [NODE, "--test", "--test-reporter=spec", str(NODE_TEST)],
        env={**os.environ, "NNZ_QUIZ_VECTORS": str(path)},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    output = result.stdout + result.stderr
    sys.stdout.write(
        "quiz vectors: "
        + ", ".join(f"{len(cases)} {name}" for name, cases in vectors.items())
        + "\n"
    )
    assert result.returncode == 0, f"node --test failed:\n{output[-6000:]}"
    assert "pass 4" in output and "fail 0" in output, output[-3000:]
