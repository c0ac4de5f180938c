"""The parameter-cost explorer's notebook form shows softmax_lab.phm's counts."""

from __future__ import annotations

import pytest

from softmax_lab.explorers import cost as cost_module
from softmax_lab.explorers import parameter_cost_explorer
from softmax_lab.phm import phm_parameter_count

from ._explorers import assert_shows, shown


def test_moving_d_q_and_n_shows_dense_and_phm_counts() -> None:
    form = parameter_cost_explorer(d=784, q=10, n=2).widget
    form.controls["d"].value = 64
    form.controls["q"].value = 16
    form.controls["n"].value = 4
    values = shown(form.display.value)
    assert values["dense"][0] == 64 * 16 + 16
    assert values["phm"][0] == phm_parameter_count(64, 16, 4) == 64 + 256 + 16
    assert_shows(form.display.value, "ratio", phm_parameter_count(64, 16, 4) / (64 * 16 + 16))


def test_an_n_that_does_not_divide_d_and_q_is_reported_with_the_valid_choices() -> None:
    form = parameter_cost_explorer(d=784, q=10, n=2).widget
    form.controls["n"].value = 4
    values = shown(form.display.value)
    assert values["phm"][0] is None and values["ratio"][0] is None
    assert "n = 4 does not divide q = 10" in form.display.value
    assert "Possible n here: 1, 2." in form.display.value
    form.controls["n"].value = 2
    assert "does not divide" not in form.display.value


def test_phm_saves_about_a_factor_n_for_a_wide_layer() -> None:
    form = parameter_cost_explorer(d=2048, q=256, n=16).widget
    assert 1 / 16 < shown(form.display.value)["ratio"][0] < 1.2 / 16


def test_an_exception_in_a_callback_fails_the_caller(monkeypatch) -> None:
    form = parameter_cost_explorer().widget
    monkeypatch.setattr(cost_module, "phm_parameter_count", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        form.controls["n"].value = 1


@pytest.mark.parametrize(
    ("kwargs", "error", "start"),
    [({"d": 0}, ValueError, "d:"), ({"q": 300}, ValueError, "q:"), ({"n": 1.5}, TypeError, "n:"),
     ({"n": True}, TypeError, "n:")],
)
def test_bad_arguments_raise_errors_naming_the_argument(kwargs, error, start) -> None:
    with pytest.raises(error) as info:
        parameter_cost_explorer(**kwargs)
    assert str(info.value).startswith(start)
