"""The translations on disk: one gettext catalog (``.po``) per document and language.

Layout (Sphinx's ``gettext_compact = False``)::

    locale/<language>/LC_MESSAGES/<docname>.po    one per page, e.g. book/intro.po
    locale/<language>/LC_MESSAGES/_site.po        toc titles, part captions, site title, …

A message counts as translated when it has a non-empty translation that is not marked fuzzy:
Sphinx ignores fuzzy entries and shows the English text, so a coverage figure that counted them
(as ``sphinx-intl stat`` does) would overstate what a reader sees.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
#: Where the catalogs live (Sphinx's ``locale_dirs``), relative to the repository root.
LOCALE_DIR = "locale"
#: The catalog of strings that belong to the site rather than to one page.
SITE_DOMAIN = "_site"


def po_path(language: str, domain: str, root: Path = ROOT) -> Path:
    """Path of the catalog of ``domain`` (a docname such as ``book/intro``, or ``_site``)."""
    return root / LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def domains(language: str, root: Path = ROOT) -> list[str]:
    """Every domain that has a catalog in ``language``, sorted."""
    base = root / LOCALE_DIR / language / "LC_MESSAGES"
    return sorted(p.relative_to(base).with_suffix("").as_posix() for p in base.rglob("*.po"))


def _live(entries: Iterable[polib.POEntry]) -> list[polib.POEntry]:
    return [e for e in entries if e.msgid and not e.obsolete]


def translations(path: Path) -> dict[str, str]:
    """``{English: translation}`` for every translated, non-fuzzy message of one catalog.

    A missing file is an empty catalog: every message falls back to English.
    """
    if not path.is_file():
        return {}
    return {e.msgid: e.msgstr for e in _live(polib.pofile(str(path)))
            if e.msgstr and not e.fuzzy}


def msgids(path: Path) -> list[str]:
    """Every message of a catalog or template (``.po``/``.pot``), in file order."""
    return [e.msgid for e in _live(polib.pofile(str(path)))]


@dataclass(frozen=True)
class Coverage:
    """How much of one document a reader sees translated."""

    domain: str
    total: int
    translated: int
    fuzzy: int
    #: English messages with no usable translation (untranslated, fuzzy or absent), in order.
    missing: tuple[str, ...]

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total

    @property
    def complete(self) -> bool:
        return not self.missing


def coverage(domain: str, language: str, expected: Iterable[str] | None = None,
             root: Path = ROOT) -> Coverage:
    """Coverage of ``domain`` in ``language``.

    ``expected`` are the messages the English source has now (from a fresh extraction); without
    it, the catalog's own messages are counted, which is right only after ``i18n.py update``.
    """
    path = po_path(language, domain, root)
    entries = _live(polib.pofile(str(path))) if path.is_file() else []
    wanted = list(expected) if expected is not None else [e.msgid for e in entries]
    done = translations(path)
    fuzzy = {e.msgid for e in entries if e.fuzzy}
    missing = tuple(m for m in wanted if m not in done)
    return Coverage(domain, len(wanted), len(wanted) - len(missing),
                    sum(m in fuzzy for m in wanted), missing)
