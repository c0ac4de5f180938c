"""Input → updated latency of the flagship (softmax) explorer in headless Chromium.

Not a test: it measures and prints. The explorer's kernel-free HTML is served on 127.0.0.1 and
driven three ways, each N times:

* ``input`` events dispatched on a logit slider from page script, at staggered offsets within
  a frame: the handler time (compute + DOM writes), the handler plus a forced style/layout
  (the explorer's whole cost), and the time until the next frame has run
  (requestAnimationFrame, then a message task: after paint), which the 60 Hz frame clock
  bounds below by the wait for the next frame;
* real keyboard presses (Chromium's input pipeline) on a logit slider, from the event's
  timestamp to after the next frame;
* real pointer drags of a logit bar, likewise.

Goal (issue 5): median ≤ 16 ms and p95 ≤ 33 ms from input to updated. The script prints
median and p95 per case and their ratio to the 16.7 ms frame budget.

    python benchmarks/bench_explorer.py [--n 300] [--classes 3 10]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import tempfile
import threading
from pathlib import Path

from softmax_lab.explorers import softmax_explorer

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FRAME_MS = 1000 / 60

DISPATCH = """async ([n, q]) => {
  const root = document.querySelector('.sl-explorer-softmax');
  const slider = root.querySelector('[data-control=logit0]');
  const afterFrame = () => new Promise(r => requestAnimationFrame(() => {
    const ch = new MessageChannel(); ch.port1.onmessage = r; ch.port2.postMessage(0); }));
  const out = {handler: [], layout: [], frame: []};
  for (let i = 0; i < n; i++) {
    await afterFrame();
    // Real input lands anywhere within a frame: wait 0-15 ms after the last one.
    await new Promise(r => setTimeout(r, (i * 7) % 16));
    slider.value = String(((i * 37) % 200 - 100) / 10);
    const t0 = performance.now();
    slider.dispatchEvent(new Event('input', {bubbles: true}));
    const t1 = performance.now();
    void root.offsetHeight;  // force style + layout of what changed
    const t2 = performance.now();
    await afterFrame();
    const t3 = performance.now();
    out.handler.push(t1 - t0); out.layout.push(t2 - t0); out.frame.push(t3 - t0);
  }
  return out;
}"""

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
  // Registered after the explorer's own listeners, so it runs once the update is done.
  target.addEventListener('keydown', record);
  target.addEventListener('pointermove', record);
}"""


def _stats(xs: list[float]) -> tuple[float, float]:
    xs = sorted(xs)
    return statistics.median(xs), xs[min(len(xs) - 1, int(0.95 * len(xs)))]


def _row(name: str, xs: list[float]) -> str:
    med, p95 = _stats(xs)
    return (f"| {name} | {len(xs)} | {med:.2f} | {p95:.2f} | {med / FRAME_MS:.3f} | "
            f"{p95 / FRAME_MS:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--classes", type=int, nargs="+", default=[3, 10])
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a: object) -> None:
            pass

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for q in args.classes:
            logits = tuple(float(k % 5) for k in range(q))
            page_html = softmax_explorer(logits=logits, target=0).to_html()
            Path(tmp, f"q{q}.html").write_text(
                '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>'
                f"</head><body>{page_html}</body></html>", encoding="utf-8")
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Quiet, directory=tmp))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        for q in args.classes:
            page = browser.new_page(viewport={"width": 1000, "height": 900})
            page.goto(f"http://127.0.0.1:{server.server_port}/q{q}.html")
            out = page.evaluate(DISPATCH, [args.n, q])
            rows.append(_row(f"q={q}, input event: handler (compute + DOM)", out["handler"]))
            rows.append(_row(f"q={q}, input event: + style/layout", out["layout"]))
            rows.append(_row(f"q={q}, input event → next frame", out["frame"]))

            page.evaluate(LISTEN, ".sl-explorer-softmax [data-control=logit0]")
            slider = page.locator(".sl-explorer-softmax [data-control=logit0]")
            slider.focus()
            for i in range(args.n):
                page.keyboard.press("ArrowRight" if (i // 50) % 2 == 0 else "ArrowLeft")
            page.wait_for_timeout(100)
            rows.append(_row(f"q={q}, key press → next frame", page.evaluate("window.__lat")))

            page.evaluate(LISTEN, ".sl-explorer-softmax [data-bar='0']")
            box = page.locator(".sl-explorer-softmax [data-bar='0']").bounding_box()
            x, top, h = box["x"] + box["width"] / 2, box["y"], box["height"]
            page.mouse.move(x, top + h / 2)
            page.mouse.down()
            for i in range(args.n):
                frac = 0.1 + 0.8 * ((i * 7) % 100) / 100
                page.mouse.move(x, top + h * frac)
            page.mouse.up()
            page.wait_for_timeout(100)
            rows.append(_row(f"q={q}, bar drag (pointermove) → next frame",
                             page.evaluate("window.__lat")))
            page.close()
        browser.close()
        server.shutdown()

    print("| case | n | median ms | p95 ms | median / 16.7 ms | p95 / 16.7 ms |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
