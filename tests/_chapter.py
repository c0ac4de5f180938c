"""Reading a chapter notebook in tests: its cells, its prose, and numbers typed into the prose
instead of glued from the output."""

from __future__ import annotations

import ast
import json
import re
from functools import cache
from pathlib import Path

BOOK = Path(__file__).resolve().parents[1] / "book"

#: Digits that read as words ("sum to 1", "0 elsewhere", "counts from 0").
WORD_NUMBERS = {"0", "1"}
#: What a glued number reads as in the notebook: myst-nb's role with a key and format.
GLUE_ROLE = re.compile(r"\{glue:text\}`([^`]*)`")


def unglued_numbers(text: str, definitions: tuple[str, ...] = ()) -> list[str]:
    """The numbers in markdown ``text`` outside math, glue roles, code, links, §3.4 section
    numbers and list numbers, once the phrases in ``definitions`` (numbers that are not
    results) are removed."""
    text = re.sub(r"\$\$.*?\$\$|\$[^$]*\$", " ", text, flags=re.S)       # math
    text = GLUE_ROLE.sub(" ", text)
    text = re.sub(r"`[^`]*`", " ", text)                                  # code
    text = re.sub(r"\]\([^)]*\)", "]", text)                              # link targets
    text = re.sub(r"§?\b3\.4(\.\d+)?\b", " ", text)                       # sections of §3.4
    text = re.sub(r"^\s*\d+\. ", " ", text, flags=re.M)                    # numbered lists
    for phrase in definitions:
        text = text.replace(phrase, " ")
    return [n for n in re.findall(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])", text)
            if n not in WORD_NUMBERS]


def glued_keys(text: str) -> set[str]:
    """The keys that the glue roles in ``text`` quote: ``{glue:text}`loss:.3f` `` -> loss."""
    return {m.split(":")[0] for m in GLUE_ROLE.findall(text)}


@cache
def cells(name: str) -> tuple[dict, ...]:
    """The cells of ``book/<name>.ipynb``."""
    return tuple(json.loads((BOOK / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"])


def markdown(name: str) -> list[str]:
    """The source of each markdown cell."""
    return ["".join(c["source"]) for c in cells(name) if c["cell_type"] == "markdown"]


def code_cells(name: str) -> list[tuple[set[str], str]]:
    """``(tags, source)`` of each code cell."""
    return [(set(c.get("metadata", {}).get("tags", [])), "".join(c["source"]))
            for c in cells(name) if c["cell_type"] == "code"]


def python_tree(source: str) -> ast.Module:
    """A code cell parsed as Python; each IPython magic becomes a ``pass`` at its indentation."""
    return ast.parse("\n".join(
        line[: len(line) - len(line.lstrip())] + "pass"
        if line.lstrip().startswith(("%", "!")) else line
        for line in source.splitlines()))


def library_calls(name: str) -> set[str]:
    """The ``sl.<name>`` attributes that the chapter's code uses."""
    return {n.attr for _, source in code_cells(name) for n in ast.walk(python_tree(source))
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
            and n.value.id == "sl"}


def defined_functions(name: str) -> list[str]:
    """Functions and lambdas that the chapter's code defines itself."""
    return [getattr(n, "name", "lambda") for _, source in code_cells(name)
            for n in ast.walk(python_tree(source)) if isinstance(n, (ast.FunctionDef, ast.Lambda))]


def glued_by_code(name: str) -> set[str]:
    """The keys the chapter's code glues with ``sl.glue("key", ...)``."""
    return {m for _, source in code_cells(name)
            for m in re.findall(r"sl\.glue\(\"(\w+)\"", source)}
