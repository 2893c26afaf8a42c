// The progress page: every chapter's quiz score, read from this browser's memory of
// the reader's answers (../quiz/memory.js), with a reset for each chapter and for all.
//
// Settings (nnbook.quiz_html.progress_settings): {chapters: [{chapter, questions}]},
// every chapter that has a quiz and its number of questions. A chapter's title and link
// come from the book's navigation on this page, else from the chapter's last visit.

import * as memory from "../quiz/memory.js";

const STYLESHEET = new URL("./quiz.css", import.meta.url);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

function loadStylesheet(url) {
  if (document.querySelector(`link[data-nnz-style="${url}"]`)) return Promise.resolve();
  return new Promise((resolve) => {
    const link = element("link", { rel: "stylesheet", href: url, "data-nnz-style": url });
    link.addEventListener("load", resolve);
    link.addEventListener("error", resolve);
    document.head.append(link);
  });
}

/** The navigation's link to chapter `number` (its file is chapters/NN_...). */
function chapterLink(number) {
  const stem = `chapters/${String(number).padStart(2, "0")}_`;
  return (
    Array.from(document.querySelectorAll("nav a[href]")).find((link) =>
      link.getAttribute("href").includes(stem),
    ) || null
  );
}

function chapterCell(entry, record) {
  const link = chapterLink(entry.chapter);
  const title = link
    ? link.textContent.replace(/\s+/g, " ").trim()
    : record.title || `Chapter ${entry.chapter}`;
  const href = link ? link.getAttribute("href") : record.url;
  const cell = element("th", { scope: "row" });
  cell.append(href ? element("a", { href, text: title }) : title);
  return cell;
}

class Progress {
  constructor(settings) {
    this.chapters = settings.chapters || [];
    this.root = element("div", { class: "nnz-progress" });
    this.table = element("table", {});
    this.table.append(element("caption", { text: "Your score in each chapter's quiz" }));
    const head = element("tr", {});
    for (const text of ["Chapter", "Score", "Answered", ""]) {
      head.append(element("th", { scope: "col", text }));
    }
    head.lastChild.append(element("span", { class: "visually-hidden", text: "Reset" }));
    this.table.append(element("thead", {}, head));
    this.body = element("tbody", {});
    this.table.append(this.body);
    this.total = element("p", { class: "nnz-progress-total" });
    const resetAll = element("button", { type: "button", text: "Reset all my answers" });
    resetAll.addEventListener("click", () => {
      memory.clearAll();
      this.render("Every answer is forgotten.");
    });
    // Says what a reset did (screen readers hear it too).
    this.status = element("p", { class: "nnz-progress-status", role: "status" });
    // The table scrolls inside its own box where a phone is narrower than its columns.
    const tableBox = element("div", { class: "nnz-progress-table" }, this.table);
    this.root.append(tableBox, this.total, resetAll, this.status);
    // Another tab answered a question: show it here too.
    window.addEventListener("storage", (event) => {
      if (event.key === memory.STORAGE_KEY || event.key === null) this.render();
    });
  }

  render(message = "") {
    const stored = memory.loadAll();
    let correct = 0;
    let answered = 0;
    let total = 0;
    const rows = this.chapters.map((entry) => {
      const scope = memory.scopeName(entry.chapter);
      const record = memory.loadScope(scope, entry.chapter);
      const score = stored[scope] ? memory.scoreOf(record) : { correct: 0, answered: 0 };
      correct += score.correct;
      answered += score.answered;
      total += entry.questions;
      const row = element("tr", { "data-chapter": String(entry.chapter) });
      row.append(chapterCell(entry, record));
      row.append(element("td", { class: "nnz-progress-score", text: `${score.correct} / ${entry.questions}` }));
      row.append(
        element("td", {
          class: "nnz-progress-answered",
          text: score.answered ? `${score.answered} of ${entry.questions}` : "not started",
        }),
      );
      const reset = element("button", {
        type: "button",
        class: "nnz-secondary",
        "aria-label": `Reset chapter ${entry.chapter}`,
        text: "Reset",
      });
      reset.disabled = !stored[scope];
      reset.addEventListener("click", () => {
        memory.clearScope(scope);
        this.render(`Your answers to chapter ${entry.chapter} are forgotten.`);
      });
      row.append(element("td", {}, reset));
      return row;
    });
    this.body.replaceChildren(...rows);
    const left = total - answered;
    this.total.textContent =
      `All chapters together: ${correct} of ${total} right` +
      (left ? ` (${left} still to answer).` : ".");
    this.status.textContent = message;
  }
}

export async function mount(host, settings) {
  await loadStylesheet(STYLESHEET);
  const progress = new Progress(settings);
  host.append(progress.root);
  progress.render();
  return progress;
}
