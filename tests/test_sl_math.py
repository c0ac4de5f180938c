"""The classic-script math (``SoftmaxLab.math``) that the explorers not yet converted to ES
modules load is made from ``js/math.js``, and their number formatting (``sl_ui.js``) matches
``_base.format_number``. The math itself is checked against softmax_lab in
``test_explorers_golden.py`` (Chromium).
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from softmax_lab.explorers._base import static_text
from softmax_lab.explorers._bundle import exported_names

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "lib" / "softmax_lab" / "explorers" / "static"
MATH_MODULE = ROOT / "lib" / "softmax_lab" / "explorers" / "js" / "math.js"

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")


def test_classic_math_exposes_every_function_of_the_math_module() -> None:
    text = static_text("sl_math.js")
    names = exported_names(MATH_MODULE.read_text(encoding="utf-8"))
    assert "softmax" in names and "export " not in text
    exposed = text[text.rindex("SL.math = {"):]
    assert all(f" {name}," in exposed or f" {name} }}" in exposed for name in names)


@pytest.mark.browser
def test_classic_math_defines_itself_once_per_page(guarded_folder_page: Any,
                                                   tmp_path: Path) -> None:
    script = static_text("sl_math.js")
    (tmp_path / "index.html").write_text(
        "<!doctype html><title>m</title><script>" + script + "</script><script>"
        "window.first = SoftmaxLab.math;</script><script>" + script + "</script>", encoding="utf-8")
    page = guarded_folder_page(tmp_path)
    assert page.evaluate("window.first === SoftmaxLab.math")
    assert page.evaluate("SoftmaxLab.math.softmax([0, 0])") == [0.5, 0.5]


SL_UI = STATIC / "sl_ui.js"
FORMAT_CASES = [
    0.0, -0.0, 1.0, -1.0, 0.5, 0.03125, -0.03125, 1 / 3, 2 / 3, 0.24472847105479764, 1.00005,
    0.00015, 9.99996e-5, 1e-4, -1e-12, 2.5e-5, 99999.99995, 1e5, 123456.5, 6.02214076e23,
    1e300, 5e-324, 709.782712893384, float("nan"), float("inf"), float("-inf"),
]


@needs_node
@pytest.mark.parametrize("digits", [0, 1, 2, 4])
def test_js_and_python_show_numbers_alike(digits: int) -> None:
    from softmax_lab.explorers._base import format_number

    script = (
        "globalThis.window = globalThis;"
        f"require({json.dumps(str(SL_UI))});"
        "const xs = JSON.parse(process.argv.at(-2)).map(Number);"
        "const d = Number(process.argv.at(-1));"
        "process.stdout.write(JSON.stringify(xs.map(x => window.SoftmaxLab.ui.fmt(x, d))));"
    )
    given = json.dumps([repr(x) if math.isfinite(x) else str(x).replace("inf", "Infinity")
                        .replace("nan", "NaN") for x in FORMAT_CASES])
    done = subprocess.run([NODE, "-e", script, given, str(digits)], capture_output=True,
                          text=True, timeout=60, check=True)
    assert json.loads(done.stdout) == [format_number(x, digits) for x in FORMAT_CASES]
