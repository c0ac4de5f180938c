"""The converted explorers on the built chapter pages (ch03, ch04, ch05, ch06), as a reader gets
them.

The site is built as the book builds it (SOFTMAX_LAB_STATIC=1, so the page holds only the static
form); here it is served on 127.0.0.1 and driven in Chromium: nothing leaves the loopback, no
console error, and mouse and keyboard change the readout to softmax_lab's values.
"""

from __future__ import annotations

from typing import Any

import pytest

from softmax_lab.explorers._wire import to_wire
from softmax_lab.explorers.broadcast import broadcast_readout
from softmax_lab.explorers.cost import cost_readout
from softmax_lab.explorers.softmax import softmax_readout

from ._explorers import READY, mismatch, mouse_drag, page_readout, page_state
from ._pages import lay_out_everything

pytestmark = [pytest.mark.browser, pytest.mark.site]


def open_chapter(guarded_page: Any, site_server: Any, chapter: str) -> Any:
    page, log = guarded_page
    page.goto(site_server.url + f"book/{chapter}.html")
    page.wait_for_selector(READY)
    lay_out_everything(page)  # sections laid out late would move the handles under the mouse
    page.locator(".sl-explorer").first.scroll_into_view_if_needed()
    return page, log


def assert_python_readout(page: Any) -> dict[str, Any]:
    state = page_state(page)
    got = page_readout(page)
    assert mismatch(to_wire(softmax_readout(state)), got) is None
    return state


def assert_clean(log: Any) -> None:
    assert log.outside == [] and log.console_errors == [] and log.page_errors == []
    assert log.failed == []


def test_the_chapter_explorer_answers_mouse_and_keys(guarded_page: Any, site_server: Any) -> None:
    page, log = open_chapter(guarded_page, site_server, "ch04_softmax")
    assert page.locator(".sl-explorer").count() == 1
    state = assert_python_readout(page)
    assert state["logits"] == [2.0, 1.0, 0.1] and state["implementation"] == "stable"
    mouse_drag(page, page.locator(".sl-explorer .sl-handle[data-index='2']"), dy=-49)
    assert page_state(page)["logits"][2] > 4
    assert_python_readout(page)
    page.locator(".sl-explorer .sl-handle[data-index='0']").focus()
    page.keyboard.press("PageDown")
    assert page_state(page)["logits"][0] == 1.0
    assert_python_readout(page)
    assert_clean(log)


def test_the_loss_chapter_starts_from_its_soft_label(guarded_page: Any, site_server: Any) -> None:
    page, log = open_chapter(guarded_page, site_server, "ch06_loss_function")
    state = assert_python_readout(page)
    assert state["use_soft"] and state["soft_label"] == [0.1, 0.2, 0.7]
    assert page.locator(".sl-explorer [data-control='target']").input_value() == "soft"
    assert_clean(log)


def test_the_cost_chapter_offers_only_the_allowed_n(guarded_page: Any, site_server: Any) -> None:
    page, log = open_chapter(guarded_page, site_server, "ch03_parameterization_cost")
    assert page_state(page) == {"d": 784, "q": 10, "n": 2}
    assert mismatch(to_wire(cost_readout(page_state(page))), page_readout(page)) is None
    page.locator(".sl-explorer [data-control='n-handle']").focus()
    page.keyboard.press("ArrowLeft")
    assert page_state(page)["n"] == 1
    assert mismatch(to_wire(cost_readout(page_state(page))), page_readout(page)) is None
    assert_clean(log)


def test_the_minibatch_chapter_explorer_shows_numpys_shapes(guarded_page: Any,
                                                            site_server: Any) -> None:
    page, log = open_chapter(guarded_page, site_server, "ch05_minibatch_vectorization")
    assert page.locator(".sl-explorer").count() == 1
    page.locator(".sl-explorer [data-control='axis']").select_option("1")
    page.locator(".sl-explorer [data-control='keepdims']").select_option("false")
    state = page_state(page)
    assert mismatch(to_wire(broadcast_readout(state)), page_readout(page)) is None
    assert page.locator(".sl-explorer [data-name='error']").inner_text().startswith("ValueError")
    page.locator(".sl-explorer .sl-handle[data-name='o0']").focus()
    page.keyboard.press("PageUp")
    assert page_state(page)["logits"][0] == state["logits"][0] + 1
    assert_clean(log)
