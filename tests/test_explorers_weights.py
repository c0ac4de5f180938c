"""The weights explorer's notebook form shows o = Wx + b and softmax_lab's softmax of it."""

from __future__ import annotations

import numpy as np
import pytest

from softmax_lab import softmax
from softmax_lab.explorers import weights as weights_module
from softmax_lab.explorers import weights_explorer

from ._explorers import assert_shows, shown


def test_editing_a_weight_bias_or_pixel_changes_the_logits_to_wx_plus_b() -> None:
    form = weights_explorer().widget
    form.weight_sliders[1][2].value = 1.7
    form.bias_sliders[0].value = -0.9
    form.pixel_sliders[3].value = 0.35
    W, b, x = form.weights()
    assert W[1, 2] == 1.7 and b[0] == -0.9 and x[3] == 0.35
    o = W @ x + b
    p = softmax(o)
    for j in range(3):
        assert_shows(form.display.value, f"o{j}", float(o[j]))
        assert_shows(form.display.value, f"p{j}", float(p[j]))
    assert shown(form.display.value)["predicted"][0] == int(np.argmax(o))


def test_a_weight_only_moves_its_own_logit() -> None:
    form = weights_explorer().widget
    before = shown(form.display.value)
    form.weight_sliders[0][1].value = -2.0
    after = shown(form.display.value)
    assert after["o0"][0] != before["o0"][0]
    assert after["o1"][0] == before["o1"][0] and after["o2"][0] == before["o2"][0]


def test_the_diagram_draws_negative_weights_dashed() -> None:
    form = weights_explorer(W=np.full((3, 4), -0.5)).widget
    assert form.display.value.count('stroke-dasharray="5 3"') == 12


def test_an_exception_in_a_callback_fails_the_caller(monkeypatch) -> None:
    form = weights_explorer().widget
    monkeypatch.setattr(weights_module, "softmax", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        form.bias_sliders[2].value = 1.0


@pytest.mark.parametrize(
    ("kwargs", "error", "start"),
    [
        ({"W": np.zeros((4, 3))}, ValueError, "W:"),
        ({"W": np.full((3, 4), 3.0)}, ValueError, "W:"),
        ({"b": [0.0, 0.0]}, ValueError, "b:"),
        ({"pixels": (2.0, 0, 0, 0)}, ValueError, "pixels:"),
    ],
)
def test_bad_arguments_raise_errors_naming_the_argument(kwargs, error, start) -> None:
    with pytest.raises(error) as info:
        weights_explorer(**kwargs)
    assert str(info.value).startswith(start)
