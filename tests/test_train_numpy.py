"""The NumPy trainer: its fused step equals the library's math, and it learns."""

from __future__ import annotations

import numpy as np
import pytest

from softmax_lab import (
    Callback,
    TrainingDiverged,
    TrainingWarning,
    accuracy,
    cross_entropy_loss,
    cross_entropy_loss_grad,
    fit_numpy,
    load_digits,
    make_toy_images,
    softmax,
)
from softmax_lab._training import epoch_order, initial_parameters
from softmax_lab.train_numpy import _softmax_cross_entropy_grad_t


@pytest.mark.parametrize("scale", [1.0, 30.0, 1000.0])
def test_fused_step_equals_library_loss_and_gradient(scale):
    rng = np.random.default_rng(1)
    m, q = 37, 10
    logits = (scale * rng.standard_normal((m, q))).astype(np.float32)
    labels = rng.integers(0, q, m)
    gt = np.ascontiguousarray(logits.T)
    loss = _softmax_cross_entropy_grad_t(gt, labels, np.arange(m))
    expected_grad = cross_entropy_loss_grad(logits.astype(np.float64), labels)  # (softmax − y)/m
    np.testing.assert_allclose(gt.T, expected_grad, atol=2e-6)
    expected_loss = float(cross_entropy_loss(logits.astype(np.float64), labels, reduction="sum"))
    assert loss == pytest.approx(expected_loss, rel=1e-5, abs=1e-3)


def plain_sgd(X, y, *, epochs, lr, batch_size, seed, weight_decay=0.0):
    """The trainers' run spelled out with softmax_lab's gradient and no tricks: a fresh
    shuffle every epoch, the weights (not the bias) decayed. Returns W, b and the history."""
    rng = np.random.default_rng(seed)
    W, b = (a.astype(np.float64) for a in initial_parameters(X.shape[1], 3, rng, None))
    loss_curve, acc_curve = [], []
    for _ in range(epochs):
        order, losses, hits = epoch_order(len(y), batch_size, rng), [], 0
        for start in range(0, len(y), batch_size):
            idx = order[start:start + batch_size]
            o = X[idx] @ W + b
            losses.append(float(cross_entropy_loss(o, y[idx], reduction="sum")))
            hits += accuracy(o, y[idx]) * len(idx)
            G = cross_entropy_loss_grad(o, y[idx])          # (softmax(O) − Y) / m
            W, b = W - lr * (X[idx].T @ G + weight_decay * W), b - lr * G.sum(axis=0)
        loss_curve.append(sum(losses) / len(y))
        acc_curve.append(hits / len(y))
    return W, b, loss_curve, acc_curve


@pytest.mark.parametrize("weight_decay", [0.0, 0.2])
def test_three_epochs_equal_plain_sgd_written_with_the_library(weight_decay):
    toy = make_toy_images(100, seed=2)
    X, y = toy.X_train, toy.y_train
    settings = {"epochs": 3, "lr": 0.3, "batch_size": 16, "seed": 5,
                "weight_decay": weight_decay}
    model, history = fit_numpy(X, y, **settings)
    W, b, losses, accs = plain_sgd(X, y, **settings)
    np.testing.assert_allclose(model.W, W, atol=1e-5)
    np.testing.assert_allclose(model.b, b, atol=1e-5)
    np.testing.assert_allclose(history.train_loss, losses, rtol=1e-5)
    np.testing.assert_allclose(history.train_acc, accs)


def test_each_epoch_reshuffles_and_batches_cover_every_example_once():
    rng = np.random.default_rng(0)
    first, second = epoch_order(1000, 64, rng), epoch_order(1000, 64, rng)
    assert sorted(first) == list(range(1000)) and not np.array_equal(first, second)
    assert all(np.all(np.diff(first[s:s + 64]) > 0) for s in range(0, 1000, 64))


def test_reaches_99_percent_training_accuracy_on_a_separable_toy_set():
    toy = make_toy_images(600, seed=0, noise=0.05)
    _, history = fit_numpy(toy.X_train, toy.y_train, epochs=40, lr=1.0, batch_size=32)
    assert history.train_acc[-1] >= 0.99


def test_loss_falls_over_training():
    toy = make_toy_images(600, seed=1)
    _, history = fit_numpy(toy.X_train, toy.y_train, epochs=20, lr=0.5, batch_size=32)
    loss = np.array(history.train_loss)
    assert loss[0] > loss[-1]
    assert loss[:10].mean() > loss[10:].mean()
    assert np.all(np.diff(loss[::5]) < 0)  # falls in expectation: a trend, not every epoch


def test_digits_test_accuracy_reaches_95_percent_with_the_book_recipe():
    digits = load_digits()
    model, history = fit_numpy(digits.X_train, digits.y_train,
                               validation=(digits.X_test, digits.y_test), **digits.recipe)
    assert history.test_acc[-1] >= 0.95
    assert np.mean(model.predict(digits.X_test) == digits.y_test) == history.test_acc[-1]


def test_same_seed_same_run_and_other_seed_other_run():
    toy = make_toy_images(200)
    a = fit_numpy(toy.X_train, toy.y_train, epochs=3, seed=4)[0]
    b = fit_numpy(toy.X_train, toy.y_train, epochs=3, seed=4)[0]
    c = fit_numpy(toy.X_train, toy.y_train, epochs=3, seed=5)[0]
    np.testing.assert_array_equal(a.W, b.W)
    assert not np.array_equal(a.W, c.W)


def test_history_holds_one_entry_per_epoch():
    toy = make_toy_images(90)
    _, h = fit_numpy(toy.X_train, toy.y_train, epochs=4, validation=(toy.X_test, toy.y_test))
    for series in (h.train_loss, h.train_acc, h.test_loss, h.test_acc, h.seconds):
        assert len(series) == 4
    _, h = fit_numpy(toy.X_train, toy.y_train, epochs=2)
    assert h.test_loss == [] and h.test_acc == [] and not h.has_test
    assert h.config["trainer"] == "numpy" and h.config["lr"] == 0.1


def test_diverging_training_stops_with_a_hint_to_lower_the_learning_rate():
    toy = make_toy_images(64)
    X = toy.X_train * 1e18
    with pytest.warns(TrainingWarning, match="^X: features reach"), \
            pytest.raises(TrainingDiverged, match="^lr: .*smaller learning rate"):
        fit_numpy(X, toy.y_train, epochs=5, lr=1e20)


def test_weight_decay_shrinks_the_weights():
    toy = make_toy_images(300)
    plain = fit_numpy(toy.X_train, toy.y_train, epochs=10, lr=0.5)[0]
    decayed = fit_numpy(toy.X_train, toy.y_train, epochs=10, lr=0.5, weight_decay=0.1)[0]
    assert np.linalg.norm(decayed.W) < 0.8 * np.linalg.norm(plain.W)


def test_zero_epochs_returns_the_initial_model():
    toy = make_toy_images(30)
    init = (np.ones((4, 3), np.float32), np.arange(3, dtype=np.float32))
    model, history = fit_numpy(toy.X_train, toy.y_train, epochs=0, init=init)
    np.testing.assert_array_equal(model.W, init[0])
    np.testing.assert_array_equal(model.b, init[1])
    assert history.epochs == 0


def test_model_predicts_probabilities_and_classes():
    toy = make_toy_images(300)
    model, _ = fit_numpy(toy.X_train, toy.y_train, epochs=10, lr=0.5)
    p = model.predict_proba(toy.X_test)
    np.testing.assert_allclose(p.sum(axis=1), 1, rtol=1e-5)
    np.testing.assert_allclose(p, softmax(toy.X_test @ model.W + model.b), rtol=1e-6)
    np.testing.assert_array_equal(model.predict(toy.X_test), p.argmax(axis=1))


def test_callbacks_see_every_epoch_in_order():
    events = []

    class Spy(Callback):
        def on_train_begin(self, history):
            events.append(("begin", history.epochs))

        def on_epoch_end(self, epoch, history, model):
            events.append(("epoch", epoch, history.epochs))

        def on_train_end(self, history, model):
            events.append(("end", history.epochs))

    toy = make_toy_images(30)
    fit_numpy(toy.X_train, toy.y_train, epochs=2, callbacks=[Spy()])
    assert events == [("begin", 0), ("epoch", 1, 1), ("epoch", 2, 2), ("end", 2)]


@pytest.mark.parametrize(("kwargs", "error", "name"), [
    ({"lr": 0.0}, ValueError, "lr"),
    ({"lr": float("nan")}, ValueError, "lr"),
    ({"batch_size": 0}, ValueError, "batch_size"),
    ({"epochs": -1}, ValueError, "epochs"),
    ({"epochs": 1.5}, TypeError, "epochs"),
    ({"weight_decay": -0.1}, ValueError, "weight_decay"),
    ({"validation": ([[0.0]], [0])}, ValueError, "validation"),
    ({"num_classes": 2}, ValueError, "num_classes"),
    ({"init": (np.zeros((3, 3)), np.zeros(3))}, ValueError, "init"),
    ({"callbacks": [print]}, TypeError, "callbacks"),
])
def test_bad_arguments_raise_errors_that_name_them(kwargs, error, name):
    toy = make_toy_images(12)
    with pytest.raises(error, match=f"^{name}:"):
        fit_numpy(toy.X_train, toy.y_train, **kwargs)


def test_bad_data_raise_errors_that_name_them():
    with pytest.raises(ValueError, match="^X:"):
        fit_numpy(np.zeros(5), np.zeros(5, dtype=int))
    with pytest.raises(ValueError, match="^y:"):
        fit_numpy(np.zeros((5, 2)), np.zeros(4, dtype=int))
    with pytest.raises(ValueError, match="^X: must be finite"):
        fit_numpy(np.full((5, 2), np.nan), np.zeros(5, dtype=int))
    with pytest.raises(ValueError, match="^y: class labels must be >= 0"):
        fit_numpy(np.zeros((2, 2)), np.array([0, -1]))
    with pytest.raises(TypeError, match="^y: expected a NumPy array"):
        fit_numpy(np.zeros((2, 2)), "ab")
    with pytest.raises(TypeError, match="^validation: expected a NumPy array"):
        fit_numpy(np.zeros((2, 2)), [0, 1], validation=(np.zeros((2, 2)), "ab"))
