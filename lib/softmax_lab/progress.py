"""Watching training: a progress bar over epochs and a live loss/accuracy plot.

Both are :class:`~softmax_lab.history.Callback` objects for either trainer::

    model, history = fit_numpy(X, y, validation=(Xt, yt), callbacks=[LivePlot()])

``fit_numpy(..., progress=True)`` adds a :class:`ProgressBar` for you.
"""

from __future__ import annotations

import os
from typing import Any

from ._checks import check_int
from .history import Callback, History

__all__ = ["LivePlot", "ProgressBar"]


def _static_build() -> bool:
    """True while the book is being built (no live widgets there)."""
    return os.environ.get("SOFTMAX_LAB_STATIC", "") not in ("", "0")


class ProgressBar(Callback):
    """A tqdm bar over the epochs showing the latest loss and accuracies.

    In a notebook it is a widget (``tqdm.auto``); in a terminal, and while the book is built
    (``SOFTMAX_LAB_STATIC=1``), it is plain text.

    Parameters
    ----------
    total : int, optional
        Number of epochs; default: read from the run's settings.
    desc : str
        Label in front of the bar.
    file : file-like, optional
        Where a text bar is written (default: standard error).

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> bar = ProgressBar(total=2, file=out)
    >>> h = History(config={"epochs": 2})
    >>> bar.on_train_begin(h)
    >>> h.record(train_loss=0.5, train_acc=0.8, seconds=0.1)
    >>> bar.on_epoch_end(1, h, None)
    >>> bar.on_train_end(h, None)
    >>> "loss=0.5" in out.getvalue()
    True
    """

    def __init__(self, total: int | None = None, desc: str = "training",
                 file: Any = None) -> None:
        self.total, self.desc, self.file = total, desc, file
        self.bar: Any = None

    def on_train_begin(self, history: History) -> None:
        if self.file is not None or _static_build():
            from tqdm import tqdm
        else:
            from tqdm.auto import tqdm
        total = self.total if self.total is not None else history.config.get("epochs")
        self.bar = tqdm(total=total, desc=self.desc, unit="epoch", file=self.file,
                        leave=True, dynamic_ncols=self.file is None)

    def on_epoch_end(self, epoch: int, history: History, model: Any) -> None:
        if self.bar is None:
            return
        stats = {"loss": f"{history.train_loss[-1]:.4g}", "acc": f"{history.train_acc[-1]:.3f}"}
        if history.has_test:
            stats["test_acc"] = f"{history.test_acc[-1]:.3f}"
        self.bar.set_postfix(stats, refresh=False)
        self.bar.update(1)

    def on_train_end(self, history: History, model: Any) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class LivePlot(Callback):
    """Redraw the loss and accuracy curves in the notebook after every epoch.

    Like D2L's ``Animator``, but the figure is plotly (hover, zoom) and is updated in place
    through a display handle, shown with :func:`softmax_lab.display.as_displayable`. Outside
    IPython nothing is shown.

    Parameters
    ----------
    every : int
        Redraw every ``every`` epochs (and after the last one).
    title : str, optional
        Figure title.

    Attributes
    ----------
    handle : IPython DisplayHandle or None
        The display being updated; ``None`` before training starts or outside IPython.
    """

    def __init__(self, every: int = 1, title: str | None = None) -> None:
        self.every, self.title = check_int(every, "every", minimum=1), title
        self.handle: Any = None
        self._planned: int | None = None
        self._drawn = 0

    def _figure(self, history: History) -> Any:
        from .display import as_displayable
        from .figures import plot_history

        return as_displayable(plot_history(history, title=self.title, epochs=self._planned))

    def on_train_begin(self, history: History) -> None:
        self._planned = history.config.get("epochs")
        self._drawn = 0
        self.handle = None
        try:
            import IPython
            from IPython.display import display
        except ImportError:  # pragma: no cover - IPython ships with the book's environment
            return
        if IPython.get_ipython() is None:  # a plain script: display() would print a repr
            return
        self.handle = display(self._figure(history), display_id=True)

    def on_epoch_end(self, epoch: int, history: History, model: Any) -> None:
        if self.handle is not None and epoch % self.every == 0:
            self.handle.update(self._figure(history))
            self._drawn = epoch

    def on_train_end(self, history: History, model: Any) -> None:
        if self.handle is not None and self._drawn != history.epochs:
            self.handle.update(self._figure(history))
            self._drawn = history.epochs
