"""Keep the translations in step with the English book.

    python tools/i18n.py update      # after editing English text (also: make translations)
    python tools/i18n.py stat        # per-document coverage of every language
    python tools/i18n.py notebooks   # regenerate the translated notebooks from the catalogs

``update`` extracts every message of the book (Sphinx's gettext builder, no notebook runs),
merges them into ``locale/<language>/LC_MESSAGES/*.po`` with sphinx-intl (a changed English
message keeps its old translation, marked fuzzy; a new one is empty; obsolete ones are
dropped), then regenerates the translated notebooks. Translate by filling in the ``msgstr``
of each entry and deleting its ``#, fuzzy`` line, then run ``notebooks`` (or ``update``)
again so the committed notebooks carry the new text.

``stat`` counts fuzzy entries as untranslated, as Sphinx does when it builds the page.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from sl_i18n import catalogs, notebook_json  # noqa: E402
from sl_i18n.build import TRANSLATIONS, extract_messages, notebook_folder  # noqa: E402
from sl_i18n.notebooks import translate_notebook  # noqa: E402

#: Where ``update`` extracts messages (its own output folder: the gettext builder's doctrees
#: must not mix with the HTML build's).
EXTRACT_DIR = ROOT / "_build" / "i18n"


def chapter_notebooks() -> list[Path]:
    return sorted((ROOT / "book").glob("*.ipynb"))


def translated_notebook_path(language: str, english: Path) -> Path:
    return ROOT / notebook_folder(language) / english.relative_to(ROOT)


def translated_notebook(language: str, english: Path) -> str:
    """The translated notebook of one chapter, as the committed file must read."""
    docname = english.relative_to(ROOT).with_suffix("").as_posix()
    catalog = catalogs.translations(catalogs.po_path(language, docname))
    nb = json.loads(english.read_text(encoding="utf-8"))
    return notebook_json(translate_notebook(nb, catalog, language))


def write_notebooks() -> list[Path]:
    """Regenerate every translated notebook; return those that changed."""
    changed = []
    for language in TRANSLATIONS:
        for english in chapter_notebooks():
            path = translated_notebook_path(language, english)
            text = translated_notebook(language, english)
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                changed.append(path)
    return changed


def update() -> None:
    from sphinx_intl.basic import update as intl_update

    shutil.rmtree(EXTRACT_DIR, ignore_errors=True)
    pot_dir = extract_messages(EXTRACT_DIR)
    intl_update(str(ROOT / catalogs.LOCALE_DIR), str(pot_dir), TRANSLATIONS,
                ignore_obsolete=True)
    for path in write_notebooks():
        print(f"Notebook: {path.relative_to(ROOT)}")


def stat() -> None:
    for language in TRANSLATIONS:
        rows = [catalogs.coverage(domain, language) for domain in catalogs.domains(language)]
        width = max(len(r.domain) for r in rows)
        print(f"{language}: {'document':<{width}}  translated  fuzzy  untranslated")
        for r in rows:
            untranslated = r.total - r.translated - r.fuzzy
            print(f"    {r.domain:<{width}}  {r.translated:>4}/{r.total:<4} {r.percent:5.1f} %"
                  f"  {r.fuzzy:>5}  {untranslated:>12}")
        done = sum(r.complete for r in rows)
        print(f"    {done} of {len(rows)} documents complete")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["update", "stat", "notebooks"])
    args = parser.parse_args()
    if args.command == "update":
        update()
    elif args.command == "stat":
        stat()
    else:
        for path in write_notebooks():
            print(f"Notebook: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
