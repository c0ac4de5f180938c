"""Colab: an explorer (an anywidget) turns Colab's custom widget manager on by itself."""

from __future__ import annotations

from softmax_lab.explorers import softmax_explorer


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
