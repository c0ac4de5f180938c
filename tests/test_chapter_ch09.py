"""3.4.9 Summary: the chain checked step by step, numbers from the output, a glossary that
serves a Korean reader (issue 11)."""

from __future__ import annotations

import re

from . import _chapter
from ._chapter import BOOK, glued_keys, unglued_numbers

NAME = "ch09_summary"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
GLOSSARY_COLUMNS = ["English", "한국어", "meaning", "뜻", "번역투 (avoid)"]
NONE = "—"

#: Korean terms issue 11 names, and the standard terms the Korean edition uses: each must be a
#: glossary entry (in the 한국어 column).
REQUIRED_KOREAN = [
    "조건부 확률", "임계값", "하이퍼파라미터", "레이블 노이즈", "크로네커 곱", "검증 세트",
    "신뢰도 다이어그램", "기대 보정 오차", "순서형 회귀", "자기 정보", "놀람", "음의 로그 우도",
    "로그 우도", "혼동 행렬", "오차 행렬", "보정", "캘리브레이션", "소프트맥스 회귀",
    "원-핫 인코딩", "교차 엔트로피", "쿨백-라이블러 발산", "지수족", "특성",
]
#: Machine-translated renderings quoted in issue 11 -> the standard term of their row.
REQUIRED_MAPPINGS = {"지수 집합 모형": "지수족", "입력 형상": "특성"}

#: Numbers that are definitions, not results: removed before looking for unglued numbers.
DEFINITIONS = ["class 3 is index 2", "log base 2", "PAM-3"]  # names, not results


def markdown(name: str = NAME) -> list[str]:
    return _chapter.markdown(name)


def code_cells(name: str = NAME) -> list[tuple[set[str], str]]:
    return _chapter.code_cells(name)


def glossary() -> list[tuple[str, list[list[str]]]]:
    """``[(chapter file, rows)]``: one table per chapter section after '## Glossary'."""
    texts = markdown()
    start = next(i for i, t in enumerate(texts) if t.startswith("## Glossary"))
    sections = []
    for text in texts[start + 1:]:
        heading = re.match(r"### \[[^\]]+\]\((\w+)\.ipynb\)", text)
        if not heading:
            break
        lines = [line for line in text.splitlines() if line.startswith("|")]
        header = [c.strip() for c in lines[0].strip("|").split("|")]
        assert header == GLOSSARY_COLUMNS, header
        rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines[2:]]
        sections.append((heading.group(1), rows))
    return sections


def rows() -> list[list[str]]:
    return [row for _, section in glossary() for row in section]


def alternatives(cell: str) -> list[str]:
    """The terms of an English cell: 'nat / bit (units)' -> ['nat', 'bit']."""
    return [t.strip() for t in re.sub(r"\([^)]*\)", "", cell).split(" / ") if t.strip()]


def _plain(text: str) -> str:
    """Prose reduced for matching words: no emphasis, brackets, dash or spelling variants."""
    text = re.sub(r"[*_`()]", "", text.lower())
    text = re.sub(r"[\u2010-\u2015-]", " ", text)
    text = re.sub(r"is(e|ed|es|ing|ation|ations)\b", r"iz\1", text)
    return re.sub(r"\s+", " ", text)


def mentions(prose: str, term: str) -> bool:
    words = re.escape(_plain(term))
    plural = r"(s|es)?" if not words.endswith("y") else r""
    if words.endswith("y"):
        words = words[:-1] + r"(y|ies)"
    return re.search(rf"\b{words}{plural}\b", _plain(prose)) is not None


def summary_prose() -> str:
    """This page's prose outside the glossary tables."""
    return "\n".join(t for t in markdown() if not t.startswith("### ["))


# --- the glossary -------------------------------------------------------------------------

def test_every_glossary_row_has_korean_where_korean_belongs_and_english_elsewhere() -> None:
    assert len(rows()) >= 60
    for row in rows():
        assert len(row) == len(GLOSSARY_COLUMNS), row
        english, korean, meaning, tteut, avoid = row
        assert HANGUL.search(korean), f"{english}: no Korean term"
        assert HANGUL.search(tteut), f"{english}: the Korean definition has no Hangul"
        assert not HANGUL.search(english + meaning), f"{english}: Hangul in an English column"
        assert avoid == NONE or HANGUL.search(avoid), f"{english}: {avoid!r}"


def test_glossary_covers_the_korean_terms_issue_11_names() -> None:
    korean = " | ".join(row[1] for row in rows())
    missing = [term for term in REQUIRED_KOREAN if term not in korean]
    assert not missing, f"no glossary row for {missing}"


def test_machine_translated_renderings_map_to_the_standard_term() -> None:
    for awkward, standard in REQUIRED_MAPPINGS.items():
        row = next((r for r in rows() if awkward in r[4]), None)
        assert row is not None, f"{awkward!r} is in no row's avoid column"
        assert standard in row[1], f"{awkward!r} sits in the row of {row[1]!r}"


def test_no_row_lists_its_standard_term_as_one_to_avoid() -> None:
    for english, korean, *_, avoid in rows():
        standard = {t.strip() for t in re.split(r"[(),/]", korean) if t.strip()}
        avoided = {t.strip() for t in re.split(r"[(),/]", avoid) if t.strip()}
        assert not standard & avoided, f"{english}: {standard & avoided}"


def test_every_english_term_is_used_in_the_chapter_its_section_names() -> None:
    for chapter, section in glossary():
        prose = "\n".join(markdown(chapter))
        for english, *_ in section:
            for term in alternatives(english):
                assert mentions(prose, term) or mentions(summary_prose(), term), (
                    f"'{term}' is in the glossary under {chapter} but used neither there nor "
                    f"in the summary's prose")


def test_glossary_sections_follow_the_book() -> None:
    chapters = [chapter for chapter, _ in glossary()]
    assert chapters == sorted(chapters)
    assert all((BOOK / f"{c}.ipynb").is_file() for c in chapters)
    assert NAME not in chapters
    english = [term for row in rows() for term in alternatives(row[0])]
    assert len(english) == len(set(english)), "a term appears twice"


def test_term_matching_tells_a_used_term_from_an_absent_one() -> None:
    assert mentions("the **single-layer** neural network", "single-layer neural network")
    assert mentions("Vectorization for Minibatches", "vectorisation")
    assert mentions("straight decision boundaries", "decision boundary")
    assert mentions("smallest positive (subnormal) number", "subnormal number")
    assert not mentions("natural log", "nat")
    assert not mentions("a label", "label noise")


# --- the chain and its numbers ---------------------------------------------------------------

def test_every_step_of_the_chain_table_is_checked_in_a_check_cell() -> None:
    table = next(t for t in markdown() if t.startswith("## The chain on one page"))
    steps = re.findall(r"^\| \*\*(\w+)\*\* \|", table, flags=re.M)
    assert steps == ["data", "logits", "cost", "probabilities", "loss", "gradient", "update",
                     "prediction"]
    checks = "\n".join(source for tags, source in code_cells() if "check" in tags)
    unchecked = [s for s in steps if not re.search(rf"#\s*{s}\b", checks)]
    assert not unchecked, f"no check cell marks a check of {unchecked}"


def test_the_summary_computes_with_softmax_lab_and_defines_no_math_of_its_own() -> None:
    assert any("import softmax_lab as sl" in s for _, s in code_cells())
    assert _chapter.defined_functions(NAME) == [], "the summary defines its own functions"
    assert {"one_hot", "softmax", "cross_entropy_loss", "cross_entropy_loss_grad", "logsumexp",
            "fit_numpy", "confusion_matrix", "accuracy"} <= _chapter.library_calls(NAME)


def _unglued_numbers(text: str) -> list[str]:
    return unglued_numbers(text, tuple(DEFINITIONS))


def test_numbers_in_the_prose_are_glued_from_the_output() -> None:
    found = {n for text in markdown() for n in _unglued_numbers(text)}
    assert not found, f"numbers typed into the prose instead of glued: {sorted(found)}"


def test_the_number_scan_finds_a_typed_number() -> None:
    assert _unglued_numbers("the loss falls to 0.736 after 40 steps") == ["0.736", "40"]
    assert _unglued_numbers("in {glue:text}`steps:d` steps, $q = 10$, see [3.4.8](x.ipynb)"
                            ", `lr = 5`, float32, class 3 is index 2") == []


def test_every_glued_key_in_the_prose_is_glued_by_the_code() -> None:
    used = {key for t in markdown() for key in glued_keys(t)}
    glued = _chapter.glued_by_code(NAME)
    assert used, "the summary quotes no computed number"
    assert used <= glued, f"quoted but never glued: {sorted(used - glued)}"


def test_the_text_states_the_class_numbering_convention() -> None:
    prose = summary_prose()
    assert "class 3 is index 2" in prose
    assert re.search(r"\$1, \\dots, q\$", prose)
