"""What every trainer shares: its argument checks, the initial weights, and the epoch loop.

Each trainer (:func:`~softmax_lab.fit_numpy`, :func:`~softmax_lab.fit_torch`,
:func:`~softmax_lab.fit_phm`) supplies an :class:`EpochLoop` (how to train one epoch in a
given order, evaluate, and save and restore its parameters) to :func:`run_epochs`, which does
the rest the same way for all three: a fresh seeded shuffle every epoch, the timer,
validation, the history, callbacks and the progress bar, early warnings of divergence, and
what happens when training stops early:

* **Ctrl-C** (``KeyboardInterrupt``, also raised from a callback) returns ``(model, history)``
  as they were after the last complete epoch, with ``history.stopped`` saying so and one
  :class:`~softmax_lab.divergence.TrainingWarning`.
* **Divergence** (a NaN or infinite loss) raises :class:`~softmax_lab.TrainingDiverged`
  carrying the last finite model and its history.

The NumPy and torch trainers draw their initial weights and every epoch's shuffle from one
NumPy generator seeded with ``seed``, in the same order, so with equal arguments they see the
same batches from the same starting point (the fact behind "same loss curve to 1e-5").
"""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._checks import check_bool, check_int, check_real, check_seed, to_numpy
from .divergence import DivergenceWatch, TrainingWarning, user_stacklevel
from .history import Callback, History, TrainingDiverged

#: Standard deviation of the initial weights, W ~ N(0, 0.01²), b = 0 (as in D2L).
INIT_SCALE = 0.01
#: The parameters are float32: a learning rate above this is infinite for them.
FLOAT32_MAX = float(np.finfo(np.float32).max)
#: Training rows used to measure the loss before the first epoch (the divergence watch's
#: starting point).
START_LOSS_ROWS = 4096


# --- arguments ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Setup:
    """The checked arguments of a training run."""

    X: np.ndarray
    y: np.ndarray
    validation: tuple[np.ndarray, np.ndarray] | None
    num_classes: int
    epochs: int
    batch_size: int
    lr: float
    seed: int
    weight_decay: float
    callbacks: list[Callback]

    @property
    def n(self) -> int:
        return int(self.X.shape[0])

    @property
    def d(self) -> int:
        return int(self.X.shape[1])


def prepare(X: object, y: object, *, validation: object, num_classes: object, epochs: object,
            batch_size: object, lr: object, seed: object,
            callbacks: Iterable[Callback] | None, progress: object,
            weight_decay: object = 0.0) -> Setup:
    """Check every argument a trainer shares, in the order a reader would fix them."""
    X, y, val, q = check_data(X, y, validation, num_classes)
    epochs = check_int(epochs, "epochs", minimum=0)
    lr = check_learning_rate(lr)
    return Setup(
        X=X, y=y, validation=val, num_classes=q, epochs=epochs,
        batch_size=check_int(batch_size, "batch_size", minimum=1), lr=lr,
        seed=check_seed(seed),
        weight_decay=check_real(weight_decay, "weight_decay", minimum=0),
        callbacks=check_callbacks(callbacks, progress),
    )


def check_learning_rate(lr: object) -> float:
    lr = check_real(lr, "lr", positive=True)
    if lr > FLOAT32_MAX:
        raise ValueError(f"lr: {lr:g} does not fit in float32, the parameters' dtype (largest "
                         f"{FLOAT32_MAX:.3g}), and would diverge anyway; try lr=0.1")
    return lr


def check_features(X: object, name: str, d: int | None = None) -> np.ndarray:
    """float32, C-contiguous, 2-d and finite."""
    X = to_numpy(X, name)
    if X.ndim != 2:
        raise ValueError(f"{name}: expected a 2-d array (examples × features), got shape {X.shape}")
    if not (np.issubdtype(X.dtype, np.floating) or np.issubdtype(X.dtype, np.integer)):
        raise TypeError(f"{name}: expected real numbers, got dtype {X.dtype}")
    if X.shape[1] == 0:
        raise ValueError(f"{name}: needs at least one feature (column), got shape {X.shape}")
    if d is not None and X.shape[1] != d:
        raise ValueError(f"{name}: expected {d} features per row, got {X.shape[1]}")
    X = np.ascontiguousarray(X, dtype=np.float32)
    with np.errstate(over="ignore", invalid="ignore"):
        finite = math.isfinite(X.sum()) or bool(np.isfinite(X).all())
    if not finite:
        raise ValueError(f"{name}: must be finite, found NaN or infinite values")
    return X


def check_targets(y: object, name: str, n: int) -> np.ndarray:
    """int64 labels, one per example, >= 0."""
    from ._checks import check_labels

    y = to_numpy(y, name)
    if y.shape != (n,):
        raise ValueError(f"{name}: expected {n} labels (shape ({n},)), got shape {y.shape}")
    return np.asarray(check_labels(y, name, None, None, _xp_numpy()))


def _xp_numpy() -> Any:
    import array_api_compat.numpy

    return array_api_compat.numpy


def check_data(X: object, y: object, validation: object, num_classes: object
               ) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray] | None, int]:
    X = check_features(X, "X")
    if X.shape[0] == 0:
        raise ValueError("X: needs at least one example")
    y = check_targets(y, "y", X.shape[0])
    highest = int(y.max())
    if num_classes is None:
        q = max(highest + 1, 2)
    else:
        q = check_int(num_classes, "num_classes", minimum=1)
        if highest >= q:
            raise ValueError(f"num_classes: labels go up to {highest}, so it must be >= "
                             f"{highest + 1}")
    val = None
    if validation is not None:
        if not isinstance(validation, (tuple, list)) or len(validation) != 2:
            raise TypeError("validation: expected a pair (X_test, y_test) or None")
        Xv = check_features(validation[0], "validation", X.shape[1])
        yv = check_targets(validation[1], "validation", Xv.shape[0])
        if yv.size and int(yv.max()) >= q:
            how = ("pass num_classes=" + str(int(yv.max()) + 1) + " if the training set just "
                   "lacks those classes") if num_classes is None else "check the labels"
            raise ValueError(
                f"validation: labels go up to {int(yv.max())}, but the model has {q} classes "
                f"(training labels 0..{q - 1}); {how}"
            )
        val = (Xv, yv)
    return X, y, val, q


def check_callbacks(callbacks: Iterable[Callback] | None, progress: object) -> list[Callback]:
    progress = check_bool(progress, "progress")
    cbs = list(callbacks or ())
    for cb in cbs:
        if not isinstance(cb, Callback):
            raise TypeError(f"callbacks: expected softmax_lab Callback objects, got "
                            f"{type(cb).__name__}")
    if progress:
        from .progress import ProgressBar

        cbs.insert(0, ProgressBar())  # first: it shows an epoch a later callback interrupts
    return cbs


# --- initial weights and batches --------------------------------------------------------------


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


# --- the epoch loop ---------------------------------------------------------------------------


@dataclass
class EpochLoop:
    """What a trainer supplies to :func:`run_epochs`.

    Attributes
    ----------
    model : object
        What the trainer returns; updated in place by ``train_epoch``.
    train_epoch : callable
        ``train_epoch(order) -> (loss_sum, hits)``: one pass of the trainer's steps over the
        examples in ``order``, returning the summed per-example loss (each measured before
        its batch's step; non-finite when training diverged) and the number of correct
        predictions.
    evaluate : callable
        ``evaluate(X, y) -> (mean loss, accuracy)`` of the current model.
    save, restore : callable
        A copy of the parameters, and putting such a copy back.
    safe_lr : callable or None
        Computes :func:`~softmax_lab.safe_learning_rate` of the inputs for SGD (only when a
        warning needs it); ``None`` for Adam.
    """

    model: Any
    train_epoch: Callable[[np.ndarray], tuple[float, int]]
    evaluate: Callable[[np.ndarray, np.ndarray], tuple[float, float]]
    save: Callable[[], Any]
    restore: Callable[[Any], None]
    safe_lr: Callable[[], float] | None


def run_epochs(loop: EpochLoop, setup: Setup, rng: np.random.Generator,
               history: History) -> tuple[Any, History]:
    """Train for ``setup.epochs`` epochs; return ``(loop.model, history)``.

    Raises TrainingDiverged (carrying the last finite model and the history) when an
    epoch's loss is not finite.
    """
    watch = DivergenceWatch(setup.lr, loop.safe_lr)
    saved = loop.save()
    cbs = setup.callbacks
    epoch = 0
    try:
        notify(cbs, "on_train_begin", history)
        if setup.epochs:
            watch.check_inputs(setup.X)
            watch.start_loss = loop.evaluate(*_sample(setup.X, setup.y))[0]
        for epoch in range(1, setup.epochs + 1):
            order = epoch_order(setup.n, setup.batch_size, rng)  # fresh every epoch
            start = time.perf_counter()
            loss_sum, hits = loop.train_epoch(order)
            seconds = time.perf_counter() - start
            if not math.isfinite(loss_sum):
                loop.restore(saved)
                raise _diverged(setup, watch, epoch, loss_sum, loop.model, history)
            test_loss = test_acc = None
            if setup.validation is not None:
                test_loss, test_acc = loop.evaluate(*setup.validation)
            history.record(train_loss=loss_sum / setup.n, train_acc=hits / setup.n,
                           seconds=seconds, test_loss=test_loss, test_acc=test_acc)
            saved = loop.save()
            watch.after_epoch(history.train_loss)
            notify(cbs, "on_epoch_end", epoch, history, loop.model)
    except KeyboardInterrupt:
        loop.restore(saved)
        history.stopped = _interrupted(epoch, setup.epochs, history.epochs)
        warnings.warn(f"training {history.stopped}; returning that model and its history",
                      TrainingWarning, stacklevel=user_stacklevel())
    finally:
        notify(cbs, "on_train_end", history, loop.model)
    return loop.model, history


def _interrupted(epoch: int, epochs: int, completed: int) -> str:
    if epoch == 0:
        return ("interrupted (KeyboardInterrupt) before the first epoch; the model is the "
                "initial one")
    when = f"after epoch {epoch}" if completed == epoch else f"during epoch {epoch}"
    return (f"interrupted (KeyboardInterrupt) {when} of {epochs}; the model is the one after "
            f"epoch {completed}")


def _sample(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    step = max(1, len(X) // START_LOSS_ROWS)
    return X[::step], y[::step]


def _diverged(setup: Setup, watch: DivergenceWatch, epoch: int, loss: float, model: Any,
              history: History) -> TrainingDiverged:
    history.stopped = (f"diverged in epoch {epoch} (the loss became {loss}); the model is the "
                       f"one after epoch {history.epochs}")
    return TrainingDiverged(setup.lr, epoch, loss, suggested_lr=watch.suggestion, model=model,
                            history=history)


def notify(callbacks: Sequence[Callback], method: str, *args: Any) -> None:
    for cb in callbacks:
        getattr(cb, method)(*args)
