"""3.4.7 Information theory: numbers in the prose from the output, every identity checked in
code, and a text that says what the information explorer does (issue 11)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from . import _chapter
from ._chapter import glued_keys, unglued_numbers

NAME = "ch07_information_theory"
EXPLORERS = Path(__file__).resolve().parents[1] / "lib" / "softmax_lab" / "explorers"
#: Numbers that name a unit, not a result.
DEFINITIONS = ("base-2", "base 2")
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 8: "eight"}


def prose() -> str:
    return "\n".join(_chapter.markdown(NAME))


def checks() -> str:
    return "\n".join(source for tags, source in _chapter.code_cells(NAME) if "check" in tags)


def explorer_paragraph() -> str:
    """The paragraph that introduces the explorer, with its line breaks as spaces."""
    return " ".join(next(t for t in _chapter.markdown(NAME) if t.startswith("Drag the bars"))
                    .split())


def test_numbers_in_the_prose_are_glued_from_the_output() -> None:
    found = {n for text in _chapter.markdown(NAME) for n in unglued_numbers(text, DEFINITIONS)}
    assert not found, f"numbers typed into the prose instead of glued: {sorted(found)}"


def test_the_number_scan_ignores_units_and_lists_but_not_results() -> None:
    assert unglued_numbers("With base-2 logarithms, in base 2:\n2. **MDL**", DEFINITIONS) == []
    assert unglued_numbers("the uniform code wastes 0.25 bits", DEFINITIONS) == ["0.25"]


def test_every_glued_key_in_the_prose_is_glued_by_the_code() -> None:
    used = glued_keys(prose())
    assert {"H_dy", "H_dy_uniform", "kl_dy", "kl_dy_reverse", "ln2"} <= used
    missing = used - _chapter.glued_by_code(NAME)
    assert not missing, f"quoted but never glued: {sorted(missing)}"


def test_the_chapter_computes_with_softmax_lab_and_defines_no_math_of_its_own() -> None:
    assert _chapter.defined_functions(NAME) == []
    assert {"entropy", "surprisal", "cross_entropy", "kl_divergence", "softmax",
            "cross_entropy_loss"} <= _chapter.library_calls(NAME)


def test_every_identity_of_the_chapter_is_checked_in_a_check_cell() -> None:
    folded = checks()
    for identity in [
        r"sl\.entropy\(np\.full\(q, 1 / q\)\), np\.log\(q\)",          # uniform: log q
        r"sl\.entropy\(P\) / LN2",                                    # nats -> bits
        r"np\.sum\(P \* sl\.surprisal\(P\)\)",                        # H = E[s]
        r"sl\.surprisal\(a \* b\)",                                   # surprisals add
        r"np\.sum\(2\.0 \*\* -lengths\)",                             # Kraft
        r"sl\.cross_entropy\(P_dy, P_dy\), sl\.entropy\(P_dy\)",      # H(P, P) = H[P]
        r"H_cross >= sl\.entropy\(P_dy\)",                            # Gibbs
        r"sl\.cross_entropy\(P_r, Q_r\) - sl\.entropy\(P_r\)",        # KL = H(P,Q) - H[P]
        r"sl\.softmax\(o1\) - P_t",                                   # gradient
    ]:
        assert re.search(identity, folded), f"no check cell checks {identity}"


def test_the_explorer_paragraph_describes_the_explorer_it_introduces() -> None:
    table = json.loads((EXPLORERS / "information.json").read_text(encoding="utf-8"))
    defaults = {entry["name"]: entry.get("default") for entry in table["state"]}
    code = "\n".join(source for _, source in _chapter.code_cells(NAME))
    # It starts from "the four-symbol source and the uniform code of this chapter", in bits.
    assert defaults["p"] == [0.5, 0.25, 0.125, 0.125]
    assert defaults["q"] == [0.25] * 4
    assert "P_dy = np.array([0.5, 0.25, 0.125, 0.125])" in code
    assert 'information_explorer(unit="bits")' in code
    assert "information_readout" in checks()
    # "The explorer's 'Try this' list has three goals to reach."
    goals = len(re.findall(r'goal: "information\.challenge_',
                           (EXPLORERS / "information.js").read_text(encoding="utf-8")))
    assert f"has {NUMBER_WORDS[goals]} goals" in explorer_paragraph()
    # Dragging one bar rescales the others in proportion (the explorer's documented rule).
    assert "in proportion to their sizes" in explorer_paragraph()
    assert "in proportion to their sizes" in (EXPLORERS / "information.py").read_text(
        encoding="utf-8")


def test_the_buttons_and_ranges_the_text_names_are_the_explorers() -> None:
    messages = json.loads((EXPLORERS.parent / "messages" / "en" / "explorers.json")
                          .read_text(encoding="utf-8"))
    text = prose()
    for key in ["information.preset_uniform", "information.preset_q_misses"]:
        assert f'"{messages[key]}"' in text, f"the text names no button {messages[key]!r}"
    assert messages["information.preset_q_equals_p"] == "Q = P"
    assert "set $Q = P$" in explorer_paragraph()
    table = json.loads((EXPLORERS / "information.json").read_text(encoding="utf-8"))
    low, high = next(e for e in table["state"] if e["name"] == "p")["length"]
    assert f"from {NUMBER_WORDS[low]} to {NUMBER_WORDS[high]} outcomes" in explorer_paragraph()
    units = next(e for e in table["state"] if e["name"] == "unit")["choices"]
    assert units == ["nats", "bits"] and "between bits and nats" in explorer_paragraph()
