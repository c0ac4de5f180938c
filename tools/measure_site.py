"""Page weight of the built site: bytes a first, uncached visit to each chapter transfers.

    python tools/measure_site.py [_build/html]

Serves the site on 127.0.0.1 (gzip, as static hosts do), opens every page of the table of
contents in a fresh headless Chromium context, waits for figures and formulas, and prints
the bytes sent for that page (compressed, as transferred, and raw). Budget: 3 MB per chapter.
A measurement, not a test: record the numbers in the README.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml
from site_server import SiteServer

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BUDGET = 3_000_000


def pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"], *(entry["file"] for entry in toc["chapters"])]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=ROOT / "_build" / "html", type=Path)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server = SiteServer(args.site)
    worst = 0
    print(f"{'page':45} {'requests':>8} {'transferred':>12} {'raw':>10}")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for name in pages():
                context = browser.new_context()
                context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
                    server.url) else r.abort())
                page = context.new_page()
                server.sent.clear()
                page.goto(server.url + name + ".html", wait_until="networkidle")
                for i in range(page.locator(".sl-plotly").count()):
                    page.locator(".sl-plotly").nth(i).scroll_into_view_if_needed()
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(500)
                page.wait_for_load_state("networkidle")
                wire = sum(s[1] for s in server.sent)
                raw = sum(s[2] for s in server.sent)
                worst = max(worst, wire)
                print(f"{name:45} {len(server.sent):8d} {wire / 1e6:10.2f}MB {raw / 1e6:8.2f}MB")
                context.close()
            browser.close()
    finally:
        server.close()
    verdict = "within" if worst <= BUDGET else "OVER"
    print(f"heaviest page: {worst / 1e6:.2f} MB transferred ({verdict} the 3 MB budget)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
