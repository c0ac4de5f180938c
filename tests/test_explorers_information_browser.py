"""The information explorer on a static page in Chromium, offline: what a reader sees and touches.

Mouse, touch (Chromium's real touch input through CDP), keys and typed weights change P and Q,
and the readout the page draws is softmax_lab's for that state (information_readout, to 1e-9).
Dragging a bar sets it and the other bars of its distribution share the rest in proportion to
their sizes (equally when they are all 0): ``moved`` below states that rule. Every page is
guarded: a request off the loopback, a console error or a page error fails the test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from softmax_lab.explorers import InformationExplorer, information_explorer
from softmax_lab.explorers._format import format_number
from softmax_lab.explorers._wire import to_wire
from softmax_lab.explorers.information import information_readout

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

PX_PER_UNIT = 170 - 22 - 22 - 18  # a chart: 170 px high, 22 px padding, 18 px of labels
START = InformationExplorer.state_table.defaults()


def moved(dist: list[float], j: int, v: float) -> list[float]:
    """Entry j set to v; the others share 1 - v in proportion to their sizes."""
    others = sum(x for k, x in enumerate(dist) if k != j)
    share = [(x * (1 - v) / others if others > 0 else (1 - v) / (len(dist) - 1)) for x in dist]
    return [v if k == j else share[k] for k in range(len(dist))]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_page(tmp_path_factory.mktemp("information"), [static_html(information_explorer)])


@pytest.fixture
def page(guarded_folder_page: Any, folder: Path) -> Any:
    return guarded_folder_page(folder, ready=READY)


@pytest.fixture
def phone(guarded_folder_page: Any, folder: Path) -> Any:
    return guarded_folder_page(folder, ready=READY, width=375, touch=True)


def handle(page: Any, which: str, j: int) -> Any:
    chart = page.locator(".sl-explorer .sl-chart").nth(0 if which == "p" else 1)
    return chart.locator(f".sl-handle[data-index='{j}']")


def control(page: Any, name: str) -> Any:
    return page.locator(f".sl-explorer [data-control='{name}']")


def challenge_met(page: Any, name: str) -> bool:
    return page.locator(f"[data-challenge='{name}']").get_attribute("data-met") == "true"


def assert_shows_python_readout(page: Any) -> dict[str, Any]:
    """The page's readout equals information_readout of the page's state, and shows it."""
    state = page_state(page)
    expected = information_readout(state)
    assert mismatch(to_wire(expected), page_readout(page)) is None, mismatch(
        to_wire(expected), page_readout(page))
    shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '.sl-explorer [data-name][data-value]')].map(e => [e.dataset.name, e.textContent]))""")
    for j in range(len(state["p"])):
        for key, name in (("p", "p"), ("q", "q"), ("sp", "surprisal_p"), ("sq", "surprisal_q")):
            assert shown[f"{key}{j}"] == format_number(expected[name][j], state["precise"]), key
    for name in ("entropy", "cross_entropy", "kl", "kl_reverse"):
        assert shown[name] == format_number(expected[name], state["precise"]), name
    return state


def test_the_page_shows_softmax_lab_numbers_at_the_start(page: Any) -> None:
    assert assert_shows_python_readout(page) == START
    assert page.locator(".sl-explorer .sl-fallback").count() == 0


def test_dragging_a_p_bar_sets_it_and_the_others_keep_their_ratios(page: Any) -> None:
    mouse_drag(page, handle(page, "p", 1), dy=-0.25 * PX_PER_UNIT)  # 0.25 -> about 0.5
    state = assert_shows_python_readout(page)
    v = state["p"][1]
    assert v == pytest.approx(0.5, abs=0.011) and round(v, 2) == v
    assert state["p"] == pytest.approx(moved(START["p"], 1, v), abs=1e-12)
    assert state["p"][0] / state["p"][2] == pytest.approx(4)  # 1/2 : 1/8 as before
    assert state["q"] == START["q"]


def test_dragging_a_q_bar_with_a_finger_moves_it(guarded_folder_page: Any, folder: Path) -> None:
    page = guarded_folder_page(folder, ready=READY, touch=True)
    touch_drag(page, handle(page, "q", 0), dy=-0.25 * PX_PER_UNIT)  # 0.25 -> about 0.5
    state = assert_shows_python_readout(page)
    assert state["q"][0] == pytest.approx(0.5, abs=0.011)
    assert state["q"] == pytest.approx(moved(START["q"], 0, state["q"][0]), abs=1e-12)


def test_a_tap_or_click_on_a_handle_moves_nothing(guarded_folder_page: Any, folder: Path) -> None:
    page = guarded_folder_page(folder, ready=READY, touch=True)
    touch_tap(page, handle(page, "p", 0))
    handle(page, "q", 2).click()
    assert page_state(page) == START


def test_keys_on_a_handle_step_its_probability(page: Any) -> None:
    h = handle(page, "q", 3)
    assert h.get_attribute("role") == "slider"
    h.focus()
    for key in ["ArrowUp"] * 5 + ["PageUp", "ArrowDown"]:
        page.keyboard.press(key)
    state = assert_shows_python_readout(page)
    assert state["q"][3] == 0.39  # 0.25 + 0.05 + 0.1 - 0.01
    assert state["q"][:3] == pytest.approx([0.61 / 3] * 3, abs=1e-12)
    assert h.get_attribute("aria-valuenow") == "0.39"
    assert h.get_attribute("aria-valuetext").startswith("0.39, surprisal ")
    page.keyboard.press("End")
    assert page_state(page)["q"] == [0, 0, 0, 1]
    page.keyboard.press("ArrowDown")  # the others were all 0: they share the 0.01 equally
    assert page_state(page)["q"] == pytest.approx([0.01 / 3] * 3 + [0.99], abs=1e-15)
    assert_shows_python_readout(page)


def test_sending_every_p_bar_to_zero_leaves_no_stale_numbers(page: Any) -> None:
    for j in range(4):  # the old explorer kept stale numbers once every P weight was 0
        handle(page, "p", j).focus()
        page.keyboard.press("Home")
        state = assert_shows_python_readout(page)
        assert state["p"][j] == 0 and sum(state["p"]) == pytest.approx(1, abs=1e-12)
    # Outcome 4 held everything; sent to 0, it gives the others equal shares.
    assert page_state(page)["p"] == pytest.approx([1 / 3, 1 / 3, 1 / 3, 0], abs=1e-15)
    assert page.locator("[data-name='sp3']").inner_text() == "∞"
    assert "sl-nonfinite" in page.locator("[data-name='sp3']").get_attribute("class")


def test_a_vertical_swipe_off_the_handles_scrolls_the_page_and_changes_nothing(phone: Any) -> None:
    chart = phone.locator(".sl-explorer .sl-chart").nth(1)
    box = chart.bounding_box()
    phone.evaluate("window.scrollTo(0, 0)")
    scrolled = touch_swipe(phone, box["x"] + 20, box["y"] + box["height"] / 2, dy=-150)
    assert scrolled > 50, f"the page scrolled {scrolled}px"
    assert page_state(phone) == START


def test_handles_are_finger_sized_and_only_they_keep_touch_gestures(phone: Any) -> None:
    sizes = handle_sizes(phone)
    assert len(sizes) == 8 and all(w >= 40 and h >= 40 for w, h in sizes), sizes
    actions = phone.evaluate("""() => [...document.querySelectorAll(
        '.sl-explorer, .sl-explorer .sl-figure, .sl-explorer .sl-chart, .sl-explorer svg,'
        + ' .sl-explorer .sl-handle')].map(e => [e.className.baseVal ?? e.className,
                                                  getComputedStyle(e).touchAction])""")
    for name, action in actions:
        assert action == ("none" if "sl-handle" in name else "auto"), (name, action)


def test_eight_outcomes_fit_a_phone_without_sideways_page_scrolling(phone: Any) -> None:
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    control(phone, "outcomes").select_option("8")
    state = assert_shows_python_readout(phone)
    assert state["p"] == [*START["p"], 0, 0, 0, 0] and state["q"] == [*START["q"], 0, 0, 0, 0]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert phone.locator(".sl-explorer .sl-figure + .sl-help").is_visible()  # scroll hint
    assert min(w for w, h in handle_sizes(phone)) >= 40


def test_reset_restores_the_starting_state(page: Any) -> None:
    mouse_drag(page, handle(page, "p", 0), dy=30)
    control(page, "unit").select_option("bits")
    page.locator("[data-preset='q_misses']").click()
    assert page_state(page) != START
    control(page, "reset").click()
    assert page_state(page) == START
    assert_shows_python_readout(page)


def test_a_link_restores_the_state_and_a_broken_link_is_ignored(page: Any) -> None:
    handle(page, "p", 2).focus()
    page.keyboard.press("PageUp")
    control(page, "outcomes").select_option("3")
    control(page, "unit").select_option("bits")
    state = page_state(page)
    control(page, "share").click()
    assert "#sl-information=" in page.url
    page.reload()
    page.wait_for_selector(READY)
    assert page_state(page) == state
    assert_shows_python_readout(page)
    for broken in ("p:abc", "p:0.5,0.6", "p:0,0", "p:0.5,0.5", "q:1", "u:bytes", "zz:1"):
        page.goto(page.url.split("#")[0] + "#sl-information=" + broken)
        page.reload()
        page.wait_for_selector(READY)
        assert page_state(page) == START, broken


def test_typed_weights_are_divided_by_their_sum_and_all_zero_is_refused(page: Any) -> None:
    field = control(page, "p-value")
    field.fill("1, 1, 2")
    field.press("Enter")
    state = assert_shows_python_readout(page)
    assert state["p"] == [0.25, 0.25, 0.5] and state["q"] == [1 / 3] * 3  # Q fitted to 3
    field.fill("0 0 0")
    field.press("Enter")
    assert field.get_attribute("aria-invalid") is not None
    error = page.locator(".sl-explorer [data-control-for='p'] .sl-control-error")
    assert "above 0" in error.inner_text()
    assert page_state(page)["p"] == [0.25, 0.25, 0.5]  # the figure and the numbers agree
    assert_shows_python_readout(page)
    field.fill("1, x")
    field.press("Enter")
    assert "2 to 8 numbers" in error.inner_text()
    control(page, "q-value").fill("0.25 0.25 0.5")
    control(page, "q-value").press("Enter")
    assert page_readout(page)["kl"] == 0


def test_presets_meet_the_challenges_they_teach(page: Any) -> None:
    assert not any(challenge_met(page, c) for c in ("kl_zero", "cross_twice", "asymmetric"))
    page.locator("[data-preset='q_equals_p']").click()
    assert page_state(page)["q"] == START["p"] and challenge_met(page, "kl_zero")
    page.locator("[data-preset='q_misses']").click()
    state = assert_shows_python_readout(page)
    assert state["q"][0] == 0.01 and state["q"][1:] == pytest.approx([0.495, 0.2475, 0.2475])
    assert challenge_met(page, "cross_twice") and challenge_met(page, "asymmetric")
    assert not challenge_met(page, "kl_zero")
    page.locator("[data-preset='uniform']").click()
    assert page_state(page)["p"] == [0.25] * 4
    page.locator("[data-preset='source']").click()
    assert page_state(page) == START


def test_dragging_q_onto_the_dashed_p_outlines_meets_the_kl_challenge(page: Any) -> None:
    for j, target in ((0, 0.5), (1, 0.25), (0, 0.5), (1, 0.25), (0, 0.5)):
        h = handle(page, "q", j)
        h.focus()
        while abs(page_state(page)["q"][j] - target) > 1e-9:
            page.keyboard.press("ArrowUp" if page_state(page)["q"][j] < target else "ArrowDown")
    assert page_readout(page)["kl"] < 1e-3 and challenge_met(page, "kl_zero")
    assert "Done" in page.locator(".sl-challenges [role=status]").inner_text()


def test_a_q_that_rules_out_an_outcome_marks_infinity_and_says_why(page: Any) -> None:
    handle(page, "q", 2).focus()
    page.keyboard.press("Home")
    assert_shows_python_readout(page)
    assert page.locator("[data-name='cross_entropy']").inner_text() == "∞"
    assert page.locator("[data-name='sq2']").inner_text() == "∞"
    warning = page.locator("[data-message='information.warn_q_rules_out']")
    assert warning.count() == 1 and "(outcome 3)" in warning.inner_text()
    assert warning.locator("math").count() == 2  # H(P, Q) and D_KL(P‖Q), typeset
    assert page.locator(".sl-explorer .sl-gauge .sl-mark").nth(1).text_content() == "∞"


def test_switching_to_bits_shows_every_number_in_bits(page: Any) -> None:
    control(page, "unit").select_option("bits")
    state = assert_shows_python_readout(page)
    assert state["unit"] == "bits"
    assert page.locator("[data-name='entropy']").inner_text() == "1.75"
    assert page.locator(".sl-explorer .sl-unit").first.inner_text() == "bits"


def test_readouts_are_labelled_with_typeset_formulas(page: Any) -> None:
    formulas = page.locator(".sl-explorer .sl-readout math")
    assert [f.get_attribute("alttext") for f in formulas.all()] == [
        "H[P]", "H(P, Q)", "D_KL(P ‖ Q)", "D_KL(Q ‖ P)"]
    kl = formulas.nth(2)
    assert kl.locator("msub").count() == 1 and kl.locator("mi").first.text_content() == "D"
    assert page.locator(".sl-explorer thead math").count() == 4


def test_pointing_at_a_row_highlights_its_bars_and_focusing_a_handle_its_row(page: Any) -> None:
    page.locator(".sl-explorer tbody tr[data-index='1']").hover()
    columns = page.locator(".sl-explorer .sl-col[data-index='1']")
    assert columns.count() == 2 and all("sl-hl" in c.get_attribute("class") for c in columns.all())
    page.mouse.move(0, 0)
    handle(page, "q", 3).focus()
    assert "sl-hl" in page.locator(".sl-explorer tbody tr[data-index='3']").get_attribute("class")


def test_axe_finds_no_accessibility_violations(page: Any) -> None:
    assert axe_violations(page) == []


def test_every_string_comes_from_the_message_catalog(guarded_folder_page: Any,
                                                     tmp_path: Path) -> None:
    page = pseudo_language_page(guarded_folder_page, tmp_path, InformationExplorer, START)
    handle(page, "q", 0).focus()
    page.keyboard.press("Home")  # a warning with formulas in it
    assert visible_text_problems(page, allowed="0123456789.,-−+<>∞NaNe%") == []


@pytest.mark.site
def test_the_chapter_explorer_answers_keys_on_the_built_site(guarded_page: Any,
                                                             site_server: Any) -> None:
    page, log = guarded_page
    page.goto(site_server.url + "book/ch07_information_theory.html")
    page.wait_for_selector(READY)
    lay_out_everything(page)  # a section skipped by content-visibility has no inner text yet
    root = page.locator(".sl-explorer-information")
    assert root.count() == 1
    root.scroll_into_view_if_needed()
    assert assert_shows_python_readout(page)["unit"] == "bits"
    assert page.locator("[data-name='entropy']").inner_text() == "1.75"
    handle(page, "q", 0).focus()
    page.keyboard.press("PageUp")
    assert page_state(page)["q"][0] == 0.35
    assert_shows_python_readout(page)
    assert log.outside == [] and log.console_errors == [] and log.page_errors == []
