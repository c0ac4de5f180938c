"""An explorer's state table: one JSON file beside its module (``softmax.json``), read by both
hosts.

Each entry names one piece of state, its type, range or choices, slider step, default, message
key of its label and its short key in a link. Python reads the table to declare and validate the
widget's traits and the explorer function's arguments; the JavaScript (``js/state.js``) reads the
same table for Reset, links, presets and controls. Entry types:

============  ================================================================================
number        ``min``, ``max``, ``step`` (of its slider), ``scale`` (``linear`` or ``log``)
integer       ``min``, ``max``
choice        ``choices``, ``labels`` (a message key per choice)
boolean
numbers       a list: ``min``, ``max``, ``step`` of each item, ``length`` ``[shortest, longest]``
distribution  a list of probabilities (≥ 0, sum 1 within 1e-6), ``length`` ``[shortest, longest]``
============  ================================================================================

Errors name the argument and say what is wrong, as everywhere in softmax_lab.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Integral, Real
from pathlib import Path
from typing import Any

import numpy as np
import traitlets

TYPES = ("number", "integer", "choice", "boolean", "numbers", "distribution")
SUM_TOLERANCE = 1e-6


def _is_real(v: object) -> bool:
    return isinstance(v, (Real, np.floating, np.integer)) and not isinstance(v, (bool, np.bool_))


@dataclass(frozen=True)
class Entry:
    """One row of a state table (the JSON object, with its fields as attributes)."""

    spec: dict[str, Any]

    @property
    def name(self) -> str:
        return self.spec["name"]

    @property
    def type(self) -> str:
        return self.spec["type"]

    @property
    def default(self) -> Any:
        return self.spec["default"]

    def _number(self, v: object, argument: str) -> float:
        if not _is_real(v):
            raise TypeError(f"{argument}: expected a number, got {type(v).__name__}")
        x = float(v)
        lo, hi = self.spec["min"], self.spec["max"]
        if not (math.isfinite(x) and lo <= x <= hi):
            raise ValueError(f"{argument}: must be a finite number in [{lo:g}, {hi:g}], got {v!r}")
        return x

    def _list(self, v: object, argument: str) -> list[Any]:
        if isinstance(v, (str, bytes)) or not isinstance(v, (Sequence, np.ndarray)):
            raise TypeError(f"{argument}: expected a sequence of numbers, got {type(v).__name__}")
        items = list(np.asarray(v).tolist()) if isinstance(v, np.ndarray) else list(v)
        lo, hi = self.spec["length"]
        if not lo <= len(items) <= hi:
            expected = f"{lo}" if lo == hi else f"{lo} to {hi}"
            raise ValueError(f"{argument}: expected {expected} values, got {len(items)}")
        return items

    def check(self, value: object, argument: str | None = None) -> Any:
        """``value`` as the state holds it (floats as float, lists as list), or an error."""
        arg = argument or self.name
        kind = self.type
        if kind == "number":
            return self._number(value, arg)
        if kind == "integer":
            if not isinstance(value, (Integral, np.integer)) or isinstance(value, (bool, np.bool_)):
                raise TypeError(f"{arg}: expected an integer, got {type(value).__name__}")
            return int(self._number(value, arg))
        if kind == "choice":
            if value not in self.spec["choices"]:
                raise ValueError(f"{arg}: must be one of {self.spec['choices']}, got {value!r}")
            return value
        if kind == "boolean":
            if not isinstance(value, (bool, np.bool_)):
                raise TypeError(f"{arg}: expected True or False, got {type(value).__name__}")
            return bool(value)
        items = self._list(value, arg)
        if kind == "numbers":
            return [self._number(v, f"{arg}[{i}]") for i, v in enumerate(items)]
        probs = []
        for i, v in enumerate(items):
            if not _is_real(v) or not math.isfinite(float(v)) or float(v) < 0:
                raise ValueError(f"{arg}: probabilities must be finite and >= 0, got {v!r} at {i}")
            probs.append(float(v))
        if probs and abs(math.fsum(probs) - 1) > SUM_TOLERANCE:
            raise ValueError(f"{arg}: probabilities must sum to 1, got {math.fsum(probs)!r}")
        return probs

    def trait(self) -> traitlets.TraitType:
        """A synced trait that holds this entry, checked on every assignment."""
        return StateTrait(self).tag(sync=True)


class StateTrait(traitlets.TraitType):
    """A trait validated by its state-table entry (a bad value raises ``TraitError``)."""

    info_text = "a value allowed by the explorer's state table"

    def __init__(self, entry: Entry) -> None:
        self.entry = entry
        default = entry.default
        super().__init__(default_value=list(default) if isinstance(default, list) else default)

    def validate(self, obj: Any, value: Any) -> Any:
        try:
            return self.entry.check(value)
        except (TypeError, ValueError) as err:
            raise traitlets.TraitError(str(err)) from err


@dataclass(frozen=True)
class StateTable:
    """An explorer's state table; ``raw`` is the JSON as the JavaScript receives it."""

    raw: dict[str, Any]

    @classmethod
    def load(cls, path: Path) -> StateTable:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        table = cls(raw)
        for e in table.entries:
            if e.type not in TYPES:
                raise ValueError(f"{path.name}: {e.name} has unknown type {e.type!r}")
            e.check(e.default, f"{path.name}: default of {e.name}")
        for preset in raw.get("presets", []):
            for name, value in preset["state"].items():
                table[name].check(value, f"{path.name}: preset {preset['id']}")
        return table

    @property
    def name(self) -> str:
        return self.raw["name"]

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(Entry(spec) for spec in self.raw["state"])

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.entries)

    def __getitem__(self, name: str) -> Entry:
        for e in self.entries:
            if e.name == name:
                return e
        raise KeyError(f"name: the {self.name} state table has no entry {name!r}")

    def defaults(self) -> dict[str, Any]:
        """The state every control starts from, unless an explorer's arguments say otherwise."""
        return {e.name: (list(e.default) if isinstance(e.default, list) else e.default)
                for e in self.entries}

    def check(self, name: str, value: object, argument: str | None = None) -> Any:
        """Check one value against its entry; errors name ``argument`` (default: the entry)."""
        return self[name].check(value, argument)
