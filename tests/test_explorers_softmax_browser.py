"""The softmax explorer on a static page in Chromium, offline: what a reader sees and touches.

Mouse, touch (Chromium's real touch input through CDP) and keyboard change the state, and the
readout the page draws is softmax_lab's for that state (softmax_readout, to 1e-9). Every page
is guarded: a request off the loopback, a console error or a page error fails the test.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from scipy.optimize import brentq

from softmax_lab import softmax
from softmax_lab.explorers import SoftmaxExplorer, softmax_explorer
from softmax_lab.explorers._format import format_number
from softmax_lab.explorers._wire import to_wire
from softmax_lab.explorers.softmax import softmax_readout

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

pytestmark = pytest.mark.browser

PX_PER_LOGIT = (240 - 2 * 22) / 20  # the logit chart: 240 px high, 22 px padding, 20 units


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_page(tmp_path_factory.mktemp("softmax"), [static_html(softmax_explorer)])


@pytest.fixture(scope="module")
def soft_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    html = static_html(softmax_explorer, logits=(2.0, 1.0, 0.1), target=(0.1, 0.2, 0.7))
    return write_page(tmp_path_factory.mktemp("softmax_soft"), [html])


@pytest.fixture
def page(guarded_folder_page: Any, folder: Path) -> Any:
    return guarded_folder_page(folder, ready=READY)


@pytest.fixture
def phone(guarded_folder_page: Any, folder: Path) -> Any:
    return guarded_folder_page(folder, ready=READY, width=375, touch=True)


def handle(page: Any, j: int) -> Any:
    return page.locator(f".sl-explorer .sl-handle[data-index='{j}']")


def control(page: Any, name: str) -> Any:
    return page.locator(f".sl-explorer [data-control='{name}']")


def assert_shows_python_readout(page: Any) -> dict[str, Any]:
    """The page's readout equals softmax_readout of the page's state, and the table shows it."""
    state = page_state(page)
    expected = to_wire(softmax_readout(state))
    assert mismatch(expected, page_readout(page)) is None, mismatch(expected, page_readout(page))
    shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '.sl-explorer [data-name][data-value]')]
        .map(e => [e.dataset.name, [e.dataset.value, e.textContent]]))""")
    for j in range(len(state["logits"])):
        for key in ("o", "p", "y", "grad"):
            value = softmax_readout(state)[key][j]
            assert shown[f"{key}{j}"][1] == format_number(value, state["precise"]), (key, j)
    assert shown["loss"][1] == format_number(softmax_readout(state)["loss"], state["precise"])
    return state


def test_the_page_shows_softmax_lab_numbers_at_the_start(page: Any) -> None:
    state = assert_shows_python_readout(page)
    assert state == {**SoftmaxExplorer.state_table.defaults()}
    assert page.locator(".sl-explorer .sl-fallback").count() == 0


def test_dragging_a_handle_with_the_mouse_moves_its_logit_by_the_distance(page: Any) -> None:
    mouse_drag(page, handle(page, 1), dy=-5 * PX_PER_LOGIT)  # 5 logit units up
    state = assert_shows_python_readout(page)
    assert state["logits"][1] == pytest.approx(6.0, abs=0.11)
    assert state["logits"][0] == 2.0 and state["logits"][2] == 0.1


def test_dragging_a_handle_with_a_finger_moves_its_logit(guarded_folder_page: Any,
                                                         folder: Path) -> None:
    page = guarded_folder_page(folder, ready=READY, touch=True)
    touch_drag(page, handle(page, 2), dy=3 * PX_PER_LOGIT)  # 3 units down
    state = assert_shows_python_readout(page)
    assert state["logits"][2] == pytest.approx(-2.9, abs=0.11)


def test_a_tap_or_click_on_a_handle_moves_nothing(guarded_folder_page: Any, folder: Path) -> None:
    page = guarded_folder_page(folder, ready=READY, touch=True)
    touch_tap(page, handle(page, 0))
    handle(page, 1).click()
    assert page_state(page)["logits"] == [2.0, 1.0, 0.1]


def test_keys_on_a_handle_step_its_logit(page: Any) -> None:
    h = handle(page, 2)
    assert h.get_attribute("role") == "slider"
    h.focus()
    for key in ["ArrowUp"] * 5 + ["PageUp", "ArrowDown"]:
        page.keyboard.press(key)
    state = assert_shows_python_readout(page)
    assert state["logits"][2] == 1.5  # 0.1 + 0.5 + 1.0 - 0.1
    assert h.get_attribute("aria-valuenow") == "1.5"
    page.keyboard.press("End")
    assert page_state(page)["logits"][2] == 10
    assert page_readout(page)["predicted"] == 2


def test_a_vertical_swipe_off_the_handles_scrolls_the_page_and_changes_nothing(phone: Any) -> None:
    chart = phone.locator(".sl-explorer .sl-chart").nth(1)  # the probability panel
    box = chart.bounding_box()
    phone.evaluate("window.scrollTo(0, 0)")
    scrolled = touch_swipe(phone, box["x"] + 30, box["y"] + box["height"] / 2, dy=-150)
    assert scrolled > 50, f"the page scrolled {scrolled}px"
    assert page_state(phone)["logits"] == [2.0, 1.0, 0.1]


def test_handles_are_finger_sized(phone: Any) -> None:
    sizes = handle_sizes(phone)
    assert len(sizes) == 3 and all(w >= 40 and h >= 40 for w, h in sizes), sizes


def test_only_handles_keep_touch_gestures_for_themselves(page: Any) -> None:
    actions = page.evaluate("""() => [...document.querySelectorAll(
        '.sl-explorer, .sl-explorer .sl-figure, .sl-explorer .sl-chart, .sl-explorer svg,'
        + ' .sl-explorer .sl-handle')].map(e => [e.className.baseVal ?? e.className,
                                                  getComputedStyle(e).touchAction])""")
    for name, action in actions:
        assert action == ("none" if "sl-handle" in name else "auto"), (name, action)


def test_a_handle_says_its_logit_and_probability(page: Any) -> None:
    assert handle(page, 0).get_attribute("aria-valuetext") == "2, probability 0.659"


def test_the_page_needs_no_sideways_scrolling_on_a_phone(phone: Any) -> None:
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    control(phone, "classes").select_option("10")  # the figure scrolls inside its own box
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert phone.locator(".sl-explorer .sl-figure + .sl-help").is_visible()
    assert min(w for w, h in handle_sizes(phone)) >= 40


def test_reset_restores_the_starting_state(page: Any) -> None:
    mouse_drag(page, handle(page, 0), dy=40)
    control(page, "temperature-value").fill("0.5")
    control(page, "temperature-value").press("Enter")
    control(page, "implementation").select_option("naive")
    assert page_state(page) != SoftmaxExplorer.state_table.defaults()
    control(page, "reset").click()
    assert page_state(page) == SoftmaxExplorer.state_table.defaults()
    assert_shows_python_readout(page)


def test_a_link_restores_the_state_and_a_broken_link_is_ignored(page: Any) -> None:
    handle(page, 1).focus()
    page.keyboard.press("PageUp")
    control(page, "target").select_option("2")
    control(page, "temperature-value").fill("0.25")
    control(page, "temperature-value").press("Enter")
    control(page, "classes").select_option("4")
    state = page_state(page)
    control(page, "share").click()
    assert "#sl-softmax=" in page.url
    page.reload()
    page.wait_for_selector(READY)
    assert page_state(page) == state
    assert_shows_python_readout(page)
    for broken in ("o:abc", "o:1,2", "T:0", "c:7", "zz:1", "i:yours", "o:1,2,3;c:3"):
        page.goto(page.url.split("#")[0] + "#sl-softmax=" + broken)
        page.reload()
        page.wait_for_selector(READY)
        assert page_state(page) == SoftmaxExplorer.state_table.defaults(), broken


def test_a_typed_temperature_reaches_exactly_half_and_meets_the_challenge(page: Any) -> None:
    challenge = page.locator("[data-challenge='half']")
    assert challenge.get_attribute("data-met") == "false"
    t = brentq(lambda t: float(softmax([2.0, 1.0, 0.1], temperature=t)[0]) - 0.5, 0.5, 5)
    control(page, "temperature-value").fill(f"{t:.6f}")
    control(page, "temperature-value").press("Enter")
    assert abs(page_readout(page)["p"][0] - 0.5) < 1e-5
    assert challenge.get_attribute("data-met") == "true"
    assert_shows_python_readout(page)


def test_making_class_3_win_meets_its_challenge(page: Any) -> None:
    challenge = page.locator("[data-challenge='class3']")
    handle(page, 2).focus()
    page.keyboard.press("PageUp")
    assert challenge.get_attribute("data-met") == "false"
    page.keyboard.press("End")
    assert challenge.get_attribute("data-met") == "true"


def test_the_shift_moves_bars_and_table_and_the_naive_form_marks_nan(page: Any) -> None:
    control(page, "shift-value").fill("1000")
    control(page, "shift-value").press("Enter")
    chart = page.locator(".sl-explorer .sl-chart").first
    ticks = chart.locator(".sl-axis text").all_text_contents()
    assert "1000" in ticks and "1010" in ticks
    assert page.locator("[data-name='o0']").inner_text() == "1002"
    assert page.locator("[data-message='softmax.note_stable_exact']").count() == 1
    control(page, "implementation").select_option("naive")
    state = assert_shows_python_readout(page)
    assert state["implementation"] == "naive"
    marks = page.locator(".sl-explorer .sl-chart").nth(1).locator(".sl-mark").all_text_contents()
    assert "NaN" in marks
    assert page.locator("[data-message='softmax.warn_overflow']").count() == 1
    assert page.locator("[data-challenge='overflow']").get_attribute("data-met") == "true"


def test_presets_set_their_state(page: Any) -> None:
    page.locator("[data-preset='cold']").click()
    assert page_state(page)["temperature"] == 0.01
    assert page.locator("[data-name='p1']").inner_text() == "< 0.0001"
    page.locator("[data-preset='hot']").click()
    assert page_state(page)["temperature"] == 100
    page.locator("[data-preset='overflow']").click()
    assert page_state(page)["shift"] == 1000
    assert_shows_python_readout(page)


def test_full_precision_shows_tiny_numbers(page: Any) -> None:
    page.locator("[data-preset='cold']").click()
    control(page, "precise").check()
    assert page.locator("[data-name='p1']").inner_text() == format_number(
        softmax_readout(page_state(page))["p"][1], precise=True)


def test_a_soft_label_survives_changing_q_and_back(guarded_folder_page: Any,
                                                   soft_folder: Path) -> None:
    page = guarded_folder_page(soft_folder, ready=READY)
    assert control(page, "target").input_value() == "soft"
    control(page, "classes").select_option("10")
    assert control(page, "target").input_value() == "soft"
    assert page_readout(page)["y"][:4] == [0.1, 0.2, 0.7, 0.0]
    control(page, "classes").select_option("3")
    assert control(page, "target").input_value() == "soft"
    assert page_readout(page)["y"] == [0.1, 0.2, 0.7]
    assert_shows_python_readout(page)


def test_zero_gradient_challenge_is_met_at_log_y(guarded_folder_page: Any,
                                                 soft_folder: Path) -> None:
    page = guarded_folder_page(soft_folder, ready=READY)
    goal = [round(math.log(v), 1) for v in (0.1, 0.2, 0.7)]  # -2.3, -1.6, -0.4
    for j, v in enumerate(goal):
        handle(page, j).focus()
        steps = round((v - page_state(page)["logits"][j]) * 10)
        for _ in range(abs(steps)):
            page.keyboard.press("ArrowUp" if steps > 0 else "ArrowDown")
    assert page_state(page)["logits"] == goal
    assert page.locator("[data-challenge='zero_gradient']").get_attribute("data-met") == "true"


def test_pointing_at_a_row_highlights_its_bar_and_focusing_a_handle_its_row(page: Any) -> None:
    page.locator(".sl-explorer tbody tr[data-index='1']").hover()
    column = page.locator(".sl-explorer .sl-col[data-index='1']").first
    assert "sl-hl" in column.get_attribute("class")
    page.mouse.move(0, 0)  # the pointer, while over a class, wins over the focus
    handle(page, 2).focus()
    assert "sl-hl" in page.locator(".sl-explorer tbody tr[data-index='2']").get_attribute("class")


def test_more_classes_add_handles_bars_and_rows(page: Any) -> None:
    control(page, "classes").select_option("6")
    assert page.locator(".sl-explorer [role=slider]").count() == 6
    assert page.locator(".sl-explorer tbody tr").count() == 6
    handle(page, 5).focus()
    page.keyboard.press("PageUp")
    assert page_state(page)["logits"] == [2.0, 1.0, 0.1, 0, 0, 1.0]
    assert_shows_python_readout(page)


def test_a_bad_typed_value_is_refused_with_a_message(page: Any) -> None:
    field = control(page, "temperature-value")
    field.fill("500")
    field.press("Enter")
    assert field.get_attribute("aria-invalid") is not None
    assert page_state(page)["temperature"] == 1.0
    assert "100" in page.locator(".sl-explorer .sl-control-error").first.inner_text()


def test_axe_finds_no_accessibility_violations(page: Any) -> None:
    assert axe_violations(page) == []


def test_every_string_comes_from_the_message_catalog(guarded_folder_page: Any,
                                                     tmp_path: Path) -> None:
    page = pseudo_language_page(guarded_folder_page, tmp_path, SoftmaxExplorer,
                                SoftmaxExplorer.state_table.defaults())
    # Numbers, class numbers and the marks for NaN/∞ are not words.
    assert visible_text_problems(page, allowed="0123456789.,-−+<>∞NaNe%") == []
