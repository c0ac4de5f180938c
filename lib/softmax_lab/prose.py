"""Numbers in a chapter's prose that come from its executed output.

A chapter that writes "the loss falls to 0.31" in its text is wrong as soon as the library
changes. Instead, the chapter glues the computed value under a name, and its prose quotes it
with myst-nb's ``{glue:text}`` role and a format spec (``{glue:text}`loss:.2f```); the
book's build fills in the number from the same run that drew the figures.

myst-nb is a dependency of the book's build, not of this package: in Colab or a plain Jupyter
:func:`glue` stores nothing and the chapter runs the same (the numbers are in its printed
output there); outside a kernel it only converts the value.
"""

from __future__ import annotations

import numbers
import re

__all__ = ["glue"]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def glue(name: str, value: object) -> int | float | str:
    r"""Store ``value`` under ``name`` for the book's prose, and return it as a Python scalar.

    On the site the prose quotes it as ``{glue:text}`name:.3f```. NumPy and torch scalars
    are turned into Python numbers first: myst-nb formats the value it reads back from its
    ``repr``, and ``np.float64(0.5)`` is not a number it can read.

    Parameters
    ----------
    name : str
        The key the prose uses: letters, digits, ``_`` and ``-``, not starting with a digit.
    value : int, float, str, or a NumPy/torch scalar
        What to store; a finite number or a string.

    Returns
    -------
    int, float or str
        ``value`` as a plain Python scalar (``bool`` becomes ``int``).

    Examples
    --------
    >>> import numpy as np
    >>> glue("log_q", np.log(np.float32(10)))
    2.3025851249694824
    >>> glue("steps", np.int64(40))
    40
    >>> glue("loss", np.array([0.1, 0.2]))
    Traceback (most recent call last):
    ...
    ValueError: value must be a single number or a string; got an array of shape (2,)
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str; got {type(name).__name__}")
    if not _NAME.fullmatch(name):
        raise ValueError(f"name must be letters, digits, '_' or '-' (not starting with a "
                         f"digit); got {name!r}")
    scalar = _python_scalar(value)
    if _in_kernel():
        try:
            from myst_nb import glue as myst_glue
        except ImportError:   # Colab and plain Jupyter: the prose is not rendered there
            return scalar
        myst_glue(name, scalar, display=False)
    return scalar


def _in_kernel() -> bool:
    """Whether an IPython kernel runs this code (outside one, a glue has no notebook)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return get_ipython() is not None


def _python_scalar(value: object) -> int | float | str:
    if isinstance(value, str):
        return value
    shape = getattr(value, "shape", ())
    if tuple(shape) != ():
        raise ValueError(f"value must be a single number or a string; got an array of "
                         f"shape {tuple(shape)}")
    if hasattr(value, "item"):          # NumPy and torch scalars, 0-d arrays and tensors
        value = value.item()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(f"value must be finite; got {number}")
        return number
    raise TypeError(f"value must be a number or a str; got {type(value).__name__}")
