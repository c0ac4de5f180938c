r"""Explorer 3 (§3.4.2): from weights to logits, :math:`\mathbf o = \mathbf{Wx} + \mathbf b`.

A fully connected layer from the four pixels of a 2×2 image to three logits:

.. math::

    o_j = \sum_{k=1}^{4} w_{jk} x_k + b_j, \qquad j = 1, 2, 3,

so :math:`\mathbf W \in \mathbb R^{3 \times 4}` (12 weights, one per edge of the network
diagram) and :math:`\mathbf b \in \mathbb R^3`. The explorer also shows
:math:`\operatorname{softmax}(\mathbf o)` and the predicted class.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets
import numpy as np

from ..ops import softmax
from ._base import FALLBACK_MARKUP, Explorer, number_html
from .onehot import CLASS_NAMES, check_pixels, pixels_svg

__all__ = ["weights_explorer", "weights_readout"]

WEIGHT_RANGE, WEIGHT_STEP = 2.0, 0.1
DEFAULT_W = ((0.6, -0.2, 0.4, -0.5), (-0.3, 0.8, -0.6, 0.2), (0.1, 0.3, 0.9, -0.4))
DEFAULT_B = (0.1, -0.2, 0.0)


def _check_matrix(value: object, name: str, shape: tuple[int, ...]) -> np.ndarray:
    try:
        a = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name}: expected numbers of shape {shape}") from None
    if a.shape != shape:
        raise ValueError(f"{name}: expected shape {shape}, got {a.shape}")
    if not np.all(np.isfinite(a)) or np.any(np.abs(a) > WEIGHT_RANGE):
        raise ValueError(f"{name}: values must be finite and in [-{WEIGHT_RANGE:g}, "
                         f"{WEIGHT_RANGE:g}]")
    return a


def weights_readout(W: Sequence[Sequence[float]], b: Sequence[float],
                    pixels: Sequence[float]) -> dict[str, Any]:
    r"""The logits :math:`\mathbf o = \mathbf W \mathbf x + \mathbf b`, their softmax and argmax.

    Examples
    --------
    >>> r = weights_readout([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 1]], [0, 0, 0.5],
    ...                     [0.5, 0.25, 0.0, 1.0])
    >>> r["o"], r["predicted"]
    (array([0.5 , 0.25, 1.5 ]), 2)
    """
    W, b, x = (np.asarray(a, dtype=float) for a in (W, b, pixels))
    o = W @ x + b
    return {"x": x, "o": o, "p": softmax(o), "predicted": int(np.argmax(o))}


def weights_explorer(W: Sequence[Sequence[float]] | None = None,
                     b: Sequence[float] | None = None,
                     pixels: Sequence[float] = (0.0, 0.8, 0.4, 1.0)) -> Explorer:
    r"""Edit the weights and biases of a 4 → 3 layer; watch :math:`\mathbf{Wx} + \mathbf b`.

    .. math::

        o_j = \sum_k w_{jk} x_k + b_j

    Parameters
    ----------
    W : 3×4 nested sequence of float, optional
        Starting weights in [-2, 2]; row :math:`j` feeds logit :math:`o_j`.
    b : sequence of 3 float, optional
        Starting biases in [-2, 2].
    pixels : sequence of 4 float
        The image :math:`\mathbf x`, intensities in [0, 1] row by row.

    Examples
    --------
    >>> ex = weights_explorer()
    >>> len(ex.config["W"]), len(ex.config["W"][0]), ex.config["b"]
    (3, 4, [0.1, -0.2, 0.0])
    """
    W_ = _check_matrix(DEFAULT_W if W is None else W, "W", (3, 4))
    b_ = _check_matrix(DEFAULT_B if b is None else b, "b", (3,))
    config = {
        "W": W_.tolist(), "b": b_.tolist(), "pixels": check_pixels(pixels),
        "classes": list(CLASS_NAMES), "range": WEIGHT_RANGE, "step": WEIGHT_STEP,
        "pixelStep": 0.05,
    }
    return Explorer(
        name="weights",
        config=config,
        markup=FALLBACK_MARKUP,
        scripts=("sl_math.js", "sl_ui.js", "sl_weights.js"),
        mount="SoftmaxLab.explorers.weights",
        widget_factory=WeightsForm,
    )


def network_svg(W: np.ndarray, x: np.ndarray, o: np.ndarray) -> str:
    """The 4 → 3 network: edge width ∝ |w|, solid for w ≥ 0, dashed red for w < 0."""
    parts = ['<svg viewBox="0 0 300 210" width="300" role="img" '
             'aria-label="Network diagram: 4 inputs, 3 outputs, 12 weighted edges">']
    xin = [(40, 30 + 50 * k) for k in range(4)]
    xout = [(260, 55 + 50 * j) for j in range(3)]
    for j, (ox, oy) in enumerate(xout):
        for k, (ix, iy) in enumerate(xin):
            wjk = float(W[j, k])
            colour, dash = ("#0b62c4", "") if wjk >= 0 else ("#b3261e", ' stroke-dasharray="5 3"')
            parts.append(f'<line x1="{ix}" y1="{iy}" x2="{ox}" y2="{oy}" stroke="{colour}" '
                         f'stroke-width="{0.5 + 1.5 * abs(wjk):.2f}"{dash}/>')
    for k, (ix, iy) in enumerate(xin):
        parts.append(f'<circle cx="{ix}" cy="{iy}" r="16" fill="#f6f8fa" stroke="#333"/>'
                     f'<text x="{ix}" y="{iy + 4}" text-anchor="middle">{x[k]:.2f}</text>')
    for j, (ox, oy) in enumerate(xout):
        parts.append(f'<circle cx="{ox}" cy="{oy}" r="18" fill="#f6f8fa" stroke="#333"/>'
                     f'<text x="{ox}" y="{oy + 4}" text-anchor="middle">{o[j]:.2f}</text>')
    return "".join(parts) + "</svg>"


def render_readout(r: dict[str, Any], W: np.ndarray) -> str:
    """The HTML the notebook form shows."""
    rows = "".join(
        f'<tr><th scope="row">o{j + 1} ({html.escape(CLASS_NAMES[j])})</th>'
        f'<td>{number_html(f"o{j}", r["o"][j])}</td><td>{number_html(f"p{j}", r["p"][j])}</td>'
        "</tr>"
        for j in range(3)
    )
    return (
        f"<div>{pixels_svg(r['x'])}{network_svg(W, r['x'], r['o'])}"
        '<table class="sl-table"><thead><tr><th>logit</th><th>o = Wx + b</th>'
        f"<th>softmax(o)</th></tr></thead><tbody>{rows}</tbody></table>"
        f'<p>predicted class: <span data-name="predicted" data-value="{r["predicted"]}">'
        f"{html.escape(CLASS_NAMES[r['predicted']])}</span></p></div>"
    )


class WeightsForm(widgets.VBox):
    """Notebook form: sliders for W, b and the pixels; numbers from softmax_lab."""

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        w = widgets
        style = {"description_width": "initial"}
        lim, step = config["range"], config["step"]
        self.weight_sliders = [
            [w.FloatSlider(value=v, min=-lim, max=lim, step=step,
                           description=f"w{j + 1}{k + 1}", style=style)
             for k, v in enumerate(row)]
            for j, row in enumerate(config["W"])
        ]
        self.bias_sliders = [
            w.FloatSlider(value=v, min=-lim, max=lim, step=step, description=f"b{j + 1}",
                          style=style)
            for j, v in enumerate(config["b"])
        ]
        self.pixel_sliders = [
            w.FloatSlider(value=v, min=0, max=1, step=config["pixelStep"],
                          description=f"pixel x{i + 1}", style=style)
            for i, v in enumerate(config["pixels"])
        ]
        self.display = w.HTML()
        everything = [s for row in self.weight_sliders for s in row]
        for s in [*everything, *self.bias_sliders, *self.pixel_sliders]:
            s.observe(self.update, "value")
        grid = w.VBox([w.HBox([*row, self.bias_sliders[j]],
                              layout=w.Layout(flex_flow="row wrap"))
                       for j, row in enumerate(self.weight_sliders)])
        self.children = (w.HTML("<b>Weights to logits: o = Wx + b</b>"),
                         w.HBox(self.pixel_sliders, layout=w.Layout(flex_flow="row wrap")),
                         grid, self.display)
        self.update()

    def weights(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        W = np.array([[s.value for s in row] for row in self.weight_sliders])
        b = np.array([s.value for s in self.bias_sliders])
        return W, b, np.array([s.value for s in self.pixel_sliders])

    def update(self, change: dict[str, Any] | None = None) -> None:
        W, b, x = self.weights()
        self.readout = weights_readout(W, b, x)
        self.display.value = render_readout(self.readout, W)


