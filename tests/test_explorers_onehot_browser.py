"""The one-hot explorer on a static page in Chromium, offline: what a reader sees and touches.

A click, a tap or a key paints a pixel; a drag paints every pixel it crosses; and the readout the
page draws is softmax_lab's for the page's state (onehot_readout, to 1e-9). Every page is
guarded: a request off the loopback, a console error or a page error fails the test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from softmax_lab.explorers import OneHotExplorer, onehot_explorer
from softmax_lab.explorers._format import format_number
from softmax_lab.explorers._wire import to_wire
from softmax_lab.explorers.onehot import onehot_readout

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
from ._pages import lay_out_everything

pytestmark = pytest.mark.browser

START = OneHotExplorer.state_table.defaults()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_page(tmp_path_factory.mktemp("onehot"), [static_html(onehot_explorer)])


@pytest.fixture
def page(guarded_folder_page: Any, folder: Path) -> Any:
    return guarded_folder_page(folder, ready=READY)


@pytest.fixture
def phone(guarded_folder_page: Any, folder: Path) -> Any:
    return guarded_folder_page(folder, ready=READY, width=375, touch=True)


def pixel(page: Any, k: int) -> Any:
    return page.locator(f".sl-explorer .sl-pixel[data-index='{k}']")


def control(page: Any, name: str) -> Any:
    return page.locator(f".sl-explorer [data-control='{name}']")


def brush(page: Any, ink: str) -> None:
    page.locator(f".sl-explorer [data-brush='{ink}']").click()


def assert_shows_python_readout(page: Any) -> dict[str, Any]:
    """The page's readout is onehot_readout of the page's state, and its numbers show it."""
    state = page_state(page)
    expected = onehot_readout(state)
    assert mismatch(to_wire(expected), page_readout(page)) is None
    shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '.sl-explorer [data-name][data-value]')].map(e => [e.dataset.name, e.textContent]))""")
    for k in range(4):
        assert shown[f"x{k}"] == format_number(expected["x"][k])
    for j in range(3):
        assert shown[f"onehot{j}"] == format_number(expected["onehot"][j])
        assert shown[f"onehot_distance{j}"] == format_number(expected["onehot_distance"][j])
        assert shown[f"integer_distance{j}"] == format_number(expected["integer_distance"][j])
    assert shown["code"] == str(state["label"])
    return state


def test_the_page_shows_softmax_lab_numbers_at_the_start(page: Any) -> None:
    assert assert_shows_python_readout(page) == START
    assert page.locator(".sl-explorer .sl-fallback").count() == 0


def test_a_click_paints_a_pixel_with_the_brush_and_darker_means_larger(page: Any) -> None:
    pixel(page, 2).click()
    assert page_state(page)["pixels"] == [0.9, 0.7, 1.0, 0.0]
    assert_shows_python_readout(page)
    colors = [pixel(page, k).evaluate("e => getComputedStyle(e).backgroundColor") for k in (2, 3)]
    assert colors == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]  # 1 is black, 0 is white


def test_a_mouse_drag_paints_every_pixel_it_crosses(page: Any) -> None:
    brush(page, "0")
    x0, y0 = center(pixel(page, 0))
    x1, y1 = center(pixel(page, 1))
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x1, y1, steps=6)
    page.mouse.up()
    page.mouse.move(*center(pixel(page, 3)))  # moving after the release paints nothing
    assert page_state(page)["pixels"] == [0.0, 0.0, 0.2, 0.0]
    assert_shows_python_readout(page)


def test_a_tap_paints_one_pixel_and_a_finger_drag_paints_a_path(guarded_folder_page: Any,
                                                                 folder: Path) -> None:
    page = guarded_folder_page(folder, ready=READY, touch=True)
    touch_tap(page, pixel(page, 3))
    assert page_state(page)["pixels"] == [0.9, 0.7, 0.2, 1.0]
    brush(page, "0.5")
    touch_path(page, [center(pixel(page, k)) for k in (0, 1, 3)])
    assert page_state(page)["pixels"] == [0.5, 0.5, 0.2, 0.5]
    assert_shows_python_readout(page)


def test_keys_on_a_pixel_step_its_value_and_enter_paints_it(page: Any) -> None:
    p = pixel(page, 1)
    assert p.get_attribute("role") == "slider"
    p.focus()
    for key in ("ArrowUp", "ArrowUp"):
        page.keyboard.press(key)
    assert page_state(page)["pixels"][1] == 0.8
    assert p.get_attribute("aria-valuenow") == "0.8"
    page.keyboard.press("PageDown")
    assert page_state(page)["pixels"][1] == 0.3
    page.keyboard.press("End")
    assert page_state(page)["pixels"][1] == 1
    page.keyboard.press("Home")
    assert page_state(page)["pixels"][1] == 0
    control(page, "brush-value").fill("0.35")
    control(page, "brush-value").press("Enter")
    p.focus()
    page.keyboard.press("Enter")
    assert page_state(page)["pixels"][1] == 0.35
    assert_shows_python_readout(page)


def test_a_vertical_swipe_off_the_pixels_scrolls_the_page_and_paints_nothing(phone: Any) -> None:
    box = phone.locator(".sl-explorer .sl-codes").bounding_box()
    phone.evaluate("window.scrollTo(0, 0)")
    scrolled = touch_swipe(phone, box["x"] + 20, box["y"] + box["height"] / 2, dy=-150)
    assert scrolled > 50, f"the page scrolled {scrolled}px"
    assert page_state(phone) == START


def test_pixels_are_finger_sized_and_alone_keep_touch_gestures(phone: Any) -> None:
    sizes = handle_sizes(phone)
    assert len(sizes) == 4 and all(w >= 40 and h >= 40 for w, h in sizes), sizes
    keeping = phone.evaluate("""() => [...document.querySelectorAll('.sl-explorer *')]
        .filter(e => getComputedStyle(e).touchAction === 'none')
        .map(e => e.classList.contains('sl-pixel'))""")
    assert keeping == [True] * 4


def test_picking_a_label_shows_its_integer_and_one_hot_codes(page: Any) -> None:
    page.locator(".sl-explorer [data-label='2']").click()
    state = assert_shows_python_readout(page)
    assert state["label"] == 2
    assert page.locator(".sl-explorer [data-label='2']").get_attribute("aria-pressed") == "true"
    assert page.locator(".sl-explorer [data-name='code']").inner_text() == "2"
    assert page.locator(".sl-explorer .sl-codes .sl-vector").inner_text() == "(0, 0, 1)"
    assert page.locator(".sl-explorer tr.sl-chosen").get_attribute("data-index") == "2"


def test_reset_restores_the_starting_state(page: Any) -> None:
    pixel(page, 0).click()
    brush(page, "0.5")
    page.locator(".sl-explorer [data-label='1']").click()
    assert page_state(page) != START
    control(page, "reset").click()
    assert page_state(page) == START
    assert_shows_python_readout(page)


def test_a_link_restores_the_state_and_a_broken_link_is_ignored(page: Any) -> None:
    brush(page, "0")
    pixel(page, 0).click()
    page.locator(".sl-explorer [data-label='1']").click()
    state = page_state(page)
    control(page, "share").click()
    assert "#sl-onehot=" in page.url
    page.reload()
    page.wait_for_selector(READY)
    assert page_state(page) == state
    assert_shows_python_readout(page)
    for broken in ("x:2,0,0,0", "x:1,1", "x:a,b,c,d", "c:3", "c:1.5", "k:-1", "zz:1"):
        page.goto(page.url.split("#")[0] + "#sl-onehot=" + broken)
        page.reload()
        page.wait_for_selector(READY)
        assert page_state(page) == START, broken


def test_painting_the_antidiagonal_meets_its_challenge(page: Any) -> None:
    challenge = page.locator("[data-challenge='antidiagonal']")
    brush(page, "0")
    for k in (0, 3):
        pixel(page, k).click()
    assert challenge.get_attribute("data-met") == "false"
    brush(page, "1")
    for k in (1, 2):
        pixel(page, k).click()
    assert challenge.get_attribute("data-met") == "true"
    assert page_readout(page)["x"] == [0, 1, 1, 0]


def test_a_chicken_needs_its_image_and_the_label_with_one_hot_code_010(page: Any) -> None:
    challenge = page.locator("[data-challenge='chicken']")
    page.locator("[data-preset='chicken']").click()
    assert page_state(page)["pixels"] == [0.1, 0.9, 0.1, 0.9]
    assert challenge.get_attribute("data-met") == "false"
    page.locator(".sl-explorer [data-label='1']").click()
    assert challenge.get_attribute("data-met") == "true"


def test_typing_the_ink_reaches_exactly_mid_gray(page: Any) -> None:
    field = control(page, "brush-value")
    field.fill("0.5")
    field.press("Enter")
    for k in range(4):
        pixel(page, k).click()
    assert page.locator("[data-challenge='gray']").get_attribute("data-met") == "true"
    field.fill("1.5")
    field.press("Enter")
    assert field.get_attribute("aria-invalid") is not None and page_state(page)["brush"] == 0.5


def test_pointing_at_a_pixel_marks_its_feature_and_focusing_a_label_its_codes(page: Any) -> None:
    pixel(page, 2).hover()
    assert "sl-hl" in page.locator(".sl-explorer [data-name='x2']").get_attribute("class")
    page.mouse.move(0, 0)
    page.locator(".sl-explorer [data-label='1']").focus()
    assert "sl-hl" in page.locator(".sl-explorer tbody tr[data-index='1']").get_attribute("class")
    assert "sl-hl" in page.locator(".sl-explorer [data-name='onehot1']").get_attribute("class")


def test_the_page_needs_no_sideways_scrolling_on_a_phone(phone: Any) -> None:
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    table = phone.locator(".sl-explorer .sl-table-wrap")
    assert table.evaluate("e => e.scrollWidth <= e.clientWidth"), "the codes table is cut off"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_no_accessibility_violations(guarded_folder_page: Any, folder: Path,
                                               dark: bool) -> None:
    page = guarded_folder_page(folder, ready=READY, dark=dark)
    assert axe_violations(page) == []


def test_every_string_comes_from_the_message_catalog(guarded_folder_page: Any,
                                                     tmp_path: Path) -> None:
    page = pseudo_language_page(guarded_folder_page, tmp_path, OneHotExplorer, START)
    assert visible_text_problems(page, allowed="0123456789.,-−+<>∞NaNe%(),₀₁₂₃₄₅₆₇₈₉") == []


@pytest.mark.site
def test_the_chapter_explorer_paints_and_labels(guarded_page: Any, site_server: Any) -> None:
    page, log = guarded_page
    page.goto(site_server.url + "book/ch01_classification.html")
    page.wait_for_selector(READY)
    lay_out_everything(page)
    assert page.locator(".sl-explorer-onehot").count() == 1
    assert page_state(page) == START
    pixel(page, 3).scroll_into_view_if_needed()
    pixel(page, 3).click()
    page.locator(".sl-explorer [data-label='2']").click()
    assert page_state(page)["pixels"][3] == 1 and page_state(page)["label"] == 2
    assert_shows_python_readout(page)
    assert log.outside == [] and log.console_errors == [] and log.page_errors == []
