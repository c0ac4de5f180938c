"""The softmax explorer's kernel form, end to end, in a real JupyterLab in Chromium (offline).

A notebook plugs a naive softmax into the explorer and runs. Dragging a bar sends the new logits
to the kernel, where Python (softmax_lab and the learner's function: the page has no JS for
"yours") computes the readout that the page then draws; at logits near 1000 the learner's
softmax fails, and the explorer marks NaN and says why.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from softmax_lab.explorers._wire import to_wire
from softmax_lab.explorers.softmax import softmax_readout

from ._explorers import READY, mismatch, mouse_drag, page_readout, page_state
from ._jupyterlab import notebook_server, open_notebook

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CELLS = [
    "import numpy as np\nimport softmax_lab as sl\nimport softmax_lab.explorers\n\n"
    "def naive_softmax(o):\n    e = np.exp(o)\n    return e / e.sum()",
    "sl.explorers.softmax_explorer(logits=(2.0, 1.0, 0.1), target=0, softmax_fn=naive_softmax)",
]


def naive_softmax(o: np.ndarray) -> np.ndarray:
    e = np.exp(o)
    return e / e.sum()


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with notebook_server(tmp_path_factory, "explorer.ipynb", CELLS) as url:
        yield url  # the page: conftest's lab_page


def wait_for_readout(page: Any, state: dict[str, Any]) -> dict[str, Any]:
    """Wait until the page draws Python's readout for ``state`` (it arrives from the kernel)."""
    expected = to_wire(softmax_readout(state, softmax_fn=naive_softmax))
    for _ in range(100):
        if mismatch(expected, page_readout(page)) is None:
            return expected
        page.wait_for_timeout(100)
    raise AssertionError(mismatch(expected, page_readout(page)))


def test_dragging_a_bar_in_jupyterlab_shows_the_kernels_readout(lab_page: Any, lab: str) -> None:
    open_notebook(lab_page, lab, "explorer.ipynb")
    lab_page.wait_for_selector(READY, timeout=60_000)
    state = page_state(lab_page)
    assert state["implementation"] == "yours"  # the learner's function: only Python can run it
    wait_for_readout(lab_page, state)

    handle = lab_page.locator(".sl-explorer .sl-handle[data-index='1']")
    handle.scroll_into_view_if_needed()
    mouse_drag(lab_page, handle, dy=-40)
    state = page_state(lab_page)
    assert state["logits"][1] > 4
    wait_for_readout(lab_page, state)

    shift = lab_page.locator(".sl-explorer [data-control='shift-value']")
    shift.fill("1000")
    shift.press("Enter")
    state = page_state(lab_page)
    readout = wait_for_readout(lab_page, state)
    assert readout["p"][0] == "NaN"
    probabilities = lab_page.locator(".sl-explorer .sl-chart").nth(1)
    assert "NaN" in probabilities.locator(".sl-mark").all_text_contents()
    message = lab_page.locator(".sl-explorer [data-message='softmax.warn_overflow']")
    assert message.count() == 1 and "709.78" in message.inner_text()
