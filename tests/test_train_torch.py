"""The torch trainer: same curve as the NumPy one, learns, and picks its device."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from softmax_lab import (  # noqa: E402
    TrainingDiverged,
    TrainingWarning,
    cross_entropy_loss,
    fit_numpy,
    fit_torch,
    load_digits,
    make_toy_images,
)

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def test_numpy_and_torch_trainers_give_the_same_loss_curve():
    digits = load_digits()
    kwargs = {"epochs": 4, "lr": 0.5, "batch_size": 32, "seed": 3,
              "validation": (digits.X_test, digits.y_test)}
    np_model, np_hist = fit_numpy(digits.X_train, digits.y_train, **kwargs)
    t_model, t_hist = fit_torch(digits.X_train, digits.y_train, device="cpu", **kwargs)
    np.testing.assert_allclose(t_hist.train_loss, np_hist.train_loss, atol=1e-5)
    np.testing.assert_allclose(t_hist.test_loss, np_hist.test_loss, atol=1e-5)
    np.testing.assert_allclose(t_model.W, np_model.W, atol=1e-5)


def test_both_trainers_agree_from_given_weights_with_weight_decay():
    toy = make_toy_images(200, seed=1)
    rng = np.random.default_rng(9)
    init = (rng.normal(size=(4, 3)).astype(np.float32), rng.normal(size=3).astype(np.float32))
    kwargs = {"epochs": 5, "lr": 0.3, "batch_size": 16, "init": init, "weight_decay": 0.05}
    _, a = fit_numpy(toy.X_train, toy.y_train, **kwargs)
    _, b = fit_torch(toy.X_train, toy.y_train, device="cpu", **kwargs)
    np.testing.assert_allclose(b.train_loss, a.train_loss, atol=1e-5)
    assert a.train_acc == b.train_acc


@pytest.mark.parametrize("weight_decay", [0.0, 0.2])
def test_three_epochs_equal_plain_sgd_written_with_the_library(weight_decay):
    from .test_train_numpy import plain_sgd

    toy = make_toy_images(100, seed=2)
    settings = {"epochs": 3, "lr": 0.3, "batch_size": 16, "seed": 5,
                "weight_decay": weight_decay}
    model, history = fit_torch(toy.X_train, toy.y_train, device="cpu", **settings)
    W, b, losses, accs = plain_sgd(toy.X_train, toy.y_train, **settings)
    np.testing.assert_allclose(model.W, W, atol=1e-5)
    np.testing.assert_allclose(model.b, b, atol=1e-5)
    np.testing.assert_allclose(history.train_loss, losses, rtol=1e-5)
    np.testing.assert_allclose(history.train_acc, accs)


def test_torch_loss_is_the_library_cross_entropy():
    rng = np.random.default_rng(0)
    logits = torch.from_numpy(rng.normal(scale=5, size=(50, 7)))
    labels = torch.from_numpy(rng.integers(0, 7, 50))
    fused = torch.nn.functional.cross_entropy(logits, labels)
    torch.testing.assert_close(fused, cross_entropy_loss(logits, labels))


def test_torch_reaches_99_percent_training_accuracy_on_a_separable_toy_set():
    toy = make_toy_images(600, seed=0, noise=0.05)
    _, history = fit_torch(toy.X_train, toy.y_train, epochs=40, lr=1.0, batch_size=32,
                           device="cpu")
    assert history.train_acc[-1] >= 0.99


def test_torch_digits_test_accuracy_reaches_95_percent_with_the_book_recipe():
    digits = load_digits()
    model, history = fit_torch(digits.X_train, digits.y_train, device="cpu",
                               validation=(digits.X_test, digits.y_test), **digits.recipe)
    assert history.test_acc[-1] >= 0.95
    assert np.mean(model.predict(digits.X_test) == digits.y_test) == history.test_acc[-1]
    assert history.config["trainer"] == "torch" and history.config["device"] == "cpu"


def test_model_predicts_from_numpy_and_from_tensors():
    toy = make_toy_images(150)
    model, _ = fit_torch(toy.X_train, toy.y_train, epochs=5, lr=0.5, device="cpu")
    p = model.predict_proba(toy.X_test)
    assert isinstance(p, np.ndarray)
    np.testing.assert_allclose(p.sum(axis=1), 1, rtol=1e-5)
    pt = model.predict_proba(torch.from_numpy(toy.X_test))
    assert isinstance(pt, torch.Tensor)
    np.testing.assert_allclose(pt.numpy(), p, rtol=1e-6)
    np.testing.assert_array_equal(model.predict(toy.X_test), p.argmax(axis=1))
    np.testing.assert_allclose(model.to_numpy().predict_proba(toy.X_test), p, rtol=1e-5)
    with pytest.raises(ValueError, match="^X:"):
        model.predict(np.zeros((2, 5)))


def test_auto_device_is_the_cpu_without_cuda(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    model, history = fit_torch(*_toy(), epochs=1, device="auto")
    assert model.device.type == "cpu" and history.config["device"] == "cpu"


def test_the_default_device_is_auto(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    model, history = fit_torch(*_toy(), epochs=1)
    assert model.device.type == "cpu" and history.config["device"] == "cpu"


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_auto_device_uses_cuda_when_available():
    model, _ = fit_torch(*_toy(), epochs=1, device="auto")
    assert model.device.type == "cuda"


def test_diverging_training_stops_with_a_hint_to_lower_the_learning_rate():
    X, y = _toy()
    with pytest.warns(TrainingWarning, match="^X: features reach"), \
            pytest.raises(TrainingDiverged, match="^lr: .*smaller learning rate"):
        fit_torch(X * 1e18, y, epochs=3, lr=1e20, device="cpu")


def test_bad_arguments_raise_errors_that_name_them():
    X, y = _toy()
    with pytest.raises(ValueError, match="^lr:"):
        fit_torch(X, y, lr=-1.0, device="cpu")
    with pytest.raises(TypeError, match="^device:"):
        fit_torch(X, y, device=3)


def _toy():
    toy = make_toy_images(60)
    return toy.X_train, toy.y_train


def test_the_layer_is_float32_whatever_torch_s_default_dtype():
    before = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        model, _ = fit_torch(*_toy(), epochs=1, device="cpu")
    finally:
        torch.set_default_dtype(before)
    assert model.net.weight.dtype == torch.float32 and model.W.dtype == np.float32


def test_the_model_says_what_it_is():
    model, _ = fit_torch(*_toy(), epochs=0, device="cpu")
    assert repr(model) == "TorchSoftmaxRegression(Linear, d=4, q=3, device=cpu)"
