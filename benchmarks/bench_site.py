"""First visit to every chapter on a slow phone: bytes, requests and main-thread blocking.

    python benchmarks/bench_site.py [_build/html] [--runs 3] [--throttle 4]

Each page is opened ``--runs`` times in a fresh headless Chromium context (no cache) at
375 × 812 (touch, device pixel ratio 2) with the CPU slowed ``--throttle`` times (DevTools
``Emulation.setCPUThrottlingRate``), at the top of the page, until the network is idle; long
tasks come from a ``PerformanceObserver`` installed before any script runs. Printed per page:
requests, bytes uncompressed (as transferred with gzip in brackets), the median total blocking
time (the part of each task beyond 50 ms, summed; the least of the runs in brackets, which is
the figure to trust on a machine shared with other jobs) and the median longest task, with the
ratio of bytes and median blocking time to their budgets (2 MB, 1 s; issue 10). A
measurement, not a test: paste the table into ``benchmarks/README.md`` with the date and the
machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from measure_site import (  # noqa: E402
    BUDGET_BYTES,
    BUDGET_TBT_MS,
    PHONE,
    chapter_pages,
    measure,
    pages,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=ROOT / "_build" / "html", type=Path)
    parser.add_argument("--runs", type=int, default=3, help="visits per page (medians)")
    parser.add_argument("--throttle", type=float, default=4.0, help="CPU slow-down factor")
    parser.add_argument("--all", action="store_true", help="every page, not only chapters")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        print(f"no built site at {args.site}: run `make site` first", file=sys.stderr)
        return 1
    names = pages() if args.all else chapter_pages()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    rows = measure(args.site, names, throttle=args.throttle, runs=args.runs,
                   context_options=PHONE)
    print(f"Measured {started}; Chromium at 375 × 812, CPU throttled {args.throttle:g}×, "
          f"medians of {args.runs} first visits")
    print()
    print("| page | requests | uncompressed (gzip) | / 2 MB | TBT ms, median (least) | / 1 s "
          "| longest task ms |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r.page.removeprefix('book/')} | {r.requests} | {r.raw_bytes / 1e6:.2f} MB "
              f"({r.wire_bytes / 1e6:.2f} MB) | {r.raw_bytes / BUDGET_BYTES:.2f} | "
              f"{r.tbt_ms:.0f} ({r.tbt_min_ms:.0f}) | {r.tbt_ms / BUDGET_TBT_MS:.2f} | "
              f"{r.longest_ms:.0f} |")
    over = [r.page for r in rows if r.raw_bytes > BUDGET_BYTES or r.tbt_ms > BUDGET_TBT_MS]
    print()
    print("every page within budget" if not over else f"over budget: {', '.join(over)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
