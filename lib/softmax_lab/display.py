"""Show a plotly figure so that it renders everywhere a chapter is read.

plotly 7's default renderer emits only ``application/vnd.plotly.v1+json``. JupyterLab draws
that, but the book's build (myst-nb) skips it and the page stays blank, and the ``notebook``
renderer inlines all 4.8 MB of plotly.js into every page. :func:`show` and
:func:`as_displayable` emit one MIME bundle that works in each place:

* ``text/html``: a ``<div>``, the figure as JSON, and a small loader (``display.js``). When
  the figure comes near the screen, the loader takes ``window.Plotly`` if the page has it; on
  the built site it loads the site's own copy of plotly.js (``_static/vendor/plotly.min.js``),
  once per page and only on pages that draw a figure; elsewhere (Colab, classic Jupyter) it
  loads plotly.js from its CDN. It fits the figure to its width and theme as it draws.
* ``application/vnd.plotly.v1+json``: the figure itself, which JupyterLab, Jupyter Notebook 7
  and VS Code draw with their plotly renderer. The book build sets ``SOFTMAX_LAB_STATIC=1``
  and then stores only the HTML form.

Every figure gets the book's style (:mod:`softmax_lab.figure_style`); figures with frames are
drawn at their first state, and nothing plays until the reader presses *play*.

Explorers that draw with plotly.js themselves include :func:`plotly_loader_js` in their page
and call ``window.softmaxLabPlotly.load().then(Plotly => ...)``.
"""

from __future__ import annotations

import functools
import json
import os
import re
import uuid
from pathlib import Path
from typing import Any

from . import figure_style

__all__ = [
    "PLOTLY_SITE_PATH",
    "PlotlyDisplay",
    "as_displayable",
    "figure_json",
    "plotly_js_path",
    "plotly_loader_js",
    "show",
    "site_template",
]

#: Where the built site serves plotly.js, relative to the site's root.
PLOTLY_SITE_PATH = "_static/vendor/plotly.min.js"


def plotly_js_path() -> Path:
    """Path of the full ``plotly.min.js`` (4.8 MB) that ships inside the ``plotly`` package.

    The book build serves npm's smaller cartesian bundle of the same plotly.js version at
    :data:`PLOTLY_SITE_PATH`, and falls back to this file when that bundle is missing.

    Examples
    --------
    >>> plotly_js_path().name
    'plotly.min.js'
    """
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _plotly_js_version() -> str:
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def _to_dict(fig: Any) -> dict[str, Any]:
    if isinstance(fig, dict):
        raw = fig
    elif hasattr(fig, "to_plotly_json"):
        raw = fig.to_plotly_json()
    else:
        raise TypeError(f"fig must be a plotly Figure or a dict, got {type(fig).__name__}")
    import plotly.io as pio

    # plotly's encoder turns NumPy arrays, dates and NaN into plain JSON values.
    out = json.loads(pio.to_json(raw, validate=False))
    if not isinstance(out, dict) or "data" not in out:
        raise ValueError("fig must describe a figure: a dict with a 'data' entry")
    return out


def site_template() -> dict[str, Any]:
    """The book's plotly template (see :func:`softmax_lab.figure_style.site_template`).

    :func:`figure_json` puts it on every figure that still has plotly's stock default template;
    a figure whose author picked a template keeps it. On the site, the figure is redrawn with
    light text and grid lines when the reader switches to dark mode.

    Examples
    --------
    >>> site_template()["layout"]["colorway"][:2]
    ['#0072B2', '#D55E00']
    """
    return figure_style.site_template()


def figure_json(fig: Any) -> dict[str, Any]:
    """The figure as plain JSON in the book's style: ``data``, ``layout``, ``frames``, ``config``.

    The style (:func:`softmax_lab.figure_style.apply_style`): the book's template, no fixed
    width, the legend below the plot, the title at the top left, compact float arrays.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure or dict
        The figure.

    Returns
    -------
    dict
        JSON-serialisable; the payload of ``application/vnd.plotly.v1+json``.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> spec = figure_json(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])))
    >>> spec["data"][0]["type"], spec["config"]["displaylogo"]
    ('bar', False)
    """
    return figure_style.apply_style(_to_dict(fig))


def plotly_loader_js() -> str:
    """JavaScript that defines ``window.softmaxLabPlotly = {load, render, fit, themed}``, once.

    ``load()`` returns a promise of the ``Plotly`` object: ``window.Plotly`` if present, else
    the built site's copy (found through the ``data-content_root`` attribute that Sphinx puts on
    ``<html>``), else plotly.js from its CDN (through require.js where the page has it, as
    classic Jupyter does). ``render(id, spec)`` draws ``spec`` into the element ``id`` when it
    comes near the screen (plotly.js is fetched then, not with the page), fitted to its width
    (``fit(spec, width)``: wrapped titles, margins and fonts for the width, no mode bar on
    touch screens) and to the light or dark theme (``themed``); it redraws on a change of
    width or theme. The script is ``display.js`` next to this module.

    Examples
    --------
    >>> "softmaxLabPlotly" in plotly_loader_js()
    True
    """
    cdn = f"https://cdn.plot.ly/plotly-{_plotly_js_version()}.min.js"
    return _loader_source().replace("__CDN__", json.dumps(cdn)).replace(
        "__SITE_PATH__", json.dumps(PLOTLY_SITE_PATH)
    )


@functools.lru_cache(maxsize=1)
def _loader_source() -> str:
    # The site never reaches the CDN branch: every built page carries data-content_root.
    # Every figure carries a copy (each output stands alone), so comments and indentation go.
    from importlib import resources

    source = resources.files("softmax_lab").joinpath("display.js").read_text(encoding="utf-8")
    source = re.sub(r"\A/\*.*?\*/\n", "", source, flags=re.S)
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


def _js_literal(value: Any) -> str:
    # JSON is valid JS; escaping "<" keeps "</script>" inside strings from closing the tag.
    text = json.dumps(value, ensure_ascii=True, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class PlotlyDisplay:
    """A plotly figure with a MIME bundle that renders on the site, in Jupyter and in Colab.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure or dict
        The figure to show. It is converted to JSON once, when this object is created.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> shown = PlotlyDisplay(go.Figure(go.Scatter(x=[0, 1], y=[1, 0])))
    >>> sorted(shown._repr_mimebundle_())  # outside the book build
    ['application/vnd.plotly.v1+json', 'text/html', 'text/plain']
    """

    def __init__(self, fig: Any) -> None:
        self.spec = figure_json(fig)

    def to_html(self) -> str:
        """The ``text/html`` form: a ``<div>``, the loader and a call that draws the figure."""
        div_id = "sl-plotly-" + uuid.uuid4().hex[:12]
        height = self.spec["layout"].get("height") or 450
        title = self.spec["layout"].get("title", {})
        label = title.get("text") if isinstance(title, dict) else title
        label = str(label) if label else "Interactive figure"
        # The figure is JSON data, parsed only when it comes near the screen; the <div> keeps
        # its height until then, so the page does not jump when it is drawn.
        return (
            f'<div class="sl-plotly" id="{div_id}" role="figure" '
            f'aria-label="{_attr(label)}" style="width:100%;min-height:{int(height)}px"></div>\n'
            f'<script type="application/json" id="{div_id}-spec">{_js_literal(self.spec)}'
            "</script>\n"
            f"<script>\n{plotly_loader_js()}\n"
            f"window.softmaxLabPlotly.render({json.dumps(div_id)});\n"
            "</script>"
        )

    def __repr__(self) -> str:
        n = len(self.spec["data"])
        return f"<plotly figure with {n} trace{'s' if n != 1 else ''}>"

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = {"text/plain": repr(self), "text/html": self.to_html()}
        # The book build (SOFTMAX_LAB_STATIC=1) stores only the HTML form: myst-nb warns about
        # any mimetype it cannot render, and the build treats warnings as errors.
        if os.environ.get("SOFTMAX_LAB_STATIC", "") in ("", "0"):
            bundle["application/vnd.plotly.v1+json"] = self.spec
        return bundle


def _attr(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def as_displayable(fig: Any) -> PlotlyDisplay:
    """Wrap a figure in an object that Jupyter, Colab and the book build all display.

    Use it with display handles to update a figure in place:
    ``handle = display(as_displayable(fig), display_id=True)``, then
    ``handle.update(as_displayable(new_fig))``.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure or dict
        The figure.

    Returns
    -------
    PlotlyDisplay
        An object with ``_repr_mimebundle_``.

    Raises
    ------
    TypeError
        If ``fig`` is neither a plotly figure nor a dict.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> as_displayable(go.Figure()).spec["data"]
    []
    """
    return PlotlyDisplay(fig)


def show(fig: Any) -> None:
    """Display a plotly figure in the current notebook (the one way chapters show figures).

    Parameters
    ----------
    fig : plotly.graph_objects.Figure or dict
        The figure.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> show(go.Figure(go.Bar(y=[3, 1, 2])))  # doctest: +ELLIPSIS
    <plotly figure with 1 trace>
    """
    from IPython.display import display

    display(as_displayable(fig))
