"""Sphinx extension for the book's translations (the Korean edition, ``_build/html/ko/``).

Loaded from ``_config.yml`` (``sphinx.local_extensions``) in every build, English included.
It makes Sphinx's gettext workflow fit a Jupyter Book:

* **what is a message**: display math is not (a translator has nothing to do with TeX); the
  API reference's autodoc content is not either (docstrings are code: the Korean API page shows
  them in English under a one-line note); table cells inside directives are (MyST gives them no
  source, so Sphinx would skip them);
* **the site's own strings** (``locale/<lang>/LC_MESSAGES/_site.po``): the ``_toc.yml`` titles
  and part captions, which sphinx-external-toc inserts only after Sphinx has translated the
  page (so Sphinx neither extracts nor translates them), the site title, the footer and the
  toggle-button hints;
* **the language switch** on every page (English ⇄ 한국어, to the same page in the other
  language) and ``<link rel="alternate" hreflang>``; Sphinx's own ``<html lang>`` follows the
  ``language`` setting;
* **Korean search** (:mod:`sl_i18n.search`);
* **figures** executed in English get their text translated on translated pages
  (:mod:`sl_i18n.figures`);
* **notebooks**: a translated page's ``.ipynb`` download is the translated notebook
  (:mod:`sl_i18n.notebooks`).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.gettext import MsgOrigin
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx_external_toc.api import UrlItem

from . import catalogs
from .search import SearchKorean

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent

#: Each language's folder under the site's root (English at the root).
LANGUAGE_FOLDERS = {"en": "", "ko": "ko/"}
#: How the switch names each language (in that language) and says what it does.
LANGUAGE_LINKS = {
    "en": ("English", "Read this page in English"),
    "ko": ("한국어", "이 페이지를 한국어로 읽기"),
}
#: Strings this extension writes on translated pages (translated through ``_site.po``).
API_NOTE = ("The reference below is generated from the docstrings of softmax_lab and is "
            "shown in English.")
#: sphinx-book-theme strings whose translation in the theme reads wrong (its Korean "By" is
#: "으로", a particle): ``_site.po`` translates them instead.
THEME_STRINGS = ("By",)


def _language(config: Config) -> str:
    return config.language or "en"


def site_catalog(app: Sphinx) -> dict[str, str]:
    """The ``_site`` translations of this build's language ({} for English)."""
    language = _language(app.config)
    if language == "en":
        return {}
    cache: dict[str, dict[str, str]] = app.__dict__.setdefault("_sl_i18n_site", {})
    if language not in cache:
        cache[language] = catalogs.translations(
            catalogs.po_path(language, catalogs.SITE_DOMAIN, Path(app.srcdir)))
    return cache[language]


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
    if _language(config) == "en":
        return
    messages = site_catalog(app)
    config.html_title = messages.get(config.html_title, config.html_title)
    if options.get("extra_footer"):
        options["extra_footer"] = messages.get(options["extra_footer"], options["extra_footer"])
    for name in ("togglebutton_hint", "togglebutton_hint_hide"):
        value = getattr(config, name, None)
        if isinstance(value, str):
            setattr(config, name, messages.get(value, value))


class PrepareMessages(SphinxTransform):
    """Decide what is a message, before Sphinx extracts or translates (its Locale runs at 20)."""

    default_priority = 15

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.math_block):
            node["translatable"] = False
        for node in self.document.findall(nodes.TextElement):
            if _from_docstring(node):
                node["translatable"] = False
        # MyST gives table cells inside a directive (e.g. a solution) no source; Sphinx skips
        # messages without one. Give them their table's.
        for entry in self.document.findall(nodes.entry):
            owner = next((a for a in _ancestors(entry) if a.source), None)
            for para in entry.findall(nodes.paragraph):
                if not para.source and owner is not None:
                    para.source, para.line = owner.source, owner.line


def _ancestors(node: nodes.Node) -> list[nodes.Element]:
    out = []
    while node.parent is not None:
        node = node.parent
        out.append(node)
    return out


def _from_docstring(node: nodes.Node) -> bool:
    """True for text that autodoc or autosummary made from a docstring."""
    source = getattr(node, "source", None) or ""
    if ":docstring of " in source or "<autosummary>" in source:
        return True
    return any(isinstance(a, addnodes.desc) or type(a).__name__ == "autosummary_table"
               for a in _ancestors(node))


class TranslateToc(SphinxTransform):
    """Translate ``_toc.yml`` titles and part captions (after sphinx-external-toc, at 100)."""

    default_priority = 105

    def apply(self, **kwargs: Any) -> None:
        messages = site_catalog(self.app)
        for toctree in self.document.findall(addnodes.toctree):
            # sphinx-external-toc sets an empty raw caption, which the gettext builder would
            # write out as an empty message (the catalog's header): drop it.
            if not toctree.get("rawcaption"):
                toctree.attributes.pop("rawcaption", None)
            toctree["entries"] = [(messages.get(title, title) if title else title, doc)
                                  for title, doc in toctree["entries"]]
            if toctree.get("caption"):
                toctree["caption"] = messages.get(toctree["caption"], toctree["caption"])


def site_messages(app: Sphinx) -> list[tuple[str, str]]:
    """The ``_site`` messages in English, each with where it comes from."""
    out: list[tuple[str, str]] = []
    site_map = getattr(app.env, "external_site_map", None)
    if site_map is not None:
        for docname in site_map:
            document = site_map[docname]
            if document.title:
                out.append((document.title, "_toc.yml"))
            for subtree in document.subtrees:
                if subtree.caption:
                    out.append((subtree.caption, "_toc.yml"))
                out += [(item.title, "_toc.yml") for item in subtree.items
                        if isinstance(item, UrlItem) and item.title]
    config = app.config
    out.append((config.html_title, "_config.yml"))
    footer = config.html_theme_options.get("extra_footer")
    if footer:
        out.append((footer, "_config.yml"))
    for name in ("togglebutton_hint", "togglebutton_hint_hide"):
        value = getattr(config, name, None)
        if isinstance(value, str) and value:
            out.append((value, "_config.yml"))
    out.append((API_NOTE, "tools/sl_i18n"))
    out += [(text, "sphinx-book-theme") for text in THEME_STRINGS]
    return out


def _extract_site_messages(app: Sphinx, builder: Any) -> None:
    if builder.name != "gettext":
        return
    catalog = builder.catalogs[catalogs.SITE_DOMAIN]
    for message, source in site_messages(app):
        catalog.add(message, MsgOrigin(source, 0))


def _language_switch(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                     doctree: Any) -> None:
    here = _language(app.config)
    if here not in LANGUAGE_FOLDERS or app.builder.format != "html":
        return
    uri = app.builder.get_target_uri(pagename)
    to_site_root = "../" * (pagename.count("/") + LANGUAGE_FOLDERS[here].count("/"))
    hrefs = {lang: to_site_root + folder + uri for lang, folder in LANGUAGE_FOLDERS.items()}
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<link rel="alternate" hreflang="{lang}" href="{html.escape(href)}">'
        for lang, href in hrefs.items())
    context["sl_language_switch"] = [
        {"lang": lang, "href": href, "label": LANGUAGE_LINKS[lang][0],
         "title": LANGUAGE_LINKS[lang][1]}
        for lang, href in hrefs.items() if lang != here]


def _theme_strings(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                   doctree: Any) -> None:
    theme_translate = context.get("translate")
    fixes = {t: site_catalog(app)[t] for t in THEME_STRINGS if t in site_catalog(app)}
    if callable(theme_translate) and fixes:
        context["translate"] = lambda text: fixes.get(text) or theme_translate(text)


def _translate_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if _language(app.config) == "en" or app.builder.format != "html":
        return
    from softmax_lab import i18n

    from .figures import translate_figure_html, translator

    language = _language(app.config)
    translate = translator(i18n.catalog("figures", "en"), i18n.catalog("figures", language))
    for raw in doctree.findall(nodes.raw):
        text = raw.astext()
        if "html" not in raw.get("format", "") or "sl-plotly" not in text:
            continue
        new, found = translate_figure_html(text, translate)
        if not found:
            logger.warning("%s: a figure whose text the %s build cannot translate (no "
                           "softmaxLabPlotly.render(id, spec) call in its HTML)", docname,
                           language, type="softmax_lab", subtype="i18n", location=raw)
            continue
        raw.children = [nodes.Text(new)]
    if any(True for _ in doctree.findall(addnodes.desc)):
        _add_api_note(app, doctree)


def _add_api_note(app: Sphinx, doctree: nodes.document) -> None:
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    text = site_catalog(app).get(API_NOTE, API_NOTE)
    note = nodes.note("", nodes.paragraph(text, text), classes=["sl-i18n-note"])
    title_index = next((i for i, c in enumerate(section.children)
                        if isinstance(c, nodes.title)), -1)
    section.insert(title_index + 1, note)


def _write_translated_notebooks(app: Sphinx, exc: BaseException | None) -> None:
    language = _language(app.config)
    if exc is not None or language == "en" or app.builder.format != "html":
        return
    import json

    from .notebooks import translate_notebook

    out = Path(app.outdir) / "_sources"
    for docname in sorted(app.env.found_docs):
        source = Path(app.env.doc2path(docname))
        target = out / f"{docname}.ipynb"
        if source.suffix != ".ipynb" or not target.is_file():
            continue
        nb = json.loads(source.read_text(encoding="utf-8"))
        catalog = catalogs.translations(catalogs.po_path(language, docname, Path(app.srcdir)))
        target.write_text(notebook_json(translate_notebook(nb, catalog, language)),
                          encoding="utf-8")


def notebook_json(nb: dict[str, Any]) -> str:
    """A notebook as nbformat writes it (so generated files diff like hand-saved ones)."""
    import nbformat

    return nbformat.writes(nbformat.from_dict(nb))


def setup(app: Sphinx) -> dict[str, Any]:
    # Before other extensions read the config (sphinx-togglebutton copies its hints then).
    app.connect("config-inited", _configure, priority=400)
    app.add_css_file("sl_i18n.css")
    app.add_transform(PrepareMessages)
    app.add_transform(TranslateToc)
    app.add_search_language(SearchKorean)
    app.connect("write-started", _extract_site_messages)
    # Before the theme renders its header sections; the theme's ``translate`` is in the
    # context only after sphinx-book-theme's handlers (500).
    app.connect("html-page-context", _language_switch, priority=400)
    app.connect("html-page-context", _theme_strings, priority=600)
    app.connect("doctree-resolved", _translate_page)
    app.connect("build-finished", _write_translated_notebooks)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
