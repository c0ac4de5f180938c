"""The one-hot explorer's kernel form: set traits from Python, and the readout is softmax_lab's."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import traitlets

from softmax_lab import one_hot
from softmax_lab.data import TOY_CLASSES, TOY_PROTOTYPES
from softmax_lab.explorers import OneHotExplorer, StaticExplorer, onehot_explorer
from softmax_lab.explorers.onehot import check_pixels, onehot_readout

from ._explorers import decode

EXPLORERS = Path(__file__).resolve().parents[1] / "lib" / "softmax_lab" / "explorers"


def test_painting_a_pixel_changes_that_feature_only() -> None:
    w = onehot_explorer(pixels=(0.9, 0.7, 0.2, 0.0))
    w.pixels = [0.9, 0.7, 0.65, 0.0]
    assert decode(w.readout)["x"] == [0.9, 0.7, 0.65, 0.0]


@pytest.mark.parametrize("label", [0, 1, 2])
def test_choosing_a_label_shows_its_integer_code_and_softmax_labs_one_hot_code(label: int) -> None:
    w = onehot_explorer()
    w.label = label
    r = decode(w.readout)
    assert r["code"] == label
    np.testing.assert_array_equal(r["onehot"], one_hot(np.array(label), 3))
    np.testing.assert_array_equal(r["codes"], one_hot(np.arange(3), 3))


def test_integer_codes_put_classes_at_different_distances_one_hot_codes_at_root_two() -> None:
    r = onehot_readout({"pixels": [0.0] * 4, "label": 0, "brush": 1.0})
    assert r["integer_distance"].tolist() == [0, 1, 2]  # dog "twice as far" from cat as chicken
    np.testing.assert_allclose(r["onehot_distance"], [0.0, np.sqrt(2), np.sqrt(2)], rtol=1e-15)


def test_labels_can_be_given_by_name_or_index() -> None:
    assert onehot_explorer(label="chicken").label == 1
    assert onehot_explorer(label=np.int64(2)).label == 2


def test_a_two_by_two_array_is_read_row_by_row() -> None:
    image = np.array([[0.9, 0.1], [0.1, 0.9]])
    assert onehot_explorer(pixels=image).pixels == [0.9, 0.1, 0.1, 0.9]
    assert check_pixels(np.array([0.0, 0.5, 1.0, 0.25])) == [0.0, 0.5, 1.0, 0.25]


def test_the_image_presets_are_the_toy_data_sets_class_prototypes() -> None:
    for name in ("onehot", "weights"):
        table = json.loads((EXPLORERS / f"{name}.json").read_text(encoding="utf-8"))
        presets = {p["id"]: p["state"] for p in table["presets"]}
        for c, animal in enumerate(TOY_CLASSES):
            np.testing.assert_allclose(presets[animal]["pixels"], TOY_PROTOTYPES[c], atol=1e-7)


def test_both_explorers_paint_the_same_image_entry() -> None:
    from softmax_lab.explorers import WeightsExplorer

    for name in ("pixels", "brush"):
        assert OneHotExplorer.state_table[name].spec == WeightsExplorer.state_table[name].spec


def test_setting_a_bad_value_from_python_raises_a_trait_error_naming_it() -> None:
    w = onehot_explorer()
    message = r"pixels\[1\]: must be a finite number in \[0, 1\]"
    with pytest.raises(traitlets.TraitError, match=message):
        w.pixels = [0.0, 1.5, 0.0, 0.0]
    with pytest.raises(traitlets.TraitError, match="label"):
        w.label = 3
    assert w.pixels == [0.9, 0.7, 0.2, 0.0] and w.label == 0


def test_an_exception_in_our_own_readout_reaches_the_caller(monkeypatch) -> None:
    from softmax_lab.explorers import onehot as module

    w = onehot_explorer()
    monkeypatch.setattr(module, "one_hot", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        w.label = 2


@pytest.mark.parametrize(
    ("kwargs", "error", "start"),
    [
        ({"pixels": (0.0, 0.5, 1.0)}, ValueError, "pixels: a 2×2 image has 4 pixels, got 3"),
        ({"pixels": (0.0, 0.5, 1.0, 1.5)}, ValueError, "pixels[3]:"),
        ({"pixels": (0.0, 0.5, 1.0, float("nan"))}, ValueError, "pixels[3]:"),
        ({"pixels": "abcd"}, TypeError, "pixels:"),
        ({"pixels": (0.0, "a", 1.0, 1.0)}, TypeError, "pixels[1]:"),
        ({"label": "cow"}, ValueError, "label:"),
        ({"label": 3}, ValueError, "label:"),
        ({"label": 1.0}, TypeError, "label:"),
        ({"label": True}, TypeError, "label:"),
    ],
)
def test_bad_arguments_raise_errors_naming_the_argument(kwargs, error, start) -> None:
    with pytest.raises(error) as info:
        onehot_explorer(**kwargs)
    assert str(info.value).startswith(start), str(info.value)


def test_the_static_build_emits_only_html(monkeypatch) -> None:
    monkeypatch.setenv("SOFTMAX_LAB_STATIC", "1")
    ex = onehot_explorer(label="dog")
    assert isinstance(ex, StaticExplorer) and ex.initial["label"] == 2
    bundle = ex._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    assert "mountStatic(" in bundle["text/html"] and "<script src" not in bundle["text/html"]


def test_a_live_kernel_bundle_holds_the_widget_view_and_the_html_fallback(monkeypatch) -> None:
    monkeypatch.delenv("SOFTMAX_LAB_STATIC", raising=False)
    w = onehot_explorer()
    data, _ = w._repr_mimebundle_()
    assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == w.model_id
    assert "mountStatic(" in data["text/html"]
    assert w.config["host"] == "kernel" and w.config["initial"]["pixels"] == [0.9, 0.7, 0.2, 0.0]
