"""Make a release of softmax_lab with one command.

    python tools/release.py            # or: make release
    python tools/release.py --no-tag   # everything except creating the git tag

1. Build the sdist and the wheel with ``build`` (``--no-isolation``: the pinned setuptools of
   the project venv, no download) from a copy of the files git tracks, into ``dist/``.
2. Check both with ``twine check``, and check that the wheel holds every file of the package
   (the explorers' JS/CSS and the message catalogs included).
3. Smoke-test the wheel: a fresh virtual environment gets only the wheel, what it declares
   (with the ``torch`` extra) and ipykernel, installed by pip with ``--no-index`` from wheels
   rebuilt out of this venv (``tools/wheelhouse.py``), so it works offline; then a chapter
   notebook is executed in that environment from a directory outside the repository.
4. Create the annotated git tag ``v<version>`` that the chapters' install cell pins
   (``tools/nbtools.release_tag``). Pushing it (``git push origin v<version>``) publishes the
   release for Colab users; until then the install cell's tag does not exist upstream.
"""

from __future__ import annotations

import argparse
import email
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import venv
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from nbtools import ROOT, package_version, release_tag
from wheelhouse import build as build_wheelhouse

#: The chapter the smoke test runs: it trains with NumPy and torch, draws figures and shows
#: two explorers, so it needs the wheel's code, its JS/CSS, its catalogs and the torch extra.
SMOKE_NOTEBOOK = ROOT / "book" / "ch08_prediction_evaluation.ipynb"
#: Rebuilt dependency wheels are kept here between runs (inside the ignored venv folder).
WHEELHOUSE = ROOT / ".venv" / "wheelhouse"
PACKAGE = ROOT / "lib" / "softmax_lab"


def _run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


def tracked_copy(dest: Path) -> Path:
    """The files git tracks (as they are in the working tree) copied to ``dest``."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True,
                           capture_output=True).stdout.decode().split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return dest


def build_dists(out_dir: Path) -> tuple[Path, Path]:
    """Build the sdist and the wheel into ``out_dir``; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sl-release-src-") as tmp:
        source = tracked_copy(Path(tmp))
        _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out_dir),
              str(source)], stdout=subprocess.DEVNULL)
    version = package_version()
    return (out_dir / f"softmax_lab-{version}.tar.gz",
            out_dir / f"softmax_lab-{version}-py3-none-any.whl")


def twine_check(*paths: Path) -> None:
    _run([sys.executable, "-m", "twine", "check", "--strict", *map(str, paths)])


def package_files() -> set[str]:
    """Every file git tracks in the package, as a path inside the wheel."""
    out = subprocess.run(["git", "ls-files", "lib/softmax_lab"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.split()
    return {name.removeprefix("lib/") for name in out}


def missing_from_wheel(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as zf:
        return package_files() - set(zf.namelist())


def declared_requirements(wheel: Path, extras: tuple[str, ...] = ("torch",)) -> list[str]:
    """The wheel's Requires-Dist that apply with ``extras``, markers evaluated."""
    from packaging.markers import default_environment
    from packaging.requirements import Requirement

    with zipfile.ZipFile(wheel) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        message = email.message_from_bytes(zf.read(meta))
    env = default_environment()
    out = []
    for line in message.get_all("Requires-Dist") or []:
        req = Requirement(line)
        if req.marker is None or any(req.marker.evaluate({**env, "extra": e})
                                     for e in ("", *extras)):
            req.marker = None
            out.append(str(req))
    return out


def fresh_venv(wheel: Path, where: Path) -> Path:
    """A new venv with only the wheel, what it declares (+ the torch extra) and ipykernel."""
    constraints = build_wheelhouse(WHEELHOUSE, [*declared_requirements(wheel), "ipykernel"],
                                   skip={"softmax_lab"})
    venv.EnvBuilder(with_pip=True, clear=True).create(where)
    python = where / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "--quiet", "--no-index", "--no-compile",
          "--disable-pip-version-check", "--find-links", str(WHEELHOUSE),
          "--find-links", str(wheel.parent), "-c", str(constraints),
          f"softmax_lab[torch] @ {wheel.as_uri()}", "ipykernel"],
         env={**_clean_env(), "PIP_CONFIG_FILE": os.devnull})
    return python


def _clean_env() -> dict[str, str]:
    """The environment without anything that points back into this repository or venv."""
    drop = {"PYTHONPATH", "VIRTUAL_ENV", "PIP_FIND_LINKS", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL"}
    return {k: v for k, v in os.environ.items() if k not in drop}


def run_notebook(python: Path, notebook: Path, workdir: Path, timeout: int = 300) -> Path:
    """Execute ``notebook`` (copied into ``workdir``) with a kernel running ``python``; the
    last cell records where softmax_lab was imported from. Returns that path."""
    import nbformat
    from nbclient import NotebookClient

    kernels = workdir / "jupyter" / "kernels" / "sl-fresh"
    kernels.mkdir(parents=True)
    # SOFTMAX_LAB_STATIC: explorers render their kernel-free form, read from the wheel's files.
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "softmax_lab wheel", "language": "python",
        "env": {"SOFTMAX_LAB_STATIC": "1"}}))
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import softmax_lab\nprint(softmax_lab.__file__)"))
    client = NotebookClient(nb, kernel_name="sl-fresh", timeout=timeout,
                            resources={"metadata": {"path": str(workdir)}})
    before = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = str(workdir / "jupyter")  # where the kernel spec is found
    try:
        client.execute(cwd=str(workdir), env=_clean_env())
    finally:
        if before is None:
            del os.environ["JUPYTER_PATH"]
        else:
            os.environ["JUPYTER_PATH"] = before
    return Path(nb.cells[-1].outputs[0]["text"].strip())


def smoke_test(wheel: Path, notebook: Path = SMOKE_NOTEBOOK) -> Path:
    """Install ``wheel`` into a fresh venv and run a chapter there, outside the repository.
    Returns where the kernel imported softmax_lab from (inside that venv)."""
    with tempfile.TemporaryDirectory(prefix="sl-smoke-") as tmp:
        python = fresh_venv(wheel, Path(tmp) / "venv")
        work = Path(tmp) / "work"
        work.mkdir()
        start = time.perf_counter()
        imported = run_notebook(python, notebook, work)
        print(f"{notebook.name} ran in the fresh venv in {time.perf_counter() - start:.1f} s; "
              f"softmax_lab came from {imported}")
        if not imported.is_relative_to(Path(tmp) / "venv"):
            raise SystemExit(f"softmax_lab was imported from {imported}, not the fresh venv")
        return imported


def create_tag() -> str:
    tag = release_tag()
    exists = subprocess.run(["git", "rev-parse", "-q", "--verify", f"refs/tags/{tag}"],
                            cwd=ROOT, capture_output=True).returncode == 0
    if exists:
        print(f"tag {tag} exists already; bump project.version in pyproject.toml for a new release")
        return tag
    _run(["git", "tag", "-a", tag, "-m", f"softmax_lab {package_version()}"], cwd=ROOT)
    print(f"created tag {tag}; publish it with: git push origin {tag}")
    return tag


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-tag", action="store_true", help="do not create the git tag")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    sdist, wheel = build_dists(args.dist)
    twine_check(sdist, wheel)
    missing = missing_from_wheel(wheel)
    if missing:
        raise SystemExit(f"the wheel lacks {sorted(missing)}: add them to package-data")
    smoke_test(wheel)
    if not args.no_tag:
        create_tag()
    return 0


if __name__ == "__main__":
    sys.exit(main())
