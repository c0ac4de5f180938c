"""Explorer 6: a 2-D softmax-regression playground (§3.4.8), in the spirit of CS231n's demo.

Three classes of points in the plane, a linear model :math:`\\mathbf{o} = \\mathbf{W}\\mathbf{x}
+ \\mathbf{b}` with :math:`\\mathbf{W} \\in \\mathbb{R}^{3\\times 2}`, the decision regions
(coloured by :math:`\\operatorname{argmax}_k o_k`), each class's weight vector as an arrow,
the mean cross-entropy loss (plus an optional L2 penalty) and the descent direction
:math:`-\\partial L / \\partial \\mathbf{w}_k` of every weight vector.

The kernel-free form (``static/playground.js``) takes its gradient step from the shared math
module (``SoftmaxLab.math.gradientStep``); the kernel-backed form computes every number with
:func:`playground_step`, which uses :func:`softmax_lab.cross_entropy_loss` and
:func:`softmax_lab.cross_entropy_loss_grad`. A test holds the two to 1e-9.
"""

from __future__ import annotations

import html
import math
from numbers import Integral, Real
from typing import Any, NamedTuple

import numpy as np

from .._arrays import as_array, check_labels
from ..metrics import accuracy
from ..ops import cross_entropy_loss, cross_entropy_loss_grad
from ._base import Explorer, format_number

__all__ = ["PlaygroundStep", "playground_data", "playground_explorer", "playground_step"]

NUM_CLASSES = 3
#: Half-width of the square view, in data units: the plane shown is [-EXTENT, EXTENT]².
EXTENT = 4.0
#: Okabe–Ito colours (distinguishable with the common colour-vision deficiencies).
CLASS_COLORS = ("#0072B2", "#D55E00", "#009E73")
CLASS_TINTS = ("#b3d4ea", "#f4cdb0", "#b0e0d3")


def _check_int(value: object, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name}: expected an integer, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name}: must be >= {minimum}, got {value}")
    return int(value)


def _check_real(value: object, name: str, *, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name}: expected a real number, got {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value) or value < 0 or (positive and value == 0):
        bound = "> 0" if positive else ">= 0"
        raise ValueError(f"{name}: must be finite and {bound}, got {value!r}")
    return value


def playground_data(seed: int = 0, points_per_class: int = 30) -> tuple[np.ndarray, np.ndarray]:
    r"""Three seeded Gaussian blobs in the plane, one per class.

    Class :math:`k` is drawn from :math:`\mathcal{N}(\boldsymbol{\mu}_k, 0.75^2 \mathbf{I})`
    with centres on a circle of radius 1.6 at 90°, 210° and 330°, so the classes overlap a
    little and no linear model reaches zero loss.

    Parameters
    ----------
    seed : int
        Seed of the NumPy generator; the same seed gives the same points.
    points_per_class : int
        Number of points in each class (at least 1).

    Returns
    -------
    X : ndarray of shape (3 * points_per_class, 2)
        The points, float64.
    y : ndarray of shape (3 * points_per_class,)
        Their classes 0, 1, 2 (int64), in blocks.

    Examples
    --------
    >>> X, y = playground_data(seed=0, points_per_class=4)
    >>> X.shape, y.tolist()
    ((12, 2), [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2])
    """
    seed = _check_int(seed, "seed", 0)
    n = _check_int(points_per_class, "points_per_class", 1)
    rng = np.random.default_rng(seed)
    angles = np.deg2rad([90.0, 210.0, 330.0])
    centres = 1.6 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    X = np.concatenate([centres[k] + 0.75 * rng.standard_normal((n, 2)) for k in range(3)])
    y = np.repeat(np.arange(NUM_CLASSES, dtype=np.int64), n)
    return X, y


def _initial_parameters(seed: int) -> tuple[np.ndarray, np.ndarray]:
    # A separate stream from the data, so changing points_per_class keeps the start.
    rng = np.random.default_rng([seed, 1])
    return rng.normal(0.0, 0.8, (NUM_CLASSES, 2)), rng.normal(0.0, 0.3, NUM_CLASSES)


class PlaygroundStep(NamedTuple):
    """One gradient-descent step of the playground's model (see :func:`playground_step`)."""

    W: np.ndarray
    """Weights after the step, shape (q, d)."""
    b: np.ndarray
    """Biases after the step, shape (q,)."""
    loss: float
    """Objective at the parameters *before* the step."""
    grad_W: np.ndarray
    """Gradient of the objective with respect to W, before the step."""
    grad_b: np.ndarray
    """Gradient of the objective with respect to b, before the step."""


def playground_step(
    W: object, b: object, X: object, y: object, lr: float, l2: float = 0.0
) -> PlaygroundStep:
    r"""One full-batch gradient-descent step of softmax regression with an L2 penalty.

    .. math::

        L(\mathbf{W}, \mathbf{b}) = \frac{1}{n} \sum_{i=1}^{n}
            -\log \operatorname{softmax}(\mathbf{W}\mathbf{x}_i + \mathbf{b})_{y_i}
            + \frac{\lambda}{2} \lVert \mathbf{W} \rVert_F^2

    .. math::

        \frac{\partial L}{\partial \mathbf{W}} = \frac{1}{n} (\hat{\mathbf{Y}} - \mathbf{Y})^\top
            \mathbf{X} + \lambda \mathbf{W}, \qquad
        \frac{\partial L}{\partial \mathbf{b}} = \frac{1}{n} (\hat{\mathbf{Y}} - \mathbf{Y})^\top
            \mathbf{1}, \qquad
        \mathbf{W} \leftarrow \mathbf{W} - \eta \frac{\partial L}{\partial \mathbf{W}}

    Parameters
    ----------
    W : array_like of shape (q, d)
        Weights, one row per class.
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
        ``(W, b, loss, grad_W, grad_b)``: the parameters after the step, and the objective
        and its gradients at the parameters before it.

    Notes
    -----
    The data term and its gradient come from :func:`softmax_lab.cross_entropy_loss` and
    :func:`softmax_lab.cross_entropy_loss_grad` (``softmax(o) - y`` divided by :math:`n`);
    the chain rule through :math:`\mathbf{o} = \mathbf{W}\mathbf{x} + \mathbf{b}` multiplies
    it by :math:`\mathbf{x}^\top` for the weights and by 1 for the biases.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]]); y = np.array([0, 1])
    >>> s = playground_step(np.zeros((2, 2)), np.zeros(2), X, y, lr=1.0)
    >>> round(s.loss, 6)   # log 2: both classes equally likely at W = 0
    0.693147
    >>> s.W
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    W = _float_array(W, "W", 2)
    b = _float_array(b, "b", 1)
    X = _float_array(X, "X", 2)
    q, d = W.shape
    if b.shape != (q,):
        raise ValueError(f"b: expected shape ({q},) to match W's {q} rows, got {b.shape}")
    if X.shape[1] != d:
        raise ValueError(f"X: expected {d} columns to match W, got shape {X.shape}")
    y = check_labels(as_array(y, "y"), "y", q, (X.shape[0],), np)
    lr = _check_real(lr, "lr")
    l2 = _check_real(l2, "l2")
    logits = X @ W.T + b
    data_loss = float(cross_entropy_loss(logits, y))
    g = np.asarray(cross_entropy_loss_grad(logits, y))
    grad_W = g.T @ X + l2 * W
    grad_b = g.sum(axis=0)
    loss = data_loss + 0.5 * l2 * float(np.sum(W * W))
    return PlaygroundStep(W - lr * grad_W, b - lr * grad_b, loss, grad_W, grad_b)


def _float_array(a: object, name: str, ndim: int) -> np.ndarray:
    if not isinstance(a, (np.ndarray, list, tuple)):
        raise TypeError(f"{name}: expected a {ndim}-D array of numbers, got {type(a).__name__}")
    try:
        arr = np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name}: cannot be read as a {ndim}-D array of numbers ({err})") from None
    if arr.ndim != ndim:
        raise ValueError(f"{name}: expected a {ndim}-D array, got {arr.ndim} dimension(s)")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name}: contains NaN or infinite values")
    return arr


# --------------------------------------------------------------------------------------------
# Kernel-free form
# --------------------------------------------------------------------------------------------

_STYLE = """<style>
.sl-explorer-playground .sl-pg{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
.sl-explorer-playground .sl-pg-figure{position:relative;flex:1 1 300px;max-width:420px;
  min-width:0;aspect-ratio:1/1}
.sl-explorer-playground .sl-pg-figure canvas,.sl-explorer-playground .sl-pg-figure svg{
  position:absolute;inset:0;width:100%;height:100%;display:block}
.sl-explorer-playground .sl-pg-figure svg{touch-action:pan-y pinch-zoom}
.sl-explorer-playground .sl-pg-figure .sl-pg-handle{cursor:grab;touch-action:none}
.sl-explorer-playground .sl-pg-panel{flex:1 1 260px;min-width:0}
.sl-explorer-playground .sl-pg-caption{flex:1 1 100%;margin:0;order:1}
.sl-explorer-playground .sl-pg-buttons{display:flex;flex-wrap:wrap;gap:.4rem;margin:.5rem 0}
.sl-explorer-playground .sl-pg-buttons button{min-height:2.2rem;padding:.2rem .7rem}
.sl-explorer-playground button[aria-pressed=true]{background:var(--sl-accent,#0b62c4);
  color:var(--sl-bg,#fff)}
.sl-explorer-playground table{border-collapse:collapse;margin:.3rem 0;width:100%;
  table-layout:fixed}
.sl-explorer-playground thead th{width:24%}
.sl-explorer-playground thead th:first-child{width:28%}
.sl-explorer-playground td,.sl-explorer-playground th{padding:.15rem .25rem;text-align:left;
  white-space:nowrap;overflow-wrap:normal}
.sl-explorer-playground input[type=number]{width:4.6rem;max-width:100%}
.sl-explorer-playground tbody input[type=number]{width:100%;min-width:0;
  padding:.1rem .2rem;font-size:.9em;font-variant-numeric:tabular-nums;
  -moz-appearance:textfield;appearance:textfield}
.sl-explorer-playground tbody input[type=number]::-webkit-inner-spin-button,
.sl-explorer-playground tbody input[type=number]::-webkit-outer-spin-button{
  -webkit-appearance:none;margin:0}
.sl-explorer-playground .sl-pg-swatch{display:inline-block;width:.8em;height:.8em;
  border-radius:50%;margin-right:.3em;vertical-align:-.05em}
.sl-explorer-playground fieldset{border:1px solid var(--sl-border,#ccc);padding:.3rem .5rem;
  margin:.4rem 0;min-width:0;border-radius:6px}
.sl-explorer-playground legend{float:none;width:auto;font-size:.9em;font-weight:600;
  padding:0 .3rem;margin:0;line-height:1.4}
.sl-explorer-playground .sl-pg-row{display:flex;flex-wrap:wrap;gap:.3rem .6rem;
  align-items:center;margin:.3rem 0}
</style>"""


def _markup(names: tuple[str, ...]) -> str:
    rows = []
    for k, name in enumerate(names):
        swatch = f'<span class="sl-pg-swatch" style="background:{CLASS_COLORS[k]}"></span>'
        cells = []
        for key, label in (
            (f"w{k}0", f"w{k + 1},1"),
            (f"w{k}1", f"w{k + 1},2"),
            (f"b{k}", f"b{k + 1}"),
        ):
            aria = f"{name}: {'bias' if key[0] == 'b' else 'weight'} {label}"
            cells.append(
                f'<td><input type="number" step="0.1" id="{{root}}-{key}" data-sl="{key}" '
                f'aria-label="{html.escape(aria)}"></td>'
            )
        rows.append(f"<tr><th scope=\"row\">{swatch}{html.escape(name)}</th>{''.join(cells)}</tr>")
    return f"""{_STYLE}
<div class="sl-pg">
  <div class="sl-pg-figure">
    <canvas data-sl="regions" width="160" height="160" aria-hidden="true"></canvas>
    <svg data-sl="overlay" viewBox="0 0 300 300" role="img"
      aria-label="Points of three classes over the model's decision regions, with each class's
 weight vector as an arrow (drag its tip) and its descent direction as a dashed arrow"></svg>
  </div>
  <p class="sl-help sl-pg-caption">Regions: the class with the largest logit. Solid arrows: the
    weight vectors w<sub>k</sub>; drag a tip to move it. Dashed arrows: −∂L/∂w<sub>k</sub>,
    the way one gradient step moves each tip (by η times its length).</p>
  <div class="sl-pg-panel">
    <div class="sl-readout">
      <div><span class="sl-label">Loss</span><output data-sl="loss"></output></div>
      <div><span class="sl-label">Cross-entropy</span><output data-sl="data-loss"></output></div>
      <div><span class="sl-label">L2 penalty</span><output data-sl="penalty"></output></div>
      <div><span class="sl-label">Accuracy</span><output data-sl="accuracy"></output></div>
      <div><span class="sl-label">Steps</span><output data-sl="steps"></output></div>
    </div>
    <div class="sl-pg-buttons">
      <button type="button" data-sl="step">One gradient step</button>
      <button type="button" data-sl="run" aria-pressed="false">Run</button>
      <button type="button" data-sl="reset">Reset</button>
      <button type="button" data-sl="randomise">Randomise</button>
    </div>
    <div class="sl-control">
      <label for="{{root}}-lr">Learning rate η
        <output data-sl="lr-value" aria-hidden="true"></output></label>
      <input type="range" id="{{root}}-lr" data-sl="lr" min="-3" max="0.5" step="0.01">
    </div>
    <div class="sl-pg-row">
      <label for="{{root}}-l2">L2 strength λ</label>
      <input type="number" id="{{root}}-l2" data-sl="l2" min="0" step="0.01">
      <label><input type="checkbox" data-sl="show-grad" checked> show descent arrows</label>
    </div>
    <fieldset>
      <legend>Weights and biases (o = Wx + b)</legend>
      <table>
        <thead><tr><th scope="col">class</th><th scope="col">w·,1</th>
          <th scope="col">w·,2</th><th scope="col">b</th></tr></thead>
        <tbody>{"".join(rows)}</tbody>
      </table>
    </fieldset>
  </div>
</div>"""


def playground_explorer(
    seed: int = 0,
    *,
    points_per_class: int = 30,
    learning_rate: float = 0.1,
    l2: float = 0.0,
) -> Explorer:
    """A 2-D playground for softmax regression: drag the weights, take gradient steps.

    Parameters
    ----------
    seed : int
        Seeds the points (:func:`playground_data`) and the starting weights.
    points_per_class : int
        Points in each of the three classes.
    learning_rate : float
        Initial learning rate :math:`\\eta > 0`.
    l2 : float
        Initial L2 penalty strength :math:`\\lambda \\ge 0`.

    Returns
    -------
    Explorer
        Shows the kernel-free HTML+JS form on the site and ipywidgets in a live kernel.

    Examples
    --------
    >>> ex = playground_explorer(seed=0)
    >>> ex.name, len(ex.config["y"])
    ('playground', 90)
    """
    X, y = playground_data(seed, points_per_class)
    learning_rate = _check_real(learning_rate, "learning_rate", positive=True)
    l2 = _check_real(l2, "l2")
    W, b = _initial_parameters(seed)
    names = ("Class 1", "Class 2", "Class 3")
    config: dict[str, Any] = {
        "seed": seed,
        "X": X.tolist(),
        "y": y.tolist(),
        "W": W.tolist(),
        "b": b.tolist(),
        "lr": learning_rate,
        "l2": l2,
        "extent": EXTENT,
        "colors": list(CLASS_COLORS),
        "tints": list(CLASS_TINTS),
        "classNames": list(names),
    }
    return Explorer(
        name="playground",
        config=config,
        markup=_markup(names),
        scripts=("sl_math.js", "sl_ui.js", "playground.js"),
        mount="SoftmaxLab.explorers.playground",
        widget_factory=_playground_widget,
    )


# --------------------------------------------------------------------------------------------
# Kernel-backed form
# --------------------------------------------------------------------------------------------

_SIZE = 300.0


def _to_px(x: float, y: float) -> tuple[float, float]:
    return ((x + EXTENT) / (2 * EXTENT) * _SIZE, (EXTENT - y) / (2 * EXTENT) * _SIZE)


def _arrow(x0: float, y0: float, x1: float, y1: float, color: str, dashed: bool = False) -> str:
    (a, b), (c, d) = _to_px(x0, y0), _to_px(x1, y1)
    length = math.hypot(c - a, d - b)
    dash = ' stroke-dasharray="5 3"' if dashed else ""
    line = (
        f'<line x1="{a:.1f}" y1="{b:.1f}" x2="{c:.1f}" y2="{d:.1f}" stroke="{color}" '
        f'stroke-width="2.5"{dash}/>'
    )
    if length < 1e-6:
        return line
    ux, uy = (c - a) / length, (d - b) / length
    h = min(9.0, 0.6 * length)
    p1 = (c - h * ux + 0.5 * h * uy, d - h * uy - 0.5 * h * ux)
    p2 = (c - h * ux - 0.5 * h * uy, d - h * uy + 0.5 * h * ux)
    head = (
        f'<polygon points="{c:.1f},{d:.1f} {p1[0]:.1f},{p1[1]:.1f} {p2[0]:.1f},{p2[1]:.1f}" '
        f'fill="{color}"/>'
    )
    return line + head


def _clamp_to_view(x: float, y: float) -> tuple[float, float]:
    m = max(abs(x), abs(y)) / (EXTENT * 0.97)
    return (x / m, y / m) if m > 1 else (x, y)


def _playground_svg(
    W: np.ndarray, b: np.ndarray, X: np.ndarray, y: np.ndarray, grad_W: np.ndarray | None = None,
    cells: int = 48,
) -> str:
    """SVG of the decision regions, points, weight arrows and descent arrows (kernel form)."""
    step = 2 * EXTENT / cells
    centres = -EXTENT + step * (np.arange(cells) + 0.5)
    gx, gy = np.meshgrid(centres, centres[::-1])
    grid = np.stack([gx.ravel(), gy.ravel()], axis=1)
    region = np.argmax(grid @ W.T + b, axis=1).reshape(cells, cells)
    px = _SIZE / cells
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_SIZE:.0f} {_SIZE:.0f}" '
        'width="100%" style="max-width:420px" role="img" '
        'aria-label="Decision regions, points and weight vectors">'
    ]
    for r in range(cells):  # one rect per run of equal cells in a row
        c = 0
        while c < cells:
            e = c
            while e + 1 < cells and region[r, e + 1] == region[r, c]:
                e += 1
            parts.append(
                f'<rect x="{c * px:.2f}" y="{r * px:.2f}" width="{(e - c + 1) * px + 0.3:.2f}" '
                f'height="{px + 0.3:.2f}" fill="{CLASS_TINTS[region[r, c]]}"/>'
            )
            c = e + 1
    for (x0, x1), k in zip(X, y, strict=True):
        cx, cy = _to_px(x0, x1)
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{CLASS_COLORS[k]}" '
            'stroke="#222" stroke-width="0.8"/>'
        )
    for k in range(W.shape[0]):
        tx, ty = _clamp_to_view(*W[k])
        parts.append(_arrow(0.0, 0.0, tx, ty, CLASS_COLORS[k]))
        if grad_W is not None:
            ex, ey = _clamp_to_view(W[k, 0] - grad_W[k, 0], W[k, 1] - grad_W[k, 1])
            parts.append(_arrow(tx, ty, ex, ey, "#222", dashed=True))
    parts.append("</svg>")
    return "".join(parts)


def _playground_widget(config: dict[str, Any]) -> Any:
    import ipywidgets as widgets

    class PlaygroundWidget(widgets.VBox):
        """ipywidgets form: sliders for W, b, η and λ; every number from :func:`playground_step`."""

        def __init__(self) -> None:
            self.X = np.asarray(config["X"], dtype=np.float64)
            self.y = np.asarray(config["y"], dtype=np.int64)
            self.W0 = np.asarray(config["W"], dtype=np.float64)
            self.b0 = np.asarray(config["b"], dtype=np.float64)
            self.rng = np.random.default_rng([int(config["seed"]), 2])
            self.steps = 0
            self._quiet = False
            names = config["classNames"]
            layout = widgets.Layout(width="auto", max_width="340px")
            style = {"description_width": "initial"}
            self.w_sliders = [
                [
                    widgets.FloatSlider(
                        min=-EXTENT, max=EXTENT, step=0.01, readout_format=".3f",
                        description=f"{names[k]}: weight w{k + 1},{j + 1}", layout=layout,
                        style=style, continuous_update=True,
                    )
                    for j in range(2)
                ]
                for k in range(NUM_CLASSES)
            ]
            self.b_sliders = [
                widgets.FloatSlider(
                    min=-EXTENT, max=EXTENT, step=0.01, readout_format=".3f",
                    description=f"{names[k]}: bias b{k + 1}", layout=layout, style=style,
                )
                for k in range(NUM_CLASSES)
            ]
            self.lr_slider = widgets.FloatLogSlider(
                value=config["lr"], base=10, min=-3, max=0.5, step=0.01,
                description="learning rate η", readout_format=".3g", style=style, layout=layout,
            )
            self.l2_slider = widgets.FloatSlider(
                value=config["l2"], min=0.0, max=max(1.0, config["l2"]), step=0.01,
                description="L2 strength λ", readout_format=".2f", style=style, layout=layout,
            )
            self.step_button = widgets.Button(description="One gradient step")
            self.reset_button = widgets.Button(description="Reset")
            self.randomise_button = widgets.Button(description="Randomise")
            self.figure = widgets.HTML()
            self.readout = widgets.HTML()
            self.step_button.on_click(lambda _: self.step())
            self.reset_button.on_click(lambda _: self.reset())
            self.randomise_button.on_click(lambda _: self.randomise())
            for s in [*self._parameter_sliders(), self.l2_slider]:
                s.observe(self._on_change, names="value")
            controls = widgets.VBox(
                [
                    self.readout,
                    widgets.HBox(
                        [self.step_button, self.reset_button, self.randomise_button],
                        layout=widgets.Layout(flex_flow="row wrap"),
                    ),
                    self.lr_slider,
                    self.l2_slider,
                    *[s for row in self.w_sliders for s in row],
                    *self.b_sliders,
                ],
                layout=widgets.Layout(min_width="0", flex="1 1 300px"),
            )
            super().__init__(
                [
                    widgets.HBox(
                        [widgets.Box([self.figure], layout=widgets.Layout(flex="1 1 300px")),
                         controls],
                        layout=widgets.Layout(flex_flow="row wrap"),
                    )
                ]
            )
            self.set_parameters(self.W0, self.b0)

        def _parameter_sliders(self) -> list[Any]:
            return [s for row in self.w_sliders for s in row] + list(self.b_sliders)

        @property
        def W(self) -> np.ndarray:
            return np.array([[s.value for s in row] for row in self.w_sliders])

        @property
        def b(self) -> np.ndarray:
            return np.array([s.value for s in self.b_sliders])

        def set_parameters(self, W: np.ndarray, b: np.ndarray) -> None:
            """Show new parameters (widening a slider's range when a value leaves it)."""
            self._quiet = True
            try:
                values = list(np.asarray(W, dtype=np.float64).ravel()) + list(
                    np.asarray(b, dtype=np.float64)
                )
                for s, v in zip(self._parameter_sliders(), values, strict=True):
                    v = float(v)
                    if v > s.max:
                        s.max = math.ceil(v)
                    if v < s.min:
                        s.min = math.floor(v)
                    s.value = v
            finally:
                self._quiet = False
            self.refresh()

        def _on_change(self, change: dict[str, Any]) -> None:
            if not self._quiet:
                self.refresh()

        def evaluate(self) -> PlaygroundStep:
            return playground_step(
                self.W, self.b, self.X, self.y, lr=self.lr_slider.value, l2=self.l2_slider.value
            )

        def refresh(self) -> None:
            W, b = self.W, self.b
            s = self.evaluate()
            data_loss = float(cross_entropy_loss(self.X @ W.T + b, self.y))
            acc = accuracy(self.X @ W.T + b, self.y)
            penalty = 0.5 * self.l2_slider.value * float(np.sum(W * W))
            rows = (
                ("Loss", format_number(s.loss), "loss"),
                ("Cross-entropy", format_number(data_loss), "data-loss"),
                ("L2 penalty", format_number(penalty), "penalty"),
                ("Accuracy", format_number(acc), "accuracy"),
                ("Steps", f"{self.steps}", "steps"),
            )
            self.readout.value = "<div>" + "".join(
                f'<div>{label}: <span data-sl="{key}">{value}</span></div>'
                for label, value, key in rows
            ) + "</div>"
            self.figure.value = _playground_svg(W, b, self.X, self.y, s.grad_W)

        def step(self) -> None:
            s = self.evaluate()
            self.steps += 1
            self.set_parameters(s.W, s.b)

        def reset(self) -> None:
            self.steps = 0
            self.set_parameters(self.W0, self.b0)

        def randomise(self) -> None:
            self.steps = 0
            self.set_parameters(
                self.rng.normal(0.0, 1.2, self.W0.shape), self.rng.normal(0.0, 0.5, self.b0.shape)
            )

    return PlaygroundWidget()
