r"""Explorer 4 (§3.4.3): what a fully connected layer costs, and what a PHM layer saves.

A dense layer from :math:`d` inputs to :math:`q` outputs learns :math:`dq + q` numbers. A
parameterized hypercomplex multiplication (PHM) layer builds its weight matrix as
:math:`\sum_{i=1}^n \mathbf A_i \otimes \mathbf S_i` and learns only

.. math::

    \underbrace{n^3}_{\mathbf A_i \in \mathbb R^{n\times n}}
    + \underbrace{\frac{dq}{n}}_{\mathbf S_i \in \mathbb R^{\frac qn \times \frac dn}} + q
    \;=\; O\!\Big(\frac{dq}{n}\Big),

which needs :math:`n` to divide both :math:`d` and :math:`q` (the controls say when it
does not). Counts come from :func:`softmax_lab.phm.phm_parameter_count`.
"""

from __future__ import annotations

from numbers import Integral
from typing import Any

import ipywidgets as widgets

from ..phm import phm_parameter_count
from ._base import FALLBACK_MARKUP, Explorer, number_html

__all__ = ["cost_readout", "parameter_cost_explorer"]

LIMITS = {"d": (1, 2048), "q": (1, 256), "n": (1, 16)}


def _check_size(value: object, name: str) -> int:
    lo, hi = LIMITS[name]
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name}: expected an integer, got {type(value).__name__}")
    if not lo <= int(value) <= hi:
        raise ValueError(f"{name}: must lie in [{lo}, {hi}], got {value}")
    return int(value)


def cost_readout(d: int, q: int, n: int) -> dict[str, Any]:
    r"""Parameter counts of a dense and a PHM layer from :math:`d` to :math:`q`.

    .. math::

        \#\theta_{\text{dense}} = dq + q, \qquad
        \#\theta_{\text{PHM}} = n^3 + \frac{dq}{n} + q

    ``phm`` and ``ratio`` are ``None`` when :math:`n` does not divide both :math:`d` and
    :math:`q`; ``valid_n`` lists the :math:`n \le 16` that do.

    Examples
    --------
    >>> r = cost_readout(784, 10, 2)
    >>> r["dense"], r["phm"], r["valid_n"]
    (7850, 3938, [1, 2])
    >>> cost_readout(784, 10, 4)["phm"] is None
    True
    """
    valid = [k for k in range(1, LIMITS["n"][1] + 1) if d % k == 0 and q % k == 0]
    dense = d * q + q
    phm = phm_parameter_count(d, q, n) if n in valid else None
    return {
        "d": d, "q": q, "n": n, "dense": dense, "phm": phm, "valid_n": valid,
        "ratio": None if phm is None else phm / dense,
        "message": _message(d, q, n, valid),
    }


def _message(d: int, q: int, n: int, valid: list[int]) -> str:
    bad = [name for name, size in (("d", d), ("q", q)) if size % n]
    if not bad:
        return ""
    which = " and ".join(f"{name} = {d if name == 'd' else q}" for name in bad)
    return (f"n = {n} does not divide {which}: a PHM layer needs n to divide both d and q. "
            f"Possible n here: {', '.join(map(str, valid))}.")


def parameter_cost_explorer(d: int = 784, q: int = 10, n: int = 2) -> Explorer:
    r"""Compare the parameter count of a dense layer with a PHM layer's as :math:`d, q, n` vary.

    .. math::

        dq + q \quad\text{versus}\quad n^3 + \frac{dq}{n} + q

    Parameters
    ----------
    d, q, n : int
        Inputs (1–2048), outputs (1–256) and the PHM hyperparameter (1–16).

    Examples
    --------
    >>> parameter_cost_explorer(d=64, q=16, n=4).config["n"]
    4
    """
    config = {
        "d": _check_size(d, "d"), "q": _check_size(q, "q"), "n": _check_size(n, "n"),
        "limits": {k: list(v) for k, v in LIMITS.items()},
    }
    return Explorer(
        name="cost",
        config=config,
        markup=FALLBACK_MARKUP,
        scripts=("sl_math.js", "sl_ui.js", "sl_cost.js"),
        mount="SoftmaxLab.explorers.cost",
        widget_factory=CostForm,
    )


def _count_html(name: str, value: float | None) -> str:
    if value is None:
        return f'<span class="sl-num" data-name="{name}" data-value="null">—</span>'
    if name == "ratio":
        return number_html(name, value)
    return f'<span class="sl-num" data-name="{name}" data-value="{value}">{value:,}</span>'


def render_readout(r: dict[str, Any]) -> str:
    """The HTML the notebook form shows."""
    warning = f'<p class="sl-warning">{r["message"]}</p>' if r["message"] else ""
    return (
        f"<p>dense layer: d·q + q = {_count_html('dense', r['dense'])} parameters<br>"
        f"PHM layer: n³ + d·q/n + q = {_count_html('phm', r['phm'])} parameters<br>"
        f"PHM / dense = {_count_html('ratio', r['ratio'])}</p>{warning}"
    )


class CostForm(widgets.VBox):
    """Notebook form: sliders for d, q and n; counts from softmax_lab.phm."""

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        w = widgets
        style = {"description_width": "initial"}
        self.controls = {
            name: w.IntSlider(value=config[name], min=lo, max=hi, description=label, style=style)
            for name, (lo, hi), label in (
                ("d", config["limits"]["d"], "inputs d"),
                ("q", config["limits"]["q"], "outputs q"),
                ("n", config["limits"]["n"], "PHM n"),
            )
        }
        self.display = w.HTML()
        for c in self.controls.values():
            c.observe(self.update, "value")
        self.children = (w.HTML("<b>Parameter cost: dense versus PHM</b>"),
                         *self.controls.values(), self.display)
        self.update()

    def update(self, change: dict[str, Any] | None = None) -> None:
        c = self.controls
        self.readout = cost_readout(c["d"].value, c["q"].value, c["n"].value)
        self.display.value = render_readout(self.readout)
