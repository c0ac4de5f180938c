"""What is a message: toc titles and part captions, translated where Sphinx cannot."""

from __future__ import annotations

from sl_i18n.messages import translate_toctree
from sphinx import addnodes


def _toctree(caption: str | None) -> addnodes.toctree:
    node = addnodes.toctree()
    node["entries"] = [("3.4.1 Classification Problem", "book/ch01"), (None, "book/ch02")]
    node["caption"] = caption
    node["rawcaption"] = caption or ""
    return node


def test_toc_titles_and_part_caption_are_translated() -> None:
    node = _toctree("Part one")
    translate_toctree(node, {"3.4.1 Classification Problem": "3.4.1 분류 문제",
                             "Part one": "1부"})
    assert node["entries"] == [("3.4.1 분류 문제", "book/ch01"), (None, "book/ch02")]
    assert node["caption"] == "1부"
    assert node["rawcaption"] == "Part one", "the raw caption stays the English message"


def test_untranslated_titles_stay_and_an_empty_caption_is_no_message() -> None:
    node = _toctree(None)
    translate_toctree(node, {})
    assert node["entries"][0][0] == "3.4.1 Classification Problem"
    assert node.extract_original_messages() == []
