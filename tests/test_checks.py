"""Bad input gets a clear error that names the argument (softmax_lab/_checks.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

import softmax_lab as sl


def raises(exc, *names):
    """pytest.raises whose message must mention every given argument name."""
    pattern = ".*".join(names)
    return pytest.raises(exc, match=pattern)


@pytest.mark.parametrize("fn", [sl.softmax, sl.log_softmax, sl.logsumexp])
@pytest.mark.parametrize("bad", [[0.0, np.nan], [0.0, np.inf], [-np.inf, -np.inf]])
@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_nan_plus_inf_and_all_masked_slices_are_rejected(fn, bad, backend):
    rows = [[1.0, 2.0], bad]
    o = torch.tensor(rows) if backend == "torch" else np.array(rows)
    with raises(ValueError, "o", "finite"):
        fn(o)
    with raises(ValueError, "o", "finite"):
        fn(o[1])


def test_non_finite_logits_rejected_by_the_loss_and_its_gradient():
    for fn in (sl.cross_entropy_loss, sl.cross_entropy_loss_grad):
        with raises(ValueError, "logits", "finite"):
            fn(np.array([[np.nan, 0.0]]), np.array([0]))


@pytest.mark.parametrize("fn", [sl.softmax, sl.log_softmax, sl.logsumexp])
def test_scalar_and_empty_class_axis_are_rejected(fn):
    with raises(ValueError, "o", "at least 1 dimension"):
        fn(np.float64(1.0))
    with raises(ValueError, "o", "empty"):
        fn(np.zeros((3, 0)))
    with raises(ValueError, "o", "axis"):
        fn(np.zeros(3), axis=1)


def test_bool_complex_and_strange_types_are_rejected():
    with raises(TypeError, "o", "real"):
        sl.softmax(np.array([True, False]))
    with raises(TypeError, "o", "real"):
        sl.softmax(np.array([1 + 1j, 0]))
    with raises(TypeError, "o"):
        sl.softmax("1, 2")
    with raises(TypeError, "axis"):
        sl.softmax(np.zeros(2), axis=1.0)


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        (np.array([0, 3]), "< num_classes=3"),
        (np.array([-1, 0]), ">= 0"),
        (np.array([0.5, 1.0]), "whole numbers"),
        (np.array([0, 1, 2]), "shape"),
        (np.array([True, False]), "integer"),
    ],
)
@pytest.mark.parametrize("fn", [sl.cross_entropy_loss, sl.cross_entropy_loss_grad])
def test_bad_integer_labels_are_rejected(fn, labels, message):
    with pytest.raises((ValueError, TypeError), match=f"target.*{message}"):
        fn(np.zeros((2, 3)), labels)


def test_integral_float_labels_are_accepted():
    assert float(sl.cross_entropy_loss(np.zeros((2, 3)), np.array([0.0, 2.0]))) == pytest.approx(
        math.log(3)
    )


def test_bad_soft_labels_are_rejected():
    o = np.zeros((2, 3))
    with raises(ValueError, "target", ">= 0"):
        sl.cross_entropy_loss(o, np.array([[1.2, -0.2, 0.0], [1, 0, 0]]))
    with raises(ValueError, "target", "sum to 1"):
        sl.cross_entropy_loss(o, np.array([[0.5, 0.2, 0.2], [1, 0, 0]]))
    with raises(TypeError, "target", "floating"):
        sl.cross_entropy_loss(o, np.array([[1, 0, 0], [0, 1, 0]]))


def test_soft_label_tolerance_is_documented_sqrt_eps():
    o = np.zeros((1, 2), dtype=np.float32)
    sl.cross_entropy_loss(o, np.array([[0.5, 0.5 + 1e-4]], dtype=np.float32))  # within 3.5e-4
    with raises(ValueError, "target", "sum to 1"):
        sl.cross_entropy_loss(o, np.array([[0.5, 0.5 + 1e-3]], dtype=np.float32))


@pytest.mark.parametrize("fn", [sl.entropy, lambda p: sl.cross_entropy(p, p),
                                lambda p: sl.kl_divergence(p, p)])
def test_bad_distributions_are_rejected(fn):
    with raises(ValueError, "p", ">= 0"):
        fn(np.array([1.5, -0.5]))
    with raises(ValueError, "p", "sum to 1"):
        fn(np.array([0.5, 0.6]))
    with raises(ValueError, "p", "finite"):
        fn(np.array([np.nan, 1.0]))


def test_q_is_checked_and_shapes_must_match():
    with raises(ValueError, "q", "sum to 1"):
        sl.kl_divergence(np.array([0.5, 0.5]), np.array([0.5, 0.6]))
    with raises(ValueError, "p and q", "same shape"):
        sl.cross_entropy(np.array([0.5, 0.5]), np.array([0.2, 0.3, 0.5]))


def test_surprisal_needs_probabilities():
    with raises(ValueError, "p", r"\[0, 1\]"):
        sl.surprisal(np.array([1.5]))


@pytest.mark.parametrize("t", [0, -1.0, math.inf, math.nan])
def test_bad_temperature_is_rejected(t):
    with raises(ValueError, "temperature"):
        sl.softmax(np.zeros(2), temperature=t)


def test_non_numeric_temperature_is_a_type_error():
    with raises(TypeError, "temperature"):
        sl.softmax(np.zeros(2), temperature="hot")


@pytest.mark.parametrize("base", [0, -2, 1, 1.0, math.inf])
def test_bad_base_is_rejected(base):
    for fn in (lambda: sl.entropy(np.array([0.5, 0.5]), base=base),
               lambda: sl.surprisal(np.array([0.5]), base=base)):
        with raises(ValueError, "base"):
            fn()


def test_mixing_numpy_and_torch_is_rejected():
    with raises(TypeError, "logits", "target", "mixed"):
        sl.cross_entropy_loss(np.zeros((2, 3)), torch.tensor([0, 1]))
    with raises(TypeError, "p", "q", "mixed"):
        sl.kl_divergence(np.array([0.5, 0.5]), torch.tensor([0.5, 0.5]))
    with raises(TypeError, "logits_or_probs", "labels", "mixed"):
        sl.accuracy(torch.zeros(2, 3), np.array([0, 1]))


@pytest.mark.parametrize("reduction", ["avg", None, "MEAN"])
def test_unknown_reduction_is_rejected(reduction):
    for fn in (sl.cross_entropy_loss, sl.cross_entropy_loss_grad):
        with raises(ValueError, "reduction"):
            fn(np.zeros((1, 2)), np.array([0]), reduction=reduction)


def test_one_hot_rejects_bad_labels_and_class_counts():
    with raises(ValueError, "num_classes"):
        sl.one_hot(np.array([0]), 0)
    with raises(ValueError, "y", "< num_classes=2"):
        sl.one_hot(np.array([2]), 2)
