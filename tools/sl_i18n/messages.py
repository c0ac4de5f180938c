"""What is a message: the rules Sphinx's extraction and translation follow in this book, and
the ``_site`` messages (``_toc.yml`` titles and part captions, site title, footer, hints)."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.gettext import MsgOrigin
from sphinx.transforms import SphinxTransform
from sphinx_external_toc.api import UrlItem

from . import catalogs
from .site import API_NOTE, THEME_STRINGS, TOGGLE_HINTS, site_catalog


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
            translate_toctree(toctree, messages)
            if self.app.builder.name == "gettext":
                # A part caption is a _site message; the page's catalog would repeat it.
                toctree.attributes.pop("rawcaption", None)


def translate_toctree(toctree: addnodes.toctree, messages: dict[str, str]) -> None:
    """Translate one toctree's entry titles and caption in place."""
    # sphinx-external-toc sets an empty raw caption, which the gettext builder would write out
    # as an empty message (the catalog's header): drop it.
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
    for name in TOGGLE_HINTS:
        value = getattr(config, name, None)
        if isinstance(value, str) and value:
            out.append((value, "_config.yml"))
    out.append((API_NOTE, "tools/sl_i18n"))
    out += [(text, "sphinx-book-theme") for text in THEME_STRINGS]
    return out


def extract_site_messages(app: Sphinx, builder: Any) -> None:
    if builder.name != "gettext":
        return
    catalog = builder.catalogs[catalogs.SITE_DOMAIN]
    for message, source in site_messages(app):
        catalog.add(message, MsgOrigin(source, 0))
