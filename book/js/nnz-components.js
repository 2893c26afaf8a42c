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
//
// Components mount when they come near the screen, not all at load: some compute a
// whole training run for their first picture, and a chapter holds several. Mounted
// at load, the ones far down the page kept a phone's main thread busy for seconds
// while the reader was still on the first screen.

const componentsFolder = new URL("./components/", import.meta.url);

// How near the screen a component mounts: within one viewport's height above or
// below it. A reader scrolling at reading speed reaches it after it has mounted, so
// the fallback picture is seldom seen; a reader who jumps (a link to a section)
// waits for one mount.
const NEAR_SCREEN = "100% 0px 100% 0px";

function readSettings(element) {
  const script = element.querySelector(":scope > script[type='application/json']");
  return script ? JSON.parse(script.textContent) : {};
}

function loadModule(name) {
  if (!/^[a-z0-9_-]+$/.test(name)) return Promise.reject(new Error(`bad component name ${JSON.stringify(name)}`));
  return import(new URL(`${name}.js`, componentsFolder));
}

// Mounting draws the component's first picture: several done at once would be one
// long task, during which a phone shows nothing and answers no tap. One component a
// task lets the page paint and respond between them.
const nextTask = () => new Promise((resume) => setTimeout(resume, 0));

function distanceFromScreen(element) {
  const box = element.getBoundingClientRect();
  return box.bottom < 0 ? -box.bottom : Math.max(0, box.top - window.innerHeight);
}

// The components waiting for their turn, each with its module (fetched as soon as it
// is wanted, so that the fetch overlaps the mounts before it).
const waiting = new Map();
let working = false;

async function mountOne(element, module) {
  const name = element.dataset.nnzComponent;
  try {
    const { mount } = await module;
    // A User Timing entry per mount: a performance trace (or Lighthouse) names the
    // component behind each long task.
    const start = performance.now();
    await mount(element, readSettings(element));
    performance.measure(`nnz mount ${name}`, { start, end: performance.now() });
    element.classList.add("nnz-mounted");
  } catch (reason) {
    element.classList.add("nnz-failed");
    console.error(`nnz component ${name}:`, reason);
  }
}

async function mountWaiting() {
  if (working) return;
  working = true;
  while (waiting.size > 0) {
    await nextTask();
    // The nearest first, measured now: the reader may have scrolled since they queued.
    let nearest = null;
    let best = Infinity;
    for (const element of waiting.keys()) {
      const distance = distanceFromScreen(element);
      if (distance < best) [nearest, best] = [element, distance];
    }
    const module = waiting.get(nearest);
    waiting.delete(nearest);
    await mountOne(nearest, module);
  }
  working = false;
}

function queue(element) {
  if (waiting.has(element) || element.classList.contains("nnz-mounted")) return;
  const module = loadModule(element.dataset.nnzComponent);
  module.catch(() => {}); // reported by mountOne, at its turn
  waiting.set(element, module);
  mountWaiting();
}

const pendingIn = (root) => [...root.querySelectorAll("[data-nnz-component]:not(.nnz-mounted):not(.nnz-failed)")];

/** Mount every component under `root` now, nearest to the screen first. */
export function mountAll(root = document) {
  pendingIn(root).forEach(queue);
}

/** Mount each component under `root` when it comes within a viewport of the screen. */
export function mountNearScreen(root = document) {
  if (!("IntersectionObserver" in window)) {
    mountAll(root); // an old browser: everything at load, as before
    return;
  }
  // The observer reports every element once at the start (so the ones already near
  // the screen mount at once), then whenever one comes near.
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        queue(entry.target);
      }
    },
    { rootMargin: NEAR_SCREEN },
  );
  pendingIn(root).forEach((element) => observer.observe(element));
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => mountNearScreen());
} else {
  mountNearScreen();
}
