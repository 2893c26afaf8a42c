// The quiz of the static page: single choice, multiple choice and numeric questions,
// graded in the reader's browser by ../quiz/grade.js (a port of nnbook.quiz.grade) and
// remembered in this browser by ../quiz/memory.js.
//
// Settings (nnbook.quiz_html.quiz_settings):
//   {role: "chapter" | "question" | "predict", title, chapter, questions: [...]}
// Every question carries its texts as HTML, what grade.js needs to grade it, and the
// verdict shown for each option (single choice) or each mark (multiple choice).
//
// - "chapter": numbered questions under a title, with the chapter's score (the first
//   graded answer to each question counts, as nnbook.quiz.QuizScore).
// - "predict": one question; the result it asks about (the next code cell with an
//   output on the page) stays folded until the reader has answered.
// - "question": one question on its own.
// Answers come back on the next visit; the progress page (quiz-progress.js) lists the
// chapters' scores.

import { grade, scoreText } from "../quiz/grade.js";
import * as memory from "../quiz/memory.js";

const STYLESHEET = new URL("./quiz.css", import.meta.url);
const SYMBOLS = { right: "✓", wrong: "✗", info: "ℹ" };
let counter = 0;

function uniqueId(stem) {
  counter += 1;
  return `nnz-${stem}-${counter}`;
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "html") node.innerHTML = value;
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter(Boolean));
  return node;
}

function loadStylesheet(url) {
  if (document.querySelector(`link[data-nnz-style="${url}"]`)) return Promise.resolve();
  return new Promise((resolve) => {
    const link = element("link", { rel: "stylesheet", href: url, "data-nnz-style": url });
    link.addEventListener("load", resolve);
    link.addEventListener("error", resolve); // unstyled beats missing
    document.head.append(link);
  });
}

/** A verdict box: a coloured bar and a symbol, so it does not rely on colour alone. */
function verdictBox(correct, head, bodyHtml = "") {
  const kind = correct === true ? "right" : correct === false ? "wrong" : "info";
  const box = element("div", { class: `nnz-verdict nnz-verdict-${kind}` });
  const strong = element("strong", {});
  strong.append(element("span", { "aria-hidden": "true", text: SYMBOLS[kind] + " " }));
  strong.append(head);
  box.append(strong);
  if (bodyHtml) box.append(" ", element("span", { html: bodyHtml }));
  return box;
}

/** The message of a feedback: HTML when graded (it quotes the explanations), else text. */
function messageBox(feedback) {
  if (feedback.correct === null) return verdictBox(null, feedback.message);
  const box = verdictBox(feedback.correct, "");
  box.append(element("span", { html: feedback.message }));
  return box;
}

function pageTitle() {
  const heading = document.querySelector("main h1, article h1, h1");
  if (!heading) return document.title;
  const copy = heading.cloneNode(true);
  copy.querySelectorAll(".headerlink").forEach((link) => link.remove());
  return copy.textContent.replace(/\s+/g, " ").trim();
}

/** The level of the quiz's title: under a section called "Quiz", else beside the h2s. */
function titleLevel(host) {
  const section = host.closest("section");
  const heading = section && section.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4, :scope > h5");
  if (heading && /quiz/i.test(heading.textContent)) {
    return Math.min(6, Number(heading.tagName.slice(1)) + 1);
  }
  return 2;
}

// --------------------------------------------------------------------------------------
// One question
// --------------------------------------------------------------------------------------

class QuestionForm {
  constructor(question, { onCheck }) {
    this.question = question;
    this.id = uniqueId("question");
    this.form = element("form", { class: `nnz-question nnz-question-${question.kind}`, novalidate: true });
    const fieldset = element("fieldset", {});
    const legend = element("legend", {});
    legend.append(element("strong", { text: question.heading }), " ");
    legend.append(element("span", { class: "nnz-prompt", html: question.prompt }));
    fieldset.append(legend);
    this.optionFeedback = [];
    if (question.kind === "numeric") fieldset.append(this.buildEntry());
    else fieldset.append(this.buildOptions());
    this.form.append(fieldset);
    this.checkButton = element("button", { type: "submit", class: "nnz-check", text: "Check" });
    this.form.append(element("div", { class: "nnz-actions" }, this.checkButton));
    // Announced by screen readers whenever its content changes.
    this.feedback = element("div", {
      class: "nnz-feedback",
      role: "status",
      "aria-live": "polite",
      "aria-atomic": "true",
    });
    this.form.append(this.feedback);
    if (question.kind === "numeric") {
      const answer = element("details", { class: "nnz-answer" });
      answer.append(element("summary", { text: "Show the answer" }));
      answer.append(element("div", { class: "nnz-answer-body", html: question.answer_html }));
      this.form.append(answer);
    }
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      onCheck(this);
    });
    this.form.addEventListener("input", () => this.clear());
  }

  buildOptions() {
    const q = this.question;
    const list = element("div", { class: "nnz-options" });
    if (q.kind === "multiple" && !/all that apply/i.test(q.prompt)) {
      list.append(element("p", { class: "nnz-hint", text: "Select all that apply." }));
    }
    this.inputs = q.options.map((optionHtml, i) => {
      const inputId = `${this.id}-option-${i}`;
      const feedbackId = `${inputId}-feedback`;
      const input = element("input", {
        type: q.kind === "single" ? "radio" : "checkbox",
        name: this.id, // the radios of one question share a name: one group
        id: inputId,
        value: String(i),
      });
      const label = element("label", { for: inputId, class: "nnz-option-text", html: optionHtml });
      const row = element("div", { class: "nnz-option" }, input, label);
      if (q.kind === "multiple") {
        const feedback = element("div", { class: "nnz-option-feedback", id: feedbackId });
        input.setAttribute("aria-describedby", feedbackId);
        row.append(feedback);
        this.optionFeedback.push(feedback);
      }
      list.append(row);
      return input;
    });
    return list;
  }

  buildEntry() {
    const q = this.question;
    const inputId = `${this.id}-entry`;
    this.entry = element("input", {
      type: "text",
      id: inputId,
      class: "nnz-entry",
      placeholder: q.placeholder,
      autocomplete: "off",
      spellcheck: "false",
      autocapitalize: "off",
    });
    const row = element("div", { class: "nnz-entry-row" });
    row.append(element("label", { for: inputId, text: "Your answer" }), this.entry);
    if (q.unit) row.append(element("span", { class: "nnz-unit", text: q.unit }));
    return row;
  }

  /** The reader's current answer, in the form grade() takes. */
  response() {
    const q = this.question;
    if (q.kind === "numeric") return this.entry.value;
    const checked = this.inputs.flatMap((input, i) => (input.checked ? [i] : []));
    if (q.kind === "single") return checked.length ? checked[0] : null;
    return checked;
  }

  setResponse(response) {
    const q = this.question;
    if (q.kind === "numeric") {
      this.entry.value = typeof response === "string" ? response : "";
      return;
    }
    const chosen = q.kind === "single" ? [response] : Array.isArray(response) ? response : [];
    this.inputs.forEach((input, i) => {
      input.checked = chosen.includes(i);
    });
  }

  clear() {
    this.feedback.replaceChildren();
    this.optionFeedback.forEach((node) => node.replaceChildren());
  }

  /** Show `feedback`; `note` (optional) goes under it. Returns the boxes shown. */
  show(feedback, note = "") {
    const q = this.question;
    const boxes = [];
    if (q.kind === "single" && feedback.correct !== null) {
      const index = Number(Object.keys(feedback.optionFeedback)[0]);
      const verdict = q.feedback[index];
      boxes.push(verdictBox(verdict.right, verdict.head, verdict.body));
    } else {
      boxes.push(messageBox(feedback));
    }
    if (note) boxes.push(element("p", { class: "nnz-note", text: note }));
    this.feedback.replaceChildren(...boxes);
    if (q.kind === "multiple") {
      const chosen = new Set(this.response());
      this.optionFeedback.forEach((node, i) => {
        if (feedback.correct === null) {
          node.replaceChildren();
          return;
        }
        const verdict = q.feedback[i][chosen.has(i) ? 0 : 1];
        node.replaceChildren(verdictBox(verdict.right, verdict.head, verdict.body));
      });
    }
    return [this.feedback, ...this.optionFeedback];
  }
}

// --------------------------------------------------------------------------------------
// The folded result of a predict-then-run question
// --------------------------------------------------------------------------------------

/** The first code cell after `host` that shows an output: the result to predict. */
function resultCellAfter(host) {
  const own = host.closest(".cell");
  if (!own) return null;
  const cells = Array.from(document.querySelectorAll(".cell"));
  return (
    cells
      .slice(cells.indexOf(own) + 1)
      .find((cell) => {
        const output = cell.querySelector(".cell_output");
        return Boolean(
          output && (output.textContent.trim() || output.querySelector("img, svg, canvas")),
        );
      }) || null
  );
}

class Fold {
  constructor(cell) {
    this.cell = cell;
    this.note = element("div", { class: "nnz-predict-fold" });
    this.note.append(
      element("p", {
        text: "The result below stays folded until you have answered the question above.",
      }),
    );
    const skip = element("button", { type: "button", text: "Show it without answering" });
    skip.addEventListener("click", () => this.open());
    this.note.append(skip);
    cell.before(this.note);
    cell.hidden = true;
  }

  get isOpen() {
    return !this.cell.hidden;
  }

  open() {
    this.cell.hidden = false;
    this.note.remove();
  }
}

// --------------------------------------------------------------------------------------
// The quiz
// --------------------------------------------------------------------------------------

class PageQuiz {
  constructor(host, settings) {
    this.settings = settings;
    this.role = settings.role;
    this.chapter = settings.chapter ?? null;
    this.scope = memory.scopeName(this.chapter);
    this.root = element("div", { class: `nnz-quiz nnz-quiz-${this.role}` });
    this.results = new Map(); // key -> verdict of the first graded attempt
    this.quizKeys = this.role === "chapter" ? settings.questions.map((q) => q.key) : [];
    if (this.role === "chapter" && settings.title) {
      const level = titleLevel(host);
      this.root.append(element(`h${level}`, { class: "nnz-quiz-title", text: settings.title }));
    }
    this.forms = settings.questions.map((question) => {
      const form = new QuestionForm(question, { onCheck: (f) => this.check(f) });
      this.root.append(form.form);
      return form;
    });
    if (this.role === "chapter") {
      this.score = element("p", { class: "nnz-quiz-score" });
      this.root.append(this.score);
    }
    this.fold = null;
    if (this.role === "predict") {
      const cell = resultCellAfter(host);
      if (cell) this.fold = new Fold(cell);
    }
  }

  /** Answers kept from earlier visits come back, with their feedback. */
  restore() {
    const record = memory.loadScope(this.scope, this.chapter);
    const stale = [];
    for (const form of this.forms) {
      const q = form.question;
      const kept = record.answers[q.key];
      if (!kept) continue;
      if (kept.fingerprint !== q.fingerprint) {
        stale.push(q.key); // the question changed since: its old answer does not apply
        continue;
      }
      if (typeof kept.first === "boolean") this.results.set(q.key, kept.first);
      form.setResponse(kept.response);
      const feedback = grade(q, form.response());
      if (feedback.correct !== null) form.show(feedback);
      if (this.fold && typeof kept.first === "boolean") this.fold.open();
    }
    memory.updateScope(this.scope, this.chapter, (stored) => {
      stale.forEach((key) => delete stored.answers[key]);
      if (this.role === "chapter") {
        stored.quiz = this.quizKeys;
        stored.title = pageTitle();
        stored.url = window.location.pathname;
      }
    });
    this.showScore();
  }

  check(form) {
    const q = form.question;
    const response = form.response();
    const feedback = grade(q, response);
    let note = "";
    if (feedback.correct !== null) {
      const first = !this.results.has(q.key);
      if (first) this.results.set(q.key, feedback.correct);
      else if (this.role === "chapter") note = "(Only your first answer counts toward the score.)";
      memory.updateScope(this.scope, this.chapter, (stored) => {
        const kept = stored.answers[q.key];
        const firstVerdict = kept && typeof kept.first === "boolean" ? kept.first : feedback.correct;
        stored.answers[q.key] = { fingerprint: q.fingerprint, first: firstVerdict, response };
      });
      if (this.fold) this.fold.open();
    }
    form.show(feedback, note);
    this.showScore();
    return feedback;
  }

  showScore() {
    if (!this.score) return;
    let correct = 0;
    for (const key of this.quizKeys) if (this.results.get(key) === true) correct += 1;
    const answered = this.quizKeys.filter((key) => this.results.has(key)).length;
    this.score.textContent = scoreText({ correct, answered, total: this.quizKeys.length });
  }
}

export async function mount(host, settings) {
  await loadStylesheet(STYLESHEET);
  const quiz = new PageQuiz(host, settings);
  host.append(quiz.root);
  quiz.restore();
  return quiz;
}
