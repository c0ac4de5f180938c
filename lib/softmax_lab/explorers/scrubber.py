r"""Explorer 7 (§3.4.8): scrub through a recorded training run, epoch by epoch.

The reader moves through the epochs of a :class:`~softmax_lab.explorers.training_run.TrainingRun`
(by the slider, a typed epoch, Play, the keys, or by dragging the marker on the curves). The
loss and accuracy curves are drawn up to the chosen epoch only, on axes fixed for the whole run;
the test confusion matrix and the reliability diagram show that epoch, with the expected
calibration error

.. math::

    \mathrm{ECE} = \sum_{b=1}^{B} \frac{n_b}{n} \left| \mathrm{acc}_b - \mathrm{conf}_b \right| .

Nothing is trained here: the numbers were measured by ``softmax_lab`` when the run was recorded.
The module ``scrubber.js`` draws it in both hosts; the run travels as the explorer's read-only
``data``. :func:`scrubber_readout` is the source of truth for what is shown at an epoch (the
site's JavaScript readout is checked against it on golden vectors).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import traitlets

from ._hosts import ExplorerWidget, StaticExplorer, show
from .training_run import TrainingRun, record_training_run

__all__ = ["ScrubberExplorer", "TrainingRun", "record_training_run", "scrubber_readout",
           "training_scrubber"]

_SERIES = ("train_loss", "test_loss", "train_acc", "test_acc")


def _as_run(run: TrainingRun | Mapping[str, Any]) -> TrainingRun:
    return run if isinstance(run, TrainingRun) else TrainingRun.from_dict(run)


def _check_recorded(epoch: int, epochs: list[int]) -> int:
    """``epoch``, if the run recorded it (the table only knows the widest range of epochs)."""
    if epoch not in epochs:
        raise ValueError(f"epoch: {epoch} is not a recorded epoch; the run has {epochs}")
    return epoch


def _nan_for_none(values: list[float | None]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def scrubber_readout(state: dict[str, Any],
                     run: TrainingRun | Mapping[str, Any]) -> dict[str, Any]:
    r"""What the scrubber shows at ``state["epoch"]`` of ``run``.

    Returns
    -------
    dict
        ``epoch``, ``index`` (its position in ``epochs``), ``epochs`` (every recorded epoch),
        the four numbers ``train_loss``, ``test_loss``, ``train_acc``, ``test_acc`` and ``ece``
        at the epoch; ``curves``: each of the four series as ``[epoch, value]`` pairs *up to
        the epoch*; ``loss_max``, ``ece_max`` and ``test_acc_best`` over the whole run;
        ``class_names``; the test ``confusion`` matrix, its rows as shares of each true class
        (``confusion_share``), ``correct`` (its trace) and ``total``; the reliability bins
        ``bin_edges``, ``bin_count``, ``bin_confidence`` and ``bin_accuracy`` (NaN for an empty
        bin); and ``about`` (how the run was made).

    Examples
    --------
    >>> run = record_training_run(epochs=2)
    >>> r = scrubber_readout({"epoch": 1}, run)
    >>> curve = r["curves"]["test_loss"]
    >>> r["index"], [e for e, _ in curve], round(curve[0][1], 4)   # log 10 before training
    (1, [0, 1], 2.3026)
    """
    run = _as_run(run)
    epoch = _check_recorded(state["epoch"], run.epochs)
    i = run.epochs.index(epoch)
    series = {name: getattr(run, name) for name in _SERIES}
    m = np.asarray(run.confusion[i], dtype=np.int64)
    rows = m.sum(axis=1, keepdims=True)
    settings = run.settings
    return {
        "epoch": epoch, "index": i, "epochs": list(run.epochs),
        **{name: float(values[i]) for name, values in series.items()},
        "ece": float(run.ece[i]),
        "curves": {name: [[e, float(v)] for e, v in zip(run.epochs[:i + 1], values[:i + 1],
                                                          strict=True)]
                   for name, values in series.items()},
        "loss_max": float(max(max(run.train_loss), max(run.test_loss))),
        "ece_max": float(max(run.ece)),
        "test_acc_best": float(max(run.test_acc)),
        "class_names": list(run.class_names),
        "confusion": m, "confusion_share": m / np.maximum(rows, 1),
        "correct": int(np.trace(m)), "total": int(m.sum()),
        "bin_edges": [float(v) for v in run.bin_edges],
        "bin_count": [int(v) for v in run.bin_count[i]],
        "bin_confidence": _nan_for_none(run.bin_confidence[i]),
        "bin_accuracy": _nan_for_none(run.bin_accuracy[i]),
        "about": {"dataset": run.dataset, "lr": settings.get("lr", math.nan),
                  "batch_size": settings.get("batch_size", math.nan),
                  "n_train": settings.get("n_train", math.nan),
                  "n_test": settings.get("n_test", math.nan)},
    }


class ScrubberExplorer(ExplorerWidget):
    """The scrubber in a kernel: ``w.epoch = 5`` shows epoch 5; ``w.readout`` holds its numbers.

    The run is the widget's ``data`` (``w.data``, a :meth:`TrainingRun.to_dict`).
    """

    esm_path = Path(__file__).with_suffix(".js")

    def __init__(self, initial: dict[str, Any], hooks: dict[str, Any] | None = None,
                 data: dict[str, Any] | None = None) -> None:
        if data is None:
            raise TypeError("data: the scrubber needs a recorded run")
        self._epochs = list(data["epochs"])
        super().__init__(initial, hooks, data)

    def compute_readout(self, state: dict[str, Any]) -> dict[str, Any]:
        return scrubber_readout(state, self.data)

    @traitlets.validate("epoch")
    def _validate_epoch(self, proposal: dict[str, Any]) -> int:
        try:
            return _check_recorded(proposal["value"], self._epochs)
        except ValueError as err:
            raise traitlets.TraitError(str(err)) from err


def training_scrubber(run: TrainingRun | Mapping[str, Any] | None = None,
                      epoch: int | None = None) -> ScrubberExplorer | StaticExplorer:
    """Scrub through the epochs of a recorded training run.

    Parameters
    ----------
    run : TrainingRun or dict or None
        A recorded run (or its :meth:`TrainingRun.to_dict`). ``None`` records one now with
        :func:`record_training_run` (digits, 20 epochs: a few seconds).
    epoch : int, optional
        The epoch shown first (default: the last, so the whole curves are drawn).

    Returns
    -------
    ScrubberExplorer or StaticExplorer
        The widget in a kernel; its static HTML form while the book builds.

    Examples
    --------
    >>> w = training_scrubber(record_training_run(epochs=3))
    >>> w.epoch, len(w.readout["curves"]["test_acc"])
    (3, 4)
    >>> w.epoch = 1
    >>> len(w.readout["curves"]["test_acc"])
    2
    """
    if run is None:
        run = record_training_run()
    run = _as_run(run)
    state = ScrubberExplorer.state_table.defaults()
    if epoch is None:
        epoch = run.epochs[-1]
    state["epoch"] = _check_recorded(ScrubberExplorer.state_table.check("epoch", epoch),
                                     run.epochs)
    return show(ScrubberExplorer, state, data=run.to_dict())
