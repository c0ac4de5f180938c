"""Write every chapter's install cell from one template: the repository URL of ``_config.yml``
and the release tag of ``pyproject.toml``'s version.

    python tools/set_repo_url.py          # rewrite book/*.ipynb in place
    python tools/set_repo_url.py --check  # exit 1 if any notebook disagrees

The cell (``nbtools.install_cell_source``) installs the tagged release, adds the ``torch`` extra
only where torch is missing, and raises with what to do when pip fails.
"""

from __future__ import annotations

import argparse
import sys

import nbformat
from nbtools import install_cell, install_cell_source, notebooks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report, change nothing")
    args = parser.parse_args()
    source, stale = install_cell_source(), []
    for path in notebooks():
        nb = nbformat.read(path, as_version=4)
        cell = install_cell(nb)
        if cell is None or 'find_spec("softmax_lab")' not in cell.source:
            print(f"{path.name}: the first code cell is not the install cell", file=sys.stderr)
            stale.append(path)
            continue
        if cell.source != source:
            stale.append(path)
            if not args.check:
                cell.source = source
                nbformat.write(nb, path)
                print(f"{path.name}: install cell rewritten")
    if args.check and stale:
        print("out of date: " + ", ".join(p.name for p in stale) + "; run "
              "`python tools/set_repo_url.py`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
