"""The two hosts of an explorer: an anywidget in a kernel, a self-contained fragment on the site.

* **Kernel** (:class:`ExplorerWidget`): the state lives in synced traits, one per state-table
  entry, validated by the table; whenever one changes, :meth:`ExplorerWidget.compute_readout`
  (Python, ``softmax_lab``, the learner's hooks) computes the readout trait and the explorer's
  module draws it. Its MIME bundle holds the widget view and, for front ends without widgets,
  the static form as ``text/html``.
* **Static site** (:class:`StaticExplorer`, what :func:`show` returns while the book builds,
  ``SOFTMAX_LAB_STATIC=1``): ``text/html`` only, with the same module inlined and mounted on an
  in-page model whose readout is the explorer's JS ``readout``; no widget, no comm.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import secrets
from pathlib import Path
from typing import Any, ClassVar

import anywidget
import traitlets

from ..i18n import LANGUAGES, catalog, get_language, message
from ..palette import CLASS_COLORS
from ._bundle import bundle, inline_script
from ._table import StateTable
from ._wire import to_wire

RUNTIME = Path(__file__).resolve().parent / "js"
STYLESHEET = RUNTIME / "style.css"
HOST_MODULE = RUNTIME / "host.js"

#: Attributes of every explorer widget besides its state: no state entry may take these names.
RESERVED = ("readout", "config", "language", "data", "hooks")

_ids = itertools.count()
# Element ids must be unique on a page that also holds outputs saved by an earlier kernel
# (whose counter also started at 0), so each process adds its own random token.
_SESSION = secrets.token_hex(3)


def static_mode() -> bool:
    """True while the book builds: explorers emit only their static HTML form."""
    return os.environ.get("SOFTMAX_LAB_STATIC", "") not in ("", "0")


def catalogs() -> dict[str, dict[str, str]]:
    """The explorers' messages in every language present (the JS picks the reader's)."""
    return {lang: catalog("explorers", lang) for lang in LANGUAGES}


class _ExplorerMeta(type(anywidget.AnyWidget)):  # type: ignore[misc]
    """Reads an explorer's state table and module when its class is defined, and declares one
    synced, validated trait per table entry."""

    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any], **kw: Any) -> type:
        path = ns.get("esm_path")
        if path is not None:
            table = StateTable.load(Path(path).with_suffix(".json"))
            ns["state_table"] = table
            ns["_esm"] = bundle(Path(path))
            ns["_css"] = STYLESHEET.read_text(encoding="utf-8")
            for entry in table.entries:
                if entry.name in RESERVED:
                    raise ValueError(f"{table.name}.json: {entry.name!r} is reserved for the host")
                ns.setdefault(entry.name, entry.trait())
        return super().__new__(mcls, name, bases, ns, **kw)


class ExplorerWidget(anywidget.AnyWidget, metaclass=_ExplorerMeta):
    """Base class of every explorer's kernel form.

    A subclass sets ``esm_path`` (its ES module; the state table is the ``.json`` beside it)
    and ``hook_names``, and implements :meth:`compute_readout`. The traits named in the table,
    plus ``readout``, ``config`` and ``language``, are synced with the front end.

    Parameters
    ----------
    initial : dict
        A valid state (checked by the explorer function); Reset returns to it.
    hooks : dict, optional
        The learner's functions by name; ``None`` values are left out.
    data : dict, optional
        Read-only data the readout needs besides the state (e.g. a recorded training run):
        ``self.data`` in :meth:`compute_readout`, ``config.data`` and the JS ``readout``'s
        second argument on the site.
    """

    esm_path: ClassVar[Path | None] = None
    state_table: ClassVar[StateTable]
    hook_names: ClassVar[tuple[str, ...]] = ()

    readout = traitlets.Dict().tag(sync=True)
    config = traitlets.Dict().tag(sync=True)
    language = traitlets.Unicode("en").tag(sync=True)

    def __init__(self, initial: dict[str, Any], hooks: dict[str, Any] | None = None,
                 data: dict[str, Any] | None = None) -> None:
        self.hooks = {k: v for k, v in (hooks or {}).items() if v is not None}
        self.data = data
        unknown = set(self.hooks) - set(self.hook_names)
        if unknown:
            raise TypeError(f"hooks: {type(self).__name__} takes {self.hook_names}, "
                            f"got {sorted(unknown)}")
        config = explorer_config(type(self), initial, sorted(self.hooks), host="kernel", data=data)
        super().__init__(**initial, config=config, language=get_language())
        self.observe(self._recompute, names=list(self.state_table.names))
        self._recompute()

    def state(self) -> dict[str, Any]:
        """The current state, one value per table entry."""
        return {name: getattr(self, name) for name in self.state_table.names}

    def compute_readout(self, state: dict[str, Any]) -> dict[str, Any]:
        """Every number the explorer shows for ``state`` (with the learner's hooks)."""
        raise NotImplementedError

    @classmethod
    def without_hooks(cls, state: dict[str, Any]) -> dict[str, Any]:
        """The nearest state the static site can show (it cannot call Python hooks)."""
        return state

    def _recompute(self, change: Any = None) -> None:
        # A front end that sets several traits at once notifies once per trait: one readout.
        state = self.state()
        if getattr(self, "_readout_for", None) == state:
            return
        self._readout_for = state
        self.readout = to_wire(self.compute_readout(state))

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        bundle, metadata = super()._repr_mimebundle_(**kwargs)
        bundle["text/html"] = static_html(type(self), self.without_hooks(self.state()),
                                          data=self.data)
        return bundle, metadata


def explorer_config(cls: type[ExplorerWidget], initial: dict[str, Any], hooks: list[str],
                    host: str, css: str | None = None,
                    data: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the module needs besides the state: table, start, messages, colours, hooks, host
    (and the explorer's read-only ``data``, when it has some)."""
    config = {
        "table": cls.state_table.raw,
        "initial": to_wire(initial),
        "catalogs": catalogs(),
        "palette": list(CLASS_COLORS),
        "hooks": hooks,
        "host": host,
        "css": css,
    }
    if data is not None:
        config["data"] = to_wire(data)
    return config


def static_html(cls: type[ExplorerWidget], initial: dict[str, Any],
                language_catalogs: dict[str, dict[str, str]] | None = None,
                data: dict[str, Any] | None = None) -> str:
    """The static form: a placeholder element and an inline module that mounts on it."""
    assert cls.esm_path is not None
    name = cls.state_table.name
    root = f"sl-{name}-{_SESSION}-{next(_ids)}"
    config = explorer_config(cls, initial, [], host="page",
                             css=STYLESHEET.read_text(encoding="utf-8"), data=data)
    if language_catalogs is not None:
        config["catalogs"] = language_catalogs
    module = bundle(Path(cls.esm_path), extra=(HOST_MODULE,)) + (
        f"\nmountStatic(document.getElementById({json.dumps(root)}), {json.dumps(config)}, "
        "{ render, readout, check });\n"
    )
    fallback = html.escape(message("explorers.common.needs_js"))
    return (f'<div class="sl-explorer-host" data-sl-explorer="{name}" id="{root}">'
            f'<p class="sl-fallback">{fallback}</p></div>\n{inline_script(module)}')


class StaticExplorer:
    """An explorer on the static site: its self-contained HTML, nothing else."""

    def __init__(self, cls: type[ExplorerWidget], initial: dict[str, Any],
                 data: dict[str, Any] | None = None) -> None:
        self.cls = cls
        self.initial = initial
        self.data = data

    def to_html(self) -> str:
        return static_html(self.cls, self.initial, data=self.data)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        name = self.cls.state_table.name
        return {"text/plain": f"<{name} explorer>", "text/html": self.to_html()}


def show(cls: type[ExplorerWidget], initial: dict[str, Any],
         hooks: dict[str, Any] | None = None,
         data: dict[str, Any] | None = None) -> ExplorerWidget | StaticExplorer:
    """The explorer for this context: its widget, or its static form while the book builds."""
    if static_mode():
        return StaticExplorer(cls, cls.without_hooks(initial), data)
    return cls(initial, hooks, data)
