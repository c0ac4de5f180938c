"""Seeing divergence early: the safe learning rate 1/L and the warnings built on it."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import softmax_lab as sl
from softmax_lab.divergence import DivergenceWatch, TrainingWarning, _round_down


def _exact_safe_rate(X: np.ndarray, weight_decay: float = 0.0) -> float:
    Xt = np.hstack([X, np.ones((len(X), 1))])
    top = np.linalg.eigvalsh(Xt.T @ Xt / len(X)).max()
    return 1.0 / (0.5 * top + weight_decay)


@pytest.mark.parametrize("scale", [1.0, 16.0, 255.0])
@pytest.mark.parametrize("weight_decay", [0.0, 0.1])
def test_safe_rate_is_one_over_half_the_top_eigenvalue_plus_weight_decay(scale, weight_decay):
    X = scale * np.random.default_rng(0).random((300, 20))
    assert sl.safe_learning_rate(X, weight_decay) == pytest.approx(
        _exact_safe_rate(X, weight_decay), rel=1e-3)


def test_safe_rate_of_digits_and_of_their_raw_pixels():
    digits = sl.load_digits()
    assert sl.safe_learning_rate(digits.X_train) == pytest.approx(0.1746, rel=1e-2)
    ratio = sl.safe_learning_rate(digits.X_train) / sl.safe_learning_rate(16 * digits.X_train)
    assert 200 < ratio < 256  # the curvature grows with the square of the scale


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 60), d=st.integers(1, 6),
       q=st.integers(2, 5), scale=st.floats(0.01, 300.0), init=st.floats(0.0, 5.0))
def test_gradient_descent_at_the_safe_rate_never_increases_the_loss(seed, n, d, q, scale, init):
    rng = np.random.default_rng(seed)
    X = scale * rng.normal(size=(n, d))
    y = rng.integers(0, q, n)
    W, b = init * rng.normal(size=(d, q)), init * rng.normal(size=q)
    lr = sl.safe_learning_rate(X)
    losses = []
    for _ in range(15):
        o = X @ W + b
        losses.append(float(sl.cross_entropy_loss(o, y)))
        G = sl.cross_entropy_loss_grad(o, y)
        W, b = W - lr * X.T @ G, b - lr * G.sum(axis=0)
    assert np.all(np.diff(losses) <= 1e-9 * (1 + np.abs(losses[:-1])))


def test_bad_arguments_name_themselves():
    with pytest.raises(ValueError, match="^X: expected a non-empty 2-d array"):
        sl.safe_learning_rate(np.zeros(3))
    with pytest.raises(ValueError, match="^X: expected a non-empty 2-d array"):
        sl.safe_learning_rate(np.zeros((0, 3)))
    with pytest.raises(TypeError, match="^X: expected a NumPy array"):
        sl.safe_learning_rate("X")
    assert sl.safe_learning_rate(np.ones((1, 3))) == pytest.approx(0.5)  # 1 / (½ · 4)
    with pytest.raises(ValueError, match="^weight_decay:"):
        sl.safe_learning_rate(np.zeros((3, 2)), weight_decay=-1)


def test_suggestions_are_rounded_down_to_two_digits():
    assert _round_down(0.17463) == pytest.approx(0.17)
    assert _round_down(2.96e-6) == pytest.approx(2.9e-6)
    assert _round_down(100.0) == 100.0


def _watch(lr=1.0, safe=0.1):
    return DivergenceWatch(lr, (lambda: safe) if safe is not None else None)


def test_features_up_to_ten_are_scaled_enough():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _watch().check_inputs(np.array([[10.0, -10.0]]))
        _watch(lr=0.2, safe=0.1).check_inputs(np.array([[255.0]]))  # lr <= 2/L: matched
    with pytest.warns(TrainingWarning, match=r"^X: features reach \|x\| = 10.5.*lr <= 0\.1 \(1/L "
                      r"for these inputs, a step that cannot overshoot: see "
                      r"softmax_lab\.safe_learning_rate\)\.$"):
        _watch(lr=0.21, safe=0.1).check_inputs(np.array([[-10.5]]))
    with pytest.warns(TrainingWarning, match=r"standardise each column\.$"):
        _watch(safe=None).check_inputs(np.array([[255.0]]))  # Adam: only the scale


@pytest.mark.parametrize(("start", "losses", "warns"), [
    (2.3, [2.0, 1.0, 0.5], False),            # learning
    (2.3, [2.5, 2.0, 1.5], False),            # a little above the start at first
    (2.3, [9.3], True),                       # over 4× the start in the first epoch
    (2.3, [2.5, 9.0], False),                 # 3.9× its lowest: not yet
    (2.3, [1.0, 2.0, 4.1], True),             # 4.1× epoch 1, two epochs later
    (2.3, [1.0, 1.5, 2.0, 3.0, 4.5], False),  # epoch 1 is outside the three-epoch window
    (2.3, [2.0, 2.0, 0.6, 2.5], True),        # 4.2× the epoch just before: inside the window
    (0.11, [0.1, 0.2, 0.45], True),
    (0.11, [0.1, 0.2, 0.39], False),
    (0.5, [0.01, 0.04, 0.3], False),          # 30× epoch 1, but still below the start
    (2.0, [8.0], False),                      # exactly 4× the start: not more
    (2.0, [0.25, 2.0], False),                # 8× epoch 1, but only back at the start
])
def test_the_loss_must_grow_fourfold_within_three_epochs_and_pass_the_start(start, losses,
                                                                            warns):
    watch = _watch()
    watch.start_loss = start
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for k in range(1, len(losses) + 1):
            watch.after_epoch(losses[:k])
    assert len(caught) == int(warns)  # and at most once


def test_nothing_is_judged_before_the_start_loss_is_known():
    watch = _watch()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        watch.after_epoch([1e9])
        watch.start_loss = 1.0
        watch.after_epoch([])


def test_the_scale_warning_gives_both_ways_out():
    with pytest.warns(TrainingWarning) as caught:
        _watch(lr=0.5, safe=0.1).check_inputs(np.array([[255.0]]))
    message = str(caught[0].message)
    assert "divide them by their largest value (255) or standardise each column" in message
    assert ", or keep X and use lr <= 0.1" in message


def test_only_one_warning_per_run():
    watch = _watch()
    watch.start_loss = 1.0
    with pytest.warns(TrainingWarning) as caught:
        for k in range(1, 5):
            watch.after_epoch([10.0 ** k for k in range(1, k + 1)])
    assert len(caught) == 1


def test_a_warning_points_at_the_callers_line():
    toy = sl.make_toy_images(30)
    with pytest.warns(TrainingWarning) as caught:
        sl.fit_numpy(toy.X_train * 1000, toy.y_train, epochs=1)
    assert caught[0].filename == __file__


def test_large_inputs_are_measured_on_evenly_spaced_rows():
    X = np.random.default_rng(1).random((10_000, 6))
    X[1::2] *= 3  # every other row is larger: the sample must take rows 0, 2, 4, ...
    assert sl.safe_learning_rate(X) == pytest.approx(_exact_safe_rate(X[::2]), rel=1e-9)
    assert sl.safe_learning_rate(X[:4096]) == pytest.approx(_exact_safe_rate(X[:4096]), rel=1e-9)


def test_what_is_suggested_instead_of_a_learning_rate():
    from softmax_lab.divergence import suggested_learning_rate

    assert suggested_learning_rate(1.0, 0.17) == 0.17      # above the safe rate: the safe rate
    assert suggested_learning_rate(0.17, 0.17) == pytest.approx(0.017)  # at it: a tenth
    assert suggested_learning_rate(1.0, None) == 0.1       # Adam: a tenth
    assert _round_down(0.0) == 0.0 and _round_down(float("inf")) == float("inf")


def test_a_warning_without_a_safe_rate_ends_at_the_suggestion():
    watch = _watch(lr=1000.0, safe=None)
    watch.start_loss = 1.0
    with pytest.warns(TrainingWarning, match=r"; try lr=100\.$"):
        watch.after_epoch([50.0])
    watch = _watch(lr=0.1, safe=0.1)  # at the safe rate: no 1/L story to tell
    watch.start_loss = 1.0
    with pytest.warns(TrainingWarning, match=r"; try lr=0\.01\.$"):
        watch.after_epoch([50.0])
