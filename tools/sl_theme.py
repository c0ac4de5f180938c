"""Trim the theme's page template to what a reader of this book needs on a slow phone.

``tools/templates/layout.html`` extends the theme's layout and passes two of its blocks
through :func:`trim_assets`, which removes

* ``scripts/fontawesome.js`` (1.5 MB; ``tools/sl_icons.py`` draws the theme's icons in CSS);
* off the search page, ``searchtools.js``, ``language_data.js`` and ``searchindex.js``, which
  pydata-sphinx-theme loads on every page for search-as-you-type (off here: the search
  button opens a form that goes to the search page, which loads them itself).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx

TEMPLATES = Path(__file__).resolve().parent / "templates"
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
