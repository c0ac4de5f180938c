"""Calling a learner's own function from an explorer, with its contract checked.

An explorer that accepts a hook (``softmax_fn``, ``loss_fn``, …) calls it with NumPy float64
arrays and states what it must return. Whatever goes wrong inside or with the result becomes a
:class:`HookFailure`: a message key and values that the explorer shows in the reader's language,
never a traceback. A torch function gets a message that says it was handed a NumPy array (and
how to wrap it); a result that ``numpy.asarray`` accepts, a torch tensor included, is used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


class HookFailure(Exception):
    """A hook failed; ``key`` and ``values`` are the message the explorer shows."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def message(self) -> dict[str, Any]:
        return {"key": self.key, "values": self.values}


def _wants_tensor(err: Exception) -> bool:
    text = str(err)
    return "Tensor" in text and "numpy" in text.lower()


def call_hook(name: str, fn: Callable[..., Any], *args: np.ndarray) -> Any:
    """``fn(*args)`` on copies of the arrays (a hook may write to its input); never None."""
    try:
        with np.errstate(all="ignore"):
            out = fn(*(np.array(a, dtype=np.float64) for a in args))
    except Exception as err:  # the learner's code: any failure is shown, not raised
        key = "hook.wants_tensor" if _wants_tensor(err) else "hook.raised"
        raise HookFailure(key, hook=name, error=f"{type(err).__name__}: {err}") from err
    if out is None:
        raise HookFailure("hook.returned_none", hook=name)
    return out


def _numbers(name: str, out: Any) -> np.ndarray:
    if hasattr(out, "detach") and hasattr(out, "cpu"):  # a torch tensor, maybe with autograd
        out = out.detach().cpu().numpy()
    try:
        return np.asarray(out, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise HookFailure("hook.not_numbers", hook=name, got=type(out).__name__) from err


def as_vector(name: str, out: Any, q: int) -> np.ndarray:
    """A hook's result as q float64 numbers (shape ``(q,)``), or a :class:`HookFailure`."""
    arr = _numbers(name, out)
    if arr.shape != (q,):
        raise HookFailure("hook.wrong_shape", hook=name, got=str(arr.shape), expected=f"({q},)")
    return arr


def as_matrix(name: str, out: Any, shape: tuple[int, int]) -> np.ndarray:
    """A hook's result as float64 numbers of ``shape`` (a minibatch: one row per example)."""
    arr = _numbers(name, out)
    if arr.shape != tuple(shape):
        raise HookFailure("hook.wrong_shape_batch", hook=name, got=str(arr.shape),
                          expected=str(tuple(shape)))
    return arr


def as_scalar(name: str, out: Any) -> float:
    """A hook's result as one float (a 0-d or one-element array is fine)."""
    arr = _numbers(name, out)
    if arr.size != 1:
        raise HookFailure("hook.not_scalar", hook=name, got=str(arr.shape))
    return float(arr.reshape(()))
