r"""Explorer of §3.4.2: from weights to logits, :math:`\mathbf o = \mathbf{Wx} + \mathbf b`.

A fully connected layer from the four pixels of a 2×2 image to three logits,

.. math::

    o_j = \sum_{k=1}^{4} w_{jk} x_k + b_j, \qquad j = 1, 2, 3,

drawn as a network: one edge per weight :math:`w_{jk}` (12 of them, from input :math:`x_k` to
logit :math:`o_j`), each with a knob the reader drags up or down (or focuses and steps with the
keys). Row :math:`j` of :math:`\mathbf W` and :math:`b_j` can also be typed. The explorer shows
each sum term by term, the logits, :math:`\operatorname{softmax}(\mathbf o)` and the predicted
class, and notes when every row of :math:`\mathbf W` is the same (then
:math:`o_j - o_k = b_j - b_k` whatever the image, and only the biases decide).

The module ``weights.js`` beside this file draws it in both hosts; its state table is
``weights.json``. :func:`weights_readout` is the source of truth for every number shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .._checks import check_real_array
from ..ops import softmax
from ._hosts import ExplorerWidget, StaticExplorer, show
from .onehot import check_pixels

__all__ = ["WeightsExplorer", "weights_explorer", "weights_readout"]

INPUTS, OUTPUTS = 4, 3


def _plain_sum(values: Sequence[float]) -> float:
    # Left to right, as the JavaScript readout adds (so both show the same last digit).
    return float(sum(values))


def weights_readout(state: dict[str, Any]) -> dict[str, Any]:
    r"""Every number the weights explorer shows for ``state``, computed with ``softmax_lab``.

    ``state["W"]`` holds :math:`\mathbf W` row by row (12 numbers: row :math:`j` feeds
    :math:`o_j`), ``state["b"]`` the three biases and ``state["pixels"]`` the image
    :math:`\mathbf x`.

    Returns
    -------
    dict
        ``x``, ``terms`` (:math:`w_{jk} x_k`, 3×4), ``o`` (:math:`\sum_k w_{jk} x_k + b_j`),
        ``p`` (:func:`softmax_lab.softmax` of ``o``), ``predicted`` (argmax of ``o``, first on
        ties) and ``messages`` (a note when the rows of :math:`\mathbf W` are all equal).

    Examples
    --------
    >>> state = {"W": [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1], "b": [0, 0, 0.5],
    ...          "pixels": [0.5, 0.25, 0.0, 1.0], "brush": 1.0}
    >>> r = weights_readout(state)
    >>> r["o"], r["predicted"]
    (array([0.5 , 0.25, 1.5 ]), 2)
    """
    W = np.asarray(state["W"], dtype=float).reshape(OUTPUTS, INPUTS)
    b = np.asarray(state["b"], dtype=float)
    x = np.asarray(state["pixels"], dtype=float)
    terms = W * x
    o = np.array([_plain_sum(terms[j].tolist()) + b[j] for j in range(OUTPUTS)])
    equal_rows = bool(np.all(W == W[0]))
    return {
        "x": x,
        "terms": terms,
        "o": o,
        "p": softmax(o),
        "predicted": int(np.argmax(o)),
        "messages": [{"key": "weights.note_equal_rows", "values": {}}] if equal_rows else [],
    }


class WeightsExplorer(ExplorerWidget):
    """The weights explorer in a kernel: traits from ``weights.json``, readout from Python.

    ``w.W`` holds the 12 weights row by row (``w.W[4 * j + k]`` is :math:`w_{j+1,k+1}`); set
    it, ``w.b`` or ``w.pixels`` from Python and the explorer redraws; read ``w.readout`` for the
    numbers it shows.
    """

    esm_path = Path(__file__).with_suffix(".js")

    def compute_readout(self, state: dict[str, Any]) -> dict[str, Any]:
        return weights_readout(state)


def _check_array(value: object, name: str, shape: tuple[int, ...]) -> list[float]:
    # Not finite=True: the table names a NaN or an out-of-range value by its index.
    a = check_real_array(value, name, shape=shape, finite=False)
    return WeightsExplorer.state_table.check(name, a.ravel(), argument=name)


def weights_explorer(
    W: Sequence[Sequence[float]] | None = None,
    b: Sequence[float] | None = None,
    pixels: Sequence[float] = (0.9, 0.7, 0.2, 0.0),
) -> WeightsExplorer | StaticExplorer:
    r"""Drag the 12 weights of a 4 → 3 layer on its network; watch :math:`\mathbf{Wx} + \mathbf b`.

    .. math::

        o_j = \sum_k w_{jk} x_k + b_j

    Parameters
    ----------
    W : 3×4 nested sequence of float, optional
        Starting weights in [-2, 2]; row :math:`j` (0-based in code) feeds logit
        :math:`o_{j+1}`, column :math:`k` comes from pixel :math:`x_{k+1}`.
    b : sequence of 3 float, optional
        Starting biases in [-2, 2].
    pixels : sequence of 4 float
        The image :math:`\mathbf x`: intensities in [0, 1] row by row, drawn darker = larger.

    Returns
    -------
    WeightsExplorer or StaticExplorer
        The widget in a kernel; its static HTML form while the book builds.

    Examples
    --------
    >>> w = weights_explorer(b=[0.0, 0.0, 2.0])
    >>> w.b, w.readout["predicted"]
    ([0.0, 0.0, 2.0], 2)
    >>> w.W = [0.0] * 12
    >>> w.readout["o"]
    [0.0, 0.0, 2.0]
    """
    table = WeightsExplorer.state_table
    state = table.defaults()
    if W is not None:
        state["W"] = _check_array(W, "W", (OUTPUTS, INPUTS))
    if b is not None:
        state["b"] = _check_array(b, "b", (OUTPUTS,))
    state["pixels"] = check_pixels(pixels)
    return show(WeightsExplorer, state)
