"""Array plumbing shared by the math modules: which library an array belongs to, and its
floating-point form.

Every public math function resolves its array namespace once, through :func:`namespace_of`,
so that one implementation serves NumPy arrays and torch tensors alike (the Python array API
standard, via ``array-api-compat``). The argument checks live in :mod:`softmax_lab._checks`.
"""

from __future__ import annotations

import math
from typing import Any

import array_api_compat
import numpy as np

Array = Any  # a NumPy ndarray or a torch.Tensor


def is_torch(x: object) -> bool:
    """True for a torch tensor (without importing torch)."""
    return type(x) is not np.ndarray and array_api_compat.is_torch_array(x)


def as_array(x: object, name: str) -> Array:
    """Return ``x`` as an array: NumPy arrays and torch tensors pass through,
    Python numbers and (nested) lists become NumPy arrays."""
    if type(x) is np.ndarray or array_api_compat.is_numpy_array(x) or is_torch(x):
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
    kinds = {name: ("torch" if is_torch(a) else "numpy") for name, a in arrays.items()}
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
        return xp.astype(x, default_float(xp))
    raise TypeError(f"{name}: expected real numbers, got dtype {dtype}")


def default_float(xp: Any) -> Any:
    """float64 for NumPy, torch's default dtype (float32 unless changed) for torch."""
    if is_native_torch(xp):
        import torch

        return torch.get_default_dtype()
    return xp.float64


def numpy_of(x: Array) -> np.ndarray:
    """The values of an array as NumPy (a torch tensor is detached and copied to the CPU)."""
    return x if isinstance(x, np.ndarray) else x.detach().cpu().numpy()


def numel(x: Array) -> int:
    return math.prod(x.shape)


def data_of(x: Array) -> Array:
    """The values of ``x`` without autograd history: checks must not touch the graph."""
    return x.detach() if is_torch(x) else x


def device_of(x: Array) -> Any:
    return array_api_compat.device(x)


# Checks that used to live here, kept importable from their old place.
_MOVED_TO_CHECKS = {"check_finite", "check_labels", "check_probabilities",
                    "check_unit_interval", "probability_tolerance"}


def __getattr__(name: str) -> Any:
    if name in _MOVED_TO_CHECKS:
        from . import _checks

        return getattr(_checks, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
