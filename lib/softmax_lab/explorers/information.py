r"""Explorer 5 (§3.4.7): surprisal, entropy, cross-entropy and KL divergence of two distributions.

Edit two distributions :math:`P` and :math:`Q` over 2 to 8 outcomes (each slider sets a
weight; the weights are normalised to sum to 1) and read, in nats or bits,

.. math::

    -\log P(j), \quad H[P] = -\sum_j P(j) \log P(j), \quad
    H(P, Q) = -\sum_j P(j) \log Q(j), \quad
    D_{\mathrm{KL}}(P \,\|\, Q) = H(P, Q) - H[P] \ \ge 0,

plus the ideal code length :math:`-\log_2 P(j)` bits and the whole-bit Shannon code
:math:`\lceil -\log_2 P(j) \rceil`. Everything comes from :mod:`softmax_lab.info`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets
import numpy as np

from ..info import cross_entropy, entropy, kl_divergence, surprisal
from ._base import FALLBACK_MARKUP, Explorer, number_html

__all__ = ["information_explorer", "information_readout"]

MIN_OUTCOMES, MAX_OUTCOMES = 2, 8
WEIGHT_STEP = 0.01
UNITS = {"nats": math.e, "bits": 2.0}
DEFAULT_P = (0.5, 0.25, 0.125, 0.125)


def _check_distribution(value: object, name: str) -> list[float]:
    try:
        a = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name}: expected a sequence of probabilities") from None
    if a.ndim != 1 or not MIN_OUTCOMES <= a.size <= MAX_OUTCOMES:
        raise ValueError(f"{name}: expected {MIN_OUTCOMES} to {MAX_OUTCOMES} probabilities, "
                         f"got shape {a.shape}")
    if not np.all(np.isfinite(a)) or np.any(a < 0) or abs(float(a.sum()) - 1) > 1e-6:
        raise ValueError(f"{name}: probabilities must be >= 0 and sum to 1")
    return a.tolist()


def normalise(weights: Sequence[float]) -> np.ndarray | None:
    r"""The distribution :math:`w_j / \sum_k w_k`; ``None`` when every weight is 0.

    Examples
    --------
    >>> normalise([1.0, 3.0])
    array([0.25, 0.75])
    >>> normalise([0.0, 0.0]) is None
    True
    """
    w = np.asarray(weights, dtype=float)
    total = float(np.sum(w))
    return None if total <= 0 else w / total


def information_readout(p_weights: Sequence[float], q_weights: Sequence[float],
                        unit: str = "nats") -> dict[str, Any]:
    r"""Everything the explorer shows, from :mod:`softmax_lab.info`.

    .. math::

        H(P, Q) = H[P] + D_{\mathrm{KL}}(P \,\|\, Q)

    Returns ``P``, ``Q``, ``surprisal_p``, ``surprisal_q``, ``entropy``, ``cross_entropy``,
    ``kl``, ``code_lengths`` (:math:`\lceil -\log_2 P(j) \rceil`, ``None`` where
    :math:`P(j) = 0`) and ``message`` (non-empty when a distribution has no weight).

    Examples
    --------
    >>> r = information_readout([0.5, 0.25, 0.25], [1, 1, 1], unit="bits")
    >>> r["entropy"], r["code_lengths"]
    (1.5, [1, 2, 2])
    """
    base = UNITS[unit]
    P, Q = normalise(p_weights), normalise(q_weights)
    if P is None or Q is None:
        which = "P" if P is None else "Q"
        return {"P": P, "Q": Q, "message": f"{which}: move at least one weight above 0."}
    with np.errstate(divide="ignore"):  # -log 0 = inf is the answer for an impossible outcome
        s_p, s_q = surprisal(P, base=base), surprisal(Q, base=base)
    return {
        "P": P, "Q": Q, "message": "",
        "surprisal_p": s_p, "surprisal_q": s_q,
        "entropy": float(entropy(P, base=base)),
        "cross_entropy": float(cross_entropy(P, Q, base=base)),
        "kl": float(kl_divergence(P, Q, base=base)),
        "code_lengths": [math.ceil(-math.log2(v)) if v > 0 else None for v in P],
    }


def information_explorer(p: Sequence[float] | None = None, q: Sequence[float] | None = None,
                         unit: str = "nats") -> Explorer:
    r"""Edit :math:`P` and :math:`Q`; read surprisal, :math:`H[P]`, :math:`H(P,Q)`, KL.

    .. math::

        D_{\mathrm{KL}}(P \,\|\, Q) = \sum_j P(j) \log \frac{P(j)}{Q(j)}

    Parameters
    ----------
    p, q : sequence of float, optional
        Starting distributions (2 to 8 outcomes, same length); default
        :math:`P = (\frac12, \frac14, \frac18, \frac18)` and :math:`Q` uniform.
    unit : {"nats", "bits"}
        Starting unit (logarithm base e or 2).

    Examples
    --------
    >>> information_explorer(p=[0.9, 0.1]).config["q"]
    [0.5, 0.5]
    """
    P = _check_distribution(DEFAULT_P if p is None else p, "p")
    Q = _check_distribution([1 / len(P)] * len(P) if q is None else q, "q")
    if len(P) != len(Q):
        raise ValueError(f"p and q: must have the same length, got {len(P)} and {len(Q)}")
    if unit not in UNITS:
        raise ValueError(f"unit: must be 'nats' or 'bits', got {unit!r}")
    config = {"p": P, "q": Q, "unit": unit, "step": WEIGHT_STEP,
              "minOutcomes": MIN_OUTCOMES, "maxOutcomes": MAX_OUTCOMES}
    return Explorer(
        name="information",
        config=config,
        markup=FALLBACK_MARKUP,
        scripts=("sl_math.js", "sl_ui.js", "sl_information.js"),
        mount="SoftmaxLab.explorers.information",
        widget_factory=InformationForm,
    )


def render_readout(r: dict[str, Any], unit: str) -> str:
    """The HTML the notebook form shows."""
    if r["message"]:
        return f'<p class="sl-warning">{r["message"]}</p>'
    rows = "".join(
        f'<tr><th scope="row">{j + 1}</th><td>{number_html(f"P{j}", r["P"][j])}</td>'
        f'<td>{number_html(f"Q{j}", r["Q"][j])}</td>'
        f'<td>{number_html(f"sP{j}", r["surprisal_p"][j])}</td>'
        f'<td>{number_html(f"sQ{j}", r["surprisal_q"][j])}</td>'
        f'<td data-name="code{j}">{"—" if c is None else c}</td></tr>'
        for j, c in enumerate(r["code_lengths"])
    )
    return (
        f"<p>H[P] = {number_html('entropy', r['entropy'])} {unit} &nbsp; "
        f"H(P, Q) = {number_html('cross_entropy', r['cross_entropy'])} {unit} &nbsp; "
        f"D<sub>KL</sub>(P‖Q) = {number_html('kl', r['kl'])} {unit}</p>"
        '<table class="sl-table"><thead><tr><th>outcome</th><th>P</th><th>Q</th>'
        f"<th>−log P ({unit})</th><th>−log Q ({unit})</th><th>⌈−log₂ P⌉ bits</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
    )


class InformationForm(widgets.VBox):
    """Notebook form: weight sliders for P and Q, outcome count and unit; numbers from
    softmax_lab.info."""

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        w = widgets
        self._config = config
        self.outcomes = w.Dropdown(options=list(range(config["minOutcomes"],
                                                      config["maxOutcomes"] + 1)),
                                   value=len(config["p"]), description="outcomes")
        self.unit = w.Dropdown(options=list(UNITS), value=config["unit"], description="unit")
        self.p_sliders: list[Any] = []
        self.q_sliders: list[Any] = []
        self._sliders = w.VBox()
        self.display = w.HTML()
        self._build(config["p"], config["q"])
        self.outcomes.observe(self._resize, "value")
        self.unit.observe(self.update, "value")
        self.children = (w.HTML("<b>Information theory: P and Q</b>"),
                         w.HBox([self.outcomes, self.unit]), self._sliders, self.display)
        self.update()

    def _build(self, p: Sequence[float], q: Sequence[float]) -> None:
        w = widgets
        for s in self.p_sliders + self.q_sliders:
            s.unobserve(self.update, "value")
        make = [
            [w.FloatSlider(value=v, min=0, max=1, step=self._config["step"],
                           description=f"{name} weight {j + 1}",
                           style={"description_width": "initial"})
             for j, v in enumerate(values)]
            for name, values in (("P", p), ("Q", q))
        ]
        self.p_sliders, self.q_sliders = make
        for s in self.p_sliders + self.q_sliders:
            s.observe(self.update, "value")
        self._sliders.children = tuple(
            w.HBox([a, b]) for a, b in zip(self.p_sliders, self.q_sliders, strict=True))

    def _resize(self, change: dict[str, Any] | None = None) -> None:
        k = self.outcomes.value
        p = [s.value for s in self.p_sliders]
        q = [s.value for s in self.q_sliders]
        self._build((p + [0.0] * k)[:k], (q + [0.0] * k)[:k])
        self.update()

    def update(self, change: dict[str, Any] | None = None) -> None:
        self.readout = information_readout([s.value for s in self.p_sliders],
                                           [s.value for s in self.q_sliders], self.unit.value)
        self.display.value = render_readout(self.readout, self.unit.value)
