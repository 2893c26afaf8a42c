/* Neural Networks from Zero: page-level accessibility fixes for the static pages.
 *
 * - A box that scrolls sideways (a wide formula, code or output, which the book's CSS
 *   keeps inside the column) becomes a tab stop, so the keyboard can scroll it too,
 *   and says on which sides it hides more (data-nnz-more), which the CSS fades.
 *   Whether a box scrolls depends on the window's width, so this runs again after a
 *   resize and whenever content outside the live components changes.
 * - The left sidebar (the book's title, search and table of contents) is a landmark,
 *   so that everything on the page sits in one.
 * - A toggle's aria-label that hides its visible text ("Show code cell source") is
 *   removed, so the name a screen reader announces is the text one sees.
 *
 * (The static pages load no widget manager any more, so the names this file once gave
 * to ipywidgets' controls are gone with it.)
 */
(function () {
  "use strict";

  function text(element) {
    return (element && element.textContent ? element.textContent : "").replace(/\s+/g, " ").trim();
  }

  function unhideToggleText(root) {
    root
      .querySelectorAll('summary[aria-label], button.toggle-button[aria-label]')
      .forEach(function (element) {
        var label = element.getAttribute("aria-label").toLowerCase();
        var visible = text(element).toLowerCase();
        if (visible && visible.indexOf(label) === -1) {
          element.removeAttribute("aria-label");
        }
      });
  }

  var SCROLLERS =
    "div.math, .cell_output .output, div.highlight pre, " +
    ".pst-scrollable-table-container, .bd-article dt.sig, .nnz-progress-table";

  function focusableScrollers(root) {
    // Every width first, then every change: a tabindex written between two reads
    // would make the browser lay the page out again for the next read (on a phone
    // that was most of a second before the first paint).
    var boxes = Array.prototype.slice.call(root.querySelectorAll(SCROLLERS));
    var scrolling = boxes.filter(function (box) {
      return box.scrollWidth > box.clientWidth + 1;
    });
    scrolling.forEach(function (box) {
      var tabindex = box.getAttribute("tabindex");
      if (tabindex === null || tabindex === "-1") {
        box.setAttribute("tabindex", "0");
      }
      if (!box.dataset.nnzWatched) {
        box.dataset.nnzWatched = "yes";
        box.addEventListener("scroll", function () { markHiddenSides(box); }, { passive: true });
      }
      markHiddenSides(box);
    });
    boxes.forEach(function (box) {
      if (scrolling.indexOf(box) === -1) {
        delete box.dataset.nnzMore;
      }
    });
  }

  // Which sides of a scrolling box hide more of it ("left", "right", "both"): the
  // book's CSS fades the box out there, so that a reader on a phone sees that a
  // formula or a table goes on. (A data attribute, not a class: the page watcher below
  // reacts to class changes.)
  function markHiddenSides(box) {
    var left = box.scrollLeft > 1;
    var right = box.scrollLeft + box.clientWidth < box.scrollWidth - 1;
    var more = left && right ? "both" : left ? "left" : right ? "right" : "";
    if (more) {
      box.dataset.nnzMore = more;
    } else {
      delete box.dataset.nnzMore;
    }
  }

  function sidebarLandmark() {
    var sidebar = document.getElementById("pst-primary-sidebar");
    if (sidebar && !sidebar.getAttribute("role")) {
      sidebar.setAttribute("role", "complementary");
      sidebar.setAttribute("aria-label", "Book contents");
    }
  }

  function fix() {
    sidebarLandmark();
    unhideToggleText(document);
    focusableScrollers(document);
  }

  var timer = null;
  function schedule() {
    // Changes come in bursts (a resize, a folded cell opening): check once it is over.
    if (timer !== null) {
      window.clearTimeout(timer);
    }
    timer = window.setTimeout(function () {
      timer = null;
      fix();
    }, 30);
  }

  function whenIdle(callback) {
    // Safari has no requestIdleCallback: a short timer stands in.
    if ("requestIdleCallback" in window) {
      window.requestIdleCallback(callback, { timeout: 1000 });
    } else {
      window.setTimeout(callback, 100);
    }
  }

  function watch() {
    window.addEventListener("resize", schedule);
    new MutationObserver(function (records) {
      // A live component (the playground, an explorable) names its own controls and
      // changes its text on every animation frame: re-checking the whole page for
      // each (scrollWidth lays the page out) would cost the animation its frames.
      // A component's own class changing is its mount (once per component): what it
      // drew may scroll (the progress page's table), so that is checked too.
      var outside = records.some(function (record) {
        var node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
        var component = node && node.closest(".nnz-component");
        return !component || (record.type === "attributes" && node === component);
      });
      if (outside) {
        schedule();
      }
    }).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["class", "title"],
    });
  }

  function start() {
    sidebarLandmark();
    unhideToggleText(document);
    // Which boxes scroll is known only once the page is laid out. Asked while the page
    // is still loading (and after each change the theme's scripts make then), scrollWidth
    // made the browser lay the whole page out at once: on a phone a long task of a few
    // hundred ms before the first paint. Asked once the page has loaded and the browser
    // is idle, the layout is the one it has just drawn.
    var first = function () {
      whenIdle(function () {
        fix();
        watch();
      });
    };
    if (document.readyState === "complete") {
      first();
    } else {
      window.addEventListener("load", first);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
