"""Translated notebooks: markdown translated unit by unit, code untouched, the committed Korean
notebooks exactly what the generator makes from the English notebook and the catalog."""

from __future__ import annotations

import json

import pytest
from sl_i18n.notebooks import (
    LANGUAGE_CELL_ID,
    message_keys,
    translate_markdown,
    translate_notebook,
)

from ._i18n import LANGUAGE, ROOT, catalogs, chapters, fresh_messages

MARKDOWN = """\
# A title

A paragraph on
two lines with $x^2$ and a {py:func}`role <softmax_lab.softmax>`.

- **First** item
  wraps here
- second item
  1. nested item

| head | other |
|---|---|
| cell one | $z$ |

$$
\\frac{a}{b}
$$

````{exercise}
:label: ex-one

Exercise text.

```{hint}
:class: dropdown

Hint text.
```
````

```{math}
y = x
```

:::{admonition} A title of its own
:class: tip
Admonition body.
:::

```python
print("code is not text")
```
"""

CATALOG = {
    "A title": "제목",
    "A paragraph on two lines with $x^2$ and a {py:func}`role <softmax_lab.softmax>`.":
        "$x^2$와 {py:func}`역할 <softmax_lab.softmax>`이 든 문단",
    "**First** item wraps here": "**첫째** 항목",
    "nested item": "중첩 항목",
    "head": "머리",
    "cell one": "칸 하나",
    "Exercise text.": "연습 문제 본문.",
    "Hint text.": "힌트 본문.",
    "A title of its own": "자기 제목",
    "Admonition body.": "본문.",
}


def test_message_keys_are_sphinx_units_and_skip_math_code_and_options() -> None:
    assert message_keys(MARKDOWN) == [
        "A title",
        "A paragraph on two lines with $x^2$ and a {py:func}`role <softmax_lab.softmax>`.",
        "**First** item wraps here", "second item", "nested item",
        "head", "other", "cell one", "$z$",
        "Exercise text.", "Hint text.",
        "A title of its own", "Admonition body.",
    ]


def test_translation_replaces_each_unit_and_keeps_the_markup_around_it() -> None:
    out = translate_markdown(MARKDOWN, CATALOG)
    assert out.startswith("# 제목\n\n$x^2$와 {py:func}`역할 <softmax_lab.softmax>`이 든 문단\n")
    assert "- **첫째** 항목\n- second item\n  1. 중첩 항목\n" in out
    assert "| 머리 | other |\n|---|---|\n| 칸 하나 | $z$ |" in out
    assert "$$\n\\frac{a}{b}\n$$" in out
    assert "````{exercise}\n:label: ex-one\n\n연습 문제 본문.\n\n```{hint}\n:class: dropdown\n\n" \
           "힌트 본문.\n```\n````" in out
    assert "```{math}\ny = x\n```" in out
    assert ":::{admonition} 자기 제목\n:class: tip\n본문.\n:::" in out
    assert 'print("code is not text")' in out
    # What is translated parses into the same units, now in Korean.
    assert message_keys(out) == [CATALOG.get(k, k) for k in message_keys(MARKDOWN)]


def test_untranslated_units_stay_english() -> None:
    assert translate_markdown(MARKDOWN, {}) == MARKDOWN


def _notebook() -> dict:
    def cell(kind: str, source: str, i: int) -> dict:
        base = {"cell_type": kind, "id": f"c{i}", "metadata": {}, "source": source}
        if kind == "code":
            base.update(execution_count=None, outputs=[])
        return base

    cells = [cell("markdown", "# A title", 0), cell("code", "%pip install x", 1),
             cell("markdown", "A paragraph on\ntwo lines", 2), cell("code", "1 + 1", 3)]
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_translated_notebook_keeps_every_code_cell_and_sets_the_language_after_install() -> None:
    english = _notebook()
    korean = translate_notebook(english, {"A title": "제목"}, LANGUAGE)
    assert [c["source"] for c in korean["cells"]] == [
        "# 제목", "%pip install x", 'import softmax_lab\n\nsoftmax_lab.set_language("ko")',
        "A paragraph on\ntwo lines", "1 + 1"]
    assert korean["cells"][2]["id"] == LANGUAGE_CELL_ID
    assert english["cells"][0]["source"] == "# A title", "the English notebook is not changed"


def _english(chapter: str) -> dict:
    return json.loads((ROOT / f"{chapter}.ipynb").read_text(encoding="utf-8"))


@pytest.mark.parametrize("chapter", chapters())
def test_generator_finds_exactly_the_messages_sphinx_extracts(chapter: str) -> None:
    # The notebook generator and Sphinx must agree on every key, or a translated message would
    # reach the site but not the notebook (or the other way round).
    keys = {k for c in _english(chapter)["cells"] if c["cell_type"] == "markdown"
            for k in message_keys("".join(c["source"]))}
    extracted = set(fresh_messages()[chapter])
    assert extracted - keys == set(), "messages the notebook generator cannot find"
    assert keys - extracted == set(), "units the generator finds that Sphinx does not extract"


@pytest.mark.parametrize("chapter", chapters())
def test_committed_korean_notebook_is_what_the_generator_makes(chapter: str) -> None:
    import i18n

    english = ROOT / f"{chapter}.ipynb"
    committed = i18n.translated_notebook_path(LANGUAGE, english)
    assert committed.is_file(), f"run `make translations` to create {committed}"
    assert committed.read_text(encoding="utf-8") == i18n.translated_notebook(LANGUAGE, english), (
        f"{committed.relative_to(ROOT)} is out of date: run `make translations`")


@pytest.mark.parametrize("chapter", chapters())
def test_korean_notebook_has_the_english_code_cells_in_order(chapter: str) -> None:
    import i18n

    english = _english(chapter)
    path = i18n.translated_notebook_path(LANGUAGE, ROOT / f"{chapter}.ipynb")
    korean = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in korean["cells"] if c["cell_type"] == "code" and c["id"] != LANGUAGE_CELL_ID]
    assert [(c["id"], "".join(c["source"])) for c in code] == [
        (c["id"], "".join(c["source"])) for c in english["cells"] if c["cell_type"] == "code"]
    catalog = catalogs.translations(catalogs.po_path(LANGUAGE, chapter))
    markdown = "\n".join("".join(c["source"]) for c in korean["cells"]
                         if c["cell_type"] == "markdown")
    assert all(text in markdown for text in catalog.values()), "every translation is used"
