"""How explorers show numbers and name classes; ``js/format.js`` holds the same rules.

Tests compare the two on every number of the golden vectors, so a reader sees the same text
whether Python (in a kernel) or JavaScript (on the site) computed it.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

TINY, HUGE = 1e-4, 1e5


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_number(x: float, precise: bool = False) -> str:
    """A number as an explorer shows it.

    4 significant digits (10 when ``precise``) with at least one decimal, trailing zeros
    dropped; integers as integers; :math:`|x| < 10^{-4}` as ``"< 0.0001"`` unless ``precise``;
    scientific below :math:`10^{-4}` (precise) and from :math:`10^5`; NaN, ∞ and −∞ spelled out.
    Rounding is JavaScript's ``toFixed``/``toExponential``: the exact binary value, ties away
    from zero.

    Examples
    --------
    >>> format_number(0.24472847105479764), format_number(2.0), format_number(1000.1)
    ('0.2447', '2', '1000.1')
    >>> format_number(1.216e-37), format_number(1.216e-37, precise=True)
    ('< 0.0001', '1.216e-37')
    >>> format_number(123456.7), format_number(float("nan")), format_number(float("-inf"))
    ('1.235e+5', 'NaN', '−∞')
    """
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x == 0:
        return "0"
    sign, a = ("-" if x < 0 else ""), abs(x)
    if a.is_integer() and a < 1e15:
        return sign + str(int(a))
    if not precise and a < TINY:
        return "< 0.0001" if x > 0 else "> -0.0001"
    digits = 10 if precise else 4
    exact = Decimal(a)
    rounded = exact.quantize(Decimal(1).scaleb(exact.adjusted() - digits + 1), ROUND_HALF_UP)
    exponent = rounded.adjusted()
    if a >= HUGE or a < TINY:
        mantissa = format(rounded.scaleb(-exponent), f".{digits - 1}f")
        return f"{sign}{_trim(mantissa)}e{exponent:+d}"
    decimals = max(digits - 1 - exponent, 1)
    return sign + _trim(format(exact.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP), "f"))


def class_number(index: int) -> int:
    """The number a reader sees for the class at 0-based ``index``: classes count from 1.

    Prose and explorers say "class 3" and ŷ₃; code says ``target=2``.

    >>> class_number(0)
    1
    """
    return int(index) + 1
