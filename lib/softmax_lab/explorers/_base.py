"""One explorer, two forms: kernel-free HTML+JS for the static site, ipywidgets in a live kernel.

An :class:`Explorer` is what every explorer function returns. Displaying it (as the last
expression of a notebook cell) emits a MIME bundle with

* ``text/html`` — the kernel-free form: markup plus inline JavaScript (the shared math module
  ``static/sl_math.js`` and the explorer's own script), self-contained and offline; and
* ``application/vnd.jupyter.widget-view+json`` — the ipywidgets form, only when a live kernel
  with widget support is running and ``SOFTMAX_LAB_STATIC`` is not set.

Front ends pick the richest type they can show: JupyterLab, classic Jupyter and Colab show the
widget (numbers computed by ``softmax_lab`` in Python); the book build sets
``SOFTMAX_LAB_STATIC=1`` so only the HTML form is stored, which then runs in the reader's
browser with no kernel. Neither form can show stale, build-time numbers.
"""

from __future__ import annotations

import html
import itertools
import json
import math
import secrets
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from typing import Any

from ._bundle import bundle, exported_names
from ._hosts import RUNTIME, static_mode

_ids = itertools.count()
# Element ids must be unique on a page that also holds outputs saved by an earlier kernel
# (whose counter also started at 0), so each process adds its own random token.
_SESSION = secrets.token_hex(3)


def static_text(filename: str) -> str:
    """Text of a file shipped in ``softmax_lab/explorers/static`` (``sl_math.js`` is made from
    ``js/math.js``, the one copy of the browser math)."""
    if filename == "sl_math.js":
        return _classic_math()
    return resources.files("softmax_lab.explorers").joinpath("static", filename).read_text(
        encoding="utf-8"
    )


def _classic_math() -> str:
    # The ES module as the classic script window.SoftmaxLab.math these explorers expect.
    path = RUNTIME / "math.js"
    names = ", ".join(sorted(exported_names(path.read_text(encoding="utf-8"))))
    return (
        "(function (root) {\n  var SL = (root.SoftmaxLab = root.SoftmaxLab || {});\n"
        "  if (SL.math) return;\n" + bundle(path) + f"\n  SL.math = {{ {names} }};\n}})(window);"
    )


def _live_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def script_tag(source: str) -> str:
    # "</script" inside inline JS would end the element early.
    return "<script>\n" + source.replace("</script", "<\\/script") + "\n</script>"


#: Markup of a kernel-free form until its script replaces it; it stays where scripts cannot
#: run (an untrusted notebook, JavaScript turned off).
FALLBACK_MARKUP = (
    '<p class="sl-help">This explorer runs in your browser with JavaScript. In a notebook, '
    "run the cell to get its interactive widget form.</p>"
)

#: Id of the one <style> element that holds static/sl_explorers.css on a page.
CSS_ELEMENT_ID = "sl-explorers-css"


def css_tag() -> str:
    """A script that adds the shared explorer CSS to the page once (several explorers, one
    ``<style id="sl-explorers-css">``)."""
    css = json.dumps(static_text("sl_explorers.css"))
    return script_tag(
        f"if (!document.getElementById({json.dumps(CSS_ELEMENT_ID)})) {{"
        "  var s = document.createElement('style');"
        f"  s.id = {json.dumps(CSS_ELEMENT_ID)}; s.textContent = {css};"
        "  document.head.appendChild(s);"
        "}"
    )


def format_number(x: float, digits: int = 4) -> str:
    """How explorers show a number, in both forms (``SoftmaxLab.ui.fmt`` in JS does the same).

    Fixed point with ``digits`` decimals; scientific notation with 3 decimals below 1e-4 and
    from 1e5 in magnitude; ``NaN``, ``∞`` and ``−∞`` spelled out; no negative zero. Rounding
    is JavaScript's (``toFixed``/``toExponential``): the exact binary value, ties away from
    zero, so ``0.03125`` shows as ``0.0313`` in both forms.

    Examples
    --------
    >>> format_number(0.24472847105479764), format_number(0.03125)
    ('0.2447', '0.0313')
    >>> format_number(-1e-12), format_number(200000.0), format_number(-0.0)
    ('-1.000e-12', '2.000e+5', '0.0000')
    >>> format_number(float("nan")), format_number(float("-inf"))
    ('NaN', '−∞')
    """
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    sign, exact = ("-" if x < 0 else ""), Decimal(abs(x))
    if x != 0 and (abs(x) < 1e-4 or abs(x) >= 1e5):
        exponent = exact.adjusted()
        mantissa = exact.scaleb(-exponent).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
        if mantissa >= 10:  # 9.9996e-5 rounds up to 1.000e-4
            mantissa, exponent = Decimal("1.000"), exponent + 1
        return f"{sign}{mantissa}e{exponent:+d}"
    text = str(exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
    return text if sign == "" or float(text) == 0 else sign + text


def number_html(name: str, value: float, digits: int = 4) -> str:
    """A shown number: formatted text, with the exact value in ``data-value`` (as in JS).

    Examples
    --------
    >>> number_html("loss", 0.25)
    '<span class="sl-num" data-name="loss" data-value="0.25">0.2500</span>'
    """
    return (
        f'<span class="sl-num" data-name="{html.escape(name)}" data-value="{float(value)!r}">'
        f"{format_number(value, digits)}</span>"
    )


class Explorer:
    """An interactive explorer in both forms.

    Parameters
    ----------
    name : str
        Short identifier, e.g. ``"softmax"``; used for element ids and the JS entry point.
    config : dict
        JSON-serialisable initial state, handed to the JS ``mount`` function and used by
        ``widget_factory``.
    markup : str
        The HTML skeleton of the kernel-free form. ``{root}`` is replaced by a unique id.
    scripts : sequence of str
        Static files (in ``explorers/static``) to inline, in order, e.g.
        ``("sl_math.js", "softmax_explorer.js")``. Each script guards against being
        defined twice on one page.
    mount : str
        A JS expression evaluating to a function ``(rootElement, config) => void`` that wires
        the kernel-free form, e.g. ``"SoftmaxLab.explorers.softmax"``.
    widget_factory : callable
        ``(config) -> ipywidgets.Widget``; builds the kernel-backed form.
    """

    def __init__(
        self,
        name: str,
        config: dict[str, Any],
        markup: str,
        scripts: tuple[str, ...],
        mount: str,
        widget_factory: Callable[[dict[str, Any]], Any],
    ) -> None:
        self.name = name
        self.config = config
        self._markup = markup
        self._scripts = scripts
        self._mount = mount
        self._widget_factory = widget_factory
        self._widget = None

    @property
    def widget(self) -> Any:
        """The ipywidgets form (built on first use); tests drive it from Python."""
        if self._widget is None:
            self._widget = self._widget_factory(self.config)
        return self._widget

    def to_html(self) -> str:
        """The kernel-free form as one self-contained HTML fragment."""
        root = f"sl-{self.name}-{_SESSION}-{next(_ids)}"
        body = self._markup.replace("{root}", root)
        scripts = "\n".join(script_tag(static_text(f)) for f in self._scripts)
        boot = script_tag(
            f"({self._mount})(document.getElementById({json.dumps(root)}), "
            f"{json.dumps(self.config)});"
        )
        return (
            f'<div class="sl-explorer sl-explorer-{html.escape(self.name)}" id="{root}">'
            f"{body}</div>\n{css_tag()}\n{scripts}\n{boot}"
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = {
            "text/plain": f"<{self.name} explorer>",
            "text/html": self.to_html(),
        }
        if not static_mode() and _live_kernel():
            widget = self.widget
            bundle["application/vnd.jupyter.widget-view+json"] = {
                "version_major": 2,
                "version_minor": 0,
                "model_id": widget.model_id,
            }
        return bundle
