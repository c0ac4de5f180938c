"""The built site in a real browser (Debian Chromium via Playwright), served on 127.0.0.1.

Every page in the table of contents must load with no request leaving the machine, no console
error, no 404, every plotly figure drawn (figures draw when they come near the screen), every
formula rendered by KaTeX with no raw TeX left, and no serious or critical accessibility
violation. Search must work offline, with snippets of prose (no TeX, no page chrome) and
Korean words findable, and screenshots of one chapter are written under the build folder for
people to look at.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from softmax_lab import display

from ._pages import toc_pages as book_pages
from ._pages import untypeset_math, wait_for_figures

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT_CHAPTER = "book/ch04_softmax"


def toc_pages() -> list[str]:
    """Every page the site has: the table of contents plus Sphinx's own pages."""
    return [*book_pages(), "genindex", "search", "py-modindex"]


def _open(page: Any, log: Any, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    page.wait_for_load_state("networkidle")


def _wait_for_figures(page: Any) -> int:
    """Scroll to every plotly figure, wait until each is drawn, and check its trace types."""
    count = wait_for_figures(page)
    # plotly.js draws a trace type its bundle lacks as an empty scatter, without an error.
    unsupported = page.evaluate(
        """() => [...document.querySelectorAll('.sl-plotly, .js-plotly-plot')].flatMap(el =>
               (el.data || []).map((t, i) => [t.type || 'scatter', (el._fullData[i] || {}).type])
               .filter(([asked, drawn]) => asked !== drawn).map(([asked]) => asked))"""
    )
    assert unsupported == [], f"trace types the site's plotly.js bundle lacks: {unsupported}"
    return count


def _check_math(page: Any) -> int:
    """Every formula rendered by KaTeX at build time, no raw TeX in the visible text."""
    problems = untypeset_math(page)
    assert problems == [], problems[:5]
    return page.locator(".math").count()


@pytest.mark.parametrize("name", toc_pages())
def test_page_loads_offline_cleanly_with_figures_and_math_rendered(
    guarded_page: tuple[Any, Any], site_server: Any, name: str
) -> None:
    page, log = guarded_page
    missing_before = len(site_server.missing)
    _open(page, log, site_server.url + name + ".html")
    figures = _wait_for_figures(page)
    _check_math(page)
    page.wait_for_load_state("networkidle")
    plotly_loads = [u for u in log.requested if u.split("?")[0].endswith(display.PLOTLY_SITE_PATH)]
    assert len(plotly_loads) == (1 if figures else 0), (
        f"{name} has {figures} figures and loaded plotly.js {len(plotly_loads)} times"
    )
    assert log.outside == [], f"{name} requested addresses outside this machine: {log.outside}"
    assert log.console_errors == [], f"{name} console errors: {log.console_errors}"
    assert log.page_errors == [], f"{name} uncaught errors: {log.page_errors}"
    assert log.failed == [], f"{name} failed requests: {log.failed}"
    assert site_server.missing[missing_before:] == [], "local assets answered 404"


@pytest.mark.parametrize("name", toc_pages())
def test_page_has_no_serious_or_critical_accessibility_violation(
    guarded_page: tuple[Any, Any], site_server: Any, name: str
) -> None:
    import axe_playwright_python

    page, log = guarded_page
    _open(page, log, site_server.url + name + ".html")
    _wait_for_figures(page)
    _check_math(page)
    axe_js = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")
    page.add_script_tag(content=axe_js)
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], f"{name}:\n" + "\n".join(bad)


def test_search_for_softmax_returns_results_offline(guarded_page: tuple[Any, Any],
                                                   site_server: Any) -> None:
    page, log = guarded_page
    _open(page, log, site_server.url + "search.html?q=softmax")
    page.wait_for_function(
        "() => document.querySelectorAll('#search-results li').length > 0", timeout=20_000
    )
    titles = page.locator("#search-results li a").all_inner_texts()
    assert any("softmax" in t.lower() for t in titles), titles
    assert log.outside == [] and log.console_errors == []


def _search(page: Any, log: Any, url: str, query: str) -> list[tuple[str, str]]:
    """Titles and snippets of the results for ``query`` (waits for every snippet)."""
    from urllib.parse import quote

    _open(page, log, f"{url}search.html?q={quote(query)}")
    page.wait_for_function(
        "() => document.querySelectorAll('#search-results li').length > 0", timeout=20_000)
    # Page results get a snippet (fetched); API objects get a description instead.
    page.wait_for_function(
        """() => [...document.querySelectorAll('#search-results li')]
                 .every(li => li.querySelector('p.context') || li.querySelector('span'))""",
        timeout=20_000)
    return page.evaluate(
        """() => [...document.querySelectorAll('#search-results li')]
                 .filter(li => li.querySelector('p.context'))
                 .map(li => [li.querySelector('a').textContent,
                             li.querySelector('p.context').textContent])""")


def test_search_snippets_are_prose_without_tex_or_page_chrome(
    guarded_page: tuple[Any, Any], site_server: Any
) -> None:
    page, log = guarded_page
    results = _search(page, log, site_server.url, "surprisal")
    assert len(results) >= 3
    for title, snippet in results:
        assert not re.search(r"\\[A-Za-z]+|\\\(|\$", snippet), f"{title}: TeX in {snippet!r}"
        for chrome in ("Skip to main content", "Open in Colab", "Download", "Previous",
                       "Contents", "Show code cell"):
            assert chrome not in snippet, f"{title}: page chrome {chrome!r} in {snippet!r}"
        assert "surpris" in snippet.lower(), (title, snippet)  # the stem the index matched
    assert log.outside == [] and log.console_errors == []


@pytest.mark.parametrize("word", ["엔트로피", "소프트맥스"])
def test_korean_glossary_terms_are_found_by_search(
    guarded_page: tuple[Any, Any], site_server: Any, word: str
) -> None:
    page, log = guarded_page
    results = _search(page, log, site_server.url, word)
    assert any("Summary" in title for title, _ in results), results
    assert any(word in snippet for _, snippet in results), results


def test_chapter_screenshots_at_desktop_and_phone_width_are_written(
    browser: Any, site_server: Any
) -> None:
    out = site_server.root.parent / "screenshots"
    out.mkdir(exist_ok=True)
    shots = {
        "desktop-light.png": ({"width": 1280, "height": 900}, "light"),
        "desktop-dark.png": ({"width": 1280, "height": 900}, "dark"),
        "phone-375.png": ({"width": 375, "height": 812}, "light"),
    }
    for filename, (viewport, scheme) in shots.items():
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        context.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url
                      else r.abort())
        page = context.new_page()
        page.goto(site_server.url + SCREENSHOT_CHAPTER + ".html", wait_until="load")
        page.wait_for_load_state("networkidle")
        _wait_for_figures(page)
        _check_math(page)
        assert page.evaluate("() => document.documentElement.dataset.theme") == scheme
        page.evaluate("() => window.scrollTo(0, 0)")
        page.wait_for_timeout(300)
        if viewport["width"] == 375:
            overflow = page.evaluate(
                "() => document.scrollingElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 1, f"the chapter scrolls sideways by {overflow}px on a phone"
        page.screenshot(path=str(out / filename), full_page=False)
        context.close()
        assert (out / filename).stat().st_size > 10_000


# --- the display helper, end to end, on a page laid out like the site's --------------------

def _figures_page(tmp_path: Path, site_dir: Path) -> Path:
    """A page in a folder next to the site's _static, with two figures, one with frames."""
    import plotly.graph_objects as go

    (tmp_path / "_static").symlink_to(site_dir / "_static", target_is_directory=True)
    (tmp_path / "t").mkdir()
    bar = go.Figure(go.Bar(x=["a", "b", "c"], y=[0.2, 0.5, 0.3]), layout={"title": "bars"})
    moving = go.Figure(
        data=[go.Scatter(x=[0, 1, 2], y=[0, 0, 0], mode="markers")],
        frames=[go.Frame(data=[go.Scatter(x=[0, 1, 2], y=[k, k, k])], name=str(k))
                for k in range(1, 4)],
        layout={"title": "frames", "yaxis": {"range": [-1, 4]}},
    )
    body = "\n".join(display.as_displayable(f).to_html() for f in (bar, moving))
    page = tmp_path / "t" / "figures.html"
    page.write_text(
        '<!doctype html><html lang="en" data-content_root="../"><head><meta charset="utf-8">'
        f"<title>figures</title></head><body><main>{body}</main></body></html>",
        encoding="utf-8",
    )
    return page


def test_display_draws_figures_with_the_sites_plotly_loaded_once_and_frames_paused(
    browser: Any, site_dir: Path, tmp_path: Path, serve_folder: Any, loopback: Any
) -> None:
    _figures_page(tmp_path, site_dir)
    base = serve_folder(tmp_path)
    context = browser.new_context()
    requested: list[str] = []

    def guard(route: Any) -> None:
        requested.append(route.request.url)
        if loopback(route.request.url):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(base + "t/figures.html")
        assert _wait_for_figures(page) == 2
        plotly_requests = [u for u in requested if u.endswith(display.PLOTLY_SITE_PATH)]
        assert len(plotly_requests) == 1, requested
        assert all(loopback(u) for u in requested), requested
        page.wait_for_timeout(800)  # an auto-playing animation would have moved by now
        ys = page.evaluate(
            "() => Array.from(document.querySelectorAll('.sl-plotly')[1]._fullData[0].y)"
        )
        assert list(ys) == [0, 0, 0], f"the figure with frames played on load: y={ys}"
        assert errors == []
    finally:
        context.close()


def test_figures_switch_to_light_text_when_the_reader_picks_dark_mode(
    browser: Any, site_dir: Path, tmp_path: Path, serve_folder: Any, loopback: Any
) -> None:
    _figures_page(tmp_path, site_dir)
    base = serve_folder(tmp_path)
    context = browser.new_context()
    context.route("**/*", lambda r: r.continue_() if loopback(r.request.url) else r.abort())
    try:
        page = context.new_page()
        page.goto(base + "t/figures.html")
        assert _wait_for_figures(page) == 2
        font = "() => document.querySelectorAll('.sl-plotly')[0]._fullLayout.font.color"
        light = page.evaluate(font)
        page.evaluate("() => document.documentElement.setAttribute('data-theme', 'dark')")
        page.wait_for_function(f"() => ({font})() !== {light!r}", timeout=5000)
        dark = page.evaluate(font)
        grid = page.evaluate(
            "() => document.querySelectorAll('.sl-plotly')[0]._fullLayout.yaxis.gridcolor"
        )
        assert dark == "#d7dde4" and grid == "#343b45", (dark, grid)
        page.evaluate("() => document.documentElement.setAttribute('data-theme', 'light')")
        page.wait_for_function(f"() => ({font})() === {light!r}", timeout=5000)
    finally:
        context.close()


def test_pages_without_figures_do_not_load_plotly(guarded_page: tuple[Any, Any],
                                                  site_server: Any) -> None:
    page, log = guarded_page
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    _open(page, log, site_server.url + "book/intro.html")
    assert page.locator(".sl-plotly").count() == 0
    assert not [u for u in requested if "plotly" in u], requested


def test_request_guard_aborts_and_records_requests_leaving_the_machine(
    guarded_page: tuple[Any, Any], serve_folder: Any, tmp_path: Path
) -> None:
    # 203.0.113.0/24 is reserved for documentation: the guard aborts the request before it
    # is sent, so nothing leaves the machine either way.
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>guard</title></head><body>'
        '<img alt="" src="http://203.0.113.7/pixel.png"><img alt="" src="local.png"></body></html>',
        encoding="utf-8",
    )
    page, log = guarded_page
    page.goto(serve_folder(tmp_path) + "index.html", wait_until="load")
    assert log.outside == ["http://203.0.113.7/pixel.png"]
    assert [f for f in log.failed if f.endswith("/local.png")], "a local 404 is recorded"


def test_exercise_solutions_start_collapsed_and_open_on_click(
    guarded_page: tuple[Any, Any], site_server: Any
) -> None:
    page, log = guarded_page
    _open(page, log, site_server.url + "book/ch10_exercises.html")
    solutions = page.locator(".solution")
    assert solutions.count() >= 1, "the exercises chapter has worked solutions"
    for i in range(solutions.count()):
        assert "toggle-hidden" in (solutions.nth(i).get_attribute("class") or ""), i
    solutions.first.locator("button").first.click()
    page.wait_for_function(
        "() => !document.querySelector('.solution').classList.contains('toggle-hidden')"
    )
