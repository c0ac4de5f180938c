"""Numbers written into a chapter's prose, for the tests that keep them glued.

A number in a markdown cell is either glued (``{glue:text}`name:.3f` ``, filled in by the
build from the executed output), or math, or a definition the reader is given (an example's
logits, a recipe). :func:`bare_numbers` finds what is left: decimals, percentages and numbers
of three or more digits outside glue roles, math, code spans and link targets.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

BOOK = Path(__file__).resolve().parents[1] / "book"

_HIDDEN = [
    re.compile(r"^#+\s+\d+(\.\d+)*", re.M),          # "# 3.4.4 Softmax Operation"
    re.compile(r"\{glue:[a-z]+\}`[^`]*`"),          # glued numbers
    re.compile(r"```\{math\}.*?```", re.S),          # display math
    re.compile(r"\$\$.*?\$\$", re.S),
    re.compile(r"\$[^$]*\$"),                        # inline math
    re.compile(r"`[^`]*`"),                          # code spans
    re.compile(r"\]\([^)]*\)"),                      # link targets
    re.compile(r"§\s?\d+(\.\d+)*"),                  # section numbers
    re.compile(r"\b(1[89]|20)\d\d\b"),               # years
]
_NUMBER = re.compile(r"\d[\d,]*\.\d+|\d+(\.\d+)?\s?%|\b\d{1,3}(,\d{3})+\b|\b\d{3,}\b")


def cells(name: str, kind: str) -> list[str]:
    """The sources of the ``kind`` ("markdown" or "code") cells of ``book/<name>.ipynb``."""
    nb = json.loads((BOOK / f"{name}.ipynb").read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == kind]


def bare_numbers(text: str) -> list[str]:
    """Numbers in ``text`` that are not glued, math, code or a year."""
    for pattern in _HIDDEN:
        text = pattern.sub(" ", text)
    return [m.group(0).strip() for m in _NUMBER.finditer(text)]


def glue_names(text: str) -> set[str]:
    """The names the prose quotes with ``{glue:text}``."""
    return set(re.findall(r"\{glue:[a-z]+\}`([A-Za-z_][\w-]*)", text))


def unfilled_glue(html: str, markdown: list[str]) -> list[str]:
    """Problems with the glued numbers of a built page, given its chapter's markdown."""
    roles = sum(len(re.findall(r"\{glue:text\}`", t)) for t in markdown)
    filled = len(re.findall(r'<span class="pasted-text">[^<]+</span>', html))
    problems = []
    if filled != roles:
        problems.append(f"{roles} glued numbers in the chapter, {filled} on the page")
    if "{glue:" in html:
        problems.append("a glue role was left as text")
    return problems
