"""The information explorer's notebook form shows softmax_lab.info's numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from softmax_lab import cross_entropy, entropy, kl_divergence, surprisal
from softmax_lab.explorers import information as information_module
from softmax_lab.explorers import information_explorer

from ._explorers import assert_shows, shown


@pytest.mark.parametrize(("unit", "base"), [("nats", math.e), ("bits", 2.0)])
def test_moving_weights_shows_surprisal_entropy_cross_entropy_and_kl(unit, base) -> None:
    form = information_explorer().widget
    form.unit.value = unit
    form.p_sliders[0].value = 0.9
    form.q_sliders[3].value = 0.05
    wp = np.array([s.value for s in form.p_sliders])
    wq = np.array([s.value for s in form.q_sliders])
    P, Q = wp / wp.sum(), wq / wq.sum()
    html = form.display.value
    assert_shows(html, "entropy", float(entropy(P, base=base)))
    assert_shows(html, "cross_entropy", float(cross_entropy(P, Q, base=base)))
    assert_shows(html, "kl", float(kl_divergence(P, Q, base=base)))
    for j in range(4):
        assert_shows(html, f"P{j}", float(P[j]))
        assert_shows(html, f"sP{j}", float(surprisal(P, base=base)[j]))
        assert_shows(html, f"sQ{j}", float(surprisal(Q, base=base)[j]))


def test_an_outcome_q_rules_out_makes_cross_entropy_infinite() -> None:
    form = information_explorer(p=[0.5, 0.5], q=[1.0, 0.0]).widget
    values = shown(form.display.value)
    assert values["cross_entropy"] == (math.inf, "∞") and values["kl"][0] == math.inf
    assert values["sQ1"][1] == "∞"


def test_ideal_code_lengths_of_dyadic_probabilities_are_whole_bits() -> None:
    form = information_explorer(unit="bits").widget  # P = 1/2, 1/4, 1/8, 1/8
    html = form.display.value
    assert [shown(html)[f"sP{j}"][0] for j in range(4)] == [1.0, 2.0, 3.0, 3.0]
    assert '<td data-name="code2">3</td>' in html
    assert_shows(html, "entropy", 1.75)


def test_more_outcomes_start_at_weight_zero_and_all_zero_weights_are_reported() -> None:
    form = information_explorer().widget
    form.outcomes.value = 6
    assert [s.value for s in form.p_sliders][4:] == [0.0, 0.0]
    assert_shows(form.display.value, "P5", 0.0)
    for s in form.p_sliders:
        s.value = 0.0
    assert "P: move at least one weight above 0." in form.display.value


def test_an_exception_in_a_callback_fails_the_caller(monkeypatch) -> None:
    form = information_explorer().widget
    monkeypatch.setattr(information_module, "kl_divergence", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        form.q_sliders[0].value = 0.3


@pytest.mark.parametrize(
    ("kwargs", "error", "start"),
    [
        ({"p": [0.5, 0.6]}, ValueError, "p:"),
        ({"p": [1.0]}, ValueError, "p:"),
        ({"q": [0.5, 0.5]}, ValueError, "p and q:"),
        ({"unit": "bytes"}, ValueError, "unit:"),
    ],
)
def test_bad_arguments_raise_errors_naming_the_argument(kwargs, error, start) -> None:
    with pytest.raises(error) as info:
        information_explorer(**kwargs)
    assert str(info.value).startswith(start)
