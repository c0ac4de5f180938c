"""The explorers' JavaScript agrees with softmax_lab on the golden vectors, in Chromium.

tools/make_golden.py writes what the Python library computes (tests/fixtures/golden_*.json):
the math module's functions, every explorer's readout on many states, and how every number in
them is shown. Here the same JavaScript that ships (each explorer's bundle, loaded as anywidget
loads it) runs on every case and must agree to 1e-9, and the shown text must be identical.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from softmax_lab.explorers._bundle import bundle, exported_names

from ._explorers import import_module, mismatch

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXPLORERS = ROOT / "lib" / "softmax_lab" / "explorers"
RUNTIME = EXPLORERS / "js"


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("make_golden", ROOT / "tools" / "make_golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cases(name: str) -> list[dict[str, Any]]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))["cases"]


EXPLORER_NAMES = sorted(_generator().EXPLORER_STATES)


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("golden")
    (folder / "index.html").write_text("<!doctype html><title>golden</title>", encoding="utf-8")
    return folder


def _run(page: Any, fn: str, cases_json: str) -> Any:
    return page.evaluate(
        f"""(cases) => {{
          const SPECIAL = {{NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity}};
          const each = (v, f) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, f(x)]));
          const decode = (v) => Array.isArray(v) ? v.map(decode)
            : (v !== null && typeof v === 'object') ? each(v, decode)
            : (typeof v === 'string' && v in SPECIAL) ? SPECIAL[v] : v;
          const encode = (v) => Array.isArray(v) ? v.map(encode)
            : (v !== null && typeof v === 'object') ? each(v, encode)
            : (typeof v === 'number' && !Number.isFinite(v)) ? String(v) : v;
          const m = window.__module;
          return JSON.parse(cases).map((c) => {{
            try {{ return encode({fn}); }} catch (err) {{ return {{error: String(err)}}; }}
          }});
        }}""",
        cases_json,
    )


@pytest.mark.browser
def test_js_math_matches_softmax_lab_on_the_golden_vectors(guarded_folder_page: Any,
                                                          blank: Path) -> None:
    page = guarded_folder_page(blank)
    math_js = RUNTIME / "math.js"
    import_module(page, bundle(math_js, exports=tuple(sorted(exported_names(math_js.read_text())))))
    cases = _cases("golden_math.json")
    results = _run(page, "m[c.fn](...decode(c.args))", json.dumps(cases))
    problems = [m for c, got in zip(cases, results, strict=True)
                if (m := mismatch(c["out"], got, c["name"], tol=1e-9)) is not None]
    assert problems == []


@pytest.mark.browser
@pytest.mark.parametrize("name", EXPLORER_NAMES)
def test_every_js_readout_matches_python_on_the_golden_states(guarded_folder_page: Any, blank: Path,
                                                               name: str) -> None:
    page = guarded_folder_page(blank)
    import_module(page, bundle(EXPLORERS / f"{name}.js", exports=("readout",)))
    cases = _cases(f"golden_{name}.json")
    results = _run(page, "m.readout(decode(c.state), decode(c.data))", json.dumps(cases))
    problems = [m for c, got in zip(cases, results, strict=True)
                if (m := mismatch(c["readout"], got, c["name"], tol=1e-9)) is not None]
    assert problems == []


@pytest.mark.browser
def test_js_shows_every_golden_number_as_python_does(guarded_folder_page: Any, blank: Path) -> None:
    page = guarded_folder_page(blank)
    import_module(page, bundle(RUNTIME / "format.js", exports=("formatNumber",)))
    cases = _cases("golden_format.json")
    both = "[m.formatNumber(decode(c.x)), m.formatNumber(decode(c.x), true)]"
    shown = _run(page, both, json.dumps(cases))
    wrong = [(c["x"], c["text"], c["precise"], got) for c, got in zip(cases, shown, strict=True)
             if got != [c["text"], c["precise"]]]
    assert wrong == []


def test_golden_files_are_up_to_date_with_the_library() -> None:
    fresh = _generator().golden_files()
    assert sorted(fresh) == sorted(p.name for p in FIXTURES.glob("golden_*.json")), (
        "run `python tools/make_golden.py`")
    for file, text in fresh.items():
        new, old = json.loads(text)["cases"], _cases(file)
        def names(cases: list[dict[str, Any]]) -> list[Any]:
            return [c.get("name", c.get("x")) for c in cases]

        assert names(new) == names(old), (
            f"tests/fixtures/{file} is stale: run `python tools/make_golden.py`")
        for a, b in zip(new, old, strict=True):
            # Same library, maybe another BLAS: allow rounding-level differences only.
            assert mismatch(a, b, file, tol=1e-12) is None, (
                f"tests/fixtures/{file} is stale: run `python tools/make_golden.py`")


def test_golden_vectors_cover_the_hard_cases() -> None:
    names = {c["name"] for c in _cases("golden_math.json")}
    assert {"softmax_extreme", "softmax_ties", "softmax_small_T1e-300", "naive_softmax_overflow",
            "loss_extreme_soft_zeros", "gradient_step"} <= names
    readouts = json.dumps(_cases("golden_softmax.json"))
    for key in ("softmax.warn_overflow", "softmax.warn_underflow", "softmax.note_stable_exact",
                '"NaN"'):
        assert key in readouts
    shown = {c["text"] for c in _cases("golden_format.json")}
    assert {"NaN", "∞", "< 0.0001", "1000.1", "1.235e+5"} <= shown


def test_the_comparison_can_fail() -> None:
    case = _cases("golden_math.json")[0]
    wrong = [v + 2e-9 for v in case["out"]] if isinstance(case["out"], list) else case["out"] + 2e-9
    assert mismatch(case["out"], wrong) is not None
    assert mismatch({"key": "a"}, {"key": "b"}) is not None
    assert mismatch("NaN", 1.0) is not None
