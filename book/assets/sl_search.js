/* Search result snippets from the chapter's prose only (tools/sl_search.py loads this on the
   search page, after Sphinx's searchtools.js).

   Sphinx builds a snippet from the whole `[role=main]` element of the result page: the theme's
   buttons, the previous/next links and, with math typeset by KaTeX, its hidden MathML and TeX
   annotation would all leak into it. Here the snippet comes from the article alone, without
   chrome, figures, explorers or display math; inline math reads as its MathML text (−log, not
   \(-\log\)); and block elements are separated by spaces so words do not run together. */
(function () {
  "use strict";
  if (typeof Search === "undefined") return;

  var DROPPED = [
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "button",
    ".headerlink", ".header-article", ".prev-next-area", ".bd-footer-article",
    ".toggle-button", ".copybtn", ".sl-plotly", ".sl-explorer", ".katex-display",
    "div.math", ".eqno", "annotation", ".katex-html", "summary"
  ].join(",");
  var BLOCKS = "p,li,dt,dd,td,th,h1,h2,h3,h4,h5,h6,pre,div,section,table,tr,blockquote,figure";

  function toText(root) {
    root.querySelectorAll(DROPPED).forEach(function (el) { el.remove(); });
    // Inline math: its MathML text, and a space on each side.
    root.querySelectorAll(".katex").forEach(function (el) {
      el.replaceWith(" " + el.textContent.replace(/\s+/g, "") + " ");
    });
    root.querySelectorAll(BLOCKS).forEach(function (el) { el.append(" "); });
    return root.textContent.replace(/\s+/g, " ").trim();
  }

  Search.htmlToText = function (htmlString, anchor) {
    var doc = new DOMParser().parseFromString(htmlString, "text/html");
    var main = doc.querySelector("article.bd-article") || doc.querySelector('[role="main"]');
    if (!main) return "";
    var scope = null;
    try { scope = anchor ? main.querySelector(anchor) : null; } catch (err) { scope = null; }
    return toText(scope || main);
  };
})();
