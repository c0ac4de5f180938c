"""The playground's math and kernel form: set traits from Python, and the readout is softmax_lab's;
a learner's step_fn takes the steps, and whatever it does wrong is a message, never a traceback."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
import traitlets

import softmax_lab as sl
from softmax_lab.explorers import PlaygroundExplorer, StaticExplorer, playground_explorer
from softmax_lab.explorers.playground import (
    CONVERGED,
    LIMIT,
    logits,
    playground_data,
    playground_readout,
    playground_step,
    weight_matrix,
)

from ._explorers import decode, static_html

DEFAULTS = PlaygroundExplorer.state_table.defaults()


def _keys(w: PlaygroundExplorer) -> list[str]:
    r = decode(w.readout)
    return [m["key"] for m in r["messages"]] + ([r["error"]["key"]] if r["error"] else [])


def learners_step(W, b, X, y, lr, l2):
    """A correct full-batch step, written as a learner would after the chapter."""
    P = sl.softmax(X @ W + b)
    G = (P - sl.one_hot(y, 3)) / len(y)
    return W - lr * (X.T @ G + l2 * W), b - lr * G.sum(axis=0)


# ---- the points


def test_the_points_are_seeded_balanced_and_centred_on_their_class() -> None:
    X, y = playground_data("blobs", noise=1.0, seed=3)
    X2, _ = playground_data("blobs", noise=1.0, seed=3)
    assert X.shape == (90, 2) and X.dtype == np.float64 and np.array_equal(X, X2)
    assert np.bincount(y).tolist() == [30, 30, 30] and y.dtype == np.int64
    assert not np.array_equal(X, playground_data("blobs", noise=1.0, seed=4)[0])
    centres = np.array([X[y == k].mean(axis=0) for k in range(3)])
    np.testing.assert_allclose(centres, [[0, 2], [-3**0.5, -1], [3**0.5, -1]], atol=0.5)


def test_noise_scales_the_offsets_from_the_centres_and_zero_noise_stacks_them() -> None:
    X1, y = playground_data("line", noise=1.0, seed=2)
    X2, _ = playground_data("line", noise=2.0, seed=2)
    X0, _ = playground_data("line", noise=0.0, seed=2)
    np.testing.assert_allclose(X2 - X0, 2 * (X1 - X0), atol=1e-12)
    assert np.array_equal(X0[y == 1], np.zeros((30, 2)))


def test_the_offsets_are_nearly_standard_normal() -> None:
    X, _ = playground_data("line", noise=1.0, seed=11)
    z = (X - playground_data("line", noise=0.0, seed=11)[0]).ravel()
    assert abs(z.mean()) < 0.2 and 0.8 < z.std() < 1.2


# ---- the step


def test_the_step_gives_softmax_lab_loss_plus_penalty_and_does_not_move_at_lr_0() -> None:
    X, y = playground_data()
    rng = np.random.default_rng(1)
    W, b = rng.normal(size=(2, 3)), rng.normal(size=3)
    s = playground_step(W, b, X, y, lr=0.0, l2=0.3)
    expected = float(sl.cross_entropy_loss(X @ W + b, y)) + 0.15 * float(np.sum(W**2))
    assert s.loss == pytest.approx(expected, abs=1e-12)
    assert np.array_equal(s.W, W) and np.array_equal(s.b, b)


def test_the_gradient_matches_finite_differences() -> None:
    X, y = playground_data("overlap", seed=2)
    rng = np.random.default_rng(5)
    W, b, l2 = rng.normal(size=(2, 3)), rng.normal(size=3), 0.2
    s = playground_step(W, b, X, y, lr=0.0, l2=l2)
    h = 1e-6
    for index in np.ndindex(W.shape):
        E = np.zeros_like(W)
        E[index] = h
        fd = (playground_step(W + E, b, X, y, 0.0, l2).loss
              - playground_step(W - E, b, X, y, 0.0, l2).loss) / (2 * h)
        assert s.grad_W[index] == pytest.approx(fd, abs=1e-7)
    for k in range(3):
        e = np.eye(3)[k] * h
        fd = (playground_step(W, b + e, X, y, 0.0, l2).loss
              - playground_step(W, b - e, X, y, 0.0, l2).loss) / (2 * h)
        assert s.grad_b[k] == pytest.approx(fd, abs=1e-7)


def test_a_step_moves_against_the_gradient_and_lowers_the_loss() -> None:
    X, y = playground_data()
    s = playground_step(np.zeros((2, 3)), np.zeros(3), X, y, lr=0.1)
    np.testing.assert_allclose(s.W, -0.1 * s.grad_W)
    assert playground_step(s.W, s.b, X, y, lr=0.0).loss < s.loss


def test_logits_sum_feature_by_feature_as_the_page_does() -> None:
    X, _ = playground_data(seed=9)
    W, b = np.array([[0.3, -1.2, 2.0], [1.1, 0.4, -0.7]]), np.array([0.1, 0.2, -0.3])
    np.testing.assert_allclose(logits(X, W, b), X @ W + b, rtol=1e-14, atol=1e-14)
    assert np.array_equal(logits(X, W, b)[:, 1], X[:, 0] * W[0, 1] + X[:, 1] * W[1, 1] + b[1])


@pytest.mark.parametrize(
    ("change", "error", "start"),
    [
        ({"lr": -1.0}, ValueError, "lr:"),
        ({"lr": float("nan")}, ValueError, "lr:"),
        ({"l2": -0.1}, ValueError, "l2:"),
        ({"l2": True}, TypeError, "l2:"),
        ({"W": np.zeros((3, 3))}, ValueError, "X:"),
        ({"b": np.zeros(2)}, ValueError, "b:"),
        ({"W": "abc"}, TypeError, "W:"),
        ({"W": [[1.0, np.inf, 0.0], [0.0, 0.0, 0.0]]}, ValueError, "W:"),
        ({"y": np.array([0, 1, 3] * 30)}, ValueError, "y:"),
    ],
)
def test_the_step_names_a_bad_argument(change: dict, error: type, start: str) -> None:
    X, y = playground_data()
    args: dict[str, Any] = {"W": np.zeros((2, 3)), "b": np.zeros(3), "X": X, "y": y, "lr": 0.1}
    args.update(change)
    with pytest.raises(error) as info:
        playground_step(**args)
    assert str(info.value).startswith(start)


# ---- the readout


def test_the_readout_is_softmax_labs_loss_accuracy_and_step() -> None:
    state = {**DEFAULTS, "l2": 0.25, "lr": 0.3}
    r = playground_readout(state)
    X, y = playground_data()
    W, b = weight_matrix(state["W"]), np.array(state["b"])
    O = X @ W + b
    assert r["data_loss"] == pytest.approx(float(sl.cross_entropy_loss(O, y)), rel=1e-14)
    assert r["penalty"] == pytest.approx(0.125 * np.sum(W**2), rel=1e-14)
    assert r["loss"] == pytest.approx(r["data_loss"] + r["penalty"], rel=1e-15)
    assert r["accuracy"] == pytest.approx(sl.accuracy(O, y), abs=1e-15)
    s = playground_step(W, b, X, y, lr=0.3, l2=0.25)
    np.testing.assert_allclose(weight_matrix(r["grad_W"]), s.grad_W, atol=1e-15)
    np.testing.assert_allclose(weight_matrix(r["next_W"]), s.W, atol=1e-15)
    np.testing.assert_allclose(r["next_b"], s.b, atol=1e-15)
    assert r["grad_norm"] == pytest.approx(np.sqrt(np.sum(s.grad_W**2) + np.sum(s.grad_b**2)))
    assert r["stop"] is None and r["can_step"] and r["messages"] == [] and r["error"] is None


def test_weights_travel_class_by_class() -> None:
    W = weight_matrix([1, 2, 3, 4, 5, 6])
    assert W[:, 0].tolist() == [1, 2]  # column 0: class 1's weight vector (w1x, w1y)


def test_running_until_it_stops_converges_on_the_default_data() -> None:
    w = playground_explorer(learning_rate=1.0)
    r = w.step(5000)
    assert r["stop"] == "converged" and r["grad_norm"] < CONVERGED
    assert 300 < w.steps < 5000 and r["accuracy"] > 0.9
    assert _keys(w) == ["playground.converged"]
    assert r["can_step"]  # one more step is allowed; Run stops


def test_a_large_step_with_a_penalty_diverges_and_stops_with_a_message() -> None:
    # The issue: at eta = 3.16, lambda = 1 the old playground printed a traceback per click.
    w = playground_explorer(learning_rate=3.16, l2=1.0)
    for _ in range(1000):
        r = w.step()
    assert r["stop"] == "diverged" and not r["can_step"] and w.steps < 30
    assert max(abs(v) for v in [*w.W, *w.b]) <= LIMIT  # the state stays valid
    message = decode(w.readout)["messages"][0]
    assert message["key"] == "playground.diverged" and message["values"]["top"] > LIMIT


def test_the_step_limit_stops_run() -> None:
    r = playground_readout({**DEFAULTS, "steps": 100000})
    assert r["stop"] == "limit" and not r["can_step"]


# ---- the kernel form


def test_setting_traits_from_python_redraws_with_python_numbers() -> None:
    w = playground_explorer()
    w.W = [0.0] * 6
    assert w.readout["loss"] == pytest.approx(math.log(3), rel=1e-14)
    w.dataset, w.noise, w.seed = "shifted", 0.5, 42
    expected = playground_readout(w.state())
    assert decode(w.readout)["loss"] == expected["loss"]
    with pytest.raises(traitlets.TraitError, match="lr: must be"):
        w.lr = 100.0


def test_step_takes_the_readouts_next_parameters() -> None:
    w = playground_explorer(weights=np.zeros((2, 3)))
    before = decode(w.readout)
    w.step()
    assert w.W == before["next_W"] and w.b == before["next_b"] and w.steps == 1


def test_a_learners_correct_step_fn_agrees_with_the_explorers_own() -> None:
    seen: list[tuple] = []

    def mine(W, b, X, y, lr, l2):
        seen.append((W, b, X, y, lr, l2))
        return learners_step(W, b, X, y, lr, l2)

    w = playground_explorer(l2=0.1, step_fn=mine)
    W, b, X, y, lr, l2 = seen[-1]
    assert W.shape == (2, 3) and b.shape == (3,) and X.shape == (90, 2) and y.shape == (90,)
    assert W.dtype == b.dtype == X.dtype == np.float64 and y.dtype == np.int64
    assert (lr, l2) == (0.5, 0.1)
    assert _keys(w) == ["playground.hook_agrees"]
    own = playground_readout(w.state())
    w.step(3)
    np.testing.assert_allclose(w.W, playground_explorer(l2=0.1).step(3)["W"], atol=1e-12)
    assert own["loss"] > decode(w.readout)["loss"]


def test_a_step_fn_that_forgets_to_divide_by_n_is_told_it_differs() -> None:
    def wrong(W, b, X, y, lr, l2):
        P = sl.softmax(X @ W + b)
        G = P - sl.one_hot(y, 3)  # no / n
        return W - lr * X.T @ G, b - lr * G.sum(axis=0)

    w = playground_explorer(step_fn=wrong)
    assert _keys(w) == ["playground.hook_differs"]
    assert decode(w.readout)["messages"][0]["values"]["diff"] > 1


@pytest.mark.parametrize(
    ("hook", "key"),
    [
        (lambda W, b, X, y, lr, l2: None, "hook.returned_none"),
        (lambda W, b, X, y, lr, l2: 1 / 0, "hook.raised"),
        (lambda W, b, X, y, lr, l2: W, "playground.hook_not_pair"),
        (lambda W, b, X, y, lr, l2: (W.T, b), "playground.hook_wrong_shape"),
        (lambda W, b, X, y, lr, l2: (W, b[:2]), "playground.hook_wrong_shape"),
        (lambda W, b, X, y, lr, l2: ("W", b), "hook.not_numbers"),
    ],
)
def test_a_step_fns_mistake_is_a_message_and_run_cannot_go_on(hook, key) -> None:
    w = playground_explorer(step_fn=hook)
    r = decode(w.readout)
    assert r["error"]["key"] == key and r["error"]["values"]["hook"] == "step_fn"
    assert r["stop"] == "failed" and not r["can_step"]
    w.step(5)
    assert w.steps == 0  # nothing moved, nothing raised


def test_a_step_fn_returning_nan_is_divergence() -> None:
    w = playground_explorer(step_fn=lambda W, b, X, y, lr, l2: (W * np.nan, b))
    assert decode(w.readout)["stop"] == "diverged"


def test_a_torch_step_fn_is_told_that_it_gets_numpy_arrays() -> None:
    torch = pytest.importorskip("torch")

    def torch_step(W, b, X, y, lr, l2):
        return torch.softmax(X, dim=1), b  # a torch function handed a NumPy array

    w = playground_explorer(step_fn=torch_step)
    assert decode(w.readout)["error"]["key"] == "hook.wants_tensor"


def test_a_step_fn_returning_torch_tensors_is_used() -> None:
    torch = pytest.importorskip("torch")

    def torch_step(W, b, X, y, lr, l2):
        Wn, bn = learners_step(W, b, X, y, lr, l2)
        return torch.from_numpy(Wn).requires_grad_(), torch.from_numpy(bn)

    w = playground_explorer(step_fn=torch_step)
    assert _keys(w) == ["playground.hook_agrees"]


@pytest.mark.parametrize(
    ("kwargs", "error", "start"),
    [
        ({"dataset": "moons"}, ValueError, "dataset:"),
        ({"noise": -0.5}, ValueError, "noise:"),
        ({"seed": 1.5}, TypeError, "seed:"),
        ({"learning_rate": 0.0}, ValueError, "learning_rate:"),
        ({"l2": 2.0}, ValueError, "l2:"),
        ({"weights": np.zeros((3, 2))}, ValueError, "weights:"),
        ({"weights": np.full((2, 3), 2000.0)}, ValueError, "weights"),
        ({"biases": [0.0, 1.0]}, ValueError, "biases:"),
        ({"step_fn": "step"}, TypeError, "step_fn:"),
    ],
)
def test_bad_arguments_are_named(kwargs: dict, error: type, start: str) -> None:
    with pytest.raises(error) as info:
        playground_explorer(**kwargs)
    assert str(info.value).startswith(start)


def test_the_book_build_gets_the_static_form_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOFTMAX_LAB_STATIC", "1")
    ex = playground_explorer(step_fn=learners_step)
    assert isinstance(ex, StaticExplorer)
    bundle = ex._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"} and 'data-sl-explorer="playground"' in (
        bundle["text/html"])
    assert static_html(playground_explorer).count("<script type=\"module\">") == 1


def test_the_widgets_bundle_also_carries_the_static_form() -> None:
    data, _ = playground_explorer()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data and "text/html" in data
