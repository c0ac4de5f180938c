"""Sphinx extension for the book's translations (the Korean edition, ``_build/html/ko/``).

Loaded from ``_config.yml`` (``sphinx.local_extensions``) in every build, English included.
It makes Sphinx's gettext workflow fit a Jupyter Book:

* **what is a message** (:mod:`sl_i18n.messages`): display math is not (a translator has nothing
  to do with TeX); the API reference's autodoc content is not either (docstrings are code: the
  Korean API page shows them in English under a one-line note); table cells inside directives
  are (MyST gives them no source, so Sphinx would skip them);
* **the site's own strings** (``locale/<lang>/LC_MESSAGES/_site.po``): the ``_toc.yml`` titles
  and part captions, which sphinx-external-toc inserts only after Sphinx has translated the
  page (so Sphinx neither extracts nor translates them), the site title, the footer, the
  toggle-button hints, and theme strings whose theme translation reads wrong;
* **pages** (:mod:`sl_i18n.pages`): the language switch on every page (English ⇄ 한국어, to the
  same page in the other language) and ``<link rel="alternate" hreflang>`` (Sphinx's own
  ``<html lang>`` follows ``language``); figures executed in English get their text translated
  (:mod:`sl_i18n.figures`); a translated page's ``.ipynb`` download is the translated notebook
  (:mod:`sl_i18n.notebooks`);
* **Korean search** (:mod:`sl_i18n.search`);
* **glued numbers in translated paragraphs** (:mod:`sl_i18n.glue`).

Building each language, and extracting messages: :mod:`sl_i18n.build`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from . import catalogs, glue, pages
from .messages import PrepareMessages, TranslateToc, extract_site_messages
from .pages import notebook_json
from .search import SearchKorean
from .site import TOGGLE_HINTS, language_of, site_catalog

__all__ = ["notebook_json", "setup"]
HERE = Path(__file__).resolve().parent


def _configure(app: Sphinx, config: Config) -> None:
    # The catalog layout this project uses: one .po per document, no source locations (they
    # churn with every edit: a notebook line is cell×10000+line) and no uuids.
    config.locale_dirs = [catalogs.LOCALE_DIR]
    config.gettext_compact = False
    config.gettext_location = False
    config.gettext_uuid = False
    config.templates_path = [*config.templates_path, str(HERE / "templates")]
    config.html_static_path = [*config.html_static_path, str(HERE / "static")]
    options = config.html_theme_options
    end = options.get("article_header_end", ["article-header-buttons.html"])
    end = [end] if isinstance(end, str) else list(end)
    if "sl-language-switch.html" not in end:
        end.append("sl-language-switch.html")
    options["article_header_end"] = end
    if language_of(config) == "en":
        return
    messages = site_catalog(app)
    config.html_title = messages.get(config.html_title, config.html_title)
    if options.get("extra_footer"):
        options["extra_footer"] = messages.get(options["extra_footer"], options["extra_footer"])
    for name in TOGGLE_HINTS:
        value = getattr(config, name, None)
        if isinstance(value, str):
            setattr(config, name, messages.get(value, value))


def setup(app: Sphinx) -> dict[str, Any]:
    glue.install()  # numbers glued into translated paragraphs (sl_i18n.glue)
    # Before other extensions read the config (sphinx-togglebutton copies its hints then).
    app.connect("config-inited", _configure, priority=400)
    app.add_css_file("sl_i18n.css")
    app.add_transform(PrepareMessages)
    app.add_transform(TranslateToc)
    app.add_search_language(SearchKorean)
    app.connect("write-started", extract_site_messages)
    # Before the theme renders its header sections; the theme's ``translate`` is in the
    # context only after sphinx-book-theme's handlers (500).
    app.connect("html-page-context", pages.language_switch, priority=400)
    app.connect("html-page-context", pages.theme_strings, priority=600)
    app.connect("doctree-resolved", pages.translate_page)
    app.connect("build-finished", pages.write_translated_notebooks)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
