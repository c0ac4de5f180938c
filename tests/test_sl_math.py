"""The browser math module (explorers/static/sl_math.js) agrees with softmax_lab to 1e-9.

Golden vectors come from tools/make_golden.py (the Python library's outputs); node runs the
JS module on each case's arguments.
"""

from __future__ import annotations

import importlib.util
import json
import math
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "golden_math.json"
SL_MATH = ROOT / "lib" / "softmax_lab" / "explorers" / "static" / "sl_math.js"
TOLERANCE = 1e-9

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")

# Runs every case through SoftmaxLab.math and prints the outputs, non-finite numbers as strings.
RUNNER = r"""
const fs = require("fs");
const [mathPath, fixturePath] = process.argv.slice(-2);
const math = require(mathPath);
const cases = JSON.parse(fs.readFileSync(fixturePath, "utf8")).cases;
const SPECIAL = {"NaN": NaN, "Infinity": Infinity, "-Infinity": -Infinity};
const decode = (v) => Array.isArray(v) ? v.map(decode)
  : (typeof v === "string" && v in SPECIAL) ? SPECIAL[v] : v;
const encode = (v) => {
  if (Array.isArray(v)) return v.map(encode);
  if (v !== null && typeof v === "object") {
    const out = {};
    for (const k of Object.keys(v)) out[k] = encode(v[k]);
    return out;
  }
  if (typeof v === "number" && !Number.isFinite(v)) return String(v);
  return v;
};
const results = {};
for (const c of cases) {
  try { results[c.name] = encode(math[c.fn](...decode(c.args))); }
  catch (err) { results[c.name] = {error: String(err)}; }
}
process.stdout.write(JSON.stringify(results));
"""


def _load_generator() -> Any:
    spec = importlib.util.spec_from_file_location("make_golden", ROOT / "tools" / "make_golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _mismatch(expected: Any, got: Any, where: str = "") -> str | None:
    """A description of the first difference beyond TOLERANCE, or None."""
    if isinstance(expected, dict):
        if not isinstance(got, dict) or set(got) != set(expected):
            return f"{where}: expected keys {sorted(expected)}, got {got!r}"
        for k in expected:
            if (m := _mismatch(expected[k], got[k], f"{where}.{k}")) is not None:
                return m
        return None
    if isinstance(expected, list):
        if not isinstance(got, list) or len(got) != len(expected):
            return f"{where}: expected {len(expected)} values, got {got!r}"
        for i, (e, g) in enumerate(zip(expected, got, strict=True)):
            if (m := _mismatch(e, g, f"{where}[{i}]")) is not None:
                return m
        return None
    if isinstance(expected, str) or expected is None or isinstance(got, (str, type(None))):
        return None if expected == got else f"{where}: expected {expected!r}, got {got!r}"
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return f"{where}: expected a number, got {got!r}"
    if not math.isclose(expected, got, rel_tol=0, abs_tol=TOLERANCE):
        return f"{where}: expected {expected!r}, got {got!r} (diff {abs(expected - got):.3g})"
    return None


@pytest.fixture(scope="module")
def js_results() -> dict[str, Any]:
    done = subprocess.run(
        [NODE, "-e", RUNNER, str(SL_MATH), str(FIXTURE)],
        capture_output=True, text=True, timeout=60, check=True,
    )
    return json.loads(done.stdout)


def _cases() -> list[dict[str, Any]]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))["cases"]


@needs_node
@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["name"])
def test_js_math_matches_softmax_lab_golden_vectors(case, js_results) -> None:
    got = js_results[case["name"]]
    assert _mismatch(case["out"], got, case["name"]) is None, _mismatch(case["out"], got,
                                                                         case["name"])


def test_golden_fixture_is_up_to_date_with_the_library() -> None:
    fresh = json.loads(_load_generator().golden_json())["cases"]
    stored = _cases()
    assert [c["name"] for c in fresh] == [c["name"] for c in stored], (
        "tests/fixtures/golden_math.json is stale: run `python tools/make_golden.py`"
    )
    for new, old in zip(fresh, stored, strict=True):
        assert new["args"] == old["args"], f"{new['name']}: arguments changed; regenerate"
        # Same library, maybe another BLAS: allow rounding-level differences only.
        assert _mismatch(new["out"], old["out"], new["name"]) is None, (
            "tests/fixtures/golden_math.json is stale: run `python tools/make_golden.py`"
        )


def test_golden_vectors_cover_the_hard_cases() -> None:
    names = {c["name"] for c in _cases()}
    text = FIXTURE.read_text(encoding="utf-8")
    assert {"softmax_extreme", "softmax_ties", "softmax_small_T1e-300", "softmax_small_T1e+300",
            "loss_extreme_soft_zeros", "naive_softmax_overflow", "gradient_step"} <= names
    assert '"NaN"' in text and '"Infinity"' in text


@needs_node
def test_comparison_detects_a_wrong_js_result(js_results) -> None:
    # The check above must be able to fail: a 2e-9 error is caught.
    case = next(c for c in _cases() if c["name"] == "softmax_small")
    wrong = [v + 2e-9 for v in js_results["softmax_small"]]
    assert _mismatch(case["out"], wrong) is not None


@needs_node
def test_math_module_defines_itself_once_per_page() -> None:
    script = (
        "globalThis.window = globalThis;"
        f"require({json.dumps(str(SL_MATH))}); const first = window.SoftmaxLab.math;"
        f"delete require.cache[require.resolve({json.dumps(str(SL_MATH))})];"
        f"require({json.dumps(str(SL_MATH))});"
        "process.stdout.write(String(first === window.SoftmaxLab.math));"
    )
    done = subprocess.run([NODE, "-e", script], capture_output=True, text=True, timeout=60,
                          check=True)
    assert done.stdout == "true"


SL_UI = SL_MATH.with_name("sl_ui.js")
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
