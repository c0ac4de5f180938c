"""Point every chapter's install cell at ``repository.url`` from ``_config.yml``.

    python tools/set_repo_url.py          # rewrite book/*.ipynb in place
    python tools/set_repo_url.py --check  # exit 1 if any notebook disagrees
"""

from __future__ import annotations

import argparse
import sys

import nbformat
from nbtools import INSTALL_URL, install_cell, notebooks, repository_url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report, change nothing")
    args = parser.parse_args()
    url, stale = repository_url(), []
    for path in notebooks():
        nb = nbformat.read(path, as_version=4)
        cell = install_cell(nb)
        if cell is None or not INSTALL_URL.search(cell.source):
            print(f"{path.name}: no install cell with 'softmax_lab @ git+URL'", file=sys.stderr)
            stale.append(path)
            continue
        new = INSTALL_URL.sub(lambda m: m.group(1) + url, cell.source)
        if new != cell.source:
            stale.append(path)
            if not args.check:
                cell.source = new
                nbformat.write(nb, path)
                print(f"{path.name}: install cell now uses {url}")
    if args.check and stale:
        print("out of date: " + ", ".join(p.name for p in stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
