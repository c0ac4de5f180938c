"""Numbers glued into the prose (``{glue:text}`` roles) inside translated paragraphs.

myst-nb keeps a notebook's glue data on the document only while it parses the notebook. Sphinx
translates a paragraph afterwards (its ``Locale`` transform parses the translated text as a
small document of its own), so a glue role in a translation finds no data and the number is
dropped with a warning. This module remembers each notebook's glue data under its document name
when the English source's own roles read it, and lets a translated paragraph of the same
document read it too. The English build is unaffected: there a role always finds its document's
data first.
"""

from __future__ import annotations

from typing import Any

from myst_nb.ext.glue import directives, roles, utils

_RENDERERS: dict[str, Any] = {}
_original = utils.retrieve_glue_data


def _docname(document: Any) -> str | None:
    env = getattr(document.settings, "env", None)
    return getattr(env, "docname", None)


def retrieve_glue_data(document: Any, key: str) -> Any:
    """myst-nb's lookup, falling back on the glue data of the page being translated."""
    name = _docname(document)
    if "nb_renderer" in document:
        if name is not None:
            _RENDERERS[name] = document["nb_renderer"]
        return _original(document, key)
    renderer = _RENDERERS.get(name) if name is not None else None
    if renderer is None:
        return _original(document, key)
    document.attributes["nb_renderer"] = renderer
    try:
        return _original(document, key)
    finally:
        document.attributes.pop("nb_renderer", None)


def install() -> None:
    """Route myst-nb's glue roles and directives through :func:`retrieve_glue_data`."""
    for module in (utils, roles, directives):
        module.retrieve_glue_data = retrieve_glue_data
