"""What a first visit to each page costs: bytes, requests and main-thread blocking.

    python tools/measure_site.py [_build/html] [--throttle 4] [--width 375] [--runs 1]

Serves the site on 127.0.0.1 (gzip, as static hosts do) and opens every page of the table of
contents in a fresh headless Chromium context (no cache) at phone size, at the top of the
page, until the network is idle. It prints, per page: requests, bytes as transferred and
uncompressed, and, with ``--throttle N`` (the CPU slowed N times through the DevTools
protocol), the total blocking time (the part of each main-thread task beyond 50 ms, summed)
and the longest task. A measurement, not a test: ``benchmarks/bench_site.py`` runs it at 4×
and the table goes to ``benchmarks/README.md``; ``tests/test_budget.py`` checks the bytes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from site_server import SiteServer

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: Uncompressed bytes a chapter page may load before the reader scrolls (issue 10).
BUDGET_BYTES = 2_000_000
#: Total blocking time a chapter may cost at 4× CPU throttle and phone size (issue 10).
BUDGET_TBT_MS = 1000.0
PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}

# Long tasks from the very start of the page (the observer is installed before any script).
_LONG_TASKS = """
window.__slLongTasks = [];
try {
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) window.__slLongTasks.push([e.startTime, e.duration]);
  }).observe({type: "longtask", buffered: true});
} catch (err) { window.__slLongTasks = null; }
"""


@dataclass
class PageLoad:
    """One first visit: what it transferred and how long it held the main thread."""

    page: str
    requests: int
    wire_bytes: int
    raw_bytes: int
    tbt_ms: float
    longest_ms: float
    #: The least of several visits' blocking time (what the page costs when nothing else
    #: competes for the CPU); equal to ``tbt_ms`` for a single visit.
    tbt_min_ms: float = 0.0


def pages() -> list[str]:
    """Every page of the table of contents, as paths without ``.html``."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"], *(entry["file"] for entry in toc["chapters"])]


def chapter_pages() -> list[str]:
    """The chapter notebooks' pages (the ones the budget is about)."""
    return [p for p in pages() if (ROOT / f"{p}.ipynb").exists()]


def first_load(browser: Any, server: SiteServer, name: str, *, throttle: float = 1.0,
               context_options: dict[str, Any] | None = None) -> PageLoad:
    """Open ``name`` in a fresh context and measure it until the network is idle.

    Requests that leave 127.0.0.1 are aborted; the bytes are counted by the server, so they
    are exactly what the site sent for this page.
    """
    context = browser.new_context(**(context_options or PHONE))
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server.url)
                  else r.abort())
    context.add_init_script(_LONG_TASKS)
    page = context.new_page()
    try:
        if throttle != 1.0:
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        start = len(server.sent)
        page.goto(server.url + name + ".html", wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)  # tasks that start after the last request
        page.wait_for_load_state("networkidle")
        sent = server.sent[start:]
        tasks = page.evaluate("() => window.__slLongTasks") or []
    finally:
        context.close()
    return PageLoad(
        page=name,
        requests=len(sent),
        wire_bytes=sum(s[1] for s in sent),
        raw_bytes=sum(s[2] for s in sent),
        tbt_ms=(tbt := sum(max(0.0, d - 50.0) for _, d in tasks)),
        longest_ms=max((d for _, d in tasks), default=0.0),
        tbt_min_ms=tbt,
    )


def measure(site: Path, names: list[str], *, throttle: float = 1.0, runs: int = 1,
            context_options: dict[str, Any] | None = None) -> list[PageLoad]:
    """Median of ``runs`` first visits per page (bytes are the same on every run)."""
    from playwright.sync_api import sync_playwright

    server = SiteServer(site)
    out = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name in names:
                loads = [first_load(browser, server, name, throttle=throttle,
                                    context_options=context_options) for _ in range(runs)]
                out.append(PageLoad(
                    page=name,
                    requests=loads[0].requests,
                    wire_bytes=loads[0].wire_bytes,
                    raw_bytes=loads[0].raw_bytes,
                    tbt_ms=statistics.median(x.tbt_ms for x in loads),
                    longest_ms=statistics.median(x.longest_ms for x in loads),
                    tbt_min_ms=min(x.tbt_ms for x in loads),
                ))
            browser.close()
    finally:
        server.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=ROOT / "_build" / "html", type=Path)
    parser.add_argument("--throttle", type=float, default=1.0, help="CPU slow-down factor")
    parser.add_argument("--runs", type=int, default=1, help="visits per page (median)")
    args = parser.parse_args()
    rows = measure(args.site, pages(), throttle=args.throttle, runs=args.runs)
    print(f"{'page':40} {'requests':>8} {'transferred':>12} {'raw':>10} {'TBT':>8} "
          f"{'longest':>8}")
    for r in rows:
        print(f"{r.page:40} {r.requests:8d} {r.wire_bytes / 1e6:10.2f}MB "
              f"{r.raw_bytes / 1e6:8.2f}MB {r.tbt_ms:6.0f}ms {r.longest_ms:6.0f}ms")
    worst = max(r.raw_bytes for r in rows)
    verdict = "within" if worst <= BUDGET_BYTES else "OVER"
    print(f"heaviest page: {worst / 1e6:.2f} MB uncompressed ({verdict} the 2 MB budget)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
