"""The built site, read as files: links resolve, assets are local, buttons point where they should.

These checks need the built site (the ``site_dir`` fixture builds it, or ``SL_SITE_DIR`` names
one) but no browser; ``test_browser.py`` loads the same pages in Chromium.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from plotly.offline import get_plotlyjs_version

from softmax_lab.display import PLOTLY_SITE_PATH

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.site

# Elements whose URL the browser fetches on its own, and the attribute that holds it.
FETCHED = {"script": "src", "img": "src", "link": "href", "iframe": "src", "source": "src"}


def _config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def _chapters() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [e["file"] for e in toc["chapters"] if (ROOT / f"{e['file']}.ipynb").exists()]


def _pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html") if "_static" not in p.parts
                  and "_sources" not in p.parts)


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _is_external(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I))


def test_no_page_fetches_anything_from_another_host(site_dir: Path) -> None:
    offenders = []
    for page in _pages(site_dir):
        for tag, attr in FETCHED.items():
            for el in _soup(page).find_all(tag):
                url = el.get(attr)
                if tag == "link" and not set(el.get("rel", [])) & {
                    "stylesheet", "preload", "icon", "modulepreload", "prefetch", "manifest"
                }:
                    continue
                if url and _is_external(url):
                    offenders.append(f"{page.relative_to(site_dir)}: <{tag}> {url}")
    assert offenders == []


def test_internal_links_and_anchors_all_resolve(site_dir: Path) -> None:
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = {el["id"] for el in _soup(path).find_all(id=True)}
        return ids[path]

    broken = []
    for page in _pages(site_dir):
        soup = _soup(page)
        for el in soup.find_all(["a", "link", "script", "img"]):
            url = el.get("href") or el.get("src")
            if not url or _is_external(url) or url.startswith(("mailto:", "javascript:", "data:")):
                continue
            parts = urlsplit(url)
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site_dir)} -> {url}")
            elif parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in ids_of(target):
                    broken.append(f"{page.relative_to(site_dir)} -> {url} (no such anchor)")
    assert broken == []


def test_plotly_js_is_served_by_the_site_and_no_page_loads_it_eagerly(site_dir: Path) -> None:
    served = (site_dir / PLOTLY_SITE_PATH).read_bytes()
    # The site's bundle is plotly.js at the version the pip plotly package was built for.
    header = served[:300].decode("utf-8", errors="replace")
    assert f"v{get_plotlyjs_version()}" in header, header
    assert len(served) < 2_000_000, "the site serves the small cartesian bundle (tools/vendor)"
    for page in _pages(site_dir):
        scripts = [s.get("src") or "" for s in _soup(page).find_all("script")]
        assert not [src for src in scripts if "plotly" in src], f"{page.name} loads plotly eagerly"


def test_math_is_typeset_at_build_time_and_no_page_loads_a_math_script(site_dir: Path) -> None:
    pages_with_math = 0
    for page in _pages(site_dir):
        soup = _soup(page)
        scripts = [s.get("src", "") for s in soup.find_all("script")]
        assert not [s for s in scripts if "mathjax" in s.lower() or "katex" in s.lower()], page
        formulas = soup.select(".math")
        if not formulas:
            continue
        pages_with_math += 1
        assert all(f.select_one(".katex") for f in formulas), f"{page.name}: untypeset math"
        assert not soup.select(".katex-error"), page.name
        links = [link.get("href", "") for link in soup.find_all("link")]
        assert any(h.endswith("_static/vendor/katex/katex.min.css") for h in links), page.name
    assert pages_with_math >= 10, "the introduction and every chapter have formulas"
    css = (site_dir / "_static" / "vendor" / "katex" / "katex.min.css").read_text("utf-8")
    fonts = re.findall(r"url\(([^)]+)\)", css)
    assert fonts and all(f.endswith(".woff2") for f in fonts), "only woff2 fonts are served"
    assert all((site_dir / "_static" / "vendor" / "katex" / f).is_file() for f in fonts)


def test_no_page_loads_font_awesome_and_its_fonts_hold_every_icon_in_use(site_dir: Path) -> None:
    import sys

    from fontTools.ttLib import TTFont

    sys.path.insert(0, str(ROOT / "tools"))
    import sl_icons

    for page in _pages(site_dir):
        scripts = [s.get("src", "") for s in _soup(page).find_all("script")]
        assert not [s for s in scripts if "fontawesome" in s], page.name
    glyphs = sl_icons.glyphs_used(site_dir)
    assert {0xF002, 0xF09B, 0xF185} <= glyphs, "search, GitHub and the sun icon are in use"
    held: set[int] = set()
    for name in sl_icons.FONTS:
        path = site_dir / sl_icons.WEBFONTS / name
        assert path.stat().st_size < 12_000, f"{name} is not cut down"
        held |= set(TTFont(str(path)).getBestCmap())
    assert glyphs <= held, f"icons missing from the fonts: {sorted(map(hex, glyphs - held))}"


def test_search_index_and_scripts_load_only_on_the_search_page(site_dir: Path) -> None:
    for page in _pages(site_dir):
        scripts = [s.get("src", "") for s in _soup(page).find_all("script")]
        loads_index = any(s.split("?")[0].endswith("searchindex.js") for s in scripts)
        assert loads_index == (page.name == "search.html"), page.name


def _figure_specs(site_dir: Path) -> list[tuple[str, dict]]:
    out = []
    for page in _pages(site_dir):
        for tag in _soup(page).select('script[type="application/json"][id$="-spec"]'):
            out.append((page.name, json.loads(tag.string)))
    return out


def test_figures_carry_no_latex_labels(site_dir: Path) -> None:
    # No page loads MathJax, so plotly could not typeset a $…$ label: it would show raw TeX.
    specs = _figure_specs(site_dir)
    assert len(specs) >= 15, "the chapters draw their figures from JSON data"

    def strings(value: object) -> list[str]:
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    offenders = [f"{page}: {text}" for page, spec in specs for text in strings(spec)
                 if re.search(r"\$[^$]*\\[A-Za-z]+[^$]*\$", text)]
    assert offenders == []


def test_figures_have_no_fixed_width_and_the_book_config(site_dir: Path) -> None:
    for page, spec in _figure_specs(site_dir):
        assert "width" not in spec["layout"], page
        assert spec["config"]["responsive"] is True, page
        assert "sendChartToCloud" in spec["config"]["modeBarButtonsToRemove"], page


def test_no_thebe_requirejs_or_widget_manager_from_a_cdn(site_dir: Path) -> None:
    for page in _pages(site_dir):
        text = page.read_text(encoding="utf-8")
        for marker in ("thebe", "require.min.js", "embed-amd.js", "html-manager"):
            assert marker not in text.lower(), f"{page.name} mentions {marker}"


def test_every_chapter_has_colab_and_ipynb_download_buttons(site_dir: Path) -> None:
    cfg = _config()
    repo = cfg["repository"]["url"].rstrip("/").removeprefix("https://github.com/")
    branch = cfg["repository"]["branch"]
    for chapter in _chapters():
        soup = _soup(site_dir / f"{chapter}.html")
        hrefs = [a.get("href", "") for a in soup.find_all("a")]
        colab = f"https://colab.research.google.com/github/{repo}/blob/{branch}/{chapter}.ipynb"
        assert colab in hrefs, f"{chapter}: no Colab button to {colab}"
        downloads = [h for h in hrefs if h.endswith(f"_sources/{chapter}.ipynb")]
        assert downloads, f"{chapter}: no .ipynb download button"
        source = site_dir / "_sources" / f"{chapter}.ipynb"
        nb = json.loads(source.read_text(encoding="utf-8"))
        assert nb["cells"], f"{source} is empty"


def test_notebooks_ran_in_static_mode_so_no_widget_state_is_stored(site_dir: Path) -> None:
    executed = sorted((site_dir.parent / "jupyter_execute").rglob("*.ipynb"))
    assert len(executed) == len(_chapters()), "every chapter is executed at build time"
    for path in executed:
        text = path.read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget-view+json" not in text, path.name
        assert '"output_type": "error"' not in text, path.name


def test_api_reference_documents_the_library_from_its_docstrings(site_dir: Path) -> None:
    soup = _soup(site_dir / "book" / "api.html")
    documented = {el["id"] for el in soup.select("dt[id]")}
    for name in ("softmax", "log_softmax", "cross_entropy_loss", "entropy", "kl_divergence"):
        assert any(i.endswith(f".{name}") for i in documented), f"{name} is not in the API page"
    assert "softmax_lab.display.show" in documented


def test_search_index_covers_every_chapter(site_dir: Path) -> None:
    index = (site_dir / "searchindex.js").read_text(encoding="utf-8")
    for chapter in _chapters():
        assert f'"{chapter}"' in index, f"{chapter} is not searchable"


def test_build_check_flags_a_page_that_loads_from_another_host(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import sl_sphinx

    (tmp_path / "ok.html").write_text(
        '<script src="_static/x.js"></script><a href="https://example.org/">a link</a>'
        '<link rel="canonical" href="https://example.org/ok.html">', encoding="utf-8"
    )
    (tmp_path / "bad.html").write_text(
        '<script src="https://cdn.example.org/lib.js"></script>'
        '<link rel="stylesheet" href="//fonts.example.org/f.css">', encoding="utf-8"
    )
    warned: list[str] = []
    monkeypatch.setattr(sl_sphinx.logger, "warning", lambda msg, *a, **k: warned.append(msg % a))
    sl_sphinx._check_offline(tmp_path)
    assert len(warned) == 2 and all(w.startswith("bad.html loads") for w in warned), warned


def test_no_chapter_shows_unrendered_dollar_math(site_dir: Path) -> None:
    # A $$ block that MyST did not parse (e.g. inside a list item) reaches the page as literal
    # dollar signs around raw TeX; the reader sees "$ \frac{...} $" instead of an equation.
    offenders = []
    for chapter in _chapters():
        soup = _soup(site_dir / f"{chapter}.html")
        for el in soup(["script", "style", "pre", "code", "textarea"]):
            el.decompose()
        for el in soup.select(".math, .sl-explorer, .cell_output"):
            el.decompose()
        text = soup.get_text(" ")
        offenders += [f"{chapter}: …{text[max(0, m.start() - 40):m.start() + 30]}…"
                      for m in re.finditer(r"\$", text)]
    assert not offenders, "\n".join(offenders)
