"""The one-hot explorer's notebook form shows the painted features and softmax_lab's codes."""

from __future__ import annotations

import numpy as np
import pytest

from softmax_lab import one_hot
from softmax_lab.explorers import onehot as onehot_module
from softmax_lab.explorers import onehot_explorer

from ._explorers import assert_shows, shown


def test_painting_a_pixel_changes_that_feature_only() -> None:
    form = onehot_explorer(pixels=(0.0, 0.8, 0.4, 1.0)).widget
    form.pixel_sliders[2].value = 0.65
    for i, v in enumerate((0.0, 0.8, 0.65, 1.0)):
        assert_shows(form.display.value, f"x{i}", v, digits=2)
    assert "rgb(166,166,166)" in form.display.value  # 0.65 * 255 = 165.75 -> 166


@pytest.mark.parametrize("label", [0, 1, 2])
def test_choosing_a_label_shows_its_integer_and_one_hot_code(label: int) -> None:
    form = onehot_explorer().widget
    form.label.value = label
    values = shown(form.display.value)
    assert values["code"][0] == label
    expected = one_hot(np.array(label), 3)
    for j in range(3):
        assert_shows(form.display.value, f"onehot{j}", float(expected[j]), digits=0)


def test_labels_can_be_given_by_name() -> None:
    assert onehot_explorer(label="chicken").config["label"] == 1


def test_an_exception_in_a_callback_fails_the_caller(monkeypatch) -> None:
    form = onehot_explorer().widget
    monkeypatch.setattr(onehot_module, "one_hot", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        form.label.value = 2


@pytest.mark.parametrize(
    ("kwargs", "error", "start"),
    [
        ({"pixels": (0.0, 0.5, 1.0)}, ValueError, "pixels:"),
        ({"pixels": (0.0, 0.5, 1.0, 1.5)}, ValueError, "pixels:"),
        ({"pixels": "abcd"}, TypeError, "pixels:"),
        ({"label": "cow"}, ValueError, "label:"),
        ({"label": 3}, ValueError, "label:"),
        ({"label": 1.0}, TypeError, "label:"),
    ],
)
def test_bad_arguments_raise_errors_naming_the_argument(kwargs, error, start) -> None:
    with pytest.raises(error) as info:
        onehot_explorer(**kwargs)
    assert str(info.value).startswith(start)
