"""The explorer framework: bundling, state tables, wire format, numbers, messages, hooks."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
import traitlets

from softmax_lab.explorers import (
    BroadcastExplorer,
    CostExplorer,
    ExplorerWidget,
    InformationExplorer,
    OneHotExplorer,
    PlaygroundExplorer,
    ScrubberExplorer,
    SoftmaxExplorer,
    WeightsExplorer,
)
from softmax_lab.explorers._bundle import bundle, inline_script
from softmax_lab.explorers._format import class_number, format_number
from softmax_lab.explorers._hooks import HookFailure, as_scalar, as_vector, call_hook
from softmax_lab.explorers._hosts import explorer_config
from softmax_lab.explorers._table import Entry, StateTable
from softmax_lab.explorers._wire import to_wire
from softmax_lab.i18n import catalog
from softmax_lab.palette import CLASS_COLORS

EXPLORERS = Path(__file__).resolve().parents[1] / "lib" / "softmax_lab" / "explorers"
CONVERTED = [SoftmaxExplorer, InformationExplorer, OneHotExplorer, WeightsExplorer,
             CostExplorer, BroadcastExplorer, PlaygroundExplorer, ScrubberExplorer]


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# ---- bundling


def test_a_bundle_holds_each_file_once_before_its_importers_without_imports(tmp_path: Path) -> None:
    _write(tmp_path, {
        "a.js": "export function a() { return 1; }\n",
        "b.js": 'import { a } from "./a.js";\nexport const b = () => a() + 1;\n',
        "main.js": 'import { a } from "./a.js";\nimport {\n  b,\n} from "./b.js";\n'
                   "function render() { return a() + b(); }\nexport default { render };\n",
    })
    text = bundle(tmp_path / "main.js")
    assert text.index("function a()") < text.index("const b") < text.index("function render")
    assert text.count("function a()") == 1
    assert "import" not in text and "export default { render }" in text
    assert "export function" not in text and "export const" not in text


@pytest.mark.parametrize(
    ("files", "match"),
    [
        ({"main.js": 'import * as m from "./a.js";\n'}, "imports can be bundled"),
        ({"main.js": 'import a from "./a.js";\n'}, "imports can be bundled"),
        ({"a.js": "export function a() {}\n", "main.js": 'import { a as b } from "./a.js";\n'},
         "renamed"),
        ({"a.js": "export function a() {}\n", "main.js": 'import { c } from "./a.js";\n'},
         r"does not export \['c'\]"),
        ({"a.js": "export default {};\n", "main.js": 'import { } from "./a.js";\n'}, "export"),
        ({"a.js": "export function f() {}\n",
          "main.js": 'import { f } from "./a.js";\nfunction f() {}\n'}, "top-level name 'f'"),
        ({"a.js": 'import { b } from "./b.js";\nexport function a() {}\n',
          "b.js": 'import { a } from "./a.js";\nexport function b() {}\n',
          "main.js": 'import { a } from "./a.js";\n'}, "circular"),
        ({"main.js": 'import { x } from "lodash";\n'}, "not a relative import"),
    ],
)
def test_a_file_that_breaks_the_bundling_rules_is_named(tmp_path: Path, files, match) -> None:
    with pytest.raises(ValueError, match=match):
        bundle(_write(tmp_path, files) / "main.js")


def test_an_inlined_module_cannot_end_its_script_early() -> None:
    html = inline_script('const s = "</script><!-- x";')
    assert html.count("</script>") == 1 and "<!--" not in html


@pytest.mark.parametrize("cls", CONVERTED, ids=lambda c: c.__name__)
def test_every_converted_explorer_bundles_with_unique_names(cls: type[ExplorerWidget]) -> None:
    text = cls._esm
    assert "export default" in text and not re.search(r"^import\b", text, re.M)
    assert cls.state_table.name == Path(cls.esm_path).stem


# ---- state tables


def test_a_state_table_checks_values_and_names_the_argument() -> None:
    table = SoftmaxExplorer.state_table
    assert table.check("temperature", 2) == 2.0 and isinstance(table.check("temperature", 2), float)
    assert table.check("logits", np.array([1, 2, 3])) == [1.0, 2.0, 3.0]
    with pytest.raises(ValueError, match=r"^T: must be a finite number in \[0.01, 100\]"):
        table.check("temperature", 0.001, argument="T")
    with pytest.raises(TypeError, match="^temperature: expected a real number, got bool"):
        table.check("temperature", True)
    with pytest.raises(ValueError, match="^target: probabilities must sum to 1"):
        table.check("soft_label", [0.5, 0.6], argument="target")
    with pytest.raises(ValueError, match="^implementation: must be one of"):
        table.check("implementation", "fast")
    with pytest.raises(KeyError, match="no entry 'colour'"):
        table.check("colour", 1)


def test_a_state_table_takes_numpy_and_torch_integers_as_it_takes_ints() -> None:
    torch = pytest.importorskip("torch")
    table = BroadcastExplorer.state_table
    rows = np.array([1, 3]).max()            # np.int64, as y.max() gives
    assert table.check("rows", rows) == 3 and type(table.check("rows", rows)) is int
    assert table.check("axis", torch.tensor(1)) == 1
    with pytest.raises(ValueError, match=r"^rows: must be in \[1, 4\], got 7"):
        table.check("rows", np.int64(7))
    with pytest.raises(TypeError, match="^axis: expected an int, got float"):
        table.check("axis", 1.0)


def test_a_state_table_with_a_bad_default_or_preset_does_not_load(tmp_path: Path) -> None:
    entry = {"name": "t", "type": "number", "url": "t", "min": 0, "max": 1, "step": 0.1,
             "default": 2}
    (tmp_path / "x.json").write_text(json.dumps({"name": "x", "state": [entry]}))
    with pytest.raises(ValueError, match="default of t"):
        StateTable.load(tmp_path / "x.json")
    entry["default"] = 0.5
    (tmp_path / "x.json").write_text(json.dumps(
        {"name": "x", "state": [entry], "presets": [{"id": "p", "state": {"t": 5}}]}))
    with pytest.raises(ValueError, match="preset p"):
        StateTable.load(tmp_path / "x.json")


def test_state_traits_refuse_bad_values_from_python() -> None:
    trait = Entry({"name": "n", "type": "integer", "min": 0, "max": 3, "default": 0}).trait()

    class Holder(traitlets.HasTraits):
        n = trait

    holder = Holder()
    holder.n = 3
    with pytest.raises(traitlets.TraitError, match="n: must be"):
        holder.n = 4


@pytest.mark.parametrize("cls", CONVERTED, ids=lambda c: c.__name__)
def test_every_entry_has_a_unique_link_key_and_a_label(cls: type[ExplorerWidget]) -> None:
    entries = cls.state_table.entries
    keys = [e.spec["url"] for e in entries]
    assert len(set(keys)) == len(keys) and all(re.fullmatch(r"[A-Za-z]\w*", k) for k in keys)
    english = catalog("explorers", "en")
    assert all(e.spec.get("label") in english for e in entries)


# ---- wire, numbers, classes, colours


def test_non_finite_numbers_travel_as_strings() -> None:
    assert to_wire([math.nan, math.inf, -math.inf, 1.5]) == ["NaN", "Infinity", "-Infinity", 1.5]
    with pytest.raises(TypeError, match="cannot send a set"):
        to_wire({1})


@pytest.mark.parametrize(
    ("x", "text", "precise"),
    [
        (2.0, "2", "2"), (-3.0, "-3", "-3"), (0.1, "0.1", "0.1"),
        (0.30000000000000004, "0.3", "0.3"),
        (1.0, "1", "1"), (0.6590011388859679, "0.659", "0.6590011389"),
        (1.216e-37, "< 0.0001", "1.216e-37"), (-2e-9, "> -0.0001", "-2e-9"),
        (1000.1, "1000.1", "1000.1"), (1002.0, "1002", "1002"), (12.3456, "12.35", "12.3456"),
        (123456.7, "1.235e+5", "1.234567e+5"), (math.nan, "NaN", "NaN"), (math.inf, "∞", "∞"),
        (-0.0, "0", "0"), (0.03125, "0.03125", "0.03125"), (9.99996, "10", "9.99996"),
    ],
)
def test_numbers_show_four_significant_digits_integers_as_integers(x, text, precise) -> None:
    assert format_number(x) == text
    assert format_number(x, precise=True) == precise


def test_classes_count_from_one_for_the_reader() -> None:
    assert [class_number(j) for j in range(3)] == [1, 2, 3]


def test_the_explorers_get_the_librarys_class_colours() -> None:
    config = explorer_config(SoftmaxExplorer, SoftmaxExplorer.state_table.defaults(), [], "page")
    assert config["palette"] == list(CLASS_COLORS)


# ---- messages: every string a reader sees is in the catalog, and every message is used

# "softmax.title" in JS, JSON and readouts; "explorers.common.needs_js" for i18n.message().
_KEY = re.compile(r"""["'](?:explorers\.)?([a-z]+\.[a-z0-9_]+)["']""")


def _sources() -> dict[Path, str]:
    files = [*EXPLORERS.glob("*.js"), *EXPLORERS.glob("js/*.js"), *EXPLORERS.glob("*.json"),
             *EXPLORERS.glob("_*.py"), *(Path(c.esm_path).with_suffix(".py") for c in CONVERTED)]
    return {p: p.read_text(encoding="utf-8") for p in files}


def _used_keys() -> set[str]:
    keys = set()
    for text in _sources().values():
        keys |= {k for k in _KEY.findall(text) if not k.endswith((".js", ".json", ".css", ".py"))}
    return keys


def test_every_message_key_the_explorers_use_is_in_the_english_catalog() -> None:
    english = catalog("explorers", "en")
    missing = sorted(k for k in _used_keys() if k.split(".")[0] in {"common", "hook", "image"} | {
        c.state_table.name for c in CONVERTED} and k not in english)
    assert missing == []


def test_every_english_message_is_used() -> None:
    text = "\n".join(_sources().values())
    unused = [k for k in catalog("explorers", "en")
              if f'"{k}"' not in text and f'"explorers.{k}"' not in text]
    assert unused == []


def test_message_placeholders_are_plain_names() -> None:
    for key, text in catalog("explorers", "en").items():
        assert all(re.fullmatch(r"\w+", name) for name in re.findall(r"\{([^}]*)\}", text)), key


# ---- hooks


def test_a_hook_gets_a_copy_of_a_float64_array() -> None:
    original = np.array([1.0, 2.0])

    def mutate(o):
        o[0] = 99.0
        return o

    assert call_hook("softmax_fn", mutate, original).tolist() == [99.0, 2.0]
    assert original.tolist() == [1.0, 2.0]


@pytest.mark.parametrize(
    ("fn", "key"),
    [
        (lambda o: None, "hook.returned_none"),
        (lambda o: [][1], "hook.raised"),
    ],
)
def test_hook_failures_carry_a_message_key(fn, key) -> None:
    with pytest.raises(HookFailure) as info:
        call_hook("softmax_fn", fn, np.zeros(3))
    assert info.value.key == key and info.value.values["hook"] == "softmax_fn"


def test_hook_results_are_checked_for_shape() -> None:
    assert as_vector("f", [1, 2, 3], 3).dtype == np.float64
    with pytest.raises(HookFailure, match="hook.wrong_shape"):
        as_vector("f", [[1, 2, 3]], 3)
    assert as_scalar("f", np.array([2.5])) == 2.5
    with pytest.raises(HookFailure, match="hook.not_scalar"):
        as_scalar("f", [1, 2])
