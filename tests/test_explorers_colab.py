"""Colab: the explorers not yet converted use core ipywidgets only (Colab shows those without a
custom widget manager); the anywidget explorers turn Colab's custom widget manager on."""

from __future__ import annotations

import ipywidgets
import pytest

from softmax_lab.explorers import (
    onehot_explorer,
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
    [onehot_explorer, weights_explorer],
)
def test_notebook_form_uses_core_ipywidgets_only(make) -> None:
    widgets = list(_tree(make().widget))
    assert len(widgets) > 3
    foreign = {(type(w).__name__, w._model_module) for w in widgets
               if w._model_module not in CORE_MODULES or w._view_module not in CORE_MODULES}
    assert foreign == set()


def test_an_anywidget_explorer_enables_colabs_custom_widget_manager(monkeypatch) -> None:
    import sys
    import types

    import anywidget._util

    calls = []
    colab = types.ModuleType("google.colab.output")
    colab.enable_custom_widget_manager = lambda: calls.append("enabled")
    monkeypatch.setitem(sys.modules, "google.colab.output", colab)
    anywidget._util.enable_custom_widget_manager_once.cache_clear()
    softmax_explorer()
    assert calls == ["enabled"]
    anywidget._util.enable_custom_widget_manager_once.cache_clear()
