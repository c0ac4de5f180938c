"""softmax_lab's math against scipy.special and torch.nn.functional, same backend, one run.

Prints the median time of each function on float32 inputs of three shapes and the ratio
ours / fastest reference (goal: <= 1.2): the median of the ratios of calls timed back to
back, which a shared machine's changing load affects least. Run:
``python benchmarks/bench_ops.py [--runs N]``; with several runs each cell shows the median
over them, and the load average is printed before and after. Single-threaded
(torch.set_num_threads(1)) so that numbers compare across machines.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np
import scipy.special
import torch
import torch.nn.functional as F

import softmax_lab as sl

SHAPES = [(256, 10), (60000, 10), (4096, 1000)]


def paired_medians(ours: Callable[[], object], ref: Callable[[], object],
                   budget: float = 0.6) -> tuple[float, float, float]:
    """Time ``ours`` and ``ref`` alternately, call by call; return the median time of each and
    the median of the per-pair ratios. On a shared machine the load changes from one moment to
    the next: a pair measured back to back sees the same load, so its ratio is fair even when
    the absolute times are not."""
    ours()
    ref()  # warm-up
    pairs: list[tuple[float, float]] = []
    deadline = time.perf_counter() + budget
    while len(pairs) < 15 or (time.perf_counter() < deadline and len(pairs) < 4000):
        t0 = time.perf_counter()
        ours()
        t1 = time.perf_counter()
        ref()
        pairs.append((t1 - t0, time.perf_counter() - t1))
    return (statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs),
            statistics.median(p[0] / p[1] for p in pairs))


def scipy_cross_entropy(o: np.ndarray, y: np.ndarray) -> float:
    logp = scipy.special.log_softmax(o, axis=1)
    return float(-np.take_along_axis(logp, y[:, None], axis=1).mean())


def cases(shape: tuple[int, int]) -> list[tuple[str, str, Callable, list[tuple[str, Callable]]]]:
    rng = np.random.default_rng(0)
    o = rng.normal(scale=3.0, size=shape).astype(np.float32)
    y = rng.integers(0, shape[1], size=shape[0])
    ot, yt = torch.from_numpy(o), torch.from_numpy(y)
    return [
        ("numpy", "softmax", lambda: sl.softmax(o),
         [("scipy.special.softmax", lambda: scipy.special.softmax(o, axis=1))]),
        ("numpy", "log_softmax", lambda: sl.log_softmax(o),
         [("scipy.special.log_softmax", lambda: scipy.special.log_softmax(o, axis=1))]),
        ("numpy", "cross_entropy_loss", lambda: sl.cross_entropy_loss(o, y),
         [("scipy log_softmax + take", lambda: scipy_cross_entropy(o, y))]),
        ("torch", "softmax", lambda: sl.softmax(ot),
         [("F.softmax", lambda: F.softmax(ot, dim=1))]),
        ("torch", "log_softmax", lambda: sl.log_softmax(ot),
         [("F.log_softmax", lambda: F.log_softmax(ot, dim=1))]),
        ("torch", "cross_entropy_loss", lambda: sl.cross_entropy_loss(ot, yt),
         [("F.cross_entropy", lambda: F.cross_entropy(ot, yt))]),
    ]


def measure() -> list[tuple[str, str, str, float, str, float, float]]:
    """One pass over every case: (shape, backend, function, ours, reference, its time, ratio)."""
    rows = []
    for shape in SHAPES:
        for backend, name, ours, refs in cases(shape):
            timed = [(ref_name, *paired_medians(ours, ref)) for ref_name, ref in refs]
            ref_name, t_ours, t_ref, ratio = min(timed, key=lambda r: r[2])
            rows.append((str(shape), backend, name, t_ours, ref_name, t_ref, ratio))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="passes over the table (medians)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:
        pass
    print(f"numpy {np.__version__}, scipy {scipy.__version__}, torch {torch.__version__}, "
          f"python {sys.version.split()[0]}; float32; medians; 1 thread; {args.runs} run(s); "
          f"load average before: {os.getloadavg()[0]:.1f}")
    runs = [measure() for _ in range(args.runs)]
    header = f"| {'shape':>12} | {'backend':7} | {'function':18} | {'ours':>9} | " \
             f"{'reference':25} | {'ref':>9} | ratio |"
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    worst = 0.0
    for cells in zip(*runs, strict=True):
        shape, backend, name, _, ref_name, _, _ = cells[0]
        t_ours = statistics.median(c[3] for c in cells)
        t_ref = statistics.median(c[5] for c in cells)
        ratio = statistics.median(c[6] for c in cells)
        worst = max(worst, ratio)
        print(f"| {shape:>12} | {backend:7} | {name:18} | {t_ours * 1e6:7.1f}us | "
              f"{ref_name:25} | {t_ref * 1e6:7.1f}us | {ratio:5.2f} |")
    print(f"worst ratio: {worst:.2f} (goal <= 1.2); load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
