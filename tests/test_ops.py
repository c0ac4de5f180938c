"""softmax, log_softmax, logsumexp, one_hot, cross_entropy_loss and its gradient."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import softmax_lab as sl

from ._backends import ATOL, RTOL, backend_and_dtype, make, to_numpy


def logit_matrices(max_abs: float = 50.0):
    """Small (n, q) matrices of finite logits."""
    shapes = st.tuples(st.integers(1, 5), st.integers(1, 7))
    return shapes.flatmap(
        lambda s: arrays(
            np.float64, s,
            elements=st.floats(-max_abs, max_abs, allow_nan=False, allow_infinity=False),
        )
    )


def labelled_logits(max_abs: float = 50.0):
    return logit_matrices(max_abs).flatmap(
        lambda o: st.tuples(
            st.just(o),
            arrays(np.int64, o.shape[:1], elements=st.integers(0, o.shape[1] - 1)),
        )
    )


def soft_labelled_logits():
    def with_target(o):
        raw = arrays(np.float64, o.shape, elements=st.floats(0.0, 1.0))
        return st.tuples(st.just(o), raw.filter(lambda r: (r.sum(axis=1) > 1e-3).all()))

    return logit_matrices().flatmap(with_target).map(
        lambda pair: (pair[0], pair[1] / pair[1].sum(axis=1, keepdims=True))
    )


# --- known values -------------------------------------------------------------------------


def test_softmax_of_equal_logits_is_uniform():
    np.testing.assert_array_equal(sl.softmax(np.array([0.0, 0.0])), [0.5, 0.5])
    np.testing.assert_allclose(sl.softmax(np.zeros(8)), np.full(8, 1 / 8))


def test_softmax_matches_the_definition_on_small_logits():
    o = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(sl.softmax(o), np.exp(o) / np.exp(o).sum(), rtol=1e-15)


def test_cross_entropy_of_correct_prediction_with_margin_m():
    # Two classes, correct logit ahead by m: loss = log(1 + e^-m).
    for m in [0.0, 1.0, 5.0, 30.0]:
        loss = sl.cross_entropy_loss(np.array([[m, 0.0]]), np.array([0]))
        # Absolute accuracy: 1 + e^-m rounds in the sum, so tiny losses carry absolute error ~eps.
        assert float(loss) == pytest.approx(math.log1p(math.exp(-m)), rel=1e-12, abs=1e-15)


def test_cross_entropy_with_q_classes_and_zero_logits_is_log_q():
    for q in [2, 3, 10]:
        assert float(sl.cross_entropy_loss(np.zeros((4, q)), np.zeros(4, int))) == pytest.approx(
            math.log(q)
        )


def test_logsumexp_drops_only_the_class_axis_unless_asked_to_keep_it():
    for backend in ("numpy", "torch"):
        o = make(np.zeros((1, 3, 1)), backend, "float64")
        assert tuple(sl.logsumexp(o, axis=1).shape) == (1, 1)
        assert tuple(sl.logsumexp(o, axis=1, keepdims=True).shape) == (1, 1, 1)


def test_logsumexp_of_equal_logits_is_max_plus_log_q():
    assert float(sl.logsumexp(np.array([1000.0, 1000.0, 1000.0]))) == pytest.approx(
        1000 + math.log(3)
    )


def test_one_hot_rows():
    np.testing.assert_array_equal(sl.one_hot(np.array([2, 0, 1]), 3), np.eye(3)[[2, 0, 1]])
    assert sl.one_hot(torch.tensor([1]), 2).dtype == torch.get_default_dtype()


def test_soft_label_loss_is_expected_loss_over_the_label_distribution():
    o = np.array([[1.0, -2.0, 0.5]])
    y = np.array([[0.1, 0.2, 0.7]])
    per_class = [float(sl.cross_entropy_loss(o, np.array([j]))) for j in range(3)]
    assert float(sl.cross_entropy_loss(o, y)) == pytest.approx(np.dot(y[0], per_class))


def test_reductions_relate_by_batch_size():
    o = np.random.default_rng(0).normal(size=(6, 4))
    y = np.array([0, 1, 2, 3, 0, 1])
    none = sl.cross_entropy_loss(o, y, reduction="none")
    assert none.shape == (6,)
    assert float(sl.cross_entropy_loss(o, y, reduction="sum")) == pytest.approx(none.sum())
    assert float(sl.cross_entropy_loss(o, y, reduction="mean")) == pytest.approx(none.mean())
    g_sum = sl.cross_entropy_loss_grad(o, y, reduction="sum")
    np.testing.assert_allclose(sl.cross_entropy_loss_grad(o, y), g_sum / 6)
    np.testing.assert_allclose(sl.cross_entropy_loss_grad(o, y, reduction="none"), g_sum)


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_unreduced_loss_of_a_batch_of_sequences_has_the_batch_shape(backend):
    o = np.random.default_rng(6).normal(size=(2, 5, 3))
    y = np.random.default_rng(7).integers(0, 3, (2, 5))
    loss = to_numpy(sl.cross_entropy_loss(make(o, backend, "float64"), make(y, backend, "int64"),
                                          reduction="none"))
    assert loss.shape == (2, 5)
    picked = np.take_along_axis(to_numpy(sl.log_softmax(o)), y[..., None], axis=-1)[..., 0]
    np.testing.assert_allclose(loss, -picked, rtol=1e-12)


def test_single_example_logits_take_a_scalar_label():
    o = np.array([3.0, 1.0, 0.0])
    assert float(sl.cross_entropy_loss(o, np.array(0))) == pytest.approx(
        -float(sl.log_softmax(o)[0])
    )
    np.testing.assert_allclose(sl.cross_entropy_loss_grad(o, np.array(0)),
                               sl.softmax(o) - [1, 0, 0])


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_the_gradient_of_a_batch_of_sequences_is_softmax_minus_one_hot(backend):
    o = np.random.default_rng(4).normal(size=(2, 5, 3))
    y = np.random.default_rng(5).integers(0, 3, (2, 5))
    grad = to_numpy(sl.cross_entropy_loss_grad(make(o, backend, "float64"),
                                               make(y, backend, "int64")))
    np.testing.assert_allclose(grad, (sl.softmax(o) - np.eye(3)[y]) / 10, rtol=1e-12)


def test_softmax_along_another_axis():
    o = np.random.default_rng(1).normal(size=(3, 4))
    np.testing.assert_allclose(sl.softmax(o, axis=0), sl.softmax(o.T).T)
    np.testing.assert_allclose(sl.log_softmax(o, axis=0), sl.log_softmax(o.T).T)
    np.testing.assert_allclose(sl.logsumexp(o, axis=0), sl.logsumexp(o.T))


def test_lists_are_accepted_and_integers_promoted_to_float():
    np.testing.assert_allclose(sl.softmax([1, 1]), [0.5, 0.5])
    assert sl.softmax(np.array([1, 2])).dtype == np.float64


# --- extremes -----------------------------------------------------------------------------


@backend_and_dtype
def test_extreme_logits_stay_finite_and_correct(backend, dtype):
    o = make([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4], [1e4, 1e4, -1e4]], backend, dtype)
    p = to_numpy(sl.softmax(o))
    assert np.isfinite(p).all()
    np.testing.assert_allclose(p, [[1, 0, 0], [1 / 3, 1 / 3, 1 / 3], [0.5, 0.5, 0]], atol=1e-7)
    logp = to_numpy(sl.log_softmax(o))
    assert np.isfinite(logp).all()
    np.testing.assert_allclose(logp[0], [0, -2e4, -1e4], rtol=1e-6)
    lse = to_numpy(sl.logsumexp(o))
    np.testing.assert_allclose(lse, [1e4, -1e4 + math.log(3), 1e4 + math.log(2)], rtol=1e-6)
    loss = to_numpy(sl.cross_entropy_loss(o, make([1, 0, 2], backend, "int64"), reduction="none"))
    np.testing.assert_allclose(loss, [2e4, math.log(3), 2e4 + math.log(2)], rtol=1e-6)
    grad = to_numpy(sl.cross_entropy_loss_grad(o, make([1, 0, 2], backend, "int64")))
    assert np.isfinite(grad).all()


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_log_softmax_is_exact_where_log_of_softmax_underflows(backend):
    o = make([0.0, -120.0], backend, "float32")
    assert to_numpy(sl.log_softmax(o))[1] == pytest.approx(-120.0)
    with np.errstate(divide="ignore"):
        assert np.log(to_numpy(sl.softmax(o)))[1] == -np.inf  # the naive route fails


def test_naive_softmax_fails_where_library_softmax_does_not():
    o = np.array([1000.0, 0.0])
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(o) / np.exp(o).sum()
    assert np.isnan(naive[0])
    np.testing.assert_array_equal(sl.softmax(o), [1.0, 0.0])


@backend_and_dtype
def test_temperature_limits_have_no_nan(backend, dtype):
    o = make([3.0, 1.0, 3.0, -2.0], backend, dtype)
    cold = to_numpy(sl.softmax(o, temperature=1e-30))
    np.testing.assert_allclose(cold, [0.5, 0, 0.5, 0], atol=1e-7)  # ties share the mass
    hot = to_numpy(sl.softmax(o, temperature=1e30))
    np.testing.assert_allclose(hot, np.full(4, 0.25), rtol=1e-6)


# --- properties, both backends and both float types -----------------------------------------


@backend_and_dtype
@given(o=logit_matrices())
def test_softmax_rows_sum_to_one_and_are_in_unit_interval(backend, dtype, o):
    p = to_numpy(sl.softmax(make(o, backend, dtype)))
    assert p.dtype == np.dtype(dtype)
    assert ((p >= 0) & (p <= 1)).all()
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=RTOL[dtype] * 5)


@backend_and_dtype
@given(o=logit_matrices(), c=st.floats(-1e3, 1e3))
def test_softmax_is_shift_invariant(backend, dtype, o, c):
    # softmax(o + c) = softmax(o): exp(c) cancels between numerator and denominator.
    a = to_numpy(sl.softmax(make(o, backend, dtype)))
    b = to_numpy(sl.softmax(make(o + c, backend, dtype)))
    # Adding c rounds o + c in the last place of |c|: allow that much in the exponent.
    slack = np.finfo(dtype).eps * (abs(c) + np.abs(o).max()) * 4
    np.testing.assert_allclose(a, b, rtol=RTOL[dtype] + slack, atol=ATOL[dtype] + slack)


@backend_and_dtype
@given(o=logit_matrices(), t=st.floats(0.05, 20.0))
def test_softmax_preserves_the_argmax(backend, dtype, o, t):
    o = make(o, backend, dtype)
    on = to_numpy(o)
    p = to_numpy(sl.softmax(o, temperature=t))
    # Exactly tied (or rounding-tied) maxima may pick either index; compare the logit values.
    picked = on[np.arange(len(on)), p.argmax(axis=1)]
    np.testing.assert_allclose(picked, on.max(axis=1), rtol=0, atol=1e-5 * t + 1e-12)


@backend_and_dtype
@given(o=logit_matrices())
def test_log_softmax_equals_log_of_softmax_and_o_minus_logsumexp(backend, dtype, o):
    x = make(o, backend, dtype)
    logp = to_numpy(sl.log_softmax(x))
    np.testing.assert_allclose(logp, o - to_numpy(sl.logsumexp(x, keepdims=True)),
                               rtol=RTOL[dtype], atol=ATOL[dtype] * 100)
    ref = o - (o.max(1, keepdims=True) + np.log(np.exp(o - o.max(1, keepdims=True)).sum(1,
                                                                              keepdims=True)))
    np.testing.assert_allclose(logp, ref, rtol=RTOL[dtype], atol=ATOL[dtype] * 100)


@backend_and_dtype
@given(data=labelled_logits())
def test_gradient_matches_central_finite_differences(backend, dtype, data):
    o, y = data
    # Finite differences in float64 on the float64 function; the backend/dtype under test
    # supplies the analytic gradient.
    h = 1e-6
    numeric = np.zeros_like(o)
    for idx in np.ndindex(o.shape):
        up, down = o.copy(), o.copy()
        up[idx] += h
        down[idx] -= h
        numeric[idx] = (float(sl.cross_entropy_loss(up, y)) - float(sl.cross_entropy_loss(down, y)))
        numeric[idx] /= 2 * h
    analytic = to_numpy(sl.cross_entropy_loss_grad(make(o, backend, dtype),
                                                   make(y, backend, "int64")))
    np.testing.assert_allclose(analytic, numeric, atol=1e-6 if dtype == "float32" else 1e-7)


@backend_and_dtype
@given(data=soft_labelled_logits())
def test_soft_label_gradient_is_softmax_minus_target(backend, dtype, data):
    o, y = data
    g = to_numpy(sl.cross_entropy_loss_grad(make(o, backend, dtype), make(y, backend, dtype),
                                            reduction="sum"))
    np.testing.assert_allclose(g, to_numpy(sl.softmax(o)) - y, atol=ATOL[dtype] * 10,
                               rtol=RTOL[dtype])


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@given(data=labelled_logits())
def test_numpy_and_torch_agree(dtype, data):
    o, y = data
    for fn in (sl.softmax, sl.log_softmax, sl.logsumexp):
        np.testing.assert_allclose(to_numpy(fn(make(o, "torch", dtype))),
                                   fn(make(o, "numpy", dtype)),
                                   rtol=RTOL[dtype], atol=ATOL[dtype] * 10)
    for fn in (sl.cross_entropy_loss, sl.cross_entropy_loss_grad):
        np.testing.assert_allclose(
            to_numpy(fn(make(o, "torch", dtype), make(y, "torch", "int64"))),
            fn(make(o, "numpy", dtype), y), rtol=RTOL[dtype], atol=ATOL[dtype] * 10,
        )


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@given(data=soft_labelled_logits(), t=st.floats(0.1, 10.0))
def test_results_match_torch_nn_functional(dtype, data, t):
    o, y = data
    x, target = make(o, "torch", dtype), make(y, "torch", dtype)
    labels = make(np.argmax(y, axis=1), "torch", "int64")
    tol = {"rtol": RTOL[dtype], "atol": ATOL[dtype] * 10}
    torch.testing.assert_close(sl.softmax(x, temperature=t), F.softmax(x / t, dim=-1), **tol)
    torch.testing.assert_close(sl.log_softmax(x), F.log_softmax(x, dim=-1), **tol)
    torch.testing.assert_close(sl.logsumexp(x), torch.logsumexp(x, dim=-1), **tol)
    torch.testing.assert_close(sl.cross_entropy_loss(x, labels), F.cross_entropy(x, labels), **tol)
    torch.testing.assert_close(sl.cross_entropy_loss(x, target), F.cross_entropy(x, target), **tol)
    torch.testing.assert_close(
        sl.cross_entropy_loss(x, labels, reduction="none"),
        F.cross_entropy(x, labels, reduction="none"), **tol,
    )


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@given(data=labelled_logits())
def test_gradient_matches_torch_autograd(dtype, data):
    o, y = data
    x = make(o, "torch", dtype).requires_grad_(True)
    sl.cross_entropy_loss(x, make(y, "torch", "int64")).backward()
    torch.testing.assert_close(
        x.grad, sl.cross_entropy_loss_grad(x.detach(), make(y, "torch", "int64")),
        rtol=RTOL[dtype], atol=ATOL[dtype] * 10,
    )


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "logsumexp", "cross_entropy_loss"])
@given(data=labelled_logits())
def test_numpy_formulas_agree_with_torch_fused_kernels_to_rounding(name, data):
    # NumPy runs the max-shifted formulas; torch delegates to its fused kernels (or, for
    # logsumexp, runs the same formula): in float64 they must agree to a few ulps.
    o, y = data
    fn = getattr(sl, name)
    args = (y,) if name == "cross_entropy_loss" else ()
    targs = (torch.from_numpy(y),) if args else ()
    np.testing.assert_allclose(fn(torch.from_numpy(o), *targs).numpy(), fn(o, *args),
                               rtol=1e-12, atol=1e-14)


def test_torch_device_dtype_and_autograd_are_kept():
    x = torch.randn(3, 4, dtype=torch.float32, requires_grad=True)
    for fn in (sl.softmax, sl.log_softmax, sl.logsumexp):
        out = fn(x)
        assert out.dtype == torch.float32 and out.device == x.device and out.requires_grad
    loss = sl.cross_entropy_loss(x, torch.tensor([0, 1, 2]))
    assert loss.requires_grad and loss.dtype == torch.float32
    loss.backward()
    assert x.grad is not None and torch.isfinite(x.grad).all()


def test_soft_target_gradient_flows_through_torch_autograd_for_distillation():
    x = torch.randn(2, 3, dtype=torch.float64)
    t = torch.softmax(torch.randn(2, 3, dtype=torch.float64), -1).requires_grad_(True)
    sl.cross_entropy_loss(x, t).backward()
    assert t.grad is not None


# --- masked classes: -inf logits ------------------------------------------------------------


def masked_logits():
    """(o, mask): finite logits and a mask of classes to set to -inf, one class left per row."""
    def with_mask(o):
        raw = arrays(np.bool_, o.shape, elements=st.booleans())
        keep = arrays(np.int64, o.shape[:1], elements=st.integers(0, o.shape[1] - 1))

        def combine(pair):
            mask, kept = pair
            mask = mask.copy()
            mask[np.arange(len(kept)), kept] = False
            return o, mask

        return st.tuples(raw, keep).map(combine)

    return logit_matrices().flatmap(with_mask)


def _reference_softmax(o, mask):
    """Softmax over the unmasked classes only, masked ones 0 (float64, row by row)."""
    out = np.zeros_like(o)
    for i, (row, m) in enumerate(zip(o, mask, strict=True)):
        kept = row[~m]
        e = np.exp(kept - kept.max())
        out[i, ~m] = e / e.sum()
    return out


@backend_and_dtype
@given(data=masked_logits())
def test_masked_classes_get_probability_zero_and_the_rest_renormalise(backend, dtype, data):
    o, mask = data
    x = make(np.where(mask, -np.inf, o), backend, dtype)
    expected = _reference_softmax(o, mask)
    p = to_numpy(sl.softmax(x))
    assert (p[mask] == 0).all()
    np.testing.assert_allclose(p, expected, rtol=RTOL[dtype] * 5, atol=ATOL[dtype])
    logp = to_numpy(sl.log_softmax(x))
    assert (logp[mask] == -np.inf).all()
    with np.errstate(divide="ignore"):
        np.testing.assert_allclose(logp[~mask], np.log(expected[~mask]),
                                   rtol=RTOL[dtype] * 5, atol=ATOL[dtype] * 100)
    lse = to_numpy(sl.logsumexp(x))
    ref = [np.log(np.exp(r[~m] - r[~m].max()).sum()) + r[~m].max() for r, m in zip(o, mask,
                                                                                    strict=True)]
    np.testing.assert_allclose(lse, ref, rtol=RTOL[dtype] * 5, atol=ATOL[dtype] * 100)


@backend_and_dtype
@given(data=masked_logits())
def test_the_loss_of_a_masked_target_is_infinite_and_of_an_unmasked_one_finite(backend, dtype,
                                                                               data):
    o, mask = data
    x = make(np.where(mask, -np.inf, o), backend, dtype)
    kept = np.argmin(mask, axis=1)                  # an unmasked class in every row
    loss = to_numpy(sl.cross_entropy_loss(x, make(kept, backend, "int64"), reduction="none"))
    expected = -np.log(_reference_softmax(o, mask)[np.arange(len(o)), kept])
    np.testing.assert_allclose(loss, expected, rtol=RTOL[dtype] * 5, atol=ATOL[dtype] * 100)
    grad = to_numpy(sl.cross_entropy_loss_grad(x, make(kept, backend, "int64")))
    assert np.isfinite(grad).all() and (grad[mask] == 0).all()
    if mask.any():
        row, col = np.argwhere(mask)[0]
        labels = kept.copy()
        labels[row] = col
        masked = to_numpy(sl.cross_entropy_loss(x, make(labels, backend, "int64"),
                                                reduction="none"))
        assert masked[row] == np.inf


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@given(data=masked_logits())
def test_masked_logits_keep_torch_autograd_finite(dtype, data):
    o, mask = data
    x = make(np.where(mask, -np.inf, o), "torch", dtype).requires_grad_(True)
    kept = torch.from_numpy(np.argmin(mask, axis=1))
    sl.cross_entropy_loss(x, kept).backward()
    assert torch.isfinite(x.grad).all()
    torch.testing.assert_close(x.grad, sl.cross_entropy_loss_grad(x.detach(), kept))


def test_soft_labels_may_give_weight_zero_to_a_masked_class():
    o = np.array([[0.0, -np.inf, 1.0]])
    target = np.array([[0.5, 0.0, 0.5]])
    loss = float(sl.cross_entropy_loss(o, target))
    assert loss == pytest.approx(float(sl.cross_entropy_loss(o[:, [0, 2]], target[:, [0, 2]])))
    loss_t = sl.cross_entropy_loss(torch.from_numpy(o), torch.from_numpy(target))
    assert float(loss_t) == pytest.approx(loss)


# --- accuracy at the edges: small terms, huge spans, float16 --------------------------------


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_logsumexp_keeps_terms_far_below_the_maximum(backend):
    # log(1 + e^-40) = 4.25e-18: the plain m + log(Σ exp(o - m)) rounds it to 0.
    out = float(sl.logsumexp(make([0.0, -40.0], backend, "float64")))
    assert out == pytest.approx(math.log1p(math.exp(-40)), rel=1e-15)
    assert float(sl.logsumexp(make([-40.0, 0.0, -50.0], backend, "float64"))) == pytest.approx(
        math.log1p(math.exp(-40) + math.exp(-50)), rel=1e-15)


@backend_and_dtype
@given(o=logit_matrices())
def test_logsumexp_gradient_is_softmax_even_with_tied_maxima(backend, dtype, o):
    if backend == "numpy":
        return
    o = np.concatenate([o, o[:, :1]], axis=1)  # the first column's value appears twice
    x = make(o, "torch", dtype).requires_grad_(True)
    sl.logsumexp(x).sum().backward()
    torch.testing.assert_close(x.grad, torch.softmax(x.detach(), dim=-1),
                               rtol=RTOL[dtype] * 5, atol=ATOL[dtype] * 10)


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_a_high_temperature_divides_before_shifting_so_huge_spans_do_not_overflow(backend):
    o = make([1e308, -1e308], backend, "float64")
    np.testing.assert_allclose(to_numpy(sl.softmax(o, temperature=1e308)),
                               [1 / (1 + math.exp(-2)), 1 / (1 + math.exp(2))], rtol=1e-12)
    half = make([40000.0, -40000.0], backend, "float16")
    np.testing.assert_allclose(to_numpy(sl.softmax(half, temperature=40000.0)).astype(float),
                               [0.8808, 0.1192], atol=2e-3)


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_a_low_temperature_shifts_each_row_by_its_own_maximum(backend):
    o = make([[0.0, 1.0], [-1000.0, -999.0]], backend, "float64")
    p = to_numpy(sl.softmax(o, temperature=0.01))
    np.testing.assert_allclose(p, [[0.0, 1.0], [0.0, 1.0]], atol=1e-40)


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_spans_wider_than_the_dtype_still_give_one_hot_without_warnings(backend):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        o = make([1e308, -1e308], backend, "float64")
        np.testing.assert_array_equal(to_numpy(sl.softmax(o)), [1.0, 0.0])
        np.testing.assert_array_equal(to_numpy(sl.log_softmax(o))[0], 0.0)
        assert float(sl.logsumexp(o)) == 1e308
        np.testing.assert_array_equal(to_numpy(sl.softmax(o, temperature=1e-3)), [1.0, 0.0])
        np.testing.assert_array_equal(to_numpy(sl.softmax(o, temperature=2.0)), [1.0, 0.0])


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_float16_rows_wider_than_float16_can_sum_are_computed_in_float32(backend):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = sl.softmax(make(np.zeros((2, 70000)), backend, "float16"))
        logp = sl.log_softmax(make(np.zeros(70000), backend, "float16"))
        lse = sl.logsumexp(make(np.zeros(70000), backend, "float16"))
    assert all(str(a.dtype).endswith("float16") for a in (p, logp, lse))
    np.testing.assert_array_equal(to_numpy(p), np.float16(1 / 70000))  # a float16 subnormal
    np.testing.assert_allclose(to_numpy(logp).astype(float), -math.log(70000), rtol=1e-3)
    assert float(lse) == pytest.approx(math.log(70000), rel=1e-3)


def test_unreduced_soft_target_loss_on_torch_is_one_number_per_row():
    o = torch.tensor([[1.0, -2.0, 0.5], [0.0, 0.0, 3.0]])
    y = torch.tensor([[0.1, 0.2, 0.7], [1.0, 0.0, 0.0]])
    loss = sl.cross_entropy_loss(o, y, reduction="none")
    torch.testing.assert_close(loss, -(y * torch.log_softmax(o, dim=-1)).sum(dim=-1))


def test_the_gradient_keeps_float32_with_integer_labels():
    grad = sl.cross_entropy_loss_grad(np.zeros((2, 3), np.float32), np.array([0, 2]))
    assert grad.dtype == np.float32


# --- pinned by mutation testing: axes, dtypes, argument names, no stray warnings --------------

def test_extreme_logits_give_no_numpy_warnings():
    o = np.array([[3e38, -3e38, 0.0], [-np.inf, 1.0, 2.0]], dtype=np.float32)
    soft = np.array([[0.0, 0.5, 0.5], [0.0, 0.5, 0.5]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sl.softmax(o)
        sl.log_softmax(o)
        sl.logsumexp(o)
        sl.softmax(o, temperature=0.5)
        sl.cross_entropy_loss(o, np.array([0, 2]))
        sl.cross_entropy_loss(o, soft)


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_soft_targets_of_a_batch_of_sequences_give_one_loss_per_position(backend):
    rng = np.random.default_rng(3)
    o = rng.normal(size=(2, 3, 4))
    t = rng.dirichlet(np.ones(4), size=(2, 3))
    expected = -(t * np.log(np.exp(o) / np.exp(o).sum(-1, keepdims=True))).sum(-1)
    make_ = (lambda a: torch.from_numpy(a)) if backend == "torch" else (lambda a: a)
    per_position = to_numpy(sl.cross_entropy_loss(make_(o), make_(t), reduction="none"))
    np.testing.assert_allclose(per_position, expected, rtol=1e-12)
    mean = float(sl.cross_entropy_loss(make_(o), make_(t)))
    assert mean == pytest.approx(expected.mean(), rel=1e-12)
    grad = to_numpy(sl.cross_entropy_loss_grad(make_(o), make_(t)))
    np.testing.assert_allclose(grad, (to_numpy(sl.softmax(o)) - t) / 6, atol=1e-15)


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_the_loss_has_the_logits_dtype_whatever_the_soft_targets(backend):
    o = np.array([[1.0, 2.0], [0.5, 0.0]], dtype=np.float32)
    t = np.array([[0.25, 0.75], [1.0, 0.0]])  # float64
    if backend == "torch":
        o, t = torch.from_numpy(o), torch.from_numpy(t)
    assert sl.cross_entropy_loss(o, t).dtype == o.dtype
    assert sl.cross_entropy_loss(o, t, reduction="none").dtype == o.dtype


def test_float16_logits_with_soft_targets_are_computed_in_float32_and_returned_in_float16():
    o = torch.tensor([[1.0, 2.0, 3.0]], dtype=torch.float16)
    t = torch.tensor([[0.0, 0.5, 0.5]], dtype=torch.float16)
    loss = sl.cross_entropy_loss(o, t)
    assert loss.dtype == torch.float16
    expected = float(sl.cross_entropy_loss(o.double(), t.double()))
    assert float(loss) == pytest.approx(expected, rel=1e-3)


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_bad_targets_temperatures_and_axes_are_named(backend):
    make_ = (lambda a: torch.tensor(a)) if backend == "torch" else np.asarray
    o = make_([[1.0, 2.0], [0.0, 0.0]])
    with pytest.raises(ValueError, match="^target:"):
        sl.cross_entropy_loss(o, make_([0, 2]))
    with pytest.raises(ValueError, match="^target:"):
        sl.cross_entropy_loss(o, make_([[0.5, 0.6], [1.0, 0.0]]))
    with pytest.raises(ValueError, match="^temperature:"):
        sl.softmax(o, temperature=-1.0)
    with pytest.raises(TypeError, match="^axis:"):
        sl.softmax(o, axis=1.0)
    np.testing.assert_allclose(to_numpy(sl.softmax(o, axis=np.int64(0))),
                               to_numpy(sl.softmax(o.T)).T)


def test_soft_targets_must_sum_to_1_along_the_class_axis_of_a_sequence_batch():
    t = np.full((2, 3, 2), 0.5)  # rows along the class axis sum to 1; along axis 1 to 1.5
    assert np.isfinite(sl.cross_entropy_loss(np.zeros((2, 3, 2)), t))


def test_a_cold_torch_softmax_shifts_each_row_by_its_own_maximum():
    o = torch.tensor([[1e30, 0.0], [0.0, 1.0]])
    p = sl.softmax(o, temperature=0.5)
    np.testing.assert_allclose(p[1].numpy(), sl.softmax(np.array([0.0, 2.0])), rtol=1e-6)


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_finite_logits_whose_maxima_overflow_a_sum_are_accepted_silently(backend):
    # The validity check adds the slices' maxima; 2 × 3e38 overflows float32, yet every
    # logit is finite, so the check must look closer instead of refusing them.
    o = np.array([[3e38, 0.0], [3e38, 0.0]], dtype=np.float32)
    if backend == "torch":
        o = torch.from_numpy(o)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = sl.softmax(o)
        loss = sl.cross_entropy_loss(o, make([0, 0], backend, "int64"))
    np.testing.assert_array_equal(to_numpy(p), [[1.0, 0.0], [1.0, 0.0]])
    assert float(loss) == 0.0
