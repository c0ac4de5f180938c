r"""Explorer 1 (the flagship, §3.4.4 and §3.4.6): logits → probabilities → loss → gradient.

3 to 10 logits, set by sliders (and, on the site, by dragging the bars); a true class,
optionally smoothed into a soft label; a temperature :math:`T`; and a shift added to every
logit. It shows

.. math::

    \hat{\mathbf y} = \operatorname{softmax}(\mathbf o / T), \qquad
    l = -\sum_j y_j \log \hat y_j, \qquad
    \frac{\partial l}{\partial o_j} = \frac{\hat y_j - y_j}{T}, \qquad
    H[\hat{\mathbf y}], \qquad \operatorname{argmax}_j o_j .

With ``T = 1`` the gradient is the book's :math:`\operatorname{softmax}(\mathbf o) - \mathbf y`.
Shifting every logit by the same amount changes nothing in the stable form; the *naive*
form :math:`\exp(o_j) / \sum_k \exp(o_k)` overflows once a logit passes about 709
(``exp(710)`` is ``inf`` in float64) and shows NaN. In a notebook you can pass your own
``softmax_fn`` and watch it do the same.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from numbers import Integral, Real
from typing import Any

import ipywidgets as widgets
import numpy as np

from ..info import entropy
from ..ops import cross_entropy_loss, cross_entropy_loss_grad, one_hot, softmax
from ._base import FALLBACK_MARKUP, Explorer, number_html

__all__ = ["softmax_explorer"]

MIN_CLASSES, MAX_CLASSES = 3, 10
LOGIT_RANGE = 10.0  # sliders and bars span [-10, 10]
LOGIT_STEP = 0.1
SHIFT_MAX, SHIFT_STEP = 1000.0, 10.0
LOG10_T_RANGE = 1.0  # temperature slider spans 10**[-1, 1]
LOG10_T_STEP = 0.01
SMOOTHING_STEP = 0.01
IMPLEMENTATIONS = {"stable": "stable (shift by the max)", "naive": "naive exp(o)/Σexp(o)"}


def _check_logits(logits: object) -> list[float]:
    if isinstance(logits, (str, bytes)) or not isinstance(logits, (Sequence, np.ndarray)):
        raise TypeError(f"logits: expected a sequence of numbers, got {type(logits).__name__}")
    values = []
    for v in logits:
        if isinstance(v, bool) or not isinstance(v, (Real, np.floating, np.integer)):
            raise TypeError(f"logits: expected numbers, got {type(v).__name__}")
        v = float(v)
        if not math.isfinite(v) or abs(v) > LOGIT_RANGE:
            raise ValueError(
                f"logits: each must be finite and in [-{LOGIT_RANGE:g}, {LOGIT_RANGE:g}] "
                f"(use the shift control for large logits), got {v!r}"
            )
        values.append(v)
    if not MIN_CLASSES <= len(values) <= MAX_CLASSES:
        raise ValueError(
            f"logits: expected {MIN_CLASSES} to {MAX_CLASSES} values, got {len(values)}"
        )
    return values


def _check_target(target: object, q: int) -> int | list[float]:
    if isinstance(target, bool):
        raise TypeError("target: expected a class index or a probability vector, got bool")
    if isinstance(target, Integral):
        if not 0 <= int(target) < q:
            raise ValueError(f"target: class index must be in [0, {q}), got {target}")
        return int(target)
    if isinstance(target, (Sequence, np.ndarray)) and not isinstance(target, (str, bytes)):
        y = np.asarray(target, dtype=float)
        if y.shape != (q,):
            raise ValueError(f"target: a soft label needs {q} probabilities, got shape {y.shape}")
        if not np.all(np.isfinite(y)) or np.any(y < 0) or abs(float(y.sum()) - 1) > 1e-6:
            raise ValueError("target: a soft label must be non-negative and sum to 1")
        return [float(v) for v in y]
    raise TypeError(
        f"target: expected a class index or a probability vector, got {type(target).__name__}"
    )


def _check_temperature(temperature: object) -> float:
    if isinstance(temperature, bool) or not isinstance(temperature, Real):
        raise TypeError(f"temperature: expected a number, got {type(temperature).__name__}")
    t = float(temperature)
    lo, hi = 10.0**-LOG10_T_RANGE, 10.0**LOG10_T_RANGE
    if not (math.isfinite(t) and lo <= t <= hi):
        raise ValueError(f"temperature: must lie in [{lo:g}, {hi:g}], got {temperature!r}")
    return t


def target_vector(target: int | Sequence[float], q: int, smoothing: float = 0.0) -> np.ndarray:
    r"""The target distribution :math:`\mathbf y` the explorer uses.

    A class index :math:`c` gives the one-hot row, smoothed towards uniform by
    :math:`\varepsilon`: :math:`\mathbf y = (1 - \varepsilon)\,\mathbf e_c + \varepsilon / q`.
    A probability vector is used as given (``smoothing`` is ignored).

    Examples
    --------
    >>> target_vector(1, 3)
    array([0., 1., 0.])
    >>> target_vector(0, 4, smoothing=0.2)
    array([0.85, 0.05, 0.05, 0.05])
    """
    if not isinstance(target, Integral):
        return np.asarray(target, dtype=float)
    y = one_hot(np.array(int(target)), q)
    return y if smoothing == 0 else (1 - smoothing) * y + smoothing / q


def softmax_readout(
    logits: Sequence[float],
    target: int | Sequence[float],
    temperature: float = 1.0,
    shift: float = 0.0,
    smoothing: float = 0.0,
    softmax_fn: Callable[[np.ndarray], Any] | str = "stable",
) -> dict[str, Any]:
    r"""Every number the softmax explorer shows, computed with ``softmax_lab``.

    The logits are :math:`o_j = \text{logits}_j + \text{shift}`. With ``softmax_fn="stable"``

    .. math::

        \hat{\mathbf y} = \operatorname{softmax}(\mathbf o, T), \quad
        l = \texttt{cross\_entropy\_loss}(\mathbf o / T, \mathbf y), \quad
        \nabla_{\mathbf o}\, l = \texttt{cross\_entropy\_loss\_grad}(\mathbf o / T, \mathbf y) / T.

    With ``"naive"`` or a callable, :math:`\hat{\mathbf y}` is ``softmax_fn(o / T)`` and the
    rest is computed from those probabilities, as a first implementation would:
    :math:`l = -\sum_{y_j > 0} y_j \log \hat y_j`, gradient :math:`(\hat{\mathbf y} - \mathbf
    y)/T`, entropy NaN when any probability is not finite.

    Returns
    -------
    dict
        ``o``, ``shift``, ``y``, ``p``, ``loss``, ``grad``, ``entropy``, ``predicted``
        (argmax of the logits, first on ties), ``total`` (:math:`\sum_j \hat y_j`) and
        ``overflow`` (some probability is not finite).

    Examples
    --------
    >>> r = softmax_readout([0.0, 0.0, 0.0], 0)
    >>> round(r["loss"], 6), r["predicted"]
    (1.098612, 0)
    >>> softmax_readout([1.0, 0.0, 0.0], 0, shift=1000, softmax_fn="naive")["overflow"]
    True
    """
    o = np.asarray(logits, dtype=float) + shift
    q = o.size
    y = target_vector(target, q, smoothing)
    z = o / temperature
    soft = not isinstance(target, Integral) or smoothing > 0
    if softmax_fn == "stable":
        p = softmax(o, temperature=temperature)
        tgt = y[None] if soft else np.array([int(target)])
        loss = float(cross_entropy_loss(z[None], tgt))
        grad = cross_entropy_loss_grad(z[None], tgt, reduction="sum")[0] / temperature
        h = float(entropy(p))
    else:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            p = naive_softmax(z) if softmax_fn == "naive" else softmax_fn(z)  # type: ignore[operator]
            p = np.asarray(p, dtype=float).reshape(q)
            loss = float(-np.sum(np.where(y > 0, y * np.log(p), 0.0)))
            grad = (p - y) / temperature
            finite = bool(np.all(np.isfinite(p)))
            h = float(-np.sum(np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)))
            h = h if finite else math.nan
    return {
        "o": o, "shift": float(shift), "y": y, "p": p, "loss": loss,
        "grad": np.asarray(grad, dtype=float),
        "entropy": h, "predicted": int(np.argmax(o)), "total": float(np.sum(p)),
        "overflow": not bool(np.all(np.isfinite(p))),
    }


def naive_softmax(o: np.ndarray) -> np.ndarray:
    r"""The textbook formula with no shift: :math:`\exp(o_j) / \sum_k \exp(o_k)`.

    Shown only to fail: ``exp(710)`` overflows to ``inf`` and ``inf / inf`` is NaN.

    Examples
    --------
    >>> import numpy as np
    >>> with np.errstate(over="ignore", invalid="ignore"):
    ...     naive_softmax(np.array([1000.0, 0.0]))
    array([nan,  0.])
    """
    e = np.exp(np.asarray(o, dtype=float))
    return e / np.sum(e)


def _config(logits: list[float], target: int | list[float], temperature: float,
            softmax_fn: Any) -> dict[str, Any]:
    return {
        "logits": logits,
        "target": target,
        "temperature": temperature,
        "shift": 0.0,
        "smoothing": 0.0,
        "implementation": "stable",
        "limits": {
            "logit": LOGIT_RANGE, "logitStep": LOGIT_STEP, "shiftMax": SHIFT_MAX,
            "shiftStep": SHIFT_STEP, "log10T": LOG10_T_RANGE, "log10TStep": LOG10_T_STEP,
            "smoothingStep": SMOOTHING_STEP, "minClasses": MIN_CLASSES,
            "maxClasses": MAX_CLASSES,
        },
    }


def softmax_explorer(
    logits: Sequence[float] = (2.0, 1.0, 0.1),
    target: int | Sequence[float] = 0,
    temperature: float = 1.0,
    softmax_fn: Callable[[np.ndarray], Any] | None = None,
) -> Explorer:
    r"""Drag the logits; watch the probabilities, the loss, its gradient and the entropy move.

    .. math::

        \hat y_j = \frac{\exp(o_j / T)}{\sum_k \exp(o_k / T)}, \qquad
        l = -\sum_j y_j \log \hat y_j, \qquad
        \frac{\partial l}{\partial o_j} = \frac{\hat y_j - y_j}{T}

    Parameters
    ----------
    logits : sequence of float
        3 to 10 starting logits, each in [-10, 10].
    target : int or sequence of float
        The true class (0-based), or a soft label (probabilities, one per class).
    temperature : float
        Starting temperature :math:`T` in [0.1, 10].
    softmax_fn : callable, optional
        Notebook form only: your own ``softmax(o) -> probabilities`` (a 1-D NumPy array in,
        one out), offered as an implementation next to the stable and the naive one. Raise
        the shift control to watch a naive version produce NaN.

    Returns
    -------
    Explorer
        Shows as ipywidgets in a live kernel and as a kernel-free HTML form on the site.

    Examples
    --------
    >>> ex = softmax_explorer(logits=(1.0, 0.0, -1.0), target=2)
    >>> ex.config["target"], len(ex.config["logits"])
    (2, 3)
    >>> "sl_math.js" in ex.to_html() or "SoftmaxLab.math" in ex.to_html()
    True
    """
    values = _check_logits(logits)
    tgt = _check_target(target, len(values))
    t = _check_temperature(temperature)
    if softmax_fn is not None and not callable(softmax_fn):
        raise TypeError(f"softmax_fn: expected a callable, got {type(softmax_fn).__name__}")
    config = _config(values, tgt, t, softmax_fn)
    return Explorer(
        name="softmax",
        config=config,
        markup=FALLBACK_MARKUP,
        scripts=("sl_math.js", "sl_ui.js", "sl_softmax.js"),
        mount="SoftmaxLab.explorers.softmax",
        widget_factory=lambda cfg: SoftmaxForm(cfg, softmax_fn),
    )



# --------------------------------------------------------------------------------------
# Kernel-backed form: ipywidgets, every number from softmax_lab.


def _bars_svg(logits: np.ndarray, p: np.ndarray, y: np.ndarray) -> str:
    """Logit bars (around 0) above probability bars, with the target as an outline."""
    q = logits.size
    col, h, unit = 40, 90, 4.0  # unit: pixels per logit
    w = col * q + 20
    mid, base = h / 2 + 10, 2 * h + 20
    parts = [f'<svg viewBox="0 0 {w} {2 * h + 40}" width="{w}" role="img" '
             'aria-label="Bars: logits above; probabilities and target below">',
             f'<line x1="10" x2="{w - 10}" y1="{mid}" y2="{mid}" stroke="#888"/>']
    for j in range(q):
        x = 15 + j * col
        v = float(logits[j]) * unit
        parts.append(f'<rect x="{x}" y="{mid - max(v, 0):.1f}" width="{col - 10}" '
                     f'height="{abs(v):.1f}" fill="#0b62c4"/>')
        pj = float(p[j]) if math.isfinite(float(p[j])) else 0.0
        yj = float(y[j])
        parts.append(f'<rect x="{x}" y="{base - pj * (h - 10):.1f}" width="{col - 10}" '
                     f'height="{pj * (h - 10):.1f}" fill="#9cc3ee"/>')
        parts.append(f'<rect x="{x}" y="{base - yj * (h - 10):.1f}" width="{col - 10}" '
                     f'height="{yj * (h - 10):.1f}" fill="none" stroke="#b35c00" '
                     'stroke-width="2"/>')
        parts.append(f'<text x="{x + (col - 10) / 2}" y="{base + 14}" '
                     f'text-anchor="middle">{j + 1}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_readout(r: dict[str, Any]) -> str:
    """The HTML the notebook form shows for one :func:`softmax_readout` result."""
    q = r["o"].size
    rows = "".join(
        f'<tr><th scope="row">{j + 1}</th><td>{number_html(f"o{j}", r["o"][j])}</td>'
        f'<td>{number_html(f"p{j}", r["p"][j])}</td><td>{number_html(f"y{j}", r["y"][j])}</td>'
        f'<td>{number_html(f"grad{j}", r["grad"][j])}</td></tr>'
        for j in range(q)
    )
    warning = ""
    if r["overflow"]:
        warning = ('<p class="sl-warning" role="status">exp(o) overflowed: some probabilities '
                   "are not finite (NaN), so the loss and entropy are meaningless. The stable "
                   "form subtracts max(o) first.</p>")
    return (
        '<div class="sl-explorer-readout">'
        f"{_bars_svg(r['o'] - r['shift'], r['p'], r['y'])}"
        f"<p><b>loss</b> −Σ y log ŷ = {number_html('loss', r['loss'])} &nbsp; "
        f"<b>entropy</b> H[ŷ] = {number_html('entropy', r['entropy'])} nats &nbsp; "
        f"<b>predicted class</b> <span data-name=\"predicted\" data-value=\"{r['predicted']}\">"
        f"{r['predicted'] + 1}</span> &nbsp; <b>Σŷ</b> = {number_html('total', r['total'])}</p>"
        f"{warning}"
        '<table class="sl-table"><thead><tr><th>class</th><th>logit o</th><th>ŷ</th>'
        "<th>target y</th><th>∂l/∂o</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


class SoftmaxForm(widgets.VBox):
    """The notebook form: sliders and selectors whose callbacks recompute with softmax_lab.

    ``controls`` holds the widgets by name, ``logit_sliders`` the logits, ``readout`` the
    last :func:`softmax_readout` result and ``display`` the HTML it shows. Exceptions in our
    callbacks propagate (so a test that sets a control sees them); only an exception raised
    by a learner's own ``softmax_fn`` is caught and shown, since watching it fail is the point.
    """

    def __init__(self, config: dict[str, Any], softmax_fn: Callable | None = None) -> None:
        super().__init__()
        w = widgets
        self.softmax_fn = softmax_fn
        self.error: str | None = None
        lim = config["limits"]
        impl = [(label, key) for key, label in IMPLEMENTATIONS.items()]
        if softmax_fn is not None:
            impl.append(("your softmax_fn", "yours"))
        q = len(config["logits"])
        self._soft_target = config["target"] if isinstance(config["target"], list) else None
        self.controls: dict[str, Any] = {
            "classes": w.Dropdown(options=list(range(lim["minClasses"], lim["maxClasses"] + 1)),
                                  value=q, description="classes q"),
            "target": w.Dropdown(options=self._target_options(q),
                                 value="soft" if self._soft_target else config["target"],
                                 description="true class"),
            "smoothing": w.FloatSlider(value=config["smoothing"], min=0, max=1,
                                       step=lim["smoothingStep"], description="smoothing ε"),
            "temperature": w.FloatLogSlider(value=config["temperature"], base=10,
                                            min=-lim["log10T"], max=lim["log10T"],
                                            step=lim["log10TStep"], description="temperature T"),
            "shift": w.FloatSlider(value=config["shift"], min=0, max=lim["shiftMax"],
                                   step=lim["shiftStep"], description="shift all by"),
            "implementation": w.Dropdown(options=impl,
                                         value="yours" if softmax_fn else "stable",
                                         description="softmax"),
        }
        self.logit_sliders: list[Any] = []
        self._logit_box = w.VBox()
        self.display = w.HTML()
        self._set_logits(config["logits"])
        for name, control in self.controls.items():
            control.style = {"description_width": "initial"}
            control.observe(self._on_classes if name == "classes" else self.update, "value")
        self.children = (
            w.HTML("<b>Softmax, loss and gradient</b>"),
            w.HBox([self.controls["classes"], self.controls["target"],
                    self.controls["implementation"]], layout=w.Layout(flex_flow="row wrap")),
            self._logit_box,
            w.HBox([self.controls["smoothing"], self.controls["temperature"],
                    self.controls["shift"]], layout=w.Layout(flex_flow="row wrap")),
            self.display,
        )
        self.update()

    def _target_options(self, q: int) -> list[tuple[str, Any]]:
        opts: list[tuple[str, Any]] = [(f"class {j + 1}", j) for j in range(q)]
        if self._soft_target is not None and len(self._soft_target) == q:
            opts.append(("given soft label", "soft"))
        return opts

    def _set_logits(self, values: Sequence[float]) -> None:
        w = widgets
        lim = LOGIT_RANGE
        for s in self.logit_sliders:
            s.unobserve(self.update, "value")
        self.logit_sliders = [
            w.FloatSlider(value=v, min=-lim, max=lim, step=LOGIT_STEP,
                          description=f"logit o{j + 1}", style={"description_width": "initial"})
            for j, v in enumerate(values)
        ]
        for s in self.logit_sliders:
            s.observe(self.update, "value")
        self._logit_box.children = tuple(self.logit_sliders)

    def _on_classes(self, change: dict[str, Any] | None = None) -> None:
        q = self.controls["classes"].value
        old = [s.value for s in self.logit_sliders]
        self._set_logits((old + [0.0] * q)[:q])
        target = self.controls["target"]
        options = self._target_options(q)
        keep = target.value if target.value in [v for _, v in options] else 0
        target.options = options
        target.value = keep
        self.update()

    def state(self) -> dict[str, Any]:
        """The current inputs, as :func:`softmax_readout` takes them."""
        c = self.controls
        target = self._soft_target if c["target"].value == "soft" else c["target"].value
        impl = c["implementation"].value
        return {
            "logits": [s.value for s in self.logit_sliders],
            "target": target,
            "temperature": c["temperature"].value,
            "shift": c["shift"].value,
            "smoothing": c["smoothing"].value,
            "softmax_fn": self.softmax_fn if impl == "yours" else impl,
        }

    def update(self, change: dict[str, Any] | None = None) -> None:
        state = self.state()
        self.controls["smoothing"].disabled = state["target"] is self._soft_target and (
            self._soft_target is not None)
        self.error = None
        try:
            self.readout = softmax_readout(**state)
        except Exception as err:
            if state["softmax_fn"] is not self.softmax_fn or self.softmax_fn is None:
                raise  # our bug: let it surface
            self.error = f"your softmax_fn raised {type(err).__name__}: {err}"
            self.display.value = f'<p class="sl-warning">{html.escape(self.error)}</p>'
            return
        self.display.value = render_readout(self.readout)
