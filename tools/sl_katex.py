"""Math typeset at build time with KaTeX: the pages carry HTML + MathML and load no math script.

KaTeX (``tools/vendor/katex``, MIT) runs inside Python in an embedded V8 (``mini-racer``), so the
build needs no node. Each page with math links KaTeX's stylesheet, and the browser fetches only
the few woff2 fonts that page uses. Inline math, display math, ``amsmath`` environments and
numbered equations (``$$ … $$ (label)``, ``\\tag``) all go through :func:`render`. A formula that
KaTeX cannot render is reported with its page and line, and the build then fails.
"""

from __future__ import annotations

import functools
import html
import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

logger = logging.getLogger(__name__)
KATEX = Path(__file__).resolve().parent / "vendor" / "katex"
#: Where the site serves KaTeX's stylesheet and fonts, relative to ``_static``.
SITE_DIR = "vendor/katex"
RENDERER = "katex_prerender"


class KatexError(ValueError):
    """KaTeX rejected a formula; the message is KaTeX's own (what, and at which position)."""


@functools.lru_cache(maxsize=1)
def _context() -> Any:
    from py_mini_racer import MiniRacer

    ctx = MiniRacer()
    ctx.eval((KATEX / "katex.min.js").read_text(encoding="utf-8"))
    return ctx


@functools.lru_cache(maxsize=4096)
def render(tex: str, display: bool = False) -> str:
    """HTML (with hidden MathML for screen readers) for one formula.

    Raises :class:`KatexError` when KaTeX cannot parse ``tex``: an unknown command, an
    unbalanced brace, an environment KaTeX lacks.
    """
    options = {"displayMode": display, "throwOnError": True, "strict": "ignore",
               "output": "htmlAndMathml", "trust": False}
    try:
        return str(_context().call("katex.renderToString", tex, options))
    except Exception as err:  # mini-racer wraps KaTeX's ParseError in its own exception type
        message = str(err).splitlines()[0]
        message = re.sub(r"^.*?(KaTeX parse error: )", r"\1", message)
        raise KatexError(message) from None


def _outside_environments(tex: str) -> str:
    """``tex`` with every ``\\begin{…}…\\end{…}`` block removed (nesting respected)."""
    out, depth = [], 0
    for part in re.split(r"(\\begin\{[^}]*\}|\\end\{[^}]*\})", tex):
        if part.startswith("\\begin{"):
            depth += 1
        elif part.startswith("\\end{"):
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(part)
    return "".join(out)


def display_tex(source: str) -> str:
    """The TeX of a display block as Sphinx's MathJax output would typeset it.

    Paragraphs (blank-line separated) become rows of one ``aligned`` block, and a paragraph
    with a line break ``\\\\`` outside any environment is aligned too (MathJax's ``split``).
    """
    parts = [p for p in source.split("\n\n") if p.strip()]
    rows = []
    for part in parts:
        if "\\\\" in _outside_environments(part):
            part = "\\begin{aligned}" + part + "\\end{aligned}"
        rows.append(part)
    if len(rows) > 1:
        return "\\begin{aligned}" + "\\\\".join(rows) + "\\end{aligned}"
    return rows[0] if rows else ""


def _failed(self: Any, node: nodes.Element, tex: str, err: KatexError) -> str:
    logger.warning("KaTeX cannot render %r: %s", tex, err, location=node, type="katex")
    self.builder.env.sl_katex_failures = getattr(self.builder.env, "sl_katex_failures", 0) + 1
    return f'<span class="katex-error">{html.escape(tex)}</span>'


def visit_math(self: Any, node: nodes.Element) -> None:
    tex = node.astext()
    try:
        out = render(tex, display=False)
    except KatexError as err:
        out = _failed(self, node, tex, err)
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(out + "</span>")
    raise nodes.SkipNode


def visit_displaymath(self: Any, node: nodes.Element) -> None:
    # nowrap: the source is a whole environment (amsmath's align, gather, …), used as written.
    tex = node.astext() if node.get("nowrap") else display_tex(node.astext())
    try:
        out = render(tex, display=True)
    except KatexError as err:
        out = _failed(self, node, tex, err)
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node.get("number"):
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    self.body.append(out + "</div>\n")
    raise nodes.SkipNode


def stylesheet() -> str:
    """KaTeX's stylesheet with only the woff2 fonts (every browser that runs the site has it)."""
    css = (KATEX / "katex.min.css").read_text(encoding="utf-8")
    return re.sub(r',url\(fonts/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)', "", css)


def _use_katex(app: Sphinx, config: Any) -> None:
    if not config.html_math_renderer:
        config.html_math_renderer = RENDERER


def _link_stylesheet(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                     doctree: Any) -> None:
    if app.builder.format != "html" or app.builder.math_renderer_name != RENDERER:
        return
    domain = app.env.get_domain("math")
    if domain.has_equations(pagename) or 'class="katex' in context.get("body", ""):
        app.builder.add_css_file(f"{SITE_DIR}/katex.min.css")


def _copy_and_check(app: Sphinx, exc: BaseException | None) -> None:
    if exc is not None or app.builder.format != "html":
        return
    failures = getattr(app.env, "sl_katex_failures", 0)
    if failures:
        raise SphinxError(f"KaTeX could not render {failures} formula(s); see the warnings above")
    target = Path(app.outdir) / "_static" / SITE_DIR
    (target / "fonts").mkdir(parents=True, exist_ok=True)
    (target / "katex.min.css").write_text(stylesheet(), encoding="utf-8")
    for font in (KATEX / "fonts").glob("*.woff2"):
        shutil.copyfile(font, target / "fonts" / font.name)


def _reset(app: Sphinx, env: Any, docnames: list[str]) -> None:
    env.sl_katex_failures = 0


def setup(app: Sphinx) -> None:
    app.add_html_math_renderer(RENDERER, (visit_math, None), (visit_displaymath, None))
    app.connect("config-inited", _use_katex)
    app.connect("env-before-read-docs", _reset)
    app.connect("html-page-context", _link_stylesheet)
    app.connect("build-finished", _copy_and_check)
