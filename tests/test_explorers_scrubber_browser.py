"""The training scrubber on a static page in Chromium, offline: slider, typed epoch, Play, and the
marker on the curves by mouse, touch and keys; every readout the page draws is scrubber_readout's
for the page's state (to 1e-9), and the curves stop at the chosen epoch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from softmax_lab.explorers import ScrubberExplorer, training_scrubber
from softmax_lab.explorers._wire import to_wire
from softmax_lab.explorers.scrubber import scrubber_readout
from softmax_lab.explorers.training_run import TrainingRun, record_training_run

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

EPOCHS = 8


@pytest.fixture(scope="module")
def run() -> TrainingRun:
    return record_training_run(epochs=EPOCHS)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, run: TrainingRun) -> Path:
    html = static_html(training_scrubber, run=run)
    return write_page(tmp_path_factory.mktemp("scrubber"), [html])


@pytest.fixture
def page(guarded_folder_page: Any, folder: Path) -> Any:
    return guarded_folder_page(folder, ready=READY)


def control(page: Any, name: str) -> Any:
    return page.locator(f".sl-explorer [data-control='{name}']")


def epoch(page: Any) -> int:
    return page_state(page)["epoch"]


def assert_python_readout(page: Any, run: TrainingRun) -> dict[str, Any]:
    state = page_state(page)
    expected = to_wire(scrubber_readout(state, run))
    assert mismatch(expected, page_readout(page)) is None, mismatch(expected, page_readout(page))
    return state


def curve_vertices(page: Any) -> list[int]:
    """Points drawn in each curve of the two line charts."""
    return page.evaluate("""() => [...document.querySelectorAll('.sl-explorer path.sl-line')]
        .map(p => (p.getAttribute('d').match(/[ML]/g) || []).length)""")


def test_the_page_starts_at_the_last_epoch_with_whole_curves(page: Any, run: TrainingRun) -> None:
    assert assert_python_readout(page, run) == {"epoch": EPOCHS}
    assert curve_vertices(page) == [EPOCHS + 1] * 4
    assert page.locator(".sl-explorer [data-name='position']").inner_text() == (
        f"epoch {EPOCHS} of {EPOCHS}")


def test_the_curves_are_drawn_only_up_to_the_chosen_epoch(page: Any, run: TrainingRun) -> None:
    slider = control(page, "epoch")
    slider.focus()
    for _ in range(5):
        page.keyboard.press("ArrowLeft")
    assert epoch(page) == EPOCHS - 5
    assert curve_vertices(page) == [EPOCHS - 4] * 4
    assert_python_readout(page, run)
    ticks = page.locator(".sl-explorer .sl-linechart").first.locator(".sl-axis text")
    assert str(EPOCHS) in ticks.all_text_contents()  # the axis still spans the whole run


def test_the_charts_labels_never_overlap(page: Any) -> None:
    for e in (0, EPOCHS):
        control(page, "epoch-value").fill(str(e))
        control(page, "epoch-value").press("Enter")
        boxes = page.evaluate("""() => [...document.querySelectorAll(
            '.sl-explorer .sl-linechart, .sl-explorer .sl-reliability')].map(svg =>
            [...svg.querySelectorAll('text')].filter(t => t.textContent).map(t => {
              const b = t.getBoundingClientRect();
              return [t.textContent, b.x, b.y, b.right, b.bottom];
            }))""")
        for texts in boxes:
            for i, a in enumerate(texts):
                for b in texts[i + 1:]:
                    apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
                    assert apart, (e, a, b)


def test_dragging_the_marker_with_the_mouse_moves_through_the_epochs(page: Any,
                                                                     run: TrainingRun) -> None:
    marker = control(page, "marker")
    x, y = center(marker)
    step = page.evaluate("""() => {
      const m = document.querySelector('.sl-explorer .sl-marker');
      return m.x1.baseVal.value; }""")
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 0.4 * step, y, steps=5)  # most of the chart's width to the left
    page.mouse.up()
    assert 0 <= epoch(page) < EPOCHS - 2
    assert_python_readout(page, run)


def test_a_finger_drags_the_marker_and_a_tap_moves_nothing(guarded_folder_page: Any,
                                                           folder: Path, run: TrainingRun) -> None:
    page = guarded_folder_page(folder, ready=READY, width=375, touch=True)
    marker = control(page, "marker")
    marker.scroll_into_view_if_needed()
    touch_tap(page, marker)
    assert epoch(page) == EPOCHS
    x, y = center(marker)
    touch_path(page, [(x - 25 * k, y) for k in range(12)])  # 275 px to the left
    assert epoch(page) <= 1
    assert_python_readout(page, run)


def test_keys_on_the_marker_step_through_the_epochs(page: Any) -> None:
    marker = control(page, "marker")
    assert marker.get_attribute("role") == "slider"
    marker.focus()
    page.keyboard.press("Home")
    assert epoch(page) == 0 and marker.get_attribute("aria-valuenow") == "0"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert epoch(page) == 2
    page.keyboard.press("End")
    assert epoch(page) == EPOCHS


def test_play_advances_the_epochs_and_pause_stops(page: Any) -> None:
    play = control(page, "play")
    play.click()  # at the last epoch, Play starts over from epoch 0
    assert play.inner_text() == "Pause" and play.get_attribute("aria-pressed") == "true"
    page.wait_for_function(
        "() => document.querySelector('.sl-explorer').slExplorer.state().epoch >= 2")
    play.click()
    assert play.inner_text() == "Play" and play.get_attribute("aria-pressed") == "false"
    stopped = epoch(page)
    page.wait_for_timeout(900)
    assert epoch(page) == stopped < EPOCHS


def test_play_stops_by_itself_at_the_last_epoch(page: Any) -> None:
    control(page, "epoch-value").fill(str(EPOCHS - 1))
    control(page, "epoch-value").press("Enter")
    control(page, "play").click()
    page.wait_for_function(
        "() => document.querySelector('.sl-explorer [data-control=play]')"
        ".getAttribute('aria-pressed') === 'false'", timeout=5000)
    assert epoch(page) == EPOCHS


def test_a_typed_epoch_is_shown_and_a_bad_one_refused(page: Any, run: TrainingRun) -> None:
    field = control(page, "epoch-value")
    field.fill("3")
    field.press("Enter")
    assert epoch(page) == 3
    shown = page.locator(".sl-explorer [data-name='test_loss']")
    assert float(shown.get_attribute("data-value")) == run.test_loss[3]
    field.fill("99")
    field.press("Enter")
    assert field.get_attribute("aria-invalid") is not None and epoch(page) == 3


def test_the_confusion_matrix_and_reliability_diagram_show_the_epoch(page: Any,
                                                                     run: TrainingRun) -> None:
    control(page, "epoch-value").fill("1")
    control(page, "epoch-value").press("Enter")
    counts = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '.sl-explorer [data-cell]')].map(t => [t.dataset.cell, t.textContent]))""")
    for i, row in enumerate(run.confusion[1]):
        for j, c in enumerate(row):
            assert counts[f"{i},{j}"] == (str(c) if c else "")
    bars = page.locator(".sl-explorer .sl-rel-bar[visibility='visible']").count()
    assert bars == sum(1 for c in run.bin_count[1] if c)


def test_reset_and_a_link_restore_the_state_and_a_broken_link_is_ignored(page: Any) -> None:
    control(page, "epoch-value").fill("2")
    control(page, "epoch-value").press("Enter")
    control(page, "share").click()
    assert "#sl-scrubber=e:2" in page.url
    page.reload()
    page.wait_for_selector(READY)
    assert epoch(page) == 2
    control(page, "reset").click()
    assert epoch(page) == EPOCHS
    for broken in ("e:99", "e:-1", "e:x", "q:1"):
        page.goto(page.url.split("#")[0] + "#sl-scrubber=" + broken)
        page.reload()
        page.wait_for_selector(READY)
        assert epoch(page) == EPOCHS, broken


def test_each_challenge_says_when_it_is_met(page: Any, run: TrainingRun) -> None:
    def met(name: str) -> bool:
        return page.locator(f"[data-challenge='{name}']").get_attribute("data-met") == "true"

    def go(e: int) -> None:
        control(page, "epoch-value").fill(str(e))
        control(page, "epoch-value").press("Enter")

    bar = max(run.test_acc) - 0.01
    first = next(e for e, a in zip(run.epochs, run.test_acc, strict=True) if a >= bar)
    go(first)
    assert met("near_best")
    go(run.ece.index(max(run.ece)))
    assert met("worst_ece") and not met("near_best")
    rises = [e for e in run.epochs[1:] if run.test_loss[e] > run.test_loss[e - 1]]
    falls = [e for e in run.epochs[1:] if run.test_loss[e] < run.test_loss[e - 1]]
    go(falls[0])
    assert not met("loss_up")
    if rises:
        go(rises[0])
        assert met("loss_up")


def test_a_phone_needs_no_sideways_scrolling_and_a_swipe_scrolls(guarded_folder_page: Any,
                                                                folder: Path) -> None:
    page = guarded_folder_page(folder, ready=READY, width=375, touch=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert all(w >= 40 and h >= 40 for w, h in handle_sizes(page))
    chart = page.locator(".sl-explorer .sl-matrix").bounding_box()
    page.evaluate("window.scrollTo(0, 0)")
    assert touch_swipe(page, chart["x"] + 60, chart["y"] + 60, dy=-150) > 50


def test_axe_finds_no_accessibility_violations(page: Any) -> None:
    assert axe_violations(page) == []


def test_every_string_comes_from_the_message_catalog(guarded_folder_page: Any, tmp_path: Path,
                                                     run: TrainingRun) -> None:
    page = pseudo_language_page(guarded_folder_page, tmp_path, ScrubberExplorer,
                                {"epoch": 3}, data=run.to_dict())
    # Class names of the digits data are digits; numbers are not words.
    assert visible_text_problems(page, allowed="0123456789.,-−+<>∞NaNe%") == []
