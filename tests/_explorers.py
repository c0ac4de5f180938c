"""Helpers for the explorer tests: read the numbers an explorer's HTML shows."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from softmax_lab.explorers._base import format_number

_NUM = re.compile(r'data-name="([^"]+)" data-value="([^"]*)">([^<]*)<')


def shown(html: str) -> dict[str, tuple[float | None, str]]:
    """``{name: (exact value, displayed text)}`` for every number marked ``data-name``."""
    out = {}
    for name, value, text in _NUM.findall(html):
        out[name] = (None if value in ("null", "None") else float(value), text)
    return out


def assert_shows(html: str, name: str, expected: float, digits: int = 4) -> None:
    """The number ``name`` is shown as ``format_number(expected)`` and carries it to 1e-12."""
    values = shown(html)
    assert name in values, f"{name} is not shown; shown: {sorted(values)}"
    value, text = values[name]
    if math.isnan(expected):
        assert value is not None and math.isnan(value), f"{name}: expected NaN, got {value}"
    else:
        assert value == expected or math.isclose(value, expected, rel_tol=1e-12, abs_tol=1e-12), (
            f"{name}: shows {value!r}, softmax_lab gives {expected!r}")
    assert text == format_number(expected, digits), f"{name}: text {text!r}"


def axe_violations(page: Any) -> list[str]:
    """axe-core's violations on the page (the script ships inside axe-playwright-python)."""
    import axe_playwright_python

    axe_js = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")
    page.add_script_tag(content=axe_js)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
            for v in result["violations"]]
