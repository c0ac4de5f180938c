"""The softmax explorer's notebook form shows softmax_lab's numbers for the controls' values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from softmax_lab import (
    cross_entropy_loss,
    cross_entropy_loss_grad,
    entropy,
    one_hot,
    softmax,
)
from softmax_lab.explorers import softmax as softmax_module
from softmax_lab.explorers import softmax_explorer
from softmax_lab.explorers._base import static_mode

from ._explorers import assert_shows, shown


def _form(**kwargs):
    return softmax_explorer(**kwargs).widget


def test_moving_a_logit_slider_shows_softmax_lab_probabilities_loss_and_gradient() -> None:
    form = _form(logits=(2.0, 1.0, 0.1), target=0)
    form.logit_sliders[1].value = 3.5
    o = np.array([2.0, 3.5, 0.1])
    html = form.display.value
    p = softmax(o)
    for j in range(3):
        assert_shows(html, f"p{j}", float(p[j]))
        assert_shows(html, f"o{j}", float(o[j]))
        assert_shows(html, f"grad{j}", float(cross_entropy_loss_grad(o[None], np.array([0]))[0, j]))
    assert_shows(html, "loss", float(cross_entropy_loss(o[None], np.array([0]))))
    assert_shows(html, "entropy", float(entropy(p)))
    assert shown(html)["predicted"][0] == 1


def test_raising_the_true_class_logit_lowers_the_loss() -> None:
    form = _form(logits=(0.0, 0.0, 0.0), target=2)
    before = shown(form.display.value)["loss"][0]
    form.logit_sliders[2].value = 2.0
    assert shown(form.display.value)["loss"][0] < before


def test_temperature_and_label_smoothing_use_the_tempered_soft_target() -> None:
    form = _form(logits=(1.0, -2.0, 0.5, 3.0), target=1)
    form.controls["temperature"].value = 10**0.3
    form.controls["smoothing"].value = 0.2
    t = form.controls["temperature"].value
    o = np.array([1.0, -2.0, 0.5, 3.0])
    y = 0.8 * one_hot(np.array(1), 4) + 0.2 / 4
    html = form.display.value
    assert_shows(html, "loss", float(cross_entropy_loss((o / t)[None], y[None])))
    grad = cross_entropy_loss_grad((o / t)[None], y[None], reduction="sum")[0] / t
    p = softmax(o, temperature=t)
    for j in range(4):
        assert_shows(html, f"y{j}", float(y[j]))
        assert_shows(html, f"p{j}", float(p[j]))
        assert_shows(html, f"grad{j}", float(grad[j]))


def test_shift_leaves_stable_softmax_unchanged_but_the_naive_form_overflows() -> None:
    form = _form(logits=(2.0, 1.0, 0.1), target=0)
    form.controls["shift"].value = 1000.0
    p = softmax(np.array([2.0, 1.0, 0.1]))
    values = shown(form.display.value)
    for j in range(3):
        assert math.isclose(values[f"p{j}"][0], float(p[j]), rel_tol=1e-9)
    assert "overflow" not in form.display.value
    form.controls["implementation"].value = "naive"
    values = shown(form.display.value)
    assert math.isnan(values["p0"][0]) and values["p0"][1] == "NaN"
    assert math.isnan(values["loss"][0])
    assert "overflowed" in form.display.value


def test_naive_form_agrees_with_the_stable_one_at_small_logits() -> None:
    form = _form(logits=(2.0, 1.0, 0.1), target=2)
    stable = shown(form.display.value)
    form.controls["implementation"].value = "naive"
    naive = shown(form.display.value)
    for name in ("p0", "p1", "p2", "loss", "entropy", "grad0"):
        assert math.isclose(naive[name][0], stable[name][0], rel_tol=1e-12, abs_tol=1e-15)


def test_changing_the_number_of_classes_keeps_the_logits_and_pads_with_zero() -> None:
    form = _form(logits=(2.0, 1.0, 0.1), target=2)
    form.controls["classes"].value = 5
    assert [s.value for s in form.logit_sliders] == [2.0, 1.0, 0.1, 0.0, 0.0]
    assert_shows(form.display.value, "p4", float(softmax(np.array([2.0, 1.0, 0.1, 0, 0]))[4]))
    form.logit_sliders[4].value = 4.0
    assert shown(form.display.value)["predicted"][0] == 4
    form.controls["classes"].value = 3
    assert form.controls["target"].value == 2 and len(form.logit_sliders) == 3


def test_a_given_soft_label_is_the_target() -> None:
    y = [0.1, 0.2, 0.7]
    form = _form(logits=(1.0, 2.0, 3.0), target=y)
    assert form.controls["target"].value == "soft"
    o = np.array([1.0, 2.0, 3.0])
    assert_shows(form.display.value, "loss", float(cross_entropy_loss(o[None], np.array([y]))))
    form.controls["target"].value = 0
    assert_shows(form.display.value, "loss", float(cross_entropy_loss(o[None], np.array([0]))))


def test_a_learners_softmax_fn_is_used_and_its_failure_is_shown() -> None:
    def my_softmax(o):
        return np.exp(o) / np.exp(o).sum()

    form = _form(softmax_fn=my_softmax)
    assert form.controls["implementation"].value == "yours"
    assert_shows(form.display.value, "p0", float(softmax(np.array([2.0, 1.0, 0.1]))[0]))
    form.controls["shift"].value = 800.0
    assert math.isnan(shown(form.display.value)["p0"][0])

    def broken(o):
        raise ZeroDivisionError("oops")

    form = _form(softmax_fn=broken)
    assert "your softmax_fn raised ZeroDivisionError: oops" in form.display.value


def test_an_exception_in_a_callback_fails_the_caller(monkeypatch) -> None:
    form = _form()

    def boom(*args, **kwargs):
        raise RuntimeError("library bug")

    monkeypatch.setattr(softmax_module, "cross_entropy_loss", boom)
    with pytest.raises(RuntimeError, match="library bug"):
        form.logit_sliders[0].value = 1.0


@pytest.mark.parametrize(
    ("kwargs", "error", "start"),
    [
        ({"logits": (1.0, 2.0)}, ValueError, "logits:"),
        ({"logits": (1.0, 2.0, 11.0)}, ValueError, "logits:"),
        ({"logits": "abc"}, TypeError, "logits:"),
        ({"target": 3}, ValueError, "target:"),
        ({"target": [0.5, 0.6, 0.0]}, ValueError, "target:"),
        ({"target": True}, TypeError, "target:"),
        ({"temperature": 0.0}, ValueError, "temperature:"),
        ({"softmax_fn": 3}, TypeError, "softmax_fn:"),
    ],
)
def test_bad_arguments_raise_errors_naming_the_argument(kwargs, error, start) -> None:
    with pytest.raises(error) as info:
        softmax_explorer(**kwargs)
    assert str(info.value).startswith(start)


def test_static_build_emits_only_the_kernel_free_html(monkeypatch) -> None:
    monkeypatch.setenv("SOFTMAX_LAB_STATIC", "1")
    assert static_mode()
    bundle = softmax_explorer()._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    html = bundle["text/html"]
    assert "SoftmaxLab.explorers.softmax" in html and "sl-explorers-css" in html
    assert "<script src" not in html  # self-contained: nothing to fetch


def test_live_kernel_bundle_offers_the_widget(monkeypatch) -> None:
    monkeypatch.delenv("SOFTMAX_LAB_STATIC", raising=False)
    ex = softmax_explorer()
    # Patch the globals the method really sees (doctest collection may re-import _base).
    monkeypatch.setitem(type(ex)._repr_mimebundle_.__globals__, "_live_kernel", lambda: True)
    bundle = ex._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == ex.widget.model_id


def _random_states(n: int = 60) -> list[dict]:
    rng = np.random.default_rng(7)
    states = []
    for i in range(n):
        q = int(rng.integers(3, 11))
        soft = i % 3 == 2
        states.append({
            "logits": np.round(rng.uniform(-10, 10, q), 1).tolist(),
            "target": rng.dirichlet(np.ones(q)).tolist() if soft else int(rng.integers(q)),
            "temperature": float(10 ** np.round(rng.uniform(-1, 1), 2)),
            "shift": float(rng.choice([0.0, 10.0, 700.0, 1000.0])),
            "smoothing": 0.0 if i % 2 else float(np.round(rng.uniform(0, 1), 2)),
            "implementation": "naive" if i % 4 == 1 else "stable",
        })
    return states


def test_the_browser_readout_matches_softmax_readout_on_random_states() -> None:
    import json
    import shutil
    import subprocess
    from pathlib import Path

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    static = Path(softmax_module.__file__).parent / "static"
    states = _random_states()
    script = (
        "globalThis.window = globalThis;"
        + "".join(f"require({json.dumps(str(static / f))});"
                  for f in ("sl_math.js", "sl_ui.js", "sl_softmax.js"))
        + "const states = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const enc = v => Array.isArray(v) ? v.map(enc) : (typeof v === 'number' &&"
        " !Number.isFinite(v) ? String(v) : v);"
        "const out = states.map(s => { const r = SoftmaxLab.explorers.softmax.readout(s);"
        " const o = {}; for (const k of Object.keys(r)) o[k] = enc(r[k]); return o; });"
        "process.stdout.write(JSON.stringify(out));"
    )
    done = subprocess.run([node, "-e", script], input=json.dumps(states), capture_output=True,
                          text=True, timeout=60, check=True)
    for state, js in zip(states, json.loads(done.stdout), strict=True):
        py = softmax_module.softmax_readout(
            state["logits"], state["target"], state["temperature"], state["shift"],
            state["smoothing"], state["implementation"])
        for key in ("o", "y", "p", "grad", "loss", "entropy", "total"):
            expected = np.atleast_1d(np.asarray(py[key], dtype=float))
            got = np.atleast_1d(np.asarray([float(v) for v in np.atleast_1d(js[key])]))
            assert np.allclose(got, expected, rtol=0, atol=1e-9, equal_nan=True), (state, key)
        assert js["predicted"] == py["predicted"] and js["overflow"] == py["overflow"]
