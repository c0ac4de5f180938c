"""What the whole site shares across languages: where each language lives, how the switch
names it, and the ``_site`` catalog (strings that belong to no single page)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from . import catalogs

#: Each language's folder under the site's root (English at the root).
LANGUAGE_FOLDERS = {"en": "", "ko": "ko/"}
#: How the switch names each language (in that language) and says what it does.
LANGUAGE_LINKS = {
    "en": ("English", "Read this page in English"),
    "ko": ("한국어", "이 페이지를 한국어로 읽기"),
}
#: Config values that are button labels (sphinx-togglebutton's hints, the "Show the check"
#: fold of sl_cells): a translated build sets each to its ``_site.po`` translation.
TOGGLE_HINTS = ("togglebutton_hint", "togglebutton_hint_hide",
                "sl_check_prompt_show", "sl_check_prompt_hide")
#: Strings this extension writes on translated pages (translated through ``_site.po``).
API_NOTE = ("The reference below is generated from the docstrings of softmax_lab and is "
            "shown in English.")
#: sphinx-book-theme strings whose translation in the theme reads wrong (its Korean "By" is
#: "으로", a particle): ``_site.po`` translates them instead.
THEME_STRINGS = ("By",)


def language_of(config: Config) -> str:
    """The language a build is in (Sphinx's ``language``; English when unset)."""
    return config.language or "en"


def site_catalog(app: Sphinx) -> dict[str, str]:
    """The ``_site`` translations of this build's language ({} for English)."""
    language = language_of(app.config)
    if language == "en":
        return {}
    cache: dict[str, dict[str, str]] = app.__dict__.setdefault("_sl_i18n_site", {})
    if language not in cache:
        cache[language] = catalogs.translations(
            catalogs.po_path(language, catalogs.SITE_DOMAIN, Path(app.srcdir)))
    return cache[language]
