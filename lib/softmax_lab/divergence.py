r"""Seeing divergence early: a learning rate that is safe for the data, and warnings.

Minibatch SGD on softmax regression diverges when the learning rate is too large for the
curvature of the loss, and the curvature grows with the square of the features' scale: pixels
in 0..255 need a learning rate some 65000 times smaller than pixels in [0, 1]. The trainers
therefore warn with a :class:`TrainingWarning` when

* the inputs look unscaled (some :math:`|x| > 10`) *and* the learning rate is above
  :math:`2/L`, where gradient descent can overshoot (:func:`safe_learning_rate` gives
  :math:`1/L`), or
* the training loss grows by a large factor within a few epochs,

and suggest a learning rate that would work. A loss that becomes NaN or infinite still
stops training with :class:`~softmax_lab.TrainingDiverged`.
"""

from __future__ import annotations

import math
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ._checks import check_real, to_numpy

__all__ = ["TrainingWarning", "safe_learning_rate"]

#: Inputs with a larger magnitude are probably not scaled (raw pixels, counts, ...).
UNSCALED_ABOVE = 10.0
#: The loss counts as "grown" when it exceeds this multiple of an earlier value.
GROWTH = 4.0
#: ... within this many epochs.
GROWTH_WINDOW = 3
#: Rows used to estimate the curvature: plenty for a top eigenvalue, cheap for any data set.
CURVATURE_ROWS = 4096


class TrainingWarning(RuntimeWarning):
    """Training goes on, but probably not the way you want (see the message for a fix)."""


def safe_learning_rate(X: object, weight_decay: float = 0.0) -> float:
    r"""A learning rate at which gradient descent on softmax regression cannot overshoot.

    The mean cross-entropy of softmax regression has a Hessian (with respect to the weights
    and the bias) bounded by

    .. math::

        \nabla^2 L \preceq \tfrac12\, \lambda_{\max}\!\Big(\tfrac1n \tilde{\mathbf X}^\top
            \tilde{\mathbf X}\Big)\, \mathbf I + \lambda \mathbf I = L_{\max}\,\mathbf I,
        \qquad \tilde{\mathbf X} = [\,\mathbf X \;\; \mathbf 1\,]

    because the softmax Jacobian :math:`\operatorname{diag}(\mathbf p) - \mathbf p\mathbf p^\top`
    has eigenvalues at most :math:`\tfrac12` (Böhning, 1992), and the column of ones is the
    bias's input. A full-batch gradient step of size :math:`\eta \le 1/L_{\max}` then never
    increases the loss (the descent lemma; anything below :math:`2/L_{\max}` converges), and
    this function returns :math:`1/L_{\max}`.

    It is a *guaranteed* bound, often 2-3 times smaller than the fastest learning rate that
    works (the softmax Jacobian is far from its worst case in practice), so use it as a
    starting point, and as the first thing to try when training diverges. The eigenvalue is
    computed on at most 4096 evenly spaced rows (the spectral norm of :math:`\tilde{\mathbf X}`).

    Parameters
    ----------
    X : array_like, shape (n, d)
        Training features.
    weight_decay : float
        :math:`\lambda \ge 0`, the L2 penalty's coefficient (it adds :math:`\lambda` to the
        curvature).

    Returns
    -------
    float
        :math:`1/L_{\max}`.

    References
    ----------
    D. Böhning, "Multinomial logistic regression algorithm", Annals of the Institute of
    Statistical Mathematics 44, 1992.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.random.default_rng(0).random((500, 64))
    >>> round(safe_learning_rate(X), 3)
    0.117
    >>> safe_learning_rate(X) / safe_learning_rate(255 * X) > 60_000   # nearly 255² smaller
    True
    """
    X = to_numpy(X, "X")
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError(f"X: expected a non-empty 2-d array (examples × features), "
                         f"got shape {X.shape}")
    weight_decay = check_real(weight_decay, "weight_decay", minimum=0)
    top = _top_eigenvalue(X)
    return 1.0 / (0.5 * top + weight_decay)


def _top_eigenvalue(X: np.ndarray) -> float:
    r""":math:`\lambda_{\max}(\tilde X^\top \tilde X / n) = \sigma_{\max}(\tilde X)^2 / n`, the
    squared spectral norm, on at most :data:`CURVATURE_ROWS` evenly spaced rows."""
    rows = X[::max(1, len(X) // CURVATURE_ROWS)]
    Xt = np.hstack([rows, np.ones((len(rows), 1))])
    return float(np.linalg.norm(Xt, ord=2)) ** 2 / len(Xt)


def suggested_learning_rate(lr: float, safe: float | None) -> float:
    """What to try instead of ``lr``: the safe rate when ``lr`` is above it, else ``lr / 10``."""
    if safe is not None and safe < lr:
        return safe
    return lr / 10


def _round_down(x: float) -> float:
    """``x`` to two significant digits, rounded down (a suggestion must stay below a bound)."""
    if x <= 0 or not math.isfinite(x):
        return x
    scale = 10.0 ** (math.floor(math.log10(x)) - 1)
    return math.floor(x / scale) * scale


class DivergenceWatch:
    """Warns (once per run) when the inputs look unscaled or the loss grows.

    Parameters
    ----------
    lr : float
        The run's learning rate.
    safe_lr : callable or None
        Computes :func:`safe_learning_rate` of the inputs for SGD, only when a warning or an
        error needs it; ``None`` for optimisers (Adam) whose step does not scale with the
        gradient.
    """

    def __init__(self, lr: float, safe_lr: Callable[[], float] | None) -> None:
        self.lr = lr
        self._safe_lr = safe_lr
        self._safe_value: float | None = None
        self.start_loss: float | None = None
        self.warned = False

    @property
    def safe_lr(self) -> float | None:
        if self._safe_lr is not None and self._safe_value is None:
            self._safe_value = self._safe_lr()
        return self._safe_value

    @property
    def suggestion(self) -> float:
        return _round_down(suggested_learning_rate(self.lr, self.safe_lr))

    def _why(self) -> str:
        if self.safe_lr is not None and self.safe_lr < self.lr:
            return (" (1/L for these inputs, a step that cannot overshoot: see "
                    "softmax_lab.safe_learning_rate)")
        return ""

    def check_inputs(self, X: np.ndarray) -> None:
        """Warn when the features look unscaled and the learning rate is too large for them."""
        biggest = float(np.max(np.abs(X)))  # X is not empty (check_data)
        if biggest <= UNSCALED_ABOVE:
            return
        if self.safe_lr is not None and self.lr <= 2 * self.safe_lr:
            return  # a learning rate already matched to the scale
        advice = f"divide them by their largest value ({biggest:g}) or standardise each column"
        if self.safe_lr is not None:
            advice += f", or keep X and use lr <= {self.suggestion:g}{self._why()}"
        self.warn(f"X: features reach |x| = {biggest:g}, but softmax regression trains best "
                  f"on features of order 1, and lr={self.lr:g} is too large for them: "
                  f"{advice}.")

    def after_epoch(self, losses: list[float]) -> None:
        """Warn when the latest epoch's loss is far above the start or a recent epoch."""
        if self.warned or self.start_loss is None or not losses:
            return
        latest = losses[-1]
        earlier = [self.start_loss, *losses[-1 - GROWTH_WINDOW:-1]]
        lowest = min(earlier)
        if latest > self.start_loss and latest > GROWTH * lowest:
            self.warn(f"lr: the training loss grew from {lowest:.3g} to {latest:.3g} by epoch "
                      f"{len(losses)} (lr={self.lr:g}): the learning rate is probably too "
                      f"large; try lr={self.suggestion:g}{self._why()}.")

    def warn(self, message: str) -> None:
        self.warned = True
        warnings.warn(message, TrainingWarning, stacklevel=user_stacklevel())


_PACKAGE_DIR = str(Path(__file__).resolve().parent)


def user_stacklevel() -> int:  # pragma: no mutate block
    """The ``stacklevel`` that attributes a warning to the first caller outside softmax_lab.

    (Left out of mutation testing: mutmut wraps every function in a trampoline of its own,
    whose frames this walk cannot tell from a caller's.)
    """
    frame: Any = sys._getframe(1)
    level = 1
    while frame is not None and (
            frame.f_globals.get("__name__", "").startswith("softmax_lab")
            or str(Path(frame.f_code.co_filename).resolve()).startswith(_PACKAGE_DIR)):
        frame = frame.f_back
        level += 1
    return level
