// The playground's whole state in the page's URL, and back.
//
// `toQuery(state)` writes a state as query parameters (only those that differ from
// the defaults, so a link stays short); `fromQuery(search, base)` reads them back,
// keeps every valid one and reports every parameter it had to ignore, so a reader
// who follows a mangled link gets the defaults and a sentence saying why.
//
//   ?data=spiral&layers=8,8&act=tanh&lr=0.1&features=x1,x2,sin1&hide=layers,features

import {
  ACTIVATIONS, BATCH_SIZES, DEFAULTS, FEATURES, HIDEABLE, LEARNING_RATES, LIMITS, LOSSES,
  PROBLEMS, REGULARIZATION_RATES, REGULARIZATIONS, datasetInfo, datasetsFor,
} from "./options.js";

// Parameter name in the URL -> field of the state.
const PARAMETERS = {
  problem: "problem",
  data: "dataset",
  noise: "noise",
  train: "trainPercent",
  batch: "batchSize",
  seed: "seed",
  features: "features",
  layers: "layers",
  act: "activation",
  lr: "learningRate",
  reg: "regularization",
  regrate: "regularizationRate",
  loss: "loss",
  test: "showTest",
  disc: "discretize",
  hide: "hide",
};
// Parameters other parts of the book may put in a URL; never reported as garbage.
const FOREIGN = new Set(["highlight"]);

const ids = (list) => list.map((item) => item.id);

function oneOf(known) {
  return (text) => {
    if (!known.includes(text)) throw new Error(`choose one of ${known.join(", ")}`);
    return text;
  };
}

function numberIn(known) {
  return (text) => {
    const value = Number(text);
    const match = known.find((k) => Math.abs(k - value) <= 1e-12 * Math.max(1, k));
    if (text === "" || match === undefined) throw new Error(`choose one of ${known.join(", ")}`);
    return match;
  };
}

function stepped([low, high], step) {
  return (text) => {
    const value = Number(text);
    if (text === "" || !Number.isFinite(value) || value < low - 1e-9 || value > high + 1e-9) {
      throw new Error(`choose a number from ${low} to ${high}`);
    }
    return Math.round(Math.round(value / step) * step * 1e6) / 1e6;
  };
}

function whole([low, high]) {
  return (text) => {
    if (!/^\d+$/.test(text) || Number(text) < low || Number(text) > high) {
      throw new Error(`choose a whole number from ${low} to ${high}`);
    }
    return Number(text);
  };
}

function flag(text) {
  if (text !== "0" && text !== "1") throw new Error("write 1 (on) or 0 (off)");
  return text === "1";
}

function list(known, { allowEmpty }) {
  return (text) => {
    const items = text === "" || text === "none" ? [] : text.split(",");
    if (!allowEmpty && items.length === 0) throw new Error(`list at least one of ${known.join(", ")}`);
    for (const item of items) {
      if (!known.includes(item)) throw new Error(`${JSON.stringify(item)} is not one of ${known.join(", ")}`);
    }
    if (new Set(items).size !== items.length) throw new Error("name each item once");
    return items;
  };
}

function widths(text) {
  const items = text === "" || text === "none" || text === "0" ? [] : text.split(",");
  const [low, high] = LIMITS.width;
  if (items.length > LIMITS.hiddenLayers[1]) {
    throw new Error(`at most ${LIMITS.hiddenLayers[1]} hidden layers`);
  }
  return items.map((item) => {
    if (!/^\d+$/.test(item) || Number(item) < low || Number(item) > high) {
      throw new Error(`every layer width must be a whole number from ${low} to ${high}`);
    }
    return Number(item);
  });
}

const READERS = {
  problem: oneOf(ids(PROBLEMS)),
  dataset: (text) => {
    if (!datasetInfo(text)) {
      throw new Error(`choose one of ${ids([...datasetsFor("classification"), ...datasetsFor("regression")]).join(", ")}`);
    }
    return text;
  },
  noise: stepped(LIMITS.noise, LIMITS.noiseStep),
  trainPercent: (text) => {
    const value = stepped(LIMITS.trainPercent, LIMITS.trainPercentStep)(text);
    return Math.round(value);
  },
  batchSize: (text) => numberIn(BATCH_SIZES)(text === "all" ? "0" : text),
  seed: whole(LIMITS.seed),
  features: list(ids(FEATURES), { allowEmpty: false }),
  layers: widths,
  activation: oneOf(ids(ACTIVATIONS)),
  learningRate: numberIn(LEARNING_RATES),
  regularization: oneOf(ids(REGULARIZATIONS)),
  regularizationRate: numberIn(REGULARIZATION_RATES),
  loss: oneOf(ids(LOSSES)),
  showTest: flag,
  discretize: flag,
  hide: list(HIDEABLE, { allowEmpty: true }),
};

const WRITERS = {
  features: (v) => v.join(","),
  layers: (v) => (v.length ? v.join(",") : "none"),
  hide: (v) => v.join(","),
  showTest: (v) => (v ? "1" : "0"),
  discretize: (v) => (v ? "1" : "0"),
  batchSize: (v) => (v === 0 ? "all" : String(v)),
};

function write(field, value) {
  return WRITERS[field] ? WRITERS[field](value) : String(value);
}

/** Check a state (from a URL or from the chapter's settings); returns
 * { state, ignored } where `ignored` lists "name=value (reason)" for each value that
 * fell back to `base`. Values may be strings (from a URL) or already typed. */
export function checkState(values, base = DEFAULTS, nameOf = (field) => field) {
  const state = structuredClone({ ...DEFAULTS, ...base });
  const ignored = [];
  for (const [field, raw] of Object.entries(values)) {
    const reader = READERS[field];
    if (!reader) {
      ignored.push(`${field} (not a playground setting)`);
      continue;
    }
    const text = typeof raw === "string" ? raw : write(field, raw);
    try {
      state[field] = reader(text);
    } catch (error) {
      ignored.push(`${nameOf(field)}=${text.slice(0, 40)} (${error.message})`);
    }
  }
  // A data set of the other kind of problem: follow the data set.
  const info = datasetInfo(state.dataset);
  if ((info.classes === 0) !== (state.problem === "regression")) {
    if ("problem" in values && "dataset" in values) {
      ignored.push(`${nameOf("dataset")}=${state.dataset} (not a ${state.problem} data set)`);
      state.dataset = datasetsFor(state.problem)[0].id;
    } else if ("dataset" in values) {
      state.problem = info.classes === 0 ? "regression" : "classification";
    } else {
      state.dataset = datasetsFor(state.problem)[0].id;
    }
  }
  return { state, ignored };
}

/** Read a URL's query string (location.search). */
export function fromQuery(search, base = DEFAULTS) {
  const values = {};
  const unknown = [];
  for (const [name, value] of new URLSearchParams(search)) {
    if (FOREIGN.has(name)) continue;
    if (PARAMETERS[name]) values[PARAMETERS[name]] = value;
    else unknown.push(`${name.slice(0, 30)} (not a playground setting)`);
  }
  const urlName = Object.fromEntries(Object.entries(PARAMETERS).map(([name, field]) => [field, name]));
  const { state, ignored } = checkState(values, base, (field) => urlName[field] ?? field);
  return { state, ignored: [...unknown, ...ignored], given: Object.keys(values).length > 0 };
}

/** The query string of a state: the parameters that differ from `base`. */
export function toQuery(state, base = DEFAULTS) {
  const params = new URLSearchParams();
  for (const [name, field] of Object.entries(PARAMETERS)) {
    const value = write(field, state[field]);
    if (value !== write(field, base[field] ?? DEFAULTS[field])) params.set(name, value);
  }
  // Keep commas readable in a link.
  return params.toString().replaceAll("%2C", ",");
}

/** The same URL with the playground's parameters replaced by `state`'s. */
export function urlWithState(href, state, base = DEFAULTS) {
  const url = new URL(href);
  for (const name of Object.keys(PARAMETERS)) url.searchParams.delete(name);
  const ours = toQuery(state, base);
  const rest = url.searchParams.toString();
  url.search = [rest, ours].filter(Boolean).join("&");
  return url.toString();
}
