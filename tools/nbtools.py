"""Helpers shared by the notebook tools and tests: the repository URL and the install cell."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"

# The install cell's pip line: `... "softmax_lab @ git+<url>"`.
INSTALL_URL = re.compile(r"(softmax_lab\s*@\s*git\+)([^\"'\s]+)")
# Notebook-level and cell-level metadata a committed notebook may carry.
NOTEBOOK_METADATA = {"kernelspec", "language_info"}
LANGUAGE_INFO = {"name"}
CELL_METADATA = {"tags", "mystnb"}


def repository_url() -> str:
    """``repository.url`` from ``_config.yml``: the one place that names the repository."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return str(config["repository"]["url"]).rstrip("/")


def notebooks() -> list[Path]:
    return sorted(BOOK.glob("*.ipynb"))


def install_cell(nb: dict) -> dict | None:
    """The first code cell (the install cell), or None when there is no code cell."""
    return next((c for c in nb["cells"] if c["cell_type"] == "code"), None)


def python_source(cell: dict) -> str:
    """A code cell's source as Python: IPython magics and shell lines become ``pass``."""
    lines = "".join(cell["source"]).splitlines()
    return "\n".join(
        line[: len(line) - len(line.lstrip())] + "pass"
        if line.lstrip().startswith(("%", "!")) else line
        for line in lines
    )
