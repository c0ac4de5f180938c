"""accuracy (softmax_lab/metrics.py): argmax agreement with the labels."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import softmax_lab as sl


def test_accuracy_counts_argmax_hits():
    scores = np.array([[2.0, 1.0], [0.0, 3.0], [1.0, 0.0], [0.1, 0.2]])
    assert sl.accuracy(scores, np.array([0, 1, 1, 1])) == pytest.approx(0.75)


def test_accuracy_is_the_same_for_logits_and_probabilities_on_both_backends():
    o = np.random.default_rng(0).normal(size=(50, 4))
    y = np.random.default_rng(1).integers(0, 4, 50)
    a = sl.accuracy(o, y)
    assert sl.accuracy(sl.softmax(o), y) == a
    assert sl.accuracy(torch.from_numpy(o), torch.from_numpy(y)) == a


def test_accuracy_rejects_bad_labels_and_empty_batches():
    with pytest.raises(ValueError, match="labels.*shape"):
        sl.accuracy(np.zeros((3, 2)), np.array([0, 1]))
    with pytest.raises(ValueError, match="labels.*< num_classes"):
        sl.accuracy(np.zeros((2, 2)), np.array([0, 2]))
    with pytest.raises(ValueError, match="labels.*empty"):
        sl.accuracy(np.zeros((0, 2)), np.zeros(0, dtype=int))
    with pytest.raises(ValueError, match="logits_or_probs.*finite"):
        sl.accuracy(np.array([[np.nan, 0.0]]), np.array([0]))


@pytest.mark.parametrize(("scores", "labels", "error", "message"), [
    ("abc", [0], TypeError, "^logits_or_probs: expected a NumPy array"),
    (np.array([[True, False]]), [0], TypeError, "^logits_or_probs: expected real numbers"),
    (np.float64(1.0), [0], ValueError, "^logits_or_probs: needs a non-empty class axis"),
    (np.zeros((1, 0)), [0], ValueError, "^logits_or_probs: needs a non-empty class axis"),
    (np.zeros((1, 2)), "a", TypeError, "^labels: expected a NumPy array"),
])
def test_accuracy_names_each_bad_argument(scores, labels, error, message):
    with pytest.raises(error, match=message):
        sl.accuracy(scores, labels)


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_accuracy_of_a_batch_of_sequences_takes_the_argmax_over_classes(backend):
    scores = np.zeros((2, 4, 3))
    scores[..., 2] = 1.0  # every position predicts class 2; the last axis is the class axis
    labels = np.array([[2, 2, 0, 1], [2, 1, 1, 2]])
    if backend == "torch":
        scores, labels = torch.tensor(scores), torch.tensor(labels)
    assert sl.accuracy(scores, labels) == pytest.approx(4 / 8)
