"""The weights explorer's kernel form: set traits from Python; the logits are W x + b."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import traitlets

from softmax_lab import softmax
from softmax_lab.data import TOY_PROTOTYPES
from softmax_lab.explorers import StaticExplorer, weights_explorer
from softmax_lab.explorers.weights import weights_readout

from ._explorers import decode

EXPLORERS = Path(__file__).resolve().parents[1] / "lib" / "softmax_lab" / "explorers"


def _matrices(w) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return np.array(w.W).reshape(3, 4), np.array(w.b), np.array(w.pixels)


def test_editing_a_weight_bias_or_pixel_gives_the_logits_wx_plus_b_and_their_softmax() -> None:
    w = weights_explorer()
    W = w.W.copy()
    W[4 * 1 + 2] = 1.7  # w_23: from x_3 to o_2
    w.W = W
    w.b = [-0.9, -0.2, 0.0]
    w.pixels = [0.9, 0.7, 0.2, 0.35]
    W, b, x = _matrices(w)
    r = decode(w.readout)
    np.testing.assert_allclose(r["o"], W @ x + b, rtol=1e-15, atol=1e-15)
    np.testing.assert_allclose(r["p"], softmax(W @ x + b), rtol=1e-14)
    np.testing.assert_allclose(r["terms"], W * x, rtol=0, atol=0)
    assert r["predicted"] == int(np.argmax(W @ x + b))


def test_a_weight_moves_only_its_own_logit_by_weight_change_times_pixel() -> None:
    w = weights_explorer()
    before = np.array(decode(w.readout)["o"])
    W = w.W.copy()
    W[4 * 0 + 1] += 1.0  # w_12 feeds o_1 from x_2 = 0.7
    w.W = W
    after = np.array(decode(w.readout)["o"])
    np.testing.assert_allclose(after - before, [0.7, 0.0, 0.0], atol=1e-15)


def test_the_logit_is_the_sum_of_its_drawn_terms_and_its_bias() -> None:
    r = weights_readout({"W": list(np.linspace(-2, 2, 12)), "b": [0.3, -0.1, 1.9],
                         "pixels": [0.05, 0.95, 0.5, 1.0], "brush": 1.0})
    b = np.array([0.3, -0.1, 1.9])
    np.testing.assert_allclose(r["terms"].sum(axis=1) + b, r["o"], rtol=1e-15)


def test_with_equal_rows_only_the_biases_decide_and_a_note_says_so() -> None:
    rng = np.random.default_rng(0)
    state = {"W": [0.5, -0.5, 0.3, 0.1] * 3, "b": [0.1, -0.2, 0.4], "pixels": [0.0] * 4,
             "brush": 1.0}
    for _ in range(5):
        state["pixels"] = rng.uniform(0, 1, 4).tolist()
        r = weights_readout(state)
        np.testing.assert_allclose(r["o"] - r["o"][0], np.array(state["b"]) - 0.1, atol=1e-15)
        assert r["predicted"] == 2
    assert [m["key"] for m in r["messages"]] == ["weights.note_equal_rows"]
    state["W"] = [0.5, -0.5, 0.3, 0.1] * 2 + [0.5, -0.5, 0.3, 0.2]
    assert weights_readout(state)["messages"] == []


def test_the_template_preset_makes_each_row_of_w_a_class_template() -> None:
    table = json.loads((EXPLORERS / "weights.json").read_text(encoding="utf-8"))
    templates = next(p["state"] for p in table["presets"] if p["id"] == "templates")
    for c, prototype in enumerate(TOY_PROTOTYPES):
        r = weights_readout({**templates, "pixels": prototype.tolist(), "brush": 1.0})
        assert r["predicted"] == c and r["p"][c] > 0.5


def test_w_is_given_as_three_rows_of_four_and_kept_row_by_row() -> None:
    W = np.arange(12).reshape(3, 4) / 10
    w = weights_explorer(W=W, b=[0.0, 0.5, -0.5], pixels=(1, 0, 0, 0))
    assert w.W == (np.arange(12) / 10).tolist()
    assert decode(w.readout)["o"] == [0.0, 0.4 + 0.5, 0.8 - 0.5]


def test_setting_a_bad_value_from_python_raises_a_trait_error_naming_it() -> None:
    w = weights_explorer()
    with pytest.raises(traitlets.TraitError, match=r"W\[3\]: must be a finite number in \[-2, 2\]"):
        w.W = [0.0, 0.0, 0.0, 2.5] + [0.0] * 8
    with pytest.raises(traitlets.TraitError, match="b: expected 3 values, got 2"):
        w.b = [0.0, 0.0]


def test_an_exception_in_our_own_readout_reaches_the_caller(monkeypatch) -> None:
    from softmax_lab.explorers import weights as module

    w = weights_explorer()
    monkeypatch.setattr(module, "softmax", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        w.b = [1.0, 0.0, 0.0]


@pytest.mark.parametrize(
    ("kwargs", "error", "start"),
    [
        ({"W": np.zeros((4, 3))}, ValueError, "W: expected shape (3, 4), got (4, 3)"),
        ({"W": np.zeros(12)}, ValueError, "W: expected shape (3, 4), got (12,)"),
        ({"W": np.full((3, 4), 3.0)}, ValueError, "W[0]:"),
        ({"W": [[0, 0, 0, "x"]] * 3}, TypeError, "W:"),
        ({"W": "weights"}, TypeError, "W:"),
        ({"b": [0.0, 0.0]}, ValueError, "b: expected shape (3,), got (2,)"),
        ({"b": [0.0, np.inf, 0.0]}, ValueError, "b[1]:"),
        ({"pixels": (2.0, 0, 0, 0)}, ValueError, "pixels[0]:"),
        ({"pixels": (0, 0, 0)}, ValueError, "pixels:"),
    ],
)
def test_bad_arguments_raise_errors_naming_the_argument(kwargs, error, start) -> None:
    with pytest.raises(error) as info:
        weights_explorer(**kwargs)
    assert str(info.value).startswith(start), str(info.value)


def test_the_static_build_emits_only_html(monkeypatch) -> None:
    monkeypatch.setenv("SOFTMAX_LAB_STATIC", "1")
    ex = weights_explorer(b=[0.0, 0.0, 1.0])
    assert isinstance(ex, StaticExplorer) and ex.initial["b"] == [0.0, 0.0, 1.0]
    assert set(ex._repr_mimebundle_()) == {"text/plain", "text/html"}


def test_the_widget_syncs_state_readout_and_config() -> None:
    w = weights_explorer()
    assert {"W", "b", "pixels", "brush", "readout", "config", "language"} <= set(w.keys)
    assert w.config["host"] == "kernel" and len(w.config["initial"]["W"]) == 12
