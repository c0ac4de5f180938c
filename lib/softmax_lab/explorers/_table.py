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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import traitlets

from .._checks import check_bool, check_choice, check_int, check_real, check_reals

TYPES = ("number", "integer", "choice", "boolean", "numbers", "distribution")
SUM_TOLERANCE = 1e-6


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

    def check(self, value: object, argument: str | None = None) -> Any:
        """``value`` as the state holds it (floats as float, lists as list), or an error."""
        arg = argument or self.name
        spec, kind = self.spec, self.type
        if kind == "number":
            return check_real(value, arg, spec["min"], spec["max"])
        if kind == "integer":
            return check_int(value, arg, spec["min"], spec["max"])
        if kind == "choice":
            return check_choice(value, arg, spec["choices"])
        if kind == "boolean":
            return check_bool(value, arg)
        if kind == "numbers":
            return check_reals(value, arg, tuple(spec["length"]), spec["min"], spec["max"])
        probs = check_reals(value, arg, tuple(spec["length"]), minimum=0.0, maximum=1.0)
        # The JavaScript checks the same sum with the same tolerance (js/state.js), so both
        # hosts accept the same distributions.
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
