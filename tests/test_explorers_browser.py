"""Kernel-free explorers not yet converted to ES modules in headless Chromium, offline:
what a reader sees and touches.

The explorers are rendered with ``Explorer.to_html()`` into one local page (as a chapter
would hold several), served on 127.0.0.1; every request elsewhere is blocked and fails the
test, as does any console error. Moving a control with the keyboard or the pointer must show
the numbers softmax_lab computes for the new inputs (each shown number carries its exact
value in ``data-value``; they must agree to 1e-9).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from softmax_lab import one_hot, softmax
from softmax_lab.explorers import (
    onehot_explorer,
    weights_explorer,
)

from ._explorers import axe_violations

pytestmark = pytest.mark.browser

EXPLORERS = {
    "onehot": onehot_explorer,
    "weights": weights_explorer,
}


@pytest.fixture(scope="module")
def page_url(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("explorers")
    body = "\n".join(f"<section><h2>{name}</h2>{make().to_html()}</section>"
                     for name, make in EXPLORERS.items())
    (folder / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Explorers</title></head><body><main><h1>Explorers</h1>{body}</main></body></html>",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def page(guarded_folder_page: Any, page_url: Path) -> Any:
    """The explorers on one page in Chromium, guarded (see ``guarded_folder_page``)."""
    return guarded_folder_page(page_url, width=1000)


def shown(pg: Any, name: str) -> dict[str, float | None]:
    """Exact values of the numbers explorer ``name`` shows, by data-name."""
    raw = pg.evaluate(
        """(name) => {
          const root = document.querySelector('.sl-explorer-' + name);
          const out = {};
          for (const e of root.querySelectorAll('[data-name][data-value]'))
            out[e.dataset.name] = e.dataset.value;
          return out;
        }""",
        name,
    )
    return {k: None if v == "null" else float(v) for k, v in raw.items()}


def close(a: float | None, b: float) -> bool:
    if a is None:
        return False
    if math.isnan(b) or math.isinf(b):
        return math.isnan(a) if math.isnan(b) else a == b
    return math.isclose(a, b, rel_tol=0, abs_tol=1e-9)


def control(pg: Any, explorer: str, name: str) -> Any:
    return pg.locator(f".sl-explorer-{explorer} [data-control={name}]")


def press(pg: Any, locator: Any, key: str, times: int = 1) -> None:
    locator.focus()
    for _ in range(times):
        pg.keyboard.press(key)


def test_every_explorer_renders_once_with_one_shared_stylesheet(page: Any) -> None:
    for name in EXPLORERS:
        root = page.locator(f".sl-explorer-{name}")
        assert root.count() == 1
        assert root.locator("input, select").count() >= 1, f"{name} has no controls"
        assert shown(page, name), f"{name} shows no numbers"
        assert "runs in your browser with JavaScript" not in root.inner_text()  # mounted
    assert page.locator("style#sl-explorers-css").count() == 1


def test_painting_pixels_and_picking_a_label_show_features_and_one_hot(page: Any) -> None:
    press(page, control(page, "onehot", "pixel1"), "ArrowLeft", 4)  # 0.8 -> 0.6
    control(page, "onehot", "label").select_option("2")
    values = shown(page, "onehot")
    for i, v in enumerate((0.0, 0.6, 0.4, 1.0)):
        assert close(values[f"x{i}"], v)
    assert values["code"] == 2
    for j, v in enumerate(one_hot(np.array(2), 3)):
        assert values[f"onehot{j}"] == v


def test_weight_bias_and_pixel_sliders_give_wx_plus_b(page: Any) -> None:
    ex = weights_explorer()
    W, b, x = (np.array(ex.config[k]) for k in ("W", "b", "pixels"))
    press(page, control(page, "weights", "w12"), "ArrowRight", 7)
    press(page, control(page, "weights", "b2"), "ArrowLeft", 3)
    press(page, control(page, "weights", "pixel0"), "ArrowRight", 2)
    W[1, 2] += 0.7
    b[2] -= 0.3
    x[0] += 0.1
    o = W @ x + b
    values = shown(page, "weights")
    for j in range(3):
        assert close(values[f"o{j}"], float(o[j]))
        assert close(values[f"p{j}"], float(softmax(o)[j]))
    assert values["predicted"] == int(np.argmax(o))




def test_narrow_screens_need_no_horizontal_scrolling(page: Any) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page is {width}px wide at a 375px viewport"


def test_axe_finds_no_accessibility_violations(page: Any) -> None:
    assert axe_violations(page) == []


def test_every_control_has_an_accessible_name(page: Any) -> None:
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('.sl-explorer input, .sl-explorer select,'
                 + ' .sl-explorer button, .sl-explorer [role=slider]')]
             .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                          && !(e.tagName === 'BUTTON' && e.textContent.trim()))
             .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert unnamed == []
