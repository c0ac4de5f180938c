"""softmax_lab.prose: values glued for the book's text."""

from __future__ import annotations

import sys
import types

import numpy as np
import pytest
import torch
from myst_nb.core.variables import format_plain_text

from softmax_lab import prose
from softmax_lab.prose import glue


@pytest.fixture
def glued(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """Pretend to run in a kernel with myst-nb; record what reaches myst_nb.glue."""
    calls: list[tuple] = []
    fake = types.ModuleType("myst_nb")
    fake.glue = lambda name, value, display=True: calls.append((name, value, display))
    monkeypatch.setitem(sys.modules, "myst_nb", fake)
    monkeypatch.setattr(prose, "_in_kernel", lambda: True)
    return calls


def test_numpy_and_torch_scalars_are_glued_as_python_numbers(glued: list[tuple]) -> None:
    assert glue("a", np.float32(0.25)) == 0.25
    assert glue("b", torch.tensor(3)) == 3
    assert glue("c", np.array(1.5)) == 1.5
    assert glue("d", np.bool_(True)) == 1
    assert glue("e", "digits") == "digits"
    assert [(n, type(v)) for n, v, _ in glued] == [
        ("a", float), ("b", int), ("c", float), ("d", int), ("e", str)]
    assert all(display is False for *_, display in glued)   # nothing shows in the notebook


def test_a_glued_value_formats_in_the_prose_where_a_numpy_scalar_would_not() -> None:
    # myst-nb reads the value back from its repr (the text/plain output).
    value = glue("loss", np.float64(0.123456))
    assert format_plain_text(repr(value), ".3f") == "0.123"
    with pytest.raises(ValueError):
        format_plain_text(repr(np.float64(0.123456)), ".3f")


def test_without_myst_nb_a_kernel_only_gets_the_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "myst_nb", None)     # import fails, as in Colab
    monkeypatch.setattr(prose, "_in_kernel", lambda: True)
    assert glue("x", np.int64(7)) == 7


def test_outside_a_kernel_nothing_is_glued(glued: list[tuple],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prose, "_in_kernel", lambda: False)
    assert glue("x", 2.0) == 2.0
    assert glued == []


@pytest.mark.parametrize("value, error, words", [
    (np.array([0.1, 0.2]), ValueError, "value must be a single number"),
    (float("nan"), ValueError, "value must be finite"),
    (np.float32("inf"), ValueError, "value must be finite"),
    ([1, 2], TypeError, "value must be a number or a str"),
    (None, TypeError, "value must be a number or a str"),
])
def test_values_that_cannot_be_quoted_are_rejected(value: object, error: type,
                                                   words: str) -> None:
    with pytest.raises(error, match=words):
        glue("x", value)


@pytest.mark.parametrize("name, error", [
    (3, TypeError), ("", ValueError), ("2nd", ValueError), ("a b", ValueError),
    ("a:b", ValueError),
])
def test_names_the_glue_role_cannot_read_are_rejected(name: object, error: type) -> None:
    with pytest.raises(error, match="^name must"):
        glue(name, 1.0)  # type: ignore[arg-type]
