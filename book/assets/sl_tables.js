/* Tables wider than the column (a phone): mark their wrapper so that the site's CSS fades the
   right edge while there is more to scroll to (softmax_lab.css, .sl-table-scroll). */
(function () {
  "use strict";
  function mark(box) {
    var wrap = box.parentElement;
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    wrap.classList.toggle("sl-table-scroll", scrolls);
    wrap.classList.toggle("sl-at-end", box.scrollLeft + box.clientWidth >= box.scrollWidth - 1);
  }
  function setUp() {
    document.querySelectorAll(".pst-scrollable-table-container").forEach(function (box) {
      if (!box.parentElement.classList.contains("sl-table-wrap")) {
        var wrap = document.createElement("div");
        wrap.className = "sl-table-wrap";
        box.parentNode.insertBefore(wrap, box);
        wrap.appendChild(box);
      }
      mark(box);
      box.addEventListener("scroll", function () { mark(box); }, {passive: true});
      if (typeof ResizeObserver === "function") {
        new ResizeObserver(function () { mark(box); }).observe(box);
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
