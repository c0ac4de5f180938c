"""Calibration: reliability bins, expected calibration error, temperature scaling."""

from __future__ import annotations

import numpy as np
import pytest

from softmax_lab import (
    accuracy,
    cross_entropy_loss,
    expected_calibration_error,
    fit_temperature,
    reliability_bins,
    softmax,
)


def _sample_labels(probs: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Draw each label from its row's distribution: a perfectly calibrated model."""
    u = rng.random((len(probs), 1))
    return np.minimum((probs.cumsum(axis=1) < u).sum(axis=1), probs.shape[1] - 1)


def test_bins_partition_the_examples_by_confidence():
    rng = np.random.default_rng(0)
    p = softmax(rng.normal(scale=3, size=(500, 4)))
    bins = reliability_bins(p, rng.integers(0, 4, 500), n_bins=8)
    assert bins.count.sum() == 500 and len(bins.count) == 8
    np.testing.assert_allclose(bins.edges, np.linspace(0, 1, 9))
    used = bins.count > 0
    lower, upper = bins.edges[:-1][used], bins.edges[1:][used]
    assert np.all(bins.confidence[used] > lower) and np.all(bins.confidence[used] <= upper)
    assert np.all(np.isnan(bins.confidence[~used]))


def test_a_confidence_on_an_edge_falls_in_the_lower_bin():
    p = np.array([[0.5, 0.5], [0.6, 0.4]])
    bins = reliability_bins(p, np.array([0, 0]), n_bins=5)   # edges 0, .2, .4, .6, .8, 1
    assert bins.count.tolist() == [0, 0, 2, 0, 0]


@pytest.mark.parametrize("n_bins", [2, 5, 6, 10, 15])
def test_confidences_exactly_on_the_computed_edges_fall_in_the_bin_below(n_bins):
    # The edges are np.linspace(0, 1, K + 1), whose values are not the decimals they look like
    # (linspace(0, 1, 6)[3] is 0.6000000000000001); a confidence equal to edge k, bit for bit,
    # belongs to bin k - 1: bins are closed on the right, (e_{k-1}, e_k].
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    on_edges = edges[edges >= 0.5][1:]  # a confidence of two classes is at least 1/2
    p = np.stack([on_edges, 1 - on_edges], axis=1)
    bins = reliability_bins(p, np.zeros(len(p), dtype=int), n_bins=n_bins)
    expected = np.zeros(n_bins, dtype=int)
    expected[np.searchsorted(edges, on_edges) - 1] += 1
    assert bins.count.tolist() == expected.tolist()
    np.testing.assert_array_equal(bins.edges, edges)


def test_ece_is_the_size_weighted_gap_between_accuracy_and_confidence():
    rng = np.random.default_rng(1)
    p = softmax(rng.normal(scale=2, size=(300, 3)))
    y = rng.integers(0, 3, 300)
    bins = reliability_bins(p, y, n_bins=10)
    conf, correct = p.max(axis=1), p.argmax(axis=1) == y
    which = np.clip(np.ceil(conf * 10).astype(int) - 1, 0, 9)
    expected = sum(
        np.sum(which == k) / 300 * abs(correct[which == k].mean() - conf[which == k].mean())
        for k in range(10) if np.any(which == k))
    assert expected_calibration_error(p, y, n_bins=10) == pytest.approx(expected)
    assert bins.ece == pytest.approx(expected)


def test_a_calibrated_model_has_small_ece_and_an_overconfident_one_large():
    rng = np.random.default_rng(2)
    p = softmax(rng.normal(scale=2, size=(20000, 5)))
    y = _sample_labels(p, rng)
    assert expected_calibration_error(p, y) < 0.02
    overconfident = softmax(np.log(p) * 3)  # same ranking, sharper
    assert expected_calibration_error(overconfident, y) > 0.1


def test_fit_temperature_recovers_the_temperature_that_generated_the_labels():
    rng = np.random.default_rng(3)
    logits = rng.normal(scale=4, size=(20000, 4))
    y = _sample_labels(softmax(logits, temperature=2.5), rng)
    assert fit_temperature(logits, y) == pytest.approx(2.5, rel=0.05)


def test_temperature_scaling_keeps_accuracy_and_lowers_held_out_loss_and_ece():
    rng = np.random.default_rng(4)
    logits = rng.normal(scale=2, size=(8000, 5))
    y = _sample_labels(softmax(logits), rng)
    overconfident = 4 * logits
    fit, held_out = slice(0, 4000), slice(4000, None)
    T = fit_temperature(overconfident[fit], y[fit])
    assert T == pytest.approx(4, rel=0.1)
    before, after = overconfident[held_out], overconfident[held_out] / T
    assert accuracy(after, y[held_out]) == accuracy(before, y[held_out])
    assert float(cross_entropy_loss(after, y[held_out])) < float(
        cross_entropy_loss(before, y[held_out]))
    assert expected_calibration_error(softmax(after), y[held_out]) < expected_calibration_error(
        softmax(before), y[held_out])


def test_calibration_accepts_torch_tensors():
    torch = pytest.importorskip("torch")
    p = torch.tensor([[0.9, 0.1], [0.3, 0.7]])
    assert expected_calibration_error(p, torch.tensor([0, 0])) == pytest.approx(
        expected_calibration_error(p.numpy(), np.array([0, 0])))


@pytest.mark.parametrize(("call", "error", "name"), [
    (lambda: reliability_bins(np.array([[0.5, 0.6]]), np.array([0])), ValueError, "probs"),
    (lambda: reliability_bins(np.array([0.5, 0.5]), np.array([0])), ValueError, "probs"),
    (lambda: reliability_bins(np.array([[0.5, 0.5]]), np.array([2])), ValueError, "labels"),
    (lambda: reliability_bins(np.array([[0.5, 0.5]]), np.array([0]), 0), ValueError, "n_bins"),
    (lambda: fit_temperature(np.array([[1.0, np.inf]]), np.array([0])), ValueError, "logits"),
    (lambda: fit_temperature(np.zeros((2, 2)), np.array([0, 1]), bounds=(2, 1)), ValueError,
     "bounds"),
])
def test_bad_input_raises_errors_that_name_the_argument(call, error, name):
    with pytest.raises(error, match=f"^{name}:"):
        call()


@pytest.mark.parametrize(("probs", "labels", "error", "message"), [
    ("abc", [0], TypeError, "^probs: expected a NumPy array"),
    ([[0.5, 0.5]], "a", TypeError, "^labels: expected a NumPy array"),
    (np.zeros((0, 2)), np.zeros(0, dtype=int), ValueError, "^probs: needs at least one example"),
    ([[0.5, 0.5]], [[0]], ValueError, r"^labels: expected integer labels of shape \(1,\)"),
])
def test_reliability_bins_name_each_bad_argument(probs, labels, error, message):
    with pytest.raises(error, match=message):
        reliability_bins(probs, labels)
    with pytest.raises(error, match=message):
        expected_calibration_error(probs, labels)


def test_ten_bins_by_default():
    rng = np.random.default_rng(3)
    p = softmax(rng.normal(scale=2, size=(400, 3)))
    y = rng.integers(0, 3, 400)
    assert len(reliability_bins(p, y).count) == 10
    assert expected_calibration_error(p, y) == expected_calibration_error(p, y, n_bins=10)
    assert expected_calibration_error(p, y) != expected_calibration_error(p, y, n_bins=11)


@pytest.mark.parametrize(("logits", "labels", "kwargs", "error", "message"), [
    ("abc", [0], {}, TypeError, "^logits: expected a NumPy array"),
    (np.zeros((2, 2)), "a", {}, TypeError, "^labels: expected a NumPy array"),
    (np.zeros(2), [0, 1], {}, ValueError, r"^logits: expected shape \(n, q\)"),
    (np.zeros((0, 2)), np.zeros(0, dtype=int), {}, ValueError, r"^logits: expected shape"),
    (np.zeros((2, 2)), [0, 1], {"bounds": 3.0}, TypeError, "^bounds: expected a pair"),
    (np.zeros((2, 2)), [0, 1], {"bounds": (0.0, 1.0)}, ValueError, "^bounds: must be"),
    (np.zeros((2, 2)), [0, 1], {"bounds": (1.0, np.inf)}, ValueError, "^bounds: must be"),
])
def test_fit_temperature_names_each_bad_argument(logits, labels, kwargs, error, message):
    with pytest.raises(error, match=message):
        fit_temperature(logits, labels, **kwargs)


def test_one_bin_a_confidence_above_one_by_round_off_and_float64_results():
    p32 = np.array([[1.0003, 0.0], [0.6, 0.4]], dtype=np.float32)  # sums within 3.5e-4 of 1
    bins = reliability_bins(p32, np.array([0, 1]), n_bins=4)
    assert bins.count.tolist() == [0, 0, 1, 1]
    assert bins.confidence.dtype == np.float64 and bins.confidence[-1] == pytest.approx(1.0003)
    one = reliability_bins(p32, np.array([0, 1]), n_bins=1)
    assert one.count.tolist() == [2] and one.accuracy.tolist() == [0.5]


def test_empty_bins_are_nan_without_a_warning():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        bins = reliability_bins(np.array([[0.9, 0.1]]), np.array([0]), n_bins=5)
    assert np.isnan(bins.confidence[:4]).all() and np.isnan(bins.accuracy[:4]).all()


def test_numpy_and_torch_cannot_be_mixed():
    torch = pytest.importorskip("torch")
    with pytest.raises(TypeError, match="^probs and labels: NumPy arrays and torch tensors"):
        reliability_bins(torch.tensor([[0.5, 0.5]]), np.array([0]))
    with pytest.raises(TypeError, match="^logits and labels: NumPy arrays and torch tensors"):
        fit_temperature(np.zeros((1, 2)), torch.tensor([0]))


def test_fitted_temperature_is_the_minimum_of_the_held_out_loss_to_1e6():
    rng = np.random.default_rng(5)
    y = rng.integers(0, 4, 500)
    logits = 2.5 * (rng.normal(size=(500, 4)) + 1.5 * np.eye(4)[y])
    T = fit_temperature(logits, y)

    def loss(t):
        return float(cross_entropy_loss(logits / t, y))

    h = 1e-4 * T
    assert abs(loss(T + h) - loss(T - h)) / (2 * h) < 1e-5  # a stationary point
    assert loss(T) <= min(loss(T * 0.99), loss(T * 1.01))
    assert fit_temperature(logits[:1], y[:1]) > 0  # one example is enough to fit


def test_temperature_bounds_must_be_increasing_and_clip_the_result():
    rng = np.random.default_rng(6)
    y = rng.integers(0, 3, 200)
    logits = 10 * (rng.normal(size=(200, 3)) + 2 * np.eye(3)[y])  # wants T well above 2
    assert fit_temperature(logits, y, bounds=(0.5, 2.0)) == pytest.approx(2.0, rel=1e-6)
    with pytest.raises(ValueError, match="^bounds: need low < high"):
        fit_temperature(logits, y, bounds=(1.0, 1.0))


def test_float32_logits_are_fitted_in_float64():
    rng = np.random.default_rng(8)
    y = rng.integers(0, 3, 300)
    logits = (3 * (rng.normal(size=(300, 3)) + 2 * np.eye(3)[y])).astype(np.float32)
    assert fit_temperature(logits, y) == pytest.approx(
        fit_temperature(logits.astype(np.float64), y), rel=1e-9)


def test_the_lower_temperature_bound_clips_too():
    rng = np.random.default_rng(9)
    y = rng.integers(0, 3, 300)
    timid = 0.05 * (rng.normal(size=(300, 3)) + 3 * np.eye(3)[y])  # wants T far below 0.5
    assert fit_temperature(timid, y, bounds=(0.5, 20.0)) == pytest.approx(0.5, rel=1e-6)


@pytest.mark.parametrize(("labels", "message"), [
    ([0, 5], "^labels: class labels must be < num_classes=2, found 5"),
    ([0, 1, 1], r"^labels: expected integer labels of shape \(2,\)"),
])
def test_fit_temperature_checks_its_labels(labels, message):
    with pytest.raises(ValueError, match=message):
        fit_temperature(np.zeros((2, 2)), np.array(labels))


def test_logits_that_are_always_wrong_get_the_flattest_temperature_allowed():
    # The best inverse temperature would be negative (trust the logits backwards); within the
    # bounds the next best is the flattest softmax, T = the upper bound.
    y = np.array([0, 1, 2, 0, 1, 2])
    logits = 3.0 * np.eye(3)[(y + 1) % 3]
    assert fit_temperature(logits, y) == pytest.approx(20.0, rel=1e-5)
    assert fit_temperature(logits, y, bounds=(0.5, 4.0)) == pytest.approx(4.0, rel=1e-5)


def test_torch_logits_with_numpy_labels_are_refused_naming_both():
    torch = pytest.importorskip("torch")
    with pytest.raises(TypeError, match="^logits and labels: NumPy arrays and torch tensors"):
        fit_temperature(torch.zeros((1, 2)), np.array([0]))
