"""The recorded training run behind the scrubber: one entry per epoch, measured by softmax_lab."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from softmax_lab.data import load_digits
from softmax_lab.explorers.training_run import TrainingRun, record_training_run
from softmax_lab.train_numpy import fit_numpy

EPOCHS = 6


@pytest.fixture(scope="module")
def run() -> TrainingRun:
    return record_training_run(epochs=EPOCHS, seed=0)


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


def test_a_run_survives_a_json_round_trip(run: TrainingRun) -> None:
    assert TrainingRun.from_dict(json.loads(json.dumps(run.to_dict()))) == run


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
def test_a_malformed_run_is_rejected_naming_the_argument(run: TrainingRun, change: Any,
                                                         start: str) -> None:
    data = json.loads(json.dumps(run.to_dict()))
    change(data)
    with pytest.raises(ValueError) as info:
        TrainingRun.from_dict(data)
    assert str(info.value).startswith(start)


def test_a_run_must_be_a_mapping() -> None:
    with pytest.raises(TypeError, match="^run:"):
        TrainingRun.from_dict([1, 2, 3])  # type: ignore[arg-type]


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
def test_record_training_run_names_a_bad_argument(kwargs: dict, error: type, start: str) -> None:
    with pytest.raises(error) as info:
        record_training_run(**kwargs)
    assert str(info.value).startswith(start)
