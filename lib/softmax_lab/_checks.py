"""Every argument check of the library, in one place.

Each check returns the value in the form the caller needs (a Python ``int``, a ``float``, a
``Path``, an int64 label array, ...) or raises ``TypeError`` (wrong kind of thing) or
``ValueError`` (right kind, wrong value) whose message **starts with the argument's name**,
so that a learner reads what to fix first. A silent NaN is the worst answer a teaching
library can give.

Scalars (for trainers, loaders and explorers alike)::

    check_int(value, name, minimum=None, maximum=None) -> int
    check_seed(value, name="seed") -> int                    # an int >= 0
    check_real(value, name, minimum=None, maximum=None, positive=False) -> float
    check_bool(value, name) -> bool
    check_choice(value, name, choices) -> the value
    check_function(value, name) -> the value           # anything callable
    check_dir(value, name) -> pathlib.Path
    check_reals(values, name, size=None, minimum=None, maximum=None) -> list[float]
    check_probability_vector(values, name, size=None) -> list[float]

Arrays (NumPy arrays or torch tensors, through the array API)::

    to_numpy(x, name) -> numpy.ndarray
    check_real_array(x, name, ndim=None, shape=None, finite=True) -> float64 numpy.ndarray
    check_finite(x, name, xp)            check_probabilities(p, name, axis, xp)
    check_unit_interval(p, name, xp)     check_labels(y, name, num_classes, batch_shape, xp)
    probability_tolerance(dtype, xp)

"int-like" means a Python ``int``, a NumPy integer scalar, or a 0-d integer NumPy array or
torch tensor (``y.max() + 1`` is a fine ``num_classes``); ``bool`` is refused everywhere,
because ``True`` as a count or a size is always a mistake.
"""

from __future__ import annotations

import math
import operator
import os
from collections.abc import Collection, Sequence
from numbers import Real
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from ._arrays import Array, as_array, data_of, is_torch, numel, numpy_of

T = TypeVar("T")

# --- scalars ------------------------------------------------------------------------------


def _describe(value: object) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 40 else text[:37] + '...'}"


def _is_boolean(value: object) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return True
    dtype = getattr(value, "dtype", None)
    return dtype is not None and str(dtype) in ("bool", "torch.bool")


def _bounds(minimum: float | None, maximum: float | None) -> str:
    """``in [lo, hi]``, ``>= lo``, ``<= hi`` or nothing, as a message says a range."""
    def text(bound: float) -> str:
        return str(bound) if isinstance(bound, int) else f"{bound:g}"

    if minimum is not None and maximum is not None:
        return f"in [{text(minimum)}, {text(maximum)}]"
    if minimum is not None:
        return f">= {text(minimum)}"
    return f"<= {text(maximum)}" if maximum is not None else ""


def check_int(value: object, name: str, minimum: int | None = None,
              maximum: int | None = None) -> int:
    """An int-like ``value`` within ``[minimum, maximum]`` (either bound optional), as an int.

    Examples
    --------
    >>> check_int(np.int64(3), "num_classes", minimum=1)
    3
    >>> check_int(0, "num_classes", minimum=1)
    Traceback (most recent call last):
        ...
    ValueError: num_classes: must be >= 1, got 0
    >>> check_int(True, "epochs")
    Traceback (most recent call last):
        ...
    TypeError: epochs: expected an int, got bool True
    """
    if _is_boolean(value) or getattr(value, "ndim", 0) != 0:
        raise TypeError(f"{name}: expected an int, got {_describe(value)}")
    try:
        number = operator.index(value)  # int, NumPy and torch integer scalars, 0-d arrays
    except TypeError:
        raise TypeError(f"{name}: expected an int, got {_describe(value)}") from None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise ValueError(f"{name}: must be {_bounds(minimum, maximum)}, got {number}")
    return number


def check_seed(value: object, name: str = "seed") -> int:
    """A seed for NumPy's and torch's generators: an int in ``[0, 2**64)``."""
    number = check_int(value, name, minimum=0)
    if number >= 2**64:  # said as a power: "in [0, 18446744073709551615]" reads as noise
        raise ValueError(f"{name}: must be < 2**64, got {number}")
    return number


def check_real(value: object, name: str, minimum: float | None = None,
               maximum: float | None = None, *, positive: bool = False) -> float:
    """A finite real number in ``[minimum, maximum]``, as a float; ``positive`` asks for > 0.

    Python and NumPy numbers and 0-d real arrays/tensors are accepted; bool is not.

    Examples
    --------
    >>> check_real(np.float32(0.5), "lr", positive=True)
    0.5
    >>> check_real(-1, "weight_decay", minimum=0)
    Traceback (most recent call last):
        ...
    ValueError: weight_decay: must be a finite number >= 0, got -1
    """
    if _is_boolean(value) or getattr(value, "ndim", 0) != 0:
        raise TypeError(f"{name}: expected a real number, got {_describe(value)}")
    if isinstance(value, Real):
        number = float(value)
    else:
        dtype = str(getattr(value, "dtype", ""))
        if not any(k in dtype for k in ("float", "int")):
            raise TypeError(f"{name}: expected a real number, got {_describe(value)}")
        number = float(value)  # type: ignore[arg-type]
    too_low = (minimum is not None and number < minimum) or (positive and number <= 0)
    too_high = maximum is not None and number > maximum
    if not math.isfinite(number) or too_low or too_high:
        if positive and (minimum is None or minimum <= 0):
            bounds = "> 0" + (f" and <= {maximum:g}" if maximum is not None else "")
        else:
            bounds = _bounds(minimum, maximum)
        raise ValueError(f"{name}: must be a finite number{' ' if bounds else ''}{bounds}, "
                         f"got {value!r}")
    return number


def check_bool(value: object, name: str) -> bool:
    """``True`` or ``False`` (NumPy's bool scalars too); not 0, 1 or a string."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name}: expected True or False, got {_describe(value)}")
    return bool(value)


def check_choice(value: T, name: str, choices: Collection[T]) -> T:
    """One of ``choices`` (compared with ``==``).

    Examples
    --------
    >>> check_choice("sum", "reduction", ("mean", "sum", "none"))
    'sum'
    >>> check_choice("avg", "reduction", ("mean", "sum", "none"))
    Traceback (most recent call last):
        ...
    ValueError: reduction: must be one of 'mean', 'sum', 'none', got 'avg'
    """
    try:
        found = value in choices
    except TypeError:  # an unhashable value asked of a set
        found = False
    if not found:
        listing = ", ".join(map(repr, choices))
        raise ValueError(f"{name}: must be one of {listing}, got {value!r}")
    return value


def check_function(value: T, name: str) -> T:
    """A function (anything callable), such as a learner's own ``softmax_fn``.

    Examples
    --------
    >>> check_function(3, "softmax_fn")
    Traceback (most recent call last):
        ...
    TypeError: softmax_fn: expected a function, got int 3
    """
    if not callable(value):
        raise TypeError(f"{name}: expected a function, got {_describe(value)}")
    return value


def check_dir(value: object, name: str) -> Path:
    """A folder path (``str`` or ``os.PathLike``); it need not exist yet."""
    if isinstance(value, (bytes, bytearray)) or not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{name}: expected a folder path (str or pathlib.Path), "
                        f"got {_describe(value)}")
    path = Path(value).expanduser()
    if path.exists() and not path.is_dir():
        raise ValueError(f"{name}: {path} exists and is not a folder")
    return path


def check_reals(values: object, name: str, size: int | tuple[int, int] | None = None,
                minimum: float | None = None, maximum: float | None = None) -> list[float]:
    """A flat sequence of finite real numbers, each in ``[minimum, maximum]``, as floats.

    ``size`` is an exact length or an inclusive ``(lowest, highest)`` range of lengths.

    Examples
    --------
    >>> check_reals((1, 2.5), "logits", size=(2, 10))
    [1.0, 2.5]
    """
    if (isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray))
            or getattr(values, "ndim", 1) == 0):
        raise TypeError(f"{name}: expected a sequence of numbers, got {_describe(values)}")
    low, high = (size, size) if isinstance(size, int) else (size or (0, math.inf))
    if not low <= len(values) <= high:
        wanted = f"{low}" if low == high else f"{low} to {high}"
        raise ValueError(f"{name}: expected {wanted} values, got {len(values)}")
    # Each value is named by its index: "logits[3]: ..." says which one to fix.
    return [check_real(v, f"{name}[{i}]", minimum, maximum) for i, v in enumerate(values)]


def check_probability_vector(values: object, name: str,
                             size: int | tuple[int, int] | None = None) -> list[float]:
    """A sequence of probabilities: each in [0, 1], summing to 1 within
    :func:`probability_tolerance` of float32 (so values computed in float32 pass)."""
    p = check_reals(values, name, size, minimum=0.0, maximum=1.0)
    tol = _SUM_TOLERANCE_FLOOR
    total = math.fsum(p)
    if abs(total - 1) > tol:
        raise ValueError(f"{name}: probabilities must sum to 1 (within {tol:.1e}), "
                         f"but they sum to {total:.6g}")
    return p


# --- arrays -------------------------------------------------------------------------------


def to_numpy(x: object, name: str) -> np.ndarray:
    """A NumPy view of a NumPy array, a torch tensor (detached, on the CPU), a number or a
    (nested) list of numbers.

    Examples
    --------
    >>> to_numpy([[1, 2], [3, 4]], "X").shape
    (2, 2)
    >>> to_numpy("abc", "X")
    Traceback (most recent call last):
        ...
    TypeError: X: expected a NumPy array, a torch tensor or a list of numbers, got str
    """
    return numpy_of(as_array(x, name))


def check_real_array(x: object, name: str, *, ndim: int | None = None,
                     shape: tuple[int, ...] | None = None, finite: bool = True) -> np.ndarray:
    """Real numbers (an array, a tensor or nested lists) as a float64 NumPy array with
    ``ndim`` dimensions or exactly ``shape``; NaN and ±inf are refused unless ``finite`` is
    False (for a caller that checks each value's range itself).

    Examples
    --------
    >>> check_real_array([[1, 2], [3, 4]], "W", shape=(2, 2)).dtype
    dtype('float64')
    >>> check_real_array([1, 2], "W", ndim=2)
    Traceback (most recent call last):
        ...
    ValueError: W: expected a 2-D array, got 1 dimension(s)
    """
    a = to_numpy(x, name)
    if a.dtype.kind not in "iuf":
        raise TypeError(f"{name}: expected real numbers, got dtype {a.dtype}")
    if shape is not None and a.shape != tuple(shape):
        raise ValueError(f"{name}: expected shape {tuple(shape)}, got {a.shape}")
    if ndim is not None and a.ndim != ndim:
        raise ValueError(f"{name}: expected a {ndim}-D array, got {a.ndim} dimension(s)")
    a = a.astype(np.float64)
    if finite and not np.isfinite(a).all():
        raise ValueError(f"{name}: contains NaN or infinite values")
    return a


def check_finite(x: Array, name: str, xp: Any) -> None:
    """Raise ValueError if ``x`` holds NaN or ±inf.

    One reduction: the sum of ``x`` is finite whenever every element is. The sum can also
    overflow for huge finite values, so a non-finite sum is confirmed element by element
    before raising.
    """
    x = data_of(x)
    if numel(x) == 0:
        return
    if is_torch(x):
        total = float(x.sum())
    else:
        with np.errstate(over="ignore", invalid="ignore"):
            total = float(x.sum())
    if math.isfinite(total):
        return
    bad = int(xp.sum(xp.astype(~xp.isfinite(x), xp.int64)))
    if bad:
        raise ValueError(
            f"{name}: must be finite, but {bad} value(s) are NaN or infinite "
            "(a diverged model or an unmasked -inf?)"
        )


#: Sum-to-1 tolerance is never tighter than float32's: a float32 softmax cast to float64
#: is off by a few float32 ulps (6.5e-8 was seen), and must still count as a distribution.
_SUM_TOLERANCE_FLOOR = math.sqrt(float(np.finfo(np.float32).eps))


def probability_tolerance(dtype: Any, xp: Any) -> float:
    r"""Tolerance on :math:`|\sum_j p_j - 1|`: :math:`\sqrt{\varepsilon}` of ``dtype``, but
    never below float32's (3.5e-4 for float32 and float64, 0.03 for float16).

    Probabilities are often computed in float32 and cast to float64; their sums are then off
    by float32 round-off, which is not a sign of a bad distribution.

    Examples
    --------
    >>> round(probability_tolerance(np.float64, np), 6)
    0.000345
    >>> round(probability_tolerance(np.float16, np), 3)
    0.031
    """
    return max(math.sqrt(float(xp.finfo(dtype).eps)), _SUM_TOLERANCE_FLOOR)


def _check_class_axis(x: Array, name: str, axis: int, what: str) -> None:
    if x.ndim < 1:
        raise ValueError(f"{name}: needs at least 1 dimension (the {what} axis), got a scalar")
    if not -x.ndim <= axis < x.ndim:
        raise ValueError(
            f"{name}: axis={axis} is out of range for an array with {x.ndim} dimension(s)"
        )
    if x.shape[axis] == 0:
        raise ValueError(f"{name}: the {what} axis (axis={axis}) is empty")


def check_probabilities(p: Array, name: str, axis: int, xp: Any) -> None:
    """``p`` must hold distributions along ``axis``: finite, >= 0, summing to 1 within
    :func:`probability_tolerance`."""
    p = data_of(p)
    _check_class_axis(p, name, axis, "outcome")
    check_finite(p, name, xp)
    lowest = float(xp.min(p))
    if lowest < 0:
        raise ValueError(f"{name}: probabilities must be >= 0, found {lowest:g}")
    tol = probability_tolerance(p.dtype, xp)
    totals = xp.sum(p, axis=axis)
    off = xp.abs(totals - 1)
    worst = int(xp.argmax(xp.reshape(off, (-1,))))
    worst_total = float(xp.reshape(totals, (-1,))[worst])
    if abs(worst_total - 1) > tol:
        raise ValueError(
            f"{name}: each distribution must sum to 1 (tolerance {tol:.1e} for {p.dtype}), "
            f"but one sums to {worst_total:.9g} (off by {abs(worst_total - 1):.3g})"
        )


def check_unit_interval(p: Array, name: str, xp: Any) -> None:
    """Elementwise probabilities: finite and in [0, 1]."""
    p = data_of(p)
    check_finite(p, name, xp)
    if numel(p) == 0:
        return
    lo, hi = float(xp.min(p)), float(xp.max(p))
    if lo < 0 or hi > 1:
        raise ValueError(
            f"{name}: probabilities must lie in [0, 1], found values in [{lo:g}, {hi:g}]"
        )


def check_labels(y: Array, name: str, num_classes: int | None,
                 batch_shape: tuple[int, ...] | None, xp: Any) -> Array:
    """Integer class labels in ``[0, num_classes)`` (``None``: any label >= 0); returns them
    as int64.

    Floating arrays are accepted when every value is a whole number (labels read from a
    CSV often arrive as floats); anything else is an error.
    """
    y = data_of(y)
    if batch_shape is not None and tuple(y.shape) != tuple(batch_shape):
        raise ValueError(
            f"{name}: expected integer labels of shape {tuple(batch_shape)} to match the batch, "
            f"got shape {tuple(y.shape)}"
        )
    kind = _dtype_kind(y.dtype)
    if kind not in "iuf":
        raise TypeError(f"{name}: expected integer class labels, got dtype {y.dtype}")
    if kind == "f":
        check_finite(y, name, xp)
        if numel(y) and not bool(xp.all(y == xp.round(y))):
            raise ValueError(f"{name}: class labels must be whole numbers, got fractional values")
        y = xp.astype(y, xp.int64)
    if numel(y) and not _labels_in_range(y, num_classes):
        lo, hi = int(xp.min(y)), int(xp.max(y))
        if lo < 0:
            raise ValueError(f"{name}: class labels must be >= 0, found {lo}")
        raise ValueError(f"{name}: class labels must be < num_classes={num_classes}, "
                         f"found {hi}")
    return y if y.dtype == xp.int64 else xp.astype(y, xp.int64)


def _labels_in_range(y: Array, num_classes: int | None) -> bool:
    """``0 <= y < num_classes`` everywhere, in one reduction where possible.

    Read as unsigned, a negative label becomes a number >= 2**(bits - 1), so for NumPy one
    ``max`` checks both ends.
    """
    if isinstance(y, np.ndarray):
        if y.dtype.kind == "i":
            limit = 2 ** (8 * y.dtype.itemsize - 1)
            y = y.view(y.dtype.str.replace("i", "u"))
        else:
            limit = 2 ** (8 * y.dtype.itemsize)
        return int(y.max()) < (limit if num_classes is None else min(num_classes, limit))
    import torch

    lo, hi = torch.aminmax(y)
    return int(lo) >= 0 and (num_classes is None or int(hi) < num_classes)


def _dtype_kind(dtype: Any) -> str:
    """NumPy's one-letter kind ('f', 'i', 'u', 'b', 'c') for a NumPy or torch dtype."""
    if isinstance(dtype, np.dtype):
        return dtype.kind
    if dtype.is_complex:
        return "c"
    if dtype.is_floating_point:
        return "f"
    text = str(dtype)
    return "b" if text == "torch.bool" else ("u" if "uint" in text else "i")
