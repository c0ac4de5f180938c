"""The parameter-cost explorer's kernel form: set traits from Python, and the readout is
softmax_lab.phm's."""

from __future__ import annotations

import math

import pytest
import traitlets
from hypothesis import given, settings
from hypothesis import strategies as st

from softmax_lab.explorers import CostExplorer, StaticExplorer, parameter_cost_explorer
from softmax_lab.explorers.cost import common_divisors, cost_readout, nearest_n
from softmax_lab.phm import dense_parameter_count, phm_parameter_count

from ._explorers import decode, static_html


def test_moving_d_q_and_n_shows_dense_and_phm_counts() -> None:
    w = parameter_cost_explorer(d=784, q=10, n=2)
    w.d, w.q, w.n = 64, 16, 4
    r = decode(w.readout)
    assert r["dense"] == dense_parameter_count(64, 16) == 64 * 16 + 16
    assert r["phm"] == phm_parameter_count(64, 16, 4) == 64 + 256 + 16
    assert r["terms"] == [64, 256, 16] and sum(r["terms"]) == r["phm"]
    assert r["dense_terms"] == [1024, 16] and sum(r["dense_terms"]) == r["dense"]
    assert math.isclose(r["ratio"], r["phm"] / r["dense"], rel_tol=1e-15)


def test_only_the_common_divisors_of_d_and_q_are_offered() -> None:
    r = decode(parameter_cost_explorer().readout)  # d = 784, q = 10: the example
    assert r["divisors"] == [1, 2]
    assert r["counts"] == [phm_parameter_count(784, 10, k) for k in (1, 2)]
    assert common_divisors(1024, 1024) == [2**k for k in range(11)]


@settings(deadline=None)  # a busy machine is no failure
@given(st.integers(1, 4096), st.integers(1, 4096))
def test_every_offered_n_divides_d_and_q_and_no_other_does(d: int, q: int) -> None:
    offered = common_divisors(d, q)
    assert offered == [k for k in range(1, min(d, q) + 1) if d % k == 0 and q % k == 0]


def test_changing_q_moves_n_to_the_nearest_value_that_divides_both() -> None:
    w = parameter_cost_explorer(d=1024, q=1024, n=32)
    w.q = 10  # 32 does not divide 10
    assert w.n == 2 == nearest_n(1024, 10, 32)
    assert decode(w.readout)["phm"] == phm_parameter_count(1024, 10, 2)
    w.d = 783  # gcd(783, 10) = 1
    assert w.n == 1
    assert [m["key"] for m in decode(w.readout)["messages"]] == ["cost.only_dense"]


def test_nearest_n_prefers_the_smaller_value_on_a_tie() -> None:
    assert nearest_n(48, 48, 5) == 4  # 4 and 6 are equally near
    assert nearest_n(80, 10, 7) == 5 and nearest_n(80, 10, 8) == 10


def test_an_n_that_does_not_divide_is_refused_with_the_allowed_values() -> None:
    w = parameter_cost_explorer()
    with pytest.raises(traitlets.TraitError, match=r"^n: must divide both d=784 and q=10, got n=4; "
                                                   r"allowed values are \[1, 2\]"):
        w.n = 4
    assert w.n == 2
    with pytest.raises(ValueError, match="^n: must divide both d=784 and q=10, got n=5"):
        parameter_cost_explorer(n=5)


def test_the_readout_of_an_n_that_does_not_divide_says_so_without_counts() -> None:
    r = cost_readout({"d": 784, "q": 10, "n": 4})
    assert r["phm"] is None and r["terms"] is None and r["ratio"] is None
    assert r["messages"] == [{"key": "cost.n_invalid", "values": {"n": 4, "d": 784, "q": 10}}]


def test_the_cheapest_allowed_n_and_the_real_optimum() -> None:
    r = cost_readout({"d": 1024, "q": 1024, "n": 4})
    assert r["best_n"] == 32
    assert r["best"] == min(r["counts"]) == phm_parameter_count(1024, 1024, 32)
    n_star = (1024 * 1024 / 3) ** 0.25
    assert math.isclose(r["n_star"], n_star, rel_tol=1e-15)
    # n* is where the derivative 3n² − dq/n² of n³ + dq/n vanishes; the curve is lowest there.
    assert math.isclose(3 * n_star**2, 1024 * 1024 / n_star**2, rel_tol=1e-12)
    assert r["n_star_count"] <= min(r["curve"]["count"]) + 1e-9
    assert r["curve"]["n"][0] == 1 and math.isclose(r["curve"]["n"][-1], r["n_max"])


def test_n_equal_one_is_a_dense_layer_plus_one_number() -> None:
    r = cost_readout({"d": 784, "q": 10, "n": 1})
    assert r["phm"] == r["dense"] + 1
    assert [m["key"] for m in r["messages"]] == ["cost.n_one"]


def test_a_large_n_makes_the_phm_layer_cost_more_than_dense() -> None:
    r = cost_readout({"d": 80, "q": 10, "n": 10})
    assert r["phm"] > r["dense"]
    assert r["messages"] == [{"key": "cost.phm_costs_more", "values": {"a": 1000}}]


def test_phm_saves_about_a_factor_n_for_a_wide_layer() -> None:
    r = cost_readout({"d": 4096, "q": 4096, "n": 16})
    assert 1 / 16 < r["ratio"] < 1.01 / 16


@pytest.mark.parametrize(
    ("kwargs", "error", "start"),
    [({"d": 0}, ValueError, "d:"), ({"q": 5000}, ValueError, "q:"), ({"n": 1.5}, TypeError, "n:"),
     ({"n": True}, TypeError, "n:"), ({"d": "784"}, TypeError, "d:")],
)
def test_bad_arguments_raise_errors_naming_the_argument(kwargs, error, start) -> None:
    with pytest.raises(error) as info:
        parameter_cost_explorer(**kwargs)
    assert str(info.value).startswith(start)


def test_the_static_form_is_html_only_and_starts_from_the_arguments(monkeypatch) -> None:
    monkeypatch.setenv("SOFTMAX_LAB_STATIC", "1")
    ex = parameter_cost_explorer(d=80, q=10, n=5)
    assert isinstance(ex, StaticExplorer) and ex.initial == {"d": 80, "q": 10, "n": 5}
    assert set(ex._repr_mimebundle_()) == {"text/plain", "text/html"}
    assert '"initial": {"d": 80, "q": 10, "n": 5}' in static_html(parameter_cost_explorer,
                                                                  d=80, q=10, n=5)


def test_the_widget_is_the_cost_explorer_with_its_module() -> None:
    w = parameter_cost_explorer()
    assert isinstance(w, CostExplorer) and w.config["host"] == "kernel"
    assert "export default { render }" in w._esm
