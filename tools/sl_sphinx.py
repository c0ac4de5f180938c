"""Sphinx extension for the book: make the built site self-contained, light and honest.

Loaded from ``_config.yml`` (``sphinx.local_extensions``). It

* sets ``SOFTMAX_LAB_STATIC=1`` before any notebook runs, so explorers store only their
  kernel-free HTML form (the kernels that myst-nb starts inherit this environment);
* copies plotly.js (the cartesian bundle vendored in ``tools/vendor``; the ``plotly`` package's
  full bundle if that is missing, with a warning) to ``_static/vendor/plotly.min.js``, which
  pages load only when a figure comes near the screen;
* warns (an error under ``-W``) when a built page references a script, stylesheet, image or
  font on another host;
* and sets up the rest of the site, one module each: math typeset at build time by KaTeX
  (``sl_katex``), the theme's icon fonts cut to the glyphs in use (``sl_icons``), the
  theme's template and script without what a reader does not need (``sl_theme``), search
  snippets (``sl_search``) and verification cells folded behind "Show the check"
  (``sl_cells``).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import sl_cells
import sl_icons
import sl_katex
import sl_search
import sl_theme
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
VENDOR = Path(__file__).resolve().parent / "vendor"

# src= / href= of elements that the browser fetches by itself (not <a> links).
_FETCHED = re.compile(
    r"<(?:script|img|iframe|source|audio|video|embed)\b[^>]*?\bsrc=[\"']([^\"']+)"
    r"|<link\b[^>]*?\bhref=[\"']([^\"']+)",
    re.I,
)


def site_plotly_js() -> Path | None:
    """The plotly.js bundle the site serves: npm's cartesian build (1.5 MB, 0.5 MB gzipped).

    It has every trace type the book draws (scatter, bar, heatmap, histogram, contour, box,
    violin, image, pie) at a third of the full bundle's size. It is vendored (MIT licence,
    npm's ``plotly.js-cartesian-dist-min``) so that a fresh clone needs no npm; its version
    equals the one the pip ``plotly`` package bundles (a site test checks).
    """
    path = VENDOR / "plotly.js-cartesian-dist-min" / "plotly-cartesian.min.js"
    return path if path.is_file() else None


def _copy_assets(app: Sphinx, exc: BaseException | None) -> None:
    if exc is not None or app.builder.format != "html":
        return
    from softmax_lab.display import PLOTLY_SITE_PATH, plotly_js_path

    out = Path(app.outdir)
    plotly_target = out / PLOTLY_SITE_PATH
    plotly_target.parent.mkdir(parents=True, exist_ok=True)
    source = site_plotly_js()
    if source is None:
        source = plotly_js_path()
        logger.warning(
            "tools/vendor has no plotly.js-cartesian-dist-min; serving the full "
            "4.8 MB plotly.min.js from the plotly package instead",
            type="softmax_lab",
            subtype="plotly",
        )
    shutil.copyfile(source, plotly_target)
    _check_offline(out)


def _check_offline(out: Path) -> None:
    for page in sorted(out.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        for match in _FETCHED.finditer(text):
            url = match.group(1) or match.group(2)
            if re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I) and not url.startswith(
                ("data:", "//127.0.0.1", "http://127.0.0.1", "http://localhost")
            ):
                # <link rel=canonical/preconnect> etc. are fetched too, except plain links.
                tag = match.group(0)
                if re.search(r"rel=[\"'](?:canonical|alternate|author|license)[\"']", tag):
                    continue
                logger.warning(
                    "%s loads %s from another host; the site must work offline",
                    page.relative_to(out).as_posix(),
                    url,
                    type="softmax_lab",
                    subtype="offline",
                )


def _set_static_env(app: Sphinx, config: Any) -> None:
    os.environ["SOFTMAX_LAB_STATIC"] = "1"


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _set_static_env)
    for part in (sl_katex, sl_icons, sl_theme, sl_search, sl_cells):
        part.setup(app)
    # After the parts: the offline check reads the finished pages.
    app.connect("build-finished", _copy_assets, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
