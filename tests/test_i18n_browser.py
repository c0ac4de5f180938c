"""The Korean site in Chromium: the English pages' browser checks again, Korean search, the
language switch on every page, and screenshots to look at.

Served by the same loopback server as the English site (``_build/html``, Korean under ``ko/``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from sl_i18n.search import SearchKorean, strip_particle

from . import test_browser as english
from ._i18n import LANGUAGE, UNTRANSLATED

#: What a Korean reader searches for, and pages that must be among the results. Pages still in
#: UNTRANSLATED are left out until they are translated; add a chapter's terms when you add it.
SEARCHES: dict[str, list[str]] = {
    "엔트로피": ["book/intro", "book/ch06_loss_function", "book/ch07_information_theory"],
    "소프트맥스": ["book/intro", "book/ch04_softmax", "book/ch06_loss_function"],
    "교차 엔트로피": ["book/intro", "book/ch06_loss_function", "book/ch07_information_theory"],
    "소프트맥스의": ["book/intro", "book/ch04_softmax"],
    "확률": ["book/intro", "book/ch04_softmax"],
    "참조": ["book/intro", "book/api"],
    "순서형": ["book/ch01_classification"],
    "템플릿": ["book/ch02_network_architecture", "book/ch03_parameterization_cost"],
    "크로네커 곱": ["book/ch03_parameterization_cost"],
    "온도": ["book/ch04_softmax"],
    "브로드캐스팅": ["book/ch05_minibatch_vectorization"],
    "우도": ["book/ch06_loss_function", "book/ch07_information_theory"],
    "놀람": ["book/ch07_information_theory"],
    "혼동 행렬": ["book/ch08_prediction_evaluation"],
    "브래들리": ["book/ch10_exercises"],
    "볼츠만": ["book/ch10_exercises"],
    "지수족": ["book/ch09_summary"],
}


@dataclass
class KoreanSite:
    """The Korean build, seen through the English site's server (``site_server``'s shape)."""

    url: str
    root: Any
    missing: list[str] = field(default_factory=list)


@pytest.fixture
def ko_server(site_server: Any) -> KoreanSite:
    if not (site_server.root / LANGUAGE / "index.html").is_file():
        pytest.fail(f"{site_server.root / LANGUAGE} is missing: build the site with make site")
    # Share the server's 404 list, so the English checks see the Korean pages' misses.
    return KoreanSite(site_server.url + f"{LANGUAGE}/", site_server.root / LANGUAGE,
                      site_server.missing)


#: test_browser.py checks that hold only for the English pages, and what replaces each here.
ENGLISH_ONLY = {
    "test_search_for_softmax_returns_results_offline":
        "an English query: test_korean_search_finds_the_pages_that_use_a_word_in_any_form",
}


def _checks(*parameters: str) -> list[Callable[..., None]]:
    """test_browser.py's checks whose parameters are exactly ``parameters``."""
    return [fn for name, fn in sorted(vars(english).items())
            if name.startswith("test_") and name not in ENGLISH_ONLY
            and list(inspect.signature(fn).parameters) == list(parameters)]


@pytest.mark.parametrize("name", english.toc_pages())
@pytest.mark.parametrize("check", _checks("guarded_page", "site_server", "name"),
                         ids=lambda fn: fn.__name__)
def test_korean_page_passes_the_english_page_check(
    check: Callable[..., None], guarded_page: tuple[Any, Any], ko_server: KoreanSite, name: str
) -> None:
    check(guarded_page, ko_server, name)


@pytest.mark.parametrize("check", _checks("guarded_page", "site_server"),
                         ids=lambda fn: fn.__name__)
def test_korean_site_passes_the_english_browser_check(
    check: Callable[..., None], guarded_page: tuple[Any, Any], ko_server: KoreanSite
) -> None:
    check(guarded_page, ko_server)


def _results(page: Any, url: str) -> list[str]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(url, wait_until="load")
    try:
        # Results are appended one by one (5 ms apart); Sphinx's searchtools writes the
        # summary line ("found N pages") only after the last one, so a busy machine cannot
        # cut the list short.
        page.wait_for_function(
            "() => document.querySelectorAll('#search-results li').length > 0 && "
            "(document.querySelector('#search-results .search-summary')?.innerText || '')"
            ".trim() !== ''", timeout=15_000)
    except PlaywrightTimeout:
        return []
    hrefs = page.eval_on_selector_all("#search-results li a",
                                      "links => links.map(a => a.getAttribute('href'))")
    return [h.split("#")[0].split("?")[0].removesuffix(".html") for h in hrefs]


@pytest.mark.parametrize("query", sorted(SEARCHES))
def test_korean_search_finds_the_pages_that_use_a_word_in_any_form(
    guarded_page: tuple[Any, Any], ko_server: KoreanSite, query: str
) -> None:
    page, log = guarded_page
    found = _results(page, f"{ko_server.url}search.html?q={query}")
    expected = [p for p in SEARCHES[query] if p not in UNTRANSLATED]
    assert expected, "every expectation waits for a translation: nothing is tested"
    assert set(expected) <= set(found), f"{query!r} found {found}"
    assert log.outside == [] and log.console_errors == []


def test_browser_strips_particles_from_a_query_as_the_index_does(
    guarded_page: tuple[Any, Any], ko_server: KoreanSite
) -> None:
    page, _ = guarded_page
    page.goto(ko_server.url + "search.html", wait_until="load")
    words = ["엔트로피는", "엔트로피의", "소프트맥스로", "정규화한다", "확률", "softmax의",
             "losses", "Softmax"]
    in_browser = page.evaluate(
        "words => words.map(w => new Stemmer().stemWord(w.toLowerCase()))", words)
    lang = SearchKorean({})
    assert in_browser == [lang.stem(strip_particle(w.lower())) for w in words]


@pytest.mark.parametrize("name", english.toc_pages())
def test_language_switch_round_trips_to_the_same_page(
    guarded_page: tuple[Any, Any], site_server: Any, name: str
) -> None:
    page, log = guarded_page
    start = f"{site_server.url}{name}.html"
    # The switch is plain HTML: no need to wait for figures or formulas.
    page.goto(start, wait_until="domcontentloaded")
    page.locator(f"a.sl-language-switch[hreflang={LANGUAGE}]").click()
    page.wait_for_url(f"{site_server.url}{LANGUAGE}/{name}.html", wait_until="domcontentloaded")
    assert page.evaluate("() => document.documentElement.lang") == LANGUAGE
    page.locator("a.sl-language-switch[hreflang=en]").click()
    page.wait_for_url(start, wait_until="domcontentloaded")
    assert page.evaluate("() => document.documentElement.lang") == "en"
    assert log.failed == [] and log.outside == []


def test_korean_screenshots_at_desktop_and_phone_width_are_written(
    browser: Any, site_server: Any
) -> None:
    out = site_server.root.parent / "screenshots"
    out.mkdir(exist_ok=True)
    for page_name, tag in (("book/intro", "intro"), (english.SCREENSHOT_CHAPTER, "chapter")):
        for viewport, scheme in (({"width": 1280, "height": 900}, "light"),
                                 ({"width": 1280, "height": 900}, "dark"),
                                 ({"width": 375, "height": 812}, "light")):
            context = browser.new_context(viewport=viewport, color_scheme=scheme)
            context.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url
                          else r.abort())
            page = context.new_page()
            page.goto(f"{site_server.url}{LANGUAGE}/{page_name}.html", wait_until="load")
            page.wait_for_load_state("networkidle")
            switch = page.locator("a.sl-language-switch").bounding_box()
            assert switch and switch["x"] + switch["width"] <= viewport["width"], (
                f"the language switch is off screen at {viewport['width']} px")
            overflow = page.evaluate(
                "() => document.scrollingElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{page_name} scrolls sideways by {overflow}px"
            path = out / f"ko-{tag}-{viewport['width']}-{scheme}.png"
            page.screenshot(path=str(path))
            context.close()
            assert path.stat().st_size > 10_000


#: Every chapter with explorers, and the title keys of the explorers it shows.
EXPLORER_PAGES = {"book/ch01_classification": ["onehot.title"],
                  "book/ch02_network_architecture": ["weights.title"],
                  "book/ch03_parameterization_cost": ["cost.title"],
                  "book/ch04_softmax": ["softmax.title"],
                  "book/ch05_minibatch_vectorization": ["broadcast.title"],
                  "book/ch06_loss_function": ["softmax.title"],
                  "book/ch07_information_theory": ["information.title"],
                  "book/ch08_prediction_evaluation": ["playground.title", "scrubber.title"]}


def _explorers_on(page: Any, url: str) -> list[dict[str, Any]]:
    """Title, state and readout (wire form) of every explorer on the page at ``url``."""
    from softmax_lab.explorers._wire import to_wire

    from ._explorers import READY
    from ._pages import lay_out_everything

    page.goto(url, wait_until="load")
    page.wait_for_selector(READY)
    lay_out_everything(page)
    found = page.evaluate("""() => [...document.querySelectorAll('.sl-explorer')].map(el => ({
        title: (el.querySelector('.sl-title') || {}).innerText || '',
        buttons: [...el.querySelectorAll('button')].map(b => b.innerText.trim()),
        state: el.slExplorer.state(), readout: el.slExplorer.readout()}))""")
    return [{**f, "readout": to_wire(f["readout"])} for f in found]


@pytest.mark.parametrize("name", sorted(EXPLORER_PAGES))
def test_explorers_on_korean_pages_speak_korean_and_give_the_english_numbers(
    guarded_page: tuple[Any, Any], site_server: Any, ko_server: KoreanSite, name: str
) -> None:
    from softmax_lab.i18n import catalog

    page, log = guarded_page
    korean = _explorers_on(page, f"{ko_server.url}{name}.html")
    english = _explorers_on(page, f"{site_server.url}{name}.html")
    titles = [e["title"].strip() for e in korean]
    for key in EXPLORER_PAGES[name]:
        assert catalog("explorers", LANGUAGE)[key] in titles, (key, titles)
    assert len(korean) == len(english)
    for ko, en in zip(korean, english, strict=True):
        assert ko["state"] == en["state"] and ko["readout"] == en["readout"], ko["title"]
    reset = catalog("explorers", LANGUAGE)["common.reset"]
    buttons = [e["buttons"] for e in korean]
    assert all(any(reset in b for b in shown) for shown in buttons), buttons
    assert log.console_errors == [] and log.page_errors == []
