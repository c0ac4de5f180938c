r"""Explorer 1 (the flagship, §3.4.4 and §3.4.6): logits → probabilities → loss → gradient.

The reader drags 3 to 10 logit bars (mouse, touch or keys), picks the true class or a soft label,
smooths the label, sets the temperature :math:`T` and adds a constant to every logit. It shows

.. math::

    \hat{\mathbf y} = \operatorname{softmax}(\mathbf o / T), \qquad
    l = -\sum_j y_j \log \hat y_j, \qquad
    \frac{\partial l}{\partial o_j} = \frac{\hat y_j - y_j}{T}, \qquad
    H[\hat{\mathbf y}], \qquad \operatorname{argmax}_j o_j ,

the gradient as an arrow on each bar, and the loss as the length of :math:`-\log \hat y_y`.
With ``T = 1`` the gradient is the book's :math:`\operatorname{softmax}(\mathbf o) - \mathbf y`.
Adding a constant to every logit changes nothing in the stable form; the *naive* form
:math:`\exp(o_j) / \sum_k \exp(o_k)` overflows once a logit passes about 709 (``exp(710)`` is
``inf`` in float64) and shows NaN. In a notebook, plug in your own ``softmax_fn`` and
``loss_fn`` and watch them do the same.

The module ``softmax.js`` beside this file draws it in both hosts; its state table is
``softmax.json``. :func:`softmax_readout` is the source of truth for every number shown: the
JavaScript readout of the static site is checked against it on golden vectors.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .._checks import check_function, check_int
from ..info import entropy as info_entropy
from ..ops import cross_entropy_loss, cross_entropy_loss_grad, log_softmax, softmax
from ._hooks import HookFailure, as_scalar, as_vector, call_hook
from ._hosts import ExplorerWidget, StaticExplorer, show

__all__ = ["SoftmaxExplorer", "naive_softmax", "softmax_explorer", "softmax_readout"]

FD_STEP = 1e-5  # central differences for the gradient of a learner's loss_fn


def naive_softmax(o: np.ndarray) -> np.ndarray:
    r"""The textbook formula with no shift: :math:`\exp(o_j) / \sum_k \exp(o_k)`.

    Shown only to fail: ``exp(710)`` overflows to ``inf`` and ``inf / inf`` is NaN.

    Examples
    --------
    >>> with np.errstate(over="ignore", invalid="ignore"):
    ...     naive_softmax(np.array([1000.0, 0.0]))
    array([nan,  0.])
    """
    e = np.exp(np.asarray(o, dtype=float))
    return e / np.sum(e)


def fit_label(label: Sequence[float], q: int) -> list[float]:
    """A soft label made for another number of classes, fitted to ``q`` classes.

    Zeros pad a shorter label; a longer one keeps its first ``q`` entries, renormalised.
    The stored label never changes, so going from 3 classes to 10 and back restores it.

    >>> fit_label([0.1, 0.2, 0.7], 4), fit_label([0.5, 0.25, 0.25], 2)
    ([0.1, 0.2, 0.7, 0.0], [0.6666666666666666, 0.3333333333333333])
    """
    if len(label) <= q:
        return [*label, *([0.0] * (q - len(label)))]
    head = list(label[:q])
    total = sum(head)
    return [v / total for v in head] if total > 0 else [1 / q] * q


def target_distribution(state: dict[str, Any]) -> np.ndarray:
    r"""The target :math:`\mathbf y`: the soft label, or the one-hot row of the true class
    :math:`c` smoothed towards uniform, :math:`(1 - \varepsilon)\,\mathbf e_c + \varepsilon / q`.

    >>> target_distribution({"logits": [0, 0, 0, 0], "target": 0, "smoothing": 0.2,
    ...                      "use_soft": False, "soft_label": []})
    array([0.85, 0.05, 0.05, 0.05])
    """
    q = len(state["logits"])
    if state["use_soft"]:
        return np.array(fit_label(state["soft_label"], q))
    eps = state["smoothing"]
    hot = [1.0 if j == state["target"] else 0.0 for j in range(q)]
    return np.array([(1 - eps) * v + eps / q for v in hot])


def check_state(state: dict[str, Any], hooks: Sequence[str] = ()) -> None:
    """Raise ``ValueError`` (naming the field) unless the fields of ``state`` fit together."""
    q = len(state["logits"])
    if not 0 <= state["target"] < q:
        raise ValueError(f"target: class index {state['target']} needs more than {q} logits")
    if state["use_soft"] and not state["soft_label"]:
        raise ValueError("use_soft: there is no soft label to use")
    if state["implementation"] == "yours" and "softmax_fn" not in hooks:
        raise ValueError("implementation: 'yours' needs a softmax_fn")


def _plain_sum(v: np.ndarray) -> float:
    # Left to right, as the JavaScript readout adds (np.sum pairs terms up differently).
    return float(sum(np.asarray(v, dtype=float).tolist()))


def _plain_entropy(p: np.ndarray) -> float:
    # -Σ p log p over p > 0, for a hook's output that need not be a distribution.
    return -_plain_sum([x * math.log(x) for x in p.tolist() if x > 0])


def _notes(state: dict[str, Any], z: np.ndarray, p: np.ndarray) -> list[dict[str, Any]]:
    top = float(np.max(z))
    with np.errstate(over="ignore", under="ignore"):
        e = float(np.exp(top))
    if not np.all(np.isfinite(p)):
        key = ("softmax.warn_overflow" if math.isinf(e)
               else "softmax.warn_underflow" if e == 0 else "softmax.warn_nonfinite")
        return [{"key": key, "values": {"top": top}}]
    if state["implementation"] == "stable" and math.isinf(e):
        return [{"key": "softmax.note_stable_exact", "values": {"top": top}}]
    return []


def _probabilities(state: dict[str, Any], o: np.ndarray, softmax_fn: Callable | None) -> np.ndarray:
    t = state["temperature"]
    impl = state["implementation"]
    if impl == "stable":
        return softmax(o, temperature=t)
    if impl == "naive":
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            return naive_softmax(o / t)
    return as_vector("softmax_fn", call_hook("softmax_fn", softmax_fn, o / t), o.size)


def _hook_loss(state: dict[str, Any], o: np.ndarray, y: np.ndarray, softmax_fn: Callable | None,
               loss_fn: Callable) -> tuple[float, np.ndarray]:
    """The learner's loss at o and its gradient by central differences (both through the
    current softmax implementation)."""
    def loss_at(x: np.ndarray) -> float:
        p = _probabilities(state, x, softmax_fn)
        return as_scalar("loss_fn", call_hook("loss_fn", loss_fn, p, y))

    grad = np.empty_like(o)
    for j in range(o.size):
        step = np.zeros_like(o)
        step[j] = FD_STEP
        grad[j] = (loss_at(o + step) - loss_at(o - step)) / (2 * FD_STEP)
    return loss_at(o), grad


def softmax_readout(state: dict[str, Any], softmax_fn: Callable | None = None,
                    loss_fn: Callable | None = None) -> dict[str, Any]:
    r"""Every number the softmax explorer shows for ``state``, computed with ``softmax_lab``.

    With :math:`\mathbf o = \text{logits} + \text{shift}` and :math:`\mathbf z = \mathbf o / T`:
    ``"stable"`` gives :math:`\hat{\mathbf y} = \operatorname{softmax}(\mathbf o, T)`, the loss
    ``cross_entropy_loss(z, y)`` and its gradient ``cross_entropy_loss_grad(z, y) / T``;
    ``"naive"`` and ``"yours"`` (``softmax_fn(z)``) compute the rest from the probabilities, as a
    first implementation would: :math:`l = -\sum_{y_j > 0} y_j \log \hat y_j`, gradient
    :math:`(\hat{\mathbf y} - \mathbf y) / T`. A ``loss_fn(y_hat, y)`` replaces the loss; its
    gradient is then taken by central differences.

    Returns
    -------
    dict
        ``o``, ``y``, ``p``, ``terms`` (:math:`-y_j \log \hat y_j`, the loss's parts), ``loss``,
        ``grad``, ``entropy``, ``total`` (:math:`\sum_j \hat y_j`), ``predicted`` (argmax of
        the logits, first on ties), ``messages`` (notes and warnings: message keys and values)
        and ``error`` (a hook's failure, or None).

    Examples
    --------
    >>> state = {"logits": [0.0, 0.0, 0.0], "target": 0, "soft_label": [], "use_soft": False,
    ...          "smoothing": 0.0, "temperature": 1.0, "shift": 0.0,
    ...          "implementation": "stable", "precise": False}
    >>> r = softmax_readout(state)
    >>> round(r["loss"], 6), r["predicted"], r["messages"]
    (1.098612, 0, [])
    >>> softmax_readout({**state, "shift": 1000.0, "implementation": "naive"})["messages"]
    [{'key': 'softmax.warn_overflow', 'values': {'top': 1000.0}}]
    """
    hooks = [name for name, fn in (("softmax_fn", softmax_fn), ("loss_fn", loss_fn)) if fn]
    check_state(state, hooks)
    t = state["temperature"]
    o = np.asarray(state["logits"], dtype=float) + state["shift"]
    z = o / t
    q = o.size
    y = target_distribution(state)
    hard = not state["use_soft"] and state["smoothing"] == 0
    nan = np.full(q, math.nan)
    messages: list[dict[str, Any]] = []
    error = None
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        try:
            p = _probabilities(state, o, softmax_fn)
        except HookFailure as failure:
            p, error = nan, failure.message()
        if state["implementation"] == "stable":
            terms = np.where(y > 0, -y * log_softmax(z), 0.0)
            tgt = np.array([state["target"]]) if hard else y[None]
            loss = float(cross_entropy_loss(z[None], tgt))
            grad = cross_entropy_loss_grad(z[None], tgt, reduction="sum")[0] / t
        else:
            terms = np.where(y > 0, -y * np.log(p), 0.0)
            loss = _plain_sum(terms)
            grad = (p - y) / t
        finite = bool(np.all(np.isfinite(p)))
        if state["implementation"] == "stable":
            entropy = float(info_entropy(p))
        else:
            entropy = _plain_entropy(p) if finite else math.nan
        if loss_fn is not None and error is None:
            try:
                loss, grad = _hook_loss(state, o, y, softmax_fn, loss_fn)
                messages.append({"key": "softmax.note_loss_fn", "values": {}})
            except HookFailure as failure:
                loss, grad, error = math.nan, nan, failure.message()
    if state["implementation"] == "yours" and finite and error is None:
        total = _plain_sum(p)
        if np.any(p < 0) or abs(total - 1) > 1e-6:
            messages.append({"key": "hook.not_distribution",
                             "values": {"hook": "softmax_fn", "total": total}})
    return {
        "o": o, "y": y, "p": p, "terms": terms, "loss": loss, "grad": np.asarray(grad, dtype=float),
        "entropy": entropy, "total": _plain_sum(p), "predicted": int(np.argmax(o)),
        "messages": _notes(state, z, p) + messages, "error": error,
    }


class SoftmaxExplorer(ExplorerWidget):
    """The softmax explorer in a kernel: traits from ``softmax.json``, readout from Python.

    Set a trait from Python (``w.temperature = 0.5``, ``w.logits = [1, 2, 3]``) and the
    explorer redraws; read ``w.readout`` for the numbers it shows.
    """

    esm_path = Path(__file__).with_suffix(".js")
    hook_names = ("softmax_fn", "loss_fn")

    def compute_readout(self, state: dict[str, Any]) -> dict[str, Any]:
        return softmax_readout(state, **self.hooks)

    @classmethod
    def without_hooks(cls, state: dict[str, Any]) -> dict[str, Any]:
        if state["implementation"] == "yours":
            return {**state, "implementation": "stable"}
        return state


def softmax_explorer(
    logits: Sequence[float] = (2.0, 1.0, 0.1),
    target: int | Sequence[float] = 0,
    temperature: float = 1.0,
    softmax_fn: Callable[[np.ndarray], Any] | None = None,
    loss_fn: Callable[[np.ndarray, np.ndarray], Any] | None = None,
) -> SoftmaxExplorer | StaticExplorer:
    r"""Drag the logits; watch the probabilities, the loss, its gradient and the entropy move.

    .. math::

        \hat y_j = \frac{\exp(o_j / T)}{\sum_k \exp(o_k / T)}, \qquad
        l = -\sum_j y_j \log \hat y_j, \qquad
        \frac{\partial l}{\partial o_j} = \frac{\hat y_j - y_j}{T}

    Parameters
    ----------
    logits : sequence of float
        3 to 10 starting logits, each in [-10, 10] (the explorer's "add to every logit"
        control reaches ±1000).
    target : int or sequence of float
        The true class as a 0-based index (``target=0`` is what the explorer calls class 1),
        or a soft label: one probability per class.
    temperature : float
        Starting temperature :math:`T` in [0.01, 100].
    softmax_fn : callable, optional
        Your own softmax, offered as the implementation "yours" (notebook only). The explorer
        calls ``softmax_fn(o)`` with ``o`` a 1-D NumPy float64 array of the q logits already
        divided by :math:`T` (index ``j`` is class ``j + 1``), and expects q probabilities back
        (a list, a NumPy array or a torch tensor). A torch function must convert:
        ``softmax_fn=lambda o: my_softmax(torch.from_numpy(o)).numpy()``. An error, ``None`` or
        a wrong shape is shown in the explorer; so is a result that is not a distribution.
    loss_fn : callable, optional
        Your own loss, used instead of the cross-entropy: ``loss_fn(y_hat, y)`` gets the
        probabilities and the target distribution (1-D NumPy float64 arrays of length q) and
        returns one number; its gradient arrows come from central differences.

    Returns
    -------
    SoftmaxExplorer or StaticExplorer
        The widget in a kernel; its static HTML form while the book builds.

    Examples
    --------
    >>> w = softmax_explorer(logits=(1.0, 0.0, -1.0), target=2)
    >>> w.target, w.readout["predicted"]
    (2, 0)
    >>> w.logits = [1.0, 0.0, 5.0]
    >>> w.readout["predicted"]
    2
    """
    table = SoftmaxExplorer.state_table
    state = table.defaults()
    state["logits"] = table.check("logits", logits)
    state["temperature"] = table.check("temperature", temperature)
    q = len(state["logits"])
    if isinstance(target, (Sequence, np.ndarray)) and not isinstance(target, (str, bytes)) \
            and getattr(target, "ndim", 1) != 0:
        label = table.check("soft_label", target, argument="target")
        if len(label) != q:
            raise ValueError(f"target: a soft label needs {q} probabilities, got {len(label)}")
        state.update(soft_label=label, use_soft=True)
    else:
        try:
            index = check_int(target, "target")
        except TypeError:
            raise TypeError(f"target: expected a class index or a probability vector, got "
                            f"{type(target).__name__}") from None
        if not 0 <= index < q:
            raise ValueError(f"target: class index must be in [0, {q}), got {index}")
        state["target"] = index
    hooks = {"softmax_fn": softmax_fn, "loss_fn": loss_fn}
    for name, fn in hooks.items():
        if fn is not None:
            check_function(fn, name)
    if softmax_fn is not None:
        state["implementation"] = "yours"
    return show(SoftmaxExplorer, state, hooks)
