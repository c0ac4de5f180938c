"""Explorers: each returns an :class:`Explorer` that shows as ipywidgets in a live kernel and
as kernel-free HTML+JS on the static site."""

from ._base import Explorer

__all__ = ["Explorer"]
