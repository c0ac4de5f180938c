"""Explorers: interactive figures that run in a kernel (anywidget) and on the static site.

Each explorer is one ES module (``softmax.js``) with a state table beside it
(``softmax.json``) and a Python module (``softmax.py``) whose readout function is the source of
truth for every number shown; see ``README.md`` in this folder for how to add one.
"""

from ._hosts import ExplorerWidget, StaticExplorer
from .broadcast import BroadcastExplorer, broadcast_explorer
from .cost import CostExplorer, parameter_cost_explorer
from .information import InformationExplorer, information_explorer
from .onehot import OneHotExplorer, onehot_explorer
from .playground import PlaygroundExplorer, playground_explorer, playground_step
from .scrubber import ScrubberExplorer, training_scrubber
from .softmax import SoftmaxExplorer, softmax_explorer
from .weights import WeightsExplorer, weights_explorer

__all__ = [
    "BroadcastExplorer",
    "CostExplorer",
    "ExplorerWidget",
    "InformationExplorer",
    "OneHotExplorer",
    "PlaygroundExplorer",
    "ScrubberExplorer",
    "SoftmaxExplorer",
    "StaticExplorer",
    "WeightsExplorer",
    "broadcast_explorer",
    "information_explorer",
    "onehot_explorer",
    "parameter_cost_explorer",
    "playground_explorer",
    "playground_step",
    "softmax_explorer",
    "training_scrubber",
    "weights_explorer",
]
