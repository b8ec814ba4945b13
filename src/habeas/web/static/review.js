// Keyboard shortcuts of the review queue, a progressive enhancement: every action is a form
// that works without JavaScript; a key only moves the focus or presses one of its buttons.
// j / k: next / previous pair; m: same person, merge; a: different people, keep apart;
// u: undo the last decision; ?: this help; Escape closes it. Loaded on every page (hx-boost
// swaps pages without running their scripts); acts only where the queue is.
(function () {
  "use strict";
  if (window.habeasReviewKeys) return;     // once per document, however pages are swapped in
  window.habeasReviewKeys = true;
  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }
  function items() { return Array.prototype.slice.call(document.querySelectorAll("article.match")); }
  function current(list) {
    var at = list.findIndex(function (el) { return el.classList.contains("current"); });
    return at < 0 ? 0 : at;
  }
  function select(list, at) {
    list.forEach(function (el) { el.classList.remove("current"); });
    var el = list[at];
    if (!el) return;
    el.classList.add("current");
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "nearest" });
  }
  function help(show) {
    var box = document.getElementById("shortcuts");
    if (!box) return;
    box.hidden = show === undefined ? !box.hidden : !show;
    if (!box.hidden) { var close = box.querySelector("button.close"); if (close) close.focus(); }
  }
  function press(scope, key) {
    var button = scope && scope.querySelector('button[data-key="' + key + '"]');
    if (button) button.click();
    return !!button;
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("#shortcuts button.close")) help(false);
  });
  document.addEventListener("keydown", function (event) {
    if (!document.getElementById("shortcuts")) return;           // not the review queue
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var list = items(), handled = true;
    switch (event.key) {
      case "j": select(list, Math.min(current(list) + (list.some(function (el) { return el.classList.contains("current"); }) ? 1 : 0), list.length - 1)); break;
      case "k": select(list, Math.max(current(list) - 1, 0)); break;
      case "m": handled = press(list[current(list)], "m"); break;
      case "a": handled = press(list[current(list)], "a"); break;
      case "u": handled = press(document.querySelector(".decided"), "u"); break;
      case "?": help(); break;
      case "Escape": help(false); break;
      default: handled = false;
    }
    if (handled) event.preventDefault();
  });
})();
