"""Backends and dtypes that the math is tested on: NumPy and torch, float32 and float64."""

from __future__ import annotations

import os

import numpy as np
import pytest
import torch
from hypothesis import settings

# No per-example deadline: on a shared machine a busy moment is not a bug. Mutation testing
# (benchmarks/mutation.py) runs derandomised, so that a mutant's fate is reproducible.
settings.register_profile("ci", max_examples=60, deadline=None)
settings.register_profile("mutation", max_examples=8, deadline=None, derandomize=True,
                          database=None)
settings.load_profile(os.environ.get("SOFTMAX_LAB_HYPOTHESIS", "ci"))

# The math tests run thousands of tiny torch operations: with two threads, each waits for the
# other to be scheduled (300 µs for a 3×4 softmax on a busy two-core machine instead of 3 µs).
torch.set_num_threads(1)

BACKENDS = ["numpy", "torch"]
DTYPES = ["float32", "float64"]

# Tolerances for comparing against an exact reference, per dtype.
RTOL = {"float32": 2e-5, "float64": 1e-11}
ATOL = {"float32": 2e-6, "float64": 1e-12}


def make(values, backend: str, dtype: str):
    """``values`` as an array of the backend and dtype."""
    arr = np.asarray(values, dtype=dtype)
    return torch.from_numpy(arr.copy()) if backend == "torch" else arr


def to_numpy(x) -> np.ndarray:
    if isinstance(x, torch.Tensor):
        return x.detach().cpu().numpy()
    return np.asarray(x)


backend_and_dtype = pytest.mark.parametrize(
    ("backend", "dtype"), [(b, d) for b in BACKENDS for d in DTYPES]
)
