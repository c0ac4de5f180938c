"""The one-hot and weights explorers' kernel form in a real JupyterLab in Chromium (offline).

The same modules the site inlines run as anywidgets: a click that paints a pixel, a label
button and a dragged weight knob send the new state to the kernel, where Python computes the
readout that the page then draws (the page computes nothing itself in a kernel).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from softmax_lab.explorers._wire import to_wire
from softmax_lab.explorers.onehot import onehot_readout
from softmax_lab.explorers.weights import weights_readout

from ._explorers import READY, mismatch, mouse_drag, page_readout, page_state
from ._jupyterlab import notebook_server, open_notebook

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CELLS = [
    "import softmax_lab as sl\nimport softmax_lab.explorers",
    "sl.explorers.onehot_explorer()",
    "sl.explorers.weights_explorer()",
]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with notebook_server(tmp_path_factory, "toy.ipynb", CELLS) as url:
        yield url  # the page: conftest's lab_page


def wait_for_kernel_readout(page: Any, index: int, readout: Callable[[dict], dict]) -> dict:
    """Wait until explorer ``index`` draws Python's readout of its state (sent by the kernel)."""
    for _ in range(100):
        expected = to_wire(readout(page_state(page, index)))
        if mismatch(expected, page_readout(page, index)) is None:
            return page_state(page, index)
        page.wait_for_timeout(100)
    raise AssertionError(mismatch(expected, page_readout(page, index)))


def test_painting_labelling_and_dragging_weights_in_jupyterlab(lab_page: Any, lab: str) -> None:
    open_notebook(lab_page, lab, "toy.ipynb")
    lab_page.wait_for_selector(".sl-explorer-weights .sl-footer", timeout=60_000)
    lab_page.wait_for_selector(READY)

    onehot = lab_page.locator(".sl-explorer-onehot")
    pixel = onehot.locator(".sl-pixel[data-index='3']")
    pixel.scroll_into_view_if_needed()
    pixel.click()
    onehot.locator("[data-label='2']").click()
    state = wait_for_kernel_readout(lab_page, 0, onehot_readout)
    assert state["pixels"][3] == 1 and state["label"] == 2
    assert onehot.locator("[data-name='code']").inner_text() == "2"

    knob = lab_page.locator(".sl-explorer-weights .sl-knob[data-output='2'][data-input='2']")
    knob.scroll_into_view_if_needed()
    mouse_drag(lab_page, knob, dy=-30)
    state = wait_for_kernel_readout(lab_page, 1, weights_readout)
    assert state["W"][10] == pytest.approx(1.9, abs=0.11)
    predicted = lab_page.locator(".sl-explorer-weights [data-name='predicted']")
    assert predicted.inner_text().endswith("dog")
