"""A fitted softmax regression model: weights, bias, and predictions."""

from __future__ import annotations

import numpy as np

from .ops import softmax

__all__ = ["SoftmaxRegression"]


class SoftmaxRegression:
    r"""Linear layer plus softmax, held as NumPy arrays.

    .. math::

        \mathbf{o} = \mathbf{x}\mathbf{W} + \mathbf{b}, \qquad
        \hat{\mathbf{y}} = \operatorname{softmax}(\mathbf{o})

    Parameters
    ----------
    W : ndarray, shape (d, q)
        Weights: one column per class.
    b : ndarray, shape (q,)
        Biases.

    Examples
    --------
    >>> m = SoftmaxRegression(np.eye(2), np.zeros(2))
    >>> m.predict_proba(np.array([[2.0, 0.0]])).round(3)
    array([[0.881, 0.119]])
    >>> m.predict(np.array([[2.0, 0.0], [0.0, 1.0]]))
    array([0, 1])
    """

    def __init__(self, W: np.ndarray, b: np.ndarray) -> None:
        W = np.asarray(W)
        b = np.asarray(b)
        if W.ndim != 2:
            raise ValueError(f"W: expected shape (d, q), got {W.shape}")
        if b.shape != (W.shape[1],):
            raise ValueError(f"b: expected shape ({W.shape[1]},) to match W, got {b.shape}")
        self.W, self.b = W, b

    @property
    def num_features(self) -> int:
        return int(self.W.shape[0])

    @property
    def num_classes(self) -> int:
        return int(self.W.shape[1])

    @property
    def num_parameters(self) -> int:
        """:math:`dq + q`."""
        return int(self.W.size + self.b.size)

    def logits(self, X: np.ndarray) -> np.ndarray:
        """:math:`\\mathbf{XW} + \\mathbf{b}`, one row of logits per example."""
        X = np.asarray(X)
        if X.ndim != 2 or X.shape[1] != self.num_features:
            raise ValueError(f"X: expected shape (n, {self.num_features}), got {X.shape}")
        return X @ self.W + self.b

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities, one row per example."""
        return softmax(self.logits(X))

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The most probable class of each example."""
        return np.argmax(self.logits(X), axis=1)

    def __repr__(self) -> str:
        return (f"SoftmaxRegression(d={self.num_features}, q={self.num_classes}, "
                f"{self.num_parameters} parameters)")
