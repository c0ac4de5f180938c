"""Seconds per training epoch: a D2L-style loop against softmax_lab's two trainers.

Run: ``python benchmarks/bench_train.py`` (add ``--device cuda`` on a GPU machine).

One run, the same synthetic Fashion-MNIST-shaped data for all (60000 × 784 float32 in [0, 1],
ten classes, batch 256, lr 0.1):

(a) a reference loop in the style of D2L §3.6: ``TensorDataset`` + ``DataLoader``, softmax
    written as ``exp / sum``, loss ``-log(p[range(n), y])``, autograd, manual SGD;
(b) ``softmax_lab.fit_numpy`` (NumPy, analytic gradient);
(c) ``softmax_lab.fit_torch`` (``nn.Linear`` + cross-entropy + ``optim.SGD``).

It prints the median and best seconds per epoch of each and the ratios (a)/(b), (a)/(c).
CPU timings are single-threaded: BLAS and torch are limited to one thread. Not a test: it
never fails on time. Goals: (a)/(b) >= 5 and (a)/(c) >= 3.
"""

from __future__ import annotations

import os

# One thread for every BLAS and OpenMP pool, set before NumPy or torch load them.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402

import numpy as np  # noqa: E402

N, D, Q, BATCH, LR = 60000, 784, 10, 256, 0.1
#: Reading 60000 × 784 float32 (188 MB) once at 15 GB/s; the 1.9 GFLOP of the two matrix
#: products are cheaper than that on this class of machine.
LOWER_BOUND_MS = 12.4


def synthetic_data(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Fashion-MNIST-shaped inputs with labels from a random linear teacher (learnable)."""
    rng = np.random.default_rng(seed)
    X = rng.random((N, D), dtype=np.float32)
    teacher = rng.normal(size=(D, Q)).astype(np.float32)
    y = np.argmax((X - 0.5) @ teacher + rng.gumbel(size=(N, Q)), axis=1).astype(np.int64)
    return X, y


def d2l_style_epochs(X: np.ndarray, y: np.ndarray, epochs: int, device: str) -> list[float]:
    """The reference: D2L-style from-scratch softmax regression, timed per epoch."""
    import torch
    from torch.utils.data import DataLoader, TensorDataset

    torch.manual_seed(0)
    dev = torch.device(device)
    loader = DataLoader(TensorDataset(torch.from_numpy(X), torch.from_numpy(y)),
                        batch_size=BATCH, shuffle=True)
    W = torch.normal(0, 0.01, size=(D, Q), device=dev, requires_grad=True)
    b = torch.zeros(Q, device=dev, requires_grad=True)

    def net(Xb: torch.Tensor) -> torch.Tensor:
        e = torch.exp(Xb.reshape(-1, D) @ W + b)
        return e / e.sum(1, keepdim=True)

    seconds = []
    for _ in range(epochs):
        _sync(dev)
        start = time.perf_counter()
        total_loss, correct, count = 0.0, 0.0, 0
        for Xb, yb in loader:
            Xb, yb = Xb.to(dev), yb.to(dev)
            y_hat = net(Xb)
            loss = -torch.log(y_hat[range(len(y_hat)), yb])
            loss.sum().backward()
            with torch.no_grad():
                for param in (W, b):
                    param -= LR * param.grad / len(yb)
                    param.grad.zero_()
            total_loss += float(loss.detach().sum())
            correct += float((y_hat.argmax(1) == yb).sum())
            count += len(yb)
        _sync(dev)
        seconds.append(time.perf_counter() - start)
    return seconds


def _sync(dev: object) -> None:
    import torch

    if getattr(dev, "type", dev) == "cuda":
        torch.cuda.synchronize()


def measure(name: str, run: Callable[[], list[float]], warmup: int) -> dict[str, float]:
    seconds = run()[warmup:]
    return {"name": name, "median": statistics.median(seconds), "best": min(seconds)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=5, help="timed epochs per variant")
    parser.add_argument("--device", default="cpu", help="device of (a) and (c): cpu or cuda")
    args = parser.parse_args()

    import torch
    from threadpoolctl import threadpool_info, threadpool_limits

    import softmax_lab as sl

    if args.device == "cpu":
        torch.set_num_threads(1)
    coretype = os.environ.get("OPENBLAS_CORETYPE")
    X, y = synthetic_data()
    epochs, warmup = args.epochs + 1, 1  # the first epoch warms caches and allocators
    with threadpool_limits(1):
        blas = ", ".join(f"{i['internal_api']} {i.get('architecture', '')} "
                         f"x{i['num_threads']}" for i in threadpool_info())
        rows = [
            measure("(a) D2L-style loop (DataLoader, exp/sum, autograd)",
                    lambda: d2l_style_epochs(X, y, epochs, args.device), warmup),
            measure("(b) softmax_lab.fit_numpy",
                    lambda: sl.fit_numpy(X, y, epochs=epochs, lr=LR, batch_size=BATCH)[1].seconds,
                    warmup),
            measure(f"(c) softmax_lab.fit_torch (device={args.device})",
                    lambda: sl.fit_torch(X, y, epochs=epochs, lr=LR, batch_size=BATCH,
                                         device=args.device)[1].seconds, warmup),
        ]

    device_name = (torch.cuda.get_device_name() if args.device.startswith("cuda")
                   else "CPU, 1 thread")
    print(f"data {N}x{D} float32, {Q} classes, batch {BATCH}, lr {LR}; {args.epochs} timed "
          f"epochs after {warmup} warm-up; (a) and (c) on {device_name}")
    print(f"numpy {np.__version__} [{blas}], torch {torch.__version__}, "
          f"OPENBLAS_CORETYPE={coretype or '(unset)'}")
    print(f"{'variant':58s} {'median ms':>10s} {'best ms':>9s} {'(a)/x median':>13s} "
          f"{'(a)/x best':>11s}")
    ref, ref_best = rows[0]["median"], rows[0]["best"]
    for row in rows:
        print(f"{row['name']:58s} {1e3 * row['median']:10.1f} {1e3 * row['best']:9.1f} "
              f"{ref / row['median']:13.2f} {ref_best / row['best']:11.2f}")
    print(f"{'lower bound (read 188 MB once at 15 GB/s; 1.9 GFLOP)':58s} "
          f"{LOWER_BOUND_MS:10.1f}")
    print(f"ratios of medians: (a)/(b) = {ref / rows[1]['median']:.2f} (goal >= 5), "
          f"(a)/(c) = {ref / rows[2]['median']:.2f} (goal >= 3); "
          f"(b) / lower bound = {1e3 * rows[1]['median'] / LOWER_BOUND_MS:.1f}")


if __name__ == "__main__":
    main()
