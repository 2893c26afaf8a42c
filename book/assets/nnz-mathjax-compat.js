/* Neural Networks from Zero: let the widgets typeset their math with MathJax 3.
 *
 * The widget manager (@jupyter-widgets/html-manager) typesets HTMLMath widgets and
 * widget descriptions with the MathJax 2 call `MathJax.Hub.Queue(["Typeset", ...])`.
 * The book serves MathJax 3, which has no `Hub`: without this bridge every such
 * widget would throw "Cannot read properties of undefined (reading 'Queue')".
 * Loaded with `defer` after MathJax, so `window.MathJax` is the MathJax 3 object.
 */
(function () {
  "use strict";
  var mj = window.MathJax;
  if (!mj || mj.Hub) {
    return;
  }
  function typesetLater(elements) {
    var ready = mj.startup && mj.startup.promise ? mj.startup.promise : Promise.resolve();
    ready
      .then(function () {
        if (typeof mj.typesetPromise === "function") {
          return mj.typesetPromise(elements);
        }
        return undefined;
      })
      .catch(function (err) {
        console.warn("MathJax could not typeset a widget:", err);
      });
  }
  mj.Hub = {
    Queue: function () {
      for (var i = 0; i < arguments.length; i++) {
        var command = arguments[i];
        if (Array.isArray(command) && command[0] === "Typeset") {
          typesetLater(command[2] ? [command[2]] : undefined);
        }
      }
    },
  };
})();
