"""Chapter 3.4.4 (softmax): issue 11's corrections and additions, and numbers glued."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import brentq

import softmax_lab as sl

from ._prose_numbers import bare_numbers, cells, glue_names, unfilled_glue

CHAPTER = "ch04_softmax"
EXPLORERS = Path(__file__).resolve().parents[1] / "lib" / "softmax_lab" / "explorers"

#: Numbers the prose gives as definitions or examples, not as results.
DEFINITIONS = {
    "70 %", "90 %", "40 %", "99.9",   # what "calibrated" means, in words
    "100",                            # float32 overflows at a logit of 100 (a check asserts it)
    "0.1", "256",                     # D2L's learning rate and batch size
    "50 %",                           # the Try-it's goal
    "200", "300",                     # the Try-it's epochs
}


def _prose() -> str:
    return "\n".join(cells(CHAPTER, "markdown"))


def _code() -> str:
    return "\n".join(cells(CHAPTER, "code"))


def test_calibration_blames_under_training_not_the_recipe() -> None:
    prose = _prose()
    assert "bars sit far above the diagonal:" not in prose
    assert "under-training" in prose
    assert "count updates, not epochs" in prose
    # The update counts of both runs come from the executed code.
    assert {"updates_d2l", "updates_fashion", "short_confidence", "long_confidence",
            "short_accuracy", "long_accuracy"} <= glue_names(prose)


def test_calibration_runs_both_schedules() -> None:
    code = _code()
    assert "long_epochs = math.ceil(updates(10, 256, n_fashion) / per_epoch)" in code
    assert "callbacks=[record]" in code


def test_linear_model_section_links_the_playground() -> None:
    section = next(t for t in cells(CHAPTER, "markdown")
                   if t.startswith("## A nonlinear function, yet a linear model"))
    assert "hyperplane" in section
    assert "ch08_prediction_evaluation.ipynb" in _prose()


def test_probit_and_origins_asides_are_optional_dropdowns() -> None:
    asides = re.findall(r"```\{admonition\} Aside.*?\n```", _prose(), flags=re.S)
    titles = " ".join(a.splitlines()[0] for a in asides)
    assert "probit" in titles and "Boltzmann" in titles and "Luce" in titles
    assert all(":class: dropdown" in a for a in asides)


def test_half_probability_try_it_can_be_typed() -> None:
    prose = _prose()
    assert "exactly 50 %" in prose and "type $T$ into the" in prose
    spec = json.loads((EXPLORERS / "softmax.json").read_text(encoding="utf-8"))
    entry = {c["name"]: c for c in spec["state"]}["temperature"]
    assert entry["type"] == "number" and entry["scale"] == "log"
    # The slider moves in steps of `step` in log10(T); no step hits 50 % to within the
    # explorer's goal (5e-4), but a typed T does.
    o = np.array([2.0, 1.0, 0.1])
    lo, hi = np.log10(entry["min"]), np.log10(entry["max"])
    on_slider = 10 ** (lo + entry["step"] * np.arange(round((hi - lo) / entry["step"]) + 1))
    top = sl.softmax(np.outer(1 / on_slider, o)).max(axis=1)
    assert np.abs(top - 0.5).min() > 5e-4
    typed = brentq(lambda t: sl.softmax(o, temperature=t).max() - 0.5, 1.0, 10.0)
    assert abs(sl.softmax(o, temperature=round(typed, 3)).max() - 0.5) < 5e-4


def test_prose_numbers_are_glued_or_definitions() -> None:
    bare = [n for t in cells(CHAPTER, "markdown") for n in bare_numbers(t)]
    assert set(bare) <= DEFINITIONS, sorted(set(bare) - DEFINITIONS)


def test_every_glued_name_is_stored_by_the_code() -> None:
    code = _code()
    stored = set(re.findall(r"glue\(\s*\"(\w+)\"", code))
    stored |= set(re.findall(r"\(\"(\w+)\", ", code))           # (name, value) pairs
    stored |= {f"{tag}_{key}" for tag in ("short", "long")       # f"{tag}_{key}"
               for key in ("updates", "accuracy", "confidence", "ece", "T", "ece_T")}
    stored |= {f"ratio_{m}" for m in (1, 5)}                      # f"ratio_{margin}"
    assert glue_names(_prose()) <= stored, sorted(glue_names(_prose()) - stored)


def test_classes_count_from_one_in_prose() -> None:
    assert "classes count from 1 on the page and from 0 in\ncode" in _prose()


@pytest.mark.site
def test_glued_numbers_are_filled_in_on_the_site(site_dir: Path) -> None:
    html = (site_dir / "book" / "ch04_softmax.html").read_text(encoding="utf-8")
    assert not unfilled_glue(html, cells(CHAPTER, "markdown"))
