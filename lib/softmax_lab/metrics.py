"""Classification metrics computed from logits or probabilities."""

from __future__ import annotations

import math

import numpy as np

from ._arrays import as_array, as_float, namespace_of, numpy_of
from ._checks import check_finite, check_int, check_labels

__all__ = ["accuracy", "confusion_matrix", "per_class_accuracy"]


def accuracy(logits_or_probs: object, labels: object) -> float:
    r"""Fraction of examples whose highest-scoring class is the label.

    .. math::

        \operatorname{acc} = \frac{1}{n} \sum_{i=1}^n
            \big[\operatorname*{argmax}_j \hat y_{ij} = y_i\big]

    Softmax is monotone, so logits and probabilities give the same answer.

    Examples
    --------
    >>> import numpy as np
    >>> accuracy(np.array([[2.0, 1.0], [0.0, 3.0], [1.0, 0.0]]), np.array([0, 1, 1]))
    0.6666666666666666
    """
    scores = as_array(logits_or_probs, "logits_or_probs")
    labels = as_array(labels, "labels")
    xp = namespace_of(logits_or_probs=scores, labels=labels)
    if scores.ndim < 1 or scores.shape[-1] == 0:
        raise ValueError("logits_or_probs: needs a non-empty class axis (the last one)")
    check_finite(as_float(scores, "logits_or_probs", xp), "logits_or_probs", xp)
    y = check_labels(labels, "labels", scores.shape[-1], tuple(scores.shape[:-1]), xp)
    n = math.prod(y.shape)
    if n == 0:
        raise ValueError("labels: empty batch, accuracy is undefined")
    hits = xp.argmax(scores, axis=-1) == y
    return float(xp.sum(xp.astype(hits, xp.float64))) / n


def _predicted_classes(predictions: object, num_classes: int | None) -> tuple[np.ndarray, int]:
    """Class indices from labels (1-d) or scores (2-d: argmax over the last axis), as NumPy."""
    pred = as_array(predictions, "predictions")
    xp = namespace_of(predictions=pred)
    if pred.ndim == 2:
        q = pred.shape[1]
        if q == 0:
            raise ValueError("predictions: the class axis (the last one) is empty")
        check_finite(as_float(pred, "predictions", xp), "predictions", xp)
        if num_classes is not None and num_classes != q:
            raise ValueError(f"predictions: has {q} score columns, but num_classes={num_classes}")
        return numpy_of(xp.argmax(pred, axis=1)), q
    if pred.ndim != 1:
        raise ValueError(f"predictions: expected class labels (n,) or scores (n, q), "
                         f"got shape {tuple(pred.shape)}")
    if num_classes is None:
        raise ValueError("num_classes: required when predictions are class labels")
    labels = check_labels(pred, "predictions", num_classes, None, xp)
    return numpy_of(labels), num_classes


def confusion_matrix(labels: object, predictions: object,
                     num_classes: int | None = None) -> np.ndarray:
    r"""Counts of (true class, predicted class) pairs.

    .. math::

        C_{jk} = \#\{\, i : y_i = j,\ \hat y_i = k \,\}

    Row :math:`j` holds the examples of true class :math:`j`; the diagonal holds the correct
    predictions, so :math:`\operatorname{tr} C / n` is the accuracy.

    Parameters
    ----------
    labels : array_like of int, shape (n,)
        True classes.
    predictions : array_like, shape (n,) or (n, q)
        Predicted classes, or logits/probabilities (their argmax is taken).
    num_classes : int, optional
        :math:`q`; required when ``predictions`` are class labels.

    Returns
    -------
    ndarray of int64, shape (q, q)

    Examples
    --------
    >>> import numpy as np
    >>> confusion_matrix(np.array([0, 0, 1, 2]), np.array([0, 1, 1, 2]), num_classes=3)
    array([[1, 1, 0],
           [0, 1, 0],
           [0, 0, 1]])
    """
    if num_classes is not None:
        num_classes = check_int(num_classes, "num_classes", minimum=1)
    pred, q = _predicted_classes(predictions, num_classes)
    y = as_array(labels, "labels")
    y = numpy_of(check_labels(y, "labels", q, (len(pred),), namespace_of(labels=y)))
    counts = np.bincount(y * q + pred, minlength=q * q)
    return counts.reshape(q, q).astype(np.int64)


def per_class_accuracy(labels: object, predictions: object,
                       num_classes: int | None = None) -> np.ndarray:
    r"""For each class, the fraction of its examples predicted correctly (its recall).

    .. math::

        \operatorname{acc}_j = \frac{C_{jj}}{\sum_k C_{jk}}

    A class with no examples gets NaN. Arguments as in :func:`confusion_matrix`.

    Examples
    --------
    >>> import numpy as np
    >>> per_class_accuracy(np.array([0, 0, 1, 1]), np.array([0, 1, 1, 1]), num_classes=3)
    array([0.5, 1. , nan])
    """
    cm = confusion_matrix(labels, predictions, num_classes)
    support = cm.sum(axis=1)
    return np.where(support > 0, np.diag(cm) / np.maximum(support, 1), np.nan)
