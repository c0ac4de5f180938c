"""Explorer 7, the training scrubber: the recorded run, the ipywidgets form, the kernel-free form.

The browser tests render ``Explorer.to_html()`` into a page served on 127.0.0.1 and drive it
with Chromium; any request off the loopback, console error or page error fails the test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from softmax_lab.data import load_digits
from softmax_lab.explorers import training_scrubber
from softmax_lab.explorers._base import format_number
from softmax_lab.explorers.scrubber import TrainingRun, readout, record_training_run
from softmax_lab.train_numpy import fit_numpy

from ._explorers import axe_violations

EPOCHS = 6


@pytest.fixture(scope="module")
def run() -> TrainingRun:
    return record_training_run(epochs=EPOCHS, seed=0)


# ---------------------------------------------------------------------------------------------
# The record
# ---------------------------------------------------------------------------------------------


def test_record_has_one_entry_per_epoch_from_epoch_0(run: TrainingRun) -> None:
    assert run.epochs == list(range(EPOCHS + 1))
    for name in ("train_loss", "train_acc", "test_loss", "test_acc", "confusion", "ece"):
        assert len(getattr(run, name)) == EPOCHS + 1, name
    assert run.class_names == [str(k) for k in range(10)]


def test_epoch_0_is_the_uniform_model(run: TrainingRun) -> None:
    # W = 0 and b = 0: every class has probability 1/10, so the loss is log 10
    assert run.train_loss[0] == pytest.approx(np.log(10), rel=1e-6)
    assert run.test_loss[0] == pytest.approx(np.log(10), rel=1e-6)


def test_test_numbers_equal_fit_numpys_own_history(run: TrainingRun) -> None:
    data = load_digits(seed=0)
    d, q = data.num_features, data.num_classes
    init = (np.zeros((d, q), np.float32), np.zeros(q, np.float32))
    _, history = fit_numpy(
        data.X_train, data.y_train, epochs=EPOCHS, lr=run.settings["lr"],
        batch_size=run.settings["batch_size"], seed=0, init=init,
        validation=(data.X_test, data.y_test),
    )
    assert run.test_loss[1:] == pytest.approx(history.test_loss, abs=1e-9)
    assert run.test_acc[1:] == pytest.approx(history.test_acc, abs=1e-12)


def test_training_lowers_the_loss_and_raises_the_accuracy(run: TrainingRun) -> None:
    assert run.test_loss[-1] < run.test_loss[1] < run.test_loss[0]
    assert run.test_acc[-1] > 0.85 > run.test_acc[0]


def test_confusion_matrices_count_every_test_image_and_agree_with_accuracy(
    run: TrainingRun,
) -> None:
    data = load_digits(seed=0)
    per_class = np.bincount(data.y_test, minlength=10)
    for m, acc in zip(run.confusion, run.test_acc, strict=True):
        m = np.array(m)
        assert np.array_equal(m.sum(axis=1), per_class)  # rows are the true classes
        assert np.trace(m) / m.sum() == pytest.approx(acc, abs=1e-12)


def test_reliability_bins_cover_the_test_set_and_give_the_ece(run: TrainingRun) -> None:
    n = run.settings["n_test"]
    for e in range(len(run.epochs)):
        counts = run.bin_count[e]
        assert sum(counts) == n
        ece = sum(
            c / n * abs(a - f)
            for c, a, f in zip(counts, run.bin_accuracy[e], run.bin_confidence[e], strict=True)
            if c
        )
        assert run.ece[e] == pytest.approx(ece, abs=1e-12)
        # each bin's mean confidence lies inside the bin
        for b, (c, f) in enumerate(zip(counts, run.bin_confidence[e], strict=True)):
            if c:
                assert run.bin_edges[b] - 1e-12 <= f <= run.bin_edges[b + 1] + 1e-12
            else:
                assert f is None


def test_run_survives_a_json_round_trip(run: TrainingRun) -> None:
    again = TrainingRun.from_dict(json.loads(json.dumps(run.to_dict())))
    assert again == run
    assert training_scrubber(json.loads(json.dumps(run.to_dict()))).config == run.to_dict()


@pytest.mark.parametrize(
    ("change", "start"),
    [
        (lambda d: d.pop("test_loss"), "run: missing field(s) test_loss"),
        (lambda d: d.update(extra=1), "run: unknown field(s) extra"),
        (lambda d: d["ece"].pop(), "run: ece has"),
        (lambda d: d["confusion"][0].pop(), "run: each confusion matrix"),
        (lambda d: d["test_acc"].__setitem__(0, float("nan")), "run: test_acc must hold"),
        (lambda d: d.update(epochs=d["epochs"][::-1]), "run: epochs must be increasing"),
    ],
)
def test_a_malformed_run_is_rejected_naming_the_argument(
    run: TrainingRun, change: Any, start: str
) -> None:
    data = json.loads(json.dumps(run.to_dict()))
    change(data)
    with pytest.raises(ValueError) as info:
        training_scrubber(data)
    assert str(info.value).startswith(start)


def test_training_scrubber_rejects_a_non_mapping() -> None:
    with pytest.raises(TypeError, match="^run:"):
        training_scrubber([1, 2, 3])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "error", "start"),
    [
        ({"epochs": 0}, ValueError, "epochs:"),
        ({"epochs": 2.0}, TypeError, "epochs:"),
        ({"batch_size": 0}, ValueError, "batch_size:"),
        ({"bins": 0}, ValueError, "bins:"),
        ({"lr": -0.1}, ValueError, "lr:"),
        ({"seed": -1}, ValueError, "seed:"),
    ],
)
def test_record_training_run_rejects_bad_arguments(kwargs: dict, error: type, start: str) -> None:
    with pytest.raises(error) as info:
        record_training_run(**kwargs)
    assert str(info.value).startswith(start)


def test_training_scrubber_without_a_run_trains_the_default_run() -> None:
    ex = training_scrubber()
    assert ex.config["epochs"] == list(range(21))
    assert ex.config["test_acc"][-1] > 0.9


# ---------------------------------------------------------------------------------------------
# The ipywidgets form
# ---------------------------------------------------------------------------------------------


def _shown(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-sl="([\w-]+)">([^<]*)<', html))


def test_widget_slider_shows_the_recorded_numbers_of_that_epoch(
    run: TrainingRun, callbacks_raise: None
) -> None:
    w = training_scrubber(run).widget
    assert w.slider.max == EPOCHS and w.slider.value == EPOCHS
    for i in (0, 3, EPOCHS):
        w.slider.value = i
        shown = _shown(w.readout.value)
        assert shown["epoch"] == str(i)
        assert shown["test-loss"] == format_number(run.test_loss[i])
        assert shown["train-acc"] == format_number(run.train_acc[i])
        assert shown["ece"] == format_number(run.ece[i])
        counts = [int(v) for v in re.findall(r'data-cell="[\d,]+">(\d+)<', w.confusion.value)]
        assert counts == [v for row in run.confusion[i] for v in row if v]
        assert f"ECE {format_number(run.ece[i])}" in w.reliability.value


def test_widget_views_change_with_the_epoch(run: TrainingRun, callbacks_raise: None) -> None:
    w = training_scrubber(run).widget
    w.slider.value = 1
    first = (w.curves.value, w.confusion.value, w.reliability.value)
    w.slider.value = EPOCHS
    last = (w.curves.value, w.confusion.value, w.reliability.value)
    assert all(a != b for a, b in zip(first, last, strict=True))


# ---------------------------------------------------------------------------------------------
# The kernel-free form in Chromium
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(run: TrainingRun, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scrubber")
    (folder / "index.html").write_text(
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>scrubber</title></head><body><main><h1>Scrubber</h1>"
        f"{training_scrubber(run).to_html()}</main></body></html>",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def page(guarded_folder_page: Any, served: Path) -> Any:
    """The scrubber page in Chromium, guarded (see ``guarded_folder_page``)."""
    return guarded_folder_page(served, ".sl-explorer-scrubber [data-sl=test-loss]:not(:empty)")


def _assert_page_shows_epoch(pg: Any, run: TrainingRun, i: int) -> None:
    root = pg.locator(".sl-explorer-scrubber")
    expected = readout(run, i)
    for key, text in expected.items():
        assert root.locator(f"[data-sl={key}]").text_content() == text, key
    exact = float(root.locator("[data-sl=test-loss]").get_attribute("data-value"))
    assert exact == pytest.approx(run.test_loss[i], abs=1e-12)
    cells = pg.evaluate(
        "() => [...document.querySelectorAll('.sl-explorer-scrubber [data-cell]')]"
        ".map(t => t.textContent)"
    )
    assert cells == [str(v) if v else "" for row in run.confusion[i] for v in row]
    ece = root.locator("[data-sl=reliability] svg text", has_text="ECE").text_content()
    assert ece == f"ECE {format_number(run.ece[i])}"


def test_page_opens_at_the_last_epoch(page: Any, run: TrainingRun) -> None:
    _assert_page_shows_epoch(page, run, EPOCHS)


def test_keyboard_moves_the_epoch_slider_and_every_view_follows(
    page: Any, run: TrainingRun
) -> None:
    slider = page.get_by_label("Epoch", exact=True)
    slider.focus()
    page.keyboard.press("Home")
    _assert_page_shows_epoch(page, run, 0)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    _assert_page_shows_epoch(page, run, 2)
    assert slider.get_attribute("aria-valuetext") == f"epoch 2 of {EPOCHS}"


def test_pointer_on_the_slider_picks_an_epoch(page: Any, run: TrainingRun) -> None:
    box = page.get_by_label("Epoch", exact=True).bounding_box()
    page.mouse.click(box["x"] + 2, box["y"] + box["height"] / 2)  # far left end: epoch 0
    _assert_page_shows_epoch(page, run, 0)


def test_play_advances_through_the_epochs(page: Any, run: TrainingRun) -> None:
    play = page.get_by_role("button", name="Play")
    play.click()  # at the last epoch, play starts again from epoch 0
    assert play.get_attribute("aria-pressed") == "true"
    page.wait_for_function(
        "() => document.querySelector('.sl-explorer-scrubber').softmaxLab.epochIndex() >= 2"
    )
    play.click()
    assert play.get_attribute("aria-pressed") == "false"
    i = page.evaluate("() => document.querySelector('.sl-explorer-scrubber')"
                      ".softmaxLab.epochIndex()")
    _assert_page_shows_epoch(page, run, i)


def test_figures_have_accessible_names_that_follow_the_epoch(page: Any, run: TrainingRun) -> None:
    page.get_by_label("Epoch", exact=True).fill("1")
    labels = page.evaluate(
        "() => [...document.querySelectorAll('.sl-explorer-scrubber svg[role=img]')]"
        ".map(s => s.getAttribute('aria-label'))"
    )
    assert len(labels) == 3 and all("epoch 1" in label for label in labels)
    assert f"test accuracy {format_number(run.test_acc[1])}" in labels[0]


def test_usable_at_375px_without_horizontal_scrolling(page: Any, run: TrainingRun) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.wait_for_timeout(50)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for key in ("curves", "confusion", "reliability"):
        width = page.locator(f".sl-explorer-scrubber [data-sl={key}] svg").bounding_box()["width"]
        assert width > 200, key


def test_axe_finds_no_accessibility_violations(page: Any) -> None:
    assert axe_violations(page) == []
