"""What the chapter tests read from a notebook's prose: its markdown, and the numbers in it.

A number the prose quotes should come from the executed output (a ``{glue:text}`` role) or be a
definition (a size, an index, a year in a reference). :func:`bare_numbers` finds the others:
numbers in markdown outside math, code spans and glue roles, so a test can compare them with
the chapter's short list of numbers that are definitions.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

BOOK = Path(__file__).resolve().parents[1] / "book"

_SKIPPED = [
    re.compile(r"\$\$.*?\$\$", re.S),           # display math
    re.compile(r"\$[^$\n]+\$"),                  # inline math
    re.compile(r"\{glue:[a-z]+\}`[^`]*`"),       # numbers from the executed output
    re.compile(r"\{[a-z:]+\}`[^`]*`"),           # other roles: refs, py:func, …
    re.compile(r"`[^`\n]*`"),                    # code spans
    re.compile(r"\]\([^)]*\)"),                  # link targets
    re.compile(r"^#.*$", re.M),                  # headings (section numbers such as 3.4.3)
]
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w.]*\w)")


def cells(chapter: str) -> list[dict]:
    return json.loads((BOOK / f"{chapter}.ipynb").read_text(encoding="utf-8"))["cells"]


def markdown(chapter: str) -> str:
    """All markdown cells of ``chapter``, joined."""
    return "\n\n".join("".join(c["source"]) for c in cells(chapter)
                       if c["cell_type"] == "markdown")


def bare_numbers(text: str) -> list[str]:
    """Numbers written in prose, outside math, code, roles and headings.

    >>> bare_numbers("n = 5 keeps {glue:text}`acc:.3f`; $d = 784$, `n=2`, about 24 of 3.5")
    ['5', '24', '3.5']
    """
    for pattern in _SKIPPED:
        text = pattern.sub(" ", text)
    return [m.group().rstrip(",") for m in _NUMBER.finditer(text)]
