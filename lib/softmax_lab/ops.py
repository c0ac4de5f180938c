"""Softmax, its logarithm, log-sum-exp, one-hot codes and the cross-entropy loss with its gradient.

Written for NumPy arrays and torch tensors alike. Each result keeps the input's array
library, device and floating dtype, and torch inputs keep autograd. NumPy inputs run the
max-shifted formulas below; for torch, softmax, log_softmax and the loss delegate to torch's
fused kernels, which compute the same formulas (tests check that both agree).

Logits may be ``-inf`` (a masked class: probability 0) as long as every slice along the class
axis keeps at least one finite logit; NaN, ``+inf`` and all-``-inf`` slices are errors. float16
inputs are computed in float32 and rounded back once, so long rows cannot overflow the sum.

References
----------
P. Blanchard, D. J. Higham and N. J. Higham, "Accurately computing the log-sum-exp and
softmax functions", IMA Journal of Numerical Analysis 41(4), 2021.
"""

from __future__ import annotations

import functools
import math
import sys
from typing import Any

import array_api_compat.numpy as _xp_numpy
import numpy as np

from ._arrays import (
    Array,
    as_array,
    as_float,
    default_float,
    device_of,
    is_torch,
    namespace_of,
    numpy_of,
)
from ._checks import check_choice, check_int, check_labels, check_probabilities, check_real

__all__ = [
    "cross_entropy_loss",
    "cross_entropy_loss_grad",
    "log_softmax",
    "logsumexp",
    "one_hot",
    "softmax",
]

REDUCTIONS = ("mean", "sum", "none")

#: Along a short, contiguous class axis NumPy's row-by-row reductions are slow (4 ms for the
#: maxima of 60000 × 10, 19 µs for 256 × 10); up to this many classes a loop over the class
#: columns, each one vectorised over the examples, is 4-6 times faster.
_COLUMN_LOOP_CLASSES = 32


# --- argument handling ----------------------------------------------------------------------


def _logits(o: object, axis: object, name: str = "o") -> tuple[Array, int, Any]:
    """``o`` as a floating array with a valid class axis, the axis as a non-negative int, and
    the array namespace (``None`` for NumPy, whose kernels below call NumPy directly)."""
    if type(o) is np.ndarray and o.dtype.kind == "f":
        xp = None  # the common cases first, without the namespace machinery's per-call cost
    elif _is_float_tensor(o):
        xp = _xp_torch()
    else:
        o = as_array(o, name)
        if is_torch(o):
            xp = _xp_torch()
            o = as_float(o, name, xp)
        else:
            o, xp = as_float(o, name, _xp_numpy), None
    ndim = o.ndim
    axis = check_int(axis, "axis") if type(axis) is not int else axis
    if ndim < 1:
        raise ValueError(f"{name}: needs at least 1 dimension (the class axis), got a scalar")
    if not -ndim <= axis < ndim:
        raise ValueError(
            f"{name}: axis={axis} is out of range for an array with {ndim} dimension(s)"
        )
    axis %= ndim
    if o.shape[axis] == 0:
        raise ValueError(f"{name}: the class axis (axis={axis}) is empty")
    return o, axis, xp


def _is_float_tensor(x: object) -> bool:
    # Never import torch for a NumPy caller. Speed only: without it, _logits takes its
    # general path to the same result.
    torch = sys.modules.get("torch")  # pragma: no mutate
    return torch is not None and isinstance(x, torch.Tensor) and x.is_floating_point()


@functools.cache
def _xp_torch() -> Any:
    import array_api_compat.torch

    return array_api_compat.torch


def _temperature(temperature: object) -> float:
    if type(temperature) is float and 0.0 < temperature < math.inf:
        return temperature
    return check_real(temperature, "temperature", positive=True)


def _check_maxima(m: Array, o: Array, name: str, axis: int) -> None:
    """Logits are valid exactly when every slice's maximum is finite.

    A NaN makes its slice's maximum NaN, a ``+inf`` makes it ``+inf``, and a slice of nothing
    but ``-inf`` has maximum ``-inf``; ``-inf`` next to a finite logit is a masked class. So
    the maxima, which the formulas need anyway, are checked instead of the whole array: one
    sum over them, confirmed element by element only if it is not finite (a sum of huge
    finite maxima can overflow).
    """
    if is_torch(m):
        m = m.detach()
        if math.isfinite(float(m.sum())) or bool(m.isfinite().all()):
            return
    else:
        with np.errstate(over="ignore", invalid="ignore"):
            if math.isfinite(m.sum()) or np.isfinite(m).all():
                return
    raise _logits_error(o, name, axis)


def _logits_error(o: Array, name: str, axis: int) -> ValueError:
    x = numpy_of(o)
    axis %= x.ndim  # the loss passes -1; say which axis that is, as softmax does
    nan, pos = int(np.isnan(x).sum()), int(np.isposinf(x).sum())
    masked_out = int(np.all(np.isneginf(x), axis=axis).sum())
    found = []
    if nan:
        found.append(f"{nan} NaN")
    if pos:
        found.append(f"{pos} +inf")
    if masked_out:
        found.append(f"{masked_out} slice(s) along axis={axis} with every logit -inf")
    return ValueError(
        f"{name}: must be finite, or -inf to mask a class (probability 0) as long as each "
        f"slice along the class axis keeps one finite logit; found {', '.join(found)} "
        "(a diverged model?)"
    )


def _reduce(ufunc: np.ufunc, x: np.ndarray, axis: int) -> np.ndarray:
    """``ufunc.reduce(x, axis, keepdims=True)``, fast on a short last axis."""
    q = x.shape[axis]
    # Which path runs is speed only (not mutated): both give the same numbers.
    if axis == x.ndim - 1 and x.ndim > 1 and 1 < q <= _COLUMN_LOOP_CLASSES:  # pragma: no mutate
        out = x[..., 0].copy()
        for j in range(1, q):
            ufunc(out, x[..., j], out=out)
        return out[..., None]
    return ufunc.reduce(x, axis=axis, keepdims=True)


def _working(o: np.ndarray) -> np.ndarray:
    # float16 sums overflow at 65504: 70000 equal logits gave all-zero probabilities. Compute
    # in float32 and round the result back once (as torch does). (Not mutated: a float32 input
    # is computed in float32 whichever side of the test it falls.)
    return o.astype(np.float32) if o.dtype.itemsize < 4 else o  # pragma: no mutate


def _in_dtype_of(z: np.ndarray, o: np.ndarray) -> np.ndarray:
    """``z`` (computed in float32 for a float16 ``o``) in ``o``'s dtype."""
    return z.astype(o.dtype, copy=False)  # pragma: no mutate (a copy or not: speed only)


def _shifted(x: np.ndarray, m: np.ndarray) -> np.ndarray:
    # Subtracting the slice maximum makes every exponent <= 0, so exp cannot overflow, and the
    # largest term is exactly exp(0) = 1, so the sum cannot underflow to 0. A span wider than
    # the dtype holds overflows to -inf here, whose exp is the right answer, 0.
    with np.errstate(over="ignore"):
        return x - m


# --- softmax ---------------------------------------------------------------------------------


def softmax(o: object, axis: int = -1, temperature: float = 1.0) -> Array:
    r"""Turn logits into probabilities.

    .. math::

        \operatorname{softmax}(\mathbf{o})_j
            = \frac{\exp(o_j / T)}{\sum_k \exp(o_k / T)}
            = \frac{\exp\big((o_j - \max_k o_k) / T\big)}{\sum_k \exp\big((o_k - \max_k o_k)/T\big)}

    Parameters
    ----------
    o : array_like
        Logits with the classes along ``axis``: finite, or ``-inf`` for a masked class
        (probability exactly 0) as long as each slice keeps one finite logit.
    axis : int
        The class axis.
    temperature : float
        :math:`T > 0`. Large :math:`T` flattens the distribution towards uniform; small
        :math:`T` sharpens it towards one-hot on the largest logit.

    Returns
    -------
    Array of the input's library, device and floating dtype; it sums to 1 along ``axis``.

    Notes
    -----
    For :math:`T \ge 1` the logits are divided by :math:`T` first (which cannot overflow) and
    then shifted, so logits spanning more than the dtype holds still give the right answer.
    For :math:`T < 1` they are shifted first: a tiny temperature then gives :math:`-\infty`
    exponents (weight 0) rather than an overflow and ``inf - inf``.

    Examples
    --------
    >>> import numpy as np
    >>> softmax(np.array([0.0, 0.0]))
    array([0.5, 0.5])
    >>> softmax(np.array([1000.0, 0.0]))   # the naive exp(o)/sum(exp(o)) gives [nan, 0.]
    array([1., 0.])
    >>> softmax(np.array([1.0, 2.0]), temperature=1e6).round(6)
    array([0.5, 0.5])
    >>> softmax(np.array([1.0, 1.0, -np.inf]))   # -inf masks the last class
    array([0.5, 0.5, 0. ])
    """
    t = _temperature(temperature)
    o, axis, xp = _logits(o, axis)
    if xp is not None:
        return _torch_softmax(o, axis, t)
    return _numpy_softmax(o, axis, t)


def _numpy_softmax(o: np.ndarray, axis: int, t: float, name: str = "o") -> np.ndarray:
    x = _working(o)
    m = _reduce(np.maximum, x, axis)
    _check_maxima(m, x, name, axis)
    if t == 1.0:
        z = _shifted(x, m)
    elif t > 1.0:  # pragma: no mutate (T = 1 took the branch above)
        z = x / t  # cannot overflow for T >= 1
        z -= m / t  # the largest logit's exponent is exactly 0 again
    else:
        z = _shifted(x, m)
        with np.errstate(over="ignore"):
            z /= t
    # z is a fresh buffer: exp and the normalisation overwrite it, which is what makes this
    # as fast as scipy.special.softmax on large batches.
    np.exp(z, out=z)
    z /= _reduce(np.add, z, axis)
    return _in_dtype_of(z, o)


def _torch_softmax(o: Array, axis: int, t: float, name: str = "o") -> Array:
    import torch

    if o.dtype.itemsize < 4:  # pragma: no mutate (float32 stays float32)
        return _torch_softmax(o.float(), axis, t, name).to(o.dtype)
    if t > 1.0:  # pragma: no mutate (o / 1 is o)
        o = o / t
    elif t < 1.0:
        o = (o - o.detach().amax(dim=axis, keepdim=True)) / t
    p = torch.softmax(o, dim=axis)
    _check_torch_result(p, o, axis, name)
    return p


def _check_torch_result(out: Array, o: Array, axis: int, name: str) -> None:
    """Check the logits through the result of torch's softmax or log_softmax.

    A slice with a NaN, a ``+inf`` or nothing but ``-inf`` comes out as NaN in *every*
    entry (its maximum or its sum is NaN, and both enter each entry), and a valid slice
    never does. So the first class of each slice tells, and reading n numbers instead of
    n·q keeps the check off the cost of large batches. Its sum is NaN for a bad slice, and
    ``-inf`` only when log_softmax meets a masked first class: then the logits are checked
    directly.
    """
    # Detaching or not gives the same number; skipping it is only faster.
    first = (out.detach() if out.requires_grad else out).select(axis, 0).sum()  # pragma: no mutate
    if not math.isfinite(float(first)):
        _check_maxima(o.detach().amax(dim=axis), o, name, axis)


# --- log-sum-exp -----------------------------------------------------------------------------


def logsumexp(o: object, axis: int = -1, keepdims: bool = False) -> Array:
    r"""The log of a sum of exponentials, without overflow.

    .. math::

        \operatorname{LSE}(\mathbf{o}) = \log \sum_k \exp(o_k)
            = m + \log\Big(1 + \sum_{k \ne k^\star} \exp(o_k - m)\Big),
        \qquad m = o_{k^\star} = \max_k o_k

    The largest term, exactly 1, is kept out of the sum and added by ``log1p``, so terms far
    below it still count (``logsumexp([0, -40])`` is :math:`4.25 \times 10^{-18}`, not 0), and
    :math:`m \le \operatorname{LSE}(\mathbf o) \le m + \log q`.

    Examples
    --------
    >>> import numpy as np
    >>> float(logsumexp(np.array([1000.0, 1000.0])))   # 1000 + log 2
    1000.6931471805599
    >>> logsumexp(np.array([[0.0, 0.0], [1.0, 1.0]]), keepdims=True).round(4)
    array([[0.6931],
           [1.6931]])
    >>> float(logsumexp(np.array([0.0, -40.0])))
    4.248354255291589e-18
    """
    o, axis, xp = _logits(o, axis)
    if xp is None:
        x = _working(o)
        out = _logsumexp(x, axis, _xp_numpy)
        out = _in_dtype_of(out, o)
    elif o.dtype.itemsize < 4:  # pragma: no mutate (float32 stays float32)
        out = _logsumexp(o.float(), axis, xp).to(o.dtype)
    else:
        out = _logsumexp(o, axis, xp)
    return out if keepdims else out.squeeze(axis)  # NumPy and torch alike


def _logsumexp(o: Array, axis: int, xp: Any) -> Array:
    # m is gathered at the argmax, not taken by max(): autograd then sends the derivative of
    # the largest term to that one entry, and tied maxima each get theirs through exp(0) = 1.
    top = xp.argmax(o, axis=axis, keepdims=True)
    m = xp.take_along_axis(o, top, axis=axis)
    _check_maxima(m, o, "o", axis)
    with np.errstate(over="ignore"):
        e = xp.exp(o - m)
    not_top = xp.arange(o.shape[axis], device=device_of(o))  # pragma: no mutate (GPU)
    not_top = xp.reshape(not_top, tuple(-1 if k == axis else 1 for k in range(o.ndim))) != top
    rest = xp.sum(xp.where(not_top, e, xp.zeros_like(e)), axis=axis, keepdims=True)
    return m + xp.log1p(rest)


# --- log_softmax -----------------------------------------------------------------------------


def log_softmax(o: object, axis: int = -1) -> Array:
    r"""The logarithm of :func:`softmax`, computed directly.

    .. math::

        \log \operatorname{softmax}(\mathbf{o})_j = o_j - \operatorname{LSE}(\mathbf{o})
            = (o_j - m) - \log \sum_k \exp(o_k - m)

    Taking ``log(softmax(o))`` instead loses every probability that underflows to 0 and
    returns ``-inf``; this form stays exact for very negative logits. A masked class
    (``-inf`` logit) gets ``-inf``.

    Examples
    --------
    >>> import numpy as np
    >>> np.log(softmax(np.array([0.0, -1000.0])))   # doctest: +SKIP
    array([  0., -inf])
    >>> log_softmax(np.array([0.0, -1000.0]))
    array([    0., -1000.])
    """
    o, axis, xp = _logits(o, axis)
    if xp is not None:
        return _torch_log_softmax(o, axis)
    z, log_total = _numpy_log_softmax_parts(o, axis, "o")
    z -= log_total
    return _in_dtype_of(z, o)


def _numpy_log_softmax_parts(o: np.ndarray, axis: int, name: str
                             ) -> tuple[np.ndarray, np.ndarray]:
    """``z = o - max`` (a fresh buffer) and ``log Σ exp(z)``, so that log_softmax is their
    difference, computed in float32 for float16 input."""
    x = _working(o)
    m = _reduce(np.maximum, x, axis)
    _check_maxima(m, x, name, axis)
    z = _shifted(x, m)
    return z, np.log(_reduce(np.add, np.exp(z), axis))


def _torch_log_softmax(o: Array, axis: int, name: str = "o") -> Array:
    import torch

    # torch's float16 log_softmax of 70000 zeros gave -inf: compute in float32.
    if o.dtype.itemsize < 4:  # pragma: no mutate (float32 stays float32)
        return _torch_log_softmax(o.float(), axis, name).to(o.dtype)
    logp = torch.log_softmax(o, dim=axis)
    _check_torch_result(logp, o, axis, name)
    return logp


# --- one-hot ---------------------------------------------------------------------------------


def one_hot(y: object, num_classes: int, dtype: Any = None) -> Array:
    r"""One-hot rows from integer class labels.

    .. math::

        \mathbf{y}_i = (y_{i1}, \dots, y_{iq}), \qquad y_{ij} = [\,j = \text{label}_i\,]

    Parameters
    ----------
    y : array_like of int
        Labels in ``[0, num_classes)``, any shape; the code is appended as a last axis.
    num_classes : int
        :math:`q \ge 1` (a NumPy or torch integer such as ``y.max() + 1`` is fine).
    dtype : optional
        Floating dtype of the result; default: the backend's default float.

    Examples
    --------
    >>> import numpy as np
    >>> y = np.array([2, 0])
    >>> one_hot(y, y.max() + 1)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    num_classes = check_int(num_classes, "num_classes", minimum=1)
    y = as_array(y, "y")
    xp = namespace_of(y=y)
    labels = check_labels(y, "y", num_classes, None, xp)
    if dtype is None:
        dtype = default_float(xp)
    classes = xp.arange(num_classes, device=device_of(y))  # pragma: no mutate (needs a GPU)
    return xp.astype(labels[..., None] == classes, dtype)


# --- cross-entropy ---------------------------------------------------------------------------


def _target(logits: Array, target: object, xp: Any) -> tuple[Array, bool]:
    """Decide whether ``target`` is integer labels or probability rows, and check it.

    Labels have the batch shape ``logits.shape[:-1]``; soft labels have the logits' shape.
    """
    if type(target) is not type(logits):  # the same array type (the common case) passes at once
        target = as_array(target, "target")
        if is_torch(target) != is_torch(logits):
            namespace_of(logits=logits, target=target)  # raises, naming both
    if xp is None:
        xp = _xp_numpy
    if target.ndim == logits.ndim and tuple(target.shape) == tuple(logits.shape):
        if not xp.isdtype(target.dtype, "real floating"):
            raise TypeError(
                f"target: has the logits' shape {tuple(logits.shape)}, so it is read as "
                f"probability rows, which must be floating point (got {target.dtype})"
            )
        check_probabilities(target, "target", -1, xp)
        return xp.astype(target, logits.dtype), True
    if target.ndim != logits.ndim - 1:
        raise ValueError(
            f"target: expected integer labels of shape {tuple(logits.shape[:-1])} or "
            f"probability rows of shape {tuple(logits.shape)}, got shape {tuple(target.shape)}"
        )
    if _kernel_checks_range(target, logits):
        return target, False
    labels = check_labels(target, "target", logits.shape[-1], tuple(logits.shape[:-1]), xp)
    return labels, False


def _kernel_checks_range(target: Array, logits: Array) -> bool:
    """True for int64 labels of the batch's shape on the CPU, whose range torch's
    cross-entropy kernel checks itself (see :func:`_torch_cross_entropy`)."""
    import torch

    return (target.dtype == torch.int64 and target.device.type == "cpu"
            and target.shape == logits.shape[:-1])


def _batch_size(logits: Array) -> int:
    return math.prod(logits.shape[:-1])


def _reduced(per_example: Array, reduction: str, n: int) -> Array:
    if reduction == "none":
        return per_example
    total = per_example.sum()
    return total / n if reduction == "mean" else total


def _reduction(reduction: object) -> str:
    # The default skips the check (speed only: "mean" passes it too).
    if reduction == "mean":  # pragma: no mutate
        return "mean"
    return check_choice(reduction, "reduction", REDUCTIONS)


def cross_entropy_loss(logits: object, target: object, reduction: str = "mean") -> Array:
    r"""Cross-entropy loss of logits against labels or soft labels.

    .. math::

        l(\mathbf{y}, \hat{\mathbf{y}}) = -\sum_{j=1}^q y_j \log \hat y_j
            = \operatorname{LSE}(\mathbf{o}) - \sum_j y_j o_j,
        \qquad \hat{\mathbf{y}} = \operatorname{softmax}(\mathbf{o})

    For an integer label :math:`c` this is :math:`-\log \hat y_c`. The loss is computed from
    the logits through :func:`log_softmax`, never from rounded probabilities.

    Parameters
    ----------
    logits : array_like, shape (..., q)
        Logits with the classes on the last axis; ``-inf`` masks a class. Masking an
        example's *target* class makes its loss ``+inf`` (the model says the true class is
        impossible); a masked class with soft-label weight 0 contributes nothing.
    target : array_like
        Integer labels of shape ``logits.shape[:-1]``, or probability rows (soft labels) of
        shape ``logits.shape``: non-negative, each summing to 1 within
        :func:`~softmax_lab._checks.probability_tolerance`.
    reduction : {"mean", "sum", "none"}
        Average over examples, sum, or one loss per example.

    Examples
    --------
    >>> import numpy as np
    >>> o = np.array([[2.0, 0.0, 0.0]])
    >>> float(cross_entropy_loss(o, np.array([0])))   # log(1 + 2 e^-2)
    0.2395447662218...
    >>> float(cross_entropy_loss(o, np.array([[0.1, 0.2, 0.7]])))
    2.0395447662218...
    """
    reduction = _reduction(reduction)
    logits, _, xp = _logits(logits, -1, name="logits")
    target, soft = _target(logits, target, xp)
    if xp is not None:
        return _torch_cross_entropy(logits, target, soft, reduction)
    if soft:
        z, log_total = _numpy_log_softmax_parts(logits, -1, "logits")
        z -= log_total
        with np.errstate(invalid="ignore"):
            per_example = -np.sum(np.where(target > 0, target * z, 0.0), axis=-1)
    else:
        per_example = _numpy_label_cross_entropy(logits, target)
    per_example = _in_dtype_of(per_example, logits)
    return _reduced(per_example, reduction, _batch_size(logits))


def _numpy_label_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    # -log softmax(o)_c = log Σ_k exp(o_k - m) - (o_c - m): no full log_softmax array needed.
    z, log_total = _numpy_log_softmax_parts(logits, -1, "logits")
    if z.ndim == 2:
        picked = z[np.arange(z.shape[0]), labels]
    else:
        picked = np.take_along_axis(z, labels[..., None], axis=-1)[..., 0]
    return log_total[..., 0] - picked


def _torch_cross_entropy(logits: Array, target: Array, soft: bool, reduction: str) -> Array:
    import torch
    import torch.nn.functional as F

    if logits.dtype.itemsize < 4:  # pragma: no mutate (float32 stays float32)
        return _torch_cross_entropy(logits.float(), target, soft, reduction).to(logits.dtype)
    if soft:
        logp = _torch_log_softmax(logits, logits.ndim - 1, "logits")
        # Mask the log before multiplying: 0 * (-inf) would be NaN for a masked class.
        terms = target * torch.where(target > 0, logp, torch.zeros_like(logp))
        return _reduced(-terms.sum(dim=-1), reduction, _batch_size(logits))
    flat = logits.reshape(-1, logits.shape[-1]) if logits.ndim != 2 else logits
    labels = target.reshape(-1) if logits.ndim != 2 else target
    try:
        # torch's fused log_softmax + gather: the same formula, one kernel. On the CPU the
        # kernel rejects labels outside [0, q) itself; ignore_index is moved from its default
        # -100 (a label it would silently skip) to the one int64 nobody uses as a class.
        out = F.cross_entropy(flat, labels, reduction=reduction, ignore_index=_NO_INDEX)
    except (IndexError, RuntimeError):
        # _target has checked the labels' shape; what the kernel can reject is their range.
        check_labels(target, "target", logits.shape[-1], None, _xp_torch())
        raise
    total = out.detach().sum() if reduction == "none" else out.detach()
    if not math.isfinite(float(total)):  # NaN: bad logits; +inf: a masked target (allowed)
        _check_maxima(flat.detach().amax(dim=-1), logits, "logits", logits.ndim - 1)
    return out.reshape(logits.shape[:-1]) if reduction == "none" else out


#: ``ignore_index`` for torch's cross-entropy: int64's smallest value, never a class label.
_NO_INDEX = -(2**63)


def cross_entropy_loss_grad(logits: object, target: object, reduction: str = "mean") -> Array:
    r"""Gradient of :func:`cross_entropy_loss` with respect to the logits.

    .. math::

        \frac{\partial l}{\partial o_j} = \operatorname{softmax}(\mathbf{o})_j - y_j

    divided by the number of examples :math:`n` when ``reduction="mean"``. With
    ``reduction="none"`` each row is the gradient of that example's own loss.

    Examples
    --------
    >>> import numpy as np
    >>> cross_entropy_loss_grad(np.array([[0.0, 0.0]]), np.array([1]))
    array([[ 0.5, -0.5]])
    """
    reduction = _reduction(reduction)
    logits, _, xp = _logits(logits, -1, name="logits")
    target, soft = _target(logits, target, xp)
    if xp is None:
        grad = _numpy_softmax(logits, logits.ndim - 1, 1.0, "logits")
        if soft:
            grad -= target
        else:
            flat = grad.reshape(-1, grad.shape[-1])
            flat[np.arange(flat.shape[0]), target.reshape(-1)] -= 1
    else:
        y = target if soft else one_hot(target, logits.shape[-1], dtype=logits.dtype)
        grad = _torch_softmax(logits, logits.ndim - 1, 1.0, "logits") - y
    return grad / _batch_size(logits) if reduction == "mean" else grad
