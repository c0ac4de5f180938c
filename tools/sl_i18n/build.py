"""Build configurations for each language, the translated builds, and message extraction.

``jupyter-book build --config`` replaces ``_config.yml`` rather than merging with it, so each
build's configuration is generated from ``_config.yml`` into ``_build/config/`` (never a second
hand-kept copy). What differs from ``_config.yml``:

* every language: notebooks run in myst-nb's ``cache`` mode with one cache inside ``_build/``
  (deleted by every clean build, so a change in ``lib/`` cannot leave stale outputs): the
  English build executes each notebook once and the translated builds reuse its outputs;
* a translation: ``language`` and the repository path its Colab buttons open
  (``locale/<language>/book/*.ipynb``, the committed translated notebooks).

Translated sites go to ``_build/html/<language>/`` (:data:`TRANSLATIONS`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
#: Languages the site is built in besides English, each into ``_build/html/<language>/``.
TRANSLATIONS: tuple[str, ...] = ("ko",)


def notebook_folder(language: str) -> str:
    """Where the committed notebooks of ``language`` live, relative to the repository root."""
    return f"locale/{language}"


def book_config(out: Path, language: str = "en", execute: str = "cache") -> Path:
    """Write the Jupyter Book configuration of one build and return its path.

    ``out`` is the folder that holds ``_build/``; ``execute`` is myst-nb's execution mode
    (``"off"`` for message extraction, which needs no outputs).
    """
    config: dict[str, Any] = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    sphinx = config.setdefault("sphinx", {})
    # Paths in _config.yml are relative to it; the generated file lives elsewhere.
    sphinx["local_extensions"] = {
        name: str((ROOT / path).resolve())
        for name, path in (sphinx.get("local_extensions") or {}).items()}
    execute_cfg = config.setdefault("execute", {})
    execute_cfg["execute_notebooks"] = execute
    execute_cfg["cache"] = str((out / "_build" / ".jupyter_cache").resolve())
    if language != "en":
        sphinx.setdefault("config", {})["language"] = language
        config.setdefault("repository", {})["path_to_book"] = notebook_folder(language)
    path = out / "_build" / "config" / f"{language}-{execute}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def _environment() -> dict[str, str]:
    return {**os.environ, "SOFTMAX_LAB_STATIC": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}


def jupyter_book(config: Path, path_output: Path, *args: str) -> None:
    """Run ``jupyter-book build`` on the repository with ``config`` into ``path_output``."""
    exe = Path(sys.executable).parent / "jupyter-book"
    cmd = [str(exe), "build", str(ROOT), "--all", "--config", str(config),
           "--path-output", str(path_output), *args]
    subprocess.run(cmd, check=True, env=_environment(), cwd=ROOT)


def build_translation(out: Path, language: str, strict: bool = False) -> Path:
    """Build the site in ``language`` into ``out/_build/html/<language>`` and return it.

    Run it after the English build, which fills the execution cache it reads.
    """
    work = out / "_build" / language
    shutil.rmtree(work, ignore_errors=True)
    jupyter_book(book_config(out, language), work, *(["-W", "--keep-going"] if strict else []))
    target = out / "_build" / "html" / language
    shutil.rmtree(target, ignore_errors=True)
    shutil.move(str(work / "_build" / "html"), str(target))
    return target


def extract_messages(out: Path) -> Path:
    """Extract every message of the book into ``.pot`` files; return their folder.

    No notebook runs: outputs are never messages.
    """
    jupyter_book(book_config(out, "en", execute="off"), out, "--builder", "custom",
                 "--custom-builder", "gettext", "-q")
    return out / "_build" / "gettext"
