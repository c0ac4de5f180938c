"""What a built page gets: the language switch and its alternates, theme strings fixed, figure
text translated, the API page's note, and the translated notebook behind the download button."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

from . import catalogs
from .site import (
    API_NOTE,
    LANGUAGE_FOLDERS,
    LANGUAGE_LINKS,
    THEME_STRINGS,
    language_of,
    site_catalog,
)

logger = logging.getLogger(__name__)


def language_switch(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                    doctree: Any) -> None:
    """Links to this page in every other language: the switch, and ``rel=alternate``."""
    here = language_of(app.config)
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


def theme_strings(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: Any) -> None:
    """Theme strings whose own translation reads wrong come from ``_site.po`` instead."""
    theme_translate = context.get("translate")
    fixes = {t: site_catalog(app)[t] for t in THEME_STRINGS if t in site_catalog(app)}
    if callable(theme_translate) and fixes:
        context["translate"] = lambda text: fixes.get(text) or theme_translate(text)


def translate_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On a translated page: figure text in the page language, and the API page's note."""
    if language_of(app.config) == "en" or app.builder.format != "html":
        return
    from softmax_lab import i18n

    from .figures import book_figure_strings, translate_figure_html, translator

    language = language_of(app.config)
    # The library's figure strings, then the chapters' own (titles and labels their code sets).
    book = book_figure_strings(Path(app.srcdir), language)
    translate = translator({**i18n.catalog("figures", "en"), **{f"book:{k}": k for k in book}},
                           {**i18n.catalog("figures", language),
                            **{f"book:{k}": v for k, v in book.items()}})
    for raw in doctree.findall(nodes.raw):
        text = raw.astext()
        if "html" not in raw.get("format", "") or "sl-plotly" not in text:
            continue
        new, found = translate_figure_html(text, translate)
        if not found:
            logger.warning("%s: a figure whose text the %s build cannot translate (no "
                           "figure spec <script> in its HTML)", docname,
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


def write_translated_notebooks(app: Sphinx, exc: BaseException | None) -> None:
    """Put each translated notebook where the page's download button points."""
    language = language_of(app.config)
    if exc is not None or language == "en" or app.builder.format != "html":
        return
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
