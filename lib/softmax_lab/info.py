"""Information theory of discrete distributions: surprisal, entropy, cross-entropy, KL divergence.

All take a ``base`` for the logarithm: ``math.e`` (default) gives nats, ``2`` gives bits.
Terms with :math:`P(j) = 0` contribute 0, by the convention :math:`0 \\log 0 = 0`
(the limit of :math:`p \\log p` as :math:`p \\to 0`).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._arrays import Array, as_array, as_float, namespace_of
from ._checks import check_int, check_probabilities, check_real, check_unit_interval

__all__ = ["cross_entropy", "entropy", "kl_divergence", "surprisal"]


def _check_base(base: object) -> float:
    """Logarithm base: a finite real number > 0 and != 1. Returns ln(base)."""
    b = check_real(base, "base", positive=True)
    if b == 1:
        raise ValueError("base: must not be 1 (log base 1 is undefined), got 1")
    return math.log(b)


def _distribution(p: object, name: str, axis: object) -> tuple[Array, int, Any]:
    p = as_array(p, name)
    xp = namespace_of(**{name: p})
    p = as_float(p, name, xp)
    axis = check_int(axis, "axis")
    check_probabilities(p, name, axis, xp)
    return p, axis, xp


def _pair(p: object, q: object, axis: object) -> tuple[Array, Array, int, Any]:
    p_arr, q_arr = as_array(p, "p"), as_array(q, "q")
    namespace_of(p=p_arr, q=q_arr)
    p_arr, axis, xp = _distribution(p_arr, "p", axis)
    q_arr, _, _ = _distribution(q_arr, "q", axis)
    if tuple(p_arr.shape) != tuple(q_arr.shape):
        raise ValueError(
            f"p and q: must have the same shape, got {tuple(p_arr.shape)} and {tuple(q_arr.shape)}"
        )
    return p_arr, q_arr, axis, xp


def _log(x: Array, log_base: float, xp: Any) -> Array:
    # log_b(x) = ln(x) / ln(b); for nats ln(b) = 1 and the division is exact.
    return xp.log(x) / log_base


def _where_positive(p: Array, xp: Any) -> tuple[Array, Array]:
    # Replacing zeros by 1 before the log keeps log(0) = -inf (and its NaN gradient)
    # out of the computation instead of masking it afterwards.
    positive = p > 0
    return positive, xp.where(positive, p, xp.ones_like(p))


def surprisal(p: object, base: float = math.e) -> Array:
    r"""Information content of an outcome of probability :math:`p`.

    .. math::

        s(p) = \log \frac{1}{p} = -\log p

    Elementwise; :math:`p` in :math:`[0, 1]`. An impossible outcome (:math:`p = 0`) has
    infinite surprisal, returned as ``inf``.

    Examples
    --------
    >>> import numpy as np
    >>> surprisal(np.array([1.0, 0.5, 0.125]), base=2)
    array([0., 1., 3.])
    """
    log_base = _check_base(base)
    p = as_array(p, "p")
    xp = namespace_of(p=p)
    p = as_float(p, "p", xp)
    check_unit_interval(p, "p", xp)
    with np.errstate(divide="ignore"):  # log(0) = -inf is the answer here
        return 0.0 - _log(p, log_base, xp)  # 0.0 - x, unlike -x, never gives -0.0


def entropy(p: object, axis: int = -1, base: float = math.e) -> Array:
    r"""Entropy of the distribution(s) ``p`` along ``axis``.

    .. math::

        H[P] = -\sum_j P(j) \log P(j) = \mathbb{E}_{j \sim P}\big[-\log P(j)\big]

    with :math:`0 \log 0 = 0`. It lies in :math:`[0, \log q]`: 0 for a certain outcome,
    :math:`\log q` for the uniform distribution over :math:`q` outcomes.

    Examples
    --------
    >>> import numpy as np
    >>> float(entropy(np.full(8, 1 / 8), base=2))
    3.0
    >>> float(entropy(np.array([1.0, 0.0])))
    0.0
    """
    log_base = _check_base(base)
    p, axis, xp = _distribution(p, "p", axis)
    _, safe = _where_positive(p, xp)
    # log(1) = 0 where P(j) = 0, so those terms vanish without a 0 * (-inf).
    return 0.0 - xp.sum(p * _log(safe, log_base, xp), axis=axis)


def cross_entropy(p: object, q: object, axis: int = -1, base: float = math.e) -> Array:
    r"""Cross-entropy of ``q`` relative to ``p``.

    .. math::

        H(P, Q) = -\sum_j P(j) \log Q(j) = H[P] + D_{\mathrm{KL}}(P \,\|\, Q) \ \ge\ H[P]

    The expected surprisal when outcomes come from :math:`P` but are coded for :math:`Q`.
    Infinite when :math:`Q` rules out an outcome that :math:`P` allows.

    Examples
    --------
    >>> import numpy as np
    >>> float(cross_entropy(np.array([0.5, 0.5]), np.array([0.25, 0.75]), base=2)).__round__(6)
    1.207519
    """
    log_base = _check_base(base)
    p, q, axis, xp = _pair(p, q, axis)
    positive, _ = _where_positive(p, xp)
    with np.errstate(divide="ignore"):  # log(0) = -inf is the answer here
        logq = _log(q, log_base, xp)
    # Mask the log before multiplying: 0 * (-inf) would be NaN where P(j) = Q(j) = 0.
    return 0.0 - xp.sum(p * xp.where(positive, logq, xp.zeros_like(p)), axis=axis)


def kl_divergence(p: object, q: object, axis: int = -1, base: float = math.e) -> Array:
    r"""Kullback-Leibler divergence of ``q`` from ``p``.

    .. math::

        D_{\mathrm{KL}}(P \,\|\, Q) = \sum_j P(j) \log \frac{P(j)}{Q(j)} = H(P, Q) - H[P]

    Non-negative, zero exactly when :math:`P = Q`, and not symmetric.

    Examples
    --------
    >>> import numpy as np
    >>> p = np.array([0.5, 0.5])
    >>> float(kl_divergence(p, p))
    0.0
    >>> round(float(kl_divergence(p, np.array([0.25, 0.75]), base=2)), 6)
    0.207519
    """
    log_base = _check_base(base)
    p, q, axis, xp = _pair(p, q, axis)
    positive, safe_p = _where_positive(p, xp)
    with np.errstate(divide="ignore"):  # log(0) = -inf is the answer here
        log_ratio = _log(safe_p, log_base, xp) - _log(q, log_base, xp)
    terms = p * xp.where(positive, log_ratio, xp.zeros_like(p))
    # Rounding can leave a tiny negative sum when P == Q; KL is >= 0 by Gibbs' inequality.
    return xp.clip(xp.sum(terms, axis=axis), min=0)
