"""The parameter-cost explorer on a static page in Chromium, offline: what a reader sees and
touches. Mouse, touch (CDP) and keys move n along the allowed values only; typing d or q moves n
to the nearest allowed value and says so; the page's readout is cost_readout's (to 1e-9)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from softmax_lab.explorers import CostExplorer, parameter_cost_explorer
from softmax_lab.explorers._format import format_number
from softmax_lab.explorers._wire import to_wire
from softmax_lab.explorers.cost import common_divisors, cost_readout, nearest_n

from ._explorers import (
    READY,
    axe_violations,
    center,
    handle_sizes,
    mismatch,
    page_readout,
    page_state,
    pseudo_language_page,
    reload_from_link,
    states_from_broken_links,
    static_html,
    touch_path,
    touch_swipe,
    touch_tap,
    visible_text_problems,
    write_page,
)

pytestmark = pytest.mark.browser

START = {"d": 784, "q": 10, "n": 2}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_page(tmp_path_factory.mktemp("cost"), [static_html(parameter_cost_explorer)])


@pytest.fixture
def page(guarded_folder_page: Any, folder: Path) -> Any:
    return guarded_folder_page(folder, ready=READY)


def control(page: Any, name: str) -> Any:
    return page.locator(f".sl-explorer [data-control='{name}']")


def handle(page: Any) -> Any:
    return control(page, "n-handle")


def point(page: Any, n: int) -> Any:
    return page.locator(f".sl-explorer .sl-cost-point[data-n='{n}']")


def type_value(page: Any, name: str, value: str) -> None:
    field = control(page, name + "-value")
    field.fill(value)
    field.press("Enter")


def assert_shows_python_readout(page: Any) -> dict[str, Any]:
    state = page_state(page)
    expected = cost_readout(state)
    assert mismatch(to_wire(expected), page_readout(page)) is None, (
        mismatch(to_wire(expected), page_readout(page)))
    shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '.sl-explorer [data-name][data-value]')].map(e => [e.dataset.name, e.textContent]))""")
    for key in ("dense", "phm", "ratio", "best", "best_n", "n_star"):
        assert shown[key] == format_number(expected[key]), key
    assert [int(v) for v in control(page, "n").locator("option").evaluate_all(
        "os => os.map(o => o.value)")] == expected["divisors"]
    return state


def test_the_page_shows_the_librarys_counts_and_offers_only_1_and_2(page: Any) -> None:
    state = assert_shows_python_readout(page)
    assert state == START == CostExplorer.state_table.defaults()
    allowed = page.locator(".sl-explorer [data-name='allowed']").inner_text()
    assert allowed.startswith("n can be 1, 2")


def test_typing_a_q_that_n_does_not_divide_moves_n_and_says_why(page: Any) -> None:
    page.locator("[data-preset='square']").click()  # 1024 -> 1024, n = 4
    type_value(page, "q", "10")
    state = assert_shows_python_readout(page)
    assert state == {"d": 1024, "q": 10, "n": 2} and nearest_n(1024, 10, 4) == 2
    note = page.locator(".sl-explorer [data-message='cost.snapped']").inner_text()
    assert note.startswith("n = 4 does not divide both d = 1024 and q = 10, so n moved to 2")
    type_value(page, "d", "783")  # gcd(783, 10) = 1
    assert page_state(page)["n"] == 1
    assert page.locator("[data-challenge='only_one']").get_attribute("data-met") == "true"
    type_value(page, "d", "780")  # n = 1 divides everything: nothing to say
    assert page.locator(".sl-explorer [data-message='cost.snapped']").inner_text() == ""
    assert_shows_python_readout(page)


def test_the_d_slider_moves_in_whole_numbers_and_keeps_n_allowed(page: Any) -> None:
    slider = control(page, "d")
    slider.focus()
    for _ in range(7):
        page.keyboard.press("ArrowLeft")
    state = assert_shows_python_readout(page)
    assert isinstance(state["d"], int) and state["d"] < 784
    assert state["d"] % state["n"] == 0 and state["n"] in common_divisors(state["d"], 10)


def test_keys_on_the_n_handle_step_through_the_allowed_values(page: Any) -> None:
    page.locator("[data-preset='square']").click()
    h = handle(page)
    assert h.get_attribute("role") == "slider"
    h.focus()
    page.keyboard.press("End")
    assert page_state(page)["n"] == 1024
    for key, n in (("ArrowLeft", 512), ("ArrowDown", 256), ("PageDown", 32), ("Home", 1),
                   ("ArrowRight", 2), ("PageUp", 16)):
        page.keyboard.press(key)
        assert page_state(page)["n"] == n, key
    assert h.get_attribute("aria-valuenow") == "16"
    assert h.get_attribute("aria-valuetext") == "n = 16: 70656 parameters"
    assert_shows_python_readout(page)


def test_dragging_the_ring_with_the_mouse_to_the_cheapest_n_meets_the_challenge(page: Any) -> None:
    page.locator("[data-preset='square']").click()
    challenge = page.locator("[data-challenge='cheapest']")
    assert challenge.get_attribute("data-met") == "false"
    (x0, y0), (x1, _) = center(handle(page)), center(point(page, 32))
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x1, y0 - 30, steps=8)  # only the sideways distance counts
    page.mouse.up()
    assert page_state(page)["n"] == 32 == cost_readout(page_state(page))["best_n"]
    assert challenge.get_attribute("data-met") == "true"
    assert_shows_python_readout(page)


def test_dragging_the_ring_with_a_finger_moves_n(guarded_folder_page: Any, folder: Path) -> None:
    page = guarded_folder_page(folder, ready=READY, touch=True)
    page.locator("[data-preset='digits']").click()  # 80 -> 10, n = 5
    (x0, y0), (x1, _) = center(handle(page)), center(point(page, 10))
    touch_path(page, [(x0 + (x1 - x0) * k / 8, y0) for k in range(9)])
    assert page_state(page)["n"] == 10
    assert page.locator("[data-challenge='costs_more']").get_attribute("data-met") == "true"
    assert page.locator(".sl-explorer [data-message='cost.phm_costs_more']").count() == 1
    assert_shows_python_readout(page)


def test_a_tap_on_the_ring_moves_nothing(guarded_folder_page: Any, folder: Path) -> None:
    page = guarded_folder_page(folder, ready=READY, touch=True)
    touch_tap(page, handle(page))
    handle(page).click()
    assert page_state(page) == START


def test_a_swipe_over_the_chart_scrolls_the_page(guarded_folder_page: Any, folder: Path) -> None:
    phone = guarded_folder_page(folder, ready=READY, width=375, touch=True)
    box = phone.locator(".sl-explorer .sl-chart").bounding_box()
    phone.evaluate("window.scrollTo(0, 0)")
    scrolled = touch_swipe(phone, box["x"] + box["width"] - 20, box["y"] + box["height"] - 40,
                           dy=-150)
    assert scrolled > 50, f"the page scrolled {scrolled}px"
    assert page_state(phone) == START
    assert handle_sizes(phone) == [(44, 44)]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


def test_picking_n_from_the_list_and_the_tenth_challenge(page: Any) -> None:
    page.locator("[data-preset='hidden']").click()
    control(page, "n").select_option("64")
    state = assert_shows_python_readout(page)
    assert state == {"d": 4096, "q": 4096, "n": 64}
    assert page.locator("[data-challenge='tenth']").get_attribute("data-met") == "true"


def test_pointing_at_a_term_highlights_its_part_of_the_bar(page: Any) -> None:
    page.locator(".sl-explorer [data-name='term_s']").hover()
    parts = page.locator(".sl-explorer .sl-cost-part")
    assert ["sl-hl" in (parts.nth(k).get_attribute("class") or "") for k in range(5)] == [
        False, False, False, True, False]


def test_reset_and_a_link_restore_states_and_a_broken_link_is_ignored(page: Any) -> None:
    page.locator("[data-preset='digits']").click()
    control(page, "n").select_option("10")
    state = page_state(page)
    assert reload_from_link(page, "cost") == state == {"d": 80, "q": 10, "n": 10}
    control(page, "reset").click()
    assert page_state(page) == START
    broken = ["n:4", "n:3;q:9", "d:0", "d:abc", "d:80.5", "zz:1"]
    assert states_from_broken_links(page, "cost", broken) == [START] * len(broken)


def test_axe_finds_no_accessibility_violations(page: Any) -> None:
    assert axe_violations(page) == []


def test_every_string_comes_from_the_message_catalog(guarded_folder_page: Any,
                                                     tmp_path: Path) -> None:
    page = pseudo_language_page(guarded_folder_page, tmp_path, CostExplorer, START)
    # Numbers (with the chart's powers of ten) and shapes are not words.
    assert visible_text_problems(page, allowed="0123456789.,-−+=<>∞NaNe%()·⁰¹²³⁴⁵⁶⁷⁸⁹") == []
