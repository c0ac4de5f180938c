r"""Explorer (§3.4.3): what a fully connected layer costs, and what a PHM layer saves.

A dense layer from :math:`d` inputs to :math:`q` outputs learns :math:`dq + q` numbers. A
parameterized hypercomplex multiplication (PHM) layer builds its weight matrix as
:math:`\sum_{i=1}^n \mathbf A_i \otimes \mathbf S_i` and learns

.. math::

    \underbrace{n^3}_{\mathbf A_i \in \mathbb R^{n\times n}}
    + \underbrace{\frac{dq}{n}}_{\mathbf S_i \in \mathbb R^{\frac qn \times \frac dn}} + q ,

which needs :math:`n` to divide both :math:`d` and :math:`q`. So the explorer offers only those
:math:`n` (the divisors of :math:`\gcd(d, q)`: for :math:`d = 784, q = 10` just 1 and 2); when
the reader changes :math:`d` or :math:`q` so that :math:`n` no longer divides them, :math:`n`
moves to the nearest one that does, and the explorer says so. It shows both counts, the
cheapest allowed :math:`n`, and the unconstrained optimum :math:`n^\star = (dq/3)^{1/4}` of
:math:`n^3 + dq/n`.

The module ``cost.js`` beside this file draws it in both hosts; its state table is
``cost.json``. :func:`cost_readout` is the source of truth for every number shown; counts come
from :func:`softmax_lab.phm.phm_parameter_count` and
:func:`softmax_lab.phm.dense_parameter_count`.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import traitlets

from ..phm import dense_parameter_count, phm_parameter_count
from ._hosts import ExplorerWidget, StaticExplorer, show

__all__ = ["CostExplorer", "common_divisors", "cost_readout", "nearest_n",
           "parameter_cost_explorer"]

CURVE_POINTS = 41  # samples of n^3 + dq/n + q between n = 1 and the right edge of the chart


def common_divisors(d: int, q: int) -> list[int]:
    """Every :math:`n` that divides both ``d`` and ``q`` (the divisors of their gcd), ascending.

    >>> common_divisors(784, 10), common_divisors(80, 10), common_divisors(783, 10)
    ([1, 2], [1, 2, 5, 10], [1])
    """
    g = math.gcd(d, q)
    return [k for k in range(1, g + 1) if g % k == 0]


def nearest_n(d: int, q: int, n: int) -> int:
    """The allowed :math:`n` closest to ``n`` (the smaller one on a tie): where ``n`` moves when
    it stops dividing ``d`` or ``q``.

    >>> nearest_n(784, 10, 4), nearest_n(80, 10, 7), nearest_n(1024, 1024, 48)
    (2, 5, 32)
    """
    return min(common_divisors(d, q), key=lambda k: (abs(k - n), k))


def _notes(d: int, q: int, n: int, divisors: list[int], phm: int | None,
           dense: int) -> list[dict[str, Any]]:
    if n not in divisors:
        return [{"key": "cost.n_invalid", "values": {"n": n, "d": d, "q": q}}]
    if len(divisors) == 1:
        return [{"key": "cost.only_dense", "values": {"d": d, "q": q}}]
    if n == 1:
        return [{"key": "cost.n_one", "values": {}}]
    if phm is not None and phm > dense:
        return [{"key": "cost.phm_costs_more", "values": {"a": n**3}}]
    return []


def cost_readout(state: dict[str, Any]) -> dict[str, Any]:
    r"""Every number the parameter-cost explorer shows for ``state`` (``d``, ``q``, ``n``).

    .. math::

        \#\theta_{\text{dense}} = dq + q, \qquad
        \#\theta_{\text{PHM}} = n^3 + \frac{dq}{n} + q, \qquad
        n^\star = \Big(\frac{dq}{3}\Big)^{1/4}

    Returns
    -------
    dict
        ``dense`` and its terms ``dense_terms`` (:math:`dq, q`); ``divisors`` (the allowed
        :math:`n`) and ``counts`` (the PHM count of each); ``phm``, its ``terms``
        (:math:`n^3, dq/n, q`) and ``ratio`` (PHM / dense), all ``None`` when ``n`` does not
        divide ``d`` and ``q``; the cheapest allowed ``best_n``, its count ``best`` and
        ``best_ratio``; ``n_star`` and ``n_star_count`` (the curve's lowest point); ``curve``
        (``n`` and ``count`` of :math:`n^3 + dq/n + q` at 41 points, log-spaced from 1 to the
        chart's right edge ``n_max``); and ``messages`` (message keys and values).

    Examples
    --------
    >>> r = cost_readout({"d": 784, "q": 10, "n": 2})
    >>> r["dense"], r["phm"], r["terms"], r["divisors"], r["best_n"]
    (7850, 3938, [8, 3920, 10], [1, 2], 2)
    >>> round(r["n_star"], 2), r["messages"]
    (7.15, [])
    >>> cost_readout({"d": 784, "q": 10, "n": 4})["messages"][0]["key"]
    'cost.n_invalid'
    """
    d, q, n = state["d"], state["q"], state["n"]
    divisors = common_divisors(d, q)
    counts = [phm_parameter_count(d, q, k) for k in divisors]
    dense = dense_parameter_count(d, q)
    valid = n in divisors
    phm = phm_parameter_count(d, q, n) if valid else None
    best = min(counts)
    n_star = (d * q / 3) ** 0.25
    n_max = max(divisors[-1], 2 * n_star, 2.0)
    grid = [n_max ** (k / (CURVE_POINTS - 1)) for k in range(CURVE_POINTS)]
    return {
        "dense": dense,
        "dense_terms": [d * q, q],
        "divisors": divisors,
        "counts": counts,
        "phm": phm,
        "terms": [n**3, d * q // n, q] if valid else None,
        "ratio": phm / dense if valid else None,
        "best_n": divisors[counts.index(best)],
        "best": best,
        "best_ratio": best / dense,
        "n_star": n_star,
        "n_star_count": n_star**3 + d * q / n_star + q,
        "n_max": n_max,
        "curve": {"n": grid, "count": [x**3 + d * q / x + q for x in grid]},
        "messages": _notes(d, q, n, divisors, phm, dense),
    }


class CostExplorer(ExplorerWidget):
    """The parameter-cost explorer in a kernel: traits from ``cost.json``, readout from Python.

    Setting ``d`` or ``q`` so that ``n`` no longer divides both moves ``n`` to
    :func:`nearest_n`, as the controls do; setting an ``n`` that does not divide them raises
    ``TraitError``.
    """

    esm_path = Path(__file__).with_suffix(".js")

    def compute_readout(self, state: dict[str, Any]) -> dict[str, Any]:
        return cost_readout(state)

    @traitlets.observe("d", "q")
    def _keep_n_allowed(self, change: Any) -> None:
        # Registered before the readout's observer, so the readout never sees a stale n.
        if self.d % self.n or self.q % self.n:
            self.n = nearest_n(self.d, self.q, self.n)

    @traitlets.validate("n")
    def _check_n(self, proposal: Any) -> int:
        n = proposal["value"]
        if self.d % n or self.q % n:
            raise traitlets.TraitError(_not_dividing(self.d, self.q, n))
        return n


def _not_dividing(d: int, q: int, n: int) -> str:
    return (f"n: must divide both d={d} and q={q}, got n={n}; "
            f"allowed values are {common_divisors(d, q)}")


def parameter_cost_explorer(d: int = 784, q: int = 10, n: int = 2) -> CostExplorer | StaticExplorer:
    r"""Compare a dense layer's parameter count with a PHM layer's as :math:`d, q, n` vary.

    .. math::

        dq + q \quad\text{versus}\quad n^3 + \frac{dq}{n} + q ,
        \qquad n \mid d,\ n \mid q

    Parameters
    ----------
    d, q : int
        Inputs and outputs of the layer, each in [1, 4096].
    n : int
        The PHM hyperparameter; it must divide both ``d`` and ``q``.

    Returns
    -------
    CostExplorer or StaticExplorer
        The widget in a kernel; its static HTML form while the book builds.

    Examples
    --------
    >>> w = parameter_cost_explorer(d=64, q=16, n=4)
    >>> w.readout["phm"], w.readout["divisors"]
    (336, [1, 2, 4, 8, 16])
    >>> w.q = 10                  # 4 does not divide 10: n moves to the nearest allowed value
    >>> w.n
    2
    """
    table = CostExplorer.state_table
    state = {name: table.check(name, value) for name, value in (("d", d), ("q", q), ("n", n))}
    if state["d"] % state["n"] or state["q"] % state["n"]:
        raise ValueError(_not_dividing(state["d"], state["q"], state["n"]))
    return show(CostExplorer, state)
