"""The broadcasting explorer's kernel form, end to end, in a real JupyterLab in Chromium (offline).

A notebook plugs in a minibatch softmax that forgot keepdims. Python runs it on the explorer's
batch (the page has no JS for "yours"): NumPy's broadcasting error for 3 × 4, silently wrong rows
once the batch is square, right by luck for one example; a dragged cell is sent to the kernel and
its readout comes back.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from softmax_lab.explorers._wire import to_wire
from softmax_lab.explorers.broadcast import broadcast_readout

from ._explorers import READY, mismatch, mouse_drag, page_readout, page_state
from ._jupyterlab import notebook_server, open_notebook

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CELLS = [
    "import numpy as np\nimport softmax_lab as sl\nimport softmax_lab.explorers\n\n"
    "def softmax(X):\n    X_exp = np.exp(X)\n    return X_exp / X_exp.sum(1)",
    "sl.explorers.broadcast_explorer(softmax_fn=softmax)",
]


def d2l_softmax(X: np.ndarray) -> np.ndarray:
    X_exp = np.exp(X)
    return X_exp / X_exp.sum(1)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with notebook_server(tmp_path_factory, "explorer.ipynb", CELLS) as url:
        yield url  # the page: conftest's lab_page


def wait_for_readout(page: Any) -> dict[str, Any]:
    """Wait until the page draws Python's readout for its state (it comes from the kernel)."""
    for _ in range(100):
        expected = to_wire(broadcast_readout(page_state(page), softmax_fn=d2l_softmax))
        if mismatch(expected, page_readout(page)) is None:
            return expected
        page.wait_for_timeout(100)
    raise AssertionError(mismatch(expected, page_readout(page)))


def test_a_softmax_without_keepdims_in_jupyterlab(lab_page: Any, lab: str) -> None:
    open_notebook(lab_page, lab, "explorer.ipynb")
    lab_page.wait_for_selector(READY, timeout=60_000)
    assert page_state(lab_page)["implementation"] == "yours"
    readout = wait_for_readout(lab_page)
    assert readout["outcome"] == "error"
    error = lab_page.locator(".sl-explorer [data-name='error']")
    assert "operands could not be broadcast together with shapes (3,4) (3,)" in error.inner_text()

    lab_page.locator(".sl-explorer [data-control='cols']").select_option("3")
    assert wait_for_readout(lab_page)["outcome"] == "mixed"
    assert lab_page.locator(".sl-explorer [data-message='broadcast.yours_mixed']").count() == 1

    cell = lab_page.locator(".sl-explorer [data-name='o4']")
    cell.scroll_into_view_if_needed()
    mouse_drag(lab_page, cell, dy=-40)  # two units up, computed by the kernel
    assert page_state(lab_page)["logits"][4] == pytest.approx(2.5, abs=0.11)
    wait_for_readout(lab_page)

    lab_page.locator(".sl-explorer [data-control='rows']").select_option("1")
    assert wait_for_readout(lab_page)["outcome"] == "right"
    assert lab_page.locator(".sl-explorer [data-challenge='rows']").get_attribute("data-met") == (
        "true")
