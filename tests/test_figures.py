"""Figure builders return plotly figures built from the data, and display nothing."""

from __future__ import annotations

import re

import numpy as np
import plotly.graph_objects as go
import pytest

from softmax_lab import History, confusion_matrix, make_toy_images, reliability_bins
from softmax_lab.figures import (
    confusion_matrix_figure,
    image_grid,
    plot_history,
    reliability_diagram,
)


def _history(with_test: bool = True) -> History:
    h = History()
    for e in range(3):
        h.record(train_loss=1.0 / (e + 1), train_acc=0.5 + 0.1 * e, seconds=0.01,
                 test_loss=1.2 / (e + 1) if with_test else None,
                 test_acc=0.45 + 0.1 * e if with_test else None)
    return h


def test_plot_history_draws_each_series_against_epochs(capsys):
    h = _history()
    fig = plot_history(h, title="run")
    assert isinstance(fig, go.Figure)
    loss_train, loss_test, acc_train, acc_test = fig.data
    assert list(loss_train.x) == [1, 2, 3]
    assert list(loss_train.y) == h.train_loss and list(loss_test.y) == h.test_loss
    assert list(acc_train.y) == h.train_acc and list(acc_test.y) == h.test_acc
    assert fig.layout.title.text == "run"
    assert capsys.readouterr().out == ""  # built, not shown


def test_plot_history_without_validation_has_only_training_curves():
    fig = plot_history(_history(with_test=False))
    assert [t.name for t in fig.data] == ["train", "train"]


def test_plot_history_can_fix_the_epoch_axis_for_live_updates():
    fig = plot_history(_history(), epochs=10)
    assert tuple(fig.layout.xaxis.range) == (0.5, 10.5)


def test_confusion_matrix_figure_shows_counts_and_can_normalise_rows():
    y = np.array([0, 0, 1, 1, 1])
    cm = confusion_matrix(y, np.array([0, 1, 1, 1, 0]), num_classes=2)
    fig = confusion_matrix_figure(cm, ["cat", "dog"], normalize=True)
    heat = fig.data[0]
    np.testing.assert_allclose(np.asarray(heat.z).sum(axis=1), [1, 1])
    assert list(heat.x) == ["cat", "dog"] and heat.text[1][1] == "2"
    assert fig.layout.yaxis.autorange == "reversed"  # first class on top
    assert heat.showscale  # colours are fractions, the cells print counts: a scale is needed
    counts = confusion_matrix_figure(cm, ["cat", "dog"]).data[0]
    assert counts.showscale is False  # colours and cell text are the same counts


def test_confusion_matrix_figure_rejects_bad_input():
    with pytest.raises(ValueError, match="^cm:"):
        confusion_matrix_figure(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="^class_names:"):
        confusion_matrix_figure(np.eye(2), ["a"])


def test_reliability_diagram_bars_are_bin_accuracies_with_the_diagonal():
    rng = np.random.default_rng(0)
    p = rng.dirichlet(np.ones(3) * 0.5, size=400)
    y = rng.integers(0, 3, 400)
    before = reliability_bins(p, y, n_bins=5)
    after = reliability_bins(np.full_like(p, 1 / 3), y, n_bins=5)
    fig = reliability_diagram({"before": before, "after": after})
    bars = [t for t in fig.data if isinstance(t, go.Bar)]
    assert [b.name for b in bars] == [f"before (ECE {before.ece:.3f})",
                                      f"after (ECE {after.ece:.3f})"]
    np.testing.assert_allclose(bars[0].y, np.nan_to_num(before.accuracy))
    diagonal = fig.data[-1]
    assert list(diagonal.x) == [0, 1] and list(diagonal.y) == [0, 1]
    with pytest.raises(TypeError, match="^bins:"):
        reliability_diagram({"x": p})


def test_image_grid_draws_one_image_per_example_with_its_class():
    toy = make_toy_images(8)
    fig = image_grid(toy.X_train, toy.y_train, toy.class_names, (2, 2), count=4,
                     predicted=toy.y_train)
    assert len(fig.data) == 4
    np.testing.assert_allclose(fig.data[0].z, toy.X_train[0].reshape(2, 2))
    name = toy.class_names[toy.y_train[0]]
    assert fig.layout.annotations[0].text == f"{name} → {name}"


# --- every string a reader sees comes from the message catalog --------------------------------

def _visible_strings(fig: go.Figure) -> list[str]:
    """Titles, axis titles, annotations, legend names, colour-bar titles and hover labels."""
    spec = fig.to_plotly_json()
    found: list[str] = []

    def walk(value: object, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in {"text", "name", "hovertemplate", "texttemplate"}:
            found.append(value)

    walk(spec["layout"])
    walk(spec["data"])
    return found


def _all_builders() -> list[go.Figure]:
    toy = make_toy_images(8)
    h = _history()
    bins = reliability_bins(np.array([[0.9, 0.1], [0.6, 0.4]]), np.array([0, 1]), n_bins=5)
    return [
        plot_history(h),
        confusion_matrix_figure(np.eye(2), ["0", "1"]),
        confusion_matrix_figure(np.eye(2), normalize=True),
        reliability_diagram(bins),
        reliability_diagram({"1": bins, "2": bins}),
        image_grid(toy.X_train, toy.y_train, ["0", "1", "2", "3"], (2, 2), count=3,
                   predicted=toy.y_train),
    ]


def test_no_figure_builder_has_a_hard_coded_english_label(monkeypatch):
    # Every message becomes a marker; a word left after removing markers, plotly's %{…}
    # placeholders and its <tags> was written into the builder, not taken from the catalog.
    import softmax_lab.figures as figures

    monkeypatch.setattr(figures, "message", lambda key, **values: f"⟦{key}⟧")
    leftovers = []
    for fig in _all_builders():
        for text in _visible_strings(fig):
            rest = re.sub(r"⟦[\w.]+⟧|%\{[^}]*\}|<[^>]*>", " ", text)
            if re.search(r"[A-Za-z]{2,}", rest):
                leftovers.append(text)
    assert leftovers == []


def test_figure_labels_follow_the_catalog_of_the_language_in_use(monkeypatch):
    from softmax_lab import i18n

    korean = {**i18n.catalog("figures", "en"), "epoch": "에포크"}
    monkeypatch.setattr(i18n, "catalog", lambda domain, language="en": korean)
    fig = plot_history(_history())
    assert fig.layout.xaxis.title.text == "에포크"


def test_figures_carry_no_latex_labels():
    # The site typesets math at build time (KaTeX) and loads no MathJax, so plotly could not
    # typeset a $…$ label: it would show raw TeX.
    for fig in _all_builders():
        for text in _visible_strings(fig):
            assert not re.search(r"\$[^$]+\$", text), text
