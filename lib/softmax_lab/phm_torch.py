r"""The PHM layer for torch, and a trainer that races it against a dense layer.

:class:`PHMLinear` is a drop-in ``nn.Linear`` whose weight is assembled from the factors of
:mod:`softmax_lab.phm` (:math:`\mathbf W = \sum_i \mathbf A_i \otimes \mathbf S_i`), and
:func:`fit_phm` trains it (or a dense layer) as a softmax regression with Adam, through the
same epoch loop as the other trainers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np

from ._arrays import namespace_of
from ._training import prepare, run_epochs
from .history import Callback, History
from .phm import _check_sizes, _kron_sum

__all__ = ["PHMLinear", "fit_phm"]

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
        :func:`~softmax_lab.phm_parameter_count` learned numbers instead of
        :func:`~softmax_lab.dense_parameter_count`.

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
            num_classes: int | None = None, callbacks: Iterable[Callback] | None = None,
            progress: bool = False) -> tuple[Any, History]:
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
        :math:`q`; default: the largest training label plus one.
    callbacks, progress
        As in :func:`~softmax_lab.fit_numpy`.

    Returns
    -------
    model : TorchSoftmaxRegression
        The trained layer (``model.net``: the :class:`PHMLinear` or ``nn.Linear``, on the
        CPU) with ``logits``, ``predict_proba`` and ``predict`` like the other trainers'
        models; ``model(X)`` and ``model.parameters()`` pass through to the layer.
    history : History
        Per-epoch ``train_loss, train_acc, test_loss, test_acc, seconds``; ``config`` holds
        the settings and ``num_parameters``.

    Raises
    ------
    TrainingDiverged
        When the loss becomes NaN or infinite (carrying the last finite model).

    Warns
    -----
    TrainingWarning
        When the inputs look unscaled, the loss grows by a large factor, or training is
        interrupted (Ctrl-C; the model after the last complete epoch is returned).

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lab.data import make_toy_images
    >>> toy = make_toy_images(120)
    >>> X = np.hstack([toy.X_train, toy.X_train[:, :2]])   # d = 6 so that n = 3 divides it
    >>> model, history = fit_phm(X, toy.y_train, 3, epochs=20, lr=0.05, batch_size=16)
    >>> type(model.net).__name__, model.num_parameters, history.train_acc[-1] > 0.9
    ('PHMLinear', 36, True)
    """
    from .train_torch import torch_epoch_loop

    if torch is None:
        raise ImportError("fit_phm needs torch: pip install 'softmax_lab[torch]'")
    s = prepare(X, y, validation=validation, num_classes=num_classes, epochs=epochs,
                batch_size=batch_size, lr=lr, seed=seed, callbacks=callbacks,
                progress=progress)
    if n is not None:
        _check_sizes(s.d, s.num_classes, n)
    with torch.random.fork_rng(devices=[]):  # pragma: no mutate (the CPU generator only)
        torch.manual_seed(s.seed)
        layer = torch.nn.Linear(s.d, s.num_classes) if n is None else PHMLinear(
            s.d, s.num_classes, n)
    layer = layer.float()
    optimizer = torch.optim.Adam(layer.parameters(), lr=s.lr)
    history = History(config={
        "trainer": "phm" if n is not None else "dense", "n": n, "epochs": s.epochs,
        "lr": s.lr, "optimizer": "adam", "batch_size": s.batch_size, "seed": s.seed,
        "num_examples": s.n, "num_features": s.d, "num_classes": s.num_classes,
        "num_parameters": sum(p.numel() for p in layer.parameters())})
    loop = torch_epoch_loop(layer, optimizer, s, torch.device("cpu"), safe_lr=None)
    # These matrices are tiny: one thread avoids the cost of waking a second one for every
    # operation, which on a busy two-core machine made training 10 to 50 times slower.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # pragma: no mutate (speed only)
    try:
        return run_epochs(loop, s, np.random.default_rng(s.seed), history)
    finally:
        torch.set_num_threads(threads)
