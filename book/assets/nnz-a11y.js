/* Neural Networks from Zero: accessible names for the widgets of the static pages.
 *
 * The widget manager draws some controls without a name a screen reader can announce:
 * the handle of a slider (role="slider") and the icon-only buttons of a Play widget.
 * Widgets render after the page has loaded, and a Stack renders a child only when it is
 * shown, so a MutationObserver names every such control as soon as it appears:
 *   - a slider handle takes the slider's description ("w1", "learning rate", ...);
 *   - an icon-only button takes a name from its icon (Play, Pause, Stop, Repeat);
 *   - a widget image with a title (its description) also gets it as alt text.
 * It also removes an aria-label that hides a toggle's visible text ("Show code cell
 * source"), so the name a screen reader announces is the text one sees.
 *
 * Page-level: a box that scrolls sideways (a wide formula, code or output, which the
 * book's CSS keeps inside the column) becomes a tab stop, so the keyboard can scroll
 * it too; and the left sidebar (the book's title, search and table of contents) is a
 * landmark, so that everything on the page sits in one.
 */
(function () {
  "use strict";

  var ICON_NAMES = {
    "fa-play": "Play",
    "fa-pause": "Pause",
    "fa-stop": "Stop",
    "fa-retweet": "Repeat",
    "fa-repeat": "Repeat",
    "fa-check": "Check",
    "fa-refresh": "Reset",
    "fa-rotate-right": "Reset",
    "fa-step-forward": "Step",
    "fa-forward-step": "Step",
  };

  function text(element) {
    return (element && element.textContent ? element.textContent : "").replace(/\s+/g, " ").trim();
  }

  function nameSliders(root) {
    root.querySelectorAll('.widget-slider [role="slider"]').forEach(function (handle) {
      if (handle.getAttribute("aria-label") || handle.getAttribute("aria-labelledby")) {
        return;
      }
      var slider = handle.closest(".widget-slider");
      var label = slider ? text(slider.querySelector(".widget-label")) : "";
      handle.setAttribute("aria-label", label || "slider");
    });
  }

  function iconName(button) {
    var icon = button.querySelector("i");
    if (!icon) {
      return "";
    }
    for (var i = 0; i < icon.classList.length; i++) {
      var name = ICON_NAMES[icon.classList[i]];
      if (name) {
        return name;
      }
    }
    return "";
  }

  function nameIconButtons(root) {
    root.querySelectorAll(".widget-subarea button").forEach(function (button) {
      if (text(button) || button.getAttribute("title")) {
        return;
      }
      var name = iconName(button);
      // Play buttons switch their icon between play and pause: follow it.
      if (name && button.getAttribute("aria-label") !== name) {
        button.setAttribute("aria-label", name);
      } else if (!name && !button.getAttribute("aria-label")) {
        button.setAttribute("aria-label", "button");
      }
    });
  }

  function describeImages(root) {
    root.querySelectorAll(".widget-subarea img[title]:not([alt])").forEach(function (img) {
      img.setAttribute("alt", img.getAttribute("title"));
    });
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
    ".pst-scrollable-table-container, .bd-article dt.sig";

  function focusableScrollers(root) {
    root.querySelectorAll(SCROLLERS).forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      var tabindex = box.getAttribute("tabindex");
      if (scrolls && (tabindex === null || tabindex === "-1")) {
        box.setAttribute("tabindex", "0");
      }
    });
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
    focusableScrollers(document);
    nameSliders(document);
    nameIconButtons(document);
    describeImages(document);
    unhideToggleText(document);
  }

  var timer = null;
  function schedule() {
    // Widgets arrive in bursts of DOM changes: name them once the burst is over.
    if (timer !== null) {
      window.clearTimeout(timer);
    }
    timer = window.setTimeout(function () {
      timer = null;
      fix();
    }, 30);
  }

  function start() {
    fix();
    window.addEventListener("resize", schedule);
    new MutationObserver(function (records) {
      // A live component (the playground, an explorable) names its own controls and
      // changes its text on every animation frame: those changes are not widgets
      // arriving, and re-checking the whole page for each (scrollWidth lays the page
      // out) would cost the animation its frames.
      var outside = records.some(function (record) {
        var node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
        return !(node && node.closest(".nnz-component"));
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
