"""What the browser tests ask of a page, written once: devices, figures, solutions, math.

Each check runs in the page (Playwright ``page.evaluate``) and returns a list of problems in
words, empty when the page is right, so a failing test says what a reader would see.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]

#: A phone as the issue describes it: 375 × 812 CSS px, touch, device pixel ratio 2.
PHONE: dict[str, Any] = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2,
                         "is_mobile": True, "has_touch": True}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}


def toc_pages() -> list[str]:
    """The table of contents: the introduction, the chapters and the API reference."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"], *(entry["file"] for entry in toc.get("chapters", []))]


def chapter_pages() -> list[str]:
    return [p for p in toc_pages() if (ROOT / f"{p}.ipynb").exists()]


def wait_for_figures(page: Any, timeout: int = 20_000) -> int:
    """Scroll to each plotly figure in turn (they draw when near the screen) and wait for it.

    Sections far from the screen are laid out only when the reader nears them, so the page can
    shift as they appear; the wait scrolls the figure back to the middle until it is drawn.
    """
    figures = page.locator(".sl-plotly")
    for i in range(figures.count()):
        page.wait_for_function(
            """i => {
                 const el = document.querySelectorAll('.sl-plotly')[i];
                 const L = el._fullLayout;
                 const drawn = (el._fullData || []).length + (L ? (L.shapes || []).length
                     + (L.annotations || []).length + (L.images || []).length : 0);
                 const done = el.querySelector('svg.main-svg') && drawn > 0 && !el._transitioning;
                 if (!done) el.scrollIntoView({block: 'center'});
                 return done;
               }""",
            arg=i, timeout=timeout, polling=250,
        )
    page.wait_for_timeout(300)  # a collision fix-up relayout may follow the first drawing
    lay_out_everything(page)
    return figures.count()


def lay_out_everything(page: Any) -> None:
    """Lay out the sections the browser skips while they are far from the screen (the site's
    ``content-visibility: auto``), so that what a test measures covers the whole page."""
    page.add_style_tag(content=".bd-article section { content-visibility: visible !important; }")
    page.wait_for_timeout(100)


# Title, axis titles, colour-bar titles, annotations (subplot titles, labels) and the legend
# of every figure: inside the figure, clear of each other and of a visible mode bar; every
# axis with tick labels showing some; and the plot area at least `minPlot` of the figure's
# width.
_FIGURE_LAYOUT = """(minPlot) => {
  const problems = [];
  const visible = el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  document.querySelectorAll('.sl-plotly').forEach((fig, n) => {
    const box = fig.getBoundingClientRect();
    const name = `figure ${n + 1} ("${(fig.getAttribute('aria-label') || '').slice(0, 40)}")`;
    const parts = [];
    fig.querySelectorAll('.infolayer text').forEach(t => {
      const cls = t.getAttribute('class') || '';
      if (/(^|\\s)(gtitle|[xy]\\d*title|cbtitle)(\\s|$)/.test(cls) && t.textContent.trim()) {
        parts.push([cls.split(' ')[0] + ' "' + t.textContent.slice(0, 30) + '"', t]);
      }
    });
    fig.querySelectorAll('.annotation').forEach(a => {
      if (a.textContent.trim()) parts.push(['annotation "' + a.textContent.slice(0, 30) + '"', a]);
    });
    fig.querySelectorAll('.infolayer .legend').forEach(l => parts.push(['legend', l]));
    const boxes = parts.filter(([, el]) => visible(el))
                       .map(([what, el]) => [what, el.getBoundingClientRect()]);
    const bar = fig.querySelector('.modebar');
    if (bar && getComputedStyle(bar).display !== 'none' && +getComputedStyle(bar).opacity > 0
        && visible(bar)) {
      boxes.push(['mode bar', bar.getBoundingClientRect()]);
    }
    const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
                           && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    boxes.forEach(([what, r], i) => {
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
          || r.bottom > box.bottom + 1) {
        problems.push(`${name}: ${what} sticks out of the figure`);
      }
      boxes.slice(i + 1).forEach(([other, q]) => {
        if (overlap(r, q)) problems.push(`${name}: ${what} overlaps ${other}`);
      });
    });
    // Every axis that shows tick labels shows at least one (thinning crowded labels must not
    // thin them all away).
    const full = fig._fullLayout || {};
    Object.keys(full).filter(k => /^[xy]axis\\d*$/.test(k)).forEach(k => {
      const ax = full[k];
      if (ax.visible === false || ax.showticklabels === false) return;
      const labels = [...fig.querySelectorAll('g.' + ax._id + 'tick text')]
        .filter(t => t.textContent.trim() && visible(t));
      if (!labels.length) problems.push(`${name}: the ${ax._id} axis shows no tick labels`);
    });
    const size = fig._fullLayout && fig._fullLayout._size;
    if (size && size.w < minPlot * box.width) {
      problems.push(`${name}: plot area ${Math.round(size.w)} px of ${Math.round(box.width)}`);
    }
  });
  return problems;
}"""


def figure_layout_problems(page: Any, min_plot: float = 0.55) -> list[str]:
    """Problems with the drawn figures' layout (see ``_FIGURE_LAYOUT``)."""
    return page.evaluate(_FIGURE_LAYOUT, min_plot)


def sideways_scroll(page: Any) -> dict[str, int]:
    """How far the page, or the theme's article column, scrolls sideways (px)."""
    lay_out_everything(page)
    return page.evaluate("""() => {
        const out = {};
        const page = document.scrollingElement;
        out.page = page.scrollWidth - page.clientWidth;
        const col = document.querySelector('.bd-article-container');
        if (col) out.article = col.scrollWidth - col.clientWidth;
        return out;
    }""")


# Code and outputs on the exercises page that a reader sees before opening any solution:
# after the first exercise, every code cell must sit inside a solution, and every solution's
# content must be hidden while it is closed.
_REVEALED = """() => {
  const shown = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)
                      && getComputedStyle(el).visibility !== 'hidden';
  const first = document.querySelector('.exercise');
  if (!first) return ['the page has no exercise'];
  const out = [];
  document.querySelectorAll('.cell').forEach((cell, i) => {
    const after = first.compareDocumentPosition(cell) & Node.DOCUMENT_POSITION_FOLLOWING;
    if (!after || !shown(cell)) return;
    const text = cell.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60);
    out.push(`code cell ${i} is visible before any solution is opened: ${text}`);
  });
  return out;
}"""


def open_solutions(page: Any) -> int:
    """Open every folded exercise solution by its button, as a reader would, so that the
    figures inside are drawn and checked too; returns how many were opened."""
    closed = page.locator(".solution.toggle-hidden")
    count = closed.count()
    for _ in range(count):
        closed.first.locator("button").first.click()
    if count:
        page.wait_for_function("() => !document.querySelector('.solution.toggle-hidden')")
    return count


def revealed_solutions(page: Any) -> list[str]:
    """Solution code or output a reader sees before opening a solution (empty when none)."""
    return page.evaluate(_REVEALED)


def untypeset_math(page: Any) -> list[str]:
    """Formulas not rendered by KaTeX, KaTeX errors, and raw TeX left in the visible text."""
    return page.evaluate("""() => {
        const out = [];
        document.querySelectorAll('.math').forEach(el => {
          if (!el.querySelector('.katex')) out.push('not typeset: ' + el.textContent.slice(0, 60));
        });
        document.querySelectorAll('.katex-error').forEach(el =>
          out.push('KaTeX error: ' + el.textContent.slice(0, 60)));
        // What a reader sees: the article's rendered text, without the hidden MathML.
        const article = document.querySelector('article') || document.body;
        const copy = article.cloneNode(true);
        copy.querySelectorAll('.katex-mathml, script, style, pre, code, textarea, .sl-explorer')
            .forEach(e => e.remove());
        const tex = copy.textContent.match(/\\\\(frac|sum|mathbf|operatorname|hat|log|exp)\\b/);
        if (tex) out.push('raw TeX in the text: ' + tex[0]);
        return out;
    }""")
