r"""Calibration: does a predicted probability of 0.8 come true 80% of the time?

A classifier is *calibrated* when, among the examples it gives confidence
:math:`\max_j \hat y_j \approx c`, a fraction :math:`c` is classified correctly (§3.4.4).
:func:`reliability_bins` measures this in bins of confidence, :func:`expected_calibration_error`
summarises it in one number, and :func:`fit_temperature` repairs it with one parameter: the
temperature :math:`T` in :math:`\operatorname{softmax}(\mathbf{o}/T)`, fitted on held-out data.

References
----------
C. Guo, G. Pleiss, Y. Sun and K. Q. Weinberger, "On Calibration of Modern Neural Networks",
ICML 2017.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._arrays import as_array, namespace_of, numpy_of
from ._checks import (
    check_finite,
    check_int,
    check_labels,
    check_probabilities,
    check_real,
)
from .ops import cross_entropy_loss

__all__ = [
    "CalibrationBins",
    "expected_calibration_error",
    "fit_temperature",
    "reliability_bins",
]


@dataclass(frozen=True, eq=False)
class CalibrationBins:
    """Confidence and accuracy per bin of confidence (the data of a reliability diagram).

    Attributes
    ----------
    edges : ndarray, shape (n_bins + 1,)
        Bin ``k`` holds confidences in ``(edges[k], edges[k + 1]]`` (the first also holds 0).
    confidence, accuracy : ndarray of float, shape (n_bins,)
        Mean confidence and fraction correct of each bin; NaN for an empty bin.
    count : ndarray of int, shape (n_bins,)
        Examples per bin.
    """

    edges: np.ndarray
    confidence: np.ndarray
    accuracy: np.ndarray
    count: np.ndarray

    @property
    def ece(self) -> float:
        """The expected calibration error of these bins."""
        n = int(self.count.sum())
        used = self.count > 0
        gaps = np.abs(self.accuracy[used] - self.confidence[used])
        return float(np.sum(self.count[used] * gaps) / n)


def _probs_and_labels(probs: object, labels: object) -> tuple[np.ndarray, np.ndarray]:
    p = as_array(probs, "probs")
    y = as_array(labels, "labels")
    xp = namespace_of(probs=p, labels=y)
    if p.ndim != 2:
        raise ValueError(f"probs: expected shape (n, q), got {tuple(p.shape)}")
    if p.shape[0] == 0:
        raise ValueError("probs: needs at least one example")
    check_probabilities(p, "probs", 1, xp)
    y = check_labels(y, "labels", p.shape[1], (p.shape[0],), xp)
    return numpy_of(p), numpy_of(y)


def reliability_bins(probs: object, labels: object, n_bins: int = 10) -> CalibrationBins:
    r"""Sort examples into equal-width bins of confidence; report each bin's accuracy.

    .. math::

        \operatorname{conf}(B_k) = \frac{1}{|B_k|}\sum_{i \in B_k} \max_j \hat y_{ij}, \qquad
        \operatorname{acc}(B_k) = \frac{1}{|B_k|}\sum_{i \in B_k}
            \big[\operatorname*{argmax}_j \hat y_{ij} = y_i\big]

    where :math:`B_k` holds the examples whose confidence lies in
    :math:`\big(\frac{k-1}{K}, \frac{k}{K}\big]`.

    Parameters
    ----------
    probs : array_like, shape (n, q)
        Predicted probabilities (rows summing to 1).
    labels : array_like of int, shape (n,)
    n_bins : int
        :math:`K`, the number of bins over [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> p = np.array([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.6, 0.4]])
    >>> bins = reliability_bins(p, np.array([0, 1, 1, 0]), n_bins=2)
    >>> bins.count, bins.accuracy
    (array([0, 4]), array([ nan, 0.75]))
    """
    n_bins = check_int(n_bins, "n_bins", minimum=1)
    p, y = _probs_and_labels(probs, labels)
    confidence = p.max(axis=1)
    correct = p.argmax(axis=1) == y
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    # Right-closed bins: searchsorted (side="left", its default) puts confidence c at the
    # first edge >= c, so c goes to the k with edges[k] < c <= edges[k+1]. A confidence is at
    # least 1/q > 0, and above 1 only by round-off (the sum-to-1 tolerance): the last bin.
    which = np.minimum(np.searchsorted(edges, confidence) - 1, n_bins - 1)
    count = np.bincount(which, minlength=n_bins)
    with np.errstate(invalid="ignore"):  # 0 / 0 = NaN for an empty bin
        # bincount sums its weights in float64, whatever the dtype of the probabilities.
        conf = np.bincount(which, weights=confidence, minlength=n_bins) / count
        acc = np.bincount(which, weights=correct, minlength=n_bins) / count
    return CalibrationBins(edges=edges, confidence=conf, accuracy=acc, count=count)


def expected_calibration_error(probs: object, labels: object, n_bins: int = 10) -> float:
    r"""The average gap between confidence and accuracy, weighted by bin size.

    .. math::

        \operatorname{ECE} = \sum_{k=1}^{K} \frac{|B_k|}{n}
            \big|\operatorname{acc}(B_k) - \operatorname{conf}(B_k)\big|

    with the bins of :func:`reliability_bins`. 0 means perfectly calibrated (at this
    resolution); a model that says 0.99 and is right 80% of the time scores about 0.19.

    Examples
    --------
    >>> import numpy as np
    >>> p = np.array([[0.99, 0.01]] * 5)
    >>> round(expected_calibration_error(p, np.array([0, 0, 0, 0, 1])), 4)
    0.19
    """
    return reliability_bins(probs, labels, n_bins).ece


def fit_temperature(logits: object, labels: object, *,
                    bounds: tuple[float, float] = (0.05, 20.0)) -> float:
    r"""The temperature that makes held-out predictions most likely.

    .. math::

        T^\star = \operatorname*{argmin}_{T > 0}\;
            \frac{1}{n}\sum_{i=1}^n -\log \operatorname{softmax}(\mathbf{o}_i / T)_{y_i}

    Temperature scaling divides every logit by one number, so it never changes which class
    is predicted (accuracy stays the same) but can shrink over-confident probabilities
    (:math:`T > 1`) or sharpen timid ones (:math:`T < 1`). Fit it on validation data, not on
    the data the model was trained on, then use ``softmax(logits, temperature=T)``.

    The loss is convex in :math:`\beta = 1/T` (a log-sum-exp of functions linear in
    :math:`\beta`, minus a linear one), so a bounded one-dimensional search finds the optimum.

    Parameters
    ----------
    logits : array_like, shape (n, q)
        Logits of held-out examples.
    labels : array_like of int, shape (n,)
    bounds : (float, float)
        Search range for :math:`T`.

    Returns
    -------
    float
        :math:`T^\star`, clipped to ``bounds``.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> y = rng.integers(0, 3, 2000)
    >>> calibrated = rng.normal(size=(2000, 3)) + 2.0 * np.eye(3)[y]
    >>> round(fit_temperature(3 * calibrated, y) / fit_temperature(calibrated, y), 2)
    3.0
    """
    from scipy.optimize import minimize_scalar

    o = as_array(logits, "logits")
    y = as_array(labels, "labels")
    xp = namespace_of(logits=o, labels=y)
    if o.ndim != 2 or o.shape[0] == 0:
        raise ValueError(f"logits: expected shape (n, q) with n >= 1, got {tuple(o.shape)}")
    y = numpy_of(check_labels(y, "labels", o.shape[1], (o.shape[0],), xp))
    o = np.asarray(numpy_of(o), dtype=np.float64)  # the loss to 1e-16, not float32's 1e-7
    check_finite(o, "logits", namespace_of(logits=o))
    lo, hi = _check_bounds(bounds)

    def nll(beta: float) -> float:
        return float(cross_entropy_loss(o * beta, y))

    # With bounds, minimize_scalar uses its "bounded" method (Brent's, kept in the interval).
    result = minimize_scalar(nll, bounds=(1.0 / hi, 1.0 / lo), options={"xatol": 1e-7})
    return float(min(max(1.0 / result.x, lo), hi))


def _check_bounds(bounds: object) -> tuple[float, float]:
    if not isinstance(bounds, (tuple, list)) or len(bounds) != 2:
        raise TypeError("bounds: expected a pair (lowest T, highest T)")
    lo, hi = (check_real(b, "bounds", positive=True) for b in bounds)
    if not lo < hi:
        raise ValueError(f"bounds: need low < high, got {bounds!r}")
    return lo, hi
