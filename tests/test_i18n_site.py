"""The Korean site (``_build/html/ko``), read as files.

Every check of ``test_site.py`` that takes only the built site runs here again on the Korean
build (the few that are English by nature are listed with why, and replaced by Korean ones);
then what only a translated site has: ``<html lang>``, the language switch and its alternates,
Korean toc titles, Korean notebooks behind the download and Colab buttons, outputs shared with
the English build, and the API page's note.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from . import test_site as english
from ._i18n import LANGUAGE, ROOT, UNTRANSLATED, catalogs, chapters, toc_documents

pytestmark = pytest.mark.site

#: test_site.py checks that hold only for the English build, and the Korean test that replaces
#: each.
ENGLISH_ONLY = {
    "test_every_chapter_has_colab_and_ipynb_download_buttons":
        "Korean pages open the Korean notebooks: test_korean_buttons_open_the_korean_notebooks",
    "test_notebooks_ran_in_static_mode_so_no_widget_state_is_stored":
        "the Korean build executes nothing: test_korean_build_reuses_the_english_outputs",
}


def _site_checks() -> list[Callable[[Path], None]]:
    return [fn for name, fn in sorted(vars(english).items())
            if name.startswith("test_") and name not in ENGLISH_ONLY
            and list(inspect.signature(fn).parameters) == ["site_dir"]]


@pytest.fixture(scope="session")
def ko_dir(site_dir: Path) -> Path:
    path = site_dir / LANGUAGE
    if not (path / "index.html").is_file():
        pytest.fail(f"{path} is missing: the site was built without its Korean edition")
    return path


@pytest.mark.parametrize("check", _site_checks(), ids=lambda fn: fn.__name__)
def test_korean_site_passes_the_english_site_check(check: Callable[[Path], None],
                                                   ko_dir: Path) -> None:
    check(ko_dir)


def _pages(folder: Path, skip: str | None = None) -> list[Path]:
    """The HTML pages of one build (not ``index.html``, a bare redirect to the root page)."""
    return [p for p in english._pages(folder)
            if not (skip and p.relative_to(folder).parts[0] == skip)
            and p.relative_to(folder).as_posix() != "index.html"]


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_page_says_its_language(site_dir: Path, ko_dir: Path) -> None:
    for folder, lang, skip in ((site_dir, "en", LANGUAGE), (ko_dir, LANGUAGE, None)):
        wrong = [p.relative_to(folder).as_posix() for p in _pages(folder, skip)
                 if _soup(p).html.get("lang") != lang]
        assert not wrong, f'pages without <html lang="{lang}">: {wrong}'


def test_every_page_links_to_itself_in_the_other_language(site_dir: Path, ko_dir: Path) -> None:
    pairs = ((site_dir, ko_dir, LANGUAGE, "en"), (ko_dir, site_dir, "en", LANGUAGE))
    for here, there, other, own in pairs:
        pages = _pages(here, LANGUAGE if here == site_dir else None)
        assert len(pages) == len(_pages(there, LANGUAGE if there == site_dir else None))
        for page in pages:
            soup = _soup(page)
            name = page.relative_to(here)
            switch = soup.select(f"a.sl-language-switch[hreflang={other}]")
            assert len(switch) == 1, f"{name}: {len(switch)} switches to {other}"
            target = (page.parent / urlsplit(switch[0]["href"]).path).resolve()
            assert target == (there / name).resolve(), f"{name} -> {switch[0]['href']}"
            alternates = {link["hreflang"]: (page.parent / link["href"]).resolve()
                          for link in soup.select("link[rel=alternate][hreflang]")}
            assert alternates == {other: target, own: page.resolve()}, name


def test_korean_navigation_shows_the_translated_toc_titles(ko_dir: Path) -> None:
    site = catalogs.translations(catalogs.po_path(LANGUAGE, catalogs.SITE_DOMAIN))
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    soup = _soup(ko_dir / "book" / "intro.html")
    nav = [a.get_text(" ", strip=True) for a in soup.select("nav.bd-links a")]
    for entry in toc["chapters"]:
        if "title" in entry:
            assert site[entry["title"]] in nav, (entry["title"], nav)
    assert soup.title.get_text().endswith(site[yaml.safe_load(
        (ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]])


def test_korean_pages_use_the_translated_site_strings(ko_dir: Path) -> None:
    site = catalogs.translations(catalogs.po_path(LANGUAGE, catalogs.SITE_DOMAIN))
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    page = (ko_dir / "book" / "ch10_exercises.html").read_text(encoding="utf-8")
    assert site[config["html"]["extra_footer"]] in page
    assert f'{site["By"]} {config["author"]}' in page, "the theme's own Korean 'By' is replaced"
    hints = config["sphinx"]["config"]
    for name, variable in (("togglebutton_hint", "toggleHintShow"),
                           ("togglebutton_hint_hide", "toggleHintHide")):
        assert f"{variable} = '{site[hints[name]]}'" in page, name


def _article_blocks(page: Path) -> list[str]:
    soup = _soup(page)
    article = soup.select_one("article.bd-article")
    for el in article.select("pre, .math, .cell_output, .highlight, script, style, .headerlink"):
        el.decompose()
    # The API reference: docstrings are not messages (the Korean page says so); only the
    # headings of its module sections are translated.
    for el in article.select("dl.py, table.autosummary"):
        el.decompose()
    # The glossary (3.4.9) is bilingual by design: its English columns stay English.
    for el in article.select("section#glossary td"):
        el.decompose()
    for section in article.select('section[id^="module-"]'):
        for el in section.find_all(recursive=False):
            if el.name not in ("h1", "h2", "h3", "span", "section"):
                el.decompose()
    return [el.get_text(" ", strip=True) for el in article.select("p, h1, h2, h3, li, th, td")
            if el.get_text(strip=True)]


@pytest.mark.parametrize("document", [d for d in toc_documents() if d not in UNTRANSLATED])
def test_translated_page_has_no_english_text_block_left(document: str, ko_dir: Path) -> None:
    blocks = _article_blocks(ko_dir / f"{document}.html")
    english_only = [b for b in blocks if not re.search("[\uac00-\ud7a3]", b)
                    and re.search(r"[A-Za-z]{3,}.*\s.*[A-Za-z]{3,}", b)]
    assert blocks and not english_only, english_only


def test_korean_buttons_open_the_korean_notebooks(ko_dir: Path) -> None:
    import i18n

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    repo = config["repository"]["url"].rstrip("/").removeprefix("https://github.com/")
    branch = config["repository"]["branch"]
    for chapter in chapters():
        english_nb = ROOT / f"{chapter}.ipynb"
        committed = i18n.translated_notebook_path(LANGUAGE, english_nb)
        relative = committed.relative_to(ROOT).as_posix()
        hrefs = [a.get("href", "") for a in _soup(ko_dir / f"{chapter}.html").find_all("a")]
        colab = f"https://colab.research.google.com/github/{repo}/blob/{branch}/{relative}"
        assert colab in hrefs, f"{chapter}: no Colab button to {colab}"
        assert [h for h in hrefs if h.endswith(f"_sources/{chapter}.ipynb")], chapter
        served = (ko_dir / "_sources" / f"{chapter}.ipynb").read_text(encoding="utf-8")
        assert served == committed.read_text(encoding="utf-8"), (
            f"{chapter}: the download is not the committed Korean notebook")


_FIGURE_ID = re.compile(r'id="(sl-plotly-[0-9a-f]+)"')


def test_korean_build_reuses_the_english_outputs(site_dir: Path, ko_dir: Path) -> None:
    # Every figure gets a random element id when its cell runs: the same ids on both pages
    # mean the Korean page shows the English build's outputs, not a second execution.
    figures = 0
    for chapter in chapters():
        en_ids = _FIGURE_ID.findall((site_dir / f"{chapter}.html").read_text("utf-8"))
        ko_ids = _FIGURE_ID.findall((ko_dir / f"{chapter}.html").read_text("utf-8"))
        assert ko_ids == en_ids, f"{chapter} was executed again for the Korean build"
        figures += len(en_ids)
    assert figures > 0, "no figure ids to compare: the check no longer sees the outputs"


def test_korean_api_page_keeps_the_english_reference_under_a_korean_note(
    site_dir: Path, ko_dir: Path
) -> None:
    soup = _soup(ko_dir / "book" / "api.html")
    note = soup.select_one(".sl-i18n-note")
    assert note is not None and re.search("[\uac00-\ud7a3]", note.get_text())
    assert soup.select_one("dt[id$='.softmax']") is not None
    assert "Turn logits into probabilities" in soup.get_text()
    assert _soup(site_dir / "book" / "api.html").select_one(".sl-i18n-note") is None


def test_korean_search_index_knows_words_without_their_particles(ko_dir: Path) -> None:
    text = (ko_dir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1: text.rindex(")")])
    words = set(index["terms"]) | set(index["titleterms"])
    assert {"엔트로피", "소프트맥스", "교차", "소프트맥스를"} <= words
    # The browser strips particles from the query with the same list (sl_i18n/search.py).
    assert "SoftmaxLabPorter" in (ko_dir / "_static" / "language_data.js").read_text("utf-8")


def test_korean_notebooks_are_no_page_of_either_build(site_dir: Path, ko_dir: Path) -> None:
    for folder in (site_dir, ko_dir):
        assert not (folder / "locale").exists()
        assert not (folder / "_sources" / "locale").exists()


_PASTED = re.compile(r'<span class="pasted-text">[^<]+</span>')


@pytest.mark.parametrize("document", chapters())
def test_korean_page_shows_every_glued_number_the_english_page_shows(
    document: str, site_dir: Path, ko_dir: Path
) -> None:
    # A glue role inside a translated paragraph is parsed after myst-nb has let go of the
    # notebook's glue data (sl_i18n.glue hands it back): without that the number just vanishes.
    english = (site_dir / f"{document}.html").read_text(encoding="utf-8")
    korean = (ko_dir / f"{document}.html").read_text(encoding="utf-8")
    assert len(_PASTED.findall(korean)) == len(_PASTED.findall(english)), document
    assert "{glue:" not in korean


#: English words a Korean figure may keep: names of methods, codes and data sets, function
#: names and plotly's own hover markup.
FIGURE_WORDS_KEPT = {"PHM", "ECE", "SGD", "PAM", "Fashion", "MNIST", "softmax", "RealSoftMax",
                     "log", "max", "min", "fit_numpy"}


def _figure_strings(spec: object, key: str | None = None) -> list[str]:
    """Every string of a plotly spec that a reader sees (the keys the Korean build translates)."""
    from sl_i18n.figures import TEXT_KEYS, TEXT_LIST_KEYS

    if isinstance(spec, dict):
        return [s for k, v in spec.items() for s in _figure_strings(v, k)]
    if isinstance(spec, list):
        return [s for v in spec for s in (
            [v] if isinstance(v, str) and key in TEXT_LIST_KEYS else _figure_strings(v, key))]
    return [spec] if isinstance(spec, str) and key in TEXT_KEYS else []


def test_korean_figures_speak_korean(ko_dir: Path) -> None:
    # The library's figure text comes from its catalogs, the chapters' own titles and labels
    # from locale/ko/figures.json: no English word is left but names.
    spec_pattern = re.compile(r'<script type="application/json" id="[^"]*-spec">(.*?)</script>',
                              re.S)
    left = {}
    for chapter in chapters():
        text = (ko_dir / f"{chapter}.html").read_text("utf-8")
        for raw in spec_pattern.findall(text):
            for s in _figure_strings(json.loads(raw)):
                bare = re.sub(r"%\{[^}]*\}|<[^>]+>", " ", s)
                words = set(re.findall(r"[A-Za-z_]{3,}", bare)) - FIGURE_WORDS_KEPT
                if words:
                    left[s] = chapter
    assert left == {}, f"English left in Korean figures: {left}"
