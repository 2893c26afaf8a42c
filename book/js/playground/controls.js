// Small accessible controls for the playground, in plain DOM: every one has a visible
// label tied to it, sliders announce the value they show (aria-valuetext), toggle
// buttons expose aria-pressed, and each control is wrapped in an element carrying
// data-control="NAME" so a teacher's link can hide it (hide=NAME).

let counter = 0;
const uid = (stem) => `nnz-pg-${stem}-${++counter}`;

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** A slider over a list of values (`values[i]` at position i); `format(value)` is
 * what the readout shows and what a screen reader hears. */
export function slider({ name, label, values, value, format = String, onChange }) {
  const id = uid(name);
  const input = element("input", {
    type: "range", id, min: 0, max: values.length - 1, step: 1,
    value: Math.max(0, values.indexOf(value)), "data-setting": name,
  });
  const readout = element("output", { for: id, class: "nnz-pg-readout" });
  const show = () => {
    const v = values[Number(input.value)];
    readout.textContent = format(v);
    input.setAttribute("aria-valuetext", format(v));
  };
  show();
  input.addEventListener("input", show);
  input.addEventListener("change", () => onChange(values[Number(input.value)]));
  const wrapper = element("div", { class: "nnz-pg-field", "data-control": name },
    element("label", { for: id }, label, " ", readout), input);
  return {
    wrapper,
    input,
    set(v) { input.value = String(Math.max(0, values.indexOf(v))); show(); },
  };
}

/** A labelled <select>. */
export function select({ name, label, options, value, onChange }) {
  const id = uid(name);
  const node = element("select", { id, "data-setting": name },
    ...options.map((o) => element("option", { value: o.id, text: o.label })));
  node.value = value;
  node.addEventListener("change", () => onChange(node.value));
  const wrapper = element("div", { class: "nnz-pg-field", "data-control": name },
    element("label", { for: id, text: label }), node);
  return { wrapper, input: node, set(v) { node.value = v; } };
}

/** A toggle button (aria-pressed). */
export function toggle({ name, label, pressed, onChange, title }) {
  const button = element("button", {
    type: "button", class: "nnz-pg-toggle", "aria-pressed": String(Boolean(pressed)),
    "data-setting": name, title,
  }, label);
  button.addEventListener("click", () => {
    const now = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", String(now));
    onChange(now);
  });
  return {
    button,
    set(v) { button.setAttribute("aria-pressed", String(Boolean(v))); },
  };
}

/** A checkbox with its label. */
export function checkbox({ name, label, checked, onChange }) {
  const id = uid(name);
  const input = element("input", { type: "checkbox", id, "data-setting": name });
  input.checked = Boolean(checked);
  input.addEventListener("change", () => onChange(input.checked));
  const wrapper = element("div", { class: "nnz-pg-check", "data-control": name },
    input, element("label", { for: id, text: label }));
  return { wrapper, input, set(v) { input.checked = Boolean(v); } };
}

/** − count + : a small stepper with an accessible name for each button. */
export function stepper({ name, label, value, min, max, onChange, describe }) {
  const minus = element("button", { type: "button", class: "nnz-pg-step", "data-setting": `${name}-minus` }, "−");
  const plus = element("button", { type: "button", class: "nnz-pg-step", "data-setting": `${name}-plus` }, "+");
  const count = element("span", { class: "nnz-pg-count", "aria-live": "off" });
  let current = value;
  const show = () => {
    count.textContent = describe(current);
    minus.disabled = current <= min;
    plus.disabled = current >= max;
    minus.setAttribute("aria-label", `${label}: one fewer (now ${describe(current)})`);
    plus.setAttribute("aria-label", `${label}: one more (now ${describe(current)})`);
  };
  minus.addEventListener("click", () => { if (current > min) { current -= 1; show(); onChange(current); } });
  plus.addEventListener("click", () => { if (current < max) { current += 1; show(); onChange(current); } });
  show();
  const wrapper = element("div", { class: "nnz-pg-stepper" }, minus, count, plus);
  return { wrapper, set(v) { current = v; show(); }, minus, plus };
}
