"""Softmax, its logarithm, log-sum-exp, one-hot codes and the cross-entropy loss with its gradient.

Written once for NumPy arrays and torch tensors (the array API standard). Each result keeps
the input's array library, device and floating dtype, and torch inputs keep autograd.
For torch, the three normalisers delegate to torch's fused kernels, which compute the same
max-shifted formula; the generic path is tested to agree with them.

References
----------
P. Blanchard, D. J. Higham and N. J. Higham, "Accurately computing the log-sum-exp and
softmax functions", IMA Journal of Numerical Analysis 41(4), 2021.
"""

from __future__ import annotations

from typing import Any

from ._arrays import (
    Array,
    as_array,
    as_float,
    check_axis,
    check_labels,
    check_logits,
    check_probabilities,
    check_reduction,
    check_temperature,
    is_native_torch,
    namespace_of,
)

__all__ = [
    "cross_entropy_loss",
    "cross_entropy_loss_grad",
    "log_softmax",
    "logsumexp",
    "one_hot",
    "softmax",
]


def _logits(o: object, axis: object, name: str = "o") -> tuple[Array, int, Any]:
    o = as_array(o, name)
    xp = namespace_of(**{name: o})
    o = as_float(o, name, xp)
    axis = check_axis(axis)
    check_logits(o, name, axis, xp)
    return o, axis, xp


def _shifted(o: Array, axis: int, xp: Any) -> Array:
    # Subtracting the row maximum makes every exponent <= 0, so exp cannot overflow and
    # the largest term is exactly 1, so the sum cannot underflow to 0.
    return o - xp.max(o, axis=axis, keepdims=True)


def softmax(o: object, axis: int = -1, temperature: float = 1.0) -> Array:
    r"""Turn logits into probabilities.

    .. math::

        \operatorname{softmax}(\mathbf{o})_j
            = \frac{\exp(o_j / T)}{\sum_k \exp(o_k / T)}
            = \frac{\exp\big((o_j - \max_k o_k) / T\big)}{\sum_k \exp\big((o_k - \max_k o_k)/T\big)}

    Parameters
    ----------
    o : array_like
        Logits; finite, with the classes along ``axis``.
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
    The maximum is subtracted *before* dividing by :math:`T`, so a tiny temperature gives
    :math:`-\infty` exponents (weight 0) rather than an overflow and ``inf - inf``.

    Examples
    --------
    >>> import numpy as np
    >>> softmax(np.array([0.0, 0.0]))
    array([0.5, 0.5])
    >>> softmax(np.array([1000.0, 0.0]))   # the naive exp(o)/sum(exp(o)) gives [nan, 0.]
    array([1., 0.])
    >>> softmax(np.array([1.0, 2.0]), temperature=1e6).round(6)
    array([0.5, 0.5])
    """
    t = check_temperature(temperature)
    o, axis, xp = _logits(o, axis)
    return _softmax(o, axis, t, xp)


def _softmax(o: Array, axis: int, t: float, xp: Any) -> Array:
    if is_native_torch(xp):
        import torch

        return torch.softmax(o if t == 1.0 else _shifted(o, axis, xp) / t, dim=axis)
    z = _shifted(o, axis, xp)
    if t != 1.0:
        z = z / t
    # z is a fresh buffer, so NumPy may overwrite it: skipping two n×q allocations is
    # what makes this as fast as scipy.special.softmax on large batches.
    e = xp.exp(z, out=z)
    e /= xp.sum(e, axis=axis, keepdims=True)
    return e


def logsumexp(o: object, axis: int = -1, keepdims: bool = False) -> Array:
    r"""The log of a sum of exponentials, without overflow.

    .. math::

        \operatorname{LSE}(\mathbf{o}) = \log \sum_k \exp(o_k)
            = m + \log \sum_k \exp(o_k - m), \qquad m = \max_k o_k

    The shifted sum lies in :math:`[1, q]`, so the result is exact to rounding and
    :math:`m \le \operatorname{LSE}(\mathbf o) \le m + \log q`.

    Examples
    --------
    >>> import numpy as np
    >>> float(logsumexp(np.array([1000.0, 1000.0])))   # 1000 + log 2
    1000.6931471805599
    >>> logsumexp(np.array([[0.0, 0.0], [1.0, 1.0]]), keepdims=True).round(4)
    array([[0.6931],
           [1.6931]])
    """
    o, axis, xp = _logits(o, axis)
    if is_native_torch(xp):
        import torch

        return torch.logsumexp(o, dim=axis, keepdim=bool(keepdims))
    m = xp.max(o, axis=axis, keepdims=True)
    out = m + xp.log(xp.sum(xp.exp(o - m), axis=axis, keepdims=True))
    return out if keepdims else xp.squeeze(out, axis=axis)


def log_softmax(o: object, axis: int = -1) -> Array:
    r"""The logarithm of :func:`softmax`, computed directly.

    .. math::

        \log \operatorname{softmax}(\mathbf{o})_j = o_j - \operatorname{LSE}(\mathbf{o})
            = (o_j - m) - \log \sum_k \exp(o_k - m)

    Taking ``log(softmax(o))`` instead loses every probability that underflows to 0 and
    returns ``-inf``; this form stays exact for very negative logits.

    Examples
    --------
    >>> import numpy as np
    >>> np.log(softmax(np.array([0.0, -1000.0])))   # doctest: +SKIP
    array([  0., -inf])
    >>> log_softmax(np.array([0.0, -1000.0]))
    array([    0., -1000.])
    """
    o, axis, xp = _logits(o, axis)
    return _log_softmax(o, axis, xp)


def _log_softmax(o: Array, axis: int, xp: Any) -> Array:
    if is_native_torch(xp):
        import torch

        return torch.log_softmax(o, dim=axis)
    z = _shifted(o, axis, xp)
    z -= xp.log(xp.sum(xp.exp(z), axis=axis, keepdims=True))  # z is fresh: update in place
    return z


def one_hot(y: object, num_classes: int, dtype: Any = None) -> Array:
    r"""One-hot rows from integer class labels.

    .. math::

        \mathbf{y}_i = (y_{i1}, \dots, y_{iq}), \qquad y_{ij} = [\,j = \text{label}_i\,]

    Parameters
    ----------
    y : array_like of int
        Labels in ``[0, num_classes)``, any shape; the code is appended as a last axis.
    num_classes : int
        :math:`q \ge 1`.
    dtype : optional
        Floating dtype of the result; default: the backend's default float.

    Examples
    --------
    >>> import numpy as np
    >>> one_hot(np.array([2, 0]), 3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    if isinstance(num_classes, bool) or not isinstance(num_classes, int) or num_classes < 1:
        raise ValueError(f"num_classes: must be an int >= 1, got {num_classes!r}")
    y = as_array(y, "y")
    xp = namespace_of(y=y)
    labels = check_labels(y, "y", num_classes, None, xp)
    if dtype is None:
        dtype = as_float(xp.zeros((), dtype=xp.int64, device=_device(y)), "y", xp).dtype
    classes = xp.arange(num_classes, dtype=xp.int64, device=_device(y))
    return xp.astype(labels[..., None] == classes, dtype)


def _device(x: Array) -> Any:
    import array_api_compat

    return array_api_compat.device(x)


def _target(logits: Array, target: object, xp: Any) -> tuple[Array, bool]:
    """Decide whether ``target`` is integer labels or probability rows, and check it.

    Labels have the batch shape ``logits.shape[:-1]``; soft labels have the logits' shape.
    """
    target = as_array(target, "target")
    namespace_of(logits=logits, target=target)
    if tuple(target.shape) == tuple(logits.shape) and target.ndim == logits.ndim:
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
    labels = check_labels(target, "target", logits.shape[-1], tuple(logits.shape[:-1]), xp)
    return labels, False


def _batch_size(logits: Array) -> int:
    n = 1
    for s in logits.shape[:-1]:
        n *= s
    return n


def _reduce(per_example: Array, reduction: str, n: int, xp: Any) -> Array:
    if reduction == "none":
        return per_example
    total = xp.sum(per_example)
    return total / n if reduction == "mean" else total


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
        Finite logits with the classes on the last axis.
    target : array_like
        Integer labels of shape ``logits.shape[:-1]``, or probability rows (soft labels) of
        shape ``logits.shape``: non-negative, each summing to 1 within √ε of the dtype.
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
    reduction = check_reduction(reduction)
    logits, _, xp = _logits(logits, -1, name="logits")
    target, soft = _target(logits, target, xp)
    if is_native_torch(xp) and logits.ndim == 2:
        import torch.nn.functional as F

        # torch's fused log_softmax + gather: the same formula, one kernel.
        per_example = F.cross_entropy(logits, target, reduction="none")
        return _reduce(per_example, reduction, _batch_size(logits), xp)
    logp = _log_softmax(logits, -1, xp)
    if soft:
        per_example = -xp.sum(target * logp, axis=-1)
    else:
        per_example = -xp.squeeze(
            xp.take_along_axis(logp, target[..., None], axis=-1), axis=-1
        )
    return _reduce(per_example, reduction, _batch_size(logits), xp)


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
    reduction = check_reduction(reduction)
    logits, _, xp = _logits(logits, -1, name="logits")
    target, soft = _target(logits, target, xp)
    if not soft:
        target = one_hot(target, logits.shape[-1], dtype=logits.dtype)
    grad = _softmax(logits, -1, 1.0, xp) - target
    return grad / _batch_size(logits) if reduction == "mean" else grad
