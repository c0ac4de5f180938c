"""Message catalogs: one string per key and language, English as the fallback."""

import json
from importlib import resources

import pytest

from softmax_lab import i18n


@pytest.fixture(autouse=True)
def english():
    yield
    i18n.set_language("en")


def test_message_reads_the_english_catalog():
    assert i18n.message("figures.epoch") == "epoch"


def test_unknown_key_names_the_key():
    with pytest.raises(KeyError, match="figures.no_such_key"):
        i18n.message("figures.no_such_key")


def test_key_without_domain_is_rejected():
    with pytest.raises(ValueError, match="key"):
        i18n.message("epoch")


def test_set_language_rejects_unknown_languages():
    with pytest.raises(ValueError, match="language"):
        i18n.set_language("fr")
    with pytest.raises(TypeError, match="language"):
        i18n.set_language(None)  # type: ignore[arg-type]


def test_other_language_falls_back_to_english_for_missing_keys():
    i18n.set_language("ko")
    assert i18n.get_language() == "ko"
    english = i18n.catalog("figures", "en")
    assert i18n.message("figures.epoch") == i18n.catalog("figures", "ko").get(
        "epoch", english["epoch"])


def test_every_catalog_is_a_flat_mapping_of_strings():
    root = resources.files("softmax_lab").joinpath("messages")
    for lang in root.iterdir():
        for path in lang.iterdir():
            data = json.loads(path.read_text(encoding="utf-8"))
            assert all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()), path
