"""Wheels of what is installed in this environment, so that a fresh venv installs offline.

The release smoke test installs softmax_lab's wheel into a brand-new virtual environment with
``pip install --no-index``: pip must find every dependency the wheel declares as a local
file, and nothing else. Those wheels are rebuilt here from the packages already installed in
the project's venv (the pinned ``requirements.txt``): each installed distribution's files, as
its ``RECORD`` lists them, go back into a wheel under the tag its ``WHEEL`` file recorded.

    python tools/wheelhouse.py DIR 'softmax_lab[torch]' ipykernel   # wheels of their closure

Wheels already in ``DIR`` are reused, so later runs cost nothing. A constraints file pinning
the same versions (``DIR/constraints.txt``) keeps pip from choosing anything else.
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import io
import re
import sys
import zipfile
from importlib.metadata import Distribution, PackageNotFoundError, distribution
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.tags import sys_tags
from packaging.utils import canonicalize_name

# Files pip writes at install time; a wheel must not carry them.
INSTALL_ONLY = {"INSTALLER", "RECORD", "REQUESTED", "direct_url.json"}


def closure(requirements: list[str], skip: set[str] = frozenset()) -> list[Distribution]:
    """The installed distributions that ``requirements`` need, recursively (with extras)."""
    env = default_environment()
    found: dict[str, Distribution] = {}
    todo = [Requirement(r) for r in requirements]
    seen: set[tuple[str, frozenset[str]]] = set()
    while todo:
        req = todo.pop()
        key = (canonicalize_name(req.name), frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = distribution(req.name)
        except PackageNotFoundError:
            raise SystemExit(f"{req.name} is required but not installed here") from None
        if key[0] not in skip:
            found[key[0]] = dist
        for line in dist.requires or []:
            sub = Requirement(line)
            extras = ["", *sorted(req.extras)]
            if sub.marker is None or any(sub.marker.evaluate({**env, "extra": e})
                                         for e in extras):
                todo.append(sub)
    return sorted(found.values(), key=lambda d: canonicalize_name(d.metadata["Name"]))


def wheel_name(dist: Distribution) -> str:
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"])
    version = dist.version.replace("-", "_")
    tags = [line.split(":", 1)[1].strip() for line in (dist.read_text("WHEEL") or "").splitlines()
            if line.startswith("Tag:")]
    # A wheel may list several tags (py2-none-any and py3-none-any): name it by one that this
    # interpreter accepts, as pip chose it when installing.
    usable = {str(t) for t in sys_tags()}
    tag = next((t for t in tags if t in usable), tags[0] if tags else "py3-none-any")
    return f"{name}-{version}-{tag}.whl"


def _entry_point_scripts(dist: Distribution) -> set[str]:
    return {ep.name for ep in dist.entry_points if ep.group in ("console_scripts", "gui_scripts")}


def _archive_name(dist: Distribution, recorded: str, data_dir: str) -> str | None:
    """Where an installed file goes in the wheel (None: leave it out)."""
    parts = Path(recorded).parts
    if "__pycache__" in parts or recorded.endswith(".pyc"):
        return None
    if parts[0] != "..":
        if len(parts) == 2 and parts[0].endswith(".dist-info") and parts[1] in INSTALL_ONLY:
            return None
        return recorded
    # Outside site-packages (lib/pythonX.Y/site-packages/../../..): scripts and data files.
    outside = Path(*[p for p in parts if p != ".."])
    if outside.parts[0] == "bin":
        if outside.name in _entry_point_scripts(dist):
            return None  # pip writes these again from entry_points.txt
        return f"{data_dir}/scripts/{outside.name}"
    return f"{data_dir}/data/{outside.as_posix()}"


def repack(dist: Distribution, out_dir: Path) -> Path:
    """Write one installed distribution back into a wheel in ``out_dir``."""
    target = out_dir / wheel_name(dist)
    if target.exists():
        return target
    data_dir = target.name.split("-")[0] + "-" + target.name.split("-")[1] + ".data"
    dist_info = None
    rows = []
    partial = target.with_suffix(".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as zf:
        for recorded in sorted(str(f) for f in dist.files or []):
            arcname = _archive_name(dist, recorded, data_dir)
            source = Path(dist.locate_file(recorded))
            if arcname is None or not source.is_file():
                continue
            data = source.read_bytes()
            if arcname.startswith(f"{data_dir}/scripts/") and data.startswith(b"#!"):
                data = b"#!python" + data[data.index(b"\n"):]  # pip fills in the interpreter
            if arcname.split("/")[0].endswith(".dist-info"):
                dist_info = arcname.split("/")[0]
            zf.writestr(arcname, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            rows.append((arcname, f"sha256={digest.decode()}", str(len(data))))
        if dist_info is None:
            raise SystemExit(f"{dist.metadata['Name']}: no .dist-info in its RECORD")
        record = io.StringIO()
        csv.writer(record, lineterminator="\n").writerows([*rows, (f"{dist_info}/RECORD", "", "")])
        zf.writestr(f"{dist_info}/RECORD", record.getvalue())
    partial.replace(target)
    return target


def build(out_dir: Path, requirements: list[str], skip: set[str] = frozenset()) -> Path:
    """Wheels of the closure of ``requirements`` in ``out_dir``; returns the constraints file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    dists = closure(requirements, skip={canonicalize_name(s) for s in skip})
    for dist in dists:
        repack(dist, out_dir)
    constraints = out_dir / "constraints.txt"
    constraints.write_text("".join(f"{d.metadata['Name']}=={d.version}\n" for d in dists))
    return constraints


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("requirements", nargs="+")
    parser.add_argument("--skip", action="append", default=[],
                        help="a distribution to leave out (e.g. the project itself)")
    args = parser.parse_args()
    print(build(args.out_dir, args.requirements, set(args.skip)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
