"""The site on a phone (375 × 812, touch) and in a desktop column, as a reader sees it.

* No page scrolls sideways on a phone (neither the page nor the theme's article column).
* Every figure, once drawn: its title, axis titles, annotations and legend inside the figure,
  clear of each other and of the mode bar, and a plot area of at least 55 % of its width —
  on a phone, and on a desktop with the mouse over the figure (when the mode bar shows). The
  figures inside the exercises' folded solutions are checked with the solutions opened.
* Code cells hold a 79-character line at 1280 px without scrolling.
* Wide tables on a phone keep their first column in place and show that they scroll.
* The exercises page shows no solution code or output before the reader opens a solution.
"""

from __future__ import annotations

from typing import Any

import pytest

from ._pages import (
    DESKTOP,
    PHONE,
    chapter_pages,
    figure_layout_problems,
    open_solutions,
    revealed_solutions,
    sideways_scroll,
    toc_pages,
    wait_for_figures,
)


@pytest.fixture
def open_page(guarded_site_page: Any) -> Any:
    """``open_page(name, device)`` -> the site's page ``name`` on ``device`` (PHONE, DESKTOP)."""
    return lambda name, device: guarded_site_page(name, **device)


@pytest.mark.parametrize("name", toc_pages())
def test_page_never_scrolls_sideways_on_a_phone(open_page: Any, name: str) -> None:
    page = open_page(name, PHONE)
    open_solutions(page)  # what the exercises' solutions show must fit as well
    wait_for_figures(page)  # drawn figures must fit too
    overflow = sideways_scroll(page)
    assert all(v <= 1 for v in overflow.values()), f"{name} scrolls sideways by {overflow} px"


@pytest.mark.parametrize("name", chapter_pages())
def test_figures_read_well_on_a_phone(open_page: Any, name: str) -> None:
    page = open_page(name, PHONE)
    open_solutions(page)
    if wait_for_figures(page) == 0:
        pytest.skip(f"{name} has no plotly figure")
    assert page.evaluate("() => document.querySelectorAll('.modebar').length") == 0, (
        "no mode bar on a touch screen")
    assert figure_layout_problems(page) == []


@pytest.mark.parametrize("name", chapter_pages())
def test_figures_read_well_on_a_desktop_with_the_mode_bar_showing(open_page: Any,
                                                                 name: str) -> None:
    page = open_page(name, DESKTOP)
    open_solutions(page)  # a figure in a folded solution can only be seen once opened
    count = wait_for_figures(page)
    if count == 0:
        pytest.skip(f"{name} has no plotly figure")
    problems = []
    for i in range(count):
        page.locator(".sl-plotly").nth(i).hover()
        page.wait_for_timeout(150)
        problems += figure_layout_problems(page)
    assert sorted(set(problems)) == []


@pytest.mark.parametrize("name", chapter_pages())
def test_code_cells_hold_79_characters_at_desktop_width(open_page: Any, name: str) -> None:
    page = open_page(name, DESKTOP)
    short = page.evaluate("""() => [...document.querySelectorAll('div.cell_input pre')]
        .filter(pre => pre.offsetWidth > 0).map(pre => {
          const probe = document.createElement('span');
          probe.textContent = 'x'.repeat(79);
          pre.appendChild(probe);
          const need = probe.getBoundingClientRect().width;
          probe.remove();
          const cs = getComputedStyle(pre);
          const room = pre.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
          return [Math.round(room), Math.round(need)];
        }).filter(([room, need]) => need > room)""")
    assert short == [], f"code columns narrower than 79 characters: {short[:3]}"


def test_wide_tables_keep_their_first_column_and_show_they_scroll_on_a_phone(
    open_page: Any,
) -> None:
    page = open_page("book/ch09_summary", PHONE)
    glossary = page.locator(".pst-scrollable-table-container", has_text="한국어").first
    glossary.scroll_into_view_if_needed()
    # Its section is laid out only as it nears the screen; the scroll cue follows that layout.
    glossary.evaluate("""box => new Promise(done => { const t0 = performance.now();
        (function wait() { if (box.parentElement.classList.contains('sl-table-scroll')
                               || performance.now() - t0 > 5000) done();
                           else requestAnimationFrame(wait); })(); })""")
    state = glossary.evaluate("""box => ({
        scrolls: box.scrollWidth > box.clientWidth,
        cue: getComputedStyle(box.parentElement, '::after').opacity,
        marked: box.parentElement.classList.contains('sl-table-scroll'),
        x: box.querySelector('tbody td').getBoundingClientRect().left,
        second: box.querySelector('tbody td:nth-child(2)').getBoundingClientRect().left})""")
    assert state["scrolls"], "the glossary is wider than a phone"
    assert state["marked"] and float(state["cue"]) > 0, "a fade shows there is more to the right"
    glossary.evaluate("box => { box.scrollLeft = 120; }")
    page.wait_for_timeout(100)
    after = glossary.evaluate("""box => ({
        x: box.querySelector('tbody td').getBoundingClientRect().left,
        second: box.querySelector('tbody td:nth-child(2)').getBoundingClientRect().left})""")
    assert abs(after["x"] - state["x"]) < 1, "the first column stays in place"
    assert after["second"] < state["second"] - 50, "the other columns scroll"


def test_exercises_page_shows_no_solution_code_or_output_before_a_solution_is_opened(
    open_page: Any,
) -> None:
    page = open_page("book/ch10_exercises", PHONE)
    assert revealed_solutions(page) == []
