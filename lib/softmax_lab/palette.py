"""Colours shared by every figure and explorer: one class, one colour, everywhere.

The first colours are Okabe and Ito's colour-blind-safe set (blue, vermilion, bluish green,
reddish purple, orange, sky blue); classes 7-10 continue with Paul Tol's muted set. The
explorers' JavaScript holds the same list, and a test keeps the two equal.

Examples
--------
>>> class_color(0), class_color(1)
('#0072B2', '#D55E00')
>>> class_color(10) == class_color(0)
True
"""

from __future__ import annotations

__all__ = ["CLASS_COLORS", "NEUTRAL_COLOR", "TEST_COLOR", "TRAIN_COLOR", "class_color"]

#: One colour per class, in class order (0-based index into this tuple).
CLASS_COLORS: tuple[str, ...] = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
    "#56B4E9", "#882255", "#117733", "#999933", "#332288",
)

#: Training and held-out curves (the first two class colours, so a legend reads the same).
TRAIN_COLOR, TEST_COLOR = CLASS_COLORS[0], CLASS_COLORS[1]

#: Reference lines (the diagonal of perfect calibration, zero lines).
NEUTRAL_COLOR = "#555555"


def class_color(k: int) -> str:
    """The colour of class ``k`` (0-based); the list repeats after ten classes."""
    return CLASS_COLORS[int(k) % len(CLASS_COLORS)]
