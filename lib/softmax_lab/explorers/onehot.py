r"""Explorer 2 (§3.4.1): a 2×2 grayscale image, its feature vector and its label codes.

Paint the four pixels; the image becomes the feature vector
:math:`\mathbf x = (x_1, x_2, x_3, x_4)` (row by row). Pick a label among *cat*, *chicken*
and *dog*: its integer code :math:`y \in \{0, 1, 2\}` suggests an order the classes do not
have, while its one-hot code

.. math::

    \mathbf y \in \{(1, 0, 0), (0, 1, 0), (0, 0, 1)\}, \qquad y_j = [\,j = \text{label}\,]

treats them all alike (computed with :func:`softmax_lab.one_hot`).
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from numbers import Integral, Real
from typing import Any

import ipywidgets as widgets
import numpy as np

from ..ops import one_hot
from ._base import FALLBACK_MARKUP, Explorer, number_html

__all__ = ["CLASS_NAMES", "PIXEL_NAMES", "onehot_explorer", "onehot_readout"]

CLASS_NAMES = ("cat", "chicken", "dog")
PIXEL_NAMES = ("top left", "top right", "bottom left", "bottom right")
PIXEL_STEP = 0.05


def check_pixels(pixels: object, name: str = "pixels") -> list[float]:
    """Four intensities in [0, 1] (0 black, 1 white), row by row."""
    if isinstance(pixels, (str, bytes)) or not isinstance(pixels, (Sequence, np.ndarray)):
        raise TypeError(f"{name}: expected 4 numbers, got {type(pixels).__name__}")
    values = []
    for v in pixels:
        if isinstance(v, bool) or not isinstance(v, (Real, np.floating, np.integer)):
            raise TypeError(f"{name}: expected numbers, got {type(v).__name__}")
        if not (math.isfinite(float(v)) and 0 <= float(v) <= 1):
            raise ValueError(f"{name}: each intensity must lie in [0, 1], got {v!r}")
        values.append(float(v))
    if len(values) != 4:
        raise ValueError(f"{name}: a 2×2 image has 4 pixels, got {len(values)}")
    return values


def _check_label(label: object) -> int:
    if isinstance(label, str):
        if label not in CLASS_NAMES:
            raise ValueError(f"label: must be one of {CLASS_NAMES}, got {label!r}")
        return CLASS_NAMES.index(label)
    if isinstance(label, bool) or not isinstance(label, Integral):
        raise TypeError(f"label: expected a class name or index, got {type(label).__name__}")
    if not 0 <= int(label) < len(CLASS_NAMES):
        raise ValueError(f"label: index must be in [0, {len(CLASS_NAMES)}), got {label}")
    return int(label)


def onehot_readout(pixels: Sequence[float], label: int) -> dict[str, Any]:
    r"""What the explorer shows: the feature vector, the integer code and the one-hot code.

    .. math::

        \mathbf x = (x_1, x_2, x_3, x_4), \qquad
        \mathbf y = \texttt{one\_hot}(\text{label}, 3)

    Examples
    --------
    >>> r = onehot_readout([0.0, 1.0, 0.5, 0.25], 1)
    >>> r["x"], r["code"], r["onehot"]
    (array([0.  , 1.  , 0.5 , 0.25]), 1, array([0., 1., 0.]))
    """
    return {
        "x": np.asarray(pixels, dtype=float),
        "code": int(label),
        "name": CLASS_NAMES[int(label)],
        "onehot": one_hot(np.array(int(label)), len(CLASS_NAMES)),
    }


def onehot_explorer(pixels: Sequence[float] = (0.0, 0.8, 0.4, 1.0),
                    label: int | str = "cat") -> Explorer:
    r"""Paint a 2×2 image; see its features :math:`x_1..x_4` and its label's one-hot code.

    .. math::

        \mathbf y = (y_1, y_2, y_3), \qquad y_j = [\,j = \text{label}\,]

    Parameters
    ----------
    pixels : sequence of 4 float
        Starting intensities in [0, 1], row by row (0 black, 1 white).
    label : str or int
        ``"cat"``, ``"chicken"``, ``"dog"`` or their index 0, 1, 2.

    Examples
    --------
    >>> ex = onehot_explorer(label="dog")
    >>> ex.config["label"], ex.config["classes"]
    (2, ['cat', 'chicken', 'dog'])
    """
    config = {
        "pixels": check_pixels(pixels),
        "label": _check_label(label),
        "classes": list(CLASS_NAMES),
        "pixelNames": list(PIXEL_NAMES),
        "pixelStep": PIXEL_STEP,
    }
    return Explorer(
        name="onehot",
        config=config,
        markup=FALLBACK_MARKUP,
        scripts=("sl_math.js", "sl_ui.js", "sl_onehot.js"),
        mount="SoftmaxLab.explorers.onehot",
        widget_factory=OneHotForm,
    )



def pixels_svg(pixels: Sequence[float]) -> str:
    """The 2×2 image as four grey squares (0 black, 1 white)."""
    parts = ['<svg viewBox="0 0 84 84" width="84" height="84" role="img" '
             f'aria-label="2 by 2 image, intensities {", ".join(f"{v:.2f}" for v in pixels)}">']
    for i, v in enumerate(pixels):
        g = round(255 * v)
        parts.append(f'<rect x="{2 + 40 * (i % 2)}" y="{2 + 40 * (i // 2)}" width="40" '
                     f'height="40" fill="rgb({g},{g},{g})" stroke="#888"/>')
    return "".join(parts) + "</svg>"


def render_readout(r: dict[str, Any]) -> str:
    """The HTML the notebook form shows."""
    xs = ", ".join(number_html(f"x{i}", v, 2) for i, v in enumerate(r["x"]))
    oh = ", ".join(number_html(f"onehot{j}", v, 0) for j, v in enumerate(r["onehot"]))
    return (
        f"<div>{pixels_svg(r['x'])}"
        f"<p>features <b>x</b> = ({xs})</p>"
        f"<p>label <b>{html.escape(r['name'])}</b>: integer code "
        f'<span data-name="code" data-value="{r["code"]}">{r["code"]}</span>, '
        f"one-hot code ({oh})</p></div>"
    )


class OneHotForm(widgets.VBox):
    """Notebook form: four pixel sliders and a label selector; numbers from softmax_lab."""

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        w = widgets
        style = {"description_width": "initial"}
        self.pixel_sliders = [
            w.FloatSlider(value=v, min=0, max=1, step=config["pixelStep"],
                          description=f"x{i + 1} ({config['pixelNames'][i]})", style=style)
            for i, v in enumerate(config["pixels"])
        ]
        self.label = w.Dropdown(options=[(n, j) for j, n in enumerate(config["classes"])],
                                value=config["label"], description="label", style=style)
        self.display = w.HTML()
        for c in [*self.pixel_sliders, self.label]:
            c.observe(self.update, "value")
        self.children = (w.HTML("<b>One-hot codes and the 2×2 image</b>"),
                         *self.pixel_sliders, self.label, self.display)
        self.update()

    def update(self, change: dict[str, Any] | None = None) -> None:
        self.readout = onehot_readout([s.value for s in self.pixel_sliders], self.label.value)
        self.display.value = render_readout(self.readout)
