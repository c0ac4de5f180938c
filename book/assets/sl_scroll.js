/* Content wider (or taller) than its box: code, outputs, tables, display math.
   - Each element that scrolls can be focused (tabindex=0), so the keyboard can scroll it too.
     This replaces the theme's own routine (taken out by tools/sl_theme.py), which measured every
     element at once on load and so laid out the whole page, sections far below the screen
     included; here each element is measured when the browser lays it out (ResizeObserver).
   - A table's wrapper is marked .sl-table-scroll while there is more to scroll to, and the
     site's CSS fades its right edge (softmax_lab.css). */
(function () {
  "use strict";
  var SCROLLERS = ["pre", ".nboutput > .output_area", ".cell_output > .output",
                   ".jp-RenderedHTMLCommon", ".pst-scrollable-table-container",
                   ".katex-display"].join(", ");

  function mark(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1 ||
      (box.tagName === "PRE" && box.scrollHeight > box.clientHeight + 1);
    if (scrolls) box.tabIndex = 0;
    else if (box.tabIndex === 0) box.tabIndex = -1;
    var wrap = box.parentElement;
    if (!wrap || !wrap.classList.contains("sl-table-wrap")) return;
    wrap.classList.toggle("sl-table-scroll", scrolls);
    wrap.classList.toggle("sl-at-end", box.scrollLeft + box.clientWidth >= box.scrollWidth - 1);
  }

  function setUp() {
    if (typeof ResizeObserver !== "function") return;
    var resized = new ResizeObserver(function (entries) {
      entries.forEach(function (e) { mark(e.target); });
    });
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      if (box.classList.contains("pst-scrollable-table-container")) {
        var wrap = document.createElement("div");
        wrap.className = "sl-table-wrap";
        box.parentNode.insertBefore(wrap, box);
        wrap.appendChild(box);
        box.addEventListener("scroll", function () { mark(box); }, {passive: true});
      }
      resized.observe(box);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
