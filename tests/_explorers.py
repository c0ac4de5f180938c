"""Helpers for the explorer tests: drive an explorer in Chromium and read what it shows."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any


def axe_violations(page: Any) -> list[str]:
    """axe-core's violations on the page (the script ships inside axe-playwright-python)."""
    import axe_playwright_python

    axe_js = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")
    page.add_script_tag(content=axe_js)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
            for v in result["violations"]]


# ---- New-style explorers (one ES module, two hosts): helpers every explorer's tests use.

SPECIAL = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def decode(x: Any) -> Any:
    """A readout as it travels (non-finite numbers as strings) back to Python floats."""
    if isinstance(x, str) and x in SPECIAL:
        return SPECIAL[x]
    if isinstance(x, list):
        return [decode(v) for v in x]
    if isinstance(x, dict):
        return {k: decode(v) for k, v in x.items()}
    return x


def mismatch(expected: Any, got: Any, where: str = "", tol: float = 1e-9) -> str | None:
    """The first difference beyond ``tol`` between two readouts (wire form), or None."""
    if isinstance(expected, dict):
        if not isinstance(got, dict) or set(got) != set(expected):
            return f"{where}: expected keys {sorted(expected)}, got {got!r}"
        for k in expected:
            if (m := mismatch(expected[k], got[k], f"{where}.{k}", tol)) is not None:
                return m
        return None
    if isinstance(expected, list):
        if not isinstance(got, list) or len(got) != len(expected):
            return f"{where}: expected {len(expected)} values, got {got!r}"
        for i, (e, g) in enumerate(zip(expected, got, strict=True)):
            if (m := mismatch(e, g, f"{where}[{i}]", tol)) is not None:
                return m
        return None
    plain = (str, bool, type(None))
    if isinstance(expected, plain) or isinstance(got, plain):
        return None if expected == got and type(expected) is type(got) else (
            f"{where}: expected {expected!r}, got {got!r}")
    if not isinstance(got, (int, float)):
        return f"{where}: expected a number, got {got!r}"
    if not math.isclose(expected, got, rel_tol=tol, abs_tol=tol):
        return f"{where}: expected {expected!r}, got {got!r} (diff {abs(expected - got):.3g})"
    return None


def write_page(folder: Path, fragments: list[str], lang: str = "en") -> Path:
    """A standalone page holding explorer fragments (their static HTML), with room to scroll."""
    body = "\n".join(f"<section>{f}</section>" for f in fragments)
    (folder / "index.html").write_text(
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Explorers</title></head><body><main style='max-width:46rem;margin:0 auto;"
        f"padding:0 1rem'><h1>Explorers</h1>{body}<div style='height:1600px'></div></main>"
        "</body></html>",
        encoding="utf-8",
    )
    return folder


READY = ".sl-explorer .sl-footer"  # an explorer has rendered all of itself


def page_state(page: Any, index: int = 0) -> dict[str, Any]:
    """The state of the index-th explorer on the page, as its model holds it."""
    return page.evaluate(
        "i => document.querySelectorAll('.sl-explorer')[i].slExplorer.state()", index)


def page_readout(page: Any, index: int = 0) -> dict[str, Any]:
    """The readout the index-th explorer draws (wire form: NaN/±∞ as strings)."""
    from softmax_lab.explorers._wire import to_wire

    return to_wire(page.evaluate(
        "i => document.querySelectorAll('.sl-explorer')[i].slExplorer.readout()", index))


def center(locator: Any) -> tuple[float, float]:
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def mouse_drag(page: Any, locator: Any, dy: float, steps: int = 8) -> None:
    """Press the mouse on ``locator``'s centre, move ``dy`` pixels down (up if < 0), release."""
    x, y = center(locator)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y + dy, steps=steps)
    page.mouse.up()


def touch_path(page: Any, points: list[tuple[float, float]], pause_ms: int = 16) -> None:
    """One finger along ``points`` (viewport CSS pixels), through Chromium's real touch input
    (CDP ``Input.dispatchTouchEvent``; the page's context needs ``has_touch``)."""
    cdp = page.context.new_cdp_session(page)
    try:
        kinds = ["touchStart"] + ["touchMove"] * (len(points) - 1)
        for kind, (x, y) in zip(kinds, points, strict=True):
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": x, "y": y}]})
            page.wait_for_timeout(pause_ms)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        page.wait_for_timeout(pause_ms)
    finally:
        cdp.detach()


def touch_drag(page: Any, locator: Any, dy: float, steps: int = 8) -> None:
    """A finger on ``locator``'s centre, dragged ``dy`` pixels down (up if < 0)."""
    x, y = center(locator)
    touch_path(page, [(x, y + dy * k / steps) for k in range(steps + 1)])


def touch_swipe(page: Any, x: float, y: float, dy: float, steps: int = 10) -> float:
    """A vertical finger swipe from (x, y) by ``dy`` pixels; returns how far the page scrolled."""
    before = page.evaluate("window.scrollY")
    touch_path(page, [(x, y + dy * k / steps) for k in range(steps + 1)])
    page.wait_for_timeout(200)
    return page.evaluate("window.scrollY") - before


def touch_tap(page: Any, locator: Any) -> None:
    x, y = center(locator)
    touch_path(page, [(x, y)])


def handle_sizes(page: Any, index: int = 0) -> list[tuple[float, float]]:
    """Width and height (CSS pixels) of every handle (role=slider) in the index-th explorer."""
    root = page.locator(".sl-explorer").nth(index)
    return [(b["width"], b["height"]) for b in
            (h.bounding_box() for h in root.locator("[role=slider]").all())]


def import_module(page: Any, module_text: str) -> None:
    """Import an ES module text the way anywidget does (Blob URL) as ``window.__module``."""
    page.evaluate(
        """async (src) => {
          const url = URL.createObjectURL(new Blob([src], {type: 'text/javascript'}));
          window.__module = await import(url);
        }""",
        module_text,
    )


def visible_text_problems(page: Any, allowed: str) -> list[str]:
    """Text a reader sees (text nodes, aria-label/-valuetext, option labels) that is neither a
    message from the pseudo-language catalog (wrapped in ⟦ ⟧) nor in ``allowed`` characters.

    Render with a catalog in which every message is ⟦message⟧: whatever text remains outside
    the brackets was written into the code instead of the catalog. Formulas (``<math>``) are
    notation, the same in every language: they are left out, and the text around them is
    read as one piece."""
    return page.evaluate(
        r"""(allowed) => {
          const bad = [];
          const check = (text, where) => {
            let rest = text;  // innermost first: a message may hold another ("Done: ⟦goal⟧")
            while (/⟦[^⟦⟧]*⟧/.test(rest)) rest = rest.replace(/⟦[^⟦⟧]*⟧/g, '');
            const foreign = [...rest].some(ch => !allowed.includes(ch) && !/\s/.test(ch));
            if (foreign) bad.push(where + ': ' + text);
          };
          for (const shown of document.querySelectorAll('.sl-explorer')) {
            const root = shown.cloneNode(true);
            root.querySelectorAll('math').forEach((m) => m.remove());
            root.normalize();
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
              const node = walker.currentNode;
              if (node.parentElement.closest('style, script')) continue;
              check(node.textContent, node.parentElement.tagName);
            }
            for (const el of root.querySelectorAll('[aria-label], [aria-valuetext], [title]'))
              for (const a of ['aria-label', 'aria-valuetext', 'title'])
                if (el.hasAttribute(a)) check(el.getAttribute(a), a);
          }
          return bad;
        }""",
        allowed,
    )


def static_html(make: Any, **kwargs: Any) -> str:
    """The static-site HTML of ``make(**kwargs)`` (an explorer function), as the build emits it."""
    import os

    before = os.environ.get("SOFTMAX_LAB_STATIC")
    os.environ["SOFTMAX_LAB_STATIC"] = "1"
    try:
        return make(**kwargs).to_html()
    finally:
        if before is None:
            del os.environ["SOFTMAX_LAB_STATIC"]
        else:
            os.environ["SOFTMAX_LAB_STATIC"] = before


def pseudo_language_page(open_page: Any, folder: Path, cls: Any, state: dict[str, Any],
                         **static_options: Any) -> Any:
    """The static form of explorer class ``cls`` at ``state`` (with ``static_options``, such as
    a scrubber's ``data``), in a pseudo-language whose every message is ⟦message⟧, opened with
    ``open_page`` (the ``guarded_folder_page`` fixture); check it with
    :func:`visible_text_problems`."""
    from softmax_lab.explorers._hosts import static_html as static_form
    from softmax_lab.i18n import catalog

    english = catalog("explorers", "en")
    pseudo = {k: f"⟦{v}⟧" for k, v in english.items()}
    html = static_form(cls, state, language_catalogs={"en": english, "xx": pseudo},
                       **static_options)
    page = open_page(write_page(folder, [html], lang="xx"), ready=READY)
    assert page.locator(".sl-explorer .sl-title").inner_text().startswith("⟦")
    return page


def reload_from_link(page: Any, name: str) -> dict[str, Any]:
    """Press Share, reload the page at the address it wrote, and return the state it starts in."""
    page.locator(".sl-explorer [data-control='share']").click()
    assert f"#sl-{name}=" in page.url
    page.reload()
    page.wait_for_selector(READY)
    return page_state(page)


def states_from_broken_links(page: Any, name: str, links: list[str]) -> list[dict[str, Any]]:
    """The state the explorer starts in at each of ``links`` (the part after ``#sl-<name>=``)."""
    states = []
    for link in links:
        page.goto(page.url.split("#")[0] + f"#sl-{name}=" + link)
        page.reload()
        page.wait_for_selector(READY)
        states.append(page_state(page))
    return states
