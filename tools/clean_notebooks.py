"""Strip outputs, execution counts and editor metadata from the chapter notebooks.

    python tools/clean_notebooks.py           # clean book/*.ipynb in place
    python tools/clean_notebooks.py --check   # exit 1 if any notebook is not clean

Notebooks are committed clean: the build executes them, so outputs in git would only be stale
copies. What is kept: cell tags and ``mystnb`` options, the kernelspec and the language name.
"""

from __future__ import annotations

import argparse
import sys

import nbformat
from nbtools import CELL_METADATA, LANGUAGE_INFO, NOTEBOOK_METADATA, notebooks


def clean(nb: nbformat.NotebookNode) -> bool:
    """Clean ``nb`` in place; return True if anything changed."""
    before = nbformat.writes(nb)
    for key in list(nb.metadata):
        if key not in NOTEBOOK_METADATA:
            del nb.metadata[key]
    info = nb.metadata.get("language_info", {})
    for key in list(info):
        if key not in LANGUAGE_INFO:
            del info[key]
    for cell in nb.cells:
        for key in list(cell.metadata):
            if key not in CELL_METADATA:
                del cell.metadata[key]
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        if "attachments" in cell and not cell["attachments"]:
            del cell["attachments"]
    return nbformat.writes(nb) != before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report, change nothing")
    args = parser.parse_args()
    dirty = []
    for path in notebooks():
        nb = nbformat.read(path, as_version=4)
        if clean(nb):
            dirty.append(path.name)
            if not args.check:
                nbformat.write(nb, path)
    if dirty:
        verb = "not clean" if args.check else "cleaned"
        print(f"{verb}: {', '.join(dirty)}", file=sys.stderr if args.check else sys.stdout)
    return 1 if args.check and dirty else 0


if __name__ == "__main__":
    sys.exit(main())
