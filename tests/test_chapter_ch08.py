"""3.4.8 (ch08): what issue 11 asked of the chapter's text, checked on the notebook's source.

The training loss that the trainer reports is a running average over the epoch's minibatches,
so the chapter may not say that the test loss "stays above the training loss" without saying
how each is measured; it measures the training loss after each epoch too and plots it. Every
number the prose quotes from a run is glued from the executed output.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "book" / "ch08_prediction_evaluation.ipynb"
sys.path.insert(0, str(ROOT / "tools"))

from nbtools import python_source  # noqa: E402

GLUE_ROLE = re.compile(r"\{glue:text\}`([A-Za-z_][\w-]*)(?::[^`]*)?`")
GLUE_CALL = re.compile(r"""["']([A-Za-z_][\w-]*)["']\s*:""")
#: Numbers in the prose that name something rather than report a run: data-set facts (1797
#: digits of 8×8 pixels, 70 000 Fashion-MNIST images of 28×28, about 30 MB, d = 64 or 784),
#: "epoch 1", "exercise 7" and the Try-it's "5 epochs".
DEFINITIONS = {"1797", "8", "70", "000", "28", "30", "784", "64", "1", "7", "5"}


def _cells() -> list[dict]:
    return json.loads(CHAPTER.read_text(encoding="utf-8"))["cells"]


def _markdown() -> str:
    return "\n".join("".join(c["source"]) for c in _cells() if c["cell_type"] == "markdown")


def _code() -> str:
    return "\n".join(python_source(c) for c in _cells() if c["cell_type"] == "code")


def _prose(text: str) -> str:
    """The markdown without math, code, link targets and glue roles (what is read as words)."""
    text = GLUE_ROLE.sub(" ", text)
    text = re.sub(r"\b\d+\.\d+\.\d+\b", " ", text)   # section numbers such as 3.4.8
    text = re.sub(r"\$\$.*?\$\$|\$[^$]*\$", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    return re.sub(r"\]\([^)]*\)", "]", text)


def test_the_false_claim_about_the_losses_is_gone() -> None:
    assert "stays above the training loss" not in _markdown()


def test_the_chapter_explains_the_running_average_and_measures_after_each_epoch() -> None:
    text = _markdown()
    assert "running average" in text and "after the epoch" in text
    code = _code()
    assert "sl.Callback" in code and "callbacks=[after_epoch]" in code
    assert "add_trace" in code   # the training loss measured after each epoch is plotted


def test_every_glued_name_in_the_prose_is_glued_by_the_code() -> None:
    used = set(GLUE_ROLE.findall(_markdown()))
    assert {"running_1", "test_1", "after_1"} <= used
    glued = set(GLUE_CALL.findall(_code())) | set(re.findall(r"glue\(\"(\w+)\"", _code()))
    assert used <= glued, f"quoted but never glued: {sorted(used - glued)}"


def test_no_bare_decimal_from_a_run_in_the_prose() -> None:
    numbers = re.findall(r"(?<![\w.])\d+(?:\.\d+)?", _prose(_markdown()))
    decimals = [n for n in numbers if "." in n]
    assert decimals == [], f"decimals written by hand (glue them): {decimals}"
    assert set(numbers) <= DEFINITIONS, f"numbers not glued: {sorted(set(numbers) - DEFINITIONS)}"


def test_the_chapter_trains_with_the_library() -> None:
    code = _code()
    assert "sl.fit_numpy(" in code and "sl.fit_torch(" in code
    assert "np.exp(" not in code and "def softmax" not in code
