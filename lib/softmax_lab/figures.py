"""Plotly figure builders for training runs, confusion matrices and calibration.

Each function *builds* and returns a ``plotly.graph_objects.Figure`` and displays nothing;
chapters show one with :func:`softmax_lab.display.show`, which gives it the book's style
(:mod:`softmax_lab.figure_style`: legend below, no fixed width, fitted to a phone). Every
string a reader sees (titles, axis titles, legend names, hover labels) comes from the
``figures`` message catalog, so a figure follows :func:`softmax_lab.set_language`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .calibration import CalibrationBins
from .history import History
from .i18n import message
from .palette import NEUTRAL_COLOR, TEST_COLOR, TRAIN_COLOR, class_color

__all__ = [
    "TEST_COLOR",
    "TRAIN_COLOR",
    "confusion_matrix_figure",
    "image_grid",
    "plot_history",
    "reliability_diagram",
]


def plot_history(history: History, *, title: str | None = None,
                 epochs: int | None = None) -> Any:
    """Loss and accuracy per epoch, training and test, side by side.

    Parameters
    ----------
    history : History
        From :func:`~softmax_lab.fit_numpy` or :func:`~softmax_lab.fit_torch`.
    title : str, optional
    epochs : int, optional
        Fix the x-axis to ``1..epochs`` (a live plot uses the planned number, so the axis
        does not rescale every epoch).

    Examples
    --------
    >>> h = History(train_loss=[0.9, 0.5], train_acc=[0.6, 0.8], test_loss=[0.8, 0.6],
    ...             test_acc=[0.7, 0.75], seconds=[0.1, 0.1])
    >>> fig = plot_history(h)
    >>> [trace.name for trace in fig.data]
    ['train', 'test', 'train', 'test']
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    if not isinstance(history, History):
        raise TypeError(f"history: expected a softmax_lab History, got {type(history).__name__}")
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.12,
                        subplot_titles=(message("figures.loss_panel"),
                                        message("figures.accuracy_panel")))
    train_name, test_name = message("figures.train"), message("figures.test")
    x = list(range(1, history.epochs + 1))
    panels = ((1, history.train_loss, history.test_loss), (2, history.train_acc,
                                                           history.test_acc))
    for col, train, test in panels:
        fig.add_trace(go.Scatter(x=x, y=train, name=train_name, mode="lines+markers",
                                 line={"color": TRAIN_COLOR}, legendgroup="train",
                                 showlegend=col == 1), row=1, col=col)
        if history.has_test:
            fig.add_trace(go.Scatter(x=x[:len(test)], y=test, name=test_name,
                                     mode="lines+markers",
                                     line={"color": TEST_COLOR, "dash": "dash"},
                                     legendgroup="test", showlegend=col == 1), row=1, col=col)
    span = epochs if epochs is not None else max(history.epochs, 1)
    fig.update_xaxes(title_text=message("figures.epoch"), range=[0.5, span + 0.5])
    fig.update_yaxes(rangemode="tozero", row=1, col=1)
    fig.update_yaxes(range=[0, 1.02], row=1, col=2)
    fig.update_layout(title=title, height=360 if title else 340,
                      margin={"t": 80 if title else 50, "b": 40, "l": 50, "r": 20})
    return fig


def confusion_matrix_figure(cm: object, class_names: Sequence[str] | None = None, *,
                            normalize: bool = False, title: str | None = None) -> Any:
    """Heatmap of a confusion matrix: rows are true classes, columns predicted ones.

    Parameters
    ----------
    cm : array_like, shape (q, q)
        From :func:`~softmax_lab.metrics.confusion_matrix`.
    class_names : sequence of str, optional
        Axis labels; default ``0..q-1``.
    normalize : bool
        Colour by the fraction of each true class (row) instead of counts; the cell text
        keeps the counts.

    Examples
    --------
    >>> fig = confusion_matrix_figure([[5, 1], [0, 4]], ["cat", "dog"])
    >>> fig.data[0].z.tolist()
    [[5.0, 1.0], [0.0, 4.0]]
    """
    import plotly.graph_objects as go

    counts = np.asarray(cm)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1] or counts.shape[0] == 0:
        raise ValueError(f"cm: expected a square (q, q) matrix, got shape {counts.shape}")
    if counts.dtype.kind not in "iuf" or not np.isfinite(counts).all() or (counts < 0).any():
        raise ValueError("cm: must hold finite non-negative counts")
    q = counts.shape[0]
    names = [str(k) for k in range(q)] if class_names is None else [str(c) for c in class_names]
    if len(names) != q:
        raise ValueError(f"class_names: expected {q} names, got {len(names)}")
    z = counts.astype(np.float64)
    if normalize:
        rows = z.sum(axis=1, keepdims=True)
        z = np.divide(z, rows, out=np.zeros_like(z), where=rows > 0)
    text = [[f"{int(v)}" if float(v).is_integer() else f"{v:.3g}" for v in row]
            for row in counts]
    # Every cell prints its count, so a colour bar for counts would repeat them and take a
    # fifth of a phone's 343 px column from the cells; fractions (normalize) keep a thin one.
    # The cells are square and shrink with the width.
    fig = go.Figure(go.Heatmap(
        z=z, x=names, y=names, text=text, texttemplate="%{text}", colorscale="Blues",
        showscale=bool(normalize),
        colorbar={"title": {"text": message("figures.fraction"), "side": "top"},
                  "thickness": 12, "xpad": 6},
        hovertemplate=message("figures.confusion_hover")))
    fig.update_xaxes(title_text=message("figures.predicted_class"), side="bottom",
                     constrain="domain")
    fig.update_yaxes(title_text=message("figures.true_class"), autorange="reversed",
                     scaleanchor="x", scaleratio=1, constrain="domain")
    size = max(320, 36 * q + 160)
    fig.update_layout(title=title, height=size, margin={"t": 50, "b": 60, "l": 90, "r": 20})
    return fig


def reliability_diagram(bins: CalibrationBins | Mapping[str, CalibrationBins], *,
                        title: str | None = None) -> Any:
    """Accuracy against confidence per bin, with the diagonal of perfect calibration.

    Bars below the diagonal mean over-confidence. Pass several named results (for example
    before and after temperature scaling) to compare them; each legend entry shows its ECE.

    Parameters
    ----------
    bins : CalibrationBins or mapping of name to CalibrationBins
        From :func:`~softmax_lab.calibration.reliability_bins`.

    Examples
    --------
    >>> from softmax_lab.calibration import reliability_bins
    >>> b = reliability_bins(np.array([[0.9, 0.1], [0.6, 0.4]]), np.array([0, 1]), n_bins=5)
    >>> fig = reliability_diagram(b)
    >>> fig.data[0].name
    'model (ECE 0.350)'
    """
    import plotly.graph_objects as go

    curves = {message("figures.model"): bins} if isinstance(bins, CalibrationBins) else dict(bins)
    if not curves or not all(isinstance(b, CalibrationBins) for b in curves.values()):
        raise TypeError("bins: expected CalibrationBins or a mapping of names to them")
    fig = go.Figure()
    K = len(curves)
    for k, (name, b) in enumerate(curves.items()):
        widths = np.diff(b.edges)
        centres = b.edges[:-1] + widths / 2
        # K results share each bin side by side: bar k sits in the k-th of K slots.
        fig.add_trace(go.Bar(
            x=centres + (k - (K - 1) / 2) * widths / K,
            y=np.nan_to_num(b.accuracy), width=0.9 * widths / K,
            name=message("figures.with_ece", name=name, ece=b.ece), marker_color=class_color(k),
            customdata=np.stack([b.count, np.nan_to_num(b.confidence)], axis=-1),
            hovertemplate=message("figures.reliability_hover")))
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 1], mode="lines",
                             name=message("figures.perfectly_calibrated"),
                             line={"color": NEUTRAL_COLOR, "dash": "dot"}))
    fig.update_xaxes(title_text=message("figures.confidence_axis"), range=[0, 1])
    fig.update_yaxes(title_text=message("figures.accuracy_axis"), range=[0, 1])
    # The legend goes below the plot (the book's style): inside it, it would hide the bars.
    fig.update_layout(title=title, height=420, bargap=0, barmode="overlay",
                      margin={"t": 60 if title else 30, "b": 50, "l": 60, "r": 20})
    return fig


def image_grid(X: object, y: object, class_names: Sequence[str], image_shape: tuple[int, int],
               *, count: int = 10, columns: int = 5, predicted: object | None = None) -> Any:
    """A grid of example images titled with their class (and prediction, if given).

    Examples
    --------
    >>> from softmax_lab.data import make_toy_images
    >>> toy = make_toy_images(6)
    >>> fig = image_grid(toy.X_train, toy.y_train, toy.class_names, (2, 2), count=3)
    >>> len(fig.data)
    3
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    images = np.asarray(X, dtype=np.float64)
    labels = np.asarray(y)
    count = min(int(count), len(images))
    if count < 1:
        raise ValueError("count: need at least one image to show")
    h, w = image_shape
    if images.ndim != 2 or images.shape[1] != h * w:
        raise ValueError(f"X: expected rows of {h * w} pixels for image_shape {image_shape}, "
                         f"got shape {images.shape}")
    preds = None if predicted is None else np.asarray(predicted)
    titles = []
    for i in range(count):
        t = str(class_names[int(labels[i])])
        if preds is not None:
            t = message("figures.true_to_predicted", true=t,
                        predicted=class_names[int(preds[i])])
        titles.append(t)
    rows = -(-count // columns)
    cols = min(columns, count)
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles,
                        horizontal_spacing=0.02, vertical_spacing=0.3 / rows)
    for i in range(count):
        fig.add_trace(go.Heatmap(z=images[i].reshape(h, w), colorscale="gray_r", zmin=0, zmax=1,
                                 showscale=False, hovertemplate=message("figures.pixel_hover")),
                      row=i // columns + 1, col=i % columns + 1)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, autorange="reversed")
    # Square pixels: each panel keeps the image's aspect ratio inside its cell.
    for i in range(count):
        suffix = "" if i == 0 else str(i + 1)
        fig.layout[f"yaxis{suffix}"].update(scaleanchor=f"x{suffix}", scaleratio=1,
                                            constrain="domain")
        fig.layout[f"xaxis{suffix}"].update(constrain="domain")
        # A thin frame, so white and black pixels keep their edge on a light or a dark page.
        fig.add_shape(type="rect", xref=f"x{suffix} domain", yref=f"y{suffix} domain",
                      x0=0, y0=0, x1=1, y1=1, line={"color": "#8c959f", "width": 1})
    # Height from the width a chapter gives a figure (about 700 px): one row per image height,
    # plus room for the subplot titles and for a title the chapter may add.
    cell = min(150.0, 680.0 / cols) * h / w
    fig.update_layout(height=int(rows * (cell + 34) + 70),
                      margin={"t": 70, "b": 10, "l": 10, "r": 10})
    return fig
