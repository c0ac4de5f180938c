/* Content wider than the column (tables and display math on a phone, a long equation anywhere):
   - each element that scrolls sideways can be focused (tabindex=0), so the keyboard can
     scroll it too;
   - a table's wrapper is marked .sl-table-scroll while there is more to scroll to, and the
     site's CSS fades its right edge (softmax_lab.css). */
(function () {
  "use strict";
  var SCROLLERS = ".pst-scrollable-table-container, .katex-display";

  function mark(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
    var wrap = box.parentElement;
    if (!wrap.classList.contains("sl-table-wrap")) return;
    wrap.classList.toggle("sl-table-scroll", scrolls);
    wrap.classList.toggle("sl-at-end", box.scrollLeft + box.clientWidth >= box.scrollWidth - 1);
  }

  function setUp() {
    var resized = typeof ResizeObserver === "function" ? new ResizeObserver(function (entries) {
      entries.forEach(function (e) { mark(e.target); });
    }) : null;
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      if (box.classList.contains("pst-scrollable-table-container")) {
        var wrap = document.createElement("div");
        wrap.className = "sl-table-wrap";
        box.parentNode.insertBefore(wrap, box);
        wrap.appendChild(box);
        box.addEventListener("scroll", function () { mark(box); }, {passive: true});
      }
      mark(box);
      if (resized) resized.observe(box);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
