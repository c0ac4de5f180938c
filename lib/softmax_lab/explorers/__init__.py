"""Explorers: each returns an :class:`Explorer` that shows as ipywidgets in a live kernel and
as kernel-free HTML+JS on the static site."""

from ._base import Explorer
from .cost import parameter_cost_explorer
from .information import information_explorer
from .onehot import onehot_explorer
from .playground import playground_explorer
from .scrubber import training_scrubber
from .softmax import softmax_explorer
from .weights import weights_explorer

__all__ = [
    "Explorer",
    "information_explorer",
    "onehot_explorer",
    "parameter_cost_explorer",
    "playground_explorer",
    "softmax_explorer",
    "training_scrubber",
    "weights_explorer",
]
