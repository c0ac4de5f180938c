"""Write the golden vectors: what softmax_lab computes, for the explorers' JavaScript to match.

* ``tests/fixtures/golden_math.json``: each case names a function of ``js/math.js``, its
  arguments and the output ``softmax_lab`` computes for them;
* ``tests/fixtures/golden_<explorer>.json``: states of one explorer and the readout its Python
  readout function gives for each (the JS ``readout`` must give the same, every key of it);
* ``tests/fixtures/golden_format.json``: every number in those files, as
  ``explorers._format.format_number`` shows it (``js/format.js`` must show it alike).

``tests/test_explorers_golden.py`` runs the JavaScript in Chromium on every case and requires
agreement to 1e-9; it also checks that these files are up to date with the library (rerun
``python tools/make_golden.py`` after changing the math or a readout). To add an explorer, write
a ``<name>_states()`` function below and add it to ``EXPLORER_STATES``.

Non-finite numbers are written as the strings "NaN", "Infinity" and "-Infinity" (JSON has no
literal for them).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np

import softmax_lab as sl
from softmax_lab.data import TOY_PROTOTYPES
from softmax_lab.explorers._format import format_number
from softmax_lab.explorers._wire import to_wire as encode
from softmax_lab.explorers.broadcast import broadcast_readout
from softmax_lab.explorers.cost import cost_readout
from softmax_lab.explorers.information import information_readout
from softmax_lab.explorers.onehot import onehot_readout
from softmax_lab.explorers.playground import PlaygroundExplorer, playground_readout
from softmax_lab.explorers.scrubber import scrubber_readout
from softmax_lab.explorers.softmax import softmax_readout
from softmax_lab.explorers.training_run import TrainingRun
from softmax_lab.explorers.weights import weights_readout
from softmax_lab.phm import phm_parameter_count

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


def _naive_softmax(o: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(o)
        return e / np.sum(e)


def _gradient_step(W, b, X, y, lr) -> dict[str, Any]:
    W, b, X, y = (np.asarray(a, dtype=float) for a in (W, b, X, y))
    y = y.astype(np.int64)
    logits = X @ W.T + b
    loss = float(sl.cross_entropy_loss(logits, y))
    g = sl.cross_entropy_loss_grad(logits, y)  # (softmax - Y) / n
    grad_w, grad_b = g.T @ X, g.sum(axis=0)
    return {"W": W - lr * grad_w, "b": b - lr * grad_b, "loss": loss,
            "gradW": grad_w, "gradb": grad_b}


def _phm(d: int, q: int, n: int) -> int | None:
    try:
        return phm_parameter_count(d, q, n)
    except ValueError:
        return None


def golden_cases() -> list[dict[str, Any]]:
    """All cases as ``{"name", "fn", "args", "out"}`` dictionaries (already JSON-encoded)."""
    with np.errstate(divide="ignore", invalid="ignore"):  # log(0) = -inf is an answer here
        return _cases()


def _cases() -> list[dict[str, Any]]:
    rng = np.random.default_rng(20261127)
    cases: list[dict[str, Any]] = []

    def add(name: str, fn: str, args: list[Any], out: Any) -> None:
        cases.append({"name": name, "fn": fn, "args": encode(args), "out": encode(out)})

    a = np.array
    logit_sets = {
        "small": a([1.0, 2.0, 3.0]),
        "negative": a([-3.0, -1.0, -2.0]),
        "ties": a([0.0, 0.0, 0.0]),
        "tied_max": a([5.0, 5.0, 1.0]),
        "single": a([7.0]),
        "extreme": a([1e4, -1e4, 0.0]),
        "extreme_low": a([-1e4, -1e4, -1e4 + 1]),
        "overflow": a([1000.0, 0.0]),
        "ten": rng.normal(0, 3, 10),
    }
    for key, o in logit_sets.items():
        add(f"softmax_{key}", "softmax", [o], sl.softmax(o))
        add(f"log_softmax_{key}", "logSoftmax", [o], sl.log_softmax(o))
        add(f"logsumexp_{key}", "logsumexp", [o], float(sl.logsumexp(o)))
        add(f"argmax_{key}", "argmax", [o], int(np.argmax(o)))
    for t in (1e-300, 1e-3, 0.5, 2.0, 1e6, 1e300):
        for key in ("small", "tied_max", "extreme"):
            o = logit_sets[key]
            add(f"softmax_{key}_T{t:g}", "softmax", [o, t], sl.softmax(o, temperature=t))
    for key, o in {"small": a([1.0, 2.0, 3.0]), "overflow": a([1000.0, 0.0]),
                   "underflow": a([-1000.0, -1000.0]), "at_100": a([100.0, 0.0])}.items():
        add(f"naive_softmax_{key}", "naiveSoftmax", [o], _naive_softmax(o))

    for key in ("small", "ties", "extreme", "extreme_low", "overflow", "ten"):
        o = logit_sets[key]
        q = o.size
        for c in sorted({0, q - 1}):
            add(f"loss_{key}_label{c}", "crossEntropyLoss", [o, c],
                float(sl.cross_entropy_loss(o[None], a([c]))))
            add(f"grad_{key}_label{c}", "crossEntropyLossGrad", [o, c],
                sl.cross_entropy_loss_grad(o[None], a([c]))[0])
        soft = rng.dirichlet(np.ones(q))
        with_zero = np.zeros(q)
        with_zero[0], with_zero[-1] = 0.25, 0.75
        for label, y in (("soft", soft), ("soft_zeros", with_zero)):
            add(f"loss_{key}_{label}", "crossEntropyLoss", [o, y],
                float(sl.cross_entropy_loss(o[None], y[None])))
            add(f"grad_{key}_{label}", "crossEntropyLossGrad", [o, y],
                sl.cross_entropy_loss_grad(o[None], y[None])[0])

    dists = {
        "uniform4": a([0.25, 0.25, 0.25, 0.25]),
        "skewed": a([0.7, 0.2, 0.1]),
        "with_zero": a([0.5, 0.0, 0.5]),
        "certain": a([0.0, 1.0, 0.0]),
        "tiny": a([1 - 1e-12, 1e-12]),
        "random": rng.dirichlet(np.ones(6)),
    }
    others = {
        "uniform4": a([0.1, 0.2, 0.3, 0.4]),
        "skewed": a([0.1, 0.2, 0.7]),
        "with_zero": a([0.25, 0.5, 0.25]),
        "certain": a([0.5, 0.5, 0.0]),
        "tiny": a([0.5, 0.5]),
        "random": rng.dirichlet(np.ones(6)),
    }
    for key, p in dists.items():
        q = others[key]
        for base_name, base in (("e", None), ("2", 2.0), ("10", 10.0)):
            kw = {} if base is None else {"base": base}
            args = [p] if base is None else [p, base]
            pair = [p, q] if base is None else [p, q, base]
            add(f"surprisal_{key}_{base_name}", "surprisal", args, sl.surprisal(p, **kw))
            add(f"entropy_{key}_{base_name}", "entropy", args, float(sl.entropy(p, **kw)))
            add(f"cross_entropy_{key}_{base_name}", "crossEntropy", pair,
                float(sl.cross_entropy(p, q, **kw)))
            add(f"kl_{key}_{base_name}", "klDivergence", pair,
                float(sl.kl_divergence(p, q, **kw)))
        add(f"cross_entropy_{key}_reversed", "crossEntropy", [q, p], float(sl.cross_entropy(q, p)))
        add(f"kl_{key}_reversed", "klDivergence", [q, p], float(sl.kl_divergence(q, p)))
        add(f"kl_{key}_self", "klDivergence", [p, p], float(sl.kl_divergence(p, p)))

    for c, q in ((0, 3), (2, 3), (4, 10)):
        add(f"one_hot_{c}_of_{q}", "oneHot", [c, q], sl.one_hot(a(c), q))

    W, x, b = rng.normal(size=(3, 4)), rng.uniform(size=4), rng.normal(size=3)
    add("mat_vec", "matVec", [W, x, b], W @ x + b)
    add("mat_vec_no_bias", "matVec", [W, x], W @ x)

    X = rng.normal(size=(12, 2)) * 2
    y = rng.integers(0, 3, size=12)
    W2, b2 = rng.normal(size=(3, 2)), rng.normal(size=3)
    add("gradient_step", "gradientStep", [W2, b2, X, y, 0.1], _gradient_step(W2, b2, X, y, 0.1))
    add("gradient_step_zero_weights", "gradientStep",
        [np.zeros((3, 2)), np.zeros(3), X, y, 1.0],
        _gradient_step(np.zeros((3, 2)), np.zeros(3), X, y, 1.0))
    add("gradient_step_large_weights", "gradientStep", [W2 * 500, b2, X, y, 0.5],
        _gradient_step(W2 * 500, b2, X, y, 0.5))

    for d, q in ((784, 10), (80, 10), (64, 16)):
        add(f"dense_count_{d}_{q}", "denseParameterCount", [d, q], d * q + q)
    for d, q, n in ((784, 10, 1), (784, 10, 2), (784, 10, 5), (80, 10, 5), (64, 16, 4)):
        add(f"phm_count_{d}_{q}_{n}", "phmParameterCount", [d, q, n], _phm(d, q, n))
    return cases


def softmax_states() -> list[tuple[str, dict[str, Any]]]:
    """Named states of the softmax explorer: the corners by hand, then random ones."""
    base = {"logits": [2.0, 1.0, 0.1], "target": 0, "soft_label": [], "use_soft": False,
            "smoothing": 0.0, "temperature": 1.0, "shift": 0.0, "implementation": "stable",
            "precise": False}
    soft = {"soft_label": [0.1, 0.2, 0.7], "use_soft": True}
    states = [
        ("start", {}),
        ("ties", {"logits": [0.0, 0.0, 0.0]}),
        ("tied_max", {"logits": [5.0, 5.0, 1.0], "target": 1}),
        ("cold", {"temperature": 0.01}),
        ("hot", {"temperature": 100.0}),
        ("shift_1000_stable", {"shift": 1000.0}),
        ("shift_1000_naive", {"shift": 1000.0, "implementation": "naive"}),
        ("shift_minus_1000_naive", {"shift": -1000.0, "implementation": "naive"}),
        ("cold_naive_overflow", {"temperature": 0.01, "shift": 10.0, "implementation": "naive"}),
        ("smoothing", {"smoothing": 0.2, "target": 2}),
        ("soft", soft),
        ("soft_padded", {**soft, "logits": [2.0, 1.0, 0.1, -3.0, 4.0]}),
        ("soft_cut", {"soft_label": [0.1, 0.2, 0.3, 0.4], "use_soft": True}),
        ("soft_naive", {**soft, "implementation": "naive"}),
        ("soft_zero_gradient", {**soft, "logits": [-2.3, -1.6, -0.4]}),
        ("ten_classes", {"logits": [float(v) for v in range(-5, 5)], "target": 9}),
    ]
    rng = np.random.default_rng(20261128)
    for i in range(40):
        q = int(rng.integers(3, 11))
        label = rng.dirichlet(np.ones(int(rng.integers(3, 11)))).tolist()
        states.append((f"random_{i}", {
            "logits": np.round(rng.uniform(-10, 10, q), 1).tolist(),
            "target": int(rng.integers(q)),
            "soft_label": label,
            "use_soft": i % 3 == 2,
            "smoothing": 0.0 if i % 2 else float(np.round(rng.uniform(0, 1), 2)),
            "temperature": float(10 ** np.round(rng.uniform(-2, 2), 2)),
            "shift": float(rng.choice([0.0, 10.0, -300.0, 700.0, 1000.0])),
            "implementation": "naive" if i % 4 == 1 else "stable",
        }))
    return [(name, {**base, **change}) for name, change in states]


def playground_states() -> list[tuple[str, dict[str, Any]]]:
    """Named states of the playground: the start, the stops, ties and every data set."""
    base = PlaygroundExplorer.state_table.defaults()
    states = [
        ("start", {}),
        ("zero_weights_tie", {"W": [0.0] * 6, "b": [0.0] * 3}),
        ("equal_classes_tie", {"W": [1.0, 1.0] * 3, "b": [0.5, 0.5, 0.5]}),
        ("penalty", {"l2": 0.5, "lr": 0.1}),
        ("diverges_with_penalty", {"lr": 3.16, "l2": 1.0, "W": [500.0, -300.0, 5.0, 2.0, -1.0,
                                                                 0.0]}),
        ("step_limit", {"steps": 100000}),
        ("no_noise", {"noise": 0.0, "dataset": "line"}),
        ("huge_logits", {"W": [1000.0, -1000.0, -1000.0, 1000.0, 0.0, 0.0], "lr": 0.001}),
    ]
    for data in ("blobs", "overlap", "line", "shifted"):
        states.append((f"data_{data}", {"dataset": data, "seed": 7, "noise": 1.35}))
    # Near the optimum of the default data: the gradient's length falls below 1e-3 here.
    states.append(("converged", {"W": [-0.96054953, 2.93657986, -3.07376728, -1.0937285,
                                       4.03431681, -1.84285136],
                                 "b": [0.00481096, -0.19299548, 0.18818452]}))
    rng = np.random.default_rng(20261129)
    for i in range(12):
        states.append((f"random_{i}", {
            "W": np.round(rng.uniform(-4, 4, 6), 2).tolist(),
            "b": np.round(rng.uniform(-2, 2, 3), 2).tolist(),
            "lr": float(10 ** np.round(rng.uniform(-3, 1), 2)),
            "l2": float(np.round(rng.uniform(0, 1), 2)) if i % 2 else 0.0,
            "dataset": str(rng.choice(["blobs", "overlap", "line", "shifted"])),
            "noise": float(np.round(rng.uniform(0, 2), 2)),
            "seed": int(rng.integers(0, 10000)),
            "steps": int(rng.integers(0, 5000)),
        }))
    return [(name, {**base, **change}) for name, change in states]


def golden_run() -> dict[str, Any]:
    """A small recorded run written out by hand (3 classes, 4 epochs, 4 bins, empty bins), so
    the scrubber's golden vectors do not depend on training."""
    return TrainingRun(
        dataset="digits", class_names=["0", "1", "2"], epochs=[0, 1, 2, 3],
        train_loss=[1.0986, 0.62, 0.41, 0.43], test_loss=[1.0986, 0.7, 0.52, 0.55],
        train_acc=[0.3333, 0.8, 0.9, 0.88], test_acc=[0.3, 0.75, 0.85, 0.86],
        confusion=[[[3, 0, 0], [4, 0, 0], [3, 0, 0]], [[3, 1, 0], [0, 3, 1], [1, 0, 1]],
                   [[3, 0, 0], [0, 4, 0], [1, 0, 2]], [[2, 1, 0], [0, 4, 0], [0, 0, 3]]],
        bin_edges=[0.0, 0.25, 0.5, 0.75, 1.0],
        bin_count=[[0, 10, 0, 0], [0, 2, 5, 3], [0, 1, 3, 6], [0, 0, 4, 6]],
        bin_confidence=[[None, 0.3333, None, None], [None, 0.45, 0.6, 0.8],
                        [None, 0.4, 0.62, 0.9], [None, None, 0.66, 0.93]],
        bin_accuracy=[[None, 0.3, None, None], [None, 0.5, 0.6, 1.0],
                      [None, 1.0, 0.6667, 1.0], [None, None, 0.75, 1.0]],
        ece=[0.0333, 0.04, 0.1167, 0.0545],
        settings={"lr": 0.5, "batch_size": 32, "n_train": 12, "n_test": 10},
    ).to_dict()


def scrubber_states() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Every epoch of the hand-written run."""
    run = golden_run()
    return [(f"epoch_{e}", {"epoch": e}, run) for e in run["epochs"]]


def onehot_states() -> list[tuple[str, dict[str, Any]]]:
    """Named states of the one-hot explorer: every label on the corners, then random images."""
    states = []
    for label in range(3):
        for name, pixels in (("white", [0.0] * 4), ("black", [1.0] * 4),
                             ("antidiagonal", [0.0, 1.0, 1.0, 0.0])):
            state = {"pixels": pixels, "label": label, "brush": 1.0}
            states.append((f"{name}_label{label}", state))
    rng = np.random.default_rng(20261129)
    for i in range(12):
        states.append((f"random_{i}", {
            "pixels": (np.round(rng.uniform(0, 1, 4) * 20) / 20).tolist(),
            "label": int(rng.integers(3)),
            "brush": float(np.round(rng.uniform(0, 1) * 20) / 20),
        }))
    return states


def weights_states() -> list[tuple[str, dict[str, Any]]]:
    """Named states of the weights explorer: defaults, presets and corners, then random ones."""
    base = {"W": [0.6, -0.2, 0.4, -0.5, -0.3, 0.8, -0.6, 0.2, 0.1, 0.3, 0.9, -0.4],
            "b": [0.1, -0.2, 0.0], "pixels": [0.9, 0.7, 0.2, 0.0], "brush": 1.0}
    prototypes = TOY_PROTOTYPES.astype(float).round(1)
    templates = (2 * prototypes - 1).round(1).ravel().tolist()
    states = [
        ("start", {}),
        ("zero", {"W": [0.0] * 12, "b": [0.0] * 3}),
        ("equal_rows", {"W": [0.5, -0.5, 0.5, -0.5] * 3}),
        ("largest", {"W": [2.0] * 12, "b": [2.0] * 3, "pixels": [1.0] * 4}),
        ("smallest", {"W": [-2.0] * 12, "b": [-2.0] * 3, "pixels": [1.0] * 4}),
        ("tie", {"W": [0.0] * 12, "b": [1.0, 1.0, 0.0]}),
        ("bias_decides", {"b": [0.1, -0.2, 0.2]}),
    ]
    for c, name in enumerate(("cat", "chicken", "dog")):
        states.append((f"templates_{name}",
                       {"W": templates, "b": [0.0] * 3, "pixels": prototypes[c].tolist()}))
    rng = np.random.default_rng(20261130)
    for i in range(24):
        states.append((f"random_{i}", {
            "W": (np.round(rng.uniform(-2, 2, 12) * 10) / 10).tolist(),
            "b": (np.round(rng.uniform(-2, 2, 3) * 10) / 10).tolist(),
            "pixels": (np.round(rng.uniform(0, 1, 4) * 20) / 20).tolist(),
        }))
    return [(name, {**base, **change}) for name, change in states]


def cost_states() -> list[tuple[str, dict[str, Any]]]:
    """Named (d, q, n) of the parameter-cost explorer: the chapter's layers, corners, random."""
    states = [
        ("start", (784, 10, 2)), ("dense_equivalent", (784, 10, 1)), ("digits_padded", (80, 10, 5)),
        ("phm_costs_more", (80, 10, 10)), ("coprime", (783, 10, 1)), ("one_by_one", (1, 1, 1)),
        ("square_1024", (1024, 1024, 32)), ("largest", (4096, 4096, 4096)),
        ("n_invalid", (784, 10, 4)), ("tiny_output", (4096, 1, 1)),
        ("many_divisors", (2520, 2520, 12)),
    ]
    rng = np.random.default_rng(20261129)
    for i in range(12):
        d, q = (int(v) for v in rng.integers(1, 4097, size=2))
        divisors = [k for k in range(1, math.gcd(d, q) + 1) if d % k == 0 and q % k == 0]
        states.append((f"random_{i}", (d, q, int(rng.choice(divisors)))))
    return [(name, {"d": d, "q": q, "n": n}) for name, (d, q, n) in states]


def broadcast_states() -> list[tuple[str, dict[str, Any]]]:
    """Named states of the broadcasting explorer: every axis/keepdims pair on the shapes that
    behave differently (n = 1, n = q, n != q), then random ones."""
    rng = np.random.default_rng(20261130)
    states = []
    for n, q in ((3, 4), (3, 3), (1, 4), (4, 2), (1, 2)):
        logits = np.round(rng.uniform(-5, 5, n * q), 1).tolist()
        for axis in (0, 1):
            for keepdims in (True, False):
                states.append((f"{n}x{q}_axis{axis}_{'keep' if keepdims else 'drop'}",
                               {"rows": n, "cols": q, "logits": logits, "axis": axis,
                                "keepdims": keepdims}))
    states.append(("extremes", {"rows": 2, "cols": 2, "logits": [5.0, -5.0, -5.0, 5.0], "axis": 1,
                                "keepdims": True}))
    for i in range(16):
        n, q = int(rng.integers(1, 5)), int(rng.integers(2, 6))
        states.append((f"random_{i}", {
            "rows": n, "cols": q, "logits": np.round(rng.uniform(-5, 5, n * q), 1).tolist(),
            "axis": int(rng.integers(2)), "keepdims": bool(rng.integers(2))}))
    return [(name, {**state, "implementation": "numpy", "precise": False})
            for name, state in states]


def information_states() -> list[tuple[str, dict[str, Any]]]:
    """Named states of the information explorer: the corners by hand, then random ones."""
    source, uniform4 = [0.5, 0.25, 0.125, 0.125], [0.25] * 4
    states = [
        ("start", {}),
        ("start_bits", {"unit": "bits"}),
        ("q_equals_p", {"q": source}),
        ("q_rules_out", {"q": [0.0, 0.5, 0.25, 0.25], "unit": "bits"}),
        ("p_rules_out", {"p": [0.0, 0.5, 0.25, 0.25]}),
        ("both_rule_out", {"p": [0.5, 0.5, 0.0, 0.0], "q": [0.0, 0.5, 0.5, 0.0]}),
        ("certain", {"p": [0.0, 1.0, 0.0, 0.0], "unit": "bits"}),
        ("certain_both", {"p": [1.0, 0.0], "q": [1.0, 0.0]}),
        ("two", {"p": [0.9, 0.1], "q": [0.5, 0.5]}),
        ("eight_uniform", {"p": [0.125] * 8, "q": [0.125] * 8, "unit": "bits"}),
        ("tiny", {"p": [1 - 1e-12, 1e-12], "q": [1e-12, 1 - 1e-12]}),
        ("sum_off_by_1e-7", {"p": [0.5, 0.5 + 1e-7], "q": [0.3, 0.7]}),
        ("thirds", {"p": [1 / 3] * 3, "q": [0.2, 0.3, 0.5]}),
        ("q_misses", {"q": [0.01, 0.495, 0.2475, 0.2475], "unit": "bits"}),
    ]
    rng = np.random.default_rng(20261129)
    for i in range(30):
        n = int(rng.integers(2, 9))
        p, q = rng.dirichlet(np.ones(n), size=2)
        if i % 3 == 0:
            p[rng.integers(n)] = 0.0
        if i % 4 == 1:
            q[rng.integers(n)] = 0.0
        states.append((f"random_{i}", {"p": (p / p.sum()).tolist(), "q": (q / q.sum()).tolist(),
                                       "unit": "bits" if i % 2 else "nats"}))
    base = {"p": source, "q": uniform4, "unit": "nats", "precise": False}
    return [(name, {**base, **change}) for name, change in states]


#: Every explorer with a JS readout: its Python readout and the states to check it on. A state
#: may come with the explorer's read-only data (a recorded run): ``(name, state, data)``; then
#: the readout is ``readout(state, data)`` in both languages.
EXPLORER_STATES = {
    "playground": (playground_readout, playground_states),
    "scrubber": (scrubber_readout, scrubber_states),
    "softmax": (softmax_readout, softmax_states),
    "cost": (cost_readout, cost_states),
    "broadcast": (broadcast_readout, broadcast_states),
    "information": (information_readout, information_states),
    "onehot": (onehot_readout, onehot_states),
    "weights": (weights_readout, weights_states),
}


#: Readout keys that are drawn, never printed: their numbers need no formatting cases.
UNPRINTED = {"playground": ("X", "next_W", "next_b")}


def explorer_cases(name: str) -> list[dict[str, Any]]:
    readout, states = EXPLORER_STATES[name]
    cases = []
    with np.errstate(all="ignore"):
        for case, state, *data in states():
            out = readout(state, *data)
            cases.append({"name": case, "state": encode(state), "readout": encode(out),
                          **({"data": encode(data[0])} if data else {})})
    return cases


def _numbers(x: Any) -> list[Any]:
    if isinstance(x, dict):
        return [n for v in x.values() for n in _numbers(v)]
    if isinstance(x, list):
        return [n for v in x for n in _numbers(v)]
    if isinstance(x, bool) or not isinstance(x, (int, float, str)):
        return []
    if isinstance(x, str):
        return [x] if x in ("NaN", "Infinity", "-Infinity") else []
    return [x]


#: Numbers whose formatting is easy to get wrong, besides those the readouts produce.
FORMAT_EXTRAS = [
    0.0, -0.0, 1.0, -1.0, 0.5, 0.03125, -0.03125, 1 / 3, 2 / 3, 1.00005, 0.00015, 9.99996e-5,
    1e-4, -1e-12, 2.5e-5, 9.9995, 99.995, 999.95, 9999.95, 99999.95, 99999.99995, 1e5,
    123456.5, 6.02214076e23, 1e300, 5e-324, 709.782712893384, 1000.1, 1e15, 1e15 + 0.5, 2e15,
    math.inf, -math.inf, math.nan,
]


def format_cases(numbers: list[Any]) -> list[dict[str, Any]]:
    out, seen = [], set()
    for x in [*encode(FORMAT_EXTRAS), *numbers]:
        key = repr(x)
        if key in seen:
            continue
        seen.add(key)
        value = float(x)  # "NaN" and "Infinity" parse too
        out.append({"x": x, "text": format_number(value),
                    "precise": format_number(value, precise=True)})
    return out


def _lines(cases: list[dict[str, Any]]) -> str:
    lines = [json.dumps(c, allow_nan=False, separators=(",", ":"), ensure_ascii=False)
             for c in cases]
    return '{"cases": [\n' + ",\n".join(lines) + "\n]}\n"


def golden_files() -> dict[str, str]:
    """Every fixture's file name and exact text."""
    files = {"golden_math.json": _lines(golden_cases())}
    numbers: list[Any] = []
    for name in EXPLORER_STATES:
        cases = explorer_cases(name)
        skip = UNPRINTED.get(name, ())
        numbers += _numbers([{k: v for k, v in c["readout"].items() if k not in skip}
                             for c in cases])
        files[f"golden_{name}.json"] = _lines(cases)
    files["golden_format.json"] = _lines(format_cases(numbers))
    return files


def main() -> None:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name, text in golden_files().items():
        (FIXTURES / name).write_text(text, encoding="utf-8")
        print(f"wrote {text.count(chr(10)) - 1} cases to tests/fixtures/{name}")


if __name__ == "__main__":
    main()
