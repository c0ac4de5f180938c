"""Progress bar and live plot, with IPython's display captured."""

from __future__ import annotations

import io

import IPython
import IPython.display
import pytest

from softmax_lab import LivePlot, ProgressBar, fit_numpy, make_toy_images


class _Handle:
    def __init__(self) -> None:
        self.updates: list[object] = []

    def update(self, obj: object) -> None:
        self.updates.append(obj)


@pytest.fixture
def notebook(monkeypatch):
    """Pretend to run in a kernel and capture everything handed to display()."""
    shown: list[tuple[object, dict]] = []
    handle = _Handle()

    def display(obj, **kwargs):
        shown.append((obj, kwargs))
        return handle

    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", display)
    return shown, handle


def _points(displayable) -> int:
    """Number of epochs drawn in the training-loss curve of a displayed figure."""
    bundle = displayable._repr_mimebundle_()
    fig = bundle["application/vnd.plotly.v1+json"]
    return len(fig["data"][0].get("x", []))


def test_live_plot_displays_once_then_redraws_in_place_every_epoch(notebook):
    shown, handle = notebook
    toy = make_toy_images(60)
    fit_numpy(toy.X_train, toy.y_train, epochs=3, validation=(toy.X_test, toy.y_test),
              callbacks=[LivePlot()])
    assert len(shown) == 1 and shown[0][1] == {"display_id": True}
    assert [_points(u) for u in handle.updates] == [1, 2, 3]
    assert all(hasattr(u, "_repr_mimebundle_") for u in handle.updates)


def test_live_plot_every_k_epochs_still_draws_the_last_one(notebook):
    _, handle = notebook
    toy = make_toy_images(60)
    fit_numpy(toy.X_train, toy.y_train, epochs=5, callbacks=[LivePlot(every=2)])
    assert [_points(u) for u in handle.updates] == [2, 4, 5]


def test_live_plot_shows_nothing_outside_ipython(monkeypatch, capsys):
    monkeypatch.setattr(IPython, "get_ipython", lambda: None)
    plot = LivePlot()
    toy = make_toy_images(30)
    fit_numpy(toy.X_train, toy.y_train, epochs=2, callbacks=[plot])
    assert plot.handle is None and capsys.readouterr().out == ""


def test_live_plot_rejects_bad_every():
    with pytest.raises(ValueError, match="^every:"):
        LivePlot(every=0)


def test_progress_bar_counts_epochs_and_reports_the_loss():
    out = io.StringIO()
    toy = make_toy_images(60)
    fit_numpy(toy.X_train, toy.y_train, epochs=4, validation=(toy.X_test, toy.y_test),
              callbacks=[ProgressBar(file=out)])
    text = out.getvalue()
    assert "4/4" in text and "loss=" in text and "test_acc=" in text


def test_progress_true_adds_a_bar(capsys):
    toy = make_toy_images(30)
    fit_numpy(toy.X_train, toy.y_train, epochs=2, progress=True)
    assert "2/2" in capsys.readouterr().err


def test_static_book_build_uses_a_text_bar(monkeypatch):
    from tqdm import tqdm as text_tqdm

    monkeypatch.setenv("SOFTMAX_LAB_STATIC", "1")
    bar = ProgressBar(total=1)
    bar.on_train_begin(fit_numpy(*_toy(), epochs=0)[1])
    try:
        assert type(bar.bar) is text_tqdm
    finally:
        bar.on_train_end(None, None)


def _toy():
    toy = make_toy_images(12)
    return toy.X_train, toy.y_train
