"""Softmax regression the concise way: ``nn.Linear``, cross-entropy and ``torch.optim.SGD``.

Autograd computes the gradient that :mod:`softmax_lab.train_numpy` writes out by hand. The
data live on the device as two tensors and each batch is gathered by index, without a
``DataLoader`` (whose per-example Python calls would cost more than the model itself).
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from typing import Any

import numpy as np

from ._training import (
    check_callbacks,
    check_data,
    check_int,
    check_real,
    epoch_order,
    initial_parameters,
    make_config,
    new_history,
    notify,
)
from .data import resolve_device
from .history import Callback, History, TrainingDiverged
from .metrics import accuracy
from .model import SoftmaxRegression
from .ops import cross_entropy_loss, softmax

__all__ = ["TorchSoftmaxRegression", "fit_torch"]


class TorchSoftmaxRegression:
    r"""A trained ``nn.Linear`` plus softmax.

    .. math::

        \hat{\mathbf{y}} = \operatorname{softmax}(\mathbf{x}\mathbf{W} + \mathbf{b})

    ``predict_proba`` and ``predict`` take NumPy arrays (and return NumPy arrays) or torch
    tensors (and return tensors on the model's device).

    Attributes
    ----------
    net : torch.nn.Linear
        Its ``weight`` is :math:`\mathbf{W}^\top` (q × d), as torch stores it.
    device : torch.device
    """

    def __init__(self, net: Any, device: Any) -> None:
        self.net, self.device = net, device

    @property
    def W(self) -> np.ndarray:
        """Weights as a NumPy (d, q) array (a copy)."""
        return self.net.weight.detach().cpu().numpy().T.copy()

    @property
    def b(self) -> np.ndarray:
        """Biases as a NumPy (q,) array (a copy)."""
        return self.net.bias.detach().cpu().numpy().copy()

    def logits(self, X: object) -> Any:
        """:math:`\\mathbf{XW} + \\mathbf{b}`; NumPy in, NumPy out; tensor in, tensor out."""
        import torch

        as_numpy = not isinstance(X, torch.Tensor)
        Xt = torch.as_tensor(np.asarray(X, dtype=np.float32) if as_numpy else X)
        if Xt.ndim != 2 or Xt.shape[1] != self.net.in_features:
            raise ValueError(f"X: expected shape (n, {self.net.in_features}), "
                             f"got {tuple(Xt.shape)}")
        with torch.no_grad():
            out = self.net(Xt.to(self.device, torch.float32))
        return out.cpu().numpy() if as_numpy else out

    def predict_proba(self, X: object) -> Any:
        """Class probabilities, one row per example."""
        return softmax(self.logits(X))

    def predict(self, X: object) -> Any:
        """The most probable class of each example."""
        out = self.logits(X)
        return out.argmax(axis=1) if isinstance(out, np.ndarray) else out.argmax(dim=1)

    def to_numpy(self) -> SoftmaxRegression:
        """The same model as a NumPy :class:`~softmax_lab.model.SoftmaxRegression`."""
        return SoftmaxRegression(self.W, self.b)

    def __repr__(self) -> str:
        return (f"TorchSoftmaxRegression(d={self.net.in_features}, q={self.net.out_features}, "
                f"device={self.device})")


def fit_torch(X: object, y: object, *, epochs: int = 10, lr: float = 0.1,
              batch_size: int = 256, seed: int = 0,
              validation: tuple[object, object] | None = None, device: Any = "auto",
              weight_decay: float = 0.0, num_classes: int | None = None,
              init: tuple[object, object] | None = None,
              callbacks: Iterable[Callback] | None = None,
              progress: bool = False) -> tuple[TorchSoftmaxRegression, History]:
    r"""Fit softmax regression with PyTorch: ``nn.Linear`` + cross-entropy + ``optim.SGD``.

    The loss of a batch is :math:`\frac{1}{m}\sum_i -\log\operatorname{softmax}(\mathbf{o}_i)_{y_i}`
    (``torch.nn.functional.cross_entropy``, the fused form of
    :func:`~softmax_lab.cross_entropy_loss`); autograd gives its gradient and SGD takes the
    step. Same arguments, batches and history as :func:`~softmax_lab.fit_numpy`: with the
    same ``seed`` (or ``init``) both produce the same loss curve up to float32 rounding.

    Parameters
    ----------
    X, y, epochs, lr, batch_size, seed, validation, weight_decay, num_classes, init
        As in :func:`~softmax_lab.fit_numpy`. Weight decay applies to the weights only.
    callbacks, progress
        As in :func:`~softmax_lab.fit_numpy`.
    device : "auto", str or torch.device
        ``"auto"`` picks CUDA when it is available, else the CPU.

    Returns
    -------
    model : TorchSoftmaxRegression
    history : History

    Raises
    ------
    TrainingDiverged
        (a ValueError) when the loss becomes NaN or infinite.

    Examples
    --------
    >>> from softmax_lab import make_toy_images
    >>> toy = make_toy_images(300)
    >>> model, history = fit_torch(toy.X_train, toy.y_train, epochs=20, lr=0.5,
    ...                            batch_size=16, device="cpu")
    >>> history.train_acc[-1] > 0.9
    True
    """
    import torch
    import torch.nn.functional as F
    from torch import nn

    X, y, val, q = check_data(X, y, validation, num_classes)
    epochs = check_int(epochs, "epochs", 0)
    batch_size = check_int(batch_size, "batch_size", 1)
    lr = check_real(lr, "lr", positive=True)
    weight_decay = check_real(weight_decay, "weight_decay", positive=False)
    cbs = check_callbacks(callbacks, progress, epochs)
    dev = resolve_device(device)
    n, d = X.shape

    rng = np.random.default_rng(seed)
    W0, b0 = initial_parameters(d, q, rng, init)
    net = nn.Linear(d, q).to(dev)
    with torch.no_grad():
        net.weight.copy_(torch.from_numpy(W0.T.copy()))
        net.bias.copy_(torch.from_numpy(b0))
    params = [{"params": [net.weight], "weight_decay": weight_decay},
              {"params": [net.bias], "weight_decay": 0.0}] if weight_decay else net.parameters()
    optimizer = torch.optim.SGD(params, lr=lr)
    model = TorchSoftmaxRegression(net, dev)
    Xt = torch.from_numpy(X).to(dev)
    yt = torch.from_numpy(y).to(dev)
    history = new_history(make_config(
        "torch", epochs=epochs, lr=lr, batch_size=batch_size, seed=seed,
        weight_decay=weight_decay, num_examples=n, num_features=d, num_classes=q,
        device=str(dev)))

    xb_buffer = torch.empty((min(batch_size, n), d), device=dev)  # reused by every batch
    predicted = torch.empty(n, dtype=torch.int64, device=dev)

    notify(cbs, "on_train_begin", history)
    try:
        for epoch in range(1, epochs + 1):
            order = torch.from_numpy(epoch_order(n, batch_size, rng)).to(dev)
            y_epoch = yt.index_select(0, order)  # the labels in this epoch's order
            _synchronize(dev)
            start = time.perf_counter()
            # The running sums stay on the device: reading them every batch would stall a GPU.
            loss_sum = torch.zeros((), dtype=torch.float64, device=dev)
            for i in range(0, n, batch_size):
                idx = order[i:i + batch_size]
                m = len(idx)
                xb = torch.index_select(Xt, 0, idx, out=xb_buffer[:m])
                yb = y_epoch[i:i + m]
                logits = net(xb)
                loss = F.cross_entropy(logits, yb)
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
                loss_sum.add_(loss.detach(), alpha=m)
                torch.argmax(logits.detach(), dim=1, out=predicted[i:i + m])
            hits = (predicted == y_epoch).sum()
            total = float(loss_sum)  # one synchronisation per epoch
            seconds = time.perf_counter() - start
            if not math.isfinite(total):
                raise TrainingDiverged(lr, epoch, total)
            test_loss = test_acc = None
            if val is not None:
                test_loss, test_acc = _evaluate(model, *val)
            history.record(train_loss=total / n, train_acc=int(hits) / n, seconds=seconds,
                           test_loss=test_loss, test_acc=test_acc)
            notify(cbs, "on_epoch_end", epoch, history, model)
    finally:
        notify(cbs, "on_train_end", history, model)
    return model, history


def _evaluate(model: TorchSoftmaxRegression, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    import torch

    logits = model.logits(torch.from_numpy(X))
    labels = torch.from_numpy(y).to(logits.device)
    return float(cross_entropy_loss(logits, labels)), accuracy(logits, labels)


def _synchronize(dev: Any) -> None:
    import torch

    if dev.type == "cuda":
        torch.cuda.synchronize(dev)

