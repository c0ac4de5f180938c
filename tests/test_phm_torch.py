"""The torch PHM layer (it matches the array-API math) and its trainer fit_phm."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from softmax_lab import PHMLinear, fit_phm, phm_forward, phm_parameter_count

from .test_phm import SHAPES


@pytest.mark.parametrize(("d", "q", "n"), SHAPES)
@pytest.mark.parametrize("bias", [True, False])
def test_parameter_count_matches_formula_and_module(d: int, q: int, n: int, bias: bool) -> None:
    layer = PHMLinear(d, q, n, bias=bias)
    counted = sum(p.numel() for p in layer.parameters())
    assert phm_parameter_count(d, q, n, bias=bias) == n**3 + d * q // n + (q if bias else 0)
    assert counted == phm_parameter_count(d, q, n, bias=bias)


@pytest.mark.parametrize(("d", "q", "n"), SHAPES)
def test_module_matches_numpy_forward(d: int, q: int, n: int) -> None:
    torch.manual_seed(0)
    layer = PHMLinear(d, q, n).double()
    x = torch.randn(6, d, dtype=torch.float64)
    out = layer(x).detach().numpy()
    expected = phm_forward(
        x.numpy(), layer.A.detach().numpy(), layer.S.detach().numpy(), layer.bias.detach().numpy()
    )
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(
        layer.weight.detach().numpy(),
        sum(np.kron(layer.A[i].detach().numpy(), layer.S[i].detach().numpy()) for i in range(n)),
        rtol=1e-12,
        atol=1e-12,
    )


def test_module_is_linear_without_bias() -> None:
    torch.manual_seed(1)
    layer = PHMLinear(8, 4, 2, bias=False).double()
    x, y = torch.randn(3, 8, dtype=torch.float64), torch.randn(3, 8, dtype=torch.float64)
    torch.testing.assert_close(layer(x + y), layer(x) + layer(y))
    torch.testing.assert_close(layer(-2.5 * x), -2.5 * layer(x))


def test_n_equal_one_is_a_dense_layer() -> None:
    torch.manual_seed(2)
    layer = PHMLinear(64, 10, 1).double()
    dense = torch.nn.Linear(64, 10).double()
    with torch.no_grad():
        layer.A.fill_(1.0)
        layer.S.copy_(dense.weight[None])
        layer.bias.copy_(dense.bias)
    x = torch.randn(4, 64, dtype=torch.float64)
    torch.testing.assert_close(layer(x), dense(x))
    torch.testing.assert_close(layer.weight, dense.weight)


def test_gradients_reach_both_factors() -> None:
    torch.manual_seed(3)
    layer = PHMLinear(8, 4, 2)
    layer(torch.randn(5, 8)).sum().backward()
    assert layer.A.grad is not None and layer.A.grad.abs().sum() > 0
    assert layer.S.grad is not None and layer.S.grad.abs().sum() > 0


def test_initial_weight_scale_matches_nn_linear() -> None:
    # Both draw weights with variance 1/(3d); compare sample variances over many entries.
    torch.manual_seed(4)
    phm = PHMLinear(400, 100, 4).weight.detach().var().item()
    dense = torch.nn.Linear(400, 100).weight.detach().var().item()
    assert phm == pytest.approx(dense, rel=0.25)


def _toy_six_features(n: int = 150):
    from softmax_lab import make_toy_images

    toy = make_toy_images(n, seed=0)
    # d = 6 and q = 3, so n = 3 divides both.
    X = np.hstack([toy.X_train, toy.X_train[:, :2]])
    X_test = np.hstack([toy.X_test, toy.X_test[:, :2]])
    return X, toy.y_train, X_test, toy.y_test


def test_fit_phm_learns_the_toy_images() -> None:
    X, y, X_test, y_test = _toy_six_features()
    model, history = fit_phm(X, y, 3, epochs=15, lr=0.05, batch_size=16,
                             validation=(X_test, y_test))
    assert isinstance(model.net, PHMLinear) and model.net.n == 3
    assert history.train_loss[-1] < history.train_loss[0]
    assert history.test_acc[-1] > 0.9
    assert history.config["num_parameters"] == phm_parameter_count(6, 3, 3)


def test_fit_phm_with_n_none_trains_a_dense_layer() -> None:
    X, y, _, _ = _toy_six_features()
    model, history = fit_phm(X, y, None, epochs=2)
    assert type(model.net) is torch.nn.Linear
    assert history.epochs == 2 and not history.has_test


def test_fit_phm_is_reproducible_and_leaves_torch_state_alone() -> None:
    X, y, _, _ = _toy_six_features()
    threads = torch.get_num_threads()
    torch.manual_seed(123)
    before = torch.rand(1)
    torch.manual_seed(123)
    a, ha = fit_phm(X, y, 3, epochs=3, seed=5)
    b, hb = fit_phm(X, y, 3, epochs=3, seed=5)
    after = torch.rand(1)
    assert ha.train_loss == hb.train_loss
    torch.testing.assert_close(a.net.weight, b.net.weight)
    assert torch.get_num_threads() == threads
    assert torch.equal(before, after)       # the global generator was not consumed


def test_fit_phm_rejects_n_that_does_not_divide() -> None:
    X, y, _, _ = _toy_six_features()
    with pytest.raises(ValueError, match=r"^n: must divide both d=6 and q=3"):
        fit_phm(X, y, 2)



def test_fit_phm_returns_a_model_that_acts_like_its_layer() -> None:
    # The chapter counts `sum(p.numel() for p in layer.parameters())` and calls `layer(X)`.
    X, y, X_test, _ = _toy_six_features()
    model, history = fit_phm(X, y, 3, epochs=2)
    assert sum(p.numel() for p in model.parameters()) == phm_parameter_count(6, 3, 3)
    assert model.num_parameters == history.config["num_parameters"]
    x = torch.from_numpy(X_test)
    torch.testing.assert_close(model(x), model.net(x))
    np.testing.assert_allclose(model.logits(X_test), model.net(x).detach().numpy(), rtol=1e-6)


def test_fit_phm_fills_its_config_before_the_first_epoch() -> None:
    from softmax_lab import Callback

    seen = {}

    class Spy(Callback):
        def on_train_begin(self, history):
            seen.update(history.config)

    X, y, _, _ = _toy_six_features()
    fit_phm(X, y, 3, epochs=1, callbacks=[Spy()])
    assert seen["trainer"] == "phm" and seen["n"] == 3 and seen["optimizer"] == "adam"
    assert seen["num_parameters"] == phm_parameter_count(6, 3, 3)
