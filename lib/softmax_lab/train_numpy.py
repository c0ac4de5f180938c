r"""Softmax regression trained from scratch with NumPy: minibatch SGD on the analytic gradient.

For a minibatch :math:`\mathbf{X}_B` (:math:`m \times d`) with one-hot labels
:math:`\mathbf{Y}_B`, one SGD step is

.. math::

    \mathbf{O} = \mathbf{X}_B\mathbf{W} + \mathbf{b}, \qquad
    \mathbf{G} = \frac{1}{m}\big(\operatorname{softmax}(\mathbf{O}) - \mathbf{Y}_B\big), \qquad
    \mathbf{W} \leftarrow \mathbf{W} - \eta\,\mathbf{X}_B^\top\mathbf{G}, \qquad
    \mathbf{b} \leftarrow \mathbf{b} - \eta\,\mathbf{1}^\top\mathbf{G}

where :math:`\mathbf{G}` is :func:`~softmax_lab.cross_entropy_loss_grad` of the mean loss.
The loop is written for speed as well as for reading (one epoch of a 60000 × 784, ten-class
problem with batch 256 takes about 75 ms on one core of the development machine, see
``benchmarks/bench_train.py``): no Python per example, float32 throughout, preallocated
buffers, and the softmax computed *class-major* (q rows of m numbers), where NumPy's reductions
over the q classes run along long contiguous rows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from ._training import EpochLoop, initial_parameters, prepare, run_epochs
from .divergence import safe_learning_rate
from .history import Callback, History
from .metrics import accuracy
from .model import SoftmaxRegression
from .ops import cross_entropy_loss

__all__ = ["evaluate", "fit_numpy"]


def fit_numpy(X: object, y: object, *, epochs: int = 10, lr: float = 0.1,
              batch_size: int = 256, seed: int = 0,
              validation: tuple[object, object] | None = None, weight_decay: float = 0.0,
              num_classes: int | None = None, init: tuple[object, object] | None = None,
              callbacks: Iterable[Callback] | None = None,
              progress: bool = False) -> tuple[SoftmaxRegression, History]:
    r"""Fit softmax regression by minibatch SGD, from scratch in NumPy.

    Each epoch reshuffles the examples (a fresh seeded permutation), then walks through them
    in batches of ``batch_size``; each batch takes one step along the analytic gradient
    :math:`\frac{1}{m}\mathbf{X}_B^\top(\operatorname{softmax}(\mathbf{O}) - \mathbf{Y}_B)`
    of the mean cross-entropy, plus :math:`\lambda\mathbf{W}` with weight decay
    :math:`\lambda` (the bias is not decayed).

    Parameters
    ----------
    X : array_like, shape (n, d)
        Training features (converted to float32), best scaled to order 1.
    y : array_like of int, shape (n,)
        Training labels in ``[0, q)``.
    epochs : int
        Passes over the data (0 returns the initial model).
    lr : float
        Learning rate :math:`\eta > 0`; :func:`~softmax_lab.safe_learning_rate` gives one
        that cannot overshoot.
    batch_size : int
        Examples per SGD step; the last batch of an epoch may be smaller.
    seed : int
        Seeds the initial weights :math:`\mathbf{W} \sim \mathcal{N}(0, 0.01^2)` and the
        shuffles; :func:`~softmax_lab.fit_torch` with the same seed sees the same batches.
    validation : (X_test, y_test), optional
        Evaluated after every epoch into ``history.test_loss`` and ``history.test_acc``;
        its labels must be classes of the model.
    weight_decay : float
        :math:`\lambda \ge 0`, the L2 penalty :math:`\frac{\lambda}{2}\|\mathbf{W}\|^2`.
    num_classes : int, optional
        :math:`q`; default: the largest training label plus one.
    init : (W, b), optional
        Initial weights (d×q) and bias (q,) instead of the seeded random ones.
    callbacks : iterable of Callback, optional
        Hooks called every epoch (for example :class:`~softmax_lab.progress.LivePlot`).
    progress : bool
        Show a progress bar over the epochs.

    Returns
    -------
    model : SoftmaxRegression
        With ``predict_proba(X)`` and ``predict(X)``.
    history : History
        Per-epoch ``train_loss, train_acc, test_loss, test_acc, seconds``.

    Raises
    ------
    TrainingDiverged
        (a ValueError) when the loss becomes NaN or infinite: the learning rate is too large.
        It carries the model of the last finite epoch and the history.

    Warns
    -----
    TrainingWarning
        When the inputs look unscaled for this learning rate, when the loss grows by a large
        factor within a few epochs, and when training is interrupted (Ctrl-C): then the model
        after the last complete epoch is returned, and ``history.stopped`` says so.

    Examples
    --------
    >>> from softmax_lab import make_toy_images
    >>> toy = make_toy_images(300)
    >>> model, history = fit_numpy(toy.X_train, toy.y_train, epochs=20, lr=0.5,
    ...                            batch_size=16, validation=(toy.X_test, toy.y_test))
    >>> history.train_loss[-1] < history.train_loss[0], history.test_acc[-1] > 0.9
    (True, True)
    """
    s = prepare(X, y, validation=validation, num_classes=num_classes, epochs=epochs,
                batch_size=batch_size, lr=lr, seed=seed, weight_decay=weight_decay,
                callbacks=callbacks, progress=progress)
    rng = np.random.default_rng(s.seed)
    W0, b = initial_parameters(s.d, s.num_classes, rng, init)
    # W is stored class-major: W.T is a C-contiguous (q, d) array, the layout of the
    # gradient computed below, so the update is one contiguous subtraction.
    W = np.ascontiguousarray(W0.T).T
    model = SoftmaxRegression(W, b)  # shares W and b, so it sees every update
    history = History(config={
        "trainer": "numpy", "epochs": s.epochs, "lr": s.lr, "batch_size": s.batch_size,
        "seed": s.seed, "weight_decay": s.weight_decay, "num_examples": s.n,
        "num_features": s.d, "num_classes": s.num_classes})
    buffers = _Buffers(min(s.batch_size, s.n), s.d, s.num_classes)

    def train_epoch(order: np.ndarray) -> tuple[float, int]:
        # Overflow means divergence, which the epoch loop reports as TrainingDiverged.
        with np.errstate(over="ignore", invalid="ignore"):
            return _sgd_epoch(s.X, s.y, W, b, order, s.batch_size, s.lr, s.weight_decay,
                              buffers)

    def restore(saved: tuple[np.ndarray, np.ndarray]) -> None:
        W[...], b[...] = saved

    loop = EpochLoop(model, train_epoch, lambda Xe, ye: evaluate(model, Xe, ye),
                     save=lambda: (W.copy(), b.copy()), restore=restore,
                     safe_lr=lambda: safe_learning_rate(s.X, s.weight_decay))
    return run_epochs(loop, s, rng, history)


def evaluate(model: object, X: object, y: object) -> tuple[float, float]:
    """Mean cross-entropy and accuracy of ``model`` on ``(X, y)``.

    Works with any model that has ``logits(X)`` (both trainers' models do).

    Examples
    --------
    >>> m = SoftmaxRegression(np.eye(2, dtype=np.float32), np.zeros(2, np.float32))
    >>> loss, acc = evaluate(m, np.array([[3.0, 0.0], [0.0, 3.0]]), np.array([0, 0]))
    >>> round(loss, 4), acc
    (1.5486, 0.5)
    """
    logits = model.logits(X)  # type: ignore[attr-defined]
    loss = cross_entropy_loss(logits, y)
    return float(loss), accuracy(logits, y)


class _Buffers:
    """Arrays reused by every batch, so the loop allocates nothing large."""

    def __init__(self, batch_size: int, d: int, q: int) -> None:
        self.xb = np.empty((batch_size, d), dtype=np.float32)   # the gathered batch
        self.o = np.empty((batch_size, q), dtype=np.float32)    # logits, example-major
        self.gt = np.empty((q, batch_size), dtype=np.float32)   # logits → gradient, class-major
        self.dWt = np.empty((q, d), dtype=np.float32)           # (∂L/∂W)ᵀ
        self.cols = np.arange(batch_size)


def _sgd_epoch(X: np.ndarray, y: np.ndarray, W: np.ndarray, b: np.ndarray,
               order: np.ndarray, batch_size: int, lr: float, weight_decay: float,
               buf: _Buffers) -> tuple[float, int]:
    """One pass of minibatch SGD over ``order``; updates ``W`` and ``b`` in place.

    Returns the sum of the per-example losses (each measured before its batch's step) and
    the number of correct predictions; stops early, returning a non-finite sum, when the
    loss stops being finite.
    """
    Wt = W.T  # (q, d), C-contiguous
    lr32 = np.float32(lr)
    shrink = np.float32(1.0 - lr * weight_decay)
    y_epoch = y[order]                           # the labels in this epoch's order
    predicted = np.empty_like(y_epoch)
    loss_sum = 0.0
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        m = len(idx)
        xb, o, gt, cols = buf.xb[:m], buf.o[:m], buf.gt[:, :m], buf.cols[:m]
        # Gather the batch's rows. mode="clip" skips the bounds check (and the temporary
        # copy NumPy makes for it); the indices come from a permutation, so they are valid.
        np.take(X, idx, axis=0, out=xb, mode="clip")  # pragma: no mutate (speed only)
        yb = y_epoch[start:start + m]
        np.matmul(xb, W, out=o)                  # O = X_B W            (m × q)
        np.add(o.T, b[:, None], out=gt)          # Oᵀ + b, class-major   (q × m)
        np.argmax(gt, axis=0, out=predicted[start:start + m])
        batch_loss = _softmax_cross_entropy_grad_t(gt, yb, cols)
        if not math.isfinite(batch_loss):  # diverged: the epoch loop stops, hits do not count
            return batch_loss, 0  # pragma: no mutate
        loss_sum += batch_loss
        np.matmul(gt, xb, out=buf.dWt)           # (∂L/∂W)ᵀ = Gᵀ X_B     (q × d)
        if weight_decay:
            Wt *= shrink                         # W ← (1 − ηλ) W
        buf.dWt *= lr32
        Wt -= buf.dWt                            # W ← W − η X_Bᵀ G
        b -= lr32 * gt.sum(axis=1)               # b ← b − η 1ᵀ G
    return loss_sum, int(np.count_nonzero(predicted == y_epoch))


def _softmax_cross_entropy_grad_t(gt: np.ndarray, yb: np.ndarray, cols: np.ndarray) -> float:
    r"""Fused softmax, cross-entropy and its gradient on class-major logits, in place.

    On entry ``gt`` holds :math:`\mathbf{O}^\top` (q × m); on return it holds
    :math:`\mathbf{G}^\top = \big(\operatorname{softmax}(\mathbf{O}) - \mathbf{Y}\big)^\top / m`,
    the transpose of ``cross_entropy_loss_grad(O, yb)``. Returns the *summed* loss
    :math:`\sum_i \big(\log\sum_j e^{z_{ij}} - z_{i y_i}\big)` with the shifted logits
    :math:`z = o - \max_j o_j`, that is ``cross_entropy_loss(O, yb, reduction="sum")``.
    Tested equal to the library's functions in ``tests/test_train_numpy.py``.
    """
    m = gt.shape[1]
    gt -= gt.max(axis=0)                          # z = o − max: exp cannot overflow
    z_label = gt[yb, cols]                        # z of each example's true class
    np.exp(gt, out=gt)
    total = gt.sum(axis=0)                        # Σ_j exp(z_j) ∈ [1, q]
    loss = float(np.log(total).sum()) - float(z_label.sum())
    gt /= total                                   # softmax
    gt[yb, cols] -= 1.0                           # softmax − one-hot
    gt *= np.float32(1.0 / m)                     # mean over the batch
    return loss
