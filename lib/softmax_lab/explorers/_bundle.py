"""One self-contained ES module per explorer, assembled from ordinary ES modules.

An explorer's file (``softmax.js``) and the shared runtime (``js/*.js``) are real ES modules with
relative imports, so an editor, a linter or a browser reads them as they are. anywidget loads a
widget's ``_esm`` text from a Blob URL, where a relative import cannot resolve, and the static
site inlines the same text; so :func:`bundle` concatenates the files an explorer needs into one
module: every imported file once, before the files that import it, with its ``import`` lines
removed and ``export`` dropped from its declarations. Only the entry's ``export default`` stays.

The rules that keep this a few lines (a file that breaks them raises ``ValueError`` here):

* imports look like ``import { a, b } from "./x.js";`` (braces may wrap over lines), and every
  imported name is exported by that file: no ``import *``, no renaming, no default imports;
* a shared file has no ``export default`` and no ``export { ... }`` lists;
* top-level names are unique among the files one explorer pulls in (a repeated name is a
  SyntaxError in the browser; the tests load every explorer's bundle).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

_IMPORT = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"([^"]+)";[ \t]*\n?', re.M)
_ANY_IMPORT = re.compile(r"^import\b", re.M)
_EXPORTED = re.compile(
    r"^export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)", re.M)
_EXPORT_KEYWORD = re.compile(r"^export\s+(?=(?:async\s+)?(?:function|const|let|class)\b)", re.M)
_OTHER_EXPORT = re.compile(r"^export\s+(?!(?:async\s+)?(?:function|const|let|class)\b)", re.M)
_TOP_LEVEL = re.compile(
    r"^(?:export\s+)?(?:async\s+)?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)", re.M)


def _imports(path: Path, text: str) -> list[tuple[Path, list[str]]]:
    found = [(m.group(2), [n.strip() for n in m.group(1).split(",") if n.strip()])
             for m in _IMPORT.finditer(text)]
    if len(found) != len(_ANY_IMPORT.findall(text)):
        raise ValueError(
            f"{path.name}: only 'import {{ a, b }} from \"./x.js\";' imports can be bundled")
    out = []
    for spec, names in found:
        if not spec.startswith("."):
            raise ValueError(f"{path.name}: {spec!r} is not a relative import")
        if any(" as " in n for n in names):
            raise ValueError(f"{path.name}: renamed imports ({names}) cannot be bundled")
        out.append(((path.parent / spec).resolve(), names))
    return out


def exported_names(text: str) -> set[str]:
    """Names a module exports with ``export function/const/let/class``."""
    return set(_EXPORTED.findall(text))


def _strip(path: Path, text: str, entry: bool) -> str:
    body = _IMPORT.sub("", text)
    for m in _OTHER_EXPORT.finditer(body):
        if not (entry and body.startswith("default", m.end())):
            raise ValueError(f"{path.name}: only the explorer's own file may export, and only "
                             "'export default' besides exported declarations")
    return f"// ---- {path.name}\n" + _EXPORT_KEYWORD.sub("", body)


@functools.cache
def bundle(entry: Path, extra: tuple[Path, ...] = (), exports: tuple[str, ...] = ()) -> str:
    """The ES module text of ``entry`` and everything it imports (plus ``extra`` files).

    ``exports`` names module-level functions to export as well (tests use it to reach the
    explorer's ``readout`` in the bundle they load, i.e. the code that ships).
    """
    order: list[Path] = []
    texts: dict[Path, str] = {}

    def visit(path: Path, trail: tuple[Path, ...]) -> None:
        if path in texts:
            return
        if path in trail:
            raise ValueError(f"{path.name}: circular import through {[p.name for p in trail]}")
        text = path.read_text(encoding="utf-8")
        for dep, names in _imports(path, text):
            visit(dep, (*trail, path))
            missing = set(names) - exported_names(texts[dep])
            if missing:
                raise ValueError(f"{path.name}: {dep.name} does not export {sorted(missing)}")
        texts[path] = text
        order.append(path)

    for path in (Path(entry).resolve(), *(Path(p).resolve() for p in extra)):
        visit(path, ())
    seen: dict[str, Path] = {}
    for path in order:
        for name in _TOP_LEVEL.findall(texts[path]):
            if name in seen:
                raise ValueError(f"{path.name}: top-level name {name!r} is also defined in "
                                 f"{seen[name].name}; one bundle shares one scope")
            seen[name] = path
    parts = [_strip(p, texts[p], entry=p == Path(entry).resolve()) for p in order]
    if exports:
        parts.append(f"export {{ {', '.join(exports)} }};\n")
    return "\n".join(parts)


def inline_script(module: str) -> str:
    """``module`` as an inline ``<script type="module">`` (so ``</script>`` cannot end it early)."""
    safe = module.replace("</", "<\\/").replace("<!--", "<\\!--")
    return f'<script type="module">\n{safe}\n</script>'
