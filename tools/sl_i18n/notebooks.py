"""Translated notebooks: the English chapter notebook with its markdown cells in another language.

The catalogs are keyed by Sphinx's message units: one paragraph, heading, list item paragraph,
table cell, term or admonition title, its lines joined with spaces. This module finds the same
units in a markdown cell by parsing it with MyST's own markdown-it configuration (so a key found
here is byte for byte the catalog's key), and replaces each unit's text in place, leaving the
markup around it (list markers, indentation, table pipes, directive fences and options, math)
untouched. Code cells are copied unchanged; one cell after the install cell switches the
library's explorers and figures to the notebook's language.

    translate_notebook(english_nb, catalog, "ko") -> the Korean notebook (a new dict)
    message_keys(markdown) -> the catalog keys of one markdown cell
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]

#: Directives whose body is markdown (translated recursively); any other directive's body
#: (code, math, raw HTML, reST) is left as it is.
MARKDOWN_BODY = frozenset({
    "admonition", "attention", "caution", "danger", "error", "hint", "important", "note",
    "seealso", "tip", "warning", "exercise", "solution", "dropdown", "margin", "sidebar",
    "topic", "epigraph", "card", "tab-item", "tab-set", "grid", "grid-item", "grid-item-card",
    "figure",
})
#: Directives whose argument is a title a reader sees (translated); other arguments are
#: labels, paths or languages.
TITLED = frozenset({"admonition", "exercise", "dropdown", "topic", "sidebar", "card",
                    "tab-item", "grid-item-card"})

_DIRECTIVE = re.compile(r"^\{([\w:-]+)\}\s*(.*)$")
_OPTION = re.compile(r"^\s*:[\w-]+:")

#: The cell that makes a translated notebook's explorers and figures speak its language.
LANGUAGE_CELL_ID = "sl-i18n-language"


@functools.cache
def _parser() -> Any:
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    extensions = set(config.get("parse", {}).get("myst_enable_extensions", []))
    return create_md_parser(MdParserConfig(enable_extensions=extensions), RendererHTML)


@dataclass(frozen=True)
class Unit:
    """One message unit of a markdown text and where its text sits."""

    key: str     # the catalog key: the text with its lines joined by spaces
    line: int    # first line of the text
    col: int     # column where the text starts on that line
    end_line: int
    end_col: int  # column just past the text on end_line


def _key(content: str) -> str:
    # Sphinx: node.rawsource.replace("\n", " ").strip()
    return content.replace("\n", " ").strip()


def _inline_unit(content: str, first: int, lines: list[str], cursor: dict[int, int]
                 ) -> Unit | None:
    parts = content.split("\n")
    last = first + len(parts) - 1
    if not content.strip() or last >= len(lines):
        return None
    col = lines[first].find(parts[0], cursor.get(first, 0))
    if col < 0:
        return None
    if len(parts) == 1:
        end_col = col + len(parts[0])
    else:
        end_col = lines[last].rfind(parts[-1])
        if end_col < 0:
            return None
        end_col += len(parts[-1])
    cursor[first] = col + len(parts[0])
    return Unit(_key(content), first, col, last, end_col)


def _directive_units(token: Any, lines: list[str]) -> Iterator[Unit]:
    match = _DIRECTIVE.match(token.info.strip())
    if match is None:
        return
    name, argument = match.group(1), match.group(2).strip()
    start = token.map[0]
    if name in TITLED and argument:
        col = lines[start].find(argument, lines[start].find("}") + 1)
        if col >= 0:
            yield Unit(_key(argument), start, col, start, col + len(argument))
    if name not in MARKDOWN_BODY:
        return
    body = token.content.split("\n")
    # The body's lines are the source lines after the opening fence, less the indentation of
    # the fence (a fence inside a list item); map them back through that offset.
    offsets = []
    for j, text in enumerate(body):
        source = lines[start + 1 + j] if start + 1 + j < len(lines) else None
        if source is None or not source.endswith(text):
            return  # not laid out as expected: leave this directive untranslated
        offsets.append(len(source) - len(text))
    # Options (":class: dropdown", or a "---" YAML block) are not text: blank them out.
    k = 0
    if body and body[0].strip() == "---":
        end = next((i for i in range(1, len(body)) if body[i].strip() == "---"), None)
        if end is not None:
            body[: end + 1] = [""] * (end + 1)
            k = end + 1
    while k < len(body) and _OPTION.match(body[k]):
        body[k] = ""
        k += 1
    for unit in _units("\n".join(body)):
        yield Unit(unit.key, start + 1 + unit.line, unit.col + offsets[unit.line],
                   start + 1 + unit.end_line, unit.end_col + offsets[unit.end_line])


def _units(markdown: str) -> Iterator[Unit]:
    lines = markdown.split("\n")
    cursor: dict[int, int] = {}
    for token in _parser().parse(markdown):
        if token.type == "inline" and token.map:
            unit = _inline_unit(token.content, token.map[0], lines, cursor)
            if unit is not None:
                yield unit
        elif token.type in ("fence", "colon_fence") and token.map:
            yield from _directive_units(token, lines)


def message_keys(markdown: str) -> list[str]:
    """The catalog keys of one markdown cell, in order.

    >>> message_keys("# A title\\n\\nOne paragraph\\non two lines.\\n\\n$$\\nx^2\\n$$")
    ['A title', 'One paragraph on two lines.']
    """
    return [unit.key for unit in _units(markdown)]


def translate_markdown(markdown: str, catalog: Mapping[str, str]) -> str:
    """``markdown`` with every unit that ``catalog`` translates replaced by its translation.

    A translation is written on one line (a soft line break in markdown is a space).

    >>> translate_markdown("- **One** item\\n  on two lines",
    ...                    {"**One** item on two lines": "**하나**"})
    '- **하나**'
    """
    lines = markdown.split("\n")
    for unit in sorted(_units(markdown), key=lambda u: (u.line, u.col), reverse=True):
        target = catalog.get(unit.key)
        if not target:
            continue
        target = " ".join(part.strip() for part in target.split("\n"))
        merged = lines[unit.line][: unit.col] + target + lines[unit.end_line][unit.end_col:]
        lines[unit.line: unit.end_line + 1] = [merged]
    return "\n".join(lines)


def _source(cell: Mapping[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def language_cell(language: str) -> dict[str, Any]:
    """The code cell that switches ``softmax_lab``'s explorers and figures to ``language``."""
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": LANGUAGE_CELL_ID,
        "metadata": {"tags": ["remove-cell"]},
        "outputs": [],
        "source": f'import softmax_lab\n\nsoftmax_lab.set_language("{language}")',
    }


def translate_notebook(nb: Mapping[str, Any], catalog: Mapping[str, str],
                       language: str) -> dict[str, Any]:
    """The notebook in ``language``: markdown translated from ``catalog``, code unchanged.

    The language cell goes right after the first code cell (the install cell, which must run
    before ``softmax_lab`` can be imported in Colab), or first when there is no code cell.
    """
    out = copy.deepcopy(dict(nb))
    cells = []
    for cell in out["cells"]:
        if cell["cell_type"] == "markdown":
            cell["source"] = translate_markdown(_source(cell), catalog)
        cells.append(cell)
    first_code = next((i for i, c in enumerate(cells) if c["cell_type"] == "code"), -1)
    cells.insert(first_code + 1, language_cell(language))
    out["cells"] = cells
    return out
