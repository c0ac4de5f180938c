"""Figures on a translated page: the text of an executed (English) figure, in the page language.

Notebooks execute once, in English, for every language (one shared execution cache), so a
figure reaches the Korean build with English titles, axis titles, legend names and hover text.
The library builds those strings from its message catalogs (``softmax_lab.i18n``), so each one
is an English catalog value, either verbatim or with its ``{placeholders}`` filled in. This
module matches each such string against the English catalog and writes the translation, with
the same placeholder values, into the figure JSON that ``softmax_lab.display`` emits.

The chapters' own figure text (a title their code sets) is no library message: it is
translated from ``locale/<language>/figures.json`` (:func:`book_figure_strings`) the same way.
A string that matches no catalog value stays as it is (English), exactly like untranslated
page text.
"""

from __future__ import annotations

import html
import json
import re
import string
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

Translate = Callable[[str], str]

#: Keys whose string values a reader sees (plotly's layout, traces, frames, menus, sliders).
TEXT_KEYS = frozenset({"text", "name", "title", "hovertemplate", "texttemplate", "label",
                       "prefix", "suffix"})
#: Keys whose values are lists of strings a reader sees (bar labels, tick labels, hover text).
TEXT_LIST_KEYS = frozenset({"text", "ticktext", "hovertext"})

_SPEC = re.compile(r'(<script type="application/json" id="[^"]*-spec">)(.*?)(</script>)', re.S)
_ARIA = re.compile(r'(<div\b[^>]*\bclass="sl-plotly"[^>]*\baria-label=")([^"]*)(")')


def book_figure_strings(srcdir: Path, language: str) -> dict[str, str]:
    """``{English: translation}`` for the text the chapters' own code puts in figures (titles,
    axis titles, trace names), from ``locale/<language>/figures.json``; ``{placeholders}``
    stand for values the code computes, and plotly's own ``%{...}`` is written ``%{{...}}``.
    """
    path = srcdir / "locale" / language / "figures.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _unescape(text: str) -> str:
    return text.replace("{{", "{").replace("}}", "}")


def _pattern(template: str) -> tuple[re.Pattern[str], list[str]] | None:
    """A regex that matches ``template`` with any values in its fields, and the field names."""
    parts, names = [], []
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is not None:
            if not field.isidentifier() or field in names:
                return None
            names.append(field)
            parts.append(f"(?P<{field}>.+?)")
    if not names:
        return None
    return re.compile("".join(parts) + r"\Z", re.S), names


def translator(english: Mapping[str, str], translated: Mapping[str, str]) -> Translate:
    """A function from an English figure string to its translation.

    ``english`` and ``translated`` are one domain's catalogs (``key -> text``). A string equal
    to an English value becomes the translated value; one that matches an English value with
    ``{placeholders}`` becomes the translated value filled with the same (themselves translated)
    values. Anything else comes back unchanged.

    >>> t = translator({"loss": "loss on {split}", "train": "train"},
    ...                {"loss": "{split} 손실", "train": "훈련"})
    >>> t("loss on train"), t("loss on test"), t("accuracy")
    ('훈련 손실', 'test 손실', 'accuracy')
    """
    exact: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    for key, text in english.items():
        target = translated.get(key)
        if not target or target == text:
            continue
        compiled = _pattern(text)
        if compiled is None:
            exact.setdefault(_unescape(text), _unescape(target))
        else:
            patterns.append((compiled[0], target))
    # The most specific template (most literal text) wins when two match.
    patterns.sort(key=lambda item: len(item[0].pattern), reverse=True)

    def translate(text: str, depth: int = 0) -> str:
        if text in exact:
            return exact[text]
        if depth < 2:
            for regex, target in patterns:
                match = regex.match(text)
                if match:
                    values = {k: translate(v, depth + 1) for k, v in match.groupdict().items()}
                    return target.format(**values)
        return text

    return translate


def translate_spec(spec: Any, translate: Translate) -> Any:
    """A copy of a plotly figure (JSON) with every string a reader sees translated."""
    if isinstance(spec, list):
        return [translate_spec(item, translate) for item in spec]
    if not isinstance(spec, dict):
        return spec
    out = {}
    for key, value in spec.items():
        if isinstance(value, str) and key in TEXT_KEYS:
            out[key] = translate(value)
        elif (isinstance(value, list) and key in TEXT_LIST_KEYS
              and all(isinstance(v, str) for v in value)):
            out[key] = [translate(v) for v in value]
        elif key != "template":  # the template holds styles, never text
            out[key] = translate_spec(value, translate)
        else:
            out[key] = value
    return out


def _js_literal(value: Any) -> str:
    # As softmax_lab.display writes it: JSON, with "<", ">" and "&" escaped for a <script>.
    text = json.dumps(value, ensure_ascii=True, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def translate_figure_html(markup: str, translate: Translate) -> tuple[str, int]:
    """Translate every figure in one HTML output of ``softmax_lab.display``.

    The display helper writes each figure as JSON in a
    ``<script type="application/json" id="…-spec">`` element beside its ``<div>``. Returns the
    new markup and how many figure specs it found (0 means the markup holds no figure in the
    form this module knows).
    """
    found = 0

    def spec(match: re.Match[str]) -> str:
        nonlocal found
        try:
            value = json.loads(match.group(2))
        except ValueError:
            return match.group(0)
        found += 1
        return match.group(1) + _js_literal(translate_spec(value, translate)) + match.group(3)

    out = _SPEC.sub(spec, markup)

    def label(match: re.Match[str]) -> str:
        text = translate(html.unescape(match.group(2)))
        return match.group(1) + html.escape(text, quote=True) + match.group(3)

    return _ARIA.sub(label, out), found
