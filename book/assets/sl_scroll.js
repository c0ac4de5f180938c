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

  // A code block far below the screen is not laid out yet (softmax_lab.css), so the browser
  // cannot say whether it scrolls: judge from its longest line and the column's width (the
  // ResizeObserver corrects this once the block is laid out), so that the keyboard can reach
  // it even before it has been shown.
  function guessCodeStops() {
    var column = document.querySelector(".bd-article");
    var sample = document.querySelector("div.cell_input pre, div.highlight pre");
    if (!column || !sample) return;
    var ctx = document.createElement("canvas").getContext("2d");
    var cs = getComputedStyle(sample);
    ctx.font = cs.fontSize + " " + cs.fontFamily;
    var room = column.clientWidth - 48, charWidth = ctx.measureText("0").width;
    document.querySelectorAll("pre").forEach(function (pre) {
      var longest = Math.max.apply(null, pre.textContent.split("\n").map(function (line) {
        return line.length;
      }));
      // Each list, definition or admonition around the block narrows it.
      var nested = 0;
      for (var el = pre.parentElement; el && el !== column; el = el.parentElement) {
        if (el.matches("dd, li, blockquote, .admonition, details")) nested += 1;
      }
      if (longest * charWidth > room - 32 * nested) pre.tabIndex = 0;
    });
  }

  function setUp() {
    if (typeof ResizeObserver !== "function") return;
    guessCodeStops();
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
