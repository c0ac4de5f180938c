"""entropy, surprisal, cross_entropy and kl_divergence."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import softmax_lab as sl

from ._backends import backend_and_dtype, make, to_numpy


def distributions(size=None, allow_zeros=True):
    """Probability vectors (possibly with zero entries), as float64."""
    lo = 0.0 if allow_zeros else 1e-3
    n = st.integers(1, 8) if size is None else st.just(size)
    return n.flatmap(
        lambda k: arrays(np.float64, (k,), elements=st.floats(lo, 1.0))
        .filter(lambda v: v.sum() > 1e-3)
        .map(lambda v: v / v.sum())
    )


def pairs():
    return st.integers(1, 8).flatmap(
        lambda k: st.tuples(distributions(k), distributions(k, allow_zeros=False))
    )


TOL = {"float32": 2e-5, "float64": 1e-11}


def test_uniform_over_eight_outcomes_has_three_bits():
    assert float(sl.entropy(np.full(8, 1 / 8), base=2)) == pytest.approx(3.0)
    assert float(sl.entropy(np.full(8, 1 / 8))) == pytest.approx(math.log(8))


def test_one_nat_is_about_1_44_bits():
    p = np.array([0.2, 0.3, 0.5])
    ratio = float(sl.entropy(p, base=2)) / float(sl.entropy(p))
    assert ratio == pytest.approx(1 / math.log(2))
    assert ratio == pytest.approx(1.4427, abs=1e-4)


def test_certain_outcome_has_zero_entropy_and_zero_log_zero_is_zero():
    assert float(sl.entropy(np.array([0.0, 1.0, 0.0]))) == 0.0
    p = np.array([0.5, 0.5, 0.0])
    assert float(sl.entropy(p, base=2)) == pytest.approx(1.0)


def test_surprisal_known_values():
    np.testing.assert_allclose(sl.surprisal(np.array([1.0, 0.5, 0.25]), base=2), [0, 1, 2])
    with np.errstate(divide="ignore"):
        assert sl.surprisal(np.array([0.0]))[0] == np.inf  # impossible -> infinitely surprising


def test_entropy_is_expected_surprisal():
    p = np.array([0.1, 0.6, 0.3])
    assert float(sl.entropy(p)) == pytest.approx(float(np.sum(p * sl.surprisal(p))))


def test_cross_entropy_is_infinite_when_q_rules_out_what_p_allows():
    with np.errstate(divide="ignore"):
        assert float(sl.cross_entropy(np.array([0.5, 0.5]), np.array([1.0, 0.0]))) == math.inf
        assert float(sl.kl_divergence(np.array([0.5, 0.5]), np.array([1.0, 0.0]))) == math.inf
    # ... and finite the other way round: outcomes P never produces cost nothing.
    assert float(sl.kl_divergence(np.array([1.0, 0.0]), np.array([0.5, 0.5]))) == pytest.approx(
        math.log(2)
    )


def test_kl_is_not_symmetric():
    p, q = np.array([0.9, 0.1]), np.array([0.5, 0.5])
    assert float(sl.kl_divergence(p, q)) != pytest.approx(float(sl.kl_divergence(q, p)))


def test_batched_distributions_along_axis():
    p = np.array([[0.5, 0.5], [1.0, 0.0]])
    np.testing.assert_allclose(sl.entropy(p, base=2), [1.0, 0.0])
    np.testing.assert_allclose(sl.entropy(p.T, axis=0, base=2), [1.0, 0.0])
    q = np.array([[0.25, 0.75], [0.5, 0.5]])
    h = [-(0.5 * np.log2(0.25) + 0.5 * np.log2(0.75)), 1.0]  # H(P, Q) row by row, in bits
    np.testing.assert_allclose(sl.cross_entropy(p, q, base=2), h)
    np.testing.assert_allclose(sl.cross_entropy(p.T, q.T, axis=0, base=2), h)
    np.testing.assert_allclose(sl.kl_divergence(p.T, q.T, axis=0, base=2), [h[0] - 1, 1.0])


def test_kl_rounding_never_makes_it_negative():
    # These P and Q differ by about 1e-9: the terms' sum rounds to -1.5e-17 before clipping.
    rng = np.random.default_rng(0)
    p = rng.random(7)
    p /= p.sum()
    q = p * (1 + 1e-9 * rng.standard_normal(7))
    q /= q.sum()
    assert np.sum(p * (np.log(p) - np.log(q))) < 0
    assert float(sl.kl_divergence(p, q)) == 0.0


@backend_and_dtype
@given(pq=pairs())
def test_cross_entropy_is_entropy_plus_kl_and_at_least_entropy(backend, dtype, pq):
    p, q = (make(v, backend, dtype) for v in pq)
    h = float(sl.entropy(p))
    hpq = float(sl.cross_entropy(p, q))
    kl = float(sl.kl_divergence(p, q))
    tol = TOL[dtype] * max(1.0, abs(hpq)) * 10
    assert hpq == pytest.approx(h + kl, abs=tol)
    assert hpq >= h - tol
    assert kl >= 0


@backend_and_dtype
@given(p=distributions())
def test_kl_of_a_distribution_with_itself_is_zero(backend, dtype, p):
    x = make(p, backend, dtype)
    assert float(sl.kl_divergence(x, x)) == pytest.approx(0.0, abs=TOL[dtype])
    assert float(sl.cross_entropy(x, x)) == pytest.approx(float(sl.entropy(x)), abs=TOL[dtype])


@backend_and_dtype
@given(p=distributions())
def test_entropy_lies_between_zero_and_log_q(backend, dtype, p):
    h = float(sl.entropy(make(p, backend, dtype)))
    assert -TOL[dtype] <= h <= math.log(len(p)) + TOL[dtype]


@given(pq=pairs(), base=st.sampled_from([2, 10, math.e, 0.5]))
def test_numpy_and_torch_agree_in_every_base(pq, base):
    p, q = pq
    for fn in (sl.cross_entropy, sl.kl_divergence):
        a = fn(p, q, base=base)
        b = fn(torch.from_numpy(p), torch.from_numpy(q), base=base)
        np.testing.assert_allclose(to_numpy(b), a, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(to_numpy(sl.entropy(torch.from_numpy(p), base=base)),
                               sl.entropy(p, base=base), rtol=1e-12, atol=1e-12)


def test_kl_matches_torch_kl_div():
    p = torch.tensor([[0.2, 0.3, 0.5], [0.0, 0.4, 0.6]], dtype=torch.float64)
    q = torch.tensor([[0.3, 0.3, 0.4], [0.1, 0.1, 0.8]], dtype=torch.float64)
    ref = torch.nn.functional.kl_div(q.log(), p, reduction="none").sum(-1)
    torch.testing.assert_close(sl.kl_divergence(p, q), ref)


def test_entropy_gradient_is_finite_with_zero_probabilities():
    p = torch.tensor([0.0, 0.25, 0.75], dtype=torch.float64, requires_grad=True)
    sl.entropy(p).backward()
    assert torch.isfinite(p.grad).all()


# --- how close to 1 a sum must be: the precision the distribution was computed in -------------


@pytest.mark.parametrize("backend", ["numpy", "torch"])
@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), q=st.integers(2, 5000), scale=st.floats(0.1, 30.0))
def test_a_float32_softmax_cast_to_float64_is_a_distribution(backend, seed, q, scale):
    # Summing q float32 probabilities in float64 shows their float32 round-off (6.5e-8 was
    # seen): that is not a malformed distribution, and every function must accept it.
    o = np.random.default_rng(seed).normal(scale=scale, size=(3, q)).astype(np.float32)
    p32 = sl.softmax(make(o, backend, "float32"))
    p = p32.double() if backend == "torch" else p32.astype(np.float64)
    h = to_numpy(sl.entropy(p))
    assert np.all((h >= 0) & (h <= math.log(q) + 1e-6))
    sl.kl_divergence(p, p)
    sl.cross_entropy_loss(make(o, backend, "float64"), p)


@pytest.mark.parametrize("backend", ["numpy", "torch"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@settings(max_examples=30, deadline=None)
@given(p=distributions(allow_zeros=False), off=st.floats(1e-3, 0.5))
def test_a_distribution_off_by_more_than_float32_round_off_is_rejected_with_its_sum(
        backend, dtype, p, off):
    bad = make(p * (1 + off), backend, dtype)
    with pytest.raises(ValueError, match=r"^p: each distribution must sum to 1 .* sums to 1\.\d"):
        sl.entropy(bad)


@pytest.mark.parametrize(("fn", "error", "message"), [
    (lambda: sl.surprisal("abc"), TypeError, "^p: expected a NumPy array"),
    (lambda: sl.surprisal(np.array([True])), TypeError, "^p: expected real numbers"),
    (lambda: sl.surprisal(np.array([np.nan])), ValueError, "^p: must be finite"),
    (lambda: sl.surprisal(np.array([0.5]), base=True), TypeError, "^base: expected a real"),
    (lambda: sl.entropy(np.array([0.5, 0.5]), base="two"), TypeError, "^base: expected a real"),
    (lambda: sl.entropy(np.array([0.5, 0.5]), base=1), ValueError, "^base: must not be 1"),
    (lambda: sl.entropy("abc"), TypeError, "^p: expected a NumPy array"),
    (lambda: sl.entropy(np.array([True, False])), TypeError, "^p: expected real numbers"),
    (lambda: sl.entropy(np.array([0.5, 0.5]), axis=1), ValueError, "^p: axis=1 is out of range"),
    (lambda: sl.entropy(np.array([0.5, 0.5]), axis=0.0), TypeError, "^axis: expected an int"),
    (lambda: sl.entropy(np.float64(1.0)), ValueError, "^p: needs at least 1 dimension"),
    (lambda: sl.entropy(np.zeros((2, 0))), ValueError, r"^p: the outcome axis \(axis=-1\)"),
    (lambda: sl.kl_divergence([0.5, 0.5], "q"), TypeError, "^q: expected a NumPy array"),
    (lambda: sl.cross_entropy("p", [0.5, 0.5]), TypeError, "^p: expected a NumPy array"),
])
def test_every_argument_is_named_in_its_error(fn, error, message):
    with pytest.raises(error, match=message):
        fn()


def test_surprisal_is_elementwise_in_any_base_and_infinite_at_zero():
    p = np.array([[1.0, 0.25], [0.0, 0.5]])
    with np.errstate(all="raise"):  # log(0) is the answer, not a warning
        s = sl.surprisal(p, base=2)
    np.testing.assert_array_equal(s, [[0.0, 2.0], [np.inf, 1.0]])
    assert not np.signbit(s[0, 0])  # +0.0, not -0.0
    t = sl.surprisal(torch.tensor([0.25, 0.0], dtype=torch.float64), base=4)
    assert t.dtype == torch.float64 and t.tolist() == [1.0, float("inf")]
    assert sl.surprisal(np.array([1, 0])).dtype == np.float64


def test_a_q_that_rules_out_an_outcome_gives_infinity_without_a_warning():
    import warnings

    p, q = np.array([0.5, 0.5]), np.array([1.0, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert float(sl.cross_entropy(p, q)) == np.inf
        assert float(sl.kl_divergence(p, q)) == np.inf
        assert float(sl.cross_entropy(q, q)) == 0.0  # 0 · log 0 = 0 where P rules it out too
