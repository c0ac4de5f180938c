"""Explorer 6, the 2-D playground: the Python step, the ipywidgets form and the kernel-free form.

The browser tests render ``Explorer.to_html()`` into a page served on 127.0.0.1 and drive it
with Chromium; any request off the loopback, console error or page error fails the test.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import softmax_lab as sl
from softmax_lab.explorers import playground_explorer
from softmax_lab.explorers._base import format_number, static_text
from softmax_lab.explorers.playground import playground_data, playground_step

from ._explorers import axe_violations

ROOT = Path(__file__).resolve().parents[1]
TOL = 1e-9


# ---------------------------------------------------------------------------------------------
# The math
# ---------------------------------------------------------------------------------------------


def test_playground_data_is_seeded_three_balanced_classes() -> None:
    X, y = playground_data(seed=3, points_per_class=7)
    X2, y2 = playground_data(seed=3, points_per_class=7)
    assert X.shape == (21, 2) and np.array_equal(X, X2) and np.array_equal(y, y2)
    assert np.bincount(y).tolist() == [7, 7, 7]
    assert not np.array_equal(X, playground_data(seed=4, points_per_class=7)[0])


def test_playground_step_loss_is_softmax_lab_cross_entropy_plus_penalty() -> None:
    X, y = playground_data(seed=0)
    rng = np.random.default_rng(1)
    W, b = rng.normal(size=(3, 2)), rng.normal(size=3)
    s = playground_step(W, b, X, y, lr=0.0, l2=0.3)
    expected = float(sl.cross_entropy_loss(X @ W.T + b, y)) + 0.15 * float(np.sum(W**2))
    assert s.loss == pytest.approx(expected, abs=1e-12)
    assert np.array_equal(s.W, W) and np.array_equal(s.b, b)  # lr = 0 does not move


def test_playground_gradient_matches_finite_differences() -> None:
    X, y = playground_data(seed=2, points_per_class=10)
    rng = np.random.default_rng(5)
    W, b, l2 = rng.normal(size=(3, 2)), rng.normal(size=3), 0.2
    s = playground_step(W, b, X, y, lr=0.0, l2=l2)
    h = 1e-6
    for k in range(3):
        for j in range(2):
            Wp, Wm = W.copy(), W.copy()
            Wp[k, j] += h
            Wm[k, j] -= h
            fd = (playground_step(Wp, b, X, y, 0.0, l2).loss
                  - playground_step(Wm, b, X, y, 0.0, l2).loss) / (2 * h)
            assert s.grad_W[k, j] == pytest.approx(fd, abs=1e-7)
        bp, bm = b.copy(), b.copy()
        bp[k] += h
        bm[k] -= h
        fd = (playground_step(W, bp, X, y, 0.0, l2).loss
              - playground_step(W, bm, X, y, 0.0, l2).loss) / (2 * h)
        assert s.grad_b[k] == pytest.approx(fd, abs=1e-7)


def test_playground_step_moves_against_the_gradient_and_lowers_the_loss() -> None:
    X, y = playground_data(seed=0)
    W, b = np.zeros((3, 2)), np.zeros(3)
    s = playground_step(W, b, X, y, lr=0.1)
    assert np.allclose(s.W, W - 0.1 * s.grad_W) and np.allclose(s.b, b - 0.1 * s.grad_b)
    assert playground_step(s.W, s.b, X, y, lr=0.0).loss < s.loss


@pytest.mark.parametrize(
    ("kwargs", "error", "start"),
    [
        ({"lr": -1.0}, ValueError, "lr:"),
        ({"lr": float("nan")}, ValueError, "lr:"),
        ({"l2": -0.1}, ValueError, "l2:"),
        ({"W": np.zeros((3, 3))}, ValueError, "X:"),
        ({"b": np.zeros(2)}, ValueError, "b:"),
        ({"W": "abc"}, TypeError, "W:"),
        ({"y": np.array([0, 1, 3] * 30)}, ValueError, "y:"),
    ],
)
def test_playground_step_rejects_bad_arguments(kwargs: dict, error: type, start: str) -> None:
    X, y = playground_data(seed=0)
    args: dict[str, Any] = {"W": np.zeros((3, 2)), "b": np.zeros(3), "X": X, "y": y, "lr": 0.1}
    args.update(kwargs)
    with pytest.raises(error) as info:
        playground_step(**args)
    assert str(info.value).startswith(start)


@pytest.mark.parametrize(
    ("kwargs", "error", "start"),
    [
        ({"seed": -1}, ValueError, "seed:"),
        ({"seed": 1.5}, TypeError, "seed:"),
        ({"points_per_class": 0}, ValueError, "points_per_class:"),
        ({"learning_rate": 0.0}, ValueError, "learning_rate:"),
        ({"l2": -1.0}, ValueError, "l2:"),
    ],
)
def test_playground_explorer_rejects_bad_arguments(kwargs: dict, error: type, start: str) -> None:
    with pytest.raises(error) as info:
        playground_explorer(**kwargs)
    assert str(info.value).startswith(start)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_js_gradient_step_equals_python_step_to_1e9(tmp_path) -> None:
    ex = playground_explorer(seed=0)
    c = ex.config
    (tmp_path / "sl_math.js").write_text(static_text("sl_math.js"), encoding="utf-8")
    script = (
        "globalThis.window = globalThis;"
        f"require({json.dumps(str(tmp_path / 'sl_math.js'))}); const m = window.SoftmaxLab.math;"
        f"const c = {json.dumps(c)};"
        "let W = c.W, b = c.b, out = [];"
        "for (let t = 0; t < 5; t++) { const r = m.gradientStep(W, b, c.X, c.y, 0.7);"
        "  out.push(r); W = r.W; b = r.b; }"
        "process.stdout.write(JSON.stringify(out));"
    )
    got = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True,
                                    check=True, timeout=60).stdout)
    W, b = np.array(c["W"]), np.array(c["b"])
    X, y = np.array(c["X"]), np.array(c["y"])
    for r in got:  # five chained steps: the two stay together, not just for one step
        s = playground_step(W, b, X, y, lr=0.7)
        assert r["loss"] == pytest.approx(s.loss, abs=TOL)
        assert np.allclose(r["gradW"], s.grad_W, rtol=0, atol=TOL)
        assert np.allclose(r["gradb"], s.grad_b, rtol=0, atol=TOL)
        assert np.allclose(r["W"], s.W, rtol=0, atol=TOL)
        assert np.allclose(r["b"], s.b, rtol=0, atol=TOL)
        W, b = s.W, s.b


# ---------------------------------------------------------------------------------------------
# The ipywidgets form
# ---------------------------------------------------------------------------------------------


def _shown(widget: Any) -> dict[str, str]:
    return dict(re.findall(r'data-sl="([\w-]+)">([^<]*)<', widget.readout.value))


def _expected(W: np.ndarray, b: np.ndarray, X: np.ndarray, y: np.ndarray,
              l2: float) -> dict[str, str]:
    logits = X @ W.T + b
    data = float(sl.cross_entropy_loss(logits, y))
    penalty = 0.5 * l2 * float(np.sum(W * W))
    return {
        "loss": format_number(data + penalty),
        "data-loss": format_number(data),
        "penalty": format_number(penalty),
        "accuracy": format_number(sl.accuracy(logits, y)),
    }


def test_callbacks_raise_fixture_turns_a_swallowed_error_into_a_failure(
    callbacks_raise: None,
) -> None:
    import ipywidgets as widgets

    button = widgets.Button()
    button.on_click(lambda _: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        button.click()


def test_widget_shows_softmax_lab_numbers_after_sliders_move(callbacks_raise: None) -> None:
    w = playground_explorer(seed=0).widget
    w.w_sliders[0][0].value = 1.25
    w.w_sliders[2][1].value = -0.5
    w.b_sliders[1].value = 0.75
    w.l2_slider.value = 0.3
    W = np.array([[s.value for s in row] for row in w.w_sliders])
    b = np.array([s.value for s in w.b_sliders])
    assert W[0, 0] == 1.25 and W[2, 1] == -0.5 and b[1] == 0.75
    shown = _shown(w)
    for key, value in _expected(W, b, w.X, w.y, 0.3).items():
        assert shown[key] == value, key


def test_widget_step_button_takes_one_playground_step(callbacks_raise: None) -> None:
    ex = playground_explorer(seed=1)
    w = ex.widget
    w.lr_slider.value = 0.5
    w.l2_slider.value = 0.1
    W0, b0 = w.W, w.b
    w.step_button.click()
    s = playground_step(W0, b0, w.X, w.y, lr=0.5, l2=0.1)
    assert np.allclose(w.W, s.W, rtol=0, atol=1e-12)
    assert np.allclose(w.b, s.b, rtol=0, atol=1e-12)
    assert _shown(w)["steps"] == "1"
    assert _shown(w)["loss"] == _expected(s.W, s.b, w.X, w.y, 0.1)["loss"]


def test_widget_reset_and_randomise_buttons(callbacks_raise: None) -> None:
    ex = playground_explorer(seed=0)
    w = ex.widget
    for _ in range(3):
        w.step_button.click()
    w.reset_button.click()
    assert np.array_equal(w.W, np.array(ex.config["W"])) and _shown(w)["steps"] == "0"
    w.randomise_button.click()
    assert not np.array_equal(w.W, np.array(ex.config["W"]))
    assert _shown(w)["loss"] == _expected(w.W, w.b, w.X, w.y, 0.0)["loss"]


def test_widget_sliders_widen_instead_of_clipping_large_weights(callbacks_raise: None) -> None:
    w = playground_explorer(seed=0).widget
    w.set_parameters(np.full((3, 2), 7.5), np.zeros(3))
    assert np.all(w.W == 7.5)


def test_widget_figure_is_an_svg_of_regions_points_and_arrows(callbacks_raise: None) -> None:
    w = playground_explorer(seed=0, points_per_class=5).widget
    svg = w.figure.value
    assert svg.startswith("<svg") and svg.count("<circle") == 15
    assert svg.count("<polygon") == 6  # three weight arrows and three descent arrows


# ---------------------------------------------------------------------------------------------
# The kernel-free form in Chromium
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """Two playgrounds on one page (checks that they do not interfere), and their configs."""
    folder = tmp_path_factory.mktemp("playground")
    first, second = playground_explorer(seed=0), playground_explorer(seed=1, l2=0.05)
    (folder / "index.html").write_text(
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>playground</title></head><body><main><h1>Playground</h1>"
        f"{first.to_html()}{second.to_html()}</main></body></html>",
        encoding="utf-8",
    )
    return folder, {"first": first.config, "second": second.config}


@pytest.fixture
def page(guarded_folder_page: Any, served: tuple[Path, dict[str, Any]]) -> Any:
    """The playground page in Chromium, guarded (see ``guarded_folder_page``)."""
    return guarded_folder_page(served[0], ".sl-explorer-playground [data-sl=loss]:not(:empty)")


def _state(pg: Any, which: int = 0) -> dict[str, Any]:
    return pg.evaluate(
        "i => document.querySelectorAll('.sl-explorer-playground')[i].softmaxLab.state()", which
    )


def _root(pg: Any, which: int = 0) -> Any:
    return pg.locator(".sl-explorer-playground").nth(which)


def _shown_value(pg: Any, key: str, which: int = 0) -> float:
    return float(_root(pg, which).locator(f"[data-sl={key}]").get_attribute("data-value"))


def _assert_matches_python(st: dict[str, Any], config: dict[str, Any]) -> None:
    X, y = np.array(config["X"]), np.array(config["y"])
    s = playground_step(np.array(st["W"]), np.array(st["b"]), X, y, lr=0.0, l2=st["l2"])
    assert st["loss"] == pytest.approx(s.loss, abs=TOL)
    assert np.allclose(st["gradW"], s.grad_W, rtol=0, atol=TOL)
    assert np.allclose(st["gradb"], s.grad_b, rtol=0, atol=TOL)


def test_page_opens_with_the_configured_parameters_and_python_loss(
    page: Any, served: tuple[Path, dict[str, Any]]
) -> None:
    config = served[1]["first"]
    st = _state(page)
    assert st["W"] == config["W"] and st["b"] == config["b"] and st["steps"] == 0
    _assert_matches_python(st, config)
    assert _shown_value(page, "loss") == pytest.approx(st["loss"], abs=TOL)


def test_step_button_equals_python_step_with_and_without_l2(
    page: Any, served: tuple[Path, dict[str, Any]]
) -> None:
    for which, name in ((0, "first"), (1, "second")):  # the second page's λ is 0.05
        config = served[1][name]
        before = _state(page, which)
        _root(page, which).get_by_role("button", name="One gradient step").click()
        after = _state(page, which)
        s = playground_step(np.array(before["W"]), np.array(before["b"]), np.array(config["X"]),
                            np.array(config["y"]), lr=before["lr"], l2=before["l2"])
        assert np.allclose(after["W"], s.W, rtol=0, atol=TOL)
        assert np.allclose(after["b"], s.b, rtol=0, atol=TOL)
        assert after["steps"] == 1
        _assert_matches_python(after, config)
    # the other explorer on the page did not move
    assert _state(page, 0)["steps"] == 1 and _state(page, 1)["steps"] == 1


def test_typing_a_weight_by_keyboard_changes_the_loss_to_the_python_value(
    page: Any, served: tuple[Path, dict[str, Any]]
) -> None:
    field = _root(page).get_by_label("Class 2: weight w2,1")
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("1.5")
    st = _state(page)
    assert st["W"][1][0] == 1.5
    _assert_matches_python(st, served[1]["first"])
    assert _shown_value(page, "loss") == pytest.approx(st["loss"], abs=TOL)
    page.keyboard.press("ArrowUp")  # a number input steps by 0.1
    st = _state(page)
    assert st["W"][1][0] == pytest.approx(1.6, abs=1e-12)
    _assert_matches_python(st, served[1]["first"])


def test_dragging_a_weight_tip_moves_that_weight_vector(
    page: Any, served: tuple[Path, dict[str, Any]]
) -> None:
    box = _root(page).locator("[data-sl=overlay]").bounding_box()
    handle = _root(page).locator(".sl-pg-handle").nth(2).bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    # to the data point (2, 1): the view is [-4, 4]² with y up
    tx, ty = box["x"] + (2 + 4) / 8 * box["width"], box["y"] + (4 - 1) / 8 * box["height"]
    page.mouse.move(tx, ty, steps=5)
    page.mouse.up()
    st = _state(page)
    assert st["W"][2] == pytest.approx([2.0, 1.0], abs=8 / box["width"])
    _assert_matches_python(st, served[1]["first"])
    shown = float(_root(page).get_by_label("Class 3: weight w3,1").input_value())
    assert shown == pytest.approx(st["W"][2][0], abs=5e-4)


def test_run_takes_steps_until_paused_and_reset_returns_to_the_start(
    page: Any, served: tuple[Path, dict[str, Any]]
) -> None:
    run = _root(page).get_by_role("button", name="Run")
    run.click()
    assert run.get_attribute("aria-pressed") == "true"
    page.wait_for_function(
        "() => document.querySelector('.sl-explorer-playground').softmaxLab.state().steps > 5"
    )
    run.click()  # a toggle button: same name, aria-pressed says whether it runs
    assert run.get_attribute("aria-pressed") == "false"
    st = _state(page)
    assert not st["running"] and st["steps"] > 5
    config = served[1]["first"]
    start = playground_step(np.array(config["W"]), np.array(config["b"]),
                            np.array(config["X"]), np.array(config["y"]), lr=0.0)
    assert st["loss"] < start.loss  # gradient descent went downhill
    _assert_matches_python(st, served[1]["first"])
    _root(page).get_by_role("button", name="Reset").click()
    st = _state(page)
    assert st["W"] == served[1]["first"]["W"] and st["steps"] == 0


def test_learning_rate_slider_is_keyboard_operable(page: Any) -> None:
    slider = _root(page).get_by_label("Learning rate η")
    slider.focus()
    before = _state(page)["lr"]
    page.keyboard.press("ArrowRight")
    after = _state(page)["lr"]
    assert after == pytest.approx(before * 10**0.01, rel=1e-9)
    assert slider.get_attribute("aria-valuetext").startswith("η = ")


def test_randomise_changes_the_weights(page: Any, served: tuple[Path, dict[str, Any]]) -> None:
    _root(page).get_by_role("button", name="Randomise").click()
    st = _state(page)
    assert st["W"] != served[1]["first"]["W"]
    _assert_matches_python(st, served[1]["first"])


def test_every_control_has_an_accessible_name(page: Any) -> None:
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('.sl-explorer-playground :is(input, button)')]
             .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                          && !e.textContent.trim())
             .map(e => e.outerHTML)"""
    )
    assert unnamed == []


def test_usable_at_375px_without_horizontal_scrolling(page: Any) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.wait_for_timeout(50)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    figure = _root(page).locator(".sl-pg-figure").bounding_box()
    assert figure["width"] > 250
    _root(page).get_by_role("button", name="One gradient step").click()
    assert _state(page)["steps"] == 1


def test_axe_finds_no_accessibility_violations(page: Any) -> None:
    assert axe_violations(page) == []
