"""The weights explorer on a static page in Chromium, offline: what a reader sees and touches.

Each of the 12 edges of the network carries a knob (a role=slider handle): a mouse drag, a
finger drag or a key changes its weight, typed numbers change W and b, painting changes x, and
the readout the page draws is softmax_lab's for the page's state (weights_readout, to 1e-9).
"""

from __future__ import annotations

import math
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from softmax_lab.explorers import WeightsExplorer, weights_explorer
from softmax_lab.explorers._format import format_number
from softmax_lab.explorers._wire import to_wire
from softmax_lab.explorers.weights import weights_readout

from ._explorers import (
    READY,
    axe_violations,
    handle_sizes,
    mismatch,
    mouse_drag,
    page_readout,
    page_state,
    pseudo_language_page,
    static_html,
    touch_drag,
    touch_swipe,
    touch_tap,
    visible_text_problems,
    write_page,
)
from ._pages import lay_out_everything

pytestmark = pytest.mark.browser

START = WeightsExplorer.state_table.defaults()
PX_PER_WEIGHT = 30  # a vertical drag of 30 px changes a weight by 1
HIGHLIGHTED = "es => es.map(e => e.classList.contains('sl-hl'))"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_page(tmp_path_factory.mktemp("weights"), [static_html(weights_explorer)])


@pytest.fixture
def page(guarded_folder_page: Any, folder: Path) -> Any:
    return guarded_folder_page(folder, ready=READY)


@pytest.fixture
def phone(guarded_folder_page: Any, folder: Path) -> Any:
    return guarded_folder_page(folder, ready=READY, width=375, touch=True)


def knob(page: Any, j: int, k: int) -> Any:
    return page.locator(f".sl-explorer .sl-knob[data-output='{j}'][data-input='{k}']")


def control(page: Any, name: str) -> Any:
    return page.locator(f".sl-explorer [data-control='{name}']")


def typed(page: Any, name: str, value: str) -> None:
    control(page, name).fill(value)
    control(page, name).press("Enter")


def assert_shows_python_readout(page: Any) -> dict[str, Any]:
    """The page's readout is weights_readout of the page's state, and its numbers show it."""
    state = page_state(page)
    expected = weights_readout(state)
    assert mismatch(to_wire(expected), page_readout(page)) is None
    shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '.sl-explorer [data-name][data-value]')].map(e => [e.dataset.name, e.textContent]))""")
    for j in range(3):
        assert shown[f"o{j}"] == format_number(expected["o"][j])
        assert shown[f"p{j}"] == format_number(expected["p"][j])
        assert shown[f"node_o{j}"] == format_number(expected["o"][j])
    assert shown["predicted"].endswith(("cat", "chicken", "dog")[expected["predicted"]])
    return state


def test_the_page_shows_softmax_lab_numbers_at_the_start(page: Any) -> None:
    assert assert_shows_python_readout(page) == START
    equation = page.locator(".sl-explorer [data-name='equation0']").inner_text()
    assert equation == "o₁ = 0.6 × 0.9 + (-0.2) × 0.7 + 0.4 × 0.2 + (-0.5) × 0 + 0.1 = 0.58"


def test_dragging_a_knob_with_the_mouse_moves_its_weight_by_the_distance(page: Any) -> None:
    mouse_drag(page, knob(page, 1, 2), dy=-PX_PER_WEIGHT)  # w₂₃ up by 1
    state = assert_shows_python_readout(page)
    assert state["W"][4 * 1 + 2] == pytest.approx(-0.6 + 1.0, abs=0.11)
    assert [w for i, w in enumerate(state["W"]) if i != 6] == [
        w for i, w in enumerate(START["W"]) if i != 6]


def test_dragging_a_knob_with_a_finger_moves_its_weight(guarded_folder_page: Any,
                                                        folder: Path) -> None:
    page = guarded_folder_page(folder, ready=READY, width=375, touch=True)
    touch_drag(page, knob(page, 2, 0), dy=1.5 * PX_PER_WEIGHT)  # w₃₁ down by 1.5
    state = assert_shows_python_readout(page)
    assert state["W"][8] == pytest.approx(0.1 - 1.5, abs=0.11)


def test_a_tap_or_click_on_a_knob_moves_nothing(guarded_folder_page: Any, folder: Path) -> None:
    page = guarded_folder_page(folder, ready=READY, touch=True)
    touch_tap(page, knob(page, 0, 0))
    knob(page, 2, 3).click()
    assert page_state(page) == START


def test_keys_on_a_knob_step_its_weight(page: Any) -> None:
    k = knob(page, 0, 3)
    assert k.get_attribute("role") == "slider"
    k.focus()
    for key in ("ArrowUp", "ArrowUp", "ArrowUp"):
        page.keyboard.press(key)
    assert page_state(page)["W"][3] == -0.2
    assert k.get_attribute("aria-valuenow") == "-0.2" and k.inner_text() == "-0.2"
    page.keyboard.press("End")
    assert page_state(page)["W"][3] == 2
    page.keyboard.press("PageDown")
    assert page_state(page)["W"][3] == 1
    assert_shows_python_readout(page)


def test_a_knob_names_its_weight_and_its_edge(page: Any) -> None:
    assert knob(page, 1, 2).get_attribute("aria-label") == "Weight w₂₃, from x₃ to o₂"
    assert knob(page, 1, 2).get_attribute("aria-valuetext") == "-0.6"


def test_typed_weights_and_biases_change_the_logits(page: Any) -> None:
    typed(page, "W12", "1.5")
    typed(page, "b0", "-1.25")
    state = assert_shows_python_readout(page)
    assert state["W"][6] == 1.5 and state["b"][0] == -1.25
    assert knob(page, 1, 2).inner_text() == "1.5"
    typed(page, "W00", "5")
    assert control(page, "W00").get_attribute("aria-invalid") is not None
    assert page_state(page)["W"][0] == 0.6
    assert "-2" in page.locator(".sl-explorer .sl-tables .sl-control-error").inner_text()


def test_painting_the_image_changes_x_and_the_logits(page: Any) -> None:
    page.locator(".sl-explorer .sl-pixel[data-index='3']").click()
    state = assert_shows_python_readout(page)
    assert state["pixels"] == [0.9, 0.7, 0.2, 1.0]
    fill = page.locator(".sl-explorer .sl-input-node").nth(3).evaluate("e => e.style.fill")
    assert fill == "rgb(0, 0, 0)"


@pytest.mark.parametrize("width", [375, 1280])
def test_knobs_are_finger_sized_apart_and_on_their_edges(guarded_folder_page: Any, folder: Path,
                                                         width: int) -> None:
    page = guarded_folder_page(folder, ready=READY, width=width)
    sizes = handle_sizes(page)
    assert len(sizes) == 12 + 4 and all(w >= 40 and h >= 40 for w, h in sizes), sizes
    boxes = {(j, k): knob(page, j, k).bounding_box() for j in range(3) for k in range(4)}
    for (a, p), (b, q) in combinations(boxes.items(), 2):
        apart = (p["x"] + p["width"] <= q["x"] + 0.5 or q["x"] + q["width"] <= p["x"] + 0.5
                 or p["y"] + p["height"] <= q["y"] + 0.5 or q["y"] + q["height"] <= p["y"] + 0.5)
        assert apart, f"knobs {a} and {b} overlap"
    svg = page.locator(".sl-explorer .sl-network svg").bounding_box()
    for (j, k), box in boxes.items():
        line = page.locator(f".sl-edge[data-output='{j}'][data-input='{k}']")
        x1, y1, x2, y2 = (float(line.get_attribute(a)) for a in ("x1", "y1", "x2", "y2"))
        cx, cy = box["x"] + box["width"] / 2 - svg["x"], box["y"] + box["height"] / 2 - svg["y"]
        cross = (y2 - y1) * cx - (x2 - x1) * cy + x2 * y1 - y2 * x1
        off = abs(cross) / math.hypot(x2 - x1, y2 - y1)  # distance from the knob to its line
        assert off < 1.5, f"knob {(j, k)} is {off:.1f}px off its edge"
        assert svg["x"] <= box["x"] and box["x"] + box["width"] <= svg["x"] + svg["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_vertical_swipe_off_the_knobs_scrolls_the_page(phone: Any) -> None:
    box = phone.locator(".sl-explorer .sl-network").bounding_box()
    phone.evaluate("window.scrollTo(0, 0)")
    scrolled = touch_swipe(phone, box["x"] + box["width"] - 12, box["y"] + 30, dy=-150)
    assert scrolled > 50, f"the page scrolled {scrolled}px"
    assert page_state(phone) == START


def test_only_knobs_and_pixels_keep_touch_gestures(phone: Any) -> None:
    keeping = phone.evaluate("""() => [...document.querySelectorAll('.sl-explorer *')]
        .filter(e => getComputedStyle(e).touchAction === 'none')
        .map(e => e.classList.contains('sl-knob') || e.classList.contains('sl-pixel'))""")
    assert keeping == [True] * 16


def test_focusing_a_knob_highlights_its_outputs_edges_row_of_w_and_logit(page: Any) -> None:
    knob(page, 2, 1).focus()

    def marked(selector: str) -> list[bool]:
        return page.locator(selector).evaluate_all(HIGHLIGHTED)

    assert marked(".sl-explorer .sl-edge[data-output='2']") == [True] * 4
    assert marked(".sl-explorer .sl-edge[data-output='0']") == [False] * 4
    assert marked(".sl-explorer .sl-knob[data-output='2']") == [True] * 4
    assert marked(".sl-explorer .sl-matrix tbody tr") == [False, False, True]
    assert marked(".sl-explorer [data-name='equation2']") == [True]
    rows = page.locator(".sl-explorer .sl-tables .sl-table").first.locator("tbody tr")
    assert rows.evaluate_all(HIGHLIGHTED) == [False, False, True]


def test_the_template_preset_sends_each_toy_prototype_to_its_class(page: Any) -> None:
    page.locator("[data-preset='templates']").click()
    for c, animal in enumerate(("cat", "chicken", "dog")):
        page.locator(f"[data-preset='{animal}']").click()
        assert page_readout(page)["predicted"] == c
        assert_shows_python_readout(page)


def test_changing_only_the_dogs_bias_meets_its_challenge(page: Any) -> None:
    challenge = page.locator("[data-challenge='bias_only']")
    typed(page, "b2", "0.05")
    assert challenge.get_attribute("data-met") == "false"
    typed(page, "b2", "0.2")
    assert page_readout(page)["predicted"] == 2
    assert challenge.get_attribute("data-met") == "true"
    typed(page, "b0", "0")  # now another bias changed too
    assert challenge.get_attribute("data-met") == "false"


def test_equal_rows_meet_their_challenge_and_say_only_the_biases_decide(page: Any) -> None:
    page.locator("[data-preset='zero']").click()
    assert page.locator("[data-challenge='equal_rows']").get_attribute("data-met") == "true"
    assert page.locator("[data-message='weights.note_equal_rows']").count() == 1
    knob(page, 0, 0).focus()
    page.keyboard.press("ArrowUp")
    assert page.locator("[data-message='weights.note_equal_rows']").count() == 0


def test_painting_a_chicken_meets_its_challenge(page: Any) -> None:
    page.locator(".sl-explorer [data-brush='0']").click()
    for k in (0, 2):
        page.locator(f".sl-explorer .sl-pixel[data-index='{k}']").click()
    page.locator(".sl-explorer [data-brush='1']").click()
    for k in (1, 3):
        page.locator(f".sl-explorer .sl-pixel[data-index='{k}']").click()
    assert page_readout(page)["predicted"] == 1
    assert page.locator("[data-challenge='chicken']").get_attribute("data-met") == "true"


def test_reset_restores_the_starting_state(page: Any) -> None:
    mouse_drag(page, knob(page, 0, 1), dy=45)
    typed(page, "b1", "1")
    page.locator(".sl-explorer .sl-pixel[data-index='0']").click()
    page.locator(".sl-explorer [data-brush='0.5']").click()
    assert page_state(page) != START
    control(page, "reset").click()
    assert page_state(page) == START
    assert control(page, "b1").input_value() == "-0.2"
    assert_shows_python_readout(page)


def test_a_link_restores_the_state_and_a_broken_link_is_ignored(page: Any) -> None:
    knob(page, 2, 2).focus()
    page.keyboard.press("PageUp")
    typed(page, "b1", "0.7")
    page.locator(".sl-explorer .sl-pixel[data-index='3']").click()
    state = page_state(page)
    control(page, "share").click()
    assert "#sl-weights=" in page.url
    page.reload()
    page.wait_for_selector(READY)
    assert page_state(page) == state
    assert_shows_python_readout(page)
    for broken in ("W:1,2", "W:" + ",".join(["3"] * 12), "b:0,0,5", "b:0,0", "x:0,0,0", "zz:1"):
        page.goto(page.url.split("#")[0] + "#sl-weights=" + broken)
        page.reload()
        page.wait_for_selector(READY)
        assert page_state(page) == START, broken


def test_the_page_needs_no_sideways_scrolling_on_a_phone(phone: Any) -> None:
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    cut = phone.locator(".sl-explorer .sl-table-wrap, .sl-explorer .sl-figure").evaluate_all(
        "es => es.filter(e => e.scrollWidth > e.clientWidth).map(e => e.className)")
    assert cut == []


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_no_accessibility_violations(guarded_folder_page: Any, folder: Path,
                                               dark: bool) -> None:
    page = guarded_folder_page(folder, ready=READY, dark=dark)
    assert axe_violations(page) == []


def test_every_string_comes_from_the_message_catalog(guarded_folder_page: Any,
                                                     tmp_path: Path) -> None:
    page = pseudo_language_page(guarded_folder_page, tmp_path, WeightsExplorer, START)
    assert visible_text_problems(page, allowed="0123456789.,-−+<>∞NaNe%()₀₁₂₃₄₅₆₇₈₉") == []


@pytest.mark.site
def test_the_chapter_explorer_answers_knobs_and_paint(guarded_page: Any, site_server: Any) -> None:
    page, log = guarded_page
    page.goto(site_server.url + "book/ch02_network_architecture.html")
    page.wait_for_selector(READY)
    lay_out_everything(page)
    assert page.locator(".sl-explorer-weights").count() == 1
    assert page_state(page) == START
    k = knob(page, 1, 1)
    k.scroll_into_view_if_needed()
    mouse_drag(page, k, dy=-PX_PER_WEIGHT)
    k.focus()
    page.keyboard.press("ArrowUp")
    assert page_state(page)["W"][5] == pytest.approx(0.8 + 1.1, abs=0.11)
    assert_shows_python_readout(page)
    assert log.outside == [] and log.console_errors == [] and log.page_errors == []
