r"""Explorer 5 (§3.4.7): surprisal, entropy, cross-entropy and KL divergence of two distributions.

The reader drags the bars of two distributions :math:`P` (how often each outcome happens) and
:math:`Q` (what a code, or a model, expects) over 2 to 8 outcomes, by mouse, touch or keys, or
types their weights, and reads, in nats or bits,

.. math::

    -\log P(j), \quad H[P] = -\sum_j P(j) \log P(j), \quad
    H(P, Q) = -\sum_j P(j) \log Q(j), \quad
    D_{\mathrm{KL}}(P \,\|\, Q) = H(P, Q) - H[P] \ \ge 0,

and :math:`D_{\mathrm{KL}}(Q \,\|\, P)`, which differs. Two bars of code lengths show
:math:`H[P]` and :math:`H(P, Q)` as sums of the per-outcome costs :math:`P(j) \cdot (-\log P(j))`
and :math:`P(j) \cdot (-\log Q(j))`; their difference is the KL divergence.

Dragging one bar sets that probability; the other bars of the same distribution share what is
left in proportion to their sizes (equally when they are all 0), so each stays a distribution and
never has all its weight at 0. The module ``information.js`` beside this file draws it in both
hosts; its state table is ``information.json``. :func:`information_readout` is the source of
truth for every number shown: the site's JavaScript readout is checked against it on golden
vectors.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..info import cross_entropy, entropy, kl_divergence, surprisal
from ._format import class_number
from ._hosts import ExplorerWidget, StaticExplorer, show
from .softmax import fit_label

__all__ = ["InformationExplorer", "information_explorer", "information_readout"]

BASES = {"nats": math.e, "bits": 2.0}


def check_state(state: dict[str, Any]) -> None:
    """Raise ``ValueError`` (naming the field) unless P and Q have the same outcomes."""
    if len(state["q"]) != len(state["p"]):
        raise ValueError(f"q: needs as many outcomes as p ({len(state['p'])}), "
                         f"got {len(state['q'])}")


def _normalised(dist: Sequence[float]) -> np.ndarray:
    # The table allows sums within 1e-6 of 1; the library asks for 1.5e-8. Summed left to
    # right, as the JavaScript readout does.
    total = sum(float(v) for v in dist)
    return np.array([float(v) / total for v in dist])


def _outcomes(where: np.ndarray) -> str:
    return ", ".join(str(class_number(j)) for j in np.flatnonzero(where))


def _notes(p: np.ndarray, q: np.ndarray) -> list[dict[str, Any]]:
    out = []
    if np.any(missed := (p > 0) & (q == 0)):
        out.append({"key": "information.warn_q_rules_out",
                    "values": {"outcomes": _outcomes(missed)}})
    if np.any(reverse := (q > 0) & (p == 0)):
        out.append({"key": "information.note_reverse_infinite",
                    "values": {"outcomes": _outcomes(reverse)}})
    return out


def information_readout(state: dict[str, Any]) -> dict[str, Any]:
    r"""Every number the information explorer shows for ``state``, from :mod:`softmax_lab.info`.

    .. math::

        H(P, Q) = H[P] + D_{\mathrm{KL}}(P \,\|\, Q), \qquad
        H(P, Q) = \sum_j P(j) \cdot \big(-\log Q(j)\big)

    Returns
    -------
    dict
        ``p``, ``q`` (the state's distributions), ``surprisal_p``, ``surprisal_q``
        (:math:`-\log P(j)`, :math:`-\log Q(j)`, ∞ for an impossible outcome), ``cost_p`` and
        ``cost_q`` (:math:`P(j)` times each surprisal, 0 where :math:`P(j) = 0`: the terms of
        :math:`H[P]` and :math:`H(P, Q)`), ``entropy``, ``cross_entropy``, ``kl``
        (:math:`D_{\mathrm{KL}}(P\|Q)`), ``kl_reverse`` (:math:`D_{\mathrm{KL}}(Q\|P)`), all in
        ``state["unit"]``, and ``messages``: warnings when one distribution rules out an outcome
        that the other allows (outcomes numbered from 1).

    Examples
    --------
    >>> state = {"p": [0.5, 0.25, 0.125, 0.125], "q": [0.25, 0.25, 0.25, 0.25],
    ...          "unit": "bits", "precise": False}
    >>> r = information_readout(state)
    >>> r["entropy"], r["cross_entropy"], r["kl"], r["surprisal_p"].tolist()
    (1.75, 2.0, 0.25, [1.0, 2.0, 3.0, 3.0])
    >>> information_readout({**state, "q": [0.5, 0.5, 0.0, 0.0]})["messages"]
    [{'key': 'information.warn_q_rules_out', 'values': {'outcomes': '3, 4'}}]
    """
    check_state(state)
    base = BASES[state["unit"]]
    p, q = _normalised(state["p"]), _normalised(state["q"])
    s_p, s_q = surprisal(p, base=base), surprisal(q, base=base)
    with np.errstate(invalid="ignore"):  # 0 · ∞ where P(j) = 0 is masked: such terms are 0
        cost_p = np.where(p > 0, p * s_p, 0.0)
        cost_q = np.where(p > 0, p * s_q, 0.0)
    return {
        "p": p, "q": q, "surprisal_p": s_p, "surprisal_q": s_q, "cost_p": cost_p, "cost_q": cost_q,
        "entropy": float(entropy(p, base=base)),
        "cross_entropy": float(cross_entropy(p, q, base=base)),
        "kl": float(kl_divergence(p, q, base=base)),
        "kl_reverse": float(kl_divergence(q, p, base=base)),
        "messages": _notes(p, q),
    }


class InformationExplorer(ExplorerWidget):
    """The information explorer in a kernel: traits from ``information.json``, readout from
    Python.

    Set a trait from Python (``w.unit = "bits"``, ``w.q = [0.7, 0.1, 0.1, 0.1]``) and the
    explorer redraws; read ``w.readout`` for the numbers it shows. Giving ``p`` (or ``q``) another
    number of outcomes fits the other one to it: zeros pad it, or its first entries are kept and
    renormalised.
    """

    esm_path = Path(__file__).with_suffix(".js")

    def compute_readout(self, state: dict[str, Any]) -> dict[str, Any]:
        return information_readout(state)

    def _recompute(self, change: Any = None) -> None:
        name = change["name"] if change else None
        if name in ("p", "q") and len(self.p) != len(self.q):
            other = "q" if name == "p" else "p"
            setattr(self, other, fit_label(getattr(self, other), len(change["new"])))
            return  # that assignment computes the readout
        super()._recompute(change)


def information_explorer(p: Sequence[float] | None = None, q: Sequence[float] | None = None,
                         unit: str = "nats") -> InformationExplorer | StaticExplorer:
    r"""Drag :math:`P` and :math:`Q`; read surprisals, :math:`H[P]`, :math:`H(P, Q)` and both KL
    divergences.

    .. math::

        D_{\mathrm{KL}}(P \,\|\, Q) = \sum_j P(j) \log \frac{P(j)}{Q(j)} = H(P, Q) - H[P]

    Parameters
    ----------
    p, q : sequence of float, optional
        Starting distributions: 2 to 8 probabilities each (≥ 0, summing to 1), the same number
        for both. ``p[0]`` is what the explorer calls outcome 1. Default
        :math:`P = (\frac12, \frac14, \frac18, \frac18)`, the chapter's four-symbol source, and
        :math:`Q` uniform.
    unit : {"nats", "bits"}
        Starting unit (logarithm base e or 2).

    Returns
    -------
    InformationExplorer or StaticExplorer
        The widget in a kernel; its static HTML form while the book builds.

    Examples
    --------
    >>> w = information_explorer(p=[0.9, 0.1], unit="bits")
    >>> w.q, round(w.readout["kl"], 4)
    ([0.5, 0.5], 0.531)
    >>> w.q = [0.9, 0.1]
    >>> w.readout["kl"]
    0.0
    """
    table = InformationExplorer.state_table
    state = table.defaults()
    if p is not None:
        state["p"] = table.check("p", p)
    state["q"] = ([1 / len(state["p"])] * len(state["p"]) if q is None
                  else table.check("q", q))
    if len(state["p"]) != len(state["q"]):
        raise ValueError(f"p and q: must have the same length, got {len(state['p'])} and "
                         f"{len(state['q'])}")
    state["unit"] = table.check("unit", unit)
    return show(InformationExplorer, state)
