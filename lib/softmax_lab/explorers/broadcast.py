r"""Explorer (§3.4.5): the softmax of a minibatch, normalised along the right axis or not.

The reader holds a small minibatch of logits :math:`\mathbf O \in \mathbb R^{n\times q}` (one row
per example, one column per class; drag a cell to change it) and computes its softmax as a first
implementation would,

.. code-block:: python

    E = np.exp(O)                          # (n, q)
    S = E.sum(axis=axis, keepdims=keepdims)
    P = E / S                              # broadcasting stretches S to (n, q)

choosing ``axis`` and ``keepdims`` in the code itself. Only ``axis=1`` normalises each example,
:math:`P_{ij} = \exp(O_{ij}) / \sum_k \exp(O_{ik})`, so that every row sums to 1. The explorer
shows the shapes ((n, q), (n,), (n, 1), (1, q), (q,)), how broadcasting lines them up from the
right, where it stretches ``S``, the row and column sums of ``P``, and what goes wrong otherwise:

* ``axis=0`` runs without an error but makes each *column* sum to 1 (a distribution over the
  examples), whatever ``keepdims`` says;
* ``axis=1`` without ``keepdims`` gives ``S`` the shape ``(n,)``, which broadcasting lines up
  with the *class* axis: a ``ValueError`` when :math:`n \ne q` (and :math:`n > 1`), silently wrong
  numbers when :math:`n = q` (row :math:`i` is divided by the sum of row :math:`j`), and the right
  answer, by luck, for a single example.

The module ``broadcast.js`` beside this file draws it in both hosts; its state table is
``broadcast.json``. :func:`broadcast_readout` computes every number with NumPy itself (the error
it shows is NumPy's), and is the source of truth that golden vectors check the JavaScript against.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import traitlets

from .._checks import check_function, check_real_array
from ._hooks import HookFailure, as_matrix, call_hook
from ._hosts import ExplorerWidget, StaticExplorer, show

__all__ = ["BroadcastExplorer", "broadcast_explorer", "broadcast_readout", "resize"]

#: What the reader is told about each outcome of E / S.
OUTCOME_KEYS = {
    "right": "broadcast.outcome_right",
    "columns": "broadcast.outcome_columns",
    "mixed": "broadcast.outcome_mixed",
    "error": "broadcast.outcome_error",
}

#: ... and of what a learner's softmax_fn returned.
YOURS_KEYS = {
    "right": "broadcast.yours_right",
    "columns": "broadcast.yours_columns",
    "mixed": "broadcast.yours_mixed",
}


def resize(logits: Sequence[float], shape: tuple[int, int], new: tuple[int, int]) -> list[float]:
    """Row-major ``logits`` of shape ``shape`` refitted to ``new``: the overlap is kept, new
    cells are 0.

    >>> resize([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], (2, 3), (3, 2))
    [1.0, 2.0, 4.0, 5.0, 0.0, 0.0]
    """
    (n, q), (m, r) = shape, new
    return [float(logits[i * q + j]) if i < n and j < q else 0.0
            for i in range(m) for j in range(r)]


def shape_text(shape: Sequence[int], compact: bool = False) -> str:
    """A shape as Python prints it, ``(3, 4)`` and ``(3,)``, or as NumPy's broadcasting error
    does (``compact``: ``(3,4)``).

    >>> shape_text((3, 4)), shape_text((3,)), shape_text((3, 4), compact=True)
    ('(3, 4)', '(3,)', '(3,4)')
    """
    inner = ("," if compact else ", ").join(str(k) for k in shape)
    return f"({inner},)" if len(shape) == 1 else f"({inner})"


def _alignment(a: tuple[int, ...], b: tuple[int, ...]) -> list[dict[str, Any]]:
    """How broadcasting pairs the axes of ``a`` (2-D) and ``b``, lined up from the right."""
    out = []
    for k in range(len(a)):
        e = a[k]
        at = k - (len(a) - len(b))
        s = b[at] if at >= 0 else None
        if s is None:
            rule, size = "missing", e
        elif s == e:
            rule, size = "same", e
        elif s == 1 or e == 1:
            rule, size = "stretch", max(s, e)
        else:
            rule, size = "clash", None
        out.append({"e": e, "s": s, "size": size, "rule": rule})
    return out


def _outcome(axis: int, divisor: np.ndarray) -> str:
    n, q = divisor.shape
    if axis == 1 and np.array_equal(divisor, np.repeat(np.arange(n)[:, None], q, axis=1)):
        return "right"
    if axis == 0:
        return "columns"
    return "mixed"


def _notes(state: dict[str, Any], outcome: str) -> list[dict[str, Any]]:
    n, q = state["rows"], state["cols"]
    notes = [{"key": OUTCOME_KEYS[outcome], "values": {"n": n, "q": q}}]
    if state["axis"] == 1 and not state["keepdims"] and n == 1:
        notes.append({"key": "broadcast.note_lucky", "values": {}})
    if state["axis"] == 0 and not state["keepdims"]:
        notes.append({"key": "broadcast.note_keepdims_moot", "values": {"q": q}})
    return notes


def check_state(state: dict[str, Any], hooks: Sequence[str] = ()) -> None:
    """Raise ``ValueError`` (naming the field) unless ``logits`` holds ``rows × cols`` values
    and ``implementation`` has the function it needs."""
    n, q = state["rows"], state["cols"]
    if len(state["logits"]) != n * q:
        raise ValueError(f"logits: expected rows × cols = {n} × {q} = {n * q} values, "
                         f"got {len(state['logits'])}")
    if state["implementation"] == "yours" and "softmax_fn" not in hooks:
        raise ValueError("implementation: 'yours' needs a softmax_fn")


def _sums_to_one(sums: np.ndarray) -> bool:
    return bool(np.all(np.abs(sums - 1) <= 1e-6))


def _yours(O: np.ndarray, E: np.ndarray, softmax_fn: Any) -> dict[str, Any]:
    """The readout for a learner's ``softmax_fn(O)``: its P, checked, and what it got wrong."""
    n, q = O.shape
    try:
        P = as_matrix("softmax_fn", call_hook("softmax_fn", softmax_fn, O), (n, q))
    except HookFailure as failure:
        P, error = None, failure.message()
    else:
        error = None
    row_sums = col_sums = None
    messages = []
    outcome = "error"
    if P is not None:
        row_sums, col_sums = P.sum(axis=1), P.sum(axis=0)
        outcome = ("right" if _sums_to_one(row_sums) and np.all(P >= 0)
                   else "columns" if _sums_to_one(col_sums) else "mixed")
        messages = [{"key": YOURS_KEYS[outcome], "values": {}}]
    return {
        "o": O, "e": E, "s": None, "shape_o": [n, q], "shape_s": None,
        "shape_p": None if P is None else [n, q], "align": None,
        "p": P, "divisor": None, "row_sums": row_sums, "col_sums": col_sums,
        "outcome": outcome, "messages": messages, "error": error,
    }


def broadcast_readout(state: dict[str, Any], softmax_fn: Any = None) -> dict[str, Any]:
    r"""Every number the broadcasting explorer shows for ``state``, computed with NumPy.

    With :math:`\mathbf E = \exp(\mathbf O)` and :math:`\mathbf S` its sum along ``axis``
    (keeping that axis with length 1 when ``keepdims``), :math:`\mathbf P = \mathbf E / \mathbf S`
    as NumPy broadcasts it; for ``axis=1`` (and ``keepdims``) that is the row-wise softmax,
    :math:`P_{ij} = \exp(O_{ij}) / \sum_k \exp(O_{ik})`.

    Returns
    -------
    dict
        ``o``, ``e`` (:math:`n\times q` lists), ``s`` (the sums, flat) and the shapes
        ``shape_o``, ``shape_s`` and ``shape_p``; ``align`` (for each axis of ``E``, lined up
        from the right: the sizes ``e`` and ``s``, the broadcast ``size``, and the ``rule``:
        ``same``, ``stretch``, ``missing`` or ``clash``); ``p``, ``divisor`` (which entry of
        ``s`` divides each cell), ``row_sums`` and ``col_sums`` (all ``None`` when broadcasting
        fails); ``outcome`` (``right``, ``columns``, ``mixed`` or ``error``); ``messages``; and
        ``error``, NumPy's ``ValueError`` as a message (or ``None``).

        With ``implementation="yours"``, ``P = softmax_fn(O)`` instead (``s``, ``shape_s``,
        ``align`` and ``divisor`` are ``None``); a failing ``softmax_fn`` is the ``error``.

    Examples
    --------
    >>> state = {"rows": 2, "cols": 3, "logits": [0.0, 0.0, 0.0, 1.0, 2.0, 3.0], "axis": 1,
    ...          "keepdims": True, "implementation": "numpy", "precise": False}
    >>> r = broadcast_readout(state)
    >>> r["shape_s"], r["outcome"], r["row_sums"].round(12).tolist()
    ([2, 1], 'right', [1.0, 1.0])
    >>> r = broadcast_readout({**state, "keepdims": False})
    >>> r["shape_s"], r["outcome"], r["error"]["values"]
    ([2], 'error', {'a': '(2,3)', 'b': '(2,)'})
    """
    check_state(state, ["softmax_fn"] if softmax_fn is not None else [])
    n, q = state["rows"], state["cols"]
    O = np.asarray(state["logits"], dtype=np.float64).reshape(n, q)
    E = np.exp(O)
    if state["implementation"] == "yours":
        return _yours(O, E, softmax_fn)
    S = E.sum(axis=state["axis"], keepdims=state["keepdims"])
    P = divisor = row_sums = col_sums = None
    error = None
    try:
        P = E / S
    except ValueError:
        error = {"key": "broadcast.error",
                 "values": {"a": shape_text(E.shape, compact=True),
                            "b": shape_text(S.shape, compact=True)}}
    if P is not None:
        divisor = np.broadcast_to(np.arange(S.size).reshape(S.shape), P.shape)
        row_sums, col_sums = P.sum(axis=1), P.sum(axis=0)
    outcome = "error" if P is None else _outcome(state["axis"], divisor)
    return {
        "o": O, "e": E, "s": S.ravel(),
        "shape_o": list(O.shape), "shape_s": list(S.shape),
        "shape_p": None if P is None else list(P.shape),
        "align": _alignment(E.shape, S.shape),
        "p": P, "divisor": divisor, "row_sums": row_sums, "col_sums": col_sums,
        "outcome": outcome, "messages": _notes(state, outcome), "error": error,
    }


class BroadcastExplorer(ExplorerWidget):
    """The broadcasting explorer in a kernel: traits from ``broadcast.json``, readout from NumPy.

    Setting ``rows`` or ``cols`` from Python refits ``logits`` (the overlap is kept, new cells
    are 0), as the explorer's controls do.
    """

    esm_path = Path(__file__).with_suffix(".js")
    hook_names = ("softmax_fn",)

    def compute_readout(self, state: dict[str, Any]) -> dict[str, Any]:
        return broadcast_readout(state, **self.hooks)

    @classmethod
    def without_hooks(cls, state: dict[str, Any]) -> dict[str, Any]:
        if state["implementation"] == "yours":
            return {**state, "implementation": "numpy"}
        return state

    @traitlets.observe("rows", "cols")
    def _refit_logits(self, change: Any) -> None:
        # Registered before the readout's observer, so the readout sees a matching matrix.
        n, q = self.rows, self.cols
        if len(self.logits) == n * q:
            return
        old = (change["old"], q) if change["name"] == "rows" else (n, change["old"])
        self.logits = resize(self.logits, old, (n, q))


def broadcast_explorer(
    logits: Sequence[Sequence[float]] | np.ndarray | None = None,
    axis: int = 0,
    keepdims: bool = True,
    softmax_fn: Callable[[np.ndarray], Any] | None = None,
) -> BroadcastExplorer | StaticExplorer:
    r"""Normalise a small minibatch of logits over rows or columns, with or without
    ``keepdims``, and watch the shapes, the broadcasting and the row sums.

    .. math::

        P_{ij} = \frac{\exp(O_{ij})}{\sum_{k=1}^{q} \exp(O_{ik})}
        \quad\text{(axis=1: every row sums to 1)}

    Parameters
    ----------
    logits : array-like of shape (n, q), optional
        The minibatch: 1 to 4 examples (rows) of 2 to 5 classes (columns), each in [-5, 5].
        Default: a 3 × 4 batch.
    axis : int
        The axis the sum runs along, 0 (down each column: wrong) or 1 (along each row); the
        explorer starts from the wrong one so you can fix it.
    keepdims : bool
        Whether the sum keeps the summed axis with length 1.
    softmax_fn : callable, optional
        Your own minibatch softmax, offered as the implementation "yours" (notebook only). The
        explorer calls ``softmax_fn(O)`` with ``O`` a 2-D NumPy float64 array of shape
        ``(n, q)``, one row per example (row 0 is example 1), and expects ``P`` of the same
        shape back (a list, a NumPy array or a torch tensor; a torch function must convert:
        ``lambda O: my_softmax(torch.from_numpy(O)).numpy()``). Change the batch shape and see
        whether every row still sums to 1; an error, ``None`` or a wrong shape is shown in the
        explorer.

    Returns
    -------
    BroadcastExplorer or StaticExplorer
        The widget in a kernel; its static HTML form while the book builds.

    Examples
    --------
    >>> w = broadcast_explorer([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]], axis=1, keepdims=False)
    >>> w.readout["outcome"], w.readout["error"]["key"]
    ('error', 'broadcast.error')
    >>> w.keepdims = True
    >>> w.readout["outcome"]
    'right'
    """
    table = BroadcastExplorer.state_table
    state = table.defaults()
    if logits is not None:
        # Not finite=True: the table names a NaN or an out-of-range logit by its index.
        O = check_real_array(logits, "logits", finite=False)
        n_range, q_range = table["rows"].spec, table["cols"].spec
        if (O.ndim != 2 or not n_range["min"] <= O.shape[0] <= n_range["max"]
                or not q_range["min"] <= O.shape[1] <= q_range["max"]):
            raise ValueError(
                f"logits: expected shape (n, q) with {n_range['min']} to {n_range['max']} rows "
                f"(examples) and {q_range['min']} to {q_range['max']} columns (classes), "
                f"got {O.shape}")
        state.update(rows=O.shape[0], cols=O.shape[1],
                     logits=table.check("logits", O.ravel().tolist()))
    state["axis"] = table.check("axis", axis)
    state["keepdims"] = table.check("keepdims", keepdims)
    if softmax_fn is not None:
        check_function(softmax_fn, "softmax_fn")
        state["implementation"] = "yours"
    return show(BroadcastExplorer, state, {"softmax_fn": softmax_fn})
