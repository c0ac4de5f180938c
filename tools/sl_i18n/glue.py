"""Glue roles inside translated text.

Sphinx translates a paragraph by parsing its ``msgstr`` as a document of its own, after the
notebook has been read. myst-nb's glue roles look their key up in the notebook being parsed
(``document["nb_renderer"]``), which that small document does not have, so every
``{glue:text}`key``` of a translated paragraph would come out empty (with a "No key found"
warning). In translated text, a key without a document is read as a key of the page being
translated: ``key`` becomes ``/<this page>::key``, myst-nb's cross-document form, which it
resolves after reading from the glue data the notebook wrote to the build folder.
"""

from __future__ import annotations

from typing import Any

from myst_nb.ext.glue.roles import PasteRoleAny, PasteTextRole

#: The glue roles whose text may name another document as ``path::key``, and whether the
#: role's text ends in a format (``key:format``).
ROLES = ((PasteRoleAny, False), (PasteTextRole, True))


def is_translated(document: Any) -> bool:
    return "nb_renderer" not in document and str(document.current_source).endswith(
        "<translated>")


def with_own_page(text: str, page: str, formatted: bool) -> str:
    """``text`` as a key of ``page``; a ``doc::key`` is kept.

    A formatted role's text is ``key`` or ``key:format``; its cross-document form must name
    the format (it splits at the last colon), so a bare key gets the default one, ``s``.

    >>> with_own_page("log2_3:.3f", "book/ch10.ipynb", True)
    '/book/ch10.ipynb::log2_3:.3f'
    >>> with_own_page("p", "b.ipynb", True), with_own_page("p", "b.ipynb", False)
    ('/b.ipynb::p:s', '/b.ipynb::p')
    >>> with_own_page("a.ipynb::k", "b.ipynb", False)
    'a.ipynb::k'
    """
    if "::" in text:
        return text
    if formatted and ":" not in text:
        text += ":s"
    return f"/{page}::{text}"


def run_on_own_page(run: Any, formatted: bool) -> Any:
    def run_translated(self: Any) -> Any:
        if is_translated(self.document):
            env = self.document.settings.env
            page = env.doc2path(env.docname, base=False)
            self.text = with_own_page(self.text, page, formatted)
        return run(self)

    run_translated.__wrapped__ = run
    return run_translated


def patch_glue_roles() -> None:
    """Make the glue roles read translated text's keys from the page's own glue data."""
    for role, formatted in ROLES:
        if not hasattr(role.run, "__wrapped__"):
            role.run = run_on_own_page(role.run, formatted)
