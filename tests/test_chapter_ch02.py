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


def test_prose_numbers_are_the_explorers_and_the_checked_counts() -> None:
    # "+0.8 where it is dark, −0.8 where it is light" is the explorer's template preset, and
    # "15 parameters" is asserted in the chapter's check cell.
    import re

    text = _markdown()
    assert set(re.findall(r"[−+-]?\d+\.\d+", text)) <= {"3.4", "+0.8", "−0.8"}
    table = json.loads((NOTEBOOK.parents[1] / "lib" / "softmax_lab" / "explorers"
                        / "weights.json").read_text(encoding="utf-8"))
    preset = next(p for p in table["presets"] if p["id"] == "templates")
    assert {abs(w) for w in preset["state"]["W"]} == {0.8}
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    checks = ["".join(c["source"]) for c in cells if "check" in c["metadata"].get("tags", [])]
    assert any("== 15" in s for s in checks) and "**15 parameters**" in text
