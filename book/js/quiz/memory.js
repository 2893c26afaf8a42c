// The reader's quiz answers, kept in this browser (localStorage) and nowhere else.
//
// One entry, STORAGE_KEY, holds a JSON object with one record per chapter:
//
//   { "chapter-3": { chapter: 3, title: "Chapter 3 — ...", url: "/chapters/03_....html",
//                    quiz: ["ch3-slope", ...],            // keys of the chapter quiz
//                    answers: { "ch3-slope": { fingerprint: "1f5e...", first: true,
//                                              response: "0.25" }, ... } } }
//
// `first` is the verdict on the first graded attempt, the one that counts toward the
// score (as nnbook.quiz.QuizScore); `response` is the latest answer, shown again on the
// next visit. A page whose quiz belongs to no chapter uses its own address ("page:/...").
// When storage is unavailable (a private window, a file:// page) nothing is kept and the
// quizzes still work.

export const STORAGE_KEY = "nnz-quiz-answers-v1";

export function scopeName(chapter) {
  return chapter === null || chapter === undefined
    ? `page:${window.location.pathname}`
    : `chapter-${chapter}`;
}

export function loadAll() {
  try {
    const text = window.localStorage.getItem(STORAGE_KEY);
    const data = text ? JSON.parse(text) : {};
    return data && typeof data === "object" && !Array.isArray(data) ? data : {};
  } catch {
    return {};
  }
}

function saveAll(data) {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(data));
    return true;
  } catch {
    return false;
  }
}

function emptyRecord(chapter) {
  return { chapter: chapter ?? null, title: "", url: "", quiz: [], answers: {} };
}

/** The record of one scope (a fresh empty one when nothing is stored). */
export function loadScope(scope, chapter = null) {
  const record = loadAll()[scope];
  if (!record || typeof record !== "object") return emptyRecord(chapter);
  return { ...emptyRecord(chapter), ...record, answers: { ...(record.answers || {}) } };
}

/** Change one scope's record: `change(record)` edits it in place; read, change, write. */
export function updateScope(scope, chapter, change) {
  const data = loadAll();
  const record = data[scope] && typeof data[scope] === "object" ? data[scope] : emptyRecord(chapter);
  record.answers = record.answers || {};
  change(record);
  data[scope] = record;
  return saveAll(data);
}

export function clearScope(scope) {
  const data = loadAll();
  delete data[scope];
  return saveAll(data);
}

export function clearAll() {
  try {
    window.localStorage.removeItem(STORAGE_KEY);
    return true;
  } catch {
    return false;
  }
}

/** {correct, answered} over the chapter quiz's keys (predictions do not count). */
export function scoreOf(record, keys = record.quiz || []) {
  let correct = 0;
  let answered = 0;
  for (const key of keys) {
    const entry = record.answers && record.answers[key];
    if (!entry || typeof entry.first !== "boolean") continue;
    answered += 1;
    if (entry.first) correct += 1;
  }
  return { correct, answered };
}
