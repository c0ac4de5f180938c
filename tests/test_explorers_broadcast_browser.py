"""The broadcasting explorer on a static page in Chromium, offline: what a reader sees and
touches. Choosing axis and keepdims in the code, the batch shape, and dragging cells of O by
mouse, touch (CDP) and keys give broadcast_readout's numbers (NumPy's, to 1e-9)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from softmax_lab.explorers import BroadcastExplorer, broadcast_explorer
from softmax_lab.explorers._format import format_number
from softmax_lab.explorers._wire import to_wire
from softmax_lab.explorers.broadcast import broadcast_readout

from ._explorers import (
    READY,
    axe_violations,
    handle_sizes,
    mismatch,
    mouse_drag,
    page_readout,
    page_state,
    pseudo_language_page,
    reload_from_link,
    states_from_broken_links,
    static_html,
    touch_drag,
    touch_swipe,
    touch_tap,
    visible_text_problems,
    write_page,
)

pytestmark = pytest.mark.browser

START = BroadcastExplorer.state_table.defaults()
PX_PER_UNIT = 20


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_page(tmp_path_factory.mktemp("broadcast"), [static_html(broadcast_explorer)])


@pytest.fixture
def page(guarded_folder_page: Any, folder: Path) -> Any:
    return guarded_folder_page(folder, ready=READY)


def control(page: Any, name: str) -> Any:
    return page.locator(f".sl-explorer [data-control='{name}']")


def cell(page: Any, name: str) -> Any:
    return page.locator(f".sl-explorer [data-name='{name}']")


def met(page: Any, challenge: str) -> bool:
    return page.locator(f"[data-challenge='{challenge}']").get_attribute("data-met") == "true"


def assert_shows_python_readout(page: Any) -> dict[str, Any]:
    """The page's readout is broadcast_readout of its state, and every cell shows it."""
    state = page_state(page)
    expected = broadcast_readout(state)
    assert mismatch(to_wire(expected), page_readout(page)) is None, (
        mismatch(to_wire(expected), page_readout(page)))
    shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '.sl-explorer .sl-matrix [data-name]')].map(e => [e.dataset.name, e.textContent]))""")
    n, q = state["rows"], state["cols"]
    for i in range(n):
        for j in range(q):
            k = i * q + j
            assert shown[f"o{k}"] == format_number(state["logits"][k])
            assert shown[f"e{k}"] == format_number(expected["e"][i, j], state["precise"])
            if expected["p"] is not None:
                assert shown[f"p{k}"] == format_number(expected["p"][i, j], state["precise"])
    for i, v in enumerate(expected["row_sums"] if expected["p"] is not None else []):
        assert shown[f"row_sum{i}"] == format_number(v, state["precise"])
    return state


def test_the_page_starts_on_the_wrong_axis_with_numpys_numbers(page: Any) -> None:
    state = assert_shows_python_readout(page)
    assert state == START and state["axis"] == 0
    assert page.locator("[data-message='broadcast.outcome_columns']").count() == 1
    assert cell(page, "comment1").inner_text() == "# shape (1, 4)"
    assert not met(page, "rows")


def test_choosing_axis_1_in_the_code_makes_every_row_sum_to_1(page: Any) -> None:
    control(page, "axis").select_option("1")
    assert_shows_python_readout(page)
    assert cell(page, "comment1").inner_text() == "# shape (3, 1)"
    assert cell(page, "comment2").inner_text() == "# (3, 4) / (3, 1) → (3, 4)"
    assert all("sl-sum-ok" in cell(page, f"row_sum{i}").get_attribute("class") for i in range(3))
    assert met(page, "rows")


def test_dropping_keepdims_shows_numpys_broadcasting_error(page: Any) -> None:
    control(page, "axis").select_option("1")
    control(page, "keepdims").select_option("false")
    assert_shows_python_readout(page)
    assert cell(page, "error").inner_text() == (
        "ValueError: operands could not be broadcast together with shapes (3,4) (3,)")
    assert cell(page, "comment2").inner_text() == "# (3, 4) / (3,) → ValueError"
    rules = page.locator(".sl-explorer .sl-align tbody tr").nth(2).locator("td")
    assert rules.nth(1).inner_text() == "4 ≠ 3: error"
    assert met(page, "error") and not met(page, "rows")


def test_a_square_batch_hides_the_bug_and_pointing_shows_the_wrong_sum(page: Any) -> None:
    control(page, "axis").select_option("1")
    control(page, "keepdims").select_option("false")
    control(page, "cols").select_option("3")
    state = assert_shows_python_readout(page)
    assert state["logits"] == [1.0, 2.0, 0.0, 0.5, 0.5, 3.0, -1.0, 0.0, 1.0]
    assert met(page, "silent")
    cell(page, "p1").hover()  # example 1, class 2: divided by the sum of row 2
    group = page.evaluate("""() => [...document.querySelectorAll('.sl-explorer .sl-hl-group')]
        .map(e => e.dataset.name)""")
    assert {"e3", "e4", "e5"} <= set(group) and "e0" not in group
    assert "sl-hl" in cell(page, "o1").get_attribute("class")


def test_a_single_example_hides_the_missing_keepdims(page: Any) -> None:
    control(page, "axis").select_option("1")
    control(page, "keepdims").select_option("false")
    control(page, "rows").select_option("1")
    assert_shows_python_readout(page)
    assert met(page, "lucky") and met(page, "rows")
    assert page.locator("[data-message='broadcast.note_lucky']").count() == 1


def test_dragging_a_cell_with_the_mouse_moves_its_logit(page: Any) -> None:
    mouse_drag(page, cell(page, "o5"), dy=-2 * PX_PER_UNIT)  # two units up
    state = assert_shows_python_readout(page)
    assert state["logits"][5] == pytest.approx(2.5, abs=0.11)
    assert state["logits"][:5] == START["logits"][:5]


def test_dragging_a_cell_with_a_finger_moves_its_logit(guarded_folder_page: Any,
                                                       folder: Path) -> None:
    page = guarded_folder_page(folder, ready=READY, touch=True)
    touch_drag(page, cell(page, "o0"), dy=3 * PX_PER_UNIT)  # three units down
    state = assert_shows_python_readout(page)
    assert state["logits"][0] == pytest.approx(-2.0, abs=0.11)


def test_a_tap_or_click_on_a_cell_moves_nothing(guarded_folder_page: Any, folder: Path) -> None:
    page = guarded_folder_page(folder, ready=READY, touch=True)
    touch_tap(page, cell(page, "o2"))
    cell(page, "o3").click()
    assert page_state(page) == START


def test_keys_on_a_cell_step_its_logit(page: Any) -> None:
    o = cell(page, "o11")
    assert o.get_attribute("role") == "slider"
    o.focus()
    for key in ["ArrowUp"] * 3 + ["PageDown"]:
        page.keyboard.press(key)
    assert page_state(page)["logits"][11] == 1.3  # 2 + 0.3 - 1
    assert o.get_attribute("aria-valuenow") == "1.3"
    assert o.get_attribute("aria-label") == "logit of example 3, class 4"
    page.keyboard.press("End")
    assert page_state(page)["logits"][11] == 5
    assert_shows_python_readout(page)


def test_a_swipe_off_the_cells_scrolls_the_page_on_a_phone(guarded_folder_page: Any,
                                                          folder: Path) -> None:
    phone = guarded_folder_page(folder, ready=READY, width=375, touch=True)
    box = cell(phone, "p5").bounding_box()
    phone.evaluate("window.scrollTo(0, 0)")
    scrolled = touch_swipe(phone, box["x"] + 10, box["y"] + 10, dy=-150)
    assert scrolled > 50, f"the page scrolled {scrolled}px"
    assert page_state(phone) == START
    sizes = handle_sizes(phone)
    assert len(sizes) == 12 and all(w >= 40 and h >= 40 for w, h in sizes), sizes


def test_the_largest_batch_needs_no_sideways_scrolling_on_a_phone(guarded_folder_page: Any,
                                                                  folder: Path) -> None:
    phone = guarded_folder_page(folder, ready=READY, width=375, dark=True)
    control(phone, "rows").select_option("4")
    control(phone, "cols").select_option("5")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert all(w >= 40 and h >= 40 for w, h in handle_sizes(phone))
    assert_shows_python_readout(phone)


def test_only_the_cells_of_o_keep_touch_gestures_for_themselves(page: Any) -> None:
    actions = page.evaluate("""() => [...document.querySelectorAll('.sl-explorer *')]
        .filter(e => getComputedStyle(e).touchAction === 'none')
        .map(e => e.dataset.name)""")
    assert sorted(actions) == sorted(f"o{k}" for k in range(12))


def test_reset_and_a_link_restore_states_and_a_broken_link_is_ignored(page: Any) -> None:
    control(page, "axis").select_option("1")
    control(page, "cols").select_option("5")
    cell(page, "o4").focus()
    page.keyboard.press("PageUp")
    control(page, "precise").check()
    state = page_state(page)
    assert reload_from_link(page, "broadcast") == state
    assert_shows_python_readout(page)
    control(page, "reset").click()
    assert page_state(page) == START
    broken = ["O:1,2", "n:5", "q:3", "a:2", "k:x", "O:1,2,3,4,5,6,7,8,9,10,11,99", "zz:1"]
    assert states_from_broken_links(page, "broadcast", broken) == [START] * len(broken)


def test_axe_finds_no_accessibility_violations(page: Any) -> None:
    assert axe_violations(page) == []
    control(page, "axis").select_option("1")
    control(page, "keepdims").select_option("false")
    assert axe_violations(page) == []


def test_every_string_comes_from_the_message_catalog(guarded_folder_page: Any,
                                                     tmp_path: Path) -> None:
    page = pseudo_language_page(guarded_folder_page, tmp_path, BroadcastExplorer,
                                {**START, "axis": 1, "keepdims": False})
    # Numbers and shapes are not words.
    assert visible_text_problems(page, allowed="0123456789.,-−+<>∞NaNe%()") == []
