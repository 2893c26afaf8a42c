"""Quiz data, validation and the pure grader (no widgets here)."""

import numpy as np
import pytest

from nnbook.quiz import (
    Feedback,
    MultipleChoice,
    Numeric,
    QuizScore,
    SingleChoice,
    computed_by_code,
    format_number,
    grade,
    parse_number,
)
from nnlib.activations import get_activation


def sigmoid_slope_at_zero():
    return Numeric(
        r"What is $\sigma'(0)$?",
        answer=lambda: float(get_activation("sigmoid").derivative(0.0)),
        explanation=r"$\sigma'(0) = \sigma(0)(1 - \sigma(0)) = 0.5 \cdot 0.5$.",
        tolerance=0.001,
        mistakes=[(lambda: float(get_activation("sigmoid")(0.0)), "That is σ(0), not its slope.")],
    )


def relu_question():
    return SingleChoice(
        "What is relu(-3)?",
        ["-3", "0", "3"],
        1,
        ["ReLU clips negatives.", "max(0, -3) = 0.", "That is |z|, not ReLU."],
    )


def zero_centred_question():
    return MultipleChoice(
        "Which activations output 0 at z = 0?",
        ["tanh", "sigmoid", "relu"],
        {0, 2},
        ["tanh(0) = 0.", "sigmoid(0) = 0.5.", "relu(0) = 0."],
    )


# -- parse_number ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["0.25", ".25", "1/4", "25%", "2.5e-1", "  0.25  ", "+0.25", "1 / 4", "0.25 "]
)
def test_parse_number_reads_every_spelling_of_a_quarter(text):
    assert parse_number(text) == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("text", "value"),
    [("-0.25", -0.25), ("-1/4", -0.25), ("−0.25", -0.25), ("-25%", -0.25), ("3", 3.0)],
)
def test_parse_number_handles_signs_and_integers(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_parse_number_passes_real_numbers_through():
    assert parse_number(0.25) == 0.25
    assert parse_number(np.float64(0.5)) == 0.5


@pytest.mark.parametrize("text", ["abc", "", "   ", "1/0", "0.2.5", "nan", "inf", "1,5", "--1"])
def test_parse_number_refuses_what_it_cannot_read(text):
    with pytest.raises(ValueError) as error:
        parse_number(text)
    assert str(error.value)  # a message the reader can act on


def test_parse_number_message_names_the_entry_and_shows_examples():
    with pytest.raises(ValueError, match=r"'abc'.*1/4"):
        parse_number("abc")


def test_format_number_is_short_and_has_no_negative_zero():
    assert format_number(0.25) == "0.25"
    assert format_number(0.196611933241) == "0.1966"
    assert format_number(17.0) == "17"
    assert format_number(-0.0) == "0"


# -- computed answers --------------------------------------------------------------------


def test_computed_by_code_tells_calculations_from_literals():
    sigmoid = get_activation("sigmoid")
    assert computed_by_code(lambda: float(sigmoid.derivative(0.0)))
    assert computed_by_code(lambda: float(np.mean([0.0, 0.5])))
    assert not computed_by_code(lambda: 0.25)
    assert not computed_by_code(lambda: float(1 / 4))  # only a builtin is called
    value = 0.25
    assert not computed_by_code(lambda: value)  # a variable read, no call
    assert not computed_by_code(0.25)


def test_numeric_refuses_a_typed_in_answer():
    with pytest.raises(ValueError, match="function"):
        Numeric("Q?", answer=0.25, explanation="e")
    with pytest.raises(ValueError, match="calling nnlib or NumPy code"):
        Numeric("Q?", answer=lambda: 0.25, explanation="e")


def test_numeric_stores_the_computed_value():
    question = sigmoid_slope_at_zero()
    assert question.answer == pytest.approx(0.25)
    assert "0.25" in question.answer_text()


# -- validation of question data ---------------------------------------------------------


def test_single_choice_needs_an_explanation_for_every_option():
    with pytest.raises(ValueError, match="3 options but 2 explanations"):
        SingleChoice("Q?", ["a", "b", "c"], 0, ["x", "y"])
    with pytest.raises(ValueError, match=r"explanation for option 1 \('b'\) is missing"):
        SingleChoice("Q?", ["a", "b"], 0, ["x", "  "])


def test_single_choice_answer_index_must_be_in_range():
    with pytest.raises(ValueError, match="out of range for 2 options"):
        SingleChoice("Q?", ["a", "b"], 2, ["x", "y"])
    with pytest.raises(ValueError, match="option index"):
        SingleChoice("Q?", ["a", "b"], True, ["x", "y"])
    with pytest.raises(ValueError, match="option index"):
        SingleChoice("Q?", ["a", "b"], "a", ["x", "y"])


def test_choice_questions_reject_bad_options():
    with pytest.raises(ValueError, match="at least 2 options"):
        SingleChoice("Q?", ["a"], 0, ["x"])
    with pytest.raises(ValueError, match="different"):
        SingleChoice("Q?", ["a", "a"], 0, ["x", "y"])
    with pytest.raises(ValueError, match="prompt"):
        SingleChoice("", ["a", "b"], 0, ["x", "y"])


def test_multiple_choice_answers_must_be_indices_in_range():
    with pytest.raises(ValueError, match="out of range"):
        MultipleChoice("Q?", ["a", "b"], {0, 5}, ["x", "y"])
    with pytest.raises(ValueError, match="collection"):
        MultipleChoice("Q?", ["a", "b"], 0, ["x", "y"])
    with pytest.raises(ValueError, match="twice"):
        MultipleChoice("Q?", ["a", "b"], [0, 0], ["x", "y"])


def test_numeric_validates_tolerance_and_explanation():
    answer = lambda: float(np.sqrt(2.0))  # noqa: E731
    for bad in (0, -0.1, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="tolerance"):
            Numeric("Q?", answer, "e", tolerance=bad)
    with pytest.raises(ValueError, match="explanation"):
        Numeric("Q?", answer, "")
    with pytest.raises(ValueError, match="finite real number"):
        Numeric("Q?", lambda: float(np.float64("inf")), "e")


def test_numeric_rejects_a_mistake_that_would_count_as_right():
    with pytest.raises(ValueError, match="graded as right"):
        Numeric(
            "Q?",
            lambda: float(np.sqrt(4.0)),
            "e",
            tolerance=0.1,
            mistakes=[(lambda: float(np.sqrt(4.0)) + 0.05, "close")],
        )


# -- grading -----------------------------------------------------------------------------


def test_single_choice_grading_explains_the_chosen_option():
    question = relu_question()
    right = grade(question, 1)
    assert right == Feedback(True, "Correct!", {1: (True, "max(0, -3) = 0.")})
    wrong = grade(question, 2)
    assert wrong.correct is False
    assert wrong.option_feedback == {2: (False, "That is |z|, not ReLU.")}
    assert grade(question, "0").correct is True  # the option's text works too


def test_single_choice_without_an_answer_gets_a_message_and_no_mark():
    question = relu_question()
    for response in (None, "", "banana", 7):
        feedback = grade(question, response)
        assert feedback.correct is None
        assert feedback.message


def test_multiple_choice_is_right_only_when_every_mark_is():
    question = zero_centred_question()
    assert grade(question, {0, 2}).correct is True
    assert grade(question, [True, False, True]).correct is True
    feedback = grade(question, {0})
    assert feedback.correct is False
    assert "1 of 3 mark is wrong" in feedback.message
    # Every option gets its own verdict and explanation.
    assert feedback.option_feedback == {
        0: (True, "tanh(0) = 0."),
        1: (True, "sigmoid(0) = 0.5."),
        2: (False, "relu(0) = 0."),
    }
    assert grade(question, set()).correct is False
    assert grade(question, {0, 1, 2}).correct is False


def test_multiple_choice_unreadable_responses_get_no_mark():
    question = zero_centred_question()
    for response in (None, 3, [0, 9], [True, False]):
        assert grade(question, response).correct is None


@pytest.mark.parametrize("entry", ["0.25", ".25", "1/4", "25%", "2.5e-1", " 0.2505 ", 0.25])
def test_numeric_accepts_the_answer_in_any_spelling(entry):
    feedback = grade(sigmoid_slope_at_zero(), entry)
    assert feedback.correct is True
    assert "Correct" in feedback.message


def test_numeric_wrong_answer_fails_and_names_a_known_mistake():
    question = sigmoid_slope_at_zero()
    feedback = grade(question, "0.5")
    assert feedback.correct is False
    assert "That is σ(0), not its slope." in feedback.message
    assert grade(question, "0.252").correct is False  # just outside ±0.001
    assert grade(question, "-0.25").correct is False


def test_numeric_unreadable_entry_gets_a_message_and_no_mark():
    feedback = grade(sigmoid_slope_at_zero(), "abc")
    assert feedback.correct is None
    assert "Could not read 'abc'" in feedback.message
    assert grade(sigmoid_slope_at_zero(), None).correct is None


def test_relative_tolerance_scales_with_the_answer():
    question = Numeric(
        "How many parameters?",
        lambda: float(np.prod([100, 100])),
        "e",
        tolerance=0.01,
        relative=True,
    )
    assert question.allowed_error == pytest.approx(100.0)
    assert grade(question, "10050").correct is True
    assert grade(question, "10200").correct is False


def test_grade_refuses_something_that_is_not_a_question():
    with pytest.raises(ValueError, match="SingleChoice, MultipleChoice or Numeric"):
        grade("what?", 1)


# -- computed options --------------------------------------------------------------------


def test_single_choice_from_values_finds_the_right_option_by_calculation():
    sigmoid = get_activation("sigmoid")
    question = SingleChoice.from_values(
        r"$\sigma'(0)$ is",
        [
            (lambda: float(sigmoid(0.0)), "That is σ(0)."),
            (lambda: float(sigmoid.derivative(0.0)), "Right: 0.5 · 0.5."),
            (1.0, "The slope of the identity."),
        ],
        correct=lambda: float(sigmoid(0.0) * (1 - sigmoid(0.0))),
    )
    assert question.options == ("0.5", "0.25", "1")
    assert question.answer == 1
    assert grade(question, 1).correct is True


def test_single_choice_from_values_needs_exactly_one_match():
    with pytest.raises(ValueError, match="exactly one candidate"):
        SingleChoice.from_values(
            "Q?", [(0.5, "a"), (0.5000000001, "b")], correct=lambda: float(np.float64(0.5))
        )


def test_multiple_choice_from_predicate_computes_which_options_apply():
    names = ["relu", "sigmoid", "tanh", "softplus"]
    question = MultipleChoice.from_predicate(
        "Which are 0 at 0?",
        names,
        lambda name: float(get_activation(name)(0.0)) == 0.0,
        ["relu(0) = 0", "sigmoid(0) = 0.5", "tanh(0) = 0", "softplus(0) = ln 2"],
        label=str.upper,
    )
    assert question.options == ("RELU", "SIGMOID", "TANH", "SOFTPLUS")
    assert question.answers == frozenset({0, 2})


def test_options_and_answers_may_be_functions():
    question = SingleChoice(
        "Largest?",
        [lambda: float(np.exp(0.0)), lambda: float(np.exp(1.0))],
        lambda: 1,
        ["e^0", "e^1"],
    )
    assert question.options == ("1", "2.718")
    assert question.answer == 1


# -- score -------------------------------------------------------------------------------


def test_quiz_score_counts_first_attempts_only():
    score = QuizScore(3)
    seen = []
    score.on_change(lambda s: seen.append(s.text))
    assert score.text == "Score: 0 / 3 (3 still to answer)"
    assert score.record("a", True)
    assert not score.record("a", False)  # a second attempt does not count
    assert not score.record("b", None)  # an unreadable answer is no attempt
    assert score.record("b", True)
    assert score.record("c", False)
    assert score.text == "Score: 2 / 3"
    assert seen == ["Score: 1 / 3 (2 still to answer)", "Score: 2 / 3 (1 still to answer)",
                    "Score: 2 / 3"]  # fmt: skip
    score.reset()
    assert (score.correct, score.answered) == (0, 0)


def test_quiz_score_refuses_more_results_than_questions():
    score = QuizScore(1)
    score.record("a", True)
    with pytest.raises(ValueError, match="already"):
        score.record("b", True)


def test_format_number_groups_large_numbers_and_keeps_their_whole_digits():
    assert format_number(12060.0) == "12,060"
    assert format_number(-2778.0) == "-2,778"
    assert format_number(1234.5678) == "1,235"
    assert format_number(1234.5678, digits=6) == "1,234.57"
    assert format_number(1.9073486328125e-08) == "1.907e-08"  # tiny numbers keep the exponent
