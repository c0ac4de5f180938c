"""The information explorer's kernel form: set traits from Python, and the readout is
softmax_lab.info's."""

from __future__ import annotations

import math

import numpy as np
import pytest
import traitlets

from softmax_lab import cross_entropy, entropy, kl_divergence, surprisal
from softmax_lab.explorers import InformationExplorer, StaticExplorer, information_explorer
from softmax_lab.explorers.information import information_readout

from ._explorers import decode, static_html

SOURCE = [0.5, 0.25, 0.125, 0.125]


def _readout(w: InformationExplorer) -> dict:
    return decode(w.readout)


@pytest.mark.parametrize(("unit", "base"), [("nats", math.e), ("bits", 2.0)])
def test_moving_p_and_q_shows_softmax_lab_surprisal_entropy_cross_entropy_and_kl(unit, base):
    w = information_explorer(unit=unit)
    w.p = [0.7, 0.1, 0.1, 0.1]
    w.q = [0.1, 0.2, 0.3, 0.4]
    P, Q = np.array(w.p), np.array(w.q)
    r = _readout(w)
    np.testing.assert_allclose(r["surprisal_p"], surprisal(P, base=base), rtol=1e-15)
    np.testing.assert_allclose(r["surprisal_q"], surprisal(Q, base=base), rtol=1e-15)
    assert math.isclose(r["entropy"], float(entropy(P, base=base)), rel_tol=1e-15)
    assert math.isclose(r["cross_entropy"], float(cross_entropy(P, Q, base=base)), rel_tol=1e-15)
    assert math.isclose(r["kl"], float(kl_divergence(P, Q, base=base)), rel_tol=1e-15)
    assert math.isclose(r["kl_reverse"], float(kl_divergence(Q, P, base=base)), rel_tol=1e-15)
    assert r["messages"] == []


def test_the_chapters_source_costs_1_75_bits_and_the_uniform_code_2() -> None:
    r = _readout(information_explorer(unit="bits"))
    assert (r["entropy"], r["cross_entropy"], r["kl"]) == (1.75, 2.0, 0.25)
    assert r["surprisal_p"] == [1.0, 2.0, 3.0, 3.0]  # the code words 0, 10, 110, 111


def test_the_code_length_bars_add_up_to_entropy_and_cross_entropy_whose_gap_is_kl() -> None:
    w = information_explorer(p=[0.6, 0.3, 0.1, 0.0], q=[0.2, 0.2, 0.5, 0.1])
    r = _readout(w)
    assert math.isclose(sum(r["cost_p"]), r["entropy"], rel_tol=1e-14)
    assert math.isclose(sum(r["cost_q"]), r["cross_entropy"], rel_tol=1e-14)
    assert math.isclose(r["cross_entropy"], r["entropy"] + r["kl"], rel_tol=1e-14)
    assert r["cost_p"][3] == 0.0 and r["cost_q"][3] == 0.0  # P(4) = 0: outcome 4 costs nothing


def test_q_equal_to_p_has_no_kl_divergence_and_kl_is_not_symmetric() -> None:
    w = information_explorer(p=[0.9, 0.1], q=[0.5, 0.5])
    r = _readout(w)
    assert abs(r["kl"] - r["kl_reverse"]) > 0.1
    w.q = [0.9, 0.1]
    assert _readout(w)["kl"] == 0.0 and _readout(w)["kl_reverse"] == 0.0


def test_q_ruling_out_what_p_produces_makes_the_cross_entropy_infinite_and_says_so() -> None:
    w = information_explorer(unit="bits")
    w.q = [0.0, 0.5, 0.25, 0.25]
    r = _readout(w)
    assert r["cross_entropy"] == r["kl"] == r["surprisal_q"][0] == math.inf
    assert math.isfinite(r["kl_reverse"]) and math.isfinite(r["entropy"])
    assert r["messages"] == [{"key": "information.warn_q_rules_out", "values": {"outcomes": "1"}}]


def test_p_ruling_out_what_q_allows_makes_only_the_reverse_kl_infinite() -> None:
    w = information_explorer(p=[0.0, 0.0, 0.5, 0.5])
    r = _readout(w)
    assert math.isfinite(r["kl"]) and r["kl_reverse"] == math.inf
    assert r["surprisal_p"][:2] == [math.inf, math.inf] and r["cost_p"][:2] == [0.0, 0.0]
    assert r["messages"] == [{"key": "information.note_reverse_infinite",
                              "values": {"outcomes": "1, 2"}}]


def test_giving_p_another_number_of_outcomes_fits_q_to_it() -> None:
    w = information_explorer()
    w.p = [0.2, 0.3, 0.5]
    assert w.q == [1 / 3, 1 / 3, 1 / 3]  # Q's first three entries, renormalised
    w.q = [0.1, 0.2, 0.3, 0.2, 0.2]
    assert w.p == [0.2, 0.3, 0.5, 0.0, 0.0]  # zeros pad P
    assert len(_readout(w)["surprisal_p"]) == 5


def test_all_p_weight_at_zero_is_refused_and_the_readout_stays_that_of_the_shown_state() -> None:
    w = information_explorer()
    before = dict(w.readout)
    with pytest.raises(traitlets.TraitError, match="^p: probabilities must sum to 1"):
        w.p = [0.0, 0.0, 0.0, 0.0]
    assert w.p == SOURCE and w.readout == before


def test_a_distribution_within_the_tables_tolerance_is_normalised_before_the_math() -> None:
    r = information_readout({"p": [0.5, 0.5 + 1e-7], "q": [0.3, 0.7], "unit": "nats",
                             "precise": False})
    assert math.fsum(r["p"]) == pytest.approx(1, abs=1e-15)
    assert r["entropy"] == pytest.approx(math.log(2), abs=1e-12)


def test_p_and_q_of_different_lengths_are_refused_by_the_readout() -> None:
    with pytest.raises(ValueError, match=r"^q: needs as many outcomes as p \(2\), got 3"):
        information_readout({"p": [0.5, 0.5], "q": [0.2, 0.3, 0.5], "unit": "bits",
                             "precise": False})


def test_the_explorer_starts_from_its_arguments_and_reset_state() -> None:
    w = information_explorer(p=[0.9, 0.1], unit="bits")
    assert (w.p, w.q, w.unit, w.precise) == ([0.9, 0.1], [0.5, 0.5], "bits", False)
    assert w.config["initial"] == {"p": [0.9, 0.1], "q": [0.5, 0.5], "unit": "bits",
                                   "precise": False}


@pytest.mark.parametrize(
    ("kwargs", "error", "start"),
    [
        ({"p": [0.5, 0.6]}, ValueError, "p: probabilities must sum to 1"),
        ({"p": [1.0]}, ValueError, "p: expected 2 to 8 values"),
        ({"p": [0.0] * 4}, ValueError, "p: probabilities must sum to 1"),
        ({"p": [0.5, -0.5, 1.0]}, ValueError, "p[1]: must be a finite number in [0, 1], got -0.5"),
        ({"q": "0.5, 0.5"}, TypeError, "q: expected a sequence"),
        ({"q": [0.5, 0.5]}, ValueError, "p and q: must have the same length"),
        ({"unit": "bytes"}, ValueError, "unit: must be one of"),
    ],
)
def test_bad_arguments_raise_errors_naming_the_argument(kwargs, error, start) -> None:
    with pytest.raises(error) as info:
        information_explorer(**kwargs)
    assert str(info.value).startswith(start)


def test_while_the_book_builds_the_explorer_is_static_html_only(monkeypatch) -> None:
    monkeypatch.setenv("SOFTMAX_LAB_STATIC", "1")
    w = information_explorer(unit="bits")
    assert isinstance(w, StaticExplorer)
    bundle = w._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    html = static_html(information_explorer, unit="bits")
    assert 'data-sl-explorer="information"' in html and "mountStatic(" in html
