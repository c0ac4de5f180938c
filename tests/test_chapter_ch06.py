"""Chapter 3.4.6 (loss function): issue 11's corrections and additions, and numbers glued."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ._prose_numbers import BOOK, bare_numbers, cells, glue_names, unfilled_glue

CHAPTER = "ch06_loss_function"
#: Numbers the prose gives as definitions of an example, not as results.
DEFINITIONS = {"30 %", "90 %"}


def _prose() -> str:
    return "\n".join(cells(CHAPTER, "markdown"))


def _check_cells() -> list[str]:
    nb = json.loads((BOOK / f"{CHAPTER}.ipynb").read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"]
            if "check" in c.get("metadata", {}).get("tags", [])]


def test_gradient_heading_says_estimate_minus_observation() -> None:
    prose = _prose()
    assert "Observation minus estimate" not in prose
    assert "## Estimate minus observation" in prose


def test_redundancy_section_ties_shift_invariance_to_the_hessian() -> None:
    section = next(t for t in cells(CHAPTER, "markdown") if t.startswith("## One class too many"))
    for words in ("shift invariance", "null space", "q - 1", "logistic regression"):
        assert words in section, words


def test_redundancy_is_checked_numerically() -> None:
    checks = "\n".join(_check_cells())
    assert "hess_o.numpy() @ np.ones(q10)" in checks                 # H 1 = 0
    assert "shifted.predict_proba(X), model.predict_proba(X)" in checks
    assert "model.W.sum(axis=1), start.W.sum(axis=1)" in checks       # Σ w_j stays


def test_prose_numbers_are_glued_or_definitions() -> None:
    bare = [n for t in cells(CHAPTER, "markdown") for n in bare_numbers(t)]
    assert set(bare) <= DEFINITIONS, sorted(set(bare) - DEFINITIONS)
    assert {"n_labels", "log10_likelihood", "tiny64"} <= glue_names(_prose())


def test_classes_count_from_one_in_prose() -> None:
    prose = _prose()
    assert "labelled class 1 seven times" in prose
    assert "true class 2 (index 1 in code)" in prose


@pytest.mark.site
def test_glued_numbers_are_filled_in_on_the_site(site_dir: Path) -> None:
    html = (site_dir / "book" / "ch06_loss_function.html").read_text(encoding="utf-8")
    assert not unfilled_glue(html, cells(CHAPTER, "markdown"))
