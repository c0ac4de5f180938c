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
and ``S`` as one array of shape ``(n, q // n, d // n)``.

References
----------
A. Zhang, Y. Tay, S. Zhang, A. Chan, A. T. Luu, S. C. Hui and J. Fu, "Beyond Fully-Connected
Layers with Quaternions: Parameterization of Hypercomplex Multiplications with 1/n
Parameters", ICLR 2021.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ._arrays import Array, as_array, as_float, check_finite, namespace_of

if TYPE_CHECKING:
    from .history import History

__all__ = [
    "PHMLinear",
    "dense_parameter_count",
    "fit_phm",
    "phm_forward",
    "phm_parameter_count",
    "phm_weight",
]


def _positive_int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name}: expected an int, got {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name}: must be >= 1, got {value}")
    return value


def _check_sizes(d: object, q: object, n: object) -> tuple[int, int, int]:
    d = _positive_int(d, "d")
    q = _positive_int(q, "q")
    n = _positive_int(n, "n")
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
    d = _positive_int(d, "d")
    q = _positive_int(q, "q")
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


try:
    import torch
    from torch import nn
except ImportError:  # torch is an optional dependency
    torch = None

if torch is not None:

    class PHMLinear(nn.Module):
        r"""A linear layer whose weight is a sum of Kronecker products (a PHM layer).

        .. math::

            \mathbf o = \mathbf W \mathbf x + \mathbf b, \qquad
            \mathbf W = \sum_{i=1}^{n} \mathbf A_i \otimes \mathbf S_i

        A drop-in replacement for ``torch.nn.Linear(d, q)`` with
        :func:`phm_parameter_count` learned numbers instead of :func:`dense_parameter_count`.

        Parameters
        ----------
        d : int
            Input features (``in_features``).
        q : int
            Outputs (``out_features``).
        n : int
            Number of Kronecker terms; must divide ``d`` and ``q``.
        bias : bool
            Learn an additive bias.

        Notes
        -----
        Initialisation keeps the variance of each assembled weight equal to that of
        ``nn.Linear`` (:math:`1/(3d)`): entries of :math:`\mathbf A_i` are drawn from
        :math:`\mathcal U(-\sqrt{3/n}, \sqrt{3/n})` (variance :math:`1/n`) and entries of
        :math:`\mathbf S_i` from :math:`\mathcal U(-1/\sqrt d, 1/\sqrt d)`; a weight is a sum
        of :math:`n` independent products, so its variance is
        :math:`n \cdot \tfrac1n \cdot \tfrac1{3d}`.

        Examples
        --------
        >>> import torch
        >>> layer = PHMLinear(8, 4, n=2)
        >>> layer(torch.zeros(5, 8)).shape
        torch.Size([5, 4])
        >>> layer.weight.shape, sum(p.numel() for p in layer.parameters())
        (torch.Size([4, 8]), 28)
        """

        def __init__(self, d: int, q: int, n: int, bias: bool = True) -> None:
            super().__init__()
            d, q, n = _check_sizes(d, q, n)
            self.in_features, self.out_features, self.n = d, q, n
            self.A = nn.Parameter(torch.empty(n, n, n))
            self.S = nn.Parameter(torch.empty(n, q // n, d // n))
            self.bias = nn.Parameter(torch.empty(q)) if bias else None
            self.reset_parameters()

        def reset_parameters(self) -> None:
            """Draw fresh factors (see Notes) from torch's global generator."""
            bound_a = math.sqrt(3.0 / self.n)
            bound_s = 1.0 / math.sqrt(self.in_features)
            with torch.no_grad():
                self.A.uniform_(-bound_a, bound_a)
                self.S.uniform_(-bound_s, bound_s)
                if self.bias is not None:
                    self.bias.uniform_(-bound_s, bound_s)

        @property
        def weight(self) -> torch.Tensor:
            """The assembled ``(q, d)`` weight :math:`\\sum_i A_i \\otimes S_i` (differentiable)."""
            return _kron_sum(self.A, self.S, namespace_of(A=self.A))

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return nn.functional.linear(x, self.weight, self.bias)

        def extra_repr(self) -> str:
            return (
                f"d={self.in_features}, q={self.out_features}, n={self.n}, "
                f"bias={self.bias is not None}"
            )

else:

    class PHMLinear:  # type: ignore[no-redef]
        """Placeholder that explains the missing optional dependency."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            raise ImportError("PHMLinear needs torch: pip install 'softmax_lab[torch]'")


def fit_phm(X: object, y: object, n: int | None, *, epochs: int = 30, lr: float = 0.05,
            batch_size: int = 128, seed: int = 0,
            validation: tuple[object, object] | None = None,
            num_classes: int | None = None) -> tuple[Any, History]:
    r"""Train a PHM layer (or, with ``n=None``, a dense layer) as a softmax regression.

    Minimises the mean cross-entropy :math:`\frac1m\sum_i l(\mathbf y_i,
    \operatorname{softmax}(\mathbf W \mathbf x_i + \mathbf b))` by minibatch Adam, where
    :math:`\mathbf W = \sum_{i=1}^n \mathbf A_i \otimes \mathbf S_i` for a
    :class:`PHMLinear` and a free :math:`q \times d` matrix for ``torch.nn.Linear``. Both
    kinds see the same batches for the same ``seed``, so their curves can be compared.
    Adam rather than plain SGD: the product :math:`A \otimes S` couples the scales of the
    two factors, and per-parameter step sizes make one learning rate serve every ``n``.

    Parameters
    ----------
    X : array_like, shape (N, d)
        Training features.
    y : array_like of int, shape (N,)
        Training labels in ``[0, q)``.
    n : int or None
        Number of Kronecker terms (must divide ``d`` and ``q``); ``None`` trains a dense
        ``torch.nn.Linear(d, q)`` for comparison.
    epochs, lr, batch_size, seed
        Passes over the data, Adam's learning rate, examples per step, and the seed of the
        initial weights and of every epoch's shuffle.
    validation : (X_test, y_test), optional
        Evaluated after every epoch into ``history.test_loss`` and ``history.test_acc``.
    num_classes : int, optional
        :math:`q`; default: the largest label seen plus one.

    Returns
    -------
    layer : torch.nn.Module
        The trained :class:`PHMLinear` or ``nn.Linear`` on the CPU; ``layer(X)`` gives logits.
    history : History
        Per-epoch ``train_loss, train_acc, test_loss, test_acc, seconds``.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lab.data import make_toy_images
    >>> toy = make_toy_images(120)
    >>> X = np.hstack([toy.X_train, toy.X_train[:, :2]])   # d = 6 so that n = 3 divides it
    >>> layer, history = fit_phm(X, toy.y_train, 3, epochs=20, lr=0.05, batch_size=16)
    >>> type(layer).__name__, history.train_acc[-1] > 0.9
    ('PHMLinear', True)
    """
    import numpy as np

    from ._training import check_data, check_int, check_real

    if torch is None:
        raise ImportError("fit_phm needs torch: pip install 'softmax_lab[torch]'")
    Xn, yn, val, q = check_data(X, y, validation, num_classes)
    epochs = check_int(epochs, "epochs", 0)
    batch_size = check_int(batch_size, "batch_size", 1)
    lr = check_real(lr, "lr", positive=True)
    d = Xn.shape[1]
    if n is not None:
        _check_sizes(d, q, n)

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        layer = torch.nn.Linear(d, q) if n is None else PHMLinear(d, q, n)
    # These matrices are tiny: one thread avoids the cost of waking a second one for every
    # operation, which on a busy two-core machine made training 10 to 50 times slower.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        history = _adam_epochs(layer, Xn, yn, val, epochs, lr, batch_size,
                               np.random.default_rng(seed))
    finally:
        torch.set_num_threads(threads)
    history.config.update(trainer="phm" if n is not None else "dense", n=n, epochs=epochs,
                          lr=lr, optimizer="adam", batch_size=batch_size, seed=seed,
                          num_examples=len(yn), num_features=d, num_classes=q,
                          num_parameters=sum(p.numel() for p in layer.parameters()))
    return layer, history


def _adam_epochs(layer: Any, X: Any, y: Any, val: Any, epochs: int, lr: float,
                 batch_size: int, rng: Any) -> History:
    import time

    from ._training import epoch_order
    from .history import History, TrainingDiverged
    from .metrics import accuracy
    from .ops import cross_entropy_loss

    optimizer = torch.optim.Adam(layer.parameters(), lr=lr)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    vt = None if val is None else (torch.from_numpy(val[0]), torch.from_numpy(val[1]))
    history = History()
    N = len(y)
    for epoch in range(1, epochs + 1):
        order = torch.from_numpy(epoch_order(N, batch_size, rng))
        start = time.perf_counter()
        loss_sum, hits = 0.0, 0
        for k in range(0, N, batch_size):
            idx = order[k:k + batch_size]
            logits = layer(Xt[idx])
            # torch's fused kernel computes the same max-shifted log-softmax as
            # softmax_lab.cross_entropy_loss, without its argument checks on every step.
            loss = torch.nn.functional.cross_entropy(logits, yt[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(idx)
            hits += int((logits.detach().argmax(dim=1) == yt[idx]).sum())
        seconds = time.perf_counter() - start
        if not math.isfinite(loss_sum):
            raise TrainingDiverged(lr, epoch, loss_sum)
        test_loss = test_acc = None
        if vt is not None:
            with torch.no_grad():
                logits = layer(vt[0])
            test_loss = float(cross_entropy_loss(logits, vt[1]))
            test_acc = accuracy(logits, vt[1])
        history.record(train_loss=loss_sum / N, train_acc=hits / N, seconds=seconds,
                       test_loss=test_loss, test_acc=test_acc)
    return history
