"""Korean search: a word is found in any of its particle-attached forms."""

from __future__ import annotations

import pytest
from sl_i18n.search import SearchKorean, strip_particle


@pytest.mark.parametrize(("word", "stem"), [
    ("엔트로피는", "엔트로피"), ("엔트로피의", "엔트로피"), ("엔트로피를", "엔트로피"),
    ("엔트로피에서는", "엔트로피"), ("소프트맥스로", "소프트맥스"), ("확률과", "확률"),
    ("정규화한다", "정규화"), ("softmax의", "softmax"), ("엔트로피", "엔트로피"),
    ("이", "이"), ("손실", "손실"),
])
def test_strip_particle_removes_the_longest_particle_or_ending(word: str, stem: str) -> None:
    assert strip_particle(word) == stem


def test_split_indexes_each_word_as_written_and_without_its_particle() -> None:
    words = SearchKorean({}).split("교차 엔트로피는 softmax의 손실을 줄인다")
    assert words == ["교차", "엔트로피는", "엔트로피", "softmax의", "softmax", "손실을", "손실",
                     "줄인다"]


def test_stem_keeps_hangul_and_stems_english_like_the_english_search() -> None:
    lang = SearchKorean({})
    assert lang.stem("엔트로피") == "엔트로피"
    assert lang.stem("Losses") == "loss"


@pytest.mark.parametrize("query", ["엔트로피", "엔트로피의", "엔트로피를"])
def test_every_form_of_a_query_meets_every_form_on_a_page(query: str) -> None:
    # What the browser looks up (strip, then stem) is among what the index holds for a page
    # that says 엔트로피는.
    lang = SearchKorean({})
    indexed = {lang.stem(w) for w in lang.split("이 장의 엔트로피는 정보의 평균이다")}
    assert lang.stem(strip_particle(query)) in indexed
