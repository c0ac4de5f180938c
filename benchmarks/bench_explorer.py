"""Input → next frame latency of the explorers in headless Chromium: the flagship (softmax) at
3 and 10 classes, the 3.4.8 playground (a weight tip: regions, arrows, trails and the
readout redrawn on every move), the 3.4.3 cost explorer (its n handle: the curve, the points
and the readout) and the 3.4.5 broadcasting explorer (its axis menu: the grids, arrows and
code comments redrawn).

Not a test: it measures and prints. The explorer's static form (what the site ships) is served
on 127.0.0.1 and driven, N times per case, through Chromium's real input pipeline:

* key presses on a handle or a menu (ArrowUp/ArrowDown),
* mouse drags of a handle (pointermove events; sideways for the cost explorer's handle, which
  moves along the n axis; none for the broadcasting explorer, which has no handle),
* finger drags of a handle (CDP ``Input.dispatchTouchEvent``, i.e. touch → pointer events),

each timed from the event's timestamp until after the next frame (requestAnimationFrame, then a
message task: after paint), which includes the wait for the 60 Hz frame clock. The reference in
the same run is the same input on an element that does nothing (the browser's own pipeline);
the last column is the explorer's median over the reference's. Also timed: the
explorer's own work per input (handler, DOM writes and the style/layout they cause), timed
around keydown events dispatched from page script. Goal (issue 9): median ≤ 16 ms and p95 ≤ 33
ms from input to the next frame. Ratios are to the 16.7 ms frame budget.

    python benchmarks/bench_explorer.py [--n 300] [--classes 3 10] [--only-flagship]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from softmax_lab.explorers import (
    broadcast_explorer,
    parameter_cost_explorer,
    playground_explorer,
    softmax_explorer,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT))

from site_server import SiteServer  # noqa: E402

from tests._explorers import READY, center, static_html, write_page  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FRAME_MS = 1000 / 60
HANDLE = ".sl-explorer .sl-handle[data-index='0']"
TIP = ".sl-explorer .sl-pg-tip[data-index='0']"
N_HANDLE = ".sl-explorer [data-control='n-handle']"
AXIS_MENU = ".sl-explorer select[data-control='axis']"

# Registered once, after the explorer's own listeners, so it runs once the update is done.
LISTEN = """(selector) => {
  window.__lat = [];
  const target = document.querySelector(selector);
  const record = (ev) => {
    const start = ev.timeStamp;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => window.__lat.push(performance.now() - start);
      ch.port2.postMessage(0);
    });
  };
  target.addEventListener('keydown', record);
  target.addEventListener('pointermove', record);
}"""

WORK = """async ([selector, n, period]) => {
  const handle = document.querySelector(selector);
  const root = handle.closest('.sl-explorer');
  const out = [];
  for (let i = 0; i < n; i++) {
    await new Promise((r) => requestAnimationFrame(r));
    const key = Math.floor(i / period) % 2 ? 'ArrowDown' : 'ArrowUp';
    const t0 = performance.now();
    if (handle.tagName === 'SELECT') {  // a menu: what choosing the other option does
      handle.selectedIndex = 1 - handle.selectedIndex;
      handle.dispatchEvent(new Event('change', {bubbles: true}));
    } else {
      handle.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true}));
    }
    void root.offsetHeight;  // style and layout of what changed
    out.push(performance.now() - t0);
  }
  return out;
}"""


def _row(name: str, xs: list[float], ratio: float | None = None) -> str:
    xs = sorted(xs)
    med, p95 = statistics.median(xs), xs[min(len(xs) - 1, int(0.95 * len(xs)))]
    versus = "" if ratio is None else f"{ratio:.2f}"
    return (f"| {name} | {len(xs)} | {med:.2f} | {p95:.2f} | {med / FRAME_MS:.3f} | "
            f"{p95 / FRAME_MS:.3f} | {versus} |")


def _latencies(page: Any) -> list[float]:
    page.wait_for_timeout(150)
    return page.evaluate("window.__lat.splice(0)")


NOOP = """() => {
  const el = document.createElement('div');
  el.id = 'noop';
  el.tabIndex = 0;
  el.style.cssText = 'position:fixed;right:10px;top:10px;width:60px;height:60px;touch-action:none';
  el.addEventListener('pointerdown', (ev) => el.setPointerCapture(ev.pointerId));
  document.body.appendChild(el);
}"""


def _offset(i: int, drag: str) -> tuple[float, float]:
    """The i-th point of a drag, up to 30 px either way along the drag's direction."""
    d = 30 * ((i % 20) - 10) / 10 * (1 if drag == "vertical" else 3)
    return (0.0, d) if drag == "vertical" else (d, 0.0)


def _period(drag: str | None) -> int:
    """How many key presses go one way before turning back. A bar or a tip moves 40 steps;
    the cost handle (a few divisors of dq) and a two-option menu turn back at once, so that
    every press changes something."""
    return 40 if drag == "vertical" else 1


def _inputs(page: Any, selector: str, n: int, drag: str | None) -> dict[str, list[float]]:
    """Key presses, and unless ``drag`` is None a mouse drag and a finger drag, on
    ``selector``: latency to the next frame."""
    target = page.locator(selector)
    page.evaluate(LISTEN, selector)
    target.focus()
    for i in range(n):
        page.keyboard.press("ArrowUp" if (i // _period(drag)) % 2 == 0 else "ArrowDown")
    out = {"key press": _latencies(page)}
    if drag is None:
        return out
    x, y = center(target)
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(n):
        dx, dy = _offset(i, drag)
        page.mouse.move(x + dx, y + dy)
    page.mouse.up()
    out["mouse drag"] = _latencies(page)
    x, y = center(target)  # a handle that follows the pointer (a playground tip) has moved
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for i in range(n):
        dx, dy = _offset(i, drag)
        point = {"x": x + dx, "y": y + dy}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()
    out["touch drag"] = _latencies(page)
    return out


def bench(page: Any, n: int, name: str, handle: str = HANDLE,
          drag: str | None = "vertical") -> list[str]:
    rows = [_row(f"{name}, explorer's work per input (handler + DOM + layout)",
                 page.evaluate(WORK, [handle, n, _period(drag)]))]
    page.evaluate(NOOP)
    explorer = _inputs(page, handle, n, drag)
    reference = _inputs(page, "#noop", n, drag)
    for kind, xs in explorer.items():
        ratio = statistics.median(xs) / statistics.median(reference[kind])
        rows.append(_row(f"{name}, {kind} → next frame", xs, ratio))
        rows.append(_row(f"{name}, {kind} → next frame, reference (element that does nothing)",
                         reference[kind]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--classes", type=int, nargs="+", default=[3, 10])
    parser.add_argument("--only-flagship", action="store_true",
                        help="only the softmax explorer")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        cases = []  # (name, folder, handle, drag)

        def add(name: str, html: str, handle: str, drag: str | None = "vertical") -> None:
            folder = Path(tmp, f"case{len(cases)}")
            folder.mkdir()
            write_page(folder, [html])
            cases.append((name, folder.name, handle, drag))

        for q in args.classes:
            logits = tuple(float(k % 5) for k in range(q))
            add(f"q={q}", static_html(softmax_explorer, logits=logits, target=0), HANDLE)
        if not args.only_flagship:
            add("playground tip", static_html(playground_explorer), TIP)
            add("cost n handle", static_html(parameter_cost_explorer), N_HANDLE, "horizontal")
            add("broadcast axis menu", static_html(broadcast_explorer), AXIS_MENU, None)
        server = SiteServer(Path(tmp))
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for name, path, handle, drag in cases:
                context = browser.new_context(viewport={"width": 1000, "height": 900},
                                              has_touch=True)
                page = context.new_page()
                page.goto(f"{server.url}{path}/index.html")
                page.wait_for_selector(READY)
                page.locator(handle).scroll_into_view_if_needed()
                rows += bench(page, args.n, name, handle, drag)
                context.close()
        finally:
            browser.close()
            server.close()

    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"load average (1, 5, 15 min): {load} on {os.cpu_count()} CPUs")
    print("| case | n | median ms | p95 ms | median / 16.7 ms | p95 / 16.7 ms | "
          "median / reference |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
