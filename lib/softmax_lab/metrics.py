"""Classification metrics computed from logits or probabilities."""

from __future__ import annotations

import math

from ._arrays import as_array, as_float, check_finite, check_labels, namespace_of

__all__ = ["accuracy"]


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
