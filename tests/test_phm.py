"""PHM math: W = Σ_i A_i ⊗ S_i is a linear map with n³ + dq/n (+ q) parameters."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from softmax_lab import (
    PHMLinear,
    dense_parameter_count,
    phm_forward,
    phm_parameter_count,
    phm_weight,
)

# (d, q, n) with n dividing both d and q.
SHAPES = [(4, 2, 1), (8, 4, 2), (8, 4, 4), (80, 10, 5), (64, 16, 8), (6, 9, 3)]


def _factors(d: int, q: int, n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, n, n)), rng.normal(size=(n, q // n, d // n))


@pytest.mark.parametrize(("d", "q", "n"), SHAPES)
def test_weight_equals_sum_of_kronecker_products(d: int, q: int, n: int) -> None:
    A, S = _factors(d, q, n)
    expected = sum(np.kron(A[i], S[i]) for i in range(n))
    W = phm_weight(A, S)
    assert W.shape == (q, d)
    np.testing.assert_allclose(W, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(("d", "q", "n"), SHAPES)
def test_torch_weight_equals_numpy_weight(d: int, q: int, n: int) -> None:
    A, S = _factors(d, q, n)
    W = phm_weight(torch.from_numpy(A), torch.from_numpy(S))
    assert isinstance(W, torch.Tensor)
    np.testing.assert_allclose(W.numpy(), phm_weight(A, S), rtol=1e-12, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    shape=st.sampled_from(SHAPES),
    seed=st.integers(0, 2**16),
    alpha=st.floats(-10, 10, allow_nan=False),
    beta=st.floats(-10, 10, allow_nan=False),
)
def test_phm_forward_is_linear(shape, seed: int, alpha: float, beta: float) -> None:
    # f(αx + βy) = αf(x) + βf(y) without bias: additivity and homogeneity in one identity.
    d, q, n = shape
    A, S = _factors(d, q, n, seed)
    rng = np.random.default_rng(seed + 1)
    x, y = rng.normal(size=(3, d)), rng.normal(size=(3, d))
    lhs = phm_forward(alpha * x + beta * y, A, S)
    rhs = alpha * phm_forward(x, A, S) + beta * phm_forward(y, A, S)
    np.testing.assert_allclose(lhs, rhs, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize(("d", "q", "n"), SHAPES)
def test_phm_forward_is_x_times_weight_transposed_plus_bias(d: int, q: int, n: int) -> None:
    A, S = _factors(d, q, n)
    rng = np.random.default_rng(7)
    x, b = rng.normal(size=(5, d)), rng.normal(size=q)
    expected = x @ sum(np.kron(A[i], S[i]) for i in range(n)).T + b
    np.testing.assert_allclose(phm_forward(x, A, S, b), expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("bias", [True, False])
def test_dense_parameter_count_matches_nn_linear(bias: bool) -> None:
    counted = sum(p.numel() for p in torch.nn.Linear(64, 10, bias=bias).parameters())
    assert dense_parameter_count(64, 10, bias=bias) == counted == 640 + (10 if bias else 0)


def test_phm_uses_fewer_parameters_than_dense_for_moderate_n() -> None:
    assert phm_parameter_count(80, 10, 5) < dense_parameter_count(80, 10)
    # ... but the n³ term of A wins for large n.
    assert phm_parameter_count(80, 10, 10) > dense_parameter_count(80, 10)


@pytest.mark.parametrize(("d", "q", "n"), [(64, 10, 4), (64, 10, 3), (10, 64, 4), (9, 6, 2)])
def test_n_must_divide_d_and_q(d: int, q: int, n: int) -> None:
    with pytest.raises(ValueError, match=r"^n: must divide both"):
        PHMLinear(d, q, n)
    with pytest.raises(ValueError, match=r"^n: must divide both"):
        phm_parameter_count(d, q, n)


@pytest.mark.parametrize(("d", "q", "n", "name"), [(0, 4, 1, "d"), (4, -2, 1, "q"), (4, 4, 0, "n")])
def test_sizes_below_one_raise_value_error_naming_the_argument(d, q, n, name) -> None:
    with pytest.raises(ValueError, match=rf"^{name}: must be >= 1"):
        phm_parameter_count(d, q, n)


@pytest.mark.parametrize(("d", "q", "n", "name"), [(4.0, 4, 1, "d"), (4, True, 1, "q")])
def test_non_integer_sizes_raise_type_error(d, q, n, name) -> None:
    with pytest.raises(TypeError, match=rf"^{name}: expected an int"):
        PHMLinear(d, q, n)
    with pytest.raises(TypeError, match=rf"^{name}: expected an int"):
        dense_parameter_count(d, q)


def test_bad_factor_shapes_raise() -> None:
    with pytest.raises(ValueError, match=r"^A: expected shape \(n, n, n\)"):
        phm_weight(np.ones((2, 2)), np.ones((2, 1, 1)))
    with pytest.raises(ValueError, match=r"^S: expected shape"):
        phm_weight(np.ones((2, 2, 2)), np.ones((3, 1, 1)))
    A, S = _factors(8, 4, 2)
    with pytest.raises(ValueError, match=r"^x: expected features"):
        phm_forward(np.ones((3, 5)), A, S)
    with pytest.raises(ValueError, match=r"^b: expected shape \(4,\)"):
        phm_forward(np.ones((3, 8)), A, S, np.ones(3))


def test_mixing_numpy_and_torch_raises_type_error() -> None:
    A, S = _factors(8, 4, 2)
    with pytest.raises(TypeError, match=r"^A and S"):
        phm_weight(A, torch.from_numpy(S))


def test_non_finite_factors_raise() -> None:
    A, S = _factors(8, 4, 2)
    A[0, 0, 0] = np.nan
    with pytest.raises(ValueError, match=r"^A: must be finite"):
        phm_weight(A, S)
