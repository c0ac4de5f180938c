"""Softmax regression the concise way: ``nn.Linear``, cross-entropy and ``torch.optim.SGD``.

Autograd computes the gradient that :mod:`softmax_lab.train_numpy` writes out by hand. The
data live on the device as two tensors and each batch is gathered by index, without a
``DataLoader`` (whose per-example Python calls would cost more than the model itself).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from ._torch import resolve_device
from ._training import EpochLoop, Setup, initial_parameters, prepare, run_epochs
from .divergence import safe_learning_rate
from .history import Callback, History
from .metrics import accuracy
from .model import SoftmaxRegression
from .ops import cross_entropy_loss, softmax

__all__ = ["TorchSoftmaxRegression", "fit_torch"]


class TorchSoftmaxRegression:
    r"""A trained torch layer (``nn.Linear``, or a :class:`~softmax_lab.PHMLinear`) plus softmax.

    .. math::

        \hat{\mathbf{y}} = \operatorname{softmax}(\mathbf{x}\mathbf{W} + \mathbf{b})

    ``logits``, ``predict_proba`` and ``predict`` take NumPy arrays (and return NumPy arrays)
    or torch tensors (and return tensors on the model's device). Calling the model, or
    ``model.parameters()``, passes through to the layer, as for an ``nn.Module``.

    Attributes
    ----------
    net : torch.nn.Module
        The layer. Its ``weight`` is :math:`\mathbf{W}^\top` (q × d), as torch stores it.
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
        """Biases as a NumPy (q,) array (a copy; zeros for a layer without bias)."""
        if self.net.bias is None:
            return np.zeros(self.net.out_features, dtype=np.float32)
        return self.net.bias.detach().cpu().numpy().copy()

    @property
    def num_parameters(self) -> int:
        """The number of learned numbers in the layer."""
        return sum(p.numel() for p in self.net.parameters())

    def parameters(self) -> Any:
        """The layer's parameters (``nn.Module.parameters``)."""
        return self.net.parameters()

    def __call__(self, X: Any) -> Any:
        """The layer applied to a tensor: logits that keep autograd."""
        return self.net(X)

    def logits(self, X: object) -> Any:
        """:math:`\\mathbf{XW} + \\mathbf{b}`; NumPy in, NumPy out; tensor in, tensor out."""
        import torch

        as_numpy = not isinstance(X, torch.Tensor)
        # float32 either way (cast below): converting NumPy input first saves a float64 copy.
        Xt = torch.as_tensor(np.asarray(X, np.float32) if as_numpy else X)  # pragma: no mutate
        if Xt.ndim != 2 or Xt.shape[1] != self.net.in_features:
            raise ValueError(f"X: expected shape (n, {self.net.in_features}), "
                             f"got {tuple(Xt.shape)}")
        with torch.no_grad():
            out = self.net(Xt.to(self.device, torch.float32))  # pragma: no mutate (GPU)
        return out.cpu().numpy() if as_numpy else out

    def predict_proba(self, X: object) -> Any:
        """Class probabilities, one row per example."""
        return softmax(self.logits(X))

    def predict(self, X: object) -> Any:
        """The most probable class of each example."""
        out = self.logits(X)
        return out.argmax(axis=1)  # NumPy's axis; torch takes it as dim

    def to_numpy(self) -> SoftmaxRegression:
        """The same model as a NumPy :class:`~softmax_lab.model.SoftmaxRegression`."""
        return SoftmaxRegression(self.W, self.b)

    def __repr__(self) -> str:
        return (f"TorchSoftmaxRegression({type(self.net).__name__}, d={self.net.in_features}, "
                f"q={self.net.out_features}, device={self.device})")


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
        ``"auto"`` picks CUDA when it is available, else the CPU. A device this machine
        lacks is a ValueError that names the alternatives.

    Returns
    -------
    model : TorchSoftmaxRegression
    history : History

    Raises
    ------
    TrainingDiverged
        (a ValueError) when the loss becomes NaN or infinite; it carries the model of the
        last finite epoch and the history.

    Warns
    -----
    TrainingWarning
        As in :func:`~softmax_lab.fit_numpy` (unscaled inputs, a growing loss, Ctrl-C).

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
    from torch import nn

    s = prepare(X, y, validation=validation, num_classes=num_classes, epochs=epochs,
                batch_size=batch_size, lr=lr, seed=seed, weight_decay=weight_decay,
                callbacks=callbacks, progress=progress)
    dev = resolve_device(device)
    rng = np.random.default_rng(s.seed)
    W0, b0 = initial_parameters(s.d, s.num_classes, rng, init)
    net = nn.Linear(s.d, s.num_classes, dtype=torch.float32).to(dev)  # pragma: no mutate (GPU)
    with torch.no_grad():
        net.weight.copy_(torch.from_numpy(W0.T.copy()))
        net.bias.copy_(torch.from_numpy(b0))
    # Weight decay on the weights only: the bias's group turns it off.
    groups = [{"params": [net.weight]}, {"params": [net.bias], "weight_decay": 0.0}]
    optimizer = torch.optim.SGD(groups, lr=s.lr, weight_decay=s.weight_decay)
    history = History(config={
        "trainer": "torch", "epochs": s.epochs, "lr": s.lr, "batch_size": s.batch_size,
        "seed": s.seed, "weight_decay": s.weight_decay, "num_examples": s.n,
        "num_features": s.d, "num_classes": s.num_classes, "device": str(dev)})
    loop = torch_epoch_loop(net, optimizer, s, dev,
                            safe_lr=lambda: safe_learning_rate(s.X, s.weight_decay))
    return run_epochs(loop, s, rng, history)


def torch_epoch_loop(net: Any, optimizer: Any, s: Setup, dev: Any,
                     safe_lr: Any) -> EpochLoop:
    """The :class:`~softmax_lab._training.EpochLoop` of a torch layer and optimiser: shared by
    :func:`fit_torch` (SGD) and :func:`~softmax_lab.fit_phm` (Adam)."""
    import torch
    import torch.nn.functional as F

    model = TorchSoftmaxRegression(net, dev)
    # Where the data live is seen only on a GPU (the CPU is every tensor's default device).
    Xt = torch.from_numpy(s.X).to(dev)  # pragma: no mutate (GPU)
    yt = torch.from_numpy(s.y).to(dev)  # pragma: no mutate (GPU)
    # reused by every batch
    batch_shape = (min(s.batch_size, s.n), s.d)
    xb_buffer = torch.empty(batch_shape, dtype=torch.float32, device=dev)  # pragma: no mutate (GPU)
    predicted = torch.empty(s.n, dtype=torch.int64, device=dev)  # pragma: no mutate (GPU)

    def train_epoch(order_np: np.ndarray) -> tuple[float, int]:
        order = torch.from_numpy(order_np).to(dev)  # pragma: no mutate (GPU)
        y_epoch = yt.index_select(0, order)  # the labels in this epoch's order
        # The running sum stays on the device: reading it every batch would stall a GPU.
        loss_sum = torch.zeros((), dtype=torch.float64, device=dev)
        for i in range(0, s.n, s.batch_size):
            idx = order[i:i + s.batch_size]
            m = len(idx)
            xb = torch.index_select(Xt, 0, idx, out=xb_buffer[:m])  # pragma: no mutate (speed)
            logits = net(xb)
            # torch's fused kernel computes the same max-shifted log-softmax as
            # softmax_lab.cross_entropy_loss, without its argument checks on every step.
            loss = F.cross_entropy(logits, y_epoch[i:i + m])
            optimizer.zero_grad(set_to_none=True)  # pragma: no mutate (speed: None or 0)
            loss.backward()
            optimizer.step()
            loss_sum.add_(loss.detach(), alpha=m)
            torch.argmax(logits.detach(), dim=1, out=predicted[i:i + m])
        hits = int((predicted == y_epoch).sum())
        return float(loss_sum), hits  # one synchronisation per epoch

    def evaluate(X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        logits = model.logits(torch.from_numpy(X))
        labels = torch.from_numpy(y).to(logits.device)  # pragma: no mutate (GPU)
        return float(cross_entropy_loss(logits, labels)), accuracy(logits, labels)

    def save() -> dict[str, Any]:
        return {k: v.detach().clone() for k, v in net.state_dict().items()}

    return EpochLoop(model, train_epoch, evaluate, save=save, restore=net.load_state_dict,
                     safe_lr=safe_lr)
