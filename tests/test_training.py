"""The epoch loop every trainer shares: shuffles, interruption, divergence, callbacks, checks.

Each behaviour is checked on all three trainers (NumPy SGD, torch SGD, PHM with Adam), since
each supplies its own step to the one loop in ``softmax_lab/_training.py``.
"""

from __future__ import annotations

import time
import warnings

import numpy as np
import pytest
import torch

import softmax_lab as sl
from softmax_lab import Callback, TrainingDiverged, TrainingWarning, make_toy_images
from softmax_lab._training import (
    FLOAT32_MAX,
    INIT_SCALE,
    START_LOSS_ROWS,
    _sample,
    check_learning_rate,
    epoch_order,
)

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def _fit_torch(X, y, **kwargs):
    return sl.fit_torch(X, y, device="cpu", **kwargs)


def _fit_phm(X, y, **kwargs):
    return sl.fit_phm(X, y, 1, **kwargs)  # n = 1 divides any d and q: a PHMLinear


TRAINERS = {"numpy": sl.fit_numpy, "torch": _fit_torch, "phm": _fit_phm}
trainers = pytest.mark.parametrize("fit", TRAINERS.values(), ids=TRAINERS.keys())


def _toy(n: int = 96, seed: int = 0):
    toy = make_toy_images(n, seed=seed)
    return toy.X_train, toy.y_train, toy.X_test, toy.y_test


def _weights(model) -> np.ndarray:
    return np.concatenate([np.ravel(model.W), np.ravel(model.b)])


class InterruptAfter(Callback):
    """Raises KeyboardInterrupt (what Ctrl-C raises) at the end of epoch ``k``."""

    def __init__(self, k: int) -> None:
        self.k = k
        self.ended = False

    def on_epoch_end(self, epoch, history, model):
        if epoch == self.k:
            raise KeyboardInterrupt

    def on_train_end(self, history, model):
        self.ended = True


# --- interruption -----------------------------------------------------------------------------


@trainers
def test_ctrl_c_returns_the_model_and_history_trained_so_far(fit):
    X, y, Xt, yt = _toy()
    stop = InterruptAfter(3)
    with pytest.warns(TrainingWarning, match="interrupted") as caught:
        model, history = fit(X, y, epochs=10, lr=0.5, batch_size=16, validation=(Xt, yt),
                             callbacks=[stop])
    assert len(caught) == 1
    assert history.epochs == 3 and len(history.test_acc) == 3
    assert "KeyboardInterrupt" in history.stopped and "after epoch 3 of 10" in history.stopped
    assert stop.ended  # callbacks still hear that training ended
    same, full = fit(X, y, epochs=3, lr=0.5, batch_size=16, validation=(Xt, yt))
    np.testing.assert_allclose(_weights(model), _weights(same), rtol=1e-6, atol=1e-7)
    assert history.train_loss == full.train_loss and full.stopped is None


@trainers
def test_ctrl_c_in_the_middle_of_an_epoch_returns_the_last_complete_epoch(fit, monkeypatch):
    X, y, _, _ = _toy()
    calls = {"n": 0}
    original = epoch_order

    def interrupt_in_epoch_two(n, batch_size, rng):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return original(n, batch_size, rng)

    monkeypatch.setattr("softmax_lab._training.epoch_order", interrupt_in_epoch_two)
    with pytest.warns(TrainingWarning, match="during epoch 2 of 5"):
        model, history = fit(X, y, epochs=5, lr=0.5, batch_size=16)
    assert history.epochs == 1
    monkeypatch.setattr("softmax_lab._training.epoch_order", original)
    one, _ = fit(X, y, epochs=1, lr=0.5, batch_size=16)
    np.testing.assert_allclose(_weights(model), _weights(one), rtol=1e-6, atol=1e-7)


# --- divergence -------------------------------------------------------------------------------


@trainers
def test_divergence_raises_with_the_last_finite_model_and_its_history(fit):
    X, y, _, _ = _toy(64)
    with pytest.warns(TrainingWarning), pytest.raises(
            TrainingDiverged, match="^lr: .*smaller learning rate") as info:
        fit(X * 1e18, y, epochs=5, lr=1e20, batch_size=16)
    err = info.value
    assert err.history.epochs == err.epoch - 1
    assert "diverged in epoch" in err.history.stopped
    assert np.isfinite(_weights(err.model)).all()
    assert err.suggested_lr < err.lr
    again, _ = fit(X * 1e18, y, epochs=err.epoch - 1, lr=1e20, batch_size=16)
    np.testing.assert_array_equal(_weights(err.model), _weights(again))


@trainers
def test_a_learning_rate_far_too_large_warns_in_the_first_epoch(fit):
    digits = sl.load_digits()
    with pytest.warns(TrainingWarning, match=r"^lr: the training loss grew .* by epoch 1"):
        fit(digits.X_train, digits.y_train, epochs=2, lr=1000.0, batch_size=64)


@pytest.mark.parametrize("fit", [sl.fit_numpy, _fit_torch], ids=["numpy", "torch"])
def test_unscaled_pixels_warn_and_suggest_a_learning_rate_that_trains(fit):
    digits = sl.load_digits()
    raw = digits.X_train * 255  # pixels as 0..255
    with pytest.warns(TrainingWarning, match=r"^X: features reach \|x\| = 255") as caught:
        fit(raw, digits.y_train, epochs=1, lr=0.1, batch_size=32)
    suggested = float(str(caught[0].message).split("lr <= ")[1].split()[0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the suggested rate is matched to the inputs' scale
        _, history = fit(raw, digits.y_train, epochs=5, lr=suggested, batch_size=32)
    assert np.all(np.diff(history.train_loss) < 0)


@trainers
def test_a_good_run_warns_nothing(fit):
    X, y, _, _ = _toy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _, history = fit(X, y, epochs=5, lr=0.5, batch_size=16)
    assert history.stopped is None


# --- shuffles, callbacks, configuration -------------------------------------------------------


@trainers
def test_every_epoch_sees_a_fresh_order_of_every_example(fit, monkeypatch):
    X, y, _, _ = _toy()
    orders = []

    def recording(n, batch_size, rng):
        orders.append(epoch_order(n, batch_size, rng))
        return orders[-1]

    monkeypatch.setattr("softmax_lab._training.epoch_order", recording)
    fit(X, y, epochs=3, lr=0.5, batch_size=16)
    assert len(orders) == 3
    assert all(sorted(o) == list(range(len(y))) for o in orders)
    assert not np.array_equal(orders[0], orders[1]) and not np.array_equal(orders[1], orders[2])


@pytest.mark.parametrize("fit", [_fit_torch, _fit_phm], ids=["torch", "phm"])
def test_the_torch_layer_is_fed_the_batches_of_each_epochs_order(fit, monkeypatch):
    # Fingerprint each example by its row, then watch what the layer is fed.
    X, y, _, _ = _toy(48)
    X = X + np.arange(len(X), dtype=np.float32)[:, None] * 1e-3
    seen, orders = [], []

    def recording(n, batch_size, rng):
        orders.append(epoch_order(n, batch_size, rng))
        return orders[-1]

    monkeypatch.setattr("softmax_lab._training.epoch_order", recording)
    def record(module, args, out):
        if len(args[0]) <= 16:  # a training batch, not the evaluation of all 48 rows
            seen.append(args[0].detach().clone())

    hook = torch.nn.modules.module.register_module_forward_hook(record)
    try:
        fit(X, y, epochs=2, lr=0.05, batch_size=16)
    finally:
        hook.remove()
    fed = torch.cat(seen).numpy()
    np.testing.assert_array_equal(fed, np.concatenate([X[o] for o in orders]))


@trainers
def test_callbacks_and_progress_see_every_epoch_in_order(fit, capsys):
    events = []

    class Spy(Callback):
        def on_train_begin(self, history):
            events.append(("begin", history.epochs, history.config["epochs"]))

        def on_epoch_end(self, epoch, history, model):
            events.append(("epoch", epoch, history.epochs))
            assert hasattr(model, "logits")

        def on_train_end(self, history, model):
            events.append(("end", history.epochs))

    X, y, _, _ = _toy(30)
    fit(X, y, epochs=2, callbacks=[Spy()], progress=True)
    assert events == [("begin", 0, 2), ("epoch", 1, 1), ("epoch", 2, 2), ("end", 2)]
    assert "2/2" in capsys.readouterr().err  # the progress bar counted both epochs


@trainers
def test_the_returned_model_predicts_like_the_others(fit):
    X, y, Xt, yt = _toy(120)
    model, history = fit(X, y, epochs=15, lr=0.5, batch_size=16, validation=(Xt, yt))
    p = np.asarray(model.predict_proba(Xt))
    np.testing.assert_allclose(p.sum(axis=1), 1, rtol=1e-5)
    np.testing.assert_array_equal(model.predict(Xt), p.argmax(axis=1))
    assert np.mean(model.predict(Xt) == yt) == pytest.approx(history.test_acc[-1])
    assert history.config["epochs"] == 15 and history.config["num_classes"] == 3


@trainers
@pytest.mark.parametrize(("kwargs", "error", "name"), [
    ({"seed": -1}, ValueError, "seed"),
    ({"seed": "a"}, TypeError, "seed"),
    ({"seed": 1.5}, TypeError, "seed"),
    ({"epochs": np.int64(1), "seed": np.int32(2), "batch_size": torch.tensor(4)}, None, None),
    ({"epochs": True}, TypeError, "epochs"),
    ({"lr": 1e300}, ValueError, "lr"),
    ({"lr": "big"}, TypeError, "lr"),
    ({"progress": 1}, TypeError, "progress"),
    ({"validation": (np.zeros((2, 4)), np.array([0, 3]))}, ValueError, "validation"),
    ({"validation": (np.zeros((2, 4)), np.array([0, 1, 2]))}, ValueError, "validation"),
    ({"num_classes": 2}, ValueError, "num_classes"),
    ({"num_classes": 0}, ValueError, "num_classes"),
    ({"num_classes": "3"}, TypeError, "num_classes"),
    ({"validation": (np.zeros((2, 4)),)}, TypeError, "validation"),
    ({"validation": [np.zeros((2, 4)), np.array([0, 1]), None]}, TypeError, "validation"),
    ({"callbacks": [print]}, TypeError, "callbacks"),
    ({"batch_size": 1}, None, None),  # one example a step is plain SGD
])
def test_bad_arguments_raise_errors_that_name_them(fit, kwargs, error, name):
    X, y, _, _ = _toy(12)
    if error is None:  # NumPy and torch integers are ints
        fit(X, y, **kwargs)
        return
    with pytest.raises(error, match=f"^{name}:"):
        fit(X, y, **kwargs)


def test_validation_labels_beyond_the_training_labels_are_an_error_not_more_classes():
    X, y, Xt, _ = _toy(30)
    with pytest.raises(ValueError, match=r"^validation: labels go up to 12.*pass num_classes=13 "
                       r"if the training set just lacks those classes"):
        sl.fit_numpy(X, y, validation=(Xt[:2], np.array([0, 12])))
    _, history = sl.fit_numpy(X, y, epochs=1, num_classes=13,
                              validation=(Xt[:2], np.array([0, 12])))
    assert history.config["num_classes"] == 13


def _config(trainer: str, n: int) -> dict:
    common = {"num_examples": n, "num_features": 4, "num_classes": 3}
    if trainer == "phm":
        return {"trainer": "phm", "n": 1, "epochs": 30, "lr": 0.05, "optimizer": "adam",
                "batch_size": 128, "seed": 0, "num_parameters": 1 + 12 + 3, **common}
    sgd = {"trainer": trainer, "epochs": 10, "lr": 0.1, "batch_size": 256, "seed": 0,
           "weight_decay": 0.0, **common}
    return {**sgd, "device": "cpu"} if trainer == "torch" else sgd


@pytest.mark.parametrize("trainer", TRAINERS)
def test_the_defaults_are_the_documented_ones_and_recorded_in_the_history(trainer, capsys):
    X, y, _, _ = _toy(40)
    model, history = TRAINERS[trainer](X, y)
    assert history.config == _config(trainer, len(y))
    assert history.epochs == history.config["epochs"] and history.stopped is None
    assert capsys.readouterr().err == ""  # no progress bar unless asked for
    if trainer != "numpy":
        assert model.device == torch.device("cpu")


def test_a_dense_layer_is_recorded_as_such():
    X, y, _, _ = _toy(40)
    _, history = sl.fit_phm(X, y, None, epochs=1)
    assert history.config["trainer"] == "dense" and history.config["n"] is None
    assert history.config["num_parameters"] == 4 * 3 + 3


def test_fit_phm_without_torch_says_how_to_install_it(monkeypatch):
    from softmax_lab import phm_torch

    monkeypatch.setattr(phm_torch, "torch", None)
    X, y, _, _ = _toy(12)
    with pytest.raises(ImportError, match=r"^fit_phm needs torch: pip install 'softmax_lab\["):
        sl.fit_phm(X, y, 1)


@pytest.mark.parametrize("fit", [sl.fit_numpy, _fit_torch], ids=["numpy", "torch"])
def test_suggestions_account_for_weight_decay(fit):
    from softmax_lab.divergence import _round_down

    digits = sl.load_digits()
    raw = digits.X_train * 16  # pixels 0..16: 1/L = 6.8e-4, so a decay of 200 adds 14 %
    with pytest.warns(TrainingWarning) as caught:
        fit(raw, digits.y_train, epochs=1, lr=0.1, weight_decay=200.0)
    expected = _round_down(sl.safe_learning_rate(raw, 200.0))
    assert f"use lr <= {expected:g} " in str(caught[0].message)
    assert expected != _round_down(sl.safe_learning_rate(raw))


def test_divergence_is_reported_without_numpy_overflow_warnings():
    X, y, _, _ = _toy(64)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", TrainingWarning)
        with pytest.raises(TrainingDiverged):
            sl.fit_numpy(X * 1e18, y, epochs=5, lr=1e20, batch_size=16)


def test_the_numpy_trainer_works_in_float32_throughout():
    from softmax_lab.train_numpy import _Buffers

    buffers = _Buffers(8, 5, 3)
    dtypes = {a.dtype for a in (buffers.xb, buffers.o, buffers.gt, buffers.dWt)}
    assert dtypes == {np.dtype(np.float32)}
    model, _ = sl.fit_numpy(*_toy(30)[:2], epochs=1)
    assert model.W.dtype == model.b.dtype == np.float32


class InterruptAtStart(Callback):
    def on_train_begin(self, history):
        raise KeyboardInterrupt


@trainers
def test_ctrl_c_before_the_first_epoch_returns_the_initial_model(fit):
    X, y, _, _ = _toy(24)
    with pytest.warns(TrainingWarning, match="^training interrupted"):
        model, history = fit(X, y, epochs=3, callbacks=[InterruptAtStart()])
    assert history.epochs == 0
    assert history.stopped == ("interrupted (KeyboardInterrupt) before the first epoch; the "
                               "model is the initial one")
    initial, _ = fit(X, y, epochs=0)
    np.testing.assert_array_equal(_weights(model), _weights(initial))


def test_what_history_stopped_says_after_an_interrupt_and_a_divergence():
    X, y, _, _ = _toy(64)
    with pytest.warns(TrainingWarning):
        _, history = sl.fit_numpy(X, y, epochs=4, callbacks=[InterruptAfter(2)])
    assert history.stopped == ("interrupted (KeyboardInterrupt) after epoch 2 of 4; the model "
                               "is the one after epoch 2")
    with pytest.warns(TrainingWarning), pytest.raises(TrainingDiverged) as info:
        sl.fit_numpy(X * 1e18, y, epochs=5, lr=1e20, batch_size=16)
    err = info.value
    assert err.history.stopped == (f"diverged in epoch {err.epoch} (the loss became {err.loss}); "
                                   f"the model is the one after epoch {err.epoch - 1}")
    from softmax_lab.divergence import _round_down

    assert err.suggested_lr == _round_down(sl.safe_learning_rate(X * 1e18))


# --- the data a trainer is given -----------------------------------------------------------


def test_integer_features_train_like_float_ones():
    X, y, _, _ = _toy(60)
    pixels = np.round(X * 4).astype(np.int64)
    a, _ = sl.fit_numpy(pixels, y, epochs=2, lr=0.1)
    b, _ = sl.fit_numpy(pixels.astype(np.float32), y, epochs=2, lr=0.1)
    np.testing.assert_array_equal(a.W, b.W)


def test_rows_without_features_are_rejected_by_name():
    with pytest.raises(ValueError, match=r"^X: needs at least one feature"):
        sl.fit_numpy(np.zeros((4, 0)), np.array([0, 1, 0, 1]), epochs=1)


def test_finite_features_whose_sum_overflows_are_accepted():
    from softmax_lab._training import check_features

    X = np.full((2, 2), 3e38, dtype=np.float32)  # finite, but X.sum() is inf in float32
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(check_features(X, "X"), X)
        with pytest.raises(ValueError, match="^X: must be finite"):
            check_features(np.array([[np.inf, -np.inf]]), "X")  # inf - inf: no NumPy warning


def test_an_initial_bias_that_is_no_array_is_named():
    X, y, _, _ = _toy(30)
    W = np.zeros((X.shape[1], 2), np.float32)
    with pytest.raises(TypeError, match="^init:"):
        sl.fit_numpy(X, y, epochs=1, init=(W, object()))


def test_callbacks_hear_the_end_with_the_trained_model():
    seen = []

    class Spy(Callback):
        def on_train_end(self, history, model):
            seen.append(model)

    X, y, _, _ = _toy(30)
    model, _ = sl.fit_numpy(X, y, epochs=1, callbacks=[Spy()])
    assert seen == [model]


@trainers
def test_features_must_be_a_real_array_with_at_least_one_example(fit):
    with pytest.raises(TypeError, match="^X: expected a NumPy array"):
        fit("pixels", [0, 1])
    with pytest.raises(TypeError, match="^X: expected real numbers, got dtype complex128"):
        fit(np.ones((2, 3), dtype=complex), [0, 1])
    with pytest.raises(ValueError, match="^X: needs at least one example"):
        fit(np.zeros((0, 3)), np.zeros(0, dtype=int))


@trainers
def test_labels_of_one_class_still_make_a_two_class_model_unless_told(fit):
    X, _, _, _ = _toy(12)
    zeros = np.zeros(len(X), dtype=int)
    _, history = fit(X, zeros, epochs=1)
    assert history.config["num_classes"] == 2  # softmax over one class is always 1
    _, history = fit(X, zeros, epochs=1, num_classes=1)
    assert history.config["num_classes"] == 1


@pytest.mark.parametrize("fit", [sl.fit_numpy, _fit_torch], ids=["numpy", "torch"])
def test_an_initial_model_is_taken_as_float32_and_checked_by_name(fit):
    X, y, _, _ = _toy(12)
    W, b = np.full((4, 3), 0.5), np.arange(3.0)  # float64
    model, _ = fit(X, y, epochs=0, init=(W, b))
    for got, want in ((model.W, W), (model.b, b)):
        got = got.detach().numpy() if isinstance(got, torch.Tensor) else got
        assert got.dtype == np.float32
        np.testing.assert_array_equal(got, want)
    with pytest.raises(TypeError, match="^init: expected a pair"):
        fit(X, y, init=(W,))
    with pytest.raises(TypeError, match="^init: expected a NumPy array"):
        fit(X, y, init=("W", b))


def test_the_starting_weights_are_small_and_the_biases_zero():
    X, y, _, _ = _toy(12)
    model, _ = sl.fit_numpy(X, y, epochs=0)
    std = float(np.std(model.W))
    assert 0.5 * INIT_SCALE < std < 2 * INIT_SCALE and np.abs(model.W).max() < 6 * INIT_SCALE
    np.testing.assert_array_equal(model.b, 0)


def test_the_start_loss_is_measured_on_every_row_or_an_even_sample_of_4096():
    X = np.arange(10_000, dtype=np.float32)[:, None]
    y = np.zeros(10_000, dtype=np.int64)
    Xs, ys = _sample(X[:START_LOSS_ROWS], y[:START_LOSS_ROWS])
    np.testing.assert_array_equal(Xs, X[:START_LOSS_ROWS])
    Xs, ys = _sample(X, y)
    np.testing.assert_array_equal(Xs, X[::2])
    assert len(ys) == 5000


def test_the_largest_learning_rate_is_float32s_largest_number():
    assert check_learning_rate(float(FLOAT32_MAX)) == float(FLOAT32_MAX)
    with pytest.raises(ValueError, match="^lr: .* does not fit in float32"):
        check_learning_rate(float(FLOAT32_MAX) * 1.001)


def test_the_progress_bar_comes_before_the_callbacks_so_it_shows_an_interrupted_epoch(capsys):
    X, y, _, _ = _toy(30)
    with pytest.warns(TrainingWarning, match="interrupted"):
        sl.fit_numpy(X, y, epochs=3, callbacks=[InterruptAfter(1)], progress=True)
    assert "1/3" in capsys.readouterr().err


def test_each_epoch_s_seconds_are_its_own_wall_time():
    X, y, _, _ = _toy(60)
    start = time.perf_counter()
    _, history = sl.fit_numpy(X, y, epochs=3)
    elapsed = time.perf_counter() - start
    assert all(0 < t <= elapsed for t in history.seconds)
