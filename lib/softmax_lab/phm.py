r"""Parameterized hypercomplex multiplication (PHM): a linear layer with about 1/n of the weights.

A dense layer from :math:`d` inputs to :math:`q` outputs stores a full :math:`q \times d`
matrix. A PHM layer builds the same-sized matrix as a sum of :math:`n` Kronecker products,

.. math::

    \mathbf W = \sum_{i=1}^{n} \mathbf A_i \otimes \mathbf S_i, \qquad
    \mathbf A_i \in \mathbb R^{n \times n}, \quad
    \mathbf S_i \in \mathbb R^{(q/n) \times (d/n)},

and learns only the small factors: :math:`n^3 + dq/n` numbers instead of :math:`dq`.
The map :math:`\mathbf x \mapsto \mathbf W \mathbf x + \mathbf b` is still linear; only the
set of matrices it can reach is smaller. With :math:`n = 1` it is a dense layer again.

Here ``A`` is stored as one array of shape ``(n, n, n)`` (``A[i]`` is :math:`\mathbf A_{i+1}`)
and ``S`` as one array of shape ``(n, q // n, d // n)``. This module holds the math, for NumPy
and torch alike; the torch layer :class:`~softmax_lab.PHMLinear` and its trainer
:func:`~softmax_lab.fit_phm` are in :mod:`softmax_lab.phm_torch`.

References
----------
A. Zhang, Y. Tay, S. Zhang, A. Chan, A. T. Luu, S. C. Hui and J. Fu, "Beyond Fully-Connected
Layers with Quaternions: Parameterization of Hypercomplex Multiplications with 1/n
Parameters", ICLR 2021.
"""

from __future__ import annotations

import math
from typing import Any

from ._arrays import Array, as_array, as_float, namespace_of
from ._checks import check_finite, check_int

__all__ = [
    "dense_parameter_count",
    "phm_forward",
    "phm_parameter_count",
    "phm_weight",
]


def _check_sizes(d: object, q: object, n: object) -> tuple[int, int, int]:
    d = check_int(d, "d", minimum=1)
    q = check_int(q, "q", minimum=1)
    n = check_int(n, "n", minimum=1)
    if d % n or q % n:
        common = [k for k in range(1, math.gcd(d, q) + 1) if d % k == 0 and q % k == 0]
        raise ValueError(
            f"n: must divide both d={d} and q={q}, got n={n}; allowed values are {common}"
        )
    return d, q, n


def dense_parameter_count(d: int, q: int, bias: bool = True) -> int:
    r"""Number of learned numbers in a dense layer from ``d`` inputs to ``q`` outputs.

    .. math::

        \#\theta_{\text{dense}} = dq + q \quad (\text{or } dq \text{ without bias})

    Examples
    --------
    >>> dense_parameter_count(4, 3)            # the cat/chicken/dog network: 12 weights, 3 biases
    15
    >>> dense_parameter_count(784, 10, bias=False)
    7840
    """
    d = check_int(d, "d", minimum=1)
    q = check_int(q, "q", minimum=1)
    return d * q + (q if bias else 0)


def phm_parameter_count(d: int, q: int, n: int, bias: bool = True) -> int:
    r"""Number of learned numbers in a PHM layer from ``d`` inputs to ``q`` outputs.

    .. math::

        \#\theta_{\text{PHM}} = \underbrace{n \cdot n^2}_{\mathbf A_1..\mathbf A_n}
            + \underbrace{n \cdot \tfrac{q}{n} \cdot \tfrac{d}{n}}_{\mathbf S_1..\mathbf S_n}
            + q = n^3 + \frac{dq}{n} + q

    The second term shrinks like :math:`1/n` while the first grows like :math:`n^3`, so the
    count is smallest for a middling :math:`n` (near :math:`(dq/3)^{1/4}`).

    Raises
    ------
    ValueError
        If ``n`` does not divide both ``d`` and ``q``.

    Examples
    --------
    >>> phm_parameter_count(80, 10, 5)        # 125 + 160 + 10
    295
    >>> phm_parameter_count(64, 10, 1, bias=False)   # n = 1: one extra scalar over dense
    641
    """
    d, q, n = _check_sizes(d, q, n)
    return n**3 + d * q // n + (q if bias else 0)


def _factors(A: object, S: object) -> tuple[Array, Array, Any]:
    A = as_array(A, "A")
    S = as_array(S, "S")
    xp = namespace_of(A=A, S=S)
    A = as_float(A, "A", xp)
    S = as_float(S, "S", xp)
    if A.ndim != 3 or A.shape[0] != A.shape[1] or A.shape[1] != A.shape[2] or A.shape[0] < 1:
        raise ValueError(f"A: expected shape (n, n, n), got {tuple(A.shape)}")
    n = A.shape[0]
    if S.ndim != 3 or S.shape[0] != n:
        raise ValueError(
            f"S: expected shape (n, q // n, d // n) with n={n} to match A, got {tuple(S.shape)}"
        )
    if A.dtype != S.dtype:
        raise TypeError(f"A and S: must share one floating dtype, got {A.dtype} and {S.dtype}")
    check_finite(A, "A", xp)
    check_finite(S, "S", xp)
    return A, S, xp


def _kron_sum(A: Array, S: Array, xp: Any) -> Array:
    # (A_i ⊗ S_i)[r*a + k, c*b + l] = A_i[r, c] * S_i[k, l]. Broadcasting builds every product
    # as an array of shape (n, n, a, n, b) indexed [i, r, k, c, l]; summing over i and merging
    # (r, k) and (c, l) gives the (n*a) x (n*b) = q x d matrix.
    n, a, b = S.shape
    prod = A[:, :, None, :, None] * S[:, None, :, None, :]
    return xp.reshape(xp.sum(prod, axis=0), (n * a, n * b))


def phm_weight(A: object, S: object) -> Array:
    r"""Assemble the PHM weight matrix from its factors.

    .. math::

        \mathbf W = \sum_{i=1}^{n} \mathbf A_i \otimes \mathbf S_i \in \mathbb R^{q \times d},
        \qquad (\mathbf A \otimes \mathbf S)_{(r,k),(c,l)} = A_{rc} S_{kl}

    Parameters
    ----------
    A : array_like, shape (n, n, n)
        ``A[i]`` is the :math:`n \times n` matrix :math:`\mathbf A_{i+1}`.
    S : array_like, shape (n, q // n, d // n)
        ``S[i]`` is :math:`\mathbf S_{i+1}`.

    Returns
    -------
    Array of shape ``(q, d)`` in the inputs' library (NumPy or torch, autograd kept).

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[[1.0]]])                 # n = 1: W is just S
    >>> S = np.array([[[1.0, 2.0], [3.0, 4.0]]])
    >>> phm_weight(A, S)
    array([[1., 2.],
           [3., 4.]])
    >>> A = np.stack([np.eye(2), np.array([[0.0, -1.0], [1.0, 0.0]])])
    >>> S = np.array([[[1.0]], [[2.0]]])        # a + b·J: the complex number 1 + 2i as a matrix
    >>> phm_weight(A, S)
    array([[ 1., -2.],
           [ 2.,  1.]])
    """
    A, S, xp = _factors(A, S)
    return _kron_sum(A, S, xp)


def phm_forward(x: object, A: object, S: object, b: object = None) -> Array:
    r"""Apply a PHM layer to a batch of inputs.

    .. math::

        \mathbf O = \mathbf X \mathbf W^\top + \mathbf b, \qquad
        \mathbf W = \sum_{i=1}^{n} \mathbf A_i \otimes \mathbf S_i

    Parameters
    ----------
    x : array_like, shape (..., d)
        Inputs with the features on the last axis.
    A, S : array_like
        Factors as in :func:`phm_weight`.
    b : array_like of shape (q,), optional
        Bias; omitted means no bias.

    Returns
    -------
    Array of shape ``(..., q)``.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.stack([np.eye(2), np.array([[0.0, -1.0], [1.0, 0.0]])])
    >>> S = np.array([[[1.0]], [[2.0]]])
    >>> phm_forward(np.array([[1.0, 0.0], [0.0, 1.0]]), A, S, np.array([0.5, 0.5]))
    array([[ 1.5,  2.5],
           [-1.5,  1.5]])
    """
    A, S, xp = _factors(A, S)
    x = as_array(x, "x")
    namespace_of(x=x, A=A)
    x = as_float(x, "x", xp)
    W = _kron_sum(A, S, xp)
    q, d = W.shape
    if x.ndim < 1 or x.shape[-1] != d:
        raise ValueError(f"x: expected features on the last axis of size d={d}, got shape "
                         f"{tuple(x.shape)}")
    if x.dtype != W.dtype:
        x = xp.astype(x, W.dtype)
    out = xp.matmul(x, xp.matrix_transpose(W))
    if b is None:
        return out
    b = as_array(b, "b")
    namespace_of(x=x, b=b)
    b = as_float(b, "b", xp)
    if tuple(b.shape) != (q,):
        raise ValueError(f"b: expected shape ({q},), got {tuple(b.shape)}")
    return out + xp.astype(b, W.dtype)


def __getattr__(name: str) -> Any:
    # The torch layer and trainer moved to phm_torch; keep `from softmax_lab.phm import ...`.
    if name in ("PHMLinear", "fit_phm"):
        from . import phm_torch

        return getattr(phm_torch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
