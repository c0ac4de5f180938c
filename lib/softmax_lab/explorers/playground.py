r"""Explorer 6 (§3.4.8): softmax regression in the plane, trained step by step.

Three classes of points in the plane and the model :math:`\mathbf o = \mathbf x \mathbf W +
\mathbf b` with :math:`\mathbf W \in \mathbb R^{2 \times 3}` (as in the chapter's trainer,
``O = X W + b``): column :math:`k` of :math:`\mathbf W` is class :math:`k`'s weight vector
:math:`\mathbf w_k`, drawn as an arrow whose tip the reader drags. The plane is coloured by
:math:`\operatorname{argmax}_k o_k`, the dashed arrows are :math:`-\partial L / \partial
\mathbf w_k`, and *One step* / *Run* take full-batch gradient steps on

.. math::

    L(\mathbf W, \mathbf b) = \frac1n \sum_{i=1}^n
        -\log \operatorname{softmax}(\mathbf x_i \mathbf W + \mathbf b)_{y_i}
        + \frac\lambda2 \lVert \mathbf W \rVert_F^2 .

Run stops by itself when the gradient's length falls below :data:`CONVERGED` or when the next
step would take a parameter past :data:`LIMIT` (divergence), with a message either way.

The module ``playground.js`` draws it in both hosts; its state table is ``playground.json``.
:func:`playground_readout` is the source of truth for every number shown (the site's JavaScript
readout is checked against it on golden vectors). In a notebook a learner's own ``step_fn``
takes the steps: the front end asks for each one by setting the state the last readout offered,
so the kernel is never blocked.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from .._arrays import as_array, check_labels
from .._checks import check_function, check_real, check_real_array
from ..ops import cross_entropy_loss, cross_entropy_loss_grad
from ._hooks import HookFailure, _numbers, call_hook
from ._hosts import ExplorerWidget, StaticExplorer, show

__all__ = ["PlaygroundExplorer", "PlaygroundStep", "playground_data", "playground_explorer",
           "playground_readout", "playground_step"]

NUM_CLASSES = 3
POINTS_PER_CLASS = 30
#: The plane shown is [-EXTENT, EXTENT]².
EXTENT = 4.0
#: Run stops when the gradient of L is shorter than this.
CONVERGED = 1e-3
#: A step that takes a weight or a bias beyond ±LIMIT (or to NaN) is divergence.
LIMIT = 1000.0

_ROOT3 = 1.7320508075688772  # sqrt(3), as a literal both languages read alike
#: Class centres of each data set (the same numbers are in playground.js).
CENTRES = {
    "blobs": ((0.0, 2.0), (-_ROOT3, -1.0), (_ROOT3, -1.0)),
    "overlap": ((0.0, 1.0), (-_ROOT3 / 2, -0.5), (_ROOT3 / 2, -0.5)),
    "line": ((-2.5, 0.0), (0.0, 0.0), (2.5, 0.0)),
    "shifted": ((1.5, 3.0), (0.5, 1.5), (2.5, 1.5)),
}

_MASK = 0xFFFFFFFF


def _uniforms(seed: int) -> Iterator[float]:
    """Mulberry32: 32-bit integer arithmetic that JavaScript's ``Math.imul`` reproduces bit for
    bit, so the site draws the same points as Python (NumPy's generators have no JS twin)."""
    a = seed & _MASK
    while True:
        a = (a + 0x6D2B79F5) & _MASK
        t = ((a ^ (a >> 15)) * (a | 1)) & _MASK
        t = (t ^ ((t + (((t ^ (t >> 7)) * (t | 61)) & _MASK)) & _MASK)) & _MASK
        yield ((t ^ (t >> 14)) & _MASK) / 4294967296


def _normals(seed: int) -> Iterator[float]:
    # Six uniforms summed (Irwin-Hall), centred and scaled to variance 1: close to a Gaussian,
    # and made of + and * only, so both languages get identical numbers.
    uniform = _uniforms(seed)
    while True:
        s = 0.0
        for _ in range(6):
            s += next(uniform)
        yield (s - 3) * math.sqrt(2)


def playground_data(dataset: str = "blobs", noise: float = 1.0,
                    seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    r"""The playground's points: 30 per class around the centres of ``dataset``.

    Point :math:`i` of class :math:`k` is :math:`\boldsymbol\mu_k + \sigma \mathbf z_i` with
    :math:`\sigma` = ``noise`` and :math:`\mathbf z_i` two approximately standard normal numbers
    (a sum of six uniforms from a seeded 32-bit generator that the site's JavaScript repeats
    exactly). ``"blobs"``: centres on a circle of radius 2; ``"overlap"``: radius 1;
    ``"line"``: three centres on a line; ``"shifted"``: away from the origin, so the biases
    matter.

    Parameters
    ----------
    dataset : {"blobs", "overlap", "line", "shifted"}
        Which class centres.
    noise : float
        Spread :math:`\sigma \in [0, 2]` around each centre.
    seed : int
        Which sample (0 to 9999).

    Returns
    -------
    X : ndarray of shape (90, 2)
        The points, float64.
    y : ndarray of shape (90,)
        Their classes 0, 1, 2 (int64), in blocks of 30.

    Examples
    --------
    >>> X, y = playground_data("line", noise=0.0)
    >>> X[:2].tolist(), y[::30].tolist()
    ([[-2.5, 0.0], [-2.5, 0.0]], [0, 1, 2])
    """
    table = PlaygroundExplorer.state_table
    X, y = _points(table.check("dataset", dataset), table.check("noise", noise),
                   table.check("seed", seed))
    return X.copy(), y.copy()


@functools.lru_cache(maxsize=64)
def _points(dataset: str, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    # Run asks for the same points at every step: draw them once.
    z = _normals(seed)
    points = [(cx + noise * next(z), cy + noise * next(z))
              for cx, cy in CENTRES[dataset] for _ in range(POINTS_PER_CLASS)]
    return np.array(points), np.repeat(np.arange(NUM_CLASSES, dtype=np.int64), POINTS_PER_CLASS)


def logits(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    r""":math:`\mathbf O = \mathbf X \mathbf W + \mathbf b`, summed feature by feature in the
    order the site's JavaScript adds (so both pick the same argmax, even at a tie).

    >>> logits(np.array([[1.0, 2.0]]), np.array([[1.0, 0.0], [0.5, -1.0]]), np.array([0.0, 3.0]))
    array([[2., 1.]])
    """
    out = X[:, :1] * W[0]
    for k in range(1, W.shape[0]):
        out = out + X[:, k:k + 1] * W[k]
    return out + b


class PlaygroundStep(NamedTuple):
    """One gradient-descent step of the playground's model (see :func:`playground_step`)."""

    W: np.ndarray
    """Weights after the step, shape (d, q)."""
    b: np.ndarray
    """Biases after the step, shape (q,)."""
    loss: float
    """Objective at the parameters *before* the step."""
    grad_W: np.ndarray
    """Gradient of the objective with respect to W, before the step (d, q)."""
    grad_b: np.ndarray
    """Gradient of the objective with respect to b, before the step (q,)."""


def playground_step(W: object, b: object, X: object, y: object, lr: float,
                    l2: float = 0.0) -> PlaygroundStep:
    r"""One full-batch gradient-descent step of softmax regression with an L2 penalty.

    With :math:`\mathbf O = \mathbf X \mathbf W + \mathbf b` and :math:`\mathbf Y` the one-hot
    labels,

    .. math::

        \frac{\partial L}{\partial \mathbf W} = \frac1n \mathbf X^\top
            \big(\operatorname{softmax}(\mathbf O) - \mathbf Y\big) + \lambda \mathbf W, \qquad
        \frac{\partial L}{\partial \mathbf b} = \frac1n \mathbf 1^\top
            \big(\operatorname{softmax}(\mathbf O) - \mathbf Y\big), \qquad
        \mathbf W \leftarrow \mathbf W - \eta \frac{\partial L}{\partial \mathbf W} .

    This is the playground's own step, and the signature a learner's ``step_fn`` has.

    Parameters
    ----------
    W : array_like of shape (d, q)
        Weights; column k is class k's weight vector.
    b : array_like of shape (q,)
        Biases.
    X : array_like of shape (n, d)
        Inputs.
    y : array_like of shape (n,)
        Integer class labels in ``[0, q)``.
    lr : float
        Learning rate :math:`\eta \ge 0` (0 evaluates without moving).
    l2 : float
        Penalty strength :math:`\lambda \ge 0` (the bias is not penalised).

    Returns
    -------
    PlaygroundStep
        ``(W, b, loss, grad_W, grad_b)``: the parameters after the step, and the objective and
        its gradients at the parameters before it.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]]); y = np.array([0, 1])
    >>> s = playground_step(np.zeros((2, 2)), np.zeros(2), X, y, lr=1.0)
    >>> round(s.loss, 6)   # log 2: both classes equally likely at W = 0
    0.693147
    >>> s.W
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    W = check_real_array(W, "W", ndim=2)
    b = check_real_array(b, "b", ndim=1)
    X = check_real_array(X, "X", ndim=2)
    d, q = W.shape
    if b.shape != (q,):
        raise ValueError(f"b: expected shape ({q},) to match W's {q} columns, got {b.shape}")
    if X.shape[1] != d:
        raise ValueError(f"X: expected {d} columns to match W's {d} rows, got shape {X.shape}")
    y = check_labels(as_array(y, "y"), "y", q, (X.shape[0],), np)
    lr = check_real(lr, "lr", minimum=0)
    l2 = check_real(l2, "l2", minimum=0)
    O = logits(X, W, b)
    G = np.asarray(cross_entropy_loss_grad(O, y))  # (softmax(O) - Y) / n
    grad_W = X.T @ G + l2 * W
    grad_b = G.sum(axis=0)
    loss = float(cross_entropy_loss(O, y)) + 0.5 * l2 * float(np.sum(W * W))
    return PlaygroundStep(W - lr * grad_W, b - lr * grad_b, loss, grad_W, grad_b)


def weight_matrix(flat: Sequence[float]) -> np.ndarray:
    """The state's six weights, class by class ``[w1x, w1y, w2x, w2y, w3x, w3y]``, as the
    (2, 3) matrix W whose column k is class k's weight vector.

    >>> weight_matrix([1, 2, 3, 4, 5, 6])
    array([[1., 3., 5.],
           [2., 4., 6.]])
    """
    return np.asarray(flat, dtype=np.float64).reshape(NUM_CLASSES, 2).T


def _flat(W: np.ndarray) -> list[float]:
    return W.T.reshape(-1).tolist()


def _step_result(out: Any) -> tuple[np.ndarray, np.ndarray]:
    """A step_fn's ``(W, b)``, checked, or a HookFailure the explorer shows."""
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise HookFailure("playground.hook_not_pair", hook="step_fn", got=type(out).__name__)
    W, b = (_numbers("step_fn", part) for part in out)
    for part, name, shape in ((W, "W", (2, NUM_CLASSES)), (b, "b", (NUM_CLASSES,))):
        if part.shape != shape:
            raise HookFailure("playground.hook_wrong_shape", hook="step_fn", part=name,
                              got=str(part.shape), expected=str(shape))
    return W, b


def _hook_step(step_fn: Callable, W: np.ndarray, b: np.ndarray, X: np.ndarray, y: np.ndarray,
               lr: float, l2: float) -> tuple[np.ndarray, np.ndarray]:
    # call_hook hands over float64 copies; the labels go in as int64 (a learner indexes with them).
    labels = y.copy()
    out = call_hook("step_fn", lambda W, b, X: step_fn(W, b, X, labels, lr, l2), W, b, X)
    return _step_result(out)


def _stop(state: dict[str, Any], grad_norm: float, next_W: np.ndarray, next_b: np.ndarray,
          error: dict[str, Any] | None) -> tuple[str | None, list[dict[str, Any]]]:
    """Why Run must stop here (or None), and the message that says so."""
    if error is not None:
        return "failed", []
    nxt = np.concatenate([next_W.ravel(), next_b])
    if not np.all(np.isfinite(nxt)) or np.max(np.abs(nxt)) > LIMIT:
        top = float(np.max(np.abs(nxt))) if np.all(np.isfinite(nxt)) else math.inf
        return "diverged", [{"key": "playground.diverged",
                             "values": {"top": top, "limit": LIMIT, "lr": state["lr"]}}]
    if state["steps"] >= PlaygroundExplorer.state_table["steps"].spec["max"]:
        return "limit", [{"key": "playground.step_limit", "values": {"steps": state["steps"]}}]
    if grad_norm < CONVERGED:
        return "converged", [{"key": "playground.converged",
                              "values": {"norm": grad_norm, "tol": CONVERGED}}]
    return None, []


def _agreement(own: PlaygroundStep, W: np.ndarray, b: np.ndarray) -> dict[str, Any]:
    """Whether a learner's step lands where the explorer's own step does."""
    diff = float(max(np.max(np.abs(W - own.W)), np.max(np.abs(b - own.b))))
    scale = 1 + float(max(np.max(np.abs(own.W)), np.max(np.abs(own.b))))
    if diff <= 1e-9 * scale:
        return {"key": "playground.hook_agrees", "values": {}}
    return {"key": "playground.hook_differs", "values": {"diff": diff}}


def playground_readout(state: dict[str, Any], step_fn: Callable | None = None) -> dict[str, Any]:
    r"""Every number the playground shows for ``state``, computed with ``softmax_lab``.

    Loss :math:`L = \text{data\_loss} + \text{penalty}` (mean cross-entropy plus
    :math:`\frac\lambda2\lVert\mathbf W\rVert_F^2`), accuracy, the gradient (weights class by
    class, as the state holds them) and its length, and the parameters one step on
    (``next_W``, ``next_b``: the explorer's own step, or ``step_fn``'s when given).

    Returns
    -------
    dict
        ``X``, ``y`` (the points), ``predicted`` (argmax class of each point), ``W``, ``b``,
        ``steps`` (the state this readout describes), ``loss``, ``data_loss``, ``penalty``,
        ``accuracy``, ``grad_W``, ``grad_b``, ``grad_norm``, ``next_W``, ``next_b``, ``stop``
        (why Run must stop here: ``"converged"``, ``"diverged"``, ``"limit"``, ``"failed"`` or
        None), ``can_step`` (whether *One step* may go on), ``messages`` and ``error`` (a
        step_fn's failure, or None).

    Examples
    --------
    >>> state = PlaygroundExplorer.state_table.defaults()
    >>> r = playground_readout({**state, "W": [0.0] * 6})
    >>> round(r["loss"], 6), r["accuracy"], r["stop"]   # log 3: every class equally likely
    (1.098612, 0.3333333333333333, None)
    >>> playground_readout({**state, "lr": 3.16, "l2": 1.0, "W": [900.0] * 6})["stop"]
    'diverged'
    """
    X, y = playground_data(state["dataset"], state["noise"], state["seed"])
    W = weight_matrix(state["W"])
    b = np.asarray(state["b"], dtype=np.float64)
    lr, l2 = state["lr"], state["l2"]
    own = playground_step(W, b, X, y, lr, l2)
    O = logits(X, W, b)
    predicted = np.argmax(O, axis=1)
    penalty = 0.5 * l2 * float(np.sum(W * W))
    data_loss = float(cross_entropy_loss(O, y))
    messages: list[dict[str, Any]] = []
    error = None
    next_W, next_b = own.W, own.b
    if step_fn is not None:
        try:
            with np.errstate(all="ignore"):
                next_W, next_b = _hook_step(step_fn, W, b, X, y, lr, l2)
            messages.append(_agreement(own, next_W, next_b))
        except HookFailure as failure:
            error = failure.message()
            next_W, next_b = np.full_like(W, math.nan), np.full_like(b, math.nan)
    grad_norm = math.sqrt(float(np.sum(own.grad_W ** 2)) + float(np.sum(own.grad_b ** 2)))
    stop, why = _stop(state, grad_norm, next_W, next_b, error)
    return {
        "X": X, "y": y, "predicted": predicted, "W": list(state["W"]), "b": list(state["b"]),
        "steps": state["steps"], "loss": data_loss + penalty, "data_loss": data_loss,
        "penalty": penalty, "accuracy": int(np.sum(predicted == y)) / y.size,
        "grad_W": _flat(own.grad_W), "grad_b": own.grad_b, "grad_norm": grad_norm,
        "next_W": _flat(next_W), "next_b": next_b, "stop": stop,
        "can_step": stop in (None, "converged"), "messages": why + messages, "error": error,
    }


class PlaygroundExplorer(ExplorerWidget):
    """The playground in a kernel: traits from ``playground.json``, readout from Python.

    Set a trait (``w.lr = 0.1``, ``w.W = [...]``) and the explorer redraws; ``w.step()`` takes
    one step as *One step* does; read ``w.readout`` for the numbers it shows.
    """

    esm_path = Path(__file__).with_suffix(".js")
    hook_names = ("step_fn",)

    def compute_readout(self, state: dict[str, Any]) -> dict[str, Any]:
        return playground_readout(state, **self.hooks)

    def step(self, count: int = 1) -> dict[str, Any]:
        """Take up to ``count`` steps as *Run* does (it stops where Run would); returns the
        readout then (``w.readout``)."""
        for _ in range(count):
            r = self.readout  # as the front end gets it: non-finite numbers as strings
            if r["stop"] is not None:
                break
            with self.hold_trait_notifications():
                self.W, self.b = list(r["next_W"]), list(r["next_b"])
                self.steps = self.steps + 1
        return self.readout


def playground_explorer(
    dataset: str = "blobs",
    *,
    noise: float = 1.0,
    seed: int = 1,
    learning_rate: float = 0.5,
    l2: float = 0.0,
    weights: Sequence[Sequence[float]] | np.ndarray | None = None,
    biases: Sequence[float] | np.ndarray | None = None,
    step_fn: Callable[..., Any] | None = None,
) -> PlaygroundExplorer | StaticExplorer:
    r"""Softmax regression in the plane: drag the weight vectors, take gradient steps, Run.

    .. math::

        \mathbf O = \mathbf X \mathbf W + \mathbf b, \qquad
        \mathbf W \leftarrow \mathbf W - \eta \Big( \tfrac1n \mathbf X^\top
            \big(\operatorname{softmax}(\mathbf O) - \mathbf Y\big) + \lambda \mathbf W \Big)

    Parameters
    ----------
    dataset : {"blobs", "overlap", "line", "shifted"}
        The points (see :func:`playground_data`).
    noise : float
        Their spread around the class centres, in [0, 2].
    seed : int
        Which sample of points, 0 to 9999.
    learning_rate : float
        :math:`\eta` in [0.001, 10].
    l2 : float
        Penalty strength :math:`\lambda` in [0, 1].
    weights : array_like of shape (2, 3), optional
        Starting W (column k is class k's weight vector; ``weights[:, 0]`` is what the explorer
        calls class 1). Default: three vectors that each point at the wrong class.
    biases : array_like of shape (3,), optional
        Starting b (default 0).
    step_fn : callable, optional
        Your own gradient step (notebook only), used by *One step* and *Run*:
        ``step_fn(W, b, X, y, lr, l2)`` gets W (2, 3), b (3,), X (90, 2) as NumPy float64
        arrays, y (90,) as int64 labels 0-2, and the two rates as floats, and returns the new
        ``(W, b)``, as :func:`playground_step` does. The explorer says whether your step lands
        where its own does; an error, ``None`` or a wrong shape is shown in the explorer.

    Returns
    -------
    PlaygroundExplorer or StaticExplorer
        The widget in a kernel; its static HTML form while the book builds.

    Examples
    --------
    >>> w = playground_explorer(weights=np.zeros((2, 3)))
    >>> round(w.readout["loss"], 4), w.steps
    (1.0986, 0)
    >>> w.step(5)["loss"] < 1.0986, w.steps
    (True, 5)
    """
    table = PlaygroundExplorer.state_table
    state = table.defaults()
    state["dataset"] = table.check("dataset", dataset)
    state["noise"] = table.check("noise", noise)
    state["seed"] = table.check("seed", seed)
    state["lr"] = table.check("lr", learning_rate, argument="learning_rate")
    state["l2"] = table.check("l2", l2)
    if weights is not None:
        W = check_real_array(weights, "weights", shape=(2, NUM_CLASSES))
        state["W"] = table.check("W", _flat(W), argument="weights")
    if biases is not None:
        state["b"] = table.check("b", biases, argument="biases")
    if step_fn is not None:
        check_function(step_fn, "step_fn")
    return show(PlaygroundExplorer, state, {"step_fn": step_fn})
