"""Explorer 7: scrub through a real training run (§3.4.8).

A softmax-regression model is trained on the digits data set and every epoch is recorded:
the training and test loss and accuracy, the test confusion matrix and the test reliability
(calibration) bins. A slider moves through the epochs; the loss and accuracy curves get a
marker at the epoch, and the confusion matrix and reliability diagram show that epoch.

The record is a :class:`TrainingRun`, a plain, JSON-friendly structure: record one with
:func:`record_training_run`, save ``run.to_dict()`` as JSON, and pass it (or the dict) back
to :func:`training_scrubber` to show it without training again.
"""

from __future__ import annotations

import html
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from numbers import Integral, Real
from typing import Any

import numpy as np

from ..calibration import reliability_bins
from ..data import load_digits
from ..history import Callback
from ..metrics import confusion_matrix
from ..model import SoftmaxRegression
from ..ops import softmax
from ..train_numpy import evaluate, fit_numpy
from ._base import Explorer, format_number

__all__ = ["TrainingRun", "record_training_run", "training_scrubber"]


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


def _check_positive_int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name}: expected an integer, got {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name}: must be >= 1, got {value}")
    return int(value)


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
    epochs = _check_positive_int(epochs, "epochs")
    batch_size = _check_positive_int(batch_size, "batch_size")
    bins = _check_positive_int(bins, "bins")
    if isinstance(seed, bool) or not isinstance(seed, Integral) or seed < 0:
        raise ValueError(f"seed: expected a non-negative integer, got {seed!r}")
    if isinstance(lr, bool) or not isinstance(lr, Real) or not (math.isfinite(lr) and lr > 0):
        raise ValueError(f"lr: must be a finite number > 0, got {lr!r}")
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


# --------------------------------------------------------------------------------------------
# Drawing (shared shapes: the kernel-free form draws the same views in static/scrubber.js)
# --------------------------------------------------------------------------------------------

TRAIN_COLOR, TEST_COLOR = "#0072B2", "#D55E00"


def _polyline(xs: Sequence[float], ys: Sequence[float], color: str, dashed: bool) -> str:
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    dash = ' stroke-dasharray="5 3"' if dashed else ""
    return f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2"{dash}/>'


def _curves_svg(run: TrainingRun, index: int) -> str:
    """Loss and accuracy against epoch (train solid, test dashed), marker at ``index``."""
    w, h, left, right = 320, 262, 42, 10
    panels = (("loss", run.train_loss, run.test_loss, 12, 110),
              ("accuracy", run.train_acc, run.test_acc, 136, 106))
    e0, e1 = run.epochs[0], run.epochs[-1]
    span = max(e1 - e0, 1)

    def sx(e: float) -> float:
        return left + (e - e0) / span * (w - left - right)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" '
           f'style="max-width:{w}px" role="img" aria-label="Loss and accuracy curves">']
    for label, train, test, top, height in panels:
        lo = 0.0
        hi = max(max(train), max(test)) if label == "loss" else 1.0

        def sy(v: float, top: float = top, height: float = height, lo: float = lo,
               hi: float = hi) -> float:
            return top + height - (v - lo) / (hi - lo or 1.0) * height

        out.append(f'<rect x="{left}" y="{top}" width="{w - left - right}" height="{height}" '
                   'fill="none" stroke="#999"/>')
        out.append(f'<text x="{left - 4}" y="{top + 9}" text-anchor="end" font-size="10">'
                   f"{hi:.2g}</text>")
        out.append(f'<text x="{left - 4}" y="{top + height}" text-anchor="end" '
                   f'font-size="10">{lo:g}</text>')
        out.append(f'<text x="{left + 4}" y="{top + 11}" font-size="11">{label}</text>')
        xs = [sx(e) for e in run.epochs]
        out.append(_polyline(xs, [sy(v) for v in train], TRAIN_COLOR, False))
        out.append(_polyline(xs, [sy(v) for v in test], TEST_COLOR, True))
        for series, color in ((train, TRAIN_COLOR), (test, TEST_COLOR)):
            out.append(f'<circle cx="{sx(run.epochs[index]):.1f}" '
                       f'cy="{sy(series[index]):.1f}" r="3.5" fill="{color}"/>')
    x = sx(run.epochs[index])
    out.append(f'<line x1="{x:.1f}" y1="10" x2="{x:.1f}" y2="{h - 18}" stroke="#555" '
               'stroke-width="1.2"/>')
    out.append(f'<text x="{left}" y="{h - 4}" font-size="10">{e0}</text>')
    out.append(f'<text x="{(left + w - right) / 2}" y="{h - 4}" text-anchor="middle" '
               'font-size="10">epoch</text>')
    out.append(f'<text x="{w - right}" y="{h - 4}" text-anchor="end" font-size="10">'
               f"{e1}</text>")
    out.append(f'<text x="{w - right - 4}" y="{12 + 11}" text-anchor="end" font-size="10">'
               f'<tspan style="fill:{TRAIN_COLOR}">— train</tspan> '
               f'<tspan style="fill:{TEST_COLOR}">- - test</tspan></text>')
    out.append("</svg>")
    return "".join(out)


def _confusion_svg(run: TrainingRun, index: int) -> str:
    """The test confusion matrix at ``index``: counts, shaded by each row's fraction."""
    m = np.asarray(run.confusion[index])
    q = len(run.class_names)
    cell, left, top = 24, 34, 30
    size = left + q * cell + 6
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {top + q * cell + 6}" '
           f'width="100%" style="max-width:{size + 40}px" role="img" '
           'aria-label="Confusion matrix of the test set">',
           f'<text x="{left + q * cell / 2}" y="10" text-anchor="middle" font-size="10">'
           "predicted</text>",
           f'<text x="9" y="{top + q * cell / 2}" text-anchor="middle" font-size="10" '
           f'transform="rotate(-90 9 {top + q * cell / 2})">true</text>']
    totals = np.maximum(m.sum(axis=1), 1)
    for j, name in enumerate(run.class_names):
        out.append(f'<text x="{left + (j + 0.5) * cell}" y="{top - 4}" text-anchor="middle" '
                   f'font-size="9">{html.escape(name)}</text>')
        out.append(f'<text x="{left - 4}" y="{top + (j + 0.5) * cell + 3}" text-anchor="end" '
                   f'font-size="9">{html.escape(name)}</text>')
    for i in range(q):
        for j in range(q):
            frac = m[i, j] / totals[i]
            out.append(f'<rect x="{left + j * cell}" y="{top + i * cell}" width="{cell}" '
                       f'height="{cell}" fill="{_shade(frac, i == j)}" stroke="#fff"/>')
            if m[i, j]:
                ink = "#fff" if frac > 0.55 else "#222"
                out.append(f'<text x="{left + (j + 0.5) * cell}" y="{top + (i + 0.5) * cell + 3}" '
                           f'text-anchor="middle" font-size="9" style="fill:{ink}" '
                           f'data-cell="{i},{j}">{m[i, j]}</text>')
    out.append("</svg>")
    return "".join(out)


def _shade(frac: float, diagonal: bool) -> str:
    # Diagonal cells (correct) in blue, off-diagonal (mistakes) in orange; darker = larger share.
    base = (0, 114, 178) if diagonal else (213, 94, 0)
    f = min(max(frac, 0.0), 1.0) ** 0.6
    r, g, b = (round(255 + (c - 255) * f) for c in base)
    return f"#{r:02x}{g:02x}{b:02x}"


def _reliability_svg(run: TrainingRun, index: int) -> str:
    """Reliability diagram at ``index``: accuracy per confidence bin against the diagonal."""
    w, h, left, top, size = 250, 250, 36, 10, 200
    edges = run.bin_edges
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" '
           f'style="max-width:{w}px" role="img" aria-label="Reliability diagram">',
           f'<rect x="{left}" y="{top}" width="{size}" height="{size}" fill="none" '
           'stroke="#999"/>',
           f'<line x1="{left}" y1="{top + size}" x2="{left + size}" y2="{top}" stroke="#888" '
           'stroke-dasharray="4 3"/>']
    for b in range(len(edges) - 1):
        acc = run.bin_accuracy[index][b]
        conf = run.bin_confidence[index][b]
        if acc is None or conf is None:
            continue
        x0 = left + edges[b] * size
        bw = (edges[b + 1] - edges[b]) * size
        out.append(f'<rect x="{x0:.1f}" y="{top + (1 - acc) * size:.1f}" width="{bw:.1f}" '
                   f'height="{acc * size:.1f}" fill="{TRAIN_COLOR}" fill-opacity="0.8" '
                   'stroke="#fff"/>')
        lo, hi = sorted((acc, conf))
        out.append(f'<rect x="{x0 + bw * 0.25:.1f}" y="{top + (1 - hi) * size:.1f}" '
                   f'width="{bw * 0.5:.1f}" height="{(hi - lo) * size:.1f}" '
                   f'fill="{TEST_COLOR}" fill-opacity="0.55"/>')
    out.append(f'<text x="{left + size / 2}" y="{top + size + 26}" text-anchor="middle" '
               'font-size="10">confidence (largest probability)</text>')
    out.append(f'<text x="10" y="{top + size / 2}" text-anchor="middle" font-size="10" '
               f'transform="rotate(-90 10 {top + size / 2})">accuracy</text>')
    out.append(f'<text x="{left + 4}" y="{top + 12}" font-size="10">'
               f"ECE {format_number(run.ece[index])}</text>")
    out.append(f'<text x="{left}" y="{top + size + 12}" font-size="9">0</text>'
               f'<text x="{left + size}" y="{top + size + 12}" text-anchor="end" '
               'font-size="9">1</text>')
    out.append("</svg>")
    return "".join(out)


def readout(run: TrainingRun, index: int) -> dict[str, str]:
    """The numbers shown beside the views at epoch index ``index``, as both forms display them.

    Examples
    --------
    >>> run = record_training_run(epochs=1)
    >>> readout(run, 0)["test-loss"]   # log 10: the untrained model's uniform guess
    '2.3026'
    """
    return {
        "epoch": str(run.epochs[index]),
        "train-loss": format_number(run.train_loss[index]),
        "test-loss": format_number(run.test_loss[index]),
        "train-acc": format_number(run.train_acc[index]),
        "test-acc": format_number(run.test_acc[index]),
        "ece": format_number(run.ece[index]),
    }


_LABELS = (("epoch", "Epoch"), ("train-loss", "Train loss"), ("test-loss", "Test loss"),
           ("train-acc", "Train accuracy"), ("test-acc", "Test accuracy"),
           ("ece", "Calibration error (ECE)"))


# --------------------------------------------------------------------------------------------
# The explorer
# --------------------------------------------------------------------------------------------

_STYLE = """<style>
.sl-explorer-scrubber .sl-sc-controls{display:flex;flex-wrap:wrap;gap:.5rem 1rem;
  align-items:center;margin:.3rem 0}
.sl-explorer-scrubber .sl-sc-controls input[type=range]{flex:1 1 180px;min-width:0}
.sl-explorer-scrubber .sl-sc-controls button{min-height:2.2rem;padding:.2rem .7rem}
.sl-explorer-scrubber button[aria-pressed=true]{background:var(--sl-accent,#0b62c4);
  color:var(--sl-bg,#fff)}
.sl-explorer-scrubber .sl-sc-views{display:flex;flex-wrap:wrap;gap:.8rem}
.sl-explorer-scrubber .sl-sc-views figure{flex:1 1 250px;max-width:340px;min-width:0;margin:0}
.sl-explorer-scrubber .sl-sc-views svg{width:100%;height:auto;display:block;touch-action:auto}
.sl-explorer-scrubber figcaption{font-size:.85em;color:#444}
</style>"""


def _markup(run: TrainingRun) -> str:
    cells = "".join(
        f'<div><span class="sl-label">{label}</span><output data-sl="{key}"></output></div>'
        for key, label in _LABELS
    )
    last = len(run.epochs) - 1
    s = run.settings
    about = html.escape(
        f"{run.dataset}: {s.get('trainer', 'trainer')}, learning rate {s.get('lr', '?')}, "
        f"batch size {s.get('batch_size', '?')}, {s.get('n_train', '?')} training and "
        f"{s.get('n_test', '?')} test images"
    )
    return f"""{_STYLE}
<div class="sl-sc">
  <div class="sl-sc-controls">
    <label for="{{root}}-epoch">Epoch</label>
    <input type="range" id="{{root}}-epoch" data-sl="epoch-slider" min="0" max="{last}"
      step="1" value="{last}">
    <button type="button" data-sl="play" aria-pressed="false">Play</button>
  </div>
  <div class="sl-readout">{cells}</div>
  <div class="sl-sc-views">
    <figure><div data-sl="curves"></div>
      <figcaption>Loss and accuracy per epoch (train solid, test dashed)</figcaption></figure>
    <figure><div data-sl="confusion"></div>
      <figcaption>Test confusion matrix (rows: true digit, columns: predicted)</figcaption>
    </figure>
    <figure><div data-sl="reliability"></div>
      <figcaption>Reliability: accuracy per confidence bin (bars), gap to the diagonal
        (orange)</figcaption></figure>
  </div>
  <p class="sl-sc-about">{about}</p>
</div>"""


def training_scrubber(run: TrainingRun | Mapping[str, Any] | None = None) -> Explorer:
    """Scrub through the epochs of a recorded training run.

    Parameters
    ----------
    run : TrainingRun or dict or None
        A recorded run (or its :meth:`TrainingRun.to_dict`). ``None`` trains one now with
        :func:`record_training_run` (digits, 20 epochs: under a second).

    Returns
    -------
    Explorer
        Shows the kernel-free HTML+JS form on the site and ipywidgets in a live kernel.

    Examples
    --------
    >>> ex = training_scrubber(record_training_run(epochs=3))
    >>> ex.name, ex.config["epochs"]
    ('scrubber', [0, 1, 2, 3])
    """
    if run is None:
        run = record_training_run()
    elif not isinstance(run, TrainingRun):
        run = TrainingRun.from_dict(run)
    return Explorer(
        name="scrubber",
        config=run.to_dict(),
        markup=_markup(run),
        scripts=("sl_ui.js", "scrubber.js"),
        mount="SoftmaxLab.explorers.scrubber",
        widget_factory=_scrubber_widget,
    )


def _scrubber_widget(config: dict[str, Any]) -> Any:
    import ipywidgets as widgets

    run = TrainingRun.from_dict(config)
    last = len(run.epochs) - 1

    class ScrubberWidget(widgets.VBox):
        """ipywidgets form: an IntSlider over epochs updating the same three views."""

        def __init__(self) -> None:
            self.run = run
            self.slider = widgets.IntSlider(
                value=last, min=0, max=last, description="Epoch index",
                continuous_update=True, style={"description_width": "initial"},
            )
            self.play = widgets.Play(min=0, max=last, interval=400, description="Play")
            widgets.jslink((self.play, "value"), (self.slider, "value"))
            self.readout = widgets.HTML()
            self.curves = widgets.HTML()
            self.confusion = widgets.HTML()
            self.reliability = widgets.HTML()
            self.slider.observe(lambda _: self.refresh(), names="value")
            box = widgets.Layout(flex="1 1 250px", max_width="340px", min_width="0")
            super().__init__([
                widgets.HBox([self.play, self.slider]),
                self.readout,
                widgets.HBox(
                    [widgets.Box([v], layout=box)
                     for v in (self.curves, self.confusion, self.reliability)],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
            ])
            self.refresh()

        def refresh(self) -> None:
            i = self.slider.value
            values = readout(self.run, i)
            self.readout.value = "<div>" + " · ".join(
                f'{label}: <span data-sl="{key}">{values[key]}</span>' for key, label in _LABELS
            ) + "</div>"
            self.curves.value = _curves_svg(self.run, i)
            self.confusion.value = _confusion_svg(self.run, i)
            self.reliability.value = _reliability_svg(self.run, i)

    return ScrubberWidget()

