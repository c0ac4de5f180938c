"""Shared by the translation tests: which documents are translated, and the messages the
English sources have now (a fresh extraction, so a stale ``.po`` cannot pass)."""

from __future__ import annotations

import atexit
import functools
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from sl_i18n import catalogs  # noqa: E402
from sl_i18n.build import extract_messages  # noqa: E402

LANGUAGE = "ko"

#: Documents whose Korean translation is not finished yet. Translators: when your chapter is
#: 100 % translated (``python tools/i18n.py stat``), remove it here; its coverage test then
#: guards it, and its search expectations below come into force.
UNTRANSLATED: frozenset[str] = frozenset()


def toc_documents() -> list[str]:
    """Every page of the table of contents, in order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"], *(entry["file"] for entry in toc.get("chapters", []))]


def chapters() -> list[str]:
    """The documents that are notebooks."""
    return [d for d in toc_documents() if (ROOT / f"{d}.ipynb").is_file()]


@functools.cache
def fresh_messages() -> dict[str, list[str]]:
    """``{domain: English messages}`` extracted from the sources as they are now."""
    folder = Path(tempfile.mkdtemp(prefix="sl-i18n-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    pot_dir = extract_messages(folder)
    return {p.relative_to(pot_dir).with_suffix("").as_posix(): catalogs.msgids(p)
            for p in sorted(pot_dir.rglob("*.pot"))}
