"""Page weight: a chapter's first visit on a phone loads at most 2 MB (uncompressed).

"First visit" is what ``tools/measure_site.py`` measures: a fresh browser context (no cache)
at 375 × 812, at the top of the page, until the network is idle. Figures further down load
plotly.js only when the reader scrolls near them. The blocking time under a 4× slower CPU is
measured, not tested: ``benchmarks/bench_site.py`` and the table in ``benchmarks/README.md``.
"""

from __future__ import annotations

from typing import Any

import pytest
from measure_site import BUDGET_BYTES, first_load

from ._pages import PHONE, chapter_pages


@pytest.mark.parametrize("name", chapter_pages())
def test_chapter_first_load_on_a_phone_is_within_two_megabytes(
    browser: Any, site_server: Any, name: str
) -> None:
    load = first_load(browser, site_server, name, context_options=PHONE)
    assert load.raw_bytes <= BUDGET_BYTES, (
        f"{name} loads {load.raw_bytes / 1e6:.2f} MB in {load.requests} requests")


def test_no_page_loads_what_it_no_longer_needs(browser: Any, site_server: Any) -> None:
    start = len(site_server.sent)
    first_load(browser, site_server, "book/ch04_softmax", context_options=PHONE)
    paths = [path for path, _, _ in site_server.sent[start:]]
    for unwanted in ("fontawesome.js", "mathjax", "searchindex.js", "searchtools.js", ".ttf"):
        assert not [p for p in paths if unwanted in p.lower()], (unwanted, paths)
