"""softmax_lab: softmax regression, interactively.

The math (written once for NumPy and torch), the trainers, the data sets, the figures and
the explorers behind the book *Softmax Regression, interactively*.
"""

from . import display
from .calibration import expected_calibration_error, fit_temperature, reliability_bins
from .data import load_digits, load_fashion_mnist, make_toy_images
from .divergence import TrainingWarning, safe_learning_rate
from .history import Callback, History, TrainingDiverged
from .i18n import get_language, set_language
from .info import cross_entropy, entropy, kl_divergence, surprisal
from .metrics import accuracy, confusion_matrix, per_class_accuracy
from .ops import (
    cross_entropy_loss,
    cross_entropy_loss_grad,
    log_softmax,
    logsumexp,
    one_hot,
    softmax,
)
from .phm import dense_parameter_count, phm_forward, phm_parameter_count, phm_weight
from .phm_torch import PHMLinear, fit_phm
from .progress import LivePlot, ProgressBar
from .prose import glue
from .train_numpy import fit_numpy
from .train_torch import fit_torch

__version__ = "0.1.0"

__all__ = [
    "Callback",
    "History",
    "LivePlot",
    "PHMLinear",
    "ProgressBar",
    "TrainingDiverged",
    "TrainingWarning",
    "accuracy",
    "confusion_matrix",
    "cross_entropy",
    "cross_entropy_loss",
    "cross_entropy_loss_grad",
    "dense_parameter_count",
    "display",
    "entropy",
    "expected_calibration_error",
    "fit_numpy",
    "fit_phm",
    "fit_temperature",
    "fit_torch",
    "get_language",
    "glue",
    "kl_divergence",
    "load_digits",
    "load_fashion_mnist",
    "log_softmax",
    "logsumexp",
    "make_toy_images",
    "one_hot",
    "per_class_accuracy",
    "phm_forward",
    "phm_parameter_count",
    "phm_weight",
    "reliability_bins",
    "safe_learning_rate",
    "set_language",
    "softmax",
    "surprisal",
]
