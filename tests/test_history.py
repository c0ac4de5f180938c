"""History: the per-epoch record both trainers fill."""

from __future__ import annotations

import json

import pytest

from softmax_lab import History, TrainingDiverged, fit_numpy, make_toy_images


def test_history_survives_a_json_round_trip():
    toy = make_toy_images(60)
    _, h = fit_numpy(toy.X_train, toy.y_train, epochs=3, validation=(toy.X_test, toy.y_test))
    back = History.from_dict(json.loads(json.dumps(h.as_dict())))
    assert back == h and back.epochs == 3 and back.has_test


def test_history_repr_reports_the_last_epoch():
    h = History()
    assert repr(h) == "History(0 epochs)"
    h.record(train_loss=0.25, train_acc=0.9, seconds=0.1, test_loss=0.5, test_acc=0.8)
    assert repr(h) == ("History(1 epochs; last: train loss 0.2500, train acc 0.9000, "
                       "test loss 0.5000, test acc 0.8000)")


def test_divergence_error_is_a_value_error_about_lr():
    err = TrainingDiverged(lr=10.0, epoch=2, loss=float("nan"))
    assert isinstance(err, ValueError)
    assert str(err).startswith("lr: training diverged in epoch 2") and "lr=1" in str(err)


def test_why_training_stopped_survives_the_round_trip_and_the_repr():
    h = History(stopped="interrupted (KeyboardInterrupt) after epoch 1 of 5")
    h.record(train_loss=0.5, train_acc=0.5, seconds=0.1)
    back = History.from_dict(json.loads(json.dumps(h.as_dict())))
    assert back == h and back.stopped == h.stopped
    assert repr(h).endswith("; stopped: interrupted (KeyboardInterrupt) after epoch 1 of 5)")
    assert History.from_dict({}).stopped is None


def test_divergence_error_keeps_what_was_trained_and_suggests_a_rate():
    h = History()
    err = TrainingDiverged(lr=5.0, epoch=1, loss=float("inf"), suggested_lr=0.17, model="m",
                           history=h)
    assert err.model == "m" and err.history is h and err.suggested_lr == 0.17
    assert "e.g. lr=0.17" in str(err) and ".model and .history" in str(err)
    assert str(TrainingDiverged(lr=5.0, epoch=1, loss=float("nan"))).endswith("e.g. lr=0.5")


def test_from_dict_rejects_other_types():
    with pytest.raises(TypeError, match="^d:"):
        History.from_dict([1, 2])
