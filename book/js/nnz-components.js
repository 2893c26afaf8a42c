// Mounts the book's live components on a static page.
//
// nnbook.components.component_html() writes, for each component a chapter shows,
//
//   <div class="nnz-component" data-nnz-component="NAME">
//     <script type="application/json">{ ...settings... }</script>
//     <figure class="nnz-fallback">...a picture and its text alternative...</figure>
//   </div>
//
// This module finds every such element and hands it, with its parsed settings, to
// the `mount(element, settings)` that components/NAME.js exports. The fallback stays
// for readers without scripts and for print; a mounted component hides it. One
// component failing leaves the others (and its own fallback) in place.

const componentsFolder = new URL("./components/", import.meta.url);

function readSettings(element) {
  const script = element.querySelector(":scope > script[type='application/json']");
  return script ? JSON.parse(script.textContent) : {};
}

function loadModule(name) {
  if (!/^[a-z0-9_-]+$/.test(name)) return Promise.reject(new Error(`bad component name ${JSON.stringify(name)}`));
  return import(new URL(`${name}.js`, componentsFolder));
}

// Mounting draws the component's first picture, and some compute a whole training run
// for it: done all at once that is one long task, during which a phone shows nothing
// and answers no tap. One component a task lets the page paint and respond between
// them, and the ones on screen go first.
const nextTask = () => new Promise((resume) => setTimeout(resume, 0));

function onScreenFirst(elements) {
  const height = window.innerHeight;
  const distance = (element) => {
    const box = element.getBoundingClientRect();
    return box.bottom < 0 ? -box.bottom : Math.max(0, box.top - height);
  };
  const distances = new Map(elements.map((element) => [element, distance(element)]));
  return [...elements].sort((a, b) => distances.get(a) - distances.get(b));
}

export async function mountAll(root = document) {
  const pending = [...root.querySelectorAll("[data-nnz-component]:not(.nnz-mounted)")];
  // every module is fetched at once; each component mounts when its turn comes
  const modules = new Map(pending.map((element) => [element, loadModule(element.dataset.nnzComponent)]));
  modules.forEach((module) => module.catch(() => {})); // reported below, at its turn
  for (const element of onScreenFirst(pending)) {
    await nextTask();
    try {
      const module = await modules.get(element);
      await module.mount(element, readSettings(element));
      element.classList.add("nnz-mounted");
    } catch (reason) {
      element.classList.add("nnz-failed");
      console.error(`nnz component ${element.dataset.nnzComponent}:`, reason);
    }
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => mountAll());
} else {
  mountAll();
}
