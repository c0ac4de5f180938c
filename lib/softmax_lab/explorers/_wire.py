"""Readouts travel as JSON, which has no NaN or ±∞: they are sent as the strings ``"NaN"``,
``"Infinity"`` and ``"-Infinity"`` (``js/wire.js`` reads them back)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np


def to_wire(x: Any) -> Any:
    """Nested dicts and lists of JSON values, NumPy converted, non-finite floats as strings.

    Examples
    --------
    >>> to_wire({"p": np.array([0.5, np.nan]), "n": np.int64(2), "ok": np.bool_(True)})
    {'p': [0.5, 'NaN'], 'n': 2, 'ok': True}
    """
    if isinstance(x, np.ndarray):
        return to_wire(x.tolist())
    if isinstance(x, (list, tuple)):
        return [to_wire(v) for v in x]
    if isinstance(x, dict):
        return {str(k): to_wire(v) for k, v in x.items()}
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    if x is None or isinstance(x, str):
        return x
    raise TypeError(f"x: cannot send a {type(x).__name__} to the explorer")
