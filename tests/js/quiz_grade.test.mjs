// The page's quiz grader (book/js/quiz/grade.js) against nnbook.quiz.
//
// Run by tests/test_js_quiz.py, which writes the cases Python graded at test time to the
// JSON file named by NNZ_QUIZ_VECTORS and runs `node --test` on this file. No expected
// value here is typed by hand.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { formatNumber, grade, parseNumber, scoreText } from "../../book/js/quiz/grade.js";

const path = process.env.NNZ_QUIZ_VECTORS;
if (!path) throw new Error("set NNZ_QUIZ_VECTORS to the JSON file tests/test_js_quiz.py writes");
const vectors = JSON.parse(readFileSync(path, "utf8"));

function sameNumber(actual, expected) {
  // Exactly the same double (0 and -0 told apart).
  return Object.is(actual, expected);
}

function failures(cases, check) {
  const wrong = [];
  for (const item of cases) {
    const problem = check(item);
    if (problem) wrong.push(problem);
  }
  return wrong;
}

function report(wrong, total) {
  assert.ok(total > 0, "no cases were given");
  assert.deepEqual(wrong.slice(0, 8), [], `${wrong.length} of ${total} cases differ from Python`);
}

test("parseNumber reads every entry as quiz.parse_number does", () => {
  const wrong = failures(vectors.parse_number, ({ text, examples, value, error }) => {
    let got;
    try {
      got = { value: parseNumber(text, examples ? { examples } : {}) };
    } catch (thrown) {
      got = { error: thrown.message };
    }
    if (error !== undefined) {
      return got.error === error ? null : { text, expected: { error }, got };
    }
    return got.error === undefined && sameNumber(got.value, value)
      ? null
      : { text, expected: { value }, got };
  });
  report(wrong, vectors.parse_number.length);
});

test("formatNumber writes every number as quiz.format_number does", () => {
  const wrong = failures(vectors.format_number, ({ value, digits, text }) => {
    const got = formatNumber(value, digits);
    return got === text ? null : { value, digits, expected: text, got };
  });
  report(wrong, vectors.format_number.length);
});

test("grade gives every response the verdict, message and option feedback of quiz.grade", () => {
  const wrong = failures(vectors.grade, ({ label, question, response, expected }) => {
    const got = grade(question, response);
    const same =
      got.correct === expected.correct &&
      got.message === expected.message &&
      JSON.stringify(Object.entries(got.optionFeedback)) ===
        JSON.stringify(Object.entries(expected.option_feedback));
    return same ? null : { label, response, expected, got };
  });
  report(wrong, vectors.grade.length);
});

test("scoreText reads as quiz.QuizScore.text", () => {
  const wrong = failures(vectors.score_text, ({ correct, answered, total, text }) => {
    const got = scoreText({ correct, answered, total });
    return got === text ? null : { correct, answered, total, expected: text, got };
  });
  report(wrong, vectors.score_text.length);
});
