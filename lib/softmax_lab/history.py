"""The record of a training run, and the hooks that watch one.

Every trainer (:func:`~softmax_lab.fit_numpy`, :func:`~softmax_lab.fit_torch`,
:func:`~softmax_lab.fit_phm`) fills the same :class:`History` and calls the same
:class:`Callback` methods, so figures, progress bars and the training scrubber work with any.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Callback", "History", "TrainingDiverged"]


@dataclass
class History:
    """Per-epoch measurements of one training run.

    Attributes
    ----------
    train_loss, train_acc : list of float
        Mean cross-entropy and accuracy over the epoch's minibatches, each measured on its
        batch just before that batch's update (as D2L's training loop reports them).
    test_loss, test_acc : list of float
        Measured on the validation data after the epoch; empty when there is none.
    seconds : list of float
        Wall-clock seconds of the epoch's SGD pass (evaluation excluded).
    config : dict
        The settings of the run (trainer, lr, batch_size, seed, ...), filled before the
        first epoch.
    stopped : str or None
        Why training ended before its last epoch (interrupted, diverged); ``None`` when it
        ran every epoch.

    Examples
    --------
    >>> h = History()
    >>> h.record(train_loss=0.9, train_acc=0.6, seconds=0.01)
    >>> h.record(train_loss=0.5, train_acc=0.8, seconds=0.01)
    >>> h.epochs, h.train_loss
    (2, [0.9, 0.5])
    """

    train_loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    test_acc: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    config: dict[str, Any] = field(default_factory=dict)
    stopped: str | None = None

    @property
    def epochs(self) -> int:
        """Number of completed epochs."""
        return len(self.train_loss)

    @property
    def has_test(self) -> bool:
        """True when the run was evaluated on validation data."""
        return len(self.test_loss) > 0

    def record(self, *, train_loss: float, train_acc: float, seconds: float,
               test_loss: float | None = None, test_acc: float | None = None) -> None:
        """Append one epoch's measurements."""
        self.train_loss.append(float(train_loss))
        self.train_acc.append(float(train_acc))
        self.seconds.append(float(seconds))
        if test_loss is not None:
            self.test_loss.append(float(test_loss))
        if test_acc is not None:
            self.test_acc.append(float(test_acc))

    def as_dict(self) -> dict[str, Any]:
        """Plain lists and the config, ready for ``json.dumps``."""
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> History:
        """Inverse of :meth:`as_dict`."""
        if not isinstance(d, dict):
            raise TypeError(f"d: expected a dict, got {type(d).__name__}")
        names = ("train_loss", "train_acc", "test_loss", "test_acc", "seconds")
        stopped = d.get("stopped")
        return cls(**{k: [float(v) for v in d.get(k, [])] for k in names},
                   config=dict(d.get("config", {})),
                   stopped=None if stopped is None else str(stopped))

    def __repr__(self) -> str:
        stopped = "" if self.stopped is None else f"; stopped: {self.stopped}"
        if not self.epochs:
            return f"History(0 epochs{stopped})"
        last = f"train loss {self.train_loss[-1]:.4f}, train acc {self.train_acc[-1]:.4f}"
        if self.has_test:
            last += f", test loss {self.test_loss[-1]:.4f}, test acc {self.test_acc[-1]:.4f}"
        return f"History({self.epochs} epochs; last: {last}{stopped})"


class Callback:
    """Base class of training hooks; override the methods you need.

    A trainer calls ``on_train_begin(history)`` once, ``on_epoch_end(epoch, history, model)``
    after each epoch (``epoch`` counts from 1, ``history`` already holds that epoch) and
    ``on_train_end(history, model)`` at the end, also when training stops with an error.
    """

    def on_train_begin(self, history: History) -> None:
        """Called before the first epoch; ``history.config`` holds the settings."""

    def on_epoch_end(self, epoch: int, history: History, model: Any) -> None:
        """Called after each epoch."""

    def on_train_end(self, history: History, model: Any) -> None:
        """Called once when training stops."""


class TrainingDiverged(ValueError):
    """The loss became NaN or infinite: the learning rate is too large for this problem.

    Nothing trained is lost: ``model`` is the model after the last epoch whose loss was
    finite (the initial model if the first epoch diverged), and ``history`` the record up to
    it, with ``history.stopped`` saying why it ends there.

    Attributes
    ----------
    lr, epoch, loss : float, int, float
        The learning rate, the epoch in which the loss stopped being finite, and that loss.
    suggested_lr : float
        A learning rate to try instead.
    model : object or None
        The last finite model, of the trainer's model type.
    history : History or None
        The record of the completed epochs.
    """

    def __init__(self, lr: float, epoch: int, loss: float, *, suggested_lr: float | None = None,
                 model: Any = None, history: History | None = None) -> None:
        if suggested_lr is None:
            suggested_lr = lr / 10 if math.isfinite(lr) else 0.1
        kept = "" if model is None else (
            "; the exception's .model and .history hold the model and record of the last "
            "finite epoch")
        super().__init__(
            f"lr: training diverged in epoch {epoch} (the loss became {loss}) with lr={lr:g}; "
            f"try a smaller learning rate, e.g. lr={suggested_lr:g}{kept}"
        )
        self.lr, self.epoch, self.loss = lr, epoch, loss
        self.suggested_lr, self.model, self.history = suggested_lr, model, history
