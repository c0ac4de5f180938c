"""The training scrubber's kernel form: set the epoch from Python, and the readout is that epoch of
the recorded run, with the curves cut at it."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import traitlets

from softmax_lab.explorers import ScrubberExplorer, StaticExplorer, training_scrubber
from softmax_lab.explorers.scrubber import scrubber_readout
from softmax_lab.explorers.training_run import TrainingRun, record_training_run

from ._explorers import decode

EPOCHS = 4


@pytest.fixture(scope="module")
def run() -> TrainingRun:
    return record_training_run(epochs=EPOCHS, seed=0)


def test_the_scrubber_starts_at_the_last_epoch_with_whole_curves(run: TrainingRun) -> None:
    w = training_scrubber(run)
    assert isinstance(w, ScrubberExplorer) and w.epoch == EPOCHS
    r = decode(w.readout)
    assert [e for e, _ in r["curves"]["test_loss"]] == list(range(EPOCHS + 1))
    assert r["test_loss"] == run.test_loss[-1] and r["ece"] == run.ece[-1]


@pytest.mark.parametrize("epoch", [0, 2, EPOCHS])
def test_the_curves_stop_at_the_chosen_epoch_on_axes_fixed_for_the_run(run: TrainingRun,
                                                                       epoch: int) -> None:
    w = training_scrubber(run)
    w.epoch = epoch
    r = decode(w.readout)
    for name in ("train_loss", "test_loss", "train_acc", "test_acc"):
        assert r["curves"][name] == [[e, v] for e, v in
                                     zip(run.epochs[:epoch + 1], getattr(run, name)[:epoch + 1],
                                         strict=True)]
        assert r[name] == getattr(run, name)[epoch]
    assert r["loss_max"] == max(run.train_loss + run.test_loss)  # the same scale at every epoch
    assert r["epochs"] == run.epochs and r["index"] == epoch


def test_the_confusion_matrix_rows_are_shares_of_each_true_class(run: TrainingRun) -> None:
    r = scrubber_readout({"epoch": 2}, run)
    m = np.array(run.confusion[2])
    assert np.array_equal(r["confusion"], m)
    np.testing.assert_allclose(r["confusion_share"].sum(axis=1), 1.0)
    assert r["correct"] == np.trace(m) and r["total"] == m.sum() == run.settings["n_test"]
    assert r["correct"] / r["total"] == pytest.approx(run.test_acc[2], abs=1e-12)


def test_empty_reliability_bins_are_nan_and_full_ones_give_the_ece(run: TrainingRun) -> None:
    r = scrubber_readout({"epoch": 0}, run)  # W = 0: every confidence is 0.1
    filled = [b for b, c in enumerate(r["bin_count"]) if c]
    assert len(filled) == 1
    for b in set(range(10)) - set(filled):
        assert math.isnan(r["bin_accuracy"][b]) and math.isnan(r["bin_confidence"][b])
    n = r["total"]
    ece = sum(c / n * abs(a - f) for c, a, f in
              zip(r["bin_count"], r["bin_accuracy"], r["bin_confidence"], strict=True) if c)
    assert r["ece"] == pytest.approx(ece, abs=1e-12)


def test_a_json_round_tripped_run_shows_the_same(run: TrainingRun) -> None:
    again = training_scrubber(json.loads(json.dumps(run.to_dict())), epoch=1)
    assert again.readout == training_scrubber(run, epoch=1).readout


def test_an_epoch_that_was_not_recorded_is_refused_by_name(run: TrainingRun) -> None:
    w = training_scrubber(run)
    with pytest.raises(traitlets.TraitError, match="^epoch: 9 is not a recorded epoch"):
        w.epoch = 9
    assert w.epoch == EPOCHS
    with pytest.raises(ValueError, match="^epoch: 7 is not a recorded epoch"):
        training_scrubber(run, epoch=7)
    with pytest.raises(ValueError, match="^epoch:"):
        scrubber_readout({"epoch": 99}, run)


@pytest.mark.parametrize(
    ("args", "error", "start"),
    [
        (([1, 2, 3],), TypeError, "run:"),
        (({"epochs": [0]},), ValueError, "run: missing field(s)"),
        ((None, -1), ValueError, "epoch:"),
        ((None, 1.5), TypeError, "epoch:"),
    ],
)
def test_bad_arguments_are_named(run: TrainingRun, args: tuple, error: type, start: str) -> None:
    args = (run if args[0] is None else args[0], *args[1:])
    with pytest.raises(error) as info:
        training_scrubber(*args)
    assert str(info.value).startswith(start)


def test_the_book_build_gets_the_static_form_with_the_run_inside(
        run: TrainingRun, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOFTMAX_LAB_STATIC", "1")
    ex = training_scrubber(run)
    assert isinstance(ex, StaticExplorer)
    html = ex._repr_mimebundle_()["text/html"]
    assert 'data-sl-explorer="scrubber"' in html and json.dumps(run.test_loss[-1]) in html


def test_without_a_run_the_scrubber_records_the_default_one(monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    import softmax_lab.explorers.scrubber as scrubber

    small = record_training_run(epochs=2)
    monkeypatch.setattr(scrubber, "record_training_run", lambda: small)
    assert training_scrubber().data == small.to_dict()
