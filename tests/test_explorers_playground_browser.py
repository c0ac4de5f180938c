"""The playground on a static page in Chromium, offline: what a reader sees and touches.

Mouse, touch (Chromium's real touch input through CDP) and keys move the weight tips; One step
and Run take the steps the JavaScript readout offers, and every readout the page draws is
softmax_lab's for the page's state (playground_readout, to 1e-9). Every page is guarded: a
request off the loopback, a console error or a page error fails the test.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from softmax_lab.explorers import PlaygroundExplorer, playground_explorer
from softmax_lab.explorers._wire import to_wire
from softmax_lab.explorers.playground import (
    EXTENT,
    playground_data,
    playground_readout,
    playground_step,
    weight_matrix,
)

from ._explorers import (
    READY,
    axe_violations,
    center,
    handle_sizes,
    mismatch,
    page_readout,
    page_state,
    pseudo_language_page,
    static_html,
    touch_path,
    touch_swipe,
    touch_tap,
    visible_text_problems,
    write_page,
)

pytestmark = pytest.mark.browser

DEFAULTS = PlaygroundExplorer.state_table.defaults()
# Near the optimum of the default data (1400 steps in): Run converges within a second.
NEAR_OPTIMUM = ("W:-0.805295,2.812301,-2.885427,-1.126877,3.690722,-1.685423;"
                "b:-0.016176,-0.228182,0.244357")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_page(tmp_path_factory.mktemp("playground"), [static_html(playground_explorer)])


@pytest.fixture
def page(guarded_folder_page: Any, folder: Path) -> Any:
    return guarded_folder_page(folder, ready=READY)


def tip(page: Any, k: int) -> Any:
    return page.locator(f".sl-explorer .sl-pg-tip[data-index='{k}']")


def control(page: Any, name: str) -> Any:
    return page.locator(f".sl-explorer [data-control='{name}']")


def plane(page: Any) -> dict[str, float]:
    """The plot square on screen: its left/top (viewport px) and pixels per unit."""
    frame = page.locator(".sl-explorer .sl-pg-frame").bounding_box()
    return {"left": frame["x"], "top": frame["y"], "unit": frame["width"] / (2 * EXTENT)}


def to_screen(page: Any, x: float, y: float) -> tuple[float, float]:
    p = plane(page)
    return p["left"] + (x + EXTENT) * p["unit"], p["top"] + (EXTENT - y) * p["unit"]


def assert_python_readout(page: Any) -> dict[str, Any]:
    state = page_state(page)
    expected = to_wire(playground_readout(state))
    assert mismatch(expected, page_readout(page)) is None, mismatch(expected, page_readout(page))
    return state


def open_link(page: Any, link: str) -> None:
    page.goto(page.url.split("#")[0] + "#sl-playground=" + link)
    page.reload()
    page.wait_for_selector(READY)


def test_the_page_starts_with_softmax_labs_numbers(page: Any) -> None:
    assert assert_python_readout(page) == DEFAULTS
    shown = page.locator(".sl-explorer [data-name='loss']")
    assert float(shown.get_attribute("data-value")) == pytest.approx(
        playground_readout(DEFAULTS)["loss"], rel=1e-12)


def test_a_dragged_tip_follows_the_mouse_exactly(page: Any) -> None:
    handle = tip(page, 0)
    x, y = center(handle)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 37, y - 23, steps=6)
    page.mouse.up()
    state = assert_python_readout(page)
    unit = plane(page)["unit"]
    assert state["W"][0] == pytest.approx(1.5 + 37 / unit, abs=0.006)
    assert state["W"][1] == pytest.approx(-1.0 + 23 / unit, abs=0.006)
    assert state["W"][2:] == DEFAULTS["W"][2:]
    hx, hy = center(handle)
    assert abs(hx - (x + 37)) < 1 and abs(hy - (y - 23)) < 1  # the tip stayed under the pointer


def test_a_moving_tip_leaves_a_trail_that_fades(page: Any) -> None:
    handle = tip(page, 2)
    x, y = center(handle)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y + 30, steps=12)
    page.mouse.up()
    drawn = ".sl-explorer .sl-pg-trail path:not([d=''])"
    assert page.locator(drawn).count() >= 5
    opacities = page.locator(drawn).evaluate_all(
        "paths => paths.map(p => Number(p.getAttribute('stroke-opacity')))")
    assert opacities[0] < opacities[-1]  # older segments are fainter
    page.wait_for_timeout(1800)
    assert page.locator(drawn).count() == 0


def test_a_finger_drags_a_tip_and_the_page_does_not_scroll(guarded_folder_page: Any,
                                                           folder: Path) -> None:
    page = guarded_folder_page(folder, ready=READY, width=375, touch=True)
    handle = tip(page, 1)
    handle.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    x, y = center(handle)
    touch_path(page, [(x - 4 * k, y + 5 * k) for k in range(9)])  # 32 px left, 40 px down
    state = assert_python_readout(page)
    unit = plane(page)["unit"]  # touch points land on whole pixels: within 1 px
    assert state["W"][2] == pytest.approx(0.0 - 32 / unit, abs=1 / unit)
    assert state["W"][3] == pytest.approx(1.5 - 40 / unit, abs=1 / unit)
    assert page.evaluate("window.scrollY") == before
    hx, hy = center(handle)
    assert abs(hx - (x - 32)) < 1 and abs(hy - (y + 40)) < 1


def test_a_tap_or_a_click_on_a_tip_moves_nothing(guarded_folder_page: Any, folder: Path) -> None:
    page = guarded_folder_page(folder, ready=READY, touch=True)
    touch_tap(page, tip(page, 0))
    tip(page, 2).click()
    assert page_state(page)["W"] == DEFAULTS["W"]


def test_keys_move_a_focused_tip(page: Any) -> None:
    handle = tip(page, 0)
    assert handle.get_attribute("role") == "slider"
    handle.focus()
    for key in ["ArrowRight"] * 3 + ["ArrowUp", "Shift+ArrowDown"]:
        page.keyboard.press(key)
    state = assert_python_readout(page)
    assert state["W"][:2] == [1.8, -1.9]
    assert handle.get_attribute("aria-valuetext") == "w1 = (1.8, -1.9)"


def test_a_vertical_swipe_off_the_tips_scrolls_the_page(guarded_folder_page: Any,
                                                       folder: Path) -> None:
    page = guarded_folder_page(folder, ready=READY, width=375, touch=True)
    page.evaluate("window.scrollTo(0, 0)")
    x, y = to_screen(page, -3.5, -3.0)  # a corner of the plane, far from every tip
    assert touch_swipe(page, x, y, dy=-150) > 50
    assert page_state(page) == DEFAULTS


def test_tips_are_finger_sized_and_alone_keep_touch_gestures(guarded_folder_page: Any,
                                                             folder: Path) -> None:
    page = guarded_folder_page(folder, ready=READY, width=375, touch=True)
    sizes = handle_sizes(page)
    assert len(sizes) == 3 and all(w >= 40 and h >= 40 for w, h in sizes), sizes
    actions = page.evaluate("""() => [...document.querySelectorAll(
        '.sl-explorer, .sl-explorer .sl-pg-plane, .sl-explorer svg, .sl-explorer .sl-handle')]
        .map(e => [e.className.baseVal ?? e.className, getComputedStyle(e).touchAction])""")
    for name, action in actions:
        assert action == ("none" if "sl-handle" in name else "auto"), (name, action)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_regions_are_where_python_says_each_class_wins(page: Any) -> None:
    tip(page, 1).focus()
    page.keyboard.press("Shift+ArrowLeft")
    state = page_state(page)
    W, b = weight_matrix(state["W"]), np.array(state["b"])
    # (Off round numbers: a point exactly on a boundary belongs to both polygons.)
    grid = [(x, y) for x, y in itertools.product(np.linspace(-3.87, 3.91, 9), repeat=2)]
    p = plane(page)
    won = page.evaluate("""([points, p]) => {
      const polys = [...document.querySelectorAll('.sl-explorer .sl-pg-region')];
      const frame = document.querySelector('.sl-explorer .sl-pg-frame');
      const x0 = frame.x.baseVal.value, y0 = frame.y.baseVal.value;
      return points.map(([x, y]) => polys.findIndex(poly => poly.isPointInFill(
        new DOMPoint(x0 + (x + 4) * p.unit, y0 + (4 - y) * p.unit))));
    }""", [grid, p])
    expected = [int(np.argmax(np.array([x, y]) @ W + b)) for x, y in grid]
    assert won == expected


def test_one_step_takes_softmax_labs_gradient_step(page: Any) -> None:
    control(page, "step").click()
    state = assert_python_readout(page)
    X, y = playground_data()
    s = playground_step(weight_matrix(DEFAULTS["W"]), np.zeros(3), X, y, lr=0.5)
    np.testing.assert_allclose(weight_matrix(state["W"]), s.W, atol=1e-12)
    np.testing.assert_allclose(state["b"], s.b, atol=1e-12)
    assert state["steps"] == 1
    assert page.locator(".sl-explorer [data-name='steps']").inner_text() == "1"


def loss_curve_points(page: Any) -> int:
    d = page.locator(".sl-explorer .sl-pg-side .sl-linechart path.sl-line").first.get_attribute("d")
    return d.count("L") + d.count("M")


def test_run_becomes_pause_and_the_curves_grow(page: Any) -> None:
    run = control(page, "run")
    run.click()
    assert run.inner_text() == "Pause" and run.get_attribute("aria-pressed") == "true"
    page.wait_for_function("() => document.querySelector('.sl-explorer').slExplorer.state()"
                           ".steps > 20")
    grown = loss_curve_points(page)
    page.wait_for_timeout(300)
    assert loss_curve_points(page) > grown > 10
    run.click()
    assert run.inner_text() == "Run" and run.get_attribute("aria-pressed") == "false"
    steps = page_state(page)["steps"]
    page.wait_for_timeout(300)
    assert page_state(page)["steps"] == steps
    assert_python_readout(page)


def test_run_stops_by_itself_at_convergence(page: Any) -> None:
    open_link(page, NEAR_OPTIMUM)
    control(page, "run").click()
    page.wait_for_selector(".sl-explorer [data-message='playground.converged']", timeout=20_000)
    assert control(page, "run").get_attribute("aria-pressed") == "false"
    state = assert_python_readout(page)
    assert page_readout(page)["stop"] == "converged" and state["steps"] > 0
    assert page.locator("[data-challenge='converge']").get_attribute("data-met") == "true"


def test_a_diverging_run_stops_with_a_message_and_reset_restores_everything(page: Any) -> None:
    slider = control(page, "lr")
    ranges = slider.evaluate("s => [s.min, s.max]")
    page.locator("[data-preset='large']").click()
    control(page, "run").click()
    message = page.locator(".sl-explorer [data-message='playground.diverged']")
    message.wait_for(timeout=10_000)
    assert "past ±1000" in message.inner_text()
    assert control(page, "run").get_attribute("aria-pressed") == "false"
    assert control(page, "step").is_disabled()
    state = assert_python_readout(page)
    assert max(abs(v) for v in state["W"] + state["b"]) <= 1000 and 0 < state["steps"] < 30
    assert page.locator("[data-challenge='diverge']").get_attribute("data-met") == "true"
    control(page, "step").click(force=True)  # a click on the disabled button changes nothing
    assert page_state(page) == state
    control(page, "reset").click()
    assert page_state(page) == DEFAULTS
    assert slider.evaluate("s => [s.min, s.max]") == ranges
    assert loss_curve_points(page) <= 1  # the history starts over
    assert not control(page, "step").is_disabled()
    assert_python_readout(page)


def test_typed_parameters_data_noise_and_new_points_give_python_numbers(page: Any) -> None:
    field = control(page, "param-1-2")  # class 2's bias
    field.fill("0.75")
    field.press("Enter")
    control(page, "dataset").select_option("shifted")
    control(page, "noise-value").fill("0.4")
    control(page, "noise-value").press("Enter")
    control(page, "new-points").click()
    state = assert_python_readout(page)
    assert state["b"] == [0.0, 0.75, 0.0] and state["dataset"] == "shifted"
    assert state["noise"] == 0.4 and state["seed"] == 2
    drawn = page.locator(".sl-explorer .sl-pg-plane path.sl-pg-point").count()
    assert drawn == 90


def test_a_link_restores_the_state_and_a_broken_link_is_ignored(page: Any) -> None:
    tip(page, 2).focus()
    page.keyboard.press("ArrowLeft")
    control(page, "lr-value").fill("0.05")
    control(page, "lr-value").press("Enter")
    control(page, "dataset").select_option("line")
    control(page, "step").click()
    state = page_state(page)
    control(page, "share").click()
    assert "#sl-playground=" in page.url
    page.reload()
    page.wait_for_selector(READY)
    assert page_state(page) == state
    assert_python_readout(page)
    for broken in ("W:1,2", "lr:0", "d:moons", "n:-1", "zz:1", "W:1,2,3,4,5,x", "b:1,2,3000"):
        open_link(page, broken)
        assert page_state(page) == DEFAULTS, broken


def test_each_challenge_says_when_it_is_met(page: Any) -> None:
    def met(name: str) -> bool:
        return page.locator(f"[data-challenge='{name}']").get_attribute("data-met") == "true"

    assert not any(met(n) for n in ("by_hand", "converge", "diverge", "penalty"))
    # By hand: put the tips near the optimum by typing, without a step.
    for k, (wx, wy) in enumerate([(-0.8, 2.8), (-2.9, -1.1), (3.7, -1.7)]):
        for j, v in enumerate((wx, wy)):
            control(page, f"param-{k}-{j}").fill(str(v))
            control(page, f"param-{k}-{j}").press("Enter")
    assert page_readout(page)["accuracy"] >= 0.8 and met("by_hand")
    open_link(page, "W:-0.047687,0.469129,-0.397497,-0.283231,0.445183,-0.185897;"
                    "b:0.003971,-0.048901,0.04493;l2:0.5")
    assert met("penalty") and met("converge")


def test_pointing_at_a_row_highlights_its_region_and_arrow_and_a_tip_its_row(page: Any) -> None:
    page.locator(".sl-explorer .sl-pg-params tbody tr[data-index='1']").hover()
    for selector in (".sl-pg-region[data-index='1']", ".sl-pg-arrow[data-index='1']"):
        assert "sl-hl" in page.locator(f".sl-explorer {selector}").get_attribute("class")
    page.mouse.move(0, 0)
    tip(page, 2).focus()
    row = page.locator(".sl-explorer .sl-pg-params tbody tr[data-index='2']")
    assert "sl-hl" in row.get_attribute("class")


def test_the_three_region_tints_stay_apart_for_colour_blind_readers(page: Any) -> None:
    for dark in (False, True):
        page.emulate_media(color_scheme="dark" if dark else "light")
        tints = page.evaluate("""() => {
          const bg = getComputedStyle(document.querySelector('.sl-explorer')).backgroundColor;
          return [bg, ...[...document.querySelectorAll('.sl-explorer .sl-pg-region')].map(p => {
            const s = getComputedStyle(p); return [s.fill, Number(s.fillOpacity)]; })];
        }""")
        background = _rgb(tints[0])
        seen = [tuple(a * np.array(_rgb(fill)) + (1 - a) * np.array(background))
                for fill, a in tints[1:]]
        for vision in ("normal", "protan", "deutan", "tritan"):
            lab = [_lab(_simulate(c, vision)) for c in seen]
            gaps = [np.linalg.norm(lab[i] - lab[j]) for i, j in ((0, 1), (0, 2), (1, 2))]
            assert min(gaps) > 10, (dark, vision, gaps)


def test_axe_finds_no_accessibility_violations(page: Any) -> None:
    control(page, "step").click()
    assert axe_violations(page) == []


def test_every_string_comes_from_the_message_catalog(guarded_folder_page: Any,
                                                     tmp_path: Path) -> None:
    page = pseudo_language_page(guarded_folder_page, tmp_path, PlaygroundExplorer, DEFAULTS)
    control(page, "step").click()
    assert visible_text_problems(page, allowed="0123456789.,-−+<>∞NaNe%") == []


# ---- colour vision: Machado, Oliveira & Fernandes (2009) at full severity, in linear RGB.

_CVD = {
    "normal": np.eye(3),
    "protan": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                        [-0.003882, -0.048116, 1.051998]]),
    "deutan": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                        [-0.011820, 0.042940, 0.968881]]),
    "tritan": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                        [0.004733, 0.691367, 0.303900]]),
}


def _rgb(css: str) -> tuple[float, float, float]:
    parts = css[css.index("(") + 1:css.index(")")].replace(",", " ").split()
    return tuple(float(v) for v in parts[:3])


def _linear(c: np.ndarray) -> np.ndarray:
    c = np.asarray(c) / 255
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _simulate(c: tuple[float, ...], vision: str) -> np.ndarray:
    return np.clip(_CVD[vision] @ _linear(c), 0, 1)


def _lab(linear_rgb: np.ndarray) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ linear_rgb / np.array([0.9505, 1.0, 1.089])
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])
