"""The 3.4.8 chapter's two explorers on the built site, as a reader gets them: the playground and
the training scrubber answer keys and clicks with softmax_lab's numbers, offline and without a
console error."""

from __future__ import annotations

from typing import Any

import pytest

from softmax_lab.explorers._wire import to_wire
from softmax_lab.explorers.playground import playground_readout

from ._explorers import READY, mismatch, page_readout, page_state
from ._pages import lay_out_everything

pytestmark = [pytest.mark.browser, pytest.mark.site]


def test_the_chapters_playground_and_scrubber_answer_the_reader(guarded_page: Any,
                                                                site_server: Any) -> None:
    page, log = guarded_page
    page.goto(site_server.url + "book/ch08_prediction_evaluation.html")
    page.wait_for_function(f"() => document.querySelectorAll('{READY}').length === 2")
    lay_out_everything(page)  # sections laid out late would shift the explorers while driven
    names = page.evaluate("""() => [...document.querySelectorAll('.sl-explorer')]
        .map(e => e.className.match(/sl-explorer-(\\w+)/)[1])""")
    assert names == ["playground", "scrubber"]

    tip = page.locator(".sl-explorer-playground .sl-pg-tip[data-index='2']")
    tip.scroll_into_view_if_needed()
    tip.focus()
    page.keyboard.press("ArrowUp")
    page.locator(".sl-explorer-playground [data-control='step']").click()
    state = page_state(page, 0)
    assert state["steps"] == 1
    expected = to_wire(playground_readout(state))
    assert mismatch(expected, page_readout(page, 0)) is None

    marker = page.locator(".sl-explorer-scrubber [data-control='marker']")
    marker.scroll_into_view_if_needed()
    marker.focus()
    page.keyboard.press("Home")
    assert page_state(page, 1)["epoch"] == 0
    page.keyboard.press("ArrowRight")
    readout = page_readout(page, 1)
    assert readout["epoch"] == 1 and len(readout["curves"]["test_loss"]) == 2
    assert log.outside == [] and log.console_errors == [] and log.page_errors == []
    assert log.failed == []
