"""The softmax explorer's kernel form: set traits from Python, and the readout is softmax_lab's."""

from __future__ import annotations

import math

import numpy as np
import pytest
import traitlets

from softmax_lab import cross_entropy_loss, cross_entropy_loss_grad, entropy, one_hot, softmax
from softmax_lab.explorers import SoftmaxExplorer, StaticExplorer, softmax_explorer
from softmax_lab.explorers.softmax import naive_softmax, softmax_readout

from ._explorers import decode


def _readout(w: SoftmaxExplorer) -> dict:
    return decode(w.readout)


def _message_keys(w: SoftmaxExplorer) -> list[str]:
    r = _readout(w)
    return [m["key"] for m in r["messages"]] + ([r["error"]["key"]] if r["error"] else [])


def test_moving_a_logit_shows_softmax_lab_probabilities_loss_and_gradient() -> None:
    w = softmax_explorer(logits=(2.0, 1.0, 0.1), target=0)
    w.logits = [2.0, 3.5, 0.1]
    o = np.array([2.0, 3.5, 0.1])
    r = _readout(w)
    np.testing.assert_allclose(r["p"], softmax(o), rtol=0, atol=1e-15)
    np.testing.assert_allclose(r["grad"], cross_entropy_loss_grad(o[None], [0])[0], atol=1e-15)
    assert math.isclose(r["loss"], float(cross_entropy_loss(o[None], [0])), rel_tol=1e-15)
    assert math.isclose(r["entropy"], float(entropy(softmax(o))), rel_tol=1e-12)
    assert r["predicted"] == 1 and r["messages"] == [] and r["error"] is None


def test_raising_the_true_class_logit_lowers_the_loss() -> None:
    w = softmax_explorer(logits=(0.0, 0.0, 0.0), target=2)
    before = w.readout["loss"]
    w.logits = [0.0, 0.0, 2.0]
    assert w.readout["loss"] < before


def test_temperature_and_label_smoothing_use_the_tempered_soft_target() -> None:
    w = softmax_explorer(logits=(1.0, -2.0, 0.5, 3.0), target=1)
    w.temperature, w.smoothing = 2.0, 0.2
    o = np.array([1.0, -2.0, 0.5, 3.0])
    y = 0.8 * one_hot(np.array(1), 4) + 0.2 / 4
    r = _readout(w)
    np.testing.assert_allclose(r["y"], y, atol=1e-15)
    assert math.isclose(r["loss"], float(cross_entropy_loss((o / 2)[None], y[None])), rel_tol=1e-14)
    grad = cross_entropy_loss_grad((o / 2)[None], y[None], reduction="sum")[0] / 2
    np.testing.assert_allclose(r["grad"], grad, atol=1e-15)
    np.testing.assert_allclose(r["p"], softmax(o, temperature=2.0), atol=1e-15)


def test_the_loss_is_the_sum_of_its_drawn_terms() -> None:
    w = softmax_explorer(logits=(2.0, 1.0, 0.1), target=(0.1, 0.2, 0.7))
    r = _readout(w)
    assert math.isclose(sum(r["terms"]), r["loss"], rel_tol=1e-12)
    np.testing.assert_allclose(r["terms"], -np.array([0.1, 0.2, 0.7]) * np.log(r["p"]), rtol=1e-12)


def test_shift_leaves_stable_softmax_unchanged_but_the_naive_form_overflows() -> None:
    w = softmax_explorer()
    p = softmax(np.array([2.0, 1.0, 0.1]))
    w.shift = 1000.0
    np.testing.assert_allclose(_readout(w)["p"], p, rtol=1e-12)
    assert _message_keys(w) == ["softmax.note_stable_exact"]
    w.implementation = "naive"
    r = _readout(w)
    assert math.isnan(r["p"][0]) and math.isnan(r["loss"]) and math.isnan(r["entropy"])
    assert _message_keys(w) == ["softmax.warn_overflow"]
    assert r["messages"][0]["values"]["top"] == 1002.0
    w.shift = -1000.0
    assert _message_keys(w) == ["softmax.warn_underflow"]


def test_naive_form_agrees_with_the_stable_one_at_small_logits() -> None:
    w = softmax_explorer(logits=(2.0, 1.0, 0.1), target=2)
    stable = _readout(w)
    w.implementation = "naive"
    naive = _readout(w)
    for key in ("p", "loss", "entropy", "grad", "terms"):
        np.testing.assert_allclose(naive[key], stable[key], rtol=1e-12, atol=1e-15)


def test_a_soft_label_survives_changing_the_number_of_classes_and_back() -> None:
    w = softmax_explorer(logits=(2.0, 1.0, 0.1), target=(0.1, 0.2, 0.7))
    assert w.use_soft and w.soft_label == [0.1, 0.2, 0.7]
    w.logits = [2.0, 1.0, 0.1, 0.0, 0.0]
    np.testing.assert_allclose(_readout(w)["y"], [0.1, 0.2, 0.7, 0.0, 0.0])
    w.logits = [2.0, 1.0, 0.1]
    assert w.use_soft and w.soft_label == [0.1, 0.2, 0.7]
    np.testing.assert_allclose(_readout(w)["y"], [0.1, 0.2, 0.7])


def test_a_learners_softmax_fn_is_called_with_a_1d_float64_array_of_o_over_t() -> None:
    seen = []

    def mine(o):
        seen.append(o)
        return np.exp(o) / np.exp(o).sum()

    w = softmax_explorer(temperature=2.0, softmax_fn=mine)
    assert w.implementation == "yours"
    assert seen[-1].dtype == np.float64 and seen[-1].shape == (3,)
    np.testing.assert_allclose(seen[-1], np.array([2.0, 1.0, 0.1]) / 2)
    p = softmax(np.array([2.0, 1.0, 0.1]), temperature=2.0)
    np.testing.assert_allclose(_readout(w)["p"], p)
    w.shift, w.temperature = 1000.0, 1.0  # exp(1002) overflows
    assert math.isnan(_readout(w)["p"][0]) and _message_keys(w) == ["softmax.warn_overflow"]


@pytest.mark.parametrize(
    ("hook", "key"),
    [
        (lambda o: None, "hook.returned_none"),
        (lambda o: 1 / 0, "hook.raised"),
        (lambda o: np.ones((1, 3)) / 3, "hook.wrong_shape"),
        (lambda o: "abc", "hook.not_numbers"),
        (lambda o: np.exp(o), "hook.not_distribution"),
    ],
)
def test_a_hooks_mistake_is_a_message_in_the_explorer_never_a_traceback(hook, key) -> None:
    w = softmax_explorer(softmax_fn=hook)
    assert key in _message_keys(w)
    shown = [*_readout(w)["messages"], _readout(w)["error"]]
    message = next(m for m in shown if m and m["key"] == key)
    assert message["values"]["hook"] == "softmax_fn"


def test_a_hook_that_returns_none_is_blamed_by_name() -> None:
    w = softmax_explorer(softmax_fn=lambda o: None)
    assert _readout(w)["error"] == {"key": "hook.returned_none", "values": {"hook": "softmax_fn"}}


def test_an_exception_in_a_hook_is_shown_with_its_type_and_text() -> None:
    def broken(o):
        raise ZeroDivisionError("oops")

    w = softmax_explorer(softmax_fn=broken)
    values = {"hook": "softmax_fn", "error": "ZeroDivisionError: oops"}
    assert _readout(w)["error"] == {"key": "hook.raised", "values": values}
    assert all(math.isnan(v) for v in _readout(w)["p"])


def test_a_torch_softmax_is_told_that_the_explorer_passes_a_numpy_array() -> None:
    torch = pytest.importorskip("torch")

    def d2l_softmax(x):
        e = torch.exp(x)
        return e / e.sum(0, keepdim=True)

    w = softmax_explorer(softmax_fn=d2l_softmax)
    error = _readout(w)["error"]
    assert error["key"] == "hook.wants_tensor" and "numpy.ndarray" in error["values"]["error"]
    w2 = softmax_explorer(softmax_fn=lambda o: d2l_softmax(torch.from_numpy(o)))  # a tensor back
    np.testing.assert_allclose(_readout(w2)["p"], softmax(np.array([2.0, 1.0, 0.1])), rtol=1e-12)


def test_a_learners_loss_fn_gives_the_loss_and_finite_difference_gradient() -> None:
    def cross_entropy(y_hat, y):
        return -np.sum(y * np.log(y_hat))

    w = softmax_explorer(target=1, loss_fn=cross_entropy)
    r = _readout(w)
    o = np.array([2.0, 1.0, 0.1])
    assert math.isclose(r["loss"], float(cross_entropy_loss(o[None], [1])), rel_tol=1e-12)
    np.testing.assert_allclose(r["grad"], cross_entropy_loss_grad(o[None], [1])[0], atol=1e-8)
    assert "softmax.note_loss_fn" in _message_keys(w)
    w2 = softmax_explorer(loss_fn=lambda y_hat, y: [1.0, 2.0])
    assert _readout(w2)["error"]["key"] == "hook.not_scalar"


def test_setting_a_bad_value_from_python_raises_a_trait_error_naming_it() -> None:
    w = softmax_explorer()
    message = r"temperature: must be a finite number in \[0.01, 100\]"
    with pytest.raises(traitlets.TraitError, match=message):
        w.temperature = 500.0
    with pytest.raises(traitlets.TraitError, match="logits"):
        w.logits = [1.0, 2.0]
    with pytest.raises(traitlets.TraitError, match="implementation"):
        w.implementation = "fast"
    assert w.temperature == 1.0 and w.logits == [2.0, 1.0, 0.1]


def test_a_target_beyond_the_logits_is_rejected_by_name() -> None:
    w = softmax_explorer()
    with pytest.raises(ValueError, match="target"):
        w.target = 5


def test_an_exception_in_our_own_readout_reaches_the_caller(monkeypatch) -> None:
    from softmax_lab.explorers import softmax as module

    w = softmax_explorer()

    def boom(*args, **kwargs):
        raise RuntimeError("library bug")

    monkeypatch.setattr(module, "cross_entropy_loss", boom)
    with pytest.raises(RuntimeError, match="library bug"):
        w.logits = [1.0, 1.0, 1.0]


@pytest.mark.parametrize(
    ("kwargs", "error", "start"),
    [
        ({"logits": (1.0, 2.0)}, ValueError, "logits:"),
        ({"logits": (1.0, 2.0, 11.0)}, ValueError, "logits[2]:"),
        ({"logits": (1.0, 2.0, math.nan)}, ValueError, "logits[2]:"),
        ({"logits": "abc"}, TypeError, "logits:"),
        ({"target": 3}, ValueError, "target:"),
        ({"target": [0.5, 0.6, 0.0]}, ValueError, "target:"),
        ({"target": [0.5, 0.5]}, ValueError, "target:"),
        ({"target": True}, TypeError, "target:"),
        ({"target": 1.5}, TypeError, "target:"),
        ({"temperature": 0.0}, ValueError, "temperature:"),
        ({"temperature": "hot"}, TypeError, "temperature:"),
        ({"softmax_fn": 3}, TypeError, "softmax_fn:"),
        ({"loss_fn": "ce"}, TypeError, "loss_fn:"),
    ],
)
def test_bad_arguments_raise_errors_naming_the_argument(kwargs, error, start) -> None:
    with pytest.raises(error) as info:
        softmax_explorer(**kwargs)
    assert str(info.value).startswith(start), str(info.value)


def test_the_chapters_calls_work() -> None:
    w = softmax_explorer(logits=(2.0, 1.0, 0.1), target=0, temperature=1.0,
                         softmax_fn=naive_softmax)
    assert w.implementation == "yours" and w.readout["error"] is None
    w = softmax_explorer(logits=(2.0, 1.0, 0.1), target=(0.1, 0.2, 0.7))
    assert w.use_soft and w.readout["y"] == [0.1, 0.2, 0.7]


def test_the_static_build_emits_only_html_and_creates_no_widget(monkeypatch) -> None:
    monkeypatch.setenv("SOFTMAX_LAB_STATIC", "1")
    ex = softmax_explorer(softmax_fn=naive_softmax)
    assert isinstance(ex, StaticExplorer)
    assert ex.initial["implementation"] == "stable"  # the site cannot call Python
    bundle = ex._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    html = bundle["text/html"]
    assert '<script type="module">' in html and "mountStatic(" in html
    assert "<script src" not in html and "</script>" not in html[:-len("</script>")]


def test_a_live_kernel_bundle_holds_the_widget_view_and_the_html_fallback(monkeypatch) -> None:
    monkeypatch.delenv("SOFTMAX_LAB_STATIC", raising=False)
    w = softmax_explorer()
    data, _ = w._repr_mimebundle_()
    assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == w.model_id
    assert "mountStatic(" in data["text/html"]


def test_the_widget_syncs_state_readout_config_and_language() -> None:
    w = softmax_explorer()
    synced = set(w.keys)
    names = set(SoftmaxExplorer.state_table.names)
    assert names | {"readout", "config", "language", "_esm"} <= synced
    assert w.config["host"] == "kernel" and w.config["hooks"] == []
    assert w.config["initial"]["logits"] == [2.0, 1.0, 0.1]
    assert "export default" in w._esm and "\nimport " not in w._esm


def test_readout_naive_softmax_is_the_textbook_formula() -> None:
    o = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(naive_softmax(o), np.exp(o) / np.exp(o).sum())


def test_softmax_readout_rejects_yours_without_a_softmax_fn() -> None:
    state = {**SoftmaxExplorer.state_table.defaults(), "implementation": "yours"}
    with pytest.raises(ValueError, match="implementation"):
        softmax_readout(state)
