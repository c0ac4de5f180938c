"""Confusion matrix and per-class accuracy."""

from __future__ import annotations

import numpy as np
import pytest

from softmax_lab import accuracy, confusion_matrix, per_class_accuracy


def test_confusion_matrix_counts_true_rows_and_predicted_columns():
    y = np.array([0, 0, 1, 2, 2, 2])
    pred = np.array([0, 1, 1, 2, 0, 2])
    cm = confusion_matrix(y, pred, num_classes=3)
    assert cm.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 2]]
    assert cm.sum(axis=1).tolist() == np.bincount(y).tolist()


def test_trace_over_n_is_the_accuracy_of_the_scores():
    rng = np.random.default_rng(0)
    logits, y = rng.normal(size=(200, 6)), rng.integers(0, 6, 200)
    cm = confusion_matrix(y, logits)
    assert np.trace(cm) / 200 == pytest.approx(accuracy(logits, y))
    np.testing.assert_array_equal(cm, confusion_matrix(y, logits.argmax(axis=1), num_classes=6))


def test_per_class_accuracy_is_the_diagonal_over_the_row_sums():
    y = np.array([0, 0, 0, 1, 1, 3])
    pred = np.array([0, 0, 1, 1, 0, 3])
    np.testing.assert_allclose(per_class_accuracy(y, pred, num_classes=4),
                               [2 / 3, 1 / 2, np.nan, 1.0])


def test_metrics_accept_torch_tensors():
    torch = pytest.importorskip("torch")
    logits = torch.tensor([[2.0, 0.0], [0.0, 1.0], [3.0, 1.0]])
    cm = confusion_matrix(torch.tensor([0, 1, 1]), logits)
    assert cm.tolist() == [[1, 0], [1, 1]]


@pytest.mark.parametrize(("args", "kwargs", "error", "name"), [
    (([0, 1], [0, 1]), {}, ValueError, "num_classes"),
    (([0, 1], [0, 3]), {"num_classes": 3}, ValueError, "predictions"),
    (([0, 5], [[1.0, 0.0], [0.0, 1.0]]), {}, ValueError, "labels"),
    (([0], [[1.0, 0.0]]), {"num_classes": 3}, ValueError, "predictions"),
    (([0, 1], [0, 1]), {"num_classes": 0}, ValueError, "num_classes"),
    (([0, 1, 1], [0, 1]), {"num_classes": 2}, ValueError, "labels"),
    (([0], [[np.nan, 0.0]]), {}, ValueError, "predictions"),
])
def test_bad_input_raises_errors_that_name_the_argument(args, kwargs, error, name):
    with pytest.raises(error, match=f"^{name}:"):
        confusion_matrix(*(np.asarray(a) for a in args), **kwargs)


@pytest.mark.parametrize(("labels", "predictions", "kwargs", "error", "message"), [
    ([0, 1], "abc", {}, TypeError, "^predictions: expected a NumPy array"),
    ([0, 1], [[True, False], [False, True]], {}, TypeError, "^predictions: expected real"),
    ([0, 1], np.zeros((2, 0)), {}, ValueError, "^predictions: the class axis .* is empty"),
    ([0, 1], np.zeros((2, 2, 2)), {}, ValueError, r"^predictions: expected class labels \(n,\)"),
    ([0, 1], [[1, 2], [3]], {}, ValueError, "^predictions: cannot be read as a rectangular"),
    ("ab", [0, 1], {"num_classes": 2}, TypeError, "^labels: expected a NumPy array"),
    ([0, 1], [0, 1], {"num_classes": 2.0}, TypeError, "^num_classes: expected an int"),
])
def test_every_argument_of_the_confusion_matrix_is_named_in_its_errors(labels, predictions,
                                                                      kwargs, error, message):
    with pytest.raises(error, match=message):
        confusion_matrix(labels, predictions, **kwargs)


def test_one_class_and_integer_scores_are_fine():
    assert confusion_matrix([0, 0], [0, 0], num_classes=1).tolist() == [[2]]
    assert confusion_matrix([0, 1], [0, 1], num_classes=2).dtype == np.int64
    assert confusion_matrix([1, 0], np.array([[0, 3], [5, 1]])).tolist() == [[1, 0], [0, 1]]
    assert confusion_matrix([1, 0], [1, 0], num_classes=np.int64(2)).tolist() == [[1, 0], [0, 1]]


def test_a_class_without_examples_gets_nan_without_a_warning():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        acc = per_class_accuracy([0, 0, 1], [0, 1, 1], num_classes=3)
    np.testing.assert_array_equal(acc, [0.5, 1.0, np.nan])


def test_accuracy_of_one_example_and_of_a_batch_of_sequences():
    assert accuracy(np.array([0.1, 0.9]), np.array(1)) == 1.0
    scores = np.zeros((2, 3, 4))
    scores[..., 2] = 1.0  # every position predicts class 2
    labels = np.array([[2, 2, 0], [1, 2, 2]])
    assert accuracy(scores, labels) == pytest.approx(4 / 6)


def test_accuracy_names_non_finite_scores():
    with pytest.raises(ValueError, match="^logits_or_probs: must be finite"):
        accuracy(np.array([[np.nan, 1.0]]), np.array([0]))
