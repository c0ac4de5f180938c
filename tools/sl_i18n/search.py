"""Search for the Korean pages: index each word with its particle stripped, as well as as written.

Korean attaches particles (조사) to the word they follow: a page says 엔트로피는, 엔트로피의,
엔트로피를, never 엔트로피 alone, so a whitespace tokenizer (what ``language = "ko"`` gets from
Sphinx, silently, as English) finds none of them for the query 엔트로피. Here:

* the index holds every word as written **and** its stem without the longest common particle
  or verb ending it ends in (엔트로피는 → 엔트로피, 정규화한다 → 정규화);
* the reader's query is stripped the same way in the browser (엔트로피의 → 엔트로피), so any
  form of a word finds every form of it;
* words without Hangul are stemmed as English (Porter), like Sphinx's English search, so Latin
  terms on a Korean page (softmax, PyTorch) stay findable.

Stripping can over-reach (평가 "evaluation" → 평); since query and index are stripped alike the
reader still finds every page with the word, at worst with a few extra results.
"""

from __future__ import annotations

import json
import re

from sphinx.search.en import SearchEnglish

#: Particles and endings removed from the end of a word, longest first at match time.
PARTICLES: tuple[str, ...] = (
    # case particles and their common combinations
    "은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "께", "한테",
    "으로", "로", "와", "과", "도", "만", "부터", "까지", "처럼", "보다", "마다", "조차",
    "이나", "나", "이며", "이고", "이란", "란", "이라는", "라는", "이라고", "라고",
    "에는", "에서는", "으로는", "로는", "에도", "에서도", "으로도", "로도", "와의", "과의",
    "으로서", "로서", "으로써", "로써", "에서의", "으로의", "로의", "만큼", "뿐",
    # the copula and 하다/되다 endings that turn a noun into a predicate
    "이다", "입니다", "이에요", "예요", "하다", "한다", "하는", "한", "하고", "하면", "해서",
    "합니다", "하며", "된다", "되는", "된", "되고", "되면", "됩니다",
)
_BY_LENGTH = sorted(set(PARTICLES), key=len, reverse=True)
_HANGUL = re.compile("[\uac00-\ud7a3]")


def has_hangul(word: str) -> bool:
    return _HANGUL.search(word) is not None


def strip_particle(word: str) -> str:
    """``word`` without the longest particle or ending it ends in (at least one letter stays).

    >>> strip_particle("엔트로피는"), strip_particle("softmax의"), strip_particle("엔트로피")
    ('엔트로피', 'softmax', '엔트로피')
    """
    for particle in _BY_LENGTH:
        if len(word) > len(particle) and word.endswith(particle):
            return word[: -len(particle)]
    return word


# The browser-side twin of strip_particle + stem, around Sphinx's Porter stemmer for English.
_JS_STEMMER = """
var SoftmaxLabPorter = Stemmer;
var Stemmer = function() {
  var porter = new SoftmaxLabPorter();
  var particles = __PARTICLES__;
  var hangul = /[\\uac00-\\ud7a3]/;
  this.stemWord = function(w) {
    if (hangul.test(w)) {
      for (var i = 0; i < particles.length; i++) {
        var p = particles[i];
        if (w.length > p.length && w.slice(-p.length) === p) { w = w.slice(0, -p.length); break; }
      }
    }
    return hangul.test(w) ? w : porter.stemWord(w);
  };
};
"""


class SearchKorean(SearchEnglish):
    """Sphinx search language ``ko``: particle-aware for Hangul, Porter for Latin words."""

    lang = "ko"
    language_name = "Korean"
    js_stemmer_code = SearchEnglish.js_stemmer_code + _JS_STEMMER.replace(
        "__PARTICLES__", json.dumps(_BY_LENGTH, ensure_ascii=False))

    def split(self, input: str) -> list[str]:
        words = []
        for word in super().split(input):
            words.append(word)
            stem = strip_particle(word) if has_hangul(word) else word
            if stem != word:
                words.append(stem)
        return words

    def stem(self, word: str) -> str:
        return word.lower() if has_hangul(word) else super().stem(word)
