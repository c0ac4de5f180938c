"""The book's one figure style: what every plotly figure gets before it is shown.

:func:`apply_style` is the width-independent half, applied in Python by
:func:`softmax_lab.display.figure_json` (so JupyterLab and Colab get it too):

* the book's template (``plotly_white`` with Okabe–Ito colours, the site's font stack with
  common Korean system fonts, transparent backgrounds) on figures that kept plotly's default;
* no fixed pixel width, ``autosize`` and ``responsive``: a figure fills its column;
* the legend horizontal, below the plot, where it never narrows the plot area;
* the title at the top left, clear of the mode bar on the right;
* smaller JSON: float arrays sent as float32, float lists rounded to 6 significant digits.

The width-dependent half (titles and labels wrapped to the width at hand, margins, font
sizes, the mode bar hidden on touch screens) runs in the page, in ``display.js``, every time
the figure is drawn or its column changes width.
"""

from __future__ import annotations

import base64
import functools
import json
from typing import Any

import numpy as np

__all__ = ["CONFIG", "FONT_FAMILY", "apply_style", "compact", "site_template"]

#: System fonts only (no download): Latin first, then the common Korean system fonts.
FONT_FAMILY = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
    '"Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "Noto Sans CJK KR", '
    '"Nanum Gothic", sans-serif'
)

#: plotly.js config: fills the column, no logo; the mode bar keeps zoom, pan, reset, download
#: (not "Share chart…", which would upload the figure to plotly's cloud).
CONFIG: dict[str, Any] = {
    "responsive": True,
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "zoomIn2d", "zoomOut2d",
                               "toggleSpikelines", "sendChartToCloud"],
}

#: Okabe–Ito colours (distinguishable with the common colour-vision deficiencies, and readable
#: on the light and the dark page), the same first colours as :mod:`softmax_lab.palette`.
COLORWAY = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
            "#999999"]

# Below the plot, left-aligned: plotly reserves the room for it under the x-axis title.
_LEGEND_BELOW = {"orientation": "h", "x": 0, "xanchor": "left", "xref": "container",
                 "y": 0, "yanchor": "bottom", "yref": "container"}
_TITLE = {"x": 0, "xanchor": "left", "xref": "container", "y": 1, "yanchor": "top",
          "yref": "container", "pad": {"l": 8, "t": 8}}
# Trace types the site's plotly.js bundle draws; the template keeps defaults for these only.
_TRACE_DEFAULTS = ("scatter", "bar", "heatmap", "histogram", "histogram2d", "contour")
_LAYOUT_UNUSED = ("polar", "ternary", "scene", "geo", "mapbox", "map")


@functools.lru_cache(maxsize=1)
def _stock_template() -> str:
    import plotly.io as pio

    return json.dumps(json.loads(pio.json.to_json_plotly(pio.templates["plotly"].to_plotly_json())),
                      sort_keys=True)


@functools.lru_cache(maxsize=1)
def _site_template_json() -> str:
    import plotly.io as pio

    base = json.loads(pio.json.to_json_plotly(pio.templates["plotly_white"].to_plotly_json()))
    base["data"] = {k: v for k, v in base.get("data", {}).items() if k in _TRACE_DEFAULTS}
    layout = base.setdefault("layout", {})
    for key in _LAYOUT_UNUSED:
        layout.pop(key, None)
    layout.update({
        "colorway": COLORWAY,
        "font": {"family": FONT_FAMILY, "size": 13, "color": "#24292f"},
        "title": {**_TITLE, "font": {"size": 16}},
        "margin": {"t": 56, "b": 48, "l": 60, "r": 20},
        "legend": {"bgcolor": "rgba(0,0,0,0)"},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
    })
    return json.dumps(base)


def site_template() -> dict[str, Any]:
    """The book's plotly template: ``plotly_white``, Okabe–Ito colours, the site's fonts.

    Examples
    --------
    >>> site_template()["layout"]["colorway"][:2]
    ['#0072B2', '#D55E00']
    """
    return json.loads(_site_template_json())


def compact(value: Any) -> Any:
    """``value`` (figure JSON) with float64 arrays as float32 and floats rounded to 6 digits.

    plotly encodes NumPy arrays as ``{"dtype": "f8", "bdata": <base64>}``; float32 halves
    them and keeps 7 significant digits, more than a figure shows.

    Examples
    --------
    >>> compact({"y": [0.123456789, 2], "name": "a"})
    {'y': [0.123457, 2], 'name': 'a'}
    """
    if isinstance(value, dict):
        if value.get("dtype") == "f8" and isinstance(value.get("bdata"), str):
            data = np.frombuffer(base64.b64decode(value["bdata"]), dtype="<f8")
            with np.errstate(over="ignore"):
                small = data.astype("<f4")
            if np.array_equal(np.isfinite(small), np.isfinite(data)):
                return {**value, "dtype": "f4", "bdata": base64.b64encode(small.tobytes()).decode()}
            return value
        return {k: compact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [compact(v) for v in value]
    if isinstance(value, float):
        return float(f"{value:.6g}")
    return value


def apply_style(spec: dict[str, Any]) -> dict[str, Any]:
    """Give the figure JSON ``spec`` the book's width-independent style (in place; returned).

    Examples
    --------
    >>> spec = apply_style({"data": [], "layout": {"width": 600, "title": {"text": "t"}}})
    >>> "width" in spec["layout"], spec["layout"]["legend"]["orientation"]
    (False, 'h')
    >>> spec["config"]["responsive"]
    True
    """
    layout = spec.setdefault("layout", {})
    template = layout.get("template")
    if template is None or json.dumps(template, sort_keys=True) == _stock_template():
        layout["template"] = site_template()
    layout.pop("width", None)
    layout["autosize"] = True
    layout["legend"] = {**layout.get("legend", {}), **_LEGEND_BELOW}
    title = layout.get("title")
    if isinstance(title, str):
        title = {"text": title}
    if isinstance(title, dict) and title.get("text"):
        layout["title"] = {**title, **_TITLE}
    spec["config"] = {**CONFIG, **spec.get("config", {})}
    for key in ("data", "frames"):
        if key in spec:
            spec[key] = compact(spec[key])
    return spec
