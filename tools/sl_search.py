"""Search: the one place where the site changes Sphinx's search.

* Snippets: on the search page, ``book/assets/sl_search.js`` replaces Sphinx's
  ``Search.htmlToText`` so that a result's snippet is the chapter's prose, without the page's
  chrome, figures, explorers, display math or KaTeX's hidden MathML/TeX annotation.
* Hangul: the English search language (``\\w+`` words, a stemmer that leaves Hangul alone)
  indexes Korean words as they are written, e.g. the glossary's 엔트로피; a browser test keeps
  it so. A Korean edition registers its own language (``app.add_search_language``) here.
* The search index and its scripts load on the search page only (``tools/sl_theme.py``).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

SNIPPET_SCRIPT = "sl_search.js"


def _add_snippet_script(app: Sphinx, pagename: str, templatename: str,
                        context: dict[str, Any], doctree: Any) -> None:
    if app.builder.format == "html" and pagename == "search":
        # deferred: it runs after searchtools.js, which the search page loads after this list
        app.builder.add_js_file(SNIPPET_SCRIPT, defer="defer")


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _add_snippet_script)
