"""3.4.2 (ch02): what issue 11 asked of the chapter's text."""

from __future__ import annotations

import json
from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parents[1] / "book" / "ch02_network_architecture.ipynb"


def _markdown() -> str:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def test_one_output_per_class_is_motivated_by_conditional_probabilities_first() -> None:
    text = _markdown()
    why = text.index("## Why one output per class")
    assert why < text.index("## One affine function per class")
    section = text[why:text.index("## One affine function per class")]
    assert r"P(y = 1 \mid \mathbf x)" in section and "**one output per class**" in section


def test_no_figure_asks_the_reader_to_hover() -> None:
    assert "hover" not in _markdown().lower()
