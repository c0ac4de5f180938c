"""A recorded training run: what the training scrubber (§3.4.8) shows, epoch by epoch.

A softmax-regression model is trained on the digits data set and every epoch is recorded: the
training and test loss and accuracy, the test confusion matrix and the test reliability
(calibration) bins. The record is a :class:`TrainingRun`, a plain, JSON-friendly structure:
record one with :func:`record_training_run`, save ``run.to_dict()`` as JSON, and pass it (or the
dict) to :func:`softmax_lab.explorers.training_scrubber` to show it without training again.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from numbers import Real
from typing import Any

import numpy as np

from .._checks import check_int, check_real, check_seed
from ..calibration import reliability_bins
from ..data import load_digits
from ..history import Callback
from ..metrics import confusion_matrix
from ..model import SoftmaxRegression
from ..ops import softmax
from ..train_numpy import evaluate, fit_numpy

__all__ = ["TrainingRun", "record_training_run"]


@dataclass(frozen=True)
class TrainingRun:
    """Everything the scrubber shows, epoch by epoch.

    Every per-epoch list has one entry per element of ``epochs``; epoch 0 is the model before
    its first update. Confusion matrices and reliability bins are computed on the test set.

    Attributes
    ----------
    dataset : str
        Name of the data set, e.g. ``"digits"``.
    class_names : list of str
        One name per class; ``q = len(class_names)``.
    epochs : list of int
        The recorded epochs, increasing, e.g. ``[0, 1, ..., 20]``.
    train_loss, test_loss : list of float
        Mean cross-entropy on the training and test sets.
    train_acc, test_acc : list of float
        Accuracy on the training and test sets.
    confusion : list of q×q lists of int
        ``confusion[e][i][j]``: test examples of true class ``i`` predicted as ``j``.
    bin_edges : list of float
        The ``B + 1`` edges of the confidence bins, from 0 to 1.
    bin_count : list of lists of int
        Test examples whose confidence (largest probability) falls in each bin.
    bin_confidence, bin_accuracy : list of lists of float or None
        Mean confidence and accuracy of each bin; ``None`` for an empty bin.
    ece : list of float
        Expected calibration error, :math:`\\sum_b \\frac{n_b}{n}|\\mathrm{acc}_b -
        \\mathrm{conf}_b|`.
    settings : dict
        How the run was made (trainer, learning rate, batch size, seed, seconds, ...).
    """

    dataset: str
    class_names: list[str]
    epochs: list[int]
    train_loss: list[float]
    train_acc: list[float]
    test_loss: list[float]
    test_acc: list[float]
    confusion: list[list[list[int]]]
    bin_edges: list[float]
    bin_count: list[list[int]]
    bin_confidence: list[list[float | None]]
    bin_accuracy: list[list[float | None]]
    ece: list[float]
    settings: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _validate(self)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable copy."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TrainingRun:
        """Rebuild a run from :meth:`to_dict`'s output (e.g. after a JSON round trip)."""
        if not isinstance(data, Mapping):
            raise TypeError(f"run: expected a TrainingRun or a mapping, got {type(data).__name__}")
        names = {f for f in cls.__dataclass_fields__}
        missing = sorted(names - {"settings"} - set(data))
        if missing:
            raise ValueError(f"run: missing field(s) {', '.join(missing)}")
        unknown = sorted(set(data) - names)
        if unknown:
            raise ValueError(f"run: unknown field(s) {', '.join(unknown)}")
        return cls(**{k: data[k] for k in data})


def _validate(run: TrainingRun) -> None:
    q = len(run.class_names)
    e = len(run.epochs)
    if q < 2:
        raise ValueError(f"run: needs at least 2 class_names, got {q}")
    if e < 1:
        raise ValueError("run: needs at least one recorded epoch")
    if any(b <= a for a, b in zip(run.epochs, run.epochs[1:], strict=False)):
        raise ValueError("run: epochs must be increasing")
    for name in ("train_loss", "train_acc", "test_loss", "test_acc", "confusion", "bin_count",
                 "bin_confidence", "bin_accuracy", "ece"):
        if len(getattr(run, name)) != e:
            raise ValueError(
                f"run: {name} has {len(getattr(run, name))} entries for {e} epochs"
            )
    for name in ("train_loss", "train_acc", "test_loss", "test_acc", "ece"):
        if not all(isinstance(v, Real) and math.isfinite(v) for v in getattr(run, name)):
            raise ValueError(f"run: {name} must hold finite numbers")
    for m in run.confusion:
        if len(m) != q or any(len(row) != q for row in m):
            raise ValueError(f"run: each confusion matrix must be {q}×{q}")
    b = len(run.bin_edges) - 1
    if b < 1:
        raise ValueError("run: bin_edges needs at least 2 edges")
    for name in ("bin_count", "bin_confidence", "bin_accuracy"):
        if any(len(row) != b for row in getattr(run, name)):
            raise ValueError(f"run: each row of {name} needs {b} bins")


# --------------------------------------------------------------------------------------------
# Recording
# --------------------------------------------------------------------------------------------


def record_training_run(
    *,
    epochs: int = 20,
    lr: float = 0.5,
    batch_size: int = 32,
    seed: int = 0,
    bins: int = 10,
) -> TrainingRun:
    r"""Train softmax regression on digits and record every epoch for the scrubber.

    :func:`softmax_lab.fit_numpy` (minibatch SGD on the mean cross-entropy) on
    :func:`softmax_lab.load_digits`, starting from :math:`\mathbf{W} = 0`,
    :math:`\mathbf{b} = 0`; after every epoch a callback evaluates the model on the whole
    training and test sets (so ``train_loss`` is measured after the epoch, not the running
    average over its minibatches that ``History.train_loss`` holds).

    Reliability bins split the test set's confidence :math:`\max_j \hat y_j` into ``bins``
    equal-width bins; bin :math:`b` has :math:`n_b` examples with mean confidence
    :math:`\mathrm{conf}_b` and accuracy :math:`\mathrm{acc}_b`, and

    .. math::

        \mathrm{ECE} = \sum_{b=1}^{B} \frac{n_b}{n}
            \left| \mathrm{acc}_b - \mathrm{conf}_b \right|

    Parameters
    ----------
    epochs : int
        Number of passes over the training set.
    lr : float
        Learning rate :math:`\eta > 0` (the default and ``batch_size`` are the digits
        recipe of :func:`softmax_lab.load_digits`).
    batch_size : int
        Examples per minibatch.
    seed : int
        Seeds the train/test split and the minibatch order.
    bins : int
        Number of reliability bins.

    Returns
    -------
    TrainingRun

    Examples
    --------
    >>> run = record_training_run(epochs=2)
    >>> run.epochs, run.test_acc[-1] > 0.8
    ([0, 1, 2], True)
    """
    epochs = check_int(epochs, "epochs", minimum=1)
    batch_size = check_int(batch_size, "batch_size", minimum=1)
    bins = check_int(bins, "bins", minimum=1)
    seed = check_seed(seed)
    lr = check_real(lr, "lr", positive=True)
    start = time.perf_counter()
    data = load_digits(seed=int(seed))
    q, d = data.num_classes, data.num_features
    rec: dict[str, list[Any]] = {k: [] for k in (
        "train_loss", "train_acc", "test_loss", "test_acc", "confusion", "bin_count",
        "bin_confidence", "bin_accuracy", "ece")}

    def record(model: Any) -> None:
        for split, X, y in (("train", data.X_train, data.y_train),
                            ("test", data.X_test, data.y_test)):
            loss, acc = evaluate(model, X, y)
            rec[f"{split}_loss"].append(loss)
            rec[f"{split}_acc"].append(acc)
        # float64 probabilities (the model works in float32), so each row sums to 1 to 1e-16
        probs = softmax(np.asarray(model.logits(data.X_test), dtype=np.float64))
        rec["confusion"].append(confusion_matrix(data.y_test, probs).tolist())
        rb = reliability_bins(probs, data.y_test, n_bins=bins)
        rec["bin_count"].append(rb.count.tolist())
        # an empty bin has no mean: NaN in the library, None (JSON null) in the record
        rec["bin_confidence"].append([None if c == 0 else float(v)
                                      for c, v in zip(rb.count, rb.confidence, strict=True)])
        rec["bin_accuracy"].append([None if c == 0 else float(v)
                                    for c, v in zip(rb.count, rb.accuracy, strict=True)])
        rec["ece"].append(rb.ece)

    class Recorder(Callback):
        def on_epoch_end(self, epoch: int, history: Any, model: Any) -> None:
            record(model)

    # Start from W = 0, b = 0, so epoch 0 (every class equally likely) is on the record too.
    init = (np.zeros((d, q), dtype=np.float32), np.zeros(q, dtype=np.float32))
    record(SoftmaxRegression(*init))
    fit_numpy(data.X_train, data.y_train, epochs=epochs, lr=float(lr), batch_size=batch_size,
              seed=int(seed), init=init, callbacks=[Recorder()])
    settings = {
        "trainer": "softmax_lab.fit_numpy (minibatch SGD)", "epochs": epochs, "lr": float(lr),
        "batch_size": batch_size, "seed": int(seed), "n_train": len(data.y_train),
        "n_test": len(data.y_test), "seconds": round(time.perf_counter() - start, 3),
    }
    return TrainingRun(
        dataset=data.name, class_names=list(data.class_names), epochs=list(range(epochs + 1)),
        bin_edges=np.linspace(0.0, 1.0, bins + 1).tolist(), settings=settings, **rec,
    )
