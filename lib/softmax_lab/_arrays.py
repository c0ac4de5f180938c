"""Array plumbing shared by the math modules: namespace resolution and argument checks.

Every public math function resolves its array namespace once, through
:func:`namespace_of`, so that one implementation serves NumPy arrays and torch
tensors alike (the Python array API standard, via ``array-api-compat``).
The checks here raise ``TypeError``/``ValueError`` whose message starts with
the argument's name, because a silent NaN is the worst answer a teaching
library can give.
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Any

import array_api_compat
import numpy as np

Array = Any  # a NumPy ndarray or a torch.Tensor


def _is_torch(x: object) -> bool:
    return array_api_compat.is_torch_array(x)


def as_array(x: object, name: str) -> Array:
    """Return ``x`` as an array: NumPy arrays and torch tensors pass through,
    Python numbers and (nested) lists become NumPy arrays."""
    if array_api_compat.is_numpy_array(x) or _is_torch(x):
        return x
    if isinstance(x, (list, tuple, int, float, np.generic)) and not isinstance(x, bool):
        try:
            return np.asarray(x)
        except ValueError as err:  # ragged nested lists
            raise ValueError(f"{name}: cannot be read as a rectangular array ({err})") from None
    raise TypeError(
        f"{name}: expected a NumPy array, a torch tensor or a list of numbers, "
        f"got {type(x).__name__}"
    )


def namespace_of(**arrays: Array) -> Any:
    """The one array namespace shared by all named arrays.

    Raises TypeError naming the arguments when NumPy and torch are mixed.
    """
    kinds = {name: ("torch" if _is_torch(a) else "numpy") for name, a in arrays.items()}
    if len(set(kinds.values())) > 1:
        listing = ", ".join(f"{name} is a {kind} array" for name, kind in kinds.items())
        raise TypeError(
            f"{' and '.join(kinds)}: NumPy arrays and torch tensors cannot be mixed in one "
            f"call ({listing}); convert one of them first"
        )
    return array_api_compat.array_namespace(*arrays.values())


def is_native_torch(xp: Any) -> bool:
    """True when ``xp`` is torch's namespace, whose fused kernels we may delegate to."""
    return array_api_compat.is_torch_namespace(xp)


def as_float(x: Array, name: str, xp: Any) -> Array:
    """Floating-point view of ``x``: floats pass through; integers are promoted to the
    backend's default float; bool and complex are rejected."""
    dtype = x.dtype
    if xp.isdtype(dtype, "real floating"):
        return x
    if xp.isdtype(dtype, "bool") or xp.isdtype(dtype, "complex floating"):
        raise TypeError(f"{name}: expected real numbers, got dtype {dtype}")
    if xp.isdtype(dtype, "integral"):
        default = _default_float(xp)
        return xp.astype(x, default)
    raise TypeError(f"{name}: expected real numbers, got dtype {dtype}")


def _default_float(xp: Any) -> Any:
    if is_native_torch(xp):
        import torch

        return torch.get_default_dtype()
    return xp.float64


def check_logits(o: Array, name: str, axis: int, xp: Any) -> None:
    """Logits must have at least one dimension, a non-empty class axis and finite values."""
    if o.ndim < 1:
        raise ValueError(f"{name}: needs at least 1 dimension (the class axis), got a scalar")
    try:
        size = o.shape[axis]
    except IndexError:
        raise ValueError(
            f"{name}: axis={axis} is out of range for an array with {o.ndim} dimension(s)"
        ) from None
    if size == 0:
        raise ValueError(f"{name}: the class axis (axis={axis}) is empty")
    check_finite(o, name, xp)


def check_finite(x: Array, name: str, xp: Any) -> None:
    """Raise ValueError if ``x`` holds NaN or ±inf.

    ``max(x) - min(x)`` is NaN or infinite whenever ``x`` holds NaN or ±inf: two reductions
    and one conversion to Python instead of materialising ``isfinite(x)`` (this runs on every
    call). It can also overflow for huge finite values, so a non-finite spread is confirmed
    element by element before raising.
    """
    x = _data(x)
    if _numel(x) == 0:
        return
    if _is_torch(x):
        import torch

        lo, hi = torch.aminmax(x)  # one pass instead of two
    else:
        lo, hi = x.min(), x.max()
    with np.errstate(over="ignore", invalid="ignore"):
        spread = float(hi - lo)
    if math.isfinite(spread):
        return
    bad = int(xp.sum(xp.astype(~xp.isfinite(x), xp.int64)))
    if bad:
        raise ValueError(
            f"{name}: must be finite, but {bad} value(s) are NaN or infinite "
            "(a diverged model or an unmasked -inf?)"
        )


def check_axis(axis: object, name: str = "axis") -> int:
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"{name}: expected an int, got {type(axis).__name__}")
    return int(axis)


def check_temperature(temperature: object) -> float:
    if isinstance(temperature, bool) or not isinstance(temperature, Real):
        raise TypeError(
            f"temperature: expected a positive real number, got {type(temperature).__name__}"
        )
    t = float(temperature)
    if not math.isfinite(t) or t <= 0:
        raise ValueError(f"temperature: must be a finite number > 0, got {temperature!r}")
    return t


def check_base(base: object) -> float:
    """Logarithm base: a finite real number > 0 and ≠ 1. Returns ln(base)."""
    if isinstance(base, bool) or not isinstance(base, Real):
        raise TypeError(f"base: expected a real number, got {type(base).__name__}")
    b = float(base)
    if not math.isfinite(b) or b <= 0 or b == 1:
        raise ValueError(f"base: must be a finite number > 0 and != 1, got {base!r}")
    return math.log(b)


REDUCTIONS = ("mean", "sum", "none")


def check_reduction(reduction: object) -> str:
    if reduction not in REDUCTIONS:
        raise ValueError(
            f"reduction: must be one of {', '.join(map(repr, REDUCTIONS))}, got {reduction!r}"
        )
    return reduction  # type: ignore[return-value]


def probability_tolerance(dtype: Any, xp: Any) -> float:
    """Tolerance on ``|Σp − 1|``: the square root of the dtype's machine epsilon
    (1.5e-8 for float64, 3.5e-4 for float32, 0.03 for float16)."""
    return math.sqrt(float(xp.finfo(dtype).eps))


def check_probabilities(p: Array, name: str, axis: int, xp: Any) -> None:
    """``p`` must hold distributions along ``axis``: finite, ≥ 0, summing to 1
    within :func:`probability_tolerance`."""
    p = _data(p)
    if p.ndim < 1:
        raise ValueError(f"{name}: needs at least 1 dimension (the outcome axis), got a scalar")
    try:
        size = p.shape[axis]
    except IndexError:
        raise ValueError(
            f"{name}: axis={axis} is out of range for an array with {p.ndim} dimension(s)"
        ) from None
    if size == 0:
        raise ValueError(f"{name}: the outcome axis (axis={axis}) is empty")
    check_finite(p, name, xp)
    lowest = float(xp.min(p))
    if lowest < 0:
        raise ValueError(f"{name}: probabilities must be >= 0, found {lowest:g}")
    tol = probability_tolerance(p.dtype, xp)
    totals = xp.sum(p, axis=axis)
    worst = float(xp.max(xp.abs(totals - 1)))
    if worst > tol:
        raise ValueError(
            f"{name}: each distribution must sum to 1 (tolerance {tol:.1e} for {p.dtype}), "
            f"but one is off by {worst:.3g}"
        )


def check_unit_interval(p: Array, name: str, xp: Any) -> None:
    """Elementwise probabilities: finite and in [0, 1]."""
    p = _data(p)
    check_finite(p, name, xp)
    if _numel(p) == 0:
        return
    lo, hi = float(xp.min(p)), float(xp.max(p))
    if lo < 0 or hi > 1:
        raise ValueError(
            f"{name}: probabilities must lie in [0, 1], found values in [{lo:g}, {hi:g}]"
        )


def _numel(x: Array) -> int:
    return math.prod(x.shape)


def _data(x: Array) -> Array:
    """The values of ``x`` without autograd history: checks must not touch the graph."""
    return x.detach() if _is_torch(x) else x


def check_labels(y: Array, name: str, num_classes: int, batch_shape: tuple[int, ...] | None,
                 xp: Any) -> Array:
    """Integer class labels in ``[0, num_classes)``; returns them as int64.

    Floating arrays are accepted when every value is a whole number (labels read from a
    CSV often arrive as floats); anything else is an error.
    """
    y = _data(y)
    if batch_shape is not None and tuple(y.shape) != tuple(batch_shape):
        raise ValueError(
            f"{name}: expected integer labels of shape {tuple(batch_shape)} to match the batch, "
            f"got shape {tuple(y.shape)}"
        )
    dtype = y.dtype
    if xp.isdtype(dtype, "bool") or xp.isdtype(dtype, "complex floating"):
        raise TypeError(f"{name}: expected integer class labels, got dtype {dtype}")
    if xp.isdtype(dtype, "real floating"):
        check_finite(y, name, xp)
        if _numel(y) and not bool(xp.all(y == xp.round(y))):
            raise ValueError(f"{name}: class labels must be whole numbers, got fractional values")
    if _numel(y):
        lo, hi = float(xp.min(y)), float(xp.max(y))
        if lo < 0:
            raise ValueError(f"{name}: class labels must be >= 0, found {lo:g}")
        if hi >= num_classes:
            raise ValueError(
                f"{name}: class labels must be < num_classes={num_classes}, found {hi:g}"
            )
    return y if xp.isdtype(dtype, "integral") and dtype == xp.int64 else xp.astype(y, xp.int64)
