"""Bad input gets a clear error that names the argument (softmax_lab/_checks.py)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import torch

import softmax_lab as sl


def raises(exc, *names):
    """pytest.raises whose message must mention every given argument name."""
    pattern = ".*".join(names)
    return pytest.raises(exc, match=pattern)


@pytest.mark.parametrize("fn", [sl.softmax, sl.log_softmax, sl.logsumexp])
@pytest.mark.parametrize("bad", [[0.0, np.nan], [0.0, np.inf], [-np.inf, -np.inf]])
@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_nan_plus_inf_and_all_masked_slices_are_rejected(fn, bad, backend):
    rows = [[1.0, 2.0], bad]
    o = torch.tensor(rows) if backend == "torch" else np.array(rows)
    with raises(ValueError, "^o: must be finite"):
        fn(o)
    with raises(ValueError, "^o: must be finite"):
        fn(o[1])


def test_non_finite_logits_rejected_by_the_loss_and_its_gradient():
    for fn in (sl.cross_entropy_loss, sl.cross_entropy_loss_grad):
        for o in (np.array([[np.nan, 0.0]]), torch.tensor([[np.nan, 0.0]], dtype=torch.float16)):
            with raises(ValueError, "^logits: must be finite"):
                fn(o, np.array([0]) if isinstance(o, np.ndarray) else torch.tensor([0]))
        with raises(ValueError, r"^logits: the class axis \(axis=1\) is empty"):
            fn(np.zeros((2, 0)), np.array([0, 0]))
        for soft in (np.array([[0.5, 0.5]]), torch.tensor([[0.5, 0.5]], dtype=torch.float64)):
            o = np.array([[np.nan, 0.0]]) if isinstance(soft, np.ndarray) else \
                torch.tensor([[np.nan, 0.0]], dtype=torch.float64)
            with raises(ValueError, "^logits: must be finite"):  # soft targets: another path
                fn(o, soft)
    for fn in (sl.softmax, sl.log_softmax, sl.logsumexp):
        with raises(ValueError, "^o: must be finite"):
            fn(torch.tensor([np.nan, 0.0], dtype=torch.float16))


@pytest.mark.parametrize("fn", [sl.softmax, sl.log_softmax, sl.logsumexp])
def test_scalar_and_empty_class_axis_are_rejected(fn):
    with raises(ValueError, "o", "at least 1 dimension"):
        fn(np.float64(1.0))
    with raises(ValueError, "o", "empty"):
        fn(np.zeros((3, 0)))
    with raises(ValueError, "o", "axis"):
        fn(np.zeros(3), axis=1)


def test_bool_complex_and_strange_types_are_rejected():
    with raises(TypeError, "^o: expected real"):
        sl.softmax(np.array([True, False]))
    with raises(TypeError, "^o: expected real"):
        sl.softmax(np.array([1 + 1j, 0]))
    with raises(TypeError, "o"):
        sl.softmax("1, 2")
    with raises(TypeError, "axis"):
        sl.softmax(np.zeros(2), axis=1.0)


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        (np.array([0, 3]), "< num_classes=3"),
        (np.array([-1, 0]), ">= 0"),
        (np.array([0.5, 1.0]), "whole numbers"),
        (np.array([0, 1, 2]), "shape"),
        (np.array([True, False]), "integer"),
    ],
)
@pytest.mark.parametrize("fn", [sl.cross_entropy_loss, sl.cross_entropy_loss_grad])
def test_bad_integer_labels_are_rejected(fn, labels, message):
    with pytest.raises((ValueError, TypeError), match=f"target.*{message}"):
        fn(np.zeros((2, 3)), labels)


def test_integral_float_labels_are_accepted():
    assert float(sl.cross_entropy_loss(np.zeros((2, 3)), np.array([0.0, 2.0]))) == pytest.approx(
        math.log(3)
    )


def test_bad_soft_labels_are_rejected():
    o = np.zeros((2, 3))
    with raises(ValueError, "target", ">= 0"):
        sl.cross_entropy_loss(o, np.array([[1.2, -0.2, 0.0], [1, 0, 0]]))
    with raises(ValueError, "target", "sum to 1"):
        sl.cross_entropy_loss(o, np.array([[0.5, 0.2, 0.2], [1, 0, 0]]))
    with raises(TypeError, "target", "floating"):
        sl.cross_entropy_loss(o, np.array([[1, 0, 0], [0, 1, 0]]))


def test_soft_label_tolerance_is_documented_sqrt_eps():
    o = np.zeros((1, 2), dtype=np.float32)
    sl.cross_entropy_loss(o, np.array([[0.5, 0.5 + 1e-4]], dtype=np.float32))  # within 3.5e-4
    with raises(ValueError, "target", "sum to 1"):
        sl.cross_entropy_loss(o, np.array([[0.5, 0.5 + 1e-3]], dtype=np.float32))


@pytest.mark.parametrize("fn", [sl.entropy, lambda p: sl.cross_entropy(p, p),
                                lambda p: sl.kl_divergence(p, p)])
def test_bad_distributions_are_rejected(fn):
    with raises(ValueError, "p", ">= 0"):
        fn(np.array([1.5, -0.5]))
    with raises(ValueError, "p", "sum to 1"):
        fn(np.array([0.5, 0.6]))
    with raises(ValueError, "p", "finite"):
        fn(np.array([np.nan, 1.0]))


def test_q_is_checked_and_shapes_must_match():
    with raises(ValueError, "^q: each distribution must sum to 1"):
        sl.kl_divergence(np.array([0.5, 0.5]), np.array([0.5, 0.6]))
    with raises(ValueError, "^p: probabilities must be >= 0"):
        sl.cross_entropy(np.array([1.5, -0.5]), np.array([0.5, 0.5]))
    with raises(ValueError, "p and q", "same shape"):
        sl.cross_entropy(np.array([0.5, 0.5]), np.array([0.2, 0.3, 0.5]))


def test_surprisal_needs_probabilities():
    with raises(ValueError, "p", r"\[0, 1\]"):
        sl.surprisal(np.array([1.5]))


@pytest.mark.parametrize("t", [0, 0.0, -1.0, math.inf, math.nan])
def test_bad_temperature_is_rejected(t):
    with raises(ValueError, "temperature"):
        sl.softmax(np.zeros(2), temperature=t)


def test_non_numeric_temperature_is_a_type_error():
    with raises(TypeError, "temperature"):
        sl.softmax(np.zeros(2), temperature="hot")


@pytest.mark.parametrize("base", [0, -2, 1, 1.0, math.inf])
def test_bad_base_is_rejected(base):
    for fn in (lambda: sl.entropy(np.array([0.5, 0.5]), base=base),
               lambda: sl.surprisal(np.array([0.5]), base=base)):
        with raises(ValueError, "base"):
            fn()


def test_mixing_numpy_and_torch_is_rejected():
    with raises(TypeError, "logits", "target", "mixed"):
        sl.cross_entropy_loss(np.zeros((2, 3)), torch.tensor([0, 1]))
    with raises(TypeError, "logits", "target", "mixed"):
        sl.cross_entropy_loss(torch.zeros((2, 3)), np.array([0, 1]))
    with raises(TypeError, "p", "q", "mixed"):
        sl.kl_divergence(np.array([0.5, 0.5]), torch.tensor([0.5, 0.5]))
    with raises(TypeError, "logits_or_probs", "labels", "mixed"):
        sl.accuracy(torch.zeros(2, 3), np.array([0, 1]))


@pytest.mark.parametrize("reduction", ["avg", None, "MEAN"])
def test_unknown_reduction_is_rejected(reduction):
    for fn in (sl.cross_entropy_loss, sl.cross_entropy_loss_grad):
        with raises(ValueError, "^reduction:"):
            fn(np.zeros((1, 2)), np.array([0]), reduction=reduction)


def test_a_target_that_is_no_array_is_named():
    with raises(TypeError, "^target:"):
        sl.cross_entropy_loss(np.zeros((2, 3)), "0, 1")
    with raises(TypeError, "^target:"):
        sl.cross_entropy_loss(torch.zeros(2, 3), object())


def test_probability_rows_of_another_width_are_a_shape_error_naming_target():
    # Same number of dimensions as the logits, but 5 classes against 3: neither labels nor
    # probability rows of these logits.
    rows = np.full((4, 5), 0.2)
    for o, target in ((np.zeros((4, 3)), rows), (torch.zeros(4, 3), torch.tensor(rows))):
        with raises(ValueError, r"^target: expected .*got shape \(4, 5\)"):
            sl.cross_entropy_loss(o, target)


def test_integer_torch_logits_are_promoted_to_the_default_float():
    p = sl.softmax(torch.tensor([[1, 2, 3]]))
    assert p.dtype == torch.get_default_dtype()
    torch.testing.assert_close(p, torch.softmax(torch.tensor([[1.0, 2.0, 3.0]]), dim=-1))
    with raises(TypeError, "^o: expected real numbers"):
        sl.softmax(torch.tensor([True, False]))


def test_float16_torch_log_softmax_names_the_callers_argument():
    # The loss casts float16 to float32 before it gets here; called directly, the float16
    # route must still pass the caller's name on.
    from softmax_lab.ops import _torch_log_softmax

    with raises(ValueError, "^logits: must be finite"):
        _torch_log_softmax(torch.tensor([np.nan, 0.0], dtype=torch.float16), 0, "logits")


def test_one_hot_rejects_bad_labels_and_class_counts():
    with raises(ValueError, "^num_classes: must be >= 1, got 0"):
        sl.one_hot(np.array([0]), 0)
    with raises(TypeError, "^y: expected a NumPy array"):
        sl.one_hot("abc", 2)
    with raises(ValueError, "^y: class labels must be < num_classes=2, found 5"):
        sl.one_hot([5], 2)
    with raises(ValueError, "y", "< num_classes=2"):
        sl.one_hot(np.array([2]), 2)


# --- the checks module itself -------------------------------------------------------------------

from softmax_lab import _checks as checks  # noqa: E402


@pytest.mark.parametrize("value", [3, np.int64(3), np.uint8(3), np.array(3), torch.tensor(3),
                                   torch.tensor(3, dtype=torch.int32)])
def test_int_like_values_are_ints(value):
    assert checks.check_int(value, "k", minimum=1, maximum=3) == 3
    assert type(checks.check_int(value, "k")) is int


@pytest.mark.parametrize("value", [True, np.bool_(True), np.array(True), torch.tensor(True),
                                   3.0, np.float64(3.0), torch.tensor(3.0), np.array([3]),
                                   torch.tensor([3]), "3", None])
def test_bools_floats_strings_and_one_element_arrays_are_not_ints(value):
    with raises(TypeError, "^k: expected an int"):
        checks.check_int(value, "k")


def test_int_bounds_name_the_argument_and_the_bound():
    with raises(ValueError, "^k: must be >= 1, got 0"):
        checks.check_int(0, "k", minimum=1)
    with raises(ValueError, "^k: must be <= 9, got 10"):
        checks.check_int(np.int64(10), "k", maximum=9)
    with raises(ValueError, "^seed: must be >= 0"):
        checks.check_seed(-1)
    with raises(ValueError, r"^seed: must be < 2\*\*64"):
        checks.check_seed(2**64)


def test_int_with_both_bounds_names_the_whole_range():
    with raises(ValueError, r"^rows: must be in \[1, 4\], got 7"):
        checks.check_int(7, "rows", minimum=1, maximum=4)


def test_a_bad_value_in_a_sequence_is_named_by_its_index():
    with raises(ValueError, r"^logits\[1\]: must be a finite number in \[-5, 5\], got 9"):
        checks.check_reals([1, 9], "logits", minimum=-5, maximum=5)
    with raises(TypeError, "^logits: expected a sequence of numbers"):
        checks.check_reals(np.array(1.0), "logits")


def test_one_hot_takes_the_number_of_classes_from_the_labels():
    y = np.array([0, 2, 1])
    np.testing.assert_array_equal(sl.one_hot(y, y.max() + 1), np.eye(3)[y])
    yt = torch.tensor([0, 2, 1])
    np.testing.assert_array_equal(sl.one_hot(yt, yt.max() + 1).numpy(), np.eye(3)[y])
    assert float(sl.entropy(np.full(4, 0.25), axis=np.int64(0))) == pytest.approx(math.log(4))


@pytest.mark.parametrize("value", [0.5, 1, np.float32(0.5), np.array(0.5), torch.tensor(0.5)])
def test_real_numbers_of_every_kind_are_floats(value):
    assert checks.check_real(value, "lr", positive=True) == pytest.approx(float(value))


@pytest.mark.parametrize(("value", "error", "message"), [
    (True, TypeError, "^lr: expected a real number"),
    ("0.1", TypeError, "^lr: expected a real number"),
    (1 + 1j, TypeError, "^lr: expected a real number"),
    (np.array([0.1]), TypeError, "^lr: expected a real number"),
    (0.0, ValueError, "^lr: must be a finite number > 0"),
    (-1.0, ValueError, "^lr: must be a finite number > 0"),
    (math.nan, ValueError, "^lr: must be a finite number > 0"),
    (math.inf, ValueError, "^lr: must be a finite number > 0"),
])
def test_bad_real_numbers_name_the_argument(value, error, message):
    with raises(error, message):
        checks.check_real(value, "lr", positive=True)


def test_real_bounds_are_inclusive():
    assert checks.check_real(0, "w", minimum=0) == 0.0
    assert checks.check_real(1, "p", minimum=0, maximum=1) == 1.0
    with raises(ValueError, r"^p: must be a finite number in \[0, 1\], got 1.5"):
        checks.check_real(1.5, "p", minimum=0, maximum=1)


def test_bool_choice_and_folder_checks():
    assert checks.check_bool(np.bool_(False), "progress") is False
    with raises(TypeError, "^progress: expected True or False, got int 1"):
        checks.check_bool(1, "progress")
    assert checks.check_choice("sum", "reduction", ("mean", "sum")) == "sum"
    with raises(ValueError, "^reduction: must be one of 'mean', 'sum', got"):
        checks.check_choice(["sum"], "reduction", ("mean", "sum"))


def test_folder_paths(tmp_path):
    assert checks.check_dir(str(tmp_path / "new"), "cache_dir") == tmp_path / "new"
    with raises(TypeError, "^cache_dir: expected a folder path"):
        checks.check_dir(123, "cache_dir")
    with raises(TypeError, "^cache_dir: expected a folder path"):
        checks.check_dir(b"/tmp", "cache_dir")
    (tmp_path / "file").write_text("x")
    with raises(ValueError, "^cache_dir: .* is not a folder"):
        checks.check_dir(tmp_path / "file", "cache_dir")


def test_sequences_of_reals_and_probability_vectors():
    assert checks.check_reals(np.array([1, 2]), "logits", size=(2, 3)) == [1.0, 2.0]
    with raises(ValueError, "^logits: expected 2 to 3 values, got 4"):
        checks.check_reals([1, 2, 3, 4], "logits", size=(2, 3))
    with raises(ValueError, "^logits: expected 2 values, got 1"):
        checks.check_reals([1], "logits", size=2)
    with raises(TypeError, "^logits: expected a sequence"):
        checks.check_reals("12", "logits")
    with raises(ValueError, r"^logits\[1\]: must be a finite number <= 10"):
        checks.check_reals([1, 11], "logits", maximum=10)
    assert checks.check_probability_vector([0.25, 0.75], "p") == [0.25, 0.75]
    with raises(ValueError, "^p: probabilities must sum to 1 .* sum to 1.1"):
        checks.check_probability_vector([0.5, 0.6], "p")


def test_to_numpy_reads_arrays_tensors_and_lists():
    t = torch.ones(2, 3, requires_grad=True)
    assert checks.to_numpy(t, "X").shape == (2, 3)
    assert checks.to_numpy([[1, 2], [3, 4]], "X").dtype.kind == "i"
    with raises(ValueError, "^X: cannot be read as a rectangular array"):
        checks.to_numpy([[1, 2], [3]], "X")
    with raises(TypeError, "^X: expected a NumPy array"):
        checks.to_numpy({"a": 1}, "X")


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_labels_out_of_range_are_found_in_every_integer_dtype(backend):
    for dtype in ("int8", "int16", "int32", "int64", "uint8"):
        ok = np.array([0, 2, 1], dtype=dtype)
        y = torch.from_numpy(ok) if backend == "torch" else ok
        assert sl.one_hot(y, 3).shape == (3, 3)
        with raises(ValueError, "y", "< num_classes=2, found 2"):
            sl.one_hot(y, 2)
        if dtype != "uint8":
            bad = np.array([0, -1, 1], dtype=dtype)
            with raises(ValueError, "y", ">= 0, found -1"):
                sl.one_hot(torch.from_numpy(bad) if backend == "torch" else bad, 3)


def test_old_import_paths_of_the_checks_still_work():
    from softmax_lab._arrays import check_labels, probability_tolerance

    assert check_labels is checks.check_labels
    assert probability_tolerance is checks.probability_tolerance
    with pytest.raises(ImportError):
        from softmax_lab._arrays import no_such_check  # noqa: F401


@pytest.mark.parametrize(("labels", "message"), [([0, 3], "< num_classes=3, found 3"),
                                                 ([-1, 0], ">= 0, found -1"),
                                                 ([-100, 0], ">= 0, found -100")])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_torch_labels_out_of_range_are_errors_never_skipped(labels, message, reduction):
    # -100 is torch's default ignore_index: F.cross_entropy would silently leave it out.
    with raises(ValueError, "^target: class labels must be " + message):
        sl.cross_entropy_loss(torch.zeros(2, 3), torch.tensor(labels), reduction=reduction)
    with raises(ValueError, "^target: class labels must be " + message):
        sl.cross_entropy_loss(torch.zeros(1, 2, 3), torch.tensor([labels]))


@pytest.mark.parametrize("q", [2, 17, 1000])
@pytest.mark.parametrize("bad", [np.nan, np.inf, "all -inf"])
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_one_bad_logit_anywhere_in_a_wide_torch_batch_is_found(q, bad, dtype):
    # The torch path checks only the first class of each result (a bad slice is NaN
    # throughout): this holds wherever the bad logit sits, in any row, along any axis.
    for row, col in [(0, 0), (5, q // 2), (63, q - 1)]:
        o = torch.randn(64, q, dtype=dtype)
        if bad == "all -inf":
            o[row] = -torch.inf
        else:
            o[row, col] = bad
        for fn in (sl.softmax, sl.log_softmax):
            with raises(ValueError, "o", "finite"):
                fn(o)
            with raises(ValueError, "o", "finite"):
                fn(o.T.contiguous(), axis=0)
        with raises(ValueError, "logits", "finite"):
            sl.cross_entropy_loss(o, torch.zeros(64, dtype=torch.int64))


def test_the_error_counts_what_is_wrong_with_the_logits():
    o = np.array([[np.nan, 1.0, np.inf], [-np.inf, -np.inf, -np.inf], [1.0, 2.0, -np.inf],
                  [np.nan, np.nan, 0.0]])
    message = "found 3 NaN, 1 \\+inf, 1 slice\\(s\\) along axis=1 with every logit -inf"
    for x in (o, torch.from_numpy(o)):
        for fn in (sl.softmax, sl.log_softmax, sl.logsumexp):
            with raises(ValueError, "^o: must be finite, or -inf to mask a class", message):
                fn(x)
    with raises(ValueError, "found 1 slice\\(s\\) along axis=0 with every logit -inf"):
        sl.log_softmax(o[1:3].T.copy(), axis=0)


def test_nan_torch_logits_with_soft_targets_are_named():
    with raises(ValueError, "^logits: must be finite"):
        sl.cross_entropy_loss(torch.tensor([[np.nan, 0.0]]), torch.tensor([[0.5, 0.5]]))


def test_infinite_maxima_of_both_signs_are_an_error_not_a_numpy_warning():
    # The maxima sum to inf + (-inf): NumPy's "invalid value" warning must not escape.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with raises(ValueError, "^o: must be finite"):
            sl.softmax(np.array([[np.inf, 0.0], [-np.inf, -np.inf]]))


def test_accuracy_names_bad_labels():
    with raises(ValueError, "^labels:"):
        sl.accuracy(np.zeros((2, 3)), np.array([0, 5]))


def test_real_arrays_come_back_as_float64_with_the_shape_asked_for():
    assert checks.check_real_array(torch.ones(2, 3), "W", shape=(2, 3)).dtype == np.float64
    with raises(ValueError, r"^W: expected shape \(2, 3\), got \(3, 2\)"):
        checks.check_real_array(np.zeros((3, 2)), "W", shape=(2, 3))
    with raises(TypeError, "^W: expected real numbers, got dtype bool"):
        checks.check_real_array([True, False], "W")
    with raises(TypeError, "^W: expected real numbers"):
        checks.check_real_array([["a", "b"]], "W")
    with raises(ValueError, "^W: contains NaN or infinite values"):
        checks.check_real_array([1.0, np.nan], "W")
    assert np.isinf(checks.check_real_array([1.0, np.inf], "W", finite=False)[1])


def test_a_function_is_anything_callable():
    assert checks.check_function(len, "softmax_fn") is len
    with raises(TypeError, "^step_fn: expected a function, got str 'f'"):
        checks.check_function("f", "step_fn")


@pytest.mark.parametrize("bad", ["abc", object(), {"a": 1}, [[1, 2], [3]]])
def test_logits_that_are_no_array_are_named(bad):
    for fn in (sl.softmax, sl.log_softmax, sl.logsumexp):
        with raises((TypeError, ValueError), "^o: "):
            fn(bad)


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_the_loss_reports_a_row_masked_out_along_the_class_axis(backend):
    rows, labels = [[0.0, 1.0, 2.0], [-np.inf, -np.inf, -np.inf]], [0, 1]
    if backend == "torch":
        o, y = torch.tensor(rows), torch.tensor(labels)
    else:
        o, y = np.array(rows), np.array(labels)
    with raises(ValueError, r"^logits: .*found 1 slice\(s\) along axis=1 with every logit -inf"):
        sl.cross_entropy_loss(o, y)
