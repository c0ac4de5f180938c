"""The playground's kernel form, end to end, in a real JupyterLab in Chromium (offline).

A notebook plugs a learner's gradient step into the playground. Pressing Run in the page makes
the front end ask the kernel for one step at a time: Python runs the learner's step_fn and sends
the readout back, which the page draws before asking for the next. Meanwhile the kernel stays
free: a cell run during the training answers with the number of steps taken so far. A step_fn
that returns None is a message in the explorer, and Run goes nowhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

import softmax_lab as sl
from softmax_lab.explorers._wire import to_wire
from softmax_lab.explorers.playground import playground_readout

from ._explorers import READY, mismatch, page_readout, page_state
from ._jupyterlab import notebook_server, open_notebook

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STEP = '''def my_step(W, b, X, y, lr, l2):
    P = sl.softmax(X @ W + b)
    G = (P - sl.one_hot(y, 3)) / len(y)
    return W - lr * (X.T @ G + l2 * W), b - lr * G.sum(axis=0)'''

CELLS = [
    "import softmax_lab as sl\nimport softmax_lab.explorers\n\n" + STEP,
    "w = sl.explorers.playground_explorer(step_fn=my_step)\nw",
    "print('steps in the kernel:', w.steps)",
    "sl.explorers.playground_explorer(step_fn=lambda W, b, X, y, lr, l2: None)",
]

namespace: dict[str, Any] = {"sl": sl}
exec(STEP, namespace)  # the same function, here, to compute what the kernel must show
my_step = namespace["my_step"]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with notebook_server(tmp_path_factory, "playground.ipynb", CELLS) as url:
        yield url  # the page: conftest's lab_page


def wait_for_python_readout(page: Any) -> dict[str, Any]:
    """Wait until the page draws Python's readout (with my_step) for the page's state."""
    for _ in range(100):
        state = page_state(page)
        expected = to_wire(playground_readout(state, step_fn=my_step))
        if mismatch(expected, page_readout(page)) is None:
            return state
        page.wait_for_timeout(100)
    raise AssertionError(mismatch(expected, page_readout(page)))


def test_run_in_jupyterlab_takes_the_learners_steps_without_blocking_the_kernel(
        lab_page: Any, lab: str) -> None:
    open_notebook(lab_page, lab, "playground.ipynb")
    lab_page.wait_for_selector(READY, timeout=60_000)
    lab_page.wait_for_function("() => document.querySelectorAll('.sl-explorer .sl-footer')"
                               ".length === 2", timeout=60_000)
    explorer = lab_page.locator(".sl-explorer").first
    agrees = explorer.locator("[data-message='playground.hook_agrees']")
    agrees.wait_for(timeout=30_000)  # only Python can say so: the page has no step_fn
    wait_for_python_readout(lab_page)

    run = explorer.locator("[data-control='run']")
    run.scroll_into_view_if_needed()
    run.click()
    assert run.get_attribute("aria-pressed") == "true"
    lab_page.wait_for_function(
        "() => document.querySelector('.sl-explorer').slExplorer.state().steps >= 10",
        timeout=60_000)

    cell = lab_page.locator(".jp-Notebook .jp-Cell").nth(2)
    cell.locator(".jp-InputArea-editor").click()
    lab_page.keyboard.press("Shift+Enter")
    output = cell.locator(".jp-OutputArea-output")
    lab_page.wait_for_function(
        """(el) => /steps in the kernel: [1-9]/.test(el.textContent)""",
        arg=cell.element_handle(), timeout=30_000)
    assert int(re.search(r"steps in the kernel: (\d+)", output.inner_text()).group(1)) >= 10

    run.click()
    assert run.get_attribute("aria-pressed") == "false"
    state = wait_for_python_readout(lab_page)
    lab_page.wait_for_timeout(500)
    assert page_state(lab_page)["steps"] == state["steps"] >= 10
    loss = explorer.locator("[data-name='loss']")
    assert float(loss.get_attribute("data-value")) < playground_readout(
        {**state, "W": [1.5, -1.0, 0.0, 1.5, -1.5, -0.5], "b": [0.0] * 3})["loss"]


def test_a_step_fn_returning_none_is_a_message_and_run_goes_nowhere(lab_page: Any,
                                                                    lab: str) -> None:
    open_notebook(lab_page, lab, "playground.ipynb")
    lab_page.wait_for_function("() => document.querySelectorAll('.sl-explorer .sl-footer')"
                               ".length === 2", timeout=60_000)
    broken = lab_page.locator(".sl-explorer").nth(1)
    message = broken.locator("[data-message='hook.returned_none']")
    message.wait_for(timeout=30_000)
    assert "step_fn returned None" in message.inner_text()
    assert broken.locator("[data-control='step']").is_disabled()
    broken.locator("[data-control='run']").click()
    lab_page.wait_for_timeout(800)
    assert page_state(lab_page, 1)["steps"] == 0
    assert broken.locator("[data-control='run']").get_attribute("aria-pressed") == "false"
    assert lab_page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
