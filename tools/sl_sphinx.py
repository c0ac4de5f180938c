"""Sphinx extension for the book: make the built site self-contained and the build honest.

Loaded from ``_config.yml`` (``sphinx.local_extensions``). It

* sets ``SOFTMAX_LAB_STATIC=1`` before any notebook runs, so explorers store only their
  kernel-free HTML form (the kernels that myst-nb starts inherit this environment);
* copies MathJax 3 (from the ``sphinx-mathjax-offline`` package) to ``_static/mathjax`` and
  plotly.js (the cartesian bundle vendored in ``tools/vendor``; the ``plotly`` package's full
  bundle if that is missing, with a warning) to ``_static/vendor/plotly.min.js``, so no page
  needs a CDN;
* warns (an error under ``-W``) when a built page references a script, stylesheet, image or
  font on another host.
"""

from __future__ import annotations

import os
import re
import shutil
from importlib import metadata
from pathlib import Path
from typing import Any

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


def mathjax_dir() -> Path:
    """Folder with MathJax 3's files inside the installed ``sphinx-mathjax-offline``."""
    files = metadata.files("sphinx-mathjax-offline") or []
    for f in files:
        if f.name == "tex-mml-svg.js":
            return Path(f.locate()).parent
    raise FileNotFoundError("sphinx-mathjax-offline is installed without MathJax's tex-mml-svg.js")


def site_plotly_js() -> Path | None:
    """The plotly.js bundle the site serves: npm's cartesian build (1.5 MB, 0.5 MB gzipped).

    It has every trace type the book draws (scatter, bar, heatmap, histogram, contour, box,
    violin, image, pie) at a third of the full bundle's size, which keeps a chapter under its
    3 MB budget. It is vendored (MIT licence, npm's ``plotly.js-cartesian-dist-min``) so that a
    fresh clone needs no npm; its version equals the one the pip ``plotly`` package bundles
    (a site test checks).
    """
    path = VENDOR / "plotly.js-cartesian-dist-min" / "plotly-cartesian.min.js"
    return path if path.is_file() else None


def _copy_assets(app: Sphinx, exc: BaseException | None) -> None:
    if exc is not None or app.builder.format != "html":
        return
    from softmax_lab.display import PLOTLY_SITE_PATH, plotly_js_path

    out = Path(app.outdir)
    target = out / "_static" / "mathjax"
    if not (target / "tex-mml-svg.js").is_file():
        shutil.copytree(mathjax_dir(), target, dirs_exist_ok=True)
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
    app.connect("build-finished", _copy_assets)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
