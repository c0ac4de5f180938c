"""Trim the theme's page template to what a reader of this book needs on a slow phone.

``tools/templates/layout.html`` extends the theme's layout and passes two of its blocks
through :func:`trim_assets`, which removes

* ``scripts/fontawesome.js`` (1.5 MB; the theme's stylesheet draws the same icons with Font
  Awesome's fonts, which ``tools/sl_icons.py`` cuts down to the glyphs in use);
* off the search page, ``searchtools.js``, ``language_data.js`` and ``searchindex.js``, which
  pydata-sphinx-theme loads on every page for search-as-you-type (off here: the search
  button opens a form that goes to the search page, which loads them itself).

After the build, :func:`patch_theme_script` takes one routine out of the theme's script: on
load (and on every change to the article, e.g. a figure being drawn) it reads the size of
every code block, output and table, which lays out the whole page at once, including the
sections far below the screen that the site's CSS lets the browser skip. ``sl_scroll.js``
gives the same elements their tab stops as the browser lays them out.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
TEMPLATES = Path(__file__).resolve().parent / "templates"
THEME_SCRIPT = "_static/scripts/pydata-sphinx-theme.js"
# pydata-sphinx-theme 0.17.1's addTabStopsToScrollableElements, as its bundle spells it.
_TAB_STOPS = re.compile(
    r'function (\w+)\(\)\{const e=\(\)=>\{document\.querySelectorAll\(\["pre",'
    r'[^\]]*\]\.join\(", "\)\)\.forEach\(e=>\{e\.tabIndex=e\.scrollWidth>e\.clientWidth'
    r'[^}]*\}\)\},t=\w+\(e,300\);window\.addEventListener\("resize",t\),'
    r'new MutationObserver\(t\)\.observe\([^)]*\),\{subtree:!0,childList:!0\}\),e\(\)\}')
ALWAYS_DROPPED = ("scripts/fontawesome.js",)
SEARCH_ONLY = ("_static/searchtools.js", "_static/language_data.js", "searchindex.js")


def trim_assets(html: str, pagename: str, search_as_you_type: bool = False) -> Markup:
    """``html`` without the ``<script src>`` and ``<link rel=preload>`` tags named above."""
    dropped = list(ALWAYS_DROPPED)
    if pagename != "search" and not search_as_you_type:
        dropped += SEARCH_ONLY
    for name in dropped:
        tag = (r"[ \t]*<(?:script\b[^>]*\bsrc|link\b[^>]*\bhref)=\"[^\"]*" + re.escape(name)
               + r"(?:\?[^\"]*)?\"[^>]*>(?:</script>)?[ \t]*\n?")
        html = re.sub(tag, "", html)
    return Markup(html)


def patch_theme_script(source: str) -> tuple[str, bool]:
    """The theme's script with its layout-forcing tab-stop routine emptied; and whether it was
    found (a newer theme may have changed it: then nothing is patched)."""
    patched, count = _TAB_STOPS.subn(lambda m: f"function {m.group(1)}(){{}}", source)
    return patched, count == 1


def _patch_script(app: Sphinx, exc: BaseException | None) -> None:
    if exc is not None or app.builder.format != "html":
        return
    path = Path(app.outdir) / THEME_SCRIPT
    if not path.is_file():
        return
    source, found = patch_theme_script(path.read_text(encoding="utf-8"))
    if not found:
        logger.warning("%s: the tab-stop routine to replace was not found (theme updated?)",
                       THEME_SCRIPT, type="softmax_lab", subtype="theme")
        return
    path.write_text(source, encoding="utf-8")


def _add_templates(app: Sphinx, config: Any) -> None:
    config.templates_path = [*config.templates_path, str(TEMPLATES)]


def _register(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is None or not hasattr(templates, "environment"):
        return
    options = app.config.html_theme_options or {}
    as_you_type = str(options.get("search_as_you_type", False)).lower() == "true"
    templates.environment.globals["sl_trim_assets"] = (
        lambda html, pagename: trim_assets(str(html), pagename, as_you_type))


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _add_templates)
    app.connect("builder-inited", _register)
    app.connect("build-finished", _patch_script)
