r"""Explorer of §3.4.1: a 2×2 grayscale image, its four features and its label's two codes.

The reader paints the four pixels (click or tap with a brush, drag across them, or use the
keys), darker meaning larger as in the chapter's figure of the toy images (0 white, 1 black),
and reads them row by row as the feature vector :math:`\mathbf x = (x_1, x_2, x_3, x_4)`. The
label (*cat*, *chicken*, *dog*: classes 1, 2, 3 for the reader) gets its integer code
:math:`c \in \{0, 1, 2\}` (0-based, as code stores it) and its one-hot code

.. math::

    \mathbf y = \mathbf e_{c}, \qquad y_j = [\,j = c\,], \qquad
    \lvert c - c' \rvert \in \{0, 1, 2\} \quad\text{but}\quad
    \lVert \mathbf e_c - \mathbf e_{c'} \rVert_2 \in \{0, \sqrt 2\} :

integer codes put the classes at different distances, one-hot codes at one distance.

The module ``onehot.js`` beside this file draws it in both hosts; its state table is
``onehot.json``. :func:`onehot_readout` is the source of truth for every number shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .._checks import check_int
from ..data import TOY_CLASSES
from ..ops import one_hot
from ._hosts import ExplorerWidget, StaticExplorer, show

__all__ = ["OneHotExplorer", "check_label", "check_pixels", "onehot_explorer", "onehot_readout"]


def check_label(label: object, argument: str = "label") -> int:
    """A toy label given by name (``"dog"``) or 0-based index (``2``), as its index."""
    if isinstance(label, str):
        if label not in TOY_CLASSES:
            raise ValueError(f"{argument}: must be one of {TOY_CLASSES}, got {label!r}")
        return TOY_CLASSES.index(label)
    try:
        index = check_int(label, argument)
    except TypeError:
        raise TypeError(f"{argument}: expected a class name or index, "
                        f"got {type(label).__name__}") from None
    if not 0 <= index < len(TOY_CLASSES):
        raise ValueError(f"{argument}: index must be in [0, {len(TOY_CLASSES)}), got {index}")
    return index


def check_pixels(pixels: object, argument: str = "pixels") -> list[float]:
    """Four intensities in [0, 1], row by row, as floats (the state table checks each one).

    A 2×2 NumPy array is read row by row too.

    >>> check_pixels(np.array([[1, 0], [0, 0.5]]))
    [1.0, 0.0, 0.0, 0.5]
    """
    if isinstance(pixels, np.ndarray) and pixels.shape == (2, 2):
        pixels = pixels.ravel()
    if isinstance(pixels, (Sequence, np.ndarray)) and not isinstance(pixels, (str, bytes)):
        if len(pixels) != 4:
            raise ValueError(f"{argument}: a 2×2 image has 4 pixels, got {len(pixels)}")
    return OneHotExplorer.state_table.check("pixels", pixels, argument=argument)


def onehot_readout(state: dict[str, Any]) -> dict[str, Any]:
    r"""Every number the one-hot explorer shows for ``state``, computed with ``softmax_lab``.

    Returns
    -------
    dict
        ``x`` (the four intensities, row by row), ``code`` (the label's 0-based integer code
        :math:`c`), ``onehot`` (:math:`\mathbf e_c`, from :func:`softmax_lab.one_hot`),
        ``codes`` (every label's one-hot code, one row per class), ``integer_distance``
        (:math:`\lvert c - j \rvert` for each class :math:`j`) and ``onehot_distance``
        (:math:`\lVert \mathbf e_c - \mathbf e_j \rVert_2`).

    Examples
    --------
    >>> r = onehot_readout({"pixels": [0.9, 0.7, 0.2, 0.0], "label": 2, "brush": 1.0})
    >>> r["code"], r["onehot"], r["integer_distance"]
    (2, array([0., 0., 1.]), array([2, 1, 0]))
    >>> r["onehot_distance"].round(4)
    array([1.4142, 1.4142, 0.    ])
    """
    q = len(TOY_CLASSES)
    c = check_label(state["label"])
    codes = one_hot(np.arange(q), q)
    return {
        "x": np.asarray(state["pixels"], dtype=float),
        "code": c,
        "onehot": codes[c],
        "codes": codes,
        "integer_distance": np.abs(c - np.arange(q)),
        "onehot_distance": np.linalg.norm(codes[c] - codes, axis=1),
    }


class OneHotExplorer(ExplorerWidget):
    """The one-hot explorer in a kernel: traits from ``onehot.json``, readout from Python.

    Set a trait from Python (``w.pixels = [1, 0, 0, 1]``, ``w.label = 2``) and the explorer
    redraws; read ``w.readout`` for the numbers it shows.
    """

    esm_path = Path(__file__).with_suffix(".js")

    def compute_readout(self, state: dict[str, Any]) -> dict[str, Any]:
        return onehot_readout(state)


def onehot_explorer(pixels: Sequence[float] = (0.9, 0.7, 0.2, 0.0),
                    label: int | str = "cat") -> OneHotExplorer | StaticExplorer:
    r"""Paint a 2×2 image; see its features :math:`x_1, \dots, x_4` and its label's codes.

    .. math::

        \mathbf x = (x_1, x_2, x_3, x_4), \qquad \mathbf y = \mathbf e_c, \quad
        y_j = [\,j = c\,]

    Parameters
    ----------
    pixels : sequence of 4 float
        Starting intensities in [0, 1], row by row (top left, top right, bottom left, bottom
        right); drawn darker = larger, 0 white and 1 black.
    label : str or int
        ``"cat"``, ``"chicken"``, ``"dog"``, or their 0-based index 0, 1, 2 (the explorer
        calls them classes 1, 2, 3).

    Returns
    -------
    OneHotExplorer or StaticExplorer
        The widget in a kernel; its static HTML form while the book builds.

    Examples
    --------
    >>> w = onehot_explorer(label="dog")
    >>> w.label, w.readout["onehot"]
    (2, [0.0, 0.0, 1.0])
    >>> w.pixels = [0.0, 1.0, 1.0, 0.0]
    >>> w.readout["x"]
    [0.0, 1.0, 1.0, 0.0]
    """
    table = OneHotExplorer.state_table
    state = table.defaults()
    state["pixels"] = check_pixels(pixels)
    state["label"] = check_label(label)
    return show(OneHotExplorer, state)
