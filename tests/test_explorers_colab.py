"""The notebook forms of explorers 1–5 need no custom widget manager (Colab shows core widgets
only): every widget in them is one of ipywidgets' own controls, never a FigureWidget."""

from __future__ import annotations

import ipywidgets
import pytest

from softmax_lab.explorers import (
    information_explorer,
    onehot_explorer,
    parameter_cost_explorer,
    softmax_explorer,
    weights_explorer,
)

CORE_MODULES = {"@jupyter-widgets/controls", "@jupyter-widgets/base"}


def _tree(widget: ipywidgets.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _tree(child)


@pytest.mark.parametrize(
    "make",
    [softmax_explorer, onehot_explorer, weights_explorer, parameter_cost_explorer,
     information_explorer],
)
def test_notebook_form_uses_core_ipywidgets_only(make) -> None:
    widgets = list(_tree(make().widget))
    assert len(widgets) > 3
    foreign = {(type(w).__name__, w._model_module) for w in widgets
               if w._model_module not in CORE_MODULES or w._view_module not in CORE_MODULES}
    assert foreign == set()
