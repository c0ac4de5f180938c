"""3.4.3, parameter cost: what issue 11 asks of this chapter (nbmake runs the chapter)."""

from __future__ import annotations

import re

from ._prose import bare_numbers, cells, markdown

CHAPTER = "ch03_parameterization_cost"
#: Numbers the prose may write out: definitions (sizes, epochs, small counts), the toy
#: layer's 4 × 3 = 12 weights and "almost 17 million" (both asserted in check cells), years.
DEFINITIONS = {"0", "1", "2", "3", "4", "10", "12", "17", "30", "2013", "2015", "2021"}


def test_the_digits_experiment_is_labelled_an_optional_deep_dive() -> None:
    text = markdown(CHAPTER)
    assert "## Deep dive (optional): PHM against dense on handwritten digits" in text
    assert re.search(r"```\{note\}\nThis section is an optional experiment", text)
    assert "(ch03-key-points)=\n## Key points" in text     # where the note sends the reader


def test_an_aside_names_other_structured_matrices_with_references() -> None:
    asides = [("".join(c["source"])) for c in cells(CHAPTER) if c["cell_type"] == "markdown"
              and "{admonition} Aside: other ways to structure a weight matrix" in
              "".join(c["source"])]
    assert len(asides) == 1
    aside = asides[0]
    assert ":class: dropdown" in aside
    for idea in ["Low rank", "Circulant", "Toeplitz", "Fastfood", "Deep Fried Convnets",
                 "Tensor train"]:
        assert idea in aside, idea
    for reference in ["Denil et al., *Predicting parameters in deep learning*, NeurIPS 2013",
                      "Le,\nT. Sarlós and A. Smola", "Z. Yang et al., *Deep Fried Convnets*",
                      "Cheng et al., *An exploration of parameter\nredundancy"]:
        assert reference in aside, reference


def test_the_asides_counts_are_checked_in_a_check_cell_after_it() -> None:
    all_cells = cells(CHAPTER)
    at = next(i for i, c in enumerate(all_cells) if "Aside: other ways" in "".join(c["source"]))
    check = all_cells[at + 1]
    assert "check" in check["metadata"].get("tags", [])
    assert "np.fft.fft" in "".join(check["source"])


def test_numbers_in_the_prose_are_glued_or_definitions() -> None:
    assert set(bare_numbers(markdown(CHAPTER))) <= DEFINITIONS
    for glued in ["n_star_1024:.1f", "digits_train", "blank_weights", "phm5_params"]:
        assert f"{{glue:text}}`{glued}`" in markdown(CHAPTER), glued
