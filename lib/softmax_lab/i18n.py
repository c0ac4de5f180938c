"""The reader's language for every string the library shows (explorers, figures, messages).

Strings live in JSON catalogs, one file per language and domain, in
``softmax_lab/messages/<language>/<domain>.json``: ``{"key": "text with {placeholders}"}``.
Python reads them with :func:`message`; the explorers' JavaScript receives the same catalogs,
so a string is written once per language. English is complete by definition; another language
falls back to English for a key it lacks.

Examples
--------
>>> get_language()
'en'
>>> set_language("xx")
Traceback (most recent call last):
...
ValueError: language: must be one of ('en', 'ko'), got 'xx'
"""

from __future__ import annotations

import functools
import json
import os
from importlib import resources
from typing import Any

__all__ = ["LANGUAGES", "catalog", "get_language", "message", "set_language"]

#: Languages the site and the notebooks are written in.
LANGUAGES: tuple[str, ...] = ("en", "ko")

_state = {"language": os.environ.get("SOFTMAX_LAB_LANGUAGE", "en") or "en"}


def _check_language(language: object) -> str:
    if not isinstance(language, str):
        raise TypeError(f"language: expected a string such as 'en', got {type(language).__name__}")
    if language not in LANGUAGES:
        raise ValueError(f"language: must be one of {LANGUAGES}, got {language!r}")
    return language


def set_language(language: str) -> None:
    """Show explorers and figures made from now on in ``language`` (``"en"`` or ``"ko"``)."""
    _state["language"] = _check_language(language)


def get_language() -> str:
    """The language explorers and figures are made in now."""
    return _check_language(_state["language"])


@functools.cache
def catalog(domain: str, language: str = "en") -> dict[str, str]:
    """All messages of one domain (``"explorers"``, ``"figures"``, …) in one language.

    A language other than English holds only the keys it translates; :func:`message` falls
    back to English for the others.
    """
    _check_language(language)
    folder = resources.files("softmax_lab").joinpath("messages", language)
    path = folder.joinpath(f"{domain}.json")
    if not path.is_file():
        if language == "en":
            raise ValueError(f"domain: no message catalog named {domain!r}")
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def message(key: str, /, **values: Any) -> str:
    """The text of ``key`` (``"domain.name"``) in the current language, filled with ``values``.

    Examples
    --------
    >>> message("figures.epoch")
    'epoch'
    """
    domain, _, name = key.partition(".")
    if not name:
        raise ValueError(f"key: expected 'domain.name', got {key!r}")
    english = catalog(domain, "en")
    if name not in english:
        raise KeyError(f"key: no English message {key!r}")
    text = catalog(domain, get_language()).get(name, english[name])
    return text.format(**values) if values else text
