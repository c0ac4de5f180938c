"""The broadcasting explorer's kernel form: set traits from Python; the readout is what NumPy
computes for E = exp(O), S = E.sum(axis, keepdims), P = E / S, NumPy's error included."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softmax_lab import softmax
from softmax_lab.explorers import BroadcastExplorer, StaticExplorer, broadcast_explorer
from softmax_lab.explorers.broadcast import broadcast_readout, resize, shape_text
from softmax_lab.i18n import catalog

from ._explorers import decode

O34 = np.array([[1.0, 2.0, 0.0, -1.0], [0.5, 0.5, 3.0, 0.0], [-1.0, 0.0, 1.0, 2.0]])


def _readout(w: BroadcastExplorer) -> dict:
    return decode(w.readout)


def _keys(r: dict) -> list[str]:
    return [m["key"] for m in r["messages"]]


def test_axis_1_with_keepdims_is_softmax_lab_row_by_row() -> None:
    w = broadcast_explorer(O34, axis=1, keepdims=True)
    r = _readout(w)
    np.testing.assert_allclose(r["p"], softmax(O34, axis=1), rtol=1e-15)
    np.testing.assert_allclose(r["row_sums"], 1.0, rtol=1e-15)
    assert r["shape_s"] == [3, 1] and r["shape_p"] == [3, 4] and r["outcome"] == "right"
    assert r["divisor"] == [[0] * 4, [1] * 4, [2] * 4] and r["error"] is None
    assert _keys(r) == ["broadcast.outcome_right"]


def test_axis_0_runs_without_error_but_makes_columns_sum_to_one() -> None:
    for keepdims, shape in ((True, [1, 4]), (False, [4])):
        r = _readout(broadcast_explorer(O34, axis=0, keepdims=keepdims))
        np.testing.assert_allclose(r["p"], softmax(O34, axis=0), rtol=1e-15)
        np.testing.assert_allclose(r["col_sums"], 1.0, rtol=1e-15)
        assert not np.allclose(r["row_sums"], 1.0)
        assert r["shape_s"] == shape and r["outcome"] == "columns" and r["error"] is None
    assert _keys(r) == ["broadcast.outcome_columns", "broadcast.note_keepdims_moot"]


def test_forgetting_keepdims_raises_numpys_broadcasting_error_when_n_differs_from_q() -> None:
    r = _readout(broadcast_explorer(O34, axis=1, keepdims=False))
    assert r["outcome"] == "error" and r["p"] is None and r["row_sums"] is None
    assert r["shape_s"] == [3] and r["shape_p"] is None
    assert [a["rule"] for a in r["align"]] == ["missing", "clash"]
    E = np.exp(O34)
    with pytest.raises(ValueError) as info:
        E / E.sum(axis=1)
    shown = catalog("explorers", "en")[r["error"]["key"]].format(**r["error"]["values"])
    assert shown == f"ValueError: {str(info.value).strip()}"  # NumPy's own words


def test_forgetting_keepdims_with_a_square_batch_gives_silently_wrong_rows() -> None:
    O = O34[:, :3]
    r = _readout(broadcast_explorer(O, axis=1, keepdims=False))
    E = np.exp(O)
    np.testing.assert_allclose(r["p"], E / E.sum(axis=1), rtol=1e-15)  # no error raised
    # P[i, j] is divided by the sum of row j, not of row i.
    np.testing.assert_allclose(r["p"], E / E.sum(axis=1)[None, :], rtol=1e-15)
    assert r["divisor"] == [[0, 1, 2]] * 3 and r["outcome"] == "mixed"
    assert not np.allclose(r["row_sums"], 1.0)


def test_forgetting_keepdims_goes_unnoticed_with_a_single_example() -> None:
    r = _readout(broadcast_explorer(O34[:1], axis=1, keepdims=False))
    np.testing.assert_allclose(r["p"], softmax(O34[:1], axis=1), rtol=1e-15)
    assert r["shape_s"] == [1] and r["outcome"] == "right"
    assert [a["rule"] for a in r["align"]] == ["missing", "stretch"]
    assert _keys(r) == ["broadcast.outcome_right", "broadcast.note_lucky"]


@settings(deadline=None)  # a busy machine is no failure
@given(st.integers(1, 4), st.integers(2, 5), st.integers(0, 1), st.booleans(), st.data())
def test_the_readout_is_numpys_broadcasting_for_every_shape(n, q, axis, keepdims, data) -> None:
    logits = data.draw(st.lists(st.floats(-5, 5), min_size=n * q, max_size=n * q))
    r = broadcast_readout({"rows": n, "cols": q, "logits": logits, "axis": axis,
                           "keepdims": keepdims, "implementation": "numpy", "precise": False})
    E = np.exp(np.array(logits).reshape(n, q))
    S = E.sum(axis=axis, keepdims=keepdims)
    try:
        P = E / S
    except ValueError:
        assert r["outcome"] == "error" and axis == 1 and not keepdims and n not in (1, q)
        return
    np.testing.assert_allclose(r["p"], P, rtol=1e-15)
    assert (r["outcome"] == "right") == (axis == 1 and (keepdims or n == 1))


def test_changing_the_batch_shape_from_python_refits_the_logits() -> None:
    w = broadcast_explorer(O34)
    w.cols = 3
    assert w.logits == O34[:, :3].ravel().tolist()
    w.rows = 4
    assert w.logits[-3:] == [0.0, 0.0, 0.0] and _readout(w)["shape_o"] == [4, 3]
    assert resize([1.0, 2.0], (1, 2), (2, 2)) == [1.0, 2.0, 0.0, 0.0]


def test_shapes_read_as_python_prints_them() -> None:
    assert [shape_text(s) for s in ((3, 4), (3,), (1, 4))] == ["(3, 4)", "(3,)", "(1, 4)"]
    assert str(np.empty((3,)).shape) == shape_text((3,))


@pytest.mark.parametrize(
    ("kwargs", "error", "start"),
    [({"logits": [1.0, 2.0]}, ValueError, "logits: expected shape (n, q)"),
     ({"logits": np.zeros((5, 3))}, ValueError, "logits: expected shape (n, q)"),
     ({"logits": np.zeros((2, 1))}, ValueError, "logits: expected shape (n, q)"),
     ({"logits": [[1.0, 9.0]]}, ValueError, "logits[1]: must be a finite number in [-5, 5]"),
     ({"logits": [[1.0, "a"]]}, TypeError, "logits:"),
     ({"axis": 2}, ValueError, "axis:"), ({"axis": -1}, ValueError, "axis:"),
     ({"keepdims": 1}, TypeError, "keepdims:")],
)
def test_bad_arguments_raise_errors_naming_the_argument(kwargs, error, start) -> None:
    with pytest.raises(error) as info:
        broadcast_explorer(**kwargs)
    assert str(info.value).startswith(start)


def d2l_softmax(X: np.ndarray) -> np.ndarray:
    """A first attempt at a minibatch softmax that forgot keepdims."""
    X_exp = np.exp(X)
    return X_exp / X_exp.sum(1)


def test_a_learners_softmax_fn_gets_the_batch_as_a_2d_float64_array() -> None:
    seen = []

    def mine(O):
        seen.append(O)
        return np.exp(O) / np.exp(O).sum(axis=1, keepdims=True)

    w = broadcast_explorer(O34, softmax_fn=mine)
    assert w.implementation == "yours"
    assert seen[-1].dtype == np.float64 and seen[-1].shape == (3, 4)
    np.testing.assert_array_equal(seen[-1], O34)
    r = _readout(w)
    np.testing.assert_allclose(r["p"], softmax(O34, axis=1), rtol=1e-15)
    assert r["outcome"] == "right" and _keys(r) == ["broadcast.yours_right"]
    assert r["s"] is None and r["align"] is None and r["error"] is None


def test_a_softmax_fn_without_keepdims_fails_then_hides_then_is_right_by_luck() -> None:
    w = broadcast_explorer(O34, softmax_fn=d2l_softmax)
    r = _readout(w)
    assert r["outcome"] == "error" and r["p"] is None
    assert r["error"]["key"] == "hook.raised"
    assert r["error"]["values"]["error"] == (
        "ValueError: operands could not be broadcast together with shapes (3,4) (3,) ")
    w.cols = 3  # square: no error, wrong rows
    r = _readout(w)
    assert r["outcome"] == "mixed" and _keys(r) == ["broadcast.yours_mixed"]
    w.rows = 1  # one example: right by luck
    assert _readout(w)["outcome"] == "right"


def test_a_softmax_fn_over_the_wrong_axis_is_told_so() -> None:
    w = broadcast_explorer(O34, softmax_fn=lambda O: softmax(O, axis=0))
    assert _keys(_readout(w)) == ["broadcast.yours_columns"]


@pytest.mark.parametrize(
    ("hook", "key"),
    [
        (lambda O: None, "hook.returned_none"),
        (lambda O: O[0], "hook.wrong_shape_batch"),
        (lambda O: "P", "hook.not_numbers"),
        (lambda O: 1 / 0, "hook.raised"),
    ],
)
def test_a_softmax_fns_mistake_is_a_message_never_a_traceback(hook, key) -> None:
    r = _readout(broadcast_explorer(O34, softmax_fn=hook))
    assert r["error"]["key"] == key and r["error"]["values"]["hook"] == "softmax_fn"
    assert r["outcome"] == "error" and r["messages"] == []


def test_a_wrong_shape_names_the_shape_the_explorer_needs() -> None:
    r = _readout(broadcast_explorer(O34, softmax_fn=lambda O: O.T))
    assert r["error"]["values"] == {"hook": "softmax_fn", "got": "(4, 3)", "expected": "(3, 4)"}


def test_the_site_shows_numpys_form_where_a_notebook_used_softmax_fn(monkeypatch) -> None:
    monkeypatch.setenv("SOFTMAX_LAB_STATIC", "1")
    ex = broadcast_explorer(O34, softmax_fn=d2l_softmax)
    assert ex.initial["implementation"] == "numpy"
    with pytest.raises(ValueError, match="^implementation: 'yours' needs a softmax_fn"):
        broadcast_readout({**ex.initial, "implementation": "yours"})
    with pytest.raises(TypeError, match="^softmax_fn: expected a function, got int"):
        broadcast_explorer(softmax_fn=3)


def test_the_static_form_is_html_only(monkeypatch) -> None:
    monkeypatch.setenv("SOFTMAX_LAB_STATIC", "1")
    ex = broadcast_explorer(O34[:2], axis=1)
    assert isinstance(ex, StaticExplorer)
    assert ex.initial["rows"] == 2 and ex.initial["axis"] == 1
    assert set(ex._repr_mimebundle_()) == {"text/plain", "text/html"}
