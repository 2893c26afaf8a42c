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

async function mountOne(element) {
  const name = element.dataset.nnzComponent;
  if (!/^[a-z0-9_-]+$/.test(name)) throw new Error(`bad component name ${JSON.stringify(name)}`);
  const module = await import(new URL(`${name}.js`, componentsFolder));
  await module.mount(element, readSettings(element));
  element.classList.add("nnz-mounted");
}

export async function mountAll(root = document) {
  const pending = [...root.querySelectorAll("[data-nnz-component]:not(.nnz-mounted)")];
  const results = await Promise.allSettled(pending.map(mountOne));
  results.forEach((result, i) => {
    if (result.status === "rejected") {
      pending[i].classList.add("nnz-failed");
      console.error(`nnz component ${pending[i].dataset.nnzComponent}:`, result.reason);
    }
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => mountAll());
} else {
  mountAll();
}
