"""softmax_lab: softmax regression, interactively.

The math (written once for NumPy and torch), the trainers, the data sets, the figures and
the explorers behind the book *Softmax Regression, interactively*.
"""

from .info import cross_entropy, entropy, kl_divergence, surprisal
from .metrics import accuracy
from .ops import (
    cross_entropy_loss,
    cross_entropy_loss_grad,
    log_softmax,
    logsumexp,
    one_hot,
    softmax,
)

__version__ = "0.1.0"

__all__ = [
    "accuracy",
    "cross_entropy",
    "cross_entropy_loss",
    "cross_entropy_loss_grad",
    "entropy",
    "kl_divergence",
    "log_softmax",
    "logsumexp",
    "one_hot",
    "softmax",
    "surprisal",
]
