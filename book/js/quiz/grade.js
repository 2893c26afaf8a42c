// The quiz grader of the static page: a port of nnbook/quiz.py, name for name
// (parse_number -> parseNumber, format_number -> formatNumber, grade -> grade, ...).
//
// A question is the object nnbook.quiz_html.grading_data() writes into the page:
//   {kind: "single",   options, answer, explanations}
//   {kind: "multiple", options, answers, explanations}
//   {kind: "numeric",  answer, tolerance, relative, mistakes: [[value, text]], explanation}
// Its texts are HTML already; the messages built here quote them unchanged.
// tests/test_js_quiz.py feeds this module answers that Python graded at test time and
// requires the same verdicts, messages and per-option feedback.

const EXAMPLES = "0.25, .25, 1/4, 25% or 2.5e-1";
export const WHOLE_NUMBER_EXAMPLES = "7 or 120";

// What Python's str.strip() removes: the characters for which str.isspace() is true.
const PYTHON_SPACE =
  "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const STRIP = new RegExp(`^[${PYTHON_SPACE}]+|[${PYTHON_SPACE}]+$`, "g");

// quiz.py's patterns under re.ASCII: \d is [0-9] and \s is [ \t\n\r\f\v].
const NUMBER = "[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?";
const SPACE = "[ \\t\\n\\r\\f\\v]";
const PLAIN = new RegExp(`^(${NUMBER})$`);
const PERCENT = new RegExp(`^(${NUMBER})${SPACE}*%$`);
const FRACTION = new RegExp(`^(${NUMBER})${SPACE}*/${SPACE}*(${NUMBER})$`);

/** The reader's mistake, as ValueError is in Python: its message is shown to the reader. */
export class ValueError extends Error {}

function strip(text) {
  return text.replace(STRIP, "");
}

function pythonTypeName(value) {
  if (value === null || value === undefined) return "NoneType";
  if (Array.isArray(value)) return "list";
  if (typeof value === "object") return "dict";
  return typeof value;
}

/** repr() of the values a response can hold (None, bools, integers, text, lists). */
function pythonRepr(value) {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (typeof value === "string") {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    const escaped = value
      .replace(/\\/g, "\\\\")
      .replace(/\n/g, "\\n")
      .replace(/\r/g, "\\r")
      .replace(/\t/g, "\\t");
    return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
  }
  return String(value);
}

// --------------------------------------------------------------------------------------
// Reading and writing numbers
// --------------------------------------------------------------------------------------

/** Read a number the way a person types it (0.25, .25, 1/4, 25%, 2.5e-1, −0.25). */
export function parseNumber(text, { examples = EXAMPLES } = {}) {
  let value;
  if (typeof text === "boolean") throw new ValueError("expected a number, not True/False");
  if (typeof text === "number") {
    value = text;
  } else {
    if (typeof text !== "string") {
      throw new ValueError(`expected a number typed as text; got ${pythonTypeName(text)}`);
    }
    const cleaned = strip(text).replaceAll("−", "-").replaceAll("–", "-");
    if (!cleaned) throw new ValueError(`Type a number first (for example ${examples}).`);
    let match;
    if ((match = PLAIN.exec(cleaned))) {
      value = Number(match[1]);
    } else if ((match = PERCENT.exec(cleaned))) {
      value = Number(match[1]) / 100;
    } else if ((match = FRACTION.exec(cleaned))) {
      const denominator = Number(match[2]);
      if (denominator === 0) throw new ValueError(`Cannot divide by zero in '${short(strip(text))}'.`);
      value = Number(match[1]) / denominator;
    } else {
      throw new ValueError(
        `Could not read '${short(strip(text))}' as a number. Write it like ${examples}.`,
      );
    }
  }
  if (!Number.isFinite(value)) {
    throw new ValueError(`'${short(strip(String(text)))}' is not a finite number.`);
  }
  return value;
}

/** Long typed text, cut to ``width`` characters with an ellipsis (nnbook.quiz._short). */
function short(text, width = 50) {
  const characters = Array.from(text); // code points, as Python counts them
  return characters.length <= width ? text : characters.slice(0, width - 1).join("") + "…";
}

// Python formats a float from its exact binary value and rounds half to even; JavaScript's
// toFixed/toExponential round half up. So numbers are formatted here from their decimal
// digits (100 significant digits hold every tie a double can have), rounded half to even.

function decimalDigits(x) {
  // x > 0 and finite -> {digits: "123", exponent: e} meaning 1.23 × 10^e
  const text = x.toPrecision(100);
  let [mantissa, exponent] = text.split("e");
  let [whole, fraction = ""] = mantissa.split(".");
  let digits;
  let firstExponent;
  if (exponent !== undefined) {
    digits = whole + fraction;
    firstExponent = Number(exponent);
  } else if (/[1-9]/.test(whole)) {
    digits = (whole + fraction).replace(/^0+/, "");
    firstExponent = whole.replace(/^0+/, "").length - 1;
  } else {
    const zeros = fraction.match(/^0*/)[0].length;
    digits = fraction.slice(zeros);
    firstExponent = -(zeros + 1);
  }
  return { digits: digits.replace(/0+$/, "") || "0", exponent: firstExponent };
}

function roundHalfEven({ digits, exponent }, keep) {
  // Keep `keep` significant digits (keep may be 0 or less: then the value may round to 0).
  if (keep >= digits.length) return { digits, exponent };
  if (keep < 0) return { digits: "0", exponent: 0 };
  const kept = digits.slice(0, keep);
  const rest = digits.slice(keep);
  const last = keep > 0 ? Number(kept[keep - 1]) : 0;
  const tie = rest[0] === "5" && /^5?0*$/.test(rest);
  const up = rest[0] > "5" || (rest[0] === "5" && !tie) || (tie && last % 2 === 1);
  if (!up) {
    return kept ? { digits: kept, exponent } : { digits: "0", exponent: 0 };
  }
  // Add one unit in the last kept place, carrying to the left.
  const raised = (BigInt(kept || "0") + 1n).toString();
  const grew = raised.length > kept.length;
  return { digits: raised, exponent: grew ? exponent + 1 : exponent };
}

function fixedFromDigits({ digits, exponent }, decimals) {
  // digits at exponent -> "iii.fff" with exactly `decimals` places (digits already rounded)
  if (digits === "0") return decimals > 0 ? `0.${"0".repeat(decimals)}` : "0";
  const pointAt = exponent + 1; // how many digits stand before the point
  let whole;
  let fraction;
  if (pointAt <= 0) {
    whole = "0";
    fraction = "0".repeat(-pointAt) + digits;
  } else if (pointAt >= digits.length) {
    whole = digits + "0".repeat(pointAt - digits.length);
    fraction = "";
  } else {
    whole = digits.slice(0, pointAt);
    fraction = digits.slice(pointAt);
  }
  fraction = (fraction + "0".repeat(decimals)).slice(0, decimals);
  return decimals > 0 ? `${whole}.${fraction}` : whole;
}

function pythonFixed(x, decimals) {
  // f"{x:.{decimals}f}"
  if (x === 0) return (Object.is(x, -0) ? "-" : "") + fixedFromDigits({ digits: "0" }, decimals);
  const exact = decimalDigits(Math.abs(x));
  const rounded = roundHalfEven(exact, exact.exponent + 1 + decimals);
  const text = fixedFromDigits(rounded, decimals);
  return x < 0 ? `-${text}` : text;
}

function pythonGeneral(x, precision) {
  // f"{x:.{precision}g}"
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const rounded = roundHalfEven(decimalDigits(Math.abs(x)), precision);
  const exponent = rounded.exponent;
  let text;
  if (exponent >= -4 && exponent < precision) {
    text = fixedFromDigits(rounded, Math.max(0, precision - 1 - exponent));
    if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
  } else {
    const tail = rounded.digits.slice(1).replace(/0+$/, "");
    const sign = exponent < 0 ? "-" : "+";
    const power = String(Math.abs(exponent)).padStart(2, "0");
    text = `${rounded.digits[0]}${tail ? "." + tail : ""}e${sign}${power}`;
  }
  return x < 0 ? `-${text}` : text;
}

function groupThousands(text) {
  const [whole, fraction] = text.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return sign + grouped + (fraction !== undefined ? `.${fraction}` : "");
}

/** A short, readable form: 0.25, 0.1966, 17, 12,060, 1.907e-08 (as quiz.format_number). */
export function formatNumber(value, digits = 4) {
  value = Number(value);
  let text;
  if (Number.isFinite(value) && Math.abs(value) >= 1e3 && Math.abs(value) < 1e15) {
    const wholeDigits = String(Math.trunc(Math.abs(value))).length;
    text = groupThousands(pythonFixed(value, Math.max(0, digits - wholeDigits)));
    if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
  } else {
    text = pythonGeneral(value, digits);
  }
  return text === "-0" ? "0" : text;
}

// --------------------------------------------------------------------------------------
// Numeric questions (the properties of quiz.Numeric)
// --------------------------------------------------------------------------------------

/** The largest distance from the answer that still counts as right. */
export function allowedError(question) {
  return question.relative ? question.tolerance * Math.abs(question.answer) : question.tolerance;
}

/** True when the answer is a whole number and only that number counts as right. */
export function wholeNumber(question) {
  return Number.isInteger(question.answer) && allowedError(question) <= 0.5;
}

/** What the reader may type, as examples. */
export function examplesFor(question) {
  return wholeNumber(question) ? WHOLE_NUMBER_EXAMPLES : EXAMPLES;
}

/** "within ±0.01", "within 2%", or "" for a whole-number question. */
export function toleranceText(question) {
  if (wholeNumber(question)) return "";
  if (question.relative) return `within ${formatNumber(question.tolerance * 100)}%`;
  return `within ±${formatNumber(allowedError(question))}`;
}

export function accepts(question, value) {
  // A hair of slack: an entry exactly on the boundary must not fail on a rounding error.
  return Math.abs(value - question.answer) <= allowedError(question) * (1 + 1e-12);
}

// --------------------------------------------------------------------------------------
// Grading
// --------------------------------------------------------------------------------------

function feedback(correct, message, optionFeedback = {}) {
  // correct: true, false, or null when the response could not be graded.
  return { correct, message, optionFeedback };
}

function checkIndex(value, count, what) {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new ValueError(`${what} must be an option index (an int); got ${pythonRepr(value)}`);
  }
  if (!(value >= 0 && value < count)) {
    throw new ValueError(
      `${what} ${value} is out of range for ${count} options (use 0..${count - 1})`,
    );
  }
  return value;
}

function gradeSingle(question, response) {
  if (response === null || response === undefined) {
    return feedback(null, "Choose an option first.");
  }
  if (typeof response === "string") {
    if (!strip(response)) return feedback(null, "Choose an option first.");
    const index = question.options.indexOf(response);
    if (index < 0) return feedback(null, `'${response}' is not one of the options.`);
    response = index;
  }
  let index;
  try {
    index = checkIndex(response, question.options.length, "option");
  } catch (error) {
    if (error instanceof ValueError) return feedback(null, error.message);
    throw error;
  }
  const right = index === question.answer;
  return feedback(right, right ? "Correct!" : "Not quite.", {
    [index]: [right, question.explanations[index]],
  });
}

function gradeMultiple(question, response) {
  if (response === null || response === undefined) {
    return feedback(null, "Mark the options that apply first.");
  }
  if (!Array.isArray(response)) {
    return feedback(
      null,
      `Expected the indices of the chosen options; got ${pythonRepr(response)}.`,
    );
  }
  const count = question.options.length;
  const chosen = new Set();
  if (response.length > 0 && response.every((flag) => typeof flag === "boolean")) {
    if (response.length !== count) {
      return feedback(
        null,
        `Expected one mark per option (${count}); got ${response.length}.`,
      );
    }
    response.forEach((flag, i) => flag && chosen.add(i));
  } else {
    try {
      response.forEach((i) => chosen.add(checkIndex(i, count, "option")));
    } catch (error) {
      if (error instanceof ValueError) return feedback(null, error.message);
      throw error;
    }
  }
  const perOption = {};
  let wrong = 0;
  for (let i = 0; i < count; i++) {
    const applies = question.answers.includes(i);
    const right = chosen.has(i) === applies;
    if (!right) wrong += 1;
    perOption[i] = [right, question.explanations[i]];
  }
  if (wrong === 0) return feedback(true, "Correct! Every option is marked right.", perOption);
  const marks = wrong === 1 ? "mark is" : "marks are";
  return feedback(false, `Not quite: ${wrong} of ${count} ${marks} wrong.`, perOption);
}

function gradeNumeric(question, response) {
  const examples = examplesFor(question);
  if (response === null || response === undefined) {
    return feedback(null, `Type a number first (for example ${examples}).`);
  }
  let value;
  try {
    value = parseNumber(response, { examples });
  } catch (error) {
    if (error instanceof ValueError) return feedback(null, error.message);
    throw error;
  }
  const shown = formatNumber(value);
  if (accepts(question, value)) return feedback(true, `Correct! ${question.explanation}`);
  let hint = "";
  for (const [wrongValue, explanation] of question.mistakes) {
    if (Math.abs(value - wrongValue) <= allowedError(question)) {
      hint = " " + explanation;
      break;
    }
  }
  const verdict = wholeNumber(question)
    ? `${shown} is not the answer.`
    : `${shown} is not ${toleranceText(question)} of the answer.`;
  return feedback(false, `Not quite: ${verdict}${hint} Try again, or open “Show the answer”.`);
}

/**
 * Grade `response` to `question`, as nnbook.quiz.grade does.
 *
 * single: the chosen option's index (or its text); multiple: the indices of the options
 * marked as applying, or one boolean per option; numeric: the typed text or a number.
 * null: nothing answered yet. Returns {correct, message, optionFeedback}, where
 * optionFeedback maps an option index to [was the reader right about it, explanation].
 */
export function grade(question, response) {
  if (question.kind === "single") return gradeSingle(question, response);
  if (question.kind === "multiple") return gradeMultiple(question, response);
  if (question.kind === "numeric") return gradeNumeric(question, response);
  throw new Error(`grade() needs a single, multiple or numeric question; got ${question.kind}`);
}

// --------------------------------------------------------------------------------------
// Score
// --------------------------------------------------------------------------------------

/** "Score: 2 / 4 (1 still to answer)", as quiz.QuizScore.text. */
export function scoreText({ correct, answered, total }) {
  const left = total - answered;
  const tail = left ? ` (${left} still to answer)` : "";
  return `Score: ${correct} / ${total}${tail}`;
}
