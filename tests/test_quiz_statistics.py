"""Where the right answer sits, and how long it is, across every single-choice question.

A reader who has not understood a question should gain nothing from guessing "the
longest option" or "always B". These tests compute, from nnbook.quizbank (all
chapters, QUESTIONS and PREDICT), two statistics of the correct single-choice options
and print them (run with ``-s`` to see the table):

- position: how often the correct option is A, B, C, D, ...
- length rank: 1 when the correct option is strictly longer than every other option
  of its question, 2 when exactly one option is longer, and so on (a tie for the
  longest is not "the longest": its length singles nothing out).

Thresholds, and what they state:

- "not the longest": the correct option is the strictly longest one in at most half
  of the questions (the issue's criterion).
- "balanced": no position holds more than 40% of the correct answers. With four
  options a fair spread gives each position about 25%; 40% allows a small book's
  chance variation (with 25 questions, 10 at one letter) but fails a book whose
  answers cluster on one or two letters, e.g. never C or D.
"""

from collections import Counter

import pytest

from nnbook.quiz import SingleChoice
from nnbook.quizbank import all_quizzes

LONGEST_AT_MOST = 0.5  # share of questions whose correct option is the strictly longest
POSITION_AT_MOST = 0.4  # share of correct answers at any one position (A, B, C, ...)

SINGLE = [(label, q) for label, q in all_quizzes() if isinstance(q, SingleChoice)]
LETTERS = "ABCDEFGH"


def length_rank(question: SingleChoice) -> int:
    """1 + the number of options at least as long as the correct one (other than itself)."""
    lengths = [len(option) for option in question.options]
    mine = lengths[question.answer]
    longer_or_tied = sum(1 for i, n in enumerate(lengths) if i != question.answer and n >= mine)
    return 1 + longer_or_tied


def statistics(questions):
    """Position counts (by letter), length-rank counts, and the share that is the longest."""
    positions = Counter(LETTERS[q.answer] for _, q in questions)
    ranks = Counter(length_rank(q) for _, q in questions)
    longest_share = ranks.get(1, 0) / len(questions)
    return positions, ranks, longest_share


def report(questions) -> str:
    """A table a person can read: every question, then the totals."""
    lines = ["question                      position  options  length rank"]
    for label, q in questions:
        lines.append(
            f"{label:30s} {LETTERS[q.answer]:>8s}  {len(q.options):7d}  {length_rank(q):11d}"
        )
    positions, ranks, longest_share = statistics(questions)
    total = len(questions)
    lines.append("")
    lines.append(
        "positions: "
        + ", ".join(
            f"{letter} {positions.get(letter, 0)} ({positions.get(letter, 0) / total:.0%})"
            for letter in LETTERS[: max(len(q.options) for _, q in questions)]
        )
    )
    lines.append(
        "length rank of the correct option: "
        + ", ".join(f"{rank}: {ranks[rank]}" for rank in sorted(ranks))
        + f"  (strictly longest in {ranks.get(1, 0)} of {total} = {longest_share:.0%})"
    )
    return "\n".join(lines)


def test_there_are_single_choice_questions():
    assert SINGLE, "no single-choice question in nnbook.quizbank"


def test_length_rank_counts_ties_as_not_longest():
    question = SingleChoice("?", ["aaaa", "bbbb", "c"], 0, ["x", "y", "z"])
    assert length_rank(question) == 2
    question = SingleChoice("?", ["aaaaa", "bbbb", "c"], 0, ["x", "y", "z"])
    assert length_rank(question) == 1
    question = SingleChoice("?", ["a", "bbbb", "cc"], 0, ["x", "y", "z"])
    assert length_rank(question) == 3


def test_the_correct_answer_is_not_usually_the_longest():
    print("\n" + report(SINGLE))
    _, _, longest_share = statistics(SINGLE)
    offenders = [label for label, q in SINGLE if length_rank(q) == 1]
    assert longest_share <= LONGEST_AT_MOST, (
        f"the correct option is the longest in {longest_share:.0%} of the single-choice "
        f"questions (at most {LONGEST_AT_MOST:.0%} allowed): {offenders}"
    )


def test_correct_positions_are_balanced():
    positions, _, _ = statistics(SINGLE)
    total = len(SINGLE)
    crowded = {
        letter: count for letter, count in positions.items() if count / total > POSITION_AT_MOST
    }
    assert not crowded, (
        f"{crowded} of {total} correct answers sit at one position (at most "
        f"{POSITION_AT_MOST:.0%} each allowed); move some right answers to other letters"
    )


@pytest.mark.parametrize("letters", [("A",) * 9 + ("B",), ("A", "B", "C", "D") * 3])
def test_the_position_check_tells_balanced_from_crowded(letters):
    """The threshold separates a crowded set from a spread one (a check of the check)."""
    questions = [
        ("q", SingleChoice("?", ["w", "x", "y", "z"], LETTERS.index(letter), ["1", "2", "3", "4"]))
        for letter in letters
    ]
    positions, _, _ = statistics(questions)
    crowded = max(positions.values()) / len(questions) > POSITION_AT_MOST
    assert crowded == (len(set(letters)) < 4)
