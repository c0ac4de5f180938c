"""3.4.1 (ch01): what issue 11 asked of the chapter's text."""

from __future__ import annotations

import json
import re
from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parents[1] / "book" / "ch01_classification.ipynb"


def _markdown() -> str:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_ordinal_regression_rests_on_the_order_not_on_equal_spacing() -> None:
    text = _flat(_markdown())
    assert "captures exactly that" not in text
    assert "the distance $|a - b|$ between codes grows" not in text
    assert "uses the **order** of the classes and nothing else" in text
    assert "equally spaced classes" in text


def test_the_class_numbering_convention_is_stated_once_with_d2ls_two_orders() -> None:
    text = _flat(_markdown())
    assert text.count("How this book numbers classes") == 1
    assert "classes are numbered **1 to $q$**" in text
    assert "class $j$ is **index $j - 1$**" in text
    assert "stand for dog, cat, chicken" in text and "stand for cat, chicken, dog" in text


def test_multi_label_classification_is_told_apart_from_multi_class() -> None:
    text = _flat(_markdown())
    assert "Aside: multi-class and multi-label" in text
    assert "**multi-label** classification" in text and "**multi-class** classification" in text


def test_prose_quotes_no_computed_decimal_numbers() -> None:
    # The chapter's numbers are definitions or examples (2×2, √2, "99 % spam"); a decimal
    # that came from a computation would have to be glued from the executed output.
    found = set(re.findall(r"[−+-]?\d+\.\d+|\d+\s?%", _markdown()))
    assert found <= {"3.4", "99 %", "51 %"}, found
