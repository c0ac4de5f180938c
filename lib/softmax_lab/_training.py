"""What both trainers share: argument checks, the initial weights and the batch order.

Both trainers draw their initial weights and every epoch's shuffle from one NumPy generator
seeded with ``seed``, in the same order, so with equal arguments they see the same batches
from the same starting point (the fact behind "same loss curve to 1e-5").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from numbers import Real
from typing import Any

import numpy as np

from .history import Callback, History

#: Standard deviation of the initial weights, W ~ N(0, 0.01²), b = 0 (as in D2L).
INIT_SCALE = 0.01


def to_numpy(x: object, name: str) -> np.ndarray:
    """NumPy view of a NumPy array, torch tensor (detached, on the CPU) or nested list."""
    if isinstance(x, np.ndarray):
        return x
    if type(x).__module__.startswith("torch"):
        return x.detach().cpu().numpy()  # type: ignore[attr-defined]
    if isinstance(x, (list, tuple)):
        try:
            return np.asarray(x)
        except ValueError as err:
            raise ValueError(f"{name}: cannot be read as a rectangular array ({err})") from None
    raise TypeError(f"{name}: expected a NumPy array, a torch tensor or a list, "
                    f"got {type(x).__name__}")


def check_features(X: object, name: str, d: int | None = None) -> np.ndarray:
    """float32, C-contiguous, 2-d and finite."""
    X = to_numpy(X, name)
    if X.ndim != 2:
        raise ValueError(f"{name}: expected a 2-d array (examples × features), got shape {X.shape}")
    if X.dtype.kind not in "fiu" or X.dtype == np.bool_:
        raise TypeError(f"{name}: expected real numbers, got dtype {X.dtype}")
    if d is not None and X.shape[1] != d:
        raise ValueError(f"{name}: expected {d} features per row, got {X.shape[1]}")
    X = np.ascontiguousarray(X, dtype=np.float32)
    if X.size and not np.isfinite(X).all():
        raise ValueError(f"{name}: must be finite, found NaN or infinite values")
    return X


def check_targets(y: object, name: str, n: int) -> np.ndarray:
    """int64 labels, one per example, >= 0."""
    y = to_numpy(y, name)
    if y.shape != (n,):
        raise ValueError(f"{name}: expected {n} labels (shape ({n},)), got shape {y.shape}")
    if y.dtype.kind == "f":
        if y.size and not np.all(y == np.round(y)):
            raise ValueError(f"{name}: class labels must be whole numbers")
    elif y.dtype.kind not in "iu":
        raise TypeError(f"{name}: expected integer class labels, got dtype {y.dtype}")
    y = y.astype(np.int64)
    if y.size and y.min() < 0:
        raise ValueError(f"{name}: class labels must be >= 0, found {y.min()}")
    return y


def check_data(X: object, y: object, validation: object, num_classes: int | None
               ) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray] | None, int]:
    X = check_features(X, "X")
    if X.shape[0] == 0:
        raise ValueError("X: needs at least one example")
    y = check_targets(y, "y", X.shape[0])
    val = None
    if validation is not None:
        if not isinstance(validation, (tuple, list)) or len(validation) != 2:
            raise TypeError("validation: expected a pair (X_test, y_test) or None")
        Xv = check_features(validation[0], "validation", X.shape[1])
        val = (Xv, check_targets(validation[1], "validation", Xv.shape[0]))
    seen = int(max(y.max(), val[1].max() if val is not None and val[1].size else 0)) + 1
    if num_classes is None:
        num_classes = max(seen, 2)
    else:
        num_classes = check_int(num_classes, "num_classes", 1)
        if seen > num_classes:
            raise ValueError(f"num_classes: labels go up to {seen - 1}, so it must be >= {seen}")
    return X, y, val, num_classes


def check_int(value: object, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name}: expected an int, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name}: must be >= {minimum}, got {value}")
    return int(value)


def check_real(value: object, name: str, *, positive: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name}: expected a real number, got {type(value).__name__}")
    v = float(value)
    if not math.isfinite(v) or v < 0 or (positive and v == 0):
        raise ValueError(f"{name}: must be a finite number {'>' if positive else '>='} 0, "
                         f"got {value!r}")
    return v


def initial_parameters(d: int, q: int, rng: np.random.Generator,
                       init: object) -> tuple[np.ndarray, np.ndarray]:
    """W (d×q) and b (q,) as float32: drawn from ``rng`` unless ``init=(W, b)`` is given."""
    if init is None:
        W = (INIT_SCALE * rng.standard_normal((d, q))).astype(np.float32)
        return W, np.zeros(q, dtype=np.float32)
    if not isinstance(init, (tuple, list)) or len(init) != 2:
        raise TypeError("init: expected a pair (W, b) or None")
    W = np.array(to_numpy(init[0], "init"), dtype=np.float32)
    b = np.array(to_numpy(init[1], "init"), dtype=np.float32)
    if W.shape != (d, q) or b.shape != (q,):
        raise ValueError(f"init: expected W of shape ({d}, {q}) and b of shape ({q},), "
                         f"got {W.shape} and {b.shape}")
    return W, b


def epoch_order(n: int, batch_size: int, rng: np.random.Generator) -> np.ndarray:
    """A fresh random permutation of ``range(n)``; batch ``k`` is ``order[k*B:(k+1)*B]``.

    The indices inside each batch are sorted: a minibatch is a set, so its gradient is the
    same, and gathering rows in memory order is faster.
    """
    order = rng.permutation(n)
    full = (n // batch_size) * batch_size
    order[:full].reshape(-1, batch_size).sort(axis=1)
    order[full:].sort()
    return order


def make_config(trainer: str, **settings: Any) -> dict[str, Any]:
    return {"trainer": trainer, **settings}


def check_callbacks(callbacks: Iterable[Callback] | None, progress: bool,
                    epochs: int) -> list[Callback]:
    if not isinstance(progress, bool):
        raise TypeError(f"progress: expected True or False, got {type(progress).__name__}")
    cbs = list(callbacks or ())
    for cb in cbs:
        if not isinstance(cb, Callback):
            raise TypeError(f"callbacks: expected softmax_lab Callback objects, got "
                            f"{type(cb).__name__}")
    if progress:
        from .progress import ProgressBar

        cbs.insert(0, ProgressBar(total=epochs))
    return cbs


def notify(callbacks: Sequence[Callback], method: str, *args: Any) -> None:
    for cb in callbacks:
        getattr(cb, method)(*args)


def new_history(config: dict[str, Any]) -> History:
    return History(config=config)
