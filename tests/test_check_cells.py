"""The mechanisms the chapters use to keep checks and answers folded, on a one-page fixture book.

``tests/fixtures/check_cells`` is built with the book's own extension and theme: a lesson cell,
a cell tagged ``check``, and an exercise whose solution is gated (``solution-start`` …
``solution-end``) around a code cell. The check is folded behind "Show the check" and still
ran; the solution's code and output stay hidden until the reader opens the solution.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from ._pages import revealed_solutions

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "check_cells"
pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("check-cells")
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q",
         "-d", str(out / "doctrees"), str(FIXTURE), str(out / "html")],
        check=True, env={**os.environ, "SOFTMAX_LAB_STATIC": "1"}, cwd=FIXTURE,
    )
    return out / "html"


def _cell(soup: BeautifulSoup, text: str) -> Any:
    return next(c for c in soup.select("div.cell") if text in c.get_text())


def _output(page: Any, text: str) -> Any:
    return page.locator("div.cell_output pre", has_text=text)


def test_check_cell_is_folded_behind_show_the_check_and_still_ran(fixture_site: Path) -> None:
    soup = BeautifulSoup((fixture_site / "index.html").read_text("utf-8"), "html.parser")
    check = _cell(soup, "assert total == 10")
    details = check.select_one("details")
    assert details is not None and details.get("open") is None, "folded, closed"
    assert details.select_one("summary").get_text(" ", strip=True).startswith("Show the check")
    assert "CHECK-RAN" in details.get_text(), "its output is there (it ran), inside the fold"
    lesson = _cell(soup, "LESSON-OUTPUT")
    assert lesson.select_one("details") is None, "the lesson's cell is not folded"


def test_solution_code_and_output_sit_inside_the_gated_solution(fixture_site: Path) -> None:
    soup = BeautifulSoup((fixture_site / "index.html").read_text("utf-8"), "html.parser")
    solution = soup.select_one(".solution")
    assert solution is not None and "dropdown" in solution["class"]
    assert "SOLUTION-OUTPUT" in solution.get_text(), "the solution's output is in the solution"
    assert "answer = 1 + 1" in solution.get_text()


def test_reader_sees_no_answer_until_opening_the_solution_and_can_open_the_check(
    browser: Any, serve_folder: Any, fixture_site: Path
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, has_touch=True)
    try:
        page = context.new_page()
        page.goto(serve_folder(fixture_site) + "index.html", wait_until="load")
        page.wait_for_load_state("networkidle")
        assert revealed_solutions(page) == []
        answer, check = _output(page, "SOLUTION-OUTPUT"), _output(page, "CHECK-RAN")
        assert not answer.is_visible() and not check.is_visible()
        assert _output(page, "LESSON-OUTPUT").is_visible()
        page.get_by_text("Show the check").click()
        assert check.is_visible()
        page.locator(".solution button").first.click()
        page.wait_for_function(
            "() => !document.querySelector('.solution').classList.contains('toggle-hidden')")
        assert answer.is_visible()
    finally:
        context.close()


def test_the_check_opens_from_the_keyboard(browser: Any, serve_folder: Any,
                                           fixture_site: Path) -> None:
    page = browser.new_page()
    try:
        page.goto(serve_folder(fixture_site) + "index.html", wait_until="load")
        page.locator("div.cell.sl-check summary").focus()
        page.keyboard.press("Enter")
        assert _output(page, "CHECK-RAN").is_visible()
    finally:
        page.close()
