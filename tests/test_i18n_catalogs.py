"""The Korean catalogs: every translated document is 100 % translated against the English
sources as they are *now*, and the catalogs hold exactly the messages a translator should see.

A chapter still being translated is listed in ``tests/_i18n.py`` (``UNTRANSLATED``) and its
coverage test is a strict xfail: it fails once the chapter is complete (remove it from the
list), and a translated chapter whose English changes fails until ``make translations`` has been
run and the changed messages are translated.
"""

from __future__ import annotations

import doctest
import json
import string
from importlib import resources

import pytest

from ._i18n import LANGUAGE, ROOT, UNTRANSLATED, catalogs, fresh_messages, toc_documents

SITE = catalogs.SITE_DOMAIN
DOCUMENTS = [SITE, *toc_documents()]


def _param(domain: str) -> object:
    if domain in UNTRANSLATED:
        return pytest.param(domain, marks=pytest.mark.xfail(
            strict=True, reason=f"{domain} is not translated yet; when it is, remove it from "
                                "UNTRANSLATED in tests/_i18n.py"))
    return domain


@pytest.mark.parametrize("domain", [_param(d) for d in DOCUMENTS])
def test_document_is_fully_translated_and_nothing_is_fuzzy(domain: str) -> None:
    english = fresh_messages().get(domain)
    assert english is not None, f"{domain} has no messages: is it in _toc.yml?"
    cov = catalogs.coverage(domain, LANGUAGE, english)
    po = catalogs.po_path(LANGUAGE, domain).relative_to(ROOT)
    first = "\n".join(f"  - {m[:100]!r}" for m in cov.missing[:5])
    assert cov.complete, (
        f"{domain}: {cov.translated}/{cov.total} messages translated ({cov.fuzzy} fuzzy). "
        f"Run `make translations`, then translate (and un-fuzzy) in {po}:\n{first}")


def test_untranslated_list_names_only_documents_that_exist() -> None:
    assert UNTRANSLATED <= set(toc_documents()), UNTRANSLATED - set(toc_documents())


def test_every_document_has_a_catalog_in_the_repository() -> None:
    missing = [d for d in DOCUMENTS if not catalogs.po_path(LANGUAGE, d).is_file()]
    assert not missing, f"run `make translations` to create {missing}"


def test_no_catalog_is_left_for_a_document_that_is_gone() -> None:
    stale = set(catalogs.domains(LANGUAGE)) - set(DOCUMENTS)
    assert not stale, f"delete the catalogs of removed documents: {sorted(stale)}"


def test_display_math_is_not_a_message() -> None:
    intro = fresh_messages()["book/intro"]
    assert not [m for m in intro if "\\frac{\\exp(o_j)}" in m], "the intro's $$ block is a message"
    assert any("$\\mathbf{o}$" in m for m in intro), "inline math stays inside its sentence"
    for domain, messages in fresh_messages().items():
        assert not [m for m in messages if m.startswith("\n")], f"{domain}: a math block"


def test_api_reference_docstrings_are_not_messages() -> None:
    api = fresh_messages()["book/api"]
    assert api, "the API page's own headings and paragraphs are messages"
    assert not [m for m in api if "Turn logits into probabilities" in m or ":py:obj:" in m]


def test_toc_titles_and_site_strings_are_in_the_site_catalog() -> None:
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    titles = [e["title"] for e in toc.get("chapters", []) if "title" in e]
    titles += [p["caption"] for p in toc.get("parts", []) if p.get("caption")]
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    site = fresh_messages()[SITE]
    missing = [t for t in [*titles, config["title"]] if t not in site]
    assert not missing, missing


def test_no_catalog_has_an_empty_message() -> None:
    # An empty msgid is the catalog's header: a second one breaks the .po file.
    for domain, messages in fresh_messages().items():
        assert "" not in messages, domain


def test_stat_prints_one_row_per_document(capsys: pytest.CaptureFixture[str]) -> None:
    import i18n

    i18n.stat()
    out = capsys.readouterr().out
    for domain in DOCUMENTS:
        assert f" {domain} " in out, domain
    assert "documents complete" in out


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_library_catalogs_in_korean_keep_the_english_keys_and_placeholders() -> None:
    # A Korean figure or explorer string with a placeholder the English lacks (or without one it
    # has) would raise, or show the wrong number, in a Korean notebook.
    root = resources.files("softmax_lab").joinpath("messages")
    for path in root.joinpath("en").iterdir():
        english = json.loads(path.read_text(encoding="utf-8"))
        korean_path = root.joinpath(LANGUAGE, path.name)
        korean = json.loads(korean_path.read_text("utf-8")) if korean_path.is_file() else {}
        assert set(korean) <= set(english), f"{path.name}: keys English lacks"
        for key, text in korean.items():
            assert _fields(text) == _fields(english[key]), f"{path.name}:{key}"


@pytest.mark.parametrize("module", ["catalogs", "search", "figures", "notebooks"])
def test_i18n_tool_doctests_pass(module: str) -> None:
    import importlib

    result = doctest.testmod(importlib.import_module(f"sl_i18n.{module}"))
    assert result.failed == 0
